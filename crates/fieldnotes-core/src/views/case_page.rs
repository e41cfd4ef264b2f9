//! The case page: a case with its notes, needs, consents, follow-ups and
//! attachments, each shown by its current version.

use serde::Serialize;
use uuid::Uuid;

use super::{case_row, shown, updated, CaseRow};
use crate::case_model::CaseProfile;
use crate::error::{Error, Result};
use crate::model::{Body, ConsentBody, FollowUpBody, Identity, NeedBody, NoteBody};
use crate::records::RecordState;
use crate::vault::Vault;
use crate::vocab::Kind;

/// One record of a case as shown: its id, when it last changed, whether
/// its versions conflict, and its current body's fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item<B> {
    pub id: Uuid,
    pub updated: String,
    pub conflict: bool,
    #[serde(flatten)]
    pub body: B,
}

/// An attachment as listed: its name, type and size (the bytes stay sealed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AttachmentItem {
    pub id: Uuid,
    pub file_name: String,
    pub media_type: Option<String>,
    pub size: u64,
    pub blake3: String,
    pub updated: String,
}

/// A case page. `identity` is filled only when the reveal was asked for
/// (and audited); `has_identity` says whether there is one to reveal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CasePage {
    /// The case's row of the case list (its open needs counted here too).
    pub summary: CaseRow,
    /// Gender, age, exploitation, countries, referral, closure,
    /// identification and proceedings, as stored (codes and wire names).
    pub profile: CaseProfile,
    /// Stored nationality or language text that matches no code (the
    /// reason for `summary.needs_review`).
    pub to_review: Vec<String>,
    pub has_identity: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity: Option<Identity>,
    /// Newest first.
    pub notes: Vec<Item<NoteBody>>,
    pub needs: Vec<Item<NeedBody>>,
    pub consents: Vec<Item<ConsentBody>>,
    pub followups: Vec<Item<FollowUpBody>>,
    pub attachments: Vec<AttachmentItem>,
}

fn item<B: Clone>(r: &RecordState, body: &B) -> Item<B> {
    Item {
        id: r.record_id,
        updated: updated(r),
        conflict: r.conflict,
        body: body.clone(),
    }
}

impl CasePage {
    fn add(&mut self, r: &RecordState) {
        match shown(r) {
            Some(Body::Note(n)) => self.notes.push(item(r, n)),
            Some(Body::Need(n)) => {
                self.summary.open_needs += u32::from(n.status.is_open());
                self.needs.push(item(r, n));
            }
            Some(Body::Consent(c)) => self.consents.push(item(r, c)),
            Some(Body::FollowUp(f)) => self.followups.push(item(r, f)),
            Some(Body::Attachment(a)) => self.attachments.push(AttachmentItem {
                id: r.record_id,
                file_name: a.file_name.clone(),
                media_type: a.media_type.clone(),
                size: a.size,
                blake3: a.blake3.clone(),
                updated: updated(r),
            }),
            Some(Body::Case(_)) | Some(Body::Erasure(_)) | None => {}
        }
    }
}

impl Vault {
    /// The page of case `case_id`; with `reveal`, its identity too (the
    /// reveal is audited, as [`Vault::reveal_identity`] does).
    pub fn case_page(&self, case_id: Uuid, reveal: bool) -> Result<CasePage> {
        let heads = self.heads(case_id)?;
        let state = RecordState {
            record_id: case_id,
            kind: heads[0].kind,
            conflict: heads.len() > 1,
            heads,
        };
        let not_a_case = || Error::NotFound {
            what: "case",
            id: case_id.to_string(),
        };
        let Some(Body::Case(c)) = shown(&state).filter(|_| state.kind == Kind::Case) else {
            return Err(not_a_case());
        };
        let identity = if reveal {
            Some(self.reveal_identity(case_id)?)
        } else {
            None
        };
        let mut page = CasePage {
            has_identity: !c.identity.is_empty(),
            summary: case_row(&state, 0).ok_or_else(not_a_case)?,
            profile: (*c.profile).clone(),
            to_review: crate::case_model::coded(c).to_review,
            identity,
            notes: vec![],
            needs: vec![],
            consents: vec![],
            followups: vec![],
            attachments: vec![],
        };
        for r in self.case_records(case_id)? {
            page.add(&r);
        }
        page.notes.sort_by(|a, b| b.updated.cmp(&a.updated));
        Ok(page)
    }
}
