//! Wiki links: `[[Target]]`, `[[Target|text]]`, `[[File:X.png|thumb|caption]]`.
//!
//! # Grammar
//! ```text
//! wiki_link = "[[" LINK_TARGET ("|" LINK_TEXT)* "]]"
//! ```
//! The target may hold templates and comments but no newline and no `[`,
//! `]`, and may not start with a URL protocol; otherwise the brackets are
//! text. Link trails (`[[a]]s`) depend on
//! the wiki's language, so the renderer takes them from the following text.
//!
//! # Parsoid HTML
//! `<a rel="mw:WikiLink" href="./Target" title="Target">text</a>`; categories
//! become `<link rel="mw:PageProp/Category">`, files `<figure>`/`<span>`
//! with `typeof="mw:File..."`.
//!
//! # Node kinds
//! `WIKI_LINK`: `MARKER` `[[`, `LINK_TARGET`, then per part `MARKER` `|` and
//! `LINK_TEXT`, and `MARKER` `]]`. The first separator may be `{{!}}`.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_until, take_while1};
use nom::combinator::{not, peek, recognize, value};
use nom::multi::fold_many0;
use nom::sequence::preceded;
use nom::Parser as _;

use super::preprocessor::Bracket;
use super::{inline, Stop};
use crate::parser::Parser;
use crate::SyntaxKind::*;

// test wiki_link
// [[Foo|bar]]baz
// test wiki_link_nested_in_caption
// [[File:A.png|thumb|see [[B]]]]
// test wiki_link_caption_bare_url
// [[File:A.png|thumb|see http://example.org ISBN 0123456789]]
/// A wiki link whose `]]` ends at `close`. False when the target is not one.
pub(crate) fn opt_wiki_link(p: &mut Parser<'_>, close: usize) -> bool {
    let inner_end = close - 2;
    let Some(target_end) = target_end(p, p.pos + 2, inner_end) else { return false };
    let target = &p.src[p.pos + 2..target_end];
    // An empty target before `{{!}}` is still read as a link (that bails,
    // its `{{!}}` a pipe's text, as MediaWiki expands it first).
    let pipe_magic_word = p.src[target_end..].starts_with("{{!}}");
    if (target.trim().is_empty() && !pipe_magic_word) || super::ext_links::starts_with_protocol(p, target) {
        return false;
    }
    let m = p.start(WIKI_LINK);
    p.token(MARKER, 2);
    let saved = p.limit;
    p.limit = inner_end;
    p.depth += 1;
    let t = p.start(LINK_TARGET);
    let target_limit = p.limit;
    p.limit = target_end;
    inline(p, Stop::NONE);
    p.limit = target_limit;
    t.complete(p, LINK_TARGET);
    // Bare URLs and magic links in the text are parsed: a file's caption
    // links them; the renderer reads them as text in other links' text.
    // `{{!}}` separates the target from the text as `|` does: MediaWiki
    // expands it before it reads the link (T290526).
    if p.at("{{!}}") {
        p.token(MARKER, 5);
        let part = p.start(LINK_TEXT);
        inline(p, Stop { pipe: true, link_text: true, ..Stop::NONE });
        part.complete(p, LINK_TEXT);
    }
    while p.at("|") {
        p.token(MARKER, 1);
        let part = p.start(LINK_TEXT);
        inline(p, Stop { pipe: true, link_text: true, ..Stop::NONE });
        part.complete(p, LINK_TEXT);
    }
    p.depth -= 1;
    p.limit = saved;
    p.token(MARKER, close - p.pos);
    m.complete(p, WIKI_LINK);
    true
}

// test wiki_link_caption_blocks
// [[File:A.png|thumb|
// ==h==
// ----
// {| class="x" |
// | a || b
// |}
// ]]
/// At a line start in a link's text (a file's caption), a heading, a
/// horizontal rule or a whole table is read as such, as MediaWiki reads
/// them before it splits the link at `|` (the table's `|` split nothing).
/// A table that does not end within the link is text.
pub(crate) fn opt_block_in_link_text(p: &mut Parser<'_>) {
    if p.depth >= crate::parser::MAX_DEPTH {
        return;
    }
    let rest = p.rest();
    let ws = rest.bytes().take_while(|&b| b == b' ' || b == b'\t').count();
    if let Some(open) = super::tables::table_open(p, ws) {
        if p.pos < p.link_table_fail_until {
            return;
        }
        match table_end(p.rest()) {
            Some(len) => {
                let saved = std::mem::replace(&mut p.limit, p.pos + len);
                super::tables::table(p, ws, open);
                p.limit = saved;
            }
            None => p.link_table_fail_until = p.link_table_fail_until.max(p.limit),
        }
        return;
    }
    match rest.as_bytes().first() {
        Some(b'=') => {
            super::headings::opt_heading(p);
        }
        Some(b'-') if rest.starts_with("----") => super::horizontal_rule(p),
        _ => {}
    }
}

/// The length of the table that opens at the start of `text` up to the end
/// of its `|}` line, tables opened on its lines nested in it; `None` when
/// it does not end in `text`.
fn table_end(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut at = 0;
    loop {
        let line_end = memchr::memchr(b'\n', &text.as_bytes()[at..]).map_or(text.len(), |i| at + i);
        let line = text[at..line_end].trim_start_matches([' ', '\t']);
        if line.starts_with("{|") || line.starts_with("{{{!}}") {
            depth += 1;
        } else if line.starts_with("|}") || line.starts_with("{{!}}}") {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                return Some(line_end);
            }
        }
        if line_end == text.len() {
            return None;
        }
        at = line_end + 1;
    }
}

/// Where the target starting at `from` ends (at `|`, `{{!}}` or `end`), or
/// `None` when it holds a character no target may hold (a newline, `[`,
/// `]`) or an unclosed comment.
///
/// The grammar reads bytes, not `&str`: every byte it stops at is ASCII, and
/// over `&str` the same grammar cost 15 M more instructions on the corpus
/// (callgrind, ARCHITECTURE.md "Where the time goes").
fn target_end(p: &Parser<'_>, from: usize, end: usize) -> Option<usize> {
    let input = &p.src.as_bytes()[from..end];
    let (rest, ()) = fold_many0(target_piece(p, end), || (), |(), ()| ()).parse(input).ok()?;
    let stops = rest.is_empty() || rest.starts_with(b"|") || rest.starts_with(b"{{!}}");
    stops.then_some(end - rest.len())
}

/// One piece of a link target whose input ends at `end` in the source:
/// bytes that are neither stops nor openers, a comment, a `<` that opens
/// none, or a `{` with the template or parameter the bracket pass paired
/// from it, if that closes within the target.
fn target_piece<'a>(p: &'a Parser<'_>, end: usize) -> impl nom::Parser<&'a [u8], Output = (), Error = ()> + 'a {
    let plain = take_while1(|b| !matches!(b, b'|' | b'\n' | b'[' | b']' | b'{' | b'<'));
    // `-->` is looked for from the `<!`, so `<!-->` is a closed comment
    // here, as it was before this grammar.
    let comment = preceded(peek(tag(&b"<!--"[..])), recognize((tag(&b"<!"[..]), take_until(&b"-->"[..]), tag(&b"-->"[..]))));
    let lone_lt = preceded(not(tag(&b"<!--"[..])), tag(&b"<"[..]));
    // The bracket table is asked only at a `{`.
    let brace = preceded((peek(tag(&b"{"[..])), not(tag(&b"{{!}}"[..]))), move |input: &'a [u8]| {
        let at = end - input.len();
        match p.brackets.get(at) {
            Some((close, Bracket::Template | Bracket::Parameter)) if close <= end => Ok((&input[close - at..], ())),
            _ => value((), tag(&b"{"[..])).parse(input),
        }
    });
    alt((value((), plain), value((), comment), value((), lone_lt), brace))
}
