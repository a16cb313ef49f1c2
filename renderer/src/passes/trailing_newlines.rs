//! A table row's trailing newlines and comments move out of it, after its
//! `</tr>` (Parsoid's "migrate trailing newlines"): a row ends where the
//! next `|-` or `|}` starts, so the line break before them, and comments
//! on lines of their own, stand between rows in Parsoid's HTML
//! (`<td>a</td></tr>\n<tr>`, the last row's before `</tbody>`).
//!
//! Cells (`<td>`, `<th>`) give theirs up first, and so a cell line's
//! break ends up between rows too (`<td>a</td></tr>\n`).
//!
//! The run moved is the row's last nodes that are comments or whitespace
//! holding a line break; a space-only text ends it (`|-\n<!--a--> <!--b-->`
//! keeps `\n<!--a--> ` in the row). A row closed by its own `</tr>` keeps
//! what stands before that tag.

use crate::dom::{Dom, NodeData, NodeId};

pub(super) fn migrate(dom: &mut Dom) {
    // Cells first: what leaves a row's last cell may leave the row next.
    for name in ["td", "th", "tr"] {
        let elements: Vec<NodeId> = dom
            .arena_elements_named(name)
            .filter(|&e| dom.parent(e).is_some() && dom.end_src_range(e).is_none())
            .collect();
        for e in elements {
            migrate_out_of(dom, e);
        }
    }
}

/// Move `element`'s trailing run (see the module's notes) after it.
fn migrate_out_of(dom: &mut Dom, element: NodeId) {
    let _ = split_trailing_line_break(dom, element);
    let mut run = Vec::new();
    let mut c = dom.last_child(element);
    while let Some(n) = c {
        let moves = match dom.data(n) {
            NodeData::Comment(_) => true,
            NodeData::Text(t) => t.contains('\n') && t.chars().all(char::is_whitespace),
            _ => false,
        };
        if !moves {
            break;
        }
        run.push(n);
        c = dom.prev_sibling(n);
    }
    // Only a run that ends in a line break: comments alone stay.
    if run.first().is_none_or(|&n| dom.text(n).is_none()) {
        return;
    }
    let mut at = element;
    for &n in run.iter().rev() {
        dom.detach(n);
        dom.insert_after(at, n);
        at = n;
    }
}

/// When `parent`'s last child is text that ends in whitespace holding a
/// line break (`b\n`), that whitespace becomes a text node of its own (the
/// one returned), to move with the rest of the run.
pub(super) fn split_trailing_line_break(dom: &mut Dom, parent: NodeId) -> Option<NodeId> {
    let last = dom.last_child(parent)?;
    let text = dom.text(last)?;
    let content = text.trim_end_matches(char::is_whitespace).len();
    if content == 0 || !text[content..].contains('\n') {
        return None;
    }
    let (len, tail) = (text.len(), text[content..].to_string());
    if let NodeData::Text(t) = dom.data_mut(last) {
        t.truncate(content);
    }
    let split = dom.create_text(tail);
    dom.insert_after(last, split);
    // The source range splits with the text where it spans the text exactly.
    if let Some(range) = dom.src_range(last).filter(|r| r.end - r.start == len as u32) {
        let at = range.end - (len - content) as u32;
        dom.set_src_range(last, Some(range.start..at));
        dom.set_src_range(split, Some(at..range.end));
    }
    Some(split)
}
