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

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use uuid::Uuid;

use crate::dates::day_of;
use crate::error::{Error, Result};
use crate::hlc::Hlc;
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

/// The time of the newest audit entry of one event (schema 13 indexes it).
pub(crate) const LAST_EVENT: &str =
    "SELECT at FROM audit WHERE event = ?1 ORDER BY seq DESC LIMIT 1";

/// Live cases: code and status by id.
type Cases = HashMap<Uuid, (String, CaseStatus)>;

fn uuid(s: &str) -> Result<Uuid> {
    Uuid::parse_str(s).map_err(|_| Error::CorruptDatabase)
}

fn day(s: &str) -> Result<NaiveDate> {
    s.parse().map_err(|_| Error::CorruptDatabase)
}

/// What the overview gathers from the facts of needs, follow-ups and notes
/// ([`crate::facts`]): never a record's body.
struct Tally<'a> {
    today: NaiveDate,
    cases: &'a Cases,
    by_category: HashMap<NeedCategory, (u64, u64)>,
    by_status: HashMap<ReferralStatus, u64>,
    overdue: Vec<Overdue>,
    unreadable: Vec<UnreadableDate>,
}

impl<'a> Tally<'a> {
    fn new(today: NaiveDate, cases: &'a Cases) -> Self {
        Tally {
            today,
            cases,
            by_category: HashMap::new(),
            by_status: HashMap::new(),
            overdue: Vec::new(),
            unreadable: Vec::new(),
        }
    }

    /// The code of a live case; `None`: the record counts nowhere.
    fn case_code(&self, case_id: Uuid) -> Option<String> {
        self.cases.get(&case_id).map(|(code, _)| code.clone())
    }

    fn needs(&mut self, conn: &Connection) -> Result<()> {
        let mut stmt = conn.prepare_cached(crate::facts::LIVE_NEEDS)?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let case_id = uuid(&r.get::<_, String>(1)?)?;
            if !self.cases.contains_key(&case_id) {
                continue;
            }
            let bad = |_| Error::CorruptDatabase;
            let category: NeedCategory = r.get::<_, String>(2)?.parse().map_err(bad)?;
            let status: ReferralStatus = r.get::<_, String>(3)?.parse().map_err(bad)?;
            let entry = self.by_category.entry(category).or_default();
            entry.1 += 1;
            entry.0 += u64::from(status.is_open());
            *self.by_status.entry(status).or_default() += 1;
            if status.is_open() {
                let due: Option<String> = r.get(4)?;
                let id = uuid(&r.get::<_, String>(0)?)?;
                self.due(id, Kind::Need, case_id, category.as_str(), due.as_deref());
            }
        }
        Ok(())
    }

    fn followups(&mut self, conn: &Connection) -> Result<()> {
        let mut stmt = conn.prepare_cached(
            "SELECT record_id, case_id, title, due FROM facts
             WHERE kind = 'follow_up' AND live = 1 AND open = 1 AND due IS NOT NULL",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id = uuid(&r.get::<_, String>(0)?)?;
            let case_id = uuid(&r.get::<_, String>(1)?)?;
            let title: String = r.get(2)?;
            let due: String = r.get(3)?;
            self.due(id, Kind::FollowUp, case_id, &title, Some(&due));
        }
        Ok(())
    }

    /// Final notes whose own date does not read.
    fn note_dates(&mut self, conn: &Connection) -> Result<()> {
        let mut stmt = conn.prepare_cached(
            "SELECT record_id, case_id, when_text FROM facts
             WHERE when_text IS NOT NULL AND live = 1",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let case_id = uuid(&r.get::<_, String>(1)?)?;
            let Some(case_code) = self.case_code(case_id) else {
                continue;
            };
            self.unreadable.push(UnreadableDate {
                record_id: uuid(&r.get::<_, String>(0)?)?,
                kind: Kind::Note,
                case_id,
                case_code,
                field: "when",
                value: r.get(2)?,
            });
        }
        Ok(())
    }

    /// Lists a record whose due date has passed, or does not read.
    fn due(&mut self, record_id: Uuid, kind: Kind, case_id: Uuid, title: &str, due: Option<&str>) {
        let Some(text) = due.filter(|d| !d.trim().is_empty()) else {
            return;
        };
        let Some(case_code) = self.case_code(case_id) else {
            return;
        };
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
}

/// Live cases, and the day of each one's latest contact.
fn live_cases(conn: &Connection) -> Result<(Cases, HashMap<Uuid, NaiveDate>)> {
    let mut stmt = conn.prepare_cached(crate::facts::LIVE_CASES)?;
    let mut rows = stmt.query([])?;
    let (mut cases, mut contacts) = (Cases::new(), HashMap::new());
    while let Some(r) = rows.next()? {
        let id = uuid(&r.get::<_, String>(0)?)?;
        let status: CaseStatus = r
            .get::<_, String>(2)?
            .parse()
            .map_err(|_| Error::CorruptDatabase)?;
        if let Some(contact) = r.get::<_, Option<String>>(3)? {
            contacts.insert(id, day(&contact)?);
        }
        cases.insert(id, (r.get(1)?, status));
    }
    Ok((cases, contacts))
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
        let (cases, last_contact) = live_cases(&self.conn)?;
        let mut tally = Tally::new(today, &cases);
        tally.needs(&self.conn)?;
        tally.followups(&self.conn)?;
        tally.note_dates(&self.conn)?;
        let Tally {
            by_category,
            by_status,
            mut overdue,
            mut unreadable,
            ..
        } = tally;
        let conflicts: u64 = self.conn.query_row(
            "SELECT COUNT(*) FROM facts WHERE conflict = 1 AND live = 1",
            [],
            |r| r.get(0),
        )?;
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
            .query_row(LAST_EVENT, [event], |r| r.get(0))
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
