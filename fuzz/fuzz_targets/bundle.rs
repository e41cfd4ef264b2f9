//! A bundle is untrusted input: anyone can write a file and anyone can
//! encrypt to a laptop's public key. Whatever the bytes, importing must
//! return an error or merge a verified bundle, never panic, hang or
//! allocate without bound, and a refused bundle must change nothing.
//!
//! The first input byte chooses how the rest reaches the reader: even, as
//! the bundle file itself (the age layer); odd, sealed to the vault with
//! age first, so the fuzzer works on the tar, manifest, signature and
//! records inside. The vault (and a trusted sender, so manifests get as
//! far as their signature check) is created once per process.
#![no_main]

use std::io::Write;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use fieldnotes_core::roster::Card;
use fieldnotes_core::{CreateOptions, SecretString, Vault};
use libfuzzer_sys::fuzz_target;

struct Target {
    vault: Vault,
    recipient: age::x25519::Recipient,
    file: PathBuf,
}

fn target() -> &'static Mutex<Target> {
    static TARGET: OnceLock<Mutex<Target>> = OnceLock::new();
    TARGET.get_or_init(|| {
        // One folder per process, left behind like any fuzzing corpus.
        let dir = std::env::temp_dir().join(format!(
            "fieldnotes-fuzz-bundle-{}-{}",
            std::process::id(),
            nonce()
        ));
        let pass = SecretString::from("correct horse battery staple orbit".to_owned());
        let create = |name: &str| {
            Vault::create(
                &dir.join(name),
                &pass,
                CreateOptions {
                    work_factor: 10,
                    recovery: None,
                },
            )
            .expect("create a vault")
        };
        let sender = create("sender");
        let mut vault = create("vault");
        let card = sender.card().expect("card").to_json();
        vault
            .trust(&Card::parse(&card).expect("card"), None)
            .expect("trust the sender");
        let recipient = vault
            .card()
            .expect("card")
            .age_recipient
            .parse()
            .expect("recipient");
        Mutex::new(Target {
            vault,
            recipient,
            file: dir.join("input.fnb"),
        })
    })
}

/// Enough to keep parallel fuzzing jobs apart without another dependency.
fn nonce() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0)
}

fn seal(to: &age::x25519::Recipient, plain: &[u8]) -> Vec<u8> {
    let e = age::Encryptor::with_recipients(std::iter::once(to as &dyn age::Recipient))
        .expect("one recipient");
    let mut out = Vec::with_capacity(plain.len() + 256);
    let mut w = e.wrap_output(&mut out).expect("encrypt to memory");
    w.write_all(plain).expect("encrypt to memory");
    w.finish().expect("encrypt to memory");
    out
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let mut t = target().lock().unwrap_or_else(|e| e.into_inner());
    let bytes = if mode % 2 == 0 {
        rest.to_vec()
    } else {
        seal(&t.recipient, rest)
    };
    std::fs::write(&t.file, &bytes).expect("write the input file");
    let before = t.vault.records().expect("records");
    let file = t.file.clone();
    if t.vault.import(&file, &mut |_| {}).is_err() {
        assert!(
            t.vault.records().expect("records") == before,
            "a refused bundle changed the vault"
        );
    }
});
