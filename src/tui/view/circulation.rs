//! The 傳閱 view: a popup over the body listing every copy out with a
//! reader — code, holder, since, days, 催收 count, title — longest out
//! first, the cursor's row highlighted. Only draws what `App::circulation`
//! holds; holders and titles are cleaned and cut on cell boundaries.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::Frame;

use super::super::app::{circ_rows, App, CircView};
use super::super::i18n::T;
use super::super::text::{clean, width};
use super::super::theme::Slot;
use super::find::framed;
use super::put;
use crate::model::time;

/// Column widths: code, holder, since (`MM-DD HH:MM`), days, 催收 (the
/// title takes the rest).
const CODE: u16 = 12;
const HOLDER: u16 = 10;
const SINCE: u16 = 11;
const DAYS: u16 = 4;
const CHASED: u16 = 6;

/// A number right-aligned in `w` cells.
fn right(s: &str, w: u16) -> String {
    format!("{}{s}", " ".repeat((w as usize).saturating_sub(width(s))))
}

/// Draws the view over `body`.
pub fn draw(f: &mut Frame, body: Rect, app: &App, c: &CircView) {
    let th = &app.setup.theme;
    let h = (c.rows.len().max(1) as u16 + 3).min(circ_rows(app.size.1) as u16 + 3);
    let area = super::find::panel(body, h);
    let n = c.rows.len().to_string();
    let title = if c.over > 0 {
        app.tf(T::CircTitleOver, &[&n, &c.over.to_string()])
    } else {
        app.tf(T::CircTitle, &[&n])
    };
    let inner = framed(f, app, area, &title, app.t(T::CircHint));
    if inner.width < 30 || inner.height < 2 {
        return;
    }
    let (muted, text, accent) = (
        th.get(Slot::Muted),
        th.get(Slot::Text),
        th.get(Slot::Accent),
    );
    let buf = f.buffer_mut();
    let x0 = inner.x + 1;
    if c.rows.is_empty() {
        let m = if c.loading {
            app.t(T::Loading)
        } else {
            app.t(T::CircEmpty)
        };
        put(buf, x0, inner.y, inner.width - 2, m, muted);
        return;
    }
    let title_w = inner
        .width
        .saturating_sub(CODE + HOLDER + SINCE + DAYS + CHASED + 8);
    let heading = [
        (CODE, app.t(T::CircCode).to_string()),
        (HOLDER, app.t(T::CircHolder).to_string()),
        (SINCE, app.t(T::CircSince).to_string()),
        (DAYS, right(app.t(T::CircDays), DAYS)),
        (CHASED, right(app.t(T::CircChased), CHASED)),
        (title_w, app.t(T::CircItemTitle).to_string()),
    ];
    let mut x = x0 + 1;
    for (cw, s) in &heading {
        x = put(buf, x, inner.y, *cw, s, muted) + 1;
    }
    let rows = (inner.height as usize).saturating_sub(1);
    let skip = (c.selected + 1).saturating_sub(rows);
    let warn = th.get(Slot::Warning);
    for (i, o) in c.rows.iter().enumerate().skip(skip).take(rows) {
        let y = inner.y + 1 + (i - skip) as u16;
        let since = time::to_local(o.since).format("%m-%d %H:%M").to_string();
        let mut x = x0 + 1;
        let mut cell = |buf: &mut Buffer, cw: u16, s: &str, st: Style| {
            x = put(buf, x, y, cw, s, st) + 1;
        };
        cell(buf, CODE, &clean(&o.code), muted);
        cell(buf, HOLDER, &clean(&o.holder), accent);
        cell(buf, SINCE, &since, text);
        cell(buf, DAYS, &right(&o.days.to_string(), DAYS), text);
        let chased = if o.chased > 0 { warn } else { muted };
        cell(buf, CHASED, &right(&o.chased.to_string(), CHASED), chased);
        cell(buf, title_w, &clean(&o.title), text);
        if i == c.selected {
            buf.set_string(x0, y, ">", accent);
            buf.set_style(
                Rect::new(x0 + 1, y, inner.width.saturating_sub(2), 1),
                th.get(Slot::Selection),
            );
        }
    }
}
