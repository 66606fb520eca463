// The workload catalogue (pkg/catalogue.json, written by `corelab catalogue` from
// src/catalogue/), fetched once per page, and the chart scripts, loaded once per page.

const CATALOGUE = new URL('../pkg/catalogue.json', import.meta.url);
const VENDOR = ['chart.umd.min.js', 'chartjs-chart-error-bars.umd.min.js'].map((name) => new URL(`../pkg/vendor/${name}`, import.meta.url));

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

/** Loads Chart.js and its error-bar plugin (classic scripts defining globals), in order. The
 *  charts are an extra: every chart's numbers are also in a table, so a failure only logs. */
export function loadCharts() {
  charts ??= VENDOR.reduce((previous, url) => previous.then(() => new Promise((resolve) => {
    const script = Object.assign(document.createElement('script'), { src: url.href });
    script.onload = resolve;
    script.onerror = () => {
      console.warn(`could not load ${url.pathname}; tables still carry every number`);
      resolve();
    };
    document.head.append(script);
  })), Promise.resolve());
  return charts;
}

const WASM = new URL('../pkg/corelab_bg.wasm', import.meta.url);
let build = null;

/** Which build of the kernels this page runs: the crate's version and source revision (from the
 *  catalogue, written by the same build) and the SHA-256 of the wasm itself (its first 16 hex
 *  digits; absent where the browser offers no digest, outside a secure context). Results carry
 *  it, so comparisons across builds can be flagged. */
export function buildInfo() {
  build ??= (async () => {
    const { build: declared = {} } = await loadCatalogue();
    try {
      const bytes = await (await fetch(WASM)).arrayBuffer();
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
      return { ...declared, wasm: [...digest.slice(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('') };
    } catch {
      return { ...declared };
    }
  })();
  return build;
}
