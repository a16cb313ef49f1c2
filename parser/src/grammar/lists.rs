//! List items and definition lists: lines starting with `*`, `#`, `:`, `;`.
//!
//! # Grammar
//! ```text
//! list_item = comment* [*#:;]+ (sol_space table)? inline (":" inline)? EOL   ; the ":" split only when the last bullet is ";"
//! sol_space = ([ \t] | comment)*                  ; on the item's line
//! ```
//! A table right after the bullets (`:{|`, the "indented table" idiom)
//! belongs to the item, however many lines it spans.
//! Nesting (which `<ul>`/`<ol>`/`<dl>` each item opens or continues) is
//! decided by the renderer from consecutive items' bullets, as Parsoid's
//! list handler does.
//!
//! # Parsoid HTML
//! `*a` → `<ul><li>a</li></ul>`; `;t:d` → `<dl><dt>t</dt><dd>d</dd></dl>`.
//!
//! # Node kinds
//! `LIST_ITEM`: `MARKER` (the bullets), inline nodes, and for `;t:d` a
//! `MARKER` `:` before the definition.

use super::{html_tags, inline, tables, Stop};
use crate::parser::MAX_DEPTH;
use crate::parser::Parser;
use crate::SyntaxKind::*;

// test list_item
// *# a
// test definition_list
// ;term:def
pub(crate) fn list_item(p: &mut Parser<'_>) {
    let m = p.start(LIST_ITEM);
    while p.at("<!--") {
        html_tags::comment(p);
    }
    let bullets = p.rest().bytes().take_while(|b| matches!(b, b'*' | b'#' | b':' | b';')).count();
    let dt = p.rest().as_bytes()[bullets - 1] == b';';
    p.token(MARKER, bullets);
    if let Some(spans) = table_start(p.rest()).filter(|_| p.depth < MAX_DEPTH) {
        for (comment, len) in spans {
            if comment {
                html_tags::comment(p);
            } else {
                p.token(WHITESPACE, len);
            }
        }
        let ws = p.rest().bytes().take_while(|&b| b == b' ' || b == b'\t').count();
        tables::table(p, ws);
        inline(p, Stop::LINE);
    } else if dt {
        inline(p, Stop { colon: true, ..Stop::LINE });
        if p.at(":") {
            p.token(MARKER, 1);
            inline(p, Stop::LINE);
        }
    } else {
        inline(p, Stop::LINE);
    }
    m.complete(p, LIST_ITEM);
}

/// Whether the line is comments (closed on this line) and then a bullet.
pub(crate) fn at_commented_list_item(rest: &str) -> bool {
    let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let mut at = 0;
    while line[at..].starts_with("<!--") {
        match line[at + 4..].find("-->") {
            Some(o) => at += 4 + o + 3,
            None => return false,
        }
    }
    at > 0 && matches!(line.as_bytes().get(at), Some(b'*' | b'#' | b':' | b';'))
}

/// When `rest` (after the bullets) is spaces, tabs and comments on this
/// line and then `{|`: those leading pieces (`true` for a comment, with
/// their lengths), the last run of spaces left for the table itself.
fn table_start(rest: &str) -> Option<Vec<(bool, usize)>> {
    let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let mut spans = Vec::new();
    let mut at = 0;
    loop {
        let ws = line[at..].bytes().take_while(|&b| b == b' ' || b == b'\t').count();
        if line[at + ws..].starts_with("{|") {
            return Some(spans);
        }
        if !line[at + ws..].starts_with("<!--") {
            return None;
        }
        let end = line[at + ws + 4..].find("-->")? + at + ws + 4 + 3;
        if ws > 0 {
            spans.push((false, ws));
        }
        spans.push((true, end - at - ws));
        at = end;
    }
}
