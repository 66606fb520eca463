//! A unit of pure computation whose amount is exact and whose result has a closed form: `steps`
//! iterations of the 64-bit linear congruential map x -> a*x + c. Each step depends on the one
//! before, so the optimiser cannot skip or vectorise them, yet [`jump`] gives the result of any
//! number of steps in about 64 multiplications: an independent reference for workloads built
//! on it (`amdahl`, `imbalanced`).

/// Knuth's MMIX multiplier.
pub const A: u64 = 6_364_136_223_846_793_005;
/// Knuth's MMIX increment.
pub const C: u64 = 1_442_695_040_888_963_407;

/// `steps` iterations of x -> A*x + C, one after another.
///
/// The constants pass through `black_box`: seen as constants, LLVM unrolls the loop and folds
/// consecutive steps into one (x*A*A + (C*A + C) is again a multiply and an add), doing an
/// eighth of the work while claiming all of it. Opaque, each step is one dependent multiply
/// and add, about a nanosecond.
#[inline]
pub fn spin(mut x: u64, steps: u64) -> u64 {
    let (a, c) = std::hint::black_box((A, C));
    for _ in 0..steps {
        x = x.wrapping_mul(a).wrapping_add(c);
    }
    x
}

/// The same as [`spin`] in O(log steps): composes the affine map with itself by squaring.
pub fn jump(x: u64, mut steps: u64) -> u64 {
    // (mul, add) represents x -> mul*x + add.
    let (mut acc_mul, mut acc_add) = (1u64, 0u64);
    let (mut cur_mul, mut cur_add) = (A, C);
    while steps > 0 {
        if steps & 1 == 1 {
            acc_mul = acc_mul.wrapping_mul(cur_mul);
            acc_add = acc_add.wrapping_mul(cur_mul).wrapping_add(cur_add);
        }
        cur_add = cur_mul.wrapping_add(1).wrapping_mul(cur_add);
        cur_mul = cur_mul.wrapping_mul(cur_mul);
        steps >>= 1;
    }
    acc_mul.wrapping_mul(x).wrapping_add(acc_add)
}

/// A start value for task `index`, so tasks do not all compute the same thing.
pub fn seed(index: u64) -> u64 {
    super::mix_seed(0x5EED, index)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jump_equals_spin() {
        for (x, steps) in [(0, 0), (1, 1), (7, 2), (42, 1000), (u64::MAX, 12_345), (seed(3), 65_537)] {
            assert_eq!(jump(x, steps), spin(x, steps), "x={x} steps={steps}");
        }
    }

    #[test]
    fn jump_composes() {
        assert_eq!(jump(jump(5, 1 << 40), 1 << 40), jump(5, 1 << 41));
    }
}
