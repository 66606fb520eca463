// Issue 10 §0, "Every device can take part": a phone or a second laptop opens the page by this
// machine's network name or address. Over plain http from such an address the browser refuses
// shared memory, whatever headers are sent; `corelab serve --lan` serves https instead. These
// tests reach the servers as https://corelab.test:PORT/ and http://corelab.test:PORT/, a name that
// is not localhost, which Chromium resolves to 127.0.0.1 (--host-resolver-rules): the browser then
// judges the page exactly as another device would, while every packet stays on this machine.
import { mkdtempSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import config from '../../playwright.config.mjs';
import { startServer } from '../../bench/server.mjs';
import { catalogue, expect, finished, quickQuery, resultRows, test } from './fixtures.mjs';

const NAME = 'corelab.test';
const primes = catalogue.workloads.find((w) => w.id === 'primes');
const sweep = quickQuery(primes, { workers: '1,2', repeats: '1' });

test.use({
  launchOptions: {
    ...config.use.launchOptions,
    args: [...config.use.launchOptions.args, `--host-resolver-rules=MAP ${NAME} 127.0.0.1`],
  },
});

let lan;
let certDir;

test.beforeAll(async () => {
  // The certificate goes to a fresh folder, never the project's .tools/lan-cert.
  certDir = mkdtempSync(join(tmpdir(), 'corelab-lan-cert-'));
  lan = await startServer(['--lan', '--cert-dir', certDir]);
});

test.afterAll(async () => {
  await lan?.stop();
  if (certDir) rmSync(certDir, { recursive: true, force: true });
});

/** The --lan server's page as another device names it. */
function lanUrl(query = '') {
  return `https://${NAME}:${new URL(lan.url).port}/${query}`;
}

async function runSweep(page) {
  await expect(page.locator('#experiment')).toHaveAttribute('data-state', 'idle');
  await page.getByRole('button', { name: 'Run' }).click();
  expect(await finished(page)).toBe('done');
  expect((await resultRows(page)).map((r) => r.verified)).toEqual(['✓ verified', '✓ verified']);
}

test('--lan makes its certificate in the folder given and prints an https URL', () => {
  expect(lan.url).toMatch(/^https:\/\/\S+:\d+\/$/);
  expect(existsSync(join(certDir, 'cert.pem'))).toBe(true);
  expect(existsSync(join(certDir, 'key.pem'))).toBe(true);
});

test.describe('with the certificate accepted', () => {
  test.use({ ignoreHTTPSErrors: true });

  test('over https by a network name the page is a secure context, isolated, and a sweep verifies', async ({ page }) => {
    await page.goto(lanUrl(sweep));
    expect(await page.evaluate(() => [self.isSecureContext, self.crossOriginIsolated])).toEqual([true, true]);
    await expect(page.locator('#isolation')).toBeHidden();
    await runSweep(page);
  });
});

test('accepting the warning as a person does (Advanced, Proceed) gives an isolated page', async ({ browser }) => {
  // A context that does not ignore certificate errors: Chromium shows its interstitial.
  const context = await browser.newContext();
  const page = await context.newPage();
  const failed = await page.goto(lanUrl(sweep)).then(() => null, (error) => error.message);
  expect(failed).toMatch(/ERR_CERT_AUTHORITY_INVALID/);
  await page.locator('#details-button').click();
  await Promise.all([page.waitForURL(lanUrl(sweep)), page.locator('#proceed-link').click()]);
  await expect(page.locator('#experiment')).toHaveAttribute('data-state', 'idle');
  expect(await page.evaluate(() => [self.isSecureContext, self.crossOriginIsolated])).toEqual([true, true]);
  await runSweep(page);
  await context.close();
});

test.describe('over plain http', () => {
  // Chromium's own word for what happens: it drops COOP on an untrustworthy origin.
  test.use({ allowedErrors: [/Cross-Origin-Opener-Policy header has been ignored, because the URL's origin was untrustworthy/] });

  test('by a network name the page says it is not a secure context and Run is off', async ({ page }) => {
    // The suite's isolated plain-http server (127.0.0.1), reached by name: the isolation headers
    // arrive, yet the browser refuses shared memory.
    const plain = new URL(process.env.CORELAB_URL);
    await page.goto(`http://${NAME}:${plain.port}/${sweep}`);
    expect(await page.evaluate(() => [self.isSecureContext, self.crossOriginIsolated])).toEqual([false, false]);
    await expect(page.locator('#experiment')).toHaveAttribute('data-state', 'unavailable');
    const notice = page.getByRole('alert').filter({ hasText: 'Threads are not available' });
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('secure context');
    await expect(notice).toContainText('came over plain http from another address');
    await expect(notice).toContainText('or over https');
    await expect(notice.locator('[data-cause="headers"]')).toBeHidden(); // not the missing-headers advice
    await expect(page.getByRole('button', { name: 'Run' })).toBeDisabled();
    await expect(page.locator('#status')).toContainText('opened over plain http from another address');
  });
});
