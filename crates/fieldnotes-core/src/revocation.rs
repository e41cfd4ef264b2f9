//! Revocations as signed statements that travel in bundles.
//!
//! Revoking a lost laptop on one vault must stop it everywhere: the
//! revoking device signs a statement (which device, its keys, when, and the
//! ids of that device's versions it held, which it vouches for), and every
//! bundle it or anyone else sends carries every statement the sender holds.
//! A vault applies a statement only when its signer is a trusted device it
//! has not revoked itself, and never about itself.
//!
//! Invariants: a revoked device is never trusted again; from a revoked
//! device a vault accepts only versions it already holds or that a revoker
//! vouched for (`revoked_held`), whoever relays them, and it sends on only
//! vouched ones, so its bundles to a revoker are never refused for them.
//! The statement is verified over the canonical JSON of every field it
//! carries, so fields added later keep verifying with older readers.

use std::collections::HashMap;

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use crate::audit::{self, Event};
use crate::error::{Error, Result};
use crate::hlc::Hlc;
use crate::model::{write_canonical, Version};

/// The revocation statement format version this build writes and reads.
pub const REVOCATION_VERSION: u64 = 1;
const FORMAT: &str = "fieldnotes-revocation";
/// Domain separation: a revocation signature is never a valid signature of
/// a version, a manifest or a card.
const SIGNING_TAG: &str = "fieldnotes-revocation-v1";

/// What the revoking device states (the signed part).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    pub format: String,
    pub version: u64,
    /// The device that revokes (and signs).
    pub revoker: Uuid,
    /// The revoked device, with its keys, so a vault that never met it
    /// refuses it from the start.
    pub device_id: Uuid,
    pub name: String,
    /// Ed25519, hex.
    pub signing_key: String,
    pub age_recipient: String,
    /// When it was revoked (RFC 3339, the revoker's clock: shown, never
    /// used to decide what is accepted).
    pub revoked: String,
    /// The versions by the revoked device the revoker held, sorted.
    pub held: Vec<Uuid>,
}

/// A statement as it travels: its JSON exactly as signed, and the
/// revoker's Ed25519 signature (hex).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedRevocation {
    pub statement: Value,
    pub signature: String,
}

fn signing_bytes(statement: &Value) -> Vec<u8> {
    let mut out = Vec::with_capacity(256);
    out.extend_from_slice(SIGNING_TAG.as_bytes());
    out.push(b'\n');
    write_canonical(statement, &mut out);
    out
}

impl SignedRevocation {
    /// Signs `statement` with the revoker's key.
    pub fn sign(statement: &Statement, key: &SigningKey) -> SignedRevocation {
        let statement = serde_json::to_value(statement).unwrap_or(Value::Null);
        let signature = hex::encode(key.sign(&signing_bytes(&statement)).to_bytes());
        SignedRevocation {
            statement,
            signature,
        }
    }

    /// The statement if it is well formed and of a version this build
    /// reads; the signature is not checked here.
    pub fn parse(&self) -> Result<Statement> {
        let s: Statement =
            serde_json::from_value(self.statement.clone()).map_err(|_| Error::BundleCorrupt)?;
        if s.format != FORMAT {
            return Err(Error::BundleCorrupt);
        }
        if s.version > REVOCATION_VERSION {
            return Err(Error::UnsupportedVersion {
                what: "revocation",
                found: s.version,
                supported: REVOCATION_VERSION,
            });
        }
        Ok(s)
    }

    /// Whether `key` signed exactly this statement.
    pub fn verify(&self, key: &VerifyingKey) -> bool {
        let mut sig = [0u8; 64];
        if hex::decode_to_slice(&self.signature, &mut sig).is_err() {
            return false;
        }
        key.verify_strict(
            &signing_bytes(&self.statement),
            &Signature::from_bytes(&sig),
        )
        .is_ok()
    }
}

/// A device as an import sees it: its key, whether trusted, and whether
/// (and when) revoked.
pub(crate) type Roster = HashMap<Uuid, (VerifyingKey, bool, Option<Hlc>)>;

/// Signs and stores this device's revocation of `device`, vouching for the
/// versions of it held now. Called in the transaction that revokes it,
/// after `revoked_at` is set.
pub(crate) fn record_own(
    conn: &Connection,
    key: &SigningKey,
    me: Uuid,
    device: Uuid,
) -> Result<()> {
    let (name, signing_key, age_recipient, at): (String, Vec<u8>, String, Option<String>) = conn
        .query_row(
            "SELECT name, signing_key, age_recipient, revoked_at FROM devices WHERE device_id = ?1",
            [device.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
    let at: Hlc = at
        .and_then(|a| a.parse().ok())
        .ok_or(Error::CorruptDatabase)?;
    let mut held = Vec::new();
    let mut stmt = conn.prepare("SELECT version_id FROM versions WHERE author = ?1")?;
    for id in stmt.query_map([device.to_string()], |r| r.get::<_, String>(0))? {
        held.push(Uuid::parse_str(&id?).map_err(|_| Error::CorruptDatabase)?);
    }
    held.sort();
    let statement = Statement {
        format: FORMAT.into(),
        version: REVOCATION_VERSION,
        revoker: me,
        device_id: device,
        name,
        signing_key: hex::encode(signing_key),
        age_recipient,
        revoked: at.to_rfc3339(),
        held,
    };
    store(conn, &statement, &SignedRevocation::sign(&statement, key))
}

/// Keeps a statement (to send on) and the versions it vouches for.
fn store(conn: &Connection, s: &Statement, signed: &SignedRevocation) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO revocations(device_id, revoker, statement, signature) VALUES (?1, ?2, ?3, ?4)",
        params![
            s.device_id.to_string(),
            s.revoker.to_string(),
            signed.statement.to_string(),
            signed.signature
        ],
    )?;
    let mut insert =
        conn.prepare("INSERT OR IGNORE INTO revoked_held(version_id, device_id) VALUES (?1, ?2)")?;
    for id in &s.held {
        insert.execute(params![id.to_string(), s.device_id.to_string()])?;
    }
    Ok(())
}

/// Every statement this vault holds, to go out in a bundle.
pub(crate) fn all(conn: &Connection) -> Result<Vec<SignedRevocation>> {
    let mut stmt =
        conn.prepare("SELECT statement, signature FROM revocations ORDER BY device_id, revoker")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (statement, signature) = row?;
        let statement = serde_json::from_str(&statement).map_err(|_| Error::CorruptDatabase)?;
        out.push(SignedRevocation {
            statement,
            signature,
        });
    }
    Ok(out)
}

impl crate::vault::Vault {
    /// Every signed revocation this vault holds: its own, and those taken
    /// from bundles (they go on in every bundle it sends).
    pub fn revocations(&self) -> Result<Vec<SignedRevocation>> {
        all(&self.conn)
    }
}

/// Whether a version may travel or be taken in: its author is not revoked
/// here, or a revoker vouched for it.
pub(crate) fn vouched(conn: &Connection, roster: &Roster, v: &Version) -> Result<bool> {
    if roster.get(&v.author).is_none_or(|a| a.2.is_none()) {
        return Ok(true);
    }
    Ok(conn
        .query_row(
            "SELECT 1 FROM revoked_held WHERE version_id = ?1",
            [v.version_id.to_string()],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// Leaves out the versions by a revoked device that no revoker vouched
/// for: a revoker refuses a bundle that carries one.
pub(crate) fn retain_vouched(
    conn: &Connection,
    roster: &Roster,
    versions: &mut Vec<Version>,
) -> Result<()> {
    if !roster.values().any(|d| d.2.is_some()) {
        return Ok(());
    }
    let mut keep = Vec::with_capacity(versions.len());
    for v in versions.drain(..) {
        if vouched(conn, roster, &v)? {
            keep.push(v);
        }
    }
    *versions = keep;
    Ok(())
}

/// Applies the statements a bundle carries, in order, and returns the
/// devices newly revoked here. A statement is skipped (not an error: it
/// may be about devices this vault never met) unless its revoker is a
/// trusted device this vault has not revoked; one about this device is
/// skipped too. A bad signature by a trusted revoker is a forgery.
pub(crate) fn apply_received(
    conn: &Connection,
    roster: &mut Roster,
    me: Uuid,
    now: (&str, Hlc),
    received: &[SignedRevocation],
    audit_key: &[u8; 32],
) -> Result<Vec<Uuid>> {
    let mut newly = Vec::new();
    for signed in received {
        let s = match signed.parse() {
            Ok(s) => s,
            Err(Error::UnsupportedVersion { .. }) => continue,
            Err(e) => return Err(e),
        };
        let Some((key, true, None)) = roster.get(&s.revoker).copied() else {
            continue;
        };
        // Every bundle repeats every statement: one already held was
        // checked and applied when it first came, held list and all.
        if s.device_id == me || s.device_id == s.revoker || held(conn, &s)? {
            continue;
        }
        if !signed.verify(&key) {
            return Err(Error::BundleTampered);
        }
        if revoke_here(conn, roster, &s, now)? {
            newly.push(s.device_id);
            audit::append(
                conn,
                audit_key,
                now.0,
                Event::DeviceRevoked,
                &format!("{} by {}", s.device_id, s.revoker),
            )?;
        }
        store(conn, &s, signed)?;
    }
    Ok(newly)
}

/// Whether this vault already holds the statement of `s.revoker` about
/// `s.device_id`.
fn held(conn: &Connection, s: &Statement) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM revocations WHERE device_id = ?1 AND revoker = ?2")?
        .exists(params![s.device_id.to_string(), s.revoker.to_string()])?)
}

/// Marks the device revoked (known or not before); true if it was not.
fn revoke_here(
    conn: &Connection,
    roster: &mut Roster,
    s: &Statement,
    now: (&str, Hlc),
) -> Result<bool> {
    let mut raw = [0u8; 32];
    hex::decode_to_slice(&s.signing_key, &mut raw).map_err(|_| Error::BundleCorrupt)?;
    let key = VerifyingKey::from_bytes(&raw).map_err(|_| Error::BundleCorrupt)?;
    match roster.get(&s.device_id).copied() {
        Some((_, _, Some(_))) => return Ok(false),
        // The same id under another key is not the device the statement
        // speaks of; the one known here stays revoked all the same, since
        // its own revoker says that id is lost.
        Some((known, trusted, None)) => {
            conn.execute(
                "UPDATE devices SET revoked_at = ?1, revoked_by = ?2 WHERE device_id = ?3",
                params![
                    now.1.to_string(),
                    s.revoker.to_string(),
                    s.device_id.to_string()
                ],
            )?;
            roster.insert(s.device_id, (known, trusted, Some(now.1)));
        }
        None => {
            conn.execute(
                "INSERT INTO devices(device_id, signing_key, age_recipient, name, trusted, revoked_at, revoked_by)
                 VALUES (?1, ?2, ?3, ?4, 0, ?5, ?6)",
                params![
                    s.device_id.to_string(),
                    &key.as_bytes()[..],
                    s.age_recipient,
                    s.name,
                    now.1.to_string(),
                    s.revoker.to_string()
                ],
            )?;
            roster.insert(s.device_id, (key, false, Some(now.1)));
        }
    }
    Ok(true)
}

/// Signs statements for this device's revocations made before they were
/// signed (older vaults), so they travel too.
pub(crate) fn sign_older(conn: &Connection, key: &SigningKey, me: Uuid) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT device_id FROM devices WHERE revoked_at IS NOT NULL
           AND (revoked_by IS NULL OR revoked_by = ?1)
           AND device_id NOT IN (SELECT device_id FROM revocations WHERE revoker = ?1)",
    )?;
    let ids: Vec<String> = stmt
        .query_map([me.to_string()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in ids {
        let device = Uuid::parse_str(&id).map_err(|_| Error::CorruptDatabase)?;
        record_own(conn, key, me, device)?;
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn statement(revoker: Uuid) -> Statement {
        Statement {
            format: FORMAT.into(),
            version: REVOCATION_VERSION,
            revoker,
            device_id: Uuid::from_u128(2),
            name: "lost laptop".into(),
            signing_key: hex::encode([7u8; 32]),
            age_recipient: "age1…".into(),
            revoked: "2026-12-01T10:00:00Z".into(),
            held: vec![Uuid::from_u128(3)],
        }
    }

    #[test]
    fn a_signed_statement_verifies_only_as_signed_and_by_its_signer() {
        let key = SigningKey::from_bytes(&[1u8; 32]);
        let other = SigningKey::from_bytes(&[9u8; 32]);
        let signed = SignedRevocation::sign(&statement(Uuid::from_u128(1)), &key);
        assert!(signed.verify(&key.verifying_key()));
        assert!(!signed.verify(&other.verifying_key()));
        assert_eq!(signed.parse().unwrap(), statement(Uuid::from_u128(1)));
        // Vouching for one more version is a change to what was signed.
        let mut more = signed.clone();
        more.statement["held"] = serde_json::json!([Uuid::from_u128(3), Uuid::from_u128(4)]);
        assert!(!more.verify(&key.verifying_key()));
        let mut bad = signed;
        bad.signature = "zz".into();
        assert!(!bad.verify(&key.verifying_key()));
    }

    #[test]
    fn a_field_this_build_does_not_know_is_kept_and_signed() {
        let key = SigningKey::from_bytes(&[1u8; 32]);
        let mut value = serde_json::to_value(statement(Uuid::from_u128(1))).unwrap();
        value["reason"] = "stolen".into();
        let signature = hex::encode(key.sign(&signing_bytes(&value)).to_bytes());
        let signed = SignedRevocation {
            statement: value,
            signature,
        };
        // It travels through JSON and still verifies, unknown field and all.
        let text = serde_json::to_string(&signed).unwrap();
        let back: SignedRevocation = serde_json::from_str(&text).unwrap();
        assert!(back.verify(&key.verifying_key()));
        assert_eq!(back.parse().unwrap().name, "lost laptop");
    }

    #[test]
    fn a_later_format_is_named_and_another_document_refused() {
        let key = SigningKey::from_bytes(&[1u8; 32]);
        let mut s = statement(Uuid::from_u128(1));
        s.version = REVOCATION_VERSION + 1;
        let err = SignedRevocation::sign(&s, &key).parse().unwrap_err();
        assert!(matches!(err, Error::UnsupportedVersion { .. }), "{err:?}");
        s.version = 1;
        s.format = "fieldnotes-card".into();
        let err = SignedRevocation::sign(&s, &key).parse().unwrap_err();
        assert!(matches!(err, Error::BundleCorrupt), "{err:?}");
    }
}
