//! Service failures said in the clerk's language: why the user may not
//! (`Denial`), what was not found (`Missing`), and why the store or the
//! connection to the daemon failed (`Failure`). An OS or store message has
//! no translation; it is kept, escaped, inside a translated sentence.

use super::{tr, Lang, T};
use crate::core::{Cut, Denial, Failure, Guarded, Missing};
use crate::model::sanitize::escape;

fn guarded(lang: Lang, g: Guarded) -> String {
    let t = match g {
        Guarded::Directory => T::GuardDirectory,
        Guarded::ListUsers => T::GuardListUsers,
        Guarded::ChangeUsers => T::GuardChangeUsers,
        Guarded::Audit => T::GuardAudit,
        Guarded::Backup => T::GuardBackup,
        Guarded::Check => T::GuardCheck,
    };
    t.text(lang).to_string()
}

/// Why the user may not, in `lang` (without the leading "not allowed").
pub fn denial(lang: Lang, d: &Denial) -> String {
    let e = |s: &str| escape(s);
    match d {
        Denial::NotUser { login, uid } => tr(lang, T::DenyNotUser, &[&e(login), &uid.to_string()]),
        Denial::Disabled { login } => tr(lang, T::DenyDisabled, &[&e(login)]),
        Denial::NeedsRole { what, roles } => {
            let v: Vec<String> = roles
                .iter()
                .map(|r| lang.label(r.label(), r.english()))
                .collect();
            tr(
                lang,
                T::DenyNeedsRole,
                &[&guarded(lang, *what), &v.join("/")],
            )
        }
        Denial::ReadOnly { role } => tr(
            lang,
            T::DenyReadOnly,
            &[&lang.label(role.label(), role.english())],
        ),
        Denial::AboveClearance { level, clearance } => tr(
            lang,
            T::DenyClearance,
            &[
                &lang.label(level.label(), level.english()),
                &lang.label(clearance.label(), clearance.english()),
            ],
        ),
    }
}

/// What was not found, in `lang` (`事項 5`).
pub fn missing(lang: Lang, m: &Missing) -> String {
    match m {
        Missing::Item(id) => tr(lang, T::MissItem, &[&id.to_string()]),
        Missing::Linked(id) => tr(lang, T::MissLinked, &[&id.to_string()]),
        Missing::Code(c) => tr(lang, T::MissCode, &[&escape(c)]),
        Missing::History { id, version } => tr(
            lang,
            T::MissHistory,
            &[&id.to_string(), &version.to_string()],
        ),
    }
}

/// Why the store, the daemon or the connection failed, in `lang`.
pub fn failure(lang: Lang, f: &Failure) -> String {
    match f {
        Failure::Busy { path } => tr(lang, T::FailBusy, &[&escape(path)]),
        Failure::NewerSchema { found, supported } => tr(
            lang,
            T::FailNewerSchema,
            &[&found.to_string(), &supported.to_string()],
        ),
        Failure::Lost { socket, why } => {
            let why = match why {
                Cut::Closed => tr(lang, T::CutClosed, &[]),
                Cut::NoReply => tr(lang, T::CutNoReply, &[]),
                Cut::Other(s) => tr(lang, T::CutOther, &[&escape(s)]),
            };
            tr(lang, T::FailLost, &[&escape(socket), &why])
        }
        Failure::DaemonBug => tr(lang, T::FailDaemonBug, &[]),
        Failure::Protocol(s) => tr(lang, T::FailProtocol, &[&escape(s)]),
        Failure::Other(s) => tr(lang, T::FailOther, &[&escape(s)]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::ServiceError;
    use crate::model::{Classification, Role};

    const OS: &str = "Broken pipe (os error 32)";

    /// One of every failure a service call can end in, but conflicts,
    /// fields and rules (said elsewhere). A new variant must be added here:
    /// the match stops compiling.
    fn every_error() -> Vec<ServiceError> {
        let mut v = vec![
            ServiceError::Denied(Denial::NotUser {
                login: "wang".into(),
                uid: 2001,
            }),
            ServiceError::Denied(Denial::Disabled {
                login: "wang".into(),
            }),
            ServiceError::Denied(Denial::ReadOnly {
                role: Role::ReadOnly,
            }),
            ServiceError::Denied(Denial::AboveClearance {
                level: Classification::Secret,
                clearance: Classification::Internal,
            }),
            ServiceError::NotFound(Missing::Item(5)),
            ServiceError::NotFound(Missing::Linked(5)),
            ServiceError::NotFound(Missing::Code("收2026-0001".into())),
            ServiceError::NotFound(Missing::History { id: 5, version: 2 }),
            ServiceError::Store(Failure::Busy {
                path: "/資料/樞紐".into(),
            }),
            ServiceError::Store(Failure::NewerSchema {
                found: 4,
                supported: 3,
            }),
            ServiceError::Store(Failure::DaemonBug),
            ServiceError::Store(Failure::Protocol(OS.into())),
            ServiceError::Store(Failure::Other(OS.into())),
        ];
        for what in [
            Guarded::Directory,
            Guarded::ListUsers,
            Guarded::ChangeUsers,
            Guarded::Audit,
            Guarded::Backup,
            Guarded::Check,
        ] {
            v.push(ServiceError::Denied(Denial::NeedsRole {
                what,
                roles: vec![Role::Admin, Role::Director],
            }));
        }
        for why in [Cut::Closed, Cut::NoReply, Cut::Other(OS.into())] {
            v.push(ServiceError::Store(Failure::Lost {
                socket: "/執行/樞紐".into(),
                why,
            }));
        }
        for e in &v {
            match e {
                ServiceError::Denied(
                    Denial::NotUser { .. }
                    | Denial::Disabled { .. }
                    | Denial::NeedsRole { .. }
                    | Denial::ReadOnly { .. }
                    | Denial::AboveClearance { .. },
                )
                | ServiceError::NotFound(
                    Missing::Item(_)
                    | Missing::Linked(_)
                    | Missing::Code(_)
                    | Missing::History { .. },
                )
                | ServiceError::Store(
                    Failure::Busy { .. }
                    | Failure::NewerSchema { .. }
                    | Failure::Lost { .. }
                    | Failure::DaemonBug
                    | Failure::Protocol(_)
                    | Failure::Other(_),
                ) => {}
                ServiceError::Conflict { .. }
                | ServiceError::Invalid { .. }
                | ServiceError::Rule(_) => unreachable!(),
            }
        }
        v
    }

    /// Words of three or more Latin letters, but the OS's own message
    /// (kept as it is), `uid` and the login `wang`.
    fn english(s: &str) -> bool {
        s.replace(OS, "")
            .split(|c: char| !c.is_ascii_alphabetic())
            .any(|w| w.len() >= 3 && w != "uid" && w != "wang")
    }

    #[test]
    fn every_service_failure_is_said_without_english_in_chinese() {
        for e in every_error() {
            for lang in [Lang::Hant, Lang::Hans] {
                let s = super::super::service_error(lang, &e);
                assert!(!english(&s), "{e:?} in {lang:?}: {s}");
                assert_ne!(s, e.to_string(), "{e:?}");
            }
            let en = super::super::service_error(Lang::En, &e);
            let words = en
                .split(|c: char| !c.is_ascii_alphabetic())
                .filter(|w| w.len() >= 3)
                .count();
            assert!(words >= 2, "{e:?} in English: {en}");
        }
    }

    #[test]
    fn an_os_message_is_kept_inside_a_translated_sentence() {
        let e = ServiceError::Store(Failure::Lost {
            socket: "/run/shuniu.sock".into(),
            why: Cut::Other(OS.into()),
        });
        assert_eq!(
            super::super::service_error(Lang::Hant, &e),
            format!("與樞紐服務（/run/shuniu.sock）的連線已中斷（系統訊息：{OS}）；修改無法保存，請重新啟動樞紐")
        );
        // English as the CLI says it.
        assert_eq!(super::super::service_error(Lang::En, &e), e.to_string());
        let e = ServiceError::Store(Failure::Other(OS.into()));
        assert_eq!(
            super::super::service_error(Lang::Hant, &e),
            format!("資料庫出錯（{OS}）")
        );
    }

    #[test]
    fn a_denial_names_the_roles_and_the_levels_in_chinese() {
        let e = ServiceError::Denied(Denial::NeedsRole {
            what: Guarded::Directory,
            roles: vec![Role::Admin, Role::Director, Role::Clerk],
        });
        assert_eq!(
            super::super::service_error(Lang::Hant, &e),
            "不允許：修改通訊錄須由管理員/主任/文書辦理"
        );
        assert_eq!(
            super::super::service_error(Lang::En, &e),
            e.to_string()
                .replace("管理員/主任/文書", "admin/director/clerk")
        );
        let e = ServiceError::Denied(Denial::AboveClearance {
            level: Classification::Secret,
            clearance: Classification::Internal,
        });
        let s = super::super::service_error(Lang::Hant, &e);
        assert!(
            s.contains(Classification::Secret.label())
                && s.contains(Classification::Internal.label()),
            "{s}"
        );
        let e = ServiceError::NotFound(Missing::Item(5));
        assert_eq!(
            super::super::service_error(Lang::Hant, &e),
            "找不到事項 5（不存在，或你無權查看）"
        );
        assert_eq!(
            super::super::service_error(Lang::En, &e),
            "item 5 not found"
        );
    }
}
