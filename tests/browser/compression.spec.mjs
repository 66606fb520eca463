// Issue 11, "a compressed page": the server compresses text and wasm by the request's
// Accept-Encoding (the build's output from its brotli and gzip copies). In a real browser the wasm
// and the page's modules must arrive encoded, decode to the files on disk, and the page must still
// be cross-origin isolated (the isolation headers are on compressed responses too). The byte counts are measured by `./build.sh bench --overheads`,
// not here.
import { readFileSync } from 'node:fs';
import { expect, finished, open, resultRows, test } from './fixtures.mjs';

const ROOT = new URL('../../', import.meta.url);
// Loaded with the page: a module of ours (the build's minified copy, scripts/site.mjs) and
// Chart.js (the build's bundle), each sent from its precompressed copy.
const CHECKED = {
  '/js/experiment/experiment.js': new URL('pkg/site/js/experiment/experiment.js', ROOT),
  '/pkg/vendor/chartjs.js': new URL('pkg/vendor/chartjs.js', ROOT),
};

/** Checks that `response` came encoded, with the isolation headers. */
async function expectEncoded(response, path) {
  const headers = await response.allHeaders();
  expect(headers['content-encoding'], path).toMatch(/^(br|gzip)$/);
  expect(headers['cross-origin-resource-policy'], path).toBe('same-origin');
  expect(headers.vary, path).toMatch(/accept-encoding/i);
}

/** Checks that `response` came encoded, with the isolation headers, and decodes to `file`. */
async function expectCompressed(response, path, file) {
  await expectEncoded(response, path);
  expect((await response.body()).equals(readFileSync(file)), `${path} decodes to the file`).toBe(true);
}

test('the modules arrive compressed and the page stays cross-origin isolated', async ({ page }) => {
  const responses = Object.fromEntries(Object.keys(CHECKED).map((path) => [
    path, page.waitForResponse((response) => new URL(response.url()).pathname === path),
  ]));
  await open(page);
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
  for (const [path, file] of Object.entries(CHECKED)) await expectCompressed(await responses[path], path, file);
});

test('the compute worker script and the wasm arrive compressed, and a run in them verifies', async ({ page }) => {
  await open(page, '?workload=primes&n=100000&workers=1&repeats=1');
  const arrived = (path) => page.waitForResponse((response) => new URL(response.url()).pathname === path);
  const worker = arrived('/js/compute-worker.js');
  // Not loaded with the page (its id comes from the catalogue): the compute worker fetches it,
  // under its build's id.
  const { build } = await page.evaluate(() => fetch('/pkg/catalogue.json').then((r) => r.json()));
  const wasm = arrived(`/build/${build.wasm}/corelab_bg.wasm`);
  await page.getByRole('button', { name: 'Run' }).click();
  expect((await (await worker).allHeaders())['content-encoding']).toMatch(/^(br|gzip)$/);
  // Headers only: a worker's response body can be gone once the page has closed the worker
  // (this short sweep may end first; the full suite failed once that way on a busy machine).
  // That it decoded to the right module is shown by the run below, which verifies in it.
  await expectEncoded(await wasm, 'the wasm');
  expect((await (await wasm).allHeaders())['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(await finished(page)).toBe('done');
  expect((await resultRows(page)).map((r) => r.verified)).toEqual(['✓ verified']);
});
