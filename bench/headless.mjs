// `./build.sh bench`: drives the real page in headless Chromium, exactly as a person would use
// it (fill the form, press Run, press Export JSON), prints a table and writes the exported JSON.
//
//   ./build.sh bench [--workload ID[,ID...]] [--workers 1,2] [--repeats 5|auto] [--budget S]
//                    [--scaling strong|weak] [--param NAME=VALUE ...] [--vary NAME=V1,V2,...]
//                    [--quick] [--compare-native] [--compare-python] [--runtime wasm|python]
//                    [--out FILE]
//
// --compare-native then runs the same plan on the native runner (target/release/corelab bench)
// and prints, per workload, the wasm/native ratio of the medians at 1 worker and at the largest
// count: both in one invocation, on one machine state, so the ratio is fair.
//
// --runtime python runs the seeds' multiprocessing.Pool instead of the page (no browser), and
// --compare-python runs it after the page: see bench/python/run.mjs.
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { checkParam, formatValue, parseNumber, parseValueList, parseWorkers } from '../www/js/input.js';
import { BUDGET_S, MAX_VARIED_VALUES, MAX_WORKERS_HEADLESS, REPEATS } from '../www/js/limits.js';
import { failed as failedRun } from '../www/js/results/sweep-results.js';
import { checkPython, PythonMissing, printPythonComparison, runPython } from './python/run.mjs';
import { startServer } from './server.mjs';

const USAGE = `usage: ./build.sh bench [options]
  --workload ID[,ID]  workloads to run (default: all); repeatable
  --workers LIST      worker counts, e.g. 1,2,4 or 1-4 (default: 1 to the number of cores)
  --repeats N|auto    timed runs per worker count after one warm-up (1 to 100, default 5);
                      auto: until the median's 95% interval is within ±3%, or the budget is spent
  --budget S          with --repeats auto: seconds per worker count (1 to 600, default 30)
  --scaling MODE      strong (same problem at every worker count, default) or weak (the
                      problem grows with the workers; Gustafson's law is fitted)
  --param NAME=VALUE  a workload parameter by its declared name; repeatable
  --vary NAME=V1,V2   sweep one parameter instead of the worker count: one run per value at
                      the single count given by --workers (one workload only)
  --quick             use each workload's quick sizes instead of the defaults
  --compare-native    also run natively and print wasm/native median ratios
  --runtime R         wasm (the page in headless Chromium, default) or python (the seeds'
                      multiprocessing.Pool in python3: primes, sum-of-squares, monte-carlo-pi)
  --compare-python    also run in Python and print both runtimes' speedups side by side
  --out FILE          write the results JSON (the page's Export JSON format) to FILE;
                      with --compare-native the native results go to FILE-native.json,
                      with --compare-python the Python results to FILE-python.json`;

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
        budget: { type: 'string', default: String(BUDGET_S.default) },
        scaling: { type: 'string', default: 'strong' },
        param: { type: 'string', multiple: true, default: [] },
        vary: { type: 'string' },
        quick: { type: 'boolean', default: false },
        'compare-native': { type: 'boolean', default: false },
        'compare-python': { type: 'boolean', default: false },
        runtime: { type: 'string', default: 'wasm' },
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
  const auto = parsed.repeats === 'auto';
  const repeats = parseNumber(parsed.repeats);
  if (!auto && (!Number.isInteger(repeats) || repeats < REPEATS.min || repeats > REPEATS.max)) {
    fail(`--repeats must be a whole number from ${REPEATS.min} to ${REPEATS.max}, or auto`);
  }
  const vary = parsed.vary == null ? null : parseVary(parsed.vary, workloads, params, parsed);
  const budget = parseNumber(parsed.budget);
  if (!(budget >= BUDGET_S.min && budget <= BUDGET_S.max)) fail(`--budget must be a number of seconds from ${BUDGET_S.min} to ${BUDGET_S.max}`);
  if (!['strong', 'weak'].includes(parsed.scaling)) fail(`--scaling must be strong or weak (got '${parsed.scaling}')`);
  checkPythonOptions(parsed);
  return {
    workloads, params, vary, repeats: auto ? 'auto' : repeats, budget, scaling: parsed.scaling,
    quick: parsed.quick, out: parsed.out, compareNative: parsed['compare-native'],
    runtime: parsed.runtime, comparePython: parsed['compare-python'],
    // Both runners get the same explicit list, whatever their own defaults.
    workers: parsed.workers ?? `1-${availableParallelism()}`,
  };
}

/** --runtime and --compare-python: what the Python runner can do. */
function checkPythonOptions(parsed) {
  if (!['wasm', 'python'].includes(parsed.runtime)) fail(`--runtime must be wasm or python (got '${parsed.runtime}')`);
  const python = parsed.runtime === 'python' || parsed['compare-python'];
  if (parsed.runtime === 'python' && (parsed['compare-python'] || parsed['compare-native'])) {
    fail('--runtime python runs Python alone; --compare-python and --compare-native compare with the default wasm run');
  }
  if (python && parsed.scaling === 'weak') fail('--scaling weak is not available in Python (its growth rule lives in the Rust catalogue)');
}

/** --vary NAME=V1,V2,...: checked as the page checks it, with the same limits. */
function parseVary(text, workloads, params, parsed) {
  const match = /^([\w-]+)=(.+)$/.exec(text);
  if (!match) fail(`--vary takes NAME=V1,V2,... (got '${text}')`);
  const [, name, list] = match;
  if (workloads.length !== 1) fail('--vary sweeps one workload: give exactly one --workload');
  const [workload] = workloads;
  const spec = workload.params.find((p) => p.name === name);
  if (!spec) fail(`--vary: unknown parameter '${name}' for ${workload.id}; valid parameters: ${workload.params.map((p) => p.name).join(', ')}`);
  if (params.has(name)) fail(`--vary ${name} and --param ${name} conflict: give the values in --vary only`);
  if (parsed.scaling !== 'strong') fail('--vary runs at one worker count, so --scaling weak does not apply');
  const workers = parsed.workers == null ? null : parseWorkers(parsed.workers, MAX_WORKERS_HEADLESS);
  if (!workers?.values || workers.values.length !== 1) fail('--vary needs exactly one worker count: --workers K');
  const values = parseValueList(spec, list, MAX_VARIED_VALUES);
  if (values.error) fail(`--vary: ${values.error}`);
  return { name, text: list };
}

async function runWorkload(page, baseUrl, workload, options) {
  const query = new URLSearchParams({
    workload: workload.id, repeats: String(options.repeats), budget: String(options.budget), scaling: options.scaling,
  });
  if (options.workers) query.set('workers', options.workers);
  if (options.vary) query.set('vary', options.vary.name);
  for (const spec of workload.params) {
    if (options.vary?.name === spec.name) query.set(spec.name, options.vary.text);
    else if (options.params.has(spec.name)) query.set(spec.name, options.params.get(spec.name));
    else if (options.quick) query.set(spec.name, spec.kind === 'choice' ? spec.choices[spec.quick] : String(spec.quick));
  }
  await page.goto(`${baseUrl}?${query}`);
  const experiment = page.locator('#experiment');
  await page.waitForFunction(() => document.querySelector('#experiment')?.dataset.state !== 'loading', null, { polling: 100 });
  const state = await experiment.getAttribute('data-state');
  if (state !== 'idle') throw new Error(`the page is ${state}: ${await page.locator('#status').textContent()}`);

  // Event-driven, not polled: a requestAnimationFrame poll would make the renderer draw frames
  // throughout the sweep, CPU taken from the kernels on a small machine.
  await page.evaluate(() => {
    new MutationObserver(() => window.corelabStatus(document.querySelector('#status').textContent))
      .observe(document.querySelector('#status'), { childList: true, characterData: true, subtree: true });
  });
  await page.getByRole('button', { name: 'Run' }).click();
  const invalid = await page.locator('.field-error:not([hidden])').allTextContents();
  if (invalid.length) throw new Error(invalid.join('\n'));
  await experiment.evaluate((root) => new Promise((resolve) => {
    const settled = () => ['done', 'failed', 'cancelled'].includes(root.dataset.state);
    if (settled()) return resolve();
    new MutationObserver((_, observer) => {
      if (!settled()) return;
      observer.disconnect();
      resolve();
    }).observe(root, { attributes: true, attributeFilter: ['data-state'] });
  }));
  if ((await experiment.getAttribute('data-state')) !== 'done') {
    throw new Error(await page.locator('#error').textContent());
  }
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
  return JSON.parse(await readFile(await download.path(), 'utf8'));
}

function printTable(doc) {
  const header = ['workload', doc.varied ?? 'workers', 'median ms', '95% CI ms', 'samples', 'speedup', 'efficiency', 'e(k)', 'verified'];
  const rows = doc.runs.map((r) => [
    r.workload, doc.varied ? formatValue(r.params[doc.varied]) : String(r.workers), r.median_ms.toFixed(1) + (r.timer_coarse ? '*' : ''), `${r.ci_low_ms.toFixed(1)}-${r.ci_high_ms.toFixed(1)}`,
    String(r.samples), r.speedup == null ? '-' : `${r.speedup.toFixed(2)}x`, r.efficiency == null ? '-' : `${(r.efficiency * 100).toFixed(0)}%`,
    r.karp_flatt == null ? '-' : r.karp_flatt.toFixed(3), r.verified ? 'yes' : r.demonstrates ? 'demo' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  for (const [id, fit] of Object.entries(doc.fits)) {
    const range = fit.serial_fraction_low == null ? '' : `95% range ${fit.serial_fraction_low.toFixed(3)}-${fit.serial_fraction_high.toFixed(3)}, `;
    console.log(`${id}: fitted serial fraction ${fit.serial_fraction.toFixed(3)} (${range}${fit.model === 'gustafson' ? 'Gustafson' : 'Amdahl'}'s law)`);
  }
  if (doc.runs.some((r) => r.timer_coarse)) console.log('* coarse timer: its resolution is over 1% of this median');
}

/** Runs the same plan on the native runner and returns its results document. */
/** The native runner on the same sweep. Workloads that run only in the browser (plain Web
 *  Workers passing messages) have no native counterpart and are left out, with a note. */
function runNative(options) {
  const out = join(tmpdir(), `corelab-native-${process.pid}.json`);
  const browserOnly = options.workloads.filter((w) => w.engine === 'web-workers');
  for (const w of browserOnly) console.error(`native: ${w.id} runs only in the browser (it measures postMessage between Web Workers); not compared`);
  const ids = options.workloads.filter((w) => w.engine !== 'web-workers').map((w) => w.id);
  if (!ids.length) return Promise.resolve(null);
  const args = ['bench', '--workload', ids.join(','), '--workers', options.workers,
    '--repeats', String(options.repeats), '--budget', String(options.budget), '--scaling', options.scaling, '--out', out];
  for (const [name, value] of options.params) args.push('--param', `${name}=${value}`);
  if (options.quick) args.push('--quick');
  if (options.vary) args.push('--vary', `${options.vary.name}=${options.vary.text}`);
  const binary = fileURLToPath(new URL('../target/release/corelab', import.meta.url));
  console.error('native:');
  return new Promise((resolve, reject) => {
    const child = execFile(binary, args, { maxBuffer: 1 << 24 }, async (error) => {
      try {
        resolve(JSON.parse(await readFile(out, 'utf8')));
      } catch {
        reject(error ?? new Error('the native runner wrote no results'));
      }
    });
    child.stderr.pipe(process.stderr);
  });
}

function printComparison(wasm, native) {
  if (wasm.varied) return printVariedComparison(wasm, native);
  const median = (doc, id, k) => doc.runs.find((r) => r.workload === id && r.workers === k)?.median_ms;
  const speedup = (doc, id, k) => doc.runs.find((r) => r.workload === id && r.workers === k)?.speedup;
  const ids = [...new Set(wasm.runs.map((r) => r.workload))];
  const kmax = Math.max(...wasm.runs.map((r) => r.workers));
  const fmt = (v, digits = 2) => (v == null || !Number.isFinite(v) ? '-' : v.toFixed(digits));
  const header = ['workload', 'wasm/native @1', `wasm/native @${kmax}`, `wasm speedup @${kmax}`, `native speedup @${kmax}`];
  const rows = ids.map((id) => [id,
    fmt(median(wasm, id, 1) / median(native, id, 1)), fmt(median(wasm, id, kmax) / median(native, id, kmax)),
    fmt(speedup(wasm, id, kmax)), fmt(speedup(native, id, kmax))]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  console.log('\nwasm against native (median ratios; below 1 means wasm was faster)');
  for (const row of [header, ...rows]) console.log(row.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  '));
}

/** A parameter sweep on both runtimes: the wasm/native ratio of the medians per value. */
function printVariedComparison(wasm, native) {
  const name = wasm.varied;
  const header = [name, 'wasm ms', 'native ms', 'wasm/native'];
  const rows = wasm.runs.map((run) => {
    const other = native.runs.find((r) => r.params[name] === run.params[name]);
    return [formatValue(run.params[name]), run.median_ms.toFixed(1), other ? other.median_ms.toFixed(1) : '-',
      other ? (run.median_ms / other.median_ms).toFixed(2) : '-'];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  console.log('\nwasm against native (median ratios; below 1 means wasm was faster)');
  for (const row of [header, ...rows]) console.log(row.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  '));
}

async function main() {
  const catalogue = JSON.parse(await readFile(new URL('../pkg/catalogue.json', import.meta.url), 'utf8'));
  const options = parseCommandLine(catalogue);
  const { values: workerCounts, error } = parseWorkers(options.workers, MAX_WORKERS_HEADLESS);
  if (error) fail(`--workers: ${error}`);
  if (options.runtime === 'python') return mainPython(options, workerCounts);
  if (options.comparePython) await checkPython().catch((e) => fail(e.message));
  const server = await startServer([]);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  let failed = false;
  const combined = { runs: [], fits: {} };
  try {
    const page = await browser.newPage({ acceptDownloads: true });
    let lastStatus = '';
    await page.exposeFunction('corelabStatus', (status) => {
      if (status && status !== lastStatus) process.stderr.write(`  ${status}\n`);
      lastStatus = status;
    });
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    for (const workload of options.workloads) {
      console.error(`${workload.id}:`);
      try {
        const doc = await runWorkload(page, server.url, workload, options);
        Object.assign(combined, { format: doc.format, version: doc.version, created: doc.created, environment: doc.environment, varied: doc.varied });
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
    const doc = {
      format: combined.format, version: combined.version, created: combined.created, environment: combined.environment,
      ...(combined.varied ? { varied: combined.varied } : {}), runs: combined.runs, fits: combined.fits,
    };
    printTable(doc);
    if (options.out) {
      await writeFile(options.out, JSON.stringify(doc, null, 2) + '\n');
      console.error(`wrote ${options.out}`);
    }
    if (doc.runs.some(failedRun)) failed = true;
    const native = options.compareNative ? await runNative(options) : null;
    if (native) {
      console.log('\nnative:');
      printTable(native);
      printComparison(doc, native);
      if (options.out) {
        const nativeOut = options.out.replace(/(\.json)?$/, '-native.json');
        await writeFile(nativeOut, JSON.stringify(native, null, 2) + '\n');
        console.error(`wrote ${nativeOut}`);
      }
      if (native.runs.some(failedRun)) failed = true;
    }
    if (options.comparePython) {
      const python = await runPythonReported(options, workerCounts);
      if (python.failed) failed = true;
      if (python.doc) {
        console.log('\npython:');
        printTable(python.doc);
        printPythonComparison(doc, python.doc);
        if (options.out) {
          const pythonOut = options.out.replace(/(\.json)?$/, '-python.json');
          await writeFile(pythonOut, JSON.stringify(python.doc, null, 2) + '\n');
          console.error(`wrote ${pythonOut}`);
        }
      }
    }
  }
  process.exit(failed ? 1 : 0);
}

/** runPython, with a missing interpreter reported as such (exit 2), not as a failed run. */
async function runPythonReported(options, workerCounts) {
  try {
    const result = await runPython(options, workerCounts);
    return { ...result, failed: result.failed || result.doc?.runs.some(failedRun) };
  } catch (error) {
    if (error instanceof PythonMissing) fail(error.message);
    throw error;
  }
}

/** --runtime python: the seeds' Pool alone, no browser. */
async function mainPython(options, workerCounts) {
  const { doc, failed } = await runPythonReported(options, workerCounts);
  if (!doc && failed) process.exit(1);
  if (!doc) fail('nothing to run in Python: it implements primes, sum-of-squares and monte-carlo-pi');
  printTable(doc);
  if (options.out) {
    await writeFile(options.out, JSON.stringify(doc, null, 2) + '\n');
    console.error(`wrote ${options.out}`);
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(`error: ${error.message}`);
  process.exit(1);
});
