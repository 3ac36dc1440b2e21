//! A query as the index reads it: folded terms, each with the forms it may
//! take in the text (a phone typed with dashes is also its bare digits) and
//! the whole identifiers it may stand for (`2026-12` is the code
//! `收2026-0012`, `〔2026〕12` the 文號 `…〔2026〕12號`).

use crate::model::Kind;

use super::fold::fold;

/// A query longer than this is cut (no clerk types more; it bounds the work).
pub const MAX_QUERY_CHARS: usize = 200;

/// One word of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The word, folded, as typed.
    pub text: String,
    /// What must occur in an entry's text for the word to match (any one):
    /// the word itself, and for digits with dashes (`0571-8`) the digits alone.
    pub needles: Vec<String>,
    /// Whole identifiers the word may be (looked up, not scanned for).
    pub exact_keys: Vec<String>,
}

impl Term {
    /// The term of one folded word.
    pub fn new(word: &str) -> Term {
        let mut needles = vec![word.to_string()];
        if is_dashed_digits(word) {
            let bare: String = word.chars().filter(char::is_ascii_digit).collect();
            needles.push(bare);
        }
        Term {
            text: word.to_string(),
            needles,
            exact_keys: exact_keys(word),
        }
    }

    /// The shortest of its needles (the one a scan for it can rely on least).
    pub fn shortest(&self) -> usize {
        self.needles.iter().map(String::len).min().unwrap_or(0)
    }
}

/// A query cut to `MAX_QUERY_CHARS`, folded and split at white space.
pub fn terms(query: &str) -> Vec<Term> {
    let q: String = query.chars().take(MAX_QUERY_CHARS).collect();
    fold(&q).split_whitespace().map(Term::new).collect()
}

/// Digits and dashes only, with at least one of each (`0571-8`, `2026-12`).
fn is_dashed_digits(w: &str) -> bool {
    w.bytes().all(|b| b.is_ascii_digit() || b == b'-')
        && w.contains('-')
        && w.bytes().any(|b| b.is_ascii_digit())
}

/// An item code split into prefix, year and number: `收2026-0012` →
/// (`收`, `2026`, `12`); the prefix may be empty (`2026-12`).
fn split_code(w: &str) -> Option<(&str, &str, &str)> {
    let (head, n) = w.rsplit_once('-')?;
    let split = head.len().checked_sub(4)?;
    if !head.is_char_boundary(split) {
        return None;
    }
    let (prefix, year) = head.split_at(split);
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(year) || !digits(n) || prefix.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let n = n.trim_start_matches('0');
    (!n.is_empty()).then_some((prefix, year, n))
}

/// A 文號 or a fragment of one split into 機關代字, year and 序號:
/// `市教發〔2026〕45號` → (`市教發`, `2026`, `45`); the prefix may be empty and
/// 號 missing (`〔2026〕45`).
pub fn split_docno(w: &str) -> Option<(&str, &str, &str)> {
    let (prefix, rest) = w.split_once('〔')?;
    let (year, n) = rest.split_once('〕')?;
    let n = n.strip_suffix('號').unwrap_or(n);
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if year.len() != 4 || !digits(year) || !digits(n) {
        return None;
    }
    let n = n.trim_start_matches('0');
    (!n.is_empty()).then_some((prefix, year, n))
}

/// The identifiers registered for a whole identifier besides itself (folded):
/// a 文號 is also quoted without its 機關代字 (`〔2026〕12號`) and by its
/// number alone (`12號`). Codes need none: `exact_keys` expands a fragment
/// of a code into the whole codes it may be.
pub fn fragment_keys(folded: &str) -> Vec<String> {
    match split_docno(folded) {
        Some((prefix, year, n)) if !prefix.is_empty() => {
            vec![format!("〔{year}〕{n}號"), format!("{n}號")]
        }
        _ => vec![],
    }
}

/// The whole identifiers a word may stand for: itself; an item code without
/// its zero padding or its kind's prefix (`2026-12` → `收2026-0012`,
/// `發2026-0012` …); a 文號 without its 號 (`〔2026〕12` → `〔2026〕12號`).
fn exact_keys(w: &str) -> Vec<String> {
    let mut keys = vec![w.to_string()];
    if let Some((prefix, year, n)) = split_code(w) {
        let code = |p: &str| format!("{p}{year}-{n:0>4}");
        if prefix.is_empty() {
            keys.extend(Kind::ALL.iter().map(|k| code(&fold(k.code_prefix()))));
        } else {
            keys.push(code(prefix));
        }
    }
    if let Some((prefix, year, n)) = split_docno(w) {
        keys.push(format!("{prefix}〔{year}〕{n}號"));
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dashed_digits_also_match_as_bare_digits() {
        assert_eq!(Term::new("0571-8").needles, ["0571-8", "05718"]);
        assert_eq!(Term::new("2026-12").needles, ["2026-12", "202612"]);
        assert_eq!(Term::new("1234").needles, ["1234"]);
        assert_eq!(Term::new("-").needles, ["-"]);
        assert_eq!(Term::new("收2026-12").needles, ["收2026-12"]);
    }

    #[test]
    fn code_fragments_expand_to_whole_codes() {
        let k = Term::new("2026-12").exact_keys;
        for code in ["收2026-0012", "发2026-0012", "件2026-0012", "督2026-0012"] {
            assert!(k.iter().any(|x| x == code), "{code} in {k:?}");
        }
        assert!(Term::new("2026-0012")
            .exact_keys
            .contains(&"收2026-0012".to_string()));
        assert_eq!(
            Term::new("收2026-12").exact_keys,
            ["收2026-0012", "收2026-12"]
        );
        // Five digits stay five digits; zero is no number.
        assert!(Term::new("2026-12345")
            .exact_keys
            .contains(&"收2026-12345".to_string()));
        assert_eq!(Term::new("2026-0000").exact_keys, ["2026-0000"]);
        assert_eq!(Term::new("x12-3").exact_keys, ["x12-3"]);
    }

    #[test]
    fn docno_fragments() {
        let f = fold("市教發〔2026〕45號");
        assert_eq!(fragment_keys(&f), ["〔2026〕45號", "45號"]);
        assert!(fragment_keys("〔2026〕45號").is_empty());
        assert!(fragment_keys("市教發〔26〕45號").is_empty());
        assert!(Term::new(&fold("〔2026〕45"))
            .exact_keys
            .contains(&"〔2026〕45號".to_string()));
        assert!(Term::new(&fold("市教发[2026]045")).exact_keys.contains(&f));
    }

    #[test]
    fn long_queries_are_cut() {
        let t = terms(&"字".repeat(10_000));
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].text.chars().count(), MAX_QUERY_CHARS);
        assert!(terms(" \t ").is_empty());
    }
}
