//! List items: bullets, and the tables that an item holds (`:{|`).

use wikitext_parser::{parse, SyntaxKind, Tree};

fn item_kinds(tree: &Tree) -> Vec<SyntaxKind> {
    let item = tree.children(tree.root()).find(|&c| tree.kind(c) == SyntaxKind::LIST_ITEM).expect("a list item");
    tree.children(item).map(|c| tree.kind(c)).collect()
}

#[test]
fn table_after_bullets_belongs_to_the_item() {
    let src = ":{|\n|a\n|} after\nnext";
    let tree = parse(src);
    assert_eq!(tree.to_wikitext(), src);
    assert_eq!(item_kinds(&tree), [SyntaxKind::MARKER, SyntaxKind::TABLE, SyntaxKind::TEXT]);
}

#[test]
fn comments_and_spaces_may_come_before_the_table() {
    let src = "::<!-- c --> {|\n|a\n|}";
    let tree = parse(src);
    assert_eq!(tree.to_wikitext(), src);
    assert_eq!(item_kinds(&tree), [SyntaxKind::MARKER, SyntaxKind::COMMENT, SyntaxKind::TABLE]);
}

#[test]
fn text_before_the_table_makes_it_text() {
    let tree = parse(":x {|\n|a\n|}");
    assert!(!item_kinds(&tree).contains(&SyntaxKind::TABLE));
}

#[test]
fn comments_before_the_bullets_belong_to_the_item() {
    let src = "<!--a--><!--b-->*x\n<!--c--> *y";
    let tree = parse(src);
    assert_eq!(tree.to_wikitext(), src);
    assert_eq!(item_kinds(&tree)[..3], [SyntaxKind::COMMENT, SyntaxKind::COMMENT, SyntaxKind::MARKER]);
    // A space after the comment: not a list item.
    assert_eq!(tree.children(tree.root()).filter(|&c| tree.kind(c) == SyntaxKind::LIST_ITEM).count(), 1);
}

#[test]
fn a_colon_inside_an_open_tag_stays_in_the_term() {
    let src = ";a <b>x:y</b>:def";
    let tree = parse(src);
    let item = tree.descendants(tree.root()).find(|&n| tree.kind(n) == SyntaxKind::LIST_ITEM).unwrap();
    let markers: Vec<&str> =
        tree.children(item).filter(|&c| tree.kind(c) == SyntaxKind::MARKER).map(|c| tree.text(c)).collect();
    assert_eq!(markers, [";", ":"]);
    let colon = tree.children(item).filter(|&c| tree.kind(c) == SyntaxKind::MARKER).nth(1).unwrap();
    assert_eq!(tree.range(colon).start, src.rfind(':').unwrap());
    assert_eq!(tree.to_wikitext(), src);
}

#[test]
fn a_colon_inside_open_quotes_stays_in_the_term() {
    // MediaWiki makes quotes `<b>` and `<i>` before it looks for the colon.
    for (src, colon_at) in [
        (";'''1:00''':bar", Some(11)),
        (";''a:b''", None),
        (";'''''a:b''''' c", None),
        (";''a'':b", Some(6)),
        (";''unclosed:b", None),
    ] {
        let tree = parse(src);
        let item = tree.descendants(tree.root()).find(|&n| tree.kind(n) == SyntaxKind::LIST_ITEM).unwrap();
        let colon = tree.children(item).filter(|&c| tree.kind(c) == SyntaxKind::MARKER).nth(1);
        assert_eq!(colon.map(|c| tree.range(c).start), colon_at, "{src}");
        assert_eq!(tree.to_wikitext(), src);
    }
}
