//! `sha256`: hash M buffers of S bytes each, the seeds' "hash many files" example. Buffers are
//! independent, so each task hashes whole buffers; the data is made once, before timing.

use crate::trace::task;
use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::Error;
use crate::workload::try_zeroed;

/// M buffers of S bytes, contiguous.
pub struct Buffers {
    /// `count * size` bytes.
    pub data: Vec<u8>,
    /// Bytes per buffer (at least 1).
    pub size: usize,
}

impl Buffers {
    /// Makes `count` buffers of `size` pseudo-random bytes; buffer i depends only on i.
    pub fn generate(count: usize, size: usize) -> Result<Buffers, Error> {
        let total = count
            .checked_mul(size)
            .ok_or_else(|| Error::out_of_memory("buffers", (count as u64).saturating_mul(size as u64)))?;
        let mut data = try_zeroed::<u8>(total, "buffers")?;
        data.par_chunks_mut(size.max(1)).enumerate().for_each(|(i, buffer)| {
            Xoshiro256PlusPlus::seed_from_u64(i as u64).fill_bytes(buffer);
        });
        Ok(Buffers { data, size })
    }

    /// The buffers, one slice each.
    pub fn iter(&self) -> std::slice::Chunks<'_, u8> {
        self.data.chunks(self.size.max(1))
    }
}

/// SHA-256 of one buffer (a fresh call per buffer: see `kernels` on V8 tiering).
///
/// Wasm against native at 1 worker (issue 11; 1024 x 128 KiB). Wasm is 1.07-1.12x slower in the
/// pool thread's CPU time, with wasm and native runs alternated. The bench's wall-clock medians
/// range from 0.93 to 1.27 on this shared machine. Both builds run sha2's portable `soft` backend
/// (see .cargo/config.toml), and 94% of a run is its compression function. V8's code for that
/// function does twice the stack traffic of LLVM's (about 540 against 257 spill and reload
/// instructions per block, with fewer free registers) and needs 6 instructions per message word
/// for the byte swap (wasm has no bswap). sha2's other backends for wasm do not help. simd128 is
/// no faster in V8 (fastest of 12 runs: 389 against 393 ms). `compact` is 1.6x slower in wasm
/// (629 ms), and its own ratio to native is 1.28.
#[inline(never)]
pub fn digest(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// Digests of every buffer, on the current rayon pool.
pub fn hash_parallel(buffers: &Buffers) -> Vec<[u8; 32]> {
    buffers.data.par_chunks(buffers.size.max(1)).map(|buffer| task(|| digest(buffer))).collect()
}

/// Digests of every buffer, one after another.
pub fn hash_serial(buffers: &Buffers) -> Vec<[u8; 32]> {
    buffers.iter().map(digest).collect()
}

/// One digest standing for all: SHA-256 of the digests in order.
pub fn combine(digests: &[[u8; 32]]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    for d in digests {
        hasher.update(d);
    }
    hasher.finalize().into()
}

/// Hex of a digest.
pub fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Published test vectors (FIPS 180-2 examples): input and digest.
pub const KNOWN: [(&[u8], &str); 3] = [
    (b"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    (b"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    (
        b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_vectors() {
        for (input, expected) in KNOWN {
            assert_eq!(hex(&digest(input)), expected);
        }
        // One million times 'a', the long FIPS 180-2 example.
        assert_eq!(
            hex(&digest(&vec![b'a'; 1_000_000])),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        );
    }

    #[test]
    fn parallel_equals_serial_over_sizes() {
        for (count, size) in [(0, 16), (1, 1), (3, 64), (17, 1000), (64, 4096)] {
            let buffers = Buffers::generate(count, size).unwrap();
            assert_eq!(buffers.iter().count(), count);
            assert_eq!(hash_parallel(&buffers), hash_serial(&buffers), "{count} x {size}");
        }
    }

    #[test]
    fn buffers_differ_and_replay() {
        let a = Buffers::generate(2, 64).unwrap();
        let b = Buffers::generate(2, 64).unwrap();
        assert_eq!(a.data, b.data);
        assert_ne!(a.data[..64], a.data[64..]);
    }
}
