//! Payloads of the backup screen and of restoring.

use fieldnotes_core::backup::{self, BackupEntry, BackupInfo, ErasedRemoval, Manifest, Phase};
use fieldnotes_core::restore::RestoreInfo;
use serde::Serialize;
use ts_rs::TS;

/// A mounted removable drive offered as a backup target.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DriveView {
    pub path: String,
    pub device: String,
    /// The volume label, or the folder's name when the drive has none.
    pub name: String,
    #[ts(type = "number")]
    pub available_bytes: u64,
    #[ts(type = "number")]
    pub total_bytes: u64,
}

/// Progress of a backup, its verification, a restore, or the move of
/// attachments out of an older vault's database.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BackupProgress {
    #[ts(type = "'writing' | 'verifying' | 'restoring' | 'moving'")]
    pub phase: Phase,
    #[ts(type = "number")]
    pub done: u64,
    #[ts(type = "number")]
    pub total: u64,
}

impl From<backup::Progress> for BackupProgress {
    fn from(p: backup::Progress) -> Self {
        BackupProgress {
            phase: p.phase,
            done: p.done,
            total: p.total,
        }
    }
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

impl From<&Manifest> for BackupContents {
    fn from(m: &Manifest) -> Self {
        BackupContents {
            created: m.created.clone(),
            records: m.counts.records,
            versions: m.counts.versions,
            attachments: m.counts.blobs,
        }
    }
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
    /// Attachment files this backup copied to the drive (the others were
    /// there already).
    #[ts(type = "number")]
    pub files_written: u64,
    /// Bytes written to the drive: new attachment files and the snapshot.
    #[ts(type = "number")]
    pub bytes_written: u64,
    #[ts(type = "number")]
    pub write_ms: u64,
    #[ts(type = "number")]
    pub verify_ms: u64,
}

impl From<BackupInfo> for BackupResult {
    fn from(info: BackupInfo) -> Self {
        BackupResult {
            file: info.path.display().to_string(),
            size: info.size,
            contents: (&info.manifest).into(),
            removed: u32::try_from(info.removed.len()).unwrap_or(u32::MAX),
            files_written: info.blobs_written,
            bytes_written: info.bytes_written,
            write_ms: info.write_ms,
            verify_ms: info.verify_ms,
        }
    }
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
    /// Whether it still holds records erased since: rotate it out.
    pub holds_erased: bool,
}

impl From<BackupEntry> for BackupEntryView {
    fn from(e: BackupEntry) -> Self {
        BackupEntryView {
            name: e
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            file: e.path.display().to_string(),
            size: e.size,
            this_vault: e.this_vault,
            contents: e.manifest.as_ref().map(BackupContents::from),
            problem: e.problem.map(str::to_owned),
            holds_erased: e.holds_erased,
        }
    }
}

/// The backups holding erased records, removed.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ErasedRemovalView {
    /// The fresh backup made first, when none free of erased records
    /// would have been left.
    pub fresh: Option<String>,
    /// The backup files removed.
    pub removed: Vec<String>,
    /// Attachment files no kept backup needs, removed with them.
    #[ts(type = "number")]
    pub blobs_removed: u64,
}

impl From<ErasedRemoval> for ErasedRemovalView {
    fn from(r: ErasedRemoval) -> Self {
        let shown = |p: &std::path::Path| p.display().to_string();
        ErasedRemovalView {
            fresh: r.fresh.map(|f| shown(&f.path)),
            removed: r.removed.iter().map(|p| shown(p)).collect(),
            blobs_removed: r.blobs_removed,
        }
    }
}

/// A finished restore.
#[derive(Debug, Clone, Serialize, TS)]
pub struct RestoreResult {
    pub contents: BackupContents,
    /// Where the vault it replaced was kept.
    pub replaced: Option<String>,
}

impl From<RestoreInfo> for RestoreResult {
    fn from(info: RestoreInfo) -> Self {
        RestoreResult {
            contents: (&info.manifest).into(),
            replaced: info.replaced.map(|p| p.display().to_string()),
        }
    }
}
