//! Another clerk changed the item first: the clerk is told who, when and
//! which fields, and one key (`reapply`, `Ctrl-r`) reloads and applies the
//! clerk's own edit — the change or the form's values — again, on top of
//! the version now stored.

use super::super::event::{Conflict, Origin, Repeatable};
use super::super::i18n::T;
use super::super::keymap::KeyMode;
use super::{App, Effect, Level};
use crate::model::{Command, ItemId, Kind};

/// What the clerk's edit was, to apply it again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Retry {
    /// A triage or workflow change, on the items that were changed first.
    Change {
        /// The change.
        rep: Repeatable,
        /// Its label, for messages.
        label: String,
        /// (item, the version now stored).
        at: Vec<(ItemId, u64)>,
    },
    /// A form's changed values.
    Form {
        /// The item's kind.
        kind: Kind,
        /// The item.
        id: ItemId,
        /// The version now stored.
        version: u64,
        /// The values the clerk changed.
        fields: Vec<(String, String)>,
    },
}

/// A conflict waiting for the clerk: who changed what, and the edit to re-apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    /// Who changed the item, when, and which fields (the first conflict).
    pub conflict: Conflict,
    /// The clerk's edit.
    pub retry: Option<Retry>,
}

/// The command of a change on an item at a version.
pub(super) fn command_at(id: ItemId, version: u64, rep: &Repeatable) -> Command {
    match rep {
        Repeatable::Route(to) => Command::Route {
            id,
            version,
            to: *to,
        },
        Repeatable::Set(fields) => Command::Set {
            id,
            version,
            fields: fields.clone(),
        },
        Repeatable::Move(to, note) => Command::Move {
            id,
            version,
            to: *to,
            note: note.clone(),
        },
        Repeatable::Note(text) => Command::Note {
            id,
            version,
            text: text.clone(),
        },
    }
}

impl App {
    /// The words for a conflict: the item, who changed it and when, the
    /// fields they changed (when known), and the key that re-applies. The
    /// one place a conflict is phrased.
    pub fn conflict_text(&self, c: &Conflict, can_retry: bool) -> String {
        let lang = self.lang();
        let code = if c.code.is_empty() {
            self.any_row(c.id)
                .map(|r| r.code.clone())
                .unwrap_or_else(|| c.id.to_string())
        } else {
            c.code.clone()
        };
        let fields = if c.fields.is_empty() {
            String::new()
        } else {
            let sep = if lang == super::Lang::En { ", " } else { "、" };
            let names: Vec<String> = c
                .fields
                .iter()
                .map(|f| {
                    crate::model::fields::spec(f)
                        .map(|s| lang.label(s.label, s.name))
                        .unwrap_or_else(|| f.clone())
                })
                .collect();
            self.tf(T::MsgConflictFields, &[&names.join(sep)])
        };
        let by = super::super::text::clean(&c.by);
        if !can_retry {
            return self.tf(T::MsgConflict, &[&code, &by, &c.when, &fields]);
        }
        let key = self
            .setup
            .keymap
            .key_for(KeyMode::Normal, "reapply")
            .unwrap_or_else(|| ":reapply".into());
        self.tf(T::MsgConflictRetry, &[&code, &by, &c.when, &fields, &key])
    }

    /// A write was refused because the item changed first: remember the
    /// clerk's edit and say who changed what.
    pub(super) fn conflicted(&mut self, conflicts: Vec<Conflict>, origin: &Origin) -> String {
        let first = conflicts[0].clone();
        let retry = match origin {
            Origin::Change(Some(rep)) => Some(Retry::Change {
                rep: rep.clone(),
                label: self.change_label(rep),
                at: conflicts.iter().map(|c| (c.id, c.version)).collect(),
            }),
            Origin::Form => self.form.as_ref().and_then(|f| {
                Some(Retry::Form {
                    kind: f.kind,
                    id: f.id?,
                    version: first.version,
                    fields: f.values(),
                })
            }),
            _ => None,
        };
        let text = self.conflict_text(&first, retry.is_some());
        self.conflict = Some(Pending {
            conflict: first,
            retry,
        });
        text
    }

    /// `reapply`: the clerk's edit again, on the version now stored.
    pub fn reapply(&mut self) -> Vec<Effect> {
        let Some(Pending {
            retry: Some(retry), ..
        }) = self.conflict.take()
        else {
            return self.refuse(T::MsgNothingToReapply);
        };
        let m = self.t(T::MsgReapplying).to_string();
        self.say(Level::Info, m);
        match retry {
            Retry::Change { rep, label, at } => vec![Effect::Apply {
                cmds: at.iter().map(|(id, v)| command_at(*id, *v, &rep)).collect(),
                label,
                origin: Origin::Change(Some(rep)),
            }],
            Retry::Form {
                kind,
                id,
                version,
                fields,
            } => {
                if let Some(f) = self.form.as_mut().filter(|f| f.id == Some(id)) {
                    f.version = version;
                    f.saving = true;
                }
                vec![Effect::SaveForm {
                    kind,
                    id: Some((id, version)),
                    fields,
                }]
            }
        }
    }
}
