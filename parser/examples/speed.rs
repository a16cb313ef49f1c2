//! Rough tokenizer throughput over a directory of `.wikitext` files
//! (the real bench command lands with the benchmarks issue).
use std::time::Instant;
fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "../shared/corpus".into());
    let mut pages = Vec::new();
    for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        if let Ok(s) = std::fs::read_to_string(e.path()) {
            pages.push(s);
        }
    }
    let bytes: usize = pages.iter().map(String::len).sum();
    let t = Instant::now();
    let mut nodes = 0;
    for p in &pages {
        nodes += wikitext_parser::parse(p).len();
    }
    let s = t.elapsed().as_secs_f64();
    println!("{} pages, {bytes} bytes, {nodes} nodes, {:.1} MB/s", pages.len(), bytes as f64 / s / 1e6);
}
