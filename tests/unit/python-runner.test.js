// The Python runner's side in node (bench/python/run.mjs): which sizes Python runs, what its
// results document says about the environment, and the comparison with wasm. No Python needed:
// what the Python program itself measures is tested in tests/browser/python.spec.mjs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { printPythonComparison, pythonEnvironment, pythonParams } from '../../bench/python/run.mjs';

const catalogue = JSON.parse(readFileSync(new URL('../../pkg/catalogue.json', import.meta.url), 'utf8'));
const workload = (id) => catalogue.workloads.find((w) => w.id === id);
const SLOW = 'about 20 s a run';

test('a default that is slow in Python runs the quick sizes instead, and says so', () => {
  const { params, note } = pythonParams(workload('primes'), { params: new Map(), quick: false }, SLOW);
  assert.deepEqual(params, { n: workload('primes').params[0].quick, grain: workload('primes').params[1].quick });
  assert.match(note, /primes at its default n = 5,000,000 would take about 20 s a run; running the quick sizes \(n = 300,000\); --param n=5000000 runs the default/);
});

test('--param for the size keeps the defaults of the rest; --quick says nothing; choices go by name', () => {
  const given = pythonParams(workload('sum-of-squares'), { params: new Map([['n', '2e6']]), quick: false }, SLOW);
  assert.deepEqual(given, { params: { n: 2_000_000, grain: 1_048_576 }, note: null });
  const quick = pythonParams(workload('monte-carlo-pi'), { params: new Map(), quick: true }, SLOW);
  assert.deepEqual(quick, { params: { samples: 10_000_000, seed: 2026, seeding: 'per-chunk' }, note: null });
  const choice = pythonParams(workload('monte-carlo-pi'), { params: new Map([['seeding', 'same-seed']]), quick: true }, SLOW);
  assert.equal(choice.params.seeding, 'same-seed');
});

test('the environment names the runtime, the Python version and os.cpu_count()', () => {
  const env = pythonEnvironment({
    python_version: '3.11.7', implementation: 'CPython', platform: 'Linux x86_64', cpu_count: 2,
    start_method: 'fork', timer_resolution_ms: 1e-6,
  });
  assert.equal(env.runtime, 'python');
  assert.equal(env.pythonVersion, '3.11.7');
  assert.equal(env.cpuCount, 2);
  assert.equal(env.hardwareConcurrency, 2);
  assert.equal(env.crossOriginIsolated, null);
});

test('the comparison puts both speedups side by side, and the time ratio only at equal sizes', () => {
  const run = (id, workers, median, speedup, params) => ({ workload: id, workers, median_ms: median, speedup, params });
  const wasm = { runs: [run('primes', 1, 10, 1, { n: 5, grain: 1 }), run('primes', 2, 5, 2, { n: 5, grain: 1 }),
    run('sum-of-squares', 1, 10, 1, { n: 9, grain: 1 }), run('sum-of-squares', 2, 6, 1.67, { n: 9, grain: 1 })] };
  const python = { runs: [run('primes', 1, 400, 1, { grain: 1, n: 5 }), run('primes', 2, 250, 1.6, { grain: 1, n: 5 }),
    run('sum-of-squares', 1, 30, 1, { n: 3, grain: 1 }), run('sum-of-squares', 2, 20, 1.5, { n: 3, grain: 1 })] };
  const lines = [];
  const log = console.log;
  console.log = (line) => lines.push(line);
  try {
    printPythonComparison(wasm, python);
  } finally {
    console.log = log;
  }
  const row = (text) => lines.find((l) => l.startsWith(text)).split(/\s{2,}/);
  assert.deepEqual(row('primes          2'), ['primes', '2', '5.0', '250.0', '50.00', '2.00x', '1.60x']);
  assert.deepEqual(row('sum-of-squares  2'), ['sum-of-squares', '2', '6.0', '20.0', 'sizes differ', '1.67x', '1.50x']);
  assert.ok(lines.includes('sum-of-squares: wasm ran n = 9, grain = 1; python ran n = 3, grain = 1'));
});
