//! Headings: levels, ids (unique, with legacy fallbacks), trailing comments,
//! and section wrapping, rendered end to end.

mod common;

use common::{html, sections};



#[test]
fn levels_follow_the_shorter_side() {
    assert_eq!(html("== a =="), "<h2 id=\"a\">a</h2>");
    let out = html("=== a ==");
    assert!(out.starts_with("<h2 id=\"=_a\">") && out.ends_with("= a</h2>"), "{out}");
    let out = html("======= a =======");
    assert!(out.starts_with("<h6 id=\"=_a_=\">") && out.ends_with("= a =</h6>"), "{out}");
}

#[test]
fn ids_are_unique_on_the_page() {
    let out = html("== a ==\n== a ==\n== A ==");
    assert!(out.contains("id=\"a\"") && out.contains("id=\"a_2\"") && out.contains("id=\"A_3\""), "{out}");
}

#[test]
fn ids_with_punctuation_get_a_legacy_fallback() {
    let out = html("== a? ==");
    assert!(out.contains("<h2 id=\"a?\"><span id=\"a.3F\" typeof=\"mw:FallbackId\"></span>a?</h2>"), "{out}");
}

#[test]
fn trailing_comments_stay_outside_the_heading() {
    assert_eq!(html("== a == <!-- c -->"), "<h2 id=\"a\">a</h2><!-- c -->");
}

#[test]
fn sections_nest_by_level() {
    let out = sections("lead\n== a ==\nx\n=== b ===\ny\n== c ==\nz");
    assert!(out.starts_with("<section data-mw-section-id=\"0\"><p>lead"), "{out}");
    assert!(out.contains("<section data-mw-section-id=\"2\"><h3 id=\"b\">"), "{out}");
    // Section 2 (level 3) sits inside section 1, which closes before section 3.
    let s2 = out.find("data-mw-section-id=\"2\"").unwrap_or(0);
    let s3 = out.find("data-mw-section-id=\"3\"").unwrap_or(0);
    assert!(out[s2..s3].contains("</section></section>"), "{out}");
}

#[test]
fn a_heading_leaving_a_bracket_open_starts_an_uneditable_section() {
    let out = sections("== a [[ b ==\nx\n== c ==\n");
    assert!(out.contains(r#"<section data-mw-section-id="-1"><h2"#), "{out}");
    // The next heading takes the first number.
    assert!(out.contains(r#"<section data-mw-section-id="1"><h2 id="c">"#), "{out}");
}

#[test]
fn closed_brackets_keep_a_heading_editable() {
    let out = sections("== a [[b]] {{c}} ==\n");
    assert!(out.contains(r#"<section data-mw-section-id="1">"#), "{out}");
}

#[test]
fn whitespace_after_a_multiline_trailing_comment_stays() {
    let out = html("== a == <!--\n--> <!-- b -->\n");
    assert!(out.contains("</h2><!--\n--> <!-- b -->"), "{out}");
    let out = html("== a == <!-- c --> <!-- b -->\n");
    assert!(out.contains("</h2><!-- c --><!-- b -->"), "{out}");
}

#[test]
fn an_empty_heading_has_an_empty_id() {
    let out = sections("== ==\n");
    assert!(out.contains(r#"<h2 id="">"#), "{out}");
}

/// r010: the renderer's bookkeeping lives in a side table, so page markup
/// cannot forge it: an HTML heading that writes the old marker attribute
/// opens no section of its own.
#[test]
fn r010_forged_heading_marker_opens_no_section() {
    let out = sections("<h2 data-wt-heading=\"x\">Forged</h2>\ntext\n== Real ==\nmore");
    assert_eq!(out.matches("<section").count(), 2, "{out}");
    assert!(out.starts_with("<section data-mw-section-id=\"0\"><h2 data-wt-heading=\"x\""), "{out}");
    assert!(out.contains("<section data-mw-section-id=\"1\"><h2 id=\"Real\">"), "{out}");
}

/// r010: a page's own attribute that looks like the renderer's paragraph
/// marker is kept, as MediaWiki keeps it.
#[test]
fn r010_user_paragraph_attribute_is_kept() {
    assert_eq!(html("<p data-wt-p=\"1\">kept</p>"), "<p data-wt-p=\"1\">kept</p>");
}

#[test]
fn ids_only_avoid_the_ids_before_them() {
    // An id earlier on the page is taken ...
    assert!(html("<span id=\"a\"></span>\n== a ==").contains("<h2 id=\"a_2\">"));
    // ... one inside the heading or after it is not.
    assert!(html("== <span id=\"a\"></span>a ==").contains("<h2 id=\"a\">"));
    assert!(html("== a ==\n<span id=\"a\"></span>").contains("<h2 id=\"a\">"));
}

#[test]
fn comments_and_include_directives_before_the_equals_leave_a_heading() {
    // MediaWiki reads the line without them; its preprocessor saw no
    // heading there, so the section is not editable.
    let out = sections("x\n<!-- c -->== a ==\ny");
    assert!(out.contains("<!-- c --></section><section data-mw-section-id=\"-1\"><h2 id=\"a\">a</h2>"), "{out}");
    let out = html("<includeonly>i</includeonly>== a ==");
    assert!(out.ends_with("<h2 id=\"a\">a</h2>"), "{out}");
    // Visible text first: no heading.
    assert!(!html("<noinclude>x</noinclude>== a ==").contains("<h2"), "not a heading");
}

#[test]
fn include_directives_after_a_heading_stay_outside_it() {
    let out = sections("== a == <noinclude>\nb\n</noinclude>");
    assert!(out.contains("<section data-mw-section-id=\"-1\"><h2 id=\"a\">a</h2> <meta typeof=\"mw:Includes/NoInclude\"/>"), "{out}");
    // Trailing comments alone keep it editable.
    assert!(sections("== a == <!-- c -->").contains("data-mw-section-id=\"1\""), "editable");
}

#[test]
fn language_converter_markup_counts_as_written_in_the_id() {
    let out = html("==-{Naslov}-==");
    assert!(out.starts_with("<h2 id=\"-{Naslov}-\">"), "{out}");
    // Also where the tree is handed over and freed early (`render_owned`).
    let tree = wikitext_parser::parse("==-{Naslov}-==");
    let out = wikitext_html::render_owned(tree, &wikitext_site::DefaultSite::default(), &wikitext_html::RenderOptions::fragment());
    assert!(out.starts_with("<h2 id=\"-{Naslov}-\">"), "{out}");
}
