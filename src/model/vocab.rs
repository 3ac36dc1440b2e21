//! The closed vocabularies of the office: kinds, urgency, classification,
//! roles, channels and the 15 文種. Each has a Chinese label (what clerks type
//! and read), an English alias, and a parser whose error lists the valid values.

use serde::{Deserialize, Serialize};

use super::ValueError;

/// Declares a closed vocabulary: variants with their 繁體 label, 简体 label and
/// English alias, plus `label`, `ALL`, and a tolerant parser.
macro_rules! vocab {
    ($(#[$m:meta])* $name:ident, $what:literal, { $($var:ident => ($zh:literal, $hans:literal, $en:literal)),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name { $($var),+ }

        impl $name {
            /// Every value, in order.
            pub const ALL: &'static [$name] = &[$($name::$var),+];

            /// The 繁體 label used in storage-independent output (CLI, JSON).
            pub fn label(self) -> &'static str {
                match self { $($name::$var => $zh),+ }
            }

            /// The English alias, accepted on input and used by `--lang en`.
            pub fn english(self) -> &'static str {
                match self { $($name::$var => $en),+ }
            }

            /// Parses a 繁體, 简体 or English name; the error lists the valid values.
            pub fn parse(s: &str) -> Result<Self, ValueError> {
                let t = s.trim();
                $(
                    if t == $zh || t == $hans || t.eq_ignore_ascii_case($en) {
                        return Ok($name::$var);
                    }
                )+
                Err(ValueError::not_one_of($what, t, &[$($zh),+]))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}

/// Other model files declare their vocabularies the same way (`queue.rs`).
pub(crate) use vocab;

vocab!(
    /// The kinds of work item. Units, people and users live in the directory.
    Kind, "kind", {
        Inbox => ("收件", "收件", "inbox"),
        Incoming => ("收文", "收文", "incoming"),
        Outgoing => ("發文", "发文", "outgoing"),
        Meeting => ("會議", "会议", "meeting"),
        Affair => ("事務", "事务", "affair"),
        Supervision => ("督查", "督查", "supervision"),
    }
);

impl Kind {
    /// The prefix of the human item code, e.g. `收2026-0012`.
    pub fn code_prefix(self) -> &'static str {
        match self {
            Kind::Inbox => "件",
            Kind::Incoming => "收",
            Kind::Outgoing => "發",
            Kind::Meeting => "會",
            Kind::Affair => "事",
            Kind::Supervision => "督",
        }
    }
}

vocab!(
    /// How fast an item must move (GB/T 9704 緊急程度; 平件 is the default).
    Urgency, "urgency", {
        Normal => ("平件", "平件", "normal"),
        Urgent => ("加急", "加急", "urgent"),
        Immediate => ("特急", "特急", "immediate"),
    }
);

vocab!(
    /// 密級. The order matters: a user sees an item only when their clearance
    /// is at least the item's classification.
    Classification, "classification", {
        Public => ("公開", "公开", "public"),
        Internal => ("內部", "内部", "internal"),
        Secret => ("秘密", "秘密", "secret"),
        Confidential => ("機密", "机密", "confidential"),
        TopSecret => ("絕密", "绝密", "topsecret"),
    }
);

impl Classification {
    /// The default 保密期限 in years; `None` for unclassified items.
    pub fn default_term_years(self) -> Option<u16> {
        match self {
            Classification::TopSecret => Some(30),
            Classification::Confidential => Some(20),
            Classification::Secret => Some(10),
            _ => None,
        }
    }

    /// True for 秘密 and above: these need a 保密期限 and a 份號.
    pub fn is_classified(self) -> bool {
        self >= Classification::Secret
    }

    /// Reads of these are audited.
    pub fn audit_reads(self) -> bool {
        self >= Classification::Confidential
    }
}

vocab!(
    /// What a user may do. Transitions name the roles allowed to make them.
    Role, "role", {
        Admin => ("管理員", "管理员", "admin"),
        Director => ("主任", "主任", "director"),
        Clerk => ("文書", "文书", "clerk"),
        Inspector => ("督查員", "督查员", "inspector"),
        Leader => ("領導", "领导", "leader"),
        ReadOnly => ("只讀", "只读", "readonly"),
    }
);

impl Role {
    /// Whether this role may change anything at all.
    pub fn can_write(self) -> bool {
        self != Role::ReadOnly
    }
}

vocab!(
    /// How an inbox request arrived.
    Channel, "channel", {
        Letter => ("來文", "来文", "document"),
        Call => ("來電", "来电", "call"),
        Mail => ("來信", "来信", "letter"),
        Visit => ("來訪", "来访", "visit"),
        Platform => ("平台", "平台", "platform"),
    }
);

vocab!(
    /// The 15 文種 of 《黨政機關公文處理工作條例》 article 8.
    DocType, "文種", {
        Resolution => ("決議", "决议", "resolution"),
        Decision => ("決定", "决定", "decision"),
        Order => ("命令", "命令", "order"),
        Communique => ("公報", "公报", "communique"),
        Announcement => ("公告", "公告", "announcement"),
        Notice => ("通告", "通告", "public-notice"),
        Opinion => ("意見", "意见", "opinion"),
        Circular => ("通知", "通知", "circular"),
        Bulletin => ("通報", "通报", "bulletin"),
        Report => ("報告", "报告", "report"),
        Request => ("請示", "请示", "request"),
        Reply => ("批復", "批复", "reply"),
        Motion => ("議案", "议案", "motion"),
        Letter => ("函", "函", "letter"),
        Minutes => ("紀要", "纪要", "minutes"),
    }
);

impl DocType {
    /// 上行文 (sent up to a superior): they must name their 簽發人.
    pub fn is_upward(self) -> bool {
        matches!(self, DocType::Request | DocType::Report)
    }
}

vocab!(
    /// What sort of 辦事 item this is.
    AffairType, "affair type", {
        Assigned => ("交辦", "交办", "assigned"),
        PhoneCall => ("電話記錄", "电话记录", "call"),
        Reception => ("接待", "接待", "reception"),
        Logistics => ("後勤", "后勤", "logistics"),
    }
);

vocab!(
    /// Meeting types as the office names them.
    MeetingType, "meeting type", {
        Executive => ("常務會議", "常务会议", "executive"),
        Plenary => ("全體會議", "全体会议", "plenary"),
        Office => ("辦公會議", "办公会议", "office"),
        Topical => ("專題會議", "专题会议", "topical"),
        Other => ("其他會議", "其他会议", "other"),
    }
);

vocab!(
    /// Where a supervision item comes from.
    SupervisionSource, "source", {
        KeyWork => ("年度重點工作", "年度重点工作", "keywork"),
        MeetingDecision => ("會議決定", "会议决定", "meeting"),
        Instruction => ("領導批示", "领导批示", "instruction"),
        Project => ("重大項目", "重大项目", "project"),
        Other => ("其他", "其他", "other"),
    }
);

vocab!(
    /// The four gates of 審核 (文字關、政策法規關、格式關、運轉流程關): each is
    /// passed, or returned with a comment, before a 發文 may be signed.
    Gate, "gate", {
        Wording => ("文字關", "文字关", "wording"),
        Policy => ("政策法規關", "政策法规关", "policy"),
        Format => ("格式關", "格式关", "format"),
        Procedure => ("運轉流程關", "运转流程关", "procedure"),
    }
);

impl Gate {
    /// Parses a gate with or without its 關 (`文字`, `文字關`, `wording`).
    pub fn parse_loose(s: &str) -> Result<Gate, ValueError> {
        let t = s.trim();
        Gate::parse(t)
            .or_else(|e| Gate::parse(&format!("{t}關")).map_err(|_| e.clone()))
            .or_else(|e| Gate::parse(&format!("{t}关")).map_err(|_| e))
    }
}

vocab!(
    /// Why a 督查 item was reminded.
    ReminderReason, "reminder reason", {
        Approaching => ("臨近提醒", "临近提醒", "approaching"),
        ReportDue => ("報送逾期", "报送逾期", "report-due"),
        Overdue => ("逾期催辦", "逾期催办", "overdue"),
        Manual => ("催辦", "催办", "manual"),
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_traditional_simplified_and_english() {
        assert_eq!(Kind::parse("發文").unwrap(), Kind::Outgoing);
        assert_eq!(Kind::parse("发文").unwrap(), Kind::Outgoing);
        assert_eq!(Kind::parse("Outgoing").unwrap(), Kind::Outgoing);
        assert_eq!(
            Classification::parse("机密").unwrap(),
            Classification::Confidential
        );
        assert_eq!(DocType::parse("批复").unwrap(), DocType::Reply);
    }

    #[test]
    fn unknown_values_list_the_valid_ones() {
        let e = DocType::parse("便條").unwrap_err().to_string();
        assert!(e.contains("便條"), "{e}");
        assert!(e.contains("決議") && e.contains("紀要"), "{e}");
    }

    #[test]
    fn gates_parse_with_or_without_guan() {
        assert_eq!(Gate::parse_loose("文字").unwrap(), Gate::Wording);
        assert_eq!(Gate::parse_loose("政策法规").unwrap(), Gate::Policy);
        assert_eq!(Gate::parse_loose("格式關").unwrap(), Gate::Format);
        assert_eq!(Gate::parse_loose("procedure").unwrap(), Gate::Procedure);
        let e = Gate::parse_loose("審美").unwrap_err().to_string();
        assert!(e.contains("運轉流程關"), "{e}");
    }

    #[test]
    fn fifteen_doc_types() {
        assert_eq!(DocType::ALL.len(), 15);
    }

    #[test]
    fn clearance_order_and_terms() {
        assert!(Classification::TopSecret > Classification::Confidential);
        assert!(Classification::Internal < Classification::Secret);
        assert_eq!(Classification::TopSecret.default_term_years(), Some(30));
        assert_eq!(Classification::Confidential.default_term_years(), Some(20));
        assert_eq!(Classification::Secret.default_term_years(), Some(10));
        assert_eq!(Classification::Internal.default_term_years(), None);
    }
}
