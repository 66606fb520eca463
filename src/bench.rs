//! The native runner: `corelab bench`. The same kernels as the page on a native rayon pool of
//! exactly k threads per point, with the same warm-up, repeats, checks and statistics, written
//! in the page's results format with `environment.runtime = "native"`.

use std::time::Instant;

use serde_json::{json, Value};

use crate::catalogue;
use crate::stats::{fit_amdahl, median};
use crate::workload::{Params, Workload};

/// What to run.
#[derive(Clone, Debug)]
pub struct BenchOptions {
    /// Workload ids (all when empty).
    pub workloads: Vec<String>,
    /// Worker counts.
    pub workers: Vec<usize>,
    /// Timed runs per point.
    pub repeats: usize,
    /// `NAME=VALUE` parameters, by declared name.
    pub params: Vec<(String, String)>,
    /// Use each workload's quick sizes where no `--param` is given.
    pub quick: bool,
}

/// Parses a worker list such as `1,2,4` or `1-4`, each count from 1 to `max`.
pub fn parse_workers(text: &str, max: usize) -> Result<Vec<usize>, String> {
    let allowed = format!("whole numbers from 1 to {max}, as a list (1,2,4) or a range (1-4)");
    let mut counts = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (lo, hi) = match part.split_once('-') {
            Some((lo, hi)) => (lo.trim().parse::<usize>(), hi.trim().parse::<usize>()),
            None => (part.parse::<usize>(), part.parse::<usize>()),
        };
        let (Ok(lo), Ok(hi)) = (lo, hi) else {
            return Err(format!("--workers: '{part}' is not a number; use {allowed}"));
        };
        if lo < 1 || hi > max || lo > hi {
            return Err(format!("--workers: {part} is out of range; use {allowed}"));
        }
        counts.extend(lo..=hi);
    }
    counts.sort_unstable();
    counts.dedup();
    if counts.is_empty() {
        return Err(format!("--workers: use {allowed}"));
    }
    Ok(counts)
}

/// Resolves the workloads and their parameters, refusing unknown names and bad values with the
/// valid ones listed.
pub fn plan(options: &BenchOptions) -> Result<Vec<(&'static dyn Workload, Params)>, String> {
    let workloads: Vec<&'static dyn Workload> = if options.workloads.is_empty() {
        catalogue::ALL.to_vec()
    } else {
        options
            .workloads
            .iter()
            .map(|id| {
                catalogue::find(id).ok_or_else(|| {
                    format!("unknown workload '{id}'; valid workloads: {}", catalogue::ids().join(", "))
                })
            })
            .collect::<Result<_, _>>()?
    };
    workloads
        .into_iter()
        .map(|workload| {
            let specs = workload.spec().params;
            let quick: Vec<(String, String)> = if options.quick {
                specs.iter().map(|p| (p.name.to_string(), quick_text(p))).collect()
            } else {
                Vec::new()
            };
            let given = quick.iter().chain(&options.params).map(|(n, v)| (n.as_str(), v.as_str()));
            Params::from_text(specs, given)
                .map(|params| (workload, params))
                .map_err(|e| format!("{}: {}", workload.spec().id, e.message))
        })
        .collect()
}

fn quick_text(spec: &crate::workload::ParamSpec) -> String {
    match spec.kind {
        crate::workload::ParamKind::Choice => spec.choices[spec.quick as usize].to_string(),
        _ => spec.quick.to_string(),
    }
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

/// Measures one point: `workers` threads, one warm-up, `repeats` timed runs, then the check.
pub fn measure(workload: &dyn Workload, params: &Params, workers: usize, repeats: usize) -> Result<Value, String> {
    let start = Instant::now();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(workers)
        .build()
        .map_err(|e| format!("cannot start {workers} threads: {e}"))?;
    let pool_start_ms = ms(start);
    pool.install(|| {
        let fail = |e: crate::workload::KernelError| e.0;
        let start = Instant::now();
        let input = workload.prepare(params).map_err(fail)?;
        let prepare_ms = ms(start);
        let start = Instant::now();
        workload.run(params, &input).map_err(fail)?;
        let warmup_ms = ms(start);
        let mut samples = Vec::with_capacity(repeats);
        let mut last = None;
        for _ in 0..repeats {
            let start = Instant::now();
            let outcome = workload.run(params, &input).map_err(fail)?;
            samples.push(ms(start));
            last = Some(outcome);
        }
        let outcome = last.expect("at least one repeat");
        let check = workload.verify(params, &input, &outcome);
        Ok(json!({
            "workload": workload.spec().id,
            "params": params.to_json(workload.spec().params),
            "workers": workers,
            "repeats": repeats,
            "samples_ms": samples,
            "warmup_ms": [warmup_ms],
            "median_ms": median(&samples),
            "min_ms": samples.iter().copied().fold(f64::INFINITY, f64::min),
            "max_ms": samples.iter().copied().fold(0.0, f64::max),
            "verified": check.ok,
            "check": check.detail,
            "summary": outcome.summary,
            "digest": format!("{:016x}", outcome.digest),
            "instantiate_ms": 0.0,
            "pool_start_ms": pool_start_ms,
            "prepare_ms": prepare_ms,
        }))
    })
}

/// Runs the plan, reporting progress on stderr, and returns the results document.
pub fn run(options: &BenchOptions) -> Result<Value, String> {
    let plan = plan(options)?;
    let mut runs = Vec::new();
    let mut fits = serde_json::Map::new();
    for (workload, params) in &plan {
        let id = workload.spec().id;
        let mut points: Vec<Value> = Vec::new();
        for &workers in &options.workers {
            eprintln!("  {id}: {workers} worker{}…", if workers == 1 { "" } else { "s" });
            points.push(measure(*workload, params, workers, options.repeats)?);
        }
        finish_points(&mut points);
        let medians: Vec<(usize, f64)> =
            points.iter().map(|p| (p["workers"].as_u64().unwrap_or(0) as usize, p["median_ms"].as_f64().unwrap_or(0.0))).collect();
        if let Some(fit) = fit_amdahl(&medians) {
            fits.insert(
                id.to_string(),
                json!({
                    "model": "amdahl",
                    "serial_fraction": fit.serial_fraction,
                    "raw_serial_fraction": fit.raw_serial_fraction,
                    "t1_ms": fit.t1_ms,
                    "rms_residual_ms": fit.rms_residual_ms,
                    "points": fit.points,
                    "max_speedup": if fit.serial_fraction > 0.0 { json!(1.0 / fit.serial_fraction) } else { Value::Null },
                    "workers": options.workers,
                    "params": params.to_json(workload.spec().params),
                }),
            );
        }
        runs.extend(points);
    }
    Ok(json!({
        "format": "corelab-results",
        "version": 1,
        "created": created(),
        "environment": environment(),
        "runs": runs,
        "fits": fits,
    }))
}

/// Speedup, efficiency, and identity with the first point, as the page derives them.
fn finish_points(points: &mut [Value]) {
    let base = points.iter().find(|p| p["workers"] == 1).map(|p| p["median_ms"].as_f64().unwrap_or(0.0));
    let first_digest = points.first().map(|p| p["digest"].clone());
    for p in points.iter_mut() {
        let workers = p["workers"].as_f64().unwrap_or(1.0);
        let speedup = base.map(|b| b / p["median_ms"].as_f64().unwrap_or(f64::NAN));
        let identical = Some(&p["digest"]) == first_digest.as_ref();
        p["speedup"] = json!(speedup);
        p["efficiency"] = json!(speedup.map(|s| s / workers));
        p["identical_to_first"] = json!(identical);
        p["verified"] = json!(p["verified"].as_bool().unwrap_or(false) && identical);
    }
}

fn environment() -> Value {
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    json!({
        "runtime": "native",
        "userAgent": format!("corelab/{} native ({} {})", env!("CARGO_PKG_VERSION"), std::env::consts::OS, std::env::consts::ARCH),
        "hardwareConcurrency": cores,
        // Not a browser: isolation does not apply.
        "crossOriginIsolated": Value::Null,
        "timerResolution_ms": 0.000001,
    })
}

fn created() -> String {
    // Seconds since the epoch as an ISO-8601 UTC date, without a date library.
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let (days, rest) = (secs / 86_400, secs % 86_400);
    let (y, m, d) = civil_from_days(days as i64);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rest / 3600, rest % 3600 / 60, rest % 60)
}

/// Howard Hinnant's days-to-civil algorithm.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + (m <= 2) as i64, m, d)
}

/// The results as a table, as `./build.sh bench` prints it.
pub fn table(doc: &Value) -> String {
    let mut out = format!(
        "{:<15} {:>7} {:>10} {:>16} {:>8} {:>10} {:>8}\n",
        "workload", "workers", "median ms", "min-max ms", "speedup", "efficiency", "verified"
    );
    for r in doc["runs"].as_array().into_iter().flatten() {
        let f = |key: &str| r[key].as_f64().unwrap_or(f64::NAN);
        out += &format!(
            "{:<15} {:>7} {:>10.1} {:>16} {:>8} {:>10} {:>8}\n",
            r["workload"].as_str().unwrap_or(""),
            r["workers"],
            f("median_ms"),
            format!("{:.1}-{:.1}", f("min_ms"), f("max_ms")),
            if r["speedup"].is_null() { "-".to_string() } else { format!("{:.2}x", f("speedup")) },
            if r["efficiency"].is_null() { "-".to_string() } else { format!("{:.0}%", f("efficiency") * 100.0) },
            if r["verified"] == true { "yes" } else { "NO" },
        );
    }
    for (id, fit) in doc["fits"].as_object().into_iter().flatten() {
        out += &format!("{id}: fitted serial fraction {:.3}\n", fit["serial_fraction"].as_f64().unwrap_or(f64::NAN));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worker_lists() {
        assert_eq!(parse_workers("1,2", 8).unwrap(), [1, 2]);
        assert_eq!(parse_workers("1-4, 8, 2", 8).unwrap(), [1, 2, 3, 4, 8]);
        for bad in ["0", "9", "3-1", "x", ""] {
            let err = parse_workers(bad, 8).unwrap_err();
            assert!(err.contains("from 1 to 8"), "{bad}: {err}");
        }
    }

    #[test]
    fn plan_refuses_unknown_names_and_bad_values() {
        let options = |workloads: &[&str], params: &[(&str, &str)]| BenchOptions {
            workloads: workloads.iter().map(|s| s.to_string()).collect(),
            workers: vec![1],
            repeats: 1,
            params: params.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect(),
            quick: false,
        };
        let err = |w: &[&str], p: &[(&str, &str)]| plan(&options(w, p)).err().unwrap();
        assert!(err(&["nope"], &[]).contains("valid workloads: primes, sum-of-squares"));
        assert_eq!(err(&["amdahl"], &[("s", "0.1")]), "amdahl: unknown parameter 's'; valid parameters: serial_fraction, work");
        assert!(err(&["amdahl"], &[("serial_fraction", "2")]).contains("Serial fraction (s) must be from 0 to 1"));
        let ok = plan(&options(&["amdahl"], &[("serial_fraction", "0.3")])).unwrap();
        assert_eq!(ok[0].1.get("serial_fraction"), 0.3);
        assert_eq!(plan(&options(&[], &[])).unwrap().len(), catalogue::ALL.len());
    }

    #[test]
    fn a_quick_native_run_writes_the_shared_format() {
        let options = BenchOptions {
            workloads: vec!["primes".into(), "imbalanced".into()],
            workers: vec![1, 2],
            repeats: 2,
            params: vec![],
            quick: true,
        };
        let doc = run(&options).unwrap();
        assert_eq!(doc["environment"]["runtime"], "native");
        let runs = doc["runs"].as_array().unwrap();
        assert_eq!(runs.len(), 4);
        for r in runs {
            assert_eq!(r["verified"], true, "{r}");
            assert_eq!(r["samples_ms"].as_array().unwrap().len(), 2);
            assert!(r["median_ms"].as_f64().unwrap() > 0.0);
        }
        assert_eq!(runs[2]["params"]["schedule"], "static");
        assert!(doc["fits"]["primes"]["serial_fraction"].is_number());
        assert!(table(&doc).contains("imbalanced"));
    }

    #[test]
    fn dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_414), (2025, 11, 22));
    }
}
