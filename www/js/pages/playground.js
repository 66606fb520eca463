// The playground: one Experiment with every control, set from the URL, plus the device panel.
import { buildInfo, loadCatalogue, loadCharts, loadNumberFormat } from '../catalogue.js';
import { checkCapabilities, describeEnvironment, renderEnvironment, unavailableReason } from '../environment.js';
import { documentParsed, yieldToMain } from '../experiment/dom.js';
import { Experiment } from '../experiment/experiment.js';
import { explainUnavailable } from '../isolation.js';

// The module runs as soon as it has loaded (async), apart from the parsing of the page, so the
// two are not one long task; it waits here for the elements it reads.
await documentParsed();

const environment = describeEnvironment();
const query = new URLSearchParams(location.search);
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
  new Experiment(root, { catalogue, environment, preset: query, unavailable: reason?.short, fault: query.get('fault') });
  fitControlsToWindow(root.querySelector('.experiment-controls'));
} catch (error) {
  const message = Object.assign(document.createElement('div'), { className: 'error', textContent: error.message });
  message.setAttribute('role', 'alert');
  root.append(message);
  root.dataset.state = 'unavailable';
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
  fit();
}

