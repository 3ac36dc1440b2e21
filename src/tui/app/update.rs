//! `update`: one action changes the state and returns the effects the
//! runtime must carry out. Pure: no I/O, so every action is unit-testable.

use super::super::command::Action;
use super::super::event::Repeatable;
use super::super::i18n::T;
use super::super::theme::Theme;
use super::{App, Effect, Focus, Level, LineFor, Mode, Overlay, TabKind, TABS};
use crate::model::{workflow, Kind, Status, Urgency};

impl App {
    /// Carries out one action, `count` times where that means something.
    pub fn update(&mut self, a: Action, count: Option<u32>) -> Vec<Effect> {
        self.dirty = true;
        let n = count.unwrap_or(1).max(1) as i64;
        let half = (self.list_height() / 2).max(1) as i64;
        match a {
            Action::Down => self.move_by(n),
            Action::Up => self.move_by(-n),
            Action::HalfDown => self.move_by(n * half),
            Action::HalfUp => self.move_by(-n * half),
            Action::Top | Action::Bottom if self.focus == Focus::Detail => {
                self.detail_scroll = if a == Action::Top { 0 } else { usize::MAX / 2 };
                vec![]
            }
            Action::Top => self.select_index(count.map(|c| c as usize - 1).unwrap_or(0)),
            Action::Bottom => {
                let last = self.cur().len().saturating_sub(1);
                self.select_index(count.map(|c| c as usize - 1).unwrap_or(last))
            }
            Action::Open => {
                if self.cur().is_empty() {
                    return vec![];
                }
                self.focus = Focus::Detail;
                self.detail_scroll = 0;
                self.load_detail()
            }
            Action::Back => self.back(),
            Action::Tab(i) => self.goto_tab(i),
            Action::NextTab => match count {
                Some(c) => self.goto_tab(c as usize - 1),
                None => self.goto_tab((self.tab + 1) % TABS.len()),
            },
            Action::PrevTab => {
                let k = (n as usize) % TABS.len();
                self.goto_tab((self.tab + TABS.len() - k) % TABS.len())
            }
            Action::Search(None) => {
                let f = self.cur().filter.clone();
                self.open_line(LineFor::Search, &f);
                vec![]
            }
            Action::Search(Some(q)) => self.set_filter(self.tab, q, false),
            Action::SearchNext | Action::SearchPrev => {
                let len = self.cur().len() as i64;
                if len == 0 {
                    return vec![];
                }
                let d = if a == Action::SearchNext { n } else { -n };
                let i = (self.cur().selected as i64 + d).rem_euclid(len);
                self.select_index(i as usize)
            }
            Action::CommandLine => {
                self.open_line(LineFor::Command, "");
                vec![]
            }
            Action::Help => {
                self.overlay = Some(Overlay::Help { scroll: 0 });
                vec![]
            }
            Action::Quit => {
                self.quit = true;
                vec![]
            }
            Action::Redraw => {
                self.clear = true;
                vec![]
            }
            Action::Reload => {
                let mut fx = self.load_tab(self.tab);
                fx.push(Effect::LoadCounts);
                fx.push(Effect::LoadDirectory);
                self.detail = None;
                fx.extend(self.load_detail());
                let m = self.t(T::MsgReloaded).to_string();
                self.say(Level::Info, m);
                fx
            }
            Action::Visual => {
                self.mode = match self.mode {
                    Mode::Visual { .. } => Mode::Normal,
                    _ => Mode::Visual {
                        anchor: self.cur().selected,
                    },
                };
                vec![]
            }
            Action::ToggleOpen => {
                let t = self.cur_mut();
                t.open_only = !t.open_only;
                let m = if t.open_only {
                    T::MsgOpenOnly
                } else {
                    T::MsgShowAll
                };
                let m = self.t(m).to_string();
                self.say(Level::Info, m);
                self.load_tab(self.tab)
            }
            Action::Route(k) => self.route(k),
            Action::Urgency(u) => {
                let ids = self.targets();
                let Some(first) = ids.first().and_then(|id| self.row(*id)) else {
                    return self.no_item();
                };
                let u = u.unwrap_or(match first.urgency {
                    Urgency::Normal => Urgency::Urgent,
                    Urgency::Urgent => Urgency::Immediate,
                    Urgency::Immediate => Urgency::Normal,
                });
                self.change(
                    ids,
                    Repeatable::Set(vec![("urgency".into(), u.label().into())]),
                )
            }
            Action::Assign(None) => self.prompt(LineFor::Assign),
            Action::Assign(Some(p)) => {
                let ids = self.targets();
                self.change(ids, Repeatable::Set(vec![("handler".into(), p)]))
            }
            Action::Due(None) => self.prompt(LineFor::Due),
            Action::Due(Some(d)) => {
                let ids = self.targets();
                self.change(ids, Repeatable::Set(vec![("deadline".into(), d)]))
            }
            Action::Close(reason) => {
                let ids = self.targets();
                if ids.is_empty() {
                    return self.no_item();
                }
                if ids
                    .iter()
                    .any(|id| self.row(*id).is_none_or(|r| r.kind != Kind::Inbox))
                {
                    return self.refuse(T::MsgNotHere);
                }
                match reason {
                    None => self.prompt(LineFor::Close),
                    Some(r) => self.change(ids, Repeatable::Move(Status::Closed, r)),
                }
            }
            Action::Moves => self.moves_menu(),
            Action::Stats => self.open_stats(),
            Action::Move(arg) => self.move_to(&arg),
            Action::Set(f, v) => {
                let ids = self.targets();
                self.change(ids, Repeatable::Set(vec![(f, v)]))
            }
            Action::Note(None) => self.prompt(LineFor::Note),
            Action::Note(Some(t)) => {
                let ids = self.targets();
                self.change(ids, Repeatable::Note(t))
            }
            Action::Undo => match self.undo.pop() {
                None => self.refuse(T::MsgNothingToUndo),
                Some(e) => vec![Effect::Undo(e)],
            },
            Action::Reapply => self.reapply(),
            Action::Repeat => match self.last_change.clone() {
                None => self.refuse(T::MsgNothingToRepeat),
                Some(rep) => {
                    let ids = self.targets();
                    self.change(ids, rep)
                }
            },
            Action::New(Some(k)) => self.open_new(k),
            Action::New(None) => match self.tab_kind() {
                TabKind::Docs => {
                    self.overlay = Some(Overlay::ChooseKind);
                    vec![]
                }
                TabKind::Directory => {
                    self.overlay = Some(Overlay::ChooseDirectory);
                    vec![]
                }
                t => self.open_new(t.kinds()[0]),
            },
            Action::Edit if self.tab_kind() == TabKind::Directory => self.edit_dir(),
            Action::Edit => self.open_edit(),
            Action::QuickFind(text) => self.open_find(text.as_deref().unwrap_or("")),
            Action::Call => self.call_key(),
            Action::Import(file) => self.import_directory(file),
            Action::Export(people, file) => self.export_directory(people, file),
            Action::Dashboard => self.toggle_dashboard(),
            Action::Queue => self.open_queue(),
            Action::Circulation(over) => self.open_circulation(over),
            Action::Week => self.toggle_week(false),
            Action::WeekPrev | Action::WeekNext | Action::WeekThis | Action::Leaders => {
                self.week_action(a)
            }
            Action::Notice | Action::NoticeWrite(_) | Action::NoticeSend => self.notice_action(a),
            Action::SignIn(names) => self.sign_in(names),
            Action::Follow => self.follow_link(n as usize),
            Action::JumpBack => match self.jumps.pop() {
                Some((tab, id)) => self.jump(tab, id),
                None => vec![],
            },
            Action::Demo => {
                let m = self.t(T::MsgDemoLoading).to_string();
                self.say(Level::Info, m);
                vec![Effect::LoadDemo]
            }
            Action::Theme(name) => {
                let (t, w) = Theme::load(&name, self.setup.depth);
                self.setup.theme = t;
                if let Some(w) = w.first() {
                    let m = super::super::i18n::theme_warning(self.lang(), w);
                    self.say(Level::Error, m);
                }
                self.clear = true;
                vec![]
            }
            Action::Lang(l) => {
                self.setup.lang = l;
                vec![]
            }
            Action::FormNext
            | Action::FormPrev
            | Action::FormSave
            | Action::FormCancel
            | Action::FormEditor => self.form_action(a),
            Action::Accept
            | Action::Complete
            | Action::DelWord
            | Action::DelStart
            | Action::Left
            | Action::Right
            | Action::Home
            | Action::End
            | Action::Backspace
            | Action::Delete
            | Action::HistoryPrev => vec![],
        }
    }

    fn back(&mut self) -> Vec<Effect> {
        if matches!(self.mode, Mode::Visual { .. }) {
            self.mode = Mode::Normal;
        } else if self.focus == Focus::Detail {
            self.focus = Focus::List;
        } else if !self.cur().filter.is_empty() {
            return self.clear_filter(self.tab);
        } else {
            self.message = None;
        }
        vec![]
    }

    pub(super) fn refuse(&mut self, t: T) -> Vec<Effect> {
        let m = self.t(t).to_string();
        self.say(Level::Error, m);
        vec![]
    }

    pub(super) fn no_item(&mut self) -> Vec<Effect> {
        self.refuse(T::MsgNoItem)
    }

    fn prompt(&mut self, f: impl FnOnce(Vec<u64>) -> LineFor) -> Vec<Effect> {
        let ids = self.targets();
        if ids.is_empty() || self.tab_kind() == TabKind::Directory {
            return self.no_item();
        }
        self.open_line(f(ids), "");
        vec![]
    }

    fn move_to(&mut self, arg: &str) -> Vec<Effect> {
        let ids = self.targets();
        let Some(r) = ids.first().and_then(|id| self.row(*id)) else {
            return self.no_item();
        };
        let (word, note) = arg.split_once(char::is_whitespace).unwrap_or((arg, ""));
        let t = workflow::moves_from(r.kind, r.status)
            .find(|t| t.action == word || Status::parse(word).is_ok_and(|s| s == t.to));
        match t {
            Some(t) if note.trim().is_empty() => self.pick_move(ids, *t),
            Some(t) => self.change(ids, Repeatable::Move(t.to, note.trim().to_string())),
            None => {
                let allowed: Vec<&str> = workflow::moves_from(r.kind, r.status)
                    .map(|t| t.action)
                    .collect();
                let m = self.tf(T::MsgBadArgument, &[word, &allowed.join(" ")]);
                self.say(Level::Error, m);
                vec![]
            }
        }
    }
}
