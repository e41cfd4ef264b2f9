//! The bundle file format: how records travel between laptops.
//!
//! A bundle is a standard age file encrypted to every recipient's X25519
//! key. Inside is a POSIX tar archive whose members come in this order:
//!
//! | member | content |
//! | --- | --- |
//! | `manifest.json` | [`Manifest`]: format version, bundle id, sender and its keys, recipients with their sequence numbers, counts, and the size and BLAKE3 of every later member |
//! | `manifest.json.minisig` | the sender's signature over `manifest.json`, in minisign's format |
//! | `versions.jsonl` | one signed record version per line, each still carrying its author's own signature |
//! | `blobs/<blake3>` | attachment contents, named by their BLAKE3 |
//!
//! So a recipient without Fieldnotes can read and check one with standard
//! tools: `age -d -i identity.txt bundle.fnb | tar x`, then
//! `minisign -Vm manifest.json -P <sender's key>` and `b3sum` of members.
//!
//! Invariants: the reader accepts members only in this order, only as
//! declared (name, size, hash) and only under the very tar headers the
//! writer writes, followed by nothing but the tar end blocks; the manifest
//! and signature are bounded in size and checked before any record is
//! parsed; every byte the reader uses is covered by the manifest signature
//! or a declared hash (age authenticates the rest only against damage, as
//! anyone can encrypt to a recipient; the unused bytes are the zero padding
//! of tar blocks and minisign's untrusted comment line).

use std::cell::Cell;
use std::io::{self, Read, Write};
use std::rc::Rc;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::minisig;

/// The bundle format version this build writes and reads.
pub const BUNDLE_FORMAT_VERSION: u64 = 2;
const FORMAT: &str = "fieldnotes-bundle";
pub(crate) const MANIFEST: &str = "manifest.json";
pub(crate) const SIGNATURE: &str = "manifest.json.minisig";
pub(crate) const VERSIONS: &str = "versions.jsonl";
const MANIFEST_MAX: u64 = 16 * 1024 * 1024;
const SIGNATURE_MAX: u64 = 4096;
/// Record versions are parsed in memory: about 1 KB each, so this allows
/// well over a million.
const VERSIONS_MAX: u64 = 2 * 1024 * 1024 * 1024;

/// A recipient and the sequence number of this bundle for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecipientSeq {
    pub device_id: Uuid,
    pub seq: u64,
}

/// A member after the signature: its name, size and BLAKE3 (hex).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub name: String,
    pub size: u64,
    pub blake3: String,
}

/// What a bundle holds, signed by its sender.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub version: u64,
    pub bundle_id: Uuid,
    pub created: String,
    pub sender: Uuid,
    pub sender_name: String,
    /// Ed25519, hex.
    pub sender_signing_key: String,
    pub sender_minisign_key: String,
    pub sender_age_recipient: String,
    pub recipients: Vec<RecipientSeq>,
    pub version_count: u64,
    pub blob_count: u64,
    pub members: Vec<Member>,
    /// Every signed revocation the sender holds (absent when none, so
    /// bundles without one read as before).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub revocations: Vec<crate::revocation::SignedRevocation>,
}

impl Manifest {
    pub(crate) fn new(bundle_id: Uuid, sender: Uuid, recipients: Vec<RecipientSeq>) -> Manifest {
        Manifest {
            format: FORMAT.into(),
            version: BUNDLE_FORMAT_VERSION,
            bundle_id,
            created: crate::vault::now_rfc3339(),
            sender,
            sender_name: String::new(),
            sender_signing_key: String::new(),
            sender_minisign_key: String::new(),
            sender_age_recipient: String::new(),
            recipients,
            version_count: 0,
            blob_count: 0,
            members: Vec::new(),
            revocations: Vec::new(),
        }
    }
}

fn header(name: &str, size: u64) -> Result<tar::Header> {
    let mut h = tar::Header::new_ustar();
    h.set_path(name).map_err(|_| Error::BundleCorrupt)?;
    h.set_size(size);
    h.set_mode(0o600);
    h.set_mtime(0);
    h.set_cksum();
    Ok(h)
}

/// Writes the tar body of a bundle into `out` (the age stream).
pub(crate) struct Writer<W: Write> {
    tar: tar::Builder<W>,
}

impl<W: Write> Writer<W> {
    /// Starts a bundle with its manifest and the sender's signature over it.
    pub(crate) fn new(
        out: W,
        manifest: &Manifest,
        key: &ed25519_dalek::SigningKey,
    ) -> Result<Self> {
        let json = serde_json::to_vec_pretty(manifest).map_err(io::Error::other)?;
        let comment = format!(
            "fieldnotes bundle {} from {}",
            manifest.bundle_id, manifest.sender
        );
        let sig = minisig::sign(key, &json, &comment);
        let mut tar = tar::Builder::new(out);
        tar.mode(tar::HeaderMode::Deterministic);
        tar.append(&header(MANIFEST, json.len() as u64)?, json.as_slice())?;
        tar.append(&header(SIGNATURE, sig.len() as u64)?, sig.as_bytes())?;
        Ok(Writer { tar })
    }

    /// Appends a member; `data` must yield exactly `size` bytes.
    pub(crate) fn member(&mut self, name: &str, size: u64, data: &mut dyn Read) -> Result<()> {
        let mut exact = data.take(size);
        self.tar.append(&header(name, size)?, &mut exact)?;
        if exact.limit() != 0 {
            return Err(Error::Stream(io::ErrorKind::UnexpectedEof.into()));
        }
        Ok(())
    }

    pub(crate) fn finish(self) -> Result<W> {
        Ok(self.tar.into_inner()?)
    }
}

/// Reads the tar body of a bundle, checking each member against the
/// manifest as it goes.
pub(crate) struct Reader<R: Read> {
    archive: tar::Archive<Counted<R>>,
    consumed: Rc<Cell<u64>>,
}

/// Counts the bytes the tar reader takes from the stream.
pub(crate) struct Counted<R> {
    inner: R,
    count: Rc<Cell<u64>>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.set(self.count.get() + n as u64);
        Ok(n)
    }
}

/// `n` rounded up to whole tar blocks.
fn blocks(n: u64) -> u64 {
    // Saturating: sizes come from an unverified manifest.
    n.div_ceil(512).saturating_mul(512)
}

/// The manifest with its raw bytes and signature, not yet verified.
pub(crate) struct Signed {
    pub(crate) manifest: Manifest,
    pub(crate) raw: Vec<u8>,
    pub(crate) signature: String,
}

fn read_bounded(r: &mut dyn Read, max: u64) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    r.take(max + 1)
        .read_to_end(&mut buf)
        .map_err(|_| Error::BundleCorrupt)?;
    if buf.len() as u64 > max {
        return Err(Error::BundleCorrupt);
    }
    Ok(buf)
}

impl<R: Read> Reader<R> {
    pub(crate) fn new(input: R) -> Self {
        let consumed = Rc::new(Cell::new(0));
        Reader {
            archive: tar::Archive::new(Counted {
                inner: input,
                count: consumed.clone(),
            }),
            consumed,
        }
    }

    /// Reads every member in order: the manifest and signature go to
    /// `on_manifest` (which verifies them), the versions to `on_versions`,
    /// each blob to `on_blob` as a reader of exactly its declared bytes.
    pub(crate) fn read(
        mut self,
        on_manifest: &mut dyn FnMut(Signed) -> Result<Manifest>,
        on_versions: &mut dyn FnMut(Vec<u8>) -> Result<()>,
        on_blob: &mut dyn FnMut(&Member, &mut dyn Read) -> Result<()>,
    ) -> Result<()> {
        let mut entries = self.archive.entries().map_err(|_| Error::BundleCorrupt)?;
        let raw = read_bounded(&mut next_entry(&mut entries, MANIFEST)?, MANIFEST_MAX)?;
        let signature = read_bounded(&mut next_entry(&mut entries, SIGNATURE)?, SIGNATURE_MAX)?;
        let signature = String::from_utf8(signature).map_err(|_| Error::BundleCorrupt)?;
        let manifest = parse_manifest(&raw)?;
        let end = archive_len(&manifest, raw.len() as u64, signature.len() as u64);
        let manifest = on_manifest(Signed {
            manifest,
            raw,
            signature,
        })?;
        for member in &manifest.members {
            let mut entry = next_entry(&mut entries, &member.name)?;
            if entry.size() != member.size {
                return Err(Error::BundleCorrupt);
            }
            read_member(&mut entry, member, on_versions, on_blob)?;
        }
        // Nothing may follow the declared members but the tar end blocks
        // (zeros, at least two blocks of them: a cut-off end is a cut-off
        // bundle), and reading to the end makes age check its last tag.
        if entries.next().is_some() {
            return Err(Error::BundleCorrupt);
        }
        only_zeros(&mut self.archive.into_inner())?;
        if self.consumed.get() < end {
            return Err(Error::BundleCorrupt);
        }
        Ok(())
    }
}

/// The next tar entry, which must be the regular file `want` under exactly
/// the header the writer writes.
fn next_entry<'a, R: Read>(
    entries: &mut tar::Entries<'a, Counted<R>>,
    want: &str,
) -> Result<tar::Entry<'a, Counted<R>>> {
    let entry = entries
        .next()
        .ok_or(Error::BundleCorrupt)?
        .map_err(|_| Error::BundleCorrupt)?;
    let path = entry.path().map_err(|_| Error::BundleCorrupt)?;
    if path.to_str() != Some(want) || entry.header().entry_type() != tar::EntryType::Regular {
        return Err(Error::BundleCorrupt);
    }
    // Exactly the header the writer writes: no field of it goes
    // unchecked (mode, times, owner, the checksum's spelling).
    let size = entry.header().size().map_err(|_| Error::BundleCorrupt)?;
    if entry.header().as_bytes() != header(want, size)?.as_bytes() {
        return Err(Error::BundleCorrupt);
    }
    Ok(entry)
}

/// The archive's length through its two closing zero blocks: per member a
/// header block and its data in whole blocks (the manifest and signature
/// headers are the first 1024), then 1024 zero bytes.
fn archive_len(manifest: &Manifest, raw_len: u64, signature_len: u64) -> u64 {
    manifest
        .members
        .iter()
        .fold(
            blocks(raw_len)
                .saturating_add(blocks(signature_len))
                .saturating_add(1024),
            |n, m| n.saturating_add(blocks(m.size).saturating_add(512)),
        )
        .saturating_add(1024)
}

/// Hands one declared member to its consumer and checks its hash; the
/// versions are read whole (bounded), a blob is streamed.
fn read_member(
    entry: &mut dyn Read,
    member: &Member,
    on_versions: &mut dyn FnMut(Vec<u8>) -> Result<()>,
    on_blob: &mut dyn FnMut(&Member, &mut dyn Read) -> Result<()>,
) -> Result<()> {
    let mut hashing = Hashing {
        inner: entry,
        hasher: blake3::Hasher::new(),
        read: 0,
    };
    if member.name == VERSIONS {
        if member.size > VERSIONS_MAX {
            return Err(Error::BundleCorrupt);
        }
        let bytes = read_bounded(&mut hashing, member.size)?;
        hashing.check(member)?;
        on_versions(bytes)
    } else {
        on_blob(member, &mut hashing)?;
        // Whatever the consumer left unread still counts.
        io::copy(&mut hashing, &mut io::sink()).map_err(|_| Error::BundleCorrupt)?;
        hashing.check(member)
    }
}

/// Reads the rest of the stream, which must be nothing but zeros.
fn only_zeros(rest: &mut dyn Read) -> Result<()> {
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match rest.read(&mut buf) {
            Ok(0) => return Ok(()),
            Ok(n) if buf[..n].iter().all(|b| *b == 0) => {}
            Ok(_) => return Err(Error::BundleCorrupt),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return Err(Error::BundleCorrupt),
        }
    }
}

/// Parses a manifest; its version is checked before anything else.
pub(crate) fn parse_manifest(raw: &[u8]) -> Result<Manifest> {
    #[derive(Deserialize)]
    struct Head {
        format: String,
        version: u64,
    }
    let head: Head = serde_json::from_slice(raw).map_err(|_| Error::BundleCorrupt)?;
    if head.format != FORMAT {
        return Err(Error::BundleCorrupt);
    }
    if head.version > BUNDLE_FORMAT_VERSION {
        return Err(Error::UnsupportedVersion {
            what: "bundle",
            found: head.version,
            supported: BUNDLE_FORMAT_VERSION,
        });
    }
    let m: Manifest = serde_json::from_slice(raw).map_err(|_| Error::BundleCorrupt)?;
    let mut names = std::collections::HashSet::new();
    let well_formed = m.members.iter().enumerate().all(|(i, mem)| {
        let blob_name = mem.name.strip_prefix("blobs/").is_some_and(|h| {
            h == mem.blake3 && h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit())
        });
        names.insert(mem.name.clone()) && ((i == 0 && mem.name == VERSIONS) || (i > 0 && blob_name))
    });
    if !well_formed
        || m.members.is_empty()
        || m.blob_count.checked_add(1) != Some(m.members.len() as u64)
    {
        return Err(Error::BundleCorrupt);
    }
    Ok(m)
}

/// Hashes what is read through it.
struct Hashing<'a> {
    inner: &'a mut dyn Read,
    hasher: blake3::Hasher,
    read: u64,
}

impl Read for Hashing<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.read += n as u64;
        Ok(n)
    }
}

impl Hashing<'_> {
    fn check(&self, member: &Member) -> Result<()> {
        if self.read != member.size || self.hasher.finalize().to_hex().as_str() != member.blake3 {
            return Err(Error::BundleCorrupt);
        }
        Ok(())
    }
}
