//! Behaviour switches.

mod common;

use common::html;


#[test]
fn behavior_switch_line_ends_the_paragraph() {
    let out = html("foo\n__NOtOC__\nbar");
    assert!(out.contains("</p>\n<meta property=\"mw:PageProp/notoc\"/>\n<p>bar</p>"), "{out}");
}

#[test]
fn comment_line_keeps_the_paragraph() {
    let out = html("foo\n<!-- c -->\nbar");
    assert!(out.contains("<!-- c -->\nbar</p>"), "{out}");
}
