#![allow(clippy::unwrap_used)]
//! Consent that gates: an export leaves out the cases without the
//! survivor's consent to share with the lead (unless overridden, audited),
//! a photograph needs the photograph consent, a withdrawal shows what
//! rested on the consent, and the retention period lists closed cases kept
//! past it.

use chrono::{Duration, NaiveDate};
use fieldnotes_core::exchange::{ExportInfo, ExportOptions};
use fieldnotes_core::{
    Body, CaseBody, CaseStatus, ConsentScope, ErrorCode, Kind, NoteKind, ReferralStatus, Vault,
};
use fieldnotes_test_support::*;
use uuid::Uuid;

fn send(from: &mut Vault, to: &Vault, out: &std::path::Path, reason: Option<&str>) -> ExportInfo {
    let opts = ExportOptions {
        to: vec![to.device_id()],
        override_consent: reason.map(str::to_owned),
        ..Default::default()
    };
    from.export(&opts, out, &mut no_progress()).unwrap()
}

fn codes(v: &Vault) -> Vec<String> {
    v.case_list(None)
        .unwrap()
        .into_iter()
        .map(|c| c.code)
        .collect()
}

fn events(v: &Vault, event: &str) -> Vec<String> {
    v.audit_log()
        .unwrap()
        .into_iter()
        .filter(|e| e.event == event)
        .map(|e| e.subject)
        .collect()
}

#[test]
fn a_case_without_consent_to_share_stays_home_until_the_consent_is_given() {
    let tmp = tempfile::tempdir().unwrap();
    let mut worker = named_vault(tmp.path(), "worker");
    let mut lead = named_vault(tmp.path(), "lead");
    trust_each_other(&mut [&mut worker, &mut lead]);
    let shared = add_named_case(&mut worker, "RO-1", "Ana");
    share_with_lead(&mut worker, shared);
    worker.add(note(shared, "may travel")).unwrap();
    let kept = add_named_case(&mut worker, "RO-2", "Maria");
    let kept_note = worker.add(note(kept, "stays here")).unwrap().record_id;

    let info = send(&mut worker, &lead, &tmp.path().join("1.fnb"), None);
    assert_eq!(info.left_out, ["RO-2"]);
    assert!(info.sent_without_consent.is_empty());
    lead.import(&tmp.path().join("1.fnb"), &mut no_progress())
        .unwrap();
    assert_eq!(codes(&lead), ["RO-1"]);
    assert!(!lead
        .has_version(worker.heads(kept_note).unwrap()[0].version_id)
        .unwrap());

    // Nothing new but the case still held back: the export says why.
    let err = worker
        .export(
            &ExportOptions {
                to: vec![lead.device_id()],
                ..Default::default()
            },
            &tmp.path().join("2.fnb"),
            &mut no_progress(),
        )
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::ShareConsentMissing);
    assert!(err.to_string().contains("RO-2"), "{err}");

    // The survivor consents: the next bundle carries the whole case,
    // although the export mark has moved past its first versions.
    share_with_lead(&mut worker, kept);
    let info = send(&mut worker, &lead, &tmp.path().join("3.fnb"), None);
    assert!(info.left_out.is_empty());
    let got = lead
        .import(&tmp.path().join("3.fnb"), &mut no_progress())
        .unwrap();
    assert_eq!(got.new_records, 3, "the case, its note and the consent");
    assert_eq!(codes(&lead), ["RO-1", "RO-2"]);
    assert_eq!(lead.records().unwrap(), worker.records().unwrap());
}

#[test]
fn after_a_withdrawal_nothing_more_of_the_case_travels() {
    let tmp = tempfile::tempdir().unwrap();
    let mut worker = named_vault(tmp.path(), "worker");
    let mut lead = named_vault(tmp.path(), "lead");
    trust_each_other(&mut [&mut worker, &mut lead]);
    let case = add_named_case(&mut worker, "RO-3", "Ana");
    let consent = share_with_lead(&mut worker, case);
    let n = worker.add(note(case, "first")).unwrap().record_id;
    send(&mut worker, &lead, &tmp.path().join("1.fnb"), None);
    lead.import(&tmp.path().join("1.fnb"), &mut no_progress())
        .unwrap();

    worker.withdraw_consent(consent).unwrap();
    worker
        .update(n, note(case, "after the withdrawal"))
        .unwrap();
    let other = add_named_case(&mut worker, "RO-4", "Eva");
    share_with_lead(&mut worker, other);
    let info = send(&mut worker, &lead, &tmp.path().join("2.fnb"), None);
    assert_eq!(info.left_out, ["RO-3"]);
    lead.import(&tmp.path().join("2.fnb"), &mut no_progress())
        .unwrap();
    let Some(Body::Note(kept)) = lead.current(n).unwrap().body else {
        panic!("not a note")
    };
    assert_eq!(kept.narrative, "first");
}

#[test]
fn the_gate_is_overridden_only_with_a_reason_which_is_audited() {
    let tmp = tempfile::tempdir().unwrap();
    let mut worker = named_vault(tmp.path(), "worker");
    let mut lead = named_vault(tmp.path(), "lead");
    trust_each_other(&mut [&mut worker, &mut lead]);
    let case = add_named_case(&mut worker, "RO-5", "Secret Name");
    worker.add(note(case, "urgent")).unwrap();

    let opts = ExportOptions {
        to: vec![lead.device_id()],
        override_consent: Some("  ".into()),
        ..Default::default()
    };
    let err = worker
        .export(&opts, &tmp.path().join("0.fnb"), &mut no_progress())
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Empty);

    let reason = "court hearing tomorrow; the lead must see it";
    let info = send(&mut worker, &lead, &tmp.path().join("1.fnb"), Some(reason));
    assert!(info.left_out.is_empty());
    assert_eq!(info.sent_without_consent, ["RO-5"]);
    let audited = events(&worker, "exported_without_consent");
    assert_eq!(audited.len(), 1);
    assert!(audited[0].contains("RO-5") && audited[0].contains(reason));
    assert!(audited[0].contains(&info.bundle_id.to_string()));
    assert!(!audited[0].contains("Secret Name"));
    lead.import(&tmp.path().join("1.fnb"), &mut no_progress())
        .unwrap();
    assert_eq!(codes(&lead), ["RO-5"]);

    // A case with consent under an override: nothing to audit.
    share_with_lead(&mut worker, case);
    let info = send(&mut worker, &lead, &tmp.path().join("2.fnb"), Some(reason));
    assert!(info.sent_without_consent.is_empty());
    assert_eq!(events(&worker, "exported_without_consent").len(), 1);
}

#[test]
fn chosen_cases_and_everything_are_gated_too() {
    let tmp = tempfile::tempdir().unwrap();
    let mut worker = named_vault(tmp.path(), "worker");
    let mut lead = named_vault(tmp.path(), "lead");
    trust_each_other(&mut [&mut worker, &mut lead]);
    let a = add_named_case(&mut worker, "A-1", "Ana");
    share_with_lead(&mut worker, a);
    let b = add_named_case(&mut worker, "B-1", "Eva");
    for (i, opts) in [
        ExportOptions {
            cases: vec![a, b],
            ..Default::default()
        },
        ExportOptions {
            all: true,
            ..Default::default()
        },
    ]
    .into_iter()
    .enumerate()
    {
        let opts = ExportOptions {
            to: vec![lead.device_id()],
            ..opts
        };
        let out = tmp.path().join(format!("{i}.fnb"));
        let info = worker.export(&opts, &out, &mut no_progress()).unwrap();
        assert_eq!(info.left_out, ["B-1"]);
        assert_eq!(info.versions, 2, "the case A-1 and its consent");
    }
}

#[test]
fn a_photograph_needs_the_photograph_consent_or_an_audited_reason() {
    let (_tmp, _dir, mut v) = new_vault();
    let case = add_named_case(&mut v, "RO-6", "Ana");
    let jpeg = b"\xff\xd8\xff not really a jpeg".to_vec();
    for (name, media) in [
        ("face.jpg", Some("image/jpeg")),
        ("face.png", None),
        ("scan", Some("IMAGE/PNG")),
    ] {
        let err = v
            .attach(case, name, media.map(str::to_owned), &mut jpeg.as_slice())
            .unwrap_err();
        assert_eq!(err.code(), ErrorCode::PhotographConsentMissing, "{name}");
    }
    // Not a photograph: no consent needed.
    v.attach(case, "letter.pdf", None, &mut b"%PDF".as_slice())
        .unwrap();
    let err = v
        .attach_with_reason(case, "face.jpg", None, &mut jpeg.as_slice(), Some(" "))
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Empty);
    let reason = "evidence of injuries for the police";
    let att = v
        .attach_with_reason(case, "face.jpg", None, &mut jpeg.as_slice(), Some(reason))
        .unwrap();
    let audited = events(&v, "photograph_without_consent");
    assert_eq!(audited.len(), 1);
    assert!(audited[0].contains(&att.record_id.to_string()) && audited[0].contains(reason));
    assert!(audited[0].contains("RO-6"));

    let consent = allow_photographs(&mut v, case);
    v.attach(case, "face2.jpg", None, &mut jpeg.as_slice())
        .unwrap();
    v.withdraw_consent(consent).unwrap();
    let err = v
        .attach(case, "face3.jpg", None, &mut jpeg.as_slice())
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::PhotographConsentMissing);
    assert_eq!(events(&v, "photograph_without_consent").len(), 1);
}

#[test]
fn a_withdrawal_shows_the_referrals_bundles_and_photographs_that_rested_on_it() {
    let tmp = tempfile::tempdir().unwrap();
    let mut worker = named_vault(tmp.path(), "worker");
    let mut lead = named_vault(tmp.path(), "lead");
    trust_each_other(&mut [&mut worker, &mut lead]);
    let case = add_named_case(&mut worker, "RO-7", "Ana");
    let referral = worker
        .add_consent(case, ConsentScope::Referral, Some("clinic".into()), None)
        .unwrap()
        .record_id;
    let need = worker
        .save_need(
            None,
            match need(case, ReferralStatus::Referred, None) {
                Body::Need(n) => n,
                _ => unreachable!(),
            },
            None,
        )
        .unwrap()
        .record_id;
    let share = share_with_lead(&mut worker, case);
    let photos = allow_photographs(&mut worker, case);
    let photo = worker
        .attach(case, "face.jpg", None, &mut b"jpeg".as_slice())
        .unwrap()
        .record_id;
    worker
        .attach(case, "letter.pdf", None, &mut b"pdf".as_slice())
        .unwrap();
    let info = send(&mut worker, &lead, &tmp.path().join("1.fnb"), None);

    let d = worker.consent_dependents(referral).unwrap();
    assert_eq!(
        (d.case_code.as_str(), d.scope),
        ("RO-7", ConsentScope::Referral)
    );
    assert_eq!(d.referrals.len(), 1);
    assert_eq!(d.referrals[0].need_id, need);
    assert_eq!(d.referrals[0].referral_target.as_deref(), Some("clinic"));
    assert!(d.photographs.is_empty());

    let d = worker.consent_dependents(share).unwrap();
    assert!(d.referrals.is_empty());
    assert_eq!(d.bundles.len(), 1);
    assert_eq!(d.bundles[0].bundle_id, info.bundle_id);
    assert_eq!(d.bundles[0].recipients, ["lead"]);
    assert_eq!(d.unitemised_bundles, 0);

    let d = worker.consent_dependents(photos).unwrap();
    let ids: Vec<Uuid> = d.photographs.iter().map(|p| p.id).collect();
    assert_eq!(ids, [photo], "the photograph, not the letter");

    // Withdrawn: still shown; the referral is then marked withdrawn.
    worker.withdraw_consent(referral).unwrap();
    let d = worker.consent_dependents(referral).unwrap();
    assert!(d.withdrawn_at.is_some());
    worker.mark_referral_withdrawn(need).unwrap();
    let Some(Body::Need(n)) = worker.current(need).unwrap().body else {
        panic!("not a need")
    };
    assert_eq!(n.status, ReferralStatus::Withdrawn);
    assert_eq!(
        n.consent,
        Some(referral),
        "it still names what it rested on"
    );
    let err = worker.consent_dependents(case).unwrap_err();
    assert_eq!(err.code(), ErrorCode::WrongKind);
}

fn close(v: &mut Vault, case: Uuid, status: CaseStatus) {
    let Some(Body::Case(c)) = v.current(case).unwrap().body else {
        panic!("not a case")
    };
    v.update(case, Body::Case(CaseBody { status, ..c }))
        .unwrap();
}

#[test]
fn closed_cases_past_the_retention_period_are_listed_never_erased() {
    let (_tmp, _dir, mut v) = new_vault();
    let today = chrono::Utc::now().date_naive();
    assert_eq!(v.retention_months().unwrap(), None);
    let closed = add_named_case(&mut v, "OLD-1", "Ana");
    v.add(note_of(closed, NoteKind::Note, "kept")).unwrap();
    close(&mut v, closed, CaseStatus::Closed);
    let open = add_named_case(&mut v, "OPEN-1", "Eva");
    let reopened = add_named_case(&mut v, "BACK-1", "Ioana");
    close(&mut v, reopened, CaseStatus::Closed);
    close(&mut v, reopened, CaseStatus::Open);
    let later = today + Duration::days(400);
    assert!(v.past_retention(later).unwrap().is_empty(), "no period set");

    for bad in [0, 601] {
        let err = v.set_retention_months(Some(bad)).unwrap_err();
        assert_eq!(err.code(), ErrorCode::UnknownValue);
    }
    v.set_retention_months(Some(12)).unwrap();
    assert_eq!(v.retention_months().unwrap(), Some(12));
    assert!(v.past_retention(today).unwrap().is_empty());
    let past = v.past_retention(later).unwrap();
    assert_eq!(past.len(), 1);
    assert_eq!(
        (past[0].case_id, past[0].case_code.as_str()),
        (closed, "OLD-1")
    );
    assert_eq!(
        past[0].closed_on,
        v.closed_on(closed).unwrap().unwrap().to_string()
    );
    let due: NaiveDate = past[0].due_on.parse().unwrap();
    assert_eq!((later - due).num_days(), past[0].days_past);
    assert!(v.closed_on(open).unwrap().is_none());
    let dash = v.dashboard(later, 30).unwrap();
    assert_eq!(
        (dash.retention_months, dash.past_retention),
        (Some(12), past)
    );
    assert!(v.records().unwrap().iter().any(|r| r.record_id == closed));

    v.set_retention_months(None).unwrap();
    assert_eq!(v.retention_months().unwrap(), None);
    let set = events(&v, "retention_set");
    assert_eq!(set, ["retention 12 months", "retention none"]);
    assert!(v
        .records()
        .unwrap()
        .iter()
        .any(|r| r.record_id == closed && r.kind == Kind::Case));
}
