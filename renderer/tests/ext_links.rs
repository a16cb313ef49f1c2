//! External links, bare URLs and magic links as Parsoid renders them.

mod common;

use common::html;


#[test]
fn hrefs_are_cleaned() {
    let out = html("http://example.com/index.php?foozoid&#x5B;&#x5D;=bar");
    assert!(out.contains(r#"href="http://example.com/index.php?foozoid%5B%5D=bar""#), "{out}");
    assert!(out.contains(">http://example.com/index.php?foozoid[]=bar</a>"), "{out}");
    let out = html("http://testing.123?4=5&vert;6");
    assert!(out.contains(r#"href="http://testing.123?4=5%7C6""#), "{out}");
    let out = html("[http://&#x20;www.example.org text]");
    assert!(out.contains(r#"href="http://+www.example.org""#), "{out}");
    let out = html("[http://[::1]/ loopback]");
    assert!(out.contains(r#"href="http://[::1]/""#), "{out}");
}

#[test]
fn idn_ignorable_characters_leave_the_host() {
    let out = html("http://e&zwnj;xample.com/");
    assert!(out.contains(r#"href="http://example.com/""#), "{out}");
    assert!(out.contains(">http://example.com/</a>"), "{out}");
}

#[test]
fn magic_links_have_parsoid_classes_and_entity_spans() {
    let out = html("RFC&nbsp;822");
    assert!(out.contains(r#"class="external mw-magiclink mw-magiclink-rfc""#), "{out}");
    assert!(out.contains(r#"href="https://datatracker.ietf.org/doc/html/rfc822""#), "{out}");
    assert!(out.contains(r#"<span typeof="mw:Entity">"#), "{out}");
    let out = html("ISBN 978&#160;0-316-09811-x");
    assert!(out.contains(r#"href="./Special:BookSources/978031609811X""#), "{out}");
    assert!(out.contains(r#"class="internal mw-magiclink mw-magiclink-isbn""#), "{out}");
}

#[test]
fn wiki_link_inside_external_link_text_is_misnested() {
    let out = html("[http://example.com test [[Wikilink]] embedded]");
    assert!(out.contains(">test </a><a"), "{out}");
    assert!(out.contains("<span> embedded</span>"), "{out}");
}

#[test]
fn quotes_balance_inside_external_link_text() {
    let out = html("''Some [http://example.com/ pretty ''italics'' and stuff]!''");
    assert!(out.contains("<i>Some <a"), "{out}");
    assert!(out.contains(">pretty <i>italics</i> and stuff</a>!</i>"), "{out}");
}

#[test]
fn unsafe_protocols_stay_text() {
    let out = html("[javascript:alert(1) x] javascript:alert(1)");
    assert!(!out.contains("<a"), "{out}");
}

#[test]
fn template_making_a_link_in_the_text_closes_the_link_as_a_wiki_link_does() {
    // A missing template renders as a link to its page: the external link
    // ends before it and the rest of its text goes in a span.
    let out = common::html("[http://example.org ''Title''{{'}}s page]");
    assert!(out.contains("<i>Title</i></a><a "), "{out}");
    assert!(out.contains(">Template:'s</a><span> page</span>"), "{out}");
}

/// Render `src` on the default wiki with `Template:1x` (`{{{1}}}`) and
/// `Template:Sp` (a space).
fn with_templates(src: &str) -> String {
    let pages: wikitext_expand::PageSources = [("Template:1x", "{{{1}}}"), ("Template:Sp", "a b")].into_iter().collect();
    let site = pages.over(wikitext_html::DefaultSite::default());
    wikitext_html::render(&wikitext_parser::parse(src), &site, &wikitext_html::RenderOptions::fragment())
}

#[test]
fn a_bare_url_runs_on_into_a_template_and_records_its_html() {
    let out = with_templates("(http://example.com/{{1x|hi}}/more).");
    assert!(out.contains(r#"href="http://example.com/hi/more""#), "{out}");
    assert!(out.contains(r#"typeof="mw:ExpandedAttrs""#), "{out}");
    // The URL's HTML as written, the template's output wrapped as a transclusion.
    assert!(out.contains(r##"{"html":"http://example.com/&lt;span about=\"#mwt1\" typeof=\"mw:Transclusion\""##), "{out}");
    assert!(out.contains(r#">hi&lt;/span>/more"}]]}'"#), "{out}");
    // The link's text is the expanded URL; the `)` without `(` and the `.` are not the URL's.
    assert!(out.contains(">http://example.com/hi/more</a>).</p>"), "{out}");
    // The template renders once, in the URL's HTML only.
    assert_eq!(out.matches("mw:Transclusion").count(), 1, "{out}");
}

#[test]
fn a_bracketed_url_runs_on_and_its_text_starts_after_the_space() {
    let out = with_templates("[http://example.com/{{1x|a}}?q={{urlencode:x y}} the ''text'']");
    assert!(out.contains(r#"href="http://example.com/a?q=x+y""#), "{out}");
    assert!(out.contains(r#"class="external text""#), "{out}");
    assert!(out.contains(">the <i>text</i></a>"), "{out}");
    let out = with_templates("[http://example.com/{{1x|a}}]");
    assert!(out.contains(r#"href="http://example.com/a" class="external autonumber""#), "{out}");
}

#[test]
fn output_a_url_cannot_hold_ends_it_inside_and_the_link_starts_the_transclusion() {
    // `a b`: the URL takes `a`; ` b` follows the link, in its transclusion,
    // whose part starts with the page's URL text.
    let out = with_templates("http://example.com/{{Sp}} x");
    assert!(out.contains(r#"href="http://example.com/a""#), "{out}");
    assert!(out.contains(r#"typeof="mw:Transclusion mw:ExpandedAttrs""#), "{out}");
    assert!(out.contains(r#""parts":["http://example.com/",{"template":{"target":{"wt":"Sp""#), "{out}");
    assert!(out.contains(r#">http://example.com/a</a><span about="#), "{out}");
    assert!(out.contains("> b</span> x</p>"), "{out}");
    // In brackets the rest is the link's text, before the page's.
    let out = with_templates("[http://example.com/{{1x|<b>bold</b>}} more]");
    assert!(out.contains(r#"href="http://example.com/" class="external text""#), "{out}");
    assert!(out.contains(r#""parts":["[http://example.com/",{"template""#), "{out}");
    assert!(out.contains(r#"}}," more]"]}'><b>bold</b> more</a>"#), "{out}");
    // Trailing punctuation the URL took from the output is not the bare URL's.
    let out = with_templates("http://example.com/{{1x|a. b}}");
    assert!(out.contains(r#"href="http://example.com/a""#), "{out}");
    assert!(out.contains(">. b</span>"), "{out}");
    // A missing template is a link, which no URL holds.
    let out = with_templates("http://example.com/{{Missing}}");
    assert!(out.contains(r#"href="http://example.com/""#), "{out}");
    assert!(out.contains(r#"title="Template:Missing""#), "{out}");
    assert!(!out.contains("ExpandedAttrs"), "{out}");
}

#[test]
fn comments_and_noinclude_in_a_url_are_dropped_from_its_href() {
    let out = with_templates("http://example.com/<!-- c -->a/<noinclude>b</noinclude>c");
    assert!(out.contains(r#"href="http://example.com/a/bc""#), "{out}");
    assert!(out.contains(">http://example.com/a/bc</a>"), "{out}");
    assert!(out.contains(r#"&lt;meta typeof=\"mw:Includes/NoInclude\"/>b"#), "{out}");
    // Comments alone change the href but are no expanded attribute.
    let out = with_templates("(http://example.com<!-- hi -->)");
    assert!(out.contains(r#"<a rel="mw:ExtLink nofollow" href="http://example.com" class="external free">http://example.com</a>)"#), "{out}");
}

#[test]
fn a_template_after_a_bracket_that_outputs_a_url_makes_an_external_link() {
    let out = with_templates("x [{{fullurl:Foo|action=edit}} edit ''it''] y");
    assert!(out.contains(r#"href="http://localhost/w/index.php?title=Foo&amp;action=edit" class="external text""#), "{out}");
    assert!(out.contains(">edit <i>it</i></a> y</p>"), "{out}");
    assert!(out.starts_with("<p>x <a"), "{out}");
    // The template's output rendered as a free link, in `data-mw` (a link cannot nest in a link).
    assert!(out.contains(r#"{"html":"&lt;a rel=\"mw:ExtLink nofollow\""#), "{out}");
    assert!(out.contains(r#"typeof=\"mw:Transclusion\" class=\"external free\""#), "{out}");
    let out = with_templates("[{{fullurl:Foo}}]");
    assert!(out.contains(r#"class="external autonumber""#), "{out}");
    // Not a URL, or no `]` on the line: text.
    let out = with_templates("[{{1x|foo}} bar]");
    assert!(out.starts_with("<p>[<span"), "{out}");
    assert!(out.contains(" bar]</p>"), "{out}");
    let out = with_templates("[{{fullurl:Foo}} bar\nbaz]");
    assert!(out.starts_with("<p>[<a"), "{out}");
    assert!(out.contains(r#"typeof="mw:Transclusion""#), "{out}");
    // An unsafe scheme stays text.
    let out = with_templates("[{{1x|javascript:alert(1)}} x]");
    assert!(!out.contains("href=\"javascript"), "{out}");
}
