//! Conversions between the core's records and the IPC payloads.
//!
//! Invariant: nothing here puts a case's identity into a summary or detail;
//! history shows only whether the identity section changed, not its values.

use std::collections::HashMap;

use fieldnotes_core::{
    Body, CaseBody, ConsentBody, FollowUpBody, NeedBody, NoteBody, RecordState, Version,
};
use uuid::Uuid;

use fieldnotes_core::dashboard::{Activity, Dashboard, Overdue};

use crate::dto::{
    ActivityView, AttachmentView, CaseSummary, CategoryCountView, ConsentView, DashboardView,
    FieldValue, FollowUpView, IdentityView, NeedView, NoteView, OverdueView, QuietCaseView,
    StatusCountView, UnreadableDateView, VersionView,
};
use crate::error::{AppError, AppResult};

/// Parses a UUID sent by the UI.
pub fn id(text: &str) -> AppResult<Uuid> {
    Uuid::parse_str(text).map_err(|_| AppError::invalid("record id"))
}

/// Trims text and turns the empty string into `None`.
pub fn opt(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty())
}

/// Trims every entry and drops the empty ones.
pub fn list(items: Vec<String>) -> Vec<String> {
    items
        .into_iter()
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .collect()
}

/// The live head's timestamp as RFC 3339.
pub fn updated(state: &RecordState) -> String {
    state
        .heads
        .last()
        .map(|v| v.hlc.to_rfc3339())
        .unwrap_or_default()
}

pub fn case_summary(id: Uuid, c: &CaseBody, updated: String, open_needs: u32) -> CaseSummary {
    CaseSummary {
        id: id.to_string(),
        code: c.code.clone(),
        status: c.status.as_str().into(),
        risk: c.risk.map(|r| r.as_str().into()),
        nationality: c.nationality.clone(),
        languages: c.languages.clone(),
        worker: c.assigned_worker.clone(),
        open_needs,
        updated,
        conflict: false,
    }
}

pub fn identity_view(i: &fieldnotes_core::Identity) -> IdentityView {
    IdentityView {
        name: i.name.clone(),
        date_of_birth: i.date_of_birth.clone(),
        contacts: i.contacts.clone(),
    }
}

pub fn note_view(id: Uuid, n: &NoteBody, updated: String) -> NoteView {
    NoteView {
        id: id.to_string(),
        kind: n.kind.as_str().into(),
        when: n.when.clone(),
        place: n.place.clone(),
        present: n.present.clone(),
        interpreter: n.interpreter.clone(),
        narrative: n.narrative.clone(),
        tags: n.tags.clone(),
        draft: n.draft,
        updated,
    }
}

pub fn need_view(id: Uuid, n: &NeedBody, updated: String) -> NeedView {
    NeedView {
        id: id.to_string(),
        category: n.category.as_str().into(),
        description: n.description.clone(),
        priority: n.priority.as_str().into(),
        status: n.status.as_str().into(),
        referral_target: n.referral_target.clone(),
        due: n.due.clone(),
        consent: n.consent.map(|c| c.to_string()),
        updated,
    }
}

pub fn consent_view(id: Uuid, c: &ConsentBody) -> ConsentView {
    ConsentView {
        id: id.to_string(),
        scope: c.scope.as_str().into(),
        service: c.service.clone(),
        given_at: c.given_at.clone(),
        withdrawn_at: c.withdrawn_at.clone(),
        note: c.note.clone(),
    }
}

pub fn followup_view(id: Uuid, f: &FollowUpBody) -> FollowUpView {
    FollowUpView {
        id: id.to_string(),
        title: f.title.clone(),
        due: f.due.clone(),
        assigned_to: f.assigned_to.clone(),
        done: f.done,
    }
}

pub fn attachment_view(state: &RecordState) -> Option<AttachmentView> {
    match state.body()? {
        Body::Attachment(a) => Some(AttachmentView {
            id: state.record_id.to_string(),
            file_name: a.file_name.clone(),
            media_type: a.media_type.clone(),
            size: a.size,
            updated: updated(state),
        }),
        _ => None,
    }
}

/// A version's fields as display text. The identity section is replaced by
/// a counter that changes when the identity does, so history can say "the
/// identity changed" without showing it.
fn fields(body: &Body, identity_generation: u32) -> Vec<FieldValue> {
    let value = serde_json::to_value(body).unwrap_or_default();
    let mut out = Vec::new();
    if let serde_json::Value::Object(map) = value {
        for (name, v) in map {
            if name == "type" || name == "case" {
                continue;
            }
            let text = if name == "identity" {
                format!("#{identity_generation}")
            } else {
                display(&v)
            };
            out.push(FieldValue { name, value: text });
        }
    }
    out
}

fn display(v: &serde_json::Value) -> String {
    use serde_json::Value;
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(display).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

/// The current code of every live case.
pub fn case_codes(v: &fieldnotes_core::Vault) -> AppResult<HashMap<Uuid, String>> {
    Ok(v.cases()?
        .iter()
        .filter_map(
            |c| match c.heads.iter().rev().find_map(|h| h.body.as_ref()) {
                Some(Body::Case(b)) => Some((c.record_id, b.code.clone())),
                _ => None,
            },
        )
        .collect())
}

/// Device names by id, from the roster, for "who changed what".
pub fn device_names(v: &fieldnotes_core::Vault) -> AppResult<HashMap<Uuid, String>> {
    Ok(v.devices()?
        .into_iter()
        .map(|d| (d.device_id, d.name))
        .collect())
}

/// Every version of a record, for the history view.
pub fn history(
    versions: &[Version],
    this_device: Uuid,
    names: &HashMap<Uuid, String>,
) -> Vec<VersionView> {
    let mut generation = 0u32;
    let mut last_identity: HashMap<Uuid, fieldnotes_core::Identity> = HashMap::new();
    versions
        .iter()
        .map(|v| {
            if let Some(Body::Case(c)) = &v.body {
                if last_identity.get(&v.record_id) != Some(&c.identity) {
                    generation += 1;
                    last_identity.insert(v.record_id, c.identity.clone());
                }
            }
            VersionView {
                version_id: v.version_id.to_string(),
                at: v.hlc.to_rfc3339(),
                author: v.author.to_string(),
                author_name: names.get(&v.author).cloned().unwrap_or_default(),
                this_device: v.author == this_device,
                deleted: v.is_tombstone(),
                fields: v
                    .body
                    .as_ref()
                    .map(|b| fields(b, generation))
                    .unwrap_or_default(),
            }
        })
        .collect()
}

/// The core's dashboard as the overview receives it.
pub fn dashboard_view(d: Dashboard, quiet_days: i64) -> DashboardView {
    DashboardView {
        needs_by_category: d
            .needs_by_category
            .into_iter()
            .map(|c| CategoryCountView {
                category: c.category.as_str().into(),
                open: c.open,
                total: c.total,
            })
            .collect(),
        needs_by_status: d
            .needs_by_status
            .into_iter()
            .map(|c| StatusCountView {
                status: c.status.as_str().into(),
                count: c.count,
            })
            .collect(),
        overdue: d.overdue.into_iter().map(overdue_view).collect(),
        quiet_cases: d
            .quiet_cases
            .into_iter()
            .map(|q| QuietCaseView {
                case_id: q.case_id.to_string(),
                case_code: q.case_code,
                last_contact: q.last_contact,
            })
            .collect(),
        quiet_days,
        unreadable_dates: d
            .unreadable_dates
            .into_iter()
            .map(|u| UnreadableDateView {
                record_id: u.record_id.to_string(),
                kind: u.kind.as_str().into(),
                case_id: u.case_id.to_string(),
                case_code: u.case_code,
                field: u.field.into(),
                value: u.value,
            })
            .collect(),
        recent: d.recent.into_iter().map(activity_view).collect(),
        conflicts: d.conflicts,
        last_export: d.last_export,
        last_backup: d.last_backup,
    }
}

fn overdue_view(o: Overdue) -> OverdueView {
    OverdueView {
        record_id: o.record_id.to_string(),
        kind: o.kind.as_str().into(),
        case_id: o.case_id.to_string(),
        case_code: o.case_code,
        title: o.title,
        due: o.due,
        days_late: o.days_late,
    }
}

fn activity_view(a: Activity) -> ActivityView {
    ActivityView {
        record_id: a.record_id.to_string(),
        kind: a.kind.as_str().into(),
        case_id: a.case_id.map(|c| c.to_string()),
        case_code: a.case_code,
        at: a.at,
        author_name: a.author_name,
        this_device: a.this_device,
        created: a.created,
        deleted: a.deleted,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fieldnotes_core::{CaseStatus, Identity};

    #[test]
    fn history_fields_never_show_the_identity() {
        let body = Body::Case(CaseBody {
            code: "RO-1".into(),
            identity: Identity {
                name: Some("Secret Name".into()),
                date_of_birth: None,
                contacts: vec!["+40 700".into()],
            },
            languages: vec!["ro".into(), "en".into()],
            nationality: None,
            risk: None,
            status: CaseStatus::Open,
            assigned_worker: None,
        });
        let f = fields(&body, 1);
        let text = serde_json::to_string(&f).expect("serialises");
        assert!(
            !text.contains("Secret Name") && !text.contains("+40"),
            "{text}"
        );
        assert!(f
            .iter()
            .any(|x| x.name == "languages" && x.value == "ro, en"));
        assert!(f.iter().any(|x| x.name == "identity" && x.value == "#1"));
    }
}
