#![allow(clippy::unwrap_used)]
//! Interoperability with the standard tools a recipient may use instead of
//! Fieldnotes: Debian's `minisign` and `age` binaries (`make test` installs
//! them). A missing tool fails the test: a skipped check proves nothing.

use std::path::Path;
use std::process::Command;

use ed25519_dalek::SigningKey;
use fieldnotes_core::minisig;

fn tool(name: &str) -> Command {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {name}")])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    assert!(
        found,
        "`{name}` is not installed: run `make test`, which installs it"
    );
    Command::new(name)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn minisign_cli_verifies_our_signatures_and_rejects_tampering() {
    let dir = tempfile::tempdir().unwrap();
    let key = SigningKey::from_bytes(&[7u8; 32]);
    let message = b"{\"format\":\"fieldnotes-bundle\"}\n";
    let file = write(dir.path(), "manifest.json", message);
    write(
        dir.path(),
        "manifest.json.minisig",
        minisig::sign(&key, message, "fieldnotes bundle").as_bytes(),
    );
    let pk = minisig::public_key(&key.verifying_key());
    let ok = tool("minisign")
        .args(["-V", "-m"])
        .arg(&file)
        .args(["-P", &pk])
        .output()
        .unwrap();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).contains("fieldnotes bundle"));

    write(dir.path(), "manifest.json", b"{\"format\":\"forged\"}\n");
    let bad = tool("minisign")
        .args(["-V", "-m"])
        .arg(&file)
        .args(["-P", &pk])
        .output()
        .unwrap();
    assert!(!bad.status.success());
}
