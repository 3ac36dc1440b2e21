//! The real binary in a real terminal: a meeting typed into the form by
//! keyboard clashes with one already booked (the room and the chair), the
//! clash shows in the form before saving, the save is refused until the
//! clerk says "save anyway", and the week view shows both meetings. Its own
//! tmux server, HOME and data folder; the screen is polled with a deadline.

mod e2e_support;

use chrono::{Datelike, Weekday};
use e2e_support::{Tmux, PROMPT};

fn bottom(s: &str) -> String {
    s.lines().last().unwrap_or("").to_string()
}

#[test]
fn a_clashing_meeting_typed_in_shows_the_clash_and_lands_in_the_week_view() {
    let Some(t) = Tmux::start(120, 36) else {
        return;
    };
    t.shuniu(
        "meeting add 第12次常務會議 --set 'start=明天 09:00' --set 'end=明天 11:00' \
         --set room=第一會議室 --set chair=王市長",
    );
    t.wait_for("the first meeting", |s| s.contains("-0001 第12次常務會議"));
    t.keys(&["C-l"]);
    t.shuniu("");
    t.wait_for("the workbench", |s| {
        s.lines().next().is_some_and(|l| l.contains("收件"))
    });
    t.text("3");
    t.wait_for("the meeting in 辦會", |s| s.contains("第12次常務會議"));
    t.text("o");
    t.wait_for("the meeting form", |s| s.contains("新建會議"));
    t.wait_for("no clash yet", |s| s.contains("沒有衝突"));
    t.text("防汛工作專題會議");
    // To 開始時間: title, urgency, classification, 保密期限, unit, handler,
    // deadline, body, type, then start.
    for _ in 0..9 {
        t.keys(&["Tab"]);
    }
    t.text("明天 10:00");
    t.keys(&["Tab"]);
    t.text("明天 12:00");
    t.keys(&["Tab"]);
    t.text("第一會議室");
    let s = t.wait_for("the room's clash", |s| s.contains("衝突 1 處"));
    assert!(
        s.contains("第一會議室 在") && s.contains("第12次常務會議 使用"),
        "{s}"
    );
    t.keys(&["Tab"]);
    t.text("王市長");
    t.wait_for("the chair's clash too", |s| {
        s.contains("衝突 2 處") && s.contains("王市長 在")
    });
    // Refused with the list, then saved anyway.
    t.keys(&["C-s"]);
    t.wait_for("the refusal", |s| bottom(s).contains("未保存：有 2 處衝突"));
    t.text("y");
    t.wait_for("saved", |s| bottom(s).contains("已保存"));
    // The week view (the next one, when tomorrow is a Monday) shows both.
    t.text("w");
    t.wait_for("the week view", |s| s.contains("辦會 · 週視圖"));
    if chrono::Local::now().date_naive().weekday() == Weekday::Sun {
        t.text("]");
    }
    let s = t.wait_for("both meetings in the week", |s| {
        s.contains("防汛工作專題會議") && s.contains("第12次常務會議")
    });
    assert!(s.contains("本週 2 場會議"), "{s}");
    assert!(
        s.lines()
            .any(|l| l.contains("10:00–12:00") && l.contains("第一會議室") && l.contains("王市長")),
        "{s}"
    );
    t.keys(&["Escape"]);
    t.wait_for("the list again", |s| !s.contains("辦會 · 週視圖"));
    t.text("q");
    t.wait_for("the prompt", |s| s.trim_end().ends_with(PROMPT));
    t.assert_sane();
}
