//! The `Dom` mutation and navigation API the DOM passes use.

mod dom_util;

use wikitext_html::dom::{Dom, NodeData};
use wikitext_html::serialize::inner_html;
use wikitext_html::tree_builder::parse_html;

fn body_of(html: &str) -> (Dom, wikitext_html::dom::NodeId) {
    let dom = parse_html(html);
    let body = dom.body().unwrap();
    (dom, body)
}

#[test]
fn create_append_insert() {
    let (mut dom, body) = body_of("<p>a</p>");
    let p = dom.first_child(body).unwrap();
    let span = dom.create_element("span", [("class", "x".to_string())]);
    let t = dom.create_text("b");
    dom.append_child(span, t);
    dom.append_child(p, span);
    let hr = dom.create_element("hr", []);
    dom.insert_before(p, hr);
    let c = dom.create_comment("c");
    dom.insert_after(p, c);
    assert_eq!(inner_html(&dom, body), r#"<hr/><p>a<span class="x">b</span></p><!--c-->"#);
    // Moving a node takes it out of its old place.
    dom.append_child(body, span);
    assert_eq!(inner_html(&dom, body), r#"<hr/><p>a</p><!--c--><span class="x">b</span>"#);
    assert_eq!(dom.parent(span), Some(body));
    assert_eq!(dom.prev_sibling(span), Some(c));
    assert_eq!(dom.next_sibling(span), None);
    assert_eq!(dom.last_child(body), Some(span));
}

#[test]
fn detach_replace_unwrap() {
    let (mut dom, body) = body_of("<div><b>1</b><i>2<u>3</u></i>4</div>");
    let div = dom.first_child(body).unwrap();
    let kids: Vec<_> = dom.children(div).collect();
    let (b, i) = (kids[0], kids[1]);
    dom.unwrap(i);
    assert_eq!(inner_html(&dom, body), "<div><b>1</b>2<u>3</u>4</div>");
    assert_eq!(dom.parent(i), None);
    let em = dom.create_element("em", []);
    dom.replace(b, em);
    dom.append_child(em, b);
    assert_eq!(inner_html(&dom, body), "<div><em><b>1</b></em>2<u>3</u>4</div>");
    dom.detach(em);
    assert_eq!(inner_html(&dom, body), "<div>2<u>3</u>4</div>");
    // A detached node keeps its subtree.
    assert_eq!(inner_html(&dom, em), "<b>1</b>");
    // Moving children wholesale.
    dom.reparent_children(div, em);
    assert_eq!(inner_html(&dom, em), "<b>1</b>2<u>3</u>4");
    assert_eq!(dom.first_child(div), None);
}

#[test]
fn unwrap_first_and_only() {
    let (mut dom, body) = body_of("<span>a</span>");
    let span = dom.first_child(body).unwrap();
    dom.unwrap(span);
    assert_eq!(inner_html(&dom, body), "a");
    assert_eq!(dom.children(body).count(), 1);
    // No parent: nothing happens.
    let lone = dom.create_element("b", []);
    dom.unwrap(lone);
    assert_eq!(dom.parent(lone), None);
}

#[test]
fn attributes() {
    let (mut dom, body) = body_of(r#"<a href="x" title="t">l</a>"#);
    let a = dom.first_child(body).unwrap();
    assert_eq!(dom.attr(a, "href"), Some("x"));
    assert!(dom.has_attr(a, "title"));
    dom.set_attr(a, "href", "y");
    dom.set_attr(a, "rel", "mw:WikiLink");
    assert_eq!(dom.remove_attr(a, "title"), Some("t".to_string()));
    assert_eq!(dom.remove_attr(a, "title"), None);
    assert_eq!(inner_html(&dom, body), r#"<a href="y" rel="mw:WikiLink">l</a>"#);
    // Not an element: no effect, no panic.
    let text = dom.first_child(a).unwrap();
    dom.set_attr(text, "x", "y");
    assert_eq!(dom.attr(text, "x"), None);
}

#[test]
fn navigation() {
    let (dom, body) = body_of("<ul><li>a<b>b</b></li><li>c</li></ul>d");
    let names = |ids: Vec<_>| -> Vec<String> {
        ids.into_iter()
            .map(|n| match dom.data(n) {
                NodeData::Element(e) => e.name.local.to_string(),
                NodeData::Text(t) => format!("{:?}", &**t),
                NodeData::Document => "#document".into(),
                _ => "?".into(),
            })
            .collect()
    };
    assert_eq!(names(dom.descendants(body).collect()), ["ul", "li", "\"a\"", "b", "\"b\"", "li", "\"c\"", "\"d\""]);
    assert_eq!(names(dom.children(body).rev().collect()), ["\"d\"", "ul"]);
    let ul = dom.first_child(body).unwrap();
    let b = dom.descendants(ul).find(|&n| dom.is_element_named(n, "b")).unwrap();
    assert_eq!(names(dom.ancestors(b).collect()), ["li", "ul", "body", "html", "#document"]);
    assert_eq!(dom.text_content(body), "abcd");
    assert_eq!(dom.local_name(b), Some("b"));
    assert!(!dom.is_element_named(b, "i"));
    // A children iterator meeting in the middle.
    let mut it = dom.children(ul);
    assert!(it.next().is_some());
    assert!(it.next_back().is_some());
    assert_eq!(it.next(), None);
}

#[test]
fn merge_text_nodes() {
    let mut dom = Dom::new();
    let doc = dom.document();
    let div = dom.create_element("div", []);
    dom.append_child(doc, div);
    for t in ["a", "", "b"] {
        let n = dom.create_text(t);
        dom.append_child(div, n);
    }
    let span = dom.create_element("span", []);
    dom.append_child(div, span);
    for t in ["", "c", "d"] {
        let n = dom.create_text(t);
        dom.append_child(span, n);
    }
    let e = dom.create_text("");
    dom.append_child(div, e);
    dom.merge_text_nodes(doc);
    assert_eq!(dom.children(div).count(), 2);
    assert_eq!(dom.text(dom.first_child(div).unwrap()), Some("ab"));
    assert_eq!(dom.children(span).count(), 1);
    assert_eq!(dom.text(dom.first_child(span).unwrap()), Some("cd"));
}

#[test]
fn src_ranges_settable() {
    let mut dom = Dom::new();
    let p = dom.create_element("p", []);
    assert_eq!(dom.src_range(p), None);
    dom.set_src_range(p, Some(3..7));
    dom.set_end_src_range(p, Some(9..13));
    assert_eq!(dom.src_range(p), Some(3..7));
    assert_eq!(dom.end_src_range(p), Some(9..13));
    dom.set_src_range(p, None);
    assert_eq!(dom.src_range(p), None);
}

#[test]
fn dom_is_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Dom>();
}
