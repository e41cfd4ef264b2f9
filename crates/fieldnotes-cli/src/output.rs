//! Printing shared by several commands: `--json` or text, a version as JSON,
//! and the one-line summary of a record. What only one command prints lives
//! with that command under `command/`.
//!
//! Invariants: the restricted identity section of a case is replaced by
//! `"restricted"` unless the user asked to reveal it (and the core audited
//! that); JSON of versions holds only what the versions hold, so two vaults
//! with the same versions print the same bytes.

use anyhow::Result;
use fieldnotes_core::{Body, Kind, RecordState, Vault, Version};
use serde::Serialize;
use serde_json::Value;

/// Prints `value` as JSON, or else the text `text` makes (nothing if empty).
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
pub fn version_json(v: &Version, reveal: bool) -> Result<Value> {
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

/// A record with its heads as JSON, identities hidden unless revealed.
pub fn record_json(r: &RecordState, reveal: bool) -> Result<Value> {
    let heads: Vec<Value> = r
        .heads
        .iter()
        .map(|v| version_json(v, reveal))
        .collect::<Result<_>>()?;
    Ok(serde_json::json!({
        "record_id": r.record_id,
        "kind": r.kind,
        "conflict": r.conflict,
        "heads": heads,
    }))
}

/// With `reveal`, has the core audit the reveal of each case among
/// `versions` (a case in conflict or deleted has nothing to reveal).
pub fn audit_reveal(vault: &Vault, versions: &[&Version], reveal: bool) -> Result<()> {
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

/// `s` on one line, whitespace collapsed, cut to `max` characters.
pub fn one_line(s: &str, max: usize) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > max {
        format!("{}…", flat.chars().take(max).collect::<String>())
    } else {
        flat
    }
}

/// A record's body in one line, for people.
pub fn summary(body: Option<&Body>, reveal: bool) -> String {
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
            let form = match &n.form {
                Some(f) => format!(" [form {}, {} answers]", f.id, f.answers.len()),
                None => String::new(),
            };
            format!("{}{}{form}: {}", n.kind, draft, one_line(&n.narrative, 60))
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
            let service = c.service.as_ref().map(|s| format!(" ({s})"));
            format!("{} {}{}", c.scope, state, service.unwrap_or_default())
        }
        Some(Body::FollowUp(f)) => format!(
            "{}{}",
            if f.done { "[done] " } else { "" },
            one_line(&f.title, 60)
        ),
        Some(Body::Attachment(a)) => format!("{} ({} bytes)", a.file_name, a.size),
        Some(Body::Erasure(e)) => format!(
            "erased {} record(s){} for {}",
            e.records.len(),
            if e.case.is_some() {
                ", a whole case"
            } else {
                ""
            },
            e.reason
        ),
    }
}
