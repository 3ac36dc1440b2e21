//! Walking items through the workbench by keyboard: a workbench started on
//! a store the CLI filled, `m` and a menu choice by the words it shows, the
//! detail heading and the bottom line waited for. Shared by `e2e_flows.rs`
//! and `e2e_walks.rs`.

use super::{Tmux, PROMPT};

/// The workbench's text: the screen without the line at the bottom.
pub fn body(s: &str) -> String {
    let lines: Vec<&str> = s.lines().collect();
    lines[..lines.len().saturating_sub(1)].join("\n")
}

/// The bottom line: a message, or the prompt of a line being typed.
pub fn bottom(s: &str) -> String {
    s.lines().last().unwrap_or("").to_string()
}

/// The key of the menu choice that reads `text` (`3  審核四關` → '3').
pub fn key_of(screen: &str, text: &str) -> Option<char> {
    let pat = format!("  {text}");
    screen.lines().find_map(|l| {
        let i = l.find(&pat)?;
        l[..i].chars().last().filter(|c| c.is_ascii_alphanumeric())
    })
}

impl Tmux {
    /// Starts a workbench on a store holding what `setup` (CLI lines) made,
    /// each line waited for until the screen shows what it prints.
    pub fn workbench(w: u16, h: u16, setup: &[(&str, &str)]) -> Option<Tmux> {
        let t = Tmux::start(w, h)?;
        for (args, shows) in setup {
            t.shuniu(args);
            t.wait_for(shows, |s| s.contains(shows));
        }
        t.launch();
        Some(t)
    }

    /// Clears the shell's screen and starts the workbench in it.
    pub fn launch(&self) {
        self.keys(&["C-l"]);
        self.shuniu("");
        self.wait_for("the workbench", |s| {
            s.lines().next().is_some_and(|l| l.contains("收件"))
        });
    }

    /// In the open menu, the choice that reads `text`.
    pub fn pick(&self, text: &str) {
        let s = self.wait_for(&format!("the choice {text}"), |s| key_of(s, text).is_some());
        self.text(&key_of(&s, text).unwrap().to_string());
    }

    /// `m`, then the choice that reads `text`.
    pub fn step(&self, text: &str) {
        self.text("m");
        self.pick(text);
    }

    /// Waits for the detail pane's heading to say `kind · status`.
    pub fn at(&self, kind: &str, status: &str) {
        let want = format!("{kind} · {status}");
        self.wait_for(&want, |s| body(s).contains(&want));
    }

    /// Waits for the line at the bottom to ask for `what`.
    pub fn asked(&self, what: &str) {
        self.wait_for(&format!("the prompt {what}"), |s| bottom(s).contains(what));
    }

    /// Waits for the line at the bottom to say `what`.
    pub fn told(&self, what: &str) -> String {
        self.wait_for(&format!("the message {what}"), |s| bottom(s).contains(what))
    }

    /// Types an answer and Enter.
    pub fn answer(&self, text: &str) {
        if !text.is_empty() {
            self.text(text);
        }
        self.keys(&["Enter"]);
    }

    /// The last two steps of most workflows: 辦結 with its result, then
    /// 歸檔, each waited for in the detail's heading.
    pub fn finish_and_file(&self, kind: &str, result: &str) {
        self.step("辦結 → 辦結");
        self.asked("辦結情況");
        self.answer(result);
        self.at(kind, "辦結");
        self.step("歸檔 → 歸檔");
        self.at(kind, "歸檔");
    }

    /// Quits the workbench; the shell is back and sane.
    pub fn quit(&self) {
        self.text("q");
        self.wait_for("the prompt", |s| s.trim_end().ends_with(PROMPT));
        self.assert_sane();
    }
}
