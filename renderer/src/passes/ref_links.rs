//! Footnote markers inside link text. Parsoid inserts a ref's marker into
//! its DOM after tree building, so `[[Foo|bar<ref>x</ref>]]` keeps the
//! marker's `<a>` inside the `<sup>` inside the link. Fed to an HTML5 tree
//! builder, that inner `<a>` would close the outer one (the adoption
//! agency), so the emitter writes it under a name no HTML rule knows
//! ([`REF_LINK_ELEMENT`]) with the mark [`REF_LINK`], and this pass names
//! it `a` once the tree stands.

use crate::dom::{Dom, ElementName};

/// The mark on a marker link written under [`REF_LINK_ELEMENT`].
pub(crate) const REF_LINK: &str = "wt ref link";
/// The element name a marker link has while the tree is built.
pub(crate) const REF_LINK_ELEMENT: &str = "mw-ref-link";

pub(super) fn rename(dom: &mut Dom) {
    for n in dom.marked(REF_LINK) {
        dom.remove_mark(n, REF_LINK);
        if let Some(e) = dom.element_mut(n) {
            e.name = ElementName::html("a");
        }
    }
}
