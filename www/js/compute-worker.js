// One compute worker per worker count k: it instantiates the wasm, builds a rayon pool of k
// threads (initThreadPool), runs the warm-up and the timed repeats, checks the last result and
// reports back. The page then terminates it, taking its k pool threads with it: a wasm pool
// cannot be resized or torn down, so a fresh instance per k is the only honest way to compare.
import init, { currentThreads, initThreadPool, injectFault, lastFault, prepare, setFaultChannel } from '../pkg/corelab.js';

const progress = (phase, done = 0, of = 0) => postMessage({ type: 'progress', phase, done, of });

async function measure({ workload, params, threads, repeats, warmup, faultChannel, inject }) {
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

  progress('prepare');
  const t3 = performance.now();
  const prepared = prepare(workload, JSON.stringify(params));
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
  for (let i = 0; i < repeats; i++) {
    progress('repeat', i, repeats);
    const start = performance.now();
    const result = prepared.run();
    samples.push(performance.now() - start);
    last?.free();
    last = result;
  }
  progress('verify');
  const check = last.verify();
  const image = last.image();
  const point = {
    workers: threads,
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
