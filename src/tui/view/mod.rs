//! Drawing: views read the app state and write cells, nothing else. Every
//! stored string passes through `text::clean` (escape sequences and bidi
//! overrides become placeholders) and is fitted on cell boundaries.

mod caller;
mod circulation;
mod dashboard;
mod detail;
mod directory;
mod find;
mod form;
mod header;
mod list;
mod overlay;
mod queue;
mod stats;
mod status;
mod week;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::Frame;

use super::app::{App, Focus};
use super::text;
use super::theme::Slot;

/// Rows of a list that fit a terminal `h` rows high: the header, the
/// column titles, the status bar and the bottom line take four.
pub fn list_height(h: u16) -> usize {
    (h as usize).saturating_sub(4).max(1)
}

/// Writes `s` (already clean) fitted to `w` cells at (x, y); returns the next x.
pub fn put(buf: &mut Buffer, x: u16, y: u16, w: u16, s: &str, style: Style) -> u16 {
    if w == 0 {
        return x;
    }
    let t = text::fit(s, w as usize);
    buf.set_stringn(x, y, &t, w as usize, style);
    x + w
}

/// Writes `s` (already clean) like `put`, with the characters `query`
/// matched (`search::spans`) in `hl`; returns the next x.
#[allow(clippy::too_many_arguments)]
pub fn put_marked(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    w: u16,
    s: &str,
    query: &str,
    style: Style,
    hl: Style,
) -> u16 {
    let next = put(buf, x, y, w, s, style);
    if w == 0 || query.trim().is_empty() || s.is_empty() {
        return next;
    }
    let ranges = crate::search::spans(s, query);
    if ranges.is_empty() {
        return next;
    }
    // The cells kept: all of them, or those before the ellipsis of a cut.
    let limit = if text::width(s) <= w as usize {
        w as usize
    } else {
        (w as usize).saturating_sub(1)
    };
    let mut cx = 0usize;
    for (i, c) in s.chars().enumerate() {
        let cw = text::char_width(c);
        if cx + cw > limit {
            break;
        }
        if cw > 0 && ranges.iter().any(|r| r.contains(&i)) {
            buf.set_style(Rect::new(x + cx as u16, y, cw as u16, 1), hl);
        }
        cx += cw;
    }
    next
}

/// Draws the whole screen.
pub fn draw(f: &mut Frame, app: &App) {
    let area = f.area();
    if area.height < 4 || area.width < 20 {
        return;
    }
    let base = app.setup.theme.get(Slot::Text);
    f.buffer_mut().set_style(area, base);
    let header = Rect::new(area.x, area.y, area.width, 1);
    let body = Rect::new(area.x, area.y + 1, area.width, area.height - 3);
    let bar = Rect::new(area.x, area.y + area.height - 2, area.width, 1);
    let bottom = Rect::new(area.x, area.y + area.height - 1, area.width, 1);
    header::draw(f.buffer_mut(), header, app);
    if let Some(form) = &app.form {
        form::draw(f, body, app, form);
    } else if app.wide() {
        let lw = (body.width * 11 / 20).max(60).min(body.width - 30);
        let left = Rect::new(body.x, body.y, lw, body.height);
        let sep = Rect::new(body.x + lw, body.y, 1, body.height);
        let right = Rect::new(body.x + lw + 1, body.y, body.width - lw - 1, body.height);
        list::draw(f.buffer_mut(), left, app);
        let border = app.setup.theme.get(Slot::Border);
        for y in sep.top()..sep.bottom() {
            f.buffer_mut().set_string(sep.x, y, "│", border);
        }
        detail::draw(f.buffer_mut(), right, app);
    } else if app.focus == Focus::Detail {
        detail::draw(f.buffer_mut(), body, app);
    } else {
        list::draw(f.buffer_mut(), body, app);
    }
    status::bar(f.buffer_mut(), bar, app);
    status::bottom(f, bottom, app);
    if let Some(c) = &app.caller {
        if app.form.is_none() {
            caller::draw(f, body, app, c);
        }
    }
    if let Some(d) = &app.dashboard {
        if app.form.is_none() {
            dashboard::draw(f, body, app, d);
        }
    }
    if let Some(c) = &app.circulation {
        if app.form.is_none() {
            circulation::draw(f, body, app, c);
        }
    }
    if let Some(w) = &app.week {
        if app.form.is_none() {
            week::draw(f, body, app, w);
        }
    }
    if let Some(q) = &app.find {
        find::draw(f, body, app, q);
    }
    if let Some(q) = &app.queue {
        queue::draw(f, body, app, q);
    }
    overlay::draw(f, body, app);
}
