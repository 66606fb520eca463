// The lessons index: every lesson in catalogue order, with how far this reader got (read from
// this device's storage; nothing is sent anywhere).
import { documentParsed, el } from '../experiment/dom.js';
import { counted } from '../input.js';
import { LESSONS } from '../../lessons/catalogue.js';
import { allProgress } from './progress.js';
import { siteFooter, siteHeader } from './site.js';

// The module runs as soon as it has loaded (async), apart from the parsing of the page, so the
// two are not one long task; it waits here for the elements it reads.
await documentParsed();

document.body.prepend(...siteHeader('lessons', 'Skip to the list of lessons'));
document.body.append(siteFooter());
const stored = allProgress();
const list = document.querySelector('#lesson-list');
list.replaceChildren(...LESSONS.map((lesson) => {
  const item = el('li', 'lesson-card');
  const heading = el('h2');
  heading.append(Object.assign(el('a', '', lesson.title), { href: `${lesson.id}.html` }));
  const status = stored[lesson.id]?.status;
  const state = status?.done ? 'done' : status?.started ? 'started' : 'new';
  const badge = el('p', `progress ${state}`, {
    done: 'Done',
    started: `In progress: ${status?.solved ?? 0} of ${counted(status?.checks ?? 0, 'quick check')}, ${status?.run ?? 0} of ${counted(status?.experiments ?? 0, 'experiment')}`,
    new: 'Not started yet',
  }[state]);
  item.dataset.progress = state;
  const facts = el('p', 'lesson-facts', `About ${lesson.minutes} minutes of reading, ${counted(lesson.experiments, 'live experiment')}, ` +
    counted(lesson.checks, 'quick check'));
  item.append(heading, facts, el('p', '', lesson.teaser), badge);
  return item;
}));
