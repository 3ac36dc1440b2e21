//! Printing for people: aligned columns that count CJK characters as two
//! cells, cut on cell boundaries with an ellipsis, and every value escaped so
//! no stored text can drive the terminal.

use unicode_width::UnicodeWidthStr;

use crate::model::sanitize::escape;

/// Display width of text in terminal cells.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Escapes `s` and cuts it to at most `max` cells, ending in `…` when cut.
pub fn fit(s: &str, max: usize) -> String {
    let s = escape(s);
    if width(&s) <= max {
        return s;
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw + 1 > max {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// Pads (already escaped) `s` with spaces to `w` cells.
pub fn pad(s: &str, w: usize) -> String {
    let have = width(s);
    if have >= w {
        s.to_string()
    } else {
        format!("{s}{}", " ".repeat(w - have))
    }
}

/// Rows of cells printed in columns; the last column is not padded.
/// `limits` caps each column's width (0 = no cap).
pub fn render(header: &[&str], rows: &[Vec<String>], limits: &[usize]) -> String {
    let cells: Vec<Vec<String>> = std::iter::once(header.iter().map(|h| h.to_string()).collect())
        .chain(rows.iter().map(|r| {
            r.iter()
                .enumerate()
                .map(|(i, c)| {
                    fit(
                        c,
                        limits
                            .get(i)
                            .copied()
                            .filter(|l| *l > 0)
                            .unwrap_or(usize::MAX),
                    )
                })
                .collect()
        }))
        .collect();
    let cols = header.len();
    let widths: Vec<usize> = (0..cols)
        .map(|i| {
            cells
                .iter()
                .map(|r| r.get(i).map(|c| width(c)).unwrap_or(0))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for r in &cells {
        let line: Vec<String> = (0..cols)
            .map(|i| {
                let c = r.get(i).cloned().unwrap_or_default();
                if i + 1 == cols {
                    c
                } else {
                    pad(&c, widths[i])
                }
            })
            .collect();
        out.push_str(line.join("  ").trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_columns_align() {
        let t = render(
            &["代碼", "標題"],
            &[
                vec!["收2026-0001".into(), "關於校舍安全的請示".into()],
                vec!["a".into(), "b".into()],
            ],
            &[],
        );
        let lines: Vec<&str> = t.lines().collect();
        let col = |l: &str| width(l.split("  ").next().unwrap());
        assert_eq!(
            width(&lines[1][..lines[1].find("關").unwrap()]),
            width(&lines[2][..lines[2].rfind('b').unwrap()])
        );
        assert!(col(lines[0]) <= 11);
    }

    #[test]
    fn fit_cuts_on_cells_and_escapes() {
        assert_eq!(fit("關於校舍安全", 7), "關於校…");
        assert_eq!(fit("a\x1b[2Jb", 20), "a␛[2Jb");
        assert!(width(&fit("關於校舍安全", 6)) <= 6);
    }
}
