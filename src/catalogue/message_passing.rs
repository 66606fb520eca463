//! `message-passing`: a declaration only. It runs in the browser, in plain JS Web Workers
//! (`www/js/kernels/`), since what it measures is the cost of `postMessage` between workers,
//! which the wasm thread pool never pays: its threads share one memory.

use super::{choice_param, int_param};
use crate::Error;
use crate::workload::{Check, Checks, Engine, Input, Memory, Outcome, Params, WeakScaling, Workload, WorkloadSpec};

/// The declaration of this workload.
pub struct MessagePassing;

/// Why the Rust side neither runs nor checks it.
const BROWSER_ONLY: &str = "message-passing runs only in the browser, in plain Web Workers: it measures \
    postMessage between workers, which the wasm thread pool does not use";

static SPEC: WorkloadSpec = WorkloadSpec {
    id: "message-passing",
    title: "Sharing memory vs sending copies",
    description: "k Web Workers sum size MB of 32-bit words, each its share. How the data gets to \
        them is the experiment: shared, every worker reads one SharedArrayBuffer and nothing is \
        copied; copied, each worker receives its slice by postMessage as a structured clone; \
        transferred, each slice is moved to its worker and back. The delivery of the data is \
        timed apart from the summing.",
    params: &[
        int_param("size", "Size", "MB", (32.0, 4.0, 1.0, 256.0), "The data summed, in megabytes of 32-bit words."),
        choice_param(
            "delivery",
            "Delivery",
            &["share", "copy", "transfer"],
            0,
            "share: workers read one SharedArrayBuffer, nothing copied; copy: each worker \
             receives its slice by postMessage, a structured clone like Python's pickling; \
             transfer: each slice is moved to its worker, so only that worker has it, and moved \
             back afterwards.",
        ),
    ],
    verification: "The 32-bit wrapping sum of the data equals its closed form.",
    weak: WeakScaling::Size { param: "size", exponent: 1.0, log_power: 0.0 },
    checks: Checks::EXACT,
    engine: Engine::WebWorkers,
    memory: Memory::Streams,
    image: false,
    limits: &[],
};

impl Workload for MessagePassing {
    fn spec(&self) -> &'static WorkloadSpec {
        &SPEC
    }

    fn run(&self, _params: &Params, _input: &Input) -> Result<Outcome, Error> {
        Err(Error::unsupported(BROWSER_ONLY))
    }

    fn verify(&self, _params: &Params, _input: &Input, _outcome: &Outcome) -> Check {
        Check::new(false, BROWSER_ONLY)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workload::no_input;

    #[test]
    fn rust_refuses_to_run_it_and_says_where_it_runs() {
        let params = Params::parse(SPEC.params, []).unwrap();
        let error = MessagePassing.run(&params, &no_input()).unwrap_err();
        assert!(error.message().starts_with("message-passing runs only in the browser"), "{error}");
        assert_eq!(error.kind(), crate::ErrorKind::Unsupported);
        assert_eq!(SPEC.engine, Engine::WebWorkers);
    }
}
