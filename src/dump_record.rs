//! One page's output record: a JSON object shaped like a record of the
//! Wikimedia Enterprise HTML dumps (`name`, `identifier`, `url`,
//! `namespace.identifier`, `version.identifier`, `date_modified`,
//! `in_language.identifier`, `is_part_of.identifier`, `article_body`), so
//! their readers read ours unchanged.

use serde_json::{Map, Value, json};

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
