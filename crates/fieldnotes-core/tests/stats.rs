//! Anonymised statistics: what counts in a period, the tables' figures, and
//! an attacker who tries to re-identify one survivor from every output
//! (the preview, CSV, XLSX cell values and the PDF's text) and fails.

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use chrono::{Datelike, Months};
use fieldnotes_core::model::CaseBody;
use fieldnotes_core::report::{Cell, Statistics, StatsFormat, StatsRequest};
use fieldnotes_core::{
    AgeBand, Body, CaseStatus, ConsentScope, ExploitationType, Gender, Lang, ReferralStatus, Vault,
};
use fieldnotes_test_support::*;

/// This month and the next two: every case made now is open in it.
fn request(lang: Lang) -> StatsRequest {
    let today = fieldnotes_core::dates::today_local();
    StatsRequest {
        from: today.format("%Y-%m").to_string(),
        to: (today + Months::new(2)).format("%Y-%m").to_string(),
        status: None,
        worker: None,
        exploitation: None,
        lang,
    }
}

fn add_case(v: &mut Vault, code: &str, f: impl FnOnce(&mut CaseBody)) -> uuid::Uuid {
    let Body::Case(mut c) = case(code) else {
        unreachable!()
    };
    f(&mut c);
    v.add(Body::Case(c)).expect("add case").record_id
}

/// Eleven Romanian women aged 25–34, and one Eritrean man of 50 or over.
fn one_rare_survivor() -> (tempfile::TempDir, std::path::PathBuf, Vault) {
    let (tmp, dir, mut v) = new_vault();
    for i in 0..11 {
        add_case(&mut v, &format!("RO-{i}"), |c| {
            c.nationality = Some("RO".into());
            c.profile.gender = Some(Gender::Female);
            c.profile.age_band = Some(AgeBand::From25To34);
            c.profile.exploitation_types = vec![ExploitationType::Sexual];
        });
    }
    add_case(&mut v, "RARE-1", |c| {
        c.nationality = Some("ER".into());
        c.profile.gender = Some(Gender::Male);
        c.profile.age_band = Some(AgeBand::From50);
        c.profile.exploitation_types = vec![ExploitationType::OrganRemoval];
    });
    (tmp, dir, v)
}

/// A table as an attacker reads it from any output: row texts and total.
type Seen = (Vec<(String, String)>, Option<String>);

/// The values the row `target` can take given what is shown: numbers
/// exact, "<5" from 1 to 4, "x" at least 5 (or any, when every row is x),
/// the rows adding up to the total.
fn possible(seen: &Seen, target: usize) -> (i64, i64) {
    let withheld = seen.0.iter().all(|(_, t)| t == "x");
    let range = |t: &str| match t {
        "<5" => (1, 4),
        "x" if withheld => (0, 1 << 30),
        "x" => (5, 1 << 30),
        n => {
            let n: i64 = n.parse().expect("a count");
            (n, n)
        }
    };
    let own = range(&seen.0[target].1);
    let Some(total) = &seen.1 else {
        return own;
    };
    let (tlo, thi) = range(total);
    let (olo, ohi) = seen
        .0
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != target)
        .map(|(_, (_, t))| range(t))
        .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    (own.0.max(tlo - ohi), own.1.min(thi - olo))
}

/// Fails when some table pins a row labelled `label` to exactly 1.
fn attack(tables: &[Seen], label: &str, output: &str) {
    let mut found = false;
    for seen in tables {
        for (i, (l, _)) in seen.0.iter().enumerate() {
            if l == label {
                found = true;
                let (lo, hi) = possible(seen, i);
                assert!(
                    lo < hi,
                    "{output}: {label} is pinned to {lo}..={hi} in {seen:?}"
                );
            }
        }
    }
    assert!(found, "{output}: no row {label}");
}

const RARE: [&str; 4] = ["Eritrea", "Male", "50 and over", "Organ removal"];

fn from_preview(stats: &Statistics) -> Vec<Seen> {
    stats
        .tables
        .iter()
        .map(|t| {
            let rows = t
                .rows
                .iter()
                .map(|r| (r.label.clone(), r.cell.text()))
                .collect();
            (rows, t.total.map(Cell::text))
        })
        .collect()
}

/// Sections of two-column lines (a blank line between), as the CSV and
/// the XLSX lay them out; the first section is the heading.
fn sections(lines: Vec<(String, String)>) -> Vec<Seen> {
    let mut out = Vec::new();
    let mut current: Vec<(String, String)> = Vec::new();
    for line in lines.into_iter().chain([(String::new(), String::new())]) {
        if line.0.is_empty() {
            if current.len() > 1 {
                let mut rows: Vec<_> = current.drain(1..).collect();
                let total = (rows.last().map(|r| r.0.as_str()) == Some("Total"))
                    .then(|| rows.pop().expect("total").1);
                out.push((rows, total));
            }
            current.clear();
        } else {
            current.push(line);
        }
    }
    out.remove(0);
    out
}

#[test]
fn one_rare_survivor_cannot_be_picked_out_of_any_output() {
    let (tmp, _dir, v) = one_rare_survivor();
    let stats = v.statistics(&request(Lang::En)).expect("test value");
    let csv = String::from_utf8(
        stats
            .render(StatsFormat::Csv, chrono::Utc::now())
            .expect("test value"),
    )
    .expect("test value");
    let xlsx = stats
        .render(StatsFormat::Xlsx, chrono::Utc::now())
        .expect("test value");
    let pdf = stats
        .render(StatsFormat::Pdf, chrono::Utc::now())
        .expect("test value");

    let csv_lines = csv
        .lines()
        .map(|l| {
            let (a, b) = l.rsplit_once(',').unwrap_or((l, ""));
            (a.trim_matches('"').to_owned(), b.to_owned())
        })
        .collect();
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(xlsx)).expect("test value");
    let range = book.worksheet_range("Statistics").expect("test value");
    let xlsx_lines = range
        .rows()
        .map(|r| {
            let text = |c: Option<&Data>| match c {
                Some(Data::Float(f)) => format!("{f}"),
                Some(Data::Int(i)) => i.to_string(),
                Some(Data::String(s)) => s.clone(),
                _ => String::new(),
            };
            (text(r.first()), text(r.get(1)))
        })
        .collect();
    let pdf_path = tmp.path().join("s.pdf");
    std::fs::write(&pdf_path, &pdf).expect("test value");
    let text = std::process::Command::new("pdftotext")
        .args(["-layout", pdf_path.to_str().expect("test value"), "-"])
        .output()
        .expect("pdftotext (poppler-utils)");
    let pdf_text = String::from_utf8_lossy(&text.stdout).to_string();

    for (name, tables) in [
        ("preview", from_preview(&stats)),
        ("csv", sections(csv_lines)),
        ("xlsx", sections(xlsx_lines)),
    ] {
        assert_eq!(tables.len(), stats.tables.len(), "{name}");
        for label in RARE {
            attack(&tables, label, name);
        }
    }
    // The PDF shows the very cells of the preview; its text holds no
    // small count beside the rare labels, and no code.
    for label in RARE {
        let line = pdf_text.lines().find(|l| l.contains(label)).expect(label);
        let after = &line[line.find(label).expect("test value") + label.len()..];
        let value = after.split_whitespace().next().unwrap_or_default();
        assert!(value == "<5" || value == "x", "pdf: {label} shows {value}");
    }
    for out in [&csv, &pdf_text] {
        assert!(!out.contains("RARE-1") && !out.contains("RO-1"));
    }
}

#[test]
fn counts_are_suppressed_and_labelled_in_romanian() {
    let (_tmp, _dir, v) = one_rare_survivor();
    let stats = v.statistics(&request(Lang::Ro)).expect("test value");
    let gender = &stats.tables[0];
    assert_eq!(gender.id, "cases_by_gender");
    assert_eq!(gender.title, "Cazuri după gen");
    let cell = |label: &str| {
        gender
            .rows
            .iter()
            .find(|r| r.label == label)
            .expect("test value")
            .cell
    };
    assert_eq!(cell("Masculin"), Cell::Fewer);
    assert_eq!(cell("Feminin"), Cell::Hidden);
    assert_eq!(cell("Non-binar"), Cell::Count(0));
    assert_eq!(gender.total, Some(Cell::Count(12)));
    let csv = stats.to_csv();
    assert!(csv.contains("Cazuri după cetățenie"));
    assert!(
        !csv.lines().any(|l| l.ends_with(",1") || l.ends_with(",11")),
        "{csv}"
    );
}

#[test]
fn a_case_counts_when_open_during_the_period() {
    let (_tmp, _dir, mut v) = new_vault();
    for i in 0..6 {
        add_case(&mut v, &format!("A-{i}"), |c| {
            c.profile.gender = Some(Gender::Female)
        });
    }
    // Closed before the period: never counted.
    for i in 0..5 {
        add_case(&mut v, &format!("C-{i}"), |c| {
            c.status = CaseStatus::Closed;
            c.profile.closed_on = Some("2020-01-31".into());
        });
    }
    let total = |r: &StatsRequest| v.statistics(r).expect("test value").tables[0].total;
    assert_eq!(total(&request(Lang::En)), Some(Cell::Count(6)));
    let today = fieldnotes_core::dates::today_local();
    let before = StatsRequest {
        from: "2019-01".into(),
        to: format!("{}-{:02}", today.year() - 1, today.month()),
        ..request(Lang::En)
    };
    // Cases start when made (now): none was open a year ago.
    assert_eq!(total(&before), Some(Cell::Count(0)));
    let closed = StatsRequest {
        status: Some(CaseStatus::Closed),
        ..request(Lang::En)
    };
    assert_eq!(total(&closed), Some(Cell::Count(0)));
}

#[test]
fn needs_referrals_and_the_median_are_counted() {
    let (_tmp, _dir, mut v) = new_vault();
    let mut needs = Vec::new();
    for i in 0..6 {
        let case = add_case(&mut v, &format!("N-{i}"), |_| {});
        let agreed = v
            .add(consent(case, ConsentScope::Referral))
            .expect("test value");
        let id = v
            .add(need(case, ReferralStatus::Referred, Some(agreed.record_id)))
            .expect("test value")
            .record_id;
        needs.push(id);
    }
    for id in &needs {
        let Some(Body::Need(mut n)) = v.current(*id).expect("test value").body else {
            unreachable!()
        };
        n.status = ReferralStatus::Met;
        v.update(*id, Body::Need(n)).expect("test value");
    }
    let stats = v.statistics(&request(Lang::En)).expect("test value");
    let figures = stats
        .tables
        .iter()
        .find(|t| t.id == "referrals_and_follow_ups")
        .expect("test value");
    let cells: HashMap<&str, Cell> = figures
        .rows
        .iter()
        .map(|r| (r.key.as_str(), r.cell))
        .collect();
    assert_eq!(cells["referrals_made"], Cell::Count(6));
    assert_eq!(cells["referrals_met"], Cell::Count(6));
    assert_eq!(cells["follow_ups_overdue"], Cell::Count(0));
    let by_status = stats
        .tables
        .iter()
        .find(|t| t.id == "needs_by_referral_status")
        .expect("test value");
    assert_eq!(by_status.total, Some(Cell::Count(6)));
    assert_eq!(stats.median_days_to_need_met.text(), "0");
}

#[test]
fn bad_periods_and_formats_are_refused() {
    let (_tmp, dir, v) = new_vault();
    let bad = StatsRequest {
        from: "2025-13".into(),
        ..request(Lang::En)
    };
    assert!(matches!(
        v.statistics(&bad),
        Err(fieldnotes_core::Error::InvalidDate { .. })
    ));
    let backwards = StatsRequest {
        from: "2025-06".into(),
        to: "2025-05-31".into(),
        ..request(Lang::En)
    };
    assert!(v.statistics(&backwards).is_err());
    let err = StatsFormat::from_path(&dir.join("s.docx")).expect_err("fails");
    assert!(matches!(err, fieldnotes_core::Error::UnknownValue { .. }));
}

#[test]
fn making_a_file_is_audited_with_the_period_and_format_only() {
    let (tmp, _dir, v) = one_rare_survivor();
    let out = tmp.path().join("s.csv");
    v.write_statistics(&request(Lang::En), StatsFormat::Csv, &out)
        .expect("test value");
    let log = v.audit_log().expect("test value");
    let entry = log
        .iter()
        .rev()
        .find(|e| e.event == "statistics_made")
        .expect("audited");
    assert!(entry.subject.ends_with(" csv"), "{}", entry.subject);
    assert!(!entry.subject.contains("RARE"));
}
