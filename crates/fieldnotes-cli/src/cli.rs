//! The command-line grammar.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use fieldnotes_core::{
    CaseStatus, ConsentScope, NeedCategory, NoteKind, Priority, ReferralStatus, RiskLevel,
};
use uuid::Uuid;

/// Fieldnotes: encrypted, offline casework records for aftercare staff.
#[derive(Parser)]
#[command(name = "fieldnotes", version, about, max_term_width = 100)]
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
    Init {
        /// Also seal the keys to the organisation's recovery key (age1…)
        #[arg(long, value_name = "AGE_PUBLIC_KEY")]
        recovery_recipient: Option<String>,
    },
    /// Change the passphrase (the data is not re-encrypted)
    Passwd {
        /// Read the new passphrase from FILE (also: FIELDNOTES_NEW_PASSPHRASE_FILE, FIELDNOTES_NEW_PASSPHRASE)
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: Option<PathBuf>,
    },
    /// Set a new passphrase using the organisation's recovery identity
    Recover {
        /// The recovery identity file (AGE-SECRET-KEY-1…)
        #[arg(long, value_name = "FILE")]
        identity: PathBuf,
        /// Read the new passphrase from FILE (also: FIELDNOTES_NEW_PASSPHRASE_FILE, FIELDNOTES_NEW_PASSPHRASE)
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: Option<PathBuf>,
    },
    /// Check how strong a passphrase is (read like a new one)
    Strength,
    /// Cases: add, list, show, change
    #[command(subcommand)]
    Case(CaseCommand),
    /// Interviews and notes
    #[command(subcommand)]
    Note(NoteCommand),
    /// Needs and referrals
    #[command(subcommand)]
    Need(NeedCommand),
    /// Consent given or withdrawn
    #[command(subcommand)]
    Consent(ConsentCommand),
    /// Follow-up tasks
    #[command(subcommand, name = "followup")]
    FollowUp(FollowUpCommand),
    /// Attachments: files of any size, stored encrypted
    #[command(subcommand)]
    Attach(AttachCommand),
    /// Full-text search over notes, needs and cases
    Search {
        query: String,
        #[arg(long, default_value_t = 20)]
        limit: u32,
        #[command(flatten)]
        out: Out,
    },
    /// Every version of a record, oldest first
    History {
        id: Uuid,
        /// Show the restricted identity section of a case (audited)
        #[arg(long)]
        reveal: bool,
        #[command(flatten)]
        out: Out,
    },
    /// Every current record (heads; conflicts marked), in a stable order
    Records {
        /// Show the restricted identity sections of cases (audited)
        #[arg(long)]
        reveal: bool,
        #[command(flatten)]
        out: Out,
    },
    /// Delete a record (a tombstone version; the history stays)
    Delete { id: Uuid },
    /// The audit log, or `audit verify` to check its chain
    Audit {
        #[command(subcommand)]
        action: Option<AuditCommand>,
        #[command(flatten)]
        out: Out,
    },
    /// Back up the whole vault, encrypted and verified, to a folder (a USB drive)
    #[command(args_conflicts_with_subcommands = true)]
    Backup {
        /// The folder to write the backup into
        #[arg(long, value_name = "DIR")]
        to: Option<PathBuf>,
        /// Keep only the newest N backups of this vault in that folder
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
        keep: Option<u32>,
        #[command(subcommand)]
        action: Option<BackupCommand>,
        #[command(flatten)]
        out: Out,
    },
    /// Restore a backup into the --vault folder (the current vault is kept aside with --replace)
    Restore {
        file: PathBuf,
        /// Open the backup with the organisation's recovery identity instead of the passphrase
        #[arg(long, value_name = "FILE")]
        identity: Option<PathBuf>,
        /// Replace a vault that is already in the folder (it is moved aside, not deleted)
        #[arg(long)]
        replace: bool,
        /// With --identity: read the new passphrase from FILE (also: FIELDNOTES_NEW_PASSPHRASE_FILE, FIELDNOTES_NEW_PASSPHRASE)
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: Option<PathBuf>,
        #[command(flatten)]
        out: Out,
    },
    /// This device's public identity card (give it to whoever should trust this laptop)
    Card {
        /// Set the name shown on the card
        #[arg(long)]
        name: Option<String>,
        /// Write the card to FILE instead of printing it
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// The roster of trusted devices
    #[command(subcommand)]
    Trust(TrustCommand),
    /// Write a signed, encrypted bundle for other devices
    Export {
        /// A recipient's device id; repeatable
        #[arg(long = "to", value_name = "DEVICE_ID", required = true)]
        to: Vec<Uuid>,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Only these cases (all their history); repeatable
        #[arg(long = "case", value_name = "CODE")]
        cases: Vec<String>,
        /// Every record this vault holds
        #[arg(long, conflicts_with = "cases")]
        all: bool,
        /// Also encrypt to this laptop, so it can read its own bundle
        #[arg(long = "self")]
        include_self: bool,
        #[command(flatten)]
        json: Out,
    },
    /// Verify a bundle and merge it into the vault
    Import {
        file: PathBuf,
        #[command(flatten)]
        out: Out,
    },
    /// Records edited on two devices at once, with both versions
    Conflicts {
        #[command(flatten)]
        out: Out,
    },
    /// Settle a conflict: keep one version, or write the text by hand
    Resolve {
        id: Uuid,
        /// The version to keep
        #[arg(
            long,
            value_name = "VERSION",
            conflicts_with = "text",
            required_unless_present = "text"
        )]
        keep: Option<Uuid>,
        /// For a note: the merged text
        #[arg(long)]
        text: Option<String>,
    },
    /// This device's secret identity
    #[command(subcommand)]
    Identity(IdentityCommand),
    /// List mounted removable drives (USB sticks, SD cards) to back up to
    Drives {
        #[command(flatten)]
        out: Out,
    },
    /// Check every record version's signature and the database's integrity
    Check,
}

#[derive(Args, Clone, Copy)]
pub struct Out {
    /// Print JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Subcommand)]
pub enum TrustCommand {
    /// Trust the device of an identity card, after comparing its fingerprint
    Add {
        card: PathBuf,
        /// The name to know it by
        #[arg(long)]
        name: Option<String>,
        /// Do not ask to confirm the fingerprint
        #[arg(long)]
        yes: bool,
    },
    /// The devices this laptop knows
    List {
        #[command(flatten)]
        out: Out,
    },
    /// Revoke a lost or stolen device: its bundles are refused from now on
    Revoke { device_id: Uuid },
}

#[derive(Subcommand)]
pub enum IdentityCommand {
    /// Write the age secret key to FILE, to open bundles with the standard age tool (audited)
    ExportSecret {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
pub enum BackupCommand {
    /// The backups in a folder: date, size, and whether they verify
    List {
        dir: PathBuf,
        #[command(flatten)]
        out: Out,
    },
    /// Read a backup of this vault back and check it through and through
    Verify {
        file: PathBuf,
        #[command(flatten)]
        out: Out,
    },
}

#[derive(Subcommand)]
pub enum AuditCommand {
    /// Check the audit chain for changed, removed or reordered entries
    Verify,
}

#[derive(Subcommand)]
pub enum CaseCommand {
    /// Add a case under a pseudonymous code
    Add {
        #[arg(long)]
        code: String,
        #[command(flatten)]
        fields: CaseFields,
    },
    /// List cases
    List {
        #[arg(long)]
        status: Option<CaseStatus>,
        #[command(flatten)]
        out: Out,
    },
    /// Show a case with its notes, needs, consents, follow-ups and attachments
    Show {
        code: String,
        /// Show the restricted identity section (audited)
        #[arg(long)]
        reveal: bool,
        #[command(flatten)]
        out: Out,
    },
    /// Change a case's fields
    Set {
        code: String,
        /// A new code
        #[arg(long)]
        new_code: Option<String>,
        #[command(flatten)]
        fields: CaseFields,
    },
}

#[derive(Args, Default)]
pub struct CaseFields {
    /// Real name (restricted section)
    #[arg(long)]
    pub name: Option<String>,
    /// Date of birth (restricted section)
    #[arg(long)]
    pub date_of_birth: Option<String>,
    /// A phone, address or other contact (restricted section); repeatable
    #[arg(long = "contact")]
    pub contacts: Vec<String>,
    #[arg(long)]
    pub nationality: Option<String>,
    /// A language spoken; repeatable
    #[arg(long = "language")]
    pub languages: Vec<String>,
    #[arg(long)]
    pub risk: Option<RiskLevel>,
    #[arg(long)]
    pub status: Option<CaseStatus>,
    /// The worker the case is assigned to
    #[arg(long)]
    pub worker: Option<String>,
}

#[derive(Subcommand)]
pub enum NoteCommand {
    /// Add an interview or note; the text comes from --text or stdin. Prints the new id.
    Add {
        #[arg(long = "case")]
        case_code: String,
        #[arg(long, default_value = "note")]
        kind: NoteKind,
        #[arg(long)]
        text: Option<String>,
        /// Keep it as a draft
        #[arg(long)]
        draft: bool,
        /// When it took place
        #[arg(long)]
        when: Option<String>,
        /// Where it took place
        #[arg(long)]
        place: Option<String>,
        /// Someone present; repeatable
        #[arg(long)]
        present: Vec<String>,
        #[arg(long)]
        interpreter: Option<String>,
        /// A tag; repeatable
        #[arg(long)]
        tag: Vec<String>,
    },
    /// Replace a note's text (from --text or stdin)
    Edit {
        id: Uuid,
        #[arg(long)]
        text: Option<String>,
        /// Mark a draft as final
        #[arg(long = "final")]
        finalise: bool,
    },
}

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

#[derive(Subcommand)]
pub enum AttachCommand {
    /// Store a file with a case. Prints the new id.
    Add {
        #[arg(long = "case")]
        case_code: String,
        file: PathBuf,
        /// Media type, e.g. image/jpeg
        #[arg(long = "type")]
        media_type: Option<String>,
    },
    /// Write an attachment's content to a file
    Get {
        id: Uuid,
        #[arg(long)]
        out: PathBuf,
    },
}
