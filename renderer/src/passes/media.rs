//! Inline images keep their caption in `data-mw.caption`, as HTML: the
//! emitter renders it into a hidden, marked element inside the image's
//! `<span>`; this pass serializes it into the container's `data-mw` (with
//! the members the emitter left in marks around it) and removes it.

use crate::dom::{Dom, NodeId};
use crate::emit::media::{DATA_MW_AFTER, DATA_MW_BEFORE, INLINE_CAPTION};

pub(super) fn inline_captions(dom: &mut Dom) {
    let captions: Vec<NodeId> = dom.marked(INLINE_CAPTION);
    for caption in captions {
        // Parsoid writes data-parsoid into the caption's HTML where it has
        // something to say: on links (their href as written) and entities
        // (their source). The parser tests compare it stripped.
        let elements: Vec<NodeId> = dom.descendants(caption).filter(|&n| dom.is_element(n)).collect();
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
        let html = crate::serialize::inner_html(dom, caption);
        let container = dom.parent(caption);
        dom.detach(caption);
        let Some(container) = container else { continue };
        let before = dom.remove_mark(container, DATA_MW_BEFORE);
        let after = dom.remove_mark(container, DATA_MW_AFTER);
        let mut data_mw = String::with_capacity(html.len() + 32);
        data_mw.push('{');
        if let Some(b) = before {
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
