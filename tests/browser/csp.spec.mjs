// The Content-Security-Policy (issue 12): the server sends one strict policy with every page and
// worker script (and any response to a client that does not say what it asks for), and no page
// needs more than it allows. Every page is opened, a real sweep and a lesson
// experiment run, results exported and compared, and any violation the browser reports (a
// `securitypolicyviolation` event in the page, or its console error) fails the test.
import { LESSONS } from '../../www/lessons/catalogue.js';
import { expect, exported, finished, open, quickQuery, catalogue, test } from './fixtures.mjs';

/** The policy, directive by directive, exactly: nothing from another origin, no inline code. */
const POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'style-src': ["'self'"],
  'img-src': ["'self'"],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

function directives(header) {
  return Object.fromEntries(header.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name, values]));
}

/** Records every violation the page reports, and every console line about the policy. */
async function watchViolations(page) {
  await page.addInitScript(() => {
    self.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      self.cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  const consoleLines = [];
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) consoleLines.push(message.text());
  });
  return {
    /** Every violation seen so far, in the page now open and in the console. */
    async seen() {
      return [...await page.evaluate(() => self.cspViolations), ...consoleLines];
    },
  };
}

const primes = catalogue.workloads.find((w) => w.id === 'primes');

test('a request that does not say where it goes (no Sec-Fetch-Dest) gets the policy and Referrer-Policy: pages, scripts, the wasm, the kernels of the build, 404s', async ({ request }) => {
  const base = process.env.CORELAB_URL;
  const build = (await (await request.get(`${base}pkg/catalogue.json`)).json()).build.wasm;
  const paths = ['', 'lessons/', 'results.html', 'js/compute-worker.js', 'js/memory-probe-worker.js', 'pkg/vendor/wasm-feature-detect.js',
    'pkg/catalogue.json', `build/${build}/corelab.js`, `build/${build}/corelab_bg.wasm`, 'no-such-page.html', 'build/0000000000000000/corelab.js'];
  for (const path of paths) {
    const response = await request.get(base + path, { headers: { 'accept-encoding': 'br, gzip' } });
    const headers = response.headers();
    expect(directives(headers['content-security-policy'] ?? ''), path).toEqual(POLICY);
    expect(headers['referrer-policy'], path).toBe('no-referrer');
  }
  // The unisolated server (a plain static host's stand-in) sends it too.
  const plain = await request.get(process.env.CORELAB_PLAIN_URL);
  expect(directives(plain.headers()['content-security-policy'] ?? '')).toEqual(POLICY);
});

test('in a browser, the page and every worker script carry the policy; the modules they load run under it', async ({ page }) => {
  // The server adds the header where the browser applies one (Sec-Fetch-Dest: a document or a
  // worker); a module or a stylesheet runs under its document's or worker's policy.
  const seen = [];
  page.on('response', async (response) => {
    const destination = (await response.request().allHeaders())['sec-fetch-dest'];
    seen.push({ path: new URL(response.url()).pathname, destination, policy: (await response.allHeaders())['content-security-policy'] ?? null });
  });
  await open(page, quickQuery(primes, { workers: '2', repeats: '1' }));
  await page.getByRole('button', { name: 'Run' }).click();
  expect(await finished(page)).toBe('done');
  const carrying = (destinations) => seen.filter((r) => destinations.includes(r.destination));
  expect(carrying(['document']).map((r) => r.path)).toContain('/');
  expect(carrying(['worker']).map((r) => r.path)).toEqual(expect.arrayContaining(['/js/compute-worker.js', '/js/memory-probe-worker.js']));
  for (const r of carrying(['document', 'worker'])) expect(directives(r.policy ?? ''), r.path).toEqual(POLICY);
  const modules = carrying(['script', 'style']);
  expect(modules.length).toBeGreaterThan(10);
  for (const r of modules) expect(r.policy, r.path).toBeNull();
});

test('the playground runs a sweep, charts it and exports it without a single policy violation', async ({ page }) => {
  const violations = await watchViolations(page);
  // The compute worker gets the policy with its script, so it compiles the kernels under it.
  const workerPolicy = page.waitForResponse((r) => r.url().endsWith('/js/compute-worker.js'));
  await open(page, quickQuery(primes, { workers: '1,2', repeats: '2' }));
  await page.getByRole('button', { name: 'Run' }).click();
  expect(await finished(page)).toBe('done');
  expect(directives((await workerPolicy).headers()['content-security-policy'])).toEqual(POLICY);
  await expect(page.locator('#speedup-chart')).toBeVisible();
  expect(await page.locator('#speedup-chart').evaluate(async (canvas) => {
    const { Chart } = await import('/pkg/vendor/chartjs.js'); // the page's own instance
    return Chart.getChart(canvas) !== undefined;
  })).toBe(true);
  const { doc } = await exported(page);
  expect(doc.runs.map((r) => r.verified)).toEqual([true, true]);
  expect(await violations.seen()).toEqual([]);
});

test('the lessons index, every lesson and a lesson experiment run without a policy violation', async ({ page }) => {
  test.setTimeout(240_000);
  const violations = await watchViolations(page);
  const paths = ['lessons/', ...LESSONS.map((l) => `lessons/${l.id}.html?quick`)];
  for (const path of paths) {
    await page.goto(process.env.CORELAB_URL + path);
    await page.waitForFunction(() => [...document.querySelectorAll('.experiment')].every((e) => e.dataset.state && e.dataset.state !== 'loading'));
    expect(await violations.seen(), path).toEqual([]);
  }
  await page.goto(`${process.env.CORELAB_URL}lessons/your-cores.html?quick`);
  const experiment = page.locator('main .experiment').first();
  await expect(experiment).toHaveAttribute('data-state', 'idle');
  await experiment.getByRole('button', { name: 'Run' }).click();
  expect(await finished(page, 'main .experiment >> nth=0')).toBe('done');
  expect(await violations.seen()).toEqual([]);
});

test('the Results page lists, compares and charts results without a policy violation', async ({ page }) => {
  const violations = await watchViolations(page);
  await open(page, quickQuery(primes, { workers: '1,2', repeats: '2' }));
  await page.getByRole('button', { name: 'Run' }).click();
  expect(await finished(page)).toBe('done');
  // Saved to the library (IndexedDB) after the sweep ends: wait for the page to say so.
  await expect(page.locator('#status')).toContainText('Saved in your results library');
  await page.goto(`${process.env.CORELAB_URL}results.html`);
  await expect(page.locator('#main')).toHaveAttribute('data-state', 'ready');
  await expect(page.locator('#library-table tbody tr')).toHaveCount(1);
  await page.locator('#library-table tbody input[type="checkbox"]').first().check();
  await page.getByRole('button', { name: 'Compare selected' }).click();
  await expect(page.locator('#compare-table tbody tr').first()).toBeVisible();
  const chartModule = await page.evaluateHandle(() => import('/pkg/vendor/chartjs.js')); // the page's own instance
  await page.waitForFunction(({ Chart }) => Chart.getChart(document.querySelector('#compare-overlay-chart'))?.data.datasets.length > 0, chartModule);
  await expect(page.getByRole('button', { name: 'Test this device' })).toBeEnabled();
  expect(await violations.seen()).toEqual([]);
});

test.describe('the policy is enforced', () => {
  test.use({ allowedErrors: [/Content Security Policy/] });

  test('an inline script, an inline handler, a string timer and an inline style are refused, and reported', async ({ page }) => {
    const violations = await watchViolations(page);
    await open(page);
    // (Code that DevTools runs, as page.evaluate does, may eval: the string timer stands for it.)
    const outcome = await page.evaluate(async () => {
      const reported = new Promise((resolve) => {
        // Registered after the init script's listener, so the array already holds each event.
        document.addEventListener('securitypolicyviolation', () => {
          if (self.cspViolations.length >= 4) resolve();
        });
      });
      document.head.append(Object.assign(document.createElement('script'), { textContent: 'self.inlineRan = true;' }));
      const button = document.createElement('button');
      button.setAttribute('onclick', 'self.handlerRan = true;');
      button.setAttribute('style', 'color: rgb(1, 2, 3)');
      document.body.append(button);
      button.click();
      setTimeout('self.timerRan = true;', 0);
      await reported;
      return { ran: [self.inlineRan, self.handlerRan, self.timerRan].some(Boolean), colour: getComputedStyle(button).color };
    });
    expect(outcome.ran).toBe(false);
    expect(outcome.colour).not.toBe('rgb(1, 2, 3)');
    const seen = await violations.seen();
    expect(seen.filter((v) => !/Content.Security.Policy/i.test(v)).map((v) => v.split(' ')[0]).sort())
      .toEqual(['script-src', 'script-src-attr', 'script-src-elem', 'style-src-attr']);
  });
});
