//! Used by the build scripts of the CLI and the desktop app (never at run
//! time): tells Cargo the commit the binary is built from, as the
//! compile-time variable `FIELDNOTES_COMMIT`, so `fieldnotes --version` and
//! the app's About name the exact source.
//!
//! The commit is `FIELDNOTES_COMMIT` from the environment when set (a build
//! from a source archive, or a package build that knows it), else the short
//! hash of `git rev-parse HEAD`, else `unknown`. The build script reruns
//! when HEAD moves, so a new commit is never shown under an old hash, and
//! only the crate using it rebuilds, not the core.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Hex digits shown: enough to be unique in any repository of this size.
const SHORT: usize = 12;

/// Prints the `cargo:` lines that set `FIELDNOTES_COMMIT` for the crate
/// whose build script calls it.
pub fn emit_commit() {
    println!("cargo:rerun-if-env-changed=FIELDNOTES_COMMIT");
    let commit = match std::env::var("FIELDNOTES_COMMIT") {
        Ok(given) if valid(&given) => given,
        _ => {
            for file in git_files() {
                println!("cargo:rerun-if-changed={}", file.display());
            }
            git(&["rev-parse", &format!("--short={SHORT}"), "HEAD"])
                .filter(|c| valid(c))
                .unwrap_or_else(|| "unknown".to_owned())
        }
    };
    println!("cargo:rustc-env=FIELDNOTES_COMMIT={commit}");
}

/// A commit as shown: hex digits only, so nothing odd reaches a binary.
fn valid(commit: &str) -> bool {
    (7..=40).contains(&commit.len()) && commit.bytes().all(|b| b.is_ascii_hexdigit())
}

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// The files whose change moves HEAD: HEAD itself (per worktree), the ref
/// it points at and the packed refs (both shared by worktrees).
fn git_files() -> Vec<PathBuf> {
    let (Some(dir), Some(common)) = (
        git(&["rev-parse", "--git-dir"]),
        git(&["rev-parse", "--git-common-dir"]),
    ) else {
        return Vec::new();
    };
    let (dir, common) = (absolute(&dir), absolute(&common));
    let mut files = vec![dir.join("HEAD"), common.join("packed-refs")];
    if let Some(name) = git(&["symbolic-ref", "-q", "HEAD"]) {
        files.push(common.join(name));
    }
    files.into_iter().filter(|f| f.exists()).collect()
}

fn absolute(path: &str) -> PathBuf {
    let path = Path::new(path);
    std::env::current_dir()
        .map(|cwd| cwd.join(path))
        .unwrap_or_else(|_| path.to_owned())
}

#[cfg(test)]
mod tests {
    use super::valid;

    #[test]
    fn only_hex_hashes_are_shown() {
        assert!(valid("9860acd1f2e3"));
        assert!(!valid("9860"));
        assert!(!valid("main"));
        assert!(!valid("9860acd\n--evil"));
    }
}
