//! The real binary in a real terminal, working items through their
//! workflows by keyboard: `m` opens what may be done now, one key each, and
//! each step that needs input asks for it. A 發文 from 起草 through the four
//! gates to 歸檔, a 督查 item from 立項 to 銷號, a meeting to 歸檔 with a
//! decision filed as 督查, an affair to 歸檔. Each test has its own tmux
//! server, HOME and data folder, and polls the screen with a deadline.

mod e2e_support;

use chrono::Datelike;
use e2e_support::status_line;
use e2e_support::walk::{body, bottom};
use e2e_support::Tmux;

#[test]
fn an_outgoing_document_from_draft_through_the_four_gates_to_archive() {
    let Some(t) = Tmux::workbench(
        120,
        36,
        &[(
            "add 發文 關於做好冬季供暖工作的通知 --set doc_type=通知 --set recipients=各區人民政府 --set prefix=市政辦發",
            "-0001 關於做好冬季供暖工作的通知",
        )],
    ) else {
        return;
    };
    t.text("2");
    t.at("發文", "起草");
    t.step("送審 → 審核");
    t.at("發文", "審核");
    for gate in ["文字關", "政策法規關", "格式關", "運轉流程關"] {
        t.step("審核四關");
        t.wait_for("the gate menu", |s| s.contains("選擇一關"));
        t.pick(gate);
        t.wait_for("pass or return", |s| s.contains("通過或退回"));
        t.pick("通過");
        t.asked("意見（退回必填）");
        t.answer("");
        t.wait_for(&format!("{gate} passed"), |s| {
            bottom(s).contains(&format!("{gate}通過"))
        });
    }
    t.wait_for("the four gates passed", |s| {
        s.contains("文字關通過、政策法規關通過、格式關通過、運轉流程關通過")
            || s.contains("運轉流程關通過")
    });
    t.step("簽發 → 簽發");
    t.asked("簽發人");
    t.answer("");
    t.at("發文", "簽發");
    t.step("編號 → 編號");
    t.at("發文", "編號");
    let no = format!("市政辦發〔{}〕1號", chrono::Local::now().year());
    t.wait_for("the 發文字號", |s| s.contains(&no));
    t.step("印製 → 印製");
    t.at("發文", "印製");
    t.step("核發 → 核發");
    t.asked("分送");
    t.answer("各區人民政府×2、市直各部門");
    t.at("發文", "核發");
    t.step("歸檔 → 歸檔");
    t.at("發文", "歸檔");
    let s = t.screen();
    assert!(s.contains(&no), "{s}");
    // Nothing more: m says the item is final.
    t.text("m");
    t.wait_for("final", |s| bottom(s).contains("最終狀態"));
    t.quit();
}

#[test]
fn a_supervision_item_from_filing_to_settled() {
    let Some(t) = Tmux::workbench(
        120,
        36,
        &[("add 督查 推進老舊小區改造", "-0001 推進老舊小區改造")],
    ) else {
        return;
    };
    t.text("5");
    t.at("督查", "立項");
    t.step("交辦 → 交辦");
    t.asked("交辦 1/4 · 牽頭單位");
    t.answer("市住房和城鄉建設局");
    t.asked("交辦 2/4 · 配合單位");
    t.answer("市財政局");
    t.asked("交辦 3/4 · 期限");
    t.answer("+20工作日");
    t.asked("交辦 4/4 · 報送週期");
    t.answer("每週");
    t.at("督查", "交辦");
    // In progress with a distant deadline: a green light in the list.
    t.wait_for("the green light", |s| {
        s.lines()
            .any(|l| l.contains("推進老舊小區改造") && l.contains("綠 督"))
    });
    t.step("簽收 → 承辦");
    t.at("督查", "承辦");
    t.step("進展");
    t.asked("進展情況");
    t.answer("已完成12個小區的摸底");
    t.wait_for("the progress report", |s| {
        bottom(s).contains("進展") && body(s).contains("已完成12個小區的摸底")
    });
    t.step("辦結 → 辦結");
    t.asked("辦結情況");
    t.answer("改造全部完成，居民驗收通過");
    t.at("督查", "辦結");
    t.step("複核 → 複核");
    t.at("督查", "複核");
    t.step("銷號 → 銷號");
    t.at("督查", "銷號");
    // The statistics count it as finished on time.
    t.text("s");
    t.wait_for("the statistics", |s| {
        s.contains("督查統計") && s.contains("按期辦結 1") && s.contains("市住房和城")
    });
    t.keys(&["Escape"]);
    t.wait_for("the list again", |s| !s.contains("督查統計"));
    t.quit();
}

#[test]
fn a_meeting_to_archive_with_a_decision_filed_as_supervision() {
    let Some(t) = Tmux::workbench(
        120,
        36,
        &[("add 會議 第12次常務會議", "-0001 第12次常務會議")],
    ) else {
        return;
    };
    t.text("3");
    t.at("會議", "籌備");
    t.step("發通知 → 已通知");
    t.at("會議", "已通知");
    t.step("召開 → 已召開");
    t.at("會議", "已召開");
    t.step("立項督查");
    t.asked("督查事項");
    t.answer("年底前完成背街小巷路燈改造");
    // The new item, shown in 督查, says where it came from.
    let s = t.wait_for("the new 督查 item", |s| {
        status_line(s).contains("督查") || bottom(s).contains("已立項")
    });
    assert!(bottom(&s).contains("已立項 督"), "{s}");
    t.at("督查", "立項");
    t.wait_for("the source link", |s| {
        s.contains("來源") && s.contains("第12次常務會議")
    });
    t.text("3");
    t.at("會議", "已召開");
    t.step("出紀要 → 已出紀要");
    t.at("會議", "已出紀要");
    t.step("歸檔 → 歸檔");
    t.at("會議", "歸檔");
    t.quit();
}

#[test]
fn an_affair_to_archive() {
    let Some(t) = Tmux::workbench(120, 36, &[("add 事務 接待省調研組", "-0001 接待省調研組")])
    else {
        return;
    };
    t.text("4");
    t.at("事務", "登記");
    t.step("承辦 → 承辦");
    t.at("事務", "承辦");
    // 辦結 without its result is refused, in words.
    t.step("辦結 → 辦結");
    t.asked("辦結情況");
    t.answer("");
    t.wait_for("the refusal", |s| bottom(s).contains("辦結情況"));
    t.finish_and_file("事務", "已安排座談和實地調研");
    t.quit();
}
