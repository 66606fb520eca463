// The statistics the page and the runners report: medians, the Amdahl fit, and the parsing of
// what a person types. Synthetic data with known answers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { amdahlSpeedup, checkParam, fitAmdahl, median, parseNumber, parseWorkers, speedups } from '../../www/js/stats.js';

const amdahlPoints = (s, t1, ks) => ks.map((k) => ({ workers: k, median_ms: t1 * (s + (1 - s) / k) }));

test('median of odd and even counts, unsorted input untouched', () => {
  const input = [5, 1, 3];
  assert.equal(median(input), 3);
  assert.deepEqual(input, [5, 1, 3]);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.throws(() => median([]));
});

test('a perfect Amdahl curve recovers its serial fraction', () => {
  for (const s of [0, 0.05, 0.1, 0.25, 0.3, 0.9, 1]) {
    for (const ks of [[1, 2], [1, 2, 4, 8], [2, 3]]) {
      const fit = fitAmdahl(amdahlPoints(s, 1000, ks));
      assert.ok(Math.abs(fit.serial_fraction - s) < 1e-9, `s=${s} ks=${ks}: ${fit.serial_fraction}`);
      assert.ok(Math.abs(fit.t1_ms - 1000) < 1e-6);
      assert.ok(fit.rms_residual_ms < 1e-6);
    }
  }
});

test('noisy measurements give a fit near the truth', () => {
  const noisy = amdahlPoints(0.2, 800, [1, 2, 3, 4]).map((p, i) => ({ ...p, median_ms: p.median_ms * (1 + [0.01, -0.01, 0.02, -0.015][i]) }));
  assert.ok(Math.abs(fitAmdahl(noisy).serial_fraction - 0.2) < 0.03);
});

test('the fit clamps superlinear and slowdown cases, keeping the raw value', () => {
  const superlinear = fitAmdahl([{ workers: 1, median_ms: 100 }, { workers: 2, median_ms: 45 }]);
  assert.equal(superlinear.serial_fraction, 0);
  assert.ok(superlinear.raw_serial_fraction < 0);
  const slower = fitAmdahl([{ workers: 1, median_ms: 100 }, { workers: 2, median_ms: 120 }]);
  assert.equal(slower.serial_fraction, 1);
  assert.ok(slower.raw_serial_fraction > 1);
});

test('the fit needs two distinct worker counts', () => {
  assert.equal(fitAmdahl([]), null);
  assert.equal(fitAmdahl([{ workers: 2, median_ms: 10 }, { workers: 2, median_ms: 11 }]), null);
});

test('speedup and efficiency against the 1-worker median', () => {
  const points = [{ workers: 1, median_ms: 100 }, { workers: 2, median_ms: 50 }, { workers: 4, median_ms: 40 }];
  assert.deepEqual(speedups(points), [{ speedup: 1, efficiency: 1 }, { speedup: 2, efficiency: 1 }, { speedup: 2.5, efficiency: 0.625 }]);
  assert.deepEqual(speedups(points.slice(1)), [{ speedup: null, efficiency: null }, { speedup: null, efficiency: null }]);
  assert.equal(amdahlSpeedup(0.25, 2), 1.6);
});

test('worker lists and ranges', () => {
  for (const [text, expected] of [
    ['1,2', [1, 2]], ['1-4', [1, 2, 3, 4]], ['4, 1, 2, 2', [1, 2, 4]], ['1..3,8', [1, 2, 3, 8]], [' 3 ', [3]],
  ]) assert.deepEqual(parseWorkers(text, 8).values, expected, text);
  for (const [text, needle] of [
    ['0', 'out of range'], ['9', 'out of range'], ['3-1', 'out of range'], ['', 'enter whole numbers'],
    ['two', 'not a number'], ['1.5', 'not a number'], ['-1', 'not a number'],
  ]) {
    const { error } = parseWorkers(text, 8);
    assert.match(error, new RegExp(needle), text);
    assert.match(error, /from 1 to 8/, text);
  }
});

test('numbers as people type them', () => {
  for (const [text, value] of [['5000000', 5e6], ['5,000,000', 5e6], ['5 000 000', 5e6], ['5_000_000', 5e6], ['1e6', 1e6], ['0.25', 0.25], ['.5', 0.5]]) {
    assert.equal(parseNumber(text), value, text);
  }
  for (const text of ['', 'abc', '12abc', '1,2,3', '--1', '0x10']) assert.ok(Number.isNaN(parseNumber(text)), text);
});

test('parameter checks name the field and the range', () => {
  const spec = { label: 'N', kind: 'integer', min: 2, max: 1_000_000 };
  assert.equal(checkParam(spec, 10), null);
  assert.equal(checkParam(spec, 1), 'N must be from 2 to 1,000,000 (got 1).');
  assert.equal(checkParam(spec, 2.5), 'N must be a whole number from 2 to 1,000,000.');
  assert.equal(checkParam(spec, NaN), 'N must be a number from 2 to 1,000,000.');
  assert.equal(checkParam({ ...spec, kind: 'number', min: 0, max: 1 }, 0.5), null);
  const choice = { label: 'Schedule', kind: 'choice', choices: ['static', 'stealing'] };
  assert.equal(checkParam(choice, 'stealing'), null);
  assert.equal(checkParam(choice, 'random'), 'Schedule must be one of static, stealing.');
});
