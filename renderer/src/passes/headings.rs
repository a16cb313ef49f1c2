//! Heading ids: every `<h1>`–`<h6>` without an id gets one from its text,
//! unique among the ids before it on the page, plus a
//! `<span typeof="mw:FallbackId">` with the legacy id when that differs.

use super::WIKITEXT_HEADING;
use wikitext_site::anchor::AnchorSet;
use crate::dom::{Dom, NodeId};

pub(super) fn assign_ids(dom: &mut Dom) {
    let Some(body) = dom.body() else { return };
    let nodes: Vec<_> = dom.descendants(body).collect();
    let mut anchors = AnchorSet::new();
    // One walk in document order, a heading before what is inside it: an
    // id seen so far is taken; one that comes later (even inside the
    // heading) does not change the heading's.
    for &n in &nodes {
        // One look at the element: its name and its id.
        let Some(element) = dom.element(n) else { continue };
        let is_heading = matches!(element.html_name(), Some("h1" | "h2" | "h3" | "h4" | "h5" | "h6"));
        if let Some(id) = element.attr("id") {
            anchors.reserve(id);
            continue;
        }
        if !is_heading {
            continue;
        }
        let text = heading_text(dom, n);
        let (id, fallback) = anchors.unique_id(&text);
        dom.set_attr(n, "id", id);
        if let Some(legacy) = fallback {
            let span = dom.create_element("span", [("id", legacy), ("typeof", "mw:FallbackId".to_string())]);
            match dom.first_child(n) {
                Some(first) => dom.insert_before(first, span),
                None => dom.append_child(n, span),
            }
        }
    }
}

/// A heading's text for its id: its text content less footnote markers
/// (`== Title<ref>x</ref> ==` is "Title", not "Title[1]"), which MediaWiki
/// adds only after it has made the id, and less style sheets (an
/// extension's `<style>`), whose text is not shown.
///
/// Language converter markup counts as written (`== -{Naslov}- ==` has the
/// id `-{Naslov}-`): MediaWiki makes the id before it converts, and
/// Parsoid leaves the markup's content in `data-mw-variant`.
fn heading_text(dom: &Dom, heading: NodeId) -> String {
    let has_type = |n: NodeId, wanted: &str| {
        dom.attr(n, "typeof").is_some_and(|t| t.split_ascii_whitespace().any(|w| w == wanted))
    };
    let is_marker = |n: NodeId| has_type(n, "mw:Extension/ref") || dom.is_element_named(n, "style");
    let as_written = |n: NodeId| {
        if !has_type(n, crate::emit::language_variants::VARIANT_TYPEOF) {
            return None;
        }
        let src = dom.source_text(dom.src_range(n)?)?;
        (src.starts_with("-{") && src.ends_with("}-")).then_some(src)
    };
    if !dom.descendants(heading).any(|n| is_marker(n) || as_written(n).is_some()) {
        return dom.text_content(heading);
    }
    let mut out = String::new();
    let mut stack: Vec<NodeId> = dom.children(heading).collect();
    stack.reverse();
    while let Some(n) = stack.pop() {
        if let Some(t) = dom.text(n) {
            out.push_str(t);
        } else if let Some(src) = as_written(n) {
            out.push_str(src);
        } else if !is_marker(n) {
            let at = stack.len();
            stack.extend(dom.children(n));
            stack[at..].reverse();
        }
    }
    out
}

fn marked_headings(dom: &Dom) -> Vec<NodeId> {
    let Some(body) = dom.body() else { return Vec::new() };
    // From the side table, not a walk: few nodes carry the mark.
    dom.marked(WIKITEXT_HEADING).into_iter().filter(|&n| dom.is_inside(n, body)).collect()
}

pub(super) fn drop_markers(dom: &mut Dom) {
    for n in marked_headings(dom) {
        dom.remove_mark(n, WIKITEXT_HEADING);
    }
}

pub(super) fn mark_as_extension_headings(dom: &mut Dom) {
    for n in marked_headings(dom) {
        dom.set_mark(n, WIKITEXT_HEADING, super::EXTENSION_HEADING.to_string());
    }
}
