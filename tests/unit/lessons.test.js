// The lessons' quick checks, as authored: a reader who guesses "the first one" (or any fixed
// place) must not pass, with or without JavaScript, which shows the options in this order. And
// the progress a lesson reports from what the reader did.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { lessonStatus, normalise } from '../../www/js/lessons/progress.js';
import { LESSONS } from '../../www/lessons/catalogue.js';

const dir = new URL('../../www/lessons/', import.meta.url);
const lessons = readdirSync(dir).filter((f) => f.endsWith('.html') && f !== 'index.html');

/**
 * Each quick check of a lesson file: its id, how many options, where the correct one is, and
 * each option's answer as the reader sees it before checking (tags stripped, spaces collapsed;
 * the explanation shown after is left out).
 */
function checksOf(file) {
  const html = readFileSync(new URL(file, dir), 'utf8');
  return html.split('<div class="quick-check"').slice(1).map((block) => {
    const options = block.split(/<div class="quick-check"|<section|<div class="experiment"/)[0].split('<div class="option"').slice(1);
    return {
      id: /data-id="([^"]+)"/.exec(block)[1],
      count: options.length,
      correct: options.findIndex((o) => o.startsWith(' data-correct')),
      answers: options.map((o) => (/<p class="answer">([\s\S]*?)<\/p>/.exec(o)?.[1] ?? '').replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim()),
    };
  });
}

test('every quick check has one correct option among several, in a place that varies within each lesson', () => {
  const places = [];
  for (const file of lessons) {
    const checks = checksOf(file);
    assert.ok(checks.length >= 2, `${file}: ${checks.length} quick checks`);
    for (const c of checks) {
      assert.ok(c.count >= 3 && c.correct >= 0, `${file} ${c.id}: ${c.count} options, correct at ${c.correct}`);
      places.push(c.correct);
    }
    assert.ok(new Set(checks.map((c) => c.correct)).size > 1, `${file}: the correct answer is always option ${checks[0].correct + 1}`);
    // Nor always the last, whatever the number of options.
    assert.ok(checks.some((c) => c.correct !== c.count - 1), `${file}: the correct answer is always the last option`);
  }
  // Across all lessons no place holds the correct answer more than half the time.
  for (const place of new Set(places)) assert.ok(places.filter((p) => p === place).length <= places.length / 2, `place ${place}`);
});

// A student found the right answer was almost always the longest (22 of 28 checks), so picking
// the longest passed without reading. The correct answer may still be the longest, or the
// shortest, now and then, but in at most a third of a lesson's checks and a quarter of all.
test('the length of an answer gives no quick check away: the correct one is seldom the longest or the shortest', () => {
  const all = { checks: 0, longest: [], shortest: [] };
  for (const file of lessons) {
    const mine = { longest: [], shortest: [] };
    const checks = checksOf(file);
    for (const { id, correct, answers } of checks) {
      assert.ok(answers.every(Boolean), `${file} ${id}: an option without <p class="answer">`);
      const others = answers.filter((_, i) => i !== correct).map((a) => a.length);
      if (answers[correct].length > Math.max(...others)) mine.longest.push(id);
      if (answers[correct].length < Math.min(...others)) mine.shortest.push(id);
    }
    for (const extreme of ['longest', 'shortest']) {
      assert.ok(mine[extreme].length <= checks.length / 3, `${file}: the correct answer is the ${extreme} in ${mine[extreme].join(', ')}`);
      all[extreme].push(...mine[extreme].map((id) => `${file} ${id}`));
    }
    all.checks += checks.length;
  }
  for (const extreme of ['longest', 'shortest']) {
    assert.ok(all[extreme].length <= all.checks / 4, `the correct answer is the ${extreme} in ${all[extreme].length} of ${all.checks} checks: ${all[extreme].join(', ')}`);
  }
});

test('the index tells each lesson as it is: its reading time, live experiments and quick checks', () => {
  assert.deepEqual(LESSONS.map((l) => `${l.id}.html`).sort(), [...lessons].sort());
  for (const lesson of LESSONS) {
    const html = readFileSync(new URL(`${lesson.id}.html`, dir), 'utf8');
    const text = html.slice(html.indexOf('<main'), html.indexOf('</main>'))
      .replace(/<(script|style|template)[\s\S]*?<\/\1>/g, ' ').replace(/<[^>]+>/g, ' ');
    const words = text.split(/\s+/).filter(Boolean).length;
    // At 200 words a minute; within a minute, so a sentence added does not need a new estimate.
    assert.ok(Math.abs(lesson.minutes - words / 200) <= 1, `${lesson.id}: ${words} words is about ${Math.round(words / 200)} minutes, not ${lesson.minutes}`);
    assert.equal(lesson.experiments, html.match(/<div class="experiment"/g)?.length ?? 0, `${lesson.id}: experiments`);
    assert.equal(lesson.checks, checksOf(`${lesson.id}.html`).length, `${lesson.id}: quick checks`);
  }
});

test('an experiment reset after its run still counts as run, and the lesson as started', () => {
  const afterReset = { answers: {}, predictions: {}, results: {}, ran: { sweep: '2026-12-03T08:00:00Z' } };
  assert.deepEqual(lessonStatus(afterReset, ['c1'], ['sweep', 'other']),
    { checks: 1, solved: 0, experiments: 2, run: 1, done: false, started: true });
  // Progress kept before `ran` existed counts its results as runs.
  assert.equal(lessonStatus({ answers: { c1: { solved: true } }, results: { sweep: {} } }, ['c1'], ['sweep']).done, true);
  assert.equal(lessonStatus(undefined, ['c1'], ['sweep']).started, false);
});


test('stored progress that cannot be read is dropped, the rest kept', () => {
  for (const junk of ['junk', 5, null, [], { status: { checks: 'a' } }, { predictions: null, answers: 5, results: 'x' }]) {
    const data = normalise(junk);
    for (const part of ['predictions', 'answers', 'results', 'ran']) assert.deepEqual(data[part], {}, `${JSON.stringify(junk)}: ${part}`);
  }
  const data = normalise({
    predictions: { a: 1.5, b: 'static', c: {}, d: null },
    answers: { ok: { choice: 2, correct: true, solved: true }, bad: { choice: 'x' }, worse: 7 },
    results: { e1: { at: '2026-01-01' }, e2: 'x' },
    ran: { e1: '2026-01-01', e2: 3 },
  });
  assert.deepEqual(data.predictions, { a: 1.5, b: 'static' });
  assert.deepEqual(Object.keys(data.answers), ['ok']);
  assert.deepEqual(Object.keys(data.results), ['e1']);
  assert.deepEqual(data.ran, { e1: '2026-01-01' });
});
