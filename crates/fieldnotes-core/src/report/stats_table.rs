//! The anonymised tables of the statistics, and the only way to make them:
//! raw counts go into a [`Builder`] and come out as [`Table`]s of
//! [`Cell`]s, suppressed. Nothing outside this module sees a raw count.
//!
//! Invariants (docs/FORMATS.md, "Statistics"):
//! - Primary suppression: a count from 1 to 4 is [`Cell::Fewer`] ("<5");
//!   0 stays 0.
//! - Secondary suppression: the tables of a builder are tied by sums (a
//!   table's rows add up to its total; linked tables, such as the child
//!   flag and the age bands, add up to each other). An attacker who knows
//!   the rules ("<5" is 1 to 4, a cell hidden to protect another is at
//!   least 5) bounds every hidden cell through those sums. While some "<5"
//!   cell is pinned to a single value, the smallest shown non-zero row
//!   cell sharing a sum with it is hidden too ([`Cell::Hidden`], "x"); when
//!   no such cell is left, every row of the builder is hidden (the table is
//!   withheld) and only its totals stay.
//! - Bounds are found by interval propagation over the sums, which is
//!   exact for a single sum (every table but the age group) and is checked
//!   by brute force in the tests.

use serde::Serialize;

/// One value of a table as it may be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "count", rename_all = "snake_case")]
pub enum Cell {
    /// A count of 0, or of 5 and more.
    Count(u64),
    /// A count from 1 to 4: shown "<5".
    Fewer,
    /// Hidden so that no other hidden count can be worked out: shown "x".
    Hidden,
}

impl Cell {
    /// How the cell is written in every output.
    pub fn text(self) -> String {
        match self {
            Cell::Count(n) => n.to_string(),
            Cell::Fewer => "<5".to_owned(),
            Cell::Hidden => "x".to_owned(),
        }
    }
}

/// One row of a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    /// A stable name for the row (a vocabulary name, a country code, or
    /// `not_recorded`, `other`, `several`), the same in every language.
    pub key: String,
    pub label: String,
    pub cell: Cell,
}

/// One table of the statistics.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Table {
    /// A stable name for the table (`cases_by_gender`, …).
    pub id: &'static str,
    pub title: String,
    pub rows: Vec<Row>,
    /// The rows' sum; `None` for a table whose rows are separate figures.
    pub total: Option<Cell>,
}

/// Far above any count, below overflow when summed.
const INF: i64 = 1 << 40;

/// One table as laid out, by cell index.
struct Layout {
    id: &'static str,
    title: String,
    rows: Vec<(String, String, usize)>,
    total: Option<usize>,
}

/// Gathers raw counts and the sums that tie them; [`Builder::finish`]
/// suppresses them.
#[derive(Default)]
pub(super) struct Builder {
    raw: Vec<u64>,
    /// Row cells may be hidden; totals never are.
    row: Vec<bool>,
    /// `(members, total)`: the members add up to the total.
    sums: Vec<(Vec<usize>, usize)>,
    tables: Vec<Layout>,
}

impl Builder {
    fn cell(&mut self, value: u64, row: bool) -> usize {
        self.raw.push(value);
        self.row.push(row);
        self.raw.len() - 1
    }

    /// Adds a table of `(key, label, count)` rows; with `additive`, a total
    /// row (their sum). Returns the rows' cell indexes and the total's.
    pub(super) fn table(
        &mut self,
        id: &'static str,
        title: String,
        rows: Vec<(String, String, u64)>,
        additive: bool,
    ) -> (Vec<usize>, Option<usize>) {
        let sum = rows.iter().map(|r| r.2).sum();
        let rows: Vec<(String, String, usize)> = rows
            .into_iter()
            .map(|(k, l, n)| (k, l, self.cell(n, true)))
            .collect();
        let idx: Vec<usize> = rows.iter().map(|r| r.2).collect();
        let total = additive.then(|| self.cell(sum, false));
        if let Some(t) = total {
            self.sums.push((idx.clone(), t));
        }
        self.tables.push(Layout {
            id,
            title,
            rows,
            total,
        });
        (idx, total)
    }

    /// Records that the cells `members` add up to the cell `total` (which
    /// the caller guarantees), so suppression accounts for it.
    pub(super) fn link(&mut self, members: Vec<usize>, total: usize) {
        debug_assert_eq!(
            members.iter().map(|&m| self.raw[m]).sum::<u64>(),
            self.raw[total]
        );
        self.sums.push((members, total));
    }

    /// The tables, suppressed.
    pub(super) fn finish(self) -> Vec<Table> {
        let shown = suppress(&self.raw, &self.row, &self.sums);
        self.tables
            .into_iter()
            .map(|t| Table {
                id: t.id,
                title: t.title,
                rows: t
                    .rows
                    .into_iter()
                    .map(|(key, label, i)| Row {
                        key,
                        label,
                        cell: shown[i],
                    })
                    .collect(),
                total: t.total.map(|i| shown[i]),
            })
            .collect()
    }
}

fn primary(n: u64) -> Cell {
    if (1..5).contains(&n) {
        Cell::Fewer
    } else {
        Cell::Count(n)
    }
}

/// Primary, then secondary suppression of `raw` under `sums`.
fn suppress(raw: &[u64], row: &[bool], sums: &[(Vec<usize>, usize)]) -> Vec<Cell> {
    let mut shown: Vec<Cell> = raw.iter().map(|&n| primary(n)).collect();
    let mut withheld = vec![false; raw.len()];
    while let Some(weak) = pinned(&shown, &withheld, sums) {
        let near = |i: usize| {
            i == weak
                || sums
                    .iter()
                    .any(|(m, t)| (m.contains(&i) || *t == i) && (m.contains(&weak) || *t == weak))
        };
        let next = (0..raw.len())
            .filter(|&i| row[i] && raw[i] > 0 && matches!(shown[i], Cell::Count(_)))
            .min_by_key(|&i| (!near(i), raw[i], i));
        match next {
            Some(i) => shown[i] = Cell::Hidden,
            // Nothing left to hide: every row sharing a sum with the weak
            // cell goes, zeros too, so a hidden row may be 0.
            None => {
                let rows: Vec<usize> = (0..raw.len())
                    .filter(|&i| row[i] && near(i) && !withheld[i])
                    .collect();
                if rows.is_empty() {
                    break;
                }
                for i in rows {
                    shown[i] = Cell::Hidden;
                    withheld[i] = true;
                }
            }
        }
    }
    shown
}

/// What an attacker who knows the rules can tell of each shown cell.
fn bounds(shown: &[Cell], withheld: &[bool]) -> Vec<(i64, i64)> {
    shown
        .iter()
        .zip(withheld)
        .map(|(c, &w)| match c {
            Cell::Count(n) => {
                let n = i64::try_from(*n).unwrap_or(INF);
                (n, n)
            }
            Cell::Fewer => (1, 4),
            Cell::Hidden if w => (0, INF),
            Cell::Hidden => (5, INF),
        })
        .collect()
}

/// Narrows `b` by every sum until nothing changes.
fn propagate(b: &mut [(i64, i64)], sums: &[(Vec<usize>, usize)]) {
    for _ in 0..64 {
        let mut changed = false;
        for (members, total) in sums {
            let lo: i64 = members.iter().map(|&m| b[m].0).sum();
            let hi: i64 = members.iter().map(|&m| b[m].1.min(INF)).sum();
            let t = b[*total];
            let nt = (t.0.max(lo), t.1.min(hi));
            changed |= nt != t;
            b[*total] = nt;
            for &m in members {
                let (mlo, mhi) = b[m];
                let new = (
                    mlo.max(nt.0 - (hi - mhi.min(INF))),
                    mhi.min(nt.1 - (lo - mlo)),
                );
                changed |= new != b[m];
                b[m] = new;
            }
        }
        if !changed {
            return;
        }
    }
}

/// The first "<5" cell whose value the sums pin down, if any.
fn pinned(shown: &[Cell], withheld: &[bool], sums: &[(Vec<usize>, usize)]) -> Option<usize> {
    let mut b = bounds(shown, withheld);
    propagate(&mut b, sums);
    (0..shown.len()).find(|&i| shown[i] == Cell::Fewer && b[i].1 <= b[i].0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn one_table(raw: &[u64]) -> Table {
        let mut b = Builder::default();
        let rows = raw
            .iter()
            .enumerate()
            .map(|(i, &n)| (i.to_string(), format!("row {i}"), n))
            .collect();
        b.table("t", "T".into(), rows, true);
        b.finish().remove(0)
    }

    /// What an attacker who knows the rules can tell of a cell.
    fn range(c: Cell, withheld: bool, cap: u64) -> std::ops::RangeInclusive<u64> {
        match c {
            Cell::Count(n) => n..=n,
            Cell::Fewer => 1..=4,
            Cell::Hidden if withheld => 0..=cap,
            Cell::Hidden => 5..=cap.max(5),
        }
    }

    /// Every value row `target` of `t` can take, by brute force: the sums
    /// the other rows can reach, against the total.
    fn values(t: &Table, target: usize, cap: u64) -> Vec<u64> {
        let withheld = t.rows.iter().all(|r| r.cell == Cell::Hidden);
        let mut reach = vec![false; cap as usize + 1];
        reach[0] = true;
        for (i, r) in t.rows.iter().enumerate().filter(|(i, _)| *i != target) {
            let _ = i;
            let mut next = vec![false; cap as usize + 1];
            for (s, _) in reach.iter().enumerate().filter(|(_, on)| **on) {
                for v in range(r.cell, withheld, cap) {
                    if let Some(slot) = next.get_mut(s + v as usize) {
                        *slot = true;
                    }
                }
            }
            reach = next;
        }
        let total = range(t.total.expect("additive"), false, cap);
        range(t.rows[target].cell, withheld, cap)
            .filter(|v| {
                total
                    .clone()
                    .any(|tot| tot >= *v && reach[(tot - v) as usize])
            })
            .collect()
    }

    #[test]
    fn small_counts_show_as_fewer_and_zero_stays() {
        let t = one_table(&[0, 3, 12, 7]);
        let cells: Vec<String> = t.rows.iter().map(|r| r.cell.text()).collect();
        // 3 is "<5"; 7, the smallest other count, is hidden so that
        // 22 - 12 - 0 cannot give it away.
        assert_eq!(cells, ["0", "<5", "12", "x"]);
        assert_eq!(t.total, Some(Cell::Count(22)));
    }

    #[test]
    fn one_rare_case_among_five_withholds_the_table() {
        // 1 + 5 = 6: hiding the 5 still pins the 1 (x >= 5), so every row goes.
        let t = one_table(&[1, 5, 0]);
        assert!(t.rows.iter().all(|r| r.cell == Cell::Hidden));
        assert_eq!(t.total, Some(Cell::Count(6)));
    }

    #[test]
    fn five_singletons_are_not_each_pinned_to_one() {
        let t = one_table(&[1, 1, 1, 1, 1]);
        assert!(t.rows.iter().all(|r| r.cell == Cell::Hidden));
        assert_eq!(values(&t, 0, 5), [0, 1, 2, 3, 4, 5]);
    }

    #[test]
    fn linked_tables_hide_across_the_link() {
        // Age bands (child: 2 + 0; adult: 9) and the child flag (2, 9):
        // the child row would give the band away through the link.
        let mut b = Builder::default();
        let row = |k: &str, n| (k.to_owned(), k.to_owned(), n);
        let (bands, t1) = b.table(
            "a",
            "A".into(),
            vec![row("c1", 2), row("c2", 0), row("ad", 9)],
            true,
        );
        let (flag, t2) = b.table(
            "f",
            "F".into(),
            vec![row("child", 2), row("adult", 9)],
            true,
        );
        b.link(bands[..2].to_vec(), flag[0]);
        b.link(vec![bands[2]], flag[1]);
        b.link(vec![t1.expect("test value")], t2.expect("test value"));
        let tables = b.finish();
        assert_eq!(tables[0].rows[0].cell, Cell::Fewer);
        assert_ne!(tables[0].rows[2].cell, Cell::Count(9));
        assert_ne!(tables[1].rows[1].cell, Cell::Count(9));
    }

    proptest! {
        #[test]
        fn no_small_count_is_derivable_from_the_margins(
            raw in proptest::collection::vec(prop_oneof![3 => 0u64..5, 2 => 5u64..12], 1..7)
        ) {
            let t = one_table(&raw);
            let cap: u64 = raw.iter().sum();
            for (i, r) in t.rows.iter().enumerate() {
                let can = values(&t, i, cap);
                // The attacker's model holds: the truth is among them.
                prop_assert!(can.contains(&raw[i]), "row {} of {:?}: {:?}", i, raw, can);
                if (1..5).contains(&raw[i]) {
                    prop_assert!(matches!(r.cell, Cell::Fewer | Cell::Hidden));
                    prop_assert!(can.len() > 1, "row {} of {:?} pinned: {:?}", i, raw, t);
                }
            }
        }
    }
}
