//! `attach add` and `attach get`: files of any size, stored encrypted.
//!
//! Invariant: `attach get` never overwrites a file and never leaves a
//! partial one under the name asked for: the content is written beside it
//! under a hidden name and renamed once whole and checked.

use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use clap::Subcommand;
use fieldnotes_core::Vault;
use uuid::Uuid;

#[derive(Subcommand)]
pub enum AttachCommand {
    /// Store a file with a case. Prints the new id.
    Add {
        #[arg(long = "case")]
        case_code: String,
        file: PathBuf,
        /// Media type, e.g. image/jpeg
        #[arg(long = "type")]
        media_type: Option<String>,
        /// Attach a photograph without the survivor's photograph consent, for this reason (audited)
        #[arg(long = "without-consent", value_name = "REASON")]
        without_consent: Option<String>,
    },
    /// Write an attachment's content to a file
    Get {
        id: Uuid,
        #[arg(long)]
        out: PathBuf,
    },
}

pub fn run(vault: &mut Vault, cmd: AttachCommand) -> Result<()> {
    match cmd {
        AttachCommand::Add {
            case_code,
            file,
            media_type,
            without_consent,
        } => {
            let case = vault.case_id(&case_code)?;
            let f =
                File::open(&file).with_context(|| format!("Could not open {}", file.display()))?;
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let mut content = BufReader::new(f);
            let reason = without_consent.as_deref();
            let v = vault.attach_with_reason(case, &name, media_type, &mut content, reason)?;
            println!("{}", v.record_id);
            Ok(())
        }
        AttachCommand::Get { id, out } => get(vault, id, &out),
    }
}

fn get(vault: &Vault, id: Uuid, out: &Path) -> Result<()> {
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
        .with_context(|| format!("Could not create {}; nothing was written", tmp.display()))?;
    let written = (|| -> Result<u64> {
        let n = vault.read_attachment(id, &mut f)?;
        f.sync_all()?;
        std::fs::rename(&tmp, out)?;
        Ok(n)
    })();
    match written {
        Ok(n) => {
            eprintln!("Wrote {n} bytes to {}.", out.display());
            Ok(())
        }
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}
