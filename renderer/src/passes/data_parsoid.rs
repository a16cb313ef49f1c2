//! `data-parsoid` with source ranges: each element made from wikitext gets
//! Parsoid's `dsr` (`[start, end, open width, close width]`, byte offsets),
//! which lets editors map a click in the HTML back to the text.
//!
//! The open width is known when the element's token covered only its
//! opening syntax (an HTML start tag, whose end tag has its own range);
//! otherwise it is `null`, as Parsoid writes for widths it does not know.

use rustc_hash::FxHashMap;

use crate::dom::{Dom, Edge, NodeId};

pub(super) fn annotate(dom: &mut Dom) {
    let Some(body) = dom.body() else { return };
    // Where each element's source ends: its end tag, else (a list item,
    // a table cell) the end of its last child that has a range. Children
    // close before their parents, so one pass in closing order does it.
    let mut ends: FxHashMap<NodeId, u32> = FxHashMap::default();
    let closed: Vec<NodeId> = dom
        .traverse(body)
        .filter_map(|e| match e {
            Edge::Close(n) if dom.is_element(n) => Some(n),
            _ => None,
        })
        .collect();
    for &n in &closed {
        let Some(start) = dom.src_range(n) else { continue };
        let end = match dom.end_src_range(n) {
            Some(e) => e.end,
            None => dom.children(n).filter_map(|c| ends.get(&c).copied()).max().map_or(start.end, |e| e.max(start.end)),
        };
        ends.insert(n, end);
    }
    for n in closed {
        let Some(start) = dom.src_range(n) else { continue };
        let value = match dom.end_src_range(n) {
            Some(end) => format!(
                r#"{{"dsr":[{},{},{},{}]}}"#,
                start.start,
                end.end,
                start.end - start.start,
                end.end - end.start
            ),
            None => format!(r#"{{"dsr":[{},{},null,null]}}"#, start.start, ends.get(&n).copied().unwrap_or(start.end)),
        };
        dom.set_attr(n, "data-parsoid", value);
    }
}
