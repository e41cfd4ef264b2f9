//! The key envelope: the vault's secrets, sealed with `age`.
//!
//! The plaintext is a small line-oriented text that starts with its format
//! version, so a newer format is recognised before anything else is parsed:
//!
//! ```text
//! fieldnotes-envelope 1
//! vault-id <uuid>
//! device-id <uuid>
//! db-key <64 hex digits>
//! age-identity AGE-SECRET-KEY-1...
//! signing-key <64 hex digits>
//! ```
//!
//! Invariants: the plaintext only ever lives in [`Zeroizing`] buffers; the
//! passphrase envelope is sealed with scrypt at a pinned work factor and is
//! opened only up to [`MAX_WORK_FACTOR`], so a hostile key file cannot make an
//! unlock take minutes; files are replaced atomically (write a temporary file,
//! fsync, rename, fsync the directory), so a crash leaves one valid envelope.

use std::fs;
use std::io::{Read, Write};
use std::iter;
use std::path::Path;
use std::str::FromStr;

use age::secrecy::{ExposeSecret, SecretString};
use ed25519_dalek::SigningKey;
use rand_core::{OsRng, RngCore};
use uuid::Uuid;
use zeroize::{Zeroize, Zeroizing};

use crate::error::{Error, Result};

/// The scrypt work factor (log2 N) new envelopes are sealed with: ~0.5 s.
pub const PRODUCTION_WORK_FACTOR: u8 = 18;
/// The highest work factor an envelope is opened with (~2 s, ~1 GiB).
pub const MAX_WORK_FACTOR: u8 = 20;
/// The format version written into new envelopes.
pub const ENVELOPE_VERSION: u64 = 1;
const MAGIC: &str = "fieldnotes-envelope";

/// The secrets of one vault on one device. Dropping it wipes them.
pub struct Secrets {
    pub(crate) vault_id: Uuid,
    pub(crate) device_id: Uuid,
    pub(crate) db_key: Zeroizing<[u8; 32]>,
    pub(crate) age_identity: age::x25519::Identity,
    pub(crate) signing_key: SigningKey,
}

impl Secrets {
    pub(crate) fn generate() -> Self {
        let mut db_key = Zeroizing::new([0u8; 32]);
        OsRng.fill_bytes(&mut db_key[..]);
        Secrets {
            vault_id: Uuid::new_v4(),
            device_id: Uuid::new_v4(),
            db_key,
            age_identity: age::x25519::Identity::generate(),
            signing_key: SigningKey::generate(&mut OsRng),
        }
    }

    fn encode(&self) -> Zeroizing<String> {
        let mut out = Zeroizing::new(String::with_capacity(400));
        let mut db_hex = Zeroizing::new(hex::encode(&self.db_key[..]));
        let mut sk_hex = Zeroizing::new(hex::encode(self.signing_key.to_bytes()));
        let identity = self.age_identity.to_string();
        out.push_str(&format!("{MAGIC} {ENVELOPE_VERSION}\n"));
        out.push_str(&format!("vault-id {}\n", self.vault_id));
        out.push_str(&format!("device-id {}\n", self.device_id));
        out.push_str("db-key ");
        out.push_str(&db_hex);
        out.push_str("\nage-identity ");
        out.push_str(identity.expose_secret());
        out.push_str("\nsigning-key ");
        out.push_str(&sk_hex);
        out.push('\n');
        db_hex.zeroize();
        sk_hex.zeroize();
        out
    }

    fn decode(text: &str) -> Result<Self> {
        let mut lines = text.lines();
        let header = lines.next().ok_or(Error::CorruptEnvelope)?;
        let version = header
            .strip_prefix(MAGIC)
            .and_then(|v| v.trim().parse::<u64>().ok())
            .ok_or(Error::CorruptEnvelope)?;
        if version > ENVELOPE_VERSION {
            return Err(Error::UnsupportedVersion {
                what: "key file",
                found: version,
                supported: ENVELOPE_VERSION,
            });
        }
        let mut field = |name: &str| -> Result<&str> {
            let line = lines.next().ok_or(Error::CorruptEnvelope)?;
            line.strip_prefix(name)
                .and_then(|rest| rest.strip_prefix(' '))
                .ok_or(Error::CorruptEnvelope)
        };
        let vault_id = Uuid::parse_str(field("vault-id")?).map_err(|_| Error::CorruptEnvelope)?;
        let device_id = Uuid::parse_str(field("device-id")?).map_err(|_| Error::CorruptEnvelope)?;
        let mut db_key = Zeroizing::new([0u8; 32]);
        hex::decode_to_slice(field("db-key")?, &mut db_key[..])
            .map_err(|_| Error::CorruptEnvelope)?;
        let age_identity = age::x25519::Identity::from_str(field("age-identity")?)
            .map_err(|_| Error::CorruptEnvelope)?;
        let mut sk = Zeroizing::new([0u8; 32]);
        hex::decode_to_slice(field("signing-key")?, &mut sk[..])
            .map_err(|_| Error::CorruptEnvelope)?;
        Ok(Secrets {
            vault_id,
            device_id,
            db_key,
            age_identity,
            signing_key: SigningKey::from_bytes(&sk),
        })
    }

    /// The database key as SQLCipher's raw-key literal, `x'…'`.
    pub(crate) fn db_key_literal(&self) -> Zeroizing<String> {
        let mut s = Zeroizing::new(String::with_capacity(67));
        s.push_str("x'");
        s.push_str(&Zeroizing::new(hex::encode(&self.db_key[..])));
        s.push('\'');
        s
    }
}

/// Seals `secrets` under a passphrase at `work_factor`.
pub(crate) fn seal_passphrase(
    secrets: &Secrets,
    passphrase: &SecretString,
    work_factor: u8,
) -> Result<Vec<u8>> {
    let mut recipient = age::scrypt::Recipient::new(passphrase.clone());
    recipient.set_work_factor(work_factor);
    seal(secrets, &recipient)
}

/// Seals `secrets` to an X25519 recipient (the organisation's recovery key).
pub(crate) fn seal_recipient(
    secrets: &Secrets,
    recipient: &age::x25519::Recipient,
) -> Result<Vec<u8>> {
    seal(secrets, recipient)
}

fn seal(secrets: &Secrets, recipient: &dyn age::Recipient) -> Result<Vec<u8>> {
    let encryptor =
        age::Encryptor::with_recipients(iter::once(recipient)).map_err(Error::Encrypt)?;
    let mut out = Vec::with_capacity(512);
    let mut writer = encryptor.wrap_output(&mut out)?;
    writer.write_all(secrets.encode().as_bytes())?;
    writer.finish()?;
    Ok(out)
}

/// Opens a passphrase envelope. Any bytes at all may be passed: whatever
/// is not an intact envelope sealed under `passphrase` is an error.
pub fn open_passphrase(bytes: &[u8], passphrase: &SecretString) -> Result<Secrets> {
    let mut identity = age::scrypt::Identity::new(passphrase.clone());
    identity.set_max_work_factor(MAX_WORK_FACTOR);
    let decryptor = age::Decryptor::new_buffered(bytes).map_err(|_| Error::CorruptEnvelope)?;
    if !decryptor.is_scrypt() {
        return Err(Error::CorruptEnvelope);
    }
    open(decryptor, &identity, Error::WrongPassphrase)
}

/// Opens a recovery envelope with the organisation's identity.
pub(crate) fn open_recovery(bytes: &[u8], identity: &age::x25519::Identity) -> Result<Secrets> {
    let decryptor = age::Decryptor::new_buffered(bytes).map_err(|_| Error::CorruptEnvelope)?;
    if decryptor.is_scrypt() {
        return Err(Error::CorruptEnvelope);
    }
    open(decryptor, identity, Error::WrongRecoveryKey)
}

fn open(
    decryptor: age::Decryptor<&[u8]>,
    identity: &dyn age::Identity,
    wrong_key: Error,
) -> Result<Secrets> {
    use age::DecryptError as D;
    let mut reader = match decryptor.decrypt(iter::once(identity)) {
        Ok(r) => r,
        Err(D::DecryptionFailed | D::NoMatchingKeys | D::KeyDecryptionFailed) => {
            return Err(wrong_key)
        }
        Err(D::ExcessiveWork { required, .. }) => {
            return Err(Error::ExcessiveWorkFactor {
                found: required,
                max: MAX_WORK_FACTOR,
            })
        }
        Err(_) => return Err(Error::CorruptEnvelope),
    };
    let mut plain = Zeroizing::new(Vec::with_capacity(512));
    // The envelope is small; anything huge is not ours.
    (&mut reader)
        .take(64 * 1024)
        .read_to_end(&mut plain)
        .map_err(|_| Error::CorruptEnvelope)?;
    let text = std::str::from_utf8(&plain).map_err(|_| Error::CorruptEnvelope)?;
    Secrets::decode(text)
}

/// Reads an age identity file (as written by `age-keygen`): comments and
/// blank lines are skipped, the first `AGE-SECRET-KEY-1…` line is used.
pub fn read_identity_file(path: &Path) -> Result<age::x25519::Identity> {
    let text = Zeroizing::new(
        fs::read_to_string(path).map_err(|e| Error::io("read the identity file", path, e))?,
    );
    find_identity(&text).ok_or(Error::InvalidKey {
        expected: "the file must hold an AGE-SECRET-KEY-1… line as written by age-keygen",
    })
}

/// Parses an age identity given as text: only its `AGE-SECRET-KEY-1…` key,
/// or the whole identity file pasted. A one-line field joins a pasted
/// file's lines, so the key is looked for anywhere in the text: the first
/// `AGE-SECRET-KEY-1` followed by the key's letters and digits that is a
/// valid identity.
pub fn parse_identity(text: &SecretString) -> Result<age::x25519::Identity> {
    let text = text.expose_secret();
    text.match_indices(IDENTITY_PREFIX)
        .find_map(|(start, _)| {
            let key = &text[start..];
            let len = key[IDENTITY_PREFIX.len()..]
                .find(|c: char| !c.is_ascii_alphanumeric())
                .map_or(key.len(), |n| IDENTITY_PREFIX.len() + n);
            age::x25519::Identity::from_str(&key[..len]).ok()
        })
        .ok_or(Error::InvalidKey {
            expected: "the text must hold an AGE-SECRET-KEY-1… key as written by age-keygen",
        })
}

/// How an age X25519 identity starts.
const IDENTITY_PREFIX: &str = "AGE-SECRET-KEY-1";

/// The first `AGE-SECRET-KEY-1…` line of `text` that is a valid identity.
fn find_identity(text: &str) -> Option<age::x25519::Identity> {
    text.lines()
        .map(str::trim)
        .find(|l| l.starts_with(IDENTITY_PREFIX))
        .and_then(|l| age::x25519::Identity::from_str(l).ok())
}

/// Writes `bytes` to `path` atomically: a temporary file beside it is
/// written and fsync'd, renamed over `path`, and the directory fsync'd.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = path.with_extension("tmp");
    let result = (|| {
        let mut options = fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut f = options.open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, path)?;
        sync_dir(path)
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(Error::io("write", path, e));
    }
    Ok(())
}

/// fsyncs the directory holding `path`, so a rename survives power loss.
pub(crate) fn sync_dir(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    if let Some(dir) = path.parent() {
        // A bare file name lives in the current directory.
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        fs::File::open(dir)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn pass() -> SecretString {
        SecretString::from("correct horse battery staple orbit".to_owned())
    }

    #[test]
    fn round_trip_keeps_every_secret() {
        let s = Secrets::generate();
        let sealed = seal_passphrase(&s, &pass(), 10).unwrap();
        let back = open_passphrase(&sealed, &pass()).unwrap();
        assert_eq!(back.vault_id, s.vault_id);
        assert_eq!(back.device_id, s.device_id);
        assert_eq!(&back.db_key[..], &s.db_key[..]);
        assert_eq!(back.signing_key.to_bytes(), s.signing_key.to_bytes());
        assert_eq!(
            back.age_identity.to_public().to_string(),
            s.age_identity.to_public().to_string()
        );
    }

    #[test]
    fn newer_plaintext_version_is_reported_as_such() {
        let s = Secrets::generate();
        let text = s
            .encode()
            .replace("fieldnotes-envelope 1", "fieldnotes-envelope 9");
        assert!(matches!(
            Secrets::decode(&text),
            Err(Error::UnsupportedVersion { found: 9, .. })
        ));
    }

    #[test]
    fn an_identity_is_read_from_a_pasted_file_or_key() {
        let id = age::x25519::Identity::generate();
        let line = id.to_string();
        let public = id.to_public().to_string();
        let file = format!(
            "# created: 2026-01-01T00:00:00Z\n# public key: {public}\n{}\n",
            line.expose_secret()
        );
        let joined = file.replace('\n', "");
        for text in [file, joined, format!("  {}  ", line.expose_secret())] {
            let parsed = parse_identity(&SecretString::from(text)).unwrap();
            assert_eq!(parsed.to_public().to_string(), public);
        }
    }

    #[test]
    fn text_without_a_valid_identity_is_refused() {
        let public = age::x25519::Identity::generate().to_public().to_string();
        let bad = [
            "",
            "hello",
            &public,
            "AGE-SECRET-KEY-1QQQQ",
            "AGE-SECRET-KEY-1",
        ];
        for text in bad {
            let parsed = parse_identity(&SecretString::from(text.to_owned()));
            assert!(matches!(parsed, Err(Error::InvalidKey { .. })), "{text}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn random_bytes_never_open(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
            prop_assert!(open_passphrase(&bytes, &pass()).is_err());
        }

        #[test]
        fn random_plaintext_never_panics(text in "\\PC{0,400}") {
            let _ = Secrets::decode(&text);
        }

        #[test]
        fn random_pasted_keys_never_panic(text in "(\\PC{0,40}AGE-SECRET-KEY-1){0,3}\\PC{0,80}") {
            prop_assert!(parse_identity(&SecretString::from(text)).is_err());
        }

    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn damaged_envelope_is_refused(offset in any::<prop::sample::Index>(), flip in 1u8..=255) {
            let sealed = seal_passphrase(&Secrets::generate(), &pass(), 10).unwrap();
            let mut bad = sealed.clone();
            let i = offset.index(bad.len());
            bad[i] ^= flip;
            prop_assert!(open_passphrase(&bad, &pass()).is_err());
        }

        #[test]
        fn truncated_envelope_is_refused(len in 0usize..400) {
            let sealed = seal_passphrase(&Secrets::generate(), &pass(), 10).unwrap();
            let len = len.min(sealed.len() - 1);
            prop_assert!(open_passphrase(&sealed[..len], &pass()).is_err());
        }
    }
}
