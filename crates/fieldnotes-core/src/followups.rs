//! Follow-ups: adding, editing, completing and reopening one, assigning it
//! to a person on the roster, listing them, and the open ones due this week.
//!
//! Invariants:
//! - `assigned_to` holds the device id of a roster device (the roster is
//!   who the people are: a device per worker, named on its card), so it
//!   stays right when a device is renamed. Text that is no roster device's
//!   id (free text written by an older version of the app, or a device
//!   this laptop does not know yet) is kept and shown as it is; an edit
//!   that leaves the assignee alone never fails because of it. Only a device
//!   on the roster and not revoked can be newly assigned, and only through
//!   the functions here (a generic [`Vault::add`] or [`Vault::update`] stores
//!   what it is given, as before).
//! - An edit keeps the fields of a newer app (via [`Vault::modify`]).
//! - "Due this week" ([`Vault::due_this_week`]): the follow-ups not done,
//!   of live cases, whose due date reads and is on or before the Sunday that
//!   ends the week (Monday to Sunday) of `today`, the person's local day;
//!   overdue ones included and marked. A due date that does not read is
//!   never guessed (the dashboard lists it among unreadable dates). A
//!   record in conflict counts once, by its newest head with content.
//! - Lists read only the heads of follow-up records, with SQL, never every
//!   record of the vault, so they stay cheap at 10,000 cases.

use std::collections::HashMap;

use chrono::{Datelike, Days, NaiveDate};
use rusqlite::params;
use serde::Serialize;
use uuid::Uuid;

use crate::dates::day_of;
use crate::error::{Error, Result};
use crate::model::{Body, FollowUpBody, Version};
use crate::vault::Vault;

/// A change to a follow-up: each field `None` is left as it is; for `due`
/// and `assignee`, `Some(None)` clears it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FollowUpEdit {
    pub title: Option<String>,
    /// A date in any form [`crate::dates::parse_date`] reads.
    pub due: Option<Option<String>>,
    /// A roster device (see [`Vault::assignees`]).
    pub assignee: Option<Option<Uuid>>,
}

/// A person a follow-up can be assigned to: a device of the roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Assignee {
    pub device_id: Uuid,
    /// The name on its card (the first 8 characters of its id if unnamed).
    pub name: String,
    pub this_device: bool,
    /// Not revoked: it can be newly assigned. A revoked device stays in the
    /// list so the follow-ups assigned to it still show its name.
    pub assignable: bool,
}

/// One follow-up, as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FollowUpRow {
    pub record_id: Uuid,
    pub case_id: Uuid,
    pub case_code: String,
    pub title: String,
    /// `YYYY-MM-DD` when it reads, otherwise the stored text.
    pub due: Option<String>,
    pub done: bool,
    /// The stored value: a device id, or older free text.
    pub assigned_to: Option<String>,
    /// Who that is: the device's name, or the stored text itself.
    pub assignee: Option<String>,
    /// Concurrent edits await resolution; the newest is shown.
    pub conflict: bool,
}

/// A follow-up due this week (or before): see the module's invariants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DueFollowUp {
    pub record_id: Uuid,
    pub case_id: Uuid,
    pub case_code: String,
    pub title: String,
    /// `YYYY-MM-DD`.
    pub due: String,
    /// Due before `today`.
    pub overdue: bool,
    pub assigned_to: Option<String>,
    pub assignee: Option<String>,
}

/// The Sunday that ends the week (Monday to Sunday) of `today`.
pub fn week_end(today: NaiveDate) -> NaiveDate {
    let left = 6 - u64::from(today.weekday().num_days_from_monday());
    today.checked_add_days(Days::new(left)).unwrap_or(today)
}

/// Who `assigned_to` names: a known device's name, else the text itself.
pub fn assignee_name(assigned_to: &str, roster: &[Assignee]) -> String {
    Uuid::parse_str(assigned_to.trim())
        .ok()
        .and_then(|id| roster.iter().find(|a| a.device_id == id))
        .map_or_else(|| assigned_to.to_owned(), |a| a.name.clone())
}

fn not_a_follow_up(id: Uuid, body: &Body) -> Error {
    Error::WrongKind {
        expected: "follow-up",
        found: body.kind().as_str(),
        id: id.to_string(),
    }
}

/// Applies `edit` to `f`; the assignee was checked by the caller.
fn apply(f: &mut FollowUpBody, edit: FollowUpEdit) {
    if let Some(title) = edit.title {
        f.title = title.trim().to_owned();
    }
    if let Some(due) = edit.due {
        f.due = due.map(|d| d.trim().to_owned()).filter(|d| !d.is_empty());
    }
    if let Some(assignee) = edit.assignee {
        f.assigned_to = assignee.map(|id| id.to_string());
    }
}

impl Vault {
    /// The roster as people to assign follow-ups to, this device first.
    pub fn assignees(&self) -> Result<Vec<Assignee>> {
        let names = self.device_names()?;
        Ok(self
            .devices()?
            .into_iter()
            .map(|d| Assignee {
                name: names.get(&d.device_id).cloned().unwrap_or(d.name),
                device_id: d.device_id,
                this_device: d.this_device,
                assignable: d.this_device || (d.trusted && d.revoked_at.is_none()),
            })
            .collect())
    }

    /// The roster device `given` names: its id, or its name (ignoring case)
    /// when exactly one assignable device has it.
    pub fn find_assignee(&self, given: &str) -> Result<Uuid> {
        let roster = self.assignees()?;
        let wanted = given.trim();
        let by_id = Uuid::parse_str(wanted).ok();
        let found: Vec<&Assignee> = roster
            .iter()
            .filter(|a| a.assignable)
            .filter(|a| {
                Some(a.device_id) == by_id || a.name.to_lowercase() == wanted.to_lowercase()
            })
            .collect();
        match found.as_slice() {
            [one] => Ok(one.device_id),
            _ => Err(Error::UnknownAssignee {
                given: wanted.to_owned(),
            }),
        }
    }

    /// Refuses an assignee that is not an assignable roster device.
    fn check_assignee(&self, assignee: Option<Uuid>) -> Result<()> {
        let Some(id) = assignee else { return Ok(()) };
        let ok = self
            .assignees()?
            .iter()
            .any(|a| a.device_id == id && a.assignable);
        if ok {
            Ok(())
        } else {
            Err(Error::UnknownAssignee {
                given: id.to_string(),
            })
        }
    }

    /// Adds a follow-up to a case, assigned to a roster device or no one.
    pub fn add_follow_up(
        &mut self,
        case: Uuid,
        title: &str,
        due: Option<&str>,
        assignee: Option<Uuid>,
    ) -> Result<Version> {
        self.check_assignee(assignee)?;
        let mut body = FollowUpBody {
            unknown: Default::default(),
            case,
            title: String::new(),
            due: None,
            assigned_to: None,
            done: false,
        };
        apply(
            &mut body,
            FollowUpEdit {
                title: Some(title.to_owned()),
                due: Some(due.map(str::to_owned)),
                assignee: Some(assignee),
            },
        );
        self.add(Body::FollowUp(body))
    }

    /// Changes a follow-up's title, due date or assignee.
    pub fn edit_follow_up(&mut self, id: Uuid, edit: FollowUpEdit) -> Result<Version> {
        self.check_assignee(edit.assignee.flatten())?;
        self.modify(id, |b| match b {
            Body::FollowUp(f) => {
                apply(f, edit);
                Ok(())
            }
            other => Err(not_a_follow_up(id, other)),
        })
    }

    /// Marks a follow-up done, or (with `done` false) open again.
    pub fn set_follow_up_done(&mut self, id: Uuid, done: bool) -> Result<Version> {
        self.modify(id, |b| match b {
            Body::FollowUp(f) => {
                f.done = done;
                Ok(())
            }
            other => Err(not_a_follow_up(id, other)),
        })
    }

    /// The follow-ups of live cases (of one case, if given), by case code,
    /// then open before done, then due date (undated last), then title.
    pub fn follow_ups(&self, case: Option<Uuid>) -> Result<Vec<FollowUpRow>> {
        let roster = self.assignees()?;
        let mut rows: Vec<FollowUpRow> = self
            .follow_up_heads(case)?
            .into_iter()
            .map(|h| h.row(&roster))
            .collect();
        rows.sort_by(|a, b| {
            let due = |r: &FollowUpRow| (r.due.is_none(), r.due.clone());
            (&a.case_code, a.done, due(a), &a.title).cmp(&(&b.case_code, b.done, due(b), &b.title))
        });
        Ok(rows)
    }

    /// The open follow-ups due on or before the end of `today`'s week,
    /// overdue ones included; by due date, then case code, then title.
    pub fn due_this_week(&self, today: NaiveDate) -> Result<Vec<DueFollowUp>> {
        let end = week_end(today);
        let roster = self.assignees()?;
        let mut due: Vec<DueFollowUp> = self
            .follow_up_heads(None)?
            .into_iter()
            .filter(|h| !h.body.done)
            .filter_map(|h| {
                let day = h.body.due.as_deref().and_then(day_of)?;
                let row = h.row(&roster);
                (day <= end).then(|| DueFollowUp {
                    record_id: row.record_id,
                    case_id: row.case_id,
                    case_code: row.case_code,
                    title: row.title,
                    due: day.to_string(),
                    overdue: day < today,
                    assigned_to: row.assigned_to,
                    assignee: row.assignee,
                })
            })
            .collect();
        due.sort_by(|a, b| (&a.due, &a.case_code, &a.title).cmp(&(&b.due, &b.case_code, &b.title)));
        Ok(due)
    }

    /// The shown head of each follow-up of a live case: only follow-up
    /// rows are read (by the case index when a case is given).
    fn follow_up_heads(&self, case: Option<Uuid>) -> Result<Vec<Head>> {
        let mut stmt = self.conn.prepare_cached(&heads_sql(case.is_some()))?;
        let rows = stmt.query_map(params![case.map(|c| c.to_string())], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, i64>(4)?,
            ))
        })?;
        // Rows of one record are adjacent, oldest head first: the last wins.
        let mut heads: HashMap<Uuid, Head> = HashMap::new();
        let mut order = Vec::new();
        for row in rows {
            let (id, case_id, body, code, count) = row?;
            let bad = |_| Error::CorruptDatabase;
            let record_id = Uuid::parse_str(&id).map_err(bad)?;
            let case_id = Uuid::parse_str(&case_id).map_err(bad)?;
            let Ok(Body::FollowUp(body)) = serde_json::from_str::<Body>(&body) else {
                return Err(Error::CorruptDatabase);
            };
            let head = Head {
                record_id,
                case_id,
                case_code: code,
                body,
                conflict: count > 1,
            };
            if heads.insert(record_id, head).is_none() {
                order.push(record_id);
            }
        }
        Ok(order
            .into_iter()
            .filter_map(|id| heads.remove(&id))
            .collect())
    }
}

/// The heads with content of follow-ups of live cases (of the case `?1`
/// with `one_case`), each with its case's code and its number of heads;
/// the heads of one record together, oldest first. Found by the
/// `records_kind` index: no other record is read.
fn heads_sql(one_case: bool) -> String {
    let case = if one_case {
        "r.case_id = ?1"
    } else {
        "?1 IS NULL"
    };
    format!(
        "SELECT r.record_id, r.case_id, v.body, c.code,
                (SELECT count(*) FROM heads h2 WHERE h2.record_id = r.record_id)
         FROM records r
         JOIN heads h ON h.record_id = r.record_id
         JOIN versions v ON v.version_id = h.version_id
         JOIN (SELECT record_id, min(code) AS code FROM case_codes GROUP BY record_id) c
           ON c.record_id = r.case_id
         WHERE r.kind = 'follow_up' AND v.deleted = 0 AND v.erased = 0 AND {case}
         ORDER BY r.record_id, v.hlc, v.author"
    )
}

/// A follow-up's shown head, as read by [`Vault::follow_up_heads`].
struct Head {
    record_id: Uuid,
    case_id: Uuid,
    case_code: String,
    body: FollowUpBody,
    conflict: bool,
}

impl Head {
    fn row(self, roster: &[Assignee]) -> FollowUpRow {
        let due = self
            .body
            .due
            .filter(|d| !d.trim().is_empty())
            .map(|d| day_of(&d).map_or(d, |day| day.to_string()));
        let assigned_to = self.body.assigned_to.filter(|a| !a.trim().is_empty());
        FollowUpRow {
            record_id: self.record_id,
            case_id: self.case_id,
            case_code: self.case_code,
            title: self.body.title,
            due,
            done: self.body.done,
            assignee: assigned_to.as_deref().map(|a| assignee_name(a, roster)),
            assigned_to,
            conflict: self.conflict,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn only_follow_up_records_are_read() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        crate::apply_schema(&mut conn).unwrap();
        for one_case in [false, true] {
            let sql = format!("EXPLAIN QUERY PLAN {}", heads_sql(one_case));
            let mut stmt = conn.prepare(&sql).unwrap();
            let plan: Vec<String> = stmt
                .query_map([None::<String>], |r| r.get::<_, String>(3))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            let plan = plan.join("\n");
            assert!(plan.contains("USING COVERING INDEX records_kind"), "{plan}");
            assert!(!plan.contains("SCAN r"), "{plan}");
            assert!(!plan.contains("SCAN v"), "{plan}");
        }
    }

    #[test]
    fn the_week_ends_on_sunday() {
        // 2026-11-30 is a Monday.
        assert_eq!(week_end(day("2026-11-30")), day("2026-12-06"));
        assert_eq!(week_end(day("2026-12-03")), day("2026-12-06"));
        assert_eq!(week_end(day("2026-12-06")), day("2026-12-06"));
        assert_eq!(week_end(day("2026-12-07")), day("2026-12-13"));
    }

    #[test]
    fn an_assignee_is_named_by_the_roster_or_shown_as_written() {
        let id = Uuid::now_v7();
        let roster = [Assignee {
            device_id: id,
            name: "Ana (Iasi)".into(),
            this_device: false,
            assignable: false,
        }];
        assert_eq!(assignee_name(&id.to_string(), &roster), "Ana (Iasi)");
        assert_eq!(assignee_name("Maria", &roster), "Maria");
        let stranger = Uuid::now_v7().to_string();
        assert_eq!(assignee_name(&stranger, &roster), stranger);
    }

    #[test]
    fn an_edit_changes_only_what_it_names() {
        let mut f = FollowUpBody {
            unknown: Default::default(),
            case: Uuid::now_v7(),
            title: "Call GP".into(),
            due: Some("2026-12-01".into()),
            assigned_to: Some("Maria".into()),
            done: false,
        };
        apply(
            &mut f,
            FollowUpEdit {
                title: Some("  Call the GP ".into()),
                ..Default::default()
            },
        );
        assert_eq!(f.title, "Call the GP");
        assert_eq!(f.due.as_deref(), Some("2026-12-01"));
        assert_eq!(f.assigned_to.as_deref(), Some("Maria"));
        apply(
            &mut f,
            FollowUpEdit {
                due: Some(None),
                assignee: Some(None),
                ..Default::default()
            },
        );
        assert_eq!((f.due, f.assigned_to), (None, None));
    }
}
