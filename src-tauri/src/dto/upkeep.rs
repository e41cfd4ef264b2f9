//! Payloads of the attachments' move out of an older vault's database and
//! of the vault check.

use fieldnotes_core::blobs::{BlobReport, MigrationPlan};
use serde::Serialize;
use ts_rs::TS;

/// Attachments still inside the database of a vault made by an earlier
/// version: zero once they have moved into sealed files.
#[derive(Debug, Clone, Serialize, TS)]
pub struct MovePlanView {
    #[ts(type = "number")]
    pub attachments: u64,
    #[ts(type = "number")]
    pub bytes: u64,
}

impl From<MigrationPlan> for MovePlanView {
    fn from(p: MigrationPlan) -> Self {
        MovePlanView {
            attachments: p.attachments,
            bytes: p.bytes,
        }
    }
}

/// The check of every sealed file; names are the files' (in `blobs/`).
#[derive(Debug, Clone, Serialize, TS)]
pub struct FileCheckView {
    /// Files that opened and matched their record.
    #[ts(type = "number")]
    pub sound: u64,
    #[ts(type = "number")]
    pub bytes: u64,
    pub damaged: Vec<String>,
    pub missing: Vec<String>,
    /// Files no record refers to (left by an interrupted write).
    pub orphans: Vec<String>,
}

impl From<BlobReport> for FileCheckView {
    fn from(r: BlobReport) -> Self {
        FileCheckView {
            sound: r.sound,
            bytes: r.bytes,
            damaged: r.damaged,
            missing: r.missing,
            orphans: r.orphans,
        }
    }
}

/// The result of checking the vault.
#[derive(Debug, Clone, Serialize, TS)]
pub struct VaultCheckView {
    /// Record versions whose signature was checked (all valid).
    #[ts(type = "number")]
    pub versions: u64,
    /// SQLite's integrity check passed.
    pub database_sound: bool,
    pub files: FileCheckView,
}
