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

// The smallest module that uses a SIMD instruction (i32x4.splat): it validates only where the
// browser supports wasm SIMD, which the kernels are compiled with.
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);

export function describeEnvironment() {
  return {
    runtime: 'wasm',
    userAgent: navigator.userAgent,
    hardwareConcurrency: navigator.hardwareConcurrency ?? 1,
    crossOriginIsolated: self.crossOriginIsolated === true,
    sharedArrayBuffer: typeof SharedArrayBuffer === 'function',
    wasmSimd: typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE),
    ...timer(),
  };
}

/** A timer step of 0.1 ms or more is coarse: Chromium gives 5 µs when isolated, 100 µs not. */
export const COARSE_TIMER_MS = 0.1;

function timer() {
  const resolution = timerResolutionMs();
  return { timerResolution_ms: resolution, timerCoarse: resolution >= COARSE_TIMER_MS };
}

export function renderEnvironment(list, env) {
  const rows = [
    ['Cross-origin isolated', env.crossOriginIsolated ? 'yes' : 'no: threads unavailable'],
    ['Logical cores (hardwareConcurrency)', String(env.hardwareConcurrency)],
    ['Timer resolution', `${Math.round(env.timerResolution_ms * 1000)} µs${env.timerCoarse ? ' (coarse: short runs are measured poorly)' : ''}`],
    ['SharedArrayBuffer', env.sharedArrayBuffer ? 'available' : 'unavailable'],
    ['WebAssembly SIMD', env.wasmSimd ? 'available' : 'unavailable: the kernels cannot run'],
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

/**
 * Why the kernels cannot run here, or null when they can: { short, detail } in words a reader
 * can act on. Checked in order of cause: an insecure page never gets shared memory whatever its
 * headers say, so "headers missing" would be the wrong advice there.
 */
export function unavailableReason(env) {
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
  if (!env.sharedArrayBuffer) {
    return {
      cause: 'shared-memory',
      short: 'Threads are unavailable: this browser does not offer shared memory (SharedArrayBuffer) even on an isolated page.',
      detail: 'Use a current Chrome, Edge, Firefox or Safari.',
    };
  }
  if (!env.wasmSimd) {
    return {
      cause: 'simd',
      short: 'The kernels cannot run in this browser (no WebAssembly SIMD).',
      detail: 'This browser does not support WebAssembly SIMD, which corelab\'s kernels are compiled with. ' +
        'Use a current Chrome, Edge, Firefox or Safari (16.4 or later).',
    };
  }
  return null;
}
