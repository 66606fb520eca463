// `--runtime python` and `--compare-python` (issue 10 §5): the seeds' multiprocessing.Pool on
// this machine, in the one results format. These tests need no browser page, only python3
// (skipped, saying so, where it is missing); they check the format and the checks, never times.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { catalogue, quickCheckKind, quickValue } from './fixtures.mjs';

const run = promisify(execFile);
const ROOT = new URL('../../', import.meta.url).pathname;
const PYTHON = process.env.CORELAB_PYTHON || 'python3';
const WORKLOADS = ['primes', 'sum-of-squares', 'monte-carlo-pi'];

/** The interpreter's version ("3.11.7"), or null when there is none. */
const pythonVersion = run(PYTHON, ['--version']).then(({ stdout, stderr }) => /Python (\S+)/.exec(stdout || stderr)?.[1] ?? null, () => null);

const bench = (args, env = {}) => run('node', ['bench/headless.mjs', ...args], { cwd: ROOT, maxBuffer: 1 << 24, env: { ...process.env, ...env } });
const refusal = (args, env) => bench(args, env).then(() => null, (error) => error);

test.describe('python runtime', () => {
  test.beforeEach(async () => {
    test.skip(!(await pythonVersion), `${PYTHON} is not installed here: --runtime python cannot be tested`);
  });

  test('the Python runner\'s own tests pass (kernels, checks, protocol)', async () => {
    await run(PYTHON, ['-B', '-m', 'unittest', 'discover', '-s', 'bench/python'], { cwd: ROOT });
  });

  test('--runtime python: one verified run per workload and worker count, in the results format', async () => {
    test.setTimeout(600_000);
    const out = test.info().outputPath('python.json');
    const { stdout } = await bench(['--runtime', 'python', '--workload', WORKLOADS.join(','), '--quick',
      '--workers', '1,2', '--repeats', '2', '--out', out]);
    const doc = JSON.parse(await readFile(out, 'utf8'));
    expect(doc.format).toBe('corelab-results');
    expect(doc.version).toBe(1);
    expect(doc.environment).toMatchObject({ runtime: 'python', pythonVersion: await pythonVersion, crossOriginIsolated: null });
    expect(Number.isInteger(doc.environment.cpuCount) && doc.environment.cpuCount >= 1).toBe(true);
    expect(doc.environment.hardwareConcurrency).toBe(doc.environment.cpuCount);

    expect(doc.runs.map((r) => [r.workload, r.workers])).toEqual(WORKLOADS.flatMap((id) => [[id, 1], [id, 2]]));
    for (const r of doc.runs) {
      const workload = catalogue.workloads.find((w) => w.id === r.workload);
      const at = `${r.workload} on ${r.workers}`;
      expect(r.params, at).toEqual(Object.fromEntries(workload.params.map((p) =>
        [p.name, p.kind === 'choice' ? quickValue(p) : p.quick])));
      expect([r.verified, r.check_kind, r.identical_to_first], at).toEqual([true, quickCheckKind(workload), true]);
      expect([r.samples_ms.length, r.samples, r.warmup_ms.length, r.repeat_mode, r.stopped_by], at).toEqual([2, 2, 1, 'fixed', 'count']);
      expect(r.pool_start_ms, at).toBeGreaterThan(0);
      expect(r.dispatch_us, at).toBeGreaterThan(0);
      for (const key of ['median_ms', 'ci_low_ms', 'ci_high_ms', 'speedup', 'efficiency']) {
        expect(typeof r[key], `${at}: ${key}`).toBe('number');
      }
      // 1 worker's speedup is 1 by definition, without an interval.
      for (const key of ['speedup_low', 'speedup_high']) expect(typeof r[key], `${at}: ${key}`).toBe(r.workers === 1 ? 'object' : 'number');
      expect(r.karp_flatt === null, at).toBe(r.workers === 1);
    }
    expect(doc.runs.filter((r) => r.workers === 1).map((r) => r.speedup)).toEqual([1, 1, 1]);
    // Pool start is an overhead of its own: never inside the timed samples.
    for (const r of doc.runs) expect(r.samples_ms.every((ms) => ms > 0)).toBe(true);
    const pi = doc.runs.filter((r) => r.workload === 'monte-carlo-pi');
    expect(pi[0].digest).toBe(pi[1].digest); // per-chunk seeding: the same estimate on 1 and 2 processes
    expect(pi[0].estimate.errors).toBeLessThanOrEqual(6);
    // Trial division and the sum give the same digests as the Rust kernels.
    expect(doc.runs.find((r) => r.workload === 'primes').digest).toBe((25_997).toString(16).padStart(16, '0'));
    expect(doc.runs.find((r) => r.workload === 'sum-of-squares').digest).toBe('e41582af0a082b40');
    expect(Object.keys(doc.fits)).toEqual(WORKLOADS);
    for (const fit of Object.values(doc.fits)) expect(fit).toMatchObject({ model: 'amdahl', workers: [1, 2] });
    expect(stdout).toMatch(/^workload\s+workers\s+median ms/m);
  });

  test('sizes that take minutes in Python fall back to the quick sizes, saying so; unknown workloads are skipped', async () => {
    test.setTimeout(300_000);
    const out = test.info().outputPath('python.json');
    const { stderr } = await bench(['--runtime', 'python', '--workload', 'primes,mandelbrot', '--workers', '1', '--repeats', '1', '--out', out]);
    expect(stderr).toMatch(/primes at its default n = 5,000,000 would take .*; running the quick sizes \(n = 300,000\); --param n=5000000 runs the default/);
    expect(stderr).toMatch(/mandelbrot is not implemented in the Python runner .*; skipped/);
    const doc = JSON.parse(await readFile(out, 'utf8'));
    expect(doc.runs.map((r) => [r.workload, r.params.n, r.verified])).toEqual([['primes', 300_000, true]]);
  });

  test('out-of-range values are refused with the field and the range', async () => {
    const refused = await refusal(['--runtime', 'python', '--workload', 'sum-of-squares', '--param', 'n=0']);
    expect(refused?.code).toBe(2);
    expect(refused.stderr).toMatch(/N \(terms\) must be from 1 to 4,294,967,296 \(got 0\)/);
    const weak = await refusal(['--runtime', 'python', '--workload', 'primes', '--scaling', 'weak']);
    expect(weak?.code).toBe(2);
    expect(weak.stderr).toMatch(/--scaling weak is not available in Python/);
  });

  test('--compare-python: the page and Python on one sweep, speedups side by side, the Python document beside --out', async () => {
    test.setTimeout(600_000);
    const out = test.info().outputPath('both.json');
    const { stdout } = await bench(['--workload', 'sum-of-squares', '--quick', '--workers', '1,2', '--repeats', '1', '--compare-python', '--out', out]);
    const wasm = JSON.parse(await readFile(out, 'utf8'));
    const python = JSON.parse(await readFile(out.replace(/\.json$/, '-python.json'), 'utf8'));
    expect([wasm.environment.runtime, python.environment.runtime]).toEqual(['wasm', 'python']);
    expect(python.runs.map((r) => [r.workers, r.verified, r.digest])).toEqual(wasm.runs.map((r) => [r.workers, r.verified, r.digest]));
    expect(stdout).toContain('python against wasm');
    // Same quick sizes on both, so the ratio of the medians is printed, not "sizes differ".
    expect(stdout).toMatch(/^sum-of-squares\s+2\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+[\d.]+x\s+[\d.]+x$/m);
  });
});

test('a missing python3 is a clear message, not a failed run', async () => {
  const refused = await refusal(['--runtime', 'python', '--workload', 'primes', '--quick'], { CORELAB_PYTHON: '/nonexistent/python3' });
  expect(refused?.code).toBe(2);
  expect(refused.stderr).toMatch(/\/nonexistent\/python3 was not found: --runtime python .* Python 3\.8 or newer .*Install one/);
});
