//! Seeds a vault for the desktop benchmarks: `cases` cases (each with one
//! need) and one case, `BIG-1`, with `notes` interview notes.
//!
//! `cargo run --release -p fieldnotes-desktop --example seed -- DIR CASES NOTES`
//! with the passphrase in `SEED_PASSPHRASE`. The vault is created with the
//! production work factor, so unlocking it costs what it costs in the app.

use std::path::PathBuf;

use fieldnotes_core::{
    Body, CaseBody, CaseStatus, CreateOptions, Identity, NeedBody, NeedCategory, NoteBody,
    NoteKind, Priority, ReferralStatus, RiskLevel, SecretString, Vault,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().ok_or("usage: seed DIR CASES NOTES")?);
    let cases: usize = args.next().unwrap_or_else(|| "10000".into()).parse()?;
    let notes: usize = args.next().unwrap_or_else(|| "500".into()).parse()?;
    let pass = SecretString::from(std::env::var("SEED_PASSPHRASE")?);
    let mut vault = Vault::create(&dir, &pass, CreateOptions::default())?;
    let case = |code: String, i: usize| CaseBody {
        unknown: Default::default(),
        profile: Default::default(),
        code,
        identity: Identity {
            name: Some(format!("Person {i}")),
            ..Identity::default()
        },
        languages: vec!["ro".into()],
        nationality: Some("Romanian".into()),
        risk: Some([RiskLevel::Low, RiskLevel::Medium, RiskLevel::High][i % 3]),
        status: CaseStatus::Open,
        assigned_worker: Some(format!("worker {}", i % 7)),
    };
    let big = vault.add(Body::Case(case("BIG-1".into(), 0)))?.record_id;
    for n in 0..notes {
        vault.add(Body::Note(NoteBody {
            unknown: Default::default(),
            form: None,
            case: big,
            kind: NoteKind::FollowUp,
            when: None,
            place: Some("shelter".into()),
            present: vec![],
            interpreter: None,
            narrative: format!(
                "Follow-up {n}: talked about housing, documents and the hearing; {}",
                "calm and tired. ".repeat(20)
            ),
            tags: vec!["follow-up".into()],
            draft: false,
        }))?;
    }
    for i in 1..cases {
        let id = vault
            .add(Body::Case(case(format!("RO-{i:05}"), i)))?
            .record_id;
        vault.add(Body::Need(NeedBody {
            unknown: Default::default(),
            case: id,
            category: NeedCategory::ALL[i % NeedCategory::ALL.len()],
            description: format!("need {i}"),
            priority: Priority::Medium,
            status: ReferralStatus::Identified,
            referral_target: None,
            due: None,
            consent: None,
        }))?;
    }
    vault.lock()?;
    Ok(())
}
