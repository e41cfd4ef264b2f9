//! Payloads of the case list, the case page and the case form.

use fieldnotes_core::views::{CasePage, CaseRow};
use fieldnotes_core::{CaseBody, CaseStatus, ExploitationType, Gender, Identity, RiskLevel};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::{
    all, list, opt, AttachmentView, ConsentView, FollowUpView, NeedView, NoteView, ProfileView,
};

/// One row of the case list: never the identity.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CaseSummary {
    pub id: Uuid,
    pub code: String,
    #[ts(type = "CaseStatus")]
    pub status: CaseStatus,
    #[ts(type = "RiskLevel | null")]
    pub risk: Option<RiskLevel>,
    pub nationality: Option<String>,
    pub languages: Vec<String>,
    pub worker: Option<String>,
    pub open_needs: u32,
    pub updated: String,
    pub conflict: bool,
    #[ts(type = "string | null")]
    pub gender: Option<Gender>,
    /// Under 18 at identification; `null` when the record cannot tell.
    pub is_child: Option<bool>,
    #[ts(type = "Array<string>")]
    pub exploitation_types: Vec<ExploitationType>,
    /// Nationality or languages hold text that matches no code.
    pub needs_review: bool,
}

impl From<CaseRow> for CaseSummary {
    fn from(r: CaseRow) -> Self {
        CaseSummary {
            id: r.id,
            code: r.code,
            status: r.status,
            risk: r.risk,
            nationality: r.nationality,
            languages: r.languages,
            worker: r.assigned_worker,
            open_needs: r.open_needs,
            updated: r.updated,
            conflict: r.conflict,
            gender: r.gender,
            is_child: r.is_child,
            exploitation_types: r.exploitation_types,
            needs_review: r.needs_review,
        }
    }
}

/// A case page: everything but the identity, which needs a reveal.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CaseDetail {
    pub summary: CaseSummary,
    pub profile: ProfileView,
    /// Stored nationality or language text that matches no code.
    pub to_review: Vec<String>,
    pub has_identity: bool,
    pub notes: Vec<NoteView>,
    pub needs: Vec<NeedView>,
    pub consents: Vec<ConsentView>,
    pub followups: Vec<FollowUpView>,
    pub attachments: Vec<AttachmentView>,
}

/// Leaves out `page.identity`: a case page never carries it.
impl From<CasePage> for CaseDetail {
    fn from(page: CasePage) -> Self {
        CaseDetail {
            summary: page.summary.into(),
            profile: page.profile.into(),
            to_review: page.to_review,
            has_identity: page.has_identity,
            notes: all(page.notes),
            needs: all(page.needs),
            consents: all(page.consents),
            followups: all(page.followups),
            attachments: all(page.attachments),
        }
    }
}

/// The restricted identity section, returned only by the audited reveal.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct IdentityView {
    pub name: Option<String>,
    pub date_of_birth: Option<String>,
    pub contacts: Vec<String>,
}

impl From<Identity> for IdentityView {
    fn from(i: Identity) -> Self {
        IdentityView {
            name: i.name,
            date_of_birth: i.date_of_birth,
            contacts: i.contacts,
        }
    }
}

impl From<IdentityView> for Identity {
    fn from(i: IdentityView) -> Self {
        Identity {
            unknown: Default::default(),
            name: opt(i.name),
            date_of_birth: opt(i.date_of_birth),
            contacts: list(i.contacts),
        }
    }
}

/// A new case or changed case fields. `identity: null` keeps the stored
/// one; the profile replaces the stored one whole (empty fields clear).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct CaseInput {
    pub code: String,
    #[ts(type = "CaseStatus")]
    pub status: CaseStatus,
    #[ts(type = "RiskLevel | null")]
    pub risk: Option<RiskLevel>,
    pub nationality: Option<String>,
    pub languages: Vec<String>,
    pub worker: Option<String>,
    pub identity: Option<IdentityView>,
    pub profile: ProfileView,
}

/// A case with no identity when the input has none (a change then keeps
/// the stored one: see `Vault::update_case`).
impl From<CaseInput> for CaseBody {
    fn from(input: CaseInput) -> Self {
        CaseBody {
            unknown: Default::default(),
            profile: Box::new(input.profile.into()),
            code: input.code.trim().to_owned(),
            identity: input.identity.map(Identity::from).unwrap_or_default(),
            languages: list(input.languages),
            nationality: opt(input.nationality),
            risk: input.risk,
            status: input.status,
            assigned_worker: opt(input.worker),
        }
    }
}
