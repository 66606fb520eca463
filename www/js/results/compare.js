// Comparing results from different devices, browsers and runtimes: each saved or imported
// document is split into series (one workload at one size, swept over worker counts), every
// derived number is recomputed from the samples (a file's medians, intervals, speedups and fits
// are never trusted), and series are compared with a chosen baseline. No DOM here.
import { looksClamped, noiseNote, pastCoresReading } from '../experiment/noise.js';
import { checkParam, counted } from '../input.js';
import { amdahlMisfit, levelPercent } from '../stats.js';
import { describeDevice } from './library.js';
import { failed, seriesSweep } from './sweep-results.js';
import { seriesOf } from './validate.js';

/** The browser (or runtime) that produced a document, in a few words. */
export function runtimeName(env = {}) {
  if (env.runtime === 'native') return 'native threads (rayon)';
  if (env.runtime === 'python') return `Python processes${env.pythonVersion ? ` ${env.pythonVersion}` : ''}`;
  return `wasm threads in ${describeDevice({ userAgent: env.userAgent }).split(' on ')[0]}`;
}

/** What identifies the problem a series ran: its workload, scaling and parameters (in any order);
 *  for a sweep over a parameter, that parameter and the worker counts it ran on too (a time at
 *  grain 1,000 on 1 worker is not one on 2). */
const problemKey = (s) => JSON.stringify([s.workload, s.scaling, Object.entries(s.params).sort(),
  ...(s.varied ? [s.varied, [...new Set(s.results.points.map((p) => p.workers))]] : [])]);

/** What a comparison shows on one chart: a workload's sweeps over worker counts, or its sweeps
 *  over one parameter ("sum-of-squares:grain"), whose times are drawn against that parameter. */
export const groupKey = (s) => (s.varied ? `${s.workload}:${s.varied}` : s.workload);

/**
 * Every sweep in `entries` ([{ id, label, doc }]) as a series: { key, entryId, label (the
 * device's), runtime, env, build, suite, workload, params, scaling, varied (the parameter swept
 * instead of the worker count, or null), results (SweepResults, recomputed) }. `workloads`, the
 * catalogue's by id where loaded, tells each sweep what its file does not (see seriesSweep).
 */
export function compareSeries(entries, workloads = null) {
  const series = [];
  for (const entry of entries) {
    const env = entry.doc.environment ?? {};
    for (const [index, s] of seriesOf(entry.doc).entries()) {
      const results = seriesSweep(s, env.timerResolution_ms ?? 0, workloads?.get(s.workload));
      series.push({
        key: `${entry.id}:${index}`, entryId: entry.id, label: entry.label, runtime: runtimeName(env), env, created: entry.doc.created,
        build: env.build ?? null, suite: entry.doc.suite ?? null,
        workload: s.workload, params: s.params, scaling: s.scaling, varied: s.varied ?? null, results,
      });
    }
  }
  return { series };
}

/** The ratio of two medians with the interval from their 95% intervals, as speedups get theirs:
 *  how many times as fast `other` was as `base` (above 1: other was faster). */
export function throughputRatio(base, other) {
  return {
    ratio: base.median_ms / other.median_ms,
    low: base.ci_low_ms / other.ci_high_ms,
    high: base.ci_high_ms / other.ci_low_ms,
    // At least this sure: the less certain of the two medians' intervals (few runs give min to
    // max, which covers a median with less than 95%).
    level: Math.min(base.ci_level ?? 0.95, other.ci_level ?? 0.95),
  };
}

/** A name for a closed select, which a phone cuts after some 30 characters: the parts that tell
 *  it apart from `names` first, then the parts all of them share ("lock = global · Chrome 159 on
 *  Android, 2 cores · wasm", where both options had read "Chrome 159 on Android, 2 cores · wasm …"). */
export function leadWithDifference(name, names) {
  const parts = name.split(' · ');
  const split = names.map((n) => n.split(' · '));
  let shared = 0;
  while (shared < parts.length - 1 && split.every((p) => p[shared] === parts[shared])) shared++;
  return shared && names.length > 1 ? [...parts.slice(shared), ...parts.slice(0, shared)].join(' · ') : name;
}

/** `series` grouped by the problem they ran, in order of first appearance. */
export function problemsOf(series) {
  return [...groupBy(series, problemKey).values()]; // one pass: a file of 5000 problems took 28 s pairwise
}

/** Whether two series ran the same problem, so that their times compare. */
export function sameProblem(a, b) {
  return problemKey(a) === problemKey(b);
}

/** Where two series of one workload ran different problems, each parameter that differs as
 *  "grain = 16,384 against 65,536" (`a`'s value first); [] where they ran the same. */
export function paramDifferences(a, b) {
  const names = [...new Set([...Object.keys(a.params ?? {}), ...Object.keys(b.params ?? {})])];
  return names.filter((n) => a.params?.[n] !== b.params?.[n])
    .map((n) => `${n} = ${a.params?.[n] == null ? 'not set' : valueText(a.params[n])} against ${b.params?.[n] == null ? 'not set' : valueText(b.params[n])}`);
}

/** Series with runs that did not verify (a failed check, or results that differ between worker
 *  counts where they must not): their times may not be of the work they claim. */
export function unverified(series) {
  return series.filter((s) => s.results.points.some((p) => !p.verified && !p.demonstrates));
}

/** What this version of corelab would refuse in a series' problem, as sentences: a parameter
 *  outside the range or choices `spec` (the catalogue's workload) declares, or one it does not
 *  have. Such a result was not measured by this version as it stands (a newer version's, or a
 *  file edited by hand), so its check marks are the file's word, not a check. */
export function refusedParams(series, spec) {
  return Object.entries(series.params ?? {}).flatMap(([name, value]) => {
    const param = spec.params.find((p) => p.name === name);
    if (!param) return [`${spec.id} has no parameter “${name}”.`];
    const error = checkParam(param, value);
    return error ? [error] : [];
  });
}

/** Where a series' point was measured: its worker count, or in a sweep over a parameter its value. */
const pointAt = (s, p) => (s.varied ? s.results.valueOf(p) : p.workers);

/** Whether two series measured a point in common (see pointAt): where they did and ratiosAgainst
 *  still gives no ratio, their runs there were too short to time. */
export function sharesPoint(a, b) {
  const theirs = new Set(b.results.points.map((p) => pointAt(b, p)));
  return a.results.points.some((p) => theirs.has(pointAt(a, p)));
}

/** Per worker count both series measured (per value of the parameter, in sweeps over one): the
 *  ratio of `other` to `base`, with `where` it was measured, "on 2 workers" or "at grain = 1,000". */
export function ratiosAgainst(base, other) {
  if (!sameProblem(base, other)) return [];
  return other.results.points.flatMap((p) => {
    const b = base.results.points.find((q) => pointAt(base, q) === pointAt(other, p));
    const where = other.varied ? `at ${other.varied} = ${valueText(pointAt(other, p))}` : `on ${counted(p.workers, 'worker')}`;
    // Medians too short for their timers give no ratio, as they give no speedup (an Infinity× would).
    const timed = b && !base.results.tooShort(b) && !other.results.tooShort(p);
    return timed ? [{ workers: p.workers, value: pointAt(other, p), over: other.varied, where, ...throughputRatio(b, p) }] : [];
  });
}

/**
 * The sentence for one result against the baseline at `r` (a ratiosAgainst entry): faster or
 * slower only where the interval says so. "1.62× as fast as … (95% interval 0.58–2.54)" was
 * quoted as a win by an engineer comparing devices; and "0.78× as fast" reads as a riddle.
 */
export function ratioSentence(name, baseline, r) {
  const on = r.where ?? `on ${counted(r.workers, 'worker')}`;
  const [named, range, few] = [`${levelPercent(r.level)} interval`, `${r.low.toFixed(2)}–${r.high.toFixed(2)}`, r.level < 0.95];
  const interval = `${named} ${range}${few ? ': few runs, so only min to max' : ''}`;
  if (r.low > 1) return `${name} was faster than ${baseline} ${on}: ${r.ratio.toFixed(2)}× the baseline's throughput (${interval}).`;
  if (r.high < 1) {
    return `${name} was slower than ${baseline} ${on}: it took ${(1 / r.ratio).toFixed(2)}× as long, ` +
      `${r.ratio.toFixed(2)}× the baseline's throughput (${interval}).`;
  }
  return `${name} and ${baseline} cannot be told apart ${on}: ${r.ratio.toFixed(2)}× the baseline's throughput at the medians, ` +
    `but the ${named}, ${range}, includes 1×${few ? ' (few runs, so only min to max)' : ''}.`;
}

/** Where a ratio's interval puts it: 'faster', 'slower', or 'unsure' (it includes 1×). */
const verdict = (r) => (r.low > 1 ? 'faster' : r.high < 1 ? 'slower' : 'unsure');

/**
 * After ratioSentence, which speaks of the last of `ratios` (the most workers both ran): the
 * worker counts where the verdict was another, or ''. "Cannot be told apart on 2 workers" hid
 * that the same result was 1.23× (1.03–1.49) the baseline's throughput on 1 worker.
 */
export function otherCountsSentence(ratios) {
  const main = ratios.at(-1);
  const differ = ratios.slice(0, -1).filter((r) => verdict(r) !== verdict(main));
  if (!main || !differ.length) return '';
  const part = (r) => `${r.where ?? `on ${counted(r.workers, 'worker')}`} ${verdict(r) === 'unsure' ? 'the two cannot be told apart' : `it was ${verdict(r)}`} ` +
    `(${r.ratio.toFixed(2)}× the baseline's throughput, ${levelPercent(r.level)} interval ${r.low.toFixed(2)}–${r.high.toFixed(2)})`;
  return ` Not so at every ${main.over ? `${main.over} value` : 'worker count'}: ${differ.map(part).join('; ')}.`;
}

/** Warnings that make a comparison less than like for like, as sentences. */
export function comparability(series) {
  const notes = [];
  for (const group of groupBy(series, groupKey).values()) {
    const problems = problemsOf(group);
    if (problems.length > 1) {
      // Each problem with the results that ran it: those compare with each other, not across.
      // Six named at most: a file of 5000 sizes made one sentence of 4000 characters.
      const how = (s) => (s.varied ? `over ${s.varied} on ${workersWords(s.results.points.map((p) => p.workers))}` : `${s.scaling} scaling`);
      const text = problems.slice(0, 6).map((p) => `${paramsText(p[0].params)}, ${how(p[0])}: ${p.map((s) => s.name ?? s.label).join(', ')}`);
      if (problems.length > 6) text.push(`and ${problems.length - 6} more`);
      // A weak-scaling speedup is Gustafson's scaled speedup (k times the work in the time of
      // one), not Amdahl's (the same work, faster): it compares with strong ones in neither.
      const scalings = new Set(group.map((s) => s.scaling));
      const speedups = group[0].varied ? '' : scalings.size > 1
        ? '; strong-scaling speedups, each against its own 1 worker, compare across sizes, but a weak-scaling (scaled) speedup ' +
          'measures another thing, more work in the same time, and compares only with other weak ones'
        : `; ${[...scalings][0] === 'weak' ? 'scaled ' : ''}speedups, each against its own 1 worker, compare across them`;
      notes.push(`${group[0].workload}: these results ran ${problems.length} different problems (${text.join('; ')}). Times and ratios compare ` +
        `only within one problem${speedups}.`);
    }
  }
  const builds = differentBuilds(series);
  if (builds) notes.push(`These results come from different kernel builds (${builds}): a kernel may have changed between them.`);
  for (const s of unverified(series)) {
    notes.push(`${s.label}: some runs did not verify (a failed check, or results that differ between worker counts); their times may not be of the work they claim.`);
  }
  const suites = new Set(series.filter((s) => s.suite).map((s) => `${s.suite.name} v${s.suite.version}`));
  if (suites.size > 1) notes.push(`Results of different versions of the standard suite (${[...suites].join(', ')}) ran different work.`);
  return notes;
}

/** The builds, in words, when two results were built differently: a different crate version,
 *  source revision or (both from the page) wasm. A field only one of them has (the native runner
 *  has no wasm) is not a difference. Null when none is known to differ. */
export function differentBuilds(series) {
  const known = series.filter((s) => s.build);
  // Two pages with the same wasm ran the same kernels, whatever else changed in the source.
  const differ = (a, b) => (a.wasm && b.wasm ? a.wasm !== b.wasm
    : a.source && b.source ? a.source !== b.source : a.version !== b.version);
  const split = known.some((a, i) => known.slice(i + 1).some((b) => differ(a.build, b.build)));
  if (!split) return null;
  return known.map((s) => `${s.label}: ${[s.build.version, s.build.source, s.build.wasm && `wasm ${s.build.wasm}`].filter(Boolean).join(', ')}`).join('; ');
}

/**
 * Where a device's measured curve suggests `hardwareConcurrency` is not the whole story:
 * { kind, text }, or null. `too-fast`: more than twice the workers (no core count explains it);
 * `clamped`: workers past the reported count gained more than it allows while those within it
 * gained no more than they can, in a browser (some lower the count for privacy; an operating
 * system's count is the real one); `knee`: stopped gaining well before the reported count. A
 * speedup past what k workers can give at k within the count is no clamping (2.42x on 2 workers
 * of a 2-core machine was called clamped): the noise note puts it down to a slowed 1-worker run.
 */
export function coresNote(s) {
  const reported = s.env.hardwareConcurrency;
  const curve = s.results.knee;
  if (!reported || !curve) return null;
  const { best, knee, points } = curve;
  const maxK = Math.max(...points.map((p) => p.k));
  // Past twice its worker count no core count explains it (cache effects give a little more
  // than k): the times themselves are suspect.
  if (s.scaling !== 'weak' && best.speedup > 2 * best.k) {
    return { kind: 'too-fast', text: `gained ${best.speedup.toFixed(2)}× on ${counted(best.k, 'worker')}, far more than ${best.k} workers can give: ` +
      'its times look wrong (1-worker runs slowed by other programs, a broken timer, or a file edited by hand).' };
  }
  const browser = !s.env.runtime || s.env.runtime === 'wasm';
  if (looksClamped(s.results, s.env)) {
    const top = points.filter((p) => p.k > reported).reduce((a, b) => (b.speedup > a.speedup ? b : a));
    return { kind: 'clamped', text: `gained ${top.speedup.toFixed(2)}× on ${counted(top.k, 'worker')} although the browser reports ${reported} cores: ` +
      'the reported count looks clamped (some browsers lower it for privacy).' };
  }
  if (maxK >= reported && knee <= reported / 2 && reported >= 4) {
    return { kind: 'knee', text: `stopped gaining at ${knee} workers although ${browser ? 'the browser' : 'the system'} reports ${reported} logical cores: likely two hardware threads per core, cores kept for other work, or power limits.` };
  }
  return null;
}

/**
 * What the playground would say beside a result's sweep, for the comparison and the suite, with
 * one diagnosis per cause: its core count (coresNote), its timings (noiseNote: a speedup past what
 * the workers can give only where coresNote has not explained it), a fit past its cores. The
 * causes it names follow the workload's use of memory, where compareSeries was given the catalogue.
 */
export function seriesNotes(s) {
  const notes = [];
  const cores = coresNote(s);
  if (cores) notes.push(cores.text);
  const count = s.env.hardwareConcurrency ?? Infinity; // a file may not say
  // With its runtime: a native run's core count is the system's own, never clamped (a native
  // sweep's 3.57× on 4 workers of 2 cores was said to show a browser reporting too few).
  const noise = noiseNote(s.results, { hardwareConcurrency: count, runtime: s.env.runtime ?? 'wasm', userAgent: s.env.userAgent },
    { beyondWorkers: cores?.kind !== 'too-fast' && cores?.kind !== 'clamped' });
  if (noise) notes.push(noise.replace(/^Note: /, ''));
  // Not where the count looks clamped: its workers past it were not taking turns. And the fit
  // named by its law (a weak sweep's "Amdahl fit" stood beside "Gustafson's law does not describe that").
  const past = s.results.fit && cores?.kind !== 'clamped' && pastCoresReading(s.results, count, 'its');
  if (past) notes.push(past.trim().replace(/^The fit/, `its ${s.scaling === 'weak' ? 'Gustafson' : 'Amdahl'} fit`));
  // As the playground's fit line says it: a phone's 1.91× and 2.00× on 2 and 4 workers got a
  // dashed "s = 0.333" (1.50× at 2) with no word. Not where a note above explains the curve
  // already (a slowed 1-worker run, a clamped count, workers past the cores).
  const misfit = !past && !noise && !cores && s.scaling !== 'weak' && s.results.fit &&
    amdahlMisfit(s.results.fit, s.results.points, s.results.derived);
  if (misfit) {
    notes.push(`Amdahl's law fits its points poorly: its best fit, s = ${s.results.fit.serial_fraction.toFixed(3)}, gives ` +
      `${misfit.law.toFixed(2)}× on ${counted(misfit.k, 'worker')} against ${misfit.measured.toFixed(2)}× measured, so something other ` +
      'than a fixed serial part shapes its curve: read the dashed fit as a summary, not as a serial fraction.');
  }
  // As the playground and the runners mark them (a file's "0.1*" came in as a plain 0.1).
  if (s.results.points.some((p) => p.timer_coarse)) {
    notes.push(`* its timer ticked in steps of ${Number((s.results.timerResolutionMs * 1000).toPrecision(3))} µs, coarse next to the ` +
      'run times marked *: treat those medians, and the speedups and ratios made from them, with care.');
  }
  return notes;
}

export function paramsText(params) {
  return Object.entries(params).map(([k, v]) => `${k} = ${valueText(v)}`).join(', ');
}

const valueText = (v) => (typeof v === 'number' ? v.toLocaleString('en-US') : v);

/** The parameters of several runs of one workload: each with its one value, or where the runs
 *  differ (a parameter sweep) all its values in order, "schedule = static / stealing". Weak-scaling
 *  runs grow their problem with the workers: those say the problem of the fewest workers, once. */
export function runsParamsText(runs) {
  const weak = runs.filter((r) => r.scaling === 'weak');
  const strong = runs.filter((r) => r.scaling !== 'weak');
  const texts = [];
  if (strong.length) {
    const names = [...new Set(strong.flatMap((r) => Object.keys(r.params ?? {})))];
    texts.push(names.map((name) => {
      const values = [...new Set(strong.map((r) => r.params?.[name]).filter((v) => v !== undefined))];
      return `${name} = ${values.map(valueText).join(' / ')}`;
    }).join(', '));
  }
  if (weak.length) {
    const first = weak.reduce((a, b) => (b.workers < a.workers ? b : a));
    texts.push(`${paramsText(first.params ?? {})} at ${counted(first.workers, 'worker')}, grown with the workers (weak scaling)`);
  }
  return texts.join('; ');
}

/**
 * What the library says of each series of a document (`seriesOf`), so that two sweeps of one
 * workload tell themselves apart without opening them: { workload, sizes (`runsParamsText`),
 * workers ("1, 2, 4 workers"), outcome (the best speedup and where, the scaled one under weak
 * scaling; in a sweep over a parameter, which one; null without a 1-worker run), failed (points
 * that did not verify) }. Every number is recomputed from the samples, as a comparison does.
 * `series`: the document's, where the caller has split it already.
 */
export function seriesSummaries(doc, series = seriesOf(doc)) {
  return series.map((s) => {
    const sweep = seriesSweep(s, doc.environment?.timerResolution_ms ?? 0);
    const best = sweep.knee?.best;
    return {
      workload: s.workload,
      sizes: runsParamsText(s.runs),
      workers: workersWords(s.runs.map((r) => r.workers)),
      outcome: s.varied ? `a sweep over ${s.varied}`
        : best ? `${s.scaling === 'weak' ? 'scaled speedup' : 'best'} ${best.speedup.toFixed(2)}× on ${best.k}` : null,
      failed: sweep.points.filter(failed).length,
    };
  });
}

/** The worker counts a sweep ran on, in words: "1 worker", "2 workers", "1, 2, 4 workers". */
export function workersWords(counts) {
  const sorted = [...new Set(counts)].sort((a, b) => a - b);
  // Three or more consecutive counts as a range: "1, 2, 3, … 16 workers" held a library's
  // column unbroken, and pushed its Actions out of a 1440 px window.
  const runs = [];
  for (const k of sorted) {
    const last = runs.at(-1);
    if (last && k === last[1] + 1) last[1] = k;
    else runs.push([k, k]);
  }
  const text = runs.flatMap(([a, b]) => (b - a >= 2 ? [`${a}–${b}`] : a === b ? [a] : [a, b])).join(', ');
  return `${text} ${sorted.length === 1 && sorted[0] === 1 ? 'worker' : 'workers'}`;
}

/** `items` grouped by `key(item)`, in order of first appearance: a Map of arrays. */
export function groupBy(items, key) {
  const map = new Map();
  for (const item of items) {
    const k = key(item);
    if (!map.has(k)) map.set(k, []);
    map.get(k).push(item);
  }
  return map;
}
