//! What every workload shares: parameter declarations, validated parameter values, the outcome
//! of a run and the check of that outcome against an independent reference.

use std::any::Any;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use rayon::iter::ParallelExtend;
use serde::{Deserialize, Serialize};

use crate::Error;

/// How a parameter's value is read and checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ParamKind {
    /// A whole number; the value must have no fractional part.
    Integer,
    /// Any finite number in range.
    Number,
    /// One of the names in `choices`; the value is its index (`min` 0, `max` the last index).
    Choice,
}

/// The declaration of one workload parameter. The page builds its input from this, the runners
/// accept `--param name=value` by `name`, and [`Params::parse`] validates against it.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct ParamSpec {
    /// Stable identifier used in URLs, JSON and `--param`.
    pub name: &'static str,
    /// Human label for the control.
    pub label: &'static str,
    /// Unit shown beside the control (may be empty).
    pub unit: &'static str,
    /// Integer, real number, or choice.
    pub kind: ParamKind,
    /// The names a [`ParamKind::Choice`] offers (empty otherwise); values are their indices.
    pub choices: &'static [&'static str],
    /// Default value, sized so one worker on a laptop takes roughly 0.5-2 s.
    pub default: f64,
    /// A small size that still does real work (tens of milliseconds), for quick demos and for
    /// the tests that run every workload in the browser.
    pub quick: f64,
    /// Smallest allowed value (inclusive).
    pub min: f64,
    /// Largest allowed value (inclusive).
    pub max: f64,
    /// One sentence on what the parameter changes.
    pub help: &'static str,
}

impl ParamSpec {
    /// The allowed range in words, as error messages and the page show it.
    pub fn range_text(&self) -> String {
        format!("{} to {}", format_number(self.min), format_number(self.max))
    }

    /// What the parameter accepts, in words: its range, or its choices.
    pub fn allowed_text(&self) -> String {
        match self.kind {
            ParamKind::Choice => self.choices.join(", "),
            _ => self.range_text(),
        }
    }

    /// The error for `given`, which this parameter refuses for the reason `message` says.
    fn refuse(&self, given: impl Into<String>, message: String) -> Error {
        Error::invalid_param(self.name, given, self.allowed_text(), message)
    }

    /// Reads a value as typed on a command line or in a URL: a number (`5000000`, `5_000_000`,
    /// `1e6`), or for a choice one of its names.
    pub fn parse_text(&self, text: &str) -> Result<f64, Error> {
        let text = text.trim();
        if self.kind == ParamKind::Choice {
            return self.choices.iter().position(|c| *c == text).map(|i| i as f64).ok_or_else(|| {
                self.refuse(text, format!("{} must be one of {} (got '{text}')", self.label, self.choices.join(", ")))
            });
        }
        match text.replace('_', "").parse::<f64>() {
            Ok(value) => self.check(value),
            Err(_) => {
                Err(self
                    .refuse(text, format!("{} must be a number from {} (got '{text}')", self.label, self.range_text())))
            }
        }
    }

    fn check(&self, value: f64) -> Result<f64, Error> {
        let bad = |reason: String| self.refuse(format_number(value), reason);
        if self.kind == ParamKind::Choice {
            return match self.choices.get(value as usize) {
                Some(_) if value.fract() == 0.0 && value >= 0.0 => Ok(value),
                _ => Err(bad(format!("{} must be one of {}", self.label, self.choices.join(", ")))),
            };
        }
        if !value.is_finite() {
            return Err(bad(format!("{} must be a number from {}", self.label, self.range_text())));
        }
        if self.kind == ParamKind::Integer && value.fract() != 0.0 {
            return Err(bad(format!("{} must be a whole number from {} (got {value})", self.label, self.range_text())));
        }
        if value < self.min || value > self.max {
            return Err(bad(format!(
                "{} must be from {} (got {})",
                self.label,
                self.range_text(),
                format_number(value)
            )));
        }
        Ok(value)
    }
}

/// Formats a number with thousands separators when it is whole, as the page does.
pub fn format_number(value: f64) -> String {
    if value.fract() != 0.0 || value.abs() >= 1e16 {
        return value.to_string();
    }
    let digits = format!("{}", value.abs() as u64);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if value < 0.0 { format!("-{out}") } else { out }
}

/// The declaration of one workload: everything the page and the runners need to offer it.
#[derive(Debug, Serialize)]
pub struct WorkloadSpec {
    /// Stable identifier (`primes`, `monte-carlo-pi`, ...).
    pub id: &'static str,
    /// Title for menus and headings.
    pub title: &'static str,
    /// One paragraph on what it computes and what it teaches.
    pub description: &'static str,
    /// Its size parameters.
    pub params: &'static [ParamSpec],
    /// What the result is checked against.
    pub verification: &'static str,
    /// How the workload grows with the workers under weak scaling.
    pub weak: WeakScaling,
    /// What kind of check each run gets: exact, statistical or a demonstration, possibly
    /// depending on a choice parameter.
    pub checks: Checks,
    /// Where it runs: on the rayon pool (natively, or in wasm on Web Workers sharing memory), or
    /// only in the browser, in plain JS Web Workers.
    pub engine: Engine,
    /// What its threads do with memory, which decides why they may run slower side by side than
    /// alone: the page's explanations name only the causes that can apply to it.
    pub memory: Memory,
    /// Whether a run makes a picture (the page shows it): a saved sweep brought back without it
    /// says so, since the library keeps the timings, not the pixels.
    pub image: bool,
    /// Bounds on the product of two parameters (sha256's Buffers × Buffer size), which no single
    /// parameter's range can say. Declared here so the page refuses them before a run, as
    /// [`WorkloadSpec::check_limits`] does in the kernels.
    pub limits: &'static [ProductLimit],
}

/// At most `max` for `params[0] × params[1]`; past it, the parameter `field` is blamed (the field
/// the page marks, and the one a size sweep stops at).
#[derive(Debug, Serialize)]
pub struct ProductLimit {
    /// The two parameters multiplied.
    pub params: [&'static str; 2],
    /// The largest product allowed.
    pub max: f64,
    /// Which of the two is named as at fault.
    pub field: &'static str,
    /// The bound in the user's terms, beside the number ("512 MiB").
    pub text: &'static str,
}

impl WorkloadSpec {
    /// Refuses parameters past one of [`WorkloadSpec::limits`], naming its field. The page says
    /// the same in the same words (www/js/input.js `checkLimits`).
    pub fn check_limits(&self, params: &Params) -> Result<(), Error> {
        for limit in self.limits {
            let [a, b] = limit.params.map(|name| self.param(name));
            let (x, y) = (params.get(a.name), params.get(b.name));
            if x * y <= limit.max {
                continue;
            }
            let (field, other, other_value) = if limit.field == a.name { (a, b, y) } else { (b, a, x) };
            let most = (limit.max / other_value.max(1.0)).floor();
            return Err(Error::invalid_param(
                field.name,
                format_number(params.get(field.name)),
                format!("at most {} with {} = {}", format_number(most), other.label, format_number(other_value)),
                format!(
                    "{} × {} must be at most {} ({}); {} × {} is {}: make one of them smaller",
                    a.label,
                    b.label,
                    format_number(limit.max),
                    limit.text,
                    format_number(x),
                    format_number(y),
                    format_number(x * y)
                ),
            ));
        }
        Ok(())
    }

    /// A declared parameter. Panics on a name the workload did not declare, which is a bug in
    /// its declaration, never a user error.
    fn param(&self, name: &str) -> &'static ParamSpec {
        self.params.iter().find(|p| p.name == name).expect("a limit names declared parameters")
    }
}

/// What a run's check establishes, and so how its result is reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CheckKind {
    /// Equal to an independent reference, and identical at every worker count.
    Exact,
    /// Within a tolerance of the truth (a random estimate), and by design identical at every
    /// worker count.
    Statistical,
    /// Expected to differ: updates lost in a race, an estimate that changes with the worker
    /// count. What can be checked still is; a run whose checks hold is reported as
    /// "demonstrates: ...", never as verified and never as a failure.
    Demonstration,
}

impl CheckKind {
    /// The name used in the catalogue and the results: "exact", "statistical", "demonstration".
    pub fn name(self) -> &'static str {
        match self {
            CheckKind::Exact => "exact",
            CheckKind::Statistical => "statistical",
            CheckKind::Demonstration => "demonstration",
        }
    }
}

/// The kind of check a workload's runs get: one kind, or one per choice of a choice parameter
/// (a race is a demonstration, the same count under a lock is exact).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Checks {
    /// The choice parameter the kind depends on, or `None` for one kind.
    pub param: Option<&'static str>,
    /// One kind when `param` is `None`, else one per choice of `param`, in its order.
    pub kinds: &'static [CheckKind],
}

impl Checks {
    /// Every run is checked exactly.
    pub const EXACT: Checks = Checks { param: None, kinds: &[CheckKind::Exact] };
    /// Every run is checked within a statistical tolerance.
    pub const STATISTICAL: Checks = Checks { param: None, kinds: &[CheckKind::Statistical] };

    /// The kind depends on the choice parameter `param`: `kinds[i]` for its i-th choice.
    pub const fn by_choice(param: &'static str, kinds: &'static [CheckKind]) -> Checks {
        Checks { param: Some(param), kinds }
    }

    /// The kind of check a run with these parameters gets.
    pub fn kind_for(&self, params: &Params) -> CheckKind {
        match self.param {
            None => self.kinds[0],
            Some(param) => self.kinds[params.choice(param)],
        }
    }
}

/// Where a workload runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Engine {
    /// Rust on a rayon pool: natively in `corelab bench`, in the browser on wasm threads.
    Rayon,
    /// Plain JS Web Workers in the browser, with no wasm pool; its Rust `run` refuses to run.
    WebWorkers,
}

/// What a workload's threads do with memory: the causes a slowdown beside other threads can have.
/// Every workload can lose to other programs on the cores, to logical cores sharing a physical
/// one, or to a clock that drops when more cores are busy; these add their own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Memory {
    /// Arithmetic on a few values per thread: it reads little memory and writes nothing another
    /// thread reads, so neither memory bandwidth nor contention for data applies.
    Compute,
    /// Moves large arrays through memory (reads, writes or copies them): the threads share the
    /// memory bandwidth.
    Streams,
    /// Its threads write the same data (a counter, a lock): its cache line is passed from core to
    /// core.
    SharedWrites,
}

/// How a workload grows under weak scaling, where the work grows in proportion to the workers
/// (Gustafson's view: more cores are used for bigger problems, not only faster answers).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum WeakScaling {
    /// The work grows as `param`^`exponent` · (ln `param`)^`log_power`: on k workers the
    /// parameter grows until that is k times as much (rounded), and the work factor reported is
    /// the rule's ratio for the value run. The logarithm matters: with N^1.5 alone for trial
    /// division, N = 2e6 grown for 2 workers did about 1.9 times the divisions while 2 was
    /// reported, and an engineer's weak run read an efficiency of 103%; sorting's N ln N was
    /// declared N, 5% short at k = 2 and 10% at k = 4.
    Size {
        /// The parameter that sets the size.
        param: &'static str,
        /// Work ∝ param^exponent · (ln param)^log_power.
        exponent: f64,
        /// The power of ln param in the work (0 for none).
        log_power: f64,
    },
    /// The serial share keeps its size while the parallel share grows k-fold, as Gustafson's law
    /// assumes: `work` becomes work·(s + (1 − s)·k) and `serial_fraction` s shrinks to match.
    SerialFixed {
        /// The parameter with the total work.
        work: &'static str,
        /// The parameter with the serial share of it.
        serial_fraction: &'static str,
    },
}

/// The error for a parameter name the workload does not declare, listing the ones it does.
fn unknown_param(specs: &[ParamSpec], name: &str) -> Error {
    Error::unknown_param(name, &specs.iter().map(|s| s.name).collect::<Vec<_>>())
}

/// A parameter's value as the page gives it: a number, or a choice by its name. Anything else
/// (true, null, a list, an object) is kept as what it is, so that it is refused naming its field
/// rather than failing the whole object.
#[derive(Clone, Debug, PartialEq)]
pub enum Given {
    /// A number.
    Number(f64),
    /// Text: the name of a choice (a number as text is refused, as the page never sends one).
    Text(String),
    /// Anything else, in words ("true", "null", "a list", "an object").
    Other(&'static str),
}

impl<'de> Deserialize<'de> for Given {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Given, D::Error> {
        use serde::de::{IgnoredAny, MapAccess, SeqAccess, Visitor};
        struct GivenVisitor;
        impl<'de> Visitor<'de> for GivenVisitor {
            type Value = Given;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number or a choice's name")
            }
            fn visit_f64<E>(self, v: f64) -> Result<Given, E> {
                Ok(Given::Number(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Given, E> {
                Ok(Given::Number(v as f64))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Given, E> {
                Ok(Given::Number(v as f64))
            }
            fn visit_str<E>(self, v: &str) -> Result<Given, E> {
                Ok(Given::Text(v.to_string()))
            }
            fn visit_string<E>(self, v: String) -> Result<Given, E> {
                Ok(Given::Text(v))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Given, E> {
                Ok(Given::Other(if v { "true" } else { "false" }))
            }
            fn visit_unit<E>(self) -> Result<Given, E> {
                Ok(Given::Other("null"))
            }
            fn visit_none<E>(self) -> Result<Given, E> {
                Ok(Given::Other("null"))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Given, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Given::Other("a list"))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Given, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Given::Other("an object"))
            }
        }
        deserializer.deserialize_any(GivenVisitor)
    }
}

impl fmt::Display for Given {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Given::Number(value) => f.write_str(&format_number(*value)),
            Given::Text(text) => write!(f, "{text:?}"),
            Given::Other(what) => f.write_str(what),
        }
    }
}

/// Parameters that are not an object of `name: value` at all: an error about the field `params`.
pub fn malformed_params(reason: impl fmt::Display) -> Error {
    Error::invalid_params(format!("parameters must be an object of numbers: {reason}")).on_field("params")
}

/// Validated parameter values for one workload: every declared parameter is present and in range.
#[derive(Clone, Debug, PartialEq)]
pub struct Params {
    values: BTreeMap<&'static str, f64>,
}

impl Params {
    /// Validates `given` against `specs`: unknown names and out-of-range values are refused,
    /// missing ones take their default.
    pub fn parse<'a>(
        specs: &'static [ParamSpec],
        given: impl IntoIterator<Item = (&'a str, f64)>,
    ) -> Result<Params, Error> {
        let mut values: BTreeMap<&'static str, f64> = specs.iter().map(|s| (s.name, s.default)).collect();
        for (name, value) in given {
            let Some(spec) = specs.iter().find(|s| s.name == name) else {
                return Err(unknown_param(specs, name));
            };
            values.insert(spec.name, spec.check(value)?);
        }
        Ok(Params { values })
    }

    /// Validates the parameters as the page gives them: `name: number`, or `name: "choice"`.
    pub fn from_given<'a>(
        specs: &'static [ParamSpec],
        given: impl IntoIterator<Item = (&'a str, &'a Given)>,
    ) -> Result<Params, Error> {
        let mut numbers = Vec::new();
        for (name, value) in given {
            let spec = specs.iter().find(|s| s.name == name);
            let number = match (value, spec) {
                (Given::Number(number), _) => *number,
                (Given::Text(text), Some(spec)) if spec.kind == ParamKind::Choice => spec.parse_text(text)?,
                (_, None) => return Err(unknown_param(specs, name)),
                (value, Some(spec)) => {
                    return Err(
                        spec.refuse(value.to_string(), format!("parameter '{name}' must be a number (got {value})"))
                    );
                }
            };
            numbers.push((name, number));
        }
        Params::parse(specs, numbers)
    }

    /// Parses `name=value` pairs as given to `--param`, by each parameter's [`ParamSpec::parse_text`].
    pub fn from_text<'a>(
        specs: &'static [ParamSpec],
        given: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Params, Error> {
        let mut numbers = Vec::new();
        for (name, text) in given {
            let spec = specs.iter().find(|s| s.name == name).ok_or_else(|| unknown_param(specs, name))?;
            numbers.push((name, spec.parse_text(text)?));
        }
        Params::parse(specs, numbers)
    }

    /// The values as the results JSON holds them: numbers, and choices by name.
    pub fn to_json(&self, specs: &'static [ParamSpec]) -> serde_json::Value {
        let mut object = serde_json::Map::new();
        for spec in specs {
            let value = self.values[spec.name];
            object.insert(
                spec.name.to_string(),
                match spec.kind {
                    ParamKind::Choice => serde_json::Value::from(spec.choices[value as usize]),
                    // 16384, as the page writes it, not 16384.0.
                    ParamKind::Integer => serde_json::Value::from(value as i64),
                    ParamKind::Number => serde_json::Value::from(value),
                },
            );
        }
        serde_json::Value::Object(object)
    }

    /// The value of a declared parameter. Panics on a name the workload did not declare, which
    /// is a bug in the kernel, never a user error.
    pub fn get(&self, name: &str) -> f64 {
        self.values[name]
    }

    /// The value of a declared integer parameter.
    pub fn int(&self, name: &str) -> u64 {
        self.get(name) as u64
    }

    /// The index of a declared choice parameter's value.
    pub fn choice(&self, name: &str) -> usize {
        self.get(name) as usize
    }

    /// These parameters grown for weak scaling on `workers` workers, and the work relative to
    /// these: `(params, work_factor)`. A size that would leave its range is refused, naming it.
    pub fn scaled(&self, spec: &WorkloadSpec, workers: usize) -> Result<(Params, f64), Error> {
        let k = workers as f64;
        let mut values = self.values.clone();
        let grown = |name: &'static str, value: f64| -> Result<f64, Error> {
            let param = spec.params.iter().find(|p| p.name == name).expect("weak scaling names a declared parameter");
            let value = if param.kind == ParamKind::Integer { value.round() } else { value };
            if value > param.max {
                return Err(param.refuse(
                    format_number(value),
                    format!(
                        "weak scaling to {workers} workers needs {} = {}, above its maximum {}; \
                         choose a smaller {} or fewer workers",
                        param.label,
                        format_number(value),
                        format_number(param.max),
                        param.label
                    ),
                ));
            }
            Ok(value)
        };
        let factor = match spec.weak {
            WeakScaling::Size { param, exponent, log_power } => {
                let base = self.get(param);
                let value = grown(param, size_for_work(base, k, exponent, log_power))?;
                values.insert(param, value);
                if base > 0.0 { work_ratio(value, base, exponent, log_power) } else { k }
            }
            WeakScaling::SerialFixed { work: work_param, serial_fraction } => {
                let (work, s) = (self.get(work_param), self.get(serial_fraction));
                let serial = (work * s).round();
                let value = grown(work_param, serial + (work - serial) * k)?;
                values.insert(work_param, value);
                values.insert(serial_fraction, if value > 0.0 { serial / value } else { s });
                if work > 0.0 { value / work } else { k }
            }
        };
        Ok((Params { values }, factor))
    }
}

/// The smallest size whose ln ln is positive: below it a `log_power` rule falls back to the power
/// alone (ln ln of 1 is -inf, and the rule is not monotonic below about 2).
const LOG_RULE_FROM: f64 = 3.0;

/// A `Size` rule's work at `size` relative to that at `base` (at most `size`): the power's ratio,
/// exact for a power alone, times the logarithm's.
fn work_ratio(size: f64, base: f64, exponent: f64, log_power: f64) -> f64 {
    let power = (size / base).powf(exponent);
    if log_power == 0.0 || base < LOG_RULE_FROM { power } else { power * (size.ln() / base.ln()).powf(log_power) }
}

/// The size (unrounded) at which a `Size` rule's work is `k` times that at `base`: Newton's
/// method on x = ln size, from the power alone's answer, which is exact where `log_power` is 0.
/// The page's `weakGrowth` (www/js/experiment/form.js) does the same steps.
pub fn size_for_work(base: f64, k: f64, exponent: f64, log_power: f64) -> f64 {
    let power_alone = base * k.powf(1.0 / exponent);
    if log_power == 0.0 || base < LOG_RULE_FROM {
        return power_alone;
    }
    let target = exponent * base.ln() + log_power * base.ln().ln() + k.ln();
    let mut x = power_alone.ln();
    for _ in 0..8 {
        x -= (exponent * x + log_power * x.ln() - target) / (exponent + log_power / x);
    }
    x.exp()
}

/// An image result (Mandelbrot, blur), as RGBA bytes, row-major.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Image {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// `width * height * 4` bytes.
    pub rgba: Vec<u8>,
}

/// What one run of a workload produced.
#[derive(Clone)]
pub struct Outcome {
    /// The result in a few words ("664,579 primes").
    pub summary: String,
    /// A fingerprint of the full result: equal digests mean equal results, so runs at different
    /// worker counts can be compared exactly.
    pub digest: u64,
    /// The picture, for workloads whose result is one.
    pub image: Option<Image>,
    /// The full result where the check needs more than the digest (all digests, the sorted
    /// values, the product matrix). Not compared by `==`: the digest stands for it.
    pub detail: Option<Arc<dyn Any + Send + Sync>>,
    /// Fields the run carries into the results JSON beside the standard ones, such as
    /// `"counter": {"expected": E, "actual": A, "lost": L}`. Empty for most workloads. Not
    /// compared by `==`: they are derived from the result.
    pub extra: Extra,
}

/// Extra fields of a run in the results JSON: name to value.
pub type Extra = serde_json::Map<String, serde_json::Value>;

impl Outcome {
    /// The detail as the workload's own type, if it left one of that type.
    pub fn detail_as<T: 'static>(&self) -> Option<&T> {
        self.detail.as_deref().and_then(|d| d.downcast_ref::<T>())
    }
}

impl PartialEq for Outcome {
    fn eq(&self, other: &Outcome) -> bool {
        (&self.summary, self.digest, &self.image) == (&other.summary, other.digest, &other.image)
    }
}

impl fmt::Debug for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Outcome")
            .field("summary", &self.summary)
            .field("digest", &format_args!("{:016x}", self.digest))
            .field("image", &self.image.as_ref().map(|i| (i.width, i.height)))
            .finish_non_exhaustive()
    }
}

/// The check of an outcome against an independent reference.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Check {
    /// Whether the outcome passed every check that applies to it.
    pub ok: bool,
    /// What it was compared with and how it came out.
    pub detail: String,
    /// The kind of check, as the workload declares it for these parameters (set by [`check`],
    /// whatever `verify` said).
    pub kind: CheckKind,
    /// For a demonstration whose checks held, what it shows in a few words ("187,655 updates
    /// lost (1.9%)"); `None` otherwise.
    pub demonstrates: Option<String>,
}

impl Check {
    /// An exact or statistical check that passes when `ok`, with the same detail either way.
    pub fn new(ok: bool, detail: impl Into<String>) -> Check {
        Check { ok, detail: detail.into(), kind: CheckKind::Exact, demonstrates: None }
    }

    /// The check of a demonstration: `ok` when what can be checked held, and what the run
    /// demonstrates (kept only when `ok`).
    pub fn demonstration(ok: bool, detail: impl Into<String>, demonstrates: impl Into<String>) -> Check {
        Check {
            ok,
            detail: detail.into(),
            kind: CheckKind::Demonstration,
            demonstrates: ok.then(|| demonstrates.into()),
        }
    }

    /// Whether the run counts as verified: its check passed and it is not a demonstration.
    pub fn verified(&self) -> bool {
        self.ok && self.kind != CheckKind::Demonstration
    }

    /// Whether the run failed: neither verified nor a demonstration whose checks held.
    pub fn failed(&self) -> bool {
        !self.verified() && self.demonstrates.is_none()
    }
}

/// Checks an outcome as every runner must: the workload's own [`Workload::verify`], labelled
/// with the kind its declaration gives these parameters, so a kernel cannot mislabel itself.
/// A demonstration that held and named nothing demonstrates its detail; anything else
/// demonstrates nothing.
pub fn check(workload: &dyn Workload, params: &Params, input: &Input, outcome: &Outcome) -> Check {
    let mut check = workload.verify(params, input, outcome);
    check.kind = workload.spec().checks.kind_for(params);
    check.demonstrates = match check.kind {
        CheckKind::Demonstration if check.ok => Some(check.demonstrates.take().unwrap_or_else(|| check.detail.clone())),
        _ => None,
    };
    check
}

/// Allocates a zeroed buffer of `len` items, reporting a shortage of memory as an error instead
/// of aborting, so the page can say so and stay usable. The zeroing (and, natively, the page
/// faults of a fresh mapping) runs on the current rayon pool: done on one thread it would be
/// serial work inside every timed run that allocates its output.
pub fn try_zeroed<T: Clone + Default + Send + Sync>(len: usize, what: &str) -> Result<Vec<T>, Error> {
    let mut buffer = Vec::new();
    buffer
        .try_reserve_exact(len)
        .map_err(|_| Error::out_of_memory(what, (len as u64).saturating_mul(std::mem::size_of::<T>() as u64)))?;
    buffer.par_extend(rayon::iter::repeat_n(T::default(), len));
    Ok(buffer)
}

/// A workload's input, built once per instance by [`Workload::prepare`] and not timed.
pub type Input = Box<dyn Any + Send + Sync>;

/// The input of workloads that need none.
pub fn no_input() -> Input {
    Box::new(())
}

/// A workload the playground can run: a parallel kernel plus its independent check.
pub trait Workload: Sync {
    /// Its declaration.
    fn spec(&self) -> &'static WorkloadSpec;
    /// Builds the input the kernel works on (data to sort, hash or blur). Not timed: the time
    /// it takes is reported separately. Workloads that compute from their parameters alone
    /// need nothing.
    fn prepare(&self, _params: &Params) -> Result<Input, Error> {
        Ok(no_input())
    }
    /// Runs the parallel kernel on the current rayon pool. Must leave `input` as it found it,
    /// so repeats measure the same work. A [`Engine::WebWorkers`] workload has no Rust kernel:
    /// it returns an error saying where it runs.
    fn run(&self, params: &Params, input: &Input) -> Result<Outcome, Error>;
    /// Checks an outcome of [`Workload::run`] against an independent reference. Not timed.
    /// Runners call it through [`check`], which sets the check's kind from the declaration.
    fn verify(&self, params: &Params, input: &Input, outcome: &Outcome) -> Check;
}

/// The input a workload prepared, as its own type. Panics on a mismatch, which is a bug in the
/// workload, never a user error.
pub fn input_of<T: 'static>(input: &Input) -> &T {
    input.downcast_ref::<T>().expect("the input this workload's prepare() made")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPECS: &[ParamSpec] = &[
        ParamSpec {
            name: "n",
            label: "N",
            unit: "",
            kind: ParamKind::Integer,
            choices: &[],
            default: 100.0,
            quick: 10.0,
            min: 2.0,
            max: 1_000_000.0,
            help: "",
        },
        ParamSpec {
            name: "s",
            label: "Serial fraction",
            unit: "",
            kind: ParamKind::Number,
            choices: &[],
            default: 0.25,
            quick: 0.25,
            min: 0.0,
            max: 1.0,
            help: "",
        },
        ParamSpec {
            name: "schedule",
            label: "Schedule",
            unit: "",
            kind: ParamKind::Choice,
            choices: &["static", "stealing"],
            default: 1.0,
            quick: 1.0,
            min: 0.0,
            max: 1.0,
            help: "",
        },
    ];

    #[test]
    fn defaults_fill_missing_values() {
        let p = Params::parse(SPECS, []).unwrap();
        assert_eq!(p.int("n"), 100);
        assert_eq!(p.get("s"), 0.25);
    }

    use crate::ErrorKind;

    #[test]
    fn bad_values_name_the_field_the_value_and_the_range() {
        use ErrorKind::{InvalidParam, UnknownParam};
        let range = "2 to 1,000,000";
        for (name, value, kind, given, allowed, message) in [
            ("n", 1.0, InvalidParam, "1", range, "N must be from 2 to 1,000,000 (got 1)"),
            ("n", 1_000_001.0, InvalidParam, "1,000,001", range, "N must be from 2 to 1,000,000 (got 1,000,001)"),
            ("n", 2.5, InvalidParam, "2.5", range, "N must be a whole number from 2 to 1,000,000 (got 2.5)"),
            ("n", f64::NAN, InvalidParam, "NaN", range, "N must be a number from 2 to 1,000,000"),
            ("s", -0.1, InvalidParam, "-0.1", "0 to 1", "Serial fraction must be from 0 to 1 (got -0.1)"),
            ("zz", 1.0, UnknownParam, "", "n, s, schedule", "unknown parameter 'zz'; valid parameters: n, s, schedule"),
            ("schedule", 2.0, InvalidParam, "2", "static, stealing", "Schedule must be one of static, stealing"),
            ("schedule", 0.5, InvalidParam, "0.5", "static, stealing", "Schedule must be one of static, stealing"),
        ] {
            let err = Params::parse(SPECS, [(name, value)]).unwrap_err();
            assert_eq!((err.kind(), err.field(), err.message()), (kind, Some(name), message), "{name}={value}");
            assert_eq!((err.given().unwrap_or(""), err.allowed()), (given, Some(allowed)), "{name}={value}");
        }
    }

    /// Parameters as the page gives them, written as JSON.
    fn from_json(json: &str) -> Result<Params, Error> {
        let given: BTreeMap<String, Given> = serde_json::from_str(json).map_err(malformed_params)?;
        Params::from_given(SPECS, given.iter().map(|(name, value)| (name.as_str(), value)))
    }

    #[test]
    fn given_params_are_validated_naming_the_field() {
        assert_eq!(from_json(r#"{"n": 7, "schedule": "static"}"#).unwrap().int("n"), 7);
        assert_eq!(from_json(r#"{"schedule": "static"}"#).unwrap().choice("schedule"), 0);
        for (json, kind, field, message) in [
            (r#"{"n": "7"}"#, ErrorKind::InvalidParam, Some("n"), r#"parameter 'n' must be a number (got "7")"#),
            (r#"{"n": true}"#, ErrorKind::InvalidParam, Some("n"), "parameter 'n' must be a number (got true)"),
            (r#"{"n": null}"#, ErrorKind::InvalidParam, Some("n"), "parameter 'n' must be a number (got null)"),
            (r#"{"n": [1]}"#, ErrorKind::InvalidParam, Some("n"), "parameter 'n' must be a number (got a list)"),
            (r#"{"n": 0}"#, ErrorKind::InvalidParam, Some("n"), "N must be from 2 to 1,000,000 (got 0)"),
            (
                r#"{"q": "x"}"#,
                ErrorKind::UnknownParam,
                Some("q"),
                "unknown parameter 'q'; valid parameters: n, s, schedule",
            ),
            (
                r#"{"schedule": "x"}"#,
                ErrorKind::InvalidParam,
                Some("schedule"),
                "Schedule must be one of static, stealing (got 'x')",
            ),
            ("[1]", ErrorKind::InvalidParam, Some("params"), "parameters must be an object of numbers"),
        ] {
            let err = from_json(json).unwrap_err();
            assert_eq!((err.kind(), err.field()), (kind, field), "{json}");
            assert!(err.message().starts_with(message), "{json}: {err}");
        }
    }

    #[test]
    fn text_params_as_typed_on_a_command_line() {
        let p = Params::from_text(SPECS, [("n", "1_000"), ("s", "0.5"), ("schedule", "static")]).unwrap();
        assert_eq!((p.int("n"), p.get("s"), p.choice("schedule")), (1000, 0.5, 0));
        // Whole numbers as whole numbers, keys in declared order (primes declares n, then grain).
        assert_eq!(p.to_json(SPECS).to_string(), r#"{"n":1000,"s":0.5,"schedule":"static"}"#);
        let primes = crate::catalogue::find("primes").unwrap().spec().params;
        assert_eq!(Params::parse(primes, []).unwrap().to_json(primes).to_string(), r#"{"n":5000000,"grain":16384}"#);
        for (name, text, needle) in [
            ("n", "lots", "N must be a number from 2 to 1,000,000 (got 'lots')"),
            ("schedule", "random", "Schedule must be one of static, stealing (got 'random')"),
            ("x", "1", "unknown parameter 'x'; valid parameters: n, s, schedule"),
        ] {
            let err = Params::from_text(SPECS, [(name, text)]).unwrap_err();
            assert_eq!(err.message(), needle);
        }
        let err = Params::from_text(SPECS, [("n", " lots ")]).unwrap_err();
        assert_eq!((err.field(), err.given(), err.allowed()), (Some("n"), Some("lots"), Some("2 to 1,000,000")));
    }

    #[test]
    fn numbers_get_thousands_separators() {
        for (value, text) in [
            (0.0, "0"),
            (999.0, "999"),
            (1000.0, "1,000"),
            (5_000_000.0, "5,000,000"),
            (-1234.0, "-1,234"),
            (0.5, "0.5"),
        ] {
            assert_eq!(format_number(value), text);
        }
    }

    #[test]
    fn check_kinds_are_named_as_they_serialise() {
        for kind in [CheckKind::Exact, CheckKind::Statistical, CheckKind::Demonstration] {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.name());
        }
        assert_eq!(serde_json::to_value(Engine::WebWorkers).unwrap(), "web-workers");
        assert_eq!(serde_json::to_value(Engine::Rayon).unwrap(), "rayon");
    }

    #[test]
    fn kinds_follow_the_declared_choice() {
        const KINDS: &[CheckKind] = &[CheckKind::Demonstration, CheckKind::Exact];
        let checks = Checks::by_choice("schedule", KINDS);
        let with = |schedule: &str| Params::from_text(SPECS, [("schedule", schedule)]).unwrap();
        assert_eq!(checks.kind_for(&with("static")), CheckKind::Demonstration);
        assert_eq!(checks.kind_for(&with("stealing")), CheckKind::Exact);
        assert_eq!(Checks::STATISTICAL.kind_for(&with("static")), CheckKind::Statistical);
        let json = serde_json::to_value(checks).unwrap();
        assert_eq!(json, serde_json::json!({"param": "schedule", "kinds": ["demonstration", "exact"]}));
    }

    #[test]
    fn a_demonstration_names_what_it_shows_only_when_it_held() {
        let held = Check::demonstration(true, "at most expected", "3 updates lost (0.3%)");
        assert_eq!(held.demonstrates.as_deref(), Some("3 updates lost (0.3%)"));
        assert!(!held.verified() && !held.failed());
        let broke = Check::demonstration(false, "more than expected", "3 updates lost (0.3%)");
        assert!(broke.demonstrates.is_none() && broke.failed());
        assert!(Check::new(true, "equal").verified() && Check::new(false, "unequal").failed());
    }

    #[test]
    fn allocation_failure_is_an_error() {
        let err = try_zeroed::<u64>(usize::MAX / 8, "test buffer").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::OutOfMemory);
        assert!(err.message().starts_with("out of memory: the test buffer needs"), "{err}");
    }
}
