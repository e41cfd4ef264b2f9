//! Payloads of interview forms: the forms offered, one form's questions,
//! a note's answers (raw and labelled) and what a note's answers propose.
//!
//! Invariants: a form travels whole, with every language's labels, so the
//! UI asks the questions in the survivor's language whatever the app's is;
//! answers travel as stored (by question id), and their labelled lines are
//! made by the core's `describe_answers` in the language they were asked
//! in, or by raw ids when the form is not installed here.

use std::collections::BTreeMap;

use fieldnotes_core::forms::{
    describe_answers, Answer, AnswerLine, Catalog, Choice, Form, FormEntry, FormSource,
    NeedProposal, NoteForm, Proposals, Question, QuestionKind, RiskProposal, Section, ShowIf,
};
use fieldnotes_core::{NeedCategory, NoteKind, Priority, RiskLevel};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::{all, NoteView};

/// One form offered: its title in the asked language.
#[derive(Debug, Clone, Serialize, TS)]
pub struct FormSummary {
    pub id: String,
    pub form_version: u32,
    pub title: String,
    #[ts(type = "NoteKind")]
    pub note_kind: NoteKind,
    pub languages: Vec<String>,
    /// Built into Fieldnotes (else: a file in the vault's forms folder).
    pub shipped: bool,
}

/// A vault form file that could not be used, and why.
#[derive(Debug, Clone, Serialize, TS)]
pub struct InvalidFormView {
    pub file: String,
    pub message: String,
}

/// The forms a note can follow, and the vault's form files that are wrong.
#[derive(Debug, Clone, Serialize, TS)]
pub struct FormListView {
    pub forms: Vec<FormSummary>,
    pub invalid: Vec<InvalidFormView>,
}

impl FormListView {
    /// The catalog's forms, titled in `lang`.
    pub fn new(catalog: &Catalog, lang: &str) -> Self {
        let (mut forms, mut invalid) = (Vec::new(), Vec::new());
        for FormEntry {
            source,
            file,
            form,
            error,
        } in catalog.entries()
        {
            if let Some(f) = form {
                forms.push(FormSummary {
                    id: f.id.clone(),
                    form_version: f.form_version,
                    title: f.title.text(lang).to_owned(),
                    note_kind: f.note_kind,
                    languages: f.languages.clone(),
                    shipped: *source == FormSource::Shipped,
                });
            } else if let Some(e) = error {
                invalid.push(InvalidFormView {
                    file: file.clone(),
                    message: e.to_string(),
                });
            }
        }
        FormListView { forms, invalid }
    }
}

/// Text by language code.
type LabelsView = BTreeMap<String, String>;

/// A whole form, every label in every language it has.
#[derive(Debug, Clone, Serialize, TS)]
pub struct FormView {
    pub id: String,
    pub form_version: u32,
    pub title: LabelsView,
    pub description: Option<LabelsView>,
    #[ts(type = "NoteKind")]
    pub note_kind: NoteKind,
    pub languages: Vec<String>,
    pub sections: Vec<SectionView>,
}

impl From<&Form> for FormView {
    fn from(f: &Form) -> Self {
        FormView {
            id: f.id.clone(),
            form_version: f.form_version,
            title: f.title.0.clone(),
            description: f.description.as_ref().map(|d| d.0.clone()),
            note_kind: f.note_kind,
            languages: f.languages.clone(),
            sections: f.sections.iter().map(SectionView::from).collect(),
        }
    }
}

/// A titled group of questions.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SectionView {
    pub id: String,
    pub title: LabelsView,
    pub questions: Vec<QuestionView>,
}

impl From<&Section> for SectionView {
    fn from(s: &Section) -> Self {
        SectionView {
            id: s.id.clone(),
            title: s.title.0.clone(),
            questions: s.questions.iter().map(QuestionView::from).collect(),
        }
    }
}

/// One question; `show_if` names an earlier question and the answer
/// (`yes`, `no` or a choice id) it is asked after.
#[derive(Debug, Clone, Serialize, TS)]
pub struct QuestionView {
    pub id: String,
    #[ts(type = "QuestionKind")]
    pub kind: QuestionKind,
    pub label: LabelsView,
    pub help: Option<LabelsView>,
    pub required: bool,
    pub choices: Vec<ChoiceView>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub min_label: Option<LabelsView>,
    pub max_label: Option<LabelsView>,
    pub show_if: Option<ShowIfView>,
}

impl From<&Question> for QuestionView {
    fn from(q: &Question) -> Self {
        let labels = |l: &Option<fieldnotes_core::forms::Labels>| l.as_ref().map(|l| l.0.clone());
        QuestionView {
            id: q.id.clone(),
            kind: q.kind,
            label: q.label.0.clone(),
            help: labels(&q.help),
            required: q.required,
            choices: q.choices.iter().map(ChoiceView::from).collect(),
            min: q.min,
            max: q.max,
            min_label: labels(&q.min_label),
            max_label: labels(&q.max_label),
            show_if: q.show_if.as_ref().map(ShowIfView::from),
        }
    }
}

/// One choice of a choice question.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ChoiceView {
    pub id: String,
    pub label: LabelsView,
}

impl From<&Choice> for ChoiceView {
    fn from(c: &Choice) -> Self {
        ChoiceView {
            id: c.id.clone(),
            label: c.label.0.clone(),
        }
    }
}

/// Asked only when `question` was answered `answer`.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ShowIfView {
    pub question: String,
    pub answer: String,
}

impl From<&ShowIf> for ShowIfView {
    fn from(s: &ShowIf) -> Self {
        ShowIfView {
            question: s.question.clone(),
            answer: s.answer.clone(),
        }
    }
}

/// The form a note follows and its answers, as sent from the editor.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct NoteFormInput {
    pub id: String,
    pub form_version: u32,
    /// The language the questions were asked in.
    pub lang: String,
    #[ts(type = "Record<string, FormAnswer>")]
    pub answers: BTreeMap<String, Answer>,
}

impl From<NoteFormInput> for NoteForm {
    fn from(i: NoteFormInput) -> Self {
        NoteForm {
            id: i.id,
            form_version: i.form_version,
            lang: i.lang,
            answers: i.answers,
            unknown: Default::default(),
        }
    }
}

/// A note's form and answers, with the answers labelled for display.
#[derive(Debug, Clone, Serialize, TS)]
pub struct NoteFormView {
    pub id: String,
    pub form_version: u32,
    pub lang: String,
    /// The form's title in `lang`, when the form is installed here.
    pub title: Option<String>,
    #[ts(type = "Record<string, FormAnswer>")]
    pub answers: BTreeMap<String, Answer>,
    pub lines: Vec<AnswerLineView>,
}

impl NoteFormView {
    /// The answers, labelled from `form` when it is known.
    pub fn new(form: Option<&Form>, nf: &NoteForm) -> Self {
        NoteFormView {
            id: nf.id.clone(),
            form_version: nf.form_version,
            lang: nf.lang.clone(),
            title: form.map(|f| f.title.text(&nf.lang).to_owned()),
            answers: nf.answers.clone(),
            lines: all(describe_answers(form, nf, &nf.lang)),
        }
    }
}

/// Labels the answers of each note that follows a form installed here.
pub fn label_answers(notes: &mut [NoteView], catalog: &Catalog) {
    for view in notes.iter_mut().filter_map(|n| n.form.as_mut()) {
        if let Some(form) = catalog.get_version(&view.id, view.form_version) {
            let nf = NoteForm {
                id: view.id.clone(),
                form_version: view.form_version,
                lang: view.lang.clone(),
                answers: std::mem::take(&mut view.answers),
                unknown: Default::default(),
            };
            *view = NoteFormView::new(Some(form), &nf);
        }
    }
}

/// One answer as shown: the question's label (null when the form is not
/// installed: show `question`, its id) and, for a choice, the chosen labels.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AnswerLineView {
    pub section: Option<String>,
    pub question: String,
    pub label: Option<String>,
    #[ts(type = "QuestionKind | null")]
    pub kind: Option<QuestionKind>,
    #[ts(type = "FormAnswer")]
    pub answer: Answer,
    pub choices: Vec<String>,
}

impl From<AnswerLine> for AnswerLineView {
    fn from(l: AnswerLine) -> Self {
        AnswerLineView {
            section: l.section,
            question: l.question,
            label: l.label,
            kind: l.kind,
            answer: l.answer,
            choices: l.choices,
        }
    }
}

/// An answer behind a proposal: `answer` is `yes`, `no` or a choice id.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ReasonView {
    pub question: String,
    pub answer: String,
}

/// A need the answers imply; `open_need`: one the case already has.
#[derive(Debug, Clone, Serialize, TS)]
pub struct NeedProposalView {
    #[ts(type = "NeedCategory")]
    pub category: NeedCategory,
    #[ts(type = "Priority")]
    pub priority: Priority,
    pub reasons: Vec<ReasonView>,
    pub open_need: Option<Uuid>,
}

impl From<NeedProposal> for NeedProposalView {
    fn from(p: NeedProposal) -> Self {
        NeedProposalView {
            category: p.category,
            priority: p.priority,
            reasons: p
                .reasons
                .into_iter()
                .map(|r| ReasonView {
                    question: r.question,
                    answer: r.answer,
                })
                .collect(),
            open_need: p.open_need,
        }
    }
}

/// The risk level the answers score, and the case's level now.
#[derive(Debug, Clone, Serialize, TS)]
pub struct RiskProposalView {
    #[ts(type = "RiskLevel")]
    pub level: RiskLevel,
    pub score: u32,
    pub reasons: Vec<ReasonView>,
    #[ts(type = "RiskLevel | null")]
    pub current: Option<RiskLevel>,
}

impl From<RiskProposal> for RiskProposalView {
    fn from(p: RiskProposal) -> Self {
        RiskProposalView {
            level: p.level,
            score: p.score,
            reasons: p
                .reasons
                .into_iter()
                .map(|r| ReasonView {
                    question: r.question,
                    answer: r.answer,
                })
                .collect(),
            current: p.current,
        }
    }
}

/// What a note's answers propose; nothing is created until confirmed.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ProposalsView {
    pub form_available: bool,
    pub needs: Vec<NeedProposalView>,
    pub risk: Option<RiskProposalView>,
}

impl From<Proposals> for ProposalsView {
    fn from(p: Proposals) -> Self {
        ProposalsView {
            form_available: p.form_available,
            needs: all(p.needs),
            risk: p.risk.map(Into::into),
        }
    }
}

/// The proposed needs the worker chose to create, from note `note_id`;
/// their descriptions are written in `lang`.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct AcceptNeedsInput {
    pub note_id: Uuid,
    #[ts(type = "Array<NeedCategory>")]
    pub categories: Vec<NeedCategory>,
    pub lang: String,
}
