//! The dashboard screen, drawn over the body: the overdue total and the
//! week's working days left, a small table of what falls due today and this
//! week per kind, the units holding overdue work as a horizontal bar chart
//! (most first, the top few), and the 收件 per day as a sparkline with its
//! day range and total. Only draws what `App::dashboard` holds.

use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Bar, BarChart, Sparkline, SparklineBar};
use ratatui::Frame;

use super::super::app::{App, DashView, INTAKE_DAYS_NARROW};
use super::super::i18n::T;
use super::super::keymap::KeyMode;
use super::super::text::{clean, fit, width};
use super::super::theme::Slot;
use super::find::framed;
use super::put;
use crate::model::dashboard::Dashboard;
use crate::model::Kind;

/// Units the bar chart shows at most (a narrow screen: [`TOP_UNITS_NARROW`]).
const TOP_UNITS: usize = 12;

/// Units the bar chart shows at most on a screen narrower than 100 cells.
const TOP_UNITS_NARROW: usize = 7;

/// Rows the sparkline takes at most (a narrow screen: six).
const SPARK_MAX: u16 = 14;

/// Draws the dashboard over `body`.
pub fn draw(f: &mut Frame, body: Rect, app: &App, d: &DashView) {
    let margin = u16::from(body.width >= 60);
    let area = Rect::new(
        body.x + margin,
        body.y,
        body.width - 2 * margin,
        body.height,
    );
    let reload = app
        .setup
        .keymap
        .key_for(KeyMode::Normal, "reload")
        .unwrap_or_else(|| ":reload".into());
    let title = match &d.board {
        Some(b) => app.tf(T::DashTitle, &[&b.today.format("%Y-%m-%d").to_string()]),
        None => app.tf(T::DashTitle, &[""]),
    };
    let inner = framed(
        f,
        app,
        area,
        title.trim_end(),
        &app.tf(T::DashHint, &[&reload]),
    );
    if inner.height < 3 || inner.width < 30 {
        return;
    }
    let x = inner.x + 1;
    let w = inner.width.saturating_sub(2);
    let Some(b) = &d.board else {
        let muted = app.setup.theme.get(Slot::Muted);
        put(f.buffer_mut(), x, inner.y, w, app.t(T::Loading), muted);
        return;
    };
    let wide = inner.width >= 100;
    let mut y = inner.y;
    summary(f, app, b, Rect::new(x, y, w, 1));
    y += 2;
    // The due table and the bar chart side by side.
    let top = if wide { TOP_UNITS } else { TOP_UNITS_NARROW };
    let section = (1 + top as u16).max(1 + Kind::ALL.len() as u16 + 1);
    let bottom = inner.bottom();
    let section = section.min(bottom.saturating_sub(y));
    let table_w = due_table(f, app, b, Rect::new(x, y, w, section));
    let cx = x + table_w + 3;
    if cx + 20 <= x + w {
        overdue_chart(f, app, b, Rect::new(cx, y, x + w - cx, section), top);
    }
    y += section + 1;
    if y + 3 <= bottom {
        let h = (bottom - y).min(if wide { SPARK_MAX } else { 6 } + 2);
        let days = if wide {
            b.intake.len()
        } else {
            INTAKE_DAYS_NARROW
        };
        intake(f, app, b, Rect::new(x, y, w, h), days);
    }
}

/// The top line: the overdue total, the week's end and its working days left.
fn summary(f: &mut Frame, app: &App, b: &Dashboard, area: Rect) {
    let th = &app.setup.theme;
    let od = app.tf(T::DashOverdue, &[&b.overdue.to_string()]);
    let od_style = if b.overdue > 0 {
        th.get(Slot::Overdue).add_modifier(Modifier::BOLD)
    } else {
        th.get(Slot::Ok)
    };
    let ow = width(&od) as u16;
    let buf = f.buffer_mut();
    put(buf, area.x, area.y, ow.min(area.width), &od, od_style);
    let week = app.tf(
        T::DashWeek,
        &[
            &b.week_end.format("%m-%d").to_string(),
            &b.workdays_left.to_string(),
        ],
    );
    let rest = format!("  ·  {week}");
    put(
        buf,
        area.x + ow.min(area.width),
        area.y,
        area.width.saturating_sub(ow),
        &rest,
        th.get(Slot::Muted),
    );
}

/// The due table: one row per kind, today's and this week's count, the
/// totals last. Returns the width it took.
fn due_table(f: &mut Frame, app: &App, b: &Dashboard, area: Rect) -> u16 {
    let th = &app.setup.theme;
    let l = app.lang();
    let (muted, text, title) = (th.get(Slot::Muted), th.get(Slot::Text), th.get(Slot::Title));
    let labels: Vec<String> = Kind::ALL
        .iter()
        .map(|k| l.label(k.label(), k.english()))
        .collect();
    let kind_w = labels
        .iter()
        .map(|s| width(s))
        .chain([width(app.t(T::DashKind)), width(app.t(T::DashTotal))])
        .max()
        .unwrap_or(4) as u16;
    let today_w = width(app.t(T::DashDueToday)).max(3) as u16;
    let week_w = width(app.t(T::DashDueWeek)).max(3) as u16;
    let total_w = kind_w + 2 + today_w + 2 + week_w;
    if area.width < total_w || area.height == 0 {
        return 0;
    }
    let buf = f.buffer_mut();
    let row = |buf: &mut ratatui::buffer::Buffer, y: u16, cells: [(&str, Style); 3]| {
        let [(k, ks), (a, a_s), (c, cs)] = cells;
        put(buf, area.x, y, kind_w, k, ks);
        let right =
            |s: &str, w: u16| format!("{}{s}", " ".repeat((w as usize).saturating_sub(width(s))));
        put(
            buf,
            area.x + kind_w + 2,
            y,
            today_w,
            &right(a, today_w),
            a_s,
        );
        put(
            buf,
            area.x + kind_w + 2 + today_w + 2,
            y,
            week_w,
            &right(c, week_w),
            cs,
        );
    };
    row(
        buf,
        area.y,
        [
            (app.t(T::DashKind), muted),
            (app.t(T::DashDueToday), muted),
            (app.t(T::DashDueWeek), muted),
        ],
    );
    let lines = (area.height as usize).saturating_sub(1);
    let counts = b.due_today.iter().zip(&b.due_this_week);
    for (i, ((t, wk), label)) in counts
        .zip(&labels)
        .enumerate()
        .take(lines.saturating_sub(1))
    {
        let num = |n: usize| if n > 0 { text } else { muted };
        row(
            buf,
            area.y + 1 + i as u16,
            [
                (label, th.get(Slot::Accent)),
                (&t.count.to_string(), num(t.count)),
                (&wk.count.to_string(), num(wk.count)),
            ],
        );
    }
    if lines > Kind::ALL.len() {
        let today: usize = b.due_today.iter().map(|c| c.count).sum();
        let week: usize = b.due_this_week.iter().map(|c| c.count).sum();
        row(
            buf,
            area.y + 1 + Kind::ALL.len() as u16,
            [
                (app.t(T::DashTotal), title),
                (&today.to_string(), title),
                (&week.to_string(), title),
            ],
        );
    }
    total_w
}

/// Overdue items per unit, most first: a heading, then one bar per unit
/// (the top ones that fit), the unit's name cut on cell boundaries.
fn overdue_chart(f: &mut Frame, app: &App, b: &Dashboard, area: Rect, top: usize) {
    let th = &app.setup.theme;
    let units = &b.overdue_by_unit;
    let fits = area.height.saturating_sub(1) as usize;
    let shown = units.len().min(fits).min(top);
    let heading = if units.is_empty() {
        app.t(T::DashNoOverdue).to_string()
    } else {
        app.tf(
            T::DashByUnit,
            &[&shown.to_string(), &units.len().to_string()],
        )
    };
    put(
        f.buffer_mut(),
        area.x,
        area.y,
        area.width,
        &heading,
        th.get(Slot::Accent),
    );
    if shown == 0 || area.height < 2 {
        return;
    }
    let label_w = if area.width >= 60 { 16 } else { 10 };
    let overdue = th.get(Slot::Overdue);
    let bars: Vec<Bar> = units
        .iter()
        .take(shown)
        .map(|u| {
            let name = if u.unit.is_empty() {
                app.t(T::DashNoUnit).to_string()
            } else {
                clean(&u.unit)
            };
            Bar::default()
                .label(fit(&name, label_w))
                .value(u.count as u64)
                .text_value(u.count.to_string())
        })
        .collect();
    let max = units.first().map_or(1, |u| u.count as u64).max(1);
    let chart = BarChart::horizontal(bars)
        .bar_width(1)
        .bar_gap(0)
        .max(max)
        .bar_style(overdue)
        .value_style(overdue.add_modifier(Modifier::REVERSED))
        .label_style(th.get(Slot::Text));
    let chart_area = Rect::new(area.x, area.y + 1, area.width, area.height - 1);
    f.render_widget(chart, chart_area);
}

/// The 收件 per day of the last `days` days: a heading with the range and
/// the total, the sparkline (each day the same few cells wide; days off
/// dimmed), and the first and last day under it.
fn intake(f: &mut Frame, app: &App, b: &Dashboard, area: Rect, days: usize) {
    let th = &app.setup.theme;
    let shown = &b.intake[b.intake.len().saturating_sub(days)..];
    let (Some(first), Some(last)) = (shown.first(), shown.last()) else {
        return;
    };
    let total: usize = shown.iter().map(|d| d.count).sum();
    let heading = app.tf(
        T::DashIntake,
        &[
            &first.day.format("%m-%d").to_string(),
            &last.day.format("%m-%d").to_string(),
            &shown.len().to_string(),
            &total.to_string(),
        ],
    );
    put(
        f.buffer_mut(),
        area.x,
        area.y,
        area.width,
        &heading,
        th.get(Slot::Accent),
    );
    let cell = (area.width as usize / shown.len()).clamp(1, 4);
    let spark_w = (cell * shown.len()).min(area.width as usize) as u16;
    let spark_h = area.height.saturating_sub(2).max(1);
    let (work, off) = (th.get(Slot::Accent), th.get(Slot::Muted));
    let data: Vec<SparklineBar> = shown
        .iter()
        .flat_map(|d| {
            let style = if d.workday { work } else { off };
            std::iter::repeat_n(SparklineBar::from(d.count as u64).style(style), cell)
        })
        .collect();
    let max = shown
        .iter()
        .map(|d| d.count as u64)
        .max()
        .unwrap_or(0)
        .max(1);
    let spark = Sparkline::default().data(data).max(max).style(work);
    f.render_widget(spark, Rect::new(area.x, area.y + 1, spark_w, spark_h));
    let axis_y = area.y + 1 + spark_h;
    if axis_y >= area.bottom() {
        return;
    }
    let muted = th.get(Slot::Muted);
    let buf = f.buffer_mut();
    let from = first.day.format("%m-%d").to_string();
    let to = last.day.format("%m-%d").to_string();
    put(buf, area.x, axis_y, width(&from) as u16, &from, muted);
    let tw = width(&to) as u16;
    if spark_w > tw * 2 {
        put(buf, area.x + spark_w - tw, axis_y, tw, &to, muted);
    }
    let peak = shown.iter().map(|d| d.count).max().unwrap_or(0);
    let note = app.tf(T::DashPeak, &[&peak.to_string()]);
    let nx = area.x + spark_w + 2;
    if nx + width(&note) as u16 <= area.right() {
        put(buf, nx, area.y + 1, width(&note) as u16, &note, muted);
    }
}
