//! `backup`, `restore` and `drives`.

use std::io::IsTerminal;
use std::path::Path;

use anyhow::{bail, Result};
use fieldnotes_core::backup::{Phase, Progress};
use fieldnotes_core::envelope::{read_identity_file, PRODUCTION_WORK_FACTOR};
use fieldnotes_core::restore::{restore, RestoreKey};
use fieldnotes_core::{drives, Vault};

use crate::cli::{BackupCommand, Cli, Out};
use crate::output::print_json_or;
use crate::secret;

/// A progress line on stderr when a person is watching, updated per percent.
fn progress_printer() -> impl FnMut(Progress) {
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

pub fn backup(
    vault: &Vault,
    to: Option<&Path>,
    keep: Option<u32>,
    action: Option<&BackupCommand>,
    out: Out,
) -> Result<()> {
    let mut progress = progress_printer();
    match (action, to) {
        (Some(BackupCommand::List { dir, out }), _) => {
            let entries = vault.list_backups(dir, &mut progress)?;
            print_json_or(&entries, out.json, || {
                if entries.is_empty() {
                    return format!("No Fieldnotes backups in {}.", dir.display());
                }
                entries
                    .iter()
                    .map(|e| {
                        let state = match (&e.manifest, e.problem) {
                            (Some(_), _) => "verified".to_owned(),
                            (None, Some("backup_foreign")) => "another vault".to_owned(),
                            (None, Some(code)) => format!("FAILS ({code})"),
                            (None, None) => "unknown".to_owned(),
                        };
                        let name = e.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                        format!("{name}  {:>8} KiB  {state}", e.size / 1024)
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
        (Some(BackupCommand::Verify { file, out }), _) => {
            let m = vault.verify_backup_file(file, &mut progress)?;
            print_json_or(&m, out.json, || {
                format!(
                    "The backup verifies: made {}, {} records, {} versions, {} attachments' contents, {} audit entries.",
                    m.created, m.counts.records, m.counts.versions, m.counts.blobs, m.counts.audit_entries
                )
            })
        }
        (None, Some(dir)) => {
            let info = vault.backup(dir, keep.map(|k| k as usize), &mut progress)?;
            print_json_or(&info, out.json, || {
                let mut s = format!(
                    "Backed up and verified: {} ({} KiB, {} records).",
                    info.path.display(),
                    info.size / 1024,
                    info.manifest.counts.records
                );
                for r in &info.removed {
                    s.push_str(&format!("\nRemoved the older backup {}.", r.display()));
                }
                s
            })
        }
        (None, None) => bail!("Say where to back up to: fieldnotes backup --to DIR (see `fieldnotes drives` for USB drives)."),
    }
}

pub fn run_restore(
    cli: &Cli,
    target: &Path,
    file: &Path,
    identity: Option<&Path>,
    replace: bool,
    new_file: Option<&std::path::PathBuf>,
    out: Out,
) -> Result<()> {
    let mut progress = progress_printer();
    let (vault, info) = match identity {
        Some(path) => {
            let identity = read_identity_file(path)?;
            let new_passphrase = secret::NEW
                .with_file(new_file)
                .read_new("New passphrase for the restored vault: ")?;
            let key = RestoreKey::Recovery {
                identity: &identity,
                new_passphrase: &new_passphrase,
                work_factor: PRODUCTION_WORK_FACTOR,
            };
            restore(file, target, key, replace, &mut progress)?
        }
        None => {
            let passphrase = secret::CURRENT
                .with_file(cli.passphrase_file.as_ref())
                .read("Passphrase the vault had at the backup: ")?;
            restore(
                file,
                target,
                RestoreKey::Passphrase(&passphrase),
                replace,
                &mut progress,
            )?
        }
    };
    vault.lock()?;
    print_json_or(&info, out.json, || {
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
        s
    })
}

pub fn list_drives(out: Out) -> Result<()> {
    let found = drives::removable_drives();
    print_json_or(&found, out.json, || {
        if found.is_empty() {
            return "No removable drive is mounted. Plug in a USB drive, or back up to any folder with --to DIR.".into();
        }
        found
            .iter()
            .map(|d| {
                format!(
                    "{}  ({}, {})",
                    d.mount_point.display(),
                    d.device,
                    d.filesystem
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    })
}
