//! How a failure reaches the person at the terminal: `error[CODE]: message`
//! with the core's stable code, a CLI hint naming the command that helps,
//! and an exit status per kind of failure (documented in the README).
//!
//! Invariant: the core's messages never name commands or flags; the hints
//! here do, so the desktop app never shows a command line.

use std::process::ExitCode;

use fieldnotes_core::ErrorCode;

/// Exit status: the command failed for another reason.
pub const EXIT_FAILED: u8 = 1;
// Exit status 2: the command line was wrong (clap's own, before any work).
/// Exit status: there is no vault in the folder.
pub const EXIT_NO_VAULT: u8 = 3;
/// Exit status: the passphrase (or recovery key) did not open the vault.
pub const EXIT_WRONG_PASSPHRASE: u8 = 4;
/// Exit status: a bundle was refused; nothing was imported.
pub const EXIT_BUNDLE_REFUSED: u8 = 5;
/// Exit status: the vault, a backup or an attachment is damaged.
pub const EXIT_DAMAGED: u8 = 6;

/// The exit status for a core error code.
pub fn exit_status(code: ErrorCode) -> u8 {
    use ErrorCode::*;
    match code {
        NoVault => EXIT_NO_VAULT,
        WrongPassphrase | WrongRecoveryKey => EXIT_WRONG_PASSPHRASE,
        BundleCorrupt | BundleTampered | ClockAhead | NotARecipient | UntrustedSender
        | UntrustedAuthor | RevokedSender | RevokedAuthor | ReplayedSequence => EXIT_BUNDLE_REFUSED,
        CorruptDatabase | CorruptEnvelope | ForeignEnvelope | MissingDatabase | BadSignature
        | AuditBroken | AttachmentCorrupt | BackupCorrupt | BackupIncomplete => EXIT_DAMAGED,
        _ => EXIT_FAILED,
    }
}

/// What to type next, for the codes where a command helps.
pub fn hint(code: ErrorCode) -> Option<&'static str> {
    use ErrorCode::*;
    Some(match code {
        NoVault => "Create one with `fieldnotes init`, or point --vault at the right folder.",
        NotFound => "List the records with `fieldnotes records`.",
        UnknownCase => "List the cases with `fieldnotes case list`.",
        ConsentRequired => {
            "Record it with `fieldnotes consent add --scope referral --case CODE`, then try again."
        }
        ShareConsentMissing => "Record it with `fieldnotes consent add --scope share_with_lead --case CODE`, or export with --without-consent REASON.",
        PhotographConsentMissing => "Record it with `fieldnotes consent add --scope photographs --case CODE`, or attach with --without-consent REASON.",
        NoRecipients => "Name one with --to DEVICE_ID (see `fieldnotes trust list`).",
        UnknownDevice | UntrustedSender | UntrustedAuthor | ReportUntrusted => {
            "Compare fingerprints, then add the card with `fieldnotes trust add CARD_FILE`."
        }
        NothingToExport => "Use --all, or --case CODE, to send records again.",
        TextMergeUnsupported => "Keep one version with `fieldnotes resolve ID --keep VERSION`.",
        Conflict | NotAConflictingVersion | ConflictChanged => {
            "See both versions with `fieldnotes conflicts`, then `fieldnotes resolve`."
        }
        UnknownForm | InvalidForm => "List the forms, and what is wrong with a bad file, with `fieldnotes forms list`.",
        InvalidAnswer => "See the form's questions and choices with `fieldnotes forms show ID`.",
        RecoveryNotConfigured => "Only `fieldnotes passwd` with the passphrase can change it.",
        _ => return None,
    })
}

/// Prints an error to stderr and gives the exit status for it.
pub fn failure(e: &anyhow::Error) -> ExitCode {
    match e.downcast_ref::<fieldnotes_core::Error>() {
        // Core errors already say what to do; the hint says how, here.
        Some(core) => {
            let code = core.code();
            eprintln!("error[{code}]: {core}");
            if let Some(h) = hint(code) {
                eprintln!("hint: {h}");
            }
            ExitCode::from(exit_status(code))
        }
        // The CLI's own failures (files it reads, its prompts): with causes.
        None => {
            eprintln!("error: {e:#}");
            ExitCode::from(EXIT_FAILED)
        }
    }
}
