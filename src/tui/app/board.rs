//! The 督查 board: every 督查 item, kept up to date by pushes, with its
//! traffic light (`model::supervision::light`, the config's thresholds). The
//! 督查 tab shows the lights and sorts red first, then yellow, then green;
//! the statistics overlay counts the same items (`model::sv_stats`).

use std::collections::HashMap;

use crate::core::Row;
use crate::model::supervision::{light, Light};
use crate::model::sv_stats::{unit_stats, UnitStats};
use crate::model::{Item, ItemId, Kind};

use super::{App, Effect, Overlay, TabKind, TABS};

/// Every 督查 item and its light.
#[derive(Debug, Clone, Default)]
pub struct Board {
    /// The items have arrived at least once.
    pub loaded: bool,
    /// The items.
    pub items: Vec<Item>,
    /// The light of each item in progress.
    pub lights: HashMap<ItemId, Light>,
}

/// Where a light sorts: red, yellow, green, then items without one.
fn rank(l: Option<Light>) -> u8 {
    match l {
        Some(Light::Red) => 0,
        Some(Light::Yellow) => 1,
        Some(Light::Green) => 2,
        None => 3,
    }
}

impl App {
    /// The light of an item on the board, if it has one.
    pub fn light_of(&self, id: ItemId) -> Option<Light> {
        self.board.lights.get(&id).copied()
    }

    /// Effects to (re)load the board with the 督查 tab.
    pub(super) fn load_board(&self, tab: usize) -> Vec<Effect> {
        if TABS[tab] == TabKind::Supervision {
            vec![Effect::LoadBoard]
        } else {
            vec![]
        }
    }

    fn relight(&mut self, it: &Item) {
        let s = &self.setup;
        match light(it, s.today, &s.calendar, &s.thresholds) {
            Some(sig) => self.board.lights.insert(it.id, sig.light),
            None => self.board.lights.remove(&it.id),
        };
    }

    /// Every 督查 item arrived: the lights are computed and the tab sorted.
    pub(super) fn board_loaded(&mut self, items: Vec<Item>) -> Vec<Effect> {
        self.board.items.clear();
        self.board.lights.clear();
        for it in &items {
            self.relight(it);
        }
        self.board.items = items;
        self.board.loaded = true;
        self.order_board();
        vec![]
    }

    /// A 督查 item was written: its light again, and the tab re-sorted.
    pub(super) fn board_put(&mut self, it: &Item) {
        if it.kind != Kind::Supervision || !self.board.loaded {
            return;
        }
        match self.board.items.iter().position(|o| o.id == it.id) {
            Some(i) if self.board.items[i].version >= it.version => return,
            Some(i) => self.board.items[i] = it.clone(),
            None => self.board.items.push(it.clone()),
        }
        self.relight(it);
        self.order_board();
    }

    /// Rows arriving for `tab`, in the board's order when it is the 督查 tab.
    pub(super) fn by_light(&self, tab: usize, mut rows: Vec<Row>) -> Vec<Row> {
        if TABS[tab] == TabKind::Supervision {
            rows.sort_by_key(|r| self.light_key(r));
        }
        rows
    }

    fn light_key(&self, r: &Row) -> (u8, bool, Option<chrono::NaiveDate>) {
        (
            rank(self.board.lights.get(&r.id).copied()),
            r.deadline.is_none(),
            r.deadline,
        )
    }

    /// Sorts the 督查 tab red first, then yellow, then green, each by
    /// deadline (none last); the selection follows its item.
    pub(super) fn order_board(&mut self) {
        let Some(tab) = TABS.iter().position(|t| *t == TabKind::Supervision) else {
            return;
        };
        let h = self.list_height();
        let mut rows = std::mem::take(&mut self.tabs[tab].rows);
        rows.sort_by_key(|r| self.light_key(r));
        let mut all = self.tabs[tab].unfiltered.take();
        if let Some((_, all)) = all.as_mut() {
            all.sort_by_key(|r| self.light_key(r));
        }
        let t = &mut self.tabs[tab];
        t.rows = rows;
        t.unfiltered = all;
        // The selection stays on its item; a selection waiting for rows still waits.
        if let Some(i) = t
            .sel_id
            .and_then(|id| t.rows.iter().position(|r| r.id == id))
        {
            t.selected = i;
            t.scroll_to(h);
        }
    }

    /// The statistics of the office year (its deadlines from 1 January to
    /// 31 December), by lead unit, the total last.
    pub fn board_stats(&self) -> (chrono::NaiveDate, chrono::NaiveDate, Vec<UnitStats>) {
        use chrono::Datelike;
        let today = self.setup.today;
        let from = chrono::NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
        let to = chrono::NaiveDate::from_ymd_opt(today.year(), 12, 31).unwrap_or(today);
        (from, to, unit_stats(&self.board.items, from, to, today))
    }

    /// Opens the statistics (loading the board first if needed).
    pub(super) fn open_stats(&mut self) -> Vec<Effect> {
        self.overlay = Some(Overlay::Stats);
        if self.board.loaded {
            vec![]
        } else {
            vec![Effect::LoadBoard]
        }
    }
}
