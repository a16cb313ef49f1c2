//! Category and language links at the end of a paragraph or of the last
//! item of a list move out of it (Parsoid's "migrate trailing
//! sol-transparent links"): `Text\n[[Category:X]]` renders as
//! `<p>Text</p>\n<link rel="mw:PageProp/Category">`.
//!
//! - From a `<p>`, the trailing run of links, comments and whitespace moves
//!   out even when the links stand on the text's own line.
//! - From a list, only the rightmost path counts (the last item of the last
//!   item ...), and only when a newline comes before the run; the run then
//!   moves after the outermost list. A run on the item's own line stays,
//!   but the spaces before it are trimmed (`*a [[Category:X]]`).

use html5ever::local_name;

use crate::dom::{Dom, NodeData, NodeId};

fn is_page_prop_link(dom: &Dom, n: NodeId) -> bool {
    dom.is_element_named(n, "link")
        && matches!(dom.attr(n, "rel"), Some("mw:PageProp/Category" | "mw:PageProp/Language"))
}

fn is_ws_text(dom: &Dom, n: NodeId) -> bool {
    dom.text(n).is_some_and(|t| t.chars().all(char::is_whitespace))
}

/// The trailing run of `parent`: its first node, whether it holds a
/// link, and whether a newline comes before its first link.
fn trailing_run(dom: &Dom, parent: NodeId) -> Option<(NodeId, bool)> {
    let mut start = None;
    let mut has_link = false;
    let mut c = dom.last_child(parent);
    while let Some(n) = c {
        let part = is_page_prop_link(dom, n) || is_ws_text(dom, n) || matches!(dom.data(n), NodeData::Comment(_));
        if !part {
            break;
        }
        has_link |= is_page_prop_link(dom, n);
        start = Some(n);
        c = dom.prev_sibling(n);
    }
    let start = start.filter(|_| has_link)?;
    // A newline before the first link: in the run's whitespace, or at the
    // end of the text before the run.
    let mut newline = dom.prev_sibling(start).and_then(|p| dom.text(p)).is_some_and(|t| t.trim_end_matches([' ', '\t']).ends_with('\n'));
    let mut n = Some(start);
    while let Some(x) = n {
        if is_page_prop_link(dom, x) {
            break;
        }
        newline |= dom.text(x).is_some_and(|t| t.contains('\n'));
        n = dom.next_sibling(x);
    }
    Some((start, newline))
}

/// Whether a blank line comes before the first category or language link
/// of the run starting at `start` (and there is one): `block_levels` keeps
/// such links in their paragraph only when a comment line closed it after
/// them, and there they stay (Parsoid's paragraph ends at the comment line).
pub(super) fn after_blank_line(dom: &Dom, start: NodeId) -> bool {
    let mut newlines = dom.prev_sibling(start).and_then(|p| dom.text(p)).map_or(0, |t| {
        let tail = &t[t.trim_end().len()..];
        tail.matches('\n').count()
    });
    let mut n = Some(start);
    while let Some(x) = n {
        if is_page_prop_link(dom, x) {
            return newlines >= 2;
        }
        newlines += dom.text(x).map_or(0, |t| t.matches('\n').count());
        n = dom.next_sibling(x);
    }
    false
}

/// Split the whitespace (from its first newline, or all of it) off the end
/// of the text node before `start`, so it moves along with the run; the
/// new first node of the run.
fn take_trailing_space(dom: &mut Dom, start: NodeId, from_newline: bool) -> NodeId {
    let Some(prev) = dom.prev_sibling(start) else { return start };
    let Some(text) = dom.text(prev) else { return start };
    let body_len = text.trim_end().len();
    let tail = &text[body_len..];
    let cut = if from_newline { tail.find('\n').map_or(text.len(), |i| body_len + i) } else { body_len };
    if cut >= text.len() || cut == 0 {
        return start;
    }
    let (keep, moved) = (text[..cut].to_string(), text[cut..].to_string());
    if let NodeData::Text(t) = dom.data_mut(prev) {
        *t = keep.into();
    }
    let node = dom.create_text(moved);
    dom.insert_before(start, node);
    node
}

/// Move `start` and its following siblings to after `anchor`.
fn move_after(dom: &mut Dom, start: NodeId, anchor: NodeId) {
    let mut nodes = Vec::new();
    let mut n = Some(start);
    while let Some(x) = n {
        nodes.push(x);
        n = dom.next_sibling(x);
    }
    let mut at = anchor;
    for x in nodes {
        dom.detach(x);
        dom.insert_after(at, x);
        at = x;
    }
}

fn is_list(dom: &Dom, n: NodeId) -> bool {
    matches!(dom.local_name(n), Some("ul" | "ol" | "dl"))
}

fn last_element_child(dom: &Dom, n: NodeId) -> Option<NodeId> {
    let mut c = dom.last_child(n);
    while let Some(x) = c {
        if dom.is_element(x) && !is_page_prop_link(dom, x) {
            return Some(x);
        }
        c = dom.prev_sibling(x);
    }
    None
}

pub(super) fn migrate(dom: &mut Dom) {
    let Some(body) = dom.body() else { return };
    // Only paragraphs, items and lists move links (names never change here).
    // Names compared as atoms: this looks at every node of the page.
    let nodes: Vec<NodeId> = dom
        .descendants(body)
        .filter(|&n| {
            dom.element(n).is_some_and(|e| {
                matches!(
                    e.name.local,
                    local_name!("p")
                        | local_name!("li")
                        | local_name!("dd")
                        | local_name!("dt")
                        | local_name!("ul")
                        | local_name!("ol")
                        | local_name!("dl")
                )
            })
        })
        .collect();
    for n in nodes {
        if dom.is_element_named(n, "p") {
            if let Some((start, _)) = trailing_run(dom, n).filter(|&(start, _)| !after_blank_line(dom, start)) {
                let start = take_trailing_space(dom, start, true);
                move_after(dom, start, n);
                // A paragraph left with nothing in it goes away.
                if dom.first_child(n).is_none() {
                    dom.detach(n);
                }
            }
        } else if matches!(dom.local_name(n), Some("li" | "dd" | "dt")) {
            if let Some((start, false)) = trailing_run(dom, n) {
                let space = take_trailing_space(dom, start, false);
                if space != start {
                    dom.detach(space);
                }
            }
        } else if is_list(dom, n) && !dom.parent(n).is_some_and(|p| matches!(dom.local_name(p), Some("li" | "dd" | "dt"))) {
            // The deepest item on the rightmost path.
            let mut item = None;
            let mut list = n;
            while let Some(li) = last_element_child(dom, list) {
                item = Some(li);
                match last_element_child(dom, li).filter(|&c| is_list(dom, c)) {
                    Some(inner) => list = inner,
                    None => break,
                }
            }
            if let Some(li) = item {
                if let Some((start, true)) = trailing_run(dom, li) {
                    let start = take_trailing_space(dom, start, true);
                    move_after(dom, start, n);
                }
            }
        }
    }
}
