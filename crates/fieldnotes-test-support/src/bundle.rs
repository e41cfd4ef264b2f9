//! Bundles opened and sealed by hand, as a recipient with `age` would: to
//! damage a genuine bundle's plaintext, or to wrap any bytes as a bundle.

use std::fs;
use std::io::{Read, Write};
use std::path::Path;

use fieldnotes_core::Vault;
use uuid::Uuid;

/// The plaintext (a tar) of a bundle to `v`, decrypted with `v`'s age
/// identity (written to a file in `dir` for a moment).
pub fn open_bundle(v: &Vault, bundle: &Path, dir: &Path) -> Vec<u8> {
    let id_file = dir.join(format!("id-{}", Uuid::now_v7()));
    v.export_identity_secret(&id_file).expect("export identity");
    let identity = fieldnotes_core::envelope::read_identity_file(&id_file).expect("read identity");
    fs::remove_file(&id_file).expect("remove identity file");
    let bytes = fs::read(bundle).expect("read bundle");
    let d = age::Decryptor::new_buffered(bytes.as_slice()).expect("an age file");
    let mut r = d
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .expect("decrypt bundle");
    let mut out = Vec::new();
    r.read_to_end(&mut out).expect("read bundle plaintext");
    out
}

/// `v`'s age recipient, from its card.
pub fn recipient_of(v: &Vault) -> age::x25519::Recipient {
    let card = v.card().expect("card");
    card.age_recipient.parse().expect("age recipient")
}

/// `plain` encrypted to `recipient`, as an age file.
pub fn seal(recipient: &age::x25519::Recipient, plain: &[u8]) -> Vec<u8> {
    let e = age::Encryptor::with_recipients(std::iter::once(recipient as &dyn age::Recipient))
        .expect("encryptor");
    let mut out = Vec::new();
    let mut w = e.wrap_output(&mut out).expect("age writer");
    w.write_all(plain).expect("encrypt");
    w.finish().expect("finish age file");
    out
}
