// The lessons, in reading order. Adding a lesson is one HTML file in this folder
// (www/lessons/<id>.html, see README.md) plus one line here. `minutes` is the reading time at 200
// words a minute, `experiments` and `checks` count the lesson's live experiments and quick checks:
// the index shows them, and tests/unit/lessons.test.js checks them against the file.
export const LESSONS = [
  { id: 'your-cores', minutes: 11, experiments: 1, checks: 3, title: 'Your cores', teaser: 'How many cores does your device really have? Count primes on more and more workers and let the speedup curve tell you where the cores run out.' },
  { id: 'amdahl', minutes: 10, experiments: 1, checks: 3, title: "Amdahl's law", teaser: 'A part of every program runs on one core. Set that part yourself, watch it cap the speedup at 1/s, and see the fit recover it from your timings.' },
  { id: 'gustafson', minutes: 9, experiments: 2, checks: 3, title: 'Gustafson: bigger problems for more cores', teaser: 'Same workload, two questions: finish a fixed job sooner, or do a bigger job in the same time? Strong and weak scaling, side by side.' },
  { id: 'task-size', minutes: 11, experiments: 3, checks: 3, title: 'Task size: when parallel is slower', teaser: 'Every task costs something to hand out. Sweep the grain from tiny to huge and find where the work in a task outweighs what handing it out costs.' },
  { id: 'load-balancing', minutes: 10, experiments: 2, checks: 3, title: 'Load balancing', teaser: 'Equal numbers of items are not equal work. Watch one thread carry almost everything, then let work stealing spread it out.' },
  { id: 'global-lock', minutes: 13, experiments: 3, checks: 3, title: 'The global lock (why Python threads do not speed up CPU work)', teaser: 'One lock, held by whoever computes: watch threads take turns and the speedup stay at 1, then add waiting and see why threads still help with I/O.' },
  { id: 'races', minutes: 13, experiments: 3, checks: 4, title: 'Races and lost updates', teaser: 'Let every core add to one counter and watch increments vanish. Then make it exact with an atomic, a lock or private counts, and see what each costs.' },
  { id: 'randomness', minutes: 13, experiments: 3, checks: 3, title: 'Reproducible randomness', teaser: 'Estimate π with random darts on any number of cores and get the same answer to the last digit, or not, depending only on how the workers are seeded.' },
  { id: 'sharing', minutes: 13, experiments: 3, checks: 3, title: 'Sharing memory vs sending copies', teaser: 'Workers need their data before they can start. Share it, copy it or move it, and measure how a copy caps the speedup however many cores you have.' },
];
