//! What the workbench's key-sequence tests share: an in-process `Core` on
//! a temporary store (fixed clock, demo seed 2026) driven through the harness.
#![allow(dead_code)]

pub mod counting;
pub mod stocked;

use std::sync::Arc;

use shuniu::core::{Core, Service};
use shuniu::model::{Item, WorkCalendar};
use shuniu::tui::harness::{fixture, Harness, FIXED_NOW};
use shuniu::tui::i18n::Lang;

pub struct T {
    pub _dir: tempfile::TempDir,
    pub core: Arc<Core>,
    pub h: Harness,
}

pub fn setup(items: usize, size: (u16, u16)) -> T {
    let dir = tempfile::tempdir().unwrap();
    let core = fixture(&dir.path().join("data"), items);
    let h = Harness::new(
        core.clone(),
        WorkCalendar::builtin(),
        size,
        Lang::Hant,
        Some(dir.path().join("drafts")),
    );
    T { _dir: dir, core, h }
}

/// Like `setup`, with the worker's clock fixed at `FIXED_NOW` too (call
/// records, the demo's dates).
pub fn setup_fixed(items: usize, size: (u16, u16)) -> T {
    let mut t = setup(items, size);
    t.h.cx.now = Some(FIXED_NOW);
    t
}

/// Goes to tab `n` through the `:` line.
pub fn tab(t: &mut T, n: usize) {
    t.h.press(&format!(":tab {n}<Enter>"));
}

impl T {
    pub fn sel(&self) -> Item {
        let r = self.h.app.selected_row().expect("a selected row").clone();
        self.core.get(r.id).unwrap()
    }
    pub fn sel_index(&self) -> usize {
        self.h.app.cur().selected
    }
}

/// Another clerk, `lin`, on the same store.
pub fn colleague(core: &Core) -> Core {
    let mut u = core.whoami().unwrap();
    u.login = "lin".into();
    u.display = "林文書".into();
    u.uid = 1001;
    Core::as_user(core.engine().clone(), u)
}
