// `bench --overheads --trace-long-tasks` (bench/long-task-trace.mjs): which thread is the page's,
// which of its tasks are long, how long each was on a core, and what ran in it. A small trace in
// Chromium's event format stands in for a recorded one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeLongTask, longTasksInTrace, pageNavigation } from '../../bench/long-task-trace.mjs';

const ORIGIN = 'http://127.0.0.1:8080';
const PAGE = { pid: 20, tid: 21 };
const OTHER = { pid: 30, tid: 31 };
const ms = (v) => v * 1000;
const thread = ({ pid, tid }) => ({ ph: 'M', name: 'thread_name', pid, tid, args: { name: 'CrRendererMain' } });
const slice = (where, name, startMs, wallMs, cpuMs, data) =>
  ({ ph: 'X', name, ...where, ts: ms(1000 + startMs), dur: ms(wallMs), tdur: ms(cpuMs), ...(data && { args: { data } }) });

const events = [
  thread(PAGE),
  thread(OTHER),
  // The about:blank before it, in another process, and the page's own navigation.
  { ph: 'R', name: 'navigationStart', ...OTHER, ts: ms(990), args: { data: { documentLoaderURL: '' } } },
  { ph: 'R', name: 'navigationStart', ...PAGE, ts: ms(1000), args: { data: { documentLoaderURL: `${ORIGIN}/` } } },
  // A script task: mostly waiting for a core (70 ms wall, 12 on a core).
  slice(PAGE, 'RunTask', 100, 70, 12),
  slice(PAGE, 'HTMLDocumentParser::NotifyScriptLoaded', 101, 68, 11),
  slice(PAGE, 'v8.evaluateModule', 102, 66, 10, { url: `${ORIGIN}/js/pages/playground.js` }),
  // A rendering task that is really long, with two pieces.
  slice(PAGE, 'RunTask', 300, 80, 78),
  slice(PAGE, 'Layout', 301, 60, 59),
  slice(PAGE, 'Paint', 362, 15, 15),
  // Short tasks, and a long one in another renderer: not the page's.
  slice(PAGE, 'RunTask', 400, 49, 49),
  slice(OTHER, 'RunTask', 100, 200, 190),
];

test('the page is the renderer that navigated to its origin, timed from that navigation', () => {
  assert.deepEqual(pageNavigation(events, ORIGIN), { thread: '20:21', ts: ms(1000) });
  assert.equal(pageNavigation(events, 'http://elsewhere'), null);
  assert.equal(longTasksInTrace(events, 'http://elsewhere'), null);
});

test('each long task on the page\'s main thread, with its time on a core and the work inside it', () => {
  const tasks = longTasksInTrace(events, ORIGIN);
  assert.equal(tasks.length, 2);
  const [script, rendering] = tasks;
  assert.deepEqual({ start: script.start_ms, wall: script.wall_ms, cpu: script.cpu_ms }, { start: 100, wall: 70, cpu: 12 });
  // Through the parser's wrapper to the evaluation, which names the script.
  assert.deepEqual(script.work, [{ what: 'evaluating modules /js/pages/playground.js', wall_ms: 68, cpu_ms: 11 }]);
  assert.deepEqual(rendering.work.map((w) => w.what), ['layout', 'paint']);
  assert.equal(describeLongTask(script), '70 ms at 100 ms (12 on a core): evaluating modules /js/pages/playground.js 68 ms (11 on a core)');
});
