//! `shuniu bench`: the budgets of DESIGN §5 measured on demo data in a
//! temporary folder, so the figures in docs/performance.md can be re-made
//! with one command (build with `--release` first).

use std::io::Write;
use std::time::{Duration, Instant};

use color_eyre::eyre::Result;

use crate::core::{Clock, Core, Engine, Filter, Service};
use crate::model::{Command, DateCtx, Kind, WorkCalendar};

use super::intake::{self, Format};

fn pct(v: &mut [Duration], p: f64) -> Duration {
    v.sort();
    let i = ((v.len() as f64 - 1.0) * p).round() as usize;
    v.get(i).copied().unwrap_or_default()
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

/// Resident memory now and at its peak, in MiB, from /proc/self/status.
pub fn rss_mib() -> (f64, f64) {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let get = |k: &str| {
        s.lines()
            .find(|l| l.starts_with(k))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<f64>().ok())
            .map(|kb| kb / 1024.0)
            .unwrap_or(0.0)
    };
    (get("VmRSS:"), get("VmHWM:"))
}

/// The queries a clerk types, keystroke by keystroke.
const QUERIES: &[&str] = &[
    "xsaq",
    "校舍安全",
    "教育局",
    "zs",
    "1234",
    "2026-12",
    "〔2026〕",
    "通知",
    "請示 教育",
    "fxkh",
    "wjg",
    "供暖",
    "fgw",
    "0571",
    "安全生產",
    "報告",
    "gongnuan",
    "市財政局",
    "督查",
    "lj",
    // Typos and misses: these take the fuzzy path (sound, then one typo per
    // word), the slowest a keystroke can be.
    "古樹名本",
    "停車男",
    "gushumingnu",
    "教育局请示",
    "0571-8",
    "鑫淼焱垚 鑫淼焱垚 鑫淼焱垚 鑫淼焱垚 鑫淼焱垚 鑫淼焱垚",
];

/// Runs the benchmark at each size and prints a report.
/// `config` is the file `--config` named: its `cache_mb` is used here and
/// handed to the cold start's own process.
pub fn run(sizes: &[usize], config: Option<&std::path::Path>, out: &mut dyn Write) -> Result<()> {
    writeln!(
        out,
        "shuniu bench — {} build, {} cores",
        if cfg!(debug_assertions) {
            "DEBUG (numbers are not representative)"
        } else {
            "release"
        },
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    )?;
    let (cfg, _) = crate::config::load(config);
    let cache = super::open::cache_bytes(&cfg);
    for &n in sizes {
        bench_one(n, config, cache, out)?;
    }
    Ok(())
}

/// One size; `config` is handed on to the cold start's process.
fn bench_one(
    n: usize,
    config: Option<&std::path::Path>,
    cache: u64,
    out: &mut dyn Write,
) -> Result<()> {
    let dir = tempfile::tempdir()?;
    let now = chrono::Utc::now().timestamp();
    let cal = WorkCalendar::builtin();
    writeln!(out, "\n== {n} items ==")?;
    let engine = Engine::open(dir.path(), cache, cal.clone(), Clock::Fixed(now))?;
    let core = Core::for_uid(engine, 0, "bench")?;

    // Demo data: the directory and every kind (loaded through the same create path).
    let t = Instant::now();
    // "n items" is the store's size when measured: demo data, then a fifth
    // (at most 20,000) registered through intake.
    let m = (n / 5).min(20_000);
    let data = crate::demo::generate(n - m, 2026, now);
    crate::demo::load(&core, data)?;
    writeln!(
        out,
        "demo load            {:>10}  ({:.0} items/s)",
        ms(t.elapsed()),
        (n - m) as f64 / t.elapsed().as_secs_f64()
    )?;

    // Intake: JSON lines parsed, validated and stored in one durable write.
    let text: String = (0..m)
        .map(|i| format!("{{\"title\":\"關於第{i}號來文的處理請示\",\"from\":\"市教育局\",\"channel\":\"來電\",\"phone\":\"0571-8765{:04}\",\"deadline\":\"+3工作日\"}}\n", i % 10_000))
        .collect();
    let ctx = DateCtx {
        today: core.today(),
        cal: &cal,
    };
    let t = Instant::now();
    let items = intake::parse(&text, Format::Jsonl, "bench", now, &ctx)
        .map_err(|e| color_eyre::eyre::eyre!("{}", e[0]))?;
    let parsed = t.elapsed();
    core.create_many(items)?;
    let el = t.elapsed();
    writeln!(
        out,
        "intake {m:>6} lines   {:>10}  ({:.0} items/s; parse {}, store+index {})",
        ms(el),
        m as f64 / el.as_secs_f64(),
        ms(parsed),
        ms(el - parsed)
    )?;

    // Quick find: every prefix of every query, as typed.
    let mut lat = vec![];
    for q in QUERIES {
        let chars: Vec<char> = q.chars().collect();
        for i in 1..=chars.len() {
            let s: String = chars[..i].iter().collect();
            let t = Instant::now();
            let r = core.search(&s, 50)?;
            let el = t.elapsed();
            lat.push(el);
            if std::env::var_os("SHUNIU_BENCH_VERBOSE").is_some() {
                writeln!(out, "  find {s:<12} {:>10}  {} hits", ms(el), r.len())?;
            }
            std::hint::black_box(r);
        }
    }
    writeln!(
        out,
        "find per keystroke   p50 {}  p99 {}  ({} queries)",
        ms(pct(&mut lat, 0.5)),
        ms(pct(&mut lat, 0.99)),
        lat.len()
    )?;

    // List: one tab's rows (what a screen draws), and the same as full items.
    let mut lat = vec![];
    let mut full = vec![];
    for k in Kind::ALL {
        let f = Filter {
            kind: Some(*k),
            open: true,
            ..Filter::default()
        };
        let t = Instant::now();
        let r = core.rows(&f)?;
        lat.push(t.elapsed());
        std::hint::black_box(r);
        let t = Instant::now();
        let r = core.list(&Filter {
            limit: Some(100),
            ..f
        })?;
        full.push(t.elapsed());
        std::hint::black_box(r);
    }
    writeln!(
        out,
        "list one tab (rows)  p50 {}  max {}",
        ms(pct(&mut lat, 0.5)),
        ms(pct(&mut lat, 1.0))
    )?;
    writeln!(
        out,
        "list 100 full items  p50 {}  max {}",
        ms(pct(&mut full, 0.5)),
        ms(pct(&mut full, 1.0))
    )?;

    // One acknowledged (flushed) write.
    let targets = core.list(&Filter {
        kind: Some(Kind::Inbox),
        limit: Some(200),
        ..Filter::default()
    })?;
    let mut lat = vec![];
    for (i, it) in targets.iter().enumerate() {
        let t = Instant::now();
        core.apply(Command::Set {
            id: it.id,
            version: it.version,
            fields: vec![("handler".into(), format!("李明{i}"))],
        })?;
        lat.push(t.elapsed());
    }
    writeln!(
        out,
        "acknowledged write   p50 {}  p99 {}  ({} writes)",
        ms(pct(&mut lat, 0.5)),
        ms(pct(&mut lat, 0.99)),
        lat.len()
    )?;

    let (rss, peak) = rss_mib();
    writeln!(
        out,
        "bench process RSS    {rss:.1} MiB (peak {peak:.1} MiB, includes the generated data)"
    )?;

    // Cold start: a fresh process opens the folder and rebuilds the index,
    // so its time and memory are not flattered or inflated by this one's.
    drop(core);
    let mut child = std::process::Command::new(std::env::current_exe()?);
    if let Some(c) = config {
        child.arg("--config").arg(c);
    }
    let child = child
        .arg("--data")
        .arg(dir.path())
        .arg("bench-open")
        .output()?;
    write!(out, "{}", String::from_utf8_lossy(&child.stdout))?;
    Ok(())
}

/// `shuniu bench-open`: opens a data folder as a daemon would at start and
/// reports the time, the index size and the memory it took.
pub fn open_only(data: &std::path::Path, cache_bytes: u64, out: &mut dyn Write) -> Result<()> {
    let (cal, _) = crate::config::load_calendar(None);
    crate::server::tune_allocator();
    let t = Instant::now();
    let engine = Engine::open(data, cache_bytes, cal, Clock::System)?;
    let el = t.elapsed();
    crate::server::give_back_freed_memory();
    writeln!(
        out,
        "cold start + index   {:>10}  ({} entries, {:.1} MiB of index text)",
        ms(el),
        engine.index_len(),
        engine.index_bytes() as f64 / 1048576.0
    )?;
    let (rss, peak) = rss_mib();
    writeln!(
        out,
        "cold process RSS     {rss:.1} MiB (peak {peak:.1} MiB)"
    )?;
    Ok(())
}
