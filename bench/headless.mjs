// `./build.sh bench`: drives the real page in a browser, headless (Chromium by default; Firefox
// or WebKit with --browser, see bench/browsers.mjs), exactly as a person would use it (fill the
// form, press Run, press Export JSON), prints a table and writes the exported JSON: the same
// format from every browser, whose userAgent the environment block records.
//
//   ./build.sh bench [--browser chromium|firefox|webkit]
//                    [--workload ID[,ID...]] [--workers 1,2] [--repeats 5|auto] [--budget S]
//                    [--scaling strong|weak] [--param NAME=VALUE ...] [--vary NAME=V1,V2,...]
//                    [--quick] [--compare-native [--rounds N]] [--compare-python] [--runtime wasm|python]
//                    [--overheads [--sweeps N] [--trace-long-tasks]] [--out FILE]
//
// --compare-native then runs the same plan on the native runner (target/release/corelab bench),
// each workload right after its wasm sweep, and prints, per workload, the wasm/native ratio of
// the medians at 1 worker and at the largest count: both in one invocation, seconds apart, so a
// change in the machine's load moves both alike. --rounds N does that N times over, wasm and
// native in turn, and prints each round's figures and their medians: the speed targets of issue
// 11 are medians of three runs, and on a shared machine one run's ratio moves by 0.1-0.3.
//
// --runtime python runs the seeds' multiprocessing.Pool instead of the page (no browser), and
// --compare-python runs it after the page: see bench/python/run.mjs.
//
// --overheads measures what surrounds the kernels rather than the kernels (issue 11): the bytes
// of the page load and of the scripts a run fetches (on the wire and decoded), the main thread's
// long tasks, and per worker count the pool start, the instantiation and the dispatch cost. Each
// sweep gets a fresh browser context, so the page loads with nothing cached, as a first visit.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { get as httpGet } from 'node:http';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { checkParam, counted, formatValue, parseNumber, parseValueList, parseWorkers } from '../www/js/input.js';
import { sweepLimits } from '../www/js/limits.js';
import { failed as failedRun } from '../www/js/results/sweep-results.js';
import { LEVEL, levelPercent, median } from '../www/js/stats.js';
import { BROWSERS, buttonSelector, experimentReady, launchBrowser, playwrightPage, sweepSettled } from './browsers.mjs';
import { describeLongTask, longTasksInTrace, TRACE_CATEGORIES } from './long-task-trace.mjs';
import { checkPython, PythonMissing, printPythonComparison, runPython } from './python/run.mjs';
import { startServer } from './server.mjs';

const usage = ({ repeats, budgetS }) => `usage: ./build.sh bench [options]
  --browser NAME      where the page runs, headless: chromium (Debian's Chromium through
                      Playwright, default), firefox (Debian's Firefox ESR through puppeteer-core
                      over WebDriver BiDi) or webkit (WebKitGTK's MiniBrowser through
                      WebKitWebDriver, under Xvfb, with SharedArrayBuffer switched on); every
                      browser writes the same results format
  --workload ID[,ID]  workloads to run (default: all); repeatable
  --workers LIST      worker counts, e.g. 1,2,4 or 1-4 (default: 1 to the number of cores)
  --repeats N|auto    timed runs per worker count after one warm-up (${repeats.min} to ${repeats.max}, default ${repeats.default});
                      auto: until the median's 95% interval is within ±3%, or the budget is spent
  --budget S          with --repeats auto: seconds per worker count (${budgetS.min} to ${budgetS.max}, default ${budgetS.default})
  --scaling MODE      strong (same problem at every worker count, default) or weak (the
                      problem grows with the workers; Gustafson's law is fitted)
  --param NAME=VALUE  a workload parameter by its declared name; repeatable
  --vary NAME=V1,V2   sweep one parameter instead of the worker count: one run per value at
                      the single count given by --workers (one workload only)
  --quick             use each workload's quick sizes instead of the defaults
  --compare-native    also run natively and print wasm/native median ratios
  --rounds N          with --compare-native: run the wasm and the native sweep of each workload
                      N times in turn (${ROUNDS.min} to ${ROUNDS.max}, default ${ROUNDS.default}) and print every round's ratios
                      and speedups, their medians, and the gap between the two speedups; on a
                      shared machine one round moves by 10% or more. --out writes round 1
  --runtime R         wasm (the page in the browser, default) or python (the seeds'
                      multiprocessing.Pool in python3: primes, sum-of-squares, monte-carlo-pi)
  --compare-python    also run in Python and print both runtimes' speedups side by side
  --overheads         measure the page's overheads instead of the kernels (chromium only):
                      bytes of the page load and of a run's scripts, main-thread long tasks
                      (> 50 ms), and per worker count the pool start, instantiation and
                      dispatch cost (medians over the sweeps). Default: sum-of-squares at its
                      quick sizes
  --sweeps N          with --overheads: sweeps, each a fresh page load (1 to 20, default 3)
  --trace-long-tasks  with --overheads: also record a Chromium trace of each sweep and say
                      what the main thread did in each long task, and how much of the task
                      it spent on a core (tracing slows the page a little); with --out
                      FILE each sweep's trace goes to FILE-trace-N.json (DevTools' Performance
                      panel opens it)
  --label NAME        the device's name in the results ("label"), as the results page shows
                      it (1 to 80 characters): "office server", say; also given to the native
                      and Python runs
  --out FILE          write the results JSON (the page's Export JSON format) to FILE;
                      with --compare-native the native results go to FILE-native.json,
                      with --compare-python the Python results to FILE-python.json;
                      with --overheads its figures (format corelab-overheads)`;

// --rounds: how many times --compare-native may alternate the two runtimes per workload.
const ROUNDS = { min: 1, max: 10, default: 1 };

// --overheads: its default workload, and how many sweeps (fresh page loads) it may run.
const OVERHEADS_WORKLOAD = 'sum-of-squares';
const OVERHEAD_SWEEPS = { min: 1, max: 20, default: 3 };

function fail(message) {
  console.error(`error: ${message}`);
  process.exit(2);
}

function parseCommandLine(catalogue) {
  const limits = sweepLimits(catalogue);
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        browser: { type: 'string', default: 'chromium' },
        workload: { type: 'string', multiple: true },
        workers: { type: 'string' },
        repeats: { type: 'string', default: String(limits.repeats.default) },
        budget: { type: 'string' },
        scaling: { type: 'string', default: 'strong' },
        param: { type: 'string', multiple: true, default: [] },
        vary: { type: 'string' },
        quick: { type: 'boolean', default: false },
        'compare-native': { type: 'boolean', default: false },
        rounds: { type: 'string', default: String(ROUNDS.default) },
        'compare-python': { type: 'boolean', default: false },
        runtime: { type: 'string', default: 'wasm' },
        overheads: { type: 'boolean', default: false },
        sweeps: { type: 'string' },
        'trace-long-tasks': { type: 'boolean', default: false },
        out: { type: 'string' },
        label: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (error) {
    fail(`${error.message}\n${usage(limits)}`);
  }
  if (parsed.help) {
    console.log(usage(limits));
    process.exit(0);
  }
  const ids = catalogue.workloads.map((w) => w.id);
  const sweeps = checkOverheadsOptions(parsed);
  const chosen = parsed.workload ? parsed.workload.flatMap((w) => w.split(',')).map((w) => w.trim())
    : parsed.overheads ? [OVERHEADS_WORKLOAD] : ids;
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
  const { repeats: repeatsRange, budgetS } = limits;
  if (!auto && (!Number.isInteger(repeats) || repeats < repeatsRange.min || repeats > repeatsRange.max)) {
    fail(`--repeats must be a whole number from ${repeatsRange.min} to ${repeatsRange.max}, or auto`);
  }
  const vary = parsed.vary == null ? null : parseVary(parsed.vary, workloads, params, parsed, limits);
  // A budget without auto would be quietly ignored: the runs are counted, not timed.
  if (parsed.budget != null && !auto) fail('--budget sets the time per worker count of --repeats auto: give --repeats auto too, or drop --budget');
  const budget = parsed.budget == null ? budgetS.default : parseNumber(parsed.budget);
  if (!(budget >= budgetS.min && budget <= budgetS.max)) fail(`--budget must be a number of seconds from ${budgetS.min} to ${budgetS.max}`);
  if (!['strong', 'weak'].includes(parsed.scaling)) fail(`--scaling must be strong or weak (got '${parsed.scaling}')`);
  const label = parsed.label?.split(/\s+/).filter(Boolean).join(' ');
  if (label === '') fail('--label: give a name, e.g. --label "office server"');
  if (label?.length > 80) fail(`--label: at most 80 characters (got ${label.length})`);
  const rounds = parseNumber(parsed.rounds);
  if (!Number.isInteger(rounds) || rounds < ROUNDS.min || rounds > ROUNDS.max) {
    fail(`--rounds must be a whole number from ${ROUNDS.min} to ${ROUNDS.max} (got '${parsed.rounds}')`);
  }
  if (rounds > 1 && !parsed['compare-native']) fail('--rounds alternates the wasm and the native runs: give --compare-native too');
  if (rounds > 1 && vary) fail('--rounds compares speedups over worker counts: it does not combine with --vary');
  checkPythonOptions(parsed);
  checkBrowserOption(parsed);
  if (parsed.overheads && workloads.length !== 1) fail('--overheads measures one workload: give at most one --workload');
  return {
    workloads, params, vary, repeats: auto ? 'auto' : repeats, budget, scaling: parsed.scaling,
    // --overheads wants short runs: quick sizes for what --param does not set.
    // --out is relative to where the command was typed: build.sh runs this from the repository,
    // and says where it was called from.
    quick: parsed.quick || parsed.overheads, out: parsed.out && resolvePath(process.env.CORELAB_CALLER_DIR ?? process.cwd(), parsed.out),
    compareNative: parsed['compare-native'], rounds, label,
    overheads: parsed.overheads, sweeps, limits, traceLongTasks: parsed['trace-long-tasks'],
    runtime: parsed.runtime, comparePython: parsed['compare-python'], browser: parsed.browser,
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

/** --browser: one of the engines bench/browsers.mjs drives, where the page runs. */
function checkBrowserOption(parsed) {
  if (!BROWSERS.includes(parsed.browser)) fail(`--browser must be one of ${BROWSERS.join(', ')} (got '${parsed.browser}')`);
  if (parsed.browser === 'chromium') return;
  if (parsed.runtime === 'python') fail('--browser chooses where the page runs; --runtime python runs no browser');
  if (parsed.overheads) fail(`--overheads reads Chromium's network events (through Playwright): it runs in chromium only, not ${parsed.browser}`);
}

/** --overheads and --sweeps: what they combine with. Returns the sweep count. */
function checkOverheadsOptions(parsed) {
  if (!parsed.overheads) {
    if (parsed.sweeps != null) fail('--sweeps goes with --overheads');
    if (parsed['trace-long-tasks']) fail('--trace-long-tasks goes with --overheads');
    return null;
  }
  const others = ['compare-native', 'compare-python', 'vary'].filter((name) => parsed[name]);
  if (parsed.runtime !== 'wasm') others.push('runtime');
  if (others.length) fail(`--overheads measures the page alone; it does not combine with --${others.join(', --')}`);
  const sweeps = parseNumber(parsed.sweeps ?? String(OVERHEAD_SWEEPS.default));
  if (!Number.isInteger(sweeps) || sweeps < OVERHEAD_SWEEPS.min || sweeps > OVERHEAD_SWEEPS.max) {
    fail(`--sweeps must be a whole number from ${OVERHEAD_SWEEPS.min} to ${OVERHEAD_SWEEPS.max}`);
  }
  return sweeps;
}

/** --vary NAME=V1,V2,...: checked as the page checks it, with the same limits. */
function parseVary(text, workloads, params, parsed, limits) {
  const match = /^([\w-]+)=(.+)$/.exec(text);
  if (!match) fail(`--vary takes NAME=V1,V2,... (got '${text}')`);
  const [, name, list] = match;
  if (workloads.length !== 1) fail('--vary sweeps one workload: give exactly one --workload');
  const [workload] = workloads;
  const spec = workload.params.find((p) => p.name === name);
  if (!spec) fail(`--vary: unknown parameter '${name}' for ${workload.id}; valid parameters: ${workload.params.map((p) => p.name).join(', ')}`);
  if (params.has(name)) fail(`--vary ${name} and --param ${name} conflict: give the values in --vary only`);
  if (parsed.scaling !== 'strong') fail('--vary runs at one worker count, so --scaling weak does not apply');
  const workers = parsed.workers == null ? null : parseWorkers(parsed.workers, limits.maxWorkers);
  if (!workers?.values || workers.values.length !== 1) fail('--vary needs exactly one worker count: --workers K');
  const values = parseValueList(spec, list, limits.maxVariedValues);
  if (values.error) fail(`--vary: ${values.error}`);
  return { name, text: list };
}

/** Fills the form by URL, runs the sweep and returns the exported JSON. `page` is a page of
 *  bench/browsers.mjs (any browser). `hooks.ready(page)` runs once the experiment is ready,
 *  before Run; `hooks.done(page)` once the sweep has ended. */
async function runWorkload(page, baseUrl, workload, options, hooks = {}) {
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
  const { state, status } = await experimentReady(page, '#experiment');
  if (state !== 'idle') throw new Error(`the page is ${state}: ${status}`);
  await hooks.ready?.(page);

  // Event-driven, not polled: a requestAnimationFrame poll would make the renderer draw frames
  // throughout the sweep, CPU taken from the kernels on a small machine.
  let lastStatus = '';
  const run = await buttonSelector(page, '#experiment', 'Run');
  const final = await sweepSettled(page, '#experiment', async () => {
    await page.click(run);
    const invalid = await page.evaluate(() => [...document.querySelectorAll('.field-error:not(:empty)')].map((e) => e.textContent));
    if (invalid.length) throw new Error(invalid.join('\n'));
  }, (text) => {
    if (text !== lastStatus) process.stderr.write(`  ${text}\n`);
    lastStatus = text;
  });
  await hooks.done?.(page);
  reportPageErrors(page);
  if (final !== 'done') throw new Error(await page.evaluate(() => document.querySelector('#error').textContent));
  const { text } = await page.download(await buttonSelector(page, '#experiment', 'Export JSON'));
  return JSON.parse(text);
}

/** Prints the page's errors not printed yet (where the browser's driver reports them). */
function reportPageErrors(page) {
  if (!page.errors) return;
  for (const error of page.errors.splice(0)) console.error(`page error: ${error}`);
}

function printTable(doc) {
  // The median's interval is 95% from six samples on; fewer give min to max, at its own level.
  const header = ['workload', doc.varied ?? 'workers', 'median ms', 'interval ms', 'samples', 'speedup', 'efficiency', 'e(k)', 'verified'];
  const rows = doc.runs.map((r) => [
    r.workload, doc.varied ? formatValue(r.params[doc.varied]) : String(r.workers), r.median_ms.toFixed(1) + (r.timer_coarse ? '*' : ''),
    // One run is no interval ("12.2-12.2 (0%)" read as a certainty of nothing), as the page says.
    r.ci_level === 0 ? '- (one run)' : `${r.ci_low_ms.toFixed(1)}-${r.ci_high_ms.toFixed(1)} (${levelPercent(r.ci_level ?? LEVEL)})`,
    String(r.samples), r.speedup == null ? '-' : `${r.speedup.toFixed(2)}x`, r.efficiency == null ? '-' : `${(r.efficiency * 100).toFixed(0)}%`,
    r.karp_flatt == null ? '-' : r.karp_flatt.toFixed(3), r.verified ? 'yes' : r.demonstrates ? 'demo' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  for (const [id, fit] of Object.entries(doc.fits)) {
    // As the pages say it: with fewer than six runs a point the resampled range is no 95% one.
    const points = doc.runs.filter((r) => r.workload === id);
    const few = points.some((r) => (r.ci_level ?? LEVEL) < LEVEL);
    const ends = fit.serial_fraction_low == null ? null : `${fit.serial_fraction_low.toFixed(3)}-${fit.serial_fraction_high.toFixed(3)}`;
    const range = !ends ? '' : few ? `range ${ends}, from only ${counted(Math.min(...points.map((r) => r.samples)), 'run')} a point: too few for a 95% range; ` : `95% range ${ends}, `;
    console.log(`${id}: fitted serial fraction ${fit.serial_fraction.toFixed(3)} (${range}${fit.model === 'gustafson' ? 'Gustafson' : 'Amdahl'}'s law)`);
  }
  if (doc.runs.some((r) => r.timer_coarse)) console.log('* coarse timer: its resolution is over 1% of this median');
}

/** The native runner on the same sweep; returns its results document. Workloads that run only
 *  in the browser (plain Web Workers passing messages) have no native counterpart and are left
 *  out, with a note. The runner writes into a directory of its own, removed afterwards: a file
 *  left by an earlier run could otherwise be read as this run's results. */
async function runNative(options) {
  const browserOnly = options.workloads.filter((w) => w.engine === 'web-workers');
  for (const w of browserOnly) console.error(`native: ${w.id} runs only in the browser (it measures postMessage between Web Workers); not compared`);
  const ids = options.workloads.filter((w) => w.engine !== 'web-workers').map((w) => w.id);
  if (!ids.length) return null;
  const dir = await mkdtemp(join(tmpdir(), 'corelab-native-'));
  const out = join(dir, 'native.json');
  const args = ['bench', '--workload', ids.join(','), '--workers', options.workers,
    '--repeats', String(options.repeats), ...(options.repeats === 'auto' ? ['--budget', String(options.budget)] : []),
    '--scaling', options.scaling, '--out', out];
  for (const [name, value] of options.params) args.push('--param', `${name}=${value}`);
  if (options.quick) args.push('--quick');
  if (options.vary) args.push('--vary', `${options.vary.name}=${options.vary.text}`);
  if (options.label) args.push('--label', options.label);
  const binary = fileURLToPath(new URL('../target/release/corelab', import.meta.url));
  console.error('native:');
  try {
    return await new Promise((resolve, reject) => {
      const child = execFile(binary, args, { maxBuffer: 1 << 24 }, async (error) => {
        try {
          resolve(JSON.parse(await readFile(out, 'utf8')));
        } catch {
          reject(error ?? new Error('the native runner wrote no results'));
        }
      });
      // Its progress, but not its "wrote" of a temporary file that is gone once it is read
      // (an engineer went looking for it): the results are written where --out says.
      createInterface({ input: child.stderr }).on('line', (line) => {
        if (!line.includes(out)) console.error(line);
      });
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** One results document from several of the same runner (one per workload): their runs and fits. */
function mergeDocs(docs) {
  const [first] = docs;
  return { ...first, runs: docs.flatMap((d) => d.runs), fits: Object.assign({}, ...docs.map((d) => d.fits)) };
}

function printComparison(wasm, native) {
  if (wasm.varied) return printVariedComparison(wasm, native);
  const medianOf = (doc, id, k) => doc.runs.find((r) => r.workload === id && r.workers === k)?.median_ms;
  const speedup = (doc, id, k) => doc.runs.find((r) => r.workload === id && r.workers === k)?.speedup;
  const ids = [...new Set(wasm.runs.map((r) => r.workload))];
  const kmax = Math.max(...wasm.runs.map((r) => r.workers));
  const fmt = (v, digits = 2) => (v == null || !Number.isFinite(v) ? '-' : v.toFixed(digits));
  const header = ['workload', 'wasm/native @1', `wasm/native @${kmax}`, `wasm speedup @${kmax}`, `native speedup @${kmax}`];
  const rows = ids.map((id) => [id,
    fmt(medianOf(wasm, id, 1) / medianOf(native, id, 1)), fmt(medianOf(wasm, id, kmax) / medianOf(native, id, kmax)),
    fmt(speedup(wasm, id, kmax)), fmt(speedup(native, id, kmax))]);
  // At 1 worker alone the other columns would repeat the first, and a speedup of 1 says nothing.
  if (kmax === 1) {
    header.length = 2;
    for (const row of rows) row.length = 2;
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  console.log('\nwasm against native (median ratios; below 1 means wasm was faster)');
  for (const row of [header, ...rows]) console.log(row.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  '));
}

/** --rounds: per workload, each round's wasm/native ratios and both speedups at the largest
 *  worker count, then their medians and the gap between the median speedups (issue 11's target:
 *  wasm within 3% of native). A round with a failed run shows '-' and is left out of the medians. */
function printRounds(rounds) {
  const pairs = rounds.flat();
  const ids = [...new Set(pairs.map((p) => p.wasm.runs[0]?.workload).filter(Boolean))];
  const kmax = Math.max(...pairs.flatMap((p) => p.wasm.runs.map((r) => r.workers)));
  const point = (doc, k) => doc.runs.find((r) => r.workers === k && !failedRun(r));
  const figures = ({ wasm, native }) => {
    const [w1, n1, wk, nk] = [point(wasm, 1), point(native, 1), point(wasm, kmax), point(native, kmax)];
    return [w1 && n1 ? w1.median_ms / n1.median_ms : null, wk && nk ? wk.median_ms / nk.median_ms : null,
      wk?.speedup ?? null, nk?.speedup ?? null];
  };
  const fmt = (v) => (v == null || !Number.isFinite(v) ? '-' : v.toFixed(2));
  const header = ['workload', 'wasm/native @1', `wasm/native @${kmax}`, `wasm speedup @${kmax}`, `native speedup @${kmax}`];
  if (kmax > 1) header.push(`gap @${kmax}`);
  const rows = [];
  for (const id of ids) {
    const each = rounds.map((round) => round.find((p) => p.wasm.runs[0]?.workload === id)).filter(Boolean).map(figures);
    each.forEach((values, i) => rows.push([`${id} #${i + 1}`, ...values.map(fmt)]));
    const medians = header.slice(1, 5).map((_, column) => {
      const values = each.map((v) => v[column]).filter((v) => v != null && Number.isFinite(v));
      return values.length ? median(values) : null;
    });
    const row = [`${id} median`, ...medians.map(fmt)];
    // The gap between the median speedups, as issue 11 states its target; + means wasm scaled better.
    if (kmax > 1) row.push(medians[2] && medians[3] ? `${((medians[2] / medians[3] - 1) * 100).toFixed(1)}%` : '-');
    rows.push(row);
  }
  for (const row of rows) while (row.length < header.length) row.push('');
  if (kmax === 1) for (const row of [header, ...rows]) row.length = 2;
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  console.log(`\nwasm against native over ${rounds.length} rounds, each wasm then native (the medians of the rounds last)`);
  for (const row of [header, ...rows]) console.log(row.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd());
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
  const { values: workerCounts, error: workersError } = parseWorkers(options.workers, options.limits.maxWorkers);
  if (workersError) fail(`--workers: ${workersError}`);
  if (options.runtime === 'python') return mainPython(options, workerCounts);
  if (options.comparePython) await checkPython().catch((e) => fail(e.message));
  const server = await startServer([]);
  let browser;
  try {
    browser = await launchBrowser(options.browser);
  } catch (error) {
    await server.stop();
    throw error;
  }
  console.error(`browser: ${options.browser} (${browser.version})`);
  if (options.overheads) return mainOverheads(options, server, browser);
  let failed = false;
  const combined = { runs: [], fits: {} };
  const nativeDocs = [];
  const rounds = []; // with --rounds: per round, { wasm, native } documents of every workload
  try {
    const page = await browser.newPage();
    for (const workload of options.workloads) {
      for (let round = 0; round < options.rounds; round++) {
        console.error(options.rounds > 1 ? `${workload.id} (round ${round + 1} of ${options.rounds}):` : `${workload.id}:`);
        let doc;
        try {
          doc = await runWorkload(page, server.url, workload, options);
        } catch (error) {
          failed = true;
          console.error(`${workload.id} failed: ${error.message}`);
          break;
        }
        if (round === 0) {
          Object.assign(combined, { format: doc.format, version: doc.version, created: doc.created, environment: doc.environment, varied: doc.varied });
          combined.runs.push(...doc.runs);
          Object.assign(combined.fits, doc.fits);
        }
        // Native right after wasm, workload by workload: the two runs a ratio compares are
        // seconds apart, not the whole wasm sweep apart, so a change in the machine's load
        // (this machine is shared) moves both alike.
        if (!options.compareNative) continue;
        const native = await runNative({ ...options, workloads: [workload] });
        if (!native) break;
        if (round === 0) nativeDocs.push(native);
        (rounds[round] ??= []).push({ wasm: doc, native });
      }
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  // As a page names its build from client hints ("Chromium 156.0.8078.114"), where it cannot.
  const BROWSER_NAMES = { chromium: 'Chromium', firefox: 'Firefox', webkit: 'WebKit' };
  if (combined.runs.length) {
    // The page knows its browser and cores, not which processor (nor, outside Chromium's client
    // hints, which exact browser build): the runner does, and a laptop's and a server's results
    // must not read alike.
    const environment = { ...combined.environment, cpu: cpus()[0]?.model ?? null, browserVersion: combined.environment.browserVersion ?? `${BROWSER_NAMES[options.browser]} ${browser.version}` };
    const doc = {
      format: combined.format, version: combined.version, created: combined.created, ...(options.label ? { label: options.label } : {}), environment,
      ...(combined.varied ? { varied: combined.varied } : {}), runs: combined.runs, fits: combined.fits,
    };
    printTable(doc);
    if (options.out) {
      await writeFile(options.out, JSON.stringify(doc, null, 2) + '\n');
      console.error(`wrote ${options.out}`);
    }
    if (doc.runs.some(failedRun)) failed = true;
    const native = nativeDocs.length ? mergeDocs(nativeDocs) : null;
    if (native) {
      console.log('\nnative:');
      printTable(native);
      printComparison(doc, native);
      if (options.rounds > 1) printRounds(rounds);
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
    if (options.label && result.doc) result.doc = { ...result.doc, label: options.label };
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

// ---- --overheads ---------------------------------------------------------------------------

/** Installed before the page's own scripts: keeps every main-thread long task (> 50 ms; the
 *  browser's own threshold) with its start from navigation. `buffered` also delivers the ones
 *  before the observer existed. */
function observeLongTasks() {
  const supported = PerformanceObserver.supportedEntryTypes?.includes('longtask');
  const tasks = [];
  Object.defineProperty(window, '__corelabLongTasks', { value: supported ? tasks : null });
  if (!supported) return;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) tasks.push({ start_ms: entry.startTime, duration_ms: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
}

/** The kind of a resource, from its content type, or its name where a 304 sent no type. */
function resourceType(contentType, path) {
  const essence = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (essence === 'text/html' || (!essence && path.endsWith('/'))) return 'html';
  if (essence.endsWith('javascript') || (!essence && /\.m?js$/.test(path))) return 'js';
  if (essence === 'text/css' || (!essence && path.endsWith('.css'))) return 'css';
  if (essence === 'application/wasm' || (!essence && path.endsWith('.wasm'))) return 'wasm';
  if (essence.endsWith('json') || (!essence && path.endsWith('.json'))) return 'json';
  return essence || 'other';
}

/**
 * Records every network request of `page` and of its workers (Playwright reports both on the
 * page) with its bytes: on the wire (response headers and body as sent: compressed when the
 * server compressed it) and decoded (the body as it arrived, decompressed). Each request is
 * tagged with the phase it started in: 'load' until `phase` is set to 'sweep'.
 *
 * The server says `Cache-Control: no-cache`, so a script fetched again (by the next compute
 * worker) is revalidated: the server answers 304 and the body comes from the browser's cache.
 * Chromium then reports a 200 with no body bytes; such a request is recorded as the 304 it was,
 * with no decoded bytes (nothing new arrived).
 */
function recordTransfers(page, origin) {
  const record = { phase: 'load', resources: [], pending: new Set() };
  page.on('request', (request) => {
    if (!/^https?:/.test(request.url())) return; // blob: and data: never reach the network
    const entry = { request, phase: record.phase };
    const settled = (async () => {
      const response = await request.response().catch(() => null);
      const sizes = await request.sizes().catch(() => null);
      const headers = response ? await response.allHeaders().catch(() => ({})) : {};
      const conditional = Object.keys(await request.allHeaders().catch(() => ({}))).some((h) => h === 'if-modified-since' || h === 'if-none-match');
      const revalidated = conditional && !sizes?.responseBodySize;
      const decoded = response && !revalidated ? await response.body().then((b) => b.length, () => null) : 0;
      const url = new URL(request.url());
      Object.assign(entry, {
        path: url.origin === origin ? url.pathname : url.href,
        status: revalidated ? 304 : response?.status() ?? null,
        type: resourceType(headers['content-type'], url.pathname),
        encoding: revalidated ? '-' : headers['content-encoding'] ?? 'identity',
        headers_bytes: sizes?.responseHeadersSize ?? 0,
        body_bytes: sizes?.responseBodySize ?? null,
        decoded_bytes: decoded,
      });
    })();
    record.pending.add(settled);
    settled.finally(() => record.pending.delete(settled));
    record.resources.push(entry);
  });
  record.settle = async () => {
    while (record.pending.size) await Promise.all(record.pending);
  };
  return record;
}

/**
 * Chromium does not report the body bytes of a dedicated worker's own script (the browser
 * fetches it for the worker): Playwright gives 0 for a 200 response. Such a resource is fetched
 * once more here with the request's own Accept-Encoding and its bytes counted as sent; the entry
 * says `refetched`. The server compresses deterministically, so the count is what the browser got.
 */
async function fillUnreportedBodies(resources) {
  for (const entry of resources) {
    if (entry.status !== 200 || entry.body_bytes || !entry.decoded_bytes) continue;
    const headers = await entry.request.allHeaders().catch(() => ({}));
    entry.body_bytes = await encodedLength(entry.request.url(), headers['accept-encoding'] ?? 'identity');
    entry.refetched = true;
  }
}

/** The length of a response body as sent, before any decoding (node:http does not decode). */
function encodedLength(url, acceptEncoding) {
  return new Promise((resolve, reject) => {
    httpGet(url, { headers: { 'accept-encoding': acceptEncoding } }, (response) => {
      let bytes = 0;
      response.on('data', (chunk) => (bytes += chunk.length));
      response.on('end', () => resolve(bytes));
      response.on('error', reject);
    }).on('error', reject);
  });
}

/** One sweep in a fresh browser context: the page load, Run, the sweep, Export JSON. */
async function overheadSweep(browser, baseUrl, workload, options) {
  const context = await browser.playwright.newContext({ acceptDownloads: true });
  let tracing = false;
  try {
    const raw = await context.newPage();
    const page = playwrightPage(raw);
    await raw.addInitScript(observeLongTasks);
    const origin = new URL(baseUrl).origin;
    const transfers = recordTransfers(raw, origin);
    if (options.traceLongTasks) await browser.playwright.startTracing(raw, { categories: TRACE_CATEGORIES });
    tracing = options.traceLongTasks;
    let traced = null;
    let readyAtMs = null;
    let longTasks = null;
    const doc = await runWorkload(page, baseUrl, workload, options, {
      // The load ends when the experiment is ready and everything it asked for has arrived.
      ready: async () => {
        await transfers.settle();
        readyAtMs = await page.evaluate(() => performance.now());
        transfers.phase = 'sweep';
      },
      // Results render when the sweep ends; an idle callback runs once that work is done.
      done: async () => {
        longTasks = await page.evaluate(() => new Promise((resolve) => {
          requestIdleCallback(() => resolve(window.__corelabLongTasks), { timeout: 5000 });
        }));
        if (tracing) {
          tracing = false;
          const buffer = await browser.playwright.stopTracing();
          const trace = JSON.parse(buffer);
          traced = longTasksInTrace(trace.traceEvents ?? trace, origin);
          if (options.out) await writeFile(`${options.out}-trace-${options.sweepNumber}.json`, buffer);
        }
      },
    });
    await transfers.settle();
    const resources = transfers.resources.filter((e) => e.status != null);
    await fillUnreportedBodies(resources);
    return {
      doc, readyAtMs, traced,
      longTasks: longTasks?.map((t) => ({ ...t, phase: t.start_ms < readyAtMs ? 'load' : 'sweep' })) ?? null,
      resources: resources.map(({ request, ...entry }) => ({ ...entry, wire_bytes: entry.headers_bytes + (entry.body_bytes ?? 0) })),
    };
  } finally {
    if (tracing) await browser.playwright.stopTracing().catch(() => {});
    await context.close();
  }
}

/** Requests, bytes on the wire and decoded, and the encodings seen, per resource type and in all. */
function transferTotals(resources) {
  const add = (into, e) => {
    into.requests++;
    into.wire_bytes += e.wire_bytes;
    into.decoded_bytes += e.decoded_bytes ?? 0;
    if (!into.encodings.includes(e.encoding)) into.encodings.push(e.encoding);
    return into;
  };
  const empty = () => ({ requests: 0, wire_bytes: 0, decoded_bytes: 0, encodings: [] });
  const byType = {};
  for (const e of resources) add((byType[e.type] ??= empty()), e);
  return { total: resources.reduce(add, empty()), by_type: byType };
}

/** The same resource fetched several times (each compute worker fetches its scripts): one row. */
function transfersByPath(resources) {
  const rows = new Map();
  for (const e of resources) {
    const row = rows.get(e.path) ?? { path: e.path, type: e.type, requests: 0, statuses: {}, encodings: [], wire_bytes: 0, decoded_bytes: 0 };
    row.requests++;
    row.statuses[e.status] = (row.statuses[e.status] ?? 0) + 1;
    if (!row.encodings.includes(e.encoding)) row.encodings.push(e.encoding);
    row.wire_bytes += e.wire_bytes;
    row.decoded_bytes += e.decoded_bytes ?? 0;
    rows.set(e.path, row);
  }
  return [...rows.values()];
}

/** Median, range and every value of one figure over the sweeps; null where no sweep had it. */
function spread(values) {
  const present = values.filter((v) => typeof v === 'number' && Number.isFinite(v));
  if (!present.length) return null;
  return { median: median(present), min: Math.min(...present), max: Math.max(...present), values };
}

/** Dispatch cost of one run as measured: the point, and its interval where the run has one. */
function dispatchOf(run, kind) {
  const prefix = kind === 'cold' ? 'dispatch_cold' : 'dispatch';
  const value = run[`${prefix}_us`];
  if (value == null) return null;
  return { value, low: run[`${prefix}_low_us`] ?? null, high: run[`${prefix}_high_us`] ?? null };
}

/** Per worker count, over the sweeps: instantiation, pool start and both dispatch costs. */
function perWorkerCount(sweeps) {
  const counts = [...new Set(sweeps.flatMap((s) => s.doc.runs.map((r) => r.workers)))].sort((a, b) => a - b);
  return counts.map((workers) => {
    const runs = sweeps.map((s) => s.doc.runs.find((r) => r.workers === workers) ?? {});
    const dispatch = (kind) => {
      const perSweep = runs.map((r) => dispatchOf(r, kind));
      const summary = spread(perSweep.map((d) => d?.value));
      return summary && { ...summary, per_sweep: perSweep };
    };
    return {
      workers,
      instantiate_ms: spread(runs.map((r) => r.instantiate_ms)),
      pool_start_ms: spread(runs.map((r) => r.pool_start_ms)),
      dispatch_warm_us: dispatch('warm'),
      dispatch_cold_us: dispatch('cold'),
    };
  });
}

function printRows(header, rows, leftColumns = 1) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  for (const row of [header, ...rows]) {
    console.log(row.map((c, i) => (i < leftColumns ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ').trimEnd());
  }
}

const kB = (bytes) => (bytes / 1000).toFixed(1);
const fixed = (v, digits = 1) => (v == null ? 'n/a' : v.toFixed(digits));
const withRange = (s, digits = 1) => (s == null ? 'n/a' : s.values.length > 1 ? `${fixed(s.median, digits)} [${fixed(s.min, digits)}-${fixed(s.max, digits)}]` : fixed(s.median, digits));

function printOverheads(report) {
  const { plan, page_load: load, during_sweep: during, long_tasks: longTasks, workers } = report;
  console.log(`overheads: ${plan.workload} (${Object.entries(plan.params).map(([k, v]) => `${k}=${formatValue(v)}`).join(', ')}), ` +
    `workers ${plan.workers}, ${plan.repeats} repeats, ${plan.sweeps} sweep${plan.sweeps > 1 ? 's' : ''}, each a fresh page load`);

  console.log('\npage load: / until the experiment is ready, nothing cached (first sweep; kB = 1000 bytes)');
  const typeRows = Object.entries(load.by_type).sort((a, b) => b[1].wire_bytes - a[1].wire_bytes)
    .map(([type, t]) => [type, t.requests, kB(t.wire_bytes), kB(t.decoded_bytes), t.encodings.join(',')]);
  printRows(['type', 'requests', 'on the wire kB', 'decoded kB', 'encoding'],
    [...typeRows, ['total', load.total.requests, kB(load.total.wire_bytes), kB(load.total.decoded_bytes), '']]);
  const largest = [...load.resources].sort((a, b) => b.wire_bytes - a.wire_bytes).slice(0, 3);
  console.log(`largest: ${largest.map((e) => `${e.path.split('/').pop()} ${kB(e.wire_bytes)} kB (${kB(e.decoded_bytes ?? 0)} decoded)`).join(', ')}`);
  if (plan.sweeps > 1) console.log(`every sweep's page load on the wire: ${report.page_load_per_sweep.map((t) => kB(t.wire_bytes)).join(', ')} kB`);

  console.log(`\nfetched during the first sweep (a compute worker per worker count, its pool workers): ${during.total.requests} requests, ` +
    `${kB(during.total.wire_bytes)} kB on the wire, ${kB(during.total.decoded_bytes)} kB decoded`);
  printRows(['resource', 'requests', 'status', 'on the wire kB', 'decoded kB', 'encoding'], during.resources.map((r) => [
    r.path, r.requests, Object.entries(r.statuses).map(([status, n]) => `${n}x${status}`).join(' '), kB(r.wire_bytes), kB(r.decoded_bytes), r.encodings.join(','),
  ]));
  if (during.resources.some((r) => r.refetched)) console.log('(a worker\'s own script: its body bytes counted by fetching it again; Chromium does not report them)');

  console.log('\nmain-thread long tasks (> 50 ms), from navigation to the end of each sweep');
  if (longTasks == null) console.log('not measured: this browser has no Long Tasks API');
  for (const phase of longTasks == null ? [] : ['load', 'sweep']) {
    const tasks = longTasks.filter((t) => t.phase === phase);
    const label = phase === 'load' ? 'during load' : 'during the sweep and rendering';
    console.log(`${label}: ${tasks.length ? tasks.map((t) => `${t.duration_ms.toFixed(0)} ms at ${t.start_ms.toFixed(0)} ms (sweep ${t.sweep})`).join(', ') : 'none'}`);
  }
  if (report.traced_long_tasks) {
    console.log('in the traces (wall time, of it on a core; what ran):');
    const traced = report.traced_long_tasks;
    if (!traced.some((t) => t.tasks?.length)) console.log('  none');
    for (const { sweep, tasks } of traced) {
      if (tasks == null) console.log(`  sweep ${sweep}: the page's main thread is not in the trace`);
      for (const task of tasks ?? []) console.log(`  sweep ${sweep}: ${describeLongTask(task)}`);
    }
  }

  console.log(`\nper worker count: median over ${plan.sweeps} sweep${plan.sweeps > 1 ? 's' : ''} [range]`);
  printRows(['workers', 'instantiate ms', 'pool start ms', 'dispatch warm µs', 'dispatch cold µs'], workers.map((w) => [
    w.workers, withRange(w.instantiate_ms), withRange(w.pool_start_ms), withRange(w.dispatch_warm_us), withRange(w.dispatch_cold_us),
  ]));
  const interval = (d) => (d == null ? 'n/a' : d.low == null ? fixed(d.value) : `${fixed(d.value)} (${fixed(d.low)}-${fixed(d.high)})`);
  console.log('dispatch per sweep, µs: median (95% interval) where the run reports one');
  printRows(['workers', 'warm', 'cold'], workers.map((w) => [
    w.workers, (w.dispatch_warm_us?.per_sweep ?? [null]).map(interval).join('; '), (w.dispatch_cold_us?.per_sweep ?? [null]).map(interval).join('; '),
  ]), 3);
}

/** --overheads: the sweeps, then one report (printed, and written with --out). */
async function mainOverheads(options, server, browser) {
  const [workload] = options.workloads;
  const sweeps = [];
  let failed = false;
  try {
    for (let i = 0; i < options.sweeps; i++) {
      console.error(`${workload.id}, sweep ${i + 1} of ${options.sweeps} (fresh page load):`);
      try {
        const sweep = await overheadSweep(browser, server.url, workload, { ...options, sweepNumber: i + 1 });
        if (sweep.doc.runs.some(failedRun)) failed = true;
        sweeps.push(sweep);
      } catch (error) {
        failed = true;
        console.error(`sweep ${i + 1} failed: ${error.message}`);
      }
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  if (!sweeps.length) process.exit(1);
  const [first] = sweeps;
  const loadOf = (sweep) => sweep.resources.filter((e) => e.phase === 'load');
  const report = {
    format: 'corelab-overheads', version: 1, created: new Date().toISOString(),
    command: `./build.sh bench ${process.argv.slice(2).join(' ')}`.trim(),
    environment: first.doc.environment,
    plan: {
      workload: workload.id, params: first.doc.runs[0]?.params ?? {}, workers: options.workers,
      repeats: options.repeats, sweeps: sweeps.length, scaling: options.scaling,
    },
    page_load: { ...transferTotals(loadOf(first)), resources: loadOf(first) },
    page_load_per_sweep: sweeps.map((s) => transferTotals(loadOf(s)).total),
    during_sweep: (() => {
      const during = first.resources.filter((e) => e.phase === 'sweep');
      return {
        total: transferTotals(during).total,
        resources: transfersByPath(during).map((row) => ({ ...row, refetched: during.some((e) => e.path === row.path && e.refetched) })),
        requests: during,
      };
    })(),
    // null where the browser has no Long Tasks API.
    long_tasks: sweeps.some((s) => s.longTasks == null) ? null : sweeps.flatMap((s, i) => s.longTasks.map((t) => ({ sweep: i + 1, ...t }))),
    // With --trace-long-tasks: per sweep, its main thread's long tasks as the trace saw them.
    traced_long_tasks: options.traceLongTasks ? sweeps.map((s, i) => ({ sweep: i + 1, tasks: s.traced })) : null,
    ready_at_ms: sweeps.map((s) => s.readyAtMs),
    workers: perWorkerCount(sweeps),
    sweeps: sweeps.map((s) => s.doc),
  };
  printOverheads(report);
  if (options.out) {
    await writeFile(options.out, JSON.stringify(report, null, 2) + '\n');
    console.error(`wrote ${options.out}`);
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(`error: ${error.message}`);
  process.exit(1);
});
