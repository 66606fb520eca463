// What a reader did in each lesson, kept in localStorage on this device and nowhere else:
// predictions, quick-check answers, a summary of each experiment's last measurement (with where
// the results library keeps the whole sweep) and which experiments were ever run.

const KEY = 'corelab-lessons';

const fresh = () => ({ predictions: {}, answers: {}, results: {}, ran: {} });
const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Only the entries of `section` that `keep` accepts. */
const kept = (section, keep) => Object.fromEntries(Object.entries(isObject(section) ? section : {}).filter(([, v]) => keep(v)));

/**
 * One lesson's stored data in the shape the lesson reads, whatever was stored: what cannot be
 * read is dropped, the rest kept. (Another version of corelab, or a hand edit in the browser's
 * tools, may have written anything; a lesson with one odd value built no experiment and no
 * Reset.)
 */
export function normalise(data) {
  if (!isObject(data)) return fresh();
  return {
    ...data,
    predictions: kept(data.predictions, (v) => Number.isFinite(v) || typeof v === 'string'),
    answers: kept(data.answers, (v) => isObject(v) && Number.isInteger(v.choice) && v.choice >= 0),
    results: kept(data.results, isObject),
    ran: kept(data.ran, (v) => typeof v === 'string'),
  };
}

/** Where the browser refuses to store (a private window, storage full): the progress of this
 *  visit, kept in the page instead. */
let inPage = null;

function readAll() {
  if (inPage) return structuredClone(inPage);
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    return isObject(stored) && isObject(stored.lessons) ? stored : { version: 1, lessons: {} };
  } catch {
    return { version: 1, lessons: {} }; // unreadable: start afresh rather than break the lesson
  }
}

function writeAll(all) {
  if (!inPage) {
    try {
      localStorage.setItem(KEY, JSON.stringify(all));
      return;
    } catch {
      // Storage full or disabled: the lesson works on, and forgets when the page closes.
    }
  }
  inPage = structuredClone(all);
}

/** True once the browser has refused to keep progress: it lasts until the page is closed. */
export const progressKeptInPageOnly = () => inPage !== null;

/** One lesson's progress. Every setter saves at once. */
export class LessonProgress {
  constructor(lessonId) {
    this.id = lessonId;
  }

  get #data() {
    return normalise(readAll().lessons[this.id]);
  }

  #update(change) {
    const all = readAll();
    const data = normalise(all.lessons[this.id]);
    change(data);
    data.updated = new Date().toISOString();
    all.lessons[this.id] = data;
    writeAll(all);
  }

  prediction(key) {
    return this.#data.predictions[key] ?? null;
  }

  /** Sets `section[key]`, or removes it when `value` is null. */
  #set(section, key, value) {
    this.#update((d) => {
      if (value == null) delete d[section][key];
      else d[section][key] = value;
    });
  }

  setPrediction(key, value) {
    this.#set('predictions', key, value);
  }

  answer(checkId) {
    return this.#data.answers[checkId] ?? null;
  }

  setAnswer(checkId, choice, correct) {
    this.#update((d) => {
      const before = d.answers[checkId];
      // Once answered correctly, a check stays solved while the reader explores other options.
      d.answers[checkId] = { choice, correct, solved: Boolean(before?.solved || correct) };
    });
  }

  result(experimentId) {
    return this.#data.results[experimentId] ?? null;
  }

  /** Keeps `summary` of the last run of an experiment (null: forget it, as its Reset does); an
   *  experiment once run stays counted as run until the whole lesson is reset. */
  setResult(experimentId, summary) {
    this.#update((d) => {
      if (summary == null) {
        delete d.results[experimentId];
      } else {
        d.results[experimentId] = summary;
        d.ran = { ...d.ran, [experimentId]: summary.at };
      }
    });
  }

  /** Keeps the lesson's status beside its data, for the index page (which reads no lesson). */
  saveStatus(status) {
    this.#update((d) => {
      d.status = status;
    });
  }

  /** Forgets everything about this lesson. */
  clear() {
    const all = readAll();
    delete all.lessons[this.id];
    writeAll(all);
  }

  /** { checks, solved, experiments, run, done } for the given check and experiment ids. */
  status(checkIds, experimentIds) {
    return lessonStatus(this.#data, checkIds, experimentIds);
  }
}

/** How far a reader got, from stored data and the lesson's check and experiment ids. */
export function lessonStatus(data, checkIds, experimentIds) {
  const solved = checkIds.filter((id) => data?.answers?.[id]?.solved).length;
  const run = experimentIds.filter((id) => data?.ran?.[id] || data?.results?.[id]).length;
  const touched = Boolean(data && ['answers', 'results', 'ran', 'predictions'].some((part) => Object.keys(data[part] ?? {}).length));
  return {
    checks: checkIds.length, solved, experiments: experimentIds.length, run,
    done: solved === checkIds.length && run === experimentIds.length,
    started: touched,
  };
}

/** Every lesson's stored data, for the index. */
export function allProgress() {
  return Object.fromEntries(Object.entries(readAll().lessons).map(([id, data]) => [id, normalise(data)]));
}
