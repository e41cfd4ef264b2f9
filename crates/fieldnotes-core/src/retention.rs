//! The vault's retention period and the cases past it.
//!
//! Invariants: the period is a number of whole months kept in the vault
//! (`meta` key `retention_months`), none by default; setting it is audited.
//! A case's period runs from its closure: the time of the version that set
//! its status to closed (the first version of the latest unbroken run of
//! closed versions in its history). Nothing here erases or changes a
//! record: cases past their period are only listed, for a person to act on.

use chrono::{DateTime, Months, NaiveDate};
use serde::Serialize;
use uuid::Uuid;

use crate::audit::Event;
use crate::error::{Error, Result};
use crate::model::Body;
use crate::store;
use crate::vault::Vault;
use crate::vocab::CaseStatus;

/// The longest retention period accepted, in months (50 years).
pub const MAX_MONTHS: u32 = 600;

const KEY: &str = "retention_months";

/// A closed case kept longer than the retention period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PastRetention {
    pub case_id: Uuid,
    pub case_code: String,
    /// `YYYY-MM-DD` (UTC): when the case was closed.
    pub closed_on: String,
    /// `YYYY-MM-DD`: when its retention period ended.
    pub due_on: String,
    pub days_past: i64,
}

impl Vault {
    /// The retention period in months; `None`: records are kept until
    /// someone decides otherwise.
    pub fn retention_months(&self) -> Result<Option<u32>> {
        Ok(store::meta_get(&self.conn, KEY)?.and_then(|v| v.parse().ok()))
    }

    /// Sets (or, with `None`, removes) the retention period. Audited.
    pub fn set_retention_months(&mut self, months: Option<u32>) -> Result<()> {
        if let Some(m) = months.filter(|m| !(1..=MAX_MONTHS).contains(m)) {
            return Err(Error::UnknownValue {
                what: "retention period",
                given: m.to_string(),
                allowed: format!("1 to {MAX_MONTHS} months, or none"),
            });
        }
        let tx = self.conn.transaction()?;
        let subject = match months {
            Some(m) => {
                store::meta_set(&tx, KEY, &m.to_string())?;
                format!("retention {m} months")
            }
            None => {
                tx.execute("DELETE FROM meta WHERE key = ?1", [KEY])?;
                "retention none".to_owned()
            }
        };
        let at = crate::vault::now_rfc3339();
        crate::audit::append(&tx, &self.audit_key, &at, Event::RetentionSet, &subject)?;
        tx.commit()?;
        Ok(())
    }

    /// Closed cases whose retention period ended before `today`, longest
    /// past first; none without a period.
    pub fn past_retention(&self, today: NaiveDate) -> Result<Vec<PastRetention>> {
        let Some(months) = self.retention_months()? else {
            return Ok(Vec::new());
        };
        // Closed cases come from the facts table (the status of each live
        // case's shown head): reading every case's heads cost 1.3 s of the
        // overview with 10,000 cases.
        let closed: Vec<(String, String)> = self
            .conn
            .prepare_cached(
                "SELECT record_id, code FROM facts INDEXED BY facts_case_rows
                 WHERE kind = 'case' AND live = 1 AND status = ?1",
            )?
            .query_map([CaseStatus::Closed.as_str()], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut past = Vec::new();
        for (id, code) in closed {
            let case_id = Uuid::parse_str(&id).map_err(|_| Error::CorruptDatabase)?;
            let Some(closed) = self.closed_on(case_id)? else {
                continue;
            };
            let Some(due) = closed.checked_add_months(Months::new(months)) else {
                continue;
            };
            if due < today {
                past.push(PastRetention {
                    case_id,
                    case_code: code,
                    closed_on: closed.to_string(),
                    due_on: due.to_string(),
                    days_past: (today - due).num_days(),
                });
            }
        }
        past.sort_by(|a, b| (&a.due_on, &a.case_code).cmp(&(&b.due_on, &b.case_code)));
        Ok(past)
    }

    /// The UTC day of the version that closed case `case_id` (the first of
    /// the latest run of closed versions), if it is closed.
    pub fn closed_on(&self, case_id: Uuid) -> Result<Option<NaiveDate>> {
        let mut closed_at = None;
        for v in self.history(case_id)? {
            match &v.body {
                Some(Body::Case(c)) if c.status == CaseStatus::Closed => {
                    closed_at = closed_at.or(Some(v.hlc));
                }
                Some(Body::Case(_)) => closed_at = None,
                _ => {}
            }
        }
        Ok(closed_at.and_then(|hlc| {
            let ms = i64::try_from(hlc.wall_ms).ok()?;
            Some(DateTime::from_timestamp_millis(ms)?.date_naive())
        }))
    }
}
