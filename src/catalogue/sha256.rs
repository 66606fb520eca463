//! `sha256`: its declaration, run and check.

use std::sync::Arc;

use super::int_param;
use crate::Error;
use crate::kernels::sha256::{self as kernel, Buffers};
use crate::limits::SPOT_CHECK_STRIDE;
use crate::workload::{
    Check, Checks, Engine, Extra, Input, Memory, Outcome, Params, ProductLimit, WeakScaling, Workload, WorkloadSpec,
    input_of,
};

/// The declaration and check of this workload.
pub struct Sha256;

static SPEC: WorkloadSpec = WorkloadSpec {
    id: "sha256",
    title: "SHA-256 of many buffers",
    description: "Computes the SHA-256 digest of M buffers of S bytes each, like hashing a folder \
        of files. The buffers are independent, so each worker hashes whole buffers and nothing is \
        shared until the digests are collected. The buffers are made before timing starts.",
    params: &[
        int_param("buffers", "Buffers (M)", "", (1024.0, 64.0, 1.0, 100_000.0), "How many buffers to hash."),
        int_param(
            "size",
            "Buffer size (S)",
            "bytes",
            (131_072.0, 16_384.0, 1.0, 16_777_216.0),
            "Bytes per buffer; M × S may be at most 512 MiB (536,870,912 bytes).",
        ),
    ],
    verification: "The SHA-256 implementation first reproduces the published FIPS 180-2 digests \
        in this runtime; then every 16th buffer is hashed again on one thread and compared, and \
        the combined digest must be identical at every worker count.",
    weak: WeakScaling::Size { param: "buffers", exponent: 1.0, log_power: 0.0 },
    checks: Checks::EXACT,
    engine: Engine::Rayon,
    memory: Memory::Streams,
    image: false,
    // The most data the buffers may hold together, so the page stays within wasm's memory. Named
    // at Buffer size, so the page marks that field (and a size sweep stops there).
    limits: &[ProductLimit { params: ["buffers", "size"], max: (512 << 20) as f64, field: "size", text: "512 MiB" }],
};

impl Workload for Sha256 {
    fn spec(&self) -> &'static WorkloadSpec {
        &SPEC
    }

    fn prepare(&self, params: &Params) -> Result<Input, Error> {
        SPEC.check_limits(params)?;
        let (count, size) = (params.int("buffers"), params.int("size"));
        Ok(Box::new(Buffers::generate(count as usize, size as usize)?))
    }

    fn run(&self, _params: &Params, input: &Input) -> Result<Outcome, Error> {
        let digests = kernel::hash_parallel(input_of::<Buffers>(input));
        let combined = kernel::combine(&digests);
        Ok(Outcome {
            summary: format!("{} digests, combined {}…", digests.len(), &kernel::hex(&combined)[..16]),
            digest: u64::from_le_bytes(combined[..8].try_into().expect("8 bytes")),
            image: None,
            detail: Some(Arc::new(DigestList(digests))),
            extra: Extra::new(),
        })
    }

    fn verify(&self, _params: &Params, input: &Input, outcome: &Outcome) -> Check {
        for (data, expected) in kernel::KNOWN {
            if kernel::hex(&kernel::digest(data)) != expected {
                return Check::new(false, "SHA-256 gives a wrong digest for a published test vector");
            }
        }
        let buffers = input_of::<Buffers>(input);
        let Some(digests) = outcome.detail_as::<DigestList>() else {
            return Check::new(false, "no digests were produced");
        };
        let mut compared = 0;
        for (i, buffer) in buffers.iter().enumerate().step_by(SPOT_CHECK_STRIDE) {
            if digests.0.get(i) != Some(&kernel::digest(buffer)) {
                return Check::new(false, format!("buffer {i}'s digest differs from the serial run"));
            }
            compared += 1;
        }
        if kernel::combine(&digests.0)[..8] != outcome.digest.to_le_bytes() {
            return Check::new(false, "the combined digest does not match the digests");
        }
        Check::new(true, format!("published test vectors reproduced; {compared} buffers equal the serial run"))
    }
}

/// The per-buffer digests, kept for the check.
struct DigestList(Vec<[u8; 32]>);
