//! The case-summary figure, beside its baseline measured in the same run:
//! a signed summary (PDF, Romanian) of a case with 500 interviews and notes,
//! against reading the same case's page (`Vault::case_page`), the read every
//! summary starts from; and the check of the summary made.
//!
//! `cargo bench -p fieldnotes-core --bench case_summary` (add `-- --quick`
//! for 100 notes). Goal: under 2 s for 500 notes. Printed, never asserted.

use std::time::{Duration, Instant};

use fieldnotes_core::report::CaseReportRequest;
use fieldnotes_core::{Body, ConsentScope, Lang, NoteBody, NoteKind, ReferralStatus, Vault};
use fieldnotes_test_support::{case_with_name, follow_up, need, new_vault};
use uuid::Uuid;

fn note(case: Uuid, i: usize) -> Body {
    Body::Note(NoteBody {
        unknown: Default::default(),
        form: None,
        case,
        kind: if i.is_multiple_of(5) {
            NoteKind::Intake
        } else {
            NoteKind::FollowUp
        },
        when: Some(format!("2026-{:02}-{:02}", i % 12 + 1, i % 28 + 1)),
        place: Some("Centrul de primire, Iași".into()),
        present: vec!["Ana (lucrătoare socială)".into(), "interpret".into()],
        interpreter: Some("Ioana Mărgărit".into()),
        narrative: format!(
            "Întâlnirea {i}: am discutat despre cazare, programarea la clinică, actele \
             reținute de angajator și legătura cu familia. Următoarea vizită este planificată; \
             riscul a fost reevaluat. Persoana spune că se simte mai în siguranță în adăpost \
             și că vrea să participe la procesul penal ca parte vătămată.\n\nAl doilea \
             paragraf: nevoi noi — sprijin psihologic și curs de limba română."
        ),
        tags: vec![],
        draft: false,
    })
}

fn fill(v: &mut Vault, notes: usize) -> Uuid {
    let case = v
        .add(case_with_name("BENCH-Ș1", "Bench Person"))
        .expect("case")
        .record_id;
    for i in 0..notes {
        v.add(note(case, i)).expect("note");
    }
    let consent = v
        .add_consent(case, ConsentScope::Referral, Some("Adăpost".into()), None)
        .expect("consent")
        .record_id;
    for _ in 0..10 {
        v.add(need(case, ReferralStatus::Referred, Some(consent)))
            .expect("need");
        v.add(follow_up(case, "Sună la clinică"))
            .expect("follow-up");
    }
    case
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let notes = if quick { 100 } else { 500 };
    let (_tmp, _dir, mut v) = new_vault();
    let case = fill(&mut v, notes);
    let request = CaseReportRequest {
        case,
        lang: Lang::Ro,
        with_identity: false,
        notes: None,
        from: None,
        to: None,
    };
    // The first summary also parses the embedded fonts (once per process).
    let (first, cold) = timed(|| v.case_report(&request).expect("report"));
    let (mut ours, mut base, mut check) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..3 {
        base.push(timed(|| v.case_page(case, false).expect("page")).1);
        ours.push(timed(|| v.case_report(&request).expect("report")).1);
        check.push(timed(|| v.verify_report(&first.pdf).expect("verify")).1);
    }
    let (ours, base, check) = (median(ours), median(base), median(check));
    println!(
        "case summary, {notes} notes: {:.0} ms (first in the process {:.0} ms), {} entries, {} KB",
        ours.as_secs_f64() * 1000.0,
        cold.as_secs_f64() * 1000.0,
        first.manifest.entries.len(),
        first.pdf.len() / 1024
    );
    println!(
        "  baseline, the case page read: {:.1} ms; ratio {:.0}x; goal < 2000 ms: {}",
        base.as_secs_f64() * 1000.0,
        ours.as_secs_f64() / base.as_secs_f64().max(1e-9),
        if ours < Duration::from_secs(2) {
            "met"
        } else {
            "NOT met"
        }
    );
    println!(
        "  verify the summary: {:.1} ms",
        check.as_secs_f64() * 1000.0
    );
}
