// One sweep at a time per page: experiments compete for the same cores, so a second Run waits
// its turn instead of halving both measurements. Every Experiment on a page shares `runQueue`.

export class QueueLeft extends Error {
  constructor() {
    super('left the queue');
    this.name = 'QueueLeft';
  }
}

export class RunQueue {
  #running = null; // the owner whose sweep is in flight
  #waiting = []; // [{ owner, resolve, reject, onWait }] in arrival order

  /**
   * Resolves when `owner` may run. While it waits, `onWait(ahead)` is called with the number of
   * sweeps before it (the one running included), again whenever that number falls.
   */
  acquire(owner, onWait = () => {}) {
    if (!this.#running) {
      this.#running = owner;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      this.#waiting.push({ owner, resolve, reject, onWait });
      onWait(this.#waiting.length);
    });
  }

  /** Ends `owner`'s turn (after its sweep) and lets the next in line run. */
  release(owner) {
    if (this.#running !== owner) return;
    this.#running = null;
    const next = this.#waiting.shift();
    if (next) {
      this.#running = next.owner;
      next.resolve();
    }
    this.#waiting.forEach((entry, i) => entry.onWait(i + 1));
  }

  /** Takes a waiting `owner` out of the line; its acquire() rejects with QueueLeft. */
  leave(owner) {
    const index = this.#waiting.findIndex((entry) => entry.owner === owner);
    if (index < 0) return;
    const [entry] = this.#waiting.splice(index, 1);
    entry.reject(new QueueLeft());
    this.#waiting.forEach((e, i) => e.onWait(i + 1));
  }
}

/** The page's one queue. */
export const runQueue = new RunQueue();
