//! Country codes (ISO 3166-1 alpha-2) and language codes (ISO 639-1, or
//! 639-3 for a language with no 639-1 code), with their English and
//! Romanian names, for checking codes and for reading what people typed.
//!
//! The lists are data, `data/iso/*.tsv` in this crate, written by
//! `scripts/iso_codes.py` from Debian's `iso-codes` (LGPL-2.1-or-later) plus
//! demonyms and names kept by hand in that script; no maintained crate has
//! the Romanian names. The app shows names with the webview's
//! `Intl.DisplayNames`; the names here serve matching, search and the CLI.
//!
//! Invariants: a code is stored upper case for a country (`RO`), lower case
//! for a language (`ro`); free text matches a code only when exactly one
//! code has that name once folded (case, diacritics and punctuation
//! ignored), so "Romanian", "română", "romana" and "RO" all read as `RO`
//! and an ambiguous name reads as nothing. Languages without a 639-1 code
//! are matched by name only when the script names them, so a rare
//! language's name cannot capture a common word ("Roma").

use std::collections::HashMap;
use std::sync::OnceLock;

const COUNTRIES: &str = include_str!("../../data/iso/countries.tsv");
const LANGUAGES: &str = include_str!("../../data/iso/languages.tsv");

/// One code of a list, with its names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeName {
    pub code: &'static str,
    pub name_en: &'static str,
    pub name_ro: &'static str,
    /// Other names and demonyms, `|`-separated (for search and matching).
    pub other_names: &'static str,
}

impl CodeName {
    /// The name in `lang`.
    pub fn name(&self, lang: super::Lang) -> &'static str {
        match lang {
            super::Lang::En => self.name_en,
            super::Lang::Ro => self.name_ro,
        }
    }
}

struct Table {
    entries: Vec<CodeName>,
    by_code: HashMap<String, usize>,
    /// Folded name -> entries with that name (more than one: ambiguous).
    by_name: HashMap<String, Vec<usize>>,
}

fn load(text: &'static str, upper: bool) -> Table {
    let mut t = Table {
        entries: Vec::new(),
        by_code: HashMap::new(),
        by_name: HashMap::new(),
    };
    for line in text.lines().filter(|l| !l.is_empty()) {
        let cols: Vec<&'static str> = line.split('\t').collect();
        let (code, name_en, name_ro, other_names) = (cols[0], cols[1], cols[2], cols[3]);
        let matched = cols.get(4).is_none_or(|m| *m == "1");
        let i = t.entries.len();
        t.entries.push(CodeName {
            code,
            name_en,
            name_ro,
            other_names,
        });
        t.by_code.insert(code.to_owned(), i);
        // A language's three-letter code is a code too ("ron" is "ro").
        for alias in other_names.split('|').filter(|a| is_code_like(a, upper)) {
            t.by_code.entry(alias.to_owned()).or_insert(i);
        }
        if !matched {
            continue;
        }
        for name in [name_en, name_ro].into_iter().chain(other_names.split('|')) {
            let key = fold(name);
            if key.is_empty() {
                continue;
            }
            let found = t.by_name.entry(key).or_default();
            if !found.contains(&i) {
                found.push(i);
            }
        }
    }
    t
}

fn is_code_like(s: &str, upper: bool) -> bool {
    s.len() == 3
        && s.bytes().all(|b| {
            if upper {
                b.is_ascii_uppercase()
            } else {
                b.is_ascii_lowercase()
            }
        })
}

fn countries() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| load(COUNTRIES, true))
}

fn languages() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| load(LANGUAGES, false))
}

/// Lower case, diacritics and punctuation dropped, spaces collapsed:
/// "Coasta de Fildeș" and "coasta de fildes" fold alike.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            '.' | '\'' | '’' | ',' | '(' | ')' => {}
            '-' | '_' | '/' => out.push(' '),
            c if c.is_whitespace() => out.push(' '),
            c => push_base(c, &mut out),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Pushes the letter without its diacritics, for the Latin letters the
/// lists use; every other character stands for itself.
fn push_base(c: char, out: &mut String) {
    const GROUPS: &[(&str, &str)] = &[
        ("àáâãäåāăą", "a"),
        ("çćč", "c"),
        ("ďđ", "d"),
        ("èéêëēėęě", "e"),
        ("ğ", "g"),
        ("ìíîïīįı", "i"),
        ("ł", "l"),
        ("ñńň", "n"),
        ("òóôõöøōő", "o"),
        ("ř", "r"),
        ("śšşș", "s"),
        ("ţțť", "t"),
        ("ùúûüūůű", "u"),
        ("ýÿ", "y"),
        ("źżž", "z"),
        ("ß", "ss"),
        ("æ", "ae"),
        ("œ", "oe"),
    ];
    match GROUPS.iter().find(|(letters, _)| letters.contains(c)) {
        Some((_, base)) => out.push_str(base),
        None => out.push(c),
    }
}

fn lookup(t: &'static Table, code: &str) -> Option<CodeName> {
    t.by_code.get(code).map(|&i| t.entries[i])
}

fn by_name(t: &'static Table, text: &str) -> Option<CodeName> {
    match t.by_name.get(&fold(text)).map(Vec::as_slice) {
        Some([only]) => Some(t.entries[*only]),
        _ => None,
    }
}

/// The country with this alpha-2 code (any case).
pub fn country(code: &str) -> Option<CodeName> {
    lookup(countries(), &code.trim().to_ascii_uppercase())
}

/// The language with this code (any case): 639-1, 639-3, or the 639-3 code
/// of a language that has a 639-1 code (then the 639-1 entry).
pub fn language(code: &str) -> Option<CodeName> {
    lookup(languages(), &code.trim().to_ascii_lowercase())
}

/// A stored nationality as people read it: the country's name in `lang`,
/// or the stored text when it is no code.
pub fn country_name(code: &str, lang: super::Lang) -> String {
    country(code).map_or_else(|| code.to_owned(), |c| c.name(lang).to_owned())
}

/// A stored language as people read it: its name in `lang`, or the stored
/// text when it is no code.
pub fn language_name(code: &str, lang: super::Lang) -> String {
    language(code).map_or_else(|| code.to_owned(), |c| c.name(lang).to_owned())
}

/// Every country, by code.
pub fn all_countries() -> &'static [CodeName] {
    &countries().entries
}

/// Every language, by code.
pub fn all_languages() -> &'static [CodeName] {
    &languages().entries
}

/// The country `text` names: its code, or a name or demonym in English or
/// Romanian that only one country has.
pub fn match_country(text: &str) -> Option<CodeName> {
    let text = text.trim();
    if text.len() == 2 {
        if let Some(c) = country(text) {
            return Some(c);
        }
    }
    by_name(countries(), text)
}

/// The language `text` names: its code, or a name in English or Romanian
/// ("limba română" and "Romanian language" too) that only one language has.
pub fn match_language(text: &str) -> Option<CodeName> {
    let text = text.trim();
    if (2..=3).contains(&text.len()) {
        if let Some(l) = language(text) {
            return Some(l);
        }
    }
    let folded = fold(text);
    let bare = folded
        .strip_prefix("limba ")
        .or_else(|| folded.strip_suffix(" language"))
        .unwrap_or(&folded);
    by_name(languages(), bare).or_else(|| by_name(languages(), &folded))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(text: &str) -> Option<&'static str> {
        match_country(text).map(|c| c.code)
    }

    fn l(text: &str) -> Option<&'static str> {
        match_language(text).map(|c| c.code)
    }

    #[test]
    fn countries_match_codes_names_and_demonyms() {
        for text in [
            "RO", "ro", "Romania", "România", "romania", "Romanian", "română", "romana", "ROMÂN",
        ] {
            assert_eq!(c(text), Some("RO"), "{text}");
        }
        for text in ["AL", "Albania", "Albanian", "albaneză", "albaneza"] {
            assert_eq!(c(text), Some("AL"), "{text}");
        }
        assert_eq!(c("UK"), Some("GB"));
        assert_eq!(c("British"), Some("GB"));
        assert_eq!(c("Regatul Unit"), Some("GB"));
        assert_eq!(c("Vietnam"), Some("VN"));
        assert_eq!(c("Viet Nam"), Some("VN"));
        assert_eq!(c("Coasta de Fildes"), Some("CI"));
        assert_eq!(c("Côte d'Ivoire"), Some("CI"));
        assert_eq!(c("Moldovan"), Some("MD"));
        assert_eq!(c("Kosovo"), Some("XK"));
        assert_eq!(c("Kurdistan"), None);
        assert_eq!(c("ZZ"), None);
        assert_eq!(country("gb").map(|c| c.name_ro), Some("Regatul Unit"));
    }

    #[test]
    fn languages_match_codes_and_names() {
        for text in [
            "ro",
            "RO",
            "ron",
            "Romanian",
            "română",
            "romana",
            "limba română",
            "Romanian language",
        ] {
            assert_eq!(l(text), Some("ro"), "{text}");
        }
        for text in ["en", "english", "English", "engleză", "engleza"] {
            assert_eq!(l(text), Some("en"), "{text}");
        }
        assert_eq!(l("Albanian"), Some("sq"));
        assert_eq!(l("Sorani"), Some("ckb"));
        assert_eq!(l("Dari"), Some("prs"));
        assert_eq!(l("Roma"), Some("rom"));
        assert_eq!(l("Tigrinya"), Some("ti"));
        // A 639-3 code is valid, though its name is not matched.
        assert_eq!(language("rmm").map(|c| c.code), Some("rmm"));
        assert_eq!(l("Klingonese"), None);
        assert_eq!(l("xx"), None);
    }

    #[test]
    fn common_names_are_not_ambiguous() {
        for text in [
            "Romanian",
            "English",
            "Albanian",
            "Vietnamese",
            "Arabic",
            "Ukrainian",
        ] {
            assert!(match_language(text).is_some(), "{text}");
        }
        for text in [
            "Romanian",
            "Albanian",
            "Vietnamese",
            "Ukrainian",
            "Eritrean",
            "Nigerian",
        ] {
            assert!(match_country(text).is_some(), "{text}");
        }
        assert!(all_countries().len() >= 250);
        assert!(all_languages().len() > 7000);
    }

    #[test]
    fn folding_drops_case_diacritics_and_punctuation() {
        assert_eq!(fold("  Țara   Galilor "), "tara galilor");
        assert_eq!(fold("U.K."), "uk");
        assert_eq!(fold("sud-coreeană"), "sud coreeana");
        assert_eq!(fold("Åland"), "aland");
    }
}
