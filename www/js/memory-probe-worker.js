// The page's check that shared WebAssembly memory really reaches a worker (checkCapabilities in
// environment.js), as the thread pool needs: it receives a shared WebAssembly.Memory, writes a
// mark into it and answers. The page then reads the mark through its own view, which only
// memory that is truly shared shows.
self.onmessage = ({ data }) => {
  const { memory, mark } = data ?? {};
  if (!(memory instanceof WebAssembly.Memory)) {
    self.postMessage({ ok: false, error: 'the worker received no WebAssembly.Memory' });
    return;
  }
  Atomics.store(new Int32Array(memory.buffer), 0, mark);
  self.postMessage({ ok: true });
};

self.onmessageerror = () => {
  self.postMessage({ ok: false, error: 'the worker could not receive it (messageerror)' });
};
