//! `card`, `trust`, `export`, `import`, `conflicts`, `resolve` and
//! `identity`: moving records between laptops as signed, encrypted bundles.
//!
//! Invariant: a card is only trusted after its fingerprint was shown and
//! confirmed: at the terminal, or with `--yes` where there is none; the checks of a bundle are
//! the core's, and a refused bundle changes nothing.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{bail, Result};
use clap::{Args, Subcommand};
use fieldnotes_core::exchange::{ExportInfo, ExportOptions, Progress};
use fieldnotes_core::roster::{Card, Device};
use fieldnotes_core::views::ConflictView;
use fieldnotes_core::Vault;
use uuid::Uuid;

use super::records::print_records;
use crate::cli::Out;
use crate::output::{one_line, print_json_or};

#[derive(Args)]
pub struct CardArgs {
    /// Set the name shown on the card
    #[arg(long)]
    name: Option<String>,
    /// Write the card to FILE instead of printing it
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(Subcommand)]
pub enum TrustCommand {
    /// Trust the device of an identity card, after comparing its fingerprint
    Add {
        card: PathBuf,
        /// The name to know it by
        #[arg(long)]
        name: Option<String>,
        /// Do not ask to confirm the fingerprint
        #[arg(long)]
        yes: bool,
    },
    /// The devices this laptop knows
    List {
        #[command(flatten)]
        out: Out,
    },
    /// Revoke a lost or stolen device: its bundles are refused from now on
    Revoke { device_id: Uuid },
}

#[derive(Args)]
pub struct ExportArgs {
    /// A recipient's device id; repeatable
    #[arg(long = "to", value_name = "DEVICE_ID", required = true)]
    to: Vec<Uuid>,
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Only these cases (all their history); repeatable
    #[arg(long = "case", value_name = "CODE")]
    cases: Vec<String>,
    /// Every record this vault holds
    #[arg(long, conflicts_with = "cases")]
    all: bool,
    /// Also encrypt to this laptop, so it can read its own bundle
    #[arg(long = "self")]
    include_self: bool,
    /// Also send the cases without the survivor's consent to share with the lead, for this reason (audited)
    #[arg(long = "without-consent", value_name = "REASON")]
    without_consent: Option<String>,
    #[command(flatten)]
    json: Out,
}

#[derive(Args)]
pub struct ImportArgs {
    file: PathBuf,
    #[command(flatten)]
    out: Out,
}

#[derive(Args)]
pub struct ConflictsArgs {
    #[command(flatten)]
    out: Out,
}

#[derive(Args)]
pub struct ResolveArgs {
    id: Uuid,
    /// The version to keep
    #[arg(
        long,
        value_name = "VERSION",
        conflicts_with = "text",
        required_unless_present = "text"
    )]
    keep: Option<Uuid>,
    /// For a note: the merged text
    #[arg(long)]
    text: Option<String>,
}

#[derive(Subcommand)]
pub enum IdentityCommand {
    /// Write the age secret key to FILE, to open bundles with the standard age tool (audited)
    ExportSecret {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

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

pub fn card(vault: &mut Vault, args: CardArgs) -> Result<()> {
    if let Some(n) = &args.name {
        vault.set_device_name(n)?;
    }
    let card = vault.card()?;
    match &args.out {
        Some(path) => {
            card.write_file(path, false)?;
            println!(
                "Card written to {}. Fingerprint: {}",
                path.display(),
                card.fingerprint
            );
        }
        None => println!("{}", card.to_json()),
    }
    Ok(())
}

pub fn trust(vault: &mut Vault, cmd: TrustCommand) -> Result<()> {
    match cmd {
        TrustCommand::Add { card, name, yes } => trust_add(vault, &card, name.as_deref(), yes),
        TrustCommand::List { out } => {
            let devices = vault.devices()?;
            print_json_or(&devices, out.json, || devices_text(&devices))
        }
        TrustCommand::Revoke { device_id } => {
            let d = vault.revoke(device_id)?;
            println!(
                "Revoked {} ({}): its bundles are refused from now on; what it wrote before stays.",
                d.device_id, d.name
            );
            Ok(())
        }
    }
}

fn trust_add(
    vault: &mut Vault,
    card: &std::path::Path,
    name: Option<&str>,
    yes: bool,
) -> Result<()> {
    let card = Card::read_file(card)?;
    println!("Device {} ({})", card.device_id, card.name);
    println!("Fingerprint: {}", card.fingerprint);
    if !yes && !std::io::stdin().is_terminal() {
        // Nobody can compare the fingerprint: trusting must be said outright.
        bail!("Not trusted: there is no terminal to confirm the fingerprint at. Compare it with the other person, then run again with --yes.");
    }
    if !yes {
        print!("Does the other person see exactly this fingerprint? [y/N] ");
        std::io::stdout().flush()?;
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer)?;
        if !matches!(answer.trim(), "y" | "Y" | "yes") {
            bail!("Not trusted. Compare the fingerprint with the other person, then try again.");
        }
    }
    let d = vault.trust(&card, name)?;
    println!("Trusted {} ({}).", d.device_id, d.name);
    Ok(())
}

/// The roster for people: one line per device with its state, and who
/// revoked it when a colleague's signed revocation did.
fn devices_text(devices: &[Device]) -> String {
    let name = |id: uuid::Uuid| {
        devices
            .iter()
            .find(|d| d.device_id == id)
            .map_or_else(|| id.to_string(), |d| d.name.clone())
    };
    devices
        .iter()
        .map(|d| {
            let state = match (d.this_device, d.revoked_at, d.trusted) {
                (true, _, _) => "this laptop".to_owned(),
                (_, Some(at), _) => match d.revoked_by {
                    Some(by) => format!("REVOKED {} by {}", at.to_rfc3339(), name(by)),
                    None => format!("REVOKED {}", at.to_rfc3339()),
                },
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
}

pub fn export(vault: &mut Vault, args: ExportArgs) -> Result<()> {
    let cases = args
        .cases
        .iter()
        .map(|c| vault.case_id(c))
        .collect::<Result<Vec<_>, _>>()?;
    let opts = ExportOptions {
        to: args.to,
        cases,
        all: args.all,
        include_self: args.include_self,
        override_consent: args.without_consent,
    };
    let info = vault.export(&opts, &args.out, &mut progress())?;
    print_json_or(&info, args.json.json, || export_text(&info))
}

/// The summary of an export, with the cases the consent gate left out.
fn export_text(info: &ExportInfo) -> String {
    let mut s = format!(
        "Wrote {} ({} versions, {} attachments, {} KiB).",
        info.path.display(),
        info.versions,
        info.blobs,
        info.size / 1024
    );
    if info.revocations > 0 {
        s.push_str(&format!(
            "\nCarries {} signed revocation(s): recipients stop accepting those laptops too.",
            info.revocations
        ));
    }
    if !info.left_out.is_empty() {
        s.push_str(&format!(
            "\nLeft out (no consent to share with the lead): {}. They go once that consent is recorded, or with --without-consent REASON.",
            info.left_out.join(", ")
        ));
    }
    if !info.sent_without_consent.is_empty() {
        s.push_str(&format!(
            "\nSent without consent to share with the lead (reason audited): {}.",
            info.sent_without_consent.join(", ")
        ));
    }
    s
}

pub fn import(vault: &mut Vault, args: ImportArgs) -> Result<()> {
    let info = vault.import(&args.file, &mut progress())?;
    print_json_or(&info, args.out.json, || {
        if info.already_imported {
            return "This bundle was already imported; nothing changed.".into();
        }
        let mut s = format!(
            "Imported {} new versions ({} new records, {} attachments) from device {}.",
            info.new_versions, info.new_records, info.new_blobs, info.sender
        );
        for d in &info.revoked_devices {
            let name = vault.device(*d).map(|d| d.name).unwrap_or_default();
            s.push_str(&format!(
                "\nRevoked here on a colleague's signed word: {d} ({name}). Nothing more from that laptop is accepted."
            ));
        }
        if !info.conflicts.is_empty() {
            s.push_str(&format!(
                "\n{} records now have conflicting versions: see `fieldnotes conflicts`.",
                info.conflicts.len()
            ));
        }
        s
    })
}

pub fn conflicts(vault: &mut Vault, args: ConflictsArgs) -> Result<()> {
    // --json: the heads as stored, the same bytes on every vault.
    if args.out.json {
        print_records(vault, vault.conflicts()?, false, true)
    } else {
        println!("{}", conflicts_text(&vault.conflict_views()?));
        Ok(())
    }
}

/// Conflicting records for people: each with its case and its versions.
fn conflicts_text(conflicts: &[ConflictView]) -> String {
    if conflicts.is_empty() {
        return "No conflicts.".into();
    }
    let mut out = Vec::new();
    for c in conflicts {
        out.push(format!(
            "{}  {:<10} case {}  CONFLICT",
            c.record_id,
            c.kind.as_str(),
            c.case_code.as_deref().unwrap_or("-")
        ));
        for v in &c.versions {
            let fields: Vec<String> = v
                .fields
                .iter()
                .filter(|f| !f.value.is_empty())
                .map(|f| format!("{}: {}", f.name, one_line(&f.value, 40)))
                .collect();
            out.push(format!(
                "    {}  {}  by {}  {}",
                v.version_id,
                v.at,
                v.author_name,
                fields.join("; ")
            ));
        }
    }
    out.join("\n")
}

pub fn resolve(vault: &mut Vault, args: ResolveArgs) -> Result<()> {
    let v = match (args.keep, &args.text) {
        (Some(v), _) => vault.resolve_keep(args.id, v)?,
        (None, Some(t)) => vault.resolve_text(args.id, t)?,
        (None, None) => bail!(
            "Say which version to keep with --keep VERSION, or give the merged text with --text"
        ),
    };
    println!("Resolved with version {}.", v.version_id);
    Ok(())
}

pub fn identity(vault: &mut Vault, cmd: IdentityCommand) -> Result<()> {
    match cmd {
        IdentityCommand::ExportSecret { out } => {
            vault.export_identity_secret(&out)?;
            println!("Wrote this device's age identity to {}. Keep it as safe as the passphrase, and delete it when done.", out.display());
        }
    }
    Ok(())
}
