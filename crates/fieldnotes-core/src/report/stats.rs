//! Anonymised statistics over the cases of a period, for funders and
//! national bodies: who the survivors are (gender, age band, child flag,
//! nationality, exploitation, identification, referral source), their needs
//! and referrals, how long a need takes to be met, and follow-ups overdue.
//!
//! Invariants:
//! - Everything is computed here, from the facts table, the cases' shown
//!   heads and the needs' versions; the CLI and the app only choose the
//!   period, the filter and the format.
//! - A case counts when it was open during the period: it started on or
//!   before the period's last day (its first version or its first contact,
//!   whichever is earlier) and did not end before the period's first day
//!   (it ends on its closing date; a closed case without one, on the day of
//!   its newest version). Deleted cases and their records never count.
//! - The period is whole months: a date given is taken as its month. No
//!   output holds a case code, a name, a record id, a worker or a date
//!   finer than a month; every count goes through `stats_table`, which
//!   suppresses small ones, and the median is withheld under 5 values.

use std::collections::HashMap;

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::stats_table::Table;
use crate::case_model::{ExploitationType, Lang};
use crate::error::{Error, Result};
use crate::model::{Body, CaseBody};
use crate::vault::Vault;
use crate::vocab::{CaseStatus, NeedCategory, ReferralStatus};

/// What to count: a period of whole months and a filter on cases.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatsRequest {
    /// The first month: `YYYY-MM` (a date `YYYY-MM-DD` is taken as its month).
    pub from: String,
    /// The last month, included: as `from`.
    pub to: String,
    /// Only cases in this status now.
    #[serde(default)]
    pub status: Option<CaseStatus>,
    /// Only cases assigned to this worker (compared without case or
    /// surrounding spaces); never written into the output.
    #[serde(default)]
    pub worker: Option<String>,
    /// Only cases of this exploitation type (among others).
    #[serde(default)]
    pub exploitation: Option<ExploitationType>,
    /// The labels' language.
    pub lang: Lang,
}

/// The median of a set of day counts; withheld under 5 values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "days", rename_all = "snake_case")]
pub enum Median {
    /// Whole days (a half rounded up).
    Days(u64),
    /// Fewer than 5 values (none included): shown "<5".
    Fewer,
}

impl Median {
    /// How the median is written in every output.
    pub fn text(self) -> String {
        match self {
            Median::Days(d) => d.to_string(),
            Median::Fewer => "<5".to_owned(),
        }
    }
}

/// The anonymised statistics of a period: nothing in it names or dates a
/// case (see the module's invariants).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Statistics {
    /// `YYYY-MM`.
    pub from_month: String,
    /// `YYYY-MM`, included.
    pub to_month: String,
    pub lang: Lang,
    /// The filter, in words, without the worker's name.
    pub filters: Vec<String>,
    /// Every table, in a fixed order (see docs/FORMATS.md).
    pub tables: Vec<Table>,
    /// Days from a case's first contact to one of its needs met, over the
    /// needs met in the period.
    pub median_days_to_need_met: Median,
}

/// The whole months counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Period {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

const MONTH_FORMS: &str = "YYYY-MM or YYYY-MM-DD";

fn month_of(what: &'static str, text: &str) -> Result<NaiveDate> {
    let t = text.trim();
    let bad = || Error::InvalidDate {
        what,
        given: t.to_owned(),
        accepted: MONTH_FORMS,
    };
    let day = if t.len() == 7 {
        NaiveDate::parse_from_str(&format!("{t}-01"), "%Y-%m-%d").map_err(|_| bad())?
    } else {
        crate::dates::parse_date(what, t).map_err(|_| bad())?
    };
    day.with_day(1).ok_or_else(bad)
}

impl Period {
    /// The months of `request`; the last must not come before the first.
    pub(super) fn of(request: &StatsRequest) -> Result<Period> {
        let first = month_of("period start", &request.from)?;
        let last_month = month_of("period end", &request.to)?;
        if last_month < first {
            return Err(Error::InvalidDate {
                what: "period end",
                given: request.to.trim().to_owned(),
                accepted: "a month not before the period start",
            });
        }
        let last = last_month
            .checked_add_months(Months::new(1))
            .and_then(|d| d.pred_opt())
            .ok_or(Error::InvalidDate {
                what: "period end",
                given: request.to.trim().to_owned(),
                accepted: MONTH_FORMS,
            })?;
        Ok(Period { first, last })
    }

    pub(super) fn contains(self, day: NaiveDate) -> bool {
        self.first <= day && day <= self.last
    }
}

/// A case as the statistics read it.
pub(super) struct CaseFacts {
    pub body: CaseBody,
    /// The first contact: the earliest of its first version and its notes.
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
}

/// A need as the statistics read it.
pub(super) struct NeedFacts {
    pub case: Uuid,
    pub category: NeedCategory,
    pub status: ReferralStatus,
    /// The day of its first version in status `referred`.
    pub referred: Option<NaiveDate>,
    /// The day of its first version in status `met`.
    pub met: Option<NaiveDate>,
}

/// Everything counted, read once.
pub(super) struct Source {
    pub cases: HashMap<Uuid, CaseFacts>,
    pub needs: Vec<NeedFacts>,
    /// The due day of each follow-up not done, by case.
    pub open_followups: Vec<(Uuid, NaiveDate)>,
}

/// The UTC day of a stored HLC (`<ms>.<counter>`).
fn hlc_day(text: &str) -> Option<NaiveDate> {
    let hlc: crate::hlc::Hlc = text.parse().ok()?;
    let ms = i64::try_from(hlc.wall_ms).ok()?;
    Some(chrono::DateTime::from_timestamp_millis(ms)?.date_naive())
}

fn uuid(s: &str) -> Result<Uuid> {
    Uuid::parse_str(s).map_err(|_| Error::CorruptDatabase)
}

impl Vault {
    /// The anonymised statistics `request` asks for, audited (the period
    /// only). `today` decides which follow-ups are overdue.
    pub fn statistics(&self, request: &StatsRequest) -> Result<Statistics> {
        let period = Period::of(request)?;
        let source = self.stats_source()?;
        let today = crate::dates::today_local();
        Ok(super::stats_count::statistics(
            request, period, &source, today,
        ))
    }

    /// Records that statistics were made: the period and the format only.
    pub fn audit_statistics(&self, stats: &Statistics, format: &str) -> Result<()> {
        let subject = format!("{}..{} {format}", stats.from_month, stats.to_month);
        self.audit(crate::audit::Event::StatisticsMade, &subject)
    }

    fn day_map(&self, sql: &str) -> Result<HashMap<Uuid, NaiveDate>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let mut rows = stmt.query([])?;
        let mut out = HashMap::new();
        while let Some(r) = rows.next()? {
            let text: Option<String> = r.get(1)?;
            if let Some(day) = text.as_deref().and_then(|t| hlc_day(t).or(t.parse().ok())) {
                out.insert(uuid(&r.get::<_, String>(0)?)?, day);
            }
        }
        Ok(out)
    }

    fn stats_source(&self) -> Result<Source> {
        let created = self.day_map(
            "SELECT record_id, MIN(hlc) FROM versions WHERE kind = 'case' GROUP BY record_id",
        )?;
        let contacts = self.day_map(
            "SELECT case_id, MIN(contact) FROM facts
             WHERE kind = 'note' AND live = 1 AND contact IS NOT NULL GROUP BY case_id",
        )?;
        let mut cases = HashMap::new();
        for state in self.cases()? {
            let Some(Body::Case(body)) = crate::views::shown(&state) else {
                continue;
            };
            let Some(first) = created.get(&state.record_id) else {
                continue;
            };
            let start = contacts
                .get(&state.record_id)
                .map_or(*first, |c| (*c).min(*first));
            let closed = body
                .profile
                .closed_on
                .as_deref()
                .and_then(crate::dates::day_of);
            let newest = state.heads.last().and_then(|h| hlc_day(&h.hlc.to_string()));
            let end = closed.or(newest.filter(|_| body.status == CaseStatus::Closed));
            let body = body.clone();
            cases.insert(state.record_id, CaseFacts { body, start, end });
        }
        Ok(Source {
            needs: self.stats_needs(&cases)?,
            open_followups: self.stats_followups(&cases)?,
            cases,
        })
    }

    fn stats_needs(&self, cases: &HashMap<Uuid, CaseFacts>) -> Result<Vec<NeedFacts>> {
        let mut history: HashMap<Uuid, (Option<NaiveDate>, Option<NaiveDate>)> = HashMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT record_id,
                    MIN(CASE WHEN json_extract(body, '$.status') = 'referred' THEN hlc END),
                    MIN(CASE WHEN json_extract(body, '$.status') = 'met' THEN hlc END)
             FROM versions WHERE kind = 'need' AND deleted = 0 AND erased = 0
             GROUP BY record_id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let day = |i: usize| -> rusqlite::Result<Option<NaiveDate>> {
                Ok(r.get::<_, Option<String>>(i)?.as_deref().and_then(hlc_day))
            };
            history.insert(uuid(&r.get::<_, String>(0)?)?, (day(1)?, day(2)?));
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT record_id, case_id, category, status FROM facts
             WHERE kind = 'need' AND live = 1",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let case = uuid(&r.get::<_, String>(1)?)?;
            if !cases.contains_key(&case) {
                continue;
            }
            let bad = |_| Error::CorruptDatabase;
            let (referred, met) = history
                .get(&uuid(&r.get::<_, String>(0)?)?)
                .copied()
                .unwrap_or_default();
            out.push(NeedFacts {
                case,
                category: r.get::<_, String>(2)?.parse().map_err(bad)?,
                status: r.get::<_, String>(3)?.parse().map_err(bad)?,
                referred,
                met,
            });
        }
        Ok(out)
    }

    fn stats_followups(&self, cases: &HashMap<Uuid, CaseFacts>) -> Result<Vec<(Uuid, NaiveDate)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT case_id, due FROM facts
             WHERE kind = 'follow_up' AND live = 1 AND open = 1 AND due IS NOT NULL",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let case = uuid(&r.get::<_, String>(0)?)?;
            let due: String = r.get(1)?;
            if let (true, Some(day)) = (cases.contains_key(&case), crate::dates::day_of(&due)) {
                out.push((case, day));
            }
        }
        Ok(out)
    }
}
