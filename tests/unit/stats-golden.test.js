// The golden file shared with the native runner's statistics (src/stats.rs, its `golden_*`
// tests): the page's www/js/stats.js must give the same values for the same inputs, the
// generator's draws and the bootstrap ranges bit for bit. How the expected values were obtained
// is in the file's comment and in tests/fixtures/stats-golden.py, which writes it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED, LEVEL, Xoshiro256pp, autoStop, bootstrapRange, fitAmdahl, fitAmdahlMedians,
  fitGustafson, fitGustafsonMedians, karpFlatt, median, medianInterval, relativeHalfWidth, splitMix64,
} from '../../www/js/stats.js';

const golden = JSON.parse(readFileSync(new URL('../fixtures/stats-golden.json', import.meta.url), 'utf8'));
const { tolerance } = golden;

/** Within the file's tolerance of an exact value rounded once: relative, or absolute below 1
 *  (or below `scale`: a fit's times are matched relative to its t1). */
function assertClose(actual, expected, what, scale = 1) {
  assert.equal(typeof actual, 'number', `${what}: ${actual}`);
  const bound = tolerance * Math.max(1, Math.abs(expected), scale);
  assert.ok(Math.abs(actual - expected) <= bound, `${what}: ${actual} vs ${expected}`);
}

test('golden: the generator is xoshiro256++ seeded by SplitMix64, with the same index mapping', () => {
  const { splitmix64_reference: sm, xoshiro256pp_reference: xo, seeded } = golden.generator;
  const next = splitMix64(BigInt(sm.seed));
  for (const expected of sm.outputs) assert.equal(next(), BigInt(expected), 'SplitMix64 reference');
  const reference = new Xoshiro256pp(xo.state.map(BigInt));
  for (const expected of xo.outputs) assert.equal(reference.nextU64(), BigInt(expected), 'xoshiro256++ reference');

  assert.equal(seeded.seed, BOOTSTRAP_SEED);
  let rng = Xoshiro256pp.seedFromU64(seeded.seed);
  for (const expected of seeded.outputs) assert.equal(rng.nextU64(), BigInt(expected), 'seeded outputs');
  rng = Xoshiro256pp.seedFromU64(seeded.seed);
  for (const expected of seeded.units) assert.equal(rng.nextUnit(), Number(expected), 'seeded units');
  rng = Xoshiro256pp.seedFromU64(seeded.seed);
  for (const [n, index] of seeded.draws) assert.equal(rng.nextIndex(n), index, `an index below ${n}`);
});

test('golden: medians, their intervals with levels, and Auto repeats\' stop decisions', () => {
  assert.equal(golden.level, LEVEL);
  for (const { name, values, median: expected } of golden.median) assertClose(median(values), expected, name);
  for (const c of golden.median_interval) {
    const interval = medianInterval(c.samples);
    // Order statistics are samples: exactly.
    assert.equal(interval.low, c.low, `${c.name}: low`);
    assert.equal(interval.high, c.high, `${c.name}: high`);
    assertClose(interval.level, c.level, `${c.name}: level`);
    assertClose(relativeHalfWidth(c.samples), c.relative_half_width, `${c.name}: relative half-width`);
  }
  for (const c of golden.auto_stop) assert.equal(autoStop(c.samples, c.elapsed_ms, c.budget_ms), c.stop, c.name);
});

test('golden: Karp-Flatt, and the Amdahl and Gustafson fits with raw and clamped values', () => {
  for (const c of golden.karp_flatt) {
    const value = karpFlatt(c.speedup, c.workers);
    if (c.value === null) assert.equal(value, null, c.name);
    else assertClose(value, c.value, c.name);
  }
  for (const c of golden.amdahl) {
    const fit = fitAmdahl(c.points.map(([workers, median_ms]) => ({ workers, median_ms })));
    if (c.fit === null) {
      assert.equal(fit, null, c.name);
      continue;
    }
    assert.ok(fit, `${c.name}: a fit`);
    const t1 = c.fit.t1_ms;
    for (const [field, scale] of [['serial_fraction', 1], ['raw_serial_fraction', 1], ['t1_ms', t1], ['rms_residual_ms', t1]]) {
      assertClose(fit[field], c.fit[field], `${c.name}: ${field}`, scale);
    }
    assert.equal(fit.points, c.fit.points, c.name);
    // No samples, no range.
    assert.deepEqual([fit.serial_fraction_low, fit.serial_fraction_high], [null, null], c.name);
  }
  for (const c of golden.gustafson) {
    const fit = fitGustafson(c.points);
    if (c.fit === null) {
      assert.equal(fit, null, c.name);
      continue;
    }
    assertClose(fit.raw_serial_fraction, c.fit.raw_serial_fraction, `${c.name}: raw`);
    assertClose(fit.serial_fraction, c.fit.serial_fraction, `${c.name}: clamped`);
  }
});

test('golden: bootstrap ranges, bit for bit, directly and as the page\'s fits report them', () => {
  assert.equal(golden.bootstrap_seed, BOOTSTRAP_SEED);
  assert.equal(golden.bootstrap_resamples, BOOTSTRAP_RESAMPLES);
  for (const c of golden.bootstrap) {
    const expected = c.range && { low: Number(c.range[0]), high: Number(c.range[1]) };
    const points = c.points.map((p) => ({ ...p, median_ms: median(p.samples_ms) }));
    // The refits as the page's fitAmdahl / fitGustafson bootstrap them: the clamped s.
    const refit = c.model === 'amdahl'
      ? (resampled) => fitAmdahlMedians(resampled)?.serial_fraction
      : (resampled) => fitGustafsonMedians(resampled)?.serial_fraction;
    const range = bootstrapRange(points, refit);
    assert.deepEqual(range, expected, c.name);
    // The same range reaches the results: fitAmdahl and fitGustafson carry it, when they fit.
    const fit = (c.model === 'amdahl' ? fitAmdahl : fitGustafson)(points);
    if (!fit) {
      assert.equal(expected, null, `${c.name}: no fit, no range`);
      continue;
    }
    const reported = { low: fit.serial_fraction_low, high: fit.serial_fraction_high };
    assert.deepEqual(reported, expected ?? { low: null, high: null }, `${c.name}: as fitted`);
  }
});
