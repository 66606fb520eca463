// The laws widget: speedup against cores (1 to 1024) for serial fractions the reader sets, by
// Amdahl's law (with its ceiling 1/s marked) and, where asked, Gustafson's. A table below it
// carries the same numbers, so the canvas is never the only way to read them.
import { ChartPanel } from '../experiment/charts.js';
import { el, field, table, row, cell } from '../experiment/dom.js';
import { formatValue, parseFraction, typedText } from '../input.js';
import { amdahlSpeedup, gustafsonSpeedup, speedupText } from '../stats.js';

const CORES = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];
const COLOURS = ['#1f5fbf', '#b45309', '#0f766e'];
const IDEAL = '#8a94a3'; // the playground chart's ideal line
const LAWS = { amdahl: { name: 'Amdahl', f: amdahlSpeedup }, gustafson: { name: 'Gustafson', f: gustafsonSpeedup } };

export class LawsWidget {
  /** @param {HTMLElement} figure the author's `.widget` figure @param {string} prefix */
  constructor(figure, prefix) {
    this.laws = (figure.dataset.laws ?? 'amdahl').split(',').map((l) => l.trim()).filter((l) => LAWS[l]);
    this.initial = (figure.dataset.fractions ?? '0.05,0.25').split(',').map(Number).filter((s) => s >= 0 && s <= 1).slice(0, 3);
    const id = `${prefix}laws`;
    const controls = el('div', 'widget-controls');
    this.inputs = this.initial.map((s, i) => {
      const input = Object.assign(document.createElement('input'), { id: `${id}-s${i}`, type: 'text', inputMode: 'decimal', value: String(s), autocomplete: 'off' });
      input.dataset.label = `Serial fraction s${this.initial.length > 1 ? ` (curve ${i + 1})` : ''}`;
      const box = field(input, input.dataset.label, 'From 0 to 1, e.g. 0.05 (or 5%).', { error: true });
      box.classList.add(`curve-${i}`);
      // The curves follow every keystroke; a value is called wrong only once the reader leaves the
      // field or presses Enter: typing 10% had been told "(got 10)" on the way.
      // A message is about the value it quoted: once that is edited, the message goes (emptied,
      // the field had kept "(got 0,1)").
      input.addEventListener('input', () => {
        document.getElementById(`${input.id}-error`).textContent = '';
        input.setAttribute('aria-invalid', 'false');
        this.update();
      });
      input.addEventListener('change', () => this.update({ judge: true }));
      controls.append(box);
      return input;
    });
    const canvasBox = el('div', 'chart-box');
    const canvas = document.createElement('canvas');
    canvas.setAttribute('role', 'img');
    const description = el('p', 'help');
    description.id = `${id}-description`;
    canvas.setAttribute('aria-describedby', description.id);
    canvasBox.append(canvas);
    this.chart = new ChartPanel(canvas, description, 'Speedup against cores by ' + this.laws.map((l) => `${LAWS[l].name}'s law`).join(' and '));
    this.table = table(`${id}-table`, 'The same curves as numbers: speedup on each number of cores', ['Cores']);
    const caption = figure.querySelector('figcaption');
    figure.replaceChildren(controls, canvasBox, description, this.table.wrap, ...(caption ? [caption] : []));
    figure.classList.add('enhanced');
    this.update();
  }

  /** Draws the curves of the valid fractions; `judge`: also marks the invalid ones, with a message. */
  update({ judge = false } = {}) {
    const fractions = this.inputs.map((input) => {
      const s = parseFraction(input.value);
      const ok = Number.isFinite(s) && s >= 0 && s <= 1;
      const error = document.getElementById(`${input.id}-error`);
      const typed = input.value.trim();
      if (ok || judge) {
        error.textContent = ok ? '' : `${input.dataset.label}: enter a number from 0 to 1, or a percentage (got ${typed === '' ? 'nothing' : typedText(typed)}).`;
        input.setAttribute('aria-invalid', ok ? 'false' : 'true');
      }
      return ok ? s : null;
    });
    const curves = [];
    fractions.forEach((s, i) => {
      if (s == null) return;
      for (const law of this.laws) curves.push({ s, i, law, points: CORES.map((k) => ({ x: k, y: LAWS[law].f(s, k) })) });
    });
    this.#chart(curves, fractions);
    this.#table(curves);
  }

  #chart(curves, fractions) {
    // A log axis where a curve keeps rising (Gustafson's, or Amdahl's at a serial fraction near
    // 0, which reaches hundreds): on a linear one it would flatten the others.
    const log = this.laws.includes('gustafson') || fractions.some((s) => s != null && s < 0.01);
    const datasets = curves.map((c) => ({
      label: `${LAWS[c.law].name}, s = ${c.s}`, data: c.points, borderColor: COLOURS[c.i], backgroundColor: COLOURS[c.i],
      borderDash: c.law === 'gustafson' ? [6, 4] : [], showLine: true, pointRadius: 2, type: 'scatter',
    }));
    fractions.forEach((s, i) => {
      if (s > 0) datasets.push({ label: `Amdahl's ceiling 1/s = ${speedupText(1 / s)}`, data: [{ x: 1, y: 1 / s }, { x: 1024, y: 1 / s }],
        borderColor: COLOURS[i], borderDash: [2, 3], borderWidth: 1, pointRadius: 0, showLine: true, type: 'scatter' });
    });
    // On log axes the ideal line is what a Gustafson curve runs parallel to (the caption says so).
    if (log) {
      datasets.push({ label: 'Ideal (speedup = cores)', data: CORES.map((k) => ({ x: k, y: k })), borderColor: IDEAL,
        borderDash: [6, 4], borderWidth: 1, pointRadius: 0, showLine: true, type: 'scatter' });
    }
    const options = {
      animation: false, maintainAspectRatio: false,
      scales: {
        x: {
          type: 'logarithmic', min: 1, max: 1024, title: { display: true, text: 'Cores (log scale)' },
          // Ticks at the powers of two only: Chart.js's own log ticks (1-9, 10-90, ...) crowd the
          // left end, and it then skips labels until only 1 and 8 are left.
          afterBuildTicks: (axis) => { axis.ticks = CORES.map((value) => ({ value })); },
          ticks: { autoSkip: false, callback: (v) => String(v) },
        },
        y: {
          type: log ? 'logarithmic' : 'linear', min: log ? 1 : 0, title: { display: true, text: `Speedup${log ? ' (log scale)' : ''}` },
          // On a log axis, ticks at the powers of two as well: Chart.js's own put 700 against 1,000
          // and left the ceilings of 2× and 4× unlabelled.
          ...(log ? {
            afterBuildTicks: (axis) => { axis.ticks = CORES.filter((value) => value <= axis.max).map((value) => ({ value })); },
            ticks: { autoSkip: false, callback: (v) => formatValue(v) },
          } : {}),
        },
      },
      plugins: { legend: { position: 'bottom', labels: { boxWidth: 14 } } },
    };
    // A value just under its ceiling is said so: "5.0× on 1024 (ceiling 5.0×)" read as reaching it.
    const at1024 = (c) => {
      const y = c.points.at(-1).y;
      // A ceiling that one decimal misstates keeps two: "just under 1.0×" for s = 0.99, whose
      // ceiling is 1.01×.
      const exact = (v) => (v < 10 && Math.abs(Number(v.toFixed(1)) - v) >= 0.005 ? `${v.toFixed(2)}×` : speedupText(v));
      const [value, ceiling] = [speedupText(y), c.law === 'amdahl' && c.s > 0 ? exact(1 / c.s) : null];
      if (!ceiling) return `${value} on 1024`;
      // At s = 1 every count gives exactly the ceiling, 1×: not "just under" it (and not at
      // 0.999999, which has a little that runs in parallel).
      if (c.s === 1) return `${value} on 1024 too: with nothing parallel, every count of cores gives its ceiling`;
      return value === speedupText(1 / c.s) ? `just under ${ceiling} on 1024 (its ceiling)` : `${value} on 1024 (ceiling ${ceiling})`;
    };
    const words = curves.map((c) => `${LAWS[c.law].name} with s = ${c.s}: ${speedupText(c.points.find((p) => p.x === 16).y)} on 16 cores, ${at1024(c)}`);
    this.chart.draw({ type: 'scatter', data: { datasets }, options }, words.length ? `${words.join('; ')}.` : 'Enter a serial fraction from 0 to 1.');
  }

  #table(curves) {
    // "Amdahl, s = 0.2" breaks after its comma on a phone, not inside "s = 0.2".
    const headings = ['Cores', ...curves.map((c) => [`${LAWS[c.law].name}, `, el('span', 'nowrap', `s = ${c.s}`)])];
    const head = this.table.table.tHead;
    head.replaceChildren(head.insertRow());
    for (const parts of headings) {
      const th = Object.assign(el('th'), { scope: 'col' });
      th.append(...[parts].flat());
      head.rows[0].append(th);
    }
    // A value just under Amdahl's ceiling keeps a third decimal: "2.00×" at 512 cores for s = 0.5
    // sat beside "just under 2.0×".
    const shown = (c, y) => {
      const ceiling = c.law === 'amdahl' && c.s > 0 ? 1 / c.s : Infinity;
      return `${y < ceiling - 1e-9 && y.toFixed(2) === ceiling.toFixed(2) ? y.toFixed(3) : y.toFixed(2)}×`;
    };
    this.table.body.replaceChildren(...CORES.map((k, j) => row(String(k), curves.map((c) => cell(shown(c, c.points[j].y))))));
  }
}
