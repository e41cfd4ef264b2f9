//! Records through the public API: versions, history, tombstones, the
//! hybrid logical clock, search, consent rules and the audit trail.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use fieldnotes_core::{
    Body, CaseStatus, Clock, ConsentScope, Error, Kind, ReferralStatus, RiskLevel, Vault,
};
use fieldnotes_test_support::*;
use uuid::Uuid;

/// A wall clock the test moves by hand.
#[derive(Clone)]
struct ManualClock(Arc<AtomicU64>);

impl Clock for ManualClock {
    fn now_ms(&self) -> u64 {
        self.0.load(Ordering::SeqCst)
    }
}

fn narrative(v: &Vault, id: Uuid) -> String {
    match v.current(id).expect("current").body {
        Some(Body::Note(n)) => n.narrative,
        other => panic!("not a note: {other:?}"),
    }
}

#[test]
fn every_kind_of_record_can_be_added_and_read_back() {
    let (_tmp, _dir, mut v) = new_vault();
    let c = v
        .add(case_with_name("RO-100", "Ana Popescu"))
        .expect("case");
    let n = v
        .add(note(c.record_id, "First meeting at the shelter."))
        .expect("note");
    let k = v
        .add(consent(c.record_id, ConsentScope::StoreData))
        .expect("consent");
    let d = v
        .add(need(c.record_id, ReferralStatus::Identified, None))
        .expect("need");
    let f = v
        .add(follow_up(c.record_id, "Call the clinic"))
        .expect("follow-up");

    for (version, kind) in [
        (&c, Kind::Case),
        (&n, Kind::Note),
        (&k, Kind::Consent),
        (&d, Kind::Need),
        (&f, Kind::FollowUp),
    ] {
        assert_eq!(version.kind, kind);
        assert!(version.parents.is_empty());
        assert_eq!(version.author, v.device_id());
        assert_eq!(&v.current(version.record_id).expect("current"), version);
    }
    let case_records: Vec<Uuid> = v
        .case_records(c.record_id)
        .expect("case records")
        .iter()
        .map(|s| s.record_id)
        .collect();
    assert_eq!(
        case_records,
        [n.record_id, k.record_id, d.record_id, f.record_id]
    );
    assert_eq!(v.cases().expect("cases").len(), 1);
    assert_eq!(v.verify_signatures().expect("sigs"), 5);

    // A record must point at a live case.
    assert!(matches!(
        v.add(note(Uuid::now_v7(), "orphan")),
        Err(Error::NotFound { what: "case", .. })
    ));
    assert!(matches!(
        v.add(note(n.record_id, "a note is not a case")),
        Err(Error::NotFound { what: "case", .. })
    ));
    assert!(matches!(
        v.add(note(c.record_id, "   ")),
        Err(Error::Empty { .. })
    ));
    assert!(matches!(v.add(case("  ")), Err(Error::Empty { .. })));
}

#[test]
fn update_history_and_delete() {
    let (_tmp, _dir, mut v) = new_vault();
    let c = v.add(case("RO-101")).expect("case");
    let first = v.add(note(c.record_id, "version one")).expect("note");
    let second = v
        .update(first.record_id, note(c.record_id, "version two"))
        .expect("update");
    assert_eq!(second.record_id, first.record_id);
    assert_ne!(second.version_id, first.version_id);
    assert_eq!(second.parents, [first.version_id]);
    assert!(second.hlc > first.hlc);

    // An update that changes nothing writes nothing.
    let same = v
        .update(first.record_id, note(c.record_id, "version two"))
        .expect("no-op update");
    assert_eq!(same, second);

    let third = v
        .modify(first.record_id, |b| {
            if let Body::Note(n) = b {
                n.narrative = "version three".into();
            }
            Ok(())
        })
        .expect("modify");
    assert_eq!(third.parents, [second.version_id]);
    assert_eq!(narrative(&v, first.record_id), "version three");

    let history = v.history(first.record_id).expect("history");
    assert_eq!(history, [first.clone(), second.clone(), third.clone()]);

    // The kind of a record cannot change.
    assert!(matches!(
        v.update(first.record_id, follow_up(c.record_id, "x")),
        Err(Error::UnknownValue { .. })
    ));

    assert_eq!(v.search("version", 10).expect("search").len(), 1);
    let tomb = v.delete(first.record_id).expect("delete");
    assert!(tomb.is_tombstone());
    assert_eq!(tomb.parents, [third.version_id]);
    assert!(matches!(
        v.current(first.record_id),
        Err(Error::Deleted { .. })
    ));
    assert!(matches!(
        v.update(first.record_id, note(c.record_id, "back")),
        Err(Error::Deleted { .. })
    ));
    assert!(matches!(
        v.delete(first.record_id),
        Err(Error::Deleted { .. })
    ));
    let history = v.history(first.record_id).expect("history after delete");
    assert_eq!(history.len(), 4);
    assert_eq!(history.last(), Some(&tomb));
    let ids: Vec<Uuid> = v
        .records()
        .expect("records")
        .iter()
        .map(|s| s.record_id)
        .collect();
    assert_eq!(ids, [c.record_id]);
    assert!(v.search("version", 10).expect("search").is_empty());
    assert!(v
        .case_records(c.record_id)
        .expect("case records")
        .is_empty());
    // Every version, the tombstone included, is signed.
    assert_eq!(v.verify_signatures().expect("sigs"), 5);

    assert!(matches!(
        v.history(Uuid::now_v7()),
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        v.current(Uuid::now_v7()),
        Err(Error::NotFound { .. })
    ));
}

#[test]
fn records_come_in_a_stable_creation_order() {
    let (_tmp, dir, mut v) = new_vault();
    let c = v.add(case("RO-102")).expect("case");
    let mut expected = vec![c.record_id];
    for i in 0..40 {
        expected.push(
            v.add(note(c.record_id, &format!("note number {i}")))
                .expect("note")
                .record_id,
        );
    }
    let ids = |v: &Vault| -> Vec<Uuid> {
        v.records()
            .expect("records")
            .iter()
            .map(|s| s.record_id)
            .collect()
    };
    assert_eq!(ids(&v), expected);
    // Editing older records does not reorder them.
    for id in expected[1..].iter().step_by(3) {
        v.update(*id, note(c.record_id, "edited")).expect("update");
    }
    assert_eq!(ids(&v), expected);
    v.lock().expect("lock");
    let v = unlock(&dir);
    assert_eq!(ids(&v), expected);
    let states = v.records().expect("records");
    assert!(states.iter().all(|s| !s.conflict && s.heads.len() == 1));
}

#[test]
fn clock_set_back_a_day_still_orders_edits() {
    let (_tmp, _dir, mut v) = new_vault();
    let now = Arc::new(AtomicU64::new(1_780_000_000_000));
    v.set_clock(Box::new(ManualClock(now.clone())));
    let c = v.add(case("RO-103")).expect("case");
    let n = v.add(note(c.record_id, "edit 0")).expect("note");
    assert_eq!(n.hlc.wall_ms, 1_780_000_000_000);

    let mut last = n.hlc;
    now.fetch_sub(86_400_000, Ordering::SeqCst);
    for i in 1..=5 {
        let e = v
            .update(n.record_id, note(c.record_id, &format!("edit {i}")))
            .expect("update");
        assert!(e.hlc > last, "edit {i}: {} !> {last}", e.hlc);
        // The clock stood a day behind: the wall part holds, the counter moves.
        assert_eq!(e.hlc.wall_ms, last.wall_ms);
        last = e.hlc;
    }
    // A record created while the clock is behind sorts after too.
    let later = v.add(note(c.record_id, "new while behind")).expect("note");
    assert!(later.hlc > last);
    last = later.hlc;

    // The clock catches up again.
    now.fetch_add(2 * 86_400_000, Ordering::SeqCst);
    let e = v
        .update(n.record_id, note(c.record_id, "edit 6"))
        .expect("update");
    assert!(e.hlc > last);
    assert_eq!(e.hlc.wall_ms, 1_780_000_000_000 + 86_400_000);
    assert_eq!(e.hlc.counter, 0);

    let history = v.history(n.record_id).expect("history");
    assert_eq!(history.len(), 7);
    assert!(history.windows(2).all(|w| w[0].hlc < w[1].hlc));
    for (i, version) in history.iter().enumerate() {
        match &version.body {
            Some(Body::Note(b)) => assert_eq!(b.narrative, format!("edit {i}")),
            other => panic!("{other:?}"),
        }
        if i > 0 {
            assert_eq!(version.parents, [history[i - 1].version_id]);
        }
    }
}

#[test]
fn hlc_survives_lock_and_clock_going_back() {
    let (_tmp, dir, mut v) = new_vault();
    let c = v.add(case("RO-104")).expect("case");
    let n = v.add(note(c.record_id, "before")).expect("note");
    v.lock().expect("lock");
    let mut v = unlock(&dir);
    // A week in the past: the last timestamp is remembered in the vault.
    v.set_clock(Box::new(ManualClock(Arc::new(AtomicU64::new(
        n.hlc.wall_ms - 7 * 86_400_000,
    )))));
    let e = v
        .update(n.record_id, note(c.record_id, "after"))
        .expect("update");
    assert!(e.hlc > n.hlc);
}

#[test]
fn search_finds_text_with_snippets_and_folds_diacritics() {
    let (_tmp, _dir, mut v) = new_vault();
    let c = v
        .add(case_with_name("RO-105", "Ioana Vasilescu"))
        .expect("case");
    let n = v
        .add(note(
            c.record_id,
            "She asked about her sănătate and a doctor who speaks Romanian.",
        ))
        .expect("note");
    let other = v
        .add(note(c.record_id, "Court date set for the spring."))
        .expect("note");

    let hits = v.search("doctor", 10).expect("search");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].record_id, n.record_id);
    assert_eq!(hits[0].kind, Kind::Note);
    assert_eq!(hits[0].case_code.as_deref(), Some("RO-105"));
    assert!(hits[0].snippet.contains("[doctor]"), "{}", hits[0].snippet);

    for query in ["sănătate", "sanatate", "SANATATE", "sănă*"] {
        let hits = v.search(query, 10).expect("search");
        let ids: Vec<Uuid> = hits.iter().map(|h| h.record_id).collect();
        assert_eq!(ids, [n.record_id], "query {query:?}");
        assert!(
            hits[0].snippet.contains("[sănătate]"),
            "{query}: {}",
            hits[0].snippet
        );
    }

    // Every word must match.
    assert!(v.search("doctor spring", 10).expect("search").is_empty());
    assert_eq!(
        v.search("court spring", 10).expect("search")[0].record_id,
        other.record_id
    );
    // Query syntax is never interpreted.
    assert!(v.search("\" OR NEAR(", 10).expect("search").is_empty());
    assert!(v.search("   ", 10).expect("search").is_empty());

    // The case itself is found by its code, never by its restricted identity.
    let hits = v.search("RO", 10).expect("search");
    assert!(hits.iter().any(|h| h.record_id == c.record_id));
    for secret_part in ["Ioana", "Vasilescu", "1999", "700"] {
        assert!(
            v.search(secret_part, 10).expect("search").is_empty(),
            "identity part {secret_part:?} is searchable"
        );
    }

    // An edit replaces the indexed text; a tombstone removes it.
    v.update(n.record_id, note(c.record_id, "Now about housing."))
        .expect("update");
    assert!(v.search("doctor", 10).expect("search").is_empty());
    assert_eq!(v.search("housing", 10).expect("search").len(), 1);
    v.delete(n.record_id).expect("delete");
    assert!(v.search("housing", 10).expect("search").is_empty());
    assert_eq!(v.search("court", 10).expect("search").len(), 1);

    // The limit is honoured, most recent first.
    let mut last = Uuid::nil();
    for i in 0..5 {
        last = v
            .add(note(c.record_id, &format!("repeated word {i}")))
            .expect("note")
            .record_id;
    }
    let hits = v.search("repeated", 3).expect("search");
    assert_eq!(hits.len(), 3);
    assert_eq!(hits[0].record_id, last);
}

#[test]
fn referral_needs_rest_on_live_referral_consent() {
    let (_tmp, _dir, mut v) = new_vault();
    let c = v.add(case("RO-106")).expect("case");
    let other_case = v.add(case("RO-107")).expect("case");

    assert!(matches!(
        v.add(need(c.record_id, ReferralStatus::Referred, None)),
        Err(Error::ConsentRequired)
    ));
    // Consent of the wrong scope, or for another case, does not count.
    let storing = v
        .add(consent(c.record_id, ConsentScope::StoreData))
        .expect("consent");
    assert!(matches!(
        v.add(need(
            c.record_id,
            ReferralStatus::Referred,
            Some(storing.record_id)
        )),
        Err(Error::ConsentRequired)
    ));
    let elsewhere = v
        .add(consent(other_case.record_id, ConsentScope::Referral))
        .expect("consent");
    assert!(matches!(
        v.add(need(
            c.record_id,
            ReferralStatus::Referred,
            Some(elsewhere.record_id)
        )),
        Err(Error::ConsentRequired)
    ));

    let referral = v
        .add(consent(c.record_id, ConsentScope::Referral))
        .expect("consent");
    assert_eq!(
        v.referral_consent(c.record_id).expect("lookup"),
        Some(referral.record_id)
    );
    let d = v
        .add(need(
            c.record_id,
            ReferralStatus::Referred,
            Some(referral.record_id),
        ))
        .expect("referral with consent");

    // The survivor withdraws consent.
    v.modify(referral.record_id, |b| {
        if let Body::Consent(k) = b {
            k.withdrawn_at = Some("2026-03-05T09:00:00Z".into());
        }
        Ok(())
    })
    .expect("withdraw");
    assert_eq!(v.referral_consent(c.record_id).expect("lookup"), None);
    assert!(matches!(
        v.add(need(
            c.record_id,
            ReferralStatus::Referred,
            Some(referral.record_id)
        )),
        Err(Error::ConsentRequired)
    ));
    // The existing referred need cannot be edited while still referred...
    let mut changed = need(
        c.record_id,
        ReferralStatus::Referred,
        Some(referral.record_id),
    );
    if let Body::Need(n) = &mut changed {
        n.description = "dental treatment, urgent".into();
    }
    assert!(matches!(
        v.update(d.record_id, changed),
        Err(Error::ConsentRequired)
    ));
    // ...but can be moved to another status.
    v.update(
        d.record_id,
        need(
            c.record_id,
            ReferralStatus::DeclinedBySurvivor,
            Some(referral.record_id),
        ),
    )
    .expect("status change without referral");
    // A deleted consent does not count either.
    let again = v
        .add(consent(c.record_id, ConsentScope::Referral))
        .expect("consent");
    v.delete(again.record_id).expect("delete consent");
    assert!(matches!(
        v.add(need(
            c.record_id,
            ReferralStatus::Referred,
            Some(again.record_id)
        )),
        Err(Error::ConsentRequired)
    ));
    // Needs that are not referrals need no consent.
    v.add(need(c.record_id, ReferralStatus::Identified, None))
        .expect("identified need");
}

#[test]
fn case_codes_are_unique_among_live_cases() {
    let (_tmp, _dir, mut v) = new_vault();
    let a = v.add(case("RO-200")).expect("case");
    match v.add(case("RO-200")) {
        Err(Error::CaseCodeTaken(code)) => assert_eq!(code, "RO-200"),
        other => panic!("expected CaseCodeTaken, got {other:?}"),
    }
    let b = v.add(case("RO-201")).expect("case");
    assert!(matches!(
        v.update(b.record_id, case("RO-200")),
        Err(Error::CaseCodeTaken(_))
    ));
    // A case keeps its own code on edit.
    let mut edited = case("RO-200");
    if let Body::Case(c) = &mut edited {
        c.status = CaseStatus::Monitoring;
        c.risk = Some(RiskLevel::High);
    }
    v.update(a.record_id, edited).expect("edit own case");
    // Renaming frees the old code.
    v.update(a.record_id, case("RO-202")).expect("rename");
    assert!(matches!(v.case_id("RO-200"), Err(Error::UnknownCase(_))));
    assert_eq!(v.case_id("RO-202").expect("code"), a.record_id);
    let c = v.add(case("RO-200")).expect("freed code");
    // So does deletion.
    v.delete(c.record_id).expect("delete");
    assert!(matches!(v.case_id("RO-200"), Err(Error::UnknownCase(_))));
    v.add(case("RO-200")).expect("code of deleted case");
    assert_eq!(v.cases().expect("cases").len(), 3);

    // Surrounding spaces do not make a different code, in either order.
    let spaced = v.add(case(" RO-203 ")).expect("case");
    assert_eq!(v.case_id("RO-203").expect("code"), spaced.record_id);
    assert_eq!(v.case_id(" RO-203").expect("code"), spaced.record_id);
    assert!(matches!(
        v.add(case("RO-203")),
        Err(Error::CaseCodeTaken(_))
    ));
    assert!(matches!(
        v.add(case("RO-200 ")),
        Err(Error::CaseCodeTaken(_))
    ));
    let hits = v.search("RO-203", 10).expect("search");
    assert_eq!(hits[0].case_code.as_deref(), Some("RO-203"));
}

#[test]
fn revealing_an_identity_is_audited() {
    let (_tmp, _dir, mut v) = new_vault();
    let c = v
        .add(case_with_name("RO-300", "Elena Marin"))
        .expect("case");
    let before = events(&v);
    assert!(!before.contains(&"identity_revealed".to_string()));
    let identity = v.reveal_identity(c.record_id).expect("reveal");
    assert_eq!(identity.name.as_deref(), Some("Elena Marin"));
    assert_eq!(identity.date_of_birth.as_deref(), Some("1999-02-03"));
    let log = v.audit_log().expect("log");
    let last = log.last().expect("entry");
    assert_eq!(last.event, "identity_revealed");
    assert_eq!(last.subject, format!("case {}", c.record_id));
    assert!(!last.subject.contains("Elena"));
    // Only cases have identities.
    let n = v.add(note(c.record_id, "text")).expect("note");
    assert!(matches!(
        v.reveal_identity(n.record_id),
        Err(Error::NotFound { what: "case", .. })
    ));
    assert_eq!(v.audit_log().expect("log").len(), log.len() + 1);
}

#[test]
fn audit_chain_holds_after_many_operations() {
    let (_tmp, dir, mut v) = new_vault();
    let mut expected = 1; // vault_created
    let c = v.add(case("RO-400")).expect("case");
    expected += 1;
    let mut notes = Vec::new();
    for i in 0..60 {
        notes.push(
            v.add(note(c.record_id, &format!("note {i}")))
                .expect("note")
                .record_id,
        );
        expected += 1;
    }
    for (i, id) in notes.iter().enumerate() {
        if i % 2 == 0 {
            v.update(*id, note(c.record_id, &format!("edited {i}")))
                .expect("update");
        } else if i % 3 == 0 {
            v.delete(*id).expect("delete");
        } else {
            v.reveal_identity(c.record_id).expect("reveal");
        }
        expected += 1;
    }
    let mut content: &[u8] = b"small attachment";
    let a = v
        .attach(c.record_id, "scan.pdf", None, &mut content)
        .expect("attach");
    let mut out = Vec::new();
    v.read_attachment(a.record_id, &mut out).expect("read");
    assert_eq!(out, b"small attachment");
    expected += 2;
    assert!(Vault::unlock(&dir, &secret(PASS2)).is_err());
    v.lock().expect("lock");
    expected += 1;
    let v = unlock(&dir);
    expected += 2; // unlock_failed, unlocked

    let report = v.verify_audit().expect("audit verifies");
    assert_eq!(report.entries, expected);
    let log = v.audit_log().expect("log");
    assert_eq!(log.len() as u64, expected);
    assert_eq!(log.last().map(|e| e.hash.clone()), Some(report.head));
    assert!(log.windows(2).all(|w| w[0].seq + 1 == w[1].seq));
    // Subjects name ids only, never content.
    for e in &log {
        if !e.subject.is_empty() {
            let (kind, id) = e.subject.split_once(' ').expect("kind and id");
            assert!(kind.parse::<Kind>().is_ok(), "{}", e.subject);
            assert!(Uuid::parse_str(id).is_ok(), "{}", e.subject);
        }
    }
    assert_eq!(v.verify_signatures().expect("sigs"), 1 + 60 + 30 + 10 + 1);
    assert!(v.integrity_check().expect("integrity"));
}

/// Kind, live body and head count of a record.
type Held = (Kind, Option<Body>, usize);

/// What a vault holds, with the ids and times that differ between two
/// vaults left out: every record in order, and the audit events.
fn contents(v: &Vault) -> (Vec<Held>, Vec<String>) {
    let records = v
        .records()
        .expect("records")
        .into_iter()
        .map(|s| (s.kind, s.body().cloned(), s.heads.len()))
        .collect();
    let events = v
        .audit_log()
        .expect("audit log")
        .into_iter()
        .map(|e| e.event)
        .collect();
    (records, events)
}

#[test]
fn adding_many_at_once_stores_what_adding_one_by_one_stores() {
    let (_t1, _d1, mut one) = new_vault();
    let (_t2, _d2, mut many) = new_vault();
    let texts = [
        "met at the shelter",
        "spoke about the hearing",
        "doctor visit",
    ];

    let c1 = one.add(case("RO-200")).expect("case").record_id;
    let mut singles = Vec::new();
    for t in texts {
        singles.push(one.add(note(c1, t)).expect("note"));
    }
    singles.push(
        one.add(follow_up(c1, "Call the clinic"))
            .expect("follow-up"),
    );

    let c2 = many.add_many([case("RO-200")]).expect("case")[0].record_id;
    let bodies = texts
        .iter()
        .map(|t| note(c2, t))
        .chain([follow_up(c2, "Call the clinic")]);
    let batch = many.add_many(bodies).expect("add_many");

    assert_eq!(batch.len(), singles.len());
    for (b, s) in batch.iter().zip(&singles) {
        assert_eq!((b.kind, b.body.is_some()), (s.kind, s.body.is_some()));
        assert!(b.parents.is_empty());
        assert_eq!(b.author, many.device_id());
        assert_eq!(&many.current(b.record_id).expect("current"), b);
    }
    // Later in creation order, later in clock order.
    assert!(batch.windows(2).all(|w| w[0].hlc < w[1].hlc));
    let (mut r1, e1) = contents(&one);
    let (mut r2, e2) = contents(&many);
    // The notes name their own vault's case.
    for (_, body, _) in r1.iter_mut().chain(r2.iter_mut()) {
        if let Some(Body::Note(n)) = body {
            n.case = Uuid::nil();
        }
        if let Some(Body::FollowUp(f)) = body {
            f.case = Uuid::nil();
        }
    }
    assert_eq!(r1, r2);
    assert_eq!(e1, e2);
    for q in ["hearing", "shelter", "clinic", "RO-200"] {
        assert_eq!(
            one.search(q, 10).expect("search").len(),
            many.search(q, 10).expect("search").len(),
            "{q}"
        );
        assert_eq!(many.search(q, 10).expect("search").len(), 1, "{q}");
    }
    assert_eq!(
        one.verify_audit().expect("audit").entries,
        many.verify_audit().expect("audit").entries
    );
    assert_eq!(many.verify_signatures().expect("sigs"), 5);
}

#[test]
fn adding_many_is_all_or_nothing() {
    let (_tmp, _dir, mut v) = new_vault();
    let c = v.add(case("RO-201")).expect("case").record_id;
    let before = contents(&v);
    let bodies = [
        note(c, "kept only if all are"),
        case("RO-202"),
        note(Uuid::now_v7(), "names no case this vault holds"),
    ];
    assert!(matches!(
        v.add_many(bodies),
        Err(Error::NotFound { what: "case", .. })
    ));
    assert_eq!(contents(&v), before);
    assert!(v.search("kept", 10).expect("search").is_empty());
    assert!(v.case_id("RO-202").is_err());
    v.verify_audit().expect("audit chain intact");
    // A case code taken earlier in the same call is taken.
    assert!(matches!(
        v.add_many([case("RO-203"), case("RO-203")]),
        Err(Error::CaseCodeTaken(_))
    ));
    assert!(v.case_id("RO-203").is_err());
    assert!(v.add_many([]).expect("nothing to add").is_empty());
}
