//! Empty elements: Parsoid marks a `<li>`, `<p>`, `<tr>` or `<tbody>` with
//! nothing but whitespace, comments, hidden language-variant blocks and
//! extensions' `<meta>`/`<link>` placeholders (and empty `<nowiki/>`s) in it
//! with `class="mw-empty-elt"`
//! (so skins can hide it); a `<tbody>` of only such rows counts as empty.

use crate::dom::{Dom, Edge, NodeData, NodeId};

const CLASS: &str = "mw-empty-elt";

fn is_flagged_kind(dom: &Dom, id: NodeId) -> bool {
    matches!(dom.local_name(id), Some("li" | "p" | "tr" | "tbody"))
}

fn is_empty(dom: &Dom, id: NodeId) -> bool {
    let tbody = dom.local_name(id) == Some("tbody");
    dom.children(id).all(|c| match dom.data(c) {
        NodeData::Text(t) => t.bytes().all(|b| b.is_ascii_whitespace()),
        NodeData::Comment(_) => true,
        // A hidden language-variant block shows nothing either, nor does an
        // extension that left only its `<meta>` or `<link>` (an indicator,
        // a `<section>` marker).
        NodeData::Element(_) => {
            (tbody && has_class(dom, c)) || crate::emit::is_hidden_variant(dom, c) || is_extension_placeholder(dom, c)
        }
        _ => false,
    })
}

/// A `<meta>` or `<link>` standing for an extension tag's output, or an
/// empty `<nowiki/>`'s span.
fn is_extension_placeholder(dom: &Dom, id: NodeId) -> bool {
    let Some(typeof_) = dom.attr(id, "typeof") else { return false };
    match dom.local_name(id) {
        Some("meta" | "link") => typeof_.split_ascii_whitespace().any(|w| w.starts_with("mw:Extension/")),
        Some("span") => typeof_ == "mw:Nowiki" && dom.first_child(id).is_none(),
        _ => false,
    }
}

fn has_class(dom: &Dom, id: NodeId) -> bool {
    dom.attr(id, "class").is_some_and(|c| c.split_ascii_whitespace().any(|w| w == CLASS))
}

pub(super) fn mark(dom: &mut Dom) {
    let Some(body) = dom.body() else { return };
    // Children before parents, so a tbody sees its rows already marked.
    let closed: Vec<NodeId> = dom
        .traverse(body)
        .filter_map(|e| match e {
            Edge::Close(n) => Some(n),
            Edge::Open(_) => None,
        })
        .collect();
    for n in closed {
        if !is_flagged_kind(dom, n) || !is_empty(dom, n) {
            continue;
        }
        let class = match dom.attr(n, "class") {
            Some(c) if !c.trim().is_empty() => format!("{} {CLASS}", c.trim_end()),
            _ => CLASS.to_string(),
        };
        dom.set_attr(n, "class", class);
    }
}
