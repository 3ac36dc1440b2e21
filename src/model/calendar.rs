//! The working-day calendar of mainland China: weekends, public holidays and
//! the weekend days the State Council turns into working days (調休上班).
//!
//! Deadlines in a general office are counted in working days, so the holiday
//! notice of each year has to be known. The years we know are shipped as
//! data (`data/holidays/YYYY.toml`, compiled in); an administrator can add a
//! later year by dropping a file of the same shape into a folder, and the
//! caller hands its text to [`WorkCalendar::add_year_toml`]. This module does
//! no I/O itself.

use std::collections::BTreeMap;
use std::ops::Bound::{Excluded, Included, Unbounded};
use std::ops::Range;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Deserialize;
use toml::Spanned;

use super::sanitize;

/// The year files shipped with the program, as (path, text).
const SHIPPED: &[(&str, &str)] = &[(
    "data/holidays/2026.toml",
    include_str!("../../data/holidays/2026.toml"),
)];

/// The longest run of days off one `[[holiday]]` entry may have; anything
/// longer is certainly a typo in `from` or `to`.
const MAX_HOLIDAY_DAYS: i64 = 31;

/// Which days are working days: Monday to Friday, except public holidays,
/// plus the weekend days declared working days for a holiday.
#[derive(Clone, Debug, Default)]
pub struct WorkCalendar {
    /// What each loaded year file said, by year.
    years: BTreeMap<i32, YearData>,
    /// Every exceptional day of all loaded years, merged so that a year's own
    /// file wins over the previous year's file spilling into it.
    days: BTreeMap<NaiveDate, DayKind>,
}

#[derive(Clone, Debug)]
struct YearData {
    notice: String,
    holidays: Vec<(NaiveDate, String)>,
    workdays: Vec<(NaiveDate, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum DayKind {
    /// A day off for the named holiday.
    Holiday(String),
    /// A weekend day worked to make up for the named holiday.
    Workday(String),
}

/// A holiday file could not be used. The message is one line naming the file,
/// the line and the field, e.g.
/// `2027.toml line 7: field 'to': '2027-02-30' is not a date (YYYY-MM-DD)`,
/// so an administrator can fix the file without reading code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}{}: {message}", line_suffix(.line))]
pub struct CalendarError {
    /// Where the text came from (the path the caller passed as `source`).
    pub file: String,
    /// 1-based line of the offending value, when known.
    pub line: Option<usize>,
    /// What was wrong, including the field name when there is one.
    pub message: String,
}

fn line_suffix(line: &Option<usize>) -> String {
    line.map(|l| format!(" line {l}")).unwrap_or_default()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct YearFile {
    year: Spanned<i32>,
    source: Option<Spanned<String>>,
    #[serde(default)]
    holiday: Vec<HolidayEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HolidayEntry {
    name: Spanned<String>,
    from: Spanned<DateField>,
    to: Spanned<DateField>,
    #[serde(default)]
    workdays: Vec<Spanned<DateField>>,
}

/// A date as written in the file: normally a quoted `"2026-01-01"`, but a
/// bare TOML date `2026-01-01` is accepted too.
enum DateField {
    Text(String),
    Toml(toml::value::Datetime),
}

impl<'de> Deserialize<'de> for DateField {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = DateField;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a date such as \"2026-01-01\"")
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<DateField, E> {
                Ok(DateField::Text(v.to_string()))
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<DateField, A::Error> {
                let dt = toml::value::Datetime::deserialize(
                    serde::de::value::MapAccessDeserializer::new(map),
                )?;
                Ok(DateField::Toml(dt))
            }
        }
        d.deserialize_any(Visitor)
    }
}

impl DateField {
    fn to_date(&self) -> Option<NaiveDate> {
        match self {
            DateField::Text(s) => strict_date(s),
            DateField::Toml(dt) => match (dt.date, dt.time, dt.offset) {
                (Some(d), None, None) => {
                    NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
                }
                _ => None,
            },
        }
    }

    fn shown(&self) -> String {
        match self {
            DateField::Text(s) => s.clone(),
            DateField::Toml(dt) => dt.to_string(),
        }
    }
}

/// Builds [`CalendarError`]s for one file, turning byte spans into lines.
struct Reporter<'a> {
    file: &'a str,
    text: &'a str,
}

impl Reporter<'_> {
    fn at(&self, span: Option<Range<usize>>, message: impl Into<String>) -> CalendarError {
        let line = span.map(|s| line_of(self.text, s.start));
        CalendarError {
            file: sanitize::escape(self.file),
            line,
            message: sanitize::escape(&message.into()),
        }
    }

    fn field(&self, span: Range<usize>, field: &str, message: impl AsRef<str>) -> CalendarError {
        self.at(Some(span), format!("field '{field}': {}", message.as_ref()))
    }

    /// Turns a TOML/serde error into our one-line form, naming the key on
    /// the offending line when the parser did not.
    fn toml(&self, e: &toml::de::Error) -> CalendarError {
        let msg = e.message().trim().replace('\n', " ");
        let span = e.span();
        let key = span
            .as_ref()
            .and_then(|s| key_on_line(self.text, s.start))
            .filter(|_| !msg.starts_with("unknown field") && !msg.starts_with("missing field"));
        match key {
            Some(k) => self.at(span, format!("field '{k}': {msg}")),
            None => self.at(span, msg),
        }
    }
}

/// 1-based line number of byte offset `pos` in `text`.
fn line_of(text: &str, pos: usize) -> usize {
    let pos = pos.min(text.len());
    text.as_bytes()[..pos]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The bare key assigned on the line containing byte `pos`, if that line is a
/// `key = value` line.
fn key_on_line(text: &str, pos: usize) -> Option<String> {
    let pos = pos.min(text.len());
    let start = text[..pos].rfind('\n').map_or(0, |i| i + 1);
    let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
    let line = &text[start..end];
    let (key, _) = line.split_once('=')?;
    let key = key.trim();
    let bare = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    bare.then(|| key.to_string())
}

/// Parses a strict `YYYY-MM-DD`.
fn strict_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return None;
    }
    NaiveDate::from_ymd_opt(
        s[..4].parse().ok()?,
        s[5..7].parse().ok()?,
        s[8..].parse().ok()?,
    )
}

impl WorkCalendar {
    /// The calendar with every year shipped in `data/holidays/`, so the
    /// program knows the official holidays without any configuration.
    ///
    /// # Panics
    /// Only if a shipped file is broken, which the unit tests rule out.
    pub fn builtin() -> WorkCalendar {
        let mut cal = WorkCalendar::default();
        for (path, text) in SHIPPED {
            if let Err(e) = cal.add_year_toml(text, path) {
                panic!("shipped holiday file is broken: {e}");
            }
        }
        cal
    }

    /// Parses one year's holiday file and adds it, returning the year. A year
    /// already present is replaced, so an administrator's file overrides the
    /// shipped one. `source` (usually the file path) is only used in errors.
    /// Nothing is changed when the file is refused.
    pub fn add_year_toml(&mut self, text: &str, source: &str) -> Result<i32, CalendarError> {
        let rep = Reporter { file: source, text };
        let file: YearFile = toml::from_str(text).map_err(|e| rep.toml(&e))?;

        let year = *file.year.get_ref();
        if !(1949..=9998).contains(&year) {
            return Err(rep.field(
                file.year.span(),
                "year",
                format!("{year} is not a plausible year"),
            ));
        }
        let notice = match &file.source {
            Some(s) if s.get_ref().chars().any(sanitize::is_dangerous) => {
                return Err(rep.field(s.span(), "source", "contains control characters"));
            }
            Some(s) => s.get_ref().trim().to_string(),
            None => String::new(),
        };
        if file.holiday.is_empty() {
            return Err(rep.at(
                Some(file.year.span()),
                format!("no [[holiday]] entries for {year}"),
            ));
        }

        let in_range = |d: NaiveDate| d.year() == year || d.year() == year + 1;
        let date = |s: &Spanned<DateField>, field: &str| -> Result<NaiveDate, CalendarError> {
            let d = s.get_ref().to_date().ok_or_else(|| {
                rep.field(
                    s.span(),
                    field,
                    format!("'{}' is not a date (YYYY-MM-DD)", s.get_ref().shown()),
                )
            })?;
            if !in_range(d) {
                return Err(rep.field(
                    s.span(),
                    field,
                    format!(
                        "{d} is outside the file's year (must be in {year} or {})",
                        year + 1
                    ),
                ));
            }
            Ok(d)
        };

        let mut days: BTreeMap<NaiveDate, DayKind> = BTreeMap::new();
        let mut data = YearData {
            notice,
            holidays: Vec::new(),
            workdays: Vec::new(),
        };
        for h in &file.holiday {
            let name = h.name.get_ref().trim();
            if name.is_empty() {
                return Err(rep.field(h.name.span(), "name", "is empty"));
            }
            if name.chars().any(sanitize::is_dangerous) {
                return Err(rep.field(h.name.span(), "name", "contains control characters"));
            }
            let from = date(&h.from, "from")?;
            let to = date(&h.to, "to")?;
            if to < from {
                return Err(rep.field(
                    h.to.span(),
                    "to",
                    format!("{to} is before 'from' ({from})"),
                ));
            }
            if (to - from).num_days() >= MAX_HOLIDAY_DAYS {
                return Err(rep.field(
                    h.to.span(),
                    "to",
                    format!("{from}..{to} is longer than {MAX_HOLIDAY_DAYS} days"),
                ));
            }
            for d in from.iter_days().take_while(|d| *d <= to) {
                if let Some(DayKind::Holiday(other)) = days.get(&d) {
                    return Err(rep.field(
                        h.from.span(),
                        "from",
                        format!("{d} is already a day off for {other}"),
                    ));
                }
                days.insert(d, DayKind::Holiday(name.to_string()));
                data.holidays.push((d, name.to_string()));
            }
        }
        for h in &file.holiday {
            let name = h.name.get_ref().trim();
            for w in &h.workdays {
                let d = date(w, "workdays")?;
                match days.get(&d) {
                    Some(DayKind::Holiday(other)) => {
                        return Err(rep.field(
                            w.span(),
                            "workdays",
                            format!("{d} is both a day off ({other}) and a working day"),
                        ))
                    }
                    Some(DayKind::Workday(_)) => {
                        return Err(rep.field(w.span(), "workdays", format!("{d} is listed twice")))
                    }
                    None => {}
                }
                days.insert(d, DayKind::Workday(name.to_string()));
                data.workdays.push((d, name.to_string()));
            }
        }

        self.years.insert(year, data);
        self.rebuild();
        Ok(year)
    }

    /// Re-merges all years; later (own) years overwrite spill-over from the
    /// year before.
    fn rebuild(&mut self) {
        self.days.clear();
        for data in self.years.values() {
            for (d, name) in &data.holidays {
                self.days.insert(*d, DayKind::Holiday(name.clone()));
            }
            for (d, name) in &data.workdays {
                self.days.insert(*d, DayKind::Workday(name.clone()));
            }
        }
    }

    /// Whether people are at work on `d`: adjusted workdays are, holidays are
    /// not, otherwise Monday to Friday.
    pub fn is_workday(&self, d: NaiveDate) -> bool {
        match self.days.get(&d) {
            Some(DayKind::Holiday(_)) => false,
            Some(DayKind::Workday(_)) => true,
            None => is_weekday(d),
        }
    }

    /// The holiday `d` is a day off for, so the UI can say why a day is not
    /// a working day.
    pub fn holiday_name(&self, d: NaiveDate) -> Option<&str> {
        match self.days.get(&d) {
            Some(DayKind::Holiday(name)) => Some(name),
            _ => None,
        }
    }

    /// The notice a loaded year's data was taken from, for display.
    pub fn notice(&self, year: i32) -> Option<&str> {
        self.years.get(&year).map(|y| y.notice.as_str())
    }

    /// The `n`-th working day strictly after `from` (`n == 0` returns
    /// `from`): the deadline "within n working days". Saturates at the last
    /// representable date instead of overflowing.
    pub fn add_workdays(&self, from: NaiveDate, n: u32) -> NaiveDate {
        let mut d = from;
        let mut left = u64::from(n);
        while left > 0 {
            if left > 10 {
                // Jump whole weeks (5 working days each) through stretches
                // without exceptional days.
                let mut weeks = (left - 1) / 5;
                if let Some((next, _)) = self.days.range((Excluded(d), Unbounded)).next() {
                    let plain = (*next - d).num_days() - 1;
                    weeks = weeks.min(u64::try_from(plain / 7).unwrap_or(0));
                }
                if weeks > 0 {
                    match d.checked_add_days(Days::new(weeks * 7)) {
                        Some(x) => d = x,
                        None => return NaiveDate::MAX,
                    }
                    left -= weeks * 5;
                    continue;
                }
            }
            match d.succ_opt() {
                Some(x) => d = x,
                None => return NaiveDate::MAX,
            }
            if self.is_workday(d) {
                left -= 1;
            }
        }
        d
    }

    /// The number of working days in `(from, to]`, negative when `to` is
    /// before `from`: how many working days remain until (or are overdue
    /// since) a deadline.
    pub fn workdays_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        if to < from {
            return -self.workdays_between(to, from);
        }
        let mut count = plain_weekdays(from, to);
        for (d, kind) in self.days.range((Excluded(from), Included(to))) {
            match (kind, is_weekday(*d)) {
                (DayKind::Holiday(_), true) => count -= 1,
                (DayKind::Workday(_), false) => count += 1,
                _ => {}
            }
        }
        count
    }

    /// The years holiday data is loaded for, ascending.
    pub fn years(&self) -> Vec<i32> {
        self.years.keys().copied().collect()
    }

    /// Whether holiday data is loaded for `year`; when not, working days in
    /// that year are only Monday to Friday and the UI should warn.
    pub fn covers(&self, year: i32) -> bool {
        self.years.contains_key(&year)
    }
}

fn is_weekday(d: NaiveDate) -> bool {
    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Monday-to-Friday days in `(from, to]`, `from <= to`.
fn plain_weekdays(from: NaiveDate, to: NaiveDate) -> i64 {
    let total = (to - from).num_days();
    let mut count = total / 7 * 5;
    let mut d = from + Days::new(u64::try_from(total / 7 * 7).unwrap_or(0));
    while d < to {
        d = match d.succ_opt() {
            Some(x) => x,
            None => break,
        };
        if is_weekday(d) {
            count += 1;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    const Y2027: &str = r#"year = 2027
source = "test"

[[holiday]]
name = "元旦"
from = "2027-01-01"
to = "2027-01-03"

[[holiday]]
name = "春節"
from = "2027-02-06"
to = "2027-02-12"
workdays = ["2027-02-14"]
"#;

    fn err(text: &str) -> String {
        WorkCalendar::default()
            .add_year_toml(text, "2027.toml")
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn shipped_files_parse() {
        for (path, text) in SHIPPED {
            WorkCalendar::default()
                .add_year_toml(text, path)
                .unwrap_or_else(|e| panic!("{e}"));
        }
        let cal = WorkCalendar::builtin();
        assert_eq!(cal.years(), vec![2026]);
        assert!(cal.covers(2026));
        assert!(!cal.covers(2027));
        assert!(cal.notice(2026).unwrap().contains("2025-11-04"));
    }

    #[test]
    fn official_2026_days() {
        let cal = WorkCalendar::builtin();
        // Adjusted workdays, all on weekends.
        for d in [
            ymd(2026, 1, 4),
            ymd(2026, 2, 14),
            ymd(2026, 2, 28),
            ymd(2026, 5, 9),
            ymd(2026, 9, 20),
            ymd(2026, 10, 10),
        ] {
            assert!(!is_weekday(d), "{d}");
            assert!(cal.is_workday(d), "{d}");
        }
        // Holidays falling on weekdays.
        for d in [
            ymd(2026, 1, 1),
            ymd(2026, 1, 2),
            ymd(2026, 2, 16),
            ymd(2026, 2, 23),
            ymd(2026, 4, 6),
            ymd(2026, 5, 5),
            ymd(2026, 6, 19),
            ymd(2026, 9, 25),
            ymd(2026, 10, 7),
        ] {
            assert!(is_weekday(d), "{d}");
            assert!(!cal.is_workday(d), "{d}");
        }
        assert_eq!(cal.holiday_name(ymd(2026, 2, 16)), Some("春節"));
        assert_eq!(cal.holiday_name(ymd(2026, 2, 14)), None);
        // Plain days.
        assert!(!cal.is_workday(ymd(2026, 11, 28)), "plain Saturday");
        assert!(!cal.is_workday(ymd(2026, 11, 29)), "plain Sunday");
        assert!(cal.is_workday(ymd(2026, 11, 27)), "plain Friday");
        assert!(
            cal.is_workday(ymd(2026, 2, 24)),
            "day after Spring Festival"
        );
    }

    #[test]
    fn add_workdays_over_holidays_and_weekends() {
        let cal = WorkCalendar::builtin();
        assert_eq!(cal.add_workdays(ymd(2026, 9, 30), 3), ymd(2026, 10, 10));
        assert_eq!(cal.add_workdays(ymd(2026, 9, 30), 0), ymd(2026, 9, 30));
        // Friday + 1 working day = Monday.
        assert_eq!(cal.add_workdays(ymd(2026, 11, 27), 1), ymd(2026, 11, 30));
        // From a Saturday, the first working day is Monday.
        assert_eq!(cal.add_workdays(ymd(2026, 11, 28), 1), ymd(2026, 11, 30));
        assert_eq!(cal.add_workdays(ymd(2026, 11, 25), 5), ymd(2026, 12, 2));
        // Spring Festival: Fri 02-13, Sat 02-14 worked, 02-15..23 off.
        assert_eq!(cal.add_workdays(ymd(2026, 2, 13), 1), ymd(2026, 2, 14));
        assert_eq!(cal.add_workdays(ymd(2026, 2, 13), 2), ymd(2026, 2, 24));
    }

    #[test]
    fn add_workdays_fast_path_matches_day_by_day() {
        let cal = WorkCalendar::builtin();
        for start in [
            ymd(2025, 6, 3),
            ymd(2025, 12, 27),
            ymd(2026, 7, 4),
            ymd(2026, 9, 11),
        ] {
            let mut d = start;
            for n in 1..=400u32 {
                d = cal.add_workdays(d, 1);
                assert_eq!(cal.add_workdays(start, n), d, "{start} + {n}");
                assert_eq!(cal.workdays_between(start, d), i64::from(n), "{start}..{d}");
            }
        }
        // Huge counts saturate instead of panicking or looping for ages.
        assert_eq!(cal.add_workdays(ymd(2026, 1, 1), u32::MAX), NaiveDate::MAX);
    }

    #[test]
    fn workdays_between_counts_half_open() {
        let cal = WorkCalendar::builtin();
        assert_eq!(cal.workdays_between(ymd(2026, 9, 30), ymd(2026, 10, 10)), 3);
        assert_eq!(
            cal.workdays_between(ymd(2026, 10, 10), ymd(2026, 9, 30)),
            -3
        );
        assert_eq!(
            cal.workdays_between(ymd(2026, 11, 25), ymd(2026, 11, 25)),
            0
        );
        assert_eq!(
            cal.workdays_between(ymd(2026, 11, 27), ymd(2026, 11, 29)),
            0
        );
        assert_eq!(
            cal.workdays_between(ymd(2026, 11, 27), ymd(2026, 11, 30)),
            1
        );
        // Whole 2026: 261 weekdays, minus 19 weekday holidays, plus 6 worked
        // weekend days.
        assert_eq!(
            cal.workdays_between(ymd(2025, 12, 31), ymd(2026, 12, 31)),
            248
        );
    }

    #[test]
    fn second_year_can_be_added() {
        let mut cal = WorkCalendar::builtin();
        assert_eq!(cal.add_year_toml(Y2027, "2027.toml").unwrap(), 2027);
        assert_eq!(cal.years(), vec![2026, 2027]);
        assert!(cal.covers(2027));
        assert!(
            !cal.is_workday(ymd(2027, 2, 8)),
            "Monday of Spring Festival"
        );
        assert!(cal.is_workday(ymd(2027, 2, 14)), "Sunday worked");
        assert!(!cal.is_workday(ymd(2027, 1, 1)));
        // 2026 data still there.
        assert!(cal.is_workday(ymd(2026, 2, 14)));
        // Fri 2027-02-05 + 1 working day skips the whole festival to Sunday 14th.
        assert_eq!(cal.add_workdays(ymd(2027, 2, 5), 1), ymd(2027, 2, 14));
        // Replacing a year replaces its data.
        let no_spring = Y2027.split("[[holiday]]\nname = \"春節\"").next().unwrap();
        cal.add_year_toml(no_spring, "override/2027.toml").unwrap();
        assert!(cal.is_workday(ymd(2027, 2, 8)));
        assert!(!cal.is_workday(ymd(2027, 2, 14)));
        assert_eq!(cal.years(), vec![2026, 2027]);
    }

    #[test]
    fn own_year_wins_over_spill_from_previous_year() {
        let mut cal = WorkCalendar::default();
        let y1 =
            "year = 2030\n[[holiday]]\nname = \"A\"\nfrom = \"2030-12-31\"\nto = \"2031-01-02\"\n";
        cal.add_year_toml(y1, "2030.toml").unwrap();
        assert!(!cal.is_workday(ymd(2031, 1, 2)));
        let y2 = "year = 2031\n[[holiday]]\nname = \"B\"\nfrom = \"2031-01-01\"\nto = \"2031-01-01\"\nworkdays = [\"2031-01-02\"]\n";
        cal.add_year_toml(y2, "2031.toml").unwrap();
        assert!(cal.is_workday(ymd(2031, 1, 2)));
        assert_eq!(cal.holiday_name(ymd(2031, 1, 1)), Some("B"));
        assert!(!cal.is_workday(ymd(2030, 12, 31)));
    }

    #[test]
    fn bad_date_names_line_and_field() {
        let text = Y2027.replace("to = \"2027-02-12\"", "to = \"2027-02-30\"");
        assert_eq!(
            err(&text),
            "2027.toml line 12: field 'to': '2027-02-30' is not a date (YYYY-MM-DD)"
        );
        let text = Y2027.replace("from = \"2027-01-01\"", "from = \"2027/1/1\"");
        assert_eq!(
            err(&text),
            "2027.toml line 6: field 'from': '2027/1/1' is not a date (YYYY-MM-DD)"
        );
        let text = Y2027.replace("[\"2027-02-14\"]", "[\"2027-02-14\", \"x\"]");
        assert_eq!(
            err(&text),
            "2027.toml line 13: field 'workdays': 'x' is not a date (YYYY-MM-DD)"
        );
    }

    #[test]
    fn bare_toml_dates_accepted() {
        let text = Y2027
            .replace("\"2027-01-01\"", "2027-01-01")
            .replace("[\"2027-02-14\"]", "[2027-02-14]");
        let mut cal = WorkCalendar::default();
        cal.add_year_toml(&text, "2027.toml").unwrap();
        assert!(!cal.is_workday(ymd(2027, 1, 1)));
        assert!(cal.is_workday(ymd(2027, 2, 14)));
        let e = err(&Y2027.replace("\"2027-01-01\"", "2027-01-01T09:00:00"));
        assert_eq!(
            e,
            "2027.toml line 6: field 'from': '2027-01-01T09:00:00' is not a date (YYYY-MM-DD)"
        );
    }

    #[test]
    fn bad_field_type_names_line_and_field() {
        let e = err(&Y2027.replace("to = \"2027-01-03\"", "to = 3"));
        assert!(e.starts_with("2027.toml line 7: field 'to': "), "{e}");
        let e = err(&Y2027.replace("year = 2027", "year = \"2027\""));
        assert!(e.starts_with("2027.toml line 1: field 'year': "), "{e}");
        let e = err(&Y2027.replace("to = \"2027-01-03\"\n", ""));
        assert!(e.starts_with("2027.toml line "), "{e}");
        assert!(e.contains("missing field `to`"), "{e}");
        let e = err(&Y2027.replace("to = \"2027-01-03\"", "to = [\"2027-01-03\"]"));
        assert!(e.starts_with("2027.toml line 7: field 'to': "), "{e}");
        let e = err("year = 2027\n[[holiday]\n");
        assert!(e.starts_with("2027.toml line 2: "), "{e}");
        assert!(!e.contains('\n'), "one line: {e}");
    }

    #[test]
    fn unknown_key_names_line() {
        let e = err(&Y2027.replace("name = \"元旦\"", "name = \"元旦\"\nlabel = \"x\""));
        assert!(
            e.starts_with("2027.toml line 6: unknown field `label`"),
            "{e}"
        );
        // Appended after the last [[holiday]], so it belongs to that table.
        let e = err(&format!("{Y2027}colour = \"red\"\n"));
        assert!(
            e.starts_with("2027.toml line 14: unknown field `colour`"),
            "{e}"
        );
        let e = err(&format!("# comment\nregion = \"cn\"\n{Y2027}"));
        assert!(
            e.starts_with("2027.toml line 2: unknown field `region`"),
            "{e}"
        );
        let e = err(&Y2027.replace("[[holiday]]", "[[holidays]]"));
        assert!(e.contains("unknown field `holidays`"), "{e}");
    }

    #[test]
    fn inconsistent_files_refused() {
        let e = err(&Y2027.replace("to = \"2027-01-03\"", "to = \"2026-12-30\""));
        assert_eq!(e, "2027.toml line 7: field 'to': 2026-12-30 is outside the file's year (must be in 2027 or 2028)");
        let e = err(&Y2027
            .replace("to = \"2027-01-03\"", "to = \"2027-01-02\"")
            .replace("from = \"2027-01-01\"", "from = \"2027-01-03\""));
        assert_eq!(
            e,
            "2027.toml line 7: field 'to': 2027-01-02 is before 'from' (2027-01-03)"
        );
        let e = err(&Y2027.replace("[\"2027-02-14\"]", "[\"2027-02-14\", \"2027-02-10\"]"));
        assert_eq!(
            e,
            "2027.toml line 13: field 'workdays': 2027-02-10 is both a day off (春節) and a working day"
        );
        let e = err(&Y2027.replace("to = \"2027-02-12\"", "to = \"2027-12-12\""));
        assert!(e.contains("longer than 31 days"), "{e}");
        let e = err(&Y2027
            .replace("from = \"2027-02-06\"", "from = \"2027-01-02\"")
            .replace("to = \"2027-02-12\"", "to = \"2027-01-05\""));
        assert!(
            e.contains("2027-01-02 is already a day off for 元旦"),
            "{e}"
        );
        let e = err("year = 2027\n");
        assert!(e.contains("no [[holiday]] entries"), "{e}");
        let e = err(&Y2027.replace("name = \"元旦\"", "name = \"元\\u001b[2J旦\""));
        assert!(
            e.contains("field 'name': contains control characters"),
            "{e}"
        );
        // A refused file leaves the calendar untouched.
        let mut cal = WorkCalendar::builtin();
        assert!(cal.add_year_toml("year = 2026\n", "x").is_err());
        assert!(!cal.is_workday(ymd(2026, 2, 16)));
    }
}
