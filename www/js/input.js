// Reading what a person types (worker lists, numbers, parameter values) and writing numbers
// back. Shared by the page, the lessons and the headless runner; no DOM.

/** What a person typed, as a message quotes it: trimmed, and past 40 characters cut with its
 *  length said (a URL pasted by mistake, quoted whole, made a phone's page 639 px wide). */
export function typedText(text) {
  const typed = String(text).trim();
  return typed.length > 40 ? `${typed.slice(0, 32)}… (${formatNumber(typed.length)} characters)` : typed;
}

/**
 * Parses a worker list such as "1,2,4" or "1-8" (or a mix: "1-4,8"). Returns the sorted,
 * de-duplicated counts, or { error } naming the allowed range.
 */
export function parseWorkers(text, max) {
  const allowed = `whole numbers from 1 to ${max}, as a list (1,2,4) or a range (1-${max})`;
  const parts = String(text).split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (parts.length === 0) return { error: `Workers: enter ${allowed}.` };
  const counts = new Set();
  for (const part of parts) {
    const range = /^(\d+)\s*(?:-|\.\.)\s*(\d+)$/.exec(part);
    const [lo, hi] = range ? [Number(range[1]), Number(range[2])] : [Number(part), Number(part)];
    if (!/^\d+$/.test(part) && !range) {
      // "-1" is a number, out of range; "1.5" one that is not whole; "a" none.
      // "1e9" is a number, but not one written as digits alone.
      const number = Number.isFinite(parseNumber(part)) ? parseNumber(part) : null;
      const what = /^-\d+$/.test(part) ? 'is out of range' : number != null && !Number.isInteger(number) ? 'is not a whole number'
        : number != null ? `is not written as digits alone${number >= 1 && number <= max ? ` (write ${number})` : ''}` : 'is not a number';
      return { error: `Workers: "${typedText(part)}" ${what}; use ${allowed}.` };
    }
    if (lo > hi) return { error: `Workers: the range ${typedText(part)} runs backwards; write it from low to high (${hi}-${lo}), with ${allowed}.` };
    if (lo < 1 || hi > max) return { error: `Workers: ${typedText(part)} is out of range; use ${allowed}.` };
    for (let k = lo; k <= hi; k++) counts.add(k);
  }
  return { values: [...counts].sort((a, b) => a - b) };
}

/** Worker counts (ascending) as the Workers field shows them: a range where they run on
 *  without a gap ("1-4", as the field first offers), else a list ("1,2,4"). */
export function workersText(counts) {
  const consecutive = counts.length > 1 && counts.every((k, i) => k === counts[0] + i);
  return consecutive ? `${counts[0]}-${counts.at(-1)}` : counts.join(',');
}

/** A parameter's number as typed, which may carry the start of its unit: "4 ms" or "4 ms per
 *  item" where the field is marked (ms per item). NaN where it does not parse. */
export function parseParam(spec, text) {
  // A fraction (a parameter from 0 to 1) may be typed as a percentage, as the laws widget takes it.
  if (spec.kind === 'number' && spec.min >= 0 && spec.max <= 1 && /%\s*$/.test(String(text))) return parseFraction(text);
  return parseWithUnit(text, spec.unit);
}

/**
 * A number typed with, or without, the unit its field is marked with: the whole unit or its
 * first words ("4 ms" in a field of ms per item), a plural's singular ("1 worker" where it says
 * workers), "x" for "×". Parameter fields and predictions read their units by this alike.
 */
export function parseWithUnit(text, unit = '') {
  const typed = String(text).trim();
  const words = unit.split(' ').filter(Boolean);
  const forms = words.map((_, i) => words.slice(0, i + 1).join(' ')).reverse() // longest first
    .flatMap((u) => [u, ...(/^[a-z]{4,}s$/i.test(u) ? [u.slice(0, -1)] : []), ...(u === '×' ? ['x'] : [])]);
  const found = forms.find((u) => typed.toLowerCase().endsWith(u.toLowerCase()));
  return parseNumber(found ? typed.slice(0, -found.length) : typed);
}

/** A fraction as a person types it: "0.25", or as a percentage, "25%" or "25 %" (NaN otherwise). */
export function parseFraction(text) {
  const percent = /^(.*?)\s*%$/.exec(String(text).trim());
  return percent ? parseNumber(percent[1]) / 100 : parseNumber(text);
}

/**
 * Parses a number the way a person types it: "5000000", "5,000,000", "5 000 000", "5_000_000",
 * "1e6". Returns NaN for anything else (so "abc" and "" are refused, not read as 0).
 */
export function parseNumber(text) {
  const compact = String(text).trim().replace(/[\s_,](?=\d{3}(\D|$))/g, '');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(compact)) return NaN;
  return Number(compact);
}

/** Where a refused number has a decimal comma ("1,5", "0,25": a comma not followed by exactly
 *  three digits, so not a thousands separator), how to type it, as a sentence to add; else ''.
 *  A phone's keypad may offer only a comma, and "1,5" was refused beside a range that read
 *  "1,024" with a comma. */
export function decimalCommaHint(typed) {
  const text = String(typed ?? '').trim();
  // A unit after the number ("1,5×", "0,5 ms") is allowed; "0," is never a thousands separator.
  const match = /^[+-]?(\d*),(\d+)\s*[^\d\s,.]*$/.exec(text);
  return match && (match[2].length !== 3 || /^0?$/.test(match[1])) ? ` Decimals take a point here: ${text.replace(',', '.')}, not ${text}.` : '';
}

/** Checks a value against a catalogue parameter; returns an error sentence or null. `typed`, the
 *  text the value was read from, is quoted where the number cannot be held exactly. */
export function checkParam(spec, value, typed = null) {
  if (spec.kind === 'choice') {
    return spec.choices.includes(value) ? null : `${spec.label} must be one of ${spec.choices.join(', ')}.`;
  }
  const range = `${formatNumber(spec.min)} to ${formatNumber(spec.max)}`;
  if (Math.abs(value) === Infinity) return `${spec.label} must be from ${range} (got a number too large to hold).`; // 5000 digits
  if (!Number.isFinite(value)) return `${spec.label} must be a number from ${range}${typed != null && String(typed).trim() ? ` (got ${typedText(typed)})` : ''}.${decimalCommaHint(typed)}`;
  if (spec.kind === 'integer' && !Number.isInteger(value)) return `${spec.label} must be a whole number from ${range}.`;
  // Past 2^53 a number is not held exactly: "99999999999999999" would be quoted as 100,000,…,000.
  const got = typed != null && !Number.isSafeInteger(value) && Number.isInteger(value) ? typedText(typed) : formatNumber(value);
  if (value < spec.min || value > spec.max) return `${spec.label} must be from ${range} (got ${got}).${decimalCommaHint(typed)}`;
  return null;
}

/** Checks `params` against the workload's limits on a product of two parameters (sha256's
 *  Buffers × Buffer size): returns { field, message } for the first one past its bound, in the
 *  kernels' words (src/workload.rs `WorkloadSpec::check_limits`), or null. */
export function checkLimits(workload, params) {
  for (const limit of workload.limits ?? []) {
    const [a, b] = limit.params.map((name) => workload.params.find((p) => p.name === name));
    const [x, y] = [params[a.name], params[b.name]];
    if (!(x * y > limit.max)) continue;
    return {
      field: limit.field,
      message: `${a.label} × ${b.label} must be at most ${formatNumber(limit.max)} (${limit.text}); ` +
        `${formatNumber(x)} × ${formatNumber(y)} is ${formatNumber(x * y)}: make one of them smaller.`,
    };
  }
  return null;
}

/** A number with `digits` decimals, or a dash when there is none. */
export function fixedOrDash(value, digits) {
  return value == null || !Number.isFinite(value) ? '—' : value.toFixed(digits);
}

/** `n` and the word for what it counts, in the plural unless n is 1: "1 worker", "2 workers". */
export function counted(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Items as a sentence lists them: "a", "a and b", "a, b and c" (`last`: "or" for choices). */
export function wordList(items, last = 'and') {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} ${last} ${items.at(-1)}`;
}

/** Formats whole numbers with thousands separators, as the Rust side does. */
export function formatNumber(value) {
  // From 1e21 as JavaScript writes it ("1e+99"): grouped, a typed 1e99 read as a hundred digits
  // and pushed a phone's page 1119 px wide.
  return Number.isInteger(value) && Math.abs(value) < 1e21 ? value.toLocaleString('en-US') : String(value);
}

/**
 * Replaces the `cores` tokens of a preset's worker list with numbers: `cores` is the reported
 * core count and `2xcores` twice it, so a lesson can ask for "1-2xcores" on any device.
 */
export function expandCores(text, cores) {
  return String(text).replace(/(\d+)x\s*cores|cores/gi, (_, times) => String((times ? Number(times) : 1) * cores));
}

/**
 * Parses the values of a parameter sweep: a comma-separated list (commas separate values here,
 * so no thousands separators inside one; "1e6" and "1_000_000" work). Each value is checked
 * against the parameter. Returns { values } in the order given, or { error } naming the field.
 */
export function parseValueList(spec, text, max) {
  // "1,000,000, 2,000,000": where a comma and a space separate values that each read as a
  // grouped number, the commas inside them group digits (every help writes numbers so).
  const spaced = String(text).split(/,\s+/).map((s) => s.trim()).filter((s) => s !== '');
  const grouped = spec.kind !== 'choice' && spaced.length > 1 && spaced.some((s) => s.includes(',')) &&
    spaced.every((s) => Number.isFinite(parseNumber(s)));
  const parts = grouped ? spaced : String(text).split(',').map((s) => s.trim()).filter((s) => s !== '');
  const what = spec.kind === 'choice'
    ? `one or more of ${spec.choices.join(', ')}, separated by commas`
    : `numbers from ${formatNumber(spec.min)} to ${formatNumber(spec.max)}, separated by commas`;
  if (parts.length === 0) return { error: `${spec.label}: enter ${what}.` };
  if (parts.length > max) return { error: `${spec.label}: at most ${max} values in one sweep (got ${parts.length}).` };
  const values = [];
  for (const part of parts) {
    const value = spec.kind === 'choice' ? part : parseNumber(part.replace(/_/g, ''));
    if (checkParam(spec, value)) return { error: `${spec.label}: "${typedText(part)}" is not allowed; use ${what}.` };
    if (values.includes(value)) return { error: `${spec.label}: ${typedText(part)} is listed twice.` };
    values.push(value);
  }
  return { values };
}

/** A parameter value as shown: numbers with separators, choices as they are. */
/** A duration in ms as read: "12.3 ms", or under a millisecond in µs ("0.0 ms" hid 40 µs), and
 *  under a microsecond in ns (a native timer's step of 1 ns read "0 µs"). */
export const msText = (ms) => (ms > 0 && ms < 0.001 ? `${Math.round(ms * 1e6)} ns` : ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(1)} ms`);

/** A count in few characters where its digits crowd a table: "720M", "2.5M", "300K" from ten
 *  thousand up (three significant figures), else as formatNumber writes it. */
export function compactNumber(value) {
  return Number.isFinite(value) && Math.abs(value) >= 1e4
    ? value.toLocaleString('en-US', { notation: 'compact', maximumSignificantDigits: 3 }) : formatNumber(value);
}

export function formatValue(value) {
  return typeof value === 'number' ? formatNumber(value) : String(value);
}
