// An experiment's results: the chart (speedup against workers, or time against a varied
// parameter), the fitted law, the table of numbers behind it, Karp-Flatt, the timeline and the
// overheads. Every chart has a title, a description in words and a table with the same numbers.
import { compactNumber, counted, fixedOrDash as fmt, formatValue, wordList } from '../input.js';
import { againstBound, amdahlMisfit, amdahlSpeedup, fewRunsText, gustafsonSpeedup, LEVEL, levelPercent, lowestLevel, ratioText, serialRangeText, speedupLevel, speedupText, timesIntervalText } from '../stats.js';
import { chartsDrawn, KarpFlattChart, LAW_REACH, SpeedupChart, VaryChart, waitsOffCore } from './charts.js';
import { cell, chartFigure, el, row, setHeadings, table } from './dom.js';
import { ExtrasView } from './extras-view.js';
import { looksClamped, noiseNote, pastCoresReading } from './noise.js';
import { OverheadsView } from './overheads-view.js';
import { TimelineView } from './timeline-view.js';
import { tiedWith } from '../results/sweep-results.js';

/** The interval column's heading: "95% interval" only where every interval is one (fewer than
 *  six runs give min to max, at a lower level each cell states). */
const intervalHeading = (points = []) => (lowestLevel(points) >= LEVEL ? '95% interval (ms)' : 'Interval (ms)');
// The check comes second, beside what it checked: last, it was the column a narrow screen (a
// phone, a lesson's column, a projector at 200%) cut off, and every result is shown as checked.
const WORKER_HEADINGS = (points) => ['Workers', 'Check', 'Median (ms)', intervalHeading(points), 'Samples', 'Speedup',
  termHeading('Efficiency', 'speedup ÷ workers, the share of the workers\' time that went into speeding the work up'),
  termHeading('e(k)', 'the Karp-Flatt serial fraction, the serial share that would explain the speedup measured (see Karp-Flatt below)')];

/** A heading whose term is explained on hover (the Karp-Flatt section and the lessons say more),
 *  and in the line under the table (a title is out of reach of a keyboard and of a touch). */
function termHeading(term, meaning) {
  const th = el('th');
  th.append(Object.assign(el('abbr', '', term), { title: meaning }));
  th.dataset.meaning = meaning;
  return th;
}

/** The line under a table that says what its terms mean: "Efficiency: speedup ÷ workers, …." */
const termsText = (headings) => headings.filter((h) => h.dataset?.meaning).map((h) => `${h.textContent}: ${h.dataset.meaning}.`).join(' ');

/** What the results say before there are any. */
const EMPTY = {
  idle: 'No results yet: choose the settings and press Run.',
  measuring: 'Measuring: the results appear here as each point is done.',
  // Not "press Run" beside a Run that cannot be pressed (a WebKit browser without shared memory).
  unavailable: 'No results: this browser cannot run the experiments (why is said beside Run). The Results page still opens ' +
    'results measured elsewhere.',
};

export class ResultsView {
  /** @param {object} options { prefix, level: heading level of "Results", name: the region's name
   *  where its heading's "Results" would repeat on the page } */
  constructor({ prefix, level, name = null }) {
    const h = (n, text, id) => Object.assign(el(`h${Math.min(6, n)}`, '', text), id ? { id: `${prefix}${id}` } : {});
    this.prefix = prefix;
    this.element = el('section', 'results');
    this.element.id = `${prefix}results-section`;
    if (name) this.element.setAttribute('aria-label', name);
    else this.element.setAttribute('aria-labelledby', `${prefix}results-title`);
    this.empty = el('p', 'muted', EMPTY.idle);
    this.empty.id = `${prefix}results-empty`;
    this.body = el('div', 'results-body');
    this.body.id = `${prefix}results-body`;
    this.body.hidden = true;
    // While a new sweep measures its first point, the last one's results stay up, marked as such.
    this.previousNote = el('p', 'notice previous-note', 'These are the last sweep\'s results: the new sweep replaces them ' +
      'when its first point is measured.');
    this.previousNote.id = `${prefix}previous-note`;
    this.previousNote.hidden = true;
    this.element.append(h(level, 'Results', 'results-title'), this.empty, this.body);

    const speedup = chartFigure(prefix, 'speedup', 'Speedup against workers.');
    this.speedupFigure = speedup.figure;
    this.speedupTitle = speedup.title;
    this.speedupChart = new SpeedupChart(speedup.canvas, speedup.description, 'Speedup against workers');
    // How far to draw the laws: a 2-core laptop's sweep never shows Amdahl's curve reach its ceiling.
    this.reach = Object.assign(document.createElement('select'), { id: `${prefix}law-reach` });
    this.reach.append(new Option('the workers measured', ''), ...LAW_REACH.map((n) => new Option(`${n} workers`, String(n))));
    const reachLabel = el('label', 'law-reach', 'Draw the laws to ');
    reachLabel.htmlFor = this.reach.id;
    const reachLine = el('p', 'law-reach-line');
    reachLine.append(reachLabel, this.reach);
    this.speedupFigure.insertBefore(reachLine, this.speedupFigure.querySelector('figcaption'));
    this.reach.addEventListener('change', () => {
      if (this.results && !this.results.varied) this.speedupChart.update(this.results, this.#reach(), this.#pastCores);
    });
    const vary = chartFigure(prefix, 'vary', 'Time against the varied parameter.');
    this.varyFigure = vary.figure;
    this.varyTitle = vary.title;
    this.varyChart = new VaryChart(vary.canvas, vary.description, 'Time against the varied parameter');
    this.fit = el('p', 'fit');
    this.fit.id = `${prefix}fit`;
    this.timerNote = el('p', 'notice timer-note');
    this.timerNote.id = `${prefix}timer-note`;
    this.timerNote.hidden = true;
    this.noiseNote = el('p', 'notice noise-note');
    this.noiseNote.id = `${prefix}noise-note`;
    this.noiseNote.hidden = true;
    const results = table(`${prefix}results-table`, 'Results: the numbers behind the charts', WORKER_HEADINGS());
    this.table = results.table;
    this.tbody = results.body;
    this.terms = el('p', 'help table-terms');
    this.terms.id = `${prefix}results-terms`;
    this.table.setAttribute('aria-describedby', this.terms.id);

    this.karpFlatt = el('section', 'karp-flatt');
    this.karpFlatt.id = `${prefix}karp-flatt`;
    this.karpFlatt.setAttribute('aria-labelledby', `${prefix}karp-flatt-title`);
    const karp = chartFigure(prefix, 'karp-flatt', 'Karp-Flatt serial fraction e(k) against workers.', 'small');
    this.karpFlattChart = new KarpFlattChart(karp.canvas, karp.description, 'Karp-Flatt serial fraction against workers');
    const karpHelp = el('p', 'help', 'e(k) = (1/S − 1/k) / (1 − 1/k) is the serial fraction that would explain the speedup S ' +
      'measured on k workers. Under Amdahl\'s law it is the same at every k. If it rises with k, the loss is not serial ' +
      'code but overhead that grows with the workers: starting tasks, waiting at barriers, sharing memory bandwidth.');
    this.karpFlatt.append(h(level + 1, 'Karp-Flatt: what is really serial?', 'karp-flatt-title'), karpHelp, karp.figure);
    // Said without pointing at the Scaling control: a lesson's experiment may not show it.
    this.karpFlattWeak = el('p', 'muted', 'Karp-Flatt measures strong scaling (a fixed problem), so a weak-scaling sweep has ' +
      'none: a strong-scaling run of the same workload shows it (in the playground, Scaling: Strong).');
    this.karpFlattWeak.id = `${prefix}karp-flatt-weak`;
    this.karpFlattWeak.hidden = true;

    this.extras = new ExtrasView({ prefix, level: level + 1 });
    this.timeline = new TimelineView({ prefix, heading: h(level + 1, 'Where the time went: one run, thread by thread', 'timeline-title') });
    this.overheads = new OverheadsView({ prefix, heading: h(level + 1, 'Overheads, measured apart from the kernel', 'overheads-title') });
    // The image a workload computed (Mandelbrot, the blur) follows the numbers it was timed by.
    this.body.append(this.previousNote, this.speedupFigure, this.varyFigure, this.fit, this.noiseNote, this.timerNote, results.wrap, this.terms,
      this.overheads.imageFigure, this.extras.element, this.karpFlatt, this.karpFlattWeak, this.timeline.element, ...this.overheads.elements);
  }

  /** While a sweep measures its first point, says so where nothing is shown yet, or marks the
   *  results shown as the last sweep's. */
  measuring(on) {
    this.empty.textContent = on ? EMPTY.measuring : EMPTY.idle;
    this.#markPrevious(on && Boolean(this.results));
  }

  /** Says that no results can come here: the browser cannot run the kernels. */
  unavailable() {
    this.empty.textContent = EMPTY.unavailable;
  }

  #markPrevious(on) {
    this.previousNote.hidden = !on;
    this.body.classList.toggle('is-previous', on);
  }

  /** Clears everything shown (a new sweep, or Reset). */
  clear() {
    this.results = null;
    this.empty.hidden = false;
    this.body.hidden = true;
    this.timeline.reset();
    this.overheads.hideImage();
  }

  /** Shows `results` (SweepResults), complete or not: the numbers at once, the charts over the
   *  next few tasks (one step each); resolves when they are drawn too. */
  async render(results) {
    if (this.results !== results) {
      this.results = results;
      this.#markPrevious(false);
      this.timeline.reset();
      this.overheads.hideImage();
    }
    this.empty.hidden = true;
    this.body.hidden = false;
    const varied = Boolean(results.varied);
    const weak = results.scaling === 'weak';
    this.speedupFigure.hidden = varied;
    this.varyFigure.hidden = !varied;
    this.karpFlatt.hidden = weak || varied;
    this.karpFlattWeak.hidden = !weak || varied;
    // Said in the lessons' explanations too; here for everyone who runs a sweep.
    const env = { hardwareConcurrency: navigator.hardwareConcurrency ?? 1, userAgent: navigator.userAgent };
    const noise = noiseNote(results, env);
    // A count the browser lowered explains the points past it: they were not taking turns, and
    // the timings are not in doubt (the note says so).
    const clamped = looksClamped(results, env);
    if (varied) {
      this.#renderVaried(results);
    } else {
      this.#renderWorkers(results, weak, Boolean(noise) && !clamped, clamped);
      if (!weak) this.karpFlattChart.update(results);
    }
    const coarse = results.points.some((p) => p.timer_coarse);
    this.timerNote.hidden = !coarse;
    this.timerNote.textContent = coarse
      ? `* The timer here ticks in steps of ${(results.timerResolutionMs * 1000).toFixed(0)} µs, coarse next to these run times: ` +
        'treat the marked medians with care, or make the problem bigger.'
      : '';
    this.noiseNote.hidden = !noise;
    this.noiseNote.textContent = noise;
    this.extras.render(results);
    // A demonstration's answer is wrong by design (lost updates, a repeated random stream): what
    // it counted is its point, so that leads, before the speedup of a run that computed wrongly.
    const demonstrates = results.points.some((p) => p.check_kind === 'demonstration');
    this.body.insertBefore(this.extras.element, demonstrates ? this.body.firstChild : this.karpFlatt);
    this.timeline.render(results);
    this.overheads.render(results);
    await chartsDrawn();
  }

  showImage(image, workload) {
    this.overheads.showImage(image, workload);
  }

  /** The cores the fit went past, where the text under the chart says so (pastCoresReading); else null. */
  #pastCores = null;

  #renderWorkers(results, weak, doubted, clamped) {
    const cores = navigator.hardwareConcurrency ?? Infinity;
    const past = clamped ? '' : pastCoresReading(results, cores);
    this.#pastCores = past ? cores : null;
    const headings = WORKER_HEADINGS(results.points);
    headings[5] = weak ? 'Scaled speedup' : 'Speedup';
    // Under weak scaling each row ran its own problem, which the table says beside its time
    // (it was only in Details, and a reader compared 1.9 s on 2 workers with 1.0 s on 1).
    if (weak) {
      headings.splice(1, 0, termHeading('Problem', 'what this worker count ran, the problem grown with the workers, and (×) its work against 1 worker\'s'));
      // Karp-Flatt measures strong scaling: under weak scaling its column was "—" all down,
      // and took the room that pushed the scaled speedup out of a laptop's view.
      headings.pop();
    }
    setHeadings(this.table, headings);
    this.terms.textContent = termsText(headings);
    this.speedupTitle.textContent = weak ? 'Scaled speedup against workers (weak scaling).' : 'Speedup against workers.';
    const derived = results.derived;
    this.tbody.replaceChildren(...results.points.map((p, i) => {
      const { speedup, low, high, efficiency, karp_flatt: e } = derived[i];
      const level = speedupLevel(results.points, p);
      return row(String(p.workers), [
        ...(weak ? [problemCell(results, p)] : []),
        verifiedCell(p),
        ...timeCells(p),
        cell(speedup == null ? '—' : ratioText(speedup, low, high, level)),
        cell(efficiency == null ? '—' : `${(efficiency * 100).toFixed(0)}%`),
        ...(weak ? [] : [cell(fmt(e, 3))]),
      ]);
    }));
    this.speedupChart.update(results, this.#reach(), this.#pastCores);
    const fit = results.fit;
    const range = serialRangeText(fit, ', by resampling the runs', results.points);
    const kmax = Math.max(...results.requested);
    if (!fit) {
      this.fit.textContent = results.shortRunsAreWhy ? `No ${weak ? "Gustafson's" : 'Amdahl'} fit: the runs were too short for the timer to measure (see the note below).`
        : weak ? "Gustafson's fit needs a 1-worker run and one more worker count." : 'The Amdahl fit needs at least two worker counts.';
    } else if (weak) {
      // Over the fit's whole range where it has one: "about 5.6×" from s = 0.000–0.947 claimed
      // a precision the points did not have.
      const far = kmax * 4;
      const at = (s) => (s + (1 - s) * far).toFixed(1);
      const spread = fit.serial_fraction_low != null && at(fit.serial_fraction_high) !== at(fit.serial_fraction_low)
        ? `between ${at(fit.serial_fraction_high)}× and ${at(fit.serial_fraction_low)}× (${at(fit.serial_fraction)}× at the fitted s)` : `about ${at(fit.serial_fraction)}×`;
      this.fit.textContent = `Gustafson's law, fitted: serial fraction s = ${fit.serial_fraction.toFixed(3)}${range}. ` +
        `Scaled speedup grows as s + (1 − s)·k: on ${far} workers (four times the most measured), ${spread}.` +
        past + chosenReading(results, derived, navigator.hardwareConcurrency ?? Infinity);
    } else {
      const last = derived.findLastIndex((d) => d.speedup != null);
      const single = last > 0 ? { k: results.points[last].workers, speedup: derived[last].speedup } : null;
      this.fit.replaceChildren(amdahlHeadline(fit, range, amdahlMisfit(fit, results.points, derived), single),
        el('span', 'fit-reading', slowedDown(fit, single) ? (doubted ? 'Read the note below: it says what most likely did.' : '')
          : amdahlReading(fit, doubted, results.points.some((p) => waitsOffCore(p.timeline)), Math.max(...derived.map((d) => d.speedup ?? 0)))),
        past, chosenReading(results, derived, navigator.hardwareConcurrency ?? Infinity));
    }
  }

  /** The workers the laws are drawn to, or null for the measured range. */
  #reach() {
    return this.reach.value ? Number(this.reach.value) : null;
  }

  #renderVaried(results) {
    const label = results.variedLabel ?? results.varied;
    setHeadings(this.table, [label, 'Check', 'Median (ms)', intervalHeading(results.points), 'Samples', 'Time against the fastest']);
    this.terms.textContent = '';
    const fastest = Math.min(...results.points.map((p) => p.median_ms));
    const best = results.points.find((p) => p.median_ms === fastest);
    // Times too short to time are set against nothing ("NaN×" and "Infinity×" beside a median of 0).
    const untimed = results.tooShort(best);
    this.tbody.replaceChildren(...results.points.map((p) => row(formatValue(results.valueOf(p)), [
      verifiedCell(p),
      ...timeCells(p),
      cell(untimed || results.tooShort(p) ? '—' : `${(p.median_ms / fastest).toFixed(2)}×`),
    ])));
    const workers = results.requested[0];
    this.varyTitle.textContent = `Time against ${label}, on ${counted(workers, 'worker')}.`;
    this.varyChart.update(results, label);
    this.fit.textContent = untimed ? 'No fastest: some runs were too short for the timer to measure (see the note below).'
      : `Fastest: ${label} = ${formatValue(results.valueOf(best))}, median ${best.median_ms.toFixed(1)} ms.` + fastestCertainty(results, best);
  }
}

/** How sure "Fastest" is: a teacher showed a class the wrong schedule as fastest, from three
 *  runs a value of which one point was slowed throughout. */
export function fastestCertainty(results, best) {
  if (results.points.length < 2) return '';
  const tied = tiedWith(results, best);
  if (tied.length) {
    const names = wordList(tied.map((p) => formatValue(results.valueOf(p))));
    return ` Not clearly: the interval${tied.length > 1 ? `s of ${names} overlap` : ` of ${names} overlaps`} its, so within ` +
      'this noise they cannot be told apart.';
  }
  const level = lowestLevel(results.points);
  if (level < LEVEL) {
    const runs = Math.min(...results.points.map((p) => p.samples_ms.length));
    // Far apart even so (1.82× with three runs a value): likely, not "too few to call".
    const next = Math.min(...results.points.filter((p) => p !== best).map((p) => p.median_ms)) / best.median_ms;
    return ` With ${counted(runs, 'run')} a value, each interval is only min to max (${levelPercent(level)}): ` +
      (next >= 1.2 ? `still, no other value's interval overlaps the fastest's, and the next fastest took ${next.toFixed(2)}× as long, so it is likely fastest; `
        : 'too few to call it clearly fastest; ') + 'six or more runs a value give 95% intervals.';
  }
  return ' Clearly: no other value\'s 95% interval overlaps its.';
}

/** A weak-scaling point's problem, by how the workload grows (`weak`, the catalogue's): its size,
 *  "n = 2,000,000", or for a serial part held fixed its steps and the serial ones among them,
 *  "720,000,000 steps, 80,000,000 serial" (its serial_fraction, 0.111 there, read as the s the
 *  lesson set); then its work against 1 worker's, "(×1.8)". Where the rule is not known, the
 *  parameters that grew across `points`. `number` writes the counts (compactNumber in the table,
 *  whose Problem column pushed the scaled speedup out of a lesson's column). */
export function problemParts(points, p, weak = null, number = formatValue) {
  const params = p.params ?? {};
  const round = (v) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(3)) : v);
  const shown = weak?.kind === 'size' && weak.param in params ? [`${weak.param} = ${number(params[weak.param])}`]
    : weak?.kind === 'serial_fixed' && weak.work in params && weak.serial_fraction in params
      ? [`${number(params[weak.work])} steps`, `${number(Math.round(params[weak.work] * params[weak.serial_fraction]))} serial`]
      : Object.keys(params).filter((key) => points.some((q) => q.params?.[key] !== params[key])).map((key) => `${key} = ${formatValue(round(params[key]))}`);
  return [...shown, `(×${formatValue(Number((p.work_factor ?? 1).toFixed(2)))})`];
}

/** problemParts as one phrase: "n = 1.6M (×1.64)", "720M steps, 80M serial (×1.8)". */
export function problemText(points, p, weak = null, number = formatValue) {
  const parts = problemParts(points, p, weak, number);
  return [parts.slice(0, -1).join(', '), parts.at(-1)].filter(Boolean).join(' ');
}

function problemCell(results, p) {
  const parts = problemParts(results.points, p, results.weak, compactNumber);
  const td = el('td');
  parts.forEach((part, i) => td.append(...(i ? [i < parts.length - 1 ? ', ' : ' '] : []), el('span', 'phrase', part)));
  td.title = `${problemText(results.points, p, results.weak)}: the work against 1 worker's problem in brackets`;
  return td;
}

function timeCells(p) {
  const samples = cell(String(p.samples_ms.length) + (p.stopped_by === 'budget' ? ' (budget)' : ''));
  if (p.stopped_by === 'budget') samples.title = 'Auto ran out of time before the interval reached ±3%.';
  const interval = cell(timesIntervalText(p.ci_low_ms, p.ci_high_ms, p.ci_level));
  if (p.ci_level < 0.95) interval.title = `Only ${p.samples_ms.length} samples: min to max covers the median with ${(p.ci_level * 100).toFixed(1)}% confidence. Six or more give 95%.`;
  return [cell(p.median_ms.toFixed(1) + (p.timer_coarse ? ' *' : '')), interval, samples];
}

/** ✓ verified, ◇ demonstrates: …, or ✗ failed; the check's detail as its title. */
function verifiedCell(p) {
  const [text, style] = p.verified ? ['✓ verified', 'ok']
    : p.demonstrates ? [`◇ demonstrates: ${p.demonstrates}`, 'demo'] : ['✗ failed', 'fail'];
  const verified = cell(text, `check ${p.demonstrates ? style : `${style} phrase`}`); // "✓ verified" on one line
  verified.title = `${p.check_kind === 'exact' ? 'Exact check' : p.check_kind === 'statistical' ? 'Statistical check' : 'Demonstration'}: ` +
    (p.check?.detail ?? '');
  return verified;
}

/**
 * The fitted Amdahl s, led by what it can mean: where the law misses a measured point (`misfit`,
 * from amdahlMisfit), that first; where two worker counts fix s from one speedup (`single`: its
 * worker count and speedup), that s is only the serial fraction that alone would give it (a
 * reader who has just learnt "s is serial code" takes a bold s = 0.95 for a fact); else the fit.
 * `range` is the bootstrap range's words, or ''.
 */
export function amdahlHeadline(fit, range, misfit = null, single = null) {
  const s = `s = ${fit.serial_fraction.toFixed(3)}${range}`;
  if (misfit) {
    return `Amdahl's law fits these points poorly: its best fit, ${s} by least squares over ${fit.points} worker counts, gives ` +
      `${misfit.law.toFixed(2)}× at ${misfit.k} workers against ${misfit.measured.toFixed(2)}× measured, so something other than a ` +
      'fixed serial part shapes this curve. ';
  }
  if (fit.points < 3 && single) {
    const measured = `Amdahl's law, fitted to a single speedup (${single.speedup.toFixed(2)}× on ${single.k} workers)`;
    if (fit.serial_fraction <= 0) return `${measured}: ${s}. `;
    if (slowedDown(fit, single)) {
      // s = 1 holds a speedup at 1×: "s = 1.000 is the serial fraction that alone would hold it
      // there" was said of 0.71× (and its range, "1.000–1.000", read as certainty).
      return `${measured}: slower than on 1 worker, which no serial fraction explains. Serial code can hold a speedup at ` +
        '1×, never push it below, so the fit stops at s = 1. What pushed it below was a cost that grows with the workers, ' +
        'or other programs on the cores. ';
    }
    return `${measured}: ${s} is the serial ` +
      'fraction that alone would hold it there. It is serial code only if nothing else held the speedup down; add worker counts to test the law itself. ';
  }
  return `Amdahl's law, fitted: serial fraction ${s}, by least squares over ${fit.points} worker counts. `;
}

/** A fit to a single speedup below 1, which it can only meet by stopping at s = 1. */
export const slowedDown = (fit, single) => fit.points < 3 && single != null && single.speedup < 1 && fit.serial_fraction >= 1;

/**
 * What a fitted Amdahl s says, no more: the ceiling 1/s only as a consequence of s being serial
 * code (unequal shares, waiting and slowed threads raise s too), over the whole range when there
 * is one, and hedged where the note below doubts the timings (`doubted`). Threads that wait
 * outside any lock (`sleeping`: for I/O, not the caller's serial packing) leave their core to another, so more workers
 * than cores still gain: there 1/s is no ceiling at all (the global-lock lesson's waiting run
 * was told its speedup was capped "somewhere above 412.1×").
 */
export function amdahlReading(fit, doubted, sleeping = false, measured = 0) {
  if (sleeping) {
    return 'Its threads spent much of each run waiting (as for I/O) rather than computing, and a waiting thread leaves ' +
      'its core to another: such work gains from more workers than cores, and 1/s is no ceiling for it.' +
      (doubted ? ' Read the note below before trusting any of it.' : '');
  }
  // s as the fit's line shows it (three decimals), so 1/s agrees with it: a range shown as
  // 0.001–0.152 capped the speedup "at 6.6× to 896.0×".
  const [low, high] = (fit.serial_fraction_low != null ? [fit.serial_fraction_low, fit.serial_fraction_high] : [fit.serial_fraction, fit.serial_fraction])
    .map((v) => Number(v.toFixed(3)));
  // The ceilings of the range's two ends, the lower (from the higher s) first.
  const [lowest, highest] = [high, low].map((v) => (v > 0 ? speedupText(1 / v) : null));
  // A ceiling is never below the speedup measured ("at 1.7× to 26×" stood beside 1.88× measured,
  // from a range of few runs): where the lower end is, the measured speedup takes its place.
  const reached = high > 0 && low > 0 && measured > 1 / high && measured < 1 / low;
  // Each ceiling named by the s it is 1/s of: "to 8.1× (1/s)" stood beside s = 0.232, whose 1/s
  // is 4.3 (8.1 is 1/0.124, the range's lower end), and a student checking it found it wrong.
  const ceiling = !lowest ? 'These points show no serial part: they set no ceiling on the speedup.'
    // Above the speedup measured, where that is higher ("somewhere above 1.0×" beside 1.75× measured said nothing).
    : !highest ? `If s is serial code, it caps the speedup ${measured > 1 / high ? `(at 1/s) somewhere above ${speedupText(measured)}, the speedup measured`
      : `somewhere above ${lowest} (1/s at its range's upper end, s = ${high.toFixed(3)})`}: its range runs down to s = 0, which sets no ceiling, so these points cannot tell where.`
      : reached ? `If s is serial code, it caps the speedup somewhere from ${speedupText(measured)}, the speedup measured, to ${highest} ` +
        `(1/s at its range's lower end, s = ${low.toFixed(3)}), whatever the number of workers.`
        : `If s is serial code, it caps the speedup at ${lowest === highest ? `${lowest} (1/s)` : `${lowest} to ${highest} (1/s over its range, s = ${low.toFixed(3)}–${high.toFixed(3)})`}, ` +
          'whatever the number of workers.';
  const why = high > 0 ? ' Unequal shares of work, waiting and threads slowed beside each other raise s too: the timeline tells them apart.' : '';
  return ceiling + why + (doubted ? ' Read the note below before trusting any of it.' : '');
}

/**
 * Where the reader set the serial fraction (the amdahl workload's `serial_fraction`), the law for
 * it against the measurement, at the most workers within the cores (past them workers take
 * turns, and no law for a serial fraction applies): ' You set s = 0.3: …', else ''. Above the
 * law's bound beyond the noise, the likeliest cause is named (a slowed 1-worker run), as the
 * lessons do: a lecturer's 1.96× on 2 workers for s = 0.3 (the law allows 1.54×) went unremarked.
 */
export function chosenReading(results, derived, cores) {
  const chosen = results.params?.serial_fraction;
  if (!Number.isFinite(chosen)) return '';
  // Under weak scaling the law for the s set is Gustafson's: the lesson said the fit should sit
  // near 0.2, and nothing compared the run with it.
  const weak = results.scaling === 'weak';
  const i = results.points.findLastIndex((p, j) => p.workers > 1 && p.workers <= cores && derived[j].speedup != null);
  if (i < 0) return '';
  const { speedup, low, high } = derived[i];
  const k = results.points[i].workers;
  const bound = weak ? gustafsonSpeedup(chosen, k) : amdahlSpeedup(chosen, k);
  const x2 = (v) => `${v.toFixed(2)}×`;
  const against = `You set s = ${formatValue(chosen)}: ${weak ? 'Gustafson\'s law then gives' : 'Amdahl\'s law then allows'} ${x2(bound)} ` +
    `on ${k} workers, and ${x2(speedup)} was measured`;
  const level = speedupLevel(results.points, results.points[i]);
  const side = againstBound({ value: speedup, low, high, level }, bound); // as a lesson's explanation reads it
  if (side === 'few') {
    return ` ${against}, ${speedup > bound ? 'above' : 'below'} it, but ${fewRunsText(level)}: too few runs to say whether ` +
      'that is more than noise. Run again with six or more repeats.';
  }
  if (side === 'above') {
    return ` ${against}, above it beyond the noise. The law holds for the work as set, so the 1-worker runs took longer than ` +
      'that work needs (most often, other programs were using a core then), which inflates every speedup.';
  }
  if (side === 'below') {
    return ` ${against}, below it beyond the noise: costs the law does not count (overhead, threads slowed beside each other, ` +
      'other programs) took the rest.';
  }
  const fitSays = fitLeavesOut(results, cores);
  const fitOut = fitSays !== '';
  // Within the noise, but far from it: "1.02× was measured: they agree within the noise" stood
  // beside a fit whose range left the s set out. A wide interval says the runs cannot tell.
  if (side === 'near') return fitOut ? ` ${against}, within that point's noise.${fitSays}` : ` ${against}: they agree within the noise.`;
  if (fitOut) return ` ${against}.${fitSays}`;
  return ` ${against}. ` + (low == null ? 'With no interval to judge by, these runs cannot say whether the law holds here.'
    : `Its interval, ${x2(low)}–${x2(high)}, is wide enough to reach ${x2(bound)}: these runs are too noisy to say whether ` +
      'the law holds here. Run again with more repeats, with other programs closed.');
}

/**
 * The fit reads every point, so its range can leave the s set out where one point's interval
 * does not: "1.80× … 1.76× was measured: they agree within the noise" followed "s = 0.238 (95%
 * range 0.215–0.257)" for s = 0.2. Where that is so and every point is within the cores (past
 * them the fit is read apart, pastCoresReading), a sentence with the fit's word; else ''.
 */
export function fitLeavesOut(results, cores) {
  const chosen = results.params?.serial_fraction;
  const fit = results.fit;
  // From fewer than six runs a point the fit's range is no 95% range (serialRangeText says so).
  // Through one point past 1 worker the fit is that point (s = 2/S(2) − 1), and can add nothing
  // to it: "within that point's noise … but the fit puts s at 0.266–0.304 … beyond their noise"
  // contradicted itself on a 2-core phone.
  if (!Number.isFinite(chosen) || fit?.serial_fraction_low == null || !results.points.every((p) => p.workers <= cores) ||
    lowestLevel(results.points) < LEVEL || results.points.filter((p) => p.workers > 1).length < 2 ||
    (chosen >= fit.serial_fraction_low && chosen <= fit.serial_fraction_high)) return '';
  return ` That point alone cannot tell them apart, but the fit, which reads every point, puts s at ` +
    `${fit.serial_fraction_low.toFixed(3)}–${fit.serial_fraction_high.toFixed(3)}, ${chosen < fit.serial_fraction_low ? 'above' : 'below'} ` +
    `the ${formatValue(chosen)} set: a small difference that the points show together, beyond their noise.`;
}
