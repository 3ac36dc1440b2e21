//! One request, answered by the connection's `Service` (a `Core` for the
//! peer's user, so roles, clearance and the audit trail apply as in-process).

use std::path::Path;

use crate::core::{Result, Service, ServiceError};
use crate::model::{Problem, Refusal};
use crate::proto::{Request, Response};

/// Answers every request but `Subscribe`, which the connection handles.
pub fn dispatch(svc: &dyn Service, req: Request) -> Result<Response> {
    Ok(match req {
        Request::WhoAmI => Response::User(svc.whoami()?),
        Request::Today => Response::Today(svc.today()),
        Request::List(f) => Response::Items(svc.list(&f)?),
        Request::Rows(f) => Response::Rows(svc.rows(&f)?),
        Request::Get(id) => Response::Item(Box::new(svc.get(id)?)),
        Request::GetByCode(c) => Response::Item(Box::new(svc.get_by_code(&c)?)),
        Request::Apply(cmd) => Response::Item(Box::new(svc.apply(cmd)?)),
        Request::CreateMany(items) => Response::Ids(svc.create_many(items)?),
        Request::ApplyBatch(steps) => Response::Items(svc.apply_batch(steps)?),
        Request::Search { query, limit } => {
            Response::Found(svc.search(&query, usize::try_from(limit).unwrap_or(usize::MAX))?)
        }
        Request::SearchKinds {
            query,
            kinds,
            limit,
        } => Response::Found(svc.search_kinds(
            &query,
            &kinds,
            usize::try_from(limit).unwrap_or(usize::MAX),
        )?),
        Request::History(id) => Response::History(svc.history(id)?),
        Request::LatestHistory(ids) => Response::History(svc.latest_history(&ids)?),
        Request::Counts => Response::Counts(svc.counts()?),
        Request::Units => Response::Units(svc.units()?),
        Request::People => Response::People(svc.people()?),
        Request::SaveDirectory { units, people } => {
            svc.save_directory(units, people)?;
            // The engine re-read every item into fresh rows and a fresh
            // index and dropped the old ones: hand their pages back, as
            // after the cold start, or the daemon keeps a second copy's
            // worth of free memory (≈ 20 MiB at 100k items).
            super::give_back_freed_memory();
            Response::Done
        }
        Request::Users => Response::Users(svc.users()?),
        Request::SaveUser(u) => {
            svc.save_user(u)?;
            Response::Done
        }
        Request::Audit(f) => Response::Audit(svc.audit(&f)?),
        Request::Backup(dest) => {
            let dest = Path::new(&dest);
            if !dest.is_absolute() {
                return Err(ServiceError::invalid(
                    "backup",
                    Problem::Other("the daemon needs an absolute path".into()),
                ));
            }
            Response::Count(svc.backup(dest)? as u64)
        }
        Request::Check => Response::Check(svc.check()?.into()),
        Request::Ping => Response::Done,
        Request::Queue(which) => Response::Queue(svc.queue(which)?),
        Request::Notices { unread_only } => Response::Notices(svc.notices(unread_only)?),
        Request::MarkRead(ids) => Response::Count(svc.mark_read(&ids)? as u64),
        Request::Subscribe => {
            return Err(ServiceError::Rule(Refusal::other(
                "subscribe is handled by the connection",
            )))
        }
    })
}
