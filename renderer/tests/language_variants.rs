//! Language-converter markup (`-{ ... }-`) as Parsoid writes it: an empty
//! `mw:LanguageVariant` element whose `data-mw-variant` holds the block.

mod common;

use common::html;

fn variant(src: &str) -> String {
    let out = html(src);
    let start = out.find("data-mw-variant='").map(|i| i + "data-mw-variant='".len()).expect(&out);
    let end = out[start..].find('\'').map(|i| start + i).expect(&out);
    out[start..end].to_string()
}

#[test]
fn a_block_without_rules_is_disabled_conversion() {
    assert_eq!(
        html("Latin: -{Ne nuntium necare}-"),
        "<p>Latin: <span typeof=\"mw:LanguageVariant\" data-mw-variant='{\"disabled\":{\"t\":\"Ne nuntium necare\"}}'></span></p>"
    );
    // R keeps rules as text; an empty flag section is no flag.
    assert_eq!(variant("-{R|zh:China;zh-tw:Taiwan}-"), r#"{"disabled":{"t":"zh:China;zh-tw:Taiwan"}}"#);
    assert_eq!(variant("-{|a test}-"), r#"{"disabled":{"t":"a test"}}"#);
    assert_eq!(variant("-{R|R|R}-"), r#"{"disabled":{"t":"R|R"}}"#);
}

#[test]
fn rules_filters_and_names() {
    assert_eq!(variant("-{zh-cn:xxx;zh-tw:yyy}-"), r#"{"twoway":[{"l":"zh-cn","t":"xxx"},{"l":"zh-tw","t":"yyy"}]}"#);
    assert_eq!(variant("-{X=>zh:China}-"), r#"{"oneway":[{"f":"X","l":"zh","t":"China"}]}"#);
    assert_eq!(variant("-{zh;zh-hans|blog}-"), r#"{"filter":{"l":["zh","zh-hans"],"t":"blog"}}"#);
    assert_eq!(variant("-{D;N|en}-"), r#"{"name":{"t":"en"}}"#);
}

#[test]
fn flags_add_sorted_keys_and_hidden_blocks_are_metas() {
    let out = html("a -{H|zh:China;zh-tw:Taiwan}- b");
    assert!(out.starts_with("<p>a <meta typeof=\"mw:LanguageVariant\""), "{out}");
    assert_eq!(variant("-{T;H|zh:China}-"), r#"{"add":true,"title":true,"twoway":[{"l":"zh","t":"China"}]}"#);
    assert_eq!(variant("-{H|China}-"), r#"{"add":true,"twoway":[{"l":"*","t":"China"}]}"#);
    assert_eq!(variant("-{T|Title}-"), r#"{"disabled":{"t":"Title"},"title":true}"#);
}

#[test]
fn texts_are_html_and_blocks_nest() {
    let link = variant("-{[[Foo|here]]}-");
    assert!(link.starts_with(r#"{"disabled":{"t":"&lt;a rel=\"mw:WikiLink\" href=\"./Foo?action=edit&amp;amp;redlink=1\""#), "{link}");
    assert!(link.ends_with(r#">here&lt;/a>"}}"#), "{link}");
    let nested = variant("-{raw1 -{raw2}-}-");
    assert!(nested.contains(r#"mw:LanguageVariant"#) && nested.contains("raw2"), "{nested}");
    // Hostile text stays inside the JSON string: no element gets the handler.
    let out = html("-{H|x=>sr-el:\" onload=\"alert(1)}-");
    let dom = wikitext_html::tree_builder::parse_html(&out);
    let root = dom.document();
    assert!(dom.descendants(root).all(|n| dom.attr(n, "onload").is_none()), "{out}");
    assert!(out.contains(r#""t":"\" onload=\"alert(1)""#), "{out}");
}

#[test]
fn deep_nesting_stops_at_a_visible_limit() {
    // Each level escapes the levels inside it once more: past the limit the
    // markup is text, and the output stays small.
    let src = format!("{}x{}", "-{".repeat(40), "}-".repeat(40));
    let out = html(&src);
    assert!(out.len() < 20_000, "{} bytes", out.len());
    assert!(out.contains("-{"), "{out}");
}

#[test]
fn a_paragraph_of_hidden_blocks_is_empty_and_rules_may_span_lines() {
    let out = html("-{H|zh:China}-");
    assert!(out.starts_with("<p class=\"mw-empty-elt\"><meta typeof=\"mw:LanguageVariant\""), "{out}");
    assert_eq!(variant("-{zh-tw:* foo;\nzh-cn:* bar}-"), r#"{"twoway":[{"l":"zh-tw","t":"* foo"},{"l":"zh-cn","t":"* bar"}]}"#);
}

#[test]
fn a_text_whose_lines_make_a_list_or_a_table_holds_them_without_paragraphs() {
    assert_eq!(
        html("-{\n#foo\n#bar\n}-"),
        "<div typeof=\"mw:LanguageVariant\" data-mw-variant='{\"disabled\":{\"t\":\"\\n&lt;ol>&lt;li>foo&lt;/li>\\n&lt;li>bar&lt;/li>&lt;/ol>\\n\"}}'></div>"
    );
    let v = variant("-{zh-tw;|before\n{|\n| a\n|-\n| b || c\n|}\nafter}-");
    assert!(v.contains("\"t\":\"before\\n&lt;table>\\n&lt;tbody>&lt;tr>&lt;td>a&lt;/td>&lt;/tr>\\n&lt;tr>\\n&lt;td>b&lt;/td>&lt;td>c&lt;/td>&lt;/tr>\\n&lt;/tbody>&lt;/table>\\nafter\""), "{v}");
}

#[test]
fn the_describe_flag_shows_rules_unless_only_added_and_needs_rules() {
    assert!(html("-{A;D|zh-cn:X; zh-tw:Y}-").contains("<meta typeof=\"mw:LanguageVariant\" data-mw-variant='{\"add\":true,\"describe\":true,"));
    assert!(html("-{D;H|zh-cn:X; zh-tw:Y}-").contains("<span typeof=\"mw:LanguageVariant\" data-mw-variant='{\"add\":true,\"describe\":true,"));
    // A text that is no rules has nothing to describe.
    assert_eq!(variant("-{D|syntax}-"), "{\"disabled\":{\"t\":\"syntax\"}}");
}

#[test]
fn trailing_garbage_after_rules_is_dropped() {
    assert_eq!(
        variant("-{H|zh-cn:A; zh-tw:B; C;}-"),
        "{\"add\":true,\"twoway\":[{\"l\":\"zh-cn\",\"t\":\"A\"},{\"l\":\"zh-tw\",\"t\":\"B\"}]}"
    );
}

#[test]
fn a_links_trail_inside_a_block_is_the_links_alone() {
    // The trail left the text after the link; it once stayed there too and
    // was cut from the first text after the block (inside a character).
    let out = html("-{[[n]]w}-ь");
    assert!(out.contains(r#">nw&lt;/a>"}}'"#), "{out}");
    assert!(out.contains("</span>ь</p>"), "{out}");
}
