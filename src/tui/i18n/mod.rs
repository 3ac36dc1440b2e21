//! Every string the workbench shows, in 繁體中文 (the default), 简体中文 and
//! English, in one table. A key cannot exist without all three (the macro
//! demands them), and a test checks that none is empty and that each has
//! the same `{0}`-style placeholders in every language.

/// A display language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// 繁體中文.
    #[default]
    Hant,
    /// 简体中文.
    Hans,
    /// English.
    En,
}

impl Lang {
    /// Every language.
    pub const ALL: [Lang; 3] = [Lang::Hant, Lang::Hans, Lang::En];

    /// Parses `zh-Hant`, `繁體`, `tw`, `zh-Hans`, `简体`, `cn`, `en` and friends.
    pub fn parse(s: &str) -> Option<Lang> {
        let t = s.trim().to_ascii_lowercase().replace('_', "-");
        match t.as_str() {
            "zh-hant" | "hant" | "tw" | "zh-tw" | "zh-hk" | "繁體" | "繁体" | "繁體中文" | "zh" => {
                Some(Lang::Hant)
            }
            "zh-hans" | "hans" | "cn" | "zh-cn" | "简体" | "簡體" | "简体中文" => {
                Some(Lang::Hans)
            }
            "en" | "english" | "en-us" | "en-gb" => Some(Lang::En),
            _ => None,
        }
    }

    /// The name `--lang` takes.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Hant => "zh-Hant",
            Lang::Hans => "zh-Hans",
            Lang::En => "en",
        }
    }

    /// A domain label (status, kind, field label …), given in 繁體 and English.
    pub fn label(self, hant: &str, en: &str) -> String {
        match self {
            Lang::Hant => hant.to_string(),
            Lang::Hans => fast2s::convert(hant),
            Lang::En => en.to_string(),
        }
    }
}

macro_rules! catalogue {
    ($($key:ident => ($hant:literal, $hans:literal, $en:literal)),+ $(,)?) => {
        /// A UI string.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[allow(missing_docs)]
        pub enum T { $($key),+ }

        impl T {
            /// Every key.
            pub const ALL: &'static [T] = &[$(T::$key),+];

            /// The text in a language.
            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $(
                        (T::$key, Lang::Hant) => $hant,
                        (T::$key, Lang::Hans) => $hans,
                        (T::$key, Lang::En) => $en,
                    )+
                }
            }
        }
    };
}

catalogue! {
    AppName => ("樞紐", "枢纽", "shuniu"),
    TabInbox => ("收件", "收件", "Inbox"),
    TabDocs => ("辦文", "办文", "Documents"),
    TabMeetings => ("辦會", "办会", "Meetings"),
    TabAffairs => ("辦事", "办事", "Affairs"),
    TabSupervision => ("督查", "督查", "Supervision"),
    TabDirectory => ("通訊錄", "通讯录", "Directory"),
    ModeNormal => ("普通", "普通", "NORMAL"),
    ModeVisual => ("選取", "选取", "VISUAL"),
    ModeInsert => ("輸入", "输入", "INSERT"),
    ModeCommand => ("命令", "命令", "COMMAND"),
    ModeSearch => ("篩選", "筛选", "FILTER"),
    ConnLocal => ("本機", "本机", "local"),
    ConnDaemon => ("已連線", "已连线", "connected"),
    Overdue => ("逾期", "逾期", "overdue"),
    Selected => ("已選 {0} 項", "已选 {0} 项", "{0} selected"),
    Loading => ("載入中…", "载入中…", "Loading…"),
    ColCode => ("代碼", "代码", "Code"),
    ColStatus => ("狀態", "状态", "Status"),
    ColUrgency => ("緩急", "缓急", "Urg."),
    ColUnit => ("單位", "单位", "Unit"),
    ColDeadline => ("期限", "期限", "Due"),
    ColTitle => ("標題", "标题", "Title"),
    ColFrom => ("來自", "来自", "From"),
    ColKind => ("類", "类", "Kind"),
    ColChair => ("主持", "主持", "Chair"),
    ColContact => ("聯繫人", "联系人", "Contact"),
    ColHandler => ("經辦", "经办", "Handler"),
    ColLead => ("牽頭", "牵头", "Lead"),
    ColName => ("姓名", "姓名", "Name"),
    ColPost => ("職務", "职务", "Post"),
    ColPhone => ("電話", "电话", "Phone"),
    DetNotes => ("批注與進展", "批注与进展", "Notes"),
    DetLinks => ("關聯（gf 前往）", "关联（gf 前往）", "Links (gf to open)"),
    DetHistory => ("歷史", "历史", "History"),
    DetNothing => ("未選取事項", "未选取事项", "Nothing selected"),
    DetUnitItems => ("本單位在辦事項", "本单位在办事项", "The unit's open items"),
    DetUnit => ("單位", "单位", "Unit"),
    ListEmpty => ("沒有事項", "没有事项", "No items"),
    ListFilter => ("篩選「{0}」：{1} 項（Esc 清除）", "筛选「{0}」：{1} 项（Esc 清除）", "filter “{0}”: {1} (Esc clears)"),
    WelcomeTitle => ("歡迎使用樞紐", "欢迎使用枢纽", "Welcome to shuniu 樞紐"),
    WelcomeWhat => (
        "辦公廳（室）的工作台：收件、辦文、辦會、辦事、督查與通訊錄，全憑鍵盤操作。",
        "办公厅（室）的工作台：收件、办文、办会、办事、督查与通讯录，全凭键盘操作。",
        "The general office's workbench: inbox, documents, meetings, affairs, supervision and the directory, all from the keyboard."
    ),
    WelcomeEmpty => ("資料夾是空的。", "资料夹是空的。", "The data folder is empty."),
    WelcomeKeys => ("最常用的十個鍵", "最常用的十个键", "The ten keys that matter most"),
    WelcomeDemo => ("d  載入示範資料（一個市政府的單位、人員與事項）", "d  载入示范资料（一个市政府的单位、人员与事项）", "d  load demo data (a city government's units, people and work)"),
    WelcomeStart => ("Enter  從空白開始", "Enter  从空白开始", "Enter  start empty"),
    WelcomeQuit => ("q  離開", "q  离开", "q  quit"),
    MsgUndone => ("已撤銷：{0}", "已撤销：{0}", "undone: {0}"),
    MsgNothingToUndo => ("沒有可撤銷的修改", "没有可撤销的修改", "nothing to undo"),
    MsgNothingToRepeat => ("沒有可重複的修改", "没有可重复的修改", "nothing to repeat"),
    MsgRouteMovedOn => ("{0} 已在「{1}」，分辦不能再撤回", "{0} 已在「{1}」，分办不能再撤回", "{0} is already at {1}: the route can no longer be taken back"),
    MsgChanged => ("{0}：{1}", "{0}：{1}", "{0}: {1}"),
    MsgRouted => ("{0} 已分辦為 {1}", "{0} 已分办为 {1}", "{0} routed to {1}"),
    MsgNotInbox => ("只有收件可以分辦", "只有收件可以分办", "only inbox requests can be routed"),
    MsgNoItem => ("沒有選取事項", "没有选取事项", "no item selected"),
    MsgNotHere => ("這裡不能這樣做", "这里不能这样做", "not available here"),
    MsgNoMoves => ("{0} 已是最終狀態，沒有流轉", "{0} 已是最终状态，没有流转", "{0} is final: no moves"),
    MsgDemoLoading => ("正在載入示範資料…", "正在载入示范资料…", "loading demo data…"),
    MsgDemoLoaded => ("已載入 {0} 項示範資料", "已载入 {0} 项示范资料", "loaded {0} demo items"),
    MsgUnknownCommand => ("未知命令：{0}（? 查看按鍵）", "未知命令：{0}（? 查看按键）", "unknown command: {0} (? lists keys)"),
    MsgBadArgument => ("{0}：{1}", "{0}：{1}", "{0}: {1}"),
    MsgNeedsArgument => ("{0} 需要參數：{1}", "{0} 需要参数：{1}", "{0} needs an argument: {1}"),
    MsgNoMatch => ("沒有符合「{0}」的事項", "没有符合「{0}」的事项", "nothing matches “{0}”"),
    MsgError => ("錯誤：{0}", "错误：{0}", "error: {0}"),
    MsgConflict => ("{0} 已被 {1} 於 {2} 修改{3}；已重新載入，請再試一次", "{0} 已被 {1} 于 {2} 修改{3}；已重新载入，请再试一次", "{0} was changed by {1} at {2}{3}; reloaded, try again"),
    MsgConflictRetry => ("{0} 已被 {1} 於 {2} 修改{3}；已重新載入，按 {4} 再套用您的修改", "{0} 已被 {1} 于 {2} 修改{3}；已重新载入，按 {4} 再套用您的修改", "{0} was changed by {1} at {2}{3}; reloaded, {4} applies your edit again"),
    MsgConflictFields => ("（{0}）", "（{0}）", " ({0})"),
    MsgNothingToReapply => ("沒有要再套用的修改", "没有要再套用的修改", "nothing to apply again"),
    MsgReapplying => ("正在再套用您的修改…", "正在再套用您的修改…", "applying your edit again…"),
    MsgFormErrors => ("有 {0} 處需要修改", "有 {0} 处需要修改", "{0} field(s) need attention"),
    MsgSaved => ("已保存 {0}", "已保存 {0}", "saved {0}"),
    MsgNoChanges => ("沒有修改", "没有修改", "no changes"),
    MsgDraftRestored => ("已恢復草稿", "已恢复草稿", "draft restored"),
    MsgDraftDeleted => ("已刪除草稿", "已删除草稿", "draft deleted"),
    MsgBulkDone => ("已對 {0} 項執行：{1}", "已对 {0} 项执行：{1}", "{1}: done on {0} items"),
    MsgBulkPartial => ("{0} 項完成，{1} 項失敗：{2}", "{0} 项完成，{1} 项失败：{2}", "{0} done, {1} failed: {2}"),
    MsgNoLink => ("沒有第 {0} 個關聯", "没有第 {0} 个关联", "there is no link {0}"),
    MsgLinkHidden => ("關聯的事項不在這些頁籤中", "关联的事项不在这些页签中", "the linked item is not in these tabs"),
    MsgConfig => ("設定檔：{0}", "设定档：{0}", "config: {0}"),
    MsgEditorFailed => ("無法開啟編輯器：{0}", "无法开启编辑器：{0}", "could not run the editor: {0}"),
    MsgReadOnlyField => ("這一欄由系統設定", "这一栏由系统设定", "this field is set by the system"),
    MsgReloaded => ("已重新載入", "已重新载入", "reloaded"),
    MsgOpenOnly => ("只顯示在辦事項", "只显示在办事项", "showing open items only"),
    MsgShowAll => ("顯示全部事項", "显示全部事项", "showing all items"),
    ConfirmBulk => ("對 {0} 項執行「{1}」？ y 確認 · n 取消", "对 {0} 项执行「{1}」？ y 确认 · n 取消", "Apply “{1}” to {0} items? y yes · n no"),
    ConfirmDiscard => ("放棄這份表單？ y 放棄 · n 繼續編輯", "放弃这份表单？ y 放弃 · n 继续编辑", "Discard this form? y discard · n keep editing"),
    PromptAssign => ("經辦人", "经办人", "Handler"),
    PromptDue => ("期限（+3工作日、週五、12-01…）", "期限（+3工作日、周五、12-01…）", "Deadline (+3工作日, 週五, 12-01…)"),
    PromptClose => ("關閉原因", "关闭原因", "Reason for closing"),
    PromptNote => ("批注", "批注", "Note"),
    PromptMoveNote => ("「{0}」的說明", "「{0}」的说明", "Note for “{0}”"),
    MovesTitle => ("可做的步驟：按鍵選擇，Esc 取消", "可做的步骤：按键选择，Esc 取消", "What you may do now: press its key, Esc cancels"),
    ChooseKind => ("新建：1 收文 · 2 發文 · Esc 取消", "新建：1 收文 · 2 发文 · Esc 取消", "New: 1 收文 incoming · 2 發文 outgoing · Esc cancels"),
    HelpTitle => ("按鍵（j/k 捲動，Esc 關閉）", "按键（j/k 滚动，Esc 关闭）", "Keys (j/k scroll, Esc closes)"),
    KeymapNormal => ("普通模式", "普通模式", "Normal mode"),
    KeymapVisual => ("選取模式", "选取模式", "Visual mode"),
    KeymapForm => ("表單", "表单", "Forms"),
    KeymapInput => ("輸入行（: / 與提示）", "输入行（: / 与提示）", "Input line (: / and prompts)"),
    FormNew => ("新建{0}", "新建{0}", "New {0}"),
    FormEdit => ("編輯 {0}", "编辑 {0}", "Edit {0}"),
    FormHint => ("Tab 下一欄 · Ctrl-s 保存 · Ctrl-e 用編輯器 · Esc 取消", "Tab 下一栏 · Ctrl-s 保存 · Ctrl-e 用编辑器 · Esc 取消", "Tab next · Ctrl-s save · Ctrl-e $EDITOR · Esc cancel"),
    FormLong => ("（長文字：Ctrl-e 用編輯器）", "（长文字：Ctrl-e 用编辑器）", "(long text: Ctrl-e for $EDITOR)"),
    DraftFound => ("上次有未保存的表單：{0}（{1}）", "上次有未保存的表单：{0}（{1}）", "An unsaved form was left: {0} ({1})"),
    DraftKeys => ("r 恢復 · x 刪除 · Esc 稍後再說", "r 恢复 · x 删除 · Esc 稍后再说", "r restore · x delete · Esc later"),
    LightRed => ("紅燈", "红灯", "red"),
    LightYellow => ("黃燈", "黄灯", "yellow"),
    LightGreen => ("綠燈", "绿灯", "green"),
    WordDate => ("日期", "日期", "a date"),
    WordDateTime => ("日期時間", "日期时间", "a date and time"),
    ProbNotOneOf => ("「{0}」不是可用的值；可用：{1}", "「{0}」不是可用的值；可用：{1}", "'{0}' is not a valid value; valid values: {1}"),
    ProbNotWholeNumber => ("「{0}」不是整數", "「{0}」不是整数", "'{0}' is not a whole number"),
    ProbCopyNo => ("份號須為 6 位數字，如 000123；填的是「{0}」", "份号须为 6 位数字，如 000123；填的是「{0}」", "份號 must be 6 digits, e.g. 000123; got '{0}'"),
    ProbPhone => ("「{0}」不是電話號碼（只能有數字、空格、- + ( ) 和 轉）", "「{0}」不是电话号码（只能有数字、空格、- + ( ) 和 转）", "'{0}' is not a phone number (digits, spaces, - + ( ) and 轉 only)"),
    ProbDuration => ("「{0}」不是通話時長（秒數、分:秒 或 時:分:秒）", "「{0}」不是通话时长（秒数、分:秒 或 时:分:秒）", "'{0}' is not a duration (seconds, mm:ss or h:mm:ss)"),
    ProbOneLeadUnit => ("牽頭單位只能有一個；其餘請填在協辦單位", "牵头单位只能有一个；其余请填在协办单位", "exactly one lead unit; put the others in 'assisting'"),
    ProbEmpty => ("不能空白", "不能空白", "must not be empty"),
    ProbTooLong => ("超過 {0} 個字", "超过 {0} 个字", "is longer than {0} characters"),
    ProbSecrecyYears => ("保密期限為 1 至 30 年", "保密期限为 1 至 30 年", "保密期限 is 1 to 30 years"),
    ProbSecrecyUnclassified => ("只有秘密、機密、絕密事項才有保密期限", "只有秘密、机密、绝密事项才有保密期限", "only 秘密, 機密 and 絕密 items have a 保密期限"),
    ProbPrefixOnly => ("機關代字只填代字，如 市政辦發（不含年份、括號或序號）", "机关代字只填代字，如 市政办发（不含年份、括号或序号）", "機關代字 is the prefix only, e.g. 市政辦發 (no year, brackets or number)"),
    ProbReason => ("：{0}", "：{0}", ": {0}"),
    ProbNotADate => ("「{0}」不是日期{1}（可填 2026-12-01、12-01、+3、+3工作日、週五、明天、下週一）", "「{0}」不是日期{1}（可填 2026-12-01、12-01、+3、+3工作日、周五、明天、下周一）", "'{0}' is not a date{1} (try 2026-12-01, 12-01, +3, +3工作日, 週五, 明天, 下週一)"),
    ProbNotADateTime => ("「{0}」不是日期時間（可填 2026-11-25 09:30、明天 14:00，或任何日期寫法）", "「{0}」不是日期时间（可填 2026-11-25 09:30、明天 14:00，或任何日期写法）", "'{0}' is not a date and time (try 2026-11-25 09:30, 明天 14:00, or any date form)"),
    ProbDateOutOfRange => ("「{0}」超出可用的日期範圍", "「{0}」超出可用的日期范围", "'{0}' is out of the range of dates"),
    ProbNotATime => ("「{0}」不是時刻（可填 09:30 或 14:05:00）", "「{0}」不是时刻（可填 09:30 或 14:05:00）", "'{0}' is not a time of day (try 09:30 or 14:05:00)"),
    ProbDateTooLong => ("「{0}…」太長（{1} 個字），不是{2}", "「{0}…」太长（{1} 个字），不是{2}", "'{0}…' is too long to be {2} ({1} characters)"),
    ProbNoDate => ("沒有填{0}", "没有填{0}", "{0} is needed"),
    ProbDateControl => ("「{0}」含控制字元，不是{1}", "「{0}」含控制字符，不是{1}", "'{0}' contains control characters and is not {1}"),
    ProbNoSuchField => ("沒有這一欄；{0}的欄位：{1}", "没有这一栏；{0}的栏位：{1}", "no such field; fields of {0}: {1}"),
    ProbSystemField => ("由系統填寫，不能修改", "由系统填写，不能修改", "is set by the system and cannot be edited"),
    ProbNotOfKind => ("{0}沒有這一欄", "{0}没有这一栏", "a {0} item has no such field"),
    ProbSecrecyNeeded => ("密件須填保密期限", "密件须填保密期限", "a classified item needs a 保密期限"),
    ProbDeadlineNeeded => ("{0}公文須有期限", "{0}公文须有期限", "a {0} document needs a deadline"),
    ProbEndBeforeStart => ("會議的結束時間須晚於開始時間", "会议的结束时间须晚于开始时间", "the meeting must end after it starts"),
    ProbWrongKindData => ("欄位與事項的類別不符", "栏位与事项的类别不符", "the fields do not belong to this kind"),
    ReasonOutOfRange => ("超出可用的日期範圍", "超出可用的日期范围", "out of the range of dates"),
    ReasonTooFar => ("太遠（最多 {0} 天）", "太远（最多 {0} 天）", "too far away (at most {0} days)"),
    ReasonSignAndSuffix => ("正負號與「後／前」只能用一個", "正负号与「后／前」只能用一个", "use either a sign or 後/前, not both"),
    ReasonNoMonth => ("沒有 {0} 月", "没有 {0} 月", "there is no month {0}"),
    ReasonNoDayOfYear => ("{0} 年 {1} 月沒有 {2} 日", "{0} 年 {1} 月没有 {2} 日", "{0}-{1} has no day {2}"),
    ReasonNoDay => ("{0} 月沒有 {1} 日", "{0} 月没有 {1} 日", "month {0} has no day {1}"),
    MsgFieldProblem => ("{0}：{1}", "{0}：{1}", "{0}: {1}"),
    WarnConfigKey => ("{0}：{1}：{2}（此檔案未採用，沿用預設設定）", "{0}：{1}：{2}（此文件未采用，沿用默认设定）", "{0}: {1}: {2} (that file is ignored; using defaults)"),
    WarnConfig => ("{0}：{1}（此檔案未採用，沿用預設設定）", "{0}：{1}（此文件未采用，沿用默认设定）", "{0}: {1} (that file is ignored; using defaults)"),
    WordConfig => ("設定檔", "设定档", "config"),
    WhereLine => ("{0} 第 {1} 行", "{0} 第 {1} 行", "{0} line {1}"),
    WarnLang => ("語言「{0}」：請用 zh-Hant、zh-Hans 或 en", "语言「{0}」：请用 zh-Hant、zh-Hans 或 en", "lang '{0}': use zh-Hant, zh-Hans or en"),
    WarnBinding => ("{0}：{1}：{2}（沿用預設按鍵）", "{0}：{1}：{2}（沿用默认按键）", "{0}: {1}: {2} (the default stays)"),
    BindNoSuchMode => ("沒有這個模式；模式有 normal、visual、form、input、find", "没有这个模式；模式有 normal、visual、form、input、find", "no such mode; modes: normal, visual, form, input, find"),
    BindBadKeys => ("按鍵寫法不對（如 x、gg、<C-q>、<Esc>）", "按键写法不对（如 x、gg、<C-q>、<Esc>）", "not key notation (e.g. x, gg, <C-q>, <Esc>)"),
    BindUnknownCommand => ("沒有「{0}」這個命令", "没有「{0}」这个命令", "unknown command '{0}'"),
    DocMoveDown => ("下移（可加數字：5j）", "下移（可加数字：5j）", "move down (with a count: 5j)"),
    DocMoveUp => ("上移", "上移", "move up"),
    DocTop => ("到第一行", "到第一行", "go to the first row"),
    DocBottom => ("到最後一行", "到最后一行", "go to the last row"),
    DocHalfDown => ("下翻半頁", "下翻半页", "half a page down"),
    DocHalfUp => ("上翻半頁", "上翻半页", "half a page up"),
    DocOpen => ("打開詳情", "打开详情", "open the detail"),
    DocBack => ("返回／取消", "返回／取消", "back / cancel"),
    DocTab => ("切換到第 N 個頁籤", "切换到第 N 个页签", "go to tab N"),
    DocNextTab => ("下一個頁籤", "下一个页签", "next tab"),
    DocPrevTab => ("上一個頁籤", "上一个页签", "previous tab"),
    DocSearch => ("篩選清單（邊打邊篩）", "筛选清单（边打边筛）", "filter the list as you type"),
    DocSearchNext => ("下一個符合項", "下一个符合项", "next match"),
    DocSearchPrev => ("上一個符合項", "上一个符合项", "previous match"),
    DocCommand => ("命令行（Tab 補全）", "命令行（Tab 补全）", "command line (Tab completes)"),
    DocHelp => ("按鍵說明", "按键说明", "this help"),
    DocQuit => ("離開", "离开", "quit"),
    DocRedraw => ("重畫畫面", "重画画面", "redraw the screen"),
    DocReload => ("重新載入", "重新载入", "reload"),
    DocVisual => ("選取多項（批次操作）", "选取多项（批次操作）", "select several (bulk actions)"),
    DocRoute => ("分辦收件為某一類：收文、會議、事務或督查（S 在他頁：立項督查）", "分办收件为某一类：收文、会议、事务或督查（S 在他页：立项督查）", "route the request to one kind: 收文, 會議, 事務 or 督查 (S elsewhere: file a 督查 item)"),
    DocRouteTo => ("分辦收件為{0}", "分办收件为{0}", "route the request to {0}"),
    WelcomeRoute => ("分辦收件，一鍵一類：{0}", "分办收件，一键一类：{0}", "route a request, one key per kind: {0}"),
    DocUrgency => ("設定緩急（不給值則輪換）", "设定缓急（不给值则轮换）", "set urgency (none given: cycle)"),
    DocAssign => ("指定經辦人（從通訊錄補全）", "指定经办人（从通讯录补全）", "assign a handler (completes from the directory)"),
    DocDue => ("設定期限：+3工作日、週五、12-01", "设定期限：+3工作日、周五、12-01", "set the deadline: +3工作日, 週五, 12-01"),
    DocClose => ("關閉收件（需說明原因）", "关闭收件（需说明原因）", "close a request (with a reason)"),
    DocMoves => ("流轉：此事項現在可做的每一步（一步一鍵）", "流转：此事项现在可做的每一步（一步一键）", "workflow: every step you may take on this item now, one key each"),
    DocMove => ("流轉到某狀態：:move 登記", "流转到某状态：:move 登记", "move to a status: :move 登記"),
    DocSet => ("修改一欄：:set deadline +3", "修改一栏：:set deadline +3", "set a field: :set deadline +3"),
    DocNote => ("加批注", "加批注", "add a note"),
    DocUndo => ("撤銷上一次修改（另記一筆）", "撤销上一次修改（另记一笔）", "undo the last change (as a new change)"),
    DocReapply => ("修改衝突後：重新載入並再套用自己的修改", "修改冲突后：重新载入并再套用自己的修改", "after a conflict: reload and apply your edit again"),
    DocRepeat => ("對目前事項重複上一次修改", "对目前事项重复上一次修改", "repeat the last change on this item"),
    DocNew => ("新建事項（表單）", "新建事项（表单）", "new item (form)"),
    DocEdit => ("編輯目前事項（表單）", "编辑目前事项（表单）", "edit this item (form)"),
    DocFollow => ("前往第 N 個關聯（2gf）", "前往第 N 个关联（2gf）", "open link N (2gf)"),
    DocJumpBack => ("跳回上一個事項", "跳回上一个事项", "jump back"),
    DocOpenToggle => ("切換：只看在辦／看全部", "切换：只看在办／看全部", "toggle open only / all"),
    DocDemo => ("載入示範資料", "载入示范资料", "load demo data"),
    DocTheme => ("換配色：:theme light", "换配色：:theme light", "change theme: :theme light"),
    DocLang => ("換語言：:lang en", "换语言：:lang en", "change language: :lang en"),
    DocFormNext => ("下一欄", "下一栏", "next field"),
    DocFormPrev => ("上一欄", "上一栏", "previous field"),
    DocFormSave => ("保存表單", "保存表单", "save the form"),
    DocFormCancel => ("取消表單", "取消表单", "cancel the form"),
    DocFormEditor => ("用 $EDITOR 編輯這一欄", "用 $EDITOR 编辑这一栏", "edit this field in $EDITOR"),
    DocAccept => ("確定", "确定", "accept"),
    DocComplete => ("補全", "补全", "complete"),
    DocDelWord => ("刪除前一個詞", "删除前一个词", "delete the word before"),
    DocDelStart => ("刪除到行首", "删除到行首", "delete to the start"),
    DocLeft => ("游標左移", "光标左移", "cursor left"),
    DocRight => ("游標右移", "光标右移", "cursor right"),
    DocHome => ("到行首", "到行首", "to the start"),
    DocEnd => ("到行尾", "到行尾", "to the end"),
    DocBackspace => ("刪除前一個字", "删除前一个字", "delete the character before"),
    DocDelete => ("刪除後一個字", "删除后一个字", "delete the character after"),
    DocHistPrev => ("上一條記錄", "上一条记录", "previous entry"),
    KeymapFind => ("快速查找", "快速查找", "Quick find"),
    DocQuickFind => ("快速查找：事項、單位、人員、電話（任何畫面）", "快速查找：事项、单位、人员、电话（任何画面）", "quick find: items, units, people, phones (from any screen)"),
    DocCall => ("開始／結束電話記錄（來電人）", "开始／结束电话记录（来电人）", "start / end a phone-call record (the caller)"),
    DocImport => ("從 CSV 檔匯入通訊錄的單位或人員（全部或全不）：:import 檔案", "从 CSV 文件导入通讯录的单位或人员（全部或全不）：:import 文件", "import the directory's units or people from a CSV file (all or nothing): :import FILE"),
    DocExport => ("把通訊錄的單位或人員匯出為 CSV 檔：:export [單位 或 人員] 檔案", "把通讯录的单位或人员导出为 CSV 文件：:export [单位 或 人员] 文件", "export the directory's units or people as a CSV file: :export [units or people] FILE"),
    MsgDirectoryOnly => ("{0} 只能在通訊錄中使用", "{0} 只能在通讯录中使用", "{0} works in the directory tab only"),
    MsgImporting => ("正在匯入 {0}…", "正在导入 {0}…", "importing {0}…"),
    MsgImported => ("已從 {0} 匯入 {1} 個單位、{2} 位人員", "已从 {0} 导入 {1} 个单位、{2} 位人员", "imported {1} unit(s) and {2} person(s) from {0}"),
    MsgImportRefused => ("{0} 沒有匯入：{1} 處錯誤；{2}", "{0} 没有导入：{1} 处错误；{2}", "{0} was not imported: {1} error(s); {2}"),
    MsgExportedUnits => ("已把 {1} 個單位匯出到 {0}", "已把 {1} 个单位导出到 {0}", "exported {1} unit(s) to {0}"),
    MsgExportedPeople => ("已把 {1} 位人員匯出到 {0}", "已把 {1} 位人员导出到 {0}", "exported {1} person(s) to {0}"),
    MsgExportExists => ("{0} 已經存在，沒有覆蓋；請換一個檔名", "{0} 已经存在，没有覆盖；请换一个文件名", "{0} exists already and was left alone; choose another name"),
    MsgFileFailed => ("無法使用 {0}：{1}", "无法使用 {0}：{1}", "cannot use {0}: {1}"),
    DirReportTitle => ("匯入 {0}：沒有保存任何內容，{1} 處錯誤", "导入 {0}：没有保存任何内容，{1} 处错误", "Import of {0}: nothing saved, {1} error(s)"),
    DirReportMore => ("…另有 {0} 處錯誤", "…另有 {0} 处错误", "…and {0} more"),
    DirErrField => ("第 {0} 行 {1}：{2}", "第 {0} 行 {1}：{2}", "line {0}, {1}: {2}"),
    DirErrLine => ("第 {0} 行：{1}", "第 {0} 行：{1}", "line {0}: {1}"),
    DocDashboard => ("儀表板：今日與本週到期、各單位逾期、每日收件", "仪表板：今日与本周到期、各单位逾期、每日收件", "the dashboard: due today and this week, overdue by unit, intake per day"),
    DashTitle => ("儀表板 {0}", "仪表板 {0}", "Dashboard {0}"),
    DashHint => ("{0} 重新統計 · Esc 返回", "{0} 重新统计 · Esc 返回", "{0} count again · Esc back"),
    DashOverdue => ("逾期 {0} 項", "逾期 {0} 项", "{0} overdue"),
    DashWeek => ("本週至 {0}，尚餘 {1} 個工作日", "本周至 {0}，尚余 {1} 个工作日", "this week ends {0}, {1} working days left"),
    DashKind => ("類別", "类别", "Kind"),
    DashDueToday => ("今日到期", "今日到期", "Due today"),
    DashDueWeek => ("本週到期", "本周到期", "This week"),
    DashTotal => ("合計", "合计", "Total"),
    DashByUnit => ("各單位逾期（前 {0} 個，共 {1} 個單位）", "各单位逾期（前 {0} 个，共 {1} 个单位）", "Overdue by unit (top {0} of {1} units)"),
    DashNoOverdue => ("沒有逾期事項", "没有逾期事项", "Nothing is overdue"),
    DashNoUnit => ("（未指定單位）", "（未指定单位）", "(no unit)"),
    DashIntake => ("每日收件：{0} 至 {1}，{2} 天共 {3} 件", "每日收件：{0} 至 {1}，{2} 天共 {3} 件", "Intake per day: {0} to {1}, {3} in {2} days"),
    DashPeak => ("單日最多 {0} 件", "单日最多 {0} 件", "at most {0} a day"),
    ModeFind => ("查找", "查找", "FIND"),
    FindTitle => ("快速查找", "快速查找", "Quick find"),
    FindPrompt => ("查找：", "查找：", "Find: "),
    FindHint => ("Enter 前往 · ↑↓ 選擇 · Esc 返回", "Enter 前往 · ↑↓ 选择 · Esc 返回", "Enter go · ↑↓ choose · Esc back"),
    FindEmpty => ("輸入名稱、拼音首字母、電話號碼或文號的一部分", "输入名称、拼音首字母、电话号码或文号的一部分", "Type part of a name, pinyin initials, a phone number or a 文號"),
    FindNone => ("沒有符合「{0}」的結果", "没有符合「{0}」的结果", "Nothing matches “{0}”"),
    FindCount => ("{0} 項", "{0} 项", "{0} found"),
    FindSearching => ("查找中…", "查找中…", "searching…"),
    KindPerson => ("人員", "人员", "person"),
    KindUnit => ("單位", "单位", "unit"),
    CallerTitle => ("來電：{0}", "来电：{0}", "Caller: {0}"),
    CallerHint => ("{0} 開始通話記錄 · Enter 前往事項 · Esc 返回", "{0} 开始通话记录 · Enter 前往事项 · Esc 返回", "{0} start a call record · Enter open the item · Esc back"),
    CallerHintEnd => ("{0} 結束通話 · Enter 前往事項 · Esc 返回", "{0} 结束通话 · Enter 前往事项 · Esc 返回", "{0} end the call · Enter open the item · Esc back"),
    CallerItems => ("相關在辦事項（逾期在前）：{0} 項", "相关在办事项（逾期在前）：{0} 项", "Open items concerning them (overdue first): {0}"),
    CallerNoUnit => ("不屬於通訊錄中的單位", "不属于通讯录中的单位", "not in a unit of the directory"),
    ColUpdated => ("最後變動", "最后变动", "Changed"),
    DetAbbrev => ("簡稱", "简称", "Also called"),
    DetPeople => ("人員", "人员", "People"),
    DetPersonNotes => ("備註", "备注", "Notes"),
    DetDocPrefix => ("機關代字", "机关代字", "Document prefix"),
    MsgCallWho => ("先選擇來電人：{0} 查找，或在通訊錄中選取", "先选择来电人：{0} 查找，或在通讯录中选取", "pick the caller first: {0} to find them, or select them in the directory"),
    MsgCallStarting => ("正在建立通話記錄…", "正在建立通话记录…", "creating the call record…"),
    MsgCallStarted => ("通話記錄 {0} 已建立，計時中；按 {1} 結束通話", "通话记录 {0} 已建立，计时中；按 {1} 结束通话", "call record {0} created, timing; {1} ends the call"),
    MsgCallEnded => ("通話結束（{1}），已記入 {0}；請記下通話要點，Ctrl-s 保存", "通话结束（{1}），已记入 {0}；请记下通话要点，Ctrl-s 保存", "call ended ({1}), saved in {0}; note the gist, Ctrl-s saves"),
    StatusCall => ("通話中 {0} {1}", "通话中 {0} {1}", "on a call: {0} {1}"),
    ConnLost => ("已斷線", "已断线", "disconnected"),
    MsgDisconnected => ("與 shuniu 服務的連線已中斷，修改無法保存；請重新啟動 shuniu", "与 shuniu 服务的连线已中断，修改无法保存；请重新启动 shuniu", "the connection to the shuniu daemon was lost: changes cannot be saved; start shuniu again"),
    ChooseDirectory => ("新建：1 人員 · 2 單位 · Esc 取消", "新建：1 人员 · 2 单位 · Esc 取消", "New: 1 person · 2 unit · Esc cancels"),
    ErrRequired => ("必須填寫", "必须填写", "is required"),
    ErrNoUnit => ("通訊錄裡沒有「{0}」這個單位（可填全稱、簡稱或代號）", "通讯录里没有「{0}」这个单位（可填全称、简称或代号）", "no unit “{0}” in the directory (give its name, abbreviation or key)"),
    ErrPhone => ("「{0}」不是電話號碼（只能有數字、-、+、空格、括號、轉）", "「{0}」不是电话号码（只能有数字、-、+、空格、括号、转）", "“{0}” is not a phone number (digits, -, +, spaces, brackets, 轉)"),
    ErrKey => ("代號只能用英文字母、數字、- 和 _", "代号只能用英文字母、数字、- 和 _", "a key is ASCII letters, digits, - and _"),
    ErrKeyTaken => ("代號「{0}」已被「{1}」使用", "代号「{0}」已被「{1}」使用", "the key “{0}” is taken by “{1}”"),
    // Working an item through its workflow (`m`), the 督查 board and its statistics.
    MsgNoSteps => ("{0}：你的角色在此狀態沒有可做的步驟", "{0}：你的角色在此状态没有可做的步骤", "{0}: nothing your role may do in this status"),
    MsgNoSupervise => ("此事項不能立項督查（會議須已召開）", "此事项不能立项督查（会议须已召开）", "no 督查 item can be filed from this item (a meeting must be held first)"),
    MsgSupervised => ("已立項 {0}（來源 {1}）；按 {2} 交辦", "已立项 {0}（来源 {1}）；按 {2} 交办", "{0} filed (source {1}); {2} assigns it"),
    MsgNeedAnswer => ("{0}：必須填寫", "{0}：必须填写", "{0}: required"),
    MenuRoute => ("分辦為：按鍵選擇，Esc 取消", "分办为：按键选择，Esc 取消", "Route to: press its key, Esc cancels"),
    MenuGate => ("{0} 審核：選擇一關，Esc 取消", "{0} 审核：选择一关，Esc 取消", "{0} review: choose a gate, Esc cancels"),
    MenuVerdict => ("{0}：通過或退回", "{0}：通过或退回", "{0}: pass or return"),
    MenuPick => ("{0}：按鍵選擇，Esc 取消", "{0}：按键选择，Esc 取消", "{0}: press its key, Esc cancels"),
    GatePassed => ("已通過", "已通过", "passed"),
    GateReturned => ("已退回", "已退回", "returned"),
    GatePending => ("未審", "未审", "not reviewed"),
    VerdictPass => ("通過", "通过", " passed"),
    VerdictReturn => ("退回", "退回", " returned"),
    WhatComment => ("意見（退回必填）", "意见（退回必填）", "comment (required for a return)"),
    WhatOpinion => ("{0} 的會簽意見（可空）", "{0} 的会签意见（可空）", "the opinion of {0} (may be empty)"),
    WhatLead => ("牽頭單位", "牵头单位", "lead unit"),
    WhatAssist => ("配合單位（以、分隔，可空）", "配合单位（以、分隔，可空）", "assisting units (separated by 、, may be empty)"),
    WhatDeadline => ("期限（+20工作日、+30、2026-12-31…）", "期限（+20工作日、+30、2026-12-31…）", "deadline (+20工作日, +30, 2026-12-31…)"),
    WhatReport => ("報送週期（每日、每週、每月、按節點或天數；可空）", "报送周期（每日、每周、每月、按节点或天数；可空）", "reporting cycle (每日, 每週, 每月, 按節點 or days; may be empty)"),
    WhatProgress => ("進展情況", "进展情况", "progress report"),
    WhatHolder => ("交給誰閱", "交给谁阅", "hand it to"),
    WhatTitle => ("督查事項（決定事項或交辦內容）", "督查事项（决定事项或交办内容）", "the 督查 task (the decision or the instruction)"),
    NoteReason => ("理由", "理由", "reason"),
    NoteResult => ("辦結情況", "办结情况", "result"),
    NoteInstruction => ("領導批示，照錄", "领导批示，照录", "the leader's instruction, verbatim"),
    NoteSigner => ("簽發人，可空", "签发人，可空", "signed by, may be empty"),
    HelpItem => ("此事項 {0}（{1}）：按 {2} 後", "此事项 {0}（{1}）：按 {2} 后", "This item {0} ({1}): press {2}, then"),
    HelpItemNone => ("此事項 {0}（{1}）：你現在沒有可做的步驟", "此事项 {0}（{1}）：你现在没有可做的步骤", "This item {0} ({1}): nothing you may do now"),
    HelpBlocked => ("（現在會被拒絕：{0}）", "（现在会被拒绝：{0}）", " (refused now: {0})"),
    ColLight => ("燈", "灯", "Lt"),
    DocStats => ("督查統計：各牽頭單位按期辦結率和逾期件數", "督查统计：各牵头单位按期办结率和逾期件数", "督查 statistics: on-time completion rate and overdue count by lead unit"),
    StatsTitle => ("督查統計 {0} 至 {1}（期限在此期間；Esc 關閉）", "督查统计 {0} 至 {1}（期限在此期间；Esc 关闭）", "督查 statistics {0} to {1} (deadlines in the period; Esc closes)"),
    StatsRate => ("按期辦結率（%）", "按期办结率（%）", "On-time completion rate (%)"),
    StatsOverdue => ("逾期件數（逾期辦結＋逾期未結）", "逾期件数（逾期办结＋逾期未结）", "Overdue (finished late + still open)"),
    StatsNone => ("此期間沒有到期的督查事項", "此期间没有到期的督查事项", "no 督查 item falls due in this period"),
    StatsTotal => ("合計 {0} 項：按期辦結 {1}，逾期辦結 {2}，逾期未結 {3}，未到期 {4}；按期辦結率 {5}", "合计 {0} 项：按期办结 {1}，逾期办结 {2}，逾期未结 {3}，未到期 {4}；按期办结率 {5}", "{0} in all: {1} on time, {2} late, {3} overdue and open, {4} not yet due; on-time rate {5}"),
    ErrKeyFixed => ("代號不能修改（人員以代號對應單位）", "代号不能修改（人员以代号对应单位）", "the key cannot change (people name their unit by it)"),
    DocQueue => ("我的待辦 · 待閱 · 已辦（任何畫面）", "我的待办 · 待阅 · 已办（任何画面）", "my to-do, to-read and done queues (from any screen)"),
    QueueTitle => ("我的工作", "我的工作", "My work"),
    QueueHint => ("Enter 前往 · j/k 選擇 · Esc 返回", "Enter 前往 · j/k 选择 · Esc 返回", "Enter go · j/k choose · Esc back"),
    QueueTodo => ("待辦", "待办", "To do"),
    QueueToRead => ("待閱", "待阅", "To read"),
    QueueDone => ("已辦", "已办", "Done"),
    QueueSection => ("{0}（{1}）", "{0}（{1}）", "{0} ({1})"),
    QueueEmpty => ("（無）", "（无）", "(none)"),
    QueueLoading => ("載入中…", "载入中…", "loading…"),
    MsgNotice => ("通知：{0} {1} {2}（{3}）", "通知：{0} {1} {2}（{3}）", "notice: {0} {1} {2} (by {3})"),
    MsgNoticesWaiting => ("有 {0} 則未讀通知；最新一則 {1}", "有 {0} 则未读通知；最新一则 {1}", "{0} unread notices; the newest: {1}"),
    NoticeBadge => ("通知 {0}", "通知 {0}", "notices {0}"),
}

/// `t` in `lang` with `{0}`, `{1}` … replaced by `args`.
pub fn tr(lang: Lang, t: T, args: &[&str]) -> String {
    let mut s = t.text(lang).to_string();
    for (i, a) in args.iter().enumerate() {
        s = s.replace(&format!("{{{i}}}"), a);
    }
    s
}

mod problems;
pub use problems::{bind_error, command_error, date_reason, place, problem};

#[cfg(test)]
mod tests;
