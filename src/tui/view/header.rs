//! The top line: the tabs with their open counts, overdue in the overdue colour.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::super::app::{App, TABS};
use super::super::i18n::T;
use super::super::text::width;
use super::super::theme::Slot;

/// Draws the header.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App) {
    let th = &app.setup.theme;
    buf.set_style(area, th.get(Slot::Header));
    let mut x = area.x;
    let right = area.right();
    let name = format!(" {} ", app.t(T::AppName));
    if area.width >= 100 {
        buf.set_string(
            x,
            area.y,
            &name,
            th.get(Slot::Header).patch(th.get(Slot::Accent)),
        );
        x += width(&name) as u16;
    }
    for (i, t) in TABS.iter().enumerate() {
        let (open, overdue) = t
            .kinds()
            .iter()
            .filter_map(|k| app.counts.by_kind.iter().find(|r| r.0 == *k))
            .fold((0, 0), |a, r| (a.0 + r.1, a.1 + r.2));
        let active = i == app.tab;
        let style = th.get(if active { Slot::TabActive } else { Slot::Tab });
        let mut label = format!(" {} {}", i + 1, app.t(t.title()));
        if !t.kinds().is_empty() {
            label.push_str(&format!(" {open}"));
        }
        let od = if overdue > 0 {
            format!(" {overdue}")
        } else {
            String::new()
        };
        let need = (width(&label) + width(&od) + 1) as u16;
        if x + need > right {
            break;
        }
        buf.set_string(x, area.y, &label, style);
        x += width(&label) as u16;
        if !od.is_empty() {
            buf.set_string(x, area.y, &od, style.patch(th.get(Slot::Overdue)));
            x += width(&od) as u16;
        }
        buf.set_string(x, area.y, " ", style);
        x += 1;
    }
}
