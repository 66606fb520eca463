// One way to drive the page in three browser engines, used by the headless runner
// (`./build.sh bench --browser ...`) and by the Firefox and WebKit smoke tests:
//
//   chromium  Debian's Chromium through Playwright (CHROMIUM_PATH, default /usr/bin/chromium)
//   firefox   Debian's Firefox ESR through puppeteer-core over WebDriver BiDi (FIREFOX_PATH,
//             default /usr/bin/firefox-esr); Playwright cannot drive a stock Firefox
//   webkit    WebKitGTK's MiniBrowser through WebKitWebDriver (W3C WebDriver, selenium-webdriver
//             as the client), under an Xvfb display this module starts and stops
//
// const browser = await launchBrowser('firefox');
// const page = await browser.newPage();
// await page.goto(url);
// await page.evaluate(fn, arg)        fn runs in the page (it may return a promise); JSON result
// await page.waitFor(fn, arg, opts)   polls fn in the page until it returns something truthy
// await page.click(selector)          a real click, through the driver
// await page.download(selector)       clicks, and returns { name, text } of the file it offers
// page.errors                         console errors and uncaught exceptions seen so far, or null
//                                     where the driver does not report them (classic WebDriver)
// await browser.close()
//
// The functions at the end (experimentReady, sweepSettled, buttonSelector) drive corelab's page
// through this interface only, on the page's own signals: the experiment root's data-state.
import { spawn } from 'node:child_process';
import { readdir, readFile, readlink } from 'node:fs/promises';

export const BROWSERS = ['chromium', 'firefox', 'webkit'];

// Without the background-networking flags Chromium floods this closed network with connections.
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const FIREFOX_PATH = '/usr/bin/firefox-esr';
export const WEBKIT_DRIVER = 'WebKitWebDriver';
export const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

// A single driver command (a long sweep waited on in the page is one) may take this long.
const COMMAND_TIMEOUT_MS = 60 * 60 * 1000;

/**
 * Starts `name` (one of BROWSERS). Options: `sharedArrayBuffer` (webkit only, default true):
 * WebKitGTK leaves SharedArrayBuffer undefined even on a cross-origin isolated page unless the
 * driver (and so the browser it starts) has JSC_useSharedArrayBuffer=1 in its environment.
 */
export async function launchBrowser(name, options = {}) {
  switch (name) {
    case 'chromium': return launchChromium();
    case 'firefox': return launchFirefox();
    case 'webkit': return launchWebKit(options);
    default: throw new Error(`unknown browser '${name}'; valid browsers: ${BROWSERS.join(', ')}`);
  }
}

// ---- Chromium: Playwright ----------------------------------------------------------------

async function launchChromium() {
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
  return {
    name: 'chromium',
    version: browser.version(),
    /** The Playwright Browser, for what only Chromium measures (bench --overheads). */
    playwright: browser,
    async newPage() {
      const context = await browser.newContext({ acceptDownloads: true });
      return playwrightPage(await context.newPage(), () => context.close());
    },
    close: () => browser.close(),
  };
}

/** The console errors and uncaught exceptions of a Playwright or puppeteer page (their page
 *  events have the same shape), collected as they happen. */
function pageErrors(page) {
  const errors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  return errors;
}

/** The interface over a Playwright page (also used by bench --overheads on its own contexts). */
export function playwrightPage(page, close = () => page.close()) {
  return {
    errors: pageErrors(page),
    playwright: page,
    goto: async (url) => {
      await page.goto(url);
    },
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    waitFor: (fn, arg, options) => page.evaluate(poller(fn), [arg, waitOptions(options)]),
    click: (selector) => page.click(selector),
    async download(selector) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
      return { name: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
    },
    close,
  };
}

// ---- Firefox: puppeteer-core over WebDriver BiDi -----------------------------------------

async function launchFirefox() {
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({
    browser: 'firefox', executablePath: process.env.FIREFOX_PATH || FIREFOX_PATH, headless: true,
    protocolTimeout: COMMAND_TIMEOUT_MS,
  });
  return {
    name: 'firefox',
    version: await browser.version(),
    async newPage() {
      const page = await browser.newPage();
      return {
        errors: pageErrors(page),
        goto: async (url) => {
          await page.goto(url, { timeout: 120_000 });
        },
        evaluate: (fn, arg) => page.evaluate(fn, arg),
        waitFor: (fn, arg, options) => page.evaluate(poller(fn), [arg, waitOptions(options)]),
        click: (selector) => page.click(selector),
        download: (selector) => downloadInPage((fn, arg) => page.evaluate(fn, arg), () => page.click(selector)),
        close: () => page.close(),
      };
    },
    close: () => browser.close(),
  };
}

// ---- WebKit: WebKitWebDriver over W3C WebDriver, under Xvfb ------------------------------

/**
 * WebKitGTK needs a display. Xvfb picks a free display number itself and writes it to the file
 * descriptor given by -displayfd (here fd 3, a pipe), so no number is guessed or fixed.
 */
async function startXvfb() {
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  xvfb.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  const display = await new Promise((resolve, reject) => {
    let text = '';
    xvfb.stdio[3].setEncoding('utf8').on('data', (chunk) => {
      text += chunk;
      if (text.includes('\n')) resolve(`:${text.trim()}`);
    });
    xvfb.once('error', (error) => reject(new Error(`cannot start Xvfb: ${error.message} (apt-get install xvfb)`)));
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited with ${code}: ${stderr.trim()}`)));
  });
  return { display, process: xvfb };
}

/**
 * Where a process listens, from /proc: WebKitWebDriver --port=0 lets the system pick a free
 * port but does not print it. Its listening sockets' inodes are matched against the kernel's
 * TCP tables (IPv4 first). Polls until the driver listens (it starts in a few milliseconds).
 * Returns the driver's base URL.
 */
async function listeningUrl(child, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${WEBKIT_DRIVER} exited with ${child.exitCode}`);
    const inodes = new Set();
    for (const fd of await readdir(`/proc/${child.pid}/fd`).catch(() => [])) {
      const match = /^socket:\[(\d+)\]$/.exec(await readlink(`/proc/${child.pid}/fd/${fd}`).catch(() => ''));
      if (match) inodes.add(match[1]);
    }
    for (const table of ['tcp', 'tcp6']) {
      const lines = (await readFile(`/proc/${child.pid}/net/${table}`, 'utf8').catch(() => '')).split('\n').slice(1);
      for (const line of lines) {
        const fields = line.trim().split(/\s+/);
        // Field 3 is the state (0A: listening), field 9 the socket's inode.
        if (fields[3] !== '0A' || !inodes.has(fields[9])) continue;
        const port = parseInt(fields[1].split(':')[1], 16);
        return table === 'tcp' ? `http://127.0.0.1:${port}` : `http://[::1]:${port}`;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${WEBKIT_DRIVER} did not start listening within ${timeoutMs / 1000} s`);
}

async function launchWebKit({ sharedArrayBuffer = true } = {}) {
  const { By, Capabilities, WebDriver } = await import('selenium-webdriver');
  const { Executor, HttpClient } = await import('selenium-webdriver/http/index.js');
  const children = [];
  const killAll = () => {
    // The driver first, then the display it draws on.
    for (const child of [...children].reverse()) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  // Node does not end its children when it exits; a failed run must not leave them behind.
  process.once('exit', killAll);
  try {
    const xvfb = await startXvfb();
    children.push(xvfb.process);
    const env = { ...process.env, DISPLAY: xvfb.display };
    // Set either way, so the choice holds whatever WebKitGTK's default becomes.
    env.JSC_useSharedArrayBuffer = sharedArrayBuffer ? '1' : '0';
    const driverProcess = spawn(process.env.WEBKIT_DRIVER_PATH || WEBKIT_DRIVER, ['--port=0'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    children.push(driverProcess);
    let driverLog = '';
    driverProcess.stderr.setEncoding('utf8').on('data', (chunk) => (driverLog = (driverLog + chunk).slice(-4000)));
    await new Promise((resolve, reject) => {
      driverProcess.once('spawn', resolve);
      driverProcess.once('error', (error) => reject(new Error(`cannot start ${WEBKIT_DRIVER}: ${error.message} (apt-get install webkit2gtk-driver)`)));
    });
    const driverUrl = await listeningUrl(driverProcess);
    // selenium-webdriver's Builder knows only the browsers it ships drivers for; a session on any
    // W3C driver is created directly. MiniBrowser is WebKitGTK's own test browser, and
    // --automation lets the driver control it.
    const capabilities = new Capabilities();
    capabilities.set('webkitgtk:browserOptions', { binary: process.env.MINIBROWSER_PATH || MINIBROWSER, args: ['--automation'] });
    let driver;
    try {
      driver = await WebDriver.createSession(new Executor(new HttpClient(driverUrl)), capabilities);
    } catch (error) {
      throw new Error(`WebKit: no session: ${error.message}\n${driverLog.trim()}`, { cause: error });
    }
    await driver.manage().setTimeouts({ script: COMMAND_TIMEOUT_MS, pageLoad: 120_000 });
    const session = await driver.getCapabilities();
    const close = async () => {
      try {
        await driver.quit();
      } finally {
        const exited = children.map((child) => (child.exitCode !== null || child.signalCode !== null ? null : new Promise((resolve) => child.once('exit', resolve))));
        killAll();
        process.off('exit', killAll);
        await Promise.all(exited);
      }
    };
    return {
      name: 'webkit',
      version: `${session.getBrowserName()} ${session.getBrowserVersion()}`,
      /** WebDriver has one top-level browsing context per session: one page at a time. */
      async newPage() {
        const evaluate = (fn, arg) => webdriverEvaluate(driver, fn, arg);
        const click = async (selector) => {
          await driver.findElement(By.css(selector)).click();
        };
        return {
          // Classic WebDriver has no event stream: console errors are not observable here.
          errors: null,
          goto: (url) => driver.get(url),
          evaluate,
          waitFor: (fn, arg, options) => evaluate(poller(fn), [arg, waitOptions(options)]),
          click,
          download: (selector) => downloadInPage(evaluate, () => click(selector)),
          close: async () => {},
        };
      },
      close,
    };
  } catch (error) {
    killAll();
    process.off('exit', killAll);
    throw error;
  }
}

/** Runs fn(arg) in the page and awaits its promise, as Playwright's and Puppeteer's evaluate do.
 *  A rejection in the page comes back as an error here. */
async function webdriverEvaluate(driver, fn, arg) {
  const script = `const done = arguments[arguments.length - 1];
    Promise.resolve().then(() => (${fn.toString()})(arguments[0]))
      .then((value) => done({ value: value === undefined ? null : value }), (error) => done({ error: String(error && error.message || error) }));`;
  const result = await driver.executeAsyncScript(script, arg ?? null);
  if (result?.error != null) throw new Error(`in the page: ${result.error}`);
  return result?.value;
}

// ---- In-page helpers (serialised into the page: no closures) -----------------------------

function waitOptions({ timeout = 60_000, polling = 100 } = {}) {
  return { timeout, polling };
}

/** Runs in the page: calls the predicate every `polling` ms until it returns something truthy,
 *  which it resolves with, or rejects after `timeout` ms. */
function pollInPage(predicate, [arg, { timeout, polling }]) {
  const deadline = performance.now() + timeout;
  return new Promise((resolve, reject) => {
    const check = () => {
      let value;
      try {
        value = predicate(arg);
      } catch (error) {
        return reject(error);
      }
      if (value) return resolve(value);
      if (performance.now() > deadline) return reject(new Error(`timed out after ${timeout} ms waiting for ${predicate}`));
      setTimeout(check, polling);
    };
    check();
  });
}

/** pollInPage bound to `predicate`, as one function: every driver sends a function to the page
 *  as its source text, so the predicate's source is written into this one's. */
function poller(predicate) {
  return new Function('input', `return (${pollInPage})((${predicate}), input);`);
}

/**
 * A download where the driver offers none (Firefox over BiDi, WebKit over WebDriver): the page
 * offers a file by clicking a link with a `download` attribute (www/js/results/format.js); the
 * next such click is caught in the page and the text of the Blob behind its URL is read instead
 * of the file being saved. The Blob is kept as URL.createObjectURL makes its URL, so nothing is
 * fetched (the page's Content-Security-Policy allows no fetch of a blob: URL). The click itself
 * is a real one, through the driver.
 */
async function downloadInPage(evaluate, click) {
  await evaluate(() => {
    const originalClick = HTMLAnchorElement.prototype.click;
    const originalUrl = URL.createObjectURL;
    const blobs = new Map();
    URL.createObjectURL = (object) => {
      const url = originalUrl(object);
      blobs.set(url, object);
      return url;
    };
    window.__corelabDownload = new Promise((resolve, reject) => {
      HTMLAnchorElement.prototype.click = function caught() {
        if (!this.download) return originalClick.call(this);
        HTMLAnchorElement.prototype.click = originalClick;
        URL.createObjectURL = originalUrl;
        const blob = blobs.get(this.href);
        if (!blob) return reject(new Error(`the link offers ${this.href}, not a Blob the page made`));
        blob.text().then((text) => resolve({ name: this.download, text }), reject);
      };
    });
  });
  await click();
  return evaluate(() => {
    const timeout = new Promise((resolve, reject) => setTimeout(() => reject(new Error('the click offered no file')), 30_000));
    return Promise.race([window.__corelabDownload, timeout]);
  });
}

// ---- corelab's page, through the interface above -------------------------------------------

export const SETTLED = ['done', 'failed', 'cancelled', 'unavailable'];

/** Waits until the experiment at `selector` has loaded; returns its state and status text. */
export async function experimentReady(page, selector = '#experiment', timeout = 120_000) {
  return page.waitFor((sel) => {
    const root = document.querySelector(sel);
    const state = root?.dataset.state;
    return state && state !== 'loading' ? { state, status: root.querySelector('.status')?.textContent ?? '' } : null;
  }, selector, { timeout, polling: 100 });
}

/**
 * Starts a sweep of the experiment at `selector` with `start()` (pressing Run), waits for it to
 * end and returns its final state, calling `onStatus(text)` for each status line the page shows
 * on the way. Event-driven: a MutationObserver in the page, installed before `start`, queues
 * every change of the status or of data-state, and each driver call returns as soon as the queue
 * is not empty, so no status is missed and the wait costs the page no CPU. If `start` throws
 * (the form refused its values, say), so does this.
 */
/** How long sweepSettled waits for a change before it reads the state itself. */
const RECHECK_MS = 5000;

export async function sweepSettled(page, selector, start, onStatus = () => {}) {
  await page.evaluate((sel) => {
    const root = document.querySelector(sel);
    const status = root.querySelector('.status');
    const watch = { queue: [], wake: null };
    watch.observer = new MutationObserver(() => {
      watch.queue.push({ state: root.dataset.state, status: status?.textContent ?? '' });
      watch.wake?.();
    });
    watch.observer.observe(root, { attributes: true, attributeFilter: ['data-state'] });
    if (status) watch.observer.observe(status, { childList: true, characterData: true, subtree: true });
    window.__corelabWatch = watch;
  }, selector);
  const stop = () => page.evaluate(() => window.__corelabWatch.observer.disconnect());
  try {
    await start();
  } catch (error) {
    await stop();
    throw error;
  }
  let last = null;
  for (;;) {
    // Waits for the next change; after RECHECK_MS without one it reads the state as it is, so a
    // change whose wake-up went missing would cost seconds, not the test's whole timeout. (The
    // Firefox suite's hangs, once blamed on this wait, were the page's: a pool start that never
    // ended, which the page now starts again; see POOL_STALL_MS in www/js/experiment/sweep.js.)
    const changes = await page.evaluate(([sel, recheckMs]) => {
      const watch = window.__corelabWatch;
      if (watch.queue.length) return watch.queue.splice(0);
      return new Promise((resolve) => {
        const recheck = setTimeout(() => {
          watch.wake = null;
          const root = document.querySelector(sel);
          resolve([...watch.queue.splice(0), { state: root.dataset.state, status: root.querySelector('.status')?.textContent ?? '' }]);
        }, recheckMs);
        watch.wake = () => {
          clearTimeout(recheck);
          watch.wake = null;
          resolve(watch.queue.splice(0));
        };
      });
    }, [selector, RECHECK_MS]);
    for (const { state, status } of changes) {
      if (status && status !== last) onStatus(status);
      last = status;
      if (SETTLED.includes(state)) {
        await stop();
        return state;
      }
    }
  }
}

/**
 * A CSS selector for the button named `name` (its text) inside `scope`: the button is marked
 * with a data attribute, so every driver can click it as a person would, by what it says.
 */
export async function buttonSelector(page, scope, name) {
  const mark = await page.evaluate(([sel, text]) => {
    const button = [...document.querySelectorAll(`${sel} button`)].find((b) => b.textContent.trim() === text);
    if (!button) return null;
    button.dataset.corelabButton ??= String(Math.random()).slice(2);
    return button.dataset.corelabButton;
  }, [scope, name]);
  if (!mark) throw new Error(`no button '${name}' in ${scope}`);
  return `[data-corelab-button="${mark}"]`;
}
