//! Typo tolerance, for a query that matches nothing as typed: a Chinese
//! word is tried by its sound (a homophone the input method picked), then a
//! word is read with one typo — a missing space, or one wrong, missing or
//! extra character. The work is bounded: the sound is one search, and at
//! most `MAX_TYPO_TERMS` words are read with a typo, each in at most two
//! passes over the index text however long the word is.

use std::collections::HashMap;
use std::ops::RangeInclusive;

use memchr::memmem;

use crate::model::Classification;

use super::fold::{is_cjk, pinyin_forms};
use super::index::{Finders, Hit, Index, Work};
use super::query::Term;

/// At most this many words of a query are read with a typo (the longest).
pub const MAX_TYPO_TERMS: usize = 2;

/// Shorter words are too unselective to read with a typo; longer ones are
/// pasted, not typed.
const TYPO_CHARS: RangeInclusive<usize> = 4..=24;

impl Index {
    /// Hits for a query that matched nothing as typed, marked `fuzzy`.
    pub(super) fn search_fuzzy(
        &self,
        terms: &[Term],
        clearance: Classification,
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
            let mut h = self.search_terms(&sounds, clearance, limit, work);
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
        let mut best: HashMap<usize, u32> = HashMap::new();
        for j in typo {
            for (i, q) in self.typo_matches(terms, j, clearance, limit, work) {
                let b = best.entry(i).or_insert(0);
                *b = (*b).max(q);
            }
        }
        let mut v: Vec<(usize, u32)> = best.into_iter().collect();
        v.sort_by(|a, b| {
            let (ea, eb) = (&self.entries[a.0], &self.entries[b.0]);
            b.1.cmp(&a.1)
                .then(eb.open.cmp(&ea.open))
                .then(eb.updated.cmp(&ea.updated))
                .then(ea.target.cmp(&eb.target))
        });
        v.truncate(limit);
        v.into_iter()
            .map(|(i, q)| Hit {
                fuzzy: true,
                ..self.hit(&self.entries[i], false, q)
            })
            .collect()
    }

    /// Entries (and their match quality) that hold every term but the
    /// `j`th, and the `j`th read with one typo: split in two at some place
    /// (a missing space), or with one character left out there (wrong,
    /// missing or extra); each part of two characters or more must occur.
    ///
    /// Every such reading holds the first or the second half of the word
    /// whole, so one scan for each half (or one for another, longer word of
    /// the query) finds every candidate.
    fn typo_matches(
        &self,
        terms: &[Term],
        j: usize,
        clearance: Classification,
        limit: usize,
        work: &mut Work,
    ) -> Vec<(usize, u32)> {
        let chars: Vec<char> = terms[j].text.chars().collect();
        let n = chars.len();
        let part = |a: usize, b: usize| -> Option<String> {
            (b >= a + 2).then(|| chars[a..b].iter().collect())
        };
        let mut readings: Vec<Vec<String>> = (1..n)
            .map(|p| [part(0, p), part(p, n)])
            .chain((0..n).map(|p| [part(0, p), part(p + 1, n)]))
            .map(|r| r.into_iter().flatten().collect::<Vec<String>>())
            .filter(|r| !r.is_empty())
            .collect();
        readings.sort();
        readings.dedup();
        let reading_finders: Vec<Vec<memmem::Finder>> = readings
            .iter()
            .map(|r| {
                r.iter()
                    .map(|p| memmem::Finder::new(p.as_bytes()))
                    .collect()
            })
            .collect();
        let others: Vec<Term> = terms
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != j)
            .map(|(_, t)| t.clone())
            .collect();
        let other_finders = Finders::new(&others);

        let h = n / 2;
        let halves: [String; 2] = [chars[..h].iter().collect(), chars[h..].iter().collect()];
        let shorter_half = halves.iter().map(String::len).min().unwrap_or(0);
        let needles: Vec<&[u8]> = match others
            .iter()
            .filter(|t| t.needles.len() == 1 && t.shortest() >= shorter_half)
            .max_by_key(|t| t.shortest())
        {
            Some(t) => vec![t.needles[0].as_bytes()],
            None => halves.iter().map(|s| s.as_bytes()).collect(),
        };

        let mut out = vec![];
        self.scan(&needles, limit, work, |i, e| {
            if !self.visible(e, clearance) {
                return false;
            }
            let hay = self.hay(e);
            if !other_finders.all(hay) {
                return false;
            }
            let q = readings
                .iter()
                .zip(&reading_finders)
                .filter(|(_, fs)| fs.iter().all(|f| f.find(hay).is_some()))
                .map(|(r, _)| {
                    r.iter()
                        .map(|p| self.needle_quality(e, p.as_bytes()))
                        .sum::<u32>()
                })
                .max();
            match q {
                Some(q) => {
                    out.push((i, q + self.quality(e, &others)));
                    true
                }
                None => false,
            }
        });
        out
    }
}
