//! External links: `[http://example.org text]`, `[http://example.org]`, and
//! bare URLs in running text.
//!
//! # Grammar
//! ```text
//! ext_link = "[" URL ws* EXTERNAL_LINK_TEXT? "]"        ; on one line, in the enclosing argument or cell
//! bare_url = PROTOCOL url_char+                          ; at a word start, not "//"
//! url_char = [^ \t\n\[\]<>"] | entity   ; `{` unless it opens a template   ; not a Unicode space, not `''`; an IPv6 host may be bracketed
//!            ; a bare URL drops trailing [.,;:!?\\] and an unbalanced ")"
//! ```
//!
//! Inside link text (of a wiki or external link) no bare URLs or magic
//! links are made; `[[URL]]` is `[` and an external link (see wiki_links).
//!
//! # Parsoid HTML
//! `<a rel="mw:ExtLink" class="external text" href="...">text</a>`;
//! `class="external autonumber"` with `[1]` when there is no text;
//! `class="external free"` for bare URLs.
//!
//! # Node kinds
//! `EXTERNAL_LINK`: `MARKER` `[`, `URL`, `WHITESPACE`, `EXTERNAL_LINK_TEXT`,
//! `MARKER` `]`. `BARE_URL`: one `URL` token.

use nom::branch::alt;
use nom::bytes::complete::take_while1;
use nom::character::complete::{alphanumeric1, char, digit1, hex_digit1, one_of};
use nom::combinator::{map, recognize};
use nom::sequence::{delimited, preceded};
use nom::Parser as _;

use super::magic_links::{at_unicode_word_start, is_space_separator};
use super::{matched, PResult};
use super::preprocessor::Bracket;
use super::{inline, Stop};
use crate::parser::Parser;
use crate::SyntaxKind::*;

/// Which scheme lengths and terminators the site's URL protocols have, so
/// that most words are rejected without comparing them to every protocol
/// (that comparison was half the tokenizer's time on real pages).
///
/// A protocol's *scheme run* is its leading ASCII alphanumerics (`http` in
/// `http://`, empty in `//`) and its *terminator* the byte after (`:`,
/// `/`). Text can start with a protocol only if its own scheme run has the
/// same length and is followed by the same byte, since the terminator is not
/// alphanumeric. Protocols that are all alphanumerics (or too long to index)
/// disable the filter.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ProtocolFilter {
    /// Bit `n` is set when some protocol's scheme run is `n` bytes long.
    scheme_lens: u64,
    /// Bit `b` is set when some protocol's terminator is byte `b`.
    terminators: [u64; 4],
    /// Per scheme-run length below 32: bit `l` is set when some protocol's
    /// run of that length starts (`firsts`) or ends (`lasts`) with the
    /// lower-case letter `a + l`. Namespaces such as `File:` pass the
    /// length and terminator test (like `ftps:`) but not these.
    firsts: [u32; 32],
    lasts: [u32; 32],
    exhaustive: bool,
}

/// The bit of an ASCII letter (case-insensitively), or every bit for a digit.
fn letter_bit(c: u8) -> u32 {
    if c.is_ascii_alphabetic() { 1 << (c.to_ascii_lowercase() - b'a') } else { u32::MAX }
}

impl ProtocolFilter {
    pub(crate) fn new(protocols: &[String]) -> ProtocolFilter {
        let mut filter =
            ProtocolFilter { scheme_lens: 0, terminators: [0; 4], firsts: [0; 32], lasts: [0; 32], exhaustive: false };
        for proto in protocols {
            let b = proto.as_bytes();
            let run = scheme_run(b);
            match b.get(run) {
                Some(&t) if run < 64 => {
                    filter.scheme_lens |= 1 << run;
                    if run > 0 {
                        if run < 32 {
                            filter.firsts[run] |= letter_bit(b[0]);
                            filter.lasts[run] |= letter_bit(b[run - 1]);
                        } else {
                            filter.exhaustive = true;
                        }
                    }
                    // A terminator is matched case-insensitively like the rest.
                    for t in [t.to_ascii_lowercase(), t.to_ascii_uppercase()] {
                        filter.terminators[usize::from(t >> 6)] |= 1 << (t & 63);
                    }
                }
                _ => filter.exhaustive = true,
            }
        }
        filter
    }

    /// Whether no protocol can start text that [`Self::may_match_run`] rejects
    /// only by its terminator (the filter then lets every word through).
    pub(crate) fn is_exhaustive(&self) -> bool {
        self.exhaustive
    }

    /// Whether `c` ends some protocol's scheme run.
    pub(crate) fn is_terminator(&self, c: u8) -> bool {
        self.terminators[usize::from(c >> 6)] & (1 << (c & 63)) != 0
    }

    /// Whether some protocol might start `b`.
    fn may_match(&self, b: &[u8]) -> bool {
        self.may_match_run(b, scheme_run(&b[..b.len().min(64)]))
    }

    /// [`Self::may_match`] when the caller knows the scheme run's length
    /// (the word it already measured; at most 64 is looked at).
    pub(crate) fn may_match_run(&self, b: &[u8], run: usize) -> bool {
        if self.exhaustive {
            return true;
        }
        let run = run.min(64);
        match b.get(run) {
            Some(&t) if run < 64 => {
                self.scheme_lens & (1 << run) != 0
                    && self.terminators[usize::from(t >> 6)] & (1 << (t & 63)) != 0
                    && (run == 0
                        || (self.firsts[run] & letter_bit(b[0]) != 0 && self.lasts[run] & letter_bit(b[run - 1]) != 0))
            }
            _ => false,
        }
    }
}

fn scheme_run(b: &[u8]) -> usize {
    b.iter().take_while(|c| c.is_ascii_alphanumeric()).count()
}

/// The length of the protocol at the start of `s`, case-insensitively.
fn protocol_len(p: &Parser<'_>, s: &str, allow_relative: bool) -> Option<usize> {
    let b = s.as_bytes();
    if !p.protocol_filter.may_match(b) {
        return None;
    }
    p.url_protocols
        .iter()
        .filter(|proto| allow_relative || proto.as_str() != "//")
        .find(|proto| b.len() >= proto.len() && b[..proto.len()].eq_ignore_ascii_case(proto.as_bytes()))
        .map(String::len)
}

/// Whether `s` starts with a URL protocol (`//` included): such a `[[...]]`
/// is `[` and an external link, not a wiki link.
pub(crate) fn starts_with_protocol(p: &Parser<'_>, s: &str) -> bool {
    protocol_len(p, s, true).is_some()
}

const fn is_url_byte(c: u8) -> bool {
    !matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'[' | b']' | b'<' | b'>' | b'"' | 0..=0x1f | 0x7f)
}

/// ASCII bytes a URL body takes with no further look: URL bytes but the
/// ones that may end it depending on what follows (`'`, `|`, `!`, `{`, `&`).
static URL_PLAIN: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 0x80 {
        t[c] = is_url_byte(c as u8) && !matches!(c as u8, b'\'' | b'|' | b'!' | b'{' | b'&');
        c += 1;
    }
    t
};

/// The length of the run of `{` at `at` when it is URL text, or 0 when one
/// of its braces opens a template or parameter (which ends the URL).
fn url_brace_run(p: &Parser<'_>, at: usize) -> usize {
    let run = p.src[at..p.limit].bytes().take_while(|&c| c == b'{').count();
    let opens = (at..at + run).any(|i| matches!(p.brackets.get(i), Some((_, Bracket::Template | Bracket::Parameter))));
    if opens { 0 } else { run }
}

/// What an entity in a URL decodes to, as far as URL scanning cares.
enum EntityClass {
    /// `<` or `>`: ends any URL, as the raw characters do.
    AngleBracket,
    /// A Unicode space separator (`&nbsp;`, `&#x3000;` ...): ends a bare
    /// URL. ASCII whitespace (`&#x0A;`, `&#x20;`) does not.
    Space,
    /// Anything else: part of the URL.
    Other,
}

/// An entity (`&amp;`, `&#x3C;` ...) and what it decodes to, as far as
/// URL scanning cares (`None`: something else, or no character).
#[inline(never)]
fn url_entity(input: &str) -> PResult<'_, Option<char>> {
    let numeric = preceded(
        char('#'),
        alt((
            map(preceded(one_of("xX"), hex_digit1), |d| u32::from_str_radix(d, 16).ok().and_then(char::from_u32)),
            map(digit1, |d: &str| d.parse::<u32>().ok().and_then(char::from_u32)),
        )),
    );
    let named = map(alphanumeric1, |name: &str| match name {
        "lt" | "LT" => Some('<'),
        "gt" | "GT" => Some('>'),
        "nbsp" => Some('\u{a0}'),
        "ensp" => Some('\u{2002}'),
        "emsp" => Some('\u{2003}'),
        "thinsp" => Some('\u{2009}'),
        _ => None,
    });
    delimited(char('&'), alt((numeric, named)), char(';')).parse(input)
}

/// The length and class of an entity at the start of `s`.
fn entity_at(s: &str) -> Option<(usize, EntityClass)> {
    let (rest, code) = url_entity(s).ok()?;
    let class = match code {
        Some('<' | '>') => EntityClass::AngleBracket,
        Some(c) if is_space_separator(c) => EntityClass::Space,
        _ => EntityClass::Other,
    };
    Some((s.len() - rest.len(), class))
}

/// A bracketed IPv6 host (`[2001:db8::1]`).
#[inline(never)]
fn ipv6_host(input: &str) -> PResult<'_, &str> {
    recognize(delimited(char('['), take_while1(|c: char| c.is_ascii_hexdigit() || matches!(c, ':' | '.')), char(']')))
        .parse(input)
}

/// The URL body after a protocol, and where its last entity ends (trailing
/// punctuation is never taken from inside an entity). Stops at characters
/// no URL holds, at `''` (quote markup), at any Unicode space, and at
/// entities for `<`, `>` and (in bare URLs) spaces, at a `|` that `stop`
/// stops at (and `=`, in an argument's name), and at `{{` that opens a
/// template.
fn url_body_len(p: &Parser<'_>, from: usize, bare: bool, stop: Stop) -> (usize, usize) {
    let s = &p.src[from..p.limit];
    let b = s.as_bytes();
    let mut n = matched(ipv6_host, s).unwrap_or(0);
    let mut entity_end = 0;
    while n < b.len() {
        let run = b[n..].iter().position(|&c| !URL_PLAIN[c as usize]).unwrap_or(b.len() - n);
        // In a template argument's name, `=` ends the name first: the
        // preprocessor splits arguments before URLs are read.
        if stop.equals {
            if let Some(at) = b[n..n + run].iter().position(|&c| c == b'=') {
                n += at;
                break;
            }
        }
        n += run;
        let Some(&c) = b.get(n) else { break };
        if c >= 0x80 {
            let ch = s[n..].chars().next().unwrap_or('\u{fffd}');
            if is_space_separator(ch) || ch == '\u{fffd}' {
                break;
            }
            n += ch.len_utf8();
            continue;
        }
        if !is_url_byte(c) || (c == b'\'' && b.get(n + 1) == Some(&b'\'')) {
            break;
        }
        // `|` is a URL character, except where it separates arguments or cells.
        if matches!(c, b'|' | b'!') && stop.stops_at(&s[n..]) {
            break;
        }
        if c == b'{' {
            match url_brace_run(p, from + n) {
                0 => break,
                run => {
                    n += run;
                    continue;
                }
            }
        }
        if c == b'&' {
            match entity_at(&s[n..]) {
                Some((_, EntityClass::AngleBracket)) => break,
                Some((_, EntityClass::Space)) if bare => break,
                Some((len, _)) => {
                    n += len;
                    entity_end = n;
                    continue;
                }
                None => {}
            }
        }
        n += 1;
    }
    (n, entity_end)
}

/// The spaces that separate a bracketed link's URL from its text at the
/// start of `s`: spaces and tabs, and Unicode spaces (U+3000 too).
pub fn url_separator_len(s: &str) -> usize {
    s.chars().take_while(|&c| c == ' ' || c == '\t' || is_space_separator(c)).map(char::len_utf8).sum()
}

/// Whether a bare URL leaves `c` out when it ends with it: trailing
/// punctuation, and `)` unless the URL has a `(`.
pub fn is_url_trailing_punctuation(c: char, has_open_paren: bool) -> bool {
    matches!(c, ',' | ';' | '.' | ':' | '!' | '?' | '\\') || (c == ')' && !has_open_paren)
}

// test ext_link
// [http://example.org text]
// test ext_link_autonumber
// [http://example.org]
pub(crate) fn opt_ext_link(p: &mut Parser<'_>, stop: Stop) -> bool {
    if p.pos < p.ext_link_fail_until {
        return false;
    }
    let rest = p.rest();
    let Some(proto) = protocol_len(p, &rest[1..], true) else { return false };
    let stop = if stop.link_text { Stop { pipe: false, ..stop } } else { stop };
    let (body, _) = url_body_len(p, p.pos + 1 + proto, false, stop);
    if body == 0 {
        return false;
    }
    let cp = p.checkpoint();
    let m = p.start(EXTERNAL_LINK);
    p.token(MARKER, 1);
    p.token(URL, proto + body);
    let ws = url_separator_len(p.rest());
    p.token(WHITESPACE, ws);
    if !p.at("]") {
        let t = p.start(EXTERNAL_LINK_TEXT);
        p.depth += 1;
        // Link text makes no bare URLs or magic links.
        p.in_link_text += 1;
        // The enclosing argument or cell ends the text too (a `]` past it closes nothing).
        inline(p, Stop { bracket: true, newline: true, colon: false, ..stop });
        p.in_link_text -= 1;
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
        drop(m);
        p.rewind(cp);
        p.ext_link_fail_until = reached;
        false
    }
}

// test bare_url
// see http://example.org/a_(b). now
pub(crate) fn opt_bare_url(p: &mut Parser<'_>, stop: Stop) -> bool {
    if p.in_link_text > 0 || !at_unicode_word_start(p.src, p.pos) {
        return false;
    }
    let rest = p.rest();
    let Some(proto) = protocol_len(p, rest, false) else { return false };
    let (body, entity_end) = url_body_len(p, p.pos + proto, true, stop);
    let mut len = proto + body;
    let keep = proto + entity_end;
    // Trailing punctuation is not part of the URL; nor is `)` without `(`.
    // Stripping never removes a `(`, so whether there is one is decided once.
    let b = rest.as_bytes();
    let has_open_paren = rest[proto..len].contains('(');
    while len > keep && is_url_trailing_punctuation(char::from(b[len - 1]), has_open_paren) {
        len -= 1;
    }
    if len == proto {
        return false;
    }
    let m = p.start(BARE_URL);
    p.token(URL, len);
    m.complete(p, BARE_URL);
    true
}


