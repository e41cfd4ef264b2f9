//! The marker test: everything a worker types goes in with a unique marker,
//! and no file of the vault directory may show any of them, in UTF-8 or in
//! UTF-16LE, in any letter case (FTS5 stores its tokens lowercased), while
//! unlocked (WAL and shared memory present) or after locking.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use fieldnotes_core::{
    AttachmentBody, Body, CaseBody, CaseStatus, ConsentBody, ConsentScope, FollowUpBody, Identity,
    NeedBody, NeedCategory, NoteBody, NoteKind, Priority, ReferralStatus, RiskLevel, Vault,
};
use fieldnotes_test_support::*;

fn marker(name: &str) -> String {
    format!("zqx{name}7Q4W")
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn eq_ignore_case_utf8(hay: &[u8], needle: &[u8]) -> bool {
    hay.len() >= needle.len() && hay[..needle.len()].eq_ignore_ascii_case(needle)
}

fn eq_ignore_case_utf16(hay: &[u8], needle: &[u8]) -> bool {
    hay.len() >= 2 * needle.len()
        && needle
            .iter()
            .enumerate()
            .all(|(i, c)| hay[2 * i].eq_ignore_ascii_case(c) && hay[2 * i + 1] == 0)
}

/// Which markers occur in `bytes` (ASCII markers, so a case-blind byte
/// comparison covers every letter case).
fn markers_in(bytes: &[u8], markers: &[String]) -> BTreeSet<String> {
    let mut first = [false; 256];
    for m in markers {
        let b = m.as_bytes()[0];
        first[usize::from(b.to_ascii_lowercase())] = true;
        first[usize::from(b.to_ascii_uppercase())] = true;
    }
    let mut found = BTreeSet::new();
    for i in 0..bytes.len() {
        if !first[usize::from(bytes[i])] {
            continue;
        }
        let rest = &bytes[i..];
        for m in markers {
            let m8 = m.as_bytes();
            if eq_ignore_case_utf8(rest, m8) {
                found.insert(format!("{m} (utf-8)"));
            }
            if eq_ignore_case_utf16(rest, m8) {
                found.insert(format!("{m} (utf-16le)"));
            }
        }
    }
    found
}

fn assert_no_markers(dir: &Path, markers: &[String], stage: &str) {
    let mut leaks = Vec::new();
    for path in files_under(dir) {
        let bytes = fs::read(&path).expect("read file");
        for m in markers_in(&bytes, markers) {
            leaks.push(format!("{}: {m}", path.display()));
        }
    }
    assert!(
        leaks.is_empty(),
        "{stage}: plaintext found:\n{}",
        leaks.join("\n")
    );
}

fn assert_only_expected_files(dir: &Path, stage: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for path in files_under(dir) {
        let rel = path
            .strip_prefix(dir)
            .expect("inside")
            .to_string_lossy()
            .into_owned();
        let ok = matches!(
            rel.as_str(),
            "vault.json" | "key.age" | "vault.db" | "vault.db-wal" | "vault.db-shm"
        ) || (rel.starts_with("pending/")
            && rel.ends_with(".age")
            && rel.matches('/').count() == 1)
            || rel
                .strip_prefix("blobs/")
                .is_some_and(|n| n.len() == 64 && n.bytes().all(|b| b.is_ascii_hexdigit()));
        assert!(ok, "{stage}: unexpected file {rel}");
        names.insert(rel);
    }
    for entry in fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            assert!(
                matches!(
                    path.file_name().and_then(|n| n.to_str()),
                    Some("pending" | "blobs")
                ),
                "{stage}: unexpected folder"
            );
        }
    }
    names
}

/// Pseudo-random filler with markers spliced in at fixed places.
fn attachment_content(markers: &[String]) -> Vec<u8> {
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut content: Vec<u8> = (0..1_300_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect();
    for (i, m) in markers.iter().enumerate() {
        let at = 100 + i * 40_000;
        content[at..at + m.len()].copy_from_slice(m.as_bytes());
    }
    // One straddling the first chunk boundary (512 KiB).
    let m = markers[0].as_bytes();
    let at = 512 * 1024 - 5;
    content[at..at + m.len()].copy_from_slice(m);
    content
}

#[test]
fn no_marker_reaches_the_disk_in_plaintext() {
    let (_tmp, dir, mut v) = new_vault();
    let m = |name: &str| marker(name);

    let mut markers: Vec<String> = Vec::new();
    let mut mk = |name: &str| {
        let s = m(name);
        markers.push(s.clone());
        s
    };

    // The date fields hold markers too: free text, as an older version of
    // the app stored dates, which only the test hook still writes.
    let case = v
        .add_without_date_checks(Body::Case(CaseBody {
            unknown: Default::default(),
            profile: Default::default(),
            code: mk("code"),
            identity: Identity {
                unknown: Default::default(),
                name: Some(format!("{} {}", mk("given"), mk("family"))),
                date_of_birth: Some(mk("dob")),
                contacts: vec![mk("phone"), mk("address")],
            },
            languages: vec![mk("language")],
            nationality: Some(mk("nationality")),
            risk: Some(RiskLevel::High),
            status: CaseStatus::Open,
            assigned_worker: Some(mk("worker")),
        }))
        .expect("case");
    let c = case.record_id;
    let note1 = v
        .add_without_date_checks(Body::Note(NoteBody {
            unknown: Default::default(),
            form: None,
            case: c,
            kind: NoteKind::Intake,
            when: Some(mk("when")),
            place: Some(mk("place")),
            present: vec![mk("present")],
            interpreter: Some(mk("interpreter")),
            narrative: format!("She said {} and {}.", mk("narrative"), mk("trafficker")),
            tags: vec![mk("tag")],
            draft: false,
        }))
        .expect("note");
    let note2 = v
        .add(note(c, &format!("Deleted later: {}", mk("deletednote"))))
        .expect("note");
    let referral = v
        .add_without_date_checks(Body::Consent(ConsentBody {
            unknown: Default::default(),
            case: c,
            scope: ConsentScope::Referral,
            service: Some(mk("service")),
            given_at: mk("givenat"),
            withdrawn_at: None,
            note: Some(mk("consentnote")),
        }))
        .expect("consent");
    v.add_without_date_checks(Body::Need(NeedBody {
        unknown: Default::default(),
        case: c,
        category: NeedCategory::Legal,
        description: mk("needdescription"),
        priority: Priority::Urgent,
        status: ReferralStatus::Referred,
        referral_target: Some(mk("referraltarget")),
        due: Some(mk("due")),
        consent: Some(referral.record_id),
    }))
    .expect("need");
    let task = v
        .add(Body::FollowUp(FollowUpBody {
            unknown: Default::default(),
            case: c,
            title: mk("followuptitle"),
            due: None,
            assigned_to: Some(mk("assignee")),
            done: false,
        }))
        .expect("follow-up");

    // A photograph: the survivor consented to photographs.
    v.add_consent(c, ConsentScope::Photographs, None, None)
        .expect("photograph consent");
    let file_name = format!("{}.jpg", mk("filename"));
    let media_type = format!("image/{}", mk("mediatype"));
    let content_markers = vec![mk("contentone"), mk("contenttwo")];
    let content = attachment_content(&content_markers);
    let att = v
        .attach(c, &file_name, Some(media_type), &mut content.as_slice())
        .expect("attach");
    match &att.body {
        Some(Body::Attachment(AttachmentBody { size, .. })) => {
            assert_eq!(*size, content.len() as u64)
        }
        other => panic!("{other:?}"),
    }
    let mut back = Vec::new();
    v.read_attachment(att.record_id, &mut back).expect("read");
    assert_eq!(back, content);

    // Edits, deletions, searches, a reveal.
    v.update(
        note1.record_id,
        note(c, &format!("Edited: {}", mk("editednarrative"))),
    )
    .expect("update");
    v.delete(note2.record_id).expect("delete");
    v.delete(task.record_id).expect("delete");
    for q in [
        m("narrative"),
        m("editednarrative"),
        m("code"),
        m("filename"),
    ] {
        v.search(&q, 10).expect("search");
    }
    assert_eq!(
        v.search(&m("editednarrative"), 10).expect("search").len(),
        1
    );
    v.reveal_identity(c).expect("reveal");
    // A failed unlock while open leaves a pending record.
    assert!(Vault::unlock(&dir, &secret(PASS2)).is_err());
    // The passphrase itself is a marker too.
    let mut all = markers.clone();
    all.push(PASS.to_owned());
    all.push(PASS2.to_owned());
    // Sanity: the scanner does see markers where they are.
    assert_eq!(markers_in(&content, &content_markers).len(), 2);
    let utf16: Vec<u8> = m("code")
        .to_uppercase()
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    assert_eq!(markers_in(&utf16, &all).len(), 1);

    // While unlocked: the write-ahead log and shared memory exist.
    let names = assert_only_expected_files(&dir, "unlocked");
    assert!(names.contains("vault.db-wal"), "{names:?}");
    assert!(names.contains("vault.db-shm"), "{names:?}");
    assert!(names.iter().any(|n| n.starts_with("pending/")), "{names:?}");
    assert_no_markers(&dir, &all, "unlocked");

    v.lock().expect("lock");
    let names = assert_only_expected_files(&dir, "locked");
    assert!(
        !names.contains("vault.db-wal"),
        "WAL checkpointed: {names:?}"
    );
    assert_no_markers(&dir, &all, "locked");

    // Reopen (absorbs the pending record, checkpoints again), then lock.
    let v = unlock(&dir);
    assert_eq!(
        v.search(&m("editednarrative"), 10).expect("search").len(),
        1
    );
    assert!(v.search(&m("deletednote"), 10).expect("search").is_empty());
    assert_no_markers(&dir, &all, "reopened");
    v.lock().expect("lock");
    let names = assert_only_expected_files(&dir, "relocked");
    // The one attachment's sealed file stays beside the database.
    let (blobs, rest): (Vec<String>, Vec<String>) =
        names.into_iter().partition(|n| n.starts_with("blobs/"));
    assert_eq!(blobs.len(), 1, "{blobs:?}");
    assert_eq!(rest, ["key.age", "vault.db", "vault.json"]);
    assert_no_markers(&dir, &all, "relocked");
}
