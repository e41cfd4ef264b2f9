#![allow(clippy::unwrap_used)]
//! Fields written by a newer app (unknown to this build) survive every
//! step: stored, signed, sent in bundles, taken in, edited here and sent
//! back, with every signature still verifying on both sides.

use fieldnotes_core::exchange::ExportOptions;
use fieldnotes_core::{Body, Vault};
use fieldnotes_test_support::*;
use serde_json::json;

fn send(from: &mut Vault, to: &Vault, name: &str, dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join(name);
    let opts = ExportOptions {
        to: vec![to.device_id()],
        ..Default::default()
    };
    from.export(&opts, &path, &mut no_progress()).unwrap();
    path
}

#[test]
fn a_newer_apps_fields_travel_there_and_back_without_loss() {
    let tmp = tempfile::tempdir().unwrap();
    let mut newer = named_vault(tmp.path(), "newer");
    let mut older = named_vault(tmp.path(), "older");
    trust_each_other(&mut [&mut newer, &mut older]);
    let mut body = case_with_name("RO-40", "Ana");
    let Body::Case(c) = &mut body else { panic!() };
    c.unknown
        .insert("exploitation_v9".into(), json!(["labour", "criminal"]));
    c.identity.unknown.insert("alias_v9".into(), json!("Ani"));
    let case = newer.add(body).unwrap().record_id;
    share_with_lead(&mut newer, case);
    let mut n = note(case, "first meeting");
    n.unknown_mut().insert(
        "form_v9".into(),
        json!({"id": "intake", "answers": {"q1": 3}}),
    );
    let note_id = newer.add(n).unwrap().record_id;

    let there = send(&mut newer, &older, "there.fnb", tmp.path());
    older.import(&there, &mut no_progress()).unwrap();
    older.verify_signatures().unwrap();
    let Some(Body::Case(got)) = older.current(case).unwrap().body else {
        panic!()
    };
    assert_eq!(
        got.unknown["exploitation_v9"],
        json!(["labour", "criminal"])
    );
    assert_eq!(got.identity.unknown["alias_v9"], json!("Ani"));
    let Some(mut got_note) = older.current(note_id).unwrap().body else {
        panic!()
    };
    assert_eq!(got_note.unknown_mut()["form_v9"]["answers"]["q1"], json!(3));

    // The older laptop edits the case knowing nothing of those fields: the
    // edit keeps them.
    let mut edited = case_with_name("RO-40", "Ana Pop");
    let Body::Case(e) = &mut edited else { panic!() };
    e.nationality = Some("RO".into());
    older.update(case, edited).unwrap();
    let back = send(&mut older, &newer, "back.fnb", tmp.path());
    newer.import(&back, &mut no_progress()).unwrap();
    newer.verify_signatures().unwrap();
    let Some(Body::Case(now)) = newer.current(case).unwrap().body else {
        panic!()
    };
    assert_eq!(now.identity.name.as_deref(), Some("Ana Pop"));
    assert_eq!(
        now.unknown["exploitation_v9"],
        json!(["labour", "criminal"])
    );
    assert_eq!(now.identity.unknown["alias_v9"], json!("Ani"));
}
