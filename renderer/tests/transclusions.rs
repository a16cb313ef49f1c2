//! Transclusion encapsulation: how a template's output carries its
//! `about`, `typeof="mw:Transclusion"` and `data-mw`.

use wikitext_html::{RenderOptions, Site};
use wikitext_site::site::PageState;

/// A wiki with `Template:1x` (`{{{1}}}`).
struct TemplateSite;

impl Site for TemplateSite {
    fn url_protocols(&self) -> &[String] {
        &[]
    }
    fn page_state(&self, title: &str) -> PageState {
        if title == "Template:1x" { PageState::Exists } else { PageState::Missing }
    }
    fn page_source(&self, title: &str) -> Option<String> {
        (title == "Template:1x").then(|| "{{{1}}}".to_string())
    }
}

fn html(src: &str) -> String {
    wikitext_html::render(&wikitext_parser::parse(src), &TemplateSite, &RenderOptions::fragment())
}

#[test]
fn a_lone_page_property_is_carried_in_an_empty_span_but_the_toc_marker_is_not() {
    let out = html("<div></div>\n{{1x|__TOC__}}\n<div></div>");
    assert!(out.contains(r##"<meta property="mw:PageProp/toc" about="#mwt1" typeof="mw:Transclusion" data-mw="##), "{out}");
    let out = html("<div></div>\n{{1x|[[Category:Foo]]}}\n<div></div>");
    assert!(out.contains(r##"<span class="mw-empty-elt" about="#mwt1" typeof="mw:Transclusion" data-mw="##), "{out}");
}

#[test]
fn a_cell_a_template_starts_leaves_the_page_cell_before_it_alone() {
    // `|title='a'|` and `|y` read as one line make `|title='a'||y`: a cell
    // of page text, and the template's cell, whose parts start at `||`'s
    // second pipe.
    let out = html("{|\n|title='a'|{{1x|{{!}}y}}\n|}");
    assert!(out.contains("<td>title='a'</td><td about=\"#mwt1\" typeof=\"mw:Transclusion\" data-mw='{\"parts\":[\"|\",{\"template\""), "{out}");
    // Output starting with `|` after content joins the cell.
    let out = html("{|\n|title='a'| b {{1x|{{!}}y}}\n|}");
    assert!(out.contains("<td title=\"a\" about=\"#mwt1\" typeof=\"mw:Transclusion\" data-mw='{\"parts\":[\"|title=&apos;a&apos;| b \""), "{out}");
    assert!(out.contains("> b |y</td>"), "{out}");
    // `{{!}}` is a literal pipe, not a cell.
    let out = html("{|\n| colspan=\"1\" |foo {{!}} bar\n|}");
    assert!(out.contains("<td colspan=\"1\">foo <span about=\"#mwt1\""), "{out}");
}

#[test]
fn output_at_a_cell_line_start_makes_a_cell_of_its_own() {
    let out = html("{|\n| a\n<!--x-->{{1x|!b}}\n|}");
    assert!(out.contains("<!--x--></td><th about=\"#mwt1\" typeof=\"mw:Transclusion\" data-mw='{\"parts\":[{\"template\""), "{out}");
    // A cell of several lines keeps its last line break out of the parts.
    let out = html("{|\n|a\n {{1x|1={{!}} b}}\n|}");
    assert!(out.contains("}}]}'> b\n</td>"), "{out}");
}

#[test]
fn whitespace_between_a_transclusions_cells_is_dropped_not_wrapped() {
    // A `<span>` cannot stand between cells of a row.
    let out = html("{|\n| {{1x|1=a\n{{!}}b}}\n|}");
    assert!(out.contains("> a</td><td about=\"#mwt1\">b</td>"), "{out}");
    assert!(!out.contains("<span"), "{out}");
}

#[test]
fn a_templates_line_breaks_beside_its_table_are_dropped() {
    let out = html("{{1x|\n{{{!}}\n{{!}}foo\n{{!}}}\n}}");
    assert!(out.starts_with("<span class=\"mw-empty-elt\" about=\"#mwt1\" typeof=\"mw:Transclusion\""), "{out}");
    assert!(out.contains("></span><table about=\"#mwt1\">"), "{out}");
    assert!(out.ends_with("</table>"), "{out}");
}

#[test]
fn a_template_starting_a_row_line_makes_its_cells() {
    let out = html("{|\n|-\n{{1x|1={{!}} title=\"x\" {{!}}}} ||a||b\n|}");
    assert!(out.contains("<tr>\n<td title=\"x\" about=\"#mwt1\" typeof=\"mw:Transclusion\" data-mw='{\"parts\":[{\"template\""), "{out}");
    assert!(out.contains("\" ||a||b\"]}'></td><td about=\"#mwt1\">a</td><td about=\"#mwt1\">b</td>"), "{out}");
}
