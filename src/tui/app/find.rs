//! Quick find: one key from anywhere opens a popup over the screen; every
//! keystroke sends the query to the worker (the newest one wins, older
//! answers are dropped); `Enter` goes to the item in its tab or shows the
//! caller; `Esc` closes the popup, and since nothing under it was touched,
//! the clerk is exactly where they were.

use crate::core::Found;

use super::super::command::{self, Action};
use super::super::i18n::T;
use super::super::input::TextInput;
use super::super::key::Key;
use super::super::keymap::{KeyMode, Lookup};
use super::{App, Effect, Focus, Level, Mode, Overlay, TabKind, Who};

/// At most this many characters of a query are sent.
pub const MAX_QUERY_CHARS: usize = crate::search::MAX_QUERY_CHARS;

/// The quick-find popup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuickFind {
    /// What is typed.
    pub input: TextInput,
    /// The results shown, best first.
    pub results: Vec<Found>,
    /// The query they answer (for highlighting).
    pub answered: String,
    /// The result under the cursor.
    pub selected: usize,
    /// The first result shown.
    pub offset: usize,
    /// The generation of the newest query sent; other answers are dropped.
    pub gen: u64,
    /// The query sent with `gen`.
    pub asked: String,
    /// An answer is awaited.
    pub waiting: bool,
    /// The overlay the popup was opened over (a question, a menu, the
    /// welcome): `Esc` puts it back, a jump elsewhere drops it.
    pub under: Option<Overlay>,
}

impl QuickFind {
    fn new(text: &str) -> QuickFind {
        QuickFind {
            input: TextInput::new(text),
            results: vec![],
            answered: String::new(),
            selected: 0,
            offset: 0,
            gen: 0,
            asked: String::new(),
            waiting: false,
            under: None,
        }
    }

    /// The result under the cursor.
    pub fn current(&self) -> Option<&Found> {
        self.results.get(self.selected)
    }

    /// Moves the cursor and scrolls so it shows in `height` rows.
    pub fn move_by(&mut self, d: i64, height: usize) {
        let n = self.results.len() as i64;
        if n == 0 {
            return;
        }
        self.selected = (self.selected as i64 + d).clamp(0, n - 1) as usize;
        self.offset = super::lists::scrolled(self.selected, self.offset, height);
    }
}

/// Rows of results the popup shows on a terminal `h` rows high.
pub fn find_rows(h: u16) -> usize {
    // The popup leaves the header and the two bottom lines, and uses four
    // rows itself: borders, the input, the column titles.
    (h as usize).saturating_sub(3 + 2 + 4).clamp(1, 30)
}

impl App {
    /// Opens quick find (again), starting with `text`.
    pub fn open_find(&mut self, text: &str) -> Vec<Effect> {
        if matches!(self.overlay, Some(Overlay::Help { .. })) {
            self.overlay = None;
        }
        self.pending.clear();
        self.count = None;
        let f = match self.find.take() {
            // Pressed again while open: keep what is typed.
            Some(mut f) if text.is_empty() => {
                f.input.end();
                f
            }
            _ => QuickFind::new(text),
        };
        self.find = Some(f);
        self.dirty = true;
        self.find_changed()
    }

    /// Opens quick find over the overlay on screen, which waits beneath it.
    pub(super) fn open_find_over(&mut self, text: &str) -> Vec<Effect> {
        let under = self.overlay.take();
        let fx = self.open_find(text);
        if let Some(f) = self.find.as_mut() {
            f.under = under;
        }
        fx
    }

    /// Closes the popup: the clerk is back where they were, overlay and all.
    fn close_find(&mut self) {
        if let Some(f) = self.find.take() {
            if f.under.is_some() {
                self.overlay = f.under;
            }
        }
    }

    /// After the query changed: ask the worker (an empty query asks nothing).
    fn find_changed(&mut self) -> Vec<Effect> {
        self.req_gen += 1;
        let gen = self.req_gen;
        let Some(f) = self.find.as_mut() else {
            return vec![];
        };
        let q: String = f.input.text.chars().take(MAX_QUERY_CHARS).collect();
        f.gen = gen;
        if q.trim().is_empty() {
            f.results.clear();
            f.answered.clear();
            f.selected = 0;
            f.offset = 0;
            f.waiting = false;
            return vec![];
        }
        f.asked = q.clone();
        f.waiting = true;
        vec![Effect::Find { gen, query: q }]
    }

    /// An answer from the worker; an older query's answer is dropped.
    pub fn found(&mut self, gen: u64, results: Vec<Found>) {
        let Some(f) = self.find.as_mut() else {
            return;
        };
        if gen != f.gen {
            return;
        }
        f.results = results;
        f.answered = f.asked.clone();
        f.selected = 0;
        f.offset = 0;
        f.waiting = false;
        self.dirty = true;
    }

    /// Text pasted into the popup.
    pub(super) fn find_paste(&mut self, s: &str) -> Vec<Effect> {
        if let Some(f) = self.find.as_mut() {
            f.input.paste(s, false);
        }
        self.find_changed()
    }

    /// A key while the popup is open (`[keys.find]`, then the input line's
    /// editing keys).
    pub(super) fn find_key(&mut self, key: Key) -> Vec<Effect> {
        let action = match self.setup.keymap.lookup(KeyMode::Find, &[key]) {
            Lookup::Matched(c) => command::parse(&c).ok(),
            _ => None,
        };
        let h = find_rows(self.size.1);
        let Some(f) = self.find.as_mut() else {
            return vec![];
        };
        let inp = &mut f.input;
        if let Some(d) = action.as_ref().and_then(|a| super::lists::motion(a, h)) {
            f.move_by(d, h);
            return vec![];
        }
        match action {
            Some(Action::Open | Action::Accept) => return self.find_enter(),
            Some(Action::Back) => self.close_find(),
            Some(Action::Backspace) if inp.text.is_empty() => self.close_find(),
            Some(Action::Backspace) => {
                inp.backspace();
                return self.find_changed();
            }
            Some(Action::Delete) => {
                inp.delete();
                return self.find_changed();
            }
            Some(Action::DelWord) => {
                inp.delete_word();
                return self.find_changed();
            }
            Some(Action::DelStart) => {
                inp.delete_to_start();
                return self.find_changed();
            }
            Some(Action::Left) => inp.left(),
            Some(Action::Right) => inp.right(),
            Some(Action::Home) => inp.home(),
            Some(Action::End) => inp.end(),
            Some(_) => {}
            None => {
                if let Some(c) = key.text() {
                    inp.insert(c);
                    return self.find_changed();
                }
            }
        }
        vec![]
    }

    /// Leaves what was under way for a jump: the line, a selection, the caller.
    pub(super) fn leave_for_jump(&mut self) {
        self.line = None;
        self.line_anchor = None;
        if self.mode != Mode::Insert {
            self.mode = Mode::Normal;
        }
        self.pending.clear();
        self.caller = None;
        // Ctrl-o comes back to the item the clerk was on.
        if self.tab_kind() != TabKind::Directory {
            if let Some(r) = self.selected_row() {
                let at = (self.tab, r.id);
                if self.jumps.last() != Some(&at) {
                    self.jumps.push(at);
                }
            }
        }
    }

    /// Shows an item found elsewhere: its tab, its row, its detail.
    pub fn show_item(&mut self, kind: crate::model::Kind, id: crate::model::ItemId) -> Vec<Effect> {
        self.leave_for_jump();
        let fx = self.jump(TabKind::of(kind), id);
        if !self.wide() {
            // One pane at a time: the clerk asked for the item, so show it.
            self.focus = Focus::Detail;
            self.detail_scroll = 0;
        }
        fx
    }

    fn find_enter(&mut self) -> Vec<Effect> {
        let Some(hit) = self.find.as_ref().and_then(|f| f.current()).cloned() else {
            if self.find.as_ref().is_some_and(|f| f.waiting) {
                let m = self.t(T::Loading).to_string();
                self.say(Level::Info, m);
            }
            return vec![];
        };
        let query = self.find.take().map(|f| f.answered).unwrap_or_default();
        match hit {
            Found::Item(r) => self.show_item(r.kind, r.id),
            Found::Person(p) => self.show_caller(Who::Person(p), &query),
            Found::Unit(u) => self.show_caller(Who::Unit(u), &query),
        }
    }
}
