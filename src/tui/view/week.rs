//! The 辦會 week view, drawn over the body: each day's heading and its
//! meetings (time, room, title, chair) in aligned columns, or the leaders'
//! schedule (each leader, then their meetings with the day in front). Only
//! draws what `App::week_lines` gives; every stored string is cleaned and
//! fitted on cell boundaries (CJK takes two cells).

use ratatui::layout::Rect;
use ratatui::Frame;

use super::super::app::{App, WeekLine, WeekView};
use super::super::i18n::T;
use super::super::keymap::KeyMode;
use super::super::text::{cell, clean, fit};
use super::super::theme::Slot;
use super::find::framed;
use super::put;
use crate::model::meetings::weekday_cn;
use crate::model::{Item, KindData};

/// Column widths: the time, the day (leaders' schedule), the room, the chair.
const TIME: usize = 11;
const DAY: usize = 13;
const ROOM: usize = 12;
const CHAIR: usize = 10;

/// Draws the week view over `body`.
pub fn draw(f: &mut Frame, body: Rect, app: &App, w: &WeekView) {
    let sunday = w.monday + chrono::Duration::days(6);
    let (mon, sun) = (
        w.monday.format("%Y-%m-%d").to_string(),
        sunday.format("%Y-%m-%d").to_string(),
    );
    let title = if w.leaders {
        app.tf(T::LeadersTitle, &[&mon, &sun])
    } else {
        app.tf(T::WeekTitle, &[&mon, &sun])
    };
    let key = |c: &str| {
        app.setup
            .keymap
            .key_for(KeyMode::Normal, c)
            .unwrap_or_else(|| format!(":{c}"))
    };
    let hint = app.tf(
        T::WeekHint,
        &[
            &key("week_prev"),
            &key("week_next"),
            &key("week_this"),
            &key("leaders"),
        ],
    );
    let inner = framed(f, app, body, &title, &hint);
    if inner.height < 2 || inner.width < 20 {
        return;
    }
    let th = &app.setup.theme;
    let x = inner.x + 1;
    let width = inner.width.saturating_sub(2);
    if app.meetings.items.is_none() {
        put(
            f.buffer_mut(),
            x,
            inner.y,
            width,
            app.t(T::Loading),
            th.get(Slot::Muted),
        );
        return;
    }
    let lines = app.week_lines();
    let count = lines
        .iter()
        .filter(|l| matches!(l, WeekLine::Meeting(..)))
        .count();
    let leaders = lines
        .iter()
        .filter(|l| matches!(l, WeekLine::Person(_)))
        .count();
    let summary = if w.leaders {
        app.tf(T::LeadersCount, &[&leaders.to_string()])
    } else {
        app.tf(T::WeekCount, &[&count.to_string()])
    };
    put(
        f.buffer_mut(),
        x,
        inner.y,
        width,
        &summary,
        th.get(Slot::Muted),
    );
    // The cursor's line index, and a scroll that keeps it in view.
    let mut seen = 0;
    let sel_line = lines
        .iter()
        .position(|l| {
            if matches!(l, WeekLine::Meeting(..)) {
                seen += 1;
                seen == w.selected + 1
            } else {
                false
            }
        })
        .unwrap_or(0);
    let h = inner.height.saturating_sub(1) as usize;
    let off = sel_line.saturating_sub(h.saturating_sub(2));
    for (n, (i, l)) in lines.iter().enumerate().skip(off).take(h).enumerate() {
        let y = inner.y + 1 + n as u16;
        let buf = f.buffer_mut();
        match l {
            WeekLine::Day(d) => {
                let s = format!("{} {}", weekday_cn(*d), d.format("%m-%d"));
                let st = if *d == app.setup.today {
                    th.get(Slot::Accent)
                } else {
                    th.get(Slot::Title)
                };
                put(buf, x, y, width, &s, st);
            }
            WeekLine::Person(p) => {
                put(buf, x, y, width, &clean(p), th.get(Slot::Title));
            }
            WeekLine::Nothing => {
                let t = if w.leaders {
                    T::LeadersNone
                } else {
                    T::WeekNone
                };
                put(
                    buf,
                    x + 2,
                    y,
                    width.saturating_sub(2),
                    app.t(t),
                    th.get(Slot::Muted),
                );
            }
            WeekLine::Meeting(it, day) => {
                let st = if i == sel_line {
                    th.get(Slot::Selection)
                } else {
                    th.get(Slot::Text)
                };
                let s = meeting_line(it, *day, width.saturating_sub(2) as usize);
                put(buf, x + 2, y, width.saturating_sub(2), &s, st);
            }
        }
    }
}

/// One meeting's line, `w` cells: `[day] time room title chair`, each
/// column fitted (the title takes what the others leave).
fn meeting_line(it: &Item, day: Option<chrono::NaiveDate>, w: usize) -> String {
    let KindData::Meeting(d) = &it.data else {
        return String::new();
    };
    let time = match (d.start, d.end) {
        (Some(s), Some(e)) => format!("{}–{}", s.format("%H:%M"), e.format("%H:%M")),
        (Some(s), None) => s.format("%H:%M").to_string(),
        _ => String::new(),
    };
    let mut out = String::new();
    let mut used = 0;
    if let Some(day) = day {
        out += &fit(&format!("{} {}", day.format("%m-%d"), weekday_cn(day)), DAY);
        used += DAY + 1;
        out.push(' ');
    }
    out += &fit(&time, TIME);
    out.push(' ');
    out += &cell(&d.room, ROOM);
    out.push(' ');
    used += TIME + ROOM + 2;
    let chair = CHAIR.min(w.saturating_sub(used + 8));
    let title_w = w.saturating_sub(used + chair + 1);
    out += &cell(&it.title, title_w);
    out.push(' ');
    out += &cell(&d.chair, chair);
    out
}
