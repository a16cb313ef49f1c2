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
mod passes;
mod quotes;
pub mod options;
pub mod sanitizer;
pub mod serialize;
#[doc(hidden)]
pub mod stages;
pub mod token;
pub mod tree_builder;

pub use options::RenderOptions;
pub use wikitext_site::{DefaultSite, Site};
pub use stages::{render_timed, StageTimes};
pub use token::{Attr, Token};

/// Render a parsed page to HTML: a full document, or the body's content
/// when `options.body_only`.
#[must_use]
pub fn render(tree: &wikitext_parser::Tree, site: &dyn Site, options: &RenderOptions) -> String {
    let dom = render_dom(tree, site, options);
    stages::serialize(&dom, site, options, tree.src().len())
}

/// [`render`] for a tree the caller no longer needs: it is freed before the
/// DOM is built, which lowers the peak memory of rendering a page.
#[must_use]
pub fn render_owned(tree: wikitext_parser::Tree, site: &dyn Site, options: &RenderOptions) -> String {
    let src_len = tree.src().len();
    let dom = build_dom(stages::transforms_owned(tree, site, options), options, src_len);
    stages::serialize(&dom, site, options, src_len)
}

/// Render a parsed page to our DOM (for callers that walk or post-process it).
#[must_use]
pub fn render_dom(tree: &wikitext_parser::Tree, site: &dyn Site, options: &RenderOptions) -> dom::Dom {
    build_dom(stages::transforms(tree, site, options), options, tree.src().len())
}

/// Tree building, then the DOM passes (`src_len` sizes the output limit).
fn build_dom(tokens: Vec<Token>, options: &RenderOptions, src_len: usize) -> dom::Dom {
    let mut dom = stages::build_tree(tokens);
    stages::dom_passes(&mut dom, options, src_len);
    dom
}
