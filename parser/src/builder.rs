//! The grammar's output: nodes appended to the tree's arena as the grammar
//! reads, in document order, each linked to its parent and its previous
//! sibling at once. No intermediate list of events: the arena is written
//! once, and the grammar never sees the tree type.

use std::sync::Arc;

use crate::tree::{Diagnostic, NodeData, NodeId, Tree};
use crate::SyntaxKind;

/// An open node and its last child so far.
#[derive(Clone, Copy)]
struct OpenNode {
    id: NodeId,
    last_child: Option<NodeId>,
}

/// Builds a [`Tree`]'s arena from the grammar's starts, tokens and finishes.
pub(crate) struct TreeBuilder {
    /// The arena; slot 0 is the sentinel that lets ids be non-zero.
    nodes: Vec<NodeData>,
    /// Open nodes, innermost last.
    open: Vec<OpenNode>,
}

/// A point to come back to: what [`TreeBuilder::rewind`] restores.
#[derive(Clone, Copy)]
pub(crate) struct BuilderCheckpoint {
    nodes: usize,
    open: usize,
    last_child: Option<NodeId>,
    /// The end of `last_child` then (a text token may grow by merging).
    last_end: u32,
}

impl BuilderCheckpoint {
    /// The index the next node got after this checkpoint.
    pub(crate) fn nodes(&self) -> usize {
        self.nodes
    }
}

impl TreeBuilder {
    /// A builder with room for `capacity` nodes.
    pub(crate) fn with_capacity(capacity: usize) -> TreeBuilder {
        let mut nodes = Vec::with_capacity(capacity + 1);
        nodes.push(NodeData::sentinel());
        TreeBuilder { nodes, open: Vec::with_capacity(64) }
    }

    /// Add a node at `start` as the last child of the innermost open node
    /// (the root, opened first, has none).
    #[inline(always)]
    fn push(&mut self, kind: SyntaxKind, start: u32, end: u32) -> NodeId {
        let id = NodeId::new(self.nodes.len());
        let parent = match self.open.last_mut() {
            Some(top) => {
                match top.last_child {
                    Some(previous) => self.nodes[previous.index()].next_sibling = Some(id),
                    None => self.nodes[top.id.index()].first_child = Some(id),
                }
                top.last_child = Some(id);
                Some(top.id)
            }
            None => None,
        };
        self.nodes.push(NodeData { kind, start, end, parent, first_child: None, next_sibling: None });
        id
    }

    /// Open a node at `start`; returns its index for [`TreeBuilder::finish`].
    #[inline]
    pub(crate) fn start(&mut self, kind: SyntaxKind, start: u32) -> u32 {
        let id = self.push(kind, start, start);
        self.open.push(OpenNode { id, last_child: None });
        id.index() as u32
    }

    /// A token over `start..end`. A text token right after another text
    /// token of the same node extends it, so that character-at-a-time
    /// fallbacks stay compact.
    #[inline]
    pub(crate) fn token(&mut self, kind: SyntaxKind, start: u32, end: u32) {
        if kind == SyntaxKind::TEXT {
            let last = self.nodes.len() - 1;
            if let Some(top) = self.open.last() {
                if top.last_child.is_some_and(|c| c.index() == last) && self.nodes[last].kind == SyntaxKind::TEXT {
                    self.nodes[last].end = end;
                    return;
                }
            }
        }
        self.push(kind, start, end);
    }

    /// Close the innermost open node at `end`, giving the node opened at
    /// `index` its final kind.
    #[inline]
    pub(crate) fn finish(&mut self, index: u32, kind: SyntaxKind, end: u32) {
        self.nodes[index as usize].kind = kind;
        if let Some(top) = self.open.pop() {
            self.nodes[top.id.index()].end = end;
        }
    }

    /// The kind of the node made at `index`, if it is a node (not a token).
    pub(crate) fn node_kind_at(&self, index: usize) -> Option<SyntaxKind> {
        self.nodes.get(index).map(|n| n.kind).filter(|k| !k.is_token())
    }

    pub(crate) fn checkpoint(&self) -> BuilderCheckpoint {
        let last_child = self.open.last().and_then(|top| top.last_child);
        let last_end = last_child.map_or(0, |c| self.nodes[c.index()].end);
        BuilderCheckpoint { nodes: self.nodes.len(), open: self.open.len(), last_child, last_end }
    }

    /// Drop every node made since `cp` (open ones too) and undo the links
    /// and text merges made to older ones.
    pub(crate) fn rewind(&mut self, cp: BuilderCheckpoint) {
        self.nodes.truncate(cp.nodes);
        self.open.truncate(cp.open);
        let Some(top) = self.open.last_mut() else { return };
        top.last_child = cp.last_child;
        match cp.last_child {
            Some(c) => {
                let node = &mut self.nodes[c.index()];
                node.next_sibling = None;
                node.end = cp.last_end;
            }
            None => self.nodes[top.id.index()].first_child = None,
        }
    }

    /// The tree: nodes still open end at `end`.
    pub(crate) fn finish_tree(mut self, src: Arc<str>, end: u32, diagnostics: Vec<Diagnostic>) -> Tree {
        while let Some(top) = self.open.pop() {
            self.nodes[top.id.index()].end = end;
        }
        // The arena lives through rendering: give back what the estimate
        // reserved beyond the page's real node count.
        self.nodes.shrink_to_fit();
        Tree::from_parts(src, self.nodes, diagnostics)
    }
}
