//! A 200 MB attachment streams in and out with bounded memory. This file
//! holds one test only, so the process's peak resident memory is its own.

use std::io::{self, Read, Write};

use fieldnotes_core::Body;
use fieldnotes_test_support::*;

const SIZE: u64 = 200 * 1024 * 1024;
/// Peak resident memory allowed for the whole test process.
const MAX_PEAK_KIB: u64 = 120 * 1024;

/// `len` pseudo-random bytes (xorshift64*), generated as they are read and
/// hashed on the way out, so no buffer of the whole content ever exists.
struct Generated {
    state: u64,
    left: u64,
    hasher: blake3::Hasher,
}

impl Read for Generated {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        // Odd-sized reads, so the store's chunking is exercised.
        let n = buf.len().min(100_003).min(self.left as usize);
        for chunk in buf[..n].chunks_mut(8) {
            self.state ^= self.state >> 12;
            self.state ^= self.state << 25;
            self.state ^= self.state >> 27;
            let word = self.state.wrapping_mul(0x2545_F491_4F6C_DD1D).to_le_bytes();
            chunk.copy_from_slice(&word[..chunk.len()]);
        }
        self.hasher.update(&buf[..n]);
        self.left -= n as u64;
        Ok(n)
    }
}

/// A sink that only hashes and counts.
struct HashingSink {
    hasher: blake3::Hasher,
    written: u64,
    largest_write: usize,
}

impl Write for HashingSink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.hasher.update(buf);
        self.written += buf.len() as u64;
        self.largest_write = self.largest_write.max(buf.len());
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn peak_resident_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let line = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .expect("VmHWM line");
    line.split_whitespace()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .expect("VmHWM value in kB")
}

#[test]
fn large_attachment_streams_in_and_out_with_bounded_memory() {
    let (_tmp, dir, mut vault) = new_vault();
    let case = vault.add(case("RO-500")).expect("case");

    let mut input = Generated {
        state: 0x9E37_79B9_7F4A_7C15,
        left: SIZE,
        hasher: blake3::Hasher::new(),
    };
    let att = vault
        .attach(
            case.record_id,
            "interview.wav",
            Some("audio/wav".into()),
            &mut input,
        )
        .expect("attach");
    assert_eq!(input.left, 0);
    let input_hash = input.hasher.finalize();
    match &att.body {
        Some(Body::Attachment(a)) => {
            assert_eq!(a.size, SIZE);
            assert_eq!(a.blake3, input_hash.to_hex().as_str());
            assert_eq!(a.file_name, "interview.wav");
        }
        other => panic!("not an attachment: {other:?}"),
    }
    vault.lock().expect("lock");

    let vault = unlock(&dir);
    let mut sink = HashingSink {
        hasher: blake3::Hasher::new(),
        written: 0,
        largest_write: 0,
    };
    let n = vault
        .read_attachment(att.record_id, &mut sink)
        .expect("read back");
    assert_eq!(n, SIZE);
    assert_eq!(sink.written, SIZE);
    assert_eq!(sink.hasher.finalize(), input_hash);
    assert!(
        sink.largest_write <= fieldnotes_core::attachments::CHUNK_SIZE,
        "written in chunks, not at once: {}",
        sink.largest_write
    );
    let ev = events(&vault);
    assert_eq!(ev.last().map(String::as_str), Some("attachment_read"));

    let peak = peak_resident_kib();
    eprintln!("peak resident memory: {} MiB", peak / 1024);
    assert!(
        peak < MAX_PEAK_KIB,
        "peak resident memory {} MiB exceeds {} MiB",
        peak / 1024,
        MAX_PEAK_KIB / 1024
    );
}
