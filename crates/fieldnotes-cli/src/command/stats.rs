//! `report stats`: anonymised statistics for a period, written as CSV,
//! XLSX or a one-page PDF (the format from the file's extension). The core
//! counts, suppresses, writes and audits; this only reads the options.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use fieldnotes_core::report::{StatsFormat, StatsRequest};
use fieldnotes_core::{CaseStatus, ExploitationType, Lang, Vault};

#[derive(Args)]
pub struct StatsArgs {
    /// The first month counted: YYYY-MM (a date YYYY-MM-DD counts as its month)
    #[arg(long, value_name = "MONTH")]
    from: String,
    /// The last month counted, included: YYYY-MM or YYYY-MM-DD
    #[arg(long, value_name = "MONTH")]
    to: String,
    /// The file to write: FILE.csv, FILE.xlsx or FILE.pdf
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// The labels' language: en or ro
    #[arg(long, default_value = "en")]
    lang: Lang,
    /// Only cases in this status now
    #[arg(long)]
    status: Option<CaseStatus>,
    /// Only cases assigned to this worker (the name is not written in the file)
    #[arg(long, value_name = "NAME")]
    worker: Option<String>,
    /// Only cases with this form of exploitation among theirs
    #[arg(long, value_name = "TYPE")]
    exploitation: Option<ExploitationType>,
}

pub fn run(vault: &mut Vault, args: StatsArgs) -> Result<()> {
    let request = StatsRequest {
        from: args.from,
        to: args.to,
        status: args.status,
        worker: args.worker,
        exploitation: args.exploitation,
        lang: args.lang,
    };
    let format = StatsFormat::from_path(&args.out)?;
    vault.write_statistics(&request, format, &args.out)?;
    println!(
        "Wrote anonymised statistics ({}) to {}.",
        format.extension().to_uppercase(),
        args.out.display()
    );
    Ok(())
}
