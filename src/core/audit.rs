//! How the audit trail names the items an entry is about. An entry about one
//! item carries it in `item`; an entry about many (a list or an export of
//! classified items, a bulk intake) ends its detail with `(ids 3,5,9-12)`,
//! so one entry per request still lets `shuniu audit --item 9` find it.

use crate::model::{AuditEntry, ItemId};

/// The actions whose detail may name items (only shuniu writes those details).
const NAMING: [&str; 2] = ["read", "write"];

/// `ids` as the compact list the detail ends with: sorted, runs as ranges.
pub(super) fn id_list(ids: &[ItemId]) -> String {
    let mut v = ids.to_vec();
    v.sort_unstable();
    v.dedup();
    let mut out = String::new();
    let mut i = 0;
    while i < v.len() {
        let start = v[i];
        let mut end = start;
        while i + 1 < v.len() && v[i + 1] == end + 1 {
            i += 1;
            end = v[i];
        }
        if !out.is_empty() {
            out.push(',');
        }
        if end == start {
            out.push_str(&start.to_string());
        } else {
            out.push_str(&format!("{start}-{end}"));
        }
        i += 1;
    }
    out
}

/// The detail of an entry about many items: `what` and the list of them.
pub(super) fn naming(what: &str, ids: &[ItemId]) -> String {
    format!("{what} (ids {})", id_list(ids))
}

/// Whether an entry is about item `id`: it names it in `item`, or in the id
/// list at the end of its detail.
pub(super) fn concerns(e: &AuditEntry, id: ItemId) -> bool {
    if e.item == Some(id) {
        return true;
    }
    if !NAMING.contains(&e.action.as_str()) {
        return false;
    }
    let Some(list) = e
        .detail
        .rsplit_once("(ids ")
        .and_then(|(_, rest)| rest.strip_suffix(')'))
    else {
        return false;
    };
    list.split(',').any(|part| match part.split_once('-') {
        Some((a, b)) => match (a.parse::<ItemId>(), b.parse::<ItemId>()) {
            (Ok(a), Ok(b)) => (a..=b).contains(&id),
            _ => false,
        },
        None => part.parse::<ItemId>() == Ok(id),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(action: &str, item: Option<ItemId>, detail: &str) -> AuditEntry {
        AuditEntry {
            at: 0,
            user: "u".into(),
            action: action.into(),
            item,
            detail: detail.into(),
        }
    }

    #[test]
    fn runs_become_ranges_and_every_named_id_is_found() {
        assert_eq!(id_list(&[9, 3, 10, 11, 5, 12, 3]), "3,5,9-12");
        assert_eq!(id_list(&[]), "");
        let e = entry(
            "read",
            None,
            &naming("列出 6 件機密/絕密", &[3, 5, 9, 10, 11, 12]),
        );
        for id in [3, 5, 9, 10, 11, 12] {
            assert!(concerns(&e, id), "{id} in {}", e.detail);
        }
        for id in [1, 4, 6, 8, 13, 35] {
            assert!(!concerns(&e, id), "{id} in {}", e.detail);
        }
    }

    #[test]
    fn only_shuniu_written_details_name_items() {
        // A user entry whose login happens to end like an id list names nothing.
        let e = entry("user", None, "x (ids 7)");
        assert!(!concerns(&e, 7));
        assert!(concerns(&entry("write", Some(7), "修改"), 7));
        assert!(!concerns(&entry("write", Some(7), "修改"), 8));
        assert!(!concerns(&entry("read", None, "(ids x-y)"), 1));
    }
}
