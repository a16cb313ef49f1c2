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
