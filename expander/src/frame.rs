//! Frames: the arguments a transclusion was called with, expanded lazily.

use std::cell::RefCell;
use std::rc::Rc;

use rustc_hash::FxHashMap;
use wikitext_parser::{NodeId, SyntaxKind, Tree};

/// One argument of a call: its key (a number for positional ones) and the
/// value's node in the caller's tree.
#[derive(Debug)]
pub(crate) struct Arg {
    pub(crate) value: Option<NodeId>,
    /// Named arguments' values are trimmed when used; positional ones are not.
    pub(crate) named: bool,
}

/// A transclusion's frame. The root frame (the page itself) has no arguments.
#[derive(Debug)]
pub(crate) struct Frame<'t> {
    /// The frame the argument values are expanded in (the caller's).
    pub(crate) parent: Option<&'t Frame<'t>>,
    /// The tree holding the argument nodes (the caller's).
    pub(crate) tree: Option<&'t Tree>,
    pub(crate) args: Vec<Arg>,
    /// Argument key → index into `args`; a repeated key keeps the last.
    pub(crate) index: FxHashMap<String, usize>,
    /// Keys in first-seen order, for module calls.
    pub(crate) keys: Vec<String>,
    /// The page this frame expands (`"Template:Foo"`); `None` for the page itself.
    pub(crate) title: Option<String>,
    /// Values expanded so far, by index: each argument is expanded once.
    pub(crate) cache: RefCell<FxHashMap<usize, Rc<str>>>,
}

impl<'t> Frame<'t> {
    pub(crate) fn root() -> Frame<'static> {
        Frame {
            parent: None,
            tree: None,
            args: Vec::new(),
            index: FxHashMap::default(),
            keys: Vec::new(),
            title: None,
            cache: RefCell::new(FxHashMap::default()),
        }
    }

    pub(crate) fn is_root(&self) -> bool {
        self.parent.is_none()
    }

    /// This frame and the frames it was called from.
    pub(crate) fn ancestors(&self) -> impl Iterator<Item = &Frame<'t>> {
        std::iter::successors(Some(self), |f| f.parent)
    }

    /// Add an argument under `key`.
    pub(crate) fn push(&mut self, key: String, value: Option<NodeId>, named: bool) {
        let i = self.args.len();
        self.args.push(Arg { value, named });
        if self.index.insert(key.clone(), i).is_none() {
            self.keys.push(key);
        }
    }
}

/// The `TEMPLATE_ARGUMENT` children of a call node.
pub(crate) fn argument_nodes(tree: &Tree, call: NodeId) -> Vec<NodeId> {
    tree.children(call).filter(|&c| tree.kind(c) == SyntaxKind::TEMPLATE_ARGUMENT).collect()
}
