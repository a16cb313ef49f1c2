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

/// Parse the output as a browser would and check every element (the
/// checker the fuzz targets use).
fn assert_safe(html: &str) {
    if let Err(problem) = wikitext::safety::check_html(html) {
        panic!("{problem} in {html}");
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
