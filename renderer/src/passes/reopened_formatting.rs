//! Formatting elements tree building opened again (HTML5's reconstruction
//! of active formatting elements) around nothing but whitespace: the line
//! break between two list items or blocks (`<ol><li><s>a</s></li><s>\n</s><li>`)
//! gets no element of its own, as Parsoid cleans its DOM up after tree
//! building. Those around content stay (`<li><s>b</s></li>`), and so do
//! those an end tag in the source closes.

use crate::dom::{Dom, REOPENED};

pub(crate) fn unwrap_blank(dom: &mut Dom) {
    for el in dom.marked(REOPENED) {
        // One its end tag closes stays (`<p><small></small></p>` before a
        // `</small>`): only those closed implicitly too go.
        if dom.end_src_range(el).is_some() {
            continue;
        }
        let blank = dom.children(el).all(|c| dom.text(c).is_some_and(|t| t.bytes().all(|b| b.is_ascii_whitespace())));
        if !blank {
            continue;
        }
        while let Some(c) = dom.first_child(el) {
            dom.insert_before(el, c);
        }
        dom.detach(el);
    }
}
