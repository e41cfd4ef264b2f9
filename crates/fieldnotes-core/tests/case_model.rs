#![allow(clippy::unwrap_used)]
//! The case model: every new field travels in bundles and back, a case
//! without them reads and signs as before, writes are checked and
//! normalised, the child flag, search by names and labels, and free text
//! of older vaults read as codes or flagged for review (on the golden
//! vault too).

use std::path::{Path, PathBuf};

use fieldnotes_core::exchange::ExportOptions;
use fieldnotes_core::views::CaseFilter;
use fieldnotes_core::{
    AgeBand, Body, CaseBody, CaseProfile, ClosureReason, Decision, Error, ErrorCode,
    ExploitationType, Gender, Identification, IdentificationKind, ProceedingsEntry,
    ProceedingsStatus, ReferralSource, Vault,
};
use fieldnotes_test_support::*;

fn full_profile() -> CaseProfile {
    CaseProfile {
        gender: Some(Gender::Female),
        year_of_birth: Some(2009),
        age_band: None,
        identified_on: Some("02.03.2025".into()),
        exploitation_types: vec![ExploitationType::Sexual, ExploitationType::Labour],
        countries_of_origin: vec!["Albanian".into(), "al".into()],
        countries_of_recruitment: vec!["XK".into(), "AL".into()],
        countries_of_exploitation: vec!["Regatul Unit".into()],
        referral_source: Some(ReferralSource::Police),
        closed_on: Some("2025-11-30".into()),
        closure_reason: Some(ClosureReason::GoalsMet),
        identification: vec![
            Identification {
                kind: IdentificationKind::UkReasonableGrounds,
                date: "2025-03-10".into(),
                decision: Some(Decision::Positive),
                note: Some("RG within five days".into()),
                unknown: Default::default(),
            },
            Identification {
                kind: IdentificationKind::UkNrmReferral,
                date: "2025-03-04".into(),
                decision: None,
                note: None,
                unknown: Default::default(),
            },
        ],
        proceedings: vec![ProceedingsEntry {
            status: ProceedingsStatus::Witness,
            date: "2025-06-01".into(),
            note: Some(" ".into()),
            unknown: Default::default(),
        }],
    }
}

fn case_body(code: &str, profile: CaseProfile) -> CaseBody {
    let Body::Case(mut c) = case(code) else {
        unreachable!()
    };
    c.profile = Box::new(profile);
    c
}

fn stored(v: &Vault, id: uuid::Uuid) -> CaseBody {
    match v.current(id).unwrap().body {
        Some(Body::Case(c)) => c,
        other => panic!("not a case: {other:?}"),
    }
}

fn send(from: &mut Vault, to: &Vault, name: &str, dir: &Path) -> PathBuf {
    let path = dir.join(name);
    let opts = ExportOptions {
        to: vec![to.device_id()],
        ..Default::default()
    };
    from.export(&opts, &path, &mut no_progress()).unwrap();
    path
}

#[test]
fn writes_store_codes_sorted_sets_and_dated_steps() {
    let (_t, _d, mut v) = new_vault();
    let mut body = case_body("CM-1", full_profile());
    body.nationality = Some("albaneză".into());
    body.languages = vec!["Albanian".into(), "engleză".into(), "sq".into()];
    let id = v.add(Body::Case(body)).unwrap().record_id;
    let c = stored(&v, id);
    assert_eq!(c.nationality.as_deref(), Some("AL"));
    assert_eq!(c.languages, ["sq", "en"]);
    let p = &c.profile;
    assert_eq!(p.identified_on.as_deref(), Some("2025-03-02"));
    assert_eq!(p.countries_of_origin, ["AL"]);
    assert_eq!(p.countries_of_recruitment, ["AL", "XK"]);
    assert_eq!(p.countries_of_exploitation, ["GB"]);
    assert_eq!(
        p.exploitation_types,
        [ExploitationType::Sexual, ExploitationType::Labour]
    );
    let kinds: Vec<_> = p.identification.iter().map(|i| i.kind).collect();
    assert_eq!(
        kinds,
        [
            IdentificationKind::UkNrmReferral,
            IdentificationKind::UkReasonableGrounds
        ]
    );
    assert_eq!(p.proceedings[0].note, None);
    assert_eq!(p.is_child(), Some(true));
}

#[test]
fn every_field_travels_in_a_bundle_and_back() {
    let tmp = tempfile::tempdir().unwrap();
    let mut a = named_vault(tmp.path(), "a");
    let mut b = named_vault(tmp.path(), "b");
    trust_each_other(&mut [&mut a, &mut b]);
    let mut body = case_body("CM-2", full_profile());
    body.nationality = Some("AL".into());
    let id = a.add(Body::Case(body)).unwrap().record_id;
    share_with_lead(&mut a, id);
    let written = stored(&a, id);

    let there = send(&mut a, &b, "there.fnb", tmp.path());
    b.import(&there, &mut no_progress()).unwrap();
    b.verify_signatures().unwrap();
    assert_eq!(stored(&b, id), written);

    // An edit on the other laptop keeps every field it did not change.
    b.modify(id, |body| {
        if let Body::Case(c) = body {
            c.profile.gender = Some(Gender::NotStated);
        }
        Ok(())
    })
    .unwrap();
    let back = send(&mut b, &a, "back.fnb", tmp.path());
    a.import(&back, &mut no_progress()).unwrap();
    a.verify_signatures().unwrap();
    let now = stored(&a, id);
    assert_eq!(now.profile.gender, Some(Gender::NotStated));
    let mut expected = written.clone();
    expected.profile.gender = Some(Gender::NotStated);
    assert_eq!(now, expected);
}

#[test]
fn a_case_without_the_new_fields_encodes_as_before() {
    let json = serde_json::to_value(case("OLD-1")).unwrap();
    let mut keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "assigned_worker",
            "code",
            "identity",
            "languages",
            "nationality",
            "risk",
            "status",
            "type"
        ]
    );
    // And a body of the old shape reads, with an empty profile.
    let old = r#"{"type":"case","code":"OLD-2","status":"open","nationality":"Romanian"}"#;
    let Body::Case(c) = serde_json::from_str::<Body>(old).unwrap() else {
        panic!()
    };
    assert!(c.profile.is_empty() && c.unknown.is_empty());
    // The profile's fields are its own, not left over as unknown ones.
    let new = r#"{"type":"case","code":"N","status":"open","gender":"male","x_v9":1}"#;
    let Body::Case(c) = serde_json::from_str::<Body>(new).unwrap() else {
        panic!()
    };
    assert_eq!(c.profile.gender, Some(Gender::Male));
    assert_eq!(c.unknown.keys().collect::<Vec<_>>(), ["x_v9"]);
}

fn refused(v: &mut Vault, profile: CaseProfile) -> Error {
    v.add(Body::Case(case_body("BAD", profile))).unwrap_err()
}

#[test]
fn writes_that_break_a_rule_are_refused_with_the_reason() {
    let (_t, _d, mut v) = new_vault();
    let rule = |e: Error| (e.code(), e.to_string());
    let (code, msg) = rule(refused(
        &mut v,
        CaseProfile {
            closure_reason: Some(ClosureReason::Died),
            ..Default::default()
        },
    ));
    assert_eq!(code, ErrorCode::CaseRule);
    assert!(msg.contains("closure date"), "{msg}");
    let both = CaseProfile {
        year_of_birth: Some(2000),
        age_band: Some(AgeBand::From18To24),
        ..Default::default()
    };
    assert_eq!(refused(&mut v, both).code(), ErrorCode::CaseRule);
    let future = CaseProfile {
        identified_on: Some("2999-01-01".into()),
        ..Default::default()
    };
    assert_eq!(refused(&mut v, future).code(), ErrorCode::FutureDate);
    let mut referral = full_profile();
    referral.identification[1].decision = Some(Decision::Negative);
    let (code, msg) = rule(refused(&mut v, referral));
    assert_eq!(code, ErrorCode::CaseRule);
    assert!(msg.contains("referral"), "{msg}");
    let country = CaseProfile {
        countries_of_origin: vec!["Atlantis".into()],
        ..Default::default()
    };
    let (code, msg) = rule(refused(&mut v, country));
    assert_eq!(code, ErrorCode::UnknownValue);
    assert!(msg.contains("Atlantis") && msg.contains("alpha-2"), "{msg}");
    let closed_early = CaseProfile {
        identified_on: Some("2025-05-01".into()),
        closed_on: Some("2025-04-01".into()),
        ..Default::default()
    };
    assert_eq!(refused(&mut v, closed_early).code(), ErrorCode::CaseRule);
    let mut bad_nationality = case_body("BAD", CaseProfile::default());
    bad_nationality.nationality = Some("Narnian".into());
    let e = v.add(Body::Case(bad_nationality)).unwrap_err();
    assert_eq!(e.code(), ErrorCode::UnknownValue);
    assert!(v.case_list(None).unwrap().is_empty());
}

#[test]
fn the_child_flag_reads_the_year_at_identification() {
    let p = |born: u16, identified: &str| CaseProfile {
        year_of_birth: Some(born),
        identified_on: Some(identified.into()),
        ..Default::default()
    };
    assert_eq!(p(2008, "2025-01-05").is_child(), Some(true)); // 16 or 17
                                                              // Turning 18 that year: 17 or 18, presumed a child.
    assert_eq!(p(2007, "2025-01-05").is_child(), Some(true));
    assert_eq!(p(2007, "2025-12-31").is_child(), Some(true));
    assert_eq!(p(2006, "2025-01-01").is_child(), Some(false)); // 18 or 19
    let no_date = CaseProfile {
        year_of_birth: Some(2010),
        ..Default::default()
    };
    assert_eq!(no_date.is_child(), None);
    // Without `identified_on`, the earliest identification step.
    let mut by_step = full_profile();
    by_step.identified_on = None;
    by_step.year_of_birth = Some(2006);
    assert_eq!(by_step.is_child(), Some(false));
    by_step.year_of_birth = Some(2007);
    assert_eq!(by_step.is_child(), Some(true));
    let band = |b| CaseProfile {
        age_band: Some(b),
        ..Default::default()
    };
    assert_eq!(band(AgeBand::From15To17).is_child(), Some(true));
    assert_eq!(band(AgeBand::From18To24).is_child(), Some(false));
    assert_eq!(CaseProfile::default().is_child(), None);
}

#[test]
fn cases_are_found_by_code_names_and_labels_in_both_languages() {
    let (_t, _d, mut v) = new_vault();
    let mut profile = full_profile();
    profile.exploitation_types = vec![ExploitationType::Labour];
    let labour = v
        .add(Body::Case(case_body("CM-L", profile)))
        .unwrap()
        .record_id;
    let other = CaseProfile {
        exploitation_types: vec![ExploitationType::ForcedBegging],
        age_band: Some(AgeBand::From25To34),
        ..Default::default()
    };
    v.add(Body::Case(case_body("CM-B", other))).unwrap();
    for query in [
        "munca",
        "muncă",
        "labour",
        "Albania",
        "AL",
        "Regatul Unit",
        "politie",
        "martor",
    ] {
        let hits = v.search(query, 10).unwrap();
        assert!(
            hits.iter().any(|h| h.record_id == labour),
            "{query}: {hits:?}"
        );
    }
    let begging: Vec<_> = v.search("cersetorie", 10).unwrap();
    assert_eq!(begging.len(), 1);
    assert_eq!(begging[0].case_code.as_deref(), Some("CM-B"));

    let filter = |f: CaseFilter| -> Vec<String> {
        v.case_list_where(&f)
            .unwrap()
            .into_iter()
            .map(|r| r.code)
            .collect()
    };
    let exploited = CaseFilter {
        exploitation: Some(ExploitationType::Labour),
        ..Default::default()
    };
    assert_eq!(filter(exploited), ["CM-L"]);
    let children = CaseFilter {
        child: Some(true),
        ..Default::default()
    };
    assert_eq!(filter(children), ["CM-L"]);
    let adults = CaseFilter {
        child: Some(false),
        ..Default::default()
    };
    assert_eq!(filter(adults), ["CM-B"]);
}

#[test]
fn free_text_of_older_versions_reads_as_codes_or_asks_for_review() {
    let (_t, _d, mut v) = new_vault();
    let mut old = case_body("OLD-3", CaseProfile::default());
    old.nationality = Some("Kurdistan".into());
    old.languages = vec!["romana".into(), "Sorani".into(), "Gibberish".into()];
    // As an earlier build stored it: no checks.
    let id = v
        .add_without_date_checks(Body::Case(old))
        .unwrap()
        .record_id;
    let row = &v.case_list(None).unwrap()[0];
    assert_eq!(row.nationality.as_deref(), Some("Kurdistan"));
    assert_eq!(row.languages, ["ro", "ckb", "Gibberish"]);
    assert!(row.needs_review);
    let page = v.case_page(id, false).unwrap();
    assert_eq!(page.to_review, ["Kurdistan", "Gibberish"]);
    let review = CaseFilter {
        needs_review: Some(true),
        ..Default::default()
    };
    assert_eq!(v.case_list_where(&review).unwrap().len(), 1);

    // Editing another field keeps the unmatched text and stores the codes
    // of what matches.
    v.modify(id, |b| {
        if let Body::Case(c) = b {
            c.risk = Some(fieldnotes_core::RiskLevel::High);
        }
        Ok(())
    })
    .unwrap();
    let c = stored(&v, id);
    assert_eq!(c.nationality.as_deref(), Some("Kurdistan"));
    assert_eq!(c.languages, ["ro", "ckb", "Gibberish"]);
    // New free text that matches nothing is refused; a code clears the flag.
    let e = v
        .modify(id, |b| {
            if let Body::Case(c) = b {
                c.nationality = Some("Elbonia".into());
            }
            Ok(())
        })
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::UnknownValue);
    v.modify(id, |b| {
        if let Body::Case(c) = b {
            c.nationality = Some("IQ".into());
            c.languages = vec!["ro".into(), "ckb".into()];
        }
        Ok(())
    })
    .unwrap();
    assert!(!v.case_list(None).unwrap()[0].needs_review);
    // The same country by its name is no change: no new version.
    let versions = v.history(id).unwrap().len();
    let mut same = stored(&v, id);
    same.nationality = Some("Iraq".into());
    v.update(id, Body::Case(same)).unwrap();
    assert_eq!(v.history(id).unwrap().len(), versions);
}

const GOLDEN_PASS: &str = "golden vector amber lighthouse seventeen";

#[test]
fn the_golden_vault_reads_its_free_text_as_codes() {
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/vault-v1");
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    std::fs::create_dir(&dir).unwrap();
    for name in ["vault.json", "key.age", "vault.db"] {
        std::fs::copy(golden.join(name), dir.join(name)).unwrap();
    }
    let mut v = Vault::unlock(&dir, &secret(GOLDEN_PASS)).unwrap();
    let id = v.case_id("GOLD-001").unwrap();
    // Stored as it was written ("Romanian"), signed as it was ...
    assert_eq!(stored(&v, id).nationality.as_deref(), Some("Romanian"));
    assert_eq!(v.verify_signatures().unwrap(), 3);
    // ... read as codes, with nothing to review.
    let row = &v.case_list(None).unwrap()[0];
    assert_eq!(row.nationality.as_deref(), Some("RO"));
    assert_eq!(row.languages, ["ro"]);
    assert!(!row.needs_review);
    assert_eq!(row.is_child, None);
    // The migration reindexed the case: found by the country's names.
    for query in ["Romania", "România", "romana"] {
        let hits = v.search(query, 10).unwrap();
        assert!(hits.iter().any(|h| h.record_id == id), "{query}");
    }
    assert!(v.search("Ionescu", 10).unwrap().is_empty());
    // The next edit stores the code.
    v.modify(id, |b| {
        if let Body::Case(c) = b {
            c.profile.gender = Some(Gender::Female);
        }
        Ok(())
    })
    .unwrap();
    assert_eq!(stored(&v, id).nationality.as_deref(), Some("RO"));
    v.verify_signatures().unwrap();
}
