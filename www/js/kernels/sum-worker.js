// One worker of the message-passing experiment: it sums the 32-bit words it is given and says
// when the data arrived and when the sum was done, on its clock (timeOrigin + now; the
// coordinator corrects it to its own, see clockOffset), so the delivery can be timed apart from
// the summing. Data comes as a
// view on a SharedArrayBuffer (shared: nothing copied), or as an ArrayBuffer of its own (a
// structured-clone copy, or transferred; a transferred buffer is sent back the same way).

const clock = () => performance.timeOrigin + performance.now();

/** The 32-bit wrapping sum of `words`, as a signed 32-bit integer (the caller reads it as
 *  unsigned): exact, and cheap enough that delivery shows. The words are read as signed 32-bit
 *  integers (the same bits; a wrapping sum does not care), so every value and every partial sum
 *  stays an int32 and the JIT keeps one integer loop: read as unsigned, words above 2^31 are
 *  doubles, and the loop's speed then depends on what the JIT happened to see first.
 *
 *  The unsigned conversion stays out of this function on purpose. With `return s >>> 0` here,
 *  V8 optimised the loop (by on-stack replacement) before that line had ever run, then threw the
 *  optimised code away the first time it did ("insufficient type feedback"), and again when the
 *  result passed 2^31 ("lost precision"); after the third time it stopped optimising, and the
 *  loop summed 32 MB in 38-45 ms instead of 4-7 (Chromium 156, `--js-flags=--trace-deopt`). Which
 *  runs got the fast code depended on the warm-up, so the delivery modes' summing times differed
 *  by up to 8 times for no reason of their own. */
function sum(words) {
  let s = 0;
  for (let i = 0; i < words.length; i++) s = (s + words[i]) | 0;
  return s;
}

// The warm-up's calls: SHORT_CALLS of SHORT_WORDS each (too short to be replaced on the stack),
// then one of WARM_WORDS (256 KB: about 30 µs in optimised code, 300 in the mid tier) to time.
const SHORT_WORDS = 1024;
const SHORT_CALLS = 200;
const WARM_WORDS = 1 << 16;
let warmWords = null;

/** Gets `sum` optimised before the timed runs (otherwise they measure an earlier tier at up to
 *  8 times less speed), on buffers of the kind the timed runs bring (shared or not, words of
 *  every size). V8 optimises a function that is called often, or a loop that runs long (by
 *  on-stack replacement); only the first gives code that a later long call starts in. Long warm-up
 *  calls got a worker the second kind only, and then it summed its 16 MB at the mid tier's speed
 *  in every timed run (Chromium 156). So the warm-up makes many short calls, then times one
 *  longer call, and says how long that took per word: the coordinator asks again until that
 *  stops improving. */
function warm(shared) {
  if (!warmWords || (warmWords.buffer instanceof SharedArrayBuffer) !== shared) {
    warmWords = new Int32Array(shared ? new SharedArrayBuffer(WARM_WORDS * 4) : new ArrayBuffer(WARM_WORDS * 4));
    // Words across the whole 32-bit range, like the real data: the optimised code is
    // specialised on the values it has seen, and zeros alone would be undone by the first word
    // above 2^31.
    for (let i = 0; i < warmWords.length; i++) warmWords[i] = Math.imul(i, 0x9e3779b1);
  }
  const short = warmWords.subarray(0, SHORT_WORDS);
  for (let i = 0; i < SHORT_CALLS; i++) sum(short);
  const t0 = performance.now();
  sum(warmWords);
  return ((performance.now() - t0) * 1e6) / warmWords.length;
}

self.onmessage = ({ data }) => {
  switch (data.type) {
    case 'ping':
      postMessage({ type: 'pong', id: data.id, clock: clock() }); // for the coordinator's clockOffset
      return;
    case 'warm':
      postMessage({ type: 'warm', id: data.id, ns_per_word: warm(data.shared) });
      return;
    case 'sum': {
      const received = clock();
      const words = data.shared
        ? new Int32Array(data.shared, data.start * 4, data.end - data.start)
        : new Int32Array(data.buffer);
      const total = sum(words) >>> 0;
      const done = clock();
      const reply = { type: 'sum', id: data.id, sum: total, received, done };
      if (data.giveBack) postMessage({ ...reply, buffer: data.buffer }, [data.buffer]);
      else postMessage(reply);
      return;
    }
    default:
  }
};

postMessage({ type: 'ready' });
