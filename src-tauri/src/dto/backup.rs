//! Payloads of the backup screen and of restoring.

use serde::Serialize;
use ts_rs::TS;

/// A mounted removable drive offered as a backup target.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DriveView {
    pub path: String,
    pub device: String,
}

/// Progress of a backup, its verification or a restore.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BackupProgress {
    #[ts(type = "'writing' | 'verifying' | 'restoring'")]
    pub phase: String,
    #[ts(type = "number")]
    pub done: u64,
    #[ts(type = "number")]
    pub total: u64,
}

/// What a backup holds, from its verified manifest.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BackupContents {
    pub created: String,
    #[ts(type = "number")]
    pub records: u64,
    #[ts(type = "number")]
    pub versions: u64,
    #[ts(type = "number")]
    pub attachments: u64,
}

/// A backup written and read back from the drive.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BackupResult {
    pub file: String,
    #[ts(type = "number")]
    pub size: u64,
    pub contents: BackupContents,
    /// Older backups removed to keep the chosen number.
    pub removed: u32,
    #[ts(type = "number")]
    pub write_ms: u64,
    #[ts(type = "number")]
    pub verify_ms: u64,
}

/// A backup file found in a folder.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BackupEntryView {
    pub file: String,
    pub name: String,
    #[ts(type = "number")]
    pub size: u64,
    pub this_vault: bool,
    /// Present when the backup verified.
    pub contents: Option<BackupContents>,
    /// The error code when it did not.
    pub problem: Option<String>,
}

/// A finished restore.
#[derive(Debug, Clone, Serialize, TS)]
pub struct RestoreResult {
    pub contents: BackupContents,
    /// Where the vault it replaced was kept.
    pub replaced: Option<String>,
}
