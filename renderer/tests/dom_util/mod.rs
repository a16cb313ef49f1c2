//! Helpers shared by the `dom_*` tests: a tree dump for our `Dom` and the
//! same dump for `markup5ever_rcdom`, and an HTML-to-`Token` converter that
//! runs html5ever's tokenizer so tests can feed `build` from HTML strings.

#![allow(dead_code)]

use std::cell::RefCell;
use std::fmt::Write as _;

use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tokenizer::{self as tok, BufferQueue, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};
use markup5ever_rcdom::{Handle, NodeData as RcData, RcDom};
use wikitext_html::dom::{Dom, Edge, NodeData, NodeId};
use wikitext_html::{Attr, Token};

fn attr_name(name: &html5ever::QualName) -> String {
    match &name.prefix {
        Some(p) => format!("{}:{}", p, name.local),
        None => name.local.to_string(),
    }
}

fn elem_name(ns: &html5ever::Namespace, local: &html5ever::LocalName) -> String {
    match *ns {
        html5ever::ns!(svg) => format!("svg {local}"),
        html5ever::ns!(mathml) => format!("math {local}"),
        _ => local.to_string(),
    }
}

/// An html5lib-style dump, one node a line, attributes sorted; with
/// `ranges`, an element's start and end tag source ranges follow its name.
pub fn dump(dom: &Dom, ranges: bool) -> String {
    let mut out = String::new();
    dump_from(dom, dom.document(), ranges, 0, &mut out);
    out
}

pub fn dump_node(dom: &Dom, id: NodeId, ranges: bool) -> String {
    let mut out = String::new();
    dump_from(dom, id, ranges, 0, &mut out);
    out
}

fn dump_from(dom: &Dom, root: NodeId, ranges: bool, base: usize, out: &mut String) {
    let mut depth = base;
    for edge in dom.traverse(root) {
        let n = match edge {
            Edge::Open(n) => n,
            Edge::Close(_) => {
                depth -= 1;
                continue;
            }
        };
        let pad = "  ".repeat(depth);
        match dom.data(n) {
            NodeData::Document => out.push_str("#document\n"),
            NodeData::Fragment => writeln!(out, "{pad}content").unwrap(),
            NodeData::Doctype(doctype) => writeln!(out, "{pad}<!DOCTYPE {}>", doctype.name).unwrap(),
            NodeData::Text(t) => writeln!(out, "{pad}{:?}", &**t).unwrap(),
            NodeData::Comment(t) => writeln!(out, "{pad}<!-- {t} -->").unwrap(),
            NodeData::Element(e) => {
                write!(out, "{pad}<{}>", elem_name(&e.name.ns, &e.name.local)).unwrap();
                if ranges {
                    if let Some(r) = dom.src_range(n) {
                        write!(out, " @{r:?}").unwrap();
                    }
                    if let Some(r) = dom.end_src_range(n) {
                        write!(out, " end@{r:?}").unwrap();
                    }
                }
                out.push('\n');
                let mut attrs: Vec<_> = e.attrs.iter().map(|a| (a.name.to_string(), a.value.clone())).collect();
                attrs.sort();
                for (k, v) in attrs {
                    writeln!(out, "{pad}  {k}={v:?}").unwrap();
                }
                if let Some(c) = dom.template_contents(n) {
                    dump_from(dom, c, ranges, depth + 1, out);
                }
            }
        }
        depth += 1;
    }
}

/// The same dump for an rcdom tree (which has no ranges). Recursive: fine
/// for the small test inputs.
pub fn dump_rcdom(dom: &RcDom) -> String {
    let mut out = String::new();
    dump_rc(&dom.document, 0, &mut out);
    out
}

fn dump_rc(h: &Handle, depth: usize, out: &mut String) {
    let pad = "  ".repeat(depth);
    match &h.data {
        RcData::Document => out.push_str("#document\n"),
        RcData::Doctype { name, .. } => writeln!(out, "{pad}<!DOCTYPE {name}>").unwrap(),
        RcData::Text { contents } => writeln!(out, "{pad}{:?}", &**contents.borrow()).unwrap(),
        RcData::Comment { contents } => writeln!(out, "{pad}<!-- {contents} -->").unwrap(),
        RcData::Element { name, attrs, template_contents, .. } => {
            writeln!(out, "{pad}<{}>", elem_name(&name.ns, &name.local)).unwrap();
            let mut attrs: Vec<_> = attrs.borrow().iter().map(|a| (attr_name(&a.name), a.value.to_string())).collect();
            attrs.sort();
            for (k, v) in attrs {
                writeln!(out, "{pad}  {k}={v:?}").unwrap();
            }
            if let Some(c) = &*template_contents.borrow() {
                writeln!(out, "{pad}  content").unwrap();
                for child in c.children.borrow().iter() {
                    dump_rc(child, depth + 2, out);
                }
            }
        }
        RcData::ProcessingInstruction { .. } => writeln!(out, "{pad}<?pi>").unwrap(),
    }
    for child in h.children.borrow().iter() {
        dump_rc(child, depth + 1, out);
    }
}

pub fn parse_rcdom(html: &str) -> RcDom {
    html5ever::parse_document(RcDom::default(), html5ever::ParseOpts::default()).one(html)
}

/// Collects html5ever's tokens as ours, telling the tokenizer about
/// raw-text elements itself (no tree builder stands behind it).
#[derive(Default)]
struct Collect(RefCell<Vec<Token>>);

impl TokenSink for Collect {
    type Handle = ();

    fn process_token(&self, token: tok::Token, _line: u64) -> TokenSinkResult<()> {
        let mut v = self.0.borrow_mut();
        match token {
            tok::TagToken(t) => {
                let name = t.name.to_string();
                if t.kind == tok::EndTag {
                    v.push(Token::end(name));
                    return TokenSinkResult::Continue;
                }
                let attrs = t.attrs.iter().map(|a| Attr::new(a.name.local.to_string(), a.value.to_string())).collect();
                v.push(Token::StartTag { name: name.clone().into(), attrs, self_closing: t.self_closing, src: None });
                return match name.as_str() {
                    "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                        TokenSinkResult::RawData(tok::states::RawKind::Rawtext)
                    }
                    "title" | "textarea" => TokenSinkResult::RawData(tok::states::RawKind::Rcdata),
                    "script" => TokenSinkResult::RawData(tok::states::RawKind::ScriptData),
                    "plaintext" => TokenSinkResult::Plaintext,
                    _ => TokenSinkResult::Continue,
                };
            }
            tok::CharacterTokens(s) => v.push(Token::text(s)),
            tok::NullCharacterToken => v.push(Token::text("\0")),
            tok::CommentToken(s) => v.push(Token::Comment(s.to_string())),
            tok::DoctypeToken(_) | tok::EOFToken | tok::ParseError(_) => {}
        }
        TokenSinkResult::Continue
    }
}

/// Tokenize HTML with html5ever's tokenizer into our tokens.
pub fn tokens(html: &str) -> Vec<Token> {
    let tokenizer = Tokenizer::new(Collect::default(), TokenizerOpts::default());
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&queue);
    tokenizer.end();
    tokenizer.sink.0.take()
}
