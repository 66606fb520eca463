// Two changes to wasm-bindgen-rayon's pool worker helper, made at build time.
//
// 1. It starts the rayon pool's workers from the helper script's own URL instead of a blob: copy.
//
// wasm-bindgen-rayon's helper (its `no-bundler` variant, which wasm-bindgen copies into
// pkg/snippets/) starts each pool worker from a blob: URL holding a copy of itself, so that a
// helper hosted on another origin (a CDN) can still start workers. corelab's helper is always
// served from the page's own origin, and the copy costs every pool start:
// - each worker fetches the script again and registers a blob before it can start;
// - the worker's script then has another URL than the helper module the glue imports, so every
//   pool worker fetches and compiles the helper a second time, after the glue (a serial fetch).
// `./build.sh bench --overheads --sweeps 6 --workers 1,2,3,4`, four runs with the blob and five
// without (issue 11): pool start medians 38-56 ms against 26-37 ms at 1 worker, 42-57 against
// 32-40 at 2 and 81-104 against 52-61 at 4.
// It also lets the Content-Security-Policy drop `blob:` from worker-src (see src/server.rs).
//
// 2. Each pool worker initialises the glue with the options object wasm-bindgen 0.2.130 takes,
// not the positional (module, memory) of older versions, which the glue still accepts but
// answers with "using deprecated parameters for the initialization function" in the console,
// once per pool thread at every pool start.
//
// The helper is wasm-bindgen-rayon's, pinned in Cargo.toml; the build fails here, rather than
// quietly keeping the old text, if an upgrade changes the text this replaces.
//
//   node scripts/patch-pool-helper.mjs pkg/snippets/wasm-bindgen-rayon-*/src/workerHelpers.no-bundler.js
import { readFile, writeFile } from 'node:fs/promises';

// The crate's file has Windows line ends (\r\n), kept as they are.
const BLOB_COPY = /( *)let scriptBlob = await fetch\(import\.meta\.url\)\.then\(r => r\.blob\(\)\);(\r?\n) *let url = URL\.createObjectURL\(scriptBlob\);\r?\n/;
const REVOKE = /\r?\n *URL\.revokeObjectURL\(url\);/;
const INIT = 'await pkg.default(data.module, data.memory);';

const path = process.argv[2];
if (!path || process.argv.length !== 3) {
  console.error('usage: node scripts/patch-pool-helper.mjs HELPER');
  process.exit(2);
}
const text = await readFile(path, 'utf8');
if (!BLOB_COPY.test(text) || !REVOKE.test(text) || !text.includes(INIT)) {
  console.error(`${path}: the text this script changes is not there; has wasm-bindgen-rayon changed? ` +
    'See scripts/patch-pool-helper.mjs.');
  process.exit(1);
}
await writeFile(path, text.replace(BLOB_COPY, '$1const url = import.meta.url;$2').replace(REVOKE, '')
  .replace(INIT, 'await pkg.default({ module_or_path: data.module, memory: data.memory });'));
