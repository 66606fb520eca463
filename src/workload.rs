//! What every workload shares: parameter declarations, validated parameter values, the outcome
//! of a run and the check of that outcome against an independent reference.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

/// How a parameter's value is read and checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ParamKind {
    /// A whole number; the value must have no fractional part.
    Integer,
    /// Any finite number in range.
    Number,
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
    /// Integer or real number.
    pub kind: ParamKind,
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

    fn check(&self, value: f64) -> Result<f64, ParamError> {
        let bad = |reason: String| ParamError { field: self.name.to_string(), message: reason };
        if !value.is_finite() {
            return Err(bad(format!("{} must be a number from {}", self.label, self.range_text())));
        }
        if self.kind == ParamKind::Integer && value.fract() != 0.0 {
            return Err(bad(format!(
                "{} must be a whole number from {} (got {value})",
                self.label,
                self.range_text()
            )));
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
}

/// A parameter value that failed validation, naming the field and the allowed range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParamError {
    /// The parameter's `name` (or the unknown name the user gave).
    pub field: String,
    /// A sentence a user can act on.
    pub message: String,
}

impl fmt::Display for ParamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ParamError {}

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
    ) -> Result<Params, ParamError> {
        let mut values: BTreeMap<&'static str, f64> =
            specs.iter().map(|s| (s.name, s.default)).collect();
        for (name, value) in given {
            let Some(spec) = specs.iter().find(|s| s.name == name) else {
                let valid: Vec<&str> = specs.iter().map(|s| s.name).collect();
                return Err(ParamError {
                    field: name.to_string(),
                    message: format!(
                        "unknown parameter '{name}'; valid parameters: {}",
                        if valid.is_empty() { "none".to_string() } else { valid.join(", ") }
                    ),
                });
            };
            values.insert(spec.name, spec.check(value)?);
        }
        Ok(Params { values })
    }

    /// Parses a JSON object of `name: number` pairs, as the page sends it.
    pub fn from_json(specs: &'static [ParamSpec], json: &str) -> Result<Params, ParamError> {
        let parsed: BTreeMap<String, serde_json::Value> =
            serde_json::from_str(json).map_err(|e| ParamError {
                field: "params".to_string(),
                message: format!("parameters must be a JSON object of numbers: {e}"),
            })?;
        let mut numbers = Vec::with_capacity(parsed.len());
        for (name, value) in &parsed {
            let Some(number) = value.as_f64() else {
                return Err(ParamError {
                    field: name.clone(),
                    message: format!("parameter '{name}' must be a number (got {value})"),
                });
            };
            numbers.push((name.as_str(), number));
        }
        Params::parse(specs, numbers)
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

    /// All values by name, for reports.
    pub fn values(&self) -> &BTreeMap<&'static str, f64> {
        &self.values
    }
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
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// The result in a few words ("664,579 primes").
    pub summary: String,
    /// A fingerprint of the full result: equal digests mean equal results, so runs at different
    /// worker counts can be compared exactly.
    pub digest: u64,
    /// The picture, for workloads whose result is one.
    pub image: Option<Image>,
}

/// The check of an outcome against an independent reference.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Check {
    /// Whether the outcome matched.
    pub ok: bool,
    /// What it was compared with and how it came out.
    pub detail: String,
}

impl Check {
    /// A check that passes when `ok`, with the same detail either way.
    pub fn new(ok: bool, detail: impl Into<String>) -> Check {
        Check { ok, detail: detail.into() }
    }
}

/// A failure inside a kernel that is not a parameter error, such as memory that cannot be had.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KernelError(pub String);

impl fmt::Display for KernelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for KernelError {}

/// Allocates a zeroed buffer of `len` items, reporting a shortage of memory as an error instead
/// of aborting, so the page can say so and stay usable.
pub fn try_zeroed<T: Clone + Default>(len: usize, what: &str) -> Result<Vec<T>, KernelError> {
    let mut buffer = Vec::new();
    buffer.try_reserve_exact(len).map_err(|_| {
        KernelError(format!(
            "out of memory: the {what} needs {} MB",
            (len as u64 * std::mem::size_of::<T>() as u64).div_ceil(1 << 20)
        ))
    })?;
    buffer.resize(len, T::default());
    Ok(buffer)
}

/// A workload the playground can run: a parallel kernel plus its independent check.
pub trait Workload: Sync {
    /// Its declaration.
    fn spec(&self) -> &'static WorkloadSpec;
    /// Runs the parallel kernel on the current rayon pool.
    fn run(&self, params: &Params) -> Result<Outcome, KernelError>;
    /// Checks an outcome of [`Workload::run`] against an independent reference. Not timed.
    fn verify(&self, params: &Params, outcome: &Outcome) -> Check;
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
            default: 0.25,
            quick: 0.25,
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

    #[test]
    fn bad_values_name_the_field_and_range() {
        for (name, value, needle) in [
            ("n", 1.0, "N must be from 2 to 1,000,000 (got 1)"),
            ("n", 1_000_001.0, "N must be from 2 to 1,000,000 (got 1,000,001)"),
            ("n", 2.5, "N must be a whole number from 2 to 1,000,000"),
            ("n", f64::NAN, "N must be a number from 2 to 1,000,000"),
            ("s", -0.1, "Serial fraction must be from 0 to 1"),
            ("zz", 1.0, "unknown parameter 'zz'; valid parameters: n, s"),
        ] {
            let err = Params::parse(SPECS, [(name, value)]).unwrap_err();
            assert_eq!(err.field, name);
            assert!(err.message.contains(needle), "{name}={value}: {}", err.message);
        }
    }

    #[test]
    fn json_params_are_validated() {
        assert_eq!(Params::from_json(SPECS, r#"{"n": 7}"#).unwrap().int("n"), 7);
        assert_eq!(Params::from_json(SPECS, r#"{"n": "7"}"#).unwrap_err().field, "n");
        assert_eq!(Params::from_json(SPECS, "[1]").unwrap_err().field, "params");
        assert_eq!(Params::from_json(SPECS, r#"{"n": 0}"#).unwrap_err().field, "n");
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
    fn allocation_failure_is_an_error() {
        let err = try_zeroed::<u64>(usize::MAX / 8, "test buffer").unwrap_err();
        assert!(err.0.starts_with("out of memory: the test buffer needs"), "{err}");
    }
}
