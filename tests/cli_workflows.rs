//! The workflow subcommands through the real binary and a personal daemon
//! (so `Command::Act` crosses the socket): 督查 立項 → 交辦 → 進展 → board →
//! 催辦 → 通報; 發文 gates, 會簽, format check, 簽發, 編號; 收文 傳閱 tracker.

mod cli_support;

use cli_support::Env;

fn code(out: &str) -> String {
    out.split_whitespace().next().unwrap().to_string()
}

#[test]
fn supervision_from_a_meeting_to_the_report() {
    let e = Env::new();
    e.config("[supervision]\nyellow_workdays = 400\n");
    let mt = code(&e.ok(&["add", "會議", "第12次常務會議"]));
    let err = e.fails(&["supervise", "new", "推進老舊小區改造", "--from", &mt]);
    assert!(err.contains("held"), "{err}");
    e.ok(&["move", &mt, "發通知"]);
    e.ok(&["move", &mt, "召開"]);
    let out = e.ok(&["supervise", "new", "推進老舊小區改造", "--from", &mt]);
    let sv = code(&out);
    assert!(out.contains("會議決定") && out.contains(&mt), "{out}");
    let err = e.fails(&[
        "supervise",
        "assign",
        &sv,
        "--lead",
        "市住建局",
        "--deadline",
        "",
    ]);
    assert!(err.contains("deadline"), "{err}");
    let out = e.ok(&[
        "supervise",
        "assign",
        &sv,
        "--lead",
        "市住建局",
        "--assist",
        "市財政局",
        "--deadline",
        "+20工作日",
        "--report",
        "每週",
    ]);
    assert!(out.contains("交辦") && out.contains("每週"), "{out}");
    e.ok(&["move", &sv, "簽收"]);
    let out = e.ok(&["supervise", "progress", &sv, "完成選址"]);
    assert!(out.contains("完成選址"), "{out}");
    // Yellow: the config puts every deadline within 400 working days.
    let board = e.ok(&["supervise", "board"]);
    assert!(board.contains("黃 1") && board.contains(&sv), "{board}");
    let urge = e.ok(&["supervise", "urge", "--dry-run"]);
    assert!(
        urge.contains("would send") && urge.contains("臨近提醒"),
        "{urge}"
    );
    let urge = e.ok(&["supervise", "urge"]);
    assert!(urge.contains("1 sent"), "{urge}");
    assert!(e.ok(&["supervise", "urge"]).contains("0 due"), "sent once");
    let show = e.ok(&["show", &sv]);
    assert!(show.contains("臨近提醒"), "{show}");
    e.ok(&["move", &sv, "辦結", "-n", "已完成"]);
    e.ok(&["move", &sv, "複核"]);
    e.ok(&["move", &sv, "銷號"]);
    let md = e.ok(&[
        "report",
        "supervision",
        "--from",
        "2000-01-01",
        "--to",
        "2099-12-31",
    ]);
    assert!(
        md.contains("| 市住建局 | 1 | 1 | 0 | 0 | 0 | 100.0% | 0 |"),
        "{md}"
    );
    let csv = e.ok(&[
        "report",
        "supervision",
        "--from",
        "2000-01-01",
        "--to",
        "2099-12-31",
        "--format",
        "csv",
    ]);
    assert!(csv.contains("合計,1,1,0,0,0,100.0,0"), "{csv}");
}

#[test]
fn outgoing_gates_cosign_format_and_numbering() {
    let e = Env::new();
    let doc = code(&e.ok(&[
        "add",
        "發文",
        "冬季安全生產",
        "--set",
        "prefix=市政辦發",
        "--set",
        "cosigners=市財政局",
    ]));
    e.ok(&["move", &doc, "送審"]);
    let err = e.fails(&["move", &doc, "簽發"]);
    assert!(err.contains("文字關"), "{err}");
    for g in ["文字", "政策法規", "格式", "運轉流程"] {
        e.ok(&["gate", &doc, g, "pass"]);
    }
    let err = e.fails(&["gate", &doc, "文字", "maybe"]);
    assert!(err.contains("pass"), "{err}");
    let fmt = e.run(&["check-format", &doc]);
    assert!(!fmt.status.success());
    let text = String::from_utf8_lossy(&fmt.stdout);
    assert!(
        text.contains("title") && text.contains("recipients"),
        "{text}"
    );
    // The typed findings print the CLI's English, as before.
    assert!(
        text.contains("  title: the title should end with its 文種 ")
            && text.contains(" (發文機關 + 事由 + 文種)\n")
            && text.contains(" needs its 主送機關\n"),
        "{text}"
    );
    e.ok(&[
        "set",
        &doc,
        "title=關於做好冬季安全生產工作的通知",
        "recipients=各區縣人民政府",
    ]);
    assert!(e.ok(&["check-format", &doc]).contains("format: ok"));
    // The text changed under review: a new round, the gates to pass again.
    let err = e.fails(&["move", &doc, "簽發"]);
    assert!(err.contains("not passed"), "{err}");
    for g in ["wording", "policy", "format", "procedure"] {
        e.ok(&["gate", &doc, g, "通過"]);
    }
    let out = e.ok(&["cosign", &doc, "市財政局", "-n", "同意"]);
    assert!(out.contains("still to sign: none"), "{out}");
    e.ok(&["move", &doc, "簽發"]);
    let out = e.ok(&["move", &doc, "編號"]);
    assert!(out.contains("編號"), "{out}");
    let err = e.fails(&["move", &doc, "編號"]);
    assert!(err.contains("cannot move"), "{err}");
    let hist = e.ok(&["history", &doc]);
    assert!(
        hist.contains("格式關通過") && hist.contains("會簽"),
        "{hist}"
    );
}

#[test]
fn circulation_tracker() {
    let e = Env::new();
    let doc = code(&e.ok(&["add", "收文", "省政府通報", "--set", "for_reading=是"]));
    for m in ["登記", "初審", "擬辦", "傳閱"] {
        e.ok(&["move", &doc, m]);
    }
    e.ok(&["circulate", &doc, "李市長"]);
    e.ok(&["circulate", &doc, "趙主任"]);
    let list = e.ok(&["circulation"]);
    assert!(list.contains("李市長") && list.contains("趙主任"), "{list}");
    assert!(e
        .ok(&["circulation", "--over", "3"])
        .contains("nothing out"));
    e.ok(&["circulate", &doc, "李市長", "--chase"]);
    e.ok(&["circulate", &doc, "李市長", "--back"]);
    let list = e.ok(&["circulation"]);
    assert!(
        !list.contains("李市長") && list.contains("趙主任"),
        "{list}"
    );
    let err = e.fails(&["move", &doc, "辦結"]);
    assert!(err.contains("趙主任"), "{err}");
}

#[test]
fn meetings_clashes_week_notice_signin_and_decisions() {
    let e = Env::new();
    e.admin_config("[[rooms]]\nname = \"第一會議室\"\ncapacity = 3\n");
    assert!(e.ok(&["rooms"]).contains("第一會議室"));
    let set = |s: &'static str| ["--set", s];
    let mut args = vec!["meeting", "add", "第12次常務會議"];
    for s in [
        "start=2030-03-04 09:00",
        "end=2030-03-04 11:00",
        "room=第一會議室",
        "chair=王市長",
        "attendees=李局長、趙主任",
        "agenda=市教育局：校舍改造",
    ] {
        args.extend(set(s));
    }
    let mt = code(&e.ok(&args));
    // The same room, overlapping, with the same chair: shown and refused.
    let clash = e.run(&[
        "meeting",
        "add",
        "專題會議",
        "--set",
        "start=2030-03-04 10:00",
        "--set",
        "room=第一會議室",
        "--set",
        "chair=王市長",
    ]);
    assert!(!clash.status.success());
    let shown = String::from_utf8_lossy(&clash.stdout);
    assert!(
        shown.contains("第一會議室 is booked") && shown.contains("王市長 is already in"),
        "{shown}"
    );
    e.ok(&[
        "meeting",
        "add",
        "專題會議",
        "--set",
        "start=2030-03-04 10:00",
        "--set",
        "room=第二會議室",
        "--force",
    ]);
    let week = e.ok(&["meetings", "--week", "2030-03-06"]);
    assert!(
        week.contains("星期一 03-04") && week.contains("第12次常務會議"),
        "{week}"
    );
    let by = e.ok(&["meetings", "--week", "2030-03-06", "--people"]);
    assert!(by.contains("王市長\n") && by.contains("李局長\n"), "{by}");
    let notice = e.ok(&["meeting", "notice", &mt, "--save"]);
    assert!(
        notice.contains("定於2030年3月4日（星期一）上午9時在第一會議室"),
        "{notice}"
    );
    assert!(e
        .ok(&["show", &mt])
        .contains("關於召開第12次常務會議的通知"));
    e.ok(&["move", &mt, "發通知"]);
    e.ok(&["move", &mt, "召開"]);
    let signin = e.ok(&["meeting", "signin", &mt, "王市長", "李局長"]);
    assert!(
        signin.contains("簽到 2") && signin.contains("未到 趙主任"),
        "{signin}"
    );
    let out = e.ok(&[
        "meeting",
        "decide",
        &mt,
        "加快校舍改造",
        "--lead",
        "市教育局",
        "--deadline",
        "+20工作日",
    ]);
    assert!(out.contains("交辦") && out.contains("市教育局"), "{out}");
    let sv = code(&out);
    assert!(e.ok(&["show", &sv]).contains("會議決定"));
}

#[test]
fn weekly_report_from_the_command_line() {
    let e = Env::new();
    let req = code(&e.ok(&["add", "收件", "市民來電"]));
    e.ok(&["route", &req, "事務"]);
    let md = e.ok(&["report", "weekly"]);
    // Today's intake is one 收件, registered with the 辦事 it became; the 收件 is finished (分辦).
    assert!(md.contains("本週收件 1 件；登記 2 件，辦結 1 件"), "{md}");
    let out = e.dir.path().join("week.csv");
    let said = e.ok(&[
        "report",
        "weekly",
        "--format",
        "csv",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(said.starts_with("wrote "), "{said}");
    let csv = std::fs::read_to_string(&out).unwrap();
    assert!(
        csv.contains("registered,收件,1\n") && csv.contains("finished,收件,1\n"),
        "{csv}"
    );
    let err = e.fails(&["report", "weekly", "--week", "someday"]);
    assert!(err.contains("someday"), "{err}");
}

/// A meeting with a room, a time and people, through `add 會議`.
fn meeting(e: &Env, title: &str, start: &str, room: &str, chair: &str, attendees: &str) -> String {
    code(&e.ok(&[
        "add",
        "會議",
        title,
        "--set",
        &format!("start={start}"),
        "--set",
        &format!("room={room}"),
        "--set",
        &format!("chair={chair}"),
        "--set",
        &format!("attendees={attendees}"),
    ]))
}

#[test]
fn every_path_to_a_meeting_shows_its_clashes() {
    let e = Env::new();
    e.admin_config("[[rooms]]\nname = \"第一會議室\"\ncapacity = 10\n[[rooms]]\nname = \"第二會議室\"\ncapacity = 10\n");
    let a = meeting(
        &e,
        "常務會議",
        "2030-03-04 09:00",
        "第一會議室",
        "王市長",
        "李局長",
    );
    // `add 會議` checks like `meeting add`: shown and refused, nothing saved.
    let o = e.run(&[
        "add",
        "會議",
        "專題會議",
        "--set",
        "start=2030-03-04 10:00",
        "--set",
        "room=第一會議室",
    ]);
    assert!(!o.status.success());
    let shown = String::from_utf8_lossy(&o.stdout);
    assert!(
        shown.contains("第一會議室 is booked") && shown.contains(&a),
        "{shown}"
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("--force"));
    let listed = e.ok(&["ls", "-k", "會議"]);
    assert_eq!(
        listed.matches("會20").count(),
        1,
        "one meeting stored:\n{listed}"
    );
    let b = meeting(
        &e,
        "專題會議",
        "2030-03-04 14:00",
        "第二會議室",
        "趙主任",
        "錢科長",
    );
    // `set` of the schedule: a move into a's time and room, or a's chair, is refused.
    let err = e.fails(&["set", &b, "start=2030-03-04 10:00", "room=第一會議室"]);
    assert!(err.contains("not saved: 1 clash"), "{err}");
    let o = e.run(&["set", &b, "chair=王市長", "start=2030-03-04 10:00"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("王市長 is already in"));
    assert!(
        e.ok(&["show", &b]).contains("14:00"),
        "nothing of a refused set is saved"
    );
    // Other fields are not checked; --force saves and still shows the clash.
    e.ok(&["set", &b, "title=專題會議（改）"]);
    let forced = e.ok(&[
        "set",
        &b,
        "start=2030-03-04 10:00",
        "room=第一會議室",
        "--force",
    ]);
    assert!(
        forced.contains("clash: 第一會議室 is booked") && forced.contains(&b),
        "{forced}"
    );
    // Once b clashes, an edit that makes no new clash is not refused.
    e.ok(&["set", &b, "attendees=錢科長、孫科長"]);
}

#[test]
fn rooms_are_the_administrators() {
    let e = Env::new();
    e.config("[[rooms]]\nname = \"我的會議室\"\ncapacity = 99\n");
    let o = e.run(&["rooms"]);
    assert!(o.status.success());
    let out = String::from_utf8_lossy(&o.stdout);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!out.contains("我的會議室"), "{out}");
    assert!(
        err.contains("line 1") && err.contains("administrator"),
        "{err}"
    );
    e.admin_config("[[rooms]]\nname = \"第一會議室\"\ncapacity = 40\n");
    let out = e.ok(&["rooms"]);
    assert!(
        out.contains("第一會議室") && !out.contains("我的會議室"),
        "{out}"
    );
}

#[test]
fn decisions_only_from_meetings_and_assignment_whole() {
    let e = Env::new();
    let af = code(&e.ok(&["add", "事務", "市長交辦：調研"]));
    let err = e.fails(&["meeting", "decide", &af, "推進調研"]);
    assert!(
        err.contains("not a meeting") && err.contains("supervise new"),
        "{err}"
    );
    let mt = code(&e.ok(&["add", "會議", "第3次常務會議"]));
    e.ok(&["move", &mt, "發通知"]);
    e.ok(&["move", &mt, "召開"]);
    let none = |e: &Env| !e.ok(&["ls", "-k", "督查"]).contains("督");
    let err = e.fails(&["meeting", "decide", &mt, "加快改造", "--lead", "市住建局"]);
    assert!(err.contains("--lead needs --deadline"), "{err}");
    let err = e.fails(&["meeting", "decide", &mt, "加快改造", "--deadline", "+10"]);
    assert!(err.contains("--deadline needs --lead"), "{err}");
    let err = e.fails(&["meeting", "decide", &mt, "加快改造", "--assist", "市財政局"]);
    assert!(err.contains("--assist"), "{err}");
    // A 交辦 that would be refused (a past deadline) saves nothing, not even the 立項.
    let err = e.fails(&[
        "meeting",
        "decide",
        &mt,
        "加快改造",
        "--lead",
        "市住建局",
        "--deadline",
        "2020-01-01",
    ]);
    assert!(err.contains("not saved") && err.contains("past"), "{err}");
    assert!(none(&e), "nothing saved");
    let out = e.ok(&[
        "meeting",
        "decide",
        &mt,
        "加快改造",
        "--lead",
        "市住建局",
        "--deadline",
        "+10",
    ]);
    assert!(out.contains("交辦") && out.contains("市住建局"), "{out}");
}

#[test]
fn sign_in_while_notified_or_held_and_by_the_invited() {
    let e = Env::new();
    let mt = meeting(
        &e,
        "專題會議",
        "2030-03-04 09:00",
        "",
        "王市長",
        "李局長、趙主任",
    );
    let err = e.fails(&["meeting", "signin", &mt, "李局長"]);
    assert!(err.contains("已通知 or 已召開"), "{err}");
    // Core refuses the same through a plain `set`.
    let err = e.fails(&["set", &mt, "signed_in=李局長"]);
    assert!(err.contains("已通知 or 已召開"), "{err}");
    e.ok(&["move", &mt, "發通知"]);
    let err = e.fails(&["meeting", "signin", &mt, "李局長", "錢科長", "孫科長"]);
    assert!(
        err.contains("錢科長、孫科長") && err.contains("--extra"),
        "{err}"
    );
    assert!(!e.ok(&["show", &mt]).contains("錢科長"), "nothing saved");
    let err = e.fails(&["set", &mt, "signed_in=錢科長"]);
    assert!(err.contains("not invited"), "{err}");
    let out = e.ok(&["meeting", "signin", &mt, "李局長"]);
    assert!(
        out.contains("簽到 1") && out.contains("未到 王市長、趙主任"),
        "{out}"
    );
    e.ok(&["move", &mt, "召開"]);
    let out = e.ok(&["meeting", "signin", &mt, "王市長", "錢科長", "--extra"]);
    assert!(
        out.contains("簽到 3") && out.contains("added to the attendees: 錢科長"),
        "{out}"
    );
    let show = e.ok(&["show", &mt, "--json"]);
    assert!(show.contains("錢科長"), "{show}");
    e.ok(&["move", &mt, "出紀要"]);
    let err = e.fails(&["meeting", "signin", &mt, "趙主任"]);
    assert!(err.contains("已出紀要"), "{err}");
}

#[test]
fn the_leaders_schedule_shows_only_leaders() {
    let e = Env::new();
    let people = e.dir.path().join("people.csv");
    std::fs::write(
        &people,
        "name,unit,title,phones,notes\n李明,,常務副市長,,\n趙剛,,局長,,\n",
    )
    .unwrap();
    e.ok(&["directory", "import", people.to_str().unwrap()]);
    meeting(
        &e,
        "常務會議",
        "2030-03-04 09:00",
        "",
        "李明",
        "趙剛、錢科長",
    );
    meeting(&e, "調度會", "2030-03-05 09:00", "", "王市長", "孫科長");
    let all = e.ok(&["meetings", "--week", "2030-03-04", "--people"]);
    assert!(all.contains("趙剛\n") && all.contains("孫科長\n"), "{all}");
    let leaders = e.ok(&["meetings", "--week", "2030-03-04", "--leaders"]);
    assert!(
        leaders.contains("李明\n") && leaders.contains("王市長\n"),
        "{leaders}"
    );
    assert!(
        !leaders.contains("趙剛\n")
            && !leaders.contains("錢科長\n")
            && !leaders.contains("孫科長\n"),
        "{leaders}"
    );
    let empty = e.ok(&["meetings", "--week", "2030-04-01", "--leaders"]);
    assert!(empty.contains("no leader"), "{empty}");
}

#[test]
fn link_an_affair_to_a_document() {
    let e = Env::new();
    let af = code(&e.ok(&["add", "事務", "市長交辦：答復市教育局"]));
    let doc = code(&e.ok(&[
        "add",
        "收文",
        "關於校舍改造的請示",
        "--set",
        "doc_type=請示",
    ]));
    let out = e.ok(&["link", &af, &doc]);
    assert!(
        out.contains(&af) && out.contains(&doc) && out.contains("關聯"),
        "{out}"
    );
    // Both ways, and in each history with the other's code.
    let id_of = |c: &str| {
        let json = e.ok(&["show", c, "--json"]);
        let v: serde_json::Value = serde_json::from_str(json.trim()).unwrap();
        v["id"].as_u64().unwrap()
    };
    let (af_id, doc_id) = (id_of(&af), id_of(&doc));
    assert!(e.ok(&["show", &af]).contains(&format!("Related {doc_id}")));
    assert!(e.ok(&["show", &doc]).contains(&format!("Related {af_id}")));
    assert!(e.ok(&["history", &doc]).contains(&af));
    // Again: nothing new; the other way round too.
    assert!(e.ok(&["link", &doc, &af]).contains("already linked"));
    let err = e.fails(&["link", &af, &af]);
    assert!(err.contains("itself"), "{err}");
    let err = e.fails(&["link", &af, "收2099-9999"]);
    assert!(err.contains("收2099-9999"), "{err}");
    // The affair escalated to 督查: a leader's instruction to follow up.
    let out = e.ok(&["supervise", "new", "督辦：答復市教育局", "--from", &af]);
    assert!(out.contains("領導批示") && out.contains(&af), "{out}");
}
