//! The case list a page at a time: filtered, sorted and cut here, so the
//! desktop app receives only the rows it shows. Sending all 10,000 rows of
//! a lead's vault (3 MB of JSON) cost 200 ms of the app's IPC on each visit
//! and left the web process with garbage to collect.
//!
//! Invariants: the order is total and stable (ties fall back to the code,
//! then the id), so pages fetched one after another never repeat or skip a
//! case; text compares as people read it in the chosen language (case and
//! accents ignored, numbers by value: `RO-9` before `RO-10`), and empty
//! values go last in either direction. Nationalities sort and match by
//! their name in that language, as the list shows them.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use icu_collator::options::{CollatorOptions, Strength};
use icu_collator::preferences::CollationNumericOrdering;
use icu_collator::{Collator, CollatorBorrowed, CollatorPreferences};
use serde::{Deserialize, Serialize};

use super::sort_text::{SortText, Sorter};
use super::CaseRow;
use crate::case_model::{codes, ExploitationType, Lang};
use crate::error::Result;
use crate::vault::Vault;
use crate::vocab::{CaseStatus, RiskLevel};

/// The most rows one page holds.
pub const MAX_PAGE: usize = 500;

/// A column of the case list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SortColumn {
    #[default]
    Code,
    Status,
    Risk,
    Nationality,
    Worker,
    OpenNeeds,
    Updated,
}

/// What the case list shows: filters, order and the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseQuery {
    /// Part of the code, the nationality (code or name) or the worker.
    pub text: String,
    pub status: Option<CaseStatus>,
    pub risk: Option<RiskLevel>,
    pub worker: Option<String>,
    pub open_needs_only: bool,
    pub exploitation: Option<ExploitationType>,
    pub child_only: bool,
    pub sort: SortColumn,
    pub descending: bool,
    /// The language names are read and compared in.
    pub lang: Lang,
    pub offset: usize,
    /// At most [`MAX_PAGE`].
    pub limit: usize,
}

impl Default for CaseQuery {
    fn default() -> Self {
        CaseQuery {
            text: String::new(),
            status: None,
            risk: None,
            worker: None,
            open_needs_only: false,
            exploitation: None,
            child_only: false,
            sort: SortColumn::Code,
            descending: false,
            lang: Lang::En,
            offset: 0,
            limit: 100,
        }
    }
}

/// One page of the case list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseListPage {
    /// Every live case, matching or not.
    pub total: usize,
    /// The cases the filters admit.
    pub matching: usize,
    /// Where `rows` start among the matching cases.
    pub offset: usize,
    pub rows: Vec<CaseRow>,
    /// Every assigned worker among all cases, sorted: the worker filter's
    /// choices.
    pub workers: Vec<String>,
}

pub(super) fn collator(lang: Lang) -> Option<CollatorBorrowed<'static>> {
    let locale: icu_locale_core::Locale = match lang {
        Lang::Ro => icu_locale_core::locale!("ro"),
        _ => icu_locale_core::locale!("en"),
    };
    let mut prefs = CollatorPreferences::from(&locale);
    prefs.numeric_ordering = Some(CollationNumericOrdering::True);
    let mut options = CollatorOptions::default();
    options.strength = Some(Strength::Primary);
    Collator::try_new(prefs, options).ok()
}

/// The sort key of one row: `None` sorts last in both directions.
enum Key {
    /// The row's code, kept beside every row for ties.
    Code,
    Text(SortText),
    Number(u32),
}

fn key(row: &CaseRow, sort: SortColumn, lang: Lang, sorter: &Sorter) -> Option<Key> {
    let text = |s: String| Key::Text(sorter.prepare(s));
    match sort {
        SortColumn::Code => Some(Key::Code),
        SortColumn::Status => Some(Key::Number(match row.status {
            CaseStatus::Open => 1,
            CaseStatus::Monitoring => 2,
            CaseStatus::Closed => 3,
        })),
        SortColumn::Risk => row.risk.map(|r| {
            Key::Number(match r {
                RiskLevel::Low => 1,
                RiskLevel::Medium => 2,
                RiskLevel::High => 3,
            })
        }),
        SortColumn::Nationality => row
            .nationality
            .as_deref()
            .map(|n| text(codes::country_name(n, lang))),
        SortColumn::Worker => row
            .assigned_worker
            .clone()
            .filter(|w| !w.is_empty())
            .map(text),
        SortColumn::OpenNeeds => Some(Key::Number(row.open_needs)),
        SortColumn::Updated => Some(row.updated.clone())
            .filter(|u| !u.is_empty())
            .map(text),
    }
}

impl CaseQuery {
    fn admits(&self, row: &CaseRow, text: &str) -> bool {
        let contains = |s: &str| s.to_lowercase().contains(text);
        (text.is_empty()
            || contains(&row.code)
            || row
                .nationality
                .as_deref()
                .is_some_and(|n| contains(n) || contains(&codes::country_name(n, self.lang)))
            || row.assigned_worker.as_deref().is_some_and(contains))
            && self.status.is_none_or(|s| s == row.status)
            && self.risk.is_none_or(|r| Some(r) == row.risk)
            && self
                .worker
                .as_deref()
                .is_none_or(|w| row.assigned_worker.as_deref() == Some(w))
            && (!self.open_needs_only || row.open_needs > 0)
            && self
                .exploitation
                .is_none_or(|e| row.exploitation_types.contains(&e))
            && (!self.child_only || row.is_child == Some(true))
    }
}

/// The rows from `offset` to `offset + limit` of `rows` sorted by `query`'s
/// column and direction. Only the rows up to the page's end are sorted:
/// the first page of 10,000 cases costs a partition and a sort of 100
/// instead of a sort of all of them. The order is total (ties fall to the
/// code, then the id), so every page agrees with a full sort.
fn sorted_page(
    rows: Vec<&CaseRow>,
    query: &CaseQuery,
    offset: usize,
    limit: usize,
) -> Vec<CaseRow> {
    let sorter = Sorter::new(collator(query.lang));
    let mut keyed: Vec<(Option<Key>, SortText, &CaseRow)> = rows
        .into_iter()
        .map(|r| {
            let code = sorter.prepare(r.code.clone());
            (key(r, query.sort, query.lang, &sorter), code, r)
        })
        .collect();
    type Keyed<'a> = (Option<Key>, SortText, &'a CaseRow);
    let order = |(ka, ca, a): &Keyed, (kb, cb, b): &Keyed| {
        let by_key = match (ka, kb) {
            (None, None) => Ordering::Equal,
            (None, Some(_)) => Ordering::Greater,
            (Some(_), None) => Ordering::Less,
            (Some(x), Some(y)) => {
                let o = match (x, y) {
                    (Key::Code, Key::Code) => sorter.compare(ca, cb),
                    (Key::Number(x), Key::Number(y)) => x.cmp(y),
                    (Key::Text(x), Key::Text(y)) => sorter.compare(x, y),
                    // One column gives every row the same kind of key.
                    _ => Ordering::Equal,
                };
                if query.descending {
                    o.reverse()
                } else {
                    o
                }
            }
        };
        by_key
            .then_with(|| sorter.compare(ca, cb))
            .then_with(|| a.id.cmp(&b.id))
    };
    let end = offset.saturating_add(limit);
    if end < keyed.len() {
        keyed.select_nth_unstable_by(end, order);
        keyed.truncate(end);
    }
    keyed.sort_unstable_by(order);
    keyed
        .into_iter()
        .skip(offset)
        .map(|(_, _, r)| r.clone())
        .collect()
}

impl Vault {
    /// One page of the case list as `query` filters and sorts it.
    pub fn case_list_page(&self, query: &CaseQuery) -> Result<CaseListPage> {
        let all = self.case_rows()?;
        let total = all.len();
        let workers: BTreeSet<String> = all
            .iter()
            .filter_map(|r| r.assigned_worker.clone())
            .filter(|w| !w.is_empty())
            .collect();
        let text = query.text.trim().to_lowercase();
        let matching: Vec<&CaseRow> = all.iter().filter(|r| query.admits(r, &text)).collect();
        let count = matching.len();
        let offset = query.offset.min(count);
        let rows = sorted_page(matching, query, offset, query.limit.min(MAX_PAGE));
        Ok(CaseListPage {
            total,
            matching: count,
            offset,
            rows,
            workers: workers.into_iter().collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(code: &str) -> CaseRow {
        CaseRow {
            id: uuid::Uuid::now_v7(),
            code: code.into(),
            status: CaseStatus::Open,
            risk: None,
            nationality: None,
            languages: vec![],
            assigned_worker: None,
            open_needs: 0,
            updated: String::new(),
            conflict: false,
            gender: None,
            is_child: None,
            exploitation_types: vec![],
            needs_review: false,
        }
    }

    fn sort_rows(rows: Vec<CaseRow>, query: &CaseQuery) -> Vec<CaseRow> {
        let n = rows.len();
        sorted_page(rows.iter().collect(), query, 0, n)
    }

    const COLUMNS: [SortColumn; 7] = [
        SortColumn::Code,
        SortColumn::Status,
        SortColumn::Risk,
        SortColumn::Nationality,
        SortColumn::Worker,
        SortColumn::OpenNeeds,
        SortColumn::Updated,
    ];

    proptest::proptest! {
        /// Pages cut from a partial sort, laid end to end, are the full
        /// sort, whatever the rows, column, direction and page size.
        #[test]
        fn pages_put_together_are_the_whole_sorted_list(
            cells in proptest::collection::vec((0u8..4, 0u8..4, 0u32..3, 0u8..3), 0..40),
            column in 0usize..7,
            descending in proptest::bool::ANY,
            limit in 1usize..9,
        ) {
            let rows: Vec<CaseRow> = cells
                .iter()
                .map(|&(code, worker, needs, nat)| {
                    let mut r = row(&format!("RO-{code}"));
                    r.assigned_worker = (worker > 0).then(|| format!("w{worker}"));
                    r.open_needs = needs;
                    r.nationality = ["RO", "MD", ""].get(usize::from(nat)).map(|n| (*n).to_owned());
                    r.risk = [None, Some(RiskLevel::Low), Some(RiskLevel::High)][usize::from(nat)];
                    r
                })
                .collect();
            let query = CaseQuery { sort: COLUMNS[column], descending, ..CaseQuery::default() };
            let whole: Vec<uuid::Uuid> = sort_rows(rows.clone(), &query).iter().map(|r| r.id).collect();
            let mut paged = Vec::new();
            for offset in (0..rows.len()).step_by(limit) {
                paged.extend(sorted_page(rows.iter().collect(), &query, offset, limit).iter().map(|r| r.id));
            }
            proptest::prop_assert_eq!(paged, whole);
        }
    }

    fn codes_of(rows: &[CaseRow]) -> Vec<&str> {
        rows.iter().map(|r| r.code.as_str()).collect()
    }

    #[test]
    fn codes_sort_by_the_numbers_in_them_and_ignore_case() {
        let rows = vec![row("ro-10"), row("RO-9"), row("RO-100"), row("Ab-1")];
        let sorted = sort_rows(rows, &CaseQuery::default());
        assert_eq!(codes_of(&sorted), ["Ab-1", "RO-9", "ro-10", "RO-100"]);
    }

    #[test]
    fn empty_values_go_last_in_both_directions() {
        let mut a = row("A");
        a.risk = Some(RiskLevel::High);
        let mut b = row("B");
        b.risk = Some(RiskLevel::Low);
        let c = row("C");
        for descending in [false, true] {
            let query = CaseQuery {
                sort: SortColumn::Risk,
                descending,
                ..CaseQuery::default()
            };
            let sorted = sort_rows(vec![c.clone(), a.clone(), b.clone()], &query);
            let expected = if descending {
                ["A", "B", "C"]
            } else {
                ["B", "A", "C"]
            };
            assert_eq!(codes_of(&sorted), expected);
        }
    }

    #[test]
    fn nationalities_sort_by_their_name_in_the_language() {
        // The names decide (Albania before Germany), not the codes (AL,
        // DE), and text finds a case by its nationality's name.
        let mut de = row("1");
        de.nationality = Some("DE".into());
        let mut al = row("2");
        al.nationality = Some("AL".into());
        let query = |lang| CaseQuery {
            sort: SortColumn::Nationality,
            lang,
            ..CaseQuery::default()
        };
        let en = sort_rows(vec![de.clone(), al.clone()], &query(Lang::En));
        assert_eq!(codes_of(&en), ["2", "1"], "Albania, Germany");
        let text = CaseQuery {
            text: "germ".into(),
            ..CaseQuery::default()
        };
        assert!(text.admits(&de, "germ"));
        assert!(!text.admits(&al, "germ"));
    }

    fn sorted(rows: &[CaseRow], sort: SortColumn, descending: bool) -> Vec<String> {
        let query = CaseQuery {
            sort,
            descending,
            ..CaseQuery::default()
        };
        sort_rows(rows.to_vec(), &query)
            .into_iter()
            .map(|r| r.code)
            .collect()
    }

    #[test]
    fn every_column_sorts_both_ways() {
        let mut a = row("RO-10");
        (a.status, a.risk, a.nationality) =
            (CaseStatus::Closed, Some(RiskLevel::Low), Some("RO".into()));
        (a.assigned_worker, a.open_needs, a.updated) =
            (Some("Ana".into()), 1, "2026-03-01T00:00:00Z".into());
        let mut b = row("RO-9");
        (b.status, b.risk, b.nationality) =
            (CaseStatus::Open, Some(RiskLevel::High), Some("AL".into()));
        (b.open_needs, b.updated) = (4, "2026-05-01T00:00:00Z".into());
        let mut c = row("RO-2");
        (c.status, c.nationality) = (CaseStatus::Monitoring, Some("MD".into()));
        (c.assigned_worker, c.updated) = (Some("Bogdan".into()), "2026-04-01T00:00:00Z".into());
        let rows = [a, b, c];
        use SortColumn::*;
        assert_eq!(sorted(&rows, Code, false), ["RO-2", "RO-9", "RO-10"]);
        assert_eq!(sorted(&rows, Code, true), ["RO-10", "RO-9", "RO-2"]);
        assert_eq!(sorted(&rows, Status, false), ["RO-9", "RO-2", "RO-10"]);
        assert_eq!(sorted(&rows, Risk, true), ["RO-9", "RO-10", "RO-2"]);
        assert_eq!(sorted(&rows, Risk, false), ["RO-10", "RO-9", "RO-2"]);
        assert_eq!(sorted(&rows, Worker, true), ["RO-2", "RO-10", "RO-9"]);
        // Albania, Moldova, Romania.
        assert_eq!(sorted(&rows, Nationality, false), ["RO-9", "RO-2", "RO-10"]);
        assert_eq!(sorted(&rows, OpenNeeds, true), ["RO-9", "RO-10", "RO-2"]);
        assert_eq!(sorted(&rows, Updated, true), ["RO-9", "RO-2", "RO-10"]);
    }

    #[test]
    fn filters_combine() {
        let mut a = row("RO-1");
        (a.risk, a.assigned_worker, a.open_needs) = (Some(RiskLevel::High), Some("Ana".into()), 2);
        a.nationality = Some("RO".into());
        (a.is_child, a.exploitation_types) = (Some(true), vec![ExploitationType::Labour]);
        let mut b = row("RO-2");
        (b.status, b.assigned_worker) = (CaseStatus::Closed, Some("Ioana".into()));
        b.exploitation_types = vec![ExploitationType::Sexual, ExploitationType::Labour];
        b.is_child = Some(false);
        let mut c = row("UK-3");
        (c.risk, c.assigned_worker) = (Some(RiskLevel::Low), Some("Ana".into()));
        let rows = [a, b, c];
        let codes = |q: CaseQuery| -> Vec<String> {
            let text = q.text.trim().to_lowercase();
            rows.iter()
                .filter(|r| q.admits(r, &text))
                .map(|r| r.code.clone())
                .collect()
        };
        let q = CaseQuery::default;
        assert_eq!(codes(q()), ["RO-1", "RO-2", "UK-3"]);
        assert_eq!(
            codes(CaseQuery {
                text: "ro-".into(),
                ..q()
            }),
            ["RO-1", "RO-2"]
        );
        assert_eq!(
            codes(CaseQuery {
                text: "romania".into(),
                ..q()
            }),
            ["RO-1"]
        );
        assert_eq!(
            codes(CaseQuery {
                status: Some(CaseStatus::Closed),
                ..q()
            }),
            ["RO-2"]
        );
        assert_eq!(
            codes(CaseQuery {
                risk: Some(RiskLevel::Low),
                ..q()
            }),
            ["UK-3"]
        );
        let ana = CaseQuery {
            worker: Some("Ana".into()),
            open_needs_only: true,
            ..q()
        };
        assert_eq!(codes(ana), ["RO-1"]);
        let labour = CaseQuery {
            exploitation: Some(ExploitationType::Labour),
            ..q()
        };
        assert_eq!(codes(labour), ["RO-1", "RO-2"]);
        assert_eq!(
            codes(CaseQuery {
                child_only: true,
                ..q()
            }),
            ["RO-1"]
        );
    }
}
