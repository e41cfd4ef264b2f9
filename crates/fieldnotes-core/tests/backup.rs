#![allow(clippy::unwrap_used)]
//! Backup and restore through the public API: round trips, the recovery
//! key, damaged files, interrupted writes, rotation, and no plaintext.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use fieldnotes_core::backup::Progress;
use fieldnotes_core::restore::{restore, restore_with, RestoreKey};
use fieldnotes_core::{
    Body, CaseBody, CaseStatus, CreateOptions, Error, Identity, NoteBody, NoteKind, SecretString,
    Vault,
};
use fieldnotes_test_support::{no_progress, secret, PASS, WF};

const MARKERS: [&str; 4] = [
    "MARKERCASEQX17",
    "MarkerNameZelda",
    "marker narrative kumquat",
    "markerfile-okra.pdf",
];

/// A vault with a case, an edited note, a deleted note and an attachment.
fn populated(dir: &Path, recovery: Option<age::x25519::Recipient>) -> Vault {
    let mut v = Vault::create(
        dir,
        &secret(PASS),
        CreateOptions {
            work_factor: WF,
            recovery,
        },
    )
    .unwrap();
    let case = v
        .add(Body::Case(CaseBody {
            unknown: Default::default(),
            profile: Default::default(),
            code: MARKERS[0].into(),
            identity: Identity {
                name: Some(MARKERS[1].into()),
                ..Default::default()
            },
            languages: vec!["ro".into()],
            nationality: None,
            risk: None,
            status: CaseStatus::Open,
            assigned_worker: None,
        }))
        .unwrap()
        .record_id;
    let note = |text: &str| {
        Body::Note(NoteBody {
            unknown: Default::default(),
            form: None,
            case,
            kind: NoteKind::Intake,
            when: None,
            place: None,
            present: vec![],
            interpreter: None,
            narrative: text.into(),
            tags: vec![],
            draft: false,
        })
    };
    let n = v.add(note("first draft")).unwrap().record_id;
    v.update(n, note(MARKERS[2])).unwrap();
    let gone = v.add(note("to be deleted")).unwrap().record_id;
    v.delete(gone).unwrap();
    let content: Vec<u8> = (0..3_000_000u32).map(|i| (i * 7 % 251) as u8).collect();
    v.attach(case, MARKERS[3], None, &mut content.as_slice())
        .unwrap();
    v
}

/// Every file under `dir`, hidden ones included, sorted.
fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut v = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            v.extend(files_in(&p));
        } else {
            v.push(p);
        }
    }
    v.sort();
    v
}

/// The snapshots of every backup set in `dir`.
fn backups_in(dir: &Path) -> Vec<PathBuf> {
    files_in(dir)
        .into_iter()
        .filter(|p| p.parent().unwrap().ends_with("snapshots"))
        .collect()
}

/// Every file under `dir` with its bytes.
fn contents(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    files_in(dir)
        .into_iter()
        .map(|p| {
            let b = fs::read(&p).unwrap();
            (p, b)
        })
        .collect()
}

#[test]
fn round_trip_restores_identical_records_with_the_passphrase() {
    let tmp = tempfile::tempdir().unwrap();
    let vault = populated(&tmp.path().join("vault"), None);
    let usb = tmp.path().join("usb");
    fs::create_dir(&usb).unwrap();
    let mut phases = Vec::new();
    let info = vault
        .backup(&usb, None, &mut |p: Progress| phases.push(p.phase))
        .unwrap();
    assert!(info.path.exists());
    assert!(!phases.is_empty(), "progress was reported");
    assert_eq!(
        info.manifest.counts.records, 4,
        "deleted records are backed up too"
    );

    let target = tmp.path().join("new-laptop");
    let (restored, rinfo) = restore(
        &info.path,
        &target,
        RestoreKey::Passphrase(&secret(PASS)),
        false,
        &mut no_progress(),
    )
    .unwrap();
    assert_eq!(rinfo.manifest, info.manifest);
    assert_eq!(restored.records().unwrap(), vault.records().unwrap());
    let note = vault.records().unwrap()[1].record_id;
    assert_eq!(
        restored.history(note).unwrap(),
        vault.history(note).unwrap()
    );
    assert_eq!(
        restored.verify_signatures().unwrap(),
        vault.verify_signatures().unwrap()
    );
    restored.verify_audit().unwrap();
    let attachment = vault.records().unwrap()[2].record_id;
    let (mut a, mut b) = (Vec::new(), Vec::new());
    vault.read_attachment(attachment, &mut a).unwrap();
    restored.read_attachment(attachment, &mut b).unwrap();
    assert_eq!(a, b);
    restored.lock().unwrap();
    // The restored vault opens with the same passphrase.
    Vault::unlock(&target, &secret(PASS))
        .unwrap()
        .lock()
        .unwrap();
}

#[test]
fn recovery_key_alone_restores_and_sets_a_new_passphrase() {
    let tmp = tempfile::tempdir().unwrap();
    let org = age::x25519::Identity::generate();
    let vault = populated(&tmp.path().join("vault"), Some(org.to_public()));
    let usb = tmp.path().join("usb");
    fs::create_dir(&usb).unwrap();
    let info = vault.backup(&usb, None, &mut no_progress()).unwrap();
    let new = SecretString::from("lantern orchard quietly seventeen boats".to_owned());
    let target = tmp.path().join("restored");
    let (restored, _) = restore(
        &info.path,
        &target,
        RestoreKey::Recovery {
            identity: &org,
            new_passphrase: &new,
            work_factor: WF,
        },
        false,
        &mut no_progress(),
    )
    .unwrap();
    assert_eq!(restored.records().unwrap(), vault.records().unwrap());
    restored.lock().unwrap();
    assert!(matches!(
        Vault::unlock(&target, &secret(PASS)),
        Err(Error::WrongPassphrase)
    ));
    Vault::unlock(&target, &new).unwrap().lock().unwrap();

    // A stranger's key opens nothing.
    let stranger = age::x25519::Identity::generate();
    let err = restore(
        &info.path,
        &tmp.path().join("x"),
        RestoreKey::Recovery {
            identity: &stranger,
            new_passphrase: &new,
            work_factor: WF,
        },
        false,
        &mut no_progress(),
    )
    .unwrap_err();
    assert!(matches!(err, Error::BackupForeign), "{err:?}");
}

#[test]
fn damaged_truncated_and_wrong_passphrase_each_have_their_error() {
    let tmp = tempfile::tempdir().unwrap();
    let vault = populated(&tmp.path().join("vault"), None);
    let usb = tmp.path().join("usb");
    fs::create_dir(&usb).unwrap();
    let info = vault.backup(&usb, None, &mut no_progress()).unwrap();
    let bytes = fs::read(&info.path).unwrap();
    let try_restore = |file: &Path, p: &SecretString, name: &str| {
        restore(
            file,
            &tmp.path().join(name),
            RestoreKey::Passphrase(p),
            false,
            &mut no_progress(),
        )
        .map(|_| ())
    };

    let wrong = SecretString::from("not the passphrase at all, sorry".to_owned());
    assert!(matches!(
        try_restore(&info.path, &wrong, "w"),
        Err(Error::WrongPassphrase)
    ));

    for (i, offset) in [bytes.len() / 3, bytes.len() / 2, bytes.len() - 40]
        .into_iter()
        .enumerate()
    {
        let mut bad = bytes.clone();
        bad[offset] ^= 0x20;
        let f = tmp.path().join(format!("flipped-{i}.fnbackup"));
        fs::write(&f, &bad).unwrap();
        let err = try_restore(&f, &secret(PASS), &format!("f{i}")).unwrap_err();
        assert!(
            matches!(err, Error::BackupCorrupt),
            "offset {offset}: {err:?}"
        );
        assert!(vault.verify_backup_file(&f, &mut no_progress()).is_err());
        assert!(
            !tmp.path().join(format!("f{i}")).exists(),
            "nothing restored"
        );
    }

    for len in [10, 300, bytes.len() / 2, bytes.len() - 1] {
        let f = tmp.path().join(format!("cut-{len}.fnbackup"));
        fs::write(&f, &bytes[..len]).unwrap();
        let err = try_restore(&f, &secret(PASS), &format!("c{len}")).unwrap_err();
        assert!(matches!(err, Error::BackupCorrupt), "length {len}: {err:?}");
    }

    let mut newer = bytes.clone();
    newer[..19].copy_from_slice(b"fieldnotes-backup 9");
    let f = tmp.path().join("newer.fnbackup");
    fs::write(&f, &newer).unwrap();
    assert!(matches!(
        try_restore(&f, &secret(PASS), "n"),
        Err(Error::UnsupportedVersion { found: 9, .. })
    ));
    // Only the staging folders of failed restores could be left: none are.
    let leftovers: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("restoring"))
        .collect();
    assert!(leftovers.is_empty());
}

/// A drive that takes `left` more bytes, then reports it is full.
struct FillsUp {
    inner: fs::File,
    left: usize,
}

impl Write for FillsUp {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.left == 0 {
            return Err(io::Error::from_raw_os_error(28)); // ENOSPC
        }
        let n = buf.len().min(self.left);
        self.left -= n;
        self.inner.write(&buf[..n])
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[test]
fn a_drive_that_fills_up_leaves_earlier_backups_and_no_valid_looking_file() {
    let tmp = tempfile::tempdir().unwrap();
    let mut vault = populated(&tmp.path().join("vault"), None);
    let usb = tmp.path().join("usb");
    fs::create_dir(&usb).unwrap();
    let first = vault.backup(&usb, Some(1), &mut no_progress()).unwrap();
    let before = contents(&usb);
    let fill_up = |vault: &Vault, what: &str| {
        // The snapshot (the database image, about 110 KB) and the new
        // sealed file are each larger than the largest of these.
        for left in [0, 100, 5_000, 100_000] {
            let err = vault
                .backup_with(&usb, Some(1), &mut no_progress(), &mut |f| {
                    Box::new(FillsUp { inner: f, left })
                })
                .unwrap_err();
            assert!(matches!(err, Error::DiskFull), "{what} {left}: {err:?}");
            assert_eq!(
                backups_in(&usb),
                vec![first.path.clone()],
                "{what}, after {left} bytes"
            );
            // No partial file, no new sealed file: the drive is as it was.
            assert_eq!(contents(&usb), before, "{what}, after {left} bytes");
        }
    };
    // Only the snapshot is new: it is what fills the drive.
    fill_up(&vault, "snapshot");
    // A new attachment larger than what the drive takes: its copy fails.
    let case = vault.records().unwrap()[0].record_id;
    let big: Vec<u8> = (0..2_500_000u32).map(|i| (i * 13 % 253) as u8).collect();
    vault
        .attach(case, "second.bin", None, &mut big.as_slice())
        .unwrap();
    fill_up(&vault, "sealed file");
    // The earlier backup still verifies and restores with its attachment.
    vault
        .verify_backup_file(&first.path, &mut no_progress())
        .unwrap();
    let (restored, _) = restore(
        &first.path,
        &tmp.path().join("restored"),
        RestoreKey::Passphrase(&secret(PASS)),
        false,
        &mut no_progress(),
    )
    .unwrap();
    let attachment = vault.records().unwrap()[2].record_id;
    let mut got = Vec::new();
    restored.read_attachment(attachment, &mut got).unwrap();
    assert_eq!(got.len(), 3_000_000);
    assert!(matches!(
        vault.backup(&tmp.path().join("unplugged"), None, &mut no_progress()),
        Err(Error::Io { .. })
    ));
}

#[test]
fn rotation_keeps_exactly_the_newest_n_and_only_this_vaults() {
    let tmp = tempfile::tempdir().unwrap();
    let vault = populated(&tmp.path().join("vault"), None);
    let other = populated(&tmp.path().join("other"), None);
    let usb = tmp.path().join("usb");
    fs::create_dir(&usb).unwrap();
    let foreign = other.backup(&usb, None, &mut no_progress()).unwrap();
    let mut made = Vec::new();
    for _ in 0..4 {
        made.push(
            vault
                .backup(&usb, Some(2), &mut no_progress())
                .unwrap()
                .path,
        );
    }
    let mut expected = vec![foreign.path.clone(), made[2].clone(), made[3].clone()];
    expected.sort();
    assert_eq!(backups_in(&usb), expected);
    let listed = vault.list_backups(&usb, &mut no_progress()).unwrap();
    assert_eq!(listed.len(), 3);
    let names: Vec<_> = listed.iter().map(|e| e.path.file_name().unwrap()).collect();
    let mut newest_first = names.clone();
    newest_first.sort_by(|a, b| b.cmp(a));
    assert_eq!(names, newest_first, "newest first");
    assert_eq!(listed.iter().filter(|e| e.manifest.is_some()).count(), 2);
    assert_eq!(listed.iter().filter(|e| !e.this_vault).count(), 1);
}

#[test]
fn an_existing_vault_is_refused_then_kept_aside() {
    let tmp = tempfile::tempdir().unwrap();
    let vault = populated(&tmp.path().join("vault"), None);
    let usb = tmp.path().join("usb");
    fs::create_dir(&usb).unwrap();
    let info = vault.backup(&usb, None, &mut no_progress()).unwrap();
    let target = tmp.path().join("target");
    populated(&target, None).lock().unwrap();
    let err = restore(
        &info.path,
        &target,
        RestoreKey::Passphrase(&secret(PASS)),
        false,
        &mut no_progress(),
    )
    .unwrap_err();
    assert!(matches!(err, Error::VaultExists(_)));
    // The app closes its open vault only once the backup has checked out,
    // and a failure to close it replaces nothing.
    let wrong = SecretString::from("not the passphrase of this backup".to_owned());
    let mut calls = 0;
    let err = restore_with(
        &info.path,
        &target,
        RestoreKey::Passphrase(&wrong),
        true,
        &mut no_progress(),
        &mut || {
            calls += 1;
            Ok(())
        },
    )
    .unwrap_err();
    assert!(matches!(err, Error::WrongPassphrase));
    assert_eq!(calls, 0);
    let err = restore_with(
        &info.path,
        &target,
        RestoreKey::Passphrase(&secret(PASS)),
        true,
        &mut no_progress(),
        &mut || Err(Error::Busy),
    )
    .unwrap_err();
    assert!(matches!(err, Error::Busy));
    let leftovers: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.contains("restoring") || n.contains("replaced"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    Vault::unlock(&target, &secret(PASS))
        .unwrap()
        .lock()
        .unwrap();

    let mut closed = false;
    let (restored, rinfo) = restore_with(
        &info.path,
        &target,
        RestoreKey::Passphrase(&secret(PASS)),
        true,
        &mut no_progress(),
        &mut || {
            closed = true;
            Ok(())
        },
    )
    .unwrap();
    assert!(closed);
    assert_eq!(restored.vault_id(), vault.vault_id());
    let aside = rinfo.replaced.expect("kept aside");
    Vault::unlock(&aside, &secret(PASS))
        .unwrap()
        .lock()
        .unwrap();
}

#[test]
fn the_backup_folder_holds_no_plaintext() {
    let tmp = tempfile::tempdir().unwrap();
    let vault = populated(&tmp.path().join("vault"), None);
    let usb = tmp.path().join("usb");
    fs::create_dir(&usb).unwrap();
    vault.backup(&usb, None, &mut no_progress()).unwrap();
    let files = files_in(&usb);
    assert!(files.len() >= 3, "set.json, a sealed file and a snapshot");
    for file in files {
        let bytes = fs::read(&file).unwrap();
        for m in MARKERS {
            assert!(
                !bytes.windows(m.len()).any(|w| w == m.as_bytes()),
                "{m} in {}",
                file.display()
            );
        }
    }
}
