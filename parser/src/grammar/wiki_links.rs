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
    if target.trim().is_empty() || super::ext_links::starts_with_protocol(p, target) {
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

/// Where the target starting at `from` ends (at `|` or `end`), or `None`
/// when it holds a character no target may hold.
fn target_end(p: &Parser<'_>, from: usize, end: usize) -> Option<usize> {
    let b = p.src.as_bytes();
    let mut i = from;
    while i < end {
        match b[i] {
            b'|' => return Some(i),
            b'\n' | b'[' | b']' => return None,
            b'{' if b[i..end].starts_with(b"{{!}}") => return Some(i),
            b'{' => match p.brackets.get(i) {
                Some((c, Bracket::Template | Bracket::Parameter)) if c <= end => i = c,
                _ => i += 1,
            },
            b'<' if b[i..].starts_with(b"<!--") => {
                i = match memchr::memmem::find(&b[i..end], b"-->") {
                    Some(o) => i + o + 3,
                    None => return None,
                };
            }
            _ => i += 1,
        }
    }
    Some(end)
}
