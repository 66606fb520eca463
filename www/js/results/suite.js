// The standard suite behind "Test this device": the same work on every device, so any two suite
// results compare directly. Versioned: change a workload, a size or the worker counts and the
// version goes up, and comparisons across versions are flagged.
import { Sweep } from '../experiment/sweep.js';
import { counted } from '../input.js';
import { resultsDocument } from './format.js';
import { SweepResults } from './sweep-results.js';

export const SUITE = {
  name: 'corelab-standard',
  version: 1,
  // Seconds of Auto sampling per point (it stops sooner once the median is known to ±3%).
  budgetS: 3,
  workloads: [
    { id: 'primes', title: 'compute-bound (primes, 2,000,000)', params: { n: 2_000_000 } },
    { id: 'sort', title: 'memory-bound (sort, 4,000,000 values)', params: { n: 4_000_000 } },
    { id: 'imbalanced', title: 'unbalanced (items costing ∝ i³, work stealing)', params: { work: 300_000_000, schedule: 'stealing' } },
  ],
};

/** The worker counts of the suite on `cores` reported cores: powers of two, the cores
 *  themselves and twice them (1, 2, 4, 6, 8, 12 on 6 cores). */
export function suiteWorkers(cores) {
  const counts = new Set([cores, 2 * cores]);
  for (let k = 1; k <= 2 * cores; k *= 2) counts.add(k);
  return [...counts].sort((a, b) => a - b);
}

/** The parameters of a suite workload: the catalogue's defaults (its quick sizes when `quick`),
 *  then the suite's own sizes (not in quick mode, which the tests use). */
function suiteParams(spec, entry, quick) {
  const params = Object.fromEntries(spec.params.map((p) => [p.name, p.kind === 'choice' ? p.choices[quick ? p.quick : p.default] : quick ? p.quick : p.default]));
  for (const [name, value] of Object.entries(entry.params)) {
    if (!quick || typeof value === 'string') params[name] = value;
  }
  return params;
}

/**
 * Runs the suite: each workload swept over the suite's worker counts, one after another.
 * Returns { finished: Promise<results document with `suite`>, cancel() }.
 */
export function runSuite({ catalogue, environment, quick = false, onProgress }) {
  const workers = quick ? [1, 2] : suiteWorkers(environment.hardwareConcurrency ?? 1);
  let current = null;
  let cancelled = false;
  const total = SUITE.workloads.length * workers.length;
  const finished = (async () => {
    const sweeps = [];
    for (const [w, entry] of SUITE.workloads.entries()) {
      const spec = catalogue.workloads.find((s) => s.id === entry.id);
      const params = suiteParams(spec, entry, quick);
      const request = {
        workload: spec.id, engine: spec.engine ?? 'rayon', memory: spec.memory ?? null, params, workers, vary: null, scaling: 'strong', warmup: 1,
        points: workers.map((k) => ({ workers: k, params, label: counted(k, 'worker') })),
        ...(quick ? { repeatMode: 'fixed', repeats: 2, budgetMs: null } : { repeatMode: 'auto', repeats: null, budgetMs: SUITE.budgetS * 1000 }),
      };
      const results = new SweepResults(request, environment.timerResolution_ms);
      current = new Sweep(request, {
        onProgress: (plan, index) => onProgress?.({
          done: w * workers.length + index, of: total,
          text: `Testing this device: ${entry.title}, ${plan.label} (${w * workers.length + index + 1} of ${total})…`,
        }),
        onPoint: (point) => results.add(point),
      });
      if (cancelled) current.cancel();
      await current.run();
      sweeps.push(results);
    }
    onProgress?.({ done: total, of: total, text: 'Testing this device: done.' });
    return { ...resultsDocument(environment, sweeps), suite: { name: SUITE.name, version: SUITE.version, quick } };
  })();
  return {
    finished,
    cancel() {
      cancelled = true;
      current?.cancel();
    },
  };
}
