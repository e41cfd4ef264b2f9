//! What each version of a record changed, as history shows it: the fields
//! that differ from its parent, edited text as a word-level diff, and a
//! change of the draft flag alone as "finalised" or "saved as draft"
//! rather than as a change of content.
//!
//! Invariants: a version is compared with its first parent when the
//! history holds it (a merge with its first branch), else with the version
//! before it; the first version is "created" with every non-empty field.
//! The identity field holds only a generation counter (see `history.rs`),
//! so no diff here ever shows identity values.

use std::collections::HashMap;

use serde::Serialize;
use similar::{ChangeTag, TextDiff};
use uuid::Uuid;

use super::history::{FieldValue, VersionRow};

/// How a version changed its record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VersionChange {
    Created,
    Changed,
    /// A draft became final (maybe with edits, listed beside it).
    Finalised,
    /// A final note went back to being a draft.
    SavedAsDraft,
    Deleted,
    Erased,
}

/// A run of words a diff keeps, inserts or deletes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WordOp {
    Equal,
    Insert,
    Delete,
}

/// A run of text (words with the spaces between them) of one kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WordRun {
    pub op: WordOp,
    pub text: String,
}

/// One field that differs from the version before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    pub name: String,
    pub before: String,
    pub after: String,
    /// For free text edited (both sides non-empty): the words kept,
    /// deleted and inserted, in order; empty otherwise.
    pub words: Vec<WordRun>,
}

/// The fields people write in their own words: shown as word diffs.
const TEXT_FIELDS: &[&str] = &[
    "narrative",
    "description",
    "title",
    "note",
    "place",
    "interpreter",
    "referral_target",
    "service",
    "assigned_worker",
    "assigned_to",
];

/// `before` → `after` as runs of kept, deleted and inserted words.
pub fn word_diff(before: &str, after: &str) -> Vec<WordRun> {
    let diff = TextDiff::from_words(before, after);
    let mut runs: Vec<WordRun> = Vec::new();
    for change in diff.iter_all_changes() {
        let op = match change.tag() {
            ChangeTag::Equal => WordOp::Equal,
            ChangeTag::Insert => WordOp::Insert,
            ChangeTag::Delete => WordOp::Delete,
        };
        match runs.last_mut() {
            Some(last) if last.op == op => last.text.push_str(change.value()),
            _ => runs.push(WordRun {
                op,
                text: change.value().to_owned(),
            }),
        }
    }
    runs
}

fn changed(before: &[FieldValue], after: &[FieldValue]) -> Vec<FieldChange> {
    let old: HashMap<&str, &str> = before
        .iter()
        .map(|f| (f.name.as_str(), f.value.as_str()))
        .collect();
    let new: HashMap<&str, &str> = after
        .iter()
        .map(|f| (f.name.as_str(), f.value.as_str()))
        .collect();
    let mut names: Vec<&str> = after.iter().map(|f| f.name.as_str()).collect();
    names.extend(
        before
            .iter()
            .map(|f| f.name.as_str())
            .filter(|n| !new.contains_key(n)),
    );
    names
        .into_iter()
        .filter_map(|name| {
            let (b, a) = (
                old.get(name).copied().unwrap_or(""),
                new.get(name).copied().unwrap_or(""),
            );
            (b != a).then(|| FieldChange {
                name: name.to_owned(),
                before: b.to_owned(),
                after: a.to_owned(),
                words: if TEXT_FIELDS.contains(&name) && !b.is_empty() && !a.is_empty() {
                    word_diff(b, a)
                } else {
                    Vec::new()
                },
            })
        })
        .collect()
}

fn is_draft(fields: &[FieldValue]) -> bool {
    fields
        .iter()
        .any(|f| f.name == "draft" && f.value == "true")
}

/// Fills each row's [`VersionChange`] and field changes; `rows` oldest
/// first, as history lists them.
pub(crate) fn describe(rows: &mut [VersionRow]) {
    let index: HashMap<Uuid, usize> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.version_id, i))
        .collect();
    for i in 0..rows.len() {
        let parent = rows[i]
            .parents
            .first()
            .and_then(|p| index.get(p).copied())
            .or(i.checked_sub(1));
        let (change, changes) = match parent {
            _ if rows[i].erased => (VersionChange::Erased, Vec::new()),
            _ if rows[i].deleted => (VersionChange::Deleted, Vec::new()),
            None => {
                let fields = &rows[i].fields;
                (VersionChange::Created, changed(&[], fields))
            }
            Some(p) => {
                let (before, after) = (&rows[p].fields, &rows[i].fields);
                let mut changes = changed(before, after);
                let draft = changes.iter().position(|c| c.name == "draft");
                let change = match draft.map(|d| changes.remove(d)) {
                    Some(_) if is_draft(before) => VersionChange::Finalised,
                    Some(_) => VersionChange::SavedAsDraft,
                    None => VersionChange::Changed,
                };
                (change, changes)
            }
        };
        rows[i].change = change;
        rows[i].changes = changes;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(runs: &[WordRun], op: WordOp) -> String {
        runs.iter()
            .filter(|r| r.op == op)
            .map(|r| r.text.as_str())
            .collect()
    }

    #[test]
    fn edits_show_the_words_deleted_and_inserted() {
        let runs = word_diff(
            "met at the shelter on Monday",
            "met at the hospital on Monday",
        );
        assert_eq!(text(&runs, WordOp::Delete), "shelter");
        assert_eq!(text(&runs, WordOp::Insert), "hospital");
        let kept: String = runs
            .iter()
            .filter(|r| r.op != WordOp::Insert)
            .map(|r| r.text.as_str())
            .collect();
        assert_eq!(kept, "met at the shelter on Monday");
        assert!(word_diff("same", "same")
            .iter()
            .all(|r| r.op == WordOp::Equal));
    }
}
