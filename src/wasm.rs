//! The one module that touches the JS boundary. It validates everything the page sends (a
//! wrong workload id or a bad parameter becomes a JS error naming the field, never a panic),
//! and it reports kernel faults so the page is never left waiting.
//!
//! One style crosses it: values are Rust structs that derive `Serialize`/`Deserialize`, turned
//! into plain JS objects (and back) by `serde-wasm-bindgen`; the only classes are the handles
//! [`Prepared`] and [`RunResult`], which keep a workload's input and a run's outcome in wasm
//! memory between calls. Errors are [`Error`]s, thrown as JS `Error`s that carry `kind` (and
//! `field`, `given`, `allowed` where they apply) beside `message`. Browser APIs are reached
//! through `web-sys`, from whichever thread runs: the compute worker or a pool worker.
//!
//! Faults: wasm here is built with `panic = abort`, so a panic on a rayon thread traps that
//! Web Worker while the compute worker blocks forever waiting for the job. The panic hook
//! therefore posts the error on a `BroadcastChannel` named by the page before aborting; the
//! page, whose event loop is free, terminates the compute worker and shows the message.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use serde::Serialize;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::trace;
use crate::workload::{Check, Engine, Extra, Given, Input, Outcome, Params, Workload, malformed_params};
use crate::{Error, ErrorKind, catalogue};

pub use wasm_bindgen_rayon::init_thread_pool;

/// How values become JS: maps as plain objects (not `Map`s), `None` as null (as JSON has it),
/// bytes as a `Uint8Array` (a copy, which can be transferred to the page).
const TO_JS: serde_wasm_bindgen::Serializer =
    serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true).serialize_missing_as_null(true);

/// A value of ours as a plain JS value. Everything that crosses is made here, so a failure is a
/// bug (a u64 past 2^53, say), reported like any panic.
fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    value.serialize(&TO_JS).expect("a boundary value serialises to JS")
}

/// An [`Error`] as the page receives it: a JS `Error` whose `message` is the sentence, with the
/// error's `kind`, and its `field`, `given` and `allowed` where they apply, as properties.
impl From<Error> for JsValue {
    fn from(error: Error) -> JsValue {
        let js = js_sys::Error::new(error.message());
        js_sys::Object::assign(&js, to_js(&error).unchecked_ref());
        js.into()
    }
}

/// The parameters as the page gives them: a plain object of name: number or name: "choice".
fn given(params: JsValue) -> Result<BTreeMap<String, Given>, Error> {
    serde_wasm_bindgen::from_value(params).map_err(malformed_params)
}

/// Finds `workload` and validates `params` (a plain object), as [`catalogue::resolve`] does.
fn resolve(workload: &str, params: JsValue) -> Result<(&'static dyn Workload, Params), Error> {
    let given = given(params)?;
    catalogue::resolve(workload, given.iter().map(|(name, value)| (name.as_str(), value)))
}

thread_local! {
    /// This thread's `performance` and its time origin. Each Web Worker has its own, and
    /// `timeOrigin + now()` puts them all on one clock. Found from the global object, whatever
    /// it is (a worker's or a window's), not by assuming a window.
    static PERFORMANCE: (web_sys::Performance, f64) = {
        let global = js_sys::global();
        let performance = match global.dyn_ref::<web_sys::WorkerGlobalScope>() {
            Some(worker) => worker.performance(),
            None => global.dyn_ref::<web_sys::Window>().and_then(web_sys::Window::performance),
        }
        .expect("a window or a worker has performance");
        let origin = performance.time_origin();
        (performance, origin)
    };
}

/// Milliseconds since the epoch, from this thread's own `performance`.
fn js_clock() -> f64 {
    PERFORMANCE.with(|(performance, origin)| origin + performance.now())
}

static FAULT_CHANNEL: Mutex<String> = Mutex::new(String::new());
static LAST_FAULT: Mutex<Option<Error>> = Mutex::new(None);

/// What the panic and allocation-failure hooks post on the fault channel.
#[derive(Serialize)]
struct FaultMessage<'a> {
    #[serde(rename = "type")]
    tag: &'static str,
    kind: ErrorKind,
    message: &'a str,
}

fn fault(error: Error) {
    let channel = FAULT_CHANNEL.lock().map(|c| c.clone()).unwrap_or_default();
    if !channel.is_empty() {
        let message = to_js(&FaultMessage { tag: "fault", kind: error.kind(), message: error.message() });
        // Nothing else can be done from a thread that is about to trap if this fails.
        if let Ok(broadcast) = web_sys::BroadcastChannel::new(&channel) {
            let _ = broadcast.post_message(&message);
            broadcast.close();
        }
    }
    if let Ok(mut last) = LAST_FAULT.lock() {
        *last = Some(error);
    }
}

/// The last panic or allocation failure in this instance, `{ kind, message }`, or null: the
/// compute worker reads it after a trap, whose own message ("unreachable") says nothing.
#[wasm_bindgen(js_name = lastFault)]
pub fn last_fault() -> JsValue {
    to_js(&*LAST_FAULT.lock().unwrap_or_else(|poisoned| poisoned.into_inner()))
}

/// Installs the panic and allocation-failure hooks, which report on the `BroadcastChannel`
/// named `channel` from whichever thread fails. Call once per instance, before running.
#[wasm_bindgen(js_name = setFaultChannel)]
pub fn set_fault_channel(channel: String) {
    if let Ok(mut slot) = FAULT_CHANNEL.lock() {
        *slot = channel;
    }
    std::panic::set_hook(Box::new(|info| fault(Error::panic(info))));
    std::alloc::set_alloc_error_hook(|layout| fault(Error::allocation_failed(layout.size())));
}

/// Parameters grown for weak scaling, and the work relative to the given ones.
#[derive(Serialize)]
struct Scaled {
    params: serde_json::Value,
    work_factor: f64,
}

/// `params` grown for weak scaling on `workers` workers, by the workload's declared rule:
/// `{ params, work_factor }`. A size past its range is an `invalid-param` error naming it.
#[wasm_bindgen(js_name = scaledParams)]
pub fn scaled_params(workload: &str, params: JsValue, workers: usize) -> Result<JsValue, JsValue> {
    let (workload, params) = resolve(workload, params)?;
    let spec = workload.spec();
    let (grown, work_factor) = params.scaled(spec, workers)?;
    Ok(to_js(&Scaled { params: grown.to_json(spec.params), work_factor }))
}

/// What handing the pool an empty parallel region costs, warm (back to back) and cold (after
/// the pool went idle), µs per region with intervals: `{ dispatch_us, dispatch_low_us, ... }`,
/// the results format's fields (see `trace::DispatchCost`).
#[wasm_bindgen(js_name = dispatchCost)]
pub fn dispatch_cost() -> JsValue {
    to_js(&trace::dispatch_cost(None))
}

/// The number of threads in the current rayon pool.
#[wasm_bindgen(js_name = currentThreads)]
pub fn current_threads() -> usize {
    rayon::current_num_threads()
}

/// A workload with validated parameters and its prepared input, ready to run repeatedly.
#[wasm_bindgen]
pub struct Prepared {
    inner: Arc<PreparedInner>,
}

struct PreparedInner {
    workload: &'static dyn Workload,
    params: Params,
    input: Input,
}

/// Validates `params` (a plain object of name: number, or name: "choice") for `workload` and
/// builds its input. A bad value is an `invalid-param` error naming the field and its range; a
/// workload that runs in plain Web Workers rather than on this pool is `unsupported`.
#[wasm_bindgen]
pub fn prepare(workload: &str, params: JsValue) -> Result<Prepared, JsValue> {
    trace::set_clock(js_clock);
    let (workload, params) = resolve(workload, params)?;
    if workload.spec().engine == Engine::WebWorkers {
        let id = workload.spec().id;
        return Err(Error::unsupported(format!("{id} runs in plain Web Workers, not on the wasm thread pool")).into());
    }
    let input = workload.prepare(&params)?;
    Ok(Prepared { inner: Arc::new(PreparedInner { workload, params, input }) })
}

#[wasm_bindgen]
impl Prepared {
    /// Runs the kernel once more with every task's start and end recorded, for the per-worker
    /// timeline (not timed: recording costs a little per task): see `trace::Timeline`.
    pub fn timeline(&self) -> Result<JsValue, JsValue> {
        let inner = &self.inner;
        let (outcome, timeline) = trace::record_run(|| inner.workload.run(&inner.params, &inner.input));
        outcome?;
        Ok(to_js(&timeline))
    }

    /// Runs the kernel once on the thread pool: the part that is timed. The outcome stays in
    /// wasm memory; [`RunResult::report`] reads it.
    pub fn run(&self) -> Result<RunResult, JsValue> {
        let inner = &self.inner;
        let outcome = inner.workload.run(&inner.params, &inner.input)?;
        Ok(RunResult { prepared: Arc::clone(&self.inner), outcome })
    }
}

/// One run's result, kept on the wasm side until the page has read what it needs.
#[wasm_bindgen]
pub struct RunResult {
    prepared: Arc<PreparedInner>,
    outcome: Outcome,
}

/// What the page reads of a run: see [`RunResult::report`].
#[derive(Serialize)]
struct Report<'a> {
    summary: &'a str,
    digest: String,
    check: Check,
    extra: &'a Extra,
    image: Option<ImageReport<'a>>,
}

#[derive(Serialize)]
struct ImageReport<'a> {
    width: u32,
    height: u32,
    /// A `Uint8Array` of its own (a copy): a view on shared wasm memory could not be
    /// transferred to the page.
    #[serde(serialize_with = "as_bytes")]
    rgba: &'a [u8],
}

fn as_bytes<S: serde::Serializer>(bytes: &&[u8], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_bytes(bytes)
}

#[wasm_bindgen]
impl RunResult {
    /// The run, checked: `{ summary, digest, check, extra, image }`. `summary` is the result in
    /// a few words; `digest` its fingerprint as 16 hex digits (equal across worker counts when
    /// results are); `check` is `{ ok, detail, kind, demonstrates }` against the workload's
    /// independent reference, `kind` being "exact", "statistical" or "demonstration" as the
    /// workload declares it for these parameters and `demonstrates` what a demonstration whose
    /// checks held shows, else null; `extra` the fields the run adds to the results JSON (often
    /// none); `image` `{ width, height, rgba: Uint8Array }` if the workload makes one, else null.
    pub fn report(&self) -> JsValue {
        let PreparedInner { workload, params, input } = &*self.prepared;
        let outcome = &self.outcome;
        to_js(&Report {
            summary: &outcome.summary,
            digest: format!("{:016x}", outcome.digest),
            check: crate::workload::check(*workload, params, input, outcome),
            extra: &outcome.extra,
            image: outcome.image.as_ref().map(|image| ImageReport {
                width: image.width,
                height: image.height,
                rgba: &image.rgba,
            }),
        })
    }
}

/// Deliberately fails inside the thread pool, so tests can check that the page survives a
/// kernel fault: `"panic"` panics on a pool thread, `"oom"` asks for more memory than exists.
#[wasm_bindgen(js_name = injectFault)]
pub fn inject_fault(kind: &str) -> Result<(), JsValue> {
    use rayon::prelude::*;
    match kind {
        "panic" => {
            (0..64u32).into_par_iter().for_each(|i| {
                if i == 63 {
                    panic!("injected fault in task {i}");
                }
            });
            Ok(())
        }
        "oom" => {
            let total: usize =
                (0..4usize).into_par_iter().map(|i| std::hint::black_box(vec![i as u8; 1 << 30]).len()).sum();
            Err(Error::unsupported(format!("allocated {total} bytes; expected to run out")).into())
        }
        other => {
            let message = format!("unknown fault '{other}'; use panic or oom");
            Err(Error::invalid_param("fault", other, "panic, oom", message).into())
        }
    }
}
