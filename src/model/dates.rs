//! The date forms clerks actually type: `2026-12-01`, `12月1日`, `+3工作日`,
//! `週五`, `下週一`, `明天`, full-width digits from a Chinese input method…
//!
//! Everything is relative to a `today` the caller passes in, and working days
//! come from a [`WorkCalendar`], so parsing is pure and testable.

use chrono::{
    DateTime, Datelike, Days, Months, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Weekday,
};

use super::calendar::WorkCalendar;
use super::error::ValueError;
use super::problem::{DateReason, DateWhat, Problem};
use super::sanitize;

/// Inputs longer than this (in bytes) are refused before any parsing.
const MAX_INPUT_BYTES: usize = 128;

/// The largest relative offset accepted, in days or working days (about a
/// century); anything larger is a typo.
const MAX_OFFSET: u32 = 36_600;

/// Parses a date as a clerk types it, relative to `today`; working-day
/// offsets use `cal`. Accepted forms:
///
/// * absolute: `2026-12-01`, `2026/12/1`, `2026.12.01`, `2026年12月1日`;
/// * month-day: `12-01`, `12/1`, `12月1日` — the next such date on or after today;
/// * calendar days: `+3`, `3天`, `+3d`, `-2` (ago), `3天後`, `3天前`;
/// * working days: `+3工作日`, `+3wd`, `3個工作日`, `3个工作日`, `3個工作日內`;
/// * words: `今天` `明天` `後天` `昨天` `前天`, `today` `tomorrow` `yesterday`;
/// * weekdays: `週五` `周五` `星期五` `禮拜五` `fri` `friday` — the next such
///   day on or after today; `下週一` — in next week (weeks start on Monday);
///   `本週五`/`這週五` — in this week, even if past; `上週五` — last week;
/// * `月底` (end of this month), `下月底`, `年底`.
///
/// Full-width digits and punctuation are normalised and whitespace ignored.
pub fn parse_date(
    input: &str,
    today: NaiveDate,
    cal: &WorkCalendar,
) -> Result<NaiveDate, ValueError> {
    let trimmed = check_input(input, DateWhat::Date)?;
    date_or_reason(&compact(&normalise(trimmed)), today, cal)
        .map_err(|reason| not_a_date(trimmed, reason))
}

/// Parses a date and time, for meetings and timestamps: RFC 3339
/// (`2026-11-25T09:30:00+08:00`, converted to China time, UTC+8),
/// `2026-11-25 09:30`, `2026-11-25 09:30:15`, `2026-11-25T09:30`, any
/// [`parse_date`] form followed by a time (`明天 14:00`), a bare time
/// (today), or any [`parse_date`] form alone (midnight).
pub fn parse_datetime(
    input: &str,
    today: NaiveDate,
    cal: &WorkCalendar,
) -> Result<NaiveDateTime, ValueError> {
    let trimmed = check_input(input, DateWhat::DateTime)?;
    let norm = normalise(trimmed);
    if let Some(dt) = parse_with_offset(&norm) {
        return dt.ok_or_else(|| {
            ValueError::of(Problem::DateOutOfRange {
                got: shown(trimmed),
            })
        });
    }
    let Some((date_part, time_part)) = split_time(&norm) else {
        return date_or_reason(&compact(&norm), today, cal)
            .map(|d| d.and_time(NaiveTime::MIN))
            .map_err(|reason| match reason {
                Some(r) => not_a_date(trimmed, Some(r)),
                None => ValueError::of(Problem::NotADateTime {
                    got: shown(trimmed),
                }),
            });
    };
    let time = parse_time(time_part).ok_or_else(|| {
        ValueError::of(Problem::NotATime {
            got: sanitize::escape(time_part),
        })
    })?;
    let date_str = compact(date_part);
    let date = if date_str.is_empty() {
        today
    } else {
        date_or_reason(&date_str, today, cal)
            .map_err(|reason| not_a_date(date_part.trim(), reason))?
    };
    Ok(date.and_time(time))
}

/// Refuses empty, oversized and control-character input; returns it trimmed.
fn check_input(input: &str, what: DateWhat) -> Result<&str, ValueError> {
    if input.len() > MAX_INPUT_BYTES {
        let head: String = input.chars().take(20).collect();
        return Err(ValueError::of(Problem::DateTooLong {
            head: sanitize::escape(&head),
            chars: input.chars().count(),
            what,
        }));
    }
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(ValueError::of(Problem::NoDate { what }));
    }
    if trimmed.chars().any(sanitize::is_dangerous) {
        return Err(ValueError::of(Problem::DateControl {
            got: sanitize::escape(trimmed),
            what,
        }));
    }
    Ok(trimmed)
}

/// Maps full-width digits, letters and punctuation to ASCII and the various
/// dashes to `-`.
fn normalise(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            '＋' => '+',
            '－' | '‐' | '‑' | '‒' | '–' | '—' | '−' | '﹣' => '-',
            '／' => '/',
            '．' => '.',
            '：' => ':',
            '\u{3000}' => ' ',
            c => c,
        })
        .collect()
}

/// Drops whitespace and lower-cases ASCII letters: the form date words are
/// matched in.
fn compact(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn shown(trimmed: &str) -> String {
    sanitize::escape(trimmed)
}

fn not_a_date(trimmed: &str, reason: Option<DateReason>) -> ValueError {
    ValueError::of(Problem::NotADate {
        got: shown(trimmed),
        reason,
    })
}

/// Parses `s`, already normalised with whitespace removed. `Err(None)` when
/// it has no recognisable shape, `Err(Some(reason))` when it has one but
/// names no real date.
fn date_or_reason(
    s: &str,
    today: NaiveDate,
    cal: &WorkCalendar,
) -> Result<NaiveDate, Option<DateReason>> {
    let out_of_range = || Some(DateReason::OutOfRange);
    if let Some(d) = parse_word(s, today) {
        return d.ok_or_else(out_of_range);
    }
    if let Some(r) = parse_offset(s, today, cal) {
        return r.map_err(Some);
    }
    if let Some(d) = parse_weekday(s, today) {
        return d.ok_or_else(out_of_range);
    }
    if let Some(r) = parse_absolute(s, today) {
        return r.map_err(Some);
    }
    Err(None)
}

/// Fixed words: `今天`, `明天`, `月底`, …
fn parse_word(s: &str, today: NaiveDate) -> Option<Option<NaiveDate>> {
    let days = |n: i64| Some(today.checked_add_signed(TimeDelta::days(n)));
    match s {
        "今天" | "今日" | "today" => days(0),
        "明天" | "明日" | "tomorrow" => days(1),
        "後天" | "后天" => days(2),
        "昨天" | "昨日" | "yesterday" => days(-1),
        "前天" => days(-2),
        "月底" | "本月底" | "這個月底" | "这个月底" => Some(end_of_month(today, 0)),
        "下月底" | "下個月底" | "下个月底" => Some(end_of_month(today, 1)),
        "年底" | "今年底" => Some(NaiveDate::from_ymd_opt(today.year(), 12, 31)),
        _ => None,
    }
}

fn end_of_month(today: NaiveDate, months_ahead: u32) -> Option<NaiveDate> {
    today
        .with_day(1)?
        .checked_add_months(Months::new(months_ahead + 1))?
        .pred_opt()
}

#[derive(Clone, Copy)]
enum Unit {
    Days,
    Workdays,
}

/// `+3`, `-2`, `3天`, `+3d`, `+3工作日`, `3個工作日後`, `2天前` … Returns
/// `None` when `s` is not of this shape, `Some(Err(reason))` when it is but
/// cannot be honoured.
fn parse_offset(
    s: &str,
    today: NaiveDate,
    cal: &WorkCalendar,
) -> Option<Result<NaiveDate, DateReason>> {
    let (sign, rest) = match s.as_bytes().first()? {
        b'+' => (Some(1i64), &s[1..]),
        b'-' => (Some(-1), &s[1..]),
        _ => (None, s),
    };
    let digits = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    if digits == 0 {
        return None;
    }
    let (num, mut unit) = rest.split_at(digits);
    // A trailing 後/后/內/内 ("later", "within") or 前 ("ago").
    let mut direction = None;
    for (suffix, dir) in [("後", 1i64), ("后", 1), ("內", 1), ("内", 1), ("前", -1)] {
        if let Some(u) = unit.strip_suffix(suffix) {
            unit = u;
            direction = Some(dir);
            break;
        }
    }
    let unit = match unit {
        "" if direction.is_none() => Unit::Days,
        "d" | "天" | "日" => Unit::Days,
        "wd" | "工作日" | "個工作日" | "个工作日" | "工作天" | "個工作天" | "个工作天" => {
            Unit::Workdays
        }
        _ => return None,
    };
    let factor = match (sign, direction) {
        (Some(_), Some(_)) => {
            return Some(Err(DateReason::SignAndSuffix));
        }
        (Some(f), None) | (None, Some(f)) => f,
        // `3天`, `3個工作日`: forward.
        (None, None) if !matches!(s.as_bytes().last(), Some(b'0'..=b'9')) => 1,
        // A bare number such as `3` is ambiguous (day of month?).
        (None, None) => return None,
    };
    let n = match num.parse::<u32>() {
        Ok(n) if n <= MAX_OFFSET => n,
        _ => return Some(Err(DateReason::TooFar { max: MAX_OFFSET })),
    };
    let out_of_range = || DateReason::OutOfRange;
    Some(match (unit, factor > 0) {
        (Unit::Days, true) => today
            .checked_add_days(Days::new(n.into()))
            .ok_or_else(out_of_range),
        (Unit::Days, false) => today
            .checked_sub_days(Days::new(n.into()))
            .ok_or_else(out_of_range),
        (Unit::Workdays, true) => Ok(cal.add_workdays(today, n)),
        (Unit::Workdays, false) => {
            let mut d = today;
            let mut left = n;
            while left > 0 {
                match d.pred_opt() {
                    Some(p) => d = p,
                    None => return Some(Err(out_of_range())),
                }
                if cal.is_workday(d) {
                    left -= 1;
                }
            }
            Ok(d)
        }
    })
}

#[derive(Clone, Copy)]
enum Week {
    /// The next such weekday on or after today.
    Upcoming,
    Last,
    This,
    Next,
}

/// `週五`, `下週一`, `本週五`, `星期天`, `禮拜三`, `fri`, `friday` …
fn parse_weekday(s: &str, today: NaiveDate) -> Option<Option<NaiveDate>> {
    let (week, day) = match english_weekday(s) {
        Some(wd) => (Week::Upcoming, wd),
        None => {
            let (week, rest) = [
                ("下個", Week::Next),
                ("下个", Week::Next),
                ("下", Week::Next),
                ("上個", Week::Last),
                ("上个", Week::Last),
                ("上", Week::Last),
                ("本", Week::This),
                ("這", Week::This),
                ("这", Week::This),
            ]
            .iter()
            .find_map(|(p, w)| s.strip_prefix(p).map(|r| (*w, r)))
            .unwrap_or((Week::Upcoming, s));
            let rest = ["週", "周", "星期", "禮拜", "礼拜"]
                .iter()
                .find_map(|p| rest.strip_prefix(p))?;
            (week, chinese_weekday(rest)?)
        }
    };
    let target = i64::from(day.num_days_from_monday());
    let now = i64::from(today.weekday().num_days_from_monday());
    let delta = match week {
        Week::Upcoming => (target - now).rem_euclid(7),
        Week::This => target - now,
        Week::Next => target - now + 7,
        Week::Last => target - now - 7,
    };
    Some(today.checked_add_signed(TimeDelta::days(delta)))
}

fn chinese_weekday(s: &str) -> Option<Weekday> {
    Some(match s {
        "一" | "1" => Weekday::Mon,
        "二" | "2" => Weekday::Tue,
        "三" | "3" => Weekday::Wed,
        "四" | "4" => Weekday::Thu,
        "五" | "5" => Weekday::Fri,
        "六" | "6" => Weekday::Sat,
        "日" | "天" | "7" => Weekday::Sun,
        _ => return None,
    })
}

fn english_weekday(s: &str) -> Option<Weekday> {
    Some(match s {
        "mon" | "monday" => Weekday::Mon,
        "tue" | "tues" | "tuesday" => Weekday::Tue,
        "wed" | "wednesday" => Weekday::Wed,
        "thu" | "thur" | "thurs" | "thursday" => Weekday::Thu,
        "fri" | "friday" => Weekday::Fri,
        "sat" | "saturday" => Weekday::Sat,
        "sun" | "sunday" => Weekday::Sun,
        _ => return None,
    })
}

/// `2026-12-01`, `2026/12/1`, `2026.12.01`, `2026年12月1日`, `12-01`,
/// `12/1`, `12月1日`.
fn parse_absolute(s: &str, today: NaiveDate) -> Option<Result<NaiveDate, DateReason>> {
    let (y, m, d) = if s.contains('月') {
        let (y, rest) = match s.split_once('年') {
            Some((y, rest)) => (Some(y), rest),
            None => (None, s),
        };
        let (m, d) = rest.split_once('月')?;
        let d = ["日", "號", "号"]
            .iter()
            .find_map(|suf| d.strip_suffix(suf))
            .unwrap_or(d);
        (y, m, d)
    } else {
        let sep = s.chars().find(|c| !c.is_ascii_digit())?;
        if !matches!(sep, '-' | '/' | '.') {
            return None;
        }
        let parts: Vec<&str> = s.split(sep).collect();
        match parts[..] {
            [y, m, d] => (Some(y), m, d),
            [m, d] => (None, m, d),
            _ => return None,
        }
    };
    let digits = |t: &str, min: usize, max: usize| {
        (min..=max).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(m, 1, 2) || !digits(d, 1, 2) || !y.is_none_or(|y| digits(y, 4, 4)) {
        return None;
    }
    let (m, d): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
    if !(1..=12).contains(&m) {
        return Some(Err(DateReason::NoMonth { month: m }));
    }
    match y {
        Some(y) => {
            let y: i32 = y.parse().ok()?;
            Some(NaiveDate::from_ymd_opt(y, m, d).ok_or(DateReason::NoDay {
                year: Some(y),
                month: m,
                day: d,
            }))
        }
        None => {
            if NaiveDate::from_ymd_opt(2000, m, d).is_none() {
                return Some(Err(DateReason::NoDay {
                    year: None,
                    month: m,
                    day: d,
                }));
            }
            // The next such date on or after today; 02-29 waits for a leap year.
            Some(
                (today.year()..=today.year() + 8)
                    .filter_map(|y| NaiveDate::from_ymd_opt(y, m, d))
                    .find(|date| *date >= today)
                    .ok_or(DateReason::OutOfRange),
            )
        }
    }
}

/// RFC 3339 or an ISO date-time with a UTC offset, converted to China time
/// (UTC+8). `None` when `s` has no offset; `Some(None)` on overflow.
fn parse_with_offset(s: &str) -> Option<Option<NaiveDateTime>> {
    let s = s.trim();
    let dt = DateTime::parse_from_rfc3339(s)
        .or_else(|_| DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M%:z"))
        .or_else(|_| DateTime::parse_from_str(s, "%Y-%m-%d %H:%M%:z"))
        .ok()?;
    Some(dt.naive_utc().checked_add_signed(TimeDelta::hours(8)))
}

/// Splits `2026-11-25 09:30`, `2026-11-25T09:30`, `明天 14:00`, `09:30` into
/// a date part and a time part. `None` when there is no time.
fn split_time(s: &str) -> Option<(&str, &str)> {
    let s = s.trim();
    if !s.contains(':') {
        return None;
    }
    let start = s
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == ':')
        .last()
        .map(|(i, _)| i)?;
    let (date, time) = s.split_at(start);
    if date.ends_with(['+', '-']) && date.contains(':') {
        // A (bad) UTC offset such as `+25:00`, not a time of day.
        return None;
    }
    let date = match date.strip_suffix(['t', 'T']) {
        Some(d) if d.ends_with(|c: char| c.is_ascii_digit()) => d,
        _ => date,
    };
    Some((date, time))
}

/// `9:30`, `09:30`, `09:30:15`.
fn parse_time(s: &str) -> Option<NaiveTime> {
    let parts: Vec<&str> = s.split(':').collect();
    let ok =
        |t: &str, min: usize| (min..=2).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit());
    let (h, m, sec) = match parts[..] {
        [h, m] if ok(h, 1) && ok(m, 2) => (h, m, "0"),
        [h, m, sec] if ok(h, 1) && ok(m, 2) && ok(sec, 2) => (h, m, sec),
        _ => return None,
    };
    NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, sec.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Wednesday.
    fn today() -> NaiveDate {
        ymd(2026, 11, 25)
    }

    fn p(s: &str) -> NaiveDate {
        parse_date(s, today(), &WorkCalendar::builtin()).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn p_at(s: &str, t: NaiveDate) -> NaiveDate {
        parse_date(s, t, &WorkCalendar::builtin()).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn e(s: &str) -> String {
        match parse_date(s, today(), &WorkCalendar::builtin()) {
            Ok(d) => panic!("{s:?} accepted as {d}"),
            Err(e) => e.message,
        }
    }

    fn dt(s: &str) -> NaiveDateTime {
        parse_datetime(s, today(), &WorkCalendar::builtin()).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn at(d: NaiveDate, h: u32, m: u32, s: u32) -> NaiveDateTime {
        d.and_hms_opt(h, m, s).unwrap()
    }

    #[test]
    fn absolute_dates() {
        for s in [
            "2026-12-01",
            "2026/12/1",
            "2026.12.01",
            "2026年12月1日",
            "2026年12月01號",
            "2026年12月1",
            "  2026-12-01\t",
            "２０２６－１２－０１",
            "２０２６年１２月１日",
            "2026‐12‐01",
        ] {
            assert_eq!(p(s), ymd(2026, 12, 1), "{s}");
        }
        assert_eq!(p("2025-01-31"), ymd(2025, 1, 31), "past dates are fine");
        assert_eq!(p("2028-02-29"), ymd(2028, 2, 29));
    }

    #[test]
    fn month_day_is_next_occurrence() {
        for s in ["12-01", "12/1", "12月1日", "12月1號", "１２月１日", "12.1"] {
            assert_eq!(p(s), ymd(2026, 12, 1), "{s}");
        }
        assert_eq!(p("01-05"), ymd(2027, 1, 5));
        assert_eq!(p("1月5日"), ymd(2027, 1, 5));
        assert_eq!(p("11-25"), ymd(2026, 11, 25), "today itself");
        assert_eq!(p("11-24"), ymd(2027, 11, 24));
        assert_eq!(p("02-29"), ymd(2028, 2, 29), "waits for a leap year");
    }

    #[test]
    fn calendar_day_offsets() {
        for s in [
            "+3", "3天", "+3d", "+3天", "3d", "＋３", "３天", "+ 3", "3天後", "3天后",
        ] {
            assert_eq!(p(s), ymd(2026, 11, 28), "{s}");
        }
        assert_eq!(p("+0"), today());
        assert_eq!(p("-2"), ymd(2026, 11, 23));
        assert_eq!(p("－２"), ymd(2026, 11, 23));
        assert_eq!(p("2天前"), ymd(2026, 11, 23));
        assert_eq!(p("+40"), ymd(2027, 1, 4));
    }

    #[test]
    fn working_day_offsets() {
        let t = ymd(2026, 9, 30);
        for s in [
            "+3工作日",
            "+3wd",
            "3個工作日",
            "3个工作日",
            "3工作日",
            "3個工作日內",
            "+3WD",
            "＋３工作日",
        ] {
            assert_eq!(p_at(s, t), ymd(2026, 10, 10), "{s}");
        }
        // Wednesday + 3 working days crosses a weekend.
        assert_eq!(p("+3工作日"), ymd(2026, 11, 30));
        assert_eq!(p("-3工作日"), ymd(2026, 11, 20));
        assert_eq!(p_at("-1wd", ymd(2026, 10, 8)), ymd(2026, 9, 30));
        assert_eq!(p("+0wd"), today());
    }

    #[test]
    fn words() {
        assert_eq!(p("今天"), today());
        assert_eq!(p("today"), today());
        assert_eq!(p("Today"), today());
        assert_eq!(p("明天"), ymd(2026, 11, 26));
        assert_eq!(p("tomorrow"), ymd(2026, 11, 26));
        assert_eq!(p("後天"), ymd(2026, 11, 27));
        assert_eq!(p("后天"), ymd(2026, 11, 27));
        assert_eq!(p("昨天"), ymd(2026, 11, 24));
        assert_eq!(p("yesterday"), ymd(2026, 11, 24));
        assert_eq!(p("前天"), ymd(2026, 11, 23));
        assert_eq!(p("月底"), ymd(2026, 11, 30));
        assert_eq!(p_at("月底", ymd(2026, 12, 3)), ymd(2026, 12, 31));
        assert_eq!(p_at("月底", ymd(2028, 2, 1)), ymd(2028, 2, 29));
        assert_eq!(p("下月底"), ymd(2026, 12, 31));
        assert_eq!(p("年底"), ymd(2026, 12, 31));
    }

    #[test]
    fn upcoming_weekdays() {
        // Today is Wednesday 2026-11-25.
        for s in [
            "週五",
            "周五",
            "星期五",
            "禮拜五",
            "礼拜五",
            "fri",
            "friday",
            "FRI",
            "週5",
        ] {
            assert_eq!(p(s), ymd(2026, 11, 27), "{s}");
        }
        assert_eq!(p("週三"), today(), "today itself");
        assert_eq!(p("wed"), today());
        assert_eq!(p("週二"), ymd(2026, 12, 1), "already past this week");
        assert_eq!(p("週一"), ymd(2026, 11, 30));
        for s in ["週日", "週天", "周天", "星期日", "星期天", "sun", "sunday"] {
            assert_eq!(p(s), ymd(2026, 11, 29), "{s}");
        }
        assert_eq!(p("週六"), ymd(2026, 11, 28));
        assert_eq!(p("thursday"), ymd(2026, 11, 26));
    }

    #[test]
    fn next_and_this_week() {
        for s in ["下週一", "下周一", "下星期一", "下個星期一", "下个礼拜一"] {
            assert_eq!(p(s), ymd(2026, 11, 30), "{s}");
        }
        assert_eq!(p("下週五"), ymd(2026, 12, 4));
        assert_eq!(p("下週日"), ymd(2026, 12, 6));
        for s in ["本週五", "這週五", "这周五", "本星期五"] {
            assert_eq!(p(s), ymd(2026, 11, 27), "{s}");
        }
        assert_eq!(p("本週一"), ymd(2026, 11, 23), "this week even if past");
        assert_eq!(p("上週五"), ymd(2026, 11, 20));
        // From a Sunday, "next week" is the week starting tomorrow.
        assert_eq!(p_at("下週一", ymd(2026, 11, 29)), ymd(2026, 11, 30));
        assert_eq!(p_at("本週一", ymd(2026, 11, 29)), ymd(2026, 11, 23));
        // From a Monday, 週一 is today.
        assert_eq!(p_at("週一", ymd(2026, 11, 30)), ymd(2026, 11, 30));
    }

    #[test]
    fn impossible_dates_refused() {
        let m = e("2026-02-30");
        assert!(
            m.starts_with("'2026-02-30' is not a date: 2026-02 has no day 30 (try "),
            "{m}"
        );
        let m = e("2026-13-01");
        assert!(
            m.starts_with("'2026-13-01' is not a date: there is no month 13"),
            "{m}"
        );
        assert!(
            m.contains("2026-12-01, 12-01, +3, +3工作日, 週五, 明天, 下週一"),
            "{m}"
        );
        assert!(e("2027-02-29").contains("has no day 29"));
        assert!(e("02-30").contains("month 2 has no day 30"));
        assert!(e("13月1日").contains("no month 13"));
        assert!(e("2026-00-10").contains("no month 0"));
        assert!(e("2026-12-00").contains("no day 0"));
    }

    #[test]
    fn garbage_refused() {
        for s in [
            "soon",
            "3",
            "2026",
            "12",
            "+",
            "-",
            "+3x",
            "3週",
            "週八",
            "下週",
            "2026-12",
            "2026-12-01-01",
            "2026/12-01",
            "26-12-01",
            "12345-12-01",
            "2026年12月",
            "明天明天",
            "+3天後",
            "1-2-3-4",
            "週五 10:00",
            "下下週一",
            "+99999999999999999999",
        ] {
            let m = e(s);
            assert!(m.contains("is not a date"), "{s}: {m}");
        }
        assert_eq!(
            e("soon"),
            "'soon' is not a date (try 2026-12-01, 12-01, +3, +3工作日, 週五, 明天, 下週一)"
        );
        assert!(e("+99999").contains("too far away"));
        assert!(e("").starts_with("no date given"));
        assert!(e("   ").starts_with("no date given"));
    }

    #[test]
    fn huge_input_refused_quickly() {
        let long = "9".repeat(10_000);
        let started = Instant::now();
        let m = e(&long);
        assert!(m.contains("too long"), "{m}");
        assert!(m.len() < 200, "message does not echo the whole input");
        let long = "週".repeat(10_000);
        assert!(e(&long).contains("too long"));
        assert!(parse_datetime(&long, today(), &WorkCalendar::default()).is_err());
        assert!(started.elapsed() < Duration::from_secs(1));
    }

    #[test]
    fn control_characters_refused() {
        for s in [
            "2026-12-01\x1b[2J",
            "\x1b]0;x\x07明天",
            "明\u{202E}天",
            "12-01\u{0}",
            "+3\u{9b}",
        ] {
            let m = e(s);
            assert!(m.contains("control characters"), "{s:?}: {m}");
            assert!(!m.chars().any(sanitize::is_dangerous), "escaped: {m:?}");
        }
        let m = parse_datetime("2026-11-25 09:30\x1b[1m", today(), &WorkCalendar::default())
            .unwrap_err()
            .message;
        assert!(m.contains("control characters") && m.contains('␛'), "{m}");
        // Surrounding whitespace, including a pasted newline, is just trimmed.
        assert_eq!(p("2026-12-01\n"), ymd(2026, 12, 1));
    }

    #[test]
    fn datetimes() {
        let d = ymd(2026, 11, 25);
        assert_eq!(dt("2026-11-25T09:30:00+08:00"), at(d, 9, 30, 0));
        assert_eq!(
            dt("2026-11-25T01:30:00Z"),
            at(d, 9, 30, 0),
            "UTC to China time"
        );
        assert_eq!(dt("2026-11-24T20:30:00-05:00"), at(d, 9, 30, 0));
        assert_eq!(
            dt("2026-11-25T09:30:00.5+08:00"),
            at(d, 9, 30, 0) + TimeDelta::milliseconds(500)
        );
        assert_eq!(dt("2026-11-25T09:30+08:00"), at(d, 9, 30, 0));
        assert_eq!(dt("2026-11-25 09:30"), at(d, 9, 30, 0));
        assert_eq!(dt("2026-11-25  9:30"), at(d, 9, 30, 0));
        assert_eq!(dt("2026-11-25 09:30:15"), at(d, 9, 30, 15));
        assert_eq!(dt("2026-11-25T09:30"), at(d, 9, 30, 0));
        assert_eq!(dt("2026-11-25t09:30:15"), at(d, 9, 30, 15));
        assert_eq!(dt("２０２６－１１－２５　０９：３０"), at(d, 9, 30, 0));
        assert_eq!(dt("2026-12-01"), at(ymd(2026, 12, 1), 0, 0, 0));
        assert_eq!(dt("明天"), at(ymd(2026, 11, 26), 0, 0, 0));
        assert_eq!(dt("明天 14:00"), at(ymd(2026, 11, 26), 14, 0, 0));
        assert_eq!(dt("週五 14:00"), at(ymd(2026, 11, 27), 14, 0, 0));
        assert_eq!(dt("下週一 9:00"), at(ymd(2026, 11, 30), 9, 0, 0));
        assert_eq!(dt("12月1日 10:00"), at(ymd(2026, 12, 1), 10, 0, 0));
        assert_eq!(dt("14:00"), at(d, 14, 0, 0), "bare time is today");
    }

    #[test]
    fn bad_datetimes_refused() {
        let cal = WorkCalendar::builtin();
        let err = |s: &str| parse_datetime(s, today(), &cal).unwrap_err().message;
        assert!(err("2026-11-25 25:00").contains("'25:00' is not a time of day"));
        assert!(err("2026-11-25 09:60").contains("not a time of day"));
        assert!(err("2026-11-25 09:3").contains("not a time of day"));
        assert!(err("2026-02-30 09:00").contains("2026-02 has no day 30"));
        assert!(err("2026-02-30").contains("2026-02 has no day 30"));
        let m = err("whenever");
        assert!(
            m.starts_with("'whenever' is not a date and time (try 2026-11-25 09:30"),
            "{m}"
        );
        assert!(err("someday 09:30").contains("'someday' is not a date"));
        assert!(err("2026-11-25T09:30:00+25:00")
            .starts_with("'2026-11-25T09:30:00+25:00' is not a date and time (try "));
        assert!(err("2026-11-25 9").starts_with("'2026-11-25 9' is not a date and time"));
        assert!(err("+99999").contains("too far away"));
        assert!(err("").starts_with("no date and time given"));
    }
}
