//! A form file as written, before it is checked.
//!
//! Invariants: every field of the format is listed and any other is refused
//! (a misspelt "requried" must not silently make a question optional), so a
//! later format that adds fields raises the format version; fields whose
//! values come from a list (kind, need category, risk level) are read as
//! text here, so validation can name the question that has a wrong one.

use serde::Deserialize;

use super::{Labels, RiskScoring, ShowIf};

/// The first two fields, read before anything else so a newer format is
/// refused as such rather than as a malformed file.
#[derive(Deserialize)]
pub(super) struct RawHeader {
    #[serde(default)]
    pub format: Option<serde_json::Value>,
    #[serde(default)]
    pub version: Option<serde_json::Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawForm {
    #[allow(dead_code)] // checked through RawHeader
    pub format: String,
    #[allow(dead_code)] // checked through RawHeader
    pub version: u64,
    pub id: String,
    pub form_version: u32,
    pub title: Labels,
    #[serde(default)]
    pub description: Option<Labels>,
    #[serde(default)]
    pub note_kind: Option<String>,
    #[serde(default)]
    pub risk_scoring: Option<RiskScoring>,
    pub sections: Vec<RawSection>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSection {
    pub id: String,
    pub title: Labels,
    pub questions: Vec<RawQuestion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawQuestion {
    pub id: String,
    pub kind: String,
    pub label: Labels,
    #[serde(default)]
    pub help: Option<Labels>,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub choices: Option<Vec<RawChoice>>,
    #[serde(default)]
    pub min: Option<f64>,
    #[serde(default)]
    pub max: Option<f64>,
    #[serde(default)]
    pub min_label: Option<Labels>,
    #[serde(default)]
    pub max_label: Option<Labels>,
    #[serde(default)]
    pub on_yes: Option<RawEffect>,
    #[serde(default)]
    pub on_no: Option<RawEffect>,
    #[serde(default)]
    pub show_if: Option<ShowIf>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawChoice {
    pub id: String,
    pub label: Labels,
    #[serde(default)]
    pub score: Option<u32>,
    #[serde(default)]
    pub min_risk: Option<String>,
    #[serde(default)]
    pub implies_need: Option<String>,
    #[serde(default)]
    pub need_priority: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawEffect {
    #[serde(default)]
    pub score: Option<u32>,
    #[serde(default)]
    pub min_risk: Option<String>,
    #[serde(default)]
    pub implies_need: Option<String>,
    #[serde(default)]
    pub need_priority: Option<String>,
}

impl RawChoice {
    /// The choice's effect fields, as a yes/no question's are written.
    pub fn effect(&self) -> RawEffect {
        RawEffect {
            score: self.score,
            min_risk: self.min_risk.clone(),
            implies_need: self.implies_need.clone(),
            need_priority: self.need_priority.clone(),
        }
    }
}
