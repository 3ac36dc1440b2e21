//! The caller view: who is on the phone, their unit and numbers, then the
//! open items that concern the unit — overdue first, each with its kind,
//! code, status, deadline and last change — and the key that starts (or
//! ends) the call record.

use ratatui::layout::Rect;
use ratatui::Frame;

use super::super::app::{caller_rows_shown, App, Caller, CallerRow, Who};
use super::super::i18n::T;
use super::super::keymap::KeyMode;
use super::super::text::{clean, width};
use super::super::theme::Slot;
use super::find::framed;
use super::list::{due_style, short_date};
use super::put;
use crate::model::{fields, time};

/// Draws the caller view over `body`.
pub fn draw(f: &mut Frame, body: Rect, app: &App, c: &Caller) {
    let th = &app.setup.theme;
    let l = app.lang();
    let margin = u16::from(body.width >= 60);
    let area = Rect::new(
        body.x + margin,
        body.y,
        body.width - 2 * margin,
        body.height,
    );
    let key = app
        .setup
        .keymap
        .key_for(KeyMode::Normal, "call")
        .unwrap_or_else(|| ":call".into());
    let hint = if app.call.is_some() {
        app.tf(T::CallerHintEnd, &[&key])
    } else {
        app.tf(T::CallerHint, &[&key])
    };
    let inner = framed(
        f,
        app,
        area,
        &app.tf(T::CallerTitle, &[&clean(c.who.name())]),
        &hint,
    );
    if inner.height < 7 || inner.width < 30 {
        return;
    }
    let (muted, text, accent) = (
        th.get(Slot::Muted),
        th.get(Slot::Text),
        th.get(Slot::Accent),
    );
    let x = inner.x + 1;
    let w = inner.width.saturating_sub(2);
    let buf = f.buffer_mut();
    let line = |buf: &mut ratatui::buffer::Buffer, y: u16, label: &str, value: &str| {
        let lw = width(label) as u16 + 1;
        put(buf, x, inner.y + y, lw, label, muted);
        put(
            buf,
            x + lw,
            inner.y + y,
            w.saturating_sub(lw),
            &clean(value),
            text,
        );
    };
    let unit = app.unit(c.who.unit_key());
    let unit_line = match unit {
        Some(u) if !u.abbreviations.is_empty() => {
            format!(
                "{}（{}）  {} {}",
                u.name,
                u.abbreviations.join("、"),
                app.t(T::ColPhone),
                u.phone
            )
        }
        Some(u) => format!("{}  {} {}", u.name, app.t(T::ColPhone), u.phone),
        None => app.t(T::CallerNoUnit).to_string(),
    };
    match &c.who {
        Who::Person(p) => {
            put(
                buf,
                x,
                inner.y,
                w,
                &format!("{}  {}", clean(&p.name), clean(&p.title)),
                th.get(Slot::Title),
            );
            line(buf, 1, app.t(T::DetUnit), &unit_line);
            line(buf, 2, app.t(T::ColPhone), &p.phones.join("  "));
            if !p.notes.is_empty() {
                line(buf, 3, app.t(T::DetPersonNotes), &p.notes);
            }
        }
        Who::Unit(u) => {
            put(buf, x, inner.y, w, &clean(&u.name), th.get(Slot::Title));
            line(buf, 1, app.t(T::DetAbbrev), &u.abbreviations.join("、"));
            line(buf, 2, app.t(T::ColPhone), &u.phone);
            let people: Vec<String> = app
                .people
                .iter()
                .filter(|p| p.unit == u.key)
                .map(|p| format!("{} {}", p.name, p.title))
                .collect();
            line(buf, 3, app.t(T::DetPeople), &people.join("、"));
        }
    }
    let heading = if c.loaded {
        app.tf(T::CallerItems, &[&c.items.len().to_string()])
    } else {
        app.t(T::Loading).to_string()
    };
    put(buf, x, inner.y + 4, w, &format!("── {heading} ──"), accent);
    // Columns: kind, code, status, deadline, last change, title; the last
    // change takes nine twentieths of what the fixed columns leave.
    let rest = w.saturating_sub(1 + 4 + 11 + 8 + 5 + 5);
    let last_w = (rest * 9 / 20).clamp(rest.min(14), 36);
    let wide = last_w >= 24;
    let cols: [(u16, T); 6] = [
        (4, T::ColKind),
        (11, T::ColCode),
        (8, T::ColStatus),
        (5, T::ColDeadline),
        (last_w, T::ColUpdated),
        (rest.saturating_sub(last_w + 1), T::ColTitle),
    ];
    let mut cx = x + 1;
    for (cw, t) in cols {
        cx = put(buf, cx, inner.y + 5, cw, app.t(t), muted) + 1;
    }
    let h = caller_rows_shown(app.size.1).min(inner.height.saturating_sub(6) as usize);
    for (i, item) in c.items.iter().enumerate().skip(c.offset).take(h) {
        let r = &item.row;
        let y = inner.y + 6 + (i - c.offset) as u16;
        let due = r
            .deadline
            .map(|d| short_date(d, app.setup.today))
            .unwrap_or_default();
        let changed = last_change(app, item, wide);
        let cells = [
            (l.label(r.kind.label(), r.kind.english()), accent),
            (r.code.clone(), muted),
            (l.label(r.status.label(), r.status.english()), text),
            (due, due_style(app, r)),
            (changed, muted),
            (clean(&r.title), text),
        ];
        let mut cx = x + 1;
        for ((cw, _), (s, st)) in cols.iter().zip(cells) {
            cx = put(buf, cx, y, *cw, &s, st) + 1;
        }
        if i == c.selected {
            buf.set_string(x, y, ">", accent);
            buf.set_style(Rect::new(x + 1, y, 4 + 1 + 11, 1), th.get(Slot::Selection));
        }
    }
}

/// An item's last change in a few cells: when (the time too when `wide`),
/// who, and what — the workflow verb with its note, or the fields changed.
pub fn last_change(app: &App, item: &CallerRow, wide: bool) -> String {
    let fmt = if wide { "%m-%d %H:%M" } else { "%m-%d" };
    let Some(c) = &item.last else {
        return time::to_local(item.row.updated).format(fmt).to_string();
    };
    let when = time::to_local(c.at).format(fmt).to_string();
    let what = if !c.note.is_empty() {
        format!("{}：{}", c.action, c.note)
    } else if c.fields.is_empty() || c.action != "修改" {
        c.action.clone()
    } else {
        let l = app.lang();
        let names: Vec<String> = c
            .fields
            .iter()
            .map(|f| {
                fields::spec(f)
                    .map(|s| l.label(s.label, s.name))
                    .unwrap_or_else(|| f.clone())
            })
            .collect();
        format!("{} {}", c.action, names.join("、"))
    };
    clean(&format!("{when} {} {what}", c.by))
}
