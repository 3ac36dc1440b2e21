//! Tests of the demo data: determinism, validity, the fixtures, the spread,
//! and a real load through `Core`.

use std::collections::HashSet;

use chrono::{Duration, NaiveDate};

use super::*;
use crate::core::{Clock, Core, Engine, Filter, Found};
use crate::model::{time, workflow::statuses_of, KindData, WorkCalendar};
use crate::search::fold::{fold, pinyin_forms};

/// 2026-11-25 09:30 office time.
const NOW: Timestamp = 1_795_570_200;

fn today() -> NaiveDate {
    time::local_date(NOW)
}

#[test]
fn same_seed_same_data_other_seed_other_data() {
    let a = generate(3_000, 42, NOW);
    let b = generate(3_000, 42, NOW);
    assert_eq!(a, b);
    assert_eq!(format!("{a:?}"), format!("{b:?}"));
    let c = generate(3_000, 43, NOW);
    assert_ne!(a.items, c.items);
}

#[test]
fn every_item_validates_with_a_status_of_its_kind() {
    let d = generate(20_000, 1, NOW);
    assert_eq!(d.items.len(), 20_000);
    for it in &d.items {
        it.validate()
            .unwrap_or_else(|e| panic!("{}: {e}", it.title));
        assert!(
            statuses_of(it.kind).contains(&it.status),
            "{} is {} but a {} item",
            it.title,
            it.status,
            it.kind
        );
        assert_eq!((it.id, it.code.as_str(), it.version), (0, "", 0));
        assert_eq!(
            (it.created_by.as_str(), it.updated_by.as_str()),
            ("demo", "demo")
        );
        assert!(
            it.created <= it.updated && it.updated <= NOW,
            "{}",
            it.title
        );
        assert!(it.created > NOW - 90 * 86_400, "{}", it.title);
        assert!(
            !it.unit.is_empty() && !it.handler.is_empty(),
            "{}",
            it.title
        );
        assert_eq!(it.secrecy_years, it.classification.default_term_years());
        assert!(it.doc_no().is_none(), "numbers are left to the workflow");
        if let KindData::Outgoing(o) = &it.data {
            assert!(!o.prefix.is_empty());
            if it.status == crate::model::Status::Approved && o.doc_type.is_upward() {
                assert!(!o.signer.is_empty(), "{}", it.title);
            }
        }
    }
}

#[test]
fn the_named_fixtures_exist_and_are_unique() {
    let d = generate(2_000, 9, NOW);
    let zs: Vec<_> = d.people.iter().filter(|p| p.name == ZHANG_SAN).collect();
    assert_eq!(zs.len(), 1);
    let wang: Vec<_> = d.people.iter().filter(|p| p.name == WANG_JIANGUO).collect();
    assert_eq!(wang.len(), 1);
    let wang = wang[0];
    assert_eq!((wang.unit.as_str(), wang.title.as_str()), ("jyj", "科長"));
    assert!(wang.phones.iter().any(|p| p.ends_with("1234")));

    // No other number of the directory or of any item ends in 1234.
    let mut all: Vec<&str> = d.units.iter().map(|u| u.phone.as_str()).collect();
    all.extend(
        d.people
            .iter()
            .filter(|p| p.name != WANG_JIANGUO)
            .flat_map(|p| p.phones.iter().map(String::as_str)),
    );
    assert!(
        all.iter().all(|p| !p.ends_with("1234")),
        "another number ends in 1234"
    );
    for it in &d.items {
        for p in it.phones() {
            assert!(
                !p.ends_with("1234") || wang.phones.iter().any(|w| w == p),
                "{p}"
            );
        }
    }
    // Directory numbers are unique.
    let mut seen = HashSet::new();
    for p in d
        .people
        .iter()
        .flat_map(|p| &p.phones)
        .chain(d.units.iter().map(|u| &u.phone))
    {
        assert!(seen.insert(p.clone()), "{p} twice");
    }

    let fixture: Vec<_> = d
        .items
        .iter()
        .filter(|it| it.references().iter().any(|r| r == FIXTURE_REF))
        .collect();
    assert_eq!(fixture.len(), 1);
    let f = fixture[0];
    assert_eq!(f.kind, Kind::Incoming);
    assert_eq!(f.title, FIXTURE_TITLE);
    assert_eq!(f.counterpart(), "市教育局");
    assert_eq!(
        d.items
            .iter()
            .filter(|it| it.title == FIXTURE_TITLE)
            .count(),
        1
    );
}

#[test]
fn the_directory_looks_like_a_city_government() {
    let d = generate(0, 3, NOW);
    assert!(d.items.is_empty());
    assert!((38..=45).contains(&d.units.len()), "{}", d.units.len());
    let keys: HashSet<_> = d.units.iter().map(|u| &u.key).collect();
    assert_eq!(keys.len(), d.units.len(), "unit keys are unique");
    for u in &d.units {
        assert!(u.key.bytes().all(|b| b.is_ascii_lowercase()), "{}", u.key);
        assert!(
            u.phone.starts_with("0571-8") && u.phone.len() == 13,
            "{}",
            u.phone
        );
        let n = d.people.iter().filter(|p| p.unit == u.key).count();
        assert!((5..=10).contains(&n), "{} has {n} people", u.name);
    }
    let office = d.units.iter().find(|u| u.name == "市政府辦公室").unwrap();
    assert_eq!(office.doc_prefix, "市政辦發");
    let fgw = d.units.iter().find(|u| u.key == "fgw").unwrap();
    assert!(fgw.abbreviations.contains(&"發改委".to_string()));
    for p in &d.people {
        assert!((2..=3).contains(&p.name.chars().count()), "{}", p.name);
        let m = &p.phones[1];
        assert!(
            m.len() == 11 && ["13", "15", "18"].contains(&&m[..2]),
            "{m}"
        );
    }
}

#[test]
fn kinds_are_spread_as_an_office_sees_them() {
    let d = generate(10_000, 5, NOW);
    let share = |k: Kind| d.items.iter().filter(|it| it.kind == k).count() * 100 / d.items.len();
    assert_eq!(share(Kind::Inbox), 20);
    assert_eq!(share(Kind::Incoming), 25);
    assert_eq!(share(Kind::Outgoing), 15);
    assert_eq!(share(Kind::Meeting), 10);
    assert_eq!(share(Kind::Affair), 15);
    assert_eq!(share(Kind::Supervision), 15);
    // Every status of 收件, 督查 and 辦事 occurs — but 已取消, which only a
    // route taken back (撤銷 of the item it made) leads to.
    for k in [Kind::Inbox, Kind::Supervision, Kind::Affair] {
        for s in statuses_of(k)
            .into_iter()
            .filter(|s| *s != crate::model::Status::Cancelled)
        {
            assert!(
                d.items.iter().any(|it| it.kind == k && it.status == s),
                "no {k} {s}"
            );
        }
    }
    // Some urgent, some classified, a very few 絕密.
    use crate::model::{Classification, Urgency};
    let n = |f: &dyn Fn(&Item) -> bool| d.items.iter().filter(|it| f(it)).count();
    assert!(n(&|it| it.urgency == Urgency::Immediate) > 100);
    assert!(n(&|it| it.classification == Classification::Confidential) > 50);
    let top = n(&|it| it.classification == Classification::TopSecret);
    assert!(top > 0 && top < 100, "{top}");
}

#[test]
fn supervision_deadlines_spread_from_overdue_to_far() {
    let d = generate(5_000, 11, NOW);
    let t = today();
    let open: Vec<_> = d
        .items
        .iter()
        .filter(|it| it.kind == Kind::Supervision && it.status.is_open())
        .collect();
    let overdue = open.iter().filter(|it| it.is_overdue(t)).count();
    let soon = open
        .iter()
        .filter(|it| {
            it.deadline
                .is_some_and(|x| x >= t && x <= t + Duration::days(3))
        })
        .count();
    let far = open
        .iter()
        .filter(|it| it.deadline.is_some_and(|x| x > t + Duration::days(14)))
        .count();
    assert!(
        overdue > 20 && soon > 20 && far > 100,
        "{overdue} {soon} {far}"
    );
}

#[test]
fn meetings_are_in_the_coming_four_weeks_or_recently_held() {
    let d = generate(5_000, 13, NOW);
    let t = today();
    let mut future = 0;
    for it in d.items.iter().filter(|it| it.kind == Kind::Meeting) {
        let KindData::Meeting(m) = &it.data else {
            panic!()
        };
        let day = m.start.unwrap().date();
        assert!(day >= t - Duration::days(28) && day <= t + Duration::days(28));
        assert!(["常務會議室", "第一會議室", "第二會議室"].contains(&m.room.as_str()));
        assert!(!m.chair.is_empty() && !m.attendees.is_empty() && !m.agenda.is_empty());
        if day > t {
            future += 1;
            assert!(
                !it.status.is_open()
                    || matches!(
                        it.status,
                        crate::model::Status::Planning | crate::model::Status::Notified
                    )
            );
        }
    }
    assert!(future > 300, "{future}");
}

/// Quick find `zs` must reach 張三: no other name, unit or item title may
/// carry those initials (items rank before people).
#[test]
fn only_zhang_san_has_the_initials_zs() {
    let d = generate(5_000, 17, NOW);
    let zs = |s: &str| pinyin_forms(&fold(s)).1.contains("zs");
    for u in &d.units {
        assert!(
            !zs(&u.name) && !u.abbreviations.iter().any(|a| zs(a)),
            "{}",
            u.name
        );
    }
    for p in d.people.iter().filter(|p| p.name != ZHANG_SAN) {
        let surname_title = format!("{}{}", p.name.chars().next().unwrap(), p.title);
        assert!(!zs(&p.name) && !zs(&surname_title), "{}", p.name);
    }
    for it in &d.items {
        for s in [it.title.as_str(), &it.unit, &it.handler, it.counterpart()] {
            assert!(!zs(s), "{s}");
        }
    }
}

#[test]
fn loads_through_the_real_core() {
    let dir = tempfile::tempdir().unwrap();
    let engine = Engine::open(
        dir.path(),
        16 << 20,
        WorkCalendar::builtin(),
        Clock::Fixed(NOW),
    )
    .unwrap();
    let svc = Core::for_uid(engine, 1000, "tester").unwrap();
    let data = generate(2_000, 21, NOW);
    let people = data.people.len();
    assert_eq!(load(&svc, data).unwrap(), 2_000);
    assert_eq!(svc.list(&Filter::default()).unwrap().len(), 2_000);
    assert_eq!(svc.people().unwrap().len(), people);
    let found = svc.search("zs", 10).unwrap();
    assert!(
        found
            .iter()
            .any(|f| matches!(f, Found::Person(p) if p.name == ZHANG_SAN)),
        "{found:?}"
    );
    let by_ref = svc.search("市教發〔2026〕45號", 5).unwrap();
    assert!(
        matches!(by_ref.first(), Some(Found::Item(it)) if it.title == FIXTURE_TITLE),
        "{by_ref:?}"
    );
    let by_phone = svc.search("1234", 50).unwrap();
    assert!(
        by_phone
            .iter()
            .any(|f| matches!(f, Found::Person(p) if p.name == WANG_JIANGUO)),
        "{by_phone:?}"
    );
}

#[test]
fn a_hundred_thousand_items_are_quick() {
    let t = std::time::Instant::now();
    let d = generate(100_000, 7, NOW);
    assert_eq!(d.items.len(), 100_000);
    // Debug builds are ~10× slower than release; this only guards against a blow-up.
    assert!(t.elapsed().as_secs() < 20, "{:?}", t.elapsed());
}

#[test]
fn workflow_records_agree_with_statuses() {
    use crate::model::{
        archive::missing_for_archive,
        fields_ext::gates_pending,
        format::check_format,
        supervision::{light, Light, Thresholds},
        Status,
    };
    let d = generate(5_000, 3, NOW);
    let cal = WorkCalendar::builtin();
    let th = Thresholds::default();
    let mut lights = std::collections::HashMap::new();
    for it in &d.items {
        match &it.data {
            KindData::Outgoing(o) if it.status == Status::Approved => {
                assert!(gates_pending(o).is_empty(), "{}", it.title);
                let f = check_format(it, today());
                assert!(f.is_empty(), "{}: {f:?}", it.title);
            }
            KindData::Incoming(i) => {
                assert!(i.signed_at.is_some() && i.copies > 0, "{}", it.title);
                let out = i.circulation.iter().filter(|c| c.back.is_none()).count();
                assert_eq!(out > 0, it.status == Status::Circulating, "{}", it.title);
            }
            KindData::Supervision(s) => {
                let done = matches!(
                    it.status,
                    Status::Completed | Status::Verified | Status::Settled
                );
                assert_eq!(s.completed_on.is_some(), done, "{}", it.title);
                assert_eq!(s.assigned_on.is_some(), it.status != Status::Filed);
                if let Some(sig) = light(it, today(), &cal, &th) {
                    *lights.entry(sig.light).or_insert(0) += 1;
                }
            }
            _ => {}
        }
        if matches!(it.status, Status::Completed | Status::Archived) {
            assert!(missing_for_archive(it).is_empty(), "{}", it.title);
        }
    }
    for l in [Light::Red, Light::Yellow, Light::Green] {
        assert!(lights.get(&l).copied().unwrap_or(0) > 5, "{lights:?}");
    }
}
