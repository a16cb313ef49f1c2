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
    // Each open node with its last child so far.
    let mut stack: Vec<(NodeId, Option<NodeId>)> = Vec::with_capacity(64);
    let mut pos: u32 = 0;
    for event in events {
        match event {
            Event::Start { kind } => {
                let id = push(&mut tree, &mut stack, kind, pos);
                stack.push((id, None));
            }
            Event::Token { kind, len } => {
                let id = push(&mut tree, &mut stack, kind, pos);
                pos += len;
                tree.set_end(id, pos);
            }
            Event::Finish => {
                if let Some((id, _)) = stack.pop() {
                    tree.set_end(id, pos);
                }
            }
            Event::Tombstone => {}
        }
    }
    while let Some((id, _)) = stack.pop() {
        tree.set_end(id, pos);
    }
    for d in diagnostics {
        tree.push_diagnostic(d);
    }
    tree
}

/// Add a node as the last child of the innermost open node (the root,
/// opened first, has none).
#[inline(always)]
fn push(tree: &mut Tree, stack: &mut [(NodeId, Option<NodeId>)], kind: SyntaxKind, pos: u32) -> NodeId {
    match stack.last_mut() {
        Some((parent, last)) => {
            let id = tree.push(kind, pos, Some(*parent), *last);
            *last = Some(id);
            id
        }
        None => tree.push(kind, pos, None, None),
    }
}
