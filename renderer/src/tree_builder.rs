//! Stage 4: feed our [`Token`]s to html5ever's tree builder, building a [`Dom`].
//!
//! We are the tokenizer: each token goes to html5ever's `TreeBuilder`
//! through `TokenSink::process_token`, with no HTML string in between. The
//! tree builder applies the HTML5 tree-construction rules (implied end tags,
//! foster parenting out of tables, the adoption agency for misnested
//! formatting), which is what Parsoid's tree builder does with its tokens.
//!
//! The stream is body content. [`build`] frames it as a standards-mode
//! document (`<!DOCTYPE html><html><head></head><body>`) so that leading
//! `<link>`/`<meta>` tokens (categories, page properties) stay in the body
//! where Parsoid puts them, rather than going to `<head>`.
//!
//! # Tokenizer state switches
//!
//! After some start tags (`<style>`, `<script>`, `<textarea>`, `<title>`,
//! `<xmp>`, `<iframe>`, `<noembed>`, `<noframes>`, `<noscript>`,
//! `<plaintext>`) the tree builder asks the tokenizer to switch to a
//! raw-text, RCDATA, script-data or PLAINTEXT state, and from then on it
//! accepts only what such a tokenizer emits: html5ever's "text" insertion
//! mode hits `unreachable!` on a start tag or comment. We are the tokenizer,
//! so we honour the switch: until the matching end tag (for `<plaintext>`,
//! to the end), other tags and comments become the text an HTML tokenizer
//! would have seen there (`<b>` as the characters `<b>`), and U+0000
//! becomes U+FFFD. Wikitext's sanitizer lets none of these elements
//! through, so this only guards `build` against any token stream.
//!
//! A `Script` result only asks us to run a script, which we never do, and
//! an encoding hint means nothing for a `&str`.
//!
//! # End tag ranges
//!
//! Around each end tag that carries a source range, `build` feeds a probe
//! comment to learn the current node before and after (see [`DomSink`]);
//! the element the tag closed records the range. Probes are skipped inside
//! raw text, where the one element that can close is known.

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{self as tok, TokenSink, TokenSinkResult};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts};
use html5ever::{LocalName, QualName, ns};
use rustc_hash::{FxHashMap, FxHashSet};
use thin_vec::{ThinVec, thin_vec};
use std::borrow::Cow;

use crate::dom::{Dom, DomSink, NodeId, SRC_ATTR, STASH_ATTR};
use crate::token::{Attr, Token};

/// Build the document for a stream of body tokens. Never fails: the HTML5
/// rules give every token sequence a tree.
pub fn build(tokens: impl IntoIterator<Item = Token>) -> Dom {
    let tokens = tokens.into_iter();
    let expected_tokens = tokens.size_hint().0;
    build_expecting(tokens, expected_tokens)
}

/// [`build`] for a stream of about `expected_tokens` tokens (a stream made
/// as it is read cannot say how long it is).
pub(crate) fn build_expecting(tokens: impl Iterator<Item = Token>, expected_tokens: usize) -> Dom {
    // End tags and newlines make no node: on real pages the DOM has about
    // 0.7 nodes per token.
    let sink = DomSink::with_capacity(expected_tokens * 4 / 5 + 8);
    let tb = TreeBuilder::new(sink, TreeBuilderOpts { exact_errors: false, ..TreeBuilderOpts::default() });
    let mut feeder = Feeder { tb, state: State::Data, depth_bound: 3, stash_name: LocalName::from(STASH_ATTR), names: NameCache::default() };

    // The frame: a doctype keeps the document out of quirks mode (where,
    // for one, `<table>` would not close an open `<p>`), and explicit
    // html/head/body tags put the stream in the "in body" insertion mode.
    // These tokens switch no tokenizer state, so their results are all
    // `Continue`.
    let _ = feeder.feed(tok::DoctypeToken(tok::Doctype { name: Some("html".into()), ..tok::Doctype::default() }));
    for (kind, name) in
        [(tok::StartTag, "html"), (tok::StartTag, "head"), (tok::EndTag, "head"), (tok::StartTag, "body")]
    {
        let _ = feeder.feed(tag(kind, LocalName::from(name), Vec::new(), false));
    }
    for token in tokens {
        feeder.token(token);
    }
    let _ = feeder.feed(tok::EOFToken);
    feeder.tb.end();
    feeder.tb.sink.into_dom()
}

/// Parse an HTML string into a [`Dom`] with html5ever's own tokenizer (for
/// HTML that arrives as text: test expectations, extension output).
#[must_use]
pub fn parse_html(html: &str) -> Dom {
    use html5ever::tendril::TendrilSink;
    let opts = html5ever::ParseOpts {
        tree_builder: TreeBuilderOpts { exact_errors: false, ..TreeBuilderOpts::default() },
        ..html5ever::ParseOpts::default()
    };
    html5ever::parse_document(DomSink::with_capacity(html.len() / 16), opts).one(html)
}

fn tag(kind: tok::TagKind, name: LocalName, attrs: Vec<html5ever::Attribute>, self_closing: bool) -> tok::Token {
    tok::TagToken(tok::Tag { kind, name, self_closing, attrs, had_duplicate_attributes: false })
}

/// Names reach the tree builder lowercased, as its tokenizer would leave
/// them; its rules compare against lowercase atoms.
fn lower(name: Cow<'static, str>) -> Cow<'static, str> {
    if name.bytes().any(|b| b.is_ascii_uppercase()) { Cow::Owned(name.to_ascii_lowercase()) } else { name }
}

/// Convert attributes for html5ever ([`dom_attrs`]), appending the reserved
/// source-range one.
fn convert_attrs(attrs: ThinVec<Attr>, src: Option<StrTendril>, names: &mut NameCache) -> Vec<html5ever::Attribute> {
    let mut out: Vec<html5ever::Attribute> = dom_attrs(attrs, false)
        .0
        .into_iter()
        .map(|a| html5ever::Attribute { name: QualName::new(None, ns!(), names.local_name(a.name)), value: StrTendril::from_slice(&a.value) })
        .collect();
    if let Some(value) = src {
        out.push(html5ever::Attribute { name: QualName::new(None, ns!(), LocalName::from(SRC_ATTR)), value });
    }
    out
}

/// Elements whose attributes the tree builder reads (`<input type=hidden>`
/// in tables, `<font color>` leaving foreign content, `<html>` and `<body>`
/// merging theirs): they take their own attributes through it. Every other
/// element's list waits in the sink ([`DomSink::stash_attrs`]), which spares
/// html5ever copying, interning and comparing it.
fn attrs_read_by_tree_builder(name: &str) -> bool {
    matches!(name, "html" | "body" | "input" | "font" | "annotation-xml" | "svg" | "math")
}

/// Interned names, by the address of the `&'static str` they come from:
/// the renderer names its tags and attributes with a handful of literals,
/// and a pointer lookup is cheaper than interning the text each time.
/// A small direct-mapped table in front of the map answers most lookups
/// with one comparison.
struct NameCache {
    recent: [Option<(usize, usize, LocalName)>; RECENT_NAMES],
    all: FxHashMap<(usize, usize), LocalName>,
}

impl Default for NameCache {
    fn default() -> Self {
        NameCache { recent: std::array::from_fn(|_| None), all: FxHashMap::default() }
    }
}

/// Slots of [`NameCache`]'s direct-mapped table (a power of two).
const RECENT_NAMES: usize = 256;

impl NameCache {
    fn local_name(&mut self, name: Cow<'static, str>) -> LocalName {
        match name {
            Cow::Borrowed(s) => {
                let key = (s.as_ptr() as usize, s.len());
                // Literals sit a few bytes apart, in an order the linker
                // picks: a multiplicative hash spreads any layout over the slots.
                let mixed = ((key.0 ^ key.1) as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
                let slot = (mixed >> (u64::BITS - RECENT_NAMES.trailing_zeros())) as usize;
                if let Some((ptr, len, local)) = &self.recent[slot] {
                    if (*ptr, *len) == key {
                        return local.clone();
                    }
                }
                let local = self.all.entry(key).or_insert_with(|| LocalName::from(lower(name))).clone();
                self.recent[slot] = Some((key.0, key.1, local.clone()));
                local
            }
            Cow::Owned(_) => LocalName::from(lower(name)),
        }
    }
}

/// Our attributes as the DOM keeps them, names lowercased as the tree
/// builder's rules compare them, made in place in the token's own list
/// (which becomes the element's).
///
/// A repeated name keeps its first value, as HTML's tokenizer does, so the
/// DOM never holds two attributes of one name (the sanitizer, which runs
/// before us, decides which one the page means). The reserved names carry
/// no page attribute (they have a space); one that somehow does is dropped
/// rather than read as a range or a stand-in.
///
/// With `split_marks`, the renderer's marks (reserved names, `wt heading`
/// ...) are moved to the end of the list, the first of each name kept;
/// the returned index is where they start (the list's length without).
fn dom_attrs(mut attrs: ThinVec<Attr>, split_marks: bool) -> (ThinVec<Attr>, usize) {
    for a in attrs.iter_mut() {
        a.name = lower(std::mem::take(&mut a.name));
    }
    let is_mark = |a: &Attr| split_marks && a.name.starts_with("wt ");
    let mut marks = Vec::new();
    if attrs.iter().any(|a| a.name.starts_with("wt ")) {
        attrs.retain_mut(|a| {
            if a.name == SRC_ATTR || a.name == STASH_ATTR {
                return false;
            }
            if is_mark(a) {
                marks.push(std::mem::replace(a, Attr::new("", "")));
                return false;
            }
            true
        });
    }
    keep_first_of_each_name(&mut attrs);
    let marks_from = attrs.len();
    if !marks.is_empty() {
        let mut marks = ThinVec::from(marks);
        keep_first_of_each_name(&mut marks);
        // In room the token's list had: the marks came out of it.
        attrs.extend(marks);
    }
    (attrs, marks_from)
}

/// Drop each attribute whose name an earlier one has. Linear for the usual
/// handful; a set guards against quadratic time on a tag with thousands.
fn keep_first_of_each_name(attrs: &mut ThinVec<Attr>) {
    if attrs.len() > 16 {
        let mut seen: FxHashSet<String> = FxHashSet::default();
        attrs.retain(|a| seen.insert(a.name.to_string()));
    } else {
        let mut i = 1;
        while i < attrs.len() {
            if attrs[..i].iter().any(|b| b.name == attrs[i].name) {
                attrs.remove(i);
            } else {
                i += 1;
            }
        }
    }
}

/// The tokenizer state we stand in for.
enum State {
    Data,
    /// Raw text, RCDATA or script data, until the end tag `end` (closing
    /// `element`).
    Raw {
        end: LocalName,
        element: NodeId,
    },
    /// Everything to the end is text.
    Plaintext,
}

/// Elements nested deeper than this are not built: their start tags show
/// as text instead. HTML5 tree building scans the stack of open elements
/// for many tokens, so unbounded nesting (50,000 `<div>`s, a list 100,000
/// levels deep) would cost quadratic time; real pages stay far below it.
pub const MAX_NESTING: usize = 400;

struct Feeder {
    tb: TreeBuilder<NodeId, DomSink>,
    state: State,
    /// An upper bound on the depth of the current node: start tags add
    /// one, end tags take one. Only when it reaches [`MAX_NESTING`] is the
    /// real depth measured (and the bound reset to it).
    depth_bound: usize,
    /// [`STASH_ATTR`] interned once.
    stash_name: LocalName,
    names: NameCache,
}

impl Feeder {
    fn feed(&self, token: tok::Token) -> TokenSinkResult<NodeId> {
        self.tb.process_token(token, 0)
    }

    fn token(&mut self, token: Token) {
        match (&self.state, token) {
            (_, Token::Text(text, src)) => {
                self.tb.sink.set_text_src(src.as_ref());
                // Without a NUL (nearly always) the tendril goes on as it is:
                // html5ever hands it to the DOM, so the text is never copied.
                if !text.is_empty() && memchr::memchr(0, text.as_bytes()).is_none() {
                    self.chars(text);
                } else {
                    self.text(&text);
                }
                self.tb.sink.set_text_src(None);
            }
            (_, Token::Newline) => self.chars(StrTendril::from_slice("\n")),
            (State::Data, Token::StartTag { name, attrs, self_closing, src }) => {
                let local = self.names.local_name(name.clone());
                if !self_closing && !wikitext_parser::is_void_element(&local) {
                    self.depth_bound += 1;
                    if self.depth_bound >= MAX_NESTING {
                        let depth = self.probe().map_or(0, |c| self.tb.sink.depth(c));
                        if depth + 1 >= MAX_NESTING {
                            // Too deep: the tag is shown as text, a visible sign of the limit.
                            let mut s = String::new();
                            markup_as_text(&Token::StartTag { name, attrs, self_closing, src }, &mut s);
                            self.text(&s);
                            self.depth_bound = depth;
                            return;
                        }
                        self.depth_bound = depth + 1;
                    }
                }
                let name = local;
                // Every other element's attributes wait in the stash, so no
                // two tags compare equal for the "Noah's Ark" clause of the
                // active formatting list. A tag from the page has a range of
                // its own, which made it unique before; the renderer's own
                // formatting elements (Cite's links, a figure's link) are
                // opened and closed as units, so three equal ones are never
                // open together.
                let attrs = if attrs.is_empty() && src.is_none() {
                    Vec::new()
                } else if attrs_read_by_tree_builder(&name) {
                    convert_attrs(attrs, src.map(|r| self.tb.sink.src_attr_value(r)), &mut self.names)
                } else {
                    // The marks wait at the end of the list, so the stash keeps one list.
                    let (attrs, marks_from) = dom_attrs(attrs, true);
                    let value = self.tb.sink.stash_attrs(attrs, marks_from, src);
                    self.tb.sink.stand_in_list(html5ever::Attribute { name: QualName::new(None, ns!(), self.stash_name.clone()), value })
                };
                let created = self.tb.sink.node_count();
                match self.feed(tag(tok::StartTag, name.clone(), attrs, self_closing)) {
                    TokenSinkResult::RawData(_) => {
                        // The element just made is the one in raw text.
                        if let Some(element) = self.tb.sink.last_element_since(created) {
                            self.state = State::Raw { end: name, element };
                        }
                    }
                    TokenSinkResult::Plaintext => self.state = State::Plaintext,
                    TokenSinkResult::Continue | TokenSinkResult::Script(_) | TokenSinkResult::EncodingIndicator(_) => {}
                }
            }
            (State::Data, Token::EndTag { name, src }) => {
                self.depth_bound = self.depth_bound.saturating_sub(1);
                let name = self.names.local_name(name);
                let Some(range) = src else {
                    self.end_tag(name);
                    return;
                };
                let before = self.probe().and_then(|c| self.tb.sink.open_element_named(c, &name));
                let created = self.tb.sink.node_count();
                self.end_tag(name.clone());
                let ignored = before.is_none() && self.tb.sink.node_count() == created;
                let current = self.probe();
                self.tb.sink.close_end_tag(&name, range, before, created, current);
                if ignored && current.is_some_and(|c| self.tb.sink.in_list_item(c)) {
                    // An end tag with nothing of its name open is dropped;
                    // in a list item, Parsoid leaves a marker where it stood.
                    let attrs = thin_vec![Attr::new("typeof", "mw:Placeholder/StrippedTag")];
                    self.token(Token::StartTag { name: "meta".into(), attrs, self_closing: true, src: None });
                }
            }
            (State::Data, Token::Comment(text)) => {
                let _ = self.feed(tok::CommentToken(StrTendril::from(text)));
            }
            (State::Raw { end, element }, Token::EndTag { name, src }) if lower(name.clone()) == **end => {
                let (end, element) = (end.clone(), *element);
                self.state = State::Data;
                let created = self.tb.sink.node_count();
                self.end_tag(end.clone());
                if let Some(range) = src {
                    let current = self.probe();
                    self.tb.sink.close_end_tag(&end, range, Some(element), created, current);
                }
            }
            // Markup inside raw text is text, as a tokenizer would read it.
            (State::Raw { .. } | State::Plaintext, token) => {
                let mut s = String::new();
                markup_as_text(&token, &mut s);
                self.text(&s);
            }
        }
    }

    fn end_tag(&self, name: LocalName) {
        let _ = self.feed(tag(tok::EndTag, name, Vec::new(), false));
    }

    fn chars(&self, text: StrTendril) {
        let _ = self.feed(tok::CharacterTokens(text));
    }

    /// Text, with U+0000 as the tokenizer leaves it: its own token in data
    /// (dropped in body, U+FFFD in foreign content), U+FFFD in raw text.
    fn text(&self, text: &str) {
        if !matches!(self.state, State::Data) {
            if text.contains('\0') {
                self.chars(StrTendril::from(text.replace('\0', "\u{FFFD}")));
            } else if !text.is_empty() {
                self.chars(StrTendril::from_slice(text));
            }
            return;
        }
        let mut rest = text;
        while let Some(i) = memchr::memchr(0, rest.as_bytes()) {
            if i > 0 {
                self.chars(StrTendril::from_slice(&rest[..i]));
            }
            let _ = self.feed(tok::NullCharacterToken);
            rest = &rest[i + 1..];
        }
        if !rest.is_empty() {
            self.chars(StrTendril::from_slice(rest));
        }
    }

    /// Feed a probe comment; where it lands is the tree builder's current
    /// node. Only in data state: the "text" insertion mode takes no comment.
    fn probe(&self) -> Option<NodeId> {
        self.tb.sink.start_probe();
        let _ = self.feed(tok::CommentToken(StrTendril::new()));
        self.tb.sink.finish_probe()
    }
}

/// Write a tag or comment token back as HTML source text.
fn markup_as_text(token: &Token, out: &mut String) {
    match token {
        Token::StartTag { name, attrs, self_closing, .. } => {
            out.push('<');
            out.push_str(name);
            for a in attrs {
                out.push(' ');
                out.push_str(&a.name);
                out.push('=');
                let q = if a.value.contains('"') { '\'' } else { '"' };
                out.push(q);
                out.push_str(&a.value);
                out.push(q);
            }
            out.push_str(if *self_closing { "/>" } else { ">" });
        }
        Token::EndTag { name, .. } => {
            out.push_str("</");
            out.push_str(name);
            out.push('>');
        }
        Token::Comment(c) => {
            out.push_str("<!--");
            out.push_str(c);
            out.push_str("-->");
        }
        Token::Text(t, _) => out.push_str(t),
        Token::Newline => out.push('\n'),
    }
}
