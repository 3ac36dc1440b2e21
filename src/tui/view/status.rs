//! The status bar (mode, pending keys and count, user, connection, place in
//! the list) and the bottom line (the last message, or the line being typed
//! with the cursor on the right cell).

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::Frame;

use super::super::app::{clock, App, Level, LineFor, Mode, Overlay};
use super::super::i18n::T;
use super::super::key::show_keys;
use super::super::text::{clean, width};
use super::super::theme::Slot;
use super::put;

/// Draws the status bar.
pub fn bar(buf: &mut Buffer, area: Rect, app: &App) {
    let th = &app.setup.theme;
    let st = th.get(Slot::Status);
    buf.set_style(area, st);
    let mode = match app.mode {
        _ if app.find.is_some() => T::ModeFind,
        Mode::Normal => T::ModeNormal,
        Mode::Visual { .. } => T::ModeVisual,
        Mode::Insert => T::ModeInsert,
        Mode::Command | Mode::Prompt => T::ModeCommand,
        Mode::Search => T::ModeSearch,
    };
    let badge = format!(" {} ", app.t(mode));
    buf.set_string(area.x, area.y, &badge, th.get(Slot::Mode));
    let mut x = area.x + width(&badge) as u16 + 1;
    let mut pending = String::new();
    if let Some((n, _)) = app.count {
        pending.push_str(&n.to_string());
    }
    pending.push_str(&show_keys(&app.pending));
    if let Mode::Visual { anchor } = app.mode {
        let n = anchor.abs_diff(app.cur().selected) + 1;
        pending.push_str(&app.tf(T::Selected, &[&n.to_string()]));
    }
    if !pending.is_empty() {
        buf.set_string(x, area.y, &pending, st.patch(th.get(Slot::Accent)));
        x += width(&pending) as u16 + 1;
    }
    if let Some(c) = &app.call {
        let s = format!(
            " {} ",
            app.tf(T::StatusCall, &[&clean(&c.contact), &clock(c.secs())])
        );
        buf.set_string(
            x,
            area.y,
            &s,
            th.get(Slot::Urgent).patch(th.get(Slot::Mode)),
        );
        x += width(&s) as u16 + 1;
    }
    x = super::queue::badge(buf, x, area.y, app);
    let t = app.cur();
    let conn = if app.connected {
        app.t(app.setup.connection.label()).to_string()
    } else {
        app.t(T::ConnLost).to_string()
    };
    let place = format!(
        " · {}/{} ",
        if t.is_empty() { 0 } else { t.selected + 1 },
        t.len()
    );
    let mut left = format!("{} · ", clean(&app.setup.user.display));
    if !t.filter.is_empty() {
        left = format!("/{} · {left}", clean(&t.filter));
    }
    let rw = (width(&left) + width(&conn) + width(&place)) as u16;
    if area.right() > x + rw {
        let mut rx = area.right() - rw;
        buf.set_string(rx, area.y, &left, st);
        rx += width(&left) as u16;
        let cs = if app.connected {
            st
        } else {
            st.patch(th.get(Slot::Error))
        };
        buf.set_string(rx, area.y, &conn, cs);
        rx += width(&conn) as u16;
        buf.set_string(rx, area.y, &place, st);
    }
}

/// Draws the bottom line and places the cursor when something is typed there.
pub fn bottom(f: &mut Frame, area: Rect, app: &App) {
    let th = &app.setup.theme;
    let buf = f.buffer_mut();
    if let Some(Overlay::Confirm { text, .. }) = &app.overlay {
        put(buf, area.x, area.y, area.width, text, th.get(Slot::Warning));
        return;
    }
    if let Some(o @ (Overlay::ChooseKind | Overlay::ChooseDirectory)) = &app.overlay {
        let t = if *o == Overlay::ChooseKind {
            T::ChooseKind
        } else {
            T::ChooseDirectory
        };
        put(
            buf,
            area.x,
            area.y,
            area.width,
            app.t(t),
            th.get(Slot::Accent),
        );
        return;
    }
    if let Some(line) = &app.line {
        let prompt = match &line.purpose {
            LineFor::Command => ":".to_string(),
            LineFor::Search => "/".to_string(),
            LineFor::Assign(_) => format!("{}: ", app.t(T::PromptAssign)),
            LineFor::Due(_) => format!("{}: ", app.t(T::PromptDue)),
            LineFor::Close(_) => format!("{}: ", app.t(T::PromptClose)),
            LineFor::Note(_) => format!("{}: ", app.t(T::PromptNote)),
            LineFor::MoveNote(_, _, verb) => format!("{}: ", app.tf(T::PromptMoveNote, &[verb])),
            LineFor::Step(f) => format!("{}: ", app.step_prompt(f)),
            LineFor::NoticePath(_) => format!("{}: ", app.t(T::PromptNoticeFile)),
        };
        let pw = width(&prompt) as u16;
        buf.set_string(area.x, area.y, &prompt, th.get(Slot::Accent));
        let avail = area.width.saturating_sub(pw + 1) as usize;
        let (shown, cur) = line.input.view(avail);
        buf.set_string(area.x + pw, area.y, &shown, th.get(Slot::Input));
        if line.completions.len() > 1 {
            let more = format!(
                " ({}/{})",
                line.comp_index.map(|i| i + 1).unwrap_or(0),
                line.completions.len()
            );
            let x = area.x + pw + width(&shown) as u16;
            if x + (width(&more) as u16) < area.right() {
                buf.set_string(x, area.y, &more, th.get(Slot::Muted));
            }
        }
        f.set_cursor_position(Position::new(area.x + pw + cur as u16, area.y));
        return;
    }
    if let Some((m, level)) = &app.message {
        let st = match level {
            Level::Info => th.get(Slot::Text),
            Level::Error => th.get(Slot::Error),
        };
        put(buf, area.x, area.y, area.width, &clean(m), st);
    }
}
