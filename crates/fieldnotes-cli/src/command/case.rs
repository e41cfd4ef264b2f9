//! `case add`, `case list`, `case show` and `case set`, with the printing of
//! the case list; the flags of a case are in `case_fields.rs`, the text of
//! the case page in `case_text.rs`.
//!
//! Invariant: the restricted identity section is only printed with
//! `--reveal`, which the core audits; the counts (open needs) are the
//! core's read models, never recounted here.

use anyhow::Result;
use clap::Subcommand;
use fieldnotes_core::views::{CaseFilter, CasePage, CaseRow};
use fieldnotes_core::{Body, CaseBody, CaseStatus, ExploitationType, Vault};
use serde::Serialize;
use serde_json::Value;

use super::case_fields::{apply_case_fields, CaseFields};
use super::case_text::case_text;
use crate::cli::Out;
use crate::output::{print_json_or, record_json, version_json};

#[derive(Subcommand)]
pub enum CaseCommand {
    /// Add a case under a pseudonymous code
    Add {
        #[arg(long)]
        code: String,
        #[command(flatten)]
        fields: CaseFields,
    },
    /// List cases
    List {
        #[arg(long)]
        status: Option<CaseStatus>,
        /// Only cases with this form of exploitation among theirs
        #[arg(long, value_name = "TYPE")]
        exploitation: Option<ExploitationType>,
        /// Only cases of survivors under 18 at identification
        #[arg(long)]
        child: bool,
        /// Only cases whose nationality or languages need codes set
        #[arg(long)]
        needs_review: bool,
        #[command(flatten)]
        out: Out,
    },
    /// Show a case with its notes, needs, consents, follow-ups and attachments
    Show {
        code: String,
        /// Show the restricted identity section (audited)
        #[arg(long)]
        reveal: bool,
        #[command(flatten)]
        out: Out,
    },
    /// Change a case's fields
    Set {
        code: String,
        /// A new code
        #[arg(long)]
        new_code: Option<String>,
        #[command(flatten)]
        fields: CaseFields,
    },
}

pub fn run(vault: &mut Vault, cmd: CaseCommand) -> Result<()> {
    match cmd {
        CaseCommand::Add { code, fields } => {
            let mut body = CaseBody {
                unknown: Default::default(),
                profile: Default::default(),
                code: code.trim().to_owned(),
                identity: Default::default(),
                languages: vec![],
                nationality: None,
                risk: None,
                status: CaseStatus::Open,
                assigned_worker: None,
            };
            apply_case_fields(&mut body, &fields);
            let v = vault.add(Body::Case(body))?;
            println!("{}", v.record_id);
        }
        CaseCommand::List {
            status,
            exploitation,
            child,
            needs_review,
            out,
        } => {
            let filter = CaseFilter {
                status,
                exploitation,
                child: child.then_some(true),
                needs_review: needs_review.then_some(true),
            };
            let cases = vault.case_list_where(&filter)?;
            print_json_or(&cases, out.json, || cases_text(&cases))?;
        }
        CaseCommand::Show { code, reveal, out } => {
            let id = vault.case_id(&code)?;
            let page = vault.case_page(id, reveal)?;
            if out.json {
                let json = case_json(vault, page, reveal)?;
                print_json_or(&json, true, String::new)?;
            } else {
                println!("{}", case_text(&page));
            }
        }
        CaseCommand::Set {
            code,
            new_code,
            fields,
        } => set(vault, &code, new_code, &fields)?,
    }
    Ok(())
}

fn set(vault: &mut Vault, code: &str, new_code: Option<String>, fields: &CaseFields) -> Result<()> {
    let id = vault.case_id(code)?;
    vault.modify(id, |b| {
        if let Body::Case(c) = b {
            if let Some(n) = &new_code {
                c.code = n.trim().to_owned();
            }
            apply_case_fields(c, fields);
        }
        Ok(())
    })?;
    println!("Case {} updated.", new_code.as_deref().unwrap_or(code));
    Ok(())
}

fn cases_text(rows: &[CaseRow]) -> String {
    if rows.is_empty() {
        return "No cases yet. Add one with `fieldnotes case add --code CODE`.".into();
    }
    let mut s = format!(
        "{:<16} {:<11} {:<7} {:<12} {}\n",
        "CODE", "STATUS", "RISK", "NATIONALITY", "OPEN NEEDS"
    );
    for r in rows {
        s.push_str(&format!(
            "{:<16} {:<11} {:<7} {:<12} {}{}\n",
            r.code,
            r.status.as_str(),
            r.risk.map(|r| r.as_str()).unwrap_or("-"),
            r.nationality.as_deref().unwrap_or("-"),
            r.open_needs,
            marks(r)
        ));
    }
    s.trim_end().to_owned()
}

/// What the list marks a case with: a conflict, a child, codes to set.
fn marks(r: &CaseRow) -> String {
    let mut marks = String::new();
    for (on, mark) in [
        (r.conflict, "  CONFLICT"),
        (r.is_child == Some(true), "  CHILD"),
        (r.needs_review, "  REVIEW"),
    ] {
        if on {
            marks.push_str(mark);
        }
    }
    marks
}

/// A case page for scripts: the core's page, plus (as before it) the case
/// and its records as their versions hold them, identity hidden unless
/// revealed.
#[derive(Serialize)]
struct CaseJson {
    #[serde(flatten)]
    page: CasePage,
    case: Value,
    records: Vec<Value>,
}

fn case_json(vault: &Vault, page: CasePage, reveal: bool) -> Result<CaseJson> {
    let id = page.summary.id;
    let records: Vec<Value> = vault
        .case_records(id)?
        .iter()
        .map(|r| record_json(r, reveal))
        .collect::<Result<_>>()?;
    // `heads` is never empty; the page shows the newest head with a body.
    let heads = vault.heads(id)?;
    let head = heads
        .iter()
        .rev()
        .find(|v| v.body.is_some())
        .unwrap_or(&heads[0]);
    Ok(CaseJson {
        case: version_json(head, reveal)?,
        records,
        page,
    })
}
