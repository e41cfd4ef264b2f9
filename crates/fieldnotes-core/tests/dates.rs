#![allow(clippy::unwrap_used)]
//! Dates through the public API: every local write checks and normalises
//! due dates, interview times, dates of birth and consent times; free text
//! stored before dates were checked still reads, and stays while untouched.

use fieldnotes_core::dates::today_local;
use fieldnotes_core::{Body, ConsentScope, Error, ReferralStatus};
use fieldnotes_test_support::*;

fn due(v: &fieldnotes_core::Vault, id: uuid::Uuid) -> Option<String> {
    match v.current(id).unwrap().body {
        Some(Body::Need(n)) => n.due,
        Some(Body::FollowUp(f)) => f.due,
        other => panic!("not a need or follow-up: {other:?}"),
    }
}

fn with_due(mut body: Body, text: &str) -> Body {
    match &mut body {
        Body::Need(n) => n.due = Some(text.into()),
        Body::FollowUp(f) => f.due = Some(text.into()),
        _ => unreachable!("only needs and follow-ups have a due date"),
    }
    body
}

#[test]
fn a_vague_due_date_is_refused_with_the_accepted_forms() {
    let (_tmp, _dir, mut v) = new_vault();
    let c = v.add(case("RO-1")).unwrap().record_id;
    let before = v.history(c).unwrap().len();
    let need = need(c, ReferralStatus::Identified, None);
    let err = v.add(with_due(need.clone(), "next friday")).unwrap_err();
    assert_eq!(err.code(), fieldnotes_core::ErrorCode::InvalidDate);
    assert!(matches!(
        err,
        Error::InvalidDate {
            what: "due date",
            ..
        }
    ));
    assert!(
        err.to_string()
            .contains("Write it as one of: 2026-12-31, 31.12.2026 or 31/12/2026"),
        "{err}"
    );
    assert_eq!(v.case_records(c).unwrap().len(), 0);
    assert_eq!(v.history(c).unwrap().len(), before);

    let id = v.add(with_due(need, "31.12.2026")).unwrap().record_id;
    assert_eq!(due(&v, id).as_deref(), Some("2026-12-31"));
    let f = v
        .add(with_due(follow_up(c, "Call"), " 01/02/2027 "))
        .unwrap()
        .record_id;
    assert_eq!(due(&v, f).as_deref(), Some("2027-02-01"));
    let err = v
        .modify(f, |b| {
            *b = with_due(b.clone(), "2026-02-30");
            Ok(())
        })
        .unwrap_err();
    assert_eq!(err.code(), fieldnotes_core::ErrorCode::InvalidDate);
    assert_eq!(due(&v, f).as_deref(), Some("2027-02-01"));
    // An emptied date is no date.
    v.update(f, with_due(follow_up(c, "Call"), "  ")).unwrap();
    assert_eq!(due(&v, f), None);
}

#[test]
fn an_old_free_text_date_reads_and_stays_until_someone_changes_it() {
    let (_tmp, _dir, mut v) = new_vault();
    let c = v.add(case("RO-1")).unwrap().record_id;
    let old = with_due(need(c, ReferralStatus::Identified, None), "after Easter");
    let id = v.add_without_date_checks(old).unwrap().record_id;
    assert_eq!(due(&v, id).as_deref(), Some("after Easter"));
    // Editing another field keeps the untouched text as it is.
    v.modify(id, |b| {
        if let Body::Need(n) = b {
            n.description = "lawyer for the trial".into();
        }
        Ok(())
    })
    .unwrap();
    assert_eq!(due(&v, id).as_deref(), Some("after Easter"));
    // Changing the date itself must give a date.
    let err = v
        .modify(id, |b| {
            *b = with_due(b.clone(), "after Christmas");
            Ok(())
        })
        .unwrap_err();
    assert_eq!(err.code(), fieldnotes_core::ErrorCode::InvalidDate);
    v.modify(id, |b| {
        *b = with_due(b.clone(), "24/12/2026");
        Ok(())
    })
    .unwrap();
    assert_eq!(due(&v, id).as_deref(), Some("2026-12-24"));
}

#[test]
fn interview_times_dates_of_birth_and_consent_times_are_checked() {
    let (_tmp, _dir, mut v) = new_vault();
    let c = v.add(case("RO-1")).unwrap().record_id;
    let when = |v: &fieldnotes_core::Vault, id| match v.current(id).unwrap().body {
        Some(Body::Note(n)) => n.when,
        _ => None,
    };
    let mut n = note(c, "visit");
    if let Body::Note(n) = &mut n {
        n.when = Some("2026-11-25 14:30".into());
    }
    let id = v.add(n.clone()).unwrap().record_id;
    assert_eq!(when(&v, id).as_deref(), Some("2026-11-25T14:30"));
    if let Body::Note(n) = &mut n {
        n.when = Some("last week".into());
    }
    assert_eq!(
        v.update(id, n).unwrap_err().code(),
        fieldnotes_core::ErrorCode::InvalidDate
    );

    let mut born = case_with_name("RO-2", "Ana");
    if let Body::Case(k) = &mut born {
        let later = today_local() + chrono::Days::new(400);
        k.identity.date_of_birth = Some(later.to_string());
    }
    assert_eq!(
        v.add(born.clone()).unwrap_err().code(),
        fieldnotes_core::ErrorCode::FutureDate
    );
    if let Body::Case(k) = &mut born {
        k.identity.date_of_birth = Some("3.2.1999".into());
    }
    let id = v.add(born).unwrap().record_id;
    assert_eq!(
        v.reveal_identity(id).unwrap().date_of_birth.as_deref(),
        Some("1999-02-03")
    );

    let mut consent = consent(c, ConsentScope::Referral);
    if let Body::Consent(k) = &mut consent {
        k.given_at = "yesterday".into();
    }
    assert_eq!(
        v.add(consent).unwrap_err().code(),
        fieldnotes_core::ErrorCode::InvalidDate
    );
}
