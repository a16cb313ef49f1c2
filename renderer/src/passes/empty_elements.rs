//! Empty elements: Parsoid marks a `<li>`, `<p>`, `<tr>` or `<tbody>` with
//! nothing but whitespace, comments, hidden language-variant blocks and
//! extensions' `<meta>`/`<link>` placeholders (and empty `<nowiki/>`s) in it
//! with `class="mw-empty-elt"`
//! (so skins can hide it); a `<tbody>` of only such rows counts as empty.
//! Inside a transclusion's (or extension's) output, below its top-level
//! nodes, an empty `<li>` or `<tr>` without attributes is dropped instead,
//! and an element with attributes is not marked.

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
        Some("meta" | "link") => super::p_wrap::is_extension_output(dom, id),
        Some("span") => typeof_ == "mw:Nowiki" && dom.first_child(id).is_none(),
        _ => false,
    }
}

fn has_class(dom: &Dom, id: NodeId) -> bool {
    dom.attr(id, "class").is_some_and(|c| c.split_ascii_whitespace().any(|w| w == CLASS))
}

/// Nothing in it but whitespace.
fn is_blank(dom: &Dom, id: NodeId) -> bool {
    dom.children(id).all(|c| dom.text(c).is_some_and(|t| t.bytes().all(|b| b.is_ascii_whitespace())))
}

pub(super) fn mark(dom: &mut Dom) {
    let Some(body) = dom.body() else { return };
    // Children before parents, so a tbody sees its rows already marked;
    // each with whether it is inside a transclusion's or an extension's
    // output (below a node that carries an `about`).
    let mut closed: Vec<(NodeId, bool)> = Vec::new();
    let mut encapsulated = 0usize;
    for e in dom.traverse(body) {
        match e {
            Edge::Open(n) => {
                if dom.has_attr(n, "about") {
                    encapsulated += 1;
                }
            }
            Edge::Close(n) => {
                let own = dom.has_attr(n, "about");
                if own {
                    encapsulated -= 1;
                }
                if is_flagged_kind(dom, n) {
                    closed.push((n, encapsulated > 0));
                }
            }
        }
    }
    for (n, in_output) in closed {
        if in_output {
            // Inside template output, Parsoid drops an empty item or row
            // (`*` or `|-` on a line of its own) and leaves alone an empty
            // element that has attributes (`<tr align="center"></tr>`).
            let has_attrs = dom.element(n).is_some_and(|e| !e.attrs.is_empty());
            if !has_attrs && matches!(dom.local_name(n), Some("li" | "tr")) && is_blank(dom, n) {
                dom.detach(n);
                continue;
            }
            if has_attrs {
                continue;
            }
        }
        if !is_empty(dom, n) {
            continue;
        }
        let class = match dom.attr(n, "class") {
            Some(c) if !c.trim().is_empty() => format!("{} {CLASS}", c.trim_end()),
            _ => CLASS.to_string(),
        };
        dom.set_attr(n, "class", class);
    }
}
