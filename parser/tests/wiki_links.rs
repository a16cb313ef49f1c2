//! Which brackets make a wiki link, and where it ends.

use wikitext_parser::{parse, SyntaxKind, Tree};

/// The source of every WIKI_LINK node.
fn links(src: &str) -> Vec<String> {
    let tree: Tree = parse(src);
    assert_eq!(tree.to_wikitext(), src);
    tree.iter().filter(|&n| tree.kind(n) == SyntaxKind::WIKI_LINK).map(|n| tree.text(n).to_string()).collect()
}

#[test]
fn single_bracket_in_text_takes_its_closer_first() {
    assert_eq!(links("[[A|[b]]]"), ["[[A|[b]]]"]);
    assert_eq!(links("[[A|[b]] c"), ["[[A|[b]]"]);
    assert_eq!(links("[[A|b]]]"), ["[[A|b]]"]);
}

#[test]
fn three_brackets_are_not_a_link() {
    assert!(links("[[[A]]]").is_empty());
}

#[test]
fn url_targets_are_not_links() {
    assert!(links("[[http://example.org]]").is_empty());
    assert!(links("[[//example.org|x]]").is_empty());
}

#[test]
fn redirect_needs_a_target() {
    let tree = parse(" \n#REDIRECT [[A]]----");
    assert!(tree.iter().any(|n| tree.kind(n) == SyntaxKind::REDIRECT));
    assert!(tree.iter().any(|n| tree.kind(n) == SyntaxKind::HORIZONTAL_RULE));
    let tree = parse("#REDIRECT [[]]");
    assert!(!tree.iter().any(|n| tree.kind(n) == SyntaxKind::REDIRECT));
    let tree = parse("#REDIRECT [[<nowiki>x</nowiki>]]");
    assert!(!tree.iter().any(|n| tree.kind(n) == SyntaxKind::REDIRECT));
}

#[test]
fn a_fragment_has_no_redirect_but_a_numbered_item() {
    let src = "#REDIRECT [[A]]";
    let tree = wikitext_parser::parse_fragment_with(src, &wikitext_parser::ParseOptions::default());
    assert_eq!(tree.to_wikitext(), src);
    assert!(!tree.iter().any(|n| tree.kind(n) == SyntaxKind::REDIRECT));
    assert!(tree.iter().any(|n| tree.kind(n) == SyntaxKind::LIST_ITEM));
    assert!(tree.iter().any(|n| tree.kind(n) == SyntaxKind::WIKI_LINK));
}

/// The source of every node of `kind`.
fn nodes(src: &str, kind: SyntaxKind) -> Vec<String> {
    let tree: Tree = parse(src);
    tree.validate().unwrap();
    assert_eq!(tree.to_wikitext(), src);
    tree.iter().filter(|&n| tree.kind(n) == kind).map(|n| tree.text(n).to_string()).collect()
}

#[test]
fn pipes_in_a_bracketed_external_link_do_not_split_link_text() {
    let src = "[[File:A.jpg|thumb|An [http://t/?a=|left|&b=|x ext|ra] URL]]";
    assert_eq!(nodes(src, SyntaxKind::LINK_TEXT), ["thumb", "An [http://t/?a=|left|&b=|x ext|ra] URL"]);
    assert_eq!(nodes(src, SyntaxKind::URL), ["http://t/?a=|left|&b=|x"]);
    // Unclosed, the `[` is text and the `|`s split as before.
    assert_eq!(nodes("[[File:A.jpg|thumb|[http://t/?a=|left]]", SyntaxKind::LINK_TEXT), ["thumb", "[http://t/?a=", "left"]);
    // A bare URL still ends at `|` (an option follows).
    assert_eq!(nodes("[[File:A.jpg|http://t/a|left]]", SyntaxKind::LINK_TEXT).len(), 2);
    // Template arguments still split there (the preprocessor reads first).
    assert_eq!(nodes("{{a|[http://t/?a=|b]}}", SyntaxKind::TEMPLATE_ARGUMENT).len(), 2);
}
