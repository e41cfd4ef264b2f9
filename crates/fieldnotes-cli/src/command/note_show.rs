//! `note show` and `note accept`, and what `note add` says after adding a
//! form note: a note with its answers labelled in a chosen language, and
//! what the answers propose.
//!
//! Invariant: answers are shown whether or not the note's form is
//! installed here (without it, by raw question id and value); `--json`
//! carries the note's version exactly as stored, raw answers included.

use anyhow::Result;
use fieldnotes_core::forms::{
    describe_answers, reason_text, yes_no, Answer, AnswerLine, Form, Proposals,
};
use fieldnotes_core::{Body, NeedCategory, NoteBody, Vault};
use serde_json::json;
use uuid::Uuid;

use super::not_a;
use crate::output::{one_line, version_json};

pub fn show(vault: &Vault, id: Uuid, lang: &str, json: bool) -> Result<()> {
    let head = vault.current(id)?;
    let Some(Body::Note(note)) = &head.body else {
        return Err(not_a("note", id).into());
    };
    let catalog = vault.forms();
    let form = note
        .form
        .as_ref()
        .and_then(|f| catalog.get_version(&f.id, f.form_version));
    let lines = match &note.form {
        Some(f) => describe_answers(form, f, lang),
        None => Vec::new(),
    };
    let proposals = vault.note_proposals(id)?;
    if json {
        let value = json!({
            "note": version_json(&head, false)?,
            "form_installed": form.is_some(),
            "answers": lines,
            "proposals": proposals,
        });
        println!("{}", serde_json::to_string_pretty(&value)?);
        return Ok(());
    }
    let mut text = note_header(vault, id, note, form, lang);
    text.push_str(&answers_text(&lines, lang));
    if let Some(form) = form {
        text.push_str(&proposals_text(id, form, &proposals, lang));
    }
    println!("{}", text.trim_end());
    Ok(())
}

/// The note's first lines: kind, time, case, who was there, the form, the text.
fn note_header(vault: &Vault, id: Uuid, n: &NoteBody, form: Option<&Form>, lang: &str) -> String {
    let case = match vault.current(n.case).map(|v| v.body) {
        Ok(Some(Body::Case(c))) => c.code,
        _ => n.case.to_string(),
    };
    let draft = if n.draft { " (draft)" } else { "" };
    let when = n.when.as_deref().unwrap_or("-");
    let mut s = format!("Note {id} [{}] {when}{draft}\n  case: {case}\n", n.kind);
    let fields = [
        ("place", n.place.clone()),
        ("interpreter", n.interpreter.clone()),
        (
            "present",
            Some(n.present.join(", ")).filter(|p| !p.is_empty()),
        ),
        ("tags", Some(n.tags.join(", ")).filter(|t| !t.is_empty())),
    ];
    for (name, value) in fields {
        if let Some(v) = value {
            s.push_str(&format!("  {name}: {v}\n"));
        }
    }
    if let Some(f) = &n.form {
        let title = match form {
            Some(form) => form.title.text(lang).to_owned(),
            None => "a form not installed here".to_owned(),
        };
        s.push_str(&format!(
            "  form: {title} ({} version {}), asked in {}\n",
            f.id, f.form_version, f.lang
        ));
    }
    if !n.narrative.is_empty() {
        s.push_str(&format!("\n{}\n", n.narrative));
    }
    s
}

/// The answers, under their sections' titles.
fn answers_text(lines: &[AnswerLine], lang: &str) -> String {
    let mut s = String::new();
    let mut section: Option<&str> = None;
    for (i, line) in lines.iter().enumerate() {
        let here = line.section.as_deref();
        if i == 0 || here != section {
            s.push_str(&format!(
                "\n{}\n",
                here.unwrap_or("Answers to questions not known here")
            ));
            section = here;
        }
        let value = match &line.answer {
            Answer::Bool(b) => yes_no(lang, *b).to_owned(),
            Answer::Number(n) => n.to_string(),
            _ if !line.choices.is_empty() => line.choices.join(", "),
            Answer::Text(t) => t.replace('\n', "\n    "),
            Answer::Choices(c) => c.join(", "),
            Answer::Other(v) => v.to_string(),
        };
        let label = line.label.as_deref().unwrap_or(&line.question);
        s.push_str(&format!("  {label}\n    {value}\n"));
    }
    s
}

/// What the answers propose, with the commands that confirm it.
pub fn proposals_text(id: Uuid, form: &Form, p: &Proposals, lang: &str) -> String {
    let mut s = String::new();
    let reasons = |rs: Vec<(&str, &str)>| -> Vec<String> {
        rs.into_iter()
            .filter_map(|(q, a)| reason_text(form, q, a, lang))
            .collect()
    };
    if !p.needs.is_empty() {
        s.push_str(&format!(
            "\nProposed needs (record them with `fieldnotes note accept {id} --need CATEGORY` or --all-needs):\n"
        ));
        for n in &p.needs {
            let open = match n.open_need {
                Some(need) => format!(" (the case already has it open: {need})"),
                None => String::new(),
            };
            s.push_str(&format!("  {} [{}]{open}\n", n.category, n.priority));
            let rs = reasons(
                n.reasons
                    .iter()
                    .map(|r| (r.question.as_str(), r.answer.as_str()))
                    .collect(),
            );
            for r in rs {
                s.push_str(&format!("    {}\n", one_line(&r, 96)));
            }
        }
    }
    if let Some(r) = &p.risk {
        let now = r.current.map(|c| c.as_str()).unwrap_or("none");
        s.push_str(&format!(
            "\nProposed risk level: {} (score {}; medium from {}, high from {}; the case's now: {now})\n",
            r.level, r.score, r.scoring.medium, r.scoring.high
        ));
        for reason in &r.reasons {
            let text =
                reason_text(form, &reason.question, &reason.answer, lang).unwrap_or_default();
            let floor = reason
                .min_risk
                .map(|m| format!(", at least {m}"))
                .unwrap_or_default();
            s.push_str(&format!(
                "    {} (+{}{floor})\n",
                one_line(&text, 88),
                reason.score
            ));
        }
        s.push_str(&format!(
            "  Set it with `fieldnotes note accept {id} --risk`.\n"
        ));
    }
    s
}

/// After `note add --form`: records what was asked for, and says what
/// else the answers propose.
pub fn after_add(vault: &mut Vault, id: Uuid, accept_needs: bool, accept_risk: bool) -> Result<()> {
    let p = vault.note_proposals(id)?;
    if accept_needs && !p.needs.is_empty() {
        accept(vault, id, Vec::new(), true, false, None)?;
    }
    if accept_risk && p.risk.is_some() {
        accept(vault, id, Vec::new(), false, true, None)?;
    }
    let p = vault.note_proposals(id)?;
    let left = Proposals {
        needs: if accept_needs { Vec::new() } else { p.needs },
        risk: if accept_risk { None } else { p.risk },
        ..p
    };
    let catalog = vault.forms();
    let Some(Body::Note(note)) = vault.current(id)?.body else {
        return Ok(());
    };
    let Some(nf) = &note.form else { return Ok(()) };
    if let Some(form) = catalog.get_version(&nf.id, nf.form_version) {
        let text = proposals_text(id, form, &left, &nf.lang);
        if !text.is_empty() {
            eprintln!("{}", text.trim());
        }
    }
    Ok(())
}

/// `note accept`: records the chosen proposed needs and, with `risk`, the
/// proposed risk level.
pub fn accept(
    vault: &mut Vault,
    id: Uuid,
    mut needs: Vec<NeedCategory>,
    all_needs: bool,
    risk: bool,
    lang: Option<String>,
) -> Result<()> {
    let note = match vault.current(id)?.body {
        Some(Body::Note(n)) => n,
        _ => return Err(not_a("note", id).into()),
    };
    let lang = lang
        .or_else(|| note.form.as_ref().map(|f| f.lang.clone()))
        .unwrap_or_else(|| "en".into());
    if all_needs {
        // Every proposed need the case does not already have open.
        let proposed = vault.note_proposals(id)?.needs;
        needs.extend(
            proposed
                .iter()
                .filter(|n| n.open_need.is_none())
                .map(|n| n.category),
        );
    }
    if !needs.is_empty() {
        for v in vault.accept_needs(id, &needs, &lang)? {
            if let Some(Body::Need(n)) = &v.body {
                eprintln!(
                    "Recorded the need {} ({}, {}).",
                    v.record_id, n.category, n.priority
                );
            }
        }
    }
    if risk {
        vault.accept_risk(id)?;
        let level = match vault.current(note.case)?.body {
            Some(Body::Case(c)) => c.risk.map(|r| r.to_string()),
            _ => None,
        };
        eprintln!(
            "The case's risk level is now {}.",
            level.unwrap_or_default()
        );
    }
    Ok(())
}
