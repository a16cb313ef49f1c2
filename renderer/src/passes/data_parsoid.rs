//! `data-parsoid` with source ranges: each element made from wikitext gets
//! Parsoid's `dsr` (`[start, end, open width, close width]`, byte offsets),
//! which lets editors map a click in the HTML back to the text.
//!
//! The open width is known when the element's token covered only its
//! opening syntax (an HTML start tag, whose end tag has its own range);
//! otherwise it is `null`, as Parsoid writes for widths it does not know.

use crate::dom::Dom;

pub(super) fn annotate(dom: &mut Dom) {
    let Some(body) = dom.body() else { return };
    let nodes: Vec<_> = dom.descendants(body).filter(|&n| dom.is_element(n)).collect();
    for n in nodes {
        let Some(start) = dom.src_range(n) else { continue };
        let value = match dom.end_src_range(n) {
            Some(end) => format!(
                r#"{{"dsr":[{},{},{},{}]}}"#,
                start.start,
                end.end,
                start.end - start.start,
                end.end - end.start
            ),
            None => format!(r#"{{"dsr":[{},{},null,null]}}"#, start.start, start.end),
        };
        dom.set_attr(n, "data-parsoid", value);
    }
}
