//! The workbench's state and the pure functions that change it: keys go
//! through the keymap to actions (`dispatch`), actions become state changes
//! and effects (`update`), and effects' outcomes and server pushes come back
//! through `outcome`. Nothing here does I/O; views only read this state.

mod board;
mod caller;
mod circulation;
mod conflict;
mod dash_rows;
mod dashboard;
mod directory;
mod dirfile;
mod dirform;
mod dispatch;
mod find;
mod flows;
mod form;
mod line;
mod lists;
mod meetings;
mod notice;
mod outcome;
mod queue;
mod triage;
mod types;
mod update;
mod week;

use std::time::Instant;

use crate::core::{Counts, Row};
use crate::model::{ItemId, Person, Unit};

pub use board::Board;
pub use caller::{caller_rows_shown, clock, Call, Caller, CallerRow, LastChange, Who};
pub use circulation::{circ_rows, CircView};
pub use conflict::{Pending as PendingConflict, Retry};
pub use dashboard::{DashView, INTAKE_DAYS, INTAKE_DAYS_NARROW};
pub use directory::{person_matches, DirRow};
pub use dirfile::{DirFile, FileFail, ImportReport};
pub use dirform::DirForm;
pub use find::{find_rows, QuickFind};
pub use flows::MENU_KEYS;
pub use form::{Form, FormField};
pub use lists::{TabState, TYPING_LIMIT};
pub use meetings::MeetingCache;
pub use notice::{NoticeView, ISSUER};
pub use queue::{notice_text, queue_label, queue_rows, QueueView, QUEUES};
pub use types::{
    Choice, Detail, Focus, Level, Line, LineFor, Menu, Mode, Overlay, Pick, Setup, StepForm,
    TabKind, TABS,
};
pub use week::{WeekLine, WeekView};

use super::event::{Effect, Repeatable, UndoEntry};
use super::i18n::{tr, Lang, T};
use super::key::Key;

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
    /// A refused `:import`, shown in the directory's detail.
    pub import_report: Option<ImportReport>,
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
    /// The quick-find popup.
    pub find: Option<QuickFind>,
    /// The caller view.
    pub caller: Option<Caller>,
    /// A phone call being recorded.
    pub call: Option<Call>,
    /// Generation of quick-find queries and caller loads (never reused).
    pub req_gen: u64,
    /// The service still pushes changes (false: the daemon went away).
    pub connected: bool,
    /// Every 督查 item with its traffic light (the 督查 tab's order and the statistics).
    pub board: Board,
    /// `m` was pressed on this item before its detail had arrived.
    pub menu_wanted: Option<ItemId>,
    /// The dashboard screen, while it is open.
    pub dashboard: Option<DashView>,
    /// The 待辦 · 待閱 · 已辦 view.
    pub queue: Option<QueueView>,
    /// The 傳閱 view: every copy out with a reader.
    pub circulation: Option<CircView>,
    /// Notices not yet seen (the badge), newest first.
    pub unread: Vec<crate::model::queue::Notice>,
    /// The last write refused because another clerk changed the item
    /// first, with the clerk's edit to re-apply (`reapply`).
    pub conflict: Option<PendingConflict>,
    /// The meetings the workbench has (clashes, the week view).
    pub meetings: MeetingCache,
    /// The 辦會 week view, while it is open.
    pub week: Option<WeekView>,
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
            import_report: None,
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
            find: None,
            caller: None,
            call: None,
            req_gen: 0,
            connected: true,
            board: Board::default(),
            menu_wanted: None,
            dashboard: None,
            queue: None,
            circulation: None,
            unread: vec![],
            conflict: None,
            meetings: MeetingCache::default(),
            week: None,
        };
        let mut fx = vec![
            Effect::LoadCounts,
            Effect::LoadDirectory,
            Effect::LoadNotices,
        ];
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

    /// A failed service call as the status line says it: a refused field
    /// or rule in the clerk's language, whether it came from the daemon or not.
    pub fn error_text(&self, e: &crate::core::ServiceError) -> String {
        let why = super::i18n::service_error(self.setup.lang, e);
        self.tf(T::MsgError, &[&why])
    }

    /// Why the rules would refuse an offer, in the clerk's language.
    pub fn rule_text(&self, e: &crate::model::RuleError) -> String {
        super::i18n::rule_error(self.setup.lang, e)
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
        // A call's timer in the status line ticks once a second.
        let call = self.call.as_ref().map(|c| c.next_tick());
        [count, self.detail_due, call].into_iter().flatten().min()
    }

    /// Called when `deadline` passes: a lone digit becomes its own binding,
    /// a deferred detail loads, a call's timer moves on.
    pub fn tick(&mut self, now: Instant) -> Vec<Effect> {
        let mut fx = match self.count {
            Some((_, at)) if now >= at + self.setup.count_timeout => self.flush_count(),
            _ => vec![],
        };
        if self.detail_due.is_some_and(|d| now >= d) {
            self.detail_due = None;
            fx.extend(self.load_detail());
        }
        if self.call.is_some() {
            self.dirty = true;
        }
        fx
    }

    /// Called once the events of one wake-up of the main loop are handled
    /// (a burst of pushed changes among them): work that is done once for
    /// all of them — the dashboard's count — is done now, before the frame.
    pub fn settle(&mut self) -> Vec<Effect> {
        self.settle_dashboard();
        vec![]
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
