//! An age v1 encryptor that seals the payload on every core.
//!
//! The `age` crate seals the STREAM payload one 64 KiB chunk at a time on
//! one core, which held backups and bundles to about half the speed of the
//! standard `age` tool. This writer produces the same format
//! (`age-encryption.org/v1`): the file key is wrapped by the `age` crate's
//! own recipients ([`age::Recipient::wrap_file_key`]), the header and its
//! HMAC are as the specification says, and the payload is the same
//! ChaCha20-Poly1305 STREAM, only sealed a batch of chunks at a time on
//! several threads. Any age implementation reads it; the tests decrypt it
//! with the `age` crate and the interop tests with Debian's `age`.
//!
//! Invariants: chunk `i` is sealed under the nonce `i` (11 bytes, big
//! endian) followed by the last-chunk flag; exactly the final chunk has the
//! flag; only an empty plaintext has an empty (final) chunk; nothing is
//! written before the header; the output is complete only after
//! [`Writer::finish`].

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::sync::{mpsc, Arc, Mutex};

use age_core::format::{FileKey, Stanza};
use age_core::primitives::hkdf;
use age_core::secrecy::ExposeSecret;
use base64::prelude::{Engine, BASE64_STANDARD_NO_PAD};
use chacha20poly1305::aead::{AeadInPlace, KeyInit};
use chacha20poly1305::ChaCha20Poly1305;
use hmac::{Hmac, Mac};
use rand_core::{OsRng, RngCore};
use sha2::Sha256;
use zeroize::{Zeroize, Zeroizing};

use crate::error::{Error, Result};

mod open;
pub use open::{OpenError, Reader};

/// Plaintext bytes per STREAM chunk, as age fixes it.
const CHUNK: usize = 64 * 1024;
const TAG: usize = 16;
/// Chunks sealed per batch (1 MiB): small enough that reading, sealing and
/// writing overlap; measured better than 4 MiB and no worse than 512 KiB.
const BATCH_CHUNKS: usize = 16;
const BATCH: usize = BATCH_CHUNKS * CHUNK;

/// A batch of plaintext to seal, and where it goes in the stream.
struct Job {
    seq: u64,
    first_chunk: u64,
    plain: Vec<u8>,
    /// A buffer to seal into (recycled, so batches cause no page faults).
    out: Vec<u8>,
    last: bool,
}

/// A sealed batch, with its plaintext buffer back for reuse.
struct Sealed {
    seq: u64,
    sealed: Vec<u8>,
    plain: Vec<u8>,
}

/// Writes an age file to its recipients. Batches of chunks are sealed on
/// worker threads (one per core) while this thread reads and writes, and
/// are written in order. Dropped unfinished, the workers stop by
/// themselves (their job queue closes), the output stays truncated and the
/// plaintext buffers still held are wiped.
pub struct Writer<W: Write> {
    /// Taken by `finish`.
    inner: Option<W>,
    /// An earlier call failed: the output is unusable, every later call
    /// fails at once instead of waiting for batches that never come.
    failed: bool,
    jobs: Option<mpsc::Sender<Job>>,
    results: mpsc::Receiver<io::Result<Sealed>>,
    workers: Vec<std::thread::JoinHandle<()>>,
    /// Plaintext not handed out yet; always keeps at least one byte back
    /// (once something was written), so the final chunk is known at
    /// `finish`.
    pending: Vec<u8>,
    /// Buffers back from the workers, for plaintext and for sealing into.
    spare_plain: Vec<Vec<u8>>,
    spare_out: Vec<Vec<u8>>,
    /// Sealed batches that arrived before an earlier one.
    early: BTreeMap<u64, Vec<u8>>,
    next_seq: u64,
    next_write: u64,
    next_chunk: u64,
    max_in_flight: u64,
}

/// The nonce of chunk `counter`.
fn nonce(counter: u64, last: bool) -> [u8; 12] {
    let mut n = [0u8; 12];
    n[3..11].copy_from_slice(&counter.to_be_bytes());
    n[11] = u8::from(last);
    n
}

/// Seals `plain` into `out` as the chunks from `first_chunk` on; the last
/// of them is final when `last`. An empty final batch is one empty chunk.
fn seal_batch(
    aead: &ChaCha20Poly1305,
    first_chunk: u64,
    plain: &[u8],
    out: &mut Vec<u8>,
    last: bool,
) -> io::Result<()> {
    let chunks = plain.len().div_ceil(CHUNK).max(1);
    out.resize(plain.len() + chunks * TAG, 0);
    for (i, piece) in out.chunks_mut(CHUNK + TAG).enumerate() {
        let len = piece.len() - TAG;
        let (body, tag) = piece.split_at_mut(len);
        body.copy_from_slice(&plain[i * CHUNK..i * CHUNK + len]);
        let n = nonce(first_chunk + i as u64, last && i + 1 == chunks);
        let t = aead
            .encrypt_in_place_detached(&n.into(), b"", body)
            .map_err(|_| io::Error::other("a chunk could not be sealed"))?;
        tag.copy_from_slice(&t);
    }
    Ok(())
}

/// One stanza as the header writes it: its line, then its body in base64
/// lines of 64 characters, the last one shorter (empty if need be).
fn write_stanza(out: &mut Vec<u8>, stanza: &Stanza) {
    out.extend_from_slice(b"-> ");
    out.extend_from_slice(stanza.tag.as_bytes());
    for arg in &stanza.args {
        out.push(b' ');
        out.extend_from_slice(arg.as_bytes());
    }
    out.push(b'\n');
    let body = BASE64_STANDARD_NO_PAD.encode(&stanza.body);
    let mut rest = body.as_str();
    while rest.len() >= 64 {
        let (line, tail) = rest.split_at(64);
        out.extend_from_slice(line.as_bytes());
        out.push(b'\n');
        rest = tail;
    }
    out.extend_from_slice(rest.as_bytes());
    out.push(b'\n');
}

/// The header for `recipients`, and the payload key.
fn header(recipients: &[&dyn age::Recipient]) -> Result<(Vec<u8>, Zeroizing<[u8; 32]>)> {
    if recipients.is_empty() {
        return Err(Error::NoRecipients);
    }
    let file_key = FileKey::init_with_mut(|k| OsRng.fill_bytes(k));
    let mut header = b"age-encryption.org/v1\n".to_vec();
    for r in recipients {
        let (stanzas, _labels) = r.wrap_file_key(&file_key).map_err(Error::Encrypt)?;
        for s in &stanzas {
            write_stanza(&mut header, s);
        }
    }
    header.extend_from_slice(b"---");
    let mac_key = Zeroizing::new(hkdf(&[], b"header", file_key.expose_secret()));
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(mac_key.as_ref())
        .map_err(|_| Error::Encrypt(age::EncryptError::MissingRecipients))?;
    mac.update(&header);
    header.push(b' ');
    let tag = BASE64_STANDARD_NO_PAD.encode(mac.finalize().into_bytes());
    header.extend_from_slice(tag.as_bytes());
    header.push(b'\n');
    let mut stream_nonce = [0u8; 16];
    OsRng.fill_bytes(&mut stream_nonce);
    header.extend_from_slice(&stream_nonce);
    let payload_key = Zeroizing::new(hkdf(&stream_nonce, b"payload", file_key.expose_secret()));
    Ok((header, payload_key))
}

impl<W: Write> Writer<W> {
    /// Writes the header for `recipients` to `inner` and returns the writer
    /// of the payload.
    pub fn new(recipients: &[&dyn age::Recipient], mut inner: W) -> Result<Self> {
        let (header, payload_key) = header(recipients)?;
        inner.write_all(&header)?;
        let aead = ChaCha20Poly1305::new(chacha20poly1305::Key::from_slice(&payload_key[..]));
        let threads = std::thread::available_parallelism()
            .map(|n| n.get().min(8))
            .unwrap_or(1);
        let (jobs, job_rx) = mpsc::channel::<Job>();
        let job_rx = Arc::new(Mutex::new(job_rx));
        let (result_tx, results) = mpsc::channel();
        let workers = (0..threads)
            .map(|_| {
                let (aead, job_rx, result_tx) = (aead.clone(), job_rx.clone(), result_tx.clone());
                std::thread::spawn(move || loop {
                    // The lock is held only to take a job, not to seal it.
                    let job = match job_rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => return,
                    };
                    let Ok(job) = job else { return };
                    let mut out = job.out;
                    // A panic here must come back as an error: the writer
                    // waits for every batch it handed out.
                    let sealing = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        seal_batch(&aead, job.first_chunk, &job.plain, &mut out, job.last)
                    }));
                    let sealed = match sealing {
                        Ok(Ok(())) => Ok(Sealed {
                            seq: job.seq,
                            sealed: out,
                            plain: job.plain,
                        }),
                        Ok(Err(e)) => Err(e),
                        Err(_) => Err(io::Error::other("a sealing thread failed")),
                    };
                    if result_tx.send(sealed).is_err() {
                        return;
                    }
                })
            })
            .collect();
        Ok(Writer {
            inner: Some(inner),
            failed: false,
            jobs: Some(jobs),
            results,
            workers,
            pending: Vec::with_capacity(BATCH + CHUNK),
            spare_plain: Vec::new(),
            spare_out: Vec::new(),
            early: BTreeMap::new(),
            next_seq: 0,
            next_write: 0,
            next_chunk: 0,
            max_in_flight: 2 * threads as u64,
        })
    }

    /// Hands the first `len` pending bytes to a worker: the pending buffer
    /// itself goes, and the few bytes after `len` move to a fresh one.
    fn dispatch(&mut self, len: usize, last: bool) -> io::Result<()> {
        let mut next = self
            .spare_plain
            .pop()
            .unwrap_or_else(|| Vec::with_capacity(BATCH + CHUNK));
        next.clear();
        next.extend_from_slice(&self.pending[len..]);
        let mut plain = std::mem::replace(&mut self.pending, next);
        plain.truncate(len);
        let out = self.spare_out.pop().unwrap_or_default();
        let job = Job {
            seq: self.next_seq,
            first_chunk: self.next_chunk,
            plain,
            out,
            last,
        };
        self.next_seq += 1;
        self.next_chunk += len.div_ceil(CHUNK).max(1) as u64;
        let sent = self.jobs.as_ref().map(|j| j.send(job).is_ok());
        if sent != Some(true) {
            return Err(io::Error::other("the sealing threads stopped"));
        }
        Ok(())
    }

    /// Writes sealed batches in order until at most `in_flight` remain.
    fn drain(&mut self, in_flight: u64) -> io::Result<()> {
        while self.next_seq - self.next_write > in_flight {
            let sealed = match self.early.remove(&self.next_write) {
                Some(s) => s,
                None => {
                    let got = self
                        .results
                        .recv()
                        .map_err(|_| io::Error::other("the sealing threads stopped"))??;
                    self.spare_plain.push(got.plain);
                    if got.seq != self.next_write {
                        self.early.insert(got.seq, got.sealed);
                        continue;
                    }
                    got.sealed
                }
            };
            self.inner_mut()?.write_all(&sealed)?;
            self.spare_out.push(sealed);
            self.next_write += 1;
        }
        Ok(())
    }

    /// Seals what is left as the final chunk(s), writes everything, flushes
    /// and returns the inner writer. Without it the file is truncated and
    /// will not decrypt.
    pub fn finish(mut self) -> io::Result<W> {
        self.check()?;
        let len = self.pending.len();
        let finished = self.dispatch(len, true).and_then(|()| self.drain(0));
        self.failed = finished.is_err();
        finished?;
        self.jobs = None;
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
        let mut inner = self.inner.take().ok_or_else(Self::unusable)?;
        inner.flush()?;
        Ok(inner)
    }

    fn unusable() -> io::Error {
        io::Error::other("the age writer failed earlier; its output is incomplete")
    }

    fn check(&self) -> io::Result<()> {
        if self.failed {
            return Err(Self::unusable());
        }
        Ok(())
    }

    fn inner_mut(&mut self) -> io::Result<&mut W> {
        self.inner.as_mut().ok_or_else(Self::unusable)
    }
}

impl<W: Write> Drop for Writer<W> {
    fn drop(&mut self) {
        // Plaintext of records and attachments passed through these.
        self.pending.zeroize();
        for buf in &mut self.spare_plain {
            buf.zeroize();
        }
    }
}

impl<W: Write> Write for Writer<W> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.check()?;
        let n = data.len().min(BATCH + CHUNK - self.pending.len());
        self.pending.extend_from_slice(&data[..n]);
        // Strictly more than a batch: the byte kept back proves the batch
        // does not end the file.
        if self.pending.len() > BATCH {
            let sent = self
                .dispatch(BATCH, false)
                .and_then(|()| self.drain(self.max_in_flight));
            self.failed = sent.is_err();
            sent?;
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.check()?;
        self.inner_mut()?.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn round_trip(len: usize, step: usize) {
        let id = age::x25519::Identity::generate();
        let other = age::x25519::Identity::generate();
        let (r1, r2) = (id.to_public(), other.to_public());
        let plain: Vec<u8> = (0..len).map(|i| (i * 7 % 251) as u8).collect();
        let mut w = Writer::new(&[&r1, &r2], Vec::new()).expect("header");
        for piece in plain.chunks(step.max(1)) {
            w.write_all(piece).expect("write");
        }
        let file = w.finish().expect("finish");
        for identity in [&id, &other] {
            let d = age::Decryptor::new(&file[..]).expect("an age file");
            let mut r = d
                .decrypt(std::iter::once(identity as &dyn age::Identity))
                .expect("decrypts");
            let mut back = Vec::new();
            r.read_to_end(&mut back).expect("reads");
            assert!(back == plain, "len {len} step {step}");
        }
    }

    #[test]
    fn the_age_crate_decrypts_every_size_around_chunk_and_batch_edges() {
        for len in [
            0,
            1,
            CHUNK - 1,
            CHUNK,
            CHUNK + 1,
            2 * CHUNK,
            BATCH - 1,
            BATCH,
            BATCH + 1,
            BATCH + CHUNK,
            3 * BATCH + 5,
        ] {
            for step in [1 << 20, 8192, 65_537] {
                round_trip(len, step);
            }
        }
        round_trip(CHUNK + 3, 1);
    }

    #[test]
    fn a_changed_byte_is_detected() {
        let id = age::x25519::Identity::generate();
        let r = id.to_public();
        let mut w = Writer::new(&[&r], Vec::new()).expect("header");
        w.write_all(&vec![9u8; 3 * CHUNK]).expect("write");
        let mut file = w.finish().expect("finish");
        let at = file.len() - CHUNK;
        file[at] ^= 1;
        let d = age::Decryptor::new(&file[..]).expect("header intact");
        let mut r = d
            .decrypt(std::iter::once(&id as &dyn age::Identity))
            .expect("key");
        assert!(r.read_to_end(&mut Vec::new()).is_err());
    }

    /// A drive that fills up after `room` bytes.
    struct Full {
        room: usize,
    }

    impl Write for Full {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.room == 0 {
                return Err(io::Error::other("no space left"));
            }
            let n = buf.len().min(self.room);
            self.room -= n;
            Ok(n)
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_failing_output_fails_every_later_call_at_once() {
        let r = age::x25519::Identity::generate().to_public();
        let mut w = Writer::new(&[&r], Full { room: 3 * BATCH }).expect("header fits");
        let data = vec![7u8; 64 * BATCH];
        assert!(w.write_all(&data).is_err(), "the drive filled up");
        assert!(w.write(&data[..10]).is_err());
        assert!(w.flush().is_err());
        assert!(w.finish().is_err(), "never a complete-looking file");
    }

    #[test]
    fn nonces_carry_the_counter_and_the_last_flag() {
        assert_eq!(nonce(0, false), [0; 12]);
        assert_eq!(nonce(1, true), [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
        assert_eq!(nonce(0x0102, false)[9..], [1, 2, 0]);
    }
}
