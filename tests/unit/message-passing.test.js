// The message-passing experiment's pure parts: the closed form its sums are checked against,
// and the slices its workers get.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clockOffset, expectedSum, slice } from '../../www/js/kernels/message-passing.js';

/** The workers' arithmetic, written out: word i is i × 0x9E3779B1 mod 2^32, summed mod 2^32. */
function bruteForce(words) {
  let s = 0;
  for (let i = 0; i < words; i++) s = (s + (Math.imul(i, 0x9e3779b1) >>> 0)) >>> 0;
  return s;
}

test('the closed form equals the sum of the words, past many wraps of 2^32', () => {
  for (const words of [0, 1, 2, 3, 1000, 65_537, 1 << 20]) assert.equal(expectedSum(words), bruteForce(words), `${words} words`);
  assert.notEqual(expectedSum(1 << 20), expectedSum((1 << 20) + 1), 'one more word changes the sum');
});

test('slices cover every word once, in even shares', () => {
  for (const words of [1, 7, 1000, 1 << 20]) {
    for (let k = 1; k <= 8; k++) {
      const slices = Array.from({ length: k }, (_, i) => slice(words, k, i));
      assert.equal(slices[0][0], 0);
      assert.equal(slices.at(-1)[1], words);
      for (let i = 1; i < k; i++) assert.equal(slices[i][0], slices[i - 1][1], `contiguous at ${i}`);
      const sizes = slices.map(([a, b]) => b - a);
      assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, `${words} words on ${k}: ${sizes}`);
    }
  }
});

test('a worker\'s clock offset is what its pings prove, and nothing where its clock agrees', () => {
  // Pings of 30-50 µs from a worker whose clock is 0.73 ms ahead (timeOrigin set off on a busy
  // machine): the offset is bounded to within the quickest ping, nearest 0 within the bounds.
  const pings = (ahead, answers) => answers.map(([sent, at, back]) => ({ sent, theirs: at + ahead, back }));
  const answers = [[0, 0.02, 0.05], [1, 1.01, 1.03], [2, 2.025, 2.04]];
  const ahead = clockOffset(pings(0.73, answers));
  assert.ok(ahead >= 0.73 - 0.03 && ahead <= 0.73, `${ahead}`);
  // Corrected, every answer falls between its ping and its reply, as it did in time.
  for (const { sent, theirs, back } of pings(0.73, answers)) assert.ok(sent <= theirs - ahead && theirs - ahead <= back);
  assert.ok(Math.abs(clockOffset(pings(-1.2, answers)) + 1.2) <= 0.03, 'behind as well as ahead');
  // Clocks that agree are left exactly as they are.
  assert.equal(clockOffset(pings(0, answers)), 0);
  // Bounds that do not meet (a coarsened clock): the middle of the quickest ping.
  assert.equal(clockOffset([{ sent: 0, theirs: 0.5, back: 0.1 }, { sent: 1, theirs: 0.9, back: 1.2 }]), 0.45);
});
