//! Render a wikitext syntax tree to the HTML that Parsoid produces
//! (the MediaWiki DOM spec, version 2.8.0).
//!
//! The pipeline (see ARCHITECTURE.md):
//! tree → HTML-level [`Token`]s (construct modules, line transforms) →
//! html5ever's tree builder into our arena [`dom::Dom`] → DOM passes →
//! serializer.

#![forbid(unsafe_code)]
#![warn(missing_debug_implementations)]

pub mod anchor;
mod block_levels;
mod document;
pub mod dom;
mod emit;
mod passes;
mod quotes;
pub mod options;
pub mod sanitizer;
pub mod serialize;
pub mod site;
pub mod site_config;
pub mod title;
pub mod token;
pub mod tree_builder;

pub use options::RenderOptions;
pub use site::{DefaultSite, Site};
pub use token::{Attr, Token};

/// Render a parsed page to HTML: a full document, or the body's content
/// when `options.body_only`.
#[must_use]
pub fn render(tree: &wikitext_parser::Tree, site: &dyn Site, options: &RenderOptions) -> String {
    let dom = render_dom(tree, site, options);
    let mut out = String::with_capacity(tree.src().len() * 2);
    if options.body_only {
        if let Some(body) = dom.body() {
            serialize::serialize_children(&dom, body, &mut out);
        }
    } else {
        document::write(&dom, site, options, &mut out);
    }
    out
}

/// Render a parsed page to our DOM (for callers that walk or post-process it).
#[must_use]
pub fn render_dom(tree: &wikitext_parser::Tree, site: &dyn Site, options: &RenderOptions) -> dom::Dom {
    let mut emitter = emit::Emitter::new(tree, site, options);
    emitter.node(tree.root());
    let toks = quotes::resolve(emitter.out);
    let html = block_levels::resolve(toks);
    let mut dom = tree_builder::build(html);
    passes::run(&mut dom, options);
    let max_output = options.max_output_bytes.unwrap_or_else(|| options::default_max_output_bytes(tree.src().len()));
    passes::output_limit::enforce(&mut dom, max_output);
    dom
}
