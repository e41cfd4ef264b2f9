//! `fieldnotes report case` and `report verify` through the real binary:
//! the PDF says what the case holds (read back with poppler's `pdftotext`,
//! Romanian letters included) and none of the identity unless asked; a
//! changed byte fails `verify` with a non-zero status; every report is in
//! the audit log; bad input is refused with a clear message.

use std::process::Command;

use fieldnotes_test_support::bin::Fixture;

fn pdftotext(path: &std::path::Path) -> String {
    let out = Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext is installed (make test installs poppler-utils)");
    assert!(out.status.success());
    String::from_utf8(out.stdout).expect("utf-8")
}

fn case(f: &Fixture) {
    f.ok(&[
        "case",
        "add",
        "--code",
        "RO-9",
        "--name",
        "Elena Munteanu",
        "--date-of-birth",
        "1998-07-06",
        "--contact",
        "+40 711 222 333",
    ]);
    f.ok(&[
        "note",
        "add",
        "--case",
        "RO-9",
        "--when",
        "2026-04-02",
        "--text",
        "Întâlnire la adăpost: își caută actele și vrea să lucreze.",
    ]);
}

#[test]
fn a_summary_in_romanian_without_identity_then_with_it() {
    let f = Fixture::with_vault();
    case(&f);
    let out = f.path("rezumat.pdf");
    let said = f.ok(&[
        "report",
        "case",
        "RO-9",
        "--out",
        out.to_str().unwrap(),
        "--lang",
        "ro",
    ]);
    assert!(said.contains("RO-9"), "{said}");
    let text = pdftotext(&out);
    for expected in [
        "Rezumatul cazului",
        "RO-9",
        "Confidențial",
        "Pagina 1 din",
        "își caută actele",
        "Întâlnire",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in {text}");
    }
    for absent in ["Elena Munteanu", "1998-07-06", "+40 711 222 333"] {
        assert!(
            !text.contains(absent),
            "{absent} must not be in the summary"
        );
    }
    let with = f.path("with.pdf");
    f.ok(&[
        "report",
        "case",
        "RO-9",
        "--out",
        with.to_str().unwrap(),
        "--with-identity",
    ]);
    let text = pdftotext(&with);
    assert!(text.contains("Elena Munteanu") && text.contains("+40 711 222 333"));
    assert!(text.contains("Confidential") && text.contains("Page 1 of"));
    let audit = f.ok(&["audit"]);
    assert!(audit.contains("report_made"), "{audit}");
    assert!(audit.contains("report_with_identity"), "{audit}");
}

#[test]
fn verify_says_intact_and_fails_on_a_changed_byte() {
    let f = Fixture::with_vault();
    case(&f);
    let out = f.path("s.pdf");
    f.ok(&["report", "case", "RO-9", "--out", out.to_str().unwrap()]);
    let said = f.ok(&["report", "verify", out.to_str().unwrap()]);
    assert!(said.contains("Intact") && said.contains("RO-9"), "{said}");
    let mut bytes = std::fs::read(&out).unwrap();
    let at = bytes.len() / 2;
    bytes[at] ^= 0x04;
    let bad = f.path("changed.pdf");
    std::fs::write(&bad, &bytes).unwrap();
    let err = f.fail(&["report", "verify", bad.to_str().unwrap()], 1);
    assert!(err.contains("changed after it was signed"), "{err}");
    let plain = f.path("plain.pdf");
    std::fs::write(&plain, b"%PDF-1.4\n%%EOF\n").unwrap();
    let err = f.fail(&["report", "verify", plain.to_str().unwrap()], 1);
    assert!(err.contains("not a signed Fieldnotes report"), "{err}");
}

#[test]
fn bad_input_is_refused_and_nothing_is_overwritten() {
    let f = Fixture::with_vault();
    case(&f);
    let out = f.path("s.pdf");
    let o = out.to_str().unwrap();
    let err = f.fail(&["report", "case", "XX-404", "--out", o], 1);
    assert!(err.contains("XX-404"), "{err}");
    let err = f.fail(
        &["report", "case", "RO-9", "--out", o, "--from", "2026-13-45"],
        2,
    );
    assert!(err.contains("2026-13-45"), "{err}");
    let err = f.fail(&["report", "case", "RO-9", "--out", o, "--lang", "fr"], 2);
    assert!(err.contains("en, ro"), "{err}");
    let missing = f.path("no/such/folder/s.pdf");
    let err = f.fail(
        &["report", "case", "RO-9", "--out", missing.to_str().unwrap()],
        1,
    );
    assert!(err.contains("does not exist"), "{err}");
    std::fs::write(&out, b"keep me").unwrap();
    let err = f.fail(&["report", "case", "RO-9", "--out", o], 1);
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(std::fs::read(&out).unwrap(), b"keep me");
}
