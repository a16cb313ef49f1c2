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
        if self.page_source(title).is_some() { PageState::Exists } else { PageState::Missing }
    }
    fn page_source(&self, title: &str) -> Option<String> {
        match title {
            "Template:1x" => Some("{{{1}}}".to_string()),
            "Template:Sections" => Some("===a===\n==b==".to_string()),
            "Template:Lead-in" => Some("<!--c-->\n[[Category:C]]\n==b==\nc".to_string()),
            _ => None,
        }
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
fn a_nowiki_starting_a_transclusion_keeps_its_type_first_an_entity_does_not() {
    let out = html("{{1x|<nowiki>a</nowiki>}}");
    assert!(out.contains(r#"typeof="mw:Nowiki mw:Transclusion""#), "{out}");
    let out = html("{{1x|&ndash;}}");
    assert!(out.contains(r#"typeof="mw:Transclusion mw:Entity""#), "{out}");
}

#[test]
fn empty_items_and_rows_inside_template_output_are_dropped_unless_they_have_attributes() {
    let out = html("{{1x|*a\n*\n*b}}");
    assert!(out.matches("<li").count() == 2 && out.contains("<li>b</li>") && !out.contains("mw-empty-elt"), "{out}");
    let out = html("{{1x|1=<table><tr align=\"center\"></tr><tr></tr><tr><td>x</td></tr></table>}}");
    assert!(out.contains("<tr align=\"center\"></tr>") && out.matches("<tr").count() == 2, "{out}");
    // On the page itself they stay, marked.
    let out = html("*a\n*\n*b");
    assert!(out.contains("<li class=\"mw-empty-elt\">"), "{out}");
}

#[test]
fn a_transclusion_filling_a_paragraph_made_around_bare_content_is_that_paragraph() {
    // The line holds a block, so its inline content gets a paragraph of
    // its own, which the template's output fills: the paragraph carries it.
    let out = html("{{1x|Foo}}\n{{1x|bar}} <div>baz</div>");
    assert!(out.contains(r##"<p about="#mwt2" typeof="mw:Transclusion""##), "{out}");
    // A paragraph the line made (it holds the line's end) does not.
    assert!(out.starts_with(r##"<p><span about="#mwt1" typeof="mw:Transclusion""##), "{out}");
}

#[test]
fn leading_category_links_below_the_top_level_sit_in_an_interstitial_span() {
    let out = html("<div>{{1x|[[Category:Foo]]<div>foo</div>}}</div>");
    assert!(
        out.contains(r##"<div><span class="mw-empty-elt" about="#mwt1" typeof="mw:Transclusion""##)
            && out.contains("><link rel=\"mw:PageProp/Category\""),
        "{out}"
    );
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

#[test]
fn only_headings_the_page_source_wrote_take_section_numbers() {
    let mut options = RenderOptions::fragment();
    options.wrap_sections = true;
    let render = |src: &str| wikitext_html::render(&wikitext_parser::parse(src), &TemplateSite, &options);
    // A template's own headings take no number: the next page heading is 2.
    let out = render("==x==\n{{sections}}\n==y==");
    assert!(out.contains(r#"<section data-mw-section-id="2"><h2 id="y""#), "{out}");
    // A heading written in an argument does: the next one is 3.
    let out = render("==x==\n{{1x|1=\n==z==\n}}\n==y==");
    assert!(out.contains(r#"<section data-mw-section-id="3"><h2 id="y""#), "{out}");
    // So does one in an argument the template does not use.
    let out = render("==x==\n{{1x|a|\n==z==\n}}\n==y==");
    assert!(out.contains(r#"<section data-mw-section-id="3"><h2 id="y""#), "{out}");
}

#[test]
fn a_category_link_records_the_html_of_a_templated_target_or_sort_key() {
    let out = html("[[Category:A|b {{1x|c}} d]]");
    assert!(out.contains(r##"href="./Category:A#b%20c%20d""##), "{out}");
    assert!(out.contains(r#"typeof="mw:ExpandedAttrs""#), "{out}");
    assert!(out.contains(r##"{"txt":"mw:sortKey"},{"html":"b &lt;span about=\"#mwt1\" typeof=\"mw:Transclusion\""##), "{out}");
    let out = html("[[Category:A{{1x|b}}]]");
    assert!(out.contains(r#"[{"txt":"href"},{"html":"Category:A&lt;span"#), "{out}");
    // Without a template nothing is recorded.
    assert!(!html("[[Category:A|b]]").contains("data-mw"));
}

#[test]
fn a_comment_before_a_transclusion_whose_output_starts_with_a_space_leaves_an_indent_pre() {
    // MediaWiki strips the comment before it reads the line ` foo`.
    let out = html("<!--c-->{{1x| foo}}");
    assert!(out.contains("<pre"), "{out}");
}

#[test]
fn the_line_break_mediawiki_puts_before_a_table_is_outside_the_transclusion() {
    // `foo {{1x|{{{!}}...}}`: the table starts a line of its own (T2529),
    // and the transclusion starts with the table, not with the break.
    let out = html("foo {{1x|{{{!}}\n{{!}}a\n{{!}}}}}");
    assert!(out.starts_with("<p>foo </p>"), "{out}");
    assert!(out.contains(r##"<table about="#mwt1" typeof="mw:Transclusion""##), "{out}");
    // A break the template writes itself is its own.
    let out = html("foo {{1x|\n{{{!}}\n{{!}}a\n{{!}}}}}");
    assert!(!out.contains(r##"<table about="#mwt1" typeof="mw:Transclusion""##), "{out}");
}

#[test]
fn a_parameter_without_a_value_on_the_page_keeps_its_line_breaks() {
    // Its source shows as text, and a blank line in it still ends a paragraph.
    let out = html("{{{a\n\nb}}}");
    assert!(out.starts_with(r##"<p about="#mwt1" typeof="mw:Param""##), "{out}");
    assert!(out.contains("{{{a</p>"), "{out}");
    assert!(out.ends_with("<p about=\"#mwt1\">b}}}</p>"), "{out}");
}

#[test]
fn output_tree_building_drops_whole_leaves_an_empty_element_span() {
    let out = html("{{1x|<tr></tr>}}");
    assert!(out.starts_with(r##"<span class="mw-empty-elt" about="#mwt1" typeof="mw:Transclusion""##), "{out}");
}

#[test]
fn templates_in_an_extension_body_inside_a_transclusion_are_part_of_its_output() {
    // A tag whose body is wikitext, rendered in place.
    let body = |call: &wikitext_site::extension::ExtensionTagCall<'_>,
                _cx: &mut dyn wikitext_site::extension::ExtensionContext|
     -> Result<wikitext_site::extension::ExtensionOutput, wikitext_site::extension::ExtensionError> {
        Ok(wikitext_site::extension::ExtensionOutput::wikitext(call.body.unwrap_or_default()))
    };
    let site = wikitext_site::extension::ExtensionTags::new().with("wt", body).over(TemplateSite);
    let src = "{{1x|a<wt>[[b|{{1x|c}}]]</wt>}}";
    let tree = wikitext_parser::parse_with(src, &wikitext_site::site::parse_options(&site));
    let out = wikitext_html::render(&tree, &site, &RenderOptions::fragment());
    // The inner call is expanded with the body, not encapsulated on its own.
    assert_eq!(out.matches("mw:Transclusion").count(), 1, "{out}");
    assert!(out.contains(">c</a>"), "{out}");
}

#[test]
fn a_whole_attribute_from_a_template_is_recorded_as_an_expanded_attribute() {
    let out = html("<div {{1x|1=style=\"color: red;\n#a\"}}>x</div>");
    // The value without the template's line break, and `data-mw.attribs`
    // keyed by the attribute's name with the transclusion's HTML.
    assert!(out.starts_with(r##"<div style="color: red;#a" typeof="mw:ExpandedAttrs" data-mw='{"attribs":[[{"txt":"style","html":"&lt;span about=\"#mwt1\" typeof=\"mw:Transclusion\""##), "{out}");
    assert!(out.contains(r#"style=\"color: red;\n#a\"&lt;/span>"},{"html":""}]]}'"#), "{out}");
}

#[test]
fn a_table_cell_s_whole_attribute_from_a_template_is_an_expanded_attribute() {
    let out = html("{|\n| align=\"center\" {{1x|1=class=\"a\"}} |x\n|}");
    assert!(out.contains(r#"<td align="center" class="a" typeof="mw:ExpandedAttrs" data-mw='{"attribs":[[{"txt":"class","html":"&lt;span"#), "{out}");
    assert!(out.contains(r#"&lt;/span>"},{"html":""}]]}'>x</td>"#), "{out}");
}

#[test]
fn a_template_starting_a_cell_before_any_row_makes_the_first_row_s_cell() {
    let out = html("{|\n{{1x|{{!}}a}}{{1x|b}}\n|}");
    assert!(out.contains("<td about=\"#mwt1\""), "{out}");
    assert!(out.contains(">ab</td>"), "{out}");
    assert!(!out.contains("<p>"), "{out}");
}

#[test]
fn a_parser_functions_arguments_are_positional_with_their_names_in_the_text() {
    // As Parsoid records them (T410826): `=` means what the function says.
    let out = html("{{#tag:span|x| class = y }}");
    assert!(out.contains(r#""params":{"1":{"wt":"x"},"2":{"wt":" class = y "}}"#), "{out}");
    assert!(out.contains(r#"<span class="y""#), "{out}");
    let out = html("{{#if:x|a=b|c}}");
    assert!(out.contains(r#""params":{"1":{"wt":"a=b"},"2":{"wt":"c"}}"#), "{out}");
    // A template's named arguments stay named and trimmed.
    let out = html("{{1x| 1 = v }}");
    assert!(out.contains(r#""params":{"1":{"wt":"v"}}"#), "{out}");
}

#[test]
fn an_element_a_template_opened_and_the_page_continued_carries_the_page_text_as_a_part() {
    // The item the template opened ends where the page's text in it does
    // (before the line break): it is the transclusion, "a" its last part.
    let out = html("{{1x|<li>}}a\n{{1x|<li>}}b");
    assert!(out.contains(r##"<li about="#mwt1" typeof="mw:Transclusion" data-mw='{"parts":[{"template""##), "{out}");
    assert!(out.contains(r##""i":0}},"a"]}'>a"##), "{out}");
    assert!(out.contains(r##""i":0}},"b"]}'>b</li>"##), "{out}");
    // An indent-pre the output began and the page's text filled.
    let out = html("{{1x|\n }}g");
    assert!(out.contains(r##""i":0}},"g"]}'>"##) && out.contains("<pre about=\"#mwt1\">g</pre>"), "{out}");
    // Page text after output that opened nothing is no part.
    let out = html("{{1x|a}} b");
    assert!(out.contains(r##""i":0}}]}'>a</span> b"##), "{out}");
    // A list item the page opened keeps the end marker out of it.
    let out = html("*{{1x|a}}\n*b");
    assert!(out.contains(r##"<li><span about="#mwt1""##), "{out}");
}

#[test]
fn a_heading_section_starts_where_its_transclusion_does_when_nothing_renders_before_it() {
    let mut options = RenderOptions::fragment();
    options.wrap_sections = true;
    let render = |src: &str| wikitext_html::render(&wikitext_parser::parse(src), &TemplateSite, &options);
    let out = render("==x==\n{{lead-in}}");
    assert!(out.contains(r##"<section data-mw-section-id="-1"><span about="#mwt1" typeof="mw:Transclusion""##), "{out}");
    // Content before the heading keeps the section at the heading, and the
    // transclusion takes in the sections it spans.
    let out = render("==x==\n{{1x|1=a\n==b==\nc}}");
    assert!(out.contains(r##"<section data-mw-section-id="-1" about="#mwt1"><h2"##), "{out}");
}

#[test]
fn a_templates_line_breaks_between_a_table_and_content_stay_those_beside_its_edges_go() {
    // Between the table and the paragraphs: kept, each in a span of the transclusion.
    let out = html("{{1x|a\n\n<table></table>\n\nb}}");
    assert!(out.contains("</p><span about=\"#mwt1\">\n\n</span><table about=\"#mwt1\">"), "{out}");
    // The output's last line beside its div goes (T378906).
    let out = html("{{1x|<div>foo</div>\n}}<span>bar</span>");
    assert!(out.contains("foo</div><p><span>bar</span></p>"), "{out}");
}

/// A wiki's own parser functions render as Parsoid renders its fragment
/// handlers (the HTML spec 3 draft's `parserfunction` part), as every
/// function does with `$wgParsoidExperimentalParserFunctionOutput`.
mod parser_function_parts {
    use super::*;
    use wikitext_site::function_hooks::{FunctionArgs, FunctionOutput, ParserFunctionHooks};

    fn join(args: &mut dyn FunctionArgs) -> FunctionOutput {
        let parts: Vec<String> = (0..args.len()).filter_map(|i| args.get(i)).map(|a| a.trim().to_string()).collect();
        FunctionOutput::Wikitext(parts.join(" "))
    }

    fn html_with_hooks(src: &str) -> String {
        let mut hooks = ParserFunctionHooks::new();
        hooks.insert("join", join);
        hooks.name("#join", "join");
        hooks.name("＃join", "join");
        let site = hooks.over(TemplateSite);
        wikitext_html::render(&wikitext_parser::parse(src), &site, &RenderOptions::fragment())
    }

    #[test]
    fn the_first_argument_is_parameter_one_and_the_type_names_the_function() {
        let out = html_with_hooks("{{#join:a|''b''}}");
        let expected = r##"<p><span about="#mwt1" typeof="mw:Transclusion mw:ParserFunction/join" data-mw='{"parts":[{"parserfunction":{"target":{"wt":"#join","key":"join"},"params":{"1":{"wt":"a"},"2":{"wt":"&apos;&apos;b&apos;&apos;"}},"i":0}}]}'>a </span><i about="#mwt1">b</i>"##;
        assert!(out.starts_with(expected), "{out}");
        // No argument at all, and a full-width colon.
        let out = html_with_hooks("x {{#join}} y {{＃join：c}}");
        assert!(out.contains(r##""target":{"wt":"#join","key":"join"},"params":{}"##), "{out}");
        assert!(out.contains(r##""target":{"wt":"＃join","key":"join"},"params":{"1":{"wt":"c"}}"##), "{out}");
    }

    #[test]
    fn named_repeated_and_out_of_place_parameters() {
        let out = html_with_hooks("{{#join:1|4|2=y|foo=bar|3|foo=baz}}");
        let params = r##""params":{"1":{"wt":"1"},"2":{"wt":"4"},"=2=2":{"wt":"y","eq":true,"order":3},"foo":{"wt":"bar","order":4},"3":{"wt":"3","order":5},"=5=foo":{"wt":"baz","order":6}}"##;
        assert!(out.contains(params), "{out}");
        // A number written as a name, in its own place.
        let out = html_with_hooks("{{#join:1=x|2=y}}");
        assert!(out.contains(r##""params":{"1":{"wt":"x","eq":true},"2":{"wt":"y","eq":true}}"##), "{out}");
    }

    #[test]
    fn output_that_is_one_element_carries_the_transclusion() {
        let out = html_with_hooks("{{#join:'''a'''}}");
        assert!(out.contains(r##"<b about="#mwt1" typeof="mw:Transclusion mw:ParserFunction/join""##), "{out}");
    }

    #[test]
    fn markup_a_function_returns_is_sanitized_like_any_other() {
        let mut hooks = ParserFunctionHooks::new();
        hooks.insert("evil", |_: &mut dyn FunctionArgs| {
            FunctionOutput::Wikitext("<script>alert(1)</script><span onclick=\"x()\" style=\"background:url(javascript:x)\">y</span>[javascript:alert(1) z]".into())
        });
        hooks.name("#evil", "evil");
        let site = hooks.over(TemplateSite);
        let out = wikitext_html::render(&wikitext_parser::parse("{{#evil}}"), &site, &RenderOptions::fragment());
        assert!(!out.contains("<script") && !out.contains("onclick") && !out.contains("url(javascript"), "{out}");
        assert!(!out.contains("href=\"javascript"), "{out}");
        assert!(out.contains("mw:ParserFunction/evil"), "{out}");
    }

    /// The template wiki with Parsoid's experimental parser-function output.
    struct V3Site(wikitext_site::SiteInfo);

    impl wikitext_site::layer::SiteLayer for V3Site {
        fn inner(&self) -> &dyn Site {
            &TemplateSite
        }
        fn info(&self) -> &wikitext_site::SiteInfo {
            &self.0
        }
    }

    #[test]
    fn every_function_is_written_so_when_the_wiki_asks() {
        let mut info = wikitext_site::SiteInfo::new("Wiki", "http://example.org");
        info.parser_function_v3_output = true;
        let page = wikitext_parser::parse("a {{#<!--c-->if:x|y|z}} b");
        let out = wikitext_html::render(&page, &V3Site(info), &RenderOptions::fragment());
        let expected = r##"typeof="mw:Transclusion mw:ParserFunction/if" data-mw='{"parts":[{"parserfunction":{"target":{"wt":"#&lt;!--c-->if","key":"if"},"params":{"1":{"wt":"x"},"2":{"wt":"y"},"3":{"wt":"z"}},"i":0}}]}'>y</span>"##;
        assert!(out.contains(expected), "{out}");
        // Off (the default), the 2.8.0 spec's template part.
        let out = html("{{#if:x|y|z}}");
        assert!(out.contains(r##"typeof="mw:Transclusion" data-mw='{"parts":[{"template":{"target":{"wt":"#if:x","function":"if"}"##), "{out}");
    }
}
