// Statistics and models for a sweep. Pure functions, no DOM: the page, the headless runner and
// the unit tests (tests/unit/stats.test.js) share them.

/** The median of a non-empty list of numbers. */
export function median(values) {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median, min and max of one point's timed samples. */
export function summarize(samples) {
  return { median: median(samples), min: Math.min(...samples), max: Math.max(...samples) };
}

/** The confidence level of every interval. */
export const LEVEL = 0.95;

/** A level as the page writes it, the same in the table, the charts and the lessons: 95% when
 *  the interval reaches it (it is a 95% interval, whatever it covers beyond), else whole percent
 *  rounded down so it never claims more than it covers (93.75% is 93%). */
export function levelPercent(level) {
  return level >= LEVEL ? `${LEVEL * 100}%` : `${Math.floor(level * 100 + 1e-9)}%`; // 0.29 * 100 is 28.999…
}

/** A ratio (a speedup, a throughput against a baseline) with its interval, written one way on
 *  every page: "1.92× (1.71–2.57)", with the level inside the brackets where it is below 95%,
 *  "1.92× (1.71–2.57, 50%)"; `unit` follows the number ("× scaled"). No interval, no brackets. */
export function ratioText(value, low, high, level, unit = '×') {
  // From one run each, no interval: "1.44× (1.44–1.44, 0%)" read as a certainty of nothing, as the
  // times' "— (one run)" beside it says.
  const interval = low == null || high == null ? '' : level === 0 ? ' (one run: no interval)'
    : ` (${low.toFixed(2)}–${high.toFixed(2)}${level < LEVEL ? `, ${levelPercent(level)}` : ''})`;
  return `${value.toFixed(2)}${unit}${interval}`;
}

/** A speedup or its ceiling as a reader takes it in: one decimal below 10×, whole above ("702×",
 *  not "701.6×", whose decimal no measurement supports). */
export function speedupText(value) {
  return `${value < 10 ? value.toFixed(1) : Math.round(value)}×`;
}

/** The ends of a fit's bootstrap range of s as the pages show them (three decimals), or null
 *  where the fit has none. Ends that show alike are no range to draw or to quote. */
export function serialRangeEnds(fit) {
  return fit?.serial_fraction_low == null ? null : [fit.serial_fraction_low, fit.serial_fraction_high].map((s) => s.toFixed(3));
}

/**
 * A fit's bootstrap range of s as every page writes it after "s = 0.250": " (95% range
 * 0.210–0.290)", with `by` after the range (", by bootstrap"); '' where the fit has none. A range
 * whose ends show alike says so rather than "1.000–1.000", which read as certainty. At s = 0 or 1
 * nearly every resample stopped at the bound the fit keeps s within: that tells only that no s
 * inside the bounds fits better.
 */
export function serialRangeText(fit, by = '', points = []) {
  if (fit?.serial_fraction_low == null) return '';
  // One run a point gives every resample the same medians: no range at all ("under 0.001 wide"
  // from one run read as precision).
  if (points.length && lowestLevel(points) === 0) return ' (no range: one run a point)';
  const [low, high] = serialRangeEnds(fit);
  // Fewer than six runs a point (the medians' own intervals are then min to max): resampling
  // so few draws the same handful of medians, and "95%" would claim what they cannot show.
  const few = lowestLevel(points) < LEVEL;
  const runs = few ? Math.min(...points.map((p) => p.samples_ms.length)) : 0;
  const named = few ? 'range' : '95% range';
  const [tail, where] = few ? [`, from only ${runs} run${runs === 1 ? '' : 's'} a point: too few for a 95% range`, ''] : ['', by];
  if (low !== high) return ` (${named} ${low}–${high}${where}${tail})`;
  const bound = Number(low) === 0 || Number(low) === 1;
  return bound ? ` (its ${named} shrinks to the bound of ${Number(low)}: the fit keeps s between 0 and 1)` : ` (${named} under 0.001 wide${where}${tail})`;
}

/** A median's interval of times in ms, written one way on every page: "128.3–131.4", with the
 *  level after it where it is below 95% ("128.3–131.4 (50%)"). */
export function timesIntervalText(low, high, level, text = (ms) => ms.toFixed(1)) {
  // One run is no interval: "14329.4–14329.4 (0%)" read as a certainty of nothing.
  if (level === 0) return '— (one run)';
  return `${text(low)}–${text(high)}${level < LEVEL ? ` (${levelPercent(level)})` : ''}`;
}

/**
 * A distribution-free confidence interval for the median: the order statistics x(l) and
 * x(n+1-l), with l the largest rank for which P(l <= B <= n-l) >= level, B ~ Binomial(n, 1/2).
 * It assumes nothing about the shape of the timings (they are skewed: runs are slowed, never
 * sped up, by interference). Below 6 samples no pair of ranks reaches 95%; the interval is then
 * min..max and `level` says what it actually covers (93.8% for 5 samples).
 */
export function medianInterval(samples, level = LEVEL) {
  const n = samples.length;
  if (n === 0) throw new Error('interval of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  // cdf[j] = P(B <= j)
  const cdf = [];
  let term = 0.5 ** n;
  let total = 0;
  for (let j = 0; j <= n; j++) {
    total += term;
    cdf.push(total);
    term = (term * (n - j)) / (j + 1);
  }
  const cover = (l) => 1 - 2 * cdf[l - 1]; // P(l <= B <= n - l)
  let l = 1;
  while (l + 1 <= n / 2 && cover(l + 1) >= level) l++;
  return { low: sorted[l - 1], high: sorted[n - l], level: n >= 2 ? cover(l) : 0 };
}

/** Half the interval's width as a share of the median: the precision Auto repeats aims for. */
export function relativeHalfWidth(samples) {
  const { low, high } = medianInterval(samples);
  return (high - low) / 2 / median(samples);
}

/** Auto repeats: the target half-width, and the sample counts it works within. */
export const AUTO = { target: 0.03, minSamples: 6, maxSamples: 100 };

/**
 * Whether Auto repeats may stop sampling a point: when the 95% interval's half-width is within
 * 3% of the median (with at least 6 samples, the fewest that give a 95% interval), when the
 * time budget is spent, or at 100 samples. Returns null to keep going, else the reason.
 */
export function autoStop(samples, elapsedMs, budgetMs) {
  if (samples.length >= AUTO.minSamples && relativeHalfWidth(samples) <= AUTO.target) return 'precise';
  if (samples.length >= AUTO.maxSamples) return 'max';
  if (elapsedMs >= budgetMs && samples.length >= 1) return 'budget';
  return null;
}

/**
 * SplitMix64 (Vigna): a generator of 64-bit words, as BigInts. Here it only seeds xoshiro256++,
 * as rand_xoshiro's `seed_from_u64` does on the native side.
 */
export function splitMix64(seed) {
  let state = BigInt.asUintN(64, BigInt(seed));
  return () => {
    state = BigInt.asUintN(64, state + 0x9e3779b97f4a7c15n);
    let z = state;
    z = BigInt.asUintN(64, (z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n);
    z = BigInt.asUintN(64, (z ^ (z >> 27n)) * 0x94d049bb133111ebn);
    return z ^ (z >> 31n);
  };
}

/**
 * xoshiro256++ (Blackman and Vigna), the generator of the bootstrap's draws in both runtimes:
 * `src/stats.rs` uses rand_xoshiro's `Xoshiro256PlusPlus`, this is the same algorithm on 32-bit
 * halves (BigInts would be slow enough to notice: a sweep's bootstrap draws about a million
 * indices). The golden file (tests/fixtures/stats-golden.json) holds the authors' reference
 * outputs and the draws for the bootstrap's seed, which both runtimes must reproduce.
 */
export class Xoshiro256pp {
  /** From the state's four 64-bit words (BigInts, not all zero). */
  constructor(words) {
    this.s = new Uint32Array(8); // word i: high half at 2i, low half at 2i + 1
    words.forEach((word, i) => {
      this.s[2 * i] = Number((word >> 32n) & 0xffffffffn);
      this.s[2 * i + 1] = Number(word & 0xffffffffn);
    });
    this.hi = 0; // the last output's halves
    this.lo = 0;
  }

  /** Seeded as rand_xoshiro's `seed_from_u64`: the state is SplitMix64's first four outputs. */
  static seedFromU64(seed) {
    const next = splitMix64(seed);
    return new Xoshiro256pp([next(), next(), next(), next()]);
  }

  /** Advances the state; the output is left in `hi` and `lo`. */
  step() {
    const s = this.s;
    const s0h = s[0], s0l = s[1], s1h = s[2], s1l = s[3];
    let s2h = s[4], s2l = s[5], s3h = s[6], s3l = s[7];
    // result = rotl(s0 + s3, 23) + s0, with carries between the halves.
    let lo = s0l + s3l;
    let hi = (s0h + s3h + (lo > 0xffffffff ? 1 : 0)) >>> 0;
    lo >>>= 0;
    const rotHi = ((hi << 23) | (lo >>> 9)) >>> 0;
    const rotLo = ((lo << 23) | (hi >>> 9)) >>> 0;
    lo = rotLo + s0l;
    this.hi = (rotHi + s0h + (lo > 0xffffffff ? 1 : 0)) >>> 0;
    this.lo = lo >>> 0;
    // t = s1 << 17; s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 45).
    const tHi = (s1h << 17) | (s1l >>> 15);
    const tLo = s1l << 17;
    s2h ^= s0h; s2l ^= s0l;
    s3h ^= s1h; s3l ^= s1l;
    s[2] = s1h ^ s2h; s[3] = s1l ^ s2l;
    s[0] = s0h ^ s3h; s[1] = s0l ^ s3l;
    s[4] = s2h ^ tHi; s[5] = s2l ^ tLo;
    s[6] = (s3l << 13) | (s3h >>> 19); // rotl 45 = swap the halves, then rotl 13
    s[7] = (s3h << 13) | (s3l >>> 19);
  }

  /** The next output as a BigInt. */
  nextU64() {
    this.step();
    return (BigInt(this.hi) << 32n) | BigInt(this.lo);
  }

  /** A uniform number in [0, 1): the top 53 bits of the next output over 2^53 (exact). */
  nextUnit() {
    this.step();
    return (this.hi * 2097152 + (this.lo >>> 11)) / 9007199254740992;
  }

  /** A uniform index below n (> 0): floor(unit * n), at most n - 1. The same IEEE operations as
   *  `random_index` in src/stats.rs, so the same seed draws the same indices in both runtimes. */
  nextIndex(n) {
    return Math.min(n - 1, Math.floor(this.nextUnit() * n));
  }
}

/** A seeded generator of uniform numbers in [0, 1) (xoshiro256++), for reproducible simulations. */
export function seededRandom(seed) {
  const rng = Xoshiro256pp.seedFromU64(seed);
  return () => rng.nextUnit();
}

/** The seed of every bootstrap, and how many times it resamples (as in src/stats.rs). */
export const BOOTSTRAP_SEED = 0x5eed;
export const BOOTSTRAP_RESAMPLES = 1000;

/**
 * The uncertainty of a model fitted to medians, by the percentile bootstrap: each point's
 * samples are resampled with replacement, the medians refitted, `resamples` times; the middle
 * 95% of the fitted values is the range (null when fewer than half the refits gave a number).
 * `fit(points)` gets points with `median_ms` replaced and returns a number or null. Seeded, so
 * the same measurements always give the same range, and with the native runner's generator and
 * draws (point after point, sample after sample): `bootstrap_range` in src/stats.rs gives the
 * same range, bit for bit, for the same samples and fit.
 */
export function bootstrapRange(
  points, fit, { resamples = BOOTSTRAP_RESAMPLES, seed = BOOTSTRAP_SEED, level = LEVEL } = {},
) {
  const rng = Xoshiro256pp.seedFromU64(seed);
  const values = [];
  for (let r = 0; r < resamples; r++) {
    const resampled = points.map((p) => {
      const n = p.samples_ms.length;
      const draw = p.samples_ms.map(() => p.samples_ms[rng.nextIndex(n)]);
      return { ...p, median_ms: median(draw) };
    });
    const value = fit(resampled);
    if (value != null && Number.isFinite(value)) values.push(value);
  }
  if (values.length < resamples / 2) return null;
  values.sort((a, b) => a - b);
  const at = (q) => values[Math.min(values.length - 1, Math.max(0, Math.round(q * (values.length - 1))))];
  return { low: at((1 - level) / 2), high: at(1 - (1 - level) / 2) };
}

/**
 * Where a measured speedup ({ value, low, high, level }) stands against a law's value for the s
 * set: 'above' or 'below' it beyond its interval, else 'near' (within a tenth of it) or 'unsure'
 * (the interval reaches it, the median far from it). An interval below 95% (fewer than six runs:
 * min to max; none from one run) that leaves the bound out is 'few': too few runs to call it
 * beyond the noise ("above it by more than its noise" was said of one run each). The
 * playground's line and a lesson's explanation read a run by this alike: "came close" once
 * stood beside "below it beyond the noise".
 */
export function againstBound({ value, low, high, level = LEVEL }, bound) {
  const outside = (low != null && low > bound) || (high != null && high < bound) || (level === 0 && value !== bound);
  if (outside && level < LEVEL) return 'few';
  if (low != null && low > bound) return 'above';
  if (high != null && high < bound) return 'below';
  return Math.abs(value - bound) <= 0.1 * bound ? 'near' : 'unsure';
}

/** Why intervals below 95% judge nothing, as a clause: "from one run a point there is no
 *  interval" or "with so few runs each interval is only min to max, which holds the true value
 *  about 75% of the time". */
export function fewRunsText(level) {
  return level === 0 ? 'from one run a point there is no interval to judge by'
    : `with so few runs each interval is only min to max, which holds the true value about ${levelPercent(level)} of the time`;
}

/** Amdahl's speedup on k workers for serial fraction s. */
export function amdahlSpeedup(s, k) {
  return 1 / (s + (1 - s) / k);
}

/**
 * Fits Amdahl's law to measured times by least squares.
 *
 * Amdahl's law says T(k) = T1 * (s + (1 - s) / k), which is linear in a = T1*s and b = T1*(1-s):
 * T(k) = a + b / k. We solve the 2x2 normal equations with weights 1/T^2, so every point counts
 * by its relative error (a 1 ms miss at 10 ms matters as much as 100 ms at 1 s), then
 * s = a / (a + b). Needs at least two distinct worker counts. Returns null when it cannot fit.
 * `serial_fraction` is clamped to [0, 1]; `raw_serial_fraction` is the unclamped value (below 0
 * means superlinear speedup, above 1 means more workers made it slower).
 */
export function fitAmdahl(points) {
  const fit = fitAmdahlMedians(points);
  return fit && withRange(fit, points.filter((p) => p.workers > 0 && p.median_ms > 0), fitAmdahlMedians);
}

/** `fit` with the bootstrap range of its serial fraction, refitted by `refit`, when every
 *  point carries its samples (nulls otherwise). */
function withRange(fit, points, refit) {
  const range = points.every((p) => p.samples_ms?.length)
    ? bootstrapRange(points, (resampled) => refit(resampled)?.serial_fraction)
    : null;
  return { ...fit, serial_fraction_low: range?.low ?? null, serial_fraction_high: range?.high ?? null };
}

/** The least-squares Amdahl fit to the medians alone (no range). */
export function fitAmdahlMedians(points) {
  const usable = points.filter((p) => p.workers > 0 && p.median_ms > 0);
  if (new Set(usable.map((p) => p.workers)).size < 2) return null;
  let sw = 0, sx = 0, sxx = 0, sy = 0, sxy = 0;
  for (const { workers, median_ms: t } of usable) {
    const w = 1 / (t * t);
    const x = 1 / workers;
    sw += w; sx += w * x; sxx += w * x * x; sy += w * t; sxy += w * x * t;
  }
  const det = sw * sxx - sx * sx;
  if (!(Math.abs(det) > 0)) return null;
  const a = (sy * sxx - sx * sxy) / det;
  const b = (sw * sxy - sx * sy) / det;
  const t1 = a + b;
  if (!(t1 > 0)) return null;
  const raw = a / t1;
  const s = Math.min(1, Math.max(0, raw));
  const residuals = usable.map((p) => p.median_ms - t1 * (s + (1 - s) / p.workers));
  const rms = Math.sqrt(residuals.reduce((acc, r) => acc + r * r, 0) / residuals.length);
  return {
    serial_fraction: s,
    raw_serial_fraction: raw,
    t1_ms: t1,
    rms_residual_ms: rms,
    points: usable.length,
    max_speedup: s > 0 ? 1 / s : Infinity,
  };
}

/**
 * Karp-Flatt's experimentally determined serial fraction on k > 1 workers from the measured
 * speedup S: e = (1/S - 1/k) / (1 - 1/k). On a perfect Amdahl curve it equals s at every k; a
 * rising e(k) means a cost that grows with k (overhead), not serial code.
 */
export function karpFlatt(speedup, workers) {
  if (!(workers > 1) || !(speedup > 0)) return null;
  return (1 / speedup - 1 / workers) / (1 - 1 / workers);
}

/** Gustafson's scaled speedup on k workers for serial fraction s (of the parallel run's time). */
export function gustafsonSpeedup(s, k) {
  return s + (1 - s) * k;
}

/**
 * Weak scaling: the serial fraction s of Gustafson's law S(k) = k - s (k - 1) fitted by least
 * squares to scaled speedups, with a bootstrap range when the points carry samples. Points need
 * `workers`, `median_ms` and `work_factor` (the work at k relative to the 1-worker point).
 */
export function fitGustafson(points) {
  const fit = fitGustafsonMedians(points);
  return fit && withRange(fit, points, fitGustafsonMedians);
}

/** The least-squares Gustafson fit to the medians alone (no range). */
export function fitGustafsonMedians(points) {
  const base = points.find((p) => p.workers === 1);
  if (!base) return null;
  let num = 0, den = 0;
  for (const p of points.filter((q) => q.workers > 1)) {
    num += (p.workers - speedupOver(base, p, 'weak').speedup) * (p.workers - 1);
    den += (p.workers - 1) ** 2;
  }
  if (!(den > 0)) return null;
  const raw = num / den;
  return { serial_fraction: Math.min(1, Math.max(0, raw)), raw_serial_fraction: raw, points: points.length };
}

/** The speedup of point `p` over the 1-worker point `base`: T1 / Tk, times the growth of the
 *  work (`factor`) under weak scaling. */
function speedupOver(base, p, scaling) {
  const factor = scaling === 'weak' ? (p.work_factor ?? p.workers) / (base.work_factor ?? 1) : 1;
  return { factor, speedup: (factor * base.median_ms) / p.median_ms };
}

/** The lowest level among points' intervals (95% at most): what a chart or a heading may claim
 *  for all of them. Fewer than six runs give min to max, at a lower level. */
export function lowestLevel(points) {
  return Math.min(LEVEL, ...points.map((p) => p.ci_level ?? LEVEL));
}

/** The level of a speedup's interval: the less certain of its two medians' (the point's and the
 *  1-worker point's), as the table and the lessons state it. */
export function speedupLevel(points, point) {
  const base = points.find((p) => p.workers === 1);
  return Math.min(point.ci_level ?? LEVEL, base?.ci_level ?? LEVEL);
}

/**
 * Speedup, efficiency (speedup / k) and Karp-Flatt e(k) of each point against the 1-worker
 * point (nulls without one), with the speedup's interval from the medians' intervals when the
 * points carry samples (none for the 1-worker point itself, whose speedup is 1 by definition).
 * Strong scaling: S = T1 / Tk. Weak scaling (the work grew by `work_factor`): the scaled
 * speedup S = work_factor * T1 / Tk.
 */
export function speedups(points, scaling = 'strong') {
  const base = points.find((p) => p.workers === 1);
  const baseInterval = base?.samples_ms?.length ? medianInterval(base.samples_ms) : null;
  return points.map((p) => {
    if (!base) return { speedup: null, efficiency: null, karp_flatt: null, low: null, high: null };
    const { factor, speedup } = speedupOver(base, p, scaling);
    // The 1-worker point's speedup is 1 by definition: no interval (its noise is in every other's).
    const interval = p !== base && baseInterval && p.samples_ms?.length ? medianInterval(p.samples_ms) : null;
    return {
      speedup,
      efficiency: speedup / p.workers,
      karp_flatt: scaling === 'strong' ? karpFlatt(speedup, p.workers) : null,
      low: interval ? (factor * baseInterval.low) / interval.high : null,
      high: interval ? (factor * baseInterval.high) / interval.low : null,
    };
  });
}

/** The worker count where the fitted law misses the measured speedup worst, when it misses by
 *  more than a tenth and outside the speedup's interval; else null. `derived` is the sweep's. */
export function amdahlMisfit(fit, points, derived) {
  let worst = null;
  for (const [i, p] of points.entries()) {
    const { speedup, low, high } = derived[i];
    if (speedup == null || p.workers === 1) continue;
    const law = amdahlSpeedup(fit.serial_fraction, p.workers);
    const miss = Math.abs(law - speedup) / speedup;
    const outside = law < (low ?? speedup) || law > (high ?? speedup);
    if (miss > 0.1 && outside && (!worst || miss > worst.miss)) worst = { k: p.workers, law, measured: speedup, miss };
  }
  return worst;
}
