//! Gathers what a case summary shows into the JSON its template lays out
//! (every string already in the report's language) and the list of
//! entries for its manifest.
//!
//! Invariants: only live records of the case are read (the vault leaves
//! out deleted and erased ones); the identity is read only when asked for;
//! every entry shown gets a reference (`E1`, …) tied to one signed version,
//! listed in the manifest and the provenance appendix.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate};
use serde_json::{json, Map, Value};
use uuid::Uuid;

use super::case_summary::{CaseReportRequest, ManifestEntry, Signer};
use super::case_text::{self, Labels};
use crate::case_model::Lang;
use crate::error::{Error, Result};
use crate::model::{body_hash, Body, CaseBody, NeedBody, NoteBody, Version};
use crate::records::RecordState;
use crate::vault::Vault;
use crate::views::shown_head;

/// The template's data and the manifest's entries.
pub(super) struct Gathered {
    pub data: Value,
    pub entries: Vec<ManifestEntry>,
    pub code: String,
    pub title: String,
}

/// Hands out references and keeps the manifest's entries.
pub(super) struct Entries {
    names: HashMap<Uuid, String>,
    by_version: HashMap<Uuid, String>,
    pub list: Vec<ManifestEntry>,
    pub rows: Vec<Value>,
}

impl Entries {
    /// The reference of version `v` (body `body`), registering it once.
    pub fn add(&mut self, l: &Labels, v: &Version, body: &Body, what: &str) -> String {
        if let Some(r) = self.by_version.get(&v.version_id) {
            return r.clone();
        }
        let reference = format!("E{}", self.list.len() + 1);
        let author_name = self.author(v.author);
        let time = v.hlc.to_rfc3339();
        let blake3 = v.body_hash.clone().unwrap_or_else(|| body_hash(body));
        self.rows.push(json!({
            "ref": reference,
            "kind": l.get(&format!("kind_{}", v.kind.as_str())),
            "what": what,
            "author": format!("{author_name} ({})", &v.author.to_string()[..8]),
            "time": case_text::time(&time),
            "record": v.record_id.to_string(),
            "version": v.version_id.to_string(),
            "hash": blake3,
        }));
        self.list.push(ManifestEntry {
            reference: reference.clone(),
            kind: v.kind,
            record_id: v.record_id,
            version_id: v.version_id,
            author: v.author,
            author_name,
            time,
            blake3,
        });
        self.by_version.insert(v.version_id, reference.clone());
        reference
    }

    pub fn author(&self, id: Uuid) -> String {
        self.names
            .get(&id)
            .cloned()
            .unwrap_or_else(|| id.to_string()[..8].to_owned())
    }
}

/// A live record of the case with the version it is shown by.
struct Shown<'a> {
    state: &'a RecordState,
    head: &'a Version,
    body: &'a Body,
}

fn shown(state: &RecordState) -> Option<Shown<'_>> {
    let head = shown_head(state)?;
    Some(Shown {
        state,
        head,
        body: head.body.as_ref()?,
    })
}

/// Gathers case `req.case` for its summary.
pub(super) fn gather(
    vault: &Vault,
    req: &CaseReportRequest,
    signer: &Signer,
    made_at: &str,
) -> Result<Gathered> {
    let l = Labels::new(req.lang);
    let heads = vault.heads(req.case)?;
    let state = RecordState {
        record_id: req.case,
        kind: heads[0].kind,
        conflict: heads.len() > 1,
        heads,
    };
    let not_a_case = || Error::NotFound {
        what: "case",
        id: req.case.to_string(),
    };
    let case = shown(&state).ok_or_else(not_a_case)?;
    let Body::Case(c) = case.body else {
        return Err(not_a_case());
    };
    let mut entries = Entries {
        names: vault.device_names()?,
        by_version: HashMap::new(),
        list: Vec::new(),
        rows: Vec::new(),
    };
    let case_ref = entries.add(&l, case.head, case.body, &c.code);
    let records = vault.case_records(req.case)?;
    let live: Vec<Shown<'_>> = records.iter().filter_map(shown).collect();
    let notes = chronology(vault, req, &l, &live, &mut entries)?;
    let needs = needs(vault, &l, &live, &mut entries)?;
    let mut data = Map::new();
    data.insert("lang".into(), json!(lang_tag(req.lang)));
    data.insert("code".into(), json!(c.code));
    data.insert(
        "title".into(),
        json!(format!("{} {}", l.get("title"), c.code)),
    );
    data.insert("meta".into(), meta(&l, req, signer, made_at));
    let mut facts = case_text::facts(&l, c);
    facts.push(json!([l.get("entry"), case_ref]));
    data.insert("facts".into(), Value::Array(facts));
    data.insert("identity".into(), identity(&l, c, req.with_identity));
    data.insert("notes".into(), Value::Array(notes));
    data.insert("needs".into(), Value::Array(needs));
    tables(&l, &live, &mut entries, &mut data);
    data.insert("provenance".into(), Value::Array(entries.rows));
    data.insert("labels".into(), l.json());
    Ok(Gathered {
        title: format!("{} {}", l.get("title"), c.code),
        code: c.code.clone(),
        data: Value::Object(data),
        entries: entries.list,
    })
}

pub(super) fn lang_tag(lang: Lang) -> &'static str {
    match lang {
        Lang::Ro => "ro",
        _ => "en",
    }
}

fn meta(l: &Labels, req: &CaseReportRequest, signer: &Signer, made_at: &str) -> Value {
    let period = match (req.from, req.to) {
        (None, None) => l.get("period_all").to_owned(),
        (from, to) => {
            let mut s = String::new();
            if let Some(f) = from {
                s.push_str(&format!("{} {f} ", l.get("period_from")));
            }
            if let Some(t) = to {
                s.push_str(&format!("{} {t}", l.get("period_to")));
            }
            s.trim().to_owned()
        }
    };
    let notes = l.get(if req.notes.is_some() {
        "notes_chosen"
    } else {
        "notes_all"
    });
    let laptop = if signer.name.trim().is_empty() {
        signer.device_id.to_string()
    } else {
        signer.name.clone()
    };
    let yes_no = l.get(if req.with_identity { "yes" } else { "no" });
    json!([
        [l.get("made_at"), case_text::time(made_at)],
        [
            l.get("made_by"),
            format!("{laptop} ({} {})", l.get("fingerprint"), signer.fingerprint)
        ],
        [l.get("period"), period],
        [l.get("notes_shown"), notes],
        [l.get("identity_included"), yes_no],
    ])
}

fn identity(l: &Labels, c: &CaseBody, with_identity: bool) -> Value {
    if !with_identity {
        return Value::Null;
    }
    let i = &c.identity;
    let mut rows = Vec::new();
    if let Some(n) = i.name.as_deref().filter(|n| !n.trim().is_empty()) {
        rows.push(json!([l.get("name"), n]));
    }
    if let Some(d) = i.date_of_birth.as_deref().filter(|d| !d.trim().is_empty()) {
        rows.push(json!([l.get("date_of_birth"), d]));
    }
    if !i.contacts.is_empty() {
        rows.push(json!([l.get("contacts"), i.contacts.join("; ")]));
    }
    Value::Array(rows)
}

/// The day a note is placed on: when it took place, else when it was written.
fn note_day(n: &NoteBody, head: &Version) -> Option<NaiveDate> {
    n.when
        .as_deref()
        .and_then(crate::dates::day_of)
        .or_else(|| {
            let ms = i64::try_from(head.hlc.wall_ms).ok()?;
            DateTime::from_timestamp_millis(ms).map(|t| t.date_naive())
        })
}

/// The chosen notes in the period, oldest first.
fn chronology(
    vault: &Vault,
    req: &CaseReportRequest,
    l: &Labels,
    live: &[Shown<'_>],
    entries: &mut Entries,
) -> Result<Vec<Value>> {
    let notes: Vec<(&Shown<'_>, &NoteBody)> = live
        .iter()
        .filter_map(|s| match s.body {
            Body::Note(n) => Some((s, n)),
            _ => None,
        })
        .collect();
    if let Some(chosen) = &req.notes {
        for id in chosen {
            if !notes.iter().any(|(s, _)| s.state.record_id == *id) {
                return Err(Error::NotFound {
                    what: "note of this case",
                    id: id.to_string(),
                });
            }
        }
    }
    let mut picked: Vec<(Option<NaiveDate>, &Shown<'_>, &NoteBody)> = notes
        .into_iter()
        .filter(|(s, n)| match &req.notes {
            Some(chosen) => chosen.contains(&s.state.record_id),
            None => !n.draft,
        })
        .map(|(s, n)| (note_day(n, s.head), s, n))
        .filter(|(day, _, _)| {
            day.is_none_or(|d| req.from.is_none_or(|f| d >= f) && req.to.is_none_or(|t| d <= t))
        })
        .collect();
    picked.sort_by(|a, b| {
        (a.0, &a.2.when, a.1.state.record_id).cmp(&(b.0, &b.2.when, b.1.state.record_id))
    });
    let catalog = vault.forms();
    Ok(picked
        .into_iter()
        .map(|(_, s, n)| {
            let heading = case_text::note_heading(l, n);
            let reference = entries.add(l, s.head, s.body, &heading);
            case_text::note(l, n, &catalog, reference, s.state.conflict)
        })
        .collect())
}

/// Each need with its referral history: every version that changed its
/// status or where it was referred to.
fn needs(
    vault: &Vault,
    l: &Labels,
    live: &[Shown<'_>],
    entries: &mut Entries,
) -> Result<Vec<Value>> {
    let mut out = Vec::new();
    for s in live {
        let Body::Need(n) = s.body else { continue };
        let heading = format!(
            "{} — {}",
            n.category.label(l.lang),
            n.priority.label(l.lang)
        );
        let reference = entries.add(l, s.head, s.body, &heading);
        let mut history = Vec::new();
        let mut last: Option<(crate::vocab::ReferralStatus, Option<String>)> = None;
        for v in vault.history(s.state.record_id)? {
            let Some(
                body @ Body::Need(NeedBody {
                    status,
                    referral_target,
                    ..
                }),
            ) = &v.body
            else {
                continue;
            };
            let now = (*status, referral_target.clone());
            if last.as_ref() == Some(&now) {
                continue;
            }
            let step = entries.add(l, &v, body, &heading);
            history.push(json!([
                case_text::day(&v.hlc.to_rfc3339()),
                status.label(l.lang),
                referral_target.clone().unwrap_or_else(|| "—".into()),
                entries.author(v.author),
                step,
            ]));
            last = Some(now);
        }
        out.push(json!({
            "ref": reference,
            "heading": heading,
            "fields": case_text::need_fields(l, n),
            "history": history,
        }));
    }
    Ok(out)
}

/// Consents, follow-ups and attached files, one table each.
fn tables(l: &Labels, live: &[Shown<'_>], entries: &mut Entries, data: &mut Map<String, Value>) {
    let (mut consents, mut followups, mut files) = (Vec::new(), Vec::new(), Vec::new());
    let dash = |s: Option<&str>| s.filter(|s| !s.trim().is_empty()).unwrap_or("—").to_owned();
    for s in live {
        match s.body {
            Body::Consent(c) => {
                let what = c.scope.label(l.lang);
                let r = entries.add(l, s.head, s.body, what);
                consents.push(json!([
                    what,
                    dash(c.service.as_deref()),
                    case_text::time(&c.given_at),
                    c.withdrawn_at
                        .as_deref()
                        .map_or_else(|| l.get("still_valid").to_owned(), case_text::time),
                    dash(c.note.as_deref()),
                    r,
                ]));
            }
            Body::FollowUp(f) => {
                let r = entries.add(l, s.head, s.body, &f.title);
                let done = l.get(if f.done { "yes" } else { "no" });
                followups.push(json!([
                    f.title,
                    dash(f.due.as_deref()),
                    dash(f.assigned_to.as_deref()),
                    done,
                    r
                ]));
            }
            Body::Attachment(a) => {
                let r = entries.add(l, s.head, s.body, &a.file_name);
                files.push(json!([
                    a.file_name,
                    dash(a.media_type.as_deref()),
                    case_text::size(a.size),
                    a.blake3,
                    r,
                ]));
            }
            _ => {}
        }
    }
    data.insert("consents".into(), Value::Array(consents));
    data.insert("followups".into(), Value::Array(followups));
    data.insert("attachments".into(), Value::Array(files));
}
