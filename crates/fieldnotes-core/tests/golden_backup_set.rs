//! Golden vector of the backup set (set format 1, snapshot format 2): a
//! set written once, with two snapshots (the second after a second file
//! was attached), committed under `tests/golden/backup-set-v1/`, must keep
//! restoring the same records and file contents in every later build, with
//! the passphrase and with the organisation's recovery key. The generator
//! is `#[ignore]`d and refuses to overwrite them.

use std::fs;
use std::path::{Path, PathBuf};

use fieldnotes_core::restore::{restore, RestoreKey};
use fieldnotes_core::{Body, CreateOptions, Kind, Vault};
use fieldnotes_test_support::*;
use serde_json::Value;

const PASS: &str = "golden vector amber lighthouse seventeen";

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/backup-set-v1")
}

fn content(n: u32) -> Vec<u8> {
    (0..60_000u32 + n)
        .map(|i| ((i * (n + 3)) % 251) as u8)
        .collect()
}

fn snapshots(set: &Path) -> Vec<PathBuf> {
    let mut s: Vec<PathBuf> = fs::read_dir(set.join("snapshots"))
        .expect("snapshots")
        .map(|e| e.expect("entry").path())
        .collect();
    s.sort();
    s
}

#[test]
#[ignore = "writes the golden files once; never rerun after they are committed"]
fn generate_golden_backup_set() {
    let out = dir();
    assert!(!out.exists(), "golden files are never regenerated");
    let tmp = tempfile::tempdir().expect("tmp");
    let recovery = age::x25519::Identity::generate();
    let options = CreateOptions {
        work_factor: WF,
        recovery: Some(recovery.to_public()),
    };
    let mut v = Vault::create(&tmp.path().join("v"), &secret(PASS), options).expect("vault");
    let c = v
        .add(case_with_name("GOLD-S1", "Ioana Marin"))
        .expect("case")
        .record_id;
    v.add(note(c, "Prima întâlnire; documentele sunt la angajator."))
        .expect("note");
    v.attach(c, "contract.pdf", None, &mut &content(1)[..])
        .expect("file 1");
    fs::create_dir_all(&out).expect("mkdir");
    v.backup(&out, None, &mut |_| {}).expect("first snapshot");
    v.attach(c, "statement.pdf", None, &mut &content(2)[..])
        .expect("file 2");
    v.backup(&out, None, &mut |_| {}).expect("second snapshot");
    fs::write(
        out.join("recovery-identity.txt"),
        format!(
            "{}\n",
            age::secrecy::ExposeSecret::expose_secret(&recovery.to_string())
        ),
    )
    .expect("identity");
    let expected = serde_json::json!({
        "vault_id": v.vault_id(),
        "case_id": c,
        "records": serde_json::to_value(v.records().expect("records")).expect("json"),
    });
    fs::write(
        out.join("expected.json"),
        serde_json::to_string_pretty(&expected).expect("json"),
    )
    .expect("expected");
}

fn expected() -> Value {
    serde_json::from_slice(&fs::read(dir().join("expected.json")).expect("expected.json"))
        .expect("json")
}

fn set_in(copy: &Path) -> PathBuf {
    fs::read_dir(copy)
        .expect("copy")
        .map(|e| e.expect("entry").path())
        .find(|p| p.is_dir())
        .expect("the set folder")
}

fn check_restored(v: &Vault, files: usize) {
    let e = expected();
    assert_eq!(
        v.vault_id().to_string(),
        e["vault_id"].as_str().expect("id")
    );
    let attachments: Vec<_> = v
        .records()
        .expect("records")
        .into_iter()
        .filter(|r| r.kind == Kind::Attachment)
        .collect();
    assert_eq!(attachments.len(), files);
    for (i, a) in attachments.iter().enumerate() {
        let mut out = Vec::new();
        v.read_attachment(a.record_id, &mut out).expect("reads");
        assert!(out == content(i as u32 + 1), "file {}", i + 1);
        assert!(matches!(a.body(), Some(Body::Attachment(_))));
    }
    assert!(v.verify_signatures().expect("signatures") >= 3);
    v.verify_audit().expect("audit");
}

#[test]
fn the_golden_set_restores_each_snapshot_with_the_passphrase() {
    let tmp = tempfile::tempdir().expect("tmp");
    copy_tree(&dir(), &tmp.path().join("drive"));
    let set = set_in(&tmp.path().join("drive"));
    let snaps = snapshots(&set);
    assert_eq!(snaps.len(), 2);
    for (i, snap) in snaps.iter().enumerate() {
        let target = tmp.path().join(format!("restored-{i}"));
        let (v, _) = restore(
            snap,
            &target,
            RestoreKey::Passphrase(&secret(PASS)),
            false,
            &mut |_| {},
        )
        .expect("restores");
        check_restored(&v, i + 1);
    }
    let latest = expected()["records"].clone();
    let (v, _) = restore(
        &snaps[1],
        &tmp.path().join("again"),
        RestoreKey::Passphrase(&secret(PASS)),
        false,
        &mut |_| {},
    )
    .expect("restores");
    assert_eq!(
        serde_json::to_value(v.records().expect("records")).expect("json"),
        latest
    );
}

#[test]
fn the_golden_set_restores_with_the_recovery_key() {
    let tmp = tempfile::tempdir().expect("tmp");
    copy_tree(&dir(), &tmp.path().join("drive"));
    let set = set_in(&tmp.path().join("drive"));
    let identity =
        fieldnotes_core::envelope::read_identity_file(&dir().join("recovery-identity.txt"))
            .expect("identity");
    let (v, _) = restore(
        &snapshots(&set)[1],
        &tmp.path().join("restored"),
        RestoreKey::Recovery {
            identity: &identity,
            new_passphrase: &secret(PASS2),
            work_factor: WF,
        },
        false,
        &mut |_| {},
    )
    .expect("restores with the recovery key");
    check_restored(&v, 2);
}
