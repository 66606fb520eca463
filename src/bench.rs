//! The native runner: `corelab bench`. The same kernels as the page on a native rayon pool of
//! exactly k threads per point, with the same warm-up, repeats, checks and statistics, written
//! in the page's results format with `environment.runtime = "native"`.

use std::time::Instant;

use serde_json::{Value, json};

use crate::catalogue;
use crate::limits;
use crate::stats::{self, auto_stop, bootstrap_range, fit_amdahl, fit_gustafson, karp_flatt, median, median_interval};
use crate::trace;
use crate::workload::{Engine, ParamSpec, Params, Workload, format_number};

/// How many timed runs a point gets.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Repeats {
    /// Exactly this many.
    Fixed(usize),
    /// Until the median's 95% interval is within ±3% of it, or the budget (ms) is spent.
    Auto {
        /// Time budget per point, in milliseconds.
        budget_ms: f64,
    },
}

impl Repeats {
    /// Parses `5` or `auto` (with the given budget), as `--repeats` takes them.
    pub fn parse(text: &str, budget_s: f64) -> Result<Repeats, String> {
        if text.eq_ignore_ascii_case("auto") {
            return Ok(Repeats::Auto { budget_ms: budget_s * 1e3 });
        }
        let range = limits::REPEATS;
        match text.parse::<usize>() {
            Ok(n) if range.contains(n as f64) => Ok(Repeats::Fixed(n)),
            _ => Err(format!(
                "--repeats: '{text}' is not allowed; use a whole number from {} to {}, or auto",
                range.min, range.max
            )),
        }
    }
}

/// Strong scaling keeps the size; weak scaling grows it with the workers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scaling {
    /// The same problem on every worker count.
    Strong,
    /// The problem grows in proportion to the workers (each workload declares how).
    Weak,
}

impl Scaling {
    /// The name used in the results and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Scaling::Strong => "strong",
            Scaling::Weak => "weak",
        }
    }
}

/// What to run.
#[derive(Clone, Debug)]
pub struct BenchOptions {
    /// Workload ids (all when empty).
    pub workloads: Vec<String>,
    /// Worker counts.
    pub workers: Vec<usize>,
    /// Timed runs per point.
    pub repeats: Repeats,
    /// Strong or weak scaling.
    pub scaling: Scaling,
    /// `NAME=VALUE` parameters, by declared name.
    pub params: Vec<(String, String)>,
    /// Use each workload's quick sizes where no `--param` is given.
    pub quick: bool,
    /// Sweep this parameter instead of the worker count (one workload, one worker count).
    pub vary: Option<Vary>,
}

/// A parameter swept instead of the worker count, as `--vary NAME=V1,V2,...` gives it. The
/// values stay text here so the workload's own parser reads them, with its range messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Vary {
    /// The parameter's declared name.
    pub name: String,
    /// Its values as typed, in the order given: the sweep runs them in this order.
    pub values: Vec<String>,
}

impl Vary {
    /// Splits `NAME=V1,V2,...` as `--vary` takes it. The name and the values are checked
    /// against the workload by [`run`], which knows which workload it is.
    pub fn parse(text: &str) -> Result<Vary, String> {
        let Some((name, values)) = text.split_once('=') else {
            return Err(format!("--vary takes NAME=V1,V2,... (got '{text}')"));
        };
        let values = values.split(',').map(str::trim).filter(|v| !v.is_empty()).map(String::from).collect();
        Ok(Vary { name: name.trim().to_string(), values })
    }
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
        if lo > hi {
            return Err(format!(
                "--workers: the range {part} runs backwards; write it from low to high ({hi}-{lo}), with {allowed}"
            ));
        }
        if lo < 1 || hi > max {
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
/// valid ones listed. A workload that runs only in the browser's plain Web Workers is refused
/// when named, and skipped, with a note on stderr, when running them all.
pub fn plan(options: &BenchOptions) -> Result<Vec<(&'static dyn Workload, Params)>, String> {
    let workloads: Vec<&'static dyn Workload> = if options.workloads.is_empty() {
        for skipped in catalogue::ALL.iter().filter(|w| w.spec().engine == Engine::WebWorkers) {
            let id = skipped.spec().id;
            eprintln!(
                "note: skipping {id}: it runs only in the browser, in plain Web Workers (./build.sh bench runs it)"
            );
        }
        catalogue::on_rayon().collect()
    } else {
        options
            .workloads
            .iter()
            .map(|id| match catalogue::workload(id) {
                Err(unknown) => Err(unknown.to_string()),
                Ok(w) if w.spec().engine == Engine::WebWorkers => Err(browser_only(id)),
                Ok(w) => Ok(w),
            })
            .collect::<Result<_, _>>()?
    };
    workloads
        .into_iter()
        .map(|workload| {
            let given = given_text(options, workload.spec().params);
            Params::from_text(workload.spec().params, given.iter().map(|(n, v)| (n.as_str(), v.as_str())))
                .map(|params| (workload, params))
                .map_err(|e| e.context(workload.spec().id).to_string())
        })
        .collect()
}

/// Why the native runner does not run a Web Workers workload, and what does.
fn browser_only(id: &str) -> String {
    format!("{id} runs only in the browser: it measures postMessage between Web Workers; use ./build.sh bench")
}

/// The `NAME=VALUE` pairs a workload's parameters are read from: its quick sizes under
/// `--quick`, then every `--param`, later pairs overriding earlier ones.
fn given_text(options: &BenchOptions, specs: &[ParamSpec]) -> Vec<(String, String)> {
    let mut given: Vec<(String, String)> = Vec::new();
    if options.quick {
        given.extend(specs.iter().map(|p| (p.name.to_string(), quick_text(p))));
    }
    given.extend(options.params.iter().cloned());
    given
}

/// Refuses a `--vary` that cannot be one clean sweep, naming the option at fault. A sweep
/// changes one thing, so the workload and the worker count are held to one each.
fn check_vary(options: &BenchOptions, vary: &Vary) -> Result<(), String> {
    let name = &vary.name;
    if options.workloads.len() != 1 {
        let got = match options.workloads.len() {
            0 => "none, which means every workload".to_string(),
            _ => options.workloads.join(", "),
        };
        return Err(format!("--vary sweeps one parameter of one workload: give exactly one --workload ID (got {got})"));
    }
    if options.workers.len() != 1 {
        let got = match options.workers.len() {
            0 => "none".to_string(),
            _ => options.workers.iter().map(usize::to_string).collect::<Vec<_>>().join(","),
        };
        return Err(format!("--vary runs at a single worker count: give exactly one, as --workers K (got {got})"));
    }
    if options.scaling == Scaling::Weak {
        return Err("--vary cannot be combined with --scaling weak: weak scaling grows the problem with \
                    the worker count, which --vary holds fixed; use --scaling strong"
            .to_string());
    }
    if let Some((_, value)) = options.params.iter().find(|(n, _)| n == name) {
        return Err(format!(
            "--vary {name}=... conflicts with --param {name}={value}: give {name}'s values in --vary only"
        ));
    }
    if vary.values.is_empty() {
        return Err(format!("--vary: give at least one value for {name}, as {name}=V1,V2,..."));
    }
    if vary.values.len() > limits::MAX_VARIED_VALUES {
        let (max, got) = (limits::MAX_VARIED_VALUES, vary.values.len());
        return Err(format!("--vary: give at most {max} values for {name} (got {got})"));
    }
    Ok(())
}

/// The runs of a `--vary` sweep: one workload's parameters once per value, in the order given.
/// Each value is read by the workload's own parser, so an unknown name lists the valid ones and
/// a bad value gets its range message.
fn plan_vary(options: &BenchOptions, vary: &Vary) -> Result<(&'static dyn Workload, Vec<Params>), String> {
    check_vary(options, vary)?;
    // The base (--quick, --param) first, so its errors read exactly as they do without --vary.
    let (workload, _) = plan(options)?.remove(0);
    let spec = workload.spec();
    let mut sweep: Vec<Params> = Vec::new();
    for text in &vary.values {
        let mut given = given_text(options, spec.params);
        given.push((vary.name.clone(), text.clone()));
        let params = Params::from_text(spec.params, given.iter().map(|(n, v)| (n.as_str(), v.as_str())))
            .map_err(|e| e.context(spec.id).context("--vary").to_string())?;
        // The other parameters are the same in every run, so equal Params mean an equal value.
        if let Some(earlier) = sweep.iter().position(|p| *p == params) {
            let name = &vary.name;
            return Err(format!("--vary: {name}={text} repeats {name}={}; give each value once", vary.values[earlier]));
        }
        sweep.push(params);
    }
    Ok((workload, sweep))
}

fn quick_text(spec: &ParamSpec) -> String {
    match spec.kind {
        crate::workload::ParamKind::Choice => spec.choices[spec.quick as usize].to_string(),
        _ => spec.quick.to_string(),
    }
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

/// Measures one point: `workers` threads, one warm-up, the timed repeats, the check, the cost
/// of an empty parallel region, and one traced run for the timeline.
pub fn measure(workload: &dyn Workload, params: &Params, workers: usize, repeats: Repeats) -> Result<Value, String> {
    let start = Instant::now();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(workers)
        .build()
        .map_err(|e| format!("cannot start {workers} threads: {e}"))?;
    let pool_start_ms = ms(start);
    let mut point = pool.install(|| -> Result<Value, String> {
        let fail = |e: crate::Error| e.to_string();
        let start = Instant::now();
        let input = workload.prepare(params).map_err(fail)?;
        let prepare_ms = ms(start);
        let start = Instant::now();
        workload.run(params, &input).map_err(fail)?;
        let warmup_ms = ms(start);
        let mut samples = Vec::new();
        let mut outcome = None;
        let sampling = Instant::now();
        let stop_reason = loop {
            // The last run's result goes before the next run starts, as in the page's worker
            // (timedRuns in compute-worker.js): no run works beside two results' memory.
            drop(outcome.take());
            let start = Instant::now();
            outcome = Some(workload.run(params, &input).map_err(fail)?);
            samples.push(ms(start));
            match repeats {
                Repeats::Fixed(n) if samples.len() >= n => break "count",
                Repeats::Fixed(_) => {}
                Repeats::Auto { budget_ms } => {
                    if let Some(reason) = auto_stop(&samples, ms(sampling), budget_ms) {
                        break reason;
                    }
                }
            }
        };
        let outcome = outcome.expect("the loop runs at least once");
        let check = crate::workload::check(workload, params, &input, &outcome);
        let (traced, timeline) = trace::record_run(|| workload.run(params, &input));
        traced.map_err(fail)?;
        let interval = median_interval(&samples);
        // As the page judges it: coarse when a tick is 0.1 ms or more, or over 1% of the median.
        let tick = timer_resolution_ms();
        let timer_coarse = tick >= 0.1 || tick > 0.01 * median(&samples);
        let mut point = json!({
            "workload": workload.spec().id,
            "params": params.to_json(workload.spec().params),
            "workers": workers,
            "repeats": samples.len(),
            "samples": samples.len(),
            "repeat_mode": match repeats { Repeats::Fixed(_) => "fixed", Repeats::Auto { .. } => "auto" },
            "stopped_by": stop_reason,
            "samples_ms": samples,
            "warmup_ms": [warmup_ms],
            "median_ms": median(&samples),
            "ci_low_ms": interval.low,
            "ci_high_ms": interval.high,
            "ci_level": interval.level,
            "min_ms": samples.iter().copied().fold(f64::INFINITY, f64::min),
            "max_ms": samples.iter().copied().fold(0.0, f64::max),
            "timer_coarse": timer_coarse,
            // A demonstration is never verified; a strong-scaling sweep also requires the same
            // result as its first point (`finish_points`).
            "verified": check.verified(),
            "check_kind": check.kind.name(),
            "demonstrates": check.demonstrates,
            "check": check.detail,
            "summary": outcome.summary,
            "digest": format!("{:016x}", outcome.digest),
            // Nothing is instantiated natively: not zero, but not applicable.
            "instantiate_ms": Value::Null,
            "pool_start_ms": pool_start_ms,
            "prepare_ms": prepare_ms,
            "timeline": timeline,
        });
        // The run's own fields ("counter", "estimate") beside the standard ones, never over them.
        for (key, value) in outcome.extra {
            if point.get(&key).is_some() {
                return Err(format!("{}: its extra field '{key}' would replace a standard one", workload.spec().id));
            }
            point[&key] = value;
        }
        Ok(point)
    })?;
    // From this thread, outside the pool, as the page's compute worker hands work to its pool.
    for (name, value) in trace::dispatch_cost(Some(&pool)).fields() {
        point[name] = json!(value);
    }
    Ok(point)
}

/// Runs the plan, reporting progress on stderr, and returns the results document.
pub fn run(options: &BenchOptions) -> Result<Value, String> {
    if let Some(vary) = &options.vary {
        return run_varied(options, vary);
    }
    let plan = plan(options)?;
    let sizes = point_params(options, &plan)?;
    let mut runs = Vec::new();
    let mut fits = serde_json::Map::new();
    for ((workload, params), sizes) in plan.iter().zip(sizes) {
        let spec = workload.spec();
        let mut points: Vec<Value> = Vec::new();
        for (workers, params, work_factor) in sizes {
            eprintln!("  {}: {workers} worker{}…", spec.id, if workers == 1 { "" } else { "s" });
            let mut point = measure(*workload, &params, workers, options.repeats)?;
            point["scaling"] = json!(options.scaling.name());
            point["work_factor"] = json!(work_factor);
            points.push(point);
        }
        finish_points(&mut points, options.scaling);
        if let Some(fit) = fit_points(&points, options.scaling) {
            let mut fit = fit;
            fit["workers"] = json!(options.workers);
            fit["params"] = params.to_json(spec.params);
            fits.insert(spec.id.to_string(), fit);
        }
        runs.extend(points);
    }
    Ok(document(runs, fits))
}

/// One point to measure: its worker count, its parameters, and their work against the
/// 1-worker point's (1 under strong scaling).
type PointPlan = (usize, Params, f64);

/// Each point's (workers, parameters, work factor), by workload in `plan`'s order: under weak
/// scaling the parameters grown for its worker count. All of them before anything runs, so a
/// size that weak scaling grows past its bound is refused at once, as the page and the headless
/// runner refuse it (it was refused after the points before it had run, minutes later).
fn point_params(
    options: &BenchOptions,
    plan: &[(&'static dyn Workload, Params)],
) -> Result<Vec<Vec<PointPlan>>, String> {
    plan.iter()
        .map(|(workload, params)| {
            let spec = workload.spec();
            options
                .workers
                .iter()
                .map(|&workers| match options.scaling {
                    Scaling::Strong => Ok((workers, params.clone(), 1.0)),
                    Scaling::Weak => params
                        .scaled(spec, workers)
                        .map(|(grown, factor)| (workers, grown, factor))
                        .map_err(|e| e.context(spec.id).to_string()),
                })
                .collect()
        })
        .collect()
}

/// Runs a `--vary` sweep: one point per value at the single worker count, measured as any
/// other point. The document names the varied parameter and has no fits, since no model
/// relates runs of different parameters.
fn run_varied(options: &BenchOptions, vary: &Vary) -> Result<Value, String> {
    let (workload, sweep) = plan_vary(options, vary)?;
    let spec = workload.spec();
    let workers = options.workers[0];
    let mut points = Vec::new();
    for params in &sweep {
        let value = param_text(&params.to_json(spec.params)[&vary.name]);
        eprintln!("  {}: {} = {value}, {workers} worker{}…", spec.id, vary.name, if workers == 1 { "" } else { "s" });
        let mut point = measure(workload, params, workers, options.repeats)?;
        point["scaling"] = json!(Scaling::Strong.name());
        point["work_factor"] = json!(1.0);
        points.push(point);
    }
    finish_varied(&mut points);
    let mut doc = document(points, serde_json::Map::new());
    doc["varied"] = json!(vary.name);
    Ok(doc)
}

/// The results document around its runs and fits.
fn document(runs: Vec<Value>, fits: serde_json::Map<String, Value>) -> Value {
    json!({
        "format": "corelab-results",
        "version": 1,
        "created": created(),
        "environment": environment(),
        "runs": runs,
        "fits": fits,
    })
}

fn field(p: &Value, key: &str) -> f64 {
    p[key].as_f64().unwrap_or(f64::NAN)
}

fn samples_of(p: &Value) -> Vec<f64> {
    p["samples_ms"].as_array().into_iter().flatten().filter_map(Value::as_f64).collect()
}

/// The model fitted to a workload's points, as the page's `fitAmdahl` / `fitGustafson` give it.
fn fit_points(points: &[Value], scaling: Scaling) -> Option<Value> {
    let workers: Vec<usize> = points.iter().map(|p| p["workers"].as_u64().unwrap_or(0) as usize).collect();
    let samples: Vec<Vec<f64>> = points.iter().map(samples_of).collect();
    let medians: Vec<f64> = points.iter().map(|p| field(p, "median_ms")).collect();
    match scaling {
        Scaling::Strong => {
            let amdahl = |medians: &[f64]| -> Option<stats::AmdahlFit> {
                fit_amdahl(&workers.iter().copied().zip(medians.iter().copied()).collect::<Vec<_>>())
            };
            let fit = amdahl(&medians)?;
            let range = bootstrap_range(&samples, |m| amdahl(m).map(|f| f.serial_fraction));
            Some(json!({
                "model": "amdahl",
                "serial_fraction": fit.serial_fraction,
                "serial_fraction_low": range.map(|r| r.0),
                "serial_fraction_high": range.map(|r| r.1),
                "raw_serial_fraction": fit.raw_serial_fraction,
                "t1_ms": fit.t1_ms,
                "rms_residual_ms": fit.rms_residual_ms,
                "points": fit.points,
                "max_speedup": if fit.serial_fraction > 0.0 { json!(1.0 / fit.serial_fraction) } else { Value::Null },
            }))
        }
        Scaling::Weak => {
            let factors: Vec<f64> = points.iter().map(|p| field(p, "work_factor")).collect();
            let base = workers.iter().position(|&k| k == 1)?;
            let gustafson = |medians: &[f64]| -> Option<f64> {
                let scaled: Vec<(usize, f64)> = (0..medians.len())
                    .map(|i| (workers[i], factors[i] / factors[base] * medians[base] / medians[i]))
                    .collect();
                fit_gustafson(&scaled)
            };
            let raw = gustafson(&medians)?;
            let range = bootstrap_range(&samples, |m| gustafson(m).map(|s| s.clamp(0.0, 1.0)));
            Some(json!({
                "model": "gustafson",
                "serial_fraction": raw.clamp(0.0, 1.0),
                "serial_fraction_low": range.map(|r| r.0),
                "serial_fraction_high": range.map(|r| r.1),
                "raw_serial_fraction": raw,
                "points": points.len(),
            }))
        }
    }
}

/// Speedup (scaled speedup under weak scaling), its interval, efficiency, Karp-Flatt, and
/// identity with the first point, as the page derives them.
fn finish_points(points: &mut [Value], scaling: Scaling) {
    let base = points.iter().find(|p| p["workers"] == 1).cloned();
    let base_interval = base.as_ref().map(|b| median_interval(&samples_of(b)));
    let first_digest = points.first().map(|p| p["digest"].clone());
    for p in points.iter_mut() {
        let workers = p["workers"].as_u64().unwrap_or(1) as usize;
        let factor = match (scaling, &base) {
            (Scaling::Weak, Some(b)) => field(p, "work_factor") / field(b, "work_factor"),
            _ => 1.0,
        };
        let speedup = base.as_ref().map(|b| factor * field(b, "median_ms") / field(p, "median_ms"));
        let interval = median_interval(&samples_of(p));
        // The 1-worker point's speedup is 1 by definition: no interval, as the page has none.
        let base_interval = base_interval.filter(|_| workers != 1);
        p["speedup"] = json!(speedup);
        p["speedup_low"] = json!(base_interval.map(|b| factor * b.low / interval.high));
        p["speedup_high"] = json!(base_interval.map(|b| factor * b.high / interval.low));
        p["efficiency"] = json!(speedup.map(|s| s / workers as f64));
        p["karp_flatt"] = json!(speedup.filter(|_| scaling == Scaling::Strong).and_then(|s| karp_flatt(s, workers)));
        // Weak scaling changes the problem with k, so results differ by design.
        let identical = scaling == Scaling::Weak || Some(&p["digest"]) == first_digest.as_ref();
        p["identical_to_first"] = json!(identical);
        p["verified"] = json!(p["verified"].as_bool().unwrap_or(false) && identical);
    }
}

/// The derived fields of a `--vary` sweep. No speedups: a speedup needs the same problem on one
/// worker, and these runs differ in their parameter. `verified` stays the run's own check, since
/// a varied size changes the result; `identical_to_first` still says whether it did.
fn finish_varied(points: &mut [Value]) {
    let first_digest = points.first().map(|p| p["digest"].clone());
    for p in points.iter_mut() {
        for key in ["speedup", "speedup_low", "speedup_high", "efficiency", "karp_flatt"] {
            p[key] = Value::Null;
        }
        p["identical_to_first"] = json!(Some(&p["digest"]) == first_digest.as_ref());
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
        // Browser features that do not apply to a native process: null, not a made-up value.
        "sharedArrayBuffer": Value::Null,
        "wasmThreads": Value::Null,
        "wasmSimd": Value::Null,
        "timerResolution_ms": timer_resolution_ms(),
        "timerCoarse": timer_resolution_ms() >= 0.1,
        "build": catalogue::Build::CURRENT,
        // Which processor: a laptop's and a server's results must not read alike. Null where
        // the system does not say (only Linux's /proc/cpuinfo is read).
        "cpu": cpu_model(),
    })
}

/// The processor's model name as Linux gives it ("AMD EPYC 7B13 64-Core Processor"), or, on
/// ARM, the board's; None elsewhere.
fn cpu_model() -> Option<String> {
    let info = std::fs::read_to_string("/proc/cpuinfo").ok()?;
    ["model name", "Hardware", "Model"].iter().find_map(|key| {
        info.lines().find_map(|line| {
            let (name, value) = line.split_once(':')?;
            (name.trim() == *key && !value.trim().is_empty()).then(|| value.trim().to_string())
        })
    })
}

/// The smallest step `Instant` takes here, in milliseconds, measured once per process as the page
/// measures `performance.now()`: the least nonzero difference between consecutive readings.
fn timer_resolution_ms() -> f64 {
    static RESOLUTION: std::sync::OnceLock<f64> = std::sync::OnceLock::new();
    *RESOLUTION.get_or_init(|| {
        // In whole nanoseconds, divided once: seconds times 1e3 wrote 30 ns as 0.000029999999999999997.
        let mut smallest = u128::MAX;
        let mut previous = Instant::now();
        for _ in 0..200_000 {
            let now = Instant::now();
            let step = now.duration_since(previous).as_nanos();
            if step > 0 {
                smallest = smallest.min(step);
                previous = now;
            }
        }
        if smallest == u128::MAX { 1e-6 } else { smallest as f64 / 1e6 }
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

/// A parameter's value as the table shows it: a choice by name, a number with separators.
fn param_text(value: &Value) -> String {
    match value {
        Value::String(name) => name.clone(),
        other => other.as_f64().map(format_number).unwrap_or_else(|| other.to_string()),
    }
}

/// Under `--vary`, the column before the workers: headed by the parameter's name, as wide as
/// its longest entry. Empty otherwise, so a worker sweep prints as it always has.
fn varied_column(doc: &Value, runs: &[&Value]) -> (String, Vec<String>) {
    let Some(name) = doc["varied"].as_str() else {
        return (String::new(), vec![String::new(); runs.len()]);
    };
    let values: Vec<String> = runs.iter().map(|r| param_text(&r["params"][name])).collect();
    let width = values.iter().map(|v| v.chars().count()).chain([name.chars().count()]).max().unwrap_or(0);
    let pad = |text: &str| format!("{text:>width$} ");
    (pad(name), values.iter().map(|v| pad(v)).collect())
}

/// An interval's level as the page states it: "95%" for 95% or more, else the level rounded down.
fn level_percent(level: f64) -> String {
    if level >= 0.95 { "95%".to_string() } else { format!("{}%", (level * 100.0 + 1e-9).floor()) }
}

/// The results as a table, as `./build.sh bench` prints it.
pub fn table(doc: &Value) -> String {
    let runs: Vec<&Value> = doc["runs"].as_array().into_iter().flatten().collect();
    let (varied_header, varied_cells) = varied_column(doc, &runs);
    // The columns of the headless and Python runners' table, e(k) included.
    let mut out = format!(
        "{:<15} {varied_header}{:>7} {:>10} {:>23} {:>7} {:>8} {:>10} {:>7} {:>8}\n",
        "workload", "workers", "median ms", "interval ms", "samples", "speedup", "efficiency", "e(k)", "verified"
    );
    for (r, varied) in runs.iter().zip(&varied_cells) {
        let f = |key: &str| r[key].as_f64().unwrap_or(f64::NAN);
        let level = r["ci_level"].as_f64().unwrap_or(0.95);
        out += &format!(
            "{:<15} {varied}{:>7} {:>10.1} {:>23} {:>7} {:>8} {:>10} {:>7} {:>8}\n",
            r["workload"].as_str().unwrap_or(""),
            r["workers"].to_string(),
            f("median_ms"),
            // 95% from six samples on; fewer give min to max, at a lower level (as the page says);
            // one run is no interval ("12.2-12.2 (0%)" read as a certainty of nothing).
            if level == 0.0 {
                "- (one run)".to_string()
            } else {
                format!("{:.1}-{:.1} ({})", f("ci_low_ms"), f("ci_high_ms"), level_percent(level))
            },
            r["samples"].to_string(),
            if r["speedup"].is_null() { "-".to_string() } else { format!("{:.2}x", f("speedup")) },
            if r["efficiency"].is_null() { "-".to_string() } else { format!("{:.0}%", f("efficiency") * 100.0) },
            if r["karp_flatt"].is_null() { "-".to_string() } else { format!("{:.3}", f("karp_flatt")) },
            if r["verified"] == true {
                "yes"
            } else if r["demonstrates"].is_string() {
                "demo"
            } else {
                "NO"
            },
        );
    }
    for (id, fit) in doc["fits"].as_object().into_iter().flatten() {
        let f = |key: &str| fit[key].as_f64().unwrap_or(f64::NAN);
        // As the pages say it: with fewer than six runs a point the resampled range is no 95% one.
        let points = || runs.iter().filter(|r| r["workload"] == id.as_str());
        let few = points().any(|r| r["ci_level"].as_f64().unwrap_or(0.95) < 0.95);
        let fewest = points().filter_map(|r| r["samples"].as_u64()).min().unwrap_or(0);
        let ends = format!("{:.3}-{:.3}", f("serial_fraction_low"), f("serial_fraction_high"));
        let range = if few {
            let runs = if fewest == 1 { "run" } else { "runs" };
            format!("range {ends}, from only {fewest} {runs} a point: too few for a 95% range;")
        } else {
            format!("95% range {ends},")
        };
        out += &format!(
            "{id}: fitted serial fraction {:.3} ({range} {}'s law)\n",
            f("serial_fraction"),
            if fit["model"] == "gustafson" { "Gustafson" } else { "Amdahl" },
        );
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
        assert!(parse_workers("3-1", 8).unwrap_err().contains("runs backwards; write it from low to high (1-3)"));
    }

    #[test]
    fn plan_refuses_unknown_names_and_bad_values() {
        let options = |workloads: &[&str], params: &[(&str, &str)]| BenchOptions {
            workloads: workloads.iter().map(|s| s.to_string()).collect(),
            workers: vec![1],
            repeats: Repeats::Fixed(1),
            scaling: Scaling::Strong,
            params: params.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect(),
            quick: false,
            vary: None,
        };
        let err = |w: &[&str], p: &[(&str, &str)]| plan(&options(w, p)).err().unwrap();
        assert!(err(&["nope"], &[]).contains("valid workloads: primes, sum-of-squares"));
        assert_eq!(
            err(&["amdahl"], &[("s", "0.1")]),
            "amdahl: unknown parameter 's'; valid parameters: serial_fraction, work"
        );
        assert!(err(&["amdahl"], &[("serial_fraction", "2")]).contains("Serial fraction (s) must be from 0 to 1"));
        let ok = plan(&options(&["amdahl"], &[("serial_fraction", "0.3")])).unwrap();
        assert_eq!(ok[0].1.get("serial_fraction"), 0.3);
        assert_eq!(plan(&options(&[], &[])).unwrap().len(), catalogue::on_rayon().count());
        assert!(plan(&options(&[], &[])).unwrap().iter().all(|(w, _)| w.spec().id != "message-passing"));
        assert_eq!(
            err(&["message-passing"], &[]),
            "message-passing runs only in the browser: it measures postMessage between Web Workers; \
             use ./build.sh bench"
        );
    }

    #[test]
    fn a_quick_native_run_writes_the_shared_format() {
        let options = BenchOptions {
            workloads: vec!["primes".into(), "imbalanced".into()],
            workers: vec![1, 2],
            repeats: Repeats::Fixed(2),
            scaling: Scaling::Strong,
            params: vec![],
            quick: true,
            vary: None,
        };
        let doc = run(&options).unwrap();
        assert_eq!(doc["environment"]["runtime"], "native");
        assert!(doc.get("varied").is_none(), "a worker sweep names no varied parameter");
        let runs = doc["runs"].as_array().unwrap();
        assert_eq!(runs.len(), 4);
        for r in runs {
            assert_eq!(r["verified"], true, "{r}");
            assert_eq!((&r["check_kind"], &r["demonstrates"]), (&json!("exact"), &Value::Null), "{r}");
            assert_eq!(r["samples_ms"].as_array().unwrap().len(), 2);
            assert_eq!(r["samples"], 2);
            let (low, median, high) = (field(r, "ci_low_ms"), field(r, "median_ms"), field(r, "ci_high_ms"));
            assert!(0.0 < low && low <= median && median <= high, "{r}");
            assert!(!r["timeline"]["spans"].as_array().unwrap().is_empty());
            for kind in ["", "_cold"] {
                let (low, median, high) = (
                    field(r, &format!("dispatch{kind}_low_us")),
                    field(r, &format!("dispatch{kind}_us")),
                    field(r, &format!("dispatch{kind}_high_us")),
                );
                assert!(0.0 < low && low <= median && median <= high, "dispatch{kind}: {r}");
            }
        }
        assert_eq!(runs[2]["params"]["schedule"], "static");
        assert!(runs[1]["karp_flatt"].is_number());
        // Speedup 1 by definition at 1 worker, without an interval; at 2, one from both medians.
        assert_eq!(
            (&runs[0]["speedup"], &runs[0]["speedup_low"], &runs[0]["speedup_high"]),
            (&json!(1.0), &Value::Null, &Value::Null)
        );
        assert!(field(&runs[1], "speedup_low") <= field(&runs[1], "speedup_high"), "{}", runs[1]);
        let fit = &doc["fits"]["primes"];
        assert!(field(fit, "serial_fraction_low") <= field(fit, "serial_fraction_high"));
        assert!(table(&doc).contains("imbalanced"));
        // Two samples: min to max, a 50% interval, and the table says so; the fit's range is
        // not called a 95% one, as the pages do not call it one.
        assert!(table(&doc).lines().nth(1).unwrap().contains(" (50%) "), "{}", table(&doc));
        assert!(
            table(&doc).contains("(range ")
                && table(&doc).contains(", from only 2 runs a point: too few for a 95% range; "),
            "{}",
            table(&doc)
        );
        assert!(!table(&doc).contains("95% range 0"), "{}", table(&doc));
        // The e(k) column, as the other runners print it: "-" at 1 worker, a number at 2.
        let header = table(&doc).lines().next().unwrap().to_string();
        assert!(header.contains(" e(k) "), "{header}");
    }

    #[test]
    fn weak_scaling_grows_the_problem_and_fits_gustafson() {
        let options = BenchOptions {
            workloads: vec!["amdahl".into()],
            workers: vec![1, 2],
            repeats: Repeats::Fixed(2),
            scaling: Scaling::Weak,
            params: vec![("serial_fraction".into(), "0.5".into())],
            quick: true,
            vary: None,
        };
        let doc = run(&options).unwrap();
        let runs = doc["runs"].as_array().unwrap();
        assert_eq!(runs[1]["work_factor"], 1.5);
        assert_eq!(runs[1]["params"]["work"].as_f64().unwrap(), 1.5 * runs[0]["params"]["work"].as_f64().unwrap());
        assert!(runs.iter().all(|r| r["verified"] == true && r["scaling"] == "weak" && r["karp_flatt"].is_null()));
        assert_eq!(doc["fits"]["amdahl"]["model"], "gustafson");
    }

    #[test]
    fn a_size_weak_scaling_grows_past_its_bound_is_refused_before_any_point() {
        let options = BenchOptions {
            workloads: vec!["sum-of-squares".into(), "primes".into()],
            workers: vec![1, 2],
            repeats: Repeats::Fixed(3),
            scaling: Scaling::Weak,
            params: vec![("n".into(), "100000000".into())],
            quick: false,
            vary: None,
        };
        // Both workloads' points are planned first: primes' 2-worker size fails there, so
        // neither sum-of-squares nor primes' 1-worker point is measured.
        let err = point_params(&options, &plan(&options).unwrap()).unwrap_err();
        assert!(err.starts_with("primes: ") && err.contains("above its maximum 100,000,000"), "{err}");
        assert_eq!(run(&options).unwrap_err(), err);
        let strong = BenchOptions { scaling: Scaling::Strong, ..options };
        let sizes = point_params(&strong, &plan(&strong).unwrap()).unwrap();
        assert_eq!(sizes.iter().map(Vec::len).collect::<Vec<_>>(), [2, 2]);
    }

    /// A quick `--vary` plan on one workload at `workers`, with `params` as `--param` gives them.
    fn vary_options(workload: &str, workers: &[usize], vary: &str, params: &[(&str, &str)]) -> BenchOptions {
        BenchOptions {
            workloads: vec![workload.to_string()],
            workers: workers.to_vec(),
            repeats: Repeats::Fixed(2),
            scaling: Scaling::Strong,
            params: params.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect(),
            quick: true,
            vary: Some(Vary::parse(vary).unwrap()),
        }
    }

    #[test]
    fn varying_the_grain_gives_one_run_per_value_in_the_order_given() {
        let doc = run(&vary_options("sum-of-squares", &[2], "grain=65536, 1_000", &[])).unwrap();
        assert_eq!(doc["varied"], "grain");
        assert_eq!(doc["fits"], json!({}));
        let runs = doc["runs"].as_array().unwrap();
        let grains: Vec<f64> = runs.iter().map(|r| field(&r["params"], "grain")).collect();
        assert_eq!(grains, [65536.0, 1000.0], "not sorted");
        for r in runs {
            assert_eq!(r["verified"], true, "{r}");
            assert_eq!((r["workers"].as_u64(), r["samples"].as_u64()), (Some(2), Some(2)));
            assert_eq!(field(&r["params"], "n"), 30_000_000.0, "the other parameters keep their quick sizes");
            for key in ["speedup", "speedup_low", "speedup_high", "efficiency", "karp_flatt"] {
                assert!(r[key].is_null(), "{key}: {r}");
            }
            assert!(!r["timeline"]["spans"].as_array().unwrap().is_empty());
            assert!(field(r, "dispatch_us") > 0.0);
        }
        let table = table(&doc);
        let header = table.lines().next().unwrap();
        assert!(header.contains(" grain workers "), "{table}");
        assert!(table.lines().nth(2).unwrap().contains(" 1,000       2 "), "{table}");
    }

    #[test]
    fn varying_a_choice_runs_each_by_name() {
        let doc = run(&vary_options("imbalanced", &[2], "schedule=static,stealing", &[])).unwrap();
        let runs = doc["runs"].as_array().unwrap();
        assert_eq!(runs[0]["params"]["schedule"], "static");
        assert_eq!(runs[1]["params"]["schedule"], "stealing");
        assert!(runs.iter().all(|r| r["verified"] == true && r["identical_to_first"] == true), "{doc}");
        assert_eq!(runs[0]["digest"], runs[1]["digest"]);
        assert!(table(&doc).contains("schedule"));
    }

    #[test]
    fn a_varied_size_verifies_each_run_on_its_own() {
        let doc = run(&vary_options("sum-of-squares", &[1], "n=1000,2000", &[])).unwrap();
        let runs = doc["runs"].as_array().unwrap();
        assert!(runs.iter().all(|r| r["verified"] == true), "{doc}");
        assert_eq!((&runs[0]["identical_to_first"], &runs[1]["identical_to_first"]), (&json!(true), &json!(false)));
    }

    #[test]
    fn vary_refuses_what_is_not_one_clean_sweep() {
        let err = |options: BenchOptions| run(&options).err().unwrap();
        let sos = |workers: &[usize], vary: &str| vary_options("sum-of-squares", workers, vary, &[]);
        assert_eq!(Vary::parse("grain").unwrap_err(), "--vary takes NAME=V1,V2,... (got 'grain')");
        let mut all = sos(&[2], "grain=100");
        all.workloads.clear();
        assert!(err(all).contains("give exactly one --workload ID (got none, which means every workload)"));
        let mut two = sos(&[2], "grain=100");
        two.workloads.push("primes".into());
        assert!(err(two).contains("give exactly one --workload ID (got sum-of-squares, primes)"));
        assert!(err(sos(&[1, 2], "grain=100")).contains("give exactly one, as --workers K (got 1,2)"));
        assert!(err(sos(&[], "grain=100")).contains("give exactly one, as --workers K (got none)"));
        let mut weak = sos(&[2], "grain=100");
        weak.scaling = Scaling::Weak;
        assert!(err(weak).contains("--vary cannot be combined with --scaling weak"));
        assert_eq!(
            err(vary_options("sum-of-squares", &[2], "grain=100", &[("grain", "10")])),
            "--vary grain=... conflicts with --param grain=10: give grain's values in --vary only"
        );
        assert_eq!(err(sos(&[2], "grain= ,")), "--vary: give at least one value for grain, as grain=V1,V2,...");
        assert_eq!(
            err(sos(&[2], "size=1,2")),
            "--vary: sum-of-squares: unknown parameter 'size'; valid parameters: n, grain"
        );
        assert!(
            err(sos(&[2], "grain=100,0"))
                .contains("--vary: sum-of-squares: Grain must be from 1 to 1,000,000,000 (got 0)")
        );
        assert!(err(sos(&[2], "grain=lots")).contains("must be a number from 1 to 1,000,000,000 (got 'lots')"));
        assert_eq!(
            err(vary_options("imbalanced", &[2], "schedule=static,random", &[])),
            "--vary: imbalanced: Schedule must be one of static, stealing (got 'random')"
        );
        assert_eq!(
            err(sos(&[2], "grain=100,1e3,1_000")),
            "--vary: grain=1_000 repeats grain=1e3; give each value once"
        );
        // A bad --param still reads as it does without --vary.
        assert_eq!(
            err(vary_options("sum-of-squares", &[2], "grain=100", &[("n", "0")])),
            "sum-of-squares: N (terms) must be from 1 to 4,294,967,296 (got 0)"
        );
    }

    #[test]
    fn a_race_is_a_demonstration_and_the_counter_is_in_each_run() {
        let doc = run(&vary_options(
            "shared-counter",
            &[2],
            "mode=unsynchronised,atomic,mutex,local",
            &[("increments", "200000")],
        ))
        .unwrap();
        let runs = doc["runs"].as_array().unwrap();
        let kinds: Vec<&str> = runs.iter().map(|r| r["check_kind"].as_str().unwrap()).collect();
        assert_eq!(kinds, ["demonstration", "exact", "exact", "exact"]);
        let race = &runs[0];
        assert_eq!(race["verified"], false, "{race}");
        assert!(race["demonstrates"].is_string(), "{race}");
        let counter = &race["counter"];
        assert_eq!(counter["expected"], 200_000);
        let (actual, lost) = (counter["actual"].as_i64().unwrap(), counter["lost"].as_i64().unwrap());
        assert_eq!(actual + lost, 200_000);
        assert_eq!(race["digest"], format!("{actual:016x}"));
        for exact in &runs[1..] {
            assert_eq!((&exact["verified"], &exact["demonstrates"]), (&json!(true), &Value::Null), "{exact}");
            assert_eq!(exact["counter"], json!({"expected": 200_000, "actual": 200_000, "lost": 0}));
        }
        let table = table(&doc);
        assert!(table.lines().nth(1).unwrap().ends_with(" demo"), "{table}");
        assert!(table.lines().nth(2).unwrap().ends_with(" yes"), "{table}");
    }

    #[test]
    fn a_demonstration_across_worker_counts_is_reported_not_failed() {
        let options = BenchOptions {
            workloads: vec!["monte-carlo-pi".into()],
            workers: vec![1, 2],
            repeats: Repeats::Fixed(1),
            scaling: Scaling::Strong,
            params: vec![("samples".into(), "3000000".into()), ("seeding".into(), "per-worker".into())],
            quick: false,
            vary: None,
        };
        let doc = run(&options).unwrap();
        let runs = doc["runs"].as_array().unwrap();
        assert_eq!(runs[1]["identical_to_first"], false, "one stream per worker changes the estimate");
        for r in runs {
            assert_eq!((&r["verified"], &r["check_kind"]), (&json!(false), &json!("demonstration")), "{r}");
            assert!(r["demonstrates"].as_str().unwrap().contains("one per worker"), "{r}");
            assert_eq!(r["estimate"]["distinct_samples"], 3_000_000);
        }
    }

    #[test]
    fn auto_repeats_stop_by_a_stated_rule() {
        assert_eq!(Repeats::parse("auto", 2.0).unwrap(), Repeats::Auto { budget_ms: 2000.0 });
        assert_eq!(Repeats::parse("7", 2.0).unwrap(), Repeats::Fixed(7));
        assert!(Repeats::parse("0", 2.0).unwrap_err().contains("from 1 to 100, or auto"));
        let workload = catalogue::find("primes").unwrap();
        let params = Params::parse(workload.spec().params, [("n", 2000.0)]).unwrap();
        let point = measure(workload, &params, 1, Repeats::Auto { budget_ms: 500.0 }).unwrap();
        let samples = point["samples"].as_u64().unwrap() as usize;
        let reason = point["stopped_by"].as_str().unwrap();
        assert!(["precise", "budget", "max"].contains(&reason), "{reason}");
        assert!(reason != "precise" || samples >= stats::AUTO_MIN_SAMPLES);
    }

    #[test]
    fn dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_414), (2025, 11, 22));
    }
}
