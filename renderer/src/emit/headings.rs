//! Headings: `== a ==` → `<h2>a</h2>`. The `id` is added by the DOM pass
//! `passes::headings` from the finished heading's text, as Parsoid does.

use wikitext_parser::{NodeId, SyntaxKind};

use super::Emitter;
use crate::token::Attr;

const TAGS: [&str; 6] = ["h1", "h2", "h3", "h4", "h5", "h6"];

pub(super) fn heading(em: &mut Emitter<'_>, id: NodeId) {
    let tree = em.tree;
    let level = tree.first_child(id).map_or(1, |m| tree.text(m).len()).clamp(1, 6);
    let tag = TAGS[level - 1];
    em.start(tag, vec![Attr::new(crate::passes::WIKITEXT_HEADING, "")], Some(em.range(id)));
    let children: Vec<NodeId> = tree.children(id).collect();
    // Children: opening marker, content..., closing marker, trailing trivia.
    let close = children.iter().rposition(|&c| tree.kind(c) == SyntaxKind::MARKER).unwrap_or(children.len());
    for &c in children.iter().take(close).skip(1) {
        em.node(c);
    }
    em.end(tag);
    for &c in children.iter().skip(close + 1) {
        if tree.kind(c) == SyntaxKind::COMMENT {
            em.node(c);
        }
    }
}
