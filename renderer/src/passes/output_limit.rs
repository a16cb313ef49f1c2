//! The output-size limit ([`RenderOptions::max_output_bytes`]): when the
//! body would serialize to more than the limit, everything from the first
//! node past it to the end of the body is dropped and an error paragraph is
//! appended, so the cut is visible and the HTML stays well formed.
//!
//! [`RenderOptions::max_output_bytes`]: crate::RenderOptions::max_output_bytes

use crate::dom::{Dom, Edge, NodeData, NodeId};
use crate::options::OUTPUT_LIMIT_CLASS;
use crate::serialize::node_len;

/// Cut the body at `max_bytes` of (estimated) serialized HTML.
/// Returns whether anything was cut.
pub(crate) fn enforce(dom: &mut Dom, max_bytes: usize) -> bool {
    let Some(body) = dom.body() else { return false };
    // Almost every page is far below the limit: a bound over the whole
    // arena (detached nodes too) that looks at lengths only, never at
    // bytes, settles it without walking the tree.
    if upper_bound(dom) <= max_bytes {
        return false;
    }
    let mut size = 0usize;
    let mut cut = None;
    for edge in dom.traverse(body).skip(1) {
        match edge {
            Edge::Open(n) => {
                size = size.saturating_add(open_size(dom, n));
                if size > max_bytes {
                    cut = Some(n);
                    break;
                }
            }
            Edge::Close(n) => size = size.saturating_add(close_size(dom, n)),
        }
    }
    let Some(cut) = cut else { return false };
    // Drop the node and all that follows it in document order: its later
    // siblings, then each ancestor's later siblings, up to the body.
    let mut node = cut;
    loop {
        let parent = dom.parent(node);
        let mut next = Some(node);
        while let Some(n) = next {
            next = dom.next_sibling(n);
            dom.detach(n);
        }
        match parent {
            Some(p) if p != body => {
                // `p` itself stays (it holds what came before the cut); its later siblings go.
                match dom.next_sibling(p) {
                    Some(s) => node = s,
                    None => match ancestor_with_next_sibling(dom, p, body) {
                        Some(s) => node = s,
                        None => break,
                    },
                }
            }
            _ => break,
        }
    }
    let marker = dom.create_element("p", [("class", format!("error {OUTPUT_LIMIT_CLASS}"))]);
    let text = dom.create_text(format!(
        "The rest of this page is not shown: its HTML would exceed the output limit of {max_bytes} bytes."
    ));
    dom.append_child(marker, text);
    dom.append_child(body, marker);
    true
}

/// The first later sibling of an ancestor of `node` (below `body`).
fn ancestor_with_next_sibling(dom: &Dom, node: NodeId, body: NodeId) -> Option<NodeId> {
    let mut at = node;
    loop {
        let parent = dom.parent(at)?;
        if parent == body {
            return None;
        }
        if let Some(s) = dom.next_sibling(parent) {
            return Some(s);
        }
        at = parent;
    }
}

/// Escaping grows `&` to `&amp;` and `<` and `"` to `&lt;` and `&quot;`.
/// This pass runs on every render, so the scan jumps between those bytes
/// (memchr) rather than looking at each byte in turn.
fn escaped_len(s: &str) -> usize {
    let growth: usize = memchr::memchr3_iter(b'&', b'<', b'"', s.as_bytes())
        .map(|i| if s.as_bytes()[i] == b'&' { 4 } else { 3 })
        .sum();
    s.len() + growth
}

/// At least the serialized size of every node in the arena: each escaped
/// byte grows to at most six (`&quot;`).
fn upper_bound(dom: &Dom) -> usize {
    const MAX_ESCAPE_GROWTH: usize = 6;
    dom.arena_data().map(|data| node_len(data, MAX_ESCAPE_GROWTH)).fold(0usize, usize::saturating_add)
}

fn open_size(dom: &Dom, id: NodeId) -> usize {
    match dom.data(id) {
        NodeData::Element(e) => {
            let attrs: usize = e.attrs.iter().map(|a| a.name.len() + escaped_len(&a.value) + 4).sum();
            e.name.local.len() + 2 + attrs
        }
        NodeData::Text(t) => escaped_len(t),
        NodeData::Comment(c) => c.len() + 7,
        NodeData::Document | NodeData::Fragment | NodeData::Doctype { .. } => 0,
    }
}

fn close_size(dom: &Dom, id: NodeId) -> usize {
    match dom.data(id) {
        NodeData::Element(e) => e.name.local.len() + 3,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::{close_size, enforce, escaped_len, open_size, upper_bound};

    #[test]
    fn upper_bound_is_at_least_the_walked_estimate() {
        let mut dom = crate::tree_builder::build(vec![crate::token::Token::text("a&b<\"c".repeat(50))]);
        let body = dom.body().expect("a body");
        let walked: usize = dom
            .traverse(body)
            .skip(1)
            .map(|edge| match edge {
                crate::dom::Edge::Open(n) => open_size(&dom, n),
                crate::dom::Edge::Close(n) => close_size(&dom, n),
            })
            .sum();
        assert!(upper_bound(&dom) >= walked);
        // A limit under the walked estimate still cuts: the bound only skips the walk when it is under.
        assert!(enforce(&mut dom, escaped_len(&"a&b<\"c".repeat(50)) - 1));
    }

    #[test]
    fn escaped_len_counts_what_escaping_adds() {
        assert_eq!(escaped_len(""), 0);
        assert_eq!(escaped_len("plain"), 5);
        // `&amp;` +4, `&lt;` +3, `&quot;` +3 (as the estimate counts), `>` unchanged.
        assert_eq!(escaped_len("a&b<c\"d>"), 8 + 4 + 3 + 3);
    }
}
