//! What the GB/T 9704 format check found, as data: each finding names its
//! rule and particulars, so the CLI prints it in English (its `Display`)
//! and the workbench says it in the clerk's language.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{cn_date, Classification, DocType};

/// One rule of the format check a 發文 breaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FormatProblem {
    /// The title does not end with its 文種.
    TitleType {
        /// The document's 文種.
        doc_type: DocType,
    },
    /// A classified document without a six-digit 份號.
    CopyNo {
        /// Its 密級.
        classification: Classification,
    },
    /// A classified document without its 保密期限.
    SecrecyYears {
        /// Its 密級.
        classification: Classification,
        /// The term the 密級 has by default, in years.
        default_years: u32,
    },
    /// A 上行文 without its 簽發人 (filled in at 簽發).
    Signer {
        /// The document's 文種.
        doc_type: DocType,
    },
    /// No 成文日期 yet (簽發 sets it).
    NoSignDate,
    /// The 成文日期 is after today.
    SignDateFuture {
        /// The 成文日期.
        date: NaiveDate,
    },
    /// The 成文日期 is before the draft was written.
    SignDateBeforeDraft {
        /// The 成文日期.
        date: NaiveDate,
        /// The day the draft was written.
        drafted: NaiveDate,
    },
    /// A 文種 that is addressed to someone, without its 主送機關.
    Recipients {
        /// The document's 文種.
        doc_type: DocType,
    },
    /// No 機關代字, so 編號 cannot allocate the 發文字號.
    Prefix,
}

impl FormatProblem {
    /// The field to fix (`shuniu fields 發文` names them).
    pub fn field(&self) -> &'static str {
        match self {
            FormatProblem::TitleType { .. } => "title",
            FormatProblem::CopyNo { .. } => "copy_no",
            FormatProblem::SecrecyYears { .. } => "secrecy_years",
            FormatProblem::Signer { .. } => "signer",
            FormatProblem::NoSignDate
            | FormatProblem::SignDateFuture { .. }
            | FormatProblem::SignDateBeforeDraft { .. } => "sign_date",
            FormatProblem::Recipients { .. } => "recipients",
            FormatProblem::Prefix => "prefix",
        }
    }

    /// Whether 簽發 itself fills this in (the 簽發人, the 成文日期): reported
    /// before signing for information, never a reason to refuse 簽發.
    pub fn at_signing(&self) -> bool {
        matches!(
            self,
            FormatProblem::Signer { .. } | FormatProblem::NoSignDate
        )
    }
}

impl fmt::Display for FormatProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FormatProblem::TitleType { doc_type } => write!(
                f,
                "the title should end with its 文種 {doc_type} (發文機關 + 事由 + 文種)"
            ),
            FormatProblem::CopyNo { classification } => write!(
                f,
                "a {classification} document needs its 份號 (6 digits, e.g. 000001)"
            ),
            FormatProblem::SecrecyYears {
                classification,
                default_years,
            } => write!(
                f,
                "密級 {classification} needs its 保密期限 (default {default_years} years)"
            ),
            FormatProblem::Signer { doc_type } => {
                write!(f, "a 上行文 ({doc_type}) must name its 簽發人")
            }
            FormatProblem::NoSignDate => {
                f.write_str("no 成文日期 yet (簽發 sets it to the day of signing)")
            }
            FormatProblem::SignDateFuture { date } => write!(
                f,
                "成文日期 {} is in the future; it is the day the document is signed",
                cn_date(*date)
            ),
            FormatProblem::SignDateBeforeDraft { date, drafted } => write!(
                f,
                "成文日期 {} is before the draft was written ({})",
                cn_date(*date),
                cn_date(*drafted)
            ),
            FormatProblem::Recipients { doc_type } => {
                write!(f, "a {doc_type} needs its 主送機關")
            }
            FormatProblem::Prefix => {
                f.write_str("no 機關代字: 編號 cannot allocate the 發文字號 without it")
            }
        }
    }
}
