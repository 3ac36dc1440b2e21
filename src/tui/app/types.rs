//! The workbench's vocabulary: tabs, modes, lines, overlays, panes and the
//! settings fixed at start.

use std::path::PathBuf;
use std::time::Duration;

use chrono::NaiveDate;

use crate::model::offers::Offer;
use crate::model::supervision::Thresholds;
use crate::model::{Gate, HistoryEntry, Item, ItemId, Kind, User, WorkCalendar};

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
    /// One answer of a workflow step taken from the menu (`m`).
    Step(Box<StepForm>),
    /// The file a 會議通知 is written to.
    NoticePath(Box<super::NoticeView>),
}

/// A workflow step from the menu being filled in, one answer after another
/// (a gate's comment; the 交辦's lead unit, assisting units, deadline and
/// reporting cycle; a holder; a title …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepForm {
    /// The item.
    pub id: ItemId,
    /// The version read.
    pub version: u64,
    /// Its code, for messages.
    pub code: String,
    /// Its title, to start a new 督查 item's title from.
    pub title: String,
    /// What is being done.
    pub offer: Offer,
    /// The gate and the verdict chosen (審核).
    pub gate: Option<(Gate, bool)>,
    /// The name chosen from a list (a co-signer, a holder).
    pub pick: String,
    /// The answers typed so far.
    pub answers: Vec<String>,
    /// Why the last answer was refused (shown in the prompt, asked again).
    pub error: String,
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
    /// What may be done on the current item now (`m`), or the next choice
    /// of a step (which gate, pass or return, which unit), one key each.
    Moves(Box<Menu>),
    /// 督查 statistics by lead unit: on-time rate and overdue, as bar charts.
    Stats,
    /// 收文 or 發文 for a new item in 辦文.
    ChooseKind,
    /// A person or a unit for a new entry of the 通訊錄.
    ChooseDirectory,
    /// A draft left by an earlier session.
    Draft(Box<Draft>),
    /// A meeting's 會議通知, to read, write to a file or send.
    Notice(Box<super::NoticeView>),
}

/// A menu of choices, one key each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Menu {
    /// The items a plain move applies to (the first for any other step).
    pub ids: Vec<ItemId>,
    /// What is being chosen.
    pub title: String,
    /// The choices, in order.
    pub choices: Vec<Choice>,
    /// The step being filled in, for a choice within a step.
    pub form: Option<Box<StepForm>>,
}

/// One entry of a menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// The key that takes it.
    pub key: char,
    /// What it says.
    pub text: String,
    /// Why the rules would refuse it now, shown beside it.
    pub why_not: Option<String>,
    /// What taking it does.
    pub pick: Pick,
}

/// What a menu choice does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pick {
    /// Takes this offer (asking for what it needs).
    Offer(Offer),
    /// 審核: this gate (the verdict comes next).
    Gate(Gate),
    /// 審核: pass (true) or return.
    Verdict(bool),
    /// 分辦 to this kind.
    Route(Kind),
    /// This name from a list (a co-signer, a holder).
    Name(String),
    /// 簽到: this invited person signed in.
    SignIn(String),
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
    /// The 督查 traffic-light thresholds of the config file (`[supervision]`).
    pub thresholds: Thresholds,
    /// The meeting rooms the administrator lists (`[[rooms]]`), for the
    /// clashes a meeting form shows; empty: none listed.
    pub rooms: Vec<crate::model::meetings::Room>,
}
