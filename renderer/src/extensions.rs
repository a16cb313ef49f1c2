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

/// `<nowiki>` inside `<pre>` only escapes: each pair is replaced by the
/// text between, as MediaWiki's `<pre>` does; a tag left without its
/// partner stays text (`<nowiki><nowiki></nowiki>x` shows `<nowiki>x`).
fn nowiki_strip(body: &str) -> Cow<'_, str> {
    let Some((pairs, tail)) = nowiki_pairs(body) else { return Cow::Borrowed(body) };
    let mut out = String::with_capacity(body.len());
    for (before, inside) in pairs {
        out.push_str(before);
        out.push_str(inside);
    }
    out.push_str(tail);
    Cow::Owned(out)
}

/// `value` cut at its `<nowiki>...</nowiki>` pairs (any case; each
/// `<nowiki>` with the first `</nowiki>` after it): the text before each
/// pair and the pair's text, then what follows the last pair. `None`
/// without a pair.
pub(crate) fn nowiki_pairs(value: &str) -> Option<(Vec<(&str, &str)>, &str)> {
    const OPEN: &str = "<nowiki>";
    const CLOSE: &str = "</nowiki>";
    // ASCII lower-casing keeps every byte where it was.
    let lower = value.to_ascii_lowercase();
    let mut pairs = Vec::new();
    let mut at = 0;
    while let Some(open) = lower[at..].find(OPEN).map(|o| at + o) {
        let inner = open + OPEN.len();
        let Some(close) = lower[inner..].find(CLOSE).map(|c| inner + c) else { break };
        pairs.push((&value[at..open], &value[inner..close]));
        at = close + CLOSE.len();
    }
    (!pairs.is_empty()).then(|| (pairs, &value[at..]))
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
