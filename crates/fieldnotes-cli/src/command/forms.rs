//! `forms list` and `forms show`: the interview forms at hand, shipped and
//! the vault folder's own. Neither needs the passphrase: form files hold
//! questions, never case data.
//!
//! Invariant: an invalid form file is listed with what is wrong with it and
//! never stops the others from being listed.

use anyhow::Result;
use clap::{Args, Subcommand};
use fieldnotes_core::forms::{
    Catalog, Effect, Form, FormEntry, FormSource, Question, QuestionKind,
};
use serde::Serialize;

use crate::cli::Out;
use crate::output::print_json_or;

#[derive(Subcommand)]
pub enum FormsCommand {
    /// The forms at hand: shipped and the vault folder's `forms/*.json`, with their validity
    List {
        #[command(flatten)]
        out: Out,
    },
    /// A form's questions in one language
    Show(ShowArgs),
}

#[derive(Args)]
pub struct ShowArgs {
    /// The form's id (see `fieldnotes forms list`)
    id: String,
    /// The language to show it in (falls back to English where it has no text)
    #[arg(long, default_value = "en")]
    lang: String,
    /// A version other than the newest
    #[arg(long)]
    version: Option<u32>,
    #[command(flatten)]
    out: Out,
}

pub fn run(dir: &std::path::Path, cmd: FormsCommand) -> Result<()> {
    let catalog = Catalog::load(dir);
    match cmd {
        FormsCommand::List { out } => {
            let rows: Vec<Row> = catalog.entries().iter().map(Row::from).collect();
            print_json_or(&rows, out.json, || list_text(&rows))
        }
        FormsCommand::Show(args) => {
            let form = catalog.require(&args.id, args.version)?;
            print_json_or(form, args.out.json, || show_text(form, &args.lang))
        }
    }
}

/// One line of `forms list`.
#[derive(Serialize)]
struct Row<'a> {
    source: &'static str,
    file: &'a str,
    id: Option<&'a str>,
    form_version: Option<u32>,
    title: Option<&'a str>,
    languages: Vec<&'a str>,
    valid: bool,
    error: Option<String>,
}

impl<'a> From<&'a FormEntry> for Row<'a> {
    fn from(e: &'a FormEntry) -> Row<'a> {
        let form = e.form.as_ref();
        Row {
            source: match e.source {
                FormSource::Shipped => "shipped",
                FormSource::Vault => "vault",
            },
            file: &e.file,
            id: form.map(|f| f.id.as_str()),
            form_version: form.map(|f| f.form_version),
            title: form.map(|f| f.title.text("en")),
            languages: form
                .map(|f| f.languages.iter().map(String::as_str).collect())
                .unwrap_or_default(),
            valid: form.is_some(),
            error: e.error.as_ref().map(ToString::to_string),
        }
    }
}

fn list_text(rows: &[Row<'_>]) -> String {
    let mut s = format!(
        "{:<22} {:<8} {:<8} {:<10} {}\n",
        "ID", "VERSION", "SOURCE", "LANGUAGES", "TITLE"
    );
    for r in rows {
        match (&r.id, &r.error) {
            (Some(id), _) => s.push_str(&format!(
                "{:<22} {:<8} {:<8} {:<10} {}\n",
                id,
                r.form_version.unwrap_or_default(),
                r.source,
                r.languages.join(","),
                r.title.unwrap_or_default()
            )),
            (None, error) => s.push_str(&format!(
                "{:<22} {:<8} {:<8} INVALID: {}\n",
                "-",
                "-",
                r.source,
                error.as_deref().unwrap_or_default()
            )),
        }
    }
    s.trim_end().to_owned()
}

fn show_text(form: &Form, lang: &str) -> String {
    let mut s = format!(
        "{} ({} version {}; languages: {})\n",
        form.title.text(lang),
        form.id,
        form.form_version,
        form.languages.join(", ")
    );
    if let Some(d) = &form.description {
        s.push_str(&format!("{}\n", d.text(lang)));
    }
    for (i, section) in form.sections.iter().enumerate() {
        s.push_str(&format!("\n{}. {}\n", i + 1, section.title.text(lang)));
        for q in &section.questions {
            s.push_str(&question_text(q, lang));
        }
    }
    s.trim_end().to_owned()
}

fn question_text(q: &Question, lang: &str) -> String {
    let mut what = vec![q.kind.as_str().to_owned()];
    if q.kind == QuestionKind::Scale || q.kind == QuestionKind::Number {
        let bound = |b: Option<f64>| b.map(|b| b.to_string()).unwrap_or("…".into());
        what.push(format!("{} to {}", bound(q.min), bound(q.max)));
    }
    if q.required {
        what.push("required".into());
    }
    let mut s = format!("  {}  [{}]", q.id, what.join(", "));
    if let Some(c) = &q.show_if {
        s.push_str(&format!(" (asked when {} is {})", c.question, c.answer));
    }
    s.push_str(&format!("\n    {}\n", q.label.text(lang)));
    if let Some(help) = &q.help {
        s.push_str(&format!("    ({})\n", help.text(lang)));
    }
    for (answer, effect) in [("yes", &q.on_yes), ("no", &q.on_no)] {
        if !effect.is_none() {
            s.push_str(&format!(
                "      {answer}: {}\n",
                effect_text(effect).trim_start()
            ));
        }
    }
    for c in &q.choices {
        let effect = effect_text(&c.effect);
        s.push_str(&format!("      {}: {}{effect}\n", c.id, c.label.text(lang)));
    }
    for (end, label) in [("min", &q.min_label), ("max", &q.max_label)] {
        if let Some(l) = label {
            s.push_str(&format!("      {end}: {}\n", l.text(lang)));
        }
    }
    s
}

/// What an answer implies, for `forms show`: "  [need: x (priority); risk +n, at least l]".
fn effect_text(e: &Effect) -> String {
    let mut parts = Vec::new();
    if let Some(need) = e.implies_need {
        let priority = e.need_priority.unwrap_or(fieldnotes_core::Priority::Medium);
        parts.push(format!("need: {need} ({priority})"));
    }
    if let Some(score) = e.score.filter(|s| *s > 0) {
        parts.push(format!("risk +{score}"));
    }
    if let Some(level) = e.min_risk {
        parts.push(format!("risk at least {level}"));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("  [{}]", parts.join("; "))
    }
}
