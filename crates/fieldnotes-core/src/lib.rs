//! Fieldnotes core: the encrypted, offline-first record store behind the
//! Fieldnotes desktop app and CLI.
//!
//! Everything that matters lives here; the shells only translate. A
//! [`Vault`] is a directory with a SQLCipher database and `age` key
//! envelopes; inside it, every record is a chain of signed, immutable
//! [`Version`]s, searchable with FTS5 and watched by a hash-chained audit log.
#![forbid(unsafe_code)]

pub mod agestream;
pub mod attachments;
pub mod audit;
pub mod backup;
pub mod bundle;
pub mod conflicts;
pub mod consent;
pub mod dashboard;
pub mod drives;
pub mod envelope;
pub mod error;
pub mod error_code;
pub mod exchange;
pub mod files;
pub mod hlc;
pub mod minisig;
pub mod model;
pub mod records;
pub mod restore;
pub mod roster;
pub mod search;
mod store;
pub mod vault;
pub mod views;
pub mod vocab;

pub use age::secrecy::{ExposeSecret, SecretString};
pub use error::{Error, Result};
pub use error_code::ErrorCode;
pub use hlc::{Clock, Hlc, SystemClock};
pub use model::{
    AttachmentBody, Body, CaseBody, ConsentBody, FollowUpBody, Identity, NeedBody, NoteBody,
    Version,
};
pub use records::RecordState;
pub use search::Hit;
pub use store::SCHEMA_VERSION;

/// Lays the vault's schema (every migration) on `conn`, keyed or not. For
/// the benchmark's plain-SQLite baseline, so it measures the very schema the
/// vault has; a vault opens its database through [`Vault`] only.
#[doc(hidden)]
pub fn apply_schema(conn: &mut rusqlite::Connection) -> Result<()> {
    store::migrate(conn, SCHEMA_VERSION)
}
pub use vault::{parse_recipient, passphrase_strength, CreateOptions, Strength, Vault};
pub use vocab::{
    CaseStatus, ConsentScope, Kind, NeedCategory, NoteKind, Priority, ReferralStatus, RiskLevel,
};
