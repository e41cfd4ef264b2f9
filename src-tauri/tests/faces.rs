//! Both faces on one vault: the desktop shell's commands, called with the
//! state of a (mock-runtime) Tauri app, and the real `fieldnotes` CLI
//! binary must give the same answers. Pins issue 12's two bugs: the
//! open-needs count (the CLI once counted needs the core calls settled),
//! and the consent a referral rests on (the app once dropped it when a
//! referred need was edited to `met`).
//!
//! The CLI is the one in this target directory, brought up to date once
//! per run (`cargo build -p fieldnotes-cli`; a no-op when it is current),
//! so a stale binary never answers for today's core.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use fieldnotes_core::{
    Body, CaseBody, CaseStatus, ConsentScope, CreateOptions, Identity, NeedBody, NeedCategory,
    Priority, ReferralStatus, SecretString, Vault,
};
use fieldnotes_desktop::commands::{cases, records, vault};
use fieldnotes_desktop::dto::{CaseListQuery, NeedInput};
use fieldnotes_desktop::AppState;
use serde_json::Value;
use tauri::test::MockRuntime;
use tauri::{App, Manager};
use uuid::Uuid;

const PASS: &str = "copper lantern drifts over quiet harbour";

/// The `fieldnotes` binary of this target directory and profile, built
/// (or found current) once.
fn cli_binary() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let exe = std::env::current_exe().expect("the test's path");
        let profile = exe
            .parent()
            .and_then(Path::parent)
            .expect("target/<profile>");
        let mut build = Command::new(env!("CARGO"));
        build.args(["build", "-p", "fieldnotes-cli"]);
        if profile.ends_with("release") {
            build.arg("--release");
        }
        let status = build.status().expect("runs cargo");
        assert!(status.success(), "the CLI did not build");
        profile.join(format!("fieldnotes{}", std::env::consts::EXE_SUFFIX))
    })
}

/// Runs the CLI on `dir` with the passphrase in the environment; it must
/// succeed. Its standard output.
fn cli(dir: &Path, args: &[&str]) -> Vec<u8> {
    let out = Command::new(cli_binary())
        .arg("--vault")
        .arg(dir)
        .args(args)
        .env("FIELDNOTES_PASSPHRASE", PASS)
        .env_remove("FIELDNOTES_PASSPHRASE_FILE")
        .output()
        .expect("runs the CLI");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "fieldnotes {args:?}: {stderr}");
    out.stdout
}

/// The CLI's JSON output.
fn cli_json(dir: &Path, args: &[&str]) -> Value {
    serde_json::from_slice(&cli(dir, args)).expect("the CLI printed JSON")
}

fn need(case: Uuid, status: ReferralStatus) -> NeedBody {
    NeedBody {
        unknown: Default::default(),
        case,
        category: NeedCategory::Accommodation,
        description: format!("need {status}"),
        priority: Priority::Medium,
        status,
        referral_target: None,
        due: None,
        consent: None,
    }
}

/// A vault made by the core at a low work factor: case `FACES-1` (with an
/// identity) and its needs in `statuses`, locked again; its case id.
fn seed(dir: &Path, statuses: &[ReferralStatus]) -> Uuid {
    let options = CreateOptions {
        work_factor: 10,
        recovery: None,
    };
    let mut v = Vault::create(dir, &SecretString::from(PASS.to_owned()), options).expect("creates");
    let case = v
        .add(Body::Case(CaseBody {
            unknown: Default::default(),
            profile: Default::default(),
            code: "FACES-1".into(),
            identity: Identity {
                unknown: Default::default(),
                name: Some("Secret Name".into()),
                date_of_birth: None,
                contacts: vec!["+40 700".into()],
            },
            languages: vec!["ro".into(), "en".into()],
            nationality: None,
            risk: None,
            status: CaseStatus::Open,
            assigned_worker: None,
        }))
        .expect("adds the case")
        .record_id;
    for status in statuses {
        v.save_need(None, need(case, *status), None)
            .expect("adds a need");
    }
    v.lock().expect("locks");
    case
}

/// A mock-runtime app whose state points at `dir`, unlocked by the shell.
fn shell(dir: &Path) -> App<MockRuntime> {
    let app = tauri::test::mock_app();
    let settings = dir.with_file_name("desktop-settings.json");
    app.manage(AppState::new(dir.to_path_buf(), settings));
    vault::unlock_vault(app.state(), PASS.into()).expect("the shell unlocks");
    app
}

#[test]
fn both_faces_count_the_same_open_needs() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("vault");
    let case = seed(
        &dir,
        &[
            ReferralStatus::ProvidedByOwnOrganisation,
            ReferralStatus::AlreadyReceiving,
            ReferralStatus::Met,
            ReferralStatus::Identified,
        ],
    );
    let app = shell(&dir);
    let listed = cases::list_cases(app.state(), first_page())
        .expect("lists")
        .rows;
    let page = cases::get_case(app.state(), case).expect("shows");
    vault::lock_vault(app.state()).expect("locks");

    let rows = cli_json(&dir, &["case", "list", "--json"]);
    let row = rows
        .as_array()
        .and_then(|r| r.iter().find(|r| r["id"] == case.to_string()))
        .expect("the CLI lists the case");
    assert_eq!(listed.len(), 1);
    assert_eq!(row["open_needs"], listed[0].open_needs);
    assert_eq!(page.summary.open_needs, listed[0].open_needs);
    // Only `identified` still asks for action.
    assert_eq!(listed[0].open_needs, 1);
}

/// The consent each need of `FACES-1` rests on, read back by the CLI.
fn consents_by_cli(dir: &Path) -> Vec<(String, Value, Value)> {
    let records = cli_json(dir, &["records", "--json"]);
    let mut needs = Vec::new();
    for r in records.as_array().expect("a list") {
        let body = &r["heads"][0]["body"];
        if r["kind"] == "need" {
            needs.push((
                r["record_id"].as_str().unwrap_or_default().to_owned(),
                body["status"].clone(),
                body["consent"].clone(),
            ));
        }
    }
    needs
}

#[test]
fn a_referred_need_edited_to_met_keeps_its_consent_in_both_faces() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("vault");
    let case = seed(&dir, &[]);
    let mut v = Vault::unlock(&dir, &SecretString::from(PASS.to_owned())).expect("unlocks");
    let consent = v
        .add_consent(case, ConsentScope::Referral, None, None)
        .expect("consent")
        .record_id;
    let by_cli = v
        .save_need(None, need(case, ReferralStatus::Referred), None)
        .expect("a referral")
        .record_id;
    v.lock().expect("locks");

    let app = shell(&dir);
    let input = |status| NeedInput {
        case_id: case,
        category: NeedCategory::Legal,
        description: "Lawyer for the hearing".into(),
        priority: Priority::High,
        status,
        referral_target: Some("Legal aid clinic".into()),
        due: None,
    };
    let by_app = records::save_need(app.state(), None, input(ReferralStatus::Referred))
        .expect("the app refers");
    records::save_need(app.state(), Some(by_app), input(ReferralStatus::Met)).expect("met");
    let page = cases::get_case(app.state(), case).expect("shows");
    vault::lock_vault(app.state()).expect("locks");
    cli(
        &dir,
        &["need", "set", &by_cli.to_string(), "--status", "met"],
    );

    let shown = page.needs.iter().find(|n| n.id == by_app).expect("listed");
    assert_eq!(
        (shown.status, shown.consent),
        (ReferralStatus::Met, Some(consent))
    );
    let mut needs = consents_by_cli(&dir);
    needs.sort_by(|a, b| a.0.cmp(&b.0));
    let mut expected = vec![
        (by_app.to_string(), "met".into(), consent.to_string().into()),
        (by_cli.to_string(), "met".into(), consent.to_string().into()),
    ];
    expected.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(needs, expected);
}

#[test]
fn the_shells_history_never_shows_the_identity() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("vault");
    let case = seed(&dir, &[]);
    let app = shell(&dir);
    let history = records::record_history(app.state(), case).expect("history");
    let text = serde_json::to_string(&history).expect("serialises");
    assert!(
        !text.contains("Secret Name") && !text.contains("+40"),
        "{text}"
    );
    let fields = &history.versions[0].fields;
    assert!(fields
        .iter()
        .any(|f| f.name == "languages" && f.value == "ro, en"));
    assert!(fields
        .iter()
        .any(|f| f.name == "identity" && f.value == "#1"));
}

/// The case list's first page, by code.
fn first_page() -> CaseListQuery {
    CaseListQuery {
        limit: 100,
        ..CaseListQuery::default()
    }
}
