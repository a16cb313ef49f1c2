//! Extension tags (`<pre>`, `<indicator>`, a wiki's `<ref>` or own tags):
//! find the handler, call it, and wrap its output as Parsoid wraps
//! extension output.
//!
//! # Parsoid HTML
//!
//! ```text
//! <pre typeof="mw:Extension/pre" about="#mwt2" data-mw='{"name":"pre","attrs":{},"body":{"extsrc":"x"}}'>x</pre>
//! ```
//!
//! The output is one unit, sealed from the page's line-level passes: every
//! top-level node gets the `about` id (text and comments in a `<span>` to
//! carry it), the first also `typeof` and `data-mw` (`name`, `attrs`, and
//! `body.extsrc` unless the tag was self-closed). Empty output is a
//! `<link>`; a tag the wiki knows but nothing renders, an empty `<span>`.
//! A handler's error is Parsoid's `mw:Error` span. Inside a template's
//! output the transclusion's wrapper merges with this one (see
//! `passes::transclusions`).
//!
//! The handler API lives in `wikitext_site::extension`; this module is its
//! renderer side: [`Context`] implements `ExtensionContext` (fragments
//! parsed in a fresh context, per-page handler state, nesting), handler
//! HTML is parsed by html5ever and sanitized like page HTML, and fragments
//! the handler asked for come back in place of their placeholders.

use crate::token::{ThinVec, thin_vec};
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use rustc_hash::FxHashMap;
use wikitext_parser::{NodeId, SyntaxKind};
use wikitext_site::extension::{
    ExtensionContent, ExtensionContext, ExtensionError, ExtensionOutput, ExtensionTag, ExtensionTagCall, ParseMode,
};
use wikitext_site::site::Site;

use super::{push_json_string, Emitter, Tok};
use crate::dom::{Dom, NodeData};
use crate::sanitizer;
use crate::token::{Attr, SrcRange, Token};
use html5ever::tendril::StrTendril;

/// Extensions nested deeper than this (a handler parsing a body that holds
/// the tag again, and so on) render as an error: each level parses its
/// body again, so depth multiplies the work.
pub(crate) const MAX_EXTENSION_DEPTH: usize = 8;

/// The extension state of one page, shared by its emitters (the page's,
/// its transclusions', the fragments handlers parse).
#[derive(Default)]
pub(crate) struct ExtensionState {
    /// Each tag's handler state, by tag name.
    slots: FxHashMap<String, Option<Box<dyn Any + Send>>>,
    /// The tags being rendered, outermost first.
    pub(crate) enclosing: Vec<String>,
    /// Tags whose handlers ran, in first-use order (for `end_of_document`).
    used: Vec<String>,
    /// Annotation ranges started so far (`rangeId` `mwaN`).
    pub(crate) annotation_count: u32,
    /// Open annotations, innermost last.
    pub(crate) open_annotations: Vec<super::annotations::OpenRange>,
    /// Cite's notes (`emit::cite`), when the built-in `ref` renders.
    pub(crate) cite: super::cite::CiteState,
    /// Extension tags the page's expansions set aside behind markers
    /// (`{{#tag:ref|a<ref>b</ref>}}`'s inner ref), for every expander and
    /// emitter of the page.
    pub(crate) set_aside: wikitext_expand::strip_markers::SharedSetAside,
}

pub(crate) type SharedState = Rc<RefCell<ExtensionState>>;

/// Placeholders for fragments in a handler's HTML: characters no wikitext
/// or HTML keeps (U+007F), as MediaWiki's strip markers.
const PLACEHOLDER_START: &str = "\u{7f}'\"`UNIQ-ext-";
const PLACEHOLDER_END: &str = "-QINU`\"'\u{7f}";

/// One top-level node of extension output.
#[derive(Debug)]
pub(crate) enum FragNode {
    /// An element's tokens, start tag first.
    Element(Vec<Token>),
    Text(StrTendril),
    Comment(String),
}

/// The built-in tags, for names the site has no handler for.
fn builtin(name: &str) -> Option<&'static dyn ExtensionTag> {
    match name {
        "pre" => Some(&crate::extensions::Pre),
        "indicator" => Some(&crate::extensions::Indicator),
        _ => None,
    }
}

/// Render the extension tag `id` named `name` (lower-case).
pub(super) fn extension_tag(em: &mut Emitter<'_>, id: NodeId, name: &str) {
    let tree = em.tree;
    let r = em.range(id);
    let attrs = tree.child_of_kind(id, SyntaxKind::ATTRIBUTES).map(|a| raw_attrs(tree, a)).unwrap_or_default();
    // A closing tag means a body, empty or not; `<tag/>` has none.
    let closed = tree.children(id).filter(|&c| tree.kind(c) == SyntaxKind::NAME).count() == 2;
    let body = closed.then(|| {
        wikitext_parser::ast::Tag::cast(tree, id).and_then(|t| t.contents(tree)).map_or("", |b| tree.text(b))
    });
    let site_handler = em.site.extension_tag(name);
    if site_handler.is_none() && matches!(name, "ref" | "references") {
        // Cite renders natively, its bodies in the page's own run (see `cite`).
        return if name == "ref" {
            super::cite::ref_tag(em, id, &attrs, closed, r)
        } else {
            super::cite::references_tag(em, id, &attrs, closed, r)
        };
    }
    if site_handler.is_none() && name == "gallery" && em.text_only && super::gallery::leaves_no_trace(em, &attrs, body) {
        // Plain text leaves a gallery out whole: its list element alone.
        let list = vec![Token::start("ul", thin_vec![Attr::new("class", "gallery")]), Token::end("ul")];
        let data_mw = super::gallery::data_mw(&attrs, body.is_some());
        return wrap(em, vec![FragNode::Element(list)], "mw:Extension/gallery", data_mw, r);
    }
    if site_handler.is_none() && name == "gallery" {
        // Galleries need the media renderer, which no handler sees: they
        // render natively, wrapped as any extension's output.
        if em.extensions.borrow().enclosing.len() >= MAX_EXTENSION_DEPTH {
            let error = ExtensionError::new("extension-nesting-too-deep");
            return emit_result(em, name, &attrs, body, Err(error), &[], r);
        }
        em.extensions.borrow_mut().enclosing.push(name.to_string());
        let (nodes, data_mw) = super::gallery::gallery(em, &attrs, body);
        em.extensions.borrow_mut().enclosing.pop();
        return wrap(em, nodes, "mw:Extension/gallery", data_mw, r);
    }
    let handler = site_handler.or_else(|| builtin(name));
    let Some(handler) = handler else {
        // Known to the wiki, rendered by nothing: mark the place, keep the source in data-mw.
        let data_mw = data_mw(name, &attrs, body, None, None);
        let span = vec![
            Token::start("span", ThinVec::new()),
            Token::end("span"),
        ];
        wrap(em, vec![FragNode::Element(span)], &format!("mw:Extension/{name}"), data_mw, r);
        return;
    };
    let call = ExtensionTagCall::new(name, &attrs, body, r.start as usize..r.end as usize);
    let (result, fragments) = call_handler(em, name, handler, &call);
    emit_result(em, name, &attrs, body, result, &fragments, r);
}

/// Call a handler with a context, catching a panic as an error.
fn call_handler(
    em: &mut Emitter<'_>,
    name: &str,
    handler: &dyn ExtensionTag,
    call: &ExtensionTagCall<'_>,
) -> (Result<ExtensionOutput, ExtensionError>, Vec<Vec<FragNode>>) {
    if em.extensions.borrow().enclosing.len() >= MAX_EXTENSION_DEPTH {
        return (Err(ExtensionError::new("extension-nesting-too-deep")), Vec::new());
    }
    let mut cx = Context::enter(em, name);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| handler.render(call, &mut cx)))
        .unwrap_or_else(|_| Err(ExtensionError::message("the extension's handler failed")));
    let fragments = cx.leave();
    (result, fragments)
}

/// Emit an error in a tag's place, as a handler's error is.
pub(super) fn emit_error(
    em: &mut Emitter<'_>,
    name: &str,
    attrs: &[(String, String)],
    body: Option<&str>,
    error: ExtensionError,
    r: SrcRange,
) {
    emit_result(em, name, attrs, body, Err(error), &[], r);
}

/// Emit a handler's result, wrapped.
fn emit_result(
    em: &mut Emitter<'_>,
    name: &str,
    attrs: &[(String, String)],
    body: Option<&str>,
    result: Result<ExtensionOutput, ExtensionError>,
    fragments: &[Vec<FragNode>],
    r: SrcRange,
) {
    let typeof_ = super::concat(&["mw:Extension/", name]);
    match result {
        Ok(output) => {
            let body_html = output.body_html.as_deref().map(|h| fill_placeholders_html(h, fragments));
            let data_mw = data_mw(name, attrs, body, body_html.as_deref(), None);
            let nodes = match output.content {
                ExtensionContent::Html(html) => html_nodes(&html, fragments),
                ExtensionContent::Wikitext(wikitext) => {
                    let mut cx = Context::enter(em, name);
                    let nodes = cx.render_fragment(&wikitext, ParseMode::Block);
                    cx.leave();
                    nodes
                }
                ExtensionContent::Invisible => vec![FragNode::Element(vec![Token::empty("meta", ThinVec::new())])],
                _ => Vec::new(),
            };
            wrap(em, nodes, &typeof_, data_mw, r);
        }
        Err(error) => {
            let data_mw = data_mw(name, attrs, body, None, Some(&error));
            let mut i18n = String::from(r#"{"/":{"lang":"x-user","key":"#);
            push_json_string(&mut i18n, &error.key);
            i18n.push_str(r#","params":["#);
            for (i, p) in error.params.iter().enumerate() {
                if i > 0 {
                    i18n.push(',');
                }
                push_json_string(&mut i18n, p);
            }
            i18n.push_str("]}}");
            let mut tokens = vec![Token::start(
                "span",
                thin_vec![Attr::new("class", "error"), Attr::new("data-mw-i18n", i18n)],
            )];
            if let Some(message) = &error.message {
                tokens.push(Token::text(message.clone()));
            }
            tokens.push(Token::end("span"));
            let typeof_ = format!("mw:I18n {typeof_} mw:Error");
            wrap(em, vec![FragNode::Element(tokens)], &typeof_, data_mw, r);
        }
    }
}

/// Run every used handler's `end_of_document` and emit what they add.
pub(crate) fn end_of_document(em: &mut Emitter<'_>) {
    let used = em.extensions.borrow().used.clone();
    for name in used {
        let Some(handler) = em.site.extension_tag(&name).or_else(|| builtin(&name)) else { continue };
        let mut cx = Context::enter(em, &name);
        let output = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| handler.end_of_document(&mut cx))).ok().flatten();
        let fragments = cx.leave();
        if let Some(output) = output {
            let end = u32::try_from(em.tree.src().len()).unwrap_or(u32::MAX);
            em.out.push(Tok::Newline);
            emit_result(em, &name, &[], None, Ok(output), &fragments, end..end);
        }
    }
    super::cite::end_of_document(em);
}

/// The attributes of an extension tag as written: names lower-cased,
/// values with character references decoded and blanks trimmed, templates
/// left as text (MediaWiki does not expand them in extension attributes).
pub(super) fn raw_attrs(tree: &wikitext_parser::Tree, id: NodeId) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    // A template where a name goes (`{{1x|name}}="v"`) is that name as
    // written, as Parsoid reads it: the tag's attributes are not expanded.
    let mut templated_name: Option<(String, usize)> = None;
    for a in tree.children(id) {
        let kind = tree.kind(a);
        if kind == SyntaxKind::TEMPLATE {
            let (mut name, end) = templated_name.take().unwrap_or_default();
            if !name.is_empty() && end != tree.range(a).start {
                push_raw_attr(&mut out, name, "");
                name = String::new();
            }
            name.push_str(tree.text(a));
            templated_name = Some((name, tree.range(a).end));
            continue;
        }
        if kind != SyntaxKind::ATTRIBUTE {
            if let Some((name, _)) = templated_name.take() {
                push_raw_attr(&mut out, name, "");
            }
            continue;
        }
        let mut name = String::new();
        let mut value = String::new();
        let mut seen_eq = false;
        for part in tree.children(a) {
            match tree.kind(part) {
                SyntaxKind::NAME if !seen_eq => name.push_str(tree.text(part)),
                SyntaxKind::MARKER if tree.text(part) == "=" && !seen_eq => seen_eq = true,
                SyntaxKind::MARKER | SyntaxKind::WHITESPACE | SyntaxKind::COMMENT => {}
                _ => value.push_str(tree.text(part)),
            }
        }
        if let Some((mut prefix, end)) = templated_name.take() {
            if end == tree.range(a).start {
                // The tokenizer read `="v"` after the template as a name.
                if let Some(rest) = name.strip_prefix('=').filter(|_| !seen_eq) {
                    value = unquote(rest).to_string();
                    name = String::new();
                }
                prefix.push_str(&name);
                name = prefix;
            } else {
                push_raw_attr(&mut out, prefix, "");
            }
        }
        push_raw_attr(&mut out, name, &value);
    }
    if let Some((name, _)) = templated_name {
        push_raw_attr(&mut out, name, "");
    }
    out
}

/// One attribute of [`raw_attrs`]; the last of a repeated name wins.
fn push_raw_attr(out: &mut Vec<(String, String)>, name: String, value: &str) {
    if name.is_empty() {
        return;
    }
    let name = name.to_lowercase();
    // As MediaWiki reads a tag's attributes: whitespace runs become one
    // space and the ends are trimmed, then references are decoded (so
    // `&#10;` still makes a newline).
    let value = sanitizer::decode_entities(&collapse_whitespace(value)).into_owned();
    match out.iter_mut().find(|(n, _)| *n == name) {
        Some(slot) => slot.1 = value,
        None => out.push((name, value)),
    }
}

/// An attribute value without its quotes.
fn unquote(value: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = value.strip_prefix(q).and_then(|v| v.strip_suffix(q)) {
            return inner;
        }
    }
    value
}

/// `value` with each run of spaces, tabs and line breaks as one space, and
/// none at either end.
fn collapse_whitespace(value: &str) -> std::borrow::Cow<'_, str> {
    let is_ws = |c: char| matches!(c, ' ' | '\t' | '\r' | '\n');
    let trimmed = value.trim_matches(is_ws);
    if !trimmed.contains(|c: char| matches!(c, '\t' | '\r' | '\n')) && !trimmed.contains("  ") {
        return std::borrow::Cow::Borrowed(trimmed);
    }
    let words: Vec<&str> = trimmed.split(is_ws).filter(|w| !w.is_empty()).collect();
    std::borrow::Cow::Owned(words.join(" "))
}

/// The start of an extension tag's `data-mw`: `{"name":…,"attrs":{…}`.
pub(super) fn push_name_and_attrs(out: &mut String, name: &str, attrs: &[(String, String)]) {
    out.push_str(r#"{"name":"#);
    push_json_string(out, name);
    out.push_str(r#","attrs":{"#);
    for (i, (n, v)) in attrs.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        // Parsoid's own attribute names are renamed before the tag is
        // recorded, as on the element (`data-mw-x` is `data-x-data-mw-x`).
        if crate::sanitizer::is_protected_attr(n) {
            push_json_string(out, &format!("data-x-{n}"));
        } else {
            push_json_string(out, n);
        }
        out.push(':');
        // Parsoid records each value trimmed after its references are
        // decoded (`dir="&#10;"` is `""` there), though the extension gets
        // MediaWiki's value, trimmed before decoding.
        push_json_string(out, v.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c')));
    }
    out.push('}');
}

/// Parsoid's `data-mw` of an extension tag, keys in its order.
fn data_mw(
    name: &str,
    attrs: &[(String, String)],
    body: Option<&str>,
    body_html: Option<&str>,
    error: Option<&ExtensionError>,
) -> String {
    let mut out = String::with_capacity(48 + body.map_or(0, str::len));
    push_name_and_attrs(&mut out, name, attrs);
    if let Some(html) = body_html {
        out.push_str(r#","body":{"html":"#);
        push_json_string(&mut out, html);
        out.push('}');
    } else if let Some(body) = body {
        out.push_str(r#","body":{"extsrc":"#);
        push_json_string(&mut out, body);
        out.push('}');
    }
    if let Some(error) = error {
        out.push_str(r#","errors":["#);
        push_error_json(&mut out, error);
        out.push(']');
    }
    out.push('}');
    out
}

/// One entry of `data-mw.errors`: `{"key":..,"params":[..],"message":..}`,
/// the parameters and message only when there are any.
pub(super) fn push_error_json(out: &mut String, error: &ExtensionError) {
    out.push_str(r#"{"key":"#);
    push_json_string(out, &error.key);
    if !error.params.is_empty() {
        out.push_str(r#","params":["#);
        for (i, p) in error.params.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            push_json_string(out, p);
        }
        out.push(']');
    }
    if let Some(message) = &error.message {
        out.push_str(r#","message":"#);
        push_json_string(out, message);
    }
    out.push('}');
}

/// The start tag of extension output that is one element, as [`wrap`]
/// makes it, for output long enough to be emitted as it is built rather
/// than gathered first (a reference list).
pub(super) fn wrapped_start(
    em: &mut Emitter<'_>,
    name: &'static str,
    mut attrs: ThinVec<Attr>,
    typeof_: &str,
    data_mw: String,
    r: SrcRange,
) -> Token {
    let head = thin_vec![Attr::new("about", em.next_about()), Attr::new("data-mw", data_mw)];
    element_head(&mut attrs, Some(typeof_.to_string()), head);
    Token::StartTag { name: name.into(), attrs, self_closing: false, src: Some(r) }
}

/// The first element's attributes in wrapped output: the extension's
/// `typeof` first (before one the element had), then the element's own,
/// then `about` and `data-mw`.
fn element_head(attrs: &mut ThinVec<Attr>, own_typeof: Option<String>, head: ThinVec<Attr>) {
    // Made anew in one list of the right size: no shifting, no regrowth
    // (every ref marker and extension output passes here).
    let mut out = ThinVec::with_capacity(attrs.len() + head.len() + 1);
    let mut skip = None;
    if let Some(t) = own_typeof {
        let merged = match attrs.iter().position(|a| a.name == "typeof") {
            Some(i) => {
                skip = Some(i);
                super::concat(&[&t, " ", &std::mem::take(&mut attrs[i].value)])
            }
            None => t,
        };
        out.push(Attr::new("typeof", merged));
    }
    for (i, a) in attrs.drain(..).enumerate() {
        if Some(i) != skip && a.name != "about" && a.name != "data-mw" {
            out.push(a);
        }
    }
    out.extend(head);
    *attrs = out;
}

/// Emit extension output as one unit: `about` on every top-level node,
/// `typeof` and `data-mw` on the first.
pub(super) fn wrap(em: &mut Emitter<'_>, nodes: Vec<FragNode>, typeof_: &str, data_mw: String, r: SrcRange) {
    let about = em.next_about();
    if nodes.is_empty() {
        let attrs = thin_vec![Attr::new("typeof", typeof_.to_owned()), Attr::new("about", about), Attr::new("data-mw", data_mw)];
        em.html(Token::StartTag { name: "link".into(), attrs, self_closing: true, src: Some(r) });
        return;
    }
    let mut data_mw = Some(data_mw);
    for node in nodes {
        let first = data_mw.is_some();
        let mut head = ThinVec::with_capacity(2);
        head.push(Attr::new("about", about.clone()));
        let mut own_typeof = None;
        if let Some(d) = data_mw.take() {
            own_typeof = Some(typeof_.to_string());
            head.push(Attr::new("data-mw", d));
        }
        let src = first.then(|| r.clone());
        match node {
            FragNode::Element(mut tokens) => {
                if let Some(Token::StartTag { attrs, src: s, .. }) = tokens.first_mut() {
                    element_head(attrs, own_typeof, head);
                    if src.is_some() {
                        *s = src;
                    }
                }
                for t in tokens {
                    em.html(t);
                }
            }
            FragNode::Text(_) | FragNode::Comment(_) => {
                if let Some(t) = own_typeof {
                    head.insert(0, Attr::new("typeof", t));
                }
                em.html(Token::StartTag { name: "span".into(), attrs: head, self_closing: false, src });
                match node {
                    FragNode::Text(t) => em.html(Token::text(t)),
                    FragNode::Comment(c) => em.html(Token::Comment(c)),
                    FragNode::Element(_) => {}
                }
                em.html(Token::end("span"));
            }
        }
    }
}

/// What `ExtensionContext` is for one tag: the page's emitter, and the
/// fragments parsed so far.
struct Context<'e, 'a> {
    em: &'e mut Emitter<'a>,
    name: String,
    /// The handler's state slot, taken out of the page's state while the
    /// handler runs (and put back around nested renders).
    slot: Option<Box<dyn Any + Send>>,
    pub(crate) enclosing: Vec<String>,
    fragments: Vec<Vec<FragNode>>,
}

impl<'e, 'a> Context<'e, 'a> {
    fn enter(em: &'e mut Emitter<'a>, name: &str) -> Self {
        let (slot, enclosing) = {
            let mut st = em.extensions.borrow_mut();
            let enclosing = st.enclosing.clone();
            st.enclosing.push(name.to_string());
            if !st.used.iter().any(|u| u == name) {
                st.used.push(name.to_string());
            }
            (st.slots.remove(name).flatten(), enclosing)
        };
        Context { em, name: name.to_string(), slot, enclosing, fragments: Vec::new() }
    }

    fn leave(self) -> Vec<Vec<FragNode>> {
        let mut st = self.em.extensions.borrow_mut();
        st.enclosing.pop();
        st.slots.insert(self.name, self.slot);
        self.fragments
    }

    /// Render wikitext in a fresh context into top-level nodes.
    fn render_fragment(&mut self, wikitext: &str, mode: ParseMode) -> Vec<FragNode> {
        // The slot goes back while nested tags of the same name render.
        self.em.extensions.borrow_mut().slots.insert(self.name.clone(), self.slot.take());
        let nodes = render_fragment(self.em, wikitext, mode);
        self.slot = self.em.extensions.borrow_mut().slots.remove(&self.name).flatten();
        nodes
    }
}

impl ExtensionContext for Context<'_, '_> {
    fn parse(&mut self, wikitext: &str, mode: ParseMode) -> String {
        let nodes = self.render_fragment(wikitext, mode);
        let i = self.fragments.len();
        self.fragments.push(nodes);
        format!("{PLACEHOLDER_START}{i}{PLACEHOLDER_END}")
    }

    fn enclosing(&self) -> &[String] {
        &self.enclosing
    }

    fn state(&mut self) -> &mut Option<Box<dyn Any + Send>> {
        &mut self.slot
    }

    fn page_title(&self) -> &str {
        self.em.page_title
    }

    fn site(&self) -> &dyn Site {
        self.em.site
    }
}

/// Render `wikitext` as a page of its own (its own lines, quotes and
/// paragraphs; templates expand with the page's limits) into top-level nodes.
/// Its wikitext headings keep their mark: the page wraps sections in them.
fn render_fragment(em: &mut Emitter<'_>, wikitext: &str, mode: ParseMode) -> Vec<FragNode> {
    let dom = fragment_dom(em, wikitext, mode, mode != ParseMode::Inline, 0, true);
    let Some(body) = dom.body() else { return Vec::new() };
    dom_nodes(&dom, body, false, &[])
}

/// `wikitext` rendered as a page of its own into a DOM, its passes run
/// (`paragraphs`: bare inline content wrapped too), inside `variant_depth`
/// language-converter blocks (`keep_headings`: see `passes::run_fragment`).
pub(super) fn fragment_dom(
    em: &mut Emitter<'_>,
    wikitext: &str,
    mode: ParseMode,
    paragraphs: bool,
    variant_depth: usize,
    keep_headings: bool,
) -> crate::dom::Dom {
    // Inside a transclusion's output, the body's templates are part of
    // that output: expanded as text first, with no encapsulation of their
    // own (`{{1x|<spantag>[[a|{{1x|b}}]]</spantag>}}`).
    let expanded;
    let wikitext = if em.foreign_range.is_some() && wikitext.contains("{{") {
        expanded = em.expander().expand_page(wikitext);
        expanded.as_str()
    } else {
        wikitext
    };
    let tree = wikitext_parser::parse_fragment_with(wikitext, em.expander().parse_options());
    let nested = em.expander().nested();
    let mut sub = em.for_fragment(&tree, nested);
    sub.variant_depth = variant_depth;
    sub.node(tree.root());
    let toks = finish_fragment(em, sub);
    let tokens = if mode == ParseMode::Inline {
        inline_tokens(crate::quotes::resolve(toks))
    } else {
        crate::block_levels::resolve(crate::quotes::resolve(toks))
    };
    let mut dom = crate::tree_builder::build(tokens);
    crate::passes::run_fragment(&mut dom, paragraphs, keep_headings);
    dom
}

/// Take a fragment emitter's output, and give its counters and template
/// state back to the page's emitter.
pub(super) fn finish_fragment(em: &mut Emitter<'_>, mut sub: Emitter<'_>) -> Vec<Tok> {
    let toks = std::mem::take(&mut sub.out);
    em.about_count = sub.about_count;
    em.expanded_bytes += sub.expanded_bytes;
    if let Some(ex) = sub.expander.take() {
        em.expander().absorb(&ex);
    }
    toks
}

/// Inline output with its quotes resolved as HTML tokens: what line-level
/// markers remain are their text.
pub(super) fn inline_tokens(toks: Vec<Tok>) -> Vec<Token> {
    toks.into_iter()
        .map(|t| match t {
            Tok::Html(t) => t,
            Tok::Newline => Token::Newline,
            Tok::ListItem { bullets, .. } => Token::text(bullets),
            Tok::DdColon => Token::text(":"),
            Tok::IndentPre => Token::text(" "),
            Tok::Quote { len, .. } => Token::text("'".repeat(len)),
        })
        .collect()
}

/// Parse a handler's HTML and sanitize it into top-level nodes, with the
/// placeholders of `fragments` replaced by them.
fn html_nodes(html: &str, fragments: &[Vec<FragNode>]) -> Vec<FragNode> {
    if html.is_empty() {
        return Vec::new();
    }
    // A leading `<body>` keeps leading `<meta>`/`<link>` out of `<head>`.
    let dom = crate::tree_builder::parse_html(&format!("<!DOCTYPE html><body>{html}"));
    let Some(body) = dom.body() else { return Vec::new() };
    dom_nodes(&dom, body, true, fragments)
}

/// `data-mw.body.html` with placeholders replaced by their fragments' HTML.
fn fill_placeholders_html(html: &str, fragments: &[Vec<FragNode>]) -> String {
    if !html.contains(PLACEHOLDER_START) {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some((before, index, after)) = next_placeholder(rest) {
        out.push_str(before);
        if let Some(nodes) = fragments.get(index) {
            for node in nodes {
                match node {
                    FragNode::Element(tokens) => tokens_html(tokens, &mut out),
                    FragNode::Text(t) => crate::serialize::escape_text(t, &mut out),
                    FragNode::Comment(c) => {
                        out.push_str("<!--");
                        out.push_str(c);
                        out.push_str("-->");
                    }
                }
            }
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Tokens of a fragment as HTML text (for `data-mw.body.html`).
/// An element's name in HTML: a footnote marker's link is built under
/// another name (see `passes::ref_links`).
fn html_name(name: &str) -> &str {
    if name == crate::passes::ref_links::REF_LINK_ELEMENT { "a" } else { name }
}

pub(super) fn tokens_html(tokens: &[Token], out: &mut String) {
    for t in tokens {
        match t {
            Token::StartTag { name, attrs, self_closing, .. } => {
                out.push('<');
                out.push_str(html_name(name));
                // Marks (reserved names with a space) are no attributes.
                for a in attrs.iter().filter(|a| !a.name.starts_with("wt ")) {
                    out.push(' ');
                    out.push_str(&a.name);
                    out.push('=');
                    crate::serialize::escape_attr_value(&a.value, out);
                }
                out.push_str(if *self_closing { "/>" } else { ">" });
            }
            Token::EndTag { name, .. } => {
                out.push_str("</");
                out.push_str(html_name(name));
                out.push('>');
            }
            Token::Text(t, _) => crate::serialize::escape_text(t, out),
            Token::Newline => out.push('\n'),
            Token::Comment(c) => {
                out.push_str("<!--");
                out.push_str(c);
                out.push_str("-->");
            }
        }
    }
}

/// The first placeholder in `s`: the text before it, its index, the text after.
fn next_placeholder(s: &str) -> Option<(&str, usize, &str)> {
    let start = s.find(PLACEHOLDER_START)?;
    let digits = &s[start + PLACEHOLDER_START.len()..];
    let end = digits.find(PLACEHOLDER_END)?;
    let index = digits[..end].parse().ok()?;
    Some((&s[..start], index, &digits[end + PLACEHOLDER_END.len()..]))
}

/// The children of `parent` as top-level nodes. With `sanitize`, elements
/// the sanitizer does not allow become their markup as text and
/// attributes are filtered; placeholders in text become their fragments.
pub(super) fn dom_nodes(dom: &Dom, parent: crate::dom::NodeId, sanitize: bool, fragments: &[Vec<FragNode>]) -> Vec<FragNode> {
    let mut out = Vec::new();
    for child in dom.children(parent) {
        match dom.data(child) {
            NodeData::Text(t) => {
                let mut rest: &str = t;
                while let Some((before, index, after)) = next_placeholder(rest) {
                    if !before.is_empty() {
                        out.push(FragNode::Text(StrTendril::from_slice(before)));
                    }
                    if let Some(nodes) = fragments.get(index) {
                        out.extend(nodes.iter().map(clone_node));
                    }
                    rest = after;
                }
                if !rest.is_empty() {
                    out.push(FragNode::Text(strip_placeholder_chars(rest).into()));
                }
            }
            NodeData::Comment(c) => out.push(FragNode::Comment(c.to_string())),
            NodeData::Element(_) => {
                let mut tokens = Vec::new();
                element_tokens(dom, child, sanitize, fragments, &mut tokens);
                // An element the sanitizer refused is text at the top level.
                match tokens.first() {
                    Some(Token::StartTag { .. }) => out.push(FragNode::Element(tokens)),
                    _ => {
                        for t in tokens {
                            match t {
                                Token::Text(s, _) => out.push(FragNode::Text(s)),
                                Token::Comment(c) => out.push(FragNode::Comment(c)),
                                _ => {}
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    out
}

fn clone_node(n: &FragNode) -> FragNode {
    match n {
        FragNode::Element(t) => FragNode::Element(t.clone()),
        FragNode::Text(t) => FragNode::Text(t.clone()),
        FragNode::Comment(c) => FragNode::Comment(c.clone()),
    }
}

/// A handler cannot forge a placeholder of another tag: stray U+007F goes.
fn strip_placeholder_chars(s: &str) -> String {
    s.replace('\u{7f}', "")
}

/// Elements whose first newline an HTML parser drops (so a kept one is doubled).
fn drops_leading_newline(name: &str) -> bool {
    matches!(name, "pre" | "textarea" | "listing")
}

/// Extension HTML may use a few elements wikitext may not write itself
/// (links and images, sectioning elements); their URLs are checked as any.
fn is_allowed_extension_element(name: &str, attrs: &[(String, String)]) -> bool {
    matches!(name, "a" | "img" | "aside" | "figure" | "figcaption" | "section" | "article" | "style")
        || sanitizer::is_allowed_element(name, attrs)
}

fn sanitize_extension_attrs(name: &str, attrs: Vec<(String, String)>) -> Vec<(String, String)> {
    match name {
        "a" | "img" => {
            // Checked as a `<span>`'s (the common attributes), plus their URLs.
            let (urls, rest): (Vec<_>, Vec<_>) =
                attrs.into_iter().partition(|(n, _)| matches!(n.as_str(), "href" | "src" | "alt" | "width" | "height" | "title"));
            let mut out = sanitizer::sanitize_attrs("span", rest);
            for (n, v) in urls {
                let v = sanitizer::decode_entities(&v).into_owned();
                if matches!(n.as_str(), "href" | "src") && !sanitizer::is_safe_url(&v) {
                    continue;
                }
                out.push((n, v));
            }
            out
        }
        "aside" | "figure" | "figcaption" | "section" | "article" => sanitizer::sanitize_attrs("div", attrs),
        // A style sheet's attributes are a `<span>`'s, plus TemplateStyles'
        // key for the skin to drop repeated sheets.
        "style" => {
            let (key, rest): (Vec<_>, Vec<_>) = attrs.into_iter().partition(|(n, _)| n == "data-mw-deduplicate");
            let mut out = sanitizer::sanitize_attrs("span", rest);
            out.extend(key.into_iter().map(|(n, v)| (n, sanitizer::decode_entities(&v).into_owned())));
            out
        }
        _ => sanitizer::sanitize_attrs(name, attrs),
    }
}

fn element_tokens(
    dom: &Dom,
    id: crate::dom::NodeId,
    sanitize: bool,
    fragments: &[Vec<FragNode>],
    out: &mut Vec<Token>,
) {
    let Some(element) = dom.element(id) else { return };
    let name = element.name.local.to_string();
    let html_ns = element.name.ns == html5ever::ns!(html);
    // Values as the DOM holds them (decoded); the sanitizer decodes again,
    // so `&` goes in as `&amp;`.
    let pairs: Vec<(String, String)> = element
        .attrs
        .iter()
        .filter(|a| !a.name.contains(' '))
        .map(|a| (a.name.to_string(), strip_placeholder_chars(&a.value)))
        .collect();
    let void = wikitext_parser::is_void_element(&name);
    if sanitize && (!html_ns || !is_allowed_extension_element(&name, &pairs)) {
        // Not allowed: its tags are text, its content still counts.
        let mut s = String::new();
        s.push('<');
        s.push_str(&name);
        for (n, v) in &pairs {
            s.push(' ');
            s.push_str(n);
            s.push_str("=\"");
            s.push_str(v);
            s.push('"');
        }
        s.push('>');
        out.push(Token::text(s));
        children_tokens(dom, id, sanitize, fragments, out, false);
        if !void {
            out.push(Token::text(format!("</{name}>")));
        }
        return;
    }
    let mut attrs: ThinVec<Attr> = if sanitize {
        let escaped = pairs.into_iter().map(|(n, v)| (n, v.replace('&', "&amp;"))).collect();
        sanitize_extension_attrs(&name, escaped).into_iter().map(|(n, v)| Attr::new(n, v)).collect()
    } else {
        pairs.into_iter().map(|(n, v)| Attr::new(n, v)).collect()
    };
    // A heading mark the fragment kept goes on into the page (a mark).
    if let Some(mark) = dom.mark(id, crate::passes::WIKITEXT_HEADING) {
        attrs.push(Attr::new(crate::passes::WIKITEXT_HEADING, mark.to_string()));
    }
    out.push(Token::StartTag { name: name.clone().into(), attrs, self_closing: void, src: None });
    if void {
        return;
    }
    if sanitize && name == "style" {
        // Raw text, written back as is: only a checked sheet goes out.
        let sheet: String = dom.children(id).filter_map(|c| dom.text(c)).collect();
        out.push(Token::text(sanitizer::sanitize_style_sheet(&sheet).as_ref()));
        out.push(Token::EndTag { name: name.into(), src: None });
        return;
    }
    children_tokens(dom, id, sanitize, fragments, out, drops_leading_newline(&name));
    out.push(Token::EndTag { name: name.into(), src: None });
}

fn children_tokens(
    dom: &Dom,
    id: crate::dom::NodeId,
    sanitize: bool,
    fragments: &[Vec<FragNode>],
    out: &mut Vec<Token>,
    double_first_newline: bool,
) {
    let mut first = true;
    for child in dom.children(id) {
        match dom.data(child) {
            NodeData::Text(t) => {
                let mut rest: &str = t;
                let mut text = String::new();
                if first && double_first_newline && rest.starts_with('\n') {
                    text.push('\n');
                }
                while let Some((before, index, after)) = next_placeholder(rest) {
                    text.push_str(before);
                    if let Some(nodes) = fragments.get(index) {
                        if !text.is_empty() {
                            out.push(Token::text(std::mem::take(&mut text)));
                        }
                        for node in nodes {
                            match node {
                                FragNode::Element(tokens) => out.extend(tokens.iter().cloned()),
                                FragNode::Text(t) => out.push(Token::text(t.clone())),
                                FragNode::Comment(c) => out.push(Token::Comment(c.clone())),
                            }
                        }
                    }
                    rest = after;
                }
                text.push_str(&strip_placeholder_chars(rest));
                if !text.is_empty() {
                    out.push(Token::text(text));
                }
            }
            NodeData::Comment(c) => out.push(Token::Comment(c.to_string())),
            NodeData::Element(_) => element_tokens(dom, child, sanitize, fragments, out),
            _ => {}
        }
        first = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_mw_keeps_parsoids_key_order() {
        let attrs = vec![("name".to_string(), "a&b".to_string())];
        assert_eq!(
            data_mw("indicator", &attrs, Some("x\n"), None, None),
            r#"{"name":"indicator","attrs":{"name":"a&b"},"body":{"extsrc":"x\n"}}"#
        );
        assert_eq!(data_mw("tag", &[], None, None, None), r#"{"name":"tag","attrs":{}}"#);
        let e = ExtensionError::new("bad");
        assert_eq!(
            data_mw("t", &[], Some(""), None, Some(&e)),
            r#"{"name":"t","attrs":{},"body":{"extsrc":""},"errors":[{"key":"bad"}]}"#
        );
    }

    #[test]
    fn data_mw_attrs_are_trimmed_after_decoding() {
        // `dir="&#10;"`: the handler sees a newline, `data-mw` records "".
        let attrs = vec![("dir".to_string(), "\n".to_string()), ("name".to_string(), " a b\t".to_string())];
        assert_eq!(data_mw("pre", &attrs, None, None, None), r#"{"name":"pre","attrs":{"dir":"","name":"a b"}}"#);
    }

    #[test]
    fn placeholders_are_found() {
        let s = format!("a{PLACEHOLDER_START}12{PLACEHOLDER_END}b");
        assert_eq!(next_placeholder(&s), Some(("a", 12, "b")));
        assert_eq!(next_placeholder("plain"), None);
    }
}
