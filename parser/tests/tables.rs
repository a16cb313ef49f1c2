//! Table, heading and attribute grammar: the shapes the renderer relies on.

use wikitext_parser::{parse, SyntaxKind, Tree};

fn kinds(tree: &Tree, kind: SyntaxKind) -> Vec<String> {
    tree.iter().filter(|&n| tree.kind(n) == kind).map(|n| tree.text(n).to_string()).collect()
}

fn check(src: &str) -> Tree {
    let tree = parse(src);
    tree.validate().unwrap();
    assert_eq!(tree.to_wikitext(), src);
    tree
}

#[test]
fn comments_before_a_table_line_belong_to_the_previous_cell() {
    let tree = check("{|\n|a\n<!--c1-->\n<!--c2-->|b\n|}");
    let cells = kinds(&tree, SyntaxKind::TABLE_CELL);
    assert_eq!(cells, ["|a\n<!--c1-->\n<!--c2-->", "|b"]);
}

#[test]
fn header_line_comment_then_data_cells() {
    let tree = check("{|\n!foo||bar\n<!-- foo -->  ||baz||quux\n|}");
    assert_eq!(kinds(&tree, SyntaxKind::TABLE_HEADER_CELL).len(), 2);
    assert_eq!(kinds(&tree, SyntaxKind::TABLE_CELL).len(), 2);
}

#[test]
fn lines_between_table_lines_are_full_lines() {
    let tree = check("{|\n|-\n*a\n{|\n|x\n|}\n|}");
    assert_eq!(kinds(&tree, SyntaxKind::LIST_ITEM), ["*a"]);
    assert_eq!(kinds(&tree, SyntaxKind::TABLE).len(), 2);
}

#[test]
fn attribute_names_take_junk_and_unclosed_quotes_run_to_the_line_end() {
    let tree = check("{| class=\"foo\n|!style=\"x\"|bar\n|}");
    let names = kinds(&tree, SyntaxKind::NAME);
    assert!(names.contains(&"!style".to_string()), "{names:?}");
    let values = kinds(&tree, SyntaxKind::VALUE);
    assert_eq!(values[0], "foo");
}

#[test]
fn a_heading_line_extends_through_a_multiline_comment() {
    let tree = check("=== <!--\n--> <!-- -->\nx");
    assert_eq!(kinds(&tree, SyntaxKind::HEADING), ["=== <!--\n--> <!-- -->"]);
}

fn markers(tree: &Tree, kind: SyntaxKind) -> Vec<String> {
    let nodes: Vec<_> = tree.iter().filter(|&n| tree.kind(n) == kind).collect();
    nodes
        .into_iter()
        .flat_map(|n| tree.children(n).filter(|&c| tree.kind(c) == SyntaxKind::MARKER).map(|c| tree.text(c).to_string()).collect::<Vec<_>>())
        .collect()
}

#[test]
fn the_magic_word_pipe_is_table_syntax() {
    let tree = check("{{{!}} class=\"x\"\n{{!}}- style=\"a\"\n{{!}}a{{!}}{{!}} style=\"b\"{{!}}b{{!}}|c|{{!}}d\n{{!}}}\n");
    assert_eq!(markers(&tree, SyntaxKind::TABLE), ["{{{!}}", "{{!}}}"]);
    assert_eq!(markers(&tree, SyntaxKind::TABLE_ROW), ["{{!}}-"]);
    assert_eq!(markers(&tree, SyntaxKind::TABLE_CELL), ["{{!}}", "{{!}}{{!}}", "{{!}}", "{{!}}|", "|{{!}}"]);
    assert_eq!(kinds(&tree, SyntaxKind::TEMPLATE), Vec::<String>::new());
    assert_eq!(kinds(&tree, SyntaxKind::VALUE), ["x", "a", "b"]);
}

#[test]
fn the_magic_word_pipe_is_a_template_outside_table_syntax() {
    // `{{{!}}}` is a parameter, so no table; in a template argument and in
    // plain text `{{!}}` stays a template.
    let tree = check("{{{!}}}\n{{x|a{{!}}b}}\na{{!}}b");
    assert_eq!(kinds(&tree, SyntaxKind::TABLE).len(), 0);
    assert_eq!(kinds(&tree, SyntaxKind::PARAMETER), ["{{{!}}}"]);
    assert_eq!(kinds(&tree, SyntaxKind::TEMPLATE), ["{{x|a{{!}}b}}", "{{!}}", "{{!}}"]);
    // Inside a cell, a template's own `{{!}}` separates nothing.
    let tree = check("{|\n|{{x|a{{!}}b}}\n|}");
    assert_eq!(kinds(&tree, SyntaxKind::TABLE_CELL), ["|{{x|a{{!}}b}}"]);
}

#[test]
fn a_pipe_ends_cell_attributes_even_inside_a_quoted_value() {
    let tree = check("{|\n| width=\"60{{!}}0\" foo\n| width=\"60 |0\" foo\n| title=\"a<nowiki>|</nowiki>\" |b\n|}");
    assert_eq!(kinds(&tree, SyntaxKind::VALUE), ["60", "60 ", "a", "<nowiki>|</nowiki>"]);
    assert_eq!(markers(&tree, SyntaxKind::TABLE_CELL), ["|", "{{!}}", "|", "|", "|", "|"]);
}

#[test]
fn the_magic_word_pipe_opens_a_table_after_list_bullets() {
    let tree = check(":{{{!}}\n{{!}} a\n{{!}}}\n");
    assert_eq!(markers(&tree, SyntaxKind::TABLE), ["{{{!}}", "{{!}}}"]);
    assert_eq!(kinds(&tree, SyntaxKind::TEMPLATE), Vec::<String>::new());
    // `{{{!}}}` after bullets is still a parameter.
    let tree = check(":{{{!}}}\n");
    assert_eq!(kinds(&tree, SyntaxKind::TABLE).len(), 0);
    assert_eq!(kinds(&tree, SyntaxKind::PARAMETER), ["{{{!}}}"]);
}
