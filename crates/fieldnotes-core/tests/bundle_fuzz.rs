#![allow(clippy::unwrap_used)]
//! A bounded random-bytes test of the bundle reader (the long-running
//! version is the cargo-fuzz target `fuzz/fuzz_targets/bundle.rs`).
//!
//! Three kinds of input go to `Vault::import`, a few hundred cases each:
//! (a) random bytes; (b) random bytes in a valid age file sealed to the
//! vault, so they reach the tar reader; (c) the plaintext tar of a real,
//! not yet imported bundle to the vault with random bytes changed or cut
//! short, sealed to the vault again, so they reach the manifest, signature,
//! hash and record checks. Every case must be refused with an error (never
//! a panic) and leave the records and the audit log as they were.
//!
//! Flips in (c) spare the only bytes no reader uses (docs/FORMATS.md): the
//! zero padding that fills each member's last tar block, and the text of
//! minisign's untrusted comment line. Changing those changes nothing, so
//! such a bundle is, rightly, the same bundle.
//!
//! The cases come from a fixed seed, so a run is repeatable; set
//! PROPTEST_CASES to run more of them.

use std::cell::RefCell;
use std::fs;
use std::path::PathBuf;

use fieldnotes_core::exchange::ExportOptions;
use fieldnotes_core::{Body, NoteKind, RecordState, Vault};
use fieldnotes_test_support::*;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};
use uuid::Uuid;

/// A follow-up note with only its text.
fn note(case: Uuid, text: &str) -> Body {
    note_of(case, NoteKind::FollowUp, text)
}

/// The receiving vault, what it held before, and the plaintext tar of a
/// genuine bundle to it that it has not imported.
struct Target {
    tmp: tempfile::TempDir,
    vault: RefCell<Vault>,
    recipient: age::x25519::Recipient,
    tar: Vec<u8>,
    /// Offsets into `tar` of every byte some check covers.
    covered: Vec<usize>,
    before: (Vec<RecordState>, usize),
}

impl Target {
    fn new() -> Target {
        let tmp = tempfile::tempdir().unwrap();
        let mut sender = create_at(&tmp.path().join("sender"));
        let mut vault = create_at(&tmp.path().join("recipient"));
        trusts(&mut sender, &vault);
        trusts(&mut vault, &sender);
        let to = ExportOptions {
            to: vec![vault.device_id()],
            ..Default::default()
        };
        // A first bundle, imported: the vault has something to lose.
        let case = sender.add(case("FZ-1")).unwrap().record_id;
        share_with_lead(&mut sender, case);
        let n = sender.add(note(case, "first")).unwrap().record_id;
        let first = tmp.path().join("first.fnb");
        sender.export(&to, &first, &mut |_| {}).unwrap();
        vault.import(&first, &mut |_| {}).unwrap();
        // A second one, never imported: an edit, a deletion, a new note
        // and an attachment, so every member kind is there to damage.
        sender.update(n, note(case, "second")).unwrap();
        let gone = sender.add(note(case, "gone")).unwrap().record_id;
        sender.delete(gone).unwrap();
        let content: Vec<u8> = (0..3000u32).map(|i| (i * 7 % 251) as u8).collect();
        sender
            .attach(case, "scan.pdf", None, &mut content.as_slice())
            .unwrap();
        let second = tmp.path().join("second.fnb");
        sender.export(&to, &second, &mut |_| {}).unwrap();
        let tar = open_bundle(&vault, &second, tmp.path());
        let recipient = recipient_of(&vault);
        let before = (vault.records().unwrap(), vault.audit_log().unwrap().len());
        let unused = unused_bytes(&tar);
        let covered = (0..tar.len())
            .filter(|i| !unused.iter().any(|r| r.contains(i)))
            .collect();
        Target {
            tmp,
            vault: RefCell::new(vault),
            recipient,
            tar,
            covered,
            before,
        }
    }

    /// Seals `plain` to the vault as a valid age file.
    fn seal(&self, plain: &[u8]) -> Vec<u8> {
        seal(&self.recipient, plain)
    }

    /// Imports `bytes` as a bundle file: it must be refused, and change
    /// nothing.
    fn refuses(&self, bytes: &[u8], what: &str) -> Result<(), TestCaseError> {
        let path: PathBuf = self.tmp.path().join("case.fnb");
        fs::write(&path, bytes).unwrap();
        let mut vault = self.vault.borrow_mut();
        let result = vault.import(&path, &mut |_| {});
        prop_assert!(result.is_err(), "{} was imported: {:?}", what, result);
        let after = (vault.records().unwrap(), vault.audit_log().unwrap().len());
        prop_assert!(after == self.before, "{} changed the vault", what);
        Ok(())
    }
}

/// The byte ranges of a bundle's tar that no reader uses: each member's
/// block padding, and the untrusted comment's text.
fn unused_bytes(tar_bytes: &[u8]) -> Vec<std::ops::Range<usize>> {
    let mut unused = Vec::new();
    let mut archive = tar::Archive::new(tar_bytes);
    for entry in archive.entries().unwrap() {
        let entry = entry.unwrap();
        let start = entry.raw_file_position() as usize;
        let end = start + entry.size() as usize;
        unused.push(end..end.div_ceil(512) * 512);
        if entry.path().unwrap().to_str() == Some("manifest.json.minisig") {
            let text = &tar_bytes[start..end];
            assert!(text.starts_with(b"untrusted comment: "));
            let newline = text.iter().position(|b| *b == b'\n').unwrap();
            unused.push(start + "untrusted comment: ".len()..start + newline);
        }
    }
    unused
}

/// A runner with a fixed seed, `cases` cases unless PROPTEST_CASES says.
fn runner(cases: u32) -> TestRunner {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(cases);
    let config = Config {
        cases,
        failure_persistence: None,
        // The vault is shared by the cases: once one case got through,
        // shrinking would only find cases failing because of it.
        max_shrink_iters: 0,
        ..Config::default()
    };
    TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha))
}

#[test]
fn random_bytes_are_refused() {
    let t = Target::new();
    // Some start like an age file, so the header parser is exercised too.
    let input = (any::<bool>(), vec(any::<u8>(), 0..4096)).prop_map(|(age_like, mut bytes)| {
        if age_like {
            let mut v = b"age-encryption.org/v1\n-> X25519 ".to_vec();
            v.append(&mut bytes);
            v
        } else {
            bytes
        }
    });
    runner(256)
        .run(&input, |bytes| t.refuses(&bytes, "random bytes"))
        .unwrap();
}

#[test]
fn random_bytes_sealed_to_the_vault_are_refused() {
    let t = Target::new();
    // Some start like a tar header of the first member.
    let input = (any::<bool>(), vec(any::<u8>(), 0..8192)).prop_map(|(tar_like, mut bytes)| {
        if tar_like {
            let mut v = b"manifest.json".to_vec();
            v.resize(100, 0);
            v.append(&mut bytes);
            v
        } else {
            bytes
        }
    });
    runner(256)
        .run(&input, |bytes| {
            t.refuses(&t.seal(&bytes), "sealed random bytes")
        })
        .unwrap();
}

/// How a genuine bundle's plaintext is damaged.
#[derive(Debug, Clone)]
enum Damage {
    /// XOR these (offset, non-zero mask) pairs into the bytes.
    Flip(Vec<(prop::sample::Index, u8)>),
    /// Keep only the first bytes.
    Cut(prop::sample::Index),
    /// Both.
    FlipAndCut(Vec<(prop::sample::Index, u8)>, prop::sample::Index),
}

fn damage() -> impl Strategy<Value = Damage> {
    let flips = vec((any::<prop::sample::Index>(), 1u8..=255), 1..6);
    prop_oneof![
        3 => flips.clone().prop_map(Damage::Flip),
        2 => any::<prop::sample::Index>().prop_map(Damage::Cut),
        1 => (flips, any::<prop::sample::Index>()).prop_map(|(f, c)| Damage::FlipAndCut(f, c)),
    ]
}

fn apply(t: &Target, damage: &Damage) -> Vec<u8> {
    let mut out = t.tar.clone();
    let flip = |out: &mut Vec<u8>, flips: &[(prop::sample::Index, u8)]| {
        for (at, mask) in flips {
            out[*at.get(&t.covered)] ^= mask;
        }
    };
    match damage {
        Damage::Flip(f) => flip(&mut out, f),
        Damage::Cut(c) => out.truncate(c.index(out.len())),
        Damage::FlipAndCut(f, c) => {
            flip(&mut out, f);
            out.truncate(c.index(out.len()));
        }
    }
    out
}

#[test]
fn a_damaged_genuine_bundle_is_refused() {
    let t = Target::new();
    // The undamaged bundle would import: the damage is what is refused.
    assert!(t.tar.len() > 4096);
    runner(320)
        .run(&damage(), |d| {
            t.refuses(&t.seal(&apply(&t, &d)), &format!("{d:?}"))
        })
        .unwrap();
}

#[test]
fn the_tar_headers_and_end_are_checked_exactly() {
    let t = Target::new();
    let len = t.tar.len();
    assert!(t.tar[len - 1024..].iter().all(|b| *b == 0));
    // Anything after the end blocks, or an end cut short.
    let mut longer = t.tar.clone();
    longer.extend_from_slice(b"a payload after the end");
    t.refuses(&t.seal(&longer), "bytes after the end").unwrap();
    let mut longer = t.tar.clone();
    longer.extend_from_slice(&[0u8; 512]);
    longer.extend_from_slice(&t.tar);
    t.refuses(&t.seal(&longer), "a second archive").unwrap();
    for cut in [512, 1023, 1024] {
        t.refuses(&t.seal(&t.tar[..len - cut]), &format!("end cut by {cut}"))
            .unwrap();
    }
    // A header field no check read before (the time), checksum fixed up.
    let mut archive = tar::Archive::new(t.tar.as_slice());
    let first = archive.entries().unwrap().next().unwrap().unwrap();
    let mut header = first.header().clone();
    drop(first);
    header.set_mtime(1_700_000_000);
    header.set_cksum();
    let mut retimed = t.tar.clone();
    retimed[..512].copy_from_slice(header.as_bytes());
    t.refuses(&t.seal(&retimed), "a changed header").unwrap();

    // More zero blocks at the end (tar's record padding) change nothing:
    // the bundle imports.
    let mut padded = t.tar.clone();
    padded.resize(len.div_ceil(10240) * 10240 + 10240, 0);
    let path = t.tmp.path().join("padded.fnb");
    fs::write(&path, t.seal(&padded)).unwrap();
    let info = t.vault.borrow_mut().import(&path, &mut |_| {}).unwrap();
    assert_eq!(info.new_versions, 4);
}
