//! Behaviour switches: `__NOTOC__`, `__TOC__` and friends.
//!
//! # Grammar
//! ```text
//! behavior_switch = "__" NAME "__"     ; NAME one of the known switches, case-insensitive
//! ```
//!
//! # Parsoid HTML
//! `<meta property="mw:PageProp/notoc"/>` (`__TOC__` marks the TOC's place).
//!
//! # Node kinds
//! `BEHAVIOR_SWITCH`: one `TEXT` token.

use crate::parser::Parser;
use crate::SyntaxKind::*;


// test behavior_switch
// __NOTOC__
pub(crate) fn opt_behavior_switch(p: &mut Parser<'_>) -> bool {
    let b = p.rest().as_bytes();
    if !b.starts_with(b"__") {
        return false;
    }
    let name_len = b[2..].iter().take_while(|c| c.is_ascii_alphabetic()).count();
    if name_len == 0 || !b[2 + name_len..].starts_with(b"__") {
        return false;
    }
    let name = &b[2..2 + name_len];
    if !crate::BEHAVIOR_SWITCHES.iter().any(|s| s.as_bytes().eq_ignore_ascii_case(name)) {
        return false;
    }
    let m = p.start(BEHAVIOR_SWITCH);
    p.token(TEXT, name_len + 4);
    m.complete(p, BEHAVIOR_SWITCH);
    true
}
