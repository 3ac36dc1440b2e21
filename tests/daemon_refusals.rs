//! Refusals over a real daemon socket arrive typed: a refused field with its
//! `Problem`, a refused rule with its `Refusal` (the gates not passed, the
//! verb), so a workbench connected to the daemon says them in 繁體 exactly
//! as a local one does, and the CLI still has its English message.

mod daemon_support;

use std::sync::Arc;

use daemon_support::Daemon;
use shuniu::core::{Service, ServiceError};
use shuniu::model::{Command, Gate, Item, Kind, Problem, Reason, Status, Why, WorkCalendar};
use shuniu::tui::app::TabKind;
use shuniu::tui::harness::Harness;
use shuniu::tui::i18n::{self, Lang};

fn reviewing(c: &dyn Service) -> Item {
    let it = Item::new(Kind::Outgoing, "關於做好冬季供暖工作的通知", "", 0);
    let it = c.apply(Command::Create { item: Box::new(it) }).unwrap();
    c.apply(Command::Move {
        id: it.id,
        version: it.version,
        to: Status::Reviewing,
        note: String::new(),
    })
    .unwrap()
}

#[test]
fn refused_fields_and_rules_cross_the_socket_typed() {
    let dir = tempfile::tempdir().unwrap();
    let d = Daemon::start(dir.path());
    let c = d.client();
    let it = reviewing(&c);
    let e = c
        .apply(Command::Move {
            id: it.id,
            version: it.version,
            to: Status::Approved,
            note: String::new(),
        })
        .unwrap_err();
    let ServiceError::Rule(r) = &e else {
        panic!("expected a rule refusal, got {e:?}")
    };
    assert_eq!(r.action, "簽發");
    assert_eq!(
        r.why,
        Why::Refused(Reason::GatesPending {
            gates: Gate::ALL.to_vec()
        })
    );
    assert!(r.message.contains("the four gates of 審核"), "{r}");
    let hant = i18n::service_error(Lang::Hant, &e);
    assert!(
        hant.starts_with("簽發：審核四關須全部通過；未通過：文字關"),
        "{hant}"
    );
    let e = c
        .apply(Command::Set {
            id: it.id,
            version: it.version,
            fields: vec![("deadline".into(), "下下下週".into())],
        })
        .unwrap_err();
    let ServiceError::Invalid { field, problem, .. } = &e else {
        panic!("expected a refused field, got {e:?}")
    };
    assert_eq!(field, "deadline");
    assert!(matches!(problem, Problem::NotADate { .. }), "{problem:?}");
    let hant = i18n::service_error(Lang::Hant, &e);
    assert!(hant.starts_with("期限：「下下下週」不是日期"), "{hant}");
}

#[test]
fn the_workbench_on_the_daemon_says_a_refused_write_in_traditional_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let d = Daemon::start(dir.path());
    let c = d.client();
    let it = reviewing(&c);
    let mut h = Harness::new(
        Arc::new(d.client()),
        WorkCalendar::builtin(),
        (160, 36),
        Lang::Hant,
        None,
    );
    let fx = h.app.jump(TabKind::of(it.kind), it.id);
    h.run(fx);
    // 簽發 from the menu, its note left empty.
    h.press("m");
    let s = h.screen();
    let Some(shuniu::tui::app::Overlay::Moves(m)) = &h.app.overlay else {
        panic!("no menu:\n{s}")
    };
    let c2 = m
        .choices
        .iter()
        .find(|c| c.text.starts_with("簽發"))
        .unwrap();
    assert!(s.contains(&format!("{}  簽發 → 簽發", c2.key)), "{s}");
    assert!(s.contains("審核四關須全部通過"), "the menu says why:\n{s}");
    h.press(&c2.key.to_string());
    h.press("<Enter>");
    let line = h.screen().lines().last().unwrap_or("").to_string();
    assert!(line.contains("錯誤：簽發：審核四關須全部通過"), "{line}");
    assert!(!line.contains("must"), "{line}");
    assert_eq!(c.get(it.id).unwrap().status, Status::Reviewing);
}
