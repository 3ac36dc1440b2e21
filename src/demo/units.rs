//! The units of the demo city: the government itself, its general office, the
//! departments (局、委、辦) and the districts and counties, as the office names
//! them, with the abbreviations people actually say and their 機關代字.

/// One unit as data: key, full name, abbreviations, 機關代字.
pub(super) struct UnitSpec {
    pub key: &'static str,
    pub name: &'static str,
    pub abbreviations: &'static [&'static str],
    pub doc_prefix: &'static str,
}

const fn u(
    key: &'static str,
    name: &'static str,
    abbreviations: &'static [&'static str],
    doc_prefix: &'static str,
) -> UnitSpec {
    UnitSpec {
        key,
        name,
        abbreviations,
        doc_prefix,
    }
}

/// The city's leadership (市長、副市長); chairs meetings, signs, instructs.
pub(super) const GOV: usize = 0;
/// 市政府辦公室: the general office itself, owner of most items.
pub(super) const OFFICE: usize = 1;
/// 市教育局, home of the 王建國 fixture.
pub(super) const EDUCATION: usize = 3;

/// Every unit; the order is fixed (indices above, determinism).
pub(super) const UNITS: &[UnitSpec] = &[
    u("szf", "市人民政府", &["市政府"], "市政發"),
    u("zfb", "市政府辦公室", &["市府辦", "政府辦"], "市政辦發"),
    u(
        "fgw",
        "市發展和改革委員會",
        &["發改委", "市發改委"],
        "市發改",
    ),
    u("jyj", "市教育局", &["教育局"], "市教發"),
    u("kjj", "市科學技術局", &["科技局"], "市科發"),
    u("jxj", "市經濟和信息化局", &["經信局"], "市經信發"),
    u("gaj", "市公安局", &["公安局"], "市公發"),
    u("mzj", "市民政局", &["民政局"], "市民發"),
    u("sfj", "市司法局", &["司法局"], "市司發"),
    u("czj", "市財政局", &["財政局"], "市財預"),
    u("rsj", "市人力資源和社會保障局", &["人社局"], "市人社發"),
    u(
        "zrj",
        "市自然資源和規劃局",
        &["自然資源局", "規劃局"],
        "市規發",
    ),
    u("sthj", "市生態環境局", &["生態環境局"], "市環發"),
    u("zjj", "市住房和城鄉建設局", &["住建局"], "市建發"),
    u("jtj", "市交通運輸局", &["交通局"], "市交發"),
    u("slj", "市水利局", &["水利局"], "市水發"),
    u("nyj", "市農業農村局", &["農業農村局", "農業局"], "市農發"),
    u("swj", "市商務局", &["商務局"], "市商發"),
    u("wlj", "市文化廣電旅遊局", &["文旅局"], "市文旅發"),
    u("wjw", "市衛生健康委員會", &["衛健委"], "市衛健發"),
    u("tyjr", "市退役軍人事務局", &["退役軍人局"], "市退役發"),
    u("yjj", "市應急管理局", &["應急局"], "市應急發"),
    u("sjj", "市審計局", &["審計局"], "市審發"),
    u("scj", "市市場監督管理局", &["市場監管局"], "市市監發"),
    u("tjj", "市統計局", &["統計局"], "市統發"),
    u("ybj", "市醫療保障局", &["醫保局"], "市醫保發"),
    u("xfj", "市信訪局", &["信訪局"], "市信訪"),
    u(
        "sjglj",
        "市政務服務數據管理局",
        &["數據局", "政務服務中心"],
        "市數據發",
    ),
    u("cgj", "市城市管理局", &["城管局"], "市城管發"),
    u(
        "gzw",
        "市人民政府國有資產監督管理委員會",
        &["國資委"],
        "市國資發",
    ),
    u("tyj", "市體育局", &["體育局"], "市體發"),
    u("wb", "市人民政府外事辦公室", &["外辦"], "市外辦發"),
    u("rfb", "市人民防空辦公室", &["人防辦"], "市人防發"),
    u("dcq", "東城區", &["東城區政府"], "東城政發"),
    u("xhq", "西湖區", &["西湖區政府"], "西湖政發"),
    u("nhq", "南湖區", &["南湖區政府"], "南湖政發"),
    u("bsq", "北山區", &["北山區政府"], "北山政發"),
    u("gxq", "高新區", &["高新區管委會"], "高新管發"),
    u("jkq", "經濟技術開發區", &["經開區"], "經開管發"),
    u("ljx", "臨江縣", &["臨江縣政府"], "臨政發"),
    u("qsx", "青山縣", &["青山縣政府"], "青政發"),
];

/// Whether the unit is a district or county (its head is a 主任 here, its
/// people are reached through its own office).
pub(super) fn is_local(i: usize) -> bool {
    UNITS[i].name.ends_with('區') || UNITS[i].name.ends_with('縣')
}

/// Whether the unit is a 局 (its head is a 局長).
pub(super) fn is_bureau(i: usize) -> bool {
    UNITS[i].name.ends_with('局')
}

/// The units above the city that send it documents (來文機關 only; they are
/// not in the directory).
pub(super) const UPPER: &[(&str, &str)] = &[
    ("省人民政府辦公廳", "省政辦發"),
    ("省發展和改革委員會", "省發改"),
    ("省教育廳", "省教發"),
    ("省財政廳", "省財預"),
    ("省應急管理廳", "省應急發"),
    ("省生態環境廳", "省環發"),
    ("省衛生健康委員會", "省衛健發"),
    ("省住房和城鄉建設廳", "省建發"),
];
