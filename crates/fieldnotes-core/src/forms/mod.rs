//! Interview forms: questionnaires as data (intake, risk, needs, follow-up,
//! court), the answers a note holds, and what those answers propose.
//!
//! A form is a JSON file of the `fieldnotes-form` format (docs/FORMATS.md,
//! "Form file"): shipped ones are built into the binary from
//! `assets/forms/`, an organisation's own are files in the vault folder's
//! `forms/` subfolder, read and checked each time they are used.
//!
//! Invariants: a [`Form`] only exists validated (ids unique and well
//! formed, every label in English, choices where a kind needs them, effects
//! naming real need categories and risk levels); a note names its form by
//! id and version and keeps its answers by question id, so a note reads,
//! imports and verifies on a laptop that does not have its form (it is then
//! shown by raw question ids); a vault form never takes a shipped form's
//! id, so one (id, version) always means one set of questions. Nothing here
//! creates a record on its own: proposals are confirmed by the caller.
//!
//! Where things live: `raw.rs` (the file as written), `validate.rs` (file
//! to [`Form`]), `problem.rs` (what can be wrong), `shipped.rs` and
//! `catalog.rs` (which forms exist), `answers.rs` (a note's answers and
//! their checks), `proposals.rs` (needs and risk proposed), `display.rs`
//! (answers with their labels; search text), `vault.rs` (the vault's
//! operations).

mod answers;
mod catalog;
mod display;
mod problem;
mod proposals;
mod raw;
mod shipped;
mod validate;
mod vault;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::vocab::{NeedCategory, NoteKind, Priority, RiskLevel};

pub use answers::{check_answers, normalise_answers, Answer, Answers, NoteForm};
pub use catalog::{Catalog, FormEntry, FormSource, FORMS_DIR, MAX_FORM_FILE};
pub use display::{describe_answers, reason_text, yes_no, AnswerLine};
pub use problem::{AnswerProblem, FormError, FormProblem};
pub use proposals::{propose, NeedProposal, NeedReason, Proposals, RiskProposal, RiskReason};
pub use shipped::{shipped, SHIPPED_LANGUAGES};
pub use validate::parse_form;

pub(crate) use answers::keep_form_of;
pub(crate) use display::search_text;

/// The format name a form file starts with.
pub const FORM_FORMAT: &str = "fieldnotes-form";
/// The form file format version this build reads and writes.
pub const FORM_FORMAT_VERSION: u64 = 1;

/// Text in several languages: language code (`en`, `ro`, …) to text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Labels(pub BTreeMap<String, String>);

impl Labels {
    /// The text in `lang`, else in English, else in any language.
    pub fn text(&self, lang: &str) -> &str {
        self.0
            .get(lang)
            .or_else(|| self.0.get("en"))
            .or_else(|| self.0.values().next())
            .map(String::as_str)
            .unwrap_or_default()
    }

    /// Whether there is non-blank text in `lang`.
    pub fn has(&self, lang: &str) -> bool {
        self.0.get(lang).is_some_and(|t| !t.trim().is_empty())
    }
}

/// A validated form.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Form {
    pub id: String,
    /// Raised by the form's author whenever its questions change.
    pub form_version: u32,
    pub title: Labels,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Labels>,
    /// The kind a note that follows the form gets unless told otherwise.
    pub note_kind: NoteKind,
    /// The languages every title, label and choice of the form has, sorted.
    pub languages: Vec<String>,
    pub sections: Vec<Section>,
    /// Present on a risk assessment: how answers' scores become a level.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub risk_scoring: Option<RiskScoring>,
}

impl Form {
    /// Every question, in the order the form asks them.
    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.sections.iter().flat_map(|s| s.questions.iter())
    }

    /// The question with `id`.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions().find(|q| q.id == id)
    }
}

/// A titled group of questions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    pub id: String,
    pub title: Labels,
    pub questions: Vec<Question>,
}

/// The kind of a question, which fixes how its answer is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum QuestionKind {
    /// One line of text; answer: a string.
    Text,
    /// Paragraphs; answer: a string.
    LongText,
    /// Answer: `true` or `false`.
    YesNo,
    /// Answer: one choice id.
    SingleChoice,
    /// Answer: a list of distinct choice ids.
    MultipleChoice,
    /// Answer: `YYYY-MM-DD`.
    Date,
    /// Answer: a number, within `min`/`max` when given.
    Number,
    /// Answer: a whole number from `min` to `max`.
    Scale,
}

impl QuestionKind {
    /// Every kind.
    pub const ALL: &'static [QuestionKind] = &[
        QuestionKind::Text,
        QuestionKind::LongText,
        QuestionKind::YesNo,
        QuestionKind::SingleChoice,
        QuestionKind::MultipleChoice,
        QuestionKind::Date,
        QuestionKind::Number,
        QuestionKind::Scale,
    ];

    /// The name used in form files.
    pub fn as_str(self) -> &'static str {
        match self {
            QuestionKind::Text => "text",
            QuestionKind::LongText => "long_text",
            QuestionKind::YesNo => "yes_no",
            QuestionKind::SingleChoice => "single_choice",
            QuestionKind::MultipleChoice => "multiple_choice",
            QuestionKind::Date => "date",
            QuestionKind::Number => "number",
            QuestionKind::Scale => "scale",
        }
    }

    /// Whether questions of this kind list choices.
    pub fn has_choices(self) -> bool {
        matches!(
            self,
            QuestionKind::SingleChoice | QuestionKind::MultipleChoice
        )
    }
}

/// One question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Question {
    /// Unique in the whole form: answers are keyed by it.
    pub id: String,
    pub kind: QuestionKind,
    pub label: Labels,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<Labels>,
    /// Must be answered before the note stops being a draft.
    pub required: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<Choice>,
    /// Number and scale: the smallest answer allowed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// Number and scale: the largest answer allowed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// Scale: what its lowest point means.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_label: Option<Labels>,
    /// Scale: what its highest point means.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_label: Option<Labels>,
    /// Yes/no: what a "yes" implies.
    #[serde(skip_serializing_if = "Effect::is_none")]
    pub on_yes: Effect,
    /// Yes/no: what a "no" implies.
    #[serde(skip_serializing_if = "Effect::is_none")]
    pub on_no: Effect,
    /// Asked only when an earlier question got a given answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub show_if: Option<ShowIf>,
}

/// One choice of a single or multiple choice question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Choice {
    /// Unique within its question; what the answer holds.
    pub id: String,
    pub label: Labels,
    #[serde(flatten)]
    pub effect: Effect,
}

/// What an answer implies, for the proposals.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Effect {
    /// Points towards the form's risk level.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<u32>,
    /// The risk level is at least this, whatever the score.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_risk: Option<RiskLevel>,
    /// A need the answer points to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub implies_need: Option<NeedCategory>,
    /// The priority of that need (medium when not said).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub need_priority: Option<Priority>,
}

impl Effect {
    /// Whether the effect implies nothing.
    pub fn is_none(&self) -> bool {
        *self == Effect::default()
    }
}

/// A condition on an earlier answer: `answer` is `yes` or `no` for a yes/no
/// question, a choice id for a choice question (for a multiple choice: one
/// of those chosen).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShowIf {
    pub question: String,
    pub answer: String,
}

/// How a risk assessment's total score becomes a [`RiskLevel`]: `high` from
/// `high` points, `medium` from `medium` points, `low` below.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskScoring {
    pub medium: u32,
    pub high: u32,
}

impl RiskScoring {
    /// The level a total score reaches.
    pub fn level(&self, score: u32) -> RiskLevel {
        if score >= self.high {
            RiskLevel::High
        } else if score >= self.medium {
            RiskLevel::Medium
        } else {
            RiskLevel::Low
        }
    }
}

#[cfg(test)]
mod fixture;
