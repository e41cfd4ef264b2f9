//! Golden vector: a vault written once by an earlier build and committed
//! under `tests/golden/vault-v1/` must keep opening, with the same records,
//! signatures and audit chain, in every later build.
//!
//! The generator is `#[ignore]`d and refuses to overwrite the committed
//! files: they are never regenerated (see `tests/golden/README.md`).

use std::fs;
use std::path::{Path, PathBuf};

use fieldnotes_core::{Body, CaseBody, CaseStatus, Identity, RiskLevel, Vault};
use fieldnotes_test_support::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The golden vault's passphrase (test data, not a secret).
const GOLDEN_PASS: &str = "golden vector amber lighthouse seventeen";
const VAULT_FILES: [&str; 3] = ["vault.json", "key.age", "vault.db"];
const NOTE_V1: &str = "Prima întâlnire: întrebări despre sănătate și documente.";
const NOTE_V2: &str = "Prima întâlnire: întrebări despre sănătate și documente. Interpret prezent.";

/// What the generator wrote, for the test to check against.
#[derive(Serialize, Deserialize)]
struct Expected {
    schema_version: u32,
    vault_id: Uuid,
    device_id: Uuid,
    case_id: Uuid,
    case_version: Uuid,
    note_id: Uuid,
    note_versions: Vec<Uuid>,
    audit_events: Vec<String>,
    audit_head: String,
}

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn golden_case() -> Body {
    Body::Case(CaseBody {
        unknown: Default::default(),
        profile: Default::default(),
        code: "GOLD-001".into(),
        identity: Identity {
            unknown: Default::default(),
            name: Some("Maria Ionescu".into()),
            date_of_birth: Some("1998-07-14".into()),
            contacts: vec!["+40 712 345 678".into()],
        },
        languages: vec!["ro".into()],
        nationality: Some("Romanian".into()),
        risk: Some(RiskLevel::Medium),
        status: CaseStatus::Open,
        assigned_worker: Some("worker-ro-1".into()),
    })
}

#[test]
#[ignore = "writes the golden files once; never rerun after they are committed"]
fn generate_golden_vault() {
    let out = golden_dir().join("vault-v1");
    assert!(
        !out.exists(),
        "{} exists: golden files are never regenerated",
        out.display()
    );
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("vault");
    let mut v = Vault::create(&dir, &secret(GOLDEN_PASS), opts()).expect("create");
    let case = v.add(golden_case()).expect("case");
    let n1 = v.add(note(case.record_id, NOTE_V1)).expect("note");
    let n2 = v
        .update(n1.record_id, note(case.record_id, NOTE_V2))
        .expect("update");
    let (vault_id, device_id) = (v.vault_id(), v.device_id());
    v.lock().expect("lock");

    // Locking checkpoints the WAL: the three files are the whole vault.
    let mut names: Vec<String> = fs::read_dir(&dir)
        .expect("read")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["key.age", "vault.db", "vault.json"]);

    // The audit chain as it stands on disk (the unlock below adds to a copy).
    let check = tempfile::tempdir().expect("tempdir");
    copy_vault(&dir, check.path());
    let reopened = Vault::unlock(check.path(), &secret(GOLDEN_PASS)).expect("unlock");
    let mut log = reopened.audit_log().expect("log");
    log.pop(); // this check's own unlock
    let expected = Expected {
        schema_version: fieldnotes_core::SCHEMA_VERSION,
        vault_id,
        device_id,
        case_id: case.record_id,
        case_version: case.version_id,
        note_id: n1.record_id,
        note_versions: vec![n1.version_id, n2.version_id],
        audit_events: log.iter().map(|e| e.event.clone()).collect(),
        audit_head: log.last().expect("entries").hash.clone(),
    };

    fs::create_dir_all(&out).expect("mkdir");
    copy_vault(&dir, &out);
    fs::write(
        golden_dir().join("vault-v1.expected.json"),
        serde_json::to_string_pretty(&expected).expect("json") + "\n",
    )
    .expect("write expected");
}

fn copy_vault(from: &Path, to: &Path) {
    for name in VAULT_FILES {
        fs::copy(from.join(name), to.join(name)).expect("copy");
    }
}

#[test]
fn golden_vault_v1_still_opens() {
    let expected: Expected = serde_json::from_slice(
        &fs::read(golden_dir().join("vault-v1.expected.json")).expect("expected.json"),
    )
    .expect("parse expected.json");
    // Work on a copy: the committed files are never written to.
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("vault");
    fs::create_dir(&dir).expect("mkdir");
    copy_vault(&golden_dir().join("vault-v1"), &dir);

    assert!(matches!(
        Vault::unlock(&dir, &secret(PASS)),
        Err(fieldnotes_core::Error::WrongPassphrase)
    ));
    let v = Vault::unlock(&dir, &secret(GOLDEN_PASS)).expect("golden vault opens");
    assert!(fieldnotes_core::SCHEMA_VERSION >= expected.schema_version);
    assert_eq!(v.vault_id(), expected.vault_id);
    assert_eq!(v.device_id(), expected.device_id);
    assert!(v.integrity_check().expect("integrity"));

    // Records.
    let ids: Vec<Uuid> = v
        .records()
        .expect("records")
        .iter()
        .map(|s| s.record_id)
        .collect();
    assert_eq!(ids, [expected.case_id, expected.note_id]);
    assert_eq!(v.case_id("GOLD-001").expect("code"), expected.case_id);
    let case = v.current(expected.case_id).expect("case");
    assert_eq!(case.version_id, expected.case_version);
    assert_eq!(case.body, Some(golden_case()));
    let note_head = v.current(expected.note_id).expect("note");
    match &note_head.body {
        Some(Body::Note(n)) => {
            assert_eq!(n.narrative, NOTE_V2);
            assert_eq!(n.case, expected.case_id);
        }
        other => panic!("not a note: {other:?}"),
    }
    let history = v.history(expected.note_id).expect("history");
    assert_eq!(history.len(), 2);
    assert_eq!(
        history.iter().map(|h| h.version_id).collect::<Vec<_>>(),
        expected.note_versions
    );
    assert_eq!(history[1].parents, [history[0].version_id]);
    match &history[0].body {
        Some(Body::Note(n)) => assert_eq!(n.narrative, NOTE_V1),
        other => panic!("not a note: {other:?}"),
    }

    // Signatures over the canonical encoding still verify.
    assert_eq!(v.verify_signatures().expect("signatures"), 3);

    // The search index built then still answers, diacritics folded.
    let hits = v.search("sanatate", 10).expect("search");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].record_id, expected.note_id);
    assert_eq!(hits[0].case_code.as_deref(), Some("GOLD-001"));
    assert!(v.search("Ionescu", 10).expect("search").is_empty());
    // Re-indexed by schema 9: found by the Romanian labels of its values
    // ("Deschis": open; "Mediu": medium risk), named by wire names.
    let hits = v.search("deschis mediu", 10).expect("search");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].record_id, expected.case_id);
    let values: Vec<(&str, &str)> = hits[0].values.iter().map(|c| (c.field, c.value)).collect();
    assert_eq!(values, [("status", "open"), ("risk", "medium")]);
    assert!(!hits[0].snippet.contains("Deschis"), "{}", hits[0].snippet);

    // The audit chain: the stored entries unchanged, then the failed and
    // the successful unlock of this test.
    let report = v.verify_audit().expect("audit verifies");
    let log = v.audit_log().expect("log");
    assert_eq!(report.entries as usize, expected.audit_events.len() + 2);
    let stored: Vec<String> = log[..expected.audit_events.len()]
        .iter()
        .map(|e| e.event.clone())
        .collect();
    assert_eq!(stored, expected.audit_events);
    assert_eq!(
        log[expected.audit_events.len() - 1].hash,
        expected.audit_head
    );
    let tail: Vec<&str> = log[expected.audit_events.len()..]
        .iter()
        .map(|e| e.event.as_str())
        .collect();
    assert_eq!(tail, ["unlock_failed", "unlocked"]);

    let identity = v.reveal_identity(expected.case_id).expect("reveal");
    assert_eq!(identity.name.as_deref(), Some("Maria Ionescu"));
}
