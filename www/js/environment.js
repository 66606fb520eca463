// What the page knows about the device it runs on, shown in the environment panel and written
// into every export so results from different devices can be told apart.

/** The smallest step performance.now() takes here, in ms (5 us isolated, 100 us not, in Chromium).
 *  It watches the clock tick TICKS times (a fraction of a ms at 5 µs, 10 ms at 100 µs) or for
 *  WATCH_MS at most: a coarse clock's steps are all alike, so a few show its size. Reading the
 *  clock a fixed 200,000 times instead took 100-200 ms, the page's longest task at load. */
const TICKS = 100;
const WATCH_MS = 20;

export function timerResolutionMs() {
  let smallest = Infinity;
  const start = performance.now();
  let previous = start;
  let ticks = 0;
  // The iteration cap only guards against a clock that never moves.
  for (let i = 0; i < 200000 && ticks < TICKS && smallest > 0.001; i++) {
    const now = performance.now();
    if (now > previous) {
      smallest = Math.min(smallest, now - previous);
      previous = now;
      ticks++;
      if (now - start > WATCH_MS) break;
    }
  }
  return Number(smallest.toFixed(4));
}

/** The facts known at once. What the kernels need of the browser is checked apart, and takes a
 *  moment: see `checkCapabilities`, which adds `wasmThreads` and `wasmSimd`. */
export function describeEnvironment() {
  return {
    runtime: 'wasm',
    userAgent: navigator.userAgent,
    hardwareConcurrency: navigator.hardwareConcurrency ?? 1,
    crossOriginIsolated: self.crossOriginIsolated === true,
    sharedArrayBuffer: typeof SharedArrayBuffer === 'function',
    ...timer(),
  };
}

// wasm-feature-detect (npm, pinned in package.json), copied into pkg/vendor/ by the build.
const DETECTOR = new URL('../pkg/vendor/wasm-feature-detect.js', import.meta.url);
const PROBE_WORKER = new URL('./memory-probe-worker.js', import.meta.url);
/** What the probe worker writes into the shared memory (see memory-probe-worker.js). */
const PROBE_MARK = 0x636c6162;
/** A probe worker that neither answers nor fails in this long is taken as failed. */
const PROBE_WAIT_MS = 30_000;

let capabilities = null;

/**
 * Checks, once per page, each thing the kernels need of the browser, rather than inferring them
 * from `crossOriginIsolated`, and records the outcome in `env` (`wasmThreads`, `wasmSimd`). Every
 * check is small and asynchronous: no long task at load.
 *  - sharedArrayBuffer: the global exists (browsers offer it only to isolated pages);
 *  - sharedWasmMemory: `new WebAssembly.Memory({ shared: true })` works and its buffer is shared;
 *  - postMemory: that memory can be posted to a worker, and what the worker writes into it is
 *    seen here (WebKitGTK 2.50 fails there: "The object can not be cloned");
 *  - wasmThreads: wasm-feature-detect's `threads()`: atomic instructions on shared memory validate;
 *  - wasmSimd: wasm-feature-detect's `simd()`: the kernels are compiled with SIMD.
 * Resolves with those booleans and, for a failed check, `errors[check]` in words.
 */
export function checkCapabilities(env) {
  capabilities ??= detect();
  return Promise.all([capabilities, browserDetails(env)]).then(([found]) => {
    env.wasmThreads = found.sharedArrayBuffer && found.sharedWasmMemory && found.postMemory && found.wasmThreads;
    env.wasmSimd = found.wasmSimd;
    return found;
  });
}

/** The brands a browser lists only to keep sites from parsing the list (GREASE). */
const NOT_A_BRAND = /not.?a.?brand/i;

/**
 * What the user agent string no longer says, where the browser offers it (Chromium's User-Agent
 * Client Hints; nothing elsewhere): the exact browser build (`browserVersion`, as the headless
 * runner records it), the system's version, the processor architecture, a phone's model, and
 * the memory (`deviceMemory`, GB, rounded by the browser). Chromium's user agent says
 * "Chrome/156.0.0.0" on every build, and two phones of one brand read alike without the model
 * (an engineer could not tell devices apart). Added to `env`; never fails.
 */
async function browserDetails(env) {
  try {
    const hints = await navigator.userAgentData?.getHighEntropyValues(['fullVersionList', 'platformVersion', 'architecture', 'bitness', 'model']);
    if (hints) {
      const brands = (hints.fullVersionList ?? []).filter((b) => !NOT_A_BRAND.test(b.brand));
      // The product before the engine it is built on: "Google Chrome" or "Microsoft Edge", else "Chromium".
      const brand = brands.find((b) => b.brand !== 'Chromium') ?? brands[0];
      if (brand) env.browserVersion = `${brand.brand} ${brand.version}`;
      if (hints.platform) env.platform = `${hints.platform}${hints.platformVersion ? ` ${hints.platformVersion}` : ''}`;
      if (hints.architecture) env.architecture = `${hints.architecture}${hints.bitness ? `, ${hints.bitness}-bit` : ''}`;
      if (hints.model) env.model = hints.model;
    }
  } catch {
    // Refused (a permissions policy) or not offered: the user agent string is what there is.
  }
  if (typeof navigator.deviceMemory === 'number') env.deviceMemory = navigator.deviceMemory;
}

async function detect() {
  const errors = {};
  const sharedArrayBuffer = typeof SharedArrayBuffer === 'function';
  let memory = null;
  try {
    const made = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    if (Object.prototype.toString.call(made.buffer) !== '[object SharedArrayBuffer]') throw new Error('its buffer is not a SharedArrayBuffer');
    memory = made;
  } catch (error) {
    errors.sharedWasmMemory = error?.message ?? String(error);
  }
  const [posted, features] = await Promise.all([
    memory ? postToWorker(memory) : { ok: false },
    import(DETECTOR.href).then(
      async ({ simd, threads }) => ({ wasmThreads: await threads(), wasmSimd: await simd() }),
      (error) => ({ error: `${DETECTOR.pathname} did not load (${error?.message ?? error})` }),
    ),
  ]);
  if (!posted.ok && memory) errors.postMemory = posted.error;
  if (features.error) errors.detector = features.error;
  return {
    sharedArrayBuffer, sharedWasmMemory: memory !== null, postMemory: posted.ok,
    wasmThreads: features.wasmThreads === true, wasmSimd: features.wasmSimd === true, errors,
  };
}

/** Posts `memory` to a fresh worker, which writes PROBE_MARK into it: { ok } when the page then
 *  reads the mark from its own view (the memory is shared, not copied), else { ok: false, error }. */
function postToWorker(memory) {
  return new Promise((resolve) => {
    let worker = null;
    let deadline = null;
    const done = (result) => {
      clearTimeout(deadline);
      worker?.terminate();
      resolve(result);
    };
    deadline = setTimeout(() => done({ ok: false, error: `the worker did not answer within ${PROBE_WAIT_MS / 1000} s` }), PROBE_WAIT_MS);
    try {
      worker = new Worker(PROBE_WORKER, { type: 'module', name: 'corelab-memory-probe' });
      worker.onmessage = ({ data }) => {
        if (!data?.ok) done({ ok: false, error: data?.error ?? 'the worker could not use it' });
        else if (Atomics.load(new Int32Array(memory.buffer), 0) !== PROBE_MARK) done({ ok: false, error: 'what the worker wrote did not reach the page: the memory was copied, not shared' });
        else done({ ok: true });
      };
      worker.onerror = () => done({ ok: false, error: 'the probe worker did not start' });
      worker.postMessage({ memory, mark: PROBE_MARK });
    } catch (error) {
      done({ ok: false, error: error?.message ?? String(error) });
    }
  });
}

/** A timer step of 0.1 ms or more is coarse: Chromium gives 5 µs when isolated, 100 µs not. */
export const COARSE_TIMER_MS = 0.1;

function timer() {
  const resolution = timerResolutionMs();
  return { timerResolution_ms: resolution, timerCoarse: resolution >= COARSE_TIMER_MS };
}

/** Fills the device panel; `found` is what `checkCapabilities` resolved with (absent while the
 *  checks run). */
export function renderEnvironment(list, env, found = null) {
  const checked = (ok, missing) => (found ? (ok ? 'available' : `unavailable: ${missing}`) : 'checking…');
  const rows = [
    ['Cross-origin isolated', env.crossOriginIsolated ? 'yes' : 'no: threads unavailable'],
    ['Logical cores (hardwareConcurrency)', String(env.hardwareConcurrency)],
    ['Timer resolution', `${Math.round(env.timerResolution_ms * 1000)} µs${env.timerCoarse ? ' (coarse: short runs are measured poorly)' : ''}`],
    ['SharedArrayBuffer', env.sharedArrayBuffer ? 'available' : 'unavailable'],
    ['WebAssembly threads', checked(env.wasmThreads, found && threadsMissing(found))],
    ['WebAssembly SIMD', checked(env.wasmSimd, 'the kernels cannot run')],
    ...(env.browserVersion ? [['Browser', env.browserVersion]] : []),
    ...(env.platform ? [['System', [env.platform, env.architecture, env.model].filter(Boolean).join(', ')]] : []),
    ...(env.deviceMemory ? [['Memory', `${env.deviceMemory} GB, as the browser reports it (rounded down, and capped)`]] : []),
    ['User agent', env.userAgent],
  ];
  list.replaceChildren(
    ...rows.flatMap(([term, value]) => {
      const dt = document.createElement('dt');
      const dd = document.createElement('dd');
      dt.textContent = term;
      dd.textContent = value;
      return [dt, dd];
    }),
  );
}

/** Which piece of WebAssembly threads is missing, in a few words (for the device panel). */
function threadsMissing(found) {
  if (!found.sharedArrayBuffer) return 'no SharedArrayBuffer';
  if (!found.sharedWasmMemory) return 'shared WebAssembly memory cannot be created';
  if (!found.postMemory) return 'shared WebAssembly memory cannot be sent to a worker';
  if (found.errors.detector) return 'could not be checked';
  return 'no atomic instructions';
}

const CURRENT_BROWSERS = 'Use a current Chrome, Edge, Firefox or Safari.';

/** Whether `userAgent` is a WebKit browser: Safari, any browser on an iPhone or iPad (all are
 *  WebKit there), GNOME Web. Not Chrome or Edge, whose user agents name AppleWebKit too. */
export function isWebKit(userAgent) {
  return /AppleWebKit/.test(userAgent) && (!/Chrome|Chromium|Edg\//.test(userAgent) || /iPhone|iPad|iPod/.test(userAgent));
}

/** A note on the core count a WebKit browser reports, or '': it is clamped (to 4 or 8, whatever
 *  the chip), and WebKitGTK reported 4 on a 2-core machine, so its "1 to 4" swept past the cores. */
export function coresCaveat(userAgent) {
  return isWebKit(userAgent) ? ' Safari and other WebKit browsers report 4 or 8 whatever the device has, so its real count may differ.' : '';
}

/**
 * Why the kernels cannot run here, or null when they can: { cause, short, detail } in words a
 * reader can act on. `found` is what `checkCapabilities` resolved with. Checked in order of cause:
 * an insecure page never gets shared memory whatever its headers say, so "headers missing" would
 * be the wrong advice there; a page that is not isolated has no SharedArrayBuffer for that reason.
 */
export function unavailableReason(env, found) {
  if (!self.isSecureContext) {
    return {
      cause: 'insecure',
      short: 'Threads are unavailable: this page was opened over plain http from another address, which browsers never allow shared memory.',
      detail: 'Open it as http://localhost or http://127.0.0.1 on the machine that serves it, or over https.',
    };
  }
  if (!env.crossOriginIsolated) {
    return {
      cause: 'headers',
      short: 'Threads are unavailable: this page is not cross-origin isolated.',
      detail: 'The server did not send Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp. ' +
        'Serve the project with ./build.sh serve. On a static host, corelab installs a service worker that adds them and reloads once, where the browser allows service workers.',
    };
  }
  if (!found.sharedArrayBuffer) {
    return {
      cause: 'shared-memory',
      short: 'Threads are unavailable: this browser does not offer shared memory (SharedArrayBuffer) even on an isolated page.',
      // A Safari-engine reader had been told to use Safari.
      detail: isWebKit(env.userAgent ?? '') ? 'Safari offers it from version 15.2; other WebKit browsers (GNOME Web, for one) may leave it ' +
        'switched off. Use a current Safari, Chrome, Edge or Firefox.' : CURRENT_BROWSERS,
    };
  }
  if (!found.sharedWasmMemory) {
    return {
      cause: 'wasm-memory',
      short: 'Threads are unavailable: this browser cannot create shared WebAssembly memory (a WebAssembly.Memory over a SharedArrayBuffer), which the thread pool runs in.',
      detail: `Creating it failed: ${found.errors.sharedWasmMemory}. ${CURRENT_BROWSERS}`,
    };
  }
  if (!found.postMemory) {
    return {
      cause: 'post-memory',
      short: 'Threads are unavailable: this browser cannot send shared WebAssembly memory (SharedArrayBuffer) to a worker, so no thread can share the kernels\' memory.',
      detail: `Sending it failed: ${found.errors.postMemory}. ${CURRENT_BROWSERS}`,
    };
  }
  if (found.errors.detector) {
    return {
      cause: 'detector',
      short: 'The kernels cannot run: the page could not check what this browser supports.',
      detail: `The feature check ${found.errors.detector}. Build the project with ./build.sh serve (or ./build.sh dist) and reload the page.`,
    };
  }
  if (!found.wasmThreads) {
    return {
      cause: 'threads',
      short: 'The kernels cannot run in this browser (no WebAssembly threads).',
      detail: 'This browser does not support WebAssembly threads (atomic instructions on shared memory), which corelab\'s kernels are compiled with. ' +
        CURRENT_BROWSERS,
    };
  }
  if (!found.wasmSimd) {
    return {
      cause: 'simd',
      short: 'The kernels cannot run in this browser (no WebAssembly SIMD).',
      detail: 'This browser does not support WebAssembly SIMD, which corelab\'s kernels are compiled with. ' +
        'Use a current Chrome, Edge, Firefox or Safari (16.4 or later).',
    };
  }
  return null;
}
