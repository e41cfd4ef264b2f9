//! Helpers shared by the integration tests. Each test binary uses a subset.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use fieldnotes_core::{
    Body, CaseBody, CaseStatus, ConsentBody, ConsentScope, CreateOptions, FollowUpBody, Identity,
    NeedBody, NeedCategory, NoteBody, NoteKind, Priority, ReferralStatus, SecretString, Vault,
};
use uuid::Uuid;

/// A passphrase strong enough for `Vault::create`.
pub const PASS: &str = "correct horse battery staple orbit";
/// Another strong passphrase.
pub const PASS2: &str = "lantern quietly folds purple glacier maps";

/// A test work factor: fast, far below the production one.
pub const WF: u8 = 10;

pub fn secret(s: &str) -> SecretString {
    SecretString::from(s.to_owned())
}

pub fn opts() -> CreateOptions {
    CreateOptions {
        work_factor: WF,
        recovery: None,
    }
}

/// A fresh vault in a new temporary directory (the vault is `dir/vault`).
pub fn new_vault() -> (tempfile::TempDir, PathBuf, Vault) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("vault");
    let vault = Vault::create(&dir, &secret(PASS), opts()).expect("create vault");
    (tmp, dir, vault)
}

pub fn unlock(dir: &Path) -> Vault {
    Vault::unlock(dir, &secret(PASS)).expect("unlock")
}

pub fn case(code: &str) -> Body {
    Body::Case(CaseBody {
        code: code.into(),
        identity: Identity::default(),
        languages: vec!["ro".into()],
        nationality: None,
        risk: None,
        status: CaseStatus::Open,
        assigned_worker: None,
    })
}

pub fn case_with_name(code: &str, name: &str) -> Body {
    Body::Case(CaseBody {
        code: code.into(),
        identity: Identity {
            name: Some(name.into()),
            date_of_birth: Some("1999-02-03".into()),
            contacts: vec!["+40 700 000 000".into()],
        },
        languages: vec!["ro".into(), "en".into()],
        nationality: Some("Romanian".into()),
        risk: None,
        status: CaseStatus::Open,
        assigned_worker: Some("worker-1".into()),
    })
}

pub fn note(case: Uuid, text: &str) -> Body {
    Body::Note(NoteBody {
        case,
        kind: NoteKind::Intake,
        when: Some("2026-03-01".into()),
        place: None,
        present: vec![],
        interpreter: None,
        narrative: text.into(),
        tags: vec![],
        draft: false,
    })
}

pub fn need(case: Uuid, status: ReferralStatus, consent: Option<Uuid>) -> Body {
    Body::Need(NeedBody {
        case,
        category: NeedCategory::MedicalHealth,
        description: "dental treatment".into(),
        priority: Priority::High,
        status,
        referral_target: Some("clinic".into()),
        due: None,
        consent,
    })
}

pub fn consent(case: Uuid, scope: ConsentScope) -> Body {
    Body::Consent(ConsentBody {
        case,
        scope,
        service: Some("clinic".into()),
        given_at: "2026-03-01T10:00:00Z".into(),
        withdrawn_at: None,
        note: None,
    })
}

pub fn follow_up(case: Uuid, title: &str) -> Body {
    Body::FollowUp(FollowUpBody {
        case,
        title: title.into(),
        due: Some("2026-04-01".into()),
        assigned_to: None,
        done: false,
    })
}

/// The events of the audit log, oldest first.
pub fn events(vault: &Vault) -> Vec<String> {
    vault
        .audit_log()
        .expect("audit log")
        .into_iter()
        .map(|e| e.event)
        .collect()
}
