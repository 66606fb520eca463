//! The workload catalogue: each workload declared once, with its parameters, its kernel and its
//! check. The page's controls (via `corelab catalogue`), the headless runner and the native runner
//! are all driven from [`ALL`]; adding a workload means a kernel file and an entry here.

use serde::Serialize;

use crate::Error;
use crate::workload::{Engine, Given, ParamKind, ParamSpec, Params, Workload, WorkloadSpec};

mod amdahl;
mod blur;
mod global_lock;
mod imbalanced;
mod mandelbrot;
mod matmul;
mod message_passing;
mod monte_carlo_pi;
mod primes;
mod sha256;
mod shared_counter;
mod sort;
mod sum_of_squares;

pub use amdahl::Amdahl;
pub use blur::Blur;
pub use global_lock::GlobalLock;
pub use imbalanced::Imbalanced;
pub use mandelbrot::Mandelbrot;
pub use matmul::Matmul;
pub use message_passing::MessagePassing;
pub use monte_carlo_pi::MonteCarloPi;
pub use primes::Primes;
pub use sha256::Sha256;
pub use shared_counter::SharedCounter;
pub use sort::Sort;
pub use sum_of_squares::SumOfSquares;

/// Every workload, in the order the page lists them.
pub static ALL: &[&dyn Workload] = &[
    &Primes,
    &SumOfSquares,
    &MonteCarloPi,
    &Mandelbrot,
    &Sha256,
    &Matmul,
    &Sort,
    &Blur,
    &Amdahl,
    &Imbalanced,
    &GlobalLock,
    &SharedCounter,
    &MessagePassing,
];

/// The workloads that run on the rayon pool (natively too): all but those that run only in the
/// browser's plain Web Workers.
pub fn on_rayon() -> impl Iterator<Item = &'static dyn Workload> {
    ALL.iter().copied().filter(|w| w.spec().engine == Engine::Rayon)
}

/// Finds a workload by id.
pub fn find(id: &str) -> Option<&'static dyn Workload> {
    ALL.iter().copied().find(|w| w.spec().id == id)
}

/// Finds a workload by id, or says which ids there are.
pub fn workload(id: &str) -> Result<&'static dyn Workload, Error> {
    find(id).ok_or_else(|| Error::unknown_workload(id, &ids()))
}

/// Finds a workload and validates its parameters as the page gives them (name: number, or
/// name: "choice"), as the wasm boundary receives them. An unknown workload or parameter, or a
/// refused value, is an [`Error`] of that kind naming what was given and what is allowed.
pub fn resolve<'a>(
    id: &str,
    given: impl IntoIterator<Item = (&'a str, &'a Given)>,
) -> Result<(&'static dyn Workload, Params), Error> {
    let workload = workload(id)?;
    let params = Params::from_given(workload.spec().params, given)?;
    Ok((workload, params))
}

/// The ids of every workload, for error messages.
pub fn ids() -> Vec<&'static str> {
    ALL.iter().map(|w| w.spec().id).collect()
}

/// The declarations as the page and the headless runner read them (`pkg/catalogue.json`), with
/// the build; `wasm`, the bytes of the built wasm, adds its [`wasm_id`] to the build, so the page
/// knows which kernels it runs without downloading them to hash them.
pub fn to_json(wasm: Option<&[u8]>) -> String {
    #[derive(Serialize)]
    struct CatalogueBuild {
        #[serde(flatten)]
        build: Build,
        #[serde(skip_serializing_if = "Option::is_none")]
        wasm: Option<String>,
    }
    #[derive(Serialize)]
    struct Catalogue {
        build: CatalogueBuild,
        limits: &'static crate::limits::Limits,
        workloads: Vec<&'static WorkloadSpec>,
    }
    let specs = ALL.iter().map(|w| w.spec()).collect();
    let build = CatalogueBuild { build: Build::CURRENT, wasm: wasm.map(wasm_id) };
    serde_json::to_string_pretty(&Catalogue { build, limits: &crate::limits::LIMITS, workloads: specs })
        .expect("catalogue serialises")
}

/// A wasm build's id: the first 8 bytes of the SHA-256 of its file, in hex. Equal ids, equal
/// kernels; results carry it in `environment.build.wasm`.
pub fn wasm_id(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// Which build of the kernels produced a result: the crate's version and the source revision
/// it was built from (`CORELAB_SOURCE`, set by build.sh from git: a commit, with `+modified`
/// when the kernel sources differ from it; absent outside a git checkout). Results carry it,
/// so comparisons of results from different kernel builds can say so.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Build {
    /// The crate's version.
    pub version: &'static str,
    /// The source revision, where known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<&'static str>,
}

impl Build {
    /// This binary's (or this wasm's) build.
    pub const CURRENT: Build = Build { version: env!("CARGO_PKG_VERSION"), source: option_env!("CORELAB_SOURCE") };
}

/// An integer parameter: `sizes` is (default, quick, min, max).
pub(crate) const fn int_param(
    name: &'static str,
    label: &'static str,
    unit: &'static str,
    sizes: (f64, f64, f64, f64),
    help: &'static str,
) -> ParamSpec {
    let (default, quick, min, max) = sizes;
    ParamSpec { name, label, unit, kind: ParamKind::Integer, choices: &[], default, quick, min, max, help }
}

/// A real-number parameter: `sizes` is (default, quick, min, max).
pub(crate) const fn number_param(
    name: &'static str,
    label: &'static str,
    sizes: (f64, f64, f64, f64),
    help: &'static str,
) -> ParamSpec {
    let (default, quick, min, max) = sizes;
    ParamSpec { name, label, unit: "", kind: ParamKind::Number, choices: &[], default, quick, min, max, help }
}

/// A choice among `choices`, by default the one at index `default`.
pub(crate) const fn choice_param(
    name: &'static str,
    label: &'static str,
    choices: &'static [&'static str],
    default: usize,
    help: &'static str,
) -> ParamSpec {
    let (default, last) = (default as f64, (choices.len() - 1) as f64);
    ParamSpec {
        name,
        label,
        unit: "",
        kind: ParamKind::Choice,
        choices,
        default,
        quick: default,
        min: 0.0,
        max: last,
        help,
    }
}

/// The grain: items per rayon task, on workloads where tasks are cheap enough for it to matter;
/// `unit` names the items ("terms per task").
pub(crate) const fn grain_param(unit: &'static str, default: u64, quick: u64) -> ParamSpec {
    int_param(
        "grain",
        "Grain",
        unit,
        (default as f64, quick as f64, 1.0, 1e9),
        "How many items each parallel task handles. Too small, and starting tasks costs more than \
         the work in them; too large, and there are too few tasks to keep every worker busy.",
    )
}

/// The `seed` parameter shared by workloads that draw random input.
pub(crate) const SEED: ParamSpec = int_param(
    "seed",
    "Seed",
    "",
    (2026.0, 2026.0, 0.0, 9_007_199_254_740_991.0),
    "Master seed: the same seed gives the same input and result on any device and worker count.",
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workload::{Check, CheckKind, Checks, Outcome, check};

    #[test]
    fn weak_scaling_grows_the_work_in_proportion_to_the_workers() {
        for workload in ALL {
            let spec = workload.spec();
            let base = quick(*workload);
            let (same, factor) = base.scaled(spec, 1).unwrap();
            assert_eq!((same.clone(), factor), (base.clone(), 1.0), "{}", spec.id);
            for k in [2, 3, 4] {
                let (grown, factor) = base.scaled(spec, k).unwrap();
                let expected = match spec.weak {
                    crate::workload::WeakScaling::SerialFixed { serial_fraction, .. } => {
                        let s = base.get(serial_fraction);
                        s + (1.0 - s) * k as f64
                    }
                    _ => k as f64,
                };
                assert!((factor / expected - 1.0).abs() < 0.02, "{} k={k}: work x{factor}, not x{expected}", spec.id);
                if k == 2 && spec.engine == Engine::Rayon {
                    let input = workload.prepare(&grown).unwrap();
                    let outcome = workload.run(&grown, &input).unwrap();
                    assert!(!check(*workload, &grown, &input, &outcome).failed(), "{} grown for 2 workers", spec.id);
                }
            }
        }
    }

    #[test]
    fn weak_scaling_rules_with_a_logarithm_follow_the_operations_counted() {
        // The work factor reported under weak scaling is the rule's. Here it is checked against
        // what the kernels do, counted: trial divisions (as primes::is_prime makes them) and
        // sort comparisons. The power alone was 5% off for both at k = 2 (10% for sort at k = 4).
        let divisions = |limit: u64| -> u64 {
            let mut count = 0;
            for n in 5..limit {
                if n % 2 == 0 {
                    continue;
                }
                let mut divisor = 3;
                while divisor * divisor <= n {
                    count += 1;
                    if n % divisor == 0 {
                        break;
                    }
                    divisor += 2;
                }
            }
            count
        };
        let comparisons = |n: u64| -> u64 {
            let mut values = crate::kernels::sort::generate(n as usize, 1).unwrap();
            let mut count = 0;
            values.sort_unstable_by(|a, b| {
                count += 1;
                a.cmp(b)
            });
            count
        };
        let counters: [(&str, &dyn Fn(u64) -> u64); 2] = [("primes", &divisions), ("sort", &comparisons)];
        for (id, count) in counters {
            let workload = *ALL.iter().find(|w| w.spec().id == id).unwrap();
            let (spec, base) = (workload.spec(), quick(workload));
            let crate::workload::WeakScaling::Size { param, .. } = spec.weak else { panic!("{id}: a size rule") };
            for k in [2, 4] {
                let (grown, factor) = base.scaled(spec, k).unwrap();
                let counted = count(grown.int(param)) as f64 / count(base.int(param)) as f64;
                assert!(
                    (counted / factor - 1.0).abs() < 0.01,
                    "{id} k={k}: {counted:.4} times the operations, reported {factor:.4}"
                );
                assert!((factor / k as f64 - 1.0).abs() < 0.001, "{id} k={k}: work x{factor}");
            }
        }
    }

    #[test]
    fn weak_scaling_keeps_amdahls_serial_steps_and_refuses_oversize() {
        let spec = amdahl::Amdahl.spec();
        let params = Params::parse(spec.params, [("work", 1000.0), ("serial_fraction", 0.2)]).unwrap();
        let (grown, factor) = params.scaled(spec, 4).unwrap();
        assert_eq!(crate::kernels::amdahl::split(grown.int("work"), grown.get("serial_fraction")), (200, 3200));
        assert_eq!(factor, 3.4);
        let matmul = matmul::Matmul.spec();
        let big = Params::parse(matmul.params, [("n", 4000.0)]).unwrap();
        let error = big.scaled(matmul, 2).unwrap_err();
        assert_eq!(
            (error.kind(), error.field(), error.given()),
            (crate::ErrorKind::InvalidParam, Some("n"), Some("5,040"))
        );
        assert!(error.message().contains("above its maximum 4,096"), "{error}");
    }

    /// Every workload at its declared quick size.
    fn quick(workload: &dyn Workload) -> Params {
        let spec = workload.spec();
        Params::parse(spec.params, spec.params.iter().map(|p| (p.name, p.quick))).unwrap()
    }

    #[test]
    fn ids_are_unique_and_url_safe() {
        let ids = ids();
        for (i, id) in ids.iter().enumerate() {
            assert!(id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'), "{id}");
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
        for workload in on_rayon() {
            let id = workload.spec().id;
            let params = quick(workload);
            let outcomes: Vec<Outcome> = (1..=3)
                .map(|threads| {
                    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
                    let input = pool.install(|| workload.prepare(&params)).unwrap();
                    pool.install(|| workload.run(&params, &input)).unwrap()
                })
                .collect();
            let input = workload.prepare(&params).unwrap();
            let check = check(workload, &params, &input, &outcomes[0]);
            assert!(check.ok, "{id}: {}", check.detail);
            // What the page says of a saved sweep's picture follows the declaration.
            assert_eq!(outcomes[0].image.is_some(), workload.spec().image, "{id}: a picture or not, as declared");
            // A demonstration may differ by design (a race loses a different number of updates).
            if check.kind != CheckKind::Demonstration {
                assert!(check.verified(), "{id}: {check:?}");
                assert!(outcomes.windows(2).all(|w| w[0] == w[1]), "{id} depends on thread count");
            }
        }
    }

    #[test]
    fn a_wrong_result_fails_its_check() {
        // Bit 62: a count or hit total with it set is far above anything the run could make,
        // which even a demonstration's checks (shared-counter's race) must refuse.
        for workload in on_rayon() {
            let params = quick(workload);
            let input = workload.prepare(&params).unwrap();
            let mut outcome = workload.run(&params, &input).unwrap();
            outcome.digest ^= 1 << 62;
            if let Some(image) = &mut outcome.image {
                image.rgba[0] ^= 0xff;
            }
            let check = check(workload, &params, &input, &outcome);
            assert!(check.failed(), "{}: a corrupted result passed: {}", workload.spec().id, check.detail);
        }
    }

    #[test]
    fn every_choice_dependent_check_has_one_kind_per_choice() {
        for workload in ALL {
            let spec = workload.spec();
            match spec.checks.param {
                None => assert_eq!(spec.checks.kinds.len(), 1, "{}", spec.id),
                Some(name) => {
                    let param = spec.params.iter().find(|p| p.name == name);
                    let param = param.unwrap_or_else(|| panic!("{}: checks by unknown parameter {name}", spec.id));
                    assert_eq!(param.kind, ParamKind::Choice, "{}.{name}", spec.id);
                    assert_eq!(param.choices.len(), spec.checks.kinds.len(), "{}.{name}: one kind per choice", spec.id);
                }
            }
        }
    }

    /// A workload whose kernel calls its own result exact, while its declaration says that
    /// these runs are demonstrations.
    struct Boastful;

    static BOASTFUL: WorkloadSpec = WorkloadSpec {
        id: "boastful",
        title: "",
        description: "",
        params: &[],
        verification: "",
        weak: crate::workload::WeakScaling::Size { param: "n", exponent: 1.0, log_power: 0.0 },
        checks: Checks { param: None, kinds: &[CheckKind::Demonstration] },
        engine: Engine::Rayon,
        memory: crate::workload::Memory::Compute,
        image: false,
        limits: &[],
    };

    impl Workload for Boastful {
        fn spec(&self) -> &'static WorkloadSpec {
            &BOASTFUL
        }
        fn run(&self, _: &Params, _: &crate::workload::Input) -> Result<Outcome, Error> {
            Ok(Outcome { summary: String::new(), digest: 1, image: None, detail: None, extra: Default::default() })
        }
        fn verify(&self, _: &Params, _: &crate::workload::Input, outcome: &Outcome) -> Check {
            Check::new(outcome.digest == 1, "as good as exact")
        }
    }

    #[test]
    fn a_demonstration_is_never_verified_whatever_its_kernel_says() {
        let (params, input) = (Params::parse(&[], []).unwrap(), crate::workload::no_input());
        let mut outcome = Boastful.run(&params, &input).unwrap();
        let held = check(&Boastful, &params, &input, &outcome);
        assert_eq!(held.kind, CheckKind::Demonstration);
        assert!(held.ok && !held.verified() && !held.failed(), "{held:?}");
        assert_eq!(held.demonstrates.as_deref(), Some("as good as exact"), "the detail, when it names nothing");
        outcome.digest = 2;
        let broke = check(&Boastful, &params, &input, &outcome);
        assert!(!broke.verified() && broke.failed() && broke.demonstrates.is_none(), "{broke:?}");
    }

    /// `resolve` with the parameters written as JSON, as the page would give them.
    fn resolve_json(id: &str, json: &str) -> Result<(&'static dyn Workload, Params), Error> {
        let given: std::collections::BTreeMap<String, Given> = serde_json::from_str(json).unwrap();
        resolve(id, given.iter().map(|(name, value)| (name.as_str(), value)))
    }

    #[test]
    fn resolve_refuses_bad_input_with_its_kind_the_field_and_a_sentence() {
        use crate::ErrorKind::{InvalidParam, UnknownParam, UnknownWorkload};
        for (id, json, kind, field, needle) in [
            ("nope", "{}", UnknownWorkload, None, "unknown workload 'nope'; valid workloads: primes, sum-of-squares"),
            (
                "primes",
                r#"{"n": 0}"#,
                InvalidParam,
                Some("n"),
                "N (count primes below) must be from 2 to 100,000,000 (got 0)",
            ),
            ("primes", r#"{"n": 1e300}"#, InvalidParam, Some("n"), "must be from 2 to 100,000,000"),
            ("primes", r#"{"n": "many"}"#, InvalidParam, Some("n"), "parameter 'n' must be a number"),
            ("primes", r#"{"m": 5}"#, UnknownParam, Some("m"), "unknown parameter 'm'; valid parameters: n"),
            (
                "mandelbrot",
                r#"{"width": 0.5}"#,
                InvalidParam,
                Some("width"),
                "Width must be a whole number from 1 to 4,096",
            ),
        ] {
            let error = resolve_json(id, json).err().unwrap_or_else(|| panic!("{id} {json} accepted"));
            assert_eq!((error.kind(), error.field()), (kind, field), "{id} {json}");
            assert!(error.message().contains(needle), "{id} {json}: {error}");
        }
        let error = resolve_json("nope", "{}").err().unwrap();
        assert_eq!(error.given(), Some("nope"));
        assert!(error.allowed().unwrap().starts_with("primes, sum-of-squares, "), "{error:?}");
        let (workload, params) = resolve_json("primes", r#"{"n": 1000}"#).unwrap();
        assert_eq!((workload.spec().id, params.int("n")), ("primes", 1000));
    }

    #[test]
    fn kernel_errors_have_their_kinds() {
        use crate::ErrorKind::{InvalidParam, Unsupported};
        let sha = Sha256.spec();
        let huge = Params::parse(sha.params, [("buffers", 1e5), ("size", 1e6)]).unwrap();
        let error = Sha256.prepare(&huge).expect_err("512 MiB at most");
        assert_eq!((error.kind(), error.field()), (InvalidParam, Some("size")), "{error}");
        assert_eq!(
            error.message(),
            "Buffers (M) × Buffer size (S) must be at most 536,870,912 (512 MiB); 100,000 × 1,000,000 is \
             100,000,000,000: make one of them smaller"
        );
        assert_eq!(error.allowed(), Some("at most 5,368 with Buffers (M) = 100,000"));
        let fits = Params::parse(sha.params, [("buffers", 32.0), ("size", 16_777_216.0)]).unwrap();
        assert!(sha.check_limits(&fits).is_ok(), "exactly 512 MiB is allowed");
        let mp = MessagePassing.spec();
        let error =
            MessagePassing.run(&Params::parse(mp.params, []).unwrap(), &crate::workload::no_input()).unwrap_err();
        assert_eq!(error.kind(), Unsupported);
    }

    #[test]
    fn known_primes_values_are_named_in_the_check() {
        let params = Params::parse(Primes.spec().params, [("n", 1_000_000.0)]).unwrap();
        let input = Primes.prepare(&params).unwrap();
        let check = Primes.verify(&params, &input, &Primes.run(&params, &input).unwrap());
        assert_eq!(check, Check::new(true, "π(10^6) = 78,498 (published value)"));
    }

    #[test]
    fn the_catalogue_names_the_wasm_build_by_its_sha256() {
        let json = |wasm| serde_json::from_str::<serde_json::Value>(&to_json(wasm)).unwrap();
        assert!(json(None)["build"].get("wasm").is_none());
        assert_eq!(json(None)["build"]["version"], env!("CARGO_PKG_VERSION"));
        // SHA-256("abc") = ba7816bf 8f01cfea ... (FIPS 180-2, appendix B.1)
        assert_eq!(json(Some(b"abc"))["build"]["wasm"], "ba7816bf8f01cfea");
    }

    #[test]
    fn the_catalogue_carries_the_limits_every_runner_checks() {
        let json: serde_json::Value = serde_json::from_str(&to_json(None)).unwrap();
        let limits = &json["limits"];
        assert_eq!(limits["repeats"], serde_json::json!({"min": 1.0, "max": 100.0, "default": 6.0}));
        assert_eq!(limits["budget_s"], serde_json::json!({"min": 1.0, "max": 600.0, "default": 30.0}));
        assert_eq!(limits["max_workers"], crate::limits::MAX_WORKERS);
        assert_eq!(limits["max_varied_values"], crate::limits::MAX_VARIED_VALUES);
        assert_eq!(limits["spot_check_stride"], crate::limits::SPOT_CHECK_STRIDE);
    }

    /// The spot checks' stride is a constant; their descriptions are prose, so this keeps the
    /// number the reader sees equal to the one the code uses.
    #[test]
    fn spot_check_descriptions_name_the_stride() {
        let every = format!("very {}th ", crate::limits::SPOT_CHECK_STRIDE);
        for id in ["blur", "mandelbrot", "sha256"] {
            let verification = find(id).unwrap().spec().verification;
            assert!(verification.contains(&every), "{id}: {verification}");
        }
    }

    #[test]
    fn catalogue_json_lists_every_parameter() {
        let json: serde_json::Value = serde_json::from_str(&to_json(None)).unwrap();
        let workloads = json["workloads"].as_array().unwrap();
        assert_eq!(workloads.len(), ALL.len());
        assert_eq!(json["workloads"][0]["params"][0]["name"], "n");
        assert_eq!(json["workloads"][0]["params"][0]["kind"], "integer");
        assert_eq!(json["workloads"][0]["params"][0]["max"], 100_000_000.0);
        assert_eq!(json["workloads"][0]["checks"], serde_json::json!({"param": null, "kinds": ["exact"]}));
        assert_eq!(json["workloads"][0]["engine"], "rayon");
        let by_id = |id: &str| workloads.iter().find(|w| w["id"] == id).unwrap().clone();
        assert_eq!(
            by_id("shared-counter")["checks"],
            serde_json::json!({"param": "mode", "kinds": ["demonstration", "exact", "exact", "exact"]})
        );
        assert_eq!(
            by_id("monte-carlo-pi")["checks"],
            serde_json::json!({"param": "seeding", "kinds": ["statistical", "demonstration", "demonstration"]})
        );
        assert_eq!(by_id("message-passing")["engine"], "web-workers");
        assert_eq!(by_id("amdahl")["memory"], "compute");
        assert_eq!(by_id("sha256")["memory"], "streams");
        assert_eq!(by_id("shared-counter")["memory"], "shared-writes");
        assert_eq!(
            (by_id("mandelbrot")["image"].clone(), by_id("primes")["image"].clone()),
            (true.into(), false.into())
        );
        assert_eq!(workloads.last().unwrap()["id"], "message-passing");
    }
}
