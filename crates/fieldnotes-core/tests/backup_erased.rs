#![allow(clippy::unwrap_used)]
//! Backups that still hold erased data: listed as such, and removed in one
//! action that keeps a backup free of erased data on the drive and the
//! sealed files the kept snapshots need.

use std::fs;
use std::path::{Path, PathBuf};

use fieldnotes_core::restore::{restore, RestoreKey};
use fieldnotes_core::{ErasureReason, Vault};
use fieldnotes_test_support::{case, create_at, no_progress, noise, note, secret, PASS};
use uuid::Uuid;

const ERASED_TEXT: &str = "words-only-in-the-erased-case";

/// A vault with a kept case and a case to erase, each with a note and an
/// attachment of its own; returns the vault and the case to erase.
fn two_cases(dir: &Path) -> (Vault, Uuid) {
    let mut v = create_at(dir);
    let kept = v.add(case("KEEP-1")).unwrap().record_id;
    v.add(note(kept, "kept words")).unwrap();
    v.attach(kept, "kept.bin", None, &mut noise(100_000, 1).as_slice())
        .unwrap();
    let gone = v.add(case("GONE-1")).unwrap().record_id;
    v.add(note(gone, ERASED_TEXT)).unwrap();
    v.attach(gone, "gone.bin", None, &mut noise(100_000, 2).as_slice())
        .unwrap();
    (v, gone)
}

fn set_blobs(usb: &Path, v: &Vault) -> Vec<String> {
    let dir = usb
        .join(format!("fieldnotes-{}", v.vault_id()))
        .join("blobs");
    let mut out: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    out.sort();
    out
}

/// Whether each listed backup holds erased data, by path.
fn holding(v: &Vault, usb: &Path) -> Vec<(PathBuf, bool)> {
    let entries = v.list_backups(usb, &mut no_progress()).unwrap();
    assert!(entries.iter().all(|e| e.problem.is_none()), "{entries:?}");
    entries
        .into_iter()
        .map(|e| (e.path, e.holds_erased))
        .collect()
}

fn usb(tmp: &Path) -> PathBuf {
    let usb = tmp.join("usb");
    fs::create_dir_all(&usb).unwrap();
    usb
}

#[test]
fn an_old_backup_holds_erased_data_and_a_new_one_does_not() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut v, gone) = two_cases(&tmp.path().join("vault"));
    let usb = usb(tmp.path());
    let old = v.backup(&usb, None, &mut no_progress()).unwrap();
    assert_eq!(holding(&v, &usb), vec![(old.path.clone(), false)]);

    v.erase(gone, ErasureReason::ConsentWithdrawn).unwrap();
    // A record added after the old backup and never in it changes nothing.
    v.add(case("LATER-1")).unwrap();
    assert_eq!(holding(&v, &usb), vec![(old.path.clone(), true)]);
    let new = v.backup(&usb, None, &mut no_progress()).unwrap();
    assert_eq!(
        holding(&v, &usb),
        vec![(new.path.clone(), false), (old.path.clone(), true)]
    );

    // A backup free of erased data remains: no fresh one is made.
    let before = set_blobs(&usb, &v);
    let done = v
        .remove_backups_holding_erased(&usb, &mut no_progress())
        .unwrap();
    assert!(done.fresh.is_none());
    assert_eq!(done.removed, vec![old.path.clone()]);
    assert_eq!(done.blobs_removed, 1, "the erased attachment's file");
    assert_eq!(set_blobs(&usb, &v).len(), before.len() - 1);
    assert!(!old.path.exists() && new.path.exists());
    assert_eq!(holding(&v, &usb), vec![(new.path.clone(), false)]);
    v.verify_backup_file(&new.path, &mut no_progress()).unwrap();

    // Nothing left to remove: nothing happens.
    let again = v
        .remove_backups_holding_erased(&usb, &mut no_progress())
        .unwrap();
    assert!(again.fresh.is_none() && again.removed.is_empty());
}

#[test]
fn removing_the_only_backups_first_makes_a_fresh_one_that_restores_without_them() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut v, gone) = two_cases(&tmp.path().join("vault"));
    let usb = usb(tmp.path());
    let first = v.backup(&usb, None, &mut no_progress()).unwrap();
    let second = v.backup(&usb, None, &mut no_progress()).unwrap();
    let both_files = set_blobs(&usb, &v);
    assert_eq!(both_files.len(), 2);
    v.erase(gone, ErasureReason::ErasureRequest).unwrap();

    let done = v
        .remove_backups_holding_erased(&usb, &mut no_progress())
        .unwrap();
    let fresh = done.fresh.expect("a fresh backup first");
    let mut removed = done.removed.clone();
    removed.sort();
    assert_eq!(removed, vec![first.path.clone(), second.path.clone()]);
    assert_eq!(done.blobs_removed, 1);
    assert_eq!(holding(&v, &usb), vec![(fresh.path.clone(), false)]);
    // The kept attachment's file stays: the fresh snapshot needs it.
    let left = set_blobs(&usb, &v);
    assert_eq!(left.len(), 1);
    assert!(both_files.contains(&left[0]));

    v.lock().unwrap();
    let (restored, _) = restore(
        &fresh.path,
        &tmp.path().join("restored"),
        RestoreKey::Passphrase(&secret(PASS)),
        false,
        &mut no_progress(),
    )
    .unwrap();
    let records = restored.records().unwrap();
    assert!(records
        .iter()
        .any(|r| format!("{:?}", r.body()).contains("kept words")));
    for r in &records {
        assert!(!format!("{:?}", r.body()).contains(ERASED_TEXT), "{r:?}");
    }
    assert!(restored.search(ERASED_TEXT, 10).unwrap().is_empty());
    restored.check_attachments(&mut no_progress()).unwrap();
}

#[test]
fn a_format_1_backup_holding_an_erased_attachment_is_removed_the_same_way() {
    let golden =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/exchange-v1/backup-v1.fnbackup");
    let tmp = tempfile::tempdir().unwrap();
    let pass = secret("golden vector amber lighthouse seventeen");
    let (mut v, _) = restore(
        &golden,
        &tmp.path().join("restored"),
        RestoreKey::Passphrase(&pass),
        false,
        &mut no_progress(),
    )
    .unwrap();
    v.move_attachments_out(&mut no_progress()).unwrap();
    let usb = usb(tmp.path());
    let copy = usb.join(format!(
        "fieldnotes-20250101-000000-000-{}.fnbackup",
        &v.vault_id().simple().to_string()[..8]
    ));
    fs::copy(&golden, &copy).unwrap();
    assert_eq!(holding(&v, &usb), vec![(copy.clone(), false)]);

    let scan = v
        .records()
        .unwrap()
        .into_iter()
        .find(|r| format!("{:?}", r.body()).contains("scan.png"))
        .unwrap()
        .record_id;
    v.erase(scan, ErasureReason::EnteredInError).unwrap();
    assert_eq!(holding(&v, &usb), vec![(copy.clone(), true)]);
    let done = v
        .remove_backups_holding_erased(&usb, &mut no_progress())
        .unwrap();
    let fresh = done.fresh.expect("the only backup goes: a fresh one first");
    assert_eq!(done.removed, vec![copy.clone()]);
    assert!(!copy.exists());
    assert_eq!(holding(&v, &usb), vec![(fresh.path, false)]);
}

#[test]
fn an_older_backup_restored_is_erased_again_when_the_erasure_arrives_in_a_bundle() {
    use fieldnotes_core::exchange::ExportOptions;
    use fieldnotes_test_support::{share_with_lead, trust_each_other};
    let tmp = tempfile::tempdir().unwrap();
    let (mut v, gone) = two_cases(&tmp.path().join("vault"));
    let mut lead = create_at(&tmp.path().join("lead"));
    trust_each_other(&mut [&mut v, &mut lead]);
    for c in [gone, v.case_id("KEEP-1").unwrap()] {
        share_with_lead(&mut v, c);
    }
    let to_lead = ExportOptions {
        to: vec![lead.device_id()],
        ..Default::default()
    };
    let first = tmp.path().join("first.fnb");
    v.export(&to_lead, &first, &mut no_progress()).unwrap();
    lead.import(&first, &mut no_progress()).unwrap();
    let usb = usb(tmp.path());
    let old = v.backup(&usb, None, &mut no_progress()).unwrap();
    v.erase(gone, ErasureReason::ConsentWithdrawn).unwrap();
    let second = tmp.path().join("second.fnb");
    v.export(&to_lead, &second, &mut no_progress()).unwrap();
    lead.import(&second, &mut no_progress()).unwrap();
    assert!(lead.search(ERASED_TEXT, 10).unwrap().is_empty());

    // The laptop is lost; its older backup is restored on a new one, and
    // the erased case is back there, until the lead's next bundle.
    v.lock().unwrap();
    let (mut restored, _) = restore(
        &old.path,
        &tmp.path().join("restored"),
        RestoreKey::Passphrase(&secret(PASS)),
        false,
        &mut no_progress(),
    )
    .unwrap();
    assert_eq!(restored.search(ERASED_TEXT, 10).unwrap().len(), 1);
    let back = tmp.path().join("back.fnb");
    let all = ExportOptions {
        to: vec![restored.device_id()],
        all: true,
        ..Default::default()
    };
    lead.export(&all, &back, &mut no_progress()).unwrap();
    let info = restored.import(&back, &mut no_progress()).unwrap();
    assert!(info.erased_records >= 3, "{info:?}");
    assert!(restored.search(ERASED_TEXT, 10).unwrap().is_empty());
    assert!(restored.current(gone).is_err());
    assert!(restored.search("kept words", 10).unwrap().len() == 1);
    restored.verify_signatures().unwrap();
    restored.verify_audit().unwrap();
}
