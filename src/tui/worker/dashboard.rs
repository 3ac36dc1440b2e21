//! The dashboard's numbers, counted from the service's rows in two
//! requests: every open item (what is due or overdue) and every 收件 (the
//! intake per day, closed ones included: a request answered on the day it
//! came in still came in). The counting itself is `model::dashboard`'s.
//! Read once when the screen opens (and on `r`): changes pushed while it
//! is open update the rows the app keeps (`app/dashboard.rs`).

use crate::core::{Filter, Row, Service, ServiceError};
use crate::model::dashboard::Dashboard;
use crate::model::{Kind, WorkCalendar};

use super::super::event::DashLoad;

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

/// The dashboard for the office's today, with `days` days of intake, and
/// the rows it was counted from (the app keeps them for pushed changes).
pub fn load(svc: &dyn Service, cal: &WorkCalendar, days: u32) -> Result<DashLoad, ServiceError> {
    let rows = rows(svc)?;
    let board = Dashboard::build(&rows, svc.today(), cal, days);
    Ok(DashLoad { board, rows })
}
