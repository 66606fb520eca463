//! `monte-carlo-pi`: its declaration, run and check.

use std::sync::Arc;

use serde_json::json;

use super::{choice_param, int_param};
use crate::Error;
use crate::kernels::monte_carlo_pi::{self as kernel, Seeding};
use crate::workload::{
    Check, CheckKind, Checks, Engine, Extra, Input, Memory, Outcome, Params, WeakScaling, Workload, WorkloadSpec,
    format_number,
};

/// The declaration and check of this workload.
pub struct MonteCarloPi;

/// The `seeding` choices, in the order of [`Seeding::ALL`].
const SEEDINGS: &[&str] = &["per-chunk", "per-worker", "same-seed"];

static MONTE_CARLO_PI: WorkloadSpec = WorkloadSpec {
    id: "monte-carlo-pi",
    title: "Monte Carlo π",
    description: "Throws N random points at the unit square and counts those inside the quarter \
        circle: 4 × inside / N approaches π. The points come in fixed chunks, each drawn from its \
        own generator seeded by the master seed and the chunk's number, so the estimate is \
        bit-identical whether one worker or sixteen computed it: reproducible randomness. \
        Seeding shows the alternatives: one generator per worker gives an estimate as good, but a \
        different one for every worker count; the same seed on every worker makes the workers \
        throw the same points, so k workers compute only N/k distinct ones.",
    params: &[
        int_param(
            "samples",
            "Samples",
            "points",
            (300_000_000.0, 10_000_000.0, 1.0, 4_000_000_000.0),
            "Random points thrown; the error shrinks as 1/√N.",
        ),
        super::SEED,
        choice_param(
            "seeding",
            "Seeding",
            SEEDINGS,
            0,
            "per-chunk: fixed chunks, each with its own seed (the same result on any number of \
             workers); per-worker: one generator per worker (the result changes with the \
             workers); same-seed: every worker seeded alike (the workers repeat each other's points).",
        ),
    ],
    verification: "Within 6 standard errors of π (a wrong kernel is far outside), and identical \
        to the result at every other worker count. Per-worker and same-seed are demonstrations: \
        within 6 standard errors of π (for same-seed, the standard error of its distinct points), \
        and expected to change with the worker count.",
    weak: WeakScaling::Size { param: "samples", exponent: 1.0, log_power: 0.0 },
    checks: Checks::by_choice("seeding", &[CheckKind::Statistical, CheckKind::Demonstration, CheckKind::Demonstration]),
    engine: Engine::Rayon,
    memory: Memory::Compute,
    image: false,
    limits: &[],
};

/// What the check needs beyond the hit count: how many threads drew the points.
struct Drawn {
    threads: u64,
}

impl Workload for MonteCarloPi {
    fn spec(&self) -> &'static WorkloadSpec {
        &MONTE_CARLO_PI
    }

    fn run(&self, params: &Params, _input: &Input) -> Result<Outcome, Error> {
        let samples = params.int("samples");
        let seeding = Seeding::ALL[params.choice("seeding")];
        let threads = rayon::current_num_threads() as u64;
        let hits = kernel::hits_seeded(samples, params.int("seed"), seeding);
        let pi = kernel::estimate(hits, samples);
        let sigma = kernel::standard_error(samples);
        let mut extra = Extra::new();
        extra.insert(
            "estimate".to_string(),
            json!({
                "pi": pi,
                "standard_error": sigma,
                "errors": (pi - std::f64::consts::PI).abs() / sigma,
                "distinct_samples": kernel::distinct_samples(samples, threads, seeding),
            }),
        );
        Ok(Outcome {
            summary: format!("π ≈ {pi:.6} ({} inside)", format_number(hits as f64)),
            digest: hits,
            image: None,
            detail: Some(Arc::new(Drawn { threads })),
            extra,
        })
    }

    fn verify(&self, params: &Params, _input: &Input, outcome: &Outcome) -> Check {
        let samples = params.int("samples");
        let seeding = Seeding::ALL[params.choice("seeding")];
        let pi = kernel::estimate(outcome.digest, samples);
        let off = (pi - std::f64::consts::PI).abs();
        let threads = outcome.detail_as::<Drawn>().map_or(1, |d| d.threads);
        let distinct = kernel::distinct_samples(samples, threads, seeding);
        // Repeated points carry no new information: the error is that of the distinct ones.
        let sigma = kernel::standard_error(distinct);
        let ok = off <= 6.0 * sigma;
        let of_distinct = if distinct < samples { " of its distinct points" } else { "" };
        let detail = format!("|estimate − π| = {off:.2e}, {:.1} standard errors{of_distinct} (limit 6)", off / sigma);
        let streams = |n: u64| if n == 1 { "1 stream".to_string() } else { format!("{n} streams") };
        match seeding {
            Seeding::PerChunk => Check::new(ok, detail),
            Seeding::PerWorker => Check::demonstration(
                ok,
                detail,
                format!("π ≈ {pi:.5} from {}, one per worker: changes with the worker count", streams(threads)),
            ),
            Seeding::SameSeed if threads <= 1 => Check::demonstration(
                ok,
                detail,
                format!(
                    "all {} samples distinct: one worker draws one stream (more workers would repeat it)",
                    format_number(samples as f64)
                ),
            ),
            Seeding::SameSeed => Check::demonstration(
                ok,
                detail,
                format!(
                    "only {} distinct samples of {}: {threads} workers drew the same stream",
                    format_number(distinct as f64),
                    format_number(samples as f64)
                ),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workload::{check, no_input};

    fn on_threads(threads: usize, samples: u64, seeding: &str) -> (Params, Outcome, Check) {
        let params = Params::from_text(
            MONTE_CARLO_PI.params,
            [("samples", samples.to_string().as_str()), ("seed", "2026"), ("seeding", seeding)],
        )
        .unwrap();
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        let outcome = pool.install(|| MonteCarloPi.run(&params, &no_input())).unwrap();
        let check = check(&MonteCarloPi, &params, &no_input(), &outcome);
        (params, outcome, check)
    }

    #[test]
    fn per_chunk_is_statistical_and_verified_with_its_estimate_in_the_extra_fields() {
        let (_, outcome, check) = on_threads(2, 4_000_000, "per-chunk");
        assert!(check.verified() && check.kind == CheckKind::Statistical, "{check:?}");
        let estimate = &outcome.extra["estimate"];
        let pi = estimate["pi"].as_f64().unwrap();
        assert_eq!(pi, kernel::estimate(outcome.digest, 4_000_000));
        assert_eq!(estimate["standard_error"].as_f64(), Some(kernel::standard_error(4_000_000)));
        let errors = estimate["errors"].as_f64().unwrap();
        assert!((errors * kernel::standard_error(4_000_000) - (pi - std::f64::consts::PI).abs()).abs() < 1e-12);
        assert_eq!(estimate["distinct_samples"], 4_000_000);
    }

    #[test]
    fn one_generator_per_worker_demonstrates_a_result_that_depends_on_k() {
        let (_, one, _) = on_threads(1, 4_000_000, "per-worker");
        let (_, two, check) = on_threads(2, 4_000_000, "per-worker");
        assert_ne!(one.digest, two.digest);
        assert_eq!(check.kind, CheckKind::Demonstration);
        assert!(check.ok && !check.verified() && !check.failed(), "{check:?}");
        let phrase = check.demonstrates.unwrap();
        assert!(phrase.ends_with("from 2 streams, one per worker: changes with the worker count"), "{phrase}");
    }

    #[test]
    fn one_seed_for_all_demonstrates_repeated_samples() {
        let (_, outcome, check) = on_threads(2, 2_000_000, "same-seed");
        assert_eq!(outcome.extra["estimate"]["distinct_samples"], 1_000_000);
        assert_eq!(
            check.demonstrates.as_deref(),
            Some("only 1,000,000 distinct samples of 2,000,000: 2 workers drew the same stream")
        );
        assert!(check.detail.contains("standard errors of its distinct points"), "{}", check.detail);
        let (_, _, alone) = on_threads(1, 2_000_000, "same-seed");
        assert!(alone.demonstrates.unwrap().starts_with("all 2,000,000 samples distinct"));
    }

    #[test]
    fn a_demonstration_far_from_pi_fails() {
        let (params, mut outcome, _) = on_threads(2, 2_000_000, "per-worker");
        outcome.digest = 2_000_000; // every point inside: π ≈ 4
        let check = check(&MonteCarloPi, &params, &no_input(), &outcome);
        assert!(check.failed(), "{check:?}");
    }
}
