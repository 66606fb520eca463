// The timeline section: one traced run per point, thread by thread, as a chart and a table.
import { counted, formatValue } from '../input.js';
import { SPAN_KINDS, TimelineChart, timelineRows, waitingKinds } from './charts.js';
import { cell, chartFigure, el, field, row, select, setHeadings, table } from './dom.js';
import { tracedSlowerNote } from './noise.js';

const HEADINGS = ['Thread', 'Tasks', 'Busy (ms)', 'Busy', 'Done at (ms)'];
const ZOOMS = [1, 4, 16, 64];
const WINDOW_STEPS = 200; // the window slider's positions from the run's start to its end (an arrow key moves 0.5%)

/** A point of a sweep over a value, named by its value: "Grain = 100,000". */
const valueName = (results, p) => `${results.variedLabel} = ${formatValue(results.valueOf(p))}`;

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
    // Zoom and a window to slide: 400 turns at a lock in 400 ms drew a smear in which "the work
    // bars never overlap" could not be seen. Plain controls, so the keyboard zooms as well.
    this.zoom = select(`${prefix}timeline-zoom`, ZOOMS.map((z) => [String(z), z === 1 ? 'Whole run' : `${z}×`]));
    this.from = Object.assign(document.createElement('input'), { id: `${prefix}timeline-from`, type: 'range', min: 0, max: WINDOW_STEPS, step: 1, value: 0 });
    const zoomField = field(this.zoom, 'Zoom');
    this.fromField = field(this.from, 'Window');
    this.fromField.hidden = true;
    const controls = el('div', 'timeline-controls');
    controls.append(chooser, zoomField, this.fromField);
    const figure = chartFigure(prefix, 'timeline', 'Timeline of one run.', 'small');
    this.chart = new TimelineChart(figure.canvas, figure.description, 'Timeline of one run');
    const threads = table(`${prefix}timeline-table`, 'Timeline: each thread\'s share of the run', HEADINGS);
    this.table = threads.table;
    this.body = threads.body;
    this.slowNote = el('p', 'notice traced-slower');
    this.slowNote.id = `${prefix}timeline-slower`;
    this.slowNote.hidden = true;
    this.element.append(heading, help, controls, figure.figure, this.slowNote, threads.wrap);
    this.select.addEventListener('change', () => {
      this.picked = true;
      if (this.results) this.#draw();
    });
    this.shownZoom = 1; // the zoom the window was placed for (the select already holds the new one)
    this.zoom.addEventListener('change', () => {
      // Zooming keeps the window's middle where it was: from the whole run, the run's middle,
      // where the turns have settled (its first milliseconds, as the pool starts, look unlike them).
      const middle = this.#window(this.shownZoom).middle;
      this.shownZoom = Number(this.zoom.value);
      this.fromField.hidden = this.zoom.value === '1';
      this.#placeWindow(middle);
      if (this.results) this.#drawChart();
    });
    this.from.addEventListener('input', () => {
      if (this.results) this.#drawChart();
    });
  }

  /** Forgets the reader's pick and zoom: a new sweep follows its latest point again, whole. */
  reset() {
    this.picked = false;
    this.results = null;
    this.zoom.value = '1';
    this.shownZoom = 1;
    this.from.value = '0';
    this.fromField.hidden = true;
  }

  /** The shown share of the run at `zoom` (the chosen one by default): { zoom, start, middle } as fractions of it. */
  #window(zoom = Number(this.zoom.value)) {
    const start = (Number(this.from.value) / WINDOW_STEPS) * (1 - 1 / zoom);
    return { zoom, start, middle: start + 0.5 / zoom };
  }

  #placeWindow(middle) {
    const zoom = Number(this.zoom.value);
    const room = 1 - 1 / zoom;
    this.from.value = room > 0 ? String(Math.round((Math.min(Math.max(middle - 0.5 / zoom, 0), room) / room) * WINDOW_STEPS)) : '0';
  }

  #point() {
    return this.results.points[Number(this.select.value)] ?? this.results.points.at(-1);
  }

  /** Draws the chosen run over the chosen window, and names the window on its slider. */
  #drawChart() {
    const point = this.#point();
    const timeline = point.timeline;
    const { zoom, start } = this.#window();
    const shown = timeline && zoom > 1 ? (() => {
      const total = timeline.end_ms - timeline.start_ms;
      return { from: start * total, to: (start + 1 / zoom) * total };
    })() : null;
    this.from.setAttribute('aria-valuetext', shown ? `${shown.from.toFixed(1)} to ${shown.to.toFixed(1)} ms` : 'the whole run');
    // In a sweep over a value, the caption names the value as well (only the menu had said it).
    const value = this.results.varied ? valueName(this.results, point) : null;
    this.chart.update(timeline, point.workers, shown, value);
  }

  render(results) {
    this.results = results;
    const options = results.points.map((p, i) => [String(i), results.varied ? valueName(results, p) : counted(p.workers, 'worker')]);
    const chosen = this.select.value;
    this.select.replaceChildren(...options.map(([value, text]) => new Option(text, value)));
    // Follow the sweep to its latest point unless the reader picked one.
    this.select.value = this.picked && options.some(([v]) => v === chosen) ? chosen : options.at(-1)[0];
    this.#draw();
  }

  #draw() {
    const point = this.#point();
    this.#drawChart();
    this.slowNote.textContent = tracedSlowerNote(point);
    this.slowNote.hidden = !this.slowNote.textContent;
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
