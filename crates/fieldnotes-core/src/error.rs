//! The one error type of the core.
//!
//! Invariants: every variant's message is one or two plain sentences that say
//! what happened and what to do; no message ever carries a passphrase, a key,
//! record content or a file name from inside the vault (a form file is
//! named: it is an organisation's questionnaire and holds no case data).
//! [`Error::code`] gives a stable machine-readable code that the shells
//! (CLI, desktop) pass on.

use std::io;
use std::path::PathBuf;

/// Result alias used throughout the core.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in the core.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("The passphrase is wrong. Check the keyboard layout and Caps Lock, then try again.")]
    WrongPassphrase,

    #[error("That passphrase is too easy to guess{}. Use four or more unrelated words, or a longer sentence.", feedback_suffix(.feedback))]
    WeakPassphrase { feedback: String },

    #[error("The two passphrases do not match. Type the same passphrase twice.")]
    PassphraseMismatch,

    #[error("A vault already exists in {0}. Choose another folder, or unlock the existing vault.")]
    VaultExists(PathBuf),

    #[error(
        "There is no vault in {0}. Create a vault there, or choose the folder that holds yours."
    )]
    NoVault(PathBuf),

    #[error("The vault's database file is missing. Restore the vault from a backup.")]
    MissingDatabase,

    #[error("The key file of this vault is damaged or is not a Fieldnotes key file. Restore the vault from a backup, or recover with the organisation's recovery key.")]
    CorruptEnvelope,

    #[error("The key file opens, but it belongs to a different vault than the database beside it. Put the vault's own key file back, or restore from a backup.")]
    ForeignEnvelope,

    #[error("The key file asks for an unreasonably expensive key derivation (work factor {found}, at most {max} accepted), so it was not tried. The file is not one this app wrote; restore it from a backup.")]
    ExcessiveWorkFactor { found: u8, max: u8 },

    #[error("The vault's database is damaged. Restore the vault from a backup.")]
    CorruptDatabase,

    #[error("This {what} was made by a newer version of Fieldnotes (format {found}; this version reads up to {supported}). Update Fieldnotes to open it.")]
    UnsupportedVersion {
        what: &'static str,
        found: u64,
        supported: u64,
    },

    #[error("This vault has no organisation recovery key. Only the passphrase can open it.")]
    RecoveryNotConfigured,

    #[error("That recovery key does not open this vault. Use the organisation's recovery identity file that matches the vault.")]
    WrongRecoveryKey,

    #[error("That is not an age recovery key: {expected}.")]
    InvalidKey { expected: &'static str },

    #[error("No {what} with id {id}. Check the id against the list of records.")]
    NotFound { what: &'static str, id: String },

    #[error("No case with the code {0}. Check the code against the list of cases.")]
    UnknownCase(String),

    #[error("A case with the code {0} already exists. Choose another code.")]
    CaseCodeTaken(String),

    #[error("{what} must not be empty.")]
    Empty { what: &'static str },

    // The value typed is kept for the caller but never put in the message:
    // it may be a survivor's date of birth.
    #[error("That {what} is not one this app understands. Write it as one of: {accepted}.")]
    InvalidDate {
        what: &'static str,
        given: String,
        accepted: &'static str,
    },

    #[error("The {what} is in the future. Check the year.")]
    FutureDate { what: &'static str, given: String },

    #[error("{0}")]
    CaseRule(crate::case_model::CaseRule),

    #[error("Unknown {what} '{given}'. Choose one of: {allowed}.")]
    UnknownValue {
        what: &'static str,
        given: String,
        allowed: String,
    },

    // A form file is an organisation's questionnaire, never case data, so
    // it is named: the person fixing it must know which file.
    #[error("The form file {file} is not valid: {problem}. Fix the file, or take it out of the vault's forms folder; the other forms still work.")]
    InvalidForm {
        file: String,
        problem: crate::forms::FormProblem,
    },

    #[error("The form '{id}'{} is not available on this laptop. Choose one of the forms listed, or put the organisation's form file in the vault's forms folder.", form_version_suffix(.version))]
    UnknownForm { id: String, version: Option<u32> },

    // The answer itself is survivor data: kept in the problem, never shown.
    #[error("The answer to question '{question}' {problem}. Correct it and try again.")]
    InvalidAnswer {
        question: String,
        problem: crate::forms::AnswerProblem,
    },

    #[error("This note's answers propose no {what}.")]
    NothingProposed { what: &'static str },

    #[error("Record {id} has conflicting versions from different devices. Resolve the conflict before editing it.")]
    Conflict { id: String },

    #[error("Record {id} was deleted and cannot be changed.")]
    Deleted { id: String },

    #[error(
        "Record {id} was erased: its content is gone for good and it cannot be read or changed."
    )]
    Erased { id: String },

    #[error("A referral needs the survivor's recorded consent to referral. Record that consent on the case first, then try again.")]
    ConsentRequired,

    #[error("The attachment's stored content does not match its recorded hash; it is damaged. Restore the vault from a backup.")]
    AttachmentCorrupt,

    // Codes only: the case codes are pseudonyms, never names.
    #[error("None of the cases to send has the survivor's consent to share with the case lead (left out: {cases}). Record that consent on the case, or send it without consent and give the reason, which is audited.")]
    ShareConsentMissing { cases: String },

    #[error("This file is a photograph, and the survivor has not given consent to photographs (or withdrew it). Record that consent on the case first, or attach it without consent and give the reason, which is audited.")]
    PhotographConsentMissing,

    #[error("The attachment's sealed file is missing from the vault folder. Restore the vault from a backup.")]
    AttachmentMissing,

    #[error("This vault's files are still inside its database, as an earlier version kept them. Unlock the vault again: they move into sealed files first.")]
    AttachmentsNotMoved,

    #[error("The stored version {version} fails its author signature check; the vault may have been tampered with. Restore from a backup and report it.")]
    BadSignature { version: String },

    #[error("The audit log is broken at entry {seq}: an entry was changed, removed or reordered.")]
    AuditBroken { seq: u64 },

    #[error(
        "This backup file is damaged, cut short or not a Fieldnotes backup. Use another backup."
    )]
    BackupCorrupt,

    #[error("This backup belongs to another vault or device, so this key cannot open it. Restore it with its own passphrase or the organisation's recovery key.")]
    BackupForeign,

    #[error("This backup is incomplete: {} of the attachment files it needs are missing and {} are damaged in the `blobs` folder of its backup set ({}). It cannot be restored, and nothing was changed. Keep the backup set folder whole (its snapshots and blobs together), or use another backup.", missing.len(), damaged.len(), name_list(missing, damaged))]
    BackupIncomplete {
        /// Sealed BLAKE3s (file names in the set) of the files not there.
        missing: Vec<String>,
        /// Sealed BLAKE3s of the files whose size or content is wrong.
        damaged: Vec<String>,
    },

    #[error("The vault is busy with another operation. Try again in a moment.")]
    Busy,

    #[error(
        "That is not a Fieldnotes identity card, or it is damaged. Ask for the card file again."
    )]
    InvalidCard,

    #[error("That is this laptop's own card. Add the other device's card.")]
    OwnCard,

    #[error("Device {device} is already in the roster with a different key. If it was reinstalled, revoke the old entry and compare the new fingerprint in person.")]
    CardKeyChanged { device: String },

    #[error("Choose at least one recipient from the roster of trusted devices.")]
    NoRecipients,

    #[error("Device {id} is not in the roster. Add its identity card to the roster first.")]
    UnknownDevice { id: String },

    #[error("Device {id} was revoked; nothing is sent to it any more.")]
    RevokedDevice { id: String },

    #[error("Nothing changed since the last bundle to these recipients. Choose whole cases, or everything, to send records again.")]
    NothingToExport,

    #[error("This bundle file is damaged, cut short or not a Fieldnotes bundle. Ask the sender for a new one; nothing was imported.")]
    BundleCorrupt,

    #[error("This bundle was changed or damaged after it was signed. Ask the sender for a new one; nothing was imported.")]
    BundleTampered,

    #[error("This bundle carries edits from device {device} dated more than a day ahead of this laptop's clock. Check the date and time on this laptop and on the sender's, then import again; nothing was imported.")]
    ClockAhead { device: String },

    #[error("This bundle is not addressed to this laptop. Ask the sender to export one to this device; nothing was imported.")]
    NotARecipient,

    #[error("This bundle comes from device {device}, which this laptop does not trust. Compare fingerprints and add its identity card to the roster; nothing was imported.")]
    UntrustedSender { device: String },

    #[error("This bundle carries records written on device {device}, which this laptop does not trust. Compare its fingerprint and add its identity card to the roster; nothing was imported.")]
    UntrustedAuthor { device: String },

    #[error("This bundle carries edits by device {device}, which was revoked: only what was held when it was revoked is kept. Nothing was imported. Send the sender a bundle from this laptop first (it carries the revocation; their next bundle then leaves that device's later edits out), then ask for a new one.")]
    RevokedAuthor { device: String },

    #[error("This bundle comes from device {device}, which was revoked. Nothing was imported.")]
    RevokedSender { device: String },

    #[error("This bundle was already imported; nothing changed.")]
    AlreadyImported,

    #[error("The sender already sent a different bundle numbered {seq}: this one may be forged or replayed. Nothing was imported; check with the sender.")]
    ReplayedSequence { seq: u64 },

    #[error("Record {id} has no conflict to resolve.")]
    NoConflict { id: String },

    #[error("Only notes can be merged by hand. Keep one of the versions instead.")]
    TextMergeUnsupported,

    #[error("{id} is not one of the conflicting versions. Look at the conflicts again and choose one of them.")]
    NotAConflictingVersion { id: String },

    #[error(
        "Record {id} changed since its versions were listed. Look at them again, then choose."
    )]
    ConflictChanged { id: String },

    #[error("The bundle written to {path} did not read back as written, so nothing was marked as sent. Write it to another drive or folder and try again.", path = .path.display())]
    BundleReadBack { path: PathBuf },

    #[error("'{given}' is not one person on the roster. Give the name or the device id of a device on the roster that is not revoked.")]
    UnknownAssignee { given: String },

    #[error("No {expected} with id {id}: that record is a {found}. Check the id.")]
    WrongKind {
        expected: &'static str,
        found: &'static str,
        id: String,
    },

    #[error("That card file is {size} bytes; identity cards are at most {max} bytes. Choose the card file itself.")]
    CardTooLarge { size: u64, max: u64 },

    /// An attachment bigger than the caller can hold in memory at once.
    #[error("This attachment is {size} bytes, more than the {max} bytes that can be read at once. It stays safely in the vault.")]
    AttachmentTooLarge { size: u64, max: u64 },

    #[error("The disk is full. Free some space, then try again; nothing was saved.")]
    DiskFull,

    #[error("Could not {action} {path}: {source}")]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: io::Error,
    },

    #[error("The report could not be laid out. This is a fault in Fieldnotes, not in the records: please report it.")]
    ReportLayout,

    #[error("This file is not a signed Fieldnotes report, or its signature was cut off. Ask the sender for the file exactly as Fieldnotes wrote it.")]
    NotAReport,

    #[error("This report was changed after it was signed, so what it says cannot be relied on. Ask the sender for the file exactly as Fieldnotes wrote it.")]
    ReportTampered,

    #[error("This report is intact, but it was signed by \"{signer}\", a laptop this vault does not trust. Check that laptop's identity card with its owner and trust it, then verify again.")]
    ReportUntrusted { signer: String },

    #[error("Reading or writing the data failed: {0}")]
    Stream(#[source] io::Error),

    #[error("The vault's database reported an error: {0}")]
    Database(#[source] rusqlite::Error),

    #[error("Encryption failed: {0}")]
    Encrypt(#[source] age::EncryptError),
}

/// The first few file names of an incomplete backup, for its message.
fn name_list(missing: &[String], damaged: &[String]) -> String {
    const SHOWN: usize = 5;
    let all: Vec<&str> = missing.iter().chain(damaged).map(String::as_str).collect();
    let mut s = all
        .iter()
        .take(SHOWN)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if all.len() > SHOWN {
        s.push_str(&format!(" and {} more", all.len() - SHOWN));
    }
    s
}

fn form_version_suffix(version: &Option<u32>) -> String {
    version
        .map(|v| format!(" (version {v})"))
        .unwrap_or_default()
}

fn feedback_suffix(feedback: &str) -> String {
    if feedback.is_empty() {
        String::new()
    } else {
        format!(" ({feedback})")
    }
}

impl Error {
    pub(crate) fn io(action: &'static str, path: impl Into<PathBuf>, source: io::Error) -> Self {
        if is_disk_full(&source) {
            return Error::DiskFull;
        }
        Error::Io {
            action,
            path: path.into(),
            source,
        }
    }
}

fn is_disk_full(e: &io::Error) -> bool {
    // ENOSPC (28) and EDQUOT (122) on Linux; StorageFull once stable everywhere.
    matches!(e.raw_os_error(), Some(28) | Some(122))
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        match e.sqlite_error_code() {
            Some(ErrorCode::DiskFull) => Error::DiskFull,
            Some(ErrorCode::NotADatabase) | Some(ErrorCode::DatabaseCorrupt) => {
                Error::CorruptDatabase
            }
            _ => Error::Database(e),
        }
    }
}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        if is_disk_full(&e) {
            Error::DiskFull
        } else {
            Error::Stream(e)
        }
    }
}
