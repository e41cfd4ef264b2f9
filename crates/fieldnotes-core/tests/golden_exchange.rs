#![allow(clippy::unwrap_used)]
//! Golden vectors of the exchange and backup formats: an identity card, a
//! bundle and a backup written once by an earlier build and committed under
//! `tests/golden/exchange-v1/` must keep reading the same in every later
//! build. The generator is `#[ignore]`d and refuses to overwrite them.

use std::fs;
use std::path::{Path, PathBuf};

use fieldnotes_core::exchange::ExportOptions;
use fieldnotes_core::restore::{restore, RestoreKey};
use fieldnotes_core::roster::Card;
use fieldnotes_core::Vault;
use fieldnotes_test_support::*;
use serde_json::Value;

const PASS: &str = "golden vector amber lighthouse seventeen";

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/exchange-v1")
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

#[test]
#[ignore = "writes the golden files once; never rerun after they are committed"]
fn generate_golden_exchange() {
    let out = dir();
    assert!(!out.exists(), "golden files are never regenerated");
    let tmp = tempfile::tempdir().unwrap();
    let mut sender = Vault::create(&tmp.path().join("sender"), &secret(PASS), opts()).unwrap();
    let mut recipient =
        Vault::create(&tmp.path().join("recipient"), &secret(PASS), opts()).unwrap();
    sender.set_device_name("worker laptop").unwrap();
    recipient.set_device_name("case lead").unwrap();
    let sc = sender.card().unwrap();
    let rc = recipient.card().unwrap();
    sender.trust(&rc, None).unwrap();
    recipient.trust(&sc, None).unwrap();
    let c = sender
        .add(case_with_name("GOLD-X1", "Elena Popa"))
        .unwrap()
        .record_id;
    let n = sender
        .add(note(c, "Întâlnire la adăpost; are nevoie de acte."))
        .unwrap()
        .record_id;
    sender
        .update(n, note(c, "Întâlnire la adăpost; are nevoie de acte noi."))
        .unwrap();
    let gone = sender.add(note(c, "șters")).unwrap().record_id;
    sender.delete(gone).unwrap();
    let bytes: Vec<u8> = (0..70_000u32).map(|i| (i % 251) as u8).collect();
    sender
        .attach(
            c,
            "scan.png",
            Some("image/png".into()),
            &mut bytes.as_slice(),
        )
        .unwrap();

    fs::create_dir_all(&out).unwrap();
    let opts = ExportOptions {
        to: vec![recipient.device_id()],
        ..Default::default()
    };
    sender
        .export(&opts, &out.join("bundle-v1.fnb"), &mut |_| {})
        .unwrap();
    fs::write(out.join("sender.card"), sc.to_json()).unwrap();
    let usb = tmp.path().join("usb");
    fs::create_dir(&usb).unwrap();
    let backup = sender.backup(&usb, None, &mut |_| {}).unwrap();
    fs::copy(&backup.path, out.join("backup-v1.fnbackup")).unwrap();
    let expected = serde_json::json!({
        "fingerprint": sc.fingerprint,
        "records": serde_json::to_value(sender.records().unwrap()).unwrap(),
        "backup_counts": serde_json::to_value(backup.manifest.counts).unwrap(),
    });
    fs::write(
        out.join("expected.json"),
        serde_json::to_string_pretty(&expected).unwrap(),
    )
    .unwrap();
    sender.lock().unwrap();
    recipient.lock().unwrap();
    copy_dir(&tmp.path().join("recipient"), &out.join("recipient"));
}

fn expected() -> Value {
    serde_json::from_slice(&fs::read(dir().join("expected.json")).unwrap()).unwrap()
}

#[test]
fn the_golden_card_parses_to_the_same_fingerprint() {
    let card = Card::parse(&fs::read_to_string(dir().join("sender.card")).unwrap()).unwrap();
    assert_eq!(card.fingerprint, expected()["fingerprint"]);
}

#[test]
fn the_golden_bundle_imports_into_its_recipient_with_the_same_records() {
    let tmp = tempfile::tempdir().unwrap();
    let vault_dir = tmp.path().join("recipient");
    copy_dir(&dir().join("recipient"), &vault_dir);
    let mut v = Vault::unlock(&vault_dir, &secret(PASS)).unwrap();
    let info = v.import(&dir().join("bundle-v1.fnb"), &mut |_| {}).unwrap();
    assert_eq!(info.new_versions, 6);
    assert_eq!(
        serde_json::to_value(v.records().unwrap()).unwrap(),
        expected()["records"]
    );
    assert!(
        v.import(&dir().join("bundle-v1.fnb"), &mut |_| {})
            .unwrap()
            .already_imported
    );
    v.verify_signatures().unwrap();
}

#[test]
fn the_golden_backup_restores_with_its_passphrase() {
    let tmp = tempfile::tempdir().unwrap();
    let (v, info) = restore(
        &dir().join("backup-v1.fnbackup"),
        &tmp.path().join("restored"),
        RestoreKey::Passphrase(&secret(PASS)),
        false,
        &mut |_| {},
    )
    .unwrap();
    assert_eq!(
        serde_json::to_value(info.manifest.counts).unwrap(),
        expected()["backup_counts"]
    );
    assert_eq!(
        serde_json::to_value(v.records().unwrap()).unwrap(),
        expected()["records"]
    );
}
