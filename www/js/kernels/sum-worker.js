// One worker of the message-passing experiment: it sums the 32-bit words it is given and says
// when the data arrived and when the sum was done, on the clock every worker shares
// (timeOrigin + now), so the delivery can be timed apart from the summing. Data comes as a
// view on a SharedArrayBuffer (shared: nothing copied), or as an ArrayBuffer of its own (a
// structured-clone copy, or transferred; a transferred buffer is sent back the same way).

const clock = () => performance.timeOrigin + performance.now();

/** The 32-bit wrapping sum of `words`: exact, and cheap enough that delivery shows. The words
 *  are read as signed 32-bit integers (the same bits; a wrapping sum does not care), so every
 *  value and every partial sum stays an int32 and the JIT keeps one integer loop: read as
 *  unsigned, words above 2^31 are doubles, and the loop's speed then depends on what the JIT
 *  happened to see first. */
function sum(words) {
  let s = 0;
  for (let i = 0; i < words.length; i++) s = (s + words[i]) | 0;
  return s >>> 0;
}

let warmWords = null;

/** One call of the sum loop on a small buffer of the kind the timed runs will bring (shared or
 *  not, words of every size). The coordinator sends these until the JIT has optimised `sum` itself (it counts calls,
 *  so they must come one message at a time, as the timed ones do): otherwise the first timed
 *  runs measure baseline code at a fraction of the speed. Part of starting the workers. */
function warm(shared) {
  if (!warmWords || (warmWords.buffer instanceof SharedArrayBuffer) !== shared) {
    warmWords = new Int32Array(shared ? new SharedArrayBuffer(1 << 20) : new ArrayBuffer(1 << 20));
    // Words across the whole 32-bit range, like the real data: the optimised code is
    // specialised on the values it has seen, and zeros alone would be undone by the first word
    // above 2^31.
    for (let i = 0; i < warmWords.length; i++) warmWords[i] = Math.imul(i, 0x9e3779b1);
  }
  return sum(warmWords);
}

self.onmessage = ({ data }) => {
  switch (data.type) {
    case 'ping':
      postMessage({ type: 'pong', id: data.id });
      return;
    case 'warm':
      postMessage({ type: 'warm', id: data.id, sum: warm(data.shared) });
      return;
    case 'sum': {
      const received = clock();
      const words = data.shared
        ? new Int32Array(data.shared, data.start * 4, data.end - data.start)
        : new Int32Array(data.buffer);
      const total = sum(words);
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
