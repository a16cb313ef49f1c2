//! Headings: `== Title ==` on a line of their own.
//!
//! # Grammar
//! ```text
//! heading = "="{n} inline "="{m} (ws | comment)* EOL     ; level = min(n, m, 6)
//! ```
//! Extra `=` on either side belong to the title (`=== a ==` is a level-2
//! heading titled `= a`). A line of only `=` signs of length n ≥ 3 is a
//! heading of level (n-1)/2 whose title is the middle `=`s.
//!
//! # Parsoid HTML
//! `<h2 id="Title">Title</h2>`, ids from the anchor encoding of the text.
//!
//! # Node kinds
//! `HEADING`: `MARKER` (opening `=`s), the title's inline nodes, `MARKER`
//! (closing `=`s), then trailing `WHITESPACE`/`COMMENT`.

use nom::bytes::complete::take_while;
use nom::Parser as _;

use super::{html_tags, inline, matched, PResult, Stop};

/// A run of `=`.
fn equals(input: &str) -> PResult<'_, &str> {
    take_while(|c| c == '=').parse(input)
}

/// Trailing spaces, tabs and carriage returns.
fn trailing_spaces(input: &str) -> PResult<'_, &str> {
    take_while(|c| matches!(c, ' ' | '\t' | '\r')).parse(input)
}
use crate::parser::Parser;
use crate::SyntaxKind::*;

// test heading
// == a ==
// test heading_unbalanced
// === a ==
// test heading_trailing_comment
// == a == <!-- c -->
// test heading_multiline_trailing_comment
// === <!--
// --> <!-- -->
pub(crate) fn opt_heading(p: &mut Parser<'_>) -> bool {
    let rest = p.rest();
    let line_len = line_len_with_comments(rest);
    let line = &rest[..line_len];
    let content_end = strip_trailing_trivia(line);
    let body = &line[..content_end];
    let lead = matched(equals, body).unwrap_or(0);
    let trail = body.bytes().rev().take_while(|&b| b == b'=').count();
    let level = if lead == body.len() {
        if body.len() < 3 {
            return false;
        }
        ((body.len() - 1) / 2).min(6)
    } else {
        lead.min(trail).min(6)
    };
    if level == 0 {
        return false;
    }
    let start = p.pos;
    let m = p.start(HEADING);
    p.token(MARKER, level);
    let saved = p.limit;
    p.limit = start + content_end - level;
    inline(p, Stop::NONE);
    p.limit = saved;
    p.token(MARKER, level);
    // Trailing spaces and comments.
    let line_end = start + line_len;
    while p.pos < line_end {
        if p.at("<!--") {
            html_tags::comment(p);
        } else {
            let n = matched(trailing_spaces, p.rest()).unwrap_or(0).max(1);
            p.token(WHITESPACE, n.min(line_end - p.pos));
        }
    }
    m.complete(p, HEADING);
    true
}

/// The length of the line at the start of `rest`, where a comment that
/// opens on the line extends it to the line where the comment closes
/// (`=== <!--\n-->` is a heading).
fn line_len_with_comments(rest: &str) -> usize {
    let b = rest.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match memchr::memchr2(b'\n', b'<', &b[i..]) {
            None => return b.len(),
            Some(o) if b[i + o] == b'\n' => return i + o,
            Some(o) => {
                i += o;
                if b[i..].starts_with(b"<!--") {
                    i = match memchr::memmem::find(&b[i + 4..], b"-->") {
                        Some(e) => i + 4 + e + 3,
                        None => b.len(),
                    };
                } else {
                    i += 1;
                }
            }
        }
    }
    b.len()
}

/// The length of `line` without trailing spaces, tabs and comments.
fn strip_trailing_trivia(line: &str) -> usize {
    let mut end = line.len();
    loop {
        let trimmed = line[..end].trim_end_matches([' ', '\t', '\r']).len();
        end = trimmed;
        if line[..end].ends_with("-->") {
            if let Some(open) = line[..end - 3].rfind("<!--") {
                // Only a comment that does not contain another `-->` is trailing trivia.
                if !line[open + 4..end - 3].contains("-->") {
                    end = open;
                    continue;
                }
            }
        }
        break end;
    }
}
