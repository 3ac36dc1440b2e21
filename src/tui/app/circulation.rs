//! The 傳閱 view: every 收文 copy out with a reader — who holds it, since
//! when, how many days, how often it was asked back — longest out first,
//! the rows `model::circulation` counts (the same as `shuniu circulation`).
//! `:circulation [N]` or its key opens it over the workbench; `j/k` move,
//! `Enter` goes to the item in the 辦文 tab, `c` asks the holder for it
//! back (催收, the same step the `m` menu writes), `Esc` closes it and the
//! clerk is where they were. A change pushed while it is open replaces
//! that item's rows in place; nothing is read again.

use chrono::NaiveDate;

use crate::model::circulation::{self, Out};
use crate::model::{Act, Item, Kind};

use super::super::command::{self, Action};
use super::super::event::{Effect, StepWrite};
use super::super::key::Key;
use super::super::text::clean;
use super::dispatch::OverKey;
use super::{App, Level};

/// The open 傳閱 view.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CircView {
    /// The copies out (only those over [`CircView::over`] days), longest first.
    pub rows: Vec<Out>,
    /// Only copies out for more than this many days (0: all).
    pub over: u32,
    /// The day the days are counted to (`None` until the first answer).
    pub today: Option<NaiveDate>,
    /// The row under the cursor.
    pub selected: usize,
    /// The first row shown.
    pub offset: usize,
    /// The generation of the request the view waits for.
    pub gen: u64,
    /// An answer is awaited.
    pub loading: bool,
}

impl CircView {
    /// The row under the cursor.
    pub fn current(&self) -> Option<&Out> {
        self.rows.get(self.selected)
    }

    fn move_by(&mut self, d: i64, height: usize) {
        let n = self.rows.len() as i64;
        if n == 0 {
            return;
        }
        self.selected = (self.selected as i64 + d).clamp(0, n - 1) as usize;
        self.offset = super::lists::scrolled(self.selected, self.offset, height);
    }

    /// Replaces the rows of `it` with what it holds out now, keeping the
    /// cursor on the same copy when it is still out.
    fn replace(&mut self, it: &Item) {
        let Some(today) = self.today else {
            return;
        };
        let at = self.current().map(|o| (o.id, o.holder.clone(), o.since));
        self.rows.retain(|o| o.id != it.id);
        self.rows.extend(
            circulation::of_item(it, today)
                .into_iter()
                .filter(|o| circulation::passes(o, self.over)),
        );
        circulation::sort(&mut self.rows);
        if let Some((id, holder, since)) = at {
            if let Some(i) = self
                .rows
                .iter()
                .position(|o| o.id == id && o.holder == holder && o.since == since)
            {
                self.selected = i;
            }
        }
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
    }
}

/// Rows of copies the view shows on a terminal `h` rows high.
pub fn circ_rows(h: u16) -> usize {
    // Header, status bar, bottom line; borders; the column heading.
    (h as usize).saturating_sub(3 + 2 + 1).clamp(1, 60)
}

impl App {
    /// Opens the 傳閱 view: copies out for more than `over` days (`None`:
    /// all). On the view, the same command closes it.
    pub fn open_circulation(&mut self, over: Option<u32>) -> Vec<Effect> {
        if self.circulation.take().is_some() && over.is_none() {
            return vec![];
        }
        let gen = self.popup_gen();
        self.circulation = Some(CircView {
            over: over.unwrap_or(0),
            gen,
            loading: true,
            ..CircView::default()
        });
        self.dirty = true;
        vec![Effect::LoadCirculation { gen }]
    }

    /// The rows arrived (an older request's answer is dropped), or why
    /// they could not be read (said in the status line; `r` asks again).
    pub(super) fn circulation_loaded(
        &mut self,
        gen: u64,
        today: NaiveDate,
        rows: Result<Vec<Out>, Box<crate::core::ServiceError>>,
    ) -> Vec<Effect> {
        let Some(c) = self.circulation.as_mut().filter(|c| c.gen == gen) else {
            return vec![];
        };
        c.loading = false;
        match rows {
            Ok(rows) => {
                let over = c.over;
                c.rows = rows
                    .into_iter()
                    .filter(|o| circulation::passes(o, over))
                    .collect();
                c.today = Some(today);
                c.selected = c.selected.min(c.rows.len().saturating_sub(1));
            }
            Err(e) => {
                let m = self.error_text(&e);
                self.say(Level::Error, m);
            }
        }
        self.dirty = true;
        vec![]
    }

    /// A change was pushed: the item's rows in an open view are replaced.
    pub(super) fn circulation_changed(&mut self, it: &Item) {
        if it.kind != Kind::Incoming {
            return;
        }
        if let Some(c) = self.circulation.as_mut() {
            c.replace(it);
            self.dirty = true;
        }
    }

    /// 催收 the copy under the cursor: the step the `m` menu's 催收 writes.
    fn chase_current(&mut self) -> Vec<Effect> {
        let Some(o) = self.circulation.as_ref().and_then(|c| c.current()).cloned() else {
            return self.no_item();
        };
        let verb = self.lang().label("催收", "ask back");
        vec![Effect::Step {
            id: o.id,
            version: o.version,
            writes: vec![StepWrite::Act(Act::Chase {
                holder: o.holder.clone(),
            })],
            label: format!("{verb} {}", clean(&o.holder)),
        }]
    }

    /// A key while the 傳閱 view is open.
    pub(super) fn circulation_key(&mut self, key: Key) -> Vec<Effect> {
        let cmd = match self.over_key(key) {
            OverKey::Command(c) => c,
            OverKey::Esc => {
                self.circulation = None;
                return vec![];
            }
            OverKey::Pending => return vec![],
        };
        let h = circ_rows(self.size.1);
        let action = command::parse(&cmd);
        let Some(c) = self.circulation.as_mut() else {
            return vec![];
        };
        if let Some(d) = action
            .as_ref()
            .ok()
            .and_then(|a| super::lists::motion(a, h))
        {
            c.move_by(d, h);
            return vec![];
        }
        match action {
            // The key that starts a call elsewhere (`c`) asks the holder
            // for the copy back here: the same key, read through the keymap.
            Ok(Action::Call) => return self.chase_current(),
            Ok(Action::Open) => {
                let Some(id) = c.current().map(|o| o.id) else {
                    return vec![];
                };
                self.circulation = None;
                return self.show_item(Kind::Incoming, id);
            }
            Ok(Action::Reload) => {
                let over = c.over;
                self.circulation = None;
                return self.open_circulation(Some(over));
            }
            Ok(Action::Back | Action::Quit | Action::Circulation(None)) => {
                self.circulation = None;
            }
            Ok(Action::Tab(i)) => {
                self.circulation = None;
                return self.goto_tab(i);
            }
            Ok(a @ (Action::Help | Action::Redraw | Action::CommandLine)) => {
                return self.update(a, None)
            }
            _ => {}
        }
        vec![]
    }
}
