//! The Rust half of `wikitext.compat`: one flat table of the syntax nodes
//! the Python builder reads, so a parse crosses into Python once and the
//! builder can walk any subtree without making an object per node; and an
//! index of the table (`SpanIndex`) that makes the builder's walks of it,
//! which cost a Python loop step per row when made in Python.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, Mutex};

use pyo3::prelude::*;

use crate::{run_detached, text_argument, Document};

/// The span table of `compat_spans`: column per field, row per node.
type SpanTable = (Vec<u16>, Vec<usize>, Vec<usize>, Vec<u32>);
/// The span table's columns and its index, as `compat_spans` returns them.
type IndexedSpanTable = (Vec<u16>, Vec<usize>, Vec<usize>, Vec<u32>, SpanIndex);

/// The nodes of `text` whose kind is in `kinds`, in pre-order, as four
/// columns: the index into kinds, the start and end (code-point offsets),
/// and the row after the node's subtree (nesting is by range: a row is
/// inside the nearest earlier row whose range holds it); and a `SpanIndex`
/// of the same rows, whose walks the builder calls instead of making them
/// in Python (`pieces`: whether each kind is a piece of a node, looked
/// through).
#[pyfunction]
pub(crate) fn compat_spans(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    kinds: Vec<String>,
    pieces: Vec<bool>,
) -> PyResult<IndexedSpanTable> {
    let text = text_argument("compat_spans", text)?;
    let (table, self_closing, layouts) = spans(py, text, &kinds)?;
    let start_tag = kinds.iter().position(|kind| kind == "HTML_START_TAG").and_then(|i| u16::try_from(i).ok());
    let index = SpanIndex {
        kinds: table.0.clone(),
        starts: table.1.clone(),
        ends: table.2.clone(),
        nexts: table.3.clone(),
        pieces: pieces.iter().enumerate().filter(|(i, piece)| **piece && *i < 64).fold(0, |mask, (i, _)| mask | 1 << i),
        start_tag,
        self_closing,
        layouts,
        starts_by_kinds: Mutex::new(HashMap::new()),
    };
    Ok((table.0, table.1, table.2, table.3, index))
}

/// The span table of `text`, for each row whether its text ends `/>`, and
/// the layout of each template and link (`template_layouts`, `link_layouts`).
fn spans(py: Python<'_>, text: String, kinds: &[String]) -> PyResult<(SpanTable, Vec<bool>, Vec<usize>)> {
    run_detached(py, "compat_spans", move || {
        let document = Document::new(wikitext::parse(&text));
        let tree = &document.tree;
        let template = kinds.iter().position(|kind| kind == "TEMPLATE").map(|i| u16::try_from(i).unwrap_or(u16::MAX));
        let mut table = SpanTable::default();
        let mut self_closing = Vec::new();
        // Each row's byte range (the table counts code points).
        let mut byte_ranges = Vec::new();
        let mut open: Vec<usize> = Vec::new();
        let mut push = |table: &mut SpanTable, kind: u16, bytes: Range<usize>, closes_itself: bool| {
            let (start, end) = (document.char_offset(bytes.start), document.char_offset(bytes.end));
            self_closing.push(closes_itself);
            byte_ranges.push(bytes);
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
        // The index into `kinds` of each syntax kind, found by name once.
        let mut kind_indexes: Vec<Option<Option<u16>>> = Vec::new();
        for id in tree.descendants(tree.root()) {
            let kind = tree.kind(id);
            let slot = kind as usize;
            if kind_indexes.len() <= slot {
                kind_indexes.resize(slot + 1, None);
            }
            let index = *kind_indexes[slot].get_or_insert_with(|| {
                kinds.iter().position(|name| name == kind.name()).map(|i| u16::try_from(i).unwrap_or(u16::MAX))
            });
            if let Some(index) = index {
                let closes_itself = tree.text(id).chars().rev().nth(1) == Some('/');
                push(&mut table, index, tree.range(id), closes_itself);
            } else if let Some(index) = template.filter(|_| is_table_marker(tree, id)) {
                // A table's `|` written as `{{!}}` is syntax to the parser,
                // but mwparserfromhell reads it as the template it is.
                let start = tree.range(id).start;
                for (at, magic) in tree.text(id).match_indices("{{!}}") {
                    let from = start + at;
                    push(&mut table, index, from..from + magic.len(), false);
                }
            }
        }
        let rows = u32::try_from(table.0.len()).unwrap_or(u32::MAX);
        for row in open {
            table.3[row] = rows;
        }
        let mut layouts = template_layouts(text.as_bytes(), kinds, &table, &byte_ranges);
        link_layouts(text.as_bytes(), kinds, &table, &byte_ranges, &mut layouts);
        (table, self_closing, layouts)
    })
}

/// The layout of a row that is no template or link the builder reads as one.
const NO_LAYOUT: usize = usize::MAX;
/// The layout of a link without a text (`[[Target]]`).
const NO_LINK_TEXT: usize = usize::MAX - 1;

/// For each link row, where its text starts (after its `|`), `NO_LINK_TEXT`
/// if it has none, or `NO_LAYOUT` where mwparserfromhell's Wikilink would
/// not write its source back: it must be `[[...]]`, its text right after a
/// `|`.
fn link_layouts(text: &[u8], kinds: &[String], table: &SpanTable, byte_ranges: &[Range<usize>], layouts: &mut [usize]) {
    let (kinds_column, starts, _, nexts) = table;
    let rows = kinds_column.len();
    let kind = |name: &str| kinds.iter().position(|kind| kind == name).and_then(|i| u16::try_from(i).ok());
    let (Some(link), Some(link_text)) = (kind("WIKI_LINK"), kind("LINK_TEXT")) else {
        return;
    };
    let byte = |offset: usize| text.get(offset).copied();
    let next = |row: usize| nexts.get(row).map_or(rows, |&next| (next as usize).min(rows));
    for row in 0..rows {
        if kinds_column[row] != link {
            continue;
        }
        let Range { start, end } = byte_ranges[row];
        let Some(close) = end.checked_sub(2) else { continue };
        if byte(start) != Some(b'[') || byte(start + 1) != Some(b'[') || byte(close) != Some(b']') || byte(close + 1) != Some(b']') {
            continue;
        }
        let mut child = row + 1;
        while child < next(row) && kinds_column[child] != link_text {
            child = next(child);
        }
        if child >= next(row) {
            layouts[row] = NO_LINK_TEXT;
        } else if byte_ranges[child].start.checked_sub(1).and_then(byte) == Some(b'|') {
            layouts[row] = starts[child];
        }
    }
}

/// For each template row, where its `|` arguments start (its `}}` if it has
/// none), or `NO_LAYOUT` where its arguments would not give back its source
/// as mwparserfromhell's Template writes one: they must be `|` pieces, one
/// after another up to the `}}`, a named one's name right after its `|` and
/// followed by `=`.
fn template_layouts(text: &[u8], kinds: &[String], table: &SpanTable, byte_ranges: &[Range<usize>]) -> Vec<usize> {
    let (kinds_column, starts, ends, nexts) = table;
    let rows = kinds_column.len();
    let mut layouts = vec![NO_LAYOUT; rows];
    let kind = |name: &str| kinds.iter().position(|kind| kind == name).and_then(|i| u16::try_from(i).ok());
    let (Some(template), Some(argument), Some(argument_name)) = (kind("TEMPLATE"), kind("TEMPLATE_ARGUMENT"), kind("ARGUMENT_NAME"))
    else {
        return layouts;
    };
    if !kinds_column.contains(&template) {
        return layouts;
    }
    // The checks read bytes (the characters they look for are ASCII, which
    // is never part of another character in UTF-8); the layout is given in
    // the table's code points.
    let byte = |offset: usize| text.get(offset).copied();
    let next = |row: usize| nexts.get(row).map_or(rows, |&next| (next as usize).min(rows));
    for row in 0..rows {
        if kinds_column[row] != template {
            continue;
        }
        let Range { start, end } = byte_ranges[row];
        let Some(close) = end.checked_sub(2) else { continue };
        if byte(start) != Some(b'{') || byte(start + 1) != Some(b'{') || byte(close) != Some(b'}') || byte(close + 1) != Some(b'}') {
            continue;
        }
        let (mut first_arg, mut cursor, mut readable) = (None, None, true);
        let mut arg = row + 1;
        while arg < next(row) {
            if kinds_column[arg] == argument {
                let arg_start = byte_ranges[arg].start;
                if byte(arg_start) != Some(b'|') || cursor.is_some_and(|cursor| cursor != arg_start) {
                    readable = false;
                    break;
                }
                let mut key = arg + 1;
                while key < next(arg) && kinds_column[key] != argument_name {
                    key = next(key);
                }
                if key < next(arg) && (byte_ranges[key].start != arg_start + 1 || byte(byte_ranges[key].end) != Some(b'=')) {
                    readable = false;
                    break;
                }
                first_arg.get_or_insert(arg);
                cursor = Some(byte_ranges[arg].end);
            }
            arg = next(arg);
        }
        match (readable, first_arg) {
            (true, None) => layouts[row] = ends[row].saturating_sub(2),
            (true, Some(first_arg)) if cursor == Some(close) => layouts[row] = starts[first_arg],
            _ => {}
        }
    }
    layouts
}

/// The span table's walks that the compat builder makes for every Wikicode
/// it builds or searches: made here, they cost no Python per row.
#[pyclass(frozen, module = "wikitext._native")]
pub(crate) struct SpanIndex {
    kinds: Vec<u16>,
    starts: Vec<usize>,
    ends: Vec<usize>,
    nexts: Vec<u32>,
    /// Bit `k` set: kind `k` is a piece of a node (looked through).
    pieces: u64,
    start_tag: Option<u16>,
    /// Whether a row's text ends `/>` (a start tag that closes itself).
    self_closing: Vec<bool>,
    /// Where a template row's arguments start, or a link row's text (see
    /// `template_layouts`, `link_layouts`).
    layouts: Vec<usize>,
    /// The sorted starts of the rows of each set of kinds asked for.
    starts_by_kinds: Mutex<HashMap<u64, Arc<Vec<usize>>>>,
}

impl SpanIndex {
    fn next(&self, row: usize) -> usize {
        self.nexts.get(row).map_or(usize::MAX, |&next| next as usize)
    }

    fn is_piece(&self, row: usize) -> bool {
        self.kinds.get(row).is_some_and(|&kind| kind < 64 && self.pieces & (1 << kind) != 0)
    }

    /// The node rows among `first..stop` inside `[lo, hi]`, looking through
    /// pieces, in order; `visit` gets each that starts at or after the end
    /// of the one before it (the rows the builder reads: an overlapping
    /// row is text of the one before), and stops the walk with `false`.
    fn walk(&self, first: usize, stop: usize, lo: usize, hi: usize, mut visit: impl FnMut(usize) -> bool) {
        let rows = self.kinds.len();
        let top_stop = stop.min(rows);
        // The row after each piece being looked through, outermost first:
        // each is where its piece's rows stop.
        let mut pieces: Vec<usize> = Vec::new();
        let (mut row, mut level_stop) = (first, top_stop);
        let mut cursor = lo;
        loop {
            if row >= level_stop || self.starts[row] > hi {
                let Some(after) = pieces.pop() else { break };
                row = after;
                level_stop = pieces.last().map_or(top_stop, |&outer| outer.min(rows));
                continue;
            }
            let (start, end, after) = (self.starts[row], self.ends[row], self.next(row));
            if end >= lo {
                if self.is_piece(row) {
                    pieces.push(after);
                    row += 1;
                    level_stop = after.min(rows);
                    continue;
                }
                if lo <= start && end <= hi && start >= cursor {
                    cursor = end;
                    if !visit(row) {
                        return;
                    }
                }
            }
            row = after;
        }
    }

    fn kind_starts(&self, kinds: u64) -> Arc<Vec<usize>> {
        let mut cache = self.starts_by_kinds.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        Arc::clone(cache.entry(kinds).or_insert_with(|| {
            Arc::new(
                (0..self.kinds.len())
                    .filter(|&row| self.kinds[row] < 64 && kinds & (1 << self.kinds[row]) != 0)
                    .map(|row| self.starts[row])
                    .collect(),
            )
        }))
    }
}

#[pymethods]
impl SpanIndex {
    /// The rows the builder reads in `[lo, hi]` among `first..stop` (see
    /// `walk`).
    fn flatten(&self, first: usize, stop: usize, lo: usize, hi: usize) -> Vec<usize> {
        let mut rows = Vec::new();
        self.walk(first, stop, lo, hi, |row| {
            rows.push(row);
            true
        });
        rows
    }

    /// Where the arguments of the template at `row` start (its `}}` if it
    /// has none), or None where the builder reads it as text.
    fn template_args_start(&self, row: usize) -> Option<usize> {
        self.layouts.get(row).copied().filter(|&at| at != NO_LAYOUT)
    }

    /// Where the text of the link at `row` starts, -1 if it has none, or -2
    /// where the builder reads it as text.
    fn link_text_start(&self, row: usize) -> isize {
        match self.layouts.get(row).copied() {
            Some(NO_LINK_TEXT) => -1,
            Some(at) if at != NO_LAYOUT => isize::try_from(at).unwrap_or(-2),
            _ => -2,
        }
    }

    /// The rows a typed filter builds in `[lo, hi]`: those whose range
    /// holds the start of a row of a kind in the bit set `kinds`, each
    /// followed by how deep its node sits (`depth` plus the start tags that
    /// do not close themselves before it, counting its own) and by 1 if a
    /// wanted row starts inside it after its own start, else 0 (the filter
    /// need not look inside a node it has just built). None where the walk
    /// cannot tell without building the Wikicode: such a row is a start
    /// tag, or a node would sit `limit` deep.
    #[allow(clippy::too_many_arguments)] // Python's call: one crossing per walk
    fn typed_rows(&self, first: usize, stop: usize, lo: usize, hi: usize, depth: usize, limit: usize, kinds: u64) -> Option<Vec<usize>> {
        let wanted = self.kind_starts(kinds);
        let mut rows = Vec::new();
        let mut node_depth = depth;
        let mut ok = true;
        self.walk(first, stop, lo, hi, |row| {
            let start_tag = Some(self.kinds[row]) == self.start_tag;
            if start_tag && !self.self_closing.get(row).copied().unwrap_or(false) {
                node_depth += 1;
            }
            if node_depth >= limit {
                ok = false;
                return false;
            }
            let (start, end) = (self.starts[row], self.ends[row]);
            let at = wanted.partition_point(|&s| s < start);
            if at == wanted.len() || wanted[at] >= end {
                return true;
            }
            if start_tag {
                ok = false;
                return false;
            }
            let nested = wanted[at] != start || wanted.get(at + 1).is_some_and(|&next| next < end);
            rows.push(row);
            rows.push(node_depth);
            rows.push(usize::from(nested));
            true
        });
        ok.then_some(rows)
    }
}

/// Whether `id` is the syntax of a table, a row, a caption or a cell.
fn is_table_marker(tree: &wikitext::Tree, id: wikitext::NodeId) -> bool {
    use wikitext::SyntaxKind::*;
    tree.kind(id) == MARKER
        && tree.parent(id).is_some_and(|p| matches!(tree.kind(p), TABLE | TABLE_ROW | TABLE_CAPTION | TABLE_CELL | TABLE_HEADER_CELL))
}
