//! `docs/keys.md` and the doc lines `?` shows, generated from the keymap.

use super::super::command;
use super::super::i18n::{tr, Lang, T};
use super::{KeyMode, Keymap};

/// The doc line of a command line in a language. A route names its kind
/// (`W` routes to 收文 only, not to all four).
pub fn doc(cmd: &str, lang: Lang) -> String {
    let (name, arg) = cmd.split_once(' ').unwrap_or((cmd, ""));
    if let (true, Some(k)) = (name == "route", command::parse_kind(arg)) {
        return tr(lang, T::DocRouteTo, &[&lang.label(k.label(), k.english())]);
    }
    command::spec(name)
        .map(|s| s.doc.text(lang).to_string())
        .unwrap_or_default()
}

/// `docs/keys.md` as the keymap makes it.
pub fn markdown(km: &Keymap) -> String {
    let mut s = String::from(
        "# Keys\n\n\
         Generated from the keymap table in `src/tui/keymap/defaults.rs` (`shuniu keys` prints the\n\
         keymap with your config applied; `cargo test -- --ignored regenerate_keys_md`\n\
         rewrites this file). Every binding can be changed in `config.toml`:\n\n\
         ```toml\n[keys.normal]\n\"x\" = \"close\"        # bind\n\"C\" = \"\"             # unbind\n\"<C-y>\" = \"due +3工作日\"  # a command with its argument\n```\n\n\
         A count before a motion repeats it (`5j`). A digit alone switches tabs after a short pause.\n\
         In the inbox, `W` `M` `A` `S` route the selected request to 收文, 會議, 事務, 督查.\n",
    );
    for m in KeyMode::ALL {
        s.push_str(&format!(
            "\n## {} — {} (`[keys.{}]`)\n\n| Keys | Command | 說明 | Description |\n|---|---|---|---|\n",
            m.title().text(Lang::En),
            m.title().text(Lang::Hant),
            m.name()
        ));
        for (k, c) in km.entries(m) {
            s.push_str(&format!(
                "| `{}` | `{}` | {} | {} |\n",
                k.replace('|', "\\|"),
                c,
                doc(&c, Lang::Hant),
                doc(&c, Lang::En)
            ));
        }
    }
    s.push_str("\n## Commands of the `:` line\n\n| Command | Aliases | 說明 | Description |\n|---|---|---|---|\n");
    for c in command::COMMANDS {
        s.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            c.name,
            c.aliases
                .iter()
                .map(|a| format!("`{a}`"))
                .collect::<Vec<_>>()
                .join(" "),
            c.doc.text(Lang::Hant),
            c.doc.text(Lang::En)
        ));
    }
    s
}
