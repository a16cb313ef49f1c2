//! One page's output record: a JSON object shaped like a record of the
//! Wikimedia Enterprise HTML dumps (`name`, `identifier`, `url`,
//! `namespace.identifier`, `version.identifier`, `date_modified`,
//! `in_language.identifier`, `is_part_of.identifier`, `article_body`), so
//! their readers read ours unchanged.

use serde_json::{Map, Value, json};
use wikitext_html::json::push_json_string;

use crate::export::ExportPage;
use crate::export_site::ExportSite;
use crate::{RenderOptions, Site};

/// What `article_body` holds besides the wikitext.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The page rendered to HTML, as `wikitext html --title NAME` renders it.
    Html,
    /// The prose of the page without markup.
    Text,
    /// Only the wikitext.
    Wikitext,
    /// The syntax tree as JSON (`wikitext parse --json`).
    Tree,
}

impl Format {
    /// The format named `name` (`html`, `text`, `wikitext`, `tree`).
    #[must_use]
    pub fn from_name(name: &str) -> Option<Format> {
        Some(match name {
            "html" => Format::Html,
            "text" => Format::Text,
            "wikitext" => Format::Wikitext,
            "tree" => Format::Tree,
            _ => return None,
        })
    }
}

/// The plain text of a page. The one place the dump extracts text, so a
/// better extractor replaces this body alone.
#[must_use]
pub fn plain_text(src: &str, site: &dyn Site) -> String {
    crate::text::to_text(src, site, &crate::text::TextOptions::default())
}

/// The HTML of a page, exactly as `wikitext html - --title TITLE` renders it.
#[must_use]
pub fn page_html(src: &str, title: &str, site: &dyn Site) -> String {
    let mut options = RenderOptions::page();
    options.title = title.to_string();
    crate::to_html(src, site, &options)
}

/// The fields every record has.
fn common(page: &ExportPage, wiki: &ExportSite) -> Map<String, Value> {
    let mut record = Map::new();
    record.insert("name".into(), json!(page.title));
    record.insert("identifier".into(), json!(page.id));
    record.insert("url".into(), json!(wiki.page_url(&page.title)));
    record.insert("namespace".into(), json!({ "identifier": page.namespace }));
    record.insert("version".into(), json!({ "identifier": page.revision_id }));
    record.insert("date_modified".into(), json!(page.timestamp));
    record.insert("in_language".into(), json!({ "identifier": wiki.language() }));
    record.insert("is_part_of".into(), json!({ "identifier": wiki.db_name() }));
    record
}

/// A redirect page's record: its target instead of a rendering.
#[must_use]
pub fn redirect_record(page: &ExportPage, target: &str, wiki: &ExportSite) -> Value {
    let mut record = common(page, wiki);
    record.insert("redirect".into(), json!({ "name": target, "url": wiki.page_url(target) }));
    Value::Object(record)
}

/// A page's record with its body in `format`, rendered with `site` (the
/// export's wiki, with templates when a store is given).
#[must_use]
pub fn page_record(page: &ExportPage, format: Format, wiki: &ExportSite, site: &dyn Site) -> Value {
    let mut body = Map::new();
    match format {
        Format::Html => {
            body.insert("html".into(), json!(page_html(&page.text, &page.title, site)));
        }
        Format::Text => {
            body.insert("text".into(), json!(plain_text(&page.text, site)));
        }
        Format::Tree => {
            let tree = crate::parse_for_site(&page.text, site);
            let json = crate::tree_to_json(&tree);
            body.insert("tree".into(), serde_json::from_str(&json).unwrap_or(Value::Null));
        }
        Format::Wikitext => {}
    }
    body.insert("wikitext".into(), json!(page.text));
    let mut record = common(page, wiki);
    record.insert("article_body".into(), Value::Object(body));
    Value::Object(record)
}

/// A page's record: a redirect record for a redirect, else its rendering.
#[must_use]
pub fn record(page: &ExportPage, format: Format, wiki: &ExportSite, site: &dyn Site) -> Value {
    match &page.redirect {
        Some(target) => redirect_record(page, target, wiki),
        None => page_record(page, format, wiki, site),
    }
}

/// [`record`] as one line of JSON with its newline, written directly: the
/// bytes `serde_json` writes for the record's value, without building the
/// value first (its map, and a copy of every string while it grows).
#[must_use]
pub fn record_line(page: &ExportPage, format: Format, wiki: &ExportSite, site: &dyn Site) -> String {
    // What `article_body` holds beside the wikitext: a string, or the tree's JSON.
    let body = match (&page.redirect, format) {
        (Some(_), _) | (None, Format::Wikitext) => None,
        (None, Format::Html) => Some(("html", page_html(&page.text, &page.title, site), true)),
        (None, Format::Text) => Some(("text", plain_text(&page.text, site), true)),
        (None, Format::Tree) => Some(("tree", crate::tree_to_json(&crate::parse_for_site(&page.text, site)), false)),
    };
    let body_len = body.as_ref().map_or(0, |(_, b, _)| b.len());
    let mut out = String::with_capacity(page.text.len() + body_len + page.title.len() * 2 + 256);
    let mut digits = itoa::Buffer::new();
    out.push_str("{\"name\":");
    push_json_string(&mut out, &page.title);
    out.push_str(",\"identifier\":");
    out.push_str(page.id.map_or("null", |id| digits.format(id)));
    out.push_str(",\"url\":");
    push_json_string(&mut out, &wiki.page_url(&page.title));
    out.push_str(",\"namespace\":{\"identifier\":");
    out.push_str(digits.format(page.namespace));
    out.push_str("},\"version\":{\"identifier\":");
    out.push_str(page.revision_id.map_or("null", |id| digits.format(id)));
    out.push_str("},\"date_modified\":");
    match &page.timestamp {
        Some(t) => push_json_string(&mut out, t),
        None => out.push_str("null"),
    }
    out.push_str(",\"in_language\":{\"identifier\":");
    push_json_string(&mut out, wiki.language());
    out.push_str("},\"is_part_of\":{\"identifier\":");
    push_json_string(&mut out, wiki.db_name());
    out.push('}');
    if let Some(target) = &page.redirect {
        out.push_str(",\"redirect\":{\"name\":");
        push_json_string(&mut out, target);
        out.push_str(",\"url\":");
        push_json_string(&mut out, &wiki.page_url(target));
        out.push('}');
    } else {
        out.push_str(",\"article_body\":{");
        if let Some((key, value, is_string)) = &body {
            out.push('"');
            out.push_str(key);
            out.push_str("\":");
            if *is_string {
                push_json_string(&mut out, value);
            } else {
                out.push_str(value);
            }
            out.push(',');
        }
        out.push_str("\"wikitext\":");
        push_json_string(&mut out, &page.text);
        out.push('}');
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export;

    fn wiki() -> ExportSite {
        ExportSite::new(&export::SiteInfo {
            site_name: Some("Wikipedia".into()),
            db_name: Some("enwiki".into()),
            base: Some("https://en.wikipedia.org/wiki/Main_Page".into()),
            case: Some("first-letter".into()),
            ..export::SiteInfo::default()
        })
    }

    fn page(title: &str, text: &str) -> ExportPage {
        ExportPage {
            title: title.into(),
            namespace: 0,
            text: text.into(),
            redirect: None,
            id: Some(12),
            revision_id: Some(345),
            timestamp: Some("2024-01-01T00:00:00Z".into()),
            model: Some("wikitext".into()),
        }
    }

    #[test]
    fn a_line_is_the_records_json() {
        let wiki = wiki();
        let text = "'''Zürich''' \"quoted\" \\ back\tslash\u{1}\n== H ==\n[[Link|x]] {{T|a=1}}<ref>r</ref>\n";
        let mut pages = vec![page("Zürich \"Z\"", text), page("Empty", "")];
        let mut redirect = page("Old", "#REDIRECT [[Zürich]]");
        redirect.redirect = Some("Zürich".into());
        pages.push(redirect);
        let mut bare = page("Bare", "x");
        bare.id = None;
        bare.revision_id = None;
        bare.timestamp = None;
        pages.push(bare);
        for page in &pages {
            for format in [Format::Html, Format::Text, Format::Wikitext, Format::Tree] {
                let mut expected = serde_json::to_vec(&record(page, format, &wiki, &wiki)).unwrap();
                expected.push(b'\n');
                let line = record_line(page, format, &wiki, &wiki);
                assert_eq!(line, String::from_utf8_lossy(&expected), "{} {format:?}", page.title);
            }
        }
    }
}
