//! `fieldnotes erase` through the real binary: it says what goes and asks,
//! refuses without a terminal unless `--yes`, and afterwards nothing of the
//! case can be found, while `check` still verifies everything.

use fieldnotes_test_support::bin::Fixture;

#[test]
fn erasing_a_case_removes_its_content_and_check_still_passes() {
    let f = Fixture::with_vault();
    f.ok(&["case", "add", "--code", "ER-1"]);
    let note = f.ok(&[
        "note",
        "add",
        "--case",
        "ER-1",
        "--text",
        "zorblattmarker words",
    ]);
    let note = note.trim();
    let file = f.path("scan.pdf");
    std::fs::write(&file, b"scanned statement").expect("file");
    f.ok(&[
        "attach",
        "add",
        "--case",
        "ER-1",
        file.to_str().expect("utf-8"),
    ]);

    // No terminal and no --yes: nothing happens, and the plan was shown.
    let err = f.fail(
        &["erase", "--case", "ER-1", "--reason", "consent_withdrawn"],
        1,
    );
    assert!(err.contains("cannot be undone"), "{err}");
    assert!(err.contains("Nothing was erased"), "{err}");
    assert!(f
        .ok(&["search", "zorblattmarker"])
        .contains("zorblattmarker"));

    let out = f.ok(&[
        "erase",
        "--case",
        "ER-1",
        "--reason",
        "consent_withdrawn",
        "--yes",
    ]);
    assert!(out.contains("Erased 3 record(s)"), "{out}");
    assert!(!f
        .ok(&["search", "zorblattmarker"])
        .contains("zorblattmarker"));
    f.fail(&["case", "show", "ER-1"], 1);
    let history = f.ok(&["history", note]);
    assert!(
        history.contains("erased") && !history.contains("zorblattmarker"),
        "{history}"
    );
    let err = f.fail(&["note", "edit", note, "--text", "again"], 1);
    assert!(err.contains("error[erased]"), "{err}");
    let check = f.ok(&["check"]);
    assert!(check.contains("valid signatures"), "{check}");
    let records = f.ok(&["records"]);
    assert!(
        records.contains("erased 3 record(s), a whole case for consent_withdrawn"),
        "{records}"
    );
}

#[test]
fn erase_needs_a_target_and_a_known_reason() {
    let f = Fixture::with_vault();
    f.ok(&["case", "add", "--code", "ER-2"]);
    f.fail(&["erase", "--reason", "consent_withdrawn", "--yes"], 2);
    let err = f.fail(
        &["erase", "--case", "ER-2", "--reason", "because", "--yes"],
        2,
    );
    assert!(err.contains("entered_in_error"), "{err}");
    f.ok(&["case", "show", "ER-2"]);
}
