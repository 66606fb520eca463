//! `global-lock`: its declaration, run and check.

use super::{choice_param, int_param, number_param};
use crate::Error;
use crate::kernels::global_lock::{self as kernel, Lock};
use crate::workload::{
    Check, Checks, Engine, Extra, Input, Memory, Outcome, ParamSpec, Params, WeakScaling, Workload, WorkloadSpec,
};

/// The declaration and check of this workload.
pub struct GlobalLock;

const LOCKS: &[&str] = &["none", "global"];

static SPEC: WorkloadSpec = WorkloadSpec {
    id: "global-lock",
    title: "A global lock, like Python's GIL",
    description: "Every worker must hold one lock, shared by all, while it computes, as Python \
        threads must hold the global interpreter lock (the GIL) while they run Python code; they \
        take turns, first come first served, handing the lock on after each turn. With the \
        global lock and no waiting, expect about no speedup at any worker count, or a little \
        less (handing the lock on takes time): one worker computes while the others sleep in the \
        queue for the lock, as the timeline shows. Give each item some waiting outside the lock, \
        as a Python thread waits for I/O with the GIL released, and the waits overlap: it speeds \
        up again, up to (wait + compute) / compute, or the number of workers if that is less. \
        With the lock set to none the workers compute freely, as threads without a GIL do, and \
        the speedup is the usual one.",
    params: &[
        int_param("items", "Items", "", (1000.0, 100.0, 1.0, 1e6), "How many items of computation."),
        int_param(
            "steps",
            "Steps per item",
            "steps",
            (1_000_000.0, 200_000.0, 1.0, 1e10),
            "Steps of a dependent arithmetic chain in each item (about a nanosecond each).",
        ),
        ParamSpec {
            unit: "ms per item",
            ..number_param(
                "waiting",
                "Waiting",
                (0.0, 0.0, 0.0, 1000.0),
                "Time each item waits outside the lock before it is computed, as a thread waits for I/O.",
            )
        },
        choice_param(
            "lock",
            "Lock",
            LOCKS,
            1,
            "global: computing needs one lock shared by every worker, like Python's GIL; none: no lock.",
        ),
        int_param(
            "hold",
            "Hold",
            "items per turn",
            (1.0, 1.0, 1.0, 1e6),
            "Items a worker computes per turn with the lock before handing it on, like CPython's switch \
             interval; the timeline counts each item as a task.",
        ),
    ],
    verification: "Equal to the closed form of every item's arithmetic chain (its steps composed \
        by repeated squaring, no loop), and identical at every worker count, lock, hold and \
        waiting.",
    weak: WeakScaling::Size { param: "items", exponent: 1.0, log_power: 0.0 },
    checks: Checks::EXACT,
    engine: Engine::Rayon,
    memory: Memory::SharedWrites,
    image: false,
    limits: &[],
};

impl Workload for GlobalLock {
    fn spec(&self) -> &'static WorkloadSpec {
        &SPEC
    }

    fn run(&self, params: &Params, _input: &Input) -> Result<Outcome, Error> {
        let lock = if params.choice("lock") == 0 { Lock::None } else { Lock::Global };
        let (items, steps, hold, waiting) =
            (params.int("items"), params.int("steps"), params.int("hold"), params.get("waiting"));
        let value = kernel::run(items, steps, waiting, lock, hold);
        Ok(Outcome {
            summary: format!(
                "{items} items of {steps} steps, lock {}, {hold} per turn, waiting {waiting} ms per item, \
                 result {value:016x}",
                LOCKS[params.choice("lock")]
            ),
            digest: value,
            image: None,
            detail: None,
            extra: Extra::new(),
        })
    }

    fn verify(&self, params: &Params, _input: &Input, outcome: &Outcome) -> Check {
        let expected = kernel::expected(params.int("items"), params.int("steps"));
        Check::new(outcome.digest == expected, format!("closed form gives {expected:016x}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lock_hold_and_waiting_verifies_and_gives_one_result() {
        let input = crate::workload::no_input();
        let mut digests = Vec::new();
        for (lock, hold, waiting) in
            [("none", 1.0, 0.0), ("global", 1.0, 0.0), ("global", 3.0, 0.0), ("global", 2.0, 0.5)]
        {
            let lock = LOCKS.iter().position(|l| *l == lock).unwrap() as f64;
            let params = Params::parse(
                SPEC.params,
                [("items", 9.0), ("steps", 10_000.0), ("lock", lock), ("hold", hold), ("waiting", waiting)],
            )
            .unwrap();
            let outcome = GlobalLock.run(&params, &input).unwrap();
            assert!(GlobalLock.verify(&params, &input, &outcome).ok, "{params:?}");
            digests.push(outcome.digest);
        }
        assert!(digests.windows(2).all(|w| w[0] == w[1]), "{digests:x?}");
    }

    #[test]
    fn the_lock_is_global_by_default_and_chosen_by_name() {
        let params = Params::parse(SPEC.params, []).unwrap();
        assert_eq!(LOCKS[params.choice("lock")], "global");
        let none = Params::from_text(SPEC.params, [("lock", "none")]).unwrap();
        assert_eq!(none.choice("lock"), 0);
    }
}
