//! A tab's list as a table: fixed columns per tab, the title taking the
//! rest; only the visible rows are built.

use chrono::{Datelike, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::super::app::{App, Mode, TabKind};
use super::super::i18n::T;
use super::super::text::clean;
use super::super::theme::{Slot, Theme};
use super::put;
use crate::core::Row;
use crate::model::supervision::Light;
use crate::model::{Kind, Urgency};

#[derive(Clone, Copy)]
enum Col {
    Code,
    Light,
    Status,
    Urgency,
    Unit,
    Counterpart,
    Handler,
    Due,
    Title,
}

impl Col {
    fn width(self) -> u16 {
        match self {
            Col::Code => 11,
            Col::Light => 2,
            Col::Status => 8,
            Col::Urgency => 4,
            Col::Unit => 12,
            Col::Counterpart => 12,
            Col::Handler => 6,
            Col::Due => 5,
            Col::Title => 0,
        }
    }

    fn title(self, tab: TabKind) -> T {
        match self {
            Col::Code => T::ColCode,
            Col::Light => T::ColLight,
            Col::Status => T::ColStatus,
            Col::Urgency => T::ColUrgency,
            Col::Unit => T::ColUnit,
            Col::Counterpart => match tab {
                TabKind::Inbox => T::ColFrom,
                TabKind::Meetings => T::ColChair,
                TabKind::Affairs => T::ColContact,
                _ => T::ColLead,
            },
            Col::Handler => T::ColHandler,
            Col::Due => T::ColDeadline,
            Col::Title => T::ColTitle,
        }
    }
}

fn columns(tab: TabKind, w: u16) -> Vec<Col> {
    use Col::*;
    let mut v = match tab {
        TabKind::Inbox => vec![Code, Status, Urgency, Counterpart, Due, Title],
        TabKind::Docs => vec![Code, Status, Urgency, Unit, Due, Title],
        TabKind::Meetings => vec![Code, Status, Counterpart, Due, Title],
        TabKind::Affairs => vec![Code, Status, Urgency, Counterpart, Handler, Due, Title],
        TabKind::Supervision => vec![Light, Code, Status, Counterpart, Due, Title],
        TabKind::Directory => vec![],
    };
    // Narrow lists drop the least needed columns first.
    while v.iter().map(|c| c.width() + 1).sum::<u16>() + 16 > w {
        let drop = [Handler, Urgency, Unit, Counterpart, Status];
        match drop.iter().find_map(|d| {
            v.iter()
                .position(|c| std::mem::discriminant(c) == std::mem::discriminant(d))
        }) {
            Some(i) => {
                v.remove(i);
            }
            None => break,
        }
    }
    v
}

/// Deadline's style: overdue, within three working days, or plain.
pub fn due_style(app: &App, r: &Row) -> Style {
    let th = &app.setup.theme;
    let today = app.setup.today;
    match r.deadline {
        Some(_) if r.is_overdue(today) => th.get(Slot::Overdue),
        Some(d) if r.status.is_open() && app.setup.calendar.workdays_between(today, d) <= 3 => {
            th.get(Slot::Warning)
        }
        _ => th.get(Slot::Text),
    }
}

pub(super) fn short_date(d: NaiveDate, today: NaiveDate) -> String {
    if (d - today).num_days().abs() < 180 {
        d.format("%m-%d").to_string()
    } else {
        d.year().to_string()
    }
}

fn cell(app: &App, c: Col, r: &Row) -> (String, Style) {
    let th: &Theme = &app.setup.theme;
    let l = app.lang();
    let text = th.get(Slot::Text);
    match c {
        Col::Code => (r.code.clone(), th.get(Slot::Muted)),
        Col::Light => {
            // The 督查 traffic light (`model::supervision::light`): 紅 overdue,
            // 黃 close to the deadline or a report late, 綠 on track.
            let Some(light) = app.light_of(r.id) else {
                return (String::new(), th.get(Slot::Muted));
            };
            let st = match light {
                Light::Red => th.get(Slot::Overdue),
                Light::Yellow => th.get(Slot::Warning),
                Light::Green => th.get(Slot::Ok),
            };
            let mark = match l {
                super::super::i18n::Lang::En => light.english()[..1].to_uppercase(),
                _ => l.label(light.label(), light.english()),
            };
            (mark, st)
        }
        Col::Status => (l.label(r.status.label(), r.status.english()), text),
        Col::Urgency => {
            let st = match r.urgency {
                Urgency::Immediate => th.get(Slot::Urgent),
                Urgency::Urgent => th.get(Slot::Warning),
                Urgency::Normal => th.get(Slot::Muted),
            };
            (l.label(r.urgency.label(), r.urgency.english()), st)
        }
        Col::Unit => (clean(&r.unit), text),
        Col::Counterpart => (clean(&r.counterpart), text),
        Col::Handler => (clean(&r.handler), text),
        Col::Due => (
            r.deadline
                .map(|d| short_date(d, app.setup.today))
                .unwrap_or_default(),
            due_style(app, r),
        ),
        Col::Title => {
            let mut t = clean(&r.title);
            if r.kind == Kind::Outgoing {
                t = format!("[{}] {t}", l.label("發", "out"));
            } else if r.kind == Kind::Incoming {
                t = format!("[{}] {t}", l.label("收", "in"));
            }
            (t, text)
        }
    }
}

/// Draws the current tab's list in `area`.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App) {
    if app.tab_kind() == TabKind::Directory {
        return super::directory::list(buf, area, app);
    }
    let th = &app.setup.theme;
    let t = app.cur();
    let cols = columns(app.tab_kind(), area.width);
    // One gutter cell carries the cursor mark: moving the cursor rewrites
    // the mark and the code cell of two rows, not two whole rows (a `j`
    // costs well under 300 bytes on the wire, as with mutt's arrow cursor).
    let area = Rect::new(
        area.x + 1,
        area.y,
        area.width.saturating_sub(1),
        area.height,
    );
    let fixed: u16 = cols.iter().map(|c| c.width() + 1).sum();
    let title_w = area.width.saturating_sub(fixed);
    let width_of = |c: &Col| {
        if matches!(c, Col::Title) {
            title_w
        } else {
            c.width()
        }
    };
    // Column titles.
    let mut x = area.x;
    for c in &cols {
        x = put(
            buf,
            x,
            area.y,
            width_of(c),
            app.t(c.title(app.tab_kind())),
            th.get(Slot::Muted),
        ) + 1;
    }
    if !t.loaded {
        put(
            buf,
            area.x,
            area.y + 1,
            area.width,
            app.t(T::Loading),
            th.get(Slot::Muted),
        );
        return;
    }
    if t.rows.is_empty() {
        let m = if t.filter.is_empty() {
            app.t(T::ListEmpty).to_string()
        } else {
            app.tf(T::ListFilter, &[&clean(&t.filter), "0"])
        };
        put(buf, area.x, area.y + 1, area.width, &m, th.get(Slot::Muted));
        return;
    }
    let h = area.height.saturating_sub(1) as usize;
    let visual = match app.mode {
        Mode::Visual { anchor } => Some((anchor.min(t.selected), anchor.max(t.selected))),
        _ => None,
    };
    for (i, r) in t.rows.iter().enumerate().skip(t.offset).take(h) {
        let y = area.y + 1 + (i - t.offset) as u16;
        let mut x = area.x;
        for c in &cols {
            let (s, st) = cell(app, *c, r);
            x = put(buf, x, y, width_of(c), &s, st);
            if x < area.right() {
                buf.set_string(x, y, " ", th.get(Slot::Text));
            }
            x += 1;
        }
        let line = Rect::new(area.x, y, area.width, 1);
        if visual.is_some_and(|(a, b)| i >= a && i <= b) {
            buf.set_style(line, th.get(Slot::Visual));
        }
        if i == t.selected {
            mark(buf, area, y, app);
            let mut cx = area.x;
            for c in &cols {
                if matches!(c, Col::Code) {
                    buf.set_style(Rect::new(cx, y, c.width(), 1), th.get(Slot::Selection));
                }
                cx += width_of(c) + 1;
            }
        }
    }
}

/// The cursor mark in the gutter left of `area`.
pub(super) fn mark(buf: &mut Buffer, area: Rect, y: u16, app: &App) {
    if area.x > 0 {
        buf.set_string(area.x - 1, y, ">", app.setup.theme.get(Slot::Accent));
    }
}
