// The page: reads the catalogue, builds the form, runs sweeps through compute workers and shows
// the results. `document.body.dataset.state` (loading, idle, running, done, cancelled, failed,
// unavailable) is the signal the browser tests and the headless runner wait on.
import { describeEnvironment, renderEnvironment } from './environment.js';
import { ExperimentForm } from './form.js';
import { KarpFlattChart, SpeedupChart, TimelineChart, timelineRows } from './charts.js';
import { exportDocument, SweepResults } from './results.js';
import { AUTO, fixedOrDash as fmt } from './stats.js';
import { PointFailed, Sweep, SweepCancelled } from './sweep.js';

const $ = (selector) => document.querySelector(selector);
const ui = {
  form: $('#controls'),
  run: $('#run'),
  cancel: $('#cancel'),
  exportButton: $('#export'),
  status: $('#status'),
  progress: $('#progress'),
  error: $('#error'),
  empty: $('#results-empty'),
  body: $('#results-body'),
  tbody: $('#results-table tbody'),
  fit: $('#fit'),
  timerNote: $('#timer-note'),
  speedupTitle: $('#speedup-title'),
  speedupHeading: $('#speedup-heading'),
  karpFlatt: $('#karp-flatt'),
  karpFlattWeak: $('#karp-flatt-weak'),
  timelineSelect: $('#timeline-workers'),
  timelineBody: $('#timeline-table tbody'),
  overheadsBody: $('#overheads-table tbody'),
  details: $('#details-body'),
  imageFigure: $('#image-figure'),
  image: $('#result-image'),
  imageCaption: $('#image-caption'),
};

const environment = describeEnvironment();
const query = new URLSearchParams(location.search);
// ?fault=panic or ?fault=oom makes the first run fail on purpose inside the thread pool, to show
// (and test) that the page reports a kernel fault and recovers. Later runs are normal.
let pendingFault = query.get('fault');
let form = null;
let sweep = null; // the Sweep in flight
let results = null; // SweepResults on screen
const speedupChart = new SpeedupChart($('#speedup-chart'), $('#chart-description'), 'Speedup against workers');
const karpFlattChart = new KarpFlattChart($('#karp-flatt-chart'), $('#karp-flatt-description'), 'Karp-Flatt serial fraction against workers');
const timelineChart = new TimelineChart($('#timeline-chart'), $('#timeline-description'), 'Timeline of one run');

function setState(state) {
  document.body.dataset.state = state;
  const running = state === 'running';
  ui.run.disabled = running || state === 'unavailable' || state === 'loading';
  ui.cancel.disabled = !running;
  ui.exportButton.disabled = !results || results.points.length === 0;
  form?.setRunning(running);
}

function showError(message) {
  ui.error.textContent = message;
  ui.error.hidden = !message;
}

// The fallback for static hosts that cannot send COOP/COEP: coi-serviceworker adds them from
// a service worker. It must run on every load until its worker controls the page (it reloads
// once then), so the user's opt-in is remembered.
const COI_OPT_IN = 'corelab-coi-serviceworker';

function loadCoiServiceWorker(detail) {
  detail.textContent = 'Installing the service worker; the page will reload…';
  const script = document.createElement('script');
  script.src = 'coi-serviceworker.min.js';
  script.onerror = () => (detail.textContent = 'The service worker script is missing: build with ./build.sh first.');
  document.head.append(script);
}

function explainIsolation() {
  $('#isolation').hidden = false;
  const detail = $('#isolation-detail');
  const button = $('#enable-isolation');
  if (!('serviceWorker' in navigator) || !isSecureContext) {
    button.disabled = true;
    detail.textContent = 'Service workers need a secure context (https or localhost), which this page is not.';
    return;
  }
  button.addEventListener('click', () => {
    localStorage.setItem(COI_OPT_IN, '1');
    loadCoiServiceWorker(detail);
  });
  if (localStorage.getItem(COI_OPT_IN)) {
    if (navigator.serviceWorker.controller) {
      detail.textContent = 'The isolation service worker is active, but this browser still does not isolate the page.';
    } else {
      loadCoiServiceWorker(detail);
    }
  }
}

async function boot() {
  renderEnvironment($('#environment-list'), environment);
  if (!environment.crossOriginIsolated) {
    explainIsolation();
    setState('unavailable');
    ui.status.textContent = 'Threads are unavailable: this page is not cross-origin isolated (see above).';
    return;
  }
  if (!environment.wasmSimd) {
    showError('This browser does not support WebAssembly SIMD, which corelab\'s kernels are compiled with. ' +
      'Use a current Chrome, Edge, Firefox or Safari (16.4 or later).');
    setState('unavailable');
    ui.status.textContent = 'The kernels cannot run in this browser (no WebAssembly SIMD).';
    return;
  }
  let catalogue;
  try {
    const response = await fetch('pkg/catalogue.json');
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    catalogue = await response.json();
  } catch (error) {
    showError(`Could not load the workload catalogue (pkg/catalogue.json: ${error.message}). Build with ./build.sh serve.`);
    setState('unavailable');
    return;
  }
  form = new ExperimentForm(ui.form, catalogue, environment.hardwareConcurrency);
  form.prefill(query);
  ui.form.addEventListener('submit', (event) => {
    event.preventDefault();
    start();
  });
  ui.cancel.addEventListener('click', () => sweep?.cancel());
  ui.exportButton.addEventListener('click', download);
  ui.timelineSelect.addEventListener('change', () => {
    ui.timelineSelect.dataset.picked = '1';
    if (results) renderTimeline(results);
  });
  setState('idle');
}

async function start() {
  if (sweep) return;
  const { request, errors } = form.read();
  if (errors) {
    ui.status.textContent = `Nothing was run: ${errors.length === 1 ? 'one field needs' : `${errors.length} fields need`} fixing.`;
    errors[0].input.focus();
    return;
  }
  showError('');
  if (pendingFault) {
    request.inject = pendingFault;
    pendingFault = null;
  }
  const workload = form.workload;
  const current = new SweepResults(request, environment.timerResolution_ms);
  const auto = request.repeatMode === 'auto';
  const perPoint = auto ? 100 : request.repeats + request.warmup + 1;
  ui.progress.max = request.workers.length * perPoint;
  ui.progress.value = 0;
  ui.progress.hidden = false;
  sweep = new Sweep(request, {
    onProgress(k, index, { phase, done, of, precision, elapsedMs, budgetMs }) {
      const words = {
        pool: `starting ${k} thread${k === 1 ? '' : 's'}`,
        prepare: 'preparing the input',
        warmup: 'warm-up run (not counted)',
        repeat: `repeat ${done + 1} of ${of}`,
        auto: `run ${done + 1}` + (precision == null ? '' : `, median known to ±${(precision * 100).toFixed(1)}% (target ±${AUTO.target * 100}%)`) +
          `, ${(elapsedMs / 1000).toFixed(0)} of ${(budgetMs / 1000).toFixed(0)} s budget`,
        verify: 'checking the result',
        overhead: 'measuring the dispatch cost',
        timeline: 'recording the timeline (not counted)',
      }[phase];
      ui.status.textContent = `${workload.title}: ${k} worker${k === 1 ? '' : 's'} (${index + 1} of ${request.workers.length}), ${words}…`;
      const within = auto
        ? { pool: 0, prepare: 0, warmup: 2, auto: Math.min(95, 5 + (90 * elapsedMs) / budgetMs), verify: 96, overhead: 97, timeline: 98 }[phase]
        : { pool: 0, prepare: 0, warmup: done, repeat: request.warmup + done, verify: perPoint - 1, overhead: perPoint - 1, timeline: perPoint - 1 }[phase];
      ui.progress.value = index * perPoint + (within ?? 0);
    },
    onPoint(point, image) {
      if (current.points.length === 0) showResults(current);
      current.add(point);
      render(current);
      if (image) showImage(image, workload);
    },
  });
  setState('running');
  try {
    await sweep.run();
    const counts = current.points.map((p) => p.samples_ms.length);
    const runs = auto ? `${Math.min(...counts)}–${Math.max(...counts)} timed runs each (Auto)` : `${request.repeats} repeat${request.repeats === 1 ? '' : 's'} each`;
    ui.status.textContent = `Done: ${workload.title}, ${request.workers.length} worker count${request.workers.length === 1 ? '' : 's'}, ${runs}.`;
    finish('done');
  } catch (error) {
    if (error instanceof SweepCancelled) {
      ui.status.textContent = `Cancelled. ${current.points.length} of ${request.workers.length} worker counts were measured.`;
      finish('cancelled');
    } else {
      showError(error instanceof PointFailed ? error.message : `Unexpected error: ${error.message ?? error}`);
      ui.status.textContent = 'The sweep stopped with an error; the page is ready for another run.';
      finish('failed');
    }
  }
}

function finish(state) {
  sweep = null;
  ui.progress.hidden = true;
  setState(state);
}

function showResults(current) {
  results = current;
  delete ui.timelineSelect.dataset.picked;
  ui.empty.hidden = true;
  ui.body.hidden = false;
  ui.imageFigure.hidden = true;
}

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function row(header, cells) {
  const tr = document.createElement('tr');
  const th = document.createElement('th');
  th.scope = 'row';
  th.textContent = header;
  tr.append(th, ...cells);
  return tr;
}

function render(current) {
  const derived = current.derived;
  const weak = current.scaling === 'weak';
  ui.speedupTitle.textContent = weak ? 'Scaled speedup against workers (weak scaling).' : 'Speedup against workers.';
  ui.speedupHeading.textContent = weak ? 'Scaled speedup' : 'Speedup';
  ui.tbody.replaceChildren(
    ...current.points.map((p, i) => {
      const { speedup, low, high, efficiency, karp_flatt: e } = derived[i];
      const verified = cell(p.verified ? '✓ verified' : '✗ failed', p.verified ? 'ok' : 'fail');
      verified.title = p.check?.detail ?? '';
      const samples = cell(String(p.samples_ms.length) + (p.stopped_by === 'budget' ? ' (budget)' : ''));
      if (p.stopped_by === 'budget') samples.title = 'Auto ran out of time before the interval reached ±3%.';
      const interval = cell(`${p.ci_low_ms.toFixed(1)}–${p.ci_high_ms.toFixed(1)}${p.ci_level < 0.95 ? ` (${(p.ci_level * 100).toFixed(0)}%)` : ''}`);
      if (p.ci_level < 0.95) interval.title = `Only ${p.samples_ms.length} samples: min to max covers the median with ${(p.ci_level * 100).toFixed(1)}% confidence. Six or more give 95%.`;
      return row(String(p.workers), [
        cell(p.median_ms.toFixed(1) + (p.timer_coarse ? ' *' : '')),
        interval,
        samples,
        cell(speedup == null ? '—' : `${speedup.toFixed(2)}× (${fmt(low, 2)}–${fmt(high, 2)})`),
        cell(efficiency == null ? '—' : `${(efficiency * 100).toFixed(0)}%`),
        cell(fmt(e, 3)),
        verified,
      ]);
    }),
  );
  const coarse = current.points.some((p) => p.timer_coarse);
  ui.timerNote.hidden = !coarse;
  ui.timerNote.textContent = coarse
    ? `* The timer here ticks in steps of ${(current.timerResolutionMs * 1000).toFixed(0)} µs, coarse next to these run times: ` +
      'treat the marked medians with care, or make the problem bigger.'
    : '';
  const fit = current.fit;
  const range = fit?.serial_fraction_low != null ? ` (95% range ${fit.serial_fraction_low.toFixed(3)}–${fit.serial_fraction_high.toFixed(3)}, by bootstrap)` : '';
  if (!fit) {
    ui.fit.textContent = weak ? "Gustafson's fit needs a 1-worker run and one more worker count." : 'The Amdahl fit needs at least two worker counts.';
  } else if (weak) {
    ui.fit.textContent = `Gustafson's law, fitted: serial fraction s = ${fit.serial_fraction.toFixed(3)}${range}. ` +
      `Scaled speedup grows as s + (1 − s)·k: on ${Math.max(...current.requested) * 4} workers, about ${(fit.serial_fraction + (1 - fit.serial_fraction) * Math.max(...current.requested) * 4).toFixed(1)}×.`;
  } else {
    ui.fit.textContent = `Amdahl's law, fitted: serial fraction s = ${fit.serial_fraction.toFixed(3)}${range}, by least squares over ${fit.points} worker counts: ` +
      `at most ${Number.isFinite(fit.max_speedup) ? fit.max_speedup.toFixed(1) + '×' : 'unlimited'} speedup on any number of workers.`;
  }
  speedupChart.update(current);
  ui.karpFlatt.hidden = weak;
  ui.karpFlattWeak.hidden = !weak;
  if (!weak) karpFlattChart.update(current);
  renderOverheads(current);
  const options = current.points.map((p) => String(p.workers));
  const chosen = ui.timelineSelect.value;
  ui.timelineSelect.replaceChildren(...options.map((k) => new Option(`${k} worker${k === '1' ? '' : 's'}`, k)));
  // Follow the sweep to its largest k unless the user picked one.
  ui.timelineSelect.value = ui.timelineSelect.dataset.picked && options.includes(chosen) ? chosen : options.at(-1);
  renderTimeline(current);
  renderDetails(current);
}

function renderTimeline(current) {
  const point = current.points.find((p) => String(p.workers) === ui.timelineSelect.value) ?? current.points.at(-1);
  timelineChart.update(point.timeline, point.workers);
  if (!point.timeline) return ui.timelineBody.replaceChildren();
  const total = point.timeline.end_ms - point.timeline.start_ms;
  ui.timelineBody.replaceChildren(
    ...timelineRows(point.timeline).map((r) => row(r.label, [
      cell(r.tasks.toLocaleString('en-US')),
      cell(r.busy_ms.toFixed(1)),
      cell(`${((100 * r.busy_ms) / total).toFixed(0)}%`),
      cell(r.finished_ms.toFixed(1)),
    ])),
  );
}

function renderOverheads(current) {
  ui.overheadsBody.replaceChildren(
    ...current.points.map((p) => row(String(p.workers), [
      cell(fmt(p.instantiate_ms, 1)),
      cell(fmt(p.pool_start_ms, 1)),
      cell(fmt(p.prepare_ms, 1)),
      cell(fmt(p.dispatch_us, 1)),
      cell(p.median_ms.toFixed(1)),
    ])),
  );
}

function renderDetails(current) {
  const first = current.points[0];
  const items = [
    `Result: ${first.summary}.`,
    `Check: ${first.check?.detail ?? 'none'}.`,
    current.scaling === 'weak'
      ? 'Weak scaling: each worker count solves a bigger problem, so the results differ by design; each is checked on its own.'
      : current.points.every((p) => p.identical)
        ? `Identical result at every worker count (digest ${first.digest}).`
        : `Results differ between worker counts: ${current.points.map((p) => `${p.workers}: ${p.digest}`).join(', ')}.`,
    ...current.points.map((p) => {
      const size = current.scaling === 'weak'
        ? ` Problem: ${Object.entries(p.params).map(([name, value]) => `${name} = ${typeof value === 'number' ? value.toLocaleString('en-US') : value}`).join(', ')} (work × ${p.work_factor.toFixed(2)}); result: ${p.summary}.`
        : '';
      return `${p.workers} worker${p.workers === 1 ? '' : 's'}: warm-up run ${p.warmup_ms.map((t) => t.toFixed(1)).join(', ')} ms (not counted); ` +
        `${p.samples_ms.length} timed runs: ${p.samples_ms.map((t) => t.toFixed(1)).join(', ')} ms.${size}`;
    }),
  ];
  const list = document.createElement('ul');
  list.append(...items.map((text) => Object.assign(document.createElement('li'), { textContent: text })));
  ui.details.replaceChildren(list);
}

function showImage({ width, height, rgba }, workload) {
  ui.image.width = width;
  ui.image.height = height;
  ui.image.getContext('2d').putImageData(new ImageData(new Uint8ClampedArray(rgba.buffer, rgba.byteOffset, rgba.byteLength), width, height), 0, 0);
  ui.image.setAttribute('role', 'img');
  ui.image.setAttribute('aria-label', `${workload.title}, ${width} by ${height} pixels, as computed by the last run.`);
  ui.imageCaption.textContent = `${workload.title}: the image computed by the last run (${width} × ${height}).`;
  ui.imageFigure.hidden = false;
}

function download() {
  if (!results) return;
  const doc = exportDocument(environment, [results]);
  const blob = new Blob([JSON.stringify(doc, null, 2) + '\n'], { type: 'application/json' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = `corelab-${results.workload}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 0);
}

boot().catch((error) => {
  showError(`The page failed to start: ${error.message ?? error}`);
  setState('failed');
});
