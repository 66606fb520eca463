// `./build.sh bench --runtime python` and `--compare-python`: the seeds' multiprocessing.Pool
// on this machine. bench/python/runner.py measures (pool start, warm-up, timed runs, the check);
// this module decides how many runs each point gets and turns the measurements into the results
// format with the page's own code (SweepResults, resultsDocument, stats.js), so medians,
// intervals, speedups and fits have one implementation for every runtime.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { COARSE_TIMER_MS } from '../../www/js/environment.js';
import { formatValue, parseNumber, parseValueList } from '../../www/js/input.js';
import { resultsDocument } from '../../www/js/results/format.js';
import { SweepResults } from '../../www/js/results/sweep-results.js';
import { autoStop } from '../../www/js/stats.js';

const RUNNER = fileURLToPath(new URL('./runner.py', import.meta.url));
const WARMUP = 1;
const MIN_VERSION = [3, 8];

/** No Python interpreter to run (or one too old): a setup problem, not a failed run. */
export class PythonMissing extends Error {
  constructor(command, foundVersion = null) {
    super(`${command} ${foundVersion ? `is Python ${foundVersion}` : 'was not found'}: --runtime python runs the seeds' multiprocessing code in Python `
      + `${MIN_VERSION.join('.')} or newer (standard library only). Install one (Debian: apt-get install python3) `
      + 'or set CORELAB_PYTHON to the interpreter to use.');
    this.name = 'PythonMissing';
  }
}

/** The interpreter to run: CORELAB_PYTHON, or python3 on the PATH. */
export function pythonCommand() {
  return process.env.CORELAB_PYTHON || 'python3';
}

/** The runner process: one JSON request per line in, one JSON reply per line out. */
class PythonRunner {
  #child;
  #lines;

  static async start() {
    const runner = new PythonRunner();
    const ready = await runner.#reply();
    if (!ready.ready) throw new Error(`the Python runner did not start: ${JSON.stringify(ready)}`);
    const [major, minor] = ready.python_version.split('.').map(Number);
    if (major < MIN_VERSION[0] || (major === MIN_VERSION[0] && minor < MIN_VERSION[1])) {
      await runner.close();
      throw new PythonMissing(pythonCommand(), ready.python_version);
    }
    runner.info = ready;
    return runner;
  }

  constructor() {
    // Python's own messages (a traceback, a warning) go straight to our stderr.
    this.#child = spawn(pythonCommand(), ['-B', RUNNER], { stdio: ['pipe', 'pipe', 'inherit'] });
    // Writing to a runner that has died: its exit, on `failure`, says what happened.
    this.#child.stdin.on('error', () => {});
    this.#lines = createInterface({ input: this.#child.stdout })[Symbol.asyncIterator]();
    // Spawn failures (python3 missing) arrive as an event; the first read turns them into an error.
    this.failure = new Promise((_, reject) => {
      this.#child.on('error', (error) => reject(error.code === 'ENOENT' ? new PythonMissing(pythonCommand()) : error));
      this.#child.on('exit', (code, signal) => reject(new Error(`the Python runner exited (${signal ?? `code ${code}`})`)));
    });
    this.failure.catch(() => {});
    this.exited = new Promise((resolve) => {
      this.#child.on('exit', resolve);
      this.#child.on('error', resolve);
    });
  }

  async #reply() {
    const next = await Promise.race([this.#lines.next(), this.failure]);
    if (next.done) return this.failure;
    return JSON.parse(next.value);
  }

  /** Sends one request and returns its reply; a reply with `error` is thrown. */
  async request(message) {
    this.#child.stdin.write(`${JSON.stringify(message)}\n`);
    const reply = await this.#reply();
    if (reply.error) throw new Error(reply.error);
    return reply;
  }

  /** Ends the runner (it closes its pool and exits at the end of its input); resolves on exit. */
  close() {
    this.#child.stdin.end();
    return this.exited;
  }
}

/** Throws PythonMissing now, rather than after a long wasm run, when there is no usable Python. */
export async function checkPython() {
  const runner = await PythonRunner.start();
  await runner.close();
}

/** The environment of a Python results document: the interpreter, its version and
 *  os.cpu_count(), in the fields every runtime fills. */
export function pythonEnvironment(info) {
  return {
    runtime: 'python',
    userAgent: `${info.implementation} ${info.python_version} multiprocessing (${info.platform})`,
    hardwareConcurrency: info.cpu_count,
    // Browser features do not apply to Python processes.
    crossOriginIsolated: null,
    sharedArrayBuffer: null,
    wasmThreads: null,
    wasmSimd: null,
    pythonVersion: info.python_version,
    pythonImplementation: info.implementation,
    cpuCount: info.cpu_count,
    startMethod: info.start_method,
    timerResolution_ms: info.timer_resolution_ms,
    timerCoarse: info.timer_resolution_ms >= COARSE_TIMER_MS,
  };
}

/** A parameter's value as the runners take it: numbers as numbers, choices by name. */
function paramValue(spec, text) {
  return spec.kind === 'choice' ? text : parseNumber(text);
}

/**
 * The parameters one workload runs with in Python: --param values as given, the rest the
 * catalogue's defaults, or its quick sizes with --quick. Where pure Python would take minutes
 * at the catalogue's default size (`slowDefault`, from the runner) and --param did not set the
 * size, the quick sizes are used instead, and `note` says so.
 */
export function pythonParams(workload, { params: given, quick }, slowDefault) {
  const size = workload.weak?.param;
  const useQuick = quick || Boolean(slowDefault && size && !given.has(size));
  const params = {};
  for (const spec of workload.params) {
    if (given.has(spec.name)) params[spec.name] = paramValue(spec, given.get(spec.name));
    else {
      const value = useQuick ? spec.quick : spec.default;
      params[spec.name] = spec.kind === 'choice' ? spec.choices[value] : value;
    }
  }
  const sizeSpec = workload.params.find((p) => p.name === size);
  const note = useQuick && !quick
    ? `python: ${workload.id} at its default ${size} = ${formatValue(sizeSpec.default)} would take ${slowDefault}; `
      + `running the quick sizes (${size} = ${formatValue(params[size])}); --param ${size}=${sizeSpec.default} runs the default`
    : null;
  return { params, note };
}

/** The points of one workload's sweep: one per worker count, or one per value of --vary. */
function plan(workload, params, options, workers) {
  if (!options.vary) return { vary: null, points: workers.map((k) => ({ workers: k, params, label: k === 1 ? '1 worker' : `${k} workers` })) };
  const spec = workload.params.find((p) => p.name === options.vary.name);
  const { values } = parseValueList(spec, options.vary.text, options.limits.maxVariedValues);
  return {
    vary: { name: spec.name, label: spec.label, values },
    points: values.map((value) => ({ workers: workers[0], params: { ...params, [spec.name]: value }, label: `${spec.label} = ${formatValue(value)}` })),
  };
}

/** One point measured by the runner: a fresh pool, the warm-up, the timed runs (a fixed count,
 *  or until stats.js's autoStop says the median is known), the check. */
async function measurePoint(runner, workload, point, options) {
  const { pool_start_ms: poolStartMs } = await runner.request({ op: 'start', workload: workload.id, params: point.params, workers: point.workers });
  const warmupMs = [];
  for (let i = 0; i < WARMUP; i++) warmupMs.push((await runner.request({ op: 'run' })).ms);
  const samples = [];
  const auto = options.repeats === 'auto';
  const sampling = performance.now();
  let stoppedBy = null;
  while (!stoppedBy) {
    samples.push((await runner.request({ op: 'run' })).ms);
    stoppedBy = auto ? autoStop(samples, performance.now() - sampling, options.budget * 1000)
      : samples.length >= options.repeats ? 'count' : null;
  }
  const done = await runner.request({ op: 'finish' });
  return {
    workers: point.workers, params: point.params, work_factor: 1,
    samples_ms: samples, warmup_ms: warmupMs, repeat_mode: auto ? 'auto' : 'fixed', stopped_by: stoppedBy,
    instantiate_ms: null, pool_start_ms: poolStartMs, prepare_ms: null, dispatch_us: done.dispatch_us,
    // The average of the empty rounds only: no interval, and no cold case measured.
    dispatch_low_us: null, dispatch_high_us: null, dispatch_cold_us: null, dispatch_cold_low_us: null, dispatch_cold_high_us: null,
    timeline: null,
    summary: done.summary, digest: done.digest, check: done.check, extra: done.extra,
  };
}

/**
 * Runs `options.workloads` (the catalogue's entries) in Python over the worker counts
 * `workers` (numbers) and returns { doc, failed }: the results document (null when nothing
 * ran) and whether any workload failed. Workloads the runner does not implement are skipped
 * with a note. Progress goes to stderr.
 */
export async function runPython(options, workers) {
  const runner = await PythonRunner.start();
  const { info } = runner;
  const sweeps = [];
  let failed = false;
  try {
    for (const workload of options.workloads) {
      if (!info.workloads.includes(workload.id)) {
        console.error(`python: ${workload.id} is not implemented in the Python runner (it has ${info.workloads.join(', ')}); skipped`);
        continue;
      }
      const { params, note } = pythonParams(workload, options, info.slow_defaults[workload.id]);
      if (note) console.error(note);
      const { vary, points } = plan(workload, params, options, workers);
      const sweep = new SweepResults({ workload: workload.id, params, workers, scaling: 'strong', vary }, info.timer_resolution_ms);
      console.error(`${workload.id} (python):`);
      try {
        for (const point of points) {
          const measured = await measurePoint(runner, workload, point, options);
          console.error(`  ${point.label}: pool started in ${measured.pool_start_ms.toFixed(1)} ms, ${measured.samples_ms.length} timed run${measured.samples_ms.length === 1 ? '' : 's'}`);
          sweep.add(measured);
        }
        sweeps.push(sweep);
      } catch (error) {
        failed = true;
        console.error(`${workload.id} failed in Python: ${error.message}`);
        if (sweep.points.length) sweeps.push(sweep);
      }
    }
  } finally {
    await runner.close();
  }
  if (!sweeps.length) return { doc: null, failed };
  return { doc: resultsDocument(pythonEnvironment(info), sweeps), failed };
}

/**
 * Python beside wasm, per workload and worker count (or varied value): both speedups, and the
 * ratio of the medians where both ran the same parameters (Python ran its quick sizes where
 * the default would take minutes, and times of different sizes do not compare).
 */
export function printPythonComparison(wasm, python) {
  const key = (r) => (wasm.varied ? formatValue(r.params[wasm.varied]) : String(r.workers));
  const same = (a, b) => Object.keys(a).length === Object.keys(b).length && Object.keys(a).every((k) => a[k] === b[k]);
  const fmt = (v, suffix = '') => (v == null || !Number.isFinite(v) ? '-' : `${v.toFixed(2)}${suffix}`);
  const header = ['workload', wasm.varied ?? 'workers', 'wasm ms', 'python ms', 'python/wasm', 'wasm speedup', 'python speedup'];
  const rows = [];
  const notes = [];
  for (const run of python.runs) {
    const other = wasm.runs.find((r) => r.workload === run.workload && key(r) === key(run));
    if (!other) continue;
    const comparable = same(run.params, other.params);
    rows.push([run.workload, key(run), other.median_ms.toFixed(1), run.median_ms.toFixed(1),
      comparable ? fmt(run.median_ms / other.median_ms) : 'sizes differ', fmt(other.speedup, 'x'), fmt(run.speedup, 'x')]);
    if (!comparable && !notes.some((n) => n.startsWith(`${run.workload}:`))) {
      const show = (params) => Object.entries(params).map(([k, v]) => `${k} = ${formatValue(v)}`).join(', ');
      notes.push(`${run.workload}: wasm ran ${show(other.params)}; python ran ${show(run.params)}`);
    }
  }
  if (!rows.length) return;
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  console.log(`\npython against wasm (speedups over 1 worker${wasm.varied ? '' : ' side by side'}; python/wasm above 1 means Python was slower)`);
  for (const row of [header, ...rows]) console.log(row.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
  for (const note of notes) console.log(note);
  if (notes.length) console.log('(--quick, or --param for the size, runs both at the same size)');
}
