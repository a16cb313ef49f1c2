//! Headings' section numbering, rendered end to end.

use wikitext_html::{render, DefaultSite, RenderOptions};

fn html_sections(src: &str) -> String {
    let tree = wikitext_parser::parse(src);
    let mut options = RenderOptions::fragment();
    options.wrap_sections = true;
    render(&tree, &DefaultSite::default(), &options)
}

#[test]
fn a_heading_leaving_a_bracket_open_starts_an_uneditable_section() {
    let out = html_sections("== a [[ b ==\nx\n== c ==\n");
    assert!(out.contains(r#"<section data-mw-section-id="-1"><h2"#), "{out}");
    // The next heading takes the first number.
    assert!(out.contains(r#"<section data-mw-section-id="1"><h2 id="c">"#), "{out}");
}

#[test]
fn closed_brackets_keep_a_heading_editable() {
    let out = html_sections("== a [[b]] {{c}} ==\n");
    assert!(out.contains(r#"<section data-mw-section-id="1">"#), "{out}");
}

#[test]
fn whitespace_after_a_multiline_trailing_comment_stays() {
    let tree = wikitext_parser::parse("== a == <!--\n--> <!-- b -->\n");
    let out = render(&tree, &DefaultSite::default(), &RenderOptions::fragment());
    assert!(out.contains("</h2><!--\n--> <!-- b -->"), "{out}");
    let tree = wikitext_parser::parse("== a == <!-- c --> <!-- b -->\n");
    let out = render(&tree, &DefaultSite::default(), &RenderOptions::fragment());
    assert!(out.contains("</h2><!-- c --><!-- b -->"), "{out}");
}

#[test]
fn an_empty_heading_has_an_empty_id() {
    let out = html_sections("== ==\n");
    assert!(out.contains(r#"<h2 id="">"#), "{out}");
}
