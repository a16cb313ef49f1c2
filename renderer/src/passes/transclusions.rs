//! Transclusion encapsulation: mark what each template's output became in
//! the DOM, as Parsoid does (`about`, `typeof="mw:Transclusion"`,
//! `data-mw`).
//!
//! The emitter puts a start and an end marker (`<meta>` elements with
//! reserved attributes) around each expansion's tokens. After tree
//! building they may sit at different depths (output that opens a `<p>` or
//! a list, content fostered out of a table). The range is widened to the
//! siblings under the two markers' lowest common ancestor that hold them;
//! every top-level node in it gets the transclusion's `about` id (text and
//! comments are wrapped in a `<span>` to carry it), and the first gets
//! `typeof` and `data-mw`. A range that starts inside the previous one is
//! merged into it: one encapsulation with both templates among its
//! `parts`, the source text between them as a string part.

use rustc_hash::FxHashMap;

use crate::dom::{Dom, NodeData, NodeId};
use crate::emit::{MARKER_DATA_MW, MARKER_END, MARKER_GAP, MARKER_START, MARKER_TYPEOF};

/// One encapsulation being built.
struct Encapsulation {
    first: NodeId,
    last: NodeId,
    /// The `parts` array's members, as JSON.
    parts: Vec<String>,
    /// Templates among the parts (their `i`).
    templates: usize,
    /// The first node's `typeof` (`mw:Transclusion`, `mw:Param`).
    kind: String,
}

pub(super) fn encapsulate(dom: &mut Dom) {
    let Some(body) = dom.body() else { return };
    let mut starts: Vec<(NodeId, String)> = Vec::new();
    let mut ends: FxHashMap<String, NodeId> = FxHashMap::default();
    for n in dom.descendants(body) {
        if !dom.is_element_named(n, "meta") {
            continue;
        }
        if let Some(i) = dom.mark(n, MARKER_START) {
            starts.push((n, i.to_string()));
        } else if let Some(i) = dom.mark(n, MARKER_END) {
            ends.insert(i.to_string(), n);
        }
    }
    if starts.is_empty() {
        return;
    }
    let mut about = 0u32;
    // Existing about ids (missing templates' links) keep their numbers; new ones follow.
    for n in dom.descendants(body) {
        if let Some(a) = dom.attr(n, "about").and_then(|a| a.strip_prefix("#mwt")).and_then(|a| a.parse::<u32>().ok()) {
            about = about.max(a);
        }
    }
    let mut done: Vec<Encapsulation> = Vec::new();
    for (start, index) in starts {
        let data_mw = dom.mark(start, MARKER_DATA_MW).unwrap_or("{}").to_string();
        let gap = dom.mark(start, MARKER_GAP).map(str::to_string);
        let kind = dom.mark(start, MARKER_TYPEOF).unwrap_or("mw:Transclusion").to_string();
        let end = ends.get(&index).copied();
        // A start marker with nothing after it in its element belongs after
        // the element (the output began with a line break, T2529); an end
        // marker with nothing before it, before the element.
        if let Some(end) = end {
            migrate_start(dom, start, end, body);
            migrate_end(dom, end, start, body);
        }
        let range = end.and_then(|end| sibling_range(dom, start, end));
        let part = part_of(&data_mw);
        // Merge into the previous encapsulation when this one starts inside it.
        if let (Some(prev), Some((first, last))) = (done.last_mut(), range) {
            if within(dom, first, prev.first, prev.last) {
                if let Some(gap) = gap.filter(|g| !g.is_empty()) {
                    let mut s = String::new();
                    crate::emit::push_json_string(&mut s, &gap);
                    prev.parts.push(s);
                }
                prev.parts.push(renumber(&part, prev.templates));
                prev.templates += 1;
                if !within(dom, last, prev.first, prev.last) && follows(dom, prev.last, last) {
                    prev.last = last;
                }
                dom.detach(start);
                if let Some(end) = end {
                    dom.detach(end);
                }
                continue;
            }
        }
        let (first, last) = match range {
            Some(r) => r,
            None => {
                // Nothing between the markers: an empty span carries the transclusion.
                let span = dom.create_element("span", std::iter::empty::<(&str, String)>());
                dom.insert_before(start, span);
                (span, span)
            }
        };
        dom.detach(start);
        if let Some(end) = end {
            dom.detach(end);
        }
        done.push(Encapsulation { first, last, parts: vec![part], templates: 1, kind });
    }
    for enc in &mut done {
        // A page property (`DEFAULTSORT`) or a category alone: Parsoid
        // carries it in an empty-element span.
        if enc.first == enc.last && is_page_property(dom, enc.first) {
            let span = dom.create_element("span", [("class", "mw-empty-elt".to_string())]);
            dom.insert_before(enc.first, span);
            dom.detach(enc.first);
            dom.append_child(span, enc.first);
            enc.first = span;
            enc.last = span;
        }
    }
    for enc in done {
        about += 1;
        let id = format!("#mwt{about}");
        let data_mw = format!("{{\"parts\":[{}]}}", enc.parts.join(","));
        mark_range(dom, enc.first, enc.last, &id, &enc.kind, data_mw);
    }
}

/// A page property or category (`<meta property="mw:PageProp/…">`,
/// `<link rel="mw:PageProp/…">`): output that renders nothing.
fn is_page_property(dom: &Dom, id: NodeId) -> bool {
    (dom.is_element_named(id, "meta") && dom.attr(id, "property").is_some_and(|p| p.starts_with("mw:PageProp/")))
        || (dom.is_element_named(id, "link") && dom.attr(id, "rel").is_some_and(|r| r.starts_with("mw:PageProp/")))
}

fn is_blank(dom: &Dom, n: NodeId) -> bool {
    match dom.data(n) {
        NodeData::Text(t) => t.chars().all(char::is_whitespace),
        _ => false,
    }
}

/// Whether `n` is inside `ancestor`.
fn is_inside(dom: &Dom, n: NodeId, ancestor: NodeId) -> bool {
    dom.ancestors(n).any(|a| a == ancestor)
}

/// Moves never take a marker out of an element that holds its partner.
/// The elements a marker may leave: the line-level ones wikitext makes.
fn is_migratable(dom: &Dom, n: NodeId) -> bool {
    matches!(dom.local_name(n), Some("p" | "li" | "dt" | "dd"))
}

fn migrate_start(dom: &mut Dom, start: NodeId, end: NodeId, body: NodeId) {
    while let Some(parent) =
        dom.parent(start).filter(|&p| p != body && is_migratable(dom, p) && !is_inside(dom, end, p))
    {
        let mut n = dom.next_sibling(start);
        while let Some(x) = n {
            if !is_blank(dom, x) {
                return;
            }
            n = dom.next_sibling(x);
        }
        dom.insert_after(parent, start);
    }
}

fn migrate_end(dom: &mut Dom, end: NodeId, start: NodeId, body: NodeId) {
    while let Some(parent) =
        dom.parent(end).filter(|&p| p != body && is_migratable(dom, p) && !is_inside(dom, start, p))
    {
        let mut n = dom.prev_sibling(end);
        while let Some(x) = n {
            if !is_blank(dom, x) {
                return;
            }
            n = dom.prev_sibling(x);
        }
        dom.insert_before(parent, end);
    }
}

/// The part inside `{"parts":[ ... ]}`.
fn part_of(data_mw: &str) -> String {
    data_mw.strip_prefix("{\"parts\":[").and_then(|s| s.strip_suffix("]}")).unwrap_or(data_mw).to_string()
}

/// A template part with its index `"i"` set to `i`.
fn renumber(part: &str, i: usize) -> String {
    match part.rfind(",\"i\":") {
        Some(at) => format!("{},\"i\":{i}}}}}", &part[..at]),
        None => part.to_string(),
    }
}

/// The first and last node, among the children of the markers' lowest
/// common ancestor, that hold the range from `start` to `end` (markers
/// excluded); `None` when nothing lies between them.
fn sibling_range(dom: &Dom, start: NodeId, end: NodeId) -> Option<(NodeId, NodeId)> {
    let start_chain: Vec<NodeId> = std::iter::once(start).chain(dom.ancestors(start)).collect();
    // Position of each ancestor in the chain: finding the common ancestor
    // stays linear in the depth.
    let positions: FxHashMap<NodeId, usize> = start_chain.iter().enumerate().map(|(i, &n)| (n, i)).collect();
    let mut below = end;
    let mut lca_pos = None;
    for a in std::iter::once(end).chain(dom.ancestors(end)) {
        if let Some(&pos) = positions.get(&a) {
            lca_pos = Some(pos);
            break;
        }
        below = a;
    }
    let pos = lca_pos?;
    if pos == 0 {
        return None;
    }
    let s_top = start_chain[pos - 1];
    let e_top = below;
    // Order the two (fostering can put the end before the start).
    let (mut first, mut last) = if follows(dom, s_top, e_top) { (s_top, e_top) } else { (e_top, s_top) };
    // The markers themselves are not content.
    if first == start || first == end {
        first = dom.next_sibling(first)?;
    }
    if last == end || last == start {
        last = dom.prev_sibling(last)?;
    }
    if first == last && (first == start || first == end) {
        return None;
    }
    if !follows(dom, first, last) {
        return None;
    }
    Some((first, last))
}

/// Whether `b` is `a` or a later sibling of it.
fn follows(dom: &Dom, a: NodeId, b: NodeId) -> bool {
    let mut n = Some(a);
    while let Some(x) = n {
        if x == b {
            return true;
        }
        n = dom.next_sibling(x);
    }
    false
}

/// Whether `n` is inside (or is) one of the siblings `first..=last`. Walks
/// the range only (not to the end of the siblings), so checking each
/// transclusion of a long paragraph stays linear.
fn within(dom: &Dom, n: NodeId, first: NodeId, last: NodeId) -> bool {
    let parent = dom.parent(first);
    let mut top = n;
    for a in std::iter::once(n).chain(dom.ancestors(n)) {
        top = a;
        if dom.parent(a) == parent {
            break;
        }
    }
    if dom.parent(top) != parent {
        return false;
    }
    let mut x = Some(first);
    while let Some(node) = x {
        if node == top {
            return true;
        }
        if node == last {
            return false;
        }
        x = dom.next_sibling(node);
    }
    false
}

fn mark_range(dom: &mut Dom, first: NodeId, last: NodeId, about: &str, kind: &str, data_mw: String) {
    let mut nodes = Vec::new();
    let mut n = Some(first);
    while let Some(x) = n {
        nodes.push(x);
        if x == last {
            break;
        }
        n = dom.next_sibling(x);
    }
    for (i, node) in nodes.into_iter().enumerate() {
        let element = match dom.data(node) {
            NodeData::Element(_) => node,
            NodeData::Text(_) | NodeData::Comment(_) => {
                let span = dom.create_element("span", std::iter::empty::<(&str, String)>());
                dom.insert_before(node, span);
                dom.detach(node);
                dom.append_child(span, node);
                span
            }
            _ => continue,
        };
        dom.set_attr(element, "about", about);
        if i == 0 {
            // Extension output that starts the transclusion shares its
            // wrapper, as in Parsoid: the extension's typeof first, its
            // data-mw keys before `parts`.
            let extension = dom.attr(element, "typeof").is_some_and(|t| t.contains("mw:Extension/"))
                && dom.attr(element, "data-mw").is_some_and(|d| d.starts_with("{\"name\":"));
            if extension {
                let typeof_ = format!("{} {kind}", dom.attr(element, "typeof").unwrap_or(""));
                let ext = dom.attr(element, "data-mw").unwrap_or("{}");
                let merged = format!("{},{}", &ext[..ext.len() - 1], data_mw.strip_prefix('{').unwrap_or(&data_mw));
                dom.set_attr(element, "typeof", typeof_);
                dom.set_attr(element, "data-mw", merged);
                continue;
            }
            let typeof_ = match dom.attr(element, "typeof") {
                Some(t) if !t.is_empty() => format!("{kind} {t}"),
                _ => kind.to_string(),
            };
            dom.set_attr(element, "typeof", typeof_);
            dom.set_attr(element, "data-mw", data_mw.clone());
        }
    }
}
