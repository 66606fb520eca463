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

/** Speedup and efficiency of each point against the 1-worker median (null without one). */
export function speedups(points) {
  const base = points.find((p) => p.workers === 1);
  return points.map((p) => {
    if (!base) return { speedup: null, efficiency: null };
    const speedup = base.median_ms / p.median_ms;
    return { speedup, efficiency: speedup / p.workers };
  });
}

/**
 * Parses a worker list such as "1,2,4" or "1-8" (or a mix: "1-4,8"). Returns the sorted,
 * de-duplicated counts, or { error } naming the allowed range.
 */
export function parseWorkers(text, max) {
  const allowed = `whole numbers from 1 to ${max}, as a list (1,2,4) or a range (1-${max})`;
  const parts = String(text).split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (parts.length === 0) return { error: `Workers: enter ${allowed}.` };
  const counts = new Set();
  for (const part of parts) {
    const range = /^(\d+)\s*(?:-|\.\.)\s*(\d+)$/.exec(part);
    const [lo, hi] = range ? [Number(range[1]), Number(range[2])] : [Number(part), Number(part)];
    if (!/^\d+$/.test(part) && !range) return { error: `Workers: "${part}" is not a number; use ${allowed}.` };
    if (lo < 1 || hi > max || lo > hi) return { error: `Workers: ${part} is out of range; use ${allowed}.` };
    for (let k = lo; k <= hi; k++) counts.add(k);
  }
  return { values: [...counts].sort((a, b) => a - b) };
}

/**
 * Parses a number the way a person types it: "5000000", "5,000,000", "5 000 000", "5_000_000",
 * "1e6". Returns NaN for anything else (so "abc" and "" are refused, not read as 0).
 */
export function parseNumber(text) {
  const compact = String(text).trim().replace(/[\s_,](?=\d{3}(\D|$))/g, '');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(compact)) return NaN;
  return Number(compact);
}

/** Checks a value against a catalogue parameter; returns an error sentence or null. */
export function checkParam(spec, value) {
  if (spec.kind === 'choice') {
    return spec.choices.includes(value) ? null : `${spec.label} must be one of ${spec.choices.join(', ')}.`;
  }
  const range = `${formatNumber(spec.min)} to ${formatNumber(spec.max)}`;
  if (!Number.isFinite(value)) return `${spec.label} must be a number from ${range}.`;
  if (spec.kind === 'integer' && !Number.isInteger(value)) return `${spec.label} must be a whole number from ${range}.`;
  if (value < spec.min || value > spec.max) return `${spec.label} must be from ${range} (got ${formatNumber(value)}).`;
  return null;
}

/** Formats whole numbers with thousands separators, as the Rust side does. */
export function formatNumber(value) {
  return Number.isInteger(value) ? value.toLocaleString('en-US') : String(value);
}
