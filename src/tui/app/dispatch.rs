//! Keys to actions. The dispatcher gathers counts (`5j`) and pending
//! prefixes (`g`), asks the mode's keymap trie, and hands the parsed command
//! to `update`; lines and forms get plain text typed into them.

use std::time::Instant;

use super::super::command::{self, Action};
use super::super::i18n::T;
use super::super::key::{Code, Key};
use super::super::keymap::{KeyMode, Lookup};
use super::{App, Effect, Level, Mode, Overlay};

/// Whether a count before this action means something.
fn countable(a: &Action) -> bool {
    matches!(
        a,
        Action::Down
            | Action::Up
            | Action::HalfDown
            | Action::HalfUp
            | Action::Top
            | Action::Bottom
            | Action::NextTab
            | Action::PrevTab
            | Action::Follow
            | Action::SearchNext
            | Action::SearchPrev
    )
}

impl App {
    /// One key press.
    pub fn key(&mut self, key: Key) -> Vec<Effect> {
        self.dirty = true;
        if self.queue.is_some() {
            return self.queue_key(key);
        }
        if self.is_queue_key(key) {
            return self.open_queue();
        }
        if self.overlay.is_some() {
            return self.overlay_key(key);
        }
        if self.find.is_some() {
            return self.find_key(key);
        }
        if self.caller.is_some() && self.mode != Mode::Insert {
            return self.caller_key(key);
        }
        if self.circulation.is_some() && self.mode == Mode::Normal && self.form.is_none() {
            return self.circulation_key(key);
        }
        if self.dashboard.is_some() && self.mode == Mode::Normal && self.form.is_none() {
            return self.dashboard_key(key);
        }
        if self.week.is_some() && self.mode == Mode::Normal && self.form.is_none() {
            return self.week_key(key);
        }
        match self.mode {
            Mode::Command | Mode::Search | Mode::Prompt => self.line_key(key),
            Mode::Insert => self.form_key(key),
            Mode::Normal | Mode::Visual { .. } => self.normal_key(key),
        }
    }

    /// Text pasted (bracketed paste).
    pub fn paste(&mut self, s: &str) -> Vec<Effect> {
        self.dirty = true;
        if self.find.is_some() {
            return self.find_paste(s);
        }
        if let Some(l) = self.line.as_mut() {
            l.input.paste(s, false);
            return self.line_changed();
        }
        if self.mode == Mode::Insert {
            return self.form_paste(s);
        }
        vec![]
    }

    fn normal_key(&mut self, key: Key) -> Vec<Effect> {
        if self.pending.is_empty() {
            if let Some(d) = key.digit() {
                if d != 0 || self.count.is_some() {
                    let n = self.count.map(|c| c.0).unwrap_or(0);
                    let n = n.saturating_mul(10).saturating_add(d).min(99_999);
                    self.count = Some((n, Instant::now()));
                    return vec![];
                }
            }
        }
        if self.message.is_some() && self.pending.is_empty() {
            self.message = None;
        }
        let km = match self.mode {
            Mode::Visual { .. } => KeyMode::Visual,
            _ => KeyMode::Normal,
        };
        self.pending.push(key);
        match self.setup.keymap.lookup(km, &self.pending) {
            Lookup::Pending => vec![],
            Lookup::Cancelled => {
                self.pending.clear();
                let mut fx = self.flush_count();
                if key.code == Code::Esc {
                    fx.extend(self.update(Action::Back, None));
                }
                fx
            }
            Lookup::Matched(cmd) => {
                self.pending.clear();
                match command::parse(&cmd) {
                    Ok(a) if countable(&a) => {
                        let n = self.count.take().map(|c| c.0);
                        self.update(a, n)
                    }
                    Ok(a) => {
                        let mut fx = self.flush_count();
                        fx.extend(self.update(a, None));
                        fx
                    }
                    Err(e) => {
                        self.count = None;
                        let m = super::super::i18n::command_error(self.lang(), &e);
                        self.say(Level::Error, m);
                        vec![]
                    }
                }
            }
        }
    }

    /// A key on a screen laid over the lists (the caller view, the
    /// dashboard): the normal keymap's command once its keys are complete,
    /// `Esc` when a key sequence ends in it, else nothing yet (or nothing).
    pub(super) fn over_key(&mut self, key: Key) -> OverKey {
        self.pending.push(key);
        match self.setup.keymap.lookup(KeyMode::Normal, &self.pending) {
            Lookup::Pending => OverKey::Pending,
            Lookup::Cancelled => {
                self.pending.clear();
                if key.code == Code::Esc {
                    OverKey::Esc
                } else {
                    OverKey::Pending
                }
            }
            Lookup::Matched(c) => {
                self.pending.clear();
                OverKey::Command(c)
            }
        }
    }

    /// A count that no motion took: a lone digit runs its own binding (`3` → tab 3).
    pub fn flush_count(&mut self) -> Vec<Effect> {
        let Some((n, _)) = self.count.take() else {
            return vec![];
        };
        self.dirty = true;
        if n > 9 {
            return vec![];
        }
        let km = match self.mode {
            Mode::Visual { .. } => KeyMode::Visual,
            _ => KeyMode::Normal,
        };
        let key = Key::ch(char::from_digit(n, 10).unwrap_or('0'));
        match self.setup.keymap.lookup(km, &[key]) {
            Lookup::Matched(cmd) => match command::parse(&cmd) {
                Ok(a) => self.update(a, None),
                Err(_) => vec![],
            },
            _ => vec![],
        }
    }

    /// Runs a command line typed at `:` (or bound to a key).
    pub fn run_command(&mut self, line: &str) -> Vec<Effect> {
        let line = line.trim();
        if line.is_empty() {
            return vec![];
        }
        // `:3` goes to row 3, as in vim.
        if let Ok(n) = line.parse::<usize>() {
            return self.select_index(n.saturating_sub(1));
        }
        match command::parse(line) {
            Ok(a) => self.update(a, None),
            Err(e) => {
                let m = super::super::i18n::command_error(self.lang(), &e);
                self.say(Level::Error, m);
                vec![]
            }
        }
    }

    fn overlay_key(&mut self, key: Key) -> Vec<Effect> {
        let Some(ov) = self.overlay.clone() else {
            return vec![];
        };
        // Quick find from every overlay but over a form (there the keys are
        // the clerk's to type with): the overlay waits under the popup, and
        // Esc brings it back (`open_find_over`). Help closes, as before.
        if self.mode != Mode::Insert && !matches!(ov, Overlay::Help { .. }) {
            if let Lookup::Matched(c) = self.setup.keymap.lookup(KeyMode::Normal, &[key]) {
                if let Ok(Action::QuickFind(text)) = command::parse(&c) {
                    return self.open_find_over(text.as_deref().unwrap_or(""));
                }
            }
        }
        let esc = key.code == Code::Esc;
        let ch = key.text();
        match ov {
            Overlay::Help { scroll } => {
                let s = match self.setup.keymap.lookup(KeyMode::Normal, &[key]) {
                    Lookup::Matched(c) if c.starts_with("quick_find") => {
                        self.overlay = None;
                        return self.open_find("");
                    }
                    Lookup::Matched(c) if c == "move_down" => scroll + 1,
                    Lookup::Matched(c) if c == "move_up" => scroll.saturating_sub(1),
                    Lookup::Matched(c) if c == "half_page_down" => scroll + self.list_height() / 2,
                    Lookup::Matched(c) if c == "half_page_up" => {
                        scroll.saturating_sub(self.list_height() / 2)
                    }
                    _ => {
                        self.overlay = None;
                        return vec![];
                    }
                };
                self.overlay = Some(Overlay::Help { scroll: s });
                vec![]
            }
            Overlay::Welcome => match ch {
                Some('d') => {
                    self.overlay = None;
                    let m = self.t(T::MsgDemoLoading).to_string();
                    self.say(Level::Info, m);
                    vec![Effect::LoadDemo]
                }
                Some('q') => {
                    self.quit = true;
                    vec![]
                }
                _ if key.code == Code::Enter || esc => {
                    self.overlay = None;
                    vec![]
                }
                _ => vec![],
            },
            Overlay::Confirm {
                yes, discard_form, ..
            } => match ch {
                Some('y') | Some('Y') => {
                    self.overlay = None;
                    if discard_form {
                        return self.discard_form();
                    }
                    if matches!(self.mode, Mode::Visual { .. }) {
                        self.mode = Mode::Normal;
                    }
                    yes
                }
                Some('n') | Some('N') | Some('q') => {
                    self.overlay = None;
                    vec![]
                }
                _ if esc => {
                    self.overlay = None;
                    vec![]
                }
                _ => vec![],
            },
            Overlay::Moves(m) => self.menu_key(*m, key),
            Overlay::Notice(v) => self.notice_key(*v, key),
            Overlay::Stats => {
                self.overlay = None;
                vec![]
            }
            Overlay::ChooseKind => {
                self.overlay = None;
                match ch {
                    Some('1') => self.open_new(crate::model::Kind::Incoming),
                    Some('2') => self.open_new(crate::model::Kind::Outgoing),
                    _ => vec![],
                }
            }
            Overlay::ChooseDirectory => {
                self.overlay = None;
                match ch {
                    Some('1') => self.new_person(),
                    Some('2') => self.new_unit(),
                    _ => vec![],
                }
            }
            Overlay::Draft(d) => match ch {
                Some('r') => {
                    self.overlay = None;
                    self.restore_draft(*d)
                }
                Some('x') => {
                    self.overlay = None;
                    let m = self.t(T::MsgDraftDeleted).to_string();
                    self.say(Level::Info, m);
                    vec![Effect::DeleteDraft(d.name.clone())]
                }
                _ if esc => {
                    self.overlay = None;
                    vec![]
                }
                _ => vec![],
            },
        }
    }
}

/// What [`App::over_key`] made of a key.
pub(super) enum OverKey {
    /// A command line of the normal keymap.
    Command(String),
    /// `Esc`: close the screen.
    Esc,
    /// Part of a longer binding, or bound to nothing.
    Pending,
}
