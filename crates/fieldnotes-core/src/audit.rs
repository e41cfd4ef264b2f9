//! The tamper-evident audit log: a hash chain inside the encrypted database.
//!
//! Each entry's hash is keyed BLAKE3 (key derived from the vault key) over
//! the previous entry's hash, its sequence number, time, event and subject.
//! Invariants: entries are only appended, in the same transaction as the
//! change they describe; subjects hold ids, never record content; a changed,
//! removed or reordered entry breaks the chain at that point, which
//! [`verify`] reports. Failed unlocks happen without the database key, so
//! they are sealed to the device's own age key as small pending files and
//! moved into the chain at the next successful unlock.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Event {
    VaultCreated,
    Unlocked,
    UnlockFailed,
    Locked,
    RecordCreated,
    RecordUpdated,
    RecordDeleted,
    AttachmentRead,
    IdentityRevealed,
    PassphraseChanged,
    Recovered,
    BackupWritten,
    Restored,
    DeviceTrusted,
    DeviceRevoked,
    BundleExported,
    BundleImported,
    IdentityExported,
    AttachmentsMoved,
    /// Cases sent to the lead without their consent to share, for a reason.
    ExportedWithoutConsent,
    /// A photograph attached without the survivor's photograph consent.
    PhotographWithoutConsent,
    /// The vault's retention period was set or removed.
    RetentionSet,
    RecordErased,
    /// A case summary was made, without the survivor's identity.
    ReportMade,
    /// A case summary was made with the survivor's identity in it.
    ReportWithIdentity,
    /// Anonymised statistics were made.
    StatisticsMade,
}

impl Event {
    pub fn as_str(self) -> &'static str {
        match self {
            Event::VaultCreated => "vault_created",
            Event::Unlocked => "unlocked",
            Event::UnlockFailed => "unlock_failed",
            Event::Locked => "locked",
            Event::RecordCreated => "record_created",
            Event::RecordUpdated => "record_updated",
            Event::RecordDeleted => "record_deleted",
            Event::AttachmentRead => "attachment_read",
            Event::IdentityRevealed => "identity_revealed",
            Event::PassphraseChanged => "passphrase_changed",
            Event::Recovered => "recovered",
            Event::BackupWritten => "backup_written",
            Event::Restored => "restored",
            Event::DeviceTrusted => "device_trusted",
            Event::DeviceRevoked => "device_revoked",
            Event::BundleExported => "bundle_exported",
            Event::BundleImported => "bundle_imported",
            Event::IdentityExported => "identity_exported",
            Event::AttachmentsMoved => "attachments_moved",
            Event::ExportedWithoutConsent => "exported_without_consent",
            Event::PhotographWithoutConsent => "photograph_without_consent",
            Event::RetentionSet => "retention_set",
            Event::RecordErased => "record_erased",
            Event::ReportMade => "report_made",
            Event::ReportWithIdentity => "report_with_identity",
            Event::StatisticsMade => "statistics_made",
        }
    }
}

/// One entry of the log as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub seq: u64,
    pub at: String,
    pub event: String,
    pub subject: String,
    pub hash: String,
}

/// The outcome of checking the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub entries: u64,
    pub head: String,
}

/// The chain key, derived from the vault's database key.
pub(crate) fn chain_key(db_key: &[u8; 32]) -> Zeroizing<[u8; 32]> {
    Zeroizing::new(blake3::derive_key("fieldnotes audit chain v1", db_key))
}

fn entry_hash(
    key: &[u8; 32],
    prev: &[u8],
    seq: u64,
    at: &str,
    event: &str,
    subject: &str,
) -> [u8; 32] {
    let mut h = blake3::Hasher::new_keyed(key);
    h.update(prev);
    h.update(&seq.to_le_bytes());
    for part in [at, event, subject] {
        // Length-prefixed so no two field splits hash alike.
        h.update(&(part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    *h.finalize().as_bytes()
}

/// Appends an entry; call inside the transaction of the change it records.
pub(crate) fn append(
    conn: &Connection,
    key: &[u8; 32],
    at: &str,
    event: Event,
    subject: &str,
) -> Result<()> {
    let last: Option<(u64, Vec<u8>)> = conn
        .prepare_cached("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (seq, prev) = match last {
        Some((seq, hash)) => (seq + 1, hash),
        None => (1, vec![0u8; 32]),
    };
    let hash = entry_hash(key, &prev, seq, at, event.as_str(), subject);
    conn.prepare_cached(
        "INSERT INTO audit(seq, at, event, subject, prev, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![seq, at, event.as_str(), subject, prev, &hash[..]])?;
    Ok(())
}

/// All entries, oldest first.
pub(crate) fn list(conn: &Connection) -> Result<Vec<Entry>> {
    let mut stmt = conn.prepare("SELECT seq, at, event, subject, hash FROM audit ORDER BY seq")?;
    let rows = stmt.query_map([], |r| {
        Ok(Entry {
            seq: r.get(0)?,
            at: r.get(1)?,
            event: r.get(2)?,
            subject: r.get(3)?,
            hash: hex::encode(r.get::<_, Vec<u8>>(4)?),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Recomputes the chain; the first entry that does not fit is an error.
pub(crate) fn verify(conn: &Connection, key: &[u8; 32]) -> Result<Report> {
    let mut stmt =
        conn.prepare("SELECT seq, at, event, subject, prev, hash FROM audit ORDER BY seq")?;
    let mut rows = stmt.query([])?;
    let mut expected_prev = vec![0u8; 32];
    let mut expected_seq = 1u64;
    while let Some(r) = rows.next()? {
        let seq: u64 = r.get(0)?;
        let at: String = r.get(1)?;
        let event: String = r.get(2)?;
        let subject: String = r.get(3)?;
        let prev: Vec<u8> = r.get(4)?;
        let hash: Vec<u8> = r.get(5)?;
        let computed = entry_hash(key, &expected_prev, expected_seq, &at, &event, &subject);
        if seq != expected_seq || prev != expected_prev || hash != computed {
            return Err(Error::AuditBroken { seq: expected_seq });
        }
        expected_prev = hash;
        expected_seq += 1;
    }
    Ok(Report {
        entries: expected_seq - 1,
        head: hex::encode(&expected_prev),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> (Connection, Zeroizing<[u8; 32]>) {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::store::migrate(&mut conn, crate::store::SCHEMA_VERSION).unwrap();
        let key = chain_key(&[7u8; 32]);
        for i in 0..5 {
            append(
                &conn,
                &key,
                "2026-01-01T00:00:00Z",
                Event::RecordCreated,
                &format!("r{i}"),
            )
            .unwrap();
        }
        (conn, key)
    }

    #[test]
    fn intact_chain_verifies() {
        let (conn, key) = setup();
        assert_eq!(verify(&conn, &key).unwrap().entries, 5);
    }

    #[test]
    fn changed_entry_is_detected() {
        let (conn, key) = setup();
        conn.execute("UPDATE audit SET subject = 'x' WHERE seq = 3", [])
            .unwrap();
        assert!(matches!(
            verify(&conn, &key),
            Err(Error::AuditBroken { seq: 3 })
        ));
    }

    #[test]
    fn removed_entry_is_detected() {
        let (conn, key) = setup();
        conn.execute("DELETE FROM audit WHERE seq = 2", []).unwrap();
        assert!(matches!(
            verify(&conn, &key),
            Err(Error::AuditBroken { seq: 2 })
        ));
    }

    #[test]
    fn reordered_entries_are_detected() {
        let (conn, key) = setup();
        conn.execute_batch(
            "UPDATE audit SET seq = 100 WHERE seq = 2;
             UPDATE audit SET seq = 2 WHERE seq = 4;
             UPDATE audit SET seq = 4 WHERE seq = 100;",
        )
        .unwrap();
        assert!(matches!(
            verify(&conn, &key),
            Err(Error::AuditBroken { seq: 2 })
        ));
    }

    #[test]
    fn chain_forged_without_the_key_is_detected() {
        let (conn, key) = setup();
        // Someone recomputes the whole chain with a key of their own.
        let forged_key = chain_key(&[8u8; 32]);
        conn.execute("DELETE FROM audit", []).unwrap();
        for i in 0..5 {
            append(
                &conn,
                &forged_key,
                "2026-01-01T00:00:00Z",
                Event::RecordCreated,
                &format!("r{i}"),
            )
            .unwrap();
        }
        assert!(matches!(
            verify(&conn, &key),
            Err(Error::AuditBroken { seq: 1 })
        ));
    }
}
