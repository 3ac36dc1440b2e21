//! The `shuniu` binary: parse the command line, run it, report errors with
//! color-eyre at the edge.

use clap::Parser;

fn main() -> color_eyre::Result<()> {
    // Colour only for a person at a terminal; never escape codes into logs or pipes.
    let plain = std::env::var_os("NO_COLOR").is_some()
        || !std::io::IsTerminal::is_terminal(&std::io::stderr());
    let hook = color_eyre::config::HookBuilder::default().display_env_section(false);
    let hook = if plain {
        hook.theme(color_eyre::config::Theme::new())
    } else {
        hook
    };
    hook.install()?;
    let cli = shuniu::cli::Cli::parse();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let r = shuniu::cli::run(cli, &mut out);
    std::io::Write::flush(&mut out).ok();
    r
}
