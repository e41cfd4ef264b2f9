//! The landing view after unlock: open needs by category and referral
//! status, overdue follow-ups and needs, cases without a recent contact,
//! dates that do not read, recent activity, conflicts, and when this laptop
//! last exported and backed up, and the closed cases kept past the vault's
//! retention period ([`crate::retention`]).
//!
//! Invariants: only live records of live cases count (deleted ones, and
//! everything of a deleted case, never); a record in conflict counts once,
//! by its newest head with content. Dates entered by people (`due`, a
//! note's `when`) are read with [`crate::dates`], in every form a write
//! accepts; a date the dashboard needs that does not read (free text stored
//! by an older version of the app) is never guessed and never silently
//! dropped: it is listed in [`Dashboard::unreadable_dates`] so someone can
//! correct it. Nothing here writes to the vault or the audit log.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate};
use rusqlite::OptionalExtension;
use serde::Serialize;
use uuid::Uuid;

use crate::dates::day_of;
use crate::error::{Error, Result};
use crate::hlc::Hlc;
use crate::model::{Body, NeedBody, NoteBody};
use crate::records::RecordState;
use crate::retention::PastRetention;
use crate::vault::Vault;
use crate::vocab::{CaseStatus, Kind, NeedCategory, ReferralStatus};

/// How many recent changes the dashboard lists.
pub const RECENT: usize = 12;

/// Needs of one category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CategoryCount {
    pub category: NeedCategory,
    pub open: u64,
    pub total: u64,
}

/// Needs in one referral status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusCount {
    pub status: ReferralStatus,
    pub count: u64,
}

/// A follow-up not done, or an open need, past its due date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Overdue {
    pub record_id: Uuid,
    pub kind: Kind,
    pub case_id: Uuid,
    pub case_code: String,
    /// The follow-up's title, or the need's category name.
    pub title: String,
    /// `YYYY-MM-DD`.
    pub due: String,
    pub days_late: i64,
}

/// A date the dashboard needs that does not read as one: the due date of an
/// open need or a follow-up not done, or the time of a (final) note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnreadableDate {
    pub record_id: Uuid,
    pub kind: Kind,
    pub case_id: Uuid,
    pub case_code: String,
    /// The field: `due` (need, follow-up) or `when` (note).
    pub field: &'static str,
    /// The stored text, as it is.
    pub value: String,
}

/// An open or monitored case nobody has met or called for a while.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuietCase {
    pub case_id: Uuid,
    pub case_code: String,
    /// The date of the latest interview or note; `None`: there is none.
    pub last_contact: Option<String>,
}

/// One recent change as it arrived on this laptop (written or imported).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Activity {
    pub version_id: Uuid,
    pub record_id: Uuid,
    pub kind: Kind,
    pub case_id: Option<Uuid>,
    pub case_code: Option<String>,
    pub at: String,
    pub author: Uuid,
    pub author_name: String,
    pub this_device: bool,
    pub created: bool,
    pub deleted: bool,
}

/// Everything the dashboard shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dashboard {
    /// Every category, in taxonomy order.
    pub needs_by_category: Vec<CategoryCount>,
    /// Every status, in vocabulary order.
    pub needs_by_status: Vec<StatusCount>,
    /// Most overdue first.
    pub overdue: Vec<Overdue>,
    /// Longest without contact first (never contacted before all).
    pub quiet_cases: Vec<QuietCase>,
    /// By case code, then record. A need or follow-up listed here is in no
    /// overdue count; a note listed here counts from when it was written.
    pub unreadable_dates: Vec<UnreadableDate>,
    pub recent: Vec<Activity>,
    pub conflicts: u64,
    pub last_export: Option<String>,
    pub last_backup: Option<String>,
    /// The vault's retention period in months, if it has one.
    pub retention_months: Option<u32>,
    /// Closed cases past that period, longest past first.
    pub past_retention: Vec<PastRetention>,
}

/// Live cases: code and status by id.
type Cases = HashMap<Uuid, (String, CaseStatus)>;

/// The newest head that still has content.
fn shown(state: &RecordState) -> Option<&Body> {
    state.heads.iter().rev().find_map(|v| v.body.as_ref())
}

/// Cases first: the records of a deleted case count nowhere.
fn live_cases(states: &[RecordState]) -> Cases {
    states
        .iter()
        .filter_map(|st| match shown(st) {
            Some(Body::Case(c)) => Some((st.record_id, (c.code.clone(), c.status))),
            _ => None,
        })
        .collect()
}

/// The UTC day of a timestamp.
fn hlc_day(hlc: Hlc) -> Option<NaiveDate> {
    let ms = i64::try_from(hlc.wall_ms).ok()?;
    Some(DateTime::from_timestamp_millis(ms)?.date_naive())
}

/// What one pass over the live records gathers.
struct Tally<'a> {
    today: NaiveDate,
    cases: &'a Cases,
    by_category: HashMap<NeedCategory, (u64, u64)>,
    by_status: HashMap<ReferralStatus, u64>,
    last_contact: HashMap<Uuid, NaiveDate>,
    overdue: Vec<Overdue>,
    unreadable: Vec<UnreadableDate>,
    conflicts: u64,
}

impl<'a> Tally<'a> {
    fn new(today: NaiveDate, cases: &'a Cases) -> Self {
        Tally {
            today,
            cases,
            by_category: HashMap::new(),
            by_status: HashMap::new(),
            last_contact: HashMap::new(),
            overdue: Vec::new(),
            unreadable: Vec::new(),
            conflicts: 0,
        }
    }

    fn add(&mut self, state: &RecordState) {
        self.conflicts += u64::from(state.conflict);
        let Some(body) = shown(state) else { return };
        if body.case().is_some_and(|c| !self.cases.contains_key(&c)) {
            return;
        }
        let id = state.record_id;
        match body {
            Body::Need(n) => self.need(id, n),
            Body::FollowUp(f) if !f.done => {
                self.due(id, Kind::FollowUp, f.case, &f.title, f.due.as_deref());
            }
            Body::Note(n) if !n.draft => self.note(state, n),
            _ => {}
        }
    }

    fn need(&mut self, record_id: Uuid, n: &NeedBody) {
        let entry = self.by_category.entry(n.category).or_default();
        entry.1 += 1;
        entry.0 += u64::from(n.status.is_open());
        *self.by_status.entry(n.status).or_default() += 1;
        if n.status.is_open() {
            let title = n.category.as_str();
            self.due(record_id, Kind::Need, n.case, title, n.due.as_deref());
        }
    }

    fn case_code(&self, case_id: Uuid) -> String {
        self.cases
            .get(&case_id)
            .map(|(code, _)| code.clone())
            .unwrap_or_default()
    }

    /// Lists a record whose due date has passed, or does not read.
    fn due(&mut self, record_id: Uuid, kind: Kind, case_id: Uuid, title: &str, due: Option<&str>) {
        let Some(text) = due.filter(|d| !d.trim().is_empty()) else {
            return;
        };
        let case_code = self.case_code(case_id);
        match day_of(text) {
            Some(day) if day < self.today => self.overdue.push(Overdue {
                record_id,
                kind,
                case_id,
                case_code,
                title: title.to_owned(),
                due: day.to_string(),
                days_late: (self.today - day).num_days(),
            }),
            Some(_) => {}
            None => self.unreadable.push(UnreadableDate {
                record_id,
                kind,
                case_id,
                case_code,
                field: "due",
                value: text.to_owned(),
            }),
        }
    }

    /// A note is a contact on its own date, or (without a readable one) on
    /// the day it was written.
    fn note(&mut self, state: &RecordState, n: &NoteBody) {
        let written = n.when.as_deref().filter(|w| !w.trim().is_empty());
        let when = written.and_then(day_of);
        if let (Some(text), None) = (written, when) {
            self.unreadable.push(UnreadableDate {
                record_id: state.record_id,
                kind: Kind::Note,
                case_id: n.case,
                case_code: self.case_code(n.case),
                field: "when",
                value: text.to_owned(),
            });
        }
        let when = when.or_else(|| hlc_day(state.heads.first()?.hlc));
        if let Some(when) = when {
            let latest = self.last_contact.entry(n.case).or_insert(when);
            *latest = (*latest).max(when);
        }
    }
}

/// Open and monitored cases without contact for more than `quiet_days`.
fn quiet_cases(
    cases: &Cases,
    last_contact: &HashMap<Uuid, NaiveDate>,
    today: NaiveDate,
    quiet_days: i64,
) -> Vec<QuietCase> {
    let mut quiet: Vec<QuietCase> = cases
        .iter()
        .filter(|(_, (_, status))| *status != CaseStatus::Closed)
        .filter(|(id, _)| {
            last_contact
                .get(id)
                .is_none_or(|d| (today - *d).num_days() > quiet_days)
        })
        .map(|(id, (code, _))| QuietCase {
            case_id: *id,
            case_code: code.clone(),
            last_contact: last_contact.get(id).map(NaiveDate::to_string),
        })
        .collect();
    quiet.sort_by(|a, b| {
        a.last_contact
            .cmp(&b.last_contact)
            .then_with(|| a.case_code.cmp(&b.case_code))
    });
    quiet
}

fn category_counts(by_category: &HashMap<NeedCategory, (u64, u64)>) -> Vec<CategoryCount> {
    NeedCategory::ALL
        .iter()
        .map(|c| {
            let (open, total) = by_category.get(c).copied().unwrap_or_default();
            CategoryCount {
                category: *c,
                open,
                total,
            }
        })
        .collect()
}

fn status_counts(by_status: &HashMap<ReferralStatus, u64>) -> Vec<StatusCount> {
    ReferralStatus::ALL
        .iter()
        .map(|s| StatusCount {
            status: *s,
            count: by_status.get(s).copied().unwrap_or_default(),
        })
        .collect()
}

impl Vault {
    /// The dashboard as of `today`; a case counts as quiet when its last
    /// contact is more than `quiet_days` before `today`.
    pub fn dashboard(&self, today: NaiveDate, quiet_days: i64) -> Result<Dashboard> {
        let states = self.records()?;
        let cases = live_cases(&states);
        let mut tally = Tally::new(today, &cases);
        for state in &states {
            tally.add(state);
        }
        let Tally {
            by_category,
            by_status,
            last_contact,
            mut overdue,
            mut unreadable,
            conflicts,
            ..
        } = tally;
        overdue.sort_by(|a, b| {
            a.due
                .cmp(&b.due)
                .then_with(|| a.case_code.cmp(&b.case_code))
        });
        unreadable.sort_by(|a, b| {
            (&a.case_code, a.record_id, a.field).cmp(&(&b.case_code, b.record_id, b.field))
        });
        Ok(Dashboard {
            needs_by_category: category_counts(&by_category),
            needs_by_status: status_counts(&by_status),
            overdue,
            quiet_cases: quiet_cases(&cases, &last_contact, today, quiet_days),
            unreadable_dates: unreadable,
            recent: self.recent_activity(RECENT, &cases)?,
            conflicts,
            last_export: self.last_event("bundle_exported")?,
            last_backup: self.last_event("backup_written")?,
            retention_months: self.retention_months()?,
            past_retention: self.past_retention(today)?,
        })
    }

    /// The time of the newest audit entry of `event`.
    fn last_event(&self, event: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT at FROM audit WHERE event = ?1 ORDER BY seq DESC LIMIT 1",
                [event],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The last `limit` versions to arrive, newest first, with the current
    /// code of their case.
    fn recent_activity(&self, limit: usize, cases: &Cases) -> Result<Vec<Activity>> {
        let me = self.device_id();
        let mut stmt = self.conn.prepare(
            "SELECT v.version_id, v.record_id, v.kind, v.hlc, v.author, v.parents = '[]',
                    v.deleted, r.case_id, d.name
             FROM versions v
             JOIN records r ON r.record_id = v.record_id
             LEFT JOIN devices d ON d.device_id = v.author
             ORDER BY v.rowid DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, bool>(5)?,
                r.get::<_, bool>(6)?,
                r.get::<_, Option<String>>(7)?,
                r.get::<_, Option<String>>(8)?,
            ))
        })?;
        let uuid = |s: &str| Uuid::parse_str(s).map_err(|_| Error::CorruptDatabase);
        let mut out = Vec::new();
        for row in rows {
            let (vid, rid, kind, hlc, author, created, deleted, case_id, name) = row?;
            let kind: Kind = kind.parse().map_err(|_| Error::CorruptDatabase)?;
            let hlc: Hlc = hlc.parse().map_err(|_| Error::CorruptDatabase)?;
            let author = uuid(&author)?;
            let record_id = uuid(&rid)?;
            let case_id = match (kind, case_id) {
                (Kind::Case, _) => Some(record_id),
                (_, Some(c)) => Some(uuid(&c)?),
                _ => None,
            };
            out.push(Activity {
                version_id: uuid(&vid)?,
                record_id,
                kind,
                case_id,
                case_code: case_id
                    .and_then(|c| cases.get(&c))
                    .map(|(code, _)| code.clone()),
                at: hlc.to_rfc3339(),
                author,
                author_name: name.unwrap_or_default(),
                this_device: author == me,
                created,
                deleted,
            });
        }
        Ok(out)
    }
}
