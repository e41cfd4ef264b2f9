//! A 2 GiB attachment goes in, out, into a bundle and into another vault
//! with the real binary held to 1 GiB of address space (`ulimit -v`):
//! content streams through bounded buffers whatever its size.

use std::fs::{self, File};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::process::{Command, Output};

use fieldnotes_test_support::bin::succeeded_as;
use fieldnotes_test_support::bin::{Bin, Fixture};
use fieldnotes_test_support::*;

const SIZE: u64 = 2 * 1024 * 1024 * 1024;
const LIMIT_KIB: u64 = 1024 * 1024;

/// A sparse 2 GiB file with distinct bytes near its start, middle and end
/// (it takes almost no room on disk, so it stays for the comparisons).
fn big_file(path: &Path) {
    let mut f = File::create(path).expect("create");
    f.set_len(SIZE).expect("size");
    for (at, seed) in [(4_321, 1), (SIZE / 2 - 100, 2), (SIZE - 70_000, 3)] {
        f.seek(SeekFrom::Start(at)).expect("seek");
        f.write_all(&noise(65_000, seed)).expect("write");
    }
}

/// Whether two files hold the same bytes, compared a MiB at a time.
fn same_content(a: &Path, b: &Path) -> bool {
    let (mut a, mut b) = (File::open(a).expect("open"), File::open(b).expect("open"));
    let (mut x, mut y) = (vec![0u8; 1 << 20], vec![0u8; 1 << 20]);
    loop {
        let n = read_full(&mut a, &mut x);
        if n != read_full(&mut b, &mut y) || x[..n] != y[..n] {
            return false;
        }
        if n == 0 {
            return true;
        }
    }
}

fn read_full(f: &mut File, buf: &mut [u8]) -> usize {
    let mut filled = 0;
    while filled < buf.len() {
        match f.read(&mut buf[filled..]).expect("read") {
            0 => break,
            n => filled += n,
        }
    }
    filled
}

/// Runs the binary for `bin` under `ulimit -v`, through a shell.
fn limited(bin: &Bin, args: &[&str]) -> Output {
    let std = bin.bare_std();
    let mut sh = Command::new("sh");
    sh.arg("-c")
        .arg(format!("ulimit -v {LIMIT_KIB} && exec \"$0\" \"$@\""))
        .arg(std.get_program())
        .args(args)
        .env_clear();
    for (k, v) in std.get_envs() {
        if let Some(v) = v {
            sh.env(k, v);
        }
    }
    sh.env("FIELDNOTES_PASSPHRASE", PASS)
        .env("PATH", std::env::var_os("PATH").unwrap_or_default());
    sh.output().expect("run sh")
}

fn ok(bin: &Bin, args: &[&str]) -> String {
    succeeded_as(&limited(bin, args), &format!("{args:?} under ulimit -v"))
}

#[test]
fn a_2_gib_attachment_works_within_1_gib_of_address_space() {
    let f = Fixture::empty();
    let (sender_dir, recipient_dir) = (f.path("sender"), f.path("recipient"));
    let mut sender = create_at(&sender_dir);
    let mut recipient = create_at(&recipient_dir);
    trust_each_other(&mut [&mut sender, &mut recipient]);
    let to = recipient.device_id().to_string();
    sender.lock().expect("lock");
    recipient.lock().expect("lock");
    let sender = Bin::new(f.tmp.path(), &sender_dir, "sender");
    let recipient = Bin::new(f.tmp.path(), &recipient_dir, "recipient");
    sender.ok(&["case", "add", "--code", "BIG-1"]);
    // The survivor consented to sharing with the lead: the case may go.
    sender.ok(&[
        "consent",
        "add",
        "--case",
        "BIG-1",
        "--scope",
        "share_with_lead",
    ]);

    let input = f.path("recording.wav");
    big_file(&input);
    let id = ok(
        &sender,
        &[
            "attach",
            "add",
            "--case",
            "BIG-1",
            input.to_str().expect("utf-8"),
        ],
    );
    let id = id.trim();

    let out = f.path("out.wav");
    ok(
        &sender,
        &["attach", "get", id, "--out", out.to_str().expect("utf-8")],
    );
    assert_eq!(fs::metadata(&out).expect("out").len(), SIZE);
    assert!(same_content(&out, &input), "read back byte for byte");
    fs::remove_file(&out).expect("rm out");

    let bundle = f.path("big.fnb");
    let bundle_arg = bundle.to_str().expect("utf-8");
    ok(
        &sender,
        &["export", "--to", &to, "--all", "--out", bundle_arg],
    );
    ok(&recipient, &["import", bundle_arg]);
    fs::remove_file(&bundle).expect("rm bundle");
    let copy = f.path("copy.wav");
    ok(
        &recipient,
        &["attach", "get", id, "--out", copy.to_str().expect("utf-8")],
    );
    assert!(
        same_content(&copy, &input),
        "the recipient holds the same bytes"
    );
}
