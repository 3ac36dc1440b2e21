//! The dashboard's numbers, counted from the service's rows in two
//! requests: every open item (what is due or overdue) and every 收件 (the
//! intake per day, closed ones included: a request answered on the day it
//! came in still came in). The counting itself is `model::dashboard`'s.

use crate::core::{Filter, Row, Service, ServiceError};
use crate::model::dashboard::Dashboard;
use crate::model::{Kind, WorkCalendar};

/// The rows the dashboard counts: open items, and the 收件 that are not
/// open (the open ones are among the first already), each item once.
pub fn rows(svc: &dyn Service) -> Result<Vec<Row>, ServiceError> {
    let mut rows = svc.rows(&Filter {
        open: true,
        ..Filter::default()
    })?;
    let inbox = svc.rows(&Filter {
        kind: Some(Kind::Inbox),
        ..Filter::default()
    })?;
    rows.extend(inbox.into_iter().filter(|r| !r.status.is_open()));
    Ok(rows)
}

/// The dashboard for the office's today, with `days` days of intake.
pub fn count(svc: &dyn Service, cal: &WorkCalendar, days: u32) -> Result<Dashboard, ServiceError> {
    let rows = rows(svc)?;
    Ok(Dashboard::build(&rows, svc.today(), cal, days))
}
