//! End-to-end tests of the `fieldnotes` binary: every command runs the real
//! executable against a vault in a temporary folder.
//!
//! These check behaviour: what the vault holds afterwards, what is audited,
//! what never leaks. The exact text of the output and of the errors people
//! meet most is pinned by the transcripts in `tests/cmd` (`snapshots.rs`).
//!
//! Speed: only the tests of `init`, `passwd` and `recover` pay for the
//! production scrypt work factor. Every other vault is created through the
//! core API at a low work factor, so each command unlocks in milliseconds.
//!
//! Hygiene: each command gets the vault and the passphrase explicitly, every
//! other passphrase variable removed and HOME/XDG pointed into the temporary
//! folder, so nothing from the machine running the tests leaks in (the
//! `Fixture` of fieldnotes-test-support).

use std::fs;
use std::path::Path;

use fieldnotes_core::ExposeSecret;
use fieldnotes_test_support::bin::{output, text, PANIC_TEXT};
use fieldnotes_test_support::{
    array, failed, head_body, noise, parse_id, parse_json, record, succeeded, Fixture, PASS,
    PASS2 as NEW_PASS,
};
use serde_json::Value;
use uuid::Uuid;

/// A vault holding one case, `R-001`; returns the case id too.
fn with_case() -> (Fixture, Uuid) {
    let f = Fixture::with_vault();
    let id = f.new_id(&["case", "add", "--code", "R-001"]);
    (f, id)
}

fn audit_events(f: &Fixture) -> Vec<(String, String)> {
    array(&f.json(&["audit", "--json"]))
        .iter()
        .map(|e| {
            (
                e["event"].as_str().unwrap_or_default().to_owned(),
                e["subject"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

/// An age identity file as `age-keygen` writes it; returns the public key.
fn write_identity(path: &Path) -> String {
    let identity = age::x25519::Identity::generate();
    let public = identity.to_public().to_string();
    let file = format!(
        "# created: 2025-01-01T00:00:00Z\n# public key: {public}\n{}\n",
        identity.to_string().expose_secret()
    );
    fs::write(path, file).expect("write identity file");
    public
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create copy folder");
    for entry in fs::read_dir(from).expect("read vault folder") {
        let entry = entry.expect("folder entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

// ---------------------------------------------------------------------------
// init, unlock, passphrases, recovery

#[test]
fn init_with_recovery_then_recover_sets_a_new_passphrase() {
    let f = Fixture::empty();
    let identity_file = f.path("recovery.key");
    let public = write_identity(&identity_file);

    let out = f.ok(&["init", "--recovery-recipient", &public]);
    assert!(out.contains("Created a vault"), "{out}");
    assert!(out.contains("recovery key"), "{out}");
    assert!(f.vault.join("key.age").exists());
    assert!(f.vault.join("recovery.age").exists());

    // The new vault unlocks and takes records.
    let case = f.new_id(&["case", "add", "--code", "R-100"]);

    // A key that is not the organisation's, or a file without a key.
    let other = f.path("other.key");
    write_identity(&other);
    let out = output(
        f.bare()
            .env("FIELDNOTES_NEW_PASSPHRASE", NEW_PASS)
            .arg("recover")
            .arg("--identity")
            .arg(&other),
    );
    let err = failed(&out, 4);
    assert!(err.contains("does not open this vault"), "{err}");
    let junk = f.path("junk.key");
    fs::write(&junk, "not a key\n").expect("write");
    let out = output(
        f.bare()
            .env("FIELDNOTES_NEW_PASSPHRASE", NEW_PASS)
            .arg("recover")
            .arg("--identity")
            .arg(&junk),
    );
    let err = failed(&out, 1);
    assert!(err.contains("AGE-SECRET-KEY-1"), "{err}");

    // Recovery needs no passphrase, only the identity and a new passphrase.
    let out = output(
        f.bare()
            .env("FIELDNOTES_NEW_PASSPHRASE", NEW_PASS)
            .arg("recover")
            .arg("--identity")
            .arg(&identity_file),
    );
    let stdout = succeeded(&out);
    assert!(stdout.contains("new passphrase"), "{stdout}");

    let out = output(
        f.bare()
            .env("FIELDNOTES_PASSPHRASE", NEW_PASS)
            .args(["case", "list", "--json"]),
    );
    let cases = parse_json(&succeeded(&out));
    assert_eq!(array(&cases).len(), 1);
    assert_eq!(cases[0]["id"], case.to_string());
    assert_eq!(cases[0]["code"], "R-100");

    let err = f.fail(&["records"], 4);
    assert!(err.contains("passphrase is wrong"), "{err}");
}

#[test]
fn init_refuses_a_weak_passphrase_a_bad_recipient_and_an_existing_vault() {
    let f = Fixture::empty();
    let out = output(
        f.bare()
            .env("FIELDNOTES_PASSPHRASE", "password1")
            .arg("init"),
    );
    let err = failed(&out, 1);
    assert!(err.contains("too easy to guess"), "{err}");
    assert!(
        !err.contains("password1"),
        "the passphrase is echoed: {err}"
    );
    assert!(!f.vault.join("key.age").exists());

    for bad in ["age1notakey", "AGE-SECRET-KEY-1QQQQ", ""] {
        let err = f.fail(&["init", "--recovery-recipient", bad], 1);
        assert!(err.contains("age public key"), "{bad:?}: {err}");
        assert!(!f.vault.join("key.age").exists());
    }

    let f = Fixture::with_vault();
    let before = fs::read(f.vault.join("key.age")).expect("key file");
    let err = f.fail(&["init"], 1);
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(fs::read(f.vault.join("key.age")).expect("key file"), before);
    // The existing vault still opens with its passphrase.
    f.ok(&["records"]);
}

#[test]
fn a_wrong_passphrase_is_a_plain_error_and_is_audited() {
    let f = Fixture::with_vault();
    let out = output(
        f.bare()
            .env("FIELDNOTES_PASSPHRASE", "not the right one at all")
            .args(["records", "--json"]),
    );
    // The message is pinned in tests/cmd/vault.trycmd.
    let err = failed(&out, 4);
    assert!(!err.contains("not the right one"), "{err}");
    assert!(out.stdout.is_empty());

    let events = audit_events(&f);
    assert!(
        events.iter().any(|(e, _)| e == "unlock_failed"),
        "{events:?}"
    );
}

#[test]
fn passphrase_files_from_the_flag_and_the_environment() {
    let f = Fixture::with_vault();
    let lf = f.path("pass-lf");
    fs::write(&lf, format!("{PASS}\n")).expect("write");
    let crlf = f.path("pass-crlf");
    fs::write(&crlf, format!("{PASS}\r\n")).expect("write");

    succeeded(&output(
        f.bare().arg("--passphrase-file").arg(&lf).args(["records"]),
    ));
    succeeded(&output(
        f.bare()
            .env("FIELDNOTES_PASSPHRASE_FILE", &lf)
            .args(["records"]),
    ));
    succeeded(&output(
        f.bare()
            .env("FIELDNOTES_PASSPHRASE_FILE", &crlf)
            .args(["records"]),
    ));
    // A file wins over the variable holding the passphrase itself.
    succeeded(&output(
        f.bare()
            .env("FIELDNOTES_PASSPHRASE", "something else entirely")
            .arg("--passphrase-file")
            .arg(&lf)
            .args(["records"]),
    ));

    let missing = f.path("no-such-file");
    let out = output(
        f.bare()
            .arg("--passphrase-file")
            .arg(&missing)
            .args(["records"]),
    );
    let err = failed(&out, 1);
    assert!(err.contains("passphrase file"), "{err}");
}

#[test]
fn passwd_replaces_the_passphrase() {
    let f = Fixture::with_vault();

    // No new passphrase, or a weak one: nothing changes.
    let err = f.fail(&["passwd"], 1);
    assert!(err.contains("FIELDNOTES_NEW_PASSPHRASE"), "{err}");
    let out = output(
        f.cmd()
            .env("FIELDNOTES_NEW_PASSPHRASE", "qwerty123")
            .arg("passwd"),
    );
    let err = failed(&out, 1);
    assert!(err.contains("too easy to guess"), "{err}");
    f.ok(&["records"]);

    let out = output(
        f.cmd()
            .env("FIELDNOTES_NEW_PASSPHRASE", NEW_PASS)
            .arg("passwd"),
    );
    let stdout = succeeded(&out);
    assert!(stdout.contains("passphrase was changed"), "{stdout}");

    let err = f.fail(&["records"], 4);
    assert!(err.contains("passphrase is wrong"), "{err}");
    let out = output(
        f.bare()
            .env("FIELDNOTES_PASSPHRASE", NEW_PASS)
            .args(["audit", "--json"]),
    );
    let log = parse_json(&succeeded(&out));
    assert!(
        array(&log)
            .iter()
            .any(|e| e["event"] == "passphrase_changed"),
        "{log}"
    );
}

#[test]
fn a_corrupt_key_file_is_reported_as_such() {
    let f = Fixture::with_vault();
    let key = f.vault.join("key.age");
    let garbage: [&[u8]; 4] = [
        b"this is not an age file",
        b"",
        b"age-encryption.org/v1\n-> scrypt AAAA 10\n",
        &noise(600, 0),
    ];
    for bytes in garbage {
        fs::write(&key, bytes).expect("overwrite key file");
        let err = f.fail(&["records"], 6);
        assert!(err.contains("key file"), "{err}");
        assert!(!err.contains("not a database"), "{err}");
    }
    fs::remove_file(&key).expect("remove key file");
    let err = f.fail(&["records"], 6);
    assert!(err.contains("key file"), "{err}");
}

// ---------------------------------------------------------------------------
// records

#[test]
fn cases_add_list_show_and_reveal() {
    let f = Fixture::with_vault();
    let id = f.new_id(&[
        "case",
        "add",
        "--code",
        "R-001",
        "--name",
        "Ana Popescu",
        "--date-of-birth",
        "1999-02-03",
        "--contact",
        "+40 700 000 000",
        "--nationality",
        "Romanian",
        "--language",
        "ro",
        "--language",
        "en",
        "--risk",
        "high",
    ]);
    f.new_id(&["case", "add", "--code", "R-002"]);
    let err = f.fail(&["case", "add", "--code", "R-001"], 1);
    assert!(err.contains("already exists"), "{err}");

    let raw = f.ok(&["case", "list", "--json"]);
    assert!(!raw.contains("Ana Popescu"), "{raw}");
    let list = parse_json(&raw);
    assert_eq!(array(&list).len(), 2);
    let row = &list[0];
    assert_eq!(row["id"], id.to_string());
    assert_eq!(row["code"], "R-001");
    assert_eq!(row["status"], "open");
    assert_eq!(row["risk"], "high");
    // Written as a name, stored as its ISO 3166-1 code.
    assert_eq!(row["nationality"], "RO");
    assert_eq!(row["languages"], serde_json::json!(["ro", "en"]));
    assert_eq!(list[1]["code"], "R-002");

    // Without --reveal the identity is restricted everywhere.
    let raw = f.ok(&["case", "show", "R-001", "--json"]);
    for private in ["Ana Popescu", "1999-02-03", "+40 700"] {
        assert!(!raw.contains(private), "{private} shown: {raw}");
    }
    let shown = parse_json(&raw);
    assert_eq!(shown["case"]["record_id"], id.to_string());
    assert_eq!(shown["case"]["body"]["identity"], "restricted");
    assert_eq!(shown["case"]["body"]["nationality"], "RO");
    // The text of the list and of the page: tests/cmd/vault.trycmd.
    let plain = f.ok(&["case", "show", "R-001"]);
    assert!(!plain.contains("Ana Popescu"), "{plain}");
    let records = f.ok(&["records", "--json"]);
    assert!(!records.contains("Ana Popescu"), "{records}");
    // A case with no identity has nothing to hide.
    let other = f.json(&["case", "show", "R-002", "--json"]);
    assert_eq!(other["case"]["body"]["identity"]["name"], Value::Null);
    assert!(!audit_events(&f)
        .iter()
        .any(|(e, _)| e == "identity_revealed"));

    // --reveal shows it and leaves a trace in the audit log.
    let shown = f.json(&["case", "show", "R-001", "--json", "--reveal"]);
    let identity = &shown["case"]["body"]["identity"];
    assert_eq!(identity["name"], "Ana Popescu");
    assert_eq!(identity["date_of_birth"], "1999-02-03");
    assert_eq!(identity["contacts"], serde_json::json!(["+40 700 000 000"]));
    let plain = f.ok(&["case", "show", "R-001", "--reveal"]);
    assert!(plain.contains("Ana Popescu"), "{plain}");
    let reveals: Vec<_> = audit_events(&f)
        .into_iter()
        .filter(|(e, _)| e == "identity_revealed")
        .collect();
    assert_eq!(reveals.len(), 2, "{reveals:?}");
    assert_eq!(reveals[0].1, format!("case {id}"));
    // The audit log holds ids, never the name.
    assert!(!f.ok(&["audit", "--json"]).contains("Ana"));
}

#[test]
fn notes_add_edit_and_history() {
    let (f, case) = with_case();
    let first = f.new_id(&[
        "note",
        "add",
        "--case",
        "R-001",
        "--kind",
        "intake",
        "--text",
        "Met at the shelter; she was tired.",
    ]);

    let out = output(
        f.cmd()
            .args(["note", "add", "--case", "R-001", "--kind", "phone"])
            .write_stdin("Spoke by phone about\nher documents.\n"),
    );
    let second = parse_id(&succeeded(&out));
    let out = output(
        f.cmd()
            .args(["note", "add", "--case", "R-001", "--draft"])
            .write_stdin("half a thought"),
    );
    let draft = parse_id(&succeeded(&out));

    let records = f.json(&["records", "--json"]);
    let body = head_body(&records, first);
    assert_eq!(body["type"], "note");
    assert_eq!(body["case"], case.to_string());
    assert_eq!(body["kind"], "intake");
    assert_eq!(body["narrative"], "Met at the shelter; she was tired.");
    assert_eq!(body["draft"], false);
    let body = head_body(&records, second);
    assert_eq!(body["kind"], "phone");
    assert_eq!(body["narrative"], "Spoke by phone about\nher documents.");
    assert_eq!(head_body(&records, draft)["draft"], true);

    // Edits: from --text, then from stdin.
    let v2 = parse_id(&f.ok(&[
        "note",
        "edit",
        &first.to_string(),
        "--text",
        "Met at the shelter; she was tired but calm.",
    ]));
    let history = f.json(&["history", &first.to_string(), "--json"]);
    let versions = array(&history);
    assert_eq!(versions.len(), 2, "{history}");
    assert_eq!(versions[0]["parents"], serde_json::json!([]));
    assert_eq!(
        versions[1]["parents"],
        serde_json::json!([versions[0]["version_id"]])
    );
    assert_eq!(versions[1]["version_id"], v2.to_string());
    assert_eq!(
        versions[0]["body"]["narrative"],
        "Met at the shelter; she was tired."
    );
    assert_eq!(
        versions[1]["body"]["narrative"],
        "Met at the shelter; she was tired but calm."
    );
    for v in versions {
        assert_eq!(v["record_id"], first.to_string());
    }

    let out = output(
        f.cmd()
            .args(["note", "edit", &first.to_string()])
            .write_stdin("Rewritten from stdin.\n"),
    );
    let v3 = parse_id(&succeeded(&out));
    let history = f.json(&["history", &first.to_string(), "--json"]);
    assert_eq!(array(&history).len(), 3);
    assert_eq!(history[2]["version_id"], v3.to_string());
    assert_eq!(history[2]["parents"], serde_json::json!([v2.to_string()]));
    assert_eq!(history[2]["body"]["narrative"], "Rewritten from stdin.");
    let plain = f.ok(&["history", &first.to_string()]);
    // One line a version, each edit followed by its changed words.
    assert_eq!(
        plain.lines().filter(|l| !l.starts_with(' ')).count(),
        3,
        "{plain}"
    );
    assert!(
        plain
            .contains("    narrative: Met at the shelter; she was [-tired.-]{+tired but calm.+}\n"),
        "{plain}"
    );

    // Finalising a draft needs no text, and is no change of content.
    f.ok(&["note", "edit", &draft.to_string(), "--final"]);
    let plain = f.ok(&["history", &draft.to_string()]);
    assert!(
        plain.ends_with("\n    finalised\n") || plain.ends_with("\n    finalised"),
        "{plain}"
    );
    let records = f.json(&["records", "--json"]);
    assert_eq!(head_body(&records, draft)["draft"], false);
    assert_eq!(head_body(&records, draft)["narrative"], "half a thought");

    // Failures: empty text, text that is not UTF-8, no such case or note.
    let err = failed(
        &output(
            f.cmd()
                .args(["note", "add", "--case", "R-001"])
                .write_stdin("  \n"),
        ),
        1,
    );
    assert!(err.contains("must not be empty"), "{err}");
    let err = failed(
        &output(
            f.cmd()
                .args(["note", "add", "--case", "R-001"])
                .write_stdin(vec![0xff, 0xfe, 0x00, 0x80]),
        ),
        1,
    );
    assert!(err.contains("UTF-8"), "{err}");
    let err = f.fail(&["note", "add", "--case", "R-404", "--text", "x"], 1);
    assert!(err.contains("No case with the code R-404"), "{err}");
    let nobody = Uuid::now_v7().to_string();
    let err = f.fail(&["note", "edit", &nobody, "--text", "x"], 1);
    assert!(err.contains("No record") && err.contains(&nobody), "{err}");
    let err = f.fail(&["history", &nobody], 1);
    assert!(err.contains(&nobody), "{err}");
    // Editing a case as if it were a note.
    let err = f.fail(&["note", "edit", &case.to_string(), "--text", "x"], 1);
    assert!(err.contains("No note"), "{err}");
}

#[test]
fn a_referral_needs_the_survivors_consent() {
    let (f, case) = with_case();
    let need = f.new_id(&[
        "need",
        "add",
        "--case",
        "R-001",
        "--category",
        "accommodation",
        "--text",
        "Needs a safe place to stay",
        "--priority",
        "high",
    ]);
    let records = f.json(&["records", "--json"]);
    let body = head_body(&records, need);
    assert_eq!(body["type"], "need");
    assert_eq!(body["case"], case.to_string());
    assert_eq!(body["category"], "accommodation");
    assert_eq!(body["priority"], "high");
    assert_eq!(body["status"], "identified");
    assert_eq!(body["consent"], Value::Null);

    let need_s = need.to_string();
    let err = f.fail(&["need", "set", &need_s, "--status", "referred"], 1);
    assert!(err.contains("consent"), "{err}");
    assert!(err.contains("consent add --scope referral"), "{err}");
    let err = f.fail(
        &[
            "need",
            "add",
            "--case",
            "R-001",
            "--category",
            "legal",
            "--status",
            "referred",
        ],
        1,
    );
    assert!(err.contains("consent"), "{err}");
    // Consent of another kind does not count.
    f.new_id(&["consent", "add", "--case", "R-001", "--scope", "store_data"]);
    f.fail(&["need", "set", &need_s, "--status", "referred"], 1);

    let consent = f.new_id(&[
        "consent",
        "add",
        "--case",
        "R-001",
        "--scope",
        "referral",
        "--service",
        "Safe House North",
    ]);
    f.ok(&["need", "set", &need_s, "--status", "referred"]);
    let records = f.json(&["records", "--json"]);
    let body = head_body(&records, need);
    assert_eq!(body["status"], "referred");
    assert_eq!(body["consent"], consent.to_string());
    let body = head_body(&records, consent);
    assert_eq!(body["scope"], "referral");
    assert_eq!(body["service"], "Safe House North");
    assert_eq!(body["withdrawn_at"], Value::Null);

    // Withdrawn consent: recorded, and no new referral rests on it.
    let out = f.ok(&["consent", "withdraw", &consent.to_string(), "--yes"]);
    assert!(out.contains("withdrawn"), "{out}");
    let records = f.json(&["records", "--json"]);
    assert!(head_body(&records, consent)["withdrawn_at"].is_string());
    let err = f.fail(
        &[
            "need",
            "add",
            "--case",
            "R-001",
            "--category",
            "legal",
            "--status",
            "referred",
        ],
        1,
    );
    assert!(err.contains("consent"), "{err}");
    let err = f.fail(&["consent", "withdraw", &need_s], 1);
    assert!(err.contains("No consent"), "{err}");

    // The referred need now rests on withdrawn consent: it can be taken
    // back, but not otherwise changed while still referred.
    let err = f.fail(&["need", "set", &need_s, "--priority", "urgent"], 1);
    assert!(err.contains("consent"), "{err}");
    f.ok(&["need", "set", &need_s, "--status", "identified"]);

    // Once consent is given again, the need can be referred again, resting
    // on the new consent (the documented default of `need set --consent`).
    let again = f.new_id(&["consent", "add", "--case", "R-001", "--scope", "referral"]);
    f.ok(&["need", "set", &need_s, "--status", "referred"]);
    let records = f.json(&["records", "--json"]);
    let body = head_body(&records, need);
    assert_eq!(body["status"], "referred");
    assert_eq!(body["consent"], again.to_string());

    // Withdrawn and given again while the need stays referred: the next
    // change moves the referral onto the new consent.
    f.ok(&["consent", "withdraw", &again.to_string(), "--yes"]);
    let third = f.new_id(&["consent", "add", "--case", "R-001", "--scope", "referral"]);
    f.ok(&["need", "set", &need_s, "--priority", "urgent"]);
    let records = f.json(&["records", "--json"]);
    let body = head_body(&records, need);
    assert_eq!(body["status"], "referred");
    assert_eq!(body["priority"], "urgent");
    assert_eq!(body["consent"], third.to_string());
    // An explicit --consent must itself be valid.
    let err = f.fail(
        &["need", "set", &need_s, "--consent", &again.to_string()],
        1,
    );
    assert!(err.contains("consent"), "{err}");
}

#[test]
fn attachments_round_trip_byte_for_byte() {
    let (f, case) = with_case();
    let content = noise(3 * 1024 * 1024 + 17, 0);
    let file = f.path("scan.pdf");
    fs::write(&file, &content).expect("write attachment");

    let out = output(
        f.cmd()
            .args([
                "attach",
                "add",
                "--case",
                "R-001",
                "--type",
                "application/pdf",
            ])
            .arg(&file),
    );
    let id = parse_id(&succeeded(&out));
    let records = f.json(&["records", "--json"]);
    let body = head_body(&records, id);
    assert_eq!(body["type"], "attachment");
    assert_eq!(body["case"], case.to_string());
    assert_eq!(body["file_name"], "scan.pdf");
    assert_eq!(body["media_type"], "application/pdf");
    assert_eq!(body["size"], content.len());

    let back = f.path("back.pdf");
    let out = output(
        f.cmd()
            .args(["attach", "get", &id.to_string(), "--out"])
            .arg(&back),
    );
    succeeded(&out);
    assert!(
        fs::read(&back).expect("read back") == content,
        "bytes differ"
    );

    // An existing file is never overwritten.
    let existing = f.path("keep.txt");
    fs::write(&existing, b"precious").expect("write");
    let out = output(
        f.cmd()
            .args(["attach", "get", &id.to_string(), "--out"])
            .arg(&existing),
    );
    let err = failed(&out, 1);
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(fs::read(&existing).expect("read"), b"precious");

    // Nothing half-written is left behind.
    let leftovers: Vec<_> = fs::read_dir(f.tmp.path())
        .expect("read dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("partial"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    let out = output(
        f.cmd()
            .args(["attach", "add", "--case", "R-001"])
            .arg(f.path("missing.jpg")),
    );
    let err = failed(&out, 1);
    assert!(err.contains("missing.jpg"), "{err}");
    let out = output(
        f.cmd()
            .args(["attach", "get", &case.to_string(), "--out"])
            .arg(f.path("case.bin")),
    );
    failed(&out, 1);
    assert!(!f.path("case.bin").exists());
}

#[test]
fn search_finds_notes_and_delete_removes_them() {
    let (f, _) = with_case();
    let note = f.new_id(&[
        "note",
        "add",
        "--case",
        "R-001",
        "--text",
        "She described the farm near Leicester where she was kept.",
    ]);
    let other = f.new_id(&[
        "note",
        "add",
        "--case",
        "R-001",
        "--text",
        "Court date set for March.",
    ]);

    let hits = f.json(&["search", "leicester", "--json"]);
    let hits = array(&hits);
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0]["record_id"], note.to_string());
    assert_eq!(hits[0]["kind"], "note");
    assert_eq!(hits[0]["case_code"], "R-001");
    let snippet = hits[0]["snippet"].as_str().expect("snippet");
    assert!(snippet.contains("[Leicester]"), "{snippet}");
    // Whole words by default; a trailing * asks for a prefix. And text
    // that would be FTS5 syntax.
    let hits = f.json(&["search", "Leic", "--json"]);
    assert!(array(&hits).is_empty(), "{hits}");
    let hits = f.json(&["search", "Leic*", "--json"]);
    assert_eq!(array(&hits).len(), 1);
    let hits = f.json(&["search", "farm\" OR NEAR(", "--json"]);
    assert!(array(&hits).is_empty(), "{hits}");
    let plain = f.ok(&["search", "nothing-like-this"]);
    assert!(plain.contains("Nothing found"), "{plain}");

    let out = f.ok(&["delete", &note.to_string()]);
    assert!(out.contains("Deleted"), "{out}");
    let records = f.json(&["records", "--json"]);
    assert!(record(&records, note).is_none(), "{records}");
    assert!(record(&records, other).is_some());
    assert!(!f.ok(&["records", "--json"]).contains("Leicester"));
    let hits = f.json(&["search", "leicester", "--json"]);
    assert!(array(&hits).is_empty(), "{hits}");
    let shown = f.ok(&["case", "show", "R-001", "--json"]);
    assert!(!shown.contains("Leicester"), "{shown}");

    // The history stays, ending in a tombstone.
    let history = f.json(&["history", &note.to_string(), "--json"]);
    let versions = array(&history);
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[1]["body"], Value::Null);
    assert_eq!(
        versions[1]["parents"],
        serde_json::json!([versions[0]["version_id"]])
    );

    let err = f.fail(&["delete", &note.to_string()], 1);
    assert!(err.contains("deleted"), "{err}");
    let err = f.fail(&["note", "edit", &note.to_string(), "--text", "x"], 1);
    assert!(err.contains("deleted"), "{err}");
    let err = f.fail(&["delete", &Uuid::now_v7().to_string()], 1);
    assert!(err.contains("No record"), "{err}");
}

#[test]
fn records_json_is_stable_and_holds_only_what_the_records_hold() {
    let f = Fixture::with_vault();
    let case = f.new_id(&[
        "case",
        "add",
        "--code",
        "R-001",
        "--name",
        "Ioana Marin",
        "--worker",
        "sam",
    ]);
    let note = f.new_id(&["note", "add", "--case", "R-001", "--text", "Intake done."]);
    let need = f.new_id(&[
        "need",
        "add",
        "--case",
        "R-001",
        "--category",
        "medical_health",
    ]);
    let consent = f.new_id(&["consent", "add", "--case", "R-001", "--scope", "referral"]);
    let task = f.new_id(&["followup", "add", "--case", "R-001", "--title", "Call GP"]);
    f.ok(&[
        "note",
        "edit",
        &note.to_string(),
        "--text",
        "Intake finished.",
    ]);

    let first = f.ok(&["records", "--json"]);
    let second = f.ok(&["records", "--json"]);
    assert_eq!(first, second, "records --json changed between two calls");

    // A copy of the vault in another folder holds the same versions, so it
    // prints the same bytes: nothing local (paths, times of the call) leaks.
    let copy = Fixture::empty();
    copy_dir(&f.vault, &copy.vault);
    assert_eq!(copy.ok(&["records", "--json"]), first);

    for absent in [
        "Ioana",
        "Marin",
        f.tmp.path().to_str().expect("utf-8 path"),
        "unlocked",
        "case_code",
        "open_needs",
    ] {
        assert!(!first.contains(absent), "{absent:?} in records: {first}");
    }

    let records = parse_json(&first);
    let listed: Vec<String> = array(&records)
        .iter()
        .map(|r| r["record_id"].as_str().expect("id").to_owned())
        .collect();
    let mut expected: Vec<String> = [case, note, need, consent, task]
        .iter()
        .map(Uuid::to_string)
        .collect();
    expected.sort();
    assert_eq!(listed, expected, "records are not in id order");

    let keys = |v: &Value| -> Vec<String> {
        let mut k: Vec<String> = v.as_object().expect("object").keys().cloned().collect();
        k.sort();
        k
    };
    for r in array(&records) {
        assert_eq!(keys(r), ["conflict", "heads", "kind", "record_id"], "{r}");
        assert_eq!(r["conflict"], false);
        for head in array(&r["heads"]) {
            assert_eq!(
                keys(head),
                [
                    "author",
                    "body",
                    "body_hash",
                    "format",
                    "hlc",
                    "kind",
                    "parents",
                    "record_id",
                    "signature",
                    "version_id"
                ],
                "{head}"
            );
            assert_eq!(head["record_id"], r["record_id"]);
            assert_eq!(head["kind"], r["kind"]);
        }
    }
    let kinds: Vec<&str> = array(&records)
        .iter()
        .map(|r| r["kind"].as_str().expect("kind"))
        .collect();
    assert_eq!(kinds, ["case", "note", "need", "consent", "follow_up"]);
    assert_eq!(head_body(&records, case)["identity"], "restricted");
    assert_eq!(head_body(&records, task)["title"], "Call GP");

    // The plain listing is one line per record.
    let plain = f.ok(&["records"]);
    assert_eq!(plain.lines().count(), 5, "{plain}");
    assert!(!plain.contains("Ioana"), "{plain}");
}

#[test]
fn audit_lists_events_and_verifies() {
    let (f, case) = with_case();
    let log = f.json(&["audit", "--json"]);
    let entries = array(&log);
    let events: Vec<&str> = entries
        .iter()
        .map(|e| e["event"].as_str().expect("event"))
        .collect();
    assert_eq!(
        events,
        [
            "vault_created",
            "locked",
            "unlocked",
            "record_created",
            "locked",
            "unlocked"
        ],
        "{log}"
    );
    assert_eq!(entries[3]["subject"], format!("case {case}"));
    for (i, e) in entries.iter().enumerate() {
        assert_eq!(e["seq"], i + 1, "{e}");
        assert!(e["at"].is_string() && e["hash"].is_string(), "{e}");
    }
    let plain = f.ok(&["audit"]);
    assert!(plain.contains("record_created"), "{plain}");

    let out = output(f.cmd().args(["audit", "verify"]));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("intact"));
    let report = f.json(&["audit", "--json", "verify"]);
    assert!(
        report["entries"].as_u64().expect("entries") >= 9,
        "{report}"
    );
    assert!(report["head"].is_string());

    let out = f.ok(&["check"]);
    assert!(out.contains("valid signatures"), "{out}");
}

// ---------------------------------------------------------------------------
// usage errors

#[test]
fn usage_errors_exit_2_and_leave_the_vault_alone() {
    // What each one prints is pinned in tests/cmd/usage.trycmd.
    let f = Fixture::with_vault();
    let nobody = Uuid::now_v7().to_string();
    let usage_errors: [&[&str]; 9] = [
        &["frobnicate"],
        &[],
        &["case", "add"],
        &["history", "not-a-uuid"],
        &["delete", "1234"],
        &["need", "add", "--case", "R-001", "--category", "housing"],
        &["need", "set", &nobody, "--status", "done"],
        &[
            "note", "add", "--case", "R-001", "--kind", "chat", "--text", "x",
        ],
        &["search"],
    ];
    for args in usage_errors {
        f.fail(args, 2);
    }

    // Help and version are not errors.
    let help = f.ok(&["--help"]);
    assert!(help.contains("Usage"), "{help}");
    let version = f.ok(&["--version"]);
    assert_version_line(&version);

    // None of that touched the vault.
    let records = f.json(&["records", "--json"]);
    assert!(array(&records).is_empty(), "{records}");
}

/// `fieldnotes 0.1.0 (commit 9860acd1f2e3)`: the workspace's version and
/// the commit built from (hex, or `unknown` outside a git checkout).
fn assert_version_line(out: &str) {
    let expected = format!("fieldnotes {} (commit ", env!("CARGO_PKG_VERSION"));
    let rest = out.trim_end().strip_prefix(&expected);
    let commit = rest.and_then(|r| r.strip_suffix(')'));
    assert!(
        commit.is_some_and(
            |c| c == "unknown" || (c.len() == 12 && c.bytes().all(|b| b.is_ascii_hexdigit()))
        ),
        "{out}"
    );
}

#[test]
fn a_reader_that_goes_away_is_not_an_internal_error() {
    // `fieldnotes records --json | head -1`: stdout closes under the writer.
    let (f, _) = with_case();
    let long = "word ".repeat(40_000);
    let out = output(
        f.cmd()
            .args(["note", "add", "--case", "R-001"])
            .write_stdin(long),
    );
    succeeded(&out);
    let mut child = f
        .bare_std()
        .env("FIELDNOTES_PASSPHRASE", PASS)
        .args(["records", "--json"])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn fieldnotes");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait for fieldnotes");
    assert!(!out.status.success());
    let stderr = text(&out.stderr);
    for bad in PANIC_TEXT {
        assert!(!stderr.contains(bad), "stderr shows {bad:?}: {stderr}");
    }
    // The vault is none the worse for it.
    f.ok(&["audit", "verify"]);
}
