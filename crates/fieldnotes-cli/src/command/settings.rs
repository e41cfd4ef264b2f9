//! `settings`: the vault's own settings, kept inside the vault. For now
//! the retention period, counted from a case's closure (the core's rule:
//! `Vault::retention_months`, `Vault::past_retention`).

use anyhow::{bail, Result};
use clap::{Args, Subcommand};
use fieldnotes_core::retention::MAX_MONTHS;
use fieldnotes_core::Vault;

use crate::cli::Out;
use crate::output::print_json_or;

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct SettingsArgs {
    #[command(subcommand)]
    command: Option<SettingsCommand>,
    #[command(flatten)]
    out: Out,
}

#[derive(Subcommand)]
pub enum SettingsCommand {
    /// Keep closed cases this many months (then the overview lists them), or `none`
    Retention {
        #[arg(value_name = "MONTHS|none")]
        months: String,
    },
}

#[derive(serde::Serialize)]
struct Settings {
    retention_months: Option<u32>,
}

pub fn run(vault: &mut Vault, args: SettingsArgs) -> Result<()> {
    if let Some(SettingsCommand::Retention { months }) = args.command {
        vault.set_retention_months(parse_months(&months)?)?;
    }
    let settings = Settings {
        retention_months: vault.retention_months()?,
    };
    print_json_or(&settings, args.out.json, || {
        match settings.retention_months {
        Some(m) => format!("Retention period: {m} months after a case is closed. Cases kept longer are listed in the overview; nothing is erased automatically."),
        None => "Retention period: none. Records are kept until someone decides otherwise.".into(),
    }
    })
}

fn parse_months(text: &str) -> Result<Option<u32>> {
    let text = text.trim();
    if text.eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    match text.parse::<u32>() {
        Ok(m) if (1..=MAX_MONTHS).contains(&m) => Ok(Some(m)),
        _ => bail!(
            "Write the retention period as a number of months from 1 to {MAX_MONTHS}, or none."
        ),
    }
}
