//! The forms shipped with Fieldnotes, built into the binary from
//! `assets/forms/`, so neither the CLI nor the app needs an install step.
//!
//! Invariants: each is parsed once per process; each has every label in
//! [`SHIPPED_LANGUAGES`] (checked by the tests, which fail the build of a
//! release with a broken file); when a shipped form's questions change, it
//! gets a higher `form_version` and the file of the old version stays here,
//! so notes written with it keep their labels.

use std::sync::OnceLock;

use super::catalog::{FormEntry, FormSource};
use super::validate::parse_form;
use super::Form;

/// The languages every shipped form is written in.
pub const SHIPPED_LANGUAGES: &[&str] = &["en", "ro"];

macro_rules! shipped_files {
    ($($name:literal),+ $(,)?) => {
        &[$((
            concat!("assets/forms/", $name),
            include_str!(concat!("../../../../assets/forms/", $name)),
        )),+]
    };
}

/// (file, text) of each shipped form.
const FILES: &[(&str, &str)] = shipped_files!(
    "intake.json",
    "risk_assessment.json",
    "needs_assessment.json",
    "follow_up_visit.json",
    "court_accompaniment.json",
);

/// The shipped forms as catalogue entries, parsed once.
pub fn shipped() -> &'static [FormEntry] {
    static SHIPPED: OnceLock<Vec<FormEntry>> = OnceLock::new();
    SHIPPED.get_or_init(|| {
        FILES
            .iter()
            .map(|(file, text)| {
                let parsed = parse_form(file, text, SHIPPED_LANGUAGES);
                FormEntry::new(FormSource::Shipped, file, parsed)
            })
            .collect()
    })
}

/// The shipped form `id` at `version`, or else its newest version.
pub(crate) fn shipped_form(id: &str, version: u32) -> Option<&'static Form> {
    let all: Vec<&Form> = shipped()
        .iter()
        .filter_map(|e| e.form.as_ref())
        .filter(|f| f.id == id)
        .collect();
    all.iter()
        .find(|f| f.form_version == version)
        .or_else(|| all.iter().max_by_key(|f| f.form_version))
        .copied()
}
