// The playground's notice when threads cannot run, naming the real cause, and the fallback for
// static hosts that cannot send COOP/COEP: coi-serviceworker adds them from a service worker.
// It must run on every load until its worker controls the page (it reloads once then), so the
// reader's opt-in is remembered.

const COI_OPT_IN = 'corelab-coi-serviceworker';
const COI_SCRIPT = new URL('../coi-serviceworker.min.js', import.meta.url);

/** Runs the fallback on every load once the reader opted in; call it before anything else. */
export function resumeIsolationFallback() {
  if (!self.crossOriginIsolated && self.isSecureContext && localStorage.getItem(COI_OPT_IN) && 'serviceWorker' in navigator &&
      !navigator.serviceWorker.controller) {
    loadCoiServiceWorker(null);
  }
}

function loadCoiServiceWorker(detail) {
  if (detail) detail.textContent = 'Installing the service worker; the page will reload…';
  const script = document.createElement('script');
  script.src = COI_SCRIPT.href;
  script.onerror = () => {
    if (detail) detail.textContent = 'The service worker script is missing: build with ./build.sh first.';
  };
  document.head.append(script);
}

/** Shows `notice` with the part that explains `reason.cause`, and wires the fallback button. */
export function explainUnavailable(notice, reason) {
  notice.hidden = false;
  for (const part of notice.querySelectorAll('[data-cause]')) part.hidden = !part.dataset.cause.split(' ').includes(reason.cause);
  notice.querySelector('.reason-detail').textContent = reason.detail;
  const detail = notice.querySelector('.isolation-detail');
  const button = notice.querySelector('.enable-isolation');
  if (reason.cause !== 'headers') return;
  if (!('serviceWorker' in navigator)) {
    button.disabled = true;
    detail.textContent = 'This browser has no service workers, so the fallback cannot help here.';
    return;
  }
  button.addEventListener('click', () => {
    localStorage.setItem(COI_OPT_IN, '1');
    loadCoiServiceWorker(detail);
  });
  if (localStorage.getItem(COI_OPT_IN) && navigator.serviceWorker.controller) {
    detail.textContent = 'The isolation service worker is active, but this browser still does not isolate the page.';
  }
}
