//! Typo tolerance, for a query that matches nothing as typed: a Chinese
//! word is tried by its sound (a homophone the input method picked), then a
//! word is read with one typo — a missing space, or one wrong, missing or
//! extra character. The work is bounded: the sound is one search, and at
//! most `MAX_TYPO_TERMS` words are read with a typo, each in at most two
//! passes over the index text however long the word is, checking at most
//! `MAX_TYPO_CANDIDATES` entries.

use std::collections::HashMap;
use std::ops::RangeInclusive;

use memchr::memmem;

use super::fold::{is_cjk, pinyin_forms};
use super::index::{Entry, Finders, Hit, Index, Scope, Step, Work};
use super::query::Term;

/// At most this many words of a query are read with a typo (the longest).
pub const MAX_TYPO_TERMS: usize = 2;

/// At most this many entries (the newest that hold half the word) are
/// checked for one word read with a typo.
pub const MAX_TYPO_CANDIDATES: usize = 20_000;

/// Shorter words are too unselective to read with a typo; longer ones are
/// pasted, not typed.
const TYPO_CHARS: RangeInclusive<usize> = 4..=24;

/// A fuzzy match: the entry, how many of the word's characters it holds,
/// and how well they match.
#[derive(Debug, Clone, Copy)]
struct TypoMatch {
    entry: usize,
    covered: usize,
    quality: u32,
}

impl Index {
    /// Hits for a query that matched nothing as typed, marked `fuzzy`.
    pub(super) fn search_fuzzy(
        &self,
        terms: &[Term],
        scope: &Scope,
        limit: usize,
        work: &mut Work,
    ) -> Vec<Hit> {
        // A homophone: the same sound, another character (停車男 for 停車難).
        let sounds: Vec<Term> = terms
            .iter()
            .map(|t| {
                if t.text.chars().any(is_cjk) {
                    Term::new(&pinyin_forms(&t.text).0)
                } else {
                    t.clone()
                }
            })
            .collect();
        if sounds != terms {
            let mut h = self.search_terms(&sounds, scope, limit, work);
            if !h.is_empty() {
                h.iter_mut().for_each(|h| h.fuzzy = true);
                return h;
            }
        }

        let mut typo: Vec<usize> = (0..terms.len())
            .filter(|&j| TYPO_CHARS.contains(&terms[j].text.chars().count()))
            .collect();
        typo.sort_by_key(|&j| std::cmp::Reverse((terms[j].text.chars().count(), j)));
        typo.truncate(MAX_TYPO_TERMS);
        let mut best: HashMap<usize, TypoMatch> = HashMap::new();
        for j in typo {
            for m in self.typo_matches(terms, j, scope, limit, work) {
                let b = best.entry(m.entry).or_insert(m);
                if (m.covered, m.quality) > (b.covered, b.quality) {
                    *b = m;
                }
            }
        }
        let mut v: Vec<TypoMatch> = best.into_values().collect();
        v.sort_by(|a, b| {
            let (ea, eb) = (&self.entries[a.entry], &self.entries[b.entry]);
            b.covered
                .cmp(&a.covered)
                .then(b.quality.cmp(&a.quality))
                .then(eb.open.cmp(&ea.open))
                .then(eb.updated.cmp(&ea.updated))
                .then(ea.target.cmp(&eb.target))
        });
        v.truncate(limit);
        v.into_iter()
            .map(|m| Hit {
                fuzzy: true,
                ..self.hit(&self.entries[m.entry], false, m.quality)
            })
            .collect()
    }

    /// Entries that hold every term but the `j`th, and the `j`th read with
    /// one typo: split in two at some place (a missing space), or with one
    /// character left out there (wrong, missing or extra); each part of two
    /// characters or more must occur. Entries holding more of the word rank
    /// first.
    ///
    /// Every such reading holds the first or the second half of the word
    /// whole, so one scan for each half (or one for another, longer word of
    /// the query) finds every candidate. A candidate is checked by the
    /// longest start and the longest end of the word it holds (`Ends`), a
    /// few searches of its text however long the word.
    fn typo_matches(
        &self,
        terms: &[Term],
        j: usize,
        scope: &Scope,
        limit: usize,
        work: &mut Work,
    ) -> Vec<TypoMatch> {
        let word = Ends::new(&terms[j].text);
        let n = word.len();
        let others: Vec<Term> = terms
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != j)
            .map(|(_, t)| t.clone())
            .collect();
        let other_finders = Finders::new(&others);

        let halves = [word.start(n / 2), word.end(n - n / 2)];
        let shorter_half = halves.iter().map(|h| h.len()).min().unwrap_or(0);
        let needles: Vec<&[u8]> = match others
            .iter()
            .filter(|t| t.needles.len() == 1 && t.shortest() >= shorter_half)
            .max_by_key(|t| t.shortest())
        {
            Some(t) => vec![t.needles[0].as_bytes()],
            None => halves.to_vec(),
        };

        let mut out = vec![];
        let mut strong = 0;
        let mut checked = 0;
        self.scan(&needles, work, |i, e| {
            if strong >= limit || checked >= MAX_TYPO_CANDIDATES {
                return Step::Stop;
            }
            if !self.visible(e, scope) {
                return Step::Next;
            }
            checked += 1;
            let hay = self.hay(e);
            if !other_finders.all(hay) {
                return Step::Next;
            }
            let Some((covered, quality)) = word.best_reading(self, e) else {
                return Step::Next;
            };
            // Open matches missing at most one character stop the scan once
            // there are enough of them; weaker ones are kept but scanned past.
            if covered + 1 >= n && e.open {
                strong += 1;
            }
            out.push(TypoMatch {
                entry: i,
                covered,
                quality: quality + self.quality(e, &others),
            });
            Step::Next
        });
        out
    }
}

/// A word cut at every character, to find the longest start and the longest
/// end of it that an entry holds.
struct Ends<'w> {
    word: &'w str,
    /// Byte offset of every character, and the word's length at the end.
    at: Vec<usize>,
    /// Finders of the first k characters, k = 2..n (index k).
    starts: Vec<Option<memmem::Finder<'w>>>,
    /// Finders of the last k characters, k = 2..n (index k).
    ends: Vec<Option<memmem::Finder<'w>>>,
}

impl<'w> Ends<'w> {
    fn new(word: &'w str) -> Self {
        let mut at: Vec<usize> = word.char_indices().map(|(i, _)| i).collect();
        at.push(word.len());
        let n = at.len() - 1;
        let starts = (0..=n)
            .map(|k| (k >= 2).then(|| memmem::Finder::new(&word[..at[k]])))
            .collect();
        let ends = (0..=n)
            .map(|k| (k >= 2).then(|| memmem::Finder::new(&word[at[n - k]..])))
            .collect();
        Ends {
            word,
            at,
            starts,
            ends,
        }
    }

    /// Characters in the word.
    fn len(&self) -> usize {
        self.at.len() - 1
    }

    /// The first `k` characters' bytes.
    fn start(&self, k: usize) -> &'w [u8] {
        &self.word.as_bytes()[..self.at[k]]
    }

    /// The last `k` characters' bytes.
    fn end(&self, k: usize) -> &'w [u8] {
        &self.word.as_bytes()[self.at[self.len() - k]..]
    }

    /// The most characters, from 2 to `n - 1`, of `finders` that occur in
    /// `hay` (0 if not even two): what occurs shortens monotonically, so a
    /// binary search needs a few finds.
    fn longest(finders: &[Option<memmem::Finder>], hay: &[u8]) -> usize {
        let occurs = |k: usize| finders[k].as_ref().is_some_and(|f| f.find(hay).is_some());
        let most = finders.len().saturating_sub(2);
        if most < 2 || !occurs(2) {
            return 0;
        }
        let (mut lo, mut hi) = (2, most);
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            if occurs(mid) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        lo
    }

    /// The reading of the word with one typo that an entry holds most of:
    /// how many characters it covers, and their match quality.
    fn best_reading(&self, ix: &Index, e: &Entry) -> Option<(usize, u32)> {
        let hay = ix.hay(e);
        let n = self.len();
        let s = Self::longest(&self.starts, hay);
        let t = Self::longest(&self.ends, hay);
        // Parts of one character are not asked for; longer ones must occur.
        let part = |k: usize, held: usize| -> Option<usize> {
            match k {
                0 | 1 => Some(0),
                _ if k <= held => Some(k),
                _ => None,
            }
        };
        let split = (1..n).map(|p| (p, n - p));
        let dropped = (0..n).map(|p| (p, n - p - 1));
        let (a, b) = split
            .chain(dropped)
            .filter_map(|(a, b)| Some((part(a, s)?, part(b, t)?)))
            .filter(|(a, b)| a + b > 0)
            .max_by_key(|(a, b)| a + b)?;
        let q = |bytes: &[u8]| {
            if bytes.is_empty() {
                0
            } else {
                ix.needle_quality(e, bytes)
            }
        };
        Some((a + b, q(self.start(a)) + q(self.end(b))))
    }
}
