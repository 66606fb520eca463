// The page: reads the catalogue, builds the form, runs sweeps through compute workers and shows
// the results. `document.body.dataset.state` (loading, idle, running, done, cancelled, failed,
// unavailable) is the signal the browser tests and the headless runner wait on.
import { describeEnvironment, renderEnvironment } from './environment.js';
import { ExperimentForm } from './form.js';
import { exportDocument, SweepResults } from './results.js';
import { speedups } from './stats.js';
import { SpeedupChart } from './speedup-chart.js';
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
const chart = new SpeedupChart($('#speedup-chart'), $('#chart-description'));

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
  const current = new SweepResults(request);
  const total = request.workers.length * (request.repeats + request.warmup);
  ui.progress.max = total;
  ui.progress.value = 0;
  ui.progress.hidden = false;
  sweep = new Sweep(request, {
    onProgress(k, index, phase, done, of) {
      const words = { pool: `starting ${k} thread${k === 1 ? '' : 's'}`, prepare: 'preparing the input', warmup: 'warm-up run (not counted)', repeat: `repeat ${done + 1} of ${of}`, verify: 'checking the result' }[phase];
      ui.status.textContent = `${workload.title}: ${k} worker${k === 1 ? '' : 's'} (${index + 1} of ${request.workers.length}), ${words}…`;
      const before = index * (request.repeats + request.warmup);
      ui.progress.value = before + (phase === 'warmup' ? done : phase === 'repeat' ? request.warmup + done : phase === 'verify' ? request.warmup + request.repeats : 0);
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
    ui.status.textContent = `Done: ${workload.title}, ${request.workers.length} worker count${request.workers.length === 1 ? '' : 's'}, ${request.repeats} repeat${request.repeats === 1 ? '' : 's'} each.`;
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

function render(current) {
  const derived = speedups(current.points);
  ui.tbody.replaceChildren(
    ...current.points.map((p, i) => {
      const tr = document.createElement('tr');
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = String(p.workers);
      const { speedup, efficiency } = derived[i];
      const verified = cell(p.verified ? '✓ verified' : '✗ failed', p.verified ? 'ok' : 'fail');
      verified.title = p.check?.detail ?? '';
      tr.append(
        th,
        cell(p.median_ms.toFixed(1)),
        cell(`${p.min_ms.toFixed(1)}–${p.max_ms.toFixed(1)}`),
        cell(speedup == null ? '—' : `${speedup.toFixed(2)}×`),
        cell(efficiency == null ? '—' : `${(efficiency * 100).toFixed(0)}%`),
        verified,
      );
      return tr;
    }),
  );
  const fit = current.fit;
  ui.fit.textContent = fit
    ? `Fitted serial fraction s = ${fit.serial_fraction.toFixed(3)} (Amdahl's law, least squares over ${fit.points} worker counts): at most ${Number.isFinite(fit.max_speedup) ? fit.max_speedup.toFixed(1) + '×' : 'unlimited'} speedup on any number of workers.`
    : 'The Amdahl fit needs at least two worker counts.';
  chart.update(current, derived);
  renderDetails(current);
}

function renderDetails(current) {
  const first = current.points[0];
  const items = [
    `Result: ${first.summary}.`,
    `Check: ${first.check?.detail ?? 'none'}.`,
    current.points.every((p) => p.identical)
      ? `Identical result at every worker count (digest ${first.digest}).`
      : `Results differ between worker counts: ${current.points.map((p) => `${p.workers}: ${p.digest}`).join(', ')}.`,
    ...current.points.map(
      (p) => `${p.workers} worker${p.workers === 1 ? '' : 's'}: wasm instantiation ${p.instantiate_ms.toFixed(1)} ms, pool start ${p.pool_start_ms.toFixed(1)} ms, input preparation ${p.prepare_ms.toFixed(1)} ms, warm-up run ${p.warmup_ms.map((t) => t.toFixed(1)).join(', ')} ms (not counted).`,
    ),
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
