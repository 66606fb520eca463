// The lessons, in reading order. Adding a lesson is one HTML file in this folder
// (www/lessons/<id>.html, see README.md) plus one line here.
export const LESSONS = [
  { id: 'your-cores', title: 'Your cores', teaser: 'How many cores does your device really have? Count primes on more and more workers and let the speedup curve tell you where the cores run out.' },
  { id: 'amdahl', title: "Amdahl's law", teaser: 'A part of every program runs on one core. Set that part yourself, watch it cap the speedup at 1/s, and see the fit recover it from your timings.' },
  { id: 'gustafson', title: 'Gustafson: bigger problems for more cores', teaser: 'Same workload, two questions: finish a fixed job sooner, or do a bigger job in the same time? Strong and weak scaling, side by side.' },
  { id: 'task-size', title: 'Task size: when parallel is slower', teaser: 'Every task costs something to hand out. Sweep the grain from tiny to huge and find where the work in a task pays for its dispatch.' },
  { id: 'load-balancing', title: 'Load balancing', teaser: 'Equal numbers of items are not equal work. Watch one thread carry almost everything, then let work stealing spread it out.' },
];
