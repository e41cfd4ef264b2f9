//! `followup add` and `followup done`: tasks with a case.

use anyhow::Result;
use clap::Subcommand;
use fieldnotes_core::{Body, FollowUpBody, Vault};
use uuid::Uuid;

use super::not_a;

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
        #[arg(long)]
        assign: Option<String>,
    },
    /// Mark a follow-up done
    Done { id: Uuid },
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
            let v = vault.add(Body::FollowUp(FollowUpBody {
                unknown: Default::default(),
                case,
                title,
                due,
                assigned_to: assign,
                done: false,
            }))?;
            println!("{}", v.record_id);
        }
        FollowUpCommand::Done { id } => {
            vault.modify(id, |b| match b {
                Body::FollowUp(f) => {
                    f.done = true;
                    Ok(())
                }
                _ => Err(not_a("follow-up", id)),
            })?;
            println!("Follow-up {id} done.");
        }
    }
    Ok(())
}
