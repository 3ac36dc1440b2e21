//! The quick-find popup: the query with the cursor, then one line per
//! result — kind, code, status, unit, deadline, title — with what the query
//! matched highlighted; people and units show their post, unit and phones.

use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear};
use ratatui::Frame;

use super::super::app::{find_rows, App, QuickFind};
use super::super::i18n::T;
use super::super::text::{clean, width};
use super::super::theme::Slot;
use super::list::{due_style, short_date};
use super::{put, put_marked};
use crate::core::Found;

/// Where a popup of `h` rows sits over `body`: at its top, as wide as the
/// screen allows below 100 columns, else centred and at most 120 wide.
/// Quick find, the queue and the 傳閱 tracker all sit so.
pub(super) fn panel(body: Rect, h: u16) -> Rect {
    let w = if body.width < 100 {
        body.width
    } else {
        body.width.saturating_sub(4).min(120)
    };
    Rect::new(body.x + (body.width - w) / 2, body.y, w, h.min(body.height))
}

/// A bordered box with a title on top and a hint at the bottom; returns the inside.
pub(super) fn framed(f: &mut Frame, app: &App, area: Rect, title: &str, hint: &str) -> Rect {
    let th = &app.setup.theme;
    f.render_widget(Clear, area);
    f.buffer_mut().set_style(area, th.get(Slot::Text));
    let b = Block::default()
        .borders(Borders::ALL)
        .border_style(th.get(Slot::Border))
        .title(Line::styled(format!(" {title} "), th.get(Slot::Accent)))
        .title_bottom(Line::styled(format!(" {hint} "), th.get(Slot::Muted)).right_aligned());
    let inner = b.inner(area);
    f.render_widget(b, area);
    inner
}

/// The style of matched characters.
pub(super) fn mark_style(app: &App) -> Style {
    app.setup
        .theme
        .get(Slot::Accent)
        .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
}

/// Column widths: kind, code, status, unit, deadline (the title takes the rest).
const KIND: u16 = 4;
const CODE: u16 = 11;
const STATUS: u16 = 8;
const UNIT: u16 = 12;
const DUE: u16 = 5;

/// The title, the 文號 quoted for the item and its counterpart, what the
/// query matched first (a 文號 typed shows even when the title is long).
fn title_line(r: &crate::core::Row, query: &str) -> String {
    let mut parts: Vec<&str> = vec![&r.title];
    parts.extend(r.references.iter().map(String::as_str));
    if !r.counterpart.is_empty() && !r.title.contains(&r.counterpart) {
        parts.push(&r.counterpart);
    }
    let (mut hit, miss): (Vec<&str>, Vec<&str>) = parts
        .into_iter()
        .partition(|p| !crate::search::spans(p, query).is_empty());
    hit.extend(miss);
    hit.join("  ")
}

/// Draws the popup over `body`.
pub fn draw(f: &mut Frame, body: Rect, app: &App, q: &QuickFind) {
    let th = &app.setup.theme;
    // As tall as the results need, as wide as the screen allows (up to 120).
    let rows = (q.results.len().max(1) as u16).min(find_rows(app.size.1) as u16);
    let area = panel(body, rows + 4);
    let title = app.t(T::FindTitle);
    let inner = framed(f, app, area, title, app.t(T::FindHint));
    if inner.width < 20 || inner.height < 3 {
        return;
    }
    let (muted, text) = (th.get(Slot::Muted), th.get(Slot::Text));
    // The query, and how many results (or that they are coming).
    let prompt = app.t(T::FindPrompt);
    let pw = width(prompt) as u16;
    let buf = f.buffer_mut();
    buf.set_string(inner.x + 1, inner.y, prompt, th.get(Slot::Accent));
    let status = if q.waiting {
        app.t(T::FindSearching).to_string()
    } else if q.answered.is_empty() {
        String::new()
    } else {
        app.tf(T::FindCount, &[&q.results.len().to_string()])
    };
    let sw = width(&status) as u16;
    let avail = inner.width.saturating_sub(pw + sw + 3) as usize;
    let (shown, cur) = q.input.view(avail);
    buf.set_string(inner.x + 1 + pw, inner.y, &shown, th.get(Slot::Input));
    buf.set_string(
        inner.right().saturating_sub(sw + 1),
        inner.y,
        &status,
        muted,
    );
    // Column titles.
    let x0 = inner.x + 1;
    let unit_w = if inner.width >= 70 { UNIT } else { 0 };
    let fixed = KIND + CODE + STATUS + unit_w + DUE + 5 + u16::from(unit_w > 0);
    let title_w = inner.width.saturating_sub(fixed + 1);
    let mut x = x0 + 1;
    for (cw, t) in [
        (KIND, T::ColKind),
        (CODE, T::ColCode),
        (STATUS, T::ColStatus),
        (unit_w, T::ColUnit),
        (DUE, T::ColDeadline),
        (title_w, T::ColTitle),
    ] {
        if cw > 0 {
            x = put(buf, x, inner.y + 1, cw, app.t(t), muted) + 1;
        }
    }
    let top = inner.y + 2;
    if q.input.text.trim().is_empty() {
        put(
            buf,
            x0 + 1,
            top,
            inner.width - 2,
            app.t(T::FindEmpty),
            muted,
        );
    } else if q.results.is_empty() && !q.waiting && !q.answered.is_empty() {
        let m = app.tf(T::FindNone, &[&clean(&q.answered)]);
        put(buf, x0 + 1, top, inner.width - 2, &m, muted);
    }
    let hl = mark_style(app);
    let l = app.lang();
    let shown_rows = inner.height.saturating_sub(2) as usize;
    for (i, hit) in q.results.iter().enumerate().skip(q.offset).take(shown_rows) {
        let y = top + (i - q.offset) as u16;
        let query = q.answered.as_str();
        let mut x = x0 + 1;
        let mut cell =
            |buf: &mut ratatui::buffer::Buffer, cw: u16, s: &str, st: Style, mark: bool| {
                if cw == 0 {
                    return;
                }
                let s = clean(s);
                x = if mark {
                    put_marked(buf, x, y, cw, &s, query, st, hl)
                } else {
                    put(buf, x, y, cw, &s, st)
                } + 1;
            };
        let buf = f.buffer_mut();
        match hit {
            Found::Item(r) => {
                let due = r
                    .deadline
                    .map(|d| short_date(d, app.setup.today))
                    .unwrap_or_default();
                cell(
                    buf,
                    KIND,
                    &l.label(r.kind.label(), r.kind.english()),
                    th.get(Slot::Accent),
                    false,
                );
                cell(buf, CODE, &r.code, muted, true);
                cell(
                    buf,
                    STATUS,
                    &l.label(r.status.label(), r.status.english()),
                    text,
                    false,
                );
                cell(buf, unit_w, &r.unit, text, true);
                cell(buf, DUE, &due, due_style(app, r), false);
                cell(buf, title_w, &title_line(r, query), text, true);
            }
            Found::Person(p) => {
                let unit = app.unit_name(&p.unit);
                cell(buf, KIND, app.t(T::KindPerson), th.get(Slot::Ok), false);
                cell(buf, CODE, &p.name, text, true);
                cell(buf, STATUS, &p.title, text, false);
                cell(buf, unit_w, &unit, text, true);
                cell(buf, DUE, "", text, false);
                let mut t = p.phones.join("  ");
                if unit_w == 0 {
                    t = format!("{unit}  {t}");
                }
                if !p.notes.is_empty() {
                    t = format!("{t}  {}", p.notes);
                }
                cell(buf, title_w, &t, text, true);
            }
            Found::Unit(u) => {
                let short = u.abbreviations.first().unwrap_or(&u.key);
                cell(buf, KIND, app.t(T::KindUnit), th.get(Slot::Ok), false);
                cell(buf, CODE, short, text, true);
                cell(buf, STATUS, "", text, false);
                cell(buf, unit_w, "", text, false);
                cell(buf, DUE, "", text, false);
                let t = format!("{}  {}  {}", u.name, u.phone, u.abbreviations.join("、"));
                cell(buf, title_w, t.trim_end(), text, true);
            }
        }
        if i == q.selected {
            let buf = f.buffer_mut();
            buf.set_string(x0, y, ">", th.get(Slot::Accent));
            buf.set_style(
                Rect::new(x0 + 1, y, inner.width.saturating_sub(2), 1),
                th.get(Slot::Selection),
            );
        }
    }
    f.set_cursor_position(Position::new(inner.x + 1 + pw + cur as u16, inner.y));
}
