// The results library: every completed sweep, imported file and saved link, kept in this
// browser (IndexedDB), never sent anywhere. An entry is { id, label, saved, source, doc }:
// `label` names the device ("Pixel 8 on battery"), `source` says where it came from ("run",
// "file", "link", "suite") and `doc` is the results document as exported.
// Where IndexedDB is unavailable (some private modes), the library lives in memory for the
// visit and says so.

import { validateResults } from './validate.js';

const DB = 'corelab';
const STORE = 'results';
const DEVICE_LABEL_KEY = 'corelab-device-label';

let channel;

/** Tells every open page of corelab (this one too) that the library changed. Opened on first
 *  use: an open channel keeps a process alive (node, in the unit tests). */
function announce() {
  channel ??= typeof BroadcastChannel === 'function' ? new BroadcastChannel('corelab-library') : null;
  channel?.postMessage({ type: 'changed' });
}

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function openDatabase() {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(DB, 1);
    open.onupgradeneeded = () => open.result.createObjectStore(STORE, { keyPath: 'id', autoIncrement: true });
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
    open.onblocked = () => reject(new Error('the results library is blocked by another open version of this page'));
  });
}

class MemoryStore {
  #entries = new Map();
  #next = 1;
  async all() {
    return [...this.#entries.values()].map((e) => structuredClone(e));
  }
  async put(entry) {
    const id = entry.id ?? this.#next++;
    this.#entries.set(id, structuredClone({ ...entry, id }));
    return id;
  }
  async putAll(entries) {
    const ids = [];
    for (const entry of entries) ids.push(await this.put(entry));
    return ids;
  }
  async get(id) {
    const entry = this.#entries.get(id);
    return entry ? structuredClone(entry) : null;
  }
  async delete(id) {
    this.#entries.delete(id);
  }
}

class IndexedStore {
  constructor(db) {
    this.db = db;
  }
  #store(mode) {
    return this.db.transaction(STORE, mode).objectStore(STORE);
  }
  all() {
    return request(this.#store('readonly').getAll());
  }
  put(entry) {
    return this.putAll([entry]).then(([id]) => id);
  }
  /** Every entry in one transaction: all of them are saved, or (an error) none. */
  putAll(entries) {
    const transaction = this.db.transaction(STORE, 'readwrite');
    const store = transaction.objectStore(STORE);
    const ids = Promise.all(entries.map((entry) => {
      const clean = { ...entry };
      if (clean.id == null) delete clean.id;
      return request(store.put(clean));
    }));
    return new Promise((resolve, reject) => {
      transaction.oncomplete = () => resolve(ids);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error ?? new Error('the results library did not save'));
    });
  }
  async get(id) {
    return (await request(this.#store('readonly').get(id))) ?? null;
  }
  delete(id) {
    return request(this.#store('readwrite').delete(id));
  }
}

let opened = null;

/** The library of this browser: `{ store, persistent }`; in memory when IndexedDB fails. */
export function library() {
  opened ??= (async () => {
    try {
      if (typeof indexedDB === 'undefined') throw new Error('no IndexedDB');
      return { store: new IndexedStore(await openDatabase()), persistent: true };
    } catch {
      return { store: new MemoryStore(), persistent: false };
    }
  })();
  return opened;
}

/** The label new results get on this device: the one the reader set, or one made from the
 *  browser, the platform and the core count. */
export function deviceLabel(environment) {
  const chosen = (() => {
    try {
      return localStorage.getItem(DEVICE_LABEL_KEY);
    } catch {
      return null;
    }
  })();
  return visitLabel ?? (chosen || describeDevice(environment));
}

/** The label set in this visit where the browser refused to store it ('' for none set). */
let visitLabel = null;

/** Sets (or, when empty, forgets) the label for results saved from now on. True where it is
 *  stored; false where the browser refused (private mode, site data blocked) and it lasts for
 *  this visit only (it had been thrown away, the default shown in its place). */
export function setDeviceLabel(label) {
  try {
    if (label.trim()) localStorage.setItem(DEVICE_LABEL_KEY, label.trim());
    else localStorage.removeItem(DEVICE_LABEL_KEY);
    visitLabel = null;
    return true;
  } catch {
    visitLabel = label.trim() || null;
    return false;
  }
}

/** "Chrome 156 on Linux, 2 cores" ("native on Linux, 2 cores"), from a results document's environment. */
export function describeDevice(env = {}) {
  const ua = env.userAgent ?? '';
  // Headless Chrome (the headless runner, the tests) apart from Chrome, so the runner's results
  // and a person's in the same browser do not read alike.
  const browser = [['Edg/', 'Edge'], ['Firefox/', 'Firefox'], ['HeadlessChrome/', 'Headless Chrome'], ['Chrome/', 'Chrome'], ['Version/', 'Safari']]
    .map(([token, name]) => {
      const at = ua.indexOf(token);
      return at < 0 ? null : `${name} ${ua.slice(at + token.length).split(/[ .;)]/)[0]}`;
    })
    .find(Boolean);
  const platform = [['Android', 'Android'], ['iPhone', 'iPhone'], ['iPad', 'iPad'], ['Mac OS X', 'macOS'], ['Windows', 'Windows'],
    ['CrOS', 'ChromeOS'], ['Linux', 'Linux'], ['linux', 'Linux']].find(([token]) => ua.includes(token))?.[1]; // the native runner's is lower case
  const runtime = env.runtime === 'native' ? 'native' : env.runtime === 'python' ? 'Python' : browser ?? 'a browser';
  const cores = env.hardwareConcurrency ? `, ${env.hardwareConcurrency} cores` : '';
  // The runners name the processor (a page cannot know it): "AMD EPYC 7B13 64-Core", without
  // the trademarks and clock that make it long.
  const cpu = typeof env.cpu === 'string' ? env.cpu.replace(/\((R|TM|tm)\)|\bCPU\b|\bProcessor\b|@.*$/g, '').replace(/\s+/g, ' ').trim() : '';
  return `${runtime}${platform ? ` on ${platform}` : ''}${cpu ? `, ${cpu}` : ''}${cores}`;
}

/** Entries are checked as files are (the library is not trusted either: another version of
 *  corelab, an extension or a hand edit may have written it); once per entry and page, as an
 *  entry's document never changes. */
const readable = new Map();

/** The entry as the pages use it, or null when it cannot be read. */
function checked(entry) {
  if (!entry || typeof entry !== 'object') return null;
  if (!readable.has(entry.id)) {
    let ok = true;
    try {
      validateResults(entry.doc, 'a saved result');
    } catch {
      ok = false;
    }
    readable.set(entry.id, ok);
  }
  if (!readable.get(entry.id)) return null;
  return {
    ...entry,
    label: typeof entry.label === 'string' && entry.label ? entry.label : describeDevice(entry.doc.environment),
    saved: typeof entry.saved === 'string' ? entry.saved : '',
    source: typeof entry.source === 'string' ? entry.source : 'file',
  };
}

/** The library, newest first: `{ entries, damaged }`, `damaged` the ids of entries that cannot
 *  be read (shown as a count, to delete). */
export async function readLibrary() {
  const { store } = await library();
  const entries = [];
  const damaged = [];
  for (const entry of await store.all()) {
    const ok = checked(entry);
    if (ok) entries.push(ok);
    else damaged.push(entry?.id);
  }
  entries.sort((a, b) => (a.saved < b.saved ? 1 : a.saved > b.saved ? -1 : b.id - a.id));
  return { entries, damaged };
}

/** Every readable entry, newest first. */
export async function listResults() {
  return (await readLibrary()).entries;
}

/** Saves a results document; resolves with its id. Labels are kept to 80 characters. */
export async function saveResults(doc, options) {
  const [id] = await saveManyResults([{ doc, ...options }]);
  return id;
}

/** Saves results documents ({ doc, label, source, saved }) together, in one transaction, and
 *  tells other pages once: a library of a thousand comes in in seconds, and whole or not at all. */
export async function saveManyResults(items) {
  const { store } = await library();
  const now = new Date().toISOString();
  const ids = await store.putAll(items.map(({ doc, label, source, saved = now }) => ({ label: String(label).slice(0, 80), source, saved, doc })));
  if (ids.length) announce();
  return ids;
}

/** Puts a deleted entry back as it was: the same id, date and label (Undo). */
export async function restoreResults(entry) {
  const { store } = await library();
  await store.put(entry);
  announce();
}

/** The entry `id`, or null when there is none or it cannot be read. */
export async function getResults(id) {
  const { store } = await library();
  return checked(await store.get(id));
}

export async function renameResults(id, label) {
  const { store } = await library();
  const entry = await store.get(id);
  if (!entry) return;
  await store.put({ ...entry, label });
  announce();
}

export async function deleteResults(...ids) {
  const { store } = await library();
  for (const id of ids) await store.delete(id);
  announce();
}

/** Calls `listener` when another page (or this one) changes the library. */
export function onLibraryChange(listener) {
  if (typeof BroadcastChannel !== 'function') return;
  const other = new BroadcastChannel('corelab-library');
  other.onmessage = () => listener();
}
