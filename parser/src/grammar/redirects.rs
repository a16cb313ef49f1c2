//! `#REDIRECT [[Target]]` at the very start of a page.
//!
//! # Grammar
//! ```text
//! redirect = ws* "#REDIRECT" ws* ":"? ws* wiki_link     ; keyword case-insensitive
//! ```
//! `ws` includes newlines. The rest of the redirect's line starts a line
//! of its own (`#REDIRECT [[A]]==B==` is a redirect and a heading).
//!
//! # Parsoid HTML
//! `<link rel="mw:PageProp/redirect" href="./Target"/>`.
//!
//! # Node kinds
//! `REDIRECT`: `WHITESPACE`, `MARKER` keyword, `WHITESPACE`, optional `MARKER` `:`,
//! `WHITESPACE`, `WIKI_LINK`.

use super::preprocessor::Bracket;
use super::wiki_links;
use crate::parser::Parser;
use crate::SyntaxKind::*;

const KEYWORD: &str = "#redirect";

fn is_ws(c: &u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n')
}

/// The length of the whitespace (newlines too) before `#REDIRECT`.
fn leading_ws_len(p: &Parser<'_>) -> usize {
    p.rest().bytes().take_while(is_ws).count()
}

/// The length of `ws* #REDIRECT ws* :? ws*` when a link with a possible
/// target follows it: not empty, and no tag in it (`[[<nowiki>x</nowiki>]]`
/// makes the line an ordinary list item).
fn prefix_len(p: &Parser<'_>) -> Option<usize> {
    let rest = p.rest();
    let b = rest.as_bytes();
    let lead = leading_ws_len(p);
    if b.len() < lead + KEYWORD.len() || !b[lead..lead + KEYWORD.len()].eq_ignore_ascii_case(KEYWORD.as_bytes()) {
        return None;
    }
    let mut i = lead + KEYWORD.len();
    i += b[i..].iter().take_while(|c| matches!(c, b' ' | b'\t' | b'\n')).count();
    if b.get(i) == Some(&b':') {
        i += 1;
        i += b[i..].iter().take_while(|c| matches!(c, b' ' | b'\t' | b'\n')).count();
    }
    let (close, kind) = p.brackets.get(p.pos + i)?;
    if kind != Bracket::WikiLink {
        return None;
    }
    let inner = &rest[i + 2..close - 2 - p.pos];
    let target = inner.split('|').next().unwrap_or("");
    let tag = target.match_indices('<').any(|(at, _)| !target[at..].starts_with("<!--"));
    (!target.trim().is_empty() && !tag).then_some(i)
}

pub(crate) fn at_redirect(p: &Parser<'_>) -> bool {
    p.pos == 0 && prefix_len(p).is_some()
}

// test redirect
// #REDIRECT [[Foo]]
pub(crate) fn redirect(p: &mut Parser<'_>) {
    let Some(len) = prefix_len(p) else { return };
    let m = p.start(REDIRECT);
    let lead = leading_ws_len(p);
    p.token(WHITESPACE, lead);
    p.token(MARKER, KEYWORD.len());
    let rest = &p.rest()[..len - lead - KEYWORD.len()];
    let ws1 = rest.bytes().take_while(|c| matches!(c, b' ' | b'\t' | b'\n')).count();
    p.token(WHITESPACE, ws1);
    if p.at(":") {
        p.token(MARKER, 1);
        let ws2 = p.rest().bytes().take_while(|c| matches!(c, b' ' | b'\t' | b'\n')).count();
        p.token(WHITESPACE, ws2);
    }
    if let Some((close, _)) = p.brackets.get(p.pos) {
        if !wiki_links::opt_wiki_link(p, close) {
            let n = close - p.pos;
            p.token(TEXT, n);
        }
    }
    m.complete(p, REDIRECT);
}
