// `./build.sh bench --overheads --trace-long-tasks`: what the page's main thread did in each of
// its long tasks, read from a Chromium trace of the sweep.
//
// The Long Tasks API gives a task's wall-clock length only. On a busy machine that is not what
// the page's code cost: a task whose thread waits for a core lasts longer than its work. The
// trace records both for every task (`dur`, wall; `tdur`, time on a core) and what ran inside
// it (script evaluation with its URL, a function call with its location, style, layout,
// paint), so each long task can be told apart: our code, Chromium's own (the navigation's
// commit), or a short piece of work stretched by waiting for a core.

/** Trace categories for `browser.startTracing`: the DevTools timeline's main-thread events. */
export const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'loading'];

/** The longest a thread's task may run before the browser calls it long (the Long Tasks API's). */
export const LONG_TASK_MS = 50;

const TASK_NAMES = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

/** What an event inside a task was, in words, with the script it ran where the trace names one. */
function describe(event) {
  const data = event.args?.data ?? {};
  const where = data.url ? ` ${data.url.replace(/^[a-z]+:\/\/[^/]+/, '')}` : '';
  const fn = data.functionName ? ` ${data.functionName}` : '';
  const line = data.url && data.lineNumber != null ? `:${data.lineNumber}` : '';
  switch (event.name) {
    case 'DocumentLoader::CommitNavigation': return 'the navigation\'s commit (Chromium: new document and script context)';
    case 'ParseHTML': return 'parsing the HTML';
    case 'EvaluateScript': return where ? `evaluating a script${where}` : 'evaluating a script with no URL (injected by the browser\'s driver, or an eval)';
    case 'v8.evaluateModule': return `evaluating modules${where}`;
    case 'v8.compileModule': case 'v8.compile': case 'V8.CompileCode': return `compiling script${where}`;
    case 'FunctionCall': return `a function call${fn}${where}${line}`;
    case 'RunMicrotasks': return 'promise callbacks';
    case 'TimerFire': return 'a timer';
    case 'FireAnimationFrame': return 'an animation frame callback';
    case 'EventDispatch': return `a ${data.type ?? ''} event`.replace('a  ', 'an ');
    case 'UpdateLayoutTree': case 'RecalculateStyles': return 'style';
    case 'Layout': return 'layout';
    case 'Paint': case 'PrePaint': case 'Layerize': case 'Commit': return 'paint';
    case 'WebFrameWidgetImpl::UpdateLifecycle': case 'UpdateLifecycle': return 'style, layout and paint';
    case 'LocalFrameView::UpdateStyleAndLayout': case 'Document::UpdateStyleAndLayout': return 'style and layout';
    case 'GCEvent': case 'MinorGC': case 'MajorGC': case 'V8.GCScavenger': case 'V8.GCFinalizeMC': return 'garbage collection';
    default: return event.name;
  }
}

/**
 * The page's navigation in the trace: the renderer main thread that started loading a document
 * from `origin` (`pid:tid`) and when (`ts`, the trace's clock: the page's time origin, from which
 * the Long Tasks API counts). Null where the trace has no such navigation.
 */
export function pageNavigation(events, origin) {
  const start = events.find((e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL?.startsWith(origin));
  return start ? { thread: `${start.pid}:${start.tid}`, ts: start.ts } : null;
}

/**
 * Every task of at least `minMs` (wall) on the page's main thread, in order: its start (ms from
 * the navigation's start, as the Long Tasks API counts; negative before it), wall and on-core
 * milliseconds, and the work inside it: its largest top-level pieces, each with wall and on-core
 * ms, largest first. Null where the trace does not show the page's navigation.
 */
export function longTasksInTrace(events, origin, minMs = LONG_TASK_MS) {
  const navigation = pageNavigation(events, origin);
  if (!navigation) return null;
  const own = events.filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === navigation.thread && typeof e.dur === 'number')
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const tasks = own.filter((e) => TASK_NAMES.has(e.name) && e.dur >= minMs * 1000);
  return tasks.map((task) => {
    const end = task.ts + task.dur;
    // The task's nested events, outermost first; a piece is the outermost event that is not a
    // task wrapper of its own (the trace nests RunTask in RunTask).
    const inside = own.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur <= end && !TASK_NAMES.has(e.name));
    const pieces = [];
    for (const e of inside) {
      const wrapped = pieces.some((p) => e.ts >= p.ts && e.ts + e.dur <= p.ts + p.dur);
      if (!wrapped) pieces.push(e);
    }
    // Drill through plain wrappers (one child covering most of the piece) to what names the work.
    const named = pieces.map((piece) => {
      let current = piece;
      for (;;) {
        const children = inside.filter((e) => e !== current && e.ts >= current.ts && e.ts + e.dur <= current.ts + current.dur);
        const direct = children.filter((c) => !children.some((o) => o !== c && c.ts >= o.ts && c.ts + c.dur <= o.ts + o.dur));
        const main = direct.length === 1 && direct[0].dur >= 0.8 * current.dur ? direct[0] : null;
        if (!main || describe(current) !== current.name) return { event: current, wall: piece.dur, cpu: piece.tdur };
        current = main;
      }
    });
    return {
      start_ms: (task.ts - navigation.ts) / 1000,
      wall_ms: task.dur / 1000,
      cpu_ms: typeof task.tdur === 'number' ? task.tdur / 1000 : null,
      work: named.filter((n) => n.wall >= 1000).sort((a, b) => b.wall - a.wall).slice(0, 3).map((n) => ({
        what: describe(n.event),
        wall_ms: n.wall / 1000,
        cpu_ms: typeof n.cpu === 'number' ? n.cpu / 1000 : null,
      })),
    };
  });
}

/** One long task in words: "76 ms at 130 ms (8 on a core): style, layout and paint 69 ms (7 on a core)". */
export function describeLongTask(task) {
  const cpu = (ms) => (ms == null ? '' : ` (${ms.toFixed(0)} on a core)`);
  const work = task.work.length ? task.work.map((w) => `${w.what} ${w.wall_ms.toFixed(0)} ms${cpu(w.cpu_ms)}`).join('; ') : 'nothing the trace names';
  return `${task.wall_ms.toFixed(0)} ms at ${task.start_ms.toFixed(0)} ms${cpu(task.cpu_ms)}: ${work}`;
}
