//! Every status an item can be in. One enum serves all kinds so that lists,
//! filters and history speak one vocabulary; which statuses belong to which
//! kind, and how an item moves between them, is in `workflow.rs`.

use serde::{Deserialize, Serialize};

use super::{Kind, ValueError};

macro_rules! statuses {
    ($($var:ident => ($zh:literal, $hans:literal, $en:literal, $open:literal)),+ $(,)?) => {
        /// Where an item stands in its kind's workflow.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum Status { $($var),+ }

        impl Status {
            /// Every status, in workflow order.
            pub const ALL: &'static [Status] = &[$(Status::$var),+];

            /// The 繁體 label.
            pub fn label(self) -> &'static str {
                match self { $(Status::$var => $zh),+ }
            }

            /// The English alias.
            pub fn english(self) -> &'static str {
                match self { $(Status::$var => $en),+ }
            }

            /// Whether work on the item is still to be done (so it can be overdue).
            pub fn is_open(self) -> bool {
                match self { $(Status::$var => $open),+ }
            }

            /// Parses a 繁體, 简体 or English status name, whatever the kind.
            pub fn parse(s: &str) -> Result<Status, ValueError> {
                let t = s.trim();
                $(
                    if t == $zh || t == $hans || t.eq_ignore_ascii_case($en) {
                        return Ok(Status::$var);
                    }
                )+
                Err(ValueError::not_one_of("status", t, &[$($zh),+]))
            }
        }
    };
}

statuses! {
    // 收件
    Pending => ("待處理", "待处理", "pending", true),
    Routed => ("已分辦", "已分办", "routed", false),
    Closed => ("已關閉", "已关闭", "closed", false),
    // 收文 (and shared steps)
    Received => ("簽收", "签收", "received", true),
    Registered => ("登記", "登记", "registered", true),
    Reviewed => ("初審", "初审", "reviewed", true),
    Returned => ("退回", "退回", "returned", true),
    Proposed => ("擬辦", "拟办", "proposed", true),
    Instructed => ("批辦", "批办", "instructed", true),
    Handling => ("承辦", "承办", "handling", true),
    Circulating => ("傳閱", "传阅", "circulating", true),
    Urging => ("催辦", "催办", "urging", true),
    // 發文
    Drafting => ("起草", "起草", "drafting", true),
    Reviewing => ("審核", "审核", "reviewing", true),
    Approved => ("簽發", "签发", "approved", true),
    Numbered => ("編號", "编号", "numbered", true),
    Printing => ("印製", "印制", "printing", true),
    Issued => ("核發", "核发", "issued", true),
    // 辦會
    Planning => ("籌備", "筹备", "planning", true),
    Notified => ("已通知", "已通知", "notified", true),
    Held => ("已召開", "已召开", "held", true),
    Minuted => ("已出紀要", "已出纪要", "minuted", true),
    Cancelled => ("已取消", "已取消", "cancelled", false),
    // 督查
    Filed => ("立項", "立项", "filed", true),
    Assigned => ("交辦", "交办", "assigned", true),
    // shared ends
    Completed => ("辦結", "办结", "completed", false),
    // 督查: the 辦結報告 checked before 銷號
    Verified => ("複核", "复核", "verified", false),
    Settled => ("銷號", "销号", "settled", false),
    Archived => ("歸檔", "归档", "archived", false),
}

impl Status {
    /// The status a new item of `kind` starts in.
    pub fn initial(kind: Kind) -> Status {
        match kind {
            Kind::Inbox => Status::Pending,
            Kind::Incoming => Status::Received,
            Kind::Outgoing => Status::Drafting,
            Kind::Meeting => Status::Planning,
            Kind::Affair => Status::Registered,
            Kind::Supervision => Status::Filed,
        }
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}
