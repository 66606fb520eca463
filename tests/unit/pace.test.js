// How long a running sweep still needs (www/js/experiment/pace.js): said beside its progress
// where that is long, so that a reader who set sizes for days can cancel instead of waiting.
import assert from 'node:assert/strict';
import test from 'node:test';
import { formatDuration, leastTimeLeft } from '../../www/js/experiment/pace.js';

const sweep = (workers, extra = {}) => ({
  repeatMode: 'fixed', repeats: 10, warmup: 1, scaling: 'strong', vary: null, budgetMs: null,
  points: workers.map((k) => ({ workers: k })), ...extra,
});

test('time left: this point\'s runs to go, then each later point\'s as if its speedup were ideal', () => {
  const request = sweep([1, 2, 4]);
  // On 1 worker, 60 s a run, at repeat 3 of 10 (done = 2): 8 timed runs and the traced one here,
  // then 12 runs of 30 s on 2 workers and 12 of 15 s on 4.
  assert.equal(leastTimeLeft(request, 0, { phase: 'repeat', done: 2 }, 60_000), 9 * 60_000 + 12 * 30_000 + 12 * 15_000);
  // During the warm-up: all 12 runs of this point.
  assert.equal(leastTimeLeft(request, 0, { phase: 'warmup', done: 0 }, 60_000), 12 * 60_000 + 12 * 30_000 + 12 * 15_000);
  // The last point's traced run: only it.
  assert.equal(leastTimeLeft(request, 2, { phase: 'timeline', done: 0 }, 15_000), 15_000);
  // Under weak scaling (and over a parameter's values) later points take as long as this one.
  assert.equal(leastTimeLeft(sweep([1, 2], { scaling: 'weak' }), 0, { phase: 'repeat', done: 9 }, 1000), 2 * 1000 + 12 * 1000);
  // Nothing timed yet, or a phase that says nothing about the runs: no estimate.
  assert.equal(leastTimeLeft(request, 0, { phase: 'repeat', done: 0 }, null), null);
  assert.equal(leastTimeLeft(request, 0, { phase: 'pool', done: 0 }, 1000), null);
});

test('time left under Auto: its fewest samples, or fewer where one run already spends the budget', () => {
  const auto = sweep([1, 2], { repeatMode: 'auto', repeats: null, budgetMs: 30_000 });
  // 1 s runs: at least 6 timed runs a point (a precise median needs 6).
  assert.equal(leastTimeLeft(auto, 0, { phase: 'warmup', done: 0 }, 1000), 8 * 1000 + 8 * 500);
  // 40 s runs: the budget of 30 s is spent after one, so one timed run a point (the 2-worker
  // point's 20 s runs need two).
  assert.equal(leastTimeLeft(auto, 0, { phase: 'warmup', done: 0 }, 40_000), 3 * 40_000 + 4 * 20_000);
});

test('durations read as a person says them', () => {
  assert.equal(formatDuration(40_000), '40 s');
  assert.equal(formatDuration(12 * 60_000), '12 min');
  assert.equal(formatDuration((3 * 60 + 20) * 60_000), '3 h 20 min');
  assert.equal(formatDuration(3 * 3600_000), '3 h');
  assert.equal(formatDuration((2 * 24 + 4) * 3600_000), '2 days 4 h');
  assert.equal(formatDuration(24 * 3600_000), '1 day');
});
