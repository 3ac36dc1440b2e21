//! The workbench's vocabulary: tabs, modes, lines, overlays, panes and the
//! settings fixed at start.

use std::path::PathBuf;
use std::time::Duration;

use chrono::NaiveDate;

use crate::model::{HistoryEntry, Item, ItemId, Kind, Transition, User, WorkCalendar};

use super::super::draft::Draft;
use super::super::event::{Effect, LinkView};
use super::super::i18n::{Lang, T};
use super::super::input::TextInput;
use super::super::keymap::Keymap;
use super::super::theme::Theme;

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
    /// A person or a unit for a new entry of the 通訊錄.
    ChooseDirectory,
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
    pub depth: super::super::theme::Depth,
    /// Key bindings.
    pub keymap: Keymap,
    /// The user.
    pub user: User,
    /// The office's today.
    pub today: NaiveDate,
    /// The working-day calendar (traffic lights).
    pub calendar: WorkCalendar,
    /// How the service is reached (the status line says it).
    pub connection: super::super::Connection,
    /// Where drafts go (`None`: nowhere).
    pub drafts: Option<PathBuf>,
    /// How long a lone digit waits for a motion before it switches tabs.
    pub count_timeout: Duration,
}
