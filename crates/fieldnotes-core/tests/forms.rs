#![allow(clippy::unwrap_used)]
//! Interview forms: the shipped forms are sound, an organisation's forms
//! are read from the vault folder (a bad one listed, never hiding the
//! others), a note's answers are checked when written, travel in bundles to
//! laptops without the form, are found by search, and propose needs and a
//! risk level that the worker confirms.

use std::path::Path;

use fieldnotes_core::exchange::ExportOptions;
use fieldnotes_core::forms::{
    describe_answers, parse_form, shipped, Answer, Answers, Catalog, FormProblem, FormSource,
    NoteForm, SHIPPED_LANGUAGES,
};
use fieldnotes_core::{
    Body, ErrorCode, Kind, NeedCategory, NoteBody, NoteKind, Priority, ReferralStatus, RiskLevel,
    Vault,
};
use fieldnotes_test_support::*;
use proptest::prelude::*;
use serde_json::{json, Value};
use uuid::Uuid;

const SHIPPED_IDS: &[&str] = &[
    "intake",
    "risk_assessment",
    "needs_assessment",
    "follow_up_visit",
    "court_accompaniment",
];

fn answers(v: Value) -> Answers {
    serde_json::from_value(v).unwrap()
}

/// A note on `case` following form `id` at `version`, asked in `lang`.
fn form_note(case: Uuid, id: &str, version: u32, lang: &str, a: Value) -> Body {
    Body::Note(NoteBody {
        unknown: Default::default(),
        case,
        kind: NoteKind::Note,
        when: Some("2026-03-02".into()),
        place: None,
        present: vec![],
        interpreter: None,
        narrative: String::new(),
        tags: vec![],
        draft: false,
        form: Some(NoteForm {
            id: id.into(),
            form_version: version,
            lang: lang.into(),
            answers: answers(a),
            unknown: Default::default(),
        }),
    })
}

fn note_of(vault: &Vault, id: Uuid) -> NoteBody {
    match vault.current(id).unwrap().body {
        Some(Body::Note(n)) => n,
        other => panic!("{other:?}"),
    }
}

/// An organisation's form, English and Romanian, with one choice question.
fn org_form(id: &str, version: u32) -> String {
    json!({
        "format": "fieldnotes-form", "version": 1, "id": id, "form_version": version,
        "title": {"en": "Garden project", "ro": "Proiectul grădina"},
        "sections": [{"id": "s", "title": {"en": "Activity", "ro": "Activitate"}, "questions": [
            {"id": "activity", "kind": "single_choice", "required": true,
             "label": {"en": "Chosen activity", "ro": "Activitatea aleasă"},
             "choices": [{"id": "gardening", "label": {"en": "Gardening", "ro": "Grădinărit"}},
                         {"id": "sewing", "label": {"en": "Sewing", "ro": "Croitorie"}}]},
            {"id": "comment", "kind": "text", "label": {"en": "Comment", "ro": "Comentariu"}}
        ]}]
    })
    .to_string()
}

fn put_form(vault_dir: &Path, file: &str, text: &str) {
    let dir = vault_dir.join("forms");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(file), text).unwrap();
}

fn send(from: &mut Vault, to: &Vault, dir: &Path, name: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    let opts = ExportOptions {
        to: vec![to.device_id()],
        ..Default::default()
    };
    from.export(&opts, &path, &mut no_progress()).unwrap();
    path
}

// ---------------------------------------------------------------------------
// The shipped forms

#[test]
fn every_shipped_form_is_valid_in_english_and_romanian() {
    let entries = shipped();
    let ids: Vec<&str> = entries
        .iter()
        .map(|e| {
            assert!(e.error.is_none(), "{}: {:?}", e.file, e.error);
            assert_eq!(e.source, FormSource::Shipped);
            e.form.as_ref().unwrap().id.as_str()
        })
        .collect();
    assert_eq!(ids, SHIPPED_IDS);
    for e in entries {
        let form = e.form.as_ref().unwrap();
        assert_eq!(form.languages, SHIPPED_LANGUAGES, "{}", form.id);
        // Parsing checks each label in every shipped language; read the
        // file again to be sure nothing else slipped in.
        let text = std::fs::read_to_string(Path::new("../..").join(&e.file)).unwrap();
        assert_eq!(
            &parse_form(&e.file, &text, SHIPPED_LANGUAGES).unwrap(),
            form
        );
        // Romanian is written with comma-below ș and ț, never the cedilla.
        for bad in ['ş', 'ţ', 'Ş', 'Ţ'] {
            assert!(!text.contains(bad), "{} has {bad}", e.file);
        }
        let mut ids: Vec<&str> = form.questions().map(|q| q.id.as_str()).collect();
        let n = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), n, "{}", form.id);
        assert!(n >= 10, "{} asks only {n} questions", form.id);
    }
}

#[test]
fn the_shipped_forms_carry_what_each_is_for() {
    let catalog = Catalog::shipped_only();
    let intake = catalog.get("intake").unwrap();
    assert_eq!(intake.note_kind, NoteKind::Intake);
    for q in ["consent_to_record", "interpreter_used", "interpreter_mode"] {
        assert!(intake.question(q).is_some(), "intake lacks {q}");
    }
    assert!(intake.question("consent_to_record").unwrap().required);
    let risk = catalog.get("risk_assessment").unwrap();
    assert!(risk.risk_scoring.is_some());
    let needs = catalog.get("needs_assessment").unwrap();
    let implied: std::collections::BTreeSet<NeedCategory> = needs
        .questions()
        .flat_map(|q| {
            let mut effects = vec![&q.on_yes, &q.on_no];
            effects.extend(q.choices.iter().map(|c| &c.effect));
            effects.into_iter().filter_map(|e| e.implies_need)
        })
        .collect();
    assert!(implied.len() >= 10, "{implied:?}");
    assert_eq!(
        catalog.get("court_accompaniment").unwrap().note_kind,
        NoteKind::CourtAccompaniment
    );
    assert_eq!(
        catalog.get("follow_up_visit").unwrap().note_kind,
        NoteKind::FollowUp
    );
}

// ---------------------------------------------------------------------------
// An organisation's forms

#[test]
fn a_bad_vault_form_is_listed_with_its_reason_and_hides_nothing() {
    let (_tmp, dir, vault) = new_vault();
    put_form(&dir, "garden.json", &org_form("org-garden", 1));
    put_form(
        &dir,
        "broken.json",
        "{\"format\": \"fieldnotes-form\", \"version\": 1,",
    );
    put_form(&dir, "intake.json", &org_form("intake", 9));
    put_form(&dir, "garden-copy.json", &org_form("org-garden", 1));
    put_form(&dir, "notes.txt", "not a form, not read");
    let catalog = vault.forms();
    let vault_entries: Vec<_> = catalog
        .entries()
        .iter()
        .filter(|e| e.source == FormSource::Vault)
        .collect();
    let files: Vec<&str> = vault_entries.iter().map(|e| e.file.as_str()).collect();
    assert_eq!(
        files,
        [
            "forms/broken.json",
            "forms/garden-copy.json",
            "forms/garden.json",
            "forms/intake.json"
        ]
    );
    let problem = |i: usize| vault_entries[i].error.as_ref().map(|e| e.problem.clone());
    assert!(matches!(problem(0), Some(FormProblem::Syntax { .. })));
    assert_eq!(problem(1), None, "the first file by name is the valid one");
    assert_eq!(
        problem(2),
        Some(FormProblem::DuplicateForm {
            id: "org-garden".into(),
            form_version: 1,
            other: "forms/garden-copy.json".into()
        })
    );
    assert_eq!(
        problem(3),
        Some(FormProblem::ShippedId {
            id: "intake".into()
        })
    );
    // The shipped intake is untouched, and every good form is there.
    assert_eq!(catalog.get("intake").unwrap().form_version, 1);
    assert_eq!(catalog.forms().count(), SHIPPED_IDS.len() + 1);
    let message = vault_entries[0].error.as_ref().unwrap().to_string();
    assert!(
        message.starts_with("The form file forms/broken.json is not valid:"),
        "{message}"
    );
}

#[test]
fn the_newest_version_of_a_vault_form_is_the_one_offered() {
    let (_tmp, dir, vault) = new_vault();
    put_form(&dir, "garden-1.json", &org_form("org-garden", 1));
    put_form(&dir, "garden-2.json", &org_form("org-garden", 2));
    let catalog = vault.forms();
    assert_eq!(catalog.get("org-garden").unwrap().form_version, 2);
    assert_eq!(
        catalog.get_version("org-garden", 1).unwrap().form_version,
        1
    );
    let err = catalog.require("org-garden", Some(3)).unwrap_err();
    assert_eq!(err.code(), ErrorCode::UnknownForm);
}

// ---------------------------------------------------------------------------
// Answers, checked when written

#[test]
fn answers_are_checked_against_the_form_when_written() {
    let (_tmp, _dir, mut vault) = new_vault();
    let case = vault.add(case("R-1")).unwrap().record_id;
    let bad = form_note(
        case,
        "needs_assessment",
        1,
        "ro",
        json!({"accommodation": "castle"}),
    );
    let err = vault.add(bad).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidAnswer);
    assert!(err.to_string().contains("'accommodation'"), "{err}");

    let unknown = form_note(case, "no-such-form", 1, "en", json!({}));
    assert_eq!(
        vault.add(unknown).unwrap_err().code(),
        ErrorCode::UnknownForm
    );
    let newer = form_note(case, "intake", 7, "en", json!({}));
    assert_eq!(vault.add(newer).unwrap_err().code(), ErrorCode::UnknownForm);

    let klingon = form_note(case, "needs_assessment", 1, "tlh", json!({}));
    assert_eq!(
        vault.add(klingon).unwrap_err().code(),
        ErrorCode::UnknownValue
    );

    // Required questions wait until the note is final.
    let partial = json!({"accommodation": "safe_house"});
    let mut draft = form_note(case, "needs_assessment", 1, "ro", partial.clone());
    let Body::Note(n) = &mut draft else { panic!() };
    n.draft = true;
    let draft_id = vault.add(draft).unwrap().record_id;
    let err = vault
        .modify(draft_id, |b| {
            let Body::Note(n) = b else { panic!() };
            n.draft = false;
            Ok(())
        })
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidAnswer);
    assert!(err.to_string().contains("required"), "{err}");
    let final_note = form_note(case, "needs_assessment", 1, "ro", partial);
    assert_eq!(
        vault.add(final_note).unwrap_err().code(),
        ErrorCode::InvalidAnswer
    );
}

#[test]
fn a_form_note_needs_no_narrative_and_an_edit_is_a_new_version() {
    let (_tmp, _dir, mut vault) = new_vault();
    let case = vault.add(case("R-1")).unwrap().record_id;
    let id = vault
        .add(form_note(
            case,
            "follow_up_visit",
            1,
            "en",
            follow_up_answers(),
        ))
        .unwrap()
        .record_id;
    vault
        .modify(id, |b| {
            let Body::Note(n) = b else { panic!() };
            let f = n.form.as_mut().unwrap();
            f.answers
                .insert("wellbeing".into(), Answer::Number(4.into()));
            Ok(())
        })
        .unwrap();
    assert_eq!(vault.history(id).unwrap().len(), 2);
    let got = note_of(&vault, id).form.unwrap();
    assert_eq!(got.answers["wellbeing"], Answer::Number(4.into()));

    // A face that cannot show forms (it sends no form) keeps the answers.
    let mut plain = note(case, "Seen at the shelter.");
    let Body::Note(p) = &mut plain else { panic!() };
    p.kind = NoteKind::FollowUp;
    vault.update(id, plain).unwrap();
    let now = note_of(&vault, id);
    assert_eq!(now.narrative, "Seen at the shelter.");
    assert_eq!(now.form.unwrap(), got);
}

fn follow_up_answers() -> Value {
    json!({
        "contact_mode": "phone", "wellbeing": 2, "safety_change": "no_change",
        "exploiter_contact": false, "changes": "Started English classes in Leeds."
    })
}

#[test]
fn a_note_without_a_form_encodes_as_before() {
    let body = note(Uuid::nil(), "plain");
    let json = serde_json::to_value(&body).unwrap();
    assert!(json.get("form").is_none(), "{json}");
}

// ---------------------------------------------------------------------------
// Bundles

#[test]
fn a_form_note_travels_to_a_laptop_without_the_form_and_back() {
    let tmp = tempfile::tempdir().unwrap();
    let mut worker = named_vault(tmp.path(), "worker");
    let mut lead = named_vault(tmp.path(), "lead");
    trust_each_other(&mut [&mut worker, &mut lead]);
    put_form(
        &tmp.path().join("worker"),
        "garden.json",
        &org_form("org-garden", 1),
    );
    let case = worker.add(case("RO-7")).unwrap().record_id;
    share_with_lead(&mut worker, case);
    let a = json!({"activity": "gardening", "comment": "Likes the greenhouse."});
    let org_note = worker
        .add(form_note(case, "org-garden", 1, "ro", a.clone()))
        .unwrap()
        .record_id;
    let shipped_note = worker
        .add(form_note(
            case,
            "follow_up_visit",
            1,
            "en",
            follow_up_answers(),
        ))
        .unwrap()
        .record_id;

    let there = send(&mut worker, &lead, tmp.path(), "there.fnb");
    lead.import(&there, &mut no_progress()).unwrap();
    lead.verify_signatures().unwrap();
    assert!(lead.forms().get("org-garden").is_none());
    let got = note_of(&lead, org_note).form.unwrap();
    assert_eq!(got.answers, answers(a));
    // Without the form: raw question ids and values, no proposals.
    let lines = describe_answers(None, &got, "en");
    let raw: Vec<(&str, Option<&String>)> = lines
        .iter()
        .map(|l| (l.question.as_str(), l.label.as_ref()))
        .collect();
    assert_eq!(raw, [("activity", None), ("comment", None)]);
    assert!(!lead.note_proposals(org_note).unwrap().form_available);
    assert!(note_of(&lead, shipped_note).form.is_some());

    // The lead edits the note without having its form; it goes back whole.
    lead.modify(org_note, |b| {
        let Body::Note(n) = b else { panic!() };
        n.tags.push("reviewed".into());
        Ok(())
    })
    .unwrap();
    let back = send(&mut lead, &worker, tmp.path(), "back.fnb");
    worker.import(&back, &mut no_progress()).unwrap();
    worker.verify_signatures().unwrap();
    let mine = note_of(&worker, org_note);
    assert_eq!(mine.tags, ["reviewed"]);
    assert_eq!(mine.form.unwrap(), got);
    let labelled = describe_answers(worker.forms().get("org-garden"), &got, "ro");
    assert_eq!(labelled[0].label.as_deref(), Some("Activitatea aleasă"));
    assert_eq!(labelled[0].choices, ["Grădinărit"]);
}

// ---------------------------------------------------------------------------
// Search

#[test]
fn search_finds_answers_and_chosen_labels_in_every_language() {
    let (_tmp, dir, mut vault) = new_vault();
    put_form(&dir, "garden.json", &org_form("org-garden", 1));
    let case = vault.add(case("R-9")).unwrap().record_id;
    let intake = vault
        .add(form_note(
            case,
            "intake",
            1,
            "en",
            json!({
                "purpose_explained": true, "consent_to_record": true,
                "can_stop_explained": true, "preferred_language": "Romanian",
                "interpreter_used": false, "feels_safe_now": "unsure",
                "medical_help_today": false, "safe_place_tonight": true,
                "documents": "held_by_others", "referral_explained": true,
                "referral_consent": "wants_time", "journey": "Recruited through a cousin in Iasi"
            }),
        ))
        .unwrap()
        .record_id;
    let garden = vault
        .add(form_note(
            case,
            "org-garden",
            1,
            "en",
            json!({"activity": "sewing"}),
        ))
        .unwrap()
        .record_id;
    let found = |q: &str| -> Vec<Uuid> {
        vault
            .search(q, 10)
            .unwrap()
            .iter()
            .map(|h| h.record_id)
            .collect()
    };
    // The Romanian label of a choice answered in English, and the English one.
    assert_eq!(found("altcineva"), [intake]);
    assert_eq!(found("someone else holds"), [intake]);
    assert_eq!(found("cousin"), [intake]);
    assert_eq!(found("croitorie"), [garden]);
    assert!(
        found("gardening").is_empty(),
        "a choice not chosen is not indexed"
    );
}

// ---------------------------------------------------------------------------
// Proposals

fn needs_answers() -> Value {
    json!({
        "accommodation": "no_fixed_place", "feels_safe_from_exploiters": true,
        "money_for_daily_needs": "none", "knows_rights": false,
        "documents_needed": ["passport", "identity_card"], "legal_advice": ["unpaid_wages"],
        "debts": true, "plans": "undecided"
    })
}

#[test]
fn a_needs_assessment_proposes_needs_and_the_worker_confirms_some() {
    let (_tmp, _dir, mut vault) = new_vault();
    let case = vault.add(case("R-2")).unwrap().record_id;
    vault
        .add(need(case, ReferralStatus::Identified, None))
        .unwrap();
    let note = vault
        .add(form_note(
            case,
            "needs_assessment",
            1,
            "ro",
            needs_answers(),
        ))
        .unwrap()
        .record_id;
    let p = vault.note_proposals(note).unwrap();
    let got: Vec<(NeedCategory, Priority, usize)> = p
        .needs
        .iter()
        .map(|n| (n.category, n.priority, n.reasons.len()))
        .collect();
    assert_eq!(
        got,
        [
            (NeedCategory::Accommodation, Priority::Urgent, 1),
            (NeedCategory::MaterialFinancial, Priority::High, 2),
            (NeedCategory::IdentityDocuments, Priority::Medium, 2),
            (NeedCategory::Compensation, Priority::Medium, 1),
            (NeedCategory::InterpretationInformation, Priority::High, 1),
        ]
    );
    assert!(p.needs.iter().all(|n| n.open_need.is_none()));
    assert!(p.risk.is_none());
    let records_before = vault.records().unwrap().len();

    let made = vault
        .accept_needs(
            note,
            &[NeedCategory::Accommodation, NeedCategory::IdentityDocuments],
            "ro",
        )
        .unwrap();
    assert_eq!(made.len(), 2);
    assert_eq!(vault.records().unwrap().len(), records_before + 2);
    let Some(Body::Need(n)) = &made[0].body else {
        panic!()
    };
    assert_eq!(
        (n.case, n.priority, n.status),
        (case, Priority::Urgent, ReferralStatus::Identified)
    );
    assert!(
        n.description.contains(&note.to_string()),
        "{}",
        n.description
    );
    assert!(
        n.description.contains("Fără un loc stabil"),
        "{}",
        n.description
    );
    // Now proposed again, each points at the need it became.
    let again = vault.note_proposals(note).unwrap();
    assert_eq!(again.needs[0].open_need, Some(made[0].record_id));

    let err = vault
        .accept_needs(note, &[NeedCategory::ChildFamily], "en")
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::UnknownValue);
    assert_eq!(vault.records().unwrap().len(), records_before + 2);
}

#[test]
fn a_risk_assessment_proposes_a_level_the_worker_confirms() {
    let (_tmp, _dir, mut vault) = new_vault();
    let case = vault.add(case("R-3")).unwrap().record_id;
    let a = json!({
        "exploiters_know_location": "unsure", "contacted_since_leaving": true,
        "threats_recent": false, "threat_to_life": false, "may_be_child": false,
        "safe_accommodation": true, "self_harm": "no", "feels_safe": 3,
        "emergency_numbers_given": true, "agreed_steps": "Call the shelter first.",
        "review_date": "2026-04-01"
    });
    let note = vault
        .add(form_note(case, "risk_assessment", 1, "en", a))
        .unwrap()
        .record_id;
    let risk = vault.note_proposals(note).unwrap().risk.unwrap();
    assert_eq!(
        (risk.level, risk.score, risk.current),
        (RiskLevel::Medium, 5, None)
    );
    let reasons: Vec<(&str, &str, u32)> = risk
        .reasons
        .iter()
        .map(|r| (r.question.as_str(), r.answer.as_str(), r.score))
        .collect();
    assert_eq!(
        reasons,
        [
            ("exploiters_know_location", "unsure", 2),
            ("contacted_since_leaving", "yes", 3)
        ]
    );
    assert!(vault.note_proposals(note).unwrap().needs.is_empty());
    let versions = vault.history(case).unwrap().len();
    let v = vault.accept_risk(note).unwrap();
    assert_eq!(v.kind, Kind::Case);
    assert_eq!(vault.history(case).unwrap().len(), versions + 1);
    let Some(Body::Case(c)) = vault.current(case).unwrap().body else {
        panic!()
    };
    assert_eq!(c.risk, Some(RiskLevel::Medium));
    assert_eq!(
        vault.note_proposals(note).unwrap().risk.unwrap().current,
        Some(RiskLevel::Medium)
    );
    // Confirming again changes nothing.
    vault.accept_risk(note).unwrap();
    assert_eq!(vault.history(case).unwrap().len(), versions + 1);

    let plain = vault
        .add(fieldnotes_test_support::note(case, "no form"))
        .unwrap()
        .record_id;
    assert_eq!(
        vault.accept_risk(plain).unwrap_err().code(),
        ErrorCode::NothingProposed
    );
}

// ---------------------------------------------------------------------------
// Any input

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| json!(f)),
        "[a-z_ șț]{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,10}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Every (path, value) place in a JSON value, as JSON pointers.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match v {
        Value::Object(m) => m
            .iter()
            .for_each(|(k, x)| pointers(x, format!("{at}/{k}"), out)),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, x)| pointers(x, format!("{at}/{i}"), out)),
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn parsing_any_json_as_a_form_never_panics(v in any_json()) {
        let _ = parse_form("f.json", &v.to_string(), &["en"]);
    }

    #[test]
    fn a_shipped_form_with_any_part_replaced_never_panics(
        which in 0..SHIPPED_IDS.len(),
        pick in any::<prop::sample::Index>(),
        replacement in any_json(),
    ) {
        let file = &shipped()[which].file;
        let text = std::fs::read_to_string(Path::new("../..").join(file)).unwrap();
        let mut v: Value = serde_json::from_str(&text).unwrap();
        let mut places = Vec::new();
        pointers(&v, String::new(), &mut places);
        let at = pick.get(&places).clone();
        match v.pointer_mut(&at) {
            Some(slot) => *slot = replacement,
            None => v = replacement,
        }
        if let Ok(form) = parse_form(file, &v.to_string(), &["en"]) {
            // Whatever parses is a form answers can be checked against.
            let _ = fieldnotes_core::forms::check_answers(&form, &Answers::new(), false);
        }
    }
}
