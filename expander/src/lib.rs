//! The preprocessor: expand templates, template parameters, parser functions
//! and magic variables against a [`Site`], as MediaWiki's preprocessor does
//! (../shared/DESIGN.md, stage 2).
//!
//! Expansion is text to text. A transclusion's body is parsed with the same
//! lossless tokenizer as the page (so `{{`, `[[`, comments and extension tags
//! are recognized exactly as on the page), then walked: templates, parameters
//! and parser functions are replaced by their expansions, `<noinclude>`,
//! `<includeonly>` and `<onlyinclude>` applied, comments dropped, and every
//! other byte copied. The renderer tokenizes each top-level transclusion's
//! output on its own and splices it into the page (Parsoid's model).
//!
//! # Limits
//! [`Limits`] caps what one page may cost, as Wikimedia wikis set it:
//! expansion depth, post-expand include size, argument size, preprocessor
//! node count and expensive function calls. Hitting a limit (or a template
//! loop) leaves MediaWiki's error text at that spot; the rest of the page
//! still expands. Nothing here can hang: every expansion step counts
//! against the node limit.
//!
//! ```
//! use wikitext_expand::{Expander, PageSources};
//! use wikitext_site::DefaultSite;
//!
//! let mut pages = PageSources::default();
//! pages.insert("Template:Echo", "[{{{1|none}}}]<noinclude>doc</noinclude>");
//! let site = pages.over(DefaultSite::default());
//! let mut expander = Expander::new(&site, "Main Page");
//! assert_eq!(expander.expand_page("a {{Echo|b}} c {{Echo}}"), "a [b] c [none]");
//! ```

#![forbid(unsafe_code)]
#![warn(missing_debug_implementations)]

mod frame;
mod functions;
mod limits;
mod magic_variables;
mod pages;
mod preprocessor;
pub mod strip_markers;

pub use functions::expr;
pub use functions::time;
pub use limits::{LimitKind, Limits};
pub use pages::{PageLookup, PageMap, PageSources, WithPages};
pub use preprocessor::{Expander, Transclusion, TransclusionKind};
