//! Text for cells: untrusted strings made safe and fitted to a width in
//! terminal cells. Wide (CJK) characters take two cells; a cut never splits
//! one, and a cut string ends in `…`.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::model::sanitize::escape;

/// Cells a string takes on screen.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cells one character takes (controls count as zero; they never reach a cell).
pub fn char_width(c: char) -> usize {
    UnicodeWidthChar::width(c).unwrap_or(0)
}

/// Untrusted text, one line: escape sequences and controls become visible
/// placeholders, line breaks become spaces.
pub fn clean(s: &str) -> String {
    let one_line: String = if s.contains(['\n', '\r', '\t']) {
        s.chars()
            .map(|c| {
                if matches!(c, '\n' | '\r' | '\t') {
                    ' '
                } else {
                    c
                }
            })
            .collect()
    } else {
        s.to_string()
    };
    escape(&one_line)
}

/// `s` (already clean) cut to at most `w` cells, with `…` when cut.
pub fn truncate(s: &str, w: usize) -> String {
    if width(s) <= w {
        return s.to_string();
    }
    if w == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = char_width(c);
        if used + cw > w - 1 {
            break;
        }
        out.push(c);
        used += cw;
    }
    out.push('…');
    out
}

/// `s` (already clean) cut or padded with spaces to exactly `w` cells.
pub fn fit(s: &str, w: usize) -> String {
    let mut t = truncate(s, w);
    let tw = width(&t);
    for _ in tw..w {
        t.push(' ');
    }
    t
}

/// Untrusted text cleaned and fitted to exactly `w` cells.
pub fn cell(s: &str, w: usize) -> String {
    fit(&clean(s), w)
}

/// Splits clean text into lines of at most `w` cells, breaking anywhere
/// (Chinese has no spaces to break at).
pub fn wrap(s: &str, w: usize) -> Vec<String> {
    let w = w.max(2);
    let mut lines = vec![];
    for para in s.split('\n') {
        let para = escape(para);
        let mut line = String::new();
        let mut used = 0;
        for c in para.chars() {
            let cw = char_width(c);
            if used + cw > w {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push(c);
            used += cw;
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_on_cell_boundaries() {
        assert_eq!(truncate("關於校舍安全", 7), "關於校…");
        assert_eq!(fit("關於校舍安全", 12), "關於校舍安全");
        assert_eq!(fit("關於校舍安全", 5), "關於…");
        assert_eq!(fit("關於校舍安全", 6), "關於… ");
        assert_eq!(width(&fit("ab關於", 4)), 4);
        assert_eq!(fit("a", 3), "a  ");
        assert_eq!(truncate("abc", 0), "");
    }

    #[test]
    fn escapes_and_flattens() {
        let c = cell("a\x1b]0;pwned\x07\nb\u{202E}", 40);
        assert!(c.starts_with("a␛]0;pwned␇ b<U+202E>"), "{c}");
        assert!(!c.chars().any(crate::model::sanitize::is_dangerous));
    }

    #[test]
    fn wraps_wide_text() {
        assert_eq!(wrap("一二三四五", 4), vec!["一二", "三四", "五"]);
        assert_eq!(wrap("a\nb", 4), vec!["a", "b"]);
    }
}
