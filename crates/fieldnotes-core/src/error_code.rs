//! The stable, machine-readable codes of [`crate::Error`], and which error
//! has which code: one table, so the list and the mapping cannot drift.
//!
//! Invariants: a code's name never changes once released (scripts and the
//! UI's message catalogues key on it); [`ErrorCode::ALL`] lists every code
//! exactly once, so the desktop bindings and the catalogue tests can check
//! that each one is translated.

use serde::Serialize;

use crate::error::Error;

macro_rules! error_codes {
    ($($variant:ident => $name:literal for $pattern:pat,)*) => {
        /// What kind of failure an [`crate::Error`] is, as a stable name.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(rename_all = "snake_case")]
        #[non_exhaustive]
        pub enum ErrorCode {
            $($variant,)*
        }

        impl ErrorCode {
            /// Every code, in declaration order.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant,)*];

            /// The code's stable snake_case name.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $name,)*
                }
            }
        }

        impl Error {
            /// A stable, machine-readable code for this error, for the
            /// desktop shell and for scripts. Codes never change once
            /// released.
            pub fn code(&self) -> ErrorCode {
                match self {
                    $($pattern => ErrorCode::$variant,)*
                }
            }
        }
    };
}

error_codes! {
    WrongPassphrase => "wrong_passphrase" for Error::WrongPassphrase,
    WeakPassphrase => "weak_passphrase" for Error::WeakPassphrase { .. },
    PassphraseMismatch => "passphrase_mismatch" for Error::PassphraseMismatch,
    VaultExists => "vault_exists" for Error::VaultExists(_),
    NoVault => "no_vault" for Error::NoVault(_),
    MissingDatabase => "missing_database" for Error::MissingDatabase,
    CorruptEnvelope => "corrupt_envelope" for Error::CorruptEnvelope,
    ForeignEnvelope => "foreign_envelope" for Error::ForeignEnvelope,
    ExcessiveWorkFactor => "excessive_work_factor" for Error::ExcessiveWorkFactor { .. },
    CorruptDatabase => "corrupt_database" for Error::CorruptDatabase,
    UnsupportedVersion => "unsupported_version" for Error::UnsupportedVersion { .. },
    RecoveryNotConfigured => "recovery_not_configured" for Error::RecoveryNotConfigured,
    WrongRecoveryKey => "wrong_recovery_key" for Error::WrongRecoveryKey,
    InvalidKey => "invalid_key" for Error::InvalidKey { .. },
    NotFound => "not_found" for Error::NotFound { .. },
    UnknownCase => "unknown_case" for Error::UnknownCase(_),
    CaseCodeTaken => "case_code_taken" for Error::CaseCodeTaken(_),
    Empty => "empty" for Error::Empty { .. },
    UnknownValue => "unknown_value" for Error::UnknownValue { .. },
    InvalidForm => "invalid_form" for Error::InvalidForm { .. },
    UnknownForm => "unknown_form" for Error::UnknownForm { .. },
    InvalidAnswer => "invalid_answer" for Error::InvalidAnswer { .. },
    NothingProposed => "nothing_proposed" for Error::NothingProposed { .. },
    Conflict => "conflict" for Error::Conflict { .. },
    Deleted => "deleted" for Error::Deleted { .. },
    Erased => "erased" for Error::Erased { .. },
    ConsentRequired => "consent_required" for Error::ConsentRequired,
    ShareConsentMissing => "share_consent_missing" for Error::ShareConsentMissing { .. },
    PhotographConsentMissing => "photograph_consent_missing" for Error::PhotographConsentMissing,
    AttachmentCorrupt => "attachment_corrupt" for Error::AttachmentCorrupt,
    AttachmentMissing => "attachment_missing" for Error::AttachmentMissing,
    AttachmentsNotMoved => "attachments_not_moved" for Error::AttachmentsNotMoved,
    BadSignature => "bad_signature" for Error::BadSignature { .. },
    AuditBroken => "audit_broken" for Error::AuditBroken { .. },
    BackupCorrupt => "backup_corrupt" for Error::BackupCorrupt,
    BackupForeign => "backup_foreign" for Error::BackupForeign,
    BackupIncomplete => "backup_incomplete" for Error::BackupIncomplete { .. },
    Busy => "busy" for Error::Busy,
    InvalidCard => "invalid_card" for Error::InvalidCard,
    CardTooLarge => "card_too_large" for Error::CardTooLarge { .. },
    OwnCard => "own_card" for Error::OwnCard,
    CardKeyChanged => "card_key_changed" for Error::CardKeyChanged { .. },
    NoRecipients => "no_recipients" for Error::NoRecipients,
    UnknownDevice => "unknown_device" for Error::UnknownDevice { .. },
    RevokedDevice => "revoked_device" for Error::RevokedDevice { .. },
    NothingToExport => "nothing_to_export" for Error::NothingToExport,
    BundleCorrupt => "bundle_corrupt" for Error::BundleCorrupt,
    BundleTampered => "bundle_tampered" for Error::BundleTampered,
    ClockAhead => "clock_ahead" for Error::ClockAhead { .. },
    NotARecipient => "not_a_recipient" for Error::NotARecipient,
    UntrustedSender => "untrusted_sender" for Error::UntrustedSender { .. },
    UntrustedAuthor => "untrusted_author" for Error::UntrustedAuthor { .. },
    RevokedSender => "revoked_sender" for Error::RevokedSender { .. },
    RevokedAuthor => "revoked_author" for Error::RevokedAuthor { .. },
    AlreadyImported => "already_imported" for Error::AlreadyImported,
    ReplayedSequence => "replayed_sequence" for Error::ReplayedSequence { .. },
    NoConflict => "no_conflict" for Error::NoConflict { .. },
    TextMergeUnsupported => "text_merge_unsupported" for Error::TextMergeUnsupported,
    NotAConflictingVersion => "not_a_conflicting_version" for Error::NotAConflictingVersion { .. },
    ConflictChanged => "conflict_changed" for Error::ConflictChanged { .. },
    BundleReadBack => "bundle_read_back" for Error::BundleReadBack { .. },
    WrongKind => "wrong_kind" for Error::WrongKind { .. },
    UnknownAssignee => "unknown_assignee" for Error::UnknownAssignee { .. },
    InvalidDate => "invalid_date" for Error::InvalidDate { .. },
    FutureDate => "future_date" for Error::FutureDate { .. },
    CaseRule => "case_rule" for Error::CaseRule(_),
    AttachmentTooLarge => "attachment_too_large" for Error::AttachmentTooLarge { .. },
    DiskFull => "disk_full" for Error::DiskFull,
    ReportLayout => "report_layout" for Error::ReportLayout,
    NotAReport => "not_a_report" for Error::NotAReport,
    ReportTampered => "report_tampered" for Error::ReportTampered,
    ReportUntrusted => "report_untrusted" for Error::ReportUntrusted { .. },
    Io => "io" for Error::Io { .. } | Error::Stream(_),
    Database => "database" for Error::Database(_),
    Encrypt => "encrypt" for Error::Encrypt(_),
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_match_serde() {
        let mut seen = std::collections::BTreeSet::new();
        for code in ErrorCode::ALL {
            assert!(seen.insert(code.as_str()), "{code} twice");
            let json = serde_json::to_string(code).expect("serialises");
            assert_eq!(json, format!("\"{}\"", code.as_str()));
        }
    }
}
