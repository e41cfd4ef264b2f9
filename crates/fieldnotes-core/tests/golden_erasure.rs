//! Golden vectors of the forms erasure brought: format-2 record versions
//! (signed over the hash of their body), bundle format 2, and an erasure
//! entry, written once by an earlier build and committed under
//! `tests/golden/erasure-v1/`: the recipient vault (locked, before any
//! import), a first bundle carrying a case with a note and a file, and a
//! second carrying the erasure of that case. Every later build must import
//! both into the recipient with the same outcome. The generator is
//! `#[ignore]`d and refuses to overwrite them.

use std::fs;
use std::path::{Path, PathBuf};

use fieldnotes_core::exchange::ExportOptions;
use fieldnotes_core::{Body, ErasureReason, Error, Kind, Vault};
use fieldnotes_test_support::*;
use serde_json::Value;

const PASS: &str = "golden vector amber lighthouse seventeen";
const WORD: &str = "goldenerasureword";

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/erasure-v1")
}

#[test]
#[ignore = "writes the golden files once; never rerun after they are committed"]
fn generate_golden_erasure() {
    let out = dir();
    assert!(!out.exists(), "golden files are never regenerated");
    let tmp = tempfile::tempdir().expect("tmp");
    let mut sender = Vault::create(&tmp.path().join("sender"), &secret(PASS), opts()).expect("v");
    let mut recipient =
        Vault::create(&tmp.path().join("recipient"), &secret(PASS), opts()).expect("v");
    trust_each_other(&mut [&mut sender, &mut recipient]);
    let c = sender
        .add(case_with_name("GOLD-E1", "Maria Dobre"))
        .expect("case")
        .record_id;
    share_with_lead(&mut sender, c);
    sender
        .add(note(c, &format!("Întâlnire; {WORD}.")))
        .expect("note");
    let bytes: Vec<u8> = (0..50_000u32).map(|i| (i % 241) as u8).collect();
    sender
        .attach(c, "statement.pdf", None, &mut &bytes[..])
        .expect("file");
    fs::create_dir_all(&out).expect("mkdir");
    let opts = ExportOptions {
        to: vec![recipient.device_id()],
        ..Default::default()
    };
    sender
        .export(&opts, &out.join("bundle-1.fnb"), &mut |_| {})
        .expect("first");
    sender
        .erase(c, ErasureReason::ErasureRequest)
        .expect("erase");
    sender
        .export(&opts, &out.join("bundle-2-erasure.fnb"), &mut |_| {})
        .expect("second");
    let expected = serde_json::json!({ "case_id": c, "sender": sender.device_id() });
    fs::write(
        out.join("expected.json"),
        serde_json::to_string_pretty(&expected).expect("json"),
    )
    .expect("expected");
    sender.lock().expect("lock");
    recipient.lock().expect("lock");
    copy_tree(&tmp.path().join("recipient"), &out.join("recipient"));
}

#[test]
fn the_golden_bundles_import_then_erase_the_case() {
    let expected: Value =
        serde_json::from_slice(&fs::read(dir().join("expected.json")).expect("expected"))
            .expect("json");
    let case: uuid::Uuid = expected["case_id"]
        .as_str()
        .expect("id")
        .parse()
        .expect("uuid");
    let tmp = tempfile::tempdir().expect("tmp");
    let vault_dir = tmp.path().join("recipient");
    copy_tree(&dir().join("recipient"), &vault_dir);
    let mut v = Vault::unlock(&vault_dir, &secret(PASS)).expect("unlock");

    let first = v
        .import(&dir().join("bundle-1.fnb"), &mut |_| {})
        .expect("first bundle");
    assert_eq!(first.new_blobs, 1);
    assert_eq!(v.search(WORD, 5).expect("search").len(), 1);
    for r in v.records().expect("records") {
        for h in &r.heads {
            assert_eq!(h.format, 2, "format-2 versions");
            assert!(h.body_hash.is_some());
        }
    }
    v.verify_signatures().expect("format-2 signatures verify");

    let second = v
        .import(&dir().join("bundle-2-erasure.fnb"), &mut |_| {})
        .expect("erasure");
    assert_eq!(
        second.erased_records, 4,
        "the case, its consent, note and file"
    );
    assert!(matches!(v.current(case), Err(Error::Erased { .. })));
    assert!(v.search(WORD, 5).expect("search").is_empty());
    let erasure = v
        .records()
        .expect("records")
        .into_iter()
        .find(|r| r.kind == Kind::Erasure)
        .expect("the erasure entry");
    match erasure.body() {
        Some(Body::Erasure(e)) => {
            assert_eq!(e.case, Some(case));
            assert_eq!(e.reason, ErasureReason::ErasureRequest);
            assert_eq!(e.records.len(), 4);
        }
        other => panic!("not an erasure: {other:?}"),
    }
    v.verify_signatures()
        .expect("erased versions still verify by their body hash");
    v.verify_audit().expect("audit");
    // The first bundle again brings nothing back.
    v.import(&dir().join("bundle-1.fnb"), &mut |_| {})
        .expect("repeat");
    assert!(v.search(WORD, 5).expect("search").is_empty());
}
