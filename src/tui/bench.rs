//! `shuniu bench-tui`: the workbench's budgets on demo data in a temporary
//! folder, through the same code the terminal runs: first full frame, `/`
//! per keystroke (query, rows and redraw), and bytes written for one `j`.

use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use color_eyre::eyre::Result;
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;

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
    term: Terminal<CrosstermBackend<Counter>>,
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

    fn draw(&mut self) -> usize {
        let before = self.bytes.0.load(Ordering::Relaxed);
        let app = &self.app;
        self.term.draw(|f| view::draw(f, app)).expect("draw");
        self.bytes.0.load(Ordering::Relaxed) - before
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
    let (setup, _) = super::setup(svc.as_ref(), cal.clone(), &Prefs::default(), "bench", None);
    let (app, fx) = App::new(setup, size);
    let bytes = Counter::default();
    let mut term = Terminal::new(CrosstermBackend::new(bytes.clone())).expect("terminal");
    term.resize(ratatui::layout::Rect::new(0, 0, size.0, size.1))
        .expect("resize");
    let cx = worker::Ctx {
        svc,
        calendar: cal.clone(),
        drafts: None,
        demo_now: None,
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
        let mut lat = vec![];
        let mut svc_lat = vec![];
        for q in ["xsaq", "校舍安全", "教育局", "通知", "fgw", "2026"] {
            let chars: Vec<char> = q.chars().collect();
            for i in 1..=chars.len() {
                let text: String = chars[..i].iter().collect();
                let t = Instant::now();
                let r = svc.rows(&crate::core::Filter {
                    text: Some(text),
                    ..crate::core::Filter::default()
                })?;
                svc_lat.push(t.elapsed());
                std::hint::black_box(r);
            }
            b.key(Key::ch('/'));
            for c in q.chars() {
                let t = Instant::now();
                b.key(Key::ch(c));
                b.draw();
                lat.push(t.elapsed());
            }
            for k in parse_keys("<Esc><Esc>").expect("keys") {
                b.key(k);
            }
        }
        writeln!(
            out,
            "/ service rows(text) p50 {}  p99 {}  (the same keystrokes, the query alone)",
            ms(pct(&mut svc_lat, 0.5)),
            ms(pct(&mut svc_lat, 0.99)),
        )?;
        writeln!(
            out,
            "/ per keystroke      p50 {}  p99 {}  ({} keystrokes, 辦文 tab, query + rows + frame)",
            ms(pct(&mut lat, 0.5)),
            ms(pct(&mut lat, 0.99)),
            lat.len()
        )?;
    }
    Ok(())
}
