//! What a note's answers propose: the needs they imply (a needs
//! assessment) and the risk level they score (a risk assessment).
//!
//! Invariants: proposing never writes anything; the worker confirms each
//! proposal ([`crate::Vault::accept_needs`], [`crate::Vault::accept_risk`]).
//! Only answers to questions that are asked count; a level is the higher of
//! what the total score reaches and the highest `min_risk` of an answer.

use serde::Serialize;
use uuid::Uuid;

use super::answers::{Answer, Answers};
use super::{Effect, Form, QuestionKind, RiskScoring};
use crate::vocab::{NeedCategory, Priority, RiskLevel};

/// An answer that implies a need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NeedReason {
    pub question: String,
    /// `yes`, `no` or the choice id.
    pub answer: String,
}

/// A need the answers imply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NeedProposal {
    pub category: NeedCategory,
    /// The highest the form gives among the reasons (medium when none).
    pub priority: Priority,
    pub reasons: Vec<NeedReason>,
    /// An open need of this category the case already has, if any.
    pub open_need: Option<Uuid>,
}

/// An answer that adds to the risk score or sets a lowest level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RiskReason {
    pub question: String,
    /// `yes`, `no` or the choice id.
    pub answer: String,
    pub score: u32,
    pub min_risk: Option<RiskLevel>,
}

/// The risk level the answers score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RiskProposal {
    pub level: RiskLevel,
    pub score: u32,
    pub scoring: RiskScoring,
    pub reasons: Vec<RiskReason>,
    /// The case's risk level now.
    pub current: Option<RiskLevel>,
}

/// Everything a note's answers propose.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Proposals {
    /// Whether the note's form is available here (without it, nothing can
    /// be proposed).
    pub form_available: bool,
    pub needs: Vec<NeedProposal>,
    /// Present for a form with risk scoring.
    pub risk: Option<RiskProposal>,
}

/// What `answers` to `form` propose (the case's own state, open needs and
/// current risk, is left for the vault to fill in).
pub fn propose(form: &Form, answers: &Answers) -> Proposals {
    let effects = effects(form, answers);
    let mut needs: Vec<NeedProposal> = Vec::new();
    for (question, answer, e) in &effects {
        let Some(category) = e.implies_need else {
            continue;
        };
        let priority = e.need_priority.unwrap_or(Priority::Medium);
        let reason = NeedReason {
            question: question.clone(),
            answer: answer.clone(),
        };
        match needs.iter_mut().find(|n| n.category == category) {
            Some(n) => {
                n.priority = n.priority.max(priority);
                n.reasons.push(reason);
            }
            None => needs.push(NeedProposal {
                category,
                priority,
                reasons: vec![reason],
                open_need: None,
            }),
        }
    }
    let risk = form.risk_scoring.map(|scoring| {
        let reasons: Vec<RiskReason> = effects
            .iter()
            .filter(|(_, _, e)| e.score.unwrap_or(0) > 0 || e.min_risk.is_some())
            .map(|(question, answer, e)| RiskReason {
                question: question.clone(),
                answer: answer.clone(),
                score: e.score.unwrap_or(0),
                min_risk: e.min_risk,
            })
            .collect();
        let score = reasons.iter().fold(0u32, |s, r| s.saturating_add(r.score));
        let floor = reasons.iter().filter_map(|r| r.min_risk).max();
        RiskProposal {
            level: scoring.level(score).max(floor.unwrap_or(RiskLevel::Low)),
            score,
            scoring,
            reasons,
            current: None,
        }
    });
    Proposals {
        form_available: true,
        needs,
        risk,
    }
}

/// (question, answer id, effect) of every answer given to an asked
/// question, in the form's order.
fn effects<'f>(form: &'f Form, answers: &Answers) -> Vec<(String, String, &'f Effect)> {
    let mut out = Vec::new();
    for q in form.questions() {
        let Some(answer) = answers.get(&q.id) else {
            continue;
        };
        let asked = q.show_if.as_ref().is_none_or(|c| {
            answers
                .get(&c.question)
                .is_some_and(|a| a.matches(&c.answer))
        });
        if !asked {
            continue;
        }
        match (q.kind, answer) {
            (QuestionKind::YesNo, Answer::Bool(true)) => {
                out.push((q.id.clone(), "yes".into(), &q.on_yes))
            }
            (QuestionKind::YesNo, Answer::Bool(false)) => {
                out.push((q.id.clone(), "no".into(), &q.on_no))
            }
            (k, _) if k.has_choices() => {
                for c in q.choices.iter().filter(|c| answer.matches(&c.id)) {
                    out.push((q.id.clone(), c.id.clone(), &c.effect));
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::fixture::form;
    use super::*;

    fn answers(v: serde_json::Value) -> Answers {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn answers_propose_needs_with_their_reasons_and_priority() {
        let p = propose(&form(), &answers(json!({"safe": false, "where": "street"})));
        assert!(p.form_available);
        let cats: Vec<_> = p.needs.iter().map(|n| (n.category, n.priority)).collect();
        assert_eq!(
            cats,
            vec![
                (NeedCategory::SafetyProtection, Priority::Medium),
                (NeedCategory::Accommodation, Priority::Urgent)
            ]
        );
        assert_eq!(
            p.needs[1].reasons,
            vec![NeedReason {
                question: "where".into(),
                answer: "street".into()
            }]
        );
        assert!(
            propose(&form(), &answers(json!({"safe": true, "where": "home"})))
                .needs
                .is_empty()
        );
    }

    #[test]
    fn the_risk_level_is_the_higher_of_score_and_floor() {
        let low = propose(&form(), &answers(json!({"safe": true})))
            .risk
            .unwrap();
        assert_eq!((low.level, low.score), (RiskLevel::Low, 0));
        assert!(low.reasons.is_empty());
        let medium = propose(&form(), &answers(json!({"safe": false})))
            .risk
            .unwrap();
        assert_eq!((medium.level, medium.score), (RiskLevel::Medium, 2));
        // "street" scores nothing but sets the level to at least high.
        let high = propose(&form(), &answers(json!({"safe": true, "where": "street"})))
            .risk
            .unwrap();
        assert_eq!((high.level, high.score), (RiskLevel::High, 0));
        assert_eq!(high.reasons[0].min_risk, Some(RiskLevel::High));
    }

    #[test]
    fn a_form_without_scoring_proposes_no_level() {
        let mut f = form();
        f.risk_scoring = None;
        assert_eq!(propose(&f, &answers(json!({"safe": false}))).risk, None);
    }

    #[test]
    fn answers_to_hidden_questions_propose_nothing() {
        let mut f = form();
        f.sections[0].questions[4].choices[0].effect.implies_need =
            Some(NeedCategory::IdentityDocuments);
        let shown = propose(
            &f,
            &answers(json!({"where": "street", "docs": ["passport"]})),
        );
        assert!(shown
            .needs
            .iter()
            .any(|n| n.category == NeedCategory::IdentityDocuments));
        let hidden = propose(&f, &answers(json!({"where": "home", "docs": ["passport"]})));
        assert!(hidden.needs.is_empty());
    }
}
