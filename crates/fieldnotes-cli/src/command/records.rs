//! `search`, `history`, `records`, `delete` and `check`: commands over all
//! records, whatever their case.
//!
//! Invariant: `records --json` prints only what the versions hold, in the
//! core's stable order, so two vaults with the same versions print the same
//! bytes.

use std::collections::HashMap;

use anyhow::{bail, Result};
use clap::Args;
use fieldnotes_core::views::{VersionChange, VersionRow, WordOp};
use fieldnotes_core::{Hit, RecordState, Vault, Version};
use serde_json::Value;
use uuid::Uuid;

use crate::cli::Out;
use crate::output::{audit_reveal, one_line, print_json_or, record_json, summary, version_json};

#[derive(Args)]
pub struct SearchArgs {
    query: String,
    #[arg(long, default_value_t = 20)]
    limit: u32,
    #[command(flatten)]
    out: Out,
}

#[derive(Args)]
pub struct HistoryArgs {
    id: Uuid,
    /// Show the restricted identity section of a case (audited)
    #[arg(long)]
    reveal: bool,
    #[command(flatten)]
    out: Out,
}

#[derive(Args)]
pub struct RecordsArgs {
    /// Show the restricted identity sections of cases (audited)
    #[arg(long)]
    reveal: bool,
    #[command(flatten)]
    out: Out,
}

#[derive(Args)]
pub struct DeleteArgs {
    id: Uuid,
}

pub fn search(vault: &mut Vault, args: SearchArgs) -> Result<()> {
    let hits = vault.search(&args.query, args.limit)?;
    print_json_or(&hits, args.out.json, || hits_text(&hits))
}

pub fn history(vault: &mut Vault, args: HistoryArgs) -> Result<()> {
    print_history(vault, args.id, args.reveal, args.out.json)
}

pub fn records(vault: &mut Vault, args: RecordsArgs) -> Result<()> {
    let records = vault.records()?;
    print_records(vault, records, args.reveal, args.out.json)
}

pub fn delete(vault: &mut Vault, args: DeleteArgs) -> Result<()> {
    let v = vault.delete(args.id)?;
    println!("Deleted {} (tombstone version {}).", args.id, v.version_id);
    Ok(())
}

pub fn check(vault: &mut Vault) -> Result<()> {
    let n = vault.verify_signatures()?;
    if !vault.integrity_check()? {
        bail!("The database fails its integrity check. Restore the vault from a backup.");
    }
    let audit = vault.verify_audit()?;
    println!(
        "All {n} record versions carry valid signatures; the database is sound; the audit log is intact ({} entries).",
        audit.entries
    );
    let files = vault.check_attachments(&mut super::backup::progress_printer())?;
    for name in &files.damaged {
        eprintln!("damaged: blobs/{name}");
    }
    for name in &files.missing {
        eprintln!("missing: blobs/{name}");
    }
    for name in &files.orphans {
        eprintln!("not referred to by any record (left by an interrupted write; removed at the next unlock): blobs/{name}");
    }
    if !files.missing.is_empty() {
        return Err(fieldnotes_core::Error::AttachmentMissing.into());
    }
    if !files.damaged.is_empty() {
        return Err(fieldnotes_core::Error::AttachmentCorrupt.into());
    }
    println!(
        "All {} attached files open and match their records ({} bytes).",
        files.sound, files.bytes
    );
    Ok(())
}

/// A record's history: JSON as the versions hold it (identity hidden unless
/// revealed), or one line per version with its author's name.
fn print_history(vault: &Vault, id: Uuid, reveal: bool, json: bool) -> Result<()> {
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
        let what = if row.erased {
            "erased".to_owned()
        } else if row.deleted {
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
        for line in change_lines(row) {
            println!("    {line}");
        }
    }
    Ok(())
}

/// What a version changed, as the app shows it: "finalised" or "saved as
/// draft" for the draft flag, then each changed field, edited text as a
/// word diff (`[-deleted-]{+inserted+}`, as `git diff --word-diff`).
fn change_lines(row: &VersionRow) -> Vec<String> {
    let mut out = Vec::new();
    match row.change {
        VersionChange::Finalised => out.push("finalised".to_owned()),
        VersionChange::SavedAsDraft => out.push("saved as draft".to_owned()),
        VersionChange::Changed => {}
        // A first version's fields are its summary; nothing else to say.
        _ => return out,
    }
    for c in &row.changes {
        let text = if c.name == "identity" {
            "changed (not shown here)".to_owned()
        } else if c.words.is_empty() {
            format!("{} -> {}", c.before, c.after)
        } else {
            c.words
                .iter()
                .map(|w| match w.op {
                    WordOp::Equal => w.text.clone(),
                    WordOp::Delete => format!("[-{}-]", w.text),
                    WordOp::Insert => format!("{{+{}+}}", w.text),
                })
                .collect()
        };
        out.push(format!("{}: {text}", c.name));
    }
    out
}

/// Records with their heads: JSON as the versions hold them, or one line
/// per record with its newest author's name. Also prints `conflicts --json`.
pub fn print_records(
    vault: &Vault,
    records: Vec<RecordState>,
    reveal: bool,
    json: bool,
) -> Result<()> {
    let all: Vec<&Version> = records.iter().flat_map(|r| r.heads.iter()).collect();
    audit_reveal(vault, &all, reveal)?;
    if json {
        let out: Vec<Value> = records
            .iter()
            .map(|r| record_json(r, reveal))
            .collect::<Result<_>>()?;
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
fn author_names(vault: &Vault) -> Result<HashMap<Uuid, String>> {
    let mut names = vault.device_names()?;
    for d in vault.devices()?.iter().filter(|d| d.revoked_at.is_some()) {
        if let Some(n) = names.get_mut(&d.device_id) {
            n.push_str(" (REVOKED)");
        }
    }
    Ok(names)
}

fn hits_text(hits: &[Hit]) -> String {
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
