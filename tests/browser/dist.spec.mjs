// `./build.sh dist` writes a static site that works from a host that cannot set headers: served
// here by a plain static file server (no COOP/COEP, nothing corelab-specific), the page isolates
// itself with the bundled coi-serviceworker after one automatic reload, and a sweep verifies,
// under the Content-Security-Policy every page carries in a <meta> (a static host sends none).
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { promisify } from 'node:util';
import { catalogue, expect, finished, quickQuery, resultRows, test } from './fixtures.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const DIST = join(ROOT, 'dist');
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml' };

/** The plainest static host: files by path, a content type, index.html for folders. */
function staticHost(root) {
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname));
    const file = join(root, path.endsWith('/') ? `${path}index.html` : path);
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

test('the dist/ folder on a plain static host: isolated by the service worker, and a sweep verifies', async ({ page }) => {
  test.setTimeout(300_000);
  await promisify(execFile)('bash', ['build.sh', 'dist'], { cwd: ROOT, maxBuffer: 1 << 26 });
  const server = await staticHost(DIST);
  await page.addInitScript(() => {
    self.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => self.cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI}`));
  });
  const policy = (await promisify(execFile)(join(ROOT, 'target/release/corelab'), ['csp', '--meta'])).stdout.trim();
  try {
    const primes = catalogue.workloads.find((w) => w.id === 'primes');
    await page.goto(`http://127.0.0.1:${server.address().port}/${quickQuery(primes, { workers: '1,2', repeats: '1' })}`);
    // No click: the page installs the service worker and reloads through it by itself.
    await page.waitForFunction(() => self.crossOriginIsolated === true, null, { polling: 100, timeout: 30_000 });
    await expect(page.locator('#experiment')).toHaveAttribute('data-state', 'idle');
    await page.getByRole('button', { name: 'Run' }).click();
    expect(await finished(page)).toBe('done');
    expect((await resultRows(page)).map((r) => r.verified)).toEqual(['✓ verified', '✓ verified']);
    await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', policy);
    expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(await page.evaluate(() => self.cspViolations)).toEqual([]);
    // The lessons and the Results page come along.
    await page.goto(`http://127.0.0.1:${server.address().port}/lessons/`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lessons');
    await page.goto(`http://127.0.0.1:${server.address().port}/results.html`);
    await expect(page.locator('#main')).toHaveAttribute('data-state', 'ready');
    await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', policy);
    expect(await page.evaluate(() => self.cspViolations)).toEqual([]);
  } finally {
    server.close();
  }
});
