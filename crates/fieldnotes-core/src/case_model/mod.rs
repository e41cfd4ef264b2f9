//! The case as aftercare work records it: the survivor's profile (gender,
//! age, exploitation, countries, referral), the case's closure, formal
//! identification and criminal proceedings ([`CaseProfile`], flattened into
//! [`CaseBody`]), and nationality and languages as ISO codes.
//!
//! Invariants:
//! - Every profile field is optional and left out of the JSON when empty,
//!   so a case without them signs and reads exactly as before; an older app
//!   keeps them as unknown fields (see [`crate::model::Unknown`]) and sends
//!   them on. Identification and proceedings are lists inside the case body,
//!   not records of a new kind, which an older app would refuse.
//! - Stored nationality and languages are codes ([`codes`]) when written by
//!   this build; free text written before stays in the signed versions as
//!   it was. It is read as codes where it matches ([`coded`]): this is the
//!   migration. It runs at read time, not as new versions written at
//!   unlock, because every laptop holding the case would then write its own
//!   version of it, and the copies would meet as conflicts at the next
//!   exchange. The next edit made here stores the codes.
//! - Text that matches no code is kept, and the case needs review
//!   ([`Coded::to_review`]). The flag is derived, never stored: it is the
//!   same on every laptop and in every app version, and clears itself when
//!   someone sets a code.
//! - Writes are checked and normalised in `check.rs` (dates, codes, rules);
//!   a value one of the replaced versions already holds is kept as it is,
//!   so an edit here never fails over what another laptop or a newer app
//!   wrote.

mod check;
pub mod codes;
mod vocab;

use serde::{Deserialize, Serialize};

pub(crate) use check::check_case;
pub use check::CaseRule;
pub use vocab::{
    AgeBand, ClosureReason, Decision, ExploitationType, Gender, IdentificationKind, Labelled, Lang,
    ProceedingsStatus, ReferralSource,
};

use crate::model::{CaseBody, Unknown};

/// The profile and course of a case; every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseProfile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    /// Given instead of [`CaseProfile::age_band`], not with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year_of_birth: Option<u16>,
    /// The age at identification, when the year of birth is not known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_band: Option<AgeBand>,
    /// When the survivor was identified as a possible victim: `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identified_on: Option<String>,
    /// A set: sorted, no repeats.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exploitation_types: Vec<ExploitationType>,
    /// ISO 3166-1 alpha-2 codes, sorted, no repeats (as the next two).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub countries_of_origin: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub countries_of_recruitment: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub countries_of_exploitation: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referral_source: Option<ReferralSource>,
    /// `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_on: Option<String>,
    /// Only with [`CaseProfile::closed_on`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closure_reason: Option<ClosureReason>,
    /// Formal identification steps, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identification: Vec<Identification>,
    /// The survivor's part in criminal proceedings over time, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub proceedings: Vec<ProceedingsEntry>,
}

/// One step of formal identification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identification {
    pub kind: IdentificationKind,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Not for a referral ([`IdentificationKind::has_decision`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Fields of a newer app, kept (see [`Unknown`]).
    #[serde(flatten)]
    pub unknown: Unknown,
}

/// The survivor's part in criminal proceedings from a date on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProceedingsEntry {
    pub status: ProceedingsStatus,
    /// `YYYY-MM-DD`.
    pub date: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Fields of a newer app, kept (see [`Unknown`]).
    #[serde(flatten)]
    pub unknown: Unknown,
}

/// `KIND:DATE[:DECISION[:NOTE]]`, as the CLI takes a step (the date is
/// checked when the case is written).
impl std::str::FromStr for Identification {
    type Err = crate::Error;
    fn from_str(s: &str) -> crate::Result<Self> {
        let mut parts = s.splitn(4, ':');
        let kind = parts.next().unwrap_or_default().parse()?;
        let date = parts.next().unwrap_or_default().trim().to_owned();
        let decision = match parts.next().map(str::trim) {
            None | Some("") => None,
            Some(d) => Some(d.parse()?),
        };
        Ok(Identification {
            kind,
            date,
            decision,
            note: parts.next().map(|n| n.trim().to_owned()),
            unknown: Unknown::default(),
        })
    }
}

/// `STATUS:DATE[:NOTE]`, as the CLI takes an entry.
impl std::str::FromStr for ProceedingsEntry {
    type Err = crate::Error;
    fn from_str(s: &str) -> crate::Result<Self> {
        let mut parts = s.splitn(3, ':');
        Ok(ProceedingsEntry {
            status: parts.next().unwrap_or_default().parse()?,
            date: parts.next().unwrap_or_default().trim().to_owned(),
            note: parts.next().map(|n| n.trim().to_owned()),
            unknown: Unknown::default(),
        })
    }
}

impl CaseProfile {
    /// Whether nothing is recorded.
    pub fn is_empty(&self) -> bool {
        self == &CaseProfile::default()
    }

    /// The day the survivor was identified: `identified_on`, else the
    /// earliest identification step.
    pub fn identification_day(&self) -> Option<chrono::NaiveDate> {
        let day = |s: &str| crate::dates::parse_date("identification date", s).ok();
        match &self.identified_on {
            Some(d) => day(d),
            None => self
                .identification
                .iter()
                .filter_map(|i| day(&i.date))
                .min(),
        }
    }

    /// Whether the survivor was under 18 at identification; `None` when
    /// the record cannot tell. With a year of birth only, someone
    /// identified in the year they turn 18 may still have been 17: they
    /// are presumed a child, as the CoE Convention (art. 10(3)) and UK and
    /// Romanian guidance ask where age is uncertain.
    pub fn is_child(&self) -> Option<bool> {
        if let Some(band) = self.age_band {
            return Some(band.is_child());
        }
        let born = i32::from(self.year_of_birth?);
        let identified = chrono::Datelike::year(&self.identification_day()?);
        Some(identified - born <= 18)
    }
}

/// A case's nationality and languages as codes, read from what is stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Coded {
    /// A country code, or the stored text when it matches none.
    pub nationality: Option<String>,
    /// Language codes, or the stored text of those that match none.
    pub languages: Vec<String>,
    /// The stored values that match no code: the case needs review.
    pub to_review: Vec<String>,
}

/// Reads `case`'s nationality and languages as codes (see the module's
/// invariants: this is how free text of older versions migrates).
pub fn coded(case: &CaseBody) -> Coded {
    let mut out = Coded::default();
    if let Some(n) = case.nationality.as_deref().filter(|n| !n.trim().is_empty()) {
        match codes::match_country(n) {
            Some(c) => out.nationality = Some(c.code.to_owned()),
            None => {
                out.nationality = Some(n.to_owned());
                out.to_review.push(n.to_owned());
            }
        }
    }
    for l in case.languages.iter().filter(|l| !l.trim().is_empty()) {
        let code = match codes::match_language(l) {
            Some(c) => c.code.to_owned(),
            None => {
                out.to_review.push(l.clone());
                l.clone()
            }
        };
        if !out.languages.contains(&code) {
            out.languages.push(code);
        }
    }
    out
}

/// What search finds a case by beyond its own text: the names of its
/// codes and the names and labels of its values, in every label language.
pub(crate) fn search_terms(case: &CaseBody) -> Vec<String> {
    let mut out = Vec::new();
    let coded = coded(case);
    let p = &case.profile;
    let countries = [
        &p.countries_of_origin,
        &p.countries_of_recruitment,
        &p.countries_of_exploitation,
    ];
    let found = coded
        .nationality
        .iter()
        .chain(countries.into_iter().flatten())
        .filter_map(|c| codes::country(c))
        .chain(coded.languages.iter().filter_map(|l| codes::language(l)));
    for c in found {
        out.extend([c.code, c.name_en, c.name_ro].map(str::to_owned));
        out.extend(c.other_names.split('|').map(str::to_owned));
    }
    push_labels(p.gender, &mut out);
    push_labels(p.age_band, &mut out);
    push_labels(p.referral_source, &mut out);
    push_labels(p.closure_reason, &mut out);
    push_labels(p.exploitation_types.iter().copied(), &mut out);
    push_labels(p.identification.iter().map(|i| i.kind), &mut out);
    push_labels(p.identification.iter().filter_map(|i| i.decision), &mut out);
    push_labels(p.proceedings.iter().map(|e| e.status), &mut out);
    out.extend(p.identification.iter().filter_map(|i| i.note.clone()));
    out.extend(p.proceedings.iter().filter_map(|e| e.note.clone()));
    if p.is_child() == Some(true) {
        out.extend(["child", "copil", "minor"].map(str::to_owned));
    }
    out.retain(|s| !s.is_empty());
    out
}

fn push_labels<T: Labelled>(values: impl IntoIterator<Item = T>, out: &mut Vec<String>) {
    for v in values {
        out.push(v.name().replace('_', " "));
        out.extend(Lang::ALL.iter().map(|l| v.label(*l).to_owned()));
    }
}
