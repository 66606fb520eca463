// Reading results that come back in (imported files, share links): checked field by field,
// derived numbers dropped, hostile text kept as inert strings, errors a reader can act on.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  checkFileSize, LIMITS, MAX_FILE_BYTES, parseResults, ResultsError, seriesOf, validateResults,
} from '../../www/js/results/validate.js';

import { EXPORTED } from './fixtures/exported.js';
import { LIBRARY_FORMAT, readResultsText } from '../../www/js/results/import.js';

const DERIVED = ['median_ms', 'ci_low_ms', 'ci_high_ms', 'ci_level', 'min_ms', 'max_ms', 'timer_coarse', 'speedup', 'speedup_low',
  'speedup_high', 'efficiency', 'karp_flatt', 'repeats', 'samples'];

/** A copy of the export with `change` applied to it. */
function edited(change) {
  const doc = structuredClone(EXPORTED);
  change(doc);
  return doc;
}

/** Asserts that reading `doc` (a value, or text) fails with a ResultsError whose message matches. */
function refused(doc, pattern, { kind, source = 'mine.json' } = {}) {
  const read = () => (typeof doc === 'string' ? parseResults(doc, source) : validateResults(doc, source));
  assert.throws(read, (error) => {
    assert.ok(error instanceof ResultsError, `a ResultsError, not ${error}`);
    assert.match(error.message, pattern);
    if (kind) assert.equal(error.kind, kind);
    return true;
  });
}

test('a real export reads back with its measurements, and without anything derived from them', () => {
  const doc = parseResults(JSON.stringify(EXPORTED, null, 2), 'ex.json');
  assert.deepEqual(Object.keys(doc), ['format', 'version', 'created', 'environment', 'runs']);
  assert.deepEqual(doc.environment, EXPORTED.environment);
  assert.equal(doc.runs.length, 2);
  for (const [i, run] of doc.runs.entries()) {
    const original = EXPORTED.runs[i];
    assert.deepEqual(run.samples_ms, original.samples_ms);
    assert.deepEqual(run.warmup_ms, original.warmup_ms);
    assert.deepEqual(run.timeline, original.timeline);
    for (const key of ['workload', 'params', 'workers', 'scaling', 'work_factor', 'verified', 'check_kind', 'demonstrates', 'check',
      'identical_to_first', 'summary', 'digest', 'instantiate_ms', 'pool_start_ms', 'prepare_ms', 'dispatch_us', 'repeat_mode', 'stopped_by']) {
      assert.deepEqual(run[key], original[key], key);
    }
    for (const key of DERIVED) assert.equal(key in run, false, `${key} is derived and must be dropped`);
  }
  assert.equal('fits' in doc, false);
});

test('reading is idempotent: a normalised document reads back as itself', () => {
  const once = validateResults(EXPORTED);
  assert.deepEqual(parseResults(JSON.stringify(once)), once);
});

test('the native runner’s output reads too', () => {
  const native = {
    created: '2026-11-23T14:06:44Z',
    environment: { crossOriginIsolated: null, hardwareConcurrency: 2, runtime: 'native', timerCoarse: false, timerResolution_ms: 0.000001,
      userAgent: 'corelab/0.1.0 native (linux x86_64)' },
    fits: {}, format: 'corelab-results', version: 1,
    runs: [{ check: 'sieve of Eratosthenes counts 25,997', check_kind: 'exact', demonstrates: null, digest: '000000000000658d',
      params: { grain: 16384, n: 300000 }, samples_ms: [11.373799, 12.337302], scaling: 'strong', verified: true, work_factor: 1,
      workers: 1, workload: 'primes', speedup: 1, timeline: { end_ms: 15.64763, start_ms: 0.00005, threads: 1,
        spans: [{ end_ms: 15.638677, kind: 'work', start_ms: 0.034301, tasks: 19, thread: 0 }] } }],
  };
  const doc = validateResults(native, 'ex-native.json');
  assert.equal(doc.environment.runtime, 'native');
  assert.equal(doc.environment.crossOriginIsolated, null);
  assert.deepEqual(doc.runs[0].samples_ms, [11.373799, 12.337302]);
});

test('defaults fill what older results leave out; unknown fields are dropped', () => {
  const doc = validateResults(edited((d) => {
    const run = d.runs[0];
    for (const key of ['scaling', 'work_factor', 'check_kind', 'demonstrates', 'repeat_mode', 'stopped_by', 'warmup_ms', 'timeline',
      'identical_to_first', 'dispatch_us']) delete run[key];
    run.evil = { nested: '<script>' };
    run.onclick = 'alert(1)';
    d.environment.nested = { deep: 1 };
    d.extra_top_level = 'dropped';
  }));
  const run = doc.runs[0];
  assert.deepEqual([run.scaling, run.work_factor, run.check_kind, run.demonstrates, run.repeat_mode, run.stopped_by, run.timeline],
    ['strong', 1, 'exact', null, 'fixed', 'count', null]);
  assert.deepEqual([run.warmup_ms, run.identical_to_first, run.dispatch_us], [[], null, null]);
  assert.equal('evil' in run || 'onclick' in run, false);
  assert.equal('nested' in doc.environment, false);
  assert.equal('extra_top_level' in doc, false);
});

test('the browser capabilities are booleans or null: wasmThreads (issue 12) is read where present, and files without it still read', () => {
  assert.equal('wasmThreads' in EXPORTED.environment, false);
  assert.equal('wasmThreads' in validateResults(EXPORTED, 'old.json').environment, false);
  assert.equal(validateResults(edited((d) => { d.environment.wasmThreads = true; }), 'new.json').environment.wasmThreads, true);
  assert.equal(validateResults(edited((d) => { d.environment.wasmThreads = null; }), 'native.json').environment.wasmThreads, null);
  refused(edited((d) => { d.environment.wasmThreads = 'yes'; }), /environment\.wasmThreads/);
});

test('script and HTML in labels, summaries and the user agent stay inert strings, exactly as written', () => {
  const script = '<script>alert(document.cookie)</script>';
  const image = '"><img src=x onerror=alert(1)>';
  const doc = parseResults(JSON.stringify(edited((d) => {
    d.label = script;
    d.environment.userAgent = `Mozilla/5.0 ${image}`;
    d.runs[0].summary = image;
    d.runs[0].check = `${script}\u0000\u202e`;
    d.runs[0].digest = 'javascript:alert(1)';
    d.runs[0].params.mode = script;
  })), 'hostile.json');
  assert.equal(doc.label, script);
  assert.equal(doc.environment.userAgent, `Mozilla/5.0 ${image}`);
  assert.equal(doc.runs[0].summary, image);
  assert.equal(doc.runs[0].check, `${script}\u0000\u202e`);
  assert.equal(doc.runs[0].digest, 'javascript:alert(1)');
  assert.equal(doc.runs[0].params.mode, script);
  assert.equal(typeof doc.runs[0].summary, 'string');
});

test('a field that would reach a prototype is refused, and inherited properties are never read', () => {
  const text = JSON.stringify(EXPORTED).replace('"params":{"n":300000', '"params":{"__proto__":{"polluted":1},"n":300000');
  refused(text, /runs\[0\]\.params has a field named "__proto__"/);
  assert.equal({}.polluted, undefined);
  const inherited = Object.create({ format: 'corelab-results', version: 1 });
  refused(inherited, /no "format" field/, { kind: 'not-corelab' });
});

test('a demonstration is never verified, and only a demonstration demonstrates', () => {
  const doc = validateResults(edited((d) => {
    Object.assign(d.runs[0], { check_kind: 'demonstration', verified: true, demonstrates: '1,200 updates lost' });
    Object.assign(d.runs[1], { check_kind: 'exact', verified: false, demonstrates: 'a failed run passed off as a demonstration' });
  }));
  assert.deepEqual(doc.runs.map((r) => [r.verified, r.demonstrates]), [[false, '1,200 updates lost'], [false, null]]);
});

test('extras, the build id and a runner’s own environment fields are kept when valid', () => {
  const doc = validateResults(edited((d) => {
    d.environment.build = { version: '0.1.0', source: 'abc1234', wasm: 'sha256:00ff', other: 'dropped' };
    d.environment.runtime = 'python';
    d.environment.pythonVersion = '3.12.1';
    d.runs[0].counter = { expected: 2000000, actual: 1871236, lost: 128764 };
    d.runs[0].estimate = { pi: 3.14163, standard_error: 0.00029, errors: 0.1, distinct_samples: 20000000 };
    d.runs[1].delivery = { mode: 'copy', bytes: 33554432, copied_bytes: 33554432, delivery_ms: 40.1, mb_per_s: null };
  }));
  assert.deepEqual(doc.environment.build, { version: '0.1.0', source: 'abc1234', wasm: 'sha256:00ff' });
  assert.equal(doc.environment.pythonVersion, '3.12.1');
  assert.deepEqual(doc.runs[0].counter, { expected: 2000000, actual: 1871236, lost: 128764 });
  assert.equal(doc.runs[0].estimate.pi, 3.14163);
  assert.equal(doc.runs[1].delivery.mode, 'copy');
  refused(edited((d) => (d.environment.build = { version: 7 })), /environment\.build\.version must be a string \(it is 7\)/);
  refused(edited((d) => (d.runs[0].counter = { lost: { deep: 1 } })), /runs\[0\]\.counter\.lost must be a number, a string or null/);
  refused(edited((d) => (d.runs[0].counter = { lost: 'x'.repeat(300) })), /runs\[0\]\.counter\.lost must be a string of at most 200 characters \(it is 300 long\)/);
});

test('a Python runner’s environment and a suite run’s suite are kept', () => {
  const doc = validateResults(edited((d) => {
    d.environment = { runtime: 'python', userAgent: 'CPython 3.12.1 multiprocessing (Linux)', hardwareConcurrency: null,
      crossOriginIsolated: null, pythonVersion: '3.12.1', pythonImplementation: 'CPython', cpuCount: null, startMethod: 'fork',
      timerResolution_ms: 0.0001, timerCoarse: false };
    d.suite = { name: 'standard', version: 1, quick: false };
  }));
  assert.equal(doc.environment.hardwareConcurrency, null);
  assert.deepEqual([doc.environment.pythonVersion, doc.environment.cpuCount, doc.environment.startMethod], ['3.12.1', null, 'fork']);
  assert.deepEqual(doc.suite, { name: 'standard', version: 1, quick: false });
  refused(edited((d) => (d.suite = { name: ['x'] })), /suite\.name must be a number, a string, true, false or null \(it is an array\)/);
});

test('not JSON: the message names the source and where the parser stopped', () => {
  refused('{"format": "corelab-results",}', /^“mine\.json” is not JSON \(the parser stopped at line 1, column 30: /, { kind: 'not-json' });
  // The engine's own position is not said again after ours (Firefox: "… at line 1 column 1 of the JSON data").
  refused('{"format": "corelab-results",}', /^“mine\.json” is not JSON \(the parser stopped at line 1, column 30: [^()]*\); choose a results file/, { kind: 'not-json' });
  refused('<!doctype html><p>Not found</p>', /^“mine\.json” is not JSON/, { kind: 'not-json' });
  // Text that never began as JSON is not JSON cut short, though it opens a brace it does not close
  // (Chromium and WebKit had called it truncated).
  refused('not json {', /^“mine\.json” is not JSON/, { kind: 'not-json' });
  refused('   \n', /^“mine\.json” is empty/, { kind: 'empty' });
  // A PNG read as text: the parser's "Unexpected token '�'" said nothing useful.
  refused('\ufffdPNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR', /^“mine\.json” is not a text file \(an image or another binary file\?\)/, { kind: 'not-json' });
  refused(42, /is not a corelab result: it holds a single number/, { kind: 'not-corelab' });
});

test('JSON that ends early is called truncated, wherever it was cut', () => {
  const text = JSON.stringify(EXPORTED, null, 2);
  for (const cut of [1, 10, 100, text.indexOf('"samples_ms"') + 20, text.indexOf('"userAgent"') + 25, text.length - 1]) {
    refused(text.slice(0, cut), /^“mine\.json” is truncated: its JSON ends early/, { kind: 'truncated' });
  }
  refused(text.slice(0, 200), /^The link is truncated/, { kind: 'truncated', source: 'the link' });
});

test('something else’s JSON is not a corelab result; a later version says which versions are read', () => {
  refused({ format: 'chrome-trace', traceEvents: [] }, /not a corelab result: its format is "chrome-trace", and corelab results say "format": "corelab-results"/);
  refused({ runs: [] }, /not a corelab result: it has no "format" field/, { kind: 'not-corelab' });
  refused([EXPORTED], /not a corelab result: it holds a list/, { kind: 'not-corelab' });
  refused(edited((d) => (d.version = 2)), /is version 2 of the corelab results format; this page reads version 1, so it needs a newer corelab/, { kind: 'version' });
  refused(edited((d) => (d.version = '1')), /has no valid version \("1"\); this page reads version 1/, { kind: 'version' });
});

test('too large: refused before it is parsed, saying the limit', () => {
  assert.equal(MAX_FILE_BYTES, 20 * 1024 * 1024);
  assert.throws(() => checkFileSize(MAX_FILE_BYTES + 1, 'huge.json'), { message: /^“huge\.json” is too large \(just over 20 MiB\): a results file may be up to 20 MiB/ });
  assert.throws(() => checkFileSize(2.5 * MAX_FILE_BYTES, 'huge.json'), { message: /^“huge\.json” is too large \(50 MiB\)/, kind: 'too-large' });
  assert.doesNotThrow(() => checkFileSize(MAX_FILE_BYTES, 'huge.json'));
  // Fewer characters than the limit, more bytes: é takes two bytes in UTF-8.
  const text = `"${'é'.repeat(MAX_FILE_BYTES / 2 + 8)}"`;
  refused(text, /is too large \(just over 20 MiB\): a results file may be up to 20 MiB/, { kind: 'too-large' });
});

test('a wrong field is named by its path, with what it must be and what it is', () => {
  const cases = [
    [(d) => (d.runs[1].samples_ms = [12.5, 12.4, -3]), 'runs[1].samples_ms[2] must be a positive number (it is -3)'],
    [(d) => (d.runs[0].samples_ms[0] = 0), 'runs[0].samples_ms[0] must be a positive number (it is 0)'],
    [(d) => (d.created = 'yesterday'), 'created must be a date and time, as "2026-12-05T03:00:00Z" (it is "yesterday")'],
    [(d) => (d.runs[0].samples_ms[1] = NaN), 'runs[0].samples_ms[1] must be a positive number (it is NaN)'],
    [(d) => (d.runs[0].samples_ms[1] = '13'), 'runs[0].samples_ms[1] must be a positive number (it is "13")'],
    [(d) => (d.runs[0].samples_ms = []), 'runs[0].samples_ms must be a non-empty array (it is empty)'],
    [(d) => delete d.runs[0].samples_ms, 'runs[0].samples_ms must be a non-empty array (it is missing)'],
    [(d) => (d.runs[0].warmup_ms = [-1]), 'runs[0].warmup_ms[0] must be a number of at least 0 (it is -1)'],
    [(d) => (d.runs[0].workers = '2'), 'runs[0].workers must be an integer from 1 to 1024 (it is "2")'],
    [(d) => (d.runs[0].workers = 1.5), 'runs[0].workers must be an integer from 1 to 1024 (it is 1.5)'],
    [(d) => (d.runs[0].workers = 4096), 'runs[0].workers must be an integer from 1 to 1024 (it is 4096)'],
    [(d) => (d.runs[0].workload = '../../etc'), 'runs[0].workload must be a workload id (lowercase letters, digits and -, up to 64) (it is "../../etc")'],
    [(d) => (d.runs[0].scaling = 'sideways'), 'runs[0].scaling must be one of "strong", "weak" (it is "sideways")'],
    [(d) => (d.runs[0].work_factor = -2), 'runs[0].work_factor must be a positive number (it is -2)'],
    [(d) => (d.runs[0].verified = 'yes'), 'runs[0].verified must be true or false (it is "yes")'],
    [(d) => (d.runs[0].check_kind = 'vibes'), 'runs[0].check_kind must be one of "exact", "statistical", "demonstration" (it is "vibes")'],
    [(d) => (d.runs[0].params = [1, 2]), 'runs[0].params must be an object (it is an array)'],
    [(d) => (d.runs[0].params.n = { value: 1 }), 'runs[0].params.n must be a number or a string (it is an object)'],
    [(d) => (d.runs[0].summary = 12), 'runs[0].summary must be a string (it is 12)'],
    [(d) => (d.runs[1].timeline.spans[1].kind = 'sleep'), 'runs[1].timeline.spans[1].kind must be one of "work", "lock", "wait" (it is "sleep")'],
    [(d) => (d.runs[1].timeline.spans[0].thread = -1), 'runs[1].timeline.spans[0].thread must be an integer from 0 to 1024 (it is -1)'],
    [(d) => (d.runs[1].timeline.spans[0].end_ms = Infinity), 'runs[1].timeline.spans[0].end_ms must be a finite number (it is Infinity)'],
    [(d) => (d.runs[1].timeline.threads = 2.5), 'runs[1].timeline.threads must be an integer from 0 to 1024 (it is 2.5)'],
    [(d) => (d.environment = 'Chrome'), 'environment must be an object (it is "Chrome")'],
    [(d) => (d.environment.runtime = 'jvm'), 'environment.runtime must be one of "wasm", "native", "python" (it is "jvm")'],
    [(d) => (d.environment.hardwareConcurrency = 0), 'environment.hardwareConcurrency must be an integer from 1 to 65536 (it is 0)'],
    [(d) => (d.runs[0].samples_ms[0] = 1e308), 'runs[0].samples_ms[0] must be a time in ms up to 86,400,000 (a day) (it is 1e+308)'],
    [(d) => (d.environment.timerResolution_ms = -0.1), 'environment.timerResolution_ms must be a number of at least 0 (it is -0.1)'],
    [(d) => (d.environment.userAgent = 'x'.repeat(1001)), 'environment.userAgent must be a string of at most 1,000 characters (it is 1,001 long)'],
    [(d) => (d.runs = []), 'runs must be a non-empty array (it is empty)'],
    [(d) => (d.runs[2] = null), 'runs[2] must be an object (it is null)'],
  ];
  for (const [change, message] of cases) {
    const escaped = message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    refused(edited(change), new RegExp(`^“mine\\.json” is not a valid corelab result: ${escaped}\\.$`), { kind: 'invalid' });
  }
  assert.throws(() => validateResults(edited((d) => (d.runs[0].samples_ms[2] = -1))), (e) => e.path === 'runs[0].samples_ms[2]');
});

test('counts are limited', () => {
  refused(edited((d) => (d.runs = Array.from({ length: LIMITS.runs + 1 }, () => d.runs[0]))), /runs has 10,001 items, more than the 10,000 allowed/);
  refused(edited((d) => (d.runs[0].samples_ms = new Array(LIMITS.samples + 1).fill(1))), /runs\[0\]\.samples_ms has 10,001 items/);
  refused(edited((d) => (d.runs[0].timeline.spans = new Array(LIMITS.spans + 1).fill(d.runs[0].timeline.spans[0]))),
    /runs\[0\]\.timeline\.spans has 100,001 items, more than the 100,000 allowed/);
  refused(edited((d) => (d.runs[0].params = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`p${i}`, i])))),
    /runs\[0\]\.params has 65 fields, more than the 64 allowed/);
  refused(edited((d) => (d.runs[0].check = 'x'.repeat(2001))), /runs\[0\]\.check must be a string of at most 2,000 characters/);
});

// --- Series ---------------------------------------------------------------------------------

const run = (workload, params, workers, more = {}) => ({ workload, params, workers, samples_ms: [10 / workers], verified: true, ...more });
const docOf = (runs, more = {}) => validateResults({ format: 'corelab-results', version: 1, environment: { runtime: 'wasm' }, runs, ...more });
const shape = (series) => series.map((s) => [s.workload, s.params, s.scaling, s.varied, s.runs.map((r) => r.workers)]);

test('a worker sweep is one series; other workloads, sizes and scalings are others, in order of first appearance', () => {
  assert.deepEqual(shape(seriesOf(validateResults(EXPORTED))), [['primes', { n: 300000, grain: 16384 }, 'strong', null, [1, 2]]]);
  const doc = docOf([
    run('primes', { n: 100, grain: 8 }, 1), run('primes', { n: 100, grain: 8 }, 2),
    run('sort', { n: 50 }, 1),
    run('primes', { grain: 8, n: 100 }, 4), // the same parameters in another order
    run('primes', { n: 200, grain: 8 }, 1),
    run('sort', { n: 50 }, 2),
  ]);
  assert.deepEqual(shape(seriesOf(doc)), [
    ['primes', { n: 100, grain: 8 }, 'strong', null, [1, 2, 4]],
    ['sort', { n: 50 }, 'strong', null, [1, 2]],
    ['primes', { n: 200, grain: 8 }, 'strong', null, [1]],
  ]);
});

test('a repeated worker count starts a new series: two sweeps of one problem stay two', () => {
  const doc = docOf([1, 2, 1, 2].map((k) => run('primes', { n: 100 }, k)));
  assert.deepEqual(shape(seriesOf(doc)).map((s) => s[4]), [[1, 2], [1, 2]]);
});

test('a parameter sweep is one series, ignoring the varied parameter', () => {
  const doc = docOf([1000, 100, 10].map((grain) => run('primes', { n: 100, grain }, 2)), { varied: 'grain' });
  const [series, ...rest] = seriesOf(doc);
  assert.equal(rest.length, 0);
  assert.deepEqual([series.params, series.varied, series.runs.map((r) => r.params.grain)], [{ n: 100 }, 'grain', [1000, 100, 10]]);
});

test('weak scaling: the size grows with the workers, and the series keeps the base size', () => {
  const doc = docOf([
    run('primes', { n: 100, grain: 8, schedule: 'static' }, 1, { scaling: 'weak', work_factor: 1 }),
    run('primes', { n: 200, grain: 8, schedule: 'static' }, 2, { scaling: 'weak', work_factor: 2 }),
    run('primes', { n: 400, grain: 8, schedule: 'static' }, 4, { scaling: 'weak', work_factor: 4 }),
    run('primes', { n: 100, grain: 8, schedule: 'stealing' }, 1, { scaling: 'weak', work_factor: 1 }),
    run('primes', { n: 100, grain: 8, schedule: 'static' }, 1), // strong: another series
  ]);
  assert.deepEqual(shape(seriesOf(doc)), [
    ['primes', { n: 100, grain: 8, schedule: 'static' }, 'weak', null, [1, 2, 4]],
    ['primes', { n: 100, grain: 8, schedule: 'stealing' }, 'weak', null, [1]],
    ['primes', { n: 100, grain: 8, schedule: 'static' }, 'strong', null, [1]],
  ]);
});

test('a saved library keeps the results that pass and names each one refused; with none that passes it is refused whole', () => {
  const bad = { ...EXPORTED, runs: EXPORTED.runs.map((r, i) => (i ? r : { ...r, samples_ms: [-1, ...r.samples_ms.slice(1)] })) };
  const library = (...docs) => JSON.stringify({ format: LIBRARY_FORMAT, version: 1, results: docs.map(([label, doc]) => ({ label, source: 'run', doc })) });
  const [good, left] = readResultsText(library(['laptop', EXPORTED], ['phone', bad]), 'lib.json');
  assert.deepEqual(good.doc, validateResults(EXPORTED));
  assert.equal(good.label, 'laptop');
  assert.ok(left.refused instanceof ResultsError);
  const ran = [...new Set(EXPORTED.runs.map((r) => r.workload))].join(', ');
  assert.match(left.refused.message, new RegExp(`^“lib\\.json, result 2 \\(${ran}\\), labelled phone” .*samples_ms\\[0\\]`));
  assert.throws(() => readResultsText(library(['phone', bad]), 'lib.json'), (error) => error instanceof ResultsError && /result 1 \(.+\), labelled phone/.test(error.message));
  // A result whose runs name no workload it could have run is named by its place and label alone.
  const nameless = { ...bad, runs: bad.runs.map((r) => ({ ...r, workload: '<b>' })) };
  assert.match(readResultsText(library(['laptop', EXPORTED], ['tablet', nameless]), 'lib.json')[1].refused.message, /^“lib\.json, result 2, labelled tablet” /);
});

test('a saved library keeps where each entry came from, through a file, a lesson\'s run by its lesson, and reads anything else as a file', () => {
  const library = (source) => JSON.stringify({ format: LIBRARY_FORMAT, version: 1, results: [{ label: 'laptop', source, doc: EXPORTED }] });
  // A run on the device that saved it is not "a run here" in the browser that imports it.
  assert.equal(readResultsText(library('run'), 'lib.json')[0].source, 'file:run');
  assert.equal(readResultsText(library('lesson:global-lock'), 'lib.json')[0].source, 'file:lesson:global-lock');
  assert.equal(readResultsText(library('suite'), 'lib.json')[0].source, 'file:suite');
  // Exported again and brought in elsewhere, it stays one file deep.
  assert.equal(readResultsText(library('file:run'), 'lib.json')[0].source, 'file:run');
  assert.equal(readResultsText(library('file'), 'lib.json')[0].source, 'file');
  assert.equal(readResultsText(library('lesson:<img src=x>'), 'lib.json')[0].source, 'file');
  assert.equal(readResultsText(library(42), 'lib.json')[0].source, 'file');
});

test('an import says where a file\'s own medians or speedups disagree with its samples', () => {
  // An engineer's hand-edited median of 0.5 ms came back as 6.4 ms, and a speedup of -3 as 1.7×, without a word.
  const [own] = readResultsText(JSON.stringify(EXPORTED), 'ex.json');
  assert.deepEqual(own.disagreed, []); // a real export agrees with itself
  const doc = edited((d) => {
    d.runs[1].median_ms = -6.5;
    d.runs[1].speedup = 'abc';
  });
  const [read] = readResultsText(JSON.stringify(doc), 'ex.json');
  assert.equal(read.disagreed.length, 2);
  assert.match(read.disagreed[0], /^runs\[1\]\.median_ms said -6\.5, its samples give \d/);
  assert.match(read.disagreed[1], /^runs\[1\]\.speedup said "abc", its samples give \d/);
  // Leaving them out is no disagreement (the validated form carries none).
  const bare = validateResults(EXPORTED);
  assert.deepEqual(readResultsText(JSON.stringify(bare), 'bare.json')[0].disagreed, []);
});
