//! `followup`: tasks with a case. Add, edit, assign to a person on the
//! roster (by device name or id), complete, reopen, delete (an erasure, as
//! in the app), and list, all of a case or those due this week.

use anyhow::Result;
use clap::{ArgGroup, Subcommand};
use fieldnotes_core::followups::{DueFollowUp, FollowUpEdit, FollowUpRow};
use fieldnotes_core::{ErasureReason, Kind, Vault};
use uuid::Uuid;

use super::erase;
use crate::cli::Out;

#[derive(Subcommand)]
pub enum FollowUpCommand {
    /// Add a follow-up task. Prints the new id.
    Add {
        #[arg(long = "case")]
        case_code: String,
        #[arg(long)]
        title: String,
        #[arg(long)]
        due: Option<String>,
        /// A person on the roster: a device's name or id
        #[arg(long, value_name = "NAME")]
        assign: Option<String>,
    },
    /// Change a follow-up's title, due date or assignee
    #[command(group(ArgGroup::new("due_change").args(["due", "clear_due"])))]
    #[command(group(ArgGroup::new("assignee").args(["assign", "unassign"])))]
    Edit {
        id: Uuid,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        due: Option<String>,
        /// Remove the due date
        #[arg(long)]
        clear_due: bool,
        /// A person on the roster: a device's name or id
        #[arg(long, value_name = "NAME")]
        assign: Option<String>,
        /// Assign it to no one
        #[arg(long)]
        unassign: bool,
    },
    /// Mark a follow-up done
    Done { id: Uuid },
    /// Mark a done follow-up open again
    Reopen { id: Uuid },
    /// Delete a follow-up: it is erased (see `fieldnotes erase`)
    Delete {
        id: Uuid,
        /// Why: consent_withdrawn, erasure_request, retention_ended or entered_in_error
        #[arg(long)]
        reason: ErasureReason,
        /// Do not ask to confirm (needed where there is no terminal)
        #[arg(long)]
        yes: bool,
    },
    /// List follow-ups of live cases: open first, by due date
    List {
        /// Only this case's
        #[arg(long = "case", value_name = "CODE")]
        case_code: Option<String>,
        /// Only open ones due by Sunday (overdue included), by due date
        #[arg(long, conflicts_with = "case_code")]
        due_this_week: bool,
        #[command(flatten)]
        out: Out,
    },
}

pub fn run(vault: &mut Vault, cmd: FollowUpCommand) -> Result<()> {
    match cmd {
        FollowUpCommand::Add {
            case_code,
            title,
            due,
            assign,
        } => {
            let case = vault.case_id(&case_code)?;
            let assignee = assign.map(|a| vault.find_assignee(&a)).transpose()?;
            let v = vault.add_follow_up(case, &title, due.as_deref(), assignee)?;
            println!("{}", v.record_id);
        }
        FollowUpCommand::Edit {
            id,
            title,
            due,
            clear_due,
            assign,
            unassign,
        } => {
            let assignee = match (assign, unassign) {
                (Some(a), _) => Some(Some(vault.find_assignee(&a)?)),
                (None, true) => Some(None),
                (None, false) => None,
            };
            let due = if clear_due { Some(None) } else { due.map(Some) };
            let edit = FollowUpEdit {
                title,
                due,
                assignee,
            };
            vault.edit_follow_up(id, edit)?;
            println!("Follow-up {id} changed.");
        }
        FollowUpCommand::Done { id } => {
            vault.set_follow_up_done(id, true)?;
            println!("Follow-up {id} done.");
        }
        FollowUpCommand::Reopen { id } => {
            vault.set_follow_up_done(id, false)?;
            println!("Follow-up {id} is open again.");
        }
        FollowUpCommand::Delete { id, reason, yes } => delete(vault, id, reason, yes)?,
        FollowUpCommand::List {
            case_code,
            due_this_week,
            out,
        } => list(vault, case_code, due_this_week, out)?,
    }
    Ok(())
}

/// Erases a follow-up, after checking that it is one.
fn delete(vault: &mut Vault, id: Uuid, reason: ErasureReason, yes: bool) -> Result<()> {
    let found = vault.heads(id)?.first().map(|h| h.kind);
    if let Some(kind) = found.filter(|k| *k != Kind::FollowUp) {
        return Err(fieldnotes_core::Error::WrongKind {
            expected: "follow-up",
            found: kind.as_str(),
            id: id.to_string(),
        }
        .into());
    }
    erase::erase_target(vault, id, reason, yes)
}

fn list(vault: &Vault, case_code: Option<String>, week: bool, out: Out) -> Result<()> {
    if week {
        let due = vault.due_this_week(fieldnotes_core::dates::today_local())?;
        return crate::output::print_json_or(&due, out.json, || due_text(&due));
    }
    let case = case_code.map(|c| vault.case_id(&c)).transpose()?;
    let rows = vault.follow_ups(case)?;
    crate::output::print_json_or(&rows, out.json, || rows_text(&rows))
}

fn assignee_text(assignee: Option<&str>) -> String {
    assignee.map(|a| format!("  -> {a}")).unwrap_or_default()
}

fn rows_text(rows: &[FollowUpRow]) -> String {
    if rows.is_empty() {
        return "No follow-ups.".into();
    }
    rows.iter()
        .map(|r| {
            let state = if r.done { "done" } else { "open" };
            let conflict = if r.conflict { "  CONFLICT" } else { "" };
            format!(
                "{}  {:<10} {state}  {:<10}  {}{}{conflict}",
                r.record_id,
                r.case_code,
                r.due.as_deref().unwrap_or("-"),
                r.title,
                assignee_text(r.assignee.as_deref()),
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn due_text(due: &[DueFollowUp]) -> String {
    if due.is_empty() {
        return "Nothing is due this week.".into();
    }
    due.iter()
        .map(|d| {
            let late = if d.overdue { "  OVERDUE" } else { "" };
            format!(
                "{}  {:<10} {}  {}{}{late}",
                d.record_id,
                d.case_code,
                d.due,
                d.title,
                assignee_text(d.assignee.as_deref()),
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}
