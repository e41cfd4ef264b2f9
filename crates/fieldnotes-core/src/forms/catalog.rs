//! Which forms a vault can use: the shipped ones and the organisation's own
//! files in the vault folder's `forms/` subfolder, each valid or with what
//! is wrong with it.
//!
//! Invariants: a bad file never hides a good one (it is listed, invalid,
//! with its reason); the folder is read afresh each time, so a file dropped
//! in is used at once; a vault form may not take a shipped form's id, and
//! two files may not hold the same id and version (the later file, by
//! name, is the invalid one), so a note's (id, version) names one form.

use std::io::Read;
use std::path::Path;

use serde::Serialize;

use super::problem::{FormError, FormProblem};
use super::shipped::shipped;
use super::validate::parse_form;
use super::Form;
use crate::error::{Error, Result};

/// The vault's subfolder that holds the organisation's form files.
pub const FORMS_DIR: &str = "forms";
/// The largest form file read, in bytes.
pub const MAX_FORM_FILE: u64 = 1024 * 1024;

/// Where a form comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FormSource {
    /// Built into Fieldnotes.
    Shipped,
    /// A file in the vault's `forms/` folder.
    Vault,
}

/// One form file: the form, or what is wrong with it.
#[derive(Debug, Clone, Serialize)]
pub struct FormEntry {
    pub source: FormSource,
    /// `assets/forms/<name>` or `forms/<name>`.
    pub file: String,
    /// The form, when the file is valid.
    pub form: Option<Form>,
    /// What is wrong, when it is not.
    pub error: Option<FormError>,
}

impl FormEntry {
    pub(crate) fn new(
        source: FormSource,
        file: &str,
        parsed: std::result::Result<Form, FormError>,
    ) -> FormEntry {
        let (form, error) = match parsed {
            Ok(f) => (Some(f), None),
            Err(e) => (None, Some(e)),
        };
        FormEntry {
            source,
            file: file.to_owned(),
            form,
            error,
        }
    }

    fn invalid(&mut self, problem: FormProblem) {
        self.form = None;
        self.error = Some(FormError {
            file: self.file.clone(),
            problem,
        });
    }
}

/// The forms at hand: shipped first, then the vault's, by file name.
/// (`Default` holds none at all, not even the shipped ones.)
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    entries: Vec<FormEntry>,
}

impl Catalog {
    /// Only the shipped forms.
    pub fn shipped_only() -> Catalog {
        Catalog {
            entries: shipped().to_vec(),
        }
    }

    /// The shipped forms and those in `vault_dir`'s `forms/` folder (a
    /// folder that does not exist holds none).
    pub fn load(vault_dir: &Path) -> Catalog {
        let mut catalog = Catalog::shipped_only();
        for mut entry in vault_entries(&vault_dir.join(FORMS_DIR)) {
            if let Some(form) = &entry.form {
                let (id, version) = (form.id.clone(), form.form_version);
                if shipped()
                    .iter()
                    .any(|s| s.form.as_ref().is_some_and(|f| f.id == id))
                {
                    entry.invalid(FormProblem::ShippedId { id });
                } else if let Some(other) = catalog.find_entry(&id, version) {
                    let other = other.file.clone();
                    entry.invalid(FormProblem::DuplicateForm {
                        id,
                        form_version: version,
                        other,
                    });
                }
            }
            catalog.entries.push(entry);
        }
        catalog
    }

    /// Every file, valid or not.
    pub fn entries(&self) -> &[FormEntry] {
        &self.entries
    }

    /// Every valid form.
    pub fn forms(&self) -> impl Iterator<Item = &Form> {
        self.entries.iter().filter_map(|e| e.form.as_ref())
    }

    /// The newest valid version of form `id`: the one new notes follow.
    pub fn get(&self, id: &str) -> Option<&Form> {
        self.forms()
            .filter(|f| f.id == id)
            .max_by_key(|f| f.form_version)
    }

    /// Form `id` at exactly `version`.
    pub fn get_version(&self, id: &str, version: u32) -> Option<&Form> {
        self.find_entry(id, version).and_then(|e| e.form.as_ref())
    }

    /// Form `id` at `version` (or its newest), or [`Error::UnknownForm`].
    pub fn require(&self, id: &str, version: Option<u32>) -> Result<&Form> {
        let found = match version {
            Some(v) => self.get_version(id, v),
            None => self.get(id),
        };
        found.ok_or_else(|| Error::UnknownForm {
            id: id.to_owned(),
            version,
        })
    }

    fn find_entry(&self, id: &str, version: u32) -> Option<&FormEntry> {
        self.entries.iter().find(|e| {
            e.form
                .as_ref()
                .is_some_and(|f| f.id == id && f.form_version == version)
        })
    }
}

/// The `.json` files of the forms folder, by name, each read and parsed.
fn vault_entries(dir: &Path) -> Vec<FormEntry> {
    let listing = match std::fs::read_dir(dir) {
        Ok(l) => l,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Vec::new(),
        Err(e) => {
            let problem = FormProblem::Unreadable {
                message: e.to_string(),
            };
            let error = Err(FormError {
                file: FORMS_DIR.into(),
                problem,
            });
            return vec![FormEntry::new(FormSource::Vault, FORMS_DIR, error)];
        }
    };
    let mut names: Vec<String> = listing
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| !n.starts_with('.') && n.to_ascii_lowercase().ends_with(".json"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let file = format!("{FORMS_DIR}/{name}");
            let parsed = read_form(&dir.join(&name))
                .and_then(|text| parse_form(&file, &text, &["en"]).map_err(|e| e.problem));
            let parsed = parsed.map_err(|problem| FormError {
                file: file.clone(),
                problem,
            });
            FormEntry::new(FormSource::Vault, &file, parsed)
        })
        .collect()
}

fn read_form(path: &Path) -> std::result::Result<String, FormProblem> {
    let unreadable = |e: std::io::Error| FormProblem::Unreadable {
        message: e.to_string(),
    };
    let mut text = String::new();
    std::fs::File::open(path)
        .map_err(unreadable)?
        .take(MAX_FORM_FILE + 1)
        .read_to_string(&mut text)
        .map_err(unreadable)?;
    if text.len() as u64 > MAX_FORM_FILE {
        return Err(FormProblem::TooLarge { max: MAX_FORM_FILE });
    }
    Ok(text)
}
