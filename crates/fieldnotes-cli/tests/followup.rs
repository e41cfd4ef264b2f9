//! `fieldnotes followup` through the real binary: add, edit, assign to a
//! person on the roster, complete, reopen, list (of a case, due this
//! week) and delete.

use fieldnotes_test_support::bin::Fixture;
use fieldnotes_test_support::{named_vault, trusts, unlock};

/// A vault whose roster holds this laptop ("Lead office") and Ana's.
fn fixture_with_ana() -> Fixture {
    let f = Fixture::with_vault();
    let ana = named_vault(f.tmp.path(), "Ana");
    let mut v = unlock(&f.vault);
    v.set_device_name("Lead office").expect("name");
    trusts(&mut v, &ana);
    v.lock().expect("lock");
    f.ok(&["case", "add", "--code", "RO-1"]);
    f
}

#[test]
fn a_follow_up_is_edited_assigned_completed_reopened_and_deleted() {
    let f = fixture_with_ana();
    let today = fieldnotes_core::dates::today_local().to_string();
    let id = f.new_id(&["followup", "add", "--case", "RO-1", "--title", "Call GP"]);
    let id = id.to_string();
    assert!(f
        .ok(&["followup", "list", "--due-this-week"])
        .contains("Nothing is due this week."));

    let args = ["--title", "Call the GP", "--due", &today, "--assign", "ana"];
    let out = f.ok(&[&["followup", "edit", &id][..], &args[..]].concat());
    assert!(out.contains("changed"), "{out}");
    let week = f.json(&["followup", "list", "--due-this-week", "--json"]);
    assert_eq!(week[0]["title"], "Call the GP");
    assert_eq!(week[0]["due"], today.as_str());
    assert_eq!(week[0]["assignee"], "Ana");
    assert_eq!(week[0]["overdue"], false);
    let text = f.ok(&["followup", "list", "--case", "RO-1"]);
    assert!(text.contains("Call the GP  -> Ana"), "{text}");

    let err = f.fail(&["followup", "edit", &id, "--assign", "Maria"], 1);
    assert!(err.contains("error[unknown_assignee]"), "{err}");

    f.ok(&["followup", "done", &id]);
    assert!(f
        .ok(&["followup", "list", "--due-this-week"])
        .contains("Nothing is due this week."));
    let list = f.json(&["followup", "list", "--json"]);
    assert_eq!(list[0]["done"], true);
    f.ok(&["followup", "reopen", &id]);
    let list = f.json(&["followup", "list", "--json"]);
    assert_eq!(list[0]["done"], false);
    assert_eq!(list[0]["title"], "Call the GP");

    f.ok(&["followup", "edit", &id, "--clear-due", "--unassign"]);
    let list = f.json(&["followup", "list", "--json"]);
    assert!(list[0]["due"].is_null() && list[0]["assignee"].is_null());
    let both = f.run(&["followup", "edit", &id, "--due", &today, "--clear-due"]);
    assert_eq!(both.status.code(), Some(2));

    let err = f.fail(
        &["followup", "delete", &id, "--reason", "entered_in_error"],
        1,
    );
    assert!(err.contains("Nothing was erased"), "{err}");
    let args = ["followup", "delete", &id, "--reason", "entered_in_error"];
    let out = f.ok(&[&args[..], &["--yes"]].concat());
    assert!(out.contains("Erased 1 record(s)"), "{out}");
    assert_eq!(f.ok(&["followup", "list"]).trim(), "No follow-ups.");
}

#[test]
fn only_follow_ups_are_deleted_and_assignees_come_from_the_roster() {
    let f = fixture_with_ana();
    let case = f.json(&["case", "show", "RO-1", "--json"]);
    let case_id = case["case"]["record_id"].as_str().expect("case id");
    let err = f.fail(
        &[
            "followup",
            "delete",
            case_id,
            "--reason",
            "entered_in_error",
            "--yes",
        ],
        1,
    );
    assert!(err.contains("error[wrong_kind]"), "{err}");
    f.ok(&["case", "show", "RO-1"]);

    let err = f.fail(
        &[
            "followup", "add", "--case", "RO-1", "--title", "Visit", "--assign", "Maria",
        ],
        1,
    );
    assert!(err.contains("error[unknown_assignee]"), "{err}");
    let args = ["--title", "Visit", "--assign", "Lead office"];
    f.ok(&[&["followup", "add", "--case", "RO-1"][..], &args[..]].concat());
    let list = f.json(&["followup", "list", "--case", "RO-1", "--json"]);
    assert_eq!(list[0]["assignee"], "Lead office");
    assert_eq!(list.as_array().map(Vec::len), Some(1));
}
