//! `consent add` and `consent withdraw`. Which referrals may rest on which
//! consent is the core's rule (`Vault::add_consent`, `withdraw_consent`).
//!
//! Invariant: a withdrawal first shows what rested on the consent
//! (`Vault::consent_dependents`) and is only recorded once confirmed: at
//! the terminal, or with `--yes` where there is none.

use std::io::{BufRead, IsTerminal, Write};

use anyhow::{bail, Result};
use clap::Subcommand;
use fieldnotes_core::withdrawal::ConsentDependents;
use fieldnotes_core::{ConsentScope, Vault};
use uuid::Uuid;

#[derive(Subcommand)]
pub enum ConsentCommand {
    /// Record consent. Prints the new id.
    Add {
        #[arg(long = "case")]
        case_code: String,
        #[arg(long)]
        scope: ConsentScope,
        /// For a referral: the named service
        #[arg(long)]
        service: Option<String>,
        #[arg(long)]
        note: Option<String>,
    },
    /// Record that consent was withdrawn, after showing what rested on it
    Withdraw {
        id: Uuid,
        /// Do not ask to confirm
        #[arg(long)]
        yes: bool,
    },
}

pub fn run(vault: &mut Vault, cmd: ConsentCommand) -> Result<()> {
    match cmd {
        ConsentCommand::Add {
            case_code,
            scope,
            service,
            note,
        } => {
            let case = vault.case_id(&case_code)?;
            let v = vault.add_consent(case, scope, service, note)?;
            println!("{}", v.record_id);
        }
        ConsentCommand::Withdraw { id, yes } => withdraw(vault, id, yes)?,
    }
    Ok(())
}

fn withdraw(vault: &mut Vault, id: Uuid, yes: bool) -> Result<()> {
    let deps = vault.consent_dependents(id)?;
    println!("{}", dependents_text(&deps));
    if deps.withdrawn_at.is_some() {
        println!("Consent {id} was already withdrawn; nothing changed.");
        return Ok(());
    }
    if !yes && !std::io::stdin().is_terminal() {
        bail!("Not withdrawn: there is no terminal to confirm at. Read what rests on the consent above, then run again with --yes.");
    }
    if !yes {
        print!("Record that the survivor withdrew this consent? [y/N] ");
        std::io::stdout().flush()?;
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer)?;
        if !matches!(answer.trim(), "y" | "Y" | "yes") {
            bail!("Not withdrawn; nothing changed.");
        }
    }
    vault.withdraw_consent(id)?;
    println!("Consent {id} withdrawn.");
    for r in &deps.referrals {
        println!(
            "To mark the referral withdrawn: fieldnotes need set {} --status withdrawn",
            r.need_id
        );
    }
    Ok(())
}

/// What rested on a consent, for people, saying what is not known.
fn dependents_text(d: &ConsentDependents) -> String {
    let mut out = vec![format!(
        "Consent {} ({}) of case {}, given {}.",
        d.consent_id, d.scope, d.case_code, d.given_at
    )];
    for r in &d.referrals {
        out.push(format!(
            "  Referral resting on it: need {} ({}, {}{})",
            r.need_id,
            r.category,
            r.status,
            r.referral_target
                .as_deref()
                .map(|t| format!(", to {t}"))
                .unwrap_or_default()
        ));
    }
    for b in &d.bundles {
        out.push(format!(
            "  Bundle {} sent {} to {} carried the case.",
            b.bundle_id,
            b.sent_at,
            b.recipients.join(", ")
        ));
    }
    if d.unitemised_bundles > 0 {
        out.push(format!(
            "  {} earlier bundles sent since then did not record their cases; they may have carried it.",
            d.unitemised_bundles
        ));
    }
    for p in &d.photographs {
        out.push(format!(
            "  Photograph: attachment {} ({})",
            p.id, p.file_name
        ));
    }
    if out.len() == 1 {
        out.push("  Nothing recorded on this laptop rests on it.".into());
    }
    out.push("Copies already sent stay on the other laptops; this laptop cannot know what they passed on.".into());
    out.join("\n")
}
