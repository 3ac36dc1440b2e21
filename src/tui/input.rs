//! A one-line text editor for the `:` line, `/`, prompts and form fields:
//! multi-byte safe, readline-style `Ctrl-w`/`Ctrl-u`, and a cursor measured
//! in terminal cells so the input method pops up where the clerk types.

use super::text::{char_width, width};

/// Text being typed, with a cursor (a byte offset on a char boundary).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    /// The text.
    pub text: String,
    /// The cursor, as a byte offset.
    pub cursor: usize,
}

#[derive(PartialEq, Eq, Clone, Copy)]
enum Class {
    Space,
    Word,
    Wide,
    Punct,
}

fn class(c: char) -> Class {
    if c.is_whitespace() {
        Class::Space
    } else if c.is_alphanumeric() && char_width(c) >= 2 {
        Class::Wide
    } else if c.is_alphanumeric() || c == '_' {
        Class::Word
    } else {
        Class::Punct
    }
}

impl TextInput {
    /// An input holding `s`, the cursor at the end.
    pub fn new(s: &str) -> TextInput {
        TextInput {
            text: s.to_string(),
            cursor: s.len(),
        }
    }

    /// Types a character.
    pub fn insert(&mut self, c: char) {
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
    }

    /// Pastes text; line breaks become spaces unless `multiline`.
    pub fn paste(&mut self, s: &str, multiline: bool) {
        let s: String = s
            .replace("\r\n", "\n")
            .chars()
            .filter_map(|c| match c {
                '\n' if multiline => Some('\n'),
                '\n' | '\r' | '\t' => Some(' '),
                c if c.is_control() => None,
                c => Some(c),
            })
            .collect();
        self.text.insert_str(self.cursor, &s);
        self.cursor += s.len();
    }

    fn prev(&self) -> Option<(usize, char)> {
        self.text[..self.cursor].char_indices().next_back()
    }

    /// Deletes the character before the cursor.
    pub fn backspace(&mut self) {
        if let Some((i, _)) = self.prev() {
            self.text.replace_range(i..self.cursor, "");
            self.cursor = i;
        }
    }

    /// Deletes the character under the cursor.
    pub fn delete(&mut self) {
        if let Some(c) = self.text[self.cursor..].chars().next() {
            self.text
                .replace_range(self.cursor..self.cursor + c.len_utf8(), "");
        }
    }

    /// One character left.
    pub fn left(&mut self) {
        if let Some((i, _)) = self.prev() {
            self.cursor = i;
        }
    }

    /// One character right.
    pub fn right(&mut self) {
        if let Some(c) = self.text[self.cursor..].chars().next() {
            self.cursor += c.len_utf8();
        }
    }

    /// To the start.
    pub fn home(&mut self) {
        self.cursor = 0;
    }

    /// To the end.
    pub fn end(&mut self) {
        self.cursor = self.text.len();
    }

    /// Deletes the word before the cursor (spaces first, then one run of
    /// the same sort of character: Latin word, CJK run, punctuation).
    pub fn delete_word(&mut self) {
        let mut start = self.cursor;
        let before: Vec<(usize, char)> = self.text[..self.cursor].char_indices().collect();
        let mut it = before.iter().rev().peekable();
        while let Some((i, c)) = it.peek() {
            if class(*c) != Class::Space {
                break;
            }
            start = *i;
            it.next();
        }
        if let Some((_, c)) = it.peek() {
            let k = class(*c);
            while let Some((i, c)) = it.peek() {
                if class(*c) != k {
                    break;
                }
                start = *i;
                it.next();
            }
        }
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }

    /// Deletes everything before the cursor.
    pub fn delete_to_start(&mut self) {
        self.text.replace_range(..self.cursor, "");
        self.cursor = 0;
    }

    /// Replaces the whole text.
    pub fn set(&mut self, s: &str) {
        self.text = s.to_string();
        self.cursor = s.len();
    }

    /// Cells before the cursor.
    pub fn cursor_cells(&self) -> usize {
        width(&self.text[..self.cursor])
    }

    /// What fits in `w` cells, scrolled so the cursor shows, and the
    /// cursor's cell within it. Line breaks show as `⏎`.
    pub fn view(&self, w: usize) -> (String, usize) {
        let shown: String = self.text.replace('\n', "⏎");
        let cur = width(&self.text[..self.cursor].replace('\n', "⏎"));
        let w = w.max(2);
        let mut skip = 0;
        if cur >= w {
            skip = cur + 1 - w;
        }
        let mut out = String::new();
        let mut pos = 0;
        for c in shown.chars() {
            let cw = char_width(c);
            if pos < skip {
                pos += cw;
                continue;
            }
            if pos + cw > skip + w {
                break;
            }
            out.push(c);
            pos += cw;
        }
        let skipped = pos - width(&out);
        (crate::model::sanitize::escape(&out), cur - skipped.min(cur))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_multibyte_text() {
        let mut t = TextInput::default();
        for c in "關於 ab".chars() {
            t.insert(c);
        }
        assert_eq!(t.cursor_cells(), 7);
        t.left();
        t.left();
        assert_eq!(t.cursor_cells(), 5);
        t.backspace();
        assert_eq!(t.text, "關於ab");
        t.end();
        t.delete_word();
        assert_eq!(t.text, "關於");
        t.insert(' ');
        t.delete_word();
        assert_eq!(t.text, "");
        t.paste("市教育局\n請示\x1b", false);
        assert_eq!(t.text, "市教育局 請示");
        t.left();
        t.delete_to_start();
        assert_eq!(t.text, "示");
        t.home();
        t.delete();
        assert_eq!(t.text, "");
    }

    #[test]
    fn view_scrolls_to_the_cursor() {
        let t = TextInput::new("一二三四五六");
        let (s, c) = t.view(6);
        assert_eq!(s, "五六");
        assert_eq!(c, 4);
        let t = TextInput::new("ab");
        assert_eq!(t.view(10), ("ab".to_string(), 2));
    }
}
