//! Each limit that keeps memory bounded shows up in the output as something
//! a reader can see, not as a crash or a silently missing page. The limits
//! are listed in the README's "Security and limits" section.

use wikitext::{DefaultSite, RenderOptions};
use wikitext_html::options::OUTPUT_LIMIT_CLASS;

fn render(src: &str, options: &RenderOptions) -> String {
    wikitext::to_html(src, &DefaultSite::default(), options)
}

/// Parser nesting depth (64): a table nested deeper is its source text.
#[test]
fn tables_nested_past_the_parser_depth_show_as_text() {
    let src = "{|\n|\n".repeat(80) + &"|}\n".repeat(80);
    let tree = wikitext::parse(&src);
    assert_eq!(tree.to_wikitext(), src);
    let html = render(&src, &RenderOptions::fragment());
    let tables = html.matches("<table").count();
    assert!((1..80).contains(&tables), "{tables} tables built for 80 nested");
    assert!(html.contains("{|"), "the tables past the limit are not shown as text");
}

/// Parser nesting depth (64): wiki links nested deeper keep their brackets as text.
#[test]
fn links_nested_past_the_parser_depth_show_as_text() {
    let src = "[[a|".repeat(100) + &"]]".repeat(100);
    let html = render(&src, &RenderOptions::fragment());
    assert!(html.contains("[[a|"), "the links past the limit are not shown as text");
    assert!(html.len() < 100 * src.len(), "output grew to {} bytes", html.len());
}

/// Parser nesting depth (64): templates nested deeper keep their braces as text.
#[test]
fn templates_nested_past_the_parser_depth_show_as_text() {
    let src = "{{a|".repeat(100) + &"}}".repeat(100);
    let tree = wikitext::parse(&src);
    let templates = tree.descendants(tree.root()).filter(|&n| tree.kind(n) == wikitext::SyntaxKind::TEMPLATE).count();
    assert!((1..100).contains(&templates), "{templates} templates parsed for 100 nested");
    let html = render(&src, &RenderOptions::fragment());
    assert!(html.contains("{{a|"), "the templates past the limit are not shown as text: {html}");
}

/// Tag length (4096 bytes): a tag whose `>` is further away is text.
#[test]
fn tags_longer_than_the_limit_show_as_text() {
    let src = format!("<span title=\"{}\">x</span>", "a".repeat(5000));
    let html = render(&src, &RenderOptions::fragment());
    assert!(html.contains("&lt;span title="), "the over-long tag is not shown as text");
    let short = render("<span title=\"a\">x</span>", &RenderOptions::fragment());
    assert!(short.contains("<span title=\"a\""), "{short}");
}

/// Tree builder nesting (400 elements): deeper start tags are text.
#[test]
fn elements_nested_past_the_tree_depth_show_as_text() {
    let src = "<div>".repeat(600) + "x";
    let html = render(&src, &RenderOptions::fragment());
    let built = html.matches("<div").count();
    assert!((1..=400).contains(&built), "{built} divs built for 600 nested");
    assert!(html.contains("&lt;div>"), "the tags past the limit are not shown as text");
}

/// Output size: content past the limit is replaced by a visible error
/// paragraph, and the HTML stays well formed and safe.
#[test]
fn output_past_the_limit_is_cut_with_a_visible_error() {
    let src = "== Heading ==\n''a'' [[b]] {{c}}\n\n".repeat(500);
    let mut options = RenderOptions::page();
    options.max_output_bytes = Some(10_000);
    let full = render(&src, &RenderOptions::page());
    assert!(!full.contains(OUTPUT_LIMIT_CLASS), "the default limit cut a 16 KB page");
    let cut = render(&src, &options);
    assert!(cut.contains(OUTPUT_LIMIT_CLASS), "no marker in {cut}");
    assert!(cut.contains("exceed the output limit of 10000 bytes"));
    let marker_at = cut.find(OUTPUT_LIMIT_CLASS).unwrap_or(0);
    assert!(marker_at < 12_000, "the cut came after {marker_at} bytes");
    assert!(cut.len() < full.len() / 4, "cut {} bytes of {}", cut.len(), full.len());
    assert!(cut.trim_end().ends_with("</html>"), "the document lost its end: {}", &cut[cut.len().saturating_sub(200)..]);
    wikitext::safety::check_html(&cut).expect("cut output is safe");
}

/// The cut keeps everything before it, closing the elements it was inside.
#[test]
fn the_cut_keeps_what_came_before_it() {
    let src = "* one\n* two\n* three\n".repeat(200);
    let mut options = RenderOptions::fragment();
    options.max_output_bytes = Some(300);
    let cut = render(&src, &options);
    assert!(cut.starts_with("<ul><li>one</li>\n<li>two"), "{cut}");
    assert!(cut.len() < 300 + 200, "{} bytes: {cut}", cut.len());
    assert!(cut.contains("</ul>"), "the list was not closed: {cut}");
    assert!(cut.ends_with(&format!("<p class=\"error {OUTPUT_LIMIT_CLASS}\">The rest of this page is not shown: its HTML would exceed the output limit of 300 bytes.</p>")), "{cut}");
}
