//! `:import FILE` and `:export [units|people] FILE` in the 通訊錄 tab: the
//! directory from and to the CSV files `shuniu directory` reads and writes
//! (`model::directory_csv`). An import is all or nothing; a refused one
//! shows its first errors by line and field in the detail pane.

use crate::model::directory_csv::RowError;

use super::super::event::Effect;
use super::super::i18n::T;
use super::{App, DirRow, Focus, Level, TabKind};

/// What an import or an export did, as the worker reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DirFile {
    /// Everything in the file was saved.
    Imported {
        /// The file, as typed.
        file: String,
        /// Units saved.
        units: usize,
        /// People saved.
        people: usize,
    },
    /// Nothing was saved: what is wrong, in file order.
    Refused {
        /// The file, as typed.
        file: String,
        /// Every error found.
        errors: Vec<RowError>,
    },
    /// The file was written.
    Exported {
        /// The file, as typed.
        file: String,
        /// People (else units).
        people: bool,
        /// Rows written.
        count: usize,
    },
    /// The export would have overwritten a file.
    Exists {
        /// The file, as typed.
        file: String,
    },
    /// The file could not be read or written.
    Failed {
        /// The file, as typed.
        file: String,
        /// Why.
        why: FileFail,
    },
}

/// Why a directory file could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileFail {
    /// What the OS said, in English.
    Os(String),
    /// Larger than a directory file may be.
    TooBig {
        /// Its size, in bytes.
        size: u64,
        /// The most, in bytes.
        max: u64,
    },
}

/// A refused import, shown in the directory's detail pane while the
/// selection stays where it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportReport {
    /// The file, as typed.
    pub file: String,
    /// Every error found.
    pub errors: Vec<RowError>,
    /// The directory entry selected when it came (its id).
    pub at: Option<u64>,
}

impl App {
    /// One error of a file in the clerk's language: line, field, what.
    pub fn row_error(&self, e: &RowError) -> String {
        let line = e.line.to_string();
        match e.field {
            Some(f) => {
                let why = super::super::i18n::row_problem(self.lang(), &e.problem);
                self.tf(T::DirErrField, &[&line, f, &why])
            }
            None => {
                let why = super::super::i18n::row_problem(self.lang(), &e.problem);
                self.tf(T::DirErrLine, &[&line, &why])
            }
        }
    }

    /// `:import FILE`.
    pub(super) fn import_directory(&mut self, file: String) -> Vec<Effect> {
        if self.tab_kind() != TabKind::Directory {
            let m = self.tf(T::MsgDirectoryOnly, &[":import"]);
            self.say(Level::Error, m);
            return vec![];
        }
        self.import_report = None;
        let m = self.tf(T::MsgImporting, &[&file]);
        self.say(Level::Info, m);
        vec![Effect::ImportDirectory { file }]
    }

    /// `:export [units|people] FILE`: without a word, what is under the cursor.
    pub(super) fn export_directory(&mut self, people: Option<bool>, file: String) -> Vec<Effect> {
        if self.tab_kind() != TabKind::Directory {
            let m = self.tf(T::MsgDirectoryOnly, &[":export"]);
            self.say(Level::Error, m);
            return vec![];
        }
        let people = people.unwrap_or(matches!(self.dir_selected(), Some(DirRow::Person(_))));
        vec![Effect::ExportDirectory { file, people }]
    }

    /// The worker's report of an import or an export.
    pub(super) fn directory_file(&mut self, r: DirFile) -> Vec<Effect> {
        match r {
            DirFile::Imported {
                file,
                units,
                people,
            } => {
                self.import_report = None;
                let m = self.tf(
                    T::MsgImported,
                    &[&file, &units.to_string(), &people.to_string()],
                );
                self.say(Level::Info, m);
                vec![Effect::LoadDirectory]
            }
            DirFile::Refused { file, errors } => {
                let first = errors
                    .first()
                    .map(|e| self.row_error(e))
                    .unwrap_or_default();
                let m = self.tf(
                    T::MsgImportRefused,
                    &[&file, &errors.len().to_string(), &first],
                );
                self.say(Level::Error, m);
                let at = self.dir_selected().map(DirRow::id);
                self.import_report = Some(ImportReport { file, errors, at });
                if !self.wide() && self.tab_kind() == TabKind::Directory {
                    // One pane at a time: the report is what the clerk needs.
                    self.focus = Focus::Detail;
                    self.detail_scroll = 0;
                }
                vec![]
            }
            DirFile::Exported {
                file,
                people,
                count,
            } => {
                let t = if people {
                    T::MsgExportedPeople
                } else {
                    T::MsgExportedUnits
                };
                let m = self.tf(t, &[&file, &count.to_string()]);
                self.say(Level::Info, m);
                vec![]
            }
            DirFile::Exists { file } => {
                let m = self.tf(T::MsgExportExists, &[&file]);
                self.say(Level::Error, m);
                vec![]
            }
            DirFile::Failed { file, why } => {
                let why = match why {
                    FileFail::Os(e) => crate::model::sanitize::escape(&e),
                    FileFail::TooBig { size, max } => {
                        self.tf(T::DirTooBig, &[&size.to_string(), &max.to_string()])
                    }
                };
                let file = crate::model::sanitize::escape(&file);
                let m = self.tf(T::MsgFileFailed, &[&file, &why]);
                self.say(Level::Error, m);
                vec![]
            }
        }
    }

    /// The refused import to show in the detail pane, if the selection is
    /// still where it was when it came.
    pub fn import_report_shown(&self) -> Option<&ImportReport> {
        let r = self.import_report.as_ref()?;
        (self.tab_kind() == TabKind::Directory && self.dir_selected().map(DirRow::id) == r.at)
            .then_some(r)
    }
}
