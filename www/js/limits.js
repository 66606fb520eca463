// The limits of a sweep, declared once for the page, the lessons and the headless runner.

/** Timed runs per point. */
export const REPEATS = { min: 1, max: 100, default: 5 };

/** Auto repeats' time budget per point, in seconds. */
export const BUDGET_S = { min: 1, max: 600, default: 30 };

/** The page allows up to twice the reported cores (to show oversubscription), at least 2. */
export function maxWorkers(hardwareConcurrency) {
  return Math.max(2, 2 * hardwareConcurrency);
}

/** The headless runner's ceiling: it may drive a device larger than the one it runs on. */
export const MAX_WORKERS_HEADLESS = 1024;

/** Values in one parameter sweep. */
export const MAX_VARIED_VALUES = 12;
