// Whether a sweep's own numbers show that something else was using the cores: the page and the
// lessons say so beside the results, in the reader's numbers, instead of letting a busy machine
// pass for a property of parallelism.
import { counted, formatValue, msText, wordList } from '../input.js';
import { isWebKit } from '../environment.js';
import { median } from '../stats.js';
import { slowdownCauses } from './causes.js';
import { timelineRows, waitingKinds, waitsOffCore } from './charts.js';

const x2 = (v) => `${v.toFixed(2)}×`;
const pct = (v) => `${Math.round(v * 100)}%`;

/** A median whose 95% interval spans more than this share of it either side is too noisy to teach with. */
const NOISY_HALF_WIDTH = 0.15;

/** Threads that together computed this many times as long as 1 worker did, for the same work,
 *  ran markedly slower side by side. */
const STRETCHED = 1.5;

/**
 * A sentence when the reader's own numbers show that something else was using the cores, else
 * ''. Four signs: a speedup more than 15% above what the workers (or the cores) can give by
 * computing, in a sweep whose threads never wait (waiting threads leave their core to another,
 * which is a real gain); past the cores, a speedup that fell by a quarter or more from the best
 * within them (see fellPastCores); a speedup well below k while the timeline's threads computed
 * all along, but for far longer in all than 1 worker did (each ran slower beside the others); or
 * a median whose 95% interval spans more than ±15% of it.
 */
export function noiseNote(results, env, { beyondWorkers = true } = {}) {
  // Medians the timer cannot resolve: nothing else can be read from them (their intervals ran
  // "from 100% below it to 300% above it").
  const untimed = tooShortNote(results);
  if (untimed) return untimed;
  // A sweep over a parameter's values has no speedups: only the noise can speak there.
  if (results.varied) return tracedFaster(results) || noisyNote(results);
  const cores = env.hardwareConcurrency;
  const waits = results.points.some((p) => waitingKinds(p.timeline).length);
  // `beyondWorkers` false: a speedup past what the workers can give is already explained (the
  // comparison's core-count note), so the note goes on to what else the timings show.
  if (results.scaling !== 'weak' && !waits && beyondWorkers) {
    const index = results.points.findIndex((p, i) => p.workers > 1 && results.derived[i].speedup > 1.15 * Math.min(p.workers, cores));
    if (index >= 0) {
      const { workers } = results.points[index];
      const most = Math.min(workers, cores);
      // Past a count the browser lowered, the gain is real: a Safari on 16 cores reports 8, and
      // "the 1-worker run was slowed" contradicted the lesson's own answer (the count is clamped).
      if (looksClamped(results, env)) return `Note: ${clampedText(results, env)}`;
      return `Note: ${x2(results.derived[index].speedup)} on ${counted(workers, 'worker')} is more than ${most} ${workers <= cores ? 'workers' : 'logical cores'} ` +
        'can give by computing. ' + (copies(results)
        ? `Most likely some 1-worker runs were slowed, which inflates every speedup: ${COPY_VARIES}. Run it again with more repeats ` +
          'before trusting these numbers.'
        : 'Most likely the 1-worker run was slowed by other programs, which inflates every speedup: ' +
          'run it again with other programs closed before trusting these numbers.');
    }
  }
  const traced = waits ? '' : tracedFaster(results);
  if (traced) return traced;
  const fell = results.scaling === 'weak' || waits ? '' : fellPastCores(results, cores);
  if (fell) return fell;
  const slower = results.scaling === 'weak' || waits ? '' : slowerSideBySide(results, cores);
  // Threads slower side by side, with a median's interval that wide as well: the noise is said
  // too, for it may be the likelier cause (a file's 1-worker runs of 163-488 ms got the
  // side-by-side reading alone, a link's copy without its timelines the noise alone).
  const noise = noisySpread(results);
  // Threads contending for one cache line run erratically themselves: other programs are not the
  // only sign to read into it (the races lesson's atomic counter).
  if (slower) {
    return !noise ? slower : `${slower} The timings are noisy too (${noise}), ` +
      (results.memory === 'shared-writes' ? 'which other programs cause, and so can threads contending for the same data.' : 'another sign of other programs.');
  }
  return noisyNote(results);
}

/**
 * Whether a browser's sweep ran on more cores than the browser reports: a count past the reported
 * one gained more than it allows, while every count within it gained no more than it can (15% for
 * noise). WebKit browsers report 4 or 8 whatever the chip (coresCaveat): there a tenth more is
 * enough (Safari's 8 on a 10-core chip tops out near 9.5×). Elsewhere a little more than the count
 * (2.34× on 4 workers of a 2-core machine, a newcomer's busy one) is a slowed 1-worker run as
 * often, so it takes 30% more, and half a core more at least (on 1 reported core, 1.3× is noise).
 * An operating system's count (the native runner) is the real one.
 */
export function looksClamped(results, env) {
  const reported = env.hardwareConcurrency;
  if (!reported || (env.runtime && env.runtime !== 'wasm') || results.scaling === 'weak' || results.varied) return false;
  const points = speedupPoints(results);
  const beyond = isWebKit(env.userAgent ?? '') ? 1.1 * reported : Math.max(1.3 * reported, reported + 0.5);
  return points.some((p) => p.k > reported && p.speedup > beyond) &&
    points.filter((p) => p.k <= reported).every((p) => p.speedup <= 1.15 * p.k);
}

/** Each worker count with its speedup, where it has one. */
const speedupPoints = (results) => results.points.map((p, i) => ({ k: p.workers, speedup: results.derived[i]?.speedup })).filter((p) => p.speedup != null);

/** looksClamped's reading, in the reader's numbers: the best gain past the reported count. */
export function clampedText(results, env) {
  const reported = env.hardwareConcurrency;
  const top = speedupPoints(results).filter((p) => p.k > reported).reduce((a, b) => (b.speedup > a.speedup ? b : a));
  return `${x2(top.speedup)} on ${counted(top.k, 'worker')} is more than the ${reported} logical cores this browser reports can give ` +
    'by computing, while every count within them gained no more than it can: the browser reports fewer cores than the device ' +
    'has (some lower the count for privacy), and the curve shows the cores really there.';
}

/** The note where some medians are too short for the timer (SweepResults.tooShort), else ''. */
function tooShortNote(results) {
  const short = results.points.filter((p) => results.tooShort(p));
  if (!short.length) return '';
  const where = results.varied
    ? `at ${results.variedLabel ?? results.varied} = ${wordList(short.map((p) => formatValue(results.valueOf(p))))}`
    : `on ${wordList(short.map((p) => p.workers))} worker${short.length === 1 && short[0].workers === 1 ? '' : 's'}`;
  const times = short.map((p) => msText(p.median_ms));
  const took = short.length === 1 ? `the median run took ${times[0]}`
    : new Set(times).size === 1 ? `the median runs took ${times[0]} each` : `the median runs took ${wordList(times)}`;
  // "Its" timer: on the Results page the result may be another device's, or the native runner's.
  const stepMs = results.timerResolutionMs;
  const step = stepMs > 0 ? `, less than ten steps of its timer (${msText(stepMs)} each)` : '';
  const base = results.points.find((p) => p.workers === 1);
  const lost = results.varied ? (short.length === 1 ? 'its time cannot be set against the others' : 'which value is faster cannot be told from them')
    : base && short.includes(base) ? 'no speedup, and no fit, can be read from this sweep (every speedup is divided by the 1-worker time)'
      : `no speedup is shown for ${short.length === 1 ? 'it' : 'them'}`;
  // A hundred steps or more, a millisecond at least: "a millisecond" beside a 1 ms step asked for too little.
  const enough = msText(Math.max(1, 100 * (stepMs > 0 ? stepMs : 0)));
  return `Note: ${where} ${took}${step}: too short to time, so ${lost}. Make the problem bigger, ` +
    `so that a run takes ${enough} or more, and run again.`;
}

/** Whether the runs copied their data from worker to worker (message passing's copy delivery):
 *  such runs vary by themselves. A 4 MB copy from one plain Web Worker to another took 4 to
 *  43 ms from run to run in Chromium 156 on an idle machine, each copy taking fresh memory that
 *  the garbage collector frees when it chooses; a student's 3 runs a point read 12.53× on 2 workers. */
const copied = (results, p) => (p.params ?? results.params)?.delivery === 'copy';
const copies = (results) => results.points.some((p) => copied(results, p));
const COPY_VARIES = 'copying data between workers varies from run to run by itself (each copy takes fresh memory, which the ' +
  'garbage collector frees when it chooses)';

/** The first point whose median's interval spans more than NOISY_HALF_WIDTH of it either side. */
const firstNoisy = (results) => results.points.find((p) => p.ci_low_ms != null && (p.ci_high_ms - p.ci_low_ms) / 2 > NOISY_HALF_WIDTH * p.median_ms);

/** The note for the first median whose interval spans more than NOISY_HALF_WIDTH of it either side, else ''. */
function noisyNote(results) {
  const noise = noisySpread(results);
  if (!noise) return '';
  // Runs this short on 2 workers or more are exposed to the system keeping two workers on one
  // core for a while (SHORT_RUN_MS), as tracedFaster says too: a lecturer's 48.6 ms point was
  // put down to other programs alone.
  const noisy = firstNoisy(results);
  const short = !results.varied && noisy.workers >= 2 && noisy.median_ms < SHORT_RUN_MS;
  // The noisy point's own delivery: share's point, which copies nothing, was put down to copying
  // because the sweep's copy point beside it copied.
  const why = copied(results, noisy) ? `${COPY_VARIES}, and other programs may add to that. Run again with more repeats (their median holds up), ` +
    'with other programs closed,'
    : short ? 'other programs were probably using the cores, or the system kept two of the workers on one core for a while, which ' +
      'runs this short cannot outlast. Run again with a larger size, with other programs closed, or with more repeats,'
      : 'other programs were probably using the cores. Run again with them closed, or with more repeats,';
  return `Note: these timings are noisy (${noise}): ${why} before trusting ${results.varied ? 'the comparison' : 'the curve'}.`;
}

/** Where the first median whose interval spans more than NOISY_HALF_WIDTH of it either side is,
 *  and how far it spans ("on 1 worker the median's interval runs from 40% below it to 80% above
 *  it"), else ''. */
function noisySpread(results) {
  const noisy = firstNoisy(results);
  if (!noisy) return '';
  const [below, above] = [noisy.median_ms - noisy.ci_low_ms, noisy.ci_high_ms - noisy.median_ms].map((d) => pct(d / noisy.median_ms));
  // Each side as it is where they differ: "±15%" was said of 43.9–57.3 around 44.2 (1% and 30%).
  const spread = below === above ? `spans ±${below} of it` : `runs from ${below} below it to ${above} above it`;
  const where = results.varied ? `at ${results.variedLabel ?? results.varied} = ${formatValue(results.valueOf(noisy))}` : `on ${counted(noisy.workers, 'worker')}`;
  return `${where} the median's interval ${spread}`;
}

/** The time the threads of a traced run spent computing, summed over threads (null untraced). */
function computing(timeline) {
  return timeline?.spans?.length ? timelineRows(timeline).reduce((sum, row) => sum + row.busy_ms, 0) : null;
}

/** A traced run this much faster than every timed run of its point shows the timed runs slowed
 *  (tracing only adds work; untraced, a run and its trace agree within about 10% here). */
const TRACED_FASTER = 0.7;

/** A point's timed runs from fastest to slowest: { low, high, text: "76.2–80.1" (one value alone where they agree) }. */
function timedRange(samples) {
  const [low, high] = [Math.min(...samples), Math.max(...samples)];
  return { low, high, text: `${low.toFixed(1)}${high > low ? `–${high.toFixed(1)}` : ''}` };
}

/** A traced run this much slower than the median timed run of its point, and slower than every
 *  one, is said to be (recording its tasks adds a little; a student's traced run took 148.5 ms
 *  beside timed runs with a median of 78.6, and the timeline's 148 ms axis went unexplained). Not
 *  against the slowest timed run: on a busy phone stealing's traced run took 466 ms against a
 *  median of 291, and the lesson's "close to half the one-worker time" stood unexplained beside it. */
const TRACED_SLOWER = 1.5;

/** The note under a point's timeline where its traced run was far slower than its timed runs, or ''. */
export function tracedSlowerNote(point) {
  const { timeline, samples_ms: samples } = point;
  if (!timeline?.spans?.length || !samples?.length) return '';
  const traced = timeline.end_ms - timeline.start_ms;
  const { high, text: range } = timedRange(samples);
  if (!(high >= 1 && traced > high && traced > TRACED_SLOWER * median(samples))) return '';
  const tasks = timelineRows(timeline).reduce((sum, r) => sum + r.tasks, 0);
  return `This run took ${traced.toFixed(1)} ms, against ${range} ms for the timed runs of this point: recording its ` +
    `${tasks.toLocaleString('en-US')} task${tasks === 1 ? '' : 's'} or other programs slowed it, so its bars are longer than a timed run's would be.`;
}

/** The note for the first point whose traced run, made right after its timed runs, took under
 *  TRACED_FASTER of the fastest of them: a disturbance that lasted the whole point, which its
 *  interval cannot show (an engineer's primes point read 1.06×, six runs of 170-172 ms marked
 *  precise, while its traced run took 95.6 ms). Not where threads write the same data: there a
 *  run is quicker whenever the threads happen to contend less (one of them paused, say), so a
 *  quick traced run says nothing of the timed ones. The races lesson's atomic counter, 224-305 ms
 *  a run with a traced run of 155 ms, was blamed on other programs, the lesson's own effect. */
function tracedFaster(results) {
  if (results.memory === 'shared-writes') return '';
  const slowed = results.points.find((p) => {
    const traced = p.timeline ? p.timeline.end_ms - p.timeline.start_ms : null;
    const fastest = p.samples_ms?.length ? Math.min(...p.samples_ms) : null;
    return traced > 0 && fastest >= 1 && traced < TRACED_FASTER * fastest;
  });
  if (!slowed) return '';
  const traced = slowed.timeline.end_ms - slowed.timeline.start_ms;
  const { low, high, text: range } = timedRange(slowed.samples_ms);
  const where = results.varied ? `at ${results.variedLabel ?? results.varied} = ${formatValue(results.valueOf(slowed))}` : `on ${counted(slowed.workers, 'worker')}`;
  const trust = `before trusting ${results.varied ? 'the comparison' : 'the curve'}`;
  // "however tight their interval" stood beside 872.0–1481.2 ms: said only where it is tight.
  const tight = high <= low * (1 + 2 * NOISY_HALF_WIDTH) ? ', however tight their interval' : '';
  const start = `Note: ${where} the traced run, made right after the timed ones, took ${traced.toFixed(1)} ms, far less than any timed run ` +
    `(${range} ms): those were slowed`;
  if (slowed.workers >= 2 && low < SHORT_RUN_MS) {
    return `${start}, by other programs using the cores or by the system keeping two of the workers on one core for a while, ` +
      `which runs this short cannot outlast${tight}. Run again, with a larger size or with other programs closed, ${trust}.`;
  }
  return `${start}, most likely by other programs${tight}. Run again with them closed ${trust}.`;
}

/** Timed runs shorter than this (ms) are named as exposed to the system keeping two workers on
 *  one core: primes at 300,000 on 2 workers on this 2-core machine ran 6 ms, or 11 when both pool
 *  threads took turns on one core for about 30 ms while the other core sat idle (perf sched). */
const SHORT_RUN_MS = 50;

/** A speedup past the cores may fall below this share of the best within them before it is
 *  more than taking turns costs (on this machine, primes on 2 cores: 2.02× on 2, 1.99× on 3, 1.94× on 4). */
const FALL_PAST_CORES = 0.75;

/** The note for a worker count past the cores whose speedup fell, beyond the noise, below
 *  FALL_PAST_CORES of the best within them: workers taking turns on cores cost a little, and a
 *  student's 1.92× on 2 cores that fell to 0.94× on 3 had been read as what sharing cores does. */
/** Whether a point's speedup (its interval's top, where it has one) is below `level`. */
const clearlyBelow = (x, level) => (x.high ?? x.speedup) < level;

function fellPastCores(results, cores) {
  if (!Number.isFinite(cores)) return '';
  const at = results.points.map((point, i) => ({ point, ...results.derived[i] })).filter((x) => x.speedup != null);
  const within = at.filter((x) => x.point.workers <= cores);
  if (!within.length) return '';
  // From the most workers within the cores, and only where the curve had not already fallen
  // within them: there the fall is the workload's own (the shared counter's contended writes gave
  // 0.25× on 2 workers, and its 0.25× on 3 had been blamed on other programs).
  const best = within.reduce((a, b) => (b.speedup > a.speedup ? b : a));
  const full = within.reduce((a, b) => (b.point.workers > a.point.workers ? b : a));
  if (clearlyBelow(full, FALL_PAST_CORES * best.speedup)) return '';
  const fell = at.find((x) => x.point.workers > cores && clearlyBelow(x, FALL_PAST_CORES * (full.low ?? full.speedup)));
  if (!fell) return '';
  return `Note: past the ${counted(cores, 'logical core')} reported, the speedup fell from ${x2(full.speedup)} on ` +
    `${counted(full.point.workers, 'worker')} to ${x2(fell.speedup)} on ${counted(fell.point.workers, 'worker')}. Workers taking turns on the cores ` +
    'cost a little, not a quarter or more: most likely other programs were using the cores during those runs. Run again with ' +
    'them closed before reading this drop as the cost of sharing cores.';
}

/** The note for the first worker count (up to the core count) whose threads computed for over
 *  STRETCHED times as long as 1 worker's did while the speedup stayed under 3/4 of k. */
function slowerSideBySide(results, cores) {
  const base = results.points.find((p) => p.workers === 1);
  const alone = computing(base?.timeline);
  if (!alone) return '';
  const derived = results.derived;
  for (const [i, p] of results.points.entries()) {
    const together = computing(p.timeline);
    const speedup = derived[i].speedup;
    if (p.workers < 2 || p.workers > cores || !together || speedup == null) continue;
    const stretch = together / alone;
    if (stretch <= STRETCHED || speedup >= 0.75 * p.workers) continue;
    const { ruledOut, list } = slowdownCauses(results.memory);
    return `Note: in the traced run on ${counted(p.workers, 'worker')} the threads computed for ${x2(stretch)} as long in all as 1 worker ` +
      `did for the same work: side by side, each ran ${stretch >= 2 ? 'far' : 'markedly'} slower than alone. That, not serial code, holds the speedup ` +
      `(${x2(speedup)}) down, and the fitted serial fraction stands for it. ${ruledOut}${ruledOut ? 'That leaves' : 'Causes can be'} ` +
      `${list}; run again with other programs closed to rule out the last.`;
  }
  return '';
}

/** Where the fit includes worker counts past the cores: ' The fit includes k = 3, 4, …', else
 *  ''. There workers take turns, which no serial fraction describes: a lecturer's fit over 1-4
 *  workers on 2 cores said s = 0.702 for a set 0.3, while e(2) read 0.330. `whose` cores: the
 *  reader's ('your', in the playground) or a compared result's ('its', where its s sits beside
 *  others fitted within their cores: an engineer read 0.350 beside 0.040 from one machine). */
export function pastCoresReading(results, cores, whose = 'your') {
  // The points the fit read: not those too short to time (SweepResults.tooShort).
  const fitted = results.points.filter((p) => !results.tooShort(p));
  const past = fitted.filter((p) => p.workers > cores).map((p) => p.workers);
  if (!past.length || !fitted.some((p) => p.workers > 1 && p.workers <= cores)) return '';
  // Threads that waited off their cores (as for I/O) left them to others: past the cores they
  // overlapped, not took turns ("take turns" stood beside 3.95× on 4 workers of 2 cores).
  if (fitted.filter((p) => p.workers > cores).every((p) => waitsOffCore(p.timeline))) return '';
  // Gustafson's law too assumes a core for each worker: its sentence lacked the warning Amdahl's had.
  const [law, within] = results.scaling === 'weak' ? ['Gustafson\'s', 'the points within the cores']
    : ['Amdahl\'s', 'the points within the cores (e(k) in the table)'];
  return ` The fit includes k = ${past.join(', ')}, past ${whose} ${counted(cores, 'logical core')}, where workers take turns on the cores: ` +
    `${law} law does not describe that, so ${whose === 'your' ? `read s from ${within}` : 'its s does not compare with one fitted within the cores'}.`;
}
