// The headless and native runners sweep a parameter the same way, into the same format.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
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
    const out = join(await mkdtemp(join(tmpdir(), 'corelab-')), 'vary.json');
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
  });
}
