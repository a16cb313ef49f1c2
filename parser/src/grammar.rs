//! The wikitext grammar. Placeholder until the construct modules land.

use std::sync::Arc;

use crate::event::build_tree;
use crate::parser::Parser;
use crate::{ParseOptions, SyntaxKind, Tree};

pub(crate) fn parse_document(src: &str, _options: &ParseOptions) -> Tree {
    let mut p = Parser::new(src);
    let m = p.start(SyntaxKind::DOCUMENT);
    p.token(SyntaxKind::TEXT, src.len());
    m.complete(&mut p, SyntaxKind::DOCUMENT);
    let Parser { events, diagnostics, .. } = p;
    build_tree(Arc::from(src), events, diagnostics)
}
