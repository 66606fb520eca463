// Which browsers report a clamped core count, and what the page says to their readers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { coresCaveat, isWebKit } from '../../www/js/environment.js';

const UA = {
  safari: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  webkitgtk: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/60.5 Safari/605.1.15',
  chromeOnIphone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1',
  chrome: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
  edge: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  firefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0',
};

test('WebKit is told apart from the browsers that only name it: every iPhone browser is WebKit, Chrome and Edge elsewhere are not', () => {
  assert.deepEqual(Object.fromEntries(Object.entries(UA).map(([name, ua]) => [name, isWebKit(ua)])),
    { safari: true, webkitgtk: true, chromeOnIphone: true, chrome: false, edge: false, firefox: false });
});

test('a WebKit reader is told that the core count shown may not be the device\'s', () => {
  // WebKitGTK reported 4 cores on a 2-core machine, and "1 to 4" swept past the cores unsaid.
  assert.match(coresCaveat(UA.webkitgtk), /^ Safari and other WebKit browsers report 4 or 8 whatever the device has/);
  assert.equal(coresCaveat(UA.chrome), '');
  assert.equal(coresCaveat(UA.firefox), '');
});
