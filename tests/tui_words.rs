//! On a 繁體 screen nothing the clerk meets when something goes wrong is
//! English: denials, missing items, a lost daemon, a busy store, a 簽發
//! refused by the format check, a conflict, a bad command argument. Each is
//! driven through the workbench (keys, or the worker's outcome as the
//! worker sends it) and the status line is read back.

mod tui_support;

use std::sync::Arc;

use shuniu::core::{Core, Cut, Denial, Failure, Guarded, Missing, Service, ServiceError};
use shuniu::model::format::FormatProblem;
use shuniu::model::{Classification, DocType, Reason, Role, RuleError, User};
use shuniu::tui::event::Outcome;
use shuniu::tui::harness::{fixture, Harness};
use shuniu::tui::i18n::Lang;

use tui_support::*;

/// What the OS says is kept as it said it; nothing else may be English.
const OS: &str = "Connection reset by peer (os error 104)";

/// A colleague's login (names stay as they are).
const LOGIN: &str = "lin";

/// Words of three or more ASCII letters, but the OS's message, a login and
/// the standard's name.
fn english(s: &str) -> Vec<String> {
    s.replace(OS, "")
        .replace(LOGIN, "")
        .replace("GB/T", "")
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 3)
        .map(str::to_string)
        .collect()
}

fn status_line(h: &mut Harness) -> String {
    h.screen().lines().last().unwrap_or("").to_string()
}

/// The status line after the worker reports `e`: its words, checked.
fn said(h: &mut Harness, e: ServiceError) -> String {
    h.app.outcome(Outcome::ServiceFailed(e.clone()));
    let (m, _) = h.app.message.clone().expect("the failure is said");
    assert!(english(&m).is_empty(), "{e:?} is said in English: {m}");
    let line = status_line(h);
    let head: String = m.chars().take(8).collect();
    assert!(line.contains(&head), "{e:?} not on the status line: {line}");
    m
}

#[test]
fn a_read_only_user_is_told_in_traditional_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let admin = fixture(&dir.path().join("data"), 30);
    admin
        .save_user(User {
            login: "guest".into(),
            uid: 2001,
            display: "訪客".into(),
            unit: "辦公室".into(),
            role: Role::ReadOnly,
            clearance: Classification::Secret,
            disabled: false,
        })
        .unwrap();
    let guest = Arc::new(Core::for_uid(admin.engine().clone(), 2001, "guest").unwrap());
    let mut h = Harness::new(
        guest,
        shuniu::model::WorkCalendar::builtin(),
        (120, 30),
        Lang::Hant,
        None,
    );
    // 緩急 cycles with p: the service refuses the write.
    h.press("p");
    let (m, _) = h.app.message.clone().expect("the refusal is said");
    assert!(m.contains("只能查閱"), "{m}");
    assert!(english(&m).is_empty(), "{m}");
    assert!(status_line(&mut h).contains("不允許"), "{}", h.screen());
}

#[test]
fn denials_and_missing_items_are_said_in_traditional_chinese() {
    let mut t = setup(20, (120, 30));
    let m = said(
        &mut t.h,
        ServiceError::Denied(Denial::AboveClearance {
            level: Classification::Secret,
            clearance: Classification::Internal,
        }),
    );
    assert!(m.contains("高於你的密級"), "{m}");
    let m = said(
        &mut t.h,
        ServiceError::Denied(Denial::NeedsRole {
            what: Guarded::Directory,
            roles: vec![Role::Admin, Role::Director, Role::Clerk],
        }),
    );
    assert!(m.contains("修改通訊錄須由管理員/主任/文書辦理"), "{m}");
    let m = said(
        &mut t.h,
        ServiceError::Denied(Denial::Disabled {
            login: "李明".into(),
        }),
    );
    assert!(m.contains("已停用"), "{m}");
    let m = said(&mut t.h, ServiceError::NotFound(Missing::Item(12)));
    assert!(m.contains("找不到事項 12"), "{m}");
    let m = said(
        &mut t.h,
        ServiceError::NotFound(Missing::Code("收2026-9999".into())),
    );
    assert!(m.contains("找不到「收2026-9999」"), "{m}");
    let m = said(&mut t.h, ServiceError::NotFound(Missing::Linked(3)));
    assert!(m.contains("關聯的事項 3"), "{m}");
}

#[test]
fn a_lost_daemon_and_a_busy_store_keep_the_os_words_inside_chinese() {
    let mut t = setup(20, (160, 30));
    let m = said(
        &mut t.h,
        ServiceError::Store(Failure::Lost {
            socket: "/執行/樞紐".into(),
            why: Cut::Other(OS.into()),
        }),
    );
    assert!(m.contains("連線已中斷") && m.contains(OS), "{m}");
    let m = said(
        &mut t.h,
        ServiceError::Store(Failure::Lost {
            socket: "/執行/樞紐".into(),
            why: Cut::Closed,
        }),
    );
    assert!(m.contains("服務已關閉連線"), "{m}");
    let m = said(
        &mut t.h,
        ServiceError::Store(Failure::Busy {
            path: "/資料/樞紐".into(),
        }),
    );
    assert!(m.contains("另一個樞紐程序"), "{m}");
    let m = said(&mut t.h, ServiceError::Store(Failure::Other(OS.into())));
    assert!(m.contains("資料庫出錯") && m.contains(OS), "{m}");
    let m = said(&mut t.h, ServiceError::Store(Failure::DaemonBug));
    assert!(m.contains("日誌"), "{m}");
}

#[test]
fn a_signing_refused_by_the_format_check_is_said_in_traditional_chinese() {
    let mut t = setup(20, (200, 30));
    let e: ServiceError = RuleError::refused(
        "簽發",
        Reason::Format {
            findings: vec![
                FormatProblem::TitleType {
                    doc_type: DocType::Notice,
                },
                FormatProblem::CopyNo {
                    classification: Classification::Secret,
                },
                FormatProblem::Prefix,
            ],
        },
    )
    .into();
    let m = said(&mut t.h, e);
    assert!(m.contains("GB/T 9704 格式檢查發現 3 處"), "{m}");
    assert!(m.contains("標題：標題應以文種"), "{m}");
    assert!(m.contains("沒有機關代字"), "{m}");
}

#[test]
fn a_conflict_outside_a_write_is_said_in_traditional_chinese() {
    let mut t = setup(20, (160, 30));
    let m = said(
        &mut t.h,
        ServiceError::Conflict {
            id: 4,
            read: 1,
            version: 2,
            by: LOGIN.into(),
            when: "2026-11-25 09:00".into(),
            changed: vec![],
        },
    );
    assert!(m.contains("已被 lin 於 2026-11-25 09:00 修改"), "{m}");
}

#[test]
fn bad_command_arguments_are_said_in_traditional_chinese() {
    let mut t = setup(20, (160, 30));
    for (line, words) in [
        (":tab 九", "1–6 或頁籤名稱"),
        (":lang 法文", "可用 繁體"),
        (":new 某物", "不是事項種類"),
        (":route 發文", "可分辦為"),
        (":urgency 超急", "超急"),
    ] {
        t.h.press(&format!("{line}<Enter>"));
        let (m, _) = t.h.app.message.clone().expect("the refusal is said");
        assert!(m.contains(words), "{line}: {m}");
        // The command is named as it is typed; the rest is Chinese.
        let (command, why) = m.split_once('：').expect("command：why");
        assert_eq!(format!(":{command} "), line[..command.len() + 2], "{m}");
        assert!(english(why).is_empty(), "{line}: {m}");
    }
}

#[test]
fn a_draft_that_cannot_be_kept_is_said_in_traditional_chinese() {
    let mut t = setup(20, (160, 30));
    // The drafts folder is a file: every save fails, as the OS says.
    let blocked = t._dir.path().join("blocked");
    std::fs::write(&blocked, "not a folder").unwrap();
    t.h.cx.drafts = Some(blocked.join("drafts"));
    t.h.press("o");
    t.h.type_text("草稿標題");
    let (m, _) = t.h.app.message.clone().expect("the failure is said");
    assert!(m.starts_with("無法在 ") && m.contains("保存草稿"), "{m}");
    // The OS's words stay inside the parentheses; outside them, Chinese.
    let outside: String = m
        .split('（')
        .map(|p| p.split_once('）').map(|(_, r)| r).unwrap_or(p))
        .collect();
    let outside = outside.replace(&*blocked.join("drafts").to_string_lossy(), "");
    assert!(english(&outside).is_empty(), "{m}");
}
