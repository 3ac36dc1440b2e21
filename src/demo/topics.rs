//! What the city's paperwork is about: the standing topics of local
//! government (each with the unit that usually leads it), what citizens call
//! about, the meeting rooms, and the stock phrases of 擬辦 and 批示.
//!
//! The phrases are chosen so that no title's pinyin initials contain `zs`
//! (the 張三 quick-find demo); a test checks it.

/// (topic, key of the unit that usually leads it).
pub(super) const TOPICS: &[(&str, &str)] = &[
    ("校舍安全", "jyj"),
    ("防汛抗旱", "slj"),
    ("安全生產", "yjj"),
    ("優化營商環境", "fgw"),
    ("老舊小區改造", "zjj"),
    ("垃圾分類", "cgj"),
    ("疫苗接種", "wjw"),
    ("秋冬季大氣污染防治", "sthj"),
    ("鄉村振興", "nyj"),
    ("就業促進", "rsj"),
    ("財政預算執行", "czj"),
    ("營商環境評價", "fgw"),
    ("數字政府建設", "sjglj"),
    ("消防安全檢查", "yjj"),
    ("食品安全", "scj"),
    ("冬季供暖保障", "zjj"),
    ("春運安全", "jtj"),
    ("森林防火", "zrj"),
    ("耕地保護", "zrj"),
    ("黑臭水體治理", "sthj"),
    ("重點項目建設", "fgw"),
    ("農民工工資支付", "rsj"),
    ("醫保基金監管", "ybj"),
    ("信訪積案化解", "xfj"),
    ("統計數據質量", "tjj"),
    ("審計整改", "sjj"),
    ("退役軍人優撫", "tyjr"),
    ("養老服務", "mzj"),
    ("最低生活保障", "mzj"),
    ("道路交通安全", "gaj"),
    ("電信網絡詐騙防範", "gaj"),
    ("農村人居環境整治", "nyj"),
    ("糧食安全", "nyj"),
    ("外貿穩增長", "swj"),
    ("消費促進", "swj"),
    ("文明城市創建", "wlj"),
    ("旅遊市場秩序", "wlj"),
    ("全民健身", "tyj"),
    ("國有企業改革", "gzw"),
    ("政務服務一網通辦", "sjglj"),
    ("河湖長制", "slj"),
    ("城鎮燃氣安全", "zjj"),
    ("自建房安全專項整治", "zjj"),
    ("地方政府債務管理", "czj"),
    ("減稅降費", "czj"),
    ("科技創新", "kjj"),
    ("數字經濟", "jxj"),
    ("民營經濟發展", "jxj"),
    ("法治政府建設", "sfj"),
    ("人民防空", "rfb"),
    ("外事接待", "wb"),
    ("高溫防暑", "yjj"),
    ("學生資助", "jyj"),
    ("校園周邊環境治理", "jyj"),
    ("城市道路維修", "cgj"),
    ("公共文化服務", "wlj"),
    ("傳染病防控", "wjw"),
    ("市容環境衛生", "cgj"),
    ("交通擁堵治理", "jtj"),
    ("基層醫療衛生", "wjw"),
];

/// What citizens call, write and come in about.
pub(super) const ISSUES: &[&str] = &[
    "小區供暖溫度不達標",
    "道路施工夜間噪音擾民",
    "學校周邊交通擁堵",
    "農民工工資被拖欠",
    "生活垃圾清運不及時",
    "餐飲店油煙擾民",
    "路燈損壞無人維修",
    "暴雨後道路積水",
    "老舊小區加裝電梯",
    "小區物業服務不到位",
    "醫保報銷進度緩慢",
    "農村飲用水水質問題",
    "養老機構收費不規範",
    "公交線路調整不便",
    "共享單車亂停放",
    "違章搭建影響通行",
];

/// The meeting rooms, 常務會議室 first.
pub(super) const ROOMS: &[&str] = &["常務會議室", "第一會議室", "第二會議室"];

/// Why an inbox request was closed without routing.
pub(super) const CLOSE_REASONS: &[&str] = &[
    "重複來件，已合併處理。",
    "不屬本機關職責，已告知來件人向主管部門反映。",
    "來件人已撤回。",
    "已當場答復，無需轉辦。",
];

/// Errands of the office itself (後勤).
pub(super) const LOGISTICS: &[&str] = &[
    "第一會議室視頻會議設備維修",
    "常務會議室音響調試",
    "公務用車申請",
    "辦公用品採購",
    "節假日值班安排",
    "檔案室除濕機更換",
    "機關食堂工作餐預訂",
];

/// 審核: the four gates every outgoing document passes.
pub(super) const GATES: &[&str] = &["文字關", "政策法規關", "格式關", "運轉流程關"];
