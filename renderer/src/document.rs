//! The full HTML document around a rendered body, as Parsoid's page output
//! has it: doctype, `<head>` with charset, title and base, and a `<body>`
//! with the content classes.

use crate::dom::Dom;
use crate::options::RenderOptions;
use crate::serialize;
use wikitext_site::site::Site;

pub(crate) fn write(dom: &Dom, site: &dyn Site, options: &RenderOptions, out: &mut String) {
    let lang = site.language();
    out.push_str("<!DOCTYPE html>\n<html prefix=\"dc: http://purl.org/dc/terms/ mw: http://mediawiki.org/rdf/\" lang=");
    serialize::escape_attr_value(lang, out);
    out.push_str("><head><meta charset=\"utf-8\"/><meta property=\"mw:htmlVersion\" content=\"2.8.0\"/><title>");
    serialize::escape_text(&options.title, out);
    out.push_str("</title></head><body lang=");
    serialize::escape_attr_value(lang, out);
    out.push_str(" class=\"mw-content-ltr sitedir-ltr ltr mw-body-content parsoid-body mediawiki mw-parser-output\" dir=\"ltr\">");
    if let Some(body) = dom.body() {
        serialize::serialize_children(dom, body, out);
    }
    out.push_str("</body></html>");
}
