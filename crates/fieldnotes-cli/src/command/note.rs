//! `note add` and `note edit`: interviews and notes, their text from
//! `--text` or standard input.

use std::io::{IsTerminal, Read};

use anyhow::{Context, Result};
use clap::Subcommand;
use fieldnotes_core::{Body, NoteBody, NoteKind, Vault};
use uuid::Uuid;

use super::not_a;

#[derive(Subcommand)]
pub enum NoteCommand {
    /// Add an interview or note; the text comes from --text or stdin. Prints the new id.
    Add {
        #[arg(long = "case")]
        case_code: String,
        #[arg(long, default_value = "note")]
        kind: NoteKind,
        #[arg(long)]
        text: Option<String>,
        /// Keep it as a draft
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
    },
    /// Replace a note's text (from --text or stdin)
    Edit {
        id: Uuid,
        #[arg(long)]
        text: Option<String>,
        /// Mark a draft as final
        #[arg(long = "final")]
        finalise: bool,
    },
}

pub fn run(vault: &mut Vault, cmd: NoteCommand) -> Result<()> {
    match cmd {
        NoteCommand::Add {
            case_code,
            kind,
            text,
            draft,
            when,
            place,
            present,
            interpreter,
            tag,
        } => {
            let case = vault.case_id(&case_code)?;
            let narrative = text_or_stdin(text)?;
            let v = vault.add(Body::Note(NoteBody {
                unknown: Default::default(),
                form: None,
                case,
                kind,
                when,
                place,
                present,
                interpreter,
                narrative,
                tags: tag,
                draft,
            }))?;
            println!("{}", v.record_id);
        }
        NoteCommand::Edit { id, text, finalise } => edit(vault, id, text, finalise)?,
    }
    Ok(())
}

fn edit(vault: &mut Vault, id: Uuid, text: Option<String>, finalise: bool) -> Result<()> {
    let new_text = if text.is_none() && finalise {
        None
    } else {
        Some(text_or_stdin(text)?)
    };
    let v = vault.modify(id, |b| match b {
        Body::Note(n) => {
            if let Some(t) = new_text {
                n.narrative = t;
            }
            if finalise {
                n.draft = false;
            }
            Ok(())
        }
        _ => Err(not_a("note", id)),
    })?;
    println!("{}", v.version_id);
    Ok(())
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
