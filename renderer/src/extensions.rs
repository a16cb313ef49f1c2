//! The extension tags the renderer itself provides, on the same API as a
//! wiki's own (`wikitext_site::extension`): `<pre>` and `<indicator>`. A
//! site's handler of the same name replaces one. (`<gallery>` needs the
//! media renderer, which no handler sees: `emit::gallery` renders it
//! natively, wrapped the same way; a site's handler replaces it too.)
//! (`<nowiki>` is core syntax, not an extension: Parsoid marks it
//! `mw:Nowiki` without encapsulation, so `emit::html_tags` renders it.)

use std::borrow::Cow;

use wikitext_site::extension::{ExtensionContext, ExtensionError, ExtensionOutput, ExtensionTag, ExtensionTagCall};

/// `<pre>`: its body is text (entities decoded, `<nowiki>` tags dropped),
/// its attributes those of an HTML `<pre>`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pre;

impl ExtensionTag for Pre {
    fn render(&self, call: &ExtensionTagCall<'_>, _cx: &mut dyn ExtensionContext) -> Result<ExtensionOutput, ExtensionError> {
        let mut html = String::from("<pre");
        for (name, value) in call.attrs {
            html.push(' ');
            html.push_str(&escape(name));
            html.push_str("=\"");
            html.push_str(&escape(value));
            html.push('"');
        }
        html.push('>');
        let body = nowiki_strip(call.body.unwrap_or(""));
        let text = crate::sanitizer::decode_entities(&body);
        // A newline right after `<pre>` is dropped by HTML parsing, as
        // in MediaWiki's output.
        html.push_str(&escape(&text));
        html.push_str("</pre>");
        Ok(ExtensionOutput::html(html))
    }
}

/// `<nowiki>` inside `<pre>` only escapes: drop the tags, keep the text.
fn nowiki_strip(body: &str) -> Cow<'_, str> {
    if !body.contains("nowiki>") {
        return Cow::Borrowed(body);
    }
    Cow::Owned(body.replace("<nowiki>", "").replace("</nowiki>", ""))
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// `<indicator name="...">`: a page status indicator, shown by the skin,
/// not in the content; Parsoid leaves a `<meta>`. A name is required.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Indicator;

impl ExtensionTag for Indicator {
    fn render(&self, call: &ExtensionTagCall<'_>, _cx: &mut dyn ExtensionContext) -> Result<ExtensionOutput, ExtensionError> {
        match call.attr("name") {
            Some(name) if !name.trim().is_empty() => Ok(ExtensionOutput::invisible()),
            _ => Err(ExtensionError::new("invalid-indicator-name")),
        }
    }
}
