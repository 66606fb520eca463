// Writes a brotli copy (quality 11) and a gzip copy (level 9) beside each wasm, JavaScript,
// JSON, HTML, CSS and SVG file of the build output (name.br, name.gz). The server sends such a copy as it is to a
// browser that accepts its encoding (tower-http's ServeDir precompressed variants), so the
// biggest files get the strongest compression once per build instead of a fast one per request:
// the wasm goes out at 136 KB instead of 161 KB (quality 4 on the fly). Node's own zlib does it.
// A copy is redone whenever its file is newer, so none can be stale after a build.
//
//   node scripts/precompress.mjs pkg
import { readFile, rm, writeFile } from 'node:fs/promises';
import { files, mtime } from './files.mjs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSED = /\.(wasm|js|mjs|json|html|css|svg)$/;
const COPIES = {
  br: (bytes) => brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }),
  gz: (bytes) => gzipSync(bytes, { level: 9 }),
};

const root = process.argv[2];
if (!root) {
  console.error('usage: node scripts/precompress.mjs DIR');
  process.exit(2);
}
for await (const path of files(root)) {
  const extension = path.split('.').pop();
  if (extension in COPIES) {
    // A copy whose file is gone would be served for nothing: remove it.
    const source = path.slice(0, -(extension.length + 1));
    if ((await mtime(source)) === -Infinity) await rm(path);
    continue;
  }
  if (!COMPRESSED.test(path)) continue;
  const bytes = await readFile(path);
  for (const [suffix, compress] of Object.entries(COPIES)) {
    const copy = `${path}.${suffix}`;
    if ((await mtime(copy)) > (await mtime(path))) continue;
    await writeFile(copy, compress(bytes));
  }
}
