//! `primes`: its declaration, run and check.

use super::int_param;
use crate::Error;
use crate::kernels::primes;
use crate::workload::{
    Check, Checks, Engine, Extra, Input, Memory, Outcome, Params, WeakScaling, Workload, WorkloadSpec, format_number,
};

/// The declaration and check of this workload.
pub struct Primes;

static PRIMES: WorkloadSpec = WorkloadSpec {
    id: "primes",
    title: "Prime counting",
    description: "Counts the primes below N by trial division: every number is tested on its own, \
        so the work splits across cores with nothing shared but the final count. Bigger numbers \
        take longer to test, and rayon's work stealing keeps every core busy anyway. This is the \
        classic CPU-bound task that Python threads cannot speed up and processes can.",
    params: &[
        int_param(
            "n",
            "N (count primes below)",
            "",
            (5_000_000.0, 300_000.0, 2.0, 100_000_000.0),
            "Numbers below N are tested; time grows a little faster than N.",
        ),
        super::grain_param("numbers per task", primes::GRAIN, primes::GRAIN),
    ],
    verification: "Equal to the count from a sieve of Eratosthenes (a different algorithm), \
        and to the published value of π(10^k) when N is a power of ten.",
    // Trial division up to N costs about N^1.5 / ln N asymptotically (a prime p costs sqrt(p)/2
    // divisions, and 1 in ln N numbers is prime); composites with large factors add to it, and
    // over 3e5-5e6 the divisions counted follow N^1.5 / (ln N)^1.4 to within 0.7% at k = 2-4
    // (the test weak_scaling_rules_with_a_logarithm_follow_the_operations_counted).
    weak: WeakScaling::Size { param: "n", exponent: 1.5, log_power: -1.4 },
    checks: Checks::EXACT,
    engine: Engine::Rayon,
    memory: Memory::Compute,
    image: false,
    limits: &[],
};

impl Workload for Primes {
    fn spec(&self) -> &'static WorkloadSpec {
        &PRIMES
    }

    fn run(&self, params: &Params, _input: &Input) -> Result<Outcome, Error> {
        let count = primes::count_parallel(params.int("n") as u32, params.int("grain"));
        Ok(Outcome {
            summary: format!("{} primes", format_number(count as f64)),
            digest: count,
            image: None,
            detail: None,
            extra: Extra::new(),
        })
    }

    fn verify(&self, params: &Params, _input: &Input, outcome: &Outcome) -> Check {
        let limit = params.int("n") as u32;
        if let Some(&(_, known)) = primes::KNOWN_PI.iter().find(|(l, _)| *l == limit) {
            let exponent = limit.ilog10();
            return Check::new(
                outcome.digest == known,
                format!("π(10^{exponent}) = {} (published value)", format_number(known as f64)),
            );
        }
        let sieve = primes::count_sieve(limit);
        Check::new(outcome.digest == sieve, format!("sieve of Eratosthenes counts {}", format_number(sieve as f64)))
    }
}
