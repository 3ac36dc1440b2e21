//! `shuniu check`: every record decodes, the indexes agree with the records,
//! and every sequence is beyond every number already used.

use std::collections::{HashMap, HashSet};

use crate::model::{AuditEntry, HistoryEntry, Item, Person, Unit, User};

use super::codec::{self, RecordType};
use super::keys;
use super::{Result, Store};

/// What `check` found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CheckReport {
    /// Records read.
    pub records: usize,
    /// Items among them.
    pub items: usize,
    /// Everything wrong, one line each; empty means healthy.
    pub problems: Vec<String>,
}

impl CheckReport {
    /// True when nothing is wrong.
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Splits an item code `收2026-0012` into its sequence name and number.
pub fn code_sequence(code: &str) -> Option<(String, u64)> {
    let (head, n) = code.rsplit_once('-')?;
    Some((format!("code/{head}"), n.parse().ok()?))
}

impl Store {
    /// Reads every record and cross-checks them. Takes no lock: run it on a
    /// quiet store or a backup for an exact answer.
    pub fn check(&self) -> Result<CheckReport> {
        let mut r = CheckReport::default();
        let mut codes: HashMap<String, u64> = HashMap::new();
        let mut docnos: HashMap<String, u64> = HashMap::new();
        let mut items: HashMap<u64, (String, Option<String>, u64)> = HashMap::new();
        let mut seqs: HashMap<String, u64> = HashMap::new();
        let mut used: HashMap<String, u64> = HashMap::new();
        let mut history: HashMap<u64, u64> = HashMap::new();
        // The 已辦 keys the history calls for, and those stored.
        let mut done_wanted: HashSet<Vec<u8>> = HashSet::new();
        let mut done_have: Vec<Vec<u8>> = vec![];
        let bump = |used: &mut HashMap<String, u64>, name: String, n: u64| {
            let e = used.entry(name).or_insert(0);
            *e = (*e).max(n);
        };
        for kv in self.db.iter() {
            let (k, v) = kv?;
            r.records += 1;
            let show = || keys::show(&k);
            let fail = |r: &mut CheckReport, e: super::StoreError| r.problems.push(e.to_string());
            match k.first().copied() {
                Some(keys::ITEM) => match codec::decode::<Item>(RecordType::Item, &v, &show) {
                    Ok(it) => {
                        r.items += 1;
                        if keys::read_u64(&k, 1) != Some(it.id) {
                            r.problems.push(format!("{}: holds item {}", show(), it.id));
                        }
                        bump(&mut used, "item".into(), it.id);
                        if let Some((s, n)) = code_sequence(&it.code) {
                            bump(&mut used, s, n);
                        } else {
                            r.problems
                                .push(format!("item {}: malformed code '{}'", it.id, it.code));
                        }
                        if let Some(d) = it.doc_no() {
                            bump(
                                &mut used,
                                format!("docno/{}/{}", d.prefix, d.year),
                                d.seq as u64,
                            );
                        }
                        items.insert(
                            it.id,
                            (
                                it.code.clone(),
                                it.doc_no().map(|d| d.to_string()),
                                it.version,
                            ),
                        );
                    }
                    Err(e) => fail(&mut r, e),
                },
                Some(keys::HISTORY) => {
                    match codec::decode::<HistoryEntry>(RecordType::History, &v, &show) {
                        Ok(h) => {
                            let e = history.entry(h.item).or_insert(0);
                            *e = (*e).max(h.version);
                            done_wanted.extend(super::done_index::key_of(&h));
                        }
                        Err(e) => fail(&mut r, e),
                    }
                }
                Some(keys::AUDIT) => {
                    if let Err(e) = codec::decode::<AuditEntry>(RecordType::Audit, &v, &show) {
                        fail(&mut r, e)
                    }
                }
                Some(keys::USER) => {
                    if let Err(e) = codec::decode::<User>(RecordType::User, &v, &show) {
                        fail(&mut r, e)
                    }
                }
                Some(keys::UNIT) => {
                    if let Err(e) = codec::decode::<Unit>(RecordType::Unit, &v, &show) {
                        fail(&mut r, e)
                    }
                }
                Some(keys::PERSON) => {
                    match codec::decode::<Person>(RecordType::Person, &v, &show) {
                        Ok(p) => bump(&mut used, "person".into(), p.id),
                        Err(e) => fail(&mut r, e),
                    }
                }
                Some(keys::CODE) => {
                    codes.insert(
                        String::from_utf8_lossy(&k[1..]).into(),
                        keys::read_u64(&v, 0).unwrap_or(0),
                    );
                }
                Some(keys::DOCNO) => {
                    docnos.insert(
                        String::from_utf8_lossy(&k[1..]).into(),
                        keys::read_u64(&v, 0).unwrap_or(0),
                    );
                }
                Some(keys::SEQ) => {
                    seqs.insert(
                        String::from_utf8_lossy(&k[1..]).into(),
                        keys::read_u64(&v, 0).unwrap_or(0),
                    );
                }
                Some(keys::META) => {}
                Some(keys::DONE) => match super::done_index::expand(&k, &v) {
                    Some(each) => done_have.extend(each),
                    None => r.problems.push(format!(
                        "{}: an 已辦 entry whose value is not pairs of item and version",
                        keys::show(&k)
                    )),
                },
                Some(keys::NOTICE) => {
                    if let Err(e) =
                        codec::decode::<crate::model::queue::Notice>(RecordType::Notice, &v, &show)
                    {
                        fail(&mut r, e)
                    }
                }
                _ => r.problems.push(format!("{}: unknown record", show())),
            }
        }
        for (code, id) in &codes {
            match items.get(id) {
                Some((c, _, _)) if c == code => {}
                _ => r.problems.push(format!(
                    "code index {code} points to item {id}, which does not carry it"
                )),
            }
        }
        for (no, id) in &docnos {
            match items.get(id) {
                Some((_, Some(d), _)) if d == no => {}
                _ => r.problems.push(format!(
                    "文號 index {no} points to item {id}, which does not carry it"
                )),
            }
        }
        for (id, (code, doc_no, version)) in &items {
            if codes.get(code) != Some(id) {
                r.problems.push(format!(
                    "item {id}: code {code} is missing from the code index"
                ));
            }
            if let Some(d) = doc_no {
                if docnos.get(d) != Some(id) {
                    r.problems.push(format!(
                        "item {id}: 文號 {d} is missing from the 文號 index"
                    ));
                }
            }
            if history.get(id) != Some(version) {
                r.problems.push(format!(
                    "item {id}: at version {version} but its history ends at {}",
                    history.get(id).copied().unwrap_or(0)
                ));
            }
        }
        let mut stray = 0;
        for k in &done_have {
            if !done_wanted.remove(k) {
                stray += 1;
            }
        }
        if stray > 0 {
            r.problems.push(format!(
                "已辦 index: {stray} entries name no history entry (by, time, item and version)"
            ));
        }
        if !done_wanted.is_empty() {
            let mut missing: Vec<String> = done_wanted.iter().map(|k| keys::show(k)).collect();
            missing.sort();
            r.problems.push(format!(
                "已辦 index: {} history entries are missing from their writer's 已辦 (first: {})",
                missing.len(),
                missing[0]
            ));
        }
        for (name, max) in used {
            let have = seqs.get(&name).copied().unwrap_or(0);
            if have < max {
                r.problems.push(format!(
                    "sequence {name} is at {have} but {max} is already used"
                ));
            }
        }
        r.problems.sort();
        Ok(r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_codes() {
        assert_eq!(
            code_sequence("收2026-0012"),
            Some(("code/收2026".into(), 12))
        );
        assert_eq!(code_sequence("bad"), None);
    }
}
