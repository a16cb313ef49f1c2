//! Inline images keep their caption in `data-mw.caption`, as HTML: the
//! emitter renders it into a hidden, marked element inside the image's
//! `<span>`; this pass serializes it into the container's `data-mw` (with
//! the members the emitter left in marks around it) and removes it. An
//! option with markup or a template (`alt=''x''`, `{{1x|200px}}`) is
//! rendered the same way into its slot in `data-mw.attribs`.

use rustc_hash::FxHashMap;

use crate::dom::{Dom, NodeId};
use crate::emit::media::{attrib_html_slot, ATTRIB_HTML, DATA_MW_AFTER, DATA_MW_BEFORE, INLINE_CAPTION};

/// A formatting element open around a block image (`''[[File:X|thumb|c]]''`)
/// is reopened by HTML tree building inside the `<figure>`, around its link
/// and caption; Parsoid builds the figure whole, and only the caption's
/// content is formatted. The chain of such elements moves from around the
/// figure's content to around its caption's.
pub(super) fn formatting_into_captions(dom: &mut Dom) {
    let Some(body) = dom.body() else { return };
    // Media figures in the body, by an arena scan (the tree builder makes
    // them in document order), not a walk over every node.
    let figures: Vec<NodeId> = dom
        .arena_elements_named("figure")
        .filter(|&n| dom.attr(n, "typeof").is_some_and(|t| t.contains("mw:File")) && dom.is_inside(n, body))
        .collect();
    for figure in figures {
        let is_formatting = |dom: &Dom, n: NodeId| {
            matches!(dom.local_name(n), Some("b" | "big" | "code" | "em" | "font" | "i" | "nobr" | "s" | "small" | "strike" | "strong" | "tt" | "u"))
        };
        let only_child = |dom: &Dom, n: NodeId| {
            let first = dom.first_child(n)?;
            dom.next_sibling(first).is_none().then_some(first)
        };
        let Some(outer) = only_child(dom, figure).filter(|&c| is_formatting(dom, c)) else { continue };
        let mut inner = outer;
        while let Some(c) = only_child(dom, inner).filter(|&c| is_formatting(dom, c)) {
            inner = c;
        }
        let content: Vec<NodeId> = dom.children(inner).collect();
        let Some(&caption) = content.last().filter(|&&c| dom.is_element_named(c, "figcaption")) else { continue };
        for &c in &content {
            dom.append_child(figure, c);
        }
        let caption_content: Vec<NodeId> = dom.children(caption).collect();
        for c in caption_content {
            dom.append_child(inner, c);
        }
        dom.append_child(caption, outer);
    }
}

pub(super) fn inline_captions(dom: &mut Dom) {
    // Rendered options first: their HTML goes into the `data-mw.attribs`
    // text the emitter left on the container, in a mark when an inline
    // caption follows, else in `data-mw` itself.
    let mut attrib_html: FxHashMap<NodeId, Vec<(String, String)>> = FxHashMap::default();
    for attrib in dom.marked(ATTRIB_HTML) {
        let slot = attrib_html_slot(dom.mark(attrib, ATTRIB_HTML).unwrap_or_default());
        annotate_links(dom, attrib);
        let html = crate::serialize::inner_html(dom, attrib);
        let container = dom.parent(attrib);
        dom.detach(attrib);
        let Some(container) = container else { continue };
        let mut json = String::with_capacity(html.len() + 2);
        crate::emit::push_json_string(&mut json, &html);
        match dom.attr(container, "data-mw") {
            Some(data_mw) if data_mw.contains(&slot) => {
                let filled = data_mw.replacen(&slot, &json, 1);
                dom.set_attr(container, "data-mw", filled);
            }
            _ => attrib_html.entry(container).or_default().push((slot, json)),
        }
    }
    let captions: Vec<NodeId> = dom.marked(INLINE_CAPTION);
    for caption in captions {
        annotate_links(dom, caption);
        let html = crate::serialize::inner_html(dom, caption);
        let container = dom.parent(caption);
        dom.detach(caption);
        let Some(container) = container else { continue };
        let before = dom.remove_mark(container, DATA_MW_BEFORE);
        let after = dom.remove_mark(container, DATA_MW_AFTER);
        let mut data_mw = String::with_capacity(html.len() + 32);
        data_mw.push('{');
        if let Some(mut b) = before {
            for (slot, json) in attrib_html.remove(&container).unwrap_or_default() {
                b = b.replacen(&slot, &json, 1);
            }
            data_mw.push_str(&b);
            data_mw.push(',');
        }
        data_mw.push_str("\"caption\":");
        crate::emit::push_json_string(&mut data_mw, &html);
        if let Some(a) = after {
            data_mw.push(',');
            data_mw.push_str(&a);
        }
        data_mw.push('}');
        dom.set_attr(container, "data-mw", data_mw);
    }
}

/// Parsoid writes data-parsoid into the HTML it keeps in `data-mw` where
/// it has something to say: on links (their href as written) and entities
/// (their source). The parser tests compare it stripped.
fn annotate_links(dom: &mut Dom, root: NodeId) {
    let elements: Vec<NodeId> = dom.descendants(root).filter(|&n| dom.is_element(n)).collect();
    for e in elements {
        if dom.has_attr(e, "data-parsoid") {
            continue;
        }
        let mut value = String::new();
        if dom.is_element_named(e, "a") {
            value.push_str(r#"{"a":{"href":"#);
            crate::emit::push_json_string(&mut value, dom.attr(e, "href").unwrap_or_default());
            value.push_str("}}");
        } else if dom.attr(e, "typeof") == Some("mw:Entity") {
            value.push_str(r#"{"srcContent":"#);
            crate::emit::push_json_string(&mut value, &dom.text_content(e));
            value.push('}');
        }
        if !value.is_empty() {
            dom.set_attr(e, "data-parsoid", value);
        }
    }
}
