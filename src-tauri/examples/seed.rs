//! Seeds a vault for the desktop benchmarks: `cases` cases (each with one
//! need), one case, `BIG-1`, with `notes` interview notes, and, if `total`
//! is given, more notes spread evenly over the other cases until the vault
//! holds `total` notes in all.
//!
//! `cargo run --release -p fieldnotes-desktop --example seed -- DIR CASES NOTES [TOTAL]`
//! with the passphrase in `SEED_PASSPHRASE`; `seed DIR 10000 500 1000000`
//! makes 10,000 cases and 1,000,000 notes. The vault is created with the
//! production work factor, so unlocking it costs what it costs in the app.
//! Records are written with `Vault::add_many` (signed, indexed and audited
//! as one by one), a few thousand per transaction.

use std::path::PathBuf;

use fieldnotes_core::{
    Body, CaseBody, CaseStatus, CreateOptions, Identity, NeedBody, NeedCategory, NoteBody,
    NoteKind, Priority, ReferralStatus, RiskLevel, SecretString, Vault,
};
use uuid::Uuid;

/// Records per `add_many` call: one transaction each.
const BATCH: usize = 5_000;

fn case(code: String, i: usize) -> Body {
    Body::Case(CaseBody {
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
    })
}

fn need(case: Uuid, i: usize) -> Body {
    Body::Need(NeedBody {
        unknown: Default::default(),
        case,
        category: NeedCategory::ALL[i % NeedCategory::ALL.len()],
        description: format!("need {i}"),
        priority: Priority::Medium,
        status: ReferralStatus::Identified,
        referral_target: None,
        due: None,
        consent: None,
    })
}

fn note(case: Uuid, n: usize) -> Body {
    Body::Note(NoteBody {
        unknown: Default::default(),
        form: None,
        case,
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
    })
}

/// Adds `bodies` in transactions of [`BATCH`]; returns the new records' ids.
fn add_all(
    vault: &mut Vault,
    bodies: impl Iterator<Item = Body>,
) -> Result<Vec<Uuid>, Box<dyn std::error::Error>> {
    let mut ids = Vec::new();
    let mut bodies = bodies.peekable();
    while bodies.peek().is_some() {
        let batch: Vec<Body> = bodies.by_ref().take(BATCH).collect();
        ids.extend(vault.add_many(batch)?.into_iter().map(|v| v.record_id));
    }
    Ok(ids)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().ok_or("usage: seed DIR CASES NOTES [TOTAL]")?);
    let cases: usize = args.next().unwrap_or_else(|| "10000".into()).parse()?;
    let notes: usize = args.next().unwrap_or_else(|| "500".into()).parse()?;
    let total: usize = match args.next() {
        Some(t) => t.parse()?,
        None => notes,
    };
    let pass = SecretString::from(std::env::var("SEED_PASSPHRASE")?);
    let mut vault = Vault::create(&dir, &pass, CreateOptions::default())?;
    let big = vault.add(case("BIG-1".into(), 0))?.record_id;
    add_all(&mut vault, (0..notes).map(|n| note(big, n)))?;
    let others = add_all(
        &mut vault,
        (1..cases).map(|i| case(format!("RO-{i:05}"), i)),
    )?;
    add_all(
        &mut vault,
        others.iter().enumerate().map(|(i, &id)| need(id, i + 1)),
    )?;
    // The rest of the notes, round robin over the other cases.
    let extra = if others.is_empty() {
        0
    } else {
        total.saturating_sub(notes)
    };
    add_all(
        &mut vault,
        (0..extra).map(|n| note(others[n % others.len().max(1)], notes + n)),
    )?;
    vault.lock()?;
    Ok(())
}
