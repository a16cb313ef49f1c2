//! Tree building from our tokens: the HTML5 rules html5ever applies, and
//! the source ranges that must survive them.
//!
//! Snapshots show the source, the tree (each element with its start tag
//! range `@a..b` and the closing end tag's `end@c..d`), and the body as
//! serialized.

mod dom_util;

use dom_util::dump_node;
use wikitext_html::dom::{Dom, NodeData, SRC_ATTR};
use wikitext_html::serialize::{inner_html, serialize_document};
use wikitext_html::token::{Attr, SrcRange, Token};
use wikitext_html::tree_builder::build;

fn range(start: usize, end: usize) -> Option<SrcRange> {
    Some(u32::try_from(start).unwrap()..u32::try_from(end).unwrap())
}

/// A toy lexer for tests: `<name k=v k2>` start tags (`/>` self-closes),
/// `</name>` end tags, `<!--c-->` comments, text and newlines. Tags carry
/// their byte ranges.
fn lex(src: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut pos = 0;
    let text = |s: &str, out: &mut Vec<Token>| {
        for (i, part) in s.split('\n').enumerate() {
            if i > 0 {
                out.push(Token::Newline);
            }
            if !part.is_empty() {
                out.push(Token::text(part));
            }
        }
    };
    while let Some(lt) = src[pos..].find('<').map(|i| pos + i) {
        text(&src[pos..lt], &mut out);
        if let Some(rest) = src[lt..].strip_prefix("<!--") {
            let end = rest.find("-->").expect("closed comment");
            out.push(Token::Comment(rest[..end].to_string()));
            pos = lt + 4 + end + 3;
            continue;
        }
        let gt = lt + src[lt..].find('>').expect("closed tag");
        let inner = &src[lt + 1..gt];
        if let Some(name) = inner.strip_prefix('/') {
            out.push(Token::EndTag { name: name.to_string().into(), src: range(lt, gt + 1) });
        } else {
            let (inner, self_closing) = match inner.strip_suffix('/') {
                Some(i) => (i, true),
                None => (inner, false),
            };
            let mut words = inner.split_whitespace();
            let name = words.next().expect("a tag name").to_string();
            let attrs = words
                .map(|w| match w.split_once('=') {
                    Some((k, v)) => Attr::new(k.to_string(), v.to_string()),
                    None => Attr::new(w.to_string(), ""),
                })
                .collect();
            out.push(Token::StartTag { name: name.into(), attrs, self_closing, src: range(lt, gt + 1) });
        }
        pos = gt + 1;
    }
    text(&src[pos..], &mut out);
    out
}

fn check(src: &str) -> String {
    let dom = build(lex(src));
    let body = dom.body().expect("a body");
    format!("{src}\n---\n{}---\n{}", dump_node(&dom, body, true), inner_html(&dom, body))
}

#[test]
fn misnested_formatting() {
    // The adoption agency closes <i> with </b> and reopens it after.
    insta::assert_snapshot!("misnested_formatting", check("<b>1<i>2</b>3</i>4"));
}

#[test]
fn formatting_across_paragraph() {
    // <b> is cloned into the <p>; the clone keeps the original's range.
    insta::assert_snapshot!("formatting_across_paragraph", check("<b>1<p>2</b>3</p>"));
}

#[test]
fn foster_parenting() {
    // Text and a <span> directly in <table> move before it, ranges intact.
    insta::assert_snapshot!("foster_parenting", check("<table>x<span>f</span><tr><td>c</td></tr></table>"));
}

#[test]
fn implied_end_tags() {
    // <div> closes the open <p> (no end range: nothing closed it in the
    // source); a stray </p> makes an empty paragraph that owns the tag.
    insta::assert_snapshot!("implied_end_tags", check("<p>a<div>b</div></p><ul><li>1<li>2</ul>"));
}

#[test]
fn void_elements() {
    insta::assert_snapshot!("void_elements", check("a<br/>b<br>c</br>d<hr><img src=x.png alt=y>"));
}

#[test]
fn newlines_and_pre() {
    // The tree builder drops a newline right after <pre>, as HTML does.
    insta::assert_snapshot!("newlines_and_pre", check("a\nb<pre>\n\nx\n</pre>\n<!--c-->"));
}

#[test]
fn table_in_paragraph_standards_mode() {
    // In quirks mode <table> would not close <p>; the doctype frame keeps
    // the document in standards mode.
    let out = check("<p>a<table><tr><td>b</td></tr></table>");
    assert!(out.ends_with("<p>a</p><table><tbody><tr><td>b</td></tr></tbody></table>"), "{out}");
    let dom = build(lex("x"));
    assert_eq!(dom.quirks_mode(), html5ever::tree_builder::QuirksMode::NoQuirks);
}

#[test]
fn document_frame() {
    let dom = build(lex("<link rel=mw:PageProp/Category href=./Category:X/><meta property=p/>text"));
    let mut html = String::new();
    serialize_document(&dom, &mut html);
    // Leading <link>/<meta> stay in the body, where Parsoid has them.
    assert_eq!(
        html,
        "<!DOCTYPE html>\n<html><head></head><body><link rel=\"mw:PageProp/Category\" \
         href=\"./Category:X\"/><meta property=\"p\"/>text</body></html>"
    );
    assert!(dom.head().is_some());
    assert_eq!(dom.parent(dom.body().unwrap()), dom.html());
}

#[test]
fn reserved_attribute_never_shows() {
    let dom = build(lex("<b>1<p>2</b>3</p><table><i>x<tr><td>y</i></td></tr></table>"));
    for n in dom.descendants(dom.document()) {
        if let NodeData::Element(e) = dom.data(n) {
            assert!(e.attrs.iter().all(|a| &*a.name != SRC_ATTR), "{e:?}");
        }
    }
    // A page attribute of that name is dropped, not read as a range.
    let dom = build([Token::StartTag {
        name: "span".into(),
        attrs: vec![Attr::new(SRC_ATTR, "1,2")].into(),
        self_closing: false,
        src: None,
    }]);
    let span = dom.first_child(dom.body().unwrap()).unwrap();
    assert_eq!(dom.src_range(span), None);
    assert!(dom.element(span).unwrap().attrs.is_empty());
}

#[test]
fn names_lowercased_and_duplicates_keep_first() {
    let dom = build([
        Token::start("SPAN", vec![Attr::new("Title", "a"), Attr::new("title", "b"), Attr::new("ID", "c")]),
        Token::text("x"),
        Token::end("Span"),
    ]);
    assert_eq!(inner_html(&dom, dom.body().unwrap()), r#"<span title="a" id="c">x</span>"#);
}

#[test]
fn many_attributes_deduplicated() {
    let attrs: Vec<Attr> = (0..1000).map(|i| Attr::new(format!("a{}", i % 500), i.to_string())).collect();
    let dom = build([Token::start("span", attrs)]);
    let span = dom.first_child(dom.body().unwrap()).unwrap();
    let e = dom.element(span).unwrap();
    assert_eq!(e.attrs.len(), 500);
    assert_eq!(dom.attr(span, "a7"), Some("7"));
}

#[test]
fn adopted_clone_shares_range() {
    let dom = build(lex("<b>1<p>2</b>3</p>"));
    let bs: Vec<_> = dom.descendants(dom.document()).filter(|&n| dom.is_element_named(n, "b")).collect();
    assert_eq!(bs.len(), 2);
    assert_eq!(dom.src_range(bs[0]), range(0, 3));
    assert_eq!(dom.src_range(bs[1]), range(0, 3));
    // </b> closed the clone inside <p>, the element it popped.
    assert_eq!(dom.end_src_range(bs[1]), range(8, 12));
}

#[test]
fn fostered_element_keeps_range() {
    let dom = build(lex("<table><span>f</span><tr><td>c</td></tr></table>"));
    let body = dom.body().unwrap();
    let first = dom.first_child(body).unwrap();
    assert!(dom.is_element_named(first, "span"));
    assert_eq!(dom.src_range(first), range(7, 13));
    assert_eq!(dom.end_src_range(first), range(14, 21));
    let table = dom.next_sibling(first).unwrap();
    assert_eq!(dom.src_range(table), range(0, 7));
}

#[test]
fn nul_characters() {
    let dom = build([Token::text("a\0b"), Token::start("svg", vec![]), Token::text("\0")]);
    assert_eq!(inner_html(&dom, dom.body().unwrap()), "ab<svg>\u{fffd}</svg>");
}

#[test]
fn raw_text_switch_is_honoured() {
    // After <style> the tree builder wants raw-text tokenizing, and would
    // hit `unreachable!` on a start tag or comment. We are the tokenizer:
    // markup up to </style> becomes text, NUL becomes U+FFFD.
    let dom = build([
        Token::start("style", vec![]),
        Token::start("b", vec![Attr::new("title", "x")]),
        Token::Comment("c".into()),
        Token::end("b"),
        Token::text("a<b>&c\0"),
        Token::end("style"),
        Token::start("textarea", vec![]),
        Token::Newline,
        Token::text("t"),
        Token::start("i", vec![]),
        Token::end("textarea"),
        Token::start("plaintext", vec![]),
        Token::text("p"),
        Token::end("plaintext"),
        Token::text("q"),
    ]);
    let body = dom.body().unwrap();
    assert_eq!(dom.text_content(dom.first_child(body).unwrap()), "<b title=\"x\"><!--c--></b>a<b>&c\u{fffd}");
    assert_eq!(
        inner_html(&dom, body),
        "<style><b title=\"x\"><!--c--></b>a<b>&c\u{fffd}</style><textarea>t&lt;i></textarea>\
         <plaintext>p</plaintext>q</plaintext>"
    );
}

#[test]
fn raw_text_end_tag_range() {
    let dom = build(lex("<p>a<textarea>x<b>y</textarea></p>"));
    let ta = dom.descendants(dom.document()).find(|&n| dom.is_element_named(n, "textarea")).unwrap();
    assert_eq!(dom.src_range(ta), range(4, 14));
    assert_eq!(dom.end_src_range(ta), range(19, 30));
    assert_eq!(dom.text_content(ta), "x<b>y");
}

#[test]
fn deep_nesting_needs_no_stack() {
    // Tree building caps nesting; a DOM built by hand can still be deep, and
    // serializing and walking it must not recurse.
    let n = 20_000;
    let mut dom = build(Vec::<Token>::new());
    let mut parent = dom.body().unwrap();
    for _ in 0..n {
        let span = dom.create_element("span", Vec::<(&str, String)>::new());
        dom.append_child(parent, span);
        parent = span;
    }
    let text = dom.create_text("x");
    dom.append_child(parent, text);
    let mut html = String::new();
    serialize_document(&dom, &mut html);
    assert_eq!(html.matches("<span>").count(), n);
    assert_eq!(dom.text_content(dom.document()), "x");
    let mut copy: Dom = dom.clone();
    copy.merge_text_nodes(copy.document());
}

#[test]
fn tree_building_caps_nesting() {
    let n = 2_000;
    let mut tokens = Vec::with_capacity(2 * n + 1);
    tokens.extend((0..n).map(|_| Token::start("span", vec![])));
    tokens.push(Token::text("x"));
    tokens.extend((0..n).map(|_| Token::end("span")));
    let dom = build(tokens);
    let mut html = String::new();
    serialize_document(&dom, &mut html);
    let built = html.matches("<span>").count();
    assert!(built < wikitext_html::tree_builder::MAX_NESTING, "{built} spans built");
    // The rest show as text.
    assert_eq!(html.matches("&lt;span>").count(), n - built);
}

#[test]
fn empty_stream() {
    let dom = build(Vec::new());
    let mut html = String::new();
    serialize_document(&dom, &mut html);
    assert_eq!(html, "<!DOCTYPE html>\n<html><head></head><body></body></html>");
}
