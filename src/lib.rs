//! corelab: parallel-computing workloads for a browser playground.
//!
//! The kernels in [`kernels`] are plain Rust over numbers and slices, free of wasm and JS, so the
//! same code is tested and benchmarked natively and compiled to WebAssembly. Each workload is
//! declared once in [`catalogue`]; that declaration drives the page's controls, the headless
//! runner and the native runner. [`wasm`] is the only module that touches the JS boundary.
#![deny(missing_docs)]
#![cfg_attr(target_arch = "wasm32", feature(alloc_error_hook))]
#![feature(portable_simd)] // std::simd: one source for wasm simd128 and native SSE2 (matmul)

#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
compile_error!(
    "corelab's wasm build needs shared memory: build with ./build.sh (it passes -Z build-std and \
     the rustflags in .cargo/config.toml enable +atomics and --shared-memory)"
);

pub mod catalogue;
pub mod error;
pub mod kernels;
pub mod limits;
pub mod stats;
pub mod trace;
pub mod workload;

pub use error::{Error, ErrorKind};

#[cfg(not(target_arch = "wasm32"))]
pub mod bench;
#[cfg(not(target_arch = "wasm32"))]
pub mod server;

#[cfg(target_arch = "wasm32")]
pub mod wasm;
