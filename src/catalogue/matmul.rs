//! `matmul`: its declaration, run and check.

use std::sync::Arc;

use super::{SEED, int_param};
use crate::Error;
use crate::kernels::matmul::{self as kernel, Matrix};
use crate::workload::{
    Check, Checks, Engine, Extra, Input, Memory, Outcome, Params, WeakScaling, Workload, WorkloadSpec, input_of,
};

/// The declaration and check of this workload.
pub struct Matmul;

static SPEC: WorkloadSpec = WorkloadSpec {
    id: "matmul",
    title: "Matrix multiply",
    description: "Multiplies two n × n matrices of doubles, C = A·B: n³ multiply-adds. The loops \
        are blocked so that a band of B stays in cache while it is used, and each worker owns a \
        band of rows of C, so no two workers ever write the same memory. Matrix multiply is \
        the heart of scientific computing and of neural networks.",
    params: &[
        int_param("n", "Matrix size (n)", "", (2048.0, 96.0, 1.0, 4096.0), "Rows and columns; time grows as n³."),
        SEED,
    ],
    verification: "Freivalds' test: for a random vector x, A(Bx) must equal Cx within the \
        rounding bound 4(n+2)·ε·|A||B||x|, an O(n²) check independent of how C was computed; and C \
        bit-identical at every worker count.",
    weak: WeakScaling::Size { param: "n", exponent: 3.0, log_power: 0.0 },
    checks: Checks::EXACT,
    engine: Engine::Rayon,
    memory: Memory::Streams,
    image: false,
    limits: &[],
};

struct Operands {
    a: Matrix,
    b: Matrix,
}

impl Workload for Matmul {
    fn spec(&self) -> &'static WorkloadSpec {
        &SPEC
    }

    fn prepare(&self, params: &Params) -> Result<Input, Error> {
        let (n, seed) = (params.int("n") as usize, params.int("seed"));
        Ok(Box::new(Operands { a: Matrix::random(n, seed)?, b: Matrix::random(n, seed ^ 0xB)? }))
    }

    fn run(&self, params: &Params, input: &Input) -> Result<Outcome, Error> {
        let Operands { a, b } = input_of::<Operands>(input);
        let mut c = Matrix::zeros(params.int("n") as usize)?;
        kernel::multiply_parallel(a, b, &mut c);
        let digest = kernel::fingerprint(&c);
        let trace: f64 = (0..c.n).map(|i| c.data[i * c.n + i]).sum();
        Ok(Outcome {
            summary: format!("{0} × {0} product, trace {trace:.6}", c.n),
            digest,
            image: None,
            detail: Some(Arc::new(c)),
            extra: Extra::new(),
        })
    }

    fn verify(&self, params: &Params, input: &Input, outcome: &Outcome) -> Check {
        let Operands { a, b } = input_of::<Operands>(input);
        let Some(c) = outcome.detail_as::<Matrix>() else {
            return Check::new(false, "no product was produced");
        };
        if kernel::fingerprint(c) != outcome.digest {
            return Check::new(false, "the product does not match its fingerprint");
        }
        let ratio = kernel::freivalds(a, b, c, params.int("seed") ^ 0xF);
        Check::new(ratio <= 1.0, format!("Freivalds' test: largest error {ratio:.3} of the rounding bound (limit 1)"))
    }
}
