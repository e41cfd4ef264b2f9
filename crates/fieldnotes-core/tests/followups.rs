#![allow(clippy::unwrap_used)]
//! Follow-ups through the public API: edited, completed, reopened,
//! assigned to a person on the roster, listed, and those due this week.

use chrono::NaiveDate;
use fieldnotes_core::followups::FollowUpEdit;
use fieldnotes_core::{Body, Error, FollowUpBody};
use fieldnotes_test_support::*;
use serde_json::json;
use uuid::Uuid;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn body(v: &fieldnotes_core::Vault, id: Uuid) -> FollowUpBody {
    match v.current(id).unwrap().body {
        Some(Body::FollowUp(f)) => f,
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_follow_up_is_edited_completed_and_reopened_keeping_a_newer_apps_fields() {
    let tmp = tempfile::tempdir().unwrap();
    let mut v = named_vault(tmp.path(), "Lead office");
    let ana = named_vault(tmp.path(), "Ana");
    trusts(&mut v, &ana);
    let c = v.add(case("RO-1")).unwrap().record_id;
    let id = v
        .add_follow_up(c, " Call GP ", Some("2026-12-03"), None)
        .unwrap()
        .record_id;
    let mut newer = body(&v, id);
    newer.unknown.insert("priority_v9".into(), json!("high"));
    v.update(id, Body::FollowUp(newer)).unwrap();

    v.edit_follow_up(
        id,
        FollowUpEdit {
            title: Some("Call the GP".into()),
            due: Some(Some("4.12.2026".into())),
            assignee: Some(Some(ana.device_id())),
        },
    )
    .unwrap();
    let f = body(&v, id);
    assert_eq!(f.title, "Call the GP");
    assert_eq!(f.due.as_deref(), Some("2026-12-04"));
    assert_eq!(f.assigned_to, Some(ana.device_id().to_string()));
    assert_eq!(f.unknown["priority_v9"], json!("high"));

    v.set_follow_up_done(id, true).unwrap();
    assert!(body(&v, id).done);
    v.set_follow_up_done(id, false).unwrap();
    let f = body(&v, id);
    assert!(!f.done);
    assert_eq!(f.title, "Call the GP");

    let clear = FollowUpEdit {
        due: Some(None),
        assignee: Some(None),
        ..Default::default()
    };
    v.edit_follow_up(id, clear).unwrap();
    let f = body(&v, id);
    assert_eq!((f.due, f.assigned_to), (None, None));
    assert_eq!(f.unknown["priority_v9"], json!("high"));
}

#[test]
fn only_a_device_on_the_roster_and_not_revoked_can_be_assigned() {
    let tmp = tempfile::tempdir().unwrap();
    let mut v = named_vault(tmp.path(), "Lead office");
    let ana = named_vault(tmp.path(), "Ana");
    let bogdan = named_vault(tmp.path(), "Bogdan");
    let stranger = named_vault(tmp.path(), "Stranger");
    trusts(&mut v, &ana);
    trusts(&mut v, &bogdan);
    let c = v.add(case("RO-1")).unwrap().record_id;

    assert_eq!(v.find_assignee("ana").unwrap(), ana.device_id());
    assert_eq!(v.find_assignee(" Lead office ").unwrap(), v.device_id());
    let id = bogdan.device_id().to_string();
    assert_eq!(v.find_assignee(&id).unwrap(), bogdan.device_id());
    for unknown in ["Stranger", "Maria", ""] {
        assert!(matches!(
            v.find_assignee(unknown),
            Err(Error::UnknownAssignee { .. })
        ));
    }
    let refused = v.add_follow_up(c, "Visit", None, Some(stranger.device_id()));
    assert!(matches!(refused, Err(Error::UnknownAssignee { .. })));

    let task = v
        .add_follow_up(c, "Visit", None, Some(bogdan.device_id()))
        .unwrap()
        .record_id;
    v.revoke(bogdan.device_id()).unwrap();
    assert!(v.find_assignee("Bogdan").is_err());
    let again = FollowUpEdit {
        assignee: Some(Some(bogdan.device_id())),
        ..Default::default()
    };
    assert!(matches!(
        v.edit_follow_up(task, again),
        Err(Error::UnknownAssignee { .. })
    ));
    // Assigned before the revocation: it still shows the device's name,
    // and an edit of another field does not fail because of it.
    let retitle = FollowUpEdit {
        title: Some("Home visit".into()),
        ..Default::default()
    };
    v.edit_follow_up(task, retitle).unwrap();
    let rows = v.follow_ups(Some(c)).unwrap();
    assert_eq!(rows[0].assignee.as_deref(), Some("Bogdan"));
    let roster = v.assignees().unwrap();
    assert!(roster[0].this_device && roster[0].assignable);
    let revoked = roster.iter().find(|a| a.name == "Bogdan").unwrap();
    assert!(!revoked.assignable);
}

#[test]
fn free_text_assignees_of_older_versions_still_show_and_survive_edits() {
    let (_tmp, _dir, mut v) = new_vault();
    let c = v.add(case("RO-1")).unwrap().record_id;
    let mut old = follow_up(c, "Call GP");
    if let Body::FollowUp(f) = &mut old {
        f.assigned_to = Some("Maria".into());
    }
    let id = v.add(old).unwrap().record_id;
    let edit = FollowUpEdit {
        title: Some("Call the GP".into()),
        ..Default::default()
    };
    v.edit_follow_up(id, edit).unwrap();
    let rows = v.follow_ups(None).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].assigned_to.as_deref(), Some("Maria"));
    assert_eq!(rows[0].assignee.as_deref(), Some("Maria"));
    assert_eq!(rows[0].title, "Call the GP");
}

#[test]
fn another_kind_of_record_is_not_edited_as_a_follow_up() {
    let (_tmp, _dir, mut v) = new_vault();
    let c = v.add(case("RO-1")).unwrap().record_id;
    let n = v.add(note(c, "Met at the shelter")).unwrap().record_id;
    assert!(matches!(
        v.set_follow_up_done(n, true),
        Err(Error::WrongKind { .. })
    ));
    assert!(matches!(
        v.edit_follow_up(c, FollowUpEdit::default()),
        Err(Error::WrongKind { .. })
    ));
}

#[test]
fn the_list_is_by_case_open_first_and_leaves_out_deleted_records_and_cases() {
    let (_tmp, _dir, mut v) = new_vault();
    let a = v.add(case("RO-A")).unwrap().record_id;
    let b = v.add(case("RO-B")).unwrap().record_id;
    let gone = v.add(case("RO-GONE")).unwrap().record_id;
    let done = v
        .add_follow_up(a, "Done", Some("2026-01-01"), None)
        .unwrap();
    v.set_follow_up_done(done.record_id, true).unwrap();
    v.add_follow_up(a, "Undated", None, None).unwrap();
    v.add_follow_up(a, "Later", Some("2026-06-01"), None)
        .unwrap();
    v.add_follow_up(b, "Other case", None, None).unwrap();
    let deleted = v.add_follow_up(b, "Deleted", None, None).unwrap();
    v.delete(deleted.record_id).unwrap();
    v.add_follow_up(gone, "Of a deleted case", None, None)
        .unwrap();
    v.delete(gone).unwrap();

    let titles = |rows: Vec<fieldnotes_core::followups::FollowUpRow>| {
        rows.into_iter()
            .map(|r| format!("{} {}", r.case_code, r.title))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        titles(v.follow_ups(None).unwrap()),
        ["RO-A Later", "RO-A Undated", "RO-A Done", "RO-B Other case"]
    );
    assert_eq!(titles(v.follow_ups(Some(b)).unwrap()), ["RO-B Other case"]);
}

#[test]
fn due_this_week_is_open_follow_ups_due_by_sunday_overdue_included() {
    let tmp = tempfile::tempdir().unwrap();
    let mut v = named_vault(tmp.path(), "Lead office");
    let ana = named_vault(tmp.path(), "Ana");
    trusts(&mut v, &ana);
    let a = v.add(case("RO-A")).unwrap().record_id;
    let b = v.add(case("RO-B")).unwrap().record_id;
    let mut add = |case, title, due: Option<&str>| {
        let who = (title == "Sunday").then(|| ana.device_id());
        v.add_follow_up(case, title, due, who).unwrap().record_id
    };
    // 2026-12-02 is a Wednesday: the week ends on Sunday 2026-12-06.
    let late = add(b, "Late", Some("2026-11-20"));
    let sunday = add(a, "Sunday", Some("2026-12-06"));
    let today = add(a, "Today", Some("2026-12-02"));
    add(a, "Next Monday", Some("2026-12-07"));
    add(a, "Undated", None);
    let finished = add(b, "Finished", Some("2026-12-01"));
    v.set_follow_up_done(finished, true).unwrap();

    let due = v.due_this_week(day("2026-12-02")).unwrap();
    let got: Vec<_> = due
        .iter()
        .map(|d| (d.record_id, d.case_code.as_str(), d.due.as_str(), d.overdue))
        .collect();
    assert_eq!(
        got,
        [
            (late, "RO-B", "2026-11-20", true),
            (today, "RO-A", "2026-12-02", false),
            (sunday, "RO-A", "2026-12-06", false),
        ]
    );
    assert_eq!(due[2].assignee.as_deref(), Some("Ana"));
    assert_eq!(due[2].title, "Sunday");
    assert_eq!(due[0].assignee, None);

    // Completed, it leaves the list; reopened, it is back.
    v.set_follow_up_done(late, true).unwrap();
    assert_eq!(v.due_this_week(day("2026-12-02")).unwrap().len(), 2);
    v.set_follow_up_done(late, false).unwrap();
    assert_eq!(v.due_this_week(day("2026-12-02")).unwrap().len(), 3);
    // On a Monday, next Monday's is not yet due this week; on the Sunday
    // before it, neither.
    assert_eq!(v.due_this_week(day("2026-12-06")).unwrap().len(), 3);
    assert_eq!(v.due_this_week(day("2026-12-07")).unwrap().len(), 4);
}
