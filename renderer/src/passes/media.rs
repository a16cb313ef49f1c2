//! Inline images keep their caption in `data-mw.caption`, as HTML: the
//! emitter renders it into a hidden, marked element inside the image's
//! `<span>`; this pass serializes it into the container's `data-mw` (with
//! the members the emitter left in marks around it) and removes it.

use crate::dom::{Dom, NodeId};
use crate::emit::media::{DATA_MW_AFTER, DATA_MW_BEFORE, INLINE_CAPTION};

pub(super) fn inline_captions(dom: &mut Dom) {
    let Some(body) = dom.body() else { return };
    let captions: Vec<NodeId> = dom.descendants(body).filter(|&n| dom.has_mark(n, INLINE_CAPTION)).collect();
    for caption in captions {
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
