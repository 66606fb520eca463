//! The workload catalogue: each workload declared once, with its parameters, its kernel and its
//! check. The page's controls (via `corelab catalogue`), the headless runner and the native runner
//! are all driven from [`ALL`]; adding a workload means a kernel file and an entry here.

use serde::Serialize;

use crate::kernels::{mandelbrot, monte_carlo_pi, primes, sum_of_squares};
use crate::workload::{
    format_number, try_zeroed, Check, Image, KernelError, Outcome, ParamKind, ParamSpec, Params,
    Workload, WorkloadSpec,
};

/// Every workload, in the order the page lists them.
pub static ALL: &[&dyn Workload] = &[&Primes, &SumOfSquares, &MonteCarloPi, &Mandelbrot];

/// Finds a workload by id.
pub fn find(id: &str) -> Option<&'static dyn Workload> {
    ALL.iter().copied().find(|w| w.spec().id == id)
}

/// Finds a workload and validates its parameters (a JSON object of name: number), as the wasm
/// boundary receives them. Errors are sentences naming the workload or the field and its range.
pub fn resolve(id: &str, params_json: &str) -> Result<(&'static dyn Workload, Params), String> {
    let workload = find(id)
        .ok_or_else(|| format!("unknown workload '{id}'; valid workloads: {}", ids().join(", ")))?;
    let params = Params::from_json(workload.spec().params, params_json).map_err(|e| e.message)?;
    Ok((workload, params))
}

/// The ids of every workload, for error messages.
pub fn ids() -> Vec<&'static str> {
    ALL.iter().map(|w| w.spec().id).collect()
}

/// The declarations as the page and the headless runner read them (`pkg/catalogue.json`).
pub fn to_json() -> String {
    #[derive(Serialize)]
    struct Catalogue {
        workloads: Vec<&'static WorkloadSpec>,
    }
    let specs = ALL.iter().map(|w| w.spec()).collect();
    serde_json::to_string_pretty(&Catalogue { workloads: specs }).expect("catalogue serialises")
}

/// An integer parameter: `sizes` is (default, quick, min, max).
const fn int_param(
    name: &'static str,
    label: &'static str,
    unit: &'static str,
    sizes: (f64, f64, f64, f64),
    help: &'static str,
) -> ParamSpec {
    let (default, quick, min, max) = sizes;
    ParamSpec { name, label, unit, kind: ParamKind::Integer, default, quick, min, max, help }
}

// ---------------------------------------------------------------------------------------------

struct Primes;

static PRIMES: WorkloadSpec = WorkloadSpec {
    id: "primes",
    title: "Prime counting",
    description: "Counts the primes below N by trial division: every number is tested on its own, \
        so the work splits across cores with nothing shared but the final count. Bigger numbers \
        take longer to test, and rayon's work stealing keeps every core busy anyway. This is the \
        classic CPU-bound task that Python threads cannot speed up and processes can.",
    params: &[int_param(
        "n",
        "N (count primes below)",
        "",
        (5_000_000.0, 300_000.0, 2.0, 100_000_000.0),
        "Numbers below N are tested; time grows a little faster than N.",
    )],
    verification: "Equal to the count from a sieve of Eratosthenes (a different algorithm), \
        and to the published value of π(10^k) when N is a power of ten.",
};

impl Workload for Primes {
    fn spec(&self) -> &'static WorkloadSpec {
        &PRIMES
    }

    fn run(&self, params: &Params) -> Result<Outcome, KernelError> {
        let count = primes::count_parallel(params.int("n") as u32);
        Ok(Outcome { summary: format!("{} primes", format_number(count as f64)), digest: count, image: None })
    }

    fn verify(&self, params: &Params, outcome: &Outcome) -> Check {
        let limit = params.int("n") as u32;
        if let Some(&(_, known)) = primes::KNOWN_PI.iter().find(|(l, _)| *l == limit) {
            let exponent = limit.ilog10();
            return Check::new(
                outcome.digest == known,
                format!("π(10^{exponent}) = {} (published value)", format_number(known as f64)),
            );
        }
        let sieve = primes::count_sieve(limit);
        Check::new(
            outcome.digest == sieve,
            format!("sieve of Eratosthenes counts {}", format_number(sieve as f64)),
        )
    }
}

// ---------------------------------------------------------------------------------------------

struct SumOfSquares;

static SUM_OF_SQUARES: WorkloadSpec = WorkloadSpec {
    id: "sum-of-squares",
    title: "Sum of squares",
    description: "Adds up i × i for every i below N, exactly, in 128-bit integers: a loop with no \
        memory traffic, so it scales almost perfectly. A compiler would normally replace this loop \
        with a formula; here every term is really computed, and the formula checks the answer.",
    params: &[int_param(
        "n",
        "N (terms)",
        "",
        (1_000_000_000.0, 30_000_000.0, 1.0, sum_of_squares::MAX_N as f64),
        "Sums i × i for i from 0 to N − 1; time grows in proportion to N.",
    )],
    verification: "Equal to the closed form (N−1)·N·(2N−1)/6.",
};

impl Workload for SumOfSquares {
    fn spec(&self) -> &'static WorkloadSpec {
        &SUM_OF_SQUARES
    }

    fn run(&self, params: &Params) -> Result<Outcome, KernelError> {
        let total = sum_of_squares::sum_parallel(params.int("n"));
        Ok(Outcome { summary: format!("sum = {total}"), digest: fold_u128(total), image: None })
    }

    fn verify(&self, params: &Params, outcome: &Outcome) -> Check {
        let exact = sum_of_squares::closed_form(params.int("n"));
        Check::new(outcome.digest == fold_u128(exact), format!("closed form (N−1)N(2N−1)/6 = {exact}"))
    }
}

fn fold_u128(value: u128) -> u64 {
    (value as u64) ^ ((value >> 64) as u64).rotate_left(17)
}

// ---------------------------------------------------------------------------------------------

struct MonteCarloPi;

static MONTE_CARLO_PI: WorkloadSpec = WorkloadSpec {
    id: "monte-carlo-pi",
    title: "Monte Carlo π",
    description: "Throws N random points at the unit square and counts those inside the quarter \
        circle: 4 × inside / N approaches π. The points come in fixed chunks, each drawn from its \
        own generator seeded by the master seed and the chunk's number, so the estimate is \
        bit-identical whether one worker or sixteen computed it: reproducible randomness.",
    params: &[
        int_param(
            "samples",
            "Samples",
            "points",
            (300_000_000.0, 10_000_000.0, 1.0, 4_000_000_000.0),
            "Random points thrown; the error shrinks as 1/√N.",
        ),
        int_param(
            "seed",
            "Seed",
            "",
            (2026.0, 2026.0, 0.0, 9_007_199_254_740_991.0),
            "Master seed: the same seed gives the same estimate on any device and worker count.",
        ),
    ],
    verification: "Within 6 standard errors of π (a wrong kernel is far outside), and identical \
        to the result at every other worker count.",
};

impl Workload for MonteCarloPi {
    fn spec(&self) -> &'static WorkloadSpec {
        &MONTE_CARLO_PI
    }

    fn run(&self, params: &Params) -> Result<Outcome, KernelError> {
        let samples = params.int("samples");
        let hits = monte_carlo_pi::hits_parallel(samples, params.int("seed"));
        let pi = monte_carlo_pi::estimate(hits, samples);
        Ok(Outcome {
            summary: format!("π ≈ {pi:.6} ({} inside)", format_number(hits as f64)),
            digest: hits,
            image: None,
        })
    }

    fn verify(&self, params: &Params, outcome: &Outcome) -> Check {
        let samples = params.int("samples");
        let pi = monte_carlo_pi::estimate(outcome.digest, samples);
        let sigma = monte_carlo_pi::standard_error(samples);
        let off = (pi - std::f64::consts::PI).abs();
        Check::new(
            off <= 6.0 * sigma,
            format!("|estimate − π| = {off:.2e}, {:.1} standard errors (limit 6)", off / sigma),
        )
    }
}

// ---------------------------------------------------------------------------------------------

struct Mandelbrot;

static MANDELBROT: WorkloadSpec = WorkloadSpec {
    id: "mandelbrot",
    title: "Mandelbrot set",
    description: "Iterates z ← z² + c for every pixel of a W × H image until z escapes or the \
        iteration limit is reached. Pixels are independent, but those inside the set cost the \
        full limit while those far outside escape at once, so the rows are very unequal: a \
        lesson in load balancing that rayon's work stealing handles for us.",
    params: &[
        int_param("width", "Width", "px", (1200.0, 300.0, 1.0, 4096.0), "Image width in pixels."),
        int_param("height", "Height", "px", (800.0, 200.0, 1.0, 4096.0), "Image height in pixels."),
        int_param(
            "max_iter",
            "Iteration limit",
            "iterations",
            (1000.0, 500.0, 1.0, 100_000.0),
            "Iterations before a point counts as inside the set; time grows with it.",
        ),
    ],
    verification: "Every 16th row and the last recomputed serially and compared byte for byte; \
        the checksum identical at every worker count.",
};

impl Workload for Mandelbrot {
    fn spec(&self) -> &'static WorkloadSpec {
        &MANDELBROT
    }

    fn run(&self, params: &Params) -> Result<Outcome, KernelError> {
        let (width, height, max_iter) = mandelbrot_size(params);
        let mut rgba = try_zeroed::<u8>(width as usize * height as usize * 4, "image")?;
        let checksum = mandelbrot::render_parallel(width, height, max_iter, &mut rgba);
        Ok(Outcome {
            summary: format!("{width} × {height} image, checksum {checksum:016x}"),
            digest: checksum,
            image: Some(Image { width, height, rgba }),
        })
    }

    fn verify(&self, params: &Params, outcome: &Outcome) -> Check {
        let (width, height, max_iter) = mandelbrot_size(params);
        let Some(image) = &outcome.image else {
            return Check::new(false, "no image was produced");
        };
        match mandelbrot::spot_check_rows(width, height, max_iter, &image.rgba, 16) {
            Ok(rows) => Check::new(true, format!("{rows} rows equal the serial reference")),
            Err(row) => Check::new(false, format!("row {row} differs from the serial reference")),
        }
    }
}

fn mandelbrot_size(params: &Params) -> (u32, u32, u32) {
    (params.int("width") as u32, params.int("height") as u32, params.int("max_iter") as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every workload at its declared quick size.
    fn quick(workload: &dyn Workload) -> Params {
        let spec = workload.spec();
        Params::parse(spec.params, spec.params.iter().map(|p| (p.name, p.quick))).unwrap()
    }

    #[test]
    fn ids_are_unique_and_url_safe() {
        let ids = ids();
        for (i, id) in ids.iter().enumerate() {
            assert!(id.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{id}");
            assert!(!ids[i + 1..].contains(id), "{id} twice");
        }
    }

    #[test]
    fn defaults_are_in_range() {
        for workload in ALL {
            for p in workload.spec().params {
                let id = workload.spec().id;
                assert!(p.min <= p.default && p.default <= p.max, "{id}.{} default", p.name);
                assert!(p.min <= p.quick && p.quick <= p.max, "{id}.{} quick", p.name);
            }
        }
    }

    #[test]
    fn every_workload_verifies_and_is_the_same_on_one_to_three_threads() {
        for workload in ALL {
            let id = workload.spec().id;
            let params = quick(*workload);
            let outcomes: Vec<Outcome> = (1..=3)
                .map(|threads| {
                    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
                    pool.install(|| workload.run(&params)).unwrap()
                })
                .collect();
            let check = workload.verify(&params, &outcomes[0]);
            assert!(check.ok, "{id}: {}", check.detail);
            assert!(outcomes.windows(2).all(|w| w[0] == w[1]), "{id} depends on thread count");
        }
    }

    #[test]
    fn a_wrong_result_fails_its_check() {
        for workload in ALL {
            let params = quick(*workload);
            let mut outcome = workload.run(&params).unwrap();
            outcome.digest ^= 1 << 20;
            if let Some(image) = &mut outcome.image {
                image.rgba[0] ^= 0xff;
            }
            let check = workload.verify(&params, &outcome);
            assert!(!check.ok, "{}: a corrupted result passed: {}", workload.spec().id, check.detail);
        }
    }

    #[test]
    fn resolve_refuses_bad_input_with_a_sentence() {
        for (id, json, needle) in [
            ("nope", "{}", "unknown workload 'nope'; valid workloads: primes, sum-of-squares"),
            ("primes", r#"{"n": 0}"#, "N (count primes below) must be from 2 to 100,000,000 (got 0)"),
            ("primes", r#"{"n": 1e300}"#, "must be from 2 to 100,000,000"),
            ("primes", r#"{"n": "many"}"#, "parameter 'n' must be a number"),
            ("primes", r#"{"m": 5}"#, "unknown parameter 'm'; valid parameters: n"),
            ("mandelbrot", r#"{"width": 0.5}"#, "Width must be a whole number from 1 to 4,096"),
            ("primes", "not json", "parameters must be a JSON object of numbers"),
        ] {
            let error = resolve(id, json).err().unwrap_or_else(|| panic!("{id} {json} accepted"));
            assert!(error.contains(needle), "{id} {json}: {error}");
        }
        let (workload, params) = resolve("primes", r#"{"n": 1000}"#).unwrap();
        assert_eq!((workload.spec().id, params.int("n")), ("primes", 1000));
    }

    #[test]
    fn known_primes_values_are_named_in_the_check() {
        let params = Params::parse(PRIMES.params, [("n", 1_000_000.0)]).unwrap();
        let check = Primes.verify(&params, &Primes.run(&params).unwrap());
        assert_eq!(check, Check::new(true, "π(10^6) = 78,498 (published value)"));
    }

    #[test]
    fn catalogue_json_lists_every_parameter() {
        let json: serde_json::Value = serde_json::from_str(&to_json()).unwrap();
        let workloads = json["workloads"].as_array().unwrap();
        assert_eq!(workloads.len(), ALL.len());
        assert_eq!(json["workloads"][0]["params"][0]["name"], "n");
        assert_eq!(json["workloads"][0]["params"][0]["kind"], "integer");
        assert_eq!(json["workloads"][0]["params"][0]["max"], 100_000_000.0);
    }
}
