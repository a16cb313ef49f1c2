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
use crate::token::SrcRange;
use crate::emit::{MARKER_DATA_MW, MARKER_END, MARKER_GAP, MARKER_HAD_OUTPUT, MARKER_IN_CELL, MARKER_START, MARKER_TYPEOF};

/// How many fostered siblings before a table a range may take in.
const MAX_FOSTERED_WALK: usize = 256;

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
    /// Where the first template starts and the last ends in the page.
    src: Option<SrcRange>,
    /// The page text between the previous transclusion and the first
    /// template, which becomes a string part if the two merge.
    gap: Option<String>,
}

/// Whether two encapsulations' ranges share a node.
fn overlaps(dom: &Dom, order: &Order, a: &Encapsulation, b: &Encapsulation) -> bool {
    within(dom, order, b.first, a.first, a.last) || within(dom, order, a.first, b.first, b.last)
}

/// One encapsulation of `a` and the later `b`: the parts of both (the
/// page text between them as a string part) over the union of the ranges.
fn merge(dom: &Dom, order: &Order, mut a: Encapsulation, b: Encapsulation) -> Encapsulation {
    if let Some(gap) = &b.gap {
        let mut s = String::new();
        crate::emit::push_json_string(&mut s, gap);
        a.parts.push(s);
    }
    let mut i = a.templates;
    for part in b.parts {
        if part.starts_with('{') {
            a.parts.push(renumber(&part, i));
            i += 1;
        } else {
            a.parts.push(part);
        }
    }
    a.templates = i;
    a.src = match (a.src, b.src) {
        (Some(x), Some(y)) => Some(x.start.min(y.start)..x.end.max(y.end)),
        (x, y) => x.or(y),
    };
    let range = extend(dom, order, (a.first, a.last), b.first);
    let (first, last) = extend(dom, order, range, b.last);
    a.first = first;
    a.last = last;
    a
}

/// The smallest sibling range that holds `range` and `n`.
fn extend(dom: &Dom, order: &Order, range: (NodeId, NodeId), n: NodeId) -> (NodeId, NodeId) {
    let (first, last) = range;
    if within(dom, order, n, first, last) {
        return range;
    }
    if dom.ancestors(first).any(|a| a == n) {
        return (n, n);
    }
    match (cover(dom, order, first, n), cover(dom, order, last, n)) {
        (Some((f, _)), Some((_, l))) => (f, l),
        _ => range,
    }
}

/// What one encapsulation covers, for the section pass: its first and
/// last top-level element, the source it spans, and its `parts`.
pub(super) struct Extent {
    pub first: NodeId,
    pub last: NodeId,
    pub src: SrcRange,
    pub parts: Vec<String>,
    pub about: String,
}

pub(super) fn encapsulate(dom: &mut Dom) -> Vec<Extent> {
    let Some(body) = dom.body() else { return Vec::new() };
    // No start marker anywhere (a page of missing templates has none): no walk.
    if !dom.any_marked(MARKER_START) {
        return Vec::new();
    }
    let mut starts: Vec<(NodeId, String)> = Vec::new();
    let mut ends: FxHashMap<String, NodeId> = FxHashMap::default();
    // Existing about ids (missing templates' links) keep their numbers; new
    // ones follow. Read in the same walk (moving markers below moves no
    // `about`).
    let mut about = 0u32;
    for n in dom.descendants(body) {
        if let Some(a) = dom.attr(n, "about").and_then(|a| a.strip_prefix("#mwt")).and_then(|a| a.parse::<u32>().ok()) {
            about = about.max(a);
        }
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
        return Vec::new();
    }
    // A table cell read again has its markers inside its first and last
    // cells (outside, they would have been fostered out of the row): they
    // belong beside those cells.
    for (start, index) in &starts {
        if dom.mark(*start, MARKER_IN_CELL).is_none() {
            continue;
        }
        if let Some(cell) = dom.parent(*start).filter(|&p| dom.is_element_named(p, "td") || dom.is_element_named(p, "th")) {
            dom.insert_before(cell, *start);
        }
        if let Some(&end) = ends.get(index) {
            if let Some(cell) = dom.parent(end).filter(|&p| dom.is_element_named(p, "td") || dom.is_element_named(p, "th")) {
                dom.insert_after(cell, end);
            }
        }
    }
    let mut order = Order::new(dom, body);
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
            migrate_start(dom, &mut order, start, end, body);
            migrate_end(dom, &mut order, end, start, body);
        }
        let src = dom.src_range(start);
        let mut range = end.and_then(|end| sibling_range(dom, &order, start, end));
        if let Some(end) = end {
            range = widen_over_fostering(dom, &order, start, end, range);
        }
        range = range.map(|r| widen_to_wrapped_paragraph(dom, r));
        // A table group's marker carries several parts (`emit::table_groups`).
        let parts = split_parts(&part_of(&data_mw));
        let templates = parts.iter().filter(|p| p.starts_with('{')).count();
        let gap = gap.filter(|g| !g.is_empty());
        let Some((first, last)) = range else {
            // Nothing between the markers: an empty span carries the
            // transclusion; an empty element's, when tree building dropped
            // the output (`<tr></tr>` outside a table).
            let dropped = end.is_some_and(|e| dom.has_mark(e, MARKER_HAD_OUTPUT));
            let span = if dropped {
                dom.create_element("span", [("class", "mw-empty-elt".to_string())])
            } else {
                dom.create_element("span", std::iter::empty::<(&str, String)>())
            };
            dom.insert_before(start, span);
            order.place_at(span, start);
            dom.detach(start);
            if let Some(end) = end {
                dom.detach(end);
            }
            done.push(Encapsulation { first: span, last: span, parts, templates, kind, src, gap });
            continue;
        };
        dom.detach(start);
        if let Some(end) = end {
            dom.detach(end);
        }
        let mut enc = Encapsulation { first, last, parts, templates, kind, src, gap };
        // Overlapping ranges are one encapsulation, with every template
        // among its parts (Parsoid's compound transclusions).
        while let Some(prev) = done.pop() {
            if overlaps(dom, &order, &prev, &enc) {
                enc = merge(dom, &order, prev, enc);
            } else {
                done.push(prev);
                break;
            }
        }
        done.push(enc);
    }
    for enc in &mut done {
        tidy_links_and_lines(dom, enc);
    }
    for enc in &mut done {
        // A page property (`DEFAULTSORT`) or a category alone: Parsoid
        // carries it in an empty-element span. Not the TOC's marker, which
        // stays where the TOC goes and carries the transclusion itself.
        if enc.first == enc.last && is_page_property(dom, enc.first) && dom.attr(enc.first, "property") != Some("mw:PageProp/toc") {
            let span = dom.create_element("span", [("class", "mw-empty-elt".to_string())]);
            dom.insert_before(enc.first, span);
            dom.detach(enc.first);
            dom.append_child(span, enc.first);
            enc.first = span;
            enc.last = span;
        }
    }
    for enc in &mut done {
        cover_page_text(dom, enc);
    }
    for p in dom.marked(super::WRAPPED_PARAGRAPH) {
        dom.remove_mark(p, super::WRAPPED_PARAGRAPH);
    }
    let mut extents = Vec::with_capacity(done.len());
    for mut enc in done {
        about += 1;
        let id = format!("#mwt{about}");
        enc.parts = join_adjacent_text(enc.parts);
        if let [part] = enc.parts.as_slice() {
            if let Some(typeof_) = crate::emit::lone_part_typeof(part).filter(|_| enc.kind == "mw:Transclusion") {
                enc.kind = typeof_;
            }
        }
        let data_mw = format!("{{\"parts\":[{}]}}", enc.parts.join(","));
        if let (Some((first, last)), Some(src)) = (mark_range(dom, enc.first, enc.last, &id, &enc.kind, data_mw), enc.src) {
            extents.push(Extent { first, last, src, parts: enc.parts, about: id });
        }
    }
    extents
}

/// Line breaks a template put between its category links, or beside its
/// top-level `<div>`s and links, are dropped (T407798, T378906); at the top
/// level, each run of its page properties sits in an empty-element span
/// (an interstitial span, not a paragraph), and below it a leading run.
fn tidy_links_and_lines(dom: &mut Dom, enc: &mut Encapsulation) {
    let mut nodes = Vec::new();
    let mut n = Some(enc.first);
    while let Some(x) = n {
        nodes.push(x);
        if x == enc.last {
            break;
        }
        n = dom.next_sibling(x);
    }
    if nodes.len() < 2 {
        return;
    }
    let top = dom.parent(enc.first).is_some_and(|p| dom.local_name(p) == Some("body"));
    let is_line = |dom: &Dom, n: NodeId| dom.text(n).is_some_and(|t| t.contains('\n') && t.bytes().all(|b| b.is_ascii_whitespace()));
    let property = |dom: &Dom, n: Option<&NodeId>| n.is_some_and(|&n| is_page_property(dom, n));
    let block = |dom: &Dom, n: Option<&NodeId>| n.is_some_and(|&n| is_page_property(dom, n) || is_div_or_table(dom, n));
    let mut kept = Vec::with_capacity(nodes.len());
    for (i, &x) in nodes.iter().enumerate() {
        if i > 0 && is_line(dom, x) {
            let (prev, next) = (kept.last(), nodes.get(i + 1));
            let between_links = property(dom, prev) && property(dom, next);
            // The output's last line beside a block, or a line between a
            // block and page properties; not one between a block and
            // content (`a<table></table>b` on lines of their own keeps both).
            let by_block = match next {
                None => block(dom, prev),
                Some(_) => (block(dom, prev) && property(dom, next)) || (property(dom, prev) && block(dom, next)),
            };
            if between_links || (top && by_block) {
                dom.detach(x);
                continue;
            }
        }
        kept.push(x);
    }
    // Below the top level, only a leading run: output's first node is
    // never a bare link there (T426371: a figure's caption that starts
    // with a category link or a `<section>` keeps its other content).
    let runs = if top { kept.len() } else { 1 };
    {
        let mut i = 0;
        while i < runs.min(kept.len()) {
            if !is_interstitial(dom, kept[i]) {
                i += 1;
                continue;
            }
            let mut j = i;
            while j + 1 < kept.len() && is_interstitial(dom, kept[j + 1]) {
                j += 1;
            }
            // A run beside text is inline content, not an interstitial.
            let beside_text = (i > 0 && dom.text(kept[i - 1]).is_some()) || kept.get(j + 1).is_some_and(|&n| dom.text(n).is_some());
            if (j > i || kept.len() > 1) && !beside_text {
                let span = dom.create_element("span", [("class", "mw-empty-elt".to_string())]);
                dom.insert_before(kept[i], span);
                for &x in &kept[i..=j] {
                    dom.append_child(span, x);
                }
                kept.splice(i..=j, [span]);
            }
            i += 1;
        }
    }
    if let (Some(&f), Some(&l)) = (kept.first(), kept.last()) {
        enc.first = f;
        enc.last = l;
    }
}

/// A page property, a category, or an extension's output that shows
/// nothing (`<link typeof="mw:Extension/section">`, TemplateStyles'
/// `<style>`): what a template's output may carry in an interstitial span.
fn is_interstitial(dom: &Dom, id: NodeId) -> bool {
    is_page_property(dom, id)
        || (matches!(dom.local_name(id), Some("link" | "style")) && super::p_wrap::is_extension_output(dom, id))
}

/// A `<div>` or a `<table>`: the block elements beside which a template's
/// own line breaks are dropped (T378906).
fn is_div_or_table(dom: &Dom, id: NodeId) -> bool {
    dom.is_element_named(id, "div") || dom.is_element_named(id, "table")
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

/// Moves never take a marker out of an element that holds its partner.
/// The elements a marker may leave: the line-level ones wikitext makes.
fn is_migratable(dom: &Dom, n: NodeId) -> bool {
    matches!(dom.local_name(n), Some("p" | "li" | "dt" | "dd"))
}

fn migrate_start(dom: &mut Dom, order: &mut Order, start: NodeId, end: NodeId, body: NodeId) {
    while let Some(parent) =
        dom.parent(start).filter(|&p| p != body && is_migratable(dom, p) && !dom.is_inside(end, p))
    {
        let mut n = dom.next_sibling(start);
        while let Some(x) = n {
            if !is_blank(dom, x) {
                return;
            }
            n = dom.next_sibling(x);
        }
        dom.insert_after(parent, start);
        order.place_after(dom, start, parent);
    }
}

fn migrate_end(dom: &mut Dom, order: &mut Order, end: NodeId, start: NodeId, body: NodeId) {
    let src = dom.src_range(start);
    // An element the transclusion's own output opened (`{{1x|<li>}}a`) keeps
    // its end marker: the page text after it continues that element.
    let opened_inside = |dom: &Dom, p: NodeId| {
        matches!((dom.src_range(p), &src), (Some(r), Some(s)) if r.start >= s.start && r.end <= s.end)
    };
    while let Some(parent) = dom
        .parent(end)
        .filter(|&p| p != body && is_migratable(dom, p) && !dom.is_inside(start, p) && !opened_inside(dom, p))
    {
        let mut n = dom.prev_sibling(end);
        while let Some(x) = n {
            if !is_blank(dom, x) {
                return;
            }
            n = dom.prev_sibling(x);
        }
        dom.insert_before(parent, end);
        order.place_before(end, parent);
    }
}

/// Adjacent page-text parts (JSON strings) as one, as `parts` alternates
/// page text and templates.
fn join_adjacent_text(parts: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(parts.len());
    for part in parts {
        match out.last_mut() {
            Some(prev) if prev.starts_with('"') && prev.ends_with('"') && part.starts_with('"') => {
                prev.pop();
                prev.push_str(&part[1..]);
            }
            _ => out.push(part),
        }
    }
    out
}

/// The part inside `{"parts":[ ... ]}`.
fn part_of(data_mw: &str) -> String {
    data_mw.strip_prefix("{\"parts\":[").and_then(|s| s.strip_suffix("]}")).unwrap_or(data_mw).to_string()
}

/// The members of a JSON array's inside, as written: split at the commas
/// outside strings, objects and arrays.
fn split_parts(inner: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let (mut depth, mut in_string, mut escaped, mut start) = (0u32, false, false, 0);
    for (i, b) in inner.bytes().enumerate() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth = depth.saturating_sub(1),
            b',' if depth == 0 => {
                parts.push(inner[start..i].to_string());
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(inner[start..].to_string());
    parts
}

/// The parts of a `data-mw` (`{"parts":[...]}`), as written.
pub(super) fn parts_of(data_mw: &str) -> Vec<String> {
    split_parts(&part_of(data_mw))
}

/// A template part with its index `"i"` set to `i`.
pub(super) fn renumber(part: &str, i: usize) -> String {
    match part.rfind(",\"i\":") {
        Some(at) => format!("{},\"i\":{i}}}}}", &part[..at]),
        None => part.to_string(),
    }
}

/// The first and last node, among the children of the markers' lowest
/// common ancestor, that hold the range from `start` to `end` (markers
/// excluded); `None` when nothing lies between them.
fn sibling_range(dom: &Dom, order: &Order, start: NodeId, end: NodeId) -> Option<(NodeId, NodeId)> {
    let (first, last) = cover(dom, order, start, end)?;
    without_markers(dom, first, last, start, end)
}

/// A range that fills a paragraph `p_wrap` made around bare inline content
/// (`{{1x|bar}} <div>`: the space after stays outside it) is that
/// paragraph, as Parsoid widens a range to a paragraph it wrapped. Not a
/// paragraph the line's wikitext made, which holds the page's line.
fn widen_to_wrapped_paragraph(dom: &Dom, (first, last): (NodeId, NodeId)) -> (NodeId, NodeId) {
    let Some(p) = dom.parent(first).filter(|&p| dom.has_mark(p, super::WRAPPED_PARAGRAPH)) else { return (first, last) };
    let is_marker = |n: NodeId| dom.has_mark(n, MARKER_START) || dom.has_mark(n, MARKER_END);
    let before_first = std::iter::successors(dom.prev_sibling(first), |&n| dom.prev_sibling(n)).all(is_marker);
    let after_last = std::iter::successors(dom.next_sibling(last), |&n| dom.next_sibling(n)).all(is_marker);
    if before_first && after_last && dom.parent(last) == Some(p) {
        (p, p)
    } else {
        (first, last)
    }
}

/// `first..=last` less the transclusion markers at either end (this
/// one's, and those of later transclusions not yet done); `None` when
/// nothing else is left.
fn without_markers(dom: &Dom, mut first: NodeId, mut last: NodeId, start: NodeId, end: NodeId) -> Option<(NodeId, NodeId)> {
    let is_marker = |n: NodeId| n == start || n == end || dom.has_mark(n, MARKER_START) || dom.has_mark(n, MARKER_END);
    while is_marker(first) {
        if first == last {
            return None;
        }
        first = dom.next_sibling(first)?;
    }
    while is_marker(last) {
        if first == last {
            return None;
        }
        last = dom.prev_sibling(last)?;
    }
    Some((first, last))
}

/// The two siblings under the lowest common ancestor of `a` and `b` that
/// hold them, in document order; `None` when one holds the other.
fn cover(dom: &Dom, order: &Order, a: NodeId, b: NodeId) -> Option<(NodeId, NodeId)> {
    let a_chain: Vec<NodeId> = std::iter::once(a).chain(dom.ancestors(a)).collect();
    // Position of each ancestor in the chain: finding the common ancestor
    // stays linear in the depth.
    let positions: FxHashMap<NodeId, usize> = a_chain.iter().enumerate().map(|(i, &n)| (n, i)).collect();
    let mut below = b;
    let mut lca_pos = None;
    for x in std::iter::once(b).chain(dom.ancestors(b)) {
        if let Some(&pos) = positions.get(&x) {
            lca_pos = Some(pos);
            break;
        }
        below = x;
    }
    let pos = lca_pos?;
    if pos == 0 || below == a_chain[pos] {
        return None;
    }
    let a_top = a_chain[pos - 1];
    // Fostering can put `b` before `a`.
    Some(if order.precedes(a_top, below) { (a_top, below) } else { (below, a_top) })
}

/// Content fostered out of a table belongs with the table: a range whose
/// start marker was fostered widens to cover the table it left, as does a
/// range whose end marker left a table the transclusion opened; a range
/// that starts with a table takes in what the transclusion fostered before
/// it (the source between them joins the `parts`).
fn widen_over_fostering(
    dom: &Dom,
    order: &Order,
    start: NodeId,
    end: NodeId,
    mut range: Option<(NodeId, NodeId)>,
) -> Option<(NodeId, NodeId)> {
    let left = |marker: NodeId| {
        std::iter::once(marker)
            .chain(dom.ancestors(marker))
            .take_while(|&n| dom.local_name(n) != Some("body"))
            .find_map(|n| dom.fostered_from(n))
            .filter(|&t| dom.parent(t).is_some())
    };
    let from_start = left(start);
    let from_end = left(end).filter(|t| t.to_u32() > start.to_u32() && Some(*t) != from_start);
    for table in [from_start, from_end].into_iter().flatten() {
        range = match range {
            None => cover(dom, order, start, table).and_then(|(f, l)| without_markers(dom, f, l, start, end)),
            Some(r) => Some(extend(dom, order, r, table)),
        };
    }
    if let Some((first, _)) = &mut range {
        if dom.is_element_named(*first, "table") {
            let table = *first;
            // Bounded: content fostered by later transclusions can sit
            // between this one's and the table.
            let mut steps = 0;
            while let Some(p) = dom.prev_sibling(*first).filter(|_| steps < MAX_FOSTERED_WALK) {
                steps += 1;
                match fostered_content(dom, p) {
                    Some((t, witness)) if t == table && witness.to_u32() > start.to_u32() && witness.to_u32() < end.to_u32() => {
                        *first = p;
                    }
                    _ => break,
                }
            }
        }
    }
    range
}

/// The table `n` was fostered out of, and the node that says so (`n`, or
/// the first child of a paragraph wrapped around fostered text).
fn fostered_content(dom: &Dom, n: NodeId) -> Option<(NodeId, NodeId)> {
    if let Some(t) = dom.fostered_from(n) {
        return Some((t, n));
    }
    if dom.is_element_named(n, "p") && dom.src_range(n).is_none() {
        let c = dom.first_child(n)?;
        return dom.fostered_from(c).map(|t| (t, c));
    }
    None
}

/// The page text a range came to cover beyond its templates (the table
/// fostered content left, the rest of an element a template opened) joins
/// its `parts` as string parts before the first template and after the last.
fn cover_page_text(dom: &mut Dom, enc: &mut Encapsulation) {
    let Some(src) = enc.src.clone() else { return };
    let (mut lo, mut hi) = (src.start, src.end);
    let mut n = Some(enc.first);
    while let Some(x) = n {
        if let Some((a, b)) = src_bounds(dom, x, 2) {
            lo = lo.min(a);
            hi = hi.max(b);
        }
        if x == enc.last {
            break;
        }
        n = dom.next_sibling(x);
    }
    if lo < src.start {
        if let Some(text) = dom.source_text(lo..src.start) {
            let mut s = String::new();
            crate::emit::push_json_string(&mut s, text);
            enc.parts.insert(0, s);
        }
    }
    if hi > src.end {
        if let Some(text) = dom.source_text(src.end..hi) {
            let mut s = String::new();
            crate::emit::push_json_string(&mut s, text);
            enc.parts.push(s);
        }
    }
    enc.src = Some(lo..hi);
}

/// The source an element spans, start tag to end tag; for an element the
/// renderer made (a paragraph), what its first and last children span,
/// looking `depth` levels down.
fn src_bounds(dom: &Dom, n: NodeId, depth: u32) -> Option<(u32, u32)> {
    if !dom.is_element(n) {
        // Text knows the page text it came from.
        return dom.src_range(n).map(|r| (r.start, r.end));
    }
    if let Some(r) = dom.src_range(n) {
        // Without an end tag, the element ends where its content does.
        let end = match dom.end_src_range(n) {
            Some(e) => e.end.max(r.end),
            None if depth > 0 => dom.last_child(n).and_then(|c| src_bounds(dom, c, depth - 1)).map_or(r.end, |(_, e)| e.max(r.end)),
            None => r.end,
        };
        return Some((r.start, end));
    }
    if depth == 0 {
        return None;
    }
    let first = dom.first_child(n).and_then(|c| src_bounds(dom, c, depth - 1));
    let last = dom.last_child(n).and_then(|c| src_bounds(dom, c, depth - 1));
    match (first, last) {
        (Some(a), Some(b)) => Some((a.0.min(b.0), a.1.max(b.1))),
        (a, b) => a.or(b),
    }
}

/// Whether `n` is inside (or is) one of the siblings `first..=last`.
fn within(dom: &Dom, order: &Order, n: NodeId, first: NodeId, last: NodeId) -> bool {
    let parent = dom.parent(first);
    let Some(top) = std::iter::once(n).chain(dom.ancestors(n)).find(|&a| dom.parent(a) == parent) else {
        return false;
    };
    order.precedes(first, top) && order.precedes(top, last)
}

/// Document order of the nodes, so that ordering two siblings costs
/// nothing (walking from one to the other made a page of reversed,
/// fostered pairs quadratic). Positions are even; a marker the pass moves
/// takes the odd position next to its new neighbour.
struct Order {
    position: Vec<u64>,
}

impl Order {
    fn new(dom: &Dom, root: NodeId) -> Order {
        let mut position = vec![0; dom.len()];
        for (i, n) in dom.descendants(root).enumerate() {
            if let Some(p) = position.get_mut(n.to_u32() as usize) {
                *p = 2 * (i as u64 + 1);
            }
        }
        Order { position }
    }

    fn get(&self, n: NodeId) -> u64 {
        self.position.get(n.to_u32() as usize).copied().unwrap_or(0)
    }

    fn set(&mut self, n: NodeId, at: u64) {
        let i = n.to_u32() as usize;
        if i >= self.position.len() {
            self.position.resize(i + 1, 0);
        }
        self.position[i] = at;
    }

    /// Whether sibling `b` is `a` or comes after it.
    fn precedes(&self, a: NodeId, b: NodeId) -> bool {
        a == b || self.get(a) <= self.get(b)
    }

    /// `n` now stands where `old` stood.
    fn place_at(&mut self, n: NodeId, old: NodeId) {
        self.set(n, self.get(old));
    }

    /// `n` was moved just before `next`.
    fn place_before(&mut self, n: NodeId, next: NodeId) {
        self.set(n, self.get(next).saturating_sub(1));
    }

    /// `n` was moved just after `prev` (after all of its descendants).
    fn place_after(&mut self, dom: &Dom, n: NodeId, prev: NodeId) {
        let mut last = prev;
        while let Some(c) = dom.last_child(last) {
            last = c;
        }
        self.set(n, self.get(last).max(self.get(prev)) + 1);
    }
}

/// Mark the siblings `first..=last`; returns the first and last element marked.
fn mark_range(dom: &mut Dom, first: NodeId, last: NodeId, about: &str, kind: &str, data_mw: String) -> Option<(NodeId, NodeId)> {
    let mut marked: Option<(NodeId, NodeId)> = None;
    let mut nodes = Vec::new();
    let mut n = Some(first);
    while let Some(x) = n {
        nodes.push(x);
        if x == last {
            break;
        }
        n = dom.next_sibling(x);
    }
    let mut first_marked = true;
    for (i, node) in nodes.into_iter().enumerate() {
        let element = match dom.data(node) {
            NodeData::Element(_) => node,
            // Whitespace and comments where a table holds only rows and
            // cells would need a `<span>`, which the table cannot hold:
            // they are dropped (Parsoid does the same).
            NodeData::Text(_) | NodeData::Comment(_) if in_table_structure(dom, node) => {
                dom.detach(node);
                continue;
            }
            // A line break leading a range at the top level, alone or before
            // a `<div>` (T378906), is dropped: Parsoid's span stays, empty
            // (a space, not a line, stays).
            NodeData::Text(t)
                if i == 0
                    && (node == last || dom.next_sibling(node).is_some_and(|n| is_div_or_table(dom, n)))
                    && t.contains('\n')
                    && t.bytes().all(|b| b.is_ascii_whitespace())
                    && dom.parent(node).is_some_and(|p| dom.local_name(p) == Some("body")) =>
            {
                let span = dom.create_element("span", [("class", "mw-empty-elt".to_string())]);
                dom.insert_before(node, span);
                dom.detach(node);
                span
            }
            NodeData::Text(_) | NodeData::Comment(_) => {
                let span = dom.create_element("span", std::iter::empty::<(&str, String)>());
                dom.insert_before(node, span);
                dom.detach(node);
                dom.append_child(span, node);
                span
            }
            _ => continue,
        };
        dom.set_attr(element, "about", about.to_owned());
        marked = Some((marked.map_or(element, |m| m.0), element));
        if std::mem::take(&mut first_marked) {
            // Extension output that starts the transclusion shares its
            // wrapper, as in Parsoid: the extension's typeof first, its
            // data-mw keys before `parts`.
            let extension = super::p_wrap::is_extension_output(dom, element)
                && dom.attr(element, "data-mw").is_some_and(|d| d.starts_with("{\"name\":"));
            if extension {
                let typeof_ = format!("{} {kind}", dom.attr(element, "typeof").unwrap_or(""));
                let ext = dom.attr(element, "data-mw").unwrap_or("{}");
                let merged = join_objects(ext, &data_mw);
                dom.set_attr(element, "typeof", typeof_);
                dom.set_attr(element, "data-mw", merged);
                continue;
            }
            let typeof_ = match dom.attr(element, "typeof") {
                // A nowiki's span is extension output in Parsoid (`nowiki`
                // is one of its native extension tags): its type comes first.
                Some(t) if t == "mw:Nowiki" => format!("{t} {kind}"),
                Some(t) if !t.is_empty() => format!("{kind} {t}"),
                _ => kind.to_string(),
            };
            // An annotation marker that starts it keeps its keys after `parts`.
            let annotation = dom.attr(element, "typeof").is_some_and(|t| t.contains("mw:Annotation/"));
            let merged = match dom.attr(element, "data-mw") {
                Some(own) if annotation && own.len() > 2 => join_objects(&data_mw, own),
                // An element with expanded attributes keeps them, before `parts`.
                Some(own) if own.starts_with("{\"attribs\":") => join_objects(own, &data_mw),
                _ => data_mw.clone(),
            };
            dom.set_attr(element, "typeof", typeof_);
            dom.set_attr(element, "data-mw", merged);
        }
    }
    marked
}

/// Whether `node` (whitespace or a comment) sits directly in a table, a
/// table section or a row.
fn in_table_structure(dom: &Dom, node: NodeId) -> bool {
    let whitespace = match dom.data(node) {
        NodeData::Text(t) => t.bytes().all(|b| b.is_ascii_whitespace()),
        _ => true,
    };
    whitespace && dom.parent(node).and_then(|p| dom.local_name(p)).is_some_and(|n| matches!(n, "table" | "tbody" | "thead" | "tfoot" | "tr"))
}

/// The keys of JSON object `first`, then those of `second`, in one object
/// (`{"a":1}` and `{"b":2}` give `{"a":1,"b":2}`); `first` alone when
/// either is not an object's text.
fn join_objects(first: &str, second: &str) -> String {
    match (first.strip_suffix('}'), second.strip_prefix('{')) {
        (Some(head), Some(tail)) if head.starts_with('{') && tail.ends_with('}') => format!("{head},{tail}"),
        _ => first.to_string(),
    }
}
