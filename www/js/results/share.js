// Results that travel as links. The results go in the URL's fragment (after "#results="),
// which browsers never send to a server: the page that opens the link reads them itself.
// A link holds { "format": "corelab-share", "version": 1, "results": [documents] } as JSON,
// compressed (zlib's deflate, whose Adler-32 checksum catches a link changed on the way; the
// first links were raw deflate, without one, and still open) and written in base64url. What
// comes back from a link is read as any imported file is: every document validated
// (validate.js), derived numbers recomputed.
// No DOM here (CompressionStream, Blob, Response, btoa: browsers and node 20 have them all).
import { MAX_FILE_BYTES, parseJson, ResultsError, validateResults } from './validate.js';

export const SHARE_FORMAT = 'corelab-share';
export const SHARE_VERSION = 1;

/** The longest whole URL (in characters) worth offering as a link: what chat tools and mail
 *  take comfortably. Longer results are better exported as a file. */
export const SHARE_LIMIT = 8192;

/** The longest payload read from a link (Chromium's longest URL): anything longer is not ours. */
const MAX_PAYLOAD_CHARS = 2 * 1024 * 1024;
/** The most documents one link may hold. */
const MAX_SHARED = 100;
/** A check's detail is cut to this many characters in a link: it is there to read, not to redraw. */
const CHECK_CHARS = 200;

const SOURCE = 'the link';

/**
 * Copies of `docs` for a link: validated and normalised (so a link made here always opens),
 * without what is bulky and not needed to redraw a comparison: timelines and warm-up times are
 * dropped, check details cut to 200 characters. Samples are kept: everything shown is
 * recomputed from them. Throws a ResultsError for a document that is not valid results.
 */
export function forSharing(docs) {
  return docs.map((doc, i) => {
    const valid = validateResults(doc, docs.length === 1 ? 'the result to share' : `the result to share number ${i + 1}`);
    return {
      ...valid,
      runs: valid.runs.map(({ timeline, warmup_ms, ...run }) => ({
        ...run,
        check: run.check.length > CHECK_CHARS ? `${run.check.slice(0, CHECK_CHARS - 1)}…` : run.check,
      })),
    };
  });
}

/**
 * The payload of a link for `docs` (passed through forSharing first): base64url (no padding) of
 * the zlib-compressed JSON { format: "corelab-share", version: 1, results }.
 */
export async function encodeShare(docs) {
  const json = JSON.stringify({ format: SHARE_FORMAT, version: SHARE_VERSION, results: forSharing(docs) });
  const stream = new Blob([json]).stream().pipeThrough(new CompressionStream('deflate'));
  return toBase64Url(new Uint8Array(await new Response(stream).arrayBuffer()));
}

/**
 * The documents in a link's payload, each validated (validateResults, source "the link").
 * Throws a ResultsError naming the link when it is empty, cut short, damaged, too large, not
 * corelab's, or holds results that are not valid.
 */
export async function decodeShare(text) {
  const payload = String(text ?? '').trim();
  if (payload === '') throw new ResultsError(SOURCE, 'holds no results: its "#results=" part is empty.', { kind: 'empty' });
  if (payload.length > MAX_PAYLOAD_CHARS) {
    throw new ResultsError(SOURCE, 'is too long to be a corelab link; share results that large as a file.', { kind: 'too-large' });
  }
  const json = await inflate(fromBase64Url(payload));
  let envelope;
  try {
    envelope = parseJson(json, SOURCE);
  } catch (error) {
    if (error instanceof ResultsError) throw damaged(error);
    throw error;
  }
  if (envelope === null || typeof envelope !== 'object' || Array.isArray(envelope) || envelope.format !== SHARE_FORMAT) {
    throw new ResultsError(SOURCE, 'does not hold corelab results; open a link made with Share on corelab’s results page.',
      { kind: 'not-corelab' });
  }
  if (envelope.version !== SHARE_VERSION) {
    const found = Number.isInteger(envelope.version) ? `is a version ${envelope.version} corelab link` : 'has no valid version';
    throw new ResultsError(SOURCE, `${found}; this page reads version ${SHARE_VERSION} links` +
      `${envelope.version > SHARE_VERSION ? ', so it needs a newer corelab' : ''}.`, { kind: 'version', path: 'version' });
  }
  const results = envelope.results;
  if (!Array.isArray(results) || results.length === 0) {
    throw new ResultsError(SOURCE, 'holds no results: its "results" list is missing or empty.', { kind: 'invalid', path: 'results' });
  }
  if (results.length > MAX_SHARED) {
    throw new ResultsError(SOURCE, `holds ${results.length} results, more than the ${MAX_SHARED} a link may hold.`,
      { kind: 'too-large', path: 'results' });
  }
  return results.map((doc) => validateResults(doc, SOURCE));
}

/** The link to `base` (a page's address; any fragment it had is replaced) carrying `payload`,
 *  and the comparison as the sender saw it, where given (`view`, as viewFromHash reads it). */
export function shareUrl(base, payload, view = {}) {
  const parts = [`results=${payload}`];
  if (view.workload) parts.push(`workload=${encodeURIComponent(view.workload)}`);
  if (view.show) parts.push(`show=${encodeURIComponent(view.show)}`);
  if (view.baseline) parts.push(`baseline=${view.baseline.result}.${view.baseline.series}`);
  return `${String(base).split('#')[0]}#${parts.join('&')}`;
}

/** How a link asks its comparison to be shown: { workload, show (the Show menu's value),
 *  baseline: { result, series } (indices into the link's results and that result's sweeps) },
 *  each only where the link has it. The page checks each against what it has. */
export function viewFromHash(hash) {
  const text = String(hash ?? '');
  const fragment = new URLSearchParams(text.slice(text.indexOf('#') + 1));
  const view = {};
  for (const key of ['workload', 'show']) if (fragment.get(key)) view[key] = fragment.get(key);
  const baseline = /^(\d{1,3})\.(\d{1,4})$/.exec(fragment.get('baseline') ?? '');
  if (baseline) view.baseline = { result: Number(baseline[1]), series: Number(baseline[2]) };
  return view;
}

/** The payload in a fragment ("#results=…", or a whole URL), or null when there is none. */
export function payloadFromHash(hash) {
  const text = String(hash ?? '');
  const at = text.indexOf('#');
  const fragment = at >= 0 ? text.slice(at + 1) : text;
  for (const part of fragment.split('&')) {
    // Less the white space a copy can bring along at its end ("%0A", a newline pasted with it).
    if (part.startsWith('results=')) return part.slice('results='.length).replace(/(?:%0[AD9]|%20|\s)+$/i, '') || null;
  }
  return null;
}

/** A link whose payload unpacked into something that is not JSON was changed on the way. */
function damaged(error) {
  return error.kind === 'truncated'
    ? cutShort(error)
    : new ResultsError(SOURCE, 'is damaged: its results cannot be read (was it changed when it was copied?). ' +
      'Copy the whole link again.', { kind: 'damaged', cause: error });
}

function cutShort(cause) {
  return new ResultsError(SOURCE, 'is truncated: it ends early, as a link cut short when copied would. Copy the whole link again.',
    { kind: 'truncated', cause });
}

/** Bytes as base64url, without padding. */
function toBase64Url(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** base64url (padded or not) as bytes; a ResultsError for anything else. */
function fromBase64Url(text) {
  const body = text.replace(/=+$/, '');
  if (!/^[A-Za-z0-9_-]*$/.test(body)) {
    throw new ResultsError(SOURCE, 'is damaged: it has characters a corelab link never has. Copy the whole link again.', { kind: 'damaged' });
  }
  // A length no base64 has: one character too few or too many, which a cut makes far more often
  // than a character lost inside (a link cut to 900 characters was called damaged).
  if (body.length % 4 === 1) throw cutShort();
  const binary = atob(body.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (body.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Whether `bytes` start with a zlib header (RFC 1950: deflate, a window of at most 32 KB, and a
 *  header check that divides by 31). A raw deflate stream starting so would open with a stored
 *  block, which no compressor writes for JSON. */
function zlibHeader(bytes) {
  return bytes.length >= 2 && (bytes[0] & 0x0f) === 8 && bytes[0] >> 4 <= 7 && ((bytes[0] << 8) | bytes[1]) % 31 === 0;
}

/** Decompresses a link's bytes into text, stopping at MAX_FILE_BYTES (a small link must not
 *  unpack into gigabytes). zlib's checksum is checked at the end; the first links' raw deflate
 *  has none. */
async function inflate(bytes) {
  const format = zlibHeader(bytes) ? 'deflate' : 'deflate-raw';
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream(format)).getReader();
  const chunks = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > MAX_FILE_BYTES) {
        reader.cancel().catch(() => {});
        throw new ResultsError(SOURCE, `unpacks into more than ${MAX_FILE_BYTES / (1024 * 1024)} MiB, more than results may be.`,
          { kind: 'too-large' });
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof ResultsError) throw error;
    // Browsers word these differently: an early end is a link cut short, anything else damage.
    if (/end|terminat|truncat|incomplete/i.test(String(error?.message))) throw cutShort(error);
    throw new ResultsError(SOURCE, 'is damaged: its results cannot be unpacked (was it changed when it was copied?). ' +
      'Copy the whole link again.', { kind: 'damaged', cause: error });
  }
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(joined);
  } catch (error) {
    throw new ResultsError(SOURCE, 'is damaged: its results are not text (was it changed when it was copied?). ' +
      'Copy the whole link again.', { kind: 'damaged', cause: error });
  }
}
