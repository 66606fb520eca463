// Reading what a person types: parameter-sweep lists and the `cores` tokens of lesson presets.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expandCores, formatValue, parseValueList } from '../../www/js/input.js';

const grain = { name: 'grain', label: 'Grain', kind: 'integer', min: 1, max: 1e9 };
const schedule = { name: 'schedule', label: 'Schedule', kind: 'choice', choices: ['static', 'stealing'] };

test('a sweep list keeps its order and takes exponents and underscores, not thousands commas', () => {
  assert.deepEqual(parseValueList(grain, '1000, 1e2,1_000_000', 12), { values: [1000, 100, 1000000] });
  assert.deepEqual(parseValueList(schedule, 'stealing,static', 12), { values: ['stealing', 'static'] });
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
