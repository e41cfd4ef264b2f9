//! The vault: a directory holding the encrypted database and its key
//! envelopes; create, unlock, lock, change passphrase, recover.
//!
//! Layout of a vault directory:
//!
//! | file | content |
//! | --- | --- |
//! | `vault.json` | plaintext: format name and version, and the device's public age recipient (for sealing failed-unlock records) |
//! | `key.age` | the passphrase envelope (age, scrypt) |
//! | `recovery.age` | optional: the same secrets sealed to the organisation's recovery key |
//! | `vault.db`, `-wal`, `-shm` | the SQLCipher database |
//! | `pending/*.age` | failed-unlock records sealed to the device key, moved into the audit chain at the next unlock |
//!
//! Invariants: no file holds a name, date, count or record text in
//! plaintext; an unlocked [`Vault`] owns the only copies of the keys, and
//! dropping or locking it wipes them.
//!
//! `vault/keys.rs` holds the passphrase rules and the passphrase and
//! recovery envelopes of an existing vault.

use std::fs;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use age::secrecy::SecretString;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use zeroize::Zeroizing;

use crate::audit::{self, Event};
use crate::envelope::{self, Secrets, MAX_WORK_FACTOR};
use crate::error::{Error, Result};
use crate::hlc::{Clock, SystemClock};
use crate::store;

mod keys;
pub(crate) use keys::require_strong;
pub use keys::{passphrase_strength, Strength, MIN_PASSPHRASE_SCORE};

/// The vault directory format this build writes and reads.
pub const VAULT_FORMAT_VERSION: u64 = 1;
const VAULT_FORMAT_NAME: &str = "fieldnotes-vault";
pub(crate) const HEADER_FILE: &str = "vault.json";
pub(crate) const KEY_FILE: &str = "key.age";
pub(crate) const RECOVERY_FILE: &str = "recovery.age";
pub(crate) const DB_FILE: &str = "vault.db";
const PENDING_DIR: &str = "pending";

#[derive(Serialize, Deserialize)]
pub(crate) struct Header {
    format: String,
    version: u64,
    device_recipient: String,
}

/// How to create a vault.
pub struct CreateOptions {
    /// scrypt work factor (log2 N) of the passphrase envelope. Production
    /// callers use [`envelope::PRODUCTION_WORK_FACTOR`]; tests may go lower.
    pub work_factor: u8,
    /// The organisation's recovery key, if it has one.
    pub recovery: Option<age::x25519::Recipient>,
}

impl Default for CreateOptions {
    fn default() -> Self {
        CreateOptions {
            work_factor: envelope::PRODUCTION_WORK_FACTOR,
            recovery: None,
        }
    }
}

/// Parses an age X25519 public key (`age1…`).
pub fn parse_recipient(text: &str) -> Result<age::x25519::Recipient> {
    age::x25519::Recipient::from_str(text.trim()).map_err(|_| Error::InvalidKey {
        expected: "expected an age public key starting with age1",
    })
}

/// An unlocked vault. Dropping it locks it.
pub struct Vault {
    pub(crate) dir: PathBuf,
    pub(crate) conn: Connection,
    pub(crate) secrets: Secrets,
    pub(crate) audit_key: Zeroizing<[u8; 32]>,
    pub(crate) clock: Box<dyn Clock>,
    /// The case list's rows while nothing has changed (`views::case_rows`).
    pub(crate) case_rows: crate::views::CaseRowCache,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vault")
            .field("dir", &self.dir)
            .finish_non_exhaustive()
    }
}

/// Whether `dir` holds a vault.
pub fn exists(dir: &Path) -> bool {
    dir.join(HEADER_FILE).exists() || dir.join(KEY_FILE).exists()
}

pub(crate) fn read_header(dir: &Path) -> Result<Header> {
    let path = dir.join(HEADER_FILE);
    let bytes = match fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if dir.join(KEY_FILE).exists() {
                return Err(Error::CorruptEnvelope);
            }
            return Err(Error::NoVault(dir.to_path_buf()));
        }
        Err(e) => return Err(Error::io("read", path, e)),
    };
    let header: Header = serde_json::from_slice(&bytes).map_err(|_| Error::CorruptEnvelope)?;
    if header.format != VAULT_FORMAT_NAME {
        return Err(Error::CorruptEnvelope);
    }
    if header.version > VAULT_FORMAT_VERSION {
        return Err(Error::UnsupportedVersion {
            what: "vault",
            found: header.version,
            supported: VAULT_FORMAT_VERSION,
        });
    }
    Ok(header)
}

impl Vault {
    /// Creates a new vault in `dir` (which may exist but must hold no vault).
    pub fn create(dir: &Path, passphrase: &SecretString, options: CreateOptions) -> Result<Vault> {
        require_strong(passphrase)?;
        if exists(dir) || dir.join(DB_FILE).exists() {
            return Err(Error::VaultExists(dir.to_path_buf()));
        }
        fs::create_dir_all(dir).map_err(|e| Error::io("create the folder", dir, e))?;
        restrict_permissions(dir);
        let secrets = Secrets::generate();
        let work_factor = options.work_factor.min(MAX_WORK_FACTOR);
        let sealed = envelope::seal_passphrase(&secrets, passphrase, work_factor)?;
        if let Some(recipient) = &options.recovery {
            let recovery = envelope::seal_recipient(&secrets, recipient)?;
            envelope::write_atomic(&dir.join(RECOVERY_FILE), &recovery)?;
        }
        let conn = store::open(&dir.join(DB_FILE), &secrets.db_key_literal(), true)?;
        // SQLite creates its -wal and -shm files with the database's mode.
        restrict_file(&dir.join(DB_FILE));
        let mut vault = Vault::assemble(dir, conn, secrets);
        vault.init_database()?;
        if let Some(recipient) = &options.recovery {
            // Kept so backups can be sealed to the recovery key as well.
            store::meta_set(&vault.conn, "recovery_recipient", &recipient.to_string())?;
        }
        // The key file is written last: a vault whose creation was cut short
        // has no key file, so it is never mistaken for a usable vault.
        let header = Header {
            format: VAULT_FORMAT_NAME.into(),
            version: VAULT_FORMAT_VERSION,
            device_recipient: vault.secrets.age_identity.to_public().to_string(),
        };
        let header = serde_json::to_vec_pretty(&header).map_err(std::io::Error::other)?;
        envelope::write_atomic(&dir.join(HEADER_FILE), &header)?;
        envelope::write_atomic(&dir.join(KEY_FILE), &sealed)?;
        Ok(vault)
    }

    /// Unlocks the vault in `dir` with its passphrase.
    pub fn unlock(dir: &Path, passphrase: &SecretString) -> Result<Vault> {
        let header = read_header(dir)?;
        let sealed = read_key_file(&dir.join(KEY_FILE))?;
        match envelope::open_passphrase(&sealed, passphrase) {
            Ok(secrets) => Vault::open_with(dir, &header, secrets, Event::Unlocked),
            Err(Error::WrongPassphrase) => {
                record_failed_unlock(dir, &header);
                Err(Error::WrongPassphrase)
            }
            Err(e) => Err(e),
        }
    }

    /// Opens a vault whose secrets the caller already holds (a restore).
    pub(crate) fn open_restored(dir: &Path, secrets: Secrets) -> Result<Vault> {
        let header = read_header(dir)?;
        Vault::open_with(dir, &header, secrets, Event::Restored)
    }

    fn open_with(dir: &Path, header: &Header, secrets: Secrets, event: Event) -> Result<Vault> {
        // The header names the device key of its own vault: a key file from
        // another vault is caught here, before SQLCipher would report the
        // wrong database key as a damaged database.
        if secrets.age_identity.to_public().to_string() != header.device_recipient {
            return Err(Error::ForeignEnvelope);
        }
        let conn = store::open(&dir.join(DB_FILE), &secrets.db_key_literal(), false)?;
        let stored = store::meta_get(&conn, "vault_id")?;
        if stored.as_deref() != Some(secrets.vault_id.to_string().as_str()) {
            return Err(Error::ForeignEnvelope);
        }
        let vault = Vault::assemble(dir, conn, secrets);
        vault.absorb_pending()?;
        vault.sweep_orphan_blobs()?;
        crate::revocation::sign_older(
            &vault.conn,
            &vault.secrets.signing_key,
            vault.secrets.device_id,
        )?;
        vault.audit(event, "")?;
        Ok(vault)
    }

    fn assemble(dir: &Path, conn: Connection, secrets: Secrets) -> Vault {
        let audit_key = audit::chain_key(&secrets.db_key);
        Vault {
            dir: dir.to_path_buf(),
            conn,
            secrets,
            audit_key,
            clock: Box::new(SystemClock),
            case_rows: Default::default(),
        }
    }

    fn init_database(&mut self) -> Result<()> {
        let tx = self.conn.transaction()?;
        store::meta_set(&tx, "vault_id", &self.secrets.vault_id.to_string())?;
        store::meta_set(&tx, "device_id", &self.secrets.device_id.to_string())?;
        tx.execute(
            "INSERT INTO devices(device_id, signing_key, age_recipient, name, trusted) VALUES (?1, ?2, ?3, '', 1)",
            rusqlite::params![
                self.secrets.device_id.to_string(),
                &self.secrets.signing_key.verifying_key().to_bytes()[..],
                self.secrets.age_identity.to_public().to_string(),
            ],
        )?;
        audit::append(
            &tx,
            &self.audit_key,
            &now_rfc3339(),
            Event::VaultCreated,
            "",
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Locks the vault: records it in the audit log, closes the database and
    /// wipes every key from memory.
    pub fn lock(self) -> Result<()> {
        self.audit(Event::Locked, "")?;
        // Dropping the connection closes SQLCipher (which wipes its copy of
        // the key); dropping `secrets` zeroizes ours.
        drop(self);
        Ok(())
    }

    /// Replaces the wall clock (tests, simulations).
    pub fn set_clock(&mut self, clock: Box<dyn Clock>) {
        self.clock = clock;
    }

    /// The vault's directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// This device's id.
    pub fn device_id(&self) -> Uuid {
        self.secrets.device_id
    }

    /// This vault's id (the same on every restore of it).
    pub fn vault_id(&self) -> Uuid {
        self.secrets.vault_id
    }

    /// Whether an organisation recovery envelope exists.
    pub fn has_recovery(&self) -> bool {
        self.dir.join(RECOVERY_FILE).exists()
    }

    /// Appends an audit entry in its own transaction.
    pub(crate) fn audit(&self, event: Event, subject: &str) -> Result<()> {
        audit::append(&self.conn, &self.audit_key, &now_rfc3339(), event, subject)
    }

    /// The audit log, oldest first.
    pub fn audit_log(&self) -> Result<Vec<audit::Entry>> {
        audit::list(&self.conn)
    }

    /// Checks the audit chain end to end.
    pub fn verify_audit(&self) -> Result<audit::Report> {
        audit::verify(&self.conn, &self.audit_key)
    }

    /// Runs SQLite's integrity check; true when the database is sound.
    pub fn integrity_check(&self) -> Result<bool> {
        let result: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        Ok(result == "ok")
    }

    /// Moves failed-unlock records sealed while locked into the chain.
    fn absorb_pending(&self) -> Result<()> {
        let dir = self.dir.join(PENDING_DIR);
        let Ok(entries) = fs::read_dir(&dir) else {
            return Ok(());
        };
        let mut files: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        for path in files {
            let at = fs::read(&path)
                .ok()
                .and_then(|bytes| decrypt_small(&bytes, &self.secrets.age_identity))
                .unwrap_or_else(|| "unknown time (record unreadable)".to_owned());
            self.audit_at(&at, Event::UnlockFailed, "")?;
            let _ = fs::remove_file(&path);
        }
        Ok(())
    }

    fn audit_at(&self, at: &str, event: Event, subject: &str) -> Result<()> {
        audit::append(&self.conn, &self.audit_key, at, event, subject)
    }
}

fn read_key_file(path: &Path) -> Result<Vec<u8>> {
    match fs::read(path) {
        Ok(b) => Ok(b),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Error::CorruptEnvelope),
        Err(e) => Err(Error::io("read", path, e)),
    }
}

fn decrypt_small(bytes: &[u8], identity: &age::x25519::Identity) -> Option<String> {
    use std::io::Read;
    let decryptor = age::Decryptor::new_buffered(bytes).ok()?;
    let mut reader = decryptor
        .decrypt(std::iter::once(identity as &dyn age::Identity))
        .ok()?;
    let mut out = String::new();
    (&mut reader).take(256).read_to_string(&mut out).ok()?;
    Some(out)
}

/// Best effort: a failed unlock must never turn into a different error.
fn record_failed_unlock(dir: &Path, header: &Header) {
    let Ok(recipient) = age::x25519::Recipient::from_str(&header.device_recipient) else {
        return;
    };
    let Ok(encryptor) =
        age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
    else {
        return;
    };
    let mut sealed = Vec::new();
    let ok = (|| -> std::io::Result<()> {
        use std::io::Write;
        let mut w = encryptor.wrap_output(&mut sealed)?;
        w.write_all(now_rfc3339().as_bytes())?;
        w.finish()?;
        Ok(())
    })();
    if ok.is_err() {
        return;
    }
    let pending = dir.join(PENDING_DIR);
    if fs::create_dir_all(&pending).is_ok() {
        let _ = envelope::write_atomic(&pending.join(format!("{}.age", Uuid::now_v7())), &sealed);
    }
}

pub(crate) fn now_rfc3339() -> String {
    crate::dates::now_rfc3339()
}

/// Creates a new file that only this user can read, 0600 from the open
/// call itself (no moment at 0644), never over an existing file or through
/// a symlink left at the path.
pub(crate) fn create_private(path: &Path) -> std::io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

pub(crate) fn restrict_file(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = fs::set_permissions(path, fs::Permissions::from_mode(0o600));
    }
    #[cfg(not(unix))]
    let _ = path;
}

pub(crate) fn restrict_permissions(dir: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = fs::set_permissions(dir, fs::Permissions::from_mode(0o700));
    }
    #[cfg(not(unix))]
    let _ = dir;
}
