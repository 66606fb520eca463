// Issue 11, "a compressed page": the server compresses text and wasm by the request's
// Accept-Encoding. In a real browser the wasm and the page's modules must arrive encoded, decode to
// the files on disk, and the page must still be cross-origin isolated (the isolation headers are
// on compressed responses too). The byte counts are measured by `./build.sh bench --overheads`,
// not here.
import { readFileSync } from 'node:fs';
import { expect, finished, open, resultRows, test } from './fixtures.mjs';

const ROOT = new URL('../../', import.meta.url);
const CHECKED = {
  '/pkg/corelab_bg.wasm': new URL('pkg/corelab_bg.wasm', ROOT),
  '/js/experiment/experiment.js': new URL('www/js/experiment/experiment.js', ROOT),
  '/pkg/vendor/chart.umd.min.js': new URL('pkg/vendor/chart.umd.min.js', ROOT),
};

test('the wasm and the modules arrive compressed and the page stays cross-origin isolated', async ({ page }) => {
  const responses = Object.fromEntries(Object.keys(CHECKED).map((path) => [
    path, page.waitForResponse((response) => new URL(response.url()).pathname === path),
  ]));
  await open(page);
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
  for (const [path, file] of Object.entries(CHECKED)) {
    const response = await responses[path];
    const headers = await response.allHeaders();
    expect(headers['content-encoding'], path).toMatch(/^(br|gzip)$/);
    expect(headers['cross-origin-resource-policy'], path).toBe('same-origin');
    expect(headers.vary, path).toMatch(/accept-encoding/i);
    expect((await response.body()).equals(readFileSync(file)), `${path} decodes to the file`).toBe(true);
  }
});

test('the compute worker script arrives compressed and a run in it verifies', async ({ page }) => {
  await open(page, '?workload=primes&n=100000&workers=1&repeats=1');
  const worker = page.waitForResponse((response) => new URL(response.url()).pathname === '/js/compute-worker.js');
  await page.getByRole('button', { name: 'Run' }).click();
  expect((await (await worker).allHeaders())['content-encoding']).toMatch(/^(br|gzip)$/);
  expect(await finished(page)).toBe('done');
  expect((await resultRows(page)).map((r) => r.verified)).toEqual(['✓ verified']);
});
