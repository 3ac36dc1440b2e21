//! The real binary in a real terminal, one walk per tab not covered by
//! `e2e_flows.rs`: a 收文 from 簽收 through 登記, 初審, 擬辦, 批辦, 承辦 and
//! 傳閱 (with a 催收 of a copy out) to 歸檔; a 收件 request taken in by
//! `shuniu intake`, triaged by keys and carried, as the 事務 it became, to
//! 歸檔; a unit and a person added to the 通訊錄 by keys, found with quick
//! find and shown in the caller view. Each test has its own tmux server,
//! HOME and data folder (gone when the test ends, however it ends), and
//! waits for what the screen must show, to a deadline.

mod e2e_support;

use e2e_support::walk::{body, bottom};
use e2e_support::{detail_field, inbox_count, routed_to, selected_code, Tmux};

#[test]
fn an_incoming_document_from_receipt_through_circulation_to_archive() {
    let Some(t) = Tmux::workbench(
        120,
        40,
        &[(
            "add 收文 省政府關於加強安全生產的通知 --set from=省政府辦公廳",
            "-0001 省政府關於加強安全生產的通知",
        )],
    ) else {
        return;
    };
    t.text("2");
    t.at("收文", "簽收");
    let code = selected_code(&t.screen());
    assert!(code.starts_with('收'), "{}", t.screen());
    for status in ["登記", "初審", "擬辦"] {
        t.step(&format!("{status} → {status}"));
        t.at("收文", status);
    }
    // 批辦: the leader's instruction, verbatim.
    t.step("批辦 → 批辦");
    t.asked("批辦");
    t.answer("請市應急局牽頭辦理");
    t.at("收文", "批辦");
    t.wait_for("the instruction", |s| {
        body(s).contains("請市應急局牽頭辦理")
    });
    // 承辦 asks for the 主辦單位 it lacks, then moves.
    t.step("承辦 → 承辦");
    t.asked("主辦單位");
    t.answer("市應急管理局");
    t.at("收文", "承辦");
    t.step("傳閱 → 傳閱");
    t.at("收文", "傳閱");
    // Two readers; 辦結 is offered with why it would be refused.
    for who in ["張秘書長", "李副主任"] {
        t.step("傳閱");
        t.asked("交給誰閱");
        t.answer(who);
        t.told(&format!("：傳閱 {who}"));
    }
    t.text("m");
    t.wait_for("the refusal under 辦結", |s| {
        s.contains("張秘書長 仍持有")
    });
    t.keys(&["Escape"]);
    t.wait_for("the menu closed", |s| !s.contains("可做的步驟"));
    // 催收 the copy 李副主任 holds; 張秘書長 gives theirs back.
    t.step("催收");
    t.wait_for("whom to chase", |s| s.contains("催收：按鍵選擇"));
    t.pick("李副主任");
    t.told("：催收 李副主任");
    t.step("退還");
    t.wait_for("who gives it back", |s| s.contains("退還：按鍵選擇"));
    t.pick("張秘書長");
    t.told("：退還 張秘書長");
    t.wait_for("one copy out", |s| {
        detail_field(s, "傳閱中").is_some_and(|v| v.starts_with("李副主任") && !v.contains("張"))
    });
    // 收回 takes the last copy back; then 辦結 with its result, and 歸檔.
    t.step("收回 → 承辦");
    t.at("收文", "承辦");
    t.finish_and_file("收文", "已按要求部署檢查");
    t.text("m");
    t.wait_for("final", |s| bottom(s).contains("最終狀態"));
    t.quit();
    // The store's history has every step, the 催收 counted.
    t.keys(&["C-l"]);
    t.shuniu(&format!(
        "history {code} | grep -e 催收 -e 退還 -e 收回 -e 歸檔 | tr -s ' ' | sed 's/^/H: /'"
    ));
    t.wait_for("the history", |s| {
        s.contains("催收 (請李副主任退還")
            && s.contains("第1次催收")
            && s.contains("退還 (← 張秘書長)")
            && s.lines()
                .any(|l| l.starts_with("H: ") && l.ends_with("root 收回"))
            && s.lines()
                .any(|l| l.starts_with("H: ") && l.ends_with("root 歸檔"))
    });
}

#[test]
fn an_intake_request_triaged_by_keys_and_carried_to_archive() {
    let Some(t) = Tmux::start(120, 40) else {
        return;
    };
    let file = t.home().join("requests.jsonl");
    std::fs::write(
        &file,
        "{\"title\":\"市民來電反映和平路路燈不亮\",\"channel\":\"來電\",\"from\":\"周大爺\",\"phone\":\"13700001111\"}\n",
    )
    .unwrap();
    t.shuniu(&format!("intake {}", file.display()));
    t.wait_for("the intake", |s| s.contains("1 requests registered"));
    t.launch();
    let s = t.wait_for("the request in the inbox", |s| {
        inbox_count(s) == Some(1) && body(s).contains("收件 · 待處理")
    });
    let request = selected_code(&s);
    assert!(request.starts_with('件'), "{s}");
    // Triage: a deadline, the urgency raised, then routed to 事務.
    t.text("t");
    t.asked("期限");
    t.answer("+3工作日");
    t.told(&format!("{request}：期限="));
    let s = t.wait_for("the deadline in the detail", |s| {
        detail_field(s, "期限").is_some_and(|d| d != "—")
    });
    let due = detail_field(&s, "期限").unwrap();
    t.text("p");
    t.wait_for("加急", |s| {
        detail_field(s, "緊急程度").as_deref() == Some("加急")
    });
    t.text("A");
    let s = t.wait_for("the route to 事務", |s| {
        routed_to(s).is_some_and(|c| c.starts_with('事')) && inbox_count(s) == Some(0)
    });
    let affair = routed_to(&s).unwrap();
    // The new 事務 carries what the request said, and links back to it.
    t.text("4");
    let s = t.wait_for("the new 事務", |s| {
        selected_code(s) == affair && body(s).contains("事務 · 登記")
    });
    assert_eq!(
        detail_field(&s, "期限").as_deref(),
        Some(due.as_str()),
        "{s}"
    );
    assert_eq!(detail_field(&s, "緊急程度").as_deref(), Some("加急"), "{s}");
    assert_eq!(
        detail_field(&s, "來電/來訪人").as_deref(),
        Some("周大爺"),
        "{s}"
    );
    assert!(s.contains(&format!("[1] 來源 {request}")), "{s}");
    // gf goes to the request, now 已分辦; Ctrl-o comes back.
    t.text("gf");
    t.wait_for("the request", |s| {
        selected_code(s) == request && body(s).contains("收件 · 已分辦")
    });
    t.keys(&["C-o"]);
    t.wait_for("the 事務 again", |s| {
        selected_code(s) == affair && body(s).contains("事務 · 登記")
    });
    t.step("承辦 → 承辦");
    t.at("事務", "承辦");
    t.finish_and_file("事務", "已通知市城管局維修，路燈已恢復");
    t.quit();
    // As stored: the request routed to the affair, the affair archived.
    t.keys(&["C-l"]);
    t.shuniu("ls | tr -s ' ' | sed 's/^/L: /'");
    t.wait_for("the stored request and affair", |s| {
        s.contains(&format!("L: {request} 已分辦 加急"))
            && s.contains(&format!("L: {affair} 歸檔 加急"))
    });
}

#[test]
fn a_unit_and_a_person_added_by_keys_found_and_shown_as_the_caller() {
    let Some(t) = Tmux::workbench(
        120,
        40,
        &[(
            "add 事務 和平路路燈報修跟進 --set unit=市城市管理局",
            "-0001 和平路路燈報修跟進",
        )],
    ) else {
        return;
    };
    t.text("6");
    t.wait_for("the 通訊錄", |s| {
        s.lines()
            .nth(1)
            .is_some_and(|l| l.contains("姓名") && l.contains("職務"))
    });
    // A unit: 全稱, 簡稱, 代號, 總機, 機關代字.
    t.text("o");
    t.told("新建：1 人員 · 2 單位");
    t.text("2");
    t.wait_for("the unit form", |s| {
        s.contains("新建單位") && s.contains("機關代字")
    });
    for (i, v) in ["市城市管理局", "城管局", "cgj", "0571-87001234", "市城管發"]
        .iter()
        .enumerate()
    {
        if i > 0 {
            t.keys(&["Tab"]);
        }
        t.text(v);
        t.wait_for(v, |s| s.lines().any(|l| l.trim_end().ends_with(v)));
    }
    t.keys(&["C-s"]);
    t.told("已保存 市城市管理局");
    t.wait_for("the unit in the list", |s| {
        s.lines()
            .any(|l| l.starts_with('>') && l.contains("市城市管理局") && l.contains("城管局"))
    });
    // A person of it, the unit given by its abbreviation.
    t.text("o");
    t.told("新建：1 人員 · 2 單位");
    t.text("1");
    t.wait_for("the person form", |s| s.contains("新建人員"));
    t.text("趙志強");
    t.keys(&["Tab"]);
    t.keys(&["C-u"]);
    t.text("城管局");
    t.wait_for("the unit typed", |s| {
        s.lines()
            .any(|l| l.starts_with("單位") && l.trim_end().ends_with(" 城管局"))
    });
    t.keys(&["Tab"]);
    t.text("科長");
    t.keys(&["Tab"]);
    t.text("13912345678、0571-87005678");
    t.wait_for("the phones typed", |s| {
        s.contains("13912345678、0571-87005678")
    });
    t.keys(&["C-s"]);
    t.told("已保存 趙志強");
    t.wait_for("the person under the unit", |s| {
        s.lines().any(|l| {
            l.starts_with('>')
                && l.contains("趙志強")
                && l.contains("市城市管理局")
                && l.contains("科長")
        })
    });
    // Quick find by the last digits of the mobile, then the caller view.
    t.keys(&["C-f"]);
    t.wait_for("the popup", |s| {
        s.contains("快速查找") && s.contains("查找：")
    });
    t.text("5678");
    t.wait_for("the person found", |s| {
        s.lines()
            .any(|l| l.contains("人員 趙志強") && l.contains("13912345678"))
    });
    t.keys(&["Enter"]);
    t.wait_for("the caller view", |s| {
        s.contains("來電：趙志強")
            && s.contains("單位 市城市管理局（城管局）  電話 0571-87001234")
            && s.contains("相關在辦事項（逾期在前）：1 項")
            && s.contains("和平路路燈報修跟進")
    });
    t.keys(&["Escape"]);
    t.wait_for("the caller view closed", |s| !s.contains("來電：趙志強"));
    t.quit();
    // As stored: both in the directory.
    t.keys(&["C-l"]);
    t.shuniu("directory ls --people | tr -s ' ' | sed 's/^/P: /'");
    t.wait_for("the person stored", |s| {
        s.contains("P: 1 趙志強 市城市管理局 科長 13912345678 0571-87005678")
    });
}
