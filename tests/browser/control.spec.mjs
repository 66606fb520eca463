// Cancel, bad input, kernel faults, export, keyboard and phone use: what keeps the page usable.
import AxeBuilder from '@axe-core/playwright';
import { catalogue, expect, exported, finished, open, quickQuery, quickValue, resultRows, statusShows, test, withoutServiceWorkers } from './fixtures.mjs';

const primes = catalogue.workloads.find((w) => w.id === 'primes');

test('Cancel mid-sweep stops the workers at once, and the next Run succeeds', async ({ page }) => {
  const started = [];
  // The sweep's workers: not the page's shared-memory probe or its locale worker, which
  // answered and ended at load.
  page.on('worker', (worker) => {
    if (!/\/(memory-probe|locale)-worker\.js$/.test(worker.url())) started.push(worker);
  });
  // Default size: seconds of work, so the sweep is surely mid-way when Cancel is pressed.
  await open(page, `?workload=primes&workers=1,2&repeats=5`);
  await page.getByRole('button', { name: 'Run' }).click();
  // Seen the moment it shows: one run of this size may be shorter than a poll interval.
  await statusShows(page, /1 worker .*repeat 1 of 5/);
  const closed = Promise.all(started.map((w) => new Promise((resolve) => w.once('close', resolve))));
  await page.getByRole('button', { name: 'Cancel' }).click();
  expect(await finished(page)).toBe('cancelled');
  await closed; // the compute worker and its pool threads were terminated
  await expect(page.locator('#status')).toContainText('Cancelled');
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeDisabled();

  for (const [name, value] of Object.entries({ 'N (count primes below)': '100000', 'Timed runs': '1' })) {
    await page.getByRole('textbox', { name, exact: true }).fill(value);
  }
  await page.getByRole('button', { name: 'Run' }).click();
  expect(await finished(page)).toBe('done');
  expect((await resultRows(page)).map((r) => r.verified)).toEqual(['✓ verified', '✓ verified']);
});

test('a long sweep says, while it runs, at least how long it still needs at its pace, not read out', async ({ page }) => {
  // About 4 s a run on 1 worker here: 101 runs on 1 worker and 101 on 2 are at least 5 min at any
  // speed this kind of machine has, far past the 2 min from which the time left is said.
  await open(page, '?workload=amdahl&work=4000000000&serial_fraction=0&workers=1,2&repeats=100');
  await page.getByRole('button', { name: 'Run' }).click();
  // Said once the warm-up has been timed, beside the phase.
  // Every form the estimate takes (a run slowed sixfold by a busy machine makes it hours, and
  // from an hour on the page adds that Cancel keeps what was measured).
  await statusShows(page, /1 worker \(1 of 2\), repeat 1 of 100 \(at least (\d+ min|\d+ h( \d+ min)?|\d+ days?( \d+ h)?) left at this pace(: Cancel stops it[^)]*)?\)…/);
  await expect(page.locator('#status [aria-hidden="true"]')).toContainText('left at this pace');
  // Runs this long are each announced: the worker goes quiet only between runs shorter than a second.
  await statusShows(page, /1 worker \(1 of 2\), repeat 2 of 100 \(at least .* left at this pace/);
  await page.getByRole('button', { name: 'Cancel' }).click();
  expect(await finished(page)).toBe('cancelled');
});

test('a screen reader hears a sweep point by point, not run by run: the phase is shown, not read out', async ({ page }) => {
  await open(page, quickQuery(primes, { workers: '1,2', repeats: '3' }));
  // What the status's live part said, each change recorded as it happened.
  await page.locator('#status').evaluate((status) => {
    window.heard = [];
    new MutationObserver(() => {
      const text = [...status.childNodes].filter((n) => !(n instanceof Element && n.getAttribute('aria-hidden') === 'true')).map((n) => n.textContent).join('');
      if (text !== window.heard.at(-1)) window.heard.push(text);
    }).observe(status, { childList: true, characterData: true, subtree: true });
  });
  await page.getByRole('button', { name: 'Run' }).click();
  expect(await finished(page)).toBe('done');
  await expect(page.locator('#status')).toContainText(/^Done: /);
  const all = await page.evaluate(() => window.heard);
  expect(all.filter((t) => !t.startsWith('Done'))).toEqual([`${primes.title}: 1 worker (1 of 2)`, `${primes.title}: 2 workers (2 of 2)`]);
  // The end is said once, with where the sweep was kept (a status is read out whole).
  const done = all.filter((t) => t.startsWith('Done'));
  expect(done).toHaveLength(1);
  expect(done[0]).toContain('Saved in your results library');
  // ... and says what the sweep found, for a reader who cannot see the chart.
  expect(done[0]).toMatch(/^Done: .+, 2 worker counts, 3 repeats each: speedup \d+\.\d\d× on 2 workers, both results verified\. Saved in/);
});

test('where the browser refuses storage, a finished sweep says it is not saved, not that it is', async ({ page }) => {
  await page.addInitScript(() => {
    IDBFactory.prototype.open = () => { throw new DOMException('IndexedDB disabled', 'InvalidStateError'); };
  });
  await open(page, quickQuery(primes, { workers: '1,2', repeats: '1' }));
  await page.getByRole('button', { name: 'Run' }).click();
  expect(await finished(page)).toBe('done');
  await expect(page.locator('#status')).toContainText('Not saved: this browser refuses storage (a private window?), so this sweep lasts until the page is closed; Export JSON keeps it.');
  await expect(page.locator('#status')).not.toContainText('Saved in your');
});

test('a link asking for what the page does not have says so, instead of quietly setting something else', async ({ page }) => {
  await open(page, '?workload=nope&n=100000&n=200000&foo=bar&vary=bogus&scaling=sideways&workers=1,2');
  await expect(page.locator('#status')).toHaveText(`This link asked for what this page does not have: workload “nope” (showing ${primes.title} instead); ` +
    `vary=bogus (no such parameter of ${primes.title}); scaling=sideways (strong or weak; strong is set); n given twice (the first is set); ` +
    `foo (not a setting of ${primes.title}). The rest of it is set.`);
  // The link's number is shown as a default would be, with its thousands marked.
  await expect(page.getByRole('textbox', { name: 'N (count primes below)', exact: true })).toHaveValue('100,000');
  // A plain link says nothing.
  await open(page, '?workload=primes&n=100000&workers=1,2');
  await expect(page.locator('#status')).toBeEmpty();
});

test('a sweep cancelled part-way over a complete one offers the complete one back', async ({ page }) => {
  await open(page, quickQuery(primes, { workers: '1,2,3', repeats: '1' }));
  await page.getByRole('button', { name: 'Run' }).click();
  expect(await finished(page)).toBe('done');
  const complete = await resultRows(page);
  expect(complete).toHaveLength(3);
  // Default size and five repeats: seconds per point, so Cancel lands on the second point.
  const n = primes.params.find((p) => p.name === 'n');
  await page.getByRole('textbox', { name: 'N (count primes below)', exact: true }).fill(String(n.default));
  await page.getByRole('textbox', { name: 'Timed runs', exact: true }).fill('5');
  await page.getByRole('button', { name: 'Run' }).click();
  await statusShows(page, /2 workers \(2 of 3\)/);
  // The new sweep's first point has replaced the old results: they are no longer marked as the last sweep's.
  await expect(page.locator('#previous-note')).toBeHidden();
  await page.getByRole('button', { name: 'Cancel' }).click();
  expect(await finished(page)).toBe('cancelled');
  expect(await resultRows(page)).toHaveLength(1); // the stopped sweep's one point
  await page.getByRole('button', { name: 'Show the previous sweep again' }).click();
  await expect(page.locator('#status')).toContainText('The previous sweep is shown again');
  expect(await resultRows(page)).toEqual(complete);
  await expect(page.locator('#experiment')).toHaveAttribute('data-state', 'done');
  const { doc } = await exported(page);
  expect(doc.runs.map((r) => [r.workers, r.params.n])).toEqual([1, 2, 3].map((k) => [k, Number(quickValue(n))]));
  // The form and the address are the shown sweep's again, not the stopped one's, so a reload finds it.
  const nField = page.getByRole('textbox', { name: 'N (count primes below)', exact: true });
  await expect(nField).toHaveValue(Number(quickValue(n)).toLocaleString('en-US'));
  await expect(page.getByRole('textbox', { name: 'Timed runs', exact: true })).toHaveValue('1');
  expect(new URL(page.url()).searchParams.get('n')).toBe(String(quickValue(n)));
  await page.reload();
  await expect(page.locator('#status')).toContainText('Your last run');
  expect(await resultRows(page)).toEqual(complete);
  await nField.fill(String(n.default));
  await page.getByRole('textbox', { name: 'Timed runs', exact: true }).fill('5');
  // Cancelled before its first point, a sweep has nothing to show: it says the results are the previous ones.
  await page.getByRole('button', { name: 'Run' }).click();
  await statusShows(page, /1 worker \(1 of 3\)/);
  // Until then the last sweep's results stay up, faded and marked as such.
  await expect(page.locator('#previous-note')).toHaveText('These are the last sweep\'s results: the new sweep replaces them when its first point is measured.');
  await expect(page.locator('#results-body')).toHaveClass(/is-previous/);
  // Marked, not faded: their text keeps its contrast (at half opacity it fell to 2.1:1).
  const faded = await new AxeBuilder({ page }).include('#results-body').withRules(['color-contrast']).analyze();
  expect(faded.violations.flatMap((v) => v.nodes.map((node) => node.target.join(' ')))).toEqual([]);
  await page.getByRole('button', { name: 'Cancel' }).click();
  expect(await finished(page)).toBe('cancelled');
  await expect(page.locator('#previous-note')).toBeHidden();
  await expect(page.locator('#results-body')).not.toHaveClass(/is-previous/);
  await expect(page.locator('#status')).toHaveText('Cancelled before its first point was measured: the results shown are still the previous sweep\'s.');
  expect(await resultRows(page)).toEqual(complete);
  // And a reload shows them again: the address had kept the stopped sweep's settings.
  await page.reload();
  await expect(page.locator('#status')).toContainText('Your last run');
  expect(await resultRows(page)).toEqual(complete);
});

test('bad input names the field and its range, runs nothing, and keeps earlier results', async ({ page }) => {
  await open(page, quickQuery(primes, { workers: '1,2', repeats: '1' }));
  await page.getByRole('button', { name: 'Run' }).click();
  expect(await finished(page)).toBe('done');
  const before = await resultRows(page);
  let workersStarted = 0;
  page.on('worker', () => workersStarted++);

  const cases = [
    ['Workers', '0', '#workers-error', /Workers: 0 is out of range; use whole numbers from 1 to \d+/],
    ['Workers', 'many', '#workers-error', /"many" is not a number/],
    ['N (count primes below)', '1', '#param-n-error', /N \(count primes below\) must be from 2 to 100,000,000 \(got 1\)/],
    ['N (count primes below)', 'abc', '#param-n-error', /must be a number from 2 to 100,000,000/],
    ['Timed runs', '0', '#repeats-error', /Timed runs must be a whole number from 1 to 100 \(got 0\)\./],
    ['Timed runs', 'six', '#repeats-error', /Timed runs must be a whole number from 1 to 100\.$/],
  ];
  for (const [label, value, errorBox, message] of cases) {
    await page.reload();
    await expect(page.locator('#experiment')).toHaveAttribute('data-state', 'idle');
    // Reload clears results: run once more so there is something to keep.
    await page.getByRole('button', { name: 'Run' }).click();
    expect(await finished(page)).toBe('done');
    const shown = await resultRows(page);
    workersStarted = 0;

    const input = page.getByRole('textbox', { name: label, exact: true });
    await input.fill(value);
    await page.getByRole('button', { name: 'Run' }).click();
    await expect(page.locator(errorBox)).toHaveText(message);
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    await expect(input).toBeFocused();
    await expect(page.locator('#status')).toContainText('Nothing was run');
    expect(await page.evaluate(() => document.querySelector('#experiment').dataset.state)).toBe('done');
    expect(workersStarted).toBe(0);
    expect((await resultRows(page)).map((r) => r.workers)).toEqual(shown.map((r) => r.workers));
  }
  expect(before.length).toBe(2);
  // Refused under another workload, the status says whose results are still on screen. The
  // reload shows the last sweep again from the library, which takes a moment: its rows first
  // (a second run in a fresh clone refused before they were back, and named no results).
  await page.reload();
  await expect(page.locator('#results-table tbody tr')).toHaveCount(before.length);
  await page.getByLabel('Workload').selectOption('mandelbrot');
  await page.getByRole('textbox', { name: 'Width (px)', exact: true }).fill('wide');
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.locator('#status')).toHaveText(/^Nothing was run\. Width must be a number.* The results below are still your last sweep, of Prime counting\.$/);
});

test('another workload chosen after a refused field: the refusal goes with the old fields, and the new form runs', async ({ page }) => {
  const mandelbrot = catalogue.workloads.find((w) => w.id === 'mandelbrot');
  await open(page, quickQuery(mandelbrot, { workers: '1', repeats: '1' }));
  const width = page.getByRole('textbox', { name: 'Width (px)', exact: true });
  await width.fill('wide');
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.locator('#status')).toHaveText(/^Nothing was run\. Width must be a number/);
  // Edited again and left uncommitted when the workload changes: its change fired as the old
  // fields went, and read the new workload's fields before they were there (a page error).
  await width.fill('wider');
  await page.getByLabel('Workload').selectOption('sort');
  await expect(page.locator('#status')).toHaveText('');
  await expect(width).toHaveCount(0);
  await page.getByRole('button', { name: 'Run' }).click();
  expect(await finished(page)).toBe('done');
});

test('bad parameters cross the wasm boundary as Errors with their kind and field, not only a sentence', async ({ page }) => {
  await open(page);
  // The kernels in a worker of their own, as the compute worker has them (the page's main thread
  // never calls wasm), each call's thrown Error read property by property. The policy lets
  // workers start from this origin only, so the test's script is served at a path of it, with
  // the headers the server gives a worker script of its own.
  const kernels = await page.evaluate(async () => (await import('./js/catalogue.js')).kernelsUrl());
  const script = new URL('/kernel-errors.test.js', page.url()).href;
  await page.route(script, async (route) => {
    const own = await route.fetch({ url: new URL('/js/locale-worker.js', page.url()).href });
    const headers = Object.fromEntries(Object.entries(own.headers()).filter(([name]) => !/^content-(encoding|length)$/.test(name)));
    await route.fulfill({ status: 200, headers, contentType: 'text/javascript', body: `
      const kernels = await import(${JSON.stringify(kernels)});
      await kernels.default();
      const caught = (call) => {
        try {
          call();
          return null;
        } catch (e) {
          const { kind, field, given, allowed, message } = e;
          return { isError: e instanceof Error, kind, field, given, allowed, message };
        }
      };
      postMessage([
        caught(() => kernels.prepare('primes', { n: 0 })),
        caught(() => kernels.scaledParams('primes', { n: 'many' }, 1)),
        caught(() => kernels.prepare('primes', { m: 5 })),
        caught(() => kernels.prepare('nope', {})),
        caught(() => kernels.prepare('primes', [1])),
        caught(() => kernels.scaledParams('matmul', { n: 4000 }, 2)),
        caught(() => kernels.prepare('message-passing', {})),
        caught(() => kernels.scaledParams('mandelbrot', { width: 64 }, 1)),
      ]);` });
  });
  const thrown = await page.evaluate(async (url) => {
    const worker = new Worker(url, { type: 'module' });
    try {
      return await new Promise((resolve, reject) => {
        worker.onmessage = ({ data }) => resolve(data);
        worker.onerror = (event) => reject(new Error(event.message));
      });
    } finally {
      worker.terminate();
    }
  }, script);
  const error = (kind, field, given, allowed, message) => ({ isError: true, kind, field, given, allowed, message });
  expect(thrown).toEqual([
    error('invalid-param', 'n', '0', '2 to 100,000,000', 'N (count primes below) must be from 2 to 100,000,000 (got 0)'),
    error('invalid-param', 'n', '"many"', '2 to 100,000,000', 'parameter \'n\' must be a number (got "many")'),
    error('unknown-param', 'm', undefined, 'n, grain', 'unknown parameter \'m\'; valid parameters: n, grain'),
    expect.objectContaining({ isError: true, kind: 'unknown-workload', field: undefined, given: 'nope' }),
    expect.objectContaining({ isError: true, kind: 'invalid-param', field: 'params' }),
    expect.objectContaining({ kind: 'invalid-param', field: 'n', given: '5,040', message: expect.stringContaining('above its maximum 4,096') }),
    expect.objectContaining({ kind: 'unsupported', field: undefined, message: 'message-passing runs in plain Web Workers, not on the wasm thread pool' }),
    null,
  ]);
});

const sha256 = catalogue.workloads.find((w) => w.id === 'sha256');
const tooMuch = 'Buffers (M) × Buffer size (S) must be at most 536,870,912 (512 MiB); 64 × 16,777,216 is 1,073,741,824: make one of them smaller';

test('two parameters past their bound together are refused before anything runs, at the field the bound names', async ({ page }) => {
  await open(page, quickQuery(sha256, { workers: '1', repeats: '1' }));
  await page.getByRole('button', { name: 'Run' }).click();
  expect(await finished(page)).toBe('done');
  const before = await resultRows(page);
  // Each field in its range, their product (1 GiB of buffers) not.
  await page.locator('#param-buffers').fill('64');
  await page.locator('#param-size').fill('16777216');
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.locator('#status')).toHaveText(`Nothing was run. ${tooMuch}.`);
  await expect(page.locator('#param-size')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#param-size')).toBeFocused();
  await expect(page.locator('#param-size-error')).toHaveText(`${tooMuch}.`);
  expect(await resultRows(page)).toEqual(before);
  // A sweep over sizes is refused whole, not after the sizes that fit have run.
  await open(page, quickQuery(sha256, { buffers: '64', size: '16384,16777216', vary: 'size', workers: '1', repeats: '1' }));
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.locator('#param-size-error')).toHaveText(`${tooMuch}.`);
  await expect(page.locator('#results-table tbody tr')).toHaveCount(0);
});

test('a parameter the kernels refuse mid-sweep is marked at its field, focused, and unmarked when a parameter changes', async ({ page }) => {
  // A page whose catalogue lacks the bound (an older page, say) lets it through; the kernels
  // refuse it themselves.
  await page.route('**/pkg/catalogue.json', async (route) => {
    const response = await route.fetch();
    const doc = await response.json();
    for (const w of doc.workloads) delete w.limits;
    await route.fulfill({ response, json: doc });
  });
  await open(page, quickQuery(sha256, { buffers: '64', size: '16777216', workers: '1', repeats: '1' }));
  await page.getByRole('button', { name: 'Run' }).click();
  expect(await finished(page)).toBe('failed');
  await expect(page.locator('#error')).toContainText(`The run with 1 worker failed: ${tooMuch}`);
  await expect(page.locator('#param-size')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#param-size-error')).toHaveText(new RegExp(`^${tooMuch.replace(/[()]/g, '\\$&')}`));
  await expect(page.locator('#param-size')).toBeFocused(); // as bad input before a run
  // The verdict was on those values: changing one takes it back.
  await page.locator('#param-buffers').fill('4');
  await expect(page.locator('#param-size')).toHaveAttribute('aria-invalid', 'false');
  await expect(page.locator('#param-size-error')).toBeHidden();
});

for (const [fault, message] of [
  ['panic', /the kernel panicked: [\s\S]*injected fault in task 63/],
  ['oom', /out of memory: an allocation of 1024 MB failed/],
]) {
  test.describe(`a kernel ${fault}`, () => {
    // The trapped pool thread reports an uncaught RuntimeError in its own worker.
    test.use({ allowedErrors: [/unreachable|RuntimeError|Uncaught/i] });
    test(`is reported and the next Run works without a reload`, async ({ page }) => {
      await open(page, quickQuery(primes, { workers: '2', repeats: '1', fault }));
      await page.getByRole('button', { name: 'Run' }).click();
      expect(await finished(page)).toBe('failed');
      await expect(page.getByRole('alert').filter({ hasText: 'failed' })).toContainText(message);
      await expect(page.getByRole('button', { name: 'Run' })).toBeEnabled();

      await page.getByRole('button', { name: 'Run' }).click();
      expect(await finished(page)).toBe('done');
      expect((await resultRows(page)).map((r) => r.verified)).toEqual(['✓ verified']);
    });
  });
}

test.describe('kernels rebuilt since the page was opened', () => {
  test.use({ allowedErrors: [/404|Failed to fetch dynamically imported module/i] });
  test('are reported with what to do, and earlier results stay', async ({ page }) => {
    await open(page, quickQuery(primes, { workers: '1', repeats: '1' }));
    await page.getByRole('button', { name: 'Run' }).click();
    expect(await finished(page)).toBe('done');
    // The server answers 404 for a build id that is no longer the current one.
    await page.route('**/build/**', (route) => route.fulfill({ status: 404, body: 'not the current build of the kernels: reload the page' }));
    await page.getByRole('button', { name: 'Run' }).click();
    expect(await finished(page)).toBe('failed');
    await expect(page.getByRole('alert').filter({ hasText: 'failed' })).toContainText('if they were rebuilt since this page was opened, reload the page');
    expect((await resultRows(page)).map((r) => r.verified)).toEqual(['✓ verified']);
  });
});

test('Export JSON downloads the results in the documented format', async ({ page }) => {
  await open(page, quickQuery(primes, { workers: '1,2', repeats: '3' }));
  await expect(page.getByRole('button', { name: 'Export JSON' })).toBeDisabled();
  await page.getByRole('button', { name: 'Run' }).click();
  expect(await finished(page)).toBe('done');
  const { name, doc } = await exported(page);
  expect(doc.format).toBe('corelab-results');
  // The device is in the name, so two devices' files of one workload tell apart.
  const device = doc.label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40).replace(/-$/, '');
  expect(name).toMatch(new RegExp(`^corelab-primes-${device}-\\d{4}-\\d\\d-\\d\\dT[\\d-]+Z\\.json$`));
  expect(doc.environment).toMatchObject({ runtime: 'wasm', crossOriginIsolated: true });
  expect(doc.environment.hardwareConcurrency).toBeGreaterThan(0);
  expect(doc.environment.userAgent).toContain('Chrome');
  expect(doc.runs.map((r) => r.workers)).toEqual([1, 2]);
  for (const run of doc.runs) {
    expect(run).toMatchObject({ workload: 'primes', verified: true, params: { n: primes.params[0].quick, grain: primes.params[1].quick } });
    expect(run.samples_ms).toHaveLength(3);
    expect(run.median_ms).toBe([...run.samples_ms].sort((a, b) => a - b)[1]);
  }
  // Through two points Amdahl's law fits exactly: the raw fit is the 2-worker Karp-Flatt e(2),
  // and the reported one is that, clamped to [0, 1].
  const fit = doc.fits.primes;
  expect(fit.raw_serial_fraction).toBeCloseTo(doc.runs[1].karp_flatt, 9);
  expect(fit.serial_fraction).toBe(Math.min(1, Math.max(0, fit.raw_serial_fraction)));
});

test('works by keyboard alone', async ({ page }) => {
  await open(page, quickQuery(primes, { workers: '1', repeats: '1' }));
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to the experiment' })).toBeFocused();
  await page.keyboard.press('Enter'); // past the site navigation
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Workload')).toBeFocused();
  // Walk forward to Run and press it.
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Tab');
    if (await page.getByRole('button', { name: 'Run' }).evaluate((el) => el === document.activeElement)) break;
  }
  await expect(page.getByRole('button', { name: 'Run' })).toBeFocused();
  // Every element the focus lands on from here (a focus that is lost lands on none).
  await page.evaluate(() => {
    window.focusTrail = [];
    document.addEventListener('focusin', (event) => window.focusTrail.push(event.target.textContent));
  });
  await page.keyboard.press('Enter');
  expect(await finished(page)).toBe('done');
  expect((await resultRows(page)).length).toBe(1);
  // Run is disabled while the sweep runs: the focus moved to Cancel, then back to Run at the
  // end, never to the page's top, so Enter runs again.
  expect(await page.evaluate(() => window.focusTrail)).toEqual(['Cancel', 'Run']);
  await expect(page.getByRole('button', { name: 'Run' })).toBeFocused();
  // Pressed at once, while the last sweep may still be being saved: it runs again. The states it
  // goes through are recorded, as a quick run may start and end between two looks.
  await page.locator('#experiment').evaluate((root) => {
    window.states = [];
    root.addEventListener('experiment:state', (event) => window.states.push(event.detail));
  });
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => window.states)).toEqual(['queued', 'running', 'done']);
  // Enter in a field runs too. The fields are disabled while the sweep runs, so the focus
  // passes to Cancel and comes back to the field at the end, not to the page's top.
  const workers = page.getByRole('textbox', { name: 'Workers' });
  await workers.focus();
  await page.evaluate(() => { window.focusTrail = []; });
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => window.states.length)).toBe(6);
  expect(await finished(page)).toBe('done');
  await expect(workers).toBeFocused();
  expect(await page.evaluate(() => window.focusTrail)).toEqual(['Cancel', '']);
});

test('fits a phone-sized screen', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await open(page, quickQuery(primes, { workers: '1,2', repeats: '1' }));
  await page.getByRole('button', { name: 'Run' }).click();
  expect(await finished(page)).toBe('done');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(page.locator('#speedup-chart')).toBeVisible();
  const box = await page.getByRole('button', { name: 'Run' }).boundingBox();
  expect(box.height).toBeGreaterThanOrEqual(40); // big enough to tap
});

test('on a phone a long value pasted by mistake is refused without widening the page', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await open(page, quickQuery(primes, { workers: '1', repeats: '1' }));
  const n = page.getByRole('textbox', { name: 'N (count primes below)', exact: true });
  const url = 'https://example.com/some/really/long/path/that/someone/copied/by/mistake?with=query&and=more&parameters=here';
  await n.fill(url);
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.locator('#param-n-error')).toHaveText(`N (count primes below) must be a number from 2 to 100,000,000 (got ${url.slice(0, 32)}… (${url.length} characters)).`);
  await expect(page.locator('#status')).toContainText('Nothing was run');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test.describe('offline after the page loaded', () => {
  test.use({ allowedErrors: [/ERR_INTERNET_DISCONNECTED/] });
  test('a Run says the browser is offline and what to do, the results shown stay, and Run works once back', async ({ page, context }) => {
    await open(page, quickQuery(primes, { workers: '1', repeats: '1' }));
    await page.getByRole('button', { name: 'Run' }).click();
    expect(await finished(page)).toBe('done');
    const before = await resultRows(page);
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Run' }).click();
    expect(await finished(page)).toBe('failed');
    await expect(page.locator('#error')).toContainText('this browser is offline, and each run loads its worker from the server; reconnect and run again');
    expect(await resultRows(page)).toEqual(before);
    await context.setOffline(false);
    await page.getByRole('button', { name: 'Run' }).click();
    expect(await finished(page)).toBe('done');
  });
});

test('at 200% zoom on a laptop the results tables fit, the Check column in view', async ({ page }) => {
  await page.setViewportSize({ width: 640, height: 360 }); // 1280 x 720 at 200%
  await open(page, quickQuery(primes, { workers: '1,2', repeats: '1' }));
  await page.getByRole('button', { name: 'Run' }).click();
  expect(await finished(page)).toBe('done');
  for (const id of ['results-table', 'overheads-table']) {
    const fits = await page.locator(`#${id}`).evaluate((t) => t.scrollWidth <= t.parentElement.clientWidth);
    expect(fits, id).toBe(true);
  }
  const check = page.locator('#results-table tbody td.ok').first();
  await check.scrollIntoViewIfNeeded();
  const box = await check.boundingBox();
  expect(box.x + box.width).toBeLessThanOrEqual(640);
});

test('on a laptop screen the sweep\'s status stays in view, however far the page is scrolled', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  // A pool start that stalls (see POOL_STALL_MS) keeps the sweep running for seconds.
  await open(page, quickQuery(primes, { workers: '1,2', repeats: '1', fault: 'pool-stall' }));
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.locator('#status')).toContainText('starting the thread pool');
  for (const top of [0, 10_000]) {
    await page.evaluate((y) => window.scrollTo(0, y), top);
    const shown = await page.locator('#status').evaluate((status) => {
      const box = status.getBoundingClientRect();
      return box.height > 0 && box.top >= 0 && box.bottom <= innerHeight;
    });
    expect(shown, `page scrolled to ${top}`).toBe(true);
  }
  await page.getByRole('button', { name: 'Cancel' }).click();
  expect(await finished(page)).toBe('cancelled');
});

test('on a laptop screen Run is in view without scrolling, whichever workload is chosen', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await open(page);
  const inView = (name) => page.getByRole('button', { name, exact: true }).evaluate((button) => {
    const box = button.getBoundingClientRect();
    return box.height > 0 && box.top >= 0 && box.bottom <= innerHeight && document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2) === button;
  });
  for (const workload of catalogue.workloads) {
    await page.getByRole('combobox', { name: 'Workload' }).selectOption(workload.id);
    expect(await inView('Run'), workload.id).toBe(true);
    expect(await inView('Reset'), workload.id).toBe(true);
  }
});

test('on a laptop screen a bad field is brought into view with its message, and the status beside Run quotes it', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await open(page, '?workload=sum-of-squares');
  const workers = page.getByRole('textbox', { name: 'Workers', exact: true });
  await workers.fill('0');
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(workers).toBeFocused();
  const message = page.locator('.field').filter({ has: workers }).locator('.field-error');
  await expect(message).toContainText('Workers');
  // Both on screen and not covered (by the sticky buttons or anything else).
  const uncovered = (locator) => locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const hit = document.elementFromPoint(box.x + Math.min(box.width / 2, 40), box.y + box.height / 2);
    return box.height > 0 && box.top >= 0 && box.bottom <= innerHeight && element.contains(hit);
  });
  await expect.poll(() => uncovered(workers)).toBe(true);
  await expect.poll(() => uncovered(message)).toBe(true);
  await expect(page.locator('#status')).toContainText(`Nothing was run. ${await message.textContent()}`);
});

test('a bad value typed and Run clicked at once: that one click refuses it, beside Run', async ({ page }) => {
  // The message the field got as the click took the focus away moved Run from under the
  // pointer between press and release, and the click was lost (800 px wide, and on a phone).
  for (const size of [{ width: 800, height: 900 }, { width: 390, height: 844 }]) {
    await page.setViewportSize(size);
    await open(page, '?workload=primes&n=300000&workers=1,2&repeats=2');
    const workers = page.getByRole('textbox', { name: 'Workers', exact: true });
    await workers.fill('0');
    await page.getByRole('button', { name: 'Run' }).click();
    await expect(page.locator('#status')).toContainText('Nothing was run', { timeout: 5000 });
    await expect(workers).toBeFocused();
  }
});

test('on a laptop screen every field reached with Tab shows whole, above the sticky buttons', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await open(page, '?workload=mandelbrot');
  await page.getByRole('combobox', { name: 'Workload' }).focus();
  const seen = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const at = await page.evaluate(() => {
      const field = document.activeElement;
      // The fields, and the button that opens a folded description (a short window folds it).
      if (!field.matches('.experiment-controls form :is(input, select, button.description-toggle)')) return null;
      const buttons = document.querySelector('.experiment-controls .buttons').getBoundingClientRect();
      const box = field.getBoundingClientRect();
      return { id: field.id, below: box.bottom - buttons.top, above: -box.top };
    });
    if (!at) break;
    seen.push(at);
  }
  expect(seen.length).toBeGreaterThan(4); // the fields down to the sweep's, past the fold
  for (const { id, below, above } of seen) {
    expect(below, `${id} under the buttons`).toBeLessThanOrEqual(0);
    expect(above, `${id} above the window`).toBeLessThanOrEqual(0);
  }
});

test('a reload keeps the last sweep\'s settings and shows its results again; Reset forgets them', async ({ page }) => {
  await open(page, '?workload=primes&n=100000&workers=1,2&repeats=2');
  const n = page.getByRole('textbox', { name: 'N (count primes below)', exact: true });
  await n.fill('150,000');
  await page.getByRole('button', { name: 'Run' }).click();
  expect(await finished(page)).toBe('done');
  await expect(page.locator('#status')).toContainText('Saved in your results library');
  const before = await resultRows(page);
  // What is said of them reads the same too: the fit, and the note where the timings are in doubt
  // (a reload's note once listed causes that prime counting cannot have: see sweepOf's unit test).
  const said = () => Promise.all(['#fit', '#noise-note'].map((s) => page.locator(s).textContent()));
  const saidBefore = await said();
  // The address holds the sweep's settings, so a reload (or the link) sets the same form; its
  // numbers are plain (n=150000, not n=150%2C000).
  expect(new URL(page.url()).search).toContain('&n=150000&');

  await page.reload();
  await expect(page.locator('#experiment')).not.toHaveAttribute('data-state', 'loading');
  await expect(n).toHaveValue('150,000');
  await expect(page.locator('#status')).toContainText('Your last run');
  expect(await resultRows(page)).toEqual(before);
  expect(await said()).toEqual(saidBefore);
  // Reset's target is still the link the tab was opened with, and the field's help says so.
  await expect(page.locator('#param-n-help')).toContainText('starts at 100,000 here');

  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(page.locator('#status')).toHaveText(/^Back to the starting settings; the results shown are cleared/);
  await expect(n).toHaveValue('100,000');
  // The address goes back with the form: a reload keeps what Reset restored, not the sweep's N.
  expect(new URL(page.url()).search).toBe('?workload=primes&n=100000&workers=1,2&repeats=2');
  await page.reload();
  await expect(page.locator('#experiment')).not.toHaveAttribute('data-state', 'loading');
  await expect(n).toHaveValue('100,000');
  await expect(page.locator('#results-table tbody tr')).toHaveCount(0);
  await expect(page.locator('#status')).not.toContainText('Your last run');
});

test('a reload of one of two tabs shows its own last sweep, not nothing because another tab ran since', async ({ page, context }) => {
  await open(page, '?workload=primes&n=100000&workers=1,2&repeats=2');
  await page.getByRole('button', { name: 'Run' }).click();
  expect(await finished(page)).toBe('done');
  await expect(page.locator('#status')).toContainText('Saved in your results library');
  const before = await resultRows(page);
  const other = await context.newPage();
  await open(other, '?workload=sum-of-squares&n=1000000&workers=1&repeats=2');
  await other.getByRole('button', { name: 'Run' }).click();
  expect(await finished(other)).toBe('done');
  await expect(other.locator('#status')).toContainText('Saved in your results library');
  await page.reload();
  await expect(page.locator('#experiment')).not.toHaveAttribute('data-state', 'loading');
  await expect(page.locator('#status')).toContainText('Your last run');
  expect(await resultRows(page)).toEqual(before);
  // And the other tab's reload shows its own.
  await other.reload();
  await expect(other.locator('#experiment')).not.toHaveAttribute('data-state', 'loading');
  await expect(other.locator('#status')).toContainText('Your last run');
});

test('a reload during a sweep shows the last finished sweep with its settings, and says the other did not finish', async ({ page }) => {
  await open(page, '?workload=primes&n=100000&workers=1,2&repeats=2');
  const n = page.getByRole('textbox', { name: 'N (count primes below)', exact: true });
  await page.getByRole('button', { name: 'Run' }).click();
  expect(await finished(page)).toBe('done');
  await expect(page.locator('#status')).toContainText('Saved in your results library');
  const before = await resultRows(page);
  // A long sweep, reloaded while it runs: the reload stops it.
  await n.fill('90,000,000');
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.locator('#experiment')).toHaveAttribute('data-state', 'running');
  expect(new URL(page.url()).search).toContain('n=90000000');
  await page.reload();
  await expect(page.locator('#status')).toHaveText(/^A sweep you started in this tab did not finish: the page was reloaded or left while it ran, which stops it\. Shown is your last finished sweep, of .+, with its settings; the stopped one had n=90000000\.$/);
  await expect(n).toHaveValue('100,000');
  expect(await resultRows(page)).toEqual(before);
  expect(new URL(page.url()).search).toContain('n=100000&');
  // A finished sweep's reload is as before: its own results, no word of an interrupted one.
  await page.reload();
  await expect(page.locator('#status')).toHaveText(/^Your last run, /);

  // With no finished sweep before it, the form keeps the stopped sweep's settings, to run again.
  await page.getByRole('button', { name: 'Reset' }).click();
  await n.fill('90,000,000');
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.locator('#experiment')).toHaveAttribute('data-state', 'running');
  await page.reload();
  await expect(page.locator('#status')).toHaveText('A sweep you started in this tab did not finish: the page was reloaded or left while it ran, which stops it. Press Run to measure it again.');
  await expect(n).toHaveValue('90,000,000');
  await expect(page.locator('#results-table tbody tr')).toHaveCount(0);
});

test('a field\'s help names the value Reset restores: the workload\'s default, or where the page starts elsewhere, that', async ({ page }) => {
  await open(page, '?workload=primes');
  await expect(page.locator('#param-n-help')).toContainText('From 2 to 100,000,000; default 5,000,000.');
  await open(page, '?workload=primes&n=100000');
  await expect(page.locator('#param-n-help')).toContainText('From 2 to 100,000,000; starts at 100,000 here (the workload\'s default is 5,000,000).');
  await page.getByRole('textbox', { name: 'N (count primes below)', exact: true }).fill('200000');
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(page.getByRole('textbox', { name: 'N (count primes below)', exact: true })).toHaveValue('100,000');
});

/** Counts the page's navigations from now on (loads and reloads, served by a worker or not). */
function navigations(page) {
  const loads = { count: 0 };
  page.on('request', (request) => {
    if (request.isNavigationRequest()) loads.count++;
  });
  return loads;
}

test('served without isolation headers where service workers are off, the page explains why and offers a retry', async ({ page }) => {
  await withoutServiceWorkers(page);
  await page.goto(process.env.CORELAB_PLAIN_URL);
  await expect(page.locator('#experiment')).toHaveAttribute('data-state', 'unavailable');
  // The results say none can come, not "press Run" beside a Run that cannot be pressed.
  await expect(page.locator('#results-empty')).toHaveText(/^No results: this browser cannot run the experiments \(why is said beside Run\)\./);
  const notice = page.getByRole('alert').filter({ hasText: 'Threads are not available' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('Cross-Origin-Opener-Policy: same-origin');
  await expect(notice).toContainText('Cross-Origin-Embedder-Policy: require-corp');
  await expect(notice).toContainText('./build.sh serve');
  // Said once: the part on missing headers, not the same advice again below it.
  expect((await notice.innerText()).split('./build.sh serve').length - 1).toBe(1);
  // The service-worker fallback was tried, and the notice says why it could not help.
  await expect(notice).toContainText('The isolation service worker could not be installed: Service workers are disabled in this browser');
  await expect(notice.getByRole('button', { name: 'Try the service worker again' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Run' })).toBeDisabled();
  await expect(page.locator('#environment-list')).toContainText('no: threads unavailable');
});

test('without isolation headers, the page isolates itself through a service worker after one reload, and so do the lessons', async ({ page }) => {
  const loads = navigations(page);
  await page.goto(process.env.CORELAB_PLAIN_URL + quickQuery(primes, { workers: '1,2', repeats: '1' }));
  // Nothing to click: the page installs coi-serviceworker and reloads once it is active.
  await page.waitForFunction(() => self.crossOriginIsolated === true, null, { polling: 100, timeout: 30_000 });
  await expect(page.locator('#experiment')).toHaveAttribute('data-state', 'idle');
  expect(loads.count).toBeLessThanOrEqual(3); // the first load and at most two reloads
  await page.getByRole('button', { name: 'Run' }).click();
  expect(await finished(page)).toBe('done');
  expect((await resultRows(page)).map((r) => r.verified)).toEqual(['✓ verified', '✓ verified']);
  // The worker serves the whole origin: a lesson opened now is isolated at its first load.
  await page.goto(`${process.env.CORELAB_PLAIN_URL}lessons/your-cores.html`);
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
  await expect(page.locator('main .experiment').first()).toHaveAttribute('data-state', 'idle');
});

test('a browser that does not isolate even through the service worker is told so after two reloads, not reloaded forever', async ({ page }) => {
  // The worker installs and activates, yet every load arrives unisolated (as in a browser that
  // ignores the headers a service worker adds).
  await page.addInitScript(() => {
    const container = self.navigator.serviceWorker;
    container.register = () => Promise.resolve({});
    Object.defineProperty(container, 'ready', { get: () => Promise.resolve({}) });
  });
  const loads = navigations(page);
  await page.goto(process.env.CORELAB_PLAIN_URL);
  const notice = page.getByRole('alert').filter({ hasText: 'Threads are not available' });
  await expect(notice).toContainText('still did not isolate the page after 2 reloads');
  expect(loads.count).toBe(3);
  await expect(page.locator('#experiment')).toHaveAttribute('data-state', 'unavailable');
  // Trying again reloads (twice at most) and ends with the same explanation.
  await notice.getByRole('button', { name: 'Try the service worker again' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Threads are not available' })).toContainText('still did not isolate the page after 2 reloads');
  expect(loads.count).toBe(5);
});

test('a browser that lets the site store no data: every page works, the fallback says why at once, a device label lasts the visit', async ({ page }) => {
  // As Chromium does with "Don't allow sites to save data": the storages throw, and so does
  // registering a service worker. The results page and the lessons had thrown on every load,
  // and on a static host the notice said "Installing a service worker…" for ever.
  await page.addInitScript(() => {
    for (const name of ['localStorage', 'sessionStorage']) {
      Object.defineProperty(window, name, { get() { throw new DOMException(`Failed to read the '${name}' property from 'Window': Access is denied for this document.`, 'SecurityError'); } });
    }
    if (self.navigator.serviceWorker) self.navigator.serviceWorker.register = () => Promise.reject(new DOMException('The user denied permission to use Service Worker.', 'SecurityError'));
  });
  for (const path of ['', 'results.html', 'lessons/', 'lessons/amdahl.html']) {
    await page.goto(process.env.CORELAB_URL + path);
    await expect(page.locator('main')).toBeVisible();
  }
  await page.goto(`${process.env.CORELAB_URL}results.html`);
  const label = page.locator('#device-label');
  await label.fill('My office box');
  await page.locator('#device-form').getByRole('button').click();
  await expect(label).toHaveValue('My office box');
  await expect(page.locator('#suite-status')).toHaveText('Results saved from now on will be labelled “My office box” in this visit: this browser does not let the site store it, so the next visit starts with the default again.');
  await page.goto(process.env.CORELAB_PLAIN_URL);
  const notice = page.getByRole('alert').filter({ hasText: 'Threads are not available' });
  await expect(notice).toContainText('This browser does not let this site store data, and the fallback needs to');
  await expect(page.locator('#experiment')).toHaveAttribute('data-state', 'unavailable');
});

test('a browser without WebAssembly SIMD is told so instead of getting a broken page', async ({ page }) => {
  // Make this Chromium answer the page's SIMD probe as a browser without SIMD would.
  await page.addInitScript(() => {
    const validate = WebAssembly.validate;
    WebAssembly.validate = (bytes) => (new Uint8Array(bytes).includes(0xfd) ? false : validate(bytes));
  });
  await page.goto(process.env.CORELAB_URL);
  await expect(page.locator('#experiment')).toHaveAttribute('data-state', 'unavailable');
  await expect(page.getByRole('alert').filter({ hasText: 'SIMD' })).toContainText('does not support WebAssembly SIMD');
  await expect(page.getByRole('button', { name: 'Run' })).toBeDisabled();
  await expect(page.locator('#environment-list')).toContainText('unavailable: the kernels cannot run');
});

test('the Schedule choice of the unbalanced workload changes how work is shared, not the result', async ({ page }) => {
  const imbalanced = catalogue.workloads.find((w) => w.id === 'imbalanced');
  const digests = {};
  for (const schedule of ['static', 'stealing']) {
    await open(page, quickQuery(imbalanced, { workers: '2', repeats: '1' }));
    await page.getByRole('combobox', { name: 'Schedule' }).selectOption(schedule);
    await page.getByRole('button', { name: 'Run' }).click();
    expect(await finished(page)).toBe('done');
    expect((await resultRows(page))[0].verified).toBe('✓ verified');
    await expect(page.locator('#details-body')).toContainText(`${schedule} schedule`);
    digests[schedule] = await page.locator('#details-body').textContent();
  }
  const digestOf = (text) => /digest ([0-9a-f]{16})/.exec(text)[1];
  expect(digestOf(digests.static)).toBe(digestOf(digests.stealing));
});

test('a pool start that stops answering is started again in a fresh worker, and the run completes', async ({ page }) => {
  // ?fault=pool-stall blocks the first pool start's compute worker for good, as Firefox
  // sometimes does (see POOL_STALL_MS in www/js/experiment/sweep.js).
  const warnings = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  await open(page, quickQuery(primes, { workers: '2', repeats: '1', fault: 'pool-stall' }));
  await page.getByRole('button', { name: 'Run' }).click();
  expect(await finished(page)).toBe('done');
  // Said where it stays: the Done line (the progress lines between are paced, and a poll for one
  // of them missed it in a fresh clone's run).
  await expect(page.locator('#status')).toContainText('The browser did not start the thread pool at the first try (Firefox does so now and then): it was started again after 5 s, which no timing includes.');
  expect(warnings.filter((w) => /did not start the thread pool/.test(w))).toEqual([
    '2 workers: the browser did not start the thread pool (no answer for 5 s); starting it again (attempt 2 of 5)',
  ]);
  expect((await resultRows(page)).map((r) => r.verified)).toEqual(['✓ verified']);
});

test('settings from a link that are out of range are flagged as the page opens, not only when Run is pressed', async ({ page }) => {
  await open(page, '?workload=primes&workers=1-9999&n=1000000');
  await expect(page.locator('#workers-error')).toBeVisible();
  await expect(page.locator('#workers-error')).toHaveText(/^Workers: 1-9999 is out of range; use whole numbers from 1 to \d+/);
  await expect(page.getByRole('textbox', { name: 'Workers', exact: true })).toHaveAttribute('aria-invalid', 'true');
  // Reset does not put the refused values back (the only way out had been editing the address):
  // the workload's defaults come instead, and the status says why.
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(page.locator('#status')).toHaveText(/^Back to the workload's defaults: the settings the page opened with have a value it refuses/);
  await expect(page.locator('#workers-error')).toBeEmpty();
  await expect(page.getByRole('textbox', { name: 'Workers', exact: true })).toHaveAttribute('aria-invalid', 'false');
  await expect(page.getByRole('textbox', { name: 'N (count primes below)', exact: true })).toHaveValue(
    catalogue.workloads.find((w) => w.id === 'primes').params.find((p) => p.name === 'n').default.toLocaleString('en-US'));
  // A valid link opens with no complaint.
  await open(page, '?workload=primes&workers=1&n=1000000');
  await expect(page.locator('#workers-error')).toBeHidden();
});

test('a value typed out of range is flagged as the reader leaves its field, before Run, and the mark goes once it is fixed', async ({ page }) => {
  await open(page, '?workload=primes&workers=1&n=1000000');
  let workersStarted = 0;
  page.on('worker', () => workersStarted++);
  const n = page.getByRole('textbox', { name: 'N (count primes below)', exact: true });
  await n.fill('1');
  await n.press('Tab');
  await expect(page.locator('#param-n-error')).toHaveText(/N \(count primes below\) must be from 2 to 100,000,000 \(got 1\)/);
  await expect(n).toHaveAttribute('aria-invalid', 'true');
  // Heard as it appears (the focus has moved on), and read first with the field, before its help.
  await expect(page.locator('#param-n-error')).toHaveAttribute('aria-live', 'polite');
  await expect(n).toHaveAccessibleDescription(/^N \(count primes below\) must be from 2 to 100,000,000 \(got 1\)\. /);
  // Only the field left is judged: the others, untouched and valid, carry no mark.
  await expect(page.getByRole('textbox', { name: 'Workers', exact: true })).toHaveAttribute('aria-invalid', 'false');
  // A number past 2^53 is quoted as typed, not as the nearest one a double holds (1e17).
  await n.fill('99999999999999999');
  await n.press('Tab');
  await expect(page.locator('#param-n-error')).toHaveText(/\(got 99999999999999999\)\.$/);
  await n.fill('2,000');
  await n.press('Tab');
  await expect(page.locator('#param-n-error')).toBeHidden();
  await expect(n).toHaveAttribute('aria-invalid', 'false');
  expect(workersStarted).toBe(0);
});
