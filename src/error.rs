//! corelab's one error type: a kind that callers branch on, a sentence a user can act on, and
//! what the user gave.
//!
//! In the style of rayon-core's `ThreadPoolBuildError` (a public struct with private fields
//! around a kind) and of ripgrep's errors (a non-exhaustive kind; the error carries the input it
//! is about). The native runner prints the sentence; the wasm boundary hands the page a JS
//! `Error` that also has `kind`, and `field`, `given` and `allowed` where they apply (see
//! `src/wasm.rs`), so the page can act on the kind and the field without reading the sentence.

use std::fmt;

use serde::Serialize;

/// The start of every out-of-memory sentence, as the page and the tests expect it.
pub const OUT_OF_MEMORY: &str = "out of memory";
/// The start of every sentence about a kernel's panic.
pub const PANICKED: &str = "the kernel panicked";

/// What went wrong, for callers that branch on it. Serialised in kebab case ("invalid-param"),
/// as the page reads it. New kinds may be added: match with a wildcard arm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ErrorKind {
    /// No workload has the id given ([`Error::given`]); [`Error::allowed`] lists the ids.
    UnknownWorkload,
    /// The workload declares no parameter by the name given ([`Error::field`]);
    /// [`Error::allowed`] lists the ones it does.
    UnknownParam,
    /// A parameter's value is refused: out of range, not whole, not a number, not one of its
    /// choices, grown past its maximum by weak scaling, or too large together with another.
    /// [`Error::field`] names it where one parameter is at fault.
    InvalidParam,
    /// The memory the run needs cannot be had.
    OutOfMemory,
    /// What was asked cannot be done in this runtime (message passing outside the browser's
    /// Web Workers, for one).
    Unsupported,
    /// A kernel panicked: a bug, reported with its message instead of leaving the page waiting.
    Panic,
}

impl ErrorKind {
    /// The kind's name, as it is serialised and as the page reads it.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::UnknownWorkload => "unknown-workload",
            ErrorKind::UnknownParam => "unknown-param",
            ErrorKind::InvalidParam => "invalid-param",
            ErrorKind::OutOfMemory => "out-of-memory",
            ErrorKind::Unsupported => "unsupported",
            ErrorKind::Panic => "panic",
        }
    }
}

/// An error: its [`ErrorKind`], the sentence, and what the user gave where it applies. Its
/// `Display` is the sentence alone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    given: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    allowed: Option<String>,
}

impl Error {
    fn new(kind: ErrorKind, message: String) -> Error {
        Error { kind, message, field: None, given: None, allowed: None }
    }

    /// An unknown workload id, listing the valid ones.
    pub fn unknown_workload(given: &str, valid: &[&str]) -> Error {
        let allowed = valid.join(", ");
        Error {
            given: Some(given.to_string()),
            ..Error::new(ErrorKind::UnknownWorkload, format!("unknown workload '{given}'; valid workloads: {allowed}"))
        }
        .allowing(allowed)
    }

    /// A parameter name the workload does not declare, listing the ones it does.
    pub fn unknown_param(given: &str, valid: &[&str]) -> Error {
        let allowed = if valid.is_empty() { "none".to_string() } else { valid.join(", ") };
        Error {
            field: Some(given.to_string()),
            ..Error::new(ErrorKind::UnknownParam, format!("unknown parameter '{given}'; valid parameters: {allowed}"))
        }
        .allowing(allowed)
    }

    /// A refused value of the parameter `field`: `given` as the user gave it, `allowed` in
    /// words ("2 to 100,000,000", "static, stealing"), and the sentence that says so.
    pub fn invalid_param(field: &str, given: impl Into<String>, allowed: impl Into<String>, message: String) -> Error {
        Error {
            field: Some(field.to_string()),
            given: Some(given.into()),
            ..Error::new(ErrorKind::InvalidParam, message)
        }
        .allowing(allowed.into())
    }

    /// Parameters refused together, with no one field at fault (a product past a limit).
    pub fn invalid_params(message: String) -> Error {
        Error::new(ErrorKind::InvalidParam, message)
    }

    /// Memory that cannot be had: `what` needs `bytes`.
    pub fn out_of_memory(what: &str, bytes: u64) -> Error {
        Error::new(ErrorKind::OutOfMemory, format!("{OUT_OF_MEMORY}: the {what} needs {} MB", bytes.div_ceil(1 << 20)))
    }

    /// An allocation of `bytes` failed (the wasm allocation-failure hook: no `what` is known).
    pub fn allocation_failed(bytes: usize) -> Error {
        let mb = bytes.div_ceil(1 << 20);
        Error::new(ErrorKind::OutOfMemory, format!("{OUT_OF_MEMORY}: an allocation of {mb} MB failed"))
    }

    /// What cannot be done in this runtime, and what can.
    pub fn unsupported(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Unsupported, message.into())
    }

    /// A kernel's panic, with what the panic said.
    pub fn panic(what: impl fmt::Display) -> Error {
        Error::new(ErrorKind::Panic, format!("{PANICKED}: {what}"))
    }

    /// The same error about the parameter `field`.
    pub fn on_field(self, field: &str) -> Error {
        Error { field: Some(field.to_string()), ..self }
    }

    fn allowing(self, allowed: String) -> Error {
        Error { allowed: Some(allowed), ..self }
    }

    /// What went wrong, to branch on.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The sentence for the user (also the `Display`).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The parameter the error is about, by its name (or the unknown name given), if one is.
    pub fn field(&self) -> Option<&str> {
        self.field.as_deref()
    }

    /// The value the user gave, as text, where the error is about one.
    pub fn given(&self) -> Option<&str> {
        self.given.as_deref()
    }

    /// What would have been accepted, in words, where that is known.
    pub fn allowed(&self) -> Option<&str> {
        self.allowed.as_deref()
    }

    /// The same error with the sentence prefixed by `context` ("sha256: ..."), as the native
    /// runner names the workload a message is about.
    pub fn context(self, context: impl fmt::Display) -> Error {
        Error { message: format!("{context}: {}", self.message), ..self }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_has_its_sentence_and_carries_what_was_given() {
        // (error, kind, field, given, allowed, message)
        for (error, kind, field, given, allowed, message) in [
            (
                Error::unknown_workload("nope", &["primes", "sort"]),
                "unknown-workload",
                None,
                Some("nope"),
                Some("primes, sort"),
                "unknown workload 'nope'; valid workloads: primes, sort",
            ),
            (
                Error::unknown_param("m", &["n", "grain"]),
                "unknown-param",
                Some("m"),
                None,
                Some("n, grain"),
                "unknown parameter 'm'; valid parameters: n, grain",
            ),
            (
                Error::unknown_param("m", &[]),
                "unknown-param",
                Some("m"),
                None,
                Some("none"),
                "unknown parameter 'm'; valid parameters: none",
            ),
            (
                Error::invalid_param("n", "1", "2 to 10", "N must be from 2 to 10 (got 1)".into()),
                "invalid-param",
                Some("n"),
                Some("1"),
                Some("2 to 10"),
                "N must be from 2 to 10 (got 1)",
            ),
            (
                Error::invalid_params("A × B is too large".into()),
                "invalid-param",
                None,
                None,
                None,
                "A × B is too large",
            ),
            (
                Error::out_of_memory("matrix", 3 << 20),
                "out-of-memory",
                None,
                None,
                None,
                "out of memory: the matrix needs 3 MB",
            ),
            (
                Error::allocation_failed((1 << 30) + 1),
                "out-of-memory",
                None,
                None,
                None,
                "out of memory: an allocation of 1025 MB failed",
            ),
            (Error::unsupported("not here"), "unsupported", None, None, None, "not here"),
            (Error::panic("at src/x.rs:1"), "panic", None, None, None, "the kernel panicked: at src/x.rs:1"),
        ] {
            assert_eq!(error.kind().name(), kind, "{error}");
            assert_eq!(serde_json::to_value(error.kind()).unwrap(), kind, "serialised as named");
            assert_eq!((error.field(), error.given(), error.allowed()), (field, given, allowed), "{error}");
            assert_eq!((error.message(), error.to_string().as_str()), (message, message));
        }
    }

    #[test]
    fn serialises_with_only_the_fields_that_apply() {
        let error = Error::invalid_param("n", "1", "2 to 10", "N must be from 2 to 10 (got 1)".into());
        assert_eq!(
            serde_json::to_value(&error).unwrap(),
            serde_json::json!({"kind": "invalid-param", "message": "N must be from 2 to 10 (got 1)",
                               "field": "n", "given": "1", "allowed": "2 to 10"})
        );
        let error = Error::unsupported("not here");
        assert_eq!(
            serde_json::to_value(&error).unwrap(),
            serde_json::json!({"kind": "unsupported", "message": "not here"})
        );
    }

    #[test]
    fn context_prefixes_the_sentence_and_keeps_the_rest() {
        let error =
            Error::invalid_param("n", "1", "2 to 10", "N must be from 2 to 10 (got 1)".into()).context("primes");
        assert_eq!(error.to_string(), "primes: N must be from 2 to 10 (got 1)");
        assert_eq!((error.kind(), error.field()), (ErrorKind::InvalidParam, Some("n")));
    }
}
