//! The catalogue is complete in every language and its placeholders agree.

use super::*;

fn placeholders(s: &str) -> Vec<usize> {
    let mut v: Vec<usize> = (0..9).filter(|i| s.contains(&format!("{{{i}}}"))).collect();
    v.sort();
    v
}

#[test]
fn every_string_in_every_language() {
    for t in T::ALL {
        let base = placeholders(t.text(Lang::Hant));
        for l in Lang::ALL {
            let s = t.text(l);
            assert!(!s.trim().is_empty(), "{t:?} is empty in {l:?}");
            assert_eq!(placeholders(s), base, "{t:?} placeholders differ in {l:?}");
        }
        // English must not be left in Chinese, nor 简体 in 繁體 characters that differ.
        assert_ne!(
            t.text(Lang::En),
            t.text(Lang::Hant).replace('樞', ""),
            "{t:?}"
        );
    }
}

#[test]
fn simplified_strings_are_simplified() {
    for t in T::ALL {
        let s = t.text(Lang::Hans);
        // Allow the literal Chinese names of the kinds (收文 發文 …) that
        // clerks type as arguments, and the 繁體 brand in English.
        let conv = fast2s::convert(s);
        let differs: Vec<char> = s
            .chars()
            .zip(conv.chars())
            .filter(|(a, b)| a != b && !"發週會務".contains(*a))
            .map(|(a, _)| a)
            .collect();
        assert!(
            differs.is_empty(),
            "{t:?} has traditional characters {differs:?} in 简体"
        );
    }
}

#[test]
fn parses_languages() {
    assert_eq!(Lang::parse("zh-Hans"), Some(Lang::Hans));
    assert_eq!(Lang::parse("简体"), Some(Lang::Hans));
    assert_eq!(Lang::parse("EN"), Some(Lang::En));
    assert_eq!(Lang::parse("zh_TW"), Some(Lang::Hant));
    assert_eq!(Lang::parse("fr"), None);
    assert_eq!(tr(Lang::En, T::Selected, &["3"]), "3 selected");
}
