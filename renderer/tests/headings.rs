//! Headings: levels, ids (unique, with legacy fallbacks), trailing comments,
//! and section wrapping.

use wikitext_html::{render, DefaultSite, RenderOptions};

fn html(src: &str) -> String {
    render(&wikitext_parser::parse(src), &DefaultSite::default(), &RenderOptions::fragment())
}

fn sections(src: &str) -> String {
    let mut options = RenderOptions::fragment();
    options.wrap_sections = true;
    render(&wikitext_parser::parse(src), &DefaultSite::default(), &options)
}

#[test]
fn levels_follow_the_shorter_side() {
    assert_eq!(html("== a =="), "<h2 id=\"a\"> a </h2>");
    let out = html("=== a ==");
    assert!(out.starts_with("<h2 id=\"=_a\">") && out.ends_with("= a </h2>"), "{out}");
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
    assert!(out.contains("<h2 id=\"a?\"><span id=\"a.3F\" typeof=\"mw:FallbackId\"></span> a? </h2>"), "{out}");
}

#[test]
fn trailing_comments_stay_outside_the_heading() {
    assert_eq!(html("== a == <!-- c -->"), "<h2 id=\"a\"> a </h2><!-- c -->");
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
