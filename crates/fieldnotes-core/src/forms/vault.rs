//! The vault's side of forms: the forms it can use, the check of a note's
//! answers before it is written, and the proposals a note's answers make,
//! confirmed into needs (one transaction) or the case's risk level (one
//! case version).
//!
//! Invariants: a new note, or one whose form changes, must name a form
//! available here and answer it correctly; an edit of a note whose form is
//! not installed here (it came in a bundle) keeps the answers as checked
//! where they were written. Confirming writes exactly the chosen proposals.

use uuid::Uuid;

use super::answers::{check_answers, Answer, NoteForm};
use super::catalog::Catalog;
use super::proposals::{propose, NeedProposal, Proposals};
use super::Form;
use crate::audit::Event;
use crate::consent::wrong_kind;
use crate::error::{Error, Result};
use crate::model::{Body, NeedBody, NoteBody, Version};
use crate::records::write_in;
use crate::vault::Vault;
use crate::vocab::{Kind, NeedCategory, ReferralStatus};

impl Vault {
    /// The forms this vault can use: the shipped ones and the files in its
    /// folder's `forms/` subfolder (read now), valid or not.
    pub fn forms(&self) -> Catalog {
        Catalog::load(&self.dir)
    }

    /// Checks a note before it is written (`head`: its current version, for
    /// an edit): it has text unless it is a draft or answers a form, and
    /// its answers fit its form.
    pub(crate) fn check_note(&self, n: &NoteBody, head: Option<&Version>) -> Result<()> {
        if let Some(nf) = &n.form {
            self.check_note_form(nf, n.draft, head)?;
        }
        let answered = n
            .form
            .as_ref()
            .is_some_and(|f| f.answers.values().any(Answer::is_given));
        if n.narrative.trim().is_empty() && !n.draft && !answered {
            return Err(Error::Empty {
                what: "The note text",
            });
        }
        Ok(())
    }

    fn check_note_form(&self, nf: &NoteForm, draft: bool, head: Option<&Version>) -> Result<()> {
        let before = head.and_then(|h| match &h.body {
            Some(Body::Note(p)) => p.form.as_ref(),
            _ => None,
        });
        let catalog = self.forms();
        let form = match catalog.get_version(&nf.id, nf.form_version) {
            Some(f) => f,
            None if before.is_some_and(|b| b.id == nf.id && b.form_version == nf.form_version) => {
                return Ok(())
            }
            None => {
                return Err(Error::UnknownForm {
                    id: nf.id.clone(),
                    version: Some(nf.form_version),
                })
            }
        };
        if !form.languages.contains(&nf.lang) {
            return Err(Error::UnknownValue {
                what: "form language",
                given: nf.lang.clone(),
                allowed: form.languages.join(", "),
            });
        }
        check_answers(form, &nf.answers, draft)?;
        Ok(())
    }

    /// What note `note_id`'s answers propose, with the case's open needs
    /// and current risk level; nothing when the note follows no form or
    /// its form is not available here.
    pub fn note_proposals(&self, note_id: Uuid) -> Result<Proposals> {
        let note = self.note_body(note_id)?;
        let catalog = self.forms();
        let Some((form, nf)) = note_form(&catalog, &note) else {
            return Ok(Proposals::default());
        };
        let mut proposals = propose(form, &nf.answers);
        let records = self.case_records(note.case)?;
        for need in &mut proposals.needs {
            need.open_need = records
                .iter()
                .find(|r| {
                    matches!(r.body(), Some(Body::Need(b))
                        if b.category == need.category && b.status.is_open())
                })
                .map(|r| r.record_id);
        }
        if let Some(risk) = &mut proposals.risk {
            risk.current = match self.current(note.case)?.body {
                Some(Body::Case(c)) => c.risk,
                _ => None,
            };
        }
        Ok(proposals)
    }

    /// Creates the proposed needs of the chosen `categories`, in one
    /// transaction: status identified, the form's priority, and a
    /// description (labels in `lang`) naming the note and the answers that
    /// implied each. Returns their first versions.
    pub fn accept_needs(
        &mut self,
        note_id: Uuid,
        categories: &[NeedCategory],
        lang: &str,
    ) -> Result<Vec<Version>> {
        let note = self.note_body(note_id)?;
        let proposals = self.note_proposals(note_id)?;
        if proposals.needs.is_empty() && !categories.is_empty() {
            return Err(Error::NothingProposed { what: "needs" });
        }
        let catalog = self.forms();
        let Some((form, _)) = note_form(&catalog, &note) else {
            return Ok(Vec::new());
        };
        let mut bodies = Vec::with_capacity(categories.len());
        for category in categories {
            let p = proposals
                .needs
                .iter()
                .find(|p| p.category == *category)
                .ok_or_else(|| Error::UnknownValue {
                    what: "proposed need",
                    given: category.to_string(),
                    allowed: names(&proposals.needs),
                })?;
            if bodies.iter().any(|b: &NeedBody| b.category == *category) {
                continue;
            }
            bodies.push(NeedBody {
                unknown: Default::default(),
                case: note.case,
                category: *category,
                description: need_description(form, p, note_id, lang),
                priority: p.priority,
                status: ReferralStatus::Identified,
                referral_target: None,
                due: None,
                consent: None,
            });
        }
        self.write_needs(bodies)
    }

    /// Sets the case's risk level to the one note `note_id`'s answers
    /// propose: one new case version (none if it already has that level).
    pub fn accept_risk(&mut self, note_id: Uuid) -> Result<Version> {
        let note = self.note_body(note_id)?;
        let risk = self
            .note_proposals(note_id)?
            .risk
            .ok_or(Error::NothingProposed { what: "risk level" })?;
        let case = note.case;
        self.modify(case, |b| match b {
            Body::Case(c) => {
                c.risk = Some(risk.level);
                Ok(())
            }
            other => Err(wrong_kind(Kind::Case, other.kind(), case)),
        })
    }

    fn write_needs(&mut self, bodies: Vec<NeedBody>) -> Result<Vec<Version>> {
        if let Some(b) = bodies.first() {
            match self.current(b.case)?.kind {
                Kind::Case => {}
                found => return Err(wrong_kind(Kind::Case, found, b.case)),
            }
        }
        let tx = self.conn.transaction()?;
        let mut out = Vec::with_capacity(bodies.len());
        for body in bodies {
            out.push(write_in(
                &tx,
                &self.secrets,
                self.clock.as_ref(),
                &self.audit_key,
                Uuid::now_v7(),
                Kind::Need,
                Vec::new(),
                Some(Body::Need(body)),
                Event::RecordCreated,
            )?);
        }
        tx.commit()?;
        Ok(out)
    }

    /// The current body of note `id`.
    pub(crate) fn note_body(&self, id: Uuid) -> Result<NoteBody> {
        let v = self.current(id)?;
        match v.body {
            Some(Body::Note(n)) => Ok(n),
            _ => Err(wrong_kind(Kind::Note, v.kind, id)),
        }
    }
}

/// The note's form at the version it was answered in, if available.
fn note_form<'c, 'n>(catalog: &'c Catalog, note: &'n NoteBody) -> Option<(&'c Form, &'n NoteForm)> {
    let nf = note.form.as_ref()?;
    Some((catalog.get_version(&nf.id, nf.form_version)?, nf))
}

fn names(needs: &[NeedProposal]) -> String {
    let names: Vec<&str> = needs.iter().map(|n| n.category.as_str()).collect();
    names.join(", ")
}

/// "<form title> (note <id>):" then one line per answer that implied it.
fn need_description(form: &Form, p: &NeedProposal, note_id: Uuid, lang: &str) -> String {
    let mut text = format!("{} (note {note_id}):", form.title.text(lang));
    for r in &p.reasons {
        if let Some(line) = super::display::reason_text(form, &r.question, &r.answer, lang) {
            text.push_str(&format!("\n- {line}"));
        }
    }
    text
}
