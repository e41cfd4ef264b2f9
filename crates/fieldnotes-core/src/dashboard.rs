//! The landing view after unlock: open needs by category and referral
//! status, overdue follow-ups and needs, cases without a recent contact,
//! recent activity, conflicts, and when this laptop last exported and
//! backed up.
//!
//! Invariants: only live records of live cases count (deleted ones, and
//! everything of a deleted case, never); a record in
//! conflict counts once, by its newest head with content; dates entered by
//! people (`due`, a note's `when`) count by their `YYYY-MM-DD` prefix, and
//! one that does not parse is left out rather than guessed. Nothing here
//! writes to the vault or the audit log.

use std::collections::HashMap;

use rusqlite::OptionalExtension;
use serde::Serialize;
use time::Date;
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::hlc::Hlc;
use crate::model::Body;
use crate::records::RecordState;
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
    pub recent: Vec<Activity>,
    pub conflicts: u64,
    pub last_export: Option<String>,
    pub last_backup: Option<String>,
}

/// The `YYYY-MM-DD` start of a date or timestamp entered by a person.
pub fn date_prefix(text: &str) -> Option<Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(text.get(..10)?, &format).ok()
}

/// The newest head that still has content.
fn shown(state: &RecordState) -> Option<&Body> {
    state.heads.iter().rev().find_map(|v| v.body.as_ref())
}

impl Vault {
    /// The dashboard as of `today`; a case counts as quiet when its last
    /// contact is more than `quiet_days` before `today`.
    pub fn dashboard(&self, today: Date, quiet_days: i64) -> Result<Dashboard> {
        let states = self.records()?;
        let mut by_category: HashMap<NeedCategory, (u64, u64)> = HashMap::new();
        let mut by_status: HashMap<ReferralStatus, u64> = HashMap::new();
        // Cases first: the records of a deleted case count nowhere.
        let cases: HashMap<Uuid, (String, CaseStatus)> = states
            .iter()
            .filter_map(|st| match shown(st) {
                Some(Body::Case(c)) => Some((st.record_id, (c.code.clone(), c.status))),
                _ => None,
            })
            .collect();
        let mut last_contact: HashMap<Uuid, Date> = HashMap::new();
        let mut overdue = Vec::new();
        let mut conflicts = 0;
        let mut late = |record_id, kind, case_id, title: String, due: Option<&String>| {
            if let Some(due) = due.and_then(|d| date_prefix(d)).filter(|d| *d < today) {
                overdue.push(Overdue {
                    record_id,
                    kind,
                    case_id,
                    case_code: String::new(),
                    title,
                    due: due.to_string(),
                    days_late: (today - due).whole_days(),
                });
            }
        };
        for state in &states {
            conflicts += u64::from(state.conflict);
            let Some(body) = shown(state) else { continue };
            if body.case().is_some_and(|c| !cases.contains_key(&c)) {
                continue;
            }
            match body {
                Body::Need(n) => {
                    let entry = by_category.entry(n.category).or_default();
                    entry.1 += 1;
                    *by_status.entry(n.status).or_default() += 1;
                    if n.status.is_open() {
                        entry.0 += 1;
                        let title = n.category.as_str().to_owned();
                        late(state.record_id, Kind::Need, n.case, title, n.due.as_ref());
                    }
                }
                Body::FollowUp(f) if !f.done => {
                    let title = f.title.clone();
                    late(
                        state.record_id,
                        Kind::FollowUp,
                        f.case,
                        title,
                        f.due.as_ref(),
                    );
                }
                Body::Note(n) if !n.draft => {
                    let when = n.when.as_deref().and_then(date_prefix).or_else(|| {
                        let first = state.heads.first()?.hlc.to_rfc3339();
                        date_prefix(&first)
                    });
                    if let Some(when) = when {
                        let latest = last_contact.entry(n.case).or_insert(when);
                        *latest = (*latest).max(when);
                    }
                }
                _ => {}
            }
        }
        overdue.retain_mut(|o| match cases.get(&o.case_id) {
            Some((code, _)) => {
                o.case_code.clone_from(code);
                true
            }
            None => false,
        });
        overdue.sort_by(|a, b| {
            a.due
                .cmp(&b.due)
                .then_with(|| a.case_code.cmp(&b.case_code))
        });

        let mut quiet_cases: Vec<QuietCase> = cases
            .iter()
            .filter(|(_, (_, status))| *status != CaseStatus::Closed)
            .map(|(id, (code, _))| QuietCase {
                case_id: *id,
                case_code: code.clone(),
                last_contact: last_contact.get(id).map(Date::to_string),
            })
            .filter(|q| {
                last_contact
                    .get(&q.case_id)
                    .is_none_or(|d| (today - *d).whole_days() > quiet_days)
            })
            .collect();
        quiet_cases.sort_by(|a, b| {
            a.last_contact
                .cmp(&b.last_contact)
                .then_with(|| a.case_code.cmp(&b.case_code))
        });

        Ok(Dashboard {
            needs_by_category: NeedCategory::ALL
                .iter()
                .map(|c| {
                    let (open, total) = by_category.get(c).copied().unwrap_or_default();
                    CategoryCount {
                        category: *c,
                        open,
                        total,
                    }
                })
                .collect(),
            needs_by_status: ReferralStatus::ALL
                .iter()
                .map(|s| StatusCount {
                    status: *s,
                    count: by_status.get(s).copied().unwrap_or_default(),
                })
                .collect(),
            overdue,
            quiet_cases,
            recent: self.recent_activity(RECENT, &cases)?,
            conflicts,
            last_export: self.last_event("bundle_exported")?,
            last_backup: self.last_event("backup_written")?,
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
    fn recent_activity(
        &self,
        limit: usize,
        cases: &HashMap<Uuid, (String, CaseStatus)>,
    ) -> Result<Vec<Activity>> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_prefix_reads_dates_and_timestamps_and_rejects_the_rest() {
        let d = time::macros::date!(2026 - 11 - 27);
        assert_eq!(date_prefix("2026-11-27"), Some(d));
        assert_eq!(date_prefix("2026-11-27T09:30:00Z"), Some(d));
        assert_eq!(date_prefix("27/11/2026"), None);
        assert_eq!(date_prefix("2026-13-01"), None);
        assert_eq!(date_prefix("soon"), None);
        assert_eq!(date_prefix(""), None);
        assert_eq!(date_prefix("2026-11-2é"), None);
    }
}
