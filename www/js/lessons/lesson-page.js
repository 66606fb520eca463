// The lesson engine. A lesson is an HTML file of prose with declarative blocks (see
// www/lessons/README.md); this module knows none of them. It adds the site header and lesson
// navigation, fills in the reader's core count, and brings to life every widget, experiment,
// prediction and quick check, keeping the reader's progress on this device.
import { buildInfo, loadCatalogue, loadCharts, loadNumberFormat } from '../catalogue.js';
import { checkCapabilities, describeEnvironment, unavailableReason } from '../environment.js';
import { Experiment } from '../experiment/experiment.js';
import { documentParsed, el, nameScroller, session, yieldToMain } from '../experiment/dom.js';
import { formatValue } from '../input.js';
import { isolateWithServiceWorker } from '../isolation.js';
import { LESSONS } from '../../lessons/catalogue.js';
import { getResults } from '../results/library.js';
import { speedupText } from '../stats.js';
import { LawsWidget } from './laws-widget.js';
import { findMeasure } from './measures.js';
import { Prediction } from './prediction.js';
import { LessonProgress, progressKeptInPageOnly } from './progress.js';
import { QuickCheck } from './quick-check.js';
import { siteHeader, siteFooter } from './site.js';

// The module runs as soon as it has loaded (async), apart from the parsing of the page, so the
// two are not one long task; it waits here for the elements it reads.
await documentParsed();

const main = document.querySelector('main.lesson');
const lessonId = main.dataset.lesson;
const lesson = LESSONS.find((l) => l.id === lessonId);
const progress = new LessonProgress(lessonId);
const environment = describeEnvironment();
const capabilities = checkCapabilities(environment);
// On a static host without the isolation headers this installs the service worker and reloads.
const isolation = isolateWithServiceWorker();
const query = new URLSearchParams(location.search);
// ?quick runs every experiment at the catalogue's quick sizes and two repeats (for tests).
const quick = query.has('quick');
// Where this tab notes the settings of an experiment's sweep while it runs (see mountExperiment).
const RUNNING_KEY = 'corelab-lesson-running';

document.body.prepend(...siteHeader('lessons', 'Skip to the lesson', { within: true }));
if (quick) {
  // A teacher used it to save time in a lecture and got 1.04× on 2 workers: runs of a few ms.
  const note = el('p', 'notice', 'Quick mode, for tests: the experiments run at small test sizes with two repeats, so their sizes and ' +
    'numbers differ from what the text describes, and runs of a few milliseconds give unsteady speedups. ' +
    'Open the lesson without ?quick for the real thing.');
  main.querySelector('h1').after(note);
}
document.body.append(siteFooter());
for (const span of main.querySelectorAll('[data-fill="cores"]')) span.textContent = String(environment.hardwareConcurrency);
// The prose's tables scroll sideways on a narrow screen, as the experiments' do (at 320 px one
// pushed the whole page 50 px wider).
for (const [i, node] of [...main.querySelectorAll('table.words')].entries()) {
  const wrap = el('div', 'table-wrap');
  node.id ||= `words-${i + 1}`;
  node.before(wrap);
  wrap.append(node);
  nameScroller(wrap);
}

const checks = [...main.querySelectorAll('.quick-check')].map((block) =>
  new QuickCheck(block, { prefix: `${lessonId}-`, progress, onAnswer: () => updateStatus() }));
const experimentBlocks = [...main.querySelectorAll('.experiment[data-id]')];
const bar = lessonBar();
main.querySelector('h1').after(bar.element);
main.append(lessonNav());
updateStatus();

// The lesson's Reset works from the moment it shows, before the experiments below are ready (a
// click while the page still loaded did nothing); it resets those mounted so far.
const experiments = [];
bar.reset.addEventListener('click', () => {
  bar.confirm.hidden = false;
  bar.reset.setAttribute('aria-expanded', 'true');
  bar.keep.focus();
});
bar.keep.addEventListener('click', () => closeConfirm());
// Escape answers "Keep it", as it would close a dialog.
bar.confirm.addEventListener('keydown', (event) => {
  if (event.key !== 'Escape') return;
  event.preventDefault();
  closeConfirm();
});
bar.clear.addEventListener('click', async () => {
  closeConfirm();
  for (const check of checks) check.reset();
  // Each experiment's reset also resets its predictions (its `experiment:reset` listener).
  for (const experiment of experiments) await experiment.reset();
  progress.clear(); // last: the resets above write their empty entries
  updateStatus();
  bar.note.textContent = 'This lesson\'s progress was cleared from this device.';
});

const [found] = await Promise.all([capabilities, loadCharts(), loadNumberFormat()]);
for (const [i, figure] of [...main.querySelectorAll('.widget[data-widget="laws"]')].entries()) new LawsWidget(figure, `${lessonId}-w${i}-`);
const reason = unavailableReason(environment, found);
let catalogue = null;
try {
  catalogue = await loadCatalogue();
  environment.build = await buildInfo();
} catch (error) {
  for (const block of experimentBlocks) {
    const message = el('p', 'error', error.message);
    message.setAttribute('role', 'alert');
    block.append(message);
  }
}
// One experiment per task: each builds a form, and all of them at once would block the page.
for (const block of catalogue ? experimentBlocks : []) {
  await yieldToMain();
  experiments.push(mountExperiment(block));
}

function closeConfirm() {
  bar.confirm.hidden = true;
  bar.reset.setAttribute('aria-expanded', 'false');
  bar.reset.focus();
}

function mountExperiment(block) {
  const id = block.dataset.id;
  const prefix = `${lessonId}-${id}-`;
  const preset = presetOf(block);
  const title = el('h3', 'experiment-title', block.dataset.title ?? 'Experiment');
  title.id = `${prefix}title`;
  block.prepend(title);
  if (reason) {
    const note = el('p', 'notice unavailable-note', `${reason.short} ${reason.detail}`);
    block.append(note);
    isolation.then((outcome) => {
      if (outcome && outcome !== 'reloading') note.textContent += ` ${outcome}`;
    });
  }
  // A sweep running when the page was reloaded (or left) is stopped by it: its settings, noted in
  // this tab as it started, come back in the form, and the status says what happened (a student's
  // workers and repeats went back to the preset, under "No results yet", without a word).
  const runningKey = `${RUNNING_KEY}:${lessonId}:${id}`;
  const stopped = session(runningKey);
  session(runningKey, null);
  const experiment = new Experiment(block, {
    catalogue, environment, preset, prefix, level: 4, playgroundLink: true, unavailable: reason?.short, source: `lesson:${lessonId}`,
    settings: stopped == null ? null : new URLSearchParams(stopped),
    // Named after the experiment: a lesson with two listed two regions called "Results" among its landmarks.
    resultsName: `Results: ${title.textContent}`,
    controls: (block.dataset.controls ?? '').split(',').map((c) => c.trim()).filter(Boolean),
  });
  followSettings(block, experiment.form);
  // A lesson has a Run, a Reset and an Export per experiment: each says which one it belongs to.
  for (const control of [experiment.runButton, experiment.cancelButton, experiment.resetButton, experiment.exportButton]) {
    control.setAttribute('aria-describedby', title.id);
  }
  const predictions = [...block.querySelectorAll('.prediction[data-measure]')].flatMap((p) => {
    const measure = findMeasure(p.dataset.measure);
    if (!measure) {
      console.warn(`lesson ${lessonId}: unknown measure '${p.dataset.measure}'`);
      return [];
    }
    return [new Prediction(p, { key: `${id}:${p.dataset.measure}`, measure, preset, progress, environment, prefix })];
  });
  // The comparison sits with the prediction, above the controls: after a run the window shows
  // the controls and the chart below them, and a reader at 1280×720 never saw it.
  experiment.afterDone = () => {
    const outcome = predictions.map((p) => p.outcome).find((o) => o.childElementCount && !o.querySelector('.unanswered'));
    if (!outcome) return [];
    const back = Object.assign(el('button', 'status-action', 'Your prediction beside the measurement'), { type: 'button' });
    // The arrow is for the eye: read out, it was "up arrow" in the middle of the status.
    const arrow = el('span', '', '↑ ');
    arrow.setAttribute('aria-hidden', 'true');
    back.prepend(arrow);
    back.addEventListener('click', () => {
      outcome.tabIndex = -1;
      outcome.scrollIntoView({ block: 'center' });
      outcome.focus({ preventScroll: true });
    });
    return [' ', back];
  };
  block.addEventListener('experiment:results', ({ detail: results }) => {
    const shown = predictions.map((p) => p.show(results));
    progress.setResult(id, { at: new Date().toISOString(), workload: results.workload, points: results.points.length, shown });
    updateStatus();
  });
  // Where the results library keeps the sweep, so that a reload can show it again.
  block.addEventListener('experiment:saved', ({ detail }) => {
    const summary = progress.result(id);
    if (summary && detail.results === experiment.results) progress.setResult(id, { ...summary, library: detail.id });
  });
  block.addEventListener('experiment:state', ({ detail: state }) => {
    session(runningKey, ['queued', 'running'].includes(state) ? experiment.form.toQuery().toString() : null);
  });
  const stoppedText = 'A sweep you started here did not finish: the page was reloaded or left while it ran, which stops it.';
  if (stopped != null && experiment.state === 'idle') experiment.status.textContent = `${stoppedText} Its settings are back: press Run to measure it again.`;
  const last = progress.result(id);
  predictions.forEach((p, i) => {
    if (last?.shown?.[i]) p.restoreOutcome(last.shown[i], last.at);
  });
  // The last run's charts and tables come back beside its prediction, unless the reader has
  // deleted it from the library since (then the comparison above stands alone). Its settings
  // come back with it; where a stopped sweep had others, the status names them.
  if (last?.library != null) {
    getResults(last.library)
      .then((entry) => {
        if (!entry || !experiment.showSaved(entry.doc, last.at) || stopped == null) return;
        const shown = experiment.form.toQuery();
        const differ = [...new URLSearchParams(stopped)].filter(([key, value]) => shown.get(key) !== value).map(([key, value]) => `${key} = ${value}`);
        experiment.status.textContent = `${stoppedText} Shown is your last finished run, with its settings` +
          (differ.length ? `; the stopped one had ${differ.join(', ')}.` : '.');
      })
      .catch((error) => console.warn(`lesson ${lessonId}: the last run of '${id}' could not be read back: ${error.message ?? error}`));
  }
  if (predictions.length) {
    // Reset forgets the guess as well, which a reader about to re-run with it in mind should know.
    const yours = predictions.length === 1 ? 'your prediction' : 'your predictions';
    experiment.resetButton.title = `Back to the starting settings; clears the results shown and ${yours}`;
    // The title shows on hover only (the description, the experiment's title, took its place for
    // the keyboard and screen readers): it is read as part of the description too.
    const hint = Object.assign(el('span', 'visually-hidden', experiment.resetButton.title), { id: `${prefix}reset-hint` });
    experiment.resetButton.after(hint);
    experiment.resetButton.setAttribute('aria-describedby', `${title.id} ${hint.id}`);
  }
  block.addEventListener('experiment:reset', () => {
    for (const p of predictions) p.reset();
    if (predictions.length && experiment.state !== 'unavailable') {
      experiment.status.textContent += ` ${predictions.length === 1 ? 'Your prediction is' : 'Your predictions are'} cleared too: make a new one before you run.`;
    }
    progress.setResult(id, null);
    updateStatus();
  });
  return experiment;
}

/**
 * Text that names a setting the reader can change (`<span data-fill="param:size">32</span> MB`)
 * shows the value in its field, so the sentence describes the run Run will make: the Amdahl
 * lesson said "a quarter of them on one thread" and "the ceiling of 4×" after s was set to 0.1.
 * `ceiling:NAME` shows Amdahl's 1/s for a serial fraction. A value the parameter does not allow
 * (the field's own message says why) leaves the text at the last one it did: "s = 2 … ceiling of
 * 10×" paired a refused value with the ceiling of the one before.
 */
function followSettings(block, form) {
  const spans = [...block.querySelectorAll('[data-fill^="param:"], [data-fill^="ceiling:"]')];
  if (!spans.length) return;
  const show = () => {
    for (const span of spans) {
      const [kind, name] = span.dataset.fill.split(':');
      const value = form.valueOf(name);
      if (value === null) continue;
      span.textContent = kind === 'ceiling' ? (value > 0 ? speedupText(1 / value) : '∞') : formatValue(value);
    }
  };
  // Typing, Reset, and a reload's last run, whose settings come back with it (a state change).
  for (const type of ['input', 'change', 'experiment:reset', 'experiment:state']) block.addEventListener(type, show);
  show();
}

/** The block's preset; in quick mode with the catalogue's quick sizes and two repeats. A
 *  parameter sweep keeps its sizes: its point is how the varied value relates to them. */
function presetOf(block) {
  const preset = new URLSearchParams(block.dataset.preset ?? '');
  if (!quick) return preset;
  const workload = catalogue.workloads.find((w) => w.id === preset.get('workload'));
  for (const spec of workload?.params ?? []) {
    if (spec.kind !== 'choice' && spec.quick !== spec.default && !preset.has('vary')) preset.set(spec.name, String(spec.quick));
  }
  if (preset.get('repeats') !== 'auto') preset.set('repeats', '2');
  return preset;
}

function lessonBar() {
  const element = el('div', 'lesson-bar');
  // Not a live region: it changes with every answer and run, each already heard where it happened.
  const status = el('p', 'lesson-status');
  const button = (text) => Object.assign(el('button', '', text), { type: 'button' });
  const reset = button('Reset this lesson');
  // Asked before anything is cleared: there is no undo.
  const confirm = Object.assign(el('div', 'lesson-confirm'), { id: `${lessonId}-reset-confirm`, hidden: true });
  confirm.setAttribute('role', 'group');
  confirm.setAttribute('aria-label', 'Reset this lesson?');
  const clear = button('Clear my progress');
  const keep = button('Keep it');
  const question = Object.assign(el('p', '', 'Clear your answers, predictions and runs of this lesson from this device? This cannot ' +
    'be undone; the sweeps you ran stay in your results library.'), { id: `${lessonId}-reset-question` });
  // The focus lands on "Keep it": the group's description reads the question out with it.
  confirm.setAttribute('aria-describedby', question.id);
  confirm.append(question, clear, keep);
  reset.setAttribute('aria-controls', confirm.id);
  reset.setAttribute('aria-expanded', 'false');
  const note = el('p', 'help');
  note.setAttribute('aria-live', 'polite');
  element.append(status, reset, confirm, note);
  return { element, status, reset, confirm, clear, keep, note };
}

function updateStatus() {
  const status = progress.status(checks.map((c) => c.id), experimentBlocks.map((b) => b.dataset.id));
  progress.saveStatus(status);
  bar.status.textContent = `${status.done ? 'Done. ' : ''}Quick checks answered correctly: ${status.solved} of ${status.checks}. ` +
    `Experiments run: ${status.run} of ${status.experiments}. ` + (progressKeptInPageOnly()
    ? 'This browser refuses to store your progress (a private window?): it lasts until you leave this page.'
    : 'Your progress stays on this device.');
  if (status.started) bar.note.textContent = '';
}

function lessonNav() {
  const nav = el('nav', 'lesson-nav');
  nav.setAttribute('aria-label', 'Lessons');
  const index = LESSONS.indexOf(lesson);
  const link = (l, rel, text) => Object.assign(el('a', rel, text), { href: `${l.id}.html`, rel });
  if (index > 0) nav.append(link(LESSONS[index - 1], 'prev', `← ${LESSONS[index - 1].title}`));
  nav.append(Object.assign(el('a', 'index', 'All lessons'), { href: './' }));
  if (index >= 0 && index < LESSONS.length - 1) nav.append(link(LESSONS[index + 1], 'next', `${LESSONS[index + 1].title} →`));
  return nav;
}
