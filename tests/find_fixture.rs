//! The quick-find quality fixture (`tests/fixtures/find.toml`): every query
//! a clerk might type, and what must come up first or in the top three.

use std::collections::BTreeMap;

use serde::Deserialize;
use shuniu::core::engine::{person_doc, row_doc, unit_doc};
use shuniu::core::{Clock, Core, Engine, Filter, Found, Service};
use shuniu::model::{
    fields::DateCtx, time, Classification, Command, Item, Kind, Status, WorkCalendar,
};
use shuniu::search::{Index, MAX_SCANS};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Fixture {
    item: Vec<FixtureItem>,
    query: Vec<Query>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FixtureItem {
    kind: String,
    title: String,
    #[serde(default)]
    fields: BTreeMap<String, String>,
    #[serde(default)]
    moves: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Query {
    q: String,
    expect: String,
    rank: usize,
    why: String,
}

/// Whether a result is the one a query expects: an item by title or code,
/// a person by name, a unit by full name.
fn is(f: &Found, expect: &str) -> bool {
    name_of(f) == expect || matches!(f, Found::Item(r) if r.code == expect)
}

fn name_of(f: &Found) -> &str {
    match f {
        Found::Item(r) => &r.title,
        Found::Person(p) => &p.name,
        Found::Unit(u) => &u.name,
    }
}

#[test]
fn every_fixture_query_finds_its_target() {
    let fx: Fixture = toml::from_str(include_str!("fixtures/find.toml")).expect("fixture parses");
    assert!(
        fx.query.len() >= 40,
        "the fixture keeps at least 40 queries"
    );

    let dir = tempfile::tempdir().unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let now = time::from_local(today.and_hms_opt(9, 30, 0).unwrap());
    let cal = WorkCalendar::builtin();
    let engine = Engine::open(dir.path(), 16 << 20, cal.clone(), Clock::Fixed(now)).unwrap();
    let svc = Core::for_uid(engine, 1000, "tester").unwrap();
    shuniu::demo::load(&svc, shuniu::demo::generate(2000, 2026, now)).unwrap();

    let ctx = DateCtx { today, cal: &cal };
    for fi in &fx.item {
        let mut it = Item::new(Kind::parse(&fi.kind).unwrap(), "", "tester", now);
        it.set("title", &fi.title, &ctx).unwrap();
        for (k, v) in &fi.fields {
            it.set(k, v, &ctx)
                .unwrap_or_else(|e| panic!("{}: {e}", fi.title));
        }
        let mut it = svc.apply(Command::Create { item: Box::new(it) }).unwrap();
        for m in &fi.moves {
            if Status::parse(m).unwrap() == Status::Approved {
                // 簽發 comes after the four gates of 審核.
                for gate in shuniu::model::Gate::ALL {
                    it = svc
                        .apply(Command::Act {
                            id: it.id,
                            version: it.version,
                            act: shuniu::model::Act::Gate {
                                gate: *gate,
                                pass: true,
                                comment: String::new(),
                            },
                        })
                        .unwrap();
                }
            }
            it = svc
                .apply(Command::Move {
                    id: it.id,
                    version: it.version,
                    to: Status::parse(m).unwrap(),
                    note: String::new(),
                })
                .unwrap_or_else(|e| panic!("{} → {m}: {e}", fi.title));
        }
    }

    let mut misses = vec![];
    for q in &fx.query {
        let found = svc.search(&q.q, 10).unwrap();
        let pos = found.iter().position(|f| is(f, &q.expect));
        if pos.is_none_or(|p| p >= q.rank) {
            misses.push(format!(
                "'{}' ({}) should find '{}' in the top {}, got {:?}: {:?}",
                q.q,
                q.why,
                q.expect,
                q.rank,
                pos.map(|p| p + 1),
                found.iter().take(3).map(name_of).collect::<Vec<_>>()
            ));
        }
    }
    assert!(
        misses.is_empty(),
        "{} misses:\n{}",
        misses.len(),
        misses.join("\n")
    );
}

#[test]
fn hostile_queries_do_not_crash_or_stall() {
    let dir = tempfile::tempdir().unwrap();
    let engine = Engine::open(
        dir.path(),
        16 << 20,
        WorkCalendar::builtin(),
        Clock::Fixed(1_795_570_200),
    )
    .unwrap();
    let svc = Core::for_uid(engine, 1000, "tester").unwrap();
    shuniu::demo::load(&svc, shuniu::demo::generate(500, 7, 1_795_570_200)).unwrap();
    let long = "關於".repeat(5_000);
    let lone_surrogate = String::from_utf16_lossy(&[0xD800, 0x61]);
    for q in [
        "",
        "   ",
        long.as_str(),
        "\x1b[2J\x07\u{202e}",
        lone_surrogate.as_str(),
        "a",
        "2",
        "關",
        "%",
        "\0",
    ] {
        let r = svc.search(q, 50).unwrap();
        assert!(r.len() <= 50, "{q:?} gave {}", r.len());
    }
    assert!(svc.search("", 50).unwrap().is_empty());
    // A query that matches nearly everything is cut at the hard cap.
    let all = svc.search("關", 5000).unwrap();
    assert!(
        !all.is_empty() && all.len() <= shuniu::search::MAX_RESULTS,
        "{}",
        all.len()
    );
}

/// An index of the demo office built the way the engine builds its own, so
/// a test can ask how much work a query took.
fn demo_index(svc: &Core) -> Index {
    let units = svc.units().unwrap();
    let mut ix = Index::new();
    for u in &units {
        ix.upsert(unit_doc(u));
    }
    for p in svc.people().unwrap() {
        ix.upsert(person_doc(&p, &units));
    }
    let mut rows = svc.rows(&Filter::default()).unwrap();
    rows.sort_by_key(|r| r.updated);
    for r in &rows {
        ix.upsert(row_doc(r, &units));
    }
    ix.settle();
    ix
}

#[test]
fn queries_that_match_nothing_cost_a_bounded_number_of_scans() {
    let dir = tempfile::tempdir().unwrap();
    let engine = Engine::open(
        dir.path(),
        16 << 20,
        WorkCalendar::builtin(),
        Clock::Fixed(1_795_570_200),
    )
    .unwrap();
    let svc = Core::for_uid(engine, 1000, "tester").unwrap();
    shuniu::demo::load(&svc, shuniu::demo::generate(2000, 7, 1_795_570_200)).unwrap();
    let ix = demo_index(&svc);

    // 40 words, 200 characters, none of which occurs anywhere: each word is
    // long enough to be read with a typo, which used to cost a scan per
    // character of every word (≈ 200 scans).
    let forty: String = (0..40)
        .map(|i| format!("鑫{}淼焱", char::from_u32(0x4E00 + i).unwrap()))
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(forty.chars().count(), 199);
    let ten_thousand = "鑫淼焱垚".repeat(2_500);
    let ten_thousand_words = "鑫淼焱垚 ".repeat(2_000);
    let digits = "9999-9999 ".repeat(1_000);
    for q in [
        forty.as_str(),
        ten_thousand.as_str(),
        ten_thousand_words.as_str(),
        digits.as_str(),
    ] {
        let (hits, work) = ix.search_counted(q, Classification::TopSecret, 50);
        assert!(hits.len() <= 50, "{q:.20}… gave {}", hits.len());
        assert!(
            work.scans <= MAX_SCANS,
            "{q:.20}… ({} chars) took {} scans of the index, at most {MAX_SCANS} allowed",
            q.chars().count(),
            work.scans
        );
        // The service answers the same (and does not stall).
        assert!(svc.search(q, 50).unwrap().len() <= 50);
    }
    // A query matching nearly everything stops at the cap after one scan.
    let (hits, work) = ix.search_counted("關", Classification::TopSecret, 5000);
    assert_eq!(hits.len(), shuniu::search::MAX_RESULTS);
    assert_eq!(work.scans, 1);
}
