//! Text compared as people read it, fast: the case list sorts 10,000 codes
//! on every visit, and comparing each pair through the collator cost about
//! 12 ms of the page. Printable ASCII text (codes, ISO timestamps, most
//! workers' names) gets a byte key built once per row; two such keys
//! compare as the collator compares their texts. Any other text is
//! compared by the collator itself.
//!
//! Invariant: for printable ASCII `a` and `b`, `key(a).cmp(key(b))` equals
//! the collator's `compare(a, b)` (primary strength, numbers by value). The
//! key is built from the collator's own order of the 95 printable ASCII
//! characters, worked out when the sorter is made: each becomes its rank
//! (characters the collator finds equal, as `a` and `A`, share one), and a
//! run of digits becomes the rank of `0`, the count of its digits without
//! leading zeros, then those digits, so numbers compare by value. A test
//! checks the invariant against the collator on random strings.

use std::cmp::Ordering;

use icu_collator::CollatorBorrowed;

/// Longer digit runs than this fall back to the collator (the count is one byte).
const MAX_DIGITS: usize = 250;

/// Compares text in one language, by byte keys where it can.
pub(super) struct Sorter {
    collator: Option<CollatorBorrowed<'static>>,
    /// The rank of each printable ASCII character (index: byte − 0x20);
    /// empty when no collator loaded.
    ranks: Vec<u8>,
}

/// A text ready to be compared many times.
pub(super) struct SortText {
    text: String,
    fast: Option<Vec<u8>>,
}

impl Sorter {
    pub(super) fn new(collator: Option<CollatorBorrowed<'static>>) -> Sorter {
        let ranks = collator.as_ref().map(ascii_ranks).unwrap_or_default();
        Sorter { collator, ranks }
    }

    /// `text` with its byte key, if it has one.
    pub(super) fn prepare(&self, text: String) -> SortText {
        let fast = self.fast_key(&text);
        SortText { text, fast }
    }

    pub(super) fn compare(&self, a: &SortText, b: &SortText) -> Ordering {
        match (&a.fast, &b.fast) {
            (Some(x), Some(y)) => x.cmp(y),
            _ => self.compare_str(&a.text, &b.text),
        }
    }

    /// Compares as the reader sees it; byte order of the lower case if no
    /// collator loads.
    pub(super) fn compare_str(&self, a: &str, b: &str) -> Ordering {
        match &self.collator {
            Some(c) => c.compare(a, b),
            None => a.to_lowercase().cmp(&b.to_lowercase()),
        }
    }

    fn fast_key(&self, text: &str) -> Option<Vec<u8>> {
        if self.ranks.is_empty() {
            return None;
        }
        let bytes = text.as_bytes();
        let mut key = Vec::with_capacity(bytes.len() + 2);
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if !(0x20..0x7f).contains(&b) {
                return None;
            }
            if b.is_ascii_digit() {
                let run = bytes[i..].iter().take_while(|c| c.is_ascii_digit()).count();
                let digits = &bytes[i..i + run];
                let significant = &digits[digits.iter().take_while(|&&c| c == b'0').count()..];
                if significant.len() > MAX_DIGITS {
                    return None;
                }
                key.push(self.ranks[usize::from(b'0' - 0x20)]);
                key.push(u8::try_from(significant.len()).ok()?);
                key.extend_from_slice(significant);
                i += run;
            } else {
                key.push(self.ranks[usize::from(b - 0x20)]);
                i += 1;
            }
        }
        Some(key)
    }
}

/// The collator's order of the printable ASCII characters as ranks from 1;
/// characters it finds equal share a rank.
fn ascii_ranks(collator: &CollatorBorrowed<'static>) -> Vec<u8> {
    let chars: Vec<u8> = (0x20u8..0x7f).collect();
    let text = |c: u8| char::from(c).to_string();
    let mut sorted = chars.clone();
    sorted.sort_by(|&a, &b| collator.compare(&text(a), &text(b)));
    let mut ranks = vec![0u8; chars.len()];
    let mut rank = 0u8;
    for (i, &c) in sorted.iter().enumerate() {
        if i == 0 || collator.compare(&text(sorted[i - 1]), &text(c)) != Ordering::Equal {
            rank += 1;
        }
        ranks[usize::from(c - 0x20)] = rank;
    }
    ranks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case_model::Lang;

    fn sorter(lang: Lang) -> Sorter {
        Sorter::new(super::super::case_query::collator(lang))
    }

    proptest::proptest! {
        /// Byte keys order printable ASCII exactly as the collator does,
        /// in both languages: letters of either case, digits (leading
        /// zeros, long runs), spaces and punctuation.
        #[test]
        fn keys_compare_as_the_collator_does(
            a in "[ -~]{0,12}|[aAbBzZ0-9 ._/-]{0,12}",
            b in "[ -~]{0,12}|[aAbBzZ0-9 ._/-]{0,12}",
        ) {
            for lang in [Lang::En, Lang::Ro] {
                let s = sorter(lang);
                let (x, y) = (s.prepare(a.clone()), s.prepare(b.clone()));
                proptest::prop_assert!(x.fast.is_some() && y.fast.is_some());
                proptest::prop_assert_eq!(s.compare(&x, &y), s.compare_str(&a, &b), "{:?} vs {:?}", a, b);
            }
        }
    }

    #[test]
    fn codes_sort_by_value_and_text_outside_ascii_falls_back() {
        let s = sorter(Lang::Ro);
        let cmp = |a: &str, b: &str| s.compare(&s.prepare(a.into()), &s.prepare(b.into()));
        assert_eq!(cmp("RO-9", "RO-10"), Ordering::Less);
        assert_eq!(cmp("ro-007", "RO-7"), Ordering::Equal);
        assert_eq!(cmp("RO-00010", "RO-9"), Ordering::Greater);
        assert_eq!(cmp("Ștefan", "Tudor"), Ordering::Less);
        assert_eq!(cmp("Ștefan", "Sorin"), Ordering::Greater);
        assert!(s.prepare("Ștefan".into()).fast.is_none());
        let long = "1".repeat(MAX_DIGITS + 1);
        assert!(s.prepare(long.clone()).fast.is_none());
        assert_eq!(cmp(&long, "9"), Ordering::Greater);
    }
}
