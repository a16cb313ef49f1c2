//! The one way the renderer's construct tests render: the empty default
//! wiki, a body fragment as Parsoid's parser tests render it.

#![allow(dead_code)] // Each test file uses the helpers it needs.

use wikitext_html::{render, DefaultSite, RenderOptions};

/// Render `src` as a body fragment, sections not wrapped.
pub fn html(src: &str) -> String {
    render(&wikitext_parser::parse(src), &DefaultSite::default(), &RenderOptions::fragment())
}

/// Render `src` as a body fragment with sections wrapped.
pub fn sections(src: &str) -> String {
    let mut options = RenderOptions::fragment();
    options.wrap_sections = true;
    render(&wikitext_parser::parse(src), &DefaultSite::default(), &options)
}
