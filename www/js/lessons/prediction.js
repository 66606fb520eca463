// Predict, run, explain: a `.prediction` block inside a lesson's experiment asks for a guess
// (never blocking Run), then puts it beside the measurement with a sentence computed from the
// reader's own numbers.
import { decimalCommaHint, formatNumber, parseFraction, parseWithUnit, typedText } from '../input.js';
import { el } from '../experiment/dom.js';

export class Prediction {
  /**
   * @param {HTMLElement} block the author's `.prediction` element
   * @param {object} options { key, measure (from findMeasure), preset, progress, environment, prefix }
   */
  constructor(block, { key, measure, preset, progress, environment, prefix }) {
    Object.assign(this, { block, key, measure, preset, progress, environment });
    const id = `${prefix}predict-${key.replace(/[^\w-]/g, '-')}`;
    const label = block.dataset.label ?? 'Your prediction';
    // Named in its complaints: a lesson's experiment may ask for two predictions.
    const asked = /^Your prediction:\s*(.+)$/.exec(label)?.[1];
    this.name = asked ? `Prediction of ${asked}` : 'Prediction';
    this.kind = block.dataset.kind === 'choice' ? 'choice' : 'number';
    this.unit = block.dataset.unit ?? '';
    // The lesson's own range, else the measure's (a speedup is above 0, a serial fraction 0 to 1).
    this.min = block.dataset.min == null ? measure.min ?? -Infinity : Number(block.dataset.min);
    this.max = block.dataset.max == null ? measure.max ?? Infinity : Number(block.dataset.max);
    this.whole = Boolean(measure.whole); // a count: no fractions
    const form = el('div', 'prediction-field');
    if (this.kind === 'choice') {
      const options = block.dataset.options
        ? block.dataset.options.split('|').map((o) => { const at = o.indexOf(':'); return [o.slice(0, at), o.slice(at + 1)]; })
        : measure.options?.(null, preset) ?? [];
      const group = el('fieldset', 'choices');
      group.append(el('legend', '', label));
      this.radios = options.map(([value, text], i) => {
        const radio = Object.assign(document.createElement('input'), { type: 'radio', name: id, value, id: `${id}-${i}` });
        const line = el('label', 'choice');
        line.append(radio, ' ', text);
        group.append(line);
        radio.addEventListener('change', () => this.#save(value));
        return radio;
      });
      form.append(group);
    } else {
      this.input = Object.assign(document.createElement('input'), { type: 'text', inputMode: this.whole ? 'numeric' : 'decimal', autocomplete: 'off', id });
      const labelNode = el('label', '', label);
      labelNode.htmlFor = id;
      if (this.unit) labelNode.append(' ', el('span', 'unit', `(${this.unit})`));
      // Checked as the reader leaves the field: a live region from the start (empty, no box), so
      // the complaint is heard then, not only on coming back to the field.
      this.error = Object.assign(el('p', 'field-error'), { id: `${id}-error` });
      this.error.setAttribute('aria-live', 'polite');
      this.input.setAttribute('aria-describedby', this.error.id);
      this.input.addEventListener('change', () => this.#saveNumber());
      form.append(labelNode, this.input, this.error);
    }
    this.saved = el('p', 'help prediction-saved');
    this.outcome = el('div', 'prediction-outcome');
    // A live region from the start, empty until a run (one that appears with its text is often
    // not read out): the guess beside the measurement is what the reader waits to hear.
    this.outcome.setAttribute('aria-live', 'polite');
    block.append(form, this.saved, this.outcome);
    this.#restore();
    // Live only from here: its first line ("Optional: guess before you press Run.") had been
    // read out as the page loaded, once for each prediction on it.
    this.saved.setAttribute('aria-live', 'polite');
  }

  /** The stored guess, or null where it is none this prediction could take (stored by another
   *  version, or edited by hand: 1e308 for a fraction from 0 to 1). */
  get value() {
    const value = this.progress.prediction(this.key);
    if (value == null) return null;
    if (this.kind === 'choice') return this.radios.some((r) => r.value === value) ? value : null;
    const fits = Number.isFinite(value) && value >= this.min && value <= this.max && (!this.whole || Number.isInteger(value));
    return fits ? value : null;
  }

  #restore() {
    const value = this.value;
    if (this.kind === 'choice') {
      for (const radio of this.radios) radio.checked = radio.value === value;
    } else {
      this.input.value = value == null ? '' : formatNumber(value);
    }
    this.#showSaved();
  }

  #saveNumber() {
    const text = this.input.value.trim();
    const value = text === '' ? null : this.#parse(text);
    const [low, high] = [Number.isFinite(this.min), Number.isFinite(this.max)];
    const range = low && high ? ` from ${formatNumber(this.min)} to ${formatNumber(this.max)}`
      : low ? ` of at least ${formatNumber(this.min)}` : high ? ` of at most ${formatNumber(this.max)}` : '';
    // Empty is allowed (no prediction): it clears an earlier complaint too.
    const bad = value !== null && (!Number.isFinite(value) || value < this.min || value > this.max || (this.whole && !Number.isInteger(value)));
    this.allowed = `a ${this.whole ? 'whole number' : 'number'}${range}`;
    this.error.textContent = bad ? `${this.name}: enter ${this.allowed}, or leave it empty (got ${typedText(text)}).${decimalCommaHint(text)}` : '';
    this.input.setAttribute('aria-invalid', bad ? 'true' : 'false');
    // A refused guess replaces the one before it, as the field shows: the earlier 3 had been
    // compared with the run beside "enter a whole number … (got 2.5)".
    this.#save(bad ? null : value);
  }

  /** The guess typed, which may carry the field's unit: "50%" in a field marked (%), "1.5x" for a
   *  speedup, "2 workers" for a count of workers; a fraction may be a percentage ("25%"). */
  #parse(text) {
    return this.measure.fraction ? parseFraction(text) : parseWithUnit(text, this.unit);
  }

  #save(value) {
    this.progress.setPrediction(this.key, value);
    this.#showSaved();
  }

  /** The line under the guess. Beside a result, it says when the guess shown there (the one made
   *  before that run) is no longer the current one, rather than leave the two unexplained. */
  #showSaved() {
    const value = this.value;
    const now = value == null ? null : this.#label(value);
    // No guess now: an invitation, whatever the result below was compared with.
    // Beside a refused guess, its error speaks: "Optional: guess …" under it read as a second answer.
    const text = this.input?.getAttribute('aria-invalid') === 'true' ? ''
      : now == null ? 'Optional: guess before you press Run.'
      // "0.5" in a field of percentages is half a percent: a student meaning a half is told.
      : this.unit === '%' && value > 0 && value < 1 && !this.outcome.childElementCount
        ? `Prediction saved: ${now}. If you meant ${formatNumber(Number((value * 100).toPrecision(12)))}%, enter ` +
          `${formatNumber(Number((value * 100).toPrecision(12)))}.`
      : !this.outcome.childElementCount ? 'Prediction saved. Now run the experiment.'
      : now === this.compared ? ''
        : `Your prediction is now ${now}; the result below was compared with your earlier one. Run again to test it.`;
    if (this.saved.textContent !== text) this.saved.textContent = text; // a live region: say it once
  }

  /** Shows the guess beside what `results` measured; returns what was shown (kept with the
   *  lesson's progress, so a reload shows it again), or null when the run cannot answer. */
  show(results) {
    const measured = this.measure.read(results);
    if (!measured) {
      // Said by the measure where it knows why (a sweep over worker counts cannot say which
      // schedule is faster); the paragraph is marked so that the Done line does not offer it as
      // "your prediction beside the measurement".
      // Runs too short for the timer give no speedup (SweepResults.tooShort): that is why, not
      // a missing worker count.
      const why = this.measure.unanswered?.(results, this.preset) ?? (results.shortRunsAreWhy
        ? 'This run cannot answer the question: its runs were too short for the timer to measure (see the note under the ' +
          'results). Make the problem bigger and run again.'
        : 'This run cannot answer the question (it needs more worker counts or a 1-worker run).');
      this.outcome.replaceChildren(el('p', 'muted unanswered', why));
      return null;
    }
    // A guess typed but refused (0 for a speedup) is named, not shown as none: Run never waits
    // for a prediction, and the reader's guess must not vanish without a word. It is not
    // compared, nor any guess before it.
    const refused = this.input?.getAttribute('aria-invalid') === 'true' ? this.input.value.trim() : null;
    const predicted = refused == null ? this.value : null;
    // A prediction about one setting (`data-about="mode=atomic"`) is not judged by a run with
    // another: a student who switched the races lesson's counter to local, as it suggests, had
    // the atomic guess judged "42% below" the local run.
    const [name, about] = [...new URLSearchParams(this.block.dataset.about ?? '')]
      .find(([key, value]) => results.params?.[key] != null && String(results.params[key]) !== value) ?? [];
    const otherSetting = name && predicted != null;
    // The comparison made with a run of the setting stays; only a line says the new run is not
    // it (the lesson itself asks for the local run, and the atomic comparison had vanished).
    if (otherSetting && this.shown) {
      // Kept with the comparison, so a reload says it too: without it, the atomic run's 0.70× sat
      // above the local run's chart, both called "your last run".
      const kept = { ...this.shown, aside: `Your last run, with ${name} = ${results.params[name]}, is not compared: this ` +
        `prediction is about ${name} = ${about}, and the comparison above is with your last run of that.` };
      this.restoreOutcome(kept);
      return kept;
    }
    const sentence = () => {
      if (otherSetting) {
        return `This run had ${name} = ${results.params[name]}, and your prediction is about ${name} = ${about}, so the two were ` +
          `not compared. Run it with ${name} = ${about} to test your prediction.`;
      }
      if (refused) {
        return `Your guess, ${refused}, is not one this question takes (${this.allowed}), so it was not compared. Correct it and ` +
          'run again: guessing first is what makes the result stick.';
      }
      if (predicted == null) return 'Make a prediction and run again to compare: guessing first is what makes the result stick.';
      return this.measure.explain(predicted, measured, results, this.environment);
    };
    const shown = {
      ...(otherSetting ? { other: true } : {}),
      at: new Date().toISOString(), // when this comparison was made, which a later run of another setting keeps
      predicted: refused ? `${refused} (not taken: it must be ${this.allowed})` : predicted == null ? 'none made' : this.#label(predicted),
      // A measured choice may be none of the options (a middle thread last): it names itself.
      measured: this.kind === 'choice' ? `${measured.label ?? this.#label(measured.value)}: ${measured.text}` : measured.text,
      sentence: sentence(),
    };
    this.restoreOutcome(shown);
    return shown;
  }

  /** Shows an outcome: a fresh one, or the one kept from the last run (`at` says when). */
  restoreOutcome(shown, at = null) {
    const { predicted, measured, sentence, aside } = shown;
    const list = el('dl', 'versus');
    list.append(el('dt', '', 'Your prediction'), el('dd', '', predicted), el('dt', '', 'Measured on this device'), el('dd', '', measured));
    // Beside a later run of another setting, the comparison is from an earlier run: its own date.
    const when = !at ? [] : [el('p', 'help', aside
      ? `The comparison is from your run of ${new Date(shown.at ?? at).toLocaleString()}; run again to measure afresh.`
      : `From your last run, ${new Date(at).toLocaleString()}; run again to measure afresh.`)];
    this.outcome.replaceChildren(list, el('p', 'explain', sentence), ...(aside ? [el('p', 'help', aside)] : []), ...when);
    this.compared = predicted; // the guess this result was compared with, as shown
    if (!shown.other) {
      const { aside: _, ...comparison } = shown;
      this.shown = comparison; // the last comparison made, which a run of another setting leaves standing
    }
    this.#showSaved();
  }

  #label(value) {
    if (this.kind === 'number') return `${formatNumber(value)}${['×', '%'].includes(this.unit) ? this.unit : this.unit ? ` ${this.unit}` : ''}`;
    const radio = this.radios.find((r) => r.value === String(value));
    return radio ? radio.parentElement.textContent.trim() : String(value);
  }

  /** Forgets the guess and the outcome (the experiment's Reset). */
  reset() {
    this.progress.setPrediction(this.key, null);
    this.outcome.replaceChildren();
    this.shown = null;
    if (this.error) this.error.textContent = '';
    this.#restore();
  }
}
