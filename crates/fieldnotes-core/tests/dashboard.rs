#![allow(clippy::unwrap_used)]
//! The dashboard through the public API: needs counted by category and
//! status, overdue work, quiet cases, recent activity and the last export
//! and backup.

use chrono::NaiveDate;
use fieldnotes_core::dashboard::Dashboard;
use fieldnotes_core::{
    Body, CaseStatus, FollowUpBody, Kind, NeedBody, NeedCategory, Priority, ReferralStatus,
};
use fieldnotes_test_support::*;
use uuid::Uuid;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn need_of(case: Uuid, category: NeedCategory, status: ReferralStatus, due: Option<&str>) -> Body {
    Body::Need(NeedBody {
        unknown: Default::default(),
        case,
        category,
        description: String::new(),
        priority: Priority::Medium,
        status,
        referral_target: None,
        due: due.map(str::to_owned),
        consent: None,
    })
}

fn category(d: &Dashboard, c: NeedCategory) -> (u64, u64) {
    let row = d
        .needs_by_category
        .iter()
        .find(|r| r.category == c)
        .unwrap();
    (row.open, row.total)
}

fn status(d: &Dashboard, s: ReferralStatus) -> u64 {
    d.needs_by_status
        .iter()
        .find(|r| r.status == s)
        .unwrap()
        .count
}

#[test]
fn needs_are_counted_by_category_and_status_and_deleted_ones_are_not() {
    let (_tmp, _dir, mut v) = new_vault();
    let c = v.add(case("RO-1")).unwrap().record_id;
    v.add(need_of(
        c,
        NeedCategory::Accommodation,
        ReferralStatus::Identified,
        None,
    ))
    .unwrap();
    v.add(need_of(
        c,
        NeedCategory::Accommodation,
        ReferralStatus::Met,
        None,
    ))
    .unwrap();
    v.add(need_of(
        c,
        NeedCategory::Legal,
        ReferralStatus::ServiceUnavailable,
        None,
    ))
    .unwrap();
    let gone = v
        .add(need_of(
            c,
            NeedCategory::Legal,
            ReferralStatus::Identified,
            None,
        ))
        .unwrap()
        .record_id;
    v.delete(gone).unwrap();
    // A deleted case's needs count nowhere.
    let closed = v.add(case("RO-GONE")).unwrap().record_id;
    v.add(need_of(
        closed,
        NeedCategory::Legal,
        ReferralStatus::Identified,
        Some("2020-01-01"),
    ))
    .unwrap();
    v.delete(closed).unwrap();

    let d = v.dashboard(date(2026, 11, 27), 30).unwrap();
    assert!(d.overdue.is_empty());
    assert_eq!(d.needs_by_category.len(), NeedCategory::ALL.len());
    assert_eq!(category(&d, NeedCategory::Accommodation), (1, 2));
    assert_eq!(category(&d, NeedCategory::Legal), (1, 1));
    assert_eq!(category(&d, NeedCategory::Compensation), (0, 0));
    assert_eq!(d.needs_by_status.len(), ReferralStatus::ALL.len());
    assert_eq!(status(&d, ReferralStatus::Identified), 1);
    assert_eq!(status(&d, ReferralStatus::Met), 1);
    assert_eq!(status(&d, ReferralStatus::ServiceUnavailable), 1);
    assert_eq!(d.conflicts, 0);
}

#[test]
fn overdue_work_and_quiet_cases_are_listed_most_urgent_first() {
    let (_tmp, _dir, mut v) = new_vault();
    let today = date(2026, 11, 27);
    let a = v.add(case("RO-A")).unwrap().record_id;
    let b = v.add(case("RO-B")).unwrap().record_id;
    let closed = v.add(case("RO-CLOSED")).unwrap().record_id;
    if let Some(Body::Case(mut c)) = v.current(closed).unwrap().body {
        c.status = CaseStatus::Closed;
        v.update(closed, Body::Case(c)).unwrap();
    }
    // a: seen this week; b: last seen in March; the closed case never.
    let mut recent = note(a, "visit");
    if let Body::Note(n) = &mut recent {
        n.when = Some("2026-11-25T10:00:00Z".into());
    }
    v.add(recent).unwrap();
    v.add(note(b, "intake")).unwrap(); // when: 2026-03-01

    // follow_up() is due 2026-04-01; one done, one due later, one undated.
    let late = v.add(follow_up(b, "Call the clinic")).unwrap().record_id;
    let done = v.add(follow_up(a, "Done already")).unwrap().record_id;
    if let Some(Body::FollowUp(mut f)) = v.current(done).unwrap().body {
        f.done = true;
        v.update(done, Body::FollowUp(f)).unwrap();
    }
    let mut future = follow_up(a, "Next month");
    if let Body::FollowUp(f) = &mut future {
        f.due = Some("2026-12-20".into());
    }
    v.add(future).unwrap();
    let need_late = v
        .add(need_of(
            a,
            NeedCategory::Legal,
            ReferralStatus::Identified,
            Some("2026-11-20"),
        ))
        .unwrap()
        .record_id;
    v.add(need_of(
        a,
        NeedCategory::Legal,
        ReferralStatus::Met,
        Some("2026-01-01"),
    ))
    .unwrap();
    // Free text stored by an older version is not overdue (it is listed
    // as unreadable instead, see below).
    v.add_without_date_checks(need_of(
        a,
        NeedCategory::Legal,
        ReferralStatus::Identified,
        Some("next week"),
    ))
    .unwrap();

    let d = v.dashboard(today, 30).unwrap();
    let overdue: Vec<(Uuid, Kind, &str, &str, i64)> = d
        .overdue
        .iter()
        .map(|o| {
            (
                o.record_id,
                o.kind,
                o.case_code.as_str(),
                o.due.as_str(),
                o.days_late,
            )
        })
        .collect();
    assert_eq!(
        overdue,
        [
            (late, Kind::FollowUp, "RO-B", "2026-04-01", 240),
            (need_late, Kind::Need, "RO-A", "2026-11-20", 7),
        ]
    );
    let quiet: Vec<(&str, Option<&str>)> = d
        .quiet_cases
        .iter()
        .map(|q| (q.case_code.as_str(), q.last_contact.as_deref()))
        .collect();
    assert_eq!(quiet, [("RO-B", Some("2026-03-01"))]);

    // A case with no contact at all is the quietest.
    v.add(case("RO-NEW")).unwrap();
    let d = v.dashboard(today, 30).unwrap();
    assert_eq!(d.quiet_cases[0].case_code, "RO-NEW");
    assert_eq!(d.quiet_cases[0].last_contact, None);
    // With a longer window, March is recent enough.
    let d = v.dashboard(today, 365).unwrap();
    assert_eq!(d.quiet_cases.len(), 1);
}

#[test]
fn recent_activity_is_newest_first_with_case_codes_and_authors() {
    let (tmp, _dir, mut v) = new_vault();
    let c = v.add(case("RO-7")).unwrap().record_id;
    let n = v.add(note(c, "first")).unwrap().record_id;
    v.update(n, note(c, "second")).unwrap();
    v.delete(n).unwrap();

    let d = v.dashboard(date(2026, 11, 27), 30).unwrap();
    let recent: Vec<(Kind, Option<&str>, bool, bool)> = d
        .recent
        .iter()
        .map(|a| (a.kind, a.case_code.as_deref(), a.created, a.deleted))
        .collect();
    assert_eq!(
        recent,
        [
            (Kind::Note, Some("RO-7"), false, true),
            (Kind::Note, Some("RO-7"), false, false),
            (Kind::Note, Some("RO-7"), true, false),
            (Kind::Case, Some("RO-7"), true, false),
        ]
    );
    assert!(d
        .recent
        .iter()
        .all(|a| a.this_device && a.author == v.device_id()));
    assert_eq!(d.recent[3].case_id, Some(c));

    assert_eq!(d.last_backup, None);
    assert_eq!(d.last_export, None);
    let drive = tmp.path().join("drive");
    std::fs::create_dir(&drive).unwrap();
    v.backup(&drive, None, &mut |_| {}).unwrap();
    let d = v.dashboard(date(2026, 11, 27), 30).unwrap();
    assert!(d.last_backup.is_some());
    assert_eq!(d.last_export, None);
}

fn follow_up_due(case: Uuid, title: &str, due: &str, done: bool) -> Body {
    Body::FollowUp(FollowUpBody {
        unknown: Default::default(),
        case,
        title: title.into(),
        due: Some(due.into()),
        assigned_to: None,
        done,
    })
}

fn note_when(case: Uuid, when: &str, draft: bool) -> Body {
    let mut n = note(case, "visit");
    if let Body::Note(n) = &mut n {
        n.when = Some(when.into());
        n.draft = draft;
    }
    n
}

#[test]
fn dates_stored_as_free_text_are_listed_never_dropped() {
    let (_tmp, _dir, mut v) = new_vault();
    let today = date(2026, 11, 27);
    let a = v.add(case("RO-A")).unwrap().record_id;
    let b = v.add(case("RO-B")).unwrap().record_id;
    let gone = v.add(case("RO-GONE")).unwrap().record_id;
    let open = ReferralStatus::Identified;
    // Versions written before dates were checked, as they arrive or stay.
    let mut old = |body: Body| v.add_without_date_checks(body).unwrap().record_id;
    let need_vague = old(need_of(b, NeedCategory::Legal, open, Some("next week")));
    old(need_of(
        b,
        NeedCategory::Legal,
        ReferralStatus::Met,
        Some("soon"),
    ));
    let follow_vague = old(follow_up_due(a, "Call", "after Easter", false));
    old(follow_up_due(a, "Called", "after Easter", true));
    let note_vague = old(note_when(a, "the day after the storm", false));
    old(note_when(a, "some day", true));
    old(need_of(gone, NeedCategory::Legal, open, Some("whenever")));
    // Old text in a form the app reads now counts as the date it is.
    let day_first = old(follow_up_due(b, "Visit", "20.11.2026", false));
    let blank = old(follow_up_due(b, "Blank", "  ", false));
    v.delete(gone).unwrap();

    let d = v.dashboard(today, 30).unwrap();
    let unreadable: Vec<(&str, Uuid, Kind, &str, &str)> = d
        .unreadable_dates
        .iter()
        .map(|u| {
            (
                u.case_code.as_str(),
                u.record_id,
                u.kind,
                u.field,
                u.value.as_str(),
            )
        })
        .collect();
    let mut expected = vec![
        ("RO-A", follow_vague, Kind::FollowUp, "due", "after Easter"),
        (
            "RO-A",
            note_vague,
            Kind::Note,
            "when",
            "the day after the storm",
        ),
        ("RO-B", need_vague, Kind::Need, "due", "next week"),
    ];
    expected.sort_by_key(|e| (e.0, e.1));
    assert_eq!(unreadable, expected);
    assert!(d.unreadable_dates.iter().all(|u| u.case_id != gone));
    assert_eq!(d.unreadable_dates[0].case_id, a);

    let overdue: Vec<(Uuid, &str, i64)> = d
        .overdue
        .iter()
        .map(|o| (o.record_id, o.due.as_str(), o.days_late))
        .collect();
    assert_eq!(overdue, [(day_first, "2026-11-20", 7)]);
    assert!(d.overdue.iter().all(|o| o.record_id != blank));
    // A note whose time does not read still counts as a contact (from the
    // day it was written), so RO-A is not quiet.
    assert!(d.quiet_cases.iter().all(|q| q.case_id != a));
}
