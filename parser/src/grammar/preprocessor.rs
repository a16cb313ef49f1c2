//! Templates `{{..}}`, parameters `{{{..}}}` and language converter `-{..}-`.
//!
//! # Grammar
//! ```text
//! template  = "{{" TEMPLATE_NAME ("|" TEMPLATE_ARGUMENT)* "}}"
//! parameter = "{{{" ARGUMENT_NAME ("|" ARGUMENT_VALUE)* "}}}"
//! argument  = (ARGUMENT_NAME "=")? ARGUMENT_VALUE
//! langconv  = "-{" inline* "}-"     ; "-{" not followed by "{" (converter_open, converter_close)
//! ```
//!
//! # Matching braces in linear time
//! Which `}}` closes which `{{` is decided up front by [`match_brackets`], a
//! single stack-based scan over the page in the manner of MediaWiki's
//! preprocessor: runs of `{` push a piece, runs of `}` close the piece on top
//! (three braces for a parameter, two for a template, the rest left on the
//! stack), `-{` and `}-` (nom's `converter_open` and `converter_close`) open
//! and close language-converter markup, and `[[`/`]]` pairs are tracked so
//! that a `|` inside a link never splits a template argument. The grammar then only looks up the answer, so
//! an unclosed `{{` costs nothing and nothing is ever parsed twice.
//! Comments and extension-tag bodies are opaque to the scan, as they are to
//! the grammar.
//!
//! # Node kinds
//! `TEMPLATE`, `TEMPLATE_NAME`, `TEMPLATE_ARGUMENT`, `ARGUMENT_NAME`,
//! `ARGUMENT_VALUE`, `PARAMETER`, `LANGUAGE_CONVERTER`.

use memchr::memmem;
use nom::bytes::complete::{tag, take_till};
use nom::character::complete::char;
use nom::combinator::{not, verify};
use nom::sequence::terminated;
use nom::Parser as _;

use super::{html_tags, inline, matched, PResult, Stop};
use crate::parser::Parser;
use crate::SyntaxKind::*;

/// What a matched opener opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Bracket {
    Template,
    Parameter,
    WikiLink,
    LanguageConverter,
}

/// For each opener position (of the innermost braces it uses), the end of its
/// closer and what it is. Sorted by opener position.
#[derive(Debug, Default)]
pub(crate) struct BracketMatches {
    opens: Vec<(u32, u32, Bracket)>,
}

impl BracketMatches {
    pub(crate) fn get(&self, pos: usize) -> Option<(usize, Bracket)> {
        let pos = pos as u32;
        self.opens
            .binary_search_by_key(&pos, |e| e.0)
            .ok()
            .map(|i| (self.opens[i].1 as usize, self.opens[i].2))
    }
}

struct Piece {
    open: u8, // b'{', b'[' or b'-'
    /// Position of the first opener byte still unmatched.
    pos: usize,
    count: usize,
    /// Single `[` opened inside this wiki-link piece and not yet closed: a
    /// `]]]` after `[[a|[b]` closes the `[` first (`[b]` is link text).
    singles: usize,
    /// Index of the topmost non-wiki-link piece at or below this one, so
    /// that a closing brace finds its opener past any number of unclosed
    /// `[[` in constant time (walking them each time was quadratic).
    anchor: Option<usize>,
    /// The piece's slots in the output: one per pair it can close, reserved
    /// when it opens, so the output is in opener order without sorting.
    slot: usize,
    slots: usize,
}

/// Push a piece of `count` openers at `pos`, recording the topmost
/// non-wiki-link piece for [`find_open`] and reserving its output slots
/// (a close of 0 marks a slot never filled).
fn push_piece(stack: &mut Vec<Piece>, out: &mut Vec<(u32, u32, Bracket)>, open: u8, pos: usize, count: usize, singles: usize) {
    let anchor = if open == b'[' { stack.last().and_then(|top| top.anchor) } else { Some(stack.len()) };
    let slots = if open == b'{' { count / 2 } else { 1 };
    let slot = out.len();
    out.resize(slot + slots, (0, 0, Bracket::Template));
    stack.push(Piece { open, pos, count, singles, anchor, slot, slots });
}

/// Fill the last free slot of `piece` (its openers close right to left).
fn fill_slot(out: &mut [(u32, u32, Bracket)], piece: &mut Piece, open: usize, close: usize, kind: Bracket) {
    piece.slots -= 1;
    out[piece.slot + piece.slots] = (open as u32, close as u32, kind);
}

/// Whether a single `[` inside a wiki link, followed by `rest`, pairs with
/// a `]` before the link's own `]]`: an external link (`[http://x y]`,
/// `[//x]`) or plain text in brackets (`[meh]`). A `[` followed by markup
/// (`[<nowiki/>a<nowiki>]</nowiki>`) is text, and `]]` closes the link
/// (T374445). The scan stops at the next bracket, so each byte is looked
/// at for one `[` at most.
fn single_takes_closer(rest: &[u8]) -> bool {
    if rest.starts_with(b"//") {
        return true;
    }
    let scheme = rest.iter().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'.' | b'-')).count();
    if scheme > 0 && rest[0].is_ascii_alphabetic() && rest.get(scheme) == Some(&b':') {
        return true;
    }
    let text = rest.iter().take_while(|c| !matches!(c, b'[' | b']' | b'{' | b'}' | b'<' | b'\n' | b'|')).count();
    text > 0 && rest.get(text) == Some(&b']')
}

/// Scan the whole page once and pair up brackets.
pub(crate) fn match_brackets(src: &str, ext_tags: &[String]) -> BracketMatches {
    match_brackets_in(src, 0, src.len(), ext_tags)
}

/// Pair up the brackets of `src[start..end]` on their own (positions stay
/// those of `src`): the body of an extension tag whose body is wikitext,
/// which the page's scan passed over as opaque.
pub(crate) fn match_brackets_in(src: &str, start: usize, end: usize, ext_tags: &[String]) -> BracketMatches {
    let b = &src.as_bytes()[..end];
    let mut stack: Vec<Piece> = Vec::new();
    let mut out: Vec<(u32, u32, Bracket)> = Vec::new();
    let mut i = start;
    // The next positions of the two byte sets, searched again only once the
    // cursor has passed them: searching both afresh each step would rescan
    // the rest of the page whenever one set is rare (quadratic).
    let find_a = |from: usize| memchr::memchr3(b'{', b'}', b'[', &b[from..]).map(|o| from + o);
    // (`-{` is found at its `{`, so hyphens in text cost nothing.)
    let find_b = |from: usize| memchr::memchr2(b']', b'<', &b[from..]).map(|o| from + o);
    let mut next_a = find_a(start);
    let mut next_b = find_b(start);
    // Extension tags known to have no closing tag after a position.
    let mut unclosed: Vec<(String, usize)> = Vec::new();
    while i < b.len() {
        // Where the previous step ended: a `-` before it was consumed.
        let scanned_to = i;
        // Jump to the next byte that matters.
        if next_a.is_some_and(|a| a < i) {
            next_a = find_a(i);
        }
        if next_b.is_some_and(|n| n < i) {
            next_b = find_b(i);
        }
        match next_a.into_iter().chain(next_b).min() {
            Some(n) => i = n,
            None => break,
        }
        match b[i] {
            b'<' => {
                if b[i..].starts_with(b"<!--") {
                    i = match memmem::find(&b[i + 4..], b"-->") {
                        Some(o) => i + 4 + o + 3,
                        None => b.len(),
                    };
                } else if let Some(tag_end) = html_tags::extension_tag_extent(src, i, end, ext_tags, &mut unclosed) {
                    i = tag_end;
                } else {
                    i += 1;
                }
            }
            b'{' => {
                let n = run_len(b, i, b'{');
                if i > scanned_to && b[i - 1] == b'-' && matched(converter_open, &src[i - 1..end]).is_some() {
                    push_piece(&mut stack, &mut out, b'-', i - 1, 1, 0);
                } else if n >= 2 {
                    push_piece(&mut stack, &mut out, b'{', i, n, 0);
                }
                i += n;
            }
            b'[' => {
                let n = run_len(b, i, b'[');
                // A run of 3 is `[[` + `[` (so `[[[Foo]]]` is one link with
                // an invalid target, as Parsoid reads it); 4 is two pairs.
                match n {
                    1 => {
                        if let Some(top) = stack.last_mut().filter(|t| t.open == b'[' && single_takes_closer(&b[i + 1..])) {
                            top.singles += 1;
                        }
                    }
                    2 | 3 => push_piece(&mut stack, &mut out, b'[', i, 2, n - 2),
                    _ => push_piece(&mut stack, &mut out, b'[', i + n - 2, 2, 0),
                }
                i += n;
            }
            b']' => {
                let run = run_len(b, i, b']');
                // Close as many links as the run allows in one go: coming
                // back to the rest of the run after each close would count
                // it again (quadratic on `[[a|` x n then `]]` x n).
                let mut left = run;
                let mut j = i;
                while left >= 2 {
                    let Some(k) = find_open(&stack, b'[') else { break };
                    stack.truncate(k + 1);
                    let mut piece = stack.pop().expect("index from find_open");
                    // Single brackets still open inside the link take their `]` first.
                    let singles = piece.singles.min(left - 2);
                    j += singles + 2;
                    left -= singles + 2;
                    let open = piece.pos;
                    fill_slot(&mut out, &mut piece, open, j, Bracket::WikiLink);
                }
                if left == 1 {
                    if let Some(top) = stack.last_mut().filter(|t| t.open == b'[' && t.singles > 0) {
                        top.singles -= 1;
                    }
                }
                i += run;
            }
            b'}' => {
                if let Some(len) = matched(converter_close, &src[i..end]) {
                    if let Some(k) = find_open(&stack, b'-') {
                        stack.truncate(k + 1);
                        let mut piece = stack.pop().expect("index from find_open");
                        let open = piece.pos;
                        fill_slot(&mut out, &mut piece, open, i + len, Bracket::LanguageConverter);
                        i += len;
                        continue;
                    }
                    i += 1;
                    continue;
                }
                let run = run_len(b, i, b'}');
                let mut n = run;
                let mut j = i;
                while n >= 2 {
                    let Some(k) = find_open(&stack, b'{') else { break };
                    stack.truncate(k + 1);
                    let top = stack.last_mut().expect("index from find_open");
                    let m = if top.count >= 3 && n >= 3 { 3 } else { 2 };
                    let open_pos = top.pos + top.count - m;
                    top.count -= m;
                    j += m;
                    n -= m;
                    let kind = if m == 3 { Bracket::Parameter } else { Bracket::Template };
                    fill_slot(&mut out, top, open_pos, j, kind);
                    if top.count < 2 {
                        stack.pop();
                    }
                }
                // Closers left over are text, but the last may start a
                // converter's `}-` (`-{R|{{x}}}-`: the template takes two).
                i = if n > 0 && run > 1 && b.get(i + run) == Some(&b'-') { i + run - 1 } else { i + run };
            }
            _ => i += 1,
        }
    }
    out.retain(|e| e.1 != 0);
    BracketMatches { opens: out }
}

// test braces_inside_a_link_that_closes
// {{1x|[[Foo|}}]] {{1x|[[Bar}} [[Baz]]
/// The piece a closer of the wanted kind closes. `]]` and `}}` close only
/// the innermost opening, as MediaWiki's preprocessor does: a `[[` still
/// open inside a template keeps its `}}` from closing it (`{{1x|[[Foo}}`
/// is text). A language converter's `}-` may close through wiki-link
/// pieces above it.
fn find_open(stack: &[Piece], open: u8) -> Option<usize> {
    let top = stack.last()?;
    if open == b'[' || open == b'{' {
        return (top.open == open).then(|| stack.len() - 1);
    }
    top.anchor.filter(|&k| stack[k].open == open)
}

fn run_len(b: &[u8], i: usize, c: u8) -> usize {
    b[i..].iter().take_while(|&&x| x == c).count()
}

// test template_simple
// {{foo|a|b=c}}
/// A template or a parameter at `p.pos`, already known to be matched.
pub(crate) fn template_or_parameter(p: &mut Parser<'_>, close: usize, kind: Bracket) {
    let (open_len, node) = match kind {
        Bracket::Parameter => (3, PARAMETER),
        _ => (2, TEMPLATE),
    };
    let m = p.start(node);
    p.token(MARKER, open_len);
    let saved = p.limit;
    p.limit = close - open_len;
    p.depth += 1;
    // The name (or the head of a parser function: `#if:x`).
    let name = p.start(if node == PARAMETER { ARGUMENT_NAME } else { TEMPLATE_NAME });
    inline(p, Stop { pipe: true, ..Stop::NONE });
    name.complete(p, if node == PARAMETER { ARGUMENT_NAME } else { TEMPLATE_NAME });
    while p.at("|") {
        if node == TEMPLATE {
            let arg = p.start(TEMPLATE_ARGUMENT);
            p.token(MARKER, 1);
            let part = p.start(ARGUMENT_VALUE);
            loop {
                inline(p, Stop { pipe: true, equals: true, split_tags: true, ..Stop::NONE });
                // A heading line (`\n== a ==`) inside an argument is no `name=`.
                if p.at("=") && at_heading_line(p) {
                    inline(p, Stop { pipe: true, newline: true, split_tags: true, ..Stop::NONE });
                    continue;
                }
                break;
            }
            if p.at("=") {
                part.complete(p, ARGUMENT_NAME);
                p.token(MARKER, 1);
                let value = p.start(ARGUMENT_VALUE);
                inline(p, Stop { pipe: true, split_tags: true, ..Stop::NONE });
                value.complete(p, ARGUMENT_VALUE);
            } else {
                part.complete(p, ARGUMENT_VALUE);
            }
            arg.complete(p, TEMPLATE_ARGUMENT);
        } else {
            p.token(MARKER, 1);
            let value = p.start(ARGUMENT_VALUE);
            inline(p, Stop { pipe: true, ..Stop::NONE });
            value.complete(p, ARGUMENT_VALUE);
        }
    }
    p.depth -= 1;
    p.limit = saved;
    p.token(MARKER, close - p.pos);
    m.complete(p, node);
}

/// A heading line from its first `=`: the line up to its break, ending
/// (before trailing spaces and tabs) in another `=`.
fn heading_line(input: &str) -> PResult<'_, &str> {
    verify(take_till(|c| c == '\n'), |line: &str| {
        let line = line.trim_end_matches([' ', '\t']);
        line.len() >= 2 && line.ends_with('=')
    })
    .parse(input)
}

/// Whether `p` is at a `=` that starts a heading line: after a line break,
/// with the line (within the current limit) ending in `=` too.
fn at_heading_line(p: &Parser<'_>) -> bool {
    let after_break = p.pos > 0 && p.src.as_bytes()[p.pos - 1] == b'\n';
    after_break && matched(heading_line, &p.src[p.pos..p.limit.max(p.pos)]).is_some()
}

/// The opener of language-converter markup: `-{`, not followed by another
/// `{` (`-{{x}}` is a hyphen and a template).
fn converter_open(input: &str) -> PResult<'_, &str> {
    terminated(tag("-{"), not(char('{'))).parse(input)
}

/// The closer of language-converter markup, `}-`.
fn converter_close(input: &str) -> PResult<'_, &str> {
    tag("}-").parse(input)
}

// test language_converter
// -{zh-hans:a;zh-hant:b}-
/// Language-converter markup at `p.pos`, already known to be matched.
pub(crate) fn language_converter(p: &mut Parser<'_>, close: usize) {
    let m = p.start(LANGUAGE_CONVERTER);
    p.token(MARKER, matched(converter_open, p.rest()).unwrap_or(2));
    let saved = p.limit;
    p.limit = close - 2;
    p.depth += 1;
    inline(p, Stop::NONE);
    p.depth -= 1;
    p.limit = saved;
    p.token(MARKER, close - p.pos);
    m.complete(p, LANGUAGE_CONVERTER);
}
