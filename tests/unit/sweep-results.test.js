// How a sweep's points are judged: verified, a demonstration whose checks held, or failed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { completeDocument, failed, pointOf, sweepOf, SweepResults } from '../../www/js/results/sweep-results.js';
import { validateResults } from '../../www/js/results/validate.js';

const point = (workers, digest, check) => ({ workers, digest, check, samples_ms: [10 / workers, 11 / workers, 12 / workers], warmup_ms: [] });
const sweep = () => new SweepResults({ workload: 'w', params: {}, workers: [1, 2] });

test('an exact point verifies only when its check passed and it matches the first point', () => {
  const results = sweep();
  results.add(point(1, 'a', { ok: true, kind: 'exact', detail: '' }));
  results.add(point(2, 'b', { ok: true, kind: 'exact', detail: '' }));
  assert.deepEqual(results.points.map((p) => [p.verified, p.demonstrates, failed(p)]), [[true, null, false], [false, null, true]]);
});

test('a demonstration that differs between worker counts is neither verified nor failed', () => {
  const results = sweep();
  results.add(point(1, 'a', { ok: true, kind: 'demonstration', demonstrates: 'no updates lost this time', detail: '' }));
  results.add(point(2, 'b', { ok: true, kind: 'demonstration', demonstrates: '1,200 updates lost (0.6%)', detail: '' }));
  const runs = results.runs();
  assert.deepEqual(runs.map((r) => [r.check_kind, r.verified, r.demonstrates, failed(r)]), [
    ['demonstration', false, 'no updates lost this time', false],
    ['demonstration', false, '1,200 updates lost (0.6%)', false],
  ]);
  assert.equal(runs[1].identical_to_first, false);
});

test('a demonstration whose own check failed is a failure', () => {
  const results = sweep();
  results.add(point(1, 'a', { ok: false, kind: 'demonstration', demonstrates: null, detail: 'counted more than asked' }));
  assert.equal(failed(results.runs()[0]), true);
});

test('extra fields of a run (a counter, an estimate) travel into the export', () => {
  const results = sweep();
  results.add({ ...point(1, 'a', { ok: true, kind: 'exact', detail: '' }), extra: { counter: { expected: 4, actual: 4, lost: 0 } } });
  assert.deepEqual(results.runs()[0].counter, { expected: 4, actual: 4, lost: 0 });
});

test('the knee is the smallest worker count within the noise of the best speedup', () => {
  const kneeOf = (samplesByK) => {
    const results = new SweepResults({ workload: 'w', params: {}, workers: Object.keys(samplesByK).map(Number) });
    for (const [k, samples] of Object.entries(samplesByK)) {
      results.add({ workers: Number(k), digest: 'd', check: { ok: true, kind: 'exact' }, samples_ms: samples, warmup_ms: [] });
    }
    return results.knee;
  };
  // Two workers already as fast as three: it stops gaining at 2.
  assert.equal(kneeOf({ 1: [100, 100, 100], 2: [50, 50, 50], 3: [50, 51, 50] }).knee, 2);
  // Still rising, clearly apart: the knee is the last point.
  const rising = kneeOf({ 1: [90, 100, 110], 2: [45, 50, 55], 4: [24, 25, 26] });
  assert.deepEqual([rising.knee, rising.best.k], [4, 4]);
  assert.equal(kneeOf({ 1: [10, 10, 10] }), null);
});

test('a saved sweep comes back as it was measured: points, overheads, timeline, extras and verdicts', () => {
  const results = new SweepResults({ workload: 'w', params: {}, workers: [1, 2] }, 0.1);
  const exact = { ok: true, kind: 'exact', detail: 'matches the reference' };
  const timeline = { threads: 2, tasks: [[0, 0, 1]] };
  results.add({ ...point(1, 'a', exact), summary: '3 primes', pool_start_ms: 30.5, dispatch_us: 12, dispatch_cold_us: 40, extra: { counter: { lost: 0 } } });
  results.add({ ...point(2, 'b', exact), summary: '3 primes', pool_start_ms: 31, timeline });
  const doc = { environment: { timerResolution_ms: 0.1 }, runs: results.runs() };
  const again = sweepOf(doc);
  assert.deepEqual(again.runs(), results.runs());
  assert.equal(again.timerResolutionMs, 0.1);
  assert.deepEqual(again.points[1].timeline, timeline);
  assert.deepEqual(again.points[0].extra, { counter: { lost: 0 } });
  // The verdict is derived again, not read: the second point's digest differs from the first's.
  assert.deepEqual(again.points.map((p) => p.verified), [true, false]);
  assert.equal(pointOf({ ...doc.runs[0], verified: true, digest: 'a' }).check.ok, true);
  // What the workload does with memory is the catalogue's word, which the document does not
  // carry: a reload said contention and bandwidth could slow prime counting.
  assert.equal(again.memory, null);
  assert.equal(sweepOf(doc, { id: 'w', params: [], memory: 'compute' }).memory, 'compute');
  assert.equal(sweepOf(doc, { id: 'other', params: [], memory: 'compute' }).memory, null);
});

test('a saved parameter sweep comes back with its varied parameter; mixed or empty documents do not', () => {
  const results = new SweepResults({ workload: 'w', params: { n: 5 }, workers: [2], vary: { name: 'grain', label: 'Grain', kind: 'int', values: [10, 100] } });
  for (const grain of [10, 100]) results.add({ ...point(2, String(grain), { ok: true, kind: 'exact', detail: '' }), summary: 'done', params: { n: 5, grain } });
  const again = sweepOf({ varied: 'grain', runs: results.runs() }, { id: 'w', params: [{ name: 'grain', label: 'Grain', kind: 'int' }] });
  assert.equal(again.varied, 'grain');
  assert.equal(again.variedLabel, 'Grain');
  assert.deepEqual(again.values, [10, 100]);
  assert.deepEqual(again.params, { n: 5 });
  assert.deepEqual(again.runs(), results.runs());
  assert.equal(sweepOf({ runs: [] }), null);
  assert.equal(sweepOf({ runs: [{ ...results.runs()[0] }, { ...results.runs()[1], workload: 'other' }] }), null);
});


test('medians too short for the timer give no speedup, no fit and no NaN', () => {
  // Primes with N = 2 ran under one 5 µs step: the page read "speedup Infinity×", "NaN×" and s = 1.
  const ok = { ok: true, kind: 'exact', detail: '' };
  const timed = (samplesByK, resolution = 0.005) => {
    const results = new SweepResults({ workload: 'w', params: {}, workers: Object.keys(samplesByK).map(Number) }, resolution);
    for (const [k, samples] of Object.entries(samplesByK)) results.add({ workers: Number(k), digest: 'd', check: ok, samples_ms: samples, warmup_ms: [] });
    return results;
  };
  const zero = timed({ 1: [0, 0, 0.005], 2: [0, 0.005, 0] });
  assert.deepEqual(zero.derived.map((d) => d.speedup), [null, null]);
  assert.equal(zero.fit, null);
  assert.deepEqual(zero.untimed.map((p) => p.workers), [1, 2]);
  assert.ok(zero.runs().every((r) => r.speedup === null && r.efficiency === null && r.karp_flatt === null));
  // Ten steps is enough; below it on 1 worker, every speedup goes (each divides by that time).
  assert.deepEqual(timed({ 1: [0.1, 0.1, 0.1], 2: [0.05, 0.05, 0.05] }).derived.map((d) => d.speedup), [1, 2]);
  assert.deepEqual(timed({ 1: [0.04, 0.04, 0.04], 2: [0.06, 0.06, 0.06] }).derived.map((d) => d.speedup), [null, null]);
  // A short 1-worker time and timed later counts (dispatch alone takes tens of µs): no fit either,
  // though the Amdahl fit needs no 1-worker run (it had given s = 1 from 2 and 4 workers).
  const base = timed({ 1: [0.02, 0.02, 0.02], 2: [0.08, 0.08, 0.08], 4: [0.11, 0.11, 0.11] });
  assert.deepEqual(base.derived.map((d) => d.speedup), [null, null, null]);
  assert.equal(base.fit, null);
  assert.equal(base.shortRunsAreWhy, true);
  // Without a 1-worker run, a missing speedup is not put down to short runs.
  assert.equal(timed({ 2: [0.5, 0.5], 4: [0.02, 0.02] }).shortRunsAreWhy, false);
  // Only the short point goes where the 1-worker time is long enough, and the fit keeps the rest.
  const some = timed({ 1: [1, 1, 1], 2: [0.5, 0.5, 0.5], 4: [0.03, 0.03, 0.03] });
  assert.deepEqual(some.derived.map((d) => d.speedup), [1, 2, null]);
  assert.equal(some.fit.points, 2);
  // Where the timer's step is not known, only a median of 0 is too short.
  assert.deepEqual(timed({ 1: [0.001, 0.001], 2: [0, 0] }, 0).derived.map((d) => d.speedup), [1, null]);
  assert.deepEqual(timed({ 1: [0.002, 0.002], 2: [0.001, 0.001] }, 0).derived.map((d) => d.speedup), [1, 2]);
});

test('a re-export writes every overhead, null where the run has none, as the format does', () => {
  // The native runner's "instantiate_ms": null (it loads no WebAssembly) was dropped by the
  // Results page's Export; the README's format writes null where an overhead does not apply.
  const runs = [1, 2].map((workers) => ({ workload: 'w', params: {}, workers, scaling: 'strong', samples_ms: [10 / workers, 11 / workers],
    verified: true, check_kind: 'exact', digest: 'd', instantiate_ms: null, pool_start_ms: 0.2 }));
  const doc = completeDocument(validateResults({ format: 'corelab-results', version: 1, environment: { runtime: 'native' }, runs }));
  assert.deepEqual(doc.runs.map((r) => [r.instantiate_ms, r.pool_start_ms]), [[null, 0.2], [null, 0.2]]);
  assert.ok(doc.runs.every((r) => 'instantiate_ms' in r));
});
