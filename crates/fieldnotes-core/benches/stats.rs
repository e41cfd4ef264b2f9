//! The statistics figure of issue 15, beside its baseline measured in the
//! same run: anonymised statistics over 10,000 cases (goal: under 1 s),
//! against the case list over the same vault (one row per case, read from
//! the same heads), so the ratio says what counting and suppressing add.
//!
//! `cargo bench -p fieldnotes-core --bench stats` (add `-- --cases N` for
//! another size). Interleaved rounds; medians. Printed, never asserted.

use std::time::Instant;

use chrono::Months;
use fieldnotes_core::report::StatsRequest;
use fieldnotes_core::{
    AgeBand, Body, CaseBody, CaseStatus, ConsentScope, ExploitationType, Gender, Lang, NeedBody,
    NeedCategory, Priority, ReferralSource, ReferralStatus, Vault,
};
use fieldnotes_test_support::create_at;

const ROUNDS: usize = 7;
const NATIONALITIES: [&str; 8] = ["RO", "MD", "UA", "AL", "VN", "NG", "ER", "GB"];

fn case(i: usize) -> Body {
    let mut profile = fieldnotes_core::CaseProfile {
        gender: Some(Gender::ALL[i % Gender::ALL.len()]),
        age_band: Some(AgeBand::ALL[i % AgeBand::ALL.len()]),
        referral_source: Some(ReferralSource::ALL[i % ReferralSource::ALL.len()]),
        ..Default::default()
    };
    profile.exploitation_types = vec![ExploitationType::ALL[i % ExploitationType::ALL.len()]];
    Body::Case(CaseBody {
        unknown: Default::default(),
        profile: Box::new(profile),
        code: format!("BENCH-{i:05}"),
        identity: Default::default(),
        languages: vec![],
        nationality: Some(NATIONALITIES[i % NATIONALITIES.len()].into()),
        risk: None,
        status: [CaseStatus::Open, CaseStatus::Monitoring][i % 2],
        assigned_worker: Some(format!("worker-{}", i % 12)),
    })
}

// A referral rests on the survivor's referral consent, as the core requires.
fn need(case: uuid::Uuid, consent: uuid::Uuid, i: usize) -> Body {
    let status = ReferralStatus::ALL[i % ReferralStatus::ALL.len()];
    Body::Need(NeedBody {
        unknown: Default::default(),
        case,
        category: NeedCategory::ALL[i % NeedCategory::ALL.len()],
        description: String::new(),
        priority: Priority::Medium,
        status,
        referral_target: None,
        due: None,
        consent: (status == ReferralStatus::Referred).then_some(consent),
    })
}

/// `cases` cases with a referral consent and two needs each, in
/// transactions of 5,000.
fn populate(v: &mut Vault, cases: usize) {
    let mut ids = Vec::with_capacity(cases);
    for start in (0..cases).step_by(5_000) {
        let end = (start + 5_000).min(cases);
        let made = v.add_many((start..end).map(case)).expect("cases");
        ids.extend(made.into_iter().map(|m| m.record_id));
    }
    for chunk in ids.chunks(2_500) {
        let consents = chunk
            .iter()
            .map(|id| fieldnotes_test_support::consent(*id, ConsentScope::Referral));
        let consents = v.add_many(consents).expect("consents");
        let needs = chunk
            .iter()
            .zip(&consents)
            .enumerate()
            .flat_map(|(i, (id, c))| [need(*id, c.record_id, i), need(*id, c.record_id, i + 5)]);
        v.add_many(needs).expect("needs");
    }
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let cases = args
        .iter()
        .position(|a| a == "--cases")
        .and_then(|i| args.get(i + 1)?.parse().ok())
        .unwrap_or(10_000);
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut v = create_at(&tmp.path().join("vault"));
    let built = Instant::now();
    populate(&mut v, cases);
    eprintln!(
        "{cases} cases, {} needs made in {:.1} s",
        cases * 2,
        built.elapsed().as_secs_f64()
    );
    let today = fieldnotes_core::dates::today_local();
    let request = StatsRequest {
        from: (today - Months::new(11)).format("%Y-%m").to_string(),
        to: today.format("%Y-%m").to_string(),
        status: None,
        worker: None,
        exploitation: None,
        lang: Lang::En,
    };
    let (mut stats, mut list) = (Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        let t = Instant::now();
        let s = v.statistics(&request).expect("statistics");
        stats.push(t.elapsed().as_secs_f64());
        assert_eq!(s.tables[0].total.map(|c| c.text()), Some(cases.to_string()));
        let t = Instant::now();
        let rows = v.case_list(None).expect("case list");
        list.push(t.elapsed().as_secs_f64());
        assert_eq!(rows.len(), cases);
    }
    let (s, l) = (median(stats), median(list));
    println!(
        "statistics over {cases} cases: {:.0} ms (goal < 1000 ms); case list (baseline): {:.0} ms; ratio {:.2}",
        s * 1e3,
        l * 1e3,
        s / l
    );
}
