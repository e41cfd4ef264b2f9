//! `report stats` through the real binary: the CSV's sections and
//! suppressed cells, the XLSX read back, the PDF's text, Romanian labels,
//! and the refusals (a file type, a month).

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use fieldnotes_test_support::*;

fn this_month() -> String {
    fieldnotes_core::dates::today_local()
        .format("%Y-%m")
        .to_string()
}

/// Six Romanian women and one Eritrean man, all open this month.
fn fixture() -> Fixture {
    let f = Fixture::with_vault();
    for i in 0..6 {
        let code = format!("RO-{i}");
        f.ok(&[
            "case",
            "add",
            "--code",
            &code,
            "--gender",
            "female",
            "--nationality",
            "RO",
        ]);
    }
    f.ok(&[
        "case",
        "add",
        "--code",
        "ER-1",
        "--gender",
        "male",
        "--nationality",
        "ER",
    ]);
    f
}

/// `report stats --from FROM --to TO --out PATH`.
fn stats_args(from: &str, to: &str, path: &std::path::Path) -> Vec<String> {
    let path = path.to_str().expect("test value");
    ["report", "stats", "--from", from, "--to", to, "--out", path]
        .map(String::from)
        .to_vec()
}

fn stats(f: &Fixture, out: &str, extra: &[&str]) -> String {
    let m = this_month();
    let mut args = stats_args(&m, &m, &f.path(out));
    args.extend(extra.iter().map(|a| a.to_string()));
    f.ok(&args.iter().map(String::as_str).collect::<Vec<_>>())
}

#[test]
fn csv_has_one_section_per_table_with_small_counts_hidden() {
    let f = fixture();
    let said = stats(&f, "s.csv", &[]);
    assert!(said.contains("Wrote anonymised statistics (CSV)"), "{said}");
    let csv = std::fs::read_to_string(f.path("s.csv")).expect("test value");
    assert!(csv.starts_with("Anonymised statistics,\r\n"), "{csv}");
    let sections: Vec<&str> = csv.split("\r\n\r\n").collect();
    assert_eq!(sections.len(), 11, "heading and ten tables");
    let gender = sections
        .iter()
        .find(|s| s.starts_with("Cases by gender,Count"))
        .expect("test value");
    // 6 + 1 = 7: the 1 is "<5"; the 6 is hidden too, or 7 - 6 would give it.
    assert!(gender.contains("Male,<5"), "{gender}");
    assert!(!gender.contains("Female,6"), "{gender}");
    assert!(
        gender.contains("Non-binary,0") && gender.ends_with("Total,7"),
        "{gender}"
    );
    for code in ["RO-0", "ER-1"] {
        assert!(!csv.contains(code));
    }
    let audit = f.ok(&["audit"]);
    assert!(audit.contains("statistics_made"), "{audit}");
}

#[test]
fn xlsx_reads_back_with_the_same_cells_in_romanian() {
    let f = fixture();
    stats(&f, "s.xlsx", &["--lang", "ro"]);
    let bytes = std::fs::read(f.path("s.xlsx")).expect("test value");
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("test value");
    let sheet = book.worksheet_range("Statistici").expect("test value");
    let rows: Vec<(String, String)> = sheet
        .rows()
        .map(|r| {
            let text = |c: Option<&Data>| match c {
                Some(Data::Float(x)) => x.to_string(),
                Some(Data::String(s)) => s.clone(),
                _ => String::new(),
            };
            (text(r.first()), text(r.get(1)))
        })
        .collect();
    let at = rows
        .iter()
        .position(|r| r.0 == "Cazuri după gen")
        .expect("test value");
    assert_eq!(rows[at].1, "Număr");
    assert!(rows[at..].iter().any(|r| r.0 == "Masculin" && r.1 == "<5"));
    assert!(rows[at..].iter().any(|r| r.0 == "Total" && r.1 == "7"));
}

#[test]
fn pdf_is_one_page_with_the_tables() {
    let f = fixture();
    stats(&f, "s.pdf", &[]);
    let text = std::process::Command::new("pdftotext")
        .args([
            "-layout",
            f.path("s.pdf").to_str().expect("test value"),
            "-",
        ])
        .output()
        .expect("pdftotext (poppler-utils)");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Anonymised statistics") && text.contains("Cases by nationality"));
    assert!(text.contains("<5") && !text.contains("ER-1"));
    assert_eq!(text.matches('\u{c}').count(), 1, "one page");
}

#[test]
fn filters_narrow_the_cases_and_never_name_the_worker() {
    let f = fixture();
    stats(&f, "s.csv", &["--status", "closed", "--worker", "Ana Pop"]);
    let csv = std::fs::read_to_string(f.path("s.csv")).expect("test value");
    assert!(
        csv.contains("Filters,Status: Closed; One worker's cases"),
        "{csv}"
    );
    assert!(csv.contains("Total,0") && !csv.contains("Ana"));
}

#[test]
fn an_unknown_file_type_or_a_bad_month_is_refused() {
    let f = fixture();
    let m = this_month();
    let fail = |from: &str, out: &std::path::Path| {
        let args = stats_args(from, &m, out);
        f.fail(&args.iter().map(String::as_str).collect::<Vec<_>>(), 1)
    };
    let err = fail(&m, &f.path("s.docx"));
    assert!(
        err.contains("docx") && err.contains("csv, xlsx, pdf"),
        "{err}"
    );
    let out = f.path("s.csv");
    let err = fail("2025-13", &out);
    assert!(
        err.contains("period start") && err.contains("YYYY-MM"),
        "{err}"
    );
    assert!(!out.exists());
}
