// The speedup chart: measured speedup against workers, the ideal line, and Amdahl's curve for
// the fitted serial fraction. Drawn with Chart.js (served from pkg/vendor, loaded as a classic
// script that defines the global `Chart`). The canvas is described in words for screen readers;
// the Results table holds the same numbers.
import { amdahlSpeedup } from './stats.js';

const COLOURS = { measured: '#1f5fbf', ideal: '#8a94a3', amdahl: '#d97706' };

export class SpeedupChart {
  constructor(canvas, description) {
    this.canvas = canvas;
    this.description = description;
    this.chart = null;
  }

  /** Redraws from a SweepResults (points may still be arriving). */
  update(sweep, derived) {
    const points = sweep.points.map((p, i) => ({ x: p.workers, y: derived[i].speedup })).filter((p) => p.y != null);
    const fit = sweep.fit;
    const maxK = Math.max(2, ...sweep.requested);
    const curve = [];
    if (fit) for (let k = 1; k <= maxK + 1e-9; k += maxK / 100) curve.push({ x: k, y: amdahlSpeedup(fit.serial_fraction, k) });
    const datasets = [
      { label: 'Measured', data: points, borderColor: COLOURS.measured, backgroundColor: COLOURS.measured, pointRadius: 5, showLine: true },
      { label: 'Ideal (speedup = workers)', data: [{ x: 1, y: 1 }, { x: maxK, y: maxK }], borderColor: COLOURS.ideal, borderDash: [6, 4], pointRadius: 0, showLine: true },
      {
        label: fit ? `Amdahl, s = ${fit.serial_fraction.toFixed(3)}` : 'Amdahl (needs two worker counts)',
        data: curve, borderColor: COLOURS.amdahl, pointRadius: 0, showLine: true, borderWidth: 2,
      },
    ];
    this.#describe(points, fit, sweep);
    if (typeof Chart !== 'function') return; // the table and the description still carry the data
    if (!this.chart) {
      this.chart = new Chart(this.canvas, {
        type: 'scatter',
        data: { datasets },
        options: {
          animation: false,
          maintainAspectRatio: false,
          scales: {
            x: { type: 'linear', min: 1, max: maxK, title: { display: true, text: 'Workers' }, ticks: { stepSize: 1 } },
            y: { min: 0, suggestedMax: maxK, title: { display: true, text: 'Speedup (× 1 worker)' } },
          },
          plugins: { legend: { position: 'bottom' } },
        },
      });
    } else {
      this.chart.data.datasets = datasets;
      this.chart.options.scales.x.max = maxK;
      this.chart.options.scales.y.suggestedMax = maxK;
      this.chart.update();
    }
  }

  #describe(points, fit, sweep) {
    const measured = points.map((p) => `${p.y.toFixed(2)}× at ${p.x}`).join(', ');
    const text = points.length
      ? `Measured speedup: ${measured}. The ideal line is speedup equal to workers.` +
        (fit ? ` Amdahl's law with the fitted serial fraction ${fit.serial_fraction.toFixed(3)} predicts at most ${Number.isFinite(fit.max_speedup) ? fit.max_speedup.toFixed(1) + '×' : 'unlimited speedup'}.` : '')
      : sweep.points.length
        ? 'Speedup needs a 1-worker run: add 1 to Workers.'
        : 'Waiting for the first measurement.';
    this.description.textContent = text;
    this.canvas.setAttribute('aria-label', `Chart of speedup against workers. ${text}`);
  }
}
