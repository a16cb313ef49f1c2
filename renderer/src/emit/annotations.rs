//! Annotation tags (`<translate>`, the parser tests' `<dummyanno>`): their
//! content is ordinary page content, and each tag becomes a marker.
//!
//! # Parsoid HTML
//!
//! ```text
//! a <dummyanno>b</dummyanno>
//! <p>a <meta typeof="mw:Annotation/dummyanno" data-mw='{"rangeId":"mwa0","extendedRange":false,"wtOffsets":[2,13]}'/>b<meta typeof="mw:Annotation/dummyanno/End" data-mw='{"wtOffsets":[14,26]}'/></p>
//! ```
//!
//! The start marker's `data-mw` holds the tag's attributes (when it has
//! any), the range's id and the start tag's source offsets; the end
//! marker's, the end tag's offsets. A range nested in one of the same
//! name is dropped (its markers too, though it takes up an id); an end
//! tag with no open range of its name is text, made after paragraphs.

use crate::token::thin_vec;
use wikitext_parser::{NodeId, SyntaxKind};
use wikitext_site::extension::TagKind;

use super::{push_json_string, Emitter};
use crate::token::Attr;

/// The mark of an annotation end tag with no open range; its value is the
/// tag as written, which `passes::annotations` turns it back into.
pub(crate) const STRAY_END: &str = "wt stray annotation end";
/// The mark on each range's start and end marker, by which
/// `passes::annotations` finds them without walking the page.
pub(crate) const MARKER: &str = "wt annotation";

/// Whether `name` (lower-case) is an annotation tag of the site.
pub(super) fn is_annotation(em: &Emitter<'_>, name: &str) -> bool {
    em.site.extension_tag(name).is_some_and(|h| h.kind() == TagKind::Annotation)
}

fn offsets(out: &mut String, em: &Emitter<'_>, id: NodeId) {
    let r = em.range(id);
    out.push_str(&format!(r#""wtOffsets":[{},{}]"#, r.start, r.end));
}

/// An annotation range whose end tag has not come yet.
pub(crate) struct OpenRange {
    name: String,
    /// Dropped as nested in a range of the same name.
    nested: bool,
    range_id: u32,
}

pub(super) fn start(em: &mut Emitter<'_>, id: NodeId, name: &str) {
    let tree = em.tree;
    // A nested range is numbered too, then dropped: the ranges after it
    // keep the ids Parsoid gives them (it drops nested ranges once every
    // range has its id).
    let (nested, range_id) = {
        let mut st = em.extensions.borrow_mut();
        let nested = st.open_annotations.iter().any(|r| r.name == name);
        let range_id = st.annotation_count;
        st.annotation_count += 1;
        st.open_annotations.push(OpenRange { name: name.to_string(), nested, range_id });
        (nested, range_id)
    };
    if nested {
        return;
    }
    let mut data_mw = String::from("{");
    let attrs = tree.child_of_kind(id, SyntaxKind::ATTRIBUTES).map(|a| super::extension_tags::raw_attrs(tree, a)).unwrap_or_default();
    if !attrs.is_empty() {
        data_mw.push_str(r#""attrs":{"#);
        for (i, (n, v)) in attrs.iter().enumerate() {
            if i > 0 {
                data_mw.push(',');
            }
            push_json_string(&mut data_mw, n);
            data_mw.push(':');
            push_json_string(&mut data_mw, v);
        }
        data_mw.push_str("},");
    }
    if em.foreign_range.is_some() {
        // Made by a transclusion: its source offsets are not the page's.
        data_mw.push_str(&format!(r#""rangeId":"mwa{range_id}"}}"#));
    } else {
        data_mw.push_str(&format!(r#""rangeId":"mwa{range_id}","extendedRange":false,"#));
        offsets(&mut data_mw, em, id);
        data_mw.push('}');
    }
    let r = em.range(id);
    em.void(
        "meta",
        thin_vec![Attr::new("typeof", format!("mw:Annotation/{name}")), Attr::new("data-mw", data_mw), Attr::new(MARKER, "")],
        Some(r),
    );
}

pub(super) fn end(em: &mut Emitter<'_>, id: NodeId, name: &str) {
    let open = {
        let mut st = em.extensions.borrow_mut();
        let i = st.open_annotations.iter().rposition(|r| r.name == name);
        i.map(|i| st.open_annotations.remove(i))
    };
    match open.map(|r| (r.nested, r.range_id)) {
        // No open range: the end tag is text, but only once paragraphs are
        // made: until then it is a marker, as it is to Parsoid, which finds
        // it unmatched when it builds the ranges (`<a></a></a>` alone on a
        // line makes no paragraph).
        None => {
            let r = em.range(id);
            em.void("meta", thin_vec![Attr::new(STRAY_END, em.tree.text(id).to_string())], Some(r));
        }
        Some((true, _)) => {}
        Some((false, range_id)) => {
            // A transclusion's end marker names its range instead.
            let data_mw = if em.foreign_range.is_some() {
                format!(r#"{{"rangeId":"mwa{range_id}"}}"#)
            } else {
                let mut data_mw = String::from("{");
                offsets(&mut data_mw, em, id);
                data_mw.push('}');
                data_mw
            };
            let r = em.range(id);
            em.void(
                "meta",
                thin_vec![Attr::new("typeof", format!("mw:Annotation/{name}/End")), Attr::new("data-mw", data_mw), Attr::new(MARKER, "")],
                Some(r),
            );
        }
    }
}
