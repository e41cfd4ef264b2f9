//! `backup` (with `backup list`, `backup verify` and `backup prune-erased`),
//! `restore` and
//! `drives`. Writing, verifying and restoring are the core's; this shows
//! progress on a terminal and prints the outcome.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{bail, Result};
use clap::{Args, Subcommand};
use fieldnotes_core::backup::{BackupEntry, Depth, Phase, Progress};
use fieldnotes_core::envelope::{read_identity_file, PRODUCTION_WORK_FACTOR};
use fieldnotes_core::restore::{restore as restore_backup, RestoreKey};
use fieldnotes_core::{drives, Vault};

use super::Context;
use crate::cli::Out;
use crate::output::print_json_or;
use crate::secret;

#[derive(Args)]
pub struct BackupArgs {
    /// The folder to keep the backup set in (fieldnotes-<vault>/): only files new since the last backup there are written
    #[arg(long, value_name = "DIR")]
    to: Option<PathBuf>,
    /// Keep only the newest N backups of this vault in that folder, and the attachment files they need
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    keep: Option<u32>,
    #[command(subcommand)]
    action: Option<BackupCommand>,
    #[command(flatten)]
    out: Out,
}

#[derive(Subcommand)]
pub enum BackupCommand {
    /// The backups in a folder (or a backup set folder), newest first: date, size, and whether they verify
    List {
        dir: PathBuf,
        #[command(flatten)]
        out: Out,
    },
    /// Remove this vault's backups in a folder that still hold erased records (a fresh backup is made first when none free of them would remain), and the attachment files no kept backup needs
    PruneErased {
        dir: PathBuf,
        #[command(flatten)]
        out: Out,
    },
    /// Read a backup of this vault back and check it, with every attachment file it needs
    Verify {
        file: PathBuf,
        /// Check only the attachment files that backup newly wrote (the snapshot is always checked in full)
        #[arg(long)]
        quick: bool,
        #[command(flatten)]
        out: Out,
    },
}

#[derive(Args)]
pub struct RestoreArgs {
    /// The backup file (a snapshot in a backup set's snapshots/ folder, or an older single-file backup)
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
}

#[derive(Args)]
pub struct DrivesArgs {
    #[command(flatten)]
    out: Out,
}

/// A progress line on stderr when a person is watching, updated per percent.
pub(crate) fn progress_printer() -> impl FnMut(Progress) {
    let show = std::io::stderr().is_terminal();
    let mut last = (None, u64::MAX);
    move |p: Progress| {
        if !show || p.total == 0 {
            return;
        }
        let percent = p.done * 100 / p.total;
        if last == (Some(p.phase), percent) {
            return;
        }
        last = (Some(p.phase), percent);
        let what = match p.phase {
            Phase::Writing => "Writing",
            Phase::Verifying => "Verifying",
            Phase::Restoring => "Restoring",
            Phase::Moving => "Moving files",
        };
        eprint!(
            "\r{what}: {percent:>3}% of {} MiB ",
            p.total / (1024 * 1024)
        );
        if p.done >= p.total {
            eprintln!();
        }
    }
}

pub fn backup(vault: &mut Vault, args: BackupArgs) -> Result<()> {
    match (args.action, args.to) {
        (Some(BackupCommand::List { dir, out }), _) => list(vault, &dir, out),
        (Some(BackupCommand::Verify { file, quick, out }), _) => verify(vault, &file, quick, out),
        (Some(BackupCommand::PruneErased { dir, out }), _) => prune_erased(vault, &dir, out),
        (None, Some(dir)) => write(vault, &dir, args.keep, args.out),
        (None, None) => bail!("Say where to back up to: fieldnotes backup --to DIR (see `fieldnotes drives` for USB drives)."),
    }
}

fn write(vault: &Vault, dir: &Path, keep: Option<u32>, out: Out) -> Result<()> {
    let info = vault.backup(dir, keep.map(|k| k as usize), &mut progress_printer())?;
    print_json_or(&info, out.json, || {
        let mut s = format!(
            "Backed up and verified: {} ({} KiB, {} records; {} of {} attachment files new, {} KiB written).",
            info.path.display(),
            info.size / 1024,
            info.manifest.counts.records,
            info.blobs_written,
            info.blobs,
            info.bytes_written / 1024
        );
        for r in &info.removed {
            s.push_str(&format!("\nRemoved the older backup {}.", r.display()));
        }
        if info.blobs_removed > 0 {
            s.push_str(&format!(
                "\nRemoved {} attachment files no kept backup needs.",
                info.blobs_removed
            ));
        }
        s
    })
}

fn list(vault: &Vault, dir: &Path, out: Out) -> Result<()> {
    let entries = vault.list_backups(dir, &mut progress_printer())?;
    print_json_or(&entries, out.json, || {
        if entries.is_empty() {
            return format!("No Fieldnotes backups in {}.", dir.display());
        }
        entries
            .iter()
            .map(backup_line)
            .collect::<Vec<_>>()
            .join("\n")
    })
}

/// One backup of `backup list`: its name, size and whether it verifies.
fn backup_line(e: &BackupEntry) -> String {
    let state = match (&e.manifest, e.problem) {
        (Some(_), _) if e.holds_erased => {
            "verified; holds erased records: rotate it out (fieldnotes backup prune-erased DIR)"
                .to_owned()
        }
        (Some(_), _) => "verified".to_owned(),
        (None, Some("backup_foreign")) => "another vault".to_owned(),
        (None, Some(code)) => format!("FAILS ({code})"),
        (None, None) => "unknown".to_owned(),
    };
    let name = e
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!("{name}  {:>8} KiB  {state}", e.size / 1024)
}

fn prune_erased(vault: &Vault, dir: &Path, out: Out) -> Result<()> {
    let done = vault.remove_backups_holding_erased(dir, &mut progress_printer())?;
    print_json_or(&done, out.json, || {
        if done.removed.is_empty() {
            return format!(
                "No backup of this vault in {} holds erased records.",
                dir.display()
            );
        }
        let mut s = String::new();
        if let Some(fresh) = &done.fresh {
            s.push_str(&format!(
                "Backed up and verified first, so a backup remains: {}.\n",
                fresh.path.display()
            ));
        }
        for r in &done.removed {
            s.push_str(&format!(
                "Removed {}: it held erased records.\n",
                r.display()
            ));
        }
        s.push_str(&format!(
            "Removed {} attachment files no kept backup needs.",
            done.blobs_removed
        ));
        s
    })
}

fn verify(vault: &Vault, file: &Path, quick: bool, out: Out) -> Result<()> {
    let depth = if quick { Depth::Quick } else { Depth::Full };
    let v = vault.verify_backup(file, depth, &mut progress_printer())?;
    print_json_or(&v, out.json, || {
        let m = &v.manifest;
        let files = match v.depth {
            Depth::Full => format!("all {} attachment files it needs", v.blobs_needed),
            Depth::Quick => format!(
                "{} new of the {} attachment files it needs",
                v.blobs_checked, v.blobs_needed
            ),
        };
        format!(
            "The backup verifies: made {}, {} records, {} versions, {} attachments' contents, {} audit entries; checked {files}.",
            m.created, m.counts.records, m.counts.versions, m.counts.blobs, m.counts.audit_entries
        )
    })
}

pub fn restore(ctx: &Context, args: RestoreArgs) -> Result<()> {
    let mut progress = progress_printer();
    let target = &ctx.dir;
    let (vault, info) = match &args.identity {
        Some(path) => {
            let identity = read_identity_file(path)?;
            let new_passphrase = secret::NEW
                .with_file(args.new_passphrase_file.as_ref())
                .read_new("New passphrase for the restored vault: ")?;
            let key = RestoreKey::Recovery {
                identity: &identity,
                new_passphrase: &new_passphrase,
                work_factor: PRODUCTION_WORK_FACTOR,
            };
            restore_backup(&args.file, target, key, args.replace, &mut progress)?
        }
        None => {
            let passphrase = ctx
                .passphrase()
                .read("Passphrase the vault had at the backup: ")?;
            let key = RestoreKey::Passphrase(&passphrase);
            restore_backup(&args.file, target, key, args.replace, &mut progress)?
        }
    };
    vault.lock()?;
    print_json_or(&info, args.out.json, || {
        let mut s = format!(
            "Restored {} records ({} versions) from the backup made {} into {}.",
            info.manifest.counts.records,
            info.manifest.counts.versions,
            info.manifest.created,
            target.display()
        );
        if let Some(aside) = &info.replaced {
            s.push_str(&format!(
                "\nThe vault that was there is kept in {}.",
                aside.display()
            ));
        }
        s.push('\n');
        s.push_str(RESTORED_ERASURES);
        s
    })
}

/// Said after every restore: the backup predates what was erased since.
const RESTORED_ERASURES: &str = "An older backup may bring back records erased since it was made; they are erased again when the erasures arrive once more in bundles from other laptops.";

pub fn drives(args: DrivesArgs) -> Result<()> {
    let found = drives::removable_drives();
    print_json_or(&found, args.out.json, || {
        if found.is_empty() {
            return "No removable drive is mounted. Plug in a USB drive, or back up to any folder with --to DIR.".into();
        }
        found
            .iter()
            .map(|d| {
                format!(
                    "{}  {}: {} free of {} ({}, {})",
                    d.mount_point.display(),
                    d.display_name(),
                    space(d.available_bytes),
                    space(d.total_bytes),
                    d.device,
                    d.filesystem
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    })
}

/// A drive's space as people read it: GiB with one decimal, MiB below.
fn space(bytes: u64) -> String {
    const MIB: u64 = 1 << 20;
    if bytes >= 1 << 30 {
        format!("{:.1} GiB", bytes as f64 / (1u64 << 30) as f64)
    } else {
        format!("{} MiB", bytes / MIB)
    }
}
