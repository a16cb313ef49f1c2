//! `wikitext`: parse MediaWiki wikitext into a lossless tree and render the
//! HTML that Parsoid renders.
//!
//! ```
//! let tree = wikitext::parse("== Hi ==\n''text''");
//! assert_eq!(tree.to_wikitext(), "== Hi ==\n''text''");
//! ```

#![forbid(unsafe_code)]
#![warn(missing_debug_implementations)]

pub use wikitext_html::{site, DefaultSite, RenderOptions, Site};
pub use wikitext_parser::{NodeId, SyntaxKind, Tree};

mod json;
pub use json::tree_to_json;

#[cfg(feature = "cli")]
pub mod parsertests;

/// Parse wikitext into a lossless tree. Never fails.
#[must_use]
pub fn parse(src: &str) -> Tree {
    wikitext_parser::parse(src)
}

/// Render wikitext to HTML for a page of `site`.
#[must_use]
pub fn to_html(src: &str, site: &dyn Site, options: &RenderOptions) -> String {
    let tree = parse(src);
    wikitext_html::render(&tree, site, options)
}

#[cfg(test)]
mod readme_examples {
    use super::*;

    /// The README's crate example, kept honest.
    #[test]
    fn readme_example() {
        let tree = parse("== Hello ==\n''world''");
        assert_eq!(tree.to_wikitext(), "== Hello ==\n''world''");
        let html = to_html("''world''", &DefaultSite::default(), &RenderOptions::fragment());
        assert_eq!(html, "<p><i>world</i></p>");
    }
}
