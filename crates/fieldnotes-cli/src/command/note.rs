//! `note add`, `note edit`, `note show` and `note accept`: interviews and
//! notes, their text from `--text` or standard input, and, for a note that
//! follows an interview form, its answers from a JSON file and what they
//! propose.
//!
//! Invariant: `note add` prints only the new id on stdout (scripts read
//! it); what the answers propose goes to stderr, and nothing proposed is
//! recorded unless asked for (`--accept-needs`, `--accept-risk`, or later
//! `note accept`).

use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use clap::{ArgGroup, Args, Subcommand};
use fieldnotes_core::forms::{normalise_answers, Answers, Form, NoteForm};
use fieldnotes_core::{Body, NeedCategory, NoteBody, NoteKind, Vault};
use uuid::Uuid;

use super::not_a;
use super::note_show;
use crate::cli::Out;

#[derive(Subcommand)]
pub enum NoteCommand {
    /// Add an interview or note; the text comes from --text or stdin (with --form, from --text
    /// only). Prints the new id.
    Add(AddArgs),
    /// Replace a note's text (from --text or stdin) or its form's answers (--answers)
    Edit(EditArgs),
    /// A note, with its form's answers labelled in a language and what they propose
    Show {
        id: Uuid,
        /// The language of the questions' labels (falls back to English)
        #[arg(long, default_value = "en")]
        lang: String,
        #[command(flatten)]
        out: Out,
    },
    /// Confirm what a form note's answers propose: needs, and the case's risk level
    Accept(AcceptArgs),
}

#[derive(Args)]
pub struct AddArgs {
    #[arg(long = "case")]
    case_code: String,
    /// The kind of note [default: the form's, or note]
    #[arg(long)]
    kind: Option<NoteKind>,
    #[arg(long)]
    text: Option<String>,
    /// Keep it as a draft (a form's required questions may wait)
    #[arg(long)]
    draft: bool,
    /// When it took place
    #[arg(long)]
    when: Option<String>,
    /// Where it took place
    #[arg(long)]
    place: Option<String>,
    /// Someone present; repeatable
    #[arg(long)]
    present: Vec<String>,
    #[arg(long)]
    interpreter: Option<String>,
    /// A tag; repeatable
    #[arg(long)]
    tag: Vec<String>,
    #[command(flatten)]
    form: FormArgs,
}

#[derive(Args)]
pub struct FormArgs {
    /// Follow the interview form ID (see `fieldnotes forms list`)
    #[arg(long, value_name = "ID")]
    form: Option<String>,
    /// The form's answers: a JSON file of {"question_id": answer, …}
    #[arg(long, value_name = "FILE", requires = "form")]
    answers: Option<PathBuf>,
    /// The language the questions were asked in [default: en]
    #[arg(long, requires = "form")]
    lang: Option<String>,
    /// Record every need the answers propose
    #[arg(long, requires = "form")]
    accept_needs: bool,
    /// Set the case's risk level to the one the answers propose
    #[arg(long, requires = "form")]
    accept_risk: bool,
}

#[derive(Args)]
pub struct EditArgs {
    id: Uuid,
    #[arg(long)]
    text: Option<String>,
    /// Mark a draft as final
    #[arg(long = "final")]
    finalise: bool,
    /// New answers for the note's form: a JSON file of {"question_id": answer, …}
    #[arg(long, value_name = "FILE")]
    answers: Option<PathBuf>,
    /// The language the questions were asked in
    #[arg(long, requires = "answers")]
    lang: Option<String>,
}

#[derive(Args)]
#[command(group(ArgGroup::new("what").required(true).multiple(true).args(["need", "all_needs", "risk"])))]
pub struct AcceptArgs {
    /// The note whose answers made the proposals
    id: Uuid,
    /// Record the proposed need of this category; repeatable
    #[arg(long, value_name = "CATEGORY")]
    need: Vec<NeedCategory>,
    /// Record every proposed need
    #[arg(long)]
    all_needs: bool,
    /// Set the case's risk level to the proposed one
    #[arg(long)]
    risk: bool,
    /// The language of the needs' descriptions [default: the one the questions were asked in]
    #[arg(long)]
    lang: Option<String>,
}

pub fn run(vault: &mut Vault, cmd: NoteCommand) -> Result<()> {
    match cmd {
        NoteCommand::Add(args) => add(vault, args),
        NoteCommand::Edit(args) => edit(vault, args),
        NoteCommand::Show { id, lang, out } => note_show::show(vault, id, &lang, out.json),
        NoteCommand::Accept(args) => {
            let all = args.all_needs;
            note_show::accept(vault, args.id, args.need, all, args.risk, args.lang)
        }
    }
}

fn add(vault: &mut Vault, a: AddArgs) -> Result<()> {
    let case = vault.case_id(&a.case_code)?;
    let form = match &a.form.form {
        Some(id) => Some(vault.forms().require(id, None)?.clone()),
        None => None,
    };
    let note_form = match &form {
        Some(f) => Some(NoteForm {
            id: f.id.clone(),
            form_version: f.form_version,
            lang: a.form.lang.clone().unwrap_or_else(|| "en".into()),
            answers: read_answers(a.form.answers.as_deref(), f)?,
            unknown: Default::default(),
        }),
        None => None,
    };
    let narrative = match &form {
        Some(_) => a.text.unwrap_or_default(),
        None => text_or_stdin(a.text)?,
    };
    let kind = a
        .kind
        .or(form.as_ref().map(|f| f.note_kind))
        .unwrap_or(NoteKind::Note);
    let v = vault.add(Body::Note(NoteBody {
        unknown: Default::default(),
        form: note_form,
        case,
        kind,
        when: a.when,
        place: a.place,
        present: a.present,
        interpreter: a.interpreter,
        narrative,
        tags: a.tag,
        draft: a.draft,
    }))?;
    println!("{}", v.record_id);
    if form.is_some() {
        let f = &a.form;
        note_show::after_add(vault, v.record_id, f.accept_needs, f.accept_risk)?;
    }
    Ok(())
}

/// The answers in `path` (none without one), tidied for `form`.
fn read_answers(path: Option<&Path>, form: &Form) -> Result<Answers> {
    let Some(path) = path else {
        return Ok(Answers::new());
    };
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("Could not read the answers file {}", path.display()))?;
    let mut answers: Answers = serde_json::from_str(&text).with_context(|| {
        format!(
            "The answers file {} is not a JSON object of question ids to answers",
            path.display()
        )
    })?;
    normalise_answers(form, &mut answers);
    Ok(answers)
}

fn edit(vault: &mut Vault, a: EditArgs) -> Result<()> {
    let new_text = if a.text.is_none() && (a.finalise || a.answers.is_some()) {
        None
    } else {
        Some(text_or_stdin(a.text)?)
    };
    let new_answers = match &a.answers {
        Some(path) => Some(answers_for(vault, a.id, path)?),
        None => None,
    };
    let id = a.id;
    let v = vault.modify(id, |b| match b {
        Body::Note(n) => {
            if let Some(t) = new_text {
                n.narrative = t;
            }
            if a.finalise {
                n.draft = false;
            }
            if let (Some(f), Some(answers)) = (n.form.as_mut(), new_answers) {
                f.answers = answers;
                if let Some(lang) = a.lang {
                    f.lang = lang;
                }
            }
            Ok(())
        }
        _ => Err(not_a("note", id)),
    })?;
    println!("{}", v.version_id);
    Ok(())
}

/// New answers from `path` for note `id`'s form.
fn answers_for(vault: &Vault, id: Uuid, path: &Path) -> Result<Answers> {
    let Some(Body::Note(note)) = vault.current(id)?.body else {
        return Err(not_a("note", id).into());
    };
    let Some(nf) = note.form else {
        bail!("Note {id} follows no form, so it has no answers to change; change its text with --text.");
    };
    let catalog = vault.forms();
    let form = catalog.require(&nf.id, Some(nf.form_version))?;
    read_answers(Some(path), form)
}

/// Text from --text, or else everything on stdin.
fn text_or_stdin(text: Option<String>) -> Result<String> {
    if let Some(t) = text {
        return Ok(t);
    }
    if std::io::stdin().is_terminal() {
        eprintln!("Type the text; end with Ctrl-D on a line of its own.");
    }
    let mut s = String::new();
    std::io::stdin()
        .read_to_string(&mut s)
        .context("Could not read the text from standard input (it must be UTF-8)")?;
    Ok(s.trim_end().to_owned())
}
