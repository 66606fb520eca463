// Writes the pages as they go out: a copy of www/ in which every script and the stylesheet are
// minified by esbuild (each file on its own, so module URLs, imports and exports stay as they
// are), each script with a source map that carries its source, so the browser's developer
// tools show the code as written. Everything else is copied. scripts/precompress.mjs then
// writes their brotli and gzip copies.
//
// The server sends a file from here only while it is at least as new as its source in www/
// (src/server.rs), so an edit shows at the next reload, before any rebuild. For the page load
// this halves the bytes of our own modules (issue 11: 70 kB on the wire compressed on the fly,
// about 40 kB minified, compressed once at the strongest setting).
//
//   node scripts/site.mjs www pkg/site
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { transform } from 'esbuild';
import { files, mtime } from './files.mjs';

const [from, to] = process.argv.slice(2);
if (!from || !to) {
  console.error('usage: node scripts/site.mjs SOURCE OUT');
  process.exit(2);
}

/** The minified text of a script or stylesheet (with a source map for a script), else null. */
async function minified(path, text) {
  const name = basename(path);
  if (path.endsWith('.js') && !path.endsWith('.min.js')) {
    const { code, map } = await transform(text, {
      minify: true, charset: 'utf8', sourcemap: 'external', sourcefile: name, logLevel: 'warning',
    });
    return { code: `${code}//# sourceMappingURL=${name}.map\n`, map };
  }
  if (path.endsWith('.css')) {
    const { code } = await transform(text, { loader: 'css', minify: true, charset: 'utf8', logLevel: 'warning' });
    return { code };
  }
  return null;
}

const written = new Set();
for await (const source of files(from)) {
  const out = join(to, relative(from, source));
  written.add(out);
  const isScript = source.endsWith('.js') && !source.endsWith('.min.js');
  if (isScript) written.add(`${out}.map`);
  if ((await mtime(out)) >= (await mtime(source))) continue;
  await mkdir(dirname(out), { recursive: true });
  const result = /\.(js|css)$/.test(source) ? await minified(source, await readFile(source, 'utf8')) : null;
  if (!result) {
    await copyFile(source, out);
    continue;
  }
  if (result.map) await writeFile(`${out}.map`, result.map);
  await writeFile(out, result.code);
}
// A file whose source is gone would still be served: remove it (and its compressed copies,
// which scripts/precompress.mjs drops once their file is gone).
for await (const path of files(to)) {
  if (!/\.(br|gz)$/.test(path) && !written.has(path)) await rm(path);
}
