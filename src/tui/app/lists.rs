//! Each tab's list: its rows, the selection (which follows the item's id
//! when rows change underneath), scrolling and the `/` filter.

use crate::core::Row;
use crate::model::{Item, ItemId, Person};
use crate::search::fold::{fold, pinyin_forms};

use super::{App, Effect, Focus, TabKind, TABS};

/// One tab's list.
#[derive(Debug, Clone, Default)]
pub struct TabState {
    /// Item rows (item tabs).
    pub rows: Vec<Row>,
    /// People shown (the directory tab).
    pub people: Vec<Person>,
    /// The selected index.
    pub selected: usize,
    /// The selected id: the selection follows it when rows change.
    pub sel_id: Option<u64>,
    /// The first row shown.
    pub offset: usize,
    /// The `/` filter in force.
    pub filter: String,
    /// Only open items.
    pub open_only: bool,
    /// Rows have arrived at least once.
    pub loaded: bool,
    /// Generation of the last rows request.
    pub gen: u64,
}

impl TabState {
    /// How many entries the list has.
    pub fn len(&self) -> usize {
        self.rows.len().max(self.people.len())
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn id_at(&self, i: usize) -> Option<u64> {
        self.rows
            .get(i)
            .map(|r| r.id)
            .or_else(|| self.people.get(i).map(|p| p.id))
    }

    fn position(&self, id: u64) -> Option<usize> {
        if self.rows.is_empty() {
            self.people.iter().position(|p| p.id == id)
        } else {
            self.rows.iter().position(|r| r.id == id)
        }
    }

    /// Puts the selection on index `i` (clamped) and remembers its id.
    pub fn select(&mut self, i: usize) {
        let n = self.len();
        self.selected = if n == 0 { 0 } else { i.min(n - 1) };
        self.sel_id = self.id_at(self.selected);
    }

    /// After the rows changed: back to the same id, or the same place if it left.
    pub fn follow(&mut self) {
        match self.sel_id.and_then(|id| self.position(id)) {
            Some(i) => self.selected = i,
            None => self.select(self.selected),
        }
    }

    /// Scrolls so the selection shows in `height` rows.
    pub fn scroll_to(&mut self, height: usize) {
        let h = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + h {
            self.offset = self.selected + 1 - h;
        }
        let max_off = self.len().saturating_sub(h);
        self.offset = self.offset.min(max_off);
    }

    /// Puts a changed or new item's row in place: updated where it is,
    /// new ones on top; rows that no longer belong (closed in an open-only
    /// list) leave. Returns whether anything changed.
    pub fn upsert(&mut self, it: &Item, kinds: &[crate::model::Kind]) -> bool {
        if !self.loaded || !kinds.contains(&it.kind) {
            return false;
        }
        let keep = !self.open_only || it.status.is_open();
        match self.rows.iter().position(|r| r.id == it.id) {
            Some(i) if self.rows[i].version >= it.version && keep => false,
            Some(i) if keep => {
                self.rows[i] = Row::of(it);
                true
            }
            Some(i) => {
                self.rows.remove(i);
                if self.sel_id == Some(it.id) {
                    self.sel_id = None;
                }
                self.follow();
                true
            }
            None if keep && self.filter.is_empty() => {
                self.rows.insert(0, Row::of(it));
                if self.sel_id.is_some() {
                    self.follow();
                } else {
                    self.select(0);
                }
                true
            }
            None => false,
        }
    }
}

/// Whether a person matches a directory filter: name, unit, post, pinyin
/// (full or initials) or phone digits.
pub fn person_matches(p: &Person, unit: &str, q: &str) -> bool {
    let q = fold(q.trim());
    if q.is_empty() {
        return true;
    }
    let hay = fold(&format!("{} {} {}", p.name, unit, p.title));
    if hay.contains(&q) {
        return true;
    }
    let (full, initials) = pinyin_forms(&fold(&p.name));
    if full.contains(&q) || initials.starts_with(&q) {
        return true;
    }
    let digits: String = q.chars().filter(|c| c.is_ascii_digit()).collect();
    digits.len() >= 3
        && digits.len() == q.chars().count()
        && p.phones.iter().any(|ph| {
            ph.chars()
                .filter(|c| c.is_ascii_digit())
                .collect::<String>()
                .contains(&digits)
        })
}

impl App {
    /// Effects to (re)load a tab's rows.
    pub fn load_tab(&mut self, tab: usize) -> Vec<Effect> {
        let kind = TABS[tab];
        if kind == TabKind::Directory {
            self.filter_people();
            return vec![];
        }
        let t = &mut self.tabs[tab];
        t.gen += 1;
        vec![Effect::LoadRows {
            tab,
            gen: t.gen,
            kinds: kind.kinds().to_vec(),
            text: (!t.filter.is_empty()).then(|| t.filter.clone()),
            open_only: t.open_only,
        }]
    }

    /// Rebuilds the directory tab's list from the people and its filter.
    pub fn filter_people(&mut self) {
        let i = TABS
            .iter()
            .position(|t| *t == TabKind::Directory)
            .unwrap_or(5);
        let q = self.tabs[i].filter.clone();
        let people: Vec<Person> = self
            .people
            .iter()
            .filter(|p| person_matches(p, &self.unit_name(&p.unit), &q))
            .cloned()
            .collect();
        let t = &mut self.tabs[i];
        t.people = people;
        t.rows.clear();
        t.loaded = true;
        t.follow();
        self.dirty = true;
    }

    /// A unit's name from its key (or the key when unknown).
    pub fn unit_name(&self, key: &str) -> String {
        self.units
            .iter()
            .find(|u| u.key == key)
            .map(|u| u.name.clone())
            .unwrap_or_else(|| key.to_string())
    }

    /// Moves the selection by `delta` rows and loads what the new row needs.
    pub fn move_by(&mut self, delta: i64) -> Vec<Effect> {
        if self.focus == Focus::Detail && self.form.is_none() {
            let s = self.detail_scroll as i64 + delta;
            self.detail_scroll = s.max(0) as usize;
            self.dirty = true;
            return vec![];
        }
        let cur = self.cur().selected as i64;
        self.select_index((cur + delta).max(0) as usize)
    }

    /// Selects a row by index.
    pub fn select_index(&mut self, i: usize) -> Vec<Effect> {
        let h = self.list_height();
        let before = self.cur().sel_id;
        let t = self.cur_mut();
        t.select(i);
        t.scroll_to(h);
        self.dirty = true;
        if self.cur().sel_id != before {
            self.detail_scroll = 0;
            self.load_detail()
        } else {
            vec![]
        }
    }

    /// Effects to load the detail of the selection.
    pub fn load_detail(&mut self) -> Vec<Effect> {
        self.detail_gen += 1;
        let gen = self.detail_gen;
        if self.tab_kind() == TabKind::Directory {
            let t = self.cur();
            let Some(p) = t.people.get(t.selected) else {
                self.unit_items.clear();
                return vec![];
            };
            let unit = self.unit_name(&p.unit);
            return vec![Effect::LoadUnitItems { unit, gen }];
        }
        match self.selected_row() {
            Some(r)
                if self
                    .detail
                    .as_ref()
                    .is_some_and(|d| d.item.id == r.id && d.item.version == r.version) =>
            {
                vec![]
            }
            Some(r) => vec![Effect::LoadDetail { id: r.id, gen }],
            None => {
                self.detail = None;
                vec![]
            }
        }
    }

    /// Goes to a tab, loading it the first time.
    pub fn goto_tab(&mut self, tab: usize) -> Vec<Effect> {
        if tab >= TABS.len() {
            return vec![];
        }
        self.tab = tab;
        self.focus = super::Focus::List;
        self.dirty = true;
        self.detail = None;
        let mut fx = vec![];
        if !self.tabs[tab].loaded {
            fx.extend(self.load_tab(tab));
        }
        fx.extend(self.load_detail());
        fx
    }

    /// The selected id's place in the current tab, if it is there.
    pub fn index_of(&self, id: ItemId) -> Option<usize> {
        self.cur().rows.iter().position(|r| r.id == id)
    }
}
