// Isolation for hosts that cannot send COOP/COEP (GitHub Pages, a plain file server, `./build.sh
// dist` anywhere): coi-serviceworker, installed as a service worker, adds the two headers to every
// response of this origin, and the page reloads once to come back through it, isolated.
//
// We register the worker ourselves rather than through coi-serviceworker's page script: that
// script reloads on `updatefound`, and when the reloaded page asks again while the worker is
// still installing, the worker's `clients.claim()` can take the page over before the answer
// arrives. The page is then controlled yet not isolated, and nothing reloads it again (seen on a
// busy machine). Here the reload waits until the worker is active (`serviceWorker.ready`), and
// a controlled page that is still not isolated reloads too, at most MAX_RELOADS times per tab,
// so a browser that does not isolate even then is told so instead of reloading forever.

import { session } from './experiment/dom.js';

const WORKER_SCRIPT = new URL('../coi-serviceworker.min.js', import.meta.url);
const RELOADS = 'corelab-isolation-reloads';
const MAX_RELOADS = 2;
/** How long a registered worker may take to become active before we say it did not start. */
const ACTIVATION_WAIT_MS = 15_000;

let attempt = null;

/**
 * Starts the service-worker fallback when it can help: a secure page that is not isolated. The
 * promise settles with null when the page is isolated or the fallback does not apply, with
 * 'reloading' when the page is about to reload through the worker, and otherwise with a sentence
 * saying why the fallback cannot isolate this page. Idempotent: every caller shares one attempt.
 */
export function isolateWithServiceWorker() {
  attempt ??= tryServiceWorker();
  return attempt;
}

async function tryServiceWorker() {
  if (self.crossOriginIsolated) {
    session(RELOADS, null);
    return null;
  }
  if (!self.isSecureContext) return null; // no service worker can help: the notice says why
  if (!('serviceWorker' in navigator)) return 'This browser has no service workers, so the fallback cannot isolate the page.';
  // Where the site may not store data (a browser set to block it), no service worker installs,
  // and the reloads could not be counted: said at once, instead of "Installing…" for ever.
  if (!storageAllowed()) {
    return 'This browser does not let this site store data, and the fallback needs to (it installs a service worker): ' +
      'allow this site to store data, or serve the page with the headers (./build.sh serve).';
  }
  const reloads = Number(session(RELOADS) ?? 0);
  if (reloads >= MAX_RELOADS) {
    return `The isolation service worker is installed, but this browser still did not isolate the page after ${reloads} reloads.`;
  }
  try {
    await navigator.serviceWorker.register(WORKER_SCRIPT.href);
    await activeWithin(ACTIVATION_WAIT_MS);
  } catch (error) {
    return `The isolation service worker could not be installed: ${error?.message ?? error}.`;
  }
  session(RELOADS, String(reloads + 1));
  location.reload();
  return 'reloading';
}

/** Whether this page may use its session storage (and so store data at all). */
function storageAllowed() {
  try {
    sessionStorage.setItem(RELOADS_PROBE, '1');
    sessionStorage.removeItem(RELOADS_PROBE);
    return true;
  } catch {
    return false;
  }
}
const RELOADS_PROBE = `${RELOADS}-probe`;

function activeWithin(ms) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`it did not start within ${ms / 1000} s`)), ms);
  });
  return Promise.race([navigator.serviceWorker.ready, late]).finally(() => clearTimeout(timer));
}

/** Lets the reader try the fallback again after it gave up (the reload count starts afresh). */
function retry() {
  session(RELOADS, null);
  attempt = null;
  return isolateWithServiceWorker();
}

/**
 * Shows `notice` with the part that explains `reason.cause`. Where the cause is missing headers,
 * it says that the service-worker fallback is being tried, and if that fails, why, with a button
 * to try again.
 */
export function explainUnavailable(notice, reason) {
  notice.hidden = false;
  for (const part of notice.querySelectorAll('[data-cause]')) part.hidden = !part.dataset.cause.split(' ').includes(reason.cause);
  // Missing headers have a part of their own that says all the detail does ("serve the project
  // with ./build.sh serve" stood there twice).
  Object.assign(notice.querySelector('.reason-detail'), { textContent: reason.detail, hidden: reason.cause === 'headers' });
  const detail = notice.querySelector('.isolation-detail');
  const button = notice.querySelector('.enable-isolation');
  if (reason.cause !== 'headers' || !detail || !button) return;
  const show = (outcome) => {
    button.hidden = outcome === 'reloading' || outcome === null;
    button.disabled = !('serviceWorker' in navigator);
    detail.textContent = outcome === 'reloading' ? 'The isolation service worker is active; reloading the page through it…' : outcome ?? '';
  };
  detail.textContent = 'Installing a service worker that adds the two headers; the page reloads once…';
  button.hidden = true;
  isolateWithServiceWorker().then(show);
  button.addEventListener('click', () => {
    detail.textContent = 'Trying the service worker again…';
    retry().then(show);
  });
}
