//! `case add`, `case list`, `case show` and `case set`, with the printing of
//! the case list and the case page.
//!
//! Invariant: the restricted identity section is only printed with
//! `--reveal`, which the core audits; the counts (open needs) are the
//! core's read models, never recounted here.

use anyhow::Result;
use clap::{Args, Subcommand};
use fieldnotes_core::views::{CasePage, CaseRow};
use fieldnotes_core::{Body, CaseBody, CaseStatus, Kind, RiskLevel, Vault};
use serde::Serialize;
use serde_json::Value;
use uuid::Uuid;

use crate::cli::Out;
use crate::output::{print_json_or, record_json, summary, version_json};

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

#[derive(Args, Default)]
pub struct CaseFields {
    /// Real name (restricted section)
    #[arg(long)]
    pub name: Option<String>,
    /// Date of birth (restricted section)
    #[arg(long)]
    pub date_of_birth: Option<String>,
    /// A phone, address or other contact (restricted section); repeatable
    #[arg(long = "contact")]
    pub contacts: Vec<String>,
    #[arg(long)]
    pub nationality: Option<String>,
    /// A language spoken; repeatable
    #[arg(long = "language")]
    pub languages: Vec<String>,
    #[arg(long)]
    pub risk: Option<RiskLevel>,
    #[arg(long)]
    pub status: Option<CaseStatus>,
    /// The worker the case is assigned to
    #[arg(long)]
    pub worker: Option<String>,
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
        CaseCommand::List { status, out } => {
            let cases = vault.case_list(status)?;
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

fn apply_case_fields(c: &mut CaseBody, f: &CaseFields) {
    if f.name.is_some() {
        c.identity.name.clone_from(&f.name);
    }
    if f.date_of_birth.is_some() {
        c.identity.date_of_birth.clone_from(&f.date_of_birth);
    }
    if !f.contacts.is_empty() {
        c.identity.contacts.clone_from(&f.contacts);
    }
    if f.nationality.is_some() {
        c.nationality.clone_from(&f.nationality);
    }
    if !f.languages.is_empty() {
        c.languages.clone_from(&f.languages);
    }
    if f.risk.is_some() {
        c.risk = f.risk;
    }
    if let Some(s) = f.status {
        c.status = s;
    }
    if f.worker.is_some() {
        c.assigned_worker.clone_from(&f.worker);
    }
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
            if r.conflict { "  CONFLICT" } else { "" }
        ));
    }
    s.trim_end().to_owned()
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

/// A case page for people: the case, its identity when revealed, and one
/// line per record.
fn case_text(page: &CasePage) -> String {
    let mut text = case_header(page);
    let mut line = |kind: Kind, id: Uuid, body: Body, conflict: bool| {
        let mark = if conflict { "  CONFLICT" } else { "" };
        let what = summary(Some(&body), false);
        text.push_str(&format!("  {:<10} {id}  {what}{mark}\n", kind.as_str()));
    };
    for n in &page.notes {
        line(Kind::Note, n.id, Body::Note(n.body.clone()), n.conflict);
    }
    for n in &page.needs {
        line(Kind::Need, n.id, Body::Need(n.body.clone()), n.conflict);
    }
    for n in &page.consents {
        let body = Body::Consent(n.body.clone());
        line(Kind::Consent, n.id, body, n.conflict);
    }
    for n in &page.followups {
        let body = Body::FollowUp(n.body.clone());
        line(Kind::FollowUp, n.id, body, n.conflict);
    }
    for a in &page.attachments {
        let what = format!("{} ({} bytes)", a.file_name, a.size);
        let kind = Kind::Attachment.as_str();
        text.push_str(&format!("  {kind:<10} {}  {what}\n", a.id));
    }
    text.trim_end().to_owned()
}

/// The case page's first lines: code, status, identity, the case's fields.
fn case_header(page: &CasePage) -> String {
    let c = &page.summary;
    let mut text = format!("Case {} [{}]\n", c.code, c.status);
    match &page.identity {
        Some(i) => text.push_str(&format!(
            "  name: {}\n  date of birth: {}\n  contacts: {}\n",
            i.name.as_deref().unwrap_or("-"),
            i.date_of_birth.as_deref().unwrap_or("-"),
            i.contacts.join(", ")
        )),
        None if page.has_identity => {
            text.push_str("  identity: restricted (show it with --reveal)\n")
        }
        None => {}
    }
    text.push_str(&format!(
        "  nationality: {}  languages: {}  risk: {}  worker: {}  open needs: {}\n",
        c.nationality.as_deref().unwrap_or("-"),
        c.languages.join(", "),
        c.risk.map(|r| r.as_str()).unwrap_or("-"),
        c.assigned_worker.as_deref().unwrap_or("-"),
        c.open_needs
    ));
    text
}
