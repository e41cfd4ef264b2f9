//! The read models and write rules both faces use: the case list's
//! open-needs count, the case page, history and audit names, and the
//! consent a need rests on.

use fieldnotes_core::{Body, ConsentScope, ErrorCode, NeedBody, ReferralStatus};
use fieldnotes_test_support::*;
use uuid::Uuid;

fn need_body(v: &fieldnotes_core::Vault, id: Uuid) -> NeedBody {
    match v.current(id).expect("need").body {
        Some(Body::Need(n)) => n,
        other => panic!("not a need: {other:?}"),
    }
}

#[test]
fn open_needs_count_only_open_referral_statuses() {
    let (_tmp, _dir, mut v) = new_vault();
    let c = v.add(case("RO-1")).expect("case").record_id;
    let referral = v
        .add_consent(c, ConsentScope::Referral, Some("clinic".into()), None)
        .expect("consent");
    for status in fieldnotes_core::ReferralStatus::ALL {
        let consent = (*status == ReferralStatus::Referred).then_some(referral.record_id);
        v.add(need(c, *status, consent)).expect("need");
    }
    let open = ReferralStatus::ALL.iter().filter(|s| s.is_open()).count() as u32;
    // Identified, referred and service unavailable are open; provided by
    // own organisation, already receiving, met and the rest are not.
    assert_eq!(open, 3);
    let rows = v.case_list(None).expect("list");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].code, "RO-1");
    assert_eq!(rows[0].open_needs, open);
    let page = v.case_page(c, false).expect("page");
    assert_eq!(page.summary.open_needs, open);
    assert_eq!(page.needs.len(), ReferralStatus::ALL.len());
    assert_eq!(page.consents.len(), 1);
    assert!(page.identity.is_none());

    // A deleted need no longer counts.
    let first_open = page
        .needs
        .iter()
        .find(|n| n.body.status.is_open())
        .expect("an open need")
        .id;
    v.delete(first_open).expect("delete");
    assert_eq!(v.case_list(None).expect("list")[0].open_needs, open - 1);
    assert!(v
        .case_list(Some(fieldnotes_core::CaseStatus::Closed))
        .expect("filtered")
        .is_empty());
}

#[test]
fn editing_a_referred_need_keeps_the_consent_it_rests_on() {
    let (_tmp, _dir, mut v) = new_vault();
    let c = v.add(case("RO-2")).expect("case").record_id;
    let consent = v
        .add_consent(c, ConsentScope::Referral, Some("clinic".into()), None)
        .expect("consent")
        .record_id;
    let mut body = match need(c, ReferralStatus::Referred, None) {
        Body::Need(n) => n,
        _ => unreachable!(),
    };
    let id = v
        .save_need(None, body.clone(), None)
        .expect("referred")
        .record_id;
    assert_eq!(need_body(&v, id).consent, Some(consent));

    // The app sends the whole need without its consent; met keeps the link.
    body.status = ReferralStatus::Met;
    body.consent = None;
    v.save_need(Some(id), body.clone(), None).expect("met");
    assert_eq!(need_body(&v, id).consent, Some(consent));

    // Once that consent is withdrawn, a new referral needs a new consent.
    v.withdraw_consent(consent).expect("withdraw");
    body.status = ReferralStatus::Referred;
    let err = v
        .save_need(Some(id), body.clone(), None)
        .expect_err("no consent");
    assert_eq!(err.code(), ErrorCode::ConsentRequired);
    let fresh = v
        .add_consent(c, ConsentScope::Referral, None, None)
        .expect("new consent")
        .record_id;
    v.save_need(Some(id), body, None).expect("referred again");
    assert_eq!(need_body(&v, id).consent, Some(fresh));

    // A need that was never referred has no consent to keep.
    let plain = match need(c, ReferralStatus::Identified, None) {
        Body::Need(n) => n,
        _ => unreachable!(),
    };
    let pid = v
        .save_need(None, plain, None)
        .expect("identified")
        .record_id;
    assert_eq!(need_body(&v, pid).consent, None);
}

#[test]
fn consent_is_dated_by_the_core_and_withdrawn_once() {
    let (_tmp, _dir, mut v) = new_vault();
    let c = v.add(case("RO-3")).expect("case").record_id;
    let id = v
        .add_consent(
            c,
            ConsentScope::ShareWithLead,
            Some("  ".into()),
            Some(" ok ".into()),
        )
        .expect("consent")
        .record_id;
    let Some(Body::Consent(given)) = v.current(id).expect("head").body else {
        panic!("not a consent")
    };
    assert!(
        given.given_at.starts_with("20") && given.given_at.contains('T'),
        "{}",
        given.given_at
    );
    assert_eq!(given.service, None);
    assert_eq!(given.note.as_deref(), Some("ok"));
    let first = v.withdraw_consent(id).expect("withdraw");
    let again = v.withdraw_consent(id).expect("withdraw again");
    assert_eq!(
        first.version_id, again.version_id,
        "a second withdrawal changes nothing"
    );

    let err = v.withdraw_consent(c).expect_err("a case is not a consent");
    assert_eq!(err.code(), ErrorCode::WrongKind);
    assert!(err.to_string().contains("No consent"), "{err}");
}

#[test]
fn history_and_audit_name_devices_and_cases_instead_of_ids() {
    let (_tmp, _dir, mut v) = new_vault();
    v.set_device_name("Ana's laptop").expect("name");
    let c = v
        .add(case_with_name("RO-4", "Ana Popescu"))
        .expect("case")
        .record_id;
    let n = v.add(note(c, "first words")).expect("note").record_id;
    v.modify(n, |b| {
        if let Body::Note(x) = b {
            x.narrative = "second words".into();
        }
        Ok(())
    })
    .expect("edit");
    v.reveal_identity(c).expect("reveal");

    let h = v.history_view(n).expect("history");
    assert_eq!(h.case_code.as_deref(), Some("RO-4"));
    assert_eq!(h.versions.len(), 2);
    assert!(h
        .versions
        .iter()
        .all(|r| r.author_name == "Ana's laptop" && r.this_device));
    let case_history =
        serde_json::to_string(&v.history_view(c).expect("case history")).expect("json");
    assert!(!case_history.contains("Ana Popescu"), "{case_history}");

    let audit = v.audit_view().expect("audit");
    assert!(audit.intact);
    let labels: Vec<&str> = audit
        .entries
        .iter()
        .map(|e| e.subject_label.as_str())
        .collect();
    assert!(labels.contains(&"RO-4 · case"), "{labels:?}");
    assert!(labels.contains(&"RO-4 · note"), "{labels:?}");
    let edit = audit
        .entries
        .iter()
        .find(|e| e.event == "record_updated")
        .expect("edit entry");
    assert_eq!(edit.subject_kind, Some(fieldnotes_core::Kind::Note));
    assert_eq!(edit.subject_case_code.as_deref(), Some("RO-4"));
    assert!(edit.by_this_device && edit.by_name.is_none());
    assert!(
        audit.entries.windows(2).all(|w| w[0].seq > w[1].seq),
        "newest first"
    );
    for e in &audit.entries {
        assert!(!e.subject_label.contains(&c.to_string()), "{e:?}");
    }
}

#[test]
fn history_shows_finalising_as_such_and_edits_as_changed_words() {
    use fieldnotes_core::views::{VersionChange, WordOp};
    let (_tmp, _dir, mut v) = new_vault();
    let c = v.add(case("RO-7")).expect("case").record_id;
    let mut body = note(c, "met her at the shelter");
    if let Body::Note(n) = &mut body {
        n.draft = true;
    }
    let n = v.add(body).expect("note").record_id;
    let set = |v: &mut fieldnotes_core::Vault, f: &dyn Fn(&mut fieldnotes_core::NoteBody)| {
        v.modify(n, |b| {
            if let Body::Note(x) = b {
                f(x);
            }
            Ok(())
        })
        .expect("edit");
    };
    set(&mut v, &|x| x.draft = false);
    set(&mut v, &|x| x.narrative = "met her at the hospital".into());
    set(&mut v, &|x| x.draft = true);

    let h = v.history_view(n).expect("history");
    let changes: Vec<_> = h.versions.iter().map(|r| r.change).collect();
    assert_eq!(
        changes,
        [
            VersionChange::Created,
            VersionChange::Finalised,
            VersionChange::Changed,
            VersionChange::SavedAsDraft
        ]
    );
    assert!(
        h.versions[1].changes.is_empty(),
        "{:?}",
        h.versions[1].changes
    );
    assert!(h.versions[3].changes.is_empty());
    let edit = &h.versions[2].changes;
    assert_eq!(edit.len(), 1);
    assert_eq!(edit[0].name, "narrative");
    let words = |op| -> String {
        edit[0]
            .words
            .iter()
            .filter(|w| w.op == op)
            .map(|w| w.text.as_str())
            .collect()
    };
    assert_eq!(words(WordOp::Delete), "shelter");
    assert_eq!(words(WordOp::Insert), "hospital");
    assert!(h.versions[0]
        .changes
        .iter()
        .any(|c| c.name == "narrative" && c.words.is_empty()));
}

#[test]
fn audit_shows_an_erased_record_as_nothing_more() {
    let (_tmp, _dir, mut v) = new_vault();
    let c = v.add(case("RO-9")).expect("case").record_id;
    let keep = v.add(case("RO-10")).expect("case").record_id;
    v.add(note(c, "to be erased")).expect("note");
    v.add(note(keep, "kept")).expect("note");
    v.erase(c, fieldnotes_core::ErasureReason::ErasureRequest)
        .expect("erase");
    let audit = v.audit_view().expect("audit");
    let labels: Vec<&str> = audit
        .entries
        .iter()
        .map(|e| e.subject_label.as_str())
        .collect();
    assert_eq!(
        labels.iter().filter(|l| **l == "erased record").count(),
        3,
        "{labels:?}"
    );
    assert!(labels.contains(&"RO-10 · note"), "{labels:?}");
    assert!(!labels.iter().any(|l| l.contains("RO-9")), "{labels:?}");
    let erased: Vec<_> = audit.entries.iter().filter(|e| e.subject_erased).collect();
    assert!(erased.iter().all(|e| e.subject_case_code.is_none()));
}

#[test]
fn search_hits_carry_their_case() {
    let (_tmp, _dir, mut v) = new_vault();
    let c = v.add(case("RO-5")).expect("case").record_id;
    v.add(note(c, "passport kept by employer")).expect("note");
    let hits = v.search("passport", 10).expect("search");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].case_id, Some(c));
    assert_eq!(hits[0].case_code.as_deref(), Some("RO-5"));
}

#[test]
fn needs_are_found_by_their_category_in_either_language() {
    let (_tmp, _dir, mut v) = new_vault();
    let c = v.add(case("RO-6")).expect("case").record_id;
    let mut body = need(c, ReferralStatus::Identified, None);
    if let Body::Need(n) = &mut body {
        n.category = fieldnotes_core::NeedCategory::IdentityDocuments;
        n.description = "passport lost".into();
    }
    let id = v.add(body).expect("need").record_id;
    v.add(note(c, "talked about documents")).expect("note");
    for query in ["acte de identitate", "Identity documents", "identificata"] {
        let hits = v.search(query, 10).expect("search");
        assert_eq!(hits.len(), 1, "{query}");
        assert_eq!(hits[0].record_id, id);
        let values: Vec<(&str, &str)> = hits[0].values.iter().map(|c| (c.field, c.value)).collect();
        assert_eq!(
            values,
            [
                ("category", "identity_documents"),
                ("status", "identified"),
                ("priority", "high")
            ]
        );
        // The snippet is the record's own text, never a wire name or label.
        assert_eq!(hits[0].snippet, "passport lost\nclinic");
    }
}

#[test]
fn card_files_over_the_limit_are_refused_unread() {
    let tmp = tempfile::tempdir().expect("tmp");
    let big = tmp.path().join("big.json");
    std::fs::write(&big, vec![b' '; 70 * 1024]).expect("write");
    let err = fieldnotes_core::roster::Card::read_file(&big).expect_err("too large");
    assert_eq!(err.code(), ErrorCode::CardTooLarge);
    let junk = tmp.path().join("junk.json");
    std::fs::write(&junk, "{}").expect("write");
    let err = fieldnotes_core::roster::Card::read_file(&junk).expect_err("junk");
    assert_eq!(err.code(), ErrorCode::InvalidCard);

    let (_t, _d, v) = new_vault();
    let path = tmp.path().join("card.json");
    let card = v.card().expect("card");
    card.write_file(&path, false).expect("write card");
    // Never over an existing file (or through a symlink) unless replacing.
    let err = card.write_file(&path, false).expect_err("exists");
    assert_eq!(err.code(), ErrorCode::Io);
    #[cfg(unix)]
    {
        let link = tmp.path().join("link.json");
        std::os::unix::fs::symlink(&big, &link).expect("symlink");
        card.write_file(&link, false).expect_err("a symlink");
        assert_eq!(std::fs::metadata(&big).expect("big").len(), 70 * 1024);
    }
    card.write_file(&path, true).expect("replace");
    let back = fieldnotes_core::roster::Card::read_file(&path).expect("read card");
    assert_eq!(back.fingerprint, v.card().expect("card").fingerprint);
}

/// The case list a page at a time: pages in a row cover every matching
/// case once, in order; a deleted case is in no count; the counts and the
/// worker choices are those of the whole list.
#[test]
fn the_case_list_comes_a_page_at_a_time() {
    use fieldnotes_core::views::{CaseQuery, SortColumn};
    let (_tmp, _dir, mut v) = new_vault();
    let mut ids = Vec::new();
    for i in 1..=250 {
        ids.push(v.add(case(&format!("RO-{i}"))).expect("case").record_id);
    }
    v.delete(ids[0]).expect("delete");
    let query = |offset| CaseQuery {
        sort: SortColumn::Code,
        descending: true,
        offset,
        limit: 100,
        ..CaseQuery::default()
    };
    let mut codes = Vec::new();
    for offset in [0, 100, 200] {
        let page = v.case_list_page(&query(offset)).expect("page");
        assert_eq!((page.total, page.matching, page.offset), (249, 249, offset));
        codes.extend(page.rows.into_iter().map(|r| r.code));
    }
    let expected: Vec<String> = (2..=250).rev().map(|i| format!("RO-{i}")).collect();
    assert_eq!(codes, expected);
    let past = v.case_list_page(&query(400)).expect("past the end");
    assert_eq!((past.offset, past.rows.len()), (249, 0));
    let some = v
        .case_list_page(&CaseQuery {
            text: "ro-2".into(),
            ..CaseQuery::default()
        })
        .expect("filtered");
    // RO-2, RO-20..29, RO-200..250: 1 + 10 + 51.
    assert_eq!((some.total, some.matching), (249, 62));
    assert_eq!(some.rows[0].code, "RO-2");
    assert!(some.workers.is_empty());
}
