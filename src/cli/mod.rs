//! The non-interactive command line (clap). It talks only to a `Service`.

pub mod args;
mod bench;
mod bench_daemon;
pub mod directory;
pub mod intake;
pub mod meetings;
pub mod open;
pub mod output;
pub mod queue;
pub mod report;
pub mod run;
pub mod supervise;
pub mod table;
mod tui;
pub mod work;

pub use args::Cli;
pub use run::run;
