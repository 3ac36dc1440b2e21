//! What is wrong with a row of a directory CSV file, as data: the CLI
//! prints its English (`Display`), the workbench says it in the clerk's
//! language. Text from the file is escaped where it is kept.

use std::fmt;

/// One thing wrong with a units or people file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowProblem {
    /// The header row does not read (the CSV reader's words).
    Header(String),
    /// A column neither file has.
    UnknownColumn {
        /// The column (escaped).
        column: String,
        /// The columns this file may have.
        columns: &'static [&'static str],
    },
    /// No `name` column.
    NoNameColumn,
    /// A row that is not CSV (the CSV reader's words).
    NotCsv(String),
    /// A required cell is empty.
    Required,
    /// A unit key with other than ASCII letters, digits, `-` and `_` (escaped).
    NotKey(String),
    /// A unit key given twice.
    KeyTwice(String),
    /// Not a phone number (escaped).
    NotPhone(String),
    /// A person's id that is not a number (escaped).
    NotNumber(String),
    /// A person's unit that the directory does not know (escaped).
    NoUnit(String),
    /// The file is not UTF-8 from this byte on.
    NotUtf8 {
        /// The first byte that is not.
        byte: usize,
    },
}

impl fmt::Display for RowProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RowProblem::Header(e) => write!(f, "cannot read the header row: {e}"),
            RowProblem::UnknownColumn { column, columns } => {
                write!(
                    f,
                    "unknown column '{column}'; columns: {}",
                    columns.join(", ")
                )
            }
            RowProblem::NoNameColumn => f.write_str("a 'name' column is required"),
            RowProblem::NotCsv(e) => write!(f, "not valid CSV: {e}"),
            RowProblem::Required => f.write_str("is required"),
            RowProblem::NotKey(k) => {
                write!(f, "'{k}' is not a key (ASCII letters, digits, - and _)")
            }
            RowProblem::KeyTwice(k) => write!(f, "'{k}' appears twice in the file"),
            RowProblem::NotPhone(p) => write!(f, "'{p}' is not a phone number"),
            RowProblem::NotNumber(s) => write!(f, "'{s}' is not a number"),
            RowProblem::NoUnit(u) => write!(
                f,
                "no unit '{u}' in the directory (give its key, name or abbreviation)"
            ),
            RowProblem::NotUtf8 { byte } => {
                write!(f, "not UTF-8 text (byte {byte}); save the file as UTF-8")
            }
        }
    }
}
