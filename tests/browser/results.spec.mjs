// The Results page: sweeps are kept in the browser's library, files come back in (validated,
// never trusted, never rendered as HTML), results from different runtimes overlay on one chart,
// links carry results to a fresh browser, and "Test this device" saves one suite result.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, exported, finished, open, test, withoutServiceWorkers } from './fixtures.mjs';

const run = promisify(execFile);
const ROOT = new URL('../../', import.meta.url).pathname;
const resultsUrl = (base = process.env.CORELAB_URL) => `${base}results.html`;

async function openResults(page, base, suffix = '') {
  await page.goto(resultsUrl(base) + suffix);
  await expect(page.locator('#main')).toHaveAttribute('data-state', 'ready');
}

const upload = (page, files) => page.setInputFiles('#import-files', files.map(([name, text]) => ({ name, mimeType: 'application/json', buffer: Buffer.from(text) })));

let nativeRun = null;

/** A quick result of the native runner (a fraction of a second), its document; made once. */
async function nativeResult() {
  nativeRun ??= (async () => {
    const out = test.info().outputPath('native.json');
    await run('target/release/corelab', ['bench', '--workload', 'sum-of-squares', '--quick', '--workers', '1,2', '--repeats', '2', '--out', out], { cwd: ROOT });
    return JSON.parse(await readFile(out, 'utf8'));
  })();
  return nativeRun;
}

/** A file of that result under another label, measured `later` seconds after it: not a duplicate. */
async function labelled(name, label, later = 0) {
  const doc = await nativeResult();
  return [name, JSON.stringify({ ...doc, label, created: new Date(Date.parse(doc.created) + later * 1000).toISOString() })];
}

const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

/** A sweep in the playground, exported: the document and its text. */
async function playgroundSweep(page) {
  await open(page, '?workload=primes&n=300000&workers=1,2&repeats=3');
  await page.getByRole('button', { name: 'Run' }).click();
  expect(await finished(page)).toBe('done');
  await expect(page.locator('#status')).toContainText('Saved in your results library');
  return (await exported(page)).doc;
}

/** The comparison table's rows as { result, workers, median } texts. */
/** The work factor of a weak-scaling file's 2-worker run, as the page writes it. */
const weak0 = (text) => String(Number(JSON.parse(text).runs[1].work_factor.toFixed(2)));

async function comparisonRows(page) {
  return page.locator('#compare-table tbody tr').evaluateAll((rows) => rows.map((tr) => {
    const cells = [...tr.cells].map((c) => c.textContent.trim());
    return { result: cells[0], workers: cells[1], median: cells[2], samples: cells[4], speedup: cells[5] };
  }));
}

test('a finished sweep is kept in the library; export and import give back the same numbers', async ({ page }) => {
  const doc = await playgroundSweep(page);
  await openResults(page);
  const rows = page.locator('#library-table tbody tr');
  await expect(rows).toHaveCount(1);
  // Its Sweeps cell: the problem, the worker counts, and the best speedup as the sweep's own
  // export has it (recomputed from the same samples).
  const best = doc.runs.reduce((a, b) => (b.speedup > a.speedup ? b : a));
  await expect(rows.first().locator('td.sweeps')).toHaveText(
    `primes n = 300,000, grain = ${doc.runs[0].params.grain.toLocaleString('en-US')} 1, 2 workers · best ${best.speedup.toFixed(2)}× on ${best.workers}`);
  // Rename it; the label is kept.
  const label = rows.first().getByRole('textbox');
  await label.fill('test laptop');
  await label.press('Enter');
  await expect(page.locator('#library-status')).toContainText('Renamed to “test laptop”');
  await page.reload();
  await expect(page.locator('#main')).toHaveAttribute('data-state', 'ready');
  await expect(page.locator('#library-table tbody tr').first().getByRole('textbox')).toHaveValue('test laptop');

  // The exported file is the same measurement as the one saved: imported, it is not added twice.
  const again = ['again.json', JSON.stringify({ ...doc, label: 'imported copy' })];
  await upload(page, [again]);
  await expect(page.locator('#import-messages li.ok').first()).toHaveText(
    'again.json: already in your library, not added again (“imported copy” is “test laptop” there: rename it in the library to change it).');
  await expect(page.locator('#library-table tbody tr')).toHaveCount(1);
  // With the saved one deleted, the file comes in, and compares to exactly the medians the page
  // measured.
  await page.locator('#library-table tbody tr').getByRole('button', { name: 'Delete' }).click();
  await expect(page.locator('#library-table tbody tr')).toHaveCount(0);
  await upload(page, [again]);
  await expect(page.locator('#import-messages li.ok').first()).toHaveText('again.json: added 1 result (2 measured points).');
  await expect(page.locator('#library-table tbody tr')).toHaveCount(1);
  await page.locator('#library-table tbody tr').getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Compare selected' }).click();
  // The keyboard's place moves to the comparison, where the view went.
  await expect(page.getByRole('heading', { name: 'Comparison' })).toBeFocused();
  const compared = await comparisonRows(page);
  expect(compared.map((r) => r.result)).toEqual(doc.runs.map(() => expect.stringMatching(/^imported copy/)));
  expect(compared.map((r) => r.median)).toEqual(doc.runs.map((r) => r.median_ms.toFixed(1)));
  expect(compared.map((r) => r.samples)).toEqual(doc.runs.map((r) => String(r.samples_ms.length)));
});

test('a native result and a page result overlay on one chart, each with its legend, and the ratio has its interval', async ({ page }) => {
  const dir = test.info().outputPath();
  const nativeOut = join(dir, 'native.json');
  await run('target/release/corelab', ['bench', '--workload', 'primes', '--param', 'n=300000', '--workers', '1,2', '--repeats', '3', '--out', nativeOut], { cwd: ROOT });
  const doc = await playgroundSweep(page);
  await openResults(page);
  await upload(page, [['native.json', await readFile(nativeOut, 'utf8')], ['page.json', JSON.stringify({ ...doc, label: 'this browser' })]]);
  await expect(page.locator('#import-messages li.ok')).toHaveCount(2);
  // The run saved from the playground, plus the native file: the page's file is that same run.
  // Its label is not taken without a word: the library's entry keeps its own, and says so.
  await expect(page.locator('#import-messages li.ok', { hasText: 'page.json' })).toHaveText(
    /^page\.json: already in your library, not added again \(“this browser” is “.+” there: rename it in the library to change it\)\.$/);
  await expect(page.locator('#library-table tbody tr')).toHaveCount(2);
  const nativeRow = page.locator('#library-table tbody tr', { hasText: 'a file' });
  const here = page.locator('#library-table tbody tr', { hasText: 'a run here' });
  await here.getByRole('textbox').fill('this browser');
  await here.getByRole('textbox').press('Enter');
  // The Runtime column says what ran the kernels, and on how many cores (the 4th column, after the sweeps).
  await expect(nativeRow.locator('td').nth(3)).toHaveText(/^native \(rayon\), \d+ cores?$/);
  await expect(here.locator('td').nth(3)).toHaveText(/^wasm in Headless Chrome \d+ on .+, \d+ cores?$/); // the tests' Chromium runs headless
  await nativeRow.getByRole('checkbox').check();
  await here.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Compare selected' }).click();
  await expect(page.locator('#compare')).toBeVisible();
  const chart = page.locator('#compare-overlay-chart');
  await expect(chart).toHaveAccessibleDescription(/native threads \(rayon\): 1\.00× at 1, \d+\.\d\d× at 2/);
  await expect(chart).toHaveAccessibleDescription(/this browser · wasm threads in Headless Chrome \d+: 1\.00× at 1, \d+\.\d\d× at 2/);
  // Both carry their build: the page its wasm's hash too; the same source, so no flag.
  const native = JSON.parse(await readFile(nativeOut, 'utf8'));
  expect(doc.environment.build.wasm).toMatch(/^[0-9a-f]{16}$/);
  expect(native.environment.build.version).toBe(doc.environment.build.version);
  expect(native.environment.build.source).toBe(doc.environment.build.source);
  await expect(page.locator('#compare-notes')).not.toContainText('different kernel builds');
  // What each recorded of where it ran, whole: the exact browser build (Chromium's client hints:
  // its user agent says 156.0.0.0 on every build), the processor the native runner names.
  const devices = await page.locator('#compare-devices tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  expect(devices).toHaveLength(2);
  const [nativeRowCells, pageRowCells] = [devices.find((d) => d[1] === 'native threads (rayon)'), devices.find((d) => d[0] === 'this browser')];
  expect(nativeRowCells.slice(3, 5)).toEqual([native.environment.cpu ?? '—', String(native.environment.hardwareConcurrency)]);
  expect(pageRowCells[1]).toMatch(/^wasm threads in [A-Za-z ]+ \d+\.\d+\.\d+\.\d+$/);
  expect(pageRowCells[1]).not.toMatch(/\.0\.0\.0$/);
  expect(pageRowCells[7]).toBe(`${doc.environment.build.version}, ${doc.environment.build.source}, wasm ${doc.environment.build.wasm}`);
  const results = [...new Set((await comparisonRows(page)).map((r) => r.result))];
  expect(results).toHaveLength(2);
  await expect(page.locator('#compare-ratios p')).toHaveCount(1);
  // Three runs a point: a median's interval is min to max, which covers it with 75%, and says so.
  // Faster or slower only where the interval says so (ratioSentence's unit test has each case).
  await expect(page.locator('#compare-ratios p')).toHaveText(new RegExp('(was (faster|slower) than .* on 2 workers: .*\\(75% interval [\\d.]+–[\\d.]+: ' +
    'few runs, so only min to max\\)|cannot be told apart on 2 workers: .* but the 75% interval, [\\d.]+–[\\d.]+, includes 1× \\(few runs, so only min to max\\))\\.' +
    // and, where 1 worker's verdict is another (noise decides), that too
    '( Not so at every worker count: on 1 worker (it was (faster|slower)|the two cannot be told apart) \\([\\d.]+× the baseline\'s throughput, 75% interval [\\d.]+–[\\d.]+\\)\\.)?$'));
  // Efficiency and time views redraw the same results.
  await page.getByLabel('Show').selectOption('time');
  await expect(chart).toHaveAccessibleDescription(/ms at 1/);
});

test('two sweeps of one problem in one file are told apart once, and a worker count the baseline lacks is named as such', async ({ page }) => {
  const out = test.info().outputPath('three.json');
  await run('target/release/corelab', ['bench', '--workload', 'primes', '--quick', '--workers', '1-3', '--repeats', '2', '--out', out], { cwd: ROOT });
  const three = { ...JSON.parse(await readFile(out, 'utf8')), label: 'three' };
  const two = { ...three, label: 'two', runs: three.runs.filter((r) => r.workers <= 2) };
  const twice = { ...three, label: 'twice', runs: [...three.runs, ...three.runs] };
  // The same device's label on a sweep from a day later.
  const later = { ...three, label: 'twice', created: new Date(Date.parse(three.created) + 86_400_000).toISOString() };
  await openResults(page);
  await upload(page, [['three.json', JSON.stringify(three)], ['two.json', JSON.stringify(two)], ['twice.json', JSON.stringify(twice)],
    ['later.json', JSON.stringify(later)]]);
  for (const label of ['three', 'two']) await page.getByRole('checkbox', { name: `Select “${label}”` }).check();
  for (const box of await page.getByRole('checkbox', { name: 'Select “twice”' }).all()) await box.check();
  await page.getByRole('button', { name: 'Compare selected' }).click();
  // Where each ran: the two results labelled alike are told apart by when they ran.
  const devices = await page.locator('#compare-devices tbody tr').evaluateAll((trs) => trs.map((tr) => tr.cells[0].textContent));
  expect(devices).toHaveLength(4);
  expect(devices.filter((d) => d.startsWith('twice'))).toEqual([expect.stringMatching(/^twice · \S/), expect.stringMatching(/^twice · \S/)]);
  expect(new Set(devices).size).toBe(4);
  // The file's two sweeps ran at one time: numbered, with the time once (the later sweep has
  // their label: the time tells them from it).
  const names = await page.locator('#compare-baseline option').allTextContents();
  const twins = names.filter((n) => n.startsWith('twice'));
  expect(twins).toHaveLength(3);
  expect(twins).toEqual(expect.arrayContaining([expect.stringMatching(/^twice · [^·]+ · [^·]+ · sweep 1 of 2$/),
    expect.stringMatching(/^twice · [^·]+ · [^·]+ · sweep 2 of 2$/), expect.stringMatching(/^twice · [^·]+ · [^·]+$/)]));
  await page.getByLabel('Baseline').selectOption({ label: names.find((n) => n.startsWith('two')) });
  const rows = await page.locator('#compare-table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent.trim())));
  const threeAt3 = rows.find((cells) => cells[0].startsWith('three') && cells[1] === '3');
  expect(threeAt3[7]).toBe('— (the baseline has no run on 3 workers)');
});

test('a weak-scaling result is compared as one: scaled speedup and Gustafson\'s fit, not Amdahl\'s', async ({ page }) => {
  const out = test.info().outputPath('weak.json');
  await run('target/release/corelab', ['bench', '--workload', 'amdahl', '--scaling', 'weak', '--quick', '--workers', '1,2', '--repeats', '2', '--out', out], { cwd: ROOT });
  await openResults(page);
  await upload(page, [['weak.json', await readFile(out, 'utf8')]]);
  // The library's Sweeps column says the problem grew, not two sizes as if swept, and gives the
  // scaled speedup.
  await expect(page.locator('#library-table tbody tr').first().locator('td.sweeps')).toHaveText(
    /^amdahl serial_fraction = 0\.\d+, work = [\d,]+ at 1 worker, grown with the workers \(weak scaling\) 1, 2 workers · scaled speedup \d+\.\d\d× on [12]$/);
  await page.locator('#library-table tbody tr').first().getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Compare selected' }).click();
  const chart = page.locator('#compare-overlay-chart');
  await expect(chart).toHaveAccessibleDescription(/\(weak scaling: the problem grew with the workers\): 1\.00× at 1, \d+\.\d\d× at 2 \(scaled speedup; Gustafson fit s = \d\.\d{3}, from two worker counts, which it passes through, dashed\)/);
  await expect(chart).not.toHaveAccessibleDescription(/Amdahl/);
  await expect(page.locator('#compare-legend')).toContainText('(weak scaling)');
  await expect(page.locator('#compare-legend')).toContainText('the Gustafson curve fitted to it');
  expect((await comparisonRows(page)).map((r) => r.speedup)).toEqual(['1.00× scaled', expect.stringMatching(/^\d+\.\d\d× scaled \(\d+\.\d\d–\d+\.\d\d, 50%\)$/)]); // with its interval, 2 runs: min to max
  // Each row says what its count ran: the grown problem, with its work against 1 worker's.
  const factor = weak0(await readFile(out, 'utf8'));
  expect((await comparisonRows(page)).map((r) => r.workers)).toEqual([expect.stringMatching(/^1: .+ \(×1\)$/), expect.stringMatching(new RegExp(`^2: .+ \\(×${factor}\\)$`))]);
  // Named by how the workload grows (its steps, the serial ones held fixed), from the catalogue,
  // not by a serial_fraction a teacher could not match with the one set.
  expect((await comparisonRows(page)).map((r) => r.workers)).toEqual([expect.stringMatching(/^1: [\d.]+[KMG]? steps, [\d.]+[KMG]? serial \(×1\)$/), expect.stringMatching(/^2: [\d.]+[KMG]? steps, [\d.]+[KMG]? serial /)]);

  // Beside a strong-scaling result of the same size, neither its ratio nor its speedup is
  // offered as comparable.
  const weak = JSON.parse(await readFile(out, 'utf8'));
  const strong = { ...weak, label: 'strong', runs: weak.runs.map((r) => ({ ...r, scaling: 'strong', params: weak.runs[0].params })) };
  await upload(page, [['strong.json', JSON.stringify(strong)]]);
  await page.getByRole('checkbox', { name: 'Select “strong”' }).check();
  // Results of one device share a label: a screen reader hears when each was saved.
  const strongRow = page.locator('#library-table tbody tr').filter({ has: page.getByRole('checkbox', { name: 'Select “strong”' }) });
  await expect(strongRow.getByRole('checkbox')).toHaveAccessibleDescription(/^\d{1,2}\/\d{1,2}\/\d{4}, \d/);
  await expect(strongRow.getByRole('button', { name: 'Delete “strong”' })).toHaveAccessibleDescription(await strongRow.locator('td').nth(4).textContent());
  await page.getByRole('button', { name: 'Compare selected' }).click();
  await expect(page.locator('#compare-notes')).toContainText('a weak-scaling (scaled) speedup measures another thing');
  await expect(page.locator('#compare-ratios p')).toHaveText(/ ran with (weak|strong) scaling and the baseline, .+, with (strong|weak): a scaled speedup is more work in the same time, so their times do not compare: no ratio\.$/);
  // Efficiency has its interval, as speedup has.
  await page.getByRole('combobox', { name: 'Show' }).selectOption('efficiency');
  await expect(page.locator('#compare-overlay-chart')).toHaveAccessibleDescription(/\d+% at 2/);
  // 1 worker's is 100% by definition, with no interval; 2 workers' efficiency sits in its own,
  // which is the speedup's divided by 2 (from the file's numbers: a busy machine can make the
  // speedup's own bound anything).
  const two = weak.runs[1];
  await expect.poll(() => page.locator('#compare-overlay-chart').evaluate(async (canvas) => {
    const { Chart } = await import('/pkg/vendor/chartjs.js'); // the page's own instance
    const weakOne = Chart.getChart(canvas)?.data.datasets.find((d) => d.label.endsWith('weak scaling'));
    return weakOne?.data.map(({ x, y, yMin, yMax }) => ({ x, y, yMin, yMax }));
  })).toEqual([
    { x: 1, y: 1, yMin: undefined, yMax: undefined },
    { x: 2, y: expect.closeTo(two.speedup / 2, 9), yMin: expect.closeTo(two.speedup_low / 2, 9), yMax: expect.closeTo(two.speedup_high / 2, 9) },
  ]);
  // Its axis in percent, as the table says it.
  const ticks = await page.locator('#compare-overlay-chart').evaluate(async (canvas) => {
    const { Chart } = await import('/pkg/vendor/chartjs.js');
    return Chart.getChart(canvas).scales.y.ticks.map((t) => t.label);
  });
  expect(ticks.length).toBeGreaterThan(2);
  for (const label of ticks) expect(label).toMatch(/^\d+%$/);
  // A link to both says which is which: the same workload, told apart by its scaling.
  await page.getByRole('button', { name: 'Share selected' }).click();
  await expect(page.locator('#share-url')).toHaveValue(/#results=/);
  const other = await page.context().browser().newPage();
  await other.goto(await page.locator('#share-url').inputValue());
  await expect(other.locator('#shared-text')).toContainText(/“strong” \(amdahl, strong scaling\)/);
  await expect(other.locator('#shared-text')).toContainText(/ \(amdahl, weak scaling\)/);
  await other.close();
  // In the comparison, their names lead with what differs, the scaling, not every parameter.
  const names = await page.locator('#compare-baseline option').allTextContents();
  expect(names.map((n) => n.replace(/^.* · /, ''))).toEqual(expect.arrayContaining(['strong scaling', 'weak scaling']));
});

test('a result\'s name says its browser once: a label that names it already is not followed by it again', async ({ page }) => {
  const doc = await nativeResult();
  const ua = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36';
  const inChrome = (label, later) => ['file.json', JSON.stringify({ ...doc, label, created: new Date(Date.parse(doc.created) + later * 1000).toISOString(),
    environment: { ...doc.environment, runtime: 'wasm', userAgent: ua } })];
  await openResults(page);
  await upload(page, [inChrome('Chrome 156 on Android, 8 cores', 0), inChrome('lab phone', 1)]);
  await expect(page.locator('#library-table tbody tr')).toHaveCount(2);
  for (const box of await page.locator('#library-table tbody').getByRole('checkbox').all()) await box.check();
  await page.getByRole('button', { name: 'Compare selected' }).click();
  await expect.poll(() => page.locator('#compare-baseline option').allTextContents().then((names) => names.sort()))
    .toEqual(['Chrome 156 on Android, 8 cores · wasm threads', 'lab phone · wasm threads in Chrome 156']);
});

test('the library sorts by a column when its heading is pressed, and says how, for a screen reader too', async ({ page }) => {
  await openResults(page);
  await upload(page, [await labelled('b.json', 'beta box', 0), await labelled('a.json', 'alpha box', 1), await labelled('c.json', 'Gamma box', 2)]);
  await expect(page.locator('#library-table tbody tr')).toHaveCount(3);
  const labels = () => page.locator('#library-table tbody textarea.label-input').evaluateAll((fields) => fields.map((f) => f.value));
  const heading = page.locator('#library-table thead th', { hasText: 'Device label' });
  await heading.getByRole('button', { name: 'Device label' }).click();
  expect(await labels()).toEqual(['alpha box', 'beta box', 'Gamma box']); // regardless of case
  await expect(heading).toHaveAttribute('aria-sort', 'ascending');
  await expect(page.locator('#library-status')).toHaveText('Sorted by Device label, ascending.');
  // The eye sees it on the heading too, not only in the status under the table.
  const arrow = () => heading.getByRole('button').evaluate((b) => getComputedStyle(b, '::after').content);
  expect(await arrow()).toContain('▲');
  await heading.getByRole('button', { name: 'Device label' }).click();
  expect(await labels()).toEqual(['Gamma box', 'beta box', 'alpha box']);
  await expect(heading).toHaveAttribute('aria-sort', 'descending');
  await expect(page.locator('#library-status')).toHaveText('Sorted by Device label, descending.');
  expect(await arrow()).toContain('▼');
  // The keyboard stays on the heading it pressed (the headings are drawn again).
  await expect(heading.getByRole('button', { name: 'Device label' })).toBeFocused();
});

test('results of different sizes: each name says its size, and the baseline is one most of them can be compared with', async ({ page }) => {
  const doc = await nativeResult();
  const odd = { ...doc, label: 'odd one', created: new Date(Date.parse(doc.created) + 60_000).toISOString(),
    runs: doc.runs.map((r) => ({ ...r, params: { ...r.params, n: r.params.n * 2 } })) };
  await openResults(page);
  // The odd one is the newest, so it comes first in the library and the comparison.
  await upload(page, [await labelled('a.json', 'laptop'), await labelled('b.json', 'phone', 1), ['odd.json', JSON.stringify(odd)]]);
  await expect(page.locator('#library-table tbody tr')).toHaveCount(3);
  for (const box of await page.locator('#library-table tbody').getByRole('checkbox').all()) await box.check();
  await page.getByRole('button', { name: 'Compare selected' }).click();
  const names = await page.locator('#compare-baseline option').allTextContents();
  expect(names).toHaveLength(3);
  // Only what differs: n, not the grain they share.
  for (const name of names) expect(name).toMatch(/ · native threads \(rayon\) · n = [\d,]+$/);
  await expect(page.locator('#compare-baseline option:checked')).not.toContainText('odd one');
  await expect(page.locator('#compare-notes')).toContainText('these results ran 2 different problems');
  await expect(page.locator('#compare-ratios p', { hasText: /was (faster|slower) than|cannot be told apart/ })).toHaveCount(1);
  // It says what differs (a grain alone had been called "a different size").
  const n = doc.runs[0].params.n;
  await expect(page.locator('#compare-ratios p', { hasText: 'odd one' })).toHaveText(new RegExp(`ran another problem than the baseline, .+ ` +
    `\\(n = ${(2 * n).toLocaleString('en-US')} against ${n.toLocaleString('en-US')}\\): no ratio\\.$`));
});

test('past eight results, each colour comes back with another point shape, so no two results look alike', async ({ page }) => {
  await openResults(page);
  await upload(page, await Promise.all(Array.from({ length: 10 }, (_, i) => labelled(`r${i}.json`, `device ${i}`, i))));
  await expect(page.locator('#library-table tbody tr')).toHaveCount(10);
  for (const box of await page.locator('#library-table tbody').getByRole('checkbox').all()) await box.check();
  await page.getByRole('button', { name: 'Compare selected' }).click();
  const keys = await page.locator('#compare-legend .key.point').evaluateAll((spans) => spans.map((s) => `${s.style.getPropertyValue('--key-colour')} ${s.dataset.shape}`));
  expect(keys).toHaveLength(10);
  expect(new Set(keys).size).toBe(10);
  expect(keys[8].split(' ')[0]).toBe(keys[0].split(' ')[0]); // the ninth reuses the first colour...
  expect(keys[8]).not.toBe(keys[0]); // ...in another shape
});

test('an imported file exported again has every derived number back: medians, intervals, speedups, fits', async ({ page }) => {
  const doc = await nativeResult();
  await openResults(page);
  await upload(page, [['native.json', JSON.stringify(doc)]]);
  await expect(page.locator('#library-table tbody tr')).toHaveCount(1);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('#library-table tbody tr').first().getByRole('button', { name: /^Export/ }).click(),
  ]);
  const again = JSON.parse(await readFile(await download.path(), 'utf8'));
  // Named by its workload, its label and when it was measured, as the playground's Export names a
  // file (two of one device from one day had both been "corelab-<label>-<day>.json").
  const label = await page.locator('#library-table tbody textarea').inputValue();
  expect(download.suggestedFilename()).toBe(`corelab-sum-of-squares-${label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}-` +
    `${doc.created.replace(/[:.]/g, '-')}.json`);
  expect(again.runs.map((r) => r.samples_ms)).toEqual(doc.runs.map((r) => r.samples_ms));
  for (const [i, point] of again.runs.entries()) {
    const was = doc.runs[i];
    for (const key of ['median_ms', 'ci_low_ms', 'ci_high_ms', 'min_ms', 'max_ms', 'speedup', 'efficiency']) {
      expect(point[key], `${key} of run ${i}`).toBeCloseTo(was[key], 6);
    }
    expect(point.verified).toBe(was.verified);
  }
  expect(Object.keys(again.fits)).toEqual(Object.keys(doc.fits));
  expect(again.fits['sum-of-squares'].serial_fraction).toBeCloseTo(doc.fits['sum-of-squares'].serial_fraction, 6);
});

test('a result whose own numbers show a busy machine says so in the comparison, as the playground did', async ({ page }) => {
  const doc = await nativeResult();
  // Medians of 100 and 50 ms (a speedup of 2, as 2 workers can give), each from 50% below to 60% above; no timeline,
  // so the noise is the only sign (this machine's own run may show another).
  const busy = { ...doc, label: 'busy box', runs: doc.runs.map(({ timeline, ...r }) => ({ ...r, samples_ms: [50, 100, 160].map((t) => t / r.workers) })) };
  await openResults(page);
  await upload(page, [['busy.json', JSON.stringify(busy)]]);
  await page.getByRole('checkbox', { name: 'Select “busy box”' }).check();
  await page.getByRole('button', { name: 'Compare selected' }).click();
  await expect(page.locator('#compare-notes')).toContainText(/busy box · native threads \(rayon\): these timings are noisy \(on 1 worker the median's interval runs from 50% below it to 60% above it\)/);
});

test('a speedup past what the workers can give gets one diagnosis in the comparison, not two that disagree', async ({ page }) => {
  // A page result with 2.42× on 2 workers of a 2-core device: a slowed 1-worker run, not also
  // "the reported count looks clamped" (2 workers use 2 cores, whatever the count); 5.98× on 2
  // workers: its times look wrong.
  const doc = await nativeResult();
  const result = (label, second) => ({ ...doc, label, environment: { ...doc.environment, runtime: 'wasm', userAgent: 'Mozilla/5.0 Chrome/156.0.0.0', hardwareConcurrency: 2 },
    runs: doc.runs.map(({ timeline, ...r }) => ({ ...r, samples_ms: r.workers === 1 ? [241, 242, 243] : second })) });
  for (const [label, second, said] of [
    ['fast box', [99, 100, 101], /^fast box · .*: 2\.42× on 2 workers is more than 2 workers can give by computing\. Most likely the 1-worker run was slowed/],
    ['edited box', [40, 40.5, 41], /^edited box · .*: gained 5\.98× on 2 workers, far more than 2 workers can give: its times look wrong \(1-worker runs slowed by other programs/]]) {
    // Each in a tab of its own: a tab keeps its comparison across a reload (or the same address
    // opened again), which would add the first result to the second comparison.
    const tab = await page.context().newPage();
    await openResults(tab);
    await upload(tab, [[`${label}.json`, JSON.stringify(result(label, second))]]);
    await tab.getByRole('checkbox', { name: `Select “${label}”` }).check();
    await tab.getByRole('button', { name: 'Compare selected' }).click();
    await expect(tab.locator('#compare-notes li')).toHaveText([said]);
    await tab.close();
  }
});

test('each fitted curve is drawn over the workers its result measured, and a fit past its cores says so', async ({ page }) => {
  const doc = await nativeResult();
  const env = { ...doc.environment, hardwareConcurrency: 2 };
  const fixed = (label, workers) => ({ ...doc, label, environment: env,
    runs: workers.map((k) => ({ ...doc.runs[0], workers: k, samples_ms: [99, 100, 101].map((t) => t / Math.min(k, 2) + (k > 2 ? 4 : 0)), timeline: undefined })) });
  await openResults(page);
  await upload(page, [['within.json', JSON.stringify(fixed('within', [1, 2]))], ['past.json', JSON.stringify(fixed('past', [1, 2, 4]))]]);
  for (const label of ['within', 'past']) await page.getByRole('checkbox', { name: `Select “${label}”` }).check();
  await page.getByRole('button', { name: 'Compare selected' }).click();
  await expect(page.locator('#compare-notes li')).toHaveText([/^past · .*: its Amdahl fit includes k = 4, past its 2 logical cores, where workers take turns on the cores: Amdahl's law does not describe that, so its s does not compare with one fitted within the cores\.$/]);
  await expect(page.locator('#compare-legend')).toContainText('the Amdahl curve fitted to it, over the workers it measured');
  const ends = await page.locator('#compare-overlay-chart').evaluate(async (canvas) => {
    const { Chart } = await import('/pkg/vendor/chartjs.js'); // the page's own instance
    const datasets = Chart.getChart(canvas).data.datasets;
    // Each result's points, then its dashed fit (unlabelled).
    return datasets.flatMap((d, i) => (d.label === '' ? [[datasets[i - 1].label.split(' · ')[0], d.data.at(-1).x]] : []));
  });
  expect(Object.fromEntries(ends)).toEqual({ within: 2, past: 4 });
});

test('a selection of two workloads shows one and names the other, and the Workload list says each by its title', async ({ page }) => {
  const out = test.info().outputPath('primes.json');
  await run('target/release/corelab', ['bench', '--workload', 'primes', '--quick', '--workers', '1,2', '--repeats', '2', '--label', 'primes box', '--out', out], { cwd: ROOT });
  await openResults(page);
  await upload(page, [['sums.json', JSON.stringify({ ...(await nativeResult()), label: 'sums box' })], ['primes.json', await readFile(out, 'utf8')]]);
  for (const label of ['sums box', 'primes box']) await page.getByRole('checkbox', { name: `Select “${label}”` }).check();
  await page.getByRole('button', { name: 'Compare selected' }).click();
  const workload = page.getByRole('combobox', { name: 'Workload' });
  await expect(workload.locator('option')).toHaveText([/^.+ \((sum-of-squares|primes)\): 1 sweep$/, /^.+ \((sum-of-squares|primes)\): 1 sweep$/]);
  const [first, second] = await workload.locator('option').evaluateAll((options) => options.map((o) => [o.value, o.textContent.split(' (')[0]]));
  await expect(page.locator('#compare-notes li').first()).toHaveText(`This comparison shows ${first[1]}; the selection also holds ${second[1]}: choose under Workload to compare it.`);
  await workload.selectOption(second[0]);
  await expect(page.locator('#compare-notes li').first()).toHaveText(`This comparison shows ${second[1]}; the selection also holds ${first[1]}: choose under Workload to compare it.`);
  await expect(page.locator('#compare-overlay-chart')).toHaveAccessibleDescription(new RegExp(second[0] === 'primes' ? 'primes box' : 'sums box'));
});

test('a result of a workload this build does not know is compared as it is, with a note', async ({ page }) => {
  const doc = await nativeResult();
  const unknown = { ...doc, runs: doc.runs.map((r) => ({ ...r, workload: 'no-such-workload' })) };
  await openResults(page);
  await upload(page, [['unknown.json', JSON.stringify(unknown)]]);
  await expect(page.locator('#import-messages li.caveat')).toContainText('would not run one of its sweeps (no-such-workload is not a workload this version of corelab knows)');
  await page.locator('#library-table tbody tr').first().getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Compare selected' }).click();
  await expect(page.locator('#compare-notes')).toContainText('no-such-workload is not a workload this version of corelab knows');
  // Its checks are marked as the file's word, as a refused problem's are.
  await expect(page.locator('#compare-table tbody td.ok')).toHaveText(Array(doc.runs.length).fill('✓ verified (the file\'s word: see the notes)'));
});

test('a file whose own median disagrees with its samples is kept, recomputed, and the import says so', async ({ page }) => {
  // An engineer's hand-edited median of 0.5 ms came back as 6.4 ms without a word.
  const doc = await nativeResult();
  const edited = { ...doc, runs: doc.runs.map((r, i) => (i === 1 ? { ...r, median_ms: 0.5 } : r)) };
  await openResults(page);
  await upload(page, [['median.json', JSON.stringify(edited)]]);
  await expect(page.locator('#import-messages li.caveat')).toHaveText(/^median\.json: added 1 result \(\d+ measured points\)\. One number it stated disagreed with its samples, and is recomputed from them, as every number here is: runs\[1\]\.median_ms said 0\.5, its samples give [\d.]+\.$/);
});

test('a result of a problem this build would refuse (a file edited by hand) says so, and its checks are the file\'s word', async ({ page }) => {
  const doc = await nativeResult();
  const edited = { ...doc, runs: doc.runs.map((r) => ({ ...r, params: { ...r.params, n: -5 } })) };
  await openResults(page);
  await upload(page, [['edited.json', JSON.stringify(edited)]]);
  // Said at import already, not only under Compare.
  // Not in the green of an import that went well: the file's edge is amber.
  await expect(page.locator('#import-messages > li')).toHaveClass('import has-partial');
  await expect(page.locator('#library-table tbody tr').first().locator('td.sweeps')).toContainText('checks: the file\'s word');
  await expect(page.locator('#import-messages li.caveat')).toHaveText(/^edited\.json: added 1 result \(\d+ measured points\)\. Kept, but this version of corelab would not run one of its sweeps \(N \(terms\) must be from 1 to 4,294,967,296 \(got -5\)\): its checks are the file's word, not checked here\.$/);
  await page.locator('#library-table tbody tr').first().getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Compare selected' }).click();
  await expect(page.locator('#compare-notes')).toContainText('N (terms) must be from 1 to 4,294,967,296 (got -5). This version of corelab would not run that problem');
  await expect(page.locator('#compare-table tbody td:last-child')).toHaveText(doc.runs.map(() => '✓ verified (the file\'s word: see the notes)'));
});

test('a share link reproduces the comparison in a fresh browser, and saves on request', async ({ page, browser }) => {
  await playgroundSweep(page);
  await openResults(page);
  await page.locator('#library-table tbody input[type="checkbox"]').first().check();
  await page.getByRole('button', { name: 'Share selected' }).click();
  // The link is made asynchronously (compression): wait for it to appear.
  await expect(page.locator('#share-url')).toHaveValue(/results\.html#results=[A-Za-z0-9_-]+$/);
  const url = await page.locator('#share-url').inputValue();
  expect(url.length).toBeLessThanOrEqual(8192);
  await page.getByRole('button', { name: 'Compare selected' }).click();
  const here = await comparisonRows(page);
  // Unticked, the result is no longer the selection the link was made for: the link goes.
  await page.locator('#library-table tbody input[type="checkbox"]').first().uncheck();
  await expect(page.locator('#share-box')).toBeHidden();
  await expect(page.locator('#library-status')).toHaveText('The selection changed: press Share selected again for a link to it.');

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(url);
  await expect(other.locator('#main')).toHaveAttribute('data-state', 'ready');
  await expect(other.locator('#shared-text')).toContainText('This link carries 1 result');
  expect(await comparisonRows(other)).toEqual(here);
  // Without timelines the checks that read them are not made, and the comparison says so.
  await expect(other.locator('#compare-notes')).toContainText('A link carries no timelines, so the checks that read each sweep\'s traced run');
  await expect(page.locator('#compare-notes')).not.toContainText('A link carries no timelines');
  await expect(other.locator('#library-table tbody tr')).toHaveCount(0); // nothing saved yet
  await expect(other.locator('#shared-text')).toHaveText(/; nothing is saved unless you ask\.$/);
  await other.getByRole('button', { name: 'Save these results to your library' }).click();
  await expect(other.locator('#library-table tbody tr')).toHaveCount(1);
  await expect(other.locator('#shared-text')).toHaveText(/^This link carries 1 result: .+\. It is compared below, and it is now saved in your library\.$/);
  // The button, disabled, had dropped the keyboard focus to the page's top: it goes to the sentence, which is read out.
  await expect(other.locator('#shared-text')).toBeFocused();
  // Reloaded, it is not offered again as if unsaved.
  await other.reload();
  await expect(other.locator('#shared-text')).toHaveText(/^This link carries 1 result: .+\. It is compared below, and it is in your library already\.$/);
  await expect(other.getByRole('button', { name: 'Save these results to your library' })).toBeDisabled();
  // What the reader changes in a link's comparison is kept across a reload, as a library comparison's is.
  await other.getByLabel('Show').selectOption('time');
  await other.reload();
  await expect(other.locator('#main')).toHaveAttribute('data-state', 'ready');
  await expect(other.getByLabel('Show')).toHaveValue('time');
  await expect(other.locator('#shared-text')).not.toContainText('cannot show');
  // A link whose view was edited by hand says what it could not show, rather than nothing.
  await other.evaluate((hash) => { location.hash = hash; }, `${new URL(url).hash.replace(/&(workload|show|baseline)=[^&]*/g, '')}&workload=nosuch&show=bogus&baseline=9.9`);
  await expect(other.locator('#shared-text')).toHaveText(/^This link carries 1 result: .+ The link also asks for what it cannot show: the workload “nosuch”, which none of its results ran; Show “bogus”, where there is “speedup”, “efficiency” or “time”; the baseline “9\.9”, which is none of its results\. The comparison shows the rest\.$/);
  // One cut right after "baseline=" says so, rather than opening on the default baseline without a word.
  await other.evaluate((hash) => { location.hash = hash; }, `${new URL(url).hash.replace(/&(workload|show|baseline)=[^&]*/g, '')}&baseline=`);
  await expect(other.locator('#shared-text')).toHaveText(/ The link also asks for what it cannot show: a baseline with no value after “baseline=”, as if the link had been cut short there\. The comparison shows the rest\.$/);
  // And one cut inside a part's name.
  await other.evaluate((hash) => { location.hash = hash; }, `${new URL(url).hash.replace(/&(workload|show|baseline)=[^&]*/g, '')}&work`);
  await expect(other.locator('#shared-text')).toHaveText(/ The link also asks for what it cannot show: “work”, which no link of this page has \(it may have been cut short there\)\. The comparison shows the rest\.$/);
  // A damaged link pasted into the same tab: its error, and not the last link's comparison below it.
  await other.evaluate((hash) => { location.hash = hash; }, new URL(url).hash.slice(0, 40));
  await expect(other.locator('#shared-text')).toContainText('The link is truncated');
  await expect(other.locator('#compare')).toBeHidden();
  await fresh.close();
});

test('a share link opens on the comparison as it was shown, and a comparison follows a rename or delete', async ({ page, browser }) => {
  await openResults(page);
  await upload(page, [await labelled('a.json', 'Laptop'), await labelled('b.json', 'Phone', 1)]);
  await expect(page.locator('#library-table tbody tr')).toHaveCount(2);
  const row = (label) => page.locator('#library-table tbody tr').filter({ has: page.getByRole('checkbox', { name: `Select “${label}”`, exact: true }) });
  for (const label of ['Laptop', 'Phone']) await row(label).getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Compare selected' }).click();
  await page.getByRole('combobox', { name: 'Show' }).selectOption('time');
  await page.getByRole('combobox', { name: 'Baseline' }).selectOption({ label: 'Phone · native threads (rayon)' });
  // A rename while the comparison is open shows there at once.
  const field = row('Laptop').getByRole('textbox');
  await field.fill('Server');
  await field.press('Enter');
  await expect.poll(() => page.locator('#compare-baseline option').allTextContents().then((names) => names.sort()))
    .toEqual(['Phone · native threads (rayon)', 'Server · native threads (rayon)']);
  await expect(page.locator('#compare-baseline option:checked')).toHaveText('Phone · native threads (rayon)');
  const ratios = await page.locator('#compare-ratios').textContent();
  expect(ratios).toMatch(/^Server · native threads \(rayon\) (was (faster|slower) than|and) Phone/);

  await page.getByRole('button', { name: 'Share selected' }).click();
  await expect(page.locator('#share-url')).toHaveValue(/&show=time&baseline=\d\.0$/);
  await expect(page.locator('#library-status')).toContainText('opening on the comparison as shown here');
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(await page.locator('#share-url').inputValue());
  await expect(other.locator('#main')).toHaveAttribute('data-state', 'ready');
  await expect(other.getByRole('combobox', { name: 'Show' })).toHaveValue('time');
  await expect(other.locator('#compare-baseline option:checked')).toHaveText('Phone · native threads (rayon)');
  await expect(other.locator('#compare-ratios')).toHaveText(ratios);
  await fresh.close();

  // A deleted result leaves the comparison.
  await row('Server').getByRole('button', { name: 'Delete “Server”' }).click();
  await expect(page.locator('#compare-baseline option')).toHaveText(['Phone · native threads (rayon)']);
  await expect(page.locator('#compare-ratios')).toHaveText('');
  // Undo puts it back in the comparison, not in the library alone.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.locator('#compare-baseline option')).toHaveCount(2);
  await expect(page.locator('#compare-ratios p')).toHaveCount(1);
  // The baseline deleted and restored is the baseline again (it had stayed replaced).
  await row('Phone').getByRole('button', { name: 'Delete “Phone”' }).click();
  await expect(page.locator('#compare-baseline option:checked')).toHaveText('Server · native threads (rayon)');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.locator('#compare-baseline option')).toHaveCount(2);
  await expect(page.locator('#compare-baseline option:checked')).toHaveText('Phone · native threads (rayon)');
  await expect(page.locator('#compare-ratios')).toHaveText(ratios);
  // A label emptied is the device's, and the page says so rather than nothing.
  const phoneLabel = row('Phone').getByRole('textbox');
  await phoneLabel.fill('');
  await phoneLabel.press('Enter');
  await expect(page.locator('#library-status')).toHaveText(/^A result needs a label: an empty one is its device's, “.+”\.$/);
  const devices = (await page.locator('#library-status').textContent()).match(/“(.+)”/)[1];
  expect(await page.locator('#library-table tbody textarea').evaluateAll((fields) => fields.map((f) => f.value))).toContain(devices);
});

test('a result of more sweeps than one chart can show compares the first 32, and says so', async ({ page }) => {
  const doc = await nativeResult();
  // 40 sizes of one workload, a 1- and a 2-worker run each: 40 sweeps (a file may hold 10,000 runs).
  const runs = Array.from({ length: 40 }, (_, i) => doc.runs.map((r) => ({ ...r, params: { ...r.params, n: r.params.n + i } }))).flat();
  await openResults(page);
  await upload(page, [['many.json', JSON.stringify({ ...doc, label: 'many sizes', runs })]]);
  await page.locator('#library-table tbody tr').first().getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Compare selected' }).click();
  await expect(page.locator('#compare-notes li').first()).toHaveText(/^The selection holds 40 sweeps of Sum of squares: the first 32 are compared, as more cannot be told apart on one chart\.$/);
  await expect(page.locator('#compare-notes li').nth(1)).toContainText('these results ran 32 different problems (');
  await expect(page.locator('#compare-notes li').nth(1)).toContainText('; and 26 more)');
  await expect(page.locator('#compare-legend .key.point')).toHaveCount(32);
  await expect(page.locator('#compare-baseline option')).toHaveCount(32);
});

test('a saved library of a thousand results comes in whole, with one message, the library drawn once', async ({ page }) => {
  // An engineer's import of the largest library a file may hold took six minutes: the library
  // was saved result by result and redrawn after each.
  const doc = await nativeResult();
  const results = Array.from({ length: 1000 }, (_, i) => ({
    label: `bulk ${i}`, saved: new Date(Date.parse(doc.created) + i * 1000).toISOString(), source: 'file',
    doc: { ...doc, created: new Date(Date.parse(doc.created) + i * 1000).toISOString() },
  }));
  await openResults(page);
  await page.evaluate(() => {
    window.drawn = 0;
    new MutationObserver(() => window.drawn++).observe(document.querySelector('#library-table tbody'), { childList: true });
  });
  await upload(page, [['library.json', JSON.stringify({ format: 'corelab-library', version: 1, created: doc.created, results })]]);
  await expect(page.locator('#import-messages li.ok')).toHaveText('library.json: added 1000 results (2000 measured points).');
  await expect(page.locator('#library-table tbody tr')).toHaveCount(1000);
  await expect(page.locator('#import-files')).toBeEnabled();
  await expect(page.locator('#import-busy')).toBeEmpty();
  expect(await page.evaluate(() => window.drawn)).toBeLessThanOrEqual(2);
});

test('a comparison comes back after a reload and after Back, with its results ticked and its baseline', async ({ page }) => {
  await openResults(page);
  await upload(page, [await labelled('a.json', 'laptop'), await labelled('b.json', 'server', 1), await labelled('c.json', 'phone', 2)]);
  for (const label of ['laptop', 'server']) await page.getByRole('checkbox', { name: `Select “${label}”` }).check();
  await page.getByRole('button', { name: 'Compare selected' }).click();
  await page.getByLabel('Baseline').selectOption({ label: 'server · native threads (rayon)' });
  const shown = async () => ({
    ticked: await page.locator('#library-table tbody input[type="checkbox"]:checked').count(),
    names: await page.locator('#compare-baseline option').allTextContents(),
    baseline: await page.locator('#compare-baseline option:checked').textContent(),
    ratios: await page.locator('#compare-ratios').textContent(),
  });
  const before = await shown();
  expect(before.ticked).toBe(2);
  await page.reload();
  await expect(page.locator('#main')).toHaveAttribute('data-state', 'ready');
  await expect(page.locator('#compare-title')).toBeInViewport();
  expect(await shown()).toEqual(before);
  await page.goto(`${process.env.CORELAB_URL}lessons/`);
  await page.goBack();
  await expect(page.locator('#main')).toHaveAttribute('data-state', 'ready');
  await expect(page.locator('#compare-title')).toBeInViewport();
  expect(await shown()).toEqual(before);
});

test('a label longer than the library keeps is cut, and the import says so', async ({ page }) => {
  await openResults(page);
  await upload(page, [await labelled('long.json', `lab ${'x'.repeat(96)}`)]);
  await expect(page.locator('#import-messages li.ok')).toHaveText('long.json: added 1 result (2 measured points). ' +
    'Its label was longer than the 80 characters a label keeps, and cut there.');
  await expect(page.locator('#library-table tbody textarea')).toHaveValue(`lab ${'x'.repeat(76)}`);
});

test('a saved library with one bad result keeps the others and names the one refused', async ({ page }) => {
  // A backup of thirteen results was refused whole for one sample edited to -1.
  const doc = await nativeResult();
  const bad = { ...doc, runs: doc.runs.map((r, i) => (i ? r : { ...r, samples_ms: [-1, ...r.samples_ms.slice(1)] })) };
  const results = [['laptop', doc], ['phone', bad]].map(([label, d]) => ({ label, saved: doc.created, source: 'run', doc: d }));
  await openResults(page);
  await upload(page, [['backup.json', JSON.stringify({ format: 'corelab-library', version: 1, created: doc.created, results })]]);
  // The refused one is named by what it ran as well as by its place and label.
  const ran = doc.runs[0].workload;
  expect(new Set(doc.runs.map((r) => r.workload))).toEqual(new Set([ran]));
  await expect(page.locator('#import-messages li.partial')).toHaveText(new RegExp(`^backup\\.json: added 1 result \\(\\d+ measured points\\)\\. 1 result refused: “backup\\.json, result 2 \\(${ran}\\), labelled phone” .*samples_ms\\[0\\]`));
  await expect(page.locator('#import-messages .summary')).toHaveText(/^1 file at .+: 1 result added, 1 result refused\.$/);
  // Kept in part: its edge is the notice's amber, neither all well (green) nor all refused (red).
  await expect(page.locator('#import-messages > li')).toHaveClass('import has-partial');
  await expect(page.locator('#library-table tbody tr')).toHaveCount(1);
  await expect(page.getByRole('checkbox', { name: 'Select “laptop”' })).toBeVisible();
  // A run on the device that saved the library is not called "a run here" in this one.
  await expect(page.locator('#library-table tbody tr').first()).toContainText('a file (a run on its device)');
  await expect(page.locator('#library-table tbody tr').first()).not.toContainText('a run here');
});

test('an entry the library cannot read is left out and counted, and the rest of the page works', async ({ page }) => {
  await openResults(page);
  await upload(page, [await labelled('good.json', 'good one')]);
  await expect(page.locator('#library-table tbody tr')).toHaveCount(1);
  // Written behind the page's back (another version, an extension, a hand edit): no document,
  // and one whose runs lack their samples.
  await page.evaluate(async () => {
    const db = await new Promise((resolve) => { indexedDB.open('corelab', 1).onsuccess = (e) => resolve(e.target.result); });
    const store = db.transaction('results', 'readwrite').objectStore('results');
    store.put({ label: 'x', saved: '2026-01-01T00:00:00Z', source: 'run', doc: null });
    store.put({ label: 'y', saved: '2026-01-02T00:00:00Z', source: 'run', doc: { format: 'corelab-results', version: 1, environment: { runtime: 'wasm' }, runs: 'x' } });
    await new Promise((resolve) => { store.transaction.oncomplete = resolve; });
  });
  await openResults(page);
  await expect(page.locator('#library-table tbody tr')).toHaveCount(1);
  const note = page.locator('#library-damaged');
  await expect(note).toContainText('2 saved entries of this library cannot be read');
  // Imports and comparisons go on as ever.
  await upload(page, [await labelled('more.json', 'another one', 5)]);
  await expect(page.locator('#import-messages li.ok').first()).toHaveText('more.json: added 1 result (2 measured points).');
  for (const box of await page.locator('#library-table tbody').getByRole('checkbox').all()) await box.check();
  await page.getByRole('button', { name: 'Compare selected' }).click();
  await expect(page.locator('#compare')).toBeVisible();
  await note.getByRole('button', { name: 'Delete them' }).click();
  await expect(note).toBeHidden();
  await expect(page.locator('#library-status')).toHaveText('Deleted 2 unreadable entries.');
  await expect(page.locator('#library-table tbody tr')).toHaveCount(2);
});

test('hostile and broken files are refused or shown as text, and nothing else changes', async ({ page }) => {
  const doc = await playgroundSweep(page);
  await openResults(page);
  await expect(page.locator('#library-table tbody tr')).toHaveCount(1);
  const script = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
  const hostile = { ...doc, label: script, environment: { ...doc.environment, userAgent: script } };
  const text = JSON.stringify(doc);
  await upload(page, [
    ['hostile.json', JSON.stringify(hostile)],
    ['version.json', JSON.stringify({ ...doc, version: 99 })],
    ['truncated.json', text.slice(0, text.length / 2)],
    ['notjson.json', 'hello, world'],
    ['other.json', JSON.stringify({ format: 'something-else', runs: [] })],
  ]);
  const messages = page.locator('#import-messages li.import li');
  await expect(messages).toHaveCount(5);
  await expect(page.locator('#import-messages li.fail')).toHaveCount(4);
  for (const name of ['version.json', 'truncated.json', 'notjson.json', 'other.json']) {
    await expect(page.locator('#import-messages li.fail', { hasText: name })).toBeVisible();
  }
  await expect(page.locator('#import-messages li.fail', { hasText: 'truncated.json' })).toContainText('truncated');
  await expect(page.locator('#import-messages li.fail', { hasText: 'version.json' })).toContainText('version');
  // The hostile file's label is plain text in the table, and nothing in it ran.
  await expect(page.locator('#library-table tbody tr')).toHaveCount(2);
  await expect(page.locator('#library-table tbody .label-input').first()).toHaveValue(script);
  await expect(page.locator('#library-table img')).toHaveCount(0);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  // An oversized file is refused before it is read.
  await upload(page, [['huge.json', ' '.repeat(21 * 2 ** 20)]]);
  await expect(page.locator('#import-messages li.fail', { hasText: 'huge.json' })).toContainText('MiB');
  await expect(page.locator('#library-table tbody tr')).toHaveCount(2);
});

test('the viewer works on a page served without isolation: import and compare', async ({ page }) => {
  const dir = test.info().outputPath();
  const out = join(dir, 'native.json');
  await run('target/release/corelab', ['bench', '--workload', 'sum-of-squares', '--quick', '--workers', '1,2', '--repeats', '2', '--out', out], { cwd: ROOT });
  await withoutServiceWorkers(page);
  await openResults(page, process.env.CORELAB_PLAIN_URL);
  await expect(page.locator('#suite-run')).toBeDisabled();
  await upload(page, [['native.json', await readFile(out, 'utf8')]]);
  await page.locator('#library-table tbody input[type="checkbox"]').first().check();
  await page.getByRole('button', { name: 'Compare selected' }).click();
  expect((await comparisonRows(page)).map((r) => r.workers)).toEqual(['1', '2']);
});

test('Test this device runs the standard suite and saves one result', async ({ page }) => {
  await openResults(page, process.env.CORELAB_URL, '?quick');
  await page.getByRole('button', { name: 'Test this device' }).click();
  await expect(page.locator('#device')).toHaveAttribute('data-state', 'done', { timeout: 180_000 });
  await expect(page.locator('#suite-table tbody tr')).toHaveCount(3);
  const rows = page.locator('#library-table tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('the standard suite');
  await expect(rows.first().locator('.sweep strong')).toHaveText(['primes', 'sort', 'imbalanced']);
});

for (const viewport of [LAPTOP, PHONE]) {
  test(`long device labels and the baseline's name read whole at ${viewport.width}×${viewport.height}`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await openResults(page);
    const labels = ['Pixel 8 Pro on battery, Chrome on Android, power saver on', 'Office laptop (ThinkPad X1 Carbon), plugged in, performance mode'];
    await upload(page, [await labelled('pixel.json', labels[0]), await labelled('laptop.json', labels[1], 1)]);
    const fields = page.locator('#library-table tbody .label-input');
    await expect(fields).toHaveCount(2);
    // Each label wraps inside its field, which shows all of it: nothing scrolled out of sight.
    for (const field of await fields.all()) {
      await expect(field).toBeVisible();
      expect(await field.evaluate((f) => ({ wide: f.scrollWidth <= f.clientWidth, tall: f.scrollHeight <= f.clientHeight }))).toEqual({ wide: true, tall: true });
    }
    if (viewport === LAPTOP) {
      // On a laptop the library fits its column: the Actions are in view, not scrolled off.
      expect(await page.locator('#library-table').evaluate((t) => t.scrollWidth <= t.parentElement.clientWidth)).toBe(true);
    } else {
      // On a phone the library scrolls sideways, and scrolled to Export and Delete each row still
      // shows its label (it had scrolled away, leaving the row nameless beside its Delete).
      const wrap = page.locator('#library-table').locator('..');
      const remove = page.locator('#library-table tbody tr').first().getByRole('button', { name: /^Delete/ });
      await remove.scrollIntoViewIfNeeded(); // the table scrolls sideways to it
      expect(await wrap.evaluate((w) => w.scrollLeft)).toBeGreaterThan(0);
      await expect(remove).toBeInViewport();
      for (const field of await fields.all()) {
        expect(await field.evaluate((f) => {
          const [box, view] = [f.getBoundingClientRect(), f.closest('.table-wrap').getBoundingClientRect()];
          return box.left >= view.left - 1 && box.right <= view.right + 1;
        })).toBe(true);
      }
      await wrap.evaluate((w) => { w.scrollLeft = 0; });
    }
    // Enter still saves a rename (a field that wraps does not take a new line).
    await fields.first().fill('Mac mini M2 Pro, Safari 18, plugged in, nothing else running');
    await fields.first().press('Enter');
    await expect(page.locator('#library-status')).toHaveText('Renamed to “Mac mini M2 Pro, Safari 18, plugged in, nothing else running”.');

    for (const box of await page.locator('#library-table tbody input[type="checkbox"]').all()) await box.check();
    await page.getByRole('button', { name: 'Compare selected' }).click();
    const baseline = page.getByLabel('Baseline');
    const name = await baseline.evaluate((s) => s.selectedOptions[0].text);
    expect(name).toMatch(/ · native threads \(rayon\)$/);
    // The chart's legend names every result whole, as text that wraps inside the page.
    const legend = page.getByRole('list', { name: 'Legend' }).getByRole('listitem');
    await expect(legend.filter({ hasText: 'Mac mini M2 Pro, Safari 18, plugged in, nothing else running' })).toHaveCount(1);
    await expect(legend.filter({ hasText: labels[0] })).toHaveCount(1);
    for (const item of await legend.all()) {
      expect(await item.evaluate((li) => li.scrollWidth <= li.clientWidth && li.getBoundingClientRect().right <= innerWidth)).toBe(true);
    }
    // The whole name is its tooltip, and the select stays inside the page.
    await expect(baseline).toHaveAttribute('title', name);
    expect(await baseline.evaluate((s) => s.getBoundingClientRect().right)).toBeLessThanOrEqual(viewport.width);
    if (viewport === PHONE) {
      // The comparison table is wider than a phone: scrolled to its last column, each row still
      // says whose numbers they are.
      const wrap = page.locator('#compare-table').locator('..');
      expect(await wrap.evaluate((w) => w.scrollWidth > w.clientWidth)).toBe(true);
      await wrap.evaluate((w) => { w.scrollLeft = w.scrollWidth; });
      const heads = await wrap.evaluate((w) => [...w.querySelectorAll('tbody th')].map((th) => th.getBoundingClientRect().left - w.getBoundingClientRect().left));
      for (const left of heads) expect(Math.abs(left)).toBeLessThan(1);
    }
    if (viewport === LAPTOP) {
      // Where there is room, the select is as wide as its longest name: none is cut off.
      const [shown, needed] = await baseline.evaluate((s) => {
        const natural = Object.assign(s.cloneNode(true), { id: '' });
        natural.style.maxWidth = 'none';
        natural.style.width = 'max-content';
        s.after(natural);
        const width = natural.offsetWidth;
        natural.remove();
        return [s.offsetWidth, width];
      });
      expect(shown).toBeGreaterThanOrEqual(needed);
    }
  });
}

test('an empty library says how to get results in, its actions wait for a result, and Undo keeps the keyboard in place', async ({ page }) => {
  await openResults(page);
  const empty = page.locator('#library-empty');
  await expect(empty).toBeVisible();
  await expect(empty).toContainText('Run a sweep in the playground');
  await expect(empty).toContainText('Import JSON files');
  await expect(empty.getByRole('link', { name: 'playground' })).toHaveAttribute('href', './');
  await expect(page.locator('#library-table')).toBeHidden();
  const actions = ['Compare selected', 'Share selected', 'Export selected', 'Export all'].map((name) => page.getByRole('button', { name }));
  for (const action of actions) await expect(action).toBeDisabled();

  await upload(page, [await labelled('one.json', 'one result')]);
  await expect(page.locator('#library-table tbody tr')).toHaveCount(1);
  await expect(empty).toBeHidden();
  for (const action of actions) await expect(action).toBeEnabled();

  // Deleting the last result empties the library again; its Undo still works.
  await page.getByRole('button', { name: 'Delete “one result”' }).click();
  await expect(empty).toBeVisible();
  for (const action of actions) await expect(action).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Undo' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#library-table tbody tr')).toHaveCount(1);
  for (const action of actions) await expect(action).toBeEnabled();
  // The keyboard goes on from the restored row (the Undo button it was on is gone).
  await expect(page.getByRole('checkbox', { name: 'Select “one result”' })).toBeFocused();
});

test('a share link opens on its comparison, scrolled into view, its heading focused', async ({ page, browser }) => {
  await openResults(page);
  await upload(page, [await labelled('a.json', 'first device'), await labelled('b.json', 'second device', 1)]);
  await expect(page.locator('#library-table tbody tr')).toHaveCount(2);
  for (const box of await page.locator('#library-table tbody input[type="checkbox"]').all()) await box.check();
  await page.getByRole('button', { name: 'Share selected' }).click();
  await expect(page.locator('#share-url')).toHaveValue(/#results=/);
  const url = await page.locator('#share-url').inputValue();

  for (const viewport of [LAPTOP, PHONE]) {
    const fresh = await browser.newContext({ viewport });
    const other = await fresh.newPage();
    await other.goto(url);
    await expect(other.locator('#main')).toHaveAttribute('data-state', 'ready');
    await expect(other.getByRole('heading', { name: 'Results from a link' })).toBeFocused();
    await expect(other.locator('#shared-title')).toBeInViewport();
    await expect(other.locator('#compare-overlay-chart')).toBeInViewport();
    if (viewport === LAPTOP) await expect(other.getByRole('button', { name: 'Save these results to your library' })).toBeInViewport();
    // A link cut short says so, in view and focused too.
    await other.goto(`${resultsUrl()}#results=`);
    await expect(other.locator('#main')).toHaveAttribute('data-state', 'ready');
    await expect(other.locator('#shared-text')).toContainText('This link carries no results');
    await expect(other.locator('#shared-title')).toBeFocused();
    await expect(other.locator('#shared-text')).toBeInViewport();
    await fresh.close();
  }
});

test('each import is one dismissable item, newest first, with a line per file', async ({ page }) => {
  await openResults(page);
  await upload(page, [await labelled('first.json', 'first'), ['broken.json', 'not json']]);
  const imports = page.locator('#import-messages > li');
  await expect(imports).toHaveCount(1);
  await upload(page, [await labelled('second.json', 'second', 1)]);
  await expect(imports).toHaveCount(2);
  // The newest on top, each with its own summary and files.
  await expect(imports.nth(0).locator('.summary')).toHaveText(/^1 file at .+: 1 result added\.$/);
  await expect(imports.nth(0).locator('li')).toHaveText(['second.json: added 1 result (2 measured points).']);
  await expect(imports.nth(1).locator('.summary')).toHaveText(/^2 files at .+: 1 result added, 1 file refused\.$/);
  await expect(imports.nth(1).locator('li')).toHaveCount(2);
  await expect(imports.nth(1).locator('li.fail')).toContainText('broken.json');

  // Dismissing one leaves the other, with the keyboard focus on its Dismiss.
  await imports.nth(0).getByRole('button', { name: /^Dismiss/ }).click();
  await expect(imports).toHaveCount(1);
  await expect(imports.first()).toContainText('broken.json');
  await expect(imports.first().getByRole('button', { name: /^Dismiss/ })).toBeFocused();

  // With two or more, one button clears them all; the focus goes back to the file chooser.
  const clear = page.getByRole('button', { name: 'Clear all import messages' });
  await expect(clear).toBeHidden();
  await upload(page, [await labelled('third.json', 'third', 2)]);
  await expect(imports).toHaveCount(2);
  await clear.click();
  await expect(imports).toHaveCount(0);
  await expect(clear).toBeHidden();
  await expect(page.locator('#import-files')).toBeFocused();
});

test('text dropped on the import area is not read as an import of nothing', async ({ page }) => {
  await openResults(page);
  const dataTransfer = await page.evaluateHandle(() => {
    const data = new DataTransfer();
    data.setData('text/plain', 'some words from another page');
    return data;
  });
  await page.dispatchEvent('#drop-zone', 'drop', { dataTransfer });
  await expect(page.locator('#import-busy')).toHaveText('What was dropped holds no file: drop JSON files saved by corelab, or use Choose JSON files.');
  await expect(page.locator('#import-messages li')).toHaveCount(0);
});

test('threads that ran slower side by side are explained in the comparison by the causes that fit the workload, from the catalogue', async ({ page }) => {
  const doc = await nativeResult(); // sum-of-squares: arithmetic alone, declared `memory: compute`
  // Steady medians of 100 ms on 1 worker and 80 on 2 (1.25×), whose traced threads computed for
  // 160 ms in all against 100 alone: each ran far slower beside the other.
  const timeline = (busy) => ({ threads: busy.length, start_ms: 0, end_ms: Math.max(...busy),
    spans: busy.map((ms, thread) => ({ thread, kind: 'work', start_ms: 0, end_ms: ms, tasks: 8 })) });
  const slowed = { ...doc, label: 'slowed box', runs: doc.runs.map((r) => ({ ...r,
    samples_ms: [99, 100, 100, 101].map((t) => t * (r.workers === 1 ? 1 : 0.8)), timeline: timeline(r.workers === 1 ? [100] : [80, 80]) })) };
  await openResults(page);
  await upload(page, [['slowed.json', JSON.stringify(slowed)]]);
  await page.getByRole('checkbox', { name: 'Select “slowed box”' }).check();
  await page.getByRole('button', { name: 'Compare selected' }).click();
  const notes = page.locator('#compare-notes');
  await expect(notes).toContainText(/slowed box · native threads \(rayon\): in the traced run on 2 workers the threads computed for 1\.60× as long/);
  await expect(notes).toContainText('This workload does arithmetic on a few values per thread and writes nothing another thread reads, ' +
    'so neither contention for data nor memory bandwidth applies. That leaves logical cores that share one physical core (hyper-threading)');
  await expect(notes).not.toContainText('cache line');
});

test('sweeps over a parameter from two devices are compared value by value: times against the value, and ratios at each', async ({ page }) => {
  // A teacher's schedule sweeps, prepared for a lecture, could be shown nowhere but the lesson
  // that ran them: the comparison said "Nothing here to overlay".
  const out = test.info().outputPath('varied.json');
  await run('target/release/corelab', ['bench', '--workload', 'imbalanced', '--quick', '--workers', '2', '--repeats', '3',
    '--vary', 'schedule=static,stealing', '--out', out], { cwd: ROOT });
  const measured = JSON.parse(await readFile(out, 'utf8'));
  // Steady times, so that the ratios below are beyond their noise: 40 ms a run on the first
  // device; on the second the same with static blocks and half with stealing.
  const steady = (ms) => [0, 1, 2, 3, 4, 5].map((i) => ms * (1 + i * 0.002));
  const doc = { ...measured, runs: measured.runs.map((r) => ({ ...r, samples_ms: steady(40) })) };
  const other = { ...doc, label: 'second', created: new Date(Date.parse(doc.created) + 1000).toISOString(),
    runs: doc.runs.map((r) => ({ ...r, samples_ms: steady(r.params.schedule === 'stealing' ? 20 : 40) })) };
  await openResults(page);
  await upload(page, [['a.json', JSON.stringify({ ...doc, label: 'first' })], ['b.json', JSON.stringify(other)]]);
  await expect(page.locator('#library-table tbody tr')).toHaveCount(2);
  for (const checkbox of await page.locator('#library-table tbody tr').getByRole('checkbox').all()) await checkbox.check();
  await page.getByRole('button', { name: 'Compare selected' }).click();
  await expect(page.locator('#compare-workload option:checked')).toHaveText('Unbalanced work (imbalanced) over schedule: 2 sweeps');
  // No speedup to show: the Show select goes, the chart draws the times by schedule.
  await expect(page.getByRole('combobox', { name: 'Show' })).toBeHidden();
  await expect(page.locator('#compare-overlay-chart')).toBeVisible();
  for (const label of ['first', 'second']) {
    await expect(page.locator('#compare-overlay-description')).toContainText(new RegExp(`${label} · [^:]+: [\\d.]+ ms at static, [\\d.]+ ms at stealing\\.`));
  }
  await expect(page.locator('#compare-table thead th')).toHaveText(['Result', 'Schedule', 'Workers', 'Median (ms)', 'Interval (ms)', 'Samples', 'Throughput against the baseline', 'Check']);
  await page.getByRole('combobox', { name: 'Baseline' }).selectOption({ label: 'first · native threads (rayon)' });
  const rows = page.locator('#compare-table tbody tr');
  await expect(rows).toHaveCount(4);
  const second = rows.filter({ has: page.locator('th', { hasText: /^second/ }) });
  await expect(second.locator('td:nth-child(2)')).toHaveText(['static', 'stealing']);
  // The ratio at each value: the same samples at static, half the time at stealing.
  await expect(second.locator('td:nth-child(7)')).toHaveText([/^1\.00×/, /^2\.00×/]);
  await expect(page.locator('#compare-ratios')).toContainText(/second · .* was faster than first · .* at schedule = stealing: 2\.00× the baseline's throughput/);
  await expect(page.locator('#compare-notes')).not.toContainText('Nothing here');
  await expect(page.locator('#compare-notes')).not.toContainText('is not a workload this version');
});


test('two results of one device made in the same second are told apart in the devices table by what their names add', async ({ page }) => {
  // A runner's static and stealing sweeps, one label, one second: two rows had read alike.
  const out = test.info().outputPath('static.json');
  await run('target/release/corelab', ['bench', '--workload', 'imbalanced', '--quick', '--workers', '1,2', '--repeats', '2',
    '--param', 'schedule=static', '--label', 'native box', '--out', out], { cwd: ROOT });
  const stat = JSON.parse(await readFile(out, 'utf8'));
  const steal = { ...stat, runs: stat.runs.map((r) => ({ ...r, params: { ...r.params, schedule: 'stealing' } })) };
  await openResults(page);
  await upload(page, [['static.json', JSON.stringify(stat)], ['stealing.json', JSON.stringify(steal)]]);
  await expect(page.locator('#library-table tbody tr')).toHaveCount(2);
  for (const checkbox of await page.locator('#library-table tbody tr').getByRole('checkbox').all()) await checkbox.check();
  await page.getByRole('button', { name: 'Compare selected' }).click();
  await expect(page.locator('#compare-devices tbody th')).toHaveCount(2);
  expect((await page.locator('#compare-devices tbody th').allTextContents()).sort()).toEqual(['native box · schedule = static', 'native box · schedule = stealing']);
});
