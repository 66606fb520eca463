// The statistics the page and the runners report: medians, the Amdahl fit, and the parsing of
// what a person types. Synthetic data with known answers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkParam, parseNumber, parseWorkers } from '../../www/js/input.js';
import {
  againstBound, AUTO, amdahlSpeedup, autoStop, bootstrapRange, fitAmdahl, fitGustafson, gustafsonSpeedup, karpFlatt, median,
  levelPercent, medianInterval, ratioText, relativeHalfWidth, seededRandom, serialRangeText, speedups, timesIntervalText,
} from '../../www/js/stats.js';

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

test('speedup, efficiency and Karp-Flatt against the 1-worker median', () => {
  const points = [{ workers: 1, median_ms: 100 }, { workers: 2, median_ms: 50 }, { workers: 4, median_ms: 40 }];
  const derived = speedups(points);
  assert.deepEqual(derived.map((d) => [d.speedup, d.efficiency]), [[1, 1], [2, 1], [2.5, 0.625]]);
  assert.deepEqual(derived.map((d) => d.karp_flatt?.toFixed(12) ?? null), [null, '0.000000000000', '0.200000000000']);
  assert.ok(speedups(points.slice(1)).every((d) => d.speedup === null && d.efficiency === null));
  assert.equal(amdahlSpeedup(0.25, 2), 1.6);
});

test('the 1-worker point\'s speedup is 1 with no interval; the others get theirs from both medians', () => {
  // An engineer read "1.00× at 1 (interval 0.51–1.96)": T1 against itself.
  const samples = (ms) => [0.9, 0.95, 1, 1.05, 1.1, 0.97, 1.02, 1.01].map((f) => f * ms);
  const points = [1, 2].map((workers) => ({ workers, median_ms: 100 / workers, samples_ms: samples(100 / workers) }));
  const [one, two] = speedups(points);
  assert.deepEqual([one.speedup, one.low, one.high], [1, null, null]);
  assert.ok(two.low < two.speedup && two.speedup < two.high);
});

// A seeded normal deviate (Box-Muller) and skewed timings around a known median.
function normal(random) {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}
const timings = (random, n, medianMs, spread = 0.05) => Array.from({ length: n }, () => medianMs * Math.exp(spread * normal(random)));

test('the median interval uses the textbook ranks and says what it covers', () => {
  const ranks = (n) => Array.from({ length: n }, (_, i) => i + 1);
  assert.deepEqual(medianInterval(ranks(15)), { low: 4, high: 12, level: 0.96484375 }); // ranks 4 and 12
  assert.deepEqual(medianInterval(ranks(6)), { low: 1, high: 6, level: 0.96875 });
  assert.deepEqual(medianInterval(ranks(5)), { low: 1, high: 5, level: 0.9375 }); // too few for 95%
  assert.deepEqual(medianInterval([7]), { low: 7, high: 7, level: 0 });
  for (const n of [6, 7, 10, 20, 50, 100]) assert.ok(medianInterval(ranks(n)).level >= 0.95, `n=${n}`);
  // Written the same everywhere, never rounded up: 5 samples cover 93.75%, shown as 93%; an
  // interval that reaches 95% is a 95% interval, as the headings say.
  assert.deepEqual([0.9375, 0.95, 0.96484375, 0.96875, 0.29, 0].map(levelPercent), ['93%', '95%', '95%', '95%', '29%', '0%']);
});

test('a ratio and its interval read the same on the playground and the Results page', () => {
  // The level goes inside the brackets only where it is below 95% (two runs: min to max, 50%).
  assert.equal(ratioText(1.9234, 1.71, 2.569, 0.5), '1.92× (1.71–2.57, 50%)');
  assert.equal(ratioText(1.9234, 1.71, 2.569, 0.95), '1.92× (1.71–2.57)');
  assert.equal(ratioText(1.5, 1.4, 1.6, 0.5, '× scaled'), '1.50× scaled (1.40–1.60, 50%)');
  assert.equal(ratioText(1, null, null, 0.95), '1.00×');
  assert.equal(ratioText(1.44, 1.44, 1.44, 0), '1.44× (one run: no interval)'); // not "(1.44–1.44, 0%)"
});

test('a fit\'s range of s is written alike everywhere, and one whose ends show alike does not read as certainty', () => {
  const fit = (s, low, high) => ({ serial_fraction: s, serial_fraction_low: low, serial_fraction_high: high });
  assert.equal(serialRangeText(fit(0.25, 0.2104, 0.2896)), ' (95% range 0.210–0.290)');
  assert.equal(serialRangeText(fit(0.25, 0.2104, 0.2896), ', by bootstrap'), ' (95% range 0.210–0.290, by bootstrap)');
  assert.equal(serialRangeText(fit(0.25, null, null)), '');
  assert.equal(serialRangeText(null), '');
  // A 0.71× run on 2 workers: every resample but a few stopped at s = 1 ("1.000–1.000").
  assert.equal(serialRangeText(fit(1, 1, 1), ', by bootstrap'), ' (its 95% range shrinks to the bound of 1: the fit keeps s between 0 and 1)');
  assert.equal(serialRangeText(fit(0, 0, 0.0004)), ' (its 95% range shrinks to the bound of 0: the fit keeps s between 0 and 1)');
  assert.equal(serialRangeText(fit(0.3, 0.2999, 0.3001), ', by bootstrap'), ' (95% range under 0.001 wide, by bootstrap)');
  // Two runs a point: "95% range 0.088–0.091" stood beside medians whose intervals cover 50%.
  const runs = (n) => [1, 2].map((workers) => ({ workers, samples_ms: Array(n).fill(10), ci_level: medianInterval(Array(n).fill(10)).level }));
  assert.equal(serialRangeText(fit(0.09, 0.0881, 0.0912), ', by bootstrap', runs(2)),
    ' (range 0.088–0.091, from only 2 runs a point: too few for a 95% range)');
  assert.equal(serialRangeText(fit(1, 1, 1), '', runs(3)),
    ' (its range shrinks to the bound of 1: the fit keeps s between 0 and 1)');
  assert.equal(serialRangeText(fit(0.09, 0.0881, 0.0912), ', by bootstrap', runs(6)), ' (95% range 0.088–0.091, by bootstrap)');
  // One run a point: no range at all, not "under 0.001 wide".
  assert.equal(serialRangeText(fit(0.3, 0.3, 0.3), ', by bootstrap', runs(1)), ' (no range: one run a point)');
});

test('an interval of times reads the same in the playground table and the Results comparison', () => {
  assert.equal(timesIntervalText(128.26, 131.44, 0.5), '128.3–131.4 (50%)');
  assert.equal(timesIntervalText(128.26, 131.44, 0.9688), '128.3–131.4');
  assert.equal(timesIntervalText(14329.4, 14329.4, 0), '— (one run)'); // not "14329.4–14329.4 (0%)"
  assert.equal(timesIntervalText(128.26, 131.44, 0.9375), '128.3–131.4 (93%)');
});

test('the median interval covers the true median at its stated rate (seeded simulation)', () => {
  const random = seededRandom(42);
  for (const n of [6, 9, 15, 30]) {
    const trials = 4000;
    let covered = 0;
    let stated = 0;
    for (let t = 0; t < trials; t++) {
      const { low, high, level } = medianInterval(timings(random, n, 100));
      if (low <= 100 && 100 <= high) covered++;
      stated = level;
    }
    const rate = covered / trials;
    // 4000 trials: the binomial standard error is under 0.004, so 0.012 is three of them.
    assert.ok(Math.abs(rate - stated) < 0.012, `n=${n}: covered ${rate}, stated ${stated}`);
    assert.ok(rate > 0.94, `n=${n}: covered ${rate}`);
  }
});

test('Auto repeats stops when precise, when the budget is spent, or at the cap', () => {
  const steady = Array(AUTO.minSamples).fill(100);
  assert.equal(autoStop(steady.slice(1), 0, 10_000), null, 'too few for a 95% interval');
  assert.equal(autoStop(steady, 0, 10_000), 'precise');
  const noisy = [100, 150, 90, 130, 80, 160, 95, 140];
  assert.ok(relativeHalfWidth(noisy) > AUTO.target);
  assert.equal(autoStop(noisy, 5_000, 10_000), null);
  assert.equal(autoStop(noisy, 10_000, 10_000), 'budget');
  assert.equal(autoStop(noisy.concat(Array(AUTO.maxSamples).fill(100)).slice(0, AUTO.maxSamples).map((v, i) => v + (i % 2) * 50), 0, 1e9), 'max');
});

test('the bootstrap range of the Amdahl fit contains the true s and narrows with more samples', () => {
  const random = seededRandom(7);
  const width = (n) => {
    const points = [1, 2, 4].map((k) => ({ workers: k, samples_ms: timings(random, n, 1000 * amdahlSpeedup(0.2, k) ** -1, 0.02) }));
    for (const p of points) p.median_ms = median(p.samples_ms);
    const fit = fitAmdahl(points);
    assert.ok(fit.serial_fraction_low <= 0.2 && 0.2 <= fit.serial_fraction_high, `n=${n}: ${fit.serial_fraction_low}-${fit.serial_fraction_high}`);
    assert.ok(fit.serial_fraction_low <= fit.serial_fraction && fit.serial_fraction <= fit.serial_fraction_high);
    return fit.serial_fraction_high - fit.serial_fraction_low;
  };
  assert.ok(width(40) < width(8));
  assert.equal(bootstrapRange([{ samples_ms: [1] }], () => null), null);
});

test('Karp-Flatt on a perfect Amdahl curve is the constant s', () => {
  for (const s of [0, 0.1, 0.3]) {
    for (const k of [2, 3, 4, 8, 64]) assert.ok(Math.abs(karpFlatt(amdahlSpeedup(s, k), k) - s) < 1e-12, `s=${s} k=${k}`);
  }
  assert.equal(karpFlatt(1.5, 1), null);
});

test("weak scaling: scaled speedup from the work factor, and Gustafson's fit recovers s", () => {
  for (const s of [0, 0.1, 0.3]) {
    // Work grows k-fold; a perfect Gustafson machine then takes T1 * (s + (1 - s) k) / S(k) = T1.
    const points = [1, 2, 4, 8].map((k) => ({ workers: k, work_factor: k, median_ms: (500 * k) / gustafsonSpeedup(s, k) }));
    const derived = speedups(points, 'weak');
    points.forEach((p, i) => assert.ok(Math.abs(derived[i].speedup - gustafsonSpeedup(s, p.workers)) < 1e-9));
    assert.ok(derived.every((d) => d.karp_flatt === null), 'Karp-Flatt is a strong-scaling measure');
    assert.ok(Math.abs(fitGustafson(points).serial_fraction - s) < 1e-9, `s=${s}`);
  }
  assert.equal(fitGustafson([{ workers: 1, work_factor: 1, median_ms: 10 }]), null);
});

test('worker lists and ranges', () => {
  for (const [text, expected] of [
    ['1,2', [1, 2]], ['1-4', [1, 2, 3, 4]], ['4, 1, 2, 2', [1, 2, 4]], ['1..3,8', [1, 2, 3, 8]], [' 3 ', [3]],
  ]) assert.deepEqual(parseWorkers(text, 8).values, expected, text);
  for (const [text, needle] of [
    ['0', 'out of range'], ['9', 'out of range'], ['3-1', 'runs backwards; write it from low to high \\(1-3\\)'], ['', 'enter whole numbers'],
    ['two', '"two" is not a number'], ['1.5', '"1.5" is not a whole number'], ['-1', '"-1" is out of range'],
    // A student typed 1e9 and read that it "is not a number".
    ['1e9', '"1e9" is not written as digits alone;'], ['4e0', '"4e0" is not written as digits alone \\(write 4\\)'],
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
  assert.equal(checkParam(spec, parseNumber('9'.repeat(5000))), 'N must be from 2 to 1,000,000 (got a number too large to hold).');
  assert.equal(checkParam({ ...spec, kind: 'number', min: 0, max: 1 }, 0.5), null);
  const choice = { label: 'Schedule', kind: 'choice', choices: ['static', 'stealing'] };
  assert.equal(checkParam(choice, 'stealing'), null);
  assert.equal(checkParam(choice, 'random'), 'Schedule must be one of static, stealing.');
});

test('a speedup against the law for the s set: beyond its interval either way, else near or unsure', () => {
  // The playground's line and a lesson's explanation read a run by this alike.
  assert.equal(againstBound({ value: 1.63, low: 1.61, high: 1.65 }, 1.6), 'above');
  assert.equal(againstBound({ value: 1.55, low: 1.51, high: 1.59 }, 1.6), 'below');
  assert.equal(againstBound({ value: 1.55, low: 1.4, high: 1.7 }, 1.6), 'near');
  assert.equal(againstBound({ value: 1.02, low: 0.6, high: 1.7 }, 1.6), 'unsure');
  assert.equal(againstBound({ value: 1.6, low: null, high: null }, 1.6), 'near');
  // Below 95% (fewer than six runs), an interval that leaves the bound out is too few runs to call.
  assert.equal(againstBound({ value: 1.63, low: 1.61, high: 1.65, level: 0.75 }, 1.6), 'few');
  assert.equal(againstBound({ value: 1.61, low: null, high: null, level: 0 }, 1.6), 'few');
  assert.equal(againstBound({ value: 1.6, low: 1.55, high: 1.65, level: 0.75 }, 1.6), 'near');
});
