//! The grammar's output: a flat list of events, turned into a [`Tree`] by
//! [`build_tree`]. The grammar never sees the tree type.

use std::sync::Arc;

use crate::tree::{Diagnostic, NodeId, Tree};
use crate::SyntaxKind;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Event {
    /// Opens a node. `forward_parent` is the offset to a later `Start` that
    /// becomes this node's parent (set by `Marker::precede`).
    Start { kind: SyntaxKind, forward_parent: Option<u32> },
    /// A token covering the next `len` bytes.
    Token { kind: SyntaxKind, len: u32 },
    /// Closes the innermost open node.
    Finish,
    /// An abandoned `Start`, kept so indices stay stable.
    Tombstone,
}

/// Build the arena from events. Token lengths are consecutive, so the tree
/// covers the source exactly when the grammar consumed all of it.
pub(crate) fn build_tree(src: Arc<str>, mut events: Vec<Event>, diagnostics: Vec<Diagnostic>) -> Tree {
    let mut tree = Tree::new(src, events.len());
    let mut stack: Vec<NodeId> = Vec::with_capacity(64);
    let mut pos: u32 = 0;
    let mut parents: Vec<SyntaxKind> = Vec::new();
    for i in 0..events.len() {
        match std::mem::replace(&mut events[i], Event::Tombstone) {
            Event::Start { kind, forward_parent } => {
                // Collect the chain of forward parents: the outermost opens first.
                parents.clear();
                parents.push(kind);
                let mut idx = i;
                let mut fp = forward_parent;
                while let Some(off) = fp {
                    idx += off as usize;
                    fp = match std::mem::replace(&mut events[idx], Event::Tombstone) {
                        Event::Start { kind, forward_parent } => {
                            parents.push(kind);
                            forward_parent
                        }
                        _ => None,
                    };
                }
                for &k in parents.iter().rev() {
                    let id = tree.push(k, pos, stack.last().copied());
                    stack.push(id);
                }
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
