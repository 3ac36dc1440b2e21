//! `shuniu bench-tui`: the workbench's budgets on demo data in a temporary
//! folder, through the same code the terminal runs: first full frame, `/`
//! per keystroke (query, rows and redraw), and bytes written for one `j`.

use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use color_eyre::eyre::Result;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

use crate::core::{Clock, Core, Engine, Service};
use crate::model::WorkCalendar;

use super::app::App;
use super::event::Effect;
use super::key::{parse_keys, Key};
use super::{view, worker, Prefs};

/// A writer that counts what passes through it.
#[derive(Clone, Default)]
pub struct Counter(pub Arc<AtomicUsize>);

impl Write for Counter {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.fetch_add(b.len(), Ordering::Relaxed);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

struct Bench {
    app: App,
    cx: worker::Ctx,
    term: Terminal<super::backend::Quiet<Counter>>,
    bytes: Counter,
}

impl Bench {
    fn run(&mut self, fx: Vec<Effect>) {
        let mut q = fx;
        while !q.is_empty() {
            let e = q.remove(0);
            if let Some(o) = worker::exec(&self.cx, e) {
                q.extend(self.app.outcome(o));
            }
        }
    }

    fn key(&mut self, k: Key) {
        let fx = self.app.key(k);
        self.run(fx);
    }

    /// One keystroke to the frame that shows its answer: [total, worker, app, frame].
    fn keystroke(&mut self, k: Key) -> [Duration; 4] {
        let t = Instant::now();
        let mut q = self.app.key(k);
        let mut app = t.elapsed();
        let mut work = Duration::ZERO;
        while !q.is_empty() {
            let e = q.remove(0);
            let s = Instant::now();
            let o = worker::exec(&self.cx, e);
            work += s.elapsed();
            let s = Instant::now();
            if let Some(o) = o {
                q.extend(self.app.outcome(o));
            }
            app += s.elapsed();
        }
        let s = Instant::now();
        self.draw();
        let frame = s.elapsed();
        [t.elapsed(), work, app, frame]
    }

    fn draw(&mut self) -> usize {
        let before = self.bytes.0.load(Ordering::Relaxed);
        let app = &self.app;
        self.term.draw(|f| view::draw(f, app)).expect("draw");
        self.bytes.0.load(Ordering::Relaxed) - before
    }
}

/// What the clerk types in `/` (辦文) and in quick find.
const SLASH: &[&str] = &[
    "xsaq",
    "校舍安全",
    "教育局",
    "通知",
    "fgw",
    "2026",
    "請示",
    "jyj",
    "經費",
    "市政府 函",
];
const FIND: &[&str] = &[
    "wkz",
    "1234",
    "教育局 請示",
    "發改委",
    "〔2026〕12",
    "zs",
    "0571-8",
    "xsaq",
    "路燈",
    "2026-12",
];
const ROUNDS: usize = 3;

/// Per-keystroke times: the whole, and the worker's, the app's and the frame's parts.
#[derive(Default)]
struct Lat {
    total: Vec<Duration>,
    worker: Vec<Duration>,
    app: Vec<Duration>,
    frame: Vec<Duration>,
}

impl Lat {
    fn push(&mut self, t: [Duration; 4]) {
        self.total.push(t[0]);
        self.worker.push(t[1]);
        self.app.push(t[2]);
        self.frame.push(t[3]);
    }

    fn report(&mut self, out: &mut dyn Write, what: &str, how: &str) -> std::io::Result<()> {
        writeln!(
            out,
            "{what:<24} p50 {}  p99 {}  max {}  ({} keystrokes, {how}: query + results + frame)",
            ms(pct(&mut self.total, 0.5)),
            ms(pct(&mut self.total, 0.99)),
            ms(pct(&mut self.total, 1.0)),
            self.total.len()
        )?;
        writeln!(
            out,
            "{:<24} p99 worker {}  app {}  frame {}",
            "",
            ms(pct(&mut self.worker, 0.99)),
            ms(pct(&mut self.app, 0.99)),
            ms(pct(&mut self.frame, 0.99)),
        )
    }
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn pct(v: &mut [Duration], p: f64) -> Duration {
    v.sort();
    v.get(((v.len() as f64 - 1.0) * p).round() as usize)
        .copied()
        .unwrap_or_default()
}

fn open_bench(svc: Arc<dyn Service>, cal: &WorkCalendar, size: (u16, u16)) -> (Bench, Duration) {
    let t = Instant::now();
    let (setup, _) = super::setup(
        svc.as_ref(),
        cal.clone(),
        &Prefs::default(),
        super::Connection::Local,
        None,
    );
    let (app, fx) = App::new(setup, size);
    let bytes = Counter::default();
    // A fixed viewport: a full-screen one asks the terminal's size on every
    // frame, which off a terminal means running `tput` twice (≈ 10 ms).
    let term = Terminal::with_options(
        super::backend::Quiet::new(bytes.clone()),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, size.0, size.1)),
        },
    )
    .expect("terminal");
    let cx = worker::Ctx {
        svc,
        calendar: cal.clone(),
        drafts: None,
        now: None,
    };
    let mut b = Bench {
        app,
        cx,
        term,
        bytes,
    };
    b.run(fx);
    b.draw();
    (b, t.elapsed())
}

/// Runs the benchmark at each size.
pub fn run(sizes: &[usize], out: &mut dyn Write) -> Result<()> {
    writeln!(
        out,
        "shuniu bench-tui — {} build (in-process service)",
        if cfg!(debug_assertions) {
            "DEBUG (not representative)"
        } else {
            "release"
        }
    )?;
    for &n in sizes {
        let dir = tempfile::tempdir()?;
        let now = chrono::Utc::now().timestamp();
        let cal = WorkCalendar::builtin();
        let engine = Engine::open(
            dir.path(),
            crate::store::DEFAULT_CACHE_BYTES,
            cal.clone(),
            Clock::Fixed(now),
        )?;
        let core = Core::for_uid(engine, 0, "bench")?;
        crate::demo::load(&core, crate::demo::generate(n, 2026, now))?;
        let svc: Arc<dyn Service> = Arc::new(core);
        writeln!(out, "\n== {n} items ==")?;
        for size in [(80u16, 24u16), (160, 48)] {
            let (mut b, first) = open_bench(svc.clone(), &cal, size);
            let rows = b.app.cur().len();
            writeln!(
                out,
                "{}x{} first full frame  {}  ({rows} rows in 收件)",
                size.0,
                size.1,
                ms(first)
            )?;
            // One j, after the list has settled: the frame right after the key,
            // and (wide screens) the frame that shows the newly loaded detail.
            b.draw();
            let fx = b.app.key(Key::ch('j'));
            let j_frame = b.draw();
            b.run(fx);
            let detail_frame = b.draw();
            writeln!(
                out,
                "{}x{} bytes for one j  {j_frame} (list) + {detail_frame} (detail)",
                size.0, size.1
            )?;
        }
        // `/` as the clerk types, each keystroke: query, rows, redraw.
        let (mut b, _) = open_bench(svc.clone(), &cal, (160, 48));
        let fx = b.app.update(super::command::Action::Tab(1), None);
        b.run(fx);
        let (mut svc_lat, mut search_lat) = (vec![], vec![]);
        for q in SLASH {
            let chars: Vec<char> = q.chars().collect();
            for i in 1..=chars.len() {
                let text: String = chars[..i].iter().collect();
                let t = Instant::now();
                let r = svc.search(&text, super::app::TYPING_LIMIT)?;
                search_lat.push(t.elapsed());
                std::hint::black_box(r);
                let t = Instant::now();
                let r = svc.rows(&crate::core::Filter {
                    text: Some(text),
                    ..crate::core::Filter::default()
                })?;
                svc_lat.push(t.elapsed());
                std::hint::black_box(r);
            }
        }
        let mut slash = Lat::default();
        for _ in 0..ROUNDS {
            for q in SLASH {
                b.key(Key::ch('/'));
                for c in q.chars() {
                    slash.push(b.keystroke(Key::ch(c)));
                }
                for k in parse_keys("<Esc><Esc>").expect("keys") {
                    b.key(k);
                }
            }
        }
        writeln!(
            out,
            "/ service rows(text)      p50 {}  p99 {}  (the query alone, every match up to 1,000)",
            ms(pct(&mut svc_lat, 0.5)),
            ms(pct(&mut svc_lat, 0.99)),
        )?;
        writeln!(
            out,
            "/ service search(q, {})  p50 {}  p99 {}  (the query alone, as typed: the best matches)",
            super::app::TYPING_LIMIT,
            ms(pct(&mut search_lat, 0.5)),
            ms(pct(&mut search_lat, 0.99)),
        )?;
        slash.report(out, "/ per keystroke", "辦文 tab")?;
        // Quick find from the 收件 list, each keystroke: query, results, redraw.
        let (mut b, _) = open_bench(svc.clone(), &cal, (160, 48));
        let mut find = Lat::default();
        for _ in 0..ROUNDS {
            for q in FIND {
                b.key(Key::ctrl('f'));
                for c in q.chars() {
                    find.push(b.keystroke(Key::ch(c)));
                }
                b.key(Key::plain(super::key::Code::Esc));
            }
        }
        find.report(out, "quick find per keystroke", "popup over 收件")?;
    }
    Ok(())
}
