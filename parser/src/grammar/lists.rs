//! List items and definition lists: lines starting with `*`, `#`, `:`, `;`.
//!
//! # Grammar
//! ```text
//! list_item = (comment | include_directive)* [*#:;]+ (sol_space table)? inline (":" inline)? EOL   ; the ":" split only when the last bullet is ";"
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

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while1};
use nom::character::complete::one_of;
use nom::combinator::peek;
use nom::multi::{fold_many0, many1_count};
use nom::sequence::terminated;
use nom::Parser as _;

use super::headings::invisible_piece;
use super::html_tags::{closed_comment, spaces};
use super::{html_tags, inline, inline_one, matched, tables, PResult, Stop};
use crate::parser::MAX_DEPTH;
use crate::parser::Parser;
use crate::SyntaxKind::*;

// test list_item
// *# a
// test list_item_after_include_directive
// </noinclude><!-- c -->*a
// test definition_list
// ;term:def
pub(crate) fn list_item(p: &mut Parser<'_>) {
    let m = p.start(LIST_ITEM);
    // Comments and include directives before the bullets show nothing.
    while let Some(len) = matched(invisible_piece, p.rest()) {
        let end = p.pos + len;
        if p.at("<!--") {
            html_tags::comment(p);
        } else if !html_tags::opt_tag(p, Stop::NONE) || p.pos != end {
            // Never expected: the piece stays text, so the tree stays lossless.
            if p.pos < end {
                p.token(TEXT, end - p.pos);
            }
        }
    }
    let bullets = matched(bullets, p.rest()).unwrap_or(0);
    if bullets == 0 {
        // Never expected (the line was checked for its bullets).
        inline(p, Stop::LINE);
        m.complete(p, LIST_ITEM);
        return;
    }
    let dt = p.rest().as_bytes()[bullets - 1] == b';';
    p.token(MARKER, bullets);
    // The table's opener (`{|`, or `{{{!}}`), after the leading pieces.
    let table = table_start(p.rest()).filter(|_| p.depth < MAX_DEPTH).and_then(|spans| {
        let lead: usize = spans.iter().map(|&(_, len)| len).sum();
        let ws = p.rest()[lead..].bytes().take_while(|&b| b == b' ' || b == b'\t').count();
        tables::table_open(p, lead + ws).map(|open| (spans, open))
    });
    if let Some((spans, open)) = table {
        for (comment, len) in spans {
            if comment {
                html_tags::comment(p);
            } else {
                p.token(WHITESPACE, len);
            }
        }
        let ws = p.rest().bytes().take_while(|&b| b == b' ' || b == b'\t').count();
        tables::table(p, ws, open);
        inline(p, Stop::LINE);
    } else if dt {
        term(p);
        if p.at(":") {
            p.token(MARKER, 1);
            inline(p, Stop::LINE);
        }
    } else {
        inline(p, Stop::LINE);
    }
    m.complete(p, LIST_ITEM);
}

/// A `;` item's term: inline content up to the first `:` outside an HTML
/// tag opened on this line (`;a <b>x:y</b>:def` keeps `x:y` in the term)
/// and outside bold or italic quotes (`;'''1:00''':def`): MediaWiki turns
/// quotes into `<b>` and `<i>` before it looks for the colon, so they nest
/// like tags.
fn term(p: &mut Parser<'_>) {
    let stop = Stop { colon: true, ..Stop::LINE };
    let mut open_tags = 0usize;
    let mut quotes = OpenQuotes::default();
    while !p.at_end() && !Stop::LINE.stops_at(p.rest()) {
        if open_tags == 0 && !quotes.any() && p.at(":") {
            break;
        }
        let before = p.checkpoint();
        if p.at(":") {
            p.token(TEXT, 1);
            continue;
        }
        if p.at("''") {
            quotes.toggle(p.rest().bytes().take_while(|&b| b == b'\'').count());
        }
        inline_one(p, stop);
        let Some(kind) = p.builder.node_kind_at(before.next_node()) else { continue };
        let consumed = &p.src[before.pos..p.pos];
        if kind == HTML_START_TAG && !consumed.ends_with("/>") && !is_void_tag(consumed) {
            open_tags += 1;
        } else if kind == HTML_END_TAG {
            open_tags = open_tags.saturating_sub(1);
        }
    }
}

/// Which of bold and italic a term's quotes have left open, read a run at
/// a time as MediaWiki reads them: `''` italic, `'''` bold, `''''` an
/// apostrophe and bold, five or more (the extra ones text) both. A `'''`
/// that the line's odd counts would make an apostrophe and italic is not
/// foreseen: the term ends before the line's counts are known.
#[derive(Default)]
struct OpenQuotes {
    bold: bool,
    italic: bool,
}

impl OpenQuotes {
    fn toggle(&mut self, run: usize) {
        match run {
            2 => self.italic = !self.italic,
            3 | 4 => self.bold = !self.bold,
            _ => {
                self.bold = !self.bold;
                self.italic = !self.italic;
            }
        }
    }

    fn any(&self) -> bool {
        self.bold || self.italic
    }
}

/// Whether a start tag's source names a void element.
fn is_void_tag(tag: &str) -> bool {
    let name: String = tag[1..].chars().take_while(char::is_ascii_alphanumeric).collect();
    crate::is_void_element(&name)
}

/// A list item's bullets.
fn bullets(input: &str) -> PResult<'_, &str> {
    take_while1(|c| matches!(c, '*' | '#' | ':' | ';')).parse(input)
}

/// Whether the line is comments (closed on this line) or include
/// directives and then a bullet.
pub(crate) fn at_commented_list_item(rest: &str) -> bool {
    let line = &rest[..memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len())];
    (many1_count(invisible_piece), one_of::<_, _, ()>("*#:;")).parse(line).is_ok()
}

/// When `rest` (after the bullets) is spaces, tabs and comments on this
/// line and then `{|` (or `{{{!}}`): those leading pieces (`true` for a comment, with
/// their lengths), the last run of spaces left for the table itself.
fn table_start(rest: &str) -> Option<Vec<(bool, usize)>> {
    let line = &rest[..memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len())];
    // Folded into a vector that allocates only when there is a comment.
    let pieces = fold_many0((spaces, closed_comment), Vec::new, |mut spans, (ws, comment): (&str, &str)| {
        if !ws.is_empty() {
            spans.push((false, ws.len()));
        }
        spans.push((true, comment.len()));
        spans
    });
    let (_, spans) = terminated(pieces, (spaces, peek(alt((tag("{|"), tag("{{{!}}")))))).parse(line).ok()?;
    Some(spans)
}
