//! The detail pane: every field of the item, its links (numbered for `gf`),
//! its notes and its history; for the directory, a person, their unit and
//! the unit's open items.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::super::app::{App, Focus, TabKind};
use super::super::i18n::T;
use super::super::text::{clean, truncate, width, wrap};
use super::super::theme::Slot;
use crate::model::{fields, time};

/// Lines being laid out for a pane `w` cells wide.
pub(super) struct Out<'a> {
    pub lines: Vec<Line<'a>>,
    pub w: usize,
}

impl<'a> Out<'a> {
    pub fn text(&mut self, s: &str, st: Style) {
        for l in wrap(s, self.w) {
            self.lines.push(Line::from(Span::styled(l, st)));
        }
    }

    pub fn pair(&mut self, label: String, value: &str, ls: Style, vs: Style) {
        let lw = width(&label) + 1;
        if value.contains('\n') || lw + width(value) > self.w {
            self.lines.push(Line::from(Span::styled(label, ls)));
            for l in wrap(value, self.w.saturating_sub(2)) {
                self.lines
                    .push(Line::from(vec![Span::raw("  "), Span::styled(l, vs)]));
            }
        } else {
            self.lines.push(Line::from(vec![
                Span::styled(format!("{label} "), ls),
                Span::styled(clean(value), vs),
            ]));
        }
    }

    pub fn heading(&mut self, s: &str, st: Style) {
        self.lines.push(Line::raw(""));
        self.lines
            .push(Line::from(Span::styled(format!("── {s} ──"), st)));
    }
}

/// Draws the detail of the selection in `area`.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App) {
    let th = &app.setup.theme;
    let mut o = Out {
        lines: vec![],
        w: area.width.saturating_sub(1).max(10) as usize,
    };
    let l = app.lang();
    let (muted, accent, text) = (
        th.get(Slot::Muted),
        th.get(Slot::Accent),
        th.get(Slot::Text),
    );
    if app.tab_kind() == TabKind::Directory {
        super::directory::detail(&mut o, app);
    } else {
        match &app.detail {
            None => o.text(
                if app.cur().is_empty() {
                    app.t(T::DetNothing)
                } else {
                    app.t(T::Loading)
                },
                muted,
            ),
            Some(d) => {
                let it = &d.item;
                o.text(
                    &format!("{}  {}", it.code, clean(&it.title)),
                    th.get(Slot::Title),
                );
                let mut head = vec![
                    Span::styled(l.label(it.kind.label(), it.kind.english()), accent),
                    Span::raw(" · "),
                    Span::styled(l.label(it.status.label(), it.status.english()), text),
                ];
                if let Some(dl) = it.deadline {
                    let st = if it.is_overdue(app.setup.today) {
                        th.get(Slot::Overdue)
                    } else {
                        text
                    };
                    head.push(Span::raw(" · "));
                    let mut s = format!("{} {dl}", app.t(T::ColDeadline));
                    if it.is_overdue(app.setup.today) {
                        s.push_str(&format!(" {}", app.t(T::Overdue)));
                    }
                    head.push(Span::styled(s, st));
                }
                o.lines.push(Line::from(head));
                o.lines.push(Line::raw(""));
                for f in fields::fields_of(it.kind).filter(|f| !matches!(f.name, "title" | "code"))
                {
                    let v = it.get(f.name).unwrap_or_default();
                    let label = l.label(f.label, f.name);
                    if v.is_empty() {
                        o.pair(label, "—", muted, muted);
                    } else {
                        o.pair(label, &v, muted, text);
                    }
                }
                if !d.links.is_empty() {
                    o.heading(app.t(T::DetLinks), accent);
                    for (i, k) in d.links.iter().enumerate() {
                        o.text(
                            &format!(
                                "[{}] {} {} {}",
                                i + 1,
                                l.label(k.rel, k.rel),
                                k.code,
                                clean(&k.title)
                            ),
                            text,
                        );
                    }
                }
                if !it.notes.is_empty() {
                    o.heading(app.t(T::DetNotes), accent);
                    for n in &it.notes {
                        o.pair(
                            format!("{} {}", time::format_ts(n.at), clean(&n.by)),
                            &n.text,
                            muted,
                            text,
                        );
                    }
                }
                o.heading(app.t(T::DetHistory), accent);
                for h in d.history.iter().rev() {
                    let mut s = format!(
                        "{} {} {}",
                        time::format_ts(h.at),
                        clean(&h.by),
                        clean(&h.action)
                    );
                    if !h.note.is_empty() {
                        s.push_str(&format!("：{}", clean(&h.note)));
                    }
                    o.text(&s, text);
                    for c in &h.changes {
                        let label = fields::spec(&c.field)
                            .map(|s| l.label(s.label, s.name))
                            .unwrap_or_else(|| c.field.clone());
                        let b = truncate(&clean(&c.before), 20);
                        let a = truncate(&clean(&c.after), 30);
                        o.text(&format!("  {label}: {b} → {a}"), muted);
                    }
                }
            }
        }
    }
    let scroll = if app.focus == Focus::Detail || !app.wide() {
        app.detail_scroll
            .min(o.lines.len().saturating_sub(area.height as usize / 2))
    } else {
        0
    };
    for (i, line) in o
        .lines
        .iter()
        .skip(scroll)
        .take(area.height as usize)
        .enumerate()
    {
        buf.set_line(area.x, area.y + i as u16, line, area.width);
    }
}
