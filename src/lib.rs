//! shuniu 樞紐: a keyboard-driven terminal workbench for the clerks of a
//! government general office. See `docs/architecture.md` for the layers.

pub mod cli;
pub mod client;
pub mod config;
pub mod core;
mod cores;
pub mod demo;
pub mod model;
pub mod proto;
pub mod search;
pub mod server;
pub mod store;
pub mod tui;
