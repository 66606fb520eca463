// The Results page: the library of results kept in this browser, files and links brought in,
// several results compared on one chart, and the standard suite that tests this device. Every
// string from a file or a link is shown as text (textContent), never as HTML; every derived
// number is recomputed from the samples.
import { buildInfo, loadCatalogue, loadCharts } from '../catalogue.js';
import { checkCapabilities, describeEnvironment, unavailableReason } from '../environment.js';
import { OverlayChart } from '../experiment/charts.js';
import { problemText } from '../experiment/results-view.js';
import { cell, chartFigure, documentParsed, el, nameScroller, row, setHeadings } from '../experiment/dom.js';
import { compactNumber, counted, formatValue, wordList } from '../input.js';
import { isolateWithServiceWorker } from '../isolation.js';
import { LESSONS } from '../../lessons/catalogue.js';
import { siteFooter, siteHeader } from '../lessons/site.js';
import { comparability, compareSeries, groupBy, groupKey, leadWithDifference, otherCountsSentence, paramDifferences, paramsText, problemsOf, ratiosAgainst, ratioSentence, refusedParams, runsParamsText, runtimeName, sameProblem, seriesNotes, seriesSummaries, sharesPoint, workersWords } from '../results/compare.js';
import { downloadDocument, resultsFileName } from '../results/format.js';
import { completeDocument } from '../results/sweep-results.js';
import { ratioText, speedupLevel, timesIntervalText } from '../stats.js';
import {
  deleteResults, describeDevice, deviceLabel, library, listResults, onLibraryChange, readLibrary, renameResults, restoreResults, saveManyResults,
  saveResults, setDeviceLabel,
} from '../results/library.js';
import { encodeShare, forSharing, payloadFromHash, decodeShare, SHARE_LIMIT, shareUrl, viewFromHash } from '../results/share.js';
import { LABEL_LENGTH, LIBRARY_FORMAT, readResultsFile } from '../results/import.js';
import { runSuite, SUITE } from '../results/suite.js';
import { ResultsError, seriesOf } from '../results/validate.js';

// The module runs as soon as it has loaded (async), apart from the parsing of the page, so the
// two are not one long task; it waits here for the elements it reads.
await documentParsed();

document.body.prepend(...siteHeader('results', 'Skip to the results'));
document.body.append(siteFooter());
const $ = (selector) => document.querySelector(selector);
const main = $('#main');
const environment = describeEnvironment();
// On a static host without the isolation headers this installs the service worker and reloads.
const isolation = isolateWithServiceWorker();
const quick = new URLSearchParams(location.search).has('quick');

const state = {
  entries: [], // the library, as listed
  selected: new Set(), // ids
  sort: { key: 'saved', descending: true },
  shared: null, // entries decoded from a link, not (yet) in the library
  compared: [], // the entries on the chart
  workloads: null, // the catalogue's workloads by id, once it is in
};

// A result of a workload this build does not know, or of a problem it would refuse (a newer
// corelab's, or an edited file), is compared as it is, with a note saying so.
loadCatalogue().then((catalogue) => {
  state.workloads = new Map(catalogue.workloads.map((w) => [w.id, w]));
  if (state.entries.length) renderLibrary(); // its Sweeps say which problems this version would refuse
  if (!$('#compare').hidden) drawComparison();
}, () => {});

// ---- This device: its label, and the standard suite ----------------------------------------

$('#device-label').value = deviceLabel(environment);
$('#device-label').placeholder = describeDevice(environment);
$('#device-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const stored = setDeviceLabel($('#device-label').value);
  $('#device-label').value = deviceLabel(environment);
  $('#suite-status').textContent = `Results saved from now on will be labelled “${deviceLabel(environment)}”` +
    (stored ? '.' : ' in this visit: this browser does not let the site store it, so the next visit starts with the default again.');
});

$('#suite-help').textContent = (quick ? 'Quick mode (?quick): the catalogue\'s quick sizes on 1 and 2 workers, two repeats each, saved as a quick suite result. ' : '') +
  `A fixed, versioned set of measurements (${SUITE.name} v${SUITE.version}): ` +
  `${SUITE.workloads.map((w) => w.title).join(', ')}, each on 1 to twice the ${environment.hardwareConcurrency} cores ` +
  'this browser reports, with Auto repeats on a short budget. It takes a few minutes (less on fewer cores) and saves one ' +
  'result: speedup and efficiency per workload, where the curve stops gaining, wasm SIMD and the timer. Any two suite ' +
  'results compare directly.';

for (const wrap of document.querySelectorAll('.table-wrap')) nameScroller(wrap); // the page's own tables

let suiteRun = null;
// The suite needs threads: it waits for the browser's capabilities to be checked. Everything else
// on this page (the library, imports, links, the comparison) works without them.
$('#suite-run').disabled = true;
$('#device').dataset.state = 'checking';
checkCapabilities(environment).then((found) => {
  const reason = unavailableReason(environment, found);
  $('#device').dataset.state = reason ? 'unavailable' : 'idle';
  if (!reason) {
    $('#suite-run').disabled = false;
    return;
  }
  $('#suite-status').textContent = `Testing this device needs threads, and here ${reason.short.replace(/^Threads are unavailable: /, '').replace(/\.+$/, '').replace(/^./, (c) => c.toLowerCase())}. ` +
    'Results from elsewhere can still be imported, compared and shared here.';
  isolation.then((outcome) => {
    if (outcome && outcome !== 'reloading') $('#suite-status').textContent += ` ${outcome}`;
  });
});

$('#suite-run').addEventListener('click', async () => {
  const catalogue = await loadCatalogue();
  environment.build = await buildInfo();
  const device = $('#device');
  const progress = $('#suite-progress');
  // Run and Cancel take turns: the keyboard moves from one to the other (a disabled button drops it).
  const fromRun = document.activeElement === $('#suite-run');
  $('#suite-run').disabled = true;
  $('#suite-cancel').disabled = false;
  if (fromRun) $('#suite-cancel').focus();
  $('#suite-summary').replaceChildren();
  // A value from the start: a progress bar without one is "indeterminate" and animates, redrawn
  // frame after frame while the first worker loads and starts its pool (both measured).
  Object.assign(progress, { value: 0, hidden: false });
  device.dataset.state = 'running';
  suiteRun = runSuite({
    catalogue, environment, quick,
    onProgress: ({ done, of, text }) => {
      Object.assign(progress, { max: of, value: done });
      $('#suite-status').textContent = text;
    },
  });
  try {
    const doc = await suiteRun.finished;
    const label = `${deviceLabel(environment)}${quick ? ' (quick suite)' : ''}`;
    await saveResults({ ...doc, label }, { label, source: 'suite' });
    $('#suite-status').textContent = `Done: saved as “${label}” in your library (standard suite v${SUITE.version}).`;
    $('#suite-summary').replaceChildren(suiteSummary(doc));
    device.dataset.state = 'done';
  } catch (error) {
    const cancelled = error?.name === 'SweepCancelled';
    $('#suite-status').textContent = cancelled ? 'Cancelled: nothing was saved.' : `The suite stopped: ${error.message}. Nothing was saved.`;
    device.dataset.state = cancelled ? 'cancelled' : 'failed';
  } finally {
    suiteRun = null;
    progress.hidden = true;
    const fromCancel = document.activeElement === $('#suite-cancel');
    $('#suite-run').disabled = false;
    $('#suite-cancel').disabled = true;
    if (fromCancel) $('#suite-run').focus();
  }
});
$('#suite-cancel').addEventListener('click', () => suiteRun?.cancel());

/** What the suite found, as a table: per workload the best speedup, its efficiency, the knee. */
function suiteSummary(doc) {
  const { series } = compareSeries([{ id: 'suite', label: 'this device', doc }], state.workloads);
  const wrap = el('div', 'table-wrap');
  const t = el('table');
  t.id = 'suite-table';
  t.append(el('caption', '', 'This device, by the standard suite'), el('thead'), el('tbody'));
  wrap.append(t);
  nameScroller(wrap);
  setHeadings(t, ['Workload', 'Best speedup', 'at workers', 'Efficiency there', 'Stops gaining at']);
  t.tBodies[0].replaceChildren(...series.map((s) => {
    const { best, knee } = s.results.knee;
    return row(s.workload, [cell(`${best.speedup.toFixed(2)}×`), cell(String(best.k)), cell(`${Math.round(best.efficiency * 100)}%`),
      cell(counted(knee, 'worker'))]);
  }));
  const env = doc.environment;
  const facts = el('p', 'help', `WebAssembly SIMD: ${env.wasmSimd ? 'yes' : 'no'}. Timer resolution: ${Math.round(env.timerResolution_ms * 1000)} µs. ` +
    `Reported cores: ${env.hardwareConcurrency}.`);
  // What the playground would say beside each sweep: a suite run on a busy machine must not
  // pass for the device (an engineer's read "Stops gaining at 4 workers" on 2 cores, unremarked).
  const notes = series.flatMap((s) => seriesNotes(s).map((note) => el('li', 'notice', `${s.workload}: ${note}`)));
  const box = el('div');
  box.append(wrap, facts);
  if (notes.length) {
    const list = el('ul', 'notes');
    list.id = 'suite-notes';
    list.append(...notes);
    box.append(list);
  }
  return box;
}

// ---- The library ----------------------------------------------------------------------------

// What a result is comes first, beside its label, then what ran it, then when: on a phone the
// Sweeps were scrolled out of view behind two dates that are alike for every run made here.
const COLUMNS = [
  { key: 'select', label: 'Select', sortable: false },
  { key: 'label', label: 'Device label', value: (e) => e.label.toLowerCase() },
  // By workload, then by size (two primes sweeps had tied whatever their n).
  { key: 'sweeps', label: 'Sweeps', value: (e) => `${workloadsOf(e).join(', ')} ${sizesOf(e)}`, className: 'sweeps' },
  // By runtime, then by cores (as numbers: 16 after 8).
  { key: 'runtime', label: 'Runtime', value: (e) => `${runtimeText(e.doc.environment)} ${String(e.doc.environment?.hardwareConcurrency ?? 0).padStart(6, '0')}` },
  { key: 'saved', label: 'Saved', value: (e) => e.saved },
  { key: 'measured', label: 'Measured', value: (e) => e.doc.created ?? '' },
  { key: 'source', label: 'From', value: (e) => sourceText(e.source) },
  { key: 'actions', label: 'Actions', sortable: false },
];

/** The buttons that act on entries: disabled while the library is empty. */
const LIBRARY_ACTIONS = ['#compare-selected', '#share-selected', '#export-selected', '#export-all'];

const workloadsOf = (entry) => [...new Set(entry.doc.runs.map((r) => r.workload))];
/** Each workload's parameters over its runs (every value a sweep varied): what tells two results apart. */
const sizesOf = (entry) => workloadsOf(entry).map((w) => runsParamsText(entry.doc.runs.filter((r) => r.workload === w))).join('; ');
/** The Sweeps cell: per series a workload and its sizes, then its worker counts and best speedup
 *  (several sweeps of one workload looked alike with the workloads and sizes alone). */
function sweepsCell(entry) {
  const c = el('td', 'sweeps');
  const series = seriesOf(entry.doc);
  c.append(...seriesSummaries(entry.doc, series).map((s, at) => {
    const block = el('div', 'sweep');
    // Each part whole on its line ("best 2.00× on 2" had wrapped after the ×).
    const parts = [s.workers, s.outcome].filter(Boolean).map((text) => el('span', 'part', text));
    if (s.failed) parts.push(el('span', 'part fail', `${s.failed} not verified`));
    // A problem this version would not run (an unknown workload, a size out of range): its
    // checks are the file's word, as the import and the comparison say.
    if (refusals(series[at]).length) parts.push(el('span', 'part fail', 'checks: the file\'s word'));
    // (The space before the line break keeps the sizes' last digit apart from the workers in its text.)
    block.append(el('strong', '', s.workload), ` ${s.sizes} `, el('br'), ...parts.flatMap((p, i) => (i ? [' · ', p] : [p])));
    return block;
  }));
  return c;
}
const when = (iso) => (iso ? new Date(iso).toLocaleString() : '—');
/** The runtime in the library's column: what ran the kernels, and in which browser. */
const runtimeText = (env = {}) => (env.runtime === 'wasm' || !env.runtime ? `wasm in ${describeDevice(env).split(',')[0]}`
  : env.runtime === 'python' ? 'Python processes' : 'native (rayon)');
/** The Runtime cell: what ran the kernels, and on how many cores. */
function runtimeCell(env) {
  const c = el('td');
  c.append(`${runtimeText(env)}, `, el('span', 'nowrap', env.hardwareConcurrency ? counted(env.hardwareConcurrency, 'core') : 'cores not known'));
  return c;
}
const SOURCES = { run: 'a run here', file: 'a file', link: 'a link', suite: 'the standard suite' };
/** Where an entry came from, as the From column says it: a lesson's run names its lesson (after a
 *  lesson, some twenty rows read "a run here" alike). */
const sourceText = (source) => {
  // Brought in with a saved library: a file, and where it came from on the device that saved it.
  const via = /^file:(.+)$/.exec(source)?.[1];
  if (via) return `a file (${sourceText(via).replace(/ here$/, ' on its device')})`;
  const lesson = /^lesson:(.+)$/.exec(source)?.[1];
  const title = lesson && LESSONS.find((l) => l.id === lesson)?.title;
  return title ? `a run in the lesson “${title}”` : SOURCES[source] ?? source;
};

function renderHeadings() {
  setHeadings($('#library-table'), COLUMNS.map((c) => {
    const th = el('th', c.className ?? '');
    if (c.sortable === false) {
      th.textContent = c.label;
      return th;
    }
    const sorted = state.sort.key === c.key;
    th.setAttribute('aria-sort', sorted ? (state.sort.descending ? 'descending' : 'ascending') : 'none');
    const button = Object.assign(el('button', 'sort', c.label), { type: 'button' });
    button.dataset.focusKey = `sort-${c.key}`;
    button.addEventListener('click', () => {
      state.sort = { key: c.key, descending: sorted ? !state.sort.descending : c.key === 'saved' };
      renderLibrary();
      // Said too: aria-sort changed, but nothing was heard.
      say(`Sorted by ${c.label}, ${state.sort.descending ? 'descending' : 'ascending'}.`);
    });
    th.append(button);
    return th;
  }));
}

function renderLibrary() {
  // A redraw (a sort, another tab's change) must not take the keyboard focus or a half-typed
  // label away: remember them and put them back.
  const focused = document.activeElement?.closest?.('#library-table') ? document.activeElement.dataset.focusKey : null;
  const typing = focused?.startsWith('label-') ? document.activeElement.value : null;
  renderHeadings();
  const column = COLUMNS.find((c) => c.key === state.sort.key);
  const entries = [...state.entries].sort((a, b) => {
    const [x, y] = [column.value(a), column.value(b)];
    const order = x < y ? -1 : x > y ? 1 : 0;
    return state.sort.descending ? -order : order;
  });
  // An empty table would be headings alone, and its actions would have nothing to act on: the
  // empty state says how results get here instead, and the actions wait for a result.
  const empty = entries.length === 0;
  $('#library-empty').hidden = !empty;
  $('#library-table-wrap').hidden = empty;
  for (const id of LIBRARY_ACTIONS) $(id).disabled = empty;
  $('#library-table').tBodies[0].replaceChildren(...entries.map((entry) => {
    const tr = el('tr');
    tr.dataset.id = String(entry.id);
    const pick = Object.assign(el('input'), { type: 'checkbox', checked: state.selected.has(entry.id) });
    pick.dataset.focusKey = `pick-${entry.id}`;
    pick.setAttribute('aria-label', `Select “${entry.label}”`);
    // Two results of one device share a label: when each was saved tells them apart.
    const savedId = `library-saved-${entry.id}`;
    pick.setAttribute('aria-describedby', savedId);
    pick.addEventListener('change', () => {
      if (pick.checked) state.selected.add(entry.id);
      else state.selected.delete(entry.id);
      forgetShareLink();
    });
    const name = labelField(entry);
    const actions = el('td', 'actions');
    const button = (text, onClick) => {
      const b = Object.assign(el('button', '', text), { type: 'button' });
      b.setAttribute('aria-label', `${text} “${entry.label}”`);
      b.setAttribute('aria-describedby', savedId);
      b.dataset.focusKey = `${text}-${entry.id}`;
      b.addEventListener('click', onClick);
      return b;
    };
    actions.append(button('Export', () => exportEntries([entry])), button('Delete', () => remove(entry)));
    const td = (node) => {
      const c = el('td');
      c.append(node);
      return c;
    };
    const env = entry.doc.environment ?? {};
    const saved = cell(when(entry.saved));
    saved.id = savedId;
    tr.append(td(pick), td(name), sweepsCell(entry), runtimeCell(env), saved, cell(when(entry.doc.created)),
      cell(sourceText(entry.source)), actions);
    return tr;
  }));
  if (focused) {
    const again = $(`#library-table [data-focus-key="${focused}"]`);
    if (again) {
      if (typing != null) again.value = typing;
      again.focus();
    }
  }
}

/**
 * The field that shows and renames an entry's label. A label runs to 80 characters, more than
 * a line of the table: the field wraps it onto as many lines as it needs (a text input would cut
 * it off). It is still one line of text: Enter saves it instead of starting another.
 */
function labelField(entry) {
  const name = Object.assign(el('textarea', 'label-input'), { value: entry.label, maxLength: 80, rows: 3 });
  name.dataset.focusKey = `label-${entry.id}`;
  // Named by when it was measured: results imported together share the time they were saved.
  name.setAttribute('aria-label', `Device label of the result measured ${when(entry.doc.created)} (${workloadsOf(entry).join(', ')}, ${sizesOf(entry)})`);
  let kept = entry.label;
  const rename = async () => {
    const typed = name.value.replace(/\s+/g, ' ').trim();
    const label = typed || describeDevice(entry.doc.environment);
    // An emptied field shows the label the result keeps, and says why (it had stayed empty, and
    // the status went on saying the rename before).
    name.value = label;
    const why = `A result needs a label: an empty one is its device's, “${label}”.`;
    if (label === kept) {
      if (!typed) say(why);
      return; // Enter saved it already; leaving the field does not again
    }
    kept = label;
    await renameResults(entry.id, label);
    say(typed ? `Renamed to “${label}”.` : why);
  };
  name.addEventListener('change', rename);
  name.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    rename();
  });
  return name;
}

function say(text, ...nodes) {
  $('#library-status').replaceChildren(text, ...nodes);
}

async function remove(entry) {
  const selected = state.selected.has(entry.id);
  // The comparison it was in, by id: Undo puts it back there too (it came back to the library only).
  const inComparison = state.compared !== state.shared && state.compared.some((e) => e.id === entry.id) ? state.compared.map((e) => e.id) : null;
  // ...and what it showed, its baseline too (the deleted result as baseline stayed replaced).
  const view = inComparison ? shownView(state.compared) : {};
  await deleteResults(entry.id);
  state.selected.delete(entry.id);
  forgetShareLink();
  const undo = Object.assign(el('button', '', 'Undo'), { type: 'button' });
  undo.addEventListener('click', async () => {
    undo.disabled = true;
    await restoreResults(entry); // the same id, date and label
    if (selected) state.selected.add(entry.id);
    say(`Restored “${entry.label}”.`);
    await refresh();
    // Unless the comparison has changed since (another one shown, another result deleted).
    const left = inComparison?.filter((id) => id !== entry.id) ?? [];
    if (inComparison && state.compared !== state.shared && String(state.compared.map((e) => e.id)) === String(left)) {
      const back = inComparison.map((id) => state.entries.find((e) => e.id === id)).filter(Boolean);
      if (back.length) showComparison(back, view);
    }
    // The Undo button is gone: the keyboard goes on from the restored row, not the page's top.
    $(`#library-table [data-focus-key="pick-${entry.id}"]`)?.focus();
  }, { once: true });
  say(`Deleted “${entry.label}”. `, undo);
  undo.focus();
}

function exportEntries(entries) {
  if (entries.length === 1) {
    const [entry] = entries;
    downloadDocument({ ...completeDocument(entry.doc), label: entry.label }, resultsFileName(entry.doc, entry.label));
    return;
  }
  downloadDocument({
    format: LIBRARY_FORMAT, version: 1, created: new Date().toISOString(),
    results: entries.map((e) => ({ label: e.label, saved: e.saved, source: e.source, doc: completeDocument(e.doc) })),
  }, `corelab-library-${new Date().toISOString().slice(0, 10)}.json`);
}

const selectedEntries = () => state.entries.filter((e) => state.selected.has(e.id));

$('#export-all').addEventListener('click', () => exportEntries(state.entries));
$('#export-selected').addEventListener('click', () => {
  const chosen = selectedEntries();
  if (!chosen.length) return say('Select one or more results first.');
  exportEntries(chosen);
});
$('#compare-selected').addEventListener('click', () => {
  const chosen = selectedEntries();
  if (!chosen.length) return say('Select one or more results to compare.');
  showComparison(chosen);
  keepComparison();
  // Focus follows the view to the comparison (the button has scrolled away).
  $('#compare-title').focus({ preventScroll: true });
  $('#compare').scrollIntoView?.({ block: 'start' });
});
$('#share-selected').addEventListener('click', async () => {
  const chosen = selectedEntries();
  if (!chosen.length) return say('Select one or more results to share.');
  const payload = await encodeShare(forSharing(chosen.map((e) => ({ ...e.doc, label: e.label }))));
  const url = shareUrl(`${location.origin}${location.pathname}`, payload, viewFor(chosen));
  if (url.length > SHARE_LIMIT) {
    $('#share-box').hidden = true;
    const button = Object.assign(el('button', '', `Export ${chosen.length === 1 ? 'it' : 'them'} as a file instead`), { type: 'button' });
    button.addEventListener('click', () => exportEntries(chosen));
    say(`A link to ${chosen.length === 1 ? 'this result' : 'these results'} would be ${url.length.toLocaleString('en-US')} characters long, ` +
      `more than the ${SHARE_LIMIT.toLocaleString('en-US')} that chat tools and mail take reliably. `, button);
    return;
  }
  $('#share-url').value = url;
  $('#share-box').hidden = false;
  say(`A link to ${counted(chosen.length, 'result')}, ${url.length.toLocaleString('en-US')} characters, samples included ` +
    `(timelines and warm-up times are not: Export keeps them)${viewFor(chosen).show ? ', opening on the comparison as shown here' : ''}.`);
});

/** The comparison on screen, as a link to `chosen` can carry it: its workload, what it shows and
 *  its baseline (by its place among `chosen`), where the comparison is of those results. */
function viewFor(chosen) {
  return $('#compare').hidden || state.compared === state.shared ? {} : shownView(chosen);
}

/** A time in ms for the comparison's table: three decimals under 1 ms, where one decimal had
 *  shown a runner's 0.09 ms as "0.1" with an interval of "0.1–0.1" that no one could check the
 *  speedups against. */
const msDigits = (ms) => ms.toFixed(ms < 1 ? 3 : 1);

/** What the comparison shows, its baseline by its place among `entries`. */
function shownView(entries) {
  const view = { workload: $('#compare-workload').value, show: $('#compare-mode').value };
  const [entryId, series] = $('#compare-baseline').value.split(':');
  const result = entries.findIndex((e) => String(e.id) === entryId);
  if (result >= 0) view.baseline = { result, series: Number(series) };
  return view;
}

/** The baseline select's key for a view's baseline among `entries`, or null where it has none. */
const viewBaselineKey = (entries, view) => (view.baseline && entries[view.baseline.result] ? `${entries[view.baseline.result].id}:${view.baseline.series}` : null);

/** A link made for a selection no longer there (a result unticked or deleted since) goes: it
 *  would carry what the library no longer shows. */
function forgetShareLink() {
  if ($('#share-box').hidden) return;
  $('#share-box').hidden = true;
  say('The selection changed: press Share selected again for a link to it.');
}

$('#share-copy').addEventListener('click', async () => {
  try {
    await navigator.clipboard.writeText($('#share-url').value);
    say('Link copied.');
  } catch {
    $('#share-url').select();
    say('Select the link and copy it (the browser did not allow copying from here).');
  }
});

async function refresh() {
  const { entries, damaged } = await readLibrary();
  state.entries = entries;
  showDamaged(damaged);
  const ids = new Set(state.entries.map((e) => e.id));
  for (const id of state.selected) if (!ids.has(id)) state.selected.delete(id);
  renderLibrary();
  // A comparison of the library's results follows it: a renamed result shows its new label at
  // once (and a share link made now says the same), a deleted one leaves the chart.
  if (state.compared.length && state.compared !== state.shared) {
    const byId = new Map(entries.map((e) => [e.id, e]));
    const now = state.compared.map((e) => byId.get(e.id)).filter(Boolean);
    if (now.length !== state.compared.length || now.some((e, i) => e.label !== state.compared[i].label)) {
      if (now.length) showComparison(now);
      else {
        $('#compare').hidden = true;
        state.compared = [];
      }
    }
  }
}

/** Entries the library holds but cannot read (written by another version of corelab, or
 *  damaged): the rest of the library works as ever, and these are counted, with a way out. */
function showDamaged(ids) {
  const note = $('#library-damaged');
  note.hidden = ids.length === 0;
  if (!ids.length) return note.replaceChildren();
  const deleteAll = Object.assign(el('button', 'status-action', ids.length === 1 ? 'Delete it' : 'Delete them'), { type: 'button' });
  deleteAll.addEventListener('click', async () => {
    deleteAll.disabled = true;
    await deleteResults(...ids);
    say(`Deleted ${ids.length === 1 ? 'the unreadable entry' : `${ids.length} unreadable entries`}.`);
    await refresh();
    ($('#library-table tbody input[type="checkbox"]') ?? $('#import-files')).focus(); // its button is gone
  }, { once: true });
  note.replaceChildren(`${ids.length === 1 ? 'One saved entry' : `${ids.length} saved entries`} of this library cannot be read ` +
    '(written by another version of corelab, or damaged), so ' + (ids.length === 1 ? 'it is' : 'they are') + ' left out. ', deleteAll);
}

// ---- Import ---------------------------------------------------------------------------------

/** What makes two saved results the same measurement: when it was made, of what, and its
 *  samples. (The library's copy of a sweep and its Export JSON carry the same `created`; a copy
 *  edited to another size or scaling is not the same.) */
const fingerprint = (doc) => JSON.stringify([doc.created, doc.environment?.userAgent,
  doc.runs.map((r) => [r.workload, r.workers, r.params, r.scaling ?? 'strong', r.samples_ms])]);

async function importFiles(files) {
  const lines = [];
  let added;
  // While files are read and saved the chooser waits and says so (a saved library of a thousand
  // results takes a few seconds), so a second import cannot start on top of this one.
  const input = $('#import-files');
  const busy = $('#import-busy'); // a live region from the start, empty when idle, so it is heard
  const hadFocus = document.activeElement === input;
  input.disabled = true; // which takes the focus away
  busy.textContent = `Reading ${counted(files.length, 'file')}…`;
  try {
    added = await importEach(files, lines, busy);
  } finally {
    input.disabled = false;
    busy.textContent = '';
    if (hadFocus) input.focus();
  }
  reportImport(lines, added);
  await refresh();
}

/** Reads and saves each file in turn, a line in `lines` for each (a file refused or failed is
 *  its line); resolves with how many results were added. */
async function importEach(files, lines, busy) {
  let added = 0;
  for (const file of files) {
    const item = el('li');
    try {
      const read = await readResultsFile(file);
      const found = read.filter((f) => !f.refused);
      const refused = read.filter((f) => f.refused).map((f) => f.refused.message);
      const known = new Map(state.entries.map((e) => [fingerprint(e.doc), e.label]));
      const fresh = [];
      const relabelled = []; // a copy under another label: the label is not lost without a word
      for (const f of found) {
        const key = fingerprint(f.doc);
        if (known.has(key)) {
          const label = f.label ?? f.doc.label;
          if (label && known.get(key) && label !== known.get(key)) relabelled.push(`“${label}” is “${known.get(key)}” there`);
          continue;
        }
        known.set(key, f.label ?? f.doc.label); // the same result twice in one file is added once
        fresh.push(f);
      }
      // A label past what the library keeps is cut, and said to be (a 500-character one came back as 80 without a word).
      const cut = fresh.filter((f) => f.labelCut || (f.label ?? f.doc.label ?? '').length > LABEL_LENGTH).length;
      busy.textContent = `Saving ${counted(fresh.length, 'result')} from ${file.name}…`;
      await saveManyResults(fresh.map(({ doc, label, source, saved }) =>
        ({ doc, label: label ?? doc.label ?? describeDevice(doc.environment), source: source ?? 'file', saved })));
      added += fresh.length;
      const skipped = found.length - fresh.length;
      const unrun = unrunnableText(fresh);
      const disagreed = disagreedText(fresh);
      // Kept, but not as this version would run it, or not with the numbers it stated: not green.
      item.className = unrun || disagreed ? 'caveat' : 'ok';
      // A label the copy carried is named, with how to take it (an engineer's relabelled copy was
      // refused as a duplicate and its label silently dropped).
      const labels = relabelled.length ? ` (${relabelled.slice(0, 3).join('; ')}${relabelled.length > 3 ? '; …' : ''}: rename it in the library to change it)` : '';
      item.textContent = (!fresh.length ? `${file.name}: already in your library, not added again${labels}.`
        : `${file.name}: added ${counted(fresh.length, 'result')} (${counted(fresh.reduce((n, f) => n + f.doc.runs.length, 0), 'measured point')})` +
          (skipped ? `; ${skipped} already in your library, not added again${labels}.` : '.') +
          (cut ? ` ${cut === 1 ? 'Its label was' : `${cut} labels were`} longer than the ${LABEL_LENGTH} characters a label keeps, and cut there.` : '')) +
        unrun + disagreed +
        // The rest of a library is kept; each result refused is named, with why.
        (refused.length ? ` ${counted(refused.length, 'result')} refused: ${refused.slice(0, 3).join(' ')}${refused.length > 3 ? ' …' : ''}` : '');
      if (refused.length) Object.assign(item, { className: 'partial' }).dataset.refused = String(refused.length);
      state.entries = await listResults();
    } catch (error) {
      item.className = 'fail'; // read out by the list's live region (an alert in it was read twice)
      item.textContent = error instanceof ResultsError ? error.message : `${file.name}: ${error.message ?? error}`;
    }
    lines.push(item);
  }
  return added;
}

/** Said at import where a file's own medians or speedups disagreed with its samples, which
 *  every number is recomputed from (import.js `disagreements`), else ''. */
function disagreedText(fresh) {
  const all = fresh.flatMap((f) => f.disagreed ?? []);
  if (!all.length) return '';
  return ` ${all.length === 1 ? 'One number it stated disagreed' : `${all.length} numbers it stated disagreed`} with its samples, ` +
    `and ${all.length === 1 ? 'is' : 'are'} recomputed from them, as every number here is: ${all.slice(0, 3).join('; ')}${all.length > 3 ? '; …' : ''}.`;
}

/** Why this version would refuse a series' problem, as sentences: an unknown workload, or
 *  parameters outside what it declares ([] where it would run it, or until the catalogue is in). */
function refusals(series) {
  if (!state.workloads) return [];
  const spec = state.workloads.get(series.workload);
  return spec ? refusedParams(series, spec) : [`${series.workload} is not a workload this version of corelab knows.`];
}

/** Said at import where results added ran what this version would not run (a workload it does
 *  not know, a parameter outside its range: a newer version's file, or one edited by hand), as
 *  Compare says later: a teacher's file with n = -5 had been added without a word. '' if none. */
function unrunnableText(found) {
  const why = found.flatMap((f) => seriesOf(f.doc).map(refusals)).filter((reasons) => reasons.length);
  if (!why.length) return '';
  return ` Kept, but this version of corelab would not run ${why.length === 1 ? 'one of its sweeps' : `${why.length} of its sweeps`} ` +
    `(${why[0][0].replace(/\.$/, '')}${why.length > 1 || why[0].length > 1 ? '; …' : ''}): ${why.length === 1 ? 'its' : 'their'} checks are the file's word, not checked here.`;
}

/**
 * One import's outcome as one item of the list, newest first: what it added, a line per file,
 * and a button that dismisses it. Imports one after another stay apart, each with its own files.
 */
function reportImport(lines, added) {
  const time = new Date().toLocaleTimeString();
  const refused = lines.filter((line) => line.className === 'fail').length;
  const partly = lines.reduce((n, line) => n + Number(line.dataset.refused ?? 0), 0); // results refused in files kept in part
  const summary = el('p', 'summary', `${counted(lines.length, 'file')} at ${time}: ${counted(added, 'result')} added` +
    `${partly ? `, ${counted(partly, 'result')} refused` : ''}${refused ? `, ${counted(refused, 'file')} refused` : ''}.`);
  const dismiss = Object.assign(el('button', 'dismiss', 'Dismiss'), { type: 'button' });
  dismiss.setAttribute('aria-label', `Dismiss the messages of the import at ${time}`);
  const head = el('div', 'import-head');
  head.append(summary, dismiss);
  const files = el('ul', 'messages');
  files.append(...lines);
  const caveat = lines.some((line) => line.className === 'caveat');
  const item = el('li', refused ? 'import has-fail' : partly || caveat ? 'import has-partial' : 'import'); // its edge: red, amber, green
  item.append(head, files);
  dismiss.addEventListener('click', () => dismissImports([item]));
  $('#import-messages').prepend(item);
  $('#import-clear').hidden = $('#import-messages').children.length < 2;
}

/** Removes import messages; the keyboard focus goes to the next one's Dismiss, or to the file
 *  chooser when none is left, rather than to the top of the page with the button it was on. */
function dismissImports(items) {
  const next = items.at(-1).nextElementSibling ?? items[0].previousElementSibling;
  for (const item of items) item.remove();
  (next?.querySelector('button.dismiss') ?? $('#import-files')).focus();
  $('#import-clear').hidden = $('#import-messages').children.length < 2;
}

$('#import-clear').addEventListener('click', () => dismissImports([...$('#import-messages').children]));

$('#import-files').addEventListener('change', async (event) => {
  await importFiles([...event.target.files]);
  event.target.value = '';
});
const zone = $('#drop-zone');
zone.addEventListener('dragover', (event) => {
  event.preventDefault();
  zone.classList.add('dragging');
});
zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
// A file dropped anywhere else must not make the browser open it and leave the page.
for (const type of ['dragover', 'drop']) document.addEventListener(type, (event) => event.preventDefault());
zone.addEventListener('drop', async (event) => {
  event.preventDefault();
  zone.classList.remove('dragging');
  const files = [...event.dataTransfer.files];
  // Text or a link dragged from another page holds no file: say so rather than "0 files".
  if (!files.length) {
    $('#import-busy').textContent = 'What was dropped holds no file: drop JSON files saved by corelab, or use Choose JSON files.';
    return;
  }
  await importFiles(files);
});

// ---- Comparison -----------------------------------------------------------------------------

const figure = chartFigure('compare-', 'overlay', 'Comparison.');
// The legend as text under the chart: device labels are long, and wrap there.
const legend = Object.assign(el('ul', 'chart-legend'), { id: 'compare-legend' });
legend.setAttribute('aria-label', 'Legend');
figure.canvas.parentNode.after(legend);
$('#compare-chart-slot').append(figure.figure);
const overlay = new OverlayChart(figure.canvas, figure.description, 'Comparison of results', legend);
for (const id of ['#compare-workload', '#compare-mode', '#compare-baseline']) {
  $(id).addEventListener('change', () => {
    drawComparison();
    keepComparison();
  });
}

/** Keeps the library's comparison on screen (its results and view) in this tab's history entry,
 *  so a reload or Back finds it again: they came back to an empty selection and no comparison. */
function keepComparison() {
  // A link's comparison keeps what the reader changed in the link's own address (a reload went
  // back to the Show and baseline the link was made with); the results stay as the link has them.
  if (state.shared && state.compared === state.shared) {
    history.replaceState(history.state, '', shareUrl(location.href, payloadFromHash(location.hash), shownView(state.shared)));
    return;
  }
  const compared = $('#compare').hidden ? null : { ids: state.compared.map((e) => e.id), view: viewFor(state.compared) };
  history.replaceState({ ...history.state, corelabCompared: compared }, '');
}

/** Shows the comparison keepComparison kept, of the results still in the library. */
function restoreComparison() {
  const kept = history.state?.corelabCompared;
  if (!kept || state.shared) return;
  const entries = kept.ids.map((id) => state.entries.find((e) => e.id === id)).filter(Boolean);
  if (!entries.length) return;
  state.selected = new Set(entries.map((e) => e.id));
  renderLibrary();
  showComparison(entries, kept.view);
  // In view, as Compare left it: drawn after the page's scroll was restored, it sat below the
  // library, and a reader took it for lost.
  $('#compare').scrollIntoView({ block: 'start' });
}

/** Compares `entries`; `view` (a link's) asks for a workload, a Show and a baseline, each taken
 *  where these results have it. */
function showComparison(entries, view = {}) {
  state.compared = entries;
  const { series } = compareSeries(entries, state.workloads);
  const workloads = [...new Set(series.map(groupKey))];
  const chosen = view.workload ?? $('#compare-workload').value;
  // Each by its title (the id too, as the runners' --workload takes it), with its count; a
  // workload's sweeps over a parameter apart, "… over grain", drawn against that parameter.
  const count = (w) => series.filter((s) => groupKey(s) === w).length;
  $('#compare-workload').replaceChildren(...workloads.map((w) => new Option(`${groupTitle(w, { id: true })}: ${counted(count(w), 'sweep')}`, w)));
  // Else the workload with the most sweeps, where an overlay shows most (the first one seen had
  // one sweep of its own while two others waited under another).
  if (workloads.includes(chosen)) $('#compare-workload').value = chosen;
  else if (workloads.length) $('#compare-workload').value = workloads.reduce((a, b) => (count(b) > count(a) ? b : a));
  if ([...$('#compare-mode').options].some((o) => o.value === view.show)) $('#compare-mode').value = view.show;
  const baseline = viewBaselineKey(entries, view);
  if (baseline) $('#compare-baseline').replaceChildren(new Option('', baseline)); // drawComparison keeps it if it exists
  $('#compare').hidden = false;
  drawComparison();
}

/** The most results one comparison draws: the first 32 look different on the chart, and a file
 *  of 5000 problems (allowed) took the page 7 s to draw, 41 s before problems were grouped in
 *  one pass. */
const MAX_COMPARED = 32;

/** Adds `more(s, i, of)` to the names of series that read alike (`s` the i-th of `of` such), where
 *  it tells them apart: not where it reads alike for all of them too. */
function tellApart(series, more) {
  for (const twins of groupBy(series, (s) => s.name).values()) {
    const added = twins.map((s, i) => more(s, i + 1, twins.length));
    if (twins.length > 1 && new Set(added).size > 1) twins.forEach((s, i) => { s.name += ` · ${added[i]}`; });
  }
}

/** A comparison's group (`groupKey`) in words: "Sum of squares", and for sweeps over a parameter
 *  "Sum of squares over grain"; with `id`, the id too, as the runners' --workload takes it
 *  ("Sum of squares (sum-of-squares) over grain"). */
function groupTitle(key, { id = false } = {}) {
  const [workload, varied] = key.split(':');
  const title = state.workloads?.get(workload)?.title;
  return `${title && title !== workload ? `${title}${id ? ` (${workload})` : ''}` : workload}${varied ? ` over ${varied}` : ''}`;
}

function drawComparison() {
  // With the catalogue, a weak point's problem reads "720,000,000 steps, 80,000,000 serial", not
  // the "serial_fraction = 0.111" a teacher found beside the 0.2 set.
  const { series: all } = compareSeries(state.compared, state.workloads);
  const group = $('#compare-workload').value;
  const matching = all.filter((s) => groupKey(s) === group);
  const workload = matching[0]?.workload ?? group;
  // Sweeps over a parameter have no speedup: their times are drawn against its values.
  const varied = matching[0]?.varied ?? null;
  const variedLabel = state.workloads?.get(workload)?.params.find((p) => p.name === varied)?.label ?? varied;
  $('#compare-mode').closest('.field').hidden = Boolean(varied);
  const shown = matching.slice(0, MAX_COMPARED);
  // Where they ran different problems, every name says its size (a time of 300,000 primes
  // beside one of 2,000,000 must not read as the same work); else only twins need it.
  const mixed = problemsOf(shown).length > 1;
  // Only what tells them apart: the parameters whose values differ, and the scaling where it
  // does. A lecturer's strong and weak runs were named with every parameter, "weak scaling" last.
  const keys = [...new Set(shown.flatMap((s) => Object.keys(s.params ?? {})))];
  const differing = keys.filter((k) => new Set(shown.map((s) => JSON.stringify(s.params?.[k] ?? null))).size > 1);
  const scalings = new Set(shown.map((s) => s.scaling ?? 'strong')).size > 1;
  // A sweep over a parameter ran at one worker count, which may differ between them.
  const workersOf = (s) => workersWords(s.results.points.map((p) => p.workers));
  const workerCounts = varied && new Set(shown.map(workersOf)).size > 1;
  const size = (s) => {
    const parts = [...(scalings ? [`${s.scaling ?? 'strong'} scaling`] : []), ...(workerCounts ? [`on ${workersOf(s)}`] : []),
      ...differing.filter((k) => s.params?.[k] !== undefined).map((k) => paramsText({ [k]: s.params[k] }))];
    return parts.length ? ` · ${parts.join(', ')}` : '';
  };
  // A label that names the browser already (the default one, "Chrome 156 on Android, 8 cores")
  // is not followed by it again: "… · wasm threads in Chrome 156" said it twice.
  const runtime = (s) => {
    const browser = s.runtime.match(/^wasm threads in (.+)$/)?.[1];
    return browser && s.label.includes(browser) ? 'wasm threads' : s.runtime;
  };
  const series = shown.map((s, _, list) => ({
    ...s,
    name: `${s.label} · ${runtime(s)}${mixed || list.filter((t) => t.label === s.label && t.runtime === s.runtime).length > 1 ? size(s) : ''}`,
  }));
  // Results that would read alike (same label, runtime and size) are told apart by when they ran,
  // and sweeps of one file, which ran at one time, by their order in it. (Each name once: the
  // time was added again for every twin, "· 12:08:34 AM · 12:08:34 AM".)
  tellApart(series, (s) => new Date(s.created ?? 0).toLocaleString());
  tellApart(series, (s, i, of) => `sweep ${i} of ${of}`);
  const baselineKey = $('#compare-baseline').value;
  const names = series.map((s) => s.name);
  // Each option's title is the name as the legend, table and sentences give it.
  $('#compare-baseline').replaceChildren(...series.map((s) => Object.assign(new Option(leadWithDifference(s.name, names), s.key), { title: s.name })));
  if (series.some((s) => s.key === baselineKey)) {
    $('#compare-baseline').value = baselineKey;
  } else if (series.length) {
    // A fresh comparison starts from a result of the problem most of them ran, so ratios show.
    const largest = problemsOf(series).reduce((a, b) => (b.length > a.length ? b : a));
    $('#compare-baseline').value = largest[0].key;
  }
  const baseline = series.find((s) => s.key === $('#compare-baseline').value) ?? series[0];
  // On a narrow screen a long name is cut off in the closed select: its tooltip holds it whole.
  $('#compare-baseline').title = baseline?.name ?? '';

  const notes = comparability(series);
  if (matching.length > shown.length) {
    notes.unshift(`The selection holds ${matching.length} sweeps of ${groupTitle(group)}: the first ${MAX_COMPARED} are compared, as more cannot be ` +
      `told apart on one chart.${state.compared.length > 1 ? ' Select fewer results to choose which.' : ''}`);
  }
  // The chart shows one workload: the others selected are named, or they read as lost (an
  // engineer's primes and sum-of-squares showed primes alone, with no word of the other).
  const others = [...new Set(all.map(groupKey))].filter((w) => w !== group);
  if (others.length) {
    notes.unshift(`This comparison shows ${groupTitle(group)}; the selection also holds ` +
      `${others.map((w) => groupTitle(w)).join(', ')}: choose under Workload to compare ${others.length === 1 ? 'it' : 'them'}.`);
  }
  // A workload this version does not know: its checks are the file's word too (an "fft" read
  // "✓ verified" with no mark).
  const unknown = Boolean(state.workloads && workload && !state.workloads.has(workload));
  if (unknown) {
    notes.push(`${workload} is not a workload this version of corelab knows (from a newer version, or a file edited by hand): ` +
      'its numbers are shown as they are, with no check of what it claims to compute.');
  }
  const spec = state.workloads?.get(workload);
  const refused = new Map(spec ? series.map((s) => [s, refusedParams(s, spec)]).filter(([, why]) => why.length) : []);
  for (const [s, why] of refused) {
    notes.push(`${s.name}: ${why.join(' ')} This version of corelab would not run that problem (the file is from a newer ` +
      'version, or was edited by hand): its numbers are shown as they are, and its checks are the file\'s word, not checked here.');
  }
  // What the playground said beside each sweep (other programs using the cores, threads slower
  // side by side), said here too: a comparison must not pass a busy run for a device.
  for (const s of series) notes.push(...seriesNotes(s).map((note) => `${s.name}: ${note}`));
  // A link carries no timelines: the checks that read a traced run are not made, and a sender's
  // "those were slowed … before trusting the comparison" was missing here without a word.
  if (state.shared && state.compared === state.shared && series.every((s) => s.results.points.every((p) => !p.timeline))) {
    notes.push('A link carries no timelines, so the checks that read each sweep\'s traced run (timed runs slower than the traced one, ' +
      'threads slowed beside each other) are not made here: the sender may see notes that this comparison does not. ' +
      'An exported file carries the timelines.');
  }
  $('#compare-notes').replaceChildren(...notes.map((text) => el('li', 'notice', text)));
  if (varied) overlay.updateVaried(series, variedLabel);
  else overlay.update(series, $('#compare-mode').value);

  // The ratio of each result to the baseline, in sentences and in the table.
  const sentences = series.filter((s) => s !== baseline).map((s) => {
    const ratios = ratiosAgainst(baseline, s);
    const r = ratios.at(-1);
    if (!r) {
      // Each reason in its own words ("X · strong scaling ran with strong scaling, Y with weak
      // (or no worker count in common)" read as a riddle).
      const differs = paramDifferences(s, baseline).join('; ');
      const why = s.scaling !== baseline.scaling
        ? `ran with ${s.scaling} scaling and the baseline, ${baseline.name}, with ${baseline.scaling}: a scaled speedup is more work in the same time, so their times do not compare`
        // Sweeps over a parameter on other worker counts ran the same problem otherwise.
        : varied && !differs && workersOf(s) !== workersOf(baseline)
          ? `ran on ${workersOf(s)} and the baseline, ${baseline.name}, on ${workersOf(baseline)}: a time on one worker count is not one on another`
        // Named by what differs: only a grain had, and "a different size" sent the reader looking for one.
        : !sameProblem(baseline, s) ? `ran another problem than the baseline, ${baseline.name}${differs ? ` (${differs})` : ''}`
          // Medians too short for their timers give no ratio (ratiosAgainst).
          : sharesPoint(baseline, s)
            ? `and the baseline, ${baseline.name}, share no ${varied ? `${varied} value` : 'worker count'} where both ran long enough for their timers to measure`
          : `has no ${varied ? `${varied} value` : 'worker count'} in common with the baseline, ${baseline.name}`;
      return `${s.name} ${why}: no ratio.`;
    }
    return ratioSentence(s.name, baseline.name, r) + otherCountsSentence(ratios);
  });
  $('#compare-ratios').replaceChildren(...sentences.map((text) => el('p', 'ratio', text)));

  const table = $('#compare-table');
  // A sweep over a parameter: its value and worker count in place of the speedup columns.
  setHeadings(table, varied ? ['Result', variedLabel, 'Workers', 'Median (ms)', 'Interval (ms)', 'Samples', 'Throughput against the baseline', 'Check']
    : ['Result', 'Workers', 'Median (ms)', 'Interval (ms)', 'Samples', 'Speedup', 'Efficiency', 'Throughput against the baseline', 'Check']);
  table.tBodies[0].replaceChildren(...series.flatMap((s) => {
    const derived = s.results.derived;
    const ratios = s === baseline ? [] : ratiosAgainst(baseline, s);
    return s.results.points.map((p, i) => {
      const d = derived[i];
      const at = varied ? s.results.valueOf(p) : p.workers;
      const r = ratios.find((q) => (varied ? q.value : q.workers) === at);
      const check = (p.verified ? '✓ verified' : p.demonstrates ? '◇ demonstration' : '✗ not verified') +
        (p.verified && (refused.has(s) || unknown) ? ' (the file\'s word: see the notes)' : '');
      const missing = varied ? `at ${varied} = ${formatValue(at)}` : `on ${counted(p.workers, 'worker')}`;
      return row(s.name, [
        ...(varied ? [cell(formatValue(at))] : []),
        // Under weak scaling, what each count ran: "2: n = 1.6M (×1.64)" (every row had read as the
        // 1-worker size, and the grown problem's longer time as a slowdown).
        cell(s.scaling === 'weak' ? `${p.workers}: ${problemText(s.results.points, p, s.results.weak, compactNumber)}`
          : String(p.workers)),
        cell(msDigits(p.median_ms) + (p.timer_coarse ? ' *' : '')),
        cell(timesIntervalText(p.ci_low_ms, p.ci_high_ms, p.ci_level, msDigits)),
        // As the playground counts them, marked where Auto ran out of time.
        cell(`${p.samples_ms.length}${p.stopped_by === 'budget' ? ' (budget)' : ''}`),
        ...(varied ? [] : [
          cell(d.speedup == null ? '—' : ratioText(d.speedup, d.low, d.high, speedupLevel(s.results.points, p), s.scaling === 'weak' ? '× scaled' : '×')),
          cell(d.efficiency == null ? '—' : `${Math.round(d.efficiency * 100)}%`)]),
        cell(s === baseline ? 'baseline' : r ? ratioText(r.ratio, r.low, r.high, r.level)
          : sameProblem(baseline, s) ? `— (the baseline has no run ${missing})` : '— (not the same problem)'),
        cell(check, p.verified ? 'ok' : p.demonstrates ? 'demo' : 'fail'),
      ]);
    });
  }));
  renderDevices(series);
}

/** What each compared result recorded of where it ran, whole: a label and a core count do not
 *  tell two devices apart (an engineer found the processor and the browser build in the files
 *  and nowhere on the page). One row per result; '—' where it did not record a thing. Results
 *  with one label (two sweeps in one browser) are told apart by when they ran, as their names
 *  are above: two rows had read alike. */
function renderDevices(series) {
  const table = $('#compare-devices');
  setHeadings(table, ['Result', 'Runtime', 'System', 'Processor', 'Logical cores', 'Memory', 'Timer step', 'Build']);
  const seen = new Set();
  const results = series.filter((s) => !seen.has(s.entryId) && seen.add(s.entryId)).map((s) => ({ s, name: s.label }));
  tellApart(results, ({ s }) => new Date(s.created ?? 0).toLocaleString());
  // Made in the same second (a runner's static and stealing sweeps), by what the chart's names
  // add to the label ("schedule = static"): two rows had read alike.
  tellApart(results, ({ s }) => s.name.slice(s.label.length).split(' · ').slice(2).join(' · '));
  table.tBodies[0].replaceChildren(...results.map(({ s, name }) => {
    const env = s.env;
    const [browser, platform] = describeDevice(env).split(',')[0].split(' on '); // "Chrome 156 on Android"
    // Older headless-runner files gave the build alone ("156.0.8078.114"): named from the user agent.
    const exact = env.browserVersion && (/^\d/.test(env.browserVersion) ? `${browser.replace(/ \d+$/, '')} ${env.browserVersion}` : env.browserVersion);
    const runtime = env.runtime === 'native' || env.runtime === 'python' ? runtimeName(env) : `wasm threads in ${exact || browser}`;
    const system = [env.platform ?? platform, env.architecture, env.model].filter(Boolean).join(', ');
    const build = env.build ? [env.build.version, env.build.source, env.build.wasm && `wasm ${env.build.wasm}`].filter(Boolean).join(', ') : '';
    return row(name, [
      cell(runtime), cell(system || '—'), cell(env.cpu ?? '—'), cell(String(env.hardwareConcurrency ?? '—')),
      cell(env.deviceMemory ? `${env.deviceMemory} GB` : '—'),
      cell(env.timerResolution_ms == null ? '—' : `${Number((env.timerResolution_ms * 1000).toPrecision(3))} µs${env.timerCoarse ? ' (coarse)' : ''}`),
      cell(build || '—'),
    ]);
  }));
}

// ---- A link's results -----------------------------------------------------------------------

async function openLink() {
  const payload = payloadFromHash(location.hash);
  const box = $('#shared');
  $('#shared-save').hidden = false;
  $('#shared-save').disabled = false;
  if (payload == null) {
    box.hidden = !location.hash.startsWith('#results');
    if (!box.hidden) {
      forgetLinkResults();
      $('#shared-text').textContent = 'This link carries no results: it was probably cut short when it was copied. Ask for it again.';
      $('#shared-save').hidden = true;
      showLinkNotice();
    }
    return;
  }
  box.hidden = false;
  try {
    const docs = await decodeShare(payload);
    state.shared = docs.map((doc, i) => ({ id: `link-${i}`, label: doc.label ?? describeDevice(doc.environment), saved: doc.created ?? '', source: 'link', doc }));
    // Told apart where the link mixes strong and weak scaling: a lecturer's two results, both
    // "Headless Chrome 156 on Linux, 2 cores" (amdahl), read the same in this line.
    // A sweep over a parameter says which (a teacher's schedule sweep read "strong scaling").
    const scalingOf = (e) => (e.doc.varied ? `over ${e.doc.varied}` : (e.doc.runs ?? []).some((r) => r.scaling === 'weak') ? 'weak scaling' : 'strong scaling');
    const mixed = new Set(state.shared.map(scalingOf)).size > 1;
    state.sharedIntro = `This link carries ${counted(docs.length, 'result')}: ` +
      `${state.shared.map((e) => `“${e.label}” (${[...workloadsOf(e), ...(mixed ? [scalingOf(e)] : [])].join(', ')})`).join(', ')}. ` +
      `${docs.length === 1 ? 'It is' : 'They are'} compared below`;
    // Saved before (a reload after Save): said, and Save is off, rather than offered again.
    const known = new Set(state.entries.map((e) => fingerprint(e.doc)));
    const kept = state.shared.every((e) => known.has(fingerprint(e.doc)));
    $('#shared-save').disabled = kept;
    $('#shared-text').textContent = kept ? `${state.sharedIntro}, and ${docs.length === 1 ? 'it is' : 'all are'} in your library already.`
      : `${state.sharedIntro}; nothing is saved unless you ask.`;
    const view = viewFromHash(location.hash);
    showComparison(state.shared, view);
    const unmet = unmetView(view, new URLSearchParams(location.hash.slice(1)));
    if (unmet.length) $('#shared-text').textContent += ` The link also asks for what it cannot show: ${unmet.join('; ')}. The comparison shows the rest.`;
  } catch (error) {
    $('#shared-text').textContent = error instanceof ResultsError ? error.message : `This link could not be read: ${error.message}`;
    $('#shared-save').hidden = true;
    forgetLinkResults();
  }
  showLinkNotice();
}

/** What a link's view (`view`, read from `asked`, its fragment) asked for that the comparison
 *  could not show, in words: a link edited by hand fell back to the defaults without a word. */
function unmetView(view, asked) {
  // A key with nothing after its "=" is where a link was cut (or a value deleted by hand).
  const unmet = ['workload', 'show', 'baseline'].filter((key) => asked.has(key) && !asked.get(key))
    .map((key) => `a ${key === 'show' ? 'Show' : key} with no value after “${key}=”, as if the link had been cut short there`);
  // So is a part no link has ("&work", of "&workload=…").
  const parts = new Set(['results', 'workload', 'show', 'baseline']);
  for (const key of new Set(asked.keys())) if (!parts.has(key)) unmet.push(`“${key.slice(0, 40)}”, which no link of this page has (it may have been cut short there)`);
  if (asked.get('workload') && $('#compare-workload').value !== asked.get('workload')) {
    unmet.push(`the workload “${asked.get('workload')}”, which none of its results ran`);
  }
  if (asked.get('show') && $('#compare-mode').value !== asked.get('show')) {
    unmet.push(`Show “${asked.get('show')}”, where there is ${wordList([...$('#compare-mode').options].map((o) => `“${o.value}”`), 'or')}`);
  }
  if (asked.get('baseline') && $('#compare-baseline').value !== viewBaselineKey(state.shared, view)) unmet.push(`the baseline “${asked.get('baseline')}”, which is none of its results`);
  return unmet;
}

/** A link that cannot be read replaces the one before it in this tab: that link's results and
 *  their comparison go (they stayed under the new link's error, as if it had carried them). */
function forgetLinkResults() {
  if (state.shared && state.compared === state.shared) {
    $('#compare').hidden = true;
    state.compared = [];
  }
  state.shared = null;
}

/**
 * A link is opened to see what it carries: its notice, with the comparison right below it, is
 * scrolled to the top of the window (the library and the import come first on the page), and its
 * heading takes the keyboard focus, so a screen reader starts there and Tab goes on to Save.
 */
function showLinkNotice() {
  $('#shared-title').focus({ preventScroll: true });
  $('#shared').scrollIntoView({ block: 'start' });
}

$('#shared-save').addEventListener('click', async () => {
  if (!state.shared) return;
  const known = new Set(state.entries.map((e) => fingerprint(e.doc)));
  const fresh = state.shared.filter((e) => !known.has(fingerprint(e.doc)));
  for (const entry of fresh) await saveResults(entry.doc, { label: entry.label, source: 'link' });
  $('#shared-save').disabled = true;
  const skipped = state.shared.length - fresh.length;
  // In place of "nothing is saved unless you ask", which read on beside "Saved 3".
  $('#shared-text').textContent = `${state.sharedIntro}, and ` + (!fresh.length ? `${state.shared.length === 1 ? 'it was' : 'all were'} in your library already.`
    : `${fresh.length === state.shared.length ? (fresh.length === 1 ? 'it is' : 'all are') : `${fresh.length} ${fresh.length === 1 ? 'was' : 'were'}`} ` +
      `now saved in your library${skipped ? ` (${skipped} ${skipped === 1 ? 'was' : 'were'} already there)` : ''}.`);
  // The disabled button had dropped the keyboard focus to the page's top, and the new sentence
  // went unheard: the focus goes to it, so it is read out and Tab goes on from there.
  $('#shared-text').focus({ preventScroll: true });
  await refresh();
});
// A new link pasted into this tab changes only the fragment: read it again.
// Only a link's own fragment: the skip link (#main) must not hide the results it came with.
window.addEventListener('hashchange', () => {
  if (location.hash.startsWith('#results')) openLink();
});

// ---- Start ----------------------------------------------------------------------------------

const { persistent } = await library();
$('#library-storage').textContent = persistent
  ? 'Kept in this browser\'s storage (IndexedDB) on this device only.'
  : 'This browser refused storage (a private window?): the library lasts only until this page is closed.';
// Changes announced together (an import, another tab's) redraw the library once.
let refreshing = null;
onLibraryChange(() => {
  refreshing ??= Promise.resolve().then(() => {
    refreshing = null;
    return refresh();
  });
});
await Promise.all([refresh(), loadCharts()]);
await openLink();
restoreComparison();
main.dataset.state = 'ready';
