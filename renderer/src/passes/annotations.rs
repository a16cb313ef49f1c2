//! Annotation ranges (see `emit::annotations`) after tree building.
//!
//! - An end tag with no open range was a marker until paragraphs were
//!   made; it becomes the text of the tag as written.
//! - A range whose markers tree building left under different parents
//!   (`a ''b <anno>c'' d</anno>`) is extended to whole siblings under
//!   their common ancestor, as Parsoid extends it: the start marker moves
//!   before the sibling holding it, the end marker after the sibling
//!   holding it, and the range is wrapped in a `<span>` (a `<div>` around
//!   blocks) with `typeof="mw:ExtendedAnnRange"`; its start's `data-mw`
//!   says `"extendedRange":true`. A range of the same name that then lies
//!   inside an extended one is dropped. A marker next to the paragraph
//!   holding the other one joins that paragraph first.
//! - A range with a marker fostered out of a table (or inside content that
//!   was) takes the whole table, in a `<div>`. Other ranges in tables, and
//!   ranges in transclusions, are left as they are.

use crate::dom::{Dom, NodeId};
use crate::emit::{ANNOTATION_MARKER, STRAY_ANNOTATION_END};

/// Turn each stray end marker into its text, joined with the text beside it.
pub(super) fn stray_ends_as_text(dom: &mut Dom) {
    for n in dom.marked(STRAY_ANNOTATION_END) {
        let written = dom.remove_mark(n, STRAY_ANNOTATION_END).unwrap_or_default();
        dom.replace_with_text(n, &written);
    }
}

const TYPEOF_PREFIX: &str = "mw:Annotation/";
const EXTENDED: &str = "mw:ExtendedAnnRange";

/// An annotation marker: its name and whether it ends a range.
fn marker(dom: &Dom, n: NodeId) -> Option<(&str, bool)> {
    if !dom.is_element_named(n, "meta") {
        return None;
    }
    let t = dom.attr(n, "typeof")?.strip_prefix(TYPEOF_PREFIX)?;
    Some(match t.strip_suffix("/End") {
        Some(name) => (name, true),
        None => (t, false),
    })
}

/// The start and end markers of each range in the body, paired by name in
/// source order (the order the markers were made in).
fn ranges(dom: &Dom, body: NodeId, markers: &[NodeId]) -> Vec<(NodeId, NodeId)> {
    let mut open: Vec<(String, NodeId)> = Vec::new();
    let mut out = Vec::new();
    for &n in markers {
        if !dom.is_inside(n, body) {
            continue;
        }
        let Some((name, is_end)) = marker(dom, n) else { continue };
        if !is_end {
            open.push((name.to_string(), n));
        } else if let Some(i) = open.iter().rposition(|(o, _)| o == name) {
            let (_, start) = open.remove(i);
            out.push((start, n));
        }
    }
    out.sort_by_key(|&(s, _)| s.to_u32());
    out
}

fn is_blank(dom: &Dom, n: NodeId) -> bool {
    dom.text(n).is_some_and(|t| t.bytes().all(|b| b.is_ascii_whitespace()))
}

/// The sibling after `n` that is neither blank text nor a range's start.
fn next_content(dom: &Dom, n: NodeId) -> Option<NodeId> {
    let mut c = dom.next_sibling(n);
    while let Some(x) = c.filter(|&x| is_blank(dom, x) || marker(dom, x).is_some_and(|(_, is_end)| !is_end)) {
        c = dom.next_sibling(x);
    }
    c
}

fn prev_content(dom: &Dom, n: NodeId) -> Option<NodeId> {
    let mut c = dom.prev_sibling(n);
    while let Some(x) = c.filter(|&x| is_blank(dom, x)) {
        c = dom.prev_sibling(x);
    }
    c
}

/// `n` and its ancestors up to (not including) `body`, innermost first.
fn path(dom: &Dom, n: NodeId, body: NodeId) -> Vec<NodeId> {
    let mut out = vec![n];
    let mut c = n;
    while let Some(p) = dom.parent(c).filter(|&p| p != body) {
        out.push(p);
        c = p;
    }
    out
}

/// Whether the range may be moved: not in a table (its markers may have
/// been fostered) nor in a transclusion's output (whose wrapper holds it).
fn movable(dom: &Dom, n: NodeId, body: NodeId) -> bool {
    path(dom, n, body).iter().all(|&a| {
        !matches!(dom.local_name(a), Some("table" | "tbody" | "thead" | "tfoot" | "tr" | "td" | "th" | "caption"))
            && !dom.has_attr(a, "about")
    })
}

pub(super) fn extend_ranges(dom: &mut Dom) {
    let Some(body) = dom.body() else { return };
    // From the side table, not a walk: most pages have no annotations.
    let mut markers = dom.marked(ANNOTATION_MARKER);
    if markers.is_empty() {
        return;
    }
    markers.sort_by_key(|n| n.to_u32());
    let ranges = ranges(dom, body, &markers);
    // A marker beside the paragraph holding the other joins it (after the
    // start markers that joined it before, which open earlier ranges).
    for &(start, end) in &ranges {
        if dom.parent(start) == dom.parent(end) || !movable(dom, start, body) || !movable(dom, end, body) {
            continue;
        }
        if let Some(p) = next_content(dom, start).filter(|&p| dom.is_element_named(p, "p") && dom.is_inside(end, p)) {
            let mut at = dom.first_child(p);
            while let Some(x) = at.filter(|&x| marker(dom, x).is_some_and(|(_, is_end)| !is_end)) {
                at = dom.next_sibling(x);
            }
            match at {
                Some(x) => dom.insert_before(x, start),
                None => dom.append_child(p, start),
            }
        }
        if let Some(p) = prev_content(dom, end).filter(|&p| dom.is_element_named(p, "p") && dom.is_inside(start, p)) {
            dom.append_child(p, end);
        }
    }
    // Wrappers made so far, with their range's name.
    let mut extended: Vec<(NodeId, String)> = Vec::new();
    for (start, end) in ranges {
        if dom.parent(start).is_none() || dom.parent(end).is_none() {
            continue;
        }
        let name = marker(dom, start).map(|(n, _)| n.to_string()).unwrap_or_default();
        // Inside an extended range of the same name: dropped.
        if extended.iter().any(|(w, n)| *n == name && dom.is_inside(start, *w) && dom.is_inside(end, *w)) {
            dom.detach(start);
            dom.detach(end);
            continue;
        }
        // A marker fostered out of a table (or in content that was): the
        // range takes the whole table.
        if let Some(table) = [start, end].iter().find_map(|&m| fostered_table(dom, m, body)) {
            if let Some(wrapper) = extend_over_table(dom, start, end, table, body) {
                extended.push((wrapper, name));
            }
            continue;
        }
        if dom.parent(start) == dom.parent(end) || !movable(dom, start, body) || !movable(dom, end, body) {
            continue;
        }
        let (sp, ep) = (path(dom, start, body), path(dom, end, body));
        // The innermost common ancestor, and the children of it that hold
        // each marker.
        let Some((s_top, e_top)) = sp.iter().find_map(|&s| {
            let parent = dom.parent(s);
            ep.iter().find(|&&e| dom.parent(e) == parent).map(|&e| (s, e))
        }) else {
            continue;
        };
        let Some(ancestor) = dom.parent(s_top) else { continue };
        // The siblings from the start's to the end's, in order.
        let mut run = Vec::new();
        let mut c = Some(s_top);
        while let Some(x) = c {
            run.push(x);
            if x == e_top {
                break;
            }
            c = dom.next_sibling(x);
        }
        if run.last() != Some(&e_top) {
            continue;
        }
        let block = run.iter().any(|&n| dom.descendants(n).any(|d| dom.local_name(d).is_some_and(super::p_wrap::is_block_name)));
        let inline_context = !super::p_wrap::is_block_name(dom.local_name(ancestor).unwrap_or("")) || dom.is_element_named(ancestor, "p");
        let wrapper = dom.create_element(if block || !inline_context { "div" } else { "span" }, [("typeof", EXTENDED.to_string())]);
        dom.insert_before(s_top, wrapper);
        if s_top != start {
            dom.append_child(wrapper, start);
        }
        for n in run {
            dom.append_child(wrapper, n);
        }
        if e_top != end {
            dom.append_child(wrapper, end);
        }
        if let Some(data_mw) = dom.attr(start, "data-mw") {
            let data_mw = data_mw.replacen(r#""extendedRange":false"#, r#""extendedRange":true"#, 1);
            dom.set_attr(start, "data-mw", data_mw);
        }
        extended.push((wrapper, name));
    }
}

/// The table `n`, or the content around it, was fostered out of.
fn fostered_table(dom: &Dom, n: NodeId, body: NodeId) -> Option<NodeId> {
    path(dom, n, body).into_iter().find_map(|a| dom.fostered_from(a))
}

/// Extend the range over the table its content was fostered out of: the
/// siblings under the table's parent from the one holding the start to
/// the one holding the end, the table among them, wrapped in a `<div>`.
fn extend_over_table(dom: &mut Dom, start: NodeId, end: NodeId, table: NodeId, body: NodeId) -> Option<NodeId> {
    let parent = dom.parent(table)?;
    if path(dom, table, body).iter().chain([start, end].iter()).any(|&n| dom.has_attr(n, "about")) {
        return None;
    }
    // The child of `parent` holding `n`.
    let top = |dom: &Dom, n: NodeId| path(dom, n, body).into_iter().find(|&a| dom.parent(a) == Some(parent));
    let (s_top, e_top) = (top(dom, start)?, top(dom, end)?);
    let children: Vec<NodeId> = dom.children(parent).collect();
    let at = |n: NodeId| children.iter().position(|&c| c == n);
    let (s, e, t) = (at(s_top)?, at(e_top)?, at(table)?);
    // Fostering may have put the end's content before the start's.
    let (first, last) = (s.min(e).min(t), s.max(e).max(t));
    let wrapper = dom.create_element("div", [("typeof", EXTENDED.to_string())]);
    dom.insert_before(children[first], wrapper);
    dom.append_child(wrapper, start);
    for &n in &children[first..=last] {
        if n != start && n != end {
            dom.append_child(wrapper, n);
        }
    }
    dom.append_child(wrapper, end);
    if let Some(data_mw) = dom.attr(start, "data-mw") {
        let data_mw = data_mw.replacen(r#""extendedRange":false"#, r#""extendedRange":true"#, 1);
        dom.set_attr(start, "data-mw", data_mw);
    }
    Some(wrapper)
}
