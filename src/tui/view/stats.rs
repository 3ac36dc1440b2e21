//! The 督查 statistics overlay: by lead unit, the on-time completion rate
//! and the overdue count as horizontal bar charts, the totals above them.
//! The numbers are `model::sv_stats::unit_stats` of the board's items, so
//! they agree with `shuniu report supervision` for the same period.

use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, Block, Borders};
use ratatui::Frame;

use super::super::app::App;
use super::super::i18n::T;
use super::super::text::clean;
use super::super::theme::Slot;
use super::overlay::{boxed, centered};
use super::put;

/// Draws the statistics over `body`.
pub fn draw(f: &mut Frame, body: Rect, app: &App) {
    let th = &app.setup.theme;
    let (from, to, stats) = app.board_stats();
    let title = app.tf(T::StatsTitle, &[&from.to_string(), &to.to_string()]);
    let area = centered(body, body.width.saturating_sub(2).min(110), body.height);
    let inner = boxed(f, app, area, &title);
    if !app.board.loaded {
        put(
            f.buffer_mut(),
            inner.x,
            inner.y,
            inner.width,
            app.t(T::Loading),
            th.get(Slot::Muted),
        );
        return;
    }
    let Some((total, units)) = stats.split_last() else {
        return;
    };
    let line = if total.total == 0 {
        app.t(T::StatsNone).to_string()
    } else {
        app.tf(
            T::StatsTotal,
            &[
                &total.total.to_string(),
                &total.on_time.to_string(),
                &total.late.to_string(),
                &total.overdue_open.to_string(),
                &total.pending.to_string(),
                &total.rate_text(),
            ],
        )
    };
    put(
        f.buffer_mut(),
        inner.x,
        inner.y,
        inner.width,
        &line,
        th.get(Slot::Text),
    );
    if units.is_empty() || inner.height < 4 {
        return;
    }
    let charts = Rect::new(inner.x, inner.y + 2, inner.width, inner.height - 2);
    let halves = Layout::default()
        .direction(Direction::Horizontal)
        .constraints([Constraint::Percentage(50), Constraint::Percentage(50)])
        .split(charts);
    let label = |u: &str| Line::from(super::super::text::truncate(&clean(u), 12));
    let rate: Vec<Bar> = units
        .iter()
        .map(|s| {
            Bar::with_label(
                label(&s.unit),
                s.rate().map(|r| r.round() as u64).unwrap_or(0),
            )
            .text_value(s.rate_text())
        })
        .collect();
    let overdue: Vec<Bar> = units
        .iter()
        .map(|s| {
            Bar::with_label(label(&s.unit), s.overdue() as u64).text_value(s.overdue().to_string())
        })
        .collect();
    let most = units.iter().map(|s| s.overdue()).max().unwrap_or(0).max(1) as u64;
    let block = |t: T| {
        Block::default()
            .borders(Borders::TOP)
            .border_style(th.get(Slot::Border))
            .title(app.t(t).to_string())
            .title_style(th.get(Slot::Accent))
    };
    f.render_widget(
        BarChart::horizontal(rate)
            .block(block(T::StatsRate))
            .max(100)
            .bar_width(1)
            .bar_gap(0)
            .bar_style(th.get(Slot::Ok))
            .value_style(th.get(Slot::Text))
            .label_style(th.get(Slot::Text)),
        halves[0],
    );
    f.render_widget(
        BarChart::horizontal(overdue)
            .block(block(T::StatsOverdue))
            .max(most)
            .bar_width(1)
            .bar_gap(0)
            .bar_style(th.get(Slot::Overdue))
            .value_style(th.get(Slot::Text))
            .label_style(th.get(Slot::Text)),
        halves[1],
    );
}
