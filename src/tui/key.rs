//! Keys as the keymap, the config file and the docs write them: `j`, `G`,
//! `<C-d>`, `<Enter>`, `<S-Tab>`; a sequence is keys written one after the
//! other (`gg`, `gt`, `<C-w>j`).

use std::fmt;

/// What was pressed, without modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    /// A character (shifted letters arrive as capitals).
    Char(char),
    /// Enter.
    Enter,
    /// Escape.
    Esc,
    /// Tab.
    Tab,
    /// Shift-Tab.
    BackTab,
    /// Backspace.
    Backspace,
    /// Delete.
    Delete,
    /// Arrow up.
    Up,
    /// Arrow down.
    Down,
    /// Arrow left.
    Left,
    /// Arrow right.
    Right,
    /// Home.
    Home,
    /// End.
    End,
    /// Page up.
    PageUp,
    /// Page down.
    PageDown,
    /// A function key.
    F(u8),
}

/// One key press.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    /// The key.
    pub code: Code,
    /// Control held.
    pub ctrl: bool,
    /// Alt held.
    pub alt: bool,
}

impl Key {
    /// A plain character.
    pub const fn ch(c: char) -> Key {
        Key {
            code: Code::Char(c),
            ctrl: false,
            alt: false,
        }
    }

    /// A key without modifiers.
    pub const fn plain(code: Code) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }

    /// Control plus a character.
    pub const fn ctrl(c: char) -> Key {
        Key {
            code: Code::Char(c),
            ctrl: true,
            alt: false,
        }
    }

    /// The character typed, if this is plain text input.
    pub fn text(self) -> Option<char> {
        match self.code {
            Code::Char(c) if !self.ctrl && !self.alt => Some(c),
            _ => None,
        }
    }

    /// A digit typed without modifiers.
    pub fn digit(self) -> Option<u32> {
        self.text().and_then(|c| c.to_digit(10))
    }
}

fn named(name: &str) -> Option<Code> {
    Some(match name.to_ascii_lowercase().as_str() {
        "enter" | "cr" | "ret" => Code::Enter,
        "esc" => Code::Esc,
        "tab" => Code::Tab,
        "backtab" => Code::BackTab,
        "bs" | "backspace" => Code::Backspace,
        "del" | "delete" => Code::Delete,
        "up" => Code::Up,
        "down" => Code::Down,
        "left" => Code::Left,
        "right" => Code::Right,
        "home" => Code::Home,
        "end" => Code::End,
        "pageup" | "pgup" => Code::PageUp,
        "pagedown" | "pgdn" => Code::PageDown,
        "space" => Code::Char(' '),
        "lt" => Code::Char('<'),
        "gt" => Code::Char('>'),
        f if f.starts_with('f') && f.len() > 1 => Code::F(f[1..].parse().ok()?),
        _ => return None,
    })
}

fn bracketed(inner: &str) -> Option<Key> {
    let mut ctrl = false;
    let mut alt = false;
    let mut shift = false;
    let mut rest = inner;
    while rest.len() > 2 && rest.as_bytes()[1] == b'-' {
        match rest.as_bytes()[0].to_ascii_lowercase() {
            b'c' => ctrl = true,
            b'a' | b'm' => alt = true,
            b's' => shift = true,
            _ => return None,
        }
        rest = &rest[2..];
    }
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) => Code::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
        _ => named(rest)?,
    };
    let code = match (code, shift) {
        (Code::Tab, true) => Code::BackTab,
        (Code::Char(c), true) => Code::Char(c.to_ascii_uppercase()),
        (c, _) => c,
    };
    Some(Key { code, ctrl, alt })
}

/// Parses a key sequence such as `gg`, `<C-d>`, `5j` or `<Esc>:q<Enter>`.
pub fn parse_keys(s: &str) -> Result<Vec<Key>, String> {
    let mut out = vec![];
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            if let Some(end) = rest.find('>') {
                if let Some(k) = bracketed(&rest[1..end]) {
                    out.push(k);
                    rest = &rest[end + 1..];
                    continue;
                }
            }
            if rest.len() > 1 {
                return Err(format!("'{s}': unknown key name in <…>"));
            }
        }
        out.push(Key::ch(c));
        rest = &rest[c.len_utf8()..];
    }
    if out.is_empty() {
        return Err("an empty key sequence".into());
    }
    Ok(out)
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self.code {
            Code::Char(' ') => "Space".to_string(),
            Code::Char('<') => "lt".to_string(),
            Code::Char(c) => c.to_string(),
            Code::Enter => "Enter".into(),
            Code::Esc => "Esc".into(),
            Code::Tab => "Tab".into(),
            Code::BackTab => "S-Tab".into(),
            Code::Backspace => "BS".into(),
            Code::Delete => "Del".into(),
            Code::Up => "Up".into(),
            Code::Down => "Down".into(),
            Code::Left => "Left".into(),
            Code::Right => "Right".into(),
            Code::Home => "Home".into(),
            Code::End => "End".into(),
            Code::PageUp => "PageUp".into(),
            Code::PageDown => "PageDown".into(),
            Code::F(n) => format!("F{n}"),
        };
        let plain =
            !self.ctrl && !self.alt && matches!(self.code, Code::Char(c) if c != ' ' && c != '<');
        if plain {
            return f.write_str(&name);
        }
        let mut s = String::from("<");
        if self.ctrl {
            s.push_str("C-");
        }
        if self.alt {
            s.push_str("A-");
        }
        s.push_str(&name);
        s.push('>');
        f.write_str(&s)
    }
}

/// A sequence as text.
pub fn show_keys(keys: &[Key]) -> String {
    keys.iter().map(|k| k.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for s in [
            "gg",
            "<C-d>",
            "<Enter>",
            "<S-Tab>",
            "G",
            "<Space>",
            "<Esc>:q<Enter>",
            "5j",
            "<A-x>",
            "<F5>",
            "<lt>",
        ] {
            let k = parse_keys(s).unwrap();
            assert_eq!(show_keys(&k), s, "{s}");
        }
        assert_eq!(parse_keys("<C-D>").unwrap(), vec![Key::ctrl('d')]);
        assert!(parse_keys("<nope>").is_err());
        assert!(parse_keys("").is_err());
        assert_eq!(parse_keys("中文").unwrap().len(), 2);
    }
}
