//! Comments' data as Parsoid writes it.

use wikitext_html::{render, DefaultSite, RenderOptions};

fn html(src: &str) -> String {
    let tree = wikitext_parser::parse(src);
    render(&tree, &DefaultSite::default(), &RenderOptions::fragment())
}

#[test]
fn comment_data_writes_ampersand_dash_and_gt_as_references() {
    let out = html("<!-- a-b & c > d --&gt; -->");
    assert!(out.contains("<!-- a&#x2D;b &#x26; c &#x3E; d &#x2D;&#x2D;&#x3E; -->"), "{out}");
}
