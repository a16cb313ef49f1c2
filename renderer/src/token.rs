//! The HTML-level tokens the renderer produces from the syntax tree and feeds
//! to html5ever's tree builder.
//!
//! They are our own type, converted to html5ever's tokens only at the
//! boundary (`tree_builder`), and they carry the source range that made them
//! so that DOM passes can compute Parsoid's `dsr`.

use std::borrow::Cow;

use html5ever::tendril::StrTendril;
pub use thin_vec::{ThinVec, thin_vec};

/// A byte range in the page source, `start..end`.
pub type SrcRange = std::ops::Range<u32>;

/// Widen `range` over `more` (text joined to text).
pub fn join_src(range: &mut Option<SrcRange>, more: SrcRange) {
    *range = Some(match range.take() {
        Some(r) => r.start.min(more.start)..r.end.max(more.end),
        None => more,
    });
}

/// One attribute of a start tag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attr {
    pub name: Cow<'static, str>,
    pub value: Cow<'static, str>,
}

impl Attr {
    pub fn new(name: impl Into<Cow<'static, str>>, value: impl Into<Cow<'static, str>>) -> Attr {
        Attr { name: name.into(), value: value.into() }
    }

    /// Does this attribute have this name?
    #[must_use]
    pub fn is(&self, name: &str) -> bool {
        self.name == name
    }

    /// The attribute's name as written (`class`, `xlink:href`).
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }
}

/// A token of the renderer's stream.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Token {
    StartTag {
        name: Cow<'static, str>,
        /// A thin vector (one pointer): a token is then 48 bytes, not 64,
        /// and a page's stream holds tens of thousands of them.
        attrs: ThinVec<Attr>,
        self_closing: bool,
        src: Option<SrcRange>,
    },
    EndTag {
        name: Cow<'static, str>,
        src: Option<SrcRange>,
    },
    /// Character data (not escaped: the serializer escapes), in the tendril
    /// that tree building hands on to the DOM: no copy on the way, and up
    /// to eight bytes without an allocation. The range is the page text it
    /// came from, where it came from the page (or from one transclusion, its
    /// range): what an element a template opened and the page continued
    /// covers (`passes::transclusions`).
    Text(StrTendril, Option<SrcRange>),
    /// A line break in the source; tree building sees it as `"\n"` text.
    Newline,
    /// An HTML comment's content (without `<!--` and `-->`).
    Comment(String),
}

impl Token {
    /// A start tag with attributes.
    pub fn start(name: impl Into<Cow<'static, str>>, attrs: impl Into<ThinVec<Attr>>) -> Token {
        Token::StartTag { name: name.into(), attrs: attrs.into(), self_closing: false, src: None }
    }

    /// A void or self-closed element (`<br/>`, `<meta .../>`).
    pub fn empty(name: impl Into<Cow<'static, str>>, attrs: impl Into<ThinVec<Attr>>) -> Token {
        Token::StartTag { name: name.into(), attrs: attrs.into(), self_closing: true, src: None }
    }

    pub fn end(name: impl Into<Cow<'static, str>>) -> Token {
        Token::EndTag { name: name.into(), src: None }
    }

    pub fn text(s: impl Into<StrTendril>) -> Token {
        Token::Text(s.into(), None)
    }
}
