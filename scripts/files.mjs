// File helpers shared by the build's scripts (site.mjs, precompress.mjs).
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Every regular file under `dir`, depth first. */
export async function* files(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile()) yield path;
  }
}

/** When the file at `path` last changed (ms), or -Infinity where there is none. */
export async function mtime(path) {
  try {
    return (await stat(path)).mtimeMs;
  } catch {
    return -Infinity;
  }
}
