//! What each command does: unlock, call the core, print, lock.

use std::fs::File;
use std::io::{BufReader, IsTerminal, Read};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use fieldnotes_core::envelope::{read_identity_file, PRODUCTION_WORK_FACTOR};
use fieldnotes_core::{
    parse_recipient, passphrase_strength, Body, CaseBody, CaseStatus, CreateOptions, FollowUpBody,
    NeedBody, NoteBody, Vault,
};

use crate::cli::*;
use crate::output;
use crate::secret;

/// The vault folder: --vault, FIELDNOTES_VAULT, or the platform data folder.
fn vault_dir(cli: &Cli) -> Result<PathBuf> {
    if let Some(dir) = &cli.vault {
        return Ok(dir.clone());
    }
    directories::ProjectDirs::from("org", "Fieldnotes", "Fieldnotes")
        .map(|d| d.data_dir().join("vault"))
        .context("Could not find a data folder for this user; pass --vault DIR")
}

fn unlock(cli: &Cli, dir: &Path) -> Result<Vault> {
    if !fieldnotes_core::vault::exists(dir) {
        return Err(fieldnotes_core::Error::NoVault(dir.to_path_buf()).into());
    }
    let passphrase = secret::CURRENT
        .with_file(cli.passphrase_file.as_ref())
        .read("Passphrase: ")?;
    Ok(Vault::unlock(dir, &passphrase)?)
}

/// Text from --text, or else everything on stdin.
fn text_or_stdin(text: Option<String>) -> Result<String> {
    if let Some(t) = text {
        return Ok(t);
    }
    if std::io::stdin().is_terminal() {
        eprintln!("Type the text; end with Ctrl-D on a line of its own.");
    }
    let mut s = String::new();
    std::io::stdin()
        .read_to_string(&mut s)
        .context("Could not read the text from standard input (it must be UTF-8)")?;
    Ok(s.trim_end().to_owned())
}

pub fn run(cli: Cli) -> Result<()> {
    let dir = vault_dir(&cli)?;
    match &cli.command {
        Command::Init { recovery_recipient } => {
            let recovery = recovery_recipient
                .as_deref()
                .map(parse_recipient)
                .transpose()?;
            if fieldnotes_core::vault::exists(&dir) {
                return Err(fieldnotes_core::Error::VaultExists(dir).into());
            }
            let passphrase = secret::CURRENT
                .with_file(cli.passphrase_file.as_ref())
                .read_new("New passphrase: ")?;
            let options = CreateOptions {
                work_factor: PRODUCTION_WORK_FACTOR,
                recovery,
            };
            let vault = Vault::create(&dir, &passphrase, options)?;
            println!("Created a vault in {}", dir.display());
            if vault.has_recovery() {
                println!("The organisation's recovery key can also open it.");
            }
            vault.lock()?;
            return Ok(());
        }
        Command::Restore {
            file,
            identity,
            replace,
            new_passphrase_file,
            out,
        } => {
            return crate::backup_cmd::run_restore(
                &cli,
                &dir,
                file,
                identity.as_deref(),
                *replace,
                new_passphrase_file.as_ref(),
                *out,
            );
        }
        Command::Drives { out } => return crate::backup_cmd::list_drives(*out),
        Command::Strength => {
            let p = secret::CURRENT
                .with_file(cli.passphrase_file.as_ref())
                .read("Passphrase to check: ")?;
            let s = passphrase_strength(&p);
            return output::print_json_or(&s, true, String::new);
        }
        Command::Recover {
            identity,
            new_passphrase_file,
        } => {
            let identity = read_identity_file(identity)?;
            let new = secret::NEW
                .with_file(new_passphrase_file.as_ref())
                .read_new("New passphrase: ")?;
            let vault = Vault::recover(&dir, &identity, &new, PRODUCTION_WORK_FACTOR)?;
            println!("The vault has a new passphrase.");
            vault.lock()?;
            return Ok(());
        }
        _ => {}
    }
    let mut vault = unlock(&cli, &dir)?;
    let result = run_unlocked(&cli, &mut vault);
    // Lock even when the command failed; report the command's error first.
    let locked = vault.lock();
    result?;
    locked?;
    Ok(())
}

fn run_unlocked(cli: &Cli, vault: &mut Vault) -> Result<()> {
    match &cli.command {
        Command::Init { .. }
        | Command::Recover { .. }
        | Command::Strength
        | Command::Restore { .. }
        | Command::Drives { .. } => {
            unreachable!("handled before unlocking")
        }
        Command::Passwd {
            new_passphrase_file,
        } => {
            let new = secret::NEW
                .with_file(new_passphrase_file.as_ref())
                .read_new("New passphrase: ")?;
            vault.change_passphrase(&new, PRODUCTION_WORK_FACTOR)?;
            println!("The passphrase was changed.");
        }
        Command::Backup {
            to,
            keep,
            action,
            out,
        } => crate::backup_cmd::backup(vault, to.as_deref(), *keep, action.as_ref(), *out)?,
        Command::Card { .. }
        | Command::Trust(_)
        | Command::Export { .. }
        | Command::Import { .. }
        | Command::Conflicts { .. }
        | Command::Resolve { .. }
        | Command::Identity(_) => crate::exchange_cmd::run(vault, &cli.command)?,
        Command::Case(c) => case(vault, c)?,
        Command::Note(c) => note(vault, c)?,
        Command::Need(c) => need(vault, c)?,
        Command::Consent(c) => consent(vault, c)?,
        Command::FollowUp(c) => follow_up(vault, c)?,
        Command::Attach(c) => attach(vault, c)?,
        Command::Search { query, limit, out } => {
            let hits = vault.search(query, *limit)?;
            output::print_json_or(&hits, out.json, || output::hits_text(&hits))?;
        }
        Command::History { id, reveal, out } => {
            output::print_history(vault, *id, *reveal, out.json)?;
        }
        Command::Records { reveal, out } => {
            let records = vault.records()?;
            output::print_records(vault, records, *reveal, out.json)?;
        }
        Command::Delete { id } => {
            let v = vault.delete(*id)?;
            println!("Deleted {} (tombstone version {}).", id, v.version_id);
        }
        Command::Audit { action, out } => match action {
            Some(AuditCommand::Verify) => {
                let report = vault.verify_audit()?;
                output::print_json_or(&report, out.json, || {
                    format!(
                        "The audit log is intact: {} entries, head {}.",
                        report.entries, report.head
                    )
                })?;
            }
            // --json keeps the log as stored, oldest first, for scripts.
            None if out.json => output::print_json_or(&vault.audit_log()?, true, String::new)?,
            None => println!("{}", output::audit_text(&vault.audit_view()?)),
        },
        Command::Check => {
            let n = vault.verify_signatures()?;
            if !vault.integrity_check()? {
                bail!("The database fails its integrity check. Restore the vault from a backup.");
            }
            let audit = vault.verify_audit()?;
            println!(
                "All {n} record versions carry valid signatures; the database is sound; the audit log is intact ({} entries).",
                audit.entries
            );
        }
    }
    Ok(())
}

fn apply_case_fields(c: &mut CaseBody, f: &CaseFields) {
    if f.name.is_some() {
        c.identity.name.clone_from(&f.name);
    }
    if f.date_of_birth.is_some() {
        c.identity.date_of_birth.clone_from(&f.date_of_birth);
    }
    if !f.contacts.is_empty() {
        c.identity.contacts.clone_from(&f.contacts);
    }
    if f.nationality.is_some() {
        c.nationality.clone_from(&f.nationality);
    }
    if !f.languages.is_empty() {
        c.languages.clone_from(&f.languages);
    }
    if f.risk.is_some() {
        c.risk = f.risk;
    }
    if let Some(s) = f.status {
        c.status = s;
    }
    if f.worker.is_some() {
        c.assigned_worker.clone_from(&f.worker);
    }
}

fn case(vault: &mut Vault, cmd: &CaseCommand) -> Result<()> {
    match cmd {
        CaseCommand::Add { code, fields } => {
            let mut body = CaseBody {
                code: code.trim().to_owned(),
                identity: Default::default(),
                languages: vec![],
                nationality: None,
                risk: None,
                status: CaseStatus::Open,
                assigned_worker: None,
            };
            apply_case_fields(&mut body, fields);
            let v = vault.add(Body::Case(body))?;
            println!("{}", v.record_id);
        }
        CaseCommand::List { status, out } => {
            let cases = vault.case_list(*status)?;
            output::print_json_or(&cases, out.json, || output::cases_text(&cases))?;
        }
        CaseCommand::Show { code, reveal, out } => {
            let id = vault.case_id(code)?;
            let page = vault.case_page(id, *reveal)?;
            if out.json {
                let json = output::case_json(vault, page, *reveal)?;
                output::print_json_or(&json, true, String::new)?;
            } else {
                println!("{}", output::case_text(&page));
            }
        }
        CaseCommand::Set {
            code,
            new_code,
            fields,
        } => {
            let id = vault.case_id(code)?;
            vault.modify(id, |b| {
                if let Body::Case(c) = b {
                    if let Some(n) = new_code {
                        c.code = n.trim().to_owned();
                    }
                    apply_case_fields(c, fields);
                }
                Ok(())
            })?;
            println!("Case {} updated.", new_code.as_deref().unwrap_or(code));
        }
    }
    Ok(())
}

fn note(vault: &mut Vault, cmd: &NoteCommand) -> Result<()> {
    match cmd {
        NoteCommand::Add {
            case_code,
            kind,
            text,
            draft,
            when,
            place,
            present,
            interpreter,
            tag,
        } => {
            let case = vault.case_id(case_code)?;
            let narrative = text_or_stdin(text.clone())?;
            let v = vault.add(Body::Note(NoteBody {
                case,
                kind: *kind,
                when: when.clone(),
                place: place.clone(),
                present: present.clone(),
                interpreter: interpreter.clone(),
                narrative,
                tags: tag.clone(),
                draft: *draft,
            }))?;
            println!("{}", v.record_id);
        }
        NoteCommand::Edit { id, text, finalise } => {
            let new_text = if text.is_none() && *finalise {
                None
            } else {
                Some(text_or_stdin(text.clone())?)
            };
            let v = vault.modify(*id, |b| match b {
                Body::Note(n) => {
                    if let Some(t) = new_text {
                        n.narrative = t;
                    }
                    if *finalise {
                        n.draft = false;
                    }
                    Ok(())
                }
                _ => Err(not_a("note", *id)),
            })?;
            println!("{}", v.version_id);
        }
    }
    Ok(())
}

fn not_a(what: &'static str, id: uuid::Uuid) -> fieldnotes_core::Error {
    fieldnotes_core::Error::NotFound {
        what,
        id: id.to_string(),
    }
}

fn need(vault: &mut Vault, cmd: &NeedCommand) -> Result<()> {
    match cmd {
        NeedCommand::Add {
            case_code,
            category,
            text,
            priority,
            status,
            target,
            due,
        } => {
            let need = NeedBody {
                case: vault.case_id(case_code)?,
                category: *category,
                description: text.clone().unwrap_or_default(),
                priority: *priority,
                status: *status,
                referral_target: target.clone(),
                due: due.clone(),
                consent: None,
            };
            let v = vault.save_need(None, need, None)?;
            println!("{}", v.record_id);
        }
        NeedCommand::Set {
            id,
            status,
            priority,
            target,
            due,
            consent,
        } => {
            let mut need = match vault.current(*id)?.body {
                Some(Body::Need(n)) => n,
                _ => return Err(not_a("need", *id).into()),
            };
            need.status = status.unwrap_or(need.status);
            need.priority = priority.unwrap_or(need.priority);
            if target.is_some() {
                need.referral_target.clone_from(target);
            }
            if due.is_some() {
                need.due.clone_from(due);
            }
            vault.save_need(Some(*id), need, *consent)?;
            println!("Need {id} updated.");
        }
    }
    Ok(())
}

fn consent(vault: &mut Vault, cmd: &ConsentCommand) -> Result<()> {
    match cmd {
        ConsentCommand::Add {
            case_code,
            scope,
            service,
            note,
        } => {
            let case = vault.case_id(case_code)?;
            let v = vault.add_consent(case, *scope, service.clone(), note.clone())?;
            println!("{}", v.record_id);
        }
        ConsentCommand::Withdraw { id } => {
            vault.withdraw_consent(*id)?;
            println!("Consent {id} withdrawn.");
        }
    }
    Ok(())
}

fn follow_up(vault: &mut Vault, cmd: &FollowUpCommand) -> Result<()> {
    match cmd {
        FollowUpCommand::Add {
            case_code,
            title,
            due,
            assign,
        } => {
            let case = vault.case_id(case_code)?;
            let v = vault.add(Body::FollowUp(FollowUpBody {
                case,
                title: title.clone(),
                due: due.clone(),
                assigned_to: assign.clone(),
                done: false,
            }))?;
            println!("{}", v.record_id);
        }
        FollowUpCommand::Done { id } => {
            vault.modify(*id, |b| match b {
                Body::FollowUp(f) => {
                    f.done = true;
                    Ok(())
                }
                _ => Err(not_a("follow-up", *id)),
            })?;
            println!("Follow-up {id} done.");
        }
    }
    Ok(())
}

fn attach(vault: &mut Vault, cmd: &AttachCommand) -> Result<()> {
    match cmd {
        AttachCommand::Add {
            case_code,
            file,
            media_type,
        } => {
            let case = vault.case_id(case_code)?;
            let f =
                File::open(file).with_context(|| format!("Could not open {}", file.display()))?;
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let v = vault.attach(case, &name, media_type.clone(), &mut BufReader::new(f))?;
            println!("{}", v.record_id);
        }
        AttachCommand::Get { id, out } => {
            if out.exists() {
                bail!(
                    "{} already exists. Choose another --out file; nothing was written.",
                    out.display()
                );
            }
            // A hidden name beside the target, never an existing file: the
            // content only appears under --out once it is whole and checked.
            let name = out
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let tmp = out.with_file_name(format!(".{name}.fieldnotes-partial"));
            let mut f = File::options()
                .write(true)
                .create_new(true)
                .open(&tmp)
                .with_context(|| {
                    format!("Could not create {}; nothing was written", tmp.display())
                })?;
            let written = (|| -> Result<u64> {
                let n = vault.read_attachment(*id, &mut f)?;
                f.sync_all()?;
                std::fs::rename(&tmp, out)?;
                Ok(n)
            })();
            match written {
                Ok(n) => eprintln!("Wrote {n} bytes to {}.", out.display()),
                Err(e) => {
                    let _ = std::fs::remove_file(&tmp);
                    return Err(e);
                }
            }
        }
    }
    Ok(())
}
