//! The Rust half of `wikitext.compat`: one flat list of the syntax nodes
//! the Python builder reads, so a parse crosses into Python once.

use pyo3::prelude::*;

use crate::{run_detached, text_argument, Document};

/// The nodes of `text` whose kind is in `kinds`, in pre-order, as
/// ``(index into kinds, start, end)`` with code-point offsets.
#[pyfunction]
pub(crate) fn compat_spans(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    kinds: Vec<String>,
) -> PyResult<Vec<(u16, usize, usize)>> {
    let text = text_argument("compat_spans", text)?;
    run_detached(py, "compat_spans", move || {
        let document = Document::new(wikitext::parse(&text));
        let tree = &document.tree;
        let template = kinds.iter().position(|kind| kind == "TEMPLATE").map(|i| u16::try_from(i).unwrap_or(u16::MAX));
        let mut spans = Vec::new();
        for id in tree.descendants(tree.root()) {
            let name = tree.kind(id).name();
            if let Some(index) = kinds.iter().position(|kind| kind == name) {
                let range = tree.range(id);
                let index = u16::try_from(index).unwrap_or(u16::MAX);
                spans.push((index, document.char_offset(range.start), document.char_offset(range.end)));
            } else if let Some(index) = template.filter(|_| is_table_marker(tree, id)) {
                // A table's `|` written as `{{!}}` is syntax to the parser,
                // but mwparserfromhell reads it as the template it is.
                let start = tree.range(id).start;
                for (at, magic) in tree.text(id).match_indices("{{!}}") {
                    let from = start + at;
                    spans.push((index, document.char_offset(from), document.char_offset(from + magic.len())));
                }
            }
        }
        spans
    })
}

/// Whether `id` is the syntax of a table, a row, a caption or a cell.
fn is_table_marker(tree: &wikitext::Tree, id: wikitext::NodeId) -> bool {
    use wikitext::SyntaxKind::*;
    tree.kind(id) == MARKER
        && tree.parent(id).is_some_and(|p| matches!(tree.kind(p), TABLE | TABLE_ROW | TABLE_CAPTION | TABLE_CELL | TABLE_HEADER_CELL))
}
