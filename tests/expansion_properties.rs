//! Property tests for template expansion: random small template sets
//! (three names; bodies built from parameters, calls, parser functions,
//! inclusion tags and syntax fragments) and pages that call them.
//!
//! - Expansion never panics and is deterministic (a fresh expander gives
//!   the same output for the same input, and so does rendering).
//! - It stays within its limits: under tight [`Limits`], the output is at
//!   most the page, plus what the include-size limit lets templates add,
//!   plus an error message per call.
//! - The HTML passes the output-safety oracle (`wikitext::safety::check_html`),
//!   also when hostile arguments are spliced into attributes, styles,
//!   external links and `#tag`.

#![cfg(feature = "safety")]

use proptest::prelude::*;
use wikitext::{DefaultSite, Expander, Limits, PageSources, RenderOptions, WithPages};

/// Template names: a small alphabet, so calls often find a template, and
/// loops and chains are common.
const NAMES: [&str; 3] = ["T1", "T2", "T3"];

/// Arguments a page or template may pass, hostile ones included.
const ARGS: &[&str] = &[
    "x",
    "",
    "a=b",
    "1=p",
    "2=q",
    "onclick=alert(1)",
    "1=onclick=alert(1)",
    "1=javascript:alert(1)",
    "2=x:expression(alert(1))",
    "2=background:url(javascript:alert(1))",
    "<script>alert(1)</script>",
    "\" onmouseover=\"alert(1)",
    "{{{1}}}",
    "{{T1}}",
    "|",
    "=",
    "\n*",
];

fn piece() -> impl Strategy<Value = String> {
    let fixed = prop::sample::select(vec![
        "{{{1}}}", "{{{2|}}}", "{{{a|d}}}", "{{{1|{{{a|}}}}}}", "{{#if:{{{1|}}}|yes|no}}", "{{#if:x|{{{1}}}|}}",
        "{{#switch:{{{1|}}}|a=A|x=X|#default=D}}", "{{#switch:{{{a|}}}|b|c=BC|{{{1|}}}}}", "{{#expr:1+1}}",
        "{{#expr:{{{1|2}}}*3}}", "{{#ifeq:{{{1|}}}|x|same|other}}", "{{#tag:script|alert(1)}}",
        "{{#tag:span|t|onclick=alert(1)}}", "{{#tag:span|t|style={{{2|}}}}}", "<span {{{1|}}}>s</span>",
        "<span style=\"{{{2|}}}\">s</span>", "[{{{1|http://a}}} l]", "<a href=\"{{{1|}}}\">h</a>",
        "<noinclude>", "</noinclude>", "<includeonly>", "</includeonly>", "<onlyinclude>", "</onlyinclude>",
        "text ", "|", "=", "\n", "{{", "}}", "{{{", "}}}", "''", "[[a]]", "* ", "{|\n|c\n|}", "<!--c-->",
        "{{int:m1|{{{1|}}}|x}}", "{{int:m1}}", "$1", "$2",
    ])
    .prop_map(str::to_string);
    let call = (prop::sample::select(NAMES.to_vec()), prop::collection::vec(prop::sample::select(ARGS.to_vec()), 0..3))
        .prop_map(|(name, args)| {
            let mut s = format!("{{{{{name}");
            for a in args {
                s.push('|');
                s.push_str(a);
            }
            s + "}}"
        });
    prop_oneof![3 => fixed, 1 => call]
}

fn body() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..12).prop_map(|v| v.concat())
}

/// Three templates and a page.
fn template_set() -> impl Strategy<Value = ([String; 3], String)> {
    ([body(), body(), body()], body())
}

/// The templates, and the third body as the wiki's message `m1` too (`{{int:m1}}`).
fn site(bodies: &[String; 3]) -> WithPages<DefaultSite> {
    NAMES
        .iter()
        .zip(bodies)
        .map(|(name, body)| (format!("Template:{name}"), body.clone()))
        .chain([("MediaWiki:M1".to_string(), bodies[2].clone())])
        .collect::<PageSources>()
        .over(DefaultSite::default())
}

fn tight_limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_depth = 20;
    limits.max_include_size = 20_000;
    limits.max_argument_size = 20_000;
    limits.max_nodes = 20_000;
    limits
}

/// The most an expansion may produce: the page itself, what the
/// include-size limit lets templates add (MediaWiki counts the output of
/// each top-level call), and an error message per call site.
fn output_bound(page: &str, limits: &Limits) -> usize {
    const ERROR_MARKUP: usize = 120;
    let calls = page.matches("{{").count() + 1;
    page.len() + limits.max_include_size + calls * ERROR_MARKUP
}

fn assert_safe(html: &str, what: &str) {
    if let Err(problem) = wikitext::safety::check_html(html) {
        panic!("{problem} for {what}\nin {html}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn expansion_is_deterministic_and_bounded((bodies, page) in template_set()) {
        let site = site(&bodies);
        let limits = tight_limits();
        let first = Expander::new(&site, "Main Page").with_limits(limits.clone()).expand_page(&page);
        let second = Expander::new(&site, "Main Page").with_limits(limits.clone()).expand_page(&page);
        prop_assert_eq!(&first, &second);
        let bound = output_bound(&page, &limits);
        prop_assert!(first.len() <= bound, "{} bytes expanded, bound {}", first.len(), bound);
        // With the default limits too (what the renderer uses).
        let default = wikitext::expand(&page, &site, "Main Page");
        prop_assert_eq!(&default, &wikitext::expand(&page, &site, "Main Page"));
        prop_assert!(default.len() <= output_bound(&page, &Limits::default()));
    }

    #[test]
    fn rendering_with_templates_is_deterministic_and_safe((bodies, page) in template_set()) {
        let site = site(&bodies);
        let options = if page.len() % 2 == 0 { RenderOptions::fragment() } else { RenderOptions::page() };
        let html = wikitext::to_html(&page, &site, &options);
        prop_assert_eq!(&html, &wikitext::to_html(&page, &site, &options));
        assert_safe(&html, &format!("templates {bodies:?}, page {page:?}"));
    }
}

/// The hostile cases the templates issue names, one by one: an argument
/// spliced into a tag's attributes, into a style, into an external link's
/// target, and `#tag:script`.
#[test]
fn hostile_arguments_come_out_safe() {
    let templates = [
        ("Template:Attr", "<span {{{1}}}>x</span>"),
        ("Template:Style", "<span style=\"{{{2}}}\">y</span>"),
        ("Template:Link", "[{{{1}}} x]"),
        ("Template:Href", "<a href=\"{{{1}}}\">z</a>"),
        ("Template:Script", "{{#tag:script|{{{1|alert(1)}}}}}"),
        ("Template:Tagattr", "{{#tag:span|t|{{{1}}}}}"),
        ("Template:Echo", "{{{1}}}"),
    ];
    let site = templates.into_iter().collect::<PageSources>().over(DefaultSite::default());
    let cases = [
        "{{Attr|1=onclick=alert(1)}}",
        "{{Attr|1=onmouseover=\"alert(1)\" title=a}}",
        "{{Attr|1=style=\"x:expression(alert(1))\"}}",
        "{{Style|1|2=expression(alert(1))}}",
        "{{Style|1|2=width: expr/**/ession(alert(1))}}",
        "{{Style|1|2=background:url(javascript:alert(1))}}",
        "{{Style|1|2=background:url( 'java\tscript:alert(1)')}}",
        "{{Style|1|2=\" onclick=\"alert(1)}}",
        "{{#tag:script|alert(1)}}",
        "{{Script}}",
        "{{Script|1=</script><script>alert(1)}}",
        "{{#tag:span|t|onclick=alert(1)}}",
        "{{Tagattr|1=onclick=alert(1)}}",
        "{{#tag:style|body{x:expression(alert(1))} }}",
        "[{{Echo|javascript:alert(1)}} x]",
        "{{Link|javascript:alert(1)}}",
        "{{Link|1=javascript:alert(1)}}",
        "{{Link|1= JaVaScRiPt:alert(1)}}",
        "{{Href|javascript:alert(1)}}",
        "{{Href|1=data:text/html,<script>alert(1)</script>}}",
        "[[{{Echo|javascript:alert(1)}}]]",
        "{{Echo|1=<script>alert(1)</script>}}",
        "{{Echo|1=<img src=x onerror=alert(1)>}}",
        "<span {{Echo|1=onclick=alert(1)}}>w</span>",
        "<div style=\"{{Echo|1=x:expression(alert(1))}}\">w</div>",
    ];
    for case in cases {
        for options in [RenderOptions::fragment(), RenderOptions::page()] {
            let html = wikitext::to_html(case, &site, &options);
            assert_safe(&html, case);
        }
    }
}

/// A hostile argument is still shown, as text, where it cannot run: the
/// script tag's content is escaped, not dropped silently.
#[test]
fn a_script_tag_from_tag_shows_as_text() {
    let html = wikitext::to_html("{{#tag:script|alert(1)}}", &DefaultSite::default(), &RenderOptions::fragment());
    assert!(html.contains("&lt;script") && html.contains("alert(1)"), "{html}");
}
