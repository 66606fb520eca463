// The site header and footer of the lesson pages (the playground's are in its HTML), so a
// lesson file holds only its own content.
import { el } from '../experiment/dom.js';

const ROOT = new URL('../../', import.meta.url).pathname;

/** The skip link and header, with `current` ('playground', 'lessons' or 'results') marked: as
 *  the page itself, or, with `within`, as the section the page belongs to (a lesson is in the
 *  lessons but is not their index, and its Lessons link stays a link that looks like one). */
export function siteHeader(current, skipText, { within = false } = {}) {
  const skip = Object.assign(el('a', 'skip', skipText), { href: '#main' });
  const header = el('header', 'site');
  const nav = el('nav', 'site-nav');
  nav.setAttribute('aria-label', 'corelab');
  const link = (text, href, name, className = '') => {
    const a = Object.assign(el('a', className, text), { href });
    if (name === current) a.setAttribute('aria-current', within ? 'true' : 'page');
    return a;
  };
  nav.append(link('corelab', ROOT, '', 'brand'), link('Playground', ROOT, 'playground'), link('Lessons', `${ROOT}lessons/`, 'lessons'),
    link('Results', `${ROOT}results.html`, 'results'));
  header.append(nav);
  return [skip, header];
}

export function siteFooter() {
  const footer = el('footer', 'site');
  footer.append(el('p', '', 'Everything runs on your own device; your predictions, answers and results stay in ' +
    'this browser\'s storage and are never sent anywhere, unless you export or share them.'));
  return footer;
}
