//! The Rust half of `wikitext.compat`: one flat table of the syntax nodes
//! the Python builder reads, so a parse crosses into Python once and the
//! builder can walk any subtree without making an object per node.

use pyo3::prelude::*;

use crate::{run_detached, text_argument, Document};

/// The span table of `compat_spans`: column per field, row per node.
type SpanTable = (Vec<u16>, Vec<usize>, Vec<usize>, Vec<u32>);

/// The nodes of `text` whose kind is in `kinds`, in pre-order, as four
/// columns: the index into kinds, the start and end (code-point offsets),
/// and the row after the node's subtree (nesting is by range: a row is
/// inside the nearest earlier row whose range holds it).
#[pyfunction]
pub(crate) fn compat_spans(py: Python<'_>, text: &Bound<'_, PyAny>, kinds: Vec<String>) -> PyResult<SpanTable> {
    let text = text_argument("compat_spans", text)?;
    run_detached(py, "compat_spans", move || {
        let document = Document::new(wikitext::parse(&text));
        let tree = &document.tree;
        let template = kinds.iter().position(|kind| kind == "TEMPLATE").map(|i| u16::try_from(i).unwrap_or(u16::MAX));
        let mut table = SpanTable::default();
        let mut open: Vec<usize> = Vec::new();
        let mut push = |table: &mut SpanTable, kind: u16, start: usize, end: usize| {
            while let Some(&row) = open.last() {
                if table.1[row] <= start && end <= table.2[row] {
                    break;
                }
                open.pop();
                table.3[row] = u32::try_from(table.0.len()).unwrap_or(u32::MAX);
            }
            open.push(table.0.len());
            table.0.push(kind);
            table.1.push(start);
            table.2.push(end);
            table.3.push(0);
        };
        for id in tree.descendants(tree.root()) {
            let name = tree.kind(id).name();
            if let Some(index) = kinds.iter().position(|kind| kind == name) {
                let range = tree.range(id);
                let index = u16::try_from(index).unwrap_or(u16::MAX);
                push(&mut table, index, document.char_offset(range.start), document.char_offset(range.end));
            } else if let Some(index) = template.filter(|_| is_table_marker(tree, id)) {
                // A table's `|` written as `{{!}}` is syntax to the parser,
                // but mwparserfromhell reads it as the template it is.
                let start = tree.range(id).start;
                for (at, magic) in tree.text(id).match_indices("{{!}}") {
                    let from = start + at;
                    push(&mut table, index, document.char_offset(from), document.char_offset(from + magic.len()));
                }
            }
        }
        let rows = u32::try_from(table.0.len()).unwrap_or(u32::MAX);
        for row in open {
            table.3[row] = rows;
        }
        table
    })
}

/// Whether `id` is the syntax of a table, a row, a caption or a cell.
fn is_table_marker(tree: &wikitext::Tree, id: wikitext::NodeId) -> bool {
    use wikitext::SyntaxKind::*;
    tree.kind(id) == MARKER
        && tree.parent(id).is_some_and(|p| matches!(tree.kind(p), TABLE | TABLE_ROW | TABLE_CAPTION | TABLE_CELL | TABLE_HEADER_CELL))
}
