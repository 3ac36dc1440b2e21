//! The workbench's state and the pure functions that change it: keys go
//! through the keymap to actions (`dispatch`), actions become state changes
//! and effects (`update`), and effects' outcomes and server pushes come back
//! through `outcome`. Nothing here does I/O; views only read this state.

mod dispatch;
mod form;
mod line;
mod lists;
mod outcome;
mod triage;
mod update;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use crate::core::{Counts, Row};
use crate::model::{
    HistoryEntry, Item, ItemId, Kind, Person, Transition, Unit, User, WorkCalendar,
};

pub use form::{Form, FormField};
pub use lists::TabState;

use super::draft::Draft;
use super::event::{Effect, LinkView, Repeatable, UndoEntry};
use super::i18n::{tr, Lang, T};
use super::input::TextInput;
use super::key::Key;
use super::keymap::Keymap;
use super::theme::Theme;

/// The six tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TabKind {
    /// 收件.
    Inbox,
    /// 辦文: 收文 and 發文.
    Docs,
    /// 辦會.
    Meetings,
    /// 辦事.
    Affairs,
    /// 督查.
    Supervision,
    /// 通訊錄.
    Directory,
}

/// The tabs in order.
pub const TABS: [TabKind; 6] = [
    TabKind::Inbox,
    TabKind::Docs,
    TabKind::Meetings,
    TabKind::Affairs,
    TabKind::Supervision,
    TabKind::Directory,
];

impl TabKind {
    /// The kinds of item the tab lists.
    pub fn kinds(self) -> &'static [Kind] {
        match self {
            TabKind::Inbox => &[Kind::Inbox],
            TabKind::Docs => &[Kind::Incoming, Kind::Outgoing],
            TabKind::Meetings => &[Kind::Meeting],
            TabKind::Affairs => &[Kind::Affair],
            TabKind::Supervision => &[Kind::Supervision],
            TabKind::Directory => &[],
        }
    }

    /// Its name.
    pub fn title(self) -> T {
        match self {
            TabKind::Inbox => T::TabInbox,
            TabKind::Docs => T::TabDocs,
            TabKind::Meetings => T::TabMeetings,
            TabKind::Affairs => T::TabAffairs,
            TabKind::Supervision => T::TabSupervision,
            TabKind::Directory => T::TabDirectory,
        }
    }

    /// The tab an item of `kind` lives in.
    pub fn of(kind: Kind) -> usize {
        TABS.iter()
            .position(|t| t.kinds().contains(&kind))
            .unwrap_or(0)
    }
}

/// The editing mode, shown in the status line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Moving about, one-key actions.
    Normal,
    /// A range is selected from `anchor` to the cursor.
    Visual {
        /// Where the selection started (a row index).
        anchor: usize,
    },
    /// A form is open.
    Insert,
    /// The `:` line.
    Command,
    /// The `/` filter.
    Search,
    /// A prompt for an argument.
    Prompt,
}

/// What a line being typed is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineFor {
    /// The `:` command line.
    Command,
    /// The `/` filter.
    Search,
    /// A handler for the targets.
    Assign(Vec<ItemId>),
    /// A deadline for the targets.
    Due(Vec<ItemId>),
    /// A reason to close the targets.
    Close(Vec<ItemId>),
    /// A note on the targets.
    Note(Vec<ItemId>),
    /// The note a move needs.
    MoveNote(Vec<ItemId>, crate::model::Status, String),
}

/// A line being typed at the bottom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// What for.
    pub purpose: LineFor,
    /// The text.
    pub input: TextInput,
    /// Tab completion candidates and the one shown.
    pub completions: Vec<String>,
    /// Which candidate Tab showed last.
    pub comp_index: Option<usize>,
    /// The text before completion started.
    pub comp_base: String,
}

/// Something drawn over the screen that takes the keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// The key help.
    Help {
        /// Lines scrolled.
        scroll: usize,
    },
    /// First start on an empty store.
    Welcome,
    /// Yes or no before a change to several items, or before discarding a form.
    Confirm {
        /// The question.
        text: String,
        /// What yes does.
        yes: Vec<Effect>,
        /// Yes discards the open form.
        discard_form: bool,
    },
    /// The workflow moves of the current item, chosen by digit.
    Moves {
        /// The targets.
        ids: Vec<ItemId>,
        /// The moves offered.
        moves: Vec<Transition>,
    },
    /// 收文 or 發文 for a new item in 辦文.
    ChooseKind,
    /// A draft left by an earlier session.
    Draft(Box<Draft>),
}

/// Which pane has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The list.
    List,
    /// The detail (scrolls with j/k; the only pane on narrow screens).
    Detail,
}

/// What the detail pane shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detail {
    /// The item.
    pub item: Item,
    /// Its history, oldest first.
    pub history: Vec<HistoryEntry>,
    /// Its links.
    pub links: Vec<LinkView>,
}

/// How loud a message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Done.
    Info,
    /// Refused or failed.
    Error,
}

/// Settings fixed at start.
#[derive(Debug, Clone)]
pub struct Setup {
    /// Display language.
    pub lang: Lang,
    /// Colours.
    pub theme: Theme,
    /// What the terminal shows (for `:theme`).
    pub depth: super::theme::Depth,
    /// Key bindings.
    pub keymap: Keymap,
    /// The user.
    pub user: User,
    /// The office's today.
    pub today: NaiveDate,
    /// The working-day calendar (traffic lights).
    pub calendar: WorkCalendar,
    /// What the status line says about the connection.
    pub connection: String,
    /// Where drafts go (`None`: nowhere).
    pub drafts: Option<PathBuf>,
    /// How long a lone digit waits for a motion before it switches tabs.
    pub count_timeout: Duration,
}

/// The whole state.
#[derive(Debug, Clone)]
pub struct App {
    /// Fixed settings.
    pub setup: Setup,
    /// The current tab.
    pub tab: usize,
    /// Each tab's list.
    pub tabs: Vec<TabState>,
    /// Header counts.
    pub counts: Counts,
    /// Units of the directory.
    pub units: Vec<Unit>,
    /// People of the directory.
    pub people: Vec<Person>,
    /// The mode.
    pub mode: Mode,
    /// A line being typed (`:`, `/`, prompts).
    pub line: Option<Line>,
    /// An overlay.
    pub overlay: Option<Overlay>,
    /// The open form.
    pub form: Option<Form>,
    /// Which pane has the keys.
    pub focus: Focus,
    /// The detail pane's item.
    pub detail: Option<Detail>,
    /// The directory's detail: the selected person's unit's open items.
    pub unit_items: Vec<Row>,
    /// Detail scroll.
    pub detail_scroll: usize,
    /// Keys of a pending prefix (`g`).
    pub pending: Vec<Key>,
    /// A count being typed, and when its last digit came.
    pub count: Option<(u32, Instant)>,
    /// The last message.
    pub message: Option<(String, Level)>,
    /// Changes `u` can take back, newest last.
    pub undo: Vec<UndoEntry>,
    /// What `.` repeats.
    pub last_change: Option<Repeatable>,
    /// Items jumped from (`gf`), for `Ctrl-o`.
    pub jumps: Vec<(usize, ItemId)>,
    /// Terminal size.
    pub size: (u16, u16),
    /// Something changed since the last frame.
    pub dirty: bool,
    /// Leave now.
    pub quit: bool,
    /// A full repaint was asked for (`Ctrl-l`).
    pub clear: bool,
    /// The store looked empty at start (the welcome screen's test).
    pub first_start: bool,
    /// Generation of detail requests.
    pub detail_gen: u64,
    /// A counts request is out.
    pub counts_pending: bool,
    /// The `:` lines typed, newest last.
    pub history: Vec<String>,
    /// The visual selection's anchor while the `:` line is open.
    pub line_anchor: Option<usize>,
    /// While `/` is typed, the detail loads only once typing pauses.
    pub detail_due: Option<Instant>,
}

impl App {
    /// A fresh workbench; `effects` are what it needs loaded first.
    pub fn new(setup: Setup, size: (u16, u16)) -> (App, Vec<Effect>) {
        let mut tabs: Vec<TabState> = TABS.iter().map(|_| TabState::default()).collect();
        tabs[0].open_only = true;
        let mut app = App {
            setup,
            tab: 0,
            tabs,
            counts: Counts::default(),
            units: vec![],
            people: vec![],
            mode: Mode::Normal,
            line: None,
            overlay: None,
            form: None,
            focus: Focus::List,
            detail: None,
            unit_items: vec![],
            detail_scroll: 0,
            pending: vec![],
            count: None,
            message: None,
            undo: vec![],
            last_change: None,
            jumps: vec![],
            size,
            dirty: true,
            quit: false,
            clear: false,
            first_start: true,
            detail_gen: 0,
            counts_pending: true,
            history: vec![],
            line_anchor: None,
            detail_due: None,
        };
        let mut fx = vec![Effect::LoadCounts, Effect::LoadDirectory];
        fx.extend(app.load_tab(0));
        if let Some(dir) = &app.setup.drafts {
            if let Some(d) = super::draft::list(dir).into_iter().next() {
                app.overlay = Some(Overlay::Draft(Box::new(d)));
            }
        }
        (app, fx)
    }

    /// The language.
    pub fn lang(&self) -> Lang {
        self.setup.lang
    }

    /// A UI string.
    pub fn t(&self, t: T) -> &'static str {
        t.text(self.setup.lang)
    }

    /// A UI string with arguments.
    pub fn tf(&self, t: T, args: &[&str]) -> String {
        tr(self.setup.lang, t, args)
    }

    /// Says something in the status line.
    pub fn say(&mut self, level: Level, s: impl Into<String>) {
        self.message = Some((s.into(), level));
        self.dirty = true;
    }

    /// The current tab's kind.
    pub fn tab_kind(&self) -> TabKind {
        TABS[self.tab]
    }

    /// The current tab's state.
    pub fn cur(&self) -> &TabState {
        &self.tabs[self.tab]
    }

    /// The current tab's state, to change.
    pub fn cur_mut(&mut self) -> &mut TabState {
        &mut self.tabs[self.tab]
    }

    /// The selected row of an item tab.
    pub fn selected_row(&self) -> Option<&Row> {
        let t = self.cur();
        t.rows.get(t.selected)
    }

    /// Whether the screen shows list and detail side by side.
    pub fn wide(&self) -> bool {
        self.size.0 >= 100
    }

    /// Rows of the list that fit on screen.
    pub fn list_height(&self) -> usize {
        super::view::list_height(self.size.1)
    }

    /// When the main loop must wake up even without input.
    pub fn deadline(&self) -> Option<Instant> {
        let count = self.count.map(|(_, at)| at + self.setup.count_timeout);
        match (count, self.detail_due) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Called when `deadline` passes: a lone digit becomes its own binding,
    /// a deferred detail loads.
    pub fn tick(&mut self, now: Instant) -> Vec<Effect> {
        let mut fx = match self.count {
            Some((_, at)) if now >= at + self.setup.count_timeout => self.flush_count(),
            _ => vec![],
        };
        if self.detail_due.is_some_and(|d| now >= d) {
            self.detail_due = None;
            fx.extend(self.load_detail());
        }
        fx
    }

    /// The ids the next change applies to: the visual selection or the current row.
    pub fn targets(&self) -> Vec<ItemId> {
        let t = self.cur();
        match self.mode {
            Mode::Visual { anchor } => {
                let (a, b) = (anchor.min(t.selected), anchor.max(t.selected));
                t.rows
                    .get(a..=b.min(t.rows.len().saturating_sub(1)))
                    .unwrap_or_default()
                    .iter()
                    .map(|r| r.id)
                    .collect()
            }
            _ => self.selected_row().map(|r| vec![r.id]).unwrap_or_default(),
        }
    }

    /// The row of an id in the current tab.
    pub fn row(&self, id: ItemId) -> Option<&Row> {
        self.cur().rows.iter().find(|r| r.id == id)
    }

    /// The row of an id in any tab.
    pub fn any_row(&self, id: ItemId) -> Option<&Row> {
        self.tabs
            .iter()
            .find_map(|t| t.rows.iter().find(|r| r.id == id))
    }
}
