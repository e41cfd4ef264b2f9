//! What rested on a consent, shown before (and after) it is withdrawn:
//! the referrals made under it, the bundles that carried the case since it
//! was given, and, for the photograph consent, the case's photographs.
//!
//! Invariants: this is a read model; nothing here writes. It reports what
//! this vault truly knows and says what it cannot: bundles are known by
//! case only from the version that records it (`sent_cases`); a bundle
//! written earlier is only counted ([`ConsentDependents::unitemised_bundles`],
//! from the audit log); what other laptops hold or passed on is never known
//! here.

use serde::Serialize;
use uuid::Uuid;

use crate::attachments::is_photograph;
use crate::consent::wrong_kind;
use crate::error::{Error, Result};
use crate::model::{Body, ConsentBody};
use crate::vault::Vault;
use crate::views::AttachmentItem;
use crate::vocab::{ConsentScope, Kind, NeedCategory, ReferralStatus};

/// A need whose referral rests on the consent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DependentReferral {
    pub need_id: Uuid,
    pub category: NeedCategory,
    pub status: ReferralStatus,
    pub referral_target: Option<String>,
}

/// A bundle written on this laptop that carried the case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SentBundle {
    pub bundle_id: Uuid,
    /// RFC 3339.
    pub sent_at: String,
    /// The recipients' device names (their ids when unnamed).
    pub recipients: Vec<String>,
}

/// Everything that depended on one consent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConsentDependents {
    pub consent_id: Uuid,
    pub case_id: Uuid,
    pub case_code: String,
    pub scope: ConsentScope,
    pub given_at: String,
    pub withdrawn_at: Option<String>,
    /// Live needs that name this consent as the one their referral rests on.
    pub referrals: Vec<DependentReferral>,
    /// Bundles written on this laptop since the consent was given that
    /// carried the case, oldest first.
    pub bundles: Vec<SentBundle>,
    /// Bundles written on this laptop since the consent was given by an
    /// earlier version of the app, which did not record the cases they
    /// carried: any of them may have carried this case.
    pub unitemised_bundles: u64,
    /// For the photograph consent: the case's photographs.
    pub photographs: Vec<AttachmentItem>,
}

impl Vault {
    /// What depended on consent `consent_id` (withdrawn or not).
    pub fn consent_dependents(&self, consent_id: Uuid) -> Result<ConsentDependents> {
        let current = self.current(consent_id)?;
        let Some(Body::Consent(consent)) = current.body else {
            return Err(wrong_kind(Kind::Consent, current.kind, consent_id));
        };
        let (referrals, photographs) = self.dependent_records(consent_id, &consent)?;
        Ok(ConsentDependents {
            consent_id,
            case_id: consent.case,
            case_code: self.case_code_of(consent.case)?,
            scope: consent.scope,
            bundles: self.bundles_since(consent.case, &consent.given_at)?,
            unitemised_bundles: self.unitemised_bundles_since(&consent.given_at)?,
            given_at: consent.given_at,
            withdrawn_at: consent.withdrawn_at,
            referrals,
            photographs,
        })
    }

    /// The case's live needs resting on the consent, and (for the
    /// photograph consent) its photographs.
    fn dependent_records(
        &self,
        consent_id: Uuid,
        consent: &ConsentBody,
    ) -> Result<(Vec<DependentReferral>, Vec<AttachmentItem>)> {
        let mut referrals = Vec::new();
        let mut photographs = Vec::new();
        for state in self.case_records(consent.case)? {
            let Some(head) = state.heads.iter().rev().find(|v| v.body.is_some()) else {
                continue;
            };
            match &head.body {
                Some(Body::Need(n)) if n.consent == Some(consent_id) => {
                    referrals.push(DependentReferral {
                        need_id: state.record_id,
                        category: n.category,
                        status: n.status,
                        referral_target: n.referral_target.clone(),
                    });
                }
                Some(Body::Attachment(a))
                    if consent.scope == ConsentScope::Photographs
                        && is_photograph(&a.file_name, a.media_type.as_deref()) =>
                {
                    photographs.push(AttachmentItem {
                        id: state.record_id,
                        file_name: a.file_name.clone(),
                        media_type: a.media_type.clone(),
                        size: a.size,
                        blake3: a.blake3.clone(),
                        updated: head.hlc.to_rfc3339(),
                    });
                }
                _ => {}
            }
        }
        Ok((referrals, photographs))
    }

    /// Bundles recorded as carrying `case` since `since`, oldest first.
    fn bundles_since(&self, case: Uuid, since: &str) -> Result<Vec<SentBundle>> {
        let names = self.device_names()?;
        let mut stmt = self.conn.prepare(
            "SELECT bundle_id, sent_at, recipients FROM sent_cases
             WHERE case_id = ?1 AND sent_at >= ?2 ORDER BY sent_at, bundle_id",
        )?;
        let rows = stmt.query_map([case.to_string(), since.to_owned()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, sent_at, recipients) = row?;
            let ids: Vec<Uuid> =
                serde_json::from_str(&recipients).map_err(|_| Error::CorruptDatabase)?;
            out.push(SentBundle {
                bundle_id: Uuid::parse_str(&id).map_err(|_| Error::CorruptDatabase)?,
                sent_at,
                recipients: ids
                    .iter()
                    .map(|d| match names.get(d) {
                        Some(n) if !n.is_empty() => n.clone(),
                        _ => d.to_string(),
                    })
                    .collect(),
            });
        }
        Ok(out)
    }

    /// Bundles exported since `since` (audit log) that `sent_cases` does
    /// not itemise.
    fn unitemised_bundles_since(&self, since: &str) -> Result<u64> {
        // The audit subject of an export starts `bundle <id> `.
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM audit
             WHERE event = 'bundle_exported' AND at >= ?1
               AND substr(subject, 8, 36) NOT IN (SELECT bundle_id FROM sent_cases)",
            [since],
            |r| r.get(0),
        )?;
        Ok(u64::try_from(n).unwrap_or(0))
    }
}
