// What a sweep paid apart from the kernel (instantiation, pool start, preparation, dispatch),
// the checks and raw samples in words, and the image a workload computed.
import { counted, fixedOrDash as fmt, formatValue } from '../input.js';
import { cell, el, row, table } from './dom.js';

export class OverheadsView {
  constructor({ prefix, heading }) {
    this.section = el('section', 'overheads');
    this.section.id = `${prefix}overheads`;
    this.section.setAttribute('aria-labelledby', heading.id);
    const help = el('p', 'help', 'Paid once per point and not included in the medians: loading the WebAssembly (compiled ' +
      'by the page\'s first point, reused by the others), starting the thread pool (initThreadPool(k)) and preparing the ' +
      'input. The dispatch cost is paid by every parallel region: the time to hand the pool an empty parallel loop and wait ' +
      'for it, warm (right after another region, its threads still awake) and cold (after the pool sat idle and its threads ' +
      'went to sleep), each a median with its 95% interval. In WebAssembly a pool thread that runs out of work looks for more ' +
      'only for a few microseconds before it sleeps (it has no way to pause briefly between looks), so warm comes close to ' +
      'cold and either may come out higher; natively it keeps looking a little longer. A whole ' +
      'parallel region much shorter than it cannot gain from more workers; a task inside a running region costs far less ' +
      '(it is only queued and taken). (Message passing uses no WebAssembly pool: there, pool start is ' +
      'starting k plain Web Workers, and dispatch is an empty message to each of them and back.)');
    const overheads = table(`${prefix}overheads-table`, 'Overheads per point', ['Point', 'Wasm instantiation (ms)',
      'Pool start (ms)', 'Input preparation (ms)', 'Dispatch, warm (µs)', 'Dispatch, cold (µs)', 'Kernel median (ms)']);
    this.table = overheads.table;
    this.body = overheads.body;
    // A cold dispatch is one region timed alone: on a timer of 20 µs steps (Firefox) "60.1
    // (59.8–60.1)" claimed a precision its steps do not have.
    this.coarseNote = el('p', 'help');
    this.coarseNote.hidden = true;
    this.section.append(heading, help, overheads.wrap, this.coarseNote);

    this.details = el('details', 'details');
    this.details.id = `${prefix}details`;
    this.detailsBody = el('div');
    this.detailsBody.id = `${prefix}details-body`;
    this.details.append(el('summary', '', 'Checks and raw timings'), this.detailsBody);

    this.imageFigure = el('figure', 'image');
    this.imageFigure.id = `${prefix}image-figure`;
    this.imageFigure.hidden = true;
    this.image = document.createElement('canvas');
    this.imageCaption = el('figcaption');
    this.imageFigure.append(this.image, this.imageCaption);
    this.elements = [this.section, this.details];
  }

  render(results) {
    const name = (p) => (results.varied ? formatValue(results.valueOf(p)) : String(p.workers));
    this.table.tHead.rows[0].cells[0].textContent = results.varied ? results.variedLabel : 'Workers';
    const tickUs = (results.timerResolutionMs ?? 0) * 1000;
    const coarse = tickUs >= 1;
    this.body.replaceChildren(...results.points.map((p) => row(name(p), [
      cell(fmt(p.instantiate_ms, 1)),
      cell(fmt(p.pool_start_ms, 1)),
      cell(fmt(p.prepare_ms, 1)),
      cell(withInterval(p.dispatch_us, p.dispatch_low_us, p.dispatch_high_us)),
      cell(coarse && p.dispatch_cold_us != null
        ? `${withInterval(p.dispatch_cold_us, p.dispatch_cold_low_us, p.dispatch_cold_high_us, 0)} *`
        : withInterval(p.dispatch_cold_us, p.dispatch_cold_low_us, p.dispatch_cold_high_us)),
      cell(p.median_ms.toFixed(1)),
    ])));
    this.coarseNote.hidden = !coarse;
    this.coarseNote.textContent = coarse ? `* A cold dispatch is one region timed alone, and this browser's timer ticks in steps of ` +
      `${Number(tickUs.toPrecision(3))} µs: each cold value is good to about that step. (Warm ones are batches of regions, timed together.)` : '';
    const first = results.points[0];
    const items = [
      `Result: ${first.summary}.`,
      checkSentence(first, results),
      sameness(results, first),
      ...results.points.map((p) => {
        const size = results.scaling === 'weak' || results.varied
          ? ` Problem: ${Object.entries(p.params).map(([k, v]) => `${k} = ${formatValue(v)}`).join(', ')}` +
            `${results.scaling === 'weak' ? ` (work × ${p.work_factor.toFixed(2)})` : ''}; result: ${p.summary}.`
          : '';
        return `${counted(p.workers, 'worker')}: warm-up run ${p.warmup_ms.map((t) => t.toFixed(1)).join(', ')} ms (not counted); ` +
          `${p.samples_ms.length} timed runs: ${p.samples_ms.map((t) => t.toFixed(1)).join(', ')} ms.${size}`;
      }),
    ];
    const list = el('ul');
    list.append(...items.map((text) => el('li', '', text)));
    this.detailsBody.replaceChildren(list);
  }

  showImage({ width, height, rgba }, workload) {
    this.image.width = width;
    this.image.height = height;
    this.image.getContext('2d').putImageData(new ImageData(new Uint8ClampedArray(rgba.buffer, rgba.byteOffset, rgba.byteLength), width, height), 0, 0);
    this.image.setAttribute('role', 'img');
    this.image.setAttribute('aria-label', `${workload.title}, ${width} by ${height} pixels, as computed by the last run.`);
    this.imageCaption.textContent = `${workload.title}: the image computed by the last run (${width} × ${height}).`;
    this.imageFigure.hidden = false;
  }

  hideImage() {
    this.imageFigure.hidden = true;
  }
}

/** A median with its interval, "12.3 (11.8–13.0)", or the median alone where none was measured. */
function withInterval(median, low, high, digits = 1) {
  return low == null || high == null ? fmt(median, digits) : `${fmt(median, digits)} (${fmt(low, digits)}–${fmt(high, digits)})`;
}

const CHECK_KINDS = {
  exact: 'Exact check (against an independent reference, and identical at every worker count)',
  statistical: 'Statistical check (within a tolerance of the true value, and identical at every worker count by design)',
  demonstration: 'Demonstration (expected to differ; only what can be checked is checked)',
};

function checkSentence(p, results) {
  // Under weak scaling each count solves another problem: "identical at every worker count" stood
  // two lines above "the results differ by design".
  const kind = CHECK_KINDS[p.check_kind] ?? 'Check';
  const said = results.scaling === 'weak' || results.varied ? kind.replace(/, (and )?identical at every worker count( by design)?/, '') : kind;
  return `${said}: ${p.check?.detail ?? 'none'}.` +
    (p.demonstrates ? ` Demonstrates: ${p.demonstrates}.` : '');
}

function sameness(results, first) {
  if (results.scaling === 'weak') {
    return 'Weak scaling: each worker count solves a bigger problem, so the results differ by design; each is checked on its own.';
  }
  const same = results.points.every((p) => p.identical);
  if (results.varied) {
    return same
      ? `Identical result for every value of ${results.variedLabel} (digest ${first.digest}).`
      : `The result changes with ${results.variedLabel}, as it may: each point is checked on its own.`;
  }
  if (same) return `Identical result at every worker count (digest ${first.digest}).`;
  const digests = results.points.map((p) => `${p.workers}: ${p.digest}`).join(', ');
  return results.points.some((p) => p.check_kind === 'demonstration')
    ? `Results differ between worker counts, as this demonstration expects: ${digests}.`
    : `Results differ between worker counts: ${digests}.`;
}
