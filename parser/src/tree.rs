//! The arena that holds a parsed page.
//!
//! Nodes live in one `Vec`, linked by index (first child, next sibling,
//! parent), as in pulldown-cmark's tree. A node never owns text: it holds a
//! byte range into the shared source, so the tree is cheap to build, `Send`
//! and `Sync`, and writing it back is slicing the source.

use std::num::NonZeroU32;
use std::ops::Range;
use std::sync::Arc;

use crate::SyntaxKind;

/// The index of a node in its [`Tree`]. Index 0 is never used, so
/// `Option<NodeId>` costs no more than a `u32`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(NonZeroU32);

impl NodeId {
    #[inline]
    pub(crate) fn new(index: usize) -> NodeId {
        // The arena never holds 2^32 nodes: the source length is capped at u32::MAX bytes
        // and every node covers at least one byte except a bounded number of empty ones.
        NodeId(NonZeroU32::new(u32::try_from(index).unwrap_or(u32::MAX)).unwrap_or(NonZeroU32::MIN))
    }

    /// The position of the node in the arena (its creation order, which is document order).
    #[must_use]
    pub fn index(self) -> usize {
        self.0.get() as usize
    }
}

/// One node or token of the tree.
#[derive(Clone, Debug)]
pub struct NodeData {
    pub kind: SyntaxKind,
    pub start: u32,
    pub end: u32,
    pub parent: Option<NodeId>,
    pub first_child: Option<NodeId>,
    pub next_sibling: Option<NodeId>,
}

/// A problem the parser noticed. Parsing never fails; these are notes for tools.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub range: Range<u32>,
    pub message: String,
}

/// A parsed page: the source and an arena of nodes over it.
#[derive(Clone, Debug)]
pub struct Tree {
    src: Arc<str>,
    nodes: Vec<NodeData>,
    diagnostics: Vec<Diagnostic>,
}

impl NodeData {
    /// Slot 0 of the arena, so that ids can be non-zero.
    pub(crate) fn sentinel() -> NodeData {
        NodeData { kind: SyntaxKind::ERROR, start: 0, end: 0, parent: None, first_child: None, next_sibling: None }
    }
}

impl Tree {
    /// A tree from its arena (slot 0 the sentinel, slot 1 the root).
    pub(crate) fn from_parts(src: Arc<str>, nodes: Vec<NodeData>, diagnostics: Vec<Diagnostic>) -> Tree {
        Tree { src, nodes, diagnostics }
    }

    /// The root `DOCUMENT` node.
    #[must_use]
    pub fn root(&self) -> NodeId {
        NodeId::new(1)
    }

    /// The whole source text.
    #[must_use]
    pub fn src(&self) -> &str {
        &self.src
    }

    /// The source, shareable.
    #[must_use]
    pub fn src_arc(&self) -> &Arc<str> {
        &self.src
    }

    /// Notes the parser made (never errors: every string is valid wikitext).
    #[must_use]
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// The number of nodes and tokens.
    #[must_use]
    pub fn len(&self) -> usize {
        self.nodes.len() - 1
    }

    /// Whether the tree has no nodes (never true for a parsed tree: it has its root).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The raw data of a node.
    #[must_use]
    pub fn data(&self, id: NodeId) -> &NodeData {
        &self.nodes[id.index()]
    }

    #[must_use]
    pub fn kind(&self, id: NodeId) -> SyntaxKind {
        self.nodes[id.index()].kind
    }

    /// The byte range of a node in the source.
    #[must_use]
    pub fn range(&self, id: NodeId) -> Range<usize> {
        let n = &self.nodes[id.index()];
        n.start as usize..n.end as usize
    }

    /// The source text a node covers.
    #[must_use]
    pub fn text(&self, id: NodeId) -> &str {
        &self.src[self.range(id)]
    }

    #[must_use]
    pub fn parent(&self, id: NodeId) -> Option<NodeId> {
        self.nodes[id.index()].parent
    }

    #[must_use]
    pub fn first_child(&self, id: NodeId) -> Option<NodeId> {
        self.nodes[id.index()].first_child
    }

    #[must_use]
    pub fn next_sibling(&self, id: NodeId) -> Option<NodeId> {
        self.nodes[id.index()].next_sibling
    }

    /// The children of a node, in order.
    pub fn children(&self, id: NodeId) -> Children<'_> {
        Children { tree: self, next: self.first_child(id) }
    }

    /// The first child of the given kind.
    #[must_use]
    pub fn child_of_kind(&self, id: NodeId, kind: SyntaxKind) -> Option<NodeId> {
        self.children(id).find(|&c| self.kind(c) == kind)
    }

    /// A node and all its descendants, in document order.
    pub fn descendants(&self, id: NodeId) -> Descendants<'_> {
        Descendants { tree: self, root: id, next: Some(id) }
    }

    /// Every node in document (creation) order.
    pub fn iter(&self) -> impl Iterator<Item = NodeId> + '_ {
        (1..self.nodes.len()).map(NodeId::new)
    }

    /// Write the tree back to wikitext: the concatenation of its tokens,
    /// which is the source byte for byte.
    #[must_use]
    pub fn to_wikitext(&self) -> String {
        let mut out = String::with_capacity(self.src.len());
        for id in self.descendants(self.root()) {
            if self.kind(id).is_token() {
                out.push_str(self.text(id));
            }
        }
        out
    }

    /// Check the tree's invariants: tokens tile the source exactly, every
    /// parent encloses its children, children are in order. Used by tests,
    /// property tests and fuzzing.
    ///
    /// # Errors
    /// A description of the first broken invariant.
    pub fn validate(&self) -> Result<(), String> {
        let mut pos = 0u32;
        for id in self.descendants(self.root()) {
            let n = self.data(id);
            if n.start > n.end {
                return Err(format!("{} at {}..{} is reversed", n.kind, n.start, n.end));
            }
            if let Some(p) = n.parent {
                let pd = self.data(p);
                if n.start < pd.start || n.end > pd.end {
                    return Err(format!("{} at {}..{} escapes its parent {}", n.kind, n.start, n.end, pd.kind));
                }
            }
            if let Some(s) = n.next_sibling {
                if self.data(s).start != n.end {
                    return Err(format!("gap or overlap after {} at {}..{}", n.kind, n.start, n.end));
                }
            }
            if n.kind.is_token() {
                if n.start != pos {
                    return Err(format!("token {} starts at {} but the previous ended at {pos}", n.kind, n.start));
                }
                if n.start == n.end {
                    return Err(format!("empty token {} at {}", n.kind, n.start));
                }
                pos = n.end;
            } else if n.first_child.is_some() != (n.start != n.end) && n.first_child.is_some() {
                return Err(format!("node {} at {}..{} has children but no extent", n.kind, n.start, n.end));
            }
        }
        if pos as usize != self.src.len() {
            return Err(format!("tokens end at {pos}, source is {} bytes", self.src.len()));
        }
        Ok(())
    }

    /// A debug dump: one line per node, `KIND@start..end`, tokens with their text.
    #[must_use]
    pub fn debug_dump(&self) -> String {
        let mut out = String::new();
        self.dump_node(self.root(), 0, &mut out);
        for d in &self.diagnostics {
            out.push_str(&format!("error {}..{}: {}\n", d.range.start, d.range.end, d.message));
        }
        out
    }

    fn dump_node(&self, id: NodeId, depth: usize, out: &mut String) {
        let r = self.range(id);
        for _ in 0..depth {
            out.push_str("  ");
        }
        let kind = self.kind(id);
        if kind.is_token() {
            out.push_str(&format!("{kind}@{}..{} {:?}\n", r.start, r.end, self.text(id)));
        } else {
            out.push_str(&format!("{kind}@{}..{}\n", r.start, r.end));
            for c in self.children(id) {
                self.dump_node(c, depth + 1, out);
            }
        }
    }
}

/// Iterator over the children of a node.
#[derive(Debug, Clone)]
pub struct Children<'a> {
    tree: &'a Tree,
    next: Option<NodeId>,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let cur = self.next?;
        self.next = self.tree.next_sibling(cur);
        Some(cur)
    }
}

/// Pre-order iterator over a subtree.
#[derive(Debug, Clone)]
pub struct Descendants<'a> {
    tree: &'a Tree,
    root: NodeId,
    next: Option<NodeId>,
}

impl Iterator for Descendants<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let cur = self.next?;
        self.next = if let Some(c) = self.tree.first_child(cur) {
            Some(c)
        } else {
            let mut n = cur;
            loop {
                if n == self.root {
                    break None;
                }
                if let Some(s) = self.tree.next_sibling(n) {
                    break Some(s);
                }
                match self.tree.parent(n) {
                    Some(p) => n = p,
                    None => break None,
                }
            }
        };
        Some(cur)
    }
}
