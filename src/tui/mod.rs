//! The full-screen workbench. Only this module knows ratatui and crossterm.
//!
//! Data flows one way: key → keymap (a trie per mode) → `Action` (the
//! command registry) → `App::update` (pure) → `Effect`s → the worker runs
//! them against the `Service` → `Outcome`s and server pushes come back on
//! the one event channel → state → `view::draw` when something changed.

pub mod app;
pub mod backend;
pub mod bench;
pub mod command;
pub mod draft;
pub mod event;
pub mod harness;
pub mod i18n;
pub mod input;
mod input_thread;
pub mod key;
pub mod keymap;
mod runtime;
mod term;
pub mod text;
pub mod theme;
pub mod theme_warning;
pub mod view;
pub mod worker;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crate::core::Service;
use crate::model::{self, WorkCalendar};

pub use runtime::{run, Launch};

/// Settings that come from flags and the config file.
#[derive(Debug, Clone, Default)]
pub struct Prefs {
    /// `--theme` or `theme =`.
    pub theme: Option<String>,
    /// `--lang` or `lang =`.
    pub lang: Option<String>,
    /// `[keys.MODE]` tables.
    pub keys: BTreeMap<String, BTreeMap<String, String>>,
    /// The config files, to name the line of a bad binding.
    pub files: Vec<PathBuf>,
    /// `[supervision]`: the 督查 traffic-light thresholds.
    pub supervision: crate::model::supervision::Thresholds,
    /// `[[rooms]]`: the meeting rooms, from the administrator's config.
    pub rooms: Vec<crate::model::meetings::Room>,
    /// Config files that could not be read (skipped: their layer's
    /// defaults apply), to say so in the workbench's language.
    pub config_errors: Vec<crate::config::ConfigError>,
}

/// How the workbench reaches the service, for the status line (said in
/// the language of the moment, so `:lang` changes it too).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Connection {
    /// The store is open in this process (`--no-daemon`).
    #[default]
    Local,
    /// Through a daemon's socket.
    Daemon,
}

impl Connection {
    /// Its label in the status line.
    pub fn label(self) -> i18n::T {
        match self {
            Connection::Local => i18n::T::ConnLocal,
            Connection::Daemon => i18n::T::ConnDaemon,
        }
    }
}

/// The `[keys]` tables of a config file with where each key sits.
type SpannedKeys = BTreeMap<toml::Spanned<String>, BTreeMap<toml::Spanned<String>, toml::Value>>;

#[derive(serde::Deserialize)]
struct KeysOnly {
    #[serde(default)]
    keys: SpannedKeys,
}

/// Where a refused `[keys.MODE]` entry sits: the first of `files` (the
/// user's file before the system one: its bindings win) that holds it, and
/// the 1-based line of its key — the mode's header for a bad mode. Any TOML
/// spelling counts (`[keys.normal]` tables, dotted `keys.normal.x`, quoted
/// keys); `None` when no file holds it.
fn locate(files: &[PathBuf], e: &keymap::BindError) -> Option<(PathBuf, usize)> {
    for f in files {
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        let Ok(parsed) = toml::from_str::<KeysOnly>(&text) else {
            continue;
        };
        let Some((mode, table)) = parsed.keys.iter().find(|(m, _)| m.get_ref() == &e.mode) else {
            continue;
        };
        let span = match &e.keys {
            None => Some(mode.span()),
            Some(k) => table
                .keys()
                .find(|key| key.get_ref() == k)
                .map(|key| key.span()),
        };
        if let Some(span) = span {
            let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
            return Some((f.clone(), line));
        }
    }
    None
}

/// A refused binding, said in `lang`, with where it is.
fn bind_warning(lang: i18n::Lang, files: &[PathBuf], e: &keymap::BindError) -> String {
    let place = match locate(files, e) {
        Some((f, line)) => i18n::place(lang, &f.display().to_string(), Some(line)),
        None => i18n::T::WordConfig.text(lang).to_string(),
    };
    i18n::bind_error(lang, &place, e)
}

/// Builds the fixed settings; problems come back as warnings to show, in
/// the workbench's language.
pub fn setup(
    svc: &dyn Service,
    calendar: WorkCalendar,
    prefs: &Prefs,
    connection: Connection,
    drafts: Option<PathBuf>,
) -> (app::Setup, Vec<String>) {
    let mut bad_lang = None;
    let lang = match prefs.lang.as_deref() {
        None => i18n::Lang::default(),
        Some(l) => i18n::Lang::parse(l).unwrap_or_else(|| {
            bad_lang = Some(l);
            i18n::Lang::default()
        }),
    };
    let mut warnings: Vec<String> = bad_lang
        .map(|l| i18n::tr(lang, i18n::T::WarnLang, &[&model::sanitize::escape(l)]))
        .into_iter()
        .collect();
    for e in &prefs.config_errors {
        let place = i18n::place(lang, &e.file, e.line);
        warnings.push(match &e.key {
            _ if e.rooms => i18n::tr(
                lang,
                i18n::T::WarnRooms,
                &[&place, crate::config::SYSTEM_CONFIG],
            ),
            Some(k) => i18n::tr(lang, i18n::T::WarnConfigKey, &[&place, k, &e.message]),
            None => i18n::tr(lang, i18n::T::WarnConfig, &[&place, &e.message]),
        });
    }
    let depth = theme::Depth::detect();
    let (theme, tw) = theme::Theme::load(prefs.theme.as_deref().unwrap_or("default"), depth);
    warnings.extend(tw.iter().map(|w| i18n::theme_warning(lang, w)));
    let mut keymap = keymap::Keymap::default();
    for e in keymap.apply_config(&prefs.keys) {
        warnings.push(bind_warning(lang, &prefs.files, &e));
    }
    let user = svc.whoami().unwrap_or_else(|_| crate::model::User {
        login: "?".into(),
        uid: 0,
        display: "?".into(),
        unit: String::new(),
        role: crate::model::Role::ReadOnly,
        clearance: crate::model::Classification::Public,
        disabled: false,
    });
    let setup = app::Setup {
        lang,
        theme,
        depth,
        keymap,
        user,
        today: svc.today(),
        calendar,
        connection,
        drafts,
        count_timeout: Duration::from_millis(700),
        thresholds: prefs.supervision,
        rooms: prefs.rooms.clone(),
    };
    (setup, warnings)
}

/// For `shuniu keys`: the keymap with the config applied, as markdown, and
/// the refused bindings (in English: the CLI's language).
pub fn keys_markdown(prefs: &Prefs) -> (String, Vec<String>) {
    let mut km = keymap::Keymap::default();
    let errs = km.apply_config(&prefs.keys);
    (
        keymap::markdown(&km),
        errs.iter()
            .map(|e| bind_warning(i18n::Lang::En, &prefs.files, e))
            .collect(),
    )
}

/// The service as the worker shares it.
pub type Shared = Arc<dyn Service>;

#[cfg(test)]
mod tests {
    use super::*;

    /// The refused bindings of `text` (as the config reader gives them to
    /// the keymap) and where `locate` puts each: (key, line).
    fn located(files: &[(&str, &str)]) -> Vec<(String, Option<(usize, usize)>)> {
        let dir = tempfile::tempdir().unwrap();
        let paths: Vec<PathBuf> = files
            .iter()
            .enumerate()
            .map(|(i, (name, text))| {
                let p = dir.path().join(format!("{i}-{name}"));
                std::fs::write(&p, text).unwrap();
                p
            })
            .collect();
        // The user's file (first) wins, as `config::load` merges them.
        let mut keys = crate::config::Keys::default();
        for p in paths.iter().rev() {
            let text = std::fs::read_to_string(p).unwrap();
            let c = crate::config::parse(&text, "t").unwrap();
            for (m, t) in c.keys.unwrap_or_default() {
                keys.entry(m).or_default().extend(t);
            }
        }
        let mut km = keymap::Keymap::default();
        km.apply_config(&keys)
            .iter()
            .map(|e| {
                let at = locate(&paths, e)
                    .map(|(f, line)| (paths.iter().position(|p| *p == f).unwrap(), line));
                (e.key.clone(), at)
            })
            .collect()
    }

    #[test]
    fn locate_finds_a_binding_in_a_keys_table() {
        let got = located(&[(
            "config.toml",
            "theme = \"light\"\n\n[keys.visual]\n\"<C-q>\" = \"undo\"\n\n[keys.normal]\nx = \"close\"\n\"<C-q>\" = \"frob\"\n",
        )]);
        assert_eq!(got, vec![("keys.normal.\"<C-q>\"".into(), Some((0, 8)))]);
    }

    #[test]
    fn locate_finds_dotted_and_inline_spellings() {
        let got = located(&[(
            "config.toml",
            "keys.normal.\"<C-q>\" = \"frob\"\n\nkeys.visual.y = \"nonsense\"\nkeys.form = { \"<C-x>\" = \"zap\" }\n",
        )]);
        assert_eq!(
            got,
            vec![
                ("keys.form.\"<C-x>\"".into(), Some((0, 4))),
                ("keys.normal.\"<C-q>\"".into(), Some((0, 1))),
                ("keys.visual.\"y\"".into(), Some((0, 3))),
            ]
        );
    }

    #[test]
    fn locate_names_a_bad_modes_header_not_a_line_below_it() {
        let got = located(&[(
            "config.toml",
            "lang = \"en\"\n\n[keys.weird]\n\nx = \"close\"\n",
        )]);
        assert_eq!(got, vec![("keys.weird".into(), Some((0, 3)))]);
    }

    #[test]
    fn locate_prefers_the_users_file_and_falls_back_to_the_system_one() {
        let got = located(&[
            ("user.toml", "[keys.normal]\nx = \"frob\"\n"),
            (
                "system.toml",
                "[keys.normal]\nx = \"frob\"\n\n[keys.visual]\nz = \"zap\"\n",
            ),
        ]);
        assert_eq!(
            got,
            vec![
                ("keys.normal.\"x\"".into(), Some((0, 2))),
                ("keys.visual.\"z\"".into(), Some((1, 5))),
            ]
        );
    }

    #[test]
    fn locate_says_none_for_a_binding_no_file_holds() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("config.toml");
        std::fs::write(&f, "[keys.normal]\nx = \"close\"\n").unwrap();
        let e = keymap::BindError {
            key: "keys.normal.\"y\"".into(),
            mode: "normal".into(),
            keys: Some("y".into()),
            problem: keymap::BindProblem::BadKeys,
        };
        assert_eq!(
            locate(&[dir.path().join("missing.toml"), f.clone()], &e),
            None
        );
        let warn = bind_warning(i18n::Lang::En, &[f], &e);
        assert!(warn.starts_with("config: keys.normal.\"y\": "), "{warn}");
    }
}
