//! The full-screen workbench. Only this module knows ratatui and crossterm.
//!
//! Data flows one way: key → keymap (a trie per mode) → `Action` (the
//! command registry) → `App::update` (pure) → `Effect`s → the worker runs
//! them against the `Service` → `Outcome`s and server pushes come back on
//! the one event channel → state → `view::draw` when something changed.

pub mod app;
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
pub mod view;
pub mod worker;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crate::core::Service;
use crate::model::WorkCalendar;

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
}

/// Where a `[keys.mode]` entry sits in the config files: `FILE line N`.
fn locate(files: &[PathBuf], key: &str) -> String {
    // key looks like keys.normal."<C-q>"
    let mut parts = key.splitn(3, '.');
    let (_, mode, k) = (
        parts.next(),
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
    );
    let bare = k.trim_matches('"');
    for f in files {
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        let mut in_section = false;
        for (i, line) in text.lines().enumerate() {
            let t = line.trim();
            if t.starts_with('[') {
                in_section = t.trim_matches(['[', ']', ' ']) == format!("keys.{mode}");
                continue;
            }
            let lhs = t
                .split('=')
                .next()
                .unwrap_or("")
                .trim()
                .trim_matches(['"', '\'']);
            let whole =
                t.starts_with(&format!("keys.{mode}.")) || t.starts_with(&format!("{mode}."));
            if (in_section || whole || mode.is_empty())
                && (lhs == bare || lhs.ends_with(&format!(".\"{bare}\"")))
            {
                return format!("{} line {}", f.display(), i + 1);
            }
        }
        if k.is_empty() {
            if let Some(i) = text
                .lines()
                .position(|l| l.contains(&format!("keys.{mode}")))
            {
                return format!("{} line {}", f.display(), i + 1);
            }
        }
    }
    "config".into()
}

/// Builds the fixed settings; problems come back as warnings to show.
pub fn setup(
    svc: &dyn Service,
    calendar: WorkCalendar,
    prefs: &Prefs,
    connection: &str,
    drafts: Option<PathBuf>,
) -> (app::Setup, Vec<String>) {
    let mut warnings = vec![];
    let lang = match prefs.lang.as_deref() {
        None => i18n::Lang::default(),
        Some(l) => i18n::Lang::parse(l).unwrap_or_else(|| {
            warnings.push(format!("lang '{l}': use zh-Hant, zh-Hans or en"));
            i18n::Lang::default()
        }),
    };
    let depth = theme::Depth::detect();
    let (theme, tw) = theme::Theme::load(prefs.theme.as_deref().unwrap_or("default"), depth);
    warnings.extend(tw);
    let mut keymap = keymap::Keymap::default();
    for e in keymap.apply_config(&prefs.keys) {
        warnings.push(format!(
            "{}: {}: {} (the default stays)",
            locate(&prefs.files, &e.key),
            e.key,
            e.message
        ));
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
        connection: connection.to_string(),
        drafts,
        count_timeout: Duration::from_millis(700),
        thresholds: prefs.supervision,
    };
    (setup, warnings)
}

/// For `shuniu keys`: the keymap with the config applied, as markdown.
pub fn keys_markdown(prefs: &Prefs) -> (String, Vec<String>) {
    let mut km = keymap::Keymap::default();
    let errs = km.apply_config(&prefs.keys);
    (
        keymap::markdown(&km),
        errs.into_iter()
            .map(|e| format!("{}: {}: {}", locate(&prefs.files, &e.key), e.key, e.message))
            .collect(),
    )
}

/// The service as the worker shares it.
pub type Shared = Arc<dyn Service>;
