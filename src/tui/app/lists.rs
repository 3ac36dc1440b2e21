//! Each tab's list: its rows, the selection (which follows the item's id
//! when rows change underneath), scrolling and the `/` filter.

use crate::core::Row;
use crate::model::{Item, ItemId};
use crate::tui::command::Action;

use super::{App, DirRow, Effect, Focus, TabKind, TABS};

/// One tab's list.
#[derive(Debug, Clone, Default)]
pub struct TabState {
    /// Item rows (item tabs).
    pub rows: Vec<Row>,
    /// Units and people shown (the directory tab).
    pub dir: Vec<DirRow>,
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
    /// While a filter is in force: the whole list it narrowed (and the
    /// `open_only` it was loaded with), kept up to date by pushes, so that
    /// clearing the filter needs no reload.
    pub unfiltered: Option<(bool, Vec<Row>)>,
    /// The next rows put the cursor on the first row (after loading the demo).
    pub reset_on_load: bool,
    /// The rows shown answer a filter.
    pub rows_filtered: bool,
    /// The last request asked for the best matches only (typing).
    pub limited: bool,
    /// Generation of the last rows that arrived.
    pub answered: u64,
    /// A filter committed with `Enter` whose emptiness is to be said once
    /// its whole answer has arrived (not judged on the best matches only,
    /// nor on rows still on their way).
    pub judge_empty: Option<String>,
}

/// How far a motion moves the selection in a window of `height` rows
/// (`j k Ctrl-d Ctrl-u gg G`); none for an action that is not a motion.
/// The popups and overlays (quick find, the queue, the 傳閱 tracker) move so.
pub fn motion(action: &Action, height: usize) -> Option<i64> {
    let half = height as i64 / 2 + 1;
    Some(match action {
        Action::Down => 1,
        Action::Up => -1,
        Action::HalfDown => half,
        Action::HalfUp => -half,
        Action::Top => i64::MIN / 2,
        Action::Bottom => i64::MAX / 2,
        _ => return None,
    })
}

/// The first row shown once `selected` is brought into a window of `height`
/// rows that started at `offset`: every list, popup and panel scrolls so.
pub fn scrolled(selected: usize, offset: usize, height: usize) -> usize {
    let h = height.max(1);
    if selected < offset {
        selected
    } else if selected >= offset + h {
        selected + 1 - h
    } else {
        offset
    }
}

/// How many matches `/` asks for per keystroke; `Enter` asks for all.
pub const TYPING_LIMIT: usize = 300;

/// Frees a long list off the keystroke's path: dropping 40,000 rows takes
/// longer than a frame, so a thread of its own does it.
pub fn discard(v: Vec<Row>) {
    use std::sync::mpsc::{channel, Sender};
    use std::sync::{Mutex, OnceLock};
    static BIN: OnceLock<Option<Mutex<Sender<Vec<Row>>>>> = OnceLock::new();
    if v.len() < 2_000 {
        return;
    }
    let bin = BIN.get_or_init(|| {
        let (tx, rx) = channel::<Vec<Row>>();
        std::thread::Builder::new()
            .name("shuniu-discard".into())
            .spawn(move || rx.into_iter().for_each(drop))
            .ok()
            .map(|_| Mutex::new(tx))
    });
    if let Some(tx) = bin {
        let _ = tx.lock().map(|tx| tx.send(v));
    }
}

impl TabState {
    /// How many entries the list has.
    pub fn len(&self) -> usize {
        self.rows.len().max(self.dir.len())
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn id_at(&self, i: usize) -> Option<u64> {
        self.rows
            .get(i)
            .map(|r| r.id)
            .or_else(|| self.dir.get(i).map(DirRow::id))
    }

    fn position(&self, id: u64) -> Option<usize> {
        if self.rows.is_empty() {
            self.dir.iter().position(|r| r.id() == id)
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
        self.offset = scrolled(self.selected, self.offset, h);
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
        if let Some((open_only, all)) = self.unfiltered.as_mut() {
            let keep = !*open_only || it.status.is_open();
            match all.iter().position(|r| r.id == it.id) {
                Some(i) if all[i].version >= it.version => {}
                Some(i) if keep => all[i] = Row::of(it),
                Some(i) => {
                    all.remove(i);
                }
                None if keep => all.insert(0, Row::of(it)),
                None => {}
            }
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

impl App {
    /// Effects to (re)load a tab's rows.
    pub fn load_tab(&mut self, tab: usize) -> Vec<Effect> {
        // The board first: the 督查 rows are sorted by its lights as they arrive.
        let mut fx = self.load_board(tab);
        fx.extend(self.load_tab_limited(tab, None));
        fx
    }

    /// Effects to load a tab's rows, at most `limit` matches of its filter.
    fn load_tab_limited(&mut self, tab: usize, limit: Option<usize>) -> Vec<Effect> {
        let kind = TABS[tab];
        if kind == TabKind::Directory {
            self.filter_people();
            return vec![];
        }
        let t = &mut self.tabs[tab];
        t.gen += 1;
        t.limited = limit.is_some() && !t.filter.is_empty();
        vec![Effect::LoadRows {
            tab,
            gen: t.gen,
            kinds: kind.kinds().to_vec(),
            text: (!t.filter.is_empty()).then(|| t.filter.clone()),
            open_only: t.open_only,
            limit: limit.filter(|_| !t.filter.is_empty()),
        }]
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
        // The clerk moved: rows still on their way follow this choice.
        t.reset_on_load = false;
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
            let unit = match self.dir_selected() {
                Some(DirRow::Unit(u)) => u.name.clone(),
                Some(DirRow::Person(p)) => self.unit_name(&p.unit),
                None => {
                    self.unit_items.clear();
                    return vec![];
                }
            };
            self.unit_items.clear();
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

    /// Rows of a tab arrived: they replace the list (the whole list is kept
    /// aside while a filter narrows it), the selection follows its item.
    pub fn put_rows(&mut self, tab: usize, rows: Vec<Row>) {
        let h = self.list_height();
        let t = &mut self.tabs[tab];
        let filtered = !t.filter.is_empty();
        let old = std::mem::replace(&mut t.rows, rows);
        if filtered && !t.rows_filtered && t.loaded {
            if let Some((_, stale)) = t.unfiltered.replace((t.open_only, old)) {
                discard(stale);
            }
        } else {
            discard(old);
            if !filtered {
                if let Some((_, stale)) = t.unfiltered.take() {
                    discard(stale);
                }
            }
        }
        t.rows_filtered = filtered;
        t.loaded = true;
        if std::mem::take(&mut t.reset_on_load) {
            t.sel_id = None;
            t.offset = 0;
            t.select(0);
        } else {
            t.follow();
        }
        t.scroll_to(h);
    }

    /// Clears a tab's filter: the whole list comes back at once when it was
    /// kept aside, else it is loaded.
    pub fn clear_filter(&mut self, tab: usize) -> Vec<Effect> {
        let h = self.list_height();
        let t = &mut self.tabs[tab];
        t.filter.clear();
        t.judge_empty = None;
        if TABS[tab] == TabKind::Directory {
            self.filter_people();
            return vec![];
        }
        match t.unfiltered.take() {
            Some((open_only, all)) if open_only == t.open_only => {
                t.gen += 1;
                discard(std::mem::replace(&mut t.rows, all));
                t.rows_filtered = false;
                t.follow();
                t.scroll_to(h);
                self.dirty = true;
                if tab == self.tab {
                    return self.load_detail();
                }
                vec![]
            }
            other => {
                if let Some((_, v)) = other {
                    discard(v);
                }
                self.load_tab(tab)
            }
        }
    }

    /// Sets a tab's filter and asks for its rows (an empty one clears it).
    /// While it is being typed, only the best `TYPING_LIMIT` matches are
    /// asked for: the query stops early and the answer is small.
    pub fn set_filter(&mut self, tab: usize, q: String, typing: bool) -> Vec<Effect> {
        if q.trim().is_empty() {
            return self.clear_filter(tab);
        }
        self.tabs[tab].filter = q;
        self.tabs[tab].judge_empty = None;
        self.load_tab_limited(tab, typing.then_some(TYPING_LIMIT))
    }

    /// After typing (`Enter`): the whole answer when only its best part was
    /// asked for; "no match" is said once the whole answer is in.
    pub fn complete_filter(&mut self, tab: usize) -> Vec<Effect> {
        let t = &mut self.tabs[tab];
        t.judge_empty = (!t.filter.trim().is_empty()).then(|| t.filter.trim().to_string());
        let fx = if t.limited {
            self.load_tab(tab)
        } else {
            vec![]
        };
        self.judge_filter(tab);
        fx
    }

    /// Says "no match" for a committed filter once its whole answer is in.
    pub fn judge_filter(&mut self, tab: usize) {
        let t = &mut self.tabs[tab];
        if t.judge_empty.is_none() || t.limited || t.answered != t.gen {
            return;
        }
        let Some(q) = t.judge_empty.take() else {
            return;
        };
        if t.is_empty() && tab == self.tab {
            let m = self.tf(super::T::MsgNoMatch, &[&q]);
            self.say(super::Level::Error, m);
        }
    }

    /// The selected id's place in the current tab, if it is there.
    pub fn index_of(&self, id: ItemId) -> Option<usize> {
        self.cur().rows.iter().position(|r| r.id == id)
    }
}
