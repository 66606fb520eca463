// The playground: one Experiment with every control, set from the URL, plus the device panel.
import { buildInfo, loadCatalogue, loadCharts, loadNumberFormat } from '../catalogue.js';
import { checkCapabilities, describeEnvironment, renderEnvironment, unavailableReason } from '../environment.js';
import { documentParsed, session, yieldToMain } from '../experiment/dom.js';
import { Experiment } from '../experiment/experiment.js';
import { explainUnavailable } from '../isolation.js';
import { wordList } from '../input.js';
import { getResults } from '../results/library.js';

// Where this device remembers the playground's last sweep (see keepLastSweep).
const LAST_SWEEP_KEY = 'corelab-playground-last';
// Where this tab notes the settings of a sweep it started and has not finished (sessionStorage,
// which a reload and Back keep): a reload during a sweep stops it.
const RUNNING_KEY = 'corelab-playground-running';
/** Where the controls pane is this short, the workload's description is folded (foldDescription):
 *  declared before the page's top-level code, which uses it. */
const SHORT_PANE = '(min-width: 75rem) and (max-height: 54rem)';

// The module runs as soon as it has loaded (async), apart from the parsing of the page, so the
// two are not one long task; it waits here for the elements it reads.
await documentParsed();

const environment = describeEnvironment();
let query = new URLSearchParams(location.search);
// The address takes a sweep's settings as it starts: a reload (or Back) while it ran opened on
// them with no results and no word of the finished sweep before it. That one is shown instead,
// with its settings, and the page says what became of the other.
const interrupted = session(RUNNING_KEY) === query.toString();
session(RUNNING_KEY, null);
const lastSweep = recall();
// What the stopped sweep asked for that the shown one does not ("n=4000000"), to run it again.
let stoppedWith = '';
if (interrupted && lastSweep?.library != null && lastSweep.settings !== query.toString()) {
  const shown = new URLSearchParams(lastSweep.settings);
  stoppedWith = [...query].filter(([key, value]) => shown.get(key) !== value).map(([key, value]) => `${key}=${value}`).join('&');
  query = shown;
  history.replaceState(history.state, '', `?${lastSweep.settings}${location.hash}`);
}
// The address this tab was opened with, kept across reloads (history.state survives them): a
// sweep writes its settings into the address, so a reload opens with those, while Reset goes back
// to where the tab started, a teacher's link or the defaults.
const openedAt = history.state?.corelabOpenedAt ?? location.search;
if (history.state?.corelabOpenedAt == null) history.replaceState({ ...history.state, corelabOpenedAt: openedAt }, '');
const root = document.querySelector('#experiment');
const deviceList = document.querySelector('#environment-list');
renderEnvironment(deviceList, environment);
// Run stays off (the experiment is still loading) until the browser's capabilities are checked.
const capabilities = checkCapabilities(environment).then((found) => {
  renderEnvironment(deviceList, environment, found);
  const why = unavailableReason(environment, found);
  if (why) explainUnavailable(document.querySelector('#isolation'), why);
  return why;
});

try {
  const [catalogue, build, reason] = await Promise.all([loadCatalogue(), buildInfo(), capabilities, loadCharts(), loadNumberFormat()]);
  environment.build = build;
  // Building the form is a task of its own, apart from the chart script whose loading ended the wait.
  await yieldToMain();
  // ?fault=panic or ?fault=oom makes the first run fail on purpose inside the thread pool, to show
  // (and test) that a kernel fault is reported and the page recovers. Later runs are normal.
  // ?fault=pool-stall blocks the first run's first pool start for good, as Firefox sometimes
  // does, to show (and test) that the page starts it again (POOL_STALL_MS in experiment/sweep.js).
  const experiment = new Experiment(root, { catalogue, environment, preset: new URLSearchParams(openedAt), settings: query,
    unavailable: reason?.short, fault: query.get('fault') });
  fitControlsToWindow(root.querySelector('.experiment-controls'));
  const unused = experiment.form.unusedIn(query, ['fault']);
  if (unused.length && experiment.state === 'idle') {
    experiment.status.textContent = `This link asked for what this page does not have: ${unused.join('; ')}. The rest of it is set.`;
  }
  keepLastSweep(experiment, query, interrupted);
} catch (error) {
  const message = Object.assign(document.createElement('div'), { className: 'error', textContent: error.message });
  message.setAttribute('role', 'alert');
  root.append(message);
  root.dataset.state = 'unavailable';
}

/**
 * A reload shows the last sweep again, as a lesson does. When a sweep starts, the address takes
 * its settings (so a reload, a bookmark or a copied link sets the same form); when the results
 * library has kept it, this device remembers where, with those settings. A page opened with the
 * same settings shows that sweep back from the library; Reset forgets it, and puts the address back
 * as the tab was first opened.
 */
function keepLastSweep(experiment, opened, cutShort) {
  let settings = null;
  const kept = new WeakMap(); // a sweep's results -> what remember() was given for it
  const stopped = 'A sweep you started in this tab did not finish: the page was reloaded or left while it ran, which stops it.';
  if (cutShort && experiment.state === 'idle') experiment.status.textContent = `${stopped} Press Run to measure it again.`;
  experiment.root.addEventListener('experiment:state', ({ detail: state }) => {
    session(RUNNING_KEY, ['queued', 'running'].includes(state) ? experiment.form.toQuery().toString() : null);
    if (state === 'queued') {
      settings = experiment.form.toQuery().toString();
      history.replaceState(history.state, '', `?${settings}${location.hash}`);
    } else if (['cancelled', 'failed'].includes(state) && kept.has(experiment.results)) {
      // Stopped before its first point: the sweep shown is still the one before, so the address
      // is its again (a reload showed nothing, under the stopped sweep's settings).
      settings = kept.get(experiment.results).settings;
      history.replaceState(history.state, '', `?${settings}${location.hash}`);
    }
  });
  experiment.root.addEventListener('experiment:saved', ({ detail }) => {
    if (detail.results !== experiment.results || settings == null) return;
    kept.set(detail.results, { library: detail.id, at: new Date().toISOString(), settings });
    remember(kept.get(detail.results));
  });
  // The complete sweep shown again over a stopped one: the address and the last sweep are its
  // again (they held the stopped sweep's settings, and a reload then showed nothing).
  experiment.root.addEventListener('experiment:restored', ({ detail }) => {
    settings = experiment.form.toQuery().toString();
    history.replaceState(history.state, '', `?${settings}${location.hash}`);
    if (kept.has(detail.results)) {
      kept.set(detail.results, { ...kept.get(detail.results), settings });
      remember(kept.get(detail.results));
    }
  });
  // Reset goes back to the settings the tab was opened with, the address too ("workers=1,2" as
  // it was written): else a reload brought the last sweep's settings back over Reset's form.
  experiment.root.addEventListener('experiment:reset', () => {
    remember(null);
    settings = null;
    history.replaceState(history.state, '', `${openedAt || location.pathname}${location.hash}`);
  });
  const last = recall();
  if (last?.library == null || last.settings !== opened.toString()) return;
  getResults(last.library)
    .then((entry) => {
      // Kept as a sweep of this page's: a later one stopped before its first point gives the address back to it.
      if (entry && experiment.showSaved(entry.doc, last.at)) {
        kept.set(experiment.results, last);
        if (cutShort) {
          experiment.status.textContent = `${stopped} Shown is your last finished sweep, of ${new Date(last.at).toLocaleString()}, with its settings` +
            (stoppedWith ? `; the stopped one had ${stoppedWith.split('&').join(', ')}.` : '.');
        }
      }
    })
    .catch((error) => console.warn(`the last sweep could not be read back: ${error.message ?? error}`));
}

/** Notes the last sweep (null: none) for this tab, which a reload reads back, and for the next
 *  visit. One note for every tab had a reload of one tab find another tab's sweep, and show
 *  nothing. */
function remember(value) {
  session(LAST_SWEEP_KEY, value ? JSON.stringify(value) : null);
  try {
    if (value) localStorage.setItem(LAST_SWEEP_KEY, JSON.stringify(value));
    else localStorage.removeItem(LAST_SWEEP_KEY);
  } catch {
    // Storage refused (private mode, full): a new visit just starts empty.
  }
}

/** This tab's last sweep, else the last of any tab (a new visit), else null. */
function recall() {
  try {
    return JSON.parse(session(LAST_SWEEP_KEY) ?? localStorage.getItem(LAST_SWEEP_KEY) ?? 'null');
  } catch {
    return null;
  }
}

/**
 * Where the controls sit beside the results (1200 px and wider), they scroll in a pane of their
 * own, sticky at the window's top, with Run and its neighbours held at the pane's bottom. Above
 * the pane are the header and the heading: until the page is scrolled by that much, a pane of
 * the window's height would end below it, and Run with it. Its height is the window's minus
 * what is still above it (`--controls-top`, style.css), kept as the page scrolls or resizes.
 */
function fitControlsToWindow(pane) {
  let queued = false;
  const fit = () => {
    queued = false;
    pane.style.setProperty('--controls-top', `${Math.max(0, pane.getBoundingClientRect().top)}px`);
  };
  const later = () => {
    if (!queued) requestAnimationFrame(fit);
    queued = true;
  };
  addEventListener('scroll', later, { passive: true });
  addEventListener('resize', later);
  // And as what is above it changes height (a notice, the header wrapping), not only on scroll.
  new ResizeObserver(later).observe(document.body);
  fit();
  foldDescription(pane);
  showWhatIsBelow(pane);
}

/**
 * On a short window (a projector's 1280×720, a laptop's 1366×657) the workload's description
 * filled half the pane and N sat under the buttons. There it shows its first two lines, with a
 * button under them to read the rest; on taller windows it is whole and the button is gone.
 */
function foldDescription(pane) {
  const text = pane.querySelector('p.description');
  if (!text) return;
  text.id ||= 'workload-description';
  const toggle = Object.assign(document.createElement('button'), { type: 'button', className: 'description-toggle' });
  toggle.setAttribute('aria-controls', text.id);
  text.after(toggle);
  const short = matchMedia(SHORT_PANE);
  let open = false;
  const show = () => {
    text.classList.toggle('folded', short.matches && !open);
    toggle.textContent = open ? 'Show less' : 'Read the whole description';
    toggle.setAttribute('aria-expanded', String(open));
    // Folded text that fits its two lines has nothing more to show.
    toggle.hidden = !short.matches || (!open && text.scrollHeight <= text.clientHeight + 1);
  };
  toggle.addEventListener('click', () => {
    open = !open;
    show();
  });
  short.addEventListener('change', show);
  // Another workload writes another description, and a narrower pane wraps it onto more lines.
  new MutationObserver(show).observe(text, { childList: true, characterData: true, subtree: true });
  new ResizeObserver(show).observe(text);
  show();
}

/**
 * In that pane, the worker counts sat below its fold at 1280×800 with nothing to say they were
 * there: a newcomer saw N, Grain and Run. While the Sweep box is out of view, a button above Run
 * names it and scrolls to it; while anything is, the buttons' edge casts a shadow.
 */
function showWhatIsBelow(pane) {
  const sweep = pane.querySelector('fieldset.sweep');
  const buttons = pane.querySelector('.buttons');
  if (!sweep || !buttons) return;
  const more = Object.assign(document.createElement('button'), { type: 'button', className: 'more-below', hidden: true });
  const legend = sweep.querySelector('legend');
  // The pane alone scrolls, to the Sweep box's top, and the keyboard goes there too.
  // scrollIntoView also scrolled the window, which moves the sticky pane's top and height a
  // frame later (--controls-top): two fresh clones' runs ended with Workers under the buttons.
  more.addEventListener('click', () => {
    pane.scrollTo({ top: pane.scrollTop + sweep.getBoundingClientRect().top - pane.getBoundingClientRect().top - 8 });
    sweep.querySelector('select, input')?.focus({ preventScroll: true });
  });
  buttons.prepend(more);
  const check = () => {
    const below = pane.scrollHeight - pane.scrollTop - pane.clientHeight > 4;
    pane.classList.toggle('more-below', below);
    const hidden = below && !sweep.hidden && legend.getBoundingClientRect().bottom > buttons.getBoundingClientRect().top;
    // Named by what the box shows (a workload may hide some of it).
    const names = [...sweep.querySelectorAll('.field:not([hidden], .sub) > label')].map((l) => l.firstChild.textContent.trim());
    more.textContent = `More below: ${wordList(names)} ↓`;
    more.hidden = !hidden || !names.length;
  };
  pane.addEventListener('scroll', check, { passive: true });
  addEventListener('resize', check);
  // The form's height, and the pane's (which follows --controls-top), both move the fold: a
  // fresh clone's test run once found the line hidden with the Sweep box below the fold.
  const resized = new ResizeObserver(check);
  resized.observe(pane);
  if (pane.querySelector('form')) resized.observe(pane.querySelector('form'));
  check();
  // A field reached with Tab scrolls into view above the buttons (`scroll-padding-bottom`,
  // style.css), whose height grows by the line above: a fixed 6rem left half a field under them.
  new ResizeObserver(() => pane.style.setProperty('--buttons-height', `${buttons.offsetHeight}px`)).observe(buttons);
}

