//! What is drawn over the screen: the key help (with what may be done on the
//! selected item now), the welcome screen, the menu of workflow steps, a left
//! draft, the 督查 statistics, and the which-key hint of a pending prefix.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders, Clear};
use ratatui::Frame;

use super::super::app::{App, Menu, Mode, Overlay};
use super::super::i18n::T;
use super::super::keymap::{doc, KeyMode};
use super::super::text::{clean, width};
use super::super::theme::Slot;
use super::put;

pub(super) fn boxed(f: &mut Frame, app: &App, area: Rect, title: &str) -> Rect {
    let th = &app.setup.theme;
    f.render_widget(Clear, area);
    f.buffer_mut().set_style(area, th.get(Slot::Text));
    let b = Block::default()
        .borders(Borders::ALL)
        .border_style(th.get(Slot::Border))
        // Titles may carry item data (a code, a unit): cleaned here, once.
        .title(format!(" {} ", clean(title)))
        .title_style(th.get(Slot::Accent));
    let inner = b.inner(area);
    f.render_widget(b, area);
    inner
}

pub(super) fn centered(body: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(body.width);
    let h = h.min(body.height);
    Rect::new(
        body.x + (body.width - w) / 2,
        body.y + (body.height - h) / 2,
        w,
        h,
    )
}

/// Draws the overlay and the which-key hint, if any.
pub fn draw(f: &mut Frame, body: Rect, app: &App) {
    let th = &app.setup.theme;
    match &app.overlay {
        Some(Overlay::Help { scroll }) => help(f, body, app, *scroll),
        Some(Overlay::Welcome) => welcome(f, body, app),
        Some(Overlay::Moves(m)) => menu(f, body, app, m),
        Some(Overlay::Stats) => super::stats::draw(f, body, app),
        Some(Overlay::Notice(v)) => notice(f, body, app, v),
        Some(Overlay::Draft(d)) => {
            let what = clean(if d.code.is_empty() { &d.kind } else { &d.code });
            let title = d
                .fields
                .iter()
                .find(|(k, _)| k == "title")
                .map(|(_, v)| clean(v))
                .unwrap_or_default();
            let when = crate::model::time::format_ts(d.saved);
            let l1 = app.tf(T::DraftFound, &[&format!("{what} {title}"), &when]);
            let l2 = app.t(T::DraftKeys);
            let w = (width(&l1).max(width(l2)) as u16 + 4).min(body.width);
            let area = centered(body, w, 4);
            let inner = boxed(f, app, area, app.t(T::AppName));
            put(
                f.buffer_mut(),
                inner.x,
                inner.y,
                inner.width,
                &l1,
                th.get(Slot::Text),
            );
            put(
                f.buffer_mut(),
                inner.x,
                inner.y + 1,
                inner.width,
                l2,
                th.get(Slot::Accent),
            );
        }
        _ => {}
    }
    if !app.pending.is_empty() && app.overlay.is_none() {
        let mode = match app.mode {
            Mode::Visual { .. } => KeyMode::Visual,
            _ => KeyMode::Normal,
        };
        let conts = app.setup.keymap.continuations(mode, &app.pending);
        let lines: Vec<String> = conts
            .iter()
            .map(|(k, c)| format!("{k:<4} {}", doc(c, app.lang())))
            .collect();
        let w = (lines.iter().map(|l| width(l)).max().unwrap_or(8) as u16 + 2).min(body.width);
        let h = (lines.len() as u16).min(body.height);
        let area = Rect::new(body.right() - w, body.bottom() - h, w, h);
        f.render_widget(Clear, area);
        f.buffer_mut().set_style(area, th.get(Slot::Hint));
        for (i, l) in lines.iter().enumerate().take(h as usize) {
            put(
                f.buffer_mut(),
                area.x + 1,
                area.y + i as u16,
                w - 1,
                l,
                th.get(Slot::Hint),
            );
        }
    }
}

/// The menu of workflow steps (or of a step's next choice), one key each;
/// what the rules would refuse now is said under its choice.
fn menu(f: &mut Frame, body: Rect, app: &App, m: &Menu) {
    let th = &app.setup.theme;
    let mut lines: Vec<(String, Style)> = vec![];
    for c in &m.choices {
        // Choices can name units and people from the item (會簽, 傳閱).
        lines.push((format!("{}  {}", c.key, clean(&c.text)), th.get(Slot::Text)));
        if let Some(why) = &c.why_not {
            lines.push((format!("   {}", clean(why)), th.get(Slot::Muted)));
        }
    }
    let w = lines
        .iter()
        .map(|(l, _)| width(l))
        .max()
        .unwrap_or(10)
        .max(width(&clean(&m.title))) as u16
        + 4;
    let w = w.min(body.width.saturating_sub(2).max(20));
    let area = centered(body, w, lines.len() as u16 + 2);
    let inner = boxed(f, app, area, &m.title);
    for (i, (l, st)) in lines.iter().enumerate().take(inner.height as usize) {
        put(
            f.buffer_mut(),
            inner.x,
            inner.y + i as u16,
            inner.width,
            l,
            *st,
        );
    }
}

/// The top of `?`: what may be done on the selected item now, from the same
/// offers the menu shows.
fn item_lines(app: &App) -> Vec<(String, Style)> {
    let th = &app.setup.theme;
    let Some((it, offered)) = app.offers_now() else {
        return vec![];
    };
    let l = app.lang();
    let status = l.label(it.status.label(), it.status.english());
    let key = app
        .setup
        .keymap
        .key_for(KeyMode::Normal, "moves")
        .unwrap_or_else(|| "-".into());
    if offered.is_empty() {
        return vec![
            (
                app.tf(T::HelpItemNone, &[&it.code, &status]),
                th.get(Slot::Accent),
            ),
            (String::new(), th.get(Slot::Text)),
        ];
    }
    let mut out = vec![(
        app.tf(T::HelpItem, &[&it.code, &status, &key]),
        th.get(Slot::Accent),
    )];
    for (o, k) in offered.iter().zip(super::super::app::MENU_KEYS.chars()) {
        let mut line = format!("  {k:<16} {}", app.offer_text(o));
        if let Some(why) = &o.blocked {
            line.push_str(&app.tf(T::HelpBlocked, &[&clean(&app.rule_text(why))]));
        }
        out.push((line, th.get(Slot::Text)));
    }
    out.push((String::new(), th.get(Slot::Text)));
    out
}

fn help(f: &mut Frame, body: Rect, app: &App, scroll: usize) {
    let th = &app.setup.theme;
    let area = centered(body, body.width.saturating_sub(4).min(100), body.height);
    let inner = boxed(f, app, area, app.t(T::HelpTitle));
    let mut lines: Vec<(String, Style)> = item_lines(app);
    for m in KeyMode::ALL {
        lines.push((app.t(m.title()).to_string(), th.get(Slot::Accent)));
        for (k, c) in app.setup.keymap.entries(m) {
            lines.push((
                format!("  {:<16} {}", k, doc(&c, app.lang())),
                th.get(Slot::Text),
            ));
        }
    }
    let max = lines.len().saturating_sub(inner.height as usize);
    for (i, (l, st)) in lines
        .iter()
        .skip(scroll.min(max))
        .take(inner.height as usize)
        .enumerate()
    {
        put(
            f.buffer_mut(),
            inner.x,
            inner.y + i as u16,
            inner.width,
            l,
            *st,
        );
    }
}

/// The ten keys that matter most, as the welcome screen shows them.
const TEN: &[&str] = &[
    "move_down",
    "open",
    "tab 1",
    "search",
    "command_line",
    "route 收文",
    "urgency",
    "undo",
    "help",
    "quit",
];

/// The four route keys and what each does: `W M A S`, `W 收文 · M 會議 …`.
fn route_keys(app: &App) -> (String, String) {
    let lang = app.lang();
    let pairs: Vec<(String, String)> = ["收文", "會議", "事務", "督查"]
        .iter()
        .filter_map(|k| {
            let key = app
                .setup
                .keymap
                .key_for(KeyMode::Normal, &format!("route {k}"))?;
            let kind = crate::tui::command::parse_kind(k)?;
            Some((key, lang.label(kind.label(), kind.english())))
        })
        .collect();
    let keys: Vec<&str> = pairs.iter().map(|p| p.0.as_str()).collect();
    let each: Vec<String> = pairs.iter().map(|(k, n)| format!("{k} {n}")).collect();
    (
        keys.join(" "),
        app.tf(T::WelcomeRoute, &[&each.join(" · ")]),
    )
}

fn welcome(f: &mut Frame, body: Rect, app: &App) {
    let th = &app.setup.theme;
    let area = centered(body, body.width.saturating_sub(4).min(90), 21);
    let inner = boxed(f, app, area, app.t(T::WelcomeTitle));
    let buf = f.buffer_mut();
    let mut y = inner.y;
    let w = inner.width;
    let mut line = |s: &str, st: Style| {
        if y < inner.bottom() {
            put(buf, inner.x + 1, y, w.saturating_sub(1), s, st);
        }
        y += 1;
    };
    for l in super::super::text::wrap(app.t(T::WelcomeWhat), w.saturating_sub(2) as usize) {
        line(&l, th.get(Slot::Text));
    }
    line(app.t(T::WelcomeEmpty), th.get(Slot::Muted));
    line("", th.get(Slot::Text));
    line(app.t(T::WelcomeKeys), th.get(Slot::Accent));
    for c in TEN {
        let keys = app
            .setup
            .keymap
            .key_for(KeyMode::Normal, c)
            .unwrap_or_else(|| "-".into());
        let (keys, what) = match *c {
            "tab 1" => ("1–6".to_string(), doc(c, app.lang())),
            "route 收文" => route_keys(app),
            _ => (keys, doc(c, app.lang())),
        };
        line(&format!("  {keys:<8} {what}"), th.get(Slot::Text));
    }
    line("", th.get(Slot::Text));
    line(app.t(T::WelcomeDemo), th.get(Slot::Accent));
    line(app.t(T::WelcomeStart), th.get(Slot::Text));
    line(app.t(T::WelcomeQuit), th.get(Slot::Text));
}

/// A meeting's 會議通知: its lines (cleaned, wrapped to the box), scrolled,
/// the keys to write or send it in the frame.
fn notice(f: &mut Frame, body: Rect, app: &App, v: &super::super::app::NoticeView) {
    let th = &app.setup.theme;
    let key = |c: &str| {
        app.setup
            .keymap
            .key_for(KeyMode::Normal, c)
            .unwrap_or_else(|| format!(":{c}"))
    };
    let t = if v.status == crate::model::Status::Planning {
        T::NoticeHint
    } else {
        T::NoticeHintSaved
    };
    let hint = app.tf(t, &[&key("notice_write"), &key("notice_send")]);
    let w = body.width.saturating_sub(4).clamp(20, 90);
    let area = centered(body, w, body.height);
    let inner = super::find::framed(f, app, area, &app.tf(T::NoticeTitle, &[&v.code]), &hint);
    let tw = inner.width.saturating_sub(2) as usize;
    let lines: Vec<String> = v
        .text
        .lines()
        .flat_map(|l| {
            let c = clean(l);
            if c.is_empty() {
                vec![String::new()]
            } else {
                super::super::text::wrap(&c, tw)
            }
        })
        .collect();
    for (i, l) in lines
        .iter()
        .skip(v.scroll)
        .take(inner.height as usize)
        .enumerate()
    {
        put(
            f.buffer_mut(),
            inner.x + 1,
            inner.y + i as u16,
            inner.width.saturating_sub(2),
            l,
            th.get(Slot::Text),
        );
    }
}
