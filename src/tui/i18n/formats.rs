//! The GB/T 9704 format check's findings (`model::format_problem`) said in
//! the clerk's language: the words of a 簽發 refused for its format.

use super::{tr, Lang, T};
use crate::model::cn_date;
use crate::model::format::FormatProblem;

/// A format finding, in `lang` (the 文種 and 密級 in its words; dates as
/// the document writes them, `2026年11月25日`).
pub fn format_problem(lang: Lang, p: &FormatProblem) -> String {
    let doc = |t: &crate::model::DocType| lang.label(t.label(), t.english());
    let level = |c: &crate::model::Classification| lang.label(c.label(), c.english());
    match p {
        FormatProblem::TitleType { doc_type } => tr(lang, T::FmtTitleType, &[&doc(doc_type)]),
        FormatProblem::CopyNo { classification } => {
            tr(lang, T::FmtCopyNo, &[&level(classification)])
        }
        FormatProblem::SecrecyYears {
            classification,
            default_years,
        } => tr(
            lang,
            T::FmtSecrecyYears,
            &[&level(classification), &default_years.to_string()],
        ),
        FormatProblem::Signer { doc_type } => tr(lang, T::FmtSigner, &[&doc(doc_type)]),
        FormatProblem::NoSignDate => tr(lang, T::FmtNoSignDate, &[]),
        FormatProblem::SignDateFuture { date } => {
            tr(lang, T::FmtSignDateFuture, &[&cn_date(*date)])
        }
        FormatProblem::SignDateBeforeDraft { date, drafted } => tr(
            lang,
            T::FmtSignDateBeforeDraft,
            &[&cn_date(*date), &cn_date(*drafted)],
        ),
        FormatProblem::Recipients { doc_type } => tr(lang, T::FmtRecipients, &[&doc(doc_type)]),
        FormatProblem::Prefix => tr(lang, T::FmtPrefix, &[]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Classification, DocType};

    /// One of every finding; a new one must be added here (the match stops compiling).
    fn every_problem() -> Vec<FormatProblem> {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let v = vec![
            FormatProblem::TitleType {
                doc_type: DocType::Request,
            },
            FormatProblem::CopyNo {
                classification: Classification::Secret,
            },
            FormatProblem::SecrecyYears {
                classification: Classification::Secret,
                default_years: 10,
            },
            FormatProblem::Signer {
                doc_type: DocType::Request,
            },
            FormatProblem::NoSignDate,
            FormatProblem::SignDateFuture { date: d },
            FormatProblem::SignDateBeforeDraft {
                date: d,
                drafted: d.succ_opt().unwrap(),
            },
            FormatProblem::Recipients {
                doc_type: DocType::Request,
            },
            FormatProblem::Prefix,
        ];
        for p in &v {
            match p {
                FormatProblem::TitleType { .. }
                | FormatProblem::CopyNo { .. }
                | FormatProblem::SecrecyYears { .. }
                | FormatProblem::Signer { .. }
                | FormatProblem::NoSignDate
                | FormatProblem::SignDateFuture { .. }
                | FormatProblem::SignDateBeforeDraft { .. }
                | FormatProblem::Recipients { .. }
                | FormatProblem::Prefix => {}
            }
        }
        v
    }

    #[test]
    fn every_format_finding_is_said_without_english_in_chinese() {
        let english = |s: &str| {
            s.split(|c: char| !c.is_ascii_alphabetic())
                .any(|w| w.len() >= 3)
        };
        for p in every_problem() {
            for lang in [Lang::Hant, Lang::Hans] {
                let s = format_problem(lang, &p);
                assert!(!english(&s), "{p:?} in {lang:?}: {s}");
                assert_ne!(s, p.to_string(), "{p:?} is not translated");
            }
            // English keeps the CLI's wording, with the 文種 and 密級 in English.
            let en = format_problem(Lang::En, &p);
            assert!(english(&en), "{p:?} in English: {en}");
        }
    }

    #[test]
    fn a_finding_keeps_its_particulars() {
        let p = FormatProblem::SecrecyYears {
            classification: Classification::Secret,
            default_years: 10,
        };
        let s = format_problem(Lang::Hant, &p);
        assert!(s.contains(Classification::Secret.label()), "{s}");
        assert!(s.contains("10 年"), "{s}");
        let p = FormatProblem::SignDateBeforeDraft {
            date: chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
            drafted: chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
        };
        assert_eq!(
            format_problem(Lang::Hant, &p),
            "成文日期 2026年11月24日 早於擬稿日（2026年11月25日）"
        );
    }
}
