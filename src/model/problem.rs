//! What was wrong with a value, as data: the variant says which rule refused
//! it and carries the arguments (the text typed, already escaped, the limits,
//! the valid values). The CLI shows a problem in English (its `Display`);
//! the workbench renders the same problem in the clerk's language through
//! its catalogue, so a 繁體 screen never shows an English validation error.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{Kind, Urgency};

/// Whether a date or a date and time was expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DateWhat {
    /// A date (`2026-12-01`, `+3工作日`).
    Date,
    /// A date and time (`明天 14:00`).
    DateTime,
}

impl DateWhat {
    fn english(self) -> &'static str {
        match self {
            DateWhat::Date => "a date",
            DateWhat::DateTime => "a date and time",
        }
    }

    /// The forms to try, in English.
    pub fn hint(self) -> &'static str {
        match self {
            DateWhat::Date => "try 2026-12-01, 12-01, +3, +3工作日, 週五, 明天, 下週一",
            DateWhat::DateTime => {
                "try 2026-11-25 09:30, 明天 14:00, 2026-11-25T09:30:00+08:00, or any date form"
            }
        }
    }
}

/// Why text with the shape of a date names no date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DateReason {
    /// Before or after every date the calendar can hold.
    OutOfRange,
    /// An offset of more than `max` days.
    TooFar {
        /// The largest offset accepted.
        max: u32,
    },
    /// Both a sign and 後/前 (`+3天後`).
    SignAndSuffix,
    /// A month outside 1–12.
    NoMonth {
        /// The month typed.
        month: u32,
    },
    /// A day the month does not have.
    NoDay {
        /// The year, when typed.
        year: Option<i32>,
        /// The month.
        month: u32,
        /// The day typed.
        day: u32,
    },
}

impl fmt::Display for DateReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateReason::OutOfRange => write!(f, "out of the range of dates"),
            DateReason::TooFar { max } => write!(f, "too far away (at most {max} days)"),
            DateReason::SignAndSuffix => write!(f, "use either a sign or 後/前, not both"),
            DateReason::NoMonth { month } => write!(f, "there is no month {month}"),
            DateReason::NoDay {
                year: Some(y),
                month,
                day,
            } => write!(f, "{y}-{month:02} has no day {day}"),
            DateReason::NoDay {
                year: None,
                month,
                day,
            } => write!(f, "month {month} has no day {day}"),
        }
    }
}

/// Which rule refused a value, with its arguments. Text typed by the clerk
/// (`got`) is held escaped (`sanitize::escape`), safe to show anywhere.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    /// A reason with no typed shape (yet): English text.
    Other(String),
    /// Not one of a closed list of values.
    NotOneOf {
        /// What was expected (`urgency`), in English.
        what: String,
        /// What was typed.
        got: String,
        /// The values accepted.
        valid: Vec<String>,
    },
    /// Not a whole number.
    NotWholeNumber {
        /// What was typed.
        got: String,
    },
    /// A 份號 is six digits.
    CopyNo {
        /// What was typed.
        got: String,
    },
    /// Not a phone number.
    Phone {
        /// What was typed.
        got: String,
    },
    /// Not a call length.
    Duration {
        /// What was typed.
        got: String,
    },
    /// A lead-unit field names more than one unit.
    OneLeadUnit,
    /// The value must not be empty.
    Empty,
    /// Longer than allowed.
    TooLong {
        /// The most characters allowed.
        max: usize,
    },
    /// A 保密期限 outside 1–30 years.
    SecrecyYears,
    /// A 保密期限 on an item that is not classified.
    SecrecyUnclassified,
    /// A 機關代字 with a year, brackets or a number in it.
    PrefixOnly,
    /// Not a date (with why, when it looked like one).
    NotADate {
        /// What was typed.
        got: String,
        /// Why it names no date, when it has a date's shape.
        reason: Option<DateReason>,
    },
    /// Not a date and time.
    NotADateTime {
        /// What was typed.
        got: String,
    },
    /// A date and time out of the range of dates.
    DateOutOfRange {
        /// What was typed.
        got: String,
    },
    /// Not a time of day.
    NotATime {
        /// What was typed.
        got: String,
    },
    /// Too long to be a date.
    DateTooLong {
        /// Its first characters.
        head: String,
        /// How many characters it has.
        chars: usize,
        /// What was expected.
        what: DateWhat,
    },
    /// Nothing given where a date was needed.
    NoDate {
        /// What was expected.
        what: DateWhat,
    },
    /// Control characters where a date was expected.
    DateControl {
        /// What was typed.
        got: String,
        /// What was expected.
        what: DateWhat,
    },
    /// No field of that name.
    NoSuchField {
        /// The item's kind.
        kind: Kind,
        /// The fields it has.
        fields: Vec<String>,
    },
    /// A field the system sets.
    SystemField,
    /// A field of another kind.
    NotOfKind {
        /// The item's kind.
        kind: Kind,
    },
    /// A classified item without a 保密期限.
    SecrecyNeeded,
    /// A 加急 or 特急 document without a deadline.
    DeadlineNeeded {
        /// Its urgency.
        urgency: Urgency,
    },
    /// A meeting that ends before it starts.
    EndBeforeStart,
    /// The kind's data is of another kind.
    WrongKindData,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Other(s) => f.write_str(s),
            Problem::NotOneOf { what, got, valid } => write!(
                f,
                "'{got}' is not a valid {what}; valid values: {}",
                valid.join(", ")
            ),
            Problem::NotWholeNumber { got } => write!(f, "'{got}' is not a whole number"),
            Problem::CopyNo { got } => write!(f, "份號 must be 6 digits, e.g. 000123; got '{got}'"),
            Problem::Phone { got } => write!(
                f,
                "'{got}' is not a phone number (digits, spaces, - + ( ) and 轉 only)"
            ),
            Problem::Duration { got } => {
                write!(f, "'{got}' is not a duration (seconds, mm:ss or h:mm:ss)")
            }
            Problem::OneLeadUnit => {
                write!(f, "exactly one lead unit; put the others in 'assisting'")
            }
            Problem::Empty => write!(f, "must not be empty"),
            Problem::TooLong { max } => write!(f, "is longer than {max} characters"),
            Problem::SecrecyYears => write!(f, "保密期限 is 1 to 30 years"),
            Problem::SecrecyUnclassified => {
                write!(f, "only 秘密, 機密 and 絕密 items have a 保密期限")
            }
            Problem::PrefixOnly => write!(
                f,
                "機關代字 is the prefix only, e.g. 市政辦發 (no year, brackets or number)"
            ),
            Problem::NotADate { got, reason } => {
                write!(f, "'{got}' is not a date")?;
                if let Some(r) = reason {
                    write!(f, ": {r}")?;
                }
                write!(f, " ({})", DateWhat::Date.hint())
            }
            Problem::NotADateTime { got } => write!(
                f,
                "'{got}' is not a date and time ({})",
                DateWhat::DateTime.hint()
            ),
            Problem::DateOutOfRange { got } => write!(f, "'{got}' is out of the range of dates"),
            Problem::NotATime { got } => {
                write!(f, "'{got}' is not a time of day (try 09:30 or 14:05:00)")
            }
            Problem::DateTooLong { head, chars, what } => write!(
                f,
                "'{head}…' is too long to be {} ({chars} characters)",
                what.english()
            ),
            Problem::NoDate { what } => {
                write!(f, "no {} given ({})", &what.english()[2..], what.hint())
            }
            Problem::DateControl { got, what } => write!(
                f,
                "'{got}' contains control characters and is not {}",
                what.english()
            ),
            Problem::NoSuchField { kind, fields } => {
                write!(f, "no such field; fields of {kind}: {}", fields.join(", "))
            }
            Problem::SystemField => write!(f, "is set by the system and cannot be edited"),
            Problem::NotOfKind { kind } => write!(f, "a {kind} item has no such field"),
            Problem::SecrecyNeeded => write!(f, "a classified item needs a 保密期限"),
            Problem::DeadlineNeeded { urgency } => {
                write!(f, "a {urgency} document needs a deadline")
            }
            Problem::EndBeforeStart => write!(f, "the meeting must end after it starts"),
            Problem::WrongKindData => write!(f, "the fields do not belong to this kind"),
        }
    }
}
