//! The audit log as people read it: who did it (this laptop, or the
//! device a merged erasure or revocation came from) and the subject by case
//! code and record kind ("RO-12 · need"), or by device name, never a UUID.
//!
//! Invariants: a label never carries record content or identity; it is
//! built from case codes (pseudonymous), record kinds and device names. An
//! erased record is only "erased record". Names are looked up in a few batch
//! queries for the whole log, never by reading records entry by entry.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::vault::Vault;
use crate::vocab::Kind;

/// One audit entry, newest first in [`AuditView::entries`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditRow {
    pub seq: u64,
    pub at: String,
    pub event: String,
    /// The subject as stored (ids), for scripts.
    pub subject: String,
    /// The subject for people, in English: "RO-1 · note", "erased record",
    /// "device Ana's laptop", other ids shortened to 8 characters.
    pub subject_label: String,
    /// The subject is a record: its kind (the app names it in its language).
    pub subject_kind: Option<Kind>,
    /// The code of the case the record subject belongs to (itself for a
    /// case); `None` for a deleted or erased case.
    pub subject_case_code: Option<String>,
    /// The subject record was erased: nothing about it is shown.
    pub subject_erased: bool,
    /// Done here, by this laptop.
    pub by_this_device: bool,
    /// Who did it, when another device did (a merged erasure or
    /// revocation): its roster name.
    pub by_name: Option<String>,
}

/// The log and the result of checking its chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditView {
    /// Newest first.
    pub entries: Vec<AuditRow>,
    pub intact: bool,
    /// The first entry that fails the chain, when it is broken.
    pub broken_at: Option<u64>,
    /// The chain's head hash, when it is intact.
    pub head: Option<String>,
}

/// What ids in subjects stand for, loaded once for the whole log.
struct Names {
    records: HashMap<Uuid, (Kind, Option<Uuid>)>,
    codes: HashMap<Uuid, String>,
    erased: HashSet<Uuid>,
    devices: HashMap<Uuid, String>,
    this_device: Uuid,
}

/// The record a subject of the form "<kind> <id>" names, also with a
/// detail after it ("<kind> <id>: …", as a case summary's entry has).
fn record_subject(subject: &str) -> Option<(Kind, Uuid)> {
    let head = subject.split_once(": ").map_or(subject, |(head, _)| head);
    let mut words = head.split_whitespace();
    match (words.next(), words.next(), words.next()) {
        (Some(kind), Some(id), None) => Some((kind.parse().ok()?, Uuid::parse_str(id).ok()?)),
        _ => None,
    }
}

/// Every UUID in `text` as (start, end, id): subjects are short.
fn uuids(text: &str) -> Vec<(usize, usize, Uuid)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i + 36 <= text.len() {
        match text.get(i..i + 36).map(Uuid::try_parse) {
            Some(Ok(id)) => {
                out.push((i, i + 36, id));
                i += 36;
            }
            _ => i += 1,
        }
    }
    out
}

impl Names {
    fn row(&self, e: crate::audit::Entry) -> AuditRow {
        let record = record_subject(&e.subject);
        // A record of an erased case (an erasure entry, say) is shown no
        // more than the case.
        let erased = record.is_some_and(|(kind, id)| {
            self.erased.contains(&id)
                || self
                    .case_of(kind, id)
                    .is_some_and(|c| self.erased.contains(&c))
        });
        let code = record
            .filter(|_| !erased)
            .and_then(|(kind, id)| self.case_code(kind, id));
        let by = self.actor(&e.subject);
        AuditRow {
            subject_label: match record {
                Some(_) if erased => "erased record".to_owned(),
                Some((kind, _)) => {
                    let detail = e.subject.split_once(": ").map(|(_, d)| d);
                    let code = code.as_deref().unwrap_or("deleted case");
                    match detail {
                        Some(d) => format!("{code} · {kind}: {d}"),
                        None => format!("{code} · {kind}"),
                    }
                }
                None => self.free_text(&e.subject),
            },
            subject_kind: record.map(|(k, _)| k),
            subject_case_code: code,
            subject_erased: erased,
            by_this_device: by.is_none(),
            by_name: by.map(|id| self.device(id)),
            seq: e.seq,
            at: e.at,
            event: e.event,
            subject: e.subject,
        }
    }

    fn case_of(&self, kind: Kind, id: Uuid) -> Option<Uuid> {
        match kind {
            Kind::Case => Some(id),
            _ => self.records.get(&id)?.1,
        }
    }

    fn case_code(&self, kind: Kind, id: Uuid) -> Option<String> {
        self.codes.get(&self.case_of(kind, id)?).cloned()
    }

    /// Another device named as the doer ("… by <id>"), if any.
    fn actor(&self, subject: &str) -> Option<Uuid> {
        let at = subject.find(" by ")? + 4;
        let id = Uuid::try_parse(subject.get(at..at + 36)?).ok()?;
        (id != self.this_device).then_some(id)
    }

    fn device(&self, id: Uuid) -> String {
        self.devices
            .get(&id)
            .cloned()
            .unwrap_or_else(|| id.to_string()[..8].to_owned())
    }

    /// Any other subject, its ids named: a device by its name, a record
    /// by its case code and kind, anything else by its first 8 characters.
    fn free_text(&self, subject: &str) -> String {
        let mut out = String::with_capacity(subject.len());
        let mut last = 0;
        for (start, end, id) in uuids(subject) {
            out.push_str(&subject[last..start]);
            let name = if self.devices.contains_key(&id) || id == self.this_device {
                format!("device {}", self.device(id))
            } else if let Some((kind, _)) = self.records.get(&id) {
                match self.case_code(*kind, id) {
                    Some(code) if !self.erased.contains(&id) => format!("{code} · {kind}"),
                    _ => "erased record".to_owned(),
                }
            } else {
                id.to_string()[..8].to_owned()
            };
            out.push_str(&name);
            last = end;
        }
        out.push_str(&subject[last..]);
        out
    }
}

impl Vault {
    /// The audit log, newest first, with subjects named and the chain checked.
    pub fn audit_view(&self) -> Result<AuditView> {
        let names = Names {
            records: self.record_index()?,
            codes: self.stored_case_codes()?,
            erased: self.erased_ids()?,
            devices: self.device_names()?,
            this_device: self.device_id(),
        };
        let entries = self
            .audit_log()?
            .into_iter()
            .rev()
            .map(|e| names.row(e))
            .collect();
        let (intact, broken_at, head) = match self.verify_audit() {
            Ok(report) => (true, None, Some(report.head)),
            Err(Error::AuditBroken { seq }) => (false, Some(seq), None),
            Err(e) => return Err(e),
        };
        Ok(AuditView {
            entries,
            intact,
            broken_at,
            head,
        })
    }

    /// The code of every case that has one, from the codes table (one
    /// query, no record read).
    fn stored_case_codes(&self) -> Result<HashMap<Uuid, String>> {
        let mut stmt = self
            .conn
            .prepare("SELECT record_id, min(code) FROM case_codes GROUP BY record_id")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = HashMap::new();
        for row in rows {
            let (id, code) = row?;
            out.insert(
                Uuid::parse_str(&id).map_err(|_| Error::CorruptDatabase)?,
                code,
            );
        }
        Ok(out)
    }

    /// Every record erased here.
    fn erased_ids(&self) -> Result<HashSet<Uuid>> {
        let mut stmt = self.conn.prepare("SELECT record_id FROM erased_records")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        let mut out = HashSet::new();
        for row in rows {
            out.insert(Uuid::parse_str(&row?).map_err(|_| Error::CorruptDatabase)?);
        }
        Ok(out)
    }

    /// Every record ever stored (deleted ones too): its kind and case.
    fn record_index(&self) -> Result<HashMap<Uuid, (Kind, Option<Uuid>)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT record_id, kind, case_id FROM records")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })?;
        let mut out = HashMap::new();
        for row in rows {
            let (id, kind, case) = row?;
            let (Ok(id), Ok(kind)) = (Uuid::parse_str(&id), kind.parse::<Kind>()) else {
                return Err(Error::CorruptDatabase);
            };
            out.insert(id, (kind, case.and_then(|c| Uuid::parse_str(&c).ok())));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> (Names, Uuid, Uuid) {
        let (me, other) = (Uuid::now_v7(), Uuid::now_v7());
        let names = Names {
            records: HashMap::new(),
            codes: HashMap::new(),
            erased: HashSet::new(),
            devices: [
                (me, "This one".to_owned()),
                (other, "Ana's laptop".to_owned()),
            ]
            .into(),
            this_device: me,
        };
        (names, me, other)
    }

    #[test]
    fn merged_events_name_the_device_that_did_them() {
        let (names, me, other) = names();
        let lost = Uuid::now_v7();
        assert_eq!(names.actor(&format!("{lost} by {other}")), Some(other));
        assert_eq!(names.actor(&format!("{lost} by {me}")), None);
        assert_eq!(names.actor("bundle 12 (3 versions)"), None);
        let bundle = Uuid::now_v7();
        let label = names.free_text(&format!("bundle {bundle} from {other}: 3 new versions"));
        let short = &bundle.to_string()[..8];
        assert_eq!(
            label,
            format!("bundle {short} from device Ana's laptop: 3 new versions")
        );
        assert!(uuids(&label).is_empty());
    }
}
