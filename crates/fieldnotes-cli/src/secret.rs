//! Where passphrases come from, following restic's conventions: a file
//! named by a flag or an environment variable, the variable itself, or a
//! no-echo prompt when a person is at a terminal.
//!
//! Invariant: a passphrase only ever lives in a `SecretString`, and no error
//! message repeats it.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use fieldnotes_core::{passphrase_strength, Error, SecretString};

/// Where to look for one passphrase.
pub struct Source<'a> {
    pub file: Option<&'a Path>,
    pub file_env: &'static str,
    pub value_env: &'static str,
    pub flag: &'static str,
}

pub const CURRENT: Source<'static> = Source {
    file: None,
    file_env: "FIELDNOTES_PASSPHRASE_FILE",
    value_env: "FIELDNOTES_PASSPHRASE",
    flag: "--passphrase-file",
};

pub const NEW: Source<'static> = Source {
    file: None,
    file_env: "FIELDNOTES_NEW_PASSPHRASE_FILE",
    value_env: "FIELDNOTES_NEW_PASSPHRASE",
    flag: "--new-passphrase-file",
};

impl<'a> Source<'a> {
    pub fn with_file(self, file: Option<&'a PathBuf>) -> Self {
        Source {
            file: file.map(PathBuf::as_path),
            ..self
        }
    }

    fn non_interactive(&self) -> Result<Option<SecretString>> {
        let env_file = std::env::var_os(self.file_env).map(PathBuf::from);
        if let Some(path) = self.file.map(Path::to_path_buf).or(env_file) {
            let text = std::fs::read_to_string(&path).with_context(|| {
                format!("Could not read the passphrase file {}", path.display())
            })?;
            // Like restic: the file's trailing newline is not part of it.
            let trimmed = text.strip_suffix('\n').unwrap_or(&text);
            let trimmed = trimmed.strip_suffix('\r').unwrap_or(trimmed);
            return Ok(Some(SecretString::from(trimmed.to_owned())));
        }
        if let Ok(value) = std::env::var(self.value_env) {
            return Ok(Some(SecretString::from(value)));
        }
        Ok(None)
    }

    /// The passphrase to unlock with.
    pub fn read(&self, prompt: &str) -> Result<SecretString> {
        if let Some(p) = self.non_interactive()? {
            return Ok(p);
        }
        if std::io::stdin().is_terminal() {
            let p = rpassword::prompt_password(prompt)
                .context("Could not read the passphrase from the terminal")?;
            return Ok(SecretString::from(p));
        }
        bail!(
            "No passphrase given. Type it at a terminal, or pass {} FILE, or set {} or {}.",
            self.flag,
            self.file_env,
            self.value_env
        )
    }

    /// A new passphrase: at a terminal it is typed twice and its strength
    /// shown before it is used.
    pub fn read_new(&self, prompt: &str) -> Result<SecretString> {
        if let Some(p) = self.non_interactive()? {
            return Ok(p);
        }
        if !std::io::stdin().is_terminal() {
            return self.read(prompt);
        }
        loop {
            let first = SecretString::from(rpassword::prompt_password(prompt)?);
            let strength = passphrase_strength(&first);
            if !strength.acceptable {
                eprintln!(
                    "Too easy to guess (strength {}/4, cracked in {}). {}",
                    strength.score,
                    strength.crack_time,
                    strength.suggestions.join(" ")
                );
                continue;
            }
            let second = rpassword::prompt_password("Type it again: ")?;
            use fieldnotes_core::ExposeSecret;
            if first.expose_secret() != second {
                eprintln!("{}", Error::PassphraseMismatch);
                continue;
            }
            return Ok(first);
        }
    }
}
