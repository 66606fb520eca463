// Issue 11, the pool start: every compute worker of a page instantiates the one module the first
// compiled (so V8 compiles each function once per page), and the pool's workers start from the
// helper script's own URL, not a blob: copy of it, initialising the glue without a deprecation
// warning. The time this saves is measured by `./build.sh bench --overheads`, not here.
import { expect, finished, open, resultRows, test } from './fixtures.mjs';

test('the wasm is fetched and compiled once per page, whatever the points and sweeps, and pool workers start from this origin', async ({ page }) => {
  const requests = [];
  page.on('request', (request) => requests.push(new URL(request.url())));
  await open(page, '?workload=primes&n=100000&workers=1,2,3&repeats=1');
  const { build } = await page.evaluate(() => fetch('/pkg/catalogue.json').then((r) => r.json()));
  const wasm = `/build/${build.wasm}/corelab_bg.wasm`;
  const helper = /^\/build\/[^/]+\/snippets\/wasm-bindgen-rayon-[^/]+\/src\/workerHelpers\.no-bundler\.js$/;
  for (const sweep of [1, 2]) {
    await page.getByRole('button', { name: 'Run' }).click();
    expect(await finished(page), `sweep ${sweep}`).toBe('done');
    expect((await resultRows(page)).map((r) => r.verified), `sweep ${sweep}`).toEqual(Array(3).fill('✓ verified'));
  }
  expect(requests.filter((url) => url.pathname === wasm)).toHaveLength(1);
  // Each of the 6 points' compute workers imports the glue, which imports the helper; each of
  // the 12 pool workers starts from the helper, whose glue import then finds it loaded.
  expect(requests.filter((url) => helper.test(url.pathname)).length).toBeGreaterThanOrEqual(6);
  expect(requests.filter((url) => url.protocol === 'blob:')).toEqual([]);
  // The pool workers initialise the glue with its options object: the positional form logs
  // "using deprecated parameters for the initialization function" once per pool thread (a
  // nested worker's console, which the driver does not report, hence the script's text here).
  const served = requests.find((url) => helper.test(url.pathname));
  const text = await page.evaluate((href) => fetch(href).then((r) => r.text()), served.href);
  expect(text).toContain('pkg.default({ module_or_path: data.module, memory: data.memory })');
  expect(text).not.toContain('pkg.default(data.module, data.memory)');
});
