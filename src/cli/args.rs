//! The command line, as clap types. Completions and the man page are
//! generated from these same types, so they cannot drift.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use super::intake::Format;

/// 樞紐 shuniu — the general office's workbench: documents, meetings,
/// affairs, supervision and the inbox, from the keyboard.
#[derive(Debug, Parser)]
#[command(name = "shuniu", version, about, long_about = None)]
pub struct Cli {
    /// Where things are.
    #[command(flatten)]
    pub global: Global,
    /// What to do; none shows the overview.
    #[command(subcommand)]
    pub command: Option<Cmd>,
}

/// Options every subcommand takes.
#[derive(Debug, Args, Clone)]
pub struct Global {
    /// The data folder (default: $XDG_DATA_HOME/shuniu).
    #[arg(long, global = true, env = "SHUNIU_DATA", value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// The config file (default: $XDG_CONFIG_HOME/shuniu/config.toml).
    #[arg(long, global = true, env = "SHUNIU_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// A shared daemon's socket: connect there, never start a daemon
    /// (default: `socket` in a config file; else a personal daemon).
    #[arg(long, global = true, env = "SHUNIU_SOCKET", value_name = "PATH")]
    pub socket: Option<PathBuf>,
    /// Open the data folder in this process instead of through a daemon
    /// (single-user debugging; fails while a daemon owns the folder).
    #[arg(
        long,
        global = true,
        env = "SHUNIU_NO_DAEMON",
        value_parser = clap::builder::FalseyValueParser::new()
    )]
    pub no_daemon: bool,
    /// The workbench's colours: default, light, high-contrast, mono, or a theme file.
    #[arg(long, global = true, env = "SHUNIU_THEME", value_name = "NAME|PATH")]
    pub theme: Option<String>,
    /// The workbench's language: zh-Hant (default), zh-Hans, en.
    #[arg(long, global = true, env = "SHUNIU_LANG", value_name = "LANG")]
    pub lang: Option<String>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Create an item: `shuniu add 收文 "關於…的請示" --set from=市教育局`.
    Add {
        /// 收件, 收文, 發文, 會議, 事務, 督查 (or inbox, incoming, …).
        kind: String,
        /// The title.
        title: String,
        /// Fields as name=value (repeatable); `shuniu fields KIND` lists them.
        #[arg(short, long = "set", value_name = "FIELD=VALUE")]
        set: Vec<String>,
        /// A meeting: save despite the clashes shown (room, chair, attendees).
        #[arg(long)]
        force: bool,
    },
    /// List items, newest first.
    Ls(LsArgs),
    /// Show one item: every field, notes, links and its history.
    Show {
        /// Id, code (`收2026-0012`) or 文號.
        item: String,
        /// As JSON.
        #[arg(long)]
        json: bool,
    },
    /// Change fields: `shuniu set 收2026-0012 deadline=+3工作日 handler=李明`.
    Set {
        /// Id, code or 文號.
        item: String,
        /// name=value pairs.
        #[arg(required = true, value_name = "FIELD=VALUE")]
        fields: Vec<String>,
        /// A meeting's start, end, room, chair or attendees: save despite the
        /// clashes the change makes.
        #[arg(long)]
        force: bool,
        /// Only if the item is still at this version (as `show` printed it);
        /// otherwise refused, naming who changed which fields since.
        #[arg(long, value_name = "N")]
        if_version: Option<u64>,
    },
    /// Move an item along its workflow: `shuniu move 收2026-0012 登記`.
    Move {
        /// Id, code or 文號.
        item: String,
        /// The status to move to (`shuniu moves ITEM` lists them).
        status: String,
        /// Reason, instruction or result, where the move needs one.
        #[arg(short, long, default_value = "")]
        note: String,
    },
    /// List the moves allowed from an item's current status.
    Moves {
        /// Id, code or 文號.
        item: String,
    },
    /// Triage an inbox request into a new item: `shuniu route 件2026-0003 收文`.
    Route {
        /// The inbox request.
        item: String,
        /// The kind to create.
        kind: String,
    },
    /// Add a dated note (progress, reminder, comment).
    Note {
        /// Id, code or 文號.
        item: String,
        /// The text.
        text: String,
    },
    /// Link two items both ways (關聯): a 辦事 to the document it concerns, a
    /// 請示 to its 批復. Links made when one item is created from another
    /// (分辦, 立項 from a source) are kept as source and derived.
    Link {
        /// Id, code or 文號.
        item: String,
        /// The other item.
        other: String,
    },
    /// Show an item's history.
    History {
        /// Id, code or 文號.
        item: String,
    },
    /// The fields of a kind, with their labels.
    Fields {
        /// The kind.
        kind: String,
    },
    /// Quick lookup: any part of a title, pinyin initials, phone digits, 文號.
    Find {
        /// The query; several words narrow it.
        #[arg(required = true)]
        query: Vec<std::ffi::OsString>,
        /// At most this many hits.
        #[arg(short = 'n', long, default_value_t = 20)]
        limit: usize,
        /// As JSON lines.
        #[arg(long)]
        json: bool,
    },
    /// Register incoming requests from JSON lines or CSV (all or nothing).
    Intake {
        /// A file, or - for standard input.
        file: String,
        /// Override the format guessed from the name or content.
        #[arg(long, value_enum)]
        format: Option<Format>,
    },
    /// Write items as JSON lines or CSV (the names intake and `ls --json` use).
    Export {
        /// Output format.
        #[arg(long, value_enum, default_value = "jsonl")]
        format: Format,
        /// Only this kind.
        #[arg(long)]
        kind: Option<String>,
        /// Write here instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Load realistic, deterministic demo data: a city government's units, people and work.
    Demo {
        /// How many work items.
        #[arg(long, default_value_t = 2000)]
        items: usize,
        /// The random seed (same seed, same data).
        #[arg(long, default_value_t = 2026)]
        seed: u64,
    },
    /// Copy the store, consistently, while it is in use.
    Backup {
        /// A new folder for the copy.
        dest: PathBuf,
    },
    /// Verify every record, index and sequence.
    Check,
    /// Users and their roles and clearances (administrators).
    #[command(subcommand)]
    User(UserCmd),
    /// Who changed what, and who opened which classified item.
    Audit {
        /// Only this login.
        #[arg(long)]
        user: Option<String>,
        /// Only this item (id, code or 文號).
        #[arg(long)]
        item: Option<String>,
        /// From this date on (any date form).
        #[arg(long)]
        since: Option<String>,
    },
    /// Measure the budgets of DESIGN §5 on demo data in a temporary folder.
    Bench {
        /// Item counts to measure at.
        #[arg(long, value_delimiter = ',', default_value = "10000,100000")]
        items: Vec<usize>,
        /// Instead: this many clients writing at once through a daemon on a
        /// temporary socket (ack latency, push latency, lost updates), at the
        /// first item count.
        #[arg(long)]
        clients: Option<usize>,
        /// Writes per second per client (with --clients).
        #[arg(long, default_value_t = 10.0)]
        rate: f64,
        /// How long to write (with --clients).
        #[arg(long, default_value_t = 10.0)]
        seconds: f64,
    },
    /// Your 待辦, 待閱 and 已辦 (one of them if named: 待辦|待閱|已辦, todo|toread|done).
    Queue {
        /// Which queue; all three if left out.
        which: Option<String>,
        /// One JSON line per item.
        #[arg(long)]
        json: bool,
    },
    /// Your unread notices (items assigned, returned, instructed, urged …), newest first.
    Notices {
        /// Read ones too.
        #[arg(long)]
        all: bool,
        /// Mark the ones shown as read.
        #[arg(long)]
        read: bool,
    },
    /// Print changes as other clerks make them, one line each (for scripts).
    Watch {
        /// Stop after this many changes.
        #[arg(long)]
        count: Option<usize>,
        /// Stop after this many seconds.
        #[arg(long)]
        timeout: Option<f64>,
    },
    /// Run the daemon that owns the data folder (see docs/admin.md).
    Serve(ServeArgs),
    /// Stop the daemon this command line would talk to, and wait until it is gone.
    Stop,
    /// Open the data folder, build the index, report time and memory (used by `bench`).
    #[command(hide = true)]
    BenchOpen,
    /// The workbench's key bindings (with the config applied), as markdown.
    Keys,
    /// Measure the workbench: first frame, `/` per keystroke, bytes per `j`.
    #[command(hide = true)]
    BenchTui {
        /// Item counts to measure at.
        #[arg(long, value_delimiter = ',', default_value = "100000")]
        items: Vec<usize>,
    },
    /// The 通訊錄: list, import (CSV, all or nothing) and export units and people.
    #[command(subcommand)]
    Directory(DirectoryCmd),
    /// 督查: 立項 (from a source), 交辦, progress, the traffic-light board, 催辦.
    #[command(subcommand)]
    Supervise(super::supervise::SuperviseCmd),
    /// Reports: the 督查 通報 (`report supervision`), the 週報 (`report weekly`), 歸檔 readiness (`report archive`).
    #[command(subcommand)]
    Report(super::report::ReportCmd),
    /// 審核: pass or return one of the four gates of a 發文.
    Gate(super::work::GateArgs),
    /// 會簽: a co-signing unit signs a joint 發文.
    Cosign(super::work::CosignArgs),
    /// The GB/T 9704 format check of a 發文 (簽發 is refused while it finds problems).
    CheckFormat {
        /// Id, code or 文號.
        item: String,
    },
    /// 傳閱: hand a 收文 to a reader (`--back` when returned, `--chase` to 催收).
    Circulate(super::work::CirculateArgs),
    /// Every 收文 out for 傳閱 (longer than `--over` days), longest out first.
    Circulation {
        /// Only what has been out more than this many days.
        #[arg(long, value_name = "DAYS")]
        over: Option<u32>,
    },
    /// 辦會: a meeting saved after its clashes are shown, the 會議通知, 簽到, decisions → 督查.
    #[command(subcommand)]
    Meeting(super::meetings::MeetingCmd),
    /// The week's meetings by day (`--people`: each person's; `--leaders`: the leaders' schedule).
    Meetings {
        /// Any day of the week to show (default this week).
        #[arg(long, value_name = "DATE")]
        week: Option<String>,
        /// By person (chair and attendees) instead of by day.
        #[arg(long)]
        people: bool,
        /// By person, leaders only (領導日程): people whose directory post is a
        /// leader's (市長, 副市長, 秘書長 …).
        #[arg(long)]
        leaders: bool,
    },
    /// The meeting rooms and their seats (from the config's `[[rooms]]`).
    Rooms,
    /// Print a shell completion script.
    Completions {
        /// bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    Man,
}

/// `shuniu serve`.
#[derive(Debug, Args, Default)]
pub struct ServeArgs {
    /// Shared mode: make the socket 0660 and owned by this group.
    #[arg(long, value_name = "NAME")]
    pub group: Option<String>,
    /// Exit this many seconds after the last client leaves (0 or none: never).
    #[arg(long, env = "SHUNIU_IDLE_EXIT", value_name = "SECS")]
    pub idle_exit: Option<u64>,
    /// The log file, or - for standard error (default: $XDG_STATE_HOME/shuniu/daemon.log).
    #[arg(long, value_name = "FILE")]
    pub log: Option<PathBuf>,
    /// Milliseconds a new connection may take to say hello.
    #[arg(long, default_value_t = 10_000, hide = true)]
    pub handshake_ms: u64,
    /// Milliseconds a frame, once begun, may take to arrive whole.
    #[arg(long, default_value_t = 30_000, hide = true)]
    pub patience_ms: u64,
    /// Seconds between two 督查 reminder sweeps, over the config's
    /// `sweep_minutes` (0: never).
    #[arg(long, hide = true)]
    pub sweep_seconds: Option<u64>,
}

/// `shuniu ls` filters.
#[derive(Debug, Args, Default)]
pub struct LsArgs {
    /// Only this kind.
    #[arg(short, long)]
    pub kind: Option<String>,
    /// Only this status.
    #[arg(short, long)]
    pub status: Option<String>,
    /// Unit contains this.
    #[arg(short, long)]
    pub unit: Option<String>,
    /// Handler contains this.
    #[arg(long)]
    pub handler: Option<String>,
    /// Only open items past their deadline.
    #[arg(long)]
    pub overdue: bool,
    /// Only open items.
    #[arg(long)]
    pub open: bool,
    /// Only items matching this search.
    #[arg(short, long)]
    pub text: Option<String>,
    /// At most this many.
    #[arg(short = 'n', long)]
    pub limit: Option<usize>,
    /// As JSON lines, every field.
    #[arg(long)]
    pub json: bool,
}

/// `shuniu user …`.
#[derive(Debug, Subcommand)]
pub enum UserCmd {
    /// Add a user for a Unix login.
    Add(UserArgs),
    /// Change a user.
    Set(UserArgs),
    /// List users.
    List,
    /// Refuse a user, at connect and on connections already open, keeping their history.
    Disable {
        /// The login.
        login: String,
    },
}

/// A user's settings.
#[derive(Debug, Args)]
pub struct UserArgs {
    /// Unix login name.
    pub login: String,
    /// Unix uid (default: looked up in /etc/passwd).
    #[arg(long)]
    pub uid: Option<u32>,
    /// Name shown to others.
    #[arg(long)]
    pub name: Option<String>,
    /// Unit.
    #[arg(long)]
    pub unit: Option<String>,
    /// admin, director, clerk, inspector, leader, readonly (or 管理員, 主任, 文書 …).
    #[arg(long)]
    pub role: Option<String>,
    /// Highest classification visible: 公開, 內部, 秘密, 機密, 絕密.
    #[arg(long)]
    pub clearance: Option<String>,
    /// Enable a disabled user.
    #[arg(long)]
    pub enable: bool,
}

/// `shuniu directory …`.
#[derive(Debug, Subcommand)]
pub enum DirectoryCmd {
    /// List units (or people with --people).
    Ls {
        /// People instead of units.
        #[arg(long)]
        people: bool,
    },
    /// Import a units CSV (key,name,abbreviations,phone,doc_prefix) or a
    /// people CSV (id,name,unit,title,phones,notes); nothing is saved if any row is bad.
    Import {
        /// The CSV file, or - for standard input.
        file: String,
    },
    /// Write units (or people with --people) as CSV, in the columns import reads.
    Export {
        /// People instead of units.
        #[arg(long)]
        people: bool,
    },
}
