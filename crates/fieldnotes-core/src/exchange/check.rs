//! The checks of a bundle that need no database: its sender and manifest
//! signature, and every version's author signature.
//!
//! Invariants: a version reaches the merge only after its signature was
//! verified against the key of a trusted author (or of a revoked one known
//! from a signed revocation, which the merge then judges); versions are
//! checked a chunk at a time on helper threads while the importing thread
//! merges the chunk before, in bundle order, and the first error stops the
//! import, whose transaction then keeps nothing.

use uuid::Uuid;

use crate::bundle::{Manifest, Signed};
use crate::error::{Error, Result};
use crate::minisig;
use crate::model::Version;
use crate::revocation::Roster;

pub(super) fn verify_manifest(signed: &Signed, roster: &Roster, me: Uuid) -> Result<Manifest> {
    let m = &signed.manifest;
    let sender = m.sender.to_string();
    let (key, trusted, revoked) = roster.get(&m.sender).ok_or(Error::UntrustedSender {
        device: sender.clone(),
    })?;
    if !trusted {
        return Err(Error::UntrustedSender { device: sender });
    }
    if revoked.is_some() {
        return Err(Error::RevokedSender { device: sender });
    }
    // A bundle that fails its signature was changed in transit: the
    // sender's new copy helps, not a restore of this vault.
    if m.sender_signing_key != hex::encode(key.as_bytes()) {
        return Err(Error::BundleTampered);
    }
    minisig::verify(key, &signed.raw, &signed.signature).map_err(|_| Error::BundleTampered)?;
    if !m.recipients.iter().any(|r| r.device_id == me) {
        return Err(Error::NotARecipient);
    }
    Ok(m.clone())
}

/// Lines per chunk handed from the checking threads to the merge.
const CHUNK: usize = 2_000;

/// Parses and checks the versions of `text`, a chunk at a time on helper
/// threads, and hands each checked version, in bundle order, to `merge` on
/// this thread while the next chunk is being checked. The first error, of
/// either side, stops both.
pub(super) fn check_then_merge(
    text: &str,
    roster: &Roster,
    merge: &mut dyn FnMut(Version) -> Result<()>,
) -> Result<()> {
    let lines: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
    let lines = &lines;
    std::thread::scope(|s| {
        // One chunk waits at most: memory stays bounded by two chunks.
        let (send, checked) = std::sync::mpsc::sync_channel::<Result<Vec<Version>>>(1);
        s.spawn(move || {
            for chunk in lines.chunks(CHUNK) {
                let part = parse_and_check(chunk, roster);
                let failed = part.is_err();
                // A closed channel: the merge stopped on an error.
                if send.send(part).is_err() || failed {
                    break;
                }
            }
        });
        for part in checked {
            for v in part? {
                merge(v)?;
            }
        }
        Ok(())
    })
}

/// Parses the versions and checks each author's signature, on every core:
/// signature checks are most of an import's CPU time.
fn parse_and_check(lines: &[&str], roster: &Roster) -> Result<Vec<Version>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let chunk = lines.len().div_ceil(threads).max(1);
    let parts: Vec<Result<Vec<Version>>> = std::thread::scope(|s| {
        let handles: Vec<_> = lines
            .chunks(chunk)
            .map(|part| {
                s.spawn(move || {
                    part.iter()
                        .map(|line| {
                            let v: Version =
                                serde_json::from_str(line).map_err(|_| Error::BundleCorrupt)?;
                            check_version(&v, roster)?;
                            Ok(v)
                        })
                        .collect::<Result<Vec<_>>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or(Err(Error::BundleCorrupt)))
            .collect()
    });
    let mut versions = Vec::with_capacity(lines.len());
    for part in parts {
        versions.extend(part?);
    }
    Ok(versions)
}

fn check_version(v: &Version, roster: &Roster) -> Result<()> {
    let bad = || Error::BundleTampered;
    let untrusted = || Error::UntrustedAuthor {
        device: v.author.to_string(),
    };
    let (key, trusted, revoked) = roster.get(&v.author).ok_or_else(untrusted)?;
    // A revoked device may be known only from a trusted revoker's signed
    // statement; whether its version is vouched for is the merge's question.
    if !trusted && revoked.is_none() {
        return Err(untrusted());
    }
    if v.body.as_ref().is_some_and(|b| b.kind() != v.kind) || !v.verify(key) {
        return Err(bad());
    }
    Ok(())
}
