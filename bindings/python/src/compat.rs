//! The Rust half of `wikitext.compat`: one flat table of the syntax nodes
//! the Python builder reads, so a parse crosses into Python once and the
//! builder can walk any subtree without making an object per node; and an
//! index of the table (`SpanIndex`) that makes the builder's walks of it,
//! which cost a Python loop step per row when made in Python.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, Mutex};

use pyo3::prelude::*;
use pyo3::types::PyTuple;

use crate::{continuation_bytes, run_detached, text_argument, Document};

/// The span table of `compat_spans`: column per field, row per node.
type SpanTable = (Vec<u16>, Vec<usize>, Vec<usize>, Vec<u32>);
/// The span table's columns and its index, as `compat_spans` returns them.
/// (Tuples, not lists: a tuple of ints leaves the cycle collector's
/// generations at its first collection, where a list is walked, item by
/// item, by every collection while the page is alive.)
type IndexedSpanTable<'py> = (Column<'py>, Column<'py>, Column<'py>, Column<'py>, SpanIndex);
/// One column of the span table, as Python reads it.
type Column<'py> = Bound<'py, PyTuple>;

/// The nodes of `text` whose kind is in `kinds`, in pre-order, as four
/// columns: the index into kinds, the start and end (code-point offsets),
/// and the row after the node's subtree (nesting is by range: a row is
/// inside the nearest earlier row whose range holds it); and a `SpanIndex`
/// of the same rows, whose walks the builder calls instead of making them
/// in Python (`pieces`: whether each kind is a piece of a node, looked
/// through).
#[pyfunction]
pub(crate) fn compat_spans<'py>(
    py: Python<'py>,
    text: &Bound<'_, PyAny>,
    kinds: Vec<String>,
    pieces: Vec<bool>,
) -> PyResult<IndexedSpanTable<'py>> {
    let text = text_argument("compat_spans", text)?;
    let (table, self_closing, layouts, text, byte_ranges) = spans(py, text, &kinds)?;
    let start_tag = kind_index(&kinds, "HTML_START_TAG");
    let columns = (
        PyTuple::new(py, &table.0)?,
        PyTuple::new(py, &table.1)?,
        PyTuple::new(py, &table.2)?,
        PyTuple::new(py, &table.3)?,
    );
    let index = SpanIndex {
        kinds: table.0,
        starts: table.1,
        ends: table.2,
        nexts: table.3,
        pieces: pieces.iter().enumerate().filter(|(i, piece)| **piece && *i < 64).fold(0, |mask, (i, _)| mask | 1 << i),
        start_tag,
        argument: kind_index(&kinds, "TEMPLATE_ARGUMENT"),
        argument_name: kind_index(&kinds, "ARGUMENT_NAME"),
        self_closing,
        layouts,
        starts_by_kinds: Mutex::new(HashMap::new()),
        src: text,
        byte_ranges,
    };
    Ok((columns.0, columns.1, columns.2, columns.3, index))
}

/// `spans`' answer: the table, for each row whether its text ends `/>`, the
/// layouts, the text, and each row's byte range.
type Spans = (SpanTable, Vec<bool>, Vec<usize>, String, Vec<Range<usize>>);

/// The span table of `text`, for each row whether its text ends `/>`, and
/// the layout of each template and link (`template_layouts`, `link_layouts`).
fn spans(py: Python<'_>, text: String, kinds: &[String]) -> PyResult<Spans> {
    run_detached(py, "compat_spans", move || {
        let document = Document::new(wikitext::parse(&text));
        let tree = &document.tree;
        let template = kind_index(kinds, "TEMPLATE");
        let bare_url = kind_index(kinds, "BARE_URL");
        let entity = kind_index(kinds, "ENTITY");
        let url = kind_index(kinds, "URL");
        // The character references of the bare URL being read, pushed as
        // rows after its URL token's (see free_url_range).
        let mut references: Vec<Range<usize>> = Vec::new();
        // The parent of the last bare URL and where the URL ends as
        // mwparserfromhell reads it: a URL beside it before that is its text.
        let mut run_on_url = (None, 0);
        // (Sized for the rows a page usually has, about one per 16 bytes:
        // growing seven columns row by row copied each several times.)
        let rows_hint = text.len() / 16 + 16;
        let mut table: SpanTable = (
            Vec::with_capacity(rows_hint),
            Vec::with_capacity(rows_hint),
            Vec::with_capacity(rows_hint),
            Vec::with_capacity(rows_hint),
        );
        let mut self_closing = Vec::with_capacity(rows_hint);
        // Each row's byte range (the table counts code points).
        let mut byte_ranges = Vec::with_capacity(rows_hint);
        let mut open: Vec<usize> = Vec::new();
        // The last row's start, in bytes and code points (see char_offset_after).
        let mut last_start = (0, 0);
        let mut push = |table: &mut SpanTable, kind: u16, bytes: Range<usize>, closes_itself: bool| {
            let start = document.char_offset_after(last_start, bytes.start);
            last_start = (bytes.start, start);
            let end = document.char_offset_after(last_start, bytes.end);
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
                if Some(index) == bare_url && tree.range(id).start < run_on_url.1 && tree.parent(id) == run_on_url.0 {
                    // A URL in the text a URL runs on into is text, its
                    // references entities.
                    let range = tree.range(id);
                    references = url_references(text.as_bytes(), range);
                    continue;
                }
                let closes_itself = tree.text(id).chars().rev().nth(1) == Some('/');
                let range = if Some(index) == bare_url {
                    let range = free_url_range(tree, id);
                    run_on_url = (tree.parent(id), range.end);
                    range
                } else {
                    tree.range(id)
                };
                let parsed_end = tree.range(id).end;
                if range.end > parsed_end {
                    // The URL's own references, as rows after its URL
                    // token's: the builder reads a URL that runs on from its
                    // rows, not from its text.
                    references = url_references(text.as_bytes(), range.start..parsed_end);
                }
                push(&mut table, index, range, closes_itself);
                if Some(index) == url {
                    if let Some(entity) = entity {
                        for reference in references.drain(..) {
                            push(&mut table, entity, reference, false);
                        }
                    }
                }
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
        let row_bytes = RowBytes { text: text.as_bytes(), table: &table, byte_ranges: &byte_ranges };
        let mut layouts = template_layouts(&row_bytes, kinds);
        link_layouts(&row_bytes, kinds, &mut layouts);
        (table, self_closing, layouts, text, byte_ranges)
    })
}

/// The layout of a row that is no template or link the builder reads as one.
const NO_LAYOUT: usize = usize::MAX;
/// The layout of a link without a text (`[[Target]]`).
const NO_LINK_TEXT: usize = usize::MAX - 1;

/// The index of the kind called `name` in `kinds`, if it is there.
fn kind_index(kinds: &[String], name: &str) -> Option<u16> {
    kinds.iter().position(|kind| kind == name).and_then(|i| u16::try_from(i).ok())
}

/// The rows of a span table being built, read by their bytes: the layout
/// checks read bytes (the characters they look for are ASCII, which is
/// never part of another character in UTF-8) and give offsets in the
/// table's code points.
struct RowBytes<'a> {
    text: &'a [u8],
    table: &'a SpanTable,
    byte_ranges: &'a [Range<usize>],
}

impl RowBytes<'_> {
    fn rows(&self) -> usize {
        self.table.0.len()
    }

    fn byte(&self, offset: usize) -> Option<u8> {
        self.text.get(offset).copied()
    }

    fn next(&self, row: usize) -> usize {
        self.table.3.get(row).map_or(self.rows(), |&next| (next as usize).min(self.rows()))
    }

    /// The first child row of `row` of `kind`.
    fn child(&self, row: usize, kind: u16) -> Option<usize> {
        let mut child = row + 1;
        while child < self.next(row) {
            if self.table.0[child] == kind {
                return Some(child);
            }
            child = self.next(child);
        }
        None
    }

    /// Whether the row's text starts with `open` twice and ends with
    /// `close` twice (`{{`...`}}`, `[[`...`]]`): the byte where the closing
    /// pair starts.
    fn delimited(&self, row: usize, open: u8, close: u8) -> Option<usize> {
        let Range { start, end } = self.byte_ranges[row];
        let closing = end.checked_sub(2)?;
        let delimited = self.byte(start) == Some(open)
            && self.byte(start + 1) == Some(open)
            && self.byte(closing) == Some(close)
            && self.byte(closing + 1) == Some(close);
        delimited.then_some(closing)
    }
}

/// For each link row, where its text starts (after its `|`), `NO_LINK_TEXT`
/// if it has none, or `NO_LAYOUT` where mwparserfromhell's Wikilink would
/// not write its source back: it must be `[[...]]`, its text right after a
/// `|`.
fn link_layouts(rows: &RowBytes<'_>, kinds: &[String], layouts: &mut [usize]) {
    let (Some(link), Some(link_text)) = (kind_index(kinds, "WIKI_LINK"), kind_index(kinds, "LINK_TEXT")) else {
        return;
    };
    for (row, layout) in layouts.iter_mut().enumerate() {
        if rows.table.0.get(row) != Some(&link) || rows.delimited(row, b'[', b']').is_none() {
            continue;
        }
        match rows.child(row, link_text) {
            None => *layout = NO_LINK_TEXT,
            Some(text) if rows.byte_ranges[text].start.checked_sub(1).and_then(|at| rows.byte(at)) == Some(b'|') => {
                *layout = rows.table.1[text];
            }
            Some(_) => {}
        }
    }
}

/// For each template row, where its `|` arguments start (its `}}` if it has
/// none), or `NO_LAYOUT` where its arguments would not give back its source
/// as mwparserfromhell's Template writes one: they must be `|` pieces, one
/// after another up to the `}}`, a named one's name right after its `|` and
/// followed by `=`.
fn template_layouts(rows: &RowBytes<'_>, kinds: &[String]) -> Vec<usize> {
    let (kinds_column, starts, ends, _) = rows.table;
    let mut layouts = vec![NO_LAYOUT; rows.rows()];
    let (Some(template), Some(argument), Some(argument_name)) =
        (kind_index(kinds, "TEMPLATE"), kind_index(kinds, "TEMPLATE_ARGUMENT"), kind_index(kinds, "ARGUMENT_NAME"))
    else {
        return layouts;
    };
    for row in 0..rows.rows() {
        if kinds_column[row] != template {
            continue;
        }
        let Some(close) = rows.delimited(row, b'{', b'}') else { continue };
        let (mut first_arg, mut cursor, mut readable) = (None, None, true);
        let mut arg = row + 1;
        while arg < rows.next(row) {
            if kinds_column[arg] == argument {
                let arg_start = rows.byte_ranges[arg].start;
                let key = rows.child(arg, argument_name).map(|key| &rows.byte_ranges[key]);
                if rows.byte(arg_start) != Some(b'|')
                    || cursor.is_some_and(|cursor| cursor != arg_start)
                    || key.is_some_and(|key| key.start != arg_start + 1 || rows.byte(key.end) != Some(b'='))
                {
                    readable = false;
                    break;
                }
                first_arg.get_or_insert(arg);
                cursor = Some(rows.byte_ranges[arg].end);
            }
            arg = rows.next(arg);
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
    /// The kinds of a template's arguments and of their names.
    argument: Option<u16>,
    argument_name: Option<u16>,
    /// Whether a row's text ends `/>` (a start tag that closes itself).
    self_closing: Vec<bool>,
    /// Where a template row's arguments start, or a link row's text (see
    /// `template_layouts`, `link_layouts`).
    layouts: Vec<usize>,
    /// The sorted starts of the rows of each set of kinds asked for.
    starts_by_kinds: Mutex<HashMap<u64, Arc<Vec<usize>>>>,
    /// The text, and each row's byte range in it: the template edits read
    /// argument texts here instead of making Python strings of them.
    src: String,
    byte_ranges: Vec<Range<usize>>,
}

impl SpanIndex {
    /// The argument rows of the template at `row`, in order.
    fn argument_rows(&self, row: usize) -> Vec<usize> {
        let mut rows = Vec::new();
        let Some(argument) = self.argument else { return rows };
        let mut arg = row + 1;
        while arg < self.next(row).min(self.kinds.len()) {
            if self.kinds[arg] == argument {
                rows.push(arg);
            }
            arg = self.next(arg);
        }
        rows
    }

    /// The name row of the argument row `arg`; None for a positional one.
    fn argument_name_row(&self, arg: usize) -> Option<usize> {
        self.argument_name.and_then(|name| self.child(arg, name))
    }

    /// The name (None for a positional argument) and the value of the
    /// argument row `arg`, as source text.
    fn argument_texts(&self, arg: usize) -> (Option<&str>, &str) {
        let text = |range: Range<usize>| self.src.get(range).unwrap_or("");
        let end = self.byte_ranges[arg].end;
        match self.argument_name_row(arg) {
            Some(name) => {
                let name = &self.byte_ranges[name];
                (Some(text(name.clone())), text(name.end + 1..end))
            }
            None => (None, text(self.byte_ranges[arg].start + 1..end)),
        }
    }

    /// The argument rows among `rows` named `key` (a positional one by its
    /// number among them), in order, each with its value's text.
    fn arguments_named<'a>(&'a self, rows: &'a [usize], key: &'a str) -> impl Iterator<Item = (usize, &'a str)> + 'a {
        let mut position = 0;
        rows.iter().copied().filter(|&arg| arg < self.byte_ranges.len()).filter_map(move |arg| {
            let (name, value) = self.argument_texts(arg);
            let named = match name {
                Some(name) => name.trim_matches(is_python_space) == key,
                None => {
                    position += 1;
                    key == position.to_string()
                }
            };
            named.then_some((arg, value))
        })
    }

    /// Whether one of the argument rows `rows` is named `key` (see
    /// `arguments_named`), with a value that is not blank if `ignore_empty`.
    fn names_argument(&self, rows: &[usize], key: &str, ignore_empty: bool) -> bool {
        self.arguments_named(rows, key)
            .any(|(_, value)| !(ignore_empty && value.trim_matches(is_python_space).is_empty()))
    }

    fn next(&self, row: usize) -> usize {
        self.nexts.get(row).map_or(usize::MAX, |&next| next as usize)
    }

    /// The first child row of `row` of `kind`.
    fn child(&self, row: usize, kind: u16) -> Option<usize> {
        let stop = self.next(row).min(self.kinds.len());
        let mut child = row + 1;
        while child < stop {
            if self.kinds[child] == kind {
                return Some(child);
            }
            child = self.next(child);
        }
        None
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

    /// Where the text may hold a list marker's or a rule's Tag, in code
    /// points, as the builder reads them: each marker of a run of `*#:;`
    /// at a line's start, each `:` after such a run with a `;` in it on
    /// the rest of its line, and each dash of a run of four or more at a
    /// line's start. (The builder bisects it for each stretch of text it
    /// makes; a scan of the page in Python cost a loop step per list item.)
    fn marker_starts(&self) -> Vec<usize> {
        let bytes = self.src.as_bytes();
        let mut out = Vec::new();
        // Code points before `counted` (a line start): the ASCII bytes
        // scanned on a line are one code point each.
        let (mut counted, mut chars) = (0, 0);
        let mut line = 0;
        while line < bytes.len() {
            let line_end = bytes[line..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |at| line + at);
            let run = bytes[line..line_end].iter().take_while(|b| b"*#:;".contains(b)).count();
            let dashes = if run == 0 { bytes[line..line_end].iter().take_while(|&&b| b == b'-').count() } else { 0 };
            if run > 0 || dashes >= 4 {
                chars += line - counted - continuation_bytes(&bytes[counted..line]) as usize;
                counted = line;
                let marks = run.max(dashes);
                out.extend(chars..chars + marks);
                if bytes[line..line + run].contains(&b';') {
                    // The `:` of `; term : definition`, after the run.
                    let mut at = line + run;
                    while let Some(colon) = bytes[at..line_end].iter().position(|&b| b == b':') {
                        let colon = at + colon;
                        chars += colon - counted - continuation_bytes(&bytes[counted..colon]) as usize;
                        counted = colon;
                        out.push(chars);
                        at = colon + 1;
                    }
                }
            }
            line = line_end + 1;
        }
        out
    }

    /// The sorted starts of the rows of the kinds in the bit set `kinds`
    /// (pre-order rows are sorted by start): the builder's `type_starts`,
    /// which cost a Python step per row of the page.
    fn starts_of_kinds<'py>(&self, py: Python<'py>, kinds: u64) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, self.kind_starts(kinds).iter())
    }

    /// `flatten`'s rows of the kinds in the bit set `kinds` only.
    fn flatten_kinds(&self, first: usize, stop: usize, lo: usize, hi: usize, kinds: u64) -> Vec<usize> {
        let mut rows = Vec::new();
        self.walk(first, stop, lo, hi, |row| {
            if self.kinds.get(row).is_some_and(|&kind| kind < 64 && kinds & (1 << kind) != 0) {
                rows.push(row);
            }
            true
        });
        rows
    }

    /// The layout of the template or link at `row` (see `template_layouts`,
    /// `link_layouts`): where a template's arguments start (its `}}` if it
    /// has none) or a link's text starts, -1 for a link without a text,
    /// -2 where the builder reads the row as text.
    fn layout(&self, row: usize) -> isize {
        match self.layouts.get(row).copied() {
            Some(NO_LINK_TEXT) => -1,
            Some(at) if at != NO_LAYOUT => isize::try_from(at).unwrap_or(-2),
            _ => -2,
        }
    }

    /// What `Template.add()` needs to add the keyed parameter `key` to the
    /// unedited template at `row` without building its parameters: None if
    /// an argument already has that name (a positional one is named by its
    /// number); else its argument rows, and the whitespace most of its
    /// keyed arguments put before and after their names and values (None
    /// where no one layout has more than half of them), as the Python
    /// side's `_style` finds it.
    #[allow(clippy::type_complexity)] // Python's tuple
    fn template_add_plan(
        &self,
        row: usize,
        key: &str,
    ) -> Option<(Vec<usize>, Option<String>, Option<String>, Option<String>, Option<String>)> {
        let rows = self.argument_rows(row);
        if self.names_argument(&rows, key, false) {
            return None;
        }
        let (mut name_leads, mut name_trails, mut value_leads, mut value_trails) = (vec![], vec![], vec![], vec![]);
        for &arg in &rows {
            let (Some(name), value) = self.argument_texts(arg) else { continue };
            let (lead, _, trail) = space_around(name);
            name_leads.push(lead);
            name_trails.push(trail);
            let (lead, core, trail) = space_around(value);
            match lead.find('\n') {
                // An empty value's line break ends it; it does not start it.
                Some(at) if core.is_empty() => {
                    value_leads.push(&lead[..at]);
                    value_trails.push(&lead[at..]);
                }
                _ => {
                    value_leads.push(lead);
                    value_trails.push(trail);
                }
            }
        }
        let owned = |values: &[&str]| majority(values).map(str::to_owned);
        Some((rows, owned(&name_leads), owned(&name_trails), owned(&value_leads), owned(&value_trails)))
    }

    /// Whether one of the argument rows `rows` of the template at `row`
    /// (all of them if None) is named `key` (a positional one by its number
    /// among them), with a value that is not blank if `ignore_empty`.
    #[pyo3(signature = (row, rows, key, ignore_empty))]
    fn template_has(&self, row: usize, rows: Option<Vec<usize>>, key: &str, ignore_empty: bool) -> bool {
        let rows = rows.unwrap_or_else(|| self.argument_rows(row));
        self.names_argument(&rows, key, ignore_empty)
    }

    /// The last of the argument rows `rows` of the template at `row` (all
    /// of them if None) named `key` (see `arguments_named`), whether it is
    /// keyed, and how many are so named: what `Template.get()` and `add()`
    /// need, found without building the parameters.
    #[pyo3(signature = (row, rows, key))]
    fn template_last_named(&self, row: usize, rows: Option<Vec<usize>>, key: &str) -> Option<(usize, bool, usize)> {
        let rows = rows.unwrap_or_else(|| self.argument_rows(row));
        let (count, last) = self.arguments_named(&rows, key).fold((0, None), |(count, _), (arg, _)| (count + 1, Some(arg)));
        let arg = last?;
        Some((arg, self.argument_name_row(arg).is_some(), count))
    }

    /// The arguments of the template at `row`, five numbers each: the
    /// argument's row, where its name starts and ends (-1 and -1 for a
    /// positional one) and where its value starts and ends (one call for
    /// what the builder reads of each argument when it edits or builds them).
    fn template_arg_spans(&self, row: usize) -> Vec<isize> {
        let offset = |at: usize| isize::try_from(at).unwrap_or(isize::MAX);
        let mut spans = Vec::new();
        for arg in self.argument_rows(row) {
            let (name_start, name_end, value_start) = match self.argument_name_row(arg) {
                Some(name) => (offset(self.starts[name]), offset(self.ends[name]), self.ends[name] + 1),
                None => (-1, -1, self.starts[arg] + 1),
            };
            spans.extend([offset(arg), name_start, name_end, offset(value_start), offset(self.ends[arg])]);
        }
        spans
    }

    /// The rows a typed filter builds in `[lo, hi]`: those whose range
    /// holds the start of a row of a kind in the bit set `kinds`, each
    /// followed by how deep its node sits (`depth` plus the start tags that
    /// do not close themselves before it, counting its own) and by 1 if a
    /// wanted row starts inside it after its own start, else 0 (the filter
    /// need not look inside a node it has just built), and by its layout
    /// (see `layout`: the builder of its template or link needs no call
    /// for it). None where the walk
    /// cannot tell without building the Wikicode: such a row is a start
    /// tag, or a node would sit `limit` deep.
    #[allow(clippy::too_many_arguments)] // Python's call: one crossing per walk
    fn typed_rows(&self, first: usize, stop: usize, lo: usize, hi: usize, depth: usize, limit: usize, kinds: u64) -> Option<Vec<isize>> {
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
            let signed = |value: usize| isize::try_from(value).unwrap_or(isize::MAX);
            rows.push(signed(row));
            rows.push(signed(node_depth));
            rows.push(isize::from(nested));
            rows.push(self.layout(row));
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

/// The range of the bare URL `id` as mwparserfromhell reads it: the
/// parser's URL, and where a template, a template parameter or a comment
/// follows it (after trailing punctuation, which then is the URL's too),
/// those and the text after them up to a space, a line break, `[`, `]`,
/// `<`, `>`, `"` or `''` (or `|`, `{`, `}`, `=` inside a template or a
/// heading, where they end the URL), without the punctuation that ends
/// it. mwparserfromhell keeps the template inside the link's URL, and
/// reads a URL in that text as text (`spans` drops its row) and a
/// character reference as an entity.
fn free_url_range(tree: &wikitext::Tree, id: wikitext::NodeId) -> Range<usize> {
    use wikitext::SyntaxKind::*;
    let range = tree.range(id);
    let src = tree.src().as_bytes();
    let in_template = std::iter::successors(tree.parent(id), |&p| tree.parent(p))
        .any(|p| matches!(tree.kind(p), TEMPLATE | PARAMETER | HEADING));
    let is_punct = |byte: u8, url: &[u8]| b",;.:!?".contains(&byte) || (byte == b')' && !url.contains(&b'('));
    let ends_url = |at: usize| {
        let byte = src[at];
        matches!(byte, b' ' | b'\n' | b'[' | b']' | b'<' | b'>' | b'"')
            || (byte == b'\'' && src.get(at + 1) == Some(&b'\''))
            || (in_template && matches!(byte, b'|' | b'{' | b'}' | b'='))
    };
    let mut sibling = tree.next_sibling(id);
    // The node that starts at `at`, if one of the kinds a URL runs on into
    // (or a character reference, which a URL holds whole).
    let mut run_on_at = |at: usize| {
        while let Some(node) = sibling {
            let node_range = tree.range(node);
            if node_range.start > at {
                return None;
            }
            sibling = tree.next_sibling(node);
            if node_range.start == at && node_range.end > at {
                return matches!(tree.kind(node), TEMPLATE | PARAMETER | COMMENT | ENTITY).then_some(node_range.end);
            }
        }
        None
    };
    let mut end = range.end;
    // Punctuation the parser left out of the URL is the URL's if a template follows it.
    let mut at = end;
    while at < src.len() && is_punct(src[at], &src[range.start..at]) {
        at += 1;
    }
    let Some(first) = (src[at..].starts_with(b"{{") || src[at..].starts_with(b"<!--")).then(|| run_on_at(at)).flatten() else {
        return range;
    };
    end = first;
    at = first;
    loop {
        if src[at..].starts_with(b"{{") || src[at..].starts_with(b"<!--") || src[at..].starts_with(b"&") {
            if let Some(next) = run_on_at(at) {
                end = next;
                at = next;
                continue;
            }
            // Braces that make no template are the URL's text (a comment
            // is always one: `<` that opens none ends the URL).
        }
        if at >= src.len() || ends_url(at) {
            break;
        }
        at += 1;
        // Only whole characters, and no trailing punctuation, end the URL.
        if src.get(at).is_none_or(|&b| (b & 0xC0) != 0x80) && !is_punct(src[at - 1], &src[range.start..at - 1]) {
            end = at;
        }
    }
    range.start..end
}

/// The character references in the URL `text[url]` (`&amp;`, `&#38;`,
/// `&#x26;`), as byte ranges of `text`, as the builder's `_ENTITY_IN_URL`
/// finds them in a URL's own text.
fn url_references(text: &[u8], url: Range<usize>) -> Vec<Range<usize>> {
    let base = url.start;
    let url = text.get(url).unwrap_or_default();
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(offset) = url[at..].iter().position(|&b| b == b'&') {
        let start = at + offset;
        let body = &url[start + 1..];
        let len = match body {
            [b'#', b'x' | b'X', rest @ ..] => 2 + rest.iter().take_while(|b| b.is_ascii_hexdigit()).count(),
            [b'#', rest @ ..] => 1 + rest.iter().take_while(|b| b.is_ascii_digit()).count(),
            [first, rest @ ..] if first.is_ascii_alphabetic() => 1 + rest.iter().take_while(|b| b.is_ascii_alphanumeric()).count(),
            _ => 0,
        };
        let digits = match body {
            [b'#', b'x' | b'X', ..] => len - 2,
            [b'#', ..] => len - 1,
            _ => len,
        };
        if digits > 0 && body.get(len) == Some(&b';') {
            found.push(base + start..base + start + 1 + len + 1);
            at = start + 1 + len + 1;
        } else {
            at = start + 1;
        }
    }
    found
}

/// Whether Python's `str.strip()` strips `c`: Unicode white space and the
/// four separators `\x1c`..`\x1f`.
fn is_python_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// The value more than half of `values` have, if one does (as the Python
/// side's `_most_common`).
fn majority<'a>(values: &[&'a str]) -> Option<&'a str> {
    let first = *values.first()?;
    if values.iter().filter(|&&value| value == first).count() * 2 > values.len() {
        return Some(first);
    }
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for value in values {
        *counts.entry(value).or_default() += 1;
    }
    counts.into_iter().find(|&(_, count)| count * 2 > values.len()).map(|(value, _)| value)
}

/// The whitespace before and after `text`'s core, as `str.strip()` finds it.
fn space_around(text: &str) -> (&str, &str, &str) {
    let rest = text.trim_start_matches(is_python_space);
    let core = rest.trim_end_matches(is_python_space);
    (&text[..text.len() - rest.len()], core, &rest[core.len()..])
}
