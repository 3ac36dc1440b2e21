//! The 督查 reminder sweep: every item whose deadline is near, passed, or
//! whose progress report is late gets its 臨近提醒 or 催辦 (the rules are
//! `model::supervision::sweep`). `shuniu supervise urge` runs it by hand or
//! from cron; the daemon runs it by itself on a timer, so reminders go out
//! even when nobody remembers to.

use crate::model::supervision::{sweep, Due, Thresholds};
use crate::model::{Act, Command, Item, Kind, WorkCalendar};

use super::{Filter, Result, Service, ServiceError};

/// One reminder the sweep found due, and what became of it.
#[derive(Debug)]
pub struct Reminder {
    /// The item as it was read.
    pub item: Item,
    /// Why and what to say.
    pub due: Due,
    /// The write (`None` in a dry run).
    pub sent: Option<std::result::Result<Item, ServiceError>>,
}

/// Finds every reminder due today and, unless `dry_run`, sends each one as
/// its own write (a refusal of one does not stop the others).
pub fn remind(
    svc: &dyn Service,
    cal: &WorkCalendar,
    th: &Thresholds,
    dry_run: bool,
) -> Result<Vec<Reminder>> {
    let items = svc.list(&Filter {
        kind: Some(Kind::Supervision),
        ..Filter::default()
    })?;
    let due = sweep(&items, svc.today(), cal, th);
    let mut out = Vec::with_capacity(due.len());
    for d in due {
        let Some(it) = items.iter().find(|i| i.id == d.id) else {
            continue;
        };
        let sent = (!dry_run).then(|| {
            svc.apply(Command::Act {
                id: it.id,
                version: it.version,
                act: Act::Remind {
                    reason: d.reason,
                    text: d.text.clone(),
                },
            })
        });
        out.push(Reminder {
            item: it.clone(),
            due: d,
            sent,
        });
    }
    Ok(out)
}
