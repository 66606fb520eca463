// Measurement a scientist can trust: intervals drawn as error bars and exported, the fitted
// models with their ranges, Karp-Flatt, weak scaling, Auto repeats, the per-thread timeline and
// the Grain parameter, in the real page. Sizes are the catalogue's quick ones.
import { AUTO, relativeHalfWidth } from '../../www/js/stats.js';
import { catalogue, expect, exported, finished, open, quickQuery, resultRows, test } from './fixtures.mjs';

const workload = (id) => catalogue.workloads.find((w) => w.id === id);

/** The data of the Chart.js chart drawn on a canvas, as plain objects. */
function chartOf(page, selector) {
  return page.locator(selector).evaluate(async (canvas) => {
    const { Chart } = await import('/pkg/vendor/chartjs.js'); // the page's own instance
    const chart = Chart.getChart(canvas);
    return {
      type: chart.config.type,
      datasets: chart.data.datasets.map((d) => ({ label: d.label, data: d.data.map((p) => ({ ...p })) })),
      drawn: chart.data.datasets.map((_, i) => chart.getDatasetMeta(i).data.length),
      // Chart.js draws its sorted datasets last to first: the first is the one on top.
      topmost: chart.data.datasets[chart.getSortedVisibleDatasetMetas()[0].index].label,
      legend: chart.legend.legendItems.map((item) => item.text),
    };
  });
}

test('a strong-scaling sweep shows error bars, the fit with its range, Karp-Flatt, the timeline and overheads, and exports the intervals', async ({ page }) => {
  await open(page, quickQuery(workload('amdahl'), { serial_fraction: '0.3', workers: '1,2', repeats: '6' }));
  await page.getByRole('button', { name: 'Run' }).click();
  expect(await finished(page)).toBe('done');

  // The table lists each median's 95% interval and the number of samples.
  const rows = await resultRows(page);
  for (const row of rows) {
    const [low, high] = row.interval.split('–').map(Number);
    expect(low).toBeLessThanOrEqual(Number(row.median));
    expect(Number(row.median)).toBeLessThanOrEqual(high);
    expect(row.samples).toBe('6');
  }
  expect(rows[1].karpFlatt).toMatch(/^-?\d+\.\d{3}$/);
  // The terms the headings explain on hover are said under the table too (no hover on a phone or a keyboard).
  await expect(page.locator('#results-terms')).toHaveText('Efficiency: speedup ÷ workers, the share of the workers\' time that went into ' +
    'speeding the work up. e(k): the Karp-Flatt serial fraction, the serial share that would explain the speedup measured (see Karp-Flatt below).');
  await expect(page.locator('#results-table')).toHaveAccessibleDescription(/^Efficiency: speedup ÷ workers/);

  // Error bars: every measured point but 1 worker's (1 by definition) carries its interval,
  // drawn by the error-bar chart type.
  const speedup = await chartOf(page, '#speedup-chart');
  expect(speedup.type).toBe('scatterWithErrorBars');
  const measured = speedup.datasets[0];
  expect(measured.label).toBe('Measured speedup (95% interval)'); // six runs a point: 95% intervals
  await expect(page.locator('#results-table thead th').nth(3)).toHaveText('95% interval (ms)');
  expect(measured.data).toHaveLength(2);
  expect([measured.data[0].y, measured.data[0].yMin, measured.data[0].yMax]).toEqual([1, undefined, undefined]);
  const [, two] = measured.data;
  expect(two.yMin).toBeLessThanOrEqual(two.y);
  expect(two.y).toBeLessThanOrEqual(two.yMax);
  expect(two.yMax - two.yMin).toBeGreaterThan(0);
  // Whichever way the fit is led (a single speedup, a poor fit, or plainly), s has its range;
  // but a 2-worker run slower than 1 worker's (a busy machine) is said to be beyond any s, and
  // where nearly every resample stops at s = 0 or 1 (a slowdown, or faster than 2×), the fit says so.
  await expect(page.locator('#fit')).toContainText(
    /\bs = \d\.\d{3} \((95% range \d\.\d{3}–\d\.\d{3}, by resampling the runs|its 95% range shrinks to the bound of [01]: the fit keeps s between 0 and 1|95% range under 0\.001 wide, by resampling the runs)\)|: slower than on 1 worker, which no serial fraction explains\./);
  // The fitted curve is drawn, with its range as a band where the text gives one; never a band
  // whose ends show alike ("s range 1.000–1.000" read as certainty).
  const labels = speedup.datasets.map((d) => d.label).join('|');
  expect(labels).toMatch(/Amdahl, fitted s = \d\.\d{3}/);
  if (/95% range \d/.test(await page.locator('#fit').textContent())) expect(labels).toMatch(/\|Amdahl, s range \d\.\d{3}–\d\.\d{3}/);
  expect(labels).not.toMatch(/s range (\d\.\d{3})–\1\b/);

  // Karp-Flatt panel: e(2) charted, with the note on what a rising e(k) means.
  await expect(page.locator('#karp-flatt')).toBeVisible();
  await expect(page.locator('#karp-flatt')).toContainText('rises');
  await expect(page.locator('#karp-flatt-description')).toContainText(/e\(k\): -?\d+\.\d{3} at 2/);
  const karp = await chartOf(page, '#karp-flatt-chart');
  expect(karp.datasets[0].data.map((p) => p.x)).toEqual([2]);

  // Timeline: one row per pool thread, plus the caller that runs the serial share.
  const timeline = page.getByRole('table', { name: /Timeline/ });
  await expect(timeline.locator('tbody tr')).toHaveCount(3);
  await expect(timeline.locator('tbody th')).toHaveText(['Thread 0', 'Thread 1', 'Caller']);
  // Computing bars drawn: the caller's serial share and the pool's chunks (a pool thread woken
  // late on a busy machine may have run none of them, so at least two).
  const bars = await chartOf(page, '#timeline-chart');
  expect(bars.drawn[0]).toBeGreaterThanOrEqual(2);
  await expect(page.locator('#timeline-description')).toContainText(/One run on 2 workers, [\d.]+ ms: Thread 0 (busy \d+%|ran no task)/);

  // Overheads, apart from the kernel.
  const overheads = await page.getByRole('table', { name: /Overheads/ }).locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  const { doc } = await exported(page);
  // What the timeline holds is fixed by the work, whatever the timings: the serial share is one
  // task on the caller, and the pool ran the same chunks on 2 workers as on 1.
  const poolTasks = (run) => run.timeline.spans.filter((span) => span.thread != null && span.kind === 'work').reduce((sum, span) => sum + span.tasks, 0);
  const [oneWorker, twoWorkers] = doc.runs;
  expect(twoWorkers.timeline.spans.filter((span) => span.thread == null).map(({ kind, tasks }) => ({ kind, tasks }))).toEqual([{ kind: 'work', tasks: 1 }]);
  expect(poolTasks(twoWorkers)).toBeGreaterThan(1);
  expect(poolTasks(twoWorkers)).toBe(poolTasks(oneWorker));
  // The Overheads table shows exactly what was measured and exported, point by point; dispatch
  // warm and cold each with its interval. A cold one is a region timed alone: on a timer of
  // steps of a microsecond or more it is given to the whole µs and marked, with the step said.
  const one = (v) => v.toFixed(1);
  const tickUs = doc.environment.timerResolution_ms * 1000;
  const cold = (r) => (tickUs >= 1
    ? `${r.dispatch_cold_us.toFixed(0)} (${r.dispatch_cold_low_us.toFixed(0)}–${r.dispatch_cold_high_us.toFixed(0)}) *`
    : `${one(r.dispatch_cold_us)} (${one(r.dispatch_cold_low_us)}–${one(r.dispatch_cold_high_us)})`);
  expect(overheads).toEqual(doc.runs.map((r) => [String(r.workers), one(r.instantiate_ms), one(r.pool_start_ms), one(r.prepare_ms),
    `${one(r.dispatch_us)} (${one(r.dispatch_low_us)}–${one(r.dispatch_high_us)})`, cold(r), one(r.median_ms)]));
  if (tickUs >= 1) await expect(page.locator('#overheads')).toContainText(`this browser's timer ticks in steps of ${Number(tickUs.toPrecision(3))} µs`);
  for (const run of doc.runs) {
    expect(run.samples).toBe(6);
    expect(run.ci_low_ms).toBeLessThanOrEqual(run.median_ms);
    expect(run.median_ms).toBeLessThanOrEqual(run.ci_high_ms);
    expect(run.ci_level).toBeGreaterThanOrEqual(0.95);
    expect(run.timer_coarse).toBe(false);
    expect(run.scaling).toBe('strong');
    for (const kind of ['', '_cold']) {
      expect(run[`dispatch${kind}_low_us`]).toBeGreaterThan(0);
      expect(run[`dispatch${kind}_low_us`]).toBeLessThanOrEqual(run[`dispatch${kind}_us`]);
      expect(run[`dispatch${kind}_us`]).toBeLessThanOrEqual(run[`dispatch${kind}_high_us`]);
    }
    expect(run.timeline.spans.length).toBeGreaterThan(0);
  }
  // Through two points Amdahl's law fits exactly, so e(2) is the fit's unclamped serial fraction
  // (a super-linear 2-worker point makes both negative, while the reported fit is clamped to 0).
  const fit = doc.fits.amdahl;
  expect(doc.runs[1].karp_flatt).toBeCloseTo(fit.raw_serial_fraction, 6);
  expect(fit.serial_fraction).toBe(Math.min(1, Math.max(0, fit.raw_serial_fraction)));
  expect(fit.model).toBe('amdahl');
  // And the chart says so: not "by least squares", unless s had to stop at 0 or 1.
  await expect(page.locator('#speedup-description')).toContainText(fit.raw_serial_fraction === fit.serial_fraction
    ? "Amdahl's law through the two worker counts gives s = " : "Amdahl's law fitted by least squares gives s = ");
  expect(fit.serial_fraction_low).toBeLessThanOrEqual(fit.serial_fraction);
  expect(fit.serial_fraction).toBeLessThanOrEqual(fit.serial_fraction_high);
  expect(doc.environment.timerCoarse).toBe(false);
});

test('weak scaling grows the problem with the workers and charts the scaled speedup against Gustafson', async ({ page }) => {
  const sum = workload('sum-of-squares');
  await open(page, quickQuery(sum, { workers: '1,2', repeats: '3' }));
  await page.getByRole('combobox', { name: 'Scaling' }).selectOption('weak');
  await expect(page.locator('#scaling-help')).toContainText('N (terms) grows so that the work grows k-fold');
  await page.getByRole('button', { name: 'Run' }).click();
  expect(await finished(page)).toBe('done');

  await expect(page.locator('#speedup-title')).toHaveText(/Scaled speedup/);
  await expect(page.locator('#fit')).toContainText(/Gustafson's law, fitted: serial fraction s = \d\.\d{3}/);
  // Extrapolated over the fit's range, not as one number the points cannot back.
  await expect(page.locator('#fit')).toContainText(/on \d+ workers \(four times the most measured\), (between \d+\.\d× and \d+\.\d× \(\d+\.\d× at the fitted s\)|about \d+\.\d×)\.( The fit includes k = [\d, ]+, past your \d+ logical cores, .* Gustafson's law does not describe that, so read s from the points within the cores\.)?$/);
  await expect(page.locator('#karp-flatt')).toBeHidden();
  await expect(page.locator('#karp-flatt-weak')).toBeVisible();
  const rows = await resultRows(page);
  expect(rows.map((r) => r.verified)).toEqual(['✓ verified', '✓ verified']);
  // Each row says which problem it ran: its time is not the 1-worker problem's.
  const n = sum.params[0].quick;
  expect(rows.map((r) => r.problem)).toEqual([`n = ${n / 1e6}M (×1)`, `n = ${(2 * n) / 1e6}M (×2)`]); // 30,000,000 written short, as 30M
  await expect(page.locator('#results-terms')).toHaveText(/^Problem: what this worker count ran, the problem grown with the workers, .* Efficiency: /);
  const chart = await chartOf(page, '#speedup-chart');
  expect(chart.datasets.map((d) => d.label).join('|')).toMatch(/Gustafson, fitted s/);

  const { doc } = await exported(page);
  const [one, two] = doc.runs;
  expect(one.params.n).toBe(sum.params[0].quick);
  expect(two.params.n).toBe(2 * sum.params[0].quick);
  expect(two.work_factor).toBe(2);
  expect(two.scaling).toBe('weak');
  expect(two.speedup).toBeCloseTo((2 * one.median_ms) / two.median_ms, 9);
  expect(doc.fits['sum-of-squares'].model).toBe('gustafson');
});

test('Auto repeats sample until the interval is tight or the budget runs out, and say which', async ({ page }) => {
  await open(page, quickQuery(workload('amdahl'), { workers: '1,2', repeats: 'auto', budget: '5' }));
  await expect(page.getByRole('combobox', { name: 'Repeats' })).toHaveValue('auto');
  await expect(page.getByRole('textbox', { name: 'Timed runs' })).toBeHidden();
  // The help speaks of the mode chosen: a fixed count's help described Auto as if it were on.
  const repeatsHelp = page.locator('#repeat-mode-help');
  await expect(repeatsHelp).toContainText('Auto then keeps timing until the 95% confidence interval');
  await page.getByRole('combobox', { name: 'Repeats' }).selectOption('fixed');
  await expect(repeatsHelp).toContainText('Then it is timed the number of times below');
  await page.getByRole('combobox', { name: 'Repeats' }).selectOption('auto');
  // Every status the sweep shows, recorded as it changes: a quick point may pass in less time
  // than a poll of the status would take to see it.
  await page.locator('#status').evaluate((status) => {
    window.statuses = [];
    new MutationObserver(() => window.statuses.push(status.textContent)).observe(status, { childList: true, characterData: true, subtree: true });
  });
  await page.getByRole('button', { name: 'Run' }).click();
  expect(await finished(page)).toBe('done');
  expect((await page.evaluate(() => window.statuses)).some((text) => /run \d+.*of 5 s budget/.test(text))).toBe(true);
  const { doc } = await exported(page);
  for (const run of doc.runs) {
    expect(run.repeat_mode).toBe('auto');
    // The reason given is the one its own samples imply: precise once six or more pin the median
    // to ±3%, else the sample cap, else the budget.
    const precise = run.samples >= AUTO.minSamples && relativeHalfWidth(run.samples_ms) <= AUTO.target;
    expect(run.stopped_by).toBe(precise ? 'precise' : run.samples >= AUTO.maxSamples ? 'max' : 'budget');
    if (precise) expect((run.ci_high_ms - run.ci_low_ms) / 2).toBeLessThanOrEqual(0.03 * run.median_ms);
  }

  // A budget out of range is refused, naming the field and the range.
  const budget = page.getByRole('textbox', { name: /Time budget/ });
  await budget.fill('0');
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.locator('#budget-error')).toHaveText('Time budget must be a number of seconds from 1 to 600 (got 0).');
  await expect(budget).toBeFocused();
});

test('the timeline counts each thread\'s tasks: the static schedule\'s fixed halves, work stealing\'s own split', async ({ page }) => {
  // What each thread ran is fixed by the schedule; how long it took is not (on a busy machine a
  // thread can sit preempted inside its cheap half for longer than the other's whole half), so
  // the busy times are only checked for being there. The kernel's own tests pin the work split.
  const tasks = {};
  for (const schedule of ['static', 'stealing']) {
    await open(page, quickQuery(workload('imbalanced'), { workers: '2', repeats: '1', schedule }));
    await page.getByRole('button', { name: 'Run' }).click();
    expect(await finished(page)).toBe('done');
    expect((await resultRows(page))[0].verified).toBe('✓ verified');
    const cells = await page.getByRole('table', { name: /Timeline/ }).locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [tr.cells[0].textContent, Number(tr.cells[1].textContent), Number(tr.cells[2].textContent)])); // thread, tasks, busy ms
    expect(cells.map(([thread]) => thread)).toEqual(['Thread 0', 'Thread 1']);
    for (const [, , busy] of cells) expect(busy).toBeGreaterThanOrEqual(0);
    tasks[schedule] = cells.map(([, count]) => count);
  }
  // Static: each thread its own block of the 64 items, the cheap first half and the costly second.
  expect(tasks.static).toEqual([32, 32]);
  // Stealing: the same 64 items, split however the threads took them.
  expect(tasks.stealing.reduce((a, b) => a + b)).toBe(64);
});

test('Grain sets how many items each task gets: the timeline counts the tasks', async ({ page }) => {
  await open(page, quickQuery(workload('sum-of-squares'), { n: '1000000', grain: '1000', workers: '2', repeats: '1' }));
  await page.getByRole('button', { name: 'Run' }).click();
  expect(await finished(page)).toBe('done');
  expect((await resultRows(page))[0].verified).toBe('✓ verified');
  const tasks = await page.getByRole('table', { name: /Timeline/ }).locator('tbody tr').evaluateAll((trs) =>
    trs.reduce((sum, tr) => sum + Number(tr.cells[1].textContent.replaceAll(',', '')), 0)); // cells: thread, tasks, ...
  expect(tasks).toBe(1000);
});

test('weak scaling past a size limit is refused before anything runs, at the field, keeping earlier results', async ({ page }) => {
  await open(page, quickQuery(workload('blur'), { workers: '1,2', repeats: '1', scaling: 'weak' }));
  await expect(page.getByRole('combobox', { name: 'Scaling' })).toHaveValue('weak');
  await page.getByRole('button', { name: 'Run' }).click();
  expect(await finished(page)).toBe('done');
  const before = await resultRows(page);
  const height = page.getByRole('textbox', { name: 'Height (px)', exact: true });
  await height.fill('10000');
  await page.getByRole('button', { name: 'Run' }).click();
  const message = 'Weak scaling to 2 workers needs Height = 20,000, above its maximum 16,384; choose a smaller Height or fewer workers.';
  await expect(page.locator('#status')).toHaveText(`Nothing was run. ${message}`);
  await expect(height).toHaveAttribute('aria-invalid', 'true');
  await expect(height).toBeFocused();
  await expect(page.locator('#param-height-error')).toHaveText(message);
  expect(await resultRows(page)).toEqual(before);
  // One worker needs no growth: the same height runs.
  await page.getByRole('textbox', { name: 'Workers', exact: true }).fill('1');
  await page.getByRole('button', { name: 'Run' }).click();
  expect(await finished(page)).toBe('done');
});

test('the amdahl workload draws the law for the s the reader set, and the laws can be drawn on past the workers measured', async ({ page }) => {
  await open(page, quickQuery(workload('amdahl'), { workers: '1,2', repeats: '2', serial_fraction: '0.3' }));
  await page.getByRole('button', { name: 'Run' }).click();
  expect(await finished(page)).toBe('done');
  const chosen = async () => (await chartOf(page, '#speedup-chart')).datasets.find((d) => d.label === 'Amdahl, your s = 0.3');
  // 1 / (0.3 + 0.7 / 2) = 1.54 at the last measured worker count.
  await expect.poll(async () => (await chosen())?.data.at(-1)).toEqual({ x: 2, y: expect.closeTo(1 / 0.65, 6) });
  await expect(page.locator('#fit')).toContainText(/You set s = 0\.3: Amdahl's law then allows 1\.54× on 2 workers, and \d+\.\d\d× was measured/);
  // The dashed ideal line is drawn over the measured one (a run that scales perfectly would hide
  // it), while the legend keeps the measurement first.
  const { topmost, legend } = await chartOf(page, '#speedup-chart');
  expect(topmost).toBe('Ideal (speedup = workers)');
  expect(legend.slice(0, 2)).toEqual([expect.stringMatching(/^Measured speedup/), 'Ideal (speedup = workers)']);

  await page.getByLabel('Draw the laws to').selectOption('64');
  await expect(page.locator('#speedup-description')).toContainText('The laws are drawn on to 64 workers, on a log scale, past the 2 measured.');
  // The set s's curve nears its ceiling 1/s = 3.33: 1 / (0.3 + 0.7 / 64) = 3.21 at 64 workers.
  await expect.poll(async () => (await chosen())?.data.at(-1).y).toBeCloseTo(1 / (0.3 + 0.7 / 64), 3);
  const scale = await page.locator('#speedup-chart').evaluate(async (canvas) => {
    const { Chart } = await import('/pkg/vendor/chartjs.js');
    const { x } = Chart.getChart(canvas).scales;
    return { type: x.type, max: x.max };
  });
  expect(scale).toEqual({ type: 'logarithmic', max: 64 });
  // Back to the measured range.
  await page.getByLabel('Draw the laws to').selectOption('');
  await expect(page.locator('#speedup-description')).not.toContainText('drawn on to');
});

test('a timeline with no tasks recorded says why and shows no table of idle threads', async ({ page }) => {
  // Sort's parallel work runs inside rayon's own routine: a table of threads at "0 … 0%" sat
  // under "No tasks were recorded".
  await open(page, quickQuery(workload('sort'), { workers: '1,2', repeats: '1' }));
  await page.getByRole('button', { name: 'Run' }).click();
  expect(await finished(page)).toBe('done');
  await expect(page.locator('#timeline-description')).toContainText('No tasks were recorded');
  await expect(page.locator('#timeline-table')).toBeHidden();
  // One run a point gives no interval, and the legend says so rather than "0% interval".
  expect((await chartOf(page, '#speedup-chart')).datasets[0].label).toBe('Measured speedup (one run a point: no interval)');
  // A workload whose tasks are recorded shows its table again in the same view.
  await page.getByRole('combobox', { name: 'Workload' }).selectOption('primes');
  await page.getByRole('textbox', { name: 'N (count primes below)', exact: true }).fill('100000');
  await page.getByRole('button', { name: 'Run' }).click();
  expect(await finished(page)).toBe('done');
  await expect(page.locator('#timeline-table')).toBeVisible();
});

test('runs too short for the timer give no speedup and no fit, and a note that says so', async ({ page }) => {
  // Primes with N = 2 ran under one 5 µs step: a student read "speedup Infinity× on 2 workers",
  // "NaN×", a fit of s = 1 and an interval "from NaN% below it to Infinity% above it".
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await open(page, '?workload=primes&n=2&workers=1,2&repeats=5');
  await page.getByRole('button', { name: 'Run' }).click();
  expect(await finished(page)).toBe('done');
  const { doc } = await exported(page);
  const step = doc.environment.timerResolution_ms;
  const short = doc.runs.filter((r) => r.median_ms < 10 * step);
  // What is short depends on the machine's moment; what is shown for it does not.
  for (const r of doc.runs) {
    const divided = short.includes(r) || short.some((s) => s.workers === 1);
    expect(r.speedup === null, `${r.workers} workers, median ${r.median_ms} ms`).toBe(divided);
  }
  const results = page.locator('#experiment .experiment-results');
  await expect(results).not.toContainText(/NaN|Infinity/);
  await expect(page.locator('#status')).not.toContainText(/NaN|Infinity/);
  const note = page.locator('#noise-note');
  if (short.length) await expect(note).toContainText('too short to time');
  if (short.some((s) => s.workers === 1)) {
    expect(doc.fits).toEqual({});
    await expect(page.locator('#speedup-description')).toContainText('too short for the timer to measure');
  }
  expect(errors).toEqual([]);
});

test('past the cores the timeline says its bars include time waiting for a core', async ({ page }) => {
  // Four threads "busy 96%" on two cores read as four computing at once. The browser here
  // reports 1 core, so 2 workers are past it.
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => 1 }));
  await open(page, quickQuery(workload('primes'), { workers: '1,2', repeats: '1' }));
  await page.getByRole('button', { name: 'Run' }).click();
  expect(await finished(page)).toBe('done');
  const { doc } = await exported(page);
  // Whether the two threads' work overlapped is the run's; what is said of it is not.
  const work = doc.runs[1].timeline.spans.filter((s) => s.thread != null && (s.kind ?? 'work') === 'work');
  const overlapped = work.some((a) => work.some((b) => a.thread !== b.thread && a.start_ms < b.end_ms && b.start_ms < a.end_ms));
  const said = /With more threads than the 1 logical core this browser reports, they took turns on the cores/;
  if (overlapped) await expect(page.locator('#timeline-description')).toContainText(said);
  else await expect(page.locator('#timeline-description')).not.toContainText(said);
  // The 1-worker run has one thread: nothing to say.
  await page.getByRole('combobox', { name: 'Show the run with' }).selectOption({ label: '1 worker' });
  await expect(page.locator('#timeline-description')).toContainText('One run on 1 worker');
  await expect(page.locator('#timeline-description')).not.toContainText(said);
});

test('a fit through worker counts past the cores says so in the chart\'s legend, where a projector\'s audience reads it', async ({ page }) => {
  // Primes on 1-4 workers of 2 cores read "Amdahl, fitted s = 0.356" in the legend, for a workload with no serial part.
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => 2 }));
  await open(page, quickQuery(workload('primes'), { workers: '1-3', repeats: '1' }));
  await page.getByRole('button', { name: 'Run' }).click();
  expect(await finished(page)).toBe('done');
  const labels = (await chartOf(page, '#speedup-chart')).datasets.map((d) => d.label);
  expect(labels).toContainEqual(expect.stringMatching(/^Amdahl, fitted s = \d\.\d{3} \(includes k past your 2 cores: see below\)$/));
  // Within the cores the legend is as it was.
  await page.getByRole('textbox', { name: 'Workers', exact: true }).fill('1,2');
  await page.getByRole('button', { name: 'Run' }).click();
  expect(await finished(page)).toBe('done');
  expect((await chartOf(page, '#speedup-chart')).datasets.map((d) => d.label)).toContainEqual(expect.stringMatching(/^Amdahl, fitted s = \d\.\d{3}$/));
});
