//! 辦會 for the workbench: every meeting the user may see (the clashes a
//! form shows before saving, the week view and the leaders' schedule), and
//! a 會議通知 written to a new file.

use crate::core::{Filter, Service, ServiceError};
use crate::model::sanitize::{escape, is_dangerous};
use crate::model::{Item, Kind};

use super::super::event::Outcome;
use super::super::i18n::T;
use super::dirfile::write_new;

/// Every meeting the service lets the user see.
pub(super) fn all(svc: &dyn Service) -> Result<Vec<Item>, ServiceError> {
    svc.list(&Filter {
        kind: Some(Kind::Meeting),
        ..Filter::default()
    })
}

/// Writes `text` to the new file `file`: never over a file that exists,
/// and nothing half-written left behind. Control characters (from a hostile
/// title) are dropped: the file is for printing and editing, not a terminal.
pub(super) fn write_notice(file: &str, text: &str) -> Outcome {
    let text: String = text
        .chars()
        .filter(|c| *c == '\n' || !is_dangerous(*c))
        .collect();
    match write_new(file, &text) {
        Ok(()) => Outcome::NoticeWritten(escape(file)),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            Outcome::Refused(T::MsgExportExists, vec![escape(file)])
        }
        Err(e) => Outcome::Refused(T::MsgFileFailed, vec![escape(file), e.to_string()]),
    }
}
