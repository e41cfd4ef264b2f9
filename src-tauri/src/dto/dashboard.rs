//! Payload of the dashboard, the landing screen after unlock.

use serde::Serialize;
use ts_rs::TS;

/// Needs of one category.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CategoryCountView {
    #[ts(type = "NeedCategory")]
    pub category: String,
    #[ts(type = "number")]
    pub open: u64,
    #[ts(type = "number")]
    pub total: u64,
}

/// Needs in one referral status.
#[derive(Debug, Clone, Serialize, TS)]
pub struct StatusCountView {
    #[ts(type = "ReferralStatus")]
    pub status: String,
    #[ts(type = "number")]
    pub count: u64,
}

/// An overdue follow-up or need.
#[derive(Debug, Clone, Serialize, TS)]
pub struct OverdueView {
    pub record_id: String,
    #[ts(type = "RecordKind")]
    pub kind: String,
    pub case_id: String,
    pub case_code: String,
    /// A follow-up's title, or a need's category.
    pub title: String,
    pub due: String,
    #[ts(type = "number")]
    pub days_late: i64,
}

/// A date that does not read as one (free text stored by an older
/// version of the app), listed so someone can correct it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct UnreadableDateView {
    pub record_id: String,
    #[ts(type = "RecordKind")]
    pub kind: String,
    pub case_id: String,
    pub case_code: String,
    /// `due` (a need or follow-up) or `when` (a note).
    #[ts(type = "'due' | 'when'")]
    pub field: String,
    /// The stored text, as it is.
    pub value: String,
}

/// A case without a recent contact.
#[derive(Debug, Clone, Serialize, TS)]
pub struct QuietCaseView {
    pub case_id: String,
    pub case_code: String,
    pub last_contact: Option<String>,
}

/// One recent change.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ActivityView {
    pub record_id: String,
    #[ts(type = "RecordKind")]
    pub kind: String,
    pub case_id: Option<String>,
    pub case_code: Option<String>,
    pub at: String,
    pub author_name: String,
    pub this_device: bool,
    pub created: bool,
    pub deleted: bool,
}

/// The dashboard.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DashboardView {
    pub needs_by_category: Vec<CategoryCountView>,
    pub needs_by_status: Vec<StatusCountView>,
    pub overdue: Vec<OverdueView>,
    pub quiet_cases: Vec<QuietCaseView>,
    /// Days without contact after which a case counts as quiet.
    #[ts(type = "number")]
    pub quiet_days: i64,
    /// Due dates and interview times that do not read, by case code.
    pub unreadable_dates: Vec<UnreadableDateView>,
    pub recent: Vec<ActivityView>,
    #[ts(type = "number")]
    pub conflicts: u64,
    pub last_export: Option<String>,
    pub last_backup: Option<String>,
}
