//! Heading ids: every `<h1>`–`<h6>` without an id gets one from its text,
//! unique among the ids before it on the page, plus a
//! `<span typeof="mw:FallbackId">` with the legacy id when that differs.

use super::WIKITEXT_HEADING;
use wikitext_site::anchor::AnchorSet;
use crate::dom::Dom;

fn is_heading(dom: &Dom, id: crate::dom::NodeId) -> bool {
    matches!(dom.local_name(id), Some("h1" | "h2" | "h3" | "h4" | "h5" | "h6"))
}

pub(super) fn assign_ids(dom: &mut Dom) {
    let Some(body) = dom.body() else { return };
    let nodes: Vec<_> = dom.descendants(body).collect();
    let mut anchors = AnchorSet::new();
    // One walk in document order, a heading before what is inside it: an
    // id seen so far is taken; one that comes later (even inside the
    // heading) does not change the heading's.
    for &n in &nodes {
        if !is_heading(dom, n) || dom.has_attr(n, "id") {
            if let Some(id) = dom.attr(n, "id") {
                let id = id.to_string();
                anchors.reserve(&id);
            }
            continue;
        }
        let text = dom.text_content(n);
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

pub(super) fn drop_markers(dom: &mut Dom) {
    let Some(body) = dom.body() else { return };
    let nodes: Vec<_> = dom.descendants(body).filter(|&n| dom.has_mark(n, WIKITEXT_HEADING)).collect();
    for n in nodes {
        dom.remove_mark(n, WIKITEXT_HEADING);
    }
}
