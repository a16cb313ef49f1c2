//! Snapshots of the example pages in `corpus/`, rendered as Parsoid's
//! parser tests render (a body fragment, no sections). Review changes with
//! `cargo insta review`.

use wikitext::{DefaultSite, RenderOptions};

#[test]
fn example_pages() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut pages: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "wikitext"))
        .collect();
    pages.sort();
    assert!(!pages.is_empty());
    for path in pages {
        let src = std::fs::read_to_string(&path).expect("example pages are UTF-8");
        let html = wikitext::to_html(&src, &DefaultSite::default(), &RenderOptions::fragment());
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("page").to_string();
        insta::assert_snapshot!(name, html);
    }
}
