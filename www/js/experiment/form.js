// The experiment form, generated from the workload catalogue (pkg/catalogue.json, written by
// `corelab catalogue` from src/catalogue.rs): nothing here is written per workload.
import { checkParam, formatNumber, parseNumber, parseWorkers } from './stats.js';

export const MAX_REPEATS = 100;
export const BUDGET_S = { min: 1, max: 600, default: 30 };

export class ExperimentForm {
  constructor(form, catalogue, hardwareConcurrency) {
    this.form = form;
    this.catalogue = catalogue;
    this.maxWorkers = Math.max(2, 2 * hardwareConcurrency);
    this.select = form.querySelector('#workload');
    this.paramsBox = form.querySelector('#params');
    this.description = form.querySelector('#workload-description');
    this.workersInput = form.querySelector('#workers');
    this.repeatsInput = form.querySelector('#repeats');
    this.repeatMode = form.querySelector('#repeat-mode');
    this.budgetInput = form.querySelector('#budget');
    this.scaling = form.querySelector('#scaling');
    this.repeatMode.addEventListener('change', () => this.#showRepeatMode());
    this.scaling.addEventListener('change', () => this.#showScaling());
    this.values = new Map(); // workload id -> { name: text } the user typed, kept across switches

    for (const w of catalogue.workloads) this.select.add(new Option(w.title, w.id));
    this.select.addEventListener('change', () => this.#showParams());
    const hc = hardwareConcurrency;
    this.workersInput.value = hc <= 4 ? Array.from({ length: hc }, (_, i) => i + 1).join(',') : `1-${hc}`;
    form.querySelector('#workers-help').textContent =
      `Worker counts to sweep: a list (1,2,4) or a range (1-${hc}). This device reports ${hc} ` +
      `logical cores; up to ${this.maxWorkers} are allowed, to show what oversubscription does.`;
    this.#showParams();
    this.#showRepeatMode();
  }

  #showRepeatMode() {
    const auto = this.repeatMode.value === 'auto';
    this.form.querySelector('#repeats-field').hidden = auto;
    this.form.querySelector('#budget-field').hidden = !auto;
  }

  #showScaling() {
    const workload = this.workload;
    const rule = workload.weak.kind === 'serial_fixed'
      ? 'the parallel share of the work grows k-fold while the serial share stays the same, as Gustafson assumed'
      : `${workload.params.find((p) => p.name === workload.weak.param).label} grows so that the work grows k-fold`;
    this.form.querySelector('#scaling-help').textContent = this.scaling.value === 'weak'
      ? `Weak scaling: on k workers, ${rule}. The chart then shows the scaled speedup against Gustafson's law.`
      : 'Strong scaling: the same problem at every worker count; the chart shows the speedup against Amdahl\'s law.';
  }

  get workload() {
    return this.catalogue.workloads.find((w) => w.id === this.select.value);
  }

  #showParams() {
    const workload = this.workload;
    this.description.textContent = workload.description;
    const typed = this.values.get(workload.id) ?? {};
    const fields = workload.params.map((spec) => {
      const id = `param-${spec.name}`;
      const field = document.createElement('div');
      field.className = 'field';
      const label = document.createElement('label');
      label.htmlFor = id;
      label.textContent = spec.label;
      if (spec.unit) label.append(' ', Object.assign(document.createElement('span'), { className: 'unit', textContent: `(${spec.unit})` }));
      const help = Object.assign(document.createElement('p'), { id: `${id}-help`, className: 'help' });
      const error = Object.assign(document.createElement('p'), { id: `${id}-error`, className: 'field-error', hidden: true });
      let input;
      if (spec.kind === 'choice') {
        input = document.createElement('select');
        for (const choice of spec.choices) input.add(new Option(choice, choice));
        input.value = typed[spec.name] ?? spec.choices[spec.default];
        help.textContent = spec.help;
      } else {
        input = Object.assign(document.createElement('input'), { type: 'text', inputMode: 'decimal', autocomplete: 'off' });
        input.value = typed[spec.name] ?? formatNumber(spec.default);
        help.textContent = `${spec.help} From ${formatNumber(spec.min)} to ${formatNumber(spec.max)}; default ${formatNumber(spec.default)}.`;
      }
      Object.assign(input, { id, name: spec.name });
      input.setAttribute('aria-describedby', `${id}-help ${id}-error`);
      input.addEventListener(spec.kind === 'choice' ? 'change' : 'input', () => {
        this.values.set(workload.id, { ...(this.values.get(workload.id) ?? {}), [spec.name]: input.value });
      });
      field.append(label, input, help, error);
      return field;
    });
    this.paramsBox.replaceChildren(this.paramsBox.querySelector('legend') ?? document.createElement('legend'), ...fields);
    this.paramsBox.hidden = fields.length === 0;
    this.#showScaling();
  }

  /** Fills the form from URL query values: ?workload=primes&n=1000000&workers=1,2&repeats=3. */
  prefill(query) {
    const id = query.get('workload');
    if (id && this.catalogue.workloads.some((w) => w.id === id)) {
      this.select.value = id;
      this.#showParams();
    }
    for (const spec of this.workload.params) {
      if (query.has(spec.name)) this.form.querySelector(`#param-${spec.name}`).value = query.get(spec.name);
    }
    if (query.has('workers')) this.workersInput.value = query.get('workers');
    if (query.get('repeats') === 'auto') this.repeatMode.value = 'auto';
    else if (query.has('repeats')) this.repeatsInput.value = query.get('repeats');
    if (query.has('budget')) this.budgetInput.value = query.get('budget');
    if (['strong', 'weak'].includes(query.get('scaling'))) this.scaling.value = query.get('scaling');
    this.#showRepeatMode();
    this.#showScaling();
  }

  /** Validates every field. Returns { request } or { errors: [{ input, message }] }, marking
   *  each bad field with its message; nothing else on the page changes. */
  read() {
    const errors = [];
    const params = {};
    for (const spec of this.workload.params) {
      const input = this.form.querySelector(`#param-${spec.name}`);
      const value = spec.kind === 'choice' ? input.value : parseNumber(input.value);
      const message = checkParam(spec, value);
      this.#mark(input, message);
      if (message) errors.push({ input, message });
      else params[spec.name] = value;
    }
    const workers = parseWorkers(this.workersInput.value, this.maxWorkers);
    this.#mark(this.workersInput, workers.error);
    if (workers.error) errors.push({ input: this.workersInput, message: workers.error });
    const auto = this.repeatMode.value === 'auto';
    const repeats = parseNumber(this.repeatsInput.value);
    const repeatsError =
      auto || (Number.isInteger(repeats) && repeats >= 1 && repeats <= MAX_REPEATS)
        ? null
        : `Repeats must be a whole number from 1 to ${MAX_REPEATS}.`;
    this.#mark(this.repeatsInput, repeatsError);
    if (repeatsError) errors.push({ input: this.repeatsInput, message: repeatsError });
    const budget = parseNumber(this.budgetInput.value);
    const budgetError =
      !auto || (budget >= BUDGET_S.min && budget <= BUDGET_S.max)
        ? null
        : `Time budget must be a number of seconds from ${BUDGET_S.min} to ${BUDGET_S.max}.`;
    this.#mark(this.budgetInput, budgetError);
    if (budgetError) errors.push({ input: this.budgetInput, message: budgetError });
    if (errors.length) return { errors };
    return {
      request: {
        workload: this.workload.id,
        params,
        workers: workers.values,
        repeatMode: auto ? 'auto' : 'fixed',
        repeats: auto ? null : repeats,
        budgetMs: auto ? budget * 1000 : null,
        scaling: this.scaling.value,
        warmup: 1,
      },
    };
  }

  #mark(input, message) {
    const box = this.form.querySelector(`#${input.id}-error`);
    input.setAttribute('aria-invalid', message ? 'true' : 'false');
    box.textContent = message ?? '';
    box.hidden = !message;
  }

  setRunning(running) {
    for (const el of this.form.querySelectorAll('input, select')) el.disabled = running;
  }
}

