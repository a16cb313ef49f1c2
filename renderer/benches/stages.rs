//! Each rendering stage alone (`wikitext_html::stages`): transforms, tree
//! building, DOM passes, serialization, on a small, a median and the
//! largest page of the real-article corpus (`$WIKITEXT_SHARED/corpus`,
//! default `../shared`), rendered as a page (document, sections, ids).
//! Throughput is per byte of wikitext, so the stages' figures compare.
//! Without the corpus it says so and measures nothing.
//!
//! `cargo bench -p wikitext-html --bench stages`

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};
use wikitext_html::stages;
use wikitext_html::{DefaultSite, RenderOptions};

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

fn stages(c: &mut Criterion) {
    let pages = representative_pages();
    if pages.is_empty() {
        eprintln!("no corpus found (set WIKITEXT_SHARED); skipping the stage benchmarks");
        return;
    }
    let site = DefaultSite::default();
    let options = RenderOptions::page();
    let mut group = c.benchmark_group("stages");
    for (name, text) in &pages {
        let tree = wikitext_parser::parse(text);
        let tokens = stages::transforms(&tree, &site, &options);
        let dom = {
            let mut dom = stages::build_tree(tokens.clone());
            stages::dom_passes(&mut dom, &options, text.len());
            dom
        };
        group.throughput(Throughput::BytesDecimal(text.len() as u64));
        group.bench_function(BenchmarkId::new("transforms", name), |b| {
            b.iter(|| stages::transforms(black_box(&tree), &site, &options));
        });
        group.bench_function(BenchmarkId::new("tree_building", name), |b| {
            b.iter_batched(|| tokens.clone(), stages::build_tree, BatchSize::LargeInput);
        });
        group.bench_function(BenchmarkId::new("dom_passes", name), |b| {
            b.iter_batched(
                || stages::build_tree(tokens.clone()),
                |mut dom| {
                    stages::dom_passes(&mut dom, &options, text.len());
                    dom
                },
                BatchSize::LargeInput,
            );
        });
        group.bench_function(BenchmarkId::new("serialize", name), |b| {
            b.iter(|| stages::serialize(black_box(&dom), &site, &options));
        });
        group.bench_function(BenchmarkId::new("render", name), |b| {
            b.iter(|| wikitext_html::render(black_box(&tree), &site, &options));
        });
    }
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
