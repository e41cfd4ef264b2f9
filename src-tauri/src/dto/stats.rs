//! Payloads of the anonymised statistics: the request from the Reports
//! screen, and the suppressed tables it previews. Every value crosses as
//! the text every output shows ("12", "<5", "x"): a raw count never does.

use fieldnotes_core::report::{Statistics, StatsFormat, StatsRequest};
use fieldnotes_core::{CaseStatus, ExploitationType, Lang};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The period (`YYYY-MM`), filter and language of the statistics.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct StatsRequestInput {
    pub from: String,
    pub to: String,
    #[ts(type = "CaseStatus | null")]
    pub status: Option<CaseStatus>,
    pub worker: Option<String>,
    #[ts(type = "string | null")]
    pub exploitation: Option<ExploitationType>,
    #[ts(type = "'en' | 'ro'")]
    pub lang: Lang,
}

impl From<StatsRequestInput> for StatsRequest {
    fn from(i: StatsRequestInput) -> Self {
        StatsRequest {
            from: i.from,
            to: i.to,
            status: i.status,
            worker: i.worker.filter(|w| !w.trim().is_empty()),
            exploitation: i.exploitation,
            lang: i.lang,
        }
    }
}

/// A statistics file's format.
#[derive(Debug, Clone, Copy, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum StatsFormatInput {
    Csv,
    Xlsx,
    Pdf,
}

impl From<StatsFormatInput> for StatsFormat {
    fn from(f: StatsFormatInput) -> Self {
        match f {
            StatsFormatInput::Csv => StatsFormat::Csv,
            StatsFormatInput::Xlsx => StatsFormat::Xlsx,
            StatsFormatInput::Pdf => StatsFormat::Pdf,
        }
    }
}

/// One row of a table: its label and shown value.
#[derive(Debug, Clone, Serialize, TS)]
pub struct StatsRowView {
    pub key: String,
    pub label: String,
    pub value: String,
}

/// One suppressed table.
#[derive(Debug, Clone, Serialize, TS)]
pub struct StatsTableView {
    pub id: String,
    pub title: String,
    pub rows: Vec<StatsRowView>,
    pub total: Option<String>,
}

/// The statistics as previewed.
#[derive(Debug, Clone, Serialize, TS)]
pub struct StatsView {
    pub from_month: String,
    pub to_month: String,
    pub filters: Vec<String>,
    pub tables: Vec<StatsTableView>,
    pub median_days: String,
}

impl From<Statistics> for StatsView {
    fn from(s: Statistics) -> Self {
        StatsView {
            from_month: s.from_month,
            to_month: s.to_month,
            filters: s.filters,
            median_days: s.median_days_to_need_met.text(),
            tables: s
                .tables
                .into_iter()
                .map(|t| StatsTableView {
                    id: t.id.to_owned(),
                    title: t.title,
                    total: t.total.map(|c| c.text()),
                    rows: t
                        .rows
                        .into_iter()
                        .map(|r| StatsRowView {
                            key: r.key,
                            label: r.label,
                            value: r.cell.text(),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}
