#![allow(clippy::unwrap_used)]
//! The dashboard through the public API: needs counted by category and
//! status, overdue work, quiet cases, recent activity and the last export
//! and backup.

use fieldnotes_core::dashboard::Dashboard;
use fieldnotes_core::{Body, CaseStatus, Kind, NeedBody, NeedCategory, Priority, ReferralStatus};
use fieldnotes_test_support::*;
use time::macros::date;
use uuid::Uuid;

fn need_of(case: Uuid, category: NeedCategory, status: ReferralStatus, due: Option<&str>) -> Body {
    Body::Need(NeedBody {
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

    let d = v.dashboard(date!(2026 - 11 - 27), 30).unwrap();
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
    let today = date!(2026 - 11 - 27);
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
    v.add(need_of(
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

    let d = v.dashboard(date!(2026 - 11 - 27), 30).unwrap();
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
    let d = v.dashboard(date!(2026 - 11 - 27), 30).unwrap();
    assert!(d.last_backup.is_some());
    assert_eq!(d.last_export, None);
}
