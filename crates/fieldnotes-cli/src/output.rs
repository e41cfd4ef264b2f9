//! Printing: plain text for people, `--json` for scripts.
//!
//! Invariants: the restricted identity section of a case is replaced by
//! `"restricted"` unless the user asked to reveal it (and the core audited
//! that); `records --json` prints only what the versions hold, so two vaults
//! with the same versions print the same bytes.

use anyhow::Result;
use fieldnotes_core::views::{AuditView, CasePage, CaseRow, ConflictView};
use fieldnotes_core::{Body, Hit, Kind, RecordState, Vault, Version};
use serde::Serialize;
use serde_json::Value;
use uuid::Uuid;

pub fn print_json_or<T: Serialize>(
    value: &T,
    json: bool,
    text: impl FnOnce() -> String,
) -> Result<()> {
    if json {
        println!("{}", serde_json::to_string_pretty(value)?);
    } else {
        let t = text();
        if !t.is_empty() {
            println!("{t}");
        }
    }
    Ok(())
}

/// A version as JSON, its case identity hidden unless revealed.
fn version_json(v: &Version, reveal: bool) -> Result<Value> {
    let mut value = serde_json::to_value(v)?;
    if !reveal {
        if let Some(identity) = value.pointer_mut("/body/identity") {
            let empty = identity.as_object().is_some_and(|o| {
                o.values()
                    .all(|x| x.is_null() || x.as_array().is_some_and(Vec::is_empty))
            });
            if !empty {
                *identity = Value::String("restricted".into());
            }
        }
    }
    Ok(value)
}

fn audit_reveal(vault: &Vault, versions: &[&Version], reveal: bool) -> Result<()> {
    if reveal {
        let mut seen = std::collections::BTreeSet::new();
        for v in versions.iter().filter(|v| v.kind == Kind::Case) {
            if seen.insert(v.record_id) {
                vault.reveal_identity(v.record_id).or_else(|e| match e {
                    fieldnotes_core::Error::Conflict { .. }
                    | fieldnotes_core::Error::Deleted { .. } => Ok(Default::default()),
                    e => Err(e),
                })?;
            }
        }
    }
    Ok(())
}

/// A record's history: JSON as the versions hold it (identity hidden unless
/// revealed), or one line per version with its author's name.
pub fn print_history(vault: &Vault, id: Uuid, reveal: bool, json: bool) -> Result<()> {
    if json {
        let versions = vault.history(id)?;
        audit_reveal(vault, &versions.iter().collect::<Vec<_>>(), reveal)?;
        let values: Vec<Value> = versions
            .iter()
            .map(|v| version_json(v, reveal))
            .collect::<Result<_>>()?;
        println!("{}", serde_json::to_string_pretty(&values)?);
        return Ok(());
    }
    let view = vault.history_view(id)?;
    let versions = vault.history(id)?;
    audit_reveal(vault, &versions.iter().collect::<Vec<_>>(), reveal)?;
    for (row, v) in view.versions.iter().zip(&versions) {
        let what = if row.deleted {
            "deleted".to_owned()
        } else {
            summary(v.body.as_ref(), reveal)
        };
        let revoked = if row.author_revoked { " (REVOKED)" } else { "" };
        println!(
            "{}  {}  by {}{}  {}",
            row.at, row.version_id, row.author_name, revoked, what
        );
        if row.parents.len() > 1 {
            let parents: Vec<String> = row.parents.iter().map(Uuid::to_string).collect();
            println!("    merges {}", parents.join(", "));
        }
    }
    Ok(())
}

pub fn print_records(
    vault: &Vault,
    records: Vec<RecordState>,
    reveal: bool,
    json: bool,
) -> Result<()> {
    let all: Vec<&Version> = records.iter().flat_map(|r| r.heads.iter()).collect();
    audit_reveal(vault, &all, reveal)?;
    if json {
        let mut out = Vec::with_capacity(records.len());
        for r in &records {
            let heads: Vec<Value> = r
                .heads
                .iter()
                .map(|v| version_json(v, reveal))
                .collect::<Result<_>>()?;
            out.push(serde_json::json!({
                "record_id": r.record_id,
                "kind": r.kind,
                "conflict": r.conflict,
                "heads": heads,
            }));
        }
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(());
    }
    let authors = author_names(vault)?;
    for r in &records {
        let mark = if r.conflict { "  CONFLICT" } else { "" };
        let head = r.heads.last();
        let by = head
            .and_then(|h| authors.get(&h.author))
            .map(|a| format!("  (by {a})"))
            .unwrap_or_default();
        println!(
            "{}  {:<10} {}{}{}",
            r.record_id,
            r.kind.as_str(),
            summary(head.and_then(|h| h.body.as_ref()), reveal),
            mark,
            by
        );
    }
    Ok(())
}

/// Device names for people, with revoked devices marked.
fn author_names(vault: &Vault) -> Result<std::collections::HashMap<Uuid, String>> {
    let mut names = vault.device_names()?;
    for d in vault.devices()?.iter().filter(|d| d.revoked_at.is_some()) {
        if let Some(n) = names.get_mut(&d.device_id) {
            n.push_str(" (REVOKED)");
        }
    }
    Ok(names)
}

fn one_line(s: &str, max: usize) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > max {
        format!("{}…", flat.chars().take(max).collect::<String>())
    } else {
        flat
    }
}

fn summary(body: Option<&Body>, reveal: bool) -> String {
    match body {
        None => "deleted".into(),
        Some(Body::Case(c)) => {
            let name = match (&c.identity.name, reveal) {
                (Some(n), true) => format!(" ({n})"),
                _ => String::new(),
            };
            format!("{}{} [{}]", c.code, name, c.status)
        }
        Some(Body::Note(n)) => {
            let draft = if n.draft { " (draft)" } else { "" };
            format!("{}{}: {}", n.kind, draft, one_line(&n.narrative, 60))
        }
        Some(Body::Need(n)) => format!(
            "{} [{}, {}] {}",
            n.category,
            n.status,
            n.priority,
            one_line(&n.description, 40)
        ),
        Some(Body::Consent(c)) => {
            let state = if c.withdrawn_at.is_some() {
                "withdrawn"
            } else {
                "given"
            };
            format!(
                "{} {}{}",
                c.scope,
                state,
                c.service
                    .as_ref()
                    .map(|s| format!(" ({s})"))
                    .unwrap_or_default()
            )
        }
        Some(Body::FollowUp(f)) => format!(
            "{}{}",
            if f.done { "[done] " } else { "" },
            one_line(&f.title, 60)
        ),
        Some(Body::Attachment(a)) => format!("{} ({} bytes)", a.file_name, a.size),
    }
}

pub fn cases_text(rows: &[CaseRow]) -> String {
    if rows.is_empty() {
        return "No cases yet. Add one with `fieldnotes case add --code CODE`.".into();
    }
    let mut s = format!(
        "{:<16} {:<11} {:<7} {:<12} {}\n",
        "CODE", "STATUS", "RISK", "NATIONALITY", "OPEN NEEDS"
    );
    for r in rows {
        s.push_str(&format!(
            "{:<16} {:<11} {:<7} {:<12} {}{}\n",
            r.code,
            r.status.as_str(),
            r.risk.map(|r| r.as_str()).unwrap_or("-"),
            r.nationality.as_deref().unwrap_or("-"),
            r.open_needs,
            if r.conflict { "  CONFLICT" } else { "" }
        ));
    }
    s.trim_end().to_owned()
}

/// A case page for scripts: the core's page, plus (as before it) the case
/// and its records as their versions hold them, identity hidden unless
/// revealed.
#[derive(Serialize)]
pub struct CaseJson {
    #[serde(flatten)]
    page: CasePage,
    case: Value,
    records: Vec<Value>,
}

pub fn case_json(vault: &Vault, page: CasePage, reveal: bool) -> Result<CaseJson> {
    let id = page.summary.id;
    let mut records = Vec::new();
    for r in vault.case_records(id)? {
        let heads: Vec<Value> = r
            .heads
            .iter()
            .map(|v| version_json(v, reveal))
            .collect::<Result<_>>()?;
        records.push(serde_json::json!({"record_id": r.record_id, "kind": r.kind, "conflict": r.conflict, "heads": heads}));
    }
    // `heads` is never empty; the page shows the newest head with a body.
    let heads = vault.heads(id)?;
    let head = heads
        .iter()
        .rev()
        .find(|v| v.body.is_some())
        .unwrap_or(&heads[0]);
    Ok(CaseJson {
        case: version_json(head, reveal)?,
        records,
        page,
    })
}

/// A case page for people: the case, its identity when revealed, and one
/// line per record.
pub fn case_text(page: &CasePage) -> String {
    let c = &page.summary;
    let mut text = format!("Case {} [{}]\n", c.code, c.status);
    match &page.identity {
        Some(i) => text.push_str(&format!(
            "  name: {}\n  date of birth: {}\n  contacts: {}\n",
            i.name.as_deref().unwrap_or("-"),
            i.date_of_birth.as_deref().unwrap_or("-"),
            i.contacts.join(", ")
        )),
        None if page.has_identity => {
            text.push_str("  identity: restricted (show it with --reveal)\n")
        }
        None => {}
    }
    text.push_str(&format!(
        "  nationality: {}  languages: {}  risk: {}  worker: {}  open needs: {}\n",
        c.nationality.as_deref().unwrap_or("-"),
        c.languages.join(", "),
        c.risk.map(|r| r.as_str()).unwrap_or("-"),
        c.assigned_worker.as_deref().unwrap_or("-"),
        c.open_needs
    ));
    let mut line = |kind: Kind, id: Uuid, body: Body, conflict: bool| {
        let mark = if conflict { "  CONFLICT" } else { "" };
        let what = summary(Some(&body), false);
        text.push_str(&format!("  {:<10} {id}  {what}{mark}\n", kind.as_str()));
    };
    for n in &page.notes {
        line(Kind::Note, n.id, Body::Note(n.body.clone()), n.conflict);
    }
    for n in &page.needs {
        line(Kind::Need, n.id, Body::Need(n.body.clone()), n.conflict);
    }
    for n in &page.consents {
        line(
            Kind::Consent,
            n.id,
            Body::Consent(n.body.clone()),
            n.conflict,
        );
    }
    for n in &page.followups {
        line(
            Kind::FollowUp,
            n.id,
            Body::FollowUp(n.body.clone()),
            n.conflict,
        );
    }
    for a in &page.attachments {
        let what = format!("{} ({} bytes)", a.file_name, a.size);
        text.push_str(&format!(
            "  {:<10} {}  {what}\n",
            Kind::Attachment.as_str(),
            a.id
        ));
    }
    text.trim_end().to_owned()
}

pub fn hits_text(hits: &[Hit]) -> String {
    if hits.is_empty() {
        return "Nothing found.".into();
    }
    hits.iter()
        .map(|h| {
            format!(
                "{}  {:<10} {:<12} {}",
                h.record_id,
                h.kind.as_str(),
                h.case_code.as_deref().unwrap_or("-"),
                one_line(&h.snippet, 80)
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Conflicting records for people: each with its case and its versions.
pub fn conflicts_text(conflicts: &[ConflictView]) -> String {
    if conflicts.is_empty() {
        return "No conflicts.".into();
    }
    let mut out = Vec::new();
    for c in conflicts {
        out.push(format!(
            "{}  {:<10} case {}  CONFLICT",
            c.record_id,
            c.kind.as_str(),
            c.case_code.as_deref().unwrap_or("-")
        ));
        for v in &c.versions {
            let fields: Vec<String> = v
                .fields
                .iter()
                .filter(|f| !f.value.is_empty())
                .map(|f| format!("{}: {}", f.name, one_line(&f.value, 40)))
                .collect();
            out.push(format!(
                "    {}  {}  by {}  {}",
                v.version_id,
                v.at,
                v.author_name,
                fields.join("; ")
            ));
        }
    }
    out.join("\n")
}

/// The audit log for people, oldest first, subjects named.
pub fn audit_text(view: &AuditView) -> String {
    view.entries
        .iter()
        .rev()
        .map(|e| {
            format!(
                "{:>6}  {}  {:<18} {}",
                e.seq, e.at, e.event, e.subject_label
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}
