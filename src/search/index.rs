//! The in-memory search index. Every searchable thing is one entry whose
//! folded text, pinyin, initials and digits sit in one contiguous buffer, so
//! a query term is one `memmem` pass over the buffer rather than a loop over
//! entries. Replaced entries leave dead bytes that are compacted away when
//! they pass half the buffer.

use std::collections::HashMap;

use memchr::memmem;

use crate::model::{Classification, Kind};

use super::fold::{digits, fold, is_cjk, pinyin_forms};

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

#[derive(Debug)]
struct Entry {
    target: Target,
    kind: Option<Kind>,
    level: Classification,
    open: bool,
    updated: i64,
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
    entries: Vec<Entry>,
    by_target: HashMap<Target, usize>,
    /// Whole identifiers (codes, 文號, names, phone endings of people) → who carries them.
    exact_keys: HashMap<u64, Vec<Target>>,
    dead_bytes: usize,
    /// An entry was added out of `updated` order; `settle` re-sorts.
    unsorted: bool,
}

/// A query longer than this is cut (no clerk types more; it bounds the work).
pub const MAX_QUERY_CHARS: usize = 200;
/// Most results one search returns.
pub const MAX_RESULTS: usize = 1000;

const SEP: u8 = 0;

/// Entries scanned per block, newest block first (about half a megabyte of text).
const SCAN_BLOCK: usize = 2048;

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

    /// Bytes of folded text held (for the memory figures in docs/performance.md).
    pub fn text_bytes(&self) -> usize {
        self.buf.len()
    }

    /// Adds or replaces the entry of `d.target`.
    pub fn upsert(&mut self, d: DocInput) {
        self.remove(&d.target);
        let start = self.buf.len();
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
            push(&mut self.buf, &f);
            // Codes are also findable without their zero padding: 發2026-0012 → 2026-12.
            if let Some((head, n)) = f.rsplit_once('-') {
                let trimmed = n.trim_start_matches('0');
                if trimmed.len() != n.len() && !trimmed.is_empty() {
                    push(&mut self.buf, &format!("{head}-{trimmed}"));
                }
            }
            exact.push(f);
        }
        let mut pinyin = Vec::with_capacity(d.text.len());
        for t in &d.text {
            let f = fold(t);
            push(&mut self.buf, &f);
            pinyin.push(pinyin_forms(&f));
        }
        for p in &d.plain {
            push(&mut self.buf, &fold(p));
        }
        let text_end = self.buf.len();
        for (full, initials) in &pinyin {
            push(&mut self.buf, full);
            push(&mut self.buf, initials);
        }
        for p in &d.phones {
            push(&mut self.buf, &fold(p));
            push(&mut self.buf, &digits(p));
        }
        let end = self.buf.len();
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
        for k in &keys {
            let v = self.exact_keys.entry(*k).or_default();
            if !v.contains(&d.target) {
                v.push(d.target.clone());
            }
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
        self.by_target.insert(d.target.clone(), self.entries.len());
        self.entries.push(Entry {
            target: d.target,
            kind: d.kind,
            level: d.level,
            open: d.open,
            updated: d.updated,
            keys: keys.into_boxed_slice(),
            start,
            text_end,
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
                if let Some(v) = self.exact_keys.get_mut(k) {
                    v.retain(|x| x != t);
                    if v.is_empty() {
                        self.exact_keys.remove(k);
                    }
                }
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
        for mut e in live {
            let start = buf.len();
            buf.extend_from_slice(&self.buf[e.start..e.end]);
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
    /// matches, typos are tolerated: a Chinese term is tried by its sound (a
    /// homophone picked by the input method), then one wrong, missing or
    /// extra character in a term; such hits are marked `fuzzy`.
    pub fn search(&self, query: &str, clearance: Classification, limit: usize) -> Vec<Hit> {
        let limit = limit.min(MAX_RESULTS);
        let q: String = query.chars().take(MAX_QUERY_CHARS).collect();
        let q = fold(&q);
        let terms: Vec<&str> = q.split_whitespace().collect();
        if terms.is_empty() || limit == 0 {
            return vec![];
        }
        let hits = self.search_terms(&terms, clearance, limit);
        if !hits.is_empty() {
            return hits;
        }
        self.search_fuzzy(&terms, clearance, limit)
    }

    fn search_fuzzy(&self, terms: &[&str], clearance: Classification, limit: usize) -> Vec<Hit> {
        let fuzzy = |mut v: Vec<Hit>| {
            v.iter_mut().for_each(|h| h.fuzzy = true);
            v
        };
        // A homophone: the same sound, another character (停車男 for 停車難).
        let sounds: Vec<String> = terms
            .iter()
            .map(|t| {
                if t.chars().any(is_cjk) {
                    pinyin_forms(t).0
                } else {
                    t.to_string()
                }
            })
            .collect();
        if sounds.iter().zip(terms).any(|(a, b)| a != b) {
            let s: Vec<&str> = sounds.iter().map(String::as_str).collect();
            let h = self.search_terms(&s, clearance, limit);
            if !h.is_empty() {
                return fuzzy(h);
            }
        }
        // One wrong, missing or extra character: split a term around it and
        // ask for both halves. Only for terms long enough to stay selective.
        let mut out: Vec<Hit> = vec![];
        for (j, t) in terms.iter().enumerate() {
            let chars: Vec<char> = t.chars().collect();
            if chars.len() < 4 || chars.len() > 24 {
                continue;
            }
            for p in 0..chars.len() {
                let left: String = chars[..p].iter().collect();
                let right: String = chars[p + 1..].iter().collect();
                let mut v: Vec<&str> = terms
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != j)
                    .map(|(_, t)| *t)
                    .collect();
                v.extend(
                    [left.as_str(), right.as_str()]
                        .into_iter()
                        .filter(|s| s.chars().count() >= 2),
                );
                for h in self.search_terms(&v, clearance, limit) {
                    if !out.iter().any(|o| o.target == h.target) {
                        out.push(h);
                    }
                }
            }
        }
        out.sort_by(|a, b| b.quality.cmp(&a.quality).then(a.target.cmp(&b.target)));
        out.truncate(limit);
        fuzzy(out)
    }

    /// Entries matching every (already folded) term, ranked: whole
    /// identifiers first, then open items newest first, then closed ones.
    /// The scan runs backwards from the newest entry and stops once `limit`
    /// open matches are found, so a query that matches everything costs as
    /// little as one that matches a few.
    fn search_terms(&self, terms: &[&str], clearance: Classification, limit: usize) -> Vec<Hit> {
        if terms.is_empty() || limit == 0 {
            return vec![];
        }
        let first = *terms.iter().max_by_key(|t| t.len()).expect("a term");
        let finders: Vec<memmem::Finder> = terms
            .iter()
            .map(|t| memmem::Finder::new(t.as_bytes()))
            .collect();
        let visible = |e: &Entry| e.alive && e.level <= clearance;
        let all_terms = |e: &Entry| {
            let hay = &self.buf[e.start..e.end];
            finders.iter().all(|f| f.find(hay).is_some())
        };

        let mut exact: Vec<usize> = terms
            .iter()
            .filter_map(|t| self.exact_keys.get(&key_hash(t)))
            .flatten()
            .filter_map(|t| self.by_target.get(t).copied())
            .filter(|&i| visible(&self.entries[i]) && all_terms(&self.entries[i]))
            .collect();
        exact.sort_unstable();
        exact.dedup();

        // Blocks of entries from the newest back; each block is scanned forwards
        // (memchr's SIMD search is forward-only), its matches taken newest first.
        let scan = memmem::Finder::new(first.as_bytes());
        let (mut open, mut closed) = (Vec::new(), Vec::new());
        let mut hi = self.entries.len();
        'blocks: while hi > 0 {
            let lo = hi.saturating_sub(SCAN_BLOCK);
            let end = self.entries[hi - 1].end;
            let mut from = self.entries[lo].start;
            let mut i = lo;
            let mut found = Vec::new();
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
            for &i in found.iter().rev() {
                let e = &self.entries[i];
                if !visible(e) || exact.binary_search(&i).is_ok() || !all_terms(e) {
                    continue;
                }
                if e.open {
                    open.push(i);
                    if open.len() >= limit {
                        break 'blocks;
                    }
                } else if closed.len() < limit {
                    closed.push(i);
                }
            }
            hi = lo;
        }

        let rank = |v: Vec<usize>, is_exact: bool| -> Vec<(Hit, bool, i64)> {
            let mut v: Vec<(Hit, bool, i64)> = v
                .into_iter()
                .map(|i| {
                    let e = &self.entries[i];
                    let hit = Hit {
                        target: e.target.clone(),
                        kind: e.kind,
                        exact: is_exact,
                        quality: self.quality(e, terms),
                        fuzzy: false,
                    };
                    (hit, e.open, e.updated)
                })
                .collect();
            v.sort_by(|a, b| {
                b.1.cmp(&a.1)
                    .then(b.2.cmp(&a.2))
                    .then(b.0.quality.cmp(&a.0.quality))
                    .then(a.0.target.cmp(&b.0.target))
            });
            v
        };
        let mut hits = rank(exact, true);
        hits.extend(rank(open, false));
        hits.extend(rank(closed, false));
        hits.truncate(limit);
        hits.into_iter().map(|h| h.0).collect()
    }

    /// How well the terms match an entry: in the written text rather than in
    /// pinyin, at the start of a field, or as the whole field.
    fn quality(&self, e: &Entry, terms: &[&str]) -> u32 {
        let hay = &self.buf[e.start..e.end];
        let mut quality = 0u32;
        for t in terms {
            let tb = t.as_bytes();
            if let Some(p) = memmem::find(hay, tb) {
                quality += if e.start + p < e.text_end { 4 } else { 2 };
                if p == 0 || hay[p - 1] == SEP {
                    quality += 2;
                    let after = p + tb.len();
                    if after == hay.len() || hay[after] == SEP {
                        quality += 4;
                    }
                }
            }
        }
        quality
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: u64, title: &str) -> DocInput {
        DocInput {
            target: Target::Item(id),
            kind: Some(Kind::Incoming),
            level: Classification::Public,
            open: true,
            updated: id as i64,
            exact: vec![format!("收2026-{id:04}")],
            text: vec![title.into()],
            plain: vec![],
            phones: vec![],
        }
    }

    #[test]
    fn finds_by_text_pinyin_initials_and_script() {
        let mut ix = Index::new();
        ix.upsert(doc(1, "關於校舍安全的請示"));
        ix.upsert(doc(2, "關於財政預算的報告"));
        for q in ["校舍", "xsaq", "xiaoshe", "xiao she", "关于校舍", "请示"] {
            let h = ix.search(q, Classification::Public, 10);
            assert_eq!(h.first().map(|h| &h.target), Some(&Target::Item(1)), "{q}");
        }
        assert_eq!(ix.search("關於", Classification::Public, 10).len(), 2);
        assert!(ix
            .search("校舍 預算", Classification::Public, 10)
            .is_empty());
    }

    #[test]
    fn exact_code_ranks_first_and_unpadded_codes_match() {
        let mut ix = Index::new();
        ix.upsert(doc(12, "甲"));
        ix.upsert(doc(120, "乙"));
        let h = ix.search("收2026-0012", Classification::Public, 10);
        assert_eq!(h[0].target, Target::Item(12));
        assert!(h[0].exact);
        let h = ix.search("2026-12", Classification::Public, 10);
        assert_eq!(h[0].target, Target::Item(120));
        assert!(h.iter().any(|h| h.target == Target::Item(12)));
    }

    #[test]
    fn clearance_hides_entries() {
        let mut ix = Index::new();
        let mut d = doc(1, "絕密文件");
        d.level = Classification::TopSecret;
        ix.upsert(d);
        assert!(ix.search("絕密", Classification::Internal, 10).is_empty());
        assert_eq!(ix.search("絕密", Classification::TopSecret, 10).len(), 1);
    }

    #[test]
    fn replace_and_remove_and_compact() {
        let mut ix = Index::new();
        for i in 0..5000 {
            ix.upsert(doc(i, "舊標題"));
        }
        for i in 0..5000 {
            ix.upsert(doc(i, "新標題"));
        }
        assert!(ix.search("舊標題", Classification::Public, 10).is_empty());
        assert_eq!(
            ix.search("新標題", Classification::Public, 5000).len(),
            1000
        );
        ix.remove(&Target::Item(3));
        assert_eq!(ix.len(), 4999);
        assert!(ix.text_bytes() < 5000 * 200);
    }

    #[test]
    fn phone_digits_anywhere() {
        let mut ix = Index::new();
        let mut d = doc(1, "王科長");
        d.phones = vec!["0571-8765-1234".into()];
        ix.upsert(d);
        for q in ["1234", "0571-8", "05718765"] {
            assert_eq!(ix.search(q, Classification::Public, 10).len(), 1, "{q}");
        }
    }

    #[test]
    fn hostile_queries_are_bounded() {
        let mut ix = Index::new();
        for i in 0..100 {
            ix.upsert(doc(i, "通知"));
        }
        let long = "通".repeat(10_000);
        assert!(ix.search(&long, Classification::Public, 10).is_empty());
        assert!(ix.search("", Classification::Public, 10).is_empty());
        assert!(ix
            .search("\x1b[2J\u{202E}", Classification::Public, 10)
            .is_empty());
        assert_eq!(ix.search("2026", Classification::Public, 5).len(), 5);
    }
}
