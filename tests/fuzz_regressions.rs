//! Every input the fuzz targets ever failed on (fuzz/regressions/*.wikitext),
//! checked against all three fuzz properties: it tokenizes into a valid tree
//! under each option set, writes back byte for byte, and renders safe HTML
//! with both presets. See fuzz/README.md.

use std::path::Path;
use wikitext::{DefaultSite, RenderOptions};

fn regressions() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut files: Vec<_> = std::fs::read_dir(&dir).expect("fuzz/regressions").filter_map(Result::ok).map(|e| e.path()).collect();
    files.sort();
    files
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "wikitext"))
        .map(|p| {
            let name = p.file_name().unwrap_or_default().to_string_lossy().into_owned();
            // Finds may be any bytes; the targets only see valid UTF-8, so do the same.
            let bytes = std::fs::read(&p).expect("regression input");
            (name, String::from_utf8_lossy(&bytes).into_owned())
        })
        .collect()
}

fn check(name: &str, src: &str) {
    let mut bare = wikitext_parser::ParseOptions::default();
    bare.extension_tags.clear();
    bare.url_protocols.clear();
    let option_sets = [wikitext_parser::ParseOptions::default(), wikitext::parse_options(&DefaultSite::default()), bare];
    for options in &option_sets {
        let tree = wikitext_parser::parse_with(src, options);
        tree.validate().unwrap_or_else(|e| panic!("{name}: invalid tree: {e}"));
        assert_eq!(tree.to_wikitext(), src, "{name}: round trip");
    }
    for options in [RenderOptions::fragment(), RenderOptions::page()] {
        let html = wikitext::to_html(src, &DefaultSite::default(), &options);
        if let Err(problem) = wikitext::safety::check_html(&html) {
            panic!("{name}: unsafe output: {problem}\n{html}");
        }
    }
}

#[test]
fn fuzz_finds_stay_fixed() {
    let all = regressions();
    assert!(!all.is_empty(), "fuzz/regressions/ holds no .wikitext inputs");
    for (name, src) in &all {
        check(name, src);
    }
}
