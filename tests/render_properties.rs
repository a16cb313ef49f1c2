//! Property tests for rendering: any input renders without panicking, and
//! the output is safe — no script element, no event-handler attribute, no
//! `javascript:` URL — whatever the input tries.

use proptest::prelude::*;
use wikitext::{DefaultSite, RenderOptions};

fn hostile() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<div onclick=\"x\">", "</div>",
        "<a href=\"javascript:alert(1)\">", "[javascript:alert(1) x]", "[[javascript:alert(1)]]",
        "<span style=\"background:url(javascript:x)\">", "<span style=\"x:expression(alert(1))\">",
        "<svg onload=alert(1)>", "<iframe src=x>", "<style>", "&lt;script&gt;", "<b", " onmouseover=x ",
        "{|", "|}", "\n", "|", "[[", "]]", "{{", "}}", "''", "<nowiki>", "</nowiki>", "<pre>", "=",
        "http://x.y/z", "[http://a b]", "<p", ">", "\"", "'", "<!--", "-->", " ", "x",
    ]);
    prop::collection::vec(atoms, 0..40).prop_map(|v| v.concat())
}

/// Parse the output as a browser would and check every element.
fn assert_safe(html: &str) {
    use html5ever::tendril::TendrilSink;
    use markup5ever_rcdom::{Handle, NodeData, RcDom};
    let dom = html5ever::parse_document(RcDom::default(), Default::default()).one(html);
    let mut stack: Vec<Handle> = vec![dom.document.clone()];
    while let Some(node) = stack.pop() {
        if let NodeData::Element { name, attrs, .. } = &node.data {
            let tag = name.local.to_ascii_lowercase();
            assert!(!matches!(tag.as_str(), "script" | "iframe" | "object" | "embed" | "style"), "<{tag}> element in {html}");
            for a in attrs.borrow().iter() {
                let attr = a.name.local.to_ascii_lowercase();
                assert!(!attr.starts_with("on"), "event handler {attr} in {html}");
                let value: String = a.value.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect::<String>().to_ascii_lowercase();
                if matches!(attr.as_str(), "href" | "src" | "action" | "formaction" | "poster" | "data" | "xlink:href") {
                    assert!(!value.starts_with("javascript:") && !value.starts_with("vbscript:"), "script URL in {attr} in {html}");
                }
            }
        }
        stack.extend(node.children.borrow().iter().cloned());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn hostile_input_renders_safely(s in hostile()) {
        let html = wikitext::to_html(&s, &DefaultSite::default(), &RenderOptions::fragment());
        assert_safe(&html);
    }

    #[test]
    fn arbitrary_input_renders(s in any::<String>()) {
        let html = wikitext::to_html(&s, &DefaultSite::default(), &RenderOptions::page());
        assert_safe(&html);
    }
}
