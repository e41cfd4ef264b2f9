//! The consent gate of an export: a case travels to the case lead only
//! while the survivor's consent to share with the lead holds, unless the
//! person exporting overrides the gate with a reason, which is audited.
//!
//! Invariants: a case is left out whole (the case and every record of it:
//! notes, needs, consents, follow-ups, attachments); the cases left out are
//! named by code in the outcome. A case left out of a bundle is remembered
//! per recipient (`export_withheld`) and offered again, in full, with every
//! later bundle to that recipient until it goes, so the export mark may
//! move past it and nothing is lost once consent is given. Which bundle
//! carried which case (ids only) is recorded (`sent_cases`) in the
//! transaction that marks the bundle sent: it is what a withdrawal of
//! consent can later show.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rusqlite::{params, Connection};
use uuid::Uuid;

use crate::audit::{self, Event};
use crate::error::{Error, Result};
use crate::model::{Body, Version};
use crate::records;
use crate::vault::{now_rfc3339, Vault};
use crate::vocab::{ConsentScope, Kind};

/// The versions of an export after the gate.
#[derive(Debug, Default)]
pub(super) struct Gated {
    pub versions: Vec<Version>,
    /// Cases left out for want of consent: code by id.
    pub left_out: BTreeMap<Uuid, String>,
    /// Cases sent without consent under the override: code by id.
    pub overridden: BTreeMap<Uuid, String>,
    /// Every case the bundle carries.
    pub sent: BTreeSet<Uuid>,
}

impl Gated {
    /// The codes of the cases left out, sorted.
    pub fn left_out_codes(&self) -> Vec<String> {
        sorted(self.left_out.values())
    }

    /// The codes of the cases sent without consent, sorted.
    pub fn overridden_codes(&self) -> Vec<String> {
        sorted(self.overridden.values())
    }
}

fn sorted<'a>(codes: impl Iterator<Item = &'a String>) -> Vec<String> {
    let mut codes: Vec<String> = codes.cloned().collect();
    codes.sort();
    codes
}

impl Vault {
    /// The case a version belongs to: a case itself, the case its body
    /// names, or (a tombstone) the case its record was stored under.
    fn case_of(&self, v: &Version) -> Result<Uuid> {
        if v.kind == Kind::Case {
            return Ok(v.record_id);
        }
        if let Some(case) = v.body.as_ref().and_then(Body::case) {
            return Ok(case);
        }
        let case: Option<String> = self
            .conn
            .prepare_cached("SELECT case_id FROM records WHERE record_id = ?1")?
            .query_row([v.record_id.to_string()], |r| r.get(0))?;
        case.and_then(|c| Uuid::parse_str(&c).ok())
            .ok_or(Error::CorruptDatabase)
    }

    /// The code of a case (its newest head with content); its id when no
    /// head has one (deleted, or never received).
    pub(crate) fn case_code_of(&self, case: Uuid) -> Result<String> {
        let heads = match self.heads(case) {
            Ok(h) => h,
            Err(Error::NotFound { .. }) => Vec::new(),
            Err(e) => return Err(e),
        };
        let code = heads.iter().rev().find_map(|v| match &v.body {
            Some(Body::Case(c)) => Some(c.code.clone()),
            _ => None,
        });
        Ok(code.unwrap_or_else(|| case.to_string()))
    }

    /// Every version of the cases an earlier bundle to any of `to` left
    /// out, except those every recipient wrote itself.
    pub(super) fn withheld_versions(&self, to: &[Uuid]) -> Result<Vec<Version>> {
        let mut cases = BTreeSet::new();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT case_id FROM export_withheld WHERE device_id = ?1")?;
        for device in to {
            for c in stmt.query_map([device.to_string()], |r| r.get::<_, String>(0))? {
                cases.insert(c?);
            }
        }
        let sql = format!(
            "SELECT {} FROM versions WHERE record_id IN (SELECT record_id FROM records WHERE record_id = ?1 OR case_id = ?1) ORDER BY rowid",
            records::VERSION_COLUMNS
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut versions = Vec::new();
        for case in cases {
            for v in stmt.query_map([case], records::version_from_row)? {
                let v = v?;
                if !to.iter().all(|t| *t == v.author) {
                    versions.push(v);
                }
            }
        }
        Ok(versions)
    }

    /// Keeps the versions of cases whose consent to share with the lead
    /// holds; with `overriding`, keeps every case and names those without.
    pub(super) fn gate(&self, versions: Vec<Version>, overriding: bool) -> Result<Gated> {
        let mut consent: HashMap<Uuid, bool> = HashMap::new();
        let mut gated = Gated::default();
        for v in versions {
            // An erasure carries ids and a reason, nothing of the survivor,
            // and must reach the lead most of all after consent is withdrawn;
            // a tombstone carries nothing at all (and may be all a laptop
            // holds of a record whose case it never received).
            if v.kind == Kind::Erasure || v.is_tombstone() {
                gated.versions.push(v);
                continue;
            }
            let case = self.case_of(&v)?;
            let holds = match consent.get(&case) {
                Some(h) => *h,
                None => {
                    let h = self.consent_holds(case, ConsentScope::ShareWithLead)?;
                    consent.insert(case, h);
                    if !h {
                        let code = self.case_code_of(case)?;
                        let named = if overriding {
                            &mut gated.overridden
                        } else {
                            &mut gated.left_out
                        };
                        named.insert(case, code);
                    }
                    h
                }
            };
            if holds || overriding {
                gated.sent.insert(case);
                gated.versions.push(v);
            }
        }
        Ok(gated)
    }
}

/// Records, in the transaction that marks bundle `bundle_id` sent to
/// `recipients`: which cases it carried, which it left out (to offer them
/// again) and, when the gate was overridden, the audit entry with the
/// reason and the codes of the cases sent without consent.
pub(super) fn record_sent(
    tx: &Connection,
    audit_key: &[u8; 32],
    bundle_id: Uuid,
    recipients: &[Uuid],
    gated: &Gated,
    reason: Option<&str>,
) -> Result<()> {
    let at = now_rfc3339();
    let to: Vec<String> = recipients.iter().map(Uuid::to_string).collect();
    let to_json = serde_json::to_string(&to).map_err(std::io::Error::other)?;
    for case in &gated.sent {
        tx.execute(
            "INSERT OR REPLACE INTO sent_cases(case_id, bundle_id, sent_at, recipients) VALUES (?1, ?2, ?3, ?4)",
            params![case.to_string(), bundle_id.to_string(), at, to_json],
        )?;
    }
    for device in &to {
        for case in &gated.sent {
            tx.execute(
                "DELETE FROM export_withheld WHERE device_id = ?1 AND case_id = ?2",
                params![device, case.to_string()],
            )?;
        }
        for case in gated.left_out.keys() {
            tx.execute(
                "INSERT OR IGNORE INTO export_withheld(device_id, case_id) VALUES (?1, ?2)",
                params![device, case.to_string()],
            )?;
        }
    }
    if let (Some(reason), false) = (reason, gated.overridden.is_empty()) {
        let subject = format!(
            "bundle {bundle_id}: cases {} sent without consent to share with the lead; reason: {reason}",
            gated.overridden_codes().join(", ")
        );
        audit::append(tx, audit_key, &at, Event::ExportedWithoutConsent, &subject)?;
    }
    Ok(())
}

/// The override reason, trimmed; an empty one is refused.
pub(super) fn override_reason(reason: Option<&str>) -> Result<Option<&str>> {
    match reason.map(str::trim) {
        Some("") => Err(Error::Empty {
            what: "The reason for sending without consent",
        }),
        r => Ok(r),
    }
}
