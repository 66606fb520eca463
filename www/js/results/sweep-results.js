// One sweep's measurements, in the order they were taken, with everything derived from them:
// the statistics of each point, speedups, the fitted law, and the runs as exported.
import { COARSE_TIMER_MS } from '../environment.js';
import { fitAmdahl, fitGustafson, medianInterval, speedups, summarize } from '../stats.js';
import { resultsDocument } from './format.js';
import { seriesOf } from './validate.js';

/** A run's timer is coarse when the device's is, or when its step is over 1% of the median. */
export function timerCoarse(resolutionMs, medianMs) {
  return resolutionMs >= COARSE_TIMER_MS || resolutionMs > 0.01 * medianMs;
}

/** A median shorter than this many steps of its timer gives no speedup: each median is then off
 *  by up to a tenth, and their ratio by more. Primes with N = 2 ran in under one 5 µs step, and
 *  the page read "speedup Infinity×" and "NaN×" from medians of 0.0 ms, and fitted s = 1. */
const MIN_TIMER_STEPS = 10;

/** Whether a median is too short for its timer to give a speedup (see MIN_TIMER_STEPS). */
export function tooShortToTime(resolutionMs, medianMs) {
  return !(medianMs > 0) || medianMs < MIN_TIMER_STEPS * resolutionMs;
}

/** What a point's check is: 'exact', 'statistical' or 'demonstration' (see the catalogue's
 *  `checks`); results from before check kinds existed are exact. */
export function checkKind(point) {
  return point.check?.kind ?? 'exact';
}

/** The points of `results` whose median's interval overlaps `best`'s: not clearly slower than it.
 *  The playground's "Fastest" line and the lessons' explanations judge a sweep by this alike. */
export function tiedWith(results, best) {
  return results.points.filter((p) => p !== best && p.ci_low_ms <= best.ci_high_ms && best.ci_low_ms <= p.ci_high_ms);
}

/** A point (or an exported run) failed when it was neither verified nor a demonstration whose
 *  checks held. */
export function failed(run) {
  return !run.verified && !run.demonstrates;
}

const NO_SPEEDUP = { speedup: null, efficiency: null, karp_flatt: null, low: null, high: null };

/**
 * A sweep over worker counts (`varied` null: speedups and a fitted law) or over the values of
 * one parameter at one worker count (`varied` the parameter's name: times side by side, no
 * speedup, since there is no 1-worker run of the same problem to divide by).
 */
export class SweepResults {
  constructor({ workload, params, workers, scaling = 'strong', vary = null, memory = null, weak = null }, timerResolutionMs = 0) {
    this.workload = workload;
    // How the workload's problem grows under weak scaling (the catalogue's `weak`; null where not
    // known): what the results table names as each point's problem.
    this.weak = weak;
    // What the workload's threads do with memory (the catalogue's `memory`; null where not
    // known): which causes of a slowdown side by side the page may name.
    this.memory = memory;
    this.params = params;
    this.requested = workers;
    this.scaling = scaling;
    this.varied = vary?.name ?? null;
    this.variedLabel = vary?.label ?? null;
    this.values = vary?.values ?? null;
    this.timerResolutionMs = timerResolutionMs;
    this.points = [];
  }

  /** Adds a point from a compute worker. Verified means: its check passed, and (strong scaling
   *  over worker counts, where the problem is the same at every k) its result is identical to
   *  the first point's. A parameter sweep may change the result by design, so there each point
   *  stands on its own check; `identical` still says whether it matched the first.
   *  A demonstration (a race that loses updates, an estimate that changes with k) is expected
   *  to differ: it is never verified and never failed while what can be checked held; it
   *  carries what it demonstrates instead. */
  add(point) {
    const first = this.points[0];
    const identical = !first || first.digest === point.digest;
    const kind = checkKind(point);
    const demonstration = kind === 'demonstration';
    const mustMatch = this.scaling === 'strong' && !this.varied && !demonstration;
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
      identical: this.scaling === 'weak' ? true : identical,
      check_kind: kind,
      verified: !demonstration && Boolean(point.check?.ok) && (!mustMatch || identical),
      demonstrates: demonstration && point.check?.ok ? (point.check.demonstrates ?? 'a demonstration') : null,
    });
    this.#fit = undefined;
  }

  /** The value of the varied parameter at point `p` (null in a worker sweep). */
  valueOf(p) {
    return this.varied ? p.params[this.varied] : null;
  }

  #fit = undefined;

  /** Amdahl's law (strong scaling) or Gustafson's (weak) fitted to the points, with its range;
   *  null in a parameter sweep. */
  get fit() {
    if (this.varied) return null;
    if (this.#fit === undefined) {
      // None where the 1-worker time is too short, as there is no speedup then: the Amdahl fit
      // needs no 1-worker run (it fits T1 itself), and gave s = 1 from the later counts alone.
      const timed = this.#baseUntimed ? [] : this.points.filter((p) => !this.tooShort(p));
      const fit = this.scaling === 'weak' ? fitGustafson(timed) : fitAmdahl(timed);
      this.#fit = fit && { model: this.scaling === 'weak' ? 'gustafson' : 'amdahl', ...fit };
    }
    return this.#fit;
  }

  /** Whether point `p`'s median is too short for the timer to give a speedup from. */
  tooShort(p) {
    return tooShortToTime(this.timerResolutionMs, p.median_ms);
  }

  /** Whether the 1-worker point, which every speedup is divided by, is too short to time. */
  get #baseUntimed() {
    const base = this.points.find((p) => p.workers === 1);
    return Boolean(base) && this.tooShort(base);
  }

  /** The points whose medians are too short to time. */
  get untimed() {
    return this.points.filter((p) => this.tooShort(p));
  }

  /** Whether runs too short to time, and not a missing 1-worker run, are why a speedup, a fit
   *  or Karp-Flatt is missing: some are short, and there is a 1-worker run. */
  get shortRunsAreWhy() {
    return this.untimed.length > 0 && this.points.some((p) => p.workers === 1);
  }

  /** Speedup (scaled, under weak scaling) with its interval, efficiency and Karp-Flatt; none
   *  where the point's median, or the 1-worker one it is divided by, is too short to time. */
  get derived() {
    if (this.varied) return this.points.map(() => NO_SPEEDUP);
    const untimed = this.#baseUntimed;
    return speedups(this.points, this.scaling).map((d, i) => (untimed || this.tooShort(this.points[i]) ? NO_SPEEDUP : d));
  }

  /** Where the speedup curve stops gaining: `{ best, knee, points }`, `best` the point with the
   *  highest speedup and `knee` the smallest worker count already within the noise of it (its
   *  interval reaches the best's lower bound); `points` are { k, speedup, low, high, efficiency }.
   *  Null without two points that have a speedup. */
  get knee() {
    const derived = this.derived;
    const points = this.points.map((p, i) => ({ k: p.workers, ...derived[i] })).filter((p) => p.speedup != null);
    if (points.length < 2) return null;
    const best = points.reduce((a, b) => (b.speedup > a.speedup ? b : a));
    const floor = best.low ?? 0.95 * best.speedup;
    return { best, knee: points.find((p) => (p.high ?? p.speedup) >= floor).k, points };
  }

  /** The runs as exported: one object per point. */
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
      check_kind: p.check_kind,
      demonstrates: p.demonstrates,
      check: p.check?.detail ?? '',
      identical_to_first: p.identical,
      summary: p.summary,
      digest: p.digest,
      instantiate_ms: p.instantiate_ms,
      pool_start_ms: p.pool_start_ms,
      prepare_ms: p.prepare_ms,
      dispatch_us: p.dispatch_us ?? null,
      dispatch_low_us: p.dispatch_low_us ?? null,
      dispatch_high_us: p.dispatch_high_us ?? null,
      dispatch_cold_us: p.dispatch_cold_us ?? null,
      dispatch_cold_low_us: p.dispatch_cold_low_us ?? null,
      dispatch_cold_high_us: p.dispatch_cold_high_us ?? null,
      timeline: p.timeline ?? null,
      ...p.extra,
    }));
  }
}

/** What a point measured besides its samples, kept as it was. */
const OVERHEAD_FIELDS = ['instantiate_ms', 'pool_start_ms', 'prepare_ms', 'dispatch_us', 'dispatch_low_us', 'dispatch_high_us',
  'dispatch_cold_us', 'dispatch_cold_low_us', 'dispatch_cold_high_us', 'timeline'];

/** What `runs()` writes of its own; anything else in a run is one of the point's extras. */
const RUN_FIELDS = new Set(['workload', 'params', 'workers', 'scaling', 'work_factor', 'repeats', 'samples', 'repeat_mode',
  'stopped_by', 'samples_ms', 'warmup_ms', 'median_ms', 'ci_low_ms', 'ci_high_ms', 'ci_level', 'min_ms', 'max_ms',
  'timer_coarse', 'speedup', 'speedup_low', 'speedup_high', 'efficiency', 'karp_flatt', 'verified', 'check_kind',
  'demonstrates', 'check', 'identical_to_first', 'summary', 'digest', ...OVERHEAD_FIELDS]);

/** A run of a results document as the point it was measured as (`runs()` the other way round):
 *  SweepResults.add derives its statistics and its verdict afresh from the samples, the digest
 *  and the check, so a file's own medians, intervals and verdicts are never trusted. */
export function pointOf(run) {
  return {
    workers: run.workers,
    params: run.params,
    work_factor: run.work_factor ?? 1,
    repeat_mode: run.repeat_mode ?? 'fixed',
    stopped_by: run.stopped_by ?? 'count',
    samples_ms: run.samples_ms,
    warmup_ms: run.warmup_ms ?? [],
    digest: run.digest ?? '',
    summary: run.summary ?? '',
    check: { ok: Boolean(run.verified || run.demonstrates), kind: run.check_kind ?? 'exact', demonstrates: run.demonstrates ?? null, detail: run.check ?? '' },
    ...Object.fromEntries(OVERHEAD_FIELDS.filter((key) => run[key] !== undefined).map((key) => [key, run[key]])),
    extra: Object.fromEntries(Object.entries(run).filter(([key]) => !RUN_FIELDS.has(key))),
  };
}

/**
 * The sweep a results document holds when it holds one (as an Experiment saves it), rebuilt to be
 * shown again. `workload`, the catalogue's entry, gives what the document does not carry: the
 * varied parameter's label and kind where the document has `varied`, and what the workload does
 * with memory (a reload listed contention for data and memory bandwidth as causes for prime
 * counting, which has neither). Null when the document holds no runs or more than one workload.
 */
export function sweepOf(doc, workload = null) {
  const runs = doc.runs ?? [];
  if (runs.length === 0 || runs.some((r) => r.workload !== runs[0].workload)) return null;
  const name = doc.varied ?? null;
  const vary = workload?.params?.find((p) => p.name === name) ?? {};
  const params = Object.fromEntries(Object.entries(runs[0].params ?? {}).filter(([key]) => key !== name));
  const results = new SweepResults({
    workload: runs[0].workload, params, workers: runs.map((r) => r.workers), scaling: runs[0].scaling ?? 'strong',
    vary: name ? { name, label: vary.label ?? name, kind: vary.kind, values: runs.map((r) => r.params[name]) } : null,
    ...catalogued(workload, runs[0].workload),
  }, doc.environment?.timerResolution_ms ?? 0);
  for (const run of runs) results.add(pointOf(run));
  return results;
}

/**
 * A document as the library keeps it (validated, so its derived numbers were dropped) made whole
 * again, as the page's own Export JSON writes it: every run's median, interval, speedup,
 * efficiency, Karp-Flatt and verdict, and the fits, recomputed from its samples. What an import
 * took away, an export gives back, so a script reading `median_ms` or `fits` reads any export.
 */
export function completeDocument(doc) {
  const sweeps = seriesOf(doc).map((s) => seriesSweep(s, doc.environment?.timerResolution_ms ?? 0));
  const { runs, fits } = resultsDocument(doc.environment, sweeps);
  return { ...doc, runs, fits };
}

/** What a document does not carry of workload `id`, from `workload`, its catalogue entry where
 *  known: what its threads do with memory (the causes a note may name) and how its problem grows
 *  under weak scaling (how a point's problem is named). */
function catalogued(workload, id) {
  return workload?.id === id ? { memory: workload.memory ?? null, weak: workload.weak ?? null } : {};
}

/** One series of a document (validate.js `seriesOf`) as a SweepResults, every number recomputed
 *  from its samples: a worker sweep in worker order (the first point is the one the others must
 *  match), a parameter sweep in the order its values ran. `workload`: as for sweepOf. */
export function seriesSweep(s, timerResolutionMs = 0, workload = null) {
  const runs = s.varied ? s.runs : [...s.runs].sort((a, b) => a.workers - b.workers);
  const vary = s.varied ? { name: s.varied, label: s.varied, values: runs.map((r) => r.params[s.varied]) } : null;
  const sweep = new SweepResults({ workload: s.workload, params: s.params, workers: runs.map((r) => r.workers), scaling: s.scaling, vary,
    ...catalogued(workload, s.workload) }, timerResolutionMs);
  for (const run of runs) sweep.add(pointOf(run));
  return sweep;
}
