//! Literal HTML in wikitext: comments, tags, attributes, the sanitizer.

mod common;

use common::html;


#[test]
fn comment_data_writes_ampersand_dash_and_gt_as_references() {
    let out = html("<!-- a-b & c > d --&gt; -->");
    assert!(out.contains("<!-- a&#x2D;b &#x26; c &#x3E; d &#x2D;&#x2D;&#x3E; -->"), "{out}");
}

#[test]
fn meta_without_microdata_is_text() {
    let out = html("<meta property=\"mw:PageProp/toc\" />");
    assert!(out.contains("&lt;meta property=\"mw:PageProp/toc\" />"), "{out}");
    let out = html("<meta itemprop=\"a\" content=\"b\" />");
    assert!(out.contains("<meta itemprop=\"a\" content=\"b\""), "{out}");
}

#[test]
fn a_stray_pre_end_tag_is_dropped() {
    let out = html("plain text</pre>");
    assert!(!out.contains("pre"), "{out}");
}

#[test]
fn a_comment_inside_an_attribute_value_is_dropped() {
    let out = html("<div class=\"<!-- c -->a\">x</div>");
    assert!(out.contains("<div class=\"a\">x</div>"), "{out}");
}

#[test]
fn include_directives_among_attributes_are_read_as_the_page_is_viewed() {
    // `<noinclude>` content stays and `<includeonly>` content goes, also
    // where a tag's attributes (or an unquoted value) would be.
    let out = html("<span <includeonly>id=\"a\"</includeonly><noinclude>id=\"b\" </noinclude>>x</span>");
    assert!(out.contains("<span id=\"b\""), "{out}");
    let out = html("<span <noinclude>id</noinclude><includeonly>title</includeonly>=\"c\">x</span>");
    assert!(out.contains("<span id=\"c\""), "{out}");
    let out = html("<span id=<noinclude>\"d\"</noinclude><includeonly>\"e\"</includeonly>>x</span>");
    assert!(out.contains("<span id=\"d\""), "{out}");
}

#[test]
fn a_gt_ends_a_tag_even_inside_a_quoted_value() {
    let out = html("<span title=\"a > b\">x</span>");
    assert!(out.contains("<span title=\"a \"> b\">x</span>"), "{out}");
    let out = html("<span title=\"Hello world>Foo</span>");
    assert!(out.contains("<span title=\"Hello world\">Foo</span>"), "{out}");
}

#[test]
fn tags_mediawiki_does_not_allow_are_text_both_ends() {
    let out = html("<aside>x</aside>");
    assert!(out.contains("&lt;aside>x&lt;/aside>"), "{out}");
}

#[test]
fn only_tabindex_zero_is_kept() {
    assert!(html("<div tabindex=\"0\">A</div>").contains("tabindex=\"0\""));
    assert!(!html("<div tabindex=\"-1\">A</div>").contains("tabindex"));
    assert!(!html("<div tabindex=\"3\">A</div>").contains("tabindex"));
}

#[test]
fn numeric_references_to_controls_and_noncharacters_stay_text() {
    for src in ["&#00;", "&#xC;", "&#xD;", "&#8;", "&#x7F;", "&#128;", "&#xD83D;", "&#xfffe;"] {
        let out = html(src);
        assert!(out.contains(&format!("&amp;{}", &src[1..])), "{src}: {out}");
    }
    assert!(html("&#x0000000074;").contains(">t</span>"));
    assert!(html("&#x10ffff;").contains("\u{10ffff}"));
    assert!(html("&רלמ;").contains("\u{200f}"));
}

#[test]
fn entities_inside_nowiki_are_entity_spans() {
    let out = html("<nowiki>a &lt; b &x</nowiki>");
    assert!(out.contains(r#"<span typeof="mw:Nowiki">a <span typeof="mw:Entity">&lt;</span> b &amp;x</span>"#), "{out}");
}

#[test]
fn gallery_caption_0_or_empty_is_no_caption() {
    // MediaWiki tests the caption for truth, as PHP does.
    for caption in ["0", ""] {
        let out = common::html(&format!("<gallery caption=\"{caption}\">\nFile:A.jpg\n</gallery>"));
        assert!(!out.contains("gallerycaption"), "{out}");
    }
    assert!(common::html("<gallery caption=\"00\">\nFile:A.jpg\n</gallery>").contains("gallerycaption"));
}

#[test]
fn comments_decode_only_the_special_characters_references() {
    // `&gt;`/`&amp;` are read (and written back as hex references), a named
    // reference such as `&nbsp;` stays as written.
    assert_eq!(html("<!-- a&nbsp;b --&gt; &amp;x -->"), "<!-- a&#x26;nbsp;b &#x2D;&#x2D;&#x3E; &#x26;x -->");
}

#[test]
fn extension_tag_attribute_whitespace_collapses_as_mediawiki_reads_it() {
    let out = html("<pre class=\" one\n\ttwo  \">hi</pre>");
    assert!(out.contains("class=\"one two\""), "{out}");
    assert!(out.contains(r#""attrs":{"class":"one two"}"#), "{out}");
    // An encoded newline is decoded after the whitespace is collapsed: it stays.
    let out = html("<pre title=\"a&#10;b\">hi</pre>");
    assert!(out.contains(r#""attrs":{"title":"a\nb"}"#), "{out}");
}

#[test]
fn nowiki_pairs_in_pre_only_escape_and_a_lone_one_stays_text() {
    let out = html("<pre><nowiki><nowiki></nowiki>Foo<nowiki></nowiki></nowiki></pre>");
    assert!(out.contains("'>&lt;nowiki>Foo&lt;/nowiki></pre>"), "{out}");
    let out = html("<pre>a<NoWiki>''b''</nowiki></pre>");
    assert!(out.contains(">a''b''</pre>"), "{out}");
}

#[test]
fn a_templated_attribute_value_is_an_expanded_attribute() {
    // The value as HTML (here a missing template's link), in `data-mw`.
    let out = html("<div title=\"a{{Nope}}b\">x</div>");
    assert!(out.contains(r#"<div title="a[[:Template:Nope]]b" typeof="mw:ExpandedAttrs" data-mw='{"attribs":[[{"txt":"title"},{"html":"a&lt;a rel="#), "{out}");
    assert!(out.contains(r#">Template:Nope&lt;/a>b"}]]}'>x</div>"#), "{out}");
    // Not on an element tree building may make again.
    assert!(!html("<b title=\"{{Nope}}\">x</b>").contains("ExpandedAttrs"));
    // Nor on a value without templates.
    assert!(!html("<div title=\"ab\">x</div>").contains("data-mw"));
}

#[test]
fn a_stray_pre_end_tag_line_is_no_blank_line() {
    // Tree building drops the tag, but its line is a block line, not a
    // blank one: the blank line after it opens no `<p><br>`.
    let out = html("a\n</pre>\n\nb");
    assert!(!out.contains("<br"), "{out}");
    assert!(out.ends_with("<p>b</p>"), "{out}");
}

#[test]
fn a_stray_end_tag_in_a_list_item_leaves_a_stripped_tag_marker() {
    let out = html(";one</b>two :def");
    assert!(out.contains("<dt>one<meta typeof=\"mw:Placeholder/StrippedTag\"/>two</dt>"), "{out}");
    // Not outside lists, nor for an end tag that closes something.
    assert!(!html("a</b>b").contains("StrippedTag"));
    assert!(!html("*<b>a</b>").contains("StrippedTag"));
}

#[test]
fn an_unclosed_pre_is_an_html_pre_whose_markup_renders() {
    // A closed `<pre>` is the extension tag (its body is text); one never
    // closed is the HTML element, so the tags after it are tags.
    let out = html("<pre>closed <span>a</span></pre>\n<pre>open <span>b</span>");
    assert!(out.contains("closed &lt;span>a&lt;/span></pre>"), "{out}");
    assert!(out.contains("<pre>open <span>b</span></pre>"), "{out}");
    assert!(!out.contains("&lt;pre"), "{out}");
}

#[test]
fn an_unclosed_pre_reads_its_attributes_to_the_gt() {
    // `<pre </table>`: names `<` and `table`, which the sanitizer drops;
    // the element is fostered out of the table.
    let out = html("<table><pre </table>");
    assert!(out.contains("<pre></pre><table"), "{out}");
}
