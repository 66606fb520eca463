// Results coming in from files: one results document (the page's export, `./build.sh bench`,
// the native or the Python runner), or a saved library of several. Everything is validated
// before anything is kept. A document that fails is refused, with the reason; a library keeps
// the results that pass and names those refused (one bad entry lost a backup of thirteen).
import { seriesSweep } from './sweep-results.js';
import { checkFileSize, parseResults, ResultsError, seriesOf, shown, validateResults, WORKLOAD_ID } from './validate.js';

/** The format of a saved library: { format, version, created, results: [{ label, saved, source, doc }] }. */
export const LIBRARY_FORMAT = 'corelab-library';
const MAX_LIBRARY_ENTRIES = 1000;
/** The characters a label keeps (the library's limit too). */
export const LABEL_LENGTH = 80;

/** Reads a File: resolves with [{ doc, label, source, saved }], where a library's entry that
 *  fails is { refused: ResultsError } instead; rejects with a ResultsError naming the file where
 *  nothing in it can be read. */
export async function readResultsFile(file) {
  checkFileSize(file.size, file.name);
  return readResultsText(await file.text(), file.name);
}

/** The same from text (tests use it directly). */
export function readResultsText(text, source) {
  let value = null;
  try {
    value = JSON.parse(text);
  } catch {
    // parseResults below says precisely what is wrong with it.
  }
  if (value?.format !== LIBRARY_FORMAT) {
    const doc = parseResults(text, source);
    return [{ doc, label: null, source: 'file', disagreed: disagreements(value, doc) }];
  }
  if (value.version !== 1) throw new ResultsError(source, `is a corelab library of version ${JSON.stringify(value.version)}; this page reads version 1.`);
  if (!Array.isArray(value.results) || value.results.length === 0) throw new ResultsError(source, 'is a corelab library with no results in it.');
  if (value.results.length > MAX_LIBRARY_ENTRIES) throw new ResultsError(source, `holds ${value.results.length} results, more than the ${MAX_LIBRARY_ENTRIES} one file may.`);
  const entries = value.results.map((entry, i) => {
    const label = typeof entry?.label === 'string' ? entry.label.slice(0, LABEL_LENGTH) : null;
    const labelCut = typeof entry?.label === 'string' && entry.label.length > LABEL_LENGTH;
    const saved = typeof entry?.saved === 'string' && !Number.isNaN(Date.parse(entry.saved)) ? new Date(entry.saved).toISOString() : undefined;
    // Where it came from on the device that saved it, now through a file: "file:run" (its own
    // "run" had read "a run here" in another browser, taken for the reader's own).
    const origin = String(entry?.source ?? '').replace(/^file:/, '');
    const kept = ['run', 'link', 'suite'].includes(origin) || /^lesson:[\w-]{1,40}$/.test(origin) ? `file:${origin}` : 'file';
    // A result refused is named by what it ran too, where its runs say ("result 2" alone sent
    // the reader counting through the file).
    const ran = Array.isArray(entry?.doc?.runs) ? [...new Set(entry.doc.runs.map((r) => r?.workload).filter((w) => typeof w === 'string' && WORKLOAD_ID.test(w)))] : [];
    const named = `${source}, result ${i + 1}${ran.length ? ` (${ran.slice(0, 3).join(', ')}${ran.length > 3 ? ', …' : ''})` : ''}${label ? `, labelled ${label}` : ''}`;
    try {
      const doc = validateResults(entry?.doc, named);
      return { doc, label, source: kept, saved, labelCut, disagreed: disagreements(entry.doc, doc) };
    } catch (error) {
      if (error instanceof ResultsError) return { refused: error };
      throw error;
    }
  });
  if (entries.every((e) => e.refused)) throw entries[0].refused;
  return entries;
}

/** The numbers a run states that are derived from its samples, which an import recomputes. */
const DERIVED = ['median_ms', 'speedup'];

/**
 * Where a file's own derived numbers disagree with what its samples give, as
 * "runs[1].median_ms said -6.5, its samples give 6.44": the library keeps the samples and
 * recomputes the rest, and an engineer's hand-edited median of 0.5 ms came back 6.4 without a
 * word. `raw` is the document as parsed, `doc` the same validated (its runs in the same order).
 */
export function disagreements(raw, doc) {
  // The medians and speedups alone, recomputed as a comparison does (no fits: their resampling
  // took most of a second for a library of 200 results).
  const key = (workload, scaling, workers, params, samples) => JSON.stringify([workload, scaling, workers, params, samples]);
  const ours = new Map();
  for (const s of seriesOf(doc)) {
    const sweep = seriesSweep(s, doc.environment?.timerResolution_ms ?? 0);
    const derived = sweep.derived;
    sweep.points.forEach((p, i) => ours.set(key(s.workload, s.scaling, p.workers, p.params ?? s.params, p.samples_ms),
      { median_ms: p.median_ms, speedup: derived[i].speedup }));
  }
  const text = (v) => (typeof v === 'number' ? String(Number(v.toPrecision(4))) : shown(v));
  const found = [];
  doc.runs.forEach((run, i) => {
    const given = raw?.runs?.[i];
    const computed = ours.get(key(run.workload, run.scaling, run.workers, run.params, run.samples_ms));
    if (!given || !computed) return;
    for (const field of DERIVED) {
      const [said, is] = [given[field], computed[field]];
      // None from the samples where the page's rules give none (runs too short to time gave older
      // exports a speedup): that is the page's rule, not the file's error.
      if (said === undefined || is == null) continue;
      const agree = typeof said === 'number' && Math.abs(said - is) <= 1e-6 * Math.max(1, Math.abs(is));
      if (!agree) found.push(`runs[${i}].${field} said ${text(said)}, its samples give ${text(is)}`);
    }
  });
  return found;
}
