// The message-passing experiment, run inside a compute worker: k plain Web Workers (no wasm
// pool) sum `size` MB of 32-bit words, and the data reaches them in one of three ways:
//   share     one SharedArrayBuffer; each worker gets its bounds and reads its slice in place;
//   copy      each worker's slice is posted as an ArrayBuffer: a structured clone, serialised by
//             the sender and rebuilt by the receiver (the analogue of Python's pickling);
//   transfer  each slice is moved to its worker (no copy, but the sender loses it) and moved
//             back with the answer, ready for the next run.
// A timed run is the whole round: deliver, sum, answer. Each run also records when every worker
// received its data and finished summing, so delivery, summing and the way back are reported
// apart. The result is checked against its closed form.
import { counted, formatNumber } from '../input.js';
import { median, medianInterval } from '../stats.js';

export const MB = 1 << 20;
const STRIDE = 0x9e3779b1; // word i holds i × STRIDE mod 2^32
const SUM_WORKER = new URL('./sum-worker.js', import.meta.url);
const clock = () => performance.timeOrigin + performance.now();
// Dispatch: this many batches of empty rounds (a message to each worker and back)...
const PING_BATCHES = 20;
// ...of this many rounds each.
const PINGS_PER_BATCH = 10;
// Warming the summing workers' loop up (see SumWorkers.start): at least this many rounds, at
// most this many, and done once this many in a row were no faster.
const WARM_MIN_ROUNDS = 10;
const WARM_MAX_ROUNDS = 200;
const WARM_PATIENCE = 10;
// Each worker's clock against the coordinator's: this many pings (see clockOffset).
const CLOCK_PINGS = 20;

/** The 32-bit wrapping sum of words 0..n-1, from its closed form STRIDE·n(n−1)/2 mod 2^32: a
 *  reference that shares no code with the workers' loop. */
export function expectedSum(words) {
  const n = BigInt(words);
  return Number((BigInt(STRIDE) * ((n * (n - 1n)) / 2n)) % (1n << 32n));
}

/**
 * How far a worker's clock is ahead of the coordinator's, in ms, from pings: `exchanges` is
 * [{ sent, theirs, back }], the coordinator's clock when a ping went out and when its answer
 * came back, and the worker's clock when it answered, in between.
 *
 * Every context reads `performance.timeOrigin + performance.now()`, meant to be one clock for
 * all. On a busy machine it was not: a worker's sums ended 0.73 ms after the coordinator had
 * their answers (a way back of -0.73 ms in every run of the point), and a thread was busy 93%
 * and waiting 13% of one run (Chromium 156; not reproduced on demand, which fits a context's
 * timeOrigin taken from a wall-clock and a monotonic reading with a preemption between them).
 *
 * Each exchange bounds the offset to [theirs − back, theirs − sent]. Within the bounds common to
 * all, the value nearest 0 is taken: clocks that agree as far as pings can tell are left as
 * they are, and one that is off is moved no further than its pings prove. Bounds that do not
 * meet (clocks coarsened, or a worker's clock that drifts) give the middle of the quickest
 * exchange.
 */
export function clockOffset(exchanges) {
  let [low, high] = [-Infinity, Infinity];
  for (const { sent, theirs, back } of exchanges) [low, high] = [Math.max(low, theirs - back), Math.min(high, theirs - sent)];
  if (low <= high) return Math.min(Math.max(0, low), high);
  const quickest = exchanges.reduce((a, b) => (b.back - b.sent < a.back - a.sent ? b : a));
  return quickest.theirs - (quickest.sent + quickest.back) / 2;
}

/** Worker i's slice [start, end) of `words`, in even shares. */
export function slice(words, workers, i) {
  return [Math.floor((i * words) / workers), Math.floor(((i + 1) * words) / workers)];
}

function fill(words, offset) {
  for (let i = 0; i < words.length; i++) words[i] = Math.imul(offset + i, STRIDE);
}

/** Buffers of `bytes`, or a sentence a reader can act on when the device cannot spare them. */
function allocate(make, bytes) {
  try {
    return make();
  } catch (error) {
    if (error instanceof RangeError) {
      throw new Error(`out of memory: the data needs ${formatNumber(Math.ceil(bytes / MB))} MB more; choose a smaller Size`, { cause: error });
    }
    throw error;
  }
}

class SumWorkers {
  #workers = [];
  #waiting = new Map(); // message id -> { replies (by worker), count, resolve, reject }
  #nextId = 0;
  #offsets = []; // worker i's clock ahead of ours, ms (see clockOffset)

  /** Starts k workers, waits until each has loaded its script, and warms their sum loop up on
   *  the kind of buffer they will get (`shared` or not). */
  async start(k, shared) {
    const ready = [];
    for (let i = 0; i < k; i++) {
      const worker = new Worker(SUM_WORKER, { type: 'module', name: `corelab-sum-${i}` });
      ready.push(new Promise((resolve, reject) => {
        worker.onmessage = ({ data }) => (data.type === 'ready' ? resolve() : null);
        worker.onerror = (event) => reject(new Error(event.message || 'a summing worker could not start'));
      }));
      this.#workers.push(worker);
    }
    await Promise.all(ready);
    for (const [i, worker] of this.#workers.entries()) {
      worker.onmessage = ({ data }) => this.#reply(data, i);
      worker.onerror = (event) => this.#failAll(new Error(event.message || 'a summing worker failed'));
    }
    // Until the slowest worker's loop has stopped getting faster (see warm() in sum-worker.js).
    let best = Infinity;
    for (let calls = 0, since = 0; calls < WARM_MAX_ROUNDS && !(calls >= WARM_MIN_ROUNDS && since >= WARM_PATIENCE); calls++) {
      const replies = await this.round(() => [{ type: 'warm', shared }, []]);
      const nsPerWord = Math.max(...replies.map((r) => r.ns_per_word));
      if (nsPerWord < 0.9 * best) [best, since] = [nsPerWord, 0];
      else since++;
    }
    // Then each worker's clock against ours, so that the times it reports are on our clock.
    const exchanges = this.#workers.map(() => []);
    for (let i = 0; i < CLOCK_PINGS; i++) {
      const sent = clock();
      for (const reply of await this.round(() => [{ type: 'ping' }, []])) exchanges[reply.worker].push({ sent, theirs: reply.clock, back: reply.at });
    }
    this.#offsets = exchanges.map(clockOffset);
  }

  get size() {
    return this.#workers.length;
  }

  /** Posts message(i) to every worker i (with its transfer list), at once; the promise resolves
   *  with the k replies, reply i from worker i, each stamped with when it arrived. */
  round(message) {
    const id = this.#nextId++;
    const replies = new Promise((resolve, reject) => this.#waiting.set(id, { replies: [], count: 0, resolve, reject }));
    this.#workers.forEach((worker, i) => {
      const [body, transfer] = message(i);
      worker.postMessage({ ...body, id }, transfer);
    });
    return replies;
  }

  #reply(data, worker) {
    const pending = this.#waiting.get(data.id);
    if (!pending) return;
    const reply = { ...data, worker, at: clock() };
    // The worker's times, on our clock.
    for (const key of ['received', 'done']) if (key in data) reply[key] = data[key] - (this.#offsets[worker] ?? 0);
    pending.replies[worker] = reply;
    if (++pending.count === this.#workers.length) {
      this.#waiting.delete(data.id);
      pending.resolve(pending.replies);
    }
  }

  #failAll(error) {
    for (const pending of this.#waiting.values()) pending.reject(error);
    this.#waiting.clear();
  }

  stop() {
    for (const worker of this.#workers) worker.terminate();
  }
}

/** The data laid out for one delivery mode: one shared buffer, or one buffer per worker. */
function prepare(params, k) {
  const bytes = params.size * MB;
  const words = bytes / 4;
  if (params.delivery === 'share') {
    const shared = allocate(() => new SharedArrayBuffer(bytes), bytes);
    fill(new Uint32Array(shared), 0);
    return { words, bytes, shared };
  }
  const pieces = Array.from({ length: k }, (_, i) => {
    const [start, end] = slice(words, k, i);
    const piece = allocate(() => new ArrayBuffer((end - start) * 4), bytes);
    fill(new Uint32Array(piece), start);
    return piece;
  });
  return { words, bytes, pieces };
}

/** One round: the data goes out, every worker sums its slice, the answers come back. */
async function round(pool, data, delivery) {
  const k = pool.size;
  const start = clock();
  const answers = pool.round((i) => {
    if (delivery === 'share') {
      const [from, to] = slice(data.words, k, i);
      return [{ type: 'sum', shared: data.shared, start: from, end: to }, []];
    }
    if (delivery === 'copy') return [{ type: 'sum', buffer: data.pieces[i] }, []];
    return [{ type: 'sum', buffer: data.pieces[i], giveBack: true }, [data.pieces[i]]];
  });
  // Every message is out (and, in copy mode, every slice serialised) when round() returns.
  const posted = clock();
  const replies = await answers;
  const end = clock();
  if (delivery === 'transfer') {
    for (const r of replies) data.pieces[r.worker] = r.buffer; // the slices come home
  }
  const last = (key) => Math.max(...replies.map((r) => r[key]));
  return {
    ms: end - start,
    result: {
      total: replies.reduce((sum, r) => (sum + r.sum) >>> 0, 0),
      start,
      posted,
      end,
      delivery_ms: last('received') - start,
      sum_ms: Math.max(...replies.map((r) => r.done - r.received)),
      return_ms: end - last('done'),
      replies,
    },
  };
}

/**
 * Measures one point of the experiment on `threads` workers. `timedRuns` and `progress` are the
 * compute worker's, so warm-up, repeats, Auto and progress behave as for every other workload.
 */
export async function measureMessagePassing({ params, threads, timedRuns, progress }) {
  await progress('pool');
  const t1 = performance.now();
  const pool = new SumWorkers();
  try {
    await pool.start(threads, params.delivery === 'share');
    const poolStartMs = performance.now() - t1;

    progress('prepare');
    const t2 = performance.now();
    const data = prepare(params, threads);
    const prepareMs = performance.now() - t2;
    const rounds = [];
    const once = async () => {
      const run = await round(pool, data, params.delivery);
      rounds.push(run.result);
      return run;
    };
    const { warmupMs, samples, stoppedBy, last } = await timedRuns(once);
    const runs = rounds.slice(-samples.length);

    progress('verify');
    const expected = expectedSum(data.words);
    const hex = (v) => v.toString(16).padStart(8, '0');
    const check = {
      ok: last.total === expected,
      kind: 'exact',
      demonstrates: null,
      detail: `32-bit wrapping sum ${hex(last.total)}; the closed form ${STRIDE} · n(n − 1)/2 mod 2^32 for ` +
        `n = ${formatNumber(data.words)} words gives ${hex(expected)}`,
    };

    await progress('overhead');
    // Like the pool's warm dispatch: batches of rounds back to back, one sample per batch.
    const dispatchSamples = [];
    for (let batch = 0; batch < PING_BATCHES; batch++) {
      const t3 = performance.now();
      for (let i = 0; i < PINGS_PER_BATCH; i++) await pool.round(() => [{ type: 'ping' }, []]);
      dispatchSamples.push(((performance.now() - t3) * 1000) / PINGS_PER_BATCH);
    }
    const dispatch = medianInterval(dispatchSamples);

    await progress('timeline');
    const traced = (await round(pool, data, params.delivery)).result;
    const timeline = {
      threads,
      start_ms: traced.start,
      end_ms: traced.end,
      spans: [
        { thread: null, kind: 'work', start_ms: traced.start, end_ms: traced.posted, tasks: threads },
        ...traced.replies.flatMap((r) => [
          { thread: r.worker, kind: 'wait', start_ms: traced.start, end_ms: r.received, tasks: 1 },
          { thread: r.worker, kind: 'work', start_ms: r.received, end_ms: r.done, tasks: 1 },
        ]),
      ],
    };

    const deliveryMs = median(runs.map((r) => r.delivery_ms));
    const copied = params.delivery === 'copy' ? data.bytes : 0;
    return {
      point: {
        workers: threads,
        params,
        repeat_mode: null,
        stopped_by: stoppedBy,
        samples_ms: samples,
        warmup_ms: warmupMs,
        instantiate_ms: null,
        pool_start_ms: poolStartMs,
        prepare_ms: prepareMs,
        summary: `${formatNumber(params.size)} MB summed by ${counted(threads, 'worker')} (${params.delivery}): ${hex(last.total)}`,
        digest: last.total.toString(16).padStart(16, '0'),
        check,
        dispatch_us: median(dispatchSamples),
        dispatch_low_us: dispatch.low,
        dispatch_high_us: dispatch.high,
        // Idle Web Workers wait in their event loop, not asleep in a pool: no cold case to measure.
        dispatch_cold_us: null,
        dispatch_cold_low_us: null,
        dispatch_cold_high_us: null,
        timeline,
        extra: {
          delivery: {
            mode: params.delivery,
            bytes: data.bytes,
            copied_bytes: copied,
            delivery_ms: deliveryMs,
            sum_ms: median(runs.map((r) => r.sum_ms)),
            return_ms: median(runs.map((r) => r.return_ms)),
            // A rate only where bytes were copied: sharing and transferring move none.
            mb_per_s: copied ? params.size / (deliveryMs / 1000) : null,
          },
        },
      },
      image: null,
    };
  } finally {
    pool.stop();
  }
}
