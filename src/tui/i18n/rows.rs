//! What is wrong with a directory CSV file (`model::directory_problem`),
//! said in the clerk's language; the CSV reader's own words stay inside.

use super::{tr, Lang, T};
use crate::model::directory_problem::RowProblem;
use crate::model::sanitize::escape;

/// A problem of a units or people file, in `lang`.
pub fn row_problem(lang: Lang, p: &RowProblem) -> String {
    match p {
        RowProblem::Header(e) => tr(lang, T::RowHeader, &[&escape(e)]),
        RowProblem::UnknownColumn { column, columns } => {
            tr(lang, T::RowUnknownColumn, &[column, &columns.join(", ")])
        }
        RowProblem::NoNameColumn => tr(lang, T::RowNoNameColumn, &[]),
        RowProblem::NotCsv(e) => tr(lang, T::RowNotCsv, &[&escape(e)]),
        RowProblem::Required => tr(lang, T::RowRequired, &[]),
        RowProblem::NotKey(k) => tr(lang, T::RowNotKey, &[k]),
        RowProblem::KeyTwice(k) => tr(lang, T::RowKeyTwice, &[k]),
        RowProblem::NotPhone(p) => tr(lang, T::RowNotPhone, &[p]),
        RowProblem::NotNumber(s) => tr(lang, T::RowNotNumber, &[s]),
        RowProblem::NoUnit(u) => tr(lang, T::RowNoUnit, &[u]),
        RowProblem::NotUtf8 { byte } => tr(lang, T::RowNotUtf8, &[&byte.to_string()]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_problem_is_said_without_english_in_chinese() {
        let v = [
            RowProblem::Header("某錯".into()),
            RowProblem::UnknownColumn {
                column: "顏色".into(),
                columns: &[],
            },
            RowProblem::NoNameColumn,
            RowProblem::NotCsv("某錯".into()),
            RowProblem::Required,
            RowProblem::NotKey("某代號".into()),
            RowProblem::KeyTwice("某代號".into()),
            RowProblem::NotPhone("某號".into()),
            RowProblem::NotNumber("某號".into()),
            RowProblem::NoUnit("某局".into()),
            RowProblem::NotUtf8 { byte: 12 },
        ];
        // A new problem must be added above: this match stops compiling.
        for p in &v {
            match p {
                RowProblem::Header(_)
                | RowProblem::UnknownColumn { .. }
                | RowProblem::NoNameColumn
                | RowProblem::NotCsv(_)
                | RowProblem::Required
                | RowProblem::NotKey(_)
                | RowProblem::KeyTwice(_)
                | RowProblem::NotPhone(_)
                | RowProblem::NotNumber(_)
                | RowProblem::NoUnit(_)
                | RowProblem::NotUtf8 { .. } => {}
            }
        }
        // Words of three or more Latin letters, but the format's names
        // (CSV, UTF) and the column `name`, which the file spells so.
        let english = |s: &str| {
            s.split(|c: char| !c.is_ascii_alphabetic())
                .any(|w| w.len() >= 3 && !["CSV", "UTF", "name"].contains(&w))
        };
        for p in &v {
            for lang in [Lang::Hant, Lang::Hans] {
                let s = row_problem(lang, p);
                assert!(!english(&s), "{p:?} in {lang:?}: {s}");
            }
            assert_eq!(row_problem(Lang::En, p), p.to_string(), "{p:?}");
        }
    }
}
