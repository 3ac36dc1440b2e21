//! 辦會 in the workbench: the meetings it knows (asked of the service when
//! a meeting form or the week view opens, kept up to date by the pushes),
//! and the clashes a meeting form shows while the clerk types — the room,
//! the chair or an attendee already booked, the room too small — computed
//! by `model::meetings::new_clashes` as the CLI does. A save with clashes
//! is refused with the list unless the clerk confirms "save anyway".

use crate::model::meetings::{new_clashes, Clash};
use crate::model::{DateCtx, Item, Kind};

use super::super::event::Effect;
use super::super::i18n::T;
use super::{App, Level, Overlay};

/// The meetings the workbench has from the service.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MeetingCache {
    /// Every meeting the user may see (`None`: not asked for yet).
    pub items: Option<Vec<Item>>,
    /// The generation of the newest request.
    pub gen: u64,
    /// A request is out.
    pub pending: bool,
}

impl App {
    /// Asks the worker for every meeting (once at a time).
    pub(super) fn load_meetings(&mut self) -> Vec<Effect> {
        if self.meetings.pending {
            return vec![];
        }
        self.req_gen += 1;
        self.meetings.gen = self.req_gen;
        self.meetings.pending = true;
        vec![Effect::LoadMeetings {
            gen: self.meetings.gen,
        }]
    }

    /// The worker's answer: the meetings, or why not (said).
    pub(super) fn meetings_loaded(
        &mut self,
        gen: u64,
        items: Result<Vec<Item>, Box<crate::core::ServiceError>>,
    ) -> Vec<Effect> {
        if gen != self.meetings.gen {
            return vec![];
        }
        self.meetings.pending = false;
        match items {
            Ok(v) => self.meetings.items = Some(v),
            Err(e) => {
                let m = self.error_text(&e);
                self.say(Level::Error, m);
            }
        }
        self.check_clashes();
        self.week_clamp();
        vec![]
    }

    /// A meeting was written (by anyone): the cache follows it.
    pub(super) fn meeting_put(&mut self, it: &Item) {
        if it.kind != Kind::Meeting {
            return;
        }
        if let Some(v) = self.meetings.items.as_mut() {
            match v.iter_mut().find(|m| m.id == it.id) {
                Some(m) if m.version <= it.version => *m = it.clone(),
                Some(_) => {}
                None => v.push(it.clone()),
            }
        }
        self.check_clashes();
        self.week_clamp();
    }

    /// The meeting as the open form would save it, and as it was before
    /// (an edit), for the clash check.
    fn form_meeting(&self) -> Option<(Option<Item>, Item)> {
        let f = self.form.as_ref()?;
        if f.kind != Kind::Meeting || f.dir.is_some() {
            return None;
        }
        let all = self.meetings.items.as_ref()?;
        let ctx = DateCtx {
            today: self.setup.today,
            cal: &self.setup.calendar,
        };
        let before = f.id.and_then(|id| {
            all.iter().find(|i| i.id == id).cloned().or_else(|| {
                self.detail
                    .as_ref()
                    .filter(|d| d.item.id == id)
                    .map(|d| d.item.clone())
            })
        });
        let mut after = match &before {
            Some(b) => b.clone(),
            None => {
                let mut it = Item::new(Kind::Meeting, "", "", 0);
                it.id = f.id.unwrap_or(0);
                it
            }
        };
        let values: Vec<(String, String)> = if f.id.is_some() && before.is_none() {
            f.fields
                .iter()
                .map(|x| (x.name.to_string(), x.input.text.clone()))
                .collect()
        } else {
            f.values()
        };
        for (k, v) in values {
            // A value the model refuses is said at its field on save.
            let _ = after.set(&k, &v, &ctx);
        }
        Some((before, after))
    }

    /// Works out the open meeting form's clashes again.
    pub(super) fn check_clashes(&mut self) {
        let found: Option<Vec<Clash>> = self.form_meeting().map(|(before, after)| {
            let all = self.meetings.items.as_deref().unwrap_or_default();
            new_clashes(before.as_ref(), &after, all, &self.setup.rooms)
        });
        if let Some(f) = self.form.as_mut() {
            f.clashes = found;
        }
    }

    /// Before a meeting form is saved: `None` to go ahead; else what to do
    /// instead — wait for the meetings, or ask "save anyway" over the list.
    pub(super) fn clash_gate(&mut self) -> Option<Vec<Effect>> {
        let f = self.form.as_ref()?;
        if f.kind != Kind::Meeting || f.dir.is_some() {
            return None;
        }
        if self.meetings.items.is_none() {
            let m = self.t(T::MsgClashesLoading).to_string();
            self.say(Level::Error, m);
            return Some(self.load_meetings());
        }
        let n = f.clashes.as_ref().map(Vec::len).unwrap_or(0);
        if n == 0 {
            return None;
        }
        let yes = vec![Effect::SaveForm {
            kind: f.kind,
            id: f.id.map(|id| (id, f.version)),
            fields: f.values(),
        }];
        let text = self.tf(T::ConfirmClashes, &[&n.to_string()]);
        self.say(Level::Error, text.clone());
        self.overlay = Some(Overlay::Confirm {
            text,
            yes,
            discard_form: false,
        });
        Some(vec![])
    }

    /// A clash in the clerk's language (names and titles still raw: the
    /// view cleans them).
    pub fn clash_text(&self, c: &Clash) -> String {
        match c {
            Clash::TooSmall {
                room,
                capacity,
                people,
            } => self.tf(
                T::ClashTooSmall,
                &[room, &capacity.to_string(), &people.to_string()],
            ),
            Clash::NotListed { room, rooms } => {
                self.tf(T::ClashNotListed, &[room, &rooms.join("、")])
            }
            Clash::RoomBooked {
                room,
                when,
                code,
                title,
            } => self.tf(T::ClashRoomBooked, &[room, when, code, title]),
            Clash::Busy {
                person,
                when,
                code,
                title,
            } => self.tf(T::ClashBusy, &[person, when, code, title]),
        }
    }
}
