//! Reads for the screen: a tab's rows, an item's detail, and the open items
//! that concern a unit or a caller.

use std::collections::{HashMap, HashSet};

use crate::core::{Filter, Found, Row, Service, ServiceError};
use crate::model::{Item, ItemId, Kind, LinkRel};
use crate::search::MAX_RESULTS;

use super::super::app::{CallerRow, LastChange};
use super::super::event::{LinkView, Outcome};
use super::err;

/// How many results quick find asks for.
pub const FIND_LIMIT: usize = 50;

/// How many items the caller view and the directory's detail hold.
const CALLER_LIMIT: usize = 300;

pub(super) fn rows(
    svc: &dyn Service,
    kinds: &[Kind],
    text: Option<String>,
    open: bool,
    limit: Option<usize>,
) -> Result<Vec<Row>, ServiceError> {
    if let (Some(q), Some(n)) = (&text, limit) {
        return best_matches(svc, kinds, q, open, n);
    }
    if text.is_some() || kinds.len() != 1 {
        let f = Filter {
            kind: (kinds.len() == 1).then(|| kinds[0]),
            open,
            text,
            ..Filter::default()
        };
        let mut v = svc.rows(&f)?;
        v.retain(|r| kinds.contains(&r.kind));
        if f.text.is_none() {
            v.sort_by(|a, b| b.updated.cmp(&a.updated).then(b.id.cmp(&a.id)));
        }
        return Ok(v);
    }
    svc.rows(&Filter {
        kind: Some(kinds[0]),
        open,
        ..Filter::default()
    })
}

/// Every 督查 item, finished ones too: the 督查 tab's traffic lights and
/// order come from them, and the statistics count the finished ones.
pub(super) fn board(svc: &dyn Service) -> Result<Vec<Item>, ServiceError> {
    svc.list(&Filter {
        kind: Some(Kind::Supervision),
        ..Filter::default()
    })
}

/// The best `n` matches of `q` among the tab's `kinds` (and open items when
/// `open`), in the order `rows(text)` gives them. The search is asked for
/// `n` results of the tab's kinds — the index filters the kinds inside its
/// scan and stops once it has them, which is what keeps a keystroke cheap
/// however much other kinds outnumber the tab's — and, for a tab of open
/// items only when closed ones took places, once more for as many as the
/// index returns at all (what the full load after `Enter` sees).
fn best_matches(
    svc: &dyn Service,
    kinds: &[Kind],
    q: &str,
    open: bool,
    n: usize,
) -> Result<Vec<Row>, ServiceError> {
    let ask = n.min(MAX_RESULTS);
    // The tab's kinds are filtered inside the index scan: one short query.
    let first = svc.search_kinds(q, kinds, ask)?;
    let exhausted = first.len() < ask;
    let mine = keep_mine(first, kinds, open);
    if mine.len() >= n || exhausted || !open {
        return Ok(truncated(mine, n));
    }
    // Open items only, and closed ones (ranked after them, but an exact
    // code of a closed item ranks first) took places: ask for all.
    let all = svc.search_kinds(q, kinds, MAX_RESULTS)?;
    Ok(truncated(keep_mine(all, kinds, open), n))
}

/// The rows of `kinds` among search hits (open ones only when `open`).
fn keep_mine(found: Vec<Found>, kinds: &[Kind], open: bool) -> Vec<Row> {
    found
        .into_iter()
        .filter_map(|f| match f {
            Found::Item(r) if kinds.contains(&r.kind) && (!open || r.status.is_open()) => Some(*r),
            _ => None,
        })
        .collect()
}

fn truncated(mut v: Vec<Row>, n: usize) -> Vec<Row> {
    v.truncate(n);
    v
}

fn rel_label(r: LinkRel) -> &'static str {
    match r {
        LinkRel::Source => "來源",
        LinkRel::Derived => "派生",
        LinkRel::Related => "相關",
    }
}

pub(super) fn detail(svc: &dyn Service, id: ItemId, gen: u64) -> Outcome {
    let item = match svc.get(id) {
        Ok(i) => i,
        Err(e) => return err(e),
    };
    let history = svc.history(id).unwrap_or_default();
    let links = item
        .links
        .iter()
        .filter_map(|l| {
            svc.get(l.id).ok().map(|o| LinkView {
                id: o.id,
                kind: o.kind,
                code: o.code,
                title: o.title,
                rel: rel_label(l.rel),
            })
        })
        .collect();
    Outcome::Detail {
        gen,
        item: Box::new(item),
        history,
        links,
    }
}

/// Open items whose index text names `name` (as their unit, sender, lead
/// unit, caller, handler …), for the exact comparisons of `caller_rows`.
/// The index is asked first: when it finds fewer open items than its cap it
/// has scanned everything, so none is missing. A name on more open items
/// than that (a big unit at 100k items) reads every open row instead.
fn open_rows_naming(svc: &dyn Service, name: &str) -> Result<Vec<Row>, ServiceError> {
    let open: Vec<Row> = svc
        .search(name, MAX_RESULTS)?
        .into_iter()
        .filter_map(|f| match f {
            Found::Item(r) if r.status.is_open() => Some(*r),
            _ => None,
        })
        .collect();
    if open.len() < MAX_RESULTS {
        return Ok(open);
    }
    svc.rows(&Filter {
        open: true,
        ..Filter::default()
    })
}

/// The open items that concern a caller: those their unit handles (the
/// item's unit is the unit's full name, by the unit filter), those the
/// unit sent or leads (its counterpart is the unit), and those the person
/// sent (`person`, when given). Overdue first (the longest overdue on top),
/// then the most recently changed. None is missing however many items the
/// store holds (see `open_rows_naming`); at most `CALLER_LIMIT` are kept.
///
/// 協辦 (assisting) units are not among them: list rows do not carry them.
pub fn caller_rows(svc: &dyn Service, unit: &str, person: &str) -> Result<Vec<Row>, ServiceError> {
    let mut out: Vec<Row> = vec![];
    let mut seen: HashSet<ItemId> = HashSet::new();
    let mut take = |rows: Vec<Row>, keep: &dyn Fn(&Row) -> bool| {
        for r in rows.into_iter().filter(|r| keep(r)) {
            if seen.insert(r.id) {
                out.push(r);
            }
        }
    };
    if !unit.trim().is_empty() {
        let handled = svc.rows(&Filter {
            unit: Some(unit.to_string()),
            open: true,
            ..Filter::default()
        })?;
        take(handled, &|r| r.unit == unit);
        take(open_rows_naming(svc, unit)?, &|r| r.counterpart == unit);
    }
    if !person.trim().is_empty() {
        take(open_rows_naming(svc, person)?, &|r| r.counterpart == person);
    }
    let today = svc.today();
    out.sort_by(|a, b| {
        let (oa, ob) = (a.is_overdue(today), b.is_overdue(today));
        ob.cmp(&oa)
            .then_with(|| {
                if oa {
                    a.deadline.cmp(&b.deadline)
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .then(b.updated.cmp(&a.updated))
            .then(b.id.cmp(&a.id))
    });
    out.truncate(CALLER_LIMIT);
    Ok(out)
}

/// The caller view's items: `caller_rows`, each with its last change (who
/// and what, from its last history entry), asked for all of them in one
/// request (`latest_history`): a few round trips to the daemon however many
/// items the caller has, not one per item.
pub fn caller_items(
    svc: &dyn Service,
    unit: &str,
    person: &str,
) -> Result<Vec<CallerRow>, ServiceError> {
    let rows = caller_rows(svc, unit, person)?;
    let ids: Vec<ItemId> = rows.iter().map(|r| r.id).collect();
    let mut last: HashMap<ItemId, LastChange> = svc
        .latest_history(&ids)?
        .iter()
        .map(|h| (h.item, LastChange::of(h)))
        .collect();
    Ok(rows
        .into_iter()
        .map(|row| CallerRow {
            last: last.remove(&row.id),
            row,
        })
        .collect())
}

/// The 傳閱 view's rows: every 收文 the user may see, every copy of it out
/// with a reader, counted to `today` (`model::circulation`, as the CLI).
pub fn circulation(
    svc: &dyn Service,
    today: chrono::NaiveDate,
) -> Result<Vec<crate::model::circulation::Out>, ServiceError> {
    let items = svc.list(&Filter {
        kind: Some(Kind::Incoming),
        ..Filter::default()
    })?;
    Ok(crate::model::circulation::outstanding(&items, today, 0))
}
