//! `card`, `trust`, `export`, `import`, `conflicts`, `resolve`, `identity`.

use std::io::{BufRead, IsTerminal, Write};

use anyhow::{bail, Result};
use fieldnotes_core::exchange::{ExportOptions, Progress};
use fieldnotes_core::roster::Card;
use fieldnotes_core::Vault;

use crate::cli::{Command, IdentityCommand, TrustCommand};
use crate::output::{conflicts_text, print_json_or, print_records};

fn progress() -> impl FnMut(Progress) {
    let show = std::io::stderr().is_terminal();
    move |p: Progress| {
        if show && p.total > 0 {
            eprint!(
                "\r{:>3}% of {} MiB of attachments ",
                p.done * 100 / p.total,
                p.total >> 20
            );
            if p.done >= p.total {
                eprintln!();
            }
        }
    }
}

/// Runs an exchange command.
pub fn run(vault: &mut Vault, cmd: &Command) -> Result<()> {
    match cmd {
        Command::Card { name, out } => {
            if let Some(n) = name {
                vault.set_device_name(n)?;
            }
            let card = vault.card()?;
            match out {
                Some(path) => {
                    card.write_file(path)?;
                    println!(
                        "Card written to {}. Fingerprint: {}",
                        path.display(),
                        card.fingerprint
                    );
                }
                None => println!("{}", card.to_json()),
            }
        }
        Command::Trust(TrustCommand::Add { card, name, yes }) => {
            let card = Card::read_file(card)?;
            println!("Device {} ({})", card.device_id, card.name);
            println!("Fingerprint: {}", card.fingerprint);
            if !yes && std::io::stdin().is_terminal() {
                print!("Does the other person see exactly this fingerprint? [y/N] ");
                std::io::stdout().flush()?;
                let mut answer = String::new();
                std::io::stdin().lock().read_line(&mut answer)?;
                if !matches!(answer.trim(), "y" | "Y" | "yes") {
                    bail!("Not trusted. Compare the fingerprint with the other person, then try again.");
                }
            }
            let d = vault.trust(&card, name.as_deref())?;
            println!("Trusted {} ({}).", d.device_id, d.name);
        }
        Command::Trust(TrustCommand::List { out }) => {
            let devices = vault.devices()?;
            print_json_or(&devices, out.json, || {
                devices
                    .iter()
                    .map(|d| {
                        let state = match (d.this_device, d.revoked_at, d.trusted) {
                            (true, _, _) => "this laptop".to_owned(),
                            (_, Some(at), _) => format!("REVOKED {}", at.to_rfc3339()),
                            (_, None, true) => "trusted".to_owned(),
                            _ => "not trusted".to_owned(),
                        };
                        format!(
                            "{}  {:<16} {}  {}",
                            d.device_id, d.name, d.fingerprint, state
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })?;
        }
        Command::Trust(TrustCommand::Revoke { device_id }) => {
            let d = vault.revoke(*device_id)?;
            println!(
                "Revoked {} ({}): its bundles are refused from now on; what it wrote before stays.",
                d.device_id, d.name
            );
        }
        Command::Export {
            to,
            out,
            cases,
            all,
            include_self,
            json,
        } => {
            let cases = cases
                .iter()
                .map(|c| vault.case_id(c))
                .collect::<Result<Vec<_>, _>>()?;
            let opts = ExportOptions {
                to: to.clone(),
                cases,
                all: *all,
                include_self: *include_self,
            };
            let info = vault.export(&opts, out, &mut progress())?;
            print_json_or(&info, json.json, || {
                format!(
                    "Wrote {} ({} versions, {} attachments, {} KiB).",
                    info.path.display(),
                    info.versions,
                    info.blobs,
                    info.size / 1024
                )
            })?;
        }
        Command::Import { file, out } => {
            let info = vault.import(file, &mut progress())?;
            print_json_or(&info, out.json, || {
                if info.already_imported {
                    return "This bundle was already imported; nothing changed.".into();
                }
                let mut s = format!(
                    "Imported {} new versions ({} new records, {} attachments) from device {}.",
                    info.new_versions, info.new_records, info.new_blobs, info.sender
                );
                if !info.conflicts.is_empty() {
                    s.push_str(&format!(
                        "\n{} records now have conflicting versions: see `fieldnotes conflicts`.",
                        info.conflicts.len()
                    ));
                }
                s
            })?;
        }
        Command::Conflicts { out } => {
            // --json: the heads as stored, the same bytes on every vault.
            if out.json {
                print_records(vault, vault.conflicts()?, false, true)?;
            } else {
                println!("{}", conflicts_text(&vault.conflict_views()?));
            }
        }
        Command::Resolve { id, keep, text } => {
            let v = match (keep, text) {
                (Some(v), _) => vault.resolve_keep(*id, *v)?,
                (None, Some(t)) => vault.resolve_text(*id, t)?,
                (None, None) => bail!("Say which version to keep with --keep VERSION, or give the merged text with --text"),
            };
            println!("Resolved with version {}.", v.version_id);
        }
        Command::Identity(IdentityCommand::ExportSecret { out }) => {
            vault.export_identity_secret(out)?;
            println!("Wrote this device's age identity to {}. Keep it as safe as the passphrase, and delete it when done.", out.display());
        }
        _ => unreachable!("only exchange commands are passed here"),
    }
    Ok(())
}
