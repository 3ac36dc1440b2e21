//! Untrusted text must never reach a terminal raw. These helpers make control
//! characters, escape sequences and bidi overrides visible instead.

/// Whether a character would be interpreted by a terminal rather than shown:
/// C0/C1 controls, DEL, and the bidi embedding/override/isolate marks.
pub fn is_dangerous(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Returns `s` with every dangerous character replaced by a visible
/// placeholder: `␛` for ESC, the control pictures U+2400.. for other C0
/// controls, and `<U+XXXX>` for the rest. Plain text is returned unchanged.
pub fn escape(s: &str) -> String {
    if !s.chars().any(is_dangerous) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        out.push_str(&placeholder(c).unwrap_or_else(|| c.to_string()));
    }
    out
}

/// Like [`escape`] but keeps line breaks, for multi-line bodies printed by `show`.
pub fn escape_multiline(s: &str) -> String {
    s.split('\n').map(escape).collect::<Vec<_>>().join("\n")
}

fn placeholder(c: char) -> Option<String> {
    if !is_dangerous(c) {
        return None;
    }
    let u = c as u32;
    Some(match u {
        0x1b => "␛".to_string(),
        0x00..=0x1f => char::from_u32(0x2400 + u)
            .map(String::from)
            .unwrap_or_default(),
        0x7f => "␡".to_string(),
        _ => format!("<U+{u:04X}>"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_terminal_sequences() {
        let s = "標題\x1b]0;pwned\x07\x1b[2J";
        let e = escape(s);
        assert_eq!(e, "標題␛]0;pwned␇␛[2J");
        assert!(!e.chars().any(is_dangerous));
    }

    #[test]
    fn escapes_bidi_and_c1() {
        let e = escape("a\u{202E}b\u{9b}c");
        assert_eq!(e, "a<U+202E>b<U+009B>c");
    }

    #[test]
    fn plain_text_unchanged() {
        assert_eq!(escape("關於校舍安全的請示"), "關於校舍安全的請示");
        assert_eq!(escape_multiline("a\nb\x1b"), "a\nb␛");
    }
}
