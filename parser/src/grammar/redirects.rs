//! `#REDIRECT [[Target]]` at the very start of a page.
//!
//! # Grammar
//! ```text
//! redirect = ws* "#REDIRECT" ws* ":"? ws* wiki_link     ; keyword case-insensitive
//! ```
//!
//! # Parsoid HTML
//! `<link rel="mw:PageProp/redirect" href="./Target"/>`.
//!
//! # Node kinds
//! `REDIRECT`: `MARKER` keyword, `WHITESPACE`, optional `MARKER` `:`, `WIKI_LINK`.

use super::preprocessor::Bracket;
use super::wiki_links;
use crate::parser::Parser;
use crate::SyntaxKind::*;

const KEYWORD: &str = "#redirect";

/// The length of `#REDIRECT ws* :? ws*` when a link follows it.
fn prefix_len(p: &Parser<'_>) -> Option<usize> {
    let rest = p.rest();
    let b = rest.as_bytes();
    if b.len() < KEYWORD.len() || !b[..KEYWORD.len()].eq_ignore_ascii_case(KEYWORD.as_bytes()) {
        return None;
    }
    let mut i = KEYWORD.len();
    i += b[i..].iter().take_while(|c| matches!(c, b' ' | b'\t' | b'\n')).count();
    if b.get(i) == Some(&b':') {
        i += 1;
        i += b[i..].iter().take_while(|c| matches!(c, b' ' | b'\t' | b'\n')).count();
    }
    matches!(p.brackets.get(p.pos + i), Some((_, Bracket::WikiLink))).then_some(i)
}

pub(crate) fn at_redirect(p: &Parser<'_>) -> bool {
    p.pos == 0 && prefix_len(p).is_some()
}

// test redirect
// #REDIRECT [[Foo]]
pub(crate) fn redirect(p: &mut Parser<'_>) {
    let Some(len) = prefix_len(p) else { return };
    let m = p.start(REDIRECT);
    p.token(MARKER, KEYWORD.len());
    let rest = &p.rest()[..len - KEYWORD.len()];
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
