//! The case's profile through the real binary: every flag of `case add`
//! and `case set`, the codes in `--json`, the list filters, `--clear`, the
//! review flag of free text an earlier version stored, and the refusals.

use fieldnotes_core::Body;
use fieldnotes_test_support::*;
use serde_json::json;

#[test]
fn every_profile_flag_lands_in_the_case_as_codes() {
    let f = Fixture::with_vault();
    f.new_id(&[
        "case",
        "add",
        "--code",
        "P-1",
        "--nationality",
        "albaneză",
        "--language",
        "Albanian",
        "--language",
        "en",
        "--gender",
        "non-binary",
        "--year-of-birth",
        "2001",
        "--identified-on",
        "03.02.2025",
        "--exploitation",
        "labour,domestic-servitude",
        "--exploitation",
        "labour",
        "--country-of-origin",
        "Albania",
        "--country-of-recruitment",
        "XK,al",
        "--country-of-exploitation",
        "United Kingdom",
        "--referral-source",
        "embassy-consulate",
        "--identification",
        "uk-nrm-referral:2025-02-05",
        "--identification",
        "uk-conclusive-grounds:10.06.2025:negative:appeal planned",
        "--proceedings",
        "considering:2025-03-01",
    ]);
    f.ok(&[
        "case",
        "set",
        "P-1",
        "--proceedings",
        "witness:2025-04-01:gave a statement",
        "--closed-on",
        "2025-09-30",
        "--closure-reason",
        "transferred",
    ]);
    let page = f.json(&["case", "show", "P-1", "--json"]);
    let s = &page["summary"];
    assert_eq!(s["nationality"], "AL");
    assert_eq!(s["languages"], json!(["sq", "en"]));
    assert_eq!(s["is_child"], false);
    assert_eq!(s["needs_review"], false);
    let p = &page["profile"];
    assert_eq!(p["gender"], "non_binary");
    assert_eq!(p["year_of_birth"], 2001);
    assert_eq!(p["identified_on"], "2025-02-03");
    assert_eq!(
        p["exploitation_types"],
        json!(["labour", "domestic_servitude"])
    );
    assert_eq!(p["countries_of_origin"], json!(["AL"]));
    assert_eq!(p["countries_of_recruitment"], json!(["AL", "XK"]));
    assert_eq!(p["countries_of_exploitation"], json!(["GB"]));
    assert_eq!(p["referral_source"], "embassy_consulate");
    assert_eq!(p["closed_on"], "2025-09-30");
    assert_eq!(p["closure_reason"], "transferred");
    assert_eq!(p["identification"][1]["kind"], "uk_conclusive_grounds");
    assert_eq!(p["identification"][1]["date"], "2025-06-10");
    assert_eq!(p["identification"][1]["decision"], "negative");
    assert_eq!(p["identification"][1]["note"], "appeal planned");
    assert_eq!(p["proceedings"][1]["status"], "witness");
    // The signed body holds the same codes.
    assert_eq!(
        page["case"]["body"]["countries_of_exploitation"],
        json!(["GB"])
    );

    let text = f.ok(&["case", "show", "P-1"]);
    for shown in [
        "nationality: AL (Albania)",
        "languages: sq (Albanian), en (English)",
        "gender: Non-binary",
        "child at identification: no",
        "exploitation: Labour exploitation, Domestic servitude",
        "of recruitment: AL (Albania), XK (Kosovo)",
        "referral source: Embassy or consulate",
        "closure reason: Transferred",
        "identification 2025-06-10  UK conclusive-grounds decision: Negative (appeal planned)",
        "proceedings 2025-04-01  Witness (gave a statement)",
    ] {
        assert!(text.contains(shown), "{shown} missing from:\n{text}");
    }

    f.ok(&[
        "case",
        "set",
        "P-1",
        "--clear",
        "closure",
        "--clear",
        "proceedings",
        "--clear",
        "exploitation",
    ]);
    let p = &f.json(&["case", "show", "P-1", "--json"])["profile"];
    assert!(
        p.get("closed_on").is_none() && p.get("proceedings").is_none(),
        "{p}"
    );
    assert!(p.get("exploitation_types").is_none(), "{p}");
    assert_eq!(p["gender"], "non_binary");
}

#[test]
fn the_list_filters_by_exploitation_child_and_review() {
    let f = Fixture::empty();
    let mut v = create_at(&f.vault);
    // Free text as an earlier version stored it: no code matches it.
    let Body::Case(mut old) = case("OLD-1") else {
        unreachable!()
    };
    old.nationality = Some("Kurdistan".into());
    v.add_without_date_checks(Body::Case(old)).expect("add");
    v.lock().expect("lock");
    f.new_id(&[
        "case",
        "add",
        "--code",
        "C-1",
        "--age-band",
        "12-14",
        "--exploitation",
        "sexual",
    ]);
    f.new_id(&[
        "case",
        "add",
        "--code",
        "A-1",
        "--age-band",
        "25-34",
        "--exploitation",
        "sexual,labour",
    ]);
    let codes = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["case", "list", "--json"];
        all.extend_from_slice(args);
        array(&f.json(&all))
            .iter()
            .map(|r| r["code"].as_str().unwrap_or("").to_owned())
            .collect()
    };
    assert_eq!(codes(&["--exploitation", "sexual"]), ["C-1", "A-1"]);
    assert_eq!(codes(&["--exploitation", "labour"]), ["A-1"]);
    assert_eq!(codes(&["--child"]), ["C-1"]);
    assert_eq!(codes(&["--needs-review"]), ["OLD-1"]);
    let list = f.ok(&["case", "list"]);
    assert!(
        list.contains("Kurdistan") && list.contains("REVIEW"),
        "{list}"
    );
    assert!(
        list.lines()
            .any(|l| l.starts_with("C-1") && l.ends_with("CHILD")),
        "{list}"
    );
    let page = f.ok(&["case", "show", "OLD-1"]);
    assert!(page.contains("REVIEW: no code matches Kurdistan"), "{page}");
    // A code clears it.
    f.ok(&["case", "set", "OLD-1", "--nationality", "IQ"]);
    assert!(codes(&["--needs-review"]).is_empty());
}

#[test]
fn bad_values_are_refused_and_nothing_is_saved() {
    let f = Fixture::with_vault();
    let err = f.fail(
        &[
            "case",
            "add",
            "--code",
            "B-1",
            "--exploitation",
            "trafficking",
        ],
        2,
    );
    assert!(err.contains("forced_begging"), "{err}");
    let err = f.fail(
        &[
            "case",
            "add",
            "--code",
            "B-1",
            "--country-of-origin",
            "Atlantis",
        ],
        1,
    );
    assert!(
        err.contains("unknown_value") && err.contains("Atlantis"),
        "{err}"
    );
    let err = f.fail(
        &[
            "case",
            "add",
            "--code",
            "B-1",
            "--year-of-birth",
            "2001",
            "--age-band",
            "18-24",
        ],
        1,
    );
    assert!(err.contains("case_rule"), "{err}");
    let err = f.fail(
        &[
            "case",
            "add",
            "--code",
            "B-1",
            "--identified-on",
            "2999-01-01",
        ],
        1,
    );
    assert!(err.contains("future_date"), "{err}");
    let err = f.fail(
        &[
            "case",
            "add",
            "--code",
            "B-1",
            "--identification",
            "uk-nrm-referral",
        ],
        1,
    );
    assert!(err.contains("invalid_date"), "{err}");
    assert!(array(&f.json(&["case", "list", "--json"])).is_empty());
}
