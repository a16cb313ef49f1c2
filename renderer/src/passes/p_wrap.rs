//! Paragraph wrapping on the DOM, after the line-level pass.
//!
//! The line pass (`block_levels`) decides where paragraphs break (blank
//! lines, lines holding block tags); it leaves bare the inline content of
//! lines that hold block tags (`a <div>b</div> c`). Parsoid, like
//! MediaWiki's HTML tidying, wraps every run of inline content that is a
//! child of `<body>` or of a `<blockquote>` in a `<p>`, splitting at block
//! elements. An inline element holding a block is split around it
//! (`<b>a<figure/>b</b>` is `<p><b>a</b></p><b><figure/></b><p><b>b</b></p>`).
//!
//! A run's leading and trailing "render-transparent" nodes (whitespace,
//! comments, `<link>`/`<meta>` such as category links) stay outside its
//! `<p>`; a run of only such nodes, style sheets and wrappers of nothing
//! visible ([`is_wrap_optional`]) gets no `<p>`. The paragraphs the line
//! pass made get the same treatment at their edges.

use super::{BREAK_PARAGRAPH, WIKITEXT_PARAGRAPH};
use crate::emit::{is_hidden_variant, MARKER_END, MARKER_START, MARKER_TYPEOF};
use crate::dom::{Dom, NodeData, NodeId};

/// Elements that end a run of inline content.
pub(crate) fn is_block_name(name: &str) -> bool {
    matches!(
        name,
        "address" | "article" | "aside" | "blockquote" | "caption" | "center" | "dd" | "details" | "dialog"
            | "dir" | "div" | "dl" | "dt" | "fieldset" | "figcaption" | "figure" | "footer" | "form" | "h1"
            | "h2" | "h3" | "h4" | "h5" | "h6" | "header" | "hgroup" | "hr" | "li" | "main" | "menu" | "nav"
            | "ol" | "p" | "pre" | "section" | "summary" | "table" | "tbody" | "td" | "tfoot" | "th"
            | "thead" | "tr" | "ul"
    )
}

/// A block element, or an inline element with a block inside.
fn is_blockish(dom: &Dom, id: NodeId) -> bool {
    let Some(name) = dom.local_name(id) else { return false };
    if is_block_name(name) {
        return true;
    }
    // Stop at the first block: its own subtree is not looked at again here.
    let mut stack: Vec<NodeId> = dom.children(id).collect();
    while let Some(n) = stack.pop() {
        match dom.local_name(n) {
            Some(name) if is_block_name(name) => return true,
            Some(_) => stack.extend(dom.children(n)),
            None => {}
        }
    }
    false
}

/// Nodes that do not need a paragraph of their own.
pub(super) fn is_render_transparent(dom: &Dom, id: NodeId) -> bool {
    match dom.data(id) {
        NodeData::Text(t) => t.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')),
        NodeData::Comment(_) => true,
        NodeData::Element(_) => matches!(dom.local_name(id), Some("link" | "meta")) && !is_hidden_variant(dom, id),
        _ => false,
    }
}

/// Nodes a run may consist of and still need no paragraph: the render-
/// transparent ones, and those that show nothing but stay inside a
/// paragraph their line has content for: an extension's style sheet, and
/// the span that carries an extension's `typeof` around the comment its
/// output starts with.
fn is_wrap_optional(dom: &Dom, id: NodeId) -> bool {
    if is_render_transparent(dom, id) || dom.is_element_named(id, "style") {
        return true;
    }
    dom.is_element_named(id, "span")
        && is_extension_output(dom, id)
        && dom.first_child(id).is_some()
        && dom.children(id).all(|c| matches!(dom.data(c), NodeData::Comment(_)))
}

/// A transclusion or annotation marker's side: `Some(true)` for a start,
/// `Some(false)` for an end. A start marker belongs with the content after it and an end
/// marker with the content before it, so paragraph edges keep them.
fn marker(dom: &Dom, id: NodeId) -> Option<bool> {
    if !dom.is_element_named(id, "meta") {
        return None;
    }
    // A parameter's encapsulation takes the whole paragraph, as Parsoid's does.
    if dom.has_mark(id, MARKER_TYPEOF) {
        return None;
    }
    if dom.has_mark(id, MARKER_START) {
        Some(true)
    } else if dom.has_mark(id, MARKER_END) {
        Some(false)
    } else {
        // An annotation's range markers too, when they share a line with
        // the content (`<dummyanno>a</dummyanno>` is a paragraph with both
        // inside); on a line of their own they stay outside.
        // A range over more than this paragraph keeps its markers outside.
        let annotation = dom.attr(id, "typeof")?.split_ascii_whitespace().find(|w| w.starts_with("mw:Annotation/"))?;
        let start = !annotation.ends_with("/End");
        let beside = if start { dom.next_sibling(id) } else { dom.prev_sibling(id) };
        let own_line = beside.and_then(|n| dom.text(n)).is_some_and(|t| if start { t.starts_with('\n') } else { t.ends_with('\n') });
        (!own_line && partner_beside(dom, id, annotation, start)).then_some(start)
    }
}

/// Whether annotation marker `id` (of type `annotation`) has its partner
/// among its siblings on its side (after a start, before an end) with no
/// block between: the range then stays within one paragraph.
fn partner_beside(dom: &Dom, id: NodeId, annotation: &str, start: bool) -> bool {
    let name = annotation.strip_suffix("/End").unwrap_or(annotation);
    let step = |n: NodeId| if start { dom.next_sibling(n) } else { dom.prev_sibling(n) };
    let mut n = step(id);
    while let Some(sibling) = n {
        if dom.local_name(sibling).is_some_and(is_block_name) {
            return false;
        }
        let is_partner = dom.is_element_named(sibling, "meta")
            && dom.attr(sibling, "typeof").is_some_and(|t| {
                t.split_ascii_whitespace().any(|w| if start { w.strip_suffix("/End") == Some(name) } else { w == name })
            });
        if is_partner {
            return true;
        }
        n = step(sibling);
    }
    false
}

pub(super) fn wrap(dom: &mut Dom) {
    let Some(body) = dom.body() else { return };
    let mut parents = vec![body];
    // Blockquotes in the body, found by an arena scan (no tree walk): the
    // tree builder makes them in document order.
    parents.extend(dom.arena_elements_named("blockquote").filter(|&n| dom.is_inside(n, body)));
    // From the side table, not a walk. Paragraphs never nest, so each one's
    // edges move on their own, in any order.
    let generated: Vec<NodeId> = dom
        .marked(WIKITEXT_PARAGRAPH)
        .into_iter()
        .filter(|&n| dom.is_element_named(n, "p") && dom.is_inside(n, body))
        .collect();
    for p in generated {
        let keep_leading = dom.remove_mark(p, WIKITEXT_PARAGRAPH).as_deref() == Some(BREAK_PARAGRAPH);
        trim_paragraph(dom, p, keep_leading);
    }
    for parent in parents {
        wrap_children(dom, parent);
    }
}

/// An extension's empty output (`<link typeof="mw:Extension/section">`):
/// content for the paragraph its line made, as in Parsoid, where only
/// links that carry page properties (categories, language links) are
/// transparent to the line's paragraph. Outside such a paragraph
/// (fostered out of a table) it stays bare.
pub(super) fn is_extension_link(dom: &Dom, id: NodeId) -> bool {
    dom.is_element_named(id, "link") && is_extension_output(dom, id)
}

/// An element an extension tag rendered (a `typeof` of `mw:Extension/...`).
pub(super) fn is_extension_output(dom: &Dom, id: NodeId) -> bool {
    dom.attr(id, "typeof").is_some_and(|t| t.split_ascii_whitespace().any(|w| w.starts_with("mw:Extension/")))
}

/// Extension output that shows nothing (`<meta typeof="mw:Extension/indicator">`):
/// it stays in the paragraph its line joined, as in Parsoid.
fn is_extension_meta(dom: &Dom, id: NodeId) -> bool {
    dom.is_element_named(id, "meta") && is_extension_output(dom, id)
}

/// Move a generated paragraph's render-transparent edges out of it (its
/// trailing ones only, with `keep_leading`).
fn trim_paragraph(dom: &mut Dom, p: NodeId, keep_leading: bool) {
    if dom.parent(p).is_none() {
        return;
    }
    let all_transparent = dom.children(p).all(|c| is_wrap_optional(dom, c) && !is_extension_link(dom, c));
    if all_transparent && dom.first_child(p).is_some() {
        // Nothing to wrap: the paragraph was only there for its transparent content.
        dom.unwrap(p);
        return;
    }
    // Leading nodes move out up to the first content, except a transclusion's
    // start marker before it and what stands between them (the transclusion's
    // own `<meta>`s and comments); trailing ones likewise, up to an end marker.
    let children: Vec<NodeId> = dom.children(p).collect();
    // One a transclusion made (after its start marker) leaves, as Parsoid's does.
    let edge = |dom: &Dom, c: NodeId| {
        is_render_transparent(dom, c)
            && !is_extension_link(dom, c)
            && !(is_extension_meta(dom, c) && dom.prev_sibling(c).and_then(|s| marker(dom, s)) != Some(true))
    };
    let Some(first_content) = children.iter().position(|&c| !edge(dom, c)) else { return };
    let last_content = children.iter().rposition(|&c| !edge(dom, c)).unwrap_or(first_content);
    let mut lead = if keep_leading { 0 } else { first_content };
    for i in (0..lead).rev() {
        match marker(dom, children[i]) {
            Some(true) => lead = i,
            Some(false) => break,
            None => {}
        }
    }
    let mut trail = last_content;
    for (i, &c) in children.iter().enumerate().skip(last_content + 1) {
        match marker(dom, c) {
            Some(false) => trail = i,
            Some(true) => break,
            None => {}
        }
    }
    if trail + 1 < children.len() && super::trailing_links::after_blank_line(dom, children[trail + 1]) {
        trail = children.len() - 1;
    }
    for &c in &children[..lead] {
        dom.insert_before(p, c);
    }
    for &c in children[trail + 1..].iter().rev() {
        dom.insert_after(p, c);
    }
}

fn wrap_children(dom: &mut Dom, parent: NodeId) {
    let children: Vec<NodeId> = dom.children(parent).collect();
    let mut run: Vec<NodeId> = Vec::new();
    for child in children {
        if !is_blockish(dom, child) {
            run.push(child);
            continue;
        }
        if dom.local_name(child).is_some_and(is_block_name) {
            wrap_run(dom, &run);
            run.clear();
            continue;
        }
        // An inline element around a block is split at it, as Parsoid
        // does: its inline runs get paragraphs, its blocks none.
        let pieces = split(dom, child);
        for &piece in &pieces {
            dom.insert_before(child, piece);
        }
        dom.detach(child);
        for piece in pieces {
            if is_blockish(dom, piece) {
                wrap_run(dom, &run);
                run.clear();
            } else {
                run.push(piece);
            }
        }
    }
    wrap_run(dom, &run);
}

/// An inline element's content cut into pieces, each in a shallow copy of
/// it: runs of inline content, and each block (an inline element holding
/// one, split the same way). `<b>a<figure/>b</b>` is `<b>a</b>`,
/// `<b><figure/></b>` and `<b>b</b>`. Whitespace and comments alone make
/// no piece: they go with the block after them, or before them at the end.
/// The pieces are detached; `element` is left empty.
fn split(dom: &mut Dom, element: NodeId) -> Vec<NodeId> {
    // (is a block, nodes)
    let mut groups: Vec<(bool, Vec<NodeId>)> = Vec::new();
    let mut pending: Vec<NodeId> = Vec::new();
    let children: Vec<NodeId> = dom.children(element).collect();
    for child in children {
        let inline_open = groups.last().is_some_and(|(block, _)| !block);
        if !is_blockish(dom, child) {
            if inline_open {
                groups.last_mut().expect("checked above").1.push(child);
            } else if is_render_transparent(dom, child) {
                pending.push(child);
            } else {
                let mut nodes = std::mem::take(&mut pending);
                nodes.push(child);
                groups.push((false, nodes));
            }
            continue;
        }
        let inner = if dom.local_name(child).is_some_and(is_block_name) {
            vec![child]
        } else {
            let inner = split(dom, child);
            dom.detach(child);
            inner
        };
        for block in inner {
            let mut nodes = std::mem::take(&mut pending);
            nodes.push(block);
            groups.push((true, nodes));
        }
    }
    if let Some((_, last)) = groups.last_mut() {
        last.append(&mut pending);
    }
    let (name, attrs) = dom.element(element).map(|e| (e.name.clone(), e.attrs.clone())).expect("split is called on elements");
    groups
        .into_iter()
        .map(|(_, nodes)| {
            let piece = dom.create_element_ns(name.clone(), attrs.clone());
            for n in nodes {
                dom.append_child(piece, n);
            }
            piece
        })
        .collect()
}

fn wrap_run(dom: &mut Dom, run: &[NodeId]) {
    if run.iter().all(|&n| is_wrap_optional(dom, n)) {
        return;
    }
    let Some(mut first) = run.iter().position(|&n| !is_render_transparent(dom, n)) else { return };
    let mut last = run.iter().rposition(|&n| !is_render_transparent(dom, n)).unwrap_or(first);
    while first > 0 && marker(dom, run[first - 1]) == Some(true) {
        first -= 1;
    }
    while last + 1 < run.len() && marker(dom, run[last + 1]) == Some(false) {
        last += 1;
    }
    let p = dom.create_element("p", []);
    if run[first..=last].iter().any(|&n| dom.has_mark(n, MARKER_START)) {
        // Encapsulation may widen a transclusion to it (and drops the mark).
        dom.set_mark(p, super::WRAPPED_PARAGRAPH, String::new());
    }
    dom.insert_before(run[first], p);
    for &n in &run[first..=last] {
        dom.append_child(p, n);
    }
    // The run's last line break (and the blank lines after it) follow the
    // paragraph, as in Parsoid (`a.</p>\n\n<h3>`); fostered text keeps it.
    let fostered = dom.last_child(p).is_some_and(|n| dom.fostered_from(n).is_some());
    if let Some(line_break) = (!fostered).then(|| super::trailing_newlines::split_trailing_line_break(dom, p)).flatten() {
        dom.detach(line_break);
        dom.insert_after(p, line_break);
    }
    hoist_transclusions(dom, p);
}

/// A paragraph this pass made around nothing but missing templates' links
/// (`[[File:X|thumb]]{{a}}{{b}}`): the transclusion made the paragraph, so
/// the paragraph carries it, one transclusion with every template as a
/// part, as Parsoid widens a range to a paragraph it wrapped.
fn hoist_transclusions(dom: &mut Dom, p: NodeId) {
    let children: Vec<NodeId> = dom.children(p).collect();
    let is_transclusion = |dom: &Dom, n: NodeId| {
        dom.is_element_named(n, "a")
            && dom.attr(n, "about").is_some()
            && dom.attr(n, "data-mw").is_some()
            && dom.attr(n, "typeof").is_some_and(|t| t.split_ascii_whitespace().any(|w| w == "mw:Transclusion"))
    };
    if children.is_empty() || !children.iter().all(|&c| is_transclusion(dom, c)) {
        return;
    }
    let mut parts = Vec::new();
    for &c in &children {
        let data_mw = dom.remove_attr(c, "data-mw").unwrap_or_default();
        for part in super::transclusions::parts_of(&data_mw) {
            let i = parts.len();
            parts.push(super::transclusions::renumber(&part, i));
        }
        let about = dom.remove_attr(c, "about");
        if dom.attr(p, "about").is_none() {
            if let Some(about) = about {
                dom.set_attr(p, "about", about);
            }
        }
        let rest: Vec<&str> = dom.attr(c, "typeof").unwrap_or("").split_ascii_whitespace().filter(|&w| w != "mw:Transclusion").collect();
        let rest = rest.join(" ");
        if rest.is_empty() {
            dom.remove_attr(c, "typeof");
        } else {
            dom.set_attr(c, "typeof", rest);
        }
    }
    dom.set_attr(p, "typeof", "mw:Transclusion");
    dom.set_attr(p, "data-mw", format!("{{\"parts\":[{}]}}", parts.join(",")));
}
