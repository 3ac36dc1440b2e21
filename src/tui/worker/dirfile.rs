//! The files of `:import` and `:export`: read whole, checked whole, saved
//! in one write (or not at all); written to a new file only, never over
//! one that exists.

use std::io::Write;
use std::path::PathBuf;

use crate::core::Service;
use crate::model::directory_csv::{self, Parsed, RowError};

use super::super::app::{DirFile, FileFail};
use super::super::event::Outcome;
use super::err;

/// A directory file bigger than this is refused (a phone book is far smaller).
pub const MAX_FILE_BYTES: u64 = 16 << 20;

/// The file a clerk typed: `~/` is their home, anything else as given
/// (relative to where the workbench was started).
pub(super) fn path_of(file: &str) -> PathBuf {
    match file.strip_prefix("~/") {
        Some(rest) => std::env::var_os("HOME")
            .map(|h| PathBuf::from(h).join(rest))
            .unwrap_or_else(|| PathBuf::from(file)),
        None => PathBuf::from(file),
    }
}

fn failed(file: &str, e: std::io::Error) -> Outcome {
    Outcome::DirectoryFile(DirFile::Failed {
        file: file.to_string(),
        why: FileFail::Os(e.to_string()),
    })
}

/// The text of a file, or why it cannot be imported.
fn read_text(file: &str) -> Result<String, Outcome> {
    let path = path_of(file);
    let size = std::fs::metadata(&path).map_err(|e| failed(file, e))?.len();
    if size > MAX_FILE_BYTES {
        return Err(Outcome::DirectoryFile(DirFile::Failed {
            file: file.to_string(),
            why: FileFail::TooBig {
                size,
                max: MAX_FILE_BYTES,
            },
        }));
    }
    let bytes = std::fs::read(&path).map_err(|e| failed(file, e))?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..at].iter().filter(|b| **b == b'\n').count() + 1;
        Outcome::DirectoryFile(DirFile::Refused {
            file: file.to_string(),
            errors: vec![RowError {
                line,
                field: None,
                problem: directory_csv::RowProblem::NotUtf8 { byte: at },
            }],
        })
    })
}

/// `:import FILE`: every row checked, then one write of them all.
pub(super) fn import(svc: &dyn Service, file: &str) -> Outcome {
    let text = match read_text(file) {
        Ok(t) => t,
        Err(o) => return o,
    };
    let units = match svc.units() {
        Ok(u) => u,
        Err(e) => return err(e),
    };
    let parsed = match directory_csv::parse(&text, &units) {
        Ok(p) => p,
        Err(errors) => {
            return Outcome::DirectoryFile(DirFile::Refused {
                file: file.to_string(),
                errors,
            })
        }
    };
    let (units, people) = match parsed {
        Parsed::Units(u) => (u, vec![]),
        Parsed::People(p) => (vec![], p),
    };
    let (nu, np) = (units.len(), people.len());
    match svc.save_directory(units, people) {
        Ok(()) => Outcome::DirectoryFile(DirFile::Imported {
            file: file.to_string(),
            units: nu,
            people: np,
        }),
        Err(e) => err(e),
    }
}

/// `:export`: the units or the people to a new file, whole or not at all.
pub(super) fn export(svc: &dyn Service, file: &str, people: bool) -> Outcome {
    let (text, count) = if people {
        match svc.people() {
            Ok(p) => (directory_csv::people_csv(&p), p.len()),
            Err(e) => return err(e),
        }
    } else {
        match svc.units() {
            Ok(u) => (directory_csv::units_csv(&u), u.len()),
            Err(e) => return err(e),
        }
    };
    match write_new(file, &text) {
        Ok(()) => Outcome::DirectoryFile(DirFile::Exported {
            file: file.to_string(),
            people,
            count,
        }),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            Outcome::DirectoryFile(DirFile::Exists {
                file: file.to_string(),
            })
        }
        Err(e) => failed(file, e),
    }
}

/// Writes `text` to the new file `file` (as typed, see `path_of`): never
/// over one that exists (an `AlreadyExists` error), and nothing
/// half-written left behind.
pub(super) fn write_new(file: &str, text: &str) -> std::io::Result<()> {
    let path = path_of(file);
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)?;
    if let Err(e) = f.write_all(text.as_bytes()).and_then(|()| f.sync_all()) {
        drop(f);
        let _ = std::fs::remove_file(&path);
        return Err(e);
    }
    Ok(())
}
