// One worker of the message-passing experiment: it sums the 32-bit words it is given and says
// when the data arrived and when the sum was done, on the clock every worker shares
// (timeOrigin + now), so the delivery can be timed apart from the summing. Data comes as a
// view on a SharedArrayBuffer (shared: nothing copied), or as an ArrayBuffer of its own (a
// structured-clone copy, or transferred; a transferred buffer is sent back the same way).

const clock = () => performance.timeOrigin + performance.now();

/** The 32-bit wrapping sum of `words`: exact, and cheap enough that delivery shows. */
function sum(words) {
  let s = 0;
  for (let i = 0; i < words.length; i++) s = (s + words[i]) | 0;
  return s >>> 0;
}

self.onmessage = ({ data }) => {
  if (data.type === 'ping') {
    postMessage({ type: 'pong', id: data.id });
    return;
  }
  if (data.type !== 'sum') return;
  const received = clock();
  const words = data.shared
    ? new Uint32Array(data.shared, data.start * 4, data.end - data.start)
    : new Uint32Array(data.buffer);
  const total = sum(words);
  const done = clock();
  const reply = { type: 'sum', id: data.id, sum: total, received, done };
  if (data.giveBack) {
    postMessage({ ...reply, buffer: data.buffer }, [data.buffer]);
  } else {
    postMessage(reply);
  }
};

postMessage({ type: 'ready' });
