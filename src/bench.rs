//! `wikitext bench`: the speed and memory of the whole pipeline over a
//! corpus of real pages, in one process.
//!
//! All pages are read first (I/O is not timed). A warm-up pass renders
//! every page once; then each of `runs` runs tokenizes every page, then
//! renders every page to HTML as a page (full document, sections and
//! heading ids), timing each stage of each page, then extracts every page's
//! plain text (`text_mb_s`: `wikitext::text`, render to the DOM and the text
//! walk, no limit). Figures are the median
//! over the runs; a page's own time is its best run.
//!
//! Time is the thread's CPU time where the system has it (so other
//! processes on a busy machine cost less accuracy), wall-clock time
//! otherwise. MB means 10^6 bytes of input.
//!
//! The template benchmark renders the pages of a template corpus
//! (`corpus/templates/`: an export of templates and pages that call them)
//! with those templates over the default site, in the same runs as the
//! corpus, and reports its MB/s of page text (`templates_html_mb_s`) and of
//! expansion alone (`templates_expand_mb_s`, `wikitext::expand` of each page).
//!
//! Peak memory is Linux's `VmHWM`. The peak of one page is measured in a
//! fresh process per page (`probe_page_memory`), because within one process
//! memory freed by earlier pages stays resident and hides the next page's
//! growth.

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use wikitext_html::stages::{self, StageTimes};

use crate::pathological;
use crate::{DefaultSite, PageSources, RenderOptions, Site, WithPages};

/// A page of the corpus.
#[derive(Clone, Debug)]
pub struct Page {
    /// The file name without `.wikitext`.
    pub name: String,
    /// The wikitext.
    pub text: String,
}

/// Read every `*.wikitext` file of `dir`, sorted by name.
///
/// # Errors
/// When the directory cannot be read, a file is not UTF-8, or there is no page.
pub fn read_corpus(dir: &Path) -> Result<Vec<Page>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "wikitext"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(format!("no .wikitext files in {}", dir.display()));
    }
    paths
        .iter()
        .map(|path| {
            let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            let text = String::from_utf8(bytes).map_err(|_| format!("{}: not valid UTF-8", path.display()))?;
            let name = path.file_stem().map_or_else(String::new, |stem| stem.to_string_lossy().into_owned());
            Ok(Page { name, text })
        })
        .collect()
}

/// A template corpus: templates from a MediaWiki export and pages that use them.
#[derive(Clone, Debug)]
pub struct Templates {
    /// The corpus directory (`templates.xml` and `pages/*.wikitext`).
    pub dir: PathBuf,
    /// The templates (every page of the export).
    pub sources: PageSources,
    /// The pages to render.
    pub pages: Vec<Page>,
}

/// Read a template corpus: `dir/templates.xml` (a MediaWiki export) and
/// `dir/pages/*.wikitext`.
///
/// # Errors
/// When the export cannot be loaded or the pages cannot be read.
pub fn read_templates(dir: &Path) -> Result<Templates, String> {
    let export = dir.join("templates.xml");
    let sources = crate::export::load_page_sources(&export).map_err(|e| format!("cannot load {}: {e}", export.display()))?;
    let pages = read_corpus(&dir.join("pages"))?;
    Ok(Templates { dir: dir.to_path_buf(), sources, pages })
}

/// The slowest page (by time per byte) is looked for among pages at least this large.
pub const SLOWEST_PAGE_MIN_BYTES: usize = 10_000;
/// The worst ratio of peak memory to page size is looked for among pages at least this large.
pub const MEMORY_RATIO_MIN_BYTES: usize = 50_000;

/// What to measure.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Config {
    /// Timed runs over the corpus (after one warm-up pass).
    pub runs: usize,
    /// Also time the pathological inputs at two sizes.
    pub pathological: bool,
    /// The size of the smaller pathological input, in bytes (the larger is twice that).
    pub pathological_bytes: usize,
    /// A program that measures one page's peak memory in a fresh process
    /// (`wikitext bench --page-memory-probe FILE`); `None` skips it.
    pub memory_probe: Option<PathBuf>,
    /// Also render a template corpus in each run; `None` skips it.
    pub templates: Option<Templates>,
}

impl Default for Config {
    fn default() -> Self {
        Config { runs: 3, pathological: false, pathological_bytes: 100_000, memory_probe: None, templates: None }
    }
}

/// The clock everything is timed with.
#[derive(Clone, Copy, Debug)]
enum Clock {
    ThreadCpu,
    Wall(Instant),
}

impl Clock {
    fn best_available() -> Clock {
        if cpu_time::ThreadTime::try_now().is_ok() { Clock::ThreadCpu } else { Clock::Wall(Instant::now()) }
    }

    /// Time since a fixed start.
    fn now(self) -> Duration {
        match self {
            // `try_now` worked once, so this clock exists here.
            Clock::ThreadCpu => cpu_time::ThreadTime::try_now().map_or(Duration::ZERO, |t| t.as_duration()),
            Clock::Wall(start) => start.elapsed(),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Clock::ThreadCpu => "thread CPU time",
            Clock::Wall(_) => "wall-clock time",
        }
    }
}

/// Render one page to HTML, as the bench does, adding each stage's time to `times`.
fn render_page(text: &str, site: &dyn Site, options: &RenderOptions, clock: Clock, times: &mut StageTimes) -> String {
    let t0 = clock.now();
    let tree = crate::parse_for_site(text, site);
    times.tokenize += clock.now().saturating_sub(t0);
    let html = stages::render_timed_with_clock(&tree, site, options, || clock.now(), times);
    let t1 = clock.now();
    drop(tree);
    times.tokenize += clock.now().saturating_sub(t1);
    html
}

fn page_options(name: &str) -> RenderOptions {
    let mut options = RenderOptions::page();
    options.title = name.replace('_', " ");
    options
}

fn median(mut values: Vec<Duration>) -> Duration {
    values.sort();
    values.get(values.len() / 2).copied().unwrap_or_default()
}

fn mb_per_s(bytes: usize, time: Duration) -> f64 {
    let seconds = time.as_secs_f64();
    if seconds > 0.0 { bytes as f64 / 1e6 / seconds } else { f64::INFINITY }
}

/// Round for display and JSON.
fn round(value: f64, digits: i32) -> f64 {
    let scale = 10f64.powi(digits);
    (value * scale).round() / scale
}

/// Run the benchmark; the result is one JSON object (see `render_text` for
/// the human form).
#[must_use]
pub fn run(dir: &Path, pages: &[Page], config: &Config) -> Value {
    let site = DefaultSite::default();
    let clock = Clock::best_available();
    let runs = config.runs.max(1);
    let total_bytes: usize = pages.iter().map(|p| p.text.len()).sum();
    let options: Vec<RenderOptions> = pages.iter().map(|p| page_options(&p.name)).collect();

    // The template corpus, rendered in the same runs.
    let template_site: Option<WithPages<DefaultSite>> =
        config.templates.as_ref().map(|t| t.sources.clone().over(DefaultSite::default()));
    let template_pages: &[Page] = config.templates.as_ref().map_or(&[], |t| &t.pages);
    let template_bytes: usize = template_pages.iter().map(|p| p.text.len()).sum();
    let template_options: Vec<RenderOptions> = template_pages.iter().map(|p| page_options(&p.name)).collect();

    // Warm-up: caches, allocator, lazily built tables.
    for (page, options) in pages.iter().zip(&options) {
        black_box(render_page(&page.text, &site, options, clock, &mut StageTimes::default()));
    }
    if let Some(template_site) = &template_site {
        for (page, options) in template_pages.iter().zip(&template_options) {
            black_box(render_page(&page.text, template_site, options, clock, &mut StageTimes::default()));
        }
    }

    let mut tokenize_runs = Vec::with_capacity(runs);
    // The peer tokenizer, parse-wiki-text-2, over the same pages in the same
    // runs, so the ratio of the two comes from one machine at one time.
    let peer = parse_wiki_text_2::Configuration::default();
    let mut peer_runs = Vec::with_capacity(runs);
    let mut html_runs = Vec::with_capacity(runs);
    let mut text_runs = Vec::with_capacity(runs);
    let mut wall_tokenize_runs = Vec::with_capacity(runs);
    let mut wall_html_runs = Vec::with_capacity(runs);
    let mut stage_runs: Vec<StageTimes> = Vec::with_capacity(runs);
    let mut page_best = vec![Duration::MAX; pages.len()];
    let mut template_html_runs = Vec::with_capacity(runs);
    let mut template_expand_runs = Vec::with_capacity(runs);
    for _ in 0..runs {
        let (wall, t0) = (Instant::now(), clock.now());
        for page in pages {
            black_box(crate::parse_for_site(black_box(&page.text), &site));
        }
        tokenize_runs.push(clock.now().saturating_sub(t0));
        wall_tokenize_runs.push(wall.elapsed());

        let t0 = clock.now();
        for page in pages {
            let _ = black_box(peer.parse(black_box(&page.text)));
        }
        peer_runs.push(clock.now().saturating_sub(t0));

        let mut stage_times = StageTimes::default();
        let (wall, t0) = (Instant::now(), clock.now());
        for (i, (page, options)) in pages.iter().zip(&options).enumerate() {
            let mut page_times = StageTimes::default();
            black_box(render_page(black_box(&page.text), &site, options, clock, &mut page_times));
            page_best[i] = page_best[i].min(page_times.total());
            stage_times += page_times;
        }
        html_runs.push(clock.now().saturating_sub(t0));
        wall_html_runs.push(wall.elapsed());
        stage_runs.push(stage_times);

        // Plain text: rendering to the DOM, then the text walk.
        let t0 = clock.now();
        for (page, options) in pages.iter().zip(&options) {
            black_box(crate::text::full_text(black_box(&page.text), &site, &options.title));
        }
        text_runs.push(clock.now().saturating_sub(t0));

        if let Some(template_site) = &template_site {
            let t0 = clock.now();
            for (page, options) in template_pages.iter().zip(&template_options) {
                black_box(render_page(black_box(&page.text), template_site, options, clock, &mut StageTimes::default()));
            }
            template_html_runs.push(clock.now().saturating_sub(t0));
            let t0 = clock.now();
            for page in template_pages {
                black_box(crate::expand(black_box(&page.text), template_site, &page.name));
            }
            template_expand_runs.push(clock.now().saturating_sub(t0));
        }
    }
    let peak_rss = read_status_kb("VmHWM").map(|kb| round(kb as f64 / 1000.0 * 1.024, 1));

    // This machine class (a VM) swings by up to a third between runs of the
    // same binary; the median is the headline, the fastest and slowest runs
    // show the spread (interference only ever slows a run down).
    let range_of = |bytes: usize, runs: &[Duration]| {
        let fastest = runs.iter().min().copied().unwrap_or_default();
        let slowest = runs.iter().max().copied().unwrap_or_default();
        json!({"best": round(mb_per_s(bytes, fastest), 2), "worst": round(mb_per_s(bytes, slowest), 2)})
    };
    let range_mb_s = |runs: &[Duration]| range_of(total_bytes, runs);
    let (tokenize_range, html_range) = (range_mb_s(&tokenize_runs), range_mb_s(&html_runs));
    let tokenize = median(tokenize_runs);
    let peer_tokenize = median(peer_runs);
    let html = median(html_runs);
    let text_range = range_mb_s(&text_runs);
    let text = median(text_runs);
    let stage_medians: Vec<(&str, Duration)> = StageTimes::default()
        .stages()
        .iter()
        .enumerate()
        .map(|(i, (name, _))| (*name, median(stage_runs.iter().map(|s| s.stages()[i].1).collect())))
        .collect();
    let stage_total: Duration = stage_medians.iter().map(|(_, t)| *t).sum();
    let stages_json: serde_json::Map<String, Value> =
        stage_medians.iter().map(|(name, time)| ((*name).to_string(), json!(round(time.as_secs_f64(), 4)))).collect();
    let shares_json: serde_json::Map<String, Value> = stage_medians
        .iter()
        .map(|(name, time)| {
            let share = if stage_total.is_zero() { 0.0 } else { time.as_secs_f64() / stage_total.as_secs_f64() * 100.0 };
            ((*name).to_string(), json!(round(share, 1)))
        })
        .collect();

    // Below `SLOWEST_PAGE_MIN_BYTES` a page's fixed cost (the document
    // around it) dominates its time per byte; the slowest page is looked
    // for among the larger ones, unless there are none.
    let large_enough = |page: &Page| page.text.len() >= SLOWEST_PAGE_MIN_BYTES;
    let any_large = pages.iter().any(large_enough);
    let slowest = pages
        .iter()
        .zip(&page_best)
        .filter(|(page, _)| !any_large || large_enough(page))
        .max_by(|(a, ta), (b, tb)| {
            let per_kb = |p: &Page, t: &Duration| t.as_secs_f64() / (p.text.len().max(1) as f64);
            per_kb(a, ta).total_cmp(&per_kb(b, tb))
        })
        .map(|(page, time)| {
            let kb = page.text.len().max(1) as f64 / 1000.0;
            json!({
                "name": page.name,
                "bytes": page.text.len(),
                "ms": round(time.as_secs_f64() * 1000.0, 3),
                "ms_per_kb": round(time.as_secs_f64() * 1000.0 / kb, 4),
            })
        });
    let largest = pages.iter().max_by_key(|p| p.text.len());

    let page_memory = config.memory_probe.as_deref().and_then(|probe| page_memory(dir, pages, probe));

    let mut report = json!({
        "corpus": dir.display().to_string(),
        "pages": pages.len(),
        "bytes": total_bytes,
        "largest_page": largest.map(|p| json!({"name": p.name, "bytes": p.text.len()})),
        "runs": runs,
        "clock": clock.name(),
        "tokenize_mb_s": round(mb_per_s(total_bytes, tokenize), 2),
        "html_mb_s": round(mb_per_s(total_bytes, html), 2),
        "text_mb_s": round(mb_per_s(total_bytes, text), 2),
        "text_mb_s_range": text_range,
        "text_seconds": round(text.as_secs_f64(), 4),
        "peer_parse_wiki_text_2_mb_s": round(mb_per_s(total_bytes, peer_tokenize), 2),
        "tokenize_vs_parse_wiki_text_2": round(peer_tokenize.as_secs_f64() / tokenize.as_secs_f64().max(1e-9), 3),
        "tokenize_mb_s_range": tokenize_range,
        "html_mb_s_range": html_range,
        "tokenize_seconds": round(tokenize.as_secs_f64(), 4),
        "html_seconds": round(html.as_secs_f64(), 4),
        "wall_tokenize_mb_s": round(mb_per_s(total_bytes, median(wall_tokenize_runs)), 2),
        "wall_html_mb_s": round(mb_per_s(total_bytes, median(wall_html_runs)), 2),
        "stages": stages_json,
        "stage_shares_percent": shares_json,
        "peak_rss_mb": peak_rss,
        "page_memory": page_memory,
        "slowest_page": slowest,
    });
    if let Some(templates) = &config.templates {
        let html = median(template_html_runs.clone());
        let expand = median(template_expand_runs);
        report["templates_corpus"] = json!(templates.dir.display().to_string());
        report["templates_pages"] = json!(template_pages.len());
        report["templates_bytes"] = json!(template_bytes);
        report["templates_count"] = json!(template_site.as_ref().map_or(0, WithPages::page_count));
        report["templates_html_mb_s"] = json!(round(mb_per_s(template_bytes, html), 2));
        report["templates_html_mb_s_range"] = range_of(template_bytes, &template_html_runs);
        report["templates_html_seconds"] = json!(round(html.as_secs_f64(), 4));
        report["templates_expand_mb_s"] = json!(round(mb_per_s(template_bytes, expand), 2));
    }
    if config.pathological {
        report["pathological"] = pathological_table(config.pathological_bytes, runs, clock);
    }
    report
}

/// A value of `/proc/self/status` in kB (Linux only).
fn read_status_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.strip_prefix(field).is_some_and(|rest| rest.starts_with(':')))?;
    line[field.len() + 1..].trim().trim_end_matches("kB").trim().parse().ok()
}

/// Render one page as the bench does, stage by stage, and return the
/// peak memory reached by the end of each stage (tokenize, transforms,
/// tree building, DOM passes, serialize), in bytes beyond the memory in use
/// before (the page's text already read): `VmHWM` less `VmRSS`. The last
/// is the page's peak. Meant for a fresh process (`wikitext bench
/// --page-memory-probe FILE`). `None` where `/proc/self/status` is missing.
#[must_use]
pub fn probe_page_memory(name: &str, text: &str) -> Option<[u64; 5]> {
    let site = DefaultSite::default();
    let options = page_options(name);
    let before = read_status_kb("VmRSS")?;
    let grown = || read_status_kb("VmHWM").map(|peak| peak.saturating_sub(before) * 1024);
    let tree = crate::parse_for_site(text, &site);
    let after_tokenize = grown()?;
    // As `to_html` does: the tree is freed once the emitters are done, and
    // the line transforms run as the tree builder reads their stream.
    let tokens = stages::transforms_streaming(tree, &site, &options);
    let after_transforms = grown()?;
    let mut dom = stages::build_tree_streaming(tokens);
    let after_tree_building = grown()?;
    stages::dom_passes(&mut dom, &options, text.len());
    let after_dom_passes = grown()?;
    let html = stages::serialize(&dom, &site, &options);
    let after_serialize = grown()?;
    drop(black_box((dom, html)));
    Some([after_tokenize, after_transforms, after_tree_building, after_dom_passes, after_serialize])
}

/// Peak memory per page, each page in a fresh process of `probe`; `None`
/// when a probe fails (e.g. not on Linux).
fn page_memory(dir: &Path, pages: &[Page], probe: &Path) -> Option<Value> {
    let run_probe_stages = |path: &Path| -> Option<Vec<u64>> {
        let output = std::process::Command::new(probe).arg("bench").arg("--page-memory-probe").arg(path).output().ok()?;
        let stages: Vec<u64> = String::from_utf8(output.stdout).ok()?.split_whitespace().map(str::parse).collect::<Result<_, _>>().ok()?;
        (stages.len() == 5).then_some(stages)
    };
    let run_probe = |path: &Path| run_probe_stages(path)?.last().copied();
    // The constant: what rendering an empty page costs.
    let empty = std::env::temp_dir().join(format!("wikitext-bench-empty-{}.wikitext", std::process::id()));
    std::fs::write(&empty, "").ok()?;
    let constant = run_probe(&empty);
    let _ = std::fs::remove_file(&empty);
    let constant = constant?;
    let mut peaks = Vec::with_capacity(pages.len());
    for page in pages {
        peaks.push((page, run_probe(&dir.join(format!("{}.wikitext", page.name)))?));
    }
    let mb = |bytes: u64| round(bytes as f64 / 1e6, 2);
    let (largest, largest_peak) = peaks.iter().max_by_key(|(page, _)| page.text.len())?;
    // Where the largest page's peak is reached: the peak by the end of each stage.
    let largest_stages = run_probe_stages(&dir.join(format!("{}.wikitext", largest.name)))?;
    let stage_peaks: serde_json::Map<String, Value> = StageTimes::default()
        .stages()
        .iter()
        .zip(&largest_stages)
        .map(|((name, _), peak)| ((*name).to_string(), json!(mb(*peak))))
        .collect();
    // The worst page by memory beyond the constant per byte of input.
    let ratio = |page: &Page, peak: u64| peak.saturating_sub(constant) as f64 / page.text.len().max(1) as f64;
    // On small pages the page-granular measure and the code first touched
    // swamp the ratio; judge the ratio on the larger pages.
    let any_large = peaks.iter().any(|(page, _)| page.text.len() >= MEMORY_RATIO_MIN_BYTES);
    let (worst, worst_peak) = peaks
        .iter()
        .filter(|(page, _)| !any_large || page.text.len() >= MEMORY_RATIO_MIN_BYTES)
        .max_by(|(a, pa), (b, pb)| ratio(a, *pa).total_cmp(&ratio(b, *pb)))?;
    let max_peak = peaks.iter().map(|(_, peak)| *peak).max()?;
    Some(json!({
        "constant_mb": mb(constant),
        "largest_page": largest.name,
        "largest_page_mb": mb(largest.text.len() as u64),
        "largest_page_peak_mb": mb(*largest_peak),
        "largest_page_ratio": round(ratio(largest, *largest_peak), 1),
        "largest_page_peak_by_stage_mb": stage_peaks,
        "max_page_peak_mb": mb(max_peak),
        "worst_ratio_page": worst.name,
        "worst_ratio_page_mb": mb(worst.text.len() as u64),
        "worst_ratio": round(ratio(worst, *worst_peak), 1),
    }))
}

/// Each pathological input rendered at about `bytes` and twice that: the
/// best time of `runs` at each size, and their ratio (2 is linear). The
/// template bombs follow, each over its own templates, at `n` calls (the
/// fewest that hit its limit: 1, or 10,000 for the wide page, fewer when
/// `bytes` is smaller than that page) and `2n`; their rows say
/// `"templates": true`.
fn pathological_table(bytes: usize, runs: usize, clock: Clock) -> Value {
    let options = RenderOptions::page();
    let time = |text: &str, site: &dyn Site| -> Duration {
        black_box(render_page(text, site, &options, clock, &mut StageTimes::default()));
        (0..runs)
            .map(|_| {
                let t0 = clock.now();
                black_box(render_page(black_box(text), site, &options, clock, &mut StageTimes::default()));
                clock.now().saturating_sub(t0)
            })
            .min()
            .unwrap_or_default()
    };
    let row = |name: &str, n: usize, make: pathological::Generator, site: &dyn Site, templates: bool| {
        let (small, large) = (make(n), make(2 * n));
        let (t_small, t_large) = (time(&small, site), time(&large, site));
        let ratio = if t_small.is_zero() { 0.0 } else { t_large.as_secs_f64() / t_small.as_secs_f64() };
        json!({
            "name": name,
            "n": n,
            "bytes_n": small.len(),
            "bytes_2n": large.len(),
            "ms_n": round(t_small.as_secs_f64() * 1000.0, 2),
            "ms_2n": round(t_large.as_secs_f64() * 1000.0, 2),
            "ratio": round(ratio, 2),
            "templates": templates,
        })
    };
    let site = DefaultSite::default();
    let mut rows: Vec<Value> = pathological::CASES
        .iter()
        .map(|case| row(case.name, pathological::units_for_bytes(case, bytes), case.make, &site, false))
        .collect();
    for case in pathological::TEMPLATE_CASES {
        let probe = pathological::Case { name: case.name, make: case.make };
        let n = pathological::units_for_bytes(&probe, bytes).min(case.limit_units);
        rows.push(row(case.name, n, case.make, &case.site(), true));
    }
    Value::Array(rows)
}

/// The report as a short human-readable table.
#[must_use]
pub fn render_text(report: &Value) -> String {
    let mut out = String::new();
    let f = |v: &Value| v.as_f64().unwrap_or(f64::NAN);
    let _ = writeln!(
        out,
        "wikitext bench: {} pages, {:.2} MB in {} (median of {} runs, {})\n",
        report["pages"],
        f(&report["bytes"]) / 1e6,
        report["corpus"].as_str().unwrap_or(""),
        report["runs"],
        report["clock"].as_str().unwrap_or(""),
    );
    // "label  MB/s  (seconds; runs from worst to best)" for the `key` figures.
    let rate = |out: &mut String, label: &str, key: &str| {
        let _ = writeln!(
            out,
            "{label:<18} {:>8.1} MB/s  ({:.3} s; runs from {:.1} to {:.1} MB/s)",
            f(&report[format!("{key}_mb_s")]),
            f(&report[format!("{key}_seconds")]),
            f(&report[format!("{key}_mb_s_range")]["worst"]),
            f(&report[format!("{key}_mb_s_range")]["best"]),
        );
    };
    rate(&mut out, "tokenize to tree", "tokenize");
    let _ = writeln!(
        out,
        "parse-wiki-text-2  {:>8.1} MB/s  (same runs; wikitext tokenizes {:.2}x as fast)",
        f(&report["peer_parse_wiki_text_2_mb_s"]),
        f(&report["tokenize_vs_parse_wiki_text_2"]),
    );
    rate(&mut out, "wikitext to HTML", "html");
    rate(&mut out, "wikitext to text", "text");
    if report["templates_html_mb_s"].is_number() {
        let _ = writeln!(
            out,
            "templates to HTML  {:>8.1} MB/s  ({:.3} s; runs from {:.1} to {:.1} MB/s)\n                   {} pages, {:.2} MB, {} templates from {}; expansion alone {:.1} MB/s",
            f(&report["templates_html_mb_s"]),
            f(&report["templates_html_seconds"]),
            f(&report["templates_html_mb_s_range"]["worst"]),
            f(&report["templates_html_mb_s_range"]["best"]),
            report["templates_pages"],
            f(&report["templates_bytes"]) / 1e6,
            report["templates_count"],
            report["templates_corpus"].as_str().unwrap_or(""),
            f(&report["templates_expand_mb_s"]),
        );
    }
    out.push('\n');
    let _ = writeln!(out, "{:<16} {:>9} {:>7}", "stage", "seconds", "share");
    if let Some(stages) = report["stages"].as_object() {
        for (name, seconds) in stages {
            let share = f(&report["stage_shares_percent"][name]);
            let _ = writeln!(out, "{:<16} {:>9.4} {:>6.1}%", name.replace('_', " "), f(seconds), share);
        }
    }
    out.push('\n');
    match report["peak_rss_mb"].as_f64() {
        Some(mb) => {
            let _ = writeln!(out, "peak memory        {mb:.1} MB (whole process, corpus loaded)");
        }
        None => out.push_str("peak memory        unknown (no /proc/self/status)\n"),
    }
    let memory = &report["page_memory"];
    if memory.is_object() {
        let _ = writeln!(
            out,
            "page peak memory   largest page {} ({:.2} MB): {:.2} MB, {:.1}x its size beyond a constant {:.2} MB;\n                   worst ratio of pages >= 50 KB: {} ({:.2} MB): {:.1}x",
            memory["largest_page"].as_str().unwrap_or(""),
            f(&memory["largest_page_mb"]),
            f(&memory["largest_page_peak_mb"]),
            f(&memory["largest_page_ratio"]),
            f(&memory["constant_mb"]),
            memory["worst_ratio_page"].as_str().unwrap_or(""),
            f(&memory["worst_ratio_page_mb"]),
            f(&memory["worst_ratio"]),
        );
        if let Some(stages) = memory["largest_page_peak_by_stage_mb"].as_object() {
            let by_stage: Vec<String> =
                stages.iter().map(|(name, mb)| format!("{} {:.2}", name.replace('_', " "), f(mb))).collect();
            let _ = writeln!(out, "                   its peak by the end of each stage (MB): {}", by_stage.join(", "));
        }
    }
    let slowest = &report["slowest_page"];
    if slowest.is_object() {
        let _ = writeln!(
            out,
            "slowest page       {} ({:.1} KB): {:.2} ms, {:.3} ms/KB (pages >= 10 KB)",
            slowest["name"].as_str().unwrap_or(""),
            f(&slowest["bytes"]) / 1000.0,
            f(&slowest["ms"]),
            f(&slowest["ms_per_kb"]),
        );
    }
    if let Some(rows) = report["pathological"].as_array() {
        let _ = writeln!(out, "\npathological inputs, to HTML (best of {} runs):", report["runs"]);
        let _ = writeln!(out, "{:<58} {:>9} {:>9} {:>9} {:>6}", "input", "bytes n", "ms n", "ms 2n", "ratio");
        for (i, row) in rows.iter().enumerate() {
            let first_template_row = row["templates"] == true && (i == 0 || rows[i - 1]["templates"] != true);
            if first_template_row {
                let _ = writeln!(out, "template bombs, each over its own templates (n = the calls that hit the limit):");
            }
            let _ = writeln!(
                out,
                "{:<58} {:>9} {:>9.2} {:>9.2} {:>6.2}",
                row["name"].as_str().unwrap_or(""),
                row["bytes_n"],
                f(&row["ms_n"]),
                f(&row["ms_2n"]),
                f(&row["ratio"]),
            );
        }
    }
    out
}
