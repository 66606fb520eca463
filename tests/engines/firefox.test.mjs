// Firefox smoke test (./build.sh test): Debian's Firefox ESR, driven by puppeteer-core over
// WebDriver BiDi, on the project's own isolated server. The page is isolated there, a threaded
// primes sweep verifies, a lesson's experiment runs, and the Results viewer opens; and the
// headless runner's --browser firefox writes the results format.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { launchBrowser } from '../../bench/browsers.mjs';
import { startServer } from '../../bench/server.mjs';
import { assertNoPageErrors, benchIn, lessonExperiment, primesSweep, resultsViewer, ROOT, TEST_TIMEOUT_MS } from './smoke.mjs';

describe('Firefox ESR', () => {
  let server;
  let browser;
  let page;
  before(async () => {
    server = await startServer([]);
    browser = await launchBrowser('firefox');
    page = await browser.newPage();
  }, { timeout: 120_000 });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the page is cross-origin isolated and a primes sweep on 1 and 2 workers verifies', { timeout: TEST_TIMEOUT_MS }, async () => {
    const doc = await primesSweep(page, server.url);
    assert.match(doc.environment.userAgent, /Firefox\//);
    assertNoPageErrors(page);
  });

  test('a lesson runs its experiment', { timeout: TEST_TIMEOUT_MS }, async () => {
    await lessonExperiment(page, server.url);
    assertNoPageErrors(page);
  });

  test('the Results viewer opens with its import', { timeout: TEST_TIMEOUT_MS }, async () => {
    await resultsViewer(page, server.url);
    assertNoPageErrors(page);
  });
});

test('./build.sh bench --browser firefox writes the results format with Firefox\'s user agent', { timeout: TEST_TIMEOUT_MS }, async () => {
  const doc = await benchIn('firefox');
  assert.match(doc.environment.userAgent, /Firefox\//);
});

test('./build.sh bench refuses --overheads outside Chromium, saying why', async () => {
  const refused = await promisify(execFile)('node', ['bench/headless.mjs', '--browser', 'firefox', '--overheads'], { cwd: ROOT })
    .then(() => null, (error) => error);
  assert.equal(refused?.code, 2);
  assert.match(refused.stderr, /--overheads .* chromium only/);
});
