//! Magic links: `ISBN 978-0-12-345678-9`, `RFC 1234`, `PMID 1234`.
//!
//! # Grammar
//! ```text
//! isbn   = "ISBN" sp+ ("97" [89] spdash?)? (digit spdash?){9} [0-9Xx]   ; then a non-word char
//! rfc    = "RFC" sp+ digit+                                              ; then a non-word char
//! pmid   = "PMID" sp+ digit+                                             ; then a non-word char
//! sp     = " " | "\t" | "&nbsp;" | "&#0*160;" | "&#[xX]0*[aA]0;" | Unicode space separator
//! spdash = sp | "-"
//! ```
//! The keyword must start a word (the character before it is not a letter
//! or digit, Unicode-wise), and the links are not made inside link text.
//!
//! # Parsoid HTML
//! ISBN: `<a rel="mw:WikiLink" href="./Special:BookSources/...">`; RFC and
//! PMID: `<a rel="mw:ExtLink" class="external mw-magiclink mw-magiclink-...">`.
//! Entity separators stay `mw:Entity` spans inside the link.
//!
//! # Node kinds
//! `MAGIC_LINK`: `TEXT` tokens, with an `ENTITY` node for each entity separator.

use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case, take_while};
use nom::character::complete::{char, digit1, one_of};
use nom::combinator::{recognize, value};
use nom::sequence::preceded;
use nom::Parser as _;

use super::{html_tags, matched, PResult};
use crate::parser::Parser;
use crate::SyntaxKind::*;

/// The length of one separator at the start of `s`, and whether it is an entity.
fn separator_len(s: &str) -> Option<(usize, bool)> {
    let b = s.as_bytes();
    match b.first()? {
        b' ' | b'\t' => Some((1, false)),
        b'&' => matched(nbsp_entity, s).map(|n| (n, true)),
        0x80.. => {
            let c = s.chars().next()?;
            is_space_separator(c).then(|| (c.len_utf8(), false))
        }
        _ => None,
    }
}

/// Unicode's space separators (category Zs) other than the ASCII space.
pub fn is_space_separator(c: char) -> bool {
    matches!(c, '\u{a0}' | '\u{1680}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}')
}

/// `&nbsp;`, `&#160;`, `&#0160;`, `&#xA0;`, `&#Xa0;` ...: an entity for U+00A0.
fn nbsp_entity(input: &str) -> PResult<'_, &str> {
    let zeros = || take_while(|c| c == '0');
    let hex = preceded((one_of("xX"), zeros()), tag_no_case("a0"));
    let decimal = preceded(zeros(), tag("160"));
    alt((tag("&nbsp;"), recognize((tag("&#"), alt((hex, decimal)), char(';'))))).parse(input)
}

/// The magic link keyword: `ISBN` (true) or `RFC`, `PMID`.
/// Which magic link a keyword starts.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Isbn,
    Rfc,
    Pmid,
}

fn keyword(input: &str) -> PResult<'_, Kind> {
    alt((value(Kind::Isbn, tag("ISBN")), value(Kind::Rfc, tag("RFC")), value(Kind::Pmid, tag("PMID")))).parse(input)
}

fn is_word_char(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// Whether the character before `pos` lets a word start at `pos`.
pub(crate) fn at_unicode_word_start(src: &str, pos: usize) -> bool {
    // An ASCII byte before is the whole character: no decoding needed.
    if let Some(&c) = pos.checked_sub(1).and_then(|i| src.as_bytes().get(i)) {
        if c.is_ascii() {
            return !(c.is_ascii_alphanumeric() || c == b'_');
        }
    }
    src[..pos].chars().next_back().is_none_or(|c| !(c.is_alphanumeric() || c == '_'))
}

/// A piece of a magic link: plain text or an entity separator.
#[derive(Clone, Copy)]
struct Piece {
    len: usize,
    entity: bool,
}

struct Scan<'a> {
    s: &'a str,
    i: usize,
    pieces: Vec<Piece>,
}

impl Scan<'_> {
    fn push(&mut self, len: usize, entity: bool) {
        match self.pieces.last_mut() {
            Some(last) if !entity && !last.entity => last.len += len,
            _ => self.pieces.push(Piece { len, entity }),
        }
        self.i += len;
    }

    fn at_digit(&self) -> bool {
        self.s.as_bytes().get(self.i).is_some_and(u8::is_ascii_digit)
    }

    /// Take one separator (or `-` when `dash`) if what follows it satisfies `next`.
    fn opt_separator(&mut self, dash: bool, next: impl Fn(u8) -> bool) {
        let rest = &self.s[self.i..];
        let sep = if dash && rest.starts_with('-') { Some((1, false)) } else { separator_len(rest) };
        if let Some((n, entity)) = sep {
            if rest.as_bytes().get(n).is_some_and(|&c| next(c)) {
                self.push(n, entity);
            }
        }
    }
}

/// Whether `b` starts with a magic link's keyword.
pub(crate) fn may_start(b: &[u8]) -> bool {
    b.starts_with(b"ISBN") || b.starts_with(b"RFC") || b.starts_with(b"PMID")
}

// test magic_link_isbn
// ISBN 978-0-306-40615-7
// test magic_link_nbsp
// RFC&nbsp;822
pub(crate) fn opt_magic_link(p: &mut Parser<'_>) -> bool {
    let rest = p.rest();
    let Ok((after, kind)) = keyword(rest) else { return false };
    let enabled = match kind {
        Kind::Isbn => p.magic_links.isbn,
        Kind::Rfc => p.magic_links.rfc,
        Kind::Pmid => p.magic_links.pmid,
    };
    let isbn = kind == Kind::Isbn;
    let kw = rest.len() - after.len();
    if !enabled || p.in_link_text > 0 || !at_unicode_word_start(p.src, p.pos) {
        return false;
    }
    let mut scan = Scan { s: rest, i: 0, pieces: Vec::new() };
    scan.push(kw, false);
    while let Some((n, entity)) = separator_len(&rest[scan.i..]) {
        scan.push(n, entity);
    }
    if scan.i == kw {
        return false;
    }
    let ok = if isbn {
        // Pieces merge as they grow, so a retry restarts from a saved copy.
        let (start, pieces) = (scan.i, scan.pieces.clone());
        isbn_number(&mut scan, true) || {
            scan.i = start;
            scan.pieces = pieces;
            isbn_number(&mut scan, false)
        }
    } else {
        let n = matched(digit1::<_, ()>, &rest[scan.i..]);
        if let Some(n) = n {
            scan.push(n, false);
        }
        n.is_some()
    };
    if !ok || is_word_char(&rest[scan.i..]) {
        return false;
    }
    let m = p.start(MAGIC_LINK);
    for piece in scan.pieces {
        if piece.entity {
            let found = html_tags::opt_entity(p);
            debug_assert!(found, "a separator entity is an entity");
        } else {
            p.token(TEXT, piece.len);
        }
    }
    m.complete(p, MAGIC_LINK);
    true
}

/// An ISBN's number: thirteen digits with the `97[89]` prefix, or ten.
/// Scans forward only; `false` leaves the scan to be reset.
fn isbn_number(scan: &mut Scan<'_>, with_prefix: bool) -> bool {
    let is_isbn_char = |c: u8| c.is_ascii_digit() || c == b'X' || c == b'x';
    if with_prefix {
        let b = scan.s.as_bytes();
        if !(b[scan.i..].starts_with(b"978") || b[scan.i..].starts_with(b"979")) {
            return false;
        }
        scan.push(3, false);
        scan.opt_separator(true, |c| c.is_ascii_digit());
    }
    for k in 0..9 {
        if !scan.at_digit() {
            return false;
        }
        scan.push(1, false);
        if k < 8 {
            scan.opt_separator(true, |c| c.is_ascii_digit());
        } else {
            scan.opt_separator(true, is_isbn_char);
        }
    }
    if !scan.s.as_bytes().get(scan.i).is_some_and(|&c| is_isbn_char(c)) {
        return false;
    }
    scan.push(1, false);
    true
}
