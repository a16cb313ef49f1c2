//! External links, bare URLs and magic links: where they start and end.

use wikitext_parser::{parse, SyntaxKind, Tree};

/// The source text of every node of `kind`, in order.
fn texts(tree: &Tree, kind: SyntaxKind) -> Vec<String> {
    tree.iter().filter(|&id| tree.kind(id) == kind).map(|id| tree.text(id).to_string()).collect()
}

fn bare_urls(src: &str) -> Vec<String> {
    let tree = parse(src);
    assert_eq!(tree.to_wikitext(), src);
    texts(&tree, SyntaxKind::BARE_URL)
}

fn magic_links(src: &str) -> Vec<String> {
    let tree = parse(src);
    assert_eq!(tree.to_wikitext(), src);
    texts(&tree, SyntaxKind::MAGIC_LINK)
}

#[test]
fn bare_url_drops_trailing_punctuation_but_not_entities() {
    assert_eq!(bare_urls("http://a.org\\ x"), ["http://a.org"]);
    assert_eq!(bare_urls("(http://a.org/x)."), ["http://a.org/x"]);
    assert_eq!(bare_urls("http://a.org/x&amp; y"), ["http://a.org/x&amp;"]);
    assert_eq!(bare_urls("http://a.org/x&amp;."), ["http://a.org/x&amp;"]);
}

#[test]
fn bare_url_ends_at_space_and_angle_bracket_entities() {
    assert_eq!(bare_urls("http://a.org/x&nbsp;y"), ["http://a.org/x"]);
    assert_eq!(bare_urls("http://a.org/x&#xA0;y"), ["http://a.org/x"]);
    assert_eq!(bare_urls("http://a.org/x&lt;y"), ["http://a.org/x"]);
    assert_eq!(bare_urls("http://a.org/x&#60;y"), ["http://a.org/x"]);
    // ASCII whitespace written as an entity stays in the URL.
    assert_eq!(bare_urls("irc://&#x0A;a"), ["irc://&#x0A;a"]);
}

#[test]
fn bare_url_ipv6_host_and_pipes() {
    assert_eq!(bare_urls("http://[::1]/x y"), ["http://[::1]/x"]);
    assert_eq!(bare_urls("http://a.org/?x=1|2"), ["http://a.org/?x=1|2"]);
    // In a table cell, `||` starts the next cell.
    assert_eq!(bare_urls("{|\n| |ftp://|x||y\n|}"), ["ftp://|x"]);
}

#[test]
fn bare_url_needs_a_word_start() {
    assert!(bare_urls("größhttps://foo.org").is_empty());
    assert_eq!(bare_urls("💩https://foo.org"), ["https://foo.org"]);
    assert!(bare_urls("//foo.org").is_empty());
}

#[test]
fn no_autolinks_inside_external_link_text() {
    assert!(bare_urls("[http://a.org http://b.org]").is_empty());
    assert!(magic_links("[http://a.org RFC 1234]").is_empty());
}

/// A wiki link's text holds URLs and magic links: a file's caption links
/// them (the renderer reads them as text in other links).
#[test]
fn autolinks_inside_wiki_link_text() {
    assert_eq!(bare_urls("[[File:A.png|thumb|http://b.org]]"), ["http://b.org"]);
    assert_eq!(magic_links("[[Foo|ISBN 1234567890]]"), ["ISBN 1234567890"]);
}

#[test]
fn url_in_double_brackets_is_an_external_link() {
    let tree = parse("[[http://a.org]]");
    assert!(texts(&tree, SyntaxKind::WIKI_LINK).is_empty());
    assert_eq!(texts(&tree, SyntaxKind::EXTERNAL_LINK), ["[http://a.org]"]);
}

#[test]
fn ideographic_space_separates_url_and_text() {
    let tree = parse("[http://a.org/\u{3000}text]");
    assert_eq!(texts(&tree, SyntaxKind::URL), ["http://a.org/"]);
    assert_eq!(texts(&tree, SyntaxKind::EXTERNAL_LINK_TEXT), ["text"]);
}

#[test]
fn magic_link_separators() {
    assert_eq!(magic_links("RFC &nbsp;&#160;&#0160;&#xA0;&#Xa0; 822"), ["RFC &nbsp;&#160;&#0160;&#xA0;&#Xa0; 822"]);
    assert_eq!(magic_links("RFC   983&#x20;987"), ["RFC   983"]);
    assert!(magic_links("RFC\n822").is_empty());
    let tree = parse("PMID&nbsp;1234");
    assert_eq!(texts(&tree, SyntaxKind::ENTITY), ["&nbsp;"]);
}

#[test]
fn isbn_numbers() {
    assert_eq!(magic_links("ISBN 978&nbsp;0&#160;316&#0160;09811&#xA0;3"), ["ISBN 978&nbsp;0&#160;316&#0160;09811&#xA0;3"]);
    // Thirteen digits fail at the entity, ten succeed.
    assert_eq!(magic_links("ISBN  978-0-1234-56&#x20;789"), ["ISBN  978-0-1234-56"]);
    assert_eq!(magic_links("ISBN 1-234-56789-0 - 2006"), ["ISBN 1-234-56789-0"]);
    assert!(magic_links("ISBN 123456789").is_empty());
    assert!(magic_links("ISBN 12345678901").is_empty());
    assert!(magic_links("thisISBN 1234567890").is_empty());
    assert!(magic_links("éISBN 1234567890").is_empty());
}

#[test]
fn braces_in_urls_unless_they_open_a_template() {
    assert_eq!(bare_urls("irc://{{ftp://a\" x"), ["irc://{{ftp://a"]);
    assert_eq!(bare_urls("http://a.org/{x} y"), ["http://a.org/{x}"]);
    assert_eq!(bare_urls("http://a.org/{{1x|b}} y"), ["http://a.org/"]);
}

#[test]
fn a_wiki_can_switch_magic_links_off_by_kind() {
    let src = "ISBN 0-306-40615-2 PMID 1234 RFC 4321";
    let mut options = wikitext_parser::ParseOptions::default();
    options.magic_links.isbn = false;
    options.magic_links.rfc = false;
    let tree = wikitext_parser::parse_with(src, &options);
    assert_eq!(tree.to_wikitext(), src);
    assert_eq!(texts(&tree, SyntaxKind::MAGIC_LINK), ["PMID 1234"]);
    assert_eq!(magic_links(src).len(), 3, "all on by default");
}

#[test]
fn bare_url_in_a_template_argument_ends_at_the_name_s_equals_sign() {
    // The preprocessor splits `name=value` before URLs are read: the
    // argument is named `http://a.org/`, and its value holds no URL.
    let tree = parse("{{T|http://a.org/=x|2=http://b.org/?q=1}}");
    assert_eq!(texts(&tree, SyntaxKind::ARGUMENT_NAME), ["http://a.org/", "2"]);
    assert_eq!(texts(&tree, SyntaxKind::BARE_URL), ["http://a.org/", "http://b.org/?q=1"]);
    // Outside an argument's name, `=` is a URL's.
    assert_eq!(bare_urls("see http://a.org/?x=1 and {{T|a=http://c.org/?y=2}}"), ["http://a.org/?x=1", "http://c.org/?y=2"]);
}
