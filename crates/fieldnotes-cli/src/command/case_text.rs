//! The case page as text: the case, its identity when revealed, its
//! profile with English labels and country and language names, and one
//! line per record.

use fieldnotes_core::case_model::codes;
use fieldnotes_core::views::CasePage;
use fieldnotes_core::{Body, CaseProfile, Kind, Labelled, Lang};
use uuid::Uuid;

use crate::output::summary;

/// A case page for people: the case, its identity when revealed, and one
/// line per record.
pub fn case_text(page: &CasePage) -> String {
    let mut text = case_header(page);
    let mut line = |kind: Kind, id: Uuid, body: Body, conflict: bool| {
        let mark = if conflict { "  CONFLICT" } else { "" };
        let what = summary(Some(&body), false);
        text.push_str(&format!("  {:<10} {id}  {what}{mark}\n", kind.as_str()));
    };
    for n in &page.notes {
        line(Kind::Note, n.id, Body::Note(n.body.clone()), n.conflict);
    }
    for n in &page.needs {
        line(Kind::Need, n.id, Body::Need(n.body.clone()), n.conflict);
    }
    for n in &page.consents {
        let body = Body::Consent(n.body.clone());
        line(Kind::Consent, n.id, body, n.conflict);
    }
    for n in &page.followups {
        let body = Body::FollowUp(n.body.clone());
        line(Kind::FollowUp, n.id, body, n.conflict);
    }
    for a in &page.attachments {
        let what = format!("{} ({} bytes)", a.file_name, a.size);
        let kind = Kind::Attachment.as_str();
        text.push_str(&format!("  {kind:<10} {}  {what}\n", a.id));
    }
    text.trim_end().to_owned()
}

/// The case page's first lines: code, status, identity, the case's fields.
fn case_header(page: &CasePage) -> String {
    let c = &page.summary;
    let mut text = format!("Case {} [{}]\n", c.code, c.status);
    match &page.identity {
        Some(i) => text.push_str(&format!(
            "  name: {}\n  date of birth: {}\n  contacts: {}\n",
            i.name.as_deref().unwrap_or("-"),
            i.date_of_birth.as_deref().unwrap_or("-"),
            i.contacts.join(", ")
        )),
        None if page.has_identity => {
            text.push_str("  identity: restricted (show it with --reveal)\n")
        }
        None => {}
    }
    let languages: Vec<String> = c.languages.iter().map(|l| language(l)).collect();
    text.push_str(&format!(
        "  nationality: {}  languages: {}  risk: {}  worker: {}  open needs: {}\n",
        c.nationality
            .as_deref()
            .map(country)
            .unwrap_or_else(|| "-".into()),
        dash(languages.join(", ")),
        c.risk.map(|r| r.as_str()).unwrap_or("-"),
        c.assigned_worker.as_deref().unwrap_or("-"),
        c.open_needs
    ));
    text.push_str(&profile_text(&page.profile, c.is_child));
    if !page.to_review.is_empty() {
        text.push_str(&format!(
            "  REVIEW: no code matches {}; set the codes with `fieldnotes case set`\n",
            page.to_review.join(", ")
        ));
    }
    text
}

fn dash(s: String) -> String {
    if s.is_empty() {
        "-".into()
    } else {
        s
    }
}

fn label<T: Labelled>(v: Option<T>) -> &'static str {
    v.map_or("-", |v| v.label(Lang::En))
}

/// `RO (Romania)`, or the stored text when it is no code.
fn country(code: &str) -> String {
    match codes::country(code) {
        Some(c) => format!("{} ({})", c.code, c.name_en),
        None => code.to_owned(),
    }
}

/// `ro (Romanian)`, or the stored text when it is no code.
fn language(code: &str) -> String {
    match codes::language(code) {
        Some(l) => format!("{} ({})", l.code, l.name_en),
        None => code.to_owned(),
    }
}

fn countries(list: &[String]) -> String {
    dash(
        list.iter()
            .map(|c| country(c))
            .collect::<Vec<_>>()
            .join(", "),
    )
}

/// The profile's lines: every field, `-` when not recorded.
fn profile_text(p: &CaseProfile, is_child: Option<bool>) -> String {
    let child = match is_child {
        Some(true) => "yes",
        Some(false) => "no",
        None => "unknown",
    };
    let exploitation: Vec<&str> = p
        .exploitation_types
        .iter()
        .map(|e| e.label(Lang::En))
        .collect();
    let mut text = format!(
        "  gender: {}  year of birth: {}  age band: {}  child at identification: {child}\n",
        label(p.gender),
        p.year_of_birth.map_or("-".into(), |y| y.to_string()),
        label(p.age_band),
    );
    text.push_str(&format!(
        "  identified on: {}  referral source: {}  closed on: {}  closure reason: {}\n",
        p.identified_on.as_deref().unwrap_or("-"),
        label(p.referral_source),
        p.closed_on.as_deref().unwrap_or("-"),
        label(p.closure_reason),
    ));
    text.push_str(&format!(
        "  exploitation: {}\n",
        dash(exploitation.join(", "))
    ));
    text.push_str(&format!(
        "  countries of origin: {}  of recruitment: {}  of exploitation: {}\n",
        countries(&p.countries_of_origin),
        countries(&p.countries_of_recruitment),
        countries(&p.countries_of_exploitation),
    ));
    text.push_str(&steps_text(p));
    text
}

/// One line per identification step and proceedings entry.
fn steps_text(p: &CaseProfile) -> String {
    let mut text = String::new();
    for step in &p.identification {
        let decision = step
            .decision
            .map_or(String::new(), |d| format!(": {}", d.label(Lang::En)));
        let note = step
            .note
            .as_deref()
            .map_or(String::new(), |n| format!(" ({n})"));
        text.push_str(&format!(
            "  identification {}  {}{decision}{note}\n",
            step.date,
            step.kind.label(Lang::En)
        ));
    }
    for entry in &p.proceedings {
        let note = entry
            .note
            .as_deref()
            .map_or(String::new(), |n| format!(" ({n})"));
        text.push_str(&format!(
            "  proceedings {}  {}{note}\n",
            entry.date,
            entry.status.label(Lang::En)
        ));
    }
    text
}
