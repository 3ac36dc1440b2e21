//! The dashboard screen: what a 主任 asks first — what falls due today and
//! this week by kind, which units hold overdue work, how much came in each
//! day. One key opens it over the workbench and `Esc` closes it, leaving the
//! tab, the selection and the detail exactly as they were. The worker reads
//! the rows it counts (every open item, every 收件) once and counts them
//! (`model::dashboard`); the screen keeps the rows, and a change pushed
//! while it is open replaces the changed item's row in place. However many
//! changes arrive together, the numbers are counted again once, when the
//! main loop has handled them all (`App::settle`); nothing is read again.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::core::Row;
use crate::model::dashboard::Dashboard;
use crate::model::{Item, ItemId};

use super::super::command::{self, Action};
use super::super::event::{DashLoad, Effect};
use super::super::key::Key;
use super::dash_rows::Rows;
use super::dispatch::OverKey;
use super::{App, Level};

/// Days of intake the worker counts; the view shows the last
/// [`INTAKE_DAYS_NARROW`] of them on a narrow screen.
pub const INTAKE_DAYS: u32 = 30;

/// Days of intake a screen narrower than 100 cells shows.
pub const INTAKE_DAYS_NARROW: usize = 14;

/// The open dashboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DashView {
    /// The numbers, once the first answer came (`None`: loading).
    pub board: Option<Box<Dashboard>>,
    /// The generation of the newest request (older answers are dropped).
    pub gen: u64,
    /// A request is out (a newer one is asked for only when it answers).
    pub pending: bool,
    /// The rows counted, by item (`None` until an answer came, or after a
    /// failed one: a change then asks for them all again).
    rows: Option<Rows>,
    /// The day the rows were counted for.
    today: Option<NaiveDate>,
    /// Rows pushed while a request was out, the newest of each item: laid
    /// over its answer, which may have been read before or after them.
    early: HashMap<ItemId, Row>,
    /// Rows changed since the numbers were counted: `settle` counts again.
    recount: bool,
    /// How many times the numbers were counted again from pushed rows.
    pub recounts: u64,
}

impl App {
    /// Opens the dashboard (or closes it, when the key is pressed on it).
    pub fn toggle_dashboard(&mut self) -> Vec<Effect> {
        if self.dashboard.is_some() {
            self.dashboard = None;
            return vec![];
        }
        self.dashboard = Some(DashView {
            board: None,
            gen: 0,
            pending: false,
            rows: None,
            today: None,
            early: HashMap::new(),
            recount: false,
            recounts: 0,
        });
        self.refresh_dashboard()
    }

    /// Asks the worker for every row and fresh numbers (if the dashboard is
    /// open and no request is out).
    pub(super) fn refresh_dashboard(&mut self) -> Vec<Effect> {
        self.req_gen += 1;
        let gen = self.req_gen;
        let Some(d) = self.dashboard.as_mut() else {
            return vec![];
        };
        if d.pending {
            return vec![];
        }
        d.gen = gen;
        d.pending = true;
        // What was pushed before this request is in its answer.
        d.early.clear();
        vec![Effect::LoadDashboard {
            gen,
            days: INTAKE_DAYS,
        }]
    }

    /// The worker's answer arrived: its rows, with the changes pushed since
    /// the request laid over them, and its numbers (counted again by
    /// `settle` when those changes moved any row); or why they could not
    /// be read (said in the status line; the next change or `r` asks again).
    pub(super) fn dashboard_loaded(
        &mut self,
        gen: u64,
        load: Result<Box<DashLoad>, Box<crate::core::ServiceError>>,
    ) -> Vec<Effect> {
        // Only the answer to the request out counts, once.
        let Some(d) = self
            .dashboard
            .as_mut()
            .filter(|d| d.pending && d.gen == gen)
        else {
            return vec![];
        };
        d.pending = false;
        let early = std::mem::take(&mut d.early);
        let load = match load {
            Ok(l) => *l,
            Err(e) => {
                d.rows = None;
                let m = self.error_text(&e);
                self.say(Level::Error, m);
                return vec![];
            }
        };
        let mut rows = Rows::of(load.rows);
        // A change pushed meanwhile on a later day than the answer counted
        // for (the request was read before midnight): what is due has moved,
        // so it is read again, as `dashboard_changed` does when none is out.
        let later_day = early
            .values()
            .any(|r| crate::model::time::local_date(r.updated) > load.board.today);
        // An early row older than the answer's is dropped by its version; one
        // the answer lacks is put in (were the item closed since, that push
        // is on its way and takes it out again).
        let mut moved = false;
        for r in early.into_values() {
            moved |= rows.place(r);
        }
        d.today = Some(load.board.today);
        d.board = Some(Box::new(load.board));
        d.rows = Some(rows);
        d.recount = moved;
        self.dirty = true;
        if later_day {
            return self.refresh_dashboard();
        }
        vec![]
    }

    /// A change was pushed: an open dashboard puts the item's row in place
    /// (counted again by `settle`, once for every change of one wake-up);
    /// while a request is out the row waits for its answer. It reads every
    /// row again only when it cannot tell: it holds none (the last answer
    /// failed), or the change was made on a later day than the one counted
    /// (past midnight, what is due and overdue has moved).
    pub(super) fn dashboard_changed(&mut self, it: &Item) -> Vec<Effect> {
        let Some(d) = self.dashboard.as_mut() else {
            return vec![];
        };
        let later_day = d
            .today
            .is_some_and(|t| crate::model::time::local_date(it.updated) > t);
        if later_day && !d.pending {
            return self.refresh_dashboard();
        }
        let row = Row::of(it);
        if d.pending {
            if d.early.get(&row.id).is_none_or(|r| r.version < row.version) {
                d.early.insert(row.id, row);
            }
            return vec![];
        }
        match d.rows.as_mut() {
            Some(rows) => {
                d.recount |= rows.place(row);
                vec![]
            }
            None => self.refresh_dashboard(),
        }
    }

    /// Counts the dashboard again if pushed changes moved its rows since it
    /// was counted: called once the events of one wake-up are handled, so a
    /// burst of changes is one count, and no request.
    pub(super) fn settle_dashboard(&mut self) {
        let cal = &self.setup.calendar;
        let Some(d) = self.dashboard.as_mut().filter(|d| d.recount) else {
            return;
        };
        d.recount = false;
        let (Some(rows), Some(today)) = (d.rows.as_ref(), d.today) else {
            return;
        };
        let rows: Vec<&Row> = rows.live.values().collect();
        d.board = Some(Box::new(Dashboard::build(&rows, today, cal, INTAKE_DAYS)));
        d.recounts += 1;
        self.dirty = true;
    }

    /// A key while the dashboard is open: `Esc` (or the dashboard key, or
    /// `q`) closes it, a tab number closes it and goes there, `reload`
    /// counts again; help and the `:` line work over it.
    pub(super) fn dashboard_key(&mut self, key: Key) -> Vec<Effect> {
        let cmd = match self.over_key(key) {
            OverKey::Command(c) => c,
            OverKey::Esc => {
                self.dashboard = None;
                return vec![];
            }
            OverKey::Pending => return vec![],
        };
        match command::parse(&cmd) {
            Ok(Action::Back | Action::Quit | Action::Dashboard) => {
                self.dashboard = None;
                vec![]
            }
            Ok(Action::Tab(i)) => {
                self.dashboard = None;
                self.goto_tab(i)
            }
            Ok(Action::Reload) => {
                if let Some(d) = self.dashboard.as_mut() {
                    // A lost answer must not block `r` for good.
                    d.pending = false;
                }
                self.refresh_dashboard()
            }
            Ok(a @ (Action::Help | Action::Redraw | Action::CommandLine)) => self.update(a, None),
            _ => vec![],
        }
    }
}
