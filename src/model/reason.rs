//! Why a workflow rule refused a move or a step, as data: what is missing
//! ([`Lack`]) or what stands in the way, with its particulars ([`Reason`]:
//! the gates not passed, who holds the copy, the deadline that is past…).
//! The CLI shows them in English (their `Display`, the wording it always
//! had); the workbench says the same in the clerk's language through its
//! catalogue. Text typed by a person (a unit, a holder) is held escaped.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::format::FormatProblem;
use super::{time, Gate, Kind, ReminderReason, Status, Timestamp};

/// Something a move or a step needs that is not there (`RuleError::Missing`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lack {
    /// A return, a close, a cancellation says why.
    Reason,
    /// 辦結 needs its result.
    Result,
    /// The item needs a deadline.
    Deadline,
    /// A 收文 needs its lead unit before 承辦.
    LeadUnit,
    /// A 督查 needs its lead unit before 交辦.
    SupervisionLead,
    /// 登記 needs the copies counted at 簽收.
    Copies,
    /// 登記 needs the time of the 簽收.
    SignedAt,
    /// Only a 閱知件 goes straight to 傳閱.
    ForReading,
    /// 核發 needs the distribution list.
    Distribution,
    /// A 上行文 names its 簽發人.
    Signer,
    /// A gate returned says what to revise.
    ReturnComment,
    /// 會簽 names the unit signing.
    CosignUnit,
    /// 進展 needs its text.
    ProgressText,
    /// 傳閱 names who receives it.
    Receiver,
    /// 退還 and 催收 name who holds it.
    Holder,
    /// A reminder says something.
    ReminderText,
    /// 編號 needs the 機關代字.
    Prefix,
}

impl Lack {
    /// Every lack (for the catalogue's tests).
    pub const ALL: &'static [Lack] = &[
        Lack::Reason,
        Lack::Result,
        Lack::Deadline,
        Lack::LeadUnit,
        Lack::SupervisionLead,
        Lack::Copies,
        Lack::SignedAt,
        Lack::ForReading,
        Lack::Distribution,
        Lack::Signer,
        Lack::ReturnComment,
        Lack::CosignUnit,
        Lack::ProgressText,
        Lack::Receiver,
        Lack::Holder,
        Lack::ReminderText,
        Lack::Prefix,
    ];

    /// The English wording (the CLI's).
    pub fn english(self) -> &'static str {
        match self {
            Lack::Reason => "a reason is required",
            Lack::Result => "the result (辦結情況) is required",
            Lack::Deadline => "set a deadline first",
            Lack::LeadUnit => "set the lead unit (lead_unit) first",
            Lack::SupervisionLead => "name the lead unit (lead_unit) first",
            Lack::Copies => "record the 簽收: how many copies (copies) were received",
            Lack::SignedAt => "record the 簽收 time (signed_at)",
            Lack::ForReading => {
                "only a 閱知件 goes straight to 傳閱; a 批辦件 needs 批辦 and 承辦 first"
            }
            Lack::Distribution => "give the distribution list (distribution) first",
            Lack::Signer => "上行文 must name its 簽發人 (set signer or give it as the note)",
            Lack::ReturnComment => "a return needs a comment saying what to revise",
            Lack::CosignUnit => "name the co-signing unit",
            Lack::ProgressText => "write the progress report",
            Lack::Receiver => "name who receives it",
            Lack::Holder => "name who holds it",
            Lack::ReminderText => "write what the reminder says",
            Lack::Prefix => "set the 機關代字 (prefix) first",
        }
    }
}

impl fmt::Display for Lack {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.english())
    }
}

/// What a finished item lacks for its file (`archive::missing_for_archive`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ArchiveGap {
    /// A 請示 with neither its 答復 nor a linked 批復.
    Unanswered,
    /// 辦結 without a result.
    NoResult,
    /// A 督查 without its 辦結報告.
    NoReport,
    /// A 發文 never numbered.
    NoDocNo,
    /// A 發文 with no distribution list.
    NoDistribution,
}

impl fmt::Display for ArchiveGap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ArchiveGap::Unanswered => {
                "a 請示 without a reply: write the 答復 (result) or link the 批復"
            }
            ArchiveGap::NoResult => "辦結 without a result (result)",
            ArchiveGap::NoReport => "no 辦結報告 (result)",
            ArchiveGap::NoDocNo => "no 發文字號 (編號 was skipped)",
            ArchiveGap::NoDistribution => "no distribution list (distribution)",
        })
    }
}

/// What stands in the way of a move or a step, with its particulars
/// (`RuleError::Refused`, and the refusals `core` makes itself).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reason {
    /// 簽發 before the four gates passed this round.
    GatesPending {
        /// The gates not passed.
        gates: Vec<Gate>,
    },
    /// 簽發 before every co-signing unit signed.
    CosignPending {
        /// The units still to sign (escaped).
        units: Vec<String>,
    },
    /// 辦結 while a reader still holds a copy.
    StillHeld {
        /// Who holds it (escaped).
        holder: String,
        /// Since when.
        since: Timestamp,
    },
    /// 核發 of more copies than were printed.
    Overissued {
        /// Copies the distribution list sends.
        sent: u32,
        /// Copies printed.
        printed: u32,
    },
    /// 歸檔 of an item that lacks something for its file.
    ArchiveGaps {
        /// What it lacks.
        gaps: Vec<ArchiveGap>,
    },
    /// 簽發 refused by the GB/T 9704 format check.
    Format {
        /// The findings that stop it (each names its field).
        findings: Vec<FormatProblem>,
    },
    /// 簽到 outside 已通知 and 已召開.
    SigninStatus {
        /// The meeting's code.
        code: String,
        /// Its status.
        status: Status,
    },
    /// 簽到 of people the meeting did not invite.
    NotInvited {
        /// The meeting's code.
        code: String,
        /// The names (escaped).
        names: Vec<String>,
    },
    /// 立項 from a meeting not yet held.
    NotHeld {
        /// The meeting's code.
        code: String,
        /// Its status.
        status: Status,
    },
    /// A step of another kind.
    OnlyKind {
        /// The kind that has the step.
        kind: Kind,
        /// The item's kind.
        is: Kind,
    },
    /// A step outside the statuses that have it.
    OnlyWhile {
        /// Where it may be taken.
        statuses: Vec<Status>,
        /// Where the item is.
        is: Status,
    },
    /// A gate passed again in the same round.
    GatePassed {
        /// The gate.
        gate: Gate,
        /// The round.
        round: u32,
    },
    /// 會簽 by a unit not among the co-signers.
    NotCosigner {
        /// The unit (escaped).
        unit: String,
        /// The co-signers (escaped).
        cosigners: Vec<String>,
    },
    /// 會簽 by a unit that already signed.
    AlreadySigned {
        /// The unit (escaped).
        unit: String,
    },
    /// 交辦 with a deadline in the past.
    DeadlinePast {
        /// The deadline.
        deadline: NaiveDate,
    },
    /// 進展 dated in the future.
    Future {
        /// The day given.
        day: NaiveDate,
    },
    /// 傳閱 to someone who already holds it.
    AlreadyHolds {
        /// Who (escaped).
        holder: String,
        /// Since when.
        since: Timestamp,
    },
    /// 退還 or 催收 of an item that is not a 收文.
    NotCirculated,
    /// 退還 or 催收 naming someone who does not hold it.
    NotHolder {
        /// Who (escaped).
        holder: String,
    },
    /// The same reminder twice in a day.
    AlreadyReminded {
        /// Which reminder.
        reason: ReminderReason,
    },
    /// 編號 of a document that has its 文號.
    Renumber,
    /// A new item in a status other than where its kind starts.
    StartsAt {
        /// Its kind.
        kind: Kind,
        /// Where that kind starts.
        initial: Status,
        /// The status given.
        got: Status,
    },
    /// A 文號 given by hand.
    DocNoByHand,
    /// 分辦 of an item that is not a 收件, or to a kind it cannot become.
    RouteOnly {
        /// The kind asked for.
        to: Kind,
    },
    /// A link from an item to itself.
    SelfLink,
    /// A change `u` cannot take back.
    NoUndo,
    /// A reason with no typed shape: English text.
    Other(String),
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::GatesPending { gates } => {
                let names: Vec<&str> = gates.iter().map(|g| g.label()).collect();
                write!(
                    f,
                    "the four gates of 審核 must all pass first; not passed: {}",
                    names.join("、")
                )
            }
            Reason::CosignPending { units } => write!(
                f,
                "會簽 is not complete; still to sign: {}",
                units.join("、")
            ),
            Reason::StillHeld { holder, since } => write!(
                f,
                "{holder} still holds it (since {}); record its return or 收回 first",
                time::format_ts(*since)
            ),
            Reason::Overissued { sent, printed } => write!(
                f,
                "the distribution list sends {sent} copies but only {printed} were printed"
            ),
            Reason::ArchiveGaps { gaps } => {
                let v: Vec<String> = gaps.iter().map(|g| g.to_string()).collect();
                f.write_str(&v.join("; "))
            }
            Reason::Format { findings } => {
                let v: Vec<String> = findings
                    .iter()
                    .map(|x| format!("{}: {x}", x.field()))
                    .collect();
                write!(
                    f,
                    "the GB/T 9704 format check found {}: {}",
                    v.len(),
                    v.join("; ")
                )
            }
            Reason::SigninStatus { code, status } => write!(
                f,
                "sign-in is recorded once the meeting is 已通知 or 已召開; {code} is {status}"
            ),
            Reason::NotInvited { code, names } => write!(
                f,
                "not invited to {code}: {} (add them to the attendees first)",
                names.join("、")
            ),
            Reason::NotHeld { code, status } => write!(
                f,
                "a meeting's decisions are supervised once it is held (召開); {code} is {status}"
            ),
            Reason::OnlyKind { kind, is } => {
                write!(f, "only a {kind} item has this step; this is a {is}")
            }
            Reason::OnlyWhile { statuses, is } => {
                let names: Vec<&str> = statuses.iter().map(|s| s.label()).collect();
                write!(f, "only while the item is {}; it is {is}", names.join("/"))
            }
            Reason::GatePassed { gate, round } => {
                write!(f, "{gate} already passed in round {round}")
            }
            Reason::NotCosigner { unit, cosigners } => write!(
                f,
                "{unit} is not a co-signer of this document (cosigners: {})",
                cosigners.join("、")
            ),
            Reason::AlreadySigned { unit } => write!(f, "{unit} has already signed"),
            Reason::DeadlinePast { deadline } => write!(f, "the deadline {deadline} is past"),
            Reason::Future { day } => write!(f, "{day} is in the future"),
            Reason::AlreadyHolds { holder, since } => write!(
                f,
                "{holder} already holds it since {}",
                time::format_ts(*since)
            ),
            Reason::NotCirculated => f.write_str("only a 收文 is circulated"),
            Reason::NotHolder { holder } => write!(f, "{holder} does not hold it"),
            Reason::AlreadyReminded { reason } => write!(f, "already sent {reason} today"),
            Reason::Renumber => {
                f.write_str("this document already has its 文號; numbers are never reissued")
            }
            Reason::StartsAt { kind, initial, got } => {
                write!(f, "a new {kind} item starts at {initial}, not {got}")
            }
            Reason::DocNoByHand => f.write_str("文號 are allocated at 編號, never given by hand"),
            Reason::RouteOnly { to } => {
                write!(f, "only a 收件 request can be routed, and not to {to}")
            }
            Reason::SelfLink => f.write_str("an item cannot be linked to itself"),
            Reason::NoUndo => f.write_str("this change cannot be undone"),
            Reason::Other(s) => f.write_str(s),
        }
    }
}
