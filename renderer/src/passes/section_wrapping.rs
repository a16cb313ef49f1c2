//! Section wrapping: `<section data-mw-section-id="N">` around the lead and
//! around each wikitext heading with the content up to the next heading of
//! the same or a higher level; deeper sections nest inside.
//!
//! Only headings that are children of `<body>` and come from wikitext
//! syntax start sections, as in Parsoid.

use super::WIKITEXT_HEADING;
use crate::dom::{Dom, NodeId};

fn heading_level(dom: &Dom, id: NodeId) -> Option<u8> {
    if !dom.has_attr(id, WIKITEXT_HEADING) {
        return None;
    }
    match dom.local_name(id)? {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

pub(super) fn wrap(dom: &mut Dom) {
    let Some(body) = dom.body() else { return };
    let children: Vec<NodeId> = dom.children(body).collect();
    // Stack of open sections with their heading level (0 for the lead).
    let lead = dom.create_element("section", [("data-mw-section-id", "0".to_string())]);
    let mut stack: Vec<(NodeId, u8)> = vec![(lead, 0)];
    let mut next_id = 1;
    for child in children {
        dom.detach(child);
        if let Some(level) = heading_level(dom, child) {
            while stack.len() > 1 && stack.last().is_some_and(|&(_, l)| l >= level) {
                stack.pop();
            }
            let id = next_id.to_string();
            next_id += 1;
            let section = dom.create_element("section", [("data-mw-section-id", id)]);
            let parent = stack.last().map_or(lead, |&(s, _)| s);
            if stack.len() == 1 {
                dom.append_child(body, section);
            } else {
                dom.append_child(parent, section);
            }
            stack.push((section, level));
        }
        let target = stack.last().map_or(lead, |&(s, _)| s);
        if target == lead && dom.parent(lead).is_none() {
            dom.append_child(body, lead);
        }
        dom.append_child(target, child);
    }
    if dom.parent(lead).is_none() {
        match dom.first_child(body) {
            Some(first) => dom.insert_before(first, lead),
            None => dom.append_child(body, lead),
        }
    }
}
