//! Attachment content as sealed files: what lands in `blobs/`, damage and
//! loss reported as such, orphans swept, and older vaults' attachments
//! moved out of the database (resumably) on first unlock.

use std::fs;
use std::path::{Path, PathBuf};

use fieldnotes_core::backup::{Phase, Progress};
use fieldnotes_core::restore::{restore, RestoreKey};
use fieldnotes_core::{Error, Vault};
use fieldnotes_test_support::*;
use uuid::Uuid;

/// The golden format-1 backup: a schema-3 vault with one 70,000-byte
/// attachment inside its database (tests/golden/README.md).
const GOLDEN_PASS: &str = "golden vector amber lighthouse seventeen";

fn golden_backup() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/exchange-v1/backup-v1.fnbackup")
}

fn golden_content() -> Vec<u8> {
    (0..70_000u32).map(|i| (i % 251) as u8).collect()
}

fn restored_old_vault(tmp: &Path) -> Vault {
    let (v, _) = restore(
        &golden_backup(),
        &tmp.join("old"),
        RestoreKey::Passphrase(&secret(GOLDEN_PASS)),
        false,
        &mut |_| {},
    )
    .expect("golden backup restores");
    v
}

fn attachment_id(v: &Vault) -> Uuid {
    v.records()
        .expect("records")
        .iter()
        .find(|r| r.kind == fieldnotes_core::Kind::Attachment)
        .expect("an attachment")
        .record_id
}

fn blob_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir.join("blobs"))
        .map(|d| {
            d.map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn an_older_vaults_attachments_move_out_once_with_progress() {
    let tmp = tempfile::tempdir().expect("tmp");
    let mut v = restored_old_vault(tmp.path());
    let plan = v.attachments_to_move().expect("plan");
    assert_eq!((plan.attachments, plan.bytes), (1, 70_000));
    let id = attachment_id(&v);
    assert!(matches!(
        v.read_attachment(id, &mut Vec::new()),
        Err(Error::AttachmentsNotMoved)
    ));
    let db_before = fs::metadata(v.dir().join("vault.db")).expect("db").len();

    let mut seen: Vec<Progress> = Vec::new();
    assert_eq!(
        v.move_attachments_out(&mut |p| seen.push(p))
            .expect("moves"),
        1
    );
    let last = seen.last().expect("progress reported");
    assert_eq!(
        (last.phase, last.done, last.total),
        (Phase::Moving, 70_000, 70_000)
    );
    assert_eq!(v.attachments_to_move().expect("plan").attachments, 0);
    let mut out = Vec::new();
    assert_eq!(v.read_attachment(id, &mut out).expect("reads"), 70_000);
    assert!(out == golden_content());
    assert_eq!(blob_files(v.dir()).len(), 1);
    let report = v.check_attachments(&mut |_| {}).expect("check");
    assert!(report.is_sound() && report.orphans.is_empty(), "{report:?}");
    assert_eq!((report.sound, report.bytes), (1, 70_000));
    // The old pages went with the vacuum.
    let db_after = fs::metadata(v.dir().join("vault.db")).expect("db").len();
    assert!(db_after < db_before, "{db_after} >= {db_before}");
    assert!(v.verify_signatures().expect("signatures") > 0);
    v.verify_audit().expect("audit");

    let dir = v.dir().to_path_buf();
    v.lock().expect("lock");
    let mut v = Vault::unlock(&dir, &secret(GOLDEN_PASS)).expect("unlock");
    assert_eq!(
        v.move_attachments_out(&mut |_| {}).expect("nothing left"),
        0
    );
    assert!(events(&v).iter().any(|e| e == "attachments_moved"));
}

#[test]
fn an_interrupted_move_resumes_and_loses_nothing() {
    let tmp = tempfile::tempdir().expect("tmp");
    let mut v = restored_old_vault(tmp.path());
    let id = attachment_id(&v);
    // The blob folder cannot be made: the move fails part-way.
    let obstacle = v.dir().join("blobs");
    fs::write(&obstacle, b"in the way").expect("obstacle");
    assert!(v.move_attachments_out(&mut |_| {}).is_err());
    assert_eq!(v.attachments_to_move().expect("plan").attachments, 1);
    fs::remove_file(&obstacle).expect("clear");
    assert_eq!(v.move_attachments_out(&mut |_| {}).expect("resumes"), 1);
    let mut out = Vec::new();
    v.read_attachment(id, &mut out).expect("reads");
    assert!(out == golden_content());
}

#[test]
fn equal_content_is_stored_once_under_a_name_that_reveals_nothing() {
    let (_tmp, dir, mut v) = new_vault();
    let case = v.add(case("B-1")).expect("case").record_id;
    let content = noise(300_000, 7);
    let a = v.attach(case, "a.bin", None, &mut &content[..]).expect("a");
    v.attach(case, "b.bin", None, &mut &content[..]).expect("b");
    let names = blob_files(&dir);
    assert_eq!(names.len(), 1, "{names:?}");
    let plain_hash = blake3::hash(&content).to_hex().to_string();
    assert_ne!(names[0], plain_hash);
    assert_eq!(names[0].len(), 64);
    let sealed = fs::read(dir.join("blobs").join(&names[0])).expect("sealed");
    assert!(sealed.starts_with(b"age-encryption.org/v1\n-> X25519 "));
    assert!(!sealed.windows(64).any(|w| w == &content[1000..1064]));
    let mut out = Vec::new();
    v.read_attachment(a.record_id, &mut out).expect("reads");
    assert!(out == content);
}

#[test]
fn damage_and_loss_are_reported_as_such() {
    let (_tmp, dir, mut v) = new_vault();
    let case = v.add(case("B-2")).expect("case").record_id;
    let one = v
        .attach(case, "1.bin", None, &mut &noise(200_000, 1)[..])
        .expect("1");
    let names = blob_files(&dir);
    let two = v
        .attach(case, "2.bin", None, &mut &noise(100, 2)[..])
        .expect("2");
    let first = dir.join("blobs").join(&names[0]);
    let mut bytes = fs::read(&first).expect("read");
    let at = bytes.len() - 1000;
    bytes[at] ^= 0x40;
    fs::write(&first, &bytes).expect("damage");
    assert!(matches!(
        v.read_attachment(one.record_id, &mut Vec::new()),
        Err(Error::AttachmentCorrupt)
    ));
    let second: Vec<String> = blob_files(&dir)
        .into_iter()
        .filter(|n| n != &names[0])
        .collect();
    fs::remove_file(dir.join("blobs").join(&second[0])).expect("lose");
    assert!(matches!(
        v.read_attachment(two.record_id, &mut Vec::new()),
        Err(Error::AttachmentMissing)
    ));
    let report = v.check_attachments(&mut |_| {}).expect("check");
    assert_eq!(report.damaged, [names[0].clone()]);
    assert_eq!(report.missing, [second[0].clone()]);
    assert!(!report.is_sound());
}

#[test]
fn orphans_are_reported_then_swept_at_unlock() {
    let (_tmp, dir, mut v) = new_vault();
    let case = v.add(case("B-3")).expect("case").record_id;
    v.attach(case, "kept.bin", None, &mut &noise(5_000, 3)[..])
        .expect("kept");
    let kept = blob_files(&dir);
    let orphan = "ab".repeat(32);
    fs::write(dir.join("blobs").join(&orphan), b"left by a crash").expect("orphan");
    fs::write(dir.join("blobs/.tmp-0190f0f0"), b"half written").expect("temp");
    fs::write(dir.join("blobs/notes.txt"), b"not ours").expect("foreign");
    let report = v.check_attachments(&mut |_| {}).expect("check");
    assert_eq!(report.orphans, [".tmp-0190f0f0".to_owned(), orphan]);
    assert!(report.is_sound());
    v.lock().expect("lock");
    let v = unlock(&dir);
    let mut left = kept.clone();
    left.push("notes.txt".into());
    left.sort();
    assert_eq!(blob_files(&dir), left);
    assert!(v
        .check_attachments(&mut |_| {})
        .expect("check")
        .orphans
        .is_empty());
}
