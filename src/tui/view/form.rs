//! A form: one row per field, the label left, the value right, errors
//! under their field; the cursor sits on the cell after the typed text.

use ratatui::layout::{Position, Rect};
use ratatui::Frame;

use super::super::app::{App, Form};
use super::super::i18n::T;
use super::super::text::clean;
use super::super::theme::Slot;
use super::put;

/// Draws the form in `area`.
pub fn draw(f: &mut Frame, area: Rect, app: &App, form: &Form) {
    let th = &app.setup.theme;
    let l = app.lang();
    let kind = match &form.dir {
        Some(super::super::app::DirForm::Person(_)) => app.t(T::KindPerson).to_string(),
        Some(super::super::app::DirForm::Unit(_)) => app.t(T::KindUnit).to_string(),
        None => l.label(form.kind.label(), form.kind.english()),
    };
    let title = match form.id {
        None => app.tf(T::FormNew, &[&kind]),
        Some(_) => app.tf(T::FormEdit, &[&form.code]),
    };
    let buf = f.buffer_mut();
    put(buf, area.x, area.y, area.width, &title, th.get(Slot::Title));
    put(
        buf,
        area.x,
        area.y + 1,
        area.width,
        app.t(T::FormHint),
        th.get(Slot::Muted),
    );
    let lw: u16 = if area.width >= 100 { 20 } else { 14 };
    let vw = area.width.saturating_sub(lw + 1);
    // Rows: each field, plus one for its error.
    let rows: Vec<(usize, bool)> = form
        .fields
        .iter()
        .enumerate()
        .flat_map(|(i, x)| {
            let mut v = vec![(i, false)];
            if x.error.is_some() {
                v.push((i, true));
            }
            v
        })
        .collect();
    // A meeting's clashes take the bottom rows, the fields the rest.
    let clash_rows = clashes(f, area, app, form);
    let h = area.height.saturating_sub(3 + clash_rows) as usize;
    let focus_row = rows
        .iter()
        .position(|(i, e)| *i == form.focus && !e)
        .unwrap_or(0);
    let off = focus_row.saturating_sub(h.saturating_sub(2));
    let mut cursor = None;
    for (n, (i, is_err)) in rows.iter().enumerate().skip(off).take(h) {
        let y = area.y + 3 + (n - off) as u16;
        let field = &form.fields[*i];
        let buf = f.buffer_mut();
        if *is_err {
            let msg = format!("↳ {}", field.error.clone().unwrap_or_default());
            put(buf, area.x + lw + 1, y, vw, &msg, th.get(Slot::Error));
            continue;
        }
        let focused = *i == form.focus;
        let label = l.label(field.label, field.name);
        let ls = if focused {
            th.get(Slot::Accent)
        } else {
            th.get(Slot::Muted)
        };
        put(buf, area.x, y, lw, &label, ls);
        let (shown, cur) = field.input.view(vw.saturating_sub(1) as usize);
        let vs = if focused {
            th.get(Slot::Input).patch(th.get(Slot::Title))
        } else {
            th.get(Slot::Text)
        };
        let shown = if field.long && !focused && shown.is_empty() {
            app.t(T::FormLong).to_string()
        } else {
            shown
        };
        put(buf, area.x + lw + 1, y, vw, &shown, vs);
        if focused {
            cursor = Some(Position::new(area.x + lw + 1 + cur as u16, y));
        }
    }
    if let (Some(c), None) = (cursor, &app.overlay) {
        f.set_cursor_position(c);
    }
}

/// Draws a meeting form's clashes (or that there are none) at the bottom
/// of `area`; returns the rows taken.
fn clashes(f: &mut Frame, area: Rect, app: &App, form: &Form) -> u16 {
    if form.kind != crate::model::Kind::Meeting || form.dir.is_some() {
        return 0;
    }
    let th = &app.setup.theme;
    let mut lines: Vec<(String, ratatui::style::Style)> = match &form.clashes {
        None => vec![(app.t(T::ClashChecking).to_string(), th.get(Slot::Muted))],
        Some(c) if c.is_empty() => vec![(app.t(T::ClashNone).to_string(), th.get(Slot::Muted))],
        Some(c) => {
            let mut v = vec![(
                app.tf(T::ClashTitle, &[&c.len().to_string()]),
                th.get(Slot::Error),
            )];
            // Titles and names are the clerks' text: cleaned here.
            v.extend(c.iter().map(|x| {
                (
                    format!("  {}", clean(&app.clash_text(x))),
                    th.get(Slot::Warning),
                )
            }));
            v
        }
    };
    let max = (area.height / 3).max(2) as usize;
    if lines.len() > max {
        let more = lines.len() - (max - 1);
        lines.truncate(max - 1);
        lines.push((format!("  … +{more}"), th.get(Slot::Warning)));
    }
    let n = lines.len() as u16;
    if area.height < n + 5 {
        return 0;
    }
    let y0 = area.y + area.height - n;
    for (i, (l, st)) in lines.iter().enumerate() {
        put(f.buffer_mut(), area.x, y0 + i as u16, area.width, l, *st);
    }
    n
}
