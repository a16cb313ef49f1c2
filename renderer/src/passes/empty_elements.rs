//! Empty elements: Parsoid marks a `<li>`, `<p>`, `<tr>` or `<tbody>` with
//! nothing but whitespace, comments and hidden language-variant blocks in it
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
        // A hidden language-variant block shows nothing either.
        NodeData::Element(_) => (tbody && has_class(dom, c)) || crate::emit::is_hidden_variant(dom, c),
        _ => false,
    })
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
