//! A workbench on a store stocked with given items (created before it
//! starts, dated by the harness's fixed clock): what the workflow and 辦會
//! harness tests set up.

use std::sync::Arc;

use shuniu::core::{Core, Service};
use shuniu::model::{Command, Item, Kind, WorkCalendar};
use shuniu::tui::app::TabKind;
use shuniu::tui::harness::{fixture, Harness, FIXED_NOW};
use shuniu::tui::i18n::Lang;

/// The store's folder, the service and the workbench on it.
pub struct Stocked {
    pub dir: tempfile::TempDir,
    pub core: Arc<Core>,
    pub h: Harness,
}

/// The office's today in these tests, and its calendar.
pub fn ctx() -> (chrono::NaiveDate, WorkCalendar) {
    (
        chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
        WorkCalendar::builtin(),
    )
}

/// A new item of `kind` with `fields` set as a clerk would type them.
pub fn item(kind: Kind, title: &str, fields: &[(&str, &str)]) -> Item {
    let (today, cal) = ctx();
    let dc = shuniu::model::DateCtx { today, cal: &cal };
    let mut it = Item::new(kind, title, "tester", FIXED_NOW);
    for (k, v) in fields {
        it.set(k, v, &dc).unwrap();
    }
    it
}

/// A store holding `items`, the workbench on it at `size` (in 繁體), and
/// the items as stored.
pub fn stocked(items: Vec<Item>, size: (u16, u16)) -> (Stocked, Vec<Item>) {
    let dir = tempfile::tempdir().unwrap();
    let core = fixture(&dir.path().join("data"), 0);
    let made: Vec<Item> = items
        .into_iter()
        .map(|it| core.apply(Command::Create { item: Box::new(it) }).unwrap())
        .collect();
    let h = Harness::new(
        core.clone(),
        WorkCalendar::builtin(),
        size,
        Lang::Hant,
        None,
    );
    (Stocked { dir, core, h }, made)
}

impl Stocked {
    /// Shows item `id` in its tab, selected, its detail loaded.
    pub fn go(&mut self, id: u64) {
        let it = self.core.get(id).unwrap();
        let fx = self.h.app.jump(TabKind::of(it.kind), id);
        self.h.run(fx);
        assert_eq!(self.h.app.selected_row().map(|r| r.id), Some(id));
    }
}
