//! A table row's trailing newlines and comments move out of it, after its
//! `</tr>` (Parsoid's "migrate trailing newlines"): a row ends where the
//! next `|-` or `|}` starts, so the line break before them, and comments
//! on lines of their own, stand between rows in Parsoid's HTML
//! (`<td>a</td></tr>\n<tr>`, the last row's before `</tbody>`).
//!
//! The run moved is the row's last nodes that are comments or whitespace
//! holding a line break; a space-only text ends it (`|-\n<!--a--> <!--b-->`
//! keeps `\n<!--a--> ` in the row). A row closed by its own `</tr>` keeps
//! what stands before that tag.

use crate::dom::{Dom, NodeData, NodeId};

pub(super) fn migrate(dom: &mut Dom) {
    let rows: Vec<NodeId> = dom
        .arena_elements_named("tr")
        .filter(|&tr| dom.parent(tr).is_some() && dom.end_src_range(tr).is_none())
        .collect();
    for tr in rows {
        let mut run = Vec::new();
        let mut c = dom.last_child(tr);
        while let Some(n) = c {
            let moves = match dom.data(n) {
                NodeData::Comment(_) => true,
                NodeData::Text(_) => dom.text(n).is_some_and(|t| t.contains('\n') && t.chars().all(char::is_whitespace)),
                _ => false,
            };
            if !moves {
                break;
            }
            run.push(n);
            c = dom.prev_sibling(n);
        }
        // Only a run that ends in a line break: comments alone stay.
        if !run.first().is_some_and(|&n| dom.text(n).is_some()) {
            continue;
        }
        let mut at = tr;
        for &n in run.iter().rev() {
            dom.detach(n);
            dom.insert_after(at, n);
            at = n;
        }
    }
}
