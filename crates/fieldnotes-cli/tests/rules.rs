//! The rules the CLI used to keep its own copy of, now the core's: which
//! needs count as open, and the consent a referred need keeps when edited.

use assert_cmd::Command;
use serde_json::Value;

const PASS: &str = "correct horse battery staple orbit";

fn fieldnotes(vault: &std::path::Path, args: &[&str]) -> String {
    let out = Command::cargo_bin("fieldnotes")
        .expect("binary")
        .env_clear()
        .env("FIELDNOTES_PASSPHRASE", PASS)
        .arg("--vault")
        .arg(vault)
        .args(args)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("utf-8")
        .trim()
        .to_owned()
}

#[test]
fn open_needs_and_referral_consent_follow_the_core() {
    let tmp = tempfile::tempdir().expect("tmp");
    let vault = tmp.path().join("vault");
    fieldnotes(&vault, &["init"]);
    fieldnotes(&vault, &["case", "add", "--code", "RO-1"]);
    for status in [
        "identified",
        "provided_by_own_organisation",
        "already_receiving",
        "met",
    ] {
        let args = ["need", "add", "--case", "RO-1", "--category", "legal"];
        fieldnotes(&vault, &[&args[..], &["--status", status]].concat());
    }
    let rows: Value =
        serde_json::from_str(&fieldnotes(&vault, &["case", "list", "--json"])).expect("json");
    // Only `identified` is still open: provided and already receiving are not.
    assert_eq!(rows[0]["open_needs"], 1, "{rows}");
    let table = fieldnotes(&vault, &["case", "list"]);
    assert!(
        table
            .lines()
            .nth(1)
            .is_some_and(|l| l.trim_end().ends_with(" 1")),
        "{table}"
    );

    let consent = fieldnotes(
        &vault,
        &["consent", "add", "--case", "RO-1", "--scope", "referral"],
    );
    let need = fieldnotes(
        &vault,
        &[
            "need",
            "add",
            "--case",
            "RO-1",
            "--category",
            "medical_health",
            "--status",
            "referred",
        ],
    );
    fieldnotes(&vault, &["need", "set", &need, "--status", "met"]);
    let page: Value =
        serde_json::from_str(&fieldnotes(&vault, &["case", "show", "RO-1", "--json"]))
            .expect("json");
    let met = page["needs"]
        .as_array()
        .expect("needs")
        .iter()
        .find(|n| n["id"] == need.as_str())
        .expect("the need");
    assert_eq!(met["status"], "met");
    assert_eq!(met["consent"], consent.as_str(), "{met}");
}
