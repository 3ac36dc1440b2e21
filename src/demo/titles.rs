//! Titles as the office writes them: `{機關}關於{事由}的{文種}`, with the stock
//! phrasings of each 文種, for documents received and documents issued.

use fastrand::Rng;

use crate::model::DocType;

/// Picks one value by weight.
pub(super) fn weighted<T: Copy>(rng: &mut Rng, table: &[(T, u32)]) -> T {
    let total: u32 = table.iter().map(|(_, w)| w).sum();
    let mut r = rng.u32(..total);
    for (v, w) in table {
        if r < *w {
            return *v;
        }
        r -= w;
    }
    table[table.len() - 1].0
}

/// What units of the city send up to the government.
pub(super) const FROM_UNIT: &[(DocType, u32)] = &[
    (DocType::Report, 35),
    (DocType::Request, 30),
    (DocType::Letter, 15),
    (DocType::Bulletin, 10),
    (DocType::Opinion, 5),
    (DocType::Minutes, 5),
];

/// What the province sends down.
pub(super) const FROM_ABOVE: &[(DocType, u32)] = &[
    (DocType::Circular, 40),
    (DocType::Opinion, 15),
    (DocType::Bulletin, 15),
    (DocType::Letter, 12),
    (DocType::Reply, 10),
    (DocType::Decision, 5),
    (DocType::Announcement, 3),
];

/// What the office issues, all 15 文種 with realistic frequency.
pub(super) const ISSUED: &[(DocType, u32)] = &[
    (DocType::Circular, 300),
    (DocType::Letter, 150),
    (DocType::Report, 100),
    (DocType::Request, 100),
    (DocType::Reply, 80),
    (DocType::Bulletin, 80),
    (DocType::Opinion, 70),
    (DocType::Minutes, 60),
    (DocType::Decision, 20),
    (DocType::Notice, 10),
    (DocType::Announcement, 10),
    (DocType::Order, 8),
    (DocType::Communique, 5),
    (DocType::Motion, 5),
    (DocType::Resolution, 5),
];

/// The title of a document `org` sent to the government.
pub(super) fn received(rng: &mut Rng, org: &str, dt: DocType, topic: &str, year: i32) -> String {
    let alt = rng.bool();
    match dt {
        DocType::Report if alt => format!("{org}關於{topic}隱患排查情況的報告"),
        DocType::Report => format!("{org}關於{year}年{topic}工作情況的報告"),
        DocType::Request if alt => format!("{org}關於申請{topic}專項資金的請示"),
        DocType::Request => format!("{org}關於{topic}有關問題的請示"),
        DocType::Letter if alt => format!("{org}關於商請支持{topic}工作的函"),
        DocType::Letter => format!("{org}關於徵求{topic}工作方案意見的函"),
        DocType::Bulletin => format!("{org}關於{year}年{topic}工作進展情況的通報"),
        DocType::Opinion => format!("{org}關於進一步加強{topic}工作的意見"),
        DocType::Minutes => format!("{org}{topic}工作協調會議紀要"),
        DocType::Circular if alt => format!("{org}關於做好{year}年{topic}工作的通知"),
        DocType::Circular => format!("{org}關於開展{year}年{topic}專項檢查的通知"),
        DocType::Reply => format!("{org}關於{topic}有關事項的批復"),
        DocType::Decision => {
            format!("{org}關於表彰{year}年度{topic}工作先進集體的決定")
        }
        other => format!("{org}關於{topic}有關事項的{}", other.label()),
    }
}

/// An issued document: its title, 機關代字 and 主送機關.
pub(super) struct Issued {
    pub title: String,
    pub prefix: &'static str,
    pub recipients: String,
}

/// Whom the office's documents go to by default.
const ALL_BELOW: &str = "各區縣人民政府，市政府各部門";
/// The province, for 請示 and 報告.
const ABOVE: &str = "省人民政府";

/// The title, 機關代字 and recipients of a document the office issues on
/// `topic`; `unit` is the unit it concerns (for 批復 and 函).
pub(super) fn issued(
    rng: &mut Rng,
    dt: DocType,
    topic: &str,
    unit: &str,
    year: i32,
    meeting_no: u32,
) -> Issued {
    let alt = rng.bool();
    let (title, prefix, recipients) = match dt {
        DocType::Circular if alt => (
            format!("關於做好{year}年{topic}工作的通知"),
            "市政辦發",
            ALL_BELOW.to_string(),
        ),
        DocType::Circular => (
            format!("關於印發{topic}工作方案的通知"),
            "市政發",
            ALL_BELOW.to_string(),
        ),
        DocType::Letter => (
            format!("關於商請協助做好{topic}工作的函"),
            "市政辦函",
            unit.to_string(),
        ),
        DocType::Report => (
            format!("關於{year}年{topic}工作情況的報告"),
            "市政發",
            ABOVE.to_string(),
        ),
        DocType::Request => (
            format!("關於申請{topic}專項資金的請示"),
            "市政發",
            ABOVE.to_string(),
        ),
        DocType::Reply => (
            format!("關於{unit}{topic}有關事項的批復"),
            "市政函",
            unit.to_string(),
        ),
        DocType::Bulletin => (
            format!("關於{year}年{topic}督查情況的通報"),
            "市政辦發",
            ALL_BELOW.to_string(),
        ),
        DocType::Opinion => (
            format!("關於進一步加強{topic}工作的意見"),
            "市政發",
            ALL_BELOW.to_string(),
        ),
        DocType::Minutes if alt => (
            format!("市政府第{meeting_no}次常務會議紀要"),
            "市政紀",
            "各有關單位".to_string(),
        ),
        DocType::Minutes => (
            format!("關於{topic}工作的專題會議紀要"),
            "市政紀",
            "各有關單位".to_string(),
        ),
        DocType::Decision => (
            format!("關於表彰{year}年度{topic}工作先進集體和先進個人的決定"),
            "市政發",
            ALL_BELOW.to_string(),
        ),
        DocType::Notice => (
            format!("關於{topic}期間有關事項的通告"),
            "市政告",
            "社會各界".to_string(),
        ),
        DocType::Announcement => (
            format!("關於{topic}有關事項的公告"),
            "市政告",
            "社會各界".to_string(),
        ),
        DocType::Order => (
            format!("關於發布《{topic}管理辦法》的命令"),
            "市政令",
            ALL_BELOW.to_string(),
        ),
        DocType::Communique => (
            format!("{year}年國民經濟和社會發展統計公報"),
            "市政發",
            "社會各界".to_string(),
        ),
        DocType::Motion => (
            format!("關於提請審議《{topic}條例（草案）》的議案"),
            "市政發",
            "市人民代表大會常務委員會".to_string(),
        ),
        DocType::Resolution => (
            format!("市政府全體會議關於{year}年{topic}工作的決議"),
            "市政發",
            ALL_BELOW.to_string(),
        ),
    };
    Issued {
        title,
        prefix,
        recipients,
    }
}
