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
//! `!!` separates cells only on header lines. A cell's content continues
//! over following lines until a line that starts (after spaces) with `|` or
//! `!`, and may hold lists, headings and nested tables.
//!
//! # Parsoid HTML
//! `<table><tbody><tr><td>..</td></tr></tbody></table>`, `<caption>`, `<th>`.
//!
//! # Node kinds
//! `TABLE`, `TABLE_CAPTION`, `TABLE_ROW`, `TABLE_CELL`, `TABLE_HEADER_CELL`,
//! `ATTRIBUTES`.

use nom::character::complete::one_of;
use nom::combinator::{peek, recognize};
use nom::multi::many0_count;
use nom::sequence::terminated;
use nom::Parser as _;

use super::html_tags::{closed_comment, spaces};
use super::{block_content, html_tags, inline, line, matched, PResult, Stop};
use crate::parser::{Marker, Parser};
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

/// Spaces and closed comments, followed by `|` or `!`.
fn table_line_start(input: &str) -> PResult<'_, &str> {
    let prefix = recognize((many0_count((spaces, closed_comment)), spaces));
    terminated(prefix, peek(one_of("|!"))).parse(input)
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
pub(crate) fn table(p: &mut Parser<'_>, ws: usize) {
    let t = p.start(TABLE);
    p.depth += 1;
    p.token(WHITESPACE, ws);
    p.token(MARKER, 2);
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
        if after.starts_with("|}") {
            if let Some(r) = row.take() {
                r.complete(p, TABLE_ROW);
            }
            line_prefix(p, ws);
            p.token(MARKER, 2);
            break;
        } else if after.starts_with("|+") {
            let c = p.start(TABLE_CAPTION);
            line_prefix(p, ws);
            p.token(MARKER, 2);
            cell_body(p, false);
            c.complete(p, TABLE_CAPTION);
        } else if after.starts_with("|-") {
            if let Some(r) = row.take() {
                r.complete(p, TABLE_ROW);
            }
            let r = p.start(TABLE_ROW);
            line_prefix(p, ws);
            let dashes = after[1..].bytes().take_while(|&b| b == b'-').count();
            p.token(MARKER, 1 + dashes);
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
    let mut marker_len = 1;
    loop {
        let c = p.start(kind);
        p.token(MARKER, marker_len);
        let more = cell_body(p, header);
        c.complete(p, kind);
        if !more {
            break;
        }
        marker_len = 2;
    }
}

/// Optional attributes and the content of a cell or caption. Returns true
/// when another cell follows on the same line (`||` or `!!`).
fn cell_body(p: &mut Parser<'_>, header: bool) -> bool {
    let stop = Stop { cell: if header { 2 } else { 1 }, ..Stop::LINE };
    // Parse as content first; a single `|` before the end shows that what
    // came before it were attributes, so parse that part again as such.
    let cp = p.checkpoint();
    inline(p, Stop { pipe: true, ..stop });
    // Text holding a wiki link is never attributes (`|a [[b|c]] |d`).
    if p.at("|") && !p.at("||") && !p.src[cp.1..p.pos].contains("[[") {
        p.rewind(cp);
        let end_saved = p.limit;
        html_tags::attributes(p, Stop { pipe: true, ..stop });
        p.limit = end_saved;
        if p.at("|") && !p.at("||") {
            p.token(MARKER, 1);
        }
        inline(p, stop);
    } else {
        // The content run stopped at a line end or a cell separator; it was content.
        inline(p, stop);
    }
    if p.at("||") || (header && p.at("!!")) {
        return true;
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
    false
}
