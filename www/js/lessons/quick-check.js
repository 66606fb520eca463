// A quick check: the author's `.quick-check` (a question, options, an explanation for each and
// the misconception each wrong option stands for) becomes a radio group with a Check button and
// feedback for whichever option the reader picks. Any option can be tried again.
import { el } from '../experiment/dom.js';

/** The author's markup inside `node` as fresh nodes (its <code> and <var> kept), with the
 *  whitespace at either end trimmed; `dropLead` removes that text from its start. */
function contents(node, dropLead = null) {
  const nodes = [...node.childNodes].map((child) => child.cloneNode(true));
  const first = nodes[0];
  if (first?.nodeType === Node.TEXT_NODE) {
    first.textContent = first.textContent.trimStart();
    if (dropLead) first.textContent = first.textContent.replace(dropLead, '');
  }
  const last = nodes.at(-1);
  if (last?.nodeType === Node.TEXT_NODE) last.textContent = last.textContent.trimEnd();
  return nodes;
}

export class QuickCheck {
  /** @param {HTMLElement} block @param {object} options { prefix, progress, onAnswer } */
  constructor(block, { prefix, progress, onAnswer }) {
    this.id = block.dataset.id;
    this.progress = progress;
    this.onAnswer = onAnswer;
    const name = `${prefix}check-${this.id}`;
    this.options = [...block.querySelectorAll('.option')].map((option, i) => {
      const correct = option.hasAttribute('data-correct');
      const explain = option.querySelector('.explain');
      return {
        correct,
        misconception: option.dataset.misconception ?? '',
        answer: contents(option.querySelector('.answer') ?? option),
        // The verdict already says "Right."; an explanation that starts by saying so again drops it.
        explain: explain ? contents(explain, correct ? /^Right[.:!]\s*/ : null) : [],
        value: String(i),
      };
    });
    const question = block.querySelector('.question');
    const form = el('form', 'quick-check-form');
    const group = el('fieldset');
    const legend = el('legend');
    legend.id = `${name}-question`;
    legend.append(el('span', 'kicker', 'Quick check: '), ...(question ? contents(question) : ['Quick check']));
    group.append(legend);
    this.radios = this.options.map((option) => {
      const radio = Object.assign(document.createElement('input'), { type: 'radio', name, value: option.value, id: `${name}-${option.value}` });
      const label = el('label', 'choice');
      const text = el('span'); // one flex item, however many nodes (<code>) the answer has
      text.append(...option.answer);
      label.append(radio, ' ', text);
      group.append(label);
      return radio;
    });
    const check = Object.assign(el('button', '', 'Check'), { type: 'submit' });
    check.setAttribute('aria-describedby', legend.id); // which of the page's Check buttons this is
    this.feedback = el('div', 'feedback');
    this.feedback.setAttribute('aria-live', 'polite');
    form.append(group, check, this.feedback);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const chosen = this.radios.find((r) => r.checked);
      if (!chosen) {
        this.feedback.replaceChildren(el('p', 'muted', 'Pick an answer first.'));
        return;
      }
      this.#answer(Number(chosen.value), true);
    });
    // The author's markup stays in the page for readers without JavaScript; with it, the form
    // replaces it.
    block.replaceChildren(form);
    block.classList.add('enhanced');
    // A solved check comes back solved: the right answer, not a wrong option tried after it (a
    // returning student saw red for a question they had answered). Else the last try.
    const saved = progress.answer(this.id);
    const right = this.options.findIndex((o) => o.correct);
    const shown = saved?.solved && right >= 0 ? right : saved?.choice;
    const radio = this.radios[shown]; // none for a choice this check no longer has
    if (radio) {
      radio.checked = true;
      this.#answer(shown, false);
    }
  }

  /** Shows the feedback for option `index`, and keeps it as the reader's answer where `save`. */
  #answer(index, save) {
    const option = this.options[index];
    if (!option) return;
    const verdict = option.correct
      ? el('p', 'verdict right', 'Right.')
      : el('p', 'verdict wrong', `Not quite. This answer stands for a common misconception: “${option.misconception || 'a mix-up'}”.`);
    const hint = option.correct ? [] : [el('p', 'muted', 'Try another option.')];
    const explain = el('p');
    explain.append(...option.explain.map((node) => node.cloneNode(true)));
    // The markup's "Right." marks the answer for readers without JavaScript; here the verdict
    // says it, and a student read "Right." twice.
    const first = explain.firstChild;
    if (option.correct && first?.nodeType === Node.TEXT_NODE) {
      first.textContent = first.textContent.replace(/^\s*Right[.:]\s*(\S?)/, (_, next) => next.toUpperCase());
    }
    this.feedback.replaceChildren(verdict, explain, ...hint);
    this.feedback.className = `feedback ${option.correct ? 'right' : 'wrong'}`;
    if (save) {
      this.progress.setAnswer(this.id, index, option.correct);
      this.onAnswer?.();
    }
  }

  /** Clears the answer shown (the lesson's Reset). */
  reset() {
    for (const radio of this.radios) radio.checked = false;
    this.feedback.replaceChildren();
    this.feedback.className = 'feedback';
  }
}
