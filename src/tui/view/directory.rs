//! The 通訊錄 tab: units as headings with their people under them (name,
//! unit, post, phones, notes); the detail of a unit (its abbreviations,
//! number, people) or a person (their unit, phones, notes), each with the
//! open items that concern the unit; above them, a refused `:import`'s
//! errors.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::super::app::{App, DirRow, ImportReport};
use super::super::i18n::T;
use super::super::text::clean;
use super::super::theme::Slot;
use super::detail::Out;
use super::list::{due_style, mark};
use super::put;

/// Draws the directory list in `area`.
pub fn list(buf: &mut Buffer, area: Rect, app: &App) {
    let area = Rect::new(
        area.x + 1,
        area.y,
        area.width.saturating_sub(1),
        area.height,
    );
    let th = &app.setup.theme;
    let t = app.cur();
    let (nw, uw, pw, phw) = (10u16, 14u16, 10u16, 26u16);
    let rest = area.width.saturating_sub(nw + uw + pw + phw + 4);
    let cols = [
        (nw, T::ColName),
        (uw, T::ColUnit),
        (pw, T::ColPost),
        (phw, T::ColPhone),
        (rest, T::DetPersonNotes),
    ];
    let mut x = area.x;
    for (w, c) in cols {
        x = put(buf, x, area.y, w, app.t(c), th.get(Slot::Muted)) + 1;
    }
    if t.dir.is_empty() {
        let m = if t.filter.is_empty() {
            app.t(T::ListEmpty).to_string()
        } else {
            app.tf(T::ListFilter, &[&clean(&t.filter), "0"])
        };
        put(buf, area.x, area.y + 1, area.width, &m, th.get(Slot::Muted));
        return;
    }
    let h = area.height.saturating_sub(1) as usize;
    for (i, r) in t.dir.iter().enumerate().skip(t.offset).take(h) {
        let y = area.y + 1 + (i - t.offset) as u16;
        let text = th.get(Slot::Text);
        let cells: Vec<(u16, String, ratatui::style::Style)> = match r {
            DirRow::Unit(u) => vec![
                (nw + uw + 1, clean(&u.name), th.get(Slot::Accent)),
                (pw, clean(&u.abbreviations.join("、")), th.get(Slot::Muted)),
                (phw, clean(&u.phone), text),
                (rest, String::new(), text),
            ],
            DirRow::Person(p) => vec![
                (nw, format!("  {}", clean(&p.name)), text),
                (uw, clean(&app.unit_name(&p.unit)), th.get(Slot::Muted)),
                (pw, clean(&p.title), text),
                (phw, clean(&p.phones.join(" ")), text),
                (rest, clean(&p.notes), th.get(Slot::Muted)),
            ],
        };
        let mut x = area.x;
        for (w, s, st) in cells {
            x = put(buf, x, y, w, &s, st);
            if x < area.right() {
                buf.set_string(x, y, " ", text);
            }
            x += 1;
        }
        if i == t.selected {
            mark(buf, area, y, app);
            buf.set_style(Rect::new(area.x, y, nw, 1), th.get(Slot::Selection));
        }
    }
}

/// At most this many errors of a refused import are listed.
const REPORT_ERRORS: usize = 20;

/// A refused `:import`: nothing was saved, and its first errors by line and
/// field (the file's text is the clerk's, so it is cleaned).
fn import_report(o: &mut Out, app: &App, r: &ImportReport) {
    let th = &app.setup.theme;
    let title = app.tf(
        T::DirReportTitle,
        &[&clean(&r.file), &r.errors.len().to_string()],
    );
    o.text(&format!("── {title} ──"), th.get(Slot::Error));
    for e in r.errors.iter().take(REPORT_ERRORS) {
        o.text(&clean(&app.row_error(e)), th.get(Slot::Text));
    }
    if r.errors.len() > REPORT_ERRORS {
        let more = (r.errors.len() - REPORT_ERRORS).to_string();
        o.text(&app.tf(T::DirReportMore, &[&more]), th.get(Slot::Muted));
    }
    o.lines.push(Line::raw(""));
}

/// The detail of the directory entry under the cursor.
pub(super) fn detail(o: &mut Out, app: &App) {
    let th = &app.setup.theme;
    let (muted, accent, text) = (
        th.get(Slot::Muted),
        th.get(Slot::Accent),
        th.get(Slot::Text),
    );
    if let Some(r) = app.import_report_shown() {
        import_report(o, app, r);
    }
    match app.dir_selected() {
        None => o.text(app.t(T::DetNothing), muted),
        Some(DirRow::Unit(u)) => {
            o.text(&clean(&u.name), th.get(Slot::Title));
            o.pair(
                app.t(T::DetAbbrev).to_string(),
                &u.abbreviations.join("、"),
                muted,
                text,
            );
            o.pair(app.t(T::ColPhone).to_string(), &u.phone, muted, text);
            if !u.doc_prefix.is_empty() {
                o.pair(
                    app.t(T::DetDocPrefix).to_string(),
                    &u.doc_prefix,
                    muted,
                    text,
                );
            }
            o.heading(app.t(T::DetPeople), accent);
            for p in app.people.iter().filter(|p| p.unit == u.key) {
                o.text(
                    &format!(
                        "{} {} {}",
                        clean(&p.name),
                        clean(&p.title),
                        clean(&p.phones.join(" "))
                    ),
                    text,
                );
            }
        }
        Some(DirRow::Person(p)) => {
            o.text(
                &format!("{}  {}", clean(&p.name), clean(&p.title)),
                th.get(Slot::Title),
            );
            o.pair(
                app.t(T::DetUnit).to_string(),
                &app.unit_name(&p.unit),
                muted,
                text,
            );
            o.pair(
                app.t(T::ColPhone).to_string(),
                &p.phones.join("  "),
                muted,
                text,
            );
            if !p.notes.is_empty() {
                o.pair(app.t(T::DetPersonNotes).to_string(), &p.notes, muted, text);
            }
            if let Some(u) = app.unit(&p.unit) {
                o.pair(
                    format!("{} {}", app.t(T::DetUnit), app.t(T::ColPhone)),
                    &u.phone,
                    muted,
                    text,
                );
            }
        }
    }
    o.heading(app.t(T::DetUnitItems), accent);
    for r in &app.unit_items {
        let st = due_style(app, r);
        let due = r
            .deadline
            .map(|d| d.format("%m-%d").to_string())
            .unwrap_or_default();
        o.lines.push(Line::from(vec![
            Span::styled(format!("{} ", r.code), muted),
            Span::styled(format!("{due:5} "), st),
            Span::styled(clean(&r.title), text),
        ]));
    }
}
