//! Magic links: `ISBN 978-0-12-345678-9`, `RFC 1234`, `PMID 1234`.
//!
//! # Grammar
//! ```text
//! isbn = "ISBN" sp+ ("97" [89] [ -]?)? (digit [ -]?){9} [0-9Xx]   ; then a non-word char
//! rfc  = "RFC" sp+ digit+                                          ; then a non-word char
//! pmid = "PMID" sp+ digit+                                         ; then a non-word char
//! sp   = " " | "\t" | "&nbsp;" | "&#160;" | U+00A0
//! ```
//!
//! # Parsoid HTML
//! ISBN: `<a rel="mw:WikiLink" href="./Special:BookSources/...">`; RFC and
//! PMID: `<a rel="mw:ExtLink" class="external mw-magiclink-...">`.
//!
//! # Node kinds
//! `MAGIC_LINK`: one `TEXT` token.

use crate::parser::Parser;
use crate::SyntaxKind::*;

/// The length of the separator run at the start of `s`.
fn spaces_len(s: &str) -> usize {
    let mut n = 0;
    loop {
        let r = &s[n..];
        if r.starts_with(' ') || r.starts_with('\t') {
            n += 1;
        } else if r.starts_with("&nbsp;") {
            n += 6;
        } else if r.starts_with("&#160;") {
            n += 6;
        } else if r.starts_with('\u{a0}') {
            n += 2;
        } else {
            return n;
        }
    }
}

fn is_word_byte(b: Option<&u8>) -> bool {
    b.is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_' || *c >= 0x80)
}

// test magic_link_isbn
// ISBN 978-0-306-40615-7
pub(crate) fn opt_magic_link(p: &mut Parser<'_>) -> bool {
    let rest = p.rest();
    let b = rest.as_bytes();
    let (kw, isbn) = if rest.starts_with("ISBN") {
        (4, true)
    } else if rest.starts_with("RFC") {
        (3, false)
    } else if rest.starts_with("PMID") {
        (4, false)
    } else {
        return false;
    };
    let sp = spaces_len(&rest[kw..]);
    if sp == 0 {
        return false;
    }
    let start = kw + sp;
    let len = if isbn {
        isbn_len(&b[start..])
    } else {
        b[start..].iter().take_while(|c| c.is_ascii_digit()).count()
    };
    if len == 0 || is_word_byte(b.get(start + len)) {
        return false;
    }
    let m = p.start(MAGIC_LINK);
    p.token(TEXT, start + len);
    m.complete(p, MAGIC_LINK);
    true
}

fn isbn_len(b: &[u8]) -> usize {
    let mut i = 0;
    let mut digits = 0;
    // Ten or thirteen digits, the last may be X, separated by single spaces or dashes.
    while i < b.len() {
        let c = b[i];
        let last = matches!(digits, 9 | 12);
        if c.is_ascii_digit() || (last && matches!(c, b'X' | b'x')) {
            digits += 1;
            i += 1;
            if digits == 13 {
                break;
            }
            if matches!(b.get(i), Some(b' ' | b'-')) && b.get(i + 1).is_some_and(|d| d.is_ascii_digit() || matches!(d, b'X' | b'x')) {
                i += 1;
            }
        } else {
            break;
        }
    }
    match digits {
        10 => {
            // Drop a separator that was consumed after the tenth digit.
            let mut end = i;
            while end > 0 && !b[end - 1].is_ascii_alphanumeric() {
                end -= 1;
            }
            end
        }
        13 => i,
        _ => 0,
    }
}
