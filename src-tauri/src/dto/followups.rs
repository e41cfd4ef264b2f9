//! Payloads of follow-ups beyond the case page's list: the people they can
//! be assigned to, a change to one, and those due this week.

use fieldnotes_core::followups::{Assignee, DueFollowUp, FollowUpEdit};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::opt;

/// A person of the roster (a device) a follow-up can be assigned to.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AssigneeView {
    pub device_id: Uuid,
    pub name: String,
    pub this_device: bool,
    /// Not revoked: offered for new assignments. A revoked device is still
    /// listed, to name the follow-ups assigned to it before.
    pub assignable: bool,
}

impl From<Assignee> for AssigneeView {
    fn from(a: Assignee) -> Self {
        AssigneeView {
            device_id: a.device_id,
            name: a.name,
            this_device: a.this_device,
            assignable: a.assignable,
        }
    }
}

/// A follow-up's fields as the edit form sends them: an empty due date
/// clears it; the assignee is only changed when `assignee_changed` (so an
/// older free-text assignee the form cannot show is kept).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct FollowUpEditInput {
    pub title: String,
    pub due: Option<String>,
    pub assignee_changed: bool,
    pub assignee: Option<Uuid>,
}

impl From<FollowUpEditInput> for FollowUpEdit {
    fn from(input: FollowUpEditInput) -> Self {
        FollowUpEdit {
            title: Some(input.title),
            due: Some(opt(input.due)),
            assignee: input.assignee_changed.then_some(input.assignee),
        }
    }
}

/// An open follow-up due this week, or overdue.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DueFollowUpView {
    pub id: Uuid,
    pub case_id: Uuid,
    pub case_code: String,
    pub title: String,
    /// `YYYY-MM-DD`.
    pub due: String,
    pub overdue: bool,
    /// Who it is assigned to: a roster device's name, or older free text.
    pub assignee: Option<String>,
}

impl From<DueFollowUp> for DueFollowUpView {
    fn from(d: DueFollowUp) -> Self {
        DueFollowUpView {
            id: d.record_id,
            case_id: d.case_id,
            case_code: d.case_code,
            title: d.title,
            due: d.due,
            overdue: d.overdue,
            assignee: d.assignee,
        }
    }
}
