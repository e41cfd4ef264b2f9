//! What each command does, one module per concern, each with its clap
//! arguments and its `run`: unlock, call the core, print, lock.
//!
//! Routing is one match: the commands that work without an open vault
//! (`init`, `recover`, `strength`, `restore`, `drives`, `forms`) get the
//! [`Context`] only; every other one runs inside [`Context::with_vault`], which unlocks
//! the vault first and locks it again afterwards, even when the command
//! failed.

pub mod attach;
pub mod audit;
pub mod backup;
pub mod case;
mod case_fields;
mod case_text;
pub mod consent;
pub mod erase;
pub mod exchange;
pub mod followup;
pub mod forms;
pub mod need;
pub mod note;
mod note_show;
pub mod records;
pub mod reports;
pub mod settings;
pub mod stats;
pub mod vault;

use std::path::PathBuf;

use anyhow::{Context as _, Result};
use fieldnotes_core::Vault;
use uuid::Uuid;

use crate::cli::{Cli, Command};
use crate::secret;

/// What every command gets from the global options.
pub struct Context {
    /// The vault folder: --vault, FIELDNOTES_VAULT, or the platform data folder.
    pub dir: PathBuf,
    passphrase_file: Option<PathBuf>,
}

impl Context {
    fn new(cli: &Cli) -> Result<Context> {
        let dir = match &cli.vault {
            Some(dir) => dir.clone(),
            None => directories::ProjectDirs::from("org", "Fieldnotes", "Fieldnotes")
                .map(|d| d.data_dir().join("vault"))
                .context("Could not find a data folder for this user; pass --vault DIR")?,
        };
        Ok(Context {
            dir,
            passphrase_file: cli.passphrase_file.clone(),
        })
    }

    /// Where the current passphrase comes from (--passphrase-file first).
    pub fn passphrase(&self) -> secret::Source<'_> {
        secret::CURRENT.with_file(self.passphrase_file.as_ref())
    }

    /// Unlocks the vault, runs `command` on it and locks it again.
    fn with_vault(&self, command: impl FnOnce(&mut Vault) -> Result<()>) -> Result<()> {
        if !fieldnotes_core::vault::exists(&self.dir) {
            return Err(fieldnotes_core::Error::NoVault(self.dir.clone()).into());
        }
        let passphrase = self.passphrase().read("Passphrase: ")?;
        let mut vault = Vault::unlock(&self.dir, &passphrase)?;
        let result = move_attachments_out(&mut vault).and_then(|()| command(&mut vault));
        // The work that saves leave undone (merging the search index,
        // copying the write-ahead log back; the app does it while idle),
        // once the command's own work is committed. A failure here loses
        // nothing and is not the command's: reporting it would invite
        // running a command again that has already been done.
        if result.is_ok() {
            let _ = vault.tidy(TIDY_BUDGET);
        }
        // Lock even when the command failed; report the command's error first.
        let locked = vault.lock();
        result?;
        locked?;
        Ok(())
    }
}

/// How long a command may spend merging the search index after its work.
const TIDY_BUDGET: std::time::Duration = std::time::Duration::from_millis(100);

/// A vault made by an earlier version keeps its files inside the
/// database: they move out into sealed files once, before anything else.
fn move_attachments_out(vault: &mut Vault) -> Result<()> {
    let plan = vault.attachments_to_move()?;
    if plan.attachments > 0 {
        eprintln!(
            "Moving {} attached files ({} MiB) out of the database into sealed files (once; it resumes if interrupted).",
            plan.attachments,
            plan.bytes.div_ceil(1024 * 1024)
        );
        vault.move_attachments_out(&mut backup::progress_printer())?;
    }
    Ok(())
}

/// Runs the command line.
pub fn run(cli: Cli) -> Result<()> {
    let ctx = Context::new(&cli)?;
    match cli.command {
        Command::Init(args) => vault::init(&ctx, args),
        Command::Recover(args) => vault::recover(&ctx, args),
        Command::Strength => vault::strength(&ctx),
        Command::Restore(args) => backup::restore(&ctx, args),
        Command::Drives(args) => backup::drives(args),
        Command::Passwd(args) => ctx.with_vault(|v| vault::passwd(v, args)),
        Command::Case(c) => ctx.with_vault(|v| case::run(v, c)),
        Command::Note(c) => ctx.with_vault(|v| note::run(v, c)),
        Command::Forms(c) => forms::run(&ctx.dir, c),
        Command::Need(c) => ctx.with_vault(|v| need::run(v, c)),
        Command::Consent(c) => ctx.with_vault(|v| consent::run(v, c)),
        Command::FollowUp(c) => ctx.with_vault(|v| followup::run(v, c)),
        Command::Attach(c) => ctx.with_vault(|v| attach::run(v, c)),
        Command::Search(args) => ctx.with_vault(|v| records::search(v, args)),
        Command::History(args) => ctx.with_vault(|v| records::history(v, args)),
        Command::Records(args) => ctx.with_vault(|v| records::records(v, args)),
        Command::Delete(args) => ctx.with_vault(|v| records::delete(v, args)),
        Command::Erase(args) => ctx.with_vault(|v| erase::run(v, args)),
        Command::Check => ctx.with_vault(records::check),
        Command::Audit(args) => ctx.with_vault(|v| audit::run(v, args)),
        Command::Backup(args) => ctx.with_vault(|v| backup::backup(v, args)),
        Command::Card(args) => ctx.with_vault(|v| exchange::card(v, args)),
        Command::Trust(c) => ctx.with_vault(|v| exchange::trust(v, c)),
        Command::Export(args) => ctx.with_vault(|v| exchange::export(v, args)),
        Command::Import(args) => ctx.with_vault(|v| exchange::import(v, args)),
        Command::Conflicts(args) => ctx.with_vault(|v| exchange::conflicts(v, args)),
        Command::Resolve(args) => ctx.with_vault(|v| exchange::resolve(v, args)),
        Command::Identity(c) => ctx.with_vault(|v| exchange::identity(v, c)),
        Command::Settings(args) => ctx.with_vault(|v| settings::run(v, args)),
        Command::Report(c) => ctx.with_vault(|v| reports::run(v, c)),
    }
}

/// The error for an id that names a record of another kind.
fn not_a(what: &'static str, id: Uuid) -> fieldnotes_core::Error {
    fieldnotes_core::Error::NotFound {
        what,
        id: id.to_string(),
    }
}
