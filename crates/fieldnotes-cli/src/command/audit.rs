//! `audit` and `audit verify`: the audit log for people (who did it and the
//! subjects named by the core's audit view) or for scripts (as stored), and its chain check.

use anyhow::Result;
use clap::{Args, Subcommand};
use fieldnotes_core::views::AuditView;
use fieldnotes_core::Vault;

use crate::cli::Out;
use crate::output::print_json_or;

#[derive(Args)]
pub struct AuditArgs {
    #[command(subcommand)]
    action: Option<AuditCommand>,
    #[command(flatten)]
    out: Out,
}

#[derive(Subcommand)]
pub enum AuditCommand {
    /// Check the audit chain for changed, removed or reordered entries
    Verify,
}

pub fn run(vault: &mut Vault, args: AuditArgs) -> Result<()> {
    match args.action {
        Some(AuditCommand::Verify) => {
            let report = vault.verify_audit()?;
            print_json_or(&report, args.out.json, || {
                format!(
                    "The audit log is intact: {} entries, head {}.",
                    report.entries, report.head
                )
            })
        }
        // --json keeps the log as stored, oldest first, for scripts.
        None if args.out.json => print_json_or(&vault.audit_log()?, true, String::new),
        None => {
            println!("{}", audit_text(&vault.audit_view()?));
            Ok(())
        }
    }
}

/// The audit log for people, oldest first: who did it ("this laptop", or
/// the device a merged change came from) and the subject named.
fn audit_text(view: &AuditView) -> String {
    view.entries
        .iter()
        .rev()
        .map(|e| {
            let by = e.by_name.as_deref().unwrap_or("this laptop");
            format!(
                "{:>6}  {}  {:<18} {:<14} {}",
                e.seq, e.at, e.event, by, e.subject_label
            )
            .trim_end()
            .to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
}
