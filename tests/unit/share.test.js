// Results that travel as links: the round trip, what a link leaves out, and links that were
// damaged, cut short or made by someone else.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  decodeShare, encodeShare, forSharing, payloadFromHash, SHARE_LIMIT, shareUrl, viewFromHash,
} from '../../www/js/results/share.js';
import { MAX_FILE_BYTES, ResultsError, validateResults } from '../../www/js/results/validate.js';
import { EXPORTED } from './fixtures/exported.js';

const NATIVE = {
  format: 'corelab-results', version: 1, created: '2026-11-23T14:06:44Z',
  environment: { runtime: 'native', userAgent: 'corelab/0.1.0 native (linux x86_64)', hardwareConcurrency: 2, crossOriginIsolated: null,
    timerResolution_ms: 0.000001, timerCoarse: false },
  runs: [1, 2].map((k) => ({ workload: 'primes', params: { n: 300000, grain: 16384 }, workers: k, samples_ms: [11.373799 * k, 12.337302],
    verified: true, check: 'sieve of Eratosthenes counts 25,997', summary: '25,997 primes', digest: '000000000000658d' })),
  fits: {},
};

/** A link payload holding any JSON text, made as encodeShare makes its own. */
async function payloadOf(text) {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return Buffer.from(await new Response(stream).arrayBuffer()).toString('base64url');
}

/** Asserts that decoding `payload` fails with a ResultsError about the link matching `pattern`. */
async function refused(payload, pattern, kind) {
  await assert.rejects(decodeShare(payload), (error) => {
    assert.ok(error instanceof ResultsError, `a ResultsError, not ${error}`);
    assert.match(error.message, /^The link /);
    assert.match(error.message, pattern);
    if (kind) assert.equal(error.kind, kind);
    return true;
  });
}

test('a link carries the results there and back: what it keeps reads back exactly', async () => {
  const payload = await encodeShare([EXPORTED, NATIVE]);
  assert.match(payload, /^[A-Za-z0-9_-]+$/, 'base64url, no padding');
  const docs = await decodeShare(payload);
  assert.deepEqual(docs, forSharing([EXPORTED, NATIVE]).map((doc) => validateResults(doc)));
  assert.deepEqual(docs.map((d) => d.runs.map((r) => r.samples_ms)), [EXPORTED, NATIVE].map((d) => d.runs.map((r) => r.samples_ms)));
  assert.deepEqual(docs.map((d) => d.environment.runtime), ['wasm', 'native']);
  assert.equal(docs[0].environment.userAgent, EXPORTED.environment.userAgent);
  assert.equal('fits' in docs[0] || 'median_ms' in docs[0].runs[0] || 'speedup' in docs[0].runs[1], false, 'derived numbers stay behind');
});

test('a link of two small sweeps fits in a chat message', async () => {
  const url = shareUrl('https://example.org/corelab/results.html', await encodeShare([EXPORTED, NATIVE]));
  assert.ok(url.length < SHARE_LIMIT, `${url.length} characters`);
  assert.equal(SHARE_LIMIT, 8192);
});

test('for sharing: timelines and warm-ups are dropped, samples kept, long check details cut, the originals untouched', () => {
  const long = structuredClone(EXPORTED);
  long.runs[0].check = 'c'.repeat(500);
  const before = structuredClone(long);
  const [shared] = forSharing([long]);
  assert.deepEqual(long, before);
  for (const [i, r] of shared.runs.entries()) {
    assert.equal('timeline' in r || 'warmup_ms' in r, false);
    assert.deepEqual(r.samples_ms, long.runs[i].samples_ms);
  }
  assert.equal(shared.runs[0].check.length, 200);
  assert.ok(shared.runs[0].check.endsWith('…'));
  assert.equal(shared.runs[1].check, 'sieve of Eratosthenes counts 25,997');
  assert.deepEqual(shared.environment, EXPORTED.environment);
});

test('sharing a document that is not valid results fails before a link is made', () => {
  const bad = structuredClone(EXPORTED);
  bad.runs[0].samples_ms = [-1];
  assert.throws(() => forSharing([bad]), /^ResultsError: The result to share is not a valid corelab result: runs\[0\]\.samples_ms\[0\] must be a positive number/);
});

test('the link: any old fragment replaced; the payload read back from a hash or a whole URL', () => {
  assert.equal(shareUrl('https://example.org/r.html?x=1#old', 'AbC-_9'), 'https://example.org/r.html?x=1#results=AbC-_9');
  assert.equal(payloadFromHash('#results=AbC-_9'), 'AbC-_9');
  assert.equal(payloadFromHash('https://example.org/r.html#results=AbC-_9'), 'AbC-_9');
  assert.equal(payloadFromHash('#view=compare&results=AbC-_9'), 'AbC-_9');
  assert.equal(payloadFromHash('results=AbC'), 'AbC');
  for (const none of ['', '#', '#results=', '#other=1', null, undefined]) assert.equal(payloadFromHash(none), null, String(none));
});

test('a link carries the comparison as it was shown: workload, Show and baseline, each only where given', () => {
  const view = { workload: 'monte-carlo-pi', show: 'time', baseline: { result: 2, series: 0 } };
  const url = shareUrl('https://example.org/r.html', 'AbC-_9', view);
  assert.equal(url, 'https://example.org/r.html#results=AbC-_9&workload=monte-carlo-pi&show=time&baseline=2.0');
  assert.deepEqual(viewFromHash(url), view);
  assert.equal(payloadFromHash(url), 'AbC-_9');
  // White space a copy brought along at the end is not part of it.
  assert.equal(payloadFromHash('#results=AbC-_9%0A'), 'AbC-_9');
  assert.equal(payloadFromHash('#results=AbC-_9%0D%0A  '), 'AbC-_9');
  assert.equal(payloadFromHash('#results=%0A'), null);
  assert.deepEqual(viewFromHash('#results=AbC'), {}); // links made before carry none
  assert.deepEqual(viewFromHash('#results=AbC&baseline=x.1&show='), {});
});

test('a link cut short, changed or made of other characters is a ResultsError naming the link', async () => {
  const payload = await encodeShare([EXPORTED]);
  for (const cut of [payload.length - 1, payload.length - 7, Math.floor(payload.length / 2), 12]) {
    await refused(payload.slice(0, cut), /truncated|damaged/);
  }
  // Cut by a multiple of four characters, so what is left is still well-formed base64: only the
  // compressed stream inside ends early.
  await refused(payload.slice(0, payload.length - 8), /^The link is truncated: it ends early, as a link cut short when copied would/, 'truncated');
  await refused(`${payload.slice(0, 20)}<script>`, /damaged: it has characters a corelab link never has/, 'damaged');
  await refused('A', /truncated/, 'truncated');
  // A length no base64 has, in characters a link has: cut short (a link cut to 900 characters
  // was called damaged).
  const odd = payload.slice(0, 4 * Math.floor(payload.length / 8) + 1);
  await refused(odd, /^The link is truncated/, 'truncated');
  await refused('', /holds no results/, 'empty');
  await refused('%%%%', /damaged/, 'damaged');
});

test('every way a payload can be flipped ends in a ResultsError, never another error or a wrong result', async () => {
  const payload = await encodeShare([EXPORTED]);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const expected = (await decodeShare(payload))[0];
  for (let i = 0; i < payload.length; i += 7) {
    const flipped = payload.slice(0, i) + alphabet[(alphabet.indexOf(payload[i]) + 1) % 64] + payload.slice(i + 1);
    try {
      const [doc] = await decodeShare(flipped);
      // A flip deflate cannot notice still yields validated results.
      assert.deepEqual(validateResults(doc), doc);
    } catch (error) {
      assert.ok(error instanceof ResultsError, `flip at ${i}: ${error}`);
      assert.match(error.message, /^The link /);
    }
  }
  assert.equal(expected.runs.length, 2);
});

test('a character changed in the middle of a link is caught as damage by its checksum, and the first links (no checksum) still open', async () => {
  // An engineer changed one character of a link and read "environment.runtime must be one of ...":
  // raw deflate had unpacked the change into a document that was merely invalid.
  const payload = await encodeShare([EXPORTED]);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let caught = 0;
  for (let i = 8; i < payload.length - 8; i += 5) {
    const flipped = payload.slice(0, i) + alphabet[(alphabet.indexOf(payload[i]) + 1) % 64] + payload.slice(i + 1);
    await assert.rejects(decodeShare(flipped), (error) => {
      assert.ok(error instanceof ResultsError, `flip at ${i}: ${error}`);
      assert.match(error.message, /^The link is (damaged|truncated)/, `flip at ${i}`);
      return true;
    });
    caught++;
  }
  assert.ok(caught > 20);
  const old = await payloadOf(JSON.stringify({ format: 'corelab-share', version: 1, results: [NATIVE] }));
  assert.equal((await decodeShare(old))[0].runs.length, 2);
});

test('a link made by something else, or by a later corelab, says so', async () => {
  await refused(await payloadOf('{"format":"someone-else","results":[]}'), /does not hold corelab results/, 'not-corelab');
  await refused(await payloadOf('[1,2,3]'), /does not hold corelab results/, 'not-corelab');
  await refused(await payloadOf('{"format":"corelab-share","version":2,"results":[]}'),
    /is a version 2 corelab link; this page reads version 1 links, so it needs a newer corelab/, 'version');
  await refused(await payloadOf('{"format":"corelab-share","version":1,"results":[]}'), /holds no results/);
  await refused(await payloadOf('this is not json'), /damaged/, 'damaged');
  await refused(await payloadOf('{"format":"corelab-share","version":1,"results":[{"format":'), /truncated/, 'truncated');
});

test('the results inside a link are validated like a file’s, with the field at fault named', async () => {
  const hostile = structuredClone(EXPORTED);
  hostile.runs[1].samples_ms = [12.5, -0.001];
  await refused(await payloadOf(JSON.stringify({ format: 'corelab-share', version: 1, results: [hostile] })),
    /^The link is not a valid corelab result: runs\[1\]\.samples_ms\[1\] must be a positive number \(it is -0\.001\)\.$/, 'invalid');
  const other = structuredClone(EXPORTED);
  other.version = 3;
  await refused(await payloadOf(JSON.stringify({ format: 'corelab-share', version: 1, results: [NATIVE, other] })),
    /^The link is version 3 of the corelab results format/, 'version');
});

test('markup in a shared result arrives as the same inert text', async () => {
  const doc = structuredClone(EXPORTED);
  doc.label = '<img src=x onerror=alert(1)>';
  doc.environment.userAgent = '</script><script>alert(1)</script>';
  doc.runs[0].summary = '<b>fast</b>\u0000';
  const [back] = await decodeShare(await encodeShare([doc]));
  assert.deepEqual([back.label, back.environment.userAgent, back.runs[0].summary], [doc.label, doc.environment.userAgent, doc.runs[0].summary]);
});

test('a small link that would unpack into more than a results file may hold is refused', async () => {
  const bomb = await payloadOf(`{"format":"corelab-share","version":1,"results":[],"pad":"${' '.repeat(MAX_FILE_BYTES + 1024)}"}`);
  assert.ok(bomb.length < 100_000, `${bomb.length} characters`);
  await refused(bomb, /unpacks into more than 20 MiB/, 'too-large');
});
