// The result charts, drawn with Chart.js and its error-bar plugin (one module, pkg/vendor/chartjs.js,
// loaded by catalogue.js's loadCharts before the first chart is drawn). Each chart sits in a
// figure with a title and a description in words, and the same numbers are in a table next to
// it, so nothing depends on seeing the canvas.
import { chartClass } from '../catalogue.js';
import { counted, fixedOrDash as fixed, formatValue } from '../input.js';
import { amdahlSpeedup, gustafsonSpeedup, karpFlatt, levelPercent, lowestLevel, serialRangeEnds, serialRangeText } from '../stats.js';
import { el, yieldToMain } from './dom.js';
import { slowdownCauses } from './causes.js';

/** What a chart says where the runs were too short to time (SweepResults.tooShort). */
const UNTIMED_TEXT = 'No speedup: the runs were too short for the timer to measure (see the note below).';

const COLOURS = {
  // Lines at 4.5:1 or more against the white panel, so a washed-out projector still shows them.
  measured: '#1f5fbf', ideal: '#5b6472', model: '#b45309', band: '#b45309', karp: '#7c3aed', chosen: '#0f766e',
  threads: ['#1f5fbf', '#0f766e', '#b45309', '#7c3aed', '#be123c', '#4d7c0f'], caller: '#64748b',
  // The caller's computing beside bars of waiting (a slate grey, whose grey it had been too near).
  callerBesideWaits: '#0f766e',
};

/** The legend's words for the points' intervals: "95% interval", or with one run a point,
 *  which gives none, "one run a point: no interval" (a legend had read "0% interval" beside a
 *  caption saying there are no intervals). */
function intervalWords(points) {
  const level = lowestLevel(points);
  return level === 0 ? 'one run a point: no interval' : `${levelPercent(level)} interval`;
}

/** A Karp-Flatt interval wider than this (in serial fraction) is too wide to call e(k) constant. */
const NOISY_KARP_FLATT = 0.1;

/** A canvas with a description; subclasses say what to draw. */
export class ChartPanel {
  constructor(canvas, description, title) {
    this.canvas = canvas;
    this.description = description;
    this.title = title;
    this.chart = null;
  }

  /** Shows `text` at once and draws `config` soon, in a task of its own (see `chartsDrawn`). */
  draw(config, text) {
    this.description.textContent = text;
    // Named by its title; the description (aria-describedby) says the rest, once.
    this.canvas.setAttribute('aria-label', this.title);
    if (chartClass()) schedule(this, config); // else the tables and descriptions still carry the data
  }

  /** One step of drawing `config`; true when it is drawn. A new chart takes four: created off
   *  the page (Chart.js then leaves its layout until the canvas is back), put back on the page
   *  (laid out bare: no axes, no legend), given its axes, then its data. The first chart on a page
   *  costs several times what a redraw does (Chart.js's code is compiled as it first runs, fonts
   *  are measured), and cut this way no piece of it is a long task. */
  step(config) {
    if (this.chart && this.chart.config.type !== config.type) {
      this.chart.destroy();
      this.chart = null;
    }
    if (!this.chart) {
      const parent = this.canvas.parentNode;
      this.place = parent && { parent, next: this.canvas.nextSibling };
      this.canvas.remove(); // its box keeps its height, so nothing around it moves
      const bare = { ...config.options, plugins: { legend: { display: false } }, scales: { x: { display: false }, y: { display: false } } };
      this.chart = new (chartClass())(this.canvas, { type: config.type, data: { datasets: [] }, options: bare });
      this.stage = 'detached';
      return false;
    }
    if (this.stage === 'detached') {
      this.place?.parent.insertBefore(this.canvas, this.place.next); // Chart.js lays it out as it returns
      this.stage = 'bare';
      return false;
    }
    this.chart.options = config.options;
    if (this.stage === 'bare') {
      this.stage = 'drawn';
      this.chart.update();
      return false;
    }
    this.chart.data = config.data;
    this.chart.update();
    return true;
  }
}

// Chart.js draws a chart in one go, 20-100 ms for each of a sweep's charts on a slow device, so
// charts are drawn one step per task: the page stays responsive, and no task is a long one.
// What is still waiting is kept per panel, so a chart redrawn before its turn is drawn once.
const waiting = new Map(); // panel -> its latest config, in the order first asked
let drawing = null;

function schedule(panel, config) {
  waiting.set(panel, config);
  drawing ??= drawWaiting();
}

async function drawWaiting() {
  try {
    while (waiting.size) {
      await yieldToMain();
      const [panel, config] = waiting.entries().next().value;
      let drawn = true;
      try {
        drawn = panel.step(config);
      } finally {
        if (drawn) waiting.delete(panel);
      }
    }
  } finally {
    drawing = null;
  }
}

/** Resolves once every chart asked for so far is drawn. */
export function chartsDrawn() {
  return drawing ?? Promise.resolve();
}

/** The charts' text size: the body text's size on a wide screen, which is often a projector
 *  read from the back of a room (a lecturer found 12 px too small there): 18 px from 1800 px
 *  wide, as the text there (see style.css), 16 px from 1200; 14 px on a laptop or at 200% zoom
 *  (1024 px at 2× is 512 px wide, and had the smallest text), 12 px on a phone. */
const chartFontSize = () => {
  const width = window.innerWidth;
  return width < 480 ? 12 : width >= 1800 ? 18 : width >= 1200 ? 16 : 14;
};

/** An axis's title and ticks at the charts' text size. */
const axis = (options, title) => ({ ...options, title: { display: true, text: title, font: { size: chartFontSize() } },
  ticks: { ...options.ticks, font: { size: chartFontSize() } } });

const baseOptions = (xTitle, yTitle, xMax) => ({
  animation: false,
  maintainAspectRatio: false,
  scales: {
    x: axis({ type: 'linear', min: 1, max: xMax, ticks: { stepSize: 1, precision: 0 } }, xTitle),
    y: axis({ min: 0 }, yTitle),
  },
  // Room past the last worker count, so its point and error bar (drawn unclipped) show whole.
  layout: { padding: { right: 16, left: 4 } },
  datasets: { scatterWithErrorBars: { clip: false } },
  // On a phone the legend must not crowd out the plot. Listed in the datasets' order, not their
  // drawing order (`order`: the ideal line is drawn on top, see IDEAL_ON_TOP).
  plugins: { legend: { position: 'bottom', labels: { boxWidth: 14, font: { size: chartFontSize() }, sort: (a, b) => a.datasetIndex - b.datasetIndex } } },
});

/** Chart.js draws the lowest `order` last: the dashed ideal line goes over the measured one, so a
 *  sweep that scales perfectly does not hide it (a student's run on the ideal line showed none). */
const IDEAL_ON_TOP = -1;

const curve = (f, maxK, log = false) => Array.from({ length: 101 }, (_, i) => (log ? maxK ** (i / 100) : 1 + ((maxK - 1) * i) / 100))
  .map((k) => ({ x: k, y: f(k) }));

/** How far the laws may be drawn past the measured workers (the speedup chart's "Draw the laws
 *  to"): on a 2-core laptop the measured range never shows Amdahl's curve bend to its ceiling. */
export const LAW_REACH = [16, 64, 256, 1024];

/** A worker axis from 1 to `max` on a log scale, ticked at the powers of 2. */
function powersOfTwoAxis(max, title) {
  const ticks = Array.from({ length: Math.log2(max) + 1 }, (_, i) => 2 ** i);
  return axis({ type: 'logarithmic', min: 1, max, afterBuildTicks: (scale) => { scale.ticks = ticks.map((value) => ({ value })); },
    ticks: { callback: (v) => String(v) } }, `${title} (log scale)`);
}

/** Speedup against workers with 95% intervals, the ideal line, and the fitted law with its
 *  range: Amdahl for strong scaling, Gustafson for weak. */
export class SpeedupChart extends ChartPanel {
  /** `reach`: draw the laws (ideal, fitted, chosen) to this many workers, on a log axis, past the
   *  measured ones (null: the measured range only). */
  update(sweep, reach = null, pastCores = null) {
    const derived = sweep.derived;
    const weak = sweep.scaling === 'weak';
    const points = sweep.points
      .map((p, i) => ({ x: p.workers, y: derived[i].speedup, yMin: derived[i].low ?? undefined, yMax: derived[i].high ?? undefined }))
      .filter((p) => p.y != null);
    const fit = sweep.fit;
    const measuredK = Math.max(2, ...sweep.requested);
    const extended = reach != null && reach > measuredK;
    const maxK = extended ? reach : measuredK;
    const law = weak ? gustafsonSpeedup : amdahlSpeedup;
    const name = weak ? 'Gustafson' : 'Amdahl';
    const datasets = [
      {
        label: `Measured ${weak ? 'scaled speedup' : 'speedup'} (${intervalWords(sweep.points)})`,
        data: points, borderColor: COLOURS.measured, backgroundColor: COLOURS.measured, pointRadius: 5, showLine: true,
        errorBarColor: COLOURS.measured, errorBarWhiskerColor: COLOURS.measured, errorBarLineWidth: 2, errorBarWhiskerSize: 12,
      },
      // On a log axis y = k is a curve, not the line between its ends.
      { label: 'Ideal (speedup = workers)', data: extended ? curve((k) => k, maxK, true) : [{ x: 1, y: 1 }, { x: maxK, y: maxK }], borderColor: COLOURS.ideal, borderDash: [6, 4], type: 'scatter', pointRadius: 0, pointHitRadius: 0, showLine: true, borderWidth: 2, order: IDEAL_ON_TOP },
    ];
    if (fit) {
      // On a projector the legend is what is read: a fit through k past the cores (s = 0.356 for
      // primes on 1-4 workers of 2 cores) says so there, where the text below says it
      // (`pastCores`, the cores it went past, from pastCoresReading).
      datasets.push({ label: `${name}, fitted s = ${fit.serial_fraction.toFixed(3)}${pastCores ? ` (includes k past your ${pastCores} cores: see below)` : ''}`, data: curve((k) => law(fit.serial_fraction, k), maxK, extended), borderColor: COLOURS.model, type: 'scatter', pointRadius: 0, pointHitRadius: 0, showLine: true, borderWidth: 3 });
      // No band where its ends show alike: "s range 1.000–1.000" read as certainty, and the
      // description below says what such a range means.
      const [low, high] = serialRangeEnds(fit) ?? [];
      if (low !== high) {
        const range = `${low}–${high}`;
        for (const [edge, s] of [['low', fit.serial_fraction_high], ['high', fit.serial_fraction_low]]) {
          datasets.push({
            label: edge === 'low' ? `${name}, s range ${range}` : '', data: curve((k) => law(s, k), maxK, extended),
            borderColor: COLOURS.band, borderDash: [3, 3], type: 'scatter', pointRadius: 0, pointHitRadius: 0, showLine: true, borderWidth: 2,
          });
        }
      }
    }
    // The law for the serial fraction the reader set (the amdahl workload's), beside the fitted
    // one: a lecturer who set s = 0.3 saw only the fit, never the law for the s in front of the class.
    const chosen = sweep.params?.serial_fraction;
    if (Number.isFinite(chosen)) {
      datasets.push({ label: `${name}, your s = ${formatValue(chosen)}`, data: curve((k) => law(chosen, k), maxK, extended), borderColor: COLOURS.chosen,
        borderDash: [10, 4], type: 'scatter', pointRadius: 0, pointHitRadius: 0, showLine: true, borderWidth: 2 });
    }
    // Short enough for the axis's height on a projector or a phone: the caption says the rest.
    const options = baseOptions('Workers', weak ? 'Scaled speedup' : 'Speedup (× 1 worker)', maxK);
    options.scales.y.suggestedMax = maxK;
    if (extended) {
      options.scales.x = powersOfTwoAxis(maxK, 'Workers');
      // Amdahl's curves flatten far below the ideal line: the axis stops a little above the
      // highest law curve or measurement, so their bend shows (the ideal line runs off the top).
      if (!weak) {
        const tops = datasets.filter((d) => d !== datasets[1]).flatMap((d) => d.data.map((p) => p.yMax ?? p.y));
        options.scales.y = { ...options.scales.y, max: Math.ceil(Math.max(2, ...tops) * 1.15) };
        delete options.scales.y.suggestedMax;
      }
    }
    options.plugins.legend.labels.filter = (item) => item.text !== '';
    this.draw({ type: 'scatterWithErrorBars', data: { datasets }, options }, this.#describe(points, fit, sweep, name, extended ? maxK : null));
  }

  #describe(points, fit, sweep, name, reach = null) {
    if (!points.length) {
      if (!sweep.points.length) return 'Waiting for the first measurement.';
      return sweep.shortRunsAreWhy ? UNTIMED_TEXT : 'Speedup needs a 1-worker run: add 1 to Workers.';
    }
    const level = lowestLevel(sweep.points);
    // From one run a point, no interval to give: "1.06× at 2 (interval 1.06–1.06)" stood before
    // "with one run a point there are no intervals".
    const measured = points.map((p) => `${p.y.toFixed(2)}× at ${p.x}${p.yMin == null || level === 0 ? '' : ` (interval ${fixed(p.yMin, 2)}–${fixed(p.yMax, 2)})`}`).join(', ');
    let text = `Measured ${sweep.scaling === 'weak' ? 'scaled ' : ''}speedup: ${measured}. ` +
      (level >= 0.95 ? 'Intervals are 95% confidence intervals. ' : level === 0 ? 'With one run a point there are no intervals; six runs give 95%. '
        : `With this few runs the intervals (min to max) cover only ${levelPercent(level)}; six runs give 95%. `) +
      'The ideal line is speedup equal to workers.' +
      (reach ? ` The laws are drawn on to ${reach} workers, on a log scale, past the ${Math.max(...points.map((p) => p.x))} measured.` : '');
    if (fit) {
      // Through two worker counts there is nothing to average: the law passes through both
      // (unless s had to stop at 0 or 1), and "by least squares" read as a fit to many.
      const exact = fit.points === 2 && fit.raw_serial_fraction === fit.serial_fraction;
      text += ` ${name}'s law ${exact ? 'through the two worker counts' : 'fitted by least squares'} gives s = ${fit.serial_fraction.toFixed(3)}`;
      text += `${serialRangeText(fit, '', sweep.points)}.`;
    }
    const chosen = sweep.params?.serial_fraction;
    if (Number.isFinite(chosen)) {
      const maxK = Math.max(...points.map((p) => p.x));
      const law = sweep.scaling === 'weak' ? gustafsonSpeedup : amdahlSpeedup;
      text += ` With the s you set, ${formatValue(chosen)}, ${name}'s law gives ${law(chosen, maxK).toFixed(2)}× on ${maxK} workers (dashed green).`;
    }
    return text;
  }
}

/** Karp-Flatt's experimentally determined serial fraction e(k) for k > 1, with intervals. */
export class KarpFlattChart extends ChartPanel {
  update(sweep) {
    const derived = sweep.derived;
    const points = sweep.points
      .map((p, i) => ({
        x: p.workers,
        y: derived[i].karp_flatt,
        // e falls as the speedup rises: the speedup's upper bound gives e's lower bound.
        yMin: karpFlatt(derived[i].high, p.workers) ?? undefined,
        yMax: karpFlatt(derived[i].low, p.workers) ?? undefined,
      }))
      .filter((p) => p.y != null);
    const maxK = Math.max(2, ...sweep.requested);
    const fit = sweep.fit;
    const datasets = [{
      label: `e(k), measured (${intervalWords(sweep.points)})`, data: points, borderColor: COLOURS.karp, backgroundColor: COLOURS.karp, pointRadius: 5, showLine: true,
      errorBarColor: COLOURS.karp, errorBarWhiskerColor: COLOURS.karp, errorBarLineWidth: 2, errorBarWhiskerSize: 12,
    }];
    if (fit) datasets.push({ label: `Amdahl fit, s = ${fit.serial_fraction.toFixed(3)}`, data: [{ x: 1, y: fit.serial_fraction }, { x: maxK, y: fit.serial_fraction }], borderColor: COLOURS.model, borderDash: [6, 4], type: 'scatter', pointRadius: 0, pointHitRadius: 0, showLine: true });
    const options = baseOptions('Workers', 'Serial fraction e(k)', maxK);
    options.scales.y.suggestedMax = 0.2;
    // Down to the lowest interval, at a tick of the axis's own step: a bound of exactly -0.43
    // was labelled "-0.4" right under 1, with no 0 between them.
    delete options.scales.y.min;
    options.scales.y.suggestedMin = Math.min(0, ...points.map((p) => p.yMin ?? p.y));
    let text;
    if (!points.length) {
      text = sweep.shortRunsAreWhy ? UNTIMED_TEXT : 'Karp-Flatt needs a 1-worker run and at least one more worker count.';
    } else {
      text = `e(k): ${points.map((p) => `${p.y.toFixed(3)} at ${p.x}`).join(', ')}.`;
      // Past the logical cores, workers take turns on them: that alone raises e(k).
      const cores = globalThis.navigator?.hardwareConcurrency ?? Infinity;
      const locks = sweep.points.some((p) => waitingKinds(p.timeline).includes('lock'));
      text += karpFlattOutside(points, { cores, memory: sweep.memory, locks });
      if (points.length === 1) text += ' A single worker count beyond 1 gives a single value: add more to see whether it changes with k.';
      // Not where the threads wait outside any lock (for I/O, not the caller's data): a waiting thread leaves its core to another.
      const past = points.filter((p) => p.x > cores).map((p) => p.x).join(', ');
      const sleeping = sweep.points.some((p) => waitsOffCore(p.timeline));
      if (past) {
        text += sleeping ? ` Past your ${counted(cores, 'logical core')} (k = ${past}) workers share cores, but they spent much of the run waiting, ` +
          'which leaves the core to another: sharing costs them little.' : ` Past your ${counted(cores, 'logical core')} (k = ${past}) workers share cores, which alone raises e(k).`;
      }
      if (points.length >= 2) {
        // Only a change larger than the measurement noise counts: the intervals must not overlap.
        const [first, last] = [points[0], points.at(-1)];
        const apart = (a, b) => a.yMin != null && b.yMax != null && a.yMin > b.yMax;
        // Overlapping intervals say "constant" only when they are narrow enough to mean it.
        const widest = Math.max(...points.map((p) => (p.yMax ?? p.y) - (p.yMin ?? p.y)));
        // Within the cores a rise is overhead; a rise that only comes past them is the sharing.
        const within = points.filter((p) => p.x <= cores);
        const risesWithin = within.length >= 2 && apart(within.at(-1), within[0]);
        text += apart(last, first)
          ? (last.x > cores && !risesWithin
            ? ' It rises with k, beyond the noise, where workers share cores: not serial code.'
            : ' It rises with k, beyond the noise: a cost that grows with the workers (overhead), not serial code.')
          // Said with what does it: the unbalanced workload's static schedule gave a falling e(k)
          // that was left unexplained (a triangle of work split in k parts gives e(k) = 1/k).
          : apart(first, last) ? ' It falls with k, beyond the noise: serial code would keep it level. Uneven shares make it fall ' +
            '(the busiest worker\'s extra work shrinks as the work is cut finer), as does a cost each parallel run pays once ' +
            'whatever its k (waking the other threads), or data that fits the caches once it is split finer.'
            : widest > NOISY_KARP_FLATT
              ? ` The intervals overlap but span up to ${widest.toFixed(2)}: too noisy to say whether it changes with k. Run again with more repeats, with other programs closed.`
              // Not "as a serial fraction would be" beside a value above 1 or below 0, which no
              // serial fraction is (the global lock's 1.05, 1.03, 1.04 were told both).
              : points.some((p) => p.y > 1 || p.y < 0) ? ' Within the measurement noise it is the same at every k.'
                : ' Within the measurement noise it is constant, as a true serial fraction would be.';
      }
    }
    this.draw({ type: 'scatterWithErrorBars', data: { datasets }, options }, text);
  }
}

/** What e(k) outside 0 to 1 means, where it is ({ x: k, y: e } points): no serial fraction any
 *  more. Above 1 within the `cores`, the causes that can apply to a workload whose threads do
 *  `memory` with memory; past them, the caller's sentence on sharing cores follows (a primes
 *  sweep on 4 workers and 2 cores was told "contention for shared data" beside a note that
 *  primes shares none). */
export function karpFlattOutside(points, { cores = Infinity, memory = null, locks = false } = {}) {
  const at = (list) => list.map((p) => p.x).join(', ');
  // Only where the interval too lies outside: an e(k) of −0.01 whose interval reaches 0.3 is noise.
  const above = points.filter((p) => p.y > 1 && (p.yMin ?? p.y) > 1);
  const below = points.filter((p) => p.y < 0 && (p.yMax ?? p.y) < 0);
  const nearAbove = points.filter((p) => p.y > 1 && !above.includes(p));
  const nearBelow = points.filter((p) => p.y < 0 && !below.includes(p));
  const [within, past] = [above.filter((p) => p.x <= cores), above.filter((p) => p.x > cores)];
  return (within.length ? ` Above 1 at k = ${at(within)}: those runs were slower than on 1 worker, so e(k) measures a cost ` +
    // Where the timeline shows threads waiting for a lock, that first (the global lock's list had
    // named everything but its lock).
    `that grows with the workers, not a serial fraction. For this workload that can be ` +
    `${locks ? 'threads waiting for a lock another holds, ' : ''}${slowdownCauses(memory).list}.` : '') +
    (past.length ? ` Above 1 at k = ${at(past)}: those runs were slower than on 1 worker, which no serial fraction explains.` : '') +
    (below.length ? ` Below 0 at k = ${at(below)}: faster than k times the 1-worker run (super-linear: the data ` +
    'fitting in more caches, or a slow 1-worker run), which no serial fraction explains.' : '') +
    (nearAbove.length ? ` Above 1 at k = ${at(nearAbove)}: the median run there was slower than on 1 worker, though not beyond ` +
      'the noise (the interval reaches back below 1). No serial fraction is above 1; near it, e(k) measures a cost that grows ' +
      'with the workers, or other programs.' : '') +
    // What a negative "serial fraction" is, said (a teacher's class met −0.017 unexplained).
    (nearBelow.length ? ` Just below 0 at k = ${at(nearBelow)}, within the noise: the speedup there came out a little above k, ` +
      'and the interval reaches back above 0.' : '');
}

/** The threads of a timeline, as rows: pool threads by index, then the calling thread. */
/** The kinds of timeline bar: computing, waiting to acquire a lock, and waiting outside any
 *  lock (for I/O, or for data to arrive). Old timelines have no kind: all work. */
export const SPAN_KINDS = {
  work: { label: 'Computing', plural: 'computing' },
  lock: { label: 'Waiting for the lock', plural: 'waiting for the lock', colour: '#e11d48' },
  wait: { label: 'Waiting (I/O or data)', plural: 'waiting (I/O or data)', colour: '#7d8ba0' }, // 3.5:1 on the white chart
};

export const spanKind = (span) => span.kind ?? 'work';

/** Per thread: its bars, its busy time (computing only), its time in each kind of waiting, the
 *  tasks it ran and when it finished. */
export function timelineRows(timeline) {
  const rows = Array.from({ length: timeline.threads }, (_, i) => ({ key: i, label: `Thread ${i}` }));
  if (timeline.spans.some((s) => s.thread == null)) rows.push({ key: null, label: 'Caller' });
  return rows.map((row) => {
    const spans = timeline.spans.filter((s) => s.thread === row.key);
    const time = (kind) => spans.filter((s) => spanKind(s) === kind).reduce((sum, s) => sum + (s.end_ms - s.start_ms), 0);
    const work = spans.filter((s) => spanKind(s) === 'work');
    const tasks = work.reduce((sum, s) => sum + s.tasks, 0);
    const last = spans.length ? Math.max(...spans.map((s) => s.end_ms)) - timeline.start_ms : 0;
    return { ...row, spans, busy_ms: time('work'), lock_ms: time('lock'), wait_ms: time('wait'), tasks, finished_ms: last };
  });
}

/** Whether a timeline's threads waited, outside any lock, for something other than the caller's
 *  serial work (I/O, a timer): such a thread leaves its core to another, so more workers than
 *  cores still gain. A wait that overlaps the Caller's computing is for data it was still packing
 *  (message passing's copy), which is serial and caps the speedup like any serial code: the
 *  Sharing lesson's copy run was told "1/s is no ceiling" beside its own "caps the speedup". */
export function waitsOffCore(timeline) {
  const caller = timeline?.spans.filter((s) => s.thread == null && spanKind(s) === 'work') ?? [];
  return Boolean(timeline?.spans.some((s) => s.thread != null && spanKind(s) === 'wait' &&
    !caller.some((c) => c.start_ms < s.end_ms && s.start_ms < c.end_ms)));
}

/** Which kinds of waiting a timeline holds, in SPAN_KINDS order. */
export function waitingKinds(timeline) {
  return ['lock', 'wait'].filter((kind) => timeline?.spans.some((s) => spanKind(s) === kind));
}

/** One traced run: a row per rayon thread (and the calling thread, where serial work runs), a
 *  bar per stretch of tasks, on one clock shared by every Web Worker. */
export class TimelineChart extends ChartPanel {
  /** `shown`: { from, to } in ms since the run started, a zoomed window; null for the whole run. */
  update(timeline, workers, shown = null, value = null) {
    if (!timeline || timeline.spans.length === 0) {
      this.draw({ type: 'bar', data: { datasets: [] }, options: { animation: false } }, timeline
        ? 'No tasks were recorded: this workload\'s parallel work runs inside a library routine (rayon\'s parallel sort), which the timeline cannot see into.'
        : 'No timeline was recorded.');
      return;
    }
    const rows = timelineRows(timeline);
    const total = timeline.end_ms - timeline.start_ms;
    const bar = (row, s) => ({ y: row.label, x: [s.start_ms - timeline.start_ms, s.end_ms - timeline.start_ms], tasks: s.tasks, kind: spanKind(s) });
    const threadColour = (row) => (row.key == null ? COLOURS.caller : COLOURS.threads[rows.indexOf(row) % COLOURS.threads.length]);
    const base = { borderWidth: 0, barPercentage: 0.8, categoryPercentage: 1, grouped: false };
    // Computing bars in each thread's colour; each kind of waiting in one colour of its own, with
    // a legend, so threads taking turns at a lock are plain to see.
    const waitKinds = waitingKinds(timeline);
    // With waiting shown, every computing bar takes one colour, so the legend says what it is.
    const workColour = (row) => (waitKinds.length ? (row.key == null ? COLOURS.callerBesideWaits : COLOURS.measured) : threadColour(row));
    const workOf = (list) => list.flatMap((row) => row.spans.filter((s) => spanKind(s) === 'work').map((s) => ({ ...bar(row, s), colour: workColour(row) })));
    // The caller's computing (packing and posting the data) in a colour of its own has an entry
    // of its own in the legend: it had read as another shade of waiting.
    const callerOwn = waitKinds.length > 0;
    const work = workOf(callerOwn ? rows.filter((r) => r.key != null) : rows);
    const callerWork = callerOwn ? workOf(rows.filter((r) => r.key == null)) : [];
    const datasets = [{ label: SPAN_KINDS.work.label, data: work, backgroundColor: work.map((d) => d.colour), ...base },
      ...(callerWork.length ? [{ label: 'Computing, on the caller', data: callerWork, backgroundColor: COLOURS.callerBesideWaits, ...base }] : [])];
    for (const kind of waitKinds) {
      const data = rows.flatMap((row) => row.spans.filter((s) => spanKind(s) === kind).map((s) => bar(row, s)));
      datasets.push({ label: SPAN_KINDS[kind].label, data, backgroundColor: SPAN_KINDS[kind].colour, ...base });
    }
    const describe = (item) => item.raw.kind === 'work'
      ? `${counted(item.raw.tasks, 'task')}, ${item.raw.x[0].toFixed(2)}–${item.raw.x[1].toFixed(2)} ms`
      : `${SPAN_KINDS[item.raw.kind].label}, ${item.raw.x[0].toFixed(2)}–${item.raw.x[1].toFixed(2)} ms`;
    const config = {
      type: 'bar',
      data: { labels: rows.map((r) => r.label), datasets },
      options: {
        animation: false,
        maintainAspectRatio: false,
        indexAxis: 'y',
        scales: {
          // At the charts' text size (the row names had stayed at 13 px on a projector).
          // A zoomed window's ends are no round numbers: drawn as ticks, 23.4 crowded out the 24 beside it.
          x: axis({ type: 'linear', min: shown?.from ?? 0, ...(shown ? { max: shown.to, ticks: { includeBounds: false } } : {}) },
            'Time since the run started (ms)'),
          y: { type: 'category', labels: rows.map((r) => r.label), ticks: { font: { size: chartFontSize() } } },
        },
        plugins: {
          legend: { display: waitKinds.length > 0, labels: { font: { size: chartFontSize() } } },
          tooltip: { callbacks: { label: describe } },
        },
      },
    };
    // The Caller row too, where the chart and the table show one (serial code runs there); it
    // never waits for a lock or on I/O, so only its computing is said.
    const idle = rows.map((r) => threadShares(r, total, r.key == null ? [] : waitKinds));
    // Past the cores, a thread's bar runs on while it waits for a core: four threads "busy 96%"
    // on two cores read as four computing at once.
    const cores = globalThis.navigator?.hardwareConcurrency ?? Infinity;
    const turns = workingStretches(timeline).some(([, , working]) => working > cores)
      ? ` With more threads than the ${counted(cores, 'logical core')} this browser reports, they took turns on the cores: a bar runs from a ` +
        'task\'s start to its end on the clock, time waiting for a core included, so the bars overlap more than the cores computed.' : '';
    this.draw(config, `One run${value ? ` with ${value}` : ''} on ${counted(workers, 'worker')}, ${total.toFixed(1)} ms: ${idle.join('; ')}.` +
      (shown ? ` Shown: ${shown.from.toFixed(1)} to ${shown.to.toFixed(1)} ms of it.` : '') + turns);
  }
}

/** A timeline's run cut where a pool thread starts or stops computing: [from, to, working], with
 *  how many were computing in each stretch (a bar ending where another starts is no overlap). */
export function workingStretches(timeline) {
  const edges = timeline.spans.filter((sp) => sp.thread != null && spanKind(sp) === 'work')
    .flatMap((sp) => [[sp.start_ms, 1], [sp.end_ms, -1]]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let working = 0;
  return edges.slice(0, -1).map(([at, step], i) => [at, edges[i + 1][0], (working += step)]);
}

/** Where a thread's time went, in words: computing, each kind of waiting, and (where it waits)
 *  the share that was neither when it is a tenth or more, so that the shares add up: time
 *  between tasks, or the thread not running at all (another program on its core). */
export function threadShares(row, total, waitKinds) {
  if (row.tasks === 0 && row.spans.length === 0) return `${row.label} ran no task`;
  const share = (ms) => `${(100 * ms / total).toFixed(0)}%`;
  const waits = waitKinds.map((kind) => row[`${kind}_ms`]);
  const neither = total - row.busy_ms - waits.reduce((a, b) => a + b, 0);
  return `${row.label} busy ${share(row.busy_ms)}` + waitKinds.map((kind, i) => `, ${SPAN_KINDS[kind].plural} ${share(waits[i])}`).join('') +
    (waitKinds.length && neither >= 0.1 * total ? `, neither ${share(neither)} (between tasks, or not running)` : '') +
    `, done at ${row.finished_ms.toFixed(1)} ms`;
}

/**
 * A parameter sweep: median time (with its 95% interval) against the varied value. Numbers are
 * joined by a line, on a log scale when they span more than a decade and a half (sizes such as
 * a grain); choices are bars side by side.
 */
/** The x axis of a sweep over a numeric parameter's `values`: logarithmic where they span more
 *  than 30-fold (grains of 100 to 10,000,000), labelled at powers of ten only so that long
 *  numbers do not overlap. */
function valueAxis(values, label) {
  const [low, high] = [Math.min(...values), Math.max(...values)];
  const log = low > 0 && high / low > 30;
  const decade = (v) => Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9;
  const pad = (high - low) * 0.05;
  const span = low === high ? {} : log ? { min: low / 1.5, max: high * 1.5 } : { min: low - pad, max: high + pad };
  return axis({ type: log ? 'logarithmic' : 'linear', ...span, ticks: log ? { callback: (v) => (decade(v) ? formatValue(v) : '') } : {} },
    `${label}${log ? ' (log scale)' : ''}`);
}

export class VaryChart extends ChartPanel {
  update(sweep, label) {
    const points = sweep.points.map((p) => ({ value: sweep.valueOf(p), y: p.median_ms, yMin: p.ci_low_ms, yMax: p.ci_high_ms }));
    const numeric = points.every((p) => typeof p.value === 'number');
    const style = { borderColor: COLOURS.measured, backgroundColor: COLOURS.measured, errorBarColor: '#1d2430',
      errorBarWhiskerColor: '#1d2430', errorBarLineWidth: 2, errorBarWhiskerSize: 12 };
    const dataset = { label: `Median time (${intervalWords(sweep.points)})`, ...style };
    let config;
    if (numeric) {
      // The axis spans every value the sweep will run, from its first point on (one point alone
      // got an axis of its own, 95 to 105 around a grain of 100).
      const planned = (sweep.values ?? []).filter((v) => typeof v === 'number');
      const options = baseOptions(label, 'Median time (ms)');
      options.scales.x = valueAxis([...points.map((p) => p.value), ...planned], label);
      Object.assign(dataset, { data: points.map((p) => ({ x: p.value, y: p.y, yMin: p.yMin, yMax: p.yMax })), pointRadius: 5, showLine: true });
      config = { type: 'scatterWithErrorBars', data: { datasets: [dataset] }, options };
    } else {
      const options = baseOptions(label, 'Median time (ms)');
      options.scales.x = axis({ type: 'category' }, label);
      Object.assign(dataset, { data: points.map((p) => ({ y: p.y, yMin: p.yMin, yMax: p.yMax })), backgroundColor: 'rgba(31, 95, 191, 0.6)' });
      config = { type: 'barWithErrorBars', data: { labels: points.map((p) => String(p.value)), datasets: [dataset] }, options };
    }
    // Which was fastest, the line under the chart says ("Fastest: Grain = 1,000,000, median 5.8 ms"):
    // said here too, it was read twice in a row.
    const text = points.length
      ? `Median time: ${points.map((p) => `${p.y.toFixed(1)} ms at ${formatValue(p.value)}${p.yMin === p.yMax ? '' : ` (interval ${fixed(p.yMin, 1)}–${fixed(p.yMax, 1)})`}`).join(', ')}.`
      : 'Waiting for the first measurement.';
    this.draw(config, text);
  }
}

/** Colours of overlaid results, one per result, distinct for the common colour blindnesses. */
const SERIES_COLOURS = ['#1f5fbf', '#d97706', '#0f766e', '#be123c', '#7c3aed', '#4d7c0f', '#1f2937', '#9a3412']; // no two alike (a cyan beside the teal was)
/** Point shapes (Chart.js point styles) that take over where the colours run out. */
const SERIES_SHAPES = ['circle', 'rect', 'triangle', 'rectRot'];

/** The colour and point shape of the i-th overlaid result: 8 colours, then each again with the
 *  next shape, so the first 32 results all look different. */
export function seriesStyle(i) {
  const n = SERIES_COLOURS.length;
  return { colour: SERIES_COLOURS[i % n], shape: SERIES_SHAPES[Math.floor(i / n) % SERIES_SHAPES.length] };
}

const OVERLAY_MODES = {
  // Axis titles short enough not to be cut off on a short chart; `weak` where a weak result is drawn.
  speedup: { y: 'Speedup (× own 1 worker)', weak: 'Speedup, scaled if weak', value: (p, d) => ({ y: d.speedup, yMin: d.low, yMax: d.high }) },
  // Speedup's interval over the same k: efficiency is speedup ÷ k.
  efficiency: { y: 'Efficiency (speedup ÷ workers)', weak: 'Efficiency, scaled if weak', value: (p, d) => ({ y: d.efficiency, yMin: d.low == null ? null : d.low / p.workers, yMax: d.high == null ? null : d.high / p.workers }) },
  time: { y: 'Median time (ms)', value: (p) => ({ y: p.median_ms, yMin: p.ci_low_ms, yMax: p.ci_high_ms }) },
};

/**
 * Several results on one chart, each in its own colour with a legend entry naming it: speedup
 * (each against its own 1-worker time, with its fitted Amdahl curve dashed), efficiency, or the
 * median time. Only measured points are joined.
 */
export class OverlayChart extends ChartPanel {
  /** As ChartPanel, with `legend`: a list the legend is written to as text, which wraps where a
   *  long device label would be cut off inside the canvas (on a phone, or zoomed in). */
  constructor(canvas, description, title, legend = null) {
    super(canvas, description, title);
    this.legend = legend;
  }

  update(series, mode = 'speedup') {
    const how = OVERLAY_MODES[mode];
    const maxK = Math.max(2, ...series.flatMap((s) => s.results.points.map((p) => p.workers)));
    const datasets = [];
    const described = [];
    series.forEach((s, i) => {
      const { colour, shape } = seriesStyle(i);
      const derived = s.results.derived;
      const points = s.results.points.map((p, j) => ({ x: p.workers, ...how.value(p, derived[j]) })).filter((p) => p.y != null)
        .map((p) => ({ ...p, yMin: p.yMin ?? undefined, yMax: p.yMax ?? undefined }));
      datasets.push({
        label: s.name, data: points, borderColor: colour, backgroundColor: colour, pointRadius: 4, pointStyle: shape, showLine: true,
        errorBarColor: colour, errorBarWhiskerColor: colour, errorBarLineWidth: 1.5, errorBarWhiskerSize: 8,
      });
      // A weak-scaling result's speedup is Gustafson's scaled speedup, and its fit Gustafson's.
      const fit = s.results.fit;
      const weak = s.scaling === 'weak';
      const law = weak ? (k) => gustafsonSpeedup(fit.serial_fraction, k) : (k) => amdahlSpeedup(fit.serial_fraction, k);
      // Over the workers it measured only: drawn on, a 2-core result's fit predicted 3.6× on 4
      // workers beside a result that measured them.
      if (mode === 'speedup' && fit) {
        const measured = Math.max(...s.results.points.map((p) => p.workers));
        datasets.push({ label: '', data: curve(law, measured), borderColor: colour, borderDash: [5, 4],
          type: 'scatter', pointRadius: 0, pointHitRadius: 0, showLine: true, borderWidth: 1 });
      }
      const fmtY = (v) => (mode === 'time' ? `${v.toFixed(1)} ms` : mode === 'efficiency' ? `${Math.round(v * 100)}%` : `${v.toFixed(2)}×`);
      described.push(`${s.name}${weak ? ' (weak scaling: the problem grew with the workers)' : ''}: ` +
        `${points.map((p) => `${fmtY(p.y)} at ${p.x}`).join(', ') || 'no 1-worker run to compare with'}` +
        // Two worker counts fix s exactly: the curve passes through them and tests nothing
        // (the playground says so; the comparison had given such an s as a fit like any other).
        (mode === 'speedup' && fit ? ` (${weak ? 'scaled speedup; Gustafson' : 'Amdahl'} fit s = ${fit.serial_fraction.toFixed(3)}` +
          `${fit.points < 3 ? ', from two worker counts, which it passes through' : ''}, dashed)` : ''));
    });
    if (mode !== 'time') {
      const ideal = mode === 'speedup' ? [{ x: 1, y: 1 }, { x: maxK, y: maxK }] : [{ x: 1, y: 1 }, { x: maxK, y: 1 }];
      datasets.push({ label: mode === 'speedup' ? 'Ideal (speedup = workers)' : 'Ideal (100%)', data: ideal, borderColor: COLOURS.ideal,
        borderDash: [2, 4], type: 'scatter', pointRadius: 0, pointHitRadius: 0, showLine: true, order: IDEAL_ON_TOP });
    }
    // A weak result's speedup is its scaled speedup: the axis says so where one is drawn.
    const weakShown = mode !== 'time' && series.some((s) => s.scaling === 'weak');
    const options = baseOptions('Workers', weakShown && how.weak ? how.weak : how.y, maxK);
    if (mode === 'speedup') options.scales.y.suggestedMax = maxK;
    // In percent, as the tables and the description say it (an axis of 0-1.2 beside "96%").
    if (mode === 'efficiency') options.scales.y.ticks = { ...options.scales.y.ticks, callback: (v) => `${Math.round(v * 100)}%` };
    // Times of different runtimes can be orders of magnitude apart (Python against native): a
    // log axis keeps every curve visible.
    const times = series.flatMap((s) => s.results.points.map((p) => p.median_ms)).filter((t) => t > 0);
    if (mode === 'time' && Math.max(...times) > 30 * Math.min(...times)) {
      options.scales.y = axis({ type: 'logarithmic' }, `${how.y}, log scale`);
    }
    options.plugins.legend.labels.filter = (item) => item.text !== '';
    if (this.legend) {
      options.plugins.legend.display = false;
      this.#writeLegend(series, mode);
    }
    this.draw({ type: 'scatterWithErrorBars', data: { datasets }, options },
      series.length ? `${described.join('. ')}.` : 'Select results to compare.');
  }

  /**
   * Sweeps over one parameter (`series` as for update, each with `varied`), their median times
   * against the parameter's value (`label` its name): a line per result where the values are
   * numbers, bars side by side per value where they are choices ("static", "stealing").
   */
  updateVaried(series, label) {
    const values = [];
    for (const s of series) for (const p of s.results.points) if (!values.includes(s.results.valueOf(p))) values.push(s.results.valueOf(p));
    const numeric = values.every((v) => typeof v === 'number');
    const options = baseOptions(label, 'Median time (ms)');
    const times = series.flatMap((s) => s.results.points.map((p) => p.median_ms)).filter((t) => t > 0);
    if (Math.max(...times) > 30 * Math.min(...times)) options.scales.y = axis({ type: 'logarithmic' }, 'Median time (ms), log scale');
    const datasets = series.map((s, i) => {
      const { colour, shape } = seriesStyle(i);
      const at = (v) => s.results.points.find((p) => s.results.valueOf(p) === v);
      const data = numeric
        ? s.results.points.map((p) => ({ x: s.results.valueOf(p), y: p.median_ms, yMin: p.ci_low_ms, yMax: p.ci_high_ms }))
        : values.map((v) => (at(v) ? { y: at(v).median_ms, yMin: at(v).ci_low_ms, yMax: at(v).ci_high_ms } : { y: null }));
      return { label: s.name, data, borderColor: colour, backgroundColor: numeric ? colour : `${colour}99`, pointRadius: 4, pointStyle: shape,
        showLine: numeric, errorBarColor: '#1d2430', errorBarWhiskerColor: '#1d2430', errorBarLineWidth: 1.5, errorBarWhiskerSize: 8 };
    });
    if (numeric) options.scales.x = valueAxis(values, label);
    else options.scales.x = axis({ type: 'category' }, label);
    if (this.legend) {
      options.plugins.legend.display = false;
      this.#writeLegend(series, 'time');
    }
    const described = series.map((s) => `${s.name}: ${s.results.points.map((p) => `${p.median_ms.toFixed(1)} ms at ${formatValue(s.results.valueOf(p))}`).join(', ')}`);
    this.draw(numeric ? { type: 'scatterWithErrorBars', data: { datasets }, options }
      : { type: 'barWithErrorBars', data: { labels: values.map(String), datasets }, options }, `${described.join('. ')}.`);
  }

  /** One item per result in its colour, then what the dashed and dotted lines are. */
  #writeLegend(series, mode) {
    const item = (colour, style, text, shape = null) => {
      const li = el('li');
      const key = el('span', `key ${style}`);
      key.style.setProperty('--key-colour', colour);
      if (shape) key.dataset.shape = shape;
      key.setAttribute('aria-hidden', 'true');
      li.append(key, el('span', 'name', text));
      return li;
    };
    const items = series.map((s, i) => item(seriesStyle(i).colour, 'point',
      `${s.name}${s.scaling === 'weak' && !s.name.includes('weak scaling') ? ' (weak scaling)' : ''}`, seriesStyle(i).shape));
    const fitted = mode === 'speedup' ? series.filter((s) => s.results.fit) : [];
    if (fitted.length) {
      const laws = [...new Set(fitted.map((s) => (s.scaling === 'weak' ? 'Gustafson' : 'Amdahl')))];
      items.push(item(COLOURS.ideal, 'dashed', `Dashed, in a result's colour: the ${laws.join(' or ')} curve fitted to it` +
        `${laws.length > 1 ? ' (Gustafson\'s for weak scaling)' : ''}, over the workers it measured`));
    }
    if (series.length && mode !== 'time') items.push(item(COLOURS.ideal, 'dotted', mode === 'speedup' ? 'Ideal (speedup = workers)' : 'Ideal (100%)'));
    this.legend.replaceChildren(...items);
  }
}
