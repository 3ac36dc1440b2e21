//! The index's behaviour: what matches, how hits rank, and what a search
//! may cost.

use crate::model::{Classification, Kind};

use super::index::{DocInput, Index, Target, MAX_RESULTS, MAX_SCANS};

const PUBLIC: Classification = Classification::Public;

fn doc(id: u64, title: &str) -> DocInput {
    DocInput {
        target: Target::Item(id),
        kind: Some(Kind::Incoming),
        level: PUBLIC,
        open: true,
        updated: id as i64,
        exact: vec![format!("收2026-{id:04}")],
        text: vec![title.into()],
        plain: vec![],
        phones: vec![],
    }
}

fn first(ix: &Index, q: &str) -> Option<Target> {
    ix.search(q, PUBLIC, 10).first().map(|h| h.target.clone())
}

fn order(ix: &Index, q: &str) -> Vec<Target> {
    ix.search(q, PUBLIC, 10)
        .into_iter()
        .map(|h| h.target)
        .collect()
}

#[test]
fn finds_by_text_pinyin_initials_and_script() {
    let mut ix = Index::new();
    ix.upsert(doc(1, "關於校舍安全的請示"));
    ix.upsert(doc(2, "關於財政預算的報告"));
    for q in ["校舍", "xsaq", "xiaoshe", "xiao she", "关于校舍", "请示"] {
        assert_eq!(first(&ix, q), Some(Target::Item(1)), "{q}");
    }
    assert_eq!(ix.search("關於", PUBLIC, 10).len(), 2);
    assert!(ix.search("校舍 預算", PUBLIC, 10).is_empty());
}

#[test]
fn exact_code_ranks_first_and_unpadded_codes_match() {
    let mut ix = Index::new();
    ix.upsert(doc(12, "甲"));
    ix.upsert(doc(120, "乙"));
    ix.upsert(doc(1200, "丙"));
    let h = ix.search("收2026-0012", PUBLIC, 10);
    assert_eq!(h[0].target, Target::Item(12));
    assert!(h[0].exact);
    // Newer codes that merely contain the fragment come after the whole code.
    for q in ["2026-12", "2026-0012", "收2026-12"] {
        let h = ix.search(q, PUBLIC, 10);
        assert_eq!(h[0].target, Target::Item(12), "{q}");
        assert!(h[0].exact, "{q}");
        assert!(h[1..].iter().all(|h| !h.exact), "{q}: {h:?}");
    }
    assert_eq!(order(&ix, "2026-12"), [12, 1200, 120].map(Target::Item));
}

#[test]
fn code_fragments_find_every_kind_with_that_number() {
    let mut ix = Index::new();
    let mut d = doc(1, "發文一");
    d.kind = Some(Kind::Outgoing);
    d.exact = vec!["發2026-0012".into()];
    ix.upsert(d);
    ix.upsert(doc(12, "收文一"));
    ix.upsert(doc(120, "收文二"));
    ix.upsert(doc(112, "收文三"));
    let h = ix.search("2026-12", PUBLIC, 10);
    let exact: Vec<&Target> = h.iter().filter(|h| h.exact).map(|h| &h.target).collect();
    assert_eq!(exact, [&Target::Item(12), &Target::Item(1)]);
    assert_eq!(h.len(), 3);
}

#[test]
fn docno_fragments_rank_the_whole_number_first() {
    let mut ix = Index::new();
    let mut d = doc(1, "市教育局的請示");
    d.exact.push("市教發〔2026〕12號".into());
    ix.upsert(d);
    // Newer, open, and containing `〔2026〕12` and `12號` as text.
    for (id, r) in [(2, "市財發〔2026〕121號"), (3, "市財發〔2026〕120號")] {
        let mut d = doc(id, "財政局的報告");
        d.exact.push(r.into());
        ix.upsert(d);
    }
    for q in [
        "12號",
        "12号",
        "〔2026〕12",
        "[2026]12號",
        "市教發〔2026〕12",
    ] {
        let h = ix.search(q, PUBLIC, 10);
        assert_eq!(h[0].target, Target::Item(1), "{q}: {h:?}");
        assert!(h[0].exact, "{q}");
    }
    assert_eq!(ix.search("〔2026〕12", PUBLIC, 10).len(), 3);
}

#[test]
fn open_before_closed_then_recent_before_old() {
    let mut ix = Index::new();
    for (id, open) in [(1, true), (2, false), (3, true), (4, false)] {
        let mut d = doc(id, "防汛工作的報告");
        d.open = open;
        ix.upsert(d);
    }
    assert_eq!(order(&ix, "防汛"), [3, 1, 4, 2].map(Target::Item));
}

#[test]
fn exact_identifier_before_open_and_recent() {
    let mut ix = Index::new();
    // An old, closed item quoted by its whole code beats newer open ones
    // whose titles mention the code.
    let mut old = doc(5, "舊件");
    old.open = false;
    ix.upsert(old);
    for id in 6..9 {
        ix.upsert(doc(id, &format!("關於收2026-0005的補充 {id}")));
    }
    let h = ix.search("收2026-0005", PUBLIC, 10);
    assert_eq!(h[0].target, Target::Item(5));
    assert_eq!(
        h[1..].iter().map(|h| h.target.clone()).collect::<Vec<_>>(),
        [8, 7, 6].map(Target::Item)
    );
}

#[test]
fn exact_hits_rank_open_then_recent_among_themselves() {
    let mut ix = Index::new();
    // Four items numbered 12, one per kind: an old open one, a newer
    // closed one, the newest closed one and a middle open one.
    for (id, kind, open) in [
        (1, Kind::Incoming, true),
        (2, Kind::Outgoing, false),
        (3, Kind::Meeting, false),
        (4, Kind::Affair, true),
    ] {
        let mut d = doc(id, "某件");
        d.kind = Some(kind);
        d.open = open;
        d.exact = vec![format!("{}2026-0012", kind.code_prefix())];
        ix.upsert(d);
    }
    // And a newer open item whose text holds the fragment only.
    let mut d = doc(9, "另件");
    d.exact = vec!["收2026-0120".into()];
    ix.upsert(d);
    let h = ix.search("2026-12", PUBLIC, 10);
    assert_eq!(
        h.iter().map(|h| h.target.clone()).collect::<Vec<_>>(),
        [4, 1, 3, 2, 9].map(Target::Item)
    );
    assert_eq!(h.iter().filter(|h| h.exact).count(), 4);
}

#[test]
fn match_quality_breaks_ties_of_the_same_age() {
    let mut ix = Index::new();
    let mut a = doc(1, "會議室預訂");
    a.updated = 100;
    let mut b = doc(2, "會議");
    b.updated = 100;
    ix.upsert(a);
    ix.upsert(b);
    // Both open, both as new: the whole field wins.
    assert_eq!(order(&ix, "會議"), [2, 1].map(Target::Item));
}

#[test]
fn clearance_hides_entries() {
    let mut ix = Index::new();
    let mut d = doc(1, "絕密文件");
    d.level = Classification::TopSecret;
    ix.upsert(d);
    assert!(ix.search("絕密", Classification::Internal, 10).is_empty());
    assert_eq!(ix.search("絕密", Classification::TopSecret, 10).len(), 1);
}

#[test]
fn replace_and_remove_and_compact() {
    let mut ix = Index::new();
    for i in 0..5000 {
        ix.upsert(doc(i, "舊標題"));
    }
    for i in 0..5000 {
        ix.upsert(doc(i, "新標題"));
    }
    assert!(ix.search("舊標題", PUBLIC, 10).is_empty());
    assert_eq!(ix.search("新標題", PUBLIC, 5000).len(), MAX_RESULTS);
    ix.remove(&Target::Item(3));
    assert_eq!(ix.len(), 4999);
    assert!(ix.text_bytes() < 5000 * 200);
}

#[test]
fn phone_digits_anywhere_with_or_without_dashes() {
    let mut ix = Index::new();
    let mut d = doc(1, "王科長");
    d.phones = vec!["0571-8765-1234".into()];
    ix.upsert(d);
    let mut d = doc(2, "李秘書");
    d.phones = vec!["057188231190".into()];
    ix.upsert(d);
    for q in ["1234", "0571-8765", "05718765", "8765-1234"] {
        assert_eq!(order(&ix, q), [Target::Item(1)], "{q}");
    }
    for q in ["0571-8823", "0571-88-23", "1190"] {
        assert_eq!(order(&ix, q), [Target::Item(2)], "{q}");
    }
    assert_eq!(order(&ix, "0571-8").len(), 2);
}

#[test]
fn typos_are_tolerated() {
    let mut ix = Index::new();
    ix.upsert(doc(1, "古樹名木保護情況的報告"));
    ix.upsert(doc(2, "停車難問題"));
    ix.upsert(doc(3, "市教育局關於校舍安全的請示"));
    for (q, want) in [
        ("古樹名本", 1), // one wrong character
        ("古樹名目", 1), // a homophone
        ("gushumingnu", 1),
        ("古樹樹名木", 1), // one too many
        ("停車男", 2),
        ("教育局请示", 3), // a missing space, simplified
        ("校舍 古樹名本", 0),
    ] {
        let h = ix.search(q, PUBLIC, 10);
        if want == 0 {
            assert!(h.is_empty(), "{q}: {h:?}");
        } else {
            assert_eq!(
                h.first().map(|h| &h.target),
                Some(&Target::Item(want)),
                "{q}"
            );
            assert!(h[0].fuzzy, "{q}");
        }
    }
    assert!(!ix.search("古樹名木", PUBLIC, 10)[0].fuzzy);
}

/// An index of `n` distinct titles (so no-match queries have text to scan).
fn big_index(n: u64) -> Index {
    let words = [
        "防汛", "校舍", "預算", "電梯", "垃圾", "停車", "會議", "請示",
    ];
    let mut ix = Index::new();
    for i in 0..n {
        let a = words[(i % 8) as usize];
        let b = words[((i / 8) % 8) as usize];
        ix.upsert(doc(i, &format!("關於{a}和{b}工作的報告第{i}號")));
    }
    ix
}

#[test]
fn no_match_queries_cost_a_bounded_number_of_scans() {
    let ix = big_index(3000);
    // 40 words of five characters, none of which occurs: before the bound,
    // each was re-searched once per character.
    let forty: Vec<String> = (0..40).map(|i| format!("xq{:03}z", i)).collect();
    let forty = forty.join(" ");
    assert!(forty.chars().count() >= 200);
    let long_cjk = "鑫".repeat(10_000);
    let long_words = "鑫淼焱垚 ".repeat(2_000);
    let homophones = "停車男 古樹名目 校设安全 预算啊啊 ".repeat(20);
    for q in [
        forty.as_str(),
        long_cjk.as_str(),
        long_words.as_str(),
        homophones.as_str(),
        "abcdefghijklmnopqrstuvwx",
        "0571-0000-0000 2099-9999 〔2099〕9999",
    ] {
        let (hits, work) = ix.search_counted(q, PUBLIC, 50);
        assert!(hits.len() <= 50, "{q:.40}");
        assert!(
            work.scans <= MAX_SCANS,
            "{q:.40}… took {} scans (at most {MAX_SCANS})",
            work.scans
        );
        assert!(work.scans >= 1, "{q:.40}");
    }
    // A matching query scans once; a typo costs only a few scans more.
    assert_eq!(ix.search_counted("防汛", PUBLIC, 50).1.scans, 1);
    let (h, work) = ix.search_counted("防汛和校设", PUBLIC, 50);
    assert!(!h.is_empty() && h.iter().all(|h| h.fuzzy));
    assert!(work.scans <= MAX_SCANS, "{}", work.scans);
}

#[test]
fn a_rare_word_reads_only_the_blocks_that_can_hold_it() {
    let mut ix = big_index(10_000);
    ix.upsert(doc(20_000, "關於古樹名木保護的請示"));
    for i in 0..10_000 {
        ix.upsert(doc(30_000 + i, &format!("關於停車和垃圾工作的報告第{i}號")));
    }
    ix.upsert(doc(50_000, "古樹名木普查報告"));
    let (hits, work) = ix.search_counted("古樹", PUBLIC, 50);
    let ids: Vec<_> = hits.iter().map(|h| h.target.clone()).collect();
    assert_eq!(ids, [Target::Item(50_000), Target::Item(20_000)]);
    // 20,002 entries are 626 blocks; the two that hold 古樹 must be read,
    // a handful more may be (a filter bit can collide), not all of them.
    assert!(work.blocks_read >= 2, "{work:?}");
    assert!(work.blocks_read < 40, "{work:?}");
    // Pinyin and initials are filtered the same way.
    let (hits, work) = ix.search_counted("gushuming", PUBLIC, 50);
    assert_eq!(hits.len(), 2, "{hits:?}");
    assert!(work.blocks_read < 40, "{work:?}");
    // A word in every entry reads blocks until it has its results.
    let (hits, work) = ix.search_counted("報告", PUBLIC, 50);
    assert_eq!(hits.len(), 50);
    assert!(work.blocks_read <= 3, "{work:?}");
}

#[test]
fn the_block_filters_never_hide_a_match() {
    // Every substring (up to 6 characters) of every entry's title is found
    // in that entry: a filter may let a block through in vain, never keep
    // a holder out. Titles mix CJK, ASCII and digits; entries are replaced
    // so that the index is compacted and its filters rebuilt.
    let words = [
        "校舍",
        "ab12",
        "安全",
        "xq",
        "〔2026〕",
        "7號",
        "電梯",
        "zs",
    ];
    let mut ix = Index::new();
    let title = |i: u64| {
        (0..4)
            .map(|k| words[((i * 7 + k * 3) % 8) as usize])
            .collect::<String>()
    };
    for round in 0..3 {
        for i in 0..400u64 {
            ix.upsert(doc(i, &format!("{}{round}", title(i))));
        }
    }
    ix.settle();
    for i in (0..400u64).step_by(13) {
        let t: Vec<char> = format!("{}2", title(i)).chars().collect();
        for len in 1..=6 {
            for s in 0..t.len().saturating_sub(len) {
                let q: String = t[s..s + len].iter().collect();
                if q.trim().is_empty() {
                    continue;
                }
                let h = ix.search(&q, PUBLIC, MAX_RESULTS);
                assert!(
                    h.iter().any(|h| h.target == Target::Item(i) && !h.fuzzy),
                    "{q:?} did not find entry {i} ({:?})",
                    t.iter().collect::<String>()
                );
            }
        }
    }
}

#[test]
fn a_search_among_kinds_fills_its_limit_with_them_and_skips_the_rest() {
    let mut ix = Index::new();
    // 300 newer affairs would fill a plain search's 50 before the one
    // document shows.
    ix.upsert(doc(1, "校舍安全的請示"));
    for i in 2..302 {
        ix.upsert(DocInput {
            kind: Some(Kind::Affair),
            ..doc(i, &format!("校舍安全檢查第{i}次"))
        });
    }
    let plain = ix.search("校舍安全", PUBLIC, 50);
    assert!(plain.iter().all(|h| h.target != Target::Item(1)));
    let mine = ix.search_kinds("校舍安全", PUBLIC, &[Kind::Incoming, Kind::Outgoing], 50);
    let ids: Vec<_> = mine.iter().map(|h| h.target.clone()).collect();
    assert_eq!(ids, [Target::Item(1)]);
    // Directory entries are never of a kind asked for.
    ix.upsert(DocInput {
        target: Target::Unit("jyj".into()),
        kind: None,
        ..doc(0, "校舍安全辦公室")
    });
    assert!(ix
        .search_kinds("校舍安全辦", PUBLIC, &[Kind::Incoming], 10)
        .iter()
        .all(|h| h.kind == Some(Kind::Incoming)));
    // A typo is tolerated among the kinds asked for.
    let typo = ix.search_kinds("校舍安全的請是", PUBLIC, &[Kind::Incoming], 10);
    assert_eq!(typo.first().map(|h| &h.target), Some(&Target::Item(1)));
}

#[test]
fn hostile_queries_are_bounded() {
    let mut ix = Index::new();
    for i in 0..100 {
        ix.upsert(doc(i, "通知"));
    }
    let long = "通".repeat(10_000);
    assert!(ix.search(&long, PUBLIC, 10).is_empty());
    assert!(ix.search("", PUBLIC, 10).is_empty());
    assert!(ix.search("\x1b[2J\u{202E}", PUBLIC, 10).is_empty());
    assert_eq!(ix.search("2026", PUBLIC, 5).len(), 5);
    assert_eq!(ix.search("通知", PUBLIC, 5000).len(), 100);
}

#[test]
fn a_typo_checks_a_bounded_number_of_entries() {
    use super::fuzzy::MAX_TYPO_CANDIDATES;
    let mut ix = Index::new();
    let n = MAX_TYPO_CANDIDATES as u64 + 5_000;
    for i in 0..n {
        ix.upsert(doc(i, "關於工作的報告"));
    }
    // Every entry holds half of the word (關於), none the rest: without the
    // budget every one of them would be checked.
    let (hits, work) = ix.search_counted("關於鑫淼", PUBLIC, 10);
    assert_eq!(hits.len(), 10);
    assert!(hits.iter().all(|h| h.fuzzy));
    assert!(
        work.checked <= MAX_TYPO_CANDIDATES + 1,
        "checked {} entries",
        work.checked
    );
    // The newest come first.
    assert_eq!(hits[0].target, Target::Item(n - 1));
}

#[test]
fn a_typo_ranks_entries_holding_more_of_the_word_first() {
    let mut ix = Index::new();
    ix.upsert(doc(1, "市教育局關於學生資助的請示"));
    // Newer, but holding only 教育局 of 教育局请示.
    for id in 2..30 {
        ix.upsert(doc(id, "市教育局工作報告"));
    }
    let h = ix.search("教育局请示", PUBLIC, 5);
    assert_eq!(h[0].target, Target::Item(1), "{h:?}");
}
