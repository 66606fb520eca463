// The limits of a sweep. They are declared once, in Rust (src/limits.rs), and the catalogue
// (pkg/catalogue.json, `limits`) carries them here, to the page, the lessons and the headless and
// Python runners, so each refuses what the native runner refuses, with the same ranges.

/**
 * The limits in a catalogue, in the names the JS side uses:
 * { repeats: {min, max, default}, budgetS: {min, max, default}, maxWorkers, maxVariedValues }.
 */
export function sweepLimits(catalogue) {
  const limits = catalogue.limits;
  if (!limits) throw new Error('pkg/catalogue.json has no limits: rebuild with ./build.sh build');
  return {
    repeats: limits.repeats,
    budgetS: limits.budget_s,
    maxWorkers: limits.max_workers,
    maxVariedValues: limits.max_varied_values,
  };
}

/** The page allows up to twice the reported cores (to show oversubscription), at least 2, and
 *  never more than any runner starts. */
export function pageMaxWorkers(limits, hardwareConcurrency) {
  return Math.min(limits.maxWorkers, Math.max(2, 2 * hardwareConcurrency));
}
