//! The golden sealed attachment file (`tests/golden/blob-v1/`, written once
//! by the ignored `blobs::tests::generate_golden_blob`, never regenerated)
//! still opens: with this build's parallel reader, with the `age` crate and
//! with Debian's `age -d -i`, and its name is the documented keyed hash.
//! A missing `age` tool fails the test (`make test` installs it).

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::str::FromStr;

use serde_json::Value;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/blob-v1")
}

fn expected() -> Value {
    serde_json::from_slice(&fs::read(dir().join("expected.json")).expect("expected.json"))
        .expect("json")
}

fn content() -> Vec<u8> {
    (0..140_000u32).map(|i| (i * 31 % 253) as u8).collect()
}

fn sealed_path() -> PathBuf {
    dir().join(expected()["name"].as_str().expect("name"))
}

fn identity() -> age::x25519::Identity {
    let text = fs::read_to_string(dir().join("key.txt")).expect("key.txt");
    age::x25519::Identity::from_str(text.trim()).expect("an age identity")
}

#[test]
fn the_golden_sealed_file_opens_with_the_parallel_reader_and_the_age_crate() {
    let e = expected();
    let content = content();
    assert_eq!(blake3::hash(&content).to_hex().as_str(), e["blake3"]);
    assert_eq!(content.len() as u64, e["size"]);
    let sealed = fs::read(sealed_path()).expect("sealed file");
    assert_eq!(sealed.len() as u64, e["sealed_size"]);
    assert_eq!(blake3::hash(&sealed).to_hex().as_str(), e["sealed_blake3"]);

    let mut ours = Vec::new();
    fieldnotes_core::agestream::Reader::new(&identity(), &sealed[..])
        .expect("header")
        .read_to_end(&mut ours)
        .expect("opens");
    assert!(ours == content);

    let mut theirs = Vec::new();
    age::Decryptor::new(&sealed[..])
        .expect("an age file")
        .decrypt(std::iter::once(&identity() as &dyn age::Identity))
        .expect("key")
        .read_to_end(&mut theirs)
        .expect("opens");
    assert!(theirs == content);
}

#[test]
fn the_name_is_the_documented_keyed_hash_of_the_content() {
    let e = expected();
    let db_key: [u8; 32] = hex::decode(e["db_key_hex"].as_str().expect("hex"))
        .expect("hex")
        .try_into()
        .expect("32 bytes");
    let key = blake3::derive_key("fieldnotes blob names v1", &db_key);
    assert_eq!(
        blake3::keyed_hash(&key, &content()).to_hex().as_str(),
        e["name"]
    );
}

#[test]
fn debians_age_opens_the_golden_sealed_file() {
    let out = Command::new("age")
        .args(["-d", "-i"])
        .arg(dir().join("key.txt"))
        .arg(sealed_path())
        .output()
        .expect("`age` is not installed: run `make test`, which installs it");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout == content());
}
