// The catalogue and the workloads' quick sizes, for any test: plain Node, no test runner, so the
// Playwright specs (through fixtures.mjs) and the Firefox and WebKit smoke tests share them.
import { readFileSync } from 'node:fs';

export const catalogue = JSON.parse(readFileSync(new URL('../../pkg/catalogue.json', import.meta.url), 'utf8'));

/** A parameter's quick value as typed in the form (choices by name). */
export function quickValue(spec) {
  return spec.kind === 'choice' ? spec.choices[spec.quick] : String(spec.quick);
}

/** The query string that selects `workload` at its declared quick sizes. */
export function quickQuery(workload, extra = {}) {
  const query = new URLSearchParams({ workload: workload.id, ...extra });
  for (const p of workload.params) if (!query.has(p.name)) query.set(p.name, quickValue(p));
  return `?${query}`;
}

/** The check kind of `workload` at its quick sizes: 'exact', 'statistical' or 'demonstration'. */
export function quickCheckKind(workload) {
  const { param, kinds } = workload.checks;
  if (!param) return kinds[0];
  return kinds[workload.params.find((p) => p.name === param).quick];
}
