//! Payloads of a case's records: notes, needs, consents, follow-ups and
//! attachments, as shown and as sent from their forms.

use fieldnotes_core::views::{AttachmentItem, Item};
use fieldnotes_core::{
    ConsentBody, ConsentScope, FollowUpBody, NeedBody, NeedCategory, NoteBody, NoteKind, Priority,
    ReferralStatus,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::{list, opt, NoteFormInput, NoteFormView};

/// An interview or note.
#[derive(Debug, Clone, Serialize, TS)]
pub struct NoteView {
    pub id: Uuid,
    #[ts(type = "NoteKind")]
    pub kind: NoteKind,
    pub when: Option<String>,
    pub place: Option<String>,
    pub present: Vec<String>,
    pub interpreter: Option<String>,
    pub narrative: String,
    pub tags: Vec<String>,
    pub draft: bool,
    pub updated: String,
    /// The form the note follows and its answers.
    pub form: Option<NoteFormView>,
}

impl From<Item<NoteBody>> for NoteView {
    fn from(
        Item {
            id, updated, body, ..
        }: Item<NoteBody>,
    ) -> Self {
        NoteView {
            id,
            kind: body.kind,
            when: body.when,
            place: body.place,
            present: body.present,
            interpreter: body.interpreter,
            form: body.form.as_ref().map(|f| NoteFormView::new(None, f)),
            narrative: body.narrative,
            tags: body.tags,
            draft: body.draft,
            updated,
        }
    }
}

/// A new or changed note (`draft` while the editor autosaves).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct NoteInput {
    pub case_id: Uuid,
    #[ts(type = "NoteKind")]
    pub kind: NoteKind,
    pub when: Option<String>,
    pub place: Option<String>,
    pub present: Vec<String>,
    pub interpreter: Option<String>,
    pub narrative: String,
    pub tags: Vec<String>,
    pub draft: bool,
    /// The form the note follows and its answers (none: a free note, or
    /// an edit that keeps the stored answers).
    pub form: Option<NoteFormInput>,
}

impl From<NoteInput> for NoteBody {
    fn from(input: NoteInput) -> Self {
        NoteBody {
            unknown: Default::default(),
            form: input.form.map(Into::into),
            case: input.case_id,
            kind: input.kind,
            when: opt(input.when),
            place: opt(input.place),
            present: list(input.present),
            interpreter: opt(input.interpreter),
            narrative: input.narrative,
            tags: list(input.tags),
            draft: input.draft,
        }
    }
}

/// A need and its referral.
#[derive(Debug, Clone, Serialize, TS)]
pub struct NeedView {
    pub id: Uuid,
    #[ts(type = "NeedCategory")]
    pub category: NeedCategory,
    pub description: String,
    #[ts(type = "Priority")]
    pub priority: Priority,
    #[ts(type = "ReferralStatus")]
    pub status: ReferralStatus,
    pub referral_target: Option<String>,
    pub due: Option<String>,
    pub consent: Option<Uuid>,
    pub updated: String,
}

impl From<Item<NeedBody>> for NeedView {
    fn from(
        Item {
            id, updated, body, ..
        }: Item<NeedBody>,
    ) -> Self {
        NeedView {
            id,
            category: body.category,
            description: body.description,
            priority: body.priority,
            status: body.status,
            referral_target: body.referral_target,
            due: body.due,
            consent: body.consent,
            updated,
        }
    }
}

/// A new or changed need; the core chooses the consent it rests on.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct NeedInput {
    pub case_id: Uuid,
    #[ts(type = "NeedCategory")]
    pub category: NeedCategory,
    pub description: String,
    #[ts(type = "Priority")]
    pub priority: Priority,
    #[ts(type = "ReferralStatus")]
    pub status: ReferralStatus,
    pub referral_target: Option<String>,
    pub due: Option<String>,
}

/// A need with no consent of its own: `Vault::save_need` keeps or finds it.
impl From<NeedInput> for NeedBody {
    fn from(input: NeedInput) -> Self {
        NeedBody {
            unknown: Default::default(),
            case: input.case_id,
            category: input.category,
            description: input.description.trim().to_owned(),
            priority: input.priority,
            status: input.status,
            referral_target: opt(input.referral_target),
            due: opt(input.due),
            consent: None,
        }
    }
}

/// What the survivor agreed to.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ConsentView {
    pub id: Uuid,
    #[ts(type = "ConsentScope")]
    pub scope: ConsentScope,
    pub service: Option<String>,
    pub given_at: String,
    pub withdrawn_at: Option<String>,
    pub note: Option<String>,
}

impl From<Item<ConsentBody>> for ConsentView {
    fn from(Item { id, body, .. }: Item<ConsentBody>) -> Self {
        ConsentView {
            id,
            scope: body.scope,
            service: body.service,
            given_at: body.given_at,
            withdrawn_at: body.withdrawn_at,
            note: body.note,
        }
    }
}

/// A consent being recorded now.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ConsentInput {
    pub case_id: Uuid,
    #[ts(type = "ConsentScope")]
    pub scope: ConsentScope,
    pub service: Option<String>,
    pub note: Option<String>,
}

/// A follow-up task.
#[derive(Debug, Clone, Serialize, TS)]
pub struct FollowUpView {
    pub id: Uuid,
    pub title: String,
    pub due: Option<String>,
    pub assigned_to: Option<String>,
    pub done: bool,
}

impl From<Item<FollowUpBody>> for FollowUpView {
    fn from(Item { id, body, .. }: Item<FollowUpBody>) -> Self {
        FollowUpView {
            id,
            title: body.title,
            due: body.due,
            assigned_to: body.assigned_to,
            done: body.done,
        }
    }
}

/// A new or changed follow-up.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct FollowUpInput {
    pub case_id: Uuid,
    pub title: String,
    pub due: Option<String>,
    pub assigned_to: Option<String>,
    pub done: bool,
}

impl From<FollowUpInput> for FollowUpBody {
    fn from(input: FollowUpInput) -> Self {
        FollowUpBody {
            unknown: Default::default(),
            case: input.case_id,
            title: input.title.trim().to_owned(),
            due: opt(input.due),
            assigned_to: opt(input.assigned_to),
            done: input.done,
        }
    }
}

/// A file attached to a case (its bytes come from `read_attachment`).
#[derive(Debug, Clone, Serialize, TS)]
pub struct AttachmentView {
    pub id: Uuid,
    pub file_name: String,
    pub media_type: Option<String>,
    #[ts(type = "number")]
    pub size: u64,
    pub updated: String,
}

impl From<AttachmentItem> for AttachmentView {
    fn from(a: AttachmentItem) -> Self {
        AttachmentView {
            id: a.id,
            file_name: a.file_name,
            media_type: a.media_type,
            size: a.size,
            updated: a.updated,
        }
    }
}
