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
