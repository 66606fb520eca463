// What the Firefox and WebKit smoke tests do to the page, through bench/browsers.mjs (the same
// layer the headless runner drives every browser with). Each step waits on the page's own
// signals (an experiment root's data-state, the Results page's #main data-state), never on the
// clock. The Playwright suite (tests/browser/) covers the page in depth in Chromium; these check
// that what a person relies on also works in the other engines.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buttonSelector, experimentReady, sweepSettled } from '../../bench/browsers.mjs';
import { catalogue, quickQuery } from '../browser/quick.mjs';

const primes = catalogue.workloads.find((w) => w.id === 'primes');

/** Primes at its quick size on 1 and 2 workers, 3 repeats each: a few seconds on any engine. */
export const PRIMES_QUERY = quickQuery(primes, { workers: '1,2', repeats: '3' });

// A driver call that waits on the page (a whole sweep, say) may take this long on a busy machine.
export const TEST_TIMEOUT_MS = 240_000;

/** Whether the page is cross-origin isolated and has shared memory. */
export function isolation(page) {
  return page.evaluate(() => ({ isolated: self.crossOriginIsolated === true, sharedArrayBuffer: typeof SharedArrayBuffer === 'function' }));
}

/** The results table's rows inside `scope`: each { workers, verified } as the page shows them. */
export function resultRows(page, scope) {
  return page.evaluate((sel) => [...document.querySelectorAll(`${sel} table[id$="results-table"] tbody tr`)]
    .map((row) => ({ workers: row.cells[0].textContent.trim(), verified: row.querySelector('td.check').textContent.trim() })), scope);
}

/** Presses Run in the experiment at `scope` and waits for its sweep to end; returns the state. */
export async function runExperiment(page, scope) {
  const run = await buttonSelector(page, scope, 'Run');
  return sweepSettled(page, scope, () => page.click(run));
}

/**
 * The playground at PRIMES_QUERY: isolated, Run, both worker counts verified, and the exported
 * JSON is the results format with this browser's user agent. Returns that document.
 */
export async function primesSweep(page, baseUrl) {
  await page.goto(baseUrl + PRIMES_QUERY);
  const ready = await experimentReady(page, '#experiment');
  assert.equal(ready.state, 'idle', `the experiment is ready to run (status: ${ready.status})`);
  assert.deepEqual(await isolation(page), { isolated: true, sharedArrayBuffer: true });
  assert.equal(await runExperiment(page, '#experiment'), 'done');
  assert.deepEqual(await resultRows(page, '#experiment'), [
    { workers: '1', verified: '✓ verified' },
    { workers: '2', verified: '✓ verified' },
  ]);
  const { name, text } = await page.download(await buttonSelector(page, '#experiment', 'Export JSON'));
  assert.match(name, /^corelab-primes-.*\.json$/);
  const doc = JSON.parse(text);
  assert.equal(doc.format, 'corelab-results');
  assert.deepEqual(doc.runs.map((r) => [r.workers, r.verified]), [[1, true], [2, true]]);
  assert.equal(doc.environment.userAgent, await page.evaluate(() => navigator.userAgent));
  return doc;
}

/** The first lesson, at quick sizes: its first experiment runs and every point verifies (or
 *  demonstrates what it is meant to, with its checks held). */
export async function lessonExperiment(page, baseUrl) {
  await page.goto(`${baseUrl}lessons/your-cores.html?quick`);
  const scope = 'main .experiment';
  const ready = await experimentReady(page, scope);
  assert.equal(ready.state, 'idle', `the lesson's experiment is ready to run (status: ${ready.status})`);
  assert.equal(await page.evaluate(() => document.querySelector('h1').textContent.trim()), 'Your cores');
  assert.equal(await runExperiment(page, scope), 'done');
  const rows = await resultRows(page, scope);
  assert.ok(rows.length > 0, 'the lesson shows its results');
  for (const row of rows) assert.match(row.verified, /^(✓ verified|◇ demonstrates: .+)$/);
}

/** The Results viewer opens and offers to add result files. */
export async function resultsViewer(page, baseUrl) {
  await page.goto(`${baseUrl}results.html`);
  const state = await page.waitFor(() => {
    const s = document.querySelector('#main')?.dataset.state;
    return s && s !== 'loading' ? s : null;
  }, null, { timeout: 60_000 });
  assert.equal(state, 'ready');
  const importUi = await page.evaluate(() => {
    const input = document.querySelector('#import-files');
    const label = document.querySelector('label[for="import-files"]');
    return {
      heading: document.querySelector('#import-title')?.textContent.trim(),
      input: input?.type,
      multiple: input?.multiple,
      label: label?.textContent.trim(),
      labelShown: Boolean(label && label.getClientRects().length),
    };
  });
  assert.deepEqual(importUi, { heading: 'Add results', input: 'file', multiple: true, label: 'Choose JSON files', labelShown: true });
}

/** The project's folder, where the runner is started from. */
export const ROOT = new URL('../../', import.meta.url).pathname;

/**
 * `./build.sh bench --browser NAME` (the runner itself, as build.sh runs it once built): primes
 * at its quick size on 1 and 2 workers writes the results format, both points verified, with
 * the browser's user agent. Returns that document.
 */
export async function benchIn(browser) {
  const dir = await mkdtemp(join(tmpdir(), 'corelab-bench-'));
  try {
    const out = join(dir, 'results.json');
    const { stderr } = await promisify(execFile)('node', ['bench/headless.mjs', '--browser', browser, '--workload', 'primes',
      '--workers', '1,2', '--repeats', '2', '--quick', '--out', out], { cwd: ROOT, maxBuffer: 1 << 24 });
    assert.match(stderr, new RegExp(`^browser: ${browser} `, 'm'));
    const doc = JSON.parse(await readFile(out, 'utf8'));
    assert.equal(doc.format, 'corelab-results');
    assert.deepEqual(doc.runs.map((r) => [r.workload, r.workers, r.verified]), [['primes', 1, true], ['primes', 2, true]]);
    return doc;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Fails with the page's console errors and uncaught exceptions, where the driver reports them. */
export function assertNoPageErrors(page) {
  if (page.errors) assert.deepEqual(page.errors, [], 'console errors');
}
