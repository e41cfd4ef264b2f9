//! The command-line grammar: the global options and the list of commands.
//!
//! Each command's own arguments live with its code under `command/`; this
//! enum only embeds them, in the order `fieldnotes --help` lists them.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// `fieldnotes --version`: the release and the commit built from.
const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("FIELDNOTES_COMMIT"),
    ")"
);

use crate::command::{
    attach, audit, backup, case, consent, erase, exchange, followup, forms, need, note, records,
    reports, settings, vault,
};

/// Fieldnotes: encrypted, offline casework records for aftercare staff.
#[derive(Parser)]
#[command(name = "fieldnotes", version = VERSION, about, max_term_width = 100)]
pub struct Cli {
    /// The vault folder [default: the platform's data folder]
    #[arg(long, global = true, env = "FIELDNOTES_VAULT", value_name = "DIR")]
    pub vault: Option<PathBuf>,

    /// Read the passphrase from FILE (also: FIELDNOTES_PASSPHRASE_FILE, FIELDNOTES_PASSPHRASE)
    #[arg(long, global = true, value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Create a new vault
    Init(vault::InitArgs),
    /// Change the passphrase (the data is not re-encrypted)
    Passwd(vault::PasswdArgs),
    /// Set a new passphrase using the organisation's recovery identity
    Recover(vault::RecoverArgs),
    /// Check how strong a passphrase is (read like a new one)
    Strength,
    /// Cases: add, list, show, change
    #[command(subcommand)]
    Case(case::CaseCommand),
    /// Interviews and notes, free or following an interview form
    #[command(subcommand)]
    Note(note::NoteCommand),
    /// Interview forms: the shipped ones and the vault folder's own (`forms/*.json`)
    #[command(subcommand)]
    Forms(forms::FormsCommand),
    /// Needs and referrals
    #[command(subcommand)]
    Need(need::NeedCommand),
    /// Consent given or withdrawn
    #[command(subcommand)]
    Consent(consent::ConsentCommand),
    /// Follow-up tasks
    #[command(subcommand, name = "followup")]
    FollowUp(followup::FollowUpCommand),
    /// Attachments: files of any size, stored encrypted
    #[command(subcommand)]
    Attach(attach::AttachCommand),
    /// Full-text search over notes, needs and cases
    Search(records::SearchArgs),
    /// Every version of a record, oldest first
    History(records::HistoryArgs),
    /// Every current record (heads; conflicts marked), in a stable order
    Records(records::RecordsArgs),
    /// Delete a record (a tombstone version; the history stays)
    Delete(records::DeleteArgs),
    /// Erase a record or a whole case for good: its content goes, a signed erasure entry stays
    Erase(erase::EraseArgs),
    /// The audit log, or `audit verify` to check its chain
    Audit(audit::AuditArgs),
    /// Back up the whole vault, encrypted and verified, to a folder (a USB drive)
    #[command(args_conflicts_with_subcommands = true)]
    Backup(backup::BackupArgs),
    /// Restore a backup into the --vault folder (the current vault is kept aside with --replace)
    Restore(backup::RestoreArgs),
    /// This device's public identity card (give it to whoever should trust this laptop)
    Card(exchange::CardArgs),
    /// The roster of trusted devices
    #[command(subcommand)]
    Trust(exchange::TrustCommand),
    /// Write a signed, encrypted bundle for other devices
    Export(exchange::ExportArgs),
    /// Verify a bundle and merge it into the vault
    Import(exchange::ImportArgs),
    /// Records edited on two devices at once, with both versions
    Conflicts(exchange::ConflictsArgs),
    /// Settle a conflict: keep one version, or write the text by hand
    Resolve(exchange::ResolveArgs),
    /// This device's secret identity
    #[command(subcommand)]
    Identity(exchange::IdentityCommand),
    /// List mounted removable drives (USB sticks, SD cards) to back up to
    Drives(backup::DrivesArgs),
    /// Check every record version's signature and the database's integrity
    Check,
    /// The vault's settings (`settings retention MONTHS|none`)
    Settings(settings::SettingsArgs),
    /// Reports: a signed case summary (PDF), anonymised statistics
    #[command(subcommand)]
    Report(reports::ReportCommand),
}

/// `--json`, shared by every command that prints something scripts read.
#[derive(Args, Clone, Copy)]
pub struct Out {
    /// Print JSON
    #[arg(long)]
    pub json: bool,
}
