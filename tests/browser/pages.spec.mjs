// Every page as a whole: an accessibility scan (axe-core) of the playground, the lessons index
// and each lesson; the site header's alignment; the playground's wide layout; and the parameter
// sweep in the playground.
import AxeBuilder from '@axe-core/playwright';
import { LESSONS } from '../../www/lessons/catalogue.js';
import { catalogue, expect, exported, finished, open, quickQuery, test } from './fixtures.mjs';

const PAGES = [['playground', ''], ['lessons index', 'lessons/'], ...LESSONS.map((l) => [`lesson ${l.id}`, `lessons/${l.id}.html`])];

for (const [name, path] of PAGES) {
  test(`${name}: no serious or critical accessibility violations`, async ({ page }) => {
    await page.goto(process.env.CORELAB_URL + path);
    await expect(page.locator('main')).toBeVisible();
    await page.waitForFunction(() => [...document.querySelectorAll('.experiment, #experiment')].every((e) => e.dataset.state && e.dataset.state !== 'loading'));
    const { violations } = await new AxeBuilder({ page }).analyze();
    const serious = violations.filter((v) => ['serious', 'critical'].includes(v.impact))
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
    expect(serious).toEqual([]);
  });
}

// Dark mode (a projector in a dark hall): the pages turn dark and every text keeps its contrast.
for (const [name, path] of [['playground', ''], ['lessons index', 'lessons/'], ['lesson amdahl', 'lessons/amdahl.html'], ['results', 'results.html']]) {
  test(`${name} in dark mode: a dark page, and no serious or critical accessibility violations`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(process.env.CORELAB_URL + path);
    await expect(page.locator('main')).toBeVisible();
    await page.waitForFunction(() => [...document.querySelectorAll('.experiment, #experiment, #main[data-state]')].every((e) => e.dataset.state && e.dataset.state !== 'loading'));
    const luminance = await page.evaluate(() => {
      const channels = (colour) => colour.match(/[\d.]+/g).slice(0, 3).map(Number);
      const light = (colour) => channels(colour).reduce((sum, c) => sum + c, 0) / 3;
      return { ground: light(getComputedStyle(document.documentElement).backgroundColor), text: light(getComputedStyle(document.body).color) };
    });
    expect(luminance.ground).toBeLessThan(60);
    expect(luminance.text).toBeGreaterThan(180);
    const { violations } = await new AxeBuilder({ page }).analyze();
    const serious = violations.filter((v) => ['serious', 'critical'].includes(v.impact))
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
    expect(serious).toEqual([]);
  });
}

test('on a laptop screen the site\'s name lines up with the page\'s heading, on every page', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  for (const path of ['', 'results.html', 'lessons/', `lessons/${LESSONS[0].id}.html`]) {
    await page.goto(process.env.CORELAB_URL + path);
    const brand = await page.getByRole('navigation', { name: 'corelab' }).getByRole('link', { name: 'corelab' }).boundingBox();
    const heading = await page.locator('main h1, main h2').first().boundingBox();
    expect(Math.abs(brand.x - heading.x), path || 'playground').toBeLessThanOrEqual(1);
  }
});

test('at 1200 px and wider the controls sit beside the results, the chart in view while a sweep runs', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const primes = catalogue.workloads.find((w) => w.id === 'primes');
  await open(page, quickQuery(primes, { workers: '1,2', repeats: '1' }));
  await page.getByRole('button', { name: 'Run' }).click();
  expect(await finished(page)).toBe('done');
  const form = await page.locator('#experiment form').boundingBox();
  const chart = await page.locator('#speedup-chart').boundingBox();
  expect(chart.x).toBeGreaterThanOrEqual(form.x + form.width);
  expect(chart.y + chart.height).toBeLessThanOrEqual(800); // visible without scrolling
});

test('on a short window the controls pane names the settings below its fold, and takes the reader there', async ({ page }) => {
  // The worker counts sat below the pane's fold with nothing to say so: a newcomer at 1280×800
  // saw N, Grain and Run (there the Sweep box's title now shows, the description being folded).
  // At 1366×657 the Sweep box's title sat within the line's own height of the fold, and the line
  // (which is not shown while that title is in view) came and went from run to run: 600 px high
  // puts the title well below either way.
  await page.setViewportSize({ width: 1366, height: 600 });
  await open(page, '?workload=primes');
  const more = page.getByRole('button', { name: /^More below: Sweep over, Workers, Repeats and Scaling/ });
  const workers = page.getByRole('textbox', { name: 'Workers', exact: true });
  const inPane = async () => (await workers.boundingBox()).y + 40 <= (await page.locator('.experiment-controls .buttons').boundingBox()).y;
  expect(await inPane()).toBe(false);
  const scrolled = await page.evaluate(() => scrollY);
  await more.click();
  await expect.poll(inPane).toBe(true);
  await expect(more).toBeHidden();
  // The pane scrolls, not the window under it (which moved the sticky pane a frame later, and
  // twice left Workers under the buttons), and the keyboard is in the Sweep box.
  expect(await page.evaluate(() => scrollY)).toBe(scrolled);
  await expect(page.getByRole('combobox', { name: 'Sweep over' })).toBeFocused();
});

test('on a short window the workload\'s description is folded to two lines, and opens whole', async ({ page }) => {
  // At 1366×657 (a laptop; a projector's 1280×720 alike) the description filled half the
  // controls pane and N sat under the buttons.
  await page.setViewportSize({ width: 1366, height: 657 });
  await open(page, '?workload=primes');
  const text = page.locator('#experiment p.description');
  const toggle = page.getByRole('button', { name: 'Read the whole description' });
  const lines = () => text.evaluate((p) => Math.round(p.clientHeight / parseFloat(getComputedStyle(p).lineHeight)));
  const whole = () => text.evaluate((p) => p.scrollHeight <= p.clientHeight + 1);
  expect(await lines()).toBe(2);
  expect(await whole()).toBe(false);
  const n = page.getByRole('textbox', { name: /^N / });
  expect((await n.boundingBox()).y + 40).toBeLessThanOrEqual((await page.locator('.experiment-controls .buttons').boundingBox()).y);
  await toggle.click();
  const less = page.getByRole('button', { name: 'Show less' });
  await expect(less).toHaveAttribute('aria-expanded', 'true');
  expect(await whole()).toBe(true);
  expect(await lines()).toBeGreaterThan(2);
  // Another workload's description comes folded or open as the reader left it.
  await page.getByRole('combobox', { name: 'Workload' }).selectOption('mandelbrot');
  await expect(text).toContainText('for every pixel');
  expect(await whole()).toBe(true);
  await less.click();
  expect(await lines()).toBe(2);
  // A tall window shows it whole, with no button.
  await page.setViewportSize({ width: 1366, height: 1000 });
  await expect(page.locator('.description-toggle')).toBeHidden();
  expect(await whole()).toBe(true);
});

test('a parameter sweep charts time against Grain on a log scale and exports one run per value', async ({ page }) => {
  const sum = catalogue.workloads.find((w) => w.id === 'sum-of-squares');
  await open(page, quickQuery(sum, { workers: '2', repeats: '2' }));
  await page.getByRole('combobox', { name: 'Sweep over' }).selectOption('grain');
  const grain = page.getByRole('textbox', { name: /Grain/ });
  await grain.fill('1000, 100000, 10000000');
  await page.getByRole('button', { name: 'Run' }).click();
  expect(await finished(page)).toBe('done');
  const rows = await page.locator('#results-table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  expect(rows.map((r) => r[0])).toEqual(['1,000', '100,000', '10,000,000']);
  expect(rows.every((r) => r[1] === '✓ verified')).toBe(true); // the check beside the value it checked
  await expect(page.locator('#speedup-figure')).toBeHidden();
  const chart = await page.locator('#vary-chart').evaluate(async (canvas) => {
    const { Chart } = await import('/pkg/vendor/chartjs.js'); // the page's own instance
    const c = Chart.getChart(canvas);
    // The axis spans the values planned (from the first point on), each point inside it.
    return { type: c.config.type, x: c.options.scales.x.type, points: c.data.datasets[0].data.length, spans: c.scales.x.min < 1000 && c.scales.x.max > 1e7 };
  });
  expect(chart).toEqual({ type: 'scatterWithErrorBars', x: 'logarithmic', points: 3, spans: true });
  await expect(page.locator('#details-body')).toContainText('Identical result for every value of Grain');
  const { doc } = await exported(page);
  expect(doc.varied).toBe('grain');
  expect(doc.runs.map((r) => [r.workers, r.params.grain, r.verified, r.speedup])).toEqual([[2, 1000, true, null], [2, 100000, true, null], [2, 10000000, true, null]]);
  expect(doc.fits).toEqual({});

  // A sweep needs one worker count, and says so.
  await page.getByRole('textbox', { name: 'Workers' }).fill('1,2');
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.locator('#workers-error')).toHaveText(/a parameter sweep runs at one worker count \(1 to \d+\); got 2 of them \(1,2\)\./);
  // A refused count is told what this field takes here: one number, not a list or a range.
  await page.getByRole('textbox', { name: 'Workers' }).fill('999');
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.locator('#workers-error')).toHaveText(/^Workers: 999 is out of range; enter one whole number from 1 to \d+\.$/);
});

test('a sweep over a choice draws bars side by side', async ({ page }) => {
  const imbalanced = catalogue.workloads.find((w) => w.id === 'imbalanced');
  await open(page, quickQuery(imbalanced, { workers: '2', repeats: '1', vary: 'schedule', schedule: 'static,stealing' }));
  await expect(page.getByRole('combobox', { name: 'Sweep over' })).toHaveValue('schedule');
  await page.getByRole('button', { name: 'Run' }).click();
  expect(await finished(page)).toBe('done');
  const chart = await page.locator('#vary-chart').evaluate(async (canvas) => {
    const { Chart } = await import('/pkg/vendor/chartjs.js'); // the page's own instance
    const c = Chart.getChart(canvas);
    return { type: c.config.type, labels: c.data.labels };
  });
  expect(chart).toEqual({ type: 'barWithErrorBars', labels: ['static', 'stealing'] });
});

test('defaults of a thousand and more are shown whole, as single values and as a sweep list', async ({ page }) => {
  await open(page, '?workload=shared-counter&workers=1,2');
  const increments = page.getByRole('textbox', { name: 'Increments' });
  await expect(increments).toHaveValue('50,000,000');
  // Sweeping it: a list, where commas separate values, so the number goes in with underscores;
  // and the sweep runs at one worker count, the largest of the list.
  // It starts from a hundredth, a tenth and the whole of the value: one value compared nothing.
  await page.getByLabel('Sweep over').selectOption('increments');
  await expect(increments).toHaveValue('500_000, 5_000_000, 50_000_000');
  await expect(page.getByRole('textbox', { name: 'Workers' })).toHaveValue('2');
  await increments.fill('1000,2_000');
  await page.getByLabel('Sweep over').selectOption('');
  await expect(increments).toHaveValue('1000'); // back from the sweep: its first value
  // And the worker counts come back: left at "2", the next run had no fit.
  await expect(page.getByRole('textbox', { name: 'Workers' })).toHaveValue('1,2');
  await page.getByLabel('Workload').selectOption('global-lock');
  await expect(page.locator('#param-items')).toHaveValue('1,000');
  await expect(page.locator('#param-steps')).toHaveValue('1,000,000');
});

// A phone (a student's, in a lecture): the header on one line, and every control outside
// running text at least 44 px tall to tap; the prediction's choices were 23 px apart.
test.describe('on a touch phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  test('the header fits one line and controls are big enough to tap', async ({ page }) => {
    await page.goto(`${process.env.CORELAB_URL}lessons/task-size.html`);
    const nav = page.getByRole('navigation', { name: 'corelab' }).getByRole('link');
    const boxes = await nav.evaluateAll((links) => links.map((a) => a.getBoundingClientRect()).map((r) => ({ top: r.top, bottom: r.bottom, height: r.height })));
    expect(boxes).toHaveLength(4);
    for (const box of boxes) {
      expect(box.height).toBeGreaterThanOrEqual(44);
      expect(box.top).toBeLessThan(boxes[0].bottom); // side by side, not wrapped
    }
    // Every experiment built (its controls exist only then): counted at once, a busy machine
    // found 3 of them.
    const experiments = page.locator('.experiment');
    await expect(experiments.and(page.locator('[data-state="idle"]'))).toHaveCount(await experiments.count());
    const targets = page.locator('.prediction label.choice, .lesson-nav a, a.open-playground, .experiment summary, .experiment input[type="text"], .experiment select, main button');
    expect(await targets.count()).toBeGreaterThan(10);
    const small = await targets.evaluateAll((elements) => elements.filter((e) => e.offsetParent && e.getBoundingClientRect().height < 44)
      .map((e) => `${e.tagName} ${e.textContent.trim().slice(0, 20)} ${Math.round(e.getBoundingClientRect().height)}px`));
    expect(small).toEqual([]);
  });
});
