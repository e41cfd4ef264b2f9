//! Fieldnotes core: the encrypted, offline-first record store behind the
//! Fieldnotes desktop app and CLI.
//!
//! Everything that matters lives here; the shells only translate. A
//! [`Vault`] is a directory with a SQLCipher database and `age` key
//! envelopes; inside it, every record is a chain of signed, immutable
//! [`Version`]s, searchable with FTS5 and watched by a hash-chained audit log.
//!
//! Where things live:
//! - the vault and its keys: [`vault`] (create, unlock, lock; `vault/keys.rs`:
//!   passphrase and recovery), [`envelope`] (the age key envelopes);
//! - storage: `store` (the only module that opens SQLite; migrations),
//!   [`records`] (versions: add, update, delete, heads, history; `write.rs`
//!   stores a version), [`model`] and [`vocab`] (bodies and vocabularies),
//!   [`case_model`] (the case's profile, codes and their checks),
//!   [`hlc`] (hybrid clock), [`search`] (FTS5), [`audit`] (the hash chain),
//!   [`attachments`] and [`blobs`] (their sealed files);
//! - the data lifecycle: [`erasure`] (signed erasure entries, applied here
//!   and on import);
//! - interview forms: [`forms`] (form files, shipped and the vault's own;
//!   a note's answers; the needs and risk level they propose);
//! - the rules both faces share: [`consent`] (consent and the needs that rest
//!   on it), [`conflicts`] (resolving), [`roster`] (cards, trust, revocation),
//!   [`retention`] (the retention period; cases past it);
//! - the read models both faces show: [`views`] (case list and page,
//!   history, conflicts, audit), [`dashboard`] (the overview), [`followups`]
//!   (editing and assigning follow-ups; those due this week), [`withdrawal`]
//!   (what rested on a consent);
//! - exchange and backup: [`bundle`] (the signed, encrypted bundle format),
//!   [`exchange`] (export with its consent gate, and import), [`backup`] and [`restore`],
//!   [`agestream`] (age STREAM sealing on every core), [`minisig`], [`drives`];
//! - reports: [`report`] (case summaries and statistics, laid out with
//!   typst; signed, verifiable PDFs);
//! - errors: [`Error`] with its stable [`ErrorCode`].
#![forbid(unsafe_code)]

pub mod agestream;
pub mod attachments;
pub mod audit;
pub mod backup;
pub mod blobs;
pub mod bundle;
pub mod case_model;
pub mod conflicts;
pub mod consent;
pub mod dashboard;
pub mod dates;
pub mod drives;
pub mod envelope;
pub mod erasure;
pub mod error;
pub mod error_code;
pub mod exchange;
mod facts;
pub mod files;
pub mod followups;
pub mod forms;
pub mod hlc;
pub mod minisig;
pub mod model;
pub mod records;
pub mod report;
pub mod restore;
pub mod retention;
pub mod revocation;
pub mod roster;
pub mod search;
mod store;
#[cfg(test)]
mod testing;
pub mod vault;
pub mod views;
pub mod vocab;
pub mod withdrawal;

pub use age::secrecy::{ExposeSecret, SecretString};
pub use case_model::{
    AgeBand, CaseProfile, ClosureReason, Decision, ExploitationType, Gender, Identification,
    IdentificationKind, Labelled, Lang, ProceedingsEntry, ProceedingsStatus, ReferralSource,
};
pub use error::{Error, Result};
pub use error_code::ErrorCode;
pub use hlc::{Clock, Hlc, SystemClock};
pub use model::{
    AttachmentBody, Body, CaseBody, ConsentBody, ErasureBody, FollowUpBody, Identity, NeedBody,
    NoteBody, Version,
};
pub use records::RecordState;
pub use search::{CodedValue, Hit};
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
    CaseStatus, ConsentScope, ErasureReason, Kind, NeedCategory, NoteKind, Priority,
    ReferralStatus, RiskLevel,
};
