//! Where things live and what the administrator and the clerk configured.
//! Layers: built-in defaults, then `/etc/shuniu/config.toml`, then the
//! user's file; each path can also be given by a flag or an environment
//! variable. A bad file is reported with its line and shuniu goes on with
//! the layers below it. The meeting rooms (`[[rooms]]`) are the
//! administrator's: they come from the system file or from a file named with
//! `--config`/`SHUNIU_CONFIG`, never from a clerk's own
//! `$XDG_CONFIG_HOME/shuniu/config.toml` (ignored there, with a warning).

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::model::WorkCalendar;

mod passwd;
pub use passwd::{gid_of_group, login_of, uid_of};

/// The system-wide config file.
pub const SYSTEM_CONFIG: &str = "/etc/shuniu/config.toml";

/// Settings from the config files. Every key is optional.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The data folder.
    pub data: Option<PathBuf>,
    /// sled's page cache in MiB.
    pub cache_mb: Option<u64>,
    /// Extra folder of holiday calendars (`2027.toml` …).
    pub holidays: Option<PathBuf>,
    /// The socket of a shared daemon: connect there, never start one.
    pub socket: Option<PathBuf>,
    /// The workbench's colour theme: a built-in name, a name in `themes/`, or a path.
    pub theme: Option<String>,
    /// The workbench's language: zh-Hant (default), zh-Hans, en.
    pub lang: Option<String>,
    /// Key bindings by mode: `[keys.normal] "x" = "close"`.
    pub keys: Option<Keys>,
    /// `[supervision]`: the 督查 traffic-light and reminder thresholds.
    pub supervision: Option<Supervision>,
    /// `[[rooms]]`: the meeting rooms and their seats, set by the
    /// administrator (the system file, or a `--config` file, whose list
    /// replaces the system one); ignored in a clerk's own file.
    pub rooms: Option<Vec<crate::model::meetings::Room>>,
}

/// `[supervision]` settings.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Supervision {
    /// Yellow within this many working days of the deadline (default 3).
    pub yellow_workdays: Option<u32>,
    /// Repeat the same reminder at most once per this many working days (default 3).
    pub remind_every_workdays: Option<u32>,
    /// The daemon sweeps for due reminders at start and then every this many
    /// minutes (default 60; 0: never, leave it to `shuniu supervise urge`).
    pub sweep_minutes: Option<u32>,
}

impl Config {
    /// How often the daemon sweeps for due 督查 reminders (`None`: never).
    pub fn sweep_every(&self) -> Option<std::time::Duration> {
        let m = self.supervision.and_then(|s| s.sweep_minutes).unwrap_or(60);
        (m > 0).then(|| std::time::Duration::from_secs(u64::from(m) * 60))
    }

    /// The 督查 thresholds: the file's values over the defaults.
    pub fn thresholds(&self) -> crate::model::supervision::Thresholds {
        let d = crate::model::supervision::Thresholds::default();
        let s = self.supervision.unwrap_or_default();
        crate::model::supervision::Thresholds {
            yellow_workdays: s.yellow_workdays.unwrap_or(d.yellow_workdays),
            remind_every_workdays: s.remind_every_workdays.unwrap_or(d.remind_every_workdays),
        }
    }
}

/// `[keys.MODE]` tables: keys to command lines.
pub type Keys = std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>>;

impl Config {
    /// `over`'s keys win over `self`'s.
    pub fn merged(self, over: Config) -> Config {
        Config {
            data: over.data.or(self.data),
            cache_mb: over.cache_mb.or(self.cache_mb),
            holidays: over.holidays.or(self.holidays),
            socket: over.socket.or(self.socket),
            theme: over.theme.or(self.theme),
            lang: over.lang.or(self.lang),
            rooms: over.rooms.or(self.rooms),
            supervision: match (self.supervision, over.supervision) {
                (Some(a), Some(b)) => Some(Supervision {
                    yellow_workdays: b.yellow_workdays.or(a.yellow_workdays),
                    remind_every_workdays: b.remind_every_workdays.or(a.remind_every_workdays),
                    sweep_minutes: b.sweep_minutes.or(a.sweep_minutes),
                }),
                (a, b) => b.or(a),
            },
            keys: match (self.keys, over.keys) {
                (Some(mut base), Some(over)) => {
                    for (mode, table) in over {
                        base.entry(mode).or_default().extend(table);
                    }
                    Some(base)
                }
                (a, b) => b.or(a),
            },
        }
    }
}

/// A config file that could not be used, with where: the file, the line
/// and the key (`supervision.yellow_workdays`) when known.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{file}{}{}: {message}",
    line.map(|l| format!(" line {l}")).unwrap_or_default(),
    key.as_ref().map(|k| format!(": {k}")).unwrap_or_default()
)]
pub struct ConfigError {
    /// The file.
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// The dotted key the problem is at (its table's name and the key on
    /// that line), when known.
    pub key: Option<String>,
    /// What was wrong (the TOML reader's words).
    pub message: String,
    /// A clerk's `[[rooms]]`, dropped while the rest of the file counts
    /// (`clerk_layer`): the workbench says so in the clerk's language.
    pub rooms: bool,
}

/// Parses one config file's text.
pub fn parse(text: &str, file: &str) -> Result<Config, ConfigError> {
    toml::from_str(text).map_err(|e| {
        let at = e.span().map(|s| s.start.min(text.len()));
        ConfigError {
            file: file.to_string(),
            line: at.map(|a| text[..a].matches('\n').count() + 1),
            key: at.and_then(|a| key_at(text, a)),
            message: e.message().trim().replace('\n', "; "),
            rooms: false,
        }
    })
}

/// A dotted TOML key as written, without the spaces around its dots:
/// `keys . normal` → `keys.normal` (quoted parts keep their quotes).
fn dotted(k: &str) -> String {
    k.split('.').map(str::trim).collect::<Vec<_>>().join(".")
}

/// The dotted key at byte `at` of a TOML text: the nearest table header
/// above it joined with the key on its line (or the header itself, when
/// `at` is on one). `None` when the line holds no key.
fn key_at(text: &str, at: usize) -> Option<String> {
    let start = text[..at].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let line = text[start..].lines().next().unwrap_or("").trim();
    let header = |l: &str| {
        let inner = l.trim_start_matches('[').split(']').next().unwrap_or("");
        dotted(inner)
    };
    if line.starts_with('[') {
        return Some(header(line)).filter(|h| !h.is_empty());
    }
    let table = text[..start]
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('['))
        .map(header)
        .filter(|h| !h.is_empty());
    // The key ends at the first `=` outside quotes.
    let mut quote = None;
    let end = line.char_indices().find_map(|(i, c)| match (quote, c) {
        (None, '"' | '\'') => {
            quote = Some(c);
            None
        }
        (Some(q), c) if c == q => {
            quote = None;
            None
        }
        (None, '=') => Some(i),
        _ => None,
    })?;
    let key = dotted(&line[..end]);
    if key.is_empty() || key.starts_with('#') {
        return table;
    }
    Some(match table {
        Some(t) => format!("{t}.{key}"),
        None => key,
    })
}

fn home() -> PathBuf {
    std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/"))
}

fn xdg(var: &str, fallback: &str) -> PathBuf {
    match std::env::var_os(var) {
        Some(v) if !v.is_empty() && Path::new(&v).is_absolute() => PathBuf::from(v),
        _ => home().join(fallback),
    }
}

/// `$XDG_CONFIG_HOME/shuniu`.
pub fn config_dir() -> PathBuf {
    xdg("XDG_CONFIG_HOME", ".config").join("shuniu")
}

/// `$XDG_DATA_HOME/shuniu`: the personal data folder.
pub fn default_data_dir() -> PathBuf {
    xdg("XDG_DATA_HOME", ".local/share").join("shuniu")
}

/// `$XDG_STATE_HOME/shuniu`: logs.
pub fn state_dir() -> PathBuf {
    xdg("XDG_STATE_HOME", ".local/state").join("shuniu")
}

/// Where this user's personal daemon sockets live: `$XDG_RUNTIME_DIR/shuniu`,
/// or `/tmp/shuniu-$UID` without one. The folder must be private (see
/// `client::personal`).
pub fn runtime_dir() -> PathBuf {
    match std::env::var_os("XDG_RUNTIME_DIR") {
        Some(v) if !v.is_empty() && Path::new(&v).is_absolute() => PathBuf::from(v).join("shuniu"),
        _ => PathBuf::from(format!(
            "/tmp/shuniu-{}",
            rustix::process::getuid().as_raw()
        )),
    }
}

/// A path made absolute against the current folder, without touching the disk.
pub fn absolute(p: &Path) -> PathBuf {
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(p))
            .unwrap_or_else(|_| p.to_path_buf())
    }
}

/// The personal daemon's socket for a data folder: `sock` for the default
/// folder, `sock-{hash}` for any other, so each folder gets its own daemon.
pub fn personal_socket(data: &Path) -> PathBuf {
    let dir = runtime_dir();
    let data = absolute(data);
    if data == absolute(&default_data_dir()) {
        return dir.join("sock");
    }
    // FNV-1a: stable across builds and runs, which `DefaultHasher` is not promised to be.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in data.as_os_str().as_encoded_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    dir.join(format!("sock-{h:016x}"))
}

/// Reads the layered config: system file, then `user_file` (or the XDG one).
/// Problems are returned beside the config so the caller can warn and go on.
pub fn load(user_file: Option<&Path>) -> (Config, Vec<ConfigError>) {
    let mut cfg = Config::default();
    let mut errors = vec![];
    let user = user_file
        .map(Path::to_path_buf)
        .unwrap_or_else(|| config_dir().join("config.toml"));
    for path in [PathBuf::from(SYSTEM_CONFIG), user.clone()] {
        let own = user_file.is_none() && path == user;
        match std::fs::read_to_string(&path) {
            Ok(text) => match parse(&text, &path.display().to_string()) {
                Ok(c) if own => {
                    let (c, warning) = clerk_layer(c, &text, &path.display().to_string());
                    errors.extend(warning);
                    cfg = cfg.merged(c);
                }
                Ok(c) => cfg = cfg.merged(c),
                Err(e) => errors.push(e),
            },
            Err(e)
                if e.kind() == std::io::ErrorKind::NotFound
                    && user_file != Some(path.as_path()) => {}
            Err(e) => errors.push(ConfigError {
                file: path.display().to_string(),
                line: None,
                key: None,
                message: e.to_string(),
                rooms: false,
            }),
        }
    }
    (cfg, errors)
}

/// A clerk's own config file, as it may count: everything but the
/// administrator's `[[rooms]]`, which are dropped with a warning naming the
/// line (so a clerk cannot hide a booked room or invent one).
pub fn clerk_layer(mut c: Config, text: &str, file: &str) -> (Config, Option<ConfigError>) {
    if c.rooms.take().is_none() {
        return (c, None);
    }
    let line = text
        .lines()
        .position(|l| l.trim_start().starts_with("[[rooms]]"))
        .map(|i| i + 1);
    let warning = ConfigError {
        file: file.to_string(),
        line,
        key: Some("rooms".into()),
        message: format!(
            "[[rooms]] is set by the administrator (in {SYSTEM_CONFIG}, or a file given with --config); ignored here"
        ),
        rooms: true,
    };
    (c, Some(warning))
}

/// The built-in holiday calendar plus every `*.toml` in the system folder,
/// the user's folder and `extra`. A bad file is reported and skipped.
pub fn load_calendar(extra: Option<&Path>) -> (WorkCalendar, Vec<String>) {
    let mut cal = WorkCalendar::builtin();
    let mut warnings = vec![];
    let mut dirs = vec![
        PathBuf::from("/etc/shuniu/holidays"),
        config_dir().join("holidays"),
    ];
    dirs.extend(extra.map(Path::to_path_buf));
    for dir in dirs {
        let Ok(rd) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<PathBuf> = rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        files.sort();
        for f in files {
            match std::fs::read_to_string(&f) {
                Ok(text) => {
                    if let Err(e) = cal.add_year_toml(&text, &f.display().to_string()) {
                        warnings.push(e.to_string());
                    }
                }
                Err(e) => warnings.push(format!("{}: {e}", f.display())),
            }
        }
    }
    (cal, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_merges() {
        let a = parse("data = \"/srv/shuniu\"\ncache_mb = 32\n", "a.toml").unwrap();
        let b = parse("cache_mb = 128\n", "b.toml").unwrap();
        let m = a.merged(b);
        assert_eq!(m.data, Some(PathBuf::from("/srv/shuniu")));
        assert_eq!(m.cache_mb, Some(128));
    }

    #[test]
    fn socket_key_parses() {
        let c = parse("socket = \"/run/shuniu/sock\"\n", "s.toml").unwrap();
        assert_eq!(c.socket, Some(PathBuf::from("/run/shuniu/sock")));
    }

    #[test]
    fn personal_sockets_differ_per_data_folder() {
        let a = personal_socket(Path::new("/srv/a"));
        let b = personal_socket(Path::new("/srv/b"));
        assert_ne!(a, b);
        assert_eq!(a, personal_socket(Path::new("/srv/a")));
        assert!(a
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("sock-"));
    }

    #[test]
    fn workbench_settings_merge() {
        let a = parse(
            "theme = \"light\"\n[keys.normal]\nx = \"close\"\n",
            "a.toml",
        )
        .unwrap();
        let b = parse("lang = \"en\"\n[keys.normal]\ny = \"undo\"\n", "b.toml").unwrap();
        let m = a.merged(b);
        assert_eq!(m.theme.as_deref(), Some("light"));
        assert_eq!(m.lang.as_deref(), Some("en"));
        assert_eq!(m.keys.unwrap()["normal"].len(), 2);
    }

    #[test]
    fn supervision_thresholds_merge_over_defaults() {
        assert_eq!(Config::default().thresholds().yellow_workdays, 3);
        let a = parse("[supervision]\nyellow_workdays = 5\n", "a.toml").unwrap();
        let b = parse("[supervision]\nremind_every_workdays = 2\n", "b.toml").unwrap();
        let t = a.merged(b).thresholds();
        assert_eq!((t.yellow_workdays, t.remind_every_workdays), (5, 2));
        let e = parse("[supervision]\nyelow = 1\n", "c.toml").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert_eq!(e.key.as_deref(), Some("supervision.yelow"));
    }

    #[test]
    fn rooms_parse() {
        let c = parse(
            "[[rooms]]\nname = \"第一會議室\"\ncapacity = 40\n[[rooms]]\nname = \"小會議室\"\ncapacity = 12\n",
            "r.toml",
        )
        .unwrap();
        let rooms = c.rooms.unwrap();
        assert_eq!(
            (rooms[0].name.as_str(), rooms[1].capacity),
            ("第一會議室", 12)
        );
        assert!(parse("[[rooms]]\nname = \"x\"\n", "r.toml").is_err());
    }

    #[test]
    fn a_clerks_file_cannot_change_the_rooms() {
        let system = parse(
            "[[rooms]]\nname = \"第一會議室\"\ncapacity = 40\n",
            SYSTEM_CONFIG,
        )
        .unwrap();
        let text = "lang = \"en\"\n\n[[rooms]]\nname = \"我的會議室\"\ncapacity = 99\n";
        let clerk = parse(text, "home.toml").unwrap();
        let (clerk, warning) = clerk_layer(clerk, text, "home.toml");
        let w = warning.expect("a warning");
        assert_eq!((w.file.as_str(), w.line), ("home.toml", Some(3)));
        assert!(w.message.contains("administrator") && w.rooms, "{w}");
        let m = system.clone().merged(clerk);
        assert_eq!(m.lang.as_deref(), Some("en"), "the rest of the file counts");
        assert_eq!(m.rooms, system.rooms);
        // A file without rooms passes untouched; an administrator's --config
        // file (merged as it is) replaces the list.
        let plain = parse("lang = \"en\"\n", "home.toml").unwrap();
        assert_eq!(clerk_layer(plain.clone(), "", "home.toml"), (plain, None));
        let admin = parse(
            "[[rooms]]\nname = \"小會議室\"\ncapacity = 8\n",
            "admin.toml",
        )
        .unwrap();
        assert_eq!(system.merged(admin).rooms.unwrap()[0].name, "小會議室");
    }

    #[test]
    fn unknown_key_names_the_line() {
        let e = parse("cache_mb = 1\n\ncolour = \"red\"\n", "c.toml").unwrap_err();
        assert_eq!(e.line, Some(3));
        assert_eq!(e.key.as_deref(), Some("colour"));
        assert!(
            e.to_string()
                .starts_with("c.toml line 3: colour: unknown field `colour`"),
            "{e}"
        );
    }

    #[test]
    fn bad_value_names_the_line() {
        let e = parse("cache_mb = \"lots\"\n", "c.toml").unwrap_err();
        assert_eq!(e.line, Some(1));
    }

    #[test]
    fn bad_values_name_their_key() {
        let cases: &[(&str, usize, &str)] = &[
            ("cache_mb = \"lots\"\n", 1, "cache_mb"),
            (
                "theme = \"light\"\n\n[supervision]\nyellow_workdays = \"five\"\n",
                4,
                "supervision.yellow_workdays",
            ),
            (
                "[keys.normal]\nx = \"close\"\n\"<C-q>\" = 3\n",
                3,
                "keys.normal.\"<C-q>\"",
            ),
            ("[keys.normal]\n\"=\" = 3\n", 2, "keys.normal.\"=\""),
            (
                "[[rooms]]\nname = \"x\"\ncapacity = \"many\"\n",
                3,
                "rooms.capacity",
            ),
            ("[ keys . normal ]\nx = []\n", 2, "keys.normal.x"),
        ];
        for (text, line, key) in cases {
            let e = parse(text, "c.toml").unwrap_err();
            assert_eq!(e.line, Some(*line), "{text}: {e}");
            assert_eq!(e.key.as_deref(), Some(*key), "{text}: {e}");
            assert!(
                e.to_string()
                    .starts_with(&format!("c.toml line {line}: {key}: ")),
                "{e}"
            );
        }
    }

    #[test]
    fn bad_toml_names_the_line_and_the_table() {
        let e = parse("lang = \"en\"\n[keys.normal\nx = \"close\"\n", "c.toml").unwrap_err();
        assert_eq!(e.line, Some(2), "{e}");
        assert_eq!(e.key.as_deref(), Some("keys.normal"), "{e}");
        let e = parse("[keys.normal]\nx = \n", "c.toml").unwrap_err();
        assert_eq!(
            (e.line, e.key.as_deref()),
            (Some(2), Some("keys.normal.x")),
            "{e}"
        );
        assert!(!e.message.contains('\n'), "one line: {e}");
    }
}
