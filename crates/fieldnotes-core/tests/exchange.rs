#![allow(clippy::unwrap_used)]
//! Bundles between vaults through the public API: round trips both ways,
//! idempotence, conflicts and their resolution, and every refusal leaving
//! the store as it was.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use fieldnotes_core::exchange::ExportOptions;
use fieldnotes_core::roster::Card;
use fieldnotes_core::{Body, Error, Kind, NoteKind, RecordState, Vault};
use fieldnotes_test_support::*;
use uuid::Uuid;

/// A follow-up note with only its text.
fn note(case: Uuid, text: &str) -> Body {
    note_of(case, NoteKind::FollowUp, text)
}

/// A case with a name in its restricted section, and the survivor's
/// consent to share it with the lead (one more record and version).
fn add_case(v: &mut Vault, code: &str) -> Uuid {
    let case = add_named_case(v, code, "Name of survivor");
    share_with_lead(v, case);
    case
}

fn export(from: &mut Vault, to: &[&Vault], out: &Path) -> PathBuf {
    let opts = ExportOptions {
        to: to.iter().map(|v| v.device_id()).collect(),
        ..Default::default()
    };
    from.export(&opts, out, &mut no_progress()).unwrap().path
}

fn state(v: &Vault) -> (Vec<RecordState>, usize) {
    (v.records().unwrap(), v.audit_log().unwrap().len())
}

#[test]
fn records_travel_both_ways_with_attachments_and_tombstones() {
    let tmp = tempfile::tempdir().unwrap();
    let mut worker = named_vault(tmp.path(), "worker");
    let mut lead = named_vault(tmp.path(), "lead");
    trust_each_other(&mut [&mut worker, &mut lead]);

    let case = add_case(&mut worker, "RO-1");
    let n = worker.add(note(case, "first visit")).unwrap().record_id;
    worker.update(n, note(case, "first visit, edited")).unwrap();
    let gone = worker.add(note(case, "mistake")).unwrap().record_id;
    worker.delete(gone).unwrap();
    let content: Vec<u8> = (0..2_500_000u32).map(|i| (i % 253) as u8).collect();
    let att = worker
        .attach(case, "scan.pdf", None, &mut content.as_slice())
        .unwrap()
        .record_id;

    let b1 = export(&mut worker, &[&lead], &tmp.path().join("b1.fnb"));
    #[cfg(unix)]
    {
        // Created 0600 by the open call itself, not narrowed afterwards.
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(tmp.path().join("b1.fnb"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "{mode:o}");
        let secret = tmp.path().join("identity.txt");
        worker.export_identity_secret(&secret).unwrap();
        let mode = fs::metadata(&secret).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    }
    let info = lead.import(&b1, &mut no_progress()).unwrap();
    assert_eq!(info.new_versions, 7);
    assert_eq!(info.new_records, 5);
    let by_kind: Vec<(Kind, u64)> = info.new_by_kind.clone().into_iter().collect();
    assert_eq!(
        by_kind,
        [
            (Kind::Case, 1),
            (Kind::Note, 2),
            (Kind::Consent, 1),
            (Kind::Attachment, 1)
        ]
    );
    assert!(info.conflicts.is_empty());
    assert_eq!(lead.records().unwrap(), worker.records().unwrap());
    assert_eq!(lead.history(n).unwrap(), worker.history(n).unwrap());
    assert_eq!(lead.history(gone).unwrap().len(), 2, "tombstone travelled");
    let mut got = Vec::new();
    lead.read_attachment(att, &mut got).unwrap();
    assert_eq!(got, content);

    // Importing again changes nothing and says so.
    let before = state(&lead);
    let again = lead.import(&b1, &mut no_progress()).unwrap();
    assert!(again.already_imported);
    assert_eq!(state(&lead), before);

    // The lead edits; the worker receives it.
    lead.update(n, note(case, "edited by the lead")).unwrap();
    let b2 = export(&mut lead, &[&worker], &tmp.path().join("b2.fnb"));
    worker.import(&b2, &mut no_progress()).unwrap();
    assert_eq!(lead.records().unwrap(), worker.records().unwrap());

    // Nothing new: nothing to export.
    assert!(matches!(
        worker.export(
            &ExportOptions {
                to: vec![lead.device_id()],
                ..Default::default()
            },
            &tmp.path().join("b3.fnb"),
            &mut no_progress()
        ),
        Err(Error::NothingToExport)
    ));
    worker.verify_signatures().unwrap();
    lead.verify_audit().unwrap();
}

#[test]
fn concurrent_edits_become_a_conflict_resolved_on_one_side() {
    let tmp = tempfile::tempdir().unwrap();
    let mut a = named_vault(tmp.path(), "a");
    let mut b = named_vault(tmp.path(), "b");
    trust_each_other(&mut [&mut a, &mut b]);
    let case = add_case(&mut a, "RO-2");
    let n = a.add(note(case, "shared")).unwrap().record_id;
    let x = a.add(note(case, "to delete")).unwrap().record_id;
    let f = export(&mut a, &[&b], &tmp.path().join("1.fnb"));
    b.import(&f, &mut no_progress()).unwrap();

    a.update(n, note(case, "a's words")).unwrap();
    b.update(n, note(case, "b's words")).unwrap();
    a.delete(x).unwrap();
    b.update(x, note(case, "b still needs this")).unwrap();
    let fa = export(&mut a, &[&b], &tmp.path().join("2.fnb"));
    let fb = export(&mut b, &[&a], &tmp.path().join("3.fnb"));
    let ia = a.import(&fb, &mut no_progress()).unwrap();
    let ib = b.import(&fa, &mut no_progress()).unwrap();
    let mut both = vec![n, x];
    both.sort();
    let mut seen = ia.conflicts.clone();
    seen.sort();
    assert_eq!(seen, both);
    assert_eq!(ib.conflicts.len(), 2);
    assert_eq!(a.records().unwrap(), b.records().unwrap(), "converged");
    assert_eq!(a.conflicts().unwrap().len(), 2);
    assert!(matches!(
        a.update(n, note(case, "plain edit")),
        Err(Error::Conflict { .. })
    ));

    // Resolve on a: keep b's words; undo the delete with a hand-merged text.
    // Only once the versions compared are exactly the current heads.
    let heads: Vec<Uuid> = a.heads(n).unwrap().iter().map(|h| h.version_id).collect();
    a.check_heads(n, &heads).unwrap();
    assert!(matches!(
        a.check_heads(n, &heads[..1]),
        Err(Error::ConflictChanged { .. })
    ));
    let b_version = a.heads(n).unwrap()[1].clone();
    assert!(matches!(
        a.resolve_keep(n, Uuid::now_v7()),
        Err(Error::NotAConflictingVersion { .. })
    ));
    let r = a.resolve_keep(n, b_version.version_id).unwrap();
    assert_eq!(r.parents.len(), 2);
    assert_eq!(r.body, b_version.body);
    assert!(matches!(
        a.resolve_keep(n, b_version.version_id),
        Err(Error::NoConflict { .. })
    ));
    let merged = a.resolve_text(x, "b still needs this, merged").unwrap();
    assert_eq!(merged.parents.len(), 2);
    assert!(
        matches!(&merged.body, Some(Body::Note(t)) if t.narrative == "b still needs this, merged")
    );
    assert!(a.conflicts().unwrap().is_empty());
    let fr = export(&mut a, &[&b], &tmp.path().join("4.fnb"));
    b.import(&fr, &mut no_progress()).unwrap();
    assert!(b.conflicts().unwrap().is_empty());
    assert_eq!(a.records().unwrap(), b.records().unwrap());
}

fn seal_to(v: &Vault, plain: &[u8], out: &Path) {
    fs::write(out, seal(&recipient_of(v), plain)).unwrap();
}

/// Rewrites a tar's members with `change` applied to (name, bytes).
fn rewrite_tar(tar_bytes: &[u8], change: &dyn Fn(&str, Vec<u8>) -> Vec<u8>) -> Vec<u8> {
    let mut archive = tar::Archive::new(tar_bytes);
    let mut out = tar::Builder::new(Vec::new());
    for e in archive.entries().unwrap() {
        let mut e = e.unwrap();
        let name = e.path().unwrap().to_string_lossy().into_owned();
        let mut data = Vec::new();
        e.read_to_end(&mut data).unwrap();
        let data = change(&name, data);
        let mut h = tar::Header::new_ustar();
        h.set_path(&name).unwrap();
        h.set_size(data.len() as u64);
        // The very headers Fieldnotes writes, so only the content differs.
        h.set_mode(0o600);
        h.set_mtime(0);
        h.set_cksum();
        out.append(&h, data.as_slice()).unwrap();
    }
    out.into_inner().unwrap()
}

#[test]
fn every_kind_of_bad_bundle_is_refused_and_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let mut a = named_vault(tmp.path(), "a");
    let mut b = named_vault(tmp.path(), "b");
    let mut stranger = named_vault(tmp.path(), "stranger");
    trust_each_other(&mut [&mut a, &mut b]);
    let case = add_case(&mut a, "RO-3");
    a.add(note(case, "the record")).unwrap();
    let good = export(&mut a, &[&b], &tmp.path().join("good.fnb"));
    let bytes = fs::read(&good).unwrap();
    let plain = open_bundle(&b, &good, tmp.path());
    let before = state(&b);
    let refused = |b: &mut Vault, data: &[u8], what: &str| -> Error {
        let f = tmp.path().join(format!("bad-{}.fnb", Uuid::now_v7()));
        fs::write(&f, data).unwrap();
        let err = b
            .import(&f, &mut no_progress())
            .expect_err(&format!("{what} was accepted"));
        assert_eq!(state(b), before, "{what} changed the store");
        err
    };

    // Every single-byte flip over a sample of offsets.
    let step = (bytes.len() / 97).max(1);
    for off in (0..bytes.len()).step_by(step) {
        let mut bad = bytes.clone();
        bad[off] ^= 0x01;
        refused(&mut b, &bad, &format!("flip at {off}"));
    }
    // Truncation at many lengths, and appended garbage.
    for len in (0..bytes.len()).step_by(step) {
        refused(&mut b, &bytes[..len], &format!("cut at {len}"));
    }
    let mut longer = bytes.clone();
    longer.extend_from_slice(b"garbage after the end");
    refused(&mut b, &longer, "appended garbage");
    // Random bytes.
    let noise: Vec<u8> = (0..5000u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    assert!(matches!(
        refused(&mut b, &noise, "noise"),
        Error::BundleCorrupt
    ));

    // A swapped record: the versions member changed, manifest kept.
    let swapped = rewrite_tar(&plain, &|name, data| {
        if name == "versions.jsonl" {
            String::from_utf8(data)
                .unwrap()
                .replace("the record", "the rekord")
                .into_bytes()
        } else {
            data
        }
    });
    let f = tmp.path().join("swapped.tar");
    seal_to(&b, &swapped, &f);
    assert!(matches!(
        refused(&mut b, &fs::read(&f).unwrap(), "swapped"),
        Error::BundleCorrupt
    ));
    // A forged manifest: claims more, signature unchanged.
    let forged = rewrite_tar(&plain, &|name, data| {
        if name == "manifest.json" {
            String::from_utf8(data)
                .unwrap()
                .replace("\"sender_name\": \"a\"", "\"sender_name\": \"z\"")
                .into_bytes()
        } else {
            data
        }
    });
    seal_to(&b, &forged, &f);
    assert!(matches!(
        refused(&mut b, &fs::read(&f).unwrap(), "forged"),
        Error::BundleTampered
    ));

    // Lengths and counts at the edge of u64 in a forged manifest: checked
    // arithmetic refuses them (a debug build would panic on an overflow).
    for (field, value) in [
        ("size", u64::MAX),
        ("blob_count", u64::MAX),
        ("size", u64::MAX - 100),
    ] {
        let huge = rewrite_tar(&plain, &|name, data| {
            if name != "manifest.json" {
                return data;
            }
            let mut m: serde_json::Value = serde_json::from_slice(&data).unwrap();
            match field {
                "size" => {
                    for member in m["members"].as_array_mut().unwrap() {
                        member["size"] = value.into();
                    }
                }
                _ => m[field] = value.into(),
            }
            serde_json::to_vec(&m).unwrap()
        });
        seal_to(&b, &huge, &f);
        let err = refused(&mut b, &fs::read(&f).unwrap(), field);
        assert!(
            matches!(err, Error::BundleCorrupt | Error::BundleTampered),
            "{field}: {err:?}"
        );
    }

    // From a device b does not trust.
    let sc = add_case(&mut stranger, "X");
    let _ = sc;
    stranger
        .trust(&Card::parse(&b.card().unwrap().to_json()).unwrap(), None)
        .unwrap();
    let from_stranger = export(&mut stranger, &[&b], &tmp.path().join("s.fnb"));
    assert!(matches!(
        refused(&mut b, &fs::read(&from_stranger).unwrap(), "untrusted"),
        Error::UntrustedSender { .. }
    ));

    // Addressed to someone else: b cannot even open it.
    stranger
        .trust(&Card::parse(&a.card().unwrap().to_json()).unwrap(), None)
        .unwrap();
    a.trust(
        &Card::parse(&stranger.card().unwrap().to_json()).unwrap(),
        None,
    )
    .unwrap();
    let for_stranger = export(&mut a, &[&stranger], &tmp.path().join("fs.fnb"));
    assert!(matches!(
        refused(&mut b, &fs::read(&for_stranger).unwrap(), "not for b"),
        Error::NotARecipient
    ));
    // ...and re-encrypted to b by someone who could: still not for b.
    let inner = open_bundle(&stranger, &for_stranger, tmp.path());
    seal_to(&b, &inner, &f);
    assert!(matches!(
        refused(&mut b, &fs::read(&f).unwrap(), "forwarded"),
        Error::NotARecipient
    ));

    // The good bundle still imports, and then a revoked sender is refused.
    b.import(&good, &mut no_progress()).unwrap();
    let later = {
        a.add(note(case, "after revocation")).unwrap();
        export(&mut a, &[&b], &tmp.path().join("later.fnb"))
    };
    b.revoke(a.device_id()).unwrap();
    let before_revoked = state(&b);
    let err = b.import(&later, &mut no_progress()).unwrap_err();
    assert!(matches!(err, Error::RevokedSender { .. }), "{err:?}");
    assert_eq!(state(&b), before_revoked);
    assert!(!b.records().unwrap().is_empty(), "earlier records stay");
}

#[test]
fn a_second_bundle_under_a_used_sequence_number_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let mut a = named_vault(tmp.path(), "a");
    let mut b = named_vault(tmp.path(), "b");
    trust_each_other(&mut [&mut a, &mut b]);
    let case = add_case(&mut a, "RO-4");
    // A copy of a's vault as it is now: a laptop restored from an old
    // backup, or someone holding a's keys.
    let a_dir = a.dir().to_path_buf();
    let a_id = a.device_id();
    a.lock().unwrap();
    let copy = tmp.path().join("a-copy");
    fs::create_dir(&copy).unwrap();
    for e in fs::read_dir(&a_dir).unwrap() {
        let e = e.unwrap();
        fs::copy(e.path(), copy.join(e.file_name())).unwrap();
    }
    let mut a = Vault::unlock(&a_dir, &secret(PASS)).unwrap();
    let mut twin = Vault::unlock(&copy, &secret(PASS)).unwrap();
    assert_eq!(twin.device_id(), a_id);
    a.add(note(case, "one thing")).unwrap();
    twin.add(note(case, "another thing")).unwrap();
    let first = export(&mut a, &[&b], &tmp.path().join("1.fnb"));
    let second = export(&mut twin, &[&b], &tmp.path().join("2.fnb"));
    b.import(&first, &mut no_progress()).unwrap();
    let before = state(&b);
    let err = b.import(&second, &mut no_progress()).unwrap_err();
    assert!(matches!(err, Error::ReplayedSequence { seq: 1 }), "{err:?}");
    assert_eq!(state(&b), before);
}

/// A clock that reads the system's, shifted by `ahead_ms`.
struct Shifted(u64);

impl fieldnotes_core::Clock for Shifted {
    fn now_ms(&self) -> u64 {
        fieldnotes_core::SystemClock.now_ms() + self.0
    }
}

#[test]
fn edits_dated_more_than_a_day_ahead_are_refused_not_adopted() {
    use fieldnotes_core::Clock;
    let tmp = tempfile::tempdir().unwrap();
    let mut worker = named_vault(tmp.path(), "worker");
    let mut lead = named_vault(tmp.path(), "lead");
    trust_each_other(&mut [&mut worker, &mut lead]);
    let hour = 60 * 60 * 1000;

    // A laptop whose clock is two days fast.
    worker.set_clock(Box::new(Shifted(48 * hour)));
    let case = add_case(&mut worker, "RO-8");
    worker.add(note(case, "written in the future")).unwrap();
    let ahead = export(&mut worker, &[&lead], &tmp.path().join("ahead.fnb"));
    let before = state(&lead);
    let err = lead.import(&ahead, &mut no_progress()).unwrap_err();
    assert!(matches!(err, Error::ClockAhead { .. }), "{err:?}");
    assert_eq!(err.code(), fieldnotes_core::ErrorCode::ClockAhead);
    assert!(err.to_string().contains("nothing was imported"), "{err}");
    assert_eq!(state(&lead), before);

    // An hour fast is within what laptops drift: merged, and the lead's
    // next edit still orders after it.
    let mut other = named_vault(tmp.path(), "other");
    trust_each_other(&mut [&mut other, &mut lead]);
    other.set_clock(Box::new(Shifted(hour)));
    let case = add_case(&mut other, "RO-9");
    let n = other.add(note(case, "an hour fast")).unwrap();
    let fine = export(&mut other, &[&lead], &tmp.path().join("fine.fnb"));
    lead.import(&fine, &mut no_progress()).unwrap();
    let edit = lead
        .update(n.record_id, note(case, "edited by the lead"))
        .unwrap();
    assert!(edit.hlc > n.hlc);
    assert!(fieldnotes_core::SystemClock.now_ms() < n.hlc.wall_ms);
}

#[test]
fn a_revoked_laptops_backdated_edit_relayed_by_a_colleague_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let mut worker = named_vault(tmp.path(), "worker");
    let mut relay = named_vault(tmp.path(), "relay");
    let mut lead = named_vault(tmp.path(), "lead");
    trust_each_other(&mut [&mut worker, &mut relay, &mut lead]);
    let case = add_case(&mut worker, "RO-10");
    let n = worker.add(note(case, "the testimony")).unwrap().record_id;
    let first = export(&mut worker, &[&lead, &relay], &tmp.path().join("w1.fnb"));
    lead.import(&first, &mut no_progress()).unwrap();
    relay.import(&first, &mut no_progress()).unwrap();

    // The laptop is lost; the lead revokes it. Whoever has it now rewrites
    // the testimony with a clock set back a year, and a colleague who has
    // not revoked it yet takes the edit in and passes everything on.
    lead.revoke(worker.device_id()).unwrap();
    let year = 365 * 24 * 60 * 60 * 1000;
    worker.set_clock(Box::new(Behind(year)));
    worker
        .update(n, note(case, "a rewritten testimony"))
        .unwrap();
    let forged = export(&mut worker, &[&relay], &tmp.path().join("w2.fnb"));
    relay.import(&forged, &mut no_progress()).unwrap();
    let opts = ExportOptions {
        to: vec![lead.device_id()],
        all: true,
        ..Default::default()
    };
    let relayed = tmp.path().join("relayed.fnb");
    relay.export(&opts, &relayed, &mut no_progress()).unwrap();
    let before = state(&lead);
    let err = lead.import(&relayed, &mut no_progress()).unwrap_err();
    assert!(matches!(err, Error::RevokedAuthor { .. }), "{err:?}");
    assert_eq!(state(&lead), before);
    let Some(Body::Note(kept)) = lead.current(n).unwrap().body else {
        panic!("not a note")
    };
    assert_eq!(kept.narrative, "the testimony");

    // The colleague is not refused as such: a bundle of its own records,
    // without the revoked laptop's, imports.
    let own = add_case(&mut relay, "RO-11");
    relay.add(note(own, "the relay's own note")).unwrap();
    let opts = ExportOptions {
        to: vec![lead.device_id()],
        cases: vec![own],
        ..Default::default()
    };
    let clean = tmp.path().join("clean.fnb");
    relay.export(&opts, &clean, &mut no_progress()).unwrap();
    let info = lead.import(&clean, &mut no_progress()).unwrap();
    assert_eq!(info.new_records, 3, "the case, its consent and the note");
}

/// A clock that reads the system's, set back by `behind_ms`.
struct Behind(u64);

impl fieldnotes_core::Clock for Behind {
    fn now_ms(&self) -> u64 {
        fieldnotes_core::SystemClock.now_ms() - self.0
    }
}
