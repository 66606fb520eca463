// Shared pieces of the browser tests. Every test fails if the page logs a console error or
// throws, unless it declares the errors it expects (the fault tests). Tests wait on the page's
// own signal, the experiment root's `data-state`, never on the clock.
import { readFile } from 'node:fs/promises';
import { test as base, expect } from '@playwright/test';

export { expect };

export { catalogue, quickCheckKind, quickQuery, quickValue } from './quick.mjs';

export const FINISHED = ['done', 'cancelled', 'failed', 'unavailable'];

export const test = base.extend({
  // Console errors the test expects, as regular expressions; anything else fails it.
  allowedErrors: [[], { option: true }],
  consoleErrors: [
    async ({ page, allowedErrors }, use) => {
      const errors = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
      await use(errors);
      const unexpected = errors.filter((e) => !allowedErrors.some((re) => re.test(e)));
      expect(unexpected, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

/**
 * Makes `page` behave like a browser whose service workers are off (Firefox's private windows,
 * some managed browsers): registering one fails. A page served without the isolation headers then
 * stays unisolated, as it would there, instead of isolating itself through the service worker.
 */
export async function withoutServiceWorkers(page) {
  await page.addInitScript(() => {
    if (!self.navigator.serviceWorker) return;
    self.navigator.serviceWorker.register = () => Promise.reject(new DOMException('Service workers are disabled in this browser', 'SecurityError'));
  });
}

/** Opens the isolated page with a query and waits until its experiment is ready. */
export async function open(page, query = '') {
  await page.goto(process.env.CORELAB_URL + query);
  await expect(page.locator('#experiment')).not.toHaveAttribute('data-state', 'loading');
}

/**
 * Waits until the sweep in flight in the experiment at `selector` ends and returns its final
 * state. Event-driven (a MutationObserver on `data-state`), so the wait costs the page no CPU.
 */
export async function finished(page, selector = '#experiment') {
  return page.locator(selector).evaluate((root, states) => new Promise((resolve) => {
    const settled = () => states.includes(root.dataset.state) && !['queued', 'running'].includes(root.dataset.state);
    if (settled()) return resolve(root.dataset.state);
    new MutationObserver((_, observer) => {
      if (!settled()) return;
      observer.disconnect();
      resolve(root.dataset.state);
    }).observe(root, { attributes: true, attributeFilter: ['data-state'] });
  }), FINISHED, { timeout: 0 });
}

/**
 * Resolves as soon as the status at `selector` matches `pattern`, seen by a MutationObserver:
 * a status that lasts one short run can fall between two polls of `expect(...).toContainText`.
 */
export async function statusShows(page, pattern, selector = '#status') {
  await page.locator(selector).evaluate((status, [source, flags]) => new Promise((resolve) => {
    const re = new RegExp(source, flags);
    if (re.test(status.textContent)) return resolve();
    new MutationObserver((_, observer) => {
      if (!re.test(status.textContent)) return;
      observer.disconnect();
      resolve();
    }).observe(status, { childList: true, characterData: true, subtree: true });
  }), [pattern.source, pattern.flags], { timeout: 0 });
}

/** The Results table's columns by heading, as resultRows names them. */
const RESULT_COLUMNS = {
  Workers: 'workers', Problem: 'problem', Check: 'verified', 'Median (ms)': 'median', '95% interval (ms)': 'interval', 'Interval (ms)': 'interval',
  Samples: 'samples', Speedup: 'speedup', 'Scaled speedup': 'speedup', Efficiency: 'efficiency', 'e(k)': 'karpFlatt', 'Time against the fastest': 'against',
};

/** The Results table's body rows, each as { workers, verified, median, interval, samples,
 *  speedup, efficiency, karpFlatt } cell texts, `problem` where the table has that column (weak
 *  scaling), and for a parameter sweep `value` and `against` in place of workers and speedup. */
export async function resultRows(page) {
  const table = page.locator('#results-table');
  const headings = (await table.locator('thead th').allTextContents()).map((t) => t.trim());
  const columns = headings.map((h, i) => RESULT_COLUMNS[h] ?? (i === 0 ? 'value' : h));
  const rows = await table.locator('tbody tr').evaluateAll((trs) =>
    trs.map((row) => [...row.cells].map((c) => c.textContent.trim())),
  );
  return rows.map((cells) => Object.fromEntries(columns.map((name, i) => [name, cells[i]])));
}

/** Downloads the page's Export JSON and parses it. */
export async function exported(page) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export JSON' }).click(),
  ]);
  return { name: download.suggestedFilename(), doc: JSON.parse(await readFile(await download.path(), 'utf8')) };
}
