//! Tokenize every page of a corpus: for instruction counts under callgrind
//! and for checking that a grammar change leaves every tree as it was.
//!
//! `cargo run --release -p wikitext-parser --example tokenize_corpus -- DIR [--dump OUT_DIR]`
//!
//! Without `--dump` it parses each page once and prints the bytes read;
//! with it, it writes each page's `Tree::debug_dump` to `OUT_DIR/NAME.tree`.

use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut dir = None;
    let mut dump: Option<PathBuf> = None;
    while let Some(arg) = args.next() {
        if arg == "--dump" {
            dump = args.next().map(PathBuf::from);
        } else {
            dir = Some(PathBuf::from(arg));
        }
    }
    let Some(dir) = dir else {
        eprintln!("usage: tokenize_corpus DIR [--dump OUT_DIR]");
        std::process::exit(2);
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus directory")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "wikitext"))
        .collect();
    paths.sort();
    let mut bytes = 0;
    for path in &paths {
        let Ok(text) = std::fs::read_to_string(path) else { continue };
        bytes += text.len();
        let tree = wikitext_parser::parse(&text);
        if let Some(out) = &dump {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            std::fs::write(out.join(format!("{name}.tree")), tree.debug_dump()).expect("write dump");
        }
        std::hint::black_box(tree);
    }
    println!("{} pages, {bytes} bytes", paths.len());
}
