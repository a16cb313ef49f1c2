//! Serialization as Parsoid writes HTML: void elements, attribute quoting,
//! escaping, raw text, `<pre>` newlines, documents.

mod dom_util;

use wikitext_html::dom::Dom;
use wikitext_html::serialize::{inner_html, outer_html, serialize_children, serialize_document, serialize_node};
use wikitext_html::tree_builder::parse_html;

/// Parse body HTML and write the body back.
fn body(html: &str) -> String {
    let dom = parse_html(&format!("<!DOCTYPE html><body>{html}"));
    inner_html(&dom, dom.body().unwrap())
}

fn attr(value: &str) -> String {
    let mut dom = Dom::new();
    let doc = dom.document();
    let span = dom.create_element("span", [("title", value.to_string())]);
    dom.append_child(doc, span);
    outer_html(&dom, span)
}

#[test]
fn void_elements() {
    assert_eq!(body("a<br>b<br/>c</br>"), "a<br/>b<br/>c<br/>");
    assert_eq!(
        body(
            r#"<meta property="mw:PageProp/toc"><link rel="mw:PageProp/Category" href="./Category:X"><hr><img src="x" alt="">"#
        ),
        r#"<meta property="mw:PageProp/toc"/><link rel="mw:PageProp/Category" href="./Category:X"/><hr/><img src="x" alt=""/>"#
    );
    assert_eq!(body("<wbr><input type=hidden><col>"), r#"<wbr/><input type="hidden"/>"#);
}

#[test]
fn void_element_children_are_not_written() {
    let mut dom = Dom::new();
    let doc = dom.document();
    let br = dom.create_element("br", []);
    dom.append_child(doc, br);
    let t = dom.create_text("lost");
    dom.append_child(br, t);
    assert_eq!(outer_html(&dom, br), "<br/>");
}

#[test]
fn attribute_quoting() {
    assert_eq!(attr("plain"), r#"<span title="plain"></span>"#);
    assert_eq!(attr(""), r#"<span title=""></span>"#);
    // Only double quotes: single-quoted, as Parsoid writes data-mw.
    assert_eq!(attr(r#"{"a":"b"}"#), r#"<span title='{"a":"b"}'></span>"#);
    // Only single quotes: double-quoted.
    assert_eq!(attr("it's"), r#"<span title="it's"></span>"#);
    // More double than single quotes: single-quoted, ' as &apos;.
    assert_eq!(attr(r#"{"a":"it's"}"#), r#"<span title='{"a":"it&apos;s"}'></span>"#);
    // A tie, or more single quotes: double-quoted, " as &quot;.
    assert_eq!(attr(r#"'"'"#), r#"<span title="'&quot;'"></span>"#);
    assert_eq!(attr(r#"a"b'c"#), r#"<span title="a&quot;b'c"></span>"#);
    // & and < escaped, > not.
    assert_eq!(attr("a&b<c>d"), r#"<span title="a&amp;b&lt;c>d"></span>"#);
    assert_eq!(attr(r#"{"wt":"<b>&amp;</b>"}"#), r#"<span title='{"wt":"&lt;b>&amp;amp;&lt;/b>"}'></span>"#);
}

#[test]
fn text_escaping() {
    assert_eq!(body("a &amp; b &lt; c &gt; d \"e\" 'f'"), "a &amp; b &lt; c > d \"e\" 'f'");
    assert_eq!(body("nbsp:&nbsp;"), "nbsp:\u{a0}");
    assert_eq!(body("<!--a < b & c-->"), "<!--a < b & c-->");
}

#[test]
fn raw_text_elements() {
    assert_eq!(body("<style>a > b & c < d</style>"), "<style>a > b & c < d</style>");
    assert_eq!(body("<script>if (a<b && c) {}</script>"), "<script>if (a<b && c) {}</script>");
    assert_eq!(body("<xmp><b>&amp;</xmp>"), "<xmp><b>&amp;</xmp>");
    // RCDATA is escaped.
    assert_eq!(body("<textarea><b>&amp;</textarea>"), "<textarea>&lt;b>&amp;</textarea>");
    // svg <style> is not raw text.
    assert_eq!(body("<svg><style>a&amp;b</style></svg>"), "<svg><style>a&amp;b</style></svg>");
}

#[test]
fn leading_newline_in_pre() {
    // Parsing drops one newline after <pre>; writing one back keeps it.
    assert_eq!(body("<pre>\n\nfoo\n</pre>"), "<pre>\n\nfoo\n</pre>");
    assert_eq!(body("<pre>\nfoo</pre>"), "<pre>foo</pre>");
    assert_eq!(
        body("<textarea>\n\nx</textarea><listing>\n\ny</listing>"),
        "<textarea>\n\nx</textarea><listing>\n\ny</listing>"
    );
    assert_eq!(body("<div>\nx</div>"), "<div>\nx</div>");
}

#[test]
fn foreign_content() {
    assert_eq!(
        body(r##"<svg viewbox="0 0 1 1"><foreignobject><p>x</p></foreignobject><use xlink:href="#a"></use></svg>"##),
        r##"<svg viewBox="0 0 1 1"><foreignObject><p>x</p></foreignObject><use xlink:href="#a"></use></svg>"##
    );
}

#[test]
fn template_contents() {
    assert_eq!(body("<template><td>x</td></template>y"), "<template><td>x</td></template>y");
}

#[test]
fn node_and_children() {
    let dom = parse_html("<p class=a>x<b>y</b></p>");
    let p = dom.first_child(dom.body().unwrap()).unwrap();
    let mut s = String::from("prefix:");
    serialize_node(&dom, p, &mut s);
    assert_eq!(s, r#"prefix:<p class="a">x<b>y</b></p>"#);
    s.clear();
    serialize_children(&dom, p, &mut s);
    assert_eq!(s, "x<b>y</b>");
    let text = dom.first_child(p).unwrap();
    assert_eq!(outer_html(&dom, text), "x");
    assert_eq!(inner_html(&dom, text), "");
}

#[test]
fn documents() {
    let dom = parse_html("<!DOCTYPE html><title>t</title><p>x");
    let mut s = String::new();
    serialize_document(&dom, &mut s);
    assert_eq!(s, "<!DOCTYPE html>\n<html><head><title>t</title></head><body><p>x</p></body></html>");
    // A tree without a doctype still gets one.
    let mut dom = Dom::new();
    let doc = dom.document();
    let html = dom.create_element("html", []);
    dom.append_child(doc, html);
    let mut s = String::new();
    serialize_document(&dom, &mut s);
    assert_eq!(s, "<!DOCTYPE html>\n<html></html>");
}

#[test]
fn document_round_trip() {
    let page = "<!DOCTYPE html>\n<html prefix=\"dc: http://purl.org/dc/terms/\"><head><meta charset=\"utf-8\"/>\
        <title>T</title></head><body class=\"mw-content-ltr\"><p about=\"#mwt1\" typeof=\"mw:Transclusion\" \
        data-mw='{\"parts\":[{\"template\":{\"target\":{\"wt\":\"x&lt;y\"}}}]}'>a &amp; b &lt; c</p>\n\
        <pre>\n\nz</pre><table><tbody><tr><td>1</td></tr></tbody></table></body></html>";
    let dom = parse_html(page);
    let mut s = String::new();
    serialize_document(&dom, &mut s);
    assert_eq!(s, page);
}
