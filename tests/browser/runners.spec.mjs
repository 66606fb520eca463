// The headless and native runners sweep a parameter the same way, into the same format.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from './fixtures.mjs';

const run = promisify(execFile);
const ROOT = new URL('../../', import.meta.url).pathname;

for (const [runtime, command, args] of [
  ['wasm', 'node', ['bench/headless.mjs']],
  ['native', 'target/release/corelab', ['bench']],
]) {
  test(`--vary in the ${runtime} runner: one run per value, same format`, async () => {
    const out = test.info().outputPath('vary.json');
    await run(command, [...args, '--workload', 'sum-of-squares', '--quick', '--workers', '2', '--repeats', '2',
      '--vary', 'grain=1000,100000', '--out', out], { cwd: ROOT, maxBuffer: 1 << 24 });
    const doc = JSON.parse(await readFile(out, 'utf8'));
    expect(doc.format).toBe('corelab-results');
    expect(doc.environment.runtime).toBe(runtime);
    expect(doc.varied).toBe('grain');
    expect(doc.runs.map((r) => [r.workers, r.params.grain, r.samples_ms.length, r.verified, r.speedup])).toEqual([
      [2, 1000, 2, true, null], [2, 100000, 2, true, null],
    ]);
    expect(doc.fits).toEqual({});

    // One worker count only.
    const refused = await run(command, [...args, '--workload', 'sum-of-squares', '--workers', '1,2', '--vary', 'grain=1000,2000'], { cwd: ROOT })
      .then(() => null, (error) => error);
    expect(refused?.code).toBe(2);
    expect(refused.stderr).toMatch(/--vary.*(one|single) worker count/);

    // A budget given without auto would be ignored: it is refused instead, naming what it needs.
    const budgetAlone = await run(command, [...args, '--workload', 'sum-of-squares', '--quick', '--repeats', '3', '--budget', '5'], { cwd: ROOT })
      .then(() => null, (error) => error);
    expect(budgetAlone?.code).toBe(2);
    expect(budgetAlone.stderr).toMatch(/--budget sets the time per worker count of --repeats auto: give --repeats auto too, or drop --budget/);
  });
}

test('a demonstration is not a failure in either runner; message passing is browser-only and the native runner says so', async () => {
  const dir = test.info().outputPath();
  for (const [runtime, command, args] of [
    ['wasm', 'node', ['bench/headless.mjs']],
    ['native', 'target/release/corelab', ['bench']],
  ]) {
    const out = join(dir, `${runtime}.json`);
    // Exits 0: the race's lost updates are what it demonstrates.
    await run(command, [...args, '--workload', 'shared-counter', '--param', 'mode=unsynchronised', '--quick', '--workers', '1,2',
      '--repeats', '1', '--out', out], { cwd: ROOT, maxBuffer: 1 << 24 });
    const doc = JSON.parse(await readFile(out, 'utf8'));
    expect(doc.runs.map((r) => [r.workers, r.check_kind, r.verified, typeof r.demonstrates])).toEqual([
      [1, 'demonstration', false, 'string'], [2, 'demonstration', false, 'string'],
    ]);
    expect(doc.runs[0].counter.lost).toBe(0); // one worker cannot race
    for (const r of doc.runs) expect(r.counter.lost).toBe(r.counter.expected - r.counter.actual);
  }
  const refused = await run('target/release/corelab', ['bench', '--workload', 'message-passing', '--quick'], { cwd: ROOT })
    .then(() => null, (error) => error);
  expect(refused?.code).toBeGreaterThan(0);
  expect(refused.stderr).toMatch(/message-passing runs only in the browser/);
});

test('--compare-native alternates: each workload runs natively right after its wasm sweep, and both documents are written, with the device\'s label', async () => {
  const out = test.info().outputPath('compare.json');
  const { stdout, stderr } = await run('node', ['bench/headless.mjs', '--workload', 'primes,sum-of-squares', '--quick',
    '--workers', '1', '--repeats', '1', '--compare-native', '--label', ' office  server ', '--out', out], { cwd: ROOT, maxBuffer: 1 << 24 });
  // The order of the runner's section headings on stderr: wasm then native, per workload.
  const sections = stderr.split('\n').filter((line) => /^(primes|sum-of-squares|native):$/.test(line));
  expect(sections).toEqual(['primes:', 'native:', 'sum-of-squares:', 'native:']);
  const wasm = JSON.parse(await readFile(out, 'utf8'));
  const native = JSON.parse(await readFile(out.replace(/\.json$/, '-native.json'), 'utf8'));
  expect([wasm.environment.runtime, native.environment.runtime]).toEqual(['wasm', 'native']);
  // Named as asked, in both; the browser's exact build and (where the system says) the processor.
  expect([wasm.label, native.label]).toEqual(['office server', 'office server']);
  expect(wasm.environment.browserVersion).toMatch(/^Chromium \d+\.\d+\.\d+\.\d+$/);
  expect(wasm.environment.cpu).toBe(cpus()[0]?.model ?? null);
  if (existsSync('/proc/cpuinfo')) expect(native.environment.cpu).toEqual(expect.any(String));
  for (const doc of [wasm, native]) expect(doc.runs.map((r) => [r.workload, r.workers, r.verified])).toEqual([['primes', 1, true], ['sum-of-squares', 1, true]]);
  expect(stdout).toMatch(/wasm against native[\s\S]*\nprimes +\d[\s\S]*\nsum-of-squares +\d/);
});

test('--rounds alternates wasm and native again and again, and prints every round and the medians; it needs --compare-native', async () => {
  const { stdout, stderr } = await run('node', ['bench/headless.mjs', '--workload', 'sum-of-squares', '--quick',
    '--workers', '1,2', '--repeats', '1', '--compare-native', '--rounds', '2'], { cwd: ROOT, maxBuffer: 1 << 24 });
  const sections = stderr.split('\n').filter((line) => /^(sum-of-squares.*|native):$/.test(line));
  expect(sections).toEqual(['sum-of-squares (round 1 of 2):', 'native:', 'sum-of-squares (round 2 of 2):', 'native:']);
  // One run a point: the fit's range is not called a 95% one (the pages do not call it one).
  expect(stdout).toMatch(/\nsum-of-squares: fitted serial fraction \d\.\d{3} \((range \d\.\d{3}-\d\.\d{3}, from only 1 run a point: too few for a 95% range; )?Amdahl's law\)\n/);
  expect(stdout).not.toMatch(/95% range \d/);
  // One run is no interval, in the wasm table and the native one alike; both have e(k).
  expect(stdout).not.toContain('(0%)');
  expect(stdout.match(/\nsum-of-squares +1 +[\d.]+ +- \(one run\) +1 /g)).toHaveLength(2);
  expect(stdout.match(/\bmedian ms +interval ms +samples +speedup +efficiency +e\(k\) +verified\n/g)).toHaveLength(2);
  const table = stdout.slice(stdout.indexOf('over 2 rounds'));
  const number = String.raw`\d+\.\d\d`;
  expect(table).toMatch(new RegExp(String.raw`\nsum-of-squares #1( +${number}){4}\n`));
  expect(table).toMatch(new RegExp(String.raw`\nsum-of-squares #2( +${number}){4}\n`));
  expect(table).toMatch(new RegExp(String.raw`\nsum-of-squares median( +${number}){4} +-?\d+\.\d%`));

  const refused = await run('node', ['bench/headless.mjs', '--workload', 'sum-of-squares', '--rounds', '3'], { cwd: ROOT })
    .then(() => null, (error) => error);
  expect(refused?.code).toBe(2);
  expect(refused.stderr).toMatch(/--rounds alternates the wasm and the native runs: give --compare-native too/);
});
