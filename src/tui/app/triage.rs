//! Changes to items: triage in 收件 (route, urgency, handler, deadline,
//! close), workflow moves, notes; all through one `change` that builds the
//! commands, asks before touching several items, and records `.` and `u`.
//! The menu of workflow steps (`m`) is in `flows.rs`.

use super::super::event::{Origin, Repeatable};
use super::super::i18n::T;
use super::{App, Effect, Level, LineFor, Overlay, TabKind, TABS};
use crate::model::workflow::Needs;
use crate::model::{Command, ItemId, Kind, Status, Transition};

impl App {
    /// The label of a change, for messages and the confirm question.
    pub fn change_label(&self, rep: &Repeatable) -> String {
        let l = self.lang();
        match rep {
            Repeatable::Route(k) => format!("→ {}", l.label(k.label(), k.english())),
            Repeatable::Set(f) => f
                .iter()
                .map(|(k, v)| {
                    let label = crate::model::fields::spec(k)
                        .map(|s| l.label(s.label, s.name))
                        .unwrap_or_else(|| k.clone());
                    format!("{label}={v}")
                })
                .collect::<Vec<_>>()
                .join(" "),
            Repeatable::Move(s, note) if note.is_empty() => l.label(s.label(), s.english()),
            Repeatable::Move(s, note) => format!("{}（{note}）", l.label(s.label(), s.english())),
            Repeatable::Note(t) => format!("{}：{t}", self.t(T::PromptNote)),
        }
    }

    fn command_for(&self, id: ItemId, rep: &Repeatable) -> Option<Command> {
        let r = self.row(id).or_else(|| self.any_row(id))?;
        Some(super::conflict::command_at(r.id, r.version, rep))
    }

    /// Applies a change to items: at once for one, after a yes for several.
    pub fn change(&mut self, ids: Vec<ItemId>, rep: Repeatable) -> Vec<Effect> {
        if ids.is_empty() || self.tab_kind() == TabKind::Directory {
            return self.no_item();
        }
        if let Repeatable::Route(_) = rep {
            if ids.iter().any(|id| {
                self.row(*id)
                    .is_none_or(|r| r.kind != Kind::Inbox || r.status != Status::Pending)
            }) {
                return self.refuse(T::MsgNotInbox);
            }
        }
        if let Some(m) = self.bad_value(&ids, &rep) {
            self.say(Level::Error, m);
            return vec![];
        }
        let cmds: Vec<Command> = ids
            .iter()
            .filter_map(|id| self.command_for(*id, &rep))
            .collect();
        if cmds.is_empty() {
            return self.no_item();
        }
        let label = self.change_label(&rep);
        let fx = Effect::Apply {
            cmds,
            label: label.clone(),
            origin: Origin::Change(Some(rep)),
        };
        if ids.len() > 1 {
            let text = self.tf(T::ConfirmBulk, &[&ids.len().to_string(), &label]);
            self.overlay = Some(Overlay::Confirm {
                text,
                yes: vec![fx],
                discard_form: false,
            });
            return vec![];
        }
        if matches!(self.mode, super::Mode::Visual { .. }) {
            self.mode = super::Mode::Normal;
        }
        vec![fx]
    }

    /// A value set that cannot be right whatever the item holds (a date that
    /// names no date, letters in a phone number), said at once in the
    /// clerk's language: the model checks it here as the service would.
    fn bad_value(&self, ids: &[ItemId], rep: &Repeatable) -> Option<String> {
        let Repeatable::Set(fields) = rep else {
            return None;
        };
        let ctx = crate::model::DateCtx {
            today: self.setup.today,
            cal: &self.setup.calendar,
        };
        let kinds: std::collections::BTreeSet<Kind> = ids
            .iter()
            .filter_map(|id| self.row(*id).or_else(|| self.any_row(*id)))
            .map(|r| r.kind)
            .collect();
        for kind in kinds {
            let mut scratch = crate::model::Item::new(kind, "-", "", 0);
            for (k, v) in fields {
                match scratch.set(k, v, &ctx) {
                    Err(e) if about_the_value(&e.problem) => {
                        let label = crate::model::fields::spec(k)
                            .map(|s| self.lang().label(s.label, s.name))
                            .unwrap_or_else(|| k.clone());
                        let why = super::super::i18n::problem(self.lang(), &e.problem);
                        return Some(self.tf(T::MsgFieldProblem, &[&label, &why]));
                    }
                    _ => {}
                }
            }
        }
        None
    }

    /// Routes the targets to a kind (收件 only).
    pub fn route(&mut self, to: Kind) -> Vec<Effect> {
        // Outside 收件, `S` files a 督查 item from the selected one (立項).
        if to == Kind::Supervision
            && !matches!(self.tab_kind(), TabKind::Inbox | TabKind::Directory)
        {
            return self.supervise_now();
        }
        if self.tab_kind() != TabKind::Inbox {
            return self.refuse(T::MsgNotInbox);
        }
        let ids = self.targets();
        self.change(ids, Repeatable::Route(to))
    }

    /// A move chosen from the menu or `:move`: asks for the note it needs.
    pub fn pick_move(&mut self, ids: Vec<ItemId>, t: Transition) -> Vec<Effect> {
        if matches!(t.needs, Needs::Reason | Needs::Result | Needs::Signer) {
            let verb = t.action.to_string();
            self.open_line(LineFor::MoveNote(ids, t.to, verb), "");
            return vec![];
        }
        self.change(ids, Repeatable::Move(t.to, String::new()))
    }

    /// Jumps to link `n` (1-based) of the item in the detail pane.
    pub fn follow_link(&mut self, n: usize) -> Vec<Effect> {
        let Some(link) = self
            .detail
            .as_ref()
            .and_then(|d| d.links.get(n - 1))
            .cloned()
        else {
            let m = self.tf(T::MsgNoLink, &[&n.to_string()]);
            self.say(Level::Error, m);
            return vec![];
        };
        if let Some(r) = self.selected_row() {
            let from = (self.tab, r.id);
            self.jumps.push(from);
        }
        self.jump(TabKind::of(link.kind), link.id)
    }

    /// Shows item `id` in `tab`, loading (and widening the list) as needed.
    pub fn jump(&mut self, tab: usize, id: ItemId) -> Vec<Effect> {
        let mut fx = self.goto_tab(tab);
        let t = &mut self.tabs[tab];
        t.sel_id = Some(id);
        if t.loaded && t.rows.iter().any(|r| r.id == id) {
            t.follow();
            let h = self.list_height();
            self.cur_mut().scroll_to(h);
            fx.extend(self.load_detail());
            return fx;
        }
        if TABS[tab] == TabKind::Directory {
            return self.refuse(T::MsgLinkHidden);
        }
        // Not in the list as filtered: show everything, then select it on arrival.
        t.open_only = false;
        let cleared = self.clear_filter(tab);
        let loading = cleared.iter().any(|e| matches!(e, Effect::LoadRows { .. }));
        let t = &mut self.tabs[tab];
        t.sel_id = Some(id);
        if loading {
            fx.extend(cleared);
        } else if t.rows.iter().any(|r| r.id == id) {
            t.follow();
            let h = self.list_height();
            self.tabs[tab].scroll_to(h);
            fx.extend(self.load_detail());
        } else {
            fx.extend(self.load_tab(tab));
        }
        fx
    }
}

/// Problems of the value alone, not of the item it would go into.
fn about_the_value(p: &crate::model::Problem) -> bool {
    use crate::model::Problem as P;
    !matches!(
        p,
        P::Other(_)
            | P::SecrecyUnclassified
            | P::SecrecyNeeded
            | P::DeadlineNeeded { .. }
            | P::EndBeforeStart
            | P::WrongKindData
    )
}
