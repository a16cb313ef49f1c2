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

#[cfg(feature = "safety")]
#[doc(hidden)]
pub mod safety;

/// Parse wikitext into a lossless tree. Never fails.
#[must_use]
pub fn parse(src: &str) -> Tree {
    wikitext_parser::parse(src)
}

/// Parse wikitext as `site` reads it: with its extension tags and URL protocols.
#[must_use]
pub fn parse_for_site(src: &str, site: &dyn Site) -> Tree {
    wikitext_parser::parse_with(src, &parse_options(site))
}

/// The tokenizer options a site implies.
#[must_use]
pub fn parse_options(site: &dyn Site) -> wikitext_parser::ParseOptions {
    let mut options = wikitext_parser::ParseOptions::default();
    options.extension_tags = site.extension_tag_names();
    // The preprocessor's own tags and core's nowiki and pre exist on every wiki.
    for core in ["includeonly", "noinclude", "onlyinclude", "nowiki", "pre"] {
        if !options.extension_tags.iter().any(|t| t == core) {
            options.extension_tags.push(core.to_string());
        }
    }
    options.url_protocols = site.url_protocols().to_vec();
    options
}

/// Render wikitext to HTML for a page of `site`.
#[must_use]
pub fn to_html(src: &str, site: &dyn Site, options: &RenderOptions) -> String {
    let tree = parse_for_site(src, site);
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
