//! The caller view and the call record: who is on the phone, their unit,
//! the unit's open items (overdue first, each with its last change); one
//! key starts a 電話記錄 at once (time-stamped, a timer in the status line),
//! the same key ends it: the duration is saved and the record opens for
//! the gist of the call.

use std::time::{Duration, Instant};

use crate::core::Row;
use crate::model::{
    AffairData, AffairType, HistoryEntry, Item, ItemId, Kind, KindData, Person, Timestamp, Unit,
};
use crate::search::fold::digits;

use super::super::command::{self, Action};
use super::super::event::{Effect, Origin};
use super::super::i18n::T;
use super::super::key::Key;
use super::super::keymap::KeyMode;
use super::dispatch::OverKey;
use super::{App, DirRow, Focus, Form, Level, Mode, TabKind};

/// Who is calling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Who {
    /// A person of the directory.
    Person(Person),
    /// A unit (its main number).
    Unit(Unit),
}

impl Who {
    /// The name to show.
    pub fn name(&self) -> &str {
        match self {
            Who::Person(p) => &p.name,
            Who::Unit(u) => &u.name,
        }
    }

    /// The unit's key.
    pub fn unit_key(&self) -> &str {
        match self {
            Who::Person(p) => &p.unit,
            Who::Unit(u) => &u.key,
        }
    }

    /// Their entry's id in the directory list.
    pub fn dir_id(&self) -> u64 {
        match self {
            Who::Person(p) => p.id,
            Who::Unit(u) => super::directory::unit_id(&u.key),
        }
    }

    /// Their numbers.
    pub fn phones(&self) -> Vec<String> {
        match self {
            Who::Person(p) => p.phones.clone(),
            Who::Unit(u) => vec![u.phone.clone()],
        }
    }
}

/// The last write to an item, as the caller view shows it: the clerk on
/// the phone says "王科員 registered it yesterday and it waits for 批辦".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastChange {
    /// When.
    pub at: Timestamp,
    /// Who (their login).
    pub by: String,
    /// The write: `建立`, `修改`, a workflow verb (`登記`, `批辦` …).
    pub action: String,
    /// The note given with it, if any.
    pub note: String,
    /// The fields it changed (their names).
    pub fields: Vec<String>,
}

impl LastChange {
    /// The last change a history entry records.
    pub fn of(h: &HistoryEntry) -> LastChange {
        LastChange {
            at: h.at,
            by: h.by.clone(),
            action: h.action.clone(),
            note: h.note.clone(),
            fields: h.changes.iter().map(|c| c.field.clone()).collect(),
        }
    }
}

/// An open item of the caller view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallerRow {
    /// Its list row.
    pub row: Row,
    /// Its last change (none for an item without history).
    pub last: Option<LastChange>,
}

/// The caller view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    /// Who.
    pub who: Who,
    /// Their unit's full name (empty when unknown).
    pub unit: String,
    /// The digits typed in quick find, to pick the number they call from.
    pub digits: String,
    /// Open items concerning them, overdue first, with their last change.
    pub items: Vec<CallerRow>,
    /// The items have arrived.
    pub loaded: bool,
    /// The item under the cursor.
    pub selected: usize,
    /// The first item shown.
    pub offset: usize,
    /// The generation of the items' request.
    pub gen: u64,
}

/// A call being recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    /// The record, once created.
    pub id: Option<ItemId>,
    /// Its code, once created.
    pub code: String,
    /// Who is on the line.
    pub contact: String,
    /// When it started.
    pub since: Instant,
    /// The end was asked for.
    pub ending: bool,
}

impl Call {
    /// Seconds so far.
    pub fn secs(&self) -> u64 {
        self.since.elapsed().as_secs()
    }

    /// When the timer next changes.
    pub fn next_tick(&self) -> Instant {
        self.since + Duration::from_secs(self.secs() + 1)
    }
}

/// `m:ss`, or `h:mm:ss` past an hour.
pub fn clock(secs: u64) -> String {
    if secs >= 3600 {
        format!("{}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60)
    } else {
        format!("{}:{:02}", secs / 60, secs % 60)
    }
}

/// Rows of items the caller view shows on a terminal `h` rows high.
pub fn caller_rows_shown(h: u16) -> usize {
    // The body less its borders, four lines about the caller, the items'
    // heading and their column titles.
    (h as usize).saturating_sub(3 + 2 + 6).max(1)
}

impl App {
    /// Shows the caller view for `who` over the 通訊錄, with them selected.
    pub fn show_caller(&mut self, who: Who, query: &str) -> Vec<Effect> {
        self.leave_for_jump();
        let dir = App::dir_tab();
        let mut fx = self.goto_tab(dir);
        fx.extend(self.select_dir(who.dir_id()));
        let unit = match &who {
            Who::Person(p) => self
                .unit(&p.unit)
                .map(|u| u.name.clone())
                .unwrap_or_default(),
            Who::Unit(u) => u.name.clone(),
        };
        let person = match &who {
            Who::Person(p) => p.name.clone(),
            Who::Unit(_) => String::new(),
        };
        self.req_gen += 1;
        let gen = self.req_gen;
        fx.push(Effect::LoadCaller {
            unit: unit.clone(),
            person,
            gen,
        });
        self.caller = Some(Caller {
            who,
            unit,
            digits: digits(query),
            items: vec![],
            loaded: false,
            selected: 0,
            offset: 0,
            gen,
        });
        self.dirty = true;
        fx
    }

    /// The caller view's items arrived.
    pub fn caller_items(&mut self, gen: u64, rows: Vec<CallerRow>) {
        if let Some(c) = self.caller.as_mut().filter(|c| c.gen == gen) {
            c.items = rows;
            c.loaded = true;
            c.selected = c.selected.min(c.items.len().saturating_sub(1));
            self.dirty = true;
        }
    }

    /// A key while the caller view is open: the normal keymap's motions,
    /// `Enter` to the item, the call key, quick find; `Esc` closes.
    pub(super) fn caller_key(&mut self, key: Key) -> Vec<Effect> {
        let cmd = match self.over_key(key) {
            OverKey::Command(c) => c,
            OverKey::Esc => {
                self.caller = None;
                return vec![];
            }
            OverKey::Pending => return vec![],
        };
        let h = caller_rows_shown(self.size.1) as i64;
        let Some(c) = self.caller.as_mut() else {
            return vec![];
        };
        let n = c.items.len() as i64;
        let to = match command::parse(&cmd) {
            Ok(Action::Down) => c.selected as i64 + 1,
            Ok(Action::Up) => c.selected as i64 - 1,
            Ok(Action::HalfDown) => c.selected as i64 + h / 2,
            Ok(Action::HalfUp) => c.selected as i64 - h / 2,
            Ok(Action::Top) => 0,
            Ok(Action::Bottom) => n - 1,
            Ok(Action::Open) => {
                let Some(r) = c.items.get(c.selected).map(|c| c.row.clone()) else {
                    return vec![];
                };
                return self.show_item(r.kind, r.id);
            }
            Ok(Action::Back | Action::Quit) => {
                self.caller = None;
                return vec![];
            }
            Ok(Action::Tab(i)) => {
                self.caller = None;
                return self.goto_tab(i);
            }
            Ok(a @ (Action::Call | Action::QuickFind(_) | Action::Help | Action::Redraw)) => {
                return self.update(a, None)
            }
            _ => return vec![],
        };
        c.selected = to.clamp(0, (n - 1).max(0)) as usize;
        c.offset = super::lists::scrolled(c.selected, c.offset, h as usize);
        vec![]
    }

    /// The call key: ends the call under way, or starts one with the
    /// caller on screen (the caller view, or the 通訊錄's selection).
    pub fn call_key(&mut self) -> Vec<Effect> {
        if self.call.is_some() {
            return self.end_call();
        }
        let (who, typed) = match (&self.caller, self.tab_kind()) {
            (Some(c), _) => (c.who.clone(), c.digits.clone()),
            (None, TabKind::Directory) => match self.dir_selected() {
                Some(DirRow::Person(p)) => (Who::Person(p.clone()), String::new()),
                Some(DirRow::Unit(u)) => (Who::Unit(u.clone()), String::new()),
                None => return self.refuse(T::MsgCallWho),
            },
            _ => return self.refuse(T::MsgCallWho),
        };
        let unit = self
            .unit(who.unit_key())
            .map(|u| u.name.clone())
            .unwrap_or_default();
        let phones = who.phones();
        // The number they call from: the one the clerk typed digits of, else the first.
        let phone = phones
            .iter()
            .find(|p| !typed.is_empty() && digits(p).contains(&typed))
            .or(phones.first())
            .cloned()
            .unwrap_or_default();
        let contact = match &who {
            Who::Person(p) => p.name.clone(),
            Who::Unit(_) => String::new(),
        };
        let mut it = Item::new(Kind::Affair, format!("{unit}{contact}來電"), "", 0);
        it.unit = self.unit_name(&self.setup.user.unit);
        it.handler = self.setup.user.display.clone();
        it.data = KindData::Affair(AffairData {
            affair_type: AffairType::PhoneCall,
            assigned_by: String::new(),
            instruction: String::new(),
            contact: contact.clone(),
            contact_unit: unit,
            phone,
            started: None,
            duration_secs: 0,
            follow_up: String::new(),
            result: String::new(),
        });
        self.call = Some(Call {
            id: None,
            code: String::new(),
            contact: if contact.is_empty() {
                who.name().to_string()
            } else {
                contact
            },
            since: Instant::now(),
            ending: false,
        });
        let m = self.t(T::MsgCallStarting).to_string();
        self.say(Level::Info, m);
        vec![Effect::StartCall { item: Box::new(it) }]
    }

    fn end_call(&mut self) -> Vec<Effect> {
        let Some(c) = self.call.as_mut() else {
            return vec![];
        };
        let Some(id) = c.id else {
            return self.refuse(T::MsgCallStarting);
        };
        if c.ending {
            return vec![];
        }
        c.ending = true;
        let secs = c.secs().max(1);
        vec![Effect::EndCall { id, secs }]
    }

    /// The record was created: the timer runs on, the clerk is told.
    pub(super) fn call_started(&mut self, it: &Item) {
        let key = self
            .setup
            .keymap
            .key_for(KeyMode::Normal, "call")
            .unwrap_or_else(|| ":call".into());
        if let Some(c) = self.call.as_mut() {
            c.id = Some(it.id);
            c.code = it.code.clone();
        }
        let m = self.tf(T::MsgCallStarted, &[&it.code, &key]);
        self.say(Level::Info, m);
    }

    /// The duration was saved: the record opens at its 內容 for the gist.
    pub(super) fn call_ended(&mut self, it: &Item) -> Vec<Effect> {
        let secs = match &it.data {
            KindData::Affair(d) => d.duration_secs as u64,
            _ => 0,
        };
        self.call = None;
        self.caller = None;
        self.find = None;
        self.line = None;
        self.mode = Mode::Normal;
        self.focus = Focus::List;
        let mut f = Form::edit(it);
        if let Some(i) = f.fields.iter().position(|x| x.name == "body") {
            f.focus = i;
        }
        self.form = Some(f);
        self.mode = Mode::Insert;
        let m = self.tf(T::MsgCallEnded, &[&it.code, &clock(secs)]);
        self.say(Level::Info, m);
        vec![]
    }

    /// A call write failed: a failed start forgets the call, a failed end
    /// can be tried again.
    pub(super) fn call_failed(&mut self, origin: &Origin) {
        match origin {
            Origin::CallStart => self.call = None,
            Origin::CallEnd => {
                if let Some(c) = self.call.as_mut() {
                    c.ending = false;
                }
            }
            _ => {}
        }
    }
}
