//! The keys of a vault: how strong a passphrase must be, and the
//! passphrase and recovery envelopes of an existing vault (recover,
//! change and check the passphrase).
//!
//! Invariants: a new passphrase is refused unless zxcvbn scores it at
//! least [`MIN_PASSPHRASE_SCORE`]; changing it re-seals only the envelope
//! (the database key stays), swapped in atomically and audited.

use std::path::Path;

use age::secrecy::{ExposeSecret, SecretString};
use serde::Serialize;

use super::{read_header, read_key_file, Vault, KEY_FILE, RECOVERY_FILE};
use crate::audit::Event;
use crate::envelope::{self, MAX_WORK_FACTOR};
use crate::error::{Error, Result};

/// The lowest zxcvbn score (0–4) a passphrase must reach.
pub const MIN_PASSPHRASE_SCORE: u8 = 3;

/// How strong a passphrase is, from the zxcvbn estimator.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Strength {
    /// 0 (trivial) to 4 (very strong).
    pub score: u8,
    /// log10 of the estimated guesses needed.
    pub guesses_log10: f64,
    /// Estimated time to crack offline at a fast hash rate, for people.
    pub crack_time: String,
    /// What is wrong with it, if anything.
    pub warning: Option<String>,
    /// How to make it better.
    pub suggestions: Vec<String>,
    /// Whether it is strong enough for a vault.
    pub acceptable: bool,
}

/// Estimates a passphrase's strength.
pub fn passphrase_strength(passphrase: &SecretString) -> Strength {
    let e = zxcvbn::zxcvbn(
        passphrase.expose_secret(),
        &["fieldnotes", "vault", "password"],
    );
    let score = u8::from(e.score());
    let feedback = e.feedback();
    Strength {
        score,
        guesses_log10: e.guesses_log10(),
        crack_time: e
            .crack_times()
            .offline_slow_hashing_1e4_per_second()
            .to_string(),
        warning: feedback.and_then(|f| f.warning()).map(|w| w.to_string()),
        suggestions: feedback
            .map(|f| f.suggestions().iter().map(|s| s.to_string()).collect())
            .unwrap_or_default(),
        acceptable: score >= MIN_PASSPHRASE_SCORE,
    }
}

pub(crate) fn require_strong(passphrase: &SecretString) -> Result<()> {
    let s = passphrase_strength(passphrase);
    if s.acceptable {
        return Ok(());
    }
    let mut feedback = s.warning.unwrap_or_default();
    if let Some(first) = s.suggestions.first() {
        if !feedback.is_empty() {
            feedback.push_str("; ");
        }
        feedback.push_str(first);
    }
    Err(Error::WeakPassphrase { feedback })
}

impl Vault {
    /// Opens the vault with the organisation's recovery identity and seals
    /// it under a new passphrase.
    pub fn recover(
        dir: &Path,
        identity: &age::x25519::Identity,
        new_passphrase: &SecretString,
        work_factor: u8,
    ) -> Result<Vault> {
        require_strong(new_passphrase)?;
        let header = read_header(dir)?;
        let path = dir.join(RECOVERY_FILE);
        if !path.exists() {
            return Err(Error::RecoveryNotConfigured);
        }
        let sealed = read_key_file(&path)?;
        let secrets = envelope::open_recovery(&sealed, identity)?;
        let mut vault = Vault::open_with(dir, &header, secrets, Event::Recovered)?;
        vault.write_passphrase_envelope(new_passphrase, work_factor, Event::PassphraseChanged)?;
        Ok(vault)
    }

    /// Replaces the passphrase. The database is not re-encrypted: only the
    /// envelope is re-sealed and atomically swapped in.
    pub fn change_passphrase(
        &mut self,
        new_passphrase: &SecretString,
        work_factor: u8,
    ) -> Result<()> {
        require_strong(new_passphrase)?;
        self.write_passphrase_envelope(new_passphrase, work_factor, Event::PassphraseChanged)
    }

    /// Checks `passphrase` opens this vault's key file, as a second factor
    /// before a change made while the vault is already unlocked. A wrong
    /// one is recorded like a failed unlock.
    pub fn check_passphrase(&self, passphrase: &SecretString) -> Result<()> {
        let sealed = read_key_file(&self.dir.join(KEY_FILE))?;
        match envelope::open_passphrase(&sealed, passphrase) {
            Ok(secrets) if secrets.vault_id == self.secrets.vault_id => Ok(()),
            Ok(_) => Err(Error::ForeignEnvelope),
            Err(Error::WrongPassphrase) => {
                self.audit(Event::UnlockFailed, "passphrase check")?;
                Err(Error::WrongPassphrase)
            }
            Err(e) => Err(e),
        }
    }

    fn write_passphrase_envelope(
        &mut self,
        passphrase: &SecretString,
        work_factor: u8,
        event: Event,
    ) -> Result<()> {
        let sealed =
            envelope::seal_passphrase(&self.secrets, passphrase, work_factor.min(MAX_WORK_FACTOR))?;
        envelope::write_atomic(&self.dir.join(KEY_FILE), &sealed)?;
        self.audit(event, "")
    }
}
