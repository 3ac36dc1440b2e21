//! Names and phone numbers: common surnames and given-name characters, and
//! unique landlines and mobiles. Every number handed out is remembered, so no
//! two people share one and no number but the fixture's ends in 1234.

use std::collections::HashSet;

use fastrand::Rng;

/// Common surnames, most frequent first.
const SURNAMES: &[&str] = &[
    "王", "李", "張", "劉", "陳", "楊", "黃", "趙", "吳", "周", "徐", "孫", "馬", "朱", "胡", "郭",
    "何", "林", "高", "羅", "鄭", "梁", "謝", "宋", "唐", "許", "韓", "馮", "鄧", "曹", "彭", "曾",
    "蕭", "田", "董", "潘", "袁", "蔡", "蔣", "余", "杜", "葉", "程", "魏", "蘇", "呂", "丁", "任",
    "盧", "姚", "沈", "鍾", "姜", "崔", "譚", "陸", "范", "汪", "廖", "石", "金", "韋", "賈", "夏",
    "方", "鄒", "熊", "白", "孟", "秦", "邱", "侯", "江", "尹", "薛", "段", "雷", "黎", "史", "陶",
    "賀", "毛", "郝", "顧", "龔", "邵", "萬", "武", "錢", "戴", "嚴", "莫", "孔", "向", "常", "湯",
    "康", "易", "喬", "賴",
];

/// Given-name characters. None starts with the pinyin initial s/sh, so no
/// generated name has the initials `zs` of the 張三 fixture (quick find `zs`
/// must reach him).
const GIVEN: &[&str] = &[
    "偉", "芳", "娜", "敏", "靜", "麗", "強", "磊", "軍", "洋", "勇", "艷", "傑", "濤", "明", "超",
    "霞", "平", "剛", "桂", "英", "華", "玉", "蘭", "紅", "建", "國", "志", "文", "輝", "斌", "鵬",
    "宇", "浩", "凱", "晨", "欣", "悅", "婷", "雪", "琳", "慧", "穎", "佳", "怡", "涵", "晶", "丹",
    "鑫", "亮", "峰", "雲", "海", "波", "寧", "銳", "博", "倩", "瑤", "萍", "立", "新", "春", "燕",
    "林", "東", "永", "健", "俊", "正", "德", "利", "成", "澤", "嘉", "鳳", "梅", "蓉", "彬", "衛",
    "兵", "進", "虹", "民", "昊", "天", "毅", "家", "琪", "麟",
];

/// The mobile prefixes handed out (13x, 15x, 18x).
const MOBILE: &[&str] = &[
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153",
    "155", "156", "157", "158", "159", "180", "181", "182", "183", "185", "186", "187", "188",
    "189",
];

/// The city's area code.
pub(super) const AREA: &str = "0571";

/// The one number allowed to contain 1234: 王建國's mobile.
pub(super) const FIXTURE_MOBILE: &str = "13800001234";

/// Hands out unique names and phone numbers.
pub(super) struct Namer {
    names: HashSet<String>,
    phones: HashSet<String>,
}

impl Namer {
    /// A namer that already holds the fixtures' names and number.
    pub fn new(reserved_names: &[&str]) -> Namer {
        Namer {
            names: reserved_names.iter().map(|s| s.to_string()).collect(),
            phones: [FIXTURE_MOBILE.to_string()].into_iter().collect(),
        }
    }

    /// A common-looking name of 2 or 3 characters, unused so far.
    pub fn name(&mut self, rng: &mut Rng) -> String {
        loop {
            // Half the time one of the twenty commonest surnames, as in life.
            let s = if rng.bool() {
                SURNAMES[rng.usize(..20)]
            } else {
                SURNAMES[rng.usize(..SURNAMES.len())]
            };
            let mut n = String::with_capacity(9);
            n.push_str(s);
            n.push_str(GIVEN[rng.usize(..GIVEN.len())]);
            if rng.u8(..10) < 7 {
                n.push_str(GIVEN[rng.usize(..GIVEN.len())]);
            }
            if self.names.insert(n.clone()) {
                return n;
            }
        }
    }

    /// A unique office landline, `0571-8xxxxxxx`.
    pub fn landline(&mut self, rng: &mut Rng) -> String {
        loop {
            let p = format!("{AREA}-8{:07}", rng.u32(..10_000_000));
            if self.fresh(&p) {
                return p;
            }
        }
    }

    /// A unique mobile, `13x/15x/18x` and 8 more digits.
    pub fn mobile(&mut self, rng: &mut Rng) -> String {
        loop {
            let p = format!(
                "{}{:08}",
                MOBILE[rng.usize(..MOBILE.len())],
                rng.u32(..100_000_000)
            );
            if self.fresh(&p) {
                return p;
            }
        }
    }

    fn fresh(&mut self, p: &str) -> bool {
        !p.contains("1234") && self.phones.insert(p.to_string())
    }
}
