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

#[test]
fn every_model_problem_is_said_without_english_in_chinese() {
    use crate::model::{DateReason, DateWhat, Kind, Problem as P, Urgency};
    let got = || "某值".to_string();
    let mut all = vec![
        P::NotOneOf {
            what: "urgency".into(),
            got: got(),
            valid: vec!["平件".into(), "加急".into()],
        },
        P::NotWholeNumber { got: got() },
        P::CopyNo { got: got() },
        P::Phone { got: got() },
        P::Duration { got: got() },
        P::OneLeadUnit,
        P::Empty,
        P::TooLong { max: 500 },
        P::SecrecyYears,
        P::SecrecyUnclassified,
        P::PrefixOnly,
        P::NotADate {
            got: got(),
            reason: None,
        },
        P::NotADateTime { got: got() },
        P::DateOutOfRange { got: got() },
        P::NotATime { got: got() },
        P::NoSuchField {
            kind: Kind::Meeting,
            fields: vec![],
        },
        P::SystemField,
        P::NotOfKind { kind: Kind::Affair },
        P::SecrecyNeeded,
        P::DeadlineNeeded {
            urgency: Urgency::Urgent,
        },
        P::EndBeforeStart,
        P::WrongKindData,
    ];
    for what in [DateWhat::Date, DateWhat::DateTime] {
        all.push(P::DateTooLong {
            head: got(),
            chars: 200,
            what,
        });
        all.push(P::NoDate { what });
        all.push(P::DateControl { got: got(), what });
    }
    for reason in [
        DateReason::OutOfRange,
        DateReason::TooFar { max: 36600 },
        DateReason::SignAndSuffix,
        DateReason::NoMonth { month: 13 },
        DateReason::NoDay {
            year: Some(2026),
            month: 2,
            day: 30,
        },
        DateReason::NoDay {
            year: None,
            month: 2,
            day: 30,
        },
    ] {
        all.push(P::NotADate {
            got: got(),
            reason: Some(reason),
        });
    }
    // English words: three ASCII letters in a row.
    let english = |s: &str| {
        s.split(|c: char| !c.is_ascii_alphabetic())
            .any(|w| w.len() >= 3)
    };
    for p in &all {
        for lang in [Lang::Hant, Lang::Hans] {
            let s = problem(lang, p);
            assert!(
                !s.trim().is_empty() && !english(&s),
                "{p:?} in {lang:?}: {s}"
            );
        }
        let en = problem(Lang::En, p);
        assert!(english(&en), "{p:?} in English: {en}");
    }
}
