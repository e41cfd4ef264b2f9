//! The audit log as people read it: each entry's subject named by case
//! code and record kind, or by device name, instead of a UUID.
//!
//! Invariant: a label never carries record content or identity; it is
//! built from case codes (pseudonymous), record kinds and device names.

use std::collections::HashMap;

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
    /// The subject for people: "case RO-1", "note of RO-1", a device name.
    pub subject_label: String,
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

/// What ids in subjects stand for.
struct Names {
    records: HashMap<Uuid, (Kind, Option<Uuid>)>,
    codes: HashMap<Uuid, String>,
    devices: HashMap<Uuid, String>,
}

impl Names {
    fn case(&self, id: Uuid) -> String {
        self.codes
            .get(&id)
            .cloned()
            .unwrap_or_else(|| "a deleted case".to_owned())
    }

    fn label(&self, subject: &str) -> String {
        let mut words = subject.split_whitespace();
        let (first, second) = (words.next(), words.next());
        if let (Some(kind), Some(id), None) = (first, second, words.next()) {
            if let (Ok(kind), Ok(id)) = (kind.parse::<Kind>(), Uuid::parse_str(id)) {
                return self.record(kind, id);
            }
        }
        if let Some(id) = first.and_then(|f| Uuid::parse_str(f).ok()) {
            if let Some(name) = self.devices.get(&id) {
                return format!("device {name}");
            }
        }
        subject.to_owned()
    }

    fn record(&self, kind: Kind, id: Uuid) -> String {
        match (kind, self.records.get(&id)) {
            (Kind::Case, _) => format!("case {}", self.case(id)),
            (_, Some((_, Some(case)))) => format!("{kind} of {}", self.case(*case)),
            _ => kind.to_string(),
        }
    }
}

impl Vault {
    /// The audit log, newest first, with subjects named and the chain checked.
    pub fn audit_view(&self) -> Result<AuditView> {
        let names = Names {
            records: self.record_index()?,
            codes: self.case_codes()?,
            devices: self.device_names()?,
        };
        let entries = self
            .audit_log()?
            .into_iter()
            .rev()
            .map(|e| AuditRow {
                subject_label: names.label(&e.subject),
                seq: e.seq,
                at: e.at,
                event: e.event,
                subject: e.subject,
            })
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
