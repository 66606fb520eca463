// What the browser can really do (issue 12): the page checks each thing the kernels need before
// it enables Run, rather than inferring it from crossOriginIsolated. Each missing piece is made
// here in Chromium with an init script, on the isolated page: Run stays disabled, the notice names
// the piece and what to do, and the Results page still imports and compares results.
import { EXPORTED } from '../unit/fixtures/exported.js';
import { catalogue, expect, exported, finished, open, quickQuery, test } from './fixtures.mjs';

/** Whether a message carries shared memory: a SharedArrayBuffer or a WebAssembly.Memory over one,
 *  as itself or as a field (what the page's probe and wasm-feature-detect post). */
const SHARED_CHECK = `(message) => [message, ...(message && typeof message === 'object' ? Object.values(message) : [])].some((v) =>
  Object.prototype.toString.call(v instanceof WebAssembly.Memory ? v.buffer : v) === '[object SharedArrayBuffer]')`;

const MISSING = [
  {
    piece: 'SharedArrayBuffer',
    script: () => { delete globalThis.SharedArrayBuffer; },
    short: /does not offer shared memory \(SharedArrayBuffer\) even on an isolated page/,
    detail: /Use a current Chrome, Edge, Firefox or Safari/,
    device: 'unavailable: no SharedArrayBuffer',
  },
  {
    piece: 'shared WebAssembly.Memory',
    script: () => {
      WebAssembly.Memory = new Proxy(WebAssembly.Memory, {
        construct(target, [descriptor, ...rest]) {
          if (descriptor?.shared) throw new TypeError('shared memories are not supported here');
          return Reflect.construct(target, [descriptor, ...rest]);
        },
      });
    },
    short: /cannot create shared WebAssembly memory \(a WebAssembly.Memory over a SharedArrayBuffer\)/,
    detail: /Creating it failed: shared memories are not supported here/,
    device: 'unavailable: shared WebAssembly memory cannot be created',
  },
  {
    // As in WebKitGTK 2.50: posting shared memory fails with a DataCloneError.
    piece: 'posting shared memory to a worker',
    script: `(() => {
      const shared = ${SHARED_CHECK};
      for (const target of [Worker.prototype, MessagePort.prototype]) {
        const post = target.postMessage;
        target.postMessage = function (message, ...rest) {
          if (shared(message)) throw new DOMException('The object can not be cloned.', 'DataCloneError');
          return post.call(this, message, ...rest);
        };
      }
    })()`,
    short: /cannot send shared WebAssembly memory \(SharedArrayBuffer\) to a worker/,
    detail: /Sending it failed: The object can not be cloned/,
    device: 'unavailable: shared WebAssembly memory cannot be sent to a worker',
  },
  {
    // Atomic instructions (prefix 0xfe) do not validate, as in a browser without wasm threads.
    piece: 'WebAssembly threads',
    script: () => {
      const validate = WebAssembly.validate;
      WebAssembly.validate = (bytes) => (new Uint8Array(bytes).includes(0xfe) ? false : validate(bytes));
    },
    short: /The kernels cannot run in this browser \(no WebAssembly threads\)/,
    detail: /does not support WebAssembly threads \(atomic instructions on shared memory\)/,
    device: 'unavailable: no atomic instructions',
  },
  {
    // SIMD instructions (prefix 0xfd) do not validate.
    piece: 'WebAssembly SIMD',
    script: () => {
      const validate = WebAssembly.validate;
      WebAssembly.validate = (bytes) => (new Uint8Array(bytes).includes(0xfd) ? false : validate(bytes));
    },
    short: /The kernels cannot run in this browser \(no WebAssembly SIMD\)/,
    detail: /does not support WebAssembly SIMD/,
    device: 'unavailable: the kernels cannot run',
  },
];

const upload = (page, name, doc) => page.setInputFiles('#import-files', [{ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) }]);

for (const { piece, script, short, detail, device } of MISSING) {
  test(`without ${piece}: Run stays disabled, the notice says what is missing, and results can still be imported and compared`, async ({ page }) => {
    await page.addInitScript(script);
    const base = process.env.CORELAB_URL;

    await page.goto(base);
    await expect(page.locator('#experiment')).toHaveAttribute('data-state', 'unavailable');
    expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
    await expect(page.getByRole('button', { name: 'Run' })).toBeDisabled();
    const alert = page.locator('#isolation');
    await expect(alert).toBeVisible();
    await expect(alert).toContainText(detail);
    await expect(page.locator('#status')).toHaveText(short);
    await expect(page.locator('#environment-list')).toContainText(device);

    // A lesson: the prose reads, its experiments say why they cannot run.
    await page.goto(`${base}lessons/your-cores.html`);
    const experiment = page.locator('main .experiment').first();
    await expect(experiment).toHaveAttribute('data-state', 'unavailable');
    await expect(experiment.getByRole('button', { name: 'Run' })).toBeDisabled();
    await expect(experiment.locator('.unavailable-note')).toHaveText(short);
    await expect(experiment.locator('.unavailable-note')).toHaveText(detail);

    // The Results page: no suite, but results from elsewhere import, list and compare on a chart.
    await page.goto(`${base}results.html`);
    await expect(page.locator('#main')).toHaveAttribute('data-state', 'ready');
    await expect(page.locator('#device')).toHaveAttribute('data-state', 'unavailable');
    await expect(page.getByRole('button', { name: 'Test this device' })).toBeDisabled();
    await expect(page.locator('#suite-status')).toContainText('Results from elsewhere can still be imported');
    await upload(page, 'earlier.json', { ...EXPORTED, label: 'an earlier run' });
    await expect(page.locator('#import-messages li.ok').first()).toHaveText('earlier.json: added 1 result (2 measured points).');
    await page.locator('#library-table tbody input[type="checkbox"]').first().check();
    await page.getByRole('button', { name: 'Compare selected' }).click();
    await expect(page.locator('#compare-overlay-chart')).toHaveAccessibleDescription(/an earlier run/);
    await expect(page.locator('#compare-table tbody tr')).toHaveCount(2);
  });
}

test('where everything is there, the device panel says so and an export records it', async ({ page }) => {
  await open(page, quickQuery(catalogue.workloads.find((w) => w.id === 'primes'), { workers: '1', repeats: '1' }));
  await expect(page.locator('#experiment')).toHaveAttribute('data-state', 'idle');
  await expect(page.locator('#isolation')).toBeHidden();
  const panel = page.locator('#environment-list');
  for (const term of ['SharedArrayBuffer', 'WebAssembly threads', 'WebAssembly SIMD']) {
    await expect(panel.locator('dt', { hasText: new RegExp(`^${term}$`) }).locator('xpath=following-sibling::dd[1]')).toHaveText('available');
  }
  await page.getByRole('button', { name: 'Run' }).click();
  expect(await finished(page)).toBe('done');
  const { doc } = await exported(page);
  expect(doc.environment).toMatchObject({ crossOriginIsolated: true, sharedArrayBuffer: true, wasmThreads: true, wasmSimd: true });
});
