//! Answers as people read them (with the form's labels, in a chosen
//! language) and as search finds them.
//!
//! Invariants: an answer is always shown, even when its form or question is
//! not known here (then by its raw question id and value); search covers
//! text answers and every language's label of each chosen choice, so a
//! worker finds a note in either language whatever language it was asked
//! in.

use std::path::Path;

use rusqlite::Connection;
use serde::Serialize;

use super::answers::{Answer, NoteForm};
use super::catalog::Catalog;
use super::shipped::shipped_form;
use super::{Form, QuestionKind};
use crate::model::Body;

/// One answer, labelled.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnswerLine {
    /// The section's title, when the question is known here.
    pub section: Option<String>,
    pub question: String,
    /// The question's label, when it is known here.
    pub label: Option<String>,
    pub kind: Option<QuestionKind>,
    pub answer: Answer,
    /// For a choice: the chosen choices' labels (their ids where unknown).
    pub choices: Vec<String>,
}

/// The answers of `note_form` in the form's order (those to questions
/// unknown here last, by id), labelled in `lang` where `form` is known.
pub fn describe_answers(form: Option<&Form>, note_form: &NoteForm, lang: &str) -> Vec<AnswerLine> {
    let mut lines = Vec::with_capacity(note_form.answers.len());
    if let Some(form) = form {
        for section in &form.sections {
            for q in &section.questions {
                let Some(answer) = note_form.answers.get(&q.id) else {
                    continue;
                };
                let choices = chosen(answer)
                    .filter(|_| q.kind.has_choices())
                    .map(|id| match q.choices.iter().find(|c| c.id == id) {
                        Some(c) => c.label.text(lang).to_owned(),
                        None => id.to_owned(),
                    })
                    .collect();
                lines.push(AnswerLine {
                    section: Some(section.title.text(lang).to_owned()),
                    question: q.id.clone(),
                    label: Some(q.label.text(lang).to_owned()),
                    kind: Some(q.kind),
                    answer: answer.clone(),
                    choices,
                });
            }
        }
    }
    for (id, answer) in &note_form.answers {
        if form.is_some_and(|f| f.question(id).is_some()) {
            continue;
        }
        lines.push(AnswerLine {
            section: None,
            question: id.clone(),
            label: None,
            kind: None,
            answer: answer.clone(),
            choices: Vec::new(),
        });
    }
    lines
}

/// The choice ids an answer would name if its question is a choice.
fn chosen(answer: &Answer) -> Box<dyn Iterator<Item = &str> + '_> {
    match answer {
        Answer::Choices(c) => Box::new(c.iter().map(String::as_str)),
        Answer::Text(t) => Box::new(std::iter::once(t.as_str())),
        _ => Box::new(std::iter::empty()),
    }
}

/// What search covers of a note's answers: the text answers and the
/// labels, in every language, of the chosen choices. The form comes from
/// the shipped ones or, failing those, from the forms folder of the vault
/// whose database `conn` is (the folder that holds it).
pub(crate) fn search_text(conn: &Connection, body: &Body) -> Option<String> {
    let Body::Note(note) = body else { return None };
    let nf = note.form.as_ref()?;
    let vault_form;
    let form = match shipped_form(&nf.id, nf.form_version) {
        Some(f) => Some(f),
        None => {
            let dir = conn.path().map(Path::new).and_then(Path::parent);
            let catalog = dir.map(Catalog::load).unwrap_or_default();
            vault_form = catalog
                .get_version(&nf.id, nf.form_version)
                .or_else(|| catalog.get(&nf.id))
                .cloned();
            vault_form.as_ref()
        }
    };
    let mut parts: Vec<&str> = Vec::new();
    for (id, answer) in &nf.answers {
        match form.and_then(|f| f.question(id)) {
            // A choice is found by its labels, not by its id.
            Some(q) if q.kind.has_choices() => {
                for choice in q.choices.iter().filter(|c| answer.matches(&c.id)) {
                    parts.extend(choice.label.0.values().map(String::as_str));
                }
            }
            _ => match answer {
                Answer::Text(t) => parts.push(t),
                Answer::Choices(c) => parts.extend(c.iter().map(String::as_str)),
                _ => {}
            },
        }
    }
    parts.retain(|p| !p.trim().is_empty());
    Some(parts.join("\n"))
}

/// "<question label>: <answer label>" in `lang`, for a proposal's reason
/// (`answer`: `yes`, `no` or a choice id); `None` when `form` does not
/// have the question.
pub fn reason_text(form: &Form, question: &str, answer: &str, lang: &str) -> Option<String> {
    let q = form.question(question)?;
    let answer = match q.choices.iter().find(|c| c.id == answer) {
        Some(c) => c.label.text(lang),
        None if q.kind == QuestionKind::YesNo => yes_no(lang, answer == "yes"),
        None => answer,
    };
    Some(format!("{}: {answer}", q.label.text(lang)))
}

/// "Yes" or "no" in `lang` (English where this build has no word for it),
/// for text the core writes itself, such as a proposed need's description.
pub fn yes_no(lang: &str, yes: bool) -> &'static str {
    match (lang, yes) {
        ("ro", true) => "da",
        ("ro", false) => "nu",
        (_, true) => "yes",
        (_, false) => "no",
    }
}
