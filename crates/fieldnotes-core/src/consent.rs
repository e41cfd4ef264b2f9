//! Consent and what rests on it: recording consent and its withdrawal, and
//! saving a need with the consent its referral relies on.
//!
//! Invariants: consent times are read from one clock, here, never from the
//! caller; a need keeps the consent it was referred under while that
//! consent holds, whatever else changes (status, priority, target), so the
//! signed record always names what the referral rested on; a referral with
//! no consent to rest on is refused ([`Error::ConsentRequired`]).

use uuid::Uuid;

use crate::error::{Error, Result};
use crate::model::{Body, ConsentBody, NeedBody, Version};
use crate::vault::Vault;
use crate::vocab::{ConsentScope, Kind, ReferralStatus};

impl Vault {
    /// Records consent given now by the survivor of `case`.
    pub fn add_consent(
        &mut self,
        case: Uuid,
        scope: ConsentScope,
        service: Option<String>,
        note: Option<String>,
    ) -> Result<Version> {
        self.add(Body::Consent(ConsentBody {
            unknown: Default::default(),
            case,
            scope,
            service: trimmed(service),
            given_at: crate::vault::now_rfc3339(),
            withdrawn_at: None,
            note: trimmed(note),
        }))
    }

    /// Records that a consent was withdrawn now. Withdrawing it again
    /// changes nothing and returns the current version.
    pub fn withdraw_consent(&mut self, consent_id: Uuid) -> Result<Version> {
        let current = self.current(consent_id)?;
        match &current.body {
            Some(Body::Consent(c)) if c.withdrawn_at.is_some() => Ok(current),
            Some(Body::Consent(c)) => {
                let mut c = c.clone();
                c.withdrawn_at = Some(crate::vault::now_rfc3339());
                self.update(consent_id, Body::Consent(c))
            }
            _ => Err(wrong_kind(Kind::Consent, current.kind, consent_id)),
        }
    }

    /// Adds a need (`need_id: None`) or saves a new version of one. The
    /// consent it relies on is `consent` when given; otherwise the need
    /// keeps the one it had while that still holds, and a referral without
    /// a holding consent takes the case's newest referral consent.
    pub fn save_need(
        &mut self,
        need_id: Option<Uuid>,
        mut need: NeedBody,
        consent: Option<Uuid>,
    ) -> Result<Version> {
        let previous = match need_id {
            Some(id) => match self.current(id)? {
                Version {
                    body: Some(Body::Need(n)),
                    ..
                } => Some(n),
                v => return Err(wrong_kind(Kind::Need, v.kind, id)),
            },
            None => None,
        };
        need.consent = match consent {
            Some(c) => Some(c),
            None => self.need_consent(&need, previous.as_ref())?,
        };
        match need_id {
            Some(id) => self.update(id, Body::Need(need)),
            None => self.add(Body::Need(need)),
        }
    }

    fn need_consent(&self, need: &NeedBody, previous: Option<&NeedBody>) -> Result<Option<Uuid>> {
        let kept = previous.and_then(|p| p.consent);
        if need.status == ReferralStatus::Referred && !self.referral_consent_holds(kept, need.case)
        {
            return self.referral_consent(need.case);
        }
        Ok(kept)
    }

    /// Whether `case` holds a current consent of `scope`: a live consent
    /// record (one head, not deleted) that was not withdrawn. A consent in
    /// conflict does not count until the conflict is resolved.
    pub fn consent_holds(&self, case: Uuid, scope: ConsentScope) -> Result<bool> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT record_id FROM records WHERE case_id = ?1 AND kind = 'consent'",
        )?;
        let ids = stmt
            .query_map([case.to_string()], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for id in ids {
            let id = Uuid::parse_str(&id).map_err(|_| Error::CorruptDatabase)?;
            let body = match self.current(id) {
                Ok(v) => v.body,
                Err(Error::Conflict { .. } | Error::Deleted { .. }) => None,
                Err(e) => return Err(e),
            };
            if matches!(body, Some(Body::Consent(c)) if c.scope == scope && c.withdrawn_at.is_none())
            {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Marks the referral of need `need_id` withdrawn, after the consent it
    /// rested on was withdrawn. The need keeps naming that consent.
    pub fn mark_referral_withdrawn(&mut self, need_id: Uuid) -> Result<Version> {
        match self.current(need_id)? {
            Version {
                body: Some(Body::Need(mut n)),
                ..
            } => {
                n.status = ReferralStatus::Withdrawn;
                self.update(need_id, Body::Need(n))
            }
            v => Err(wrong_kind(Kind::Need, v.kind, need_id)),
        }
    }

    /// Whether `consent` is a live, not withdrawn referral consent of `case`.
    fn referral_consent_holds(&self, consent: Option<Uuid>, case: Uuid) -> bool {
        consent.is_some_and(|id| {
            matches!(
                self.current(id).ok().and_then(|v| v.body),
                Some(Body::Consent(c))
                    if c.case == case && c.scope == ConsentScope::Referral && c.withdrawn_at.is_none()
            )
        })
    }
}

fn trimmed(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty())
}

pub(crate) fn wrong_kind(expected: Kind, found: Kind, id: Uuid) -> Error {
    Error::WrongKind {
        expected: expected.as_str(),
        found: found.as_str(),
        id: id.to_string(),
    }
}
