// The results of a sweep and the one JSON format they are exported in. The same document is
// written by Export JSON, by `./build.sh bench` (which downloads it from this page) and by the
// native runner; the README documents its fields.
import { fitAmdahl, speedups, summarize } from './stats.js';

export const FORMAT = 'corelab-results';
export const FORMAT_VERSION = 1;

/** One sweep's measurements, in worker order, with everything derived from them. */
export class SweepResults {
  constructor({ workload, params, workers }) {
    this.workload = workload;
    this.params = params;
    this.requested = workers;
    this.points = [];
  }

  /** Adds a point from a compute worker. Verified means: its check passed, and its result is
   *  identical to the first point's (every workload here is deterministic). */
  add(point) {
    const first = this.points[0];
    const sameAsFirst = !first || first.digest === point.digest;
    const stats = summarize(point.samples_ms);
    this.points.push({
      ...point,
      median_ms: stats.median,
      min_ms: stats.min,
      max_ms: stats.max,
      identical: sameAsFirst,
      verified: Boolean(point.check?.ok) && sameAsFirst,
    });
  }

  get fit() {
    return fitAmdahl(this.points);
  }

  /** The runs as exported: one object per worker count. */
  runs() {
    const derived = speedups(this.points);
    return this.points.map((p, i) => ({
      workload: this.workload,
      params: this.params,
      workers: p.workers,
      repeats: p.samples_ms.length,
      samples_ms: p.samples_ms,
      warmup_ms: p.warmup_ms,
      median_ms: p.median_ms,
      min_ms: p.min_ms,
      max_ms: p.max_ms,
      speedup: derived[i].speedup,
      efficiency: derived[i].efficiency,
      verified: p.verified,
      check: p.check?.detail ?? '',
      identical_to_first: p.identical,
      summary: p.summary,
      digest: p.digest,
      instantiate_ms: p.instantiate_ms,
      pool_start_ms: p.pool_start_ms,
      prepare_ms: p.prepare_ms,
    }));
  }
}

/** The export document for some sweeps (one per workload; a later one replaces an earlier). */
export function exportDocument(environment, sweeps) {
  const runs = [];
  const fits = {};
  for (const sweep of sweeps) {
    runs.push(...sweep.runs());
    const fit = sweep.fit;
    if (fit) fits[sweep.workload] = { model: 'amdahl', ...fit, workers: sweep.points.map((p) => p.workers), params: sweep.params };
  }
  return { format: FORMAT, version: FORMAT_VERSION, created: new Date().toISOString(), environment, runs, fits };
}
