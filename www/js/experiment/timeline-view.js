// The timeline section: one traced run per point, thread by thread, as a chart and a table.
import { counted, formatValue } from '../input.js';
import { SPAN_KINDS, TimelineChart, timelineRows, waitingKinds } from './charts.js';
import { cell, chartFigure, el, field, row, select, setHeadings, table } from './dom.js';

const HEADINGS = ['Thread', 'Tasks', 'Busy (ms)', 'Busy', 'Done at (ms)'];

export class TimelineView {
  constructor({ prefix, heading }) {
    this.element = el('section', 'timeline');
    this.element.id = `${prefix}timeline`;
    this.element.setAttribute('aria-labelledby', heading.id);
    const help = el('p', 'help', 'One extra run (not counted in the results) with every task\'s start and end recorded. ' +
      'Each row is a worker thread (a rayon thread; for message passing, a plain Web Worker); a bar is a stretch of ' +
      'back-to-back tasks, and gaps are time the thread sat idle. ' +
      'A "Caller" row, where shown, is the thread that handed the work to the pool; serial code runs there. ' +
      'Where threads wait (for a lock, or outside it as for I/O), those stretches are drawn in their own colours.');
    this.select = select(`${prefix}timeline-workers`, []);
    const chooser = field(this.select, 'Show the run with');
    const figure = chartFigure(prefix, 'timeline', 'Timeline of one run.', 'small');
    this.chart = new TimelineChart(figure.canvas, figure.description, 'Timeline of one run');
    const threads = table(`${prefix}timeline-table`, 'Timeline: each thread\'s share of the run', HEADINGS);
    this.table = threads.table;
    this.body = threads.body;
    this.element.append(heading, help, chooser, figure.figure, threads.wrap);
    this.select.addEventListener('change', () => {
      this.picked = true;
      if (this.results) this.#draw();
    });
  }

  /** Forgets the reader's pick: a new sweep follows its latest point again. */
  reset() {
    this.picked = false;
    this.results = null;
  }

  render(results) {
    this.results = results;
    const options = results.points.map((p, i) => [String(i), results.varied
      ? `${results.variedLabel} = ${formatValue(results.valueOf(p))}`
      : counted(p.workers, 'worker')]);
    const chosen = this.select.value;
    this.select.replaceChildren(...options.map(([value, text]) => new Option(text, value)));
    // Follow the sweep to its latest point unless the reader picked one.
    this.select.value = this.picked && options.some(([v]) => v === chosen) ? chosen : options.at(-1)[0];
    this.#draw();
  }

  #draw() {
    const point = this.results.points[Number(this.select.value)] ?? this.results.points.at(-1);
    this.chart.update(point.timeline, point.workers);
    // No tasks recorded (sort's work runs inside rayon's own routine): no table of threads at 0%.
    const empty = !point.timeline || point.timeline.spans.length === 0;
    this.table.parentElement.hidden = empty;
    if (empty) return this.body.replaceChildren();
    const total = point.timeline.end_ms - point.timeline.start_ms;
    const waiting = waitingKinds(point.timeline);
    setHeadings(this.table, [...HEADINGS.slice(0, 4), ...waiting.map((kind) => `${SPAN_KINDS[kind].label} (ms)`), HEADINGS[4]]);
    this.body.replaceChildren(...timelineRows(point.timeline).map((r) => row(r.label, [
      cell(r.tasks.toLocaleString('en-US')),
      cell(r.busy_ms.toFixed(1)),
      cell(`${((100 * r.busy_ms) / total).toFixed(0)}%`),
      ...waiting.map((kind) => cell(r[`${kind}_ms`].toFixed(1))),
      cell(r.finished_ms.toFixed(1)),
    ])));
  }
}
