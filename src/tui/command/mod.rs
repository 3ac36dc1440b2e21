//! The registry of named commands. Keys map to command lines (`move_down`,
//! `tab 3`, `route 收文`), and the `:` line parses the same names, so a
//! binding, a typed command and the help screen all speak one language.

use crate::model::{Kind, Urgency};

use super::i18n::{Lang, T};

mod complete;

pub use complete::{complete, Vocab};

/// What a command's argument is, for parsing and Tab completion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgKind {
    /// No argument.
    None,
    /// A tab number 1–6.
    Tab,
    /// A kind to route to or create.
    Kind,
    /// 平件 / 加急 / 特急.
    Urgency,
    /// A person from the directory.
    Person,
    /// A date as the date parser reads it.
    Date,
    /// A status or a workflow verb of the current item.
    Status,
    /// `FIELD VALUE`.
    Field,
    /// Free text.
    Text,
    /// A theme name or path.
    Theme,
    /// A language.
    Lang,
    /// A number of days.
    Days,
}

/// One named command.
#[derive(Debug, Clone, Copy)]
pub struct CommandSpec {
    /// The name keys and the `:` line use.
    pub name: &'static str,
    /// Other names the `:` line accepts.
    pub aliases: &'static [&'static str],
    /// Its argument.
    pub arg: ArgKind,
    /// Whether the argument must be given (else the command asks for it).
    pub required: bool,
    /// The doc line.
    pub doc: T,
}

const fn c(name: &'static str, arg: ArgKind, required: bool, doc: T) -> CommandSpec {
    CommandSpec {
        name,
        aliases: &[],
        arg,
        required,
        doc,
    }
}

const fn a(
    name: &'static str,
    aliases: &'static [&'static str],
    arg: ArgKind,
    required: bool,
    doc: T,
) -> CommandSpec {
    CommandSpec {
        name,
        aliases,
        arg,
        required,
        doc,
    }
}

use ArgKind as K;

/// Every command, in the order the help lists them.
pub const COMMANDS: &[CommandSpec] = &[
    a("move_down", &["down", "j"], K::None, false, T::DocMoveDown),
    a("move_up", &["up", "k"], K::None, false, T::DocMoveUp),
    c("top", K::None, false, T::DocTop),
    c("bottom", K::None, false, T::DocBottom),
    c("half_page_down", K::None, false, T::DocHalfDown),
    c("half_page_up", K::None, false, T::DocHalfUp),
    c("open", K::None, false, T::DocOpen),
    c("back", K::None, false, T::DocBack),
    c("tab", K::Tab, true, T::DocTab),
    a("next_tab", &["tabnext"], K::None, false, T::DocNextTab),
    a("prev_tab", &["tabprev"], K::None, false, T::DocPrevTab),
    a("search", &["filter"], K::Text, false, T::DocSearch),
    c("search_next", K::None, false, T::DocSearchNext),
    c("search_prev", K::None, false, T::DocSearchPrev),
    c("command_line", K::None, false, T::DocCommand),
    a("help", &["h"], K::None, false, T::DocHelp),
    a("quit", &["q", "qa", "exit"], K::None, false, T::DocQuit),
    c("redraw", K::None, false, T::DocRedraw),
    c("reload", K::None, false, T::DocReload),
    c("visual", K::None, false, T::DocVisual),
    a(
        "toggle_open",
        &["open_only"],
        K::None,
        false,
        T::DocOpenToggle,
    ),
    c("route", K::Kind, true, T::DocRoute),
    c("urgency", K::Urgency, false, T::DocUrgency),
    c("assign", K::Person, false, T::DocAssign),
    a("due", &["deadline"], K::Date, false, T::DocDue),
    c("close", K::Text, false, T::DocClose),
    c("moves", K::None, false, T::DocMoves),
    a("stats", &["statistics"], K::None, false, T::DocStats),
    c("move", K::Status, true, T::DocMove),
    c("set", K::Field, true, T::DocSet),
    c("note", K::Text, false, T::DocNote),
    c("undo", K::None, false, T::DocUndo),
    c("repeat", K::None, false, T::DocRepeat),
    a("reapply", &["retry"], K::None, false, T::DocReapply),
    c("new", K::Kind, false, T::DocNew),
    c("edit", K::None, false, T::DocEdit),
    c("follow_link", K::None, false, T::DocFollow),
    c("jump_back", K::None, false, T::DocJumpBack),
    c("demo", K::None, false, T::DocDemo),
    a(
        "quick_find",
        &["find", "f"],
        K::Text,
        false,
        T::DocQuickFind,
    ),
    c("call", K::None, false, T::DocCall),
    // The 通訊錄 from and to CSV files.
    a("import", &["directory_import"], K::Text, true, T::DocImport),
    a("export", &["directory_export"], K::Text, true, T::DocExport),
    a("dashboard", &["dash"], K::None, false, T::DocDashboard),
    a("queue", &["todo", "inbox"], K::None, false, T::DocQueue),
    a(
        "circulation",
        &["傳閱", "传阅"],
        K::Days,
        false,
        T::DocCirculation,
    ),
    // 辦會: the week view, the leaders' schedule, the 會議通知 and 簽到.
    c("week", K::None, false, T::DocWeek),
    c("week_prev", K::None, false, T::DocWeekPrev),
    c("week_next", K::None, false, T::DocWeekNext),
    c("week_this", K::None, false, T::DocWeekThis),
    a("leaders", &["領導日程"], K::None, false, T::DocLeaders),
    a("notice", &["會議通知"], K::None, false, T::DocNotice),
    c("notice_write", K::Text, false, T::DocNoticeWrite),
    c("notice_send", K::None, false, T::DocNoticeSend),
    a("signin", &["簽到"], K::Person, false, T::DocSignIn),
    a("theme", &["colorscheme"], K::Theme, true, T::DocTheme),
    c("lang", K::Lang, true, T::DocLang),
    c("form_next", K::None, false, T::DocFormNext),
    c("form_prev", K::None, false, T::DocFormPrev),
    a("form_save", &["w", "write"], K::None, false, T::DocFormSave),
    c("form_cancel", K::None, false, T::DocFormCancel),
    c("form_editor", K::None, false, T::DocFormEditor),
    c("accept", K::None, false, T::DocAccept),
    c("complete", K::None, false, T::DocComplete),
    c("delete_word", K::None, false, T::DocDelWord),
    c("delete_to_start", K::None, false, T::DocDelStart),
    c("cursor_left", K::None, false, T::DocLeft),
    c("cursor_right", K::None, false, T::DocRight),
    c("cursor_home", K::None, false, T::DocHome),
    c("cursor_end", K::None, false, T::DocEnd),
    c("backspace", K::None, false, T::DocBackspace),
    c("delete_char", K::None, false, T::DocDelete),
    c("history_prev", K::None, false, T::DocHistPrev),
];

/// A parsed command, ready for `update`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Action {
    Down,
    Up,
    Top,
    Bottom,
    HalfDown,
    HalfUp,
    Open,
    Back,
    Tab(usize),
    NextTab,
    PrevTab,
    Search(Option<String>),
    SearchNext,
    SearchPrev,
    CommandLine,
    Help,
    Quit,
    Redraw,
    Reload,
    Visual,
    ToggleOpen,
    Route(Kind),
    Urgency(Option<Urgency>),
    Assign(Option<String>),
    Due(Option<String>),
    Close(Option<String>),
    Moves,
    Stats,
    Move(String),
    Set(String, String),
    Note(Option<String>),
    Undo,
    Repeat,
    Reapply,
    New(Option<Kind>),
    Edit,
    Follow,
    JumpBack,
    Demo,
    QuickFind(Option<String>),
    Call,
    /// `:import FILE`: the 通訊錄 from a CSV file.
    Import(String),
    /// `:export [units|people] FILE`: units (`Some(false)`) or people
    /// (`Some(true)`), else what is under the cursor.
    Export(Option<bool>, String),
    Dashboard,
    /// The 待辦 · 待閱 · 已辦 view.
    Queue,
    /// The 傳閱 view: copies out for more than N days (`None`: all).
    Circulation(Option<u32>),
    /// The 辦會 tab's list ↔ week view.
    Week,
    /// The week view: the week before.
    WeekPrev,
    /// The week view: the week after.
    WeekNext,
    /// The week view: this week.
    WeekThis,
    /// The week view ↔ the leaders' schedule (領導日程).
    Leaders,
    /// The selected meeting's 會議通知.
    Notice,
    /// The 會議通知 written to a file (`None`: ask which).
    NoticeWrite(Option<String>),
    /// The 會議通知 saved on the meeting, and 發通知 from 籌備.
    NoticeSend,
    /// 簽到: these names (`None`: pick from the invited).
    SignIn(Option<String>),
    Theme(String),
    Lang(Lang),
    FormNext,
    FormPrev,
    FormSave,
    FormCancel,
    FormEditor,
    Accept,
    Complete,
    DelWord,
    DelStart,
    Left,
    Right,
    Home,
    End,
    Backspace,
    Delete,
    HistoryPrev,
}

/// The spec of a command by name or alias.
pub fn spec(name: &str) -> Option<&'static CommandSpec> {
    COMMANDS
        .iter()
        .find(|c| c.name == name || c.aliases.contains(&name))
}

/// Why a command line was refused: (the command or word, the problem).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// No such command.
    Unknown(String),
    /// A required argument is missing.
    Missing(String, ArgKind),
    /// The argument is wrong.
    Bad(String, BadArg),
}

/// What is wrong with a command's argument (the text typed, as typed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadArg {
    /// `tab`: not 1–6 nor a tab's name.
    Tab(String),
    /// `route`: not a kind a request is routed to.
    Route(String),
    /// `new`: not a kind.
    Kind(String),
    /// `lang`: not a language.
    Lang(String),
    /// `circulation`: not a number of days.
    Days(String),
    /// `urgency`: not a 緩急.
    Urgency(crate::model::Problem),
}

/// The kinds a route or a new item may name.
pub fn parse_kind(s: &str) -> Option<Kind> {
    match s.trim() {
        "辦文" | "办文" | "文" => Some(Kind::Incoming),
        "辦會" | "办会" | "會" | "会" => Some(Kind::Meeting),
        "辦事" | "办事" | "事" => Some(Kind::Affair),
        t => Kind::parse(t).ok(),
    }
}

/// Parses a command line such as `route 收文`, `assign 張三` or `5`-less `tab 3`.
pub fn parse(line: &str) -> Result<Action, ParseError> {
    let line = line.trim();
    let (word, rest) = match line.split_once(char::is_whitespace) {
        Some((w, r)) => (w, r.trim()),
        None => (line, ""),
    };
    let sp = spec(word).ok_or_else(|| ParseError::Unknown(word.to_string()))?;
    let arg = (!rest.is_empty()).then(|| rest.to_string());
    if sp.required && arg.is_none() {
        return Err(ParseError::Missing(sp.name.to_string(), sp.arg));
    }
    let bad = |m: BadArg| ParseError::Bad(sp.name.to_string(), m);
    Ok(match sp.name {
        "move_down" => Action::Down,
        "move_up" => Action::Up,
        "top" => Action::Top,
        "bottom" => Action::Bottom,
        "half_page_down" => Action::HalfDown,
        "half_page_up" => Action::HalfUp,
        "open" => Action::Open,
        "back" => Action::Back,
        "tab" => {
            let r = rest;
            let n = r
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=6).contains(n))
                .or_else(|| tab_by_name(r).map(|i| i + 1))
                .ok_or_else(|| bad(BadArg::Tab(r.to_string())))?;
            Action::Tab(n - 1)
        }
        "next_tab" => Action::NextTab,
        "prev_tab" => Action::PrevTab,
        "search" => Action::Search(arg),
        "search_next" => Action::SearchNext,
        "search_prev" => Action::SearchPrev,
        "command_line" => Action::CommandLine,
        "help" => Action::Help,
        "quit" => Action::Quit,
        "redraw" => Action::Redraw,
        "reload" => Action::Reload,
        "visual" => Action::Visual,
        "toggle_open" => Action::ToggleOpen,
        "route" => {
            let k = parse_kind(rest)
                .filter(|k| *k != Kind::Inbox && *k != Kind::Outgoing)
                .ok_or_else(|| bad(BadArg::Route(rest.to_string())))?;
            Action::Route(k)
        }
        "urgency" => Action::Urgency(match &arg {
            None => None,
            Some(u) => Some(Urgency::parse(u).map_err(|e| bad(BadArg::Urgency(e.problem)))?),
        }),
        "assign" => Action::Assign(arg),
        "due" => Action::Due(arg),
        "close" => Action::Close(arg),
        "moves" => Action::Moves,
        "stats" => Action::Stats,
        "move" => Action::Move(rest.to_string()),
        "set" => {
            let (f, v) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
            Action::Set(f.trim().to_string(), v.trim().to_string())
        }
        "note" => Action::Note(arg),
        "undo" => Action::Undo,
        "repeat" => Action::Repeat,
        "reapply" => Action::Reapply,
        "new" => Action::New(match &arg {
            None => None,
            Some(k) => Some(parse_kind(k).ok_or_else(|| bad(BadArg::Kind(k.to_string())))?),
        }),
        "edit" => Action::Edit,
        "follow_link" => Action::Follow,
        "jump_back" => Action::JumpBack,
        "demo" => Action::Demo,
        "quick_find" => Action::QuickFind(arg),
        "call" => Action::Call,
        "import" => Action::Import(rest.to_string()),
        "export" => {
            let (first, file) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
            match (export_kind(first), file.trim()) {
                (Some(_), "") => return Err(ParseError::Missing(sp.name.to_string(), sp.arg)),
                (Some(people), file) => Action::Export(Some(people), file.to_string()),
                (None, _) => Action::Export(None, rest.to_string()),
            }
        }
        "dashboard" => Action::Dashboard,
        "queue" => Action::Queue,
        "circulation" => Action::Circulation(match &arg {
            None => None,
            Some(n) => Some(n.parse().map_err(|_| bad(BadArg::Days(n.to_string())))?),
        }),
        "week" => Action::Week,
        "week_prev" => Action::WeekPrev,
        "week_next" => Action::WeekNext,
        "week_this" => Action::WeekThis,
        "leaders" => Action::Leaders,
        "notice" => Action::Notice,
        "notice_write" => Action::NoticeWrite(arg),
        "notice_send" => Action::NoticeSend,
        "signin" => Action::SignIn(arg),
        "theme" => Action::Theme(rest.to_string()),
        "lang" => {
            Action::Lang(Lang::parse(rest).ok_or_else(|| bad(BadArg::Lang(rest.to_string())))?)
        }
        "form_next" => Action::FormNext,
        "form_prev" => Action::FormPrev,
        "form_save" => Action::FormSave,
        "form_cancel" => Action::FormCancel,
        "form_editor" => Action::FormEditor,
        "accept" => Action::Accept,
        "complete" => Action::Complete,
        "delete_word" => Action::DelWord,
        "delete_to_start" => Action::DelStart,
        "cursor_left" => Action::Left,
        "cursor_right" => Action::Right,
        "cursor_home" => Action::Home,
        "cursor_end" => Action::End,
        "backspace" => Action::Backspace,
        "delete_char" => Action::Delete,
        "history_prev" => Action::HistoryPrev,
        other => return Err(ParseError::Unknown(other.to_string())),
    })
}

/// What `:export` is told to write: people (`true`) or units (`false`).
fn export_kind(word: &str) -> Option<bool> {
    match word {
        "people" | "persons" | "人員" | "人员" => Some(true),
        "units" | "單位" | "单位" => Some(false),
        _ => None,
    }
}

/// The six tabs' names in every language, for `:tab 督查`.
pub fn tab_by_name(s: &str) -> Option<usize> {
    let names = [
        T::TabInbox,
        T::TabDocs,
        T::TabMeetings,
        T::TabAffairs,
        T::TabSupervision,
        T::TabDirectory,
    ];
    names.iter().position(|t| {
        Lang::ALL
            .iter()
            .any(|l| t.text(*l).eq_ignore_ascii_case(s.trim()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_parses_by_name() {
        for c in COMMANDS {
            let line = match c.arg {
                ArgKind::Tab => format!("{} 2", c.name),
                ArgKind::Kind => format!("{} 督查", c.name),
                ArgKind::Urgency => format!("{} 特急", c.name),
                ArgKind::Lang => format!("{} en", c.name),
                ArgKind::Days => format!("{} 5", c.name),
                ArgKind::None => c.name.to_string(),
                _ => format!("{} x y", c.name),
            };
            assert!(parse(&line).is_ok(), "{line}");
        }
    }

    #[test]
    fn parses_arguments() {
        assert_eq!(parse("tab 督查"), Ok(Action::Tab(4)));
        assert_eq!(parse("q"), Ok(Action::Quit));
        assert_eq!(parse("route 收文"), Ok(Action::Route(Kind::Incoming)));
        assert_eq!(parse("route 辦會"), Ok(Action::Route(Kind::Meeting)));
        assert!(matches!(parse("route 發文"), Err(ParseError::Bad(..))));
        assert_eq!(
            parse("due +3工作日"),
            Ok(Action::Due(Some("+3工作日".into())))
        );
        assert_eq!(
            parse("set deadline 週五"),
            Ok(Action::Set("deadline".into(), "週五".into()))
        );
        assert!(matches!(parse("tab"), Err(ParseError::Missing(..))));
        assert_eq!(
            parse("import ~/通訊錄 2026.csv"),
            Ok(Action::Import("~/通訊錄 2026.csv".into()))
        );
        assert_eq!(
            parse("export 人員 p.csv"),
            Ok(Action::Export(Some(true), "p.csv".into()))
        );
        assert_eq!(
            parse("export units u.csv"),
            Ok(Action::Export(Some(false), "u.csv".into()))
        );
        assert_eq!(
            parse("export all.csv"),
            Ok(Action::Export(None, "all.csv".into()))
        );
        assert!(matches!(
            parse("export people"),
            Err(ParseError::Missing(..))
        ));
        assert!(matches!(parse("import"), Err(ParseError::Missing(..))));
        assert!(matches!(parse("frob"), Err(ParseError::Unknown(_))));
        assert_eq!(parse("circulation"), Ok(Action::Circulation(None)));
        assert_eq!(parse("傳閱 5"), Ok(Action::Circulation(Some(5))));
        assert!(matches!(
            parse("circulation 週五"),
            Err(ParseError::Bad(_, BadArg::Days(_)))
        ));
    }
}
