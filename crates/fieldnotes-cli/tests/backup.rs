//! `backup`, `backup list`, `backup verify [--quick]` and `restore` through
//! the real binary: the backup set on the drive, only new attachment files
//! written, a restore onto a new laptop with its attachments, and a
//! snapshot whose files are missing refused with exit status 6.

use std::fs;
use std::path::{Path, PathBuf};

use fieldnotes_test_support::bin::output;
use fieldnotes_test_support::{array, noise, parse_id, succeeded, Bin, Fixture};
use serde_json::Value;
use uuid::Uuid;

/// Attaches `content` to case R-001 as `name`; returns the record id.
fn attach(f: &Fixture, name: &str, content: &[u8]) -> Uuid {
    let file = f.path(name);
    fs::write(&file, content).expect("write attachment");
    parse_id(&succeeded(&output(
        f.cmd()
            .args(["attach", "add", "--case", "R-001"])
            .arg(&file),
    )))
}

fn backup(f: &Fixture, usb: &Path, extra: &[&str]) -> Value {
    let mut args = vec![
        "backup",
        "--to",
        usb.to_str().expect("utf-8 path"),
        "--json",
    ];
    args.extend_from_slice(extra);
    f.json(&args)
}

fn path_of(v: &Value) -> PathBuf {
    PathBuf::from(v["path"].as_str().expect("path"))
}

/// Exports an attachment through `bin`; returns its bytes.
fn get(bin: &Bin, id: Uuid, out: &Path) -> Vec<u8> {
    succeeded(&output(
        bin.cmd()
            .args(["attach", "get", &id.to_string(), "--out"])
            .arg(out),
    ));
    fs::read(out).expect("read exported")
}

#[test]
fn incremental_backups_verify_list_and_restore_with_their_attachments() {
    let f = Fixture::with_vault();
    f.ok(&["case", "add", "--code", "R-001"]);
    let big = noise(1_500_000, 7);
    let big_id = attach(&f, "big.bin", &big);
    let usb = f.path("usb");
    fs::create_dir(&usb).expect("usb");

    let first = backup(&f, &usb, &[]);
    assert_eq!(
        (first["blobs"].as_u64(), first["blobs_written"].as_u64()),
        (Some(1), Some(1))
    );
    let small_id = attach(&f, "small.txt", b"a few words");
    let second = backup(&f, &usb, &[]);
    assert_eq!(second["blobs"], 2);
    assert_eq!(second["blobs_written"], 1, "only the new file");
    let written = second["bytes_written"].as_u64().expect("bytes");
    let size = second["size"].as_u64().expect("size");
    assert!(
        written > size && written < size + 1_000,
        "{written} vs {size}"
    );
    let snapshot = path_of(&second);
    assert!(snapshot.starts_with(&usb), "{}", snapshot.display());

    let s = snapshot.to_str().expect("utf-8 path");
    let full = f.ok(&["backup", "verify", s]);
    assert!(full.contains("checked all 2 attachment files"), "{full}");
    let quick = f.ok(&["backup", "verify", s, "--quick"]);
    assert!(quick.contains("checked 1 new of the 2"), "{quick}");
    let listed = f.json(&["backup", "list", usb.to_str().expect("utf-8"), "--json"]);
    let listed = array(&listed);
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0]["path"], second["path"], "newest first");
    assert!(listed.iter().all(|e| e["problem"].is_null()), "{listed:?}");

    // A new laptop: an empty folder, the passphrase, the drive.
    let laptop = Bin::new(f.tmp.path(), &f.path("laptop"), "laptop");
    laptop.ok(&["restore", s]);
    assert_eq!(get(&laptop, big_id, &f.path("big.out")), big);
    assert_eq!(get(&laptop, small_id, &f.path("small.out")), b"a few words");

    // --keep 1 keeps the newest snapshot and the files it needs.
    let third = backup(&f, &usb, &["--keep", "1"]);
    assert_eq!(third["removed"].as_array().map(Vec::len), Some(2));
    assert_eq!(third["blobs_written"], 0);
    let snapshots = path_of(&third).parent().expect("snapshots").to_path_buf();
    assert_eq!(fs::read_dir(&snapshots).expect("list").count(), 1);
    let blobs = snapshots.parent().expect("set").join("blobs");
    assert_eq!(fs::read_dir(&blobs).expect("list").count(), 2);
}

#[test]
fn a_snapshot_missing_a_file_fails_verification_and_restores_nothing() {
    let f = Fixture::with_vault();
    f.ok(&["case", "add", "--code", "R-001"]);
    attach(&f, "scan.bin", &noise(200_000, 8));
    let usb = f.path("usb");
    fs::create_dir(&usb).expect("usb");
    let info = backup(&f, &usb, &[]);
    let snapshot = path_of(&info);
    let blobs = snapshot
        .parent()
        .and_then(Path::parent)
        .expect("set")
        .join("blobs");
    let file = fs::read_dir(&blobs)
        .expect("list")
        .next()
        .expect("a file")
        .expect("entry");
    let name = file.file_name().into_string().expect("name");
    fs::remove_file(file.path()).expect("remove");

    let s = snapshot.to_str().expect("utf-8 path");
    let err = f.fail(&["backup", "verify", s], 6);
    assert!(
        err.contains("incomplete") && err.contains(&name[..16]),
        "{err}"
    );
    let err = f.fail(&["backup", "verify", s, "--quick"], 6);
    assert!(err.contains("incomplete"), "{err}");
    let laptop = Bin::new(f.tmp.path(), &f.path("laptop"), "laptop");
    let err = laptop.fail(&["restore", s], 6);
    assert!(err.contains("incomplete"), "{err}");
    assert!(!f.path("laptop").exists(), "nothing restored");
}
