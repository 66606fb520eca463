// An experiment's controls, generated from the workload catalogue (pkg/catalogue.json, written
// by `corelab catalogue` from src/catalogue/): nothing here is written per workload. Every id is
// prefixed, so several experiments can share a page; controls a lesson does not offer are kept
// (hidden) with their preset values.
import { checkLimits, checkParam, counted, expandCores, formatNumber, parseNumber, parseParam, parseValueList, parseWorkers } from '../input.js';
import { coresCaveat } from '../environment.js';
import { pageMaxWorkers, sweepLimits } from '../limits.js';
import { field, select } from './dom.js';

/** The controls a preset can offer: `params` means every parameter, `param:NAME` one. */
export const ALL_CONTROLS = ['workload', 'params', 'vary', 'workers', 'repeats', 'scaling'];

/** Where the values typed as a sweep's list are kept, apart from a single typed value. */
const listKey = (name) => `${name}@list`;

export class ExperimentForm {
  /** Takes back a mark the kernels made (markParam) when a parameter changes. */
  #unmark = null;
  /** Whether the parameter fields are being replaced (see the change listener). */
  #replacing = false;

  /**
   * @param {object} options { catalogue, hardwareConcurrency, prefix, controls: string[] }
   */
  constructor({ catalogue, hardwareConcurrency, prefix, controls = ALL_CONTROLS }) {
    this.catalogue = catalogue;
    this.cores = hardwareConcurrency;
    this.limits = sweepLimits(catalogue);
    this.maxWorkers = pageMaxWorkers(this.limits, hardwareConcurrency);
    const { repeats, budgetS } = this.limits;
    this.prefix = prefix;
    this.controls = new Set(controls);
    this.values = new Map(); // workload id -> { name: text } the user typed, kept across switches
    this.start = new URLSearchParams(); // the settings prefill() started from, which Reset restores
    this.element = Object.assign(document.createElement('form'), { className: 'controls', noValidate: true });

    this.workloadSelect = select(`${prefix}workload`, catalogue.workloads.map((w) => [w.id, w.title]));
    this.workloadField = field(this.workloadSelect, 'Workload');
    this.description = Object.assign(document.createElement('p'), { className: 'description' });
    this.paramsBox = document.createElement('fieldset');
    this.paramsBox.append(Object.assign(document.createElement('legend'), { textContent: 'Parameters' }));

    this.varySelect = select(`${prefix}vary`, []);
    this.varyField = field(this.varySelect, 'Sweep over', 'Worker counts: speedup against workers. A parameter: ' +
      'time against its values, at one worker count.');
    this.workersInput = textInput(`${prefix}workers`, 'numeric');
    this.workersField = field(this.workersInput, 'Workers', '', { error: true });
    this.repeatMode = select(`${prefix}repeat-mode`, [['fixed', 'Fixed count'], ['auto', 'Auto: until the median is known to ±3%']]);
    this.repeatModeField = field(this.repeatMode, 'Repeats', ''); // #showVisibility writes the help for the mode
    this.repeatsInput = textInput(`${prefix}repeats`, 'numeric');
    this.repeatsField = field(this.repeatsInput, 'Timed runs',
      `Timed runs per point (${repeats.min} to ${repeats.max}). Six or more give a 95% interval.`, { error: true });
    this.budgetInput = textInput(`${prefix}budget`, 'decimal');
    this.budgetField = field(this.budgetInput, 'Time budget', `Auto stops sampling a point when this is spent, precise or ` +
      `not (${budgetS.min} to ${budgetS.max}).`, { error: true, unit: 'seconds per point' });
    this.repeatsField.classList.add('sub'); // part of Repeats, as Time budget is
    this.budgetField.classList.add('sub');
    // Short enough for the controls column; the help under it says the rest.
    this.scaling = select(`${prefix}scaling`, [['strong', 'Strong: same problem (Amdahl)'],
      ['weak', 'Weak: problem grows with k (Gustafson)']]);
    this.scalingField = field(this.scaling, 'Scaling', '');
    const sweepBox = Object.assign(document.createElement('fieldset'), { className: 'sweep' });
    sweepBox.append(Object.assign(document.createElement('legend'), { textContent: 'Sweep' }),
      this.varyField, this.workersField, this.repeatModeField, this.repeatsField, this.budgetField, this.scalingField);
    // Where the reader does not choose the workload (a lesson), its description would tell the
    // outcome a prediction asks about, and the lesson's prose introduces the experiment: it is
    // there, folded, for whoever wants it.
    this.about = document.createElement('details');
    this.about.className = 'workload-about';
    this.aboutSummary = document.createElement('summary');
    this.about.append(this.aboutSummary, this.description);
    const describe = this.controls.has('workload') ? this.description : this.about;
    this.element.append(this.workloadField, describe, this.paramsBox, sweepBox);

    this.workloadSelect.addEventListener('change', () => this.#showParams());
    this.varySelect.addEventListener('change', () => {
      // A parameter sweep runs at one worker count: from a list of counts, keep the largest, and
      // give the list back on return to worker counts (left at "2", the next run fitted nothing).
      const counts = parseWorkers(this.workersInput.value, this.maxWorkers);
      if (this.varySelect.value && counts.values?.length > 1) {
        this.workerList = this.workersInput.value;
        this.workersInput.value = String(Math.max(...counts.values));
      } else if (!this.varySelect.value && this.workerList && counts.values?.length === 1) {
        this.workersInput.value = this.workerList;
      }
      this.#showParams();
    });
    this.repeatMode.addEventListener('change', () => this.#showVisibility());
    this.scaling.addEventListener('change', () => this.#showScalingHelp());
    // A field's error is about the value it was given: once that is edited, the error goes
    // (the next Run checks the new value and says what is wrong with it, if anything).
    this.element.addEventListener('input', ({ target }) => {
      if (target.getAttribute?.('aria-invalid') === 'true') this.#mark(target, null);
    });
    // A typed value is checked as the reader leaves its field, not only at Run (a lesson's
    // s = 2 sat unmarked while its "Open in the playground" link already carried it).
    // Not while the fields are being replaced: a field removed with an edit not yet committed
    // fires its change then, with the new workload's fields not yet there to read.
    // Not either while a button is pressed: its own press judges the fields (Run's refusal). A
    // message written between press and release moved Run from under the pointer, and the
    // click was lost: nothing was said beside Run, and the focus stayed put.
    let pressing = false;
    this.element.addEventListener('pointerdown', ({ target }) => { pressing = Boolean(target.closest?.('button')); });
    for (const type of ['pointerup', 'pointercancel']) addEventListener(type, () => { pressing = false; });
    this.element.addEventListener('change', ({ target }) => {
      if (target.matches?.('input[type="text"]') && !this.#replacing && !pressing) this.read();
    });
    this.workloadField.hidden = !this.controls.has('workload');
    this.varyField.hidden = !this.controls.has('vary');
    this.workersField.hidden = !this.controls.has('workers');
    this.repeatModeField.hidden = !this.controls.has('repeats');
    sweepBox.hidden = ['vary', 'workers', 'repeats', 'scaling'].every((c) => !this.controls.has(c));
  }

  get workload() {
    return this.catalogue.workloads.find((w) => w.id === this.workloadSelect.value);
  }

  /** The varied parameter's spec, or null when sweeping worker counts. */
  get varied() {
    return this.workload.params.find((p) => p.name === this.varySelect.value) ?? null;
  }

  #showsParam(name) {
    return this.controls.has('params') || this.controls.has(`param:${name}`) || (this.controls.has('vary') && this.varySelect.value === name);
  }

  #showParams() {
    const workload = this.workload;
    const chosen = this.varySelect.value;
    this.varySelect.replaceChildren(new Option('Worker counts', ''),
      ...workload.params.map((p) => new Option(`Values of ${p.label}`, p.name)));
    this.varySelect.value = workload.params.some((p) => p.name === chosen) ? chosen : '';
    this.description.textContent = workload.description;
    this.aboutSummary.textContent = `About the workload: ${workload.title}`;
    const typed = this.values.get(workload.id) ?? {};
    const varied = this.varied;
    const fields = workload.params.map((spec) => {
      const id = `${this.prefix}param-${spec.name}`;
      const sweep = varied === spec;
      let input;
      let help;
      if (spec.kind === 'choice' && !sweep) {
        input = select(id, spec.choices.map((c) => [c, c]));
        input.value = typed[spec.name] ?? spec.choices[spec.default];
        help = spec.help;
      } else {
        input = textInput(id, 'decimal');
        // A single value may carry thousands commas ("5,000,000"); in a list, commas separate
        // values, so a number goes in with underscores ("5_000_000"). What was typed as a list
        // is kept apart from what was typed as one value, so neither is misread as the other.
        // A new sweep of a number starts from a hundredth, a tenth and the whole of its value, so
        // it compares something (one value compared nothing; a quarter to the whole of Grain
        // showed no difference), none larger than the value in the field.
        const asList = (text) => {
          const value = parseNumber(text);
          if (spec.kind === 'choice' || !Number.isFinite(value)) return text;
          const round = (v) => (spec.kind === 'integer' ? Math.round(v) : Number(v.toPrecision(3)));
          const values = [...new Set([value / 100, value / 10, value].map(round).filter((v) => v >= spec.min))];
          // A space after each comma: "164,1_638,16_384" was read as a typo.
          return values.map((v) => formatNumber(v).replace(/,/g, '_')).join(', ');
        };
        const list = typed[listKey(spec.name)];
        input.value = sweep
          ? list ?? asList(typed[spec.name] ?? (spec.kind === 'choice' ? spec.choices.join(',') : String(spec.default)))
          : typed[spec.name] ?? list?.split(',')[0].trim() ?? formatNumber(spec.default);
        help = spec.kind === 'choice' ? spec.help : `${spec.help} From ${formatNumber(spec.min)} to ${formatNumber(spec.max)}; ${this.#startText(workload, spec)}.`;
        if (sweep) {
          help = `Values to sweep, separated by commas (up to ${this.limits.maxVariedValues}). ` +
            (spec.kind === 'choice' ? `Any of ${spec.choices.join(', ')}.`
              : `Group digits with underscores (1_000_000) or write 1e6; commas with a space after them also work (1,000,000, 2,000,000). ${help}`);
        }
      }
      input.name = spec.name;
      input.addEventListener(input.tagName === 'SELECT' ? 'change' : 'input', () => {
        this.values.set(workload.id, { ...(this.values.get(workload.id) ?? {}), [sweep ? listKey(spec.name) : spec.name]: input.value });
      });
      const box = field(input, spec.label, help, { error: true, unit: spec.unit });
      box.hidden = !this.#showsParam(spec.name);
      return box;
    });
    this.#replacing = true;
    try {
      this.paramsBox.replaceChildren(this.paramsBox.querySelector('legend'), ...fields);
    } finally {
      this.#replacing = false;
    }
    this.paramsBox.hidden = fields.every((f) => f.hidden);
    this.#showVisibility();
    this.#showScalingHelp();
  }

  #showVisibility() {
    const auto = this.repeatMode.value === 'auto';
    const repeats = this.controls.has('repeats');
    this.repeatsField.hidden = !repeats || auto;
    this.budgetField.hidden = !repeats || !auto;
    this.element.querySelector(`#${this.prefix}repeat-mode-help`).textContent = 'Every point gets one discarded warm-up run first. ' +
      (auto ? 'Auto then keeps timing until the 95% confidence interval of the median is within ±3% of it, or the time budget runs out.'
        : 'Then it is timed the number of times below; Auto instead times it until the median is known to ±3%.');
    this.scalingField.hidden = !this.controls.has('scaling') || Boolean(this.varied);
    const help = this.element.querySelector(`#${this.prefix}workers-help`);
    help.textContent = this.varied
      ? `One worker count (1 to ${this.maxWorkers}) for every value of the parameter.`
      : `Worker counts to sweep: a list (1,2,4) or a range (1-${this.cores}). This device reports ${this.cores} ` +
        `logical cores; up to ${this.maxWorkers} are allowed, to show what oversubscription does.${coresCaveat(globalThis.navigator?.userAgent ?? '')}`;
  }

  #showScalingHelp() {
    const workload = this.workload;
    const rule = workload.weak.kind === 'serial_fixed'
      ? 'the parallel share of the work grows k-fold while the serial share stays the same, as Gustafson assumed'
      : `${workload.params.find((p) => p.name === workload.weak.param).label} grows so that the work grows k-fold`;
    this.element.querySelector(`#${this.prefix}scaling-help`).textContent = this.scaling.value === 'weak'
      ? `Weak scaling: on k workers, ${rule}. The chart then shows the scaled speedup against Gustafson's law.`
      : 'Strong scaling: the same problem at every worker count; the chart shows the speedup against Amdahl\'s law.';
  }

  /** The value a numeric field starts from: the workload's default, or where this experiment (a
   *  lesson's preset, the playground's address) starts elsewhere, that value, which Reset restores. */
  #startText(workload, spec) {
    const set = this.start.get('workload') === workload.id && this.start.get('vary') !== spec.name ? parseNumber(this.start.get(spec.name) ?? '') : NaN;
    return Number.isFinite(set) && set !== spec.default
      ? `starts at ${formatNumber(set)} here (the workload's default is ${formatNumber(spec.default)})`
      : `default ${formatNumber(spec.default)}`;
  }

  /** Sets every control from a preset or URL query: ?workload=primes&n=1000000&workers=1,2&
   *  repeats=3, or repeats=auto&budget=20, scaling=weak, vary=grain&grain=100,1000. Anything not
   *  given takes its default. `cores` in the worker list is the reported core count. `start`:
   *  the settings a field's help names as where the page starts (Reset's), when not `query`. */
  prefill(query, start = query) {
    this.start = new URLSearchParams(start);
    const id = query.get('workload');
    this.workloadSelect.value = id && this.catalogue.workloads.some((w) => w.id === id) ? id : this.catalogue.workloads[0].id;
    this.values.clear();
    const workload = this.workload;
    const typed = {};
    for (const spec of workload.params) {
      if (!query.has(spec.name)) continue;
      const [value, swept] = [query.get(spec.name), query.get('vary') === spec.name];
      // A whole number from a link or a preset is shown as the defaults are ("2,000,000", not
      // "2000000"); a list keeps its own commas, and a number too long to hold exactly is shown
      // as it was written, so the range message quotes it unrounded.
      typed[swept ? listKey(spec.name) : spec.name] = !swept && spec.kind !== 'choice' && /^\d{4,}$/.test(value) &&
        Number.isSafeInteger(Number(value)) ? formatNumber(Number(value)) : value;
    }
    this.values.set(workload.id, typed);
    this.varySelect.value = '';
    this.#showParams();
    if (workload.params.some((p) => p.name === query.get('vary'))) {
      this.varySelect.value = query.get('vary');
      this.#showParams();
    }
    const cores = this.cores;
    this.workersInput.value = query.has('workers') ? expandCores(query.get('workers'), cores)
      : cores <= 4 ? Array.from({ length: cores }, (_, i) => i + 1).join(',') : `1-${cores}`;
    this.repeatMode.value = query.get('repeats') === 'auto' ? 'auto' : 'fixed';
    this.repeatsInput.value = query.has('repeats') && query.get('repeats') !== 'auto' ? query.get('repeats') : String(this.limits.repeats.default);
    this.budgetInput.value = query.get('budget') ?? String(this.limits.budgetS.default);
    this.scaling.value = query.get('scaling') === 'weak' ? 'weak' : 'strong';
    for (const box of this.element.querySelectorAll('.field-error')) box.textContent = '';
    for (const input of this.element.querySelectorAll('[aria-invalid]')) input.setAttribute('aria-invalid', 'false');
    this.#showVisibility();
    this.#showScalingHelp();
  }

  /** What `query` asked for that `prefill` could not set, as phrases ("workload “nope” (showing
   *  Prime counting instead)"); `pageKeys` are the page's own keys, not the form's. A link that
   *  asks for a workload this version lacks must not quietly run another. */
  unusedIn(query, pageKeys = []) {
    const unused = [];
    const id = query.get('workload');
    if (id != null && id !== this.workload.id) unused.push(`workload “${id}” (showing ${this.workload.title} instead)`);
    const vary = query.get('vary');
    if (vary != null && vary !== (this.varied?.name ?? '')) unused.push(`vary=${vary} (no such parameter of ${this.workload.title})`);
    const scaling = query.get('scaling');
    if (scaling != null && !['strong', 'weak'].includes(scaling)) unused.push(`scaling=${scaling} (strong or weak; strong is set)`);
    const known = new Set(['workload', 'vary', 'workers', 'repeats', 'budget', 'scaling', ...pageKeys, ...this.workload.params.map((p) => p.name)]);
    const keys = [...query.keys()];
    for (const key of new Set(keys)) {
      if (!known.has(key)) unused.push(`${key} (not a setting of ${this.workload.title})`);
      else if (keys.filter((k) => k === key).length > 1) unused.push(`${key} given twice (the first is set)`);
    }
    return unused;
  }

  /** The controls as a query string, the playground's URL format. */
  toQuery() {
    const query = new URLSearchParams({ workload: this.workload.id });
    for (const spec of this.workload.params) {
      const text = this.element.querySelector(`#${this.prefix}param-${spec.name}`).value;
      // A number as the address writes it (5000000, not 5%2C000%2C000); a list or a value that
      // does not parse goes as typed, for the form to flag when the link is opened.
      const number = spec.kind === 'choice' || spec === this.varied ? NaN : parseParam(spec, text);
      query.set(spec.name, Number.isFinite(number) ? String(number) : text);
    }
    if (this.varied) query.set('vary', this.varied.name);
    query.set('workers', this.workersInput.value);
    query.set('repeats', this.repeatMode.value === 'auto' ? 'auto' : this.repeatsInput.value);
    if (this.repeatMode.value === 'auto') query.set('budget', this.budgetInput.value);
    if (this.scaling.value === 'weak' && !this.varied) query.set('scaling', 'weak');
    return query;
  }

  /** The value in parameter `name`'s field if the parameter allows it, else null: a refused
   *  value, a varied parameter's list, or no such parameter. Marks nothing. */
  valueOf(name) {
    const spec = this.workload.params.find((p) => p.name === name);
    if (!spec || spec === this.varied) return null;
    const { value, message } = paramValue(spec, this.element.querySelector(`#${this.prefix}param-${spec.name}`));
    return message ? null : value;
  }

  /** Validates every field. Returns { request } or { errors: [{ input, message }] }, marking
   *  each bad field with its message; nothing else on the page changes. */
  read() {
    const errors = [];
    const mark = (input, message) => {
      this.#mark(input, message);
      if (message) errors.push({ input, message });
    };
    const params = {};
    const varied = this.varied;
    let values = null;
    for (const spec of this.workload.params) {
      const input = this.element.querySelector(`#${this.prefix}param-${spec.name}`);
      if (spec === varied) {
        const list = parseValueList(spec, input.value, this.limits.maxVariedValues);
        mark(input, list.error);
        values = list.values;
        continue;
      }
      const { value, message } = paramValue(spec, input);
      mark(input, message);
      if (!message) params[spec.name] = value;
    }
    const workers = parseWorkers(this.workersInput.value, this.maxWorkers);
    const single = varied && workers.values && workers.values.length !== 1
      ? `Workers: a parameter sweep runs at one worker count (1 to ${this.maxWorkers}); got ${workers.values.length} of them ` +
        `(${this.workersInput.value.trim()}).` : null;
    // Where one count is asked for, a refused value is told so, not offered a list or a range.
    const one = `one whole number from 1 to ${this.maxWorkers}`;
    const error = varied && workers.error ? workers.error.replace(/; use .*$/, `; enter ${one}.`).replace(/^Workers: enter .*$/, `Workers: enter ${one}.`)
      : workers.error;
    mark(this.workersInput, error ?? single);
    const auto = this.repeatMode.value === 'auto';
    const { repeats: repeatsRange, budgetS } = this.limits;
    // What was typed, where it is a number, as the parameters' messages say it ("(got 0)").
    const got = (value) => (Number.isFinite(value) ? ` (got ${formatNumber(value)})` : '');
    const repeats = parseNumber(this.repeatsInput.value);
    mark(this.repeatsInput, auto || (Number.isInteger(repeats) && repeats >= repeatsRange.min && repeats <= repeatsRange.max)
      ? null : `Timed runs must be a whole number from ${repeatsRange.min} to ${repeatsRange.max}${got(repeats)}.`);
    const budget = parseNumber(this.budgetInput.value);
    mark(this.budgetInput, !auto || (budget >= budgetS.min && budget <= budgetS.max)
      ? null : `Time budget must be a number of seconds from ${budgetS.min} to ${budgetS.max}${got(budget)}.`);
    if (!errors.length && !varied && this.scaling.value === 'weak') {
      // Known before anything runs: it was refused only at the point that needed it, after
      // the points before it had run (minutes, for a large problem).
      const k = Math.max(...workers.values);
      const grown = weakGrowth(this.workload, params, k);
      if (grown.value > grown.spec.max) {
        const { label } = grown.spec;
        mark(this.element.querySelector(`#${this.prefix}param-${grown.spec.name}`), `Weak scaling to ${k} workers needs ${label} = ` +
          `${formatNumber(grown.value)}, above its maximum ${formatNumber(grown.spec.max)}; choose a smaller ${label} or fewer workers.`);
      }
    }
    if (!errors.length && this.workload.limits?.length) {
      // A bound on two parameters together (sha256's Buffers × Buffer size), for every problem
      // the sweep would run: the kernels refuse it too, but only once the points before it ran.
      const grownTo = (k) => { const g = weakGrowth(this.workload, params, k); return { ...params, [g.spec.name]: g.value }; };
      const problems = varied ? values.map((v) => ({ ...params, [varied.name]: v }))
        : this.scaling.value === 'weak' ? [grownTo(Math.max(...workers.values))] : [params];
      const past = problems.map((p) => checkLimits(this.workload, p)).find(Boolean);
      if (past) mark(this.element.querySelector(`#${this.prefix}param-${past.field}`), past.message);
    }
    if (errors.length) return { errors };
    const points = varied
      ? values.map((v) => ({ workers: workers.values[0], params: { ...params, [varied.name]: v }, label: `${varied.label} = ${formatNumber(v)}` }))
      : workers.values.map((k) => ({ workers: k, params, label: counted(k, 'worker') }));
    return {
      request: {
        workload: this.workload.id,
        engine: this.workload.engine ?? 'rayon',
        memory: this.workload.memory ?? null,
        weak: this.workload.weak ?? null,
        params,
        workers: workers.values,
        vary: varied ? { name: varied.name, label: varied.label, kind: varied.kind, values } : null,
        points,
        repeatMode: auto ? 'auto' : 'fixed',
        repeats: auto ? null : repeats,
        budgetMs: auto ? budget * 1000 : null,
        scaling: varied ? 'strong' : this.scaling.value,
        warmup: 1,
      },
    };
  }

  /**
   * Marks the parameter `name` as at fault with `message`, as the kernels said after a run
   * started (weak scaling past its maximum, say); the next read() clears it. Returns whether
   * the workload has such a parameter.
   */
  markParam(name, message) {
    const input = this.workload.params.some((p) => p.name === name) && this.element.querySelector(`#${this.prefix}param-${name}`);
    if (!input) return false;
    this.#mark(input, message);
    // The kernels' verdict was on the values they were given (Buffers × Buffer size, say): a
    // change to any parameter takes it back, and the next Run checks again.
    this.#unmark?.abort();
    const unmark = new AbortController();
    this.#unmark = unmark;
    this.element.addEventListener('input', (event) => {
      if (!event.target.id?.startsWith(`${this.prefix}param-`)) return;
      this.#mark(input, null);
      unmark.abort();
    }, { signal: unmark.signal });
    return true;
  }

  #mark(input, message) {
    const box = this.element.querySelector(`#${input.id}-error`);
    input.setAttribute('aria-invalid', message ? 'true' : 'false');
    box.textContent = message ?? '';
  }

  setRunning(running) {
    for (const el of this.element.querySelectorAll('input, select')) el.disabled = running;
  }
}

function textInput(id, inputMode) {
  return Object.assign(document.createElement('input'), { id, type: 'text', inputMode, autocomplete: 'off' });
}

/** A parameter's field read as the parameter's value, with the parameter's message for it
 *  (null where it is allowed). */
function paramValue(spec, input) {
  const value = spec.kind === 'choice' ? input.value : parseParam(spec, input.value);
  return { value, message: checkParam(spec, value, input.value) };
}

/** The size (unrounded) at which a weak-scaling size rule's work, size^exponent ·
 *  (ln size)^log_power, is `k` times that at `base`: the same steps as src/workload.rs
 *  `size_for_work` (Newton's method on ln size, from the power alone's answer). */
export function sizeForWork(base, k, exponent, logPower = 0) {
  const powerAlone = base * k ** (1 / exponent);
  if (logPower === 0 || base < 3) return powerAlone;
  const target = exponent * Math.log(base) + logPower * Math.log(Math.log(base)) + Math.log(k);
  let x = Math.log(powerAlone);
  for (let i = 0; i < 8; i++) x -= (exponent * x + logPower * Math.log(x) - target) / (exponent + logPower / x);
  return Math.exp(x);
}

/** The parameter weak scaling grows on `k` workers and its grown value, by the catalogue's rule
 *  (as the kernels grow it, src/workload.rs `Params::scaled`, which refuses it the same way):
 *  a size grows until its work, by the rule, grows k-fold; Amdahl's work keeps its serial
 *  steps and grows its parallel ones k-fold. */
export function weakGrowth(workload, params, k) {
  const weak = workload.weak;
  const name = weak.kind === 'serial_fixed' ? weak.work : weak.param;
  const spec = workload.params.find((p) => p.name === name);
  let value;
  if (weak.kind === 'serial_fixed') {
    const serial = Math.round(params[weak.work] * params[weak.serial_fraction]);
    value = serial + (params[weak.work] - serial) * k;
  } else {
    value = sizeForWork(params[name], k, weak.exponent, weak.log_power);
  }
  return { spec, value: spec.kind === 'integer' ? Math.round(value) : value };
}
