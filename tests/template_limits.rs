//! Template bombs (`wikitext::pathological::TEMPLATE_CASES`): billion
//! laughs, argument doubling, a 150-level chain of templates and one of
//! parser functions, template loops and a page of 10,000 calls. Each must show the limit's error where a reader sees it,
//! and a page of 8× the calls may give at most 20× the output (counts, not
//! timing; `wikitext bench --pathological` times them).

#![cfg(feature = "safety")]

use wikitext::pathological::{TemplateCase, TEMPLATE_CASES, WIDE_CALLS};
use wikitext::{Expander, Limits, RenderOptions};

fn render(case: &TemplateCase, units: usize) -> String {
    wikitext::to_html(&(case.make)(units), &case.site(), &RenderOptions::fragment())
}

fn expand(case: &TemplateCase, units: usize) -> String {
    Expander::new(&case.site(), "Main Page").expand_page(&(case.make)(units))
}

/// The error is in the HTML as text inside an error span (not escaped
/// markup, not dropped), and the output is safe.
#[test]
fn each_bomb_shows_its_limit_error() {
    for case in TEMPLATE_CASES {
        let html = render(case, case.limit_units);
        let at = html.find(case.error).unwrap_or_else(|| panic!("{}: no {:?} in {} bytes", case.name, case.error, html.len()));
        let before = &html[..at];
        let span = before.rfind("<span").unwrap_or_else(|| panic!("{}: the error is not in a span", case.name));
        assert!(before[span..].contains("class=\"error\""), "{}: {}", case.name, &before[span..]);
        assert!(!html.contains("&lt;span class=\"error\""), "{}: the error markup was escaped", case.name);
        wikitext::safety::check_html(&html).unwrap_or_else(|problem| panic!("{}: {problem}", case.name));
    }
}

/// The expander alone stops the same way, and its output stays within a
/// bound of the limits: what one page may add (the include size, and as
/// much again of literal text and error messages) plus the page itself.
#[test]
fn each_bomb_expands_within_the_limits() {
    let limits = Limits::default();
    for case in TEMPLATE_CASES {
        let page = (case.make)(case.limit_units);
        let out = expand(case, case.limit_units);
        assert!(out.contains(case.error), "{}: no {:?} in {}", case.name, case.error, &out[..out.len().min(300)]);
        assert!(
            out.len() <= 2 * limits.max_include_size + 100 * page.len(),
            "{}: {} bytes expanded from {} bytes",
            case.name,
            out.len(),
            page.len()
        );
    }
}

/// Billion laughs: 2^40 expansions are cut short by the node count, and the
/// page ends with that error (the rest of the tree is not expanded).
#[test]
fn billion_laughs_ends_with_the_node_count_error() {
    let case = &TEMPLATE_CASES[0];
    let html = render(case, 1);
    let tail = html.trim_end().trim_end_matches("</p>").trim_end_matches("</span>");
    assert!(tail.ends_with(case.error), "{}", &html[html.len().saturating_sub(300)..]);
    assert!(html.matches("lol").count() > 1000, "no laughs before the limit");
}

/// Loops: the error names the template that looped, as a link.
#[test]
fn loops_name_the_template() {
    let case = TEMPLATE_CASES.iter().find(|c| c.name.starts_with("template loops")).expect("the loop case");
    let out = expand(case, 1);
    assert!(out.contains("Template loop detected: [[:Template:Loop]]"), "{out}");
    assert!(out.contains("Template loop detected: [[:Template:Ping]]"), "{out}");
    assert!(out.starts_with('a') && out.contains("pq"), "{out}");
}

/// The chain: 150 levels stop at the template depth limit (100), with
/// MediaWiki's message naming it; the text each level adds after its call
/// is still there.
#[test]
fn the_chain_stops_at_the_depth_limit() {
    let case = TEMPLATE_CASES.iter().find(|c| c.name.starts_with("nesting chain")).expect("the chain case");
    let out = expand(case, 1);
    assert!(!out.contains("end"), "the chain reached its end: {out}");
    let after_error = out.trim_end().split("</span>").last().unwrap_or("");
    let xs = after_error.matches('x').count();
    assert!((90..=100).contains(&xs) && xs == after_error.len(), "{xs} levels expanded: {out}");
    assert!(out.contains("Template recursion depth limit exceeded (100)"), "{out}");
}

/// Parser functions count toward the expansion depth with the templates
/// around them: a 150-level chain of `{{#if:1|{{next}}}}` stops at about
/// half the template depth, with the expansion depth error.
#[test]
fn nested_parser_functions_stop_at_the_expansion_depth() {
    let case = TEMPLATE_CASES.iter().find(|c| c.name.starts_with("parser functions nested")).expect("the case");
    let out = expand(case, 1);
    assert!(out.contains("<span class=\"error\">Expansion depth limit exceeded</span>"), "{out}");
    let xs = out.trim_end().split("</span>").last().unwrap_or("").len();
    assert!((40..=60).contains(&xs), "{xs} levels expanded: {out}");
}

/// The wide page: the first calls are rendered, then the include size runs
/// out and every later call shows the error instead.
#[test]
fn the_wide_page_runs_out_of_include_size() {
    let case = TEMPLATE_CASES.iter().find(|c| c.name.starts_with("wide page")).expect("the wide case");
    let out = expand(case, WIDE_CALLS);
    let rendered = out.matches("<span>").count();
    let errors = out.matches(case.error).count();
    assert!(rendered > 5000 && errors > 0, "{rendered} calls rendered, {errors} errors");
    assert_eq!(rendered + errors, WIDE_CALLS);
    let last_span = out.rfind("<span>").unwrap_or(0);
    assert!(out.rfind(case.error).unwrap_or(0) > last_span, "the page does not end with the error");
}

/// 8× the calls gives at most 20× the output, for the HTML and for the expansion.
#[test]
fn template_bombs_grow_linearly() {
    for case in TEMPLATE_CASES {
        // The wide page's units are small: scale them up so the larger page
        // still hits the include-size limit.
        let unit = if case.limit_units > 1 { case.limit_units / 8 } else { 50 };
        for (what, small, large) in [
            ("HTML", render(case, unit).len(), render(case, 8 * unit).len()),
            ("expansion", expand(case, unit).len(), expand(case, 8 * unit).len()),
        ] {
            assert!(large <= 20 * small.max(1), "{} ({what}): output grew from {small} to {large} bytes for 8x the calls", case.name);
        }
    }
}
