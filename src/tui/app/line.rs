//! The line at the bottom: `:` commands, the `/` filter (applied as it is
//! typed) and prompts for an argument, with Tab completion.

use super::super::command::{self, Action, Vocab};
use super::super::event::Repeatable;
use super::super::input::TextInput;
use super::super::key::{Code, Key};
use super::super::keymap::{KeyMode, Lookup};
use super::super::theme;
use super::{App, Effect, Line, LineFor, Mode};
use crate::model::{fields, workflow, Status};

impl App {
    /// Opens the line for `purpose`, starting with `text`.
    pub fn open_line(&mut self, purpose: LineFor, text: &str) {
        self.line_anchor = match self.mode {
            Mode::Visual { anchor } => Some(anchor),
            _ => None,
        };
        self.mode = match purpose {
            LineFor::Command => Mode::Command,
            LineFor::Search => Mode::Search,
            _ => Mode::Prompt,
        };
        self.line = Some(Line {
            purpose,
            input: TextInput::new(text),
            completions: vec![],
            comp_index: None,
            comp_base: String::new(),
        });
        self.dirty = true;
    }

    fn close_line(&mut self) -> Option<Line> {
        self.mode = Mode::Normal;
        self.line.take()
    }

    pub(super) fn line_key(&mut self, key: Key) -> Vec<Effect> {
        let action = match self.setup.keymap.lookup(KeyMode::Input, &[key]) {
            Lookup::Matched(c) => command::parse(&c).ok(),
            _ => None,
        };
        let Some(line) = self.line.as_mut() else {
            self.mode = Mode::Normal;
            return vec![];
        };
        match action {
            Some(Action::Accept) => return self.accept_line(),
            Some(Action::Back) => {
                let l = self.close_line();
                if matches!(l.map(|l| l.purpose), Some(LineFor::Search)) {
                    return self.clear_filter(self.tab);
                }
                return vec![];
            }
            Some(Action::Complete) => {
                self.complete();
                return vec![];
            }
            Some(Action::QuickFind(_)) => return self.open_find(""),
            Some(Action::Backspace) if line.input.text.is_empty() => {
                return self.line_key(Key::plain(Code::Esc));
            }
            Some(Action::Backspace) => line.input.backspace(),
            Some(Action::Delete) => line.input.delete(),
            Some(Action::DelWord) => line.input.delete_word(),
            Some(Action::DelStart) => line.input.delete_to_start(),
            Some(Action::Left) => line.input.left(),
            Some(Action::Right) => line.input.right(),
            Some(Action::Home) => line.input.home(),
            Some(Action::End) => line.input.end(),
            Some(Action::HistoryPrev) if line.purpose == LineFor::Command => {
                let cur = line.input.text.clone();
                let prev = self
                    .history
                    .iter()
                    .rev()
                    .find(|h| h.starts_with(&cur) && **h != cur)
                    .cloned();
                if let (Some(p), Some(l)) = (prev, self.line.as_mut()) {
                    l.input.set(&p);
                }
                return vec![];
            }
            _ => match key.text() {
                Some(c) => line.input.insert(c),
                None => return vec![],
            },
        }
        self.line_changed()
    }

    /// After the line's text changed: completion restarts, the filter applies.
    pub(super) fn line_changed(&mut self) -> Vec<Effect> {
        let Some(line) = self.line.as_mut() else {
            return vec![];
        };
        line.completions.clear();
        line.comp_index = None;
        if line.purpose == LineFor::Search {
            let q = line.input.text.clone();
            return self.set_filter(self.tab, q, true);
        }
        vec![]
    }

    /// What completion offers for the current item and directory.
    pub fn vocab(&self) -> Vocab {
        let row = self.selected_row();
        Vocab {
            people: self.people.iter().map(|p| p.name.clone()).collect(),
            units: self.units.iter().map(|u| u.name.clone()).collect(),
            moves: row
                .map(|r| {
                    workflow::moves_from(r.kind, r.status)
                        .flat_map(|t| [t.action.to_string(), t.to.label().to_string()])
                        .collect()
                })
                .unwrap_or_default(),
            fields: row
                .map(|r| {
                    fields::fields_of(r.kind)
                        .filter(|f| !f.system)
                        .map(|f| f.name.to_string())
                        .collect()
                })
                .unwrap_or_default(),
            themes: theme::names(),
        }
    }

    fn complete(&mut self) {
        let vocab = self.vocab();
        let Some(line) = self.line.as_mut() else {
            return;
        };
        let prefix = match line.purpose {
            LineFor::Command => "",
            LineFor::Assign(_) => "assign ",
            LineFor::Due(_) => "due ",
            LineFor::Step(ref f) => match f.completion() {
                Some(p) => p,
                None => return,
            },
            LineFor::MoveNote(..)
            | LineFor::Close(_)
            | LineFor::Note(_)
            | LineFor::Search
            | LineFor::NoticePath(_) => return,
        };
        if line.comp_index.is_none() {
            line.comp_base = line.input.text.clone();
            line.completions = command::complete(&format!("{prefix}{}", line.comp_base), &vocab)
                .into_iter()
                .map(|c| c[prefix.len()..].to_string())
                .collect();
        }
        if line.completions.is_empty() {
            return;
        }
        let next = line
            .comp_index
            .map(|i| (i + 1) % line.completions.len())
            .unwrap_or(0);
        line.comp_index = Some(next);
        let c = line.completions[next].clone();
        line.input.set(&c);
    }

    fn accept_line(&mut self) -> Vec<Effect> {
        let Some(line) = self.close_line() else {
            return vec![];
        };
        let text = line.input.text.trim().to_string();
        match line.purpose {
            LineFor::Command => {
                if !text.is_empty() {
                    self.history.retain(|h| *h != text);
                    self.history.push(text.clone());
                }
                // A command typed over a selection applies to it.
                if let Some(anchor) = self.line_anchor.take() {
                    self.mode = Mode::Visual { anchor };
                }
                self.run_command(&text)
            }
            LineFor::Search => {
                self.detail_due = None;
                let mut fx = self.complete_filter(self.tab);
                fx.extend(self.load_detail());
                fx
            }
            LineFor::Assign(ids) => {
                self.change(ids, Repeatable::Set(vec![("handler".into(), text)]))
            }
            LineFor::Due(ids) => self.change(ids, Repeatable::Set(vec![("deadline".into(), text)])),
            LineFor::Close(ids) if text.is_empty() => {
                self.open_line(LineFor::Close(ids), "");
                vec![]
            }
            LineFor::Close(ids) => self.change(ids, Repeatable::Move(Status::Closed, text)),
            LineFor::Note(_) if text.is_empty() => vec![],
            LineFor::Note(ids) => self.change(ids, Repeatable::Note(text)),
            LineFor::MoveNote(ids, to, _) => self.change(ids, Repeatable::Move(to, text)),
            LineFor::Step(f) => self.step_line(*f, text),
            LineFor::NoticePath(v) => self.notice_file(*v, text),
        }
    }
}
