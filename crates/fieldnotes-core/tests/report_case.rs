#![allow(clippy::unwrap_used)]
//! The case summary end to end through the core: what the PDF says (read
//! back with poppler's `pdftotext`), what it leaves out, its audit entries,
//! its check against the roster, and the check a recipient without
//! Fieldnotes makes with `minisign`, by the very commands docs/FORMATS.md
//! gives. A missing tool fails the test: a skipped check proves nothing.

use std::path::Path;
use std::process::Command;

use fieldnotes_core::report::CaseReportRequest;
use fieldnotes_core::{
    Body, ConsentScope, ErasureReason, Error, Lang, NeedBody, NoteBody, ReferralStatus, Vault,
};
use fieldnotes_test_support::*;
use uuid::Uuid;

struct Case {
    id: Uuid,
    kept: Uuid,
    draft: Uuid,
}

fn note_at(case: Uuid, when: &str, text: &str, draft: bool) -> Body {
    match note(case, text) {
        Body::Note(n) => Body::Note(NoteBody {
            when: Some(when.into()),
            place: Some("Centrul de primire, Iași".into()),
            present: vec!["Ana (lucrătoare socială)".into()],
            interpreter: Some("Ioana Mărgărit".into()),
            draft,
            ..n
        }),
        _ => unreachable!(),
    }
}

/// A case with notes (one a draft, one deleted, one erased), a need that
/// was referred, a withdrawn consent, a follow-up and a file.
fn fill(v: &mut Vault) -> Case {
    let id = v
        .add(case_with_name("RO-77", "Maria Ionescu"))
        .unwrap()
        .record_id;
    let kept = v
        .add(note_at(
            id,
            "2026-02-10",
            "Șofer plătit în țară: ă â î ș ț.",
            false,
        ))
        .unwrap()
        .record_id;
    v.add(note_at(id, "2026-05-20", "Later visit, note kept.", false))
        .unwrap();
    let draft = v
        .add(note_at(id, "2026-03-01", "Unfinished draft text.", true))
        .unwrap()
        .record_id;
    let deleted = v
        .add(note_at(id, "2026-03-02", "Deleted note text.", false))
        .unwrap()
        .record_id;
    v.delete(deleted).unwrap();
    let erased = v
        .add(note_at(id, "2026-03-03", "Erased note text.", false))
        .unwrap()
        .record_id;
    v.erase(erased, ErasureReason::EnteredInError).unwrap();
    let consent = v
        .add_consent(
            id,
            ConsentScope::Referral,
            Some("Adăpostul Speranța".into()),
            None,
        )
        .unwrap()
        .record_id;
    let need = v
        .add(need(id, ReferralStatus::Identified, None))
        .unwrap()
        .record_id;
    v.modify(need, |b| {
        if let Body::Need(n) = b {
            *n = NeedBody {
                status: ReferralStatus::Referred,
                referral_target: Some("Adăpostul Speranța".into()),
                consent: Some(consent),
                ..n.clone()
            };
        }
        Ok(())
    })
    .unwrap();
    let other = v
        .add_consent(id, ConsentScope::Photographs, None, None)
        .unwrap()
        .record_id;
    v.withdraw_consent(other).unwrap();
    v.add(follow_up(id, "Sună la adăpost")).unwrap();
    v.attach(
        id,
        "scan.pdf",
        Some("application/pdf".into()),
        &mut &b"%PDF-1.4 scan"[..],
    )
    .unwrap();
    Case { id, kept, draft }
}

fn request(case: Uuid, lang: Lang) -> CaseReportRequest {
    CaseReportRequest {
        case,
        lang,
        with_identity: false,
        notes: None,
        from: None,
        to: None,
    }
}

fn text_of(dir: &Path, pdf: &[u8]) -> String {
    let path = dir.join("report.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = tool("pdftotext").arg(&path).arg("-").output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_summary_shows_the_case_and_leaves_out_identity_drafts_and_removed_records() {
    let (tmp, _dir, mut v) = new_vault();
    let c = fill(&mut v);
    let report = v.case_report(&request(c.id, Lang::En)).unwrap();
    let text = text_of(tmp.path(), &report.pdf);
    for expected in [
        "Case summary",
        "RO-77",
        "Confidential",
        "Page 1 of",
        "Șofer plătit în țară: ă â î ș ț.",
        "Later visit, note kept.",
        "Ioana Mărgărit",
        "Referred",
        "Adăpostul Speranța",
        "Sună la adăpost",
        "scan.pdf",
        &blake3::hash(b"%PDF-1.4 scan").to_hex().to_string()[..16],
        "Appendix: provenance",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    for absent in [
        "Maria Ionescu",
        "1999-02-03",
        "+40 700 000 000",
        "Unfinished draft text.",
        "Deleted note text.",
        "Erased note text.",
    ] {
        assert!(
            !text.contains(absent),
            "{absent:?} should not be in the summary"
        );
    }
    // Chronological: February before May.
    assert!(text.find("Șofer").unwrap() < text.find("Later visit").unwrap());
    let check = v.verify_report(&report.pdf).unwrap();
    assert_eq!(check.case_code, "RO-77");
    assert!(check.this_device && !check.with_identity);
    assert_eq!(check.entries, report.manifest.entries.len());
    let log = v.audit_log().unwrap();
    let last = log.last().unwrap();
    assert_eq!(last.event, "report_made");
    assert!(
        last.subject.starts_with(&format!("case {}: en, ", c.id)),
        "{}",
        last.subject
    );
    let row = &v.audit_view().unwrap().entries[0];
    assert_eq!(row.subject_case_code.as_deref(), Some("RO-77"));
}

#[test]
fn with_identity_in_romanian_the_identity_and_a_chosen_draft_are_shown_and_audited() {
    let (tmp, _dir, mut v) = new_vault();
    let c = fill(&mut v);
    let req = CaseReportRequest {
        with_identity: true,
        notes: Some(vec![c.kept, c.draft]),
        ..request(c.id, Lang::Ro)
    };
    let report = v.case_report(&req).unwrap();
    let text = text_of(tmp.path(), &report.pdf);
    for expected in [
        "Rezumatul cazului",
        "Confidențial",
        "Pagina 1 din",
        "Maria Ionescu",
        "1999-02-03",
        "Unfinished draft text.",
        "Ciornă",
        "Identitate (restricționat)",
        "Trimisă",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    assert!(
        !text.contains("Later visit"),
        "a note not chosen is left out"
    );
    assert_eq!(events(&v).last().unwrap(), "report_with_identity");
    assert!(v.verify_report(&report.pdf).unwrap().with_identity);
}

#[test]
fn the_period_limits_the_chronology_and_bad_requests_are_refused() {
    let (tmp, _dir, mut v) = new_vault();
    let c = fill(&mut v);
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    let req = CaseReportRequest {
        from: day("2026-04-01"),
        to: day("2026-06-30"),
        ..request(c.id, Lang::En)
    };
    let text = text_of(tmp.path(), &v.case_report(&req).unwrap().pdf);
    assert!(text.contains("Later visit") && !text.contains("Șofer"));
    let backwards = CaseReportRequest {
        from: day("2026-06-30"),
        to: day("2026-04-01"),
        ..request(c.id, Lang::En)
    };
    assert!(matches!(
        v.case_report(&backwards),
        Err(Error::InvalidDate { .. })
    ));
    let stranger = CaseReportRequest {
        notes: Some(vec![Uuid::now_v7()]),
        ..request(c.id, Lang::En)
    };
    assert!(matches!(
        v.case_report(&stranger),
        Err(Error::NotFound { .. })
    ));
    assert!(v.case_report(&request(Uuid::now_v7(), Lang::En)).is_err());
}

#[test]
fn another_laptop_trusts_the_report_only_once_it_trusts_the_signer() {
    let tmp = tempfile::tempdir().unwrap();
    let mut a = named_vault(&tmp.path().join("a"), "Laptop Ana");
    let mut b = named_vault(&tmp.path().join("b"), "Laptop Bogdan");
    let c = fill(&mut a);
    let pdf = a.case_report(&request(c.id, Lang::En)).unwrap().pdf;
    match b.verify_report(&pdf) {
        Err(Error::ReportUntrusted { signer }) => assert_eq!(signer, "Laptop Ana"),
        other => panic!("expected untrusted, got {other:?}"),
    }
    trusts(&mut b, &a);
    let check = b.verify_report(&pdf).unwrap();
    assert_eq!(check.signer, a.device_id());
    assert!(!check.this_device);
    let mut changed = pdf.clone();
    let at = changed.len() / 2;
    changed[at] ^= 0x20;
    assert!(matches!(
        b.verify_report(&changed),
        Err(Error::ReportTampered)
    ));
    assert!(matches!(
        b.verify_report(b"%PDF-1.7\nnot signed\n%%EOF"),
        Err(Error::NotAReport)
    ));
}

/// The shell commands of docs/FORMATS.md, "Checking a case summary with
/// minisign": the lines of the first `sh` block after that heading.
fn documented_commands() -> String {
    let doc = include_str!("../../../docs/FORMATS.md");
    let section = doc
        .split("### Checking a case summary with minisign")
        .nth(1)
        .expect("the section is in docs/FORMATS.md");
    let block = section.split("```sh\n").nth(1).expect("an sh block");
    block.split("```").next().unwrap().to_owned()
}

#[test]
fn minisign_checks_a_report_with_the_documented_commands() {
    let (tmp, _dir, mut v) = new_vault();
    let c = fill(&mut v);
    let pdf = v.case_report(&request(c.id, Lang::Ro)).unwrap().pdf;
    let key = v.card().unwrap().minisign_public_key;
    let run = |pdf: &[u8]| {
        let dir = tempfile::tempdir_in(tmp.path()).unwrap();
        std::fs::write(dir.path().join("report.pdf"), pdf).unwrap();
        tool("minisign").arg("-v").output().unwrap();
        Command::new("sh")
            .args(["-e", "-c", &documented_commands()])
            .env("PUBLIC_KEY", &key)
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    let ok = run(&pdf);
    let said =
        String::from_utf8_lossy(&ok.stdout).into_owned() + &String::from_utf8_lossy(&ok.stderr);
    assert!(ok.status.success(), "{said}");
    assert!(said.contains("fieldnotes-case-summary 1"), "{said}");
    assert!(said.contains("case=RO-77"), "{said}");
    let mut changed = pdf.clone();
    let at = changed.len() / 3;
    changed[at] ^= 1;
    assert!(!run(&changed).status.success());
}
