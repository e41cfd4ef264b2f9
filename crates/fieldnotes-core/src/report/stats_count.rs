//! Counting the statistics' tables from what `stats.rs` read, and the
//! words they are labelled with (English and Romanian).
//!
//! Invariants: counts go straight into a `stats_table::Builder` and leave
//! only suppressed; the case tables share one builder (their totals are
//! all the number of cases, and the child flag adds up from the age
//! bands), the need tables another, the referral figures a third. Rows are
//! in vocabulary order, nationalities by name: never by count, which would
//! rank the suppressed cells.

use std::collections::HashMap;
use std::hash::Hash;

use chrono::{Datelike, NaiveDate};

use super::stats::{CaseFacts, Median, NeedFacts, Period, Source, Statistics, StatsRequest};
use super::stats_table::{Builder, Table};
use crate::case_model::{codes, AgeBand, ExploitationType, Labelled, Lang, ReferralSource};
use crate::case_model::{Decision, Gender, IdentificationKind};
use crate::vocab::{NeedCategory, ReferralStatus};

/// Nationalities shown by name at most; the rest count as "other".
const NATIONALITIES: usize = 15;

type Rows = Vec<(String, String, u64)>;

/// The tables' titles: (English, Romanian).
fn title(key: &str) -> Option<(&'static str, &'static str)> {
    Some(match key {
        "cases_by_gender" => ("Cases by gender", "Cazuri după gen"),
        "cases_by_age_band" => ("Cases by age band", "Cazuri după grupa de vârstă"),
        "cases_by_child_flag" => ("Children and adults", "Copii și adulți"),
        "cases_by_nationality" => ("Cases by nationality", "Cazuri după cetățenie"),
        "cases_by_exploitation_type" => (
            "Cases by exploitation type",
            "Cazuri după forma de exploatare",
        ),
        "cases_by_identification_status" => (
            "Cases by identification status",
            "Cazuri după stadiul identificării",
        ),
        "cases_by_referral_source" => ("Cases by referral source", "Cazuri după sursa trimiterii"),
        "needs_by_category" => ("Needs by category", "Nevoi după categorie"),
        "needs_by_referral_status" => ("Needs by referral status", "Nevoi după stadiul trimiterii"),
        "referrals_and_follow_ups" => ("Referrals and follow-ups", "Trimiteri și urmăriri"),
        _ => return None,
    })
}

/// The statistics' own words in `lang`.
pub(super) fn word(lang: Lang, key: &str) -> &'static str {
    let (en, ro) = title(key).unwrap_or(match key {
        "title" => ("Anonymised statistics", "Statistici anonimizate"),
        "period" => ("Period", "Perioada"),
        "filters" => ("Filters", "Filtre"),
        "none" => ("None", "Niciunul"),
        "sheet" => ("Statistics", "Statistici"),
        "count" => ("Count", "Număr"),
        "total" => ("Total", "Total"),
        "median" => (
            "Median days from first contact to a need met",
            "Mediana zilelor de la primul contact la o nevoie satisfăcută",
        ),
        "legend" => (
            "<5: from 1 to 4. x: hidden so that no hidden count can be worked out.",
            "<5: între 1 și 4. x: ascuns, ca nicio valoare ascunsă să nu poată fi dedusă.",
        ),
        "not_recorded" => ("Not recorded", "Neînregistrat"),
        "other_nationality" => ("Other nationalities", "Alte cetățenii"),
        "several" => ("Several types", "Mai multe forme"),
        "child" => ("Children (under 18)", "Copii (sub 18 ani)"),
        "adult" => ("Adults", "Adulți"),
        "possible_victim" => (
            "Identified as a possible victim",
            "Identificată ca posibilă victimă",
        ),
        "referred" => (
            "Referred for formal identification",
            "Trimisă spre identificare formală",
        ),
        "pending" => ("Formal decision pending", "Decizie formală în așteptare"),
        "positive" => ("Formally identified", "Identificată formal"),
        "negative" => ("Negative decision", "Decizie negativă"),
        "referrals_made" => ("Referrals made", "Trimiteri făcute"),
        "referrals_met" => ("Referrals met", "Trimiteri satisfăcute"),
        "follow_ups_overdue" => ("Follow-ups overdue", "Urmăriri restante"),
        "status" => ("Status", "Stare"),
        "exploitation" => ("Exploitation type", "Forma de exploatare"),
        "worker" => ("One worker's cases", "Cazurile unui singur lucrător"),
        _ => ("", ""),
    });
    match lang {
        Lang::En => en,
        Lang::Ro => ro,
    }
}

fn row(lang: Lang, key: &str, n: u64) -> (String, String, u64) {
    (key.to_owned(), word(lang, key).to_owned(), n)
}

/// Tallies `values` (`None`: not recorded) into one row per vocabulary value.
fn vocab_rows<T: Labelled + Eq + Hash>(
    all: &[T],
    values: impl Iterator<Item = Option<T>>,
    lang: Lang,
) -> Rows {
    let mut counts: HashMap<Option<T>, u64> = HashMap::new();
    for v in values {
        *counts.entry(v).or_default() += 1;
    }
    let mut rows: Rows = all
        .iter()
        .map(|v| {
            let n = counts.get(&Some(*v)).copied().unwrap_or(0);
            (v.name().to_owned(), v.label(lang).to_owned(), n)
        })
        .collect();
    rows.push(row(
        lang,
        "not_recorded",
        counts.get(&None).copied().unwrap_or(0),
    ));
    rows
}

/// The age band of a case: recorded, or from the year of birth at
/// identification (else at first contact). Someone who turns 18 in that
/// year is presumed a child, as [`crate::CaseProfile::is_child`] presumes.
fn age_band(c: &CaseFacts) -> Option<AgeBand> {
    let p = &c.body.profile;
    if p.age_band.is_some() {
        return p.age_band;
    }
    let at = p.identification_day().unwrap_or(c.start);
    let age = at.year() - i32::from(p.year_of_birth?);
    Some(match age {
        ..=11 => AgeBand::Under12,
        12..=14 => AgeBand::From12To14,
        15..=18 => AgeBand::From15To17,
        19..=24 => AgeBand::From18To24,
        25..=34 => AgeBand::From25To34,
        35..=49 => AgeBand::From35To49,
        _ => AgeBand::From50,
    })
}

/// The identification status of a case: its latest formal step, else
/// whether it was identified as a possible victim.
fn identification(c: &CaseFacts) -> &'static str {
    let p = &c.body.profile;
    match p.identification.last() {
        Some(step) if step.kind == IdentificationKind::UkNrmReferral => "referred",
        Some(step) => match step.decision {
            Some(Decision::Positive) => "positive",
            Some(Decision::Negative) => "negative",
            _ => "pending",
        },
        None if p.identified_on.is_some() => "possible_victim",
        None => "not_recorded",
    }
}

fn nationality_rows(cases: &[&CaseFacts], lang: Lang) -> Rows {
    let mut by_code: HashMap<Option<String>, u64> = HashMap::new();
    for c in cases {
        let code = crate::case_model::coded(&c.body)
            .nationality
            .map(|n| codes::country(&n).map_or_else(String::new, |k| k.code.to_owned()));
        *by_code.entry(code).or_default() += 1;
    }
    let mut named: Vec<(String, u64)> = by_code
        .iter()
        .filter_map(|(k, n)| k.clone().filter(|k| !k.is_empty()).map(|k| (k, *n)))
        .collect();
    named.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let other: u64 = named
        .iter()
        .skip(NATIONALITIES)
        .map(|(_, n)| n)
        .sum::<u64>()
        + by_code.get(&Some(String::new())).copied().unwrap_or(0);
    let mut rows: Rows = named
        .into_iter()
        .take(NATIONALITIES)
        .filter_map(|(code, n)| {
            Some((
                code.clone(),
                codes::country(&code)?.name(lang).to_owned(),
                n,
            ))
        })
        .collect();
    rows.sort_by(|a, b| a.1.cmp(&b.1));
    rows.push(row(lang, "other_nationality", other));
    rows.push(row(
        lang,
        "not_recorded",
        by_code.get(&None).copied().unwrap_or(0),
    ));
    rows
}

fn exploitation_rows(cases: &[&CaseFacts], lang: Lang) -> Rows {
    let mut rows = vocab_rows(
        ExploitationType::ALL,
        cases
            .iter()
            .filter_map(|c| match c.body.profile.exploitation_types.as_slice() {
                [] => Some(None),
                [one] => Some(Some(*one)),
                _ => None,
            }),
        lang,
    );
    let several = cases
        .iter()
        .filter(|c| c.body.profile.exploitation_types.len() > 1)
        .count() as u64;
    rows.insert(rows.len() - 1, row(lang, "several", several));
    rows
}

/// Adds the additive table `id`, titled in `lang`; returns its total's cell.
fn add(b: &mut Builder, id: &'static str, rows: Rows, lang: Lang) -> usize {
    let (_, total) = b.table(id, word(lang, id).to_owned(), rows, true);
    total.expect("an additive table has a total")
}

/// The age bands and the child flag, tied by their sums; returns the
/// total cell of each.
fn age_tables(b: &mut Builder, cases: &[&CaseFacts], lang: Lang) -> [usize; 2] {
    let bands: Vec<Option<AgeBand>> = cases.iter().map(|c| age_band(c)).collect();
    let rows = vocab_rows(AgeBand::ALL, bands.iter().copied(), lang);
    let (band_cells, n1) = b.table(
        "cases_by_age_band",
        word(lang, "cases_by_age_band").to_owned(),
        rows,
        true,
    );
    let children = bands.iter().flatten().filter(|b| b.is_child()).count() as u64;
    let adults = bands.iter().flatten().count() as u64 - children;
    let flag = vec![
        row(lang, "child", children),
        row(lang, "adult", adults),
        row(lang, "not_recorded", bands.len() as u64 - children - adults),
    ];
    let title = word(lang, "cases_by_child_flag").to_owned();
    let (flag_cells, n2) = b.table("cases_by_child_flag", title, flag, true);
    let child_bands = AgeBand::ALL.iter().filter(|a| a.is_child()).count();
    let all = AgeBand::ALL.len();
    b.link(band_cells[..child_bands].to_vec(), flag_cells[0]);
    b.link(band_cells[child_bands..all].to_vec(), flag_cells[1]);
    b.link(vec![band_cells[all]], flag_cells[2]);
    [n1.expect("additive"), n2.expect("additive")]
}

fn identification_rows(cases: &[&CaseFacts], lang: Lang) -> Rows {
    let mut counts: HashMap<&str, u64> = HashMap::new();
    for c in cases {
        *counts.entry(identification(c)).or_default() += 1;
    }
    let keys = [
        "possible_victim",
        "referred",
        "pending",
        "positive",
        "negative",
        "not_recorded",
    ];
    keys.iter()
        .map(|k| row(lang, k, counts.get(k).copied().unwrap_or(0)))
        .collect()
}

/// The case tables, in one builder: their totals are all the number of
/// cases, and the builder knows it.
fn case_tables(cases: &[&CaseFacts], lang: Lang) -> Vec<Table> {
    let mut b = Builder::default();
    let genders = cases.iter().map(|c| c.body.profile.gender);
    let genders = vocab_rows(Gender::ALL, genders, lang);
    let first = add(&mut b, "cases_by_gender", genders, lang);
    let mut totals = age_tables(&mut b, cases, lang).to_vec();
    let nationality = nationality_rows(cases, lang);
    totals.push(add(&mut b, "cases_by_nationality", nationality, lang));
    let exploitation = exploitation_rows(cases, lang);
    totals.push(add(
        &mut b,
        "cases_by_exploitation_type",
        exploitation,
        lang,
    ));
    let ident = identification_rows(cases, lang);
    totals.push(add(&mut b, "cases_by_identification_status", ident, lang));
    let sources = cases.iter().map(|c| c.body.profile.referral_source);
    let sources = vocab_rows(ReferralSource::ALL, sources, lang);
    totals.push(add(&mut b, "cases_by_referral_source", sources, lang));
    for t in totals {
        b.link(vec![first], t);
    }
    b.finish()
}

/// Whether `c` is counted: open during `period`, and passing the filter.
fn counted(c: &CaseFacts, request: &StatsRequest, period: Period) -> bool {
    let open = c.start <= period.last && c.end.is_none_or(|e| e >= period.first);
    let status = request.status.is_none_or(|s| s == c.body.status);
    let worker = request
        .worker
        .as_deref()
        .map(str::trim)
        .filter(|w| !w.is_empty());
    let worker = worker.is_none_or(|w| {
        c.body
            .assigned_worker
            .as_deref()
            .is_some_and(|a| a.trim().to_lowercase() == w.to_lowercase())
    });
    let kind = request
        .exploitation
        .is_none_or(|e| c.body.profile.exploitation_types.contains(&e));
    open && status && worker && kind
}

fn median(mut days: Vec<i64>) -> Median {
    if days.len() < 5 {
        return Median::Fewer;
    }
    days.sort_unstable();
    let mid = days.len() / 2;
    let twice = if days.len().is_multiple_of(2) {
        days[mid - 1] + days[mid]
    } else {
        2 * days[mid]
    };
    Median::Days(u64::try_from((twice + 1) / 2).unwrap_or(0))
}

fn filters(request: &StatsRequest) -> Vec<String> {
    let lang = request.lang;
    let mut out = Vec::new();
    if let Some(s) = request.status {
        out.push(format!("{}: {}", word(lang, "status"), s.label(lang)));
    }
    if let Some(e) = request.exploitation {
        out.push(format!("{}: {}", word(lang, "exploitation"), e.label(lang)));
    }
    if request
        .worker
        .as_deref()
        .is_some_and(|w| !w.trim().is_empty())
    {
        out.push(word(lang, "worker").to_owned());
    }
    out
}

/// The need tables, tied by their shared total.
fn need_tables(needs: &[&NeedFacts], lang: Lang) -> Vec<Table> {
    let mut b = Builder::default();
    let categories = needs.iter().map(|n| Some(n.category));
    let mut rows = vocab_rows(NeedCategory::ALL, categories, lang);
    rows.pop(); // a need always has a category: no "not recorded" row
    let t1 = add(&mut b, "needs_by_category", rows, lang);
    let mut rows = vocab_rows(
        ReferralStatus::ALL,
        needs.iter().map(|n| Some(n.status)),
        lang,
    );
    rows.pop();
    let t2 = add(&mut b, "needs_by_referral_status", rows, lang);
    b.link(vec![t1], t2);
    b.finish()
}

/// Referrals made and met, and follow-ups overdue: separate figures.
fn figures(needs: &[&NeedFacts], overdue: usize, period: Period, lang: Lang) -> Vec<Table> {
    let made = needs
        .iter()
        .filter(|n| n.referred.is_some_and(|d| period.contains(d)))
        .count();
    let met = needs
        .iter()
        .filter(|n| n.referred.is_some() && n.met.is_some_and(|d| period.contains(d)))
        .count();
    let rows = vec![
        row(lang, "referrals_made", made as u64),
        row(lang, "referrals_met", met as u64),
        row(lang, "follow_ups_overdue", overdue as u64),
    ];
    let mut b = Builder::default();
    let id = "referrals_and_follow_ups";
    b.table(id, word(lang, id).to_owned(), rows, false);
    b.finish()
}

/// The statistics of `source` for `request` over `period`; a follow-up
/// is overdue when not done and due in the period before `today`.
pub(super) fn statistics(
    request: &StatsRequest,
    period: Period,
    source: &Source,
    today: NaiveDate,
) -> Statistics {
    let lang = request.lang;
    let cases: HashMap<_, &CaseFacts> = source
        .cases
        .iter()
        .filter(|(_, c)| counted(c, request, period))
        .map(|(id, c)| (*id, c))
        .collect();
    let mut list: Vec<&CaseFacts> = cases.values().copied().collect();
    list.sort_by_key(|c| c.start);
    let needs: Vec<&NeedFacts> = source
        .needs
        .iter()
        .filter(|n| cases.contains_key(&n.case))
        .collect();
    let overdue = source
        .open_followups
        .iter()
        .filter(|(case, due)| cases.contains_key(case) && period.contains(*due) && *due < today)
        .count();
    let mut tables = case_tables(&list, lang);
    tables.extend(need_tables(&needs, lang));
    tables.extend(figures(&needs, overdue, period, lang));
    let days = needs
        .iter()
        .filter(|n| n.met.is_some_and(|d| period.contains(d)))
        .filter_map(|n| Some((n.met? - cases.get(&n.case)?.start).num_days()))
        .filter(|d| *d >= 0)
        .collect();
    Statistics {
        from_month: period.first.format("%Y-%m").to_string(),
        to_month: period.last.format("%Y-%m").to_string(),
        lang,
        filters: filters(request),
        tables,
        median_days_to_need_met: median(days),
    }
}
