//! Throughput of the two public jobs — tokenize to a tree, render to HTML —
//! on real articles from `$WIKITEXT_SHARED/corpus` (default `../shared`).
//! Each stage alone: `renderer/benches/stages.rs`; the whole corpus, the
//! stage shares, memory and the pathological inputs: `wikitext bench`.
//!
//! `templates`: `to_html` of three pages of `corpus/templates` (small,
//! median, large) with that corpus's templates, and expansion alone.
//!
//! `cargo bench --bench pipeline`

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use wikitext::{DefaultSite, RenderOptions};

fn corpus_pages() -> Vec<(String, String)> {
    let dir = wikitext::parsertests::shared_dir_for_root(Path::new(env!("CARGO_MANIFEST_DIR"))).join("corpus");
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
        group.throughput(Throughput::BytesDecimal(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("tokenize", name), text, |b, t| b.iter(|| wikitext::parse(black_box(t))));
        group.bench_with_input(BenchmarkId::new("to_html", name), text, |b, t| {
            b.iter(|| wikitext::to_html(black_box(t), &site, &options));
        });
    }
    group.finish();
}

fn template_pages(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join("templates");
    let sources = match wikitext::export::load_page_sources(&dir.join("templates.xml")) {
        Ok(sources) => sources,
        Err(error) => {
            eprintln!("no template corpus ({error}); skipping template benchmarks");
            return;
        }
    };
    let site = sources.over(DefaultSite::default());
    let options = RenderOptions::page();
    let mut group = c.benchmark_group("templates");
    for name in ["Averlin", "Junipercross", "Thistlewick"] {
        let Ok(text) = std::fs::read_to_string(dir.join("pages").join(format!("{name}.wikitext"))) else { continue };
        group.throughput(Throughput::BytesDecimal(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("expand", name), &text, |b, t| {
            b.iter(|| wikitext::expand(black_box(t), &site, name));
        });
        group.bench_with_input(BenchmarkId::new("to_html", name), &text, |b, t| {
            b.iter(|| wikitext::to_html(black_box(t), &site, &options));
        });
    }
    group.finish();
}

criterion_group!(benches, real_pages, template_pages);
criterion_main!(benches);
