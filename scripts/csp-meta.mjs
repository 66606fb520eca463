// Puts a Content-Security-Policy into every page of a folder as a <meta http-equiv>, right after
// its <meta charset>, for `./build.sh dist`: a static host sends no policy header. The policy is
// the server's (`corelab csp --meta`), less frame-ancestors, which a <meta> cannot set.
//   node scripts/csp-meta.mjs POLICY FOLDER
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [policy, folder] = process.argv.slice(2);
if (!policy || !folder || /["<>&]/.test(policy)) {
  console.error('usage: node scripts/csp-meta.mjs POLICY FOLDER (a policy without " < > &)');
  process.exit(2);
}
const CHARSET = '<meta charset="utf-8">';
const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;

function pages(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return pages(path);
    return entry.name.endsWith('.html') ? [path] : [];
  });
}

for (const page of pages(folder)) {
  const html = readFileSync(page, 'utf8');
  if (!html.includes(CHARSET)) {
    console.error(`${page} has no ${CHARSET} to put the policy after`);
    process.exit(1);
  }
  writeFileSync(page, html.replace(CHARSET, `${CHARSET}\n  ${meta}`));
}
