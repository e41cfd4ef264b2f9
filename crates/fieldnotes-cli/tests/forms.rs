//! Interview forms from the command line, with the real binary: listing
//! and showing forms (no passphrase needed), adding a note that follows a
//! form with answers from a file, showing it labelled in a language, and
//! confirming what its answers propose.

use std::fs;

use fieldnotes_test_support::bin::{output, succeeded};
use fieldnotes_test_support::{array, head_body, parse_json, Fixture};
use serde_json::{json, Value};
use uuid::Uuid;

/// A vault with the case `R-1`.
fn with_case() -> Fixture {
    let f = Fixture::with_vault();
    f.new_id(&["case", "add", "--code", "R-1"]);
    f
}

/// Writes `value` to `name` in the fixture's folder; returns the path.
fn write_json(f: &Fixture, name: &str, value: &Value) -> String {
    let path = f.path(name);
    fs::write(&path, value.to_string()).expect("write file");
    path.to_str().expect("utf-8 path").to_owned()
}

fn needs_answers() -> Value {
    json!({
        "accommodation": "no_fixed_place", "feels_safe_from_exploiters": true,
        "money_for_daily_needs": "enough", "knows_rights": true,
        "documents_needed": ["passport"], "other_needs": "  A bus pass to reach the clinic  "
    })
}

/// The records of `kind` in `records --json`.
fn records_of(f: &Fixture, kind: &str) -> Vec<Value> {
    array(&f.json(&["records", "--json"]))
        .iter()
        .filter(|r| r["kind"] == kind)
        .cloned()
        .collect()
}

#[test]
fn forms_list_shows_shipped_and_vault_forms_and_a_bad_file_with_its_reason() {
    let f = Fixture::with_vault();
    let dir = f.vault.join("forms");
    fs::create_dir_all(&dir).unwrap();
    let own = json!({
        "format": "fieldnotes-form", "version": 1, "id": "org-visit", "form_version": 3,
        "title": {"en": "Home visit checklist"},
        "sections": [{"id": "s", "title": {"en": "Visit"}, "questions": [
            {"id": "q", "kind": "yes_no", "label": {"en": "Was the person at home?"}}]}]
    });
    fs::write(dir.join("visit.json"), own.to_string()).unwrap();
    fs::write(dir.join("broken.json"), r#"{"format": "fieldnotes-form", "version": 1, "id": "x", "form_version": 1, "title": {"en": "X"}, "sections": [{"id": "s", "title": {"en": "S"}, "questions": [{"id": "q", "kind": "essay", "label": {"en": "Q"}}]}]}"#).unwrap();

    // No passphrase: form files hold questions, never case data.
    let out = output(f.bare().args(["forms", "list"]));
    let text = succeeded(&out);
    for id in [
        "intake",
        "risk_assessment",
        "needs_assessment",
        "follow_up_visit",
        "court_accompaniment",
    ] {
        assert!(text.contains(id), "{id} missing from:\n{text}");
    }
    assert!(text.contains("org-visit"), "{text}");
    assert!(
        text.contains("INVALID: The form file forms/broken.json is not valid: question 'q' has the unknown kind 'essay'"),
        "{text}"
    );

    let rows = parse_json(&succeeded(&output(
        f.bare().args(["forms", "list", "--json"]),
    )));
    let rows = array(&rows);
    assert_eq!(rows.len(), 7);
    let visit = rows.iter().find(|r| r["id"] == "org-visit").unwrap();
    assert_eq!(
        (
            visit["source"].as_str(),
            visit["form_version"].as_u64(),
            visit["valid"].as_bool()
        ),
        (Some("vault"), Some(3), Some(true))
    );
    let broken = rows
        .iter()
        .find(|r| r["file"] == "forms/broken.json")
        .unwrap();
    assert_eq!(broken["valid"], false);
    assert!(broken["error"].as_str().unwrap().contains("essay"));
}

#[test]
fn forms_show_prints_the_questions_in_the_language_asked_for() {
    let f = Fixture::empty();
    let ro = succeeded(&output(
        f.bare().args(["forms", "show", "intake", "--lang", "ro"]),
    ));
    assert!(ro.starts_with("Interviu inițial (intake version 1"), "{ro}");
    assert!(
        ro.contains("Participă un interpret la această discuție?"),
        "{ro}"
    );
    assert!(
        ro.contains("interpreter_mode  [single_choice] (asked when interpreter_used is yes)"),
        "{ro}"
    );
    let en = succeeded(&output(f.bare().args([
        "forms",
        "show",
        "needs_assessment",
    ])));
    assert!(
        en.contains("no_fixed_place: No fixed place  [need: accommodation (urgent)]"),
        "{en}"
    );
    let json = parse_json(&succeeded(&output(f.bare().args([
        "forms",
        "show",
        "risk_assessment",
        "--json",
    ]))));
    assert_eq!(json["risk_scoring"], json!({"medium": 4, "high": 9}));

    let err =
        fieldnotes_test_support::bin::failed(&output(f.bare().args(["forms", "show", "nope"])), 1);
    assert!(err.starts_with("error[unknown_form]: "), "{err}");
    assert!(err.contains("fieldnotes forms list"), "{err}");
}

#[test]
fn a_form_note_is_added_from_an_answers_file_and_shown_with_its_labels() {
    let f = with_case();
    let answers = write_json(&f, "needs.json", &needs_answers());
    let out = f.run(&[
        "note",
        "add",
        "--case",
        "R-1",
        "--form",
        "needs_assessment",
        "--answers",
        &answers,
        "--lang",
        "ro",
    ]);
    let id: Uuid = succeeded(&out)
        .trim()
        .parse()
        .expect("only the id on stdout");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("Proposed needs"), "{stderr}");
    assert!(
        stderr.contains("Unde locuiește persoana în prezent?: Fără un loc stabil"),
        "{stderr}"
    );

    // Stored as answered (the text trimmed), with the form's version and language.
    let body = head_body(&f.json(&["records", "--json"]), id);
    assert_eq!(body["kind"], "note");
    assert_eq!(body["form"]["id"], "needs_assessment");
    assert_eq!(body["form"]["form_version"], 1);
    assert_eq!(body["form"]["lang"], "ro");
    assert_eq!(
        body["form"]["answers"]["other_needs"],
        "A bus pass to reach the clinic"
    );
    assert_eq!(
        body["form"]["answers"]["documents_needed"],
        json!(["passport"])
    );

    let en = f.ok(&["note", "show", &id.to_string()]);
    assert!(
        en.contains("form: Needs assessment (needs_assessment version 1), asked in ro"),
        "{en}"
    );
    assert!(
        en.contains("  Where is the person staying now?\n    No fixed place"),
        "{en}"
    );
    assert!(
        en.contains("  Does the person feel safe from the people who exploited them?\n    yes"),
        "{en}"
    );
    let ro = f.ok(&["note", "show", &id.to_string(), "--lang", "ro"]);
    assert!(
        ro.contains("  Ce acte trebuie să înlocuiască sau să obțină persoana?\n    Pașaport"),
        "{ro}"
    );
    let json = f.json(&["note", "show", &id.to_string(), "--json"]);
    assert_eq!(
        json["note"]["body"]["form"]["answers"]["accommodation"],
        "no_fixed_place"
    );
    assert_eq!(json["form_installed"], true);
    assert_eq!(json["proposals"]["needs"][0]["category"], "accommodation");

    let hits = f.json(&["search", "stabil", "--json"]);
    assert!(
        array(&hits)
            .iter()
            .any(|h| h["record_id"] == id.to_string()),
        "{hits}"
    );
}

#[test]
fn proposals_are_recorded_only_when_confirmed() {
    let f = with_case();
    let answers = write_json(&f, "needs.json", &needs_answers());
    let id = f.new_id(&[
        "note",
        "add",
        "--case",
        "R-1",
        "--form",
        "needs_assessment",
        "--answers",
        &answers,
    ]);
    assert!(
        records_of(&f, "need").is_empty(),
        "nothing recorded without confirmation"
    );

    let err = f.fail(&["note", "accept", &id.to_string(), "--need", "legal"], 1);
    assert!(
        err.starts_with("error[unknown_value]: Unknown proposed need 'legal'"),
        "{err}"
    );
    f.ok(&["note", "accept", &id.to_string(), "--need", "accommodation"]);
    let needs = records_of(&f, "need");
    assert_eq!(needs.len(), 1);
    let need = &needs[0]["heads"][0]["body"];
    assert_eq!(
        (need["category"].as_str(), need["priority"].as_str()),
        (Some("accommodation"), Some("urgent"))
    );
    assert!(need["description"]
        .as_str()
        .unwrap()
        .contains(&id.to_string()));
    // --all-needs records the rest, not again what the case already has open.
    f.ok(&["note", "accept", &id.to_string(), "--all-needs"]);
    let categories: Vec<String> = records_of(&f, "need")
        .iter()
        .map(|n| {
            n["heads"][0]["body"]["category"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(categories, ["accommodation", "identity_documents"]);

    let err = f.fail(&["note", "accept", &id.to_string()], 2);
    assert!(err.contains("--need"), "{err}");
}

#[test]
fn a_risk_assessment_sets_the_case_risk_only_with_accept_risk() {
    let f = with_case();
    let answers = write_json(
        &f,
        "risk.json",
        &json!({
            "exploiters_know_location": "yes", "contacted_since_leaving": true,
            "threats_recent": true, "threat_to_life": false, "may_be_child": false,
            "safe_accommodation": true, "self_harm": "no", "feels_safe": 2,
            "emergency_numbers_given": true, "agreed_steps": "Call the shelter first.",
            "review_date": "01.04.2026"
        }),
    );
    let out = f.run(&[
        "note",
        "add",
        "--case",
        "R-1",
        "--form",
        "risk_assessment",
        "--answers",
        &answers,
    ]);
    let id: Uuid = succeeded(&out).trim().parse().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("Proposed risk level: high (score 9;"),
        "{stderr}"
    );
    let case = |f: &Fixture| f.json(&["case", "show", "R-1", "--json"])["case"]["body"].clone();
    assert_eq!(case(&f)["risk"], Value::Null);
    let body = head_body(&f.json(&["records", "--json"]), id);
    assert_eq!(body["form"]["answers"]["review_date"], "2026-04-01");

    let out = f.run(&[
        "note",
        "add",
        "--case",
        "R-1",
        "--form",
        "risk_assessment",
        "--answers",
        &answers,
        "--accept-risk",
    ]);
    succeeded(&out);
    assert_eq!(case(&f)["risk"], "high");
    f.ok(&["note", "accept", &id.to_string(), "--risk"]);
    assert_eq!(case(&f)["risk"], "high");
}

#[test]
fn wrong_answers_and_unknown_forms_are_refused_with_their_code() {
    let f = with_case();
    let bad = write_json(&f, "bad.json", &json!({"accommodation": "castle"}));
    let err = f.fail(
        &[
            "note",
            "add",
            "--case",
            "R-1",
            "--form",
            "needs_assessment",
            "--answers",
            &bad,
        ],
        1,
    );
    assert!(
        err.starts_with("error[invalid_answer]: The answer to question 'accommodation' is not one of the question's choices."),
        "{err}"
    );
    assert!(
        !err.contains("castle"),
        "the answer itself is never echoed: {err}"
    );
    let err = f.fail(&["note", "add", "--case", "R-1", "--form", "intake_v9"], 1);
    assert!(err.starts_with("error[unknown_form]: "), "{err}");
    let not_json = f.path("answers.json");
    fs::write(&not_json, "[1, 2]").unwrap();
    let err = f.fail(
        &[
            "note",
            "add",
            "--case",
            "R-1",
            "--form",
            "needs_assessment",
            "--answers",
            not_json.to_str().unwrap(),
        ],
        1,
    );
    assert!(
        err.contains("is not a JSON object of question ids to answers"),
        "{err}"
    );
    assert!(records_of(&f, "note").is_empty());
}

#[test]
fn a_draft_waits_for_required_answers_and_an_edit_is_a_new_version() {
    let f = with_case();
    let partial = write_json(&f, "partial.json", &json!({"contact_mode": "phone"}));
    let add = [
        "note",
        "add",
        "--case",
        "R-1",
        "--form",
        "follow_up_visit",
        "--answers",
        &partial,
    ];
    let err = f.fail(&add, 1);
    assert!(
        err.contains("is required before the note is final"),
        "{err}"
    );
    let mut draft = add.to_vec();
    draft.push("--draft");
    let id = f.new_id(&draft).to_string();
    let full = write_json(
        &f,
        "full.json",
        &json!({"contact_mode": "phone", "wellbeing": 4, "safety_change": "safer", "exploiter_contact": false}),
    );
    f.ok(&["note", "edit", &id, "--answers", &full, "--final"]);
    let history = f.json(&["history", &id, "--json"]);
    assert_eq!(array(&history).len(), 2);
    let body = &array(&history)[1]["body"];
    assert_eq!(body["draft"], false);
    assert_eq!(body["kind"], "follow_up");
    assert_eq!(body["form"]["answers"]["wellbeing"], 4);
}
