//! `report`: reports for the people around a case.

use anyhow::Result;
use clap::Subcommand;
use fieldnotes_core::Vault;

use super::stats;

#[derive(Subcommand)]
pub enum ReportCommand {
    /// Anonymised statistics for a period: CSV, XLSX or a one-page PDF
    Stats(stats::StatsArgs),
}

pub fn run(vault: &mut Vault, command: ReportCommand) -> Result<()> {
    match command {
        ReportCommand::Stats(args) => stats::run(vault, args),
    }
}
