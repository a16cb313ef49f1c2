//! Behaviour switches: `__NOTOC__`, `__TOC__` and friends; signatures.
//!
//! # Grammar
//! ```text
//! behavior_switch = "__" NAME "__"     ; NAME one of the known switches, case-insensitive
//! signature       = "~"{3,5}           ; a longer or shorter run of tildes is text
//! ```
//!
//! # Parsoid HTML
//! `<meta property="mw:PageProp/notoc"/>` (`__TOC__` marks the TOC's place).
//! Signatures are replaced when a page is saved; in a page's wikitext they
//! are rendered as text.
//!
//! # Node kinds
//! `BEHAVIOR_SWITCH`: one `TEXT` token. `SIGNATURE`: one `TEXT` token.

use nom::bytes::complete::{tag, take_while1};
use nom::combinator::{recognize, verify};
use nom::sequence::delimited;
use nom::Parser as _;

use super::{matched, PResult};
use crate::parser::Parser;
use crate::SyntaxKind::*;

/// `__NAME__` with NAME a known switch, case-insensitively.
fn behavior_switch(input: &str) -> PResult<'_, &str> {
    let name = verify(take_while1(|c: char| c.is_ascii_alphabetic()), |name: &str| {
        crate::BEHAVIOR_SWITCHES.iter().any(|s| s.eq_ignore_ascii_case(name))
    });
    recognize(delimited(tag("__"), name, tag("__"))).parse(input)
}

/// A run of tildes, whatever its length.
fn tildes(input: &str) -> PResult<'_, &str> {
    take_while1(|c| c == '~').parse(input)
}

// test signature
// ~~~~
/// The run of tildes at `p.pos`: a signature when three to five long, else text.
pub(crate) fn tilde_run(p: &mut Parser<'_>) {
    let n = matched(tildes, p.rest()).unwrap_or(1);
    if (3..=5).contains(&n) {
        let m = p.start(SIGNATURE);
        p.token(TEXT, n);
        m.complete(p, SIGNATURE);
    } else {
        p.token(TEXT, n);
    }
}

// test behavior_switch
// __NOTOC__
pub(crate) fn opt_behavior_switch(p: &mut Parser<'_>) -> bool {
    let Some(len) = matched(behavior_switch, p.rest()) else { return false };
    let m = p.start(BEHAVIOR_SWITCH);
    p.token(TEXT, len);
    m.complete(p, BEHAVIOR_SWITCH);
    true
}
