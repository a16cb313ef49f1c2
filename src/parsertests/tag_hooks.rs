//! The extension tags Parsoid's parser-test runner registers on its mock
//! wiki (its `ParserHook` test module, and the `annotations` option's
//! `dummyanno`/`ann2`), written on the public extension-tag API
//! (`wikitext_site::extension`) as any wiki's own tags would be. What each
//! renders is described in parsertests-site.json (`extensionTags`).

use wikitext_site::extension::{
    ExtensionContext, ExtensionError, ExtensionOutput, ExtensionTag, ExtensionTagCall, ExtensionTags, ParseMode,
    TagKind,
};

/// The test hooks every case has; with `annotations`, the annotation tags
/// too, with `raw_html` (`wgrawhtml=1`) the `<html>` tag and with
/// `style_tag` (`styletag`) the `<style>` tag.
#[must_use]
pub fn parser_test_tags(annotations: bool, raw_html: bool, style_tag: bool) -> ExtensionTags {
    let mut tags = ExtensionTags::new();
    tags.insert("tag", VarExport);
    tags.insert("tåg", VarExport);
    tags.insert("statictag", StaticTag);
    tags.insert("asidetag", Html("<aside>Some aside content</aside>"));
    tags.insert("sealtag", Html("<span></span>"));
    tags.insert("divtag", Wrap { element: "div", mode: ParseMode::Block });
    tags.insert("spantag", Wrap { element: "span", mode: ParseMode::Inline });
    tags.insert("embedtag", EmbedTag);
    // The mock wiki knows `<section>` (Labeled Section Transclusion) but
    // renders it through its mock action=parse, which answers nothing.
    tags.insert("section", Html(""));
    tags.insert("pwraptest", Html("<!--CMT--><style>p{}</style>"));
    // TemplateStyles goes to the mock action=parse, which answers one
    // fixed sheet.
    tags.insert(
        "templatestyles",
        Html("<style data-mw-deduplicate=\"TemplateStyles:r123456\">small { font-size: 120% } big { font-size: 80% }</style>"),
    );
    if style_tag {
        tags.insert("style", StyleTag);
    }
    if raw_html {
        tags.insert("html", RawHtml);
    }
    if annotations {
        tags.insert("dummyanno", Annotation);
        tags.insert("ann2", Annotation);
    }
    tags
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// PHP's `var_export` of a string.
fn php_string(s: &str) -> String {
    format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// `<tag>`: a `<pre>` with PHP's `var_export` of the body and attributes.
struct VarExport;

impl ExtensionTag for VarExport {
    fn render(&self, call: &ExtensionTagCall<'_>, _cx: &mut dyn ExtensionContext) -> Result<ExtensionOutput, ExtensionError> {
        let mut text = call.body.map_or_else(|| "NULL".to_string(), php_string);
        text.push_str("\narray (\n");
        for (name, value) in call.attrs {
            text.push_str(&format!("  {} => {},\n", php_string(name), php_string(value)));
        }
        text.push_str(")\n");
        Ok(ExtensionOutput::html(format!("<pre>{}</pre>", escape(&text))))
    }
}

/// `<statictag>`: buffers its body; `<statictag action="flush"/>` writes
/// the buffer out and clears it.
struct StaticTag;

impl ExtensionTag for StaticTag {
    fn render(&self, call: &ExtensionTagCall<'_>, cx: &mut dyn ExtensionContext) -> Result<ExtensionOutput, ExtensionError> {
        let slot = cx.state();
        if call.attr("action") == Some("flush") {
            let buffer = slot.take().and_then(|b| b.downcast::<String>().ok()).map_or_else(String::new, |b| *b);
            return Ok(ExtensionOutput::html(format!("<span>{}</span>", escape(&buffer))));
        }
        let mut buffer = slot.take().and_then(|b| b.downcast::<String>().ok()).map_or_else(String::new, |b| *b);
        buffer.push_str(call.body.unwrap_or(""));
        *slot = Some(Box::new(buffer));
        Ok(ExtensionOutput::html("<span></span>"))
    }
}

/// A tag with fixed HTML output.
struct Html(&'static str);

impl ExtensionTag for Html {
    fn render(&self, _call: &ExtensionTagCall<'_>, _cx: &mut dyn ExtensionContext) -> Result<ExtensionOutput, ExtensionError> {
        Ok(ExtensionOutput::html(self.0))
    }
}

/// `<style>`: the body as a style sheet, with the tag's attributes.
struct StyleTag;

impl ExtensionTag for StyleTag {
    fn render(&self, call: &ExtensionTagCall<'_>, _cx: &mut dyn ExtensionContext) -> Result<ExtensionOutput, ExtensionError> {
        let mut html = String::from("<style");
        for (name, value) in call.attrs {
            html.push_str(&format!(" {name}=\"{}\"", escape(value)));
        }
        html.push('>');
        html.push_str(call.body.unwrap_or(""));
        html.push_str("</style>");
        Ok(ExtensionOutput::html(html))
    }
}

/// `<html>` (`$wgRawHtml`): the body as HTML. The renderer still sanitizes
/// it, as it does every handler's output, so script and style are dropped.
struct RawHtml;

impl ExtensionTag for RawHtml {
    fn render(&self, call: &ExtensionTagCall<'_>, _cx: &mut dyn ExtensionContext) -> Result<ExtensionOutput, ExtensionError> {
        Ok(ExtensionOutput::html(call.body.unwrap_or("")))
    }
}

/// `<divtag>` and `<spantag>`: the body parsed, in a `<div>` (block) or a
/// `<span>` (inline).
struct Wrap {
    element: &'static str,
    mode: ParseMode,
}

impl ExtensionTag for Wrap {
    fn render(&self, call: &ExtensionTagCall<'_>, cx: &mut dyn ExtensionContext) -> Result<ExtensionOutput, ExtensionError> {
        let inner = cx.parse(call.body.unwrap_or(""), self.mode);
        Ok(ExtensionOutput::html(format!("<{0}>{inner}</{0}>", self.element)))
    }
}

/// `<embedtag>`: an empty span, its body's HTML in `data-mw.body.html`.
struct EmbedTag;

impl ExtensionTag for EmbedTag {
    fn render(&self, call: &ExtensionTagCall<'_>, cx: &mut dyn ExtensionContext) -> Result<ExtensionOutput, ExtensionError> {
        let inner = cx.parse(call.body.unwrap_or(""), ParseMode::Inline);
        Ok(ExtensionOutput::html("<span></span>").with_body_html(inner))
    }
}

/// `<dummyanno>` and `<ann2>`: annotations.
struct Annotation;

impl ExtensionTag for Annotation {
    fn render(&self, _call: &ExtensionTagCall<'_>, _cx: &mut dyn ExtensionContext) -> Result<ExtensionOutput, ExtensionError> {
        Ok(ExtensionOutput::html(""))
    }

    fn kind(&self) -> TagKind {
        TagKind::Annotation
    }
}
