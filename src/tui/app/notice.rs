//! From a meeting's detail: its 會議通知 (`model::meetings::notice_text`)
//! in an overlay, written to a new file or saved on the meeting — which,
//! for a meeting still 籌備, is also its 發通知 — and 簽到 picked from the
//! invited (only while 已通知 or 已召開, only invited names: the rule core
//! enforces with `signin_ok`, checked here first to say it plainly).

use crate::model::meetings::{notice_text, people, uninvited, SIGNIN_STATUSES};
use crate::model::{ItemId, Kind, KindData, Status};

use super::super::command::{self, Action};
use super::super::event::{Effect, StepWrite};
use super::super::i18n::T;
use super::super::key::{Code, Key};
use super::super::keymap::{KeyMode, Lookup};
use super::{App, Level, LineFor, Overlay, Pick};

/// Who issues a 會議通知 (as `shuniu meeting notice` does by default).
pub const ISSUER: &str = "市政府辦公室";

/// A meeting's 會議通知, as the overlay shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeView {
    /// The meeting.
    pub id: ItemId,
    /// The version it was read at.
    pub version: u64,
    /// Its code.
    pub code: String,
    /// Its status (a 籌備 meeting is sent, 發通知, when saved).
    pub status: Status,
    /// The text (raw: the view cleans each line).
    pub text: String,
    /// Lines scrolled.
    pub scroll: usize,
}

impl NoticeView {
    /// The file it is written to by default, in the current directory.
    pub fn default_file(&self) -> String {
        format!("會議通知-{}.txt", self.code)
    }
}

impl App {
    /// The selected meeting, read (`Err`: what to do instead — wait for the
    /// detail, or say it is no meeting).
    fn meeting_now(&mut self) -> Result<crate::model::Item, Vec<Effect>> {
        let Some(row) = self.selected_row().cloned() else {
            return Err(self.no_item());
        };
        if row.kind != Kind::Meeting {
            let m = self.tf(T::MsgNotMeeting, &[&row.code]);
            self.say(Level::Error, m);
            return Err(vec![]);
        }
        match self.item_now() {
            Some(it) => Ok(it.clone()),
            None => {
                let m = self.t(T::Loading).to_string();
                self.say(Level::Info, m);
                Err(self.load_detail())
            }
        }
    }

    fn notice_view(&mut self) -> Result<NoticeView, Vec<Effect>> {
        if let Some(Overlay::Notice(v)) = &self.overlay {
            return Ok((**v).clone());
        }
        let it = self.meeting_now()?;
        Ok(NoticeView {
            id: it.id,
            version: it.version,
            code: it.code.clone(),
            status: it.status,
            text: notice_text(&it, ISSUER, self.setup.today),
            scroll: 0,
        })
    }

    /// The 會議通知 actions: show, write to a file, save (and send).
    pub(super) fn notice_action(&mut self, a: Action) -> Vec<Effect> {
        let v = match self.notice_view() {
            Ok(v) => v,
            Err(fx) => return fx,
        };
        match a {
            Action::NoticeWrite(Some(file)) => {
                self.overlay = None;
                vec![Effect::WriteNotice { file, text: v.text }]
            }
            Action::NoticeWrite(None) => {
                self.overlay = None;
                let file = v.default_file();
                self.open_line(LineFor::NoticePath(Box::new(v)), &file);
                vec![]
            }
            Action::NoticeSend if matches!(self.overlay, Some(Overlay::Notice(_))) => {
                self.overlay = None;
                let mut writes = vec![StepWrite::Set(vec![("notice".into(), v.text)])];
                let label = if v.status == Status::Planning {
                    writes.push(StepWrite::Move(Status::Notified, String::new()));
                    self.t(T::LabelNoticeSent)
                } else {
                    self.t(T::LabelNotice)
                };
                vec![Effect::Step {
                    id: v.id,
                    version: v.version,
                    writes,
                    label: label.to_string(),
                }]
            }
            // Sent only from the overlay, where the text is in front of the clerk.
            _ => {
                self.overlay = Some(Overlay::Notice(Box::new(v)));
                vec![]
            }
        }
    }

    /// The file typed for the 會議通知 (empty: the default name).
    pub(super) fn notice_file(&mut self, v: NoticeView, file: String) -> Vec<Effect> {
        let file = if file.is_empty() {
            v.default_file()
        } else {
            file
        };
        vec![Effect::WriteNotice { file, text: v.text }]
    }

    /// A key over the 會議通知: scroll, write, send, or close.
    pub(super) fn notice_key(&mut self, mut v: NoticeView, key: Key) -> Vec<Effect> {
        if key.code == Code::Esc {
            self.overlay = None;
            return vec![];
        }
        let a = match self.setup.keymap.lookup(KeyMode::Normal, &[key]) {
            Lookup::Matched(c) => command::parse(&c).ok(),
            _ => None,
        };
        let half = (self.list_height() / 2).max(1);
        match a {
            Some(Action::Down) => v.scroll += 1,
            Some(Action::Up) => v.scroll = v.scroll.saturating_sub(1),
            Some(Action::HalfDown) => v.scroll += half,
            Some(Action::HalfUp) => v.scroll = v.scroll.saturating_sub(half),
            Some(Action::Top) => v.scroll = 0,
            Some(a @ (Action::NoticeWrite(_) | Action::NoticeSend)) => {
                return self.notice_action(a)
            }
            Some(Action::Back | Action::Quit | Action::Notice) => {
                self.overlay = None;
                return vec![];
            }
            Some(a @ (Action::Help | Action::Redraw)) => return self.update(a, None),
            _ => {}
        }
        let lines = v.text.lines().count();
        v.scroll = v.scroll.min(lines.saturating_sub(1));
        self.overlay = Some(Overlay::Notice(Box::new(v)));
        vec![]
    }

    /// 簽到: `None` opens the menu of the invited not yet signed in; names
    /// typed are checked against the invited first.
    pub(super) fn sign_in(&mut self, names: Option<String>) -> Vec<Effect> {
        let it = match self.meeting_now() {
            Ok(it) => it,
            Err(fx) => return fx,
        };
        let KindData::Meeting(d) = &it.data else {
            return vec![];
        };
        if !SIGNIN_STATUSES.contains(&it.status) {
            let l = self.lang();
            let st = l.label(it.status.label(), it.status.english());
            let m = self.tf(T::MsgSignInStatus, &[&it.code, &st]);
            self.say(Level::Error, m);
            return vec![];
        }
        let Some(text) = names else {
            let left: Vec<String> = people(d)
                .into_iter()
                .filter(|p| !d.signed_in.iter().any(|s| s.trim() == *p))
                .map(String::from)
                .collect();
            if left.is_empty() {
                let m = self.tf(T::MsgAllSignedIn, &[&it.code]);
                self.say(Level::Info, m);
                return vec![];
            }
            let title = self.tf(T::MenuSignIn, &[&it.code]);
            let entries = left
                .into_iter()
                .map(|n| (super::super::text::clean(&n), None, Pick::SignIn(n)))
                .collect();
            self.menu(vec![it.id], title, entries, None);
            return vec![];
        };
        let names: Vec<String> = text
            .split(|c: char| c.is_whitespace() || matches!(c, '、' | ',' | '，'))
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty())
            .collect();
        if names.is_empty() {
            return self.sign_in(None);
        }
        let unknown = uninvited(d, &names);
        if !unknown.is_empty() {
            let m = self.tf(
                T::MsgNotInvited,
                &[&it.code, &super::super::text::clean(&unknown.join("、"))],
            );
            self.say(Level::Error, m);
            return vec![];
        }
        let mut signed = d.signed_in.clone();
        for n in &names {
            if !signed.contains(n) {
                signed.push(n.clone());
            }
        }
        let label = self.tf(T::LabelSignIn, &[&names.join("、")]);
        vec![Effect::Step {
            id: it.id,
            version: it.version,
            writes: vec![StepWrite::Set(vec![(
                "signed_in".into(),
                signed.join("、"),
            )])],
            label: super::super::text::clean(&label),
        }]
    }
}
