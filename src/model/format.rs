//! The GB/T 9704-2012 format check of a 發文, run before 簽發 (and by
//! `shuniu check-format`): a list of findings, each naming its field. 簽發
//! is refused while any finding remains.

use chrono::NaiveDate;

pub use super::format_problem::FormatProblem;
use super::{time, DocType, Item, KindData};

/// One problem found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The field to fix (`shuniu fields 發文` names them).
    pub field: &'static str,
    /// What is wrong, as data; its `Display` is the CLI's English.
    pub problem: FormatProblem,
    /// 簽發 itself fills this in (the 簽發人, the 成文日期): reported before
    /// signing for information, never a reason to refuse 簽發.
    pub at_signing: bool,
}

impl From<FormatProblem> for Finding {
    fn from(problem: FormatProblem) -> Finding {
        Finding {
            field: problem.field(),
            at_signing: problem.at_signing(),
            problem,
        }
    }
}

/// 文種 whose documents are addressed to the public or to no one in
/// particular, so they carry no 主送機關 (GB/T 9704 7.2.5 "如需要").
fn needs_recipients(t: DocType) -> bool {
    !matches!(
        t,
        DocType::Order
            | DocType::Communique
            | DocType::Announcement
            | DocType::Notice
            | DocType::Resolution
            | DocType::Minutes
    )
}

/// How a title ends for its 文種 (`…的通知`; 命令 titles end in 令).
fn title_ends_with_type(title: &str, t: DocType) -> bool {
    let title = title.trim_end_matches(['。', ' ', '）', ')']);
    match t {
        DocType::Order => title.ends_with('令'),
        DocType::Minutes => title.ends_with("紀要") || title.ends_with("纪要"),
        t => title.ends_with(t.label()) || title.ends_with(t.english()),
    }
}

/// Every format finding on `it` (empty for other kinds), as of `today`.
pub fn check_format(it: &Item, today: NaiveDate) -> Vec<Finding> {
    let KindData::Outgoing(d) = &it.data else {
        return vec![];
    };
    let mut out: Vec<FormatProblem> = vec![];
    // 文種: one of the 15 (the type guarantees it), and the title says which.
    if !title_ends_with_type(&it.title, d.doc_type) {
        out.push(FormatProblem::TitleType {
            doc_type: d.doc_type,
        });
    }
    if it.classification.is_classified() {
        if d.copy_no.len() != 6 || !d.copy_no.bytes().all(|b| b.is_ascii_digit()) {
            out.push(FormatProblem::CopyNo {
                classification: it.classification,
            });
        }
        if it.secrecy_years.is_none() {
            out.push(FormatProblem::SecrecyYears {
                classification: it.classification,
                default_years: it.classification.default_term_years().unwrap_or(10).into(),
            });
        }
    }
    if d.doc_type.is_upward() && d.signer.trim().is_empty() {
        out.push(FormatProblem::Signer {
            doc_type: d.doc_type,
        });
    }
    let drafted = time::local_date(it.created);
    match d.sign_date {
        None => out.push(FormatProblem::NoSignDate),
        Some(s) if s > today => out.push(FormatProblem::SignDateFuture { date: s }),
        Some(s) if s < drafted => out.push(FormatProblem::SignDateBeforeDraft { date: s, drafted }),
        Some(_) => {}
    }
    if needs_recipients(d.doc_type) && d.recipients.trim().is_empty() {
        out.push(FormatProblem::Recipients {
            doc_type: d.doc_type,
        });
    }
    if d.prefix.trim().is_empty() {
        out.push(FormatProblem::Prefix);
    }
    out.into_iter().map(Finding::from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Classification, Kind};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    fn doc(title: &str) -> Item {
        let now = time::from_local(today().and_hms_opt(9, 0, 0).unwrap());
        let mut it = Item::new(Kind::Outgoing, title, "t", now);
        if let KindData::Outgoing(d) = &mut it.data {
            d.prefix = "市政辦發".into();
            d.recipients = "各區縣人民政府".into();
            d.sign_date = Some(today());
        }
        it
    }

    fn fields(it: &Item) -> Vec<&'static str> {
        check_format(it, today()).iter().map(|f| f.field).collect()
    }

    #[test]
    fn a_clean_circular_has_no_findings() {
        assert!(fields(&doc("關於做好冬季安全生產工作的通知")).is_empty());
    }

    #[test]
    fn each_rule_names_its_field() {
        assert_eq!(fields(&doc("冬季安全生產")), ["title"]);
        let mut it = doc("關於經費的請示");
        if let KindData::Outgoing(d) = &mut it.data {
            d.doc_type = DocType::Request;
            d.recipients.clear();
            d.prefix.clear();
            d.sign_date = Some(today().succ_opt().unwrap());
        }
        it.classification = Classification::Secret;
        it.secrecy_years = None;
        assert_eq!(
            fields(&it),
            [
                "copy_no",
                "secrecy_years",
                "signer",
                "sign_date",
                "recipients",
                "prefix"
            ]
        );
        let f = check_format(&it, today());
        assert!(f.iter().find(|f| f.field == "signer").unwrap().at_signing);
        let m = f[3].problem.to_string();
        assert!(m.contains("2026年11月26日"), "{m}");
        assert_eq!(
            f[3].problem,
            FormatProblem::SignDateFuture {
                date: today().succ_opt().unwrap()
            }
        );
    }

    #[test]
    fn public_notices_need_no_recipients() {
        let mut it = doc("關於春節期間燃放煙花爆竹的通告");
        if let KindData::Outgoing(d) = &mut it.data {
            d.doc_type = DocType::Notice;
            d.recipients.clear();
        }
        assert!(fields(&it).is_empty());
        let mut order = doc("市人民政府令");
        if let KindData::Outgoing(d) = &mut order.data {
            d.doc_type = DocType::Order;
        }
        assert!(fields(&order).is_empty());
    }
}
