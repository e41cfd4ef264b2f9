//! The words of a case summary in its language: the template's labels
//! (`case_labels.json`, English and Romanian, the same keys in both) and
//! the record fields written out as people read them, with the core's
//! vocabulary labels.

use std::sync::LazyLock;

use serde_json::{json, Map, Value};

use crate::case_model::{codes, Labelled, Lang};
use crate::forms::{describe_answers, yes_no, Answer, Catalog};
use crate::model::{CaseBody, NeedBody, NoteBody};

static LABELS: LazyLock<Map<String, Value>> =
    LazyLock::new(|| serde_json::from_str(include_str!("case_labels.json")).unwrap_or_default());

/// The labels of one language.
pub(super) struct Labels {
    pub lang: Lang,
    table: &'static Map<String, Value>,
}

static EMPTY: LazyLock<Map<String, Value>> = LazyLock::new(Map::new);

impl Labels {
    pub fn new(lang: Lang) -> Labels {
        let key = super::case_data::lang_tag(lang);
        let table = match LABELS.get(key) {
            Some(Value::Object(t)) => t,
            _ => &EMPTY,
        };
        Labels { lang, table }
    }

    /// The label `key`; the key itself if missing (a test checks none is).
    pub fn get<'a>(&self, key: &'a str) -> &'a str
    where
        'static: 'a,
    {
        self.table.get(key).and_then(Value::as_str).unwrap_or(key)
    }

    pub fn json(&self) -> Value {
        Value::Object(self.table.clone())
    }

    fn tag(&self) -> &'static str {
        super::case_data::lang_tag(self.lang)
    }
}

/// An RFC 3339 time as `YYYY-MM-DD HH:MM UTC`; other text as it is.
pub(super) fn time(rfc3339: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(rfc3339) {
        Ok(t) => t
            .with_timezone(&chrono::Utc)
            .format("%Y-%m-%d %H:%M UTC")
            .to_string(),
        Err(_) => rfc3339.to_owned(),
    }
}

/// The calendar day (UTC) of an RFC 3339 time.
pub(super) fn day(rfc3339: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(rfc3339) {
        Ok(t) => t.with_timezone(&chrono::Utc).format("%Y-%m-%d").to_string(),
        Err(_) => rfc3339.to_owned(),
    }
}

/// A file size for people.
pub(super) fn size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["B", "KB", "MB", "GB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

fn labels<T: Labelled>(l: &Labels, values: impl IntoIterator<Item = T>) -> String {
    values
        .into_iter()
        .map(|v| v.label(l.lang))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The case's facts as (label, value) rows; empty fields left out.
pub(super) fn facts(l: &Labels, c: &CaseBody) -> Vec<Value> {
    let coded = crate::case_model::coded(c);
    let p = &c.profile;
    let mut rows: Vec<(&str, String)> = vec![
        ("code", c.code.clone()),
        ("status", c.status.label(l.lang).to_owned()),
    ];
    let mut opt = |key: &'static str, value: Option<String>| {
        if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
            rows.push((key, v));
        }
    };
    opt("risk", c.risk.map(|r| r.label(l.lang).to_owned()));
    opt("assigned_worker", c.assigned_worker.clone());
    opt(
        "nationality",
        coded.nationality.map(|n| codes::country_name(&n, l.lang)),
    );
    let langs: Vec<String> = coded
        .languages
        .iter()
        .map(|c| codes::language_name(c, l.lang))
        .collect();
    opt("languages", Some(langs.join(", ")));
    opt("gender", p.gender.map(|g| g.label(l.lang).to_owned()));
    opt("year_of_birth", p.year_of_birth.map(|y| y.to_string()));
    opt("age_band", p.age_band.map(|a| a.label(l.lang).to_owned()));
    opt("child", p.is_child().map(|c| yes_no(l.tag(), c).to_owned()));
    opt("identified_on", p.identified_on.clone());
    opt(
        "exploitation_types",
        Some(labels(l, p.exploitation_types.iter().copied())),
    );
    for (key, list) in [
        ("countries_of_origin", &p.countries_of_origin),
        ("countries_of_recruitment", &p.countries_of_recruitment),
        ("countries_of_exploitation", &p.countries_of_exploitation),
    ] {
        let names: Vec<String> = list
            .iter()
            .map(|c| codes::country_name(c, l.lang))
            .collect();
        opt(key, Some(names.join(", ")));
    }
    opt(
        "referral_source",
        p.referral_source.map(|r| r.label(l.lang).to_owned()),
    );
    opt("closed_on", p.closed_on.clone());
    opt(
        "closure_reason",
        p.closure_reason.map(|r| r.label(l.lang).to_owned()),
    );
    let (steps, proceedings) = course(l, p);
    opt("identification", Some(steps));
    opt("proceedings", Some(proceedings));
    rows.into_iter()
        .map(|(k, v)| json!([l.get(k), v]))
        .collect()
}

/// The identification steps and the proceedings, one line each.
fn course(l: &Labels, p: &crate::case_model::CaseProfile) -> (String, String) {
    let steps: Vec<String> = p
        .identification
        .iter()
        .map(|i| {
            let mut s = format!("{}: {}", i.date, i.kind.label(l.lang));
            if let Some(d) = i.decision {
                s.push_str(&format!(" ({})", d.label(l.lang)));
            }
            if let Some(n) = i.note.as_deref().filter(|n| !n.trim().is_empty()) {
                s.push_str(&format!(". {n}"));
            }
            s
        })
        .collect();
    let proceedings: Vec<String> = p
        .proceedings
        .iter()
        .map(
            |e| match e.note.as_deref().filter(|n| !n.trim().is_empty()) {
                Some(n) => format!("{}: {}. {n}", e.date, e.status.label(l.lang)),
                None => format!("{}: {}", e.date, e.status.label(l.lang)),
            },
        )
        .collect();
    (steps.join("\n"), proceedings.join("\n"))
}

/// "2026-03-01 14:30 — Intake interview".
pub(super) fn note_heading(l: &Labels, n: &NoteBody) -> String {
    let when = match n.when.as_deref().map(crate::dates::parse_when) {
        Some(Ok(crate::dates::When::Date(d))) => d.format("%Y-%m-%d").to_string(),
        Some(Ok(crate::dates::When::Local(t))) => t.format("%Y-%m-%d %H:%M").to_string(),
        Some(Ok(crate::dates::When::Exact(t))) => t.format("%Y-%m-%d %H:%M %:z").to_string(),
        Some(Err(_)) => n.when.clone().unwrap_or_default(),
        None => l.get("date_unknown").to_owned(),
    };
    format!("{when} — {}", n.kind.label(l.lang))
}

/// A note of the chronology.
pub(super) fn note(
    l: &Labels,
    n: &NoteBody,
    catalog: &Catalog,
    reference: String,
    conflict: bool,
) -> Value {
    let mut fields = Vec::new();
    let mut push = |key: &str, value: Option<String>| {
        if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
            fields.push(json!([l.get(key), v]));
        }
    };
    push("place", n.place.clone());
    push("present", Some(n.present.join(", ")));
    push("interpreter", n.interpreter.clone());
    let narrative: Vec<&str> = n
        .narrative
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let answers = match &n.form {
        Some(nf) => {
            let form = catalog.get_version(&nf.id, nf.form_version);
            describe_answers(form, nf, l.tag())
                .into_iter()
                .map(|line| {
                    let value = match &line.answer {
                        Answer::Bool(b) => yes_no(l.tag(), *b).to_owned(),
                        Answer::Number(n) => n.to_string(),
                        _ if !line.choices.is_empty() => line.choices.join(", "),
                        Answer::Text(t) => t.clone(),
                        Answer::Choices(c) => c.join(", "),
                        Answer::Other(v) => v.to_string(),
                    };
                    json!([line.label.unwrap_or(line.question), value])
                })
                .collect()
        }
        None => Vec::new(),
    };
    json!({
        "ref": reference,
        "heading": note_heading(l, n),
        "draft": n.draft,
        "conflict": conflict,
        "fields": fields,
        "narrative": narrative,
        "answers": answers,
    })
}

/// A need's own fields.
pub(super) fn need_fields(l: &Labels, n: &NeedBody) -> Value {
    let mut rows = vec![json!([l.get("status"), n.status.label(l.lang)])];
    for (key, value) in [
        ("description", Some(n.description.clone())),
        ("referral_target", n.referral_target.clone()),
        ("due", n.due.clone()),
    ] {
        if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
            rows.push(json!([l.get(key), v]));
        }
    }
    Value::Array(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_is_in_both_languages() {
        let keys = |lang| -> Vec<String> {
            let mut k: Vec<String> = Labels::new(lang).table.keys().cloned().collect();
            k.sort();
            k
        };
        assert!(keys(Lang::En).len() > 50);
        assert_eq!(keys(Lang::En), keys(Lang::Ro));
        let ro = Labels::new(Lang::Ro);
        assert_eq!(ro.get("confidential"), "Confidențial");
        assert!(ro
            .table
            .values()
            .all(|v| v.as_str().is_some_and(|s| !s.trim().is_empty())));
    }

    #[test]
    fn times_and_sizes_read_as_people_write_them() {
        assert_eq!(time("2026-03-01T10:05:07.5Z"), "2026-03-01 10:05 UTC");
        assert_eq!(day("2026-03-01T23:30:00-02:00"), "2026-03-02");
        assert_eq!(time("not a time"), "not a time");
        assert_eq!(size(999), "999 B");
        assert_eq!(size(12_345), "12.3 KB");
    }
}
