//! The one module that touches the JS boundary. It validates everything the page sends (a
//! wrong workload id or a bad parameter becomes a JS error naming the field, never a panic),
//! and it reports kernel faults so the page is never left waiting.
//!
//! Faults: wasm here is built with `panic = abort`, so a panic on a rayon thread traps that
//! Web Worker while the compute worker blocks forever waiting for the job. The panic hook
//! therefore posts the message on a `BroadcastChannel` named by the page before aborting; the
//! page, whose event loop is free, terminates the compute worker and shows the message.

use std::sync::{Arc, Mutex};

use wasm_bindgen::prelude::*;

use crate::catalogue;
use crate::trace;
use crate::workload::{Engine, Image, Input, Outcome, Params, Workload};

pub use wasm_bindgen_rayon::init_thread_pool;

#[wasm_bindgen(inline_js = r#"
export function report_fault(channel, message) {
  try {
    const bc = new BroadcastChannel(channel);
    bc.postMessage({ type: 'fault', message });
    bc.close();
  } catch (e) {
    // Nothing else can be done from a thread that is about to trap.
  }
}
"#)]
extern "C" {
    fn report_fault(channel: &str, message: &str);
}

#[wasm_bindgen(inline_js = r#"
export function clock_ms() {
  return performance.timeOrigin + performance.now();
}
"#)]
extern "C" {
    /// Milliseconds since the epoch, from this thread's own `performance`: each Web Worker has
    /// its own time origin, and `timeOrigin + now()` puts them all on one clock.
    fn clock_ms() -> f64;
}

fn js_clock() -> f64 {
    clock_ms()
}

static FAULT_CHANNEL: Mutex<String> = Mutex::new(String::new());
static LAST_FAULT: Mutex<String> = Mutex::new(String::new());

fn fault(message: &str) {
    if let Ok(mut last) = LAST_FAULT.lock() {
        *last = message.to_string();
    }
    let channel = FAULT_CHANNEL.lock().map(|c| c.clone()).unwrap_or_default();
    if !channel.is_empty() {
        report_fault(&channel, message);
    }
}

/// The message of the last panic or allocation failure in this instance ("" if none): the
/// compute worker reads it after a trap, whose own message ("unreachable") says nothing.
#[wasm_bindgen(js_name = lastFault)]
pub fn last_fault() -> String {
    LAST_FAULT.lock().map(|m| m.clone()).unwrap_or_default()
}

/// Installs the panic and allocation-failure hooks, which report on the `BroadcastChannel`
/// named `channel` from whichever thread fails. Call once per instance, before running.
#[wasm_bindgen(js_name = setFaultChannel)]
pub fn set_fault_channel(channel: String) {
    if let Ok(mut slot) = FAULT_CHANNEL.lock() {
        *slot = channel;
    }
    std::panic::set_hook(Box::new(|info| fault(&format!("the kernel panicked: {info}"))));
    std::alloc::set_alloc_error_hook(|layout| {
        fault(&format!("out of memory: an allocation of {} MB failed", layout.size().div_ceil(1 << 20)));
    });
}

/// `params_json` grown for weak scaling on `workers` workers, by the workload's declared rule:
/// JSON `{ "params": {...}, "work_factor": number }`. A size past its range is an error naming it.
#[wasm_bindgen(js_name = scaledParams)]
pub fn scaled_params(workload: &str, params_json: &str, workers: usize) -> Result<String, JsError> {
    let (workload, params) = catalogue::resolve(workload, params_json).map_err(|e| JsError::new(&e))?;
    let spec = workload.spec();
    let (grown, work_factor) = params.scaled(spec, workers).map_err(|e| JsError::new(&e.message))?;
    Ok(serde_json::json!({ "params": grown.to_json(spec.params), "work_factor": work_factor }).to_string())
}

/// What handing the pool an empty parallel region costs, warm (back to back) and cold (after
/// the pool went idle), µs per region with intervals: `{ dispatch_us, dispatch_low_us, ... }`,
/// the results format's fields (see `trace::DispatchCost`).
#[wasm_bindgen(js_name = dispatchCost)]
pub fn dispatch_cost() -> JsValue {
    let fields = trace::dispatch_cost(None).fields().map(|(name, value)| (name, JsValue::from_f64(value)));
    object(&fields)
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

/// Validates `params_json` (an object of name: number, or name: "choice") for `workload` and
/// builds its input. A bad value is an error naming the field and its range; a workload that
/// runs in plain Web Workers rather than on this pool is an error saying so.
#[wasm_bindgen]
pub fn prepare(workload: &str, params_json: &str) -> Result<Prepared, JsError> {
    trace::set_clock(js_clock);
    let (workload, params) = catalogue::resolve(workload, params_json).map_err(|e| JsError::new(&e))?;
    if workload.spec().engine == Engine::WebWorkers {
        let id = workload.spec().id;
        return Err(JsError::new(&format!("{id} runs in plain Web Workers, not on the wasm thread pool")));
    }
    let input = workload.prepare(&params).map_err(|e| JsError::new(&e.0))?;
    Ok(Prepared { inner: Arc::new(PreparedInner { workload, params, input }) })
}

#[wasm_bindgen]
impl Prepared {
    /// Runs the kernel once more with every task's start and end recorded, for the per-worker
    /// timeline (not timed: recording costs a little per task). JSON: see `trace::Timeline`.
    pub fn timeline(&self) -> Result<String, JsError> {
        let inner = &self.inner;
        let (outcome, timeline) = trace::record_run(|| inner.workload.run(&inner.params, &inner.input));
        outcome.map_err(|e| JsError::new(&e.0))?;
        Ok(serde_json::to_string(&timeline).expect("a timeline serialises"))
    }

    /// Runs the kernel once on the thread pool: the part that is timed.
    pub fn run(&self) -> Result<RunResult, JsError> {
        let inner = &self.inner;
        let outcome = inner.workload.run(&inner.params, &inner.input).map_err(|e| JsError::new(&e.0))?;
        Ok(RunResult { prepared: Arc::clone(&self.inner), outcome })
    }
}

/// One run's result, kept on the wasm side until the page has read what it needs.
#[wasm_bindgen]
pub struct RunResult {
    prepared: Arc<PreparedInner>,
    outcome: Outcome,
}

#[wasm_bindgen]
impl RunResult {
    /// The result in a few words.
    #[wasm_bindgen(getter)]
    pub fn summary(&self) -> String {
        self.outcome.summary.clone()
    }

    /// The result's fingerprint as 16 hex digits: equal across worker counts when results are.
    #[wasm_bindgen(getter)]
    pub fn digest(&self) -> String {
        format!("{:016x}", self.outcome.digest)
    }

    /// Checks the result against the workload's independent reference:
    /// `{ ok, detail, kind, demonstrates }`, `kind` being "exact", "statistical" or
    /// "demonstration" as the workload declares it for these parameters, and `demonstrates`
    /// what a demonstration whose checks held shows (a string), else null.
    pub fn verify(&self) -> JsValue {
        let PreparedInner { workload, params, input } = &*self.prepared;
        let check = crate::workload::check(*workload, params, input, &self.outcome);
        object(&[
            ("ok", JsValue::from_bool(check.ok)),
            ("detail", JsValue::from_str(&check.detail)),
            ("kind", JsValue::from_str(check.kind.name())),
            ("demonstrates", check.demonstrates.as_deref().map_or(JsValue::NULL, JsValue::from_str)),
        ])
    }

    /// The fields this run adds to the results JSON, as a JSON object ("{}" if none), e.g.
    /// `{"counter": {"expected": 1000, "actual": 981, "lost": 19}}`.
    pub fn extra(&self) -> String {
        serde_json::Value::Object(self.outcome.extra.clone()).to_string()
    }

    /// The image, if the workload makes one: `{ width, height, rgba: Uint8Array }`, else null.
    pub fn image(&self) -> JsValue {
        match &self.outcome.image {
            None => JsValue::NULL,
            Some(Image { width, height, rgba }) => object(&[
                ("width", JsValue::from(*width)),
                ("height", JsValue::from(*height)),
                // A copy: a view on shared wasm memory could not be transferred to the page.
                ("rgba", JsValue::from(rgba.clone())),
            ]),
        }
    }
}

fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    for (name, value) in fields {
        js_sys::Reflect::set(&object, &JsValue::from_str(name), value).expect("setting a field on a fresh object");
    }
    object.into()
}

/// Deliberately fails inside the thread pool, so tests can check that the page survives a
/// kernel fault: `"panic"` panics on a pool thread, `"oom"` asks for more memory than exists.
#[wasm_bindgen(js_name = injectFault)]
pub fn inject_fault(kind: &str) -> Result<(), JsError> {
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
            Err(JsError::new(&format!("allocated {total} bytes; expected to run out")))
        }
        other => Err(JsError::new(&format!("unknown fault '{other}'; use panic or oom"))),
    }
}
