// One compute worker per worker count k: it instantiates the wasm, builds a rayon pool of k
// threads (initThreadPool), grows the problem under weak scaling, runs the warm-up and the timed
// repeats (a fixed count, or Auto until the median is known to ±3%), checks the last result,
// measures the cost of an empty parallel region, records one traced run for the timeline and
// reports back. The page then terminates it, taking its k pool threads with it: a wasm pool
// cannot be resized or torn down, so a fresh instance per k is the only honest way to compare.
// Workloads whose engine is "web-workers" (message passing) start k plain Web Workers instead
// of the wasm pool, with the same warm-up, repeats, check, overheads and timeline.
import { autoStop, relativeHalfWidth } from './stats.js';

// The kernels' glue (pkg/corelab.js), imported from the URL the page names: its build's
// immutable copy (see kernelsUrl in catalogue.js), which the pool workers then import too.
let kernels = null;

// The page answers every progress message once it has shown it (after its next frame), and the
// worker awaits that answer before it times anything: a timed run, the pool start or the
// dispatch measurement. So the page's rendering never runs beside them, on a device whose
// cores are all in the pool. Every message carries the last run's time at this point, if one
// has run (`lastRunMs`): the page's estimate of the time left is made from it.
let sequence = 0;
let lastRunMs = null;
const shown = new Map(); // sequence number -> resolve
const progress = (phase, done = 0, of = 0, extra = {}) => {
  const seq = ++sequence;
  postMessage({ type: 'progress', seq, phase, done, of, lastRunMs, ...extra });
  return new Promise((resolve) => shown.set(seq, resolve));
};

/**
 * Timed runs follow each other without a word to the page until this long has passed since the
 * last progress it showed. A frame drawn between two runs still had work left when the next run
 * began (the compositor's and the GPU process's part, and whatever the page's status wakes
 * outside it). Blur on 2 workers on this 2-core machine, 100 runs of about 100 ms, per-thread
 * schedstat from /proc: the two pool threads waited for a core 2.8-3.6% of the time with a
 * message before every run, 1.4-1.8% with one a second, 1.0-2.0% with none after the first
 * (natively 0.1-0.7%). A run longer than this is still announced one by one.
 */
const PROGRESS_EVERY_MS = 1000;

/**
 * The warm-up runs, then timed runs until the count is reached or (Auto) the median is known to
 * ±3% or the budget is spent. `run()` does one run and returns `{ ms, result }`; every result
 * but the last goes to `discard`. Progress is posted between runs only, never during one, and
 * between timed runs at most once per PROGRESS_EVERY_MS.
 */
async function timedRuns({ repeatMode, repeats, budgetMs, warmup }, run, discard = () => {}) {
  const warmupMs = [];
  for (let i = 0; i < warmup; i++) {
    await progress('warmup', i, warmup);
    const { ms, result } = await run();
    discard(result);
    warmupMs.push(ms);
    lastRunMs = ms;
  }
  const samples = [];
  let last = null;
  let stoppedBy = null;
  let shownAt = -Infinity;
  const sampling = performance.now();
  while (!stoppedBy) {
    if (performance.now() - shownAt >= PROGRESS_EVERY_MS) {
      if (repeatMode === 'auto') {
        const precision = samples.length >= 2 ? relativeHalfWidth(samples) : null;
        await progress('auto', samples.length, 0, { precision, elapsedMs: performance.now() - sampling, budgetMs });
      } else {
        await progress('repeat', samples.length, repeats);
      }
      shownAt = performance.now();
    }
    // The last result goes before the next run, not after it: two results alive at once made
    // the second timed run grow the wasm memory, and that run took 175 and 183 ms against
    // 100-120 for the others (blur at 2 workers, 15 MB a picture).
    if (last) discard(last);
    const { ms, result } = await run();
    samples.push(ms);
    lastRunMs = ms;
    last = result;
    stoppedBy = repeatMode === 'auto'
      ? autoStop(samples, performance.now() - sampling, budgetMs)
      : samples.length >= repeats ? 'count' : null;
  }
  return { warmupMs, samples, last, stoppedBy };
}

/** The parameters validated (by the wasm boundary, from the catalogue) and, under weak scaling,
 *  grown by the workload's declared rule for `threads` workers: `{ params, work_factor }`. */
function checkedParams(workload, params, threads, scaling) {
  const grown = kernels.scaledParams(workload, params, scaling === 'weak' ? threads : 1);
  // Under strong scaling the call only validates: the reader's values go through as given.
  return scaling === 'weak' ? grown : { params, work_factor: 1 };
}

/** How often this worker tells the page it is alive while its pool starts. */
const POOL_BEAT_MS = 250;

/** A point on the wasm rayon pool: the kernels of the catalogue. */
async function measureWasm(request, instantiateMs) {
  const { workload, params, threads, scaling, faultChannel, inject, attempt } = request;
  kernels.setFaultChannel(faultChannel);
  await progress('pool');
  if (inject === 'pool-stall' && attempt === 1) {
    // What Firefox sometimes does (see POOL_STALL_MS in experiment/sweep.js): this thread blocks
    // for good before its pool has started. Only the first attempt; the page's retry then runs.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  }
  // The page's watchdog (see POOL_STALL_MS in experiment/sweep.js) hears from this worker while
  // its pool starts: no beat for seconds means this thread is stuck, not slow.
  const beat = setInterval(() => postMessage({ type: 'alive' }), POOL_BEAT_MS);
  const t1 = performance.now();
  await kernels.initThreadPool(threads);
  const poolStartMs = performance.now() - t1;
  clearInterval(beat);
  const actual = kernels.currentThreads();
  if (actual !== threads) throw new Error(`asked for ${threads} threads, the pool has ${actual}`);
  if (inject && inject !== 'pool-stall') kernels.injectFault(inject);

  const { params: runParams, work_factor: workFactor } = checkedParams(workload, params, threads, scaling);
  progress('prepare');
  const t3 = performance.now();
  const prepared = kernels.prepare(workload, runParams);
  const prepareMs = performance.now() - t3;
  const once = () => {
    const start = performance.now();
    const result = prepared.run();
    return { ms: performance.now() - start, result };
  };
  const { warmupMs, samples, last, stoppedBy } = await timedRuns(request, once, (r) => r.free());
  progress('verify');
  const { summary, digest, check, extra, image } = last.report();
  const point = {
    workers: threads,
    params: runParams,
    work_factor: workFactor,
    samples_ms: samples,
    warmup_ms: warmupMs,
    stopped_by: stoppedBy,
    instantiate_ms: instantiateMs,
    pool_start_ms: poolStartMs,
    prepare_ms: prepareMs,
    summary,
    digest,
    check,
    extra,
  };
  last.free();
  await progress('overhead');
  Object.assign(point, kernels.dispatchCost());
  await progress('timeline');
  point.timeline = prepared.timeline();
  prepared.free();
  return { point, image };
}

/** A point of a workload that runs in plain Web Workers (the catalogue's engine "web-workers"). */
async function measureWebWorkers(request) {
  const { workload, params, threads, scaling } = request;
  const { params: runParams, work_factor: workFactor } = checkedParams(workload, params, threads, scaling);
  // Imported here, not at the top: every other workload's compute worker would fetch it for nothing.
  const { measureMessagePassing } = await import('./kernels/message-passing.js');
  const { point, image } = await measureMessagePassing({
    params: runParams, threads, progress, timedRuns: (run) => timedRuns(request, run),
  });
  return { point: { ...point, work_factor: workFactor }, image };
}

/**
 * The kernels' compiled module: the one the page passed on (`request.module`), or else compiled
 * here from the build's wasm and sent to the page, which passes it to every later compute worker.
 * One module for all the page's compute workers and their pool threads means V8 compiles each
 * function once per page, not once per point: it compiles wasm lazily, on a function's first
 * call, into the module that every instance shares.
 */
async function compiledKernels(request) {
  if (request.module instanceof WebAssembly.Module) return request.module;
  const url = new URL('corelab_bg.wasm', request.kernels);
  let module;
  try {
    module = await WebAssembly.compileStreaming(fetch(url));
  } catch (error) {
    // A host that serves .wasm with another media type: compile from the bytes instead.
    if (!(error instanceof TypeError)) throw error;
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url} could not be fetched: ${response.status} ${response.statusText}`, { cause: error });
    module = await WebAssembly.compile(await response.arrayBuffer());
  }
  try {
    postMessage({ type: 'module', url: request.kernels, module });
  } catch {
    // A browser that cannot send a module to the page: each point compiles its own.
  }
  return module;
}

async function measure(request) {
  try {
    kernels = await import(request.kernels);
  } catch (error) {
    // The server answers 404 for a build that is no longer the current one (see BUILD_PREFIX).
    throw new Error(`the kernels could not be loaded (${error.message}); if they were rebuilt since this page ` +
      'was opened, reload the page', { cause: error });
  }
  const t0 = performance.now();
  await kernels.default({ module_or_path: await compiledKernels(request) });
  const instantiateMs = performance.now() - t0;
  const { point, image } = request.engine === 'web-workers'
    ? await measureWebWorkers(request)
    : await measureWasm(request, instantiateMs);
  return { point: { ...point, repeat_mode: request.repeatMode }, image };
}

self.onmessage = async ({ data }) => {
  if (data?.type === 'shown') {
    shown.get(data.seq)?.();
    shown.delete(data.seq);
    return;
  }
  if (data?.type !== 'run') return;
  try {
    const { point, image } = await measure(data);
    postMessage({ type: 'done', point, image }, image ? [image.rgba.buffer] : []);
  } catch (error) {
    // The kernels throw Errors with a `kind` (and a `field` where one parameter is at fault: see
    // src/error.rs); other errors have neither. A trap (RuntimeError: unreachable) follows a
    // panic, whose hook kept it as such an error.
    let failure = error instanceof Error ? error : { message: String(error) };
    try {
      failure = kernels?.lastFault() ?? failure;
    } catch {
      // The instance may not have loaded at all; keep the original error.
    }
    const { message, kind, field } = failure;
    postMessage({ type: 'error', message, kind, field });
  }
};
