//! What was wrong with a theme file, as data: the workbench shows it in the
//! clerk's language (`i18n::theme_warning`); its `Display` is the English
//! wording, for logs and tests. Paths and the text found are escaped when
//! shown: a theme file is the user's, but its name may be anything.

use std::fmt;

/// Why a style value was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StyleProblem {
    /// `#` but not six hex digits.
    NotHex(String),
    /// Not a colour name, number or `#rrggbb`.
    NotColour(String),
    /// Not one of the modifiers.
    NotModifier(String),
    /// A key of a style table other than fg, bg, modifiers.
    NotStyleKey(String),
    /// Neither a colour nor a table.
    NotColourOrTable,
}

impl fmt::Display for StyleProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StyleProblem::NotHex(s) => write!(f, "'{s}' is not a #rrggbb colour"),
            StyleProblem::NotColour(s) => write!(f, "'{s}' is not a colour"),
            StyleProblem::NotModifier(s) => write!(f, "'{s}' is not a modifier"),
            StyleProblem::NotStyleKey(k) => write!(f, "'{k}' is not fg, bg or modifiers"),
            StyleProblem::NotColourOrTable => write!(f, "a colour or a table"),
        }
    }
}

/// One problem met while loading a theme; the theme falls back and loads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ThemeWarning {
    /// `inherits` nested deeper than allowed (a loop).
    TooDeep {
        /// The theme.
        name: String,
        /// The deepest nesting allowed.
        max: usize,
    },
    /// The file could not be read.
    Unreadable {
        /// The theme asked for.
        name: String,
        /// Where it was looked for.
        path: String,
        /// What the system said.
        error: String,
    },
    /// The file is not TOML.
    Syntax {
        /// The file.
        file: String,
        /// What the parser said.
        message: String,
    },
    /// A key that names no slot.
    UnknownSlot {
        /// The file.
        file: String,
        /// The key.
        slot: String,
    },
    /// A slot whose style was refused; the inherited colour stays.
    BadStyle {
        /// The file.
        file: String,
        /// The slot.
        slot: String,
        /// Why.
        why: StyleProblem,
    },
}

impl fmt::Display for ThemeWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ThemeWarning::TooDeep { name, max } => {
                write!(f, "theme {name}: inherits nests deeper than {max}; stopped")
            }
            ThemeWarning::Unreadable { name, path, error } => {
                write!(f, "theme {name}: {path} ({error})")
            }
            ThemeWarning::Syntax { file, message } => write!(f, "{file}: {message}"),
            ThemeWarning::UnknownSlot { file, slot } => {
                write!(f, "{file}: unknown slot '{slot}'")
            }
            ThemeWarning::BadStyle { file, slot, why } => {
                write!(f, "{file}: {slot}: {why}; using the inherited colour")
            }
        }
    }
}
