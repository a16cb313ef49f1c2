//! The grammar's output: a flat list of events, turned into a [`Tree`] by
//! [`build_tree`]. The grammar never sees the tree type.

use std::sync::Arc;

use crate::tree::{Diagnostic, NodeId, Tree};
use crate::SyntaxKind;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Event {
    /// Opens a node.
    Start { kind: SyntaxKind },
    /// A token covering the next `len` bytes.
    Token { kind: SyntaxKind, len: u32 },
    /// Closes the innermost open node.
    Finish,
    /// An abandoned `Start`, kept so indices stay stable.
    Tombstone,
}

/// Build the arena from events. Token lengths are consecutive, so the tree
/// covers the source exactly when the grammar consumed all of it.
pub(crate) fn build_tree(src: Arc<str>, events: Vec<Event>, diagnostics: Vec<Diagnostic>) -> Tree {
    // Reserve exactly: the tree lives through rendering, and about a third
    // of the events are `Finish`es, which make no node.
    let nodes = events.iter().filter(|e| matches!(e, Event::Start { .. } | Event::Token { .. })).count();
    let mut tree = Tree::new(src, nodes);
    let mut stack: Vec<NodeId> = Vec::with_capacity(64);
    let mut pos: u32 = 0;
    for event in events {
        match event {
            Event::Start { kind } => {
                let id = tree.push(kind, pos, stack.last().copied());
                stack.push(id);
            }
            Event::Token { kind, len } => {
                let id = tree.push(kind, pos, stack.last().copied());
                pos += len;
                tree.set_end(id, pos);
            }
            Event::Finish => {
                if let Some(id) = stack.pop() {
                    tree.set_end(id, pos);
                }
            }
            Event::Tombstone => {}
        }
    }
    while let Some(id) = stack.pop() {
        tree.set_end(id, pos);
    }
    for d in diagnostics {
        tree.push_diagnostic(d);
    }
    tree
}
