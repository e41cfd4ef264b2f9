//! Record bodies for tests, with plausible fields. Each builder returns a
//! `Body` to pass to `Vault::add` or `Vault::update`.

use fieldnotes_core::{
    Body, CaseBody, CaseStatus, ConsentBody, ConsentScope, FollowUpBody, Identity, NeedBody,
    NeedCategory, NoteBody, NoteKind, Priority, ReferralStatus, Vault,
};
use uuid::Uuid;

/// A case with no identity, speaking Romanian.
pub fn case(code: &str) -> Body {
    Body::Case(CaseBody {
        unknown: Default::default(),
        profile: Default::default(),
        code: code.into(),
        identity: Identity::default(),
        languages: vec!["ro".into()],
        nationality: None,
        risk: None,
        status: CaseStatus::Open,
        assigned_worker: None,
    })
}

/// A case with every identity field filled.
pub fn case_with_name(code: &str, name: &str) -> Body {
    Body::Case(CaseBody {
        unknown: Default::default(),
        profile: Default::default(),
        code: code.into(),
        identity: Identity {
            unknown: Default::default(),
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

/// Adds a case with only a code and a name; returns its id.
pub fn add_named_case(vault: &mut Vault, code: &str, name: &str) -> Uuid {
    let body = Body::Case(CaseBody {
        unknown: Default::default(),
        profile: Default::default(),
        code: code.into(),
        identity: Identity {
            name: Some(name.into()),
            ..Default::default()
        },
        languages: vec![],
        nationality: None,
        risk: None,
        status: CaseStatus::Open,
        assigned_worker: None,
    });
    vault.add(body).expect("add case").record_id
}

/// An intake note dated 2026-03-01.
pub fn note(case: Uuid, text: &str) -> Body {
    Body::Note(NoteBody {
        when: Some("2026-03-01".into()),
        ..note_body(case, NoteKind::Intake, text)
    })
}

/// A note of `kind` with only its text.
pub fn note_of(case: Uuid, kind: NoteKind, text: &str) -> Body {
    Body::Note(note_body(case, kind, text))
}

fn note_body(case: Uuid, kind: NoteKind, text: &str) -> NoteBody {
    NoteBody {
        unknown: Default::default(),
        form: None,
        case,
        kind,
        when: None,
        place: None,
        present: vec![],
        interpreter: None,
        narrative: text.into(),
        tags: vec![],
        draft: false,
    }
}

/// A high-priority medical need referred to a clinic (or not yet).
pub fn need(case: Uuid, status: ReferralStatus, consent: Option<Uuid>) -> Body {
    Body::Need(NeedBody {
        unknown: Default::default(),
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

/// Consent for the clinic, given 2026-03-01.
pub fn consent(case: Uuid, scope: ConsentScope) -> Body {
    Body::Consent(ConsentBody {
        unknown: Default::default(),
        case,
        scope,
        service: Some("clinic".into()),
        given_at: "2026-03-01T10:00:00Z".into(),
        withdrawn_at: None,
        note: None,
    })
}

/// An open follow-up due 2026-04-01.
pub fn follow_up(case: Uuid, title: &str) -> Body {
    Body::FollowUp(FollowUpBody {
        unknown: Default::default(),
        case,
        title: title.into(),
        due: Some("2026-04-01".into()),
        assigned_to: None,
        done: false,
    })
}

/// Records the survivor's consent to share case `case` with the case lead,
/// as an export needs (a test about something else than that consent
/// gives it first). Returns the consent's id.
pub fn share_with_lead(vault: &mut Vault, case: Uuid) -> Uuid {
    vault
        .add_consent(case, ConsentScope::ShareWithLead, None, None)
        .expect("consent to share with the lead")
        .record_id
}

/// Records the survivor's consent to photographs of case `case`, as
/// attaching an image needs. Returns the consent's id.
pub fn allow_photographs(vault: &mut Vault, case: Uuid) -> Uuid {
    vault
        .add_consent(case, ConsentScope::Photographs, None, None)
        .expect("consent to photographs")
        .record_id
}
