//! Brace matching: MediaWiki's preprocessor matches runs of `{{`/`{{{`
//! with runs of `}}`/`}}}`; a lone `{` or `}` is text wherever it stands,
//! so it never moves where a template or a parameter ends.

use wikitext_parser::{parse, SyntaxKind, Tree};

/// The tree of `src`, checked to be valid and lossless.
fn tree(src: &str) -> Tree {
    let tree = parse(src);
    tree.validate().unwrap();
    assert_eq!(tree.to_wikitext(), src);
    tree
}

/// The text of every node of `kind`, in document order.
fn texts(src: &str, kind: SyntaxKind) -> Vec<String> {
    let t = tree(src);
    t.iter().filter(|&n| t.kind(n) == kind).map(|n| t.text(n).to_string()).collect()
}

#[test]
fn a_lone_open_brace_in_an_argument_is_text() {
    assert_eq!(texts("{{foo|a{b}}", SyntaxKind::TEMPLATE), ["{{foo|a{b}}"]);
    assert_eq!(texts("{{foo|a{b}}", SyntaxKind::ARGUMENT_VALUE), ["a{b"]);
    assert_eq!(texts("{{foo|{}}", SyntaxKind::ARGUMENT_VALUE), ["{"]);
    assert_eq!(texts("{{foo|x={}}bar", SyntaxKind::TEMPLATE), ["{{foo|x={}}"]);
    assert_eq!(texts("{{foo|x={}}bar", SyntaxKind::ARGUMENT_VALUE), ["{"]);
    // A `{|` inside an argument is no table and no extra argument.
    assert_eq!(texts("{{#if:x|{|}}", SyntaxKind::ARGUMENT_VALUE), ["{", ""]);
}

#[test]
fn a_lone_close_brace_in_an_argument_is_text() {
    assert_eq!(texts("{{foo|a}b}}", SyntaxKind::ARGUMENT_VALUE), ["a}b"]);
    // `}}}` after `{{` closes the template with two; one `}` is left.
    assert_eq!(texts("{{foo|}}}", SyntaxKind::TEMPLATE), ["{{foo|}}"]);
    assert_eq!(texts("{{foo|{a}}}", SyntaxKind::ARGUMENT_VALUE), ["{a"]);
}

#[test]
fn lone_braces_inside_nested_constructs() {
    assert_eq!(texts("{{foo|a={{{1|{}}}}}", SyntaxKind::PARAMETER), ["{{{1|{}}}"]);
    assert_eq!(texts("{{foo|[[a|{]]}}", SyntaxKind::WIKI_LINK), ["[[a|{]]"]);
    assert_eq!(texts("{|\n|{{foo|{}}\n|}", SyntaxKind::TEMPLATE), ["{{foo|{}}"]);
    // `{{{!}}`: three open, two close: a `{` then the template `{{!}}`
    // (at a line start, that opens a table: tests/tables.rs).
    assert_eq!(texts("x {{{!}} x", SyntaxKind::TEMPLATE), ["{{!}}"]);
}

#[test]
fn an_unclosed_template_before_a_closed_one() {
    assert_eq!(texts("{{foo|a{{b}}", SyntaxKind::TEMPLATE), ["{{b}}"]);
    assert_eq!(texts("{{foo|a{{{b}}", SyntaxKind::TEMPLATE), ["{{b}}"]);
}
