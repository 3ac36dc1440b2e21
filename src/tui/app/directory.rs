//! The 通訊錄 tab's list: every unit followed by its people, as a printed
//! phone book is. A filter keeps the units and people that match (name,
//! abbreviations, pinyin, post, phone digits) and, for context, the unit
//! of every person kept; a unit that matches keeps all its people.

use std::hash::{DefaultHasher, Hash, Hasher};

use crate::model::{Person, Unit};
use crate::search::fold::{digits, fold, pinyin_forms};

use super::{App, Effect, TabKind, TABS};

/// One line of the directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DirRow {
    /// A unit (a heading).
    Unit(Unit),
    /// A person, under their unit.
    Person(Person),
}

/// The selection id of a unit: its key hashed, with the top bit set so it
/// never meets a person's id.
pub fn unit_id(key: &str) -> u64 {
    let mut h = DefaultHasher::new();
    key.hash(&mut h);
    h.finish() | 1 << 63
}

impl DirRow {
    /// The id the selection follows.
    pub fn id(&self) -> u64 {
        match self {
            DirRow::Unit(u) => unit_id(&u.key),
            DirRow::Person(p) => p.id,
        }
    }
}

/// Whether `text` matches a folded query: as written, by full pinyin or by
/// pinyin initials.
fn text_matches(text: &str, q: &str) -> bool {
    let f = fold(text);
    if f.contains(q) {
        return true;
    }
    let (full, initials) = pinyin_forms(&f);
    full.contains(q) || initials.contains(q)
}

/// Whether a query is a run of phone digits (`1234`, `0571-8`).
fn phone_digits(q: &str) -> Option<String> {
    let d = digits(q);
    (d.len() >= 3
        && q.chars()
            .all(|c| c.is_ascii_digit() || c == '-' || c == ' '))
    .then_some(d)
}

fn phones_match(phones: &[String], q: &str) -> bool {
    phone_digits(q).is_some_and(|d| phones.iter().any(|p| digits(p).contains(&d)))
}

/// Whether a person matches a directory filter: name, unit, post, notes,
/// pinyin (full or initials) or phone digits. Every word must match.
pub fn person_matches(p: &Person, unit: &str, q: &str) -> bool {
    let q = fold(q.trim());
    q.split_whitespace().all(|w| {
        text_matches(&p.name, w)
            || fold(&format!("{unit} {} {}", p.title, p.notes)).contains(w)
            || phones_match(&p.phones, w)
    })
}

/// Whether a unit matches: its name, an abbreviation, its key, pinyin, or
/// its phone's digits.
pub fn unit_matches(u: &Unit, q: &str) -> bool {
    let q = fold(q.trim());
    q.split_whitespace().all(|w| {
        text_matches(&u.name, w)
            || u.abbreviations.iter().any(|a| text_matches(a, w))
            || u.key.eq_ignore_ascii_case(w)
            || phones_match(std::slice::from_ref(&u.phone), w)
    })
}

/// The directory as listed: units in order, each followed by its people;
/// people of no known unit at the end.
pub fn directory_rows(units: &[Unit], people: &[Person], q: &str) -> Vec<DirRow> {
    let all = q.trim().is_empty();
    let mut out = vec![];
    for u in units {
        let unit_hit = all || unit_matches(u, q);
        let theirs: Vec<&Person> = people
            .iter()
            .filter(|p| p.unit == u.key)
            .filter(|p| unit_hit || person_matches(p, &u.name, q))
            .collect();
        if unit_hit || !theirs.is_empty() {
            out.push(DirRow::Unit(u.clone()));
            out.extend(theirs.into_iter().cloned().map(DirRow::Person));
        }
    }
    for p in people {
        if !units.iter().any(|u| u.key == p.unit) && (all || person_matches(p, &p.unit, q)) {
            out.push(DirRow::Person(p.clone()));
        }
    }
    out
}

impl App {
    /// The directory tab's index.
    pub fn dir_tab() -> usize {
        TABS.iter()
            .position(|t| *t == TabKind::Directory)
            .unwrap_or(5)
    }

    /// Rebuilds the directory tab's list from the units, people and its filter.
    pub fn filter_people(&mut self) {
        let i = App::dir_tab();
        let rows = directory_rows(&self.units, &self.people, &self.tabs[i].filter);
        let h = self.list_height();
        let t = &mut self.tabs[i];
        t.dir = rows;
        t.rows.clear();
        t.loaded = true;
        t.follow();
        t.scroll_to(h);
        self.dirty = true;
    }

    /// The directory entry under the cursor.
    pub fn dir_selected(&self) -> Option<&DirRow> {
        let t = &self.tabs[App::dir_tab()];
        t.dir.get(t.selected)
    }

    /// A unit by key.
    pub fn unit(&self, key: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.key == key)
    }

    /// The full name of a unit given by key, name or abbreviation.
    pub fn resolve_unit(&self, s: &str) -> Option<&Unit> {
        let s = s.trim();
        if s.is_empty() {
            return None;
        }
        self.units
            .iter()
            .find(|u| u.key == s || u.name == s)
            .or_else(|| {
                self.units
                    .iter()
                    .find(|u| u.abbreviations.iter().any(|a| a == s))
            })
            .or_else(|| {
                let f = fold(s);
                self.units.iter().find(|u| fold(&u.name) == f)
            })
    }

    /// Selects a directory entry by id, making it visible (clearing the
    /// filter when it hides the entry); returns the detail's load.
    pub fn select_dir(&mut self, id: u64) -> Vec<Effect> {
        let i = App::dir_tab();
        if !self.tabs[i].dir.iter().any(|r| r.id() == id) {
            self.tabs[i].filter.clear();
            self.filter_people();
        }
        let h = self.list_height();
        let t = &mut self.tabs[i];
        if let Some(pos) = t.dir.iter().position(|r| r.id() == id) {
            t.select(pos);
            t.scroll_to(h);
        }
        if self.tab == i {
            self.detail_scroll = 0;
            return self.load_detail();
        }
        vec![]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(key: &str, name: &str, abbr: &[&str]) -> Unit {
        Unit {
            key: key.into(),
            name: name.into(),
            abbreviations: abbr.iter().map(|s| s.to_string()).collect(),
            phone: "0571-86079088".into(),
            doc_prefix: String::new(),
        }
    }

    fn person(id: u64, name: &str, unit: &str, phone: &str) -> Person {
        Person {
            id,
            name: name.into(),
            unit: unit.into(),
            title: "科長".into(),
            phones: vec![phone.into()],
            notes: String::new(),
        }
    }

    #[test]
    fn grouped_and_filtered() {
        let units = vec![
            unit("jyj", "市教育局", &["教育局"]),
            unit("fgw", "市發展和改革委員會", &["發改委"]),
        ];
        let people = vec![
            person(1, "王建國", "jyj", "13800001234"),
            person(2, "李四", "jyj", "13900005678"),
            person(3, "趙六", "fgw", "13700009999"),
            person(4, "無名", "zzz", "13600000000"),
        ];
        assert_eq!(directory_rows(&units, &people, "").len(), 6);
        // A person keeps their unit as a heading; a unit keeps all its people.
        let ids = |q: &str| -> Vec<u64> {
            directory_rows(&units, &people, q)
                .iter()
                .map(DirRow::id)
                .collect()
        };
        assert_eq!(ids("wjg"), vec![unit_id("jyj"), 1]);
        assert_eq!(ids("1234"), vec![unit_id("jyj"), 1]);
        assert_eq!(ids("發改委"), vec![unit_id("fgw"), 3]);
        assert_eq!(ids("教育局"), vec![unit_id("jyj"), 1, 2]);
        assert_eq!(ids("无名"), vec![4], "simplified finds traditional");
        assert!(ids("nothing-here").is_empty());
        assert_ne!(unit_id("jyj") & (1 << 63), 0);
    }
}
