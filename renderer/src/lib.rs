//! Render a wikitext syntax tree to the HTML that Parsoid produces
//! (the MediaWiki DOM spec, version 2.8.0).
//!
//! The pipeline (see ARCHITECTURE.md):
//! tree → HTML-level [`Token`]s (construct modules, line transforms) →
//! html5ever's tree builder into our arena [`dom::Dom`] → DOM passes →
//! serializer.

#![forbid(unsafe_code)]
#![warn(missing_debug_implementations)]

mod block_levels;
mod document;
pub mod dom;
mod emit;
mod extensions;
mod handout;
pub mod json;
mod passes;
mod quotes;
pub mod options;
pub mod sanitizer;
pub mod serialize;
#[doc(hidden)]
pub mod stages;
mod swar;
pub mod token;
pub mod tree_builder;

pub use options::RenderOptions;
pub use wikitext_site::{DefaultSite, Site};
pub use stages::{render_timed, StageTimes};
pub use token::{Attr, Token};
pub use emit::Footnote;

/// Render a parsed page to HTML: a full document, or the body's content
/// when `options.body_only`.
#[must_use]
pub fn render(tree: &wikitext_parser::Tree, site: &dyn Site, options: &RenderOptions) -> String {
    let dom = render_dom(tree, site, options);
    stages::serialize(&dom, site, options)
}

/// [`render`] for a tree the caller no longer needs: it is freed before the
/// DOM is built, which lowers the peak memory of rendering a page.
#[must_use]
pub fn render_owned(tree: wikitext_parser::Tree, site: &dyn Site, options: &RenderOptions) -> String {
    let (tokens, size, source) = stages::transforms_owned_keeping_source(tree, site, options);
    let mut dom = stages::build_tree_streaming(tokens);
    finish_dom(&mut dom, options, size, source);
    stages::serialize(&dom, site, options)
}

/// The footnotes of a parsed page (Cite's `<ref>`s), in the order their
/// lists show them: group, name, number, ids, and the body as wikitext
/// and HTML. Runs the first stage only (no tree building).
#[must_use]
pub fn footnotes(tree: &wikitext_parser::Tree, site: &dyn Site, options: &RenderOptions) -> Vec<Footnote> {
    stages::footnotes(tree, site, options)
}

/// Render a parsed page to our DOM (for callers that walk or post-process it).
#[must_use]
pub fn render_dom(tree: &wikitext_parser::Tree, site: &dyn Site, options: &RenderOptions) -> dom::Dom {
    // The line transforms run as the tree builder reads them, as in `render_owned`.
    let (tokens, size) = stages::transforms_sized_streaming(tree, site, options);
    let mut dom = stages::build_tree_streaming(tokens);
    finish_dom(&mut dom, options, size, Some(tree.src_arc().clone()));
    dom
}

/// The DOM passes, with the page's wikitext for the source ranges.
fn finish_dom(dom: &mut dom::Dom, options: &RenderOptions, src_len: usize, source: Option<std::sync::Arc<str>>) {
    if let Some(source) = source {
        dom.set_source(source);
    }
    stages::dom_passes(dom, options, src_len);
}
