//! `erase`: removes the content of a record or a whole case for good,
//! after saying in plain words what goes, where copies may remain and that
//! it cannot be undone. The rules are the core's (`fieldnotes_core::erasure`).

use std::io::{BufRead, IsTerminal, Write};

use anyhow::{bail, Result};
use clap::Args;
use fieldnotes_core::erasure::ErasurePlan;
use fieldnotes_core::{ErasureReason, Vault};
use uuid::Uuid;

#[derive(Args)]
#[command(group(clap::ArgGroup::new("target").required(true).args(["id", "case_code"])))]
pub struct EraseArgs {
    /// The record to erase (a note, need, consent, follow-up or attachment)
    id: Option<Uuid>,
    /// Erase a whole case: the case and every record of it
    #[arg(long = "case", value_name = "CODE")]
    case_code: Option<String>,
    /// Why: consent_withdrawn, erasure_request, retention_ended or entered_in_error
    #[arg(long)]
    reason: ErasureReason,
    /// Do not ask to confirm (needed where there is no terminal)
    #[arg(long)]
    yes: bool,
}

/// What the erasure removes and where copies may remain, for people.
fn plan_text(plan: &ErasurePlan) -> String {
    let what = match &plan.case_code {
        Some(code) => format!("case {code} and everything recorded in it"),
        None => "this record".to_owned(),
    };
    let files = if plan.attachments > 0 {
        format!(
            ", {} attached file(s) ({:.1} MiB)",
            plan.attachments,
            plan.attachment_bytes as f64 / (1024.0 * 1024.0)
        )
    } else {
        String::new()
    };
    format!(
        "This erases {what}: {} record(s) with {} version(s){files}.\n\
         Their text, the survivor's identity, search entries and file contents are removed from this laptop for good; \
         a signed entry records who erased which records, when and why.\n\
         Copies remain on other laptops until they import this erasure (it travels in your next bundles), \
         and in backups made before now until those are rotated out.\n\
         This cannot be undone.",
        plan.records.len(),
        plan.versions
    )
}

fn confirmed(yes: bool) -> Result<bool> {
    if yes {
        return Ok(true);
    }
    if !std::io::stdin().is_terminal() {
        bail!("Nothing was erased: there is no terminal to confirm at. Read what will be erased, then run again with --yes.");
    }
    print!("Type ERASE to confirm: ");
    std::io::stdout().flush()?;
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    Ok(answer.trim() == "ERASE")
}

pub fn run(vault: &mut Vault, args: EraseArgs) -> Result<()> {
    let target = match (&args.case_code, args.id) {
        (Some(code), _) => vault.case_id(code)?,
        (None, Some(id)) => id,
        (None, None) => bail!("Name a record id or --case CODE."),
    };
    erase_target(vault, target, args.reason, args.yes)
}

/// Says what erasing `target` removes, asks to confirm (unless `yes`),
/// then erases it.
pub fn erase_target(
    vault: &mut Vault,
    target: Uuid,
    reason: ErasureReason,
    yes: bool,
) -> Result<()> {
    let plan = vault.erasure_plan(target)?;
    eprintln!("{}", plan_text(&plan));
    if !confirmed(yes)? {
        bail!("Nothing was erased.");
    }
    let done = vault.erase(target, reason)?;
    println!(
        "Erased {} record(s) ({} version(s), {} attached file(s)) for {}.",
        done.records.len(),
        done.versions,
        done.attachments,
        reason
    );
    Ok(())
}
