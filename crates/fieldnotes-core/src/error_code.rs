//! The stable, machine-readable codes of [`crate::Error`].
//!
//! Invariants: a code's name never changes once released (scripts and the
//! UI's message catalogues key on it); [`ErrorCode::ALL`] lists every code
//! exactly once, so the desktop bindings and the catalogue tests can check
//! that each one is translated.

use serde::Serialize;

macro_rules! error_codes {
    ($($variant:ident => $name:literal,)*) => {
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
    };
}

error_codes! {
    WrongPassphrase => "wrong_passphrase",
    WeakPassphrase => "weak_passphrase",
    PassphraseMismatch => "passphrase_mismatch",
    VaultExists => "vault_exists",
    NoVault => "no_vault",
    MissingDatabase => "missing_database",
    CorruptEnvelope => "corrupt_envelope",
    ForeignEnvelope => "foreign_envelope",
    ExcessiveWorkFactor => "excessive_work_factor",
    CorruptDatabase => "corrupt_database",
    UnsupportedVersion => "unsupported_version",
    RecoveryNotConfigured => "recovery_not_configured",
    WrongRecoveryKey => "wrong_recovery_key",
    InvalidKey => "invalid_key",
    NotFound => "not_found",
    UnknownCase => "unknown_case",
    CaseCodeTaken => "case_code_taken",
    Empty => "empty",
    UnknownValue => "unknown_value",
    Conflict => "conflict",
    Deleted => "deleted",
    ConsentRequired => "consent_required",
    AttachmentCorrupt => "attachment_corrupt",
    BadSignature => "bad_signature",
    AuditBroken => "audit_broken",
    BackupCorrupt => "backup_corrupt",
    BackupForeign => "backup_foreign",
    Busy => "busy",
    InvalidCard => "invalid_card",
    CardTooLarge => "card_too_large",
    OwnCard => "own_card",
    CardKeyChanged => "card_key_changed",
    NoRecipients => "no_recipients",
    UnknownDevice => "unknown_device",
    RevokedDevice => "revoked_device",
    NothingToExport => "nothing_to_export",
    BundleCorrupt => "bundle_corrupt",
    NotARecipient => "not_a_recipient",
    UntrustedSender => "untrusted_sender",
    UntrustedAuthor => "untrusted_author",
    RevokedSender => "revoked_sender",
    AlreadyImported => "already_imported",
    ReplayedSequence => "replayed_sequence",
    NoConflict => "no_conflict",
    TextMergeUnsupported => "text_merge_unsupported",
    NotAConflictingVersion => "not_a_conflicting_version",
    ConflictChanged => "conflict_changed",
    BundleReadBack => "bundle_read_back",
    WrongKind => "wrong_kind",
    InvalidDate => "invalid_date",
    FutureDate => "future_date",
    AttachmentTooLarge => "attachment_too_large",
    DiskFull => "disk_full",
    Io => "io",
    Database => "database",
    Encrypt => "encrypt",
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
