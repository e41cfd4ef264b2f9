//! From a form file's text to a validated [`Form`], or the first thing
//! wrong with it.
//!
//! Invariants: the format name and version are read first, so a newer
//! format is refused as newer (never as malformed); every id is checked for
//! its shape and uniqueness (question ids across the whole form, since
//! answers are keyed by them alone); every label has text in each required
//! language; nothing in the file can make this code panic (the fuzz test in
//! `tests/forms.rs` feeds it arbitrary JSON).

use std::collections::BTreeSet;

use super::problem::{FormError, FormProblem};
use super::raw::{RawEffect, RawForm, RawHeader, RawQuestion, RawSection};
use super::{
    Choice, Effect, Form, Labels, Question, QuestionKind, Section, FORM_FORMAT, FORM_FORMAT_VERSION,
};
use crate::vocab::{NeedCategory, NoteKind, Priority, RiskLevel};

type Checked<T> = std::result::Result<T, FormProblem>;

/// Parses and checks a form file. `file` names it in errors; every label
/// must have text in each of `required_langs` (an organisation's forms:
/// English; the shipped ones: [`super::SHIPPED_LANGUAGES`]).
pub fn parse_form(file: &str, text: &str, required_langs: &[&str]) -> Result<Form, FormError> {
    parse(text, required_langs).map_err(|problem| FormError {
        file: file.to_owned(),
        problem,
    })
}

fn parse(text: &str, required_langs: &[&str]) -> Checked<Form> {
    let syntax = |e: serde_json::Error| FormProblem::Syntax {
        message: e.to_string(),
    };
    let header: RawHeader = serde_json::from_str(text).map_err(syntax)?;
    if header.format.as_ref().and_then(|f| f.as_str()) != Some(FORM_FORMAT) {
        return Err(FormProblem::NotAForm);
    }
    match header.version.as_ref().and_then(|v| v.as_u64()) {
        Some(v) if v > FORM_FORMAT_VERSION => {
            return Err(FormProblem::NewerFormat {
                found: v,
                supported: FORM_FORMAT_VERSION,
            })
        }
        Some(v) if v >= 1 => {}
        _ => return Err(FormProblem::NotAForm),
    }
    let raw: RawForm = serde_json::from_str(text).map_err(syntax)?;
    form(raw, required_langs)
}

/// What the checks of one form share.
struct Ctx<'a> {
    required: &'a [&'a str],
    scored: bool,
    /// Languages with text in every label seen so far.
    languages: Option<BTreeSet<String>>,
}

impl Ctx<'_> {
    /// Checks `labels` at `place` (optional labels do not narrow the
    /// form's languages).
    fn labels(&mut self, place: impl Fn() -> String, labels: &Labels, counts: bool) -> Checked<()> {
        for lang in labels.0.keys() {
            if !is_language(lang) {
                return Err(FormProblem::BadLanguage {
                    place: place(),
                    lang: lang.clone(),
                });
            }
        }
        if let Some(lang) = self.required.iter().find(|l| !labels.has(l)) {
            return Err(FormProblem::MissingLabel {
                place: place(),
                lang: (*lang).to_owned(),
            });
        }
        if counts {
            let here: BTreeSet<String> =
                labels.0.keys().filter(|l| labels.has(l)).cloned().collect();
            self.languages = Some(match self.languages.take() {
                Some(seen) => seen.intersection(&here).cloned().collect(),
                None => here,
            });
        }
        Ok(())
    }
}

fn form(raw: RawForm, required: &[&str]) -> Checked<Form> {
    check_id("form", &raw.id)?;
    if raw.form_version == 0 {
        return Err(FormProblem::BadFormVersion);
    }
    if let Some(s) = &raw.risk_scoring {
        if s.medium == 0 || s.high <= s.medium {
            return Err(FormProblem::BadThresholds);
        }
    }
    let note_kind = match &raw.note_kind {
        None => NoteKind::Note,
        Some(k) => k
            .parse()
            .map_err(|_| FormProblem::UnknownNoteKind { given: k.clone() })?,
    };
    let mut ctx = Ctx {
        required,
        scored: raw.risk_scoring.is_some(),
        languages: None,
    };
    ctx.labels(|| "the form's title".into(), &raw.title, true)?;
    if let Some(d) = &raw.description {
        ctx.labels(|| "the form's description".into(), d, false)?;
    }
    if raw.sections.is_empty() {
        return Err(FormProblem::NoQuestions);
    }
    let mut sections: Vec<Section> = Vec::with_capacity(raw.sections.len());
    let mut asked: Vec<Question> = Vec::new();
    for s in raw.sections {
        if sections.iter().any(|x| x.id == s.id) {
            return Err(duplicate("section", &s.id));
        }
        sections.push(section(s, &mut ctx, &mut asked)?);
    }
    Ok(Form {
        id: raw.id,
        form_version: raw.form_version,
        title: raw.title,
        description: raw.description,
        note_kind,
        languages: ctx.languages.unwrap_or_default().into_iter().collect(),
        sections,
        risk_scoring: raw.risk_scoring,
    })
}

/// A section; `asked` holds every question before it and gets its own.
fn section(s: RawSection, ctx: &mut Ctx<'_>, asked: &mut Vec<Question>) -> Checked<Section> {
    check_id("section", &s.id)?;
    ctx.labels(|| format!("section '{}' title", s.id), &s.title, true)?;
    if s.questions.is_empty() {
        return Err(FormProblem::EmptySection { section: s.id });
    }
    let first = asked.len();
    for q in s.questions {
        if asked.iter().any(|x| x.id == q.id) {
            return Err(duplicate("question", &q.id));
        }
        let q = question(q, ctx, asked)?;
        asked.push(q);
    }
    Ok(Section {
        id: s.id,
        title: s.title,
        questions: asked[first..].to_vec(),
    })
}

fn question(q: RawQuestion, ctx: &mut Ctx<'_>, earlier: &[Question]) -> Checked<Question> {
    check_id("question", &q.id)?;
    let id = q.id.clone();
    let kind = QuestionKind::ALL
        .iter()
        .copied()
        .find(|k| k.as_str() == q.kind)
        .ok_or_else(|| FormProblem::UnknownKind {
            question: id.clone(),
            kind: q.kind.clone(),
        })?;
    let not_allowed = |field: &'static str| FormProblem::FieldNotAllowed {
        question: id.clone(),
        field,
        kind: kind.as_str(),
    };
    question_labels(&q, kind, ctx)?;
    if kind != QuestionKind::YesNo && (q.on_yes.is_some() || q.on_no.is_some()) {
        return Err(not_allowed("on_yes or on_no"));
    }
    check_range(kind, q.min, q.max).map_err(|field| match field {
        Some(field) => not_allowed(field),
        None if kind == QuestionKind::Scale => FormProblem::BadScale {
            question: id.clone(),
        },
        None => FormProblem::BadRange {
            question: id.clone(),
        },
    })?;
    let choices = choices(&q, kind, ctx)?;
    let on_yes = effect(&id, q.on_yes.as_ref(), ctx)?;
    let on_no = effect(&id, q.on_no.as_ref(), ctx)?;
    if let Some(cond) = &q.show_if {
        check_condition(&id, cond, earlier)?;
    }
    Ok(Question {
        id: q.id,
        kind,
        label: q.label,
        help: q.help,
        required: q.required,
        choices,
        min: q.min,
        max: q.max,
        min_label: q.min_label,
        max_label: q.max_label,
        on_yes,
        on_no,
        show_if: q.show_if,
    })
}

/// Checks a question's label, help and scale-end labels.
fn question_labels(q: &RawQuestion, kind: QuestionKind, ctx: &mut Ctx<'_>) -> Checked<()> {
    let id = &q.id;
    ctx.labels(|| format!("question '{id}' label"), &q.label, true)?;
    if let Some(help) = &q.help {
        ctx.labels(|| format!("question '{id}' help"), help, false)?;
    }
    for (field, labels) in [("min_label", &q.min_label), ("max_label", &q.max_label)] {
        if let Some(labels) = labels {
            if kind != QuestionKind::Scale {
                return Err(FormProblem::FieldNotAllowed {
                    question: id.clone(),
                    field,
                    kind: kind.as_str(),
                });
            }
            ctx.labels(|| format!("question '{id}' {field}"), labels, false)?;
        }
    }
    Ok(())
}

/// Checks min and max for `kind`: `Err(Some(field))` for a field the kind
/// does not have, `Err(None)` for a range that does not hold.
fn check_range(
    kind: QuestionKind,
    min: Option<f64>,
    max: Option<f64>,
) -> std::result::Result<(), Option<&'static str>> {
    match kind {
        QuestionKind::Scale => match (min, max) {
            (Some(lo), Some(hi))
                if lo.fract() == 0.0 && hi.fract() == 0.0 && lo < hi && hi - lo <= 100.0 =>
            {
                Ok(())
            }
            _ => Err(None),
        },
        QuestionKind::Number => match (min, max) {
            (Some(lo), Some(hi)) if lo > hi => Err(None),
            _ => Ok(()),
        },
        _ if min.is_some() => Err(Some("min")),
        _ if max.is_some() => Err(Some("max")),
        _ => Ok(()),
    }
}

fn choices(q: &RawQuestion, kind: QuestionKind, ctx: &mut Ctx<'_>) -> Checked<Vec<Choice>> {
    let raw = match (&q.choices, kind.has_choices()) {
        (Some(c), true) if !c.is_empty() => c,
        (_, true) => {
            return Err(FormProblem::NoChoices {
                question: q.id.clone(),
            })
        }
        (Some(_), false) => {
            return Err(FormProblem::ChoicesNotAllowed {
                question: q.id.clone(),
            })
        }
        (None, false) => return Ok(Vec::new()),
    };
    let mut out: Vec<Choice> = Vec::with_capacity(raw.len());
    for c in raw {
        check_id("choice", &c.id)?;
        if out.iter().any(|x| x.id == c.id) {
            return Err(FormProblem::DuplicateChoice {
                question: q.id.clone(),
                choice: c.id.clone(),
            });
        }
        let place = || format!("choice '{}' of question '{}'", c.id, q.id);
        ctx.labels(place, &c.label, true)?;
        out.push(Choice {
            id: c.id.clone(),
            label: c.label.clone(),
            effect: effect(&q.id, Some(&c.effect()), ctx)?,
        });
    }
    Ok(out)
}

fn effect(question: &str, raw: Option<&RawEffect>, ctx: &Ctx<'_>) -> Checked<Effect> {
    let Some(raw) = raw else {
        return Ok(Effect::default());
    };
    if !ctx.scored && (raw.score.is_some() || raw.min_risk.is_some()) {
        return Err(FormProblem::ScoreWithoutScoring {
            question: question.to_owned(),
        });
    }
    let q = || question.to_owned();
    Ok(Effect {
        score: raw.score,
        min_risk: parse_opt::<RiskLevel>(&raw.min_risk, |given| FormProblem::UnknownRiskLevel {
            question: q(),
            given,
        })?,
        implies_need: parse_opt::<NeedCategory>(&raw.implies_need, |given| {
            FormProblem::UnknownNeedCategory {
                question: q(),
                given,
            }
        })?,
        need_priority: parse_opt::<Priority>(&raw.need_priority, |given| {
            FormProblem::UnknownPriority {
                question: q(),
                given,
            }
        })?,
    })
}

fn parse_opt<T: std::str::FromStr>(
    given: &Option<String>,
    problem: impl Fn(String) -> FormProblem,
) -> Checked<Option<T>> {
    given
        .as_ref()
        .map(|g| g.parse::<T>().map_err(|_| problem(g.clone())))
        .transpose()
}

fn check_condition(id: &str, cond: &super::ShowIf, earlier: &[Question]) -> Checked<()> {
    let bad = || FormProblem::BadCondition {
        question: id.to_owned(),
        refers: cond.question.clone(),
    };
    let refers = earlier
        .iter()
        .find(|q| q.id == cond.question)
        .ok_or_else(bad)?;
    let fits = match refers.kind {
        QuestionKind::YesNo => cond.answer == "yes" || cond.answer == "no",
        k if k.has_choices() => refers.choices.iter().any(|c| c.id == cond.answer),
        _ => return Err(bad()),
    };
    if !fits {
        return Err(FormProblem::BadConditionAnswer {
            question: id.to_owned(),
            refers: cond.question.clone(),
            answer: cond.answer.clone(),
        });
    }
    Ok(())
}

fn duplicate(what: &'static str, id: &str) -> FormProblem {
    FormProblem::DuplicateId {
        what,
        id: id.to_owned(),
    }
}

/// `[a-z0-9][a-z0-9_-]{0,63}`.
fn check_id(what: &'static str, id: &str) -> Checked<()> {
    let mut chars = id.chars();
    let ok = id.len() <= 64
        && chars
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
    if ok {
        Ok(())
    } else {
        Err(FormProblem::BadId {
            what,
            id: id.to_owned(),
        })
    }
}

/// A BCP 47 tag as forms use them: `ro`, `fil`, `pt-BR`, `sr-Latn`.
fn is_language(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::super::fixture::base;
    use super::*;

    fn parse_value(v: &Value) -> Result<Form, FormError> {
        parse_form("forms/check.json", &v.to_string(), &["en"])
    }

    /// The problem `change` makes in the base form.
    fn problem(change: impl FnOnce(&mut Value)) -> FormProblem {
        let mut v = base();
        change(&mut v);
        let err = parse_value(&v).expect_err("the change makes the form invalid");
        assert_eq!(err.file, "forms/check.json");
        err.problem
    }

    fn question(v: &mut Value, i: usize) -> &mut Value {
        &mut v["sections"][0]["questions"][i]
    }

    #[test]
    fn the_base_form_is_valid_and_keeps_what_it_says() {
        let form = parse_value(&base()).unwrap();
        assert_eq!(form.languages, vec!["en", "ro"]);
        assert_eq!(form.questions().count(), 8);
        let q = form.question("where").unwrap();
        assert_eq!(
            q.choices[1].effect.implies_need,
            Some(NeedCategory::Accommodation)
        );
        assert_eq!(q.choices[1].effect.need_priority, Some(Priority::Urgent));
        assert_eq!(form.question("safe").unwrap().on_no.score, Some(2));
        assert_eq!(form.note_kind, NoteKind::Note);
    }

    #[test]
    fn text_that_is_not_json_is_a_syntax_problem() {
        let err = parse_form("forms/x.json", "{not json", &["en"]).unwrap_err();
        assert!(matches!(err.problem, FormProblem::Syntax { .. }), "{err}");
        assert!(err.to_string().contains("forms/x.json"), "{err}");
    }

    #[test]
    fn another_format_is_not_a_form() {
        assert_eq!(
            problem(|v| v["format"] = json!("fieldnotes-card")),
            FormProblem::NotAForm
        );
    }

    #[test]
    fn a_newer_format_version_is_refused_as_newer_before_anything_else() {
        let p = problem(|v| {
            v["version"] = json!(2);
            v["sections"] = json!("a field of the future");
        });
        assert_eq!(
            p,
            FormProblem::NewerFormat {
                found: 2,
                supported: 1
            }
        );
        let err: crate::Error = FormError {
            file: "f".into(),
            problem: p,
        }
        .into();
        assert_eq!(err.code(), crate::ErrorCode::UnsupportedVersion);
    }

    #[test]
    fn an_unknown_field_is_refused() {
        let p = problem(|v| question(v, 0)["requried"] = json!(true));
        match p {
            FormProblem::Syntax { message } => assert!(message.contains("requried"), "{message}"),
            p => panic!("{p:?}"),
        }
    }

    #[test]
    fn form_version_zero_is_refused() {
        assert_eq!(
            problem(|v| v["form_version"] = json!(0)),
            FormProblem::BadFormVersion
        );
    }

    #[test]
    fn ids_must_be_lowercase_words() {
        let p = problem(|v| question(v, 1)["id"] = json!("Story Two"));
        assert_eq!(
            p,
            FormProblem::BadId {
                what: "question",
                id: "Story Two".into()
            }
        );
        let p = problem(|v| v["id"] = json!(""));
        assert_eq!(
            p,
            FormProblem::BadId {
                what: "form",
                id: String::new()
            }
        );
    }

    #[test]
    fn a_question_id_used_twice_is_named() {
        let p = problem(|v| question(v, 1)["id"] = json!("name"));
        assert_eq!(
            p,
            FormProblem::DuplicateId {
                what: "question",
                id: "name".into()
            }
        );
    }

    #[test]
    fn a_question_id_may_not_repeat_across_sections() {
        let p = problem(|v| {
            let mut second = v["sections"][0].clone();
            second["id"] = json!("two");
            v["sections"].as_array_mut().unwrap().push(second);
        });
        assert_eq!(
            p,
            FormProblem::DuplicateId {
                what: "question",
                id: "name".into()
            }
        );
    }

    #[test]
    fn a_section_id_used_twice_is_named() {
        let p = problem(|v| {
            let second = v["sections"][0].clone();
            v["sections"].as_array_mut().unwrap().push(second);
        });
        assert_eq!(
            p,
            FormProblem::DuplicateId {
                what: "section",
                id: "one".into()
            }
        );
    }

    #[test]
    fn a_choice_id_used_twice_is_named_with_its_question() {
        let p = problem(|v| question(v, 3)["choices"][1]["id"] = json!("home"));
        assert_eq!(
            p,
            FormProblem::DuplicateChoice {
                question: "where".into(),
                choice: "home".into()
            }
        );
    }

    #[test]
    fn a_missing_english_label_is_named() {
        let p = problem(|v| question(v, 2)["label"] = json!({"ro": "În siguranță?"}));
        assert_eq!(
            p,
            FormProblem::MissingLabel {
                place: "question 'safe' label".into(),
                lang: "en".into()
            }
        );
        let p = problem(|v| question(v, 3)["choices"][0]["label"]["en"] = json!("  "));
        assert_eq!(
            p,
            FormProblem::MissingLabel {
                place: "choice 'home' of question 'where'".into(),
                lang: "en".into()
            }
        );
    }

    #[test]
    fn shipped_forms_need_every_required_language() {
        let mut v = base();
        question(&mut v, 0)["label"] = json!({"en": "Name"});
        let err = parse_form("f", &v.to_string(), &["en", "ro"]).unwrap_err();
        assert_eq!(
            err.problem,
            FormProblem::MissingLabel {
                place: "question 'name' label".into(),
                lang: "ro".into()
            }
        );
        // An organisation's form may be in English only; it then offers only English.
        assert_eq!(parse_value(&v).unwrap().languages, vec!["en"]);
    }

    #[test]
    fn a_label_under_something_not_a_language_is_refused() {
        let p = problem(|v| v["title"]["English"] = json!("Check"));
        assert_eq!(
            p,
            FormProblem::BadLanguage {
                place: "the form's title".into(),
                lang: "English".into()
            }
        );
    }

    #[test]
    fn an_unknown_kind_is_named_with_its_question() {
        let p = problem(|v| question(v, 0)["kind"] = json!("textarea"));
        assert_eq!(
            p,
            FormProblem::UnknownKind {
                question: "name".into(),
                kind: "textarea".into()
            }
        );
    }

    #[test]
    fn a_choice_question_needs_choices() {
        let p = problem(|v| question(v, 3)["choices"] = json!([]));
        assert_eq!(
            p,
            FormProblem::NoChoices {
                question: "where".into()
            }
        );
        let p = problem(|v| {
            question(v, 4).as_object_mut().unwrap().remove("choices");
        });
        assert_eq!(
            p,
            FormProblem::NoChoices {
                question: "docs".into()
            }
        );
    }

    #[test]
    fn only_choice_questions_have_choices() {
        let p = problem(|v| question(v, 0)["choices"] = question(v, 3)["choices"].clone());
        assert_eq!(
            p,
            FormProblem::ChoicesNotAllowed {
                question: "name".into()
            }
        );
    }

    #[test]
    fn fields_of_another_kind_are_refused() {
        let p = problem(|v| question(v, 0)["min"] = json!(1));
        assert_eq!(
            p,
            FormProblem::FieldNotAllowed {
                question: "name".into(),
                field: "min",
                kind: "text"
            }
        );
        let p = problem(|v| question(v, 3)["on_yes"] = json!({"score": 1}));
        assert!(matches!(
            p,
            FormProblem::FieldNotAllowed {
                field: "on_yes or on_no",
                ..
            }
        ));
        let p = problem(|v| question(v, 6)["max_label"] = json!({"en": "Many"}));
        assert!(matches!(
            p,
            FormProblem::FieldNotAllowed {
                field: "max_label",
                ..
            }
        ));
    }

    #[test]
    fn a_number_range_must_hold() {
        let p = problem(|v| {
            question(v, 6)["min"] = json!(10);
            question(v, 6)["max"] = json!(1);
        });
        assert_eq!(
            p,
            FormProblem::BadRange {
                question: "count".into()
            }
        );
    }

    #[test]
    fn a_scale_needs_whole_bounds_in_order() {
        for (min, max) in [
            (json!(1.5), json!(5)),
            (json!(5), json!(1)),
            (json!(0), json!(1000)),
        ] {
            let p = problem(|v| {
                question(v, 7)["min"] = min;
                question(v, 7)["max"] = max;
            });
            assert_eq!(
                p,
                FormProblem::BadScale {
                    question: "mood".into()
                }
            );
        }
        let p = problem(|v| {
            question(v, 7).as_object_mut().unwrap().remove("max");
        });
        assert_eq!(
            p,
            FormProblem::BadScale {
                question: "mood".into()
            }
        );
    }

    #[test]
    fn an_unknown_need_category_is_named() {
        let p = problem(|v| question(v, 2)["on_no"]["implies_need"] = json!("housing"));
        assert_eq!(
            p,
            FormProblem::UnknownNeedCategory {
                question: "safe".into(),
                given: "housing".into()
            }
        );
    }

    #[test]
    fn an_unknown_priority_or_risk_level_is_named() {
        let p = problem(|v| question(v, 3)["choices"][1]["need_priority"] = json!("asap"));
        assert_eq!(
            p,
            FormProblem::UnknownPriority {
                question: "where".into(),
                given: "asap".into()
            }
        );
        let p = problem(|v| question(v, 3)["choices"][1]["min_risk"] = json!("extreme"));
        assert_eq!(
            p,
            FormProblem::UnknownRiskLevel {
                question: "where".into(),
                given: "extreme".into()
            }
        );
    }

    #[test]
    fn scores_need_the_forms_risk_scoring() {
        let p = problem(|v| {
            v.as_object_mut().unwrap().remove("risk_scoring");
        });
        assert_eq!(
            p,
            FormProblem::ScoreWithoutScoring {
                question: "safe".into()
            }
        );
    }

    #[test]
    fn thresholds_must_rise() {
        let p = problem(|v| v["risk_scoring"] = json!({"medium": 4, "high": 4}));
        assert_eq!(p, FormProblem::BadThresholds);
        let p = problem(|v| v["risk_scoring"] = json!({"medium": 0, "high": 4}));
        assert_eq!(p, FormProblem::BadThresholds);
    }

    #[test]
    fn a_condition_names_an_earlier_choice_or_yes_no_question() {
        let p = problem(|v| question(v, 4)["show_if"] = json!({"question": "mood", "answer": "1"}));
        assert_eq!(
            p,
            FormProblem::BadCondition {
                question: "docs".into(),
                refers: "mood".into()
            }
        );
        let p =
            problem(|v| question(v, 2)["show_if"] = json!({"question": "where", "answer": "home"}));
        assert_eq!(
            p,
            FormProblem::BadCondition {
                question: "safe".into(),
                refers: "where".into()
            }
        );
        let p = problem(|v| question(v, 4)["show_if"] = json!({"question": "name", "answer": "x"}));
        assert!(matches!(p, FormProblem::BadCondition { .. }));
    }

    #[test]
    fn a_condition_names_an_answer_its_question_can_have() {
        let p = problem(|v| question(v, 4)["show_if"]["answer"] = json!("car"));
        assert_eq!(
            p,
            FormProblem::BadConditionAnswer {
                question: "docs".into(),
                refers: "where".into(),
                answer: "car".into()
            }
        );
        let p =
            problem(|v| question(v, 4)["show_if"] = json!({"question": "safe", "answer": "true"}));
        assert!(matches!(p, FormProblem::BadConditionAnswer { .. }));
    }

    #[test]
    fn a_form_and_each_section_need_questions() {
        assert_eq!(
            problem(|v| v["sections"] = json!([])),
            FormProblem::NoQuestions
        );
        let p = problem(|v| v["sections"][0]["questions"] = json!([]));
        assert_eq!(
            p,
            FormProblem::EmptySection {
                section: "one".into()
            }
        );
    }

    #[test]
    fn an_unknown_note_kind_is_named() {
        let p = problem(|v| v["note_kind"] = json!("assessment"));
        assert_eq!(
            p,
            FormProblem::UnknownNoteKind {
                given: "assessment".into()
            }
        );
    }
}
