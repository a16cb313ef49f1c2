//! Any string renders without panicking, and the output parses as HTML and
//! is safe: no script-bearing element, no `on*` attribute, no script URL
//! (`wikitext::safety::check_html`, shared with the property tests).
//! Pages render with a small fixed template set (`render_templates.rs`) so
//! that `{{E|...}}`, `{{I|...}}` and the rest reach the expander.
#![no_main]
use libfuzzer_sys::fuzz_target;
use wikitext::{DefaultSite, PageSources, RenderOptions, WithPages};

include!("../render_templates.rs");

thread_local! {
    static SITE: WithPages<DefaultSite> =
        RENDER_TEMPLATES.iter().copied().collect::<PageSources>().over(DefaultSite::default());
}

fuzz_target!(|src: &str| {
    // Alternate the two presets so both the fragment path and the full-page
    // path (sections, document shell) are fuzzed.
    let options = if src.len().is_multiple_of(2) { RenderOptions::fragment() } else { RenderOptions::page() };
    let html = SITE.with(|site| wikitext::to_html(src, site, &options));
    if let Err(problem) = wikitext::safety::check_html(&html) {
        panic!("unsafe output: {problem}\n{html}");
    }
});
