//! Whole-corpus throughput of the two public jobs and the peak heap each
//! page needs: tokenize to a tree, and full wikitext-to-HTML with the page
//! preset (sections, heading ids, the document around the body).
//!
//! `cargo run --release --example html_speed -- [--tokenize|--html] [--memory] [--rounds N] [DIR | FILE...]`
//!
//! DIR defaults to `$WIKITEXT_SHARED/corpus` (or `../shared/corpus` beside the repository). MB is
//! 10^6 input bytes; times are CPU time on Linux (wall clock elsewhere),
//! still best taken on a quiet machine (or count instructions under
//! callgrind with `--rounds 1`).

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use wikitext::{DefaultSite, RenderOptions};

/// The system allocator, counting live and peak bytes so the peak heap of
/// one page's render can be compared with the page's size.
struct CountingAlloc;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call forwards to `System` unchanged; the counters are only bookkeeping.
unsafe impl GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        ptr
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            if new_size >= layout.size() {
                let live = LIVE.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size - layout.size();
                PEAK.fetch_max(live, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        new
    }
}

#[global_allocator]
static ALLOC: CountingAlloc = CountingAlloc;

fn main() {
    let mut tokenize = true;
    let mut html = true;
    let mut memory = false;
    let mut rounds = 3;
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--tokenize" => html = false,
            "--html" => tokenize = false,
            "--memory" => memory = true,
            "--rounds" => rounds = args.next().and_then(|n| n.parse().ok()).unwrap_or(1),
            _ => paths.push(PathBuf::from(arg)),
        }
    }
    if paths.is_empty() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        paths.push(wikitext::parsertests::shared_dir_for_root(root).join("corpus"));
    }
    let pages = read_pages(&paths);
    let bytes: usize = pages.iter().map(|(_, text)| text.len()).sum();
    println!("{} pages, {bytes} bytes", pages.len());
    if tokenize {
        let best = best_of(rounds, || {
            for (_, text) in &pages {
                std::hint::black_box(wikitext::parse(text));
            }
        });
        println!("tokenize: {:.1} MB/s (best of {rounds})", bytes as f64 / best / 1e6);
    }
    if html {
        let site = DefaultSite::default();
        let options = RenderOptions::page();
        let best = best_of(rounds, || {
            for (_, text) in &pages {
                std::hint::black_box(wikitext::to_html(text, &site, &options));
            }
        });
        println!("to_html:  {:.1} MB/s (best of {rounds})", bytes as f64 / best / 1e6);
    }
    if memory {
        let site = DefaultSite::default();
        let options = RenderOptions::page();
        // Peak heap of one render, per page, against the page's size.
        let mut worst = (0.0, "", 0, 0);
        let mut largest = (0, 0);
        let peak_of = |job: &dyn Fn()| {
            let base = LIVE.load(Ordering::Relaxed);
            PEAK.store(base, Ordering::Relaxed);
            job();
            PEAK.load(Ordering::Relaxed) - base
        };
        if let Some((name, text)) = pages.iter().max_by_key(|(_, text)| text.len()) {
            let parse = peak_of(&|| drop(std::hint::black_box(wikitext::parse(text))));
            let tree = wikitext::parse(text);
            let render = peak_of(&|| drop(std::hint::black_box(wikitext_html::render(&tree, &site, &options))));
            let base = LIVE.load(Ordering::Relaxed);
            let dom_peak = peak_of(&|| drop(std::hint::black_box(wikitext_html::render_dom(&tree, &site, &options))));
            let dom = wikitext_html::render_dom(&tree, &site, &options);
            let dom_live = LIVE.load(Ordering::Relaxed) - base;
            let html_len = wikitext_html::render(&tree, &site, &options).len();
            drop(dom);
            println!(
                "largest page {name}: parse peak {parse} bytes; render peak beyond the tree {render} bytes \
                 (building the DOM {dom_peak}, the DOM itself {dom_live}, HTML {html_len} bytes)"
            );
        }
        for (name, text) in &pages {
            let peak = peak_of(&|| drop(std::hint::black_box(wikitext::to_html(text, &site, &options))));
            let ratio = peak as f64 / text.len().max(1) as f64;
            if ratio > worst.0 {
                worst = (ratio, name.as_str(), peak, text.len());
            }
            if text.len() > largest.0 {
                largest = (text.len(), peak);
            }
        }
        println!(
            "peak heap: largest page {} bytes -> {} bytes ({:.1}x); worst ratio {:.1}x ({}, {} bytes -> {})",
            largest.0,
            largest.1,
            largest.1 as f64 / largest.0 as f64,
            worst.0,
            worst.1,
            worst.3,
            worst.2
        );
    }
}

/// The `.wikitext` files among `paths` (files, or directories read one level deep).
fn read_pages(paths: &[PathBuf]) -> Vec<(String, String)> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(path).into_iter().flatten().flatten().map(|e| e.path()).collect();
            entries.sort();
            files.extend(entries.into_iter().filter(|p| p.extension().is_some_and(|e| e == "wikitext")));
        } else {
            files.push(path.clone());
        }
    }
    files
        .into_iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(&p).ok()?;
            Some((p.file_stem()?.to_string_lossy().into_owned(), text))
        })
        .collect()
}

/// The fastest of `rounds` runs of `job`, in seconds of CPU time where
/// Linux reports it (`/proc/thread-self/schedstat`: time on a CPU, in ns;
/// steadier than wall clock on a shared machine), else of wall-clock time.
fn best_of(rounds: usize, mut job: impl FnMut()) -> f64 {
    (0..rounds.max(1))
        .map(|_| {
            let (cpu, wall) = (cpu_seconds(), Instant::now());
            job();
            match (cpu, cpu_seconds()) {
                (Some(a), Some(b)) => b - a,
                _ => wall.elapsed().as_secs_f64(),
            }
        })
        .fold(f64::INFINITY, f64::min)
}

fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns as f64 / 1e9)
}
