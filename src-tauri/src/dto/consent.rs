//! What rested on a consent, shown before it is withdrawn.

use fieldnotes_core::withdrawal::{ConsentDependents, DependentReferral, SentBundle};
use fieldnotes_core::{ConsentScope, NeedCategory, ReferralStatus};
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use super::{all, AttachmentView};

/// A need whose referral rests on the consent.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DependentReferralView {
    pub need_id: Uuid,
    #[ts(type = "NeedCategory")]
    pub category: NeedCategory,
    #[ts(type = "ReferralStatus")]
    pub status: ReferralStatus,
    pub referral_target: Option<String>,
}

impl From<DependentReferral> for DependentReferralView {
    fn from(r: DependentReferral) -> Self {
        DependentReferralView {
            need_id: r.need_id,
            category: r.category,
            status: r.status,
            referral_target: r.referral_target,
        }
    }
}

/// A bundle written on this laptop that carried the case.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SentBundleView {
    pub bundle_id: Uuid,
    pub sent_at: String,
    /// The recipients' device names.
    pub recipients: Vec<String>,
}

impl From<SentBundle> for SentBundleView {
    fn from(b: SentBundle) -> Self {
        SentBundleView {
            bundle_id: b.bundle_id,
            sent_at: b.sent_at,
            recipients: b.recipients,
        }
    }
}

/// Everything that depended on one consent.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ConsentDependentsView {
    pub consent_id: Uuid,
    pub case_id: Uuid,
    pub case_code: String,
    #[ts(type = "ConsentScope")]
    pub scope: ConsentScope,
    pub given_at: String,
    pub withdrawn_at: Option<String>,
    pub referrals: Vec<DependentReferralView>,
    pub bundles: Vec<SentBundleView>,
    /// Bundles sent since by an earlier version, which did not record
    /// their cases: any of them may have carried this one.
    #[ts(type = "number")]
    pub unitemised_bundles: u64,
    pub photographs: Vec<AttachmentView>,
}

impl From<ConsentDependents> for ConsentDependentsView {
    fn from(d: ConsentDependents) -> Self {
        ConsentDependentsView {
            consent_id: d.consent_id,
            case_id: d.case_id,
            case_code: d.case_code,
            scope: d.scope,
            given_at: d.given_at,
            withdrawn_at: d.withdrawn_at,
            referrals: all(d.referrals),
            bundles: all(d.bundles),
            unitemised_bundles: d.unitemised_bundles,
            photographs: all(d.photographs),
        }
    }
}
