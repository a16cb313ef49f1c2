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

#[test]
fn an_html_tag_does_not_hide_an_arguments_pipe_or_equals() {
    // MediaWiki splits arguments before it reads tags: a `=` in a tag of a
    // positional argument names it, a `|` ends it.
    assert_eq!(texts("{{1x|<div class=\"a\">a</div>}}", SyntaxKind::ARGUMENT_NAME), ["<div class"]);
    assert_eq!(texts("{{1x|<div class=\"a\">a</div>}}", SyntaxKind::ARGUMENT_VALUE), ["\"a\">a</div>"]);
    assert_eq!(texts("{{1x|1=<b title=\"x|y\">z</b>}}", SyntaxKind::ARGUMENT_VALUE), ["<b title=\"x", "y\">z</b>"]);
    // A named argument's value keeps its tags' `=`; extension tags and
    // links stay whole.
    assert_eq!(texts("{{1x|a=<b title=\"x\">z</b>}}", SyntaxKind::HTML_START_TAG), ["<b title=\"x\">"]);
    assert_eq!(texts("{{1x|<ref name=\"a|b\">z</ref>}}", SyntaxKind::ARGUMENT_VALUE), ["<ref name=\"a|b\">z</ref>"]);
    assert_eq!(texts("{{1x|[[a|<b title=\"x\">z</b>]]}}", SyntaxKind::HTML_START_TAG), ["<b title=\"x\">"]);
}

#[test]
fn an_extension_tag_may_be_named_in_any_script() {
    let mut options = wikitext_parser::ParseOptions::default();
    options.extension_tags.push("tåg".to_string());
    let src = "<tåg>{{x}}</tåg> <tåg2>";
    let t = wikitext_parser::parse_with(src, &options);
    assert_eq!(t.to_wikitext(), src);
    let tags: Vec<&str> = t.iter().filter(|&n| t.kind(n) == SyntaxKind::EXTENSION_TAG).map(|n| t.text(n)).collect();
    assert_eq!(tags, ["<tåg>{{x}}</tåg>"]);
    assert!(!t.iter().any(|n| t.kind(n) == SyntaxKind::TEMPLATE));
}

#[test]
fn a_wiki_may_spell_its_redirect_keyword_in_its_language() {
    let mut options = wikitext_parser::ParseOptions::default();
    options.redirect_words = vec!["#tilvísun".to_string(), "#redirect".to_string()];
    for src in ["#TILVÍSUN [[Main Page]]", "#tilvísun:[[A]]", "#Redirect [[A]]"] {
        let t = wikitext_parser::parse_with(src, &options);
        assert_eq!(t.to_wikitext(), src);
        assert!(t.iter().any(|n| t.kind(n) == SyntaxKind::REDIRECT), "{src}");
    }
    // Without them, only the English keyword.
    let t = wikitext_parser::parse("#TILVÍSUN [[Main Page]]");
    assert!(!t.iter().any(|n| t.kind(n) == SyntaxKind::REDIRECT));
}

#[test]
fn a_less_than_ends_an_html_tag_but_not_an_extension_tags_attributes() {
    // `<div <div>`: the first is text, the second a tag.
    let src = "<div <div>123</div> <i <b>x</b>";
    assert_eq!(texts(src, SyntaxKind::HTML_START_TAG), ["<div>", "<b>"]);
    // An extension tag reads its attributes up to the `>`.
    assert_eq!(texts("<pre <pre>123</pre>", SyntaxKind::EXTENSION_TAG), ["<pre <pre>123</pre>"]);
    // Its attribute's name keeps the `<`; an HTML tag's attributes never hold one.
    assert_eq!(texts("<pre <pre>123</pre>", SyntaxKind::ATTRIBUTE), ["<pre"]);
    // Unclosed openers stay linear.
    let many = "<div title=\"<div ".repeat(5_000);
    assert_eq!(tree(&many).to_wikitext(), many);
}

#[test]
fn an_open_wiki_link_keeps_the_template_around_it_from_closing() {
    // MediaWiki's preprocessor closes only the innermost opening: `}}` with
    // `[[` open inside the template closes nothing.
    assert!(texts("{{1x|[[Foo}}", SyntaxKind::TEMPLATE).is_empty());
    assert_eq!(texts("{{[[Foo|bar}}]]", SyntaxKind::WIKI_LINK), ["[[Foo|bar}}]]"]);
    assert!(texts("{{[[Foo|bar}}]]", SyntaxKind::TEMPLATE).is_empty());
    // Once the link closes, the template may.
    assert_eq!(texts("{{1x|[[Foo}}|bar]]|bat}}", SyntaxKind::TEMPLATE), ["{{1x|[[Foo}}|bar]]|bat}}"]);
    // A template opened inside the link still closes.
    assert_eq!(texts("[[a|{{b}}", SyntaxKind::TEMPLATE), ["{{b}}"]);
}

#[test]
fn a_converter_open_inside_a_template_keeps_it_from_closing() {
    // `}}` does not close `{{` through `-{`; the last `}` and the `-`
    // close the converter.
    let src = "{{-{R|1x|hi}}}-";
    assert!(texts(src, SyntaxKind::TEMPLATE).is_empty());
    assert_eq!(texts(src, SyntaxKind::LANGUAGE_CONVERTER), ["-{R|1x|hi}}}-"]);
}
