//! Formatting elements tree building opened again (HTML5's reconstruction
//! of active formatting elements) for whitespace, as Parsoid avoids them
//! (T368720): Parsoid's tree building does not reopen formatting for
//! whitespace, so such a copy never holds the line breaks between blocks.
//! A copy holding nothing but whitespace goes (`<ol><li><s>a</s></li><s>\n</s><li>`
//! keeps only the line break), and one holding paragraphs moves into them
//! (`<code>\n<p>b</p></code>` is `\n<p><code>b</code></p>`), where the
//! paragraph's text would have reopened it. A copy around other content
//! stays (`<li><s>b</s></li>`), and so does one an end tag in the source
//! closes (`<p><small></small></p>` before a `</small>`).

use crate::dom::{Dom, NodeId, REOPENED};

pub(crate) fn unwrap_blank(dom: &mut Dom) {
    for el in dom.marked(REOPENED) {
        if dom.end_src_range(el).is_some() {
            continue;
        }
        let is_blank = |dom: &Dom, c: NodeId| dom.text(c).is_some_and(|t| t.bytes().all(|b| b.is_ascii_whitespace()));
        // Whitespace and paragraphs only: the paragraphs to move it into.
        let mut paragraphs = Vec::new();
        let mut other_content = false;
        for c in dom.children(el) {
            if dom.is_element_named(c, "p") {
                paragraphs.push(c);
            } else if !is_blank(dom, c) {
                other_content = true;
                break;
            }
        }
        if other_content {
            continue;
        }
        for p in paragraphs {
            let Some(element) = dom.element(el) else { continue };
            let (name, attrs) = (element.name.clone(), element.attrs.clone());
            let copy = dom.create_element_ns(name, attrs);
            dom.set_src_range(copy, dom.src_range(el));
            while let Some(c) = dom.first_child(p) {
                dom.append_child(copy, c);
            }
            dom.append_child(p, copy);
        }
        while let Some(c) = dom.first_child(el) {
            dom.insert_before(el, c);
        }
        dom.detach(el);
    }
}
