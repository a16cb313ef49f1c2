//! Throughput of the two public jobs — tokenize to a tree, render to HTML —
//! on real articles from `$WIKITEXT_SHARED/corpus` (default `../shared`),
//! and on pathological inputs at sizes n and 2n, whose times should differ
//! by about 2× (linear cost).
//!
//! `cargo bench --bench pipeline`

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use wikitext::{DefaultSite, RenderOptions};

fn corpus_pages() -> Vec<(String, String)> {
    let dir = std::env::var_os("WIKITEXT_SHARED")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"), PathBuf::from)
        .join("corpus");
    // A small, a median and a large page.
    ["Aardvark", "Abacus", "Afghanistan"]
        .iter()
        .filter_map(|name| {
            let text = std::fs::read_to_string(dir.join(format!("{name}.wikitext"))).ok()?;
            Some(((*name).to_string(), text))
        })
        .collect()
}

fn real_pages(c: &mut Criterion) {
    let pages = corpus_pages();
    if pages.is_empty() {
        eprintln!("no corpus found (set WIKITEXT_SHARED); skipping real-page benchmarks");
        return;
    }
    let site = DefaultSite::default();
    let options = RenderOptions::page();
    let mut group = c.benchmark_group("real_pages");
    for (name, text) in &pages {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("tokenize", name), text, |b, t| b.iter(|| wikitext::parse(black_box(t))));
        group.bench_with_input(BenchmarkId::new("to_html", name), text, |b, t| {
            b.iter(|| wikitext::to_html(black_box(t), &site, &options));
        });
    }
    group.finish();
}

fn pathological(c: &mut Criterion) {
    type Generator = fn(usize) -> String;
    let inputs: [(&str, Generator); 6] = [
        ("nested_divs", |n| "<div>".repeat(n)),
        ("unclosed_links", |n| "[[a|".repeat(n)),
        ("template_sandwich", |n| format!("{}x{}", "{{".repeat(n), "}}".repeat(n))),
        ("quote_runs", |n| "a'''b''".repeat(n)),
        ("equal_headings", |n| "== a ==\n".repeat(n)),
        ("deep_list", |n| "*".repeat(n) + " x\n"),
    ];
    let site = DefaultSite::default();
    let options = RenderOptions::fragment();
    let mut group = c.benchmark_group("pathological");
    group.sample_size(10);
    for (name, make) in inputs {
        for n in [10_000, 20_000] {
            let text = make(n);
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_with_input(BenchmarkId::new(name, n), &text, |b, t| {
                b.iter(|| wikitext::to_html(black_box(t), &site, &options));
            });
        }
    }
    group.finish();
}

criterion_group!(benches, real_pages, pathological);
criterion_main!(benches);
