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
