//! Stage 5: passes over the built DOM, in Parsoid's order: heading ids,
//! empty-element marking, then section wrapping. Each pass is its own module.

use crate::dom::Dom;
use crate::options::RenderOptions;

mod empty_elements;
mod headings;
mod section_wrapping;

/// An attribute the emitter puts on headings made by wikitext syntax
/// (`== a ==`), which sections follow; passes remove it.
pub(crate) const WIKITEXT_HEADING: &str = "data-wt-heading";

pub(crate) fn run(dom: &mut Dom, options: &RenderOptions) {
    headings::assign_ids(dom);
    empty_elements::mark(dom);
    if options.wrap_sections {
        section_wrapping::wrap(dom);
    }
    headings::drop_markers(dom);
}
