//! The domain: plain types and the office's rules. No I/O here, so every rule
//! is a unit test away.

pub mod acts;
pub mod archive;
pub mod calendar;
pub mod command;
pub mod dashboard;
pub mod dates;
pub mod directory;
pub mod directory_csv;
pub mod docno;
pub mod effects;
pub mod error;
pub mod fields;
pub mod fields_ext;
pub mod format;
pub mod history;
pub mod item;
pub mod meetings;
pub mod offers;
pub mod parts;
pub mod problem;
pub mod queue;
pub mod route;
pub mod sanitize;
pub mod status;
pub mod supervision;
pub mod sv_stats;
pub mod time;
pub mod vocab;
pub mod weekly;
pub mod workflow;

pub use calendar::WorkCalendar;
pub use command::{Act, BatchStep, Command};
pub use dates::{parse_date, parse_datetime};
pub use directory::{Person, Unit, User};
pub use docno::DocNo;
pub use error::{ValidationError, ValueError};
pub use fields::{DateCtx, FieldSpec, FIELDS};
pub use history::{AuditEntry, Change, HistoryEntry};
pub use item::*;
pub use parts::{cn_date, Circulation, CoSign, GateMark, Progress, Reminder, ReportCycle, Share};
pub use problem::{DateReason, DateWhat, Problem};
pub use status::Status;
pub use vocab::*;
pub use workflow::{RuleError, Transition, TRANSITIONS};
