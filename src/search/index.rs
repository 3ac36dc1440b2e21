//! The in-memory search index. Every searchable thing is one entry whose
//! folded text, pinyin, initials and digits sit in one contiguous buffer, so
//! a query term is one `memmem` pass over the buffer rather than a loop over
//! entries. Replaced entries leave dead bytes that are compacted away when
//! they pass half the buffer.

use std::collections::HashMap;

use memchr::memmem;

use crate::model::{Classification, Kind};

use super::blocks::{Blocks, Grams, BLOCK_ENTRIES, CHUNK_BLOCKS};
use super::fold::{digits, fold, is_cjk, pinyin_forms};
use super::holders::ExactKeys;
use super::query::{self, fragment_keys, Term};

/// What an entry stands for.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    /// A work item.
    Item(u64),
    /// A unit of the directory, by key.
    Unit(String),
    /// A person of the directory.
    Person(u64),
}

/// What to index for one target.
#[derive(Debug, Clone)]
pub struct DocInput {
    /// What it stands for.
    pub target: Target,
    /// The item's kind (none for directory entries).
    pub kind: Option<Kind>,
    /// Who may see it.
    pub level: Classification,
    /// Open items rank before closed ones.
    pub open: bool,
    /// Recent before old.
    pub updated: i64,
    /// Identifiers quoted whole (code, 文號, 來文字號): an exact match ranks first.
    pub exact: Vec<String>,
    /// Chinese text matched as written, in pinyin and in initials (title, names).
    pub text: Vec<String>,
    /// Text matched only as written (references, notes).
    pub plain: Vec<String>,
    /// Phone numbers, matched on any run of their digits.
    pub phones: Vec<String>,
}

/// A document with its text folded, its pinyin worked out and its keys
/// hashed: all of [`Index::upsert`] that does not touch the index.
#[derive(Debug, Clone)]
pub struct Prepared {
    shape: Shape,
    /// The entry's text as the index holds it, separators included.
    bytes: Vec<u8>,
}

/// An entry but for where its text lies in the index.
#[derive(Debug, Clone)]
struct Shape {
    target: Target,
    kind: Option<Kind>,
    level: Classification,
    open: bool,
    updated: i64,
    /// How many bytes of its text are matched as written (pinyin and phones follow).
    text_len: usize,
    keys: Box<[u64]>,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// What matched.
    pub target: Target,
    /// Its kind.
    pub kind: Option<Kind>,
    /// A whole identifier matched.
    pub exact: bool,
    /// Higher is better; from where and how the terms matched.
    pub quality: u32,
    /// Found only by tolerating a typo (a homophone, or one wrong character).
    pub fuzzy: bool,
}

/// One indexed target: its ranking facts and where its text sits in the buffer.
#[derive(Debug)]
pub(super) struct Entry {
    pub(super) target: Target,
    pub(super) kind: Option<Kind>,
    pub(super) level: Classification,
    pub(super) open: bool,
    pub(super) updated: i64,
    /// Hashes of its whole identifiers (see `key_hash`), to unlist it on removal.
    keys: Box<[u64]>,
    start: usize,
    /// End of the folded text section (matches there rank higher than in pinyin).
    text_end: usize,
    end: usize,
    alive: bool,
}

/// The index. Not thread-safe by itself; `Core` keeps it behind a lock.
#[derive(Debug, Default)]
pub struct Index {
    /// Every entry's text, entries in order of `updated` (oldest first) once settled.
    buf: Vec<u8>,
    pub(super) entries: Vec<Entry>,
    by_target: HashMap<Target, usize>,
    /// Whole identifiers (codes, 文號, names, phone endings of people) → who carries them.
    exact_keys: ExactKeys,
    /// Which runs of entries can hold a needle (see `blocks`).
    blocks: Blocks,
    dead_bytes: usize,
    /// An entry was added out of `updated` order; `settle` re-sorts.
    unsorted: bool,
}

/// Who searches and among what: a user's clearance, and the kinds asked
/// for (all, and the directory, when none are given).
#[derive(Debug, Clone, Copy)]
pub(super) struct Scope<'a> {
    pub(super) clearance: Classification,
    pub(super) kinds: Option<&'a [Kind]>,
}

/// Most results one search returns.
pub const MAX_RESULTS: usize = 1000;
/// Most passes over the index text one search makes: two for the query
/// (a term typed with dashes is scanned for with and without them), two for
/// its sound, two for each of `fuzzy::MAX_TYPO_TERMS` terms read with a typo.
pub const MAX_SCANS: usize = 4 + 2 * super::fuzzy::MAX_TYPO_TERMS;

const SEP: u8 = 0;

/// Whole identifiers are kept as 64-bit hashes: a collision could only
/// promote an entry that matches every term anyway, and strings would
/// double the index's memory.
fn key_hash(s: &str) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h =
        std::hash::BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default()
            .build_hasher();
    h.write(s.as_bytes());
    h.finish()
}

/// The endings (4 digits and more) of a directory entry's phone numbers: a
/// caller read out as `…1234` is an identity match for the person.
fn phone_keys(kind: Option<Kind>, phones: &[String]) -> Vec<String> {
    if kind.is_some() {
        return vec![];
    }
    phones
        .iter()
        .flat_map(|p| (0..=p.len().saturating_sub(4)).map(move |i| p[i..].to_string()))
        .collect()
}

impl Index {
    /// An empty index.
    pub fn new() -> Self {
        Self::default()
    }

    /// Live entries.
    pub fn len(&self) -> usize {
        self.by_target.len()
    }

    /// No live entries.
    pub fn is_empty(&self) -> bool {
        self.by_target.is_empty()
    }

    /// The live entries' targets in the order they are laid out (tests of
    /// how a bulk load files its documents).
    #[cfg(test)]
    pub(crate) fn entry_targets(&self) -> Vec<&Target> {
        self.entries
            .iter()
            .filter(|e| e.alive)
            .map(|e| &e.target)
            .collect()
    }

    /// Bytes of folded text held (for the memory figures in docs/performance.md).
    pub fn text_bytes(&self) -> usize {
        self.buf.len()
    }

    /// Bytes of the block filters that let a scan skip text (see `blocks`).
    pub fn filter_bytes(&self) -> usize {
        self.blocks.bytes()
    }

    /// Adds or replaces the entry of `d.target`.
    pub fn upsert(&mut self, d: DocInput) {
        self.remove(&d.target);
        let start = self.buf.len();
        let shape = write_doc(&mut self.buf, d);
        self.finish(shape, start);
    }

    /// The text, pinyin and keys of a document, worked out without the
    /// index: a bulk write prepares its documents on another core while the
    /// store writes, and only [`Index::insert`] needs the index.
    pub fn prepare(d: DocInput) -> Prepared {
        let mut bytes = Vec::new();
        let shape = write_doc(&mut bytes, d);
        Prepared { shape, bytes }
    }

    /// Adds a prepared document, replacing the target's entry if it has one.
    pub fn insert(&mut self, d: Prepared) {
        self.remove(&d.shape.target);
        let start = self.buf.len();
        self.buf.extend_from_slice(&d.bytes);
        self.finish(d.shape, start);
    }

    /// Files the entry whose text was just written to `buf` from `start`.
    fn finish(&mut self, d: Shape, start: usize) {
        let end = self.buf.len();
        for k in d.keys.iter() {
            self.exact_keys.add(*k, &d.target);
        }
        // Live writes arrive newest last; only an import of older records
        // (more than a minute out of order) is worth re-sorting the index for.
        if self
            .entries
            .last()
            .is_some_and(|l| l.updated > d.updated + 60)
        {
            self.unsorted = true;
        }
        self.blocks.add(self.entries.len(), &self.buf[start..end]);
        self.by_target.insert(d.target.clone(), self.entries.len());
        self.entries.push(Entry {
            target: d.target,
            kind: d.kind,
            level: d.level,
            open: d.open,
            updated: d.updated,
            keys: d.keys,
            start,
            text_end: start + d.text_len,
            end,
            alive: true,
        });
    }

    /// Drops the entry of `t`, if any.
    pub fn remove(&mut self, t: &Target) {
        if let Some(i) = self.by_target.remove(t) {
            let e = &mut self.entries[i];
            e.alive = false;
            self.dead_bytes += e.end - e.start;
            for k in e.keys.iter() {
                self.exact_keys.remove(*k, t);
            }
            if self.dead_bytes > 1 << 16 && self.dead_bytes * 2 > self.buf.len() {
                self.compact();
            }
        }
    }

    /// Puts entries back in `updated` order after an import of older records,
    /// and drops the text of replaced entries. Call after a batch of upserts.
    pub fn settle(&mut self) {
        if self.unsorted {
            self.compact();
        }
    }

    fn compact(&mut self) {
        let mut live: Vec<Entry> = std::mem::take(&mut self.entries)
            .into_iter()
            .filter(|e| e.alive)
            .collect();
        live.sort_by_key(|e| e.updated);
        let mut buf = Vec::with_capacity(self.buf.len() - self.dead_bytes);
        let mut entries = Vec::with_capacity(live.len());
        self.by_target.clear();
        self.blocks.clear();
        for mut e in live {
            let start = buf.len();
            buf.extend_from_slice(&self.buf[e.start..e.end]);
            self.blocks.add(entries.len(), &buf[start..]);
            e.text_end = start + (e.text_end - e.start);
            e.end = start + (e.end - e.start);
            e.start = start;
            self.by_target.insert(e.target.clone(), entries.len());
            entries.push(e);
        }
        self.buf = buf;
        self.entries = entries;
        self.dead_bytes = 0;
        self.unsorted = false;
    }

    /// Entries matching every term of `query` that a user of `clearance` may
    /// see, best first, at most `limit` (capped at `MAX_RESULTS`).
    /// Terms are separated by white space; each must occur somewhere in the
    /// entry (as written, in pinyin, as initials, as digits). When nothing
    /// matches, typos are tolerated (see `search_fuzzy`); such hits are
    /// marked `fuzzy`.
    pub fn search(&self, query: &str, clearance: Classification, limit: usize) -> Vec<Hit> {
        self.search_counted(query, clearance, limit).0
    }

    /// `search` among entries of `kinds` only: a tab's `/` wants its own
    /// kinds, and filtering inside the scan stops it once it has `limit` of
    /// them instead of after `limit` of every kind.
    pub fn search_kinds(
        &self,
        query: &str,
        clearance: Classification,
        kinds: &[Kind],
        limit: usize,
    ) -> Vec<Hit> {
        let scope = Scope {
            clearance,
            kinds: Some(kinds),
        };
        self.search_in(query, &scope, limit).0
    }

    /// `search`, also saying how much work it took. Every query costs at
    /// most `MAX_SCANS` passes over the index text, however long it is and
    /// whether or not it matches.
    pub fn search_counted(
        &self,
        query: &str,
        clearance: Classification,
        limit: usize,
    ) -> (Vec<Hit>, Work) {
        let scope = Scope {
            clearance,
            kinds: None,
        };
        self.search_in(query, &scope, limit)
    }

    fn search_in(&self, query: &str, scope: &Scope, limit: usize) -> (Vec<Hit>, Work) {
        let mut work = Work::default();
        let limit = limit.min(MAX_RESULTS);
        let terms = query::terms(query);
        if terms.is_empty() || limit == 0 {
            return (vec![], work);
        }
        let hits = self.search_terms(&terms, scope, limit, &mut work);
        if !hits.is_empty() {
            return (hits, work);
        }
        let hits = self.search_fuzzy(&terms, scope, limit, &mut work);
        (hits, work)
    }

    /// Whether an entry may be shown to a user of the scope's clearance,
    /// and is of its kinds.
    pub(super) fn visible(&self, e: &Entry, scope: &Scope) -> bool {
        e.alive
            && e.level <= scope.clearance
            && scope
                .kinds
                .is_none_or(|ks| e.kind.is_some_and(|k| ks.contains(&k)))
    }

    /// The text of an entry.
    pub(super) fn hay(&self, e: &Entry) -> &[u8] {
        &self.buf[e.start..e.end]
    }

    /// Entries matching every term, ranked: whole identifiers first, then
    /// open items newest first, then closed ones. The scan runs backwards
    /// from the newest entry and stops once `limit` open matches are found,
    /// so a query that matches everything costs as little as one that
    /// matches a few.
    pub(super) fn search_terms(
        &self,
        terms: &[Term],
        scope: &Scope,
        limit: usize,
        work: &mut Work,
    ) -> Vec<Hit> {
        if terms.is_empty() || limit == 0 {
            return vec![];
        }
        let finders = Finders::new(terms);
        let mut exact: Vec<usize> = terms
            .iter()
            .flat_map(|t| t.exact_keys.iter())
            .flat_map(|k| self.exact_keys.get(key_hash(k)))
            .filter_map(|t| self.by_target.get(t).copied())
            .filter(|&i| {
                let e = &self.entries[i];
                self.visible(e, scope) && finders.all(self.hay(e))
            })
            .collect();
        exact.sort_unstable();
        exact.dedup();

        // Scan for the term held by the fewest blocks (the block filters
        // say, a pass over them that costs next to nothing), longest first
        // among equals.
        let scan_by = if terms.len() == 1 {
            &terms[0]
        } else {
            terms
                .iter()
                .min_by_key(|t| (self.blocks_holding(t), std::cmp::Reverse(t.shortest())))
                .expect("a term")
        };
        let needles: Vec<&[u8]> = scan_by.needles.iter().map(|n| n.as_bytes()).collect();
        let (mut open, mut closed) = (vec![], vec![]);
        self.scan(&needles, work, |i, e| {
            if !self.visible(e, scope)
                || exact.binary_search(&i).is_ok()
                || !finders.all(self.hay(e))
            {
                return Step::Next;
            }
            if e.open {
                open.push(i);
                if open.len() >= limit {
                    return Step::Stop;
                }
            } else if closed.len() < limit {
                closed.push(i);
            }
            Step::Next
        });
        let quality = |i: usize| self.quality(&self.entries[i], terms);
        let mut hits = self.rank(exact, true, quality);
        hits.extend(self.rank(open, false, quality));
        hits.extend(self.rank(closed, false, quality));
        hits.truncate(limit);
        hits
    }

    /// Offers `visit` every entry whose text holds any of `needles`, newest
    /// first, until it says `Stop`. Each needle is one pass over the index,
    /// from the newest block of entries back; a block whose filter rules the
    /// needle out is skipped, the others are searched forwards (memchr's
    /// SIMD search is forward-only).
    pub(super) fn scan(
        &self,
        needles: &[&[u8]],
        work: &mut Work,
        mut visit: impl FnMut(usize, &Entry) -> Step,
    ) {
        work.scans += needles.len();
        let finders: Vec<(memmem::Finder, Grams)> = needles
            .iter()
            .map(|n| (memmem::Finder::new(n), Grams::of(n)))
            .collect();
        let blocks = self.entries.len().div_ceil(BLOCK_ENTRIES);
        let mut found = Vec::new();
        let mut masks = vec![0u64; finders.len()];
        for chunk in (0..blocks.div_ceil(CHUNK_BLOCKS)).rev() {
            let mut any = 0;
            for (m, (_, grams)) in masks.iter_mut().zip(&finders) {
                *m = self.blocks.candidates(chunk, grams);
                any |= *m;
            }
            while any != 0 {
                // Newest block of the chunk first.
                let j = 63 - any.leading_zeros() as usize;
                any &= !(1 << j);
                let lo = (chunk * CHUNK_BLOCKS + j) * BLOCK_ENTRIES;
                if lo >= self.entries.len() {
                    continue;
                }
                let hi = (lo + BLOCK_ENTRIES).min(self.entries.len());
                let end = self.entries[hi - 1].end;
                found.clear();
                let mut searched = 0;
                for (m, (scan, _)) in masks.iter().zip(&finders) {
                    if m & (1 << j) == 0 {
                        continue;
                    }
                    searched += 1;
                    work.blocks_read += 1;
                    let mut from = self.entries[lo].start;
                    let mut i = lo;
                    while let Some(off) = scan.find(&self.buf[from..end]) {
                        let pos = from + off;
                        while self.entries[i].end <= pos {
                            i += 1;
                        }
                        from = self.entries[i].end;
                        found.push(i);
                        if from >= end {
                            break;
                        }
                    }
                }
                if searched > 1 {
                    found.sort_unstable();
                    found.dedup();
                }
                for &i in found.iter().rev() {
                    work.checked += 1;
                    if visit(i, &self.entries[i]) == Step::Stop {
                        return;
                    }
                }
            }
        }
    }

    /// How many blocks of entries may hold one of a term's forms.
    fn blocks_holding(&self, t: &Term) -> usize {
        let grams: Vec<Grams> = t.needles.iter().map(|n| Grams::of(n.as_bytes())).collect();
        let blocks = self.entries.len().div_ceil(BLOCK_ENTRIES);
        (0..blocks.div_ceil(CHUNK_BLOCKS))
            .map(|c| {
                let any = grams
                    .iter()
                    .fold(0, |m, g| m | self.blocks.candidates(c, g));
                any.count_ones() as usize
            })
            .sum()
    }

    /// Hits of entries, open before closed, newest first, then by quality.
    fn rank(&self, v: Vec<usize>, is_exact: bool, quality: impl Fn(usize) -> u32) -> Vec<Hit> {
        let mut v: Vec<(Hit, bool, i64)> = v
            .into_iter()
            .map(|i| {
                let e = &self.entries[i];
                (self.hit(e, is_exact, quality(i)), e.open, e.updated)
            })
            .collect();
        v.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then(b.2.cmp(&a.2))
                .then(b.0.quality.cmp(&a.0.quality))
                .then(a.0.target.cmp(&b.0.target))
        });
        v.into_iter().map(|h| h.0).collect()
    }

    /// The hit of an entry.
    pub(super) fn hit(&self, e: &Entry, exact: bool, quality: u32) -> Hit {
        Hit {
            target: e.target.clone(),
            kind: e.kind,
            exact,
            quality,
            fuzzy: false,
        }
    }

    /// How well the terms match an entry: in the written text rather than in
    /// pinyin, at the start of a field, or as the whole field (the best of a
    /// term's forms counts).
    pub(super) fn quality(&self, e: &Entry, terms: &[Term]) -> u32 {
        terms
            .iter()
            .map(|t| {
                t.needles
                    .iter()
                    .map(|n| self.needle_quality(e, n.as_bytes()))
                    .max()
                    .unwrap_or(0)
            })
            .sum()
    }

    /// How well one needle matches an entry (0: not at all).
    pub(super) fn needle_quality(&self, e: &Entry, tb: &[u8]) -> u32 {
        let hay = self.hay(e);
        let Some(p) = memmem::find(hay, tb) else {
            return 0;
        };
        let mut quality = if e.start + p < e.text_end { 4 } else { 2 };
        if p == 0 || hay[p - 1] == SEP {
            quality += 2;
            let after = p + tb.len();
            if after == hay.len() || hay[after] == SEP {
                quality += 4;
            }
        }
        quality
    }
}

/// How much work a search took (so tests can bound it without timing it).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Work {
    /// Passes over the index text, one per needle scanned for.
    pub scans: usize,
    /// Entries found by those passes and checked against the whole query.
    pub checked: usize,
    /// Blocks of entries whose text a pass read (the others the block
    /// filters ruled out).
    pub blocks_read: usize,
}

/// What a scan does after offering an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Step {
    /// Go on.
    Next,
    /// Enough.
    Stop,
}

/// The compiled needles of a query's terms.
pub(super) struct Finders<'a>(Vec<Vec<memmem::Finder<'a>>>);

impl<'a> Finders<'a> {
    /// Finders for every form of every term.
    pub(super) fn new(terms: &'a [Term]) -> Self {
        Finders(
            terms
                .iter()
                .map(|t| {
                    t.needles
                        .iter()
                        .map(|n| memmem::Finder::new(n.as_bytes()))
                        .collect()
                })
                .collect(),
        )
    }

    /// Every term occurs (in one of its forms) in `hay`.
    pub(super) fn all(&self, hay: &[u8]) -> bool {
        self.0
            .iter()
            .all(|forms| forms.iter().any(|f| f.find(hay).is_some()))
    }
}

/// Appends a document's text (as written, then pinyin and phones) to
/// `buf` and works out its keys: the one encoding of [`Index::upsert`]
/// and [`Index::prepare`].
fn write_doc(buf: &mut Vec<u8>, d: DocInput) -> Shape {
    let start = buf.len();
    let push = |buf: &mut Vec<u8>, s: &str| {
        if !s.is_empty() {
            buf.extend_from_slice(s.as_bytes());
            buf.push(SEP);
        }
    };
    let mut exact = Vec::with_capacity(d.exact.len());
    for e in &d.exact {
        let f = fold(e);
        // A name is also quoted by its pinyin and initials (王建國: wangjianguo, wjg).
        if d.kind.is_none() && f.chars().any(is_cjk) {
            let (full, initials) = pinyin_forms(&f);
            exact.push(full);
            exact.push(initials);
        }
        push(buf, &f);
        // Codes are also findable without their zero padding: 發2026-0012 → 2026-12.
        if let Some((head, n)) = f.rsplit_once('-') {
            let trimmed = n.trim_start_matches('0');
            if trimmed.len() != n.len() && !trimmed.is_empty() {
                push(buf, &format!("{head}-{trimmed}"));
            }
        }
        // A 文號 is also quoted without its 機關代字, and by its number alone.
        exact.extend(fragment_keys(&f));
        exact.push(f);
    }
    let mut pinyin = Vec::with_capacity(d.text.len());
    for t in &d.text {
        let f = fold(t);
        push(buf, &f);
        pinyin.push(pinyin_forms(&f));
    }
    for p in &d.plain {
        push(buf, &fold(p));
    }
    let text_end = buf.len();
    for (full, initials) in &pinyin {
        push(buf, full);
        push(buf, initials);
    }
    for p in &d.phones {
        push(buf, &fold(p));
        push(buf, &digits(p));
    }
    let phone_digits: Vec<String> = d
        .phones
        .iter()
        .map(|p| digits(p))
        .filter(|p| p.len() >= 4)
        .collect();
    let mut keys: Vec<u64> = exact
        .iter()
        .chain(phone_keys(d.kind, &phone_digits).iter())
        .map(|k| key_hash(k))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    Shape {
        target: d.target,
        kind: d.kind,
        level: d.level,
        open: d.open,
        updated: d.updated,
        text_len: text_end - start,
        keys: keys.into_boxed_slice(),
    }
}
