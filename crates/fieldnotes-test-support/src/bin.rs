//! The real `fieldnotes` binary, run against a vault in a temporary folder.
//!
//! Hygiene: each run gets the vault explicitly, every passphrase variable
//! of the machine removed and HOME/XDG pointed into the temporary folder, so
//! nothing from the machine running the tests leaks in; RUST_BACKTRACE is
//! set, because a backtrace must not appear even when one is asked for.

use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;
use uuid::Uuid;

use crate::json::{parse_id, parse_json};
use crate::vault::{create_locked, PASS};

/// Variables that could change what a command does; removed from each run.
pub const SCRUBBED_ENV: &[&str] = &[
    "FIELDNOTES_VAULT",
    "FIELDNOTES_PASSPHRASE",
    "FIELDNOTES_PASSPHRASE_FILE",
    "FIELDNOTES_NEW_PASSPHRASE",
    "FIELDNOTES_NEW_PASSPHRASE_FILE",
    "XDG_DATA_HOME",
    "XDG_CONFIG_HOME",
    "RUST_LOG",
];

/// What stderr must never show, whatever went wrong.
pub const PANIC_TEXT: &[&str] = &[
    "panicked",
    "RUST_BACKTRACE",
    "stack backtrace",
    "internal error",
];

/// The path of the `fieldnotes` binary Cargo built for the tests.
pub fn fieldnotes_path() -> PathBuf {
    assert_cmd::cargo::cargo_bin("fieldnotes")
}

/// The binary for one vault, with `home` as its HOME.
pub struct Bin {
    pub home: PathBuf,
    pub vault: PathBuf,
    /// Names this vault in failure messages.
    pub label: String,
}

impl Bin {
    pub fn new(home: &Path, vault: &Path, label: &str) -> Bin {
        Bin {
            home: home.to_path_buf(),
            vault: vault.to_path_buf(),
            label: label.to_owned(),
        }
    }

    /// The binary with a clean environment, the vault set and no passphrase.
    pub fn bare(&self) -> Command {
        let mut c = Command::from_std(self.bare_std());
        c.timeout(Duration::from_secs(60));
        c
    }

    /// The same as a plain `std::process::Command`, for what assert_cmd
    /// cannot do (closing the child's stdout early).
    pub fn bare_std(&self) -> std::process::Command {
        let mut c = std::process::Command::new(fieldnotes_path());
        for var in SCRUBBED_ENV {
            c.env_remove(var);
        }
        c.env("HOME", &self.home)
            .env("XDG_DATA_HOME", self.home.join("xdg-data"))
            .env("XDG_CONFIG_HOME", self.home.join("xdg-config"))
            .env("RUST_BACKTRACE", "1")
            .env("FIELDNOTES_VAULT", &self.vault);
        c
    }

    /// The binary with the vault and its passphrase ([`PASS`]).
    pub fn cmd(&self) -> Command {
        let mut c = self.bare();
        c.env("FIELDNOTES_PASSPHRASE", PASS);
        c
    }

    /// Runs `args` with the passphrase.
    pub fn run(&self, args: &[&str]) -> Output {
        output(self.cmd().args(args))
    }

    /// Runs a command that must succeed; returns its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        succeeded_as(&self.run(args), &self.what(args))
    }

    /// Runs a command that must succeed and print JSON.
    pub fn json(&self, args: &[&str]) -> Value {
        parse_json(&self.ok(args))
    }

    /// Runs a command that must print one new id.
    pub fn new_id(&self, args: &[&str]) -> Uuid {
        parse_id(&self.ok(args))
    }

    /// Runs a command that must fail with `code`; returns its stderr.
    pub fn fail(&self, args: &[&str], code: i32) -> String {
        failed_as(&self.run(args), code, &self.what(args))
    }

    fn what(&self, args: &[&str]) -> String {
        format!("{}: {args:?}", self.label)
    }
}

/// A temporary folder with (optionally) a vault at `vault`, and the binary
/// for it (the [`Bin`] methods: `cmd`, `ok`, `json`, `fail`, …).
pub struct Fixture {
    pub tmp: TempDir,
    bin: Bin,
}

impl Fixture {
    /// A folder with no vault yet.
    pub fn empty() -> Fixture {
        let tmp = tempfile::tempdir().expect("tempdir");
        let bin = Bin::new(tmp.path(), &tmp.path().join("vault"), "fieldnotes");
        Fixture { tmp, bin }
    }

    /// A locked vault created through the core at a low work factor.
    pub fn with_vault() -> Fixture {
        let f = Fixture::empty();
        create_locked(&f.vault);
        f
    }

    /// A file or folder in the temporary folder.
    pub fn path(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }
}

impl Deref for Fixture {
    type Target = Bin;

    fn deref(&self) -> &Bin {
        &self.bin
    }
}

pub fn output(cmd: &mut Command) -> Output {
    cmd.output().expect("run fieldnotes")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Checks that stderr shows no panic text.
pub fn no_panic_text(stderr: &str) {
    for bad in PANIC_TEXT {
        assert!(!stderr.contains(bad), "stderr shows {bad:?}: {stderr}");
    }
}

/// Checks a success (and no panic text); returns stdout.
pub fn succeeded(out: &Output) -> String {
    succeeded_as(out, "command")
}

/// [`succeeded`], naming `what` ran if it did not.
pub fn succeeded_as(out: &Output, what: &str) -> String {
    let stderr = text(&out.stderr);
    assert!(
        out.status.success(),
        "{what} failed ({:?})\nstdout: {}\nstderr: {stderr}",
        out.status,
        text(&out.stdout),
    );
    no_panic_text(&stderr);
    text(&out.stdout)
}

/// Checks a failure: the exit code, a message on stderr, no panic text.
/// Returns stderr.
pub fn failed(out: &Output, code: i32) -> String {
    failed_as(out, code, "command")
}

/// [`failed`], naming `what` ran if the check does not hold.
pub fn failed_as(out: &Output, code: i32, what: &str) -> String {
    let stderr = text(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(code),
        "{what}: wrong exit status\nstdout: {}\nstderr: {stderr}",
        text(&out.stdout)
    );
    assert!(!stderr.trim().is_empty(), "a failure must say why");
    no_panic_text(&stderr);
    stderr
}

/// A standard tool the interop tests run (`age`, `minisign`, …), with a
/// message naming the fix when it is missing.
pub fn tool(name: &str) -> std::process::Command {
    let found = std::process::Command::new("sh")
        .args(["-c", &format!("command -v {name}")])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    assert!(
        found,
        "`{name}` is not installed: run `make test`, which installs it"
    );
    std::process::Command::new(name)
}
