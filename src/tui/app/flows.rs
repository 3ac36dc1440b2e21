//! Working an item through its workflow: `m` opens what the user may do on
//! it now (`model::offers`), one key each; a step that needs input asks for
//! it — a menu for a choice (which gate, pass or return, which unit, which
//! kind), the line for text (a comment, a unit, a deadline, a title) — and
//! then goes to the worker as one `Effect::Step`. Plain moves go through
//! `change` like every other change, so `.`, `u` and selections work.

use super::super::event::{Repeatable, StepWrite};
use super::super::i18n::T;
use super::super::key::{Code, Key};
use super::super::keymap::KeyMode;
use super::{App, Choice, Effect, Level, LineFor, Menu, Overlay, Pick, StepForm, TabKind};
use crate::core::ServiceError;
use crate::model::effects::Actor;
use crate::model::offers::{offers, Input, NoteKind, Offer, Step};
use crate::model::{
    fields, fields_ext, supervision, Act, DateCtx, Gate, Item, ItemId, Kind, KindData,
    ReminderReason,
};

/// The keys of a menu's choices, in order.
pub const MENU_KEYS: &str = "123456789abcdefhlnoprstuvwxyz";

fn keyed(entries: Vec<(String, Option<String>, Pick)>) -> Vec<Choice> {
    entries
        .into_iter()
        .zip(MENU_KEYS.chars())
        .map(|((text, why_not, pick), key)| Choice {
            key,
            text,
            why_not,
            pick,
        })
        .collect()
}

impl App {
    /// The item `m` and `?` speak of: the detail of the selected row.
    pub fn item_now(&self) -> Option<&Item> {
        let r = self.selected_row()?;
        self.detail
            .as_ref()
            .map(|d| &d.item)
            .filter(|i| i.id == r.id)
    }

    /// What the user may do on the selected item now, as the model offers it.
    pub fn offers_now(&self) -> Option<(&Item, Vec<Offer>)> {
        let it = self.item_now()?;
        let s = &self.setup;
        let who = Actor {
            user: &s.user,
            now: chrono::Utc::now().timestamp(),
            dates: DateCtx {
                today: s.today,
                cal: &s.calendar,
            },
        };
        Some((it, offers(it, &who)))
    }

    /// How an offer reads in a menu: `登記 → 登記`, `審核四關`.
    pub fn offer_text(&self, o: &Offer) -> String {
        let l = self.lang();
        let verb = l.label(o.action, o.english);
        match o.to {
            Some(to) if o.step != Step::Route => {
                format!("{verb} → {}", l.label(to.label(), to.english()))
            }
            _ => verb,
        }
    }

    /// `m`: the menu of what may be done on the item now. Over a selection,
    /// only the plain moves (they apply to every item selected).
    pub(super) fn moves_menu(&mut self) -> Vec<Effect> {
        let ids = self.targets();
        let Some((rid, kind, status)) = ids
            .first()
            .and_then(|id| self.row(*id))
            .map(|r| (r.id, r.kind, r.status))
        else {
            return self.no_item();
        };
        let Some((_, mut offered)) = self.offers_now() else {
            // The item is being read (it just changed): the menu opens when it arrives.
            self.menu_wanted = Some(rid);
            let m = self.t(T::Loading).to_string();
            self.say(Level::Info, m);
            return self.load_detail();
        };
        self.menu_wanted = None;
        if ids.len() > 1 {
            offered.retain(|o| o.is_plain_move());
        }
        if offered.is_empty() {
            let m = if crate::model::workflow::moves_from(kind, status)
                .next()
                .is_none()
            {
                self.tf(T::MsgNoMoves, &[status.label()])
            } else {
                self.tf(T::MsgNoSteps, &[status.label()])
            };
            self.say(Level::Error, m);
            return vec![];
        }
        let entries = offered
            .into_iter()
            .map(|o| {
                let why = o.blocked.as_ref().map(|e| self.rule_text(e));
                (self.offer_text(&o), why, Pick::Offer(o))
            })
            .collect();
        self.menu(ids, self.t(T::MovesTitle).to_string(), entries, None);
        vec![]
    }

    /// The selected item's detail arrived: the menu `m` asked for opens now.
    pub(super) fn detail_arrived(&mut self) -> Vec<Effect> {
        let sel = self.selected_row().map(|r| r.id);
        match self.menu_wanted.take() {
            Some(id) if Some(id) == sel && self.overlay.is_none() && self.line.is_none() => {
                self.message = None;
                self.moves_menu()
            }
            _ => vec![],
        }
    }

    pub(super) fn menu(
        &mut self,
        ids: Vec<ItemId>,
        title: String,
        entries: Vec<(String, Option<String>, Pick)>,
        form: Option<StepForm>,
    ) {
        self.overlay = Some(Overlay::Moves(Box::new(Menu {
            ids,
            title,
            choices: keyed(entries),
            form: form.map(Box::new),
        })));
    }

    /// A key while a menu is open: its choice, or (any other key) closed.
    pub(super) fn menu_key(&mut self, m: Menu, key: Key) -> Vec<Effect> {
        self.overlay = None;
        if key.code == Code::Esc {
            return vec![];
        }
        let Some(c) = key
            .text()
            .and_then(|ch| m.choices.iter().find(|c| c.key == ch))
            .cloned()
        else {
            return vec![];
        };
        let form = m.form.map(|f| *f);
        match (c.pick, form) {
            (Pick::Offer(o), _) => self.take_offer(m.ids, o),
            (Pick::Route(k), _) => self.change(m.ids, Repeatable::Route(k)),
            (Pick::Gate(g), Some(mut f)) => {
                f.gate = Some((g, true));
                let l = self.lang();
                let title = self.tf(T::MenuVerdict, &[&l.label(g.label(), g.english())]);
                let entries = vec![
                    (
                        self.t(T::VerdictPass).to_string(),
                        None,
                        Pick::Verdict(true),
                    ),
                    (
                        self.t(T::VerdictReturn).to_string(),
                        None,
                        Pick::Verdict(false),
                    ),
                ];
                self.menu(m.ids, title, entries, Some(f));
                vec![]
            }
            (Pick::Verdict(pass), Some(mut f)) => {
                if let Some((g, _)) = f.gate {
                    f.gate = Some((g, pass));
                }
                self.ask(f);
                vec![]
            }
            (Pick::SignIn(n), _) => self.sign_in(Some(n)),
            (Pick::Name(n), Some(mut f)) => {
                f.pick = n;
                self.named(f)
            }
            _ => vec![],
        }
    }

    /// Takes an offer: at once, or asking first for what it needs.
    fn take_offer(&mut self, ids: Vec<ItemId>, o: Offer) -> Vec<Effect> {
        if let (Step::Move(to), Input::None) = (o.step, &o.input) {
            return self.change(ids, Repeatable::Move(to, String::new()));
        }
        if let (Step::Move(to), Input::Note { what, .. }) = (o.step, &o.input) {
            let verb = self.lang().label(o.action, o.english);
            let verb = format!("{verb}（{}）", self.note_text(*what));
            self.open_line(LineFor::MoveNote(ids, to, verb), "");
            return vec![];
        }
        let Some(r) = ids.first().and_then(|id| self.row(*id)).cloned() else {
            return self.no_item();
        };
        let item = self.item_now().filter(|i| i.id == r.id).cloned();
        let mut f = StepForm {
            id: r.id,
            version: r.version,
            code: r.code.clone(),
            title: r.title.clone(),
            offer: o.clone(),
            gate: None,
            pick: String::new(),
            answers: vec![],
            error: String::new(),
        };
        let l = self.lang();
        match (&o.step, &o.input) {
            (Step::Route, _) => {
                let kinds = [
                    Kind::Incoming,
                    Kind::Meeting,
                    Kind::Affair,
                    Kind::Supervision,
                ];
                let entries = kinds
                    .iter()
                    .map(|k| (l.label(k.label(), k.english()), None, Pick::Route(*k)))
                    .collect();
                self.menu(ids, self.t(T::MenuRoute).to_string(), entries, None);
                vec![]
            }
            (Step::Gate, _) => {
                let states = match item.as_ref().map(|i| &i.data) {
                    Some(KindData::Outgoing(d)) => fields_ext::gate_states(d),
                    _ => Gate::ALL.iter().map(|g| (*g, None)).collect(),
                };
                let entries = states
                    .into_iter()
                    .map(|(g, st)| {
                        let state = match st {
                            Some(true) => T::GatePassed,
                            Some(false) => T::GateReturned,
                            None => T::GatePending,
                        };
                        let text =
                            format!("{}（{}）", l.label(g.label(), g.english()), self.t(state));
                        (text, None, Pick::Gate(g))
                    })
                    .collect();
                let title = self.tf(T::MenuGate, &[&r.code]);
                self.menu(vec![r.id], title, entries, Some(f));
                vec![]
            }
            (_, Input::OneOf(names)) if names.len() == 1 => {
                f.pick = names[0].clone();
                self.named(f)
            }
            (_, Input::OneOf(names)) => {
                let entries = names
                    .iter()
                    .map(|n| (super::super::text::clean(n), None, Pick::Name(n.clone())))
                    .collect();
                let title = self.tf(T::MenuPick, &[&l.label(o.action, o.english)]);
                self.menu(vec![r.id], title, entries, Some(f));
                vec![]
            }
            (Step::Supervise, _) => {
                // A meeting's decision is typed; an escalated item starts from
                // its own title, without what a terminal would interpret.
                let start: String = if r.kind == Kind::Meeting {
                    String::new()
                } else {
                    r.title
                        .chars()
                        .filter(|c| !crate::model::sanitize::is_dangerous(*c))
                        .collect()
                };
                self.open_line(LineFor::Step(Box::new(f)), &start);
                vec![]
            }
            (Step::Approaching, _) => {
                // The words the sweep would send, to edit; without what a
                // terminal would interpret (the title is the item's).
                let draft = item
                    .as_ref()
                    .and_then(|i| {
                        supervision::approaching_text(i, self.setup.today, &self.setup.calendar)
                    })
                    .unwrap_or_default();
                let start: String = draft
                    .chars()
                    .filter(|c| !crate::model::sanitize::is_dangerous(*c))
                    .collect();
                self.open_line(LineFor::Step(Box::new(f)), &start);
                vec![]
            }
            _ => {
                self.ask(f);
                vec![]
            }
        }
    }

    /// A name was chosen: 會簽 asks for the unit's opinion; 退還 and 催收 are done.
    fn named(&mut self, f: StepForm) -> Vec<Effect> {
        let holder = f.pick.clone();
        match f.offer.step {
            Step::CoSign => {
                self.ask(f);
                vec![]
            }
            Step::GiveBack => self.step(f, vec![StepWrite::Act(Act::GiveBack { holder })]),
            Step::Chase => self.step(f, vec![StepWrite::Act(Act::Chase { holder })]),
            _ => vec![],
        }
    }

    /// Opens the line for the next answer of a step.
    fn ask(&mut self, f: StepForm) {
        self.open_line(LineFor::Step(Box::new(f)), "");
    }

    /// What the next answer is, and whether it may be empty.
    fn question(&self, f: &StepForm) -> (String, bool) {
        let l = self.lang();
        let field = |name: &str| {
            fields::spec(name)
                .map(|s| l.label(s.label, s.name))
                .unwrap_or_else(|| name.to_string())
        };
        match (&f.offer.step, &f.offer.input) {
            (Step::Move(_), Input::Field(name)) if *name == "deadline" => {
                (self.t(T::WhatDeadline).to_string(), false)
            }
            (Step::Move(_), Input::Field(name)) => (field(name), false),
            (Step::Gate, _) => {
                let pass = f.gate.is_some_and(|(_, p)| p);
                (self.t(T::WhatComment).to_string(), pass)
            }
            (Step::CoSign, _) => (
                self.tf(T::WhatOpinion, &[&super::super::text::clean(&f.pick)]),
                true,
            ),
            (Step::Assign, _) => match f.answers.len() {
                0 => (self.t(T::WhatLead).to_string(), false),
                1 => (self.t(T::WhatAssist).to_string(), true),
                2 => (self.t(T::WhatDeadline).to_string(), false),
                _ => (self.t(T::WhatReport).to_string(), true),
            },
            (Step::Progress, _) => (self.t(T::WhatProgress).to_string(), false),
            (Step::Milestone, _) => (self.t(T::WhatMilestone).to_string(), false),
            (Step::Approaching, _) => (self.t(T::WhatReminder).to_string(), false),
            (Step::Circulate, _) => (self.t(T::WhatHolder).to_string(), false),
            (Step::Supervise, _) => (self.t(T::WhatTitle).to_string(), false),
            _ => (String::new(), true),
        }
    }

    /// The prompt of a step's line: `交辦 2/4 · 配合單位：`.
    pub fn step_prompt(&self, f: &StepForm) -> String {
        let l = self.lang();
        let verb = match f.gate {
            Some((g, pass)) => format!(
                "{}{}",
                l.label(g.label(), g.english()),
                self.t(if pass {
                    T::VerdictPass
                } else {
                    T::VerdictReturn
                })
            ),
            None => l.label(f.offer.action, f.offer.english),
        };
        let (what, _) = self.question(f);
        let stage = match f.offer.step {
            Step::Assign => format!(" {}/4", f.answers.len() + 1),
            _ => String::new(),
        };
        let mut p = format!("{} {verb}{stage} · {what}", f.code);
        if !f.error.is_empty() {
            p.push_str(&format!(" [{}]", super::super::text::clean(&f.error)));
        }
        p
    }

    /// An answer typed on a step's line (Enter): the next question, or the step.
    pub(super) fn step_line(&mut self, mut f: StepForm, text: String) -> Vec<Effect> {
        let (what, optional) = self.question(&f);
        f.error.clear();
        if text.is_empty() && !optional {
            f.error = self.tf(T::MsgNeedAnswer, &[&what]);
            self.ask(f);
            return vec![];
        }
        let is_deadline = match (&f.offer.step, &f.offer.input) {
            (Step::Move(_), Input::Field(n)) => *n == "deadline",
            (Step::Assign, _) => f.answers.len() == 2,
            _ => false,
        };
        if is_deadline {
            if let Err(e) = crate::model::parse_date(&text, self.setup.today, &self.setup.calendar)
            {
                f.error = super::super::i18n::problem(self.lang(), &e.problem);
                self.open_line(LineFor::Step(Box::new(f)), &text);
                return vec![];
            }
        }
        f.answers.push(text.clone());
        let writes = match (f.offer.step, &f.offer.input) {
            (Step::Move(to), Input::Field(name)) => vec![
                StepWrite::Set(vec![(name.to_string(), text)]),
                StepWrite::Move(to, String::new()),
            ],
            (Step::Gate, _) => {
                let Some((gate, pass)) = f.gate else {
                    return vec![];
                };
                vec![StepWrite::Act(Act::Gate {
                    gate,
                    pass,
                    comment: text,
                })]
            }
            (Step::CoSign, _) => vec![StepWrite::Act(Act::CoSign {
                unit: f.pick.clone(),
                note: text,
            })],
            (Step::Assign, _) if f.answers.len() < 4 => {
                self.ask(f);
                return vec![];
            }
            (Step::Assign, _) => {
                let a = &f.answers;
                vec![StepWrite::Act(Act::Assign {
                    lead: a[0].clone(),
                    assisting: a[1].clone(),
                    deadline: a[2].clone(),
                    report: a[3].clone(),
                })]
            }
            (Step::Progress | Step::Milestone, _) => vec![StepWrite::Act(Act::Progress {
                on: String::new(),
                text,
                milestone: f.offer.step == Step::Milestone,
            })],
            (Step::Approaching, _) => vec![StepWrite::Act(Act::Remind {
                reason: ReminderReason::Approaching,
                text,
            })],
            (Step::Circulate, _) => vec![StepWrite::Act(Act::Circulate { holder: text })],
            (Step::Supervise, _) => vec![StepWrite::Supervise(text)],
            _ => return vec![],
        };
        self.step(f, writes)
    }

    /// Sends a step's writes to the worker.
    fn step(&mut self, f: StepForm, writes: Vec<StepWrite>) -> Vec<Effect> {
        let l = self.lang();
        let verb = match f.gate {
            Some((g, pass)) => format!(
                "{}{}",
                l.label(g.label(), g.english()),
                self.t(if pass {
                    T::VerdictPass
                } else {
                    T::VerdictReturn
                })
            ),
            None => l.label(f.offer.action, f.offer.english),
        };
        let label = match f.offer.step {
            Step::CoSign | Step::GiveBack | Step::Chase | Step::Circulate => {
                let who = if f.pick.is_empty() {
                    f.answers.last().cloned().unwrap_or_default()
                } else {
                    f.pick.clone()
                };
                format!("{verb} {}", super::super::text::clean(&who))
            }
            _ => verb,
        };
        vec![Effect::Step {
            id: f.id,
            version: f.version,
            writes,
            label,
        }]
    }

    /// `S` outside 收件: 立項 a 督查 item from the selected item, when it may be.
    pub(super) fn supervise_now(&mut self) -> Vec<Effect> {
        let ids = self.targets();
        if ids.len() != 1 {
            return self.no_item();
        }
        let Some((_, offered)) = self.offers_now() else {
            return self.refuse(T::MsgNotInbox);
        };
        match offered.into_iter().find(|o| o.step == Step::Supervise) {
            Some(o) => self.take_offer(ids, o),
            None => self.refuse(T::MsgNoSupervise),
        }
    }

    /// The outcome of a step: the item put in place and the message; a new
    /// 督查 item is shown in its tab, where `m` assigns it.
    pub(super) fn step_applied(
        &mut self,
        label: String,
        results: Vec<(Option<ItemId>, Result<Item, ServiceError>)>,
    ) -> Vec<Effect> {
        let mut fx = vec![];
        for (target, r) in results {
            match r {
                Ok(it) => {
                    // A step is not taken back with `u` (what may follow is the
                    // rules' to say: a return, 退回重辦); nor is what came before it.
                    self.undo.clear();
                    fx.extend(self.put(&it));
                    if !self.counts_pending {
                        self.counts_pending = true;
                        fx.push(Effect::LoadCounts);
                    }
                    if target.is_none() {
                        let src = it
                            .links
                            .first()
                            .and_then(|l| self.any_row(l.id))
                            .map(|r| r.code.clone())
                            .unwrap_or_default();
                        let key = self
                            .setup
                            .keymap
                            .key_for(KeyMode::Normal, "moves")
                            .unwrap_or_else(|| "m".into());
                        let m = self.tf(T::MsgSupervised, &[&it.code, &src, &key]);
                        fx.extend(self.jump(TabKind::of(it.kind), it.id));
                        self.say(Level::Info, m);
                    } else {
                        let m = self.tf(T::MsgChanged, &[&it.code, &label]);
                        self.say(Level::Info, m);
                    }
                }
                Err(ServiceError::Conflict { id, by, when, .. }) => {
                    let code = self
                        .any_row(id)
                        .map(|r| r.code.clone())
                        .unwrap_or(id.to_string());
                    fx.extend(self.load_tab(self.tab));
                    let by = super::super::text::clean(&by);
                    let m = self.tf(T::MsgConflict, &[&code, &by, &when, ""]);
                    self.say(Level::Error, m);
                }
                Err(e) => {
                    let m = self.error_text(&e);
                    self.say(Level::Error, m);
                }
            }
        }
        fx
    }

    /// The note a move's prompt asks for, in words (for `?`).
    pub fn note_text(&self, what: NoteKind) -> &'static str {
        self.t(match what {
            NoteKind::Reason => T::NoteReason,
            NoteKind::Result => T::NoteResult,
            NoteKind::Instruction => T::NoteInstruction,
            NoteKind::Signer => T::NoteSigner,
        })
    }
}

impl StepForm {
    /// What Tab completes on a step's line, as the `:` line would (`set lead_unit …`).
    pub fn completion(&self) -> Option<&'static str> {
        let f = self;
        match (&f.offer.step, &f.offer.input) {
            (Step::Move(_), Input::Field("lead_unit")) => Some("set lead_unit "),
            (Step::Move(_), Input::Field("distribution")) => Some("set unit "),
            (Step::Move(_), Input::Field("deadline")) => Some("due "),
            (Step::Assign, _) => match f.answers.len() {
                0 => Some("set lead_unit "),
                1 => Some("set assisting "),
                2 => Some("due "),
                _ => None,
            },
            (Step::Circulate, _) => Some("assign "),
            _ => None,
        }
    }
}
