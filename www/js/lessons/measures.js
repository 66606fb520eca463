// What a lesson can ask the reader to predict, how it is read off their own results, and the
// sentence that explains the gap between guess and measurement. Lessons name a measure in
// `data-measure` (see www/lessons/README.md); nothing here knows any lesson.
import { counted, formatValue, msText, wordList } from '../input.js';
import { spanKind, timelineRows, waitingKinds, waitsOffCore, workingStretches } from '../experiment/charts.js';
import { slowdownCauses } from '../experiment/causes.js';
import { clampedText, looksClamped, noiseNote } from '../experiment/noise.js';
import { fitLeavesOut } from '../experiment/results-view.js';
import { againstBound, amdahlSpeedup, fewRunsText, gustafsonSpeedup, LEVEL, levelPercent, lowestLevel, serialRangeText, speedupLevel } from '../stats.js';
import { tiedWith } from '../results/sweep-results.js';

const x2 = (v) => `${v.toFixed(2)}×`;
const pct = (v) => `${Math.round(v * 100)}%`;

/** Two significant figures: what a rule of thumb from one noisy measurement can claim. */
const roughly = (v) => Number(v.toPrecision(2));

/**
 * How a number prediction compares with a measurement and its interval. `wide`: the interval
 * width past which a guess inside it is not judged. By default an interval whose top is more
 * than twice its bottom is too wide: it holds almost any guess (a speedup of 0.94× from 0.30×
 * to 1.14× called a guess of 0.5 "well judged", while 0.99× from 0.52× to 1.65× was "too wide").
 * `absolute`: say the gap as a difference, not a share of the guess (a fraction: 0.05 against
 * 0.25 is not "400% above").
 */
function verdict(predicted, { value, low, high, format = (v) => formatValue(roughly(v)) }, { wide = null, absolute = false } = {}) {
  if (low != null && high != null && predicted >= low && predicted <= high) {
    const tooWide = wide != null ? high - low > wide : low > 0 ? high > 2 * low : high - low > Math.abs(value);
    return tooWide
      ? `Your prediction lies inside the interval of the measurement, but that interval (${format(low)} to ` +
        `${format(high)}) is too wide to judge a guess by: run again with more repeats.`
      : 'Your prediction lies inside the interval of the measurement: well judged.';
  }
  // Neutral words: for some measures (a serial fraction, a time) more is not better.
  const side = predicted > value ? 'below' : 'above';
  if (absolute) return `The measurement came out ${formatValue(roughly(Math.abs(value - predicted)))} ${side} your prediction.`;
  // A share of the guess reads well near it; far off (or from a guess of 0), times says it.
  const ratio = value / predicted;
  if (!(predicted > 0) || !(value > 0)) return `The measurement, ${formatValue(roughly(value))}, came out ${side} your prediction of ${formatValue(predicted)}.`;
  if (ratio >= 3) return `The measurement came out at ${formatValue(roughly(ratio))} times your prediction.`;
  // Far below, as a share of it: "1.9e-9 times your prediction" answered a guess of 1e9.
  if (ratio <= 1 / 3) return `The measurement came out at about 1/${formatValue(Math.round(1 / ratio))} of your prediction.`;
  return `The measurement came out ${pct(Math.abs(ratio - 1))} ${side} your prediction.`;
}

/** The confidence of a speedup's interval: that of the less certain of its two medians (a
 *  median of few runs has an interval of min to max, covering it with less than 95%). */
function levelText(results, point) {
  return levelPercent(speedupLevel(results.points, point));
}

/** The point of a worker sweep at `k` ('max' for the largest). */
function pointAt(results, k) {
  const points = results.points;
  if (!points.length) return null;
  const index = k === 'max' ? points.length - 1 : points.findIndex((p) => p.workers === Number(k));
  return index < 0 ? null : { point: points[index], derived: results.derived[index] };
}

const speedup = {
  kind: 'number',
  min: 0.01,
  max: 1024, // the laws widget's most cores: a guess of 1e9 was taken
  /** A sweep of 1 worker alone has no speedup to read (Workers set to 1, or a device that
   *  reports one core): it threw on the 1-worker point's missing interval, and the lesson could
   *  never be done. */
  unanswered(results) {
    if (results.points.some((p) => p.workers > 1)) return null;
    return 'This run used 1 worker only, so it has no speedup to set beside your prediction: a speedup is the 1-worker time ' +
      'over the time on more workers. Add a larger count to Workers (or press Reset) and run again. Where the device reports ' +
      'a single core, more workers take turns on it, and the run shows what that costs.';
  },
  read(results, arg = 'max') {
    const at = pointAt(results, arg);
    if (!at || at.derived.speedup == null || at.point.workers === 1) return null;
    const name = results.scaling === 'weak' ? 'scaled speedup' : 'speedup';
    const level = speedupLevel(results.points, at.point);
    // From one run each there is no interval: "1.61× (0% interval 1.61×–1.61×)" had been judged
    // as if it were one.
    // (A point kept without its samples has no interval either, whatever its level.)
    const none = level === 0 || at.derived.low == null;
    const interval = level === 0 ? 'one run: no interval' : none ? 'no interval' : `${levelPercent(level)} interval ${x2(at.derived.low)}–${x2(at.derived.high)}`;
    return {
      value: at.derived.speedup, low: none ? null : at.derived.low, high: none ? null : at.derived.high, level,
      k: at.point.workers, format: x2, // as in its text
      text: `${x2(at.derived.speedup)} (${interval}) on ${counted(at.point.workers, 'worker')}`,
      name,
    };
  },
  explain(predicted, m, results, env) {
    const k = m.k;
    const cores = env.hardwareConcurrency;
    const efficiency = m.value / k;
    const parts = [verdict(predicted, m)];
    // A guess past the worker count is past what they can give (2.5× on 2 workers had been
    // answered "25% below your prediction" alone).
    if (predicted > 1.05 * k) {
      parts.push(`${counted(k, 'worker')} can give at most about ${k}× by sharing the work: each would have to do more than its share ` +
        'in the same time, which only happens where the data, once split, fits the cores\' caches better.');
    }
    const fit = results.fit;
    const chosen = results.params?.serial_fraction;
    const note = noiseNote(results, env);
    let noteSaid = false;
    let fewSaid = false; // the reading against the law for the s set has said what few runs give
    const locked = waitingKinds(pointAt(results, k)?.point.timeline).includes('lock');
    // Under weak scaling the grown problem on k workers should take about what the original took
    // on 1: its work grew by the point's work factor (k-fold, or s + (1 − s)k where the serial
    // part stays fixed), shared by k workers. Gustafson's law with the s set, where one is set,
    // else k, is what the scaled speedup should reach.
    const expected = chosen != null ? gustafsonSpeedup(chosen, k) : k;
    if (results.scaling === 'weak' && m.value < 0.75 * expected && (m.high ?? m.value) < expected) {
      // A run that did not scale, not a serial part that shrank: "took about 1.34× as long" once
      // stood beside 439.0 and 441.6 ms, which matched the law for the s set.
      const factor = pointAt(results, k)?.point.work_factor ?? k;
      parts.push(`Under weak scaling the work grew ${Number.isInteger(factor) ? factor : factor.toFixed(2)}-fold with the workers, and ${counted(k, 'worker')} should ` +
        `have done it in about the time 1 worker took for the original problem; here their run took about ${x2(factor / m.value)} as ` +
        `long as that, so the scaled speedup stayed at ${x2(m.value)}, short of the ${x2(expected)} ` +
        `${chosen != null ? `Gustafson's law gives with the s you set, ${chosen}` : 'that perfect scaling gives'}. ` +
        (fit ? `The fitted s = ${fit.serial_fraction.toFixed(3)} does not mean the serial part grew: ` : 'It does not mean the serial part grew: ') +
        // Only causes that can apply: the amdahl workload holds no data for a cache to lose.
        `the larger problem ran slower per item (${slowdownCauses(results.memory).list}` +
        `${results.memory === 'compute' ? '' : '; and a larger problem\'s data may no longer fit a cache'}). ` +
        'Run again with other programs closed before reading a law into it.');
    } else if (results.scaling === 'weak') {
      // Its share of each grown run's time stays s (the lesson builds it so); its share of all
      // the work done, as 1 worker would do it, is what shrinks.
      parts.push(`Under weak scaling the parallel work grew ${k}-fold with the workers while the serial part stayed the same, so the serial ` +
        `part's share of all the work done shrank, though it still takes its share s of each run's time: ` +
        (chosen != null ? `Gustafson's law with the s set, ${chosen}, gives s + (1 − s)k = ${x2(expected)} on ${counted(k, 'worker')}` +
          (fit ? ` (the fit found s = ${fit.serial_fraction.toFixed(3)})` : '') + ', and it keeps growing with k, with no ceiling'
          : fit ? `the fitted s = ${fit.serial_fraction.toFixed(3)} gives s + (1 − s)k = ${x2(k - fit.serial_fraction * (k - 1))}, ` +
            'and it keeps growing with k, with no ceiling' : 'the speedup keeps growing with k, with no ceiling') +
        '. (Here 1/s caps a fixed problem\'s speedup, not this scaled one: the serial part\'s time stays the same while the ' +
        'parallel work grows with the workers.)');
    } else if (k > cores && m.value > cores * 1.05 && waitingKinds(pointAt(results, k)?.point.timeline).length) {
      parts.push(`${counted(k, 'worker')} sped it up ${x2(m.value)}, more than the ${counted(cores, 'logical core')} this browser reports could by ` +
        'computing alone: the threads spent much of their time waiting, not computing, and a waiting thread leaves its core to another.');
      // And the ceiling of such waits from the reader's own timeline (the lesson's "about 9"
      // assumes a nanosecond a step, which a phone may take three times over).
      if (waitsOffCore(pointAt(results, k)?.point.timeline)) parts.push(overlappedWaits(pointAt(results, k).point.timeline, k, m.value, results.params));
    } else if (waitsOffCore(pointAt(results, k)?.point.timeline)) {
      parts.push(overlappedWaits(pointAt(results, k).point.timeline, k, m.value, results.params));
    } else if (k > cores && looksClamped(results, env)) {
      // The note under the results says the same: it is not pointed to as well.
      parts.push(clampedText(results, env));
      noteSaid = true;
    } else if (k > cores && (m.low ?? m.value) > cores * 1.05) {
      // Computing alone, k threads on fewer cores cannot beat the cores: 2.21× on 4 workers of a
      // 2-core device was once explained as a curve that "cannot keep growing".
      parts.push(`${x2(m.value)} on ${counted(k, 'worker')} is more than the ${counted(cores, 'logical core')} this browser reports can give ` +
        'by computing: the 1-worker runs it is measured against were most likely slowed (most often by other programs using a core), ' +
        'so this speedup overstates what the cores did. Run again with other programs closed: if it holds, the browser reports ' +
        'fewer cores than the device has (some lower the count for privacy).');
    } else if (k > cores) {
      // The law for the s set comes first: a 3× guess for 4 workers at s = 0.25 (at most 2.29×
      // anywhere) was told only that the device had 2 cores.
      const bound = chosen != null ? amdahlSpeedup(chosen, k) : null;
      const law = bound == null ? '' : `With the serial fraction set to s = ${chosen}, Amdahl's law allows at most ${x2(bound)} on ` +
        `${counted(k, 'worker')} even with a core for each${Number(predicted) > 1.02 * bound ? `, less than your ${x2(Number(predicted))}` : ''}. And `;
      parts.push(`${law}${counted(k, 'worker')} is more than the ${counted(cores, 'logical core')} this browser reports: past that, threads take turns on the ` +
        'same cores, so the speedup cannot keep growing.' + shortWithinCores(results, cores));
    } else if (chosen != null) {
      const bound = amdahlSpeedup(chosen, k);
      const side = againstBound(m, bound); // as the results' own line reads it (chosenReading)
      fewSaid = side === 'few';
      parts.push(`With the serial fraction set to s = ${chosen}, Amdahl's law allows at most ${x2(bound)} on ${counted(k, 'worker')}` +
        (side === 'above'
          ? `, and the measurement is above it by more than its noise: the law holds for the work as set, so the 1-worker runs ` +
            'took longer than that work alone needs (most often other programs were using a core then). Run again to see if it holds.'
          // Fewer than six runs: min to max (or no interval) judges nothing beyond the noise.
          : side === 'few' ? `, and the measurement came out ${m.value > bound ? 'above' : 'below'} it, but ${fewRunsText(m.level)}: ` +
            'too few runs to say whether that is more than noise.'
          : m.value >= bound ? `: the measurement reached it, within its noise (the bound lies inside its interval).${fitLeavesOut(results, cores)}`
          : side === 'below'
            ? `, and the measurement fell short of it beyond its noise, by ${pct(1 - m.value / bound)}: the rest of the gap ${gapCause(results, k, bound, note)}`
          // The chart's fit beside it may leave the s out: "came close … within its noise" had
          // stood alone beside a fitted range of 0.215–0.422 for 0.2.
          : side === 'near' ? `, and the measurement came close to it, within its noise.${fitLeavesOut(results, cores)}`
          : `; the rest of the gap ${gapCause(results, k, bound, note)}`));
      if (m.high != null && m.high < 1) parts.push(slowdown(k));
    } else if (m.high != null && m.high < 1) {
      parts.push(`${slowdown(k)} So the fitted serial fraction (s = ${fit ? fit.serial_fraction.toFixed(3) : '—'}) is not serial code here: ` +
        `the extra time ${gapCause(results, k, 1, note)}`);
    } else if (m.value < 1) {
      // Below 1 at the median, with an interval reaching 1× or above: the fit stops at s = 1, and
      // "s = 1.000, which alone limits 2 workers to 1.00×" stood beside 0.64× and the fit's own
      // "no serial fraction explains" it.
      // From one run each there is no interval at all (it threw on the missing one).
      parts.push(`On ${counted(k, 'worker')} the median run took longer than on 1, ` +
        (m.high == null ? 'but from one run each there is no interval: these runs cannot tell a slowdown from noise. '
          : `though the interval reaches ${x2(m.high)}: these runs cannot tell a slowdown from a small gain. `) + 'Either way no serial fraction ' +
        `explains a speedup below 1×. ${NEVER_BELOW}` +
        (!fit ? '. ' : fit.serial_fraction >= 0.9995 ? ', so the fitted s = 1 says only that it did not rise. '
          : `, so the fitted s = ${fit.serial_fraction.toFixed(3)} is not serial code here. `) +
        (locked
          ? 'The timeline shows what held it down: the threads waiting for a lock, taking turns instead of running together.'
          : `What held it down is a cost that only running in parallel adds: ${slowdownCauses(results.memory).list}.`));
    } else if (fit) {
      // s = 0 limits nothing: "s = 0.000, which alone limits 2 workers to 2.00×" read as a limit.
      parts.push(`Efficiency was ${pct(efficiency)}. ` + (fit.serial_fraction < 0.0005
        ? `The Amdahl fit finds no serial fraction (s = 0.000), so the law allows the full ${x2(k)} on ${counted(k, 'worker')}`
        : `The Amdahl fit puts the serial fraction at s = ${fit.serial_fraction.toFixed(3)}, ` +
          `which alone limits ${counted(k, 'worker')} to ${x2(amdahlSpeedup(fit.serial_fraction, k))}`) +
        // Above 100%: faster than k times one worker, which computing alone cannot give ("110% …
        // parallelises almost perfectly" hid it). The causes as the Karp-Flatt chart names them.
        (efficiency > 1.02 ? `. An efficiency above 100% is ${counted(k, 'worker')} doing more than ${k} times the work of one ` +
          `(super-linear): ${results.memory === 'compute' ? '' : 'the data fitting in more cores\' caches once it is split, or '}` +
          '1-worker runs slowed by other programs. ' +
          'Run again to see if it holds.'
          : efficiency >= 0.9 ? ': this workload parallelises almost perfectly here.'
          : locked ? ': the timeline shows why, the threads waiting for a lock: holding it, one thread at a time runs, which to the law ' +
            'is serial work.'
          : `: the shortfall is work that did not run in parallel, or costs that behave like it (overhead, ${behavesSerial(results.memory)}).`));
    }
    parts.push(deliveryReading(results, k));
    parts.push(contendedGain(results, k, m));
    if (!fewSaid) parts.push(fewRuns(results, k));
    if (!noteSaid) parts.push(seeNote(note));
    return parts.filter(Boolean).join(' ');
  },
};

/**
 * A speedup made of waits that overlap (threads waiting outside any lock, as for I/O), read from
 * the traced run on `k` workers: its ceiling is (wait + compute) / compute, not 1/s. The global
 * lock's waiting run, 1.9× on 2 workers, was read as "s = 0.007: this workload parallelises
 * almost perfectly here", of computing the lock serialises.
 */
function overlappedWaits(timeline, k, measured, params = {}) {
  const rows = timelineRows(timeline).filter((r) => r.key != null);
  const [wait, compute] = ['wait_ms', 'busy_ms'].map((key) => rows.reduce((sum, r) => sum + r[key], 0));
  if (!(compute > 0)) return '';
  const ceiling = (wait + compute) / compute;
  // A share of the run, as the timeline's own description gives each thread's.
  const run = (timeline.end_ms - timeline.start_ms) * rows.length;
  // With Lock = none the computing runs in parallel too: (wait + compute) / compute is the
  // ceiling only while one thread at a time may compute ("not computing in parallel" and "its
  // ceiling is about 8.40×" stood beside a lock-free 3.97× on 4 workers).
  if (params?.lock === 'none') {
    return `The threads spent ${pct(wait / run)} of the run waiting (as for I/O), and with no lock nothing holds one thread up for ` +
      `another: each waits and computes on its own, so the speedup can reach the worker count (${x2(measured)} on ` +
      `${counted(k, 'worker')}${measured >= 0.8 * k ? ', close to it' : ''}). Only the computing takes a core, so more workers than cores ` +
      `still gain, up to about ${ceiling.toFixed(1)} times as many workers as cores ((wait + compute) / compute, by this run's timeline). Under the ` +
      'global lock that same figure caps the whole speedup, since only one thread at a time may compute.';
  }
  return `The threads spent ${pct(wait / run)} of the run waiting outside the lock (as for I/O), and waits overlap: while one ` +
    `thread waits, another computes. That, not computing in parallel, gave ${x2(measured)} on ${counted(k, 'worker')}. Its ceiling is ` +
    `(wait + compute) / compute, about ${x2(ceiling)} by this run's timeline, and not 1 / s of the fitted serial fraction` +
    // Short of it with fewer workers than the ceiling: too few; with as many or more, the lock's
    // hand-overs and waking the threads ("16 workers are not enough" beside a ceiling of 3).
    (measured >= 0.8 * ceiling ? ': this run reached it.'
      : k < ceiling ? `: ${counted(k, 'worker')} are not enough to reach it.`
        : `: ${counted(k, 'worker')} are more than enough, so what held it below is the cost of handing the lock from thread to ` +
          'thread and waking each waiting thread.');
}

/** Where the largest count within the cores already fell well short of its own count: a sentence
 *  saying the loss happened there, not past the cores (0.99× on 2 workers and on 4, of 2 cores,
 *  had been put down to threads taking turns). Else ''. */
function shortWithinCores(results, cores) {
  const index = results.points.findLastIndex((p) => p.workers > 1 && p.workers <= cores);
  if (index < 0) return '';
  const [{ workers }, { speedup: gained, high }] = [results.points[index], results.derived[index]];
  if (gained == null || (high ?? gained) >= 0.8 * workers) return '';
  return ` But the curve had stopped before that: on ${counted(workers, 'worker')}, within the cores, it reached only ${x2(gained)}, ` +
    `so what held it down happened there (${slowdownCauses(results.memory).list}), not in the turn-taking past the cores.`;
}

/** What an interval below 95% is, where the speedup on `k` workers has one (fewer than six runs
 *  a point): a student met "75% interval" with nothing to say what it meant. Else ''. */
function fewRuns(results, k) {
  const at = pointAt(results, k);
  if (!at) return '';
  const level = speedupLevel(results.points, at.point);
  if (level >= 0.95) return '';
  const runs = Math.min(...results.points.map((p) => p.samples_ms.length));
  if (level === 0) return 'With 1 run a point there is no interval to judge the speedup by: two runs give min to max, and six or more a 95% interval.';
  return `With ${counted(runs, 'run')} a point, an interval runs from the fastest run to the slowest, and the speedup's ` +
    `interval holds the true value only about ${levelPercent(level)} of the time: six or more runs a point give a 95% interval.`;
}

/** Besides overhead, what adds time as serial code would, for a workload whose threads do
 *  `memory` with memory (the catalogue's `memory`; null: not known). */
function behavesSerial(memory) {
  return memory === 'compute' ? 'or threads running slower side by side than alone'
    : memory === 'streams' ? 'threads sharing the memory bandwidth' : 'threads contending for the same data';
}

/** Where the workers received copies (message passing), what the delivery did against the
 *  summing from 1 to k workers: the sharing lesson's copy run, 0.45× with its delivery grown from
 *  49.5 to 116.7 ms, was explained by generic causes that never named the copying. */
function deliveryReading(results, k) {
  const [one, many] = [1, k].map((n) => pointAt(results, n)?.point.extra?.delivery);
  if (!one || !many || k === 1) return '';
  if (many.mode === 'share') return shareReading(one, many, k, pointAt(results, k).point.median_ms);
  if (many.mode !== 'copy') return '';
  const head = `Delivering the data took ${msText(one.delivery_ms)} on 1 worker and ${msText(many.delivery_ms)} on ${k}, while the slowest ` +
    `worker's summing went from ${msText(one.sum_ms)} to ${msText(many.sum_ms)}: `;
  const [delivered, summed] = [many.delivery_ms / one.delivery_ms, many.sum_ms / one.sum_ms];
  if (many.delivery_ms >= one.delivery_ms) {
    return head + 'the delivery did not shrink at all. The page packs every slice itself, one after another, so the packing is one ' +
      'thread\'s work however many workers wait for it, and it caps the speedup as serial code does.';
  }
  // Compared, not assumed: a summing held by memory bandwidth (8 -> 7 ms) shrinks less than a
  // delivery of 40 -> 15 ms, and "by a smaller share than the summing" had been said of it.
  return head + (delivered > summed
    ? 'the delivery shrank by a smaller share than the summing: only the unpacking is shared out, and the packing stays whole.'
    : summed >= 1 ? 'the delivery shrank, but the summing did not: the workers summed no faster side by side than one alone ' +
      '(sharing the memory\'s bandwidth, or slowed by other programs).'
    : 'the summing shrank by a smaller share than the delivery here. The workers summed side by side not much faster than one ' +
      'alone (sharing the memory\'s bandwidth, or slowed by other programs), while the unpacking of the slices was shared out.');
}

/**
 * A shared run's delivery and summing on 1 and on k workers, read together: the sharing lesson
 * tells the reader to read those columns, and a 1.00× beside delivery of 1.84 ms of a 4.1 ms run
 * was read as "work that did not run in parallel".
 */
function shareReading(one, many, k, runMs) {
  const parts = [`Nothing was copied: delivering took ${msText(one.delivery_ms)} on 1 worker and ${msText(many.delivery_ms)} on ${k} ` +
    `(only the messages, and workers waking up to read them), while the slowest worker's summing went from ${msText(one.sum_ms)} ` +
    `to ${msText(many.sum_ms)}.`];
  const summed = many.sum_ms / one.sum_ms;
  if (summed >= 1) {
    parts.push(`The summing did not shrink at all: the workers read memory side by side and share its bandwidth, or another program ` +
      'took a core.');
  } else if (summed > 1.3 / k) {
    parts.push(`The summing did not shrink to 1/${k} of its time (${x2(1 / summed)} faster): the workers read memory side by side and ` +
      'share its bandwidth, or another program took a core.');
  }
  if (many.delivery_ms > 0.25 * runMs) {
    // Messages and wake-ups, which grow with the workers: not a fixed start-up cost.
    parts.push(`The delivery was ${pct(many.delivery_ms / runMs)} of the ${msText(runMs)} run on ${counted(k, 'worker')}: in a run this short, ` +
      'messaging the workers and waiting for them to wake holds the speedup down, as serial code would, and it grows with their number.');
  }
  return parts.join(' ');
}

/**
 * An atomic counter that did not slow down on k workers, where the races lesson expects it to:
 * what can keep its cache line from travelling ("1.05× (0.91–1.11)" stood beside a generic
 * "serial fraction s = 0.914", against the lesson's "expect a speedup below 1"). Else ''.
 */
function contendedGain(results, k, m) {
  // Not below 1: "this one did not" had followed "the run took longer than on 1" at 0.93×.
  if (k === 1 || results.params?.mode !== 'atomic' || results.memory !== 'shared-writes' || m.value < 1 || (m.low ?? m.value) < 0.9) return '';
  return `An atomic counter shared by ${counted(k, 'worker')} usually runs slower than on one, its cache line travelling from core to ` +
    `core with every increment; this one did not (${x2(m.value)}). Two of the logical cores may be one physical core's two hardware ` +
    'threads, sharing its cache, so the line never travels (many virtual machines and laptops pair them so); or the threads ran by ' +
    'turns, not at once, while other programs had a core. The timeline shows whether they overlapped.';
}

/** Why a speedup below 1 cannot be serial code. */
function slowdown(k) {
  return `On ${counted(k, 'worker')} the run took longer than on 1. ${NEVER_BELOW}: a slowdown is a cost that only running in ` +
    'parallel adds.';
}

/** Why no serial fraction explains a speedup below 1, as both slowdown sentences say it. */
const NEVER_BELOW = 'Serial code can hold a speedup at 1×, never push it below';

/** Where the timings are in doubt, the note under the results (noise.js) says why: a
 *  prediction's explanation points to it rather than repeat it (a student read the same note
 *  word for word three times, under the chart and beside both of an experiment's predictions). */
// Not "disturbed": a note may name what the lesson shows (a counter's cache line passed from core
// to core), and the races lesson's contended counter read as a machine at fault.
const seeNote = (note) => (note ? 'The note under the results says what else these timings show.' : '');

/** A hand-over of a lock (waking the thread next in line) costs microseconds: a gap of more
 *  than this (ms) per hand-over is not theirs. */
const HANDOVER_MS = 1;

/**
 * What the time beyond Amdahl's bound (on k workers, where the law allows `bound`) came from, as
 * far as the reader's own numbers tell: their sweep measured what handing work to the pool costs
 * (the dispatch, µs per parallel region; a lesson's run has one or a few). A gap many times that
 * is not overhead, and the sentence says so, with both numbers, instead of calling it overhead by
 * default; where the timeline shows threads waiting for a lock, that is the cause it names.
 */
function gapCause(results, k, bound, note) {
  const base = results.points.find((p) => p.workers === 1);
  const at = results.points.find((p) => p.workers === k);
  const dispatch = at?.dispatch_cold_us ?? at?.dispatch_us;
  const causes = slowdownCauses(results.memory);
  const gapMs = base && at ? at.median_ms - base.median_ms / bound : null;
  if (gapMs != null && gapMs <= 0) return 'is none: that run met the law\'s bound, so the excess came from another worker count, or from noise.';
  if (gapMs != null && gapMs > 1 && waitingKinds(at.timeline).includes('lock')) {
    // Each wait for the lock is a hand-over, which costs microseconds (waking a thread): with
    // Hold = 100 a run has a handful, and 24.4 ms a run had been put down to them on a busy machine.
    // A bar may hold several waits merged (trace.rs): its count of them, one at least.
    const handovers = at.timeline.spans.filter((span) => spanKind(span) === 'lock').reduce((n, span) => n + Math.max(1, span.tasks ?? 0), 0);
    if (gapMs / handovers > HANDOVER_MS) {
      return `is ${gapMs.toFixed(1)} ms a run, and the timeline shows the threads waiting for a lock, but only ` +
        `${counted(handovers, 'time')} in the traced run: ${(gapMs / handovers).toFixed(1)} ms a hand-over, far more than waking a thread ` +
        'costs (microseconds). Most of it came from something else, most likely other programs using the cores: run again to see if it holds.';
    }
    return `is ${gapMs.toFixed(1)} ms a run, and the timeline shows the threads waiting for a lock: they took turns instead ` +
      'of running together, and each hand-over of the lock costs time of its own.';
  }
  if (gapMs != null && dispatch != null && gapMs > 1 && gapMs * 1e3 > 20 * dispatch) {
    // The note, when there is one, names the causes, and the explanation ends by pointing to it:
    // a student read the list twice in one paragraph.
    return `is ${gapMs.toFixed(1)} ms a run, while handing work to the pool cost ${dispatch.toFixed(0)} µs here (see Overheads), ` +
      'far too little to explain it' + (note ? '.'
        : `. ${causes.ruledOut}That leaves ${causes.list}; run again with other programs closed to rule out the last.`);
  }
  // Where the timings are in doubt, other programs are the likelier cause: say both.
  return note ? 'is overhead (waking the pool, waiting for the slowest thread) or other programs taking the cores.'
    : 'is overhead: waking the pool and waiting for the slowest thread.';
}

const knee = {
  kind: 'number',
  min: 1,
  whole: true, // a worker count
  read(results) {
    const curve = results.knee;
    if (!curve) return null;
    const { best, knee: k } = curve;
    return { value: k, low: null, high: null, text: `${counted(k, 'worker')} (best speedup ${x2(best.speedup)} on ${counted(best.k, 'worker')})` };
  },
  explain(predicted, m, results, env) {
    const cores = env.hardwareConcurrency;
    // A count past the sweep's largest (99 against 4) is one the sweep cannot show: said so.
    const largest = Math.max(...results.points.map((p) => p.workers));
    const same = predicted === m.value ? 'Exactly as you predicted.'
      : predicted > largest ? `You predicted ${counted(predicted, 'worker')}, more than the ${largest} this sweep went to: it can show ` +
        `only where the curve stopped rising within its range, and that was at ${counted(m.value, 'worker')}.`
        : `You predicted ${counted(predicted, 'worker')}.`;
    const note = noiseNote(results, env);
    const { best, points } = results.knee;
    const atKnee = points.find((p) => p.k === m.value);
    if (best.k !== m.value && (note || best.speedup > 1.1 * atKnee.speedup)) {
      // The knee is the first count within the noise of the best: with wide intervals that says
      // more about the noise than about the cores.
      // What the knee reached is its interval's top, not its median: "reaches down to 1.79×, which
      // 2 workers already reached" stood beside 2 workers' 1.16×.
      const floor = best.low == null ? `within 5% of it (${x2(0.95 * best.speedup)})`
        : `its ${levelText(results, pointAt(results, best.k).point)} interval reaches down to ${x2(best.low)}`;
      const reached = atKnee.high == null || atKnee.speedup >= (best.low ?? 0.95 * best.speedup)
        ? `which ${counted(m.value, 'worker')} already reached (${x2(atKnee.speedup)})`
        : `and the interval of ${counted(m.value, 'worker')} (median ${x2(atKnee.speedup)}) reaches up to ${x2(atKnee.high)}`;
      return `${same} The best was ${x2(best.speedup)} on ${counted(best.k, 'worker')}, but ${floor}, ${reached}: ` +
        'within this noise the counts cannot be told apart. ' +
        (seeNote(note) || 'Run again with more repeats, and with other programs closed, to find where the curve really stops rising.');
    }
    const clamped = looksClamped(results, env);
    return [kneeReason(same, m.value, cores, best.speedup, clamped), clamped ? '' : seeNote(note)].filter(Boolean).join(' ');
  },
};

/** Why the curve stopped where it did, against the cores the browser reports (`best`: the best
 *  speedup measured; `clamped`: looksClamped, as the speedup's reading and the note judge it). */
function kneeReason(same, count, cores, best, clamped) {
  if (count < cores) {
    return `${same} The curve stopped gaining at ${counted(count, 'worker')} although this browser reports ${counted(cores, 'logical core')}: ` +
      'a sign that logical cores come in pairs sharing one physical core (SMT), that other programs are using some cores, or that ' +
      'the browser reports more cores than there are (Safari reports at least 4; a virtual machine may show more than it is given).';
  }
  // Past the count, but no higher than the count's own speedup: no sign of hidden cores ("the
  // browser under-reports" stood beside 1.60×, 1.95×, 1.96× on 2, 3, 4 workers of 2 cores).
  if (count > cores && clamped) {
    return `${same} The curve kept gaining past the ${cores} cores the browser reports, to ${x2(best)}: more than ${cores} cores ` +
      'can give, so the browser under-reports (some clamp navigator.hardwareConcurrency for privacy), and the measurement shows the ' +
      'cores that are really there.';
  }
  // A little past what the cores give: a slowed 1-worker run as often as hidden cores, as the
  // speedup's reading beside it says.
  if (count > cores && best > 1.05 * cores) {
    return `${same} The curve kept gaining past the ${cores} cores the browser reports, to ${x2(best)}, a little more than ${cores} ` +
      'cores can give: either the 1-worker runs were slowed (most often by other programs), which inflates every speedup, or the ' +
      'browser reports fewer cores than the device has. Run again with other programs closed: if it holds, the cores are there.';
  }
  if (count > cores) {
    return `${same} The curve rose past the ${counted(cores, 'logical core')} the browser reports, but only to ${x2(best)}, no more than ` +
      `${cores} cores can give: the points within the cores fell short of it (a disturbed run at or below ${cores} workers does ` +
      'that), not extra cores. Run again with other programs closed.';
  }
  return `${same} The curve gained up to the ${counted(cores, 'logical core')} the browser reports and no further: past them, ` +
    'threads only take turns.';
}

/** A fitted serial fraction whose 95% range is wider than this does not confirm a chosen one. */
const WIDE_SERIAL_RANGE = 0.2;

const serialFraction = {
  kind: 'number',
  min: 0,
  max: 1,
  fraction: true, // "25%" is 0.25
  read(results) {
    const fit = results.fit;
    if (!fit) return null;
    const range = serialRangeText(fit, '', results.points);
    // Fewer than six runs a point: the range is "too few for a 95% range" (serialRangeText), and
    // judges no guess and no s set ("its range, 0.242–0.242, leaves the 0.25 out" from one run each).
    const few = lowestLevel(results.points) < LEVEL;
    return { value: fit.serial_fraction, low: few ? null : fit.serial_fraction_low, high: few ? null : fit.serial_fraction_high, few,
      text: `s = ${fit.serial_fraction.toFixed(3)}${range}` };
  },
  explain(predicted, m, results, env) {
    const parts = [verdict(predicted, m, { wide: WIDE_SERIAL_RANGE, absolute: true })];
    const chosen = results.params?.serial_fraction;
    const note = noiseNote(results, env);
    const last = results.points.at(-1);
    // Workers past the cores, computing (not waiting, as a lesson's waiting threads do), take
    // turns: where the largest count fell short of the law, that is the first cause to name.
    const cores = env.hardwareConcurrency;
    const one = results.points.find((p) => p.workers === 1);
    const pastCores = cores > 0 && last.workers > cores && !waitingKinds(last.timeline).length && chosen != null && one != null &&
      last.median_ms > one.median_ms / amdahlSpeedup(chosen, last.workers);
    const range = m.low != null ? ` (its range, ${m.low.toFixed(3)}–${m.high.toFixed(3)}, leaves the ${chosen} out)` : '';
    if (chosen != null && m.few) {
      const runs = Math.min(...results.points.map((p) => p.samples_ms.length));
      parts.push(`The fit found s = ${m.value.toFixed(3)} against the ${chosen} that was set, from only ${counted(runs, 'run')} a point: ` +
        'too few to tell whether the two differ beyond the noise. Run again with six or more repeats.');
    } else if (chosen != null) {
      const inside = m.low != null && chosen >= m.low && chosen <= m.high;
      const wide = inside && m.high - m.low > WIDE_SERIAL_RANGE;
      parts.push(wide
        ? `The range, ${m.low.toFixed(3)}–${m.high.toFixed(3)}, contains the ${chosen} that was set, but it is too wide to confirm it: ` +
          'the timings were too noisy to pin the serial fraction down. Run again with more repeats, with other programs closed.'
        : inside
          ? `The serial fraction was set to ${chosen}, and the fit found it again from the timings alone.`
        : m.value > chosen && pastCores
          // 4 workers on 2 cores: the reading had named hyper-threading and other programs, and
          // asked the student to close programs, while the cause was the sweep itself.
          ? `The fit found more than the ${chosen} that was set${range}: any time beyond what the law allows looks serial to it. ` +
            `This sweep went to ${counted(last.workers, 'worker')}, more than the ${counted(cores, 'logical core')} this browser reports: past ` +
            `${cores}, the workers take turns on the cores, and the fit, which knows nothing of cores, counts the time they wait ` +
            `as serial work. Sweep 1 to ${cores} workers to see how close it comes without that.`
        : m.value > chosen
          ? `The fit found more than the ${chosen} that was set${range}: any time beyond what the law allows looks serial to it. ` +
            `On ${counted(last.workers, 'worker')} that time ${gapCause(results, last.workers, amdahlSpeedup(chosen, last.workers), note)}`
          : `The fit found less than the ${chosen} that was set${range}: the serial part ran relatively faster than the parallel part here, or noise moved a point.`);
    } else {
      parts.push('This is the share of the 1-worker time that Amdahl\'s law attributes to work that cannot be shared.');
    }
    parts.push(seeNote(note));
    return parts.filter(Boolean).join(' ');
  },
};

const fastestValue = {
  kind: 'choice',
  options: (results, preset) => (preset.get(preset.get('vary')) ?? '').split(',').map((v) => v.trim()).filter(Boolean)
    .map((v) => [v, formatValue(Number.isFinite(Number(v)) ? Number(v) : v)]),
  /** Why a run gives no answer: it did not sweep the values the question compares (a student
   *  set Sweep over to Worker counts, and the run used the first schedule without a word). */
  unanswered(results, preset) {
    const name = preset?.get('vary') ?? 'one setting';
    const ran = results.varied ? `swept ${results.varied}`
      : `swept worker counts${results.params?.[name] != null ? ` with ${name} = ${formatValue(results.params[name])} alone` : ''}`;
    return `This run cannot answer the question: it compares the values of ${name} side by side, and this run ${ran} instead. ` +
      `Set Sweep over back to ${name} (or press Reset) and run again.`;
  },
  read(results) {
    if (!results.varied || !results.points.length) return null;
    const best = results.points.reduce((a, b) => (b.median_ms < a.median_ms ? b : a));
    return { value: String(results.valueOf(best)), text: `the fastest, median ${msText(best.median_ms)} on ${counted(best.workers, 'worker')}`, best };
  },
  explain(predicted, m, results, env) {
    // Times the timer cannot resolve say nothing about which value is faster ("clearly apart"
    // and a reason why once stood beside medians of 0.0, 0.2 and 0.8 ms).
    if (results.points.some((p) => p.timer_coarse)) {
      const lowest = String(predicted) === m.value ? 'Your pick had the lowest median, but that' : 'That';
      return `${lowest} says little here: the runs took ${wordList(results.points.map((p) => msText(p.median_ms)))}, too short for ` +
        `this browser's timer, which ticks in steps of ${msText(results.timerResolutionMs)}. Make the problem bigger and run again to compare them.`;
    }
    const picked = results.points.find((p) => String(results.valueOf(p)) === String(predicted));
    const parts = [];
    // What the sentence on the pick has said already, so that the reasons after it do not say it
    // again ("static ... overlap" twice in three sentences).
    const said = { ties: false, times: false };
    // "About the same" (a lesson's `together` option, where the point is that a choice may cost
    // nothing): right where every value overlapped the fastest within the noise.
    if (predicted === 'together' && !picked) {
      const tied = tiedWith(results, m.best);
      const others = results.points.filter((p) => p !== m.best && !tied.includes(p));
      Object.assign(said, { ties: true, times: true });
      // Min to max from few runs settles neither way ("took longer beyond the noise" from 3 runs each).
      const level = sweepLevel(results);
      parts.push(level < LEVEL ? `This run cannot settle it: ${fewRunsText(level)}, too little to tell whether the values differ. ` +
        'Run again with six or more repeats.'
        : !others.length
        ? `As you predicted: every value overlapped the fastest, ${formatValue(results.valueOf(m.best))}, within the noise.`
        : `Not on this device: ${formatValue(results.valueOf(m.best))} was the fastest, and ` +
          `${wordList(others.map((p) => `${formatValue(results.valueOf(p))} (${x2(p.median_ms / m.best.median_ms)} as long)`))} ` +
          'took longer beyond the noise.');
    } else if (String(predicted) === m.value) {
      const tied = tiedWith(results, m.best);
      said.ties = tied.length > 0;
      parts.push(tied.length ? `Your pick was the fastest, though not clearly: ${tied.map((p) => formatValue(results.valueOf(p))).join(', ')} ` +
        'overlapped it within the noise.' : 'Your pick was the fastest.');
    } else if (picked) {
      const overlap = tiedWith(results, m.best).includes(picked);
      said.times = overlap;
      // "took 1.00x as long as the fastest, but" read oddly: where the two overlap, their times say it.
      parts.push(overlap
        ? `Your pick was not the fastest, but not clearly slower either: ${msText(picked.median_ms)} against ` +
          `${msText(m.best.median_ms)}` + (picked.median_ms > 1.5 * m.best.median_ms
            // "14.9 ms against 4.4 ms, with overlapping intervals" read oddly without the noise named.
            ? `, ${x2(picked.median_ms / m.best.median_ms)} as long at the medians, but with intervals so wide that they overlap: ` +
              'these runs were too noisy to tell.'
            : ', with overlapping intervals.')
        : `Your pick took ${x2(picked.median_ms / m.best.median_ms)} as long as the fastest.`);
      said.ratioOf = overlap ? null : picked; // whose ratio to the fastest is said already
    } else {
      // The values were changed after the pick: "Your prediction 10,000 / Measured 1,000" had
      // stood as if 10,000 had been run and lost.
      parts.push(`Your pick, ${formatValue(Number.isFinite(Number(predicted)) ? Number(predicted) : predicted)}, was not among the values ` +
        `this run measured (${wordList(results.points.map((p) => formatValue(results.valueOf(p))))}): add it back to them and run again to see how it does.`);
    }
    const reasons = { grain: () => grainReason(results, m.best, said), schedule: () => scheduleReason(results, said), mode: () => modeReason(results),
      delivery: () => deliveryReason(results), seeding: () => seedingReason(results, said) };
    parts.push(reasons[results.varied]?.() || closeness(results, m.best, said));
    parts.push(seeNote(noiseNote(results, env)));
    return parts.filter(Boolean).join(' ');
  },
};

/**
 * Task size from the reader's own sweep: what one task cost beyond its work (read off the steep
 * side of the curve, not guessed from the dispatch), what grain makes that cost vanish, and which
 * coarse grains left workers idle. The dispatch (starting a whole parallel region: waking the
 * pool, handing over, joining) is paid once per region; a task inside a running region is a push
 * and a pop on a work-stealing deque, orders of magnitude cheaper.
 */
function grainReason(results, best, said = {}) {
  const n = best.params.n;
  if (n == null) return '';
  const tasks = (p) => Math.ceil(n / p.params.grain);
  // How much longer than an even split a grain's tasks keep the slowest worker, if they cost
  // alike: 3 tasks on 2 workers, one worker does 2 while the other does 1, 1.33x.
  const uneven = (p) => Math.ceil(tasks(p) / p.workers) / (tasks(p) / p.workers);
  const usPerItem = (best.median_ms * 1000 * best.workers) / n; // the fastest grain's pace, a worker's time per item
  const smallest = results.points[0];
  // Each point measures it: all of them, not the least ("9.3 µs" of rows from 9.3 to 30.2).
  const dispatches = results.points.map((p) => p.dispatch_us).filter((d) => d > 0);
  // The most a region's start cost, waking a sleeping pool included.
  const costliestStart = Math.max(...dispatches, ...results.points.map((p) => p.dispatch_cold_us).filter((d) => d > 0));
  const parts = [];
  let disturbed = false;
  if (smallest !== best && tasks(smallest) > tasks(best) && smallest.ci_low_ms > best.ci_high_ms) {
    // The workers' extra time at the smallest grain, shared over its extra tasks.
    const perTaskUs = ((smallest.median_ms - best.median_ms) * 1000 * smallest.workers) / (tasks(smallest) - tasks(best));
    const workUs = usPerItem * smallest.params.grain;
    const small = (v) => (v < 0.1 ? v.toFixed(3) : v < 10 ? v.toFixed(2) : v.toFixed(0));
    // Where the pick was the smallest grain, its ratio was just said ("Your pick took 2.23× as
    // long as the fastest. At the smallest grain, 100, the 1,000,000 tasks took 2.23× as long…").
    const took = said.ratioOf === smallest ? `At your pick, the smallest grain, its ${formatValue(tasks(smallest))} tasks took that long`
      : `At the smallest grain, ${formatValue(smallest.params.grain)}, the ${formatValue(tasks(smallest))} tasks took ` +
        `${x2(smallest.median_ms / best.median_ms)} as long as the fastest grain`;
    if (dispatches.length && perTaskUs > costliestStart) {
      // More than a whole region's start, waking the pool included: a task inside a running
      // region is a push and a pop. A teacher's busy machine gave "about 352 µs" a task of 200,
      // with 3 tasks for 2 workers the fastest, read aloud as the lesson's point.
      disturbed = true;
      parts.push(`${took}, which would be about ${small(perTaskUs)} µs a task beyond its ${small(workUs)} µs of work: more than ` +
        `starting a whole parallel region costs here (at most ${costliestStart.toFixed(1)} µs, waking the pool included; see Overheads), ` +
        'which a task handed out inside a running region cannot cost. These runs were disturbed, most likely by other programs on the cores, and their differences ' +
        'say nothing sure about what a task costs. Run again.');
    } else {
      parts.push(`${took}: each task cost about ${small(perTaskUs)} µs of a worker's time beyond its ${small(workUs)} µs of work. ` +
        `A task holding ten times that cost, about ${formatValue(roughly(Math.max(1, (10 * perTaskUs) / usPerItem)))} items here, ` +
        'spends under a tenth of its time being handed out.');
    }
  } else if (smallest !== best && tasks(best) < 4 * best.workers) {
    // A coarse grain came first, against the reasoning (the too-coarse experiment): saying that
    // a task costs too little to show at the smallest grain answered a question it did not ask.
    parts.push(`The fastest was grain ${formatValue(best.params.grain)}, only ${counted(tasks(best), 'task')} for ` +
      `${counted(best.workers, 'worker')}, which should leave a worker idle at the end; but the smallest grain, ` +
      `${formatValue(smallest.params.grain)} (${formatValue(tasks(smallest))} tasks), was not clearly slower: these runs cannot ` +
      'tell the two apart, so their order is the noise\'s. Run again to see which holds.');
  } else if (smallest === best) {
    parts.push(`The smallest grain, ${formatValue(smallest.params.grain)} (${formatValue(tasks(smallest))} tasks), was the fastest: ` +
      'on this device a task costs too little beyond its work for these grains to show it.');
  } else {
    parts.push(`Even the smallest grain, ${formatValue(smallest.params.grain)} (${formatValue(tasks(smallest))} tasks), was not clearly ` +
      'slower than the fastest: on this device a task costs too little beyond its work for these grains to show it.');
  }
  if (dispatches.length && !disturbed) {
    const [low, high] = [Math.min(...dispatches), Math.max(...dispatches)].map((d) => d.toFixed(1));
    parts.push(`Starting a whole parallel region cost ${low === high ? low : `${low} to ${high}`} µs here (see Overheads), paid once ` +
      'per region, not per task: inside a running region a task is only pushed to and taken from a queue.');
  }
  // Grains so coarse that some worker had little or nothing to do, where that was slower beyond
  // the noise: the one with the fewest tasks is the clearest case. Not one split more evenly than
  // the fastest: "7 tasks for 2 workers: too few" beside a fastest of 3 had said the opposite.
  const idle = disturbed ? []
    : results.points.filter((p) => tasks(p) < 4 * p.workers && p.ci_low_ms > best.ci_high_ms && uneven(p) > uneven(best));
  if (idle.length) {
    const worst = idle.reduce((a, b) => (tasks(b) < tasks(a) ? b : a));
    const few = tasks(worst);
    parts.push(`At grain ${formatValue(worst.params.grain)} there ${few === 1 ? 'was only 1 task' : `were only ${few} tasks`} for ` +
      `${counted(worst.workers, 'worker')}, and it took ${x2(worst.median_ms / best.median_ms)} as long as the fastest: too few tasks to keep every worker busy to the end.`);
  }
  // Fewer tasks than workers leaves workers with nothing to do: such a grain should be slower, by
  // up to workers/tasks. Where it was not, the other grains did not get the workers' speed either.
  const starved = results.points.filter((p) => tasks(p) < p.workers && !(p.ci_low_ms > best.ci_high_ms));
  if (!idle.length && starved.length) {
    const worst = starved.reduce((a, b) => (tasks(b) < tasks(a) ? b : a));
    const few = tasks(worst);
    parts.push(`At grain ${formatValue(worst.params.grain)} there ${few === 1 ? 'was only 1 task' : `were only ${few} tasks`} for ` +
      `${counted(worst.workers, 'worker')}, so ${worst.workers - few === 1 ? 'one of them' : `${worst.workers - few} of them`} had nothing to do, ` +
      (worst === best ? 'yet it was the fastest' : `yet it was not clearly slower than the fastest (${x2(worst.median_ms / best.median_ms)} as long)`) +
      `: the finer grains did not get ${counted(worst.workers, 'worker')}' worth of speed either. Most likely other programs were using the ` +
      'cores; run again with them closed.');
  }
  return parts.join(' ');
}

function scheduleReason(results, said = {}) {
  const at = (name) => results.points.find((p) => results.valueOf(p) === name);
  const [stat, steal] = [at('static'), at('stealing')];
  if (!stat || !steal) return '';
  const ratio = `Static blocks took ${x2(stat.median_ms / steal.median_ms)} as long as work stealing`;
  const overlap = tiedWith(results, steal).includes(stat);
  // Far apart even with few runs (a fifth or more, no overlap): likely, as the results' own line
  // says (fastestCertainty); "not yet beyond the noise" had stood under its "likely fastest".
  const far = Math.max(stat.median_ms, steal.median_ms) / Math.min(stat.median_ms, steal.median_ms) >= 1.2;
  if (!overlap && sweepLevel(results) < LEVEL && far && stat.median_ms > steal.median_ms) {
    return `${ratio}. With so few runs each interval is only min to max (${levelPercent(sweepLevel(results))}), but the two are far ` +
      'apart and do not overlap, so static blocks were likely slower: with equal item counts, the thread holding the costly end ' +
      'of the list worked while the others sat idle.';
  }
  if (!overlap && sweepLevel(results) < LEVEL) {
    // Apart on screen, but min-to-max intervals of a few runs cannot say so ("1.81x ... within the
    // noise" under two intervals far apart read as a contradiction).
    return `${ratio}, but with so few runs a value that is not yet beyond the noise: each interval is min to max and covers ` +
      `only ${levelPercent(sweepLevel(results))}. With the costly items at one end, static blocks leave the other threads ` +
      'idle at the end; six or more runs a value would show whether that is what happened here.';
  }
  if (!overlap && steal.ci_low_ms > stat.ci_high_ms) {
    return `${ratio}: static blocks were faster beyond the noise on this run. The costly items sit at one end, so the thread ` +
      'holding them should finish last; where it does not, the problem was too small for that end to weigh, or other ' +
      'programs slowed the stealing run.';
  }
  if (!clearlySlower(results, stat, steal)) {
    // Where the sentence on the pick gave the times, or said that the two overlap, not again.
    const lead = said.times ? '' : said.ties ? `${ratio}. ` : `${ratio}, within the noise here: on this run the two are not clearly apart. `;
    // Static ahead at the medians (454.8 ms against stealing's 587.2 on a busy machine) was not
    // "evened out": the schedule does not explain it.
    return `${lead}With the costly items at one end, static blocks leave the other threads idle at the end` +
      (stat.median_ms < steal.median_ms
        ? '; here static came out ahead at the medians, though within the noise: the schedule does not explain that, and other ' +
          'programs slowing the stealing runs can. Run again to see which holds.'
        : '; where that does not show, something else (other programs on the cores) evened the two out.');
  }
  return `${ratio}: with equal item counts, ` +
    'the thread holding the costly end of the list worked while the others sat idle.';
}


/** The lowest level among a sweep's intervals: below 95% (fewer than six runs a value), they
 *  are min to max and too weak to call two values apart. */
const sweepLevel = (results) => lowestLevel(results.points);

/** Which values' intervals overlap the fastest one's: those are not clearly slower ('' where
 *  `said.ties`: the sentence on the reader's pick, the fastest, has named them). */
function closeness(results, best, said = {}) {
  const tied = tiedWith(results, best);
  const level = levelPercent(sweepLevel(results));
  if (tied.length && said.ties) return '';
  if (tied.length) {
    return `${wordList(tied.map((p) => formatValue(results.valueOf(p))))} overlapped the fastest within their ${level} intervals: on this device they are not clearly apart.`;
  }
  return sweepLevel(results) < 0.95
    ? `The fastest's interval overlaps none of the others', but with so few runs a value each interval is min to max and covers only ${level}: ` +
      'too little to call them apart. More repeats would settle it.'
    : `The fastest was clearly apart from every other value: its ${level} interval, ${best.ci_low_ms.toFixed(1)}–${best.ci_high_ms.toFixed(1)} ms, overlaps none of theirs.`;
}

/** Whether `a` was slower than `b` beyond the noise: 95% intervals that do not overlap. */
const clearlySlower = (results, a, b) => sweepLevel(results) >= 0.95 && a.ci_low_ms > b.ci_high_ms;


/** Monte Carlo's seedings side by side: the same work per sample, different samples. */
function seedingReason(results, said = {}) {
  const parts = results.points.filter((p) => p.extra?.estimate).map((p) => {
    const e = p.extra.estimate;
    return `${results.valueOf(p)} ${msText(p.median_ms)}, π ≈ ${e.pi.toFixed(5)}, ${e.errors.toFixed(1)} standard errors from π ` +
      `with ${formatValue(e.distinct_samples)} distinct samples`;
  });
  if (!parts.length) return '';
  const best = results.points.reduce((a, b) => (b.median_ms < a.median_ms ? b : a));
  const apart = sweepLevel(results) >= 0.95 && tiedWith(results, best).length < results.points.length - 1;
  const correct = results.points.find((p) => results.valueOf(p) === 'per-chunk');
  // Not the generators: how the points are shared out. A stream tied to a thread ties its points
  // to that thread (a fixed share each); per-chunk streams let work stealing move chunks.
  const split = 'per-worker and same-seed give each thread a fixed share of the points (a stream tied to a thread cannot ' +
    'move to another), while per-chunk hands chunks out by work stealing';
  const cost = sweepLevel(results) < LEVEL ? 'Every seeding draws and tests the same number of points; with so few runs a ' +
      'seeding, whether their times differ is not settled.'
    : !apart ? 'Every seeding draws and tests the same number of points, and their times agree within the noise: ' +
      'seeding correctly costs nothing here.'
    : correct === best ? `Every seeding draws and tests the same number of points, yet per-chunk, the correct one, was the fastest: ${split}, ` +
      'so a thread that started late or was slowed did not hold the others up.'
      : !fixedApart(results, correct)
        ? `Every seeding draws and tests the same number of points, yet their times differ beyond the noise: ${split}, which costs a ` +
          'little per chunk; where every thread runs evenly, fixed shares can finish first.'
        // Same-seed, a fixed share too, slowest of the three (40.9 ms against per-worker's 27.6)
        // ruled that reason out, and it was given all the same.
        : 'Every seeding draws and tests the same number of points, yet their times differ beyond the noise, in an order that how ' +
          'the points are shared out does not explain: per-worker and same-seed both give each thread a fixed share, and they ' +
          'still differ. Most likely the runs were disturbed (read the note under the results): run again before reading a cost into it.';
  return `${parts.join('; ')}. ${[closeness(results, best, said), cost].filter(Boolean).join(' ')} What differs is the answer, and whether it can be reproduced.`;
}

/** Whether the fixed-share seedings (per-worker, same-seed) differ beyond the noise from each
 *  other, or one of them was slower than `correct`, the per-chunk one: then work stealing's cost
 *  per chunk does not explain the order (same-seed slowest, at 40.9 ms against per-worker's 27.6). */
function fixedApart(results, correct) {
  const fixed = results.points.filter((p) => ['per-worker', 'same-seed'].includes(results.valueOf(p)));
  return fixed.some((a) => fixed.some((b) => clearlySlower(results, a, b)) || (correct && clearlySlower(results, a, correct)));
}

/** The shared counter's modes side by side: the cost of one increment, and what each lost. */
function modeReason(results) {
  const modes = results.points.filter((p) => p.extra?.counter)
    .map((p) => ({ mode: results.valueOf(p), ns: (p.median_ms * 1e6) / p.extra.counter.expected, counter: p.extra.counter }));
  if (!modes.length) return '';
  const costs = modes.map(({ mode, ns, counter: c }) => `${mode} ${ns.toFixed(1)} ns${c.lost ? `, ${pct(c.lost / c.expected)} of updates lost` : ''}`); // "per increment" is said once, before the list
  const k = results.points[0].workers;
  // Firefox's unsynchronised counter cost more than its atomic one (16 ns against 2.5), against
  // the lesson's "the same trip as atomic": the race is two atomic steps, and wasm's atomic
  // store is a full fence, which some browsers make dearer than an atomic add.
  const [racy, atomic] = ['unsynchronised', 'atomic'].map((mode) => modes.find((m) => m.mode === mode)?.ns);
  const dearer = racy != null && atomic != null && racy > 1.3 * atomic
    ? ' Here the unsynchronised counter cost more than the atomic one: in WebAssembly its read and its write are each an atomic ' +
      'instruction (there is no plain racy access to shared memory), and every atomic write is a full fence, which this browser ' +
      'makes dearer than one atomic add. Natively the race is a plain add.' : '';
  return `Per increment on ${counted(k, 'worker')}: ${costs.join('; ')}.${dearer} ` + (k > 1
    ? 'Every shared update moves one cache line between cores; a lock adds its own atomic operations (and sleeping) around it, ' +
      'and counting locally shares nothing until the end.'
    : 'On 1 worker the counter\'s cache line stays in one core, so these are the operations\' own costs: an atomic or a lock ' +
      'costs more than a plain add even alone. Beside other threads, each shared update also moves that line between cores.');
}

/** Message passing's delivery modes side by side: what delivery cost in each. */
function deliveryReason(results) {
  const parts = results.points.filter((p) => p.extra?.delivery).map((p) => {
    const d = p.extra.delivery;
    return `${d.mode}: delivery ${d.delivery_ms.toFixed(1)} ms of a ${p.median_ms.toFixed(1)} ms run` +
      (d.copied_bytes ? ` (${Math.round(d.mb_per_s).toLocaleString('en-US')} MB/s copied)` : '');
  });
  return parts.length ? `${parts.join('; ')}. A copy costs time in proportion to the data: the sender packs every slice, one after another, and each worker ` +
    'unpacks its own, alongside the others.' : '';
}

/** How long, in ms, two or more pool threads of `timeline` were at work at once. */
function workOverlapMs(timeline) {
  return workingStretches(timeline).reduce((sum, [from, to, working]) => sum + (working >= 2 ? to - from : 0), 0);
}

/** The share of increments the shared counter lost at one worker count. */
const lost = {
  kind: 'number',
  read(results, arg = 'max') {
    const at = pointAt(results, arg);
    const counter = at?.point.extra?.counter;
    if (!counter || !counter.expected) return null;
    const value = (100 * counter.lost) / counter.expected;
    return {
      value, low: null, high: null, k: at.point.workers, counter,
      text: `${counter.lost.toLocaleString('en-US')} of ${counter.expected.toLocaleString('en-US')} updates lost ` +
        `(${value.toFixed(2)}%) on ${counted(at.point.workers, 'worker')}, in the last timed run`,
    };
  },
  explain(predicted, m, results) {
    // Within a tenth of the share lost (a point at least): 47.29% against a guess of 40% had
    // been "close", within a fifth.
    const head = Math.abs(predicted - m.value) < Math.max(1, 0.1 * m.value)
      ? 'Close to your prediction.'
      : predicted > m.value ? `Fewer were lost than you predicted (${predicted}%).` : `More were lost than you predicted (${predicted}%).`;
    if (m.k === 1) return `${head} With one worker nothing can be lost: no other thread touches the counter between the read and the write.`;
    if (m.counter.lost === 0) {
      const point = results.points.find((p) => p.workers === m.k);
      // "Hardly overlapped" stood beside a timeline of both threads busy for 120 ms and more:
      // where it shows them side by side, the likelier reason is that they took turns on a core.
      const timeline = point.timeline;
      // Side by side where two threads' work overlapped for at least half the busy time of the
      // least busy of them: "busy for over half the trace" each had called threads busy at 10-65
      // and 12-66 ms of a 140 ms trace "hardly overlapped".
      const busy = timeline ? timelineRows(timeline).filter((r) => r.key != null && r.busy_ms > 0).map((r) => r.busy_ms) : [];
      const side = busy.length > 1 && workOverlapMs(timeline) >= 0.5 * Math.min(...busy);
      const why = side
        ? 'although the timeline shows the threads busy over the same stretch, busy there means between a task\'s start and end: ' +
          'with other programs on the cores, the system may have run them by turns rather than at the same instant, so no two read ' +
          'the counter at the same moment.'
        : timeline ? `the timeline shows the ${counted(m.k, 'worker')} hardly overlapped: each was busy while the ${m.k === 2 ? 'other' : 'others'} had not ` +
          'started yet or had finished, so no two read the counter at the same moment.'
        // Only a short run can end before the threads wake: beside 60 ms "a run took 60.0 ms, and
        // waking a thread can take a good part of a millisecond" explained nothing.
        : point.median_ms < 5 ? `the ${counted(m.k, 'worker')} hardly overlapped (a run took ${point.median_ms.toFixed(1)} ms, and waking a thread can take a ` +
          'good part of a millisecond), so no two read the counter at the same moment.'
          : `no two threads read the counter at the same moment in this run (${point.median_ms.toFixed(1)} ms), most likely because ` +
            'other programs kept one of them off its core, so the threads ran by turns.';
      return `${head} No update was lost in this run: ${why} Run it again, or raise Increments so the threads run side by side for ` +
        'longer: the race is still there, waiting for its moment.';
    }
    const one = results.points.find((p) => p.workers === 1)?.extra?.counter;
    const none = one && one.lost === 0 ? ' The 1-worker run lost nothing, as it must.' : '';
    return `${head} An update is lost whenever two threads read the same value before either writes back; how often that happens ` +
      'depends on how the threads\' loops line up, so it changes from run to run and device to device. Only a count that is ' +
      `always right (atomic, mutex or local) can be trusted.${none}`;
  },
};

/** Whether every point of a sweep gave exactly the same result as the first. */
const sameResult = {
  kind: 'choice',
  read(results) {
    if (results.points.length < 2) return null;
    const same = results.points.every((p) => p.digest === results.points[0].digest);
    const estimate = (p) => (p.extra?.estimate ? `π ≈ ${p.extra.estimate.pi.toFixed(6)}` : p.summary);
    return {
      value: same ? 'yes' : 'no',
      // Shown after the option's own words ("No, the estimate changes with the worker count:"), so
      // only the evidence: "changed with the worker count" had followed them word for word.
      text: same
        ? `each gave ${estimate(results.points[0])}`
        : results.points.map((p) => `${counted(p.workers, 'worker')}: ${estimate(p)}`).join('; '),
    };
  },
  explain(predicted, m, results) {
    const head = predicted === m.value ? 'As you predicted.' : 'Not what you predicted.';
    const seeding = results.params?.seeding;
    const why = {
      'per-chunk': 'Every chunk of samples had its own stream, seeded from the master seed and the chunk\'s number, so which worker drew a chunk changed nothing.',
      'per-worker': 'Each worker seeded its own stream from its thread number, so another worker count drew other numbers: just as random, but not the same ones.',
      'same-seed': 'Every worker drew the same stream, so with more workers more of the samples were repeats of each other.',
    }[seeding];
    return [head, why ?? (m.value === 'yes' ? 'The work was split without changing what was computed.' : 'How the work was split changed what was computed.')].join(' ');
  },
};

const slowestThread = {
  kind: 'choice',
  read(results) {
    const point = results.points.at(-1);
    const timeline = point?.timeline;
    if (!timeline || timeline.threads < 2) return null;
    // Pool threads only (not the caller); a thread that got no task counts as done at 0 ms.
    const rows = timelineRows(timeline).filter((r) => r.key != null);
    if (rows.length < 2) return null;
    const total = timeline.end_ms - timeline.start_ms;
    const last = rows.reduce((a, b) => (b.finished_ms > a.finished_ms ? b : a));
    const firstDone = rows.reduce((a, b) => (b.finished_ms < a.finished_ms ? b : a));
    const spread = (last.finished_ms - firstDone.finished_ms) / total;
    const busiest = rows.reduce((a, b) => (b.busy_ms > a.busy_ms ? b : a));
    // Static blocks go by thread: thread t runs block t (`rayon::broadcast`), so which thread
    // finished last says which items it held. A middle one last (slowed by another program) was
    // called "the thread holding the first (cheap) items". Stolen work has no owner: the busiest.
    // Thread 0 last is as impossible from the work alone as a middle one (its block is the
    // cheapest), and "As you predicted" had answered the misconception it stands for.
    const byBlock = results.params?.schedule === 'static';
    const value = spread < 0.15 ? 'together'
      : byBlock ? (last.key === rows.length - 1 ? 'last' : 'held-up')
        : last === busiest ? 'last' : 'first';
    return {
      value, last, firstDone, busiest, spread, workers: point.workers, byBlock,
      ...(value === 'held-up' ? { label: `${last.key === 0 ? 'The thread holding the first (cheap) items' : 'A thread holding items from the middle'}, held up` } : {}),
      text: value === 'together'
        ? `all ${rows.length} threads finished within ${pct(spread)} of the run of each other (${counted(point.workers, 'worker')})`
        : `${last.label} finished last, at ${last.finished_ms.toFixed(1)} ms, busy for ${last.busy_ms.toFixed(1)} ms (${counted(point.workers, 'worker')})`,
    };
  },
  explain(predicted, m) {
    if (m.value === 'held-up') {
      return `This run cannot settle it: ${m.last.label}, which held ${m.last.key === 0 ? 'the first block, the cheapest' : 'a block from the middle of the list'}, ` +
        `finished last, at ${m.last.finished_ms.toFixed(1)} ms. The work alone cannot do that (each block costs more than the one ` +
        'before), so something else held that thread up, most often another program taking its core. Run again with other programs closed.';
    }
    const head = predicted === m.value ? 'As you predicted.' : 'Not what you predicted.';
    if (m.value === 'together') return `${head} The threads finished close together: the work was shared evenly.`;
    const idle = `${m.firstDone.label} was done at ${m.firstDone.finished_ms.toFixed(1)} ms and then sat idle while ${m.last.label} ` +
      `worked on until ${m.last.finished_ms.toFixed(1)} ms.`;
    // Static blocks are read by the block a thread held, not by its busy time.
    if (m.byBlock) return `${head} ${idle} ${m.last.label} held the last block, the costly items: equal numbers of items were far from equal work.`;
    return `${head} ${idle} The last to finish ${m.value === 'last' ? 'was the busiest thread: it held the costly last items' : 'was not the busiest'}; ` +
      'equal numbers of items were far from equal work.';
  },
};

const MEASURES = {
  speedup, knee, 'serial-fraction': serialFraction, 'fastest-value': fastestValue, 'slowest-thread': slowestThread, lost,
  'same-result': sameResult,
};

/** The measure named in `data-measure` ("speedup@2", "knee", …) with its argument, or null. */
export function findMeasure(name) {
  const [id, arg] = String(name).split('@');
  const measure = MEASURES[id];
  return measure ? { ...measure, arg, read: (results) => measure.read(results, arg) } : null;
}
