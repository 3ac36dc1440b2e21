//! Which characters of a shown text a query matched, so a result list can
//! highlight them: as written (in either script), by full pinyin, or by
//! pinyin initials (`xsaq` lights up 校舍安全).

use std::ops::Range;

use pinyin::ToPinyin;

use super::fold::fold;

/// Per character of `text`: its folded form, its pinyin (or the character
/// itself for ASCII letters and digits) and its initial.
struct Chars {
    folded: Vec<char>,
    full: String,
    /// Start offset in `full` of each character's syllable (`full.len()` past the end).
    full_at: Vec<usize>,
    initials: Vec<Option<char>>,
}

fn chars_of(text: &str) -> Chars {
    let mut folded = Vec::new();
    let mut full = String::new();
    let mut full_at = Vec::new();
    let mut initials = Vec::new();
    for c in text.chars() {
        let f = fold(&c.to_string()).chars().next().unwrap_or(c);
        folded.push(f);
        full_at.push(full.len());
        match f.to_pinyin() {
            Some(p) => {
                full.push_str(p.plain());
                initials.push(p.first_letter().chars().next());
            }
            None if f.is_ascii_alphanumeric() => {
                full.push(f);
                initials.push(Some(f));
            }
            None => initials.push(None),
        }
    }
    full_at.push(full.len());
    Chars {
        folded,
        full,
        full_at,
        initials,
    }
}

/// Character ranges of `text` matched by the terms of `query`, sorted and merged.
pub fn spans(text: &str, query: &str) -> Vec<Range<usize>> {
    let c = chars_of(text);
    let q = fold(query);
    let mut out: Vec<Range<usize>> = Vec::new();
    for term in q.split_whitespace() {
        let t: Vec<char> = term.chars().collect();
        if let Some(r) = find_chars(&c.folded, &t) {
            out.push(r);
            continue;
        }
        if !term.bytes().all(|b| b.is_ascii_alphanumeric()) {
            continue;
        }
        // Initials: one letter per character, skipping characters without one.
        let letters: Vec<(usize, char)> = c
            .initials
            .iter()
            .enumerate()
            .filter_map(|(i, l)| l.map(|l| (i, l)))
            .collect();
        let seq: Vec<char> = letters.iter().map(|(_, l)| *l).collect();
        if let Some(r) = find_chars(&seq, &t) {
            out.push(letters[r.start].0..letters[r.end - 1].0 + 1);
            continue;
        }
        // Full pinyin: map byte offsets back to the characters they came from.
        if let Some(b) = c.full.find(term) {
            let first = c.full_at.partition_point(|&o| o <= b) - 1;
            let last = c.full_at.partition_point(|&o| o < b + term.len()) - 1;
            out.push(first..last + 1);
        }
    }
    out.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::new();
    for r in out {
        match merged.last_mut() {
            Some(m) if r.start <= m.end => m.end = m.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

fn find_chars(hay: &[char], needle: &[char]) -> Option<Range<usize>> {
    if needle.is_empty() || needle.len() > hay.len() {
        return None;
    }
    (0..=hay.len() - needle.len())
        .find(|&i| hay[i..i + needle.len()] == *needle)
        .map(|i| i..i + needle.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_simplified_initials_and_pinyin() {
        let t = "市教育局關於校舍安全工作的請示";
        assert_eq!(spans(t, "校舍"), vec![6..8]);
        assert_eq!(spans(t, "请示"), vec![13..15]);
        assert_eq!(spans(t, "xsaq"), vec![6..10]);
        assert_eq!(spans(t, "anquan"), vec![8..10]);
        assert_eq!(spans(t, "教育 請示"), vec![1..3, 13..15]);
        assert!(spans(t, "停車").is_empty());
    }

    #[test]
    fn digits_and_merging() {
        assert_eq!(spans("0571-8765 1234", "1234"), vec![10..14]);
        assert_eq!(spans("張三", "zs zhang"), vec![0..2]);
    }
}
