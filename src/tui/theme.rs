//! Colour themes: semantic slots in TOML (`themes/*.toml`, built in), with
//! `inherits` (depth-limited), a bad colour falling back to the inherited
//! slot, and degradation to 256 or 16 colours or none (`NO_COLOR`).

use std::collections::HashMap;
use std::path::Path;

use super::theme_warning::{StyleProblem, ThemeWarning};
use ratatui::style::{Color, Modifier, Style};

macro_rules! slots {
    ($($var:ident => $name:literal),+ $(,)?) => {
        /// A semantic colour slot.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[allow(missing_docs)]
        pub enum Slot { $($var),+ }
        impl Slot {
            /// Every slot.
            pub const ALL: &'static [Slot] = &[$(Slot::$var),+];
            /// The name in theme files.
            pub fn name(self) -> &'static str {
                match self { $(Slot::$var => $name),+ }
            }
        }
    };
}

slots! {
    Text => "text",
    Muted => "muted",
    Accent => "accent",
    Selection => "selection",
    Visual => "visual",
    Border => "border",
    Header => "header",
    Tab => "tab",
    TabActive => "tab_active",
    Status => "status",
    Mode => "mode",
    Urgent => "urgent",
    Warning => "warning",
    Overdue => "overdue",
    Ok => "ok",
    Error => "error",
    Input => "input",
    Hint => "hint",
    Title => "title",
}

/// What the terminal can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// 24-bit colour.
    True,
    /// The xterm 256-colour palette.
    C256,
    /// The 16 ANSI colours.
    C16,
    /// No colour (`NO_COLOR`).
    Mono,
}

impl Depth {
    /// From the environment: `NO_COLOR`, `COLORTERM`, `TERM`.
    pub fn detect() -> Depth {
        Depth::from_env(
            std::env::var("NO_COLOR").ok().as_deref(),
            std::env::var("COLORTERM").ok().as_deref(),
            std::env::var("TERM").ok().as_deref(),
        )
    }

    /// The decision `detect` makes, on given values.
    pub fn from_env(no_color: Option<&str>, colorterm: Option<&str>, term: Option<&str>) -> Depth {
        if no_color.is_some_and(|v| !v.is_empty()) {
            return Depth::Mono;
        }
        if matches!(colorterm, Some("truecolor" | "24bit")) {
            return Depth::True;
        }
        match term {
            Some(t) if t.contains("256") || t.contains("direct") => Depth::C256,
            Some("dumb") => Depth::Mono,
            _ => Depth::C16,
        }
    }
}

/// The built-in themes.
pub const BUILTIN: &[(&str, &str)] = &[
    ("default", include_str!("../../themes/default.toml")),
    ("light", include_str!("../../themes/light.toml")),
    (
        "high-contrast",
        include_str!("../../themes/high-contrast.toml"),
    ),
    ("mono", include_str!("../../themes/mono.toml")),
];

const MAX_DEPTH: usize = 5;

/// A loaded theme.
#[derive(Debug, Clone)]
pub struct Theme {
    /// Its name.
    pub name: String,
    styles: HashMap<Slot, Style>,
}

impl Theme {
    /// The style of a slot.
    pub fn get(&self, s: Slot) -> Style {
        self.styles.get(&s).copied().unwrap_or_default()
    }

    /// Loads a theme by built-in name, by name in the config folder's
    /// `themes/`, or by path; degraded to `depth`. Problems are returned
    /// and the theme falls back (to `default` when it cannot be read at all).
    pub fn load(name: &str, depth: Depth) -> (Theme, Vec<ThemeWarning>) {
        let mut warnings = vec![];
        let name = if depth == Depth::Mono { "mono" } else { name };
        let raw = match resolve(name, &mut warnings, 0) {
            Some(r) => r,
            None => resolve("default", &mut warnings, 0).expect("the default theme loads"),
        };
        let styles = raw
            .into_iter()
            .map(|(slot, st)| (slot, degrade(st, depth)))
            .collect();
        (
            Theme {
                name: name.to_string(),
                styles,
            },
            warnings,
        )
    }
}

fn source(name: &str) -> Result<(String, String), ThemeWarning> {
    if let Some((_, t)) = BUILTIN.iter().find(|(n, _)| *n == name) {
        return Ok((name.to_string(), t.to_string()));
    }
    let path = if name.contains('/') || name.ends_with(".toml") {
        Path::new(name).to_path_buf()
    } else {
        crate::config::config_dir()
            .join("themes")
            .join(format!("{name}.toml"))
    };
    std::fs::read_to_string(&path)
        .map(|t| (path.display().to_string(), t))
        .map_err(|e| ThemeWarning::Unreadable {
            name: name.to_string(),
            path: path.display().to_string(),
            error: e.to_string(),
        })
}

fn resolve(
    name: &str,
    warnings: &mut Vec<ThemeWarning>,
    depth: usize,
) -> Option<HashMap<Slot, Style>> {
    if depth > MAX_DEPTH {
        warnings.push(ThemeWarning::TooDeep {
            name: name.to_string(),
            max: MAX_DEPTH,
        });
        return None;
    }
    let (file, text) = match source(name) {
        Ok(s) => s,
        Err(e) => {
            warnings.push(e);
            return None;
        }
    };
    let table: toml::Table = match toml::from_str(&text) {
        Ok(t) => t,
        Err(e) => {
            warnings.push(ThemeWarning::Syntax {
                file,
                message: e.message().trim().to_string(),
            });
            return None;
        }
    };
    let mut styles = match table.get("inherits").and_then(|v| v.as_str()) {
        Some(parent) => resolve(parent, warnings, depth + 1).unwrap_or_default(),
        None if name != "default" && name != "mono" => {
            resolve("default", warnings, depth + 1).unwrap_or_default()
        }
        None => HashMap::new(),
    };
    for (k, v) in &table {
        if k == "inherits" || k == "name" {
            continue;
        }
        let Some(slot) = Slot::ALL.iter().find(|s| s.name() == k) else {
            warnings.push(ThemeWarning::UnknownSlot {
                file: file.clone(),
                slot: k.clone(),
            });
            continue;
        };
        match parse_style(v) {
            Ok(st) => {
                styles.insert(*slot, st);
            }
            Err(why) => warnings.push(ThemeWarning::BadStyle {
                file: file.clone(),
                slot: k.clone(),
                why,
            }),
        }
    }
    Some(styles)
}

fn parse_style(v: &toml::Value) -> Result<Style, StyleProblem> {
    match v {
        toml::Value::String(s) => Ok(Style::default().fg(parse_color(s)?)),
        toml::Value::Table(t) => {
            let mut st = Style::default();
            for (k, v) in t {
                match (k.as_str(), v) {
                    ("fg", toml::Value::String(s)) => st = st.fg(parse_color(s)?),
                    ("bg", toml::Value::String(s)) => st = st.bg(parse_color(s)?),
                    ("modifiers", toml::Value::Array(a)) => {
                        for m in a {
                            st = st.add_modifier(parse_modifier(m.as_str().unwrap_or(""))?);
                        }
                    }
                    (k, _) => return Err(StyleProblem::NotStyleKey(k.to_string())),
                }
            }
            Ok(st)
        }
        _ => Err(StyleProblem::NotColourOrTable),
    }
}

fn parse_modifier(s: &str) -> Result<Modifier, StyleProblem> {
    Ok(match s {
        "bold" => Modifier::BOLD,
        "dim" => Modifier::DIM,
        "italic" => Modifier::ITALIC,
        "underlined" => Modifier::UNDERLINED,
        "reversed" => Modifier::REVERSED,
        _ => return Err(StyleProblem::NotModifier(s.to_string())),
    })
}

/// The 16 ANSI colours by name, with the RGB they usually show as.
const NAMED: &[(&str, Color, (u8, u8, u8))] = &[
    ("black", Color::Black, (0, 0, 0)),
    ("red", Color::Red, (205, 0, 0)),
    ("green", Color::Green, (0, 205, 0)),
    ("yellow", Color::Yellow, (205, 205, 0)),
    ("blue", Color::Blue, (0, 0, 238)),
    ("magenta", Color::Magenta, (205, 0, 205)),
    ("cyan", Color::Cyan, (0, 205, 205)),
    ("gray", Color::Gray, (229, 229, 229)),
    ("darkgray", Color::DarkGray, (127, 127, 127)),
    ("lightred", Color::LightRed, (255, 0, 0)),
    ("lightgreen", Color::LightGreen, (0, 255, 0)),
    ("lightyellow", Color::LightYellow, (255, 255, 0)),
    ("lightblue", Color::LightBlue, (92, 92, 255)),
    ("lightmagenta", Color::LightMagenta, (255, 0, 255)),
    ("lightcyan", Color::LightCyan, (0, 255, 255)),
    ("white", Color::White, (255, 255, 255)),
];

/// Parses `#rrggbb`, `0`–`255` or a colour name.
pub fn parse_color(s: &str) -> Result<Color, StyleProblem> {
    let t = s.trim().to_ascii_lowercase();
    if t == "reset" || t == "default" {
        return Ok(Color::Reset);
    }
    if let Some(hex) = t.strip_prefix('#') {
        if hex.len() == 6 {
            if let Ok(v) = u32::from_str_radix(hex, 16) {
                return Ok(Color::Rgb((v >> 16) as u8, (v >> 8) as u8, v as u8));
            }
        }
        return Err(StyleProblem::NotHex(s.to_string()));
    }
    if let Ok(n) = t.parse::<u8>() {
        return Ok(Color::Indexed(n));
    }
    NAMED
        .iter()
        .find(|(n, _, _)| *n == t.replace(['_', '-', ' '], "").replace("grey", "gray"))
        .map(|(_, c, _)| *c)
        .ok_or_else(|| StyleProblem::NotColour(s.to_string()))
}

fn cube(v: u8) -> u8 {
    if v < 48 {
        0
    } else if v < 115 {
        1
    } else {
        (v - 35) / 40
    }
}

/// The nearest xterm-256 index of an RGB colour.
pub fn to_256(r: u8, g: u8, b: u8) -> u8 {
    let (cr, cg, cb) = (cube(r), cube(g), cube(b));
    let level = |c: u8| if c == 0 { 0 } else { 55 + 40 * c as i32 };
    let cube_rgb = (level(cr), level(cg), level(cb));
    let avg = (r as i32 + g as i32 + b as i32) / 3;
    let gray_i = if avg > 238 {
        23
    } else {
        ((avg - 3).max(0) / 10).min(23)
    };
    let gray_v = 8 + 10 * gray_i;
    let d = |a: (i32, i32, i32)| {
        (a.0 - r as i32).pow(2) + (a.1 - g as i32).pow(2) + (a.2 - b as i32).pow(2)
    };
    if d((gray_v, gray_v, gray_v)) < d(cube_rgb) {
        232 + gray_i as u8
    } else {
        16 + 36 * cr + 6 * cg + cb
    }
}

/// The nearest of the 16 ANSI colours.
pub fn to_16(r: u8, g: u8, b: u8) -> Color {
    NAMED
        .iter()
        .min_by_key(|(_, _, (nr, ng, nb))| {
            (*nr as i32 - r as i32).pow(2)
                + (*ng as i32 - g as i32).pow(2)
                + (*nb as i32 - b as i32).pow(2)
        })
        .map(|(_, c, _)| *c)
        .unwrap_or(Color::Reset)
}

fn degrade_color(c: Color, depth: Depth) -> Option<Color> {
    match (c, depth) {
        (_, Depth::Mono) => None,
        (Color::Rgb(r, g, b), Depth::C256) => Some(Color::Indexed(to_256(r, g, b))),
        (Color::Rgb(r, g, b), Depth::C16) => Some(to_16(r, g, b)),
        (Color::Indexed(i), Depth::C16) if i >= 16 => {
            let (r, g, b) = index_rgb(i);
            Some(to_16(r, g, b))
        }
        (c, _) => Some(c),
    }
}

fn index_rgb(i: u8) -> (u8, u8, u8) {
    if i >= 232 {
        let v = 8 + 10 * (i - 232);
        return (v, v, v);
    }
    let i = i - 16;
    let level = |c: u8| if c == 0 { 0 } else { 55 + 40 * c };
    (level(i / 36), level((i / 6) % 6), level(i % 6))
}

fn degrade(st: Style, depth: Depth) -> Style {
    let mut out = Style::default()
        .add_modifier(st.add_modifier)
        .remove_modifier(st.sub_modifier);
    if let Some(fg) = st.fg.and_then(|c| degrade_color(c, depth)) {
        out = out.fg(fg);
    }
    if let Some(bg) = st.bg.and_then(|c| degrade_color(c, depth)) {
        out = out.bg(bg);
    }
    out
}

/// The names `:theme` completes.
pub fn names() -> Vec<String> {
    let mut v: Vec<String> = BUILTIN.iter().map(|(n, _)| n.to_string()).collect();
    if let Ok(rd) = std::fs::read_dir(crate::config::config_dir().join("themes")) {
        for e in rd.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "toml") {
                if let Some(s) = p.file_stem().and_then(|s| s.to_str()) {
                    v.push(s.to_string());
                }
            }
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_load_cleanly_with_every_slot() {
        for (name, _) in BUILTIN {
            let (t, w) = Theme::load(name, Depth::True);
            assert!(w.is_empty(), "{name}: {w:?}");
            for s in Slot::ALL {
                assert!(t.styles.contains_key(s), "{name} lacks {}", s.name());
            }
        }
    }

    #[test]
    fn degrades_and_honours_no_color() {
        assert_eq!(
            Depth::from_env(Some("1"), Some("truecolor"), None),
            Depth::Mono
        );
        assert_eq!(Depth::from_env(None, Some("truecolor"), None), Depth::True);
        assert_eq!(
            Depth::from_env(None, None, Some("tmux-256color")),
            Depth::C256
        );
        assert_eq!(Depth::from_env(None, None, Some("xterm")), Depth::C16);
        let (t, _) = Theme::load("default", Depth::C256);
        assert!(matches!(t.get(Slot::Selection).bg, Some(Color::Indexed(_))));
        let (t, _) = Theme::load("default", Depth::C16);
        assert!(!matches!(
            t.get(Slot::Selection).bg,
            Some(Color::Indexed(_) | Color::Rgb(..))
        ));
        let (t, _) = Theme::load("default", Depth::Mono);
        assert_eq!(t.name, "mono");
        assert!(Slot::ALL
            .iter()
            .all(|s| t.get(*s).fg.is_none() && t.get(*s).bg.is_none()));
        assert_eq!(to_256(0, 0, 0), 16);
        assert_eq!(to_256(255, 255, 255), 231);
        assert_eq!(to_256(0x5f, 0xaf, 0xd7), 74);
    }

    #[test]
    fn bad_colour_falls_back_and_loops_stop() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("mine.toml");
        std::fs::write(
            &p,
            "inherits = \"light\"\naccent = \"#zzzzzz\"\nselection = \"red\"\n",
        )
        .unwrap();
        let (t, w) = Theme::load(p.to_str().unwrap(), Depth::True);
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].to_string().contains("accent"));
        assert_eq!(
            t.get(Slot::Accent).fg,
            Some(Color::Rgb(0, 0x5f, 0x87)),
            "inherited from light"
        );
        assert_eq!(t.get(Slot::Selection).fg, Some(Color::Red));
        let q = dir.path().join("loop.toml");
        std::fs::write(&q, format!("inherits = \"{}\"\n", q.display())).unwrap();
        let (_, w) = Theme::load(q.to_str().unwrap(), Depth::True);
        assert!(
            w.iter().any(|w| matches!(w, ThemeWarning::TooDeep { .. })),
            "{w:?}"
        );
        assert!(w.iter().any(|w| w.to_string().contains("deeper")), "{w:?}");
        let (t, w) = Theme::load("no-such-theme", Depth::True);
        assert_eq!(w.len(), 1);
        assert!(t.get(Slot::Selection).bg.is_some());
    }
}
