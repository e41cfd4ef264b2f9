//! Payload of the dashboard, the landing screen after unlock.

use fieldnotes_core::dashboard::{
    Activity, CategoryCount, Dashboard, Overdue, QuietCase, StatusCount, UnreadableDate,
};
use fieldnotes_core::retention::PastRetention;
use fieldnotes_core::{Kind, NeedCategory, ReferralStatus};
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use super::all;

/// Needs of one category.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CategoryCountView {
    #[ts(type = "NeedCategory")]
    pub category: NeedCategory,
    #[ts(type = "number")]
    pub open: u64,
    #[ts(type = "number")]
    pub total: u64,
}

impl From<CategoryCount> for CategoryCountView {
    fn from(c: CategoryCount) -> Self {
        CategoryCountView {
            category: c.category,
            open: c.open,
            total: c.total,
        }
    }
}

/// Needs in one referral status.
#[derive(Debug, Clone, Serialize, TS)]
pub struct StatusCountView {
    #[ts(type = "ReferralStatus")]
    pub status: ReferralStatus,
    #[ts(type = "number")]
    pub count: u64,
}

impl From<StatusCount> for StatusCountView {
    fn from(c: StatusCount) -> Self {
        StatusCountView {
            status: c.status,
            count: c.count,
        }
    }
}

/// An overdue follow-up or need.
#[derive(Debug, Clone, Serialize, TS)]
pub struct OverdueView {
    pub record_id: Uuid,
    #[ts(type = "RecordKind")]
    pub kind: Kind,
    pub case_id: Uuid,
    pub case_code: String,
    /// A follow-up's title, or a need's category.
    pub title: String,
    pub due: String,
    #[ts(type = "number")]
    pub days_late: i64,
}

impl From<Overdue> for OverdueView {
    fn from(o: Overdue) -> Self {
        OverdueView {
            record_id: o.record_id,
            kind: o.kind,
            case_id: o.case_id,
            case_code: o.case_code,
            title: o.title,
            due: o.due,
            days_late: o.days_late,
        }
    }
}

/// A case without a recent contact.
#[derive(Debug, Clone, Serialize, TS)]
pub struct QuietCaseView {
    pub case_id: Uuid,
    pub case_code: String,
    pub last_contact: Option<String>,
}

impl From<QuietCase> for QuietCaseView {
    fn from(q: QuietCase) -> Self {
        QuietCaseView {
            case_id: q.case_id,
            case_code: q.case_code,
            last_contact: q.last_contact,
        }
    }
}

/// One recent change.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ActivityView {
    pub record_id: Uuid,
    #[ts(type = "RecordKind")]
    pub kind: Kind,
    pub case_id: Option<Uuid>,
    pub case_code: Option<String>,
    pub at: String,
    pub author_name: String,
    pub this_device: bool,
    pub created: bool,
    pub deleted: bool,
}

impl From<Activity> for ActivityView {
    fn from(a: Activity) -> Self {
        ActivityView {
            record_id: a.record_id,
            kind: a.kind,
            case_id: a.case_id,
            case_code: a.case_code,
            at: a.at,
            author_name: a.author_name,
            this_device: a.this_device,
            created: a.created,
            deleted: a.deleted,
        }
    }
}

/// A date that does not read as one (free text stored by an older
/// version of the app), listed so someone can correct it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct UnreadableDateView {
    pub record_id: Uuid,
    #[ts(type = "RecordKind")]
    pub kind: Kind,
    pub case_id: Uuid,
    pub case_code: String,
    /// `due` (a need or follow-up) or `when` (a note).
    #[ts(type = "'due' | 'when'")]
    pub field: String,
    /// The stored text, as it is.
    pub value: String,
}

impl From<UnreadableDate> for UnreadableDateView {
    fn from(u: UnreadableDate) -> Self {
        UnreadableDateView {
            record_id: u.record_id,
            kind: u.kind,
            case_id: u.case_id,
            case_code: u.case_code,
            field: u.field.to_owned(),
            value: u.value,
        }
    }
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
    /// The vault's retention period in months, if it has one.
    pub retention_months: Option<u32>,
    /// Closed cases kept past that period, longest past first.
    pub past_retention: Vec<PastRetentionView>,
}

/// A closed case kept longer than the retention period.
#[derive(Debug, Clone, Serialize, TS)]
pub struct PastRetentionView {
    pub case_id: Uuid,
    pub case_code: String,
    /// `YYYY-MM-DD`.
    pub closed_on: String,
    /// `YYYY-MM-DD`: when the retention period ended.
    pub due_on: String,
    #[ts(type = "number")]
    pub days_past: i64,
}

impl From<PastRetention> for PastRetentionView {
    fn from(p: PastRetention) -> Self {
        PastRetentionView {
            case_id: p.case_id,
            case_code: p.case_code,
            closed_on: p.closed_on,
            due_on: p.due_on,
            days_past: p.days_past,
        }
    }
}

impl DashboardView {
    /// The core's dashboard, computed with `quiet_days`, as the overview
    /// receives it.
    pub fn new(d: Dashboard, quiet_days: i64) -> Self {
        DashboardView {
            needs_by_category: all(d.needs_by_category),
            needs_by_status: all(d.needs_by_status),
            overdue: all(d.overdue),
            quiet_cases: all(d.quiet_cases),
            quiet_days,
            unreadable_dates: all(d.unreadable_dates),
            recent: all(d.recent),
            conflicts: d.conflicts,
            last_export: d.last_export,
            last_backup: d.last_backup,
            retention_months: d.retention_months,
            past_retention: all(d.past_retention),
        }
    }
}
