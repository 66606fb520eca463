// The Experiment component: controls, a sweep through compute workers, and its results, mounted
// into any element with its own preset. The playground is one Experiment with every control; a
// lesson mounts several with a few controls each. State lives on the root element
// (`data-state`: loading, idle, queued, running, done, cancelled, failed, unavailable), which the
// browser tests and the headless runner wait on. The root also fires `experiment:results` (a
// sweep finished), `experiment:saved` (it is in the results library, under `detail.id`),
// `experiment:reset`, `experiment:state` and `experiment:restored` (a stopped sweep gave way to
// the complete one before it, `detail.results`, with its settings) events for the lesson engine.
import { counted, formatValue, msText, parseWorkers, wordList, workersText } from '../input.js';
import { AUTO } from '../stats.js';
import { downloadDocument, resultsDocument, resultsFileName } from '../results/format.js';
import { deviceLabel, library, saveResults } from '../results/library.js';
import { sweepOf, SweepResults, tiedWith } from '../results/sweep-results.js';
import { el } from './dom.js';
import { formatDuration, leastTimeLeft, SAY_TIME_LEFT_MS } from './pace.js';
import { ALL_CONTROLS, ExperimentForm } from './form.js';
import { QueueLeft, runQueue } from './queue.js';
import { ResultsView } from './results-view.js';
import { PointFailed, POOL_STALL_MS, Sweep, SweepCancelled } from './sweep.js';

const PLAYGROUND = new URL('../../', import.meta.url);

/**
 * What a sweep found, for the line that ends it: the speedup on the most workers (scaled, under
 * weak scaling) or the fastest value of a parameter sweep, and how its results checked. "Done"
 * alone sent a reader who cannot see the chart looking through the results for the outcome.
 */
export function outcomeWords(results) {
  const { points } = results;
  const parts = [];
  if (results.varied) {
    const best = points.reduce((a, b) => (b.median_ms < a.median_ms ? b : a));
    // Not "fastest" alone where others are within the noise of it, as the line under the chart says.
    const tied = tiedWith(results, best).map((p) => formatValue(results.valueOf(p)));
    // Not where the fastest was too short to time (SweepResults.tooShort): its note says so.
    if (points.length > 1 && !results.tooShort(best)) {
      parts.push(`fastest at ${results.variedLabel ?? results.varied} = ${formatValue(results.valueOf(best))} (${msText(best.median_ms)})` +
        (tied.length ? `, though ${wordList(tied)} ${tied.length === 1 ? 'is' : 'are'} within the noise of it` : ''));
    }
  } else {
    const derived = results.derived;
    const last = derived.findLastIndex((d) => d.speedup != null);
    if (last > 0) {
      // Two decimals, as the table and the chart's description give it ("0.2×" stood beside 0.25×).
      parts.push(`${results.scaling === 'weak' ? 'scaled speedup' : 'speedup'} ${derived[last].speedup.toFixed(2)}× on ${counted(points[last].workers, 'worker')}`);
    }
  }
  const n = points.length;
  const failed = points.filter((p) => !p.verified && !p.demonstrates).length;
  const shown = points.filter((p) => p.demonstrates).length;
  const whole = n === 1 ? 'the result' : n === 2 ? 'both results' : `all ${n} results`;
  parts.push(failed ? (n === 1 ? 'the result failed its check' : `${failed} of ${n} results failed their check`)
    : shown ? `${shown === n ? `${whole} ${n === 1 ? 'is a demonstration' : 'are demonstrations'}` : `${shown} of ${n} results ${shown === 1 ? 'is a demonstration' : 'are demonstrations'}`} (see the Check column)`
      : `${whole} verified`);
  return parts.join(', ');
}

/** The form's settings that made a results document: its workload and sizes (the 1-worker
 *  run's, under weak scaling), the values a parameter sweep ran, worker counts, repeats, scaling. */
function settingsOf(doc) {
  const first = doc.runs.reduce((a, b) => (b.workers < a.workers ? b : a));
  const query = new URLSearchParams({ workload: first.workload });
  for (const [name, value] of Object.entries(first.params ?? {})) query.set(name, String(value));
  if (doc.varied) {
    query.set('vary', doc.varied);
    query.set(doc.varied, [...new Set(doc.runs.map((r) => String(r.params[doc.varied])))].join(','));
  }
  query.set('workers', workersText([...new Set(doc.runs.map((r) => r.workers))].sort((a, b) => a - b)));
  query.set('repeats', first.repeat_mode === 'auto' ? 'auto' : String(first.samples_ms.length));
  if (first.scaling === 'weak') query.set('scaling', 'weak');
  return query;
}

export class Experiment {
  // Each sweep's results document, once made (see #document).
  #documents = new WeakMap();
  /** The control the focus left for Cancel when the sweep started (Run, or a field where Enter
   *  started it), to return to when the sweep ends. */
  #focusAfterRun = null;

  /**
   * @param {HTMLElement} root where to mount; the author's content in it stays on top
   * @param {object} options { catalogue, environment, preset: URLSearchParams, controls: string[],
   *   prefix: id prefix, level: heading level of the results, resultsName: the results region's
   *   name where "Results" would repeat (a lesson's experiments), unavailable: a reason or null,
   *   playgroundLink: whether to offer "Open in the playground", fault: an injected fault,
   *   settings: URLSearchParams the form opens with where they are not the preset Reset restores }
   */
  constructor(root, options) {
    const { catalogue, environment, preset, controls = ALL_CONTROLS, prefix = '', level = 2, unavailable = null } = options;
    this.root = root;
    this.environment = environment;
    this.preset = new URLSearchParams(preset);
    this.pendingFault = options.fault ?? null;
    // Where the results library says the sweep came from: 'run', or 'lesson:ID' for a lesson's.
    this.source = options.source ?? 'run';
    this.sweep = null;
    this.results = null;
    // Nodes a page adds to the line that ends a sweep (a lesson: a way back to the prediction).
    this.afterDone = null;
    root.classList.add('experiment');
    this.form = new ExperimentForm({ catalogue, hardwareConcurrency: environment.hardwareConcurrency, prefix, controls });
    // A refusal is about the fields it names: another workload has other fields ("Width must be
    // …" stayed under the sort form, which has no Width).
    this.form.workloadSelect.addEventListener('change', () => {
      if (this.status.textContent === this.refusal) this.status.textContent = '';
    });
    const button = (text, type = 'button') => Object.assign(el('button', '', text), { type });
    this.runButton = button('Run', 'submit');
    this.cancelButton = button('Cancel');
    this.resetButton = button('Reset');
    this.exportButton = button('Export JSON');
    const buttons = el('div', 'buttons');
    buttons.append(this.runButton, this.cancelButton, this.resetButton, this.exportButton);
    if (options.playgroundLink) {
      this.playgroundLink = el('a', 'open-playground', 'Open in the playground');
      buttons.append(this.playgroundLink);
      this.form.element.addEventListener('input', () => this.#updateLink());
      this.form.element.addEventListener('change', () => this.#updateLink());
    }
    this.form.element.append(buttons);
    this.status = Object.assign(el('div', 'status'), { id: `${prefix}status` });
    this.status.setAttribute('role', 'status');
    this.status.setAttribute('aria-live', 'polite');
    this.progress = Object.assign(el('progress'), { max: 1, value: 0, hidden: true });
    this.progress.setAttribute('aria-label', 'Sweep progress');
    this.error = Object.assign(el('div', 'error'), { id: `${prefix}error`, hidden: true });
    this.error.setAttribute('role', 'alert');
    const controlsBox = el('div', 'experiment-controls');
    controlsBox.append(this.form.element);
    this.view = new ResultsView({ prefix, level, name: options.resultsName });
    // The sweep's status, progress and error head the results: right under the buttons where
    // the results follow the controls, and in view above the results where they sit side by
    // side (the playground at 1200 px and wider, whose controls scroll on their own).
    const runState = el('div', 'run-state');
    runState.append(this.status, this.progress, this.error);
    this.resultsBox = el('div', 'experiment-results');
    this.resultsBox.append(runState, this.view.element);
    root.append(controlsBox, this.resultsBox);

    this.form.element.addEventListener('submit', (event) => {
      event.preventDefault();
      this.run();
    });
    this.cancelButton.addEventListener('click', () => this.cancel());
    this.resetButton.addEventListener('click', () => this.reset());
    this.exportButton.addEventListener('click', () => this.#download());
    const settings = new URLSearchParams(options.settings ?? this.preset);
    this.form.prefill(settings, this.preset);
    // Settings from a link are checked at once: a lecturer's workers=1-8 on a 4-core limit was
    // only refused when Run was pressed, in front of the class.
    if ([...settings.keys()].some((key) => key !== 'workload')) this.form.read();
    this.#updateLink();
    if (unavailable) {
      this.status.textContent = unavailable;
      this.view.unavailable();
      this.#setState('unavailable');
    } else {
      this.#setState('idle');
    }
  }

  get state() {
    return this.root.dataset.state;
  }

  #setState(state) {
    this.root.dataset.state = state;
    const busy = state === 'running' || state === 'queued';
    // A disabled control loses the keyboard focus to the page's top. The focus passes to Cancel
    // while the sweep runs, from Run or from the field where Enter started it (the fields are
    // disabled too), and back to where it came from when Cancel is disabled at its end.
    const focused = document.activeElement;
    this.runButton.disabled = busy || state === 'unavailable';
    this.cancelButton.disabled = !busy;
    this.form.setRunning(busy);
    if (busy && focused?.disabled && this.form.element.contains(focused)) { // Run is in the form too
      this.#focusAfterRun = focused;
      this.cancelButton.focus();
    }
    if (!busy) {
      const back = [this.#focusAfterRun, this.runButton].find((control) => control?.isConnected && !control.disabled);
      if (focused === this.cancelButton) back?.focus();
      this.#focusAfterRun = null;
    }
    this.exportButton.disabled = !this.results || this.results.points.length === 0;
    this.root.dispatchEvent(new CustomEvent('experiment:state', { detail: state }));
  }

  #updateLink() {
    if (this.playgroundLink) this.playgroundLink.href = `${PLAYGROUND.pathname}?${this.form.toQuery()}`;
  }

  #showError(message) {
    this.error.textContent = message;
    this.error.hidden = !message;
  }

  /** Validates the controls and runs the sweep, after any other experiment on the page. */
  run() {
    if (this.state === 'unavailable') return this.active;
    if (this.nextRun) return this.nextRun;
    if (!this.active) {
      this.active = this.#run().finally(() => {
        this.active = null;
      });
      return this.active;
    }
    if (!['done', 'failed', 'cancelled'].includes(this.state)) return this.active;
    // The last sweep has ended (Run is back) but is still being saved: a Run pressed now starts
    // once that is done. It used to do nothing, and a test pressing Run at once saw no run.
    this.nextRun = this.active.then(() => {
      this.nextRun = null;
      return this.run();
    });
    return this.nextRun;
  }

  async #run() {
    const { request, errors } = this.form.read();
    if (errors) {
      // The first message in the status too, beside Run, where the field itself may be out of view.
      // Which sweep the results on screen are, where the form now names another workload: a
      // Prime-counting chart had stood under "Mandelbrot set" with nothing to say whose it was.
      const shown = this.results && this.results.workload !== this.form.workload.id
        ? this.form.catalogue.workloads.find((w) => w.id === this.results.workload)?.title : null;
      this.status.textContent = (errors.length === 1 ? `Nothing was run. ${errors[0].message}`
        : `Nothing was run: ${errors.length} fields need fixing. The first: ${errors[0].message}`) +
        (shown ? ` The results below are still your last sweep, of ${shown}.` : '');
      this.refusal = this.status.textContent;
      errors[0].input.focus({ preventScroll: true });
      // Centred, the field and the message under it clear the playground's sticky buttons.
      (errors[0].input.closest('.field') ?? errors[0].input).scrollIntoView({ block: 'center' });
      return;
    }
    this.#showError('');
    // The sweep on screen, if complete: the new one's first point replaces it, and a new one
    // that is cancelled or fails offers it back rather than losing it.
    const previous = this.state === 'done' || (this.state === 'idle' && this.results) ? this.results : null;
    if (this.pendingFault) {
      request.inject = this.pendingFault;
      this.pendingFault = null;
    }
    this.#setState('queued');
    try {
      await runQueue.acquire(this, (ahead) => {
        this.status.textContent = `Waiting: ${ahead === 1 ? 'another experiment on this page is' : `${ahead} experiments on this page are`} ` +
          'running first, because sweeps share the same cores. This one starts when it is its turn.';
      });
    } catch (error) {
      if (!(error instanceof QueueLeft)) throw error;
      this.status.textContent = 'Cancelled before it started.';
      this.#setState(this.results ? 'done' : 'idle');
      return;
    }
    try {
      await this.#sweep(request, previous);
    } finally {
      runQueue.release(this);
    }
  }

  async #sweep(request, previous) {
    const workload = this.form.workload;
    const results = new SweepResults(request, this.environment.timerResolution_ms);
    const auto = request.repeatMode === 'auto';
    const perPoint = auto ? 100 : request.repeats + request.warmup + 1;
    const count = request.points.length;
    Object.assign(this.progress, { max: count * perPoint, value: 0, hidden: false });
    this.view.measuring(true);
    const pace = { index: 0, runMs: null };
    // Pool starts that stalled and were made again (see POOL_STALL_MS): said for the rest of the
    // point and in the Done line. A Firefox user saw "starting it again" for 37 ms after 5 s of
    // a frozen "starting the thread pool…", and nothing after: it looked like a hang.
    const stalls = { count: 0, index: -1, attempt: 1 };
    this.sweep = new Sweep(request, {
      onProgress: (plan, index, progress) => {
        const left = timeLeft(request, index, progress, pace);
        if (progress.phase === 'pool-retry') Object.assign(stalls, { count: stalls.count + 1, index, attempt: progress.done + 1 });
        const again = stalls.index === index && progress.phase !== 'pool-retry'
          ? ` (attempt ${stalls.attempt}: the browser did not start the thread pool the first time)` : '';
        this.#showProgress(`${workload.title}: ${plan.label} (${index + 1} of ${count})`, `, ${phaseWords(progress)}${again}${left}…`);
        this.progress.value = index * perPoint + (auto ? autoWithin(progress) : fixedWithin(progress, request, perPoint));
      },
      onPoint: async (point, image) => {
        if (results.points.length === 0) this.results = results;
        results.add(point);
        await this.view.render(results);
        if (image) this.view.showImage(image, workload);
      },
    });
    this.#setState('running');
    try {
      await this.sweep.run();
      const samples = results.points.map((p) => p.samples_ms.length);
      const [fewest, most] = [Math.min(...samples), Math.max(...samples)];
      const runs = auto ? `${fewest === most ? fewest : `${fewest}–${most}`} timed runs each (Auto)` : `${counted(request.repeats, 'repeat')} each`;
      const what = request.vary
        ? `${counted(count, 'value')} of ${request.vary.label} on ${counted(request.workers[0], 'worker')}`
        : counted(count, 'worker count');
      this.#finish('done');
      this.root.dispatchEvent(new CustomEvent('experiment:results', { detail: results }));
      // Said once, with where it was kept (a status is read out whole on every change).
      const stalled = !stalls.count ? ''
        : ` The browser did not start the thread pool ${stalls.count === 1 ? 'at the first try' : `at the first try ${stalls.count} times`} ` +
          `(Firefox does so now and then): it was started again after ${POOL_STALL_MS / 1000} s${stalls.count === 1 ? '' : ' each time'}, which no timing includes.`;
      await this.#save(results, `Done: ${workload.title}, ${what}, ${runs}: ${outcomeWords(results)}.${stalled}`);
    } catch (error) {
      if (error instanceof SweepCancelled) {
        this.status.textContent = results.points.length === 0 && this.results
          ? 'Cancelled before its first point was measured: the results shown are still the previous sweep\'s.'
          : count === 1 && results.points.length === 0 ? 'Cancelled before its one point was measured.' // not "0 of 1 points were measured"
            : `Cancelled. ${results.points.length} of ${count} points ${results.points.length === 1 ? 'was' : 'were'} measured.`;
        this.#offerPrevious(previous, results);
        this.#finish('cancelled');
      } else {
        this.#showError(error instanceof PointFailed ? error.message : `Unexpected error: ${error.message ?? error}`);
        // A parameter the kernels refused (known by its kind, not its wording) is marked at its field.
        if (error instanceof PointFailed && error.field && ['invalid-param', 'unknown-param'].includes(error.kind)) {
          this.form.markParam(error.field, error.reason);
        }
        this.status.textContent = 'The sweep stopped with an error; ready for another run.';
        this.#offerPrevious(previous, results);
        this.#finish('failed');
        // As bad input before a run does: the keyboard goes to the field the kernels refused.
        const marked = this.form.element.querySelector('[aria-invalid="true"]');
        if (marked && [this.runButton, this.cancelButton].includes(document.activeElement)) marked.focus({ preventScroll: true });
      }
    }
  }

  /** After a sweep that stopped part-way over a complete one: a button in the status brings the
   *  complete one back (its points shown again, Export exports it). */
  #offerPrevious(previous, partial) {
    if (!previous || this.results !== partial) return;
    const back = Object.assign(el('button', 'status-action', 'Show the previous sweep again'), { type: 'button' });
    back.addEventListener('click', async () => {
      if (this.results !== partial) return;
      this.results = previous;
      // The form and the address go back with it: they held the stopped sweep's N beside the
      // previous sweep's numbers, and a reload then found no sweep of those settings to show.
      this.#showSettingsOf(this.#document(previous));
      await this.view.render(previous);
      this.status.textContent = 'The previous sweep is shown again; the stopped one is gone.';
      this.#setState('done');
      this.root.dispatchEvent(new CustomEvent('experiment:restored', { detail: { results: previous } }));
    });
    this.status.append(' ', back);
  }

  /**
   * A sweep's progress in the status, a live region: the point being measured is read out once
   * per point; the phase within it, which changes run by run (a quick sweep's status changed 18
   * times in 0.7 s), is shown but not read out. Both stay in place so only a change is heard.
   */
  #showProgress(point, phase) {
    let [heard, shown] = this.status.children;
    if (!heard?.classList.contains('progress-point') || !shown) {
      heard = el('span', 'progress-point');
      shown = el('span', 'progress-phase');
      shown.setAttribute('aria-hidden', 'true');
      this.status.replaceChildren(heard, shown);
    }
    if (heard.textContent !== point) heard.textContent = point;
    shown.textContent = phase;
  }

  #finish(state) {
    this.sweep = null;
    this.progress.hidden = true;
    this.view.measuring(false);
    this.#setState(state);
  }

  /** Stops a running sweep at once (its worker is terminated), or leaves the queue. */
  cancel() {
    if (this.sweep) this.sweep.cancel();
    else runQueue.leave(this);
  }

  /** Back to the preset: controls, no results, no error (a sweep in flight is cancelled). */
  async reset() {
    this.cancel();
    await this.active;
    this.form.prefill(this.preset);
    // A link's values the form refuses (?n=abc) are no start to go back to: Reset had put them
    // back, and the only way out was editing the address. The workload's defaults come instead.
    const refused = this.form.read().errors;
    if (refused) {
      this.form.prefill(new URLSearchParams(this.preset.has('workload') ? { workload: this.preset.get('workload') } : {}));
      this.form.read(); // clears the marks the refused values left
    }
    this.#updateLink();
    this.results = null;
    this.view.clear();
    this.#showError('');
    if (this.state !== 'unavailable') {
      // Said, for a reader who cannot see the fields change and the results go.
      this.status.textContent = refused
        ? `Back to the workload's defaults: the settings the page opened with ${refused.length === 1 ? 'have a value' : `have ${refused.length} values`} ` +
          'it refuses, so they are no place to start from. The results shown are cleared (your results library keeps every saved run).'
        : 'Back to the starting settings; the results shown are cleared (your results library keeps every saved run).';
      this.#setState('idle');
    }
    this.root.dispatchEvent(new CustomEvent('experiment:reset'));
  }

  /**
   * Shows a sweep kept from an earlier visit (`doc`, a results document this experiment saved),
   * saying when it ran; Run measures afresh. Does nothing once the reader has run or reset
   * meanwhile, or when the document holds no single sweep of this experiment's workload.
   */
  showSaved(doc, ranAt) {
    if (this.results || this.active || this.state !== 'idle') return false;
    const workload = this.form.workload;
    const results = sweepOf(doc, workload);
    if (!results || results.workload !== workload.id) return false;
    this.results = results;
    this.#documents.set(results, doc);
    // The controls show the settings that made it (a lesson's reader may have changed a
    // parameter before that run), so Run measures the same again; Reset still restores the preset.
    this.#showSettingsOf(doc);
    this.view.render(results);
    // The library keeps timings, not pixels: a Mandelbrot shown after the run was gone after a
    // reload without a word.
    this.status.textContent = `Your last run, ${new Date(ranAt ?? doc.created).toLocaleString()}, as your results library keeps ` +
      `it, with the settings it ran with; Run measures afresh${workload.image ? ' and draws its picture again, which the library does not keep' : ''}.`;
    this.#setState('idle');
    return true;
  }

  /** Keeps a finished sweep in this browser's results library (never sent anywhere), then shows
   *  `done` in the status with where it was kept; a library that cannot be written costs the
   *  sweep nothing. */
  async #save(results, done) {
    const label = deviceLabel(this.environment);
    const note = el('span', 'saved');
    try {
      const id = await saveResults(this.#document(results), { label, source: this.source });
      this.root.dispatchEvent(new CustomEvent('experiment:saved', { detail: { id, results } }));
      // Where the browser refuses storage (a private window) the library lives in this page
      // only: "saved" would be untrue.
      const { persistent } = await library();
      if (persistent) {
        note.append(' Saved in your ', Object.assign(el('a', '', 'results library'), { href: new URL('results.html', PLAYGROUND).href }), ` as “${label}”.`);
      } else {
        note.append(' Not saved: this browser refuses storage (a private window?), so this sweep lasts until the page is closed; Export JSON keeps it.');
      }
    } catch (error) {
      console.warn(`the results library could not keep this sweep: ${error.message ?? error}`);
    }
    if (this.results === results) this.status.replaceChildren(done, note, ...(this.afterDone?.(results) ?? []));
  }

  /** Sets the form (and its playground link) to the settings that made `doc`; Reset still restores the preset. */
  #showSettingsOf(doc) {
    const settings = settingsOf(doc);
    // The same worker counts keep the words the field has for them (the link's "1,2" or the
    // default's "1-2"), rather than changing with the reload.
    const shown = this.form.workersInput.value;
    if (parseWorkers(shown, this.form.maxWorkers).values?.join() === parseWorkers(settings.get('workers'), Infinity).values.join()) {
      settings.set('workers', shown);
    }
    this.form.prefill(settings, this.preset);
    this.#updateLink();
  }

  /** The results document of a sweep: made once, so the library's copy and every Export JSON of
   *  the sweep are the same document (the same `created`), which an import recognises. */
  #document(results) {
    if (!this.#documents.has(results)) this.#documents.set(results, resultsDocument(this.environment, [results]));
    return this.#documents.get(results);
  }

  #download() {
    if (!this.results) return;
    const doc = { ...this.#document(this.results), label: deviceLabel(this.environment) };
    downloadDocument(doc, resultsFileName(doc, doc.label));
  }
}

function phaseWords({ phase, done, of, precision, elapsedMs, budgetMs }) {
  switch (phase) {
    case 'pool': return 'starting the thread pool';
    case 'pool-retry': return `the browser did not start the thread pool; starting it again (attempt ${done + 1} of ${of})`;
    case 'prepare': return 'preparing the input';
    case 'warmup': return 'warm-up run (not counted)';
    case 'repeat': return `repeat ${done + 1} of ${of}`;
    case 'auto': return `run ${done + 1}` + (precision == null ? '' : `, median known to ±${(precision * 100).toFixed(1)}% (target ±${AUTO.target * 100}%)`) +
      `, ${(elapsedMs / 1000).toFixed(0)} of ${(budgetMs / 1000).toFixed(0)} s budget`;
    case 'verify': return 'checking the result';
    case 'overhead': return 'measuring the dispatch cost';
    case 'timeline': return 'recording the timeline (not counted)';
    default: return phase;
  }
}

/**
 * How long the sweep still needs at the pace of its runs so far, as words for its progress, where
 * that is long: ' (at least 3 h 20 min left at this pace…)', else ''. `pace` carries the last run's
 * time from one progress message to the next: the worker's own, `lastRunMs` (warm-up or timed;
 * the traced timeline run is not counted: tracing slows it), as runs may pass between two
 * messages. At a new point the last one's run time stands in, scaled to its workers, until its
 * own first run is timed.
 */
function timeLeft(request, index, progress, pace) {
  if (pace.index !== index) {
    const same = request.scaling === 'weak' || request.vary;
    if (pace.runMs != null && !same) pace.runMs *= request.points[pace.index].workers / request.points[index].workers;
    pace.index = index;
  }
  if (progress.lastRunMs != null) pace.runMs = progress.lastRunMs;
  const starting = ['pool', 'pool-retry', 'prepare'].includes(progress.phase);
  const left = leastTimeLeft(request, index, starting ? { phase: 'warmup', done: 0 } : progress, pace.runMs);
  if (left == null || left < SAY_TIME_LEFT_MS) return '';
  return ` (at least ${formatDuration(left)} left at this pace` +
    (left >= 3600 * 1000 ? ': Cancel stops it and shows the points measured so far; smaller sizes finish sooner)' : ')');
}

function autoWithin({ phase, elapsedMs, budgetMs }) {
  return { warmup: 2, auto: Math.min(95, 5 + (90 * elapsedMs) / budgetMs), verify: 96, overhead: 97, timeline: 98 }[phase] ?? 0;
}

function fixedWithin({ phase, done }, request, perPoint) {
  return { warmup: done, repeat: request.warmup + done, verify: perPoint - 1, overhead: perPoint - 1, timeline: perPoint - 1 }[phase] ?? 0;
}
