//! Folding text so that what a clerk types meets what is stored: simplified
//! and traditional alike, full-width and half-width alike, case folded, every
//! bracket of a 文號 the same, plus the text's pinyin and pinyin initials.

use pinyin::ToPinyin;

/// One character as the index compares it.
fn fold_char(c: char) -> char {
    // Full-width ASCII → ASCII first, then every bracket a 文號 may be typed with.
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    };
    let c = match c {
        '[' | '(' | '【' | '〈' => '〔',
        ']' | ')' | '】' | '〉' => '〕',
        '号' => '號',
        _ => c,
    };
    if c.is_ascii_uppercase() {
        c.to_ascii_lowercase()
    } else {
        c
    }
}

/// Text in its folded form: simplified script, ASCII, lower case, control
/// characters dropped.
pub fn fold(s: &str) -> String {
    let pre: String = s
        .chars()
        .filter(|c| !c.is_control())
        .map(fold_char)
        .collect();
    // fast2s maps traditional characters to simplified one for one.
    let mut out = fast2s::convert(&pre);
    // Keep 號 folded (fast2s would turn it back into 号).
    if out.contains('号') {
        out = out.replace('号', "號");
    }
    out
}

/// Full pinyin without tones or spaces, and the initials, of folded text.
/// Non-Chinese letters and digits are kept as they are in both.
pub fn pinyin_forms(folded: &str) -> (String, String) {
    let mut full = String::with_capacity(folded.len() * 2);
    let mut initials = String::with_capacity(folded.len());
    for (c, p) in folded.chars().zip(folded.to_pinyin()) {
        match p {
            Some(p) => {
                full.push_str(p.plain());
                initials.push_str(p.first_letter());
            }
            None if c.is_ascii_alphanumeric() => {
                full.push(c);
                initials.push(c);
            }
            None => {}
        }
    }
    (full, initials)
}

/// Whether a character is a Chinese ideograph (the ones pinyin applies to).
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FA1F}')
}

/// The digits of a string (for phone numbers).
pub fn digits(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_digit()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_scripts_width_case_and_brackets() {
        assert_eq!(fold("辦文"), fold("办文"));
        assert_eq!(fold("教育局請示"), "教育局请示");
        assert_eq!(fold("ＡＢＣ１２"), "abc12");
        assert_eq!(fold("市教發[2026]45号"), fold("市教發〔2026〕45號"));
        assert_eq!(fold("a\x1bb"), "ab");
    }

    #[test]
    fn pinyin_of_names() {
        let (full, ini) = pinyin_forms(&fold("張三"));
        assert_eq!(full, "zhangsan");
        assert_eq!(ini, "zs");
        let (_, ini) = pinyin_forms(&fold("校舍安全"));
        assert_eq!(ini, "xsaq");
    }
}
