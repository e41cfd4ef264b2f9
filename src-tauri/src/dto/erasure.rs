//! Payloads of erasure: what an erasure removes (shown before it, for the
//! confirmation, and returned after it) and the request naming the reason.

use fieldnotes_core::erasure::ErasurePlan;
use fieldnotes_core::ErasureReason;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// What erasing a record (or a whole case) removes, for good.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ErasurePlanView {
    /// The case erased whole, if the target is a case.
    pub case_id: Option<Uuid>,
    /// The case's code when a whole case goes: named in the confirmation
    /// and typed back to confirm it.
    pub case_code: Option<String>,
    /// How many records lose their content.
    #[ts(type = "number")]
    pub records: u64,
    #[ts(type = "number")]
    pub versions: u64,
    #[ts(type = "number")]
    pub attachments: u64,
    #[ts(type = "number")]
    pub attachment_bytes: u64,
}

impl From<ErasurePlan> for ErasurePlanView {
    fn from(p: ErasurePlan) -> Self {
        ErasurePlanView {
            case_id: p.case,
            case_code: p.case_code,
            records: p.records.len() as u64,
            versions: p.versions,
            attachments: p.attachments,
            attachment_bytes: p.attachment_bytes,
        }
    }
}

/// A confirmed erasure: the record (or case) and why.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct EraseInput {
    pub record_id: Uuid,
    #[ts(type = "ErasureReason")]
    pub reason: ErasureReason,
}
