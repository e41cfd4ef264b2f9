//! The case profile (gender, age, exploitation, countries, referral,
//! closure, identification, proceedings) as the case page shows it and the
//! case form sends it, and the vocabularies the form offers, with the
//! core's labels in every language.
//!
//! Invariants: values travel as the core's wire names and codes; the
//! labels come from the core (`label(Lang)`), the same ones search finds
//! a case by, so the app never shows a word search does not know. A
//! profile sent by the form replaces the stored one whole: an empty field
//! clears it.

use std::collections::BTreeMap;

use fieldnotes_core::case_model::codes;
use fieldnotes_core::{
    AgeBand, CaseProfile, ClosureReason, Decision, ExploitationType, Gender, Identification,
    IdentificationKind, Labelled, Lang, ProceedingsEntry, ProceedingsStatus, ReferralSource,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

// Trimmed, no empty entries; the core sorts the sets and checks the codes.
use super::{list, opt};

/// One step of formal identification.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct IdentificationView {
    #[ts(type = "string")]
    pub kind: IdentificationKind,
    pub date: String,
    #[ts(type = "string | null")]
    pub decision: Option<Decision>,
    pub note: Option<String>,
}

/// The survivor's part in criminal proceedings from a date on.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ProceedingsView {
    #[ts(type = "string")]
    pub status: ProceedingsStatus,
    pub date: String,
    pub note: Option<String>,
}

/// A case's profile; every field optional, lists possibly empty.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ProfileView {
    #[ts(type = "string | null")]
    pub gender: Option<Gender>,
    pub year_of_birth: Option<u16>,
    #[ts(type = "string | null")]
    pub age_band: Option<AgeBand>,
    pub identified_on: Option<String>,
    #[ts(type = "Array<string>")]
    pub exploitation_types: Vec<ExploitationType>,
    pub countries_of_origin: Vec<String>,
    pub countries_of_recruitment: Vec<String>,
    pub countries_of_exploitation: Vec<String>,
    #[ts(type = "string | null")]
    pub referral_source: Option<ReferralSource>,
    pub closed_on: Option<String>,
    #[ts(type = "string | null")]
    pub closure_reason: Option<ClosureReason>,
    pub identification: Vec<IdentificationView>,
    pub proceedings: Vec<ProceedingsView>,
}

impl From<CaseProfile> for ProfileView {
    fn from(p: CaseProfile) -> Self {
        ProfileView {
            gender: p.gender,
            year_of_birth: p.year_of_birth,
            age_band: p.age_band,
            identified_on: p.identified_on,
            exploitation_types: p.exploitation_types,
            countries_of_origin: p.countries_of_origin,
            countries_of_recruitment: p.countries_of_recruitment,
            countries_of_exploitation: p.countries_of_exploitation,
            referral_source: p.referral_source,
            closed_on: p.closed_on,
            closure_reason: p.closure_reason,
            identification: p
                .identification
                .into_iter()
                .map(|i| IdentificationView {
                    kind: i.kind,
                    date: i.date,
                    decision: i.decision,
                    note: i.note,
                })
                .collect(),
            proceedings: p
                .proceedings
                .into_iter()
                .map(|e| ProceedingsView {
                    status: e.status,
                    date: e.date,
                    note: e.note,
                })
                .collect(),
        }
    }
}

impl From<ProfileView> for CaseProfile {
    fn from(p: ProfileView) -> Self {
        CaseProfile {
            gender: p.gender,
            year_of_birth: p.year_of_birth,
            age_band: p.age_band,
            identified_on: opt(p.identified_on),
            exploitation_types: p.exploitation_types,
            countries_of_origin: list(p.countries_of_origin),
            countries_of_recruitment: list(p.countries_of_recruitment),
            countries_of_exploitation: list(p.countries_of_exploitation),
            referral_source: p.referral_source,
            closed_on: opt(p.closed_on),
            closure_reason: p.closure_reason,
            identification: p
                .identification
                .into_iter()
                .map(|i| Identification {
                    kind: i.kind,
                    date: i.date.trim().to_owned(),
                    decision: i.decision,
                    note: opt(i.note),
                    unknown: Default::default(),
                })
                .collect(),
            proceedings: p
                .proceedings
                .into_iter()
                .map(|e| ProceedingsEntry {
                    status: e.status,
                    date: e.date.trim().to_owned(),
                    note: opt(e.note),
                    unknown: Default::default(),
                })
                .collect(),
        }
    }
}

/// A vocabulary value and its label in each language (`en`, `ro`).
#[derive(Debug, Clone, Serialize, TS)]
pub struct VocabEntry {
    pub value: String,
    pub labels: BTreeMap<String, String>,
}

/// Every vocabulary of the case profile, in display order, and the codes
/// the country and language pickers offer.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CaseVocab {
    pub gender: Vec<VocabEntry>,
    pub age_band: Vec<VocabEntry>,
    pub exploitation_type: Vec<VocabEntry>,
    pub referral_source: Vec<VocabEntry>,
    pub closure_reason: Vec<VocabEntry>,
    pub identification_kind: Vec<VocabEntry>,
    /// The identification kinds that take a decision (not a referral).
    pub kinds_with_decision: Vec<String>,
    pub decision: Vec<VocabEntry>,
    pub proceedings_status: Vec<VocabEntry>,
    /// ISO 3166-1 alpha-2 codes.
    pub countries: Vec<String>,
    /// ISO 639 codes.
    pub languages: Vec<String>,
}

fn entries<T: Labelled>(all: &[T]) -> Vec<VocabEntry> {
    let lang = |l: Lang| {
        serde_json::to_value(l)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
    };
    all.iter()
        .map(|v| VocabEntry {
            value: v.name().to_owned(),
            labels: Lang::ALL
                .iter()
                .filter_map(|l| Some((lang(*l)?, v.label(*l).to_owned())))
                .collect(),
        })
        .collect()
}

impl CaseVocab {
    /// The vocabularies as the core has them.
    pub fn current() -> Self {
        let kinds = IdentificationKind::ALL;
        CaseVocab {
            gender: entries(Gender::ALL),
            age_band: entries(AgeBand::ALL),
            exploitation_type: entries(ExploitationType::ALL),
            referral_source: entries(ReferralSource::ALL),
            closure_reason: entries(ClosureReason::ALL),
            identification_kind: entries(kinds),
            kinds_with_decision: kinds
                .iter()
                .filter(|k| k.has_decision())
                .map(|k| k.as_str().to_owned())
                .collect(),
            decision: entries(Decision::ALL),
            proceedings_status: entries(ProceedingsStatus::ALL),
            countries: codes::all_countries()
                .iter()
                .map(|c| c.code.to_owned())
                .collect(),
            languages: codes::all_languages()
                .iter()
                .map(|c| c.code.to_owned())
                .collect(),
        }
    }
}
