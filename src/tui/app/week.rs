//! The 辦會 tab's week view: each day of a week with its meetings (time,
//! room, title, chair), or the leaders' schedule (領導日程: per leader, per
//! day, their meetings) — the same data as `shuniu meetings --week
//! [--leaders]` (`model::meetings::week_meetings`, `by_person`). One key
//! toggles list ↔ week; others go a week back, forward, to this week, and
//! open the meeting under the cursor. Drawn over the body like the
//! dashboard; `Esc` leaves the tab as it was.

use chrono::{Duration, NaiveDate};

use crate::model::meetings::{by_person, week_meetings, week_of};
use crate::model::{Item, Kind};

use super::super::command::{self, Action};
use super::super::event::Effect;
use super::super::key::Key;
use super::dispatch::OverKey;
use super::{App, TabKind};

/// The open week view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeekView {
    /// The Monday of the week shown.
    pub monday: NaiveDate,
    /// The leaders' schedule instead of the days.
    pub leaders: bool,
    /// The meeting line under the cursor (an index among meeting lines).
    pub selected: usize,
}

/// One line of the week view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WeekLine<'a> {
    /// A day's heading.
    Day(NaiveDate),
    /// A leader's heading (the leaders' schedule).
    Person(&'a str),
    /// A meeting; with its day in front (the leaders' schedule).
    Meeting(&'a Item, Option<NaiveDate>),
    /// A day without meetings, or a week without a leader's meeting.
    Nothing,
}

impl App {
    /// The week view's lines, as drawn.
    pub fn week_lines(&self) -> Vec<WeekLine<'_>> {
        let Some(w) = &self.week else {
            return vec![];
        };
        let all = self.meetings.items.as_deref().unwrap_or_default();
        let ms = week_meetings(all, w.monday);
        let day_of = |it: &Item| match &it.data {
            crate::model::KindData::Meeting(d) => d.start.map(|s| s.date()),
            _ => None,
        };
        let mut out = vec![];
        if w.leaders {
            let who = by_person(&ms, true, &self.people);
            if who.is_empty() {
                out.push(WeekLine::Nothing);
            }
            for (p, items) in who {
                // The name borrowed from the meeting that lists it.
                let Some(name) = items.first().and_then(|it| person_in(it, &p)) else {
                    continue;
                };
                out.push(WeekLine::Person(name));
                for it in items {
                    out.push(WeekLine::Meeting(it, day_of(it)));
                }
            }
            return out;
        }
        for d in (0..7).map(|i| w.monday + Duration::days(i)) {
            out.push(WeekLine::Day(d));
            let today: Vec<&Item> = ms
                .iter()
                .copied()
                .filter(|it| day_of(it) == Some(d))
                .collect();
            if today.is_empty() {
                out.push(WeekLine::Nothing);
            }
            out.extend(today.into_iter().map(|it| WeekLine::Meeting(it, None)));
        }
        out
    }

    /// The meetings of the week view, in line order (the cursor's range).
    pub fn week_items(&self) -> Vec<&Item> {
        self.week_lines()
            .into_iter()
            .filter_map(|l| match l {
                WeekLine::Meeting(it, _) => Some(it),
                _ => None,
            })
            .collect()
    }

    /// `w`: the week view opens on this week (on the 辦會 tab), or closes.
    pub(super) fn toggle_week(&mut self, leaders: bool) -> Vec<Effect> {
        if self.week.is_some() {
            self.week = None;
            return vec![];
        }
        let mut fx = vec![];
        if self.tab_kind() != TabKind::Meetings {
            fx.extend(self.goto_tab(TabKind::of(Kind::Meeting)));
        }
        self.week = Some(WeekView {
            monday: week_of(self.setup.today).0,
            leaders,
            selected: 0,
        });
        fx.extend(self.load_meetings());
        fx
    }

    /// Keeps the cursor on a meeting line after the lines changed.
    pub(super) fn week_clamp(&mut self) {
        let n = self.week_items().len();
        if let Some(w) = self.week.as_mut() {
            w.selected = w.selected.min(n.saturating_sub(1));
        }
    }

    fn week_go(&mut self, monday: NaiveDate) -> Vec<Effect> {
        if let Some(w) = self.week.as_mut() {
            w.monday = monday;
            w.selected = 0;
        }
        vec![]
    }

    /// A week-view action: move a week, switch the leaders' schedule.
    pub(super) fn week_action(&mut self, a: Action) -> Vec<Effect> {
        let Some(w) = self.week.clone() else {
            return match a {
                Action::Leaders => self.toggle_week(true),
                _ => {
                    let key = self
                        .setup
                        .keymap
                        .key_for(super::super::keymap::KeyMode::Normal, "week")
                        .unwrap_or_else(|| ":week".into());
                    let m = self.tf(super::super::i18n::T::MsgWeekOnly, &[&key]);
                    self.say(super::Level::Error, m);
                    vec![]
                }
            };
        };
        match a {
            Action::WeekPrev => self.week_go(w.monday - Duration::days(7)),
            Action::WeekNext => self.week_go(w.monday + Duration::days(7)),
            Action::WeekThis => self.week_go(week_of(self.setup.today).0),
            Action::Leaders => {
                if let Some(v) = self.week.as_mut() {
                    v.leaders = !v.leaders;
                    v.selected = 0;
                }
                vec![]
            }
            _ => vec![],
        }
    }

    fn week_move(&mut self, by: i64) -> Vec<Effect> {
        let n = self.week_items().len() as i64;
        if let Some(w) = self.week.as_mut() {
            w.selected = (w.selected as i64 + by).clamp(0, (n - 1).max(0)) as usize;
        }
        vec![]
    }

    /// A key while the week view is open.
    pub(super) fn week_key(&mut self, key: Key) -> Vec<Effect> {
        let cmd = match self.over_key(key) {
            OverKey::Command(c) => c,
            OverKey::Esc => {
                self.week = None;
                return vec![];
            }
            OverKey::Pending => return vec![],
        };
        let half = (self.list_height() / 2).max(1) as i64;
        match command::parse(&cmd) {
            Ok(Action::Back | Action::Quit | Action::Week) => {
                self.week = None;
                vec![]
            }
            Ok(Action::Tab(i)) => {
                self.week = None;
                self.goto_tab(i)
            }
            Ok(a @ (Action::WeekPrev | Action::WeekNext | Action::WeekThis | Action::Leaders)) => {
                self.week_action(a)
            }
            Ok(Action::Down) => self.week_move(1),
            Ok(Action::Up) => self.week_move(-1),
            Ok(Action::HalfDown) => self.week_move(half),
            Ok(Action::HalfUp) => self.week_move(-half),
            Ok(Action::Top) => self.week_move(i64::MIN / 2),
            Ok(Action::Bottom) => self.week_move(i64::MAX / 2),
            Ok(Action::Open) => {
                let sel = self.week.as_ref().map(|w| w.selected).unwrap_or(0);
                let Some(id) = self.week_items().get(sel).map(|it| it.id) else {
                    return vec![];
                };
                self.week = None;
                let mut fx = self.jump(TabKind::of(Kind::Meeting), id);
                self.focus = super::Focus::Detail;
                fx.extend(self.load_detail());
                fx
            }
            Ok(Action::Reload) => {
                self.meetings.pending = false;
                self.load_meetings()
            }
            Ok(
                a @ (Action::Help
                | Action::Redraw
                | Action::CommandLine
                | Action::QuickFind(_)
                | Action::Dashboard),
            ) => {
                if a == Action::Dashboard {
                    self.week = None;
                }
                self.update(a, None)
            }
            _ => vec![],
        }
    }
}

/// `name` as the meeting `it` lists it (its chair or an attendee).
fn person_in<'a>(it: &'a Item, name: &str) -> Option<&'a str> {
    let crate::model::KindData::Meeting(d) = &it.data else {
        return None;
    };
    std::iter::once(&d.chair)
        .chain(&d.attendees)
        .map(|p| p.trim())
        .find(|p| *p == name)
}
