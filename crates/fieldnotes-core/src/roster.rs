//! Device identity cards and the roster of trusted devices.
//!
//! A card is the public half of a device: its id, a display name, its age
//! X25519 recipient (to receive bundles) and its Ed25519 key (to sign them).
//! People compare the card's fingerprint aloud or on screen before trusting
//! it; the fingerprint is always recomputed from the keys, never read from
//! the card. Invariants: only trusted devices can send bundles or author
//! imported versions; revoking a device refuses its bundles from then on
//! and its versions stamped after the revocation, while what it wrote
//! before stays, marked.

use std::str::FromStr;

use ed25519_dalek::VerifyingKey;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::audit::Event;
use crate::error::{Error, Result};
use crate::hlc::Hlc;
use crate::minisig;
use crate::store;
use crate::vault::Vault;

/// The card format version.
pub const CARD_VERSION: u64 = 1;
const CARD_FORMAT: &str = "fieldnotes-card";

/// A device's public identity card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Card {
    pub format: String,
    pub version: u64,
    pub device_id: Uuid,
    pub name: String,
    /// age X25519 public key: bundles for this device are encrypted to it.
    pub age_recipient: String,
    /// Ed25519 public key, hex: bundles and versions are signed with it.
    pub signing_key: String,
    /// The same key as minisign's `-P` argument.
    pub minisign_public_key: String,
    /// For people to compare; recomputed on reading, never trusted.
    pub fingerprint: String,
}

/// A device as the roster knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Device {
    pub device_id: Uuid,
    pub name: String,
    pub fingerprint: String,
    pub age_recipient: String,
    pub this_device: bool,
    pub trusted: bool,
    /// The clock reading at which it was revoked here.
    pub revoked_at: Option<Hlc>,
    /// Who revoked it, when another device did (its signed revocation
    /// came in a bundle); `None` when revoked on this laptop.
    pub revoked_by: Option<Uuid>,
}

/// Five groups of four digits from both keys: 66 bits, easy to read aloud.
pub fn fingerprint(signing_key: &VerifyingKey, age_recipient: &str) -> String {
    let mut h = blake3::Hasher::new_derive_key("fieldnotes card fingerprint v1");
    h.update(signing_key.as_bytes());
    h.update(age_recipient.as_bytes());
    let bytes = h.finalize();
    let n = u128::from_le_bytes(bytes.as_bytes()[..16].try_into().unwrap_or_default());
    let digits = format!("{:020}", n % 100_000_000_000_000_000_000);
    digits
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The largest card file read: a card is a few hundred bytes, so anything
/// much larger is not one (and is not read into memory).
pub const MAX_CARD_BYTES: u64 = 64 * 1024;

impl Card {
    /// Reads and checks a card file.
    pub fn read_file(path: &std::path::Path) -> Result<Card> {
        use std::io::Read;
        let file = std::fs::File::open(path).map_err(|e| Error::io("open", path, e))?;
        let size = file
            .metadata()
            .map_err(|e| Error::io("read", path, e))?
            .len();
        if size > MAX_CARD_BYTES {
            return Err(Error::CardTooLarge {
                size,
                max: MAX_CARD_BYTES,
            });
        }
        let mut text = String::new();
        file.take(MAX_CARD_BYTES)
            .read_to_string(&mut text)
            .map_err(|_| Error::InvalidCard)?;
        Card::parse(&text)
    }

    /// Writes the card to a new file, as a person would hand it over. An
    /// existing file (or a symlink) at `path` is never written through:
    /// with `replace` (a save dialog already asked) it is replaced
    /// atomically, otherwise the write is refused.
    pub fn write_file(&self, path: &std::path::Path, replace: bool) -> Result<()> {
        use std::io::Write;
        let text = self.to_json() + "\n";
        if replace {
            return crate::envelope::write_atomic(path, text.as_bytes());
        }
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        let mut file = options
            .open(path)
            .map_err(|e| Error::io("create", path, e))?;
        file.write_all(text.as_bytes())
            .and_then(|()| file.sync_all())
            .map_err(|e| Error::io("write", path, e))
    }

    /// Parses and checks a card; the fingerprint is recomputed.
    pub fn parse(text: &str) -> Result<Card> {
        let bad = || Error::InvalidCard;
        let mut card: Card = serde_json::from_str(text).map_err(|_| bad())?;
        if card.format != CARD_FORMAT {
            return Err(bad());
        }
        if card.version > CARD_VERSION {
            return Err(Error::UnsupportedVersion {
                what: "identity card",
                found: card.version,
                supported: CARD_VERSION,
            });
        }
        let key = card.verifying_key()?;
        age::x25519::Recipient::from_str(&card.age_recipient).map_err(|_| bad())?;
        if minisig::parse_public_key(&card.minisign_public_key).ok() != Some(key) {
            return Err(bad());
        }
        card.fingerprint = fingerprint(&key, &card.age_recipient);
        Ok(card)
    }

    /// The card's Ed25519 key.
    pub fn verifying_key(&self) -> Result<VerifyingKey> {
        let mut raw = [0u8; 32];
        hex::decode_to_slice(&self.signing_key, &mut raw).map_err(|_| Error::InvalidCard)?;
        VerifyingKey::from_bytes(&raw).map_err(|_| Error::InvalidCard)
    }

    /// The card as pretty JSON, for a file.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

impl Vault {
    /// This device's card.
    pub fn card(&self) -> Result<Card> {
        let key = self.secrets.signing_key.verifying_key();
        let recipient = self.secrets.age_identity.to_public().to_string();
        let name: String = self
            .conn
            .query_row(
                "SELECT name FROM devices WHERE device_id = ?1",
                [self.secrets.device_id.to_string()],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or_default();
        Ok(Card {
            format: CARD_FORMAT.into(),
            version: CARD_VERSION,
            device_id: self.secrets.device_id,
            name,
            fingerprint: fingerprint(&key, &recipient),
            minisign_public_key: minisig::public_key(&key),
            signing_key: hex::encode(key.as_bytes()),
            age_recipient: recipient,
        })
    }

    /// Names this device on its card.
    pub fn set_device_name(&mut self, name: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE devices SET name = ?1 WHERE device_id = ?2",
            params![name.trim(), self.secrets.device_id.to_string()],
        )?;
        Ok(())
    }

    /// Adds (or re-trusts) the device of `card`; `name` overrides its own.
    pub fn trust(&mut self, card: &Card, name: Option<&str>) -> Result<Device> {
        if card.device_id == self.secrets.device_id {
            return Err(Error::OwnCard);
        }
        let key = card.verifying_key()?;
        let known: Option<Vec<u8>> = self
            .conn
            .query_row(
                "SELECT signing_key FROM devices WHERE device_id = ?1",
                [card.device_id.to_string()],
                |r| r.get(0),
            )
            .optional()?;
        if known.as_deref().is_some_and(|k| k != key.as_bytes()) {
            // Same id, other key: an impostor or a reinstalled device. Never merge them.
            return Err(Error::CardKeyChanged {
                device: card.device_id.to_string(),
            });
        }
        // Revocation is for good (the lost laptop's keys may be in other
        // hands): the upsert below keeps `revoked_at`, so saying "trusted"
        // here would be a lie.
        if known.is_some() && self.device(card.device_id)?.revoked_at.is_some() {
            return Err(Error::RevokedDevice {
                id: card.device_id.to_string(),
            });
        }
        let name = name.unwrap_or(&card.name).trim().to_owned();
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO devices(device_id, signing_key, age_recipient, name, trusted, revoked_at)
             VALUES (?1, ?2, ?3, ?4, 1, NULL)
             ON CONFLICT(device_id) DO UPDATE SET name = excluded.name, trusted = 1, age_recipient = excluded.age_recipient",
            params![card.device_id.to_string(), &key.as_bytes()[..], card.age_recipient, name],
        )?;
        crate::audit::append(
            &tx,
            &self.audit_key,
            &crate::vault::now_rfc3339(),
            Event::DeviceTrusted,
            &card.device_id.to_string(),
        )?;
        tx.commit()?;
        self.device(card.device_id)
    }

    /// Revokes a device: its bundles are refused from now on.
    pub fn revoke(&mut self, device_id: Uuid) -> Result<Device> {
        if device_id == self.secrets.device_id {
            return Err(Error::OwnCard);
        }
        self.device(device_id)?;
        let tx = self.conn.transaction()?;
        let at = store::tick_hlc(&tx, self.clock.now_ms(), Hlc::default())?;
        tx.execute(
            "UPDATE devices SET revoked_at = coalesce(revoked_at, ?1) WHERE device_id = ?2",
            params![at.to_string(), device_id.to_string()],
        )?;
        crate::revocation::record_own(
            &tx,
            &self.secrets.signing_key,
            self.secrets.device_id,
            device_id,
        )?;
        crate::audit::append(
            &tx,
            &self.audit_key,
            &crate::vault::now_rfc3339(),
            Event::DeviceRevoked,
            &device_id.to_string(),
        )?;
        tx.commit()?;
        self.device(device_id)
    }

    /// One device of the roster.
    pub fn device(&self, device_id: Uuid) -> Result<Device> {
        self.devices()?
            .into_iter()
            .find(|d| d.device_id == device_id)
            .ok_or_else(|| Error::NotFound {
                what: "device",
                id: device_id.to_string(),
            })
    }

    /// The roster, this device first.
    pub fn devices(&self) -> Result<Vec<Device>> {
        let mut stmt = self.conn.prepare(
            "SELECT device_id, name, signing_key, age_recipient, trusted, revoked_at, revoked_by FROM devices ORDER BY name, device_id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Vec<u8>>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, bool>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, Option<String>>(6)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, name, key, recipient, trusted, revoked, by) = row?;
            let device_id = Uuid::parse_str(&id).map_err(|_| Error::CorruptDatabase)?;
            let key: [u8; 32] = key.try_into().map_err(|_| Error::CorruptDatabase)?;
            let key = VerifyingKey::from_bytes(&key).map_err(|_| Error::CorruptDatabase)?;
            out.push(Device {
                device_id,
                name,
                fingerprint: fingerprint(&key, &recipient),
                age_recipient: recipient,
                this_device: device_id == self.secrets.device_id,
                trusted,
                revoked_at: revoked.and_then(|s| s.parse().ok()),
                revoked_by: by
                    .and_then(|s| Uuid::parse_str(&s).ok())
                    .filter(|by| *by != self.secrets.device_id),
            });
        }
        out.sort_by_key(|d| !d.this_device);
        Ok(out)
    }
}
