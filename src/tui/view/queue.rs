//! The queue view (待辦 · 待閱 · 已辦): a popup with one titled section per
//! queue and its count, then one line per item — why it is on the clerk,
//! kind, code, status, deadline, title — and the notice badge of the status
//! bar.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::Frame;

use super::super::app::{queue_label, queue_rows, App, QueueView, QUEUES};
use super::super::i18n::T;
use super::super::text::{clean, width};
use super::super::theme::Slot;
use super::find::framed;
use super::list::{due_style, short_date};
use super::put;

/// Column widths: why, kind, code, status, deadline (the title takes the rest).
const WHY: u16 = 8;
const KIND: u16 = 4;
const CODE: u16 = 11;
const STATUS: u16 = 8;
const DUE: u16 = 5;

/// One line of the view: a section's title, or an entry (its index across
/// the sections).
enum ViewLine {
    Title(usize),
    Empty,
    Entry(usize, usize, usize),
}

fn lines(q: &QueueView) -> Vec<ViewLine> {
    let mut out = vec![];
    let mut n = 0;
    for (s, sec) in q.sections.iter().enumerate() {
        out.push(ViewLine::Title(s));
        if sec.is_empty() {
            out.push(ViewLine::Empty);
        }
        for i in 0..sec.len() {
            out.push(ViewLine::Entry(s, i, n));
            n += 1;
        }
    }
    out
}

/// Draws the view over `body`.
pub fn draw(f: &mut Frame, body: Rect, app: &App, q: &QueueView) {
    let th = &app.setup.theme;
    let all = lines(q);
    let h = (all.len() as u16 + 2).min(queue_rows(app.size.1) as u16 + 5);
    let area = super::find::panel(body, h);
    let inner = framed(f, app, area, app.t(T::QueueTitle), app.t(T::QueueHint));
    if inner.width < 20 || inner.height < 2 {
        return;
    }
    let (muted, text, accent) = (
        th.get(Slot::Muted),
        th.get(Slot::Text),
        th.get(Slot::Accent),
    );
    let buf = f.buffer_mut();
    if q.loading && q.is_empty() {
        put(
            buf,
            inner.x + 1,
            inner.y,
            inner.width - 2,
            app.t(T::QueueLoading),
            muted,
        );
        return;
    }
    // Scroll so the selected entry shows.
    let rows = inner.height as usize;
    let at = all
        .iter()
        .position(|l| matches!(l, ViewLine::Entry(_, _, n) if *n == q.selected))
        .unwrap_or(0);
    let skip = (at + 1).saturating_sub(rows);
    let l = app.lang();
    let title_w = inner
        .width
        .saturating_sub(WHY + KIND + CODE + STATUS + DUE + 8);
    for (row, line) in all.iter().skip(skip).take(rows).enumerate() {
        let y = inner.y + row as u16;
        let x0 = inner.x + 1;
        match line {
            ViewLine::Title(s) => {
                let name = queue_label(QUEUES[*s], l);
                let n = q.sections[*s].len().to_string();
                let t = app.tf(T::QueueSection, &[name, &n]);
                put(buf, x0, y, inner.width - 2, &t, accent);
            }
            ViewLine::Empty => {
                put(buf, x0 + 2, y, inner.width - 3, app.t(T::QueueEmpty), muted);
            }
            ViewLine::Entry(s, i, n) => {
                let e = &q.sections[*s][*i];
                let r = &e.row;
                let why = e
                    .why
                    .map(|w| l.label(w.label(), w.english()))
                    .unwrap_or_default();
                let due = r
                    .deadline
                    .map(|d| short_date(d, app.setup.today))
                    .unwrap_or_default();
                let mut x = x0 + 2;
                let mut cell = |buf: &mut Buffer, cw: u16, s: &str, st: Style| {
                    x = put(buf, x, y, cw, &clean(s), st) + 1;
                };
                cell(buf, WHY, &why, th.get(Slot::Warning));
                cell(
                    buf,
                    KIND,
                    &l.label(r.kind.label(), r.kind.english()),
                    accent,
                );
                cell(buf, CODE, &r.code, muted);
                cell(
                    buf,
                    STATUS,
                    &l.label(r.status.label(), r.status.english()),
                    text,
                );
                cell(buf, DUE, &due, due_style(app, r));
                cell(buf, title_w, &r.title, text);
                if *n == q.selected {
                    buf.set_string(x0, y, ">", accent);
                    buf.set_style(
                        Rect::new(x0 + 1, y, inner.width.saturating_sub(2), 1),
                        th.get(Slot::Selection),
                    );
                }
            }
        }
    }
}

/// Draws the unread-notice badge at `x` of the status bar; returns the next x.
pub fn badge(buf: &mut Buffer, x: u16, y: u16, app: &App) -> u16 {
    if app.unread.is_empty() {
        return x;
    }
    let th = &app.setup.theme;
    let s = format!(
        " {} ",
        app.tf(T::NoticeBadge, &[&app.unread.len().to_string()])
    );
    buf.set_string(x, y, &s, th.get(Slot::Warning).patch(th.get(Slot::Mode)));
    x + width(&s) as u16 + 1
}
