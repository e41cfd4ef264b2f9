//! Fixtures, builders and helpers shared by the tests of fieldnotes-core
//! and fieldnotes-cli and by the core's benchmarks. Never a dependency of
//! shipped code (`publish = false`; only ever a dev-dependency).
//!
//! What lives where:
//! - [`vault`]: vaults made through the core at a low scrypt work factor
//!   (the passphrases, trust between vaults, the audit events);
//! - [`bodies`]: record bodies to store (cases, notes, needs, consent,
//!   follow-ups);
//! - [`bin`]: the real `fieldnotes` binary run in a scrubbed environment,
//!   and the checks every run gets (exit status, a reason on failure, never
//!   panic text);
//! - [`bundle`]: bundles opened and sealed by hand, as with `age`;
//! - [`json`]: reading what the binary prints with `--json`;
//! - [`noise`]: deterministic bytes that do not compress.
//!
//! Invariant: fieldnotes-core's integration tests and benches may use this
//! crate (it depends on the core; Cargo allows that cycle for
//! dev-dependencies), but the core's unit tests must not: they would see a
//! second copy of the core's types.

pub mod bin;
pub mod bodies;
pub mod bundle;
pub mod json;
pub mod vault;

pub use bin::{failed, succeeded, tool, Bin, Fixture};
pub use bodies::*;
pub use bundle::{open_bundle, recipient_of, seal};
pub use json::{array, head_body, parse_id, parse_json, record};
pub use vault::*;

/// Deterministic bytes that do not compress (xorshift64); another `seed`
/// gives other bytes.
pub fn noise(len: usize, seed: u64) -> Vec<u8> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15 ^ seed;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

/// Copies a folder tree, as a test copies a committed golden vault before
/// opening it (never the committed files themselves).
pub fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read") {
        let e = e.expect("entry");
        if e.path().is_dir() {
            copy_tree(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).expect("copy");
        }
    }
}
