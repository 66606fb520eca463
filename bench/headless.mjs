// `./build.sh bench`: drives the real page in headless Chromium, exactly as a person would use
// it (fill the form, press Run, press Export JSON), prints a table and writes the exported JSON.
//
//   ./build.sh bench [--workload ID[,ID...]] [--workers 1,2] [--repeats 5] [--out FILE]
//                    [--param NAME=VALUE ...] [--quick]
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { checkParam, parseNumber, parseWorkers } from '../www/js/stats.js';
import { startServer } from './server.mjs';

const USAGE = `usage: ./build.sh bench [options]
  --workload ID[,ID]  workloads to run (default: all); repeatable
  --workers LIST      worker counts, e.g. 1,2,4 or 1-4 (default: 1 to the number of cores)
  --repeats N         timed runs per worker count after one warm-up (default 5)
  --param NAME=VALUE  a workload parameter by its declared name; repeatable
  --quick             use each workload's quick sizes instead of the defaults
  --out FILE          write the results JSON (the page's Export JSON format) to FILE`;

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function fail(message) {
  console.error(`error: ${message}`);
  process.exit(2);
}

function parseCommandLine(catalogue) {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        workload: { type: 'string', multiple: true },
        workers: { type: 'string' },
        repeats: { type: 'string', default: '5' },
        param: { type: 'string', multiple: true, default: [] },
        quick: { type: 'boolean', default: false },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (error) {
    fail(`${error.message}\n${USAGE}`);
  }
  if (parsed.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const ids = catalogue.workloads.map((w) => w.id);
  const chosen = parsed.workload ? parsed.workload.flatMap((w) => w.split(',')).map((w) => w.trim()) : ids;
  for (const id of chosen) if (!ids.includes(id)) fail(`unknown workload '${id}'; valid workloads: ${ids.join(', ')}`);
  const workloads = chosen.map((id) => catalogue.workloads.find((w) => w.id === id));

  const params = new Map();
  for (const pair of parsed.param) {
    const match = /^([\w-]+)=(.*)$/.exec(pair);
    if (!match) fail(`--param takes NAME=VALUE (got '${pair}')`);
    const [, name, text] = match;
    for (const workload of workloads) {
      const spec = workload.params.find((p) => p.name === name);
      if (!spec) {
        fail(`unknown parameter '${name}' for ${workload.id}; valid parameters: ${workload.params.map((p) => p.name).join(', ') || 'none'}`);
      }
      const error = checkParam(spec, spec.kind === 'choice' ? text : parseNumber(text));
      if (error) fail(`--param ${name}: ${error}`);
    }
    params.set(name, text);
  }
  const repeats = parseNumber(parsed.repeats);
  if (!Number.isInteger(repeats) || repeats < 1 || repeats > 50) fail('--repeats must be a whole number from 1 to 50');
  return { workloads, params, workers: parsed.workers, repeats, quick: parsed.quick, out: parsed.out };
}

async function runWorkload(page, baseUrl, workload, options) {
  const query = new URLSearchParams({ workload: workload.id, repeats: String(options.repeats) });
  if (options.workers) query.set('workers', options.workers);
  for (const spec of workload.params) {
    if (options.params.has(spec.name)) query.set(spec.name, options.params.get(spec.name));
    else if (options.quick) query.set(spec.name, spec.kind === 'choice' ? spec.choices[spec.quick] : String(spec.quick));
  }
  await page.goto(`${baseUrl}?${query}`);
  await page.waitForFunction(() => document.body.dataset.state !== 'loading');
  const state = await page.evaluate(() => document.body.dataset.state);
  if (state !== 'idle') throw new Error(`the page is ${state}: ${await page.locator('#status').textContent()}`);

  let lastStatus = '';
  const poll = setInterval(async () => {
    const status = await page.locator('#status').textContent().catch(() => '');
    if (status && status !== lastStatus) process.stderr.write(`  ${status}\n`);
    lastStatus = status;
  }, 500);
  try {
    await page.getByRole('button', { name: 'Run' }).click();
    const invalid = await page.locator('.field-error:not([hidden])').allTextContents();
    if (invalid.length) throw new Error(invalid.join('\n'));
    await page.waitForFunction(() => ['done', 'failed', 'cancelled'].includes(document.body.dataset.state), null, { timeout: 0 });
  } finally {
    clearInterval(poll);
  }
  if ((await page.evaluate(() => document.body.dataset.state)) !== 'done') {
    throw new Error(await page.locator('#error').textContent());
  }
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
  return JSON.parse(await readFile(await download.path(), 'utf8'));
}

function printTable(doc) {
  const header = ['workload', 'workers', 'median ms', 'min-max ms', 'speedup', 'efficiency', 'verified'];
  const rows = doc.runs.map((r) => [
    r.workload, String(r.workers), r.median_ms.toFixed(1), `${r.min_ms.toFixed(1)}-${r.max_ms.toFixed(1)}`,
    r.speedup == null ? '-' : `${r.speedup.toFixed(2)}x`, r.efficiency == null ? '-' : `${(r.efficiency * 100).toFixed(0)}%`,
    r.verified ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  for (const [id, fit] of Object.entries(doc.fits)) console.log(`${id}: fitted serial fraction ${fit.serial_fraction.toFixed(3)}`);
}

async function main() {
  const catalogue = JSON.parse(await readFile(new URL('../pkg/catalogue.json', import.meta.url), 'utf8'));
  const options = parseCommandLine(catalogue);
  if (options.workers) {
    const { error } = parseWorkers(options.workers, 1024);
    if (error) fail(`--workers: ${error}`);
  }
  const server = await startServer([]);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  let failed = false;
  const combined = { runs: [], fits: {} };
  try {
    const page = await browser.newPage({ acceptDownloads: true });
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    for (const workload of options.workloads) {
      console.error(`${workload.id}:`);
      try {
        const doc = await runWorkload(page, server.url, workload, options);
        Object.assign(combined, { format: doc.format, version: doc.version, created: doc.created, environment: doc.environment });
        combined.runs.push(...doc.runs);
        Object.assign(combined.fits, doc.fits);
      } catch (error) {
        failed = true;
        console.error(`${workload.id} failed: ${error.message}`);
      }
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  if (combined.runs.length) {
    const doc = { format: combined.format, version: combined.version, created: combined.created, environment: combined.environment, runs: combined.runs, fits: combined.fits };
    printTable(doc);
    if (options.out) {
      await writeFile(options.out, JSON.stringify(doc, null, 2) + '\n');
      console.error(`wrote ${options.out}`);
    }
    if (doc.runs.some((r) => !r.verified)) failed = true;
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(`error: ${error.message}`);
  process.exit(1);
});
