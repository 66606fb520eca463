// Comparing results: the throughput ratio's interval, build differences, and series built from
// documents with every derived number recomputed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { comparability, compareSeries, coresNote, differentBuilds, leadWithDifference, otherCountsSentence, problemsOf, ratiosAgainst, ratioSentence, refusedParams, runsParamsText, seriesNotes, seriesSummaries, throughputRatio, workersWords } from '../../www/js/results/compare.js';

test('the ratio of two medians takes its interval from both medians\' intervals', () => {
  const a = { median_ms: 100, ci_low_ms: 90, ci_high_ms: 110 };
  const b = { median_ms: 50, ci_low_ms: 48, ci_high_ms: 55 };
  const r = throughputRatio(a, b);
  assert.equal(r.ratio, 2);
  assert.equal(r.low, 90 / 55);
  assert.equal(r.high, 110 / 48);
  assert.ok(r.low < r.ratio && r.ratio < r.high);
});

const doc = (runtime, medians, build, n = 1000) => ({
  format: 'corelab-results', version: 1, created: '2026-11-23T00:00:00Z',
  environment: { runtime, userAgent: 'x', hardwareConcurrency: 2, ...(build ? { build } : {}) },
  runs: medians.map((m, i) => ({
    workload: 'primes', params: { n }, workers: i + 1, scaling: 'strong', samples_ms: [m - 1, m, m + 1],
    verified: true, check_kind: 'exact', digest: 'd', median_ms: 999, speedup: 42,
  })),
});

test('series are recomputed from the samples, not the file\'s own numbers, and compared per worker count', () => {
  const { series } = compareSeries([{ id: 1, label: 'A', doc: doc('wasm', [100, 60]) }, { id: 2, label: 'B', doc: doc('native', [50, 26]) }]);
  assert.equal(series.length, 2);
  assert.deepEqual(series[0].results.points.map((p) => p.median_ms), [100, 60]);
  assert.equal(series[0].results.derived[1].speedup, 100 / 60);
  assert.deepEqual(ratiosAgainst(series[0], series[1]).map((r) => [r.workers, r.ratio]), [[1, 2], [2, 60 / 26]]);
});

test('a median too short for its timer gives no ratio, as it gives no speedup', () => {
  const quick = doc('wasm', [2, 1]);
  quick.environment.timerResolution_ms = 0.1; // Safari's step where it is not isolated: 1 ms is ten steps, 2 ms twenty
  const { series } = compareSeries([{ id: 1, label: 'A', doc: doc('native', [100, 60]) }, { id: 2, label: 'B', doc: quick }]);
  assert.deepEqual(ratiosAgainst(series[0], series[1]).map((r) => r.workers), [1, 2]);
  quick.environment.timerResolution_ms = 0.15; // 1 ms is under ten steps now
  const coarse = compareSeries([{ id: 1, label: 'A', doc: doc('native', [100, 60]) }, { id: 2, label: 'B', doc: quick }]).series;
  assert.deepEqual(ratiosAgainst(coarse[0], coarse[1]).map((r) => r.workers), [1]);
  assert.deepEqual(coarse[1].results.untimed.map((p) => p.workers), [2]);
});

test('sweeps over a parameter compare value by value, and only on the same worker count', () => {
  // A teacher's grain sweeps from two devices had been left out of every comparison.
  const grains = (medians, workers = 2) => {
    const d = { ...doc('wasm', medians), varied: 'grain' };
    d.runs = d.runs.map((r, i) => ({ ...r, workers, params: { n: 1000, grain: 10 ** (i + 2) } }));
    return d;
  };
  const { series } = compareSeries([{ id: 1, label: 'A', doc: grains([30, 20]) }, { id: 2, label: 'B', doc: grains([15, 40]) },
    { id: 3, label: 'C', doc: grains([10, 10], 1) }]);
  assert.deepEqual(series.map((s) => s.varied), ['grain', 'grain', 'grain']);
  const ratios = ratiosAgainst(series[0], series[1]);
  assert.deepEqual(ratios.map((r) => [r.value, r.ratio]), [[100, 2], [1000, 0.5]]);
  assert.match(ratioSentence('B', 'A', ratios[0]), /^B was faster than A at grain = 100: 2\.00× the baseline's throughput/);
  assert.match(otherCountsSentence(ratios), /^ Not so at every grain value: at grain = 100 it was faster/);
  // On 1 worker it ran another problem: no ratio, and the note says which ran what.
  assert.deepEqual(ratiosAgainst(series[0], series[2]), []);
  assert.equal(problemsOf(series).length, 2);
  assert.match(comparability(series)[0], /^primes: these results ran 2 different problems \(n = 1,000, over grain on 2 workers: A, B; n = 1,000, over grain on 1 worker: C\)\. Times and ratios compare only within one problem\.$/);
});

test('builds differ only in a field both results have', () => {
  const series = (a, b) => compareSeries([{ id: 1, label: 'A', doc: doc('wasm', [10], a) }, { id: 2, label: 'B', doc: doc('native', [10], b) }]).series;
  assert.equal(differentBuilds(series({ version: '0.1.0', source: 'abc', wasm: 'ff' }, { version: '0.1.0', source: 'abc' })), null);
  assert.match(differentBuilds(series({ version: '0.1.0', source: 'abc' }, { version: '0.1.0', source: 'def' })), /A: 0\.1\.0, abc; B: 0\.1\.0, def/);
  assert.equal(differentBuilds(series(null, null)), null);
});

test('a library entry\'s sizes name every value of a parameter its runs swept, not the first run\'s', () => {
  const run = (schedule) => ({ workload: 'imbalanced', params: { n: 20000, schedule } });
  assert.equal(runsParamsText([run('static'), run('static'), run('stealing'), run('stealing')]), 'n = 20,000, schedule = static / stealing');
  assert.equal(runsParamsText([run('static'), run('static')]), 'n = 20,000, schedule = static');
  // A weak-scaling sweep grew its problem with the workers: not a sweep of sizes.
  const weak = (workers, work, s) => ({ workload: 'amdahl', workers, scaling: 'weak', params: { serial_fraction: s, work } });
  assert.equal(runsParamsText([weak(2, 35000000, 0.142857), weak(1, 20000000, 0.25)]),
    'serial_fraction = 0.25, work = 20,000,000 at 1 worker, grown with the workers (weak scaling)');
});

test('worker counts are listed with runs of three or more as a range', () => {
  // "1, 2, 3, … 16 workers" held a library's column unbroken and pushed its Actions off a 1440 px window.
  assert.equal(workersWords(Array.from({ length: 16 }, (_, i) => i + 1)), '1–16 workers');
  assert.equal(workersWords([8, 1, 2, 4, 5, 6, 2]), '1, 2, 4–6, 8 workers');
  assert.equal(workersWords([1]), '1 worker');
  assert.equal(workersWords([2]), '2 workers');
});

test('the library sums up each sweep of a result: its workers and its best speedup, from the samples', () => {
  // Two sweeps of primes in one result, told apart by size, workers and speedup (the file's own
  // median and speedup are not read: 999 and 42 in every run).
  const two = doc('wasm', [100, 55, 60]);
  two.runs.push(...doc('wasm', [40, 30], null, 500).runs, ...doc('wasm', [0, 20, 12], null, 700).runs.slice(1));
  two.runs[4].verified = false; // n = 500 on 2 workers: a failed check
  assert.deepEqual(seriesSummaries(two), [
    { workload: 'primes', sizes: 'n = 1,000', workers: '1–3 workers', outcome: 'best 1.82× on 2', failed: 0 },
    { workload: 'primes', sizes: 'n = 500', workers: '1, 2 workers', outcome: 'best 1.33× on 2', failed: 1 },
    // No 1-worker run: nothing to divide by.
    { workload: 'primes', sizes: 'n = 700', workers: '2, 3 workers', outcome: null, failed: 0 },
  ]);
  const one = doc('native', [100]);
  assert.deepEqual(seriesSummaries(one)[0], { workload: 'primes', sizes: 'n = 1,000', workers: '1 worker', outcome: null, failed: 0 });
  // A sweep over a parameter has no speedup; a weak-scaling one has a scaled speedup.
  const grain = { ...doc('wasm', [30, 20]), varied: 'grain' };
  grain.runs = grain.runs.map((r, i) => ({ ...r, workers: 2, params: { n: 1000, grain: 10 ** (i + 2) } }));
  assert.deepEqual(seriesSummaries(grain)[0], { workload: 'primes', sizes: 'n = 1,000, grain = 100 / 1,000', workers: '2 workers', outcome: 'a sweep over grain', failed: 0 });
  const weak = doc('wasm', [100, 110]);
  weak.runs = weak.runs.map((r, i) => ({ ...r, scaling: 'weak', work_factor: i + 1, params: { n: 1000 * (i + 1) } }));
  assert.match(seriesSummaries(weak)[0].outcome, /^scaled speedup 1\.82× on 2$/);
});

test('results of different sizes are grouped by problem: the note names which compare with which', () => {
  // An engineer's five primes results, three of n = 2,000,000, were all called "different sizes".
  const { series } = compareSeries([
    { id: 1, label: 'odd', doc: doc('wasm', [10, 6], null, 1000000) },
    { id: 2, label: 'page', doc: doc('wasm', [20, 11], null, 2000000) },
    { id: 3, label: 'headless', doc: doc('wasm', [20, 12], null, 2000000) },
    { id: 4, label: 'native', doc: doc('native', [18, 9], null, 2000000) },
  ]);
  assert.deepEqual(problemsOf(series).map((p) => p.map((s) => s.label)), [['odd'], ['page', 'headless', 'native']]);
  const [note] = comparability(series);
  assert.equal(note, 'primes: these results ran 2 different problems (n = 1,000,000, strong scaling: odd; n = 2,000,000, strong scaling: ' +
    'page, headless, native). Times and ratios compare only within one problem; speedups, each against its own 1 worker, compare across them.');
  assert.deepEqual(comparability(series.slice(1)), []);
  // A weak-scaling result beside strong ones: its scaled speedup compares with neither.
  const weak = doc('wasm', [20, 21], null, 2000000);
  for (const run of weak.runs) run.scaling = 'weak';
  const mixed = compareSeries([{ id: 5, label: 'weak', doc: weak }, { id: 4, label: 'native', doc: doc('native', [18, 9], null, 2000000) }]).series;
  assert.match(comparability(mixed)[0], /strong-scaling speedups, each against its own 1 worker, compare across sizes, but a weak-scaling \(scaled\) speedup measures another thing, more work in the same time, and compares only with other weak ones\.$/);
});

test('device labels tell Headless Chrome from Chrome, and name the native runner\'s platform', async () => {
  const { describeDevice } = await import('../../www/js/results/library.js');
  const ua = (browser) => `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) ${browser}/156.0.0.0 Safari/537.36`;
  assert.equal(describeDevice({ userAgent: ua('Chrome'), hardwareConcurrency: 8 }), 'Chrome 156 on Linux, 8 cores');
  assert.equal(describeDevice({ userAgent: ua('HeadlessChrome'), hardwareConcurrency: 2 }), 'Headless Chrome 156 on Linux, 2 cores');
  assert.equal(describeDevice({ runtime: 'native', userAgent: 'corelab/0.1.0 native (linux x86_64)', hardwareConcurrency: 2 }), 'native on Linux, 2 cores');
  // The runners name the processor; its trademarks and clock are left out.
  assert.equal(describeDevice({ runtime: 'native', userAgent: 'corelab/0.1.0 native (linux x86_64)', hardwareConcurrency: 16, cpu: 'Intel(R) Core(TM) i7-10700 CPU @ 2.90GHz' }),
    'native on Linux, Intel Core i7-10700, 16 cores');
  assert.equal(describeDevice({ userAgent: ua('HeadlessChrome'), hardwareConcurrency: 2, cpu: 'AMD EPYC 7B13 64-Core Processor' }),
    'Headless Chrome 156 on Linux, AMD EPYC 7B13 64-Core, 2 cores');
});

test('a speedup no worker count can give is put down to the times, not to a clamped core count', () => {
  const note = (medians, runtime = 'wasm') => coresNote(compareSeries([{ id: 1, label: 'A', doc: doc(runtime, medians) }]).series[0]);
  // 2 workers, 100 -> 0.01 ms: 10000x (a hand-edited file) is not "the reported count looks clamped".
  assert.equal(note([100, 0.01 + 1]).kind, 'too-fast');
  assert.match(note([100, 0.01 + 1]).text, /far more than 2 workers can give: its times look wrong \(1-worker runs slowed by other programs/);
  // 2.4x on 2 workers of a 2-core device: no core count lets 2 workers do that (an engineer's
  // sort run was told its count looked clamped); the noise note says why instead.
  assert.equal(note([120, 50]), null);
  assert.equal(note([100, 55]), null);
});

test('a result timed by a coarse timer says so, as the playground and the runners do', () => {
  const tiny = doc('wasm', [0.09, 0.05]);
  tiny.runs.forEach((r) => (r.samples_ms = [0.085, 0.09, 0.095].map((v) => v / (r.workers))));
  tiny.environment.timerResolution_ms = 0.005;
  const [series] = compareSeries([{ id: 1, label: 'A', doc: tiny }]).series;
  assert.ok(series.results.points.every((p) => p.timer_coarse));
  assert.ok(seriesNotes(series).includes('* its timer ticked in steps of 5 µs, coarse next to the run times marked *: treat those ' +
    'medians, and the speedups and ratios made from them, with care.'));
  assert.ok(!seriesNotes(compareSeries([{ id: 1, label: 'A', doc: doc('wasm', [100, 60]) }]).series[0]).some((n) => n.startsWith('*')));
});

test('a result gets one diagnosis per cause: a speedup past its workers, and a suite point slowed throughout', () => {
  const notesOf = (d) => seriesNotes(compareSeries([{ id: 1, label: 'A', doc: d }]).series[0]);
  // 2.4x on 2 workers of a 2-core page: the noise note alone.
  const fast = notesOf(doc('wasm', [120, 50]));
  assert.equal(fast.length, 1);
  assert.match(fast[0], /^2\.40× on 2 workers is more than 2 workers can give by computing\. Most likely the 1-worker run was slowed/);
  // 6x: its times look wrong, said once.
  const wrong = notesOf(doc('wasm', [300, 50]));
  assert.equal(wrong.length, 1);
  assert.match(wrong[0], /^gained 6\.00× on 2 workers, far more than 2 workers can give: its times look wrong/);
  // A point whose traced run beat every timed run (an engineer's suite: 170 ms timed, 95.6 traced).
  const slowed = doc('wasm', [180, 170]);
  slowed.runs[1].timeline = { threads: 2, start_ms: 0, end_ms: 95.6, spans: [{ thread: 0, kind: 'work', start_ms: 0, end_ms: 95.6, tasks: 1 }] };
  const late = notesOf(slowed);
  assert.equal(late.length, 1);
  assert.match(late[0], /^on 2 workers the traced run, made right after the timed ones, took 95\.6 ms, far less than any timed run \(169\.0–171\.0 ms\)/);
});

test('a clamped core count is suspected only where workers past it gained what they could not, in a browser', () => {
  // Workers 1, 2, 4 on a browser that reports 2 cores: 1.9x on 2 (as 2 can), 3.6x on 4.
  const sweep = (runtime, medians) => {
    const d = doc(runtime, medians);
    d.runs.push({ ...d.runs[1], workers: 4, samples_ms: [28, 28, 28], median_ms: 28, ci_low_ms: 28, ci_high_ms: 28, min_ms: 28, max_ms: 28 });
    return coresNote(compareSeries([{ id: 1, label: 'A', doc: d }]).series[0]);
  };
  const clamped = sweep('wasm', [100, 52]);
  assert.equal(clamped.kind, 'clamped');
  assert.equal(clamped.text, 'gained 3.57× on 4 workers although the browser reports 2 cores: the reported count looks clamped (some browsers lower it for privacy).');
  // Its notes do not go on to say the workers past the count took turns on the cores.
  const d = doc('wasm', [100, 52]);
  d.runs.push({ ...d.runs[1], workers: 4, samples_ms: [28, 28, 28] });
  const notes = seriesNotes(compareSeries([{ id: 1, label: 'A', doc: d }]).series[0]);
  assert.match(notes[0], /looks clamped/);
  assert.ok(!notes.some((n) => /take turns/.test(n)), notes.join('\n'));
  // Natively the same notes say it, of the fit by its law: Gustafson's for a weak sweep.
  const weak = doc('native', [100, 52]);
  weak.runs = [...weak.runs, { ...weak.runs[1], workers: 4, samples_ms: [28, 28, 28] }].map((r) => ({ ...r, scaling: 'weak', work_factor: r.workers }));
  const weakNotes = seriesNotes(compareSeries([{ id: 1, label: 'A', doc: weak }]).series[0]);
  assert.ok(weakNotes.some((n) => /^its Gustafson fit includes k = 4, past its 2 logical cores/.test(n)), weakNotes.join('\n'));
  // The native runner's count is the operating system's: never clamped.
  assert.equal(sweep('native', [100, 52]), null);
  // 2.4x on 2 already: the 1-worker run was slowed, whatever the count.
  assert.equal(sweep('wasm', [120, 50]), null);
});

test('a problem this version would refuse is named, parameter by parameter, with the allowed range', () => {
  const catalogue = JSON.parse(readFileSync(new URL('../../pkg/catalogue.json', import.meta.url), 'utf8'));
  const primes = catalogue.workloads.find((w) => w.id === 'primes');
  const refused = (params) => refusedParams({ workload: 'primes', params }, primes);
  assert.deepEqual(refused({ n: 300000, grain: 16384 }), []);
  assert.deepEqual(refused({ n: 300000 }), []); // a parameter an older file lacks is not a refusal
  assert.deepEqual(refused({ n: -5, grain: 16384 }), ['N (count primes below) must be from 2 to 100,000,000 (got -5).']);
  assert.deepEqual(refused({ n: 300000, grain: 1.5, colour: 'red' }),
    ['Grain must be a whole number from 1 to 1,000,000,000.', 'primes has no parameter “colour”.']);
  const pi = catalogue.workloads.find((w) => w.id === 'monte-carlo-pi');
  assert.match(refusedParams({ params: { seeding: 'lucky' } }, pi)[0], /must be one of/);
});

test('where another worker count gives another verdict than the most workers, the sentence says so', () => {
  const r = (workers, ratio, low, high, level = 0.95) => ({ workers, ratio, low, high, level });
  assert.equal(otherCountsSentence([r(1, 1.23, 1.03, 1.49), r(2, 1.1, 0.8, 1.4)]),
    ' Not so at every worker count: on 1 worker it was faster (1.23× the baseline\'s throughput, 95% interval 1.03–1.49).');
  assert.equal(otherCountsSentence([r(1, 0.9, 0.5, 1.2, 0.75), r(2, 0.5, 0.4, 0.6), r(4, 1.5, 1.2, 1.8)]),
    ' Not so at every worker count: on 1 worker the two cannot be told apart (0.90× the baseline\'s throughput, 75% interval 0.50–1.20); ' +
    'on 2 workers it was slower (0.50× the baseline\'s throughput, 95% interval 0.40–0.60).');
  assert.equal(otherCountsSentence([r(1, 1.5, 1.2, 1.8), r(2, 1.6, 1.3, 1.9)]), ''); // the same verdict throughout
  assert.equal(otherCountsSentence([r(2, 1.6, 1.3, 1.9)]), '');
  assert.equal(otherCountsSentence([]), '');
});

test('a result is called faster or slower than the baseline only where the interval says so', () => {
  // "Pixel … was 1.62× as fast as native server … (95% interval 0.58–2.54)" was read as a win.
  const r = (ratio, low, high, level = 0.95) => ({ workers: 2, ratio, low, high, level });
  assert.equal(ratioSentence('Phone', 'Server', r(1.62, 0.58, 2.54)),
    'Phone and Server cannot be told apart on 2 workers: 1.62× the baseline\'s throughput at the medians, but the 95% interval, 0.58–2.54, includes 1×.');
  assert.equal(ratioSentence('Phone', 'Server', r(1.62, 1.4, 1.9)), 'Phone was faster than Server on 2 workers: 1.62× the baseline\'s throughput (95% interval 1.40–1.90).');
  assert.equal(ratioSentence('Phone', 'Server', r(0.5, 0.45, 0.55)),
    'Phone was slower than Server on 2 workers: it took 2.00× as long, 0.50× the baseline\'s throughput (95% interval 0.45–0.55).');
  assert.equal(ratioSentence('Phone', 'Server', r(0.78, 0.18, 1.24, 0.75)),
    'Phone and Server cannot be told apart on 2 workers: 0.78× the baseline\'s throughput at the medians, but the 75% interval, 0.18–1.24, includes 1× (few runs, so only min to max).');
});

test('a closed select names a result by what tells it apart first', () => {
  // On a phone both options read "Chrome 159 on Android, 2 cores · wasm …": the lock that differed was cut off.
  const names = ['Chrome 159 on Android, 2 cores · wasm · lock = none', 'Chrome 159 on Android, 2 cores · wasm · lock = global'];
  assert.deepEqual(names.map((n) => leadWithDifference(n, names)),
    ['lock = none · Chrome 159 on Android, 2 cores · wasm', 'lock = global · Chrome 159 on Android, 2 cores · wasm']);
  // Names that differ from their first part stay as they are, and so does a name alone.
  const devices = ['first · native threads (rayon)', 'second · native threads (rayon)'];
  assert.deepEqual(devices.map((n) => leadWithDifference(n, devices)), devices);
  assert.equal(leadWithDifference('one · wasm', ['one · wasm']), 'one · wasm');
});

test('a comparison says where Amdahl\'s law fits a result\'s points poorly, as the playground does', () => {
  // A phone's 1.91× and 2.00× on 2 and 4 workers got a dashed "s = 0.333" (1.50× on 2) with no word.
  const flat = doc('wasm', [100, 52, 50, 49.5]);
  flat.environment.hardwareConcurrency = 8;
  const [series] = compareSeries([{ id: 1, label: 'phone', doc: flat }]).series;
  const note = seriesNotes(series).find((n) => n.startsWith('Amdahl\'s law fits its points poorly'));
  assert.match(note, /^Amdahl's law fits its points poorly: its best fit, s = 0\.\d{3}, gives \d\.\d\d× on \d workers against \d\.\d\d× measured, so something other than a fixed serial part shapes its curve/);
  // A curve of the law's own shape gets no such note.
  const amdahl = doc('wasm', [100, 62.5, 50, 43.75]); // s = 0.25 exactly, on 1 to 4 workers
  amdahl.environment.hardwareConcurrency = 8;
  assert.ok(!seriesNotes(compareSeries([{ id: 1, label: 'A', doc: amdahl }]).series[0]).some((n) => n.includes('fits its points poorly')));
});
