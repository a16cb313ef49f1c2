//! Annotation end tags with no open range (see `emit::annotations`): a
//! marker until paragraphs are made, then the text of the tag as written.

use crate::dom::Dom;
use crate::emit::STRAY_ANNOTATION_END;

/// Turn each stray end marker into its text, joined with the text beside it.
pub(super) fn stray_ends_as_text(dom: &mut Dom) {
    for n in dom.marked(STRAY_ANNOTATION_END) {
        let written = dom.remove_mark(n, STRAY_ANNOTATION_END).unwrap_or_default();
        dom.replace_with_text(n, &written);
    }
}
