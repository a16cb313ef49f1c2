//! The kinds of nodes and tokens in a wikitext syntax tree.
//!
//! The tree is untyped (rust-analyzer style): every node is a `SyntaxKind`
//! plus a byte range, and tokens are leaves.
//! Node kinds are `UPPER_CASE` nouns; token kinds end in the thing they hold
//! (`..._MARKER`, `TEXT`, `NEWLINE`).

/// What a node or token of the tree is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u16)]
#[allow(non_camel_case_types)]
#[non_exhaustive]
pub enum SyntaxKind {
    // ----- tokens (leaves) -----
    /// Plain text with no construct in it.
    TEXT = 0,
    /// `\n` (or `\r\n`).
    NEWLINE,
    /// Spaces and tabs where the grammar cares about them (line starts, around markers).
    WHITESPACE,
    /// Punctuation of a construct: `[[`, `|`, `}}`, `==`, `{|`, `<`, `=` ...
    MARKER,
    /// A run of two or more apostrophes: `''`, `'''`, `'''''` ...
    QUOTE,
    /// An HTML or extension tag name, a template name part, an attribute name.
    NAME,
    /// The unparsed body of an extension tag whose body is not wikitext
    /// (`<nowiki>`, `<pre>`, `<math>`, `<gallery>` ...).
    RAW,
    /// A URL: of an external link, a bare URL.
    URL,
    /// An attribute value (without its quotes).
    VALUE,

    // ----- nodes -----
    /// The whole page.
    DOCUMENT,
    /// `#REDIRECT [[Target]]` at the very start of a page.
    REDIRECT,
    /// `== Title ==` on its own line.
    HEADING,
    /// `----` at line start (with any text after it on the line).
    HORIZONTAL_RULE,
    /// A line starting with `*`, `#`, `:` or `;`; the bullets are its first `MARKER`.
    LIST_ITEM,
    /// The whitespace at the start of a line that makes it indent-pre (a `WHITESPACE` token child).
    INDENT_PRE,
    /// `{| ... |}`.
    TABLE,
    /// `|+ caption`.
    TABLE_CAPTION,
    /// `|-` and the cells after it.
    TABLE_ROW,
    /// `| cell`, `|| cell`.
    TABLE_CELL,
    /// `! cell`, `!! cell`.
    TABLE_HEADER_CELL,
    /// The attributes before the `|` of a cell or caption, or after `{|` / `|-`.
    ATTRIBUTES,
    /// `name="value"` inside a tag or table attributes.
    ATTRIBUTE,
    /// `<!-- ... -->` (possibly unclosed at end of input).
    COMMENT,
    /// `&amp;`, `&#123;`, `&#x1F;`.
    ENTITY,
    /// `<b>`, `<div class="x">`, `<br/>`.
    HTML_START_TAG,
    /// `</b>`.
    HTML_END_TAG,
    /// `<nowiki>...</nowiki>`, `<ref name=x>...</ref>`, `<references/>`: tag,
    /// body (a `RAW` token, or a `TAG_BODY` node for wikitext bodies), close tag.
    EXTENSION_TAG,
    /// `{{name|arg|k=v}}`, including parser functions (`{{#if:...}}`) and variables (`{{PAGENAME}}`).
    TEMPLATE,
    /// The name of a template or the `#fn:first arg` head of a parser function.
    TEMPLATE_NAME,
    /// `|value` or `|name=value` of a template or parameter.
    TEMPLATE_ARGUMENT,
    /// The `name` of a named template argument.
    ARGUMENT_NAME,
    /// The value of a template argument.
    ARGUMENT_VALUE,
    /// `{{{name|default}}}`.
    PARAMETER,
    /// `[[Target|text]]trail`.
    WIKI_LINK,
    /// The target of a wiki link.
    LINK_TARGET,
    /// One `|`-separated part after the target of a wiki link (the text; or an option of a file link).
    LINK_TEXT,
    /// `[http://x text]`.
    EXTERNAL_LINK,
    /// The text of an external link, after the URL.
    EXTERNAL_LINK_TEXT,
    /// `http://example.org` standing alone in text.
    BARE_URL,
    /// `ISBN 123...`, `RFC 123`, `PMID 123`.
    MAGIC_LINK,
    /// `__NOTOC__` and friends.
    BEHAVIOR_SWITCH,
    /// `~~~`, `~~~~`, `~~~~~`.
    SIGNATURE,
    /// `-{ ... }-` language converter markup.
    LANGUAGE_CONVERTER,
    /// Input the grammar accepted but could not make sense of.
    ERROR,
    /// The body of an extension tag whose body is wikitext (`<ref>`,
    /// `<references>`, `<poem>`, `<indicator>` ...), parsed: its children
    /// are the body's lines and inline constructs. (Bodies that are not
    /// wikitext are one `RAW` token.)
    TAG_BODY,
}

impl SyntaxKind {
    /// Whether this kind is a leaf (token) rather than a node with children.
    #[must_use]
    pub fn is_token(self) -> bool {
        (self as u16) < (SyntaxKind::DOCUMENT as u16)
    }

    /// The `SCREAMING_CASE` name of the kind, as snapshots and JSON print it.
    #[must_use]
    pub fn name(self) -> &'static str {
        use SyntaxKind::*;
        match self {
            TEXT => "TEXT",
            NEWLINE => "NEWLINE",
            WHITESPACE => "WHITESPACE",
            MARKER => "MARKER",
            QUOTE => "QUOTE",
            NAME => "NAME",
            RAW => "RAW",
            URL => "URL",
            VALUE => "VALUE",
            DOCUMENT => "DOCUMENT",
            REDIRECT => "REDIRECT",
            HEADING => "HEADING",
            HORIZONTAL_RULE => "HORIZONTAL_RULE",
            LIST_ITEM => "LIST_ITEM",
            INDENT_PRE => "INDENT_PRE",
            TABLE => "TABLE",
            TABLE_CAPTION => "TABLE_CAPTION",
            TABLE_ROW => "TABLE_ROW",
            TABLE_CELL => "TABLE_CELL",
            TABLE_HEADER_CELL => "TABLE_HEADER_CELL",
            ATTRIBUTES => "ATTRIBUTES",
            ATTRIBUTE => "ATTRIBUTE",
            COMMENT => "COMMENT",
            ENTITY => "ENTITY",
            HTML_START_TAG => "HTML_START_TAG",
            HTML_END_TAG => "HTML_END_TAG",
            EXTENSION_TAG => "EXTENSION_TAG",
            TAG_BODY => "TAG_BODY",
            TEMPLATE => "TEMPLATE",
            TEMPLATE_NAME => "TEMPLATE_NAME",
            TEMPLATE_ARGUMENT => "TEMPLATE_ARGUMENT",
            ARGUMENT_NAME => "ARGUMENT_NAME",
            ARGUMENT_VALUE => "ARGUMENT_VALUE",
            PARAMETER => "PARAMETER",
            WIKI_LINK => "WIKI_LINK",
            LINK_TARGET => "LINK_TARGET",
            LINK_TEXT => "LINK_TEXT",
            EXTERNAL_LINK => "EXTERNAL_LINK",
            EXTERNAL_LINK_TEXT => "EXTERNAL_LINK_TEXT",
            BARE_URL => "BARE_URL",
            MAGIC_LINK => "MAGIC_LINK",
            BEHAVIOR_SWITCH => "BEHAVIOR_SWITCH",
            SIGNATURE => "SIGNATURE",
            LANGUAGE_CONVERTER => "LANGUAGE_CONVERTER",
            ERROR => "ERROR",
        }
    }
}

impl std::fmt::Display for SyntaxKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
