//! Vault life cycle through the public API: create, unlock, lock, change
//! passphrase, recover, and every way a vault directory can be damaged.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use fieldnotes_core::{CreateOptions, Error, Vault};
use fieldnotes_test_support::*;

fn locked_vault() -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, dir, vault) = new_vault();
    vault.lock().expect("lock");
    (tmp, dir)
}

fn unlock_err(dir: &Path, pass: &str) -> Error {
    match Vault::unlock(dir, &secret(pass)) {
        Ok(_) => panic!("unlock unexpectedly succeeded"),
        Err(e) => e,
    }
}

fn pending_files(dir: &Path) -> usize {
    fs::read_dir(dir.join("pending")).map_or(0, |d| d.count())
}

#[test]
fn create_lock_unlock_round_trip() {
    let (_tmp, dir, mut vault) = new_vault();
    let vault_id = vault.vault_id();
    let device_id = vault.device_id();
    let case = vault.add(case("RO-001")).expect("add case");
    assert!(!vault.has_recovery());
    vault.lock().expect("lock");

    let vault = unlock(&dir);
    assert_eq!(vault.vault_id(), vault_id);
    assert_eq!(vault.device_id(), device_id);
    assert_eq!(vault.dir(), dir.as_path());
    assert_eq!(vault.current(case.record_id).expect("case"), case);
    assert_eq!(vault.case_id("RO-001").expect("code"), case.record_id);
    assert_eq!(
        events(&vault),
        ["vault_created", "record_created", "locked", "unlocked"]
    );
    assert_eq!(vault.verify_audit().expect("audit").entries, 4);
    assert!(vault.integrity_check().expect("integrity"));
}

#[test]
fn wrong_passphrase_is_refused_and_audited_at_next_unlock() {
    let (_tmp, dir) = locked_vault();
    assert!(matches!(unlock_err(&dir, PASS2), Error::WrongPassphrase));
    assert!(matches!(
        unlock_err(&dir, "correct horse battery staple orbiT"),
        Error::WrongPassphrase
    ));
    // Sealed to the device key while locked, one file per attempt.
    assert_eq!(pending_files(&dir), 2);

    let vault = unlock(&dir);
    assert_eq!(pending_files(&dir), 0, "pending records are absorbed");
    let log = vault.audit_log().expect("log");
    let tail: Vec<&str> = log.iter().rev().take(3).map(|e| e.event.as_str()).collect();
    assert_eq!(tail, ["unlocked", "unlock_failed", "unlock_failed"]);
    let failed = &log[log.len() - 2];
    // The time of the attempt was recovered from the sealed record.
    assert!(
        failed.at.starts_with("20") && failed.at.contains('T'),
        "{}",
        failed.at
    );
    vault.verify_audit().expect("audit chain intact");
    vault.lock().expect("lock");

    // Absorbed once only.
    let vault = unlock(&dir);
    let failed = events(&vault)
        .iter()
        .filter(|e| *e == "unlock_failed")
        .count();
    assert_eq!(failed, 2);
}

#[test]
fn weak_passphrases_are_refused_everywhere() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("vault");
    for weak in [
        "",
        "password",
        "password123",
        "fieldnotes2026",
        "qwertyuiop",
    ] {
        match Vault::create(&dir, &secret(weak), opts()) {
            Err(Error::WeakPassphrase { .. }) => {}
            other => panic!("{weak:?}: expected WeakPassphrase, got {other:?}"),
        }
    }
    assert!(!dir.exists(), "nothing is written for a refused passphrase");
    let strength = fieldnotes_core::passphrase_strength(&secret("password123"));
    assert!(!strength.acceptable);
    assert!(fieldnotes_core::passphrase_strength(&secret(PASS)).acceptable);

    let mut vault = Vault::create(&dir, &secret(PASS), opts()).expect("create");
    assert!(matches!(
        vault.change_passphrase(&secret("password123"), WF),
        Err(Error::WeakPassphrase { .. })
    ));
    vault.lock().expect("lock");
    // The old passphrase still opens it.
    drop(unlock(&dir));
}

#[test]
fn creating_over_an_existing_vault_is_refused() {
    let (_tmp, dir) = locked_vault();
    let key_before = fs::read(dir.join("key.age")).expect("key");
    match Vault::create(&dir, &secret(PASS2), opts()) {
        Err(Error::VaultExists(p)) => assert_eq!(p, dir),
        other => panic!("expected VaultExists, got {other:?}"),
    }
    assert_eq!(fs::read(dir.join("key.age")).expect("key"), key_before);
    drop(unlock(&dir));

    // A folder holding only a database (say, a half-restored vault) is not
    // overwritten either.
    let tmp = tempfile::tempdir().expect("tempdir");
    fs::write(tmp.path().join("vault.db"), b"something").expect("write");
    assert!(matches!(
        Vault::create(tmp.path(), &secret(PASS), opts()),
        Err(Error::VaultExists(_))
    ));
}

#[test]
fn unlocking_a_folder_without_a_vault_says_so() {
    let tmp = tempfile::tempdir().expect("tempdir");
    match unlock_err(tmp.path(), PASS) {
        Error::NoVault(p) => assert_eq!(p, tmp.path()),
        other => panic!("expected NoVault, got {other:?}"),
    }
    let missing = tmp.path().join("does-not-exist");
    assert!(matches!(unlock_err(&missing, PASS), Error::NoVault(_)));
    assert!(!missing.exists());
    assert_eq!(
        fs::read_dir(tmp.path()).expect("read").count(),
        0,
        "a failed unlock of no vault writes nothing"
    );
}

#[test]
fn corrupt_key_file_is_reported_as_corrupt_envelope() {
    let (_tmp, dir) = locked_vault();
    let key = dir.join("key.age");
    let original = fs::read(&key).expect("key");

    // Random bytes, an empty file, text.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let random: Vec<u8> = (0..original.len())
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect();
    for junk in [random.as_slice(), b"", b"age-encryption.org/v1\n", b"{}"] {
        fs::write(&key, junk).expect("write");
        match unlock_err(&dir, PASS) {
            Error::CorruptEnvelope => {}
            other => panic!("junk of {} bytes: got {other:?}", junk.len()),
        }
    }

    // Truncated anywhere.
    for len in (0..original.len()).step_by(7).chain([original.len() - 1]) {
        fs::write(&key, &original[..len]).expect("write");
        match unlock_err(&dir, PASS) {
            Error::CorruptEnvelope => {}
            other => panic!("truncated to {len}: got {other:?}"),
        }
    }

    // A key file that is missing altogether, beside the header.
    fs::remove_file(&key).expect("remove");
    assert!(matches!(unlock_err(&dir, PASS), Error::CorruptEnvelope));

    // None of this left a pending failed-unlock record: it was not a guess.
    assert_eq!(pending_files(&dir), 0);

    fs::write(&key, &original).expect("restore");
    drop(unlock(&dir));
}

#[test]
fn flipped_byte_in_key_file_never_opens_and_never_panics() {
    let (_tmp, dir) = locked_vault();
    let key = dir.join("key.age");
    let original = fs::read(&key).expect("key");
    // age header: version line, `-> scrypt <salt> <log_n>`, the wrapped
    // file key, `--- <mac>`, then the binary payload.
    let stanza_start = original
        .iter()
        .position(|&b| b == b'\n')
        .expect("version line")
        + 1;
    let mac_line = original
        .windows(4)
        .position(|w| w == b"\n---")
        .expect("mac line")
        + 1;
    assert!(original[stanza_start..].starts_with(b"-> scrypt "));

    let mut wrong = 0;
    for i in 0..original.len() {
        let mut bytes = original.clone();
        bytes[i] ^= 0x01;
        fs::write(&key, &bytes).expect("write");
        let err = unlock_err(&dir, PASS);
        match (&err, i) {
            // A damaged salt, work factor or wrapped key derives another key:
            // age cannot tell that from a wrong passphrase.
            (Error::WrongPassphrase, i) if (stanza_start..mac_line).contains(&i) => wrong += 1,
            (Error::CorruptEnvelope, _) => {}
            _ => panic!("byte {i} flipped: got {err:?}"),
        }
    }
    // Some flips land in the wrapped key; all flips of the MAC and payload
    // are recognised as damage, which the match above asserts.
    assert!(wrong > 0);
    assert_eq!(pending_files(&dir), wrong);

    fs::write(&key, &original).expect("restore");
    let vault = unlock(&dir);
    let failed = events(&vault)
        .iter()
        .filter(|e| *e == "unlock_failed")
        .count();
    assert_eq!(failed, wrong);
}

#[test]
fn key_file_of_another_vault_is_foreign() {
    let (_tmp_a, dir_a) = locked_vault();
    let (_tmp_b, dir_b) = locked_vault();
    let own_key = fs::read(dir_a.join("key.age")).expect("key");
    let own_header = fs::read(dir_a.join("vault.json")).expect("header");
    fs::copy(dir_b.join("key.age"), dir_a.join("key.age")).expect("copy");
    assert!(matches!(unlock_err(&dir_a, PASS), Error::ForeignEnvelope));

    // Header and key file both from the other vault: the database does not
    // open with that key.
    fs::copy(dir_b.join("vault.json"), dir_a.join("vault.json")).expect("copy");
    assert!(matches!(unlock_err(&dir_a, PASS), Error::CorruptDatabase));

    // The other vault's envelope under a different passphrase is just a
    // wrong passphrase.
    fs::write(dir_a.join("vault.json"), &own_header).expect("restore");
    let mut b = unlock(&dir_b);
    b.change_passphrase(&secret(PASS2), WF).expect("passwd");
    b.lock().expect("lock");
    fs::copy(dir_b.join("key.age"), dir_a.join("key.age")).expect("copy");
    assert!(matches!(unlock_err(&dir_a, PASS), Error::WrongPassphrase));

    // Nothing was harmed: both vaults open with their own files.
    fs::write(dir_a.join("key.age"), &own_key).expect("restore");
    let a = unlock(&dir_a);
    assert!(a.integrity_check().expect("integrity"));
    a.verify_audit().expect("audit");
    drop(Vault::unlock(&dir_b, &secret(PASS2)).expect("b opens"));
}

#[test]
fn missing_database_is_reported() {
    let (_tmp, dir) = locked_vault();
    fs::remove_file(dir.join("vault.db")).expect("remove");
    assert!(matches!(unlock_err(&dir, PASS), Error::MissingDatabase));
    assert!(!dir.join("vault.db").exists(), "no empty database is made");
}

#[test]
fn newer_vault_format_is_refused() {
    let (_tmp, dir) = locked_vault();
    let path = dir.join("vault.json");
    let mut header: serde_json::Value =
        serde_json::from_slice(&fs::read(&path).expect("read")).expect("json");
    assert_eq!(header["version"], 1);
    header["version"] = 99.into();
    fs::write(&path, serde_json::to_vec(&header).expect("json")).expect("write");
    match unlock_err(&dir, PASS) {
        Error::UnsupportedVersion {
            what,
            found,
            supported,
        } => {
            assert_eq!((what, found, supported), ("vault", 99, 1));
        }
        other => panic!("expected UnsupportedVersion, got {other:?}"),
    }
    fs::write(&path, b"not json").expect("write");
    assert!(matches!(unlock_err(&dir, PASS), Error::CorruptEnvelope));
}

#[test]
fn change_passphrase_swaps_the_envelope() {
    let (_tmp, dir, mut vault) = new_vault();
    let case = vault.add(case("RO-002")).expect("case");
    // The app asks for the current passphrase first; a wrong one is audited.
    assert!(matches!(
        vault.check_passphrase(&secret(PASS2)),
        Err(Error::WrongPassphrase)
    ));
    vault
        .check_passphrase(&secret(PASS))
        .expect("the current passphrase");
    assert!(events(&vault).contains(&"unlock_failed".to_string()));
    vault.change_passphrase(&secret(PASS2), WF).expect("passwd");
    vault
        .check_passphrase(&secret(PASS2))
        .expect("the new one, at once");
    vault.lock().expect("lock");

    assert!(matches!(unlock_err(&dir, PASS), Error::WrongPassphrase));
    let vault = Vault::unlock(&dir, &secret(PASS2)).expect("new passphrase opens it");
    assert!(vault.current(case.record_id).is_ok());
    let ev = events(&vault);
    assert!(ev.contains(&"passphrase_changed".to_string()), "{ev:?}");
    assert_eq!(
        ev.last().map(String::as_str),
        Some("unlocked"),
        "failed unlock absorbed before the unlock entry"
    );
    assert_eq!(ev[ev.len() - 2], "unlock_failed");
    assert!(!dir.join("key.tmp").exists());
}

#[test]
fn passphrase_change_interrupted_before_rename_is_harmless() {
    let (_tmp, dir) = locked_vault();
    let key = dir.join("key.age");
    let tmp_key = dir.join("key.tmp");

    // A crash while writing: a garbage temporary file.
    fs::write(&tmp_key, b"age-encryption.org/v1\n-> scr").expect("write");
    let mut vault = unlock(&dir);
    vault.lock().expect("lock");

    // A crash after writing, before the rename: a complete envelope for
    // another passphrase sits in key.tmp.
    let original = fs::read(&key).expect("key");
    vault = unlock(&dir);
    vault.change_passphrase(&secret(PASS2), WF).expect("passwd");
    vault.lock().expect("lock");
    let sealed_for_pass2 = fs::read(&key).expect("key");
    fs::write(&key, &original).expect("put old back");
    fs::write(&tmp_key, &sealed_for_pass2).expect("leave tmp");

    let mut vault = unlock(&dir);
    assert!(matches!(unlock_err(&dir, PASS2), Error::WrongPassphrase));
    // A later change still works, and replaces the leftover.
    vault
        .change_passphrase(&secret("marble tiger sleeps under winter bridges"), WF)
        .expect("passwd after crash");
    vault.lock().expect("lock");
    assert!(!tmp_key.exists());
    assert!(matches!(unlock_err(&dir, PASS), Error::WrongPassphrase));
    let vault = Vault::unlock(&dir, &secret("marble tiger sleeps under winter bridges"))
        .expect("newest passphrase");
    vault.verify_audit().expect("audit");
}

#[test]
fn recovery_key_opens_and_resets_the_passphrase() {
    let org = age::x25519::Identity::generate();
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("vault");
    let mut vault = Vault::create(
        &dir,
        &secret(PASS),
        CreateOptions {
            work_factor: WF,
            recovery: Some(org.to_public()),
        },
    )
    .expect("create");
    assert!(vault.has_recovery());
    assert!(dir.join("recovery.age").exists());
    let case = vault.add(case("RO-003")).expect("case");
    vault.lock().expect("lock");

    // A wrong organisation key.
    let other = age::x25519::Identity::generate();
    match Vault::recover(&dir, &other, &secret(PASS2), WF) {
        Err(Error::WrongRecoveryKey) => {}
        other => panic!("expected WrongRecoveryKey, got {other:?}"),
    }
    // A weak new passphrase.
    assert!(matches!(
        Vault::recover(&dir, &org, &secret("password1"), WF),
        Err(Error::WeakPassphrase { .. })
    ));
    // The passphrase is unchanged by the failed attempts.
    drop(unlock(&dir));

    let vault = Vault::recover(&dir, &org, &secret(PASS2), WF).expect("recover");
    assert!(vault.current(case.record_id).is_ok());
    let ev = events(&vault);
    assert_eq!(
        ev[ev.len() - 2..],
        ["recovered".to_string(), "passphrase_changed".to_string()]
    );
    vault.lock().expect("lock");
    assert!(matches!(unlock_err(&dir, PASS), Error::WrongPassphrase));
    let vault = Vault::unlock(&dir, &secret(PASS2)).expect("new passphrase");
    vault.verify_audit().expect("audit");
    assert_eq!(vault.verify_signatures().expect("sigs"), 1);
}

#[test]
fn recovery_without_a_recovery_key_is_not_configured() {
    let (_tmp, dir) = locked_vault();
    let org = age::x25519::Identity::generate();
    assert!(matches!(
        Vault::recover(&dir, &org, &secret(PASS2), WF),
        Err(Error::RecoveryNotConfigured)
    ));
    let empty = tempfile::tempdir().expect("tempdir");
    assert!(matches!(
        Vault::recover(empty.path(), &org, &secret(PASS2), WF),
        Err(Error::NoVault(_))
    ));
    drop(unlock(&dir));
}

#[test]
fn excessive_work_factor_is_refused_without_trying() {
    let (_tmp, dir) = locked_vault();
    let key = dir.join("key.age");
    let original = fs::read(&key).expect("key");
    // Rewrite the scrypt stanza's log_n. The header MAC no longer matches,
    // but age must refuse the work factor before deriving anything.
    let header_end = original
        .windows(4)
        .position(|w| w == b"\n---")
        .expect("mac line")
        + 1;
    let header = std::str::from_utf8(&original[..header_end]).expect("text header");
    assert!(header.contains(&format!(" {WF}\n")));
    for (log_n, excessive) in [(21u8, true), (22, true), (40, true), (12, false)] {
        let mut crafted = header
            .replacen(&format!(" {WF}\n"), &format!(" {log_n}\n"), 1)
            .into_bytes();
        crafted.extend_from_slice(&original[header_end..]);
        fs::write(&key, &crafted).expect("write");
        let started = Instant::now();
        let err = unlock_err(&dir, PASS);
        if excessive {
            match err {
                Error::ExcessiveWorkFactor { found, max } => {
                    assert_eq!((found, max), (log_n, 20));
                }
                other => panic!("log_n {log_n}: expected ExcessiveWorkFactor, got {other:?}"),
            }
            assert!(
                started.elapsed() < Duration::from_secs(1),
                "log_n {log_n} was tried: {:?}",
                started.elapsed()
            );
        } else {
            // Within the limit, it is tried (and derives the wrong key).
            assert!(matches!(err, Error::WrongPassphrase), "{err:?}");
        }
    }
    fs::write(&key, &original).expect("restore");
    drop(unlock(&dir));
}
