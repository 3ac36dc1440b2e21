//! The `Service` API and `Core`, its in-process implementation for one user.

mod apply;
mod audit;
mod batch;
pub mod engine;
pub mod error;
mod failure;
mod identity;
mod notify;
mod queue;
mod rebuild;
mod rows;
pub mod service;
mod session;
mod steps;
pub mod sweep;

pub use engine::{Clock, Engine};
pub use error::{ChangedField, Cut, Denial, Failure, Guarded, Missing, Result, ServiceError};
pub use service::{AuditFilter, Counts, Event, Filter, Found, QueueEntry, Row, Service};
pub use session::Core;
