//! Any string renders without panicking, and the output parses as HTML and
//! is safe: no script-bearing element, no `on*` attribute, no script URL
//! (`wikitext::safety::check_html`, shared with the property tests).
#![no_main]
use libfuzzer_sys::fuzz_target;
use wikitext::{DefaultSite, RenderOptions};

fuzz_target!(|src: &str| {
    // Alternate the two presets so both the fragment path and the full-page
    // path (sections, document shell) are fuzzed.
    let options = if src.len().is_multiple_of(2) { RenderOptions::fragment() } else { RenderOptions::page() };
    let html = wikitext::to_html(src, &DefaultSite::default(), &options);
    if let Err(problem) = wikitext::safety::check_html(&html) {
        panic!("unsafe output: {problem}\n{html}");
    }
});
