//! Consent that gates, through the real binary: the export names the cases
//! it left out and sends them with `--without-consent REASON`; a
//! photograph needs the photograph consent; `consent withdraw` shows what
//! rested on the consent and asks first (`--yes` with no terminal); the
//! retention period under `settings`.

use fieldnotes_test_support::*;
use uuid::Uuid;

/// Two vaults that trust each other; returns (worker, lead's device id).
fn office(f: &Fixture) -> (Bin, Uuid) {
    let worker_dir = f.path("worker");
    let lead_dir = f.path("lead");
    let mut worker = create_at(&worker_dir);
    let mut lead = create_at(&lead_dir);
    trust_each_other(&mut [&mut worker, &mut lead]);
    let lead_id = lead.device_id();
    worker.lock().expect("lock");
    lead.lock().expect("lock");
    (Bin::new(f.tmp.path(), &worker_dir, "worker"), lead_id)
}

#[test]
fn export_names_the_cases_left_out_and_sends_them_only_for_a_reason() {
    let f = Fixture::empty();
    let (w, lead) = office(&f);
    let lead = lead.to_string();
    for code in ["RO-1", "RO-2"] {
        w.new_id(&["case", "add", "--code", code]);
        w.ok(&[
            "note",
            "add",
            "--case",
            code,
            "--text",
            "Met at the shelter.",
        ]);
    }
    w.new_id(&[
        "consent",
        "add",
        "--case",
        "RO-1",
        "--scope",
        "share_with_lead",
    ]);
    let b1 = f.path("1.fnb");
    let out = w.ok(&["export", "--to", &lead, "--out", b1.to_str().unwrap()]);
    assert!(
        out.contains("Left out (no consent to share with the lead): RO-2."),
        "{out}"
    );
    assert!(out.contains("--without-consent"), "{out}");

    let b2 = f.path("2.fnb");
    let err = w.fail(&["export", "--to", &lead, "--out", b2.to_str().unwrap()], 1);
    assert!(
        err.contains("RO-2") && err.contains("share_with_lead"),
        "{err}"
    );
    assert!(!b2.exists());

    let reason = "the lead takes the case over today";
    let json = w.json(&[
        "export",
        "--to",
        &lead,
        "--out",
        b2.to_str().unwrap(),
        "--without-consent",
        reason,
        "--json",
    ]);
    assert_eq!(json["sent_without_consent"], serde_json::json!(["RO-2"]));
    assert_eq!(json["left_out"], serde_json::json!([]));
    let audit = w.ok(&["audit"]);
    assert!(audit.contains("exported_without_consent"), "{audit}");
    assert!(audit.contains(reason), "{audit}");
}

#[test]
fn a_photograph_needs_the_photograph_consent_or_a_reason() {
    let f = Fixture::with_vault();
    f.new_id(&["case", "add", "--code", "RO-3"]);
    let photo = f.path("face.jpg");
    std::fs::write(&photo, b"\xff\xd8\xff").unwrap();
    let photo = photo.to_str().unwrap();
    let err = f.fail(&["attach", "add", "--case", "RO-3", photo], 1);
    assert!(err.contains("photograph"), "{err}");
    assert!(err.contains("--scope photographs"), "{err}");
    let err = f.fail(
        &[
            "attach",
            "add",
            "--case",
            "RO-3",
            photo,
            "--without-consent",
            " ",
        ],
        1,
    );
    assert!(err.contains("reason"), "{err}");
    f.new_id(&[
        "attach",
        "add",
        "--case",
        "RO-3",
        photo,
        "--without-consent",
        "injuries documented for the police",
    ]);
    f.new_id(&["consent", "add", "--case", "RO-3", "--scope", "photographs"]);
    f.new_id(&["attach", "add", "--case", "RO-3", photo]);
    assert!(f.ok(&["audit"]).contains("photograph_without_consent"));
}

#[test]
fn withdrawing_shows_what_rested_on_the_consent_and_asks_first() {
    let f = Fixture::with_vault();
    f.new_id(&["case", "add", "--code", "RO-4"]);
    let consent = f.new_id(&[
        "consent",
        "add",
        "--case",
        "RO-4",
        "--scope",
        "referral",
        "--service",
        "clinic",
    ]);
    let need = f.new_id(&[
        "need",
        "add",
        "--case",
        "RO-4",
        "--category",
        "medical_health",
        "--status",
        "referred",
        "--target",
        "clinic",
    ]);
    let id = consent.to_string();
    // No terminal and no --yes: shown, not withdrawn.
    let out = f.run(&["consent", "withdraw", &id]);
    let err = failed(&out, 1);
    assert!(err.contains("--yes"), "{err}");
    let shown = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(shown.contains(&need.to_string()), "{shown}");
    assert!(shown.contains("clinic"), "{shown}");
    let records = f.json(&["records", "--json"]);
    assert!(head_body(&records, consent)["withdrawn_at"].is_null());

    let out = f.ok(&["consent", "withdraw", &id, "--yes"]);
    assert!(out.contains("withdrawn"), "{out}");
    let follow_up = format!("fieldnotes need set {need} --status withdrawn");
    assert!(out.contains(&follow_up), "{out}");
    f.ok(&["need", "set", &need.to_string(), "--status", "withdrawn"]);
    let records = f.json(&["records", "--json"]);
    assert_eq!(head_body(&records, need)["status"], "withdrawn");
    assert!(head_body(&records, consent)["withdrawn_at"].is_string());
    let again = f.ok(&["consent", "withdraw", &id]);
    assert!(again.contains("already withdrawn"), "{again}");
}

#[test]
fn the_retention_period_is_a_vault_setting() {
    let f = Fixture::with_vault();
    let out = f.ok(&["settings"]);
    assert!(out.contains("Retention period: none"), "{out}");
    let out = f.ok(&["settings", "retention", "24"]);
    assert!(out.contains("24 months"), "{out}");
    assert_eq!(f.json(&["settings", "--json"])["retention_months"], 24);
    for bad in ["0", "601", "soon"] {
        let err = f.fail(&["settings", "retention", bad], 1);
        assert!(err.contains("1 to 600"), "{bad}: {err}");
    }
    assert_eq!(f.json(&["settings", "--json"])["retention_months"], 24);
    f.ok(&["settings", "retention", "none"]);
    assert!(f.json(&["settings", "--json"])["retention_months"].is_null());
    assert!(f.ok(&["audit"]).contains("retention_set"));
}
