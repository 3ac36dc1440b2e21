//! 歸檔 readiness: what a finished item still lacks before it may be filed,
//! and classified items whose 保密期限 is ending (to be reviewed for
//! declassification). 歸檔 itself is refused while something is missing.

use chrono::{Datelike, Days, NaiveDate};

use super::{time, ArchiveGap, DocType, Item, KindData, LinkRel, Status};

/// Finished: the work is done and the item waits for (or is in) 歸檔.
pub fn is_finished(it: &Item) -> bool {
    matches!(
        it.status,
        Status::Completed | Status::Verified | Status::Settled | Status::Issued | Status::Archived
    )
}

/// What a finished item lacks for its file, in English words (the CLI's
/// reports): see [`archive_gaps`]. Empty when ready.
pub fn missing_for_archive(it: &Item) -> Vec<String> {
    archive_gaps(it).iter().map(|g| g.to_string()).collect()
}

/// What a finished item lacks for its file: a result (辦理結果, 辦結報告),
/// a reply to a 請示, a 發文字號 or a distribution list. Empty when ready.
pub fn archive_gaps(it: &Item) -> Vec<ArchiveGap> {
    if !is_finished(it) {
        return vec![];
    }
    let mut out = vec![];
    match &it.data {
        KindData::Incoming(d) if !d.for_reading => {
            let replied = it
                .links
                .iter()
                .any(|l| matches!(l.rel, LinkRel::Derived | LinkRel::Related));
            // A 請示 is answered by its 答復 (result) or by a linked 批復.
            if d.doc_type == Some(DocType::Request) {
                if d.result.trim().is_empty() && !replied {
                    out.push(ArchiveGap::Unanswered);
                }
            } else if d.result.trim().is_empty() {
                out.push(ArchiveGap::NoResult);
            }
        }
        KindData::Affair(d) if d.result.trim().is_empty() => out.push(ArchiveGap::NoResult),
        KindData::Supervision(d) if d.result.trim().is_empty() => out.push(ArchiveGap::NoReport),
        KindData::Outgoing(d) => {
            if d.doc_no.is_none() {
                out.push(ArchiveGap::NoDocNo);
            }
            if d.distribution.is_empty() {
                out.push(ArchiveGap::NoDistribution);
            }
        }
        _ => {}
    }
    out
}

/// The day a classified item's 保密期限 ends: its years counted from the
/// 成文日期 (發文), the 收文日期 (收文), or the day it was registered.
pub fn secrecy_ends(it: &Item) -> Option<NaiveDate> {
    if !it.classification.is_classified() {
        return None;
    }
    let years = it.secrecy_years?;
    let start = match &it.data {
        KindData::Outgoing(d) => d.sign_date,
        KindData::Incoming(d) => d.received_on,
        _ => None,
    }
    .unwrap_or_else(|| time::local_date(it.created));
    let y = start.year() + i32::from(years);
    NaiveDate::from_ymd_opt(y, start.month(), start.day())
        .or_else(|| NaiveDate::from_ymd_opt(y, start.month(), 28))
}

/// Everything the 歸檔 readiness list says about `it` on `today`: what is
/// missing, and a 保密期限 ending within `soon_days` (or already ended).
pub fn readiness(it: &Item, today: NaiveDate, soon_days: u64) -> Vec<String> {
    let mut out = missing_for_archive(it);
    if let Some(end) = secrecy_ends(it) {
        let horizon = today
            .checked_add_days(Days::new(soon_days))
            .unwrap_or(today);
        if end < today {
            out.push(format!(
                "保密期限 ended on {end}: review for declassification"
            ));
        } else if end <= horizon {
            out.push(format!(
                "保密期限 ends on {end} ({} days): review for declassification",
                (end - today).num_days()
            ));
        }
    }
    out
}
