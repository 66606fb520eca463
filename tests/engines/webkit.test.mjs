// WebKit smoke test (./build.sh test): Safari's engine, JavaScriptCore, as WebKitGTK's
// MiniBrowser driven by WebKitWebDriver under an Xvfb display (bench/browsers.mjs starts both).
// WebKitGTK leaves SharedArrayBuffer undefined even on a cross-origin isolated page unless
// JavaScriptCore is told otherwise (JSC_useSharedArrayBuffer=1 in the driver's environment).
// With it a threaded sweep verifies; without it the page must refuse up front, saying why,
// rather than let Run fail, and the Results viewer must still work. The headless runner's
// --browser webkit (which switches shared memory on) writes the results format.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { experimentReady, launchBrowser } from '../../bench/browsers.mjs';
import { startServer } from '../../bench/server.mjs';
import { benchIn, isolation, PRIMES_QUERY, primesSweep, resultsViewer, TEST_TIMEOUT_MS } from './smoke.mjs';

let server;
before(async () => {
  server = await startServer([]);
});
after(async () => {
  await server?.stop();
});

/** A fresh WebKit (its own display and driver) for the tests of one describe block. */
function webkit(options) {
  const session = {};
  before(async () => {
    session.browser = await launchBrowser('webkit', options);
    session.page = await session.browser.newPage();
  }, { timeout: 120_000 });
  after(async () => {
    await session.browser?.close();
  });
  return session;
}

describe('WebKitGTK with SharedArrayBuffer (JSC_useSharedArrayBuffer=1)', () => {
  const session = webkit({ sharedArrayBuffer: true });

  test('the page is cross-origin isolated and a primes sweep on 1 and 2 workers verifies', { timeout: TEST_TIMEOUT_MS }, async () => {
    const doc = await primesSweep(session.page, server.url);
    assert.match(doc.environment.userAgent, /AppleWebKit\/.* Safari\//);
  });
});

describe('WebKitGTK as it comes (no SharedArrayBuffer)', () => {
  const session = webkit({ sharedArrayBuffer: false });

  test('the page refuses up front: Run is disabled and the notice names SharedArrayBuffer', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { page } = session;
    await page.goto(server.url + PRIMES_QUERY);
    const ready = await experimentReady(page, '#experiment');
    // Isolated, yet without shared memory: the case the page must recognise.
    assert.deepEqual(await isolation(page), { isolated: true, sharedArrayBuffer: false });
    assert.equal(ready.state, 'unavailable');
    assert.match(ready.status, /SharedArrayBuffer/);
    const shown = await page.evaluate(() => ({
      runDisabled: [...document.querySelectorAll('#experiment button')].find((b) => b.textContent.trim() === 'Run')?.disabled,
      // The explanation a person sees: visible alerts, by their rendered text.
      alerts: [...document.querySelectorAll('[role="alert"]')].filter((a) => a.getClientRects().length).map((a) => a.innerText),
    }));
    assert.equal(shown.runDisabled, true);
    assert.ok(shown.alerts.some((text) => text.includes('SharedArrayBuffer')), `a visible notice names SharedArrayBuffer: ${JSON.stringify(shown.alerts)}`);
  });

  test('the Results viewer still opens with its import', { timeout: TEST_TIMEOUT_MS }, async () => {
    await resultsViewer(session.page, server.url);
  });
});

test('./build.sh bench --browser webkit writes the results format with WebKit\'s user agent', { timeout: TEST_TIMEOUT_MS }, async () => {
  const doc = await benchIn('webkit');
  assert.match(doc.environment.userAgent, /AppleWebKit\/.* Safari\//);
});
