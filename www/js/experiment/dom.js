// Small DOM builders shared by the experiment's parts. Text always goes in as text, never HTML.

/** An element with a class and text. */
export function el(tag, className = '', text = '') {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

/** A labelled field around `input` (which has its id): label, the input, a help line (always
 *  present, so callers can rewrite it) and, with `error`, an error line: a live region, empty
 *  until used, so a message is heard when it appears, whether on Run or as the reader leaves
 *  the field. The field's description reads the error before the help (thirty words of help
 *  came first). */
export function field(input, label, help = '', { error = false, unit = '' } = {}) {
  const box = el('div', 'field');
  const labelNode = el('label', '', label);
  labelNode.htmlFor = input.id;
  if (unit) labelNode.append(' ', el('span', 'unit', `(${unit})`));
  const helpNode = el('p', 'help', help);
  helpNode.id = `${input.id}-help`;
  const described = [helpNode.id];
  box.append(labelNode, input, helpNode);
  if (error) {
    const errorNode = el('p', 'field-error');
    errorNode.id = `${input.id}-error`;
    errorNode.setAttribute('aria-live', 'polite');
    described.unshift(errorNode.id);
    box.append(errorNode);
  }
  input.setAttribute('aria-describedby', described.join(' '));
  return box;
}

/** A select with `[value, text]` options. */
export function select(id, options) {
  const node = document.createElement('select');
  node.id = id;
  for (const [value, text] of options) node.add(new Option(text, value));
  return node;
}

/** A table cell with text. A value and its short parenthesis ("0.21× (0.18–0.24, 50%)") wrap
 *  only between their parts, each kept whole ("0.21×", "(0.18–0.24,", "50%)"): in a lesson's
 *  narrow column the cells broke inside numbers, "0.21× (0.18– / 0.24, 50%)". Other text wraps
 *  as text does. */
export function cell(text, className) {
  const [, value, paren] = /^(\S+) (\([^()]{1,24}\))$/.exec(String(text)) ?? [];
  // One token ("552.0–742.7") breaks only at its dash: kept whole where the columns have room.
  if (!paren) return el('td', /^\S+$/.test(String(text)) ? [className, 'phrase'].filter(Boolean).join(' ') : className, text);
  const td = el('td', className);
  [value, ...paren.split(/(?<=,) /)].forEach((part, i) => td.append(...(i ? [' '] : []), el('span', 'phrase', part)));
  return td;
}

/** A table row with a row header and cells. */
export function row(header, cells) {
  const tr = document.createElement('tr');
  const th = el('th', '', header);
  th.scope = 'row';
  tr.append(th, ...cells);
  return tr;
}

/** A table with a caption and column headings, inside a scrolling wrapper. */
export function table(id, caption, headings) {
  const wrap = el('div', 'table-wrap');
  const node = document.createElement('table');
  node.id = id;
  node.append(el('caption', '', caption), document.createElement('thead'), document.createElement('tbody'));
  setHeadings(node, headings);
  wrap.append(node);
  nameScroller(wrap);
  return { wrap, table: node, body: node.tBodies[0] };
}

let scrollers = null; // made on first use: node's unit tests import this module, with no DOM

/** Makes a table's wrapper a named region with a tab stop while, and only while, the table is
 *  wider than it: the keyboard can then land on it to scroll it, and it says what it holds.
 *  Chromium and Firefox give any scrolling box a tab stop on their own; Safari does not. A tab
 *  stop on every table, scrolling or not, would only slow Tab down, and a landmark per table
 *  (a lesson has dozens) would bury the page's own in a screen reader's list of them. */
function watchScroller(wrap) {
  scrollers ??= new ResizeObserver((entries) => {
    for (const box of new Set(entries.map((entry) => entry.target.closest('.table-wrap')))) {
      if (box.scrollWidth > box.clientWidth + 1) {
        box.tabIndex = 0;
        box.setAttribute('role', 'region');
        box.setAttribute('aria-labelledby', box.querySelector('caption').id);
      } else {
        for (const name of ['tabindex', 'role', 'aria-labelledby']) box.removeAttribute(name);
      }
    }
  });
  scrollers.observe(wrap);
  scrollers.observe(wrap.querySelector('table'));
}

/** Names a table's scrolling wrapper by the table's caption, while the table scrolls (see
 *  `watchScroller`). */
export function nameScroller(wrap) {
  const caption = wrap.querySelector('caption');
  if (!caption) return;
  caption.id ||= `${wrap.querySelector('table').id}-caption`;
  watchScroller(wrap);
}

/** Replaces a table's column headings. */
export function setHeadings(node, headings) {
  const tr = document.createElement('tr');
  for (const heading of headings) {
    const th = typeof heading === 'string' ? el('th', '', heading) : heading;
    th.scope = 'col';
    tr.append(th);
  }
  node.tHead.replaceChildren(tr);
}

/** A figure holding a chart canvas, its title and its description in words. */
export function chartFigure(prefix, name, title, size = '') {
  const figure = el('figure', 'chart');
  figure.id = `${prefix}${name}-figure`;
  const box = el('div', `chart-box${size ? ` ${size}` : ''}`);
  const canvas = document.createElement('canvas');
  canvas.id = `${prefix}${name}-chart`;
  canvas.setAttribute('role', 'img');
  const description = el('span');
  description.id = `${prefix}${name}-description`;
  canvas.setAttribute('aria-describedby', description.id);
  box.append(canvas);
  const caption = el('figcaption');
  const strong = el('strong', '', title);
  strong.id = `${prefix}${name}-title`;
  caption.append(strong, ' ', description);
  figure.append(box, caption);
  // Named by its title alone: named by its caption, the figure's name was the whole description,
  // which a screen reader then read again as the caption's text.
  figure.setAttribute('aria-labelledby', strong.id);
  return { figure, canvas, description, title: strong };
}

/**
 * Resolves in a later task, after the browser has had the chance to handle input and draw: work
 * cut at these points never holds the main thread for long (a "long task" is one over 50 ms).
 * scheduler.yield() resumes ahead of tasks queued meanwhile where the browser has it; elsewhere a
 * message to ourselves does, which unlike setTimeout is not slowed down in a background tab.
 */
/**
 * Resolves once the page's HTML is parsed. The pages load their entry module with `async`: it
 * then runs as soon as its imports have arrived, in a task of its own, instead of in the task
 * that ends parsing, fires DOMContentLoaded and lays the page out; together those were a long
 * task (50-100 ms on a 2-core machine) in most loads. An async module may run before parsing has
 * ended, so it waits here before reading the page.
 */
export function documentParsed() {
  if (document.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) => document.addEventListener('DOMContentLoaded', () => resolve(), { once: true }));
}

export function yieldToMain() {
  if (typeof globalThis.scheduler?.yield === 'function') return globalThis.scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** This tab's value under `key` (sessionStorage, which a reload and Back keep); with `value`,
 *  sets it (null: removes it). Storage refused: nothing is kept, and a reload is as without it. */
export function session(key, value) {
  try {
    if (value === undefined) return sessionStorage.getItem(key);
    if (value === null) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, value);
  } catch {
    // Storage refused (private mode, full).
  }
  return null;
}
