//! Printing: plain text for people, `--json` for scripts.
//!
//! Invariants: the restricted identity section of a case is replaced by
//! `"restricted"` unless the user asked to reveal it (and the core audited
//! that); `records --json` prints only what the versions hold, so two vaults
//! with the same versions print the same bytes.

use anyhow::Result;
use fieldnotes_core::{
    audit, Body, CaseStatus, Hit, Kind, RecordState, ReferralStatus, Vault, Version,
};
use serde::Serialize;
use serde_json::Value;
use uuid::Uuid;

pub fn now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0);
    fieldnotes_core::Hlc {
        wall_ms: secs,
        counter: 0,
    }
    .to_rfc3339()
}

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

pub fn print_versions(
    vault: &Vault,
    versions: Vec<Version>,
    reveal: bool,
    json: bool,
) -> Result<()> {
    audit_reveal(vault, &versions.iter().collect::<Vec<_>>(), reveal)?;
    if json {
        let values: Vec<Value> = versions
            .iter()
            .map(|v| version_json(v, reveal))
            .collect::<Result<_>>()?;
        println!("{}", serde_json::to_string_pretty(&values)?);
        return Ok(());
    }
    let authors = author_names(vault)?;
    for v in &versions {
        let what = if v.is_tombstone() {
            "deleted".to_owned()
        } else {
            summary(v.body.as_ref(), reveal)
        };
        println!(
            "{}  {}  by {}  {}",
            v.hlc.to_rfc3339(),
            v.version_id,
            authors
                .get(&v.author)
                .cloned()
                .unwrap_or_else(|| short(v.author)),
            what
        );
        if v.parents.len() > 1 {
            println!(
                "    merges {}",
                v.parents
                    .iter()
                    .map(Uuid::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            );
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
    Ok(vault
        .devices()?
        .into_iter()
        .map(|d| {
            let name = if d.name.is_empty() {
                short(d.device_id)
            } else {
                d.name.clone()
            };
            let name = if d.revoked_at.is_some() {
                format!("{name} (REVOKED)")
            } else {
                name
            };
            (d.device_id, name)
        })
        .collect())
}

fn short(id: Uuid) -> String {
    id.to_string()[..8].to_owned()
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

#[derive(Serialize)]
pub struct CaseRow {
    pub id: Uuid,
    pub code: String,
    pub status: CaseStatus,
    pub risk: Option<fieldnotes_core::RiskLevel>,
    pub nationality: Option<String>,
    pub languages: Vec<String>,
    pub assigned_worker: Option<String>,
    pub open_needs: usize,
    pub conflict: bool,
}

fn is_open(status: ReferralStatus) -> bool {
    !matches!(
        status,
        ReferralStatus::Met | ReferralStatus::NotApplicable | ReferralStatus::DeclinedBySurvivor
    )
}

pub fn case_rows(vault: &Vault, status: Option<CaseStatus>) -> Result<Vec<CaseRow>> {
    let mut rows = Vec::new();
    for state in vault.cases()? {
        let Some(Body::Case(c)) = state.heads.last().and_then(|h| h.body.as_ref()) else {
            continue;
        };
        if status.is_some_and(|s| s != c.status) {
            continue;
        }
        let open_needs = vault
            .case_records(state.record_id)?
            .iter()
            .filter(|r| matches!(r.body(), Some(Body::Need(n)) if is_open(n.status)))
            .count();
        rows.push(CaseRow {
            id: state.record_id,
            code: c.code.clone(),
            status: c.status,
            risk: c.risk,
            nationality: c.nationality.clone(),
            languages: c.languages.clone(),
            assigned_worker: c.assigned_worker.clone(),
            open_needs,
            conflict: state.conflict,
        });
    }
    Ok(rows)
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

#[derive(Serialize)]
pub struct CaseView {
    pub case: Value,
    pub records: Vec<Value>,
    #[serde(skip)]
    text: String,
}

pub fn case_view(vault: &Vault, id: Uuid, reveal: bool) -> Result<CaseView> {
    let head = vault.current(id)?;
    if reveal {
        vault.reveal_identity(id)?;
    }
    let mut text = format!("Case {}\n", summary(head.body.as_ref(), reveal));
    if let Some(Body::Case(c)) = &head.body {
        if reveal {
            let i = &c.identity;
            text.push_str(&format!(
                "  name: {}\n  date of birth: {}\n  contacts: {}\n",
                i.name.as_deref().unwrap_or("-"),
                i.date_of_birth.as_deref().unwrap_or("-"),
                i.contacts.join(", ")
            ));
        } else if !c.identity.is_empty() {
            text.push_str("  identity: restricted (show it with --reveal)\n");
        }
        text.push_str(&format!(
            "  nationality: {}  languages: {}  risk: {}  worker: {}\n",
            c.nationality.as_deref().unwrap_or("-"),
            c.languages.join(", "),
            c.risk.map(|r| r.as_str()).unwrap_or("-"),
            c.assigned_worker.as_deref().unwrap_or("-")
        ));
    }
    let mut records = Vec::new();
    for r in vault.case_records(id)? {
        let mark = if r.conflict { "  CONFLICT" } else { "" };
        text.push_str(&format!(
            "  {:<10} {}  {}{}\n",
            r.kind.as_str(),
            r.record_id,
            summary(r.heads.last().and_then(|h| h.body.as_ref()), false),
            mark
        ));
        let heads: Vec<Value> = r
            .heads
            .iter()
            .map(|v| version_json(v, reveal))
            .collect::<Result<_>>()?;
        records.push(serde_json::json!({"record_id": r.record_id, "kind": r.kind, "conflict": r.conflict, "heads": heads}));
    }
    Ok(CaseView {
        case: version_json(&head, reveal)?,
        records,
        text: text.trim_end().to_owned(),
    })
}

pub fn case_text(view: &CaseView) -> String {
    view.text.clone()
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

pub fn audit_text(log: &[audit::Entry]) -> String {
    log.iter()
        .map(|e| format!("{:>6}  {}  {:<18} {}", e.seq, e.at, e.event, e.subject))
        .collect::<Vec<_>>()
        .join("\n")
}
