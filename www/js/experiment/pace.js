// How long a running sweep still needs, at the pace of its runs so far: a sweep at large sizes
// with many repeats can take hours or days on a slow device, and the page says so while it runs,
// so that the reader can cancel and choose smaller sizes rather than wait without knowing.
import { counted } from '../input.js';
import { AUTO } from '../stats.js';

/** A sweep whose time left is at least this long says so beside its progress. */
export const SAY_TIME_LEFT_MS = 2 * 60 * 1000;

/**
 * At least how many ms the sweep `request` still needs, when point `index` is at `progress` (a
 * compute worker's progress message) and one run of that point took `runMs`. Every point also
 * makes one traced run for its timeline. Later points of a strong-scaling sweep run the same
 * problem on more workers, counted as if their speedup were ideal; under weak scaling, or over a
 * parameter's values, as taking as long as this one. Auto is counted at its fewest samples (a
 * precise median, or its budget spent); noisy timings make it sample longer. So this is a lower
 * bound. Null before a run was timed, and where the phase says nothing about the runs left.
 */
export function leastTimeLeft(request, index, progress, runMs) {
  if (!(runMs > 0)) return null;
  // Timed runs of a point whose runs take `ms`: Auto stops at its fewest samples for a precise
  // median, or once its budget is spent (after one run at least).
  const timed = (ms) => (request.repeatMode === 'auto'
    ? Math.min(AUTO.minSamples, Math.max(1, Math.ceil(request.budgetMs / ms))) : request.repeats);
  const perPoint = (ms) => request.warmup + timed(ms) + 1; // and the traced run for the timeline
  // Runs of this point not finished yet, the one under way included.
  const { phase, done } = progress;
  const here = phase === 'warmup' ? perPoint(runMs) - done
    : phase === 'repeat' || phase === 'auto' ? Math.max(timed(runMs) - done, 0) + 1
    : ['verify', 'overhead', 'timeline'].includes(phase) ? 1
    : null;
  if (here == null) return null;
  const workers = request.points[index].workers;
  const later = request.points.slice(index + 1).reduce((sum, point) => {
    const ms = runMs * (request.scaling === 'weak' || request.vary ? 1 : workers / point.workers);
    return sum + perPoint(ms) * ms;
  }, 0);
  return here * runMs + later;
}

/** A duration for a person: "2 days 4 h", "3 h 20 min", "12 min", "40 s". */
export function formatDuration(ms) {
  const minutes = Math.round(ms / 60000);
  if (ms < 60000) return `${Math.max(1, Math.round(ms / 1000))} s`;
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`;
  const days = Math.floor(hours / 24);
  return `${counted(days, 'day')}${hours % 24 ? ` ${hours % 24} h` : ''}`;
}
