//! Plain text and summaries: the readable prose of a page, as a reader sees
//! it, taken from the rendered DOM (so templates are expanded), and cut to
//! its first sentences or characters at Unicode (UAX #29) boundaries.
//!
//! ```
//! use wikitext::text::{self, Limit, TextOptions};
//!
//! let site = wikitext::DefaultSite::default();
//! let src = "== Life ==\nDr. Ada Lovelace wrote notes.<ref>A source.</ref> She died in 1852.";
//! let options = TextOptions::new("Main Page", Limit::Sentences(2));
//! // The heading is a line, and a sentence, of its own.
//! assert_eq!(text::to_text(src, &site, &options), "Life\nDr. Ada Lovelace wrote notes.");
//! ```
//!
//! What is left out follows MediaWiki's TextExtracts (the extension behind
//! page previews): tables (infoboxes, navigation boxes), `div`s, figures and
//! their captions, galleries, references and reference lists, edit-section
//! links, errors, hidden and `noprint` content. See [`extract`].

mod extract;
mod segment;

use std::fmt;

pub use extract::dom_text;
pub use segment::{count_sentences, count_words, first_chars, first_sentences, sentences, ELLIPSIS};

use crate::{RenderOptions, Site};

/// How much of the text to keep.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Limit {
    /// The whole text.
    #[default]
    All,
    /// Exactly the first N sentences (UAX #29, not breaking after common
    /// abbreviations and initials), nothing appended.
    Sentences(usize),
    /// At most N grapheme clusters, cut at the last word boundary, then `…`
    /// (when anything was cut).
    Chars(usize),
}

impl Limit {
    /// The limit from the two optional counts a command line or a binding
    /// takes: at most one of them, and not negative.
    ///
    /// # Errors
    /// [`TextError::BothLimits`] when both are given, [`TextError::Negative`]
    /// for a count below zero.
    pub fn from_counts(sentences: Option<i64>, chars: Option<i64>) -> Result<Limit, TextError> {
        let count = |option: &'static str, value: i64| {
            usize::try_from(value).map_err(|_| TextError::Negative { option, value })
        };
        match (sentences, chars) {
            (Some(_), Some(_)) => Err(TextError::BothLimits),
            (Some(n), None) => Ok(Limit::Sentences(count("sentences", n)?)),
            (None, Some(n)) => Ok(Limit::Chars(count("chars", n)?)),
            (None, None) => Ok(Limit::All),
        }
    }
}

/// Options of [`to_text`] and [`extract`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct TextOptions {
    /// The page's title (`"Main Page"`), for `{{PAGENAME}}` and the like.
    pub title: String,
    /// How much of the text to keep.
    pub limit: Limit,
}

impl Default for TextOptions {
    fn default() -> Self {
        TextOptions { title: "Main Page".to_string(), limit: Limit::All }
    }
}

impl TextOptions {
    /// Options for the page titled `title`, with `limit`.
    #[must_use]
    pub fn new(title: impl Into<String>, limit: Limit) -> TextOptions {
        TextOptions { title: title.into(), limit }
    }
}

/// A bad argument to the text functions of the command line and the bindings.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TextError {
    /// Both a sentence and a character limit were given.
    BothLimits,
    /// A count below zero.
    Negative {
        /// `"sentences"` or `"chars"`.
        option: &'static str,
        value: i64,
    },
}

impl fmt::Display for TextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TextError::BothLimits => f.write_str("sentences and chars cannot be combined; give at most one limit"),
            TextError::Negative { option, value } => write!(f, "{option} must not be negative (got {value})"),
        }
    }
}

impl std::error::Error for TextError {}

/// A page's text with its counts (UAX #29 words and sentences of the text
/// returned).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Extract {
    pub text: String,
    pub words: usize,
    pub sentences: usize,
}

/// The readable text of a page of `site`, cut to `options.limit`.
#[must_use]
pub fn to_text(src: &str, site: &dyn Site, options: &TextOptions) -> String {
    apply_limit(&full_text(src, site, &options.title), options.limit)
}

/// [`to_text`] with the word and sentence counts of the text returned.
#[must_use]
pub fn extract(src: &str, site: &dyn Site, options: &TextOptions) -> Extract {
    let text = to_text(src, site, options);
    let (words, sentences) = (count_words(&text), count_sentences(&text));
    Extract { text, words, sentences }
}

/// The whole readable text of the page titled `title`: rendered with the
/// site (templates expanded), then walked.
#[must_use]
pub fn full_text(src: &str, site: &dyn Site, title: &str) -> String {
    // Footnote bodies are not rendered for text (below): they stay raw text
    // in the tree, which Cite reads as it reads a site's raw bodies, and the
    // tokenizer skips them.
    let mut parse_options = crate::parse_options(site);
    parse_options.wikitext_body_tags.retain(|tag| tag != "ref");
    let tree = wikitext_parser::parse_with(src, &parse_options);
    // Sections are not wrapped: the walk needs no `<section>`s.
    let mut options = RenderOptions::fragment();
    options.title = title.to_string();
    // Footnotes and their lists are left out of the text: skip their bodies.
    options.note_bodies = false;
    // Nor does it read where links lead, or ids and classes.
    options.text_only = true;
    let dom = wikitext_html::render_dom(&tree, site, &options);
    drop(tree);
    dom_text(&dom)
}

/// Cut a text to `limit`.
#[must_use]
pub fn apply_limit(text: &str, limit: Limit) -> String {
    match limit {
        Limit::All => text.to_string(),
        Limit::Sentences(n) => first_sentences(text, n).to_string(),
        Limit::Chars(n) => first_chars(text, n),
    }
}
