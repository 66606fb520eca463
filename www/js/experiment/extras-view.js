// What some workloads report beyond a time and a check, one table per kind, shown only when a
// sweep has it: the shared counter's expected, actual and lost updates; Monte Carlo's estimate,
// its standard error and its distinct samples; message passing's delivery, apart from summing.
import { formatNumber, formatValue } from '../input.js';
import { cell, el, row, table } from './dom.js';

const fixed = (digits) => (v) => (v == null ? '—' : v.toFixed(digits));
const count = (v) => (v == null ? '—' : formatNumber(v));
/** Three significant figures as a decimal ("0.000367"; "3.67e-4" read as code to a student),
 *  in exponent form only below a millionth. */
const significant = (v) => String(Number(v.toPrecision(3)));

const KINDS = {
  counter: {
    title: 'The shared counter: what each run counted',
    caption: 'Expected, actual and lost updates, and the cost of one increment, per point',
    help: 'Expected is every increment the threads made; actual is what the counter held at the end. An update is lost ' +
      'when two threads read the same value and both write back value + 1. The cost per increment is the median time ' +
      'divided by the increments: what one correct (or incorrect) update costs on this device.',
    columns: ['Expected', 'Actual', 'Lost', 'Lost (%)', 'Cost per increment (ns)'],
    cells: (c, p) => [count(c.expected), count(c.actual), count(c.lost),
      c.expected ? `${((100 * c.lost) / c.expected).toFixed(2)}%` : '—', fixed(2)((p.median_ms * 1e6) / c.expected)],
  },
  estimate: {
    title: 'The estimate of π',
    caption: 'The estimate, its standard error and its distinct samples, per point',
    // Distinct samples second: on a phone the first columns are the ones in view.
    help: 'Distinct samples: how many of the samples differ. Where workers draw the same stream, most are repeats, and ' +
      'the estimate is only as good as the distinct ones. The standard error is what N independent samples promise; ' +
      '"off by" is how many of them the estimate is from π.',
    columns: ['Estimate', 'Distinct samples', 'Off by (standard errors)', 'Standard error'],
    cells: (e) => [fixed(6)(e.pi), count(e.distinct_samples), fixed(1)(e.errors), e.standard_error == null ? '—' : significant(e.standard_error)],
  },
  delivery: {
    title: 'Delivering the data, apart from summing it',
    caption: 'Delivery, summing and the way back (medians), per point',
    help: 'Delivery: from the first message sent until the last worker had its data. Summing: the slowest worker\'s sum. ' +
      'Way back: from the last sum until every answer (and, in transfer mode, every slice) was home. Medians over the ' +
      'timed runs; the speedup above includes all three. Copying costs time in proportion to the data, paid before ' +
      'any worker can start; sharing copies nothing.',
    // The first column repeats the sweep's own values where it varies the delivery: left out then.
    shows: 'delivery',
    columns: ['Mode', 'Delivery (ms)', 'Copy rate (MB/s)', 'Copied (MB)', 'Summing (ms)', 'Way back (ms)'],
    cells: (d) => [d.mode, fixed(2)(d.delivery_ms), d.copied_bytes && d.mb_per_s ? formatNumber(Math.round(d.mb_per_s)) : '— (nothing copied)',
      formatNumber(d.copied_bytes / (1 << 20)), fixed(2)(d.sum_ms), fixed(2)(d.return_ms)],
  },
};

export class ExtrasView {
  constructor({ prefix, level }) {
    this.element = el('div', 'extras');
    this.element.id = `${prefix}extras`;
    this.prefix = prefix;
    this.level = level;
  }

  render(results) {
    const name = (p) => (results.varied ? formatValue(results.valueOf(p)) : String(p.workers));
    const head = results.varied ? results.variedLabel : 'Workers';
    const sections = Object.entries(KINDS).filter(([key]) => results.points.some((p) => p.extra?.[key])).map(([key, kind]) => {
      const section = el('section', `extra extra-${key}`);
      const heading = el(`h${Math.min(6, this.level)}`, '', kind.title);
      heading.id = `${this.prefix}extra-${key}-title`;
      section.setAttribute('aria-labelledby', heading.id);
      const from = kind.shows && kind.shows === results.varied ? 1 : 0; // "Delivery | Mode" read "share | share"
      const t = table(`${this.prefix}extra-${key}-table`, kind.caption, [head, ...kind.columns.slice(from)]);
      t.body.replaceChildren(...results.points.filter((p) => p.extra?.[key])
        .map((p) => row(name(p), kind.cells(p.extra[key], p).slice(from).map((text) => cell(text)))));
      section.append(heading, el('p', 'help', kind.help), t.wrap);
      return section;
    });
    this.element.replaceChildren(...sections);
  }
}
