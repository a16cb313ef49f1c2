//! Line-level structure: paragraphs, indent-pre, lists, comment lines.

mod common;

use common::html;


#[test]
fn inline_content_beside_a_block_gets_its_own_paragraph() {
    // The blank line's break stays between the blocks, as in Parsoid.
    assert_eq!(html("a <div>foo</div>\n\nb"), "<p>a </p><div>foo</div>\n\n<p>b</p>");
    // The line break between the paragraphs stands outside them, as in
    // Parsoid's "Nesting tags, paragraphs on lines which begin with <div>".
    assert_eq!(html("<div>foo</div> a\nb"), "<div>foo</div><p> a</p>\n<p>b</p>");
}

#[test]
fn blockquote_content_is_wrapped() {
    assert_eq!(html("<blockquote>foo</blockquote>"), "<blockquote><p>foo</p></blockquote>");
}

#[test]
fn inline_element_holding_a_block_is_not_wrapped() {
    assert_eq!(html("<span><div>x</div></span>"), "<span><div>x</div></span>");
}

#[test]
fn transparent_edges_stay_outside_paragraphs() {
    assert_eq!(html("<!--c-->a<!--d-->"), "<!--c--><p>a</p><!--d-->");
    assert_eq!(html("<!--c-->"), "<!--c-->");
}

#[test]
fn indented_comment_line_is_not_indent_pre() {
    assert_eq!(html("a\n <!--c-->\nb"), "<p>a\n <!--c-->\nb</p>");
}

#[test]
fn no_break_space_line_is_content() {
    assert_eq!(html("\u{a0}"), "<p>\u{a0}</p>");
}

#[test]
fn indent_pre_closes_before_its_last_newline() {
    assert_eq!(html("<center>\n a\n</center>"), "<center>\n<pre>a</pre>\n</center>");
}

#[test]
fn comment_line_inside_indent_pre_adds_no_newline() {
    assert_eq!(html(" a\n <!--c-->\n b"), "<pre>a<!--c-->\nb</pre>");
}

#[test]
fn space_after_leading_comments_starts_indent_pre() {
    assert_eq!(html("<!--c--> a"), "<!--c--><pre>a</pre>");
}

#[test]
fn no_indent_pre_inside_blockquote() {
    assert_eq!(html("<blockquote>\n a\n</blockquote>"), "<blockquote>\n<p> a</p>\n</blockquote>");
}

#[test]
fn newline_before_a_block_follows_the_paragraph() {
    // Parsoid puts a paragraph's last newline after its `</p>` when a block ends it.
    assert_eq!(html("a\n==h==\nb"), "<p>a</p>\n<h2 id=\"h\">h</h2>\n<p>b</p>");
    assert_eq!(html("a\nb"), "<p>a\nb</p>");
}

#[test]
fn table_in_a_list_item_stays_in_the_item() {
    assert_eq!(
        html(":{|\n|a\n*b\n|} c\nd"),
        "<dl><dd><table>\n<tbody><tr><td>a\n<ul><li>b</li></ul></td></tr>\n</tbody></table> c\n</dd></dl><p>d</p>"
    );
}

#[test]
fn dt_gives_way_to_dd_at_a_shared_level_even_going_deeper() {
    assert_eq!(html(";a\n::b"), "<dl><dt>a</dt>\n<dd><dl><dd>b</dd></dl></dd></dl>");
    assert_eq!(html(";a:b\n;;c"), "<dl><dt>a</dt><dd>b</dd>\n<dt><dl><dt>c</dt></dl></dt></dl>");
}

#[test]
fn comments_before_bullets_go_between_items() {
    assert_eq!(html("<!--a-->*x\n<!--b-->*y"), "<!--a--><ul><li>x</li>\n<!--b--><li>y</li></ul>");
}

#[test]
fn category_line_swallows_the_blank_lines_before_it() {
    // MediaWiki trims the whitespace before a category link: only the two
    // blank lines after the categories make the `<p><br>`.
    let out = html("* a\n\n[[Category:X]]\n[[Category:Y]]\n\n\nb");
    assert!(out.ends_with("<p>\n<br/>\nb</p>"), "{out}");
    assert!(!out.contains("<p><br/></p>"), "{out}");
    // One blank line on each side of a category link is one paragraph break.
    let out = html("a\n\n[[Category:X]]\n\nb");
    assert!(!out.contains("<br/>"), "{out}");
    // A comment line is removed whole instead: the blank lines around it count.
    assert!(html("a\n\n<!--x-->\n\n\nb").contains("<br/>"));
}

#[test]
fn comment_line_after_categories_closes_their_paragraph() {
    // Category lines after a blank line stay in the paragraph when a comment
    // line follows them: the paragraph ends there, and the rest follows it.
    assert_eq!(
        html("a\n\n[[Category:X]]\n[[Category:Y]]\n<!--c-->\n[[Category:Z]]"),
        "<p>a\n\n<link rel=\"mw:PageProp/Category\" href=\"./Category:X\"/>\n<link rel=\"mw:PageProp/Category\" href=\"./Category:Y\"/></p>\n<!--c-->\n<link rel=\"mw:PageProp/Category\" href=\"./Category:Z\"/>"
    );
    // Without the comment line they follow the paragraph and the blank line.
    assert_eq!(
        html("a\n\n[[Category:X]]\n[[Category:Y]]"),
        "<p>a</p>\n\n<link rel=\"mw:PageProp/Category\" href=\"./Category:X\"/>\n<link rel=\"mw:PageProp/Category\" href=\"./Category:Y\"/>"
    );
    // And so they do before content.
    let out = html("a\n\n[[Category:X]]\nb\n<!--c-->");
    assert!(out.starts_with("<p>a</p>\n\n<link"), "{out}");
}

#[test]
fn a_list_line_s_break_follows_the_end_tags_it_makes() {
    // Parsoid's placement: after the item's (and the lists') end tags,
    // before what opens next; inside the item when a deeper list opens.
    assert_eq!(html("*a\n*b\n**c\nd"), "<ul><li>a</li>\n<li>b\n<ul><li>c</li></ul></li></ul>\n<p>d</p>");
}

#[test]
fn comment_line_between_list_items_stays_between_them() {
    assert_eq!(html("* a\n<!-- c -->\n* b"), "<ul><li>a</li>\n<!-- c -->\n<li>b</li></ul>");
    // When the list ends there, the comment follows it.
    assert_eq!(html("* a\n<!-- c -->\nb"), "<ul><li>a</li></ul>\n<!-- c -->\n<p>b</p>");
}

#[test]
fn wikitext_items_headings_and_cells_trim_whitespace_around_edge_comments() {
    assert_eq!(html("*  <!--a-->  item <!--b--> <!--c-->"), "<ul><li><!--a-->item<!--b--><!--c--></li></ul>");
    assert_eq!(html("* a <!-- c -->\n* b"), "<ul><li>a<!-- c --></li>\n<li>b</li></ul>");
    assert!(html("== <!--a--> A <!--b--> ==").contains("><!--a-->A<!--b--></h2>"));
    assert!(html("{|\n| <!--a--> x <!--b--> || y\n|}").contains("<td><!--a-->x<!--b--></td><td>y</td>"));
    // The same elements written as HTML keep their whitespace.
    assert_eq!(html("<ul><li> <!--a--> x </li></ul>"), "<ul><li> <!--a--> x </li></ul>");
}

#[test]
fn comment_lines_between_blank_lines_open_the_break_paragraph() {
    // Parsoid opens the `<p><br>` paragraph where the blank lines begin, so
    // a comment line among them is inside it.
    assert_eq!(html("a\n\n<!--c-->\n\nb"), "<p>a</p>\n<p><!--c-->\n<br/>\nb</p>");
    // A paragraph opened by text keeps leading comments outside.
    assert!(html("a\n\n<!--c-->\nb").contains("<!--c--><p>"));
    // Without comments, the first blank line's break is its first text
    // (formatting reopened there holds it: `<code>\n<br/>`).
    assert_eq!(html("a\n\n\nb"), "<p>a</p>\n<p>\n<br/>\nb</p>");
}

#[test]
fn a_paragraph_wrapped_around_missing_templates_only_carries_them() {
    // After a figure on the same line, the templates' links get a paragraph
    // of their own, which carries the transclusion (one, with both parts).
    let out = html("[[File:X.jpg|thumb|c]]{{A|1}}{{B}}\ntext");
    assert!(out.contains("<p about=\"#mwt1\" typeof=\"mw:Transclusion\" data-mw='{\"parts\":[{\"template\":{\"target\":{\"wt\":\"A\""), "{out}");
    assert!(out.contains("\"i\":1}}]}'><a rel=\"mw:WikiLink\""), "{out}");
    assert!(!out.contains("about=\"#mwt2\""), "{out}");
    // Beside text, the link carries its own.
    assert!(html("[[File:X.jpg|thumb|c]]a {{A}}").contains("<p>a <a rel=\"mw:WikiLink\""));
}

#[test]
fn a_paragraph_of_only_extension_placeholders_is_marked_empty() {
    let out = html("<nowiki/><indicator name=\"x\">i</indicator><nowiki/>");
    assert!(out.starts_with("<p class=\"mw-empty-elt\">"), "{out}");
    // Text beside them is content.
    assert!(!html("a<nowiki/>").contains("mw-empty-elt"), "text");
}

#[test]
fn blank_lines_in_a_table_a_list_item_opens_make_no_paragraph() {
    let out = html(":{|\n\n\n|a\n|}\nb");
    assert!(out.starts_with("<dl><dd><table>") && !out.contains("<br"), "{out}");
    // After the table, paragraphs as usual.
    assert!(out.ends_with("<p>b</p>"), "{out}");
}

/// An annotation tag (`TagKind::Annotation`) for the tests below.
struct Mark;

impl wikitext_site::extension::ExtensionTag for Mark {
    fn render(
        &self,
        _: &wikitext_site::extension::ExtensionTagCall<'_>,
        _: &mut dyn wikitext_site::extension::ExtensionContext,
    ) -> Result<wikitext_site::extension::ExtensionOutput, wikitext_site::extension::ExtensionError> {
        Ok(wikitext_site::extension::ExtensionOutput::invisible())
    }
    fn kind(&self) -> wikitext_site::extension::TagKind {
        wikitext_site::extension::TagKind::Annotation
    }
}

fn with_annotations(src: &str) -> String {
    let site = wikitext_site::extension::ExtensionTags::new().with("anno", Mark).over(wikitext_site::DefaultSite::default());
    let options = wikitext_site::site::parse_options(&site);
    let tree = wikitext_parser::parse_with(src, &options);
    wikitext_html::render(&tree, &site, &wikitext_html::RenderOptions::fragment())
}

#[test]
fn an_annotation_within_one_paragraph_keeps_its_markers_inside_it() {
    let out = with_annotations("<anno>a</anno>");
    assert!(out.starts_with("<p><meta typeof=\"mw:Annotation/anno\"") && out.ends_with("/></p>"), "{out}");
    // A range over two paragraphs keeps them outside.
    let out = with_annotations("<anno>a\n\nb</anno>");
    assert!(out.starts_with("<meta typeof=\"mw:Annotation/anno\"") && out.contains("<p>a</p>"), "{out}");
}

#[test]
fn annotation_tags_around_a_heading_leave_it_a_heading() {
    let out = with_annotations("<anno>==plop==</anno>");
    assert!(out.contains("/><h2 id=\"plop\">plop</h2><meta typeof=\"mw:Annotation/anno/End\""), "{out}");
}

#[test]
fn a_nested_annotation_range_is_dropped_but_numbered() {
    let out = with_annotations("<anno><anno>a</anno></anno> <anno>b</anno>");
    // The outer range and the one after; the nested one took "mwa1".
    assert_eq!(out.matches("typeof=\"mw:Annotation/anno\"").count(), 2, "{out}");
    assert!(out.contains("\"rangeId\":\"mwa0\"") && out.contains("\"rangeId\":\"mwa2\"") && !out.contains("mwa1"), "{out}");
}

#[test]
fn a_stray_annotation_end_tag_is_text_made_after_paragraphs() {
    // A line of markers makes no paragraph, the stray end tag's text included.
    let out = with_annotations("<anno></anno></anno>");
    assert!(!out.contains("<p>") && out.ends_with("/>&lt;/anno>"), "{out}");
    // Among text it joins the paragraph's text.
    assert_eq!(with_annotations("a </anno> b"), "<p>a &lt;/anno> b</p>");
    // Many of them in a row make one text node, in linear time.
    let many = format!("{}y", "x</anno>".repeat(2000));
    let out = with_annotations(&many);
    assert!(out == format!("<p>{}y</p>", "x&lt;/anno>".repeat(2000)), "{}", &out[..out.len().min(200)]);
}

#[test]
fn annotations_a_transclusion_makes_name_their_range_and_join_its_marker() {
    let tags = wikitext_site::extension::ExtensionTags::new().with("anno", Mark).over(wikitext_site::DefaultSite::default());
    let site: wikitext_expand::PageSources = [("Template:Echo", "{{{1}}}")].into_iter().collect();
    let site = site.over(tags);
    let render = |src: &str| {
        let tree = wikitext_parser::parse_with(src, &wikitext_site::site::parse_options(&site));
        wikitext_html::render(&tree, &site, &wikitext_html::RenderOptions::fragment())
    };
    // Offsets in a transclusion's output are not the page's: both markers
    // name the range instead; the start marker that opens the output
    // carries the transclusion, its own keys after the parts.
    let out = render("{{Echo|<anno>a</anno>}}");
    assert!(out.contains(r#"typeof="mw:Transclusion mw:Annotation/anno""#), "{out}");
    assert!(out.contains(r#""i":0}}],"rangeId":"mwa0"}'"#), "{out}");
    assert!(out.contains(r#"<meta typeof="mw:Annotation/anno/End" data-mw='{"rangeId":"mwa0"}'"#), "{out}");
    assert!(!out.contains("wtOffsets"), "{out}");
}

#[test]
fn a_line_expansion_left_empty_ends_the_paragraph() {
    // MediaWiki sees a blank line once `{{#if:|x}}` is expanded; the
    // comment does not strip its line, as a template stands before it.
    let out = html("a\n{{#if:|x}}<!---->\nb");
    assert!(out.starts_with("<p>a</p>\n<span"), "{out}");
    assert!(out.ends_with("<p>b</p>"), "{out}");
    // A comment alone on its line strips it: one paragraph.
    assert_eq!(html("a\n<!---->\nb"), "<p>a\n<!---->\nb</p>");
}

#[test]
fn blank_lines_between_html_list_items_make_no_paragraphs() {
    let out = html("<ol>\n<li>foo</li>\n\n\n\n<li>foo</li>\n</ol>");
    assert_eq!(out, "<ol>\n<li>foo</li>\n\n\n\n<li>foo</li>\n</ol>");
    // Outside the list they still do.
    assert!(html("<ol><li>a</li></ol>\n\n\nb").contains("<p>\n<br"));
}

/// A tag whose handler renders nothing (a `<link>` marks it).
struct Empty;

impl wikitext_site::extension::ExtensionTag for Empty {
    fn render(
        &self,
        _call: &wikitext_site::extension::ExtensionTagCall<'_>,
        _cx: &mut dyn wikitext_site::extension::ExtensionContext,
    ) -> Result<wikitext_site::extension::ExtensionOutput, wikitext_site::extension::ExtensionError> {
        Ok(wikitext_site::extension::ExtensionOutput::html(""))
    }
}

#[test]
fn empty_extension_output_makes_its_line_a_paragraph_unless_fostered() {
    let site = wikitext_site::extension::ExtensionTags::new().with("empty", Empty).over(wikitext_site::DefaultSite::default());
    let render = |src: &str| {
        let tree = wikitext_parser::parse_with(src, &wikitext_site::site::parse_options(&site));
        wikitext_html::render(&tree, &site, &wikitext_html::RenderOptions::fragment())
    };
    // Its `<link>` is content for the line's paragraph (an empty one),
    // unlike a category link's.
    let out = render("<empty/>\n<empty/>");
    assert!(out.starts_with("<p class=\"mw-empty-elt\"><link typeof=\"mw:Extension/empty\"") && out.ends_with("/></p>"), "{out}");
    let out = render("[[Category:A]]");
    assert!(out.starts_with("<link rel=\"mw:PageProp/Category\""), "{out}");
    // Fostered out of a table, it stays bare.
    let out = render("{|\n<empty/>\n| 1\n|}");
    assert!(out.starts_with("<link typeof=\"mw:Extension/empty\""), "{out}");
}

#[test]
fn an_annotation_range_tree_building_splits_is_extended_to_whole_siblings() {
    // The start inside `<i>`, the end inside `<b>`: the range takes both,
    // wrapped in a span, and says it was extended.
    let out = with_annotations("a ''b <anno>c'' '''d</anno> e''' f");
    assert!(out.contains(r#"<p>a <span typeof="mw:ExtendedAnnRange"><meta typeof="mw:Annotation/anno""#), "{out}");
    assert!(out.contains(r#""extendedRange":true"#), "{out}");
    assert!(out.contains(r#"<i>b c</i> <b>d e</b><meta typeof="mw:Annotation/anno/End""#), "{out}");
    assert!(out.ends_with("/></span> f</p>"), "{out}");
    // A start marker before the paragraph holding its end joins it.
    let out = with_annotations("<anno>a ''b</anno> c''");
    assert!(out.starts_with(r#"<p><span typeof="mw:ExtendedAnnRange"><meta"#), "{out}");
    // A well-nested range is left as it is.
    let out = with_annotations("a <anno>b</anno> c");
    assert!(!out.contains("ExtendedAnnRange") && out.contains(r#""extendedRange":false"#), "{out}");
}

#[test]
fn an_annotation_range_fostered_out_of_a_table_takes_the_whole_table() {
    let out = with_annotations("{|\n<anno>a</anno>\n|b\n|}");
    assert!(out.starts_with(r#"<div typeof="mw:ExtendedAnnRange"><meta typeof="mw:Annotation/anno""#), "{out}");
    assert!(out.contains(r#""extendedRange":true"#), "{out}");
    assert!(out.ends_with(r#"</table><meta typeof="mw:Annotation/anno/End" data-mw='{"wtOffsets":[10,17]}'/></div>"#), "{out}");
}

#[test]
fn an_annotation_range_whose_end_was_fostered_before_its_start_still_takes_the_table() {
    // The start in a cell, the end in a `<div>` fostered before the table.
    let out = with_annotations("<table><tr><td><anno>a</td></tr><div>b</anno></div></table>");
    assert!(out.starts_with(r#"<div typeof="mw:ExtendedAnnRange"><meta typeof="mw:Annotation/anno""#), "{out}");
    assert!(out.contains("<div>b</div><table>"), "{out}");
    assert!(out.ends_with(r#"</table><meta typeof="mw:Annotation/anno/End" data-mw='{"wtOffsets":[38,45]}'/></div>"#), "{out}");
}

#[test]
fn a_line_starting_with_a_category_link_swallows_the_blank_line_before_it() {
    // MediaWiki trims the whitespace before a category link (T2087): the
    // text after the link stays in the paragraph.
    let out = html("a\n\n[[Category:X]] b");
    assert!(out.starts_with("<p>a\n\n<link rel=\"mw:PageProp/Category\""), "{out}");
    assert!(out.ends_with(" b</p>"), "{out}");
    // Two blank lines still make a break.
    assert!(html("a\n\n\n[[Category:X]] b").contains("<br"));
}

#[test]
fn a_line_starting_with_a_category_link_continues_the_list_item_before_it() {
    // Also after blank lines (T2087); other lines still end the list.
    let out = html("* a\n \n[[Category:X]] b\n* c\n\nd");
    assert!(out.starts_with("<ul><li>a\n\n<link rel=\"mw:PageProp/Category\""), "{out}");
    assert!(out.contains(" b</li>\n<li>c"), "{out}");
    assert!(out.ends_with("</li></ul>\n\n<p>d</p>"), "{out}");
}

#[test]
fn a_block_end_tag_the_list_did_not_open_ends_the_lists() {
    // The lists close before it, and what follows is a line of its own.
    assert_eq!(html("*a</div>b"), "<ul><li>a</li></ul><p>b</p>");
    assert_eq!(html("<div>\n*a</div><div>\n*b</div>"), "<div>\n<ul><li>a</li></ul></div><div>\n<ul><li>b</li></ul></div>");
    // A block an earlier item opened is the list's: its end tag ends nothing.
    assert!(html(";<div>a\n:b</div>").contains("<dd>b"), "{}", html(";<div>a\n:b</div>"));
    // Nor do inline end tags.
    assert!(html("*a</span>b").starts_with("<ul><li>a"), "{}", html("*a</span>b"));
}

#[test]
fn include_directives_and_behaviour_switches_are_transparent_at_a_line_start() {
    // A list item after an include directive, its meta before the list.
    assert_eq!(
        html("</noinclude>*a"),
        "<meta typeof=\"mw:Includes/NoInclude/End\"/><ul><li>a</li></ul>"
    );
    // A heading after a behaviour switch.
    assert!(html("__INDEX__== a ==").contains("<h2 id=\"a\">a</h2>"), "{}", html("__INDEX__== a =="));
}

struct Aside;

impl wikitext_site::extension::ExtensionTag for Aside {
    fn render(
        &self,
        _call: &wikitext_site::extension::ExtensionTagCall<'_>,
        _cx: &mut dyn wikitext_site::extension::ExtensionContext,
    ) -> Result<wikitext_site::extension::ExtensionOutput, wikitext_site::extension::ExtensionError> {
        Ok(wikitext_site::extension::ExtensionOutput::html("<aside>a</aside>"))
    }
}

#[test]
fn an_aside_from_an_extension_is_a_block() {
    let site = wikitext_site::extension::ExtensionTags::new().with("asidetag", Aside).over(wikitext_site::DefaultSite::default());
    let tree = wikitext_parser::parse_with("<asidetag/>b", &wikitext_site::site::parse_options(&site));
    let out = wikitext_html::render(&tree, &site, &wikitext_html::RenderOptions::fragment());
    // No paragraph opens before it (nor an empty one after): the text after it gets its own.
    assert!(out.starts_with("<aside ") && out.ends_with("</aside><p>b</p>"), "{out}");
}

#[test]
fn formatting_reopened_around_a_line_break_alone_is_dropped() {
    // Tree building opens the `<s>` again for the break between the items;
    // that copy holds nothing but the break, so it goes (the break stays).
    assert_eq!(html("#<s> a\n#b </s>"), "<ol><li><s> a</s></li>\n<li><s>b </s></li></ol>");
    // One that an end tag closes stays.
    assert!(html("<small>\n*foo\n</small>").ends_with("<p><small></small></p>"), "{}", html("<small>\n*foo\n</small>"));
}

#[test]
fn formatting_reopened_around_paragraphs_moves_into_them() {
    // Parsoid does not reopen formatting for the line breaks between
    // paragraphs (T368720): the paragraphs' text reopens it inside them.
    let out = html("<code>\na\n\nb\n\nc\n</code>");
    assert!(out.contains("<p><code>b</code></p>"), "{out}");
    assert!(!out.contains("<code>\n<p>"), "{out}");
}

#[test]
fn a_blank_line_ending_a_paragraph_keeps_its_line_break_after_it() {
    // Both line breaks follow the `</p>`, as Parsoid places them; with a
    // second blank line the first one's opens the next paragraph.
    assert_eq!(html("a\n\nb"), "<p>a</p>\n\n<p>b</p>");
    assert_eq!(html("a\n\n== H =="), "<p>a</p>\n\n<h2 id=\"H\">H</h2>");
    assert_eq!(html("a\n\n*b"), "<p>a</p>\n\n<ul><li>b</li></ul>");
    assert_eq!(html("a\n\n\nb"), "<p>a</p>\n<p>\n<br/>\nb</p>");
}

#[test]
fn a_wrapped_runs_last_line_breaks_follow_its_paragraph() {
    // Inline content after a block on its line gets its paragraph from the
    // DOM pass; the blank line before the heading stays outside it.
    let out = html("<div>x</div>a.\n\n== H ==");
    assert!(out.contains("<p>a.</p>\n\n<h2"), "{out}");
    // A space alone stays (`a <div>`).
    assert_eq!(html("a <div>foo</div>"), "<p>a </p><div>foo</div>");
}
