//! List items and definition lists: lines starting with `*`, `#`, `:`, `;`.
//!
//! # Grammar
//! ```text
//! list_item = [*#:;]+ inline (":" inline)? EOL   ; the ":" split only when the last bullet is ";"
//! ```
//! Nesting (which `<ul>`/`<ol>`/`<dl>` each item opens or continues) is
//! decided by the renderer from consecutive items' bullets, as Parsoid's
//! list handler does.
//!
//! # Parsoid HTML
//! `*a` → `<ul><li>a</li></ul>`; `;t:d` → `<dl><dt>t</dt><dd>d</dd></dl>`.
//!
//! # Node kinds
//! `LIST_ITEM`: `MARKER` (the bullets), inline nodes, and for `;t:d` a
//! `MARKER` `:` before the definition.

use super::{inline, Stop};
use crate::parser::Parser;
use crate::SyntaxKind::*;

// test list_item
// *# a
// test definition_list
// ;term:def
pub(crate) fn list_item(p: &mut Parser<'_>) {
    let m = p.start(LIST_ITEM);
    let bullets = p.rest().bytes().take_while(|b| matches!(b, b'*' | b'#' | b':' | b';')).count();
    let dt = p.rest().as_bytes()[bullets - 1] == b';';
    p.token(MARKER, bullets);
    if dt {
        inline(p, Stop { colon: true, ..Stop::LINE });
        if p.at(":") {
            p.token(MARKER, 1);
            inline(p, Stop::LINE);
        }
    } else {
        inline(p, Stop::LINE);
    }
    m.complete(p, LIST_ITEM);
}
