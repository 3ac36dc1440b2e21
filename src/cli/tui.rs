//! Plain `shuniu` at a terminal: the workbench. Also `shuniu keys` and the
//! hidden `shuniu bench-tui`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;

use color_eyre::eyre::Result;

use crate::config;
use crate::model::sanitize::escape;
use crate::tui::{self, Prefs};

use super::args::Global;
use super::open::{open, Opened};

/// Whether a person is at the keyboard: stdin and stdout are terminals.
pub fn interactive() -> bool {
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

fn prefs(g: &Global) -> Prefs {
    let (cfg, config_errors) = config::load(g.config.as_deref());
    let supervision = cfg.thresholds();
    let user = g
        .config
        .clone()
        .unwrap_or_else(|| config::config_dir().join("config.toml"));
    Prefs {
        theme: g.theme.clone().or(cfg.theme),
        lang: g.lang.clone().or(cfg.lang),
        keys: cfg.keys.unwrap_or_default(),
        files: vec![user, PathBuf::from(config::SYSTEM_CONFIG)],
        supervision,
        rooms: cfg.rooms.unwrap_or_default(),
        config_errors,
    }
}

/// Opens the service and runs the workbench.
pub fn run(g: &Global) -> Result<()> {
    let Opened {
        svc,
        calendar,
        mut warnings,
    } = open(g)?;
    let prefs = prefs(g);
    // The workbench says the config files' problems itself, in its language.
    warnings.retain(|w| {
        !prefs
            .config_errors
            .iter()
            .any(|e| w.starts_with(&e.to_string()))
    });
    let connection = if g.no_daemon {
        tui::Connection::Local
    } else {
        tui::Connection::Daemon
    };
    tui::run(tui::Launch {
        svc: Arc::from(svc),
        calendar,
        warnings,
        prefs,
        connection,
        drafts: tui::draft::default_dir(),
    })
}

/// `shuniu keys`: the keymap, with the config file's bindings, as markdown.
pub fn keys(g: &Global, out: &mut dyn Write) -> Result<()> {
    let (md, errors) = tui::keys_markdown(&prefs(g));
    for e in errors {
        eprintln!("shuniu: warning: {}", escape(&e));
    }
    out.write_all(md.as_bytes())?;
    Ok(())
}

/// `shuniu bench-tui`.
pub fn bench(items: &[usize], out: &mut dyn Write) -> Result<()> {
    tui::bench::run(items, out)
}
