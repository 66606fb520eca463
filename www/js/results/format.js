// The one results format: what Export JSON downloads, what `./build.sh bench` writes (it
// downloads it from the page) and what the native runner writes. The README documents it.

export const FORMAT = 'corelab-results';
export const FORMAT_VERSION = 1;

/**
 * The document for some sweeps (SweepResults). Fits are keyed by workload (a later sweep of the
 * same workload replaces an earlier one's). A parameter sweep adds `"varied": NAME`.
 */
export function resultsDocument(environment, sweeps) {
  const runs = [];
  const fits = {};
  let varied = null;
  for (const sweep of sweeps) {
    runs.push(...sweep.runs());
    varied ??= sweep.varied;
    const fit = sweep.fit;
    if (fit) fits[sweep.workload] = { ...fit, workers: sweep.points.map((p) => p.workers), params: sweep.params };
  }
  return {
    format: FORMAT, version: FORMAT_VERSION, created: new Date().toISOString(), environment,
    ...(varied ? { varied } : {}), runs, fits,
  };
}

/** A results document's file name: its workloads, the device's label and when it was measured,
 *  "corelab-primes-office-laptop-2026-12-05T11-26-30-000Z.json" (two devices' files of one
 *  workload looked alike; two of one device from one day were both "corelab-laptop-2026-12-05"). */
export function resultsFileName(doc, label) {
  const slug = (text) => String(text ?? '').toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40).replace(/-$/, '');
  const workloads = [...new Set((doc.runs ?? []).map((r) => r.workload))].join('+') || 'results';
  const when = (Date.parse(doc.created) ? String(doc.created) : new Date().toISOString()).replace(/[^0-9A-Za-z+-]/g, '-');
  return `corelab-${workloads}-${slug(label) ? `${slug(label)}-` : ''}${when}.json`;
}

/** Offers a results document to the user as a JSON file. */
export function downloadDocument(doc, name) {
  const blob = new Blob([JSON.stringify(doc, null, 2) + '\n'], { type: 'application/json' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 0);
}
