//! Tables: `{| ... |}` with captions, rows, data and header cells.
//!
//! # Grammar
//! ```text
//! table   = ws* "{|" ATTRIBUTES EOL (caption | row | cells | line)* (ws* "|}")?
//! caption = ws* "|+" cell_body
//! row     = ws* "|-"+ ATTRIBUTES EOL cells*
//! cells   = ws* ("|" | "!") cell_body (("||" | "!!") cell_body)*
//! cell_body = (ATTRIBUTES "|")? inline (EOL block_line*)?      ; until the next table line
//! ```
//! Cells before the first `|-` sit in a `TABLE_ROW` without a marker.
//! `!!` separates cells only on header lines. Any `|` of this syntax may
//! be written as the magic word `{{!}}` (`{{{!}}` opens a table, `{{!}}-` a
//! row, `{{!}}{{!}}`, `{{!}}|` and `|{{!}}` separate cells, `{{!}}}` closes
//! the table): MediaWiki expands it to `|` before it reads the table, and
//! Parsoid reads it as table syntax with no transclusion. It is then one
//! `MARKER` (with the rest of the syntax it belongs to). A cell's content continues
//! over following lines until a line that starts (after spaces) with `|` or
//! `!`, and may hold lists, headings and nested tables.
//!
//! # Parsoid HTML
//! `<table><tbody><tr><td>..</td></tr></tbody></table>`, `<caption>`, `<th>`.
//!
//! # Node kinds
//! `TABLE`, `TABLE_CAPTION`, `TABLE_ROW`, `TABLE_CELL`, `TABLE_HEADER_CELL`,
//! `ATTRIBUTES`.

use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::character::complete::one_of;
use nom::combinator::{peek, recognize};
use nom::multi::many0_count;
use nom::sequence::terminated;
use nom::Parser as _;

use super::html_tags::{closed_comment, spaces};
use super::preprocessor::Bracket;
use super::{block_content, cell_separator, html_tags, inline, line, matched, table_pipe, PResult, Stop};
use crate::parser::{Marker, Parser, MAX_DEPTH};
use crate::SyntaxKind::*;

/// Whether the line at the cursor is table syntax (`|`, `!`, `|}`, `|-`, `|+`).
pub(crate) fn at_table_line(p: &Parser<'_>) -> bool {
    table_line_prefix(p.rest()).is_some()
}

/// If `line` is a table line, the length of the spaces and comments before
/// its `|` or `!`: Parsoid looks through comments for a table line's start
/// (`<!--c-->|b` starts a cell).
fn table_line_prefix(line: &str) -> Option<usize> {
    matched(table_line_start, line)
}

/// Spaces and closed comments, followed by `|` (or `{{!}}`) or `!`.
fn table_line_start(input: &str) -> PResult<'_, &str> {
    let prefix = recognize((many0_count((spaces, closed_comment)), spaces));
    terminated(prefix, peek(alt((recognize(one_of("|!")), tag("{{!}}"))))).parse(input)
}

/// The length of the table opener after `ws` spaces at the cursor, if the
/// line opens a table: `{|`, or `{` and the template `{{!}}` (`{{{!}}}` is
/// a parameter, no table).
pub(crate) fn table_open(p: &Parser<'_>, ws: usize) -> Option<usize> {
    let after = &p.rest()[ws..];
    if after.starts_with("{|") {
        return Some(2);
    }
    let bang = p.pos + ws + 1;
    (after.starts_with("{{{!}}") && p.brackets.get(bang) == Some((bang + 5, Bracket::Template))).then_some(6)
}

// test table_after_include_directive
// <includeonly>a</includeonly>{|
// |b
// |}
/// A table whose `{|` follows comments and include directives on its line
/// (`<includeonly>a</includeonly>{|`): those pieces, then the table.
/// MediaWiki reads the line without them, so the table starts a line.
/// Returns false, with nothing consumed, when the line is no such table.
pub(crate) fn opt_table_after_invisible_lead(p: &mut Parser<'_>) -> bool {
    let Some(lead) = super::headings::invisible_run(p.rest(), &[], &[]) else { return false };
    let table_at = p.pos + lead;
    let ws = p.src[table_at..].bytes().take_while(|&b| b == b' ' || b == b'\t').count();
    let Some(open) = table_open(p, lead + ws).filter(|_| p.depth < MAX_DEPTH) else { return false };
    while p.pos < table_at {
        let before = p.pos;
        if p.at("<!--") {
            html_tags::comment(p);
        } else if !html_tags::opt_tag(p, Stop::NONE) {
            // Never expected: the piece stays text, so the tree stays lossless.
            p.token(TEXT, 1);
        }
        if p.pos > table_at || p.pos == before {
            // A piece read past the `{|` (never expected): the line goes on as inline content.
            inline(p, Stop::LINE);
            return true;
        }
    }
    table(p, ws, open);
    inline(p, Stop::LINE);
    true
}

/// The spaces and comments before a table line's syntax.
fn line_prefix(p: &mut Parser<'_>, len: usize) {
    let end = p.pos + len;
    while p.pos < end {
        if p.at("<!--") {
            html_tags::comment(p);
        } else {
            let n = p.rest().bytes().take_while(|&b| b == b' ' || b == b'\t').count().max(1);
            p.token(WHITESPACE, n.min(end - p.pos));
        }
    }
}

// test table
// {| class="x"
// |+ cap
// |-
// ! h1 !! h2
// |-
// | a || style="c" | b
// |}
// test table_magic_pipes
// {{{!}} class="x"
// {{!}}- style="a"
// {{!}}a{{!}}{{!}} style="b"{{!}}b{{!}}|c|{{!}}d
// {{!}}}
/// A table whose opener, `open` bytes long, follows `ws` spaces.
pub(crate) fn table(p: &mut Parser<'_>, ws: usize, open: usize) {
    let t = p.start(TABLE);
    p.depth += 1;
    p.token(WHITESPACE, ws);
    p.token(MARKER, open);
    html_tags::attributes(p, Stop::LINE);
    let mut row: Option<Marker> = None;
    loop {
        if p.at("\n") {
            p.token(NEWLINE, 1);
        }
        if p.at_end() {
            break;
        }
        let Some(ws) = table_line_prefix(p.rest()) else {
            // A line between table lines that belongs to no cell (text,
            // a list, a nested table): the renderer fosters it out.
            let before = p.pos;
            line(p, true);
            if p.pos == before && !p.at("\n") && !p.at_end() {
                p.token(TEXT, 1);
            }
            continue;
        };
        let after = &p.rest()[ws..];
        let pipe = table_pipe(after);
        let after_pipe = if pipe == 0 { "" } else { &after[pipe..] };
        if after_pipe.starts_with('}') {
            if let Some(r) = row.take() {
                r.complete(p, TABLE_ROW);
            }
            line_prefix(p, ws);
            p.token(MARKER, pipe + 1);
            break;
        } else if after_pipe.starts_with('+') {
            let c = p.start(TABLE_CAPTION);
            line_prefix(p, ws);
            p.token(MARKER, pipe + 1);
            cell_body(p, false);
            c.complete(p, TABLE_CAPTION);
        } else if after_pipe.starts_with('-') {
            if let Some(r) = row.take() {
                r.complete(p, TABLE_ROW);
            }
            let r = p.start(TABLE_ROW);
            line_prefix(p, ws);
            let dashes = after_pipe.bytes().take_while(|&b| b == b'-').count();
            p.token(MARKER, pipe + dashes);
            html_tags::attributes(p, Stop::LINE);
            row = Some(r);
        } else {
            if row.is_none() {
                row = Some(p.start(TABLE_ROW));
            }
            cells_line(p, ws);
        }
    }
    if let Some(r) = row.take() {
        r.complete(p, TABLE_ROW);
    }
    p.depth -= 1;
    t.complete(p, TABLE);
}

fn cells_line(p: &mut Parser<'_>, ws: usize) {
    line_prefix(p, ws);
    let header = p.at("!");
    let kind = if header { TABLE_HEADER_CELL } else { TABLE_CELL };
    let mut marker_len = if header { 1 } else { table_pipe(p.rest()) };
    loop {
        let c = p.start(kind);
        p.token(MARKER, marker_len);
        let more = cell_body(p, header);
        c.complete(p, kind);
        if more == 0 {
            break;
        }
        marker_len = more;
    }
}

/// Optional attributes and the content of a cell or caption. Returns the
/// length of the separator when another cell follows on the same line
/// (`||` or `!!`), else 0.
fn cell_body(p: &mut Parser<'_>, header: bool) -> usize {
    let stop = Stop { cell: if header { 2 } else { 1 }, ..Stop::LINE };
    // Parse as content first; a single `|` before the end shows that what
    // came before it were attributes, so parse that part again as such.
    let cp = p.checkpoint();
    inline(p, Stop { pipe: true, ..stop });
    let single_pipe = |p: &Parser<'_>| if cell_separator(p.rest()) == 0 { table_pipe(p.rest()) } else { 0 };
    // Text holding a wiki link is never attributes (`|a [[b|c]] |d`).
    if single_pipe(p) != 0 && !p.src[cp.pos..p.pos].contains("[[") {
        // MediaWiki splits the cell at that pipe before it reads the
        // attributes, so they end there, even inside a quoted value
        // (`| a="1|2" b` is `a="1"` and the content `2" b`).
        let end_saved = std::mem::replace(&mut p.limit, p.pos);
        p.rewind(cp);
        html_tags::attributes(p, Stop { pipe: true, ..stop });
        p.limit = end_saved;
        match single_pipe(p) {
            0 => {}
            n => p.token(MARKER, n),
        }
        inline(p, stop);
    } else {
        // The content run stopped at a line end or a cell separator; it was content.
        inline(p, stop);
    }
    match cell_separator(p.rest()) {
        0 if header && p.at("!!") => return 2,
        0 => {}
        n => return n,
    }
    // Content continues on the next lines until a table line. Comments
    // before that line's syntax still belong to this cell.
    if p.at("\n") {
        let next = &p.rest()[1..];
        match table_line_prefix(next) {
            Some(n) => {
                if next[..n].contains("<!--") {
                    p.token(NEWLINE, 1);
                    line_prefix(p, n);
                }
            }
            None if next.is_empty() => {}
            None => {
                p.token(NEWLINE, 1);
                block_content(p, true);
                if let Some(n) = table_line_prefix(p.rest()).filter(|&n| p.rest()[..n].contains("<!--")) {
                    line_prefix(p, n);
                }
            }
        }
    }
    0
}
