// Reading what a person types: parameter-sweep lists and the `cores` tokens of lesson presets.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { checkLimits, checkParam, decimalCommaHint, expandCores, formatNumber, formatValue, parseFraction, parseParam, parseValueList, parseWithUnit, parseWorkers, typedText, wordList, workersText } from '../../www/js/input.js';

const grain = { name: 'grain', label: 'Grain', kind: 'integer', min: 1, max: 1e9 };
const schedule = { name: 'schedule', label: 'Schedule', kind: 'choice', choices: ['static', 'stealing'] };

test('a sweep list keeps its order and takes exponents and underscores, not thousands commas', () => {
  assert.deepEqual(parseValueList(grain, '1000, 1e2,1_000_000', 12), { values: [1000, 100, 1000000] });
  assert.deepEqual(parseValueList(schedule, 'stealing,static', 12), { values: ['stealing', 'static'] });
});

test('a sweep list may group digits with commas where a comma and a space separate its values', () => {
  // "1,000,000, 2,000,000", as every help writes numbers, was read as 1, 000, 000, 2, …
  assert.deepEqual(parseValueList(grain, '1,000,000, 2,000,000', 12), { values: [1000000, 2000000] });
  assert.deepEqual(parseValueList(grain, '1000, 2,500', 12), { values: [1000, 2500] });
  assert.deepEqual(parseValueList(grain, '10,20, 30', 12), { values: [10, 20, 30] }); // "10,20" groups nothing
});

test('a bad sweep list names the field and what is allowed', () => {
  assert.match(parseValueList(grain, '', 12).error, /^Grain: enter numbers from 1 to 1,000,000,000/);
  assert.match(parseValueList(grain, '10,0', 12).error, /^Grain: "0" is not allowed; use numbers from 1 to 1,000,000,000/);
  assert.match(parseValueList(grain, '10,1e1', 12).error, /^Grain: 1e1 is listed twice/);
  assert.match(parseValueList(grain, '1,2,3', 2).error, /^Grain: at most 2 values in one sweep \(got 3\)/);
  assert.match(parseValueList(schedule, 'static,random', 12).error, /^Schedule: "random" is not allowed; use one or more of static, stealing/);
});

test('cores tokens become the reported core count', () => {
  assert.equal(expandCores('1-cores', 8), '1-8');
  assert.equal(expandCores('1-2xcores', 6), '1-12');
  assert.equal(expandCores('cores', 3), '3');
  assert.equal(expandCores('1,2,4', 16), '1,2,4');
});

test('values are shown with separators, choices as they are', () => {
  assert.equal(formatValue(1000000), '1,000,000');
  assert.equal(formatValue('stealing'), 'stealing');
});

test('a bound on two parameters together is refused at its field, in the kernels\' words', () => {
  const catalogue = JSON.parse(readFileSync(new URL('../../pkg/catalogue.json', import.meta.url), 'utf8'));
  const sha256 = catalogue.workloads.find((w) => w.id === 'sha256');
  // The same sentence as src/catalogue/mod.rs `kernel_errors_have_their_kinds` (there without
  // the closing full stop the page's own messages have).
  assert.deepEqual(checkLimits(sha256, { buffers: 100_000, size: 1_000_000 }), {
    field: 'size',
    message: 'Buffers (M) × Buffer size (S) must be at most 536,870,912 (512 MiB); 100,000 × 1,000,000 is 100,000,000,000: make one of them smaller.',
  });
  assert.equal(checkLimits(sha256, { buffers: 32, size: 16_777_216 }), null); // exactly 512 MiB
  assert.equal(checkLimits(catalogue.workloads.find((w) => w.id === 'primes'), { n: 1e8, grain: 1e9 }), null);
});

test('a value out of range is quoted as the reader typed it where the number cannot be held exactly', () => {
  const n = { name: 'n', label: 'N', kind: 'integer', min: 2, max: 100_000_000 };
  assert.equal(checkParam(n, 1, '1'), 'N must be from 2 to 100,000,000 (got 1).');
  assert.equal(checkParam(n, 500_000_000, '5e8'), 'N must be from 2 to 100,000,000 (got 500,000,000).');
  // 99999999999999999 is held as 100000000000000000: quoting that would misquote the reader.
  assert.equal(checkParam(n, Number('99999999999999999'), ' 99999999999999999 '), 'N must be from 2 to 100,000,000 (got 99999999999999999).');
  assert.equal(checkParam(n, 1e17), 'N must be from 2 to 100,000,000 (got 100,000,000,000,000,000).');
  // Not a hundred digits for 1e99 (it pushed a phone's page 1119 px wide).
  assert.equal(formatNumber(1e99), '1e+99');
});

test('a list in a sentence reads as one: "a, b and c", or "or" for alternatives', () => {
  // "per-chunk, same-seed overlapped the fastest" lacked its "and".
  assert.equal(wordList(['per-chunk', 'same-seed']), 'per-chunk and same-seed');
  assert.equal(wordList(['a', 'b', 'c'], 'or'), 'a, b or c');
  assert.equal(wordList(['alone']), 'alone');
  assert.equal(wordList([]), '');
});

test('worker counts read back as the Workers field offers them, and parse to the same counts', () => {
  // A reload's last run filled in "1,2" where the field had first offered "1-2".
  assert.equal(workersText([1, 2]), '1-2');
  assert.equal(workersText([1, 2, 3, 4]), '1-4');
  assert.equal(workersText([1, 2, 4]), '1,2,4');
  assert.equal(workersText([3]), '3');
  for (const counts of [[1, 2], [2, 3, 4], [1, 2, 4, 8], [5]]) assert.deepEqual(parseWorkers(workersText(counts), 16), { values: counts });
});

test('a fraction may be typed as a percentage', () => {
  assert.equal(parseFraction('0.25'), 0.25);
  assert.equal(parseFraction('25%'), 0.25);
  assert.equal(parseFraction(' 5 % '), 0.05);
  assert.ok(Number.isNaN(parseFraction('%')));
  assert.ok(Number.isNaN(parseFraction('a lot')));
});

test('a parameter\'s number may carry its unit, or the unit\'s first words', () => {
  const waiting = { name: 'wait_ms', label: 'Waiting', kind: 'number', unit: 'ms per item', min: 0, max: 1000 };
  for (const text of ['4', '4 ms', '4ms', '4 ms per item', ' 4 MS ']) assert.equal(parseParam(waiting, text), 4, text);
  assert.ok(Number.isNaN(parseParam(waiting, '4 s')));
  assert.ok(Number.isNaN(parseParam(waiting, 'ms')));
  assert.equal(parseParam(grain, '1,000'), 1000); // no unit: a plain number
  // A fraction may be a percentage, as in the laws widget ("20%" was refused in the experiment's field).
  const s = { name: 'serial_fraction', label: 'Serial fraction', kind: 'number', unit: '', min: 0, max: 1 };
  assert.equal(parseParam(s, '20%'), 0.2);
  assert.ok(Number.isNaN(parseParam(grain, '20%')));
  assert.equal(checkParam(s, parseParam(s, 'a lot'), 'a lot'), 'Serial fraction must be a number from 0 to 1 (got a lot).');
});

test('predictions and parameter fields read a unit alike: whole, its first words, a singular, x for ×', () => {
  assert.equal(parseWithUnit('2 workers', 'workers'), 2);
  assert.equal(parseWithUnit('1 worker', 'workers'), 1);
  assert.equal(parseWithUnit('1.5x', '×'), 1.5);
  assert.equal(parseWithUnit('1.5 ×', '×'), 1.5);
  assert.equal(parseWithUnit('50 %', '%'), 50);
  assert.equal(parseWithUnit('3', ''), 3);
  assert.ok(Number.isNaN(parseWithUnit('4 m', 'ms per item'))); // "ms" is not made singular
  assert.ok(Number.isNaN(parseWithUnit('2 cores', 'workers')));
});

test('a long typed value is quoted cut, with its length', () => {
  assert.equal(typedText('  1e9 '), '1e9');
  const url = 'https://example.com/some/really/long/path/that/someone/copied/by/mistake?with=query';
  assert.equal(typedText(url), `${url.slice(0, 32)}… (${url.length} characters)`);
  const primes = { name: 'n', label: 'N', kind: 'integer', min: 2, max: 1e8 };
  assert.match(checkParam(primes, parseParam(primes, url), url), /^N must be a number from 2 to 100,000,000 \(got https:\/\/example\.com\/some\/really\/… \(\d+ characters\)\)\.$/);
});

test('a decimal comma is refused with how to type it, a thousands comma is not mistaken for one', () => {
  // A phone's keypad offered "1,5", refused beside a range written "1,024".
  const fraction = { kind: 'float', name: 'serial_fraction', label: 'Serial fraction', min: 0, max: 1 };
  assert.equal(checkParam(fraction, parseParam(fraction, '0,25'), '0,25'),
    'Serial fraction must be a number from 0 to 1 (got 0,25). Decimals take a point here: 0.25, not 0,25.');
  assert.equal(decimalCommaHint('1,5'), ' Decimals take a point here: 1.5, not 1,5.');
  // "0,250" reads as 250: refused by its range, with the same hint.
  assert.equal(checkParam(fraction, parseParam(fraction, '0,250'), '0,250'),
    'Serial fraction must be from 0 to 1 (got 250). Decimals take a point here: 0.250, not 0,250.');
  assert.equal(decimalCommaHint('1,024'), '');
  assert.equal(decimalCommaHint('0,250'), ' Decimals take a point here: 0.250, not 0,250.'); // "0," never groups thousands
  assert.equal(decimalCommaHint('1,5×'), ' Decimals take a point here: 1.5×, not 1,5×.'); // with the field's unit
  assert.equal(decimalCommaHint('abc'), '');
});
