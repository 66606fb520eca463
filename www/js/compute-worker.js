// One compute worker per worker count k: it instantiates the wasm, builds a rayon pool of k
// threads (initThreadPool), grows the problem under weak scaling, runs the warm-up and the timed
// repeats (a fixed count, or Auto until the median is known to ±3%), checks the last result,
// measures the cost of an empty parallel region, records one traced run for the timeline and
// reports back. The page then terminates it, taking its k pool threads with it: a wasm pool
// cannot be resized or torn down, so a fresh instance per k is the only honest way to compare.
import init, {
  currentThreads, emptyRegionMicros, initThreadPool, injectFault, lastFault, prepare, scaledParams, setFaultChannel,
} from '../pkg/corelab.js';
import { autoStop, relativeHalfWidth } from './stats.js';

const progress = (phase, done = 0, of = 0, extra = {}) => postMessage({ type: 'progress', phase, done, of, ...extra });

// Empty parallel regions the dispatch cost is averaged over.
const EMPTY_REGIONS = 200;

async function measure({ workload, params, threads, repeatMode, repeats, budgetMs, scaling, warmup, faultChannel, inject }) {
  const t0 = performance.now();
  await init();
  const t1 = performance.now();
  setFaultChannel(faultChannel);
  progress('pool');
  await initThreadPool(threads);
  const t2 = performance.now();
  const actual = currentThreads();
  if (actual !== threads) throw new Error(`asked for ${threads} threads, the pool has ${actual}`);
  if (inject) injectFault(inject);

  // Weak scaling: the workload's declared rule grows the problem for k workers.
  let runParams = params;
  let workFactor = 1;
  if (scaling === 'weak') {
    ({ params: runParams, work_factor: workFactor } = JSON.parse(scaledParams(workload, JSON.stringify(params), threads)));
  }

  progress('prepare');
  const t3 = performance.now();
  const prepared = prepare(workload, JSON.stringify(runParams));
  const prepareMs = performance.now() - t3;
  const warmupMs = [];
  for (let i = 0; i < warmup; i++) {
    progress('warmup', i, warmup);
    const start = performance.now();
    prepared.run().free();
    warmupMs.push(performance.now() - start);
  }
  const samples = [];
  let last = null;
  let stoppedBy = null;
  const sampling = performance.now();
  while (!stoppedBy) {
    if (repeatMode === 'auto') {
      const precision = samples.length >= 2 ? relativeHalfWidth(samples) : null;
      progress('auto', samples.length, 0, { precision, elapsedMs: performance.now() - sampling, budgetMs });
    } else {
      progress('repeat', samples.length, repeats);
    }
    const start = performance.now();
    const result = prepared.run();
    samples.push(performance.now() - start);
    last?.free();
    last = result;
    stoppedBy = repeatMode === 'auto'
      ? autoStop(samples, performance.now() - sampling, budgetMs)
      : samples.length >= repeats ? 'count' : null;
  }
  progress('verify');
  const check = last.verify();
  const image = last.image();
  const point = {
    workers: threads,
    params: runParams,
    work_factor: workFactor,
    repeat_mode: repeatMode,
    stopped_by: stoppedBy,
    samples_ms: samples,
    warmup_ms: warmupMs,
    instantiate_ms: t1 - t0,
    pool_start_ms: t2 - t1,
    prepare_ms: prepareMs,
    summary: last.summary,
    digest: last.digest,
    check,
  };
  last.free();
  progress('overhead');
  point.dispatch_us = emptyRegionMicros(EMPTY_REGIONS);
  progress('timeline');
  point.timeline = JSON.parse(prepared.timeline());
  prepared.free();
  return { point, image };
}

self.onmessage = async ({ data }) => {
  if (data?.type !== 'run') return;
  try {
    const { point, image } = await measure(data);
    postMessage({ type: 'done', point, image }, image ? [image.rgba.buffer] : []);
  } catch (error) {
    // A trap (RuntimeError: unreachable) follows a panic; the hook kept the panic's message.
    let message = error instanceof Error ? error.message : String(error);
    try {
      message = lastFault() || message;
    } catch {
      // The instance may not have loaded at all; keep the original message.
    }
    postMessage({ type: 'error', message });
  }
};
