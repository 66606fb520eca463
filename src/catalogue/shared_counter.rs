//! `shared-counter`: its declaration, run and check.

use std::sync::Arc;

use serde_json::json;

use super::{choice_param, int_param};
use crate::Error;
use crate::kernels::shared_counter::{self as kernel, Mode, Tally};
use crate::workload::{
    Check, CheckKind, Checks, Engine, Extra, Input, Memory, Outcome, Params, WeakScaling, Workload, WorkloadSpec,
    format_number,
};

/// The declaration and check of this workload.
pub struct SharedCounter;

/// The `mode` choices, in the order of [`Mode::ALL`].
const MODES: &[&str] = &["unsynchronised", "atomic", "mutex", "local"];

// Sizes, measured natively on a 2-core x86-64 VM (AMD EPYC, release build). Per increment, on
// 1 worker / 2 workers: unsynchronised 0.3 / 0.7 ns, atomic 2 / 4-5 ns, mutex 4.5 / 14-22 ns,
// local 0.3 / 0.15 ns. The slowest mode, mutex on 2 workers, sets both sizes: the default of
// 50 million takes it 0.7-1.1 s (unsynchronised: 14 ms on 1 worker, 35 ms on 2, losing 40-45%
// of its updates), the quick 2 million 20-50 ms. On cores further apart than these two, a
// contended increment costs more, so these are not cut finer.
static SPEC: WorkloadSpec = WorkloadSpec {
    id: "shared-counter",
    title: "One shared counter",
    description: "Every worker adds 1 to the same counter, its share of the increments. \
        Unsynchronised, each increment is two steps: read the counter, then write back the value \
        read plus 1. Two workers that read the same value both write value + 1, and one of the \
        two increments is lost: the total comes out short, by a different amount each run. \
        Atomic makes read-and-add one indivisible step; mutex takes a lock around each \
        increment; local counts privately and adds once at the end. All three are exact, but \
        the first two pass the counter's cache line from core to core on every increment: \
        compare their times with local's.",
    params: &[
        int_param(
            "increments",
            "Increments",
            "",
            (50_000_000.0, 2_000_000.0, 1.0, 10_000_000_000.0),
            "Increments in total over all workers; each worker does an even share.",
        ),
        choice_param(
            "mode",
            "Mode",
            MODES,
            0,
            "unsynchronised: read, then write back plus 1 (updates get lost); atomic: one \
             indivisible fetch-and-add; mutex: a lock around each increment; local: count \
             privately, add once at the end.",
        ),
    ],
    verification: "Atomic, mutex and local: the counter equals the number of increments. \
        Unsynchronised is a demonstration: the counter must be at most the number of increments \
        and at least 1, and exact with one worker; how many updates were lost is reported.",
    weak: WeakScaling::Size { param: "increments", exponent: 1.0, log_power: 0.0 },
    checks: Checks::by_choice(
        "mode",
        &[CheckKind::Demonstration, CheckKind::Exact, CheckKind::Exact, CheckKind::Exact],
    ),
    engine: Engine::Rayon,
    memory: Memory::SharedWrites,
    image: false,
    limits: &[],
};

impl Workload for SharedCounter {
    fn spec(&self) -> &'static WorkloadSpec {
        &SPEC
    }

    fn run(&self, params: &Params, _input: &Input) -> Result<Outcome, Error> {
        let tally = kernel::count(params.int("increments"), Mode::ALL[params.choice("mode")]);
        let lost = match tally.lost() {
            0 => "none lost".to_string(),
            lost => format!("{} lost", format_number(lost as f64)),
        };
        let mut extra = Extra::new();
        extra.insert(
            "counter".to_string(),
            json!({ "expected": tally.expected, "actual": tally.actual, "lost": tally.lost() }),
        );
        Ok(Outcome {
            summary: format!(
                "{} of {} counted ({lost})",
                format_number(tally.actual as f64),
                format_number(tally.expected as f64)
            ),
            digest: tally.actual,
            image: None,
            detail: Some(Arc::new(tally)),
            extra,
        })
    }

    fn verify(&self, params: &Params, _input: &Input, outcome: &Outcome) -> Check {
        let expected = params.int("increments");
        let actual = outcome.digest;
        let mode = Mode::ALL[params.choice("mode")];
        // The pool's size, which the run recorded; without it, assume several threads.
        let threads = outcome.detail_as::<Tally>().map_or(0, |t| t.threads);
        let (counted, asked) = (format_number(actual as f64), format_number(expected as f64));
        if mode != Mode::Unsynchronised {
            return Check::new(
                actual == expected,
                if actual == expected {
                    format!("counted exactly {asked} increments")
                } else {
                    format!("counted {counted}, expected {asked}")
                },
            );
        }
        let lost = expected.saturating_sub(actual);
        let (ok, detail) = if actual > expected {
            (false, format!("counted {counted}, more than the {asked} increments made"))
        } else if expected >= 1 && actual == 0 {
            (false, format!("counted nothing of {asked} increments; every thread's last write was 1 or more"))
        } else if threads == 1 && actual != expected {
            (false, format!("counted {counted} of {asked} with one thread, where nothing can be lost"))
        } else {
            let one = if threads == 1 { ", exact with one thread" } else { "" };
            (true, format!("counted {counted} of {asked}: at most the increments made, at least 1{one}"))
        };
        let demonstrates = match lost {
            0 => "no updates lost this time".to_string(),
            1 => format!("1 update lost ({})", percent(lost, expected)),
            _ => format!("{} updates lost ({})", format_number(lost as f64), percent(lost, expected)),
        };
        Check::demonstration(ok, detail, demonstrates)
    }
}

/// `part` as a percentage of `whole`: to one decimal, or below 0.1% to its first digit that is
/// not zero.
fn percent(part: u64, whole: u64) -> String {
    let share = 100.0 * part as f64 / whole.max(1) as f64;
    if share >= 0.1 || share == 0.0 {
        format!("{share:.1}%")
    } else {
        let decimals = (-share.log10()).ceil() as usize;
        format!("{share:.decimals$}%")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workload::{check, no_input};

    fn params(increments: u64, mode: &str) -> Params {
        Params::from_text(SPEC.params, [("increments", increments.to_string().as_str()), ("mode", mode)]).unwrap()
    }

    fn on_threads(threads: usize, params: &Params) -> (Outcome, Check) {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        let outcome = pool.install(|| SharedCounter.run(params, &no_input())).unwrap();
        let check = check(&SharedCounter, params, &no_input(), &outcome);
        (outcome, check)
    }

    #[test]
    fn exact_modes_are_verified_with_the_counter_in_the_extra_fields() {
        for mode in ["atomic", "mutex", "local"] {
            let (outcome, check) = on_threads(2, &params(300_001, mode));
            assert!(check.verified() && check.kind == CheckKind::Exact, "{mode}: {check:?}");
            assert_eq!(check.detail, "counted exactly 300,001 increments");
            assert_eq!(outcome.summary, "300,001 of 300,001 counted (none lost)");
            assert_eq!(
                serde_json::Value::Object(outcome.extra),
                json!({ "counter": { "expected": 300_001, "actual": 300_001, "lost": 0 } })
            );
        }
    }

    #[test]
    fn the_race_is_a_demonstration_never_verified() {
        let race = params(2_000_000, "unsynchronised");
        let (outcome, check) = on_threads(2, &race);
        assert_eq!(check.kind, CheckKind::Demonstration);
        assert!(check.ok && !check.verified() && !check.failed(), "{check:?}");
        let counter = &outcome.extra["counter"];
        let (actual, lost) = (counter["actual"].as_i64().unwrap(), counter["lost"].as_i64().unwrap());
        assert_eq!((counter["expected"].as_i64(), actual + lost), (Some(2_000_000), 2_000_000));
        let phrase = check.demonstrates.unwrap();
        assert!(phrase == "no updates lost this time" || phrase.contains(" lost ("), "{phrase}");
        // Alone, nothing can be lost, and the check says so.
        let (alone, check) = on_threads(1, &race);
        assert_eq!(alone.digest, 2_000_000);
        assert_eq!(check.demonstrates.as_deref(), Some("no updates lost this time"));
        assert!(check.detail.ends_with("exact with one thread"), "{}", check.detail);
    }

    #[test]
    fn impossible_counts_fail_the_race_s_checks() {
        let race = params(1000, "unsynchronised");
        let (mut outcome, _) = on_threads(1, &race);
        for (actual, needle) in [
            (999, "with one thread, where nothing can be lost"),
            (1001, "more than the 1,000 increments made"),
            (0, "counted nothing"),
        ] {
            outcome.digest = actual;
            let check = check(&SharedCounter, &race, &no_input(), &outcome);
            assert!(!check.ok && check.failed() && check.demonstrates.is_none(), "{actual}: {check:?}");
            assert!(check.detail.contains(needle), "{actual}: {}", check.detail);
        }
        let (mut outcome, _) = on_threads(2, &race);
        outcome.digest = 600;
        let check = check(&SharedCounter, &race, &no_input(), &outcome);
        assert_eq!(check.demonstrates.as_deref(), Some("400 updates lost (40.0%)"));
    }

    #[test]
    fn a_short_count_fails_an_exact_mode() {
        let exact = params(1000, "atomic");
        let (mut outcome, _) = on_threads(2, &exact);
        outcome.digest = 999;
        let check = check(&SharedCounter, &exact, &no_input(), &outcome);
        assert!(check.failed(), "{check:?}");
        assert_eq!(check.detail, "counted 999, expected 1,000");
    }

    #[test]
    fn percentages_keep_their_first_digits() {
        for (part, whole, text) in
            [(187_655, 10_000_000, "1.9%"), (1, 1000, "0.1%"), (4, 100_000, "0.004%"), (5, 10_000, "0.05%")]
        {
            assert_eq!(percent(part, whole), text);
        }
    }
}
