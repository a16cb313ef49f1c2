//! Wiki links, categories, language links, subpage links and redirects, as
//! Parsoid renders them.

use wikitext_site::site::{Interwiki, PageState};
use wikitext_html::{RenderOptions, Site};

/// An English wiki where "Foo" exists, main-namespace subpages are on, and
/// `es:` is a language prefix.
struct TestSite {
    protocols: Vec<String>,
}

impl Site for TestSite {
    fn url_protocols(&self) -> &[String] {
        &self.protocols
    }
    fn page_state(&self, title: &str) -> PageState {
        if matches!(title, "Foo" | "Page" | "Template:1x") { PageState::Exists } else { PageState::Missing }
    }
    fn page_source(&self, title: &str) -> Option<String> {
        (title == "Template:1x").then(|| "{{{1}}}".to_string())
    }
    fn has_subpages(&self, namespace: i32) -> bool {
        namespace == 0
    }
    fn interwiki(&self, prefix: &str) -> Option<Interwiki> {
        match prefix {
            "es" => Some(Interwiki { language: true, ..Interwiki::new("http://es.example.org/wiki/$1") }),
            "local" => Some(Interwiki { local_interwiki: true, local: true, ..Interwiki::new("http://local/$1") }),
            "meatball" => Some(Interwiki::new("http://meatball.example/$1")),
            _ => None,
        }
    }
}

fn html(src: &str, title: &str) -> String {
    let site = TestSite { protocols: wikitext_site::site::default_url_protocols() };
    let mut options = RenderOptions::fragment();
    options.title = title.to_string();
    let tree = wikitext_parser::parse(src);
    wikitext_html::render(&tree, &site, &options)
}

#[test]
fn self_links_have_no_title() {
    let out = html("[[Page]] [[Page#s]] [[#t]]", "Page");
    assert!(out.contains(r#"<a rel="mw:WikiLink" href="./Page" class="mw-selflink selflink">Page</a>"#), "{out}");
    assert!(out.contains(r#"href="./Page#s" class="mw-selflink-fragment">Page#s</a>"#), "{out}");
    assert!(out.contains(r#"href="./Page#t" class="mw-selflink-fragment">#t</a>"#), "{out}");
}

#[test]
fn link_text_holds_no_other_link() {
    let out = html("[[Foo|http://x.org/]] [[Foo|[http://x.org/ y]]]", "Page");
    assert!(!out.contains("mw:ExtLink"), "{out}");
    assert!(out.contains(">[http://x.org/ y]</a>"), "{out}");
    // A wiki link in the text leaves the outer brackets as text.
    let out = html("[[Hi|[[Foo]]]]", "Page");
    assert!(out.starts_with("<p>[[Hi|<a"), "{out}");
    assert!(out.contains("</a>]]"), "{out}");
}

#[test]
fn pipe_trick_and_url_targets_are_text() {
    assert_eq!(html("[[Foo|]]", "Page"), "<p>[[Foo|]]</p>");
    let out = html("[[http://x.org/]]", "Page");
    assert!(out.starts_with("<p>[<a rel=\"mw:ExtLink"), "{out}");
}

#[test]
fn quotes_in_targets_are_literal() {
    let out = html("[[''Foo'']]", "Page");
    assert!(out.contains(r#"href="./''Foo''"#), "{out}");
    assert!(out.contains(">''Foo''</a>"), "{out}");
}

#[test]
fn bracket_in_link_text_takes_its_closer() {
    let out = html("[[Foo|[bar]]]", "Page");
    assert!(out.contains(">[bar]</a></p>"), "{out}");
    assert_eq!(html("[[[Foo]]]", "Page"), "<p>[[[Foo]]]</p>");
}

#[test]
fn subpage_links_resolve() {
    let out = html("[[/Sub]] [[/Sub/]]", "Page");
    assert!(out.contains(r#"href="./Page/Sub?action=edit&amp;redlink=1" title="Page/Sub""#), "{out}");
    assert!(out.contains(">/Sub</a>") && out.contains(">Sub</a>"), "{out}");
    let out = html("[[../]] [[../x/]]", "Page/A/B");
    assert!(out.contains(r#"href="./Page/A?action=edit&amp;redlink=1""#) && out.contains(">Page/A</a>"), "{out}");
    assert!(out.contains(r#"href="./Page/A/x?action=edit&amp;redlink=1""#) && out.contains(">x</a>"), "{out}");
    // Not above the top page.
    assert_eq!(html("[[../../x]]", "Page/A"), "<p>[[../../x]]</p>");
}

#[test]
fn local_interwiki_prefixes() {
    let out = html("[[local:local:Foo]]", "Page");
    assert!(out.contains(r#"href="./Foo" title="Foo""#), "{out}");
    // A language prefix after a local one is an inline link.
    let out = html("[[local:es:Foo]]", "Page");
    assert!(out.contains("mw:WikiLink/Interwiki"), "{out}");
}

#[test]
fn trailing_page_props_leave_paragraphs_and_lists() {
    let out = html("Text\n[[Category:X]]", "Page");
    assert_eq!(out, "<p>Text</p>\n<link rel=\"mw:PageProp/Category\" href=\"./Category:X\"/>");
    let out = html("*a\n**b\n[[es:Foo]]", "Page");
    assert!(out.ends_with("</ul>\n<link rel=\"mw:PageProp/Language\" href=\"http://es.example.org/wiki/Foo\"/>"), "{out}");
    let out = html("*a [[Category:X]]", "Page");
    assert!(out.contains("<li>a<link"), "{out}");
    // In the talk namespace language links are inline.
    let out = html("[[es:Foo]]", "Talk:Page");
    assert!(out.contains("mw:WikiLink/Interwiki"), "{out}");
}

#[test]
fn category_sort_keys_lose_newlines() {
    let out = html("[[Category:X|\n*]]", "Page");
    assert!(out.contains(r#"href="./Category:X#*""#), "{out}");
}

#[test]
fn redirects() {
    let out = html(" \n#REDIRECT\n:\n[[Foo]]", "Page");
    assert_eq!(out, r#"<link rel="mw:PageProp/redirect" href="./Foo"/>"#);
    let out = html("#REDIRECT [[Foo]]----", "Page");
    assert!(out.ends_with("<hr/>"), "{out}");
    // An empty target is no redirect: the line is a list item.
    assert!(html("#REDIRECT [[]]", "Page").starts_with("<ol>"));
}

#[test]
fn template_making_a_link_in_the_text_leaves_the_brackets_as_text() {
    // A missing template renders as a link to its page, so the outer link
    // holds a link and its brackets are text, as on Parsoid's real pages.
    let out = html("[[Apollo 4|Apollo{{nbsp}}4]]", "Main Page");
    assert!(out.starts_with("<p>[[Apollo 4|Apollo<a "), "{out}");
    assert!(out.ends_with(">Template:Nbsp</a>4]]</p>"), "{out}");
    // A template that makes no link leaves the link alone.
    let out = html("[[Foo|a {{#if:x|b}} c]]", "Main Page");
    assert!(out.starts_with("<p><a rel=\"mw:WikiLink\" href=\"./Foo\""), "{out}");
    // One that makes a link in its output does not.
    let out = html("[[Foo|a {{#if:x|[[Bar]]}}]]", "Main Page");
    assert!(out.starts_with("<p>[[Foo|a "), "{out}");
}

#[test]
fn quotes_in_link_text_pair_among_themselves() {
    let out = html("''[[Foo|''Bar'']]''", "Main Page");
    assert!(out.starts_with("<p><i><a rel=\"mw:WikiLink\" href=\"./Foo\""), "{out}");
    assert!(out.ends_with("><i>Bar</i></a></i></p>"), "{out}");
}

#[test]
fn an_escaping_colon_after_an_interwiki_prefix_is_not_shown() {
    let out = html("[[meatball::Category:Hello]]", "Page");
    assert!(out.contains(">meatball:Category:Hello</a>"), "{out}");
}

#[test]
fn a_target_a_template_made_is_an_expanded_attribute() {
    // The target as HTML, with its template's transclusion, in `data-mw`.
    let out = html("[[Fo{{1x|o}}|bar]]", "Page");
    assert!(out.contains(r##"<a rel="mw:WikiLink" href="./Foo" title="Foo" typeof="mw:ExpandedAttrs" data-mw='{"attribs":[[{"txt":"href"},{"html":"Fo&lt;span about=\"#mwt1\" typeof=\"mw:Transclusion\" data-mw=&apos;{\"parts\":[{\"template\":{\"target\":{\"wt\":\"1x\",\"href\":\"./Template:1x\"},\"params\":{\"1\":{\"wt\":\"o\"}},\"i\":0}}]}&apos;>o&lt;/span>"}]]}'>bar</a>"##), "{out}");
    // A red link is localized too; the text is the expanded target.
    let out = html("[[Ba{{1x|r}}]]", "Page");
    assert!(out.contains(r#"typeof="mw:ExpandedAttrs mw:LocalizedAttrs""#), "{out}");
    assert!(out.contains(r#"&lt;/span>"}]]}'>Bar</a>"#), "{out}");
    // A link without templates has none.
    assert!(!html("[[Foo]]", "Page").contains("data-mw"));
}

#[test]
fn page_letters_after_a_template_ending_in_a_link_are_its_trail() {
    // MediaWiki links the expanded text: the trail joins the link, and the
    // transclusion covers it as a string part.
    let out = html("{{1x|[[Foo]]}}l {{1x|[[Foo]]l}}s", "Page");
    assert!(out.contains(r#""i":0}},"l"]}'>Fool</a> "#), "{out}");
    assert!(out.contains(r#""i":0}},"s"]}'>Fools</a></p>"#), "{out}");
    // Output that ends in anything else takes no trail.
    let out = html("{{1x|[[Foo]] }}l", "Page");
    assert!(out.contains(">Foo</a>"), "{out}");
}

/// A wiki whose letters before `[[` join the link (a link prefix charset).
struct PrefixSite;

impl Site for PrefixSite {
    fn url_protocols(&self) -> &[String] {
        &[]
    }
    fn page_state(&self, title: &str) -> PageState {
        if matches!(title, "Foo" | "Template:1x") { PageState::Exists } else { PageState::Missing }
    }
    fn page_source(&self, title: &str) -> Option<String> {
        (title == "Template:1x").then(|| "{{{1}}}".to_string())
    }
    fn link_prefix_len(&self, before: &str) -> usize {
        before.len() - before.trim_end_matches(char::is_alphabetic).len()
    }
}

#[test]
fn page_letters_before_a_template_starting_with_a_link_are_its_prefix() {
    let mut options = RenderOptions::fragment();
    options.title = "Page".to_string();
    let out = wikitext_html::render(&wikitext_parser::parse("x mót{{1x|mæ[[Foo|bar]]}}"), &PrefixSite, &options);
    // The letters join the link, and the transclusion covers them.
    assert!(out.contains(r#"<p>x <a rel="mw:WikiLink" href="./Foo" title="Foo""#), "{out}");
    assert!(out.contains(r#"data-mw='{"parts":["mót",{"template""#), "{out}");
    assert!(out.contains(">mótmæbar</a></p>"), "{out}");
    // Output that starts with other text leaves the page's letters alone.
    let out = wikitext_html::render(&wikitext_parser::parse("x mót{{1x|mæ [[Foo|bar]]}}"), &PrefixSite, &options);
    assert!(out.contains("<p>x mót<span"), "{out}");
}

#[test]
fn a_category_sort_key_expands_its_templates() {
    let out = html("[[Category:X|{{PAGENAME}}]][[Category:Y|MediaWiki {{1x|Foo}} Guide]]", "Foo bar");
    assert!(out.contains(r#"href="./Category:X#Foo%20bar""#), "{out}");
    assert!(out.contains(r#"href="./Category:Y#MediaWiki%20Foo%20Guide""#), "{out}");
}

#[test]
fn a_target_spelled_by_references_is_put_in_nfc() {
    // U+FB2E decomposes under NFC: the reference and the %-escape link the
    // same page as its NFC spelling, and the text shows what was written.
    let nfc = "\u{5D0}\u{5B7}";
    for src in ["[[&#xFB2E;]]", "[[%EF%AC%AE]]", &format!("[[{nfc}]]")] {
        let out = html(src, "Main Page");
        assert!(out.contains(&format!("href=\"./{nfc}?action=edit&amp;redlink=1\"")), "{src}: {out}");
        assert!(out.contains(&format!("title=\"{nfc}\"")), "{src}: {out}");
    }
}

#[test]
fn a_redirect_from_a_template_is_a_numbered_item() {
    // Only the page's own first line can be a redirect.
    let out = html("{{1x|#REDIRECT [[Foo]]}}", "Main Page");
    assert!(out.contains("<ol") && out.contains("<li>REDIRECT <a"), "{out}");
    assert!(!out.contains("mw:PageProp/redirect"), "{out}");
    let out = html("#REDIRECT [[Foo]]", "Main Page");
    assert!(out.contains("rel=\"mw:PageProp/redirect\""), "{out}");
}

#[test]
fn an_inline_image_caption_gets_french_spacing_before_it_moves_into_data_mw() {
    let out = html("[[File:Foo.jpg|« test »]]", "Main Page");
    assert!(out.contains("\"caption\":\"«&lt;span typeof=\\\"mw:DisplaySpace\\\">\u{a0}&lt;/span>test"), "{out}");
}

#[test]
fn a_pipe_magic_word_in_a_link_that_bails_is_a_pipe() {
    // `{{!}}` expands to `|` before the link is read: text, not `{{!}}`,
    // and no transclusion of its own (as Parsoid reads it as a pipe).
    let out = html("[[a<b{{!}}c]] [[{{!}}]]", "Page");
    assert_eq!(out, "<p>[[a&lt;b|c]] [[|]]</p>");
}
