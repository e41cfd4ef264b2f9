//! `init`, `passwd`, `recover` and `strength`: making a vault and the
//! passphrases that open it.
//!
//! Invariant: a new passphrase is read with [`secret::Source::read_new`], so
//! at a terminal it is typed twice and its strength shown first; the core
//! refuses a weak one whatever its source.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use fieldnotes_core::envelope::{read_identity_file, PRODUCTION_WORK_FACTOR};
use fieldnotes_core::{parse_recipient, passphrase_strength, CreateOptions, Vault};

use super::Context;
use crate::output::print_json_or;
use crate::secret;

#[derive(Args)]
pub struct InitArgs {
    /// Also seal the keys to the organisation's recovery key (age1…)
    #[arg(long, value_name = "AGE_PUBLIC_KEY")]
    recovery_recipient: Option<String>,
}

#[derive(Args)]
pub struct PasswdArgs {
    /// Read the new passphrase from FILE (also: FIELDNOTES_NEW_PASSPHRASE_FILE, FIELDNOTES_NEW_PASSPHRASE)
    #[arg(long, value_name = "FILE")]
    new_passphrase_file: Option<PathBuf>,
}

#[derive(Args)]
pub struct RecoverArgs {
    /// The recovery identity file (AGE-SECRET-KEY-1…)
    #[arg(long, value_name = "FILE")]
    identity: PathBuf,
    /// Read the new passphrase from FILE (also: FIELDNOTES_NEW_PASSPHRASE_FILE, FIELDNOTES_NEW_PASSPHRASE)
    #[arg(long, value_name = "FILE")]
    new_passphrase_file: Option<PathBuf>,
}

pub fn init(ctx: &Context, args: InitArgs) -> Result<()> {
    let recovery = args
        .recovery_recipient
        .as_deref()
        .map(parse_recipient)
        .transpose()?;
    if fieldnotes_core::vault::exists(&ctx.dir) {
        return Err(fieldnotes_core::Error::VaultExists(ctx.dir.clone()).into());
    }
    let passphrase = ctx.passphrase().read_new("New passphrase: ")?;
    let options = CreateOptions {
        work_factor: PRODUCTION_WORK_FACTOR,
        recovery,
    };
    let vault = Vault::create(&ctx.dir, &passphrase, options)?;
    println!("Created a vault in {}", ctx.dir.display());
    if vault.has_recovery() {
        println!("The organisation's recovery key can also open it.");
    }
    vault.lock()?;
    Ok(())
}

pub fn passwd(vault: &mut Vault, args: PasswdArgs) -> Result<()> {
    let new = secret::NEW
        .with_file(args.new_passphrase_file.as_ref())
        .read_new("New passphrase: ")?;
    vault.change_passphrase(&new, PRODUCTION_WORK_FACTOR)?;
    println!("The passphrase was changed.");
    Ok(())
}

pub fn recover(ctx: &Context, args: RecoverArgs) -> Result<()> {
    let identity = read_identity_file(&args.identity)?;
    let new = secret::NEW
        .with_file(args.new_passphrase_file.as_ref())
        .read_new("New passphrase: ")?;
    let vault = Vault::recover(&ctx.dir, &identity, &new, PRODUCTION_WORK_FACTOR)?;
    println!("The vault has a new passphrase.");
    vault.lock()?;
    Ok(())
}

pub fn strength(ctx: &Context) -> Result<()> {
    let p = ctx.passphrase().read("Passphrase to check: ")?;
    let s = passphrase_strength(&p);
    print_json_or(&s, true, String::new)
}
