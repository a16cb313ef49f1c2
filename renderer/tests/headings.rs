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
