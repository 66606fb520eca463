// The seed articles' experiments, live: the shared counter's race, Monte Carlo's seeding, the
// global lock's turns and message passing's delivery. Each test asserts only what is certain:
// whether a race loses updates on a given run is luck, so the tests check its bookkeeping
// (lost = expected − actual, never more counted than asked) and that one worker loses nothing.
import { expect, exported, finished, open, resultRows, test } from './fixtures.mjs';

/** The last cell of every row of the Results table: its check. */
const checkCells = (page) => page.locator('#results-table tbody tr td.check').allTextContents();

/** The id of the first thing the results show. */
const firstShown = (page) => page.locator('#results-body > :not([hidden])').first().getAttribute('id');

async function runSweep(page, query) {
  await open(page, query);
  await page.getByRole('button', { name: 'Run' }).click();
  expect(await finished(page)).toBe('done');
}

test('shared counter: the race is a demonstration with exact bookkeeping; atomic, mutex and local are exact', async ({ page }) => {
  await runSweep(page, '?workload=shared-counter&increments=200000&workers=2&vary=mode&mode=unsynchronised,atomic,mutex,local&repeats=2');
  const checks = await checkCells(page);
  expect(checks[0]).toMatch(/^◇ demonstrates: /);
  expect(checks.slice(1)).toEqual(['✓ verified', '✓ verified', '✓ verified']);
  // The line that ends the sweep says what it found: the fastest mode, and the demonstration.
  await expect(page.locator('#status')).toContainText(/^Done: .+, 4 values of Mode on 2 workers, 2 repeats each: fastest at Mode = (unsynchronised|atomic|mutex|local) \([\d.]+ (ms|µs)\)(, though .+ (is|are) within the noise of it)?, 1 of 4 results is a demonstration \(see the Check column\)\./);
  await expect(page.locator('#extra-counter-table tbody tr')).toHaveCount(4);
  // A demonstration's point is what it counted: the counter's table leads the results.
  expect(await firstShown(page)).toBe('extras');

  const { doc } = await exported(page);
  expect(doc.runs.map((r) => [r.params.mode, r.check_kind, r.verified])).toEqual([
    ['unsynchronised', 'demonstration', false], ['atomic', 'exact', true], ['mutex', 'exact', true], ['local', 'exact', true],
  ]);
  const [race, ...exact] = doc.runs;
  expect(race.demonstrates).toMatch(/lost/);
  expect(race.counter.expected).toBe(200000);
  expect(race.counter.actual).toBeLessThanOrEqual(race.counter.expected);
  expect(race.counter.lost).toBe(race.counter.expected - race.counter.actual);
  for (const run of exact) expect(run.counter).toEqual({ expected: 200000, actual: 200000, lost: 0 });
});

test('shared counter: one worker never loses an update, even unsynchronised', async ({ page }) => {
  await runSweep(page, '?workload=shared-counter&mode=unsynchronised&increments=300000&workers=1&repeats=3');
  expect((await resultRows(page))[0].verified).toMatch(/^◇ demonstrates: no updates? lost/);
  const { doc } = await exported(page);
  expect(doc.runs[0].counter).toEqual({ expected: 300000, actual: 300000, lost: 0 });
});

test('Monte Carlo seeding: per-chunk is identical at every worker count; per-worker and same-seed demonstrate why', async ({ page }) => {
  const samples = 4 * 1048576;
  await runSweep(page, `?workload=monte-carlo-pi&samples=${samples}&seeding=per-chunk&workers=1,2&repeats=1`);
  expect(await checkCells(page)).toEqual(['✓ verified', '✓ verified']);
  await expect(page.locator('#details-body')).toContainText('Identical result at every worker count');
  expect(await firstShown(page)).toBe('speedup-figure'); // nothing here is wrong by design: the speedup leads
  let { doc } = await exported(page);
  expect(doc.runs.map((r) => [r.check_kind, r.estimate.distinct_samples])).toEqual([['statistical', samples], ['statistical', samples]]);
  // The standard error reads as a decimal to three figures, as the file has it ("3.67e-4" read as code).
  const error = page.locator('#extra-estimate-table tbody tr').first().locator('td').last();
  await expect(error).toHaveText(String(Number(doc.runs[0].estimate.standard_error.toPrecision(3))));
  await expect(error).toHaveText(/^0\.000\d+$/);

  // Each worker seeds its own stream: the estimate is a demonstration, checked against π only.
  await runSweep(page, `?workload=monte-carlo-pi&samples=${samples}&seeding=per-worker&workers=1,2&repeats=1`);
  for (const text of await checkCells(page)) expect(text).toMatch(/^◇ demonstrates: /);
  await expect(page.locator('#extra-estimate-table tbody tr')).toHaveCount(2);

  // Every worker draws the same stream: on 2 workers only half the samples are distinct.
  await runSweep(page, `?workload=monte-carlo-pi&samples=${samples}&seeding=same-seed&workers=2&repeats=1`);
  ({ doc } = await exported(page));
  expect(doc.runs[0]).toMatchObject({ check_kind: 'demonstration', verified: false });
  expect(doc.runs[0].estimate.distinct_samples).toBe(samples / 2);
});

test('global lock: the timeline shows threads waiting for the lock, and waiting outside it', async ({ page }) => {
  await runSweep(page, '?workload=global-lock&items=40&steps=200000&waiting=0&lock=global&hold=1&workers=2&repeats=1');
  expect((await resultRows(page))[0].verified).toBe('✓ verified');
  await expect(page.locator('#timeline-table thead')).toContainText('Waiting for the lock (ms)');
  let { doc } = await exported(page);
  let spans = doc.runs[0].timeline.spans;
  expect(spans.some((s) => s.kind === 'lock')).toBe(true);
  // Under one lock, held for one item at a time, no two threads ever compute at once. Each Web
  // Worker reads its own clock (timeOrigin + now, coarsened), so bars may seem to touch by a few
  // microseconds; two items computed at once would overlap by most of an item (200,000 steps).
  const SLACK_MS = 0.05;
  const work = spans.filter((s) => s.kind === 'work' && s.thread != null);
  for (const a of work) {
    for (const b of work) {
      if (a.thread !== b.thread) expect(Math.min(a.end_ms, b.end_ms) - Math.max(a.start_ms, b.start_ms)).toBeLessThan(SLACK_MS);
    }
  }
  // Forty turns drawn over the whole run are hard to tell apart: the timeline zooms, from the
  // keyboard too, and its window slides along the run.
  const { start_ms: start, end_ms: end } = doc.runs[0].timeline;
  const axis = () => page.locator('#timeline-chart').evaluate(async (canvas) => {
    const { Chart } = await import('/pkg/vendor/chartjs.js');
    const { min, max } = Chart.getChart(canvas).scales.x;
    return [min, max];
  });
  const window = page.getByRole('slider', { name: 'Window' });
  await expect(window).toBeHidden();
  await page.getByRole('combobox', { name: 'Zoom' }).selectOption('16');
  // From the whole run, the zoomed window opens on its middle, where the turns have settled.
  const total = end - start;
  await expect(page.locator('#timeline-description')).toContainText(` Shown: ${((total * 15) / 32).toFixed(1)} to ${((total * 17) / 32).toFixed(1)} ms of it.`);
  await expect.poll(axis).toEqual([expect.closeTo((total * 15) / 32, 6), expect.closeTo((total * 17) / 32, 6)]);
  await window.focus();
  await page.keyboard.press('End');
  await expect(page.locator('#timeline-description')).toContainText(` to ${(end - start).toFixed(1)} ms of it.`);
  await expect(window).toHaveAttribute('aria-valuetext', `${((15 * (end - start)) / 16).toFixed(1)} to ${(end - start).toFixed(1)} ms`);
  await expect.poll(axis).toEqual([expect.closeTo((15 * (end - start)) / 16, 6), expect.closeTo(end - start, 6)]);
  await page.getByRole('combobox', { name: 'Zoom' }).selectOption('1');
  await expect(window).toBeHidden();
  await expect(page.locator('#timeline-description')).not.toContainText('Shown:');
  await page.getByRole('combobox', { name: 'Zoom' }).selectOption('4');

  await runSweep(page, '?workload=global-lock&items=20&steps=100000&waiting=1&lock=global&hold=1&workers=2&repeats=1');
  await expect(page.locator('#timeline-table thead')).toContainText('Waiting (I/O or data) (ms)');
  await expect(page.getByRole('combobox', { name: 'Zoom' })).toHaveValue('1'); // a new sweep is shown whole
  ({ doc } = await exported(page));
  spans = doc.runs[0].timeline.spans;
  expect(spans.some((s) => s.kind === 'wait')).toBe(true);
});

for (const delivery of ['share', 'copy', 'transfer']) {
  test(`message passing (${delivery}): every worker gets its slice, sums it, and the sum matches its closed form`, async ({ page }) => {
    await runSweep(page, `?workload=message-passing&size=4&delivery=${delivery}&workers=1,2&repeats=2`);
    expect(await checkCells(page)).toEqual(['✓ verified', '✓ verified']);
    await expect(page.locator('#extra-delivery-table tbody tr')).toHaveCount(2);
    await expect(page.locator('#speedup-chart')).toBeVisible();
    const { doc } = await exported(page);
    for (const run of doc.runs) {
      expect(run.delivery).toMatchObject({ mode: delivery, bytes: 4 << 20, copied_bytes: delivery === 'copy' ? 4 << 20 : 0 });
      // The traced round: the sender's posting on the caller row, then every worker waited for
      // its slice and summed it.
      const { threads, spans } = run.timeline;
      expect(threads).toBe(run.workers);
      expect(spans.filter((s) => s.thread == null)).toHaveLength(1);
      for (let t = 0; t < threads; t++) {
        expect(spans.filter((s) => s.thread === t).map((s) => s.kind)).toEqual(['wait', 'work']);
      }
      // Every worker's times on the sender's clock: inside the round, and no part of it negative
      // (a worker's clock set off had given a way back of -0.73 ms).
      for (const s of spans) expect([s.start_ms >= run.timeline.start_ms, s.start_ms <= s.end_ms, s.end_ms <= run.timeline.end_ms]).toEqual([true, true, true]);
      for (const part of ['delivery_ms', 'sum_ms', 'return_ms']) expect(run.delivery[part]).toBeGreaterThanOrEqual(0);
    }
    // The same data at every worker count: the same sum.
    expect(doc.runs[0].digest).toBe(doc.runs[1].digest);
    // Every colour of the timeline is in its legend: the caller's too (it read as a shade of waiting).
    const legend = await page.locator('#timeline-chart').evaluate(async (canvas) => {
      const { Chart } = await import('/pkg/vendor/chartjs.js');
      return Chart.getChart(canvas).legend.legendItems.map((item) => item.text);
    });
    expect(legend).toEqual(['Computing', 'Computing, on the caller', 'Waiting (I/O or data)']);
  });
}

test('message passing swept over its delivery: the delivery table names each mode once, in its first column', async ({ page }) => {
  await runSweep(page, '?workload=message-passing&size=4&workers=2&vary=delivery&delivery=share,copy&repeats=1');
  const table = page.locator('#extra-delivery-table');
  // Not "Delivery | Mode" with "share | share": the row's name is the mode.
  await expect(table.locator('thead th')).toHaveText(['Delivery', 'Delivery (ms)', 'Copy rate (MB/s)', 'Copied (MB)', 'Summing (ms)', 'Way back (ms)']);
  await expect(table.locator('tbody th')).toHaveText(['share', 'copy']);
  await expect(table.locator('tbody tr').first().locator('td').nth(1)).toHaveText('— (nothing copied)');
  // The timeline's caption names the value its run had, as its menu does.
  await expect(page.locator('#timeline-description')).toContainText(/One run with Delivery = copy on 2 workers, [\d.]+ ms: /);
  // With the Caller row the chart and the table show, where the data was packed.
  await expect(page.locator('#timeline-description')).toContainText(/; Caller busy \d+%, done at [\d.]+ ms\.$/);
});
