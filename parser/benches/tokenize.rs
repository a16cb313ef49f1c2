//! Tokenizing to a tree, on a small, a median and the largest page of the
//! real-article corpus (`$WIKITEXT_SHARED/corpus`, default `../shared`).
//! Without the corpus it says so and measures nothing.
//!
//! `cargo bench -p wikitext-parser --bench tokenize`

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

/// The 10th-percentile, median and largest pages by size, as (name, text).
fn representative_pages() -> Vec<(String, String)> {
    let dir = std::env::var_os("WIKITEXT_SHARED")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared"), PathBuf::from)
        .join("corpus");
    let Ok(entries) = std::fs::read_dir(&dir) else { return Vec::new() };
    let mut pages: Vec<(String, String)> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "wikitext"))
        .filter_map(|path| Some((path.file_stem()?.to_string_lossy().into_owned(), std::fs::read_to_string(&path).ok()?)))
        .collect();
    pages.sort_by_key(|(name, text)| (text.len(), name.clone()));
    if pages.is_empty() {
        return pages;
    }
    let last = pages.len() - 1;
    let mut picks = vec![last / 10, last / 2, last];
    picks.dedup();
    picks.into_iter().map(|i| pages[i].clone()).collect()
}

fn tokenize(c: &mut Criterion) {
    let pages = representative_pages();
    if pages.is_empty() {
        eprintln!("no corpus found (set WIKITEXT_SHARED); skipping the tokenize benchmarks");
        return;
    }
    let mut group = c.benchmark_group("tokenize");
    for (name, text) in &pages {
        group.throughput(Throughput::BytesDecimal(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), text, |b, t| {
            b.iter(|| wikitext_parser::parse(black_box(t)));
        });
    }
    group.finish();
}

criterion_group!(benches, tokenize);
criterion_main!(benches);
