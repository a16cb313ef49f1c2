//! Whitespace around the edge comments of wikitext list items, headings,
//! table captions and cells: Parsoid trims it, so
//! `*  <!--a--> item <!--b-->` renders as `<li><!--a-->item<!--b--></li>`
//! (the same elements written as HTML tags keep their whitespace).
//!
//! From each edge inward, whitespace-only text between comments is
//! removed and the first text with content loses its edge whitespace; an
//! element stops the trimming. Only spaces and tabs are trimmed: a cell's
//! content that goes on to another line keeps its line break. A list
//! item's or heading's own line break (the end of its line) is passed
//! over, not trimmed.

use crate::dom::{Dom, NodeData, NodeId};

/// On elements made by wikitext syntax (list items, table cells and
/// captions): this pass reads and removes it. Headings carry
/// [`super::WIKITEXT_HEADING`] instead.
pub(crate) const WIKITEXT_SYNTAX: &str = "wt syntax";

fn is_blank(s: &str) -> bool {
    s.bytes().all(|b| b == b' ' || b == b'\t')
}

/// A line break and spaces only (the end of a list item's line).
fn is_line_end(s: &str) -> bool {
    s.contains('\n') && s.bytes().all(|b| b.is_ascii_whitespace())
}

pub(super) fn trim(dom: &mut Dom) {
    let Some(body) = dom.body() else { return };
    let mut elements = dom.marked(WIKITEXT_SYNTAX);
    elements.extend(dom.marked(super::WIKITEXT_HEADING));
    for id in elements {
        dom.remove_mark(id, WIKITEXT_SYNTAX);
        // Only what is in the page (not a detached fragment).
        if !dom.is_inside(id, body) {
            continue;
        }
        let own_line = !matches!(dom.local_name(id), Some("td" | "th" | "caption"));
        trim_start(dom, id);
        trim_end(dom, id, own_line);
    }
}

fn trim_start(dom: &mut Dom, id: NodeId) {
    let mut child = dom.first_child(id);
    while let Some(c) = child {
        let next = dom.next_sibling(c);
        match dom.data(c) {
            NodeData::Comment(_) => {}
            NodeData::Text(t) if is_blank(t) => dom.detach(c),
            NodeData::Text(t) => {
                // Cut in place: the string drops its front, no new string.
                let cut = t.len() - t.trim_start_matches([' ', '\t']).len();
                if let NodeData::Text(t) = dom.data_mut(c) {
                    t.replace_range(..cut, "");
                }
                return;
            }
            _ => return,
        }
        child = next;
    }
}

fn trim_end(dom: &mut Dom, id: NodeId, own_line: bool) {
    let mut child = dom.last_child(id);
    let mut at_end = true;
    while let Some(c) = child {
        let prev = dom.prev_sibling(c);
        match dom.data(c) {
            NodeData::Comment(_) => {}
            NodeData::Text(t) if own_line && at_end && is_line_end(t) => {}
            NodeData::Text(t) if is_blank(t) => dom.detach(c),
            NodeData::Text(t) => {
                // Keep the line's own break after the trimmed text.
                let body = t.trim_end_matches(|ch: char| ch.is_ascii_whitespace());
                let tail = &t[body.len()..];
                if (own_line && at_end && tail.contains('\n')) || is_blank(tail) {
                    let (body, tail) = (body.trim_end_matches([' ', '\t']), tail.trim_start_matches([' ', '\t']));
                    let trimmed = crate::emit::concat(&[body, tail]);
                    if let NodeData::Text(t) = dom.data_mut(c) {
                        *t = trimmed.into();
                    }
                }
                return;
            }
            _ => return,
        }
        at_end = false;
        child = prev;
    }
}
