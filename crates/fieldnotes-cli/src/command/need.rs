//! `need add` and `need set`. Which consent a referral rests on is the
//! core's rule (`Vault::save_need`); this only gathers the fields.

use anyhow::Result;
use clap::Subcommand;
use fieldnotes_core::{Body, NeedBody, NeedCategory, Priority, ReferralStatus, Vault};
use uuid::Uuid;

use super::not_a;

#[derive(Subcommand)]
pub enum NeedCommand {
    /// Record a need. Prints the new id.
    Add {
        #[arg(long = "case")]
        case_code: String,
        #[arg(long)]
        category: NeedCategory,
        #[arg(long)]
        text: Option<String>,
        #[arg(long, default_value = "medium")]
        priority: Priority,
        #[arg(long, default_value = "identified")]
        status: ReferralStatus,
        /// The service referred to
        #[arg(long)]
        target: Option<String>,
        #[arg(long)]
        due: Option<String>,
    },
    /// Change a need's status, priority, referral target or due date
    Set {
        id: Uuid,
        #[arg(long)]
        status: Option<ReferralStatus>,
        #[arg(long)]
        priority: Option<Priority>,
        #[arg(long)]
        target: Option<String>,
        #[arg(long)]
        due: Option<String>,
        /// The consent record the referral relies on [default: the case's referral consent]
        #[arg(long)]
        consent: Option<Uuid>,
    },
}

pub fn run(vault: &mut Vault, cmd: NeedCommand) -> Result<()> {
    match cmd {
        NeedCommand::Add {
            case_code,
            category,
            text,
            priority,
            status,
            target,
            due,
        } => {
            let need = NeedBody {
                unknown: Default::default(),
                case: vault.case_id(&case_code)?,
                category,
                description: text.unwrap_or_default(),
                priority,
                status,
                referral_target: target,
                due,
                consent: None,
            };
            let v = vault.save_need(None, need, None)?;
            println!("{}", v.record_id);
        }
        NeedCommand::Set {
            id,
            status,
            priority,
            target,
            due,
            consent,
        } => {
            let mut need = match vault.current(id)?.body {
                Some(Body::Need(n)) => n,
                _ => return Err(not_a("need", id).into()),
            };
            need.status = status.unwrap_or(need.status);
            need.priority = priority.unwrap_or(need.priority);
            if target.is_some() {
                need.referral_target = target;
            }
            if due.is_some() {
                need.due = due;
            }
            vault.save_need(Some(id), need, consent)?;
            println!("Need {id} updated.");
        }
    }
    Ok(())
}
