// Weak scaling's grown sizes on the page equal the kernels' (src/workload.rs `Params::scaled`):
// the form refuses a size past its maximum before anything runs, from the same rule.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { sizeForWork, weakGrowth } from '../../www/js/experiment/form.js';

const catalogue = JSON.parse(readFileSync(new URL('../../pkg/catalogue.json', import.meta.url), 'utf8'));
const workload = (id) => catalogue.workloads.find((w) => w.id === id);
const quick = (w) => Object.fromEntries(w.params.map((p) => [p.name, p.quick]));

test('a size rule with a logarithm grows the size as the native runner does', () => {
  // From `corelab bench --scaling weak --quick`: primes (N^1.5 / (ln N)^1.4) and sort (N ln N).
  const native = { primes: { 2: 493758, 3: 660390, 4: 811480 }, sort: { 2: 953139, 4: 1820689 } };
  for (const [id, sizes] of Object.entries(native)) {
    for (const [k, size] of Object.entries(sizes)) {
      const grown = weakGrowth(workload(id), quick(workload(id)), Number(k));
      assert.deepEqual([grown.spec.name, grown.value], ['n', size], `${id} on ${k} workers`);
    }
  }
});

test('the grown size does k times the work by its rule, and the power alone is kept where there is no logarithm', () => {
  const work = (n, e, l) => n ** e * Math.log(n) ** l;
  for (const [e, l] of [[1.5, -1.4], [1, 1], [3, 0]]) {
    for (const k of [2, 3, 8, 64]) {
      const n = sizeForWork(1e6, k, e, l);
      assert.ok(Math.abs(work(n, e, l) / work(1e6, e, l) / k - 1) < 1e-9, `e=${e} l=${l} k=${k}`);
    }
  }
  assert.equal(sizeForWork(100, 8, 3), 200);
  assert.equal(sizeForWork(100, 8, 3, 0), 200);
});
