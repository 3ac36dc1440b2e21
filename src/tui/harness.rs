//! Driving the whole workbench without a terminal: keys in, effects run
//! synchronously against a `Service`, the screen rendered on ratatui's
//! `TestBackend` as text. Used by the key-sequence and snapshot tests and
//! by `shuniu bench-tui`.

use std::path::PathBuf;
use std::sync::mpsc::Receiver;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::Terminal;

use crate::core::{Event as Push, Service};
use crate::model::WorkCalendar;

use super::app::App;
use super::event::Effect;
use super::i18n::Lang;
use super::key::{parse_keys, Key};
use super::theme::{Depth, Theme};
use super::{view, worker, Prefs};

/// The workbench on a test backend.
pub struct Harness {
    /// The state.
    pub app: App,
    /// What effects run with.
    pub cx: worker::Ctx,
    push: Option<Receiver<Push>>,
    term: Terminal<TestBackend>,
    /// The same frames through the terminal's own backend, bytes counted.
    wire: Terminal<super::backend::Quiet<super::bench::Counter>>,
    bytes: super::bench::Counter,
}

/// The text of a buffer, one line per row, wide characters once, trailing spaces cut.
pub fn buffer_text(b: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..b.area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..b.area.width {
            let c = &b[(x, y)];
            if skip > 0 {
                skip -= 1;
                continue;
            }
            line.push_str(c.symbol());
            skip = super::text::width(c.symbol()).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

impl Harness {
    /// A workbench of `size` on `svc`, in `lang`, with drafts in `drafts`.
    pub fn new(
        svc: Arc<dyn Service>,
        cal: WorkCalendar,
        size: (u16, u16),
        lang: Lang,
        drafts: Option<PathBuf>,
    ) -> Harness {
        let prefs = Prefs {
            lang: Some(lang.code().into()),
            ..Prefs::default()
        };
        let (mut setup, _) = super::setup(
            svc.as_ref(),
            cal.clone(),
            &prefs,
            super::Connection::Local,
            drafts.clone(),
        );
        setup.theme = Theme::load("default", Depth::C256).0;
        setup.depth = Depth::C256;
        let push = svc.subscribe().ok();
        let (app, fx) = App::new(setup, size);
        let cx = worker::Ctx {
            svc,
            calendar: cal,
            drafts,
            now: None,
        };
        let term = Terminal::new(TestBackend::new(size.0, size.1)).expect("test terminal");
        let bytes = super::bench::Counter::default();
        let wire = Terminal::with_options(
            super::backend::Quiet::new(bytes.clone()),
            ratatui::TerminalOptions {
                viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(
                    0, 0, size.0, size.1,
                )),
            },
        )
        .expect("byte-counting terminal");
        let mut h = Harness {
            app,
            cx,
            push,
            term,
            wire,
            bytes,
        };
        h.run(fx);
        h
    }

    /// Runs effects (and the effects their outcomes ask for) to the end,
    /// then feeds the pushes that arrived, all of them before the app
    /// settles (as the main loop hands it everything queued at once).
    pub fn run(&mut self, fx: Vec<Effect>) {
        let mut queue: Vec<Effect> = fx;
        let mut rounds = 0;
        loop {
            while !queue.is_empty() {
                rounds += 1;
                assert!(rounds < 10_000, "effects never settle");
                let e = queue.remove(0);
                if let Effect::Editor { .. } = e {
                    continue;
                }
                if let Some(o) = worker::exec(&self.cx, e) {
                    queue.extend(self.app.outcome(o));
                }
            }
            let pushes: Vec<Push> = self
                .push
                .as_ref()
                .map(|r| r.try_iter().collect())
                .unwrap_or_default();
            for p in pushes {
                queue.extend(self.app.push(p));
            }
            queue.extend(self.app.settle());
            if queue.is_empty() {
                break;
            }
        }
    }

    /// Presses keys written as the keymap writes them (`5j`, `gg`, `<Esc>`).
    pub fn press(&mut self, keys: &str) {
        for k in parse_keys(keys).expect("key notation") {
            self.key(k);
        }
    }

    /// One key.
    pub fn key(&mut self, k: Key) {
        let fx = self.app.key(k);
        self.run(fx);
    }

    /// Types text literally (no key notation).
    pub fn type_text(&mut self, s: &str) {
        for c in s.chars() {
            self.key(Key::ch(c));
        }
    }

    /// Pastes text.
    pub fn paste(&mut self, s: &str) {
        let fx = self.app.paste(s);
        self.run(fx);
    }

    /// Lets a pending count time out (a lone digit becomes its binding).
    pub fn timeout(&mut self) {
        let fx = self.app.tick(Instant::now() + Duration::from_secs(60));
        self.run(fx);
    }

    /// Draws and returns the screen as text. Each frame is drawn whole:
    /// `TestBackend` keeps what a diff skips behind a wide character, where
    /// a real terminal clears it.
    pub fn screen(&mut self) -> String {
        self.term.clear().expect("clear");
        let app = &self.app;
        self.term.draw(|f| view::draw(f, app)).expect("draw");
        buffer_text(self.term.backend().buffer())
    }

    /// The characters drawn highlighted (underlined: what a query matched),
    /// each line's runs joined by `|`, lines without any left out.
    pub fn marked(&mut self) -> String {
        let _ = self.screen();
        let b = self.term.backend().buffer();
        let mut out = String::new();
        for y in 0..b.area.height {
            let mut line = String::new();
            let mut skip = 0;
            for x in 0..b.area.width {
                let c = &b[(x, y)];
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                skip = super::text::width(c.symbol()).saturating_sub(1);
                if c.modifier.contains(ratatui::style::Modifier::UNDERLINED) {
                    line.push_str(c.symbol());
                } else if !line.is_empty() && !line.ends_with('|') {
                    line.push('|');
                }
            }
            let line = line.trim_end_matches('|');
            if !line.is_empty() {
                out.push_str(line);
                out.push('\n');
            }
        }
        out
    }

    /// Draws the screen and returns its cells, styles included.
    pub fn cells(&mut self) -> Buffer {
        let _ = self.screen();
        self.term.backend().buffer().clone()
    }

    /// Draws the state as the terminal would (the workbench's own backend,
    /// after the frames drawn by earlier calls) and returns the bytes it
    /// wrote.
    pub fn bytes(&mut self) -> usize {
        use std::sync::atomic::Ordering;
        let before = self.bytes.0.load(Ordering::Relaxed);
        let app = &self.app;
        self.wire.draw(|f| view::draw(f, app)).expect("draw");
        self.bytes.0.load(Ordering::Relaxed) - before
    }

    /// Where the cursor is after a draw.
    pub fn cursor(&mut self) -> (u16, u16) {
        let app = &self.app;
        self.term.draw(|f| view::draw(f, app)).expect("draw");
        let p = self.term.get_cursor_position().expect("cursor");
        (p.x, p.y)
    }
}

/// The fixed clock of the tests: 2026-11-25 09:30 office time (a Wednesday).
pub const FIXED_NOW: i64 = 1_795_570_200;

/// A store in `dir` with a fixed clock, opened for uid 1000 `tester` (its
/// administrator), holding `items` demo items (seed 2026) and the directory;
/// `items == 0` leaves it empty.
pub fn fixture(dir: &std::path::Path, items: usize) -> Arc<crate::core::Core> {
    use crate::core::{Clock, Core, Engine};
    let engine = Engine::open(
        dir,
        16 << 20,
        WorkCalendar::builtin(),
        Clock::Fixed(FIXED_NOW),
    )
    .expect("open the store");
    let core = Core::for_uid(engine, 1000, "tester").expect("the first user");
    if items > 0 {
        crate::demo::load(&core, crate::demo::generate(items, 2026, FIXED_NOW)).expect("demo data");
    }
    Arc::new(core)
}
