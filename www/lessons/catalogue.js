// The lessons, in reading order. Adding a lesson is one HTML file in this folder
// (www/lessons/<id>.html, see README.md) plus one line here.
export const LESSONS = [
  { id: 'your-cores', title: 'Your cores', teaser: 'How many cores does your device really have? Count primes on more and more workers and let the speedup curve tell you where the cores run out.' },
  { id: 'amdahl', title: "Amdahl's law", teaser: 'A part of every program runs on one core. Set that part yourself, watch it cap the speedup at 1/s, and see the fit recover it from your timings.' },
  { id: 'gustafson', title: 'Gustafson: bigger problems for more cores', teaser: 'Same workload, two questions: finish a fixed job sooner, or do a bigger job in the same time? Strong and weak scaling, side by side.' },
  { id: 'task-size', title: 'Task size: when parallel is slower', teaser: 'Every task costs something to hand out. Sweep the grain from tiny to huge and find where the work in a task pays for its dispatch.' },
  { id: 'load-balancing', title: 'Load balancing', teaser: 'Equal numbers of items are not equal work. Watch one thread carry almost everything, then let work stealing spread it out.' },
  { id: 'global-lock', title: 'The global lock (why Python threads do not speed up CPU work)', teaser: 'One lock, held by whoever computes: watch threads take turns and the speedup stay at 1, then add waiting and see why threads still help with I/O.' },
  { id: 'races', title: 'Races and lost updates', teaser: 'Let every core add to one counter and watch increments vanish. Then make it exact with an atomic, a lock or private counts, and see what each costs.' },
  { id: 'randomness', title: 'Reproducible randomness', teaser: 'Estimate π with random darts on any number of cores and get the same answer to the last digit, or not, depending only on how the workers are seeded.' },
  { id: 'sharing', title: 'Sharing memory vs sending copies', teaser: 'Workers need their data before they can start. Share it, copy it or move it, and measure how a copy caps the speedup however many cores you have.' },
];
