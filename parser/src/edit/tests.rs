use super::*;

fn first_template(doc: &Document) -> Template {
    doc.templates().next().unwrap()
}

#[test]
fn no_edit_gives_the_source() {
    let src = "a {{x|y}} [[b]] <!-- c -->";
    assert_eq!(Document::parse(src).to_wikitext(), src);
}

#[test]
fn adding_a_param_follows_one_a_line_spacing() {
    let mut doc = Document::parse("{{x\n| a = 1\n| bb = 2\n}}");
    let t = first_template(&doc);
    doc.set_param(t, "c", "3", Escaping::Escape).unwrap();
    assert_eq!(doc.to_wikitext(), "{{x\n| a = 1\n| bb = 2\n| c = 3\n}}");
}

#[test]
fn adding_a_param_follows_inline_spacing() {
    let mut doc = Document::parse("{{x|a=1|b=2}}");
    let t = first_template(&doc);
    doc.set_param(t, "c", "3", Escaping::Escape).unwrap();
    doc.set_param(t, "1", "p", Escaping::Escape).unwrap();
    assert_eq!(doc.to_wikitext(), "{{x|a=1|b=2|c=3|p}}");
}

#[test]
fn setting_a_param_keeps_its_spacing() {
    let mut doc = Document::parse("{{x\n| a = 1\n}}");
    let t = first_template(&doc);
    doc.set_param(t, "a", "one", Escaping::Escape).unwrap();
    doc.set_param(t, "a", "two", Escaping::Escape).unwrap();
    assert_eq!(doc.to_wikitext(), "{{x\n| a = two\n}}");
}

#[test]
fn renaming_and_removing_params() {
    let mut doc = Document::parse("{{x|pos| a = 1 |b=2}}");
    let t = first_template(&doc);
    doc.rename_param(t, "a", "aa", Escaping::Escape).unwrap();
    doc.rename_param(t, "1", "first", Escaping::Escape).unwrap();
    doc.remove_param(t, "b").unwrap();
    assert_eq!(doc.to_wikitext(), "{{x|first=pos| aa = 1 }}");
    assert_eq!(doc.remove_param(t, "zz"), Err(EditError::NoSuchParam { key: "zz".into() }));
}

#[test]
fn structural_values_are_escaped_or_refused() {
    let mut doc = Document::parse("{{x|a=1}}");
    let t = first_template(&doc);
    let refused = doc.set_param(t, "a", "p|q}}", Escaping::Refuse);
    assert!(matches!(refused, Err(EditError::WouldChangeStructure { .. })));
    assert!(!doc.is_edited());
    doc.set_param(t, "a", "p|q}} {{y|z}} [[l|m]]", Escaping::Escape).unwrap();
    assert_eq!(doc.to_wikitext(), "{{x|a=p{{!}}q&#125;&#125; {{y|z}} [[l|m]]}}");
    doc.set_param(t, "a", "ends with }", Escaping::Escape).unwrap();
    assert_eq!(doc.to_wikitext(), "{{x|a=ends with &#125;}}");
}

#[test]
fn a_constructive_fragment_is_accepted_when_refusing() {
    let mut doc = Document::parse("{{x|a=1}}");
    let t = first_template(&doc);
    doc.set_param(t, "a", "{{y|z}}", Escaping::Refuse).unwrap();
    assert_eq!(doc.to_wikitext(), "{{x|a={{y|z}}}}");
}

#[test]
fn links_get_new_targets_and_texts() {
    let mut doc = Document::parse("[[A]] [[ B |c]] [[D|e]]");
    let links: Vec<_> = doc.links().collect();
    doc.set_link_text(links[0], Some("t"), Escaping::Escape).unwrap();
    doc.set_link_target(links[1], "X", Escaping::Escape).unwrap();
    doc.set_link_text(links[2], None, Escaping::Escape).unwrap();
    assert_eq!(doc.to_wikitext(), "[[A|t]] [[ X |c]] [[D]]");
    assert!(doc.set_link_target(links[0], "a|b", Escaping::Refuse).is_err());
}

#[test]
fn nodes_are_replaced_inserted_and_removed() {
    let mut doc = Document::parse("a <!-- c --> b {{t}}");
    let comment = doc.comments().next().unwrap().id();
    let t = first_template(&doc).id();
    doc.insert_before(t, "[[x]] ", Escaping::Escape).unwrap();
    doc.insert_after(t, " end", Escaping::Escape).unwrap();
    doc.remove(comment).unwrap();
    assert_eq!(doc.to_wikitext(), "a  b [[x]] {{t}} end");
    doc.replace(t, "{{u", Escaping::Escape).unwrap();
    assert_eq!(doc.to_wikitext(), "a  b [[x]] &#123;&#123;u end");
}

#[test]
fn replacing_a_node_drops_edits_inside_and_edits_inside_a_replacement_overlap() {
    let mut doc = Document::parse("x {{t|a=1}} y");
    let t = first_template(&doc);
    doc.set_param(t, "a", "2", Escaping::Escape).unwrap();
    doc.replace(t.id(), "{{u}}", Escaping::Escape).unwrap();
    assert_eq!(doc.to_wikitext(), "x {{u}} y");
    assert!(matches!(doc.set_param(t, "a", "3", Escaping::Escape), Err(EditError::Overlap { .. })));
}

#[test]
fn template_names_and_headings() {
    let mut doc = Document::parse("== Old ==\n{{ cite web |a=1}}");
    let t = first_template(&doc);
    let h = doc.headings().next().unwrap();
    doc.set_template_name(t, "Cite web", Escaping::Escape).unwrap();
    doc.set_heading_title(h, "New", Escaping::Escape).unwrap();
    assert_eq!(doc.to_wikitext(), "== New ==\n{{ Cite web |a=1}}");
}

#[test]
fn unclosed_comments_and_tags_in_fragments_are_escaped() {
    let mut doc = Document::parse("a b");
    let text = doc.texts().next().unwrap();
    doc.replace(text, "<!-- x <ref>", Escaping::Escape).unwrap();
    assert_eq!(doc.to_wikitext(), "&lt;!-- x &lt;ref>");
}

#[test]
fn an_unclosed_extension_tag_is_escaped() {
    let mut doc = Document::parse("{{x|a=1}}");
    let t = first_template(&doc);
    doc.set_param(t, "b", "<ref>", Escaping::Escape).unwrap();
    assert_eq!(doc.to_wikitext(), "{{x|a=1|b=&lt;ref>}}");
}

#[test]
fn an_added_param_is_set_again_and_removed() {
    let mut doc = Document::parse("{{x|a=1}}");
    let t = first_template(&doc);
    doc.set_param(t, "b", "2", Escaping::Escape).unwrap();
    doc.set_param(t, "b", "3", Escaping::Escape).unwrap();
    assert_eq!(doc.to_wikitext(), "{{x|a=1|b=3}}");
    doc.remove_param(t, "b").unwrap();
    assert_eq!(doc.to_wikitext(), "{{x|a=1}}");
}

#[test]
fn pipes_and_double_bangs_in_table_cells_are_escaped() {
    // A single `|` in a cell would make what precedes it the cell's
    // attributes (dropping `{{t}}` from the content); `||` and `!!` would
    // start new cells.
    let mut doc = Document::parse("{|\n! {{t}} h\n| {{t}} b\n|}");
    let texts: Vec<NodeId> = doc.texts().filter(|&id| matches!(doc.tree().text(id).trim(), "h" | "b")).collect();
    assert_eq!(texts.len(), 2);
    doc.replace(texts[0], "x!!y", Escaping::Escape).unwrap();
    doc.replace(texts[1], "|=", Escaping::Escape).unwrap();
    let written = doc.to_wikitext();
    // One escaped `!` is enough to break a `!!`.
    assert_eq!(written, "{|\n! {{t}}x&#33;!y\n| {{t}}&#124;=\n|}");
    let reparsed = crate::parse(&written);
    assert_eq!(reparsed.descendants(reparsed.root()).filter(|&d| reparsed.kind(d) == SyntaxKind::TEMPLATE).count(), 2);
    let mut doc = Document::parse("{|\n| {{t}} b\n|}");
    let b = doc.texts().find(|&id| doc.tree().text(id).trim() == "b").unwrap();
    assert!(doc.replace(b, "a|b", Escaping::Refuse).is_err());
}
