//! Typed refusals said in the clerk's language: the model's validation and
//! date problems, command lines that do not parse, and config bindings that
//! were refused. Each is data until here; this is the one place it becomes
//! words, so a 繁體 screen never shows an English error.

use super::{tr, Lang, T};
use crate::model::{DateReason, DateWhat, Problem};
use crate::tui::command::{self, BadArg, ParseError};
use crate::tui::keymap::{BindError, BindProblem};
use crate::tui::theme_warning::{StyleProblem, ThemeWarning};

/// A list of values, in the language's separator (values stay as stored,
/// simplified for 简体).
fn list(lang: Lang, v: &[String]) -> String {
    let sep = if lang == Lang::En { ", " } else { "、" };
    let s = v.join(sep);
    match lang {
        Lang::Hans => fast2s::convert(&s),
        _ => s,
    }
}

fn what(lang: Lang, w: DateWhat) -> String {
    let t = match w {
        DateWhat::Date => T::WordDate,
        DateWhat::DateTime => T::WordDateTime,
    };
    t.text(lang).to_string()
}

/// Why a date-shaped text names no date.
pub fn date_reason(lang: Lang, r: &DateReason) -> String {
    match r {
        DateReason::OutOfRange => tr(lang, T::ReasonOutOfRange, &[]),
        DateReason::TooFar { max } => tr(lang, T::ReasonTooFar, &[&max.to_string()]),
        DateReason::SignAndSuffix => tr(lang, T::ReasonSignAndSuffix, &[]),
        DateReason::NoMonth { month } => tr(lang, T::ReasonNoMonth, &[&month.to_string()]),
        DateReason::NoDay {
            year: Some(y),
            month,
            day,
        } => tr(
            lang,
            T::ReasonNoDayOfYear,
            &[&y.to_string(), &month.to_string(), &day.to_string()],
        ),
        DateReason::NoDay {
            year: None,
            month,
            day,
        } => tr(
            lang,
            T::ReasonNoDay,
            &[&month.to_string(), &day.to_string()],
        ),
    }
}

/// A model problem in `lang`.
pub fn problem(lang: Lang, p: &Problem) -> String {
    let kind = |k: &crate::model::Kind| lang.label(k.label(), k.english());
    match p {
        Problem::Other(s) => s.clone(),
        Problem::NotOneOf { got, valid, .. } => {
            tr(lang, T::ProbNotOneOf, &[got, &list(lang, valid)])
        }
        Problem::NotWholeNumber { got } => tr(lang, T::ProbNotWholeNumber, &[got]),
        Problem::CopyNo { got } => tr(lang, T::ProbCopyNo, &[got]),
        Problem::Phone { got } => tr(lang, T::ProbPhone, &[got]),
        Problem::Duration { got } => tr(lang, T::ProbDuration, &[got]),
        Problem::OneLeadUnit => tr(lang, T::ProbOneLeadUnit, &[]),
        Problem::Empty => tr(lang, T::ProbEmpty, &[]),
        Problem::TooLong { max } => tr(lang, T::ProbTooLong, &[&max.to_string()]),
        Problem::SecrecyYears => tr(lang, T::ProbSecrecyYears, &[]),
        Problem::SecrecyUnclassified => tr(lang, T::ProbSecrecyUnclassified, &[]),
        Problem::PrefixOnly => tr(lang, T::ProbPrefixOnly, &[]),
        Problem::NotADate { got, reason } => {
            let why = reason
                .as_ref()
                .map(|r| tr(lang, T::ProbReason, &[&date_reason(lang, r)]))
                .unwrap_or_default();
            tr(lang, T::ProbNotADate, &[got, &why])
        }
        Problem::NotADateTime { got } => tr(lang, T::ProbNotADateTime, &[got]),
        Problem::DateOutOfRange { got } => tr(lang, T::ProbDateOutOfRange, &[got]),
        Problem::NotATime { got } => tr(lang, T::ProbNotATime, &[got]),
        Problem::DateTooLong {
            head,
            chars,
            what: w,
        } => tr(
            lang,
            T::ProbDateTooLong,
            &[head, &chars.to_string(), &what(lang, *w)],
        ),
        Problem::NoDate { what: w } => tr(lang, T::ProbNoDate, &[&what(lang, *w)]),
        Problem::DateControl { got, what: w } => {
            tr(lang, T::ProbDateControl, &[got, &what(lang, *w)])
        }
        Problem::NoSuchField { kind: k, fields } => {
            tr(lang, T::ProbNoSuchField, &[&kind(k), &fields.join(", ")])
        }
        Problem::SystemField => tr(lang, T::ProbSystemField, &[]),
        Problem::NotOfKind { kind: k } => tr(lang, T::ProbNotOfKind, &[&kind(k)]),
        Problem::SecrecyNeeded => tr(lang, T::ProbSecrecyNeeded, &[]),
        Problem::DeadlineNeeded { urgency } => tr(
            lang,
            T::ProbDeadlineNeeded,
            &[&lang.label(urgency.label(), urgency.english())],
        ),
        Problem::EndBeforeStart => tr(lang, T::ProbEndBeforeStart, &[]),
        Problem::WrongKindData => tr(lang, T::ProbWrongKindData, &[]),
    }
}

/// A command line that did not parse, in `lang`.
pub fn command_error(lang: Lang, e: &ParseError) -> String {
    match e {
        ParseError::Unknown(w) => tr(lang, T::MsgUnknownCommand, &[w]),
        ParseError::Missing(name, _) => {
            let doc = command::spec(name).map(|s| s.doc.text(lang)).unwrap_or("");
            tr(lang, T::MsgNeedsArgument, &[name, doc])
        }
        ParseError::Bad(name, why) => {
            let e = crate::model::sanitize::escape;
            let why = match why {
                BadArg::Tab(s) => tr(lang, T::ArgTab, &[&e(s)]),
                BadArg::Route(s) => tr(lang, T::ArgRoute, &[&e(s)]),
                BadArg::Kind(s) => tr(lang, T::ArgKind, &[&e(s)]),
                BadArg::Lang(s) => tr(lang, T::ArgLang, &[&e(s)]),
                BadArg::Days(s) => tr(lang, T::ArgDays, &[&e(s)]),
                BadArg::Urgency(p) => problem(lang, p),
            };
            tr(lang, T::MsgBadArgument, &[name, &why])
        }
    }
}

/// A refused config binding, at `place` (`FILE 第 N 行`), in `lang`.
pub fn bind_error(lang: Lang, place: &str, e: &BindError) -> String {
    let why = match &e.problem {
        BindProblem::NoSuchMode => tr(lang, T::BindNoSuchMode, &[]),
        BindProblem::BadKeys => tr(lang, T::BindBadKeys, &[]),
        BindProblem::Command(ParseError::Unknown(w)) => tr(lang, T::BindUnknownCommand, &[w]),
        BindProblem::Command(c) => command_error(lang, c),
    };
    tr(lang, T::WarnBinding, &[place, &e.key, &why])
}

/// A problem with a theme file, in `lang`; names and text from the file escaped.
pub fn theme_warning(lang: Lang, w: &ThemeWarning) -> String {
    let e = crate::model::sanitize::escape;
    match w {
        ThemeWarning::TooDeep { name, max } => {
            tr(lang, T::WarnThemeDeep, &[&e(name), &max.to_string()])
        }
        ThemeWarning::Unreadable { name, path, error } => tr(
            lang,
            T::WarnThemeUnreadable,
            &[&e(name), &e(path), &e(error)],
        ),
        ThemeWarning::Syntax { file, message } => {
            tr(lang, T::WarnThemeSyntax, &[&e(file), &e(message)])
        }
        ThemeWarning::UnknownSlot { file, slot } => {
            tr(lang, T::WarnThemeSlot, &[&e(file), &e(slot)])
        }
        ThemeWarning::BadStyle { file, slot, why } => {
            let why = match why {
                StyleProblem::NotHex(s) => tr(lang, T::StyleNotHex, &[&e(s)]),
                StyleProblem::NotColour(s) => tr(lang, T::StyleNotColour, &[&e(s)]),
                StyleProblem::NotModifier(s) => tr(lang, T::StyleNotModifier, &[&e(s)]),
                StyleProblem::NotStyleKey(s) => tr(lang, T::StyleNotKey, &[&e(s)]),
                StyleProblem::NotColourOrTable => tr(lang, T::StyleNotColourOrTable, &[]),
            };
            tr(lang, T::WarnThemeStyle, &[&e(file), &e(slot), &why])
        }
    }
}

/// Where in a file: `FILE 第 N 行` / `FILE line N`, or the file alone.
pub fn place(lang: Lang, file: &str, line: Option<usize>) -> String {
    match line {
        Some(n) => tr(lang, T::WhereLine, &[file, &n.to_string()]),
        None => file.to_string(),
    }
}
