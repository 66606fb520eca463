// The results of a sweep and the one JSON format they are exported in. The same document is
// written by Export JSON, by `./build.sh bench` (which downloads it from this page) and by the
// native runner; the README documents its fields.
import { COARSE_TIMER_MS } from './environment.js';
import { fitAmdahl, fitGustafson, medianInterval, speedups, summarize } from './stats.js';

export const FORMAT = 'corelab-results';
export const FORMAT_VERSION = 1;

/** A run's timer is coarse when the device's is, or when its step is over 1% of the median. */
export function timerCoarse(resolutionMs, medianMs) {
  return resolutionMs >= COARSE_TIMER_MS || resolutionMs > 0.01 * medianMs;
}

/** One sweep's measurements, in worker order, with everything derived from them. */
export class SweepResults {
  constructor({ workload, params, workers, scaling = 'strong' }, timerResolutionMs = 0) {
    this.workload = workload;
    this.params = params;
    this.requested = workers;
    this.scaling = scaling;
    this.timerResolutionMs = timerResolutionMs;
    this.points = [];
  }

  /** Adds a point from a compute worker. Verified means: its check passed, and (strong scaling,
   *  where the problem is the same at every k) its result is identical to the first point's. */
  add(point) {
    const first = this.points[0];
    const sameAsFirst = this.scaling === 'weak' || !first || first.digest === point.digest;
    const stats = summarize(point.samples_ms);
    const interval = medianInterval(point.samples_ms);
    this.points.push({
      ...point,
      median_ms: stats.median,
      min_ms: stats.min,
      max_ms: stats.max,
      ci_low_ms: interval.low,
      ci_high_ms: interval.high,
      ci_level: interval.level,
      timer_coarse: timerCoarse(this.timerResolutionMs, stats.median),
      identical: sameAsFirst,
      verified: Boolean(point.check?.ok) && sameAsFirst,
    });
    this.#fit = undefined;
  }

  #fit = undefined;

  /** Amdahl's law (strong scaling) or Gustafson's (weak) fitted to the points, with its range. */
  get fit() {
    if (this.#fit === undefined) {
      const fit = this.scaling === 'weak' ? fitGustafson(this.points) : fitAmdahl(this.points);
      this.#fit = fit && { model: this.scaling === 'weak' ? 'gustafson' : 'amdahl', ...fit };
    }
    return this.#fit;
  }

  /** Speedup (scaled, under weak scaling) with its interval, efficiency and Karp-Flatt. */
  get derived() {
    return speedups(this.points, this.scaling);
  }

  /** The runs as exported: one object per worker count. */
  runs() {
    const derived = this.derived;
    return this.points.map((p, i) => ({
      workload: this.workload,
      params: p.params ?? this.params,
      workers: p.workers,
      scaling: this.scaling,
      work_factor: p.work_factor ?? 1,
      repeats: p.samples_ms.length,
      samples: p.samples_ms.length,
      repeat_mode: p.repeat_mode ?? 'fixed',
      stopped_by: p.stopped_by ?? 'count',
      samples_ms: p.samples_ms,
      warmup_ms: p.warmup_ms,
      median_ms: p.median_ms,
      ci_low_ms: p.ci_low_ms,
      ci_high_ms: p.ci_high_ms,
      ci_level: p.ci_level,
      min_ms: p.min_ms,
      max_ms: p.max_ms,
      timer_coarse: p.timer_coarse,
      speedup: derived[i].speedup,
      speedup_low: derived[i].low,
      speedup_high: derived[i].high,
      efficiency: derived[i].efficiency,
      karp_flatt: derived[i].karp_flatt,
      verified: p.verified,
      check: p.check?.detail ?? '',
      identical_to_first: p.identical,
      summary: p.summary,
      digest: p.digest,
      instantiate_ms: p.instantiate_ms,
      pool_start_ms: p.pool_start_ms,
      prepare_ms: p.prepare_ms,
      dispatch_us: p.dispatch_us ?? null,
      timeline: p.timeline ?? null,
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
    if (fit) fits[sweep.workload] = { ...fit, workers: sweep.points.map((p) => p.workers), params: sweep.params };
  }
  return { format: FORMAT, version: FORMAT_VERSION, created: new Date().toISOString(), environment, runs, fits };
}
