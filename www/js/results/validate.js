// Reading results that come back in: an imported file, a shared link, an entry of the library.
// Nothing in them is trusted. A document is checked field by field against the format the
// README documents and rebuilt from the fields corelab knows; everything else is dropped. The
// numbers derived from the samples (medians, intervals, speedups, efficiencies, Karp-Flatt,
// fits, coarse-timer flags, sample counts) are dropped too: whoever shows the results
// recomputes them from the samples (SweepResults), so a file cannot claim a speedup its samples
// do not show. Strings are kept as they are: the page shows them as text, never as HTML.
// No DOM here: the page, the unit tests (tests/unit/validate.test.js) and node share it.
import { FORMAT } from './format.js';

/** The versions of the results format this code reads. */
export const KNOWN_VERSIONS = [1];

/** The largest results file read (in UTF-8 bytes): far above any sweep, far below a tab's memory. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** The longest timed run a file may hold, in ms (a day), and the most cores a device may claim. */
export const MAX_SAMPLE_MS = 86_400_000;
export const MAX_CORES = 65_536;

/** How many of each thing a document may hold, and how long its strings may be. */
export const LIMITS = {
  runs: 10_000,
  samples: 10_000, // per run, timed samples and warm-ups alike
  spans: 100_000, // per timeline
  threads: 1024, // per timeline
  workers: 1024,
  keys: 64, // parameters of a run, fields of an extra or of the environment
  string: 2_000,
  userAgent: 1_000,
  extraString: 200, // the words in a run's counter, estimate or delivery ("copy")
};

/** Workload ids, as the catalogue names them ("monte-carlo-pi"). */
export const WORKLOAD_ID = /^[a-z0-9-]{1,64}$/;
/** Names of parameters and of the fields of extras and of the environment. */
const NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;
/** Names that would reach an object's prototype when assigned. */
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

const RUNTIMES = ['wasm', 'native', 'python'];
const SCALINGS = ['strong', 'weak'];
const CHECK_KINDS = ['exact', 'statistical', 'demonstration'];
const REPEAT_MODES = ['fixed', 'auto'];
const STOPPED_BY = ['count', 'precise', 'budget', 'max'];
const SPAN_KINDS = ['work', 'lock', 'wait'];
/** What some workloads measured beyond time (see the README): small objects of numbers and words. */
const EXTRAS = ['counter', 'estimate', 'delivery'];
/** The measured overheads of a run (not derived: kept when they are numbers, null otherwise). */
const OVERHEADS = ['instantiate_ms', 'pool_start_ms', 'prepare_ms', 'dispatch_us', 'dispatch_low_us', 'dispatch_high_us',
  'dispatch_cold_us', 'dispatch_cold_low_us', 'dispatch_cold_high_us'];

/**
 * Results that cannot be read. The message is one sentence a reader can act on, naming where
 * the results came from (`source`: a file name, or "the link") and what is wrong. `kind` says
 * which problem it is, for code: 'empty', 'too-large', 'not-json', 'truncated', 'not-corelab',
 * 'version', 'invalid' or (a link) 'damaged'; `path` names the field at fault
 * ('runs[3].samples_ms[2]'), if one is.
 */
export class ResultsError extends Error {
  constructor(source, problem, { kind = 'invalid', path = null, cause } = {}) {
    super(`${subject(source)} ${problem}`, cause === undefined ? undefined : { cause });
    this.name = 'ResultsError';
    this.source = source;
    this.kind = kind;
    this.path = path;
  }
}

/** The source as the subject of a sentence: a phrase ("the link") capitalised, a file name quoted. */
function subject(source) {
  const text = String(source ?? '') || 'the results document';
  return /^(the|a|an) /i.test(text) ? text[0].toUpperCase() + text.slice(1) : `“${text}”`;
}

/** `bytes` as a size a person reads: "20 MiB", "25.3 MiB", "512 bytes" (binary units, as the
 *  limit is set: a 26,218,289-byte file read "25.0 MB"). */
function size(bytes) {
  if (bytes < 1024 * 1024) return bytes < 1024 ? `${bytes} bytes` : `${Math.round(bytes / 1024)} KiB`;
  const mib = bytes / (1024 * 1024);
  return `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB`;
}

/**
 * Refuses a file before it is read when it is larger than MAX_FILE_BYTES (a File's `size`), so
 * a huge file is never loaded into memory.
 */
export function checkFileSize(bytes, source = 'the results document') {
  if (bytes > MAX_FILE_BYTES) {
    const limit = size(MAX_FILE_BYTES);
    const found = size(bytes).replace(/\.0 /, ' ') === limit ? `just over ${limit}` : size(bytes);
    throw new ResultsError(source, `is too large (${found}): a results file may be up to ${limit}; ` +
      'export fewer sweeps into one file.', { kind: 'too-large' });
  }
}

/** The UTF-8 length of a string, without encoding it. */
function utf8Length(text) {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // 2 bytes below U+0800, 3 above; a surrogate pair (4 bytes) is two units of 2.
    if (c >= 0x80) bytes += c >= 0x800 && (c < 0xd800 || c > 0xdfff) ? 2 : 1;
  }
  return bytes;
}

/**
 * Parses and validates a results document from the text of a file or a link. Returns the
 * normalised document (see `validateResults`); throws a ResultsError saying what is wrong.
 */
export function parseResults(text, source = 'the results document') {
  if (typeof text !== 'string') throw new ResultsError(source, 'is not text, so it cannot be a corelab result.', { kind: 'not-json' });
  // Every character is at least one byte: a string too long is too large before counting.
  if (text.length > MAX_FILE_BYTES) checkFileSize(text.length, source);
  if (text.length * 3 > MAX_FILE_BYTES) checkFileSize(utf8Length(text), source);
  return validateResults(parseJson(text, source), source);
}

/** JSON.parse with errors a reader can act on: empty, truncated, or not JSON (and where). */
export function parseJson(text, source = 'the results document') {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // a byte-order mark some editors add
  if (body.trim() === '') throw new ResultsError(source, 'is empty: there are no results in it.', { kind: 'empty' });
  // Bytes no text file has (an image, a zip): the parser's "Unexpected token '�', "�PNG"…" said nothing useful.
  if ([...body.slice(0, 256)].some((c) => c === '\ufffd' || (c < ' ' && !'\t\n\v\f\r'.includes(c)))) {
    throw new ResultsError(source, 'is not a text file (an image or another binary file?): choose a results file exported ' +
      'by corelab, which is JSON text.', { kind: 'not-json' });
  }
  try {
    return JSON.parse(body);
  } catch (error) {
    const message = String(error?.message ?? error).replace(/\s+/g, ' ');
    const at = errorPosition(message, body);
    const end = body.trimEnd().length;
    // Only text that begins as JSON can be JSON cut short: "not json {" opens more than it closes,
    // and had been called truncated (V8's and JavaScriptCore's messages give no position for it).
    const truncated = at
      ? at.index >= end
      : /^\s*[[{]/.test(body) && (/end of (json )?(input|data)|unexpected eof|unterminated/i.test(message) || opensMoreThanItCloses(body));
    if (truncated) {
      throw new ResultsError(source, 'is truncated: its JSON ends early, as a download or a copy cut short would. ' +
        'Export or copy the results again.', { kind: 'truncated', cause: error });
    }
    const where = at ? `stopped at line ${at.line}, column ${at.column}` : 'says';
    // The engine's own position is not said twice (Firefox: "… at line 1 column 1 of the JSON
    // data" after our "stopped at line 1, column 1"; V8: "… at position 0 (line 1 column 1)").
    const bare = at ? message.replace(/\s*(,\s*)?(\(?\s*(at\s+)?(line \d+ column \d+|position \d+)[^)]*\)?)(\s+of the JSON data)?/gi, '').trim() : message;
    const detail = bare.length > 160 ? `${bare.slice(0, 159)}…` : bare;
    throw new ResultsError(source, `is not JSON (the parser ${where}: ${detail}); ` +
      'choose a results file exported by corelab.', { kind: 'not-json', cause: error });
  }
}

/** Where a parser's message says it stopped, as { index, line, column } (1-based), if it says. */
function errorPosition(message, text) {
  const position = /position (\d+)/i.exec(message);
  if (position) {
    const index = Number(position[1]);
    const before = text.slice(0, index);
    const line = before.split('\n').length;
    return { index, line, column: index - before.lastIndexOf('\n') };
  }
  const lineColumn = /line (\d+) column (\d+)/i.exec(message);
  if (lineColumn) {
    const [line, column] = [Number(lineColumn[1]), Number(lineColumn[2])];
    let index = 0;
    for (let l = 1; l < line && index >= 0; l++) index = text.indexOf('\n', index) + 1 || -1;
    return { index: index < 0 ? text.length : index + column - 1, line, column };
  }
  return null;
}

/** Whether text ends inside a string or an unclosed object or array (for parsers that do not
 *  say where they stopped). */
function opensMoreThanItCloses(text) {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // a backslash escapes the next character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) depth--;
  }
  return inString || depth > 0;
}

// --- Field by field -------------------------------------------------------------------------

/** A value as a reader sees it in an error message: "missing", "null", -1, "abc", an object. */
export function shown(value) {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 39)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return `a ${typeof value}`;
}

/** The path of a named field: "runs[0].params.n", or runs[0].params["odd name"]. */
const field = (path, key) => {
  const name = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : JSON.stringify(key.length > 40 ? `${key.slice(0, 39)}…` : key);
  const step = name === key ? `${path ? '.' : ''}${key}` : `[${name}]`;
  return `${path}${step}`;
};

/** The reading of one document: where it came from, and how to say what is wrong with it. */
class Reader {
  constructor(source) {
    this.source = source;
  }

  /** Fails: `path` must be `what`, and it is `value` (or as `found` says). */
  fail(path, what, value, found = shown(value)) {
    throw new ResultsError(this.source, `is not a valid corelab result: ${path} must be ${what} (it is ${found}).`, { path });
  }

  object(path, value) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) this.fail(path, 'an object', value);
    return value;
  }

  /** An array of at most `max` items (and at least one when `nonEmpty`). */
  array(path, value, max, { nonEmpty = false } = {}) {
    if (!Array.isArray(value)) this.fail(path, nonEmpty ? 'a non-empty array' : 'an array', value);
    if (nonEmpty && value.length === 0) this.fail(path, 'a non-empty array', value, 'empty');
    if (value.length > max) {
      throw new ResultsError(this.source, `is not a valid corelab result: ${path} has ${value.length.toLocaleString('en-US')} ` +
        `items, more than the ${max.toLocaleString('en-US')} allowed.`, { path });
    }
    return value;
  }

  /** The own enumerable keys of an object, at most LIMITS.keys, each a name. */
  names(path, value) {
    const keys = Object.keys(value);
    if (keys.length > LIMITS.keys) {
      throw new ResultsError(this.source, `is not a valid corelab result: ${path} has ${keys.length} fields, more than the ` +
        `${LIMITS.keys} allowed.`, { path });
    }
    for (const key of keys) {
      if (!NAME.test(key) || RESERVED.has(key)) {
        throw new ResultsError(this.source, `is not a valid corelab result: ${path} has a field named ${shown(key)}, which ` +
          'is not allowed; names are letters, digits, _ and -, up to 64 characters.', { path: field(path, key) });
      }
    }
    return keys;
  }

  string(path, value, max = LIMITS.string) {
    if (typeof value !== 'string') this.fail(path, 'a string', value);
    if (value.length > max) {
      this.fail(path, `a string of at most ${max.toLocaleString('en-US')} characters`, value, `${value.length.toLocaleString('en-US')} long`);
    }
    return value;
  }

  oneOf(path, value, allowed) {
    if (!allowed.includes(value)) this.fail(path, `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`, value);
    return value;
  }

  boolean(path, value) {
    if (typeof value !== 'boolean') this.fail(path, 'true or false', value);
    return value;
  }

  /** A finite number, above 0 when `positive`, at least 0 when `nonNegative`. */
  number(path, value, { positive = false, nonNegative = false } = {}) {
    const ok = typeof value === 'number' && Number.isFinite(value) && (!positive || value > 0) && (!nonNegative || value >= 0);
    if (!ok) this.fail(path, positive ? 'a positive number' : nonNegative ? 'a number of at least 0' : 'a finite number', value);
    return value;
  }

  /** An integer from `min` to `max`. */
  integer(path, value, min, max) {
    if (!Number.isInteger(value) || value < min || value > max) {
      this.fail(path, max === Number.MAX_SAFE_INTEGER ? `an integer of at least ${min}` : `an integer from ${min} to ${max}`, value);
    }
    return value;
  }

  /** An object of names to numbers or strings (parameters), and nulls or booleans if allowed. */
  scalars(path, value, { nulls = false, booleans = false, max = LIMITS.string } = {}) {
    this.object(path, value);
    const allowed = ['a number', 'a string', ...(booleans ? ['true, false'] : []), ...(nulls ? ['null'] : [])];
    const what = `${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)}`;
    return Object.fromEntries(this.names(path, value).map((key) => {
      const v = value[key];
      const at = field(path, key);
      if (typeof v === 'string') return [key, this.string(at, v, max)];
      if ((v === null && nulls) || (typeof v === 'boolean' && booleans)) return [key, v];
      if (typeof v !== 'number') this.fail(at, what, v);
      return [key, this.number(at, v)];
    }));
  }
}

/** An own property only: never one inherited from a prototype. */
const own = (object, key) => (Object.hasOwn(object, key) ? object[key] : undefined);

/**
 * Validates a results document that is already a value (JSON.parse'd, structured-cloned out of
 * IndexedDB) and returns a normalised copy: the known fields, checked, with their defaults
 * filled in; derived numbers and unknown fields dropped. Throws a ResultsError naming the
 * field at fault. `source` names where the document came from, for the message.
 */
export function validateResults(value, source = 'the results document') {
  const r = new Reader(source);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const found = value === null ? 'null' : Array.isArray(value) ? 'a list' : `a single ${typeof value}`;
    throw new ResultsError(source, `is not a corelab result: it holds ${found}, not a results document.`, { kind: 'not-corelab' });
  }
  const format = own(value, 'format');
  if (format !== FORMAT) {
    const found = format === undefined ? 'it has no "format" field' : `its format is ${shown(format)}`;
    throw new ResultsError(source, `is not a corelab result: ${found}, and corelab results say "format": "${FORMAT}".`,
      { kind: 'not-corelab', path: 'format' });
  }
  const version = own(value, 'version');
  if (!KNOWN_VERSIONS.includes(version)) {
    const found = Number.isInteger(version) ? `is version ${version} of the corelab results format` : `has no valid version (${shown(version)})`;
    throw new ResultsError(source, `${found}; this page reads version ${KNOWN_VERSIONS.join(', ')}` +
      `${Number.isInteger(version) && version > Math.max(...KNOWN_VERSIONS) ? ', so it needs a newer corelab' : ''}.`,
      { kind: 'version', path: 'version' });
  }

  const doc = { format: FORMAT, version };
  const created = own(value, 'created');
  if (created !== undefined && created !== null) {
    doc.created = r.string('created', created, 64);
    // Shown as the date it was measured: "yesterday" read "Invalid Date" in the library.
    if (Number.isNaN(Date.parse(doc.created))) r.fail('created', 'a date and time, as "2026-12-05T03:00:00Z"', created);
  }
  const label = own(value, 'label');
  if (label !== undefined && label !== null) doc.label = r.string('label', label);
  doc.environment = environment(r, own(value, 'environment'));
  const varied = own(value, 'varied');
  if (varied !== undefined && varied !== null) {
    if (typeof varied !== 'string' || !NAME.test(varied) || RESERVED.has(varied)) r.fail('varied', 'a parameter name', varied);
    doc.varied = varied;
  }
  const suite = own(value, 'suite');
  if (suite !== undefined && suite !== null) doc.suite = r.scalars('suite', suite, { nulls: true, booleans: true });
  doc.runs = r.array('runs', own(value, 'runs'), LIMITS.runs, { nonEmpty: true }).map((run, i) => runOf(r, `runs[${i}]`, run));
  return doc;
}

/** The environment: what is known, checked; other fields kept when they are plain values (a
 *  runner may add its own, as "pythonVersion"); nested objects other than `build` dropped. */
function environment(r, value) {
  const path = 'environment';
  r.object(path, value);
  const env = { runtime: r.oneOf(`${path}.runtime`, own(value, 'runtime'), RUNTIMES) };
  for (const key of r.names(path, value)) {
    const v = value[key];
    const at = `${path}.${key}`;
    if (key === 'runtime') continue;
    if (key === 'userAgent') env.userAgent = r.string(at, v, LIMITS.userAgent);
    else if (key === 'hardwareConcurrency') env.hardwareConcurrency = v === null ? null : r.integer(at, v, 1, MAX_CORES);
    // Browser features are null where they do not apply (the native and Python runners).
    else if (['crossOriginIsolated', 'sharedArrayBuffer', 'wasmThreads', 'wasmSimd'].includes(key)) env[key] = v === null ? null : r.boolean(at, v);
    else if (key === 'timerCoarse') env[key] = r.boolean(at, v);
    else if (key === 'timerResolution_ms') env.timerResolution_ms = r.number(at, v, { nonNegative: true });
    else if (key === 'build') env.build = build(r, at, v);
    else if (typeof v === 'string') env[key] = r.string(at, v);
    else if (typeof v === 'number') env[key] = r.number(at, v);
    else if (typeof v === 'boolean' || v === null) env[key] = v;
  }
  return env;
}

/** The build that produced the results: { version, source, wasm }, any of them, as strings. */
function build(r, path, value) {
  r.object(path, value);
  const out = {};
  for (const key of ['version', 'source', 'wasm']) {
    const v = own(value, key);
    if (v !== undefined && v !== null) out[key] = r.string(`${path}.${key}`, v, 200);
  }
  return out;
}

/** One run, rebuilt from its known fields. */
function runOf(r, path, value) {
  r.object(path, value);
  const get = (key) => own(value, key);
  const at = (key) => `${path}.${key}`;
  const workload = get('workload');
  if (typeof workload !== 'string' || !WORKLOAD_ID.test(workload)) {
    r.fail(at('workload'), 'a workload id (lowercase letters, digits and -, up to 64)', workload);
  }
  const samples = r.array(at('samples_ms'), get('samples_ms'), LIMITS.samples, { nonEmpty: true })
    .map((s, i) => {
      const sample = `${at('samples_ms')}[${i}]`;
      r.number(sample, s, { positive: true });
      // A day is far beyond any run corelab makes: a larger time is a damaged or made-up file.
      if (s > MAX_SAMPLE_MS) r.fail(sample, `a time in ms up to ${MAX_SAMPLE_MS.toLocaleString('en-US')} (a day)`, s);
      return s;
    });
  const warmup = get('warmup_ms') ?? [];
  const checkKind = get('check_kind') == null ? 'exact' : r.oneOf(at('check_kind'), get('check_kind'), CHECK_KINDS);
  const demonstration = checkKind === 'demonstration';
  const demonstrates = get('demonstrates') == null ? null : r.string(at('demonstrates'), get('demonstrates'));
  const run = {
    workload,
    params: r.scalars(at('params'), get('params')),
    workers: r.integer(at('workers'), get('workers'), 1, LIMITS.workers),
    scaling: get('scaling') == null ? 'strong' : r.oneOf(at('scaling'), get('scaling'), SCALINGS),
    work_factor: get('work_factor') == null ? 1 : r.number(at('work_factor'), get('work_factor'), { positive: true }),
    repeat_mode: get('repeat_mode') == null ? 'fixed' : r.oneOf(at('repeat_mode'), get('repeat_mode'), REPEAT_MODES),
    stopped_by: get('stopped_by') == null ? 'count' : r.oneOf(at('stopped_by'), get('stopped_by'), STOPPED_BY),
    samples_ms: samples,
    warmup_ms: r.array(at('warmup_ms'), warmup, LIMITS.samples).map((s, i) => r.number(`${at('warmup_ms')}[${i}]`, s, { nonNegative: true })),
    // A demonstration is never verified; only a demonstration says what it demonstrates (the
    // README's rules, so a file cannot pass a failed run off as either).
    verified: get('verified') == null ? false : r.boolean(at('verified'), get('verified')) && !demonstration,
    check_kind: checkKind,
    demonstrates: demonstration ? demonstrates : null,
    check: get('check') == null ? '' : r.string(at('check'), get('check')),
    identical_to_first: get('identical_to_first') == null ? null : r.boolean(at('identical_to_first'), get('identical_to_first')),
    summary: get('summary') == null ? '' : r.string(at('summary'), get('summary')),
    digest: get('digest') == null ? '' : r.string(at('digest'), get('digest'), 200),
  };
  for (const key of OVERHEADS) run[key] = get(key) == null ? null : r.number(at(key), get(key), { nonNegative: true });
  run.timeline = get('timeline') == null ? null : timeline(r, at('timeline'), get('timeline'));
  for (const key of EXTRAS) {
    if (get(key) != null) run[key] = r.scalars(at(key), get(key), { nulls: true, max: LIMITS.extraString });
  }
  return run;
}

/** A timeline: { threads, start_ms, end_ms, spans: [{ thread, kind, start_ms, end_ms, tasks }] }. */
function timeline(r, path, value) {
  r.object(path, value);
  const get = (key) => own(value, key);
  return {
    threads: r.integer(`${path}.threads`, get('threads'), 0, LIMITS.threads),
    start_ms: r.number(`${path}.start_ms`, get('start_ms')),
    end_ms: r.number(`${path}.end_ms`, get('end_ms')),
    spans: r.array(`${path}.spans`, get('spans'), LIMITS.spans).map((span, i) => {
      const at = `${path}.spans[${i}]`;
      r.object(at, span);
      const thread = own(span, 'thread');
      const kind = own(span, 'kind');
      return {
        thread: thread === null ? null : r.integer(`${at}.thread`, thread, 0, LIMITS.threads),
        kind: kind == null ? 'work' : r.oneOf(`${at}.kind`, kind, SPAN_KINDS),
        start_ms: r.number(`${at}.start_ms`, own(span, 'start_ms')),
        end_ms: r.number(`${at}.end_ms`, own(span, 'end_ms')),
        tasks: r.integer(`${at}.tasks`, own(span, 'tasks'), 0, Number.MAX_SAFE_INTEGER),
      };
    }),
  };
}

// --- Series ---------------------------------------------------------------------------------

/** Parameters as a key, in name order, without `omit`. */
function paramsKey(params, omit) {
  return JSON.stringify(Object.keys(params).filter((k) => k !== omit).sort().map((k) => [k, params[k]]));
}

/**
 * A document's runs as series, in the order they first appear: runs of one workload, with the
 * same parameters (apart from the varied one, in a parameter sweep) and the same scaling, form
 * one series; [{ workload, params, scaling, varied, runs }].
 * Under weak scaling each run's parameters are the size it actually ran, grown with its worker
 * count, so there runs group by workload and parameter names (and the values of choices,
 * which never grow); `params` is then the base size (the run with the least work_factor).
 * A run that repeats a worker count (a value of the varied parameter, in a parameter sweep)
 * already in its series starts a new one: two sweeps of the same problem stay two series.
 * `params` leaves the varied parameter out; each run keeps its own.
 */
export function seriesOf(doc) {
  const varied = doc.varied ?? null;
  const latest = new Map();
  const series = [];
  for (const run of doc.runs) {
    const scaling = run.scaling ?? 'strong';
    const params = run.params ?? {};
    const shape = scaling === 'weak'
      ? JSON.stringify(Object.keys(params).sort().map((k) => [k, typeof params[k] === 'string' ? params[k] : null]))
      : paramsKey(params, varied);
    const key = JSON.stringify([run.workload, scaling, shape]);
    const slot = varied ? JSON.stringify([params[varied], run.workers]) : String(run.workers);
    let current = latest.get(key);
    if (!current || current.slots.has(slot)) {
      current = { slots: new Set(), series: { workload: run.workload, params: null, scaling, varied, runs: [] } };
      latest.set(key, current);
      series.push(current.series);
    }
    current.slots.add(slot);
    current.series.runs.push(run);
  }
  for (const s of series) {
    const base = s.runs.reduce((a, b) => ((b.work_factor ?? 1) < (a.work_factor ?? 1) ? b : a));
    s.params = Object.fromEntries(Object.entries(base.params ?? {}).filter(([k]) => k !== varied));
  }
  return series;
}
