//! The dashboard screen: what a 主任 asks first — what falls due today and
//! this week by kind, which units hold overdue work, how much came in each
//! day. One key opens it over the workbench and `Esc` closes it, leaving the
//! tab, the selection and the detail exactly as they were. The numbers are
//! counted by the worker (`model::dashboard`) from the service's rows; a
//! change pushed while the screen is open asks for them again, so the
//! screen follows the office without a key press.

use crate::model::dashboard::Dashboard;

use super::super::command::{self, Action};
use super::super::event::Effect;
use super::super::key::Key;
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
    /// A change arrived while a request was out: ask again on its answer.
    pub stale: bool,
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
            stale: false,
        });
        self.refresh_dashboard()
    }

    /// Asks the worker for fresh numbers (if the dashboard is open and no
    /// request is out; one that is out is answered, then asked again).
    pub(super) fn refresh_dashboard(&mut self) -> Vec<Effect> {
        self.req_gen += 1;
        let gen = self.req_gen;
        let Some(d) = self.dashboard.as_mut() else {
            return vec![];
        };
        if d.pending {
            d.stale = true;
            return vec![];
        }
        d.gen = gen;
        d.pending = true;
        d.stale = false;
        vec![Effect::LoadDashboard {
            gen,
            days: INTAKE_DAYS,
        }]
    }

    /// The worker's answer arrived: the numbers, or why they could not be
    /// counted (said in the status line; the next change or `r` asks again).
    pub(super) fn dashboard_loaded(
        &mut self,
        gen: u64,
        board: Result<Box<Dashboard>, Box<crate::core::ServiceError>>,
    ) -> Vec<Effect> {
        let Some(d) = self.dashboard.as_mut().filter(|d| d.gen == gen) else {
            return vec![];
        };
        d.pending = false;
        let stale = d.stale;
        match board {
            Ok(b) => d.board = Some(b),
            Err(e) => {
                let m = self.error_text(&e);
                self.say(Level::Error, m);
                return vec![];
            }
        }
        self.dirty = true;
        if stale {
            return self.refresh_dashboard();
        }
        vec![]
    }

    /// A change was pushed: an open dashboard counts again.
    pub(super) fn dashboard_changed(&mut self) -> Vec<Effect> {
        if self.dashboard.is_none() {
            return vec![];
        }
        self.refresh_dashboard()
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
