// Runs a sweep: for each point (a worker count k, or one value of a varied parameter at one k),
// a fresh compute worker measures it. The main thread only sends messages and waits; it never
// runs a kernel. Cancel terminates the worker at once. A kernel fault on any pool thread arrives
// on a BroadcastChannel (see src/wasm.rs), because the compute worker itself is then blocked and
// cannot answer.
import { kernelsUrl } from '../catalogue.js';
import { yieldToMain } from './dom.js';

export class SweepCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'SweepCancelled';
  }
}

export class PointFailed extends Error {
  /**
   * `label` names the point: "2 workers", or "Grain = 100". `kind` is the kernels' error kind
   * ("invalid-param", "out-of-memory", "panic", ...: see src/error.rs), undefined for failures
   * outside them; `field` the parameter at fault, where one is.
   */
  constructor(label, message, { kind, field } = {}) {
    super(`The run with ${label} failed: ${message}`);
    this.name = 'PointFailed';
    this.reason = message;
    this.kind = kind;
    this.field = field;
  }
}

const WORKER_URL = new URL('../compute-worker.js', import.meta.url);

/**
 * The pool start's watchdog. While `initThreadPool(k)` runs, the compute worker posts a beat
 * every 250 ms from its own event loop, which stays free all along (the pool start only awaits
 * its workers). Firefox sometimes never returns from creating a worker inside a worker: the
 * compute worker's thread then stays blocked in `new Worker()` for good and the pool never
 * starts (Firefox ESR 153 here: 8 of 160 pool starts, at every k from 1 to 4, with the page
 * idle; Chromium and WebKit never did). With no beat for POOL_STALL_MS the point starts again in
 * a fresh compute worker, up to POOL_ATTEMPTS times in all, and the status says so (in 40
 * sweeps of 4 points: 8 second attempts, 1 third, no sweep lost). A slow pool start (many
 * workers, a slow device) still beats, so it is never taken for a stuck one.
 */
export const POOL_STALL_MS = 5000;
export const POOL_ATTEMPTS = 5;

/**
 * The kernels' compiled WebAssembly.Module, as the first compute worker of the page sent it
 * (see compiledKernels in compute-worker.js): `{ url, module }`, passed to every later compute
 * worker of this page, whatever experiment runs it, so V8 compiles each function once per page.
 */
let compiled = null;

/** A pool start that stopped answering (see POOL_STALL_MS): the point is tried again. */
class PoolStalled extends Error {}

export class Sweep {
  #current = null; // { worker, reject } of the point in flight
  #cancelled = false;

  /**
   * @param {object} request { workload, engine, points: [{ workers, params, label }], repeatMode, repeats,
   *   budgetMs, scaling, warmup, inject }
   * @param {object} hooks { onProgress(plan, index, progress), onPoint(point, image): awaited }
   */
  constructor(request, hooks) {
    this.request = request;
    this.hooks = hooks;
  }

  /** Measures every point in order; resolves when all are done, rejects on cancel or failure. */
  async run() {
    // Starting the first worker waits for a task of its own, apart from the click that asked.
    await yieldToMain();
    const kernels = await kernelsUrl();
    const channelName = `corelab-fault-${crypto.randomUUID()}`;
    const faults = new BroadcastChannel(channelName);
    faults.onmessage = ({ data }) => this.#fail(data?.message ?? 'unknown fault', data);
    try {
      for (const [index, plan] of this.request.points.entries()) {
        if (this.#cancelled) throw new SweepCancelled();
        const { point, image } = await this.#attempts(plan, index, channelName, kernels);
        // The next point's worker starts only once the page has shown this one (in pieces, over
        // several tasks), so nothing of the page's runs beside a measurement but its progress.
        await this.hooks.onPoint?.(point, image);
      }
    } finally {
      faults.close();
    }
  }

  /** Stops the sweep now: the worker in flight is terminated and run() rejects. */
  cancel() {
    this.#cancelled = true;
    const current = this.#current;
    if (current) {
      current.worker.terminate();
      current.reject(new SweepCancelled());
    }
  }

  #fail(message, { kind } = {}) {
    const current = this.#current;
    if (current) {
      current.worker.terminate();
      current.reject(new PointFailed(current.label, message, { kind }));
    }
  }

  /** Measures one point, starting it again where its pool start stalled (see POOL_STALL_MS). */
  async #attempts(plan, index, faultChannel, kernels) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#measure(plan, index, faultChannel, kernels, attempt);
      } catch (error) {
        if (!(error instanceof PoolStalled)) throw error;
        const stalled = `the browser did not start the thread pool (no answer for ${POOL_STALL_MS / 1000} s)`;
        if (attempt === POOL_ATTEMPTS) throw new PointFailed(plan.label, `${stalled}, ${POOL_ATTEMPTS} times`);
        console.warn(`${plan.label}: ${stalled}; starting it again (attempt ${attempt + 1} of ${POOL_ATTEMPTS})`);
        this.hooks.onProgress?.(plan, index, { phase: 'pool-retry', done: attempt, of: POOL_ATTEMPTS });
      }
    }
  }

  #measure(plan, index, faultChannel, kernels, attempt) {
    const { workers, params, label } = plan;
    const { workload, engine, repeatMode, repeats, budgetMs, scaling, warmup, inject } = this.request;
    return new Promise((resolve, reject) => {
      const worker = new Worker(WORKER_URL, { type: 'module', name: `corelab-compute-${workers}` });
      let watchdog = null; // set while the pool starts: see POOL_STALL_MS
      const watch = () => {
        clearTimeout(watchdog);
        watchdog = setTimeout(() => settle(reject, new PoolStalled()), POOL_STALL_MS);
      };
      const settle = (fn, value) => {
        if (this.#current?.worker !== worker) return;
        clearTimeout(watchdog);
        this.#current = null;
        worker.terminate();
        fn(value);
      };
      this.#current = { worker, label, reject: (e) => settle(reject, e) };
      worker.onmessage = ({ data }) => {
        if (data.type === 'module') {
          if (data.url === kernels) compiled = { url: kernels, module: data.module };
        } else if (data.type === 'alive') {
          if (watchdog !== null) watch();
        } else if (data.type === 'progress') {
          if (data.phase === 'pool') {
            watch();
          } else {
            clearTimeout(watchdog);
            watchdog = null;
          }
          this.hooks.onProgress?.(plan, index, data);
          // The worker times nothing until the page has shown this: see compute-worker.js.
          painted().then(() => worker.postMessage({ type: 'shown', seq: data.seq }));
        } else if (data.type === 'done') {
          settle(resolve, data);
        } else if (data.type === 'error') {
          settle(reject, new PointFailed(label, data.message, data));
        }
      };
      worker.onerror = (event) => {
        event.preventDefault();
        // Its script is loaded from the server at every run: offline, say so and what to do
        // ("could not start" alone gave neither).
        const offline = globalThis.navigator?.onLine === false ? ': this browser is offline, and each run loads its worker from the ' +
          'server; reconnect and run again (the results shown stay)' : '';
        settle(reject, new PointFailed(label, (event.message || 'the compute worker could not start') + offline));
      };
      worker.onmessageerror = () => settle(reject, new PointFailed(label, 'a message could not be read'));
      const module = compiled?.url === kernels ? compiled.module : undefined;
      worker.postMessage({
        type: 'run', kernels, module, workload, engine, params, threads: workers, repeatMode, repeats, budgetMs, scaling, warmup, faultChannel, inject, attempt,
      });
    });
  }
}

/**
 * Resolves once the page has painted what it just changed: after its next frame (and the
 * task that follows it), or at once in a hidden tab, which paints nothing and gets no frames.
 */
function painted() {
  return new Promise((resolve) => {
    if (document.hidden) {
      resolve();
      return;
    }
    const done = () => {
      document.removeEventListener('visibilitychange', done);
      resolve();
    };
    document.addEventListener('visibilitychange', done);
    requestAnimationFrame(() => setTimeout(done, 0));
  });
}
