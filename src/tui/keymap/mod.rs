//! One data-driven keymap: a table of (mode, keys, command line) drives key
//! dispatch, the `?` overlay and the generated `docs/keys.md`. Each mode is
//! a trie, so `gg` and `gt` share the pending prefix `g`; the config file
//! can rebind or unbind any entry.

use std::collections::BTreeMap;

use super::command::{self, ParseError};
use super::i18n::T;
use super::key::{parse_keys, show_keys, Key};

/// The keymaps, one per mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum KeyMode {
    /// Lists and details.
    Normal,
    /// A selection; falls back to `Normal`.
    Visual,
    /// Forms; falls back to `Input` for editing keys.
    Form,
    /// The `:` line, `/` and prompts.
    Input,
    /// The quick-find popup; falls back to `Input` for editing keys.
    Find,
}

impl KeyMode {
    /// Every mode, in the order the help shows them.
    pub const ALL: [KeyMode; 5] = [
        KeyMode::Normal,
        KeyMode::Visual,
        KeyMode::Form,
        KeyMode::Input,
        KeyMode::Find,
    ];

    /// The name in the config file (`[keys.normal]`).
    pub fn name(self) -> &'static str {
        match self {
            KeyMode::Normal => "normal",
            KeyMode::Visual => "visual",
            KeyMode::Form => "form",
            KeyMode::Input => "input",
            KeyMode::Find => "find",
        }
    }

    /// The heading in the help.
    pub fn title(self) -> T {
        match self {
            KeyMode::Normal => T::KeymapNormal,
            KeyMode::Visual => T::KeymapVisual,
            KeyMode::Form => T::KeymapForm,
            KeyMode::Input => T::KeymapInput,
            KeyMode::Find => T::KeymapFind,
        }
    }

    fn parse(s: &str) -> Option<KeyMode> {
        KeyMode::ALL.into_iter().find(|m| m.name() == s)
    }
}

mod defaults;
mod docs;

pub use defaults::DEFAULTS;
pub use docs::{doc, markdown};

#[cfg(test)]
use KeyMode::{Form as F, Normal as N, Visual as V};

#[derive(Debug, Clone, Default)]
struct Node {
    command: Option<String>,
    next: BTreeMap<Key, Node>,
}

/// The result of feeding a key sequence to a mode's trie.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// A prefix of longer bindings: wait for more keys.
    Pending,
    /// A complete binding.
    Matched(String),
    /// Nothing starts like this.
    Cancelled,
}

/// All modes' bindings.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: BTreeMap<KeyMode, BTreeMap<Vec<Key>, String>>,
    tries: BTreeMap<KeyMode, Node>,
}

impl Default for Keymap {
    fn default() -> Self {
        let mut bindings: BTreeMap<KeyMode, BTreeMap<Vec<Key>, String>> = BTreeMap::new();
        for (m, k, c) in DEFAULTS {
            let keys = parse_keys(k).expect("default keys parse");
            bindings.entry(*m).or_default().insert(keys, c.to_string());
        }
        let mut km = Keymap {
            bindings,
            tries: BTreeMap::new(),
        };
        km.rebuild();
        km
    }
}

/// A binding in the config file that was refused; the rest still apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BindError {
    /// `keys.normal."<C-q>"`.
    pub key: String,
    /// The `[keys.MODE]` table it is in.
    pub mode: String,
    /// The keys bound (`None`: the whole table was refused).
    pub keys: Option<String>,
    /// Why, as data: the workbench says it in the clerk's language.
    pub problem: BindProblem,
}

/// Why a binding was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BindProblem {
    /// `[keys.MODE]` names no mode.
    NoSuchMode,
    /// The keys are not key notation (`<Foo>`, or nothing).
    BadKeys,
    /// The command is not valid.
    Command(ParseError),
}

impl Keymap {
    fn rebuild(&mut self) {
        self.tries.clear();
        for (m, map) in &self.bindings {
            let root = self.tries.entry(*m).or_default();
            for (keys, cmd) in map {
                let mut node = &mut *root;
                for k in keys {
                    node = node.next.entry(*k).or_default();
                }
                node.command = Some(cmd.clone());
            }
        }
    }

    /// Applies `[keys.MODE]` tables from the config: `"KEYS" = "command"`,
    /// or `""` to unbind. Bad entries are skipped and returned.
    pub fn apply_config(
        &mut self,
        keys: &BTreeMap<String, BTreeMap<String, String>>,
    ) -> Vec<BindError> {
        let mut errors = vec![];
        for (mode, table) in keys {
            let Some(m) = KeyMode::parse(mode) else {
                errors.push(BindError {
                    key: format!("keys.{mode}"),
                    mode: mode.clone(),
                    keys: None,
                    problem: BindProblem::NoSuchMode,
                });
                continue;
            };
            for (k, cmd) in table {
                let name = format!("keys.{mode}.\"{k}\"");
                let Ok(seq) = parse_keys(k) else {
                    errors.push(BindError {
                        key: name,
                        mode: mode.clone(),
                        keys: Some(k.clone()),
                        problem: BindProblem::BadKeys,
                    });
                    continue;
                };
                let map = self.bindings.entry(m).or_default();
                if cmd.trim().is_empty() {
                    map.remove(&seq);
                    continue;
                }
                match command::parse(cmd) {
                    Ok(_) => {
                        // A new binding shadows any binding it is a prefix of, and any prefix of it.
                        map.retain(|b, _| !(b.starts_with(&seq) || seq.starts_with(b)));
                        map.insert(seq, cmd.trim().to_string());
                    }
                    Err(e) => errors.push(BindError {
                        key: name,
                        mode: mode.clone(),
                        keys: Some(k.clone()),
                        problem: BindProblem::Command(e),
                    }),
                }
            }
        }
        self.rebuild();
        errors
    }

    /// Looks a key sequence up in one mode (without fallback).
    pub fn lookup_in(&self, mode: KeyMode, seq: &[Key]) -> Lookup {
        let Some(mut node) = self.tries.get(&mode) else {
            return Lookup::Cancelled;
        };
        for k in seq {
            match node.next.get(k) {
                Some(n) => node = n,
                None => return Lookup::Cancelled,
            }
        }
        match &node.command {
            Some(c) => Lookup::Matched(c.clone()),
            None if node.next.is_empty() => Lookup::Cancelled,
            None => Lookup::Pending,
        }
    }

    /// Looks a key sequence up in a mode and the mode it falls back to.
    pub fn lookup(&self, mode: KeyMode, seq: &[Key]) -> Lookup {
        let first = self.lookup_in(mode, seq);
        let fallback = match mode {
            KeyMode::Visual => Some(KeyMode::Normal),
            KeyMode::Form | KeyMode::Find => Some(KeyMode::Input),
            _ => None,
        };
        match (first, fallback) {
            (Lookup::Cancelled, Some(f)) => self.lookup_in(f, seq),
            (r, _) => r,
        }
    }

    /// The bindings that continue a pending prefix: (the rest of the keys, command).
    pub fn continuations(&self, mode: KeyMode, prefix: &[Key]) -> Vec<(String, String)> {
        let mut out = vec![];
        for m in [mode, KeyMode::Normal] {
            if let Some(map) = self.bindings.get(&m) {
                for (k, c) in map {
                    if k.len() > prefix.len() && k.starts_with(prefix) {
                        out.push((show_keys(k), c.clone()));
                    }
                }
            }
            if mode != KeyMode::Visual {
                break;
            }
        }
        out
    }

    /// Every binding of a mode: (keys, command line), grouped by command in registry order.
    pub fn entries(&self, mode: KeyMode) -> Vec<(String, String)> {
        let Some(map) = self.bindings.get(&mode) else {
            return vec![];
        };
        let mut by_cmd: Vec<(String, Vec<String>)> = vec![];
        for (k, c) in map {
            match by_cmd.iter_mut().find(|(cmd, _)| cmd == c) {
                Some((_, ks)) => ks.push(show_keys(k)),
                None => by_cmd.push((c.clone(), vec![show_keys(k)])),
            }
        }
        let order = |c: &str| {
            let name = c.split_whitespace().next().unwrap_or("");
            let i = command::COMMANDS
                .iter()
                .position(|s| s.name == name)
                .unwrap_or(usize::MAX);
            (i, c.to_string())
        };
        by_cmd.sort_by_key(|(c, _)| order(c));
        by_cmd
            .into_iter()
            .map(|(c, mut ks)| {
                ks.sort_by_key(|k| (k.starts_with('<'), k.len(), k.clone()));
                (ks.join(" "), c)
            })
            .collect()
    }

    /// The keys bound to a command line in a mode (for hints), first one.
    pub fn key_for(&self, mode: KeyMode, cmd: &str) -> Option<String> {
        self.entries(mode)
            .into_iter()
            .find(|(_, c)| c == cmd)
            .map(|(k, _)| k.split(' ').next().unwrap_or("").to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(s: &str) -> Vec<Key> {
        parse_keys(s).unwrap()
    }

    #[test]
    fn every_default_parses() {
        for (_, keys, cmd) in DEFAULTS {
            parse_keys(keys).unwrap();
            command::parse(cmd).unwrap_or_else(|e| panic!("{cmd}: {e:?}"));
        }
    }

    #[test]
    fn trie_pending_matched_cancelled() {
        let km = Keymap::default();
        assert_eq!(km.lookup(N, &k("g")), Lookup::Pending);
        assert_eq!(km.lookup(N, &k("gg")), Lookup::Matched("top".into()));
        assert_eq!(km.lookup(N, &k("gx")), Lookup::Cancelled);
        assert_eq!(km.lookup(V, &k("j")), Lookup::Matched("move_down".into()));
        assert_eq!(km.lookup(V, &k("<Esc>")), Lookup::Matched("back".into()));
        assert_eq!(
            km.lookup(F, &k("<C-w>")),
            Lookup::Matched("delete_word".into())
        );
        assert_eq!(
            km.lookup(N, &k("<C-d>")),
            Lookup::Matched("half_page_down".into())
        );
        assert_eq!(km.continuations(N, &k("g")).len(), 4);
    }

    #[test]
    fn config_rebinds_unbinds_and_reports() {
        let mut km = Keymap::default();
        let mut t = BTreeMap::new();
        let mut normal = BTreeMap::new();
        normal.insert("x".to_string(), "close".to_string());
        normal.insert("C".to_string(), String::new());
        normal.insert("<C-q>".to_string(), "frob".to_string());
        normal.insert("g".to_string(), "top".to_string());
        t.insert("normal".to_string(), normal);
        t.insert("weird".to_string(), BTreeMap::new());
        let errs = km.apply_config(&t);
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert!(errs.iter().any(|e| e.key == "keys.normal.\"<C-q>\""
            && e.problem == BindProblem::Command(ParseError::Unknown("frob".into()))));
        assert!(errs
            .iter()
            .any(|e| e.key == "keys.weird" && e.problem == BindProblem::NoSuchMode));
        assert_eq!(km.lookup(N, &k("x")), Lookup::Matched("close".into()));
        assert_eq!(km.lookup(N, &k("C")), Lookup::Cancelled);
        assert_eq!(km.lookup(N, &k("g")), Lookup::Matched("top".into()));
    }

    #[test]
    fn destructive_commands_are_not_on_motion_keys_or_neighbours() {
        let km = Keymap::default();
        // Motion keys and their keyboard neighbours on a QWERTY row.
        let near: &[&str] = &[
            "h", "j", "k", "l", "u", "i", "m", "n", ",", "g", "G", "<C-d>", "<C-u>", "y", "b",
        ];
        for (keys, cmd) in km.entries(N) {
            if cmd.starts_with("close") {
                for key in keys.split(' ') {
                    assert!(!near.contains(&key), "close is on {key}");
                }
            }
        }
        assert_eq!(
            km.lookup(N, &k("<C-d>")),
            Lookup::Matched("half_page_down".into())
        );
    }
}
