//! shuniu 樞紐: a keyboard-driven terminal workbench for the clerks of a
//! government general office. See `docs/architecture.md` for the layers.

pub mod model;
pub mod search;
pub mod store;
pub mod core;
// pub mod cli; (enabled once demo lands)
pub mod config;
pub mod demo;
