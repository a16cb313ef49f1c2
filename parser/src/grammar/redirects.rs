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

use nom::bytes::complete::{tag_no_case, take_while};
use nom::character::complete::char;
use nom::combinator::{opt, recognize};
use nom::Parser as _;

use super::preprocessor::Bracket;
use super::{matched, wiki_links, PResult};
use crate::parser::Parser;
use crate::SyntaxKind::*;

const KEYWORD: &str = "#redirect";

/// Spaces, tabs and newlines.
fn ws(input: &str) -> PResult<'_, &str> {
    take_while(|c| matches!(c, ' ' | '\t' | '\n')).parse(input)
}

/// `ws* #REDIRECT ws* (":" ws*)?`, the keyword case-insensitively (one of
/// the wiki's spellings, when it gives them): the whole length and the
/// keyword's.
fn redirect_prefix(input: &str, words: &[String]) -> Option<(usize, usize)> {
    let lead = matched(ws, input).unwrap_or(0);
    let keyword = keyword_len(&input[lead..], words)?;
    let after = lead + keyword;
    let tail = matched(|i| recognize((ws, opt((char(':'), ws)))).parse(i), &input[after..]).unwrap_or(0);
    Some((after + tail, keyword))
}

/// The length of the redirect keyword `input` starts with: `#REDIRECT` in
/// any case, or with `words` (the wiki's spellings, lower-case) the longest
/// of them that matches, compared case-insensitively.
fn keyword_len(input: &str, words: &[String]) -> Option<usize> {
    if words.is_empty() {
        return matched(tag_no_case(KEYWORD), input);
    }
    words.iter().filter_map(|w| caseless_prefix(input, w)).max()
}

/// The length of the start of `input` that is `word` in another case.
fn caseless_prefix(input: &str, word: &str) -> Option<usize> {
    let mut chars = input.char_indices();
    let mut end = 0;
    for wc in word.chars() {
        let (i, c) = chars.next()?;
        if c != wc && !c.to_lowercase().eq(wc.to_lowercase()) {
            return None;
        }
        end = i + c.len_utf8();
    }
    Some(end)
}

/// The length of the whitespace (newlines too) before `#REDIRECT`.
fn leading_ws_len(p: &Parser<'_>) -> usize {
    matched(ws, p.rest()).unwrap_or(0)
}

/// The length of `ws* #REDIRECT ws* :? ws*` when a link with a possible
/// target follows it: not empty, and no tag in it (`[[<nowiki>x</nowiki>]]`
/// makes the line an ordinary list item).
fn prefix_len(p: &Parser<'_>) -> Option<(usize, usize)> {
    let rest = p.rest();
    let (i, keyword) = redirect_prefix(rest, p.redirect_words)?;
    let (close, kind) = p.brackets.get(p.pos + i)?;
    if kind != Bracket::WikiLink {
        return None;
    }
    let inner = &rest[i + 2..close - 2 - p.pos];
    let target = inner.split('|').next().unwrap_or("");
    let tag = target.match_indices('<').any(|(at, _)| !target[at..].starts_with("<!--"));
    (!target.trim().is_empty() && !tag).then_some((i, keyword))
}

pub(crate) fn at_redirect(p: &Parser<'_>) -> bool {
    p.pos == 0 && prefix_len(p).is_some()
}

// test redirect
// #REDIRECT [[Foo]]
pub(crate) fn redirect(p: &mut Parser<'_>) {
    let Some((len, keyword)) = prefix_len(p) else { return };
    let m = p.start(REDIRECT);
    let lead = leading_ws_len(p);
    p.token(WHITESPACE, lead);
    p.token(MARKER, keyword);
    let rest = &p.rest()[..len - lead - keyword];
    p.token(WHITESPACE, matched(ws, rest).unwrap_or(0));
    if p.at(":") {
        p.token(MARKER, 1);
        p.token(WHITESPACE, matched(ws, p.rest()).unwrap_or(0));
    }
    if let Some((close, _)) = p.brackets.get(p.pos) {
        if !wiki_links::opt_wiki_link(p, close) {
            let n = close - p.pos;
            p.token(TEXT, n);
        }
    }
    m.complete(p, REDIRECT);
}
