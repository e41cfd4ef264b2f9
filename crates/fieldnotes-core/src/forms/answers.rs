//! The answers a note holds, and their checks against the form.
//!
//! Invariants: an answer is plain JSON of the shape its question's kind
//! fixes (text: a string; yes/no: a boolean; single choice: a choice id;
//! multiple choice: a list of distinct choice ids; date: `YYYY-MM-DD`;
//! number and scale: a number), so a laptop without the form still reads,
//! shows and verifies it; a shape this build does not know is kept as it
//! came ([`Answer::Other`]). A question hidden by its condition has no
//! answer, and required questions are enforced only once a note is final.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::problem::{AnswerError, AnswerProblem};
use super::{Form, Question, QuestionKind, ShowIf};
use crate::model::{NoteBody, Unknown};

/// Answers by question id.
pub type Answers = BTreeMap<String, Answer>;

/// One answer, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Answer {
    /// A yes/no answer.
    Bool(bool),
    /// A number or scale answer.
    Number(serde_json::Number),
    /// Text, a date (`YYYY-MM-DD`) or a single choice's id.
    Text(String),
    /// A multiple choice's ids.
    Choices(Vec<String>),
    /// A shape this build does not know (a newer app's), kept as it came.
    Other(Value),
}

impl Answer {
    /// Whether it says something (blank text and an empty list do not).
    pub fn is_given(&self) -> bool {
        match self {
            Answer::Text(t) => !t.trim().is_empty(),
            Answer::Choices(c) => !c.is_empty(),
            Answer::Other(v) => !v.is_null(),
            Answer::Bool(_) | Answer::Number(_) => true,
        }
    }

    /// Whether it is `choice` (a yes/no answer: `yes` or `no`), or for a
    /// multiple choice holds it.
    pub fn matches(&self, choice: &str) -> bool {
        match self {
            Answer::Bool(b) => choice == if *b { "yes" } else { "no" },
            Answer::Text(t) => t == choice,
            Answer::Choices(c) => c.iter().any(|x| x == choice),
            Answer::Number(_) | Answer::Other(_) => false,
        }
    }
}

/// What a note that follows a form holds: which form, the language its
/// questions were asked in, and the answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteForm {
    /// The form's id.
    pub id: String,
    /// The form's `form_version` the answers were given to.
    pub form_version: u32,
    /// The language the questions were asked in (the survivor's, which may
    /// differ from the app's).
    pub lang: String,
    #[serde(default)]
    pub answers: Answers,
    /// Fields of a newer app, kept (see [`Unknown`]).
    #[serde(flatten)]
    pub unknown: Unknown,
}

/// Keeps `old`'s form and answers in an edit `new` that carries none (a
/// face that cannot show forms cannot have meant to drop them), and the
/// newer app's fields of the form part in an edit of the same form.
pub(crate) fn keep_form_of(new: &mut NoteBody, old: NoteBody) {
    let Some(old_form) = old.form else { return };
    match &mut new.form {
        None => new.form = Some(old_form),
        Some(f) if f.unknown.is_empty() && f.id == old_form.id => f.unknown = old_form.unknown,
        Some(_) => {}
    }
}

/// Checks `answers` against `form`: each answers a question of the form,
/// in the shape of its kind, and is asked (its condition holds); unless
/// `draft`, every required question that is asked has an answer.
pub fn check_answers(form: &Form, answers: &Answers, draft: bool) -> Result<(), AnswerError> {
    let fail = |q: &str, problem| AnswerError {
        question: q.to_owned(),
        problem,
    };
    for (id, answer) in answers {
        let q = form
            .question(id)
            .ok_or_else(|| fail(id, AnswerProblem::UnknownQuestion))?;
        if !answer.is_given() {
            continue;
        }
        check_one(q, answer).map_err(|p| fail(id, p))?;
        if let Some(cond) = q.show_if.as_ref().filter(|c| !holds(c, answers)) {
            let problem = AnswerProblem::NotAsked {
                refers: cond.question.clone(),
                answer: cond.answer.clone(),
            };
            return Err(fail(id, problem));
        }
    }
    if !draft {
        let missing = form.questions().find(|q| {
            q.required
                && q.show_if.as_ref().is_none_or(|c| holds(c, answers))
                && !answers.get(&q.id).is_some_and(Answer::is_given)
        });
        if let Some(q) = missing {
            return Err(fail(&q.id, AnswerProblem::Required));
        }
    }
    Ok(())
}

/// Whether the earlier answer a condition names is the one it asks for.
fn holds(cond: &ShowIf, answers: &Answers) -> bool {
    answers
        .get(&cond.question)
        .is_some_and(|a| a.matches(&cond.answer))
}

fn check_one(q: &Question, answer: &Answer) -> Result<(), AnswerProblem> {
    let wrong = |expected| Err(AnswerProblem::WrongType { expected });
    match (q.kind, answer) {
        (QuestionKind::Text | QuestionKind::LongText, Answer::Text(_)) => Ok(()),
        (QuestionKind::Text | QuestionKind::LongText, _) => wrong("text"),
        (QuestionKind::YesNo, Answer::Bool(_)) => Ok(()),
        (QuestionKind::YesNo, _) => wrong("true or false"),
        (QuestionKind::SingleChoice, Answer::Text(c)) => known_choice(q, c),
        (QuestionKind::SingleChoice, _) => wrong("one choice id"),
        (QuestionKind::MultipleChoice, Answer::Choices(list)) => {
            for (i, c) in list.iter().enumerate() {
                known_choice(q, c)?;
                if list[..i].contains(c) {
                    return Err(AnswerProblem::RepeatedChoice { given: c.clone() });
                }
            }
            Ok(())
        }
        (QuestionKind::MultipleChoice, _) => wrong("a list of choice ids"),
        (QuestionKind::Date, Answer::Text(d)) if is_stored_date(d) => Ok(()),
        (QuestionKind::Date, Answer::Text(d)) => Err(AnswerProblem::NotADate { given: d.clone() }),
        (QuestionKind::Date, _) => wrong("a date written YYYY-MM-DD"),
        (QuestionKind::Number | QuestionKind::Scale, Answer::Number(n)) => in_range(q, n),
        (QuestionKind::Number | QuestionKind::Scale, _) => wrong("a number"),
    }
}

fn known_choice(q: &Question, given: &str) -> Result<(), AnswerProblem> {
    if q.choices.iter().any(|c| c.id == given) {
        Ok(())
    } else {
        Err(AnswerProblem::UnknownChoice {
            given: given.to_owned(),
        })
    }
}

fn in_range(q: &Question, n: &serde_json::Number) -> Result<(), AnswerProblem> {
    let Some(x) = n.as_f64().filter(|x| x.is_finite()) else {
        return Err(AnswerProblem::WrongType {
            expected: "a number",
        });
    };
    if q.kind == QuestionKind::Scale && x.fract() != 0.0 {
        return Err(AnswerProblem::NotWhole);
    }
    if let Some(min) = q.min.filter(|min| x < *min) {
        return Err(AnswerProblem::BelowMin {
            min: min.to_string(),
        });
    }
    if let Some(max) = q.max.filter(|max| x > *max) {
        return Err(AnswerProblem::AboveMax {
            max: max.to_string(),
        });
    }
    Ok(())
}

/// `YYYY-MM-DD`, a real day.
fn is_stored_date(s: &str) -> bool {
    s.len() == 10 && chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
}

/// Tidies answers as a person or a file gave them, before they are
/// checked: text is trimmed, blank text and empty lists are dropped (not
/// answered), and a date in any form [`crate::dates::parse_date`] reads is
/// written `YYYY-MM-DD`. Answers to questions the form does not have are
/// left for [`check_answers`] to refuse.
pub fn normalise_answers(form: &Form, answers: &mut Answers) {
    answers.retain(|_, a| a.is_given());
    for (id, answer) in answers.iter_mut() {
        let Answer::Text(text) = answer else { continue };
        let trimmed = text.trim();
        let date = form
            .question(id)
            .filter(|q| q.kind == QuestionKind::Date)
            .and_then(|_| crate::dates::parse_date("answer", trimmed).ok());
        *text = match date {
            Some(d) => d.format("%Y-%m-%d").to_string(),
            None => trimmed.to_owned(),
        };
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::fixture::form;
    use super::*;

    fn answers(v: serde_json::Value) -> Answers {
        serde_json::from_value(v).unwrap()
    }

    fn problem(v: serde_json::Value, draft: bool) -> (String, AnswerProblem) {
        let e = check_answers(&form(), &answers(v), draft).unwrap_err();
        (e.question, e.problem)
    }

    #[test]
    fn answers_of_every_kind_pass() {
        let a = answers(json!({
            "name": "Ana", "story": "Came by bus.\nStayed.", "safe": false, "where": "street",
            "docs": ["passport"], "when": "2026-02-28", "count": 2.5, "mood": 3
        }));
        check_answers(&form(), &a, false).unwrap();
        assert_eq!(a["safe"], Answer::Bool(false));
        assert_eq!(a["docs"], Answer::Choices(vec!["passport".into()]));
    }

    #[test]
    fn an_answer_must_have_its_kinds_shape() {
        let cases = [
            (json!({"name": 3}), "name", "text"),
            (json!({"safe": "yes"}), "safe", "true or false"),
            (json!({"where": ["home"]}), "where", "one choice id"),
            (
                json!({"where": "street", "docs": "passport"}),
                "docs",
                "a list of choice ids",
            ),
            (json!({"count": "two"}), "count", "a number"),
            (json!({"mood": true}), "mood", "a number"),
            (
                json!({"when": 20260228}),
                "when",
                "a date written YYYY-MM-DD",
            ),
            (json!({"name": {"first": "Ana"}}), "name", "text"),
        ];
        for (v, question, expected) in cases {
            assert_eq!(
                problem(v, true),
                (question.to_owned(), AnswerProblem::WrongType { expected })
            );
        }
    }

    #[test]
    fn choices_must_be_the_questions_own_and_not_repeated() {
        let p = problem(json!({"where": "car"}), true);
        assert_eq!(
            p.1,
            AnswerProblem::UnknownChoice {
                given: "car".into()
            }
        );
        let p = problem(
            json!({"where": "street", "docs": ["passport", "visa"]}),
            true,
        );
        assert_eq!(
            p.1,
            AnswerProblem::UnknownChoice {
                given: "visa".into()
            }
        );
        let p = problem(
            json!({"where": "street", "docs": ["passport", "passport"]}),
            true,
        );
        assert_eq!(
            p.1,
            AnswerProblem::RepeatedChoice {
                given: "passport".into()
            }
        );
    }

    #[test]
    fn numbers_and_scales_keep_to_their_range() {
        assert_eq!(
            problem(json!({"count": -1}), true).1,
            AnswerProblem::BelowMin { min: "0".into() }
        );
        assert_eq!(
            problem(json!({"mood": 6}), true).1,
            AnswerProblem::AboveMax { max: "5".into() }
        );
        assert_eq!(
            problem(json!({"mood": 2.5}), true).1,
            AnswerProblem::NotWhole
        );
    }

    #[test]
    fn a_date_is_a_real_day_written_yyyy_mm_dd() {
        for bad in ["2026-02-30", "28.02.2026", "2026-2-8", "next week"] {
            assert_eq!(
                problem(json!({ "when": bad }), true).1,
                AnswerProblem::NotADate { given: bad.into() }
            );
        }
    }

    #[test]
    fn a_question_not_in_the_form_is_refused() {
        let p = problem(json!({"favourite_colour": "blue"}), true);
        assert_eq!(
            p,
            ("favourite_colour".into(), AnswerProblem::UnknownQuestion)
        );
    }

    #[test]
    fn a_hidden_question_has_no_answer() {
        let p = problem(json!({"where": "home", "docs": ["passport"]}), true);
        assert_eq!(
            p,
            (
                "docs".into(),
                AnswerProblem::NotAsked {
                    refers: "where".into(),
                    answer: "street".into()
                }
            )
        );
    }

    #[test]
    fn required_questions_count_only_once_the_note_is_final() {
        check_answers(&form(), &answers(json!({"name": "Ana"})), true).unwrap();
        let p = problem(json!({"name": "Ana", "safe": null}), false);
        assert_eq!(p, ("safe".into(), AnswerProblem::Required));
        check_answers(&form(), &answers(json!({"safe": true})), false).unwrap();
    }

    #[test]
    fn the_message_never_quotes_the_answer() {
        let e: crate::Error =
            check_answers(&form(), &answers(json!({"when": "Ana's birthday"})), true)
                .unwrap_err()
                .into();
        assert_eq!(e.code(), crate::ErrorCode::InvalidAnswer);
        assert!(!e.to_string().contains("Ana"), "{e}");
        assert!(e.to_string().contains("'when'"), "{e}");
    }

    #[test]
    fn normalising_trims_drops_blanks_and_writes_dates_as_stored() {
        let mut a = answers(json!({
            "name": "  Ana ", "story": "   ", "docs": [], "when": "28.02.2026", "safe": true
        }));
        normalise_answers(&form(), &mut a);
        assert_eq!(
            a,
            answers(json!({"name": "Ana", "when": "2026-02-28", "safe": true}))
        );
    }

    #[test]
    fn an_answer_of_an_unknown_shape_round_trips() {
        let v = json!({"id": "f", "form_version": 1, "lang": "en",
                       "answers": {"q": {"lat": 1.5}, "n": 3, "m": 0.25}, "signed_by_v9": true});
        let nf: NoteForm = serde_json::from_value(v.clone()).unwrap();
        assert!(matches!(nf.answers["q"], Answer::Other(_)));
        assert_eq!(serde_json::to_value(&nf).unwrap(), v);
    }
}
