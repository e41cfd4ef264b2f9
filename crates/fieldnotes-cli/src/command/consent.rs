//! `consent add` and `consent withdraw`. Which referrals may rest on which
//! consent is the core's rule (`Vault::add_consent`, `withdraw_consent`).

use anyhow::Result;
use clap::Subcommand;
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
    /// Record that consent was withdrawn
    Withdraw { id: Uuid },
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
        ConsentCommand::Withdraw { id } => {
            vault.withdraw_consent(id)?;
            println!("Consent {id} withdrawn.");
        }
    }
    Ok(())
}
