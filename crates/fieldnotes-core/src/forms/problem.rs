//! What can be wrong with a form file, and with a note's answers.
//!
//! Invariants: each problem names the place it is in (the question, choice
//! or section id) and what is wrong, in a phrase that completes "The form
//! file F is not valid: …"; an answer's problem never quotes the answer,
//! which is survivor data (it stays in the variant for the caller).

use serde::Serialize;

use crate::error::Error;

/// What is wrong with a form file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
#[non_exhaustive]
pub enum FormProblem {
    #[error("it is not readable JSON of the form format ({message})")]
    Syntax { message: String },
    #[error("it is not a Fieldnotes form (its \"format\" must be \"fieldnotes-form\")")]
    NotAForm,
    #[error("it is written in form format version {found}; this version of Fieldnotes reads up to {supported}")]
    NewerFormat { found: u64, supported: u64 },
    #[error("its form_version must be 1 or more")]
    BadFormVersion,
    #[error("the {what} id '{id}' must be 1 to 64 lowercase letters, digits, '_' or '-', starting with a letter or digit")]
    BadId { what: &'static str, id: String },
    #[error("the {what} id '{id}' is used twice")]
    DuplicateId { what: &'static str, id: String },
    #[error("question '{question}' has the choice id '{choice}' twice")]
    DuplicateChoice { question: String, choice: String },
    #[error("{place} has no text in '{lang}'")]
    MissingLabel { place: String, lang: String },
    #[error("{place} has text under '{lang}', which is not a language code (use 'en', 'ro', 'pt-BR', …)")]
    BadLanguage { place: String, lang: String },
    #[error("question '{question}' has the unknown kind '{kind}' (kinds: text, long_text, yes_no, single_choice, multiple_choice, date, number, scale)")]
    UnknownKind { question: String, kind: String },
    #[error("question '{question}' is a choice question without choices")]
    NoChoices { question: String },
    #[error("question '{question}' lists choices, which only single_choice and multiple_choice questions have")]
    ChoicesNotAllowed { question: String },
    #[error("question '{question}' gives {field}, which a {kind} question does not have")]
    FieldNotAllowed {
        question: String,
        field: &'static str,
        kind: &'static str,
    },
    #[error("question '{question}' has min above max")]
    BadRange { question: String },
    #[error("question '{question}' is a scale: it needs whole-number min and max, min below max, at most 100 points apart")]
    BadScale { question: String },
    #[error("question '{question}' names the need category '{given}', which does not exist (see the need categories in the README)")]
    UnknownNeedCategory { question: String, given: String },
    #[error("question '{question}' names the priority '{given}' (priorities: low, medium, high, urgent)")]
    UnknownPriority { question: String, given: String },
    #[error("question '{question}' names the risk level '{given}' (levels: low, medium, high)")]
    UnknownRiskLevel { question: String, given: String },
    #[error("question '{question}' gives a risk score or level, but the form has no risk_scoring")]
    ScoreWithoutScoring { question: String },
    #[error("its risk_scoring needs medium of 1 or more and high above medium")]
    BadThresholds,
    #[error("question '{question}' is shown only after '{refers}', which is not a yes_no or choice question asked before it")]
    BadCondition { question: String, refers: String },
    #[error("question '{question}' is shown only for the answer '{answer}' to '{refers}', which that question cannot have")]
    BadConditionAnswer {
        question: String,
        refers: String,
        answer: String,
    },
    #[error("it has no questions")]
    NoQuestions,
    #[error("section '{section}' has no questions")]
    EmptySection { section: String },
    #[error("its note_kind '{given}' is not a note kind (intake, follow_up, phone, court_accompaniment, home_visit, hospital_visit, note)")]
    UnknownNoteKind { given: String },
    #[error("its id '{id}' is the id of a form shipped with Fieldnotes; give the organisation's form its own id (for example 'org-{id}')")]
    ShippedId { id: String },
    #[error(
        "form '{id}' version {form_version} is also in {other}; keep one file per form version"
    )]
    DuplicateForm {
        id: String,
        form_version: u32,
        other: String,
    },
    #[error("it is larger than {max} bytes")]
    TooLarge { max: u64 },
    #[error("it could not be read ({message})")]
    Unreadable { message: String },
}

/// A form file and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[error("The form file {file} is not valid: {problem}.")]
pub struct FormError {
    /// The file, relative to where it was found (`forms/x.json`,
    /// `assets/forms/intake.json`).
    pub file: String,
    #[serde(flatten)]
    pub problem: FormProblem,
}

impl From<FormError> for Error {
    fn from(e: FormError) -> Self {
        match e.problem {
            FormProblem::NewerFormat { found, supported } => Error::UnsupportedVersion {
                what: "form file",
                found,
                supported,
            },
            problem => Error::InvalidForm {
                file: e.file,
                problem,
            },
        }
    }
}

/// What is wrong with one answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
#[non_exhaustive]
pub enum AnswerProblem {
    #[error("is not a question of this form")]
    UnknownQuestion,
    #[error("must be {expected}")]
    WrongType { expected: &'static str },
    #[error("is not one of the question's choices")]
    UnknownChoice { given: String },
    #[error("names a choice twice")]
    RepeatedChoice { given: String },
    #[error("must be at least {min}")]
    BelowMin { min: String },
    #[error("must be at most {max}")]
    AboveMax { max: String },
    #[error("must be a whole number")]
    NotWhole,
    #[error("must be a date written YYYY-MM-DD")]
    NotADate { given: String },
    #[error("is required before the note is final")]
    Required,
    #[error("is only asked when '{refers}' is answered '{answer}'")]
    NotAsked { refers: String, answer: String },
}

/// One answer and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[error("The answer to question '{question}' {problem}.")]
pub struct AnswerError {
    pub question: String,
    #[serde(flatten)]
    pub problem: AnswerProblem,
}

impl From<AnswerError> for Error {
    fn from(e: AnswerError) -> Self {
        Error::InvalidAnswer {
            question: e.question,
            problem: e.problem,
        }
    }
}
