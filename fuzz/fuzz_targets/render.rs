//! Any string renders without panicking, and the output parses as HTML and
//! is safe: no script-bearing element, no `on*` attribute, no script URL
//! (`wikitext::safety::check_html`, shared with the property tests).
//! Pages render with a small fixed template set (`render_templates.rs`) so
//! that `{{E|...}}`, `{{I|...}}` and the rest reach the expander, on the
//! default wiki and on three described ones (Japanese magic words, Arabic's
//! link prefix, German's namespaces and number format).
#![no_main]
use libfuzzer_sys::fuzz_target;
use wikitext::export_site::ExportSite;
use wikitext::{DefaultSite, PageSources, RenderOptions, Site, WithPages};

include!("../render_templates.rs");

fn templates() -> PageSources {
    RENDER_TEMPLATES.iter().copied().collect()
}

thread_local! {
    static SITE: WithPages<DefaultSite> = templates().over(DefaultSite::default());
    static WIKIS: Vec<WithPages<ExportSite>> =
        ["jawiki", "arwiki", "dewiki"].iter().filter_map(|w| ExportSite::for_wiki(w)).map(|w| templates().over(w)).collect();
}

fuzz_target!(|src: &str| {
    // Alternate the two presets so both the fragment path and the full-page
    // path (sections, document shell) are fuzzed.
    let options = if src.len().is_multiple_of(2) { RenderOptions::fragment() } else { RenderOptions::page() };
    // Half the inputs on the default wiki, the rest spread over the others.
    let render = |site: &dyn Site| wikitext::to_html(src, site, &options);
    let html = match (src.len() / 2) % 6 {
        pick @ 3..=5 => WIKIS.with(|wikis| wikis.get(pick - 3).map(|w| render(w))).unwrap_or_else(|| SITE.with(|s| render(s))),
        _ => SITE.with(|site| render(site)),
    };
    if let Err(problem) = wikitext::safety::check_html(&html) {
        panic!("unsafe output: {problem}\n{html}");
    }
});
