//! Checks and normalises a case before this laptop writes it: codes for
//! nationality, languages and countries (names that match one code become
//! that code), dates as `YYYY-MM-DD` and not in the future, sets sorted,
//! steps in date order, and the rules between fields ([`CaseRule`]).
//!
//! Invariant: what one of the replaced versions already holds in the same
//! field is kept as it is (free text from before codes, a code a newer app
//! knows, a profile written elsewhere), so editing one field of a case
//! never fails over another that this laptop did not change.

use chrono::{Datelike, NaiveDate};

use super::codes;
use super::CaseProfile;
use crate::dates::{parse_date, today_local};
use crate::error::{Error, Result};
use crate::model::CaseBody;

/// A rule between the fields of a case that a write broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CaseRule {
    #[error("Give the year of birth or the age band at identification, not both.")]
    BirthYearAndAgeBand,
    #[error("The year of birth must be between 1900 and this year.")]
    BirthYearOutOfRange,
    #[error("The year of birth is after the date of identification. Check both.")]
    BornAfterIdentification,
    #[error("A closure reason needs the date the case was closed. Give the closure date too.")]
    ClosureReasonWithoutDate,
    #[error("The case is closed before the date it was identified. Check both dates.")]
    ClosedBeforeIdentified,
    #[error("A referral into the NRM has no decision: record the reasonable-grounds or conclusive-grounds decision as a step of its own.")]
    DecisionOnReferral,
}

const COUNTRY_FORMS: &str = "an ISO 3166-1 alpha-2 code such as RO, GB or AL, or a country's name in English or Romanian that names only one country";
const LANGUAGE_FORMS: &str = "an ISO 639 code such as ro, en or sq (or a three-letter ISO 639-3 code such as prs when the language has no two-letter one), or a language's name in English or Romanian";

/// Checks and normalises `c`, written over the case versions `parents`.
pub(crate) fn check_case(c: &mut CaseBody, parents: &[CaseBody]) -> Result<()> {
    code_nationality(c, parents)?;
    code_languages(c, parents)?;
    if parents.iter().any(|p| p.profile == c.profile) {
        return Ok(());
    }
    let held: Vec<&CaseProfile> = parents.iter().map(|p| &*p.profile).collect();
    check_profile(&mut c.profile, &held, today_local())
}

fn code_nationality(c: &mut CaseBody, parents: &[CaseBody]) -> Result<()> {
    let Some(text) = c.nationality.take() else {
        return Ok(());
    };
    if text.trim().is_empty() {
        return Ok(());
    }
    c.nationality = Some(match codes::match_country(&text) {
        Some(country) => country.code.to_owned(),
        None if parents
            .iter()
            .any(|p| p.nationality.as_ref() == Some(&text)) =>
        {
            text
        }
        None => return Err(unknown("country", &text, COUNTRY_FORMS)),
    });
    Ok(())
}

fn code_languages(c: &mut CaseBody, parents: &[CaseBody]) -> Result<()> {
    let mut out: Vec<String> = Vec::with_capacity(c.languages.len());
    for text in std::mem::take(&mut c.languages) {
        if text.trim().is_empty() {
            continue;
        }
        let code = match codes::match_language(&text) {
            Some(l) => l.code.to_owned(),
            None if parents.iter().any(|p| p.languages.contains(&text)) => text,
            None => return Err(unknown("language", &text, LANGUAGE_FORMS)),
        };
        if !out.contains(&code) {
            out.push(code);
        }
    }
    c.languages = out;
    Ok(())
}

fn unknown(what: &'static str, given: &str, allowed: &str) -> Error {
    Error::UnknownValue {
        what,
        given: given.to_owned(),
        allowed: allowed.to_owned(),
    }
}

fn check_profile(p: &mut CaseProfile, held: &[&CaseProfile], today: NaiveDate) -> Result<()> {
    p.exploitation_types.sort();
    p.exploitation_types.dedup();
    let lists = |f: fn(&CaseProfile) -> &Vec<String>| -> Vec<&Vec<String>> {
        held.iter().map(|h| f(h)).collect()
    };
    code_countries(
        &mut p.countries_of_origin,
        &lists(|h| &h.countries_of_origin),
    )?;
    code_countries(
        &mut p.countries_of_recruitment,
        &lists(|h| &h.countries_of_recruitment),
    )?;
    code_countries(
        &mut p.countries_of_exploitation,
        &lists(|h| &h.countries_of_exploitation),
    )?;
    let identified: Vec<_> = held.iter().map(|h| h.identified_on.as_ref()).collect();
    day(
        &mut p.identified_on,
        "identification date",
        &identified,
        today,
    )?;
    let closed: Vec<_> = held.iter().map(|h| h.closed_on.as_ref()).collect();
    day(&mut p.closed_on, "closure date", &closed, today)?;
    check_steps(p, held, today)?;
    check_rules(p, today).map_err(Error::CaseRule)
}

fn code_countries(list: &mut Vec<String>, held: &[&Vec<String>]) -> Result<()> {
    for text in list.iter_mut() {
        match codes::match_country(text) {
            Some(country) => *text = country.code.to_owned(),
            None if held.iter().any(|h| h.contains(text)) => {}
            None => return Err(unknown("country", text, COUNTRY_FORMS)),
        }
    }
    list.sort();
    list.dedup();
    Ok(())
}

/// Normalises an optional date; empty is none.
fn day(
    value: &mut Option<String>,
    what: &'static str,
    held: &[Option<&String>],
    today: NaiveDate,
) -> Result<()> {
    let Some(text) = value.as_mut() else {
        return Ok(());
    };
    if text.trim().is_empty() {
        *value = None;
        return Ok(());
    }
    if !held.contains(&Some(&*text)) {
        *text = past_day(what, text, today)?;
    }
    Ok(())
}

fn past_day(what: &'static str, text: &str, today: NaiveDate) -> Result<String> {
    let d = parse_date(what, text)?;
    if d > today {
        return Err(Error::FutureDate {
            what,
            given: text.trim().to_owned(),
        });
    }
    Ok(d.format("%Y-%m-%d").to_string())
}

/// Identification steps and proceedings entries: each new or changed one
/// is checked; both lists end in date order.
fn check_steps(p: &mut CaseProfile, held: &[&CaseProfile], today: NaiveDate) -> Result<()> {
    for step in &mut p.identification {
        if held.iter().any(|h| h.identification.contains(step)) {
            continue;
        }
        step.date = past_day("date of an identification step", &step.date, today)?;
        if step.decision.is_some() && !step.kind.has_decision() {
            return Err(Error::CaseRule(CaseRule::DecisionOnReferral));
        }
        step.note = step.note.take().filter(|n| !n.trim().is_empty());
    }
    for entry in &mut p.proceedings {
        if held.iter().any(|h| h.proceedings.contains(entry)) {
            continue;
        }
        entry.date = past_day("date of a proceedings entry", &entry.date, today)?;
        entry.note = entry.note.take().filter(|n| !n.trim().is_empty());
    }
    p.identification.sort_by(|a, b| a.date.cmp(&b.date));
    p.proceedings.sort_by(|a, b| a.date.cmp(&b.date));
    Ok(())
}

fn check_rules(p: &CaseProfile, today: NaiveDate) -> std::result::Result<(), CaseRule> {
    if p.year_of_birth.is_some() && p.age_band.is_some() {
        return Err(CaseRule::BirthYearAndAgeBand);
    }
    let identified = p.identification_day();
    if let Some(year) = p.year_of_birth.map(i32::from) {
        if !(1900..=today.year()).contains(&year) {
            return Err(CaseRule::BirthYearOutOfRange);
        }
        if identified.is_some_and(|d| d.year() < year) {
            return Err(CaseRule::BornAfterIdentification);
        }
    }
    if p.closure_reason.is_some() && p.closed_on.is_none() {
        return Err(CaseRule::ClosureReasonWithoutDate);
    }
    let closed = p
        .closed_on
        .as_deref()
        .and_then(|d| parse_date("closure date", d).ok());
    if let (Some(closed), Some(identified)) = (closed, identified) {
        if closed < identified {
            return Err(CaseRule::ClosedBeforeIdentified);
        }
    }
    Ok(())
}
