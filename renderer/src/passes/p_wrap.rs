//! Paragraph wrapping on the DOM, after the line-level pass.
//!
//! The line pass (`block_levels`) decides where paragraphs break (blank
//! lines, lines holding block tags); it leaves bare the inline content of
//! lines that hold block tags (`a <div>b</div> c`). Parsoid, like
//! MediaWiki's HTML tidying, wraps every run of inline content that is a
//! child of `<body>` or of a `<blockquote>` in a `<p>`, splitting at block
//! elements. An inline element holding a block (`<span><div>x</div></span>`)
//! counts as a block and is left alone.
//!
//! A run's leading and trailing "render-transparent" nodes (whitespace,
//! comments, `<link>`/`<meta>` such as category links) stay outside its
//! `<p>`; a run of only such nodes gets no `<p>`. The paragraphs the line
//! pass made get the same treatment at their edges.

use super::WIKITEXT_PARAGRAPH;
use crate::dom::{Dom, NodeData, NodeId};

/// Elements that end a run of inline content.
fn is_block_name(name: &str) -> bool {
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
fn is_render_transparent(dom: &Dom, id: NodeId) -> bool {
    match dom.data(id) {
        NodeData::Text(t) => t.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')),
        NodeData::Comment(_) => true,
        NodeData::Element(_) => matches!(dom.local_name(id), Some("link" | "meta")),
        _ => false,
    }
}

pub(super) fn wrap(dom: &mut Dom) {
    let Some(body) = dom.body() else { return };
    let mut parents = vec![body];
    parents.extend(dom.descendants(body).filter(|&n| dom.is_element_named(n, "blockquote")));
    let generated: Vec<NodeId> =
        dom.descendants(body).filter(|&n| dom.is_element_named(n, "p") && dom.has_attr(n, WIKITEXT_PARAGRAPH)).collect();
    for p in generated {
        dom.remove_attr(p, WIKITEXT_PARAGRAPH);
        trim_paragraph(dom, p);
    }
    for parent in parents {
        wrap_children(dom, parent);
    }
}

/// Move a generated paragraph's render-transparent edges out of it.
fn trim_paragraph(dom: &mut Dom, p: NodeId) {
    if dom.parent(p).is_none() {
        return;
    }
    let all_transparent = dom.children(p).all(|c| is_render_transparent(dom, c));
    if all_transparent && dom.first_child(p).is_some() {
        // Nothing to wrap: the paragraph was only there for its transparent content.
        dom.unwrap(p);
        return;
    }
    while let Some(first) = dom.first_child(p) {
        if !is_render_transparent(dom, first) || all_transparent {
            break;
        }
        dom.insert_before(p, first);
    }
    while let Some(last) = dom.last_child(p) {
        if !is_render_transparent(dom, last) {
            break;
        }
        dom.insert_after(p, last);
    }
}

fn wrap_children(dom: &mut Dom, parent: NodeId) {
    let children: Vec<NodeId> = dom.children(parent).collect();
    let mut run: Vec<NodeId> = Vec::new();
    for child in children {
        if is_blockish(dom, child) {
            wrap_run(dom, &run);
            run.clear();
        } else {
            run.push(child);
        }
    }
    wrap_run(dom, &run);
}

fn wrap_run(dom: &mut Dom, run: &[NodeId]) {
    let Some(first) = run.iter().position(|&n| !is_render_transparent(dom, n)) else { return };
    let last = run.iter().rposition(|&n| !is_render_transparent(dom, n)).unwrap_or(first);
    let p = dom.create_element("p", []);
    dom.insert_before(run[first], p);
    for &n in &run[first..=last] {
        dom.append_child(p, n);
    }
}
