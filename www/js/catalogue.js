// The workload catalogue (pkg/catalogue.json, written by `corelab catalogue` from
// src/catalogue/), fetched once per page, and the chart library, loaded once per page.
const CATALOGUE = new URL('../pkg/catalogue.json', import.meta.url);
// Chart.js with its error-bar plugin and only the parts the pages draw (scripts/charts.mjs).
const CHARTS = new URL('../pkg/vendor/chartjs.js', import.meta.url);
const LOCALE_WORKER = new URL('./locale-worker.js', import.meta.url);

let catalogue = null;

/** The catalogue, or an Error with a sentence saying what to do. */
export function loadCatalogue() {
  catalogue ??= fetch(CATALOGUE).then(async (response) => {
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.json();
  }).catch((error) => {
    throw new Error(`Could not load the workload catalogue (pkg/catalogue.json: ${error.message}). Build with ./build.sh serve.`);
  });
  return catalogue;
}

let charts = null;
let chartModule = null;

/** Loads the chart library. The charts are an extra: every chart's numbers are also in a table,
 *  so a failure only logs. */
export function loadCharts() {
  charts ??= import(CHARTS.href).then((module) => {
    chartModule = module;
    // Axis text darker and a size larger than Chart.js's light grey 12 px, to read on a
    // projector: the page's muted ink on the charts' white ground (7:1).
    module.Chart.defaults.color = '#3d4654';
    module.Chart.defaults.font.size = 13;
  }, (error) => {
    console.warn(`could not load ${CHARTS.pathname} (${error.message}); tables still carry every number`);
  });
  return charts;
}

/** Chart.js's Chart class once loadCharts() has loaded it, else null. */
export function chartClass() {
  return chartModule?.Chart ?? null;
}

let numbers = null;

/** How long the page waits for the locale worker before going on without it. */
const LOCALE_WAIT_MS = 3000;

/** Readies number formatting without blocking the main thread. The first Intl use on a page (a
 *  toLocaleString, or Chart.js's axis labels) loads the browser's locale data: 30-75 ms measured
 *  here, a long task wherever it fell. That data is shared by the page's threads, so a worker
 *  (locale-worker.js) loads it while the page waits for its other files, and the main thread's
 *  first formatting is then cheap. If the worker cannot start or is slow, the page goes on and
 *  the main thread loads the data itself at its first use, as it would have anyway. */
export function loadNumberFormat() {
  numbers ??= new Promise((resolve) => {
    let worker = null;
    const done = () => {
      clearTimeout(timer);
      worker?.terminate();
      resolve();
    };
    const timer = setTimeout(done, LOCALE_WAIT_MS);
    try {
      worker = new Worker(LOCALE_WORKER, { name: 'corelab-locale' });
      worker.onmessage = done;
      worker.onerror = done;
    } catch {
      done();
    }
  });
  return numbers;
}

/** Which build of the kernels this page runs: the crate's version, the source revision and the
 *  wasm's id (the first 16 hex digits of its SHA-256), all written into the catalogue by the
 *  same build (`corelab catalogue --wasm`), so the page need not download the wasm to hash it.
 *  Results carry it, so comparisons across builds can be flagged. */
export async function buildInfo() {
  const { build = {} } = await loadCatalogue();
  return { ...build };
}

/** The URL of the kernels' glue (pkg/corelab.js) under its build's id: `/build/<id>/corelab.js`,
 *  which the server sends as immutable (see BUILD_PREFIX in src/server.rs), so each pool worker
 *  imports the glue, its snippets and the wasm from the browser's cache. Without an id (a
 *  catalogue not written by ./build.sh), pkg/corelab.js. */
export async function kernelsUrl() {
  const { wasm } = await buildInfo();
  return new URL(wasm ? `../build/${wasm}/corelab.js` : '../pkg/corelab.js', import.meta.url).href;
}
