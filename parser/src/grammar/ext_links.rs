//! External links: `[http://example.org text]`, `[http://example.org]`, and
//! bare URLs in running text.
//!
//! # Grammar
//! ```text
//! ext_link = "[" URL ws* EXTERNAL_LINK_TEXT? "]"        ; on one line
//! bare_url = PROTOCOL url_char+                          ; at a word start, not "//"
//! url_char = [^ \t\n\[\]<>"{}|]  minus trailing [.,;:!?] and an unbalanced ")"
//! ```
//!
//! # Parsoid HTML
//! `<a rel="mw:ExtLink" class="external text" href="...">text</a>`;
//! `class="external autonumber"` with `[1]` when there is no text;
//! `class="external free"` for bare URLs.
//!
//! # Node kinds
//! `EXTERNAL_LINK`: `MARKER` `[`, `URL`, `WHITESPACE`, `EXTERNAL_LINK_TEXT`,
//! `MARKER` `]`. `BARE_URL`: one `URL` token.

use super::{inline, Stop};
use crate::parser::Parser;
use crate::SyntaxKind::*;

/// The length of the protocol at the start of `s`, case-insensitively.
fn protocol_len(p: &Parser<'_>, s: &str, allow_relative: bool) -> Option<usize> {
    let b = s.as_bytes();
    p.url_protocols
        .iter()
        .filter(|proto| allow_relative || proto.as_str() != "//")
        .find(|proto| b.len() >= proto.len() && b[..proto.len()].eq_ignore_ascii_case(proto.as_bytes()))
        .map(String::len)
}

fn is_url_byte(c: u8) -> bool {
    !matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'[' | b']' | b'<' | b'>' | b'"' | b'{' | b'}' | b'|' | 0..=0x1f | 0x7f)
}

/// The length of the URL body after a protocol (UTF-8 safe: stops only at ASCII).
fn url_body_len(s: &str) -> usize {
    let b = s.as_bytes();
    let mut n = 0;
    while n < b.len() && is_url_byte(b[n]) {
        // `''` ends a URL: it is quote markup.
        if b[n] == b'\'' && b.get(n + 1) == Some(&b'\'') {
            break;
        }
        // A non-breaking space (U+00A0) ends it too.
        if b[n] == 0xC2 && b.get(n + 1) == Some(&0xA0) {
            break;
        }
        n += 1;
    }
    n
}

// test ext_link
// [http://example.org text]
// test ext_link_autonumber
// [http://example.org]
pub(crate) fn opt_ext_link(p: &mut Parser<'_>) -> bool {
    if p.pos < p.ext_link_fail_until {
        return false;
    }
    let rest = p.rest();
    let Some(proto) = protocol_len(p, &rest[1..], true) else { return false };
    let body = url_body_len(&rest[1 + proto..]);
    if body == 0 {
        return false;
    }
    let cp = p.checkpoint();
    let m = p.start(EXTERNAL_LINK);
    p.token(MARKER, 1);
    p.token(URL, proto + body);
    let ws = p.rest().bytes().take_while(|&b| b == b' ' || b == b'\t').count();
    p.token(WHITESPACE, ws);
    if !p.at("]") {
        let t = p.start(EXTERNAL_LINK_TEXT);
        p.depth += 1;
        inline(p, Stop { bracket: true, ..Stop::LINE });
        p.depth -= 1;
        t.complete(p, EXTERNAL_LINK_TEXT);
    }
    if p.at("]") {
        p.token(MARKER, 1);
        m.complete(p, EXTERNAL_LINK);
        true
    } else {
        // No `]` on this line: every `[` up to here fails the same way.
        let reached = p.pos;
        m.abandon(p);
        p.rewind(cp);
        p.ext_link_fail_until = reached;
        false
    }
}

// test bare_url
// see http://example.org/a_(b). now
pub(crate) fn opt_bare_url(p: &mut Parser<'_>) -> bool {
    let rest = p.rest();
    let Some(proto) = protocol_len(p, rest, false) else { return false };
    let mut len = proto + url_body_len(&rest[proto..]);
    // Trailing punctuation is not part of the URL; nor is `)` without `(`.
    let b = rest.as_bytes();
    while len > proto {
        let c = b[len - 1];
        if matches!(c, b',' | b';' | b'.' | b':' | b'!' | b'?') {
            len -= 1;
        } else if c == b')' && !rest[proto..len].contains('(') {
            len -= 1;
        } else {
            break;
        }
    }
    if len == proto {
        return false;
    }
    let m = p.start(BARE_URL);
    p.token(URL, len);
    m.complete(p, BARE_URL);
    true
}
