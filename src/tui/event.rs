//! What flows through the workbench: effects `update` asks for, the outcomes
//! the worker sends back, and the one event enum the main loop waits on.

use crate::core::{Counts, Event as Push, Found, Row, ServiceError};
use crate::model::{Act, Command, HistoryEntry, Item, ItemId, Kind, Person, Status, Unit};

use super::draft::Draft;

/// A link of the item in the detail pane, with what to show for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkView {
    /// The other item.
    pub id: ItemId,
    /// Its kind.
    pub kind: Kind,
    /// Its code.
    pub code: String,
    /// Its title.
    pub title: String,
    /// How it relates (`來源`, `派生`, `相關`).
    pub rel: &'static str,
}

/// What the worker read for the dashboard: the rows it counts (open items
/// and every 收件) and the numbers counted from them. The app keeps the
/// rows, so a pushed change updates them in place instead of reading them
/// all again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DashLoad {
    /// The numbers.
    pub board: crate::model::dashboard::Dashboard,
    /// The rows counted.
    pub rows: Vec<Row>,
}

/// A change that `.` can repeat on another item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Repeatable {
    /// Route to a kind.
    Route(Kind),
    /// Set fields.
    Set(Vec<(String, String)>),
    /// A workflow move with its note.
    Move(Status, String),
    /// Add a note.
    Note(String),
}

/// What `u` can take back: the writes of one change (one or several items).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UndoEntry {
    /// (item, the version the change produced).
    pub targets: Vec<(ItemId, u64)>,
    /// What the change was, for the message.
    pub label: String,
    /// A route: undone by withdrawing the item it made and reopening the request.
    pub route: bool,
}

/// Another clerk changed an item first: who, when, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The item.
    pub id: ItemId,
    /// Its code (empty when it could not be read).
    pub code: String,
    /// Who changed it.
    pub by: String,
    /// When, office time.
    pub when: String,
    /// The version read by the refused write.
    pub read: u64,
    /// The version now stored.
    pub version: u64,
    /// The fields changed since the version read (names, as `fields.rs`).
    pub fields: Vec<String>,
}

/// Why something is applied, so its outcome lands in the right place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A triage or workflow change (recorded for `u` and `.`).
    Change(Option<Repeatable>),
    /// Taking back a change.
    Undo,
    /// Saving a form.
    Form,
    /// Creating a phone-call record.
    CallStart,
    /// Saving a call's duration.
    CallEnd,
    /// A workflow step from the menu (`m`): an act, a field and its move, a
    /// new 督查 item.
    Step,
}

/// One write of a workflow step, on the step's item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepWrite {
    /// Fields the move needs, set first.
    Set(Vec<(String, String)>),
    /// The move, with its note.
    Move(Status, String),
    /// A structured step (`model::acts`).
    Act(Act),
    /// 立項: a new 督查 item with this title, its source the step's item
    /// (linked both ways; the source type follows the item's kind).
    Supervise(String),
}

/// A side effect `update` asks the runtime to carry out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Rows of a tab.
    LoadRows {
        /// Which tab.
        tab: usize,
        /// The request's generation (older answers are dropped).
        gen: u64,
        /// The kinds the tab shows.
        kinds: Vec<Kind>,
        /// A filter query.
        text: Option<String>,
        /// Only open items.
        open_only: bool,
        /// At most this many matches of the query (while it is typed).
        limit: Option<usize>,
    },
    /// Counts for the header.
    LoadCounts,
    /// Units and people.
    LoadDirectory,
    /// One item, its history and its links.
    LoadDetail {
        /// Which item.
        id: ItemId,
        /// The request's generation.
        gen: u64,
    },
    /// A unit's open items (the directory's detail).
    LoadUnitItems {
        /// The unit's name.
        unit: String,
        /// The request's generation.
        gen: u64,
    },
    /// Writes, in order.
    Apply {
        /// The commands.
        cmds: Vec<Command>,
        /// What it is, for messages and undo.
        label: String,
        /// Why.
        origin: Origin,
    },
    /// Takes back a change.
    Undo(UndoEntry),
    /// A workflow step from the menu: its writes on one item in order, each
    /// naming the version the one before produced.
    Step {
        /// The item.
        id: ItemId,
        /// The version read.
        version: u64,
        /// The writes.
        writes: Vec<StepWrite>,
        /// What it is, for the message.
        label: String,
    },
    /// Every 督查 item, for the traffic lights and the statistics.
    LoadBoard,
    /// Validates and saves a form.
    SaveForm {
        /// The kind.
        kind: Kind,
        /// The item edited and the version the form read, or `None` to create.
        id: Option<(ItemId, u64)>,
        /// Every field's value (create) or the changed ones (edit).
        fields: Vec<(String, String)>,
    },
    /// Loads the demo data.
    LoadDemo,
    /// The user's 待辦, 待閱 and 已辦.
    LoadQueue {
        /// The request's generation.
        gen: u64,
    },
    /// Every 收文 copy out with a reader (the 傳閱 view).
    LoadCirculation {
        /// The request's generation.
        gen: u64,
    },
    /// The user's unread notices (at start).
    LoadNotices,
    /// Marks notices read.
    MarkRead(Vec<u64>),
    /// Quick find: the search across everything.
    Find {
        /// The query's generation (older answers are dropped).
        gen: u64,
        /// What was typed.
        query: String,
    },
    /// The caller view's items: the unit's open items and those it sent.
    LoadCaller {
        /// The unit's full name.
        unit: String,
        /// The person's name, for items they sent (empty for a unit).
        person: String,
        /// The request's generation.
        gen: u64,
    },
    /// Starts a phone-call record: created at once, time-stamped now.
    StartCall {
        /// The record, but for its start time.
        item: Box<Item>,
    },
    /// Ends a call: saves its duration, then opens the record for the gist.
    EndCall {
        /// The call record.
        id: ItemId,
        /// How long it lasted.
        secs: u64,
    },
    /// Saves units and people of the directory.
    SaveDirectory {
        /// Units to put.
        units: Vec<Unit>,
        /// People to put.
        people: Vec<Person>,
        /// What to select afterwards.
        select: DirKey,
    },
    /// `:import`: reads a CSV file of units or people and saves it whole,
    /// or nothing.
    ImportDirectory {
        /// The file, as typed.
        file: String,
    },
    /// `:export`: writes the units or the people to a new CSV file.
    ExportDirectory {
        /// The file, as typed.
        file: String,
        /// People (else units).
        people: bool,
    },
    /// Writes a form draft.
    SaveDraft(Draft),
    /// Removes a draft.
    DeleteDraft(String),
    /// The dashboard's rows and numbers: open items and every 收件, counted
    /// with the 收件 of the last `days` days.
    LoadDashboard {
        /// The request's generation (older answers are dropped).
        gen: u64,
        /// Days of intake to count, ending today.
        days: u32,
    },
    /// Every meeting the user may see (clashes, the week view).
    LoadMeetings {
        /// The request's generation (older answers are dropped).
        gen: u64,
    },
    /// Writes a 會議通知 to a new file (never over one that exists).
    WriteNotice {
        /// The file as typed (relative to where the workbench started).
        file: String,
        /// The text.
        text: String,
    },
    /// Runs `$EDITOR` on a form field.
    Editor {
        /// The field's index in the form.
        field: usize,
        /// The text to start from.
        text: String,
    },
}

impl Effect {
    /// Whether it writes (to the store or to a draft): what the worker still
    /// carries out when the workbench ends, while reads are dropped.
    pub fn is_write(&self) -> bool {
        matches!(
            self,
            Effect::Apply { .. }
                | Effect::Undo(_)
                | Effect::SaveForm { .. }
                | Effect::StartCall { .. }
                | Effect::EndCall { .. }
                | Effect::SaveDirectory { .. }
                | Effect::SaveDraft(_)
                | Effect::DeleteDraft(_)
                | Effect::WriteNotice { .. }
        )
    }
}

/// What came back from the worker.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// A tab's rows.
    Rows {
        /// Which tab.
        tab: usize,
        /// The request's generation.
        gen: u64,
        /// The rows, in order.
        rows: Vec<Row>,
    },
    /// Header counts.
    Counts(Counts),
    /// The directory.
    Directory(Vec<Unit>, Vec<Person>),
    /// An item for the detail pane.
    Detail {
        /// The request's generation.
        gen: u64,
        /// The item.
        item: Box<Item>,
        /// Its history.
        history: Vec<HistoryEntry>,
        /// Its links.
        links: Vec<LinkView>,
    },
    /// A unit's open items.
    UnitItems {
        /// The request's generation.
        gen: u64,
        /// The rows.
        rows: Vec<Row>,
    },
    /// Results of `Apply` (one per command, stopping at the first failure).
    Applied {
        /// What it was.
        label: String,
        /// Why.
        origin: Origin,
        /// (the command's target, its result).
        results: Vec<(Option<ItemId>, Result<Item, ServiceError>)>,
        /// The refusals because another clerk changed the item first, with
        /// what they changed.
        conflicts: Vec<Conflict>,
    },
    /// Every 督查 item (`LoadBoard`).
    Board(Vec<Item>),
    /// A form was refused: (field, what was wrong) pairs.
    FormInvalid(Vec<(String, crate::model::Problem)>),
    /// Demo data loaded.
    DemoLoaded(usize),
    /// The queues, in `app::QUEUES` order.
    Queue {
        /// The request's generation.
        gen: u64,
        /// 待辦, 待閱, 已辦.
        sections: Box<[Vec<crate::core::QueueEntry>; 3]>,
    },
    /// Unread notices, newest first.
    Notices(Vec<crate::model::queue::Notice>),
    /// Quick find's answer.
    Found {
        /// The query's generation.
        gen: u64,
        /// The results, best first.
        results: Vec<Found>,
    },
    /// The caller view's items.
    CallerItems {
        /// The request's generation.
        gen: u64,
        /// Open items, overdue first, each with its last change.
        rows: Vec<super::app::CallerRow>,
    },
    /// The directory was saved and read back.
    DirectorySaved {
        /// Units.
        units: Vec<Unit>,
        /// People.
        people: Vec<Person>,
        /// What to select.
        select: DirKey,
    },
    /// What `:import` or `:export` did.
    DirectoryFile(super::app::DirFile),
    /// `$EDITOR` returned.
    Edited {
        /// The field.
        field: usize,
        /// The new text.
        text: String,
    },
    /// Every meeting the user may see, or why not.
    Meetings {
        /// The request's generation.
        gen: u64,
        /// The meetings.
        items: Result<Vec<Item>, Box<crate::core::ServiceError>>,
    },
    /// A 會議通知 was written to this file.
    NoticeWritten(String),
    /// The dashboard's numbers (or why they could not be counted).
    Dashboard {
        /// The request's generation.
        gen: u64,
        /// The numbers and the rows they were counted from.
        load: Result<Box<DashLoad>, Box<crate::core::ServiceError>>,
    },
    /// The 傳閱 view's rows: every copy out, longest first, for the
    /// office's today (or why they could not be read).
    Circulation {
        /// The request's generation.
        gen: u64,
        /// The day the days were counted to.
        today: chrono::NaiveDate,
        /// The rows.
        rows: Result<Vec<crate::model::circulation::Out>, Box<crate::core::ServiceError>>,
    },
    /// Something failed that has no better place, already said in the
    /// clerk's language (the editor would not run).
    Failed(String),
    /// A service call failed: said in the clerk's language by the app.
    ServiceFailed(crate::core::ServiceError),
    /// Refused before anything was written, in the catalogue's words.
    Refused(super::i18n::T, Vec<String>),
}

/// An entry of the directory, to select after a save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DirKey {
    /// A person by id, or (id 0) the newest person of this name in this unit.
    Person(u64, String, String),
    /// A unit by key.
    Unit(String),
}

/// Everything the main loop waits on.
#[derive(Debug)]
pub enum AppEvent {
    /// A key.
    Key(super::key::Key),
    /// Bracketed paste.
    Paste(String),
    /// The terminal was resized.
    Resize(u16, u16),
    /// The worker answered.
    Outcome(Outcome),
    /// The service pushed a change.
    Push(Push),
    /// SIGTERM or SIGHUP.
    Signal(i32),
    /// The terminal input failed (closed).
    InputClosed,
    /// The service's push channel closed: the daemon is gone.
    Disconnected,
    /// A helper thread panicked (the terminal is restored, the report printed).
    Crashed,
}
