//! `report`: a signed case summary (PDF) and its check, and anonymised
//! statistics (`stats.rs`). The layout, the signature, the suppression and
//! the audit entries are the core's (`fieldnotes_core::report`); here:
//! arguments, the file, and what is printed.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _, Result};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use fieldnotes_core::report::{CaseReportRequest, ReportCheck};
use fieldnotes_core::{Lang, Vault};
use uuid::Uuid;

use super::stats;
use crate::cli::Out;
use crate::output::print_json_or;

#[derive(Subcommand)]
pub enum ReportCommand {
    /// A signed summary of one case as a PDF (the identity only with --with-identity; audited)
    Case(CaseArgs),
    /// Check a case summary: intact, and signed by a laptop this vault trusts
    Verify(VerifyArgs),
    /// Anonymised statistics for a period: CSV, XLSX or a one-page PDF
    Stats(stats::StatsArgs),
}

#[derive(Args)]
pub struct CaseArgs {
    /// The case's code
    code: String,
    /// The PDF to write (never an existing file)
    #[arg(long, value_name = "FILE.pdf")]
    out: PathBuf,
    /// The report's language: en or ro
    #[arg(long, default_value = "en", value_parser = parse_lang)]
    lang: Lang,
    /// Include the survivor's identity (name, date of birth, contacts); recorded in the audit log
    #[arg(long)]
    with_identity: bool,
    /// Only these interviews and notes (their ids); drafts only when named here [default: all but drafts]
    #[arg(long, value_name = "ID", num_args = 1..)]
    notes: Vec<Uuid>,
    /// The chronology from this date (2026-12-31, 31.12.2026 or 31/12/2026)
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    from: Option<NaiveDate>,
    /// The chronology up to this date, included
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    to: Option<NaiveDate>,
}

#[derive(Args)]
pub struct VerifyArgs {
    /// The PDF to check
    file: PathBuf,
    #[command(flatten)]
    out: Out,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    s.parse().map_err(|e: fieldnotes_core::Error| e.to_string())
}

fn parse_day(s: &str) -> Result<NaiveDate, String> {
    fieldnotes_core::dates::parse_date("date", s).map_err(|e| e.to_string())
}

pub fn run(vault: &mut Vault, cmd: ReportCommand) -> Result<()> {
    match cmd {
        ReportCommand::Case(args) => case(vault, args),
        ReportCommand::Verify(args) => verify(vault, &args),
        ReportCommand::Stats(args) => stats::run(vault, args),
    }
}

/// Refuses an existing file or a folder that is not there, before any work.
fn check_out(out: &Path) -> Result<()> {
    if out.exists() {
        bail!(
            "{} already exists. Choose another --out file; nothing was written.",
            out.display()
        );
    }
    if let Some(folder) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        if !folder.is_dir() {
            bail!(
                "The folder {} does not exist; nothing was written.",
                folder.display()
            );
        }
    }
    Ok(())
}

fn case(vault: &mut Vault, args: CaseArgs) -> Result<()> {
    check_out(&args.out)?;
    let request = CaseReportRequest {
        case: vault.case_id(&args.code)?,
        lang: args.lang,
        with_identity: args.with_identity,
        notes: (!args.notes.is_empty()).then_some(args.notes),
        from: args.from,
        to: args.to,
    };
    let report = vault.case_report(&request)?;
    report.write_to(&args.out, false)?;
    let identity = if args.with_identity {
        " It includes the survivor's identity; this was recorded in the audit log."
    } else {
        ""
    };
    println!(
        "Wrote the summary of case {} to {} ({} entries, signed by this laptop).{identity}",
        report.manifest.case_code,
        args.out.display(),
        report.manifest.entries.len()
    );
    Ok(())
}

fn verify(vault: &mut Vault, args: &VerifyArgs) -> Result<()> {
    let pdf = std::fs::read(&args.file)
        .with_context(|| format!("Could not read {}", args.file.display()))?;
    let check = vault.verify_report(&pdf)?;
    print_json_or(&check, args.out.json, || text(&check))
}

fn text(c: &ReportCheck) -> String {
    let signer = if c.signer_name.trim().is_empty() {
        c.signer.to_string()
    } else {
        c.signer_name.clone()
    };
    let this = if c.this_device { ", this laptop" } else { "" };
    let identity = if c.with_identity {
        "with the survivor's identity"
    } else {
        "without the survivor's identity"
    };
    format!(
        "Intact: this report was not changed since it was signed.\n  case: {}\n  made: {}\n  signed by: {signer} ({}{this}), fingerprint {}\n  shows: {} entries, {identity}",
        c.case_code, c.made_at, c.signer, c.fingerprint, c.entries
    )
}
