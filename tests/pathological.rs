//! Pathological inputs: deep nesting and thousands of unclosed constructs
//! must render without panicking, and their output must grow linearly
//! with the input (8× the input may give at most 20× the output). Time is
//! measured by `wikitext bench --pathological`, not here; the inputs are
//! shared with it (`wikitext::pathological`).

use wikitext::pathological::CASES;
use wikitext::{DefaultSite, RenderOptions};

fn render(src: &str) -> String {
    wikitext::to_html(src, &DefaultSite::default(), &RenderOptions::fragment())
}

#[test]
fn pathological_inputs_render_linearly() {
    for case in CASES {
        let small = render(&(case.make)(500));
        let large = render(&(case.make)(4000));
        let (s, l) = (small.len().max(1), large.len());
        assert!(l <= s * 20, "{}: output grew from {s} to {l} bytes for 8x the input", case.name);
    }
}

#[test]
fn deep_nesting_is_capped_visibly() {
    let html = render(&"<div>".repeat(2000));
    // Beyond the nesting limit, start tags show as text.
    assert!(html.contains("&lt;div>"), "no visible sign of the nesting limit");
}
