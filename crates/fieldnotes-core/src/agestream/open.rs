//! An age v1 decryptor that opens the payload on every core: the
//! counterpart of [`super::Writer`], for any age file whose recipient
//! stanza the given identity can unwrap (bundles, backups, sealed
//! attachment files).
//!
//! The header is parsed with `age-core`'s stanza parser, the file key
//! unwrapped by the `age` crate's identity, the header MAC checked as the
//! specification says; the STREAM payload is then read a batch of chunks at
//! a time and each batch opened on several threads.
//!
//! Invariants: nothing is returned before its chunk's tag verified; a
//! payload that is cut short, has bytes after the final chunk, or whose
//! final flag sits anywhere but on the last chunk is an error, never a
//! short read; only an empty plaintext may have an empty final chunk;
//! plaintext buffers are wiped when dropped.

use std::io::{self, BufRead, BufReader, Read};

use age_core::format::{FileKey, Stanza};
use age_core::primitives::hkdf;
use age_core::secrecy::ExposeSecret;
use base64::prelude::{Engine, BASE64_STANDARD_NO_PAD};
use chacha20poly1305::aead::{AeadInPlace, KeyInit};
use chacha20poly1305::{ChaCha20Poly1305, Tag};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use zeroize::{Zeroize, Zeroizing};

use super::{nonce, CHUNK, TAG};

/// Sealed chunks read and opened per batch (4 MiB): large enough that
/// starting the threads of a batch costs under 1 % of opening it.
const BATCH_CHUNKS: usize = 64;
const SEALED_CHUNK: usize = CHUNK + TAG;
const SEALED_BATCH: usize = BATCH_CHUNKS * SEALED_CHUNK;
/// No header of ours comes near this; a larger one is not worth reading.
const HEADER_MAX: usize = 64 * 1024;
const VERSION_LINE: &[u8] = b"age-encryption.org/v1\n";

/// Why an age file could not be opened.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OpenError {
    /// Not an age v1 file, or its header or payload is damaged.
    #[error("not an intact age file")]
    Malformed,
    /// None of the file's recipients is the given identity.
    #[error("the file is not sealed to this key")]
    WrongKey,
    /// The underlying file could not be read.
    #[error("could not read the file: {0}")]
    Io(#[from] io::Error),
}

/// Reads the plaintext of an age file, opening batches of chunks on all
/// cores.
pub struct Reader<R: Read> {
    inner: BufReader<R>,
    aead: ChaCha20Poly1305,
    threads: usize,
    /// The current batch: opened in place, tags squeezed out.
    buf: Vec<u8>,
    pos: usize,
    /// One byte read past the batch, proving the batch is not the last.
    carry: Option<u8>,
    next_chunk: u64,
    finished: bool,
    failed: bool,
}

/// Reads the header lines, up to and including the MAC line.
fn read_header(inner: &mut dyn BufRead) -> Result<Vec<u8>, OpenError> {
    let mut header = Vec::with_capacity(512);
    loop {
        let start = header.len();
        let n = inner
            .take((HEADER_MAX - start) as u64)
            .read_until(b'\n', &mut header)?;
        if n == 0 || header.last() != Some(&b'\n') {
            return Err(OpenError::Malformed);
        }
        if header[start..].starts_with(b"--- ") {
            return Ok(header);
        }
    }
}

/// The stanzas of a header, and where its MAC line starts.
fn parse_stanzas(header: &[u8]) -> Result<(Vec<Stanza>, usize), OpenError> {
    let mut rest = header
        .strip_prefix(VERSION_LINE)
        .ok_or(OpenError::Malformed)?;
    let mut stanzas = Vec::new();
    while !rest.starts_with(b"--- ") {
        let (tail, stanza) =
            age_core::format::read::age_stanza(rest).map_err(|_| OpenError::Malformed)?;
        stanzas.push(stanza.into());
        rest = tail;
    }
    Ok((stanzas, header.len() - rest.len()))
}

/// Checks the header MAC, which covers everything up to `---`.
fn check_mac(header: &[u8], mac_at: usize, file_key: &FileKey) -> Result<(), OpenError> {
    let line = &header[mac_at + 4..header.len() - 1];
    let tag = BASE64_STANDARD_NO_PAD
        .decode(line)
        .map_err(|_| OpenError::Malformed)?;
    let mac_key = Zeroizing::new(hkdf(&[], b"header", file_key.expose_secret()));
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(mac_key.as_ref())
        .map_err(|_| OpenError::Malformed)?;
    mac.update(&header[..mac_at + 3]);
    mac.verify_slice(&tag).map_err(|_| OpenError::Malformed)
}

impl<R: Read> Reader<R> {
    /// Reads and checks the header of the age file in `inner`, unwrapping
    /// its file key with `identity`.
    pub fn new(identity: &dyn age::Identity, inner: R) -> Result<Self, OpenError> {
        let mut inner = BufReader::with_capacity(1 << 20, inner);
        let header = read_header(&mut inner)?;
        let (stanzas, mac_at) = parse_stanzas(&header)?;
        let file_key = match identity.unwrap_stanzas(&stanzas) {
            Some(Ok(k)) => k,
            Some(Err(_)) => return Err(OpenError::Malformed),
            None => return Err(OpenError::WrongKey),
        };
        check_mac(&header, mac_at, &file_key)?;
        let mut stream_nonce = [0u8; 16];
        inner
            .read_exact(&mut stream_nonce)
            .map_err(|e| match e.kind() {
                io::ErrorKind::UnexpectedEof => OpenError::Malformed,
                _ => OpenError::Io(e),
            })?;
        let key = Zeroizing::new(hkdf(&stream_nonce, b"payload", file_key.expose_secret()));
        let threads = std::thread::available_parallelism()
            .map(|n| n.get().min(8))
            .unwrap_or(1);
        Ok(Reader {
            inner,
            aead: ChaCha20Poly1305::new(chacha20poly1305::Key::from_slice(&key[..])),
            threads,
            buf: Vec::with_capacity(SEALED_BATCH + 1),
            pos: 0,
            carry: None,
            next_chunk: 0,
            finished: false,
            failed: false,
        })
    }

    /// Reads the next batch of sealed chunks and opens it.
    fn next_batch(&mut self) -> io::Result<()> {
        self.buf.clear();
        self.pos = 0;
        self.buf.extend(self.carry.take());
        let want = (SEALED_BATCH + 1 - self.buf.len()) as u64;
        (&mut self.inner).take(want).read_to_end(&mut self.buf)?;
        let last = self.buf.len() <= SEALED_BATCH;
        if !last {
            self.carry = self.buf.pop();
        }
        let chunks = self.buf.len().div_ceil(SEALED_CHUNK);
        let final_len = self.buf.len() - (chunks.max(1) - 1) * SEALED_CHUNK;
        // A final chunk is at least a tag, and empty only when it is the
        // whole payload.
        if last && (final_len < TAG || (final_len == TAG && (self.next_chunk > 0 || chunks > 1))) {
            return Err(corrupt());
        }
        self.open_batch(chunks, last)?;
        self.next_chunk += chunks as u64;
        self.finished = last;
        Ok(())
    }

    /// Opens `chunks` sealed chunks in `buf` in place on the worker
    /// threads, then squeezes the tags out.
    fn open_batch(&mut self, chunks: usize, last: bool) -> io::Result<()> {
        let per_thread = chunks.div_ceil(self.threads).max(1);
        let first = self.next_chunk;
        let aead = &self.aead;
        let opened = std::thread::scope(|s| {
            let workers: Vec<_> = self
                .buf
                .chunks_mut(per_thread * SEALED_CHUNK)
                .enumerate()
                .map(|(t, part)| {
                    s.spawn(move || {
                        for (i, piece) in part.chunks_mut(SEALED_CHUNK).enumerate() {
                            let index = t * per_thread + i;
                            let is_last = last && index + 1 == chunks;
                            open_chunk(aead, first + index as u64, is_last, piece)?;
                        }
                        Ok::<(), io::Error>(())
                    })
                })
                .collect();
            workers
                .into_iter()
                .map(|w| w.join().unwrap_or_else(|_| Err(corrupt())))
                .collect::<io::Result<Vec<()>>>()
        });
        opened?;
        let mut write = 0;
        for i in 0..chunks {
            let start = i * SEALED_CHUNK;
            let end = (start + SEALED_CHUNK).min(self.buf.len()) - TAG;
            self.buf.copy_within(start..end, write);
            write += end - start;
        }
        self.buf[write..].zeroize();
        self.buf.truncate(write);
        Ok(())
    }
}

/// Opens one sealed chunk in place (its tag stays at the end).
fn open_chunk(
    aead: &ChaCha20Poly1305,
    counter: u64,
    last: bool,
    piece: &mut [u8],
) -> io::Result<()> {
    let len = piece.len() - TAG;
    let (body, tag) = piece.split_at_mut(len);
    aead.decrypt_in_place_detached(
        &nonce(counter, last).into(),
        b"",
        body,
        Tag::from_slice(tag),
    )
    .map_err(|_| corrupt())
}

fn corrupt() -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        "a chunk of the age payload is damaged",
    )
}

impl<R: Read> Read for Reader<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.failed {
            return Err(corrupt());
        }
        while self.pos == self.buf.len() {
            if self.finished {
                return Ok(0);
            }
            if let Err(e) = self.next_batch() {
                self.failed = true;
                self.buf.zeroize();
                self.buf.clear();
                return Err(e);
            }
        }
        let n = out.len().min(self.buf.len() - self.pos);
        out[..n].copy_from_slice(&self.buf[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

impl<R: Read> Drop for Reader<R> {
    fn drop(&mut self) {
        self.buf.zeroize();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agestream::Writer;
    use std::io::Write;

    fn seal(plain: &[u8], to: &age::x25519::Recipient) -> Vec<u8> {
        let mut w = Writer::new(&[to], Vec::new()).expect("header");
        w.write_all(plain).expect("write");
        w.finish().expect("finish")
    }

    fn open(file: &[u8], id: &age::x25519::Identity) -> io::Result<Vec<u8>> {
        let mut r = Reader::new(id, file).map_err(io::Error::other)?;
        let mut back = Vec::new();
        r.read_to_end(&mut back)?;
        Ok(back)
    }

    #[test]
    fn opens_every_size_around_chunk_and_batch_edges() {
        let id = age::x25519::Identity::generate();
        let batch = BATCH_CHUNKS * CHUNK;
        for len in [
            0,
            1,
            CHUNK - 1,
            CHUNK,
            CHUNK + 1,
            batch - 1,
            batch,
            batch + 1,
            2 * batch + CHUNK,
        ] {
            let plain: Vec<u8> = (0..len).map(|i| (i * 13 % 251) as u8).collect();
            let file = seal(&plain, &id.to_public());
            assert!(open(&file, &id).expect("opens") == plain, "len {len}");
        }
    }

    #[test]
    fn opens_what_the_age_crate_sealed() {
        let id = age::x25519::Identity::generate();
        let plain = vec![5u8; 3 * CHUNK + 17];
        let e = age::Encryptor::with_recipients(std::iter::once(&id.to_public() as _)).expect("r");
        let mut file = Vec::new();
        let mut w = e.wrap_output(&mut file).expect("header");
        w.write_all(&plain).expect("write");
        w.finish().expect("finish");
        assert_eq!(open(&file, &id).expect("opens"), plain);
    }

    #[test]
    fn damage_anywhere_is_an_error_never_short_plaintext() {
        let id = age::x25519::Identity::generate();
        let file = seal(&vec![1u8; 2 * CHUNK + 5], &id.to_public());
        for cut in [file.len() - 1, file.len() - TAG - 5, file.len() - CHUNK, 40] {
            assert!(open(&file[..cut], &id).is_err(), "cut at {cut}");
        }
        for at in [10, file.len() / 2, file.len() - 1] {
            let mut bad = file.clone();
            bad[at] ^= 1;
            assert!(open(&bad, &id).is_err(), "byte {at}");
        }
        let mut longer = file.clone();
        longer.extend_from_slice(&[0u8; 20]);
        assert!(open(&longer, &id).is_err(), "bytes after the final chunk");
        let other = age::x25519::Identity::generate();
        assert!(matches!(
            Reader::new(&other, &file[..]),
            Err(OpenError::WrongKey)
        ));
        assert!(matches!(
            Reader::new(&id, &b"hello"[..]),
            Err(OpenError::Malformed)
        ));
    }

    #[test]
    fn dropping_whole_chunks_is_caught() {
        let id = age::x25519::Identity::generate();
        let plain = vec![3u8; BATCH_CHUNKS * CHUNK];
        let file = seal(&plain, &id.to_public());
        // Cut exactly after a full chunk: it carries no final flag.
        assert!(open(&file[..file.len() - SEALED_CHUNK], &id).is_err());
        assert!(open(&file[..file.len() - 3 * SEALED_CHUNK], &id).is_err());
        assert_eq!(open(&file, &id).expect("opens").len(), plain.len());
    }
}
