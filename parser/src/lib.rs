//! A lossless tokenizer for MediaWiki wikitext.
//!
//! [`parse`] never fails: every string is valid wikitext, and everything that
//! is not a construct is text. Every byte of the source lands in exactly one
//! token of the returned [`Tree`], so `tree.to_wikitext() == src` always.

#![forbid(unsafe_code)]
#![warn(missing_debug_implementations)]

pub mod ast;
pub mod edit;
pub mod entities;
mod syntax_kind;
mod tree;

pub use grammar::ext_links::{is_url_trailing_punctuation, url_separator_len};
pub use grammar::magic_links::is_space_separator;
pub use syntax_kind::SyntaxKind;
pub use tree::{Children, Descendants, Diagnostic, NodeData, NodeId, Tree};
mod builder;
mod parser;
pub(crate) mod grammar;

/// Parse wikitext into a lossless tree. Never fails, never panics, and runs
/// in time linear in the input.
#[must_use]
pub fn parse(src: &str) -> Tree {
    parse_with(src, &ParseOptions::default())
}

/// Parse with explicit options.
#[must_use]
pub fn parse_with(src: &str, options: &ParseOptions) -> Tree {
    grammar::parse_document(src, options, true)
}

/// Parse wikitext that is part of a page rather than a page: a
/// transclusion's output, a footnote's body, a caption. `#REDIRECT [[X]]`
/// at its start is no redirect (a redirect is the page's own first line)
/// but a numbered list item, as MediaWiki reads it there.
#[must_use]
pub fn parse_fragment_with(src: &str, options: &ParseOptions) -> Tree {
    grammar::parse_document(src, options, false)
}

/// What the tokenizer needs to know about the wiki.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct ParseOptions {
    /// Extension tag names (lower-case) whose bodies are raw text.
    pub extension_tags: Vec<String>,
    /// URL protocols for external links and bare URLs, lower-case (`"http://"`).
    pub url_protocols: Vec<String>,
    /// Extension tags (lower-case, also in `extension_tags`) whose body is
    /// wikitext: it is parsed into the tree (a `TAG_BODY` node) instead of
    /// kept as one `RAW` token.
    pub wikitext_body_tags: Vec<String>,
    /// Annotation tag names (lower-case, such as `"translate"`): read as
    /// HTML tags are (`HTML_START_TAG`, `HTML_END_TAG`), their content
    /// ordinary wikitext.
    pub annotation_tags: Vec<String>,
    /// Which magic links the wiki makes (`$wgEnableMagicLinks`).
    pub magic_links: MagicLinks,
    /// The wiki's behaviour switches as written, lower-case, when the wiki
    /// names them (`__notoc__`, `__目次非表示__`, `＿＿目次非表示＿＿`): read
    /// as `BEHAVIOR_SWITCH` nodes (whether one is a switch in its case is
    /// the site's to say). Empty: the English names of
    /// [`BEHAVIOR_SWITCHES`], in any case.
    pub behavior_switches: Vec<String>,
    /// The wiki's redirect keywords, lower-case (`#redirect`, `#tilvísun`,
    /// `#転送`), read in any case at the start of a page. Empty: the
    /// English `#REDIRECT`.
    pub redirect_words: Vec<String>,
}

/// Which magic links a wiki makes (`$wgEnableMagicLinks`): `ISBN 0-306-40615-2`,
/// `PMID 1234`, `RFC 4321`. A disabled kind stays text. All on by default,
/// as in MediaWiki and Parsoid's parser tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MagicLinks {
    /// `ISBN ...` links to `Special:BookSources`.
    pub isbn: bool,
    /// `PMID ...` links to PubMed.
    pub pmid: bool,
    /// `RFC ...` links to the IETF's RFC pages.
    pub rfc: bool,
}

impl Default for MagicLinks {
    fn default() -> Self {
        MagicLinks { isbn: true, pmid: true, rfc: true }
    }
}

/// Extension tags a default MediaWiki with the common extensions knows
/// (lower-case). Their bodies are raw text.
pub const DEFAULT_EXTENSION_TAGS: &[&str] = &[
    "nowiki", "pre", "ref", "references", "gallery", "math", "poem", "syntaxhighlight", "source",
    "templatestyles", "indicator", "section", "categorytree", "timeline", "score", "graph",
    "mapframe", "maplink", "chem", "ce", "hiero", "imagemap", "inputbox", "charinsert",
    "includeonly", "noinclude", "onlyinclude", "langconvert",
];

/// Extension tags of a default MediaWiki whose body is wikitext, parsed
/// into the tree: Cite's `ref` and `references`, `poem`, `indicator`.
pub const DEFAULT_WIKITEXT_BODY_TAGS: &[&str] = &["ref", "references", "poem", "indicator"];

// The void elements are written once: this macro makes both the list and
// the `match` that `is_void_element` asks (a string `match` compiles to a
// length switch and one comparison; a scan of the list compared up to 18).
macro_rules! void_elements {
    ($($name:literal),* $(,)?) => {
        /// HTML's void elements (the HTML5 list plus the obsolete ones its
        /// serialization still treats as void): never content, never an end tag.
        /// The one copy: the tokenizer, the sanitizer, the emitter and the
        /// serializer all ask [`is_void_element`].
        pub const VOID_ELEMENTS: &[&str] = &[$($name),*];

        /// [`is_void_element`] for a lower-case name.
        fn is_lower_void_element(name: &str) -> bool {
            matches!(name, $($name)|*)
        }
    };
}

void_elements!(
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
    "keygen", "link", "meta", "param", "source", "track", "wbr",
);

/// Whether `name` (any case) is an HTML void element.
#[must_use]
pub fn is_void_element(name: &str) -> bool {
    is_lower_void_element(name)
        || (name.bytes().any(|b| b.is_ascii_uppercase()) && VOID_ELEMENTS.iter().any(|v| v.eq_ignore_ascii_case(name)))
}

/// MediaWiki's default `$wgUrlProtocols`, lower-case.
pub const DEFAULT_URL_PROTOCOLS: &[&str] = &[
    "bitcoin:", "ftp://", "ftps://", "geo:", "git://", "gopher://", "http://", "https://",
    "irc://", "ircs://", "magnet:", "mailto:", "matrix:", "mms://", "news:", "nntp://",
    "redis://", "sftp://", "sip:", "sips:", "sms:", "ssh://", "svn://", "tel:", "telnet://",
    "urn:", "worldwind://", "xmpp:", "//",
];

/// MediaWiki's behaviour switches (`__NAME__`), upper-case, without underscores.
pub const BEHAVIOR_SWITCHES: &[&str] = &[
    "NOTOC", "FORCETOC", "TOC", "NOEDITSECTION", "NEWSECTIONLINK", "NONEWSECTIONLINK",
    "NOGALLERY", "HIDDENCAT", "EXPECTUNUSEDCATEGORY", "NOCONTENTCONVERT", "NOCC",
    "NOTITLECONVERT", "NOTC", "INDEX", "NOINDEX", "STATICREDIRECT", "NOGLOBAL", "DISAMBIG",
    "EXPECTUNUSEDTEMPLATE", "ARCHIVEDTALK", "NOTALK",
];

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions {
            extension_tags: DEFAULT_EXTENSION_TAGS.iter().map(|s| (*s).to_string()).collect(),
            url_protocols: DEFAULT_URL_PROTOCOLS.iter().map(|s| (*s).to_string()).collect(),
            wikitext_body_tags: DEFAULT_WIKITEXT_BODY_TAGS.iter().map(|s| (*s).to_string()).collect(),
            annotation_tags: Vec::new(),
            magic_links: MagicLinks::default(),
            behavior_switches: Vec::new(),
            redirect_words: Vec::new(),
        }
    }
}

#[cfg(test)]
mod void_element_tests {
    use super::{is_void_element, VOID_ELEMENTS};

    #[test]
    fn the_match_and_the_list_agree_in_any_case() {
        assert_eq!(VOID_ELEMENTS.len(), 18);
        for name in VOID_ELEMENTS {
            assert!(is_void_element(name), "{name}");
            assert!(is_void_element(&name.to_ascii_uppercase()), "{name}");
        }
        assert!(is_void_element("Br") && is_void_element("bgSound"));
        for name in ["", "b", "span", "div", "brr", "metas", "template", "p", "ÿbr"] {
            assert!(!is_void_element(name), "{name}");
        }
    }
}
