//! The statistics as files: CSV, XLSX (rust_xlsxwriter) and a one-page
//! PDF of bar charts (typst, `stats.typ`), in the statistics' language.
//!
//! Invariants: the writers see only [`Statistics`], whose tables are
//! already suppressed; a bar is drawn for a shown count only, its length
//! against the largest shown count of its table, so a bar never reveals a
//! hidden value. The PDF's data reaches typst as JSON, never as markup.
//! Every file made from the vault is audited (period and format only).

use std::path::Path;

use chrono::{DateTime, Utc};
use rust_xlsxwriter::{Format, Workbook};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::stats::{Period, Statistics, StatsRequest};
use super::stats_count::word;
use super::stats_table::{Cell, Table};
use super::typeset::{render, Job};
use crate::error::{Error, Result};
use crate::vault::Vault;

const TEMPLATE: &str = include_str!("stats.typ");

/// The file formats of the statistics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StatsFormat {
    Csv,
    Xlsx,
    Pdf,
}

impl StatsFormat {
    pub const ALL: &'static [StatsFormat] =
        &[StatsFormat::Csv, StatsFormat::Xlsx, StatsFormat::Pdf];

    pub fn extension(self) -> &'static str {
        match self {
            StatsFormat::Csv => "csv",
            StatsFormat::Xlsx => "xlsx",
            StatsFormat::Pdf => "pdf",
        }
    }

    /// The name suggested for the file of `request`'s period.
    pub fn file_name(self, request: &StatsRequest) -> String {
        let months = Period::of(request)
            .map(|p| format!("-{}-{}", p.first.format("%Y-%m"), p.last.format("%Y-%m")));
        format!(
            "statistics{}.{}",
            months.unwrap_or_default(),
            self.extension()
        )
    }

    /// The format a file name asks for, by its extension.
    pub fn from_path(path: &Path) -> Result<StatsFormat> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default()
            .to_ascii_lowercase();
        StatsFormat::ALL
            .iter()
            .copied()
            .find(|f| f.extension() == ext)
            .ok_or_else(|| Error::UnknownValue {
                what: "statistics file type",
                given: if ext.is_empty() { "(none)".into() } else { ext },
                allowed: "csv, xlsx, pdf".into(),
            })
    }
}

/// A CSV field, quoted when it must be.
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// The second column of a line.
enum Entry {
    Blank,
    Text(String),
    /// A table's heading: "Count".
    Head,
    Cell(Cell),
}

/// The lines of the statistics as two-column sections: the heading
/// section (title, period, filters, median, legend), then one per table
/// (its title and "Count", its rows, its total); a blank line between.
fn lines(stats: &Statistics) -> Vec<Vec<(String, Entry)>> {
    let lang = stats.lang;
    let period = format!("{} – {}", stats.from_month, stats.to_month);
    let mut out = vec![vec![
        (word(lang, "title").to_owned(), Entry::Blank),
        (word(lang, "period").to_owned(), Entry::Text(period)),
        (
            word(lang, "filters").to_owned(),
            Entry::Text(filter_text(stats)),
        ),
        (
            word(lang, "median").to_owned(),
            Entry::Text(stats.median_days_to_need_met.text()),
        ),
        (word(lang, "legend").to_owned(), Entry::Blank),
    ]];
    for t in &stats.tables {
        let mut section = vec![(t.title.clone(), Entry::Head)];
        section.extend(
            t.rows
                .iter()
                .map(|r| (r.label.clone(), Entry::Cell(r.cell))),
        );
        if let Some(total) = t.total {
            section.push((word(lang, "total").to_owned(), Entry::Cell(total)));
        }
        out.push(section);
    }
    out
}

fn filter_text(stats: &Statistics) -> String {
    if stats.filters.is_empty() {
        word(stats.lang, "none").to_owned()
    } else {
        stats.filters.join("; ")
    }
}

impl Statistics {
    /// UTF-8 CSV (see docs/FORMATS.md, "Statistics").
    pub fn to_csv(&self) -> String {
        let mut out = String::new();
        for (i, section) in lines(self).iter().enumerate() {
            if i > 0 {
                out.push_str("\r\n");
            }
            for (label, entry) in section {
                let value = match entry {
                    Entry::Blank => String::new(),
                    Entry::Text(t) => t.clone(),
                    Entry::Head => word(self.lang, "count").to_owned(),
                    Entry::Cell(c) => c.text(),
                };
                out.push_str(&format!("{},{}\r\n", field(label), field(&value)));
            }
        }
        out
    }

    /// An XLSX workbook with one sheet laid out as the CSV; shown counts
    /// are numbers, "<5" and "x" text.
    pub fn to_xlsx(&self) -> Result<Vec<u8>> {
        let bad = |_| Error::ReportLayout;
        let mut book = Workbook::new();
        let bold = Format::new().set_bold();
        let sheet = book.add_worksheet();
        sheet.set_name(word(self.lang, "sheet")).map_err(bad)?;
        sheet.set_column_width(0, 60).map_err(bad)?;
        let mut r: u32 = 0;
        for section in lines(self) {
            for (label, entry) in section {
                let head = matches!(entry, Entry::Head) || r == 0;
                if head {
                    sheet
                        .write_string_with_format(r, 0, &label, &bold)
                        .map_err(bad)?;
                } else {
                    sheet.write_string(r, 0, &label).map_err(bad)?;
                }
                match entry {
                    Entry::Blank => Ok(()),
                    Entry::Text(t) => sheet.write_string(r, 1, t).map(|_| ()),
                    Entry::Head => sheet
                        .write_string_with_format(r, 1, word(self.lang, "count"), &bold)
                        .map(|_| ()),
                    Entry::Cell(Cell::Count(n)) => sheet.write_number(r, 1, n as f64).map(|_| ()),
                    Entry::Cell(c) => sheet.write_string(r, 1, c.text()).map(|_| ()),
                }
                .map_err(bad)?;
                r += 1;
            }
            r += 1;
        }
        book.save_to_buffer().map_err(bad)
    }

    /// A one-page PDF of bar charts, made at `made`.
    pub fn to_pdf(&self, made: DateTime<Utc>) -> Result<Vec<u8>> {
        let lang = self.lang;
        let data = json!({
            "lang": match lang { crate::Lang::En => "en", crate::Lang::Ro => "ro" },
            "title": word(lang, "title"),
            "period": format!("{}: {} – {}", word(lang, "period"), self.from_month, self.to_month),
            "filters": format!("{}: {}", word(lang, "filters"), filter_text(self)),
            "legend": word(lang, "legend"),
            "total": word(lang, "total"),
            "median": format!("{}: {}", word(lang, "median"), self.median_days_to_need_met.text()),
            "tables": self.tables.iter().map(chart).collect::<Vec<_>>(),
        });
        render(Job {
            template: TEMPLATE,
            files: vec![("/data.json", data.to_string().into_bytes())],
            title: word(lang, "title").to_owned(),
            made,
        })
    }

    /// The file in `format`.
    pub fn render(&self, format: StatsFormat, made: DateTime<Utc>) -> Result<Vec<u8>> {
        match format {
            StatsFormat::Csv => Ok(self.to_csv().into_bytes()),
            StatsFormat::Xlsx => self.to_xlsx(),
            StatsFormat::Pdf => self.to_pdf(made),
        }
    }
}

/// A table as the PDF draws it: bars as fractions of the largest shown count.
fn chart(t: &Table) -> serde_json::Value {
    let count = |c: Cell| match c {
        Cell::Count(n) => n,
        _ => 0,
    };
    let max = t
        .rows
        .iter()
        .map(|r| count(r.cell))
        .max()
        .unwrap_or(0)
        .max(1);
    json!({
        "title": t.title,
        "rows": t.rows.iter().map(|r| json!({
            "label": r.label,
            "text": r.cell.text(),
            "frac": count(r.cell) as f64 / max as f64,
        })).collect::<Vec<_>>(),
        "total": t.total.map(Cell::text),
    })
}

impl Vault {
    /// Makes the statistics `request` asks for and writes them to `path`
    /// in `format`; audited (period and format only).
    pub fn write_statistics(
        &self,
        request: &StatsRequest,
        format: StatsFormat,
        path: &Path,
    ) -> Result<()> {
        let stats = self.statistics(request)?;
        let bytes = stats.render(format, crate::dates::now_utc())?;
        std::fs::write(path, bytes).map_err(|e| Error::io("write", path, e))?;
        self.audit_statistics(&stats, format.extension())
    }
}
