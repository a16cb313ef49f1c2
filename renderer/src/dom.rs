//! Our own arena DOM: the tree html5ever builds (through [`DomSink`], its
//! `TreeSink`) and the DOM passes then rewrite.
//!
//! Nodes live in one `Vec` and link to each other by [`NodeId`] (parent,
//! first and last child, previous and next sibling), so a node is a 4-byte
//! handle that is `Copy`, the tree is `Send`, and walking it needs neither
//! recursion nor reference counting. Detaching a node leaves it in the arena
//! (unreachable from the document); nothing is ever freed before the `Dom`.
//!
//! Tree building goes through [`DomSink`], which owns a `RefCell<Dom>`
//! because html5ever's `TreeSink` methods take `&self`. Once built, the
//! [`Dom`] is a plain owned value with `&mut self` mutation methods.
//!
//! # Source ranges
//!
//! A start tag's source range rides through html5ever in the reserved
//! attribute [`SRC_ATTR`], whose value is the range's index in a table the
//! sink keeps ([`DomSink::src_attr_value`]; short enough for a tendril to
//! hold inline, so it costs no allocation); [`DomSink`] strips it from the
//! element into a side table read with [`Dom::src_range`]. Elements that the
//! tree builder clones (the adoption agency reopening `<b>` after `</p>`, say)
//! receive the attribute again and so share the original's range. The range
//! of the end tag that closed an element is kept too ([`Dom::end_src_range`]);
//! an element closed implicitly has none. How the sink learns which element
//! an end tag closed is described on [`DomSink`].

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::fmt;
use std::num::NonZeroU32;

use compact_str::CompactString;

use html5ever::interface::{ElemName, ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::StrTendril;
use html5ever::{LocalName, Namespace, QualName, local_name, ns};
use rustc_hash::FxHashMap;
use thin_vec::ThinVec;

use crate::token::{Attr, SrcRange};

/// The attribute carrying a start tag's source range through html5ever.
///
/// The space makes it a name no HTML or wikitext attribute can have, so it
/// never collides with an attribute of the page (Parsoid keeps any `data-*`).
pub const SRC_ATTR: &str = "wt src";

/// The attribute standing in for a start tag's whole attribute list (and
/// source range) on its way through html5ever: its value indexes the list
/// the sink keeps ([`DomSink::stash_attrs`]). The tree builder reads the
/// attributes of only a few elements, which go through with their own.
pub const STASH_ATTR: &str = "wt stash";

/// A start tag's attributes and source range, kept by the sink while
/// html5ever builds the element.
#[derive(Debug)]
struct Stashed {
    /// The attributes, then the renderer's marks (from `marks_from`), which
    /// the feeder set apart. One list keeps an entry small: the stash holds
    /// one for nearly every start tag until the tree is built.
    attrs: ThinVec<Attribute>,
    marks_from: u32,
    src: Option<SrcRange>,
    /// The element made from it first: the tree builder may make formatting
    /// elements again from the same tag (the active formatting list), and
    /// those copy its attributes and marks.
    made: Option<NodeId>,
}

/// A handle to a node of a [`Dom`]. Only meaningful for the `Dom` that made it.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(NonZeroU32);

impl NodeId {
    fn from_index(index: usize) -> NodeId {
        // The arena cannot hold `u32::MAX` nodes before memory runs out
        // (each node is over 64 bytes), so saturating never happens in
        // practice; it keeps this total rather than panicking.
        let n = u32::try_from(index).unwrap_or(u32::MAX - 1).saturating_add(1);
        NodeId(NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN))
    }

    fn index(self) -> usize {
        (self.0.get() - 1) as usize
    }

    /// The node's position in the arena, in creation order.
    #[must_use]
    pub fn to_u32(self) -> u32 {
        self.0.get() - 1
    }
}

impl fmt::Debug for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.to_u32())
    }
}

/// An attribute of an element: the start tag's own [`Attr`], moved into
/// the DOM as it is. The list the emitters made becomes the element's
/// (see the tree builder), so a start tag costs no allocation on its way
/// in, and no list of the token stream is left behind as a hole the DOM's
/// lists, of another size, could not fill.
///
/// A foreign attribute (`xlink:href` on an SVG element, which html5ever
/// gives a namespace and a prefix) keeps its prefix in its name, as it is
/// written: nothing here asks for an attribute by namespace, and HTML
/// serializes both the same way.
pub type Attribute = Attr;

/// The name an attribute html5ever made is kept under: its local name, with
/// the prefix a foreign attribute is written with (see [`Attribute`]).
#[must_use]
pub fn attribute_name(name: &QualName) -> Cow<'static, str> {
    let prefix = match name.ns {
        ns!() => None,
        ns!(xml) => Some("xml"),
        ns!(xmlns) if &*name.local == "xmlns" => None,
        ns!(xmlns) => Some("xmlns"),
        ns!(xlink) => Some("xlink"),
        _ => name.prefix.as_deref(),
    };
    match prefix {
        Some(prefix) => Cow::Owned(format!("{prefix}:{}", name.local)),
        None => Cow::Owned(name.local.to_string()),
    }
}

/// An element's namespace and local name: html5ever's `QualName` without
/// the prefix, which the HTML tree builder never gives an element.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ElementName {
    pub ns: Namespace,
    pub local: LocalName,
}

impl ElementName {
    /// The HTML element `local`.
    #[must_use]
    pub fn html(local: &str) -> ElementName {
        ElementName { ns: ns!(html), local: LocalName::from(local) }
    }
}

impl From<QualName> for ElementName {
    fn from(name: QualName) -> ElementName {
        ElementName { ns: name.ns, local: name.local }
    }
}

/// An element: its name and its attributes, in source order.
///
/// Kept to 32 bytes (a thin vector, html5ever's rare `<template>` contents
/// in a side table of the [`Dom`]): every node of the arena is as large as
/// the largest kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Element {
    pub name: ElementName,
    pub attrs: ThinVec<Attribute>,
    /// Whether html5ever flagged this `MathML` `annotation-xml` as an HTML
    /// integration point; it asks again later.
    pub mathml_annotation_xml_integration_point: bool,
}

impl Element {
    /// The local name if this is an HTML element.
    #[must_use]
    pub fn html_name(&self) -> Option<&str> {
        (self.name.ns == ns!(html)).then_some(&*self.name.local)
    }

    /// Is this the HTML element `name`?
    #[must_use]
    pub fn is_html(&self, name: &str) -> bool {
        self.name.ns == ns!(html) && &*self.name.local == name
    }

    /// The value of the attribute `name`.
    #[must_use]
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|a| a.is(name)).map(|a| a.value.as_ref())
    }
}

/// A doctype's parts (a page has one: boxed, so it does not size every node).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Doctype {
    pub name: Box<str>,
    pub public_id: Box<str>,
    pub system_id: Box<str>,
}

/// What a node is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NodeData {
    Document,
    /// A `<template>`'s contents: a parentless container.
    Fragment,
    Doctype(Box<Doctype>),
    Element(Element),
    /// Text: up to 24 bytes inline (most texts between tags), so that
    /// copying html5ever's tendril in usually allocates nothing.
    Text(CompactString),
    Comment(String),
}

#[derive(Clone, Debug)]
struct Node {
    parent: Option<NodeId>,
    first_child: Option<NodeId>,
    last_child: Option<NodeId>,
    prev: Option<NodeId>,
    next: Option<NodeId>,
    data: NodeData,
}

impl Node {
    fn new(data: NodeData) -> Node {
        Node { parent: None, first_child: None, last_child: None, prev: None, next: None, data }
    }
}

/// No source range, in [`Dom`]'s table of them.
const NO_SRC: SrcRange = u32::MAX..u32::MAX;

/// An HTML document in an arena. See the module docs.
#[derive(Clone, Debug)]
pub struct Dom {
    nodes: Vec<Node>,
    /// Start-tag source ranges by node index (most elements have one):
    /// an index, not a hash, per question; it grows as ranges are set.
    /// [`NO_SRC`] stands for none (eight bytes a node, not twelve).
    src: Vec<SrcRange>,
    end_src: FxHashMap<NodeId, SrcRange>,
    /// The renderer's own bookkeeping per element (which headings wikitext
    /// made, which paragraphs block levels opened, transclusion markers):
    /// reserved `wt …` attributes moved here by `create_element`, so page
    /// markup can neither forge nor lose them.
    marks: FxHashMap<NodeId, Vec<(LocalName, String)>>,
    /// Nodes the tree builder foster-parented out of a table, and that
    /// table: transclusion encapsulation widens a range over the table its
    /// content left.
    fostered: FxHashMap<NodeId, NodeId>,
    /// The contents fragment of each `<template>` element.
    template_contents: FxHashMap<NodeId, NodeId>,
    /// The page's wikitext, when the renderer knows it: source ranges
    /// index into it (a transclusion's `data-mw` quotes page text that its
    /// range came to cover).
    source: Option<std::sync::Arc<str>>,
    quirks_mode: QuirksMode,
}

impl Default for Dom {
    fn default() -> Dom {
        Dom::new()
    }
}

impl Dom {
    /// An empty document (just the document node).
    #[must_use]
    pub fn new() -> Dom {
        Dom::with_capacity(1)
    }

    /// An empty document with room for `nodes` nodes.
    #[must_use]
    pub fn with_capacity(nodes: usize) -> Dom {
        let mut v = Vec::with_capacity(nodes.max(1));
        v.push(Node::new(NodeData::Document));
        Dom {
            nodes: v,
            src: Vec::with_capacity(nodes),
            end_src: FxHashMap::default(),
            marks: FxHashMap::default(),
            fostered: FxHashMap::default(),
            template_contents: FxHashMap::default(),
            source: None,
            quirks_mode: QuirksMode::NoQuirks,
        }
    }

    /// The document node.
    #[must_use]
    pub fn document(&self) -> NodeId {
        NodeId::from_index(0)
    }

    /// The `<html>` element (the document's element child).
    #[must_use]
    pub fn html(&self) -> Option<NodeId> {
        self.children(self.document()).find(|&n| self.is_element_named(n, "html"))
    }

    /// The `<head>` element.
    #[must_use]
    pub fn head(&self) -> Option<NodeId> {
        let html = self.html()?;
        self.children(html).find(|&n| self.is_element_named(n, "head"))
    }

    /// The `<body>` element.
    #[must_use]
    pub fn body(&self) -> Option<NodeId> {
        let html = self.html()?;
        self.children(html).find(|&n| self.is_element_named(n, "body"))
    }

    /// The quirks mode the tree builder settled on.
    #[must_use]
    pub fn quirks_mode(&self) -> QuirksMode {
        self.quirks_mode
    }

    /// How many nodes the arena holds, detached ones included.
    #[must_use]
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Text nodes of the arena in creation order, detached ones included,
    /// with their text: a scan without the pointer chasing of a tree walk,
    /// for passes that treat texts one by one (they check attachment).
    pub fn arena_texts(&self) -> impl Iterator<Item = (NodeId, &str)> + '_ {
        self.nodes.iter().enumerate().filter_map(|(i, n)| match &n.data {
            NodeData::Text(t) => Some((NodeId::from_index(i), &**t)),
            _ => None,
        })
    }

    /// HTML elements named `name` in the arena, in creation order, detached
    /// ones included (see [`Dom::arena_texts`]).
    pub fn arena_elements_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = NodeId> + 'a {
        self.nodes.iter().enumerate().filter_map(move |(i, n)| match &n.data {
            NodeData::Element(e) if e.is_html(name) => Some(NodeId::from_index(i)),
            _ => None,
        })
    }

    /// Never true: the document node always exists.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.index()]
    }

    fn node_mut(&mut self, id: NodeId) -> &mut Node {
        &mut self.nodes[id.index()]
    }

    // ---- Reading -------------------------------------------------------

    /// What the node is.
    #[must_use]
    pub fn data(&self, id: NodeId) -> &NodeData {
        &self.node(id).data
    }

    /// What the node is, to change in place.
    pub fn data_mut(&mut self, id: NodeId) -> &mut NodeData {
        &mut self.node_mut(id).data
    }

    /// The element, if the node is one.
    #[must_use]
    pub fn element(&self, id: NodeId) -> Option<&Element> {
        match &self.node(id).data {
            NodeData::Element(e) => Some(e),
            _ => None,
        }
    }

    /// The element, if the node is one, to change in place.
    pub fn element_mut(&mut self, id: NodeId) -> Option<&mut Element> {
        match &mut self.node_mut(id).data {
            NodeData::Element(e) => Some(e),
            _ => None,
        }
    }

    /// The text, if the node is a text node.
    #[must_use]
    pub fn text(&self, id: NodeId) -> Option<&str> {
        match &self.node(id).data {
            NodeData::Text(t) => Some(t),
            _ => None,
        }
    }

    /// Is the node an element?
    #[must_use]
    pub fn is_element(&self, id: NodeId) -> bool {
        matches!(self.node(id).data, NodeData::Element(_))
    }

    /// Is the node the HTML element `name` (a lowercase local name)?
    #[must_use]
    pub fn is_element_named(&self, id: NodeId, name: &str) -> bool {
        self.element(id).is_some_and(|e| e.is_html(name))
    }

    /// The element's local name (any namespace).
    #[must_use]
    pub fn local_name(&self, id: NodeId) -> Option<&str> {
        self.element(id).map(|e| &*e.name.local)
    }

    #[must_use]
    pub fn parent(&self, id: NodeId) -> Option<NodeId> {
        self.node(id).parent
    }

    #[must_use]
    pub fn first_child(&self, id: NodeId) -> Option<NodeId> {
        self.node(id).first_child
    }

    #[must_use]
    pub fn last_child(&self, id: NodeId) -> Option<NodeId> {
        self.node(id).last_child
    }

    #[must_use]
    pub fn next_sibling(&self, id: NodeId) -> Option<NodeId> {
        self.node(id).next
    }

    #[must_use]
    pub fn prev_sibling(&self, id: NodeId) -> Option<NodeId> {
        self.node(id).prev
    }

    /// The node's children, first to last (or reversed with `.rev()`).
    ///
    /// The iterator borrows the `Dom`; to mutate while walking, step with
    /// [`Dom::next_sibling`] after reading the next node first.
    #[must_use]
    pub fn children(&self, id: NodeId) -> Children<'_> {
        let n = self.node(id);
        Children { dom: self, front: n.first_child, back: n.last_child }
    }

    /// Open and close events for the subtree of `id`, `id` included, in
    /// document order. Needs no stack, however deep the tree.
    #[must_use]
    pub fn traverse(&self, id: NodeId) -> Traverse<'_> {
        Traverse { dom: self, root: id, next: Some(Edge::Open(id)) }
    }

    /// The nodes below `id` (not `id` itself), in document order. Each
    /// step reads the links as they are then, as [`Dom::traverse`] does.
    pub fn descendants(&self, id: NodeId) -> Descendants<'_> {
        let next = match self.first_child(id) {
            Some(c) => Step::Open(c),
            None => Step::Done,
        };
        Descendants { dom: self, root: id, next }
    }

    /// The ancestors of `id`, nearest first, `id` excluded.
    pub fn ancestors(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(self.parent(id), |&n| self.parent(n))
    }

    /// The concatenated text of the node and its descendants, as the DOM's
    /// `textContent` (comments excluded).
    #[must_use]
    pub fn text_content(&self, id: NodeId) -> String {
        let mut out = String::new();
        if let Some(t) = self.text(id) {
            out.push_str(t);
        }
        for n in self.descendants(id) {
            if let Some(t) = self.text(n) {
                out.push_str(t);
            }
        }
        out
    }

    // ---- Attributes ----------------------------------------------------

    /// The value of the attribute `name` of an element.
    #[must_use]
    pub fn attr(&self, id: NodeId, name: &str) -> Option<&str> {
        self.element(id)?.attr(name)
    }

    #[must_use]
    pub fn has_attr(&self, id: NodeId, name: &str) -> bool {
        self.attr(id, name).is_some()
    }

    /// Set (or add, last) the attribute `name`. No effect on a
    /// node that is not an element.
    pub fn set_attr(&mut self, id: NodeId, name: &'static str, value: impl Into<Cow<'static, str>>) {
        let Some(e) = self.element_mut(id) else { return };
        let value = value.into();
        if let Some(a) = e.attrs.iter_mut().find(|a| a.is(name)) {
            a.value = value;
        } else {
            e.attrs.push(Attribute { name: Cow::Borrowed(name), value });
        }
    }

    /// Remove the attribute `name`, returning its value.
    pub fn remove_attr(&mut self, id: NodeId, name: &str) -> Option<String> {
        let e = self.element_mut(id)?;
        let i = e.attrs.iter().position(|a| a.is(name))?;
        Some(e.attrs.remove(i).value.into_owned())
    }

    // ---- Marks (the renderer's side table) ------------------------------

    /// The value of the renderer's mark `name` (a reserved `wt …` name) on `id`.
    #[must_use]
    pub fn mark(&self, id: NodeId, name: &str) -> Option<&str> {
        self.marks.get(&id)?.iter().find(|(n, _)| &**n == name).map(|(_, v)| v.as_str())
    }

    /// Every element that carries the mark `name`, in document order of
    /// creation. Cheaper than a walk when few elements carry it.
    #[must_use]
    pub fn marked(&self, name: &str) -> Vec<NodeId> {
        let mut ids: Vec<NodeId> =
            self.marks.iter().filter(|(_, marks)| marks.iter().any(|(n, _)| &**n == name)).map(|(&id, _)| id).collect();
        ids.sort_unstable_by_key(|id| id.to_u32());
        ids
    }

    /// Whether `n` is inside `ancestor` (a strict descendant of it).
    #[must_use]
    pub fn is_inside(&self, n: NodeId, ancestor: NodeId) -> bool {
        self.ancestors(n).any(|a| a == ancestor)
    }

    /// Whether any node carries the mark `name`.
    #[must_use]
    pub fn any_marked(&self, name: &str) -> bool {
        self.marks.values().any(|marks| marks.iter().any(|(n, _)| &**n == name))
    }

    /// Whether `id` carries the mark `name`.
    #[must_use]
    pub fn has_mark(&self, id: NodeId, name: &str) -> bool {
        self.mark(id, name).is_some()
    }

    /// Give `id` the mark `name` (a reserved `wt …` name) with `value`,
    /// replacing the one it had.
    pub fn set_mark(&mut self, id: NodeId, name: &str, value: String) {
        let marks = self.marks.entry(id).or_default();
        match marks.iter_mut().find(|(n, _)| &**n == name) {
            Some((_, v)) => *v = value,
            None => marks.push((LocalName::from(name), value)),
        }
    }

    /// Remove the mark `name` from `id`, returning its value.
    pub fn remove_mark(&mut self, id: NodeId, name: &str) -> Option<String> {
        let marks = self.marks.get_mut(&id)?;
        let at = marks.iter().position(|(n, _)| &**n == name)?;
        let (_, value) = marks.swap_remove(at);
        if marks.is_empty() {
            self.marks.remove(&id);
        }
        Some(value)
    }

    /// The table `id` was foster-parented out of, if the tree builder
    /// moved it there (and nothing moved it back).
    #[must_use]
    pub fn fostered_from(&self, id: NodeId) -> Option<NodeId> {
        self.fostered.get(&id).copied()
    }

    // ---- Source ranges -------------------------------------------------

    /// Tell the DOM which wikitext its source ranges index into.
    pub fn set_source(&mut self, source: std::sync::Arc<str>) {
        self.source = Some(source);
    }

    /// The length of the page's wikitext, if the DOM knows its source.
    #[must_use]
    pub fn source_len(&self) -> Option<u32> {
        self.source.as_deref().and_then(|s| u32::try_from(s.len()).ok())
    }

    /// The page's wikitext in `range`, if the DOM knows its source.
    #[must_use]
    pub fn source_text(&self, range: SrcRange) -> Option<&str> {
        self.source.as_deref()?.get(range.start as usize..range.end as usize)
    }

    /// The source range of the start tag that made this element.
    #[must_use]
    pub fn src_range(&self, id: NodeId) -> Option<SrcRange> {
        self.src.get(id.index()).filter(|r| **r != NO_SRC).cloned()
    }

    /// The source range of the end tag that closed this element, if one did.
    #[must_use]
    pub fn end_src_range(&self, id: NodeId) -> Option<SrcRange> {
        self.end_src.get(&id).cloned()
    }

    pub fn set_src_range(&mut self, id: NodeId, range: Option<SrcRange>) {
        let i = id.index();
        if i >= self.src.len() {
            if range.is_none() {
                return;
            }
            // Room for the nodes made since, at least: one growth per many ranges.
            self.src.resize(self.nodes.len().max(i + 1), NO_SRC);
        }
        self.src[i] = range.unwrap_or(NO_SRC);
    }

    /// Widen `id`'s range over `range` (text merged into a text node).
    pub fn extend_src_range(&mut self, id: NodeId, range: SrcRange) {
        let joined = match self.src_range(id) {
            Some(r) => r.start.min(range.start)..r.end.max(range.end),
            None => range,
        };
        self.set_src_range(id, Some(joined));
    }

    pub fn set_end_src_range(&mut self, id: NodeId, range: Option<SrcRange>) {
        match range {
            Some(r) => self.end_src.insert(id, r),
            None => self.end_src.remove(&id),
        };
    }

    /// Every node of the arena, attached or not, in creation order: for
    /// passes that bound a total over the whole document without walking it.
    pub(crate) fn arena_data(&self) -> impl Iterator<Item = &NodeData> + '_ {
        self.nodes.iter().map(|n| &n.data)
    }

    // ---- Creating ------------------------------------------------------

    fn push(&mut self, data: NodeData) -> NodeId {
        let id = NodeId::from_index(self.nodes.len());
        self.nodes.push(Node::new(data));
        id
    }

    /// A new detached HTML element with attributes.
    pub fn create_element<I>(&mut self, local: &str, attrs: I) -> NodeId
    where
        I: IntoIterator<Item = (&'static str, String)>,
    {
        let attrs = attrs.into_iter().map(|(n, v)| Attribute { name: Cow::Borrowed(n), value: v.into() });
        self.create_element_ns(ElementName::html(local), attrs.collect())
    }

    /// A new detached element with any name and attributes.
    pub fn create_element_ns(&mut self, name: ElementName, attrs: ThinVec<Attribute>) -> NodeId {
        self.push(NodeData::Element(Element { name, attrs, mathml_annotation_xml_integration_point: false }))
    }

    /// The contents fragment of a `<template>` element.
    #[must_use]
    pub fn template_contents(&self, id: NodeId) -> Option<NodeId> {
        self.template_contents.get(&id).copied()
    }

    /// A new detached text node.
    pub fn create_text(&mut self, text: impl Into<CompactString>) -> NodeId {
        self.push(NodeData::Text(text.into()))
    }

    /// A new detached comment.
    pub fn create_comment(&mut self, text: impl Into<String>) -> NodeId {
        self.push(NodeData::Comment(text.into()))
    }

    // ---- Moving --------------------------------------------------------

    /// Would making `child` a child of `parent` put a node inside itself?
    fn would_cycle(&self, parent: NodeId, child: NodeId) -> bool {
        parent == child || self.ancestors(parent).any(|a| a == child)
    }

    /// Take the node out of its parent (it keeps its own children).
    pub fn detach(&mut self, id: NodeId) {
        let Node { parent, prev, next, .. } = *self.node(id);
        match prev {
            Some(p) => self.node_mut(p).next = next,
            None => {
                if let Some(par) = parent {
                    self.node_mut(par).first_child = next;
                }
            }
        }
        match next {
            Some(n) => self.node_mut(n).prev = prev,
            None => {
                if let Some(par) = parent {
                    self.node_mut(par).last_child = prev;
                }
            }
        }
        let n = self.node_mut(id);
        n.parent = None;
        n.prev = None;
        n.next = None;
    }

    /// Make `child` the last child of `parent`, moving it from wherever it was.
    ///
    /// Moving a node into its own subtree is a bug in the caller: it is
    /// caught by a debug assertion and ignored in release builds.
    pub fn append_child(&mut self, parent: NodeId, child: NodeId) {
        if cfg!(debug_assertions) && self.would_cycle(parent, child) {
            debug_assert!(false, "append_child would put {child:?} inside itself");
            return;
        }
        self.append_unchecked(parent, child);
    }

    fn append_unchecked(&mut self, parent: NodeId, child: NodeId) {
        self.detach(child);
        let last = self.node(parent).last_child;
        {
            let c = self.node_mut(child);
            c.parent = Some(parent);
            c.prev = last;
        }
        match last {
            Some(l) => self.node_mut(l).next = Some(child),
            None => self.node_mut(parent).first_child = Some(child),
        }
        self.node_mut(parent).last_child = Some(child);
    }

    /// Put `new` just before `reference`, moving it from wherever it was.
    /// No effect if `reference` has no parent.
    pub fn insert_before(&mut self, reference: NodeId, new: NodeId) {
        let Some(parent) = self.parent(reference) else { return };
        if cfg!(debug_assertions) && self.would_cycle(parent, new) {
            debug_assert!(false, "insert_before would put {new:?} inside itself");
            return;
        }
        self.insert_before_unchecked(reference, new);
    }

    fn insert_before_unchecked(&mut self, reference: NodeId, new: NodeId) {
        if reference == new {
            return;
        }
        let Some(parent) = self.parent(reference) else { return };
        self.detach(new);
        let prev = self.node(reference).prev;
        {
            let n = self.node_mut(new);
            n.parent = Some(parent);
            n.prev = prev;
            n.next = Some(reference);
        }
        self.node_mut(reference).prev = Some(new);
        match prev {
            Some(p) => self.node_mut(p).next = Some(new),
            None => self.node_mut(parent).first_child = Some(new),
        }
    }

    /// Put `new` just after `reference`. No effect if `reference` has no parent.
    pub fn insert_after(&mut self, reference: NodeId, new: NodeId) {
        if reference == new {
            return;
        }
        match self.next_sibling(reference) {
            Some(next) => self.insert_before(next, new),
            None => {
                if let Some(parent) = self.parent(reference) {
                    self.append_child(parent, new);
                }
            }
        }
    }

    /// Put `new` where `old` is and detach `old`.
    pub fn replace(&mut self, old: NodeId, new: NodeId) {
        if old == new || self.parent(old).is_none() {
            return;
        }
        self.insert_before(old, new);
        if self.parent(new).is_some() {
            self.detach(old);
        }
    }

    /// Move all children of `from` to the end of `to`.
    pub fn reparent_children(&mut self, from: NodeId, to: NodeId) {
        if cfg!(debug_assertions) && self.would_cycle(to, from) {
            debug_assert!(false, "reparent_children would put {from:?}'s children inside themselves");
            return;
        }
        self.reparent_unchecked(from, to);
    }

    fn reparent_unchecked(&mut self, from: NodeId, to: NodeId) {
        if from == to {
            return;
        }
        while let Some(c) = self.first_child(from) {
            self.append_unchecked(to, c);
        }
    }

    /// Replace the node by its children (they move up into its place), and
    /// detach it. No effect if the node has no parent.
    pub fn unwrap(&mut self, id: NodeId) {
        if self.parent(id).is_none() {
            return;
        }
        while let Some(c) = self.first_child(id) {
            self.insert_before_unchecked(id, c);
        }
        self.detach(id);
    }

    /// Replace `id` (which has a parent) with the text `text`, joined with
    /// the text siblings on either side of it.
    pub fn replace_with_text(&mut self, id: NodeId, text: &str) {
        if self.parent(id).is_none() {
            return;
        }
        let target = match self.prev_sibling(id) {
            Some(prev) if matches!(self.node(prev).data, NodeData::Text(_)) => {
                if let NodeData::Text(t) = &mut self.node_mut(prev).data {
                    t.push_str(text);
                }
                prev
            }
            _ => {
                let t = self.create_text(CompactString::new(text));
                self.insert_before_unchecked(id, t);
                t
            }
        };
        self.detach(id);
        if let Some(next) = self.next_sibling(target) {
            if let NodeData::Text(t) = &mut self.node_mut(next).data {
                let t = std::mem::take(t);
                self.detach(next);
                if let NodeData::Text(s) = &mut self.node_mut(target).data {
                    s.push_str(&t);
                }
            }
        }
    }

    /// Merge adjacent text nodes and drop empty ones in the subtree of `id`.
    pub fn merge_text_nodes(&mut self, id: NodeId) {
        let mut cur = self.first_child(id);
        while let Some(n) = cur {
            if matches!(self.node(n).data, NodeData::Text(_)) {
                // Absorb following text siblings into `n`.
                while let Some(next) = self.next_sibling(n) {
                    let NodeData::Text(t) = &mut self.node_mut(next).data else { break };
                    let t = std::mem::take(t);
                    self.detach(next);
                    if let NodeData::Text(s) = &mut self.node_mut(n).data {
                        s.push_str(&t);
                    }
                }
                let next = self.next_after_subtree(n, id);
                if self.text(n).is_some_and(str::is_empty) {
                    self.detach(n);
                }
                cur = next;
            } else {
                cur = self.first_child(n).or_else(|| self.next_after_subtree(n, id));
            }
        }
    }

    /// The next node in document order after the subtree of `n`, staying
    /// inside the subtree of `root`.
    fn next_after_subtree(&self, mut n: NodeId, root: NodeId) -> Option<NodeId> {
        loop {
            if n == root {
                return None;
            }
            if let Some(s) = self.next_sibling(n) {
                return Some(s);
            }
            n = self.parent(n)?;
        }
    }

    /// Append text to `parent`, merging with a text last child (the tree
    /// builder's contract).
    fn append_text(&mut self, parent: NodeId, text: &str) {
        if let Some(last) = self.last_child(parent) {
            if let NodeData::Text(t) = &mut self.node_mut(last).data {
                t.push_str(text);
                return;
            }
        }
        let t = self.create_text(CompactString::new(text));
        self.append_unchecked(parent, t);
    }

    /// Insert text before `sibling`, merging with a text previous sibling.
    fn insert_text_before(&mut self, sibling: NodeId, text: &str) {
        if let Some(prev) = self.prev_sibling(sibling) {
            if let NodeData::Text(t) = &mut self.node_mut(prev).data {
                t.push_str(text);
                return;
            }
        }
        let t = self.create_text(CompactString::new(text));
        self.insert_before_unchecked(sibling, t);
    }
}

/// The children of a node. See [`Dom::children`].
#[derive(Clone, Debug)]
pub struct Children<'a> {
    dom: &'a Dom,
    front: Option<NodeId>,
    back: Option<NodeId>,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let n = self.front?;
        if self.front == self.back {
            self.front = None;
            self.back = None;
        } else {
            self.front = self.dom.next_sibling(n);
        }
        Some(n)
    }
}

impl DoubleEndedIterator for Children<'_> {
    fn next_back(&mut self) -> Option<NodeId> {
        let n = self.back?;
        if self.front == self.back {
            self.front = None;
            self.back = None;
        } else {
            self.back = self.dom.prev_sibling(n);
        }
        Some(n)
    }
}

/// Entering or leaving a node in a [`Traverse`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edge {
    Open(NodeId),
    Close(NodeId),
}

/// A walk over a subtree by its links. See [`Dom::traverse`].
#[derive(Clone, Debug)]
pub struct Traverse<'a> {
    dom: &'a Dom,
    root: NodeId,
    next: Option<Edge>,
}

/// The walk of [`Dom::descendants`].
#[derive(Debug)]
pub struct Descendants<'a> {
    dom: &'a Dom,
    root: NodeId,
    next: Step,
}

#[derive(Clone, Copy, Debug)]
enum Step {
    /// Yield this node next.
    Open(NodeId),
    /// This node's subtree is done: go on from its next sibling, or up.
    After(NodeId),
    Done,
}

impl Iterator for Descendants<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        loop {
            match self.next {
                Step::Open(n) => {
                    self.next = match self.dom.first_child(n) {
                        Some(c) => Step::Open(c),
                        None => Step::After(n),
                    };
                    return Some(n);
                }
                Step::After(n) if n == self.root => self.next = Step::Done,
                Step::After(n) => {
                    self.next = match (self.dom.next_sibling(n), self.dom.parent(n)) {
                        (Some(s), _) => Step::Open(s),
                        (None, Some(p)) => Step::After(p),
                        (None, None) => Step::Done,
                    };
                }
                Step::Done => return None,
            }
        }
    }
}

impl Iterator for Traverse<'_> {
    type Item = Edge;
    fn next(&mut self) -> Option<Edge> {
        let edge = self.next?;
        self.next = match edge {
            Edge::Open(n) => Some(match self.dom.first_child(n) {
                Some(c) => Edge::Open(c),
                None => Edge::Close(n),
            }),
            Edge::Close(n) if n == self.root => None,
            Edge::Close(n) => match self.dom.next_sibling(n) {
                Some(s) => Some(Edge::Open(s)),
                None => self.dom.parent(n).map(Edge::Close),
            },
        };
        Some(edge)
    }
}

// ---- Tree building -----------------------------------------------------

/// The `TreeSink` html5ever builds a [`Dom`] through.
///
/// html5ever calls it through `&self`, hence the `RefCell`; each call
/// borrows the `Dom` only for its own duration, so nothing html5ever does
/// between calls can trip a borrow.
///
/// # End tag ranges
///
/// html5ever does not say which element an end tag closed (its `pop`
/// notification skips most paths), so [`crate::tree_builder::build`] asks
/// for the current node before and after each end tag with a *probe*: an
/// empty comment token, which the tree builder always inserts into the
/// current node (comments are never foster parented, and they change no
/// insertion mode or formatting state). The sink notes where the probe
/// went instead of linking it. [`DomSink::close_end_tag`] then picks the
/// closed element.
#[derive(Debug, Default)]
pub struct DomSink {
    dom: RefCell<Dom>,
    errors: Cell<usize>,
    /// The reusable probe comment, once made, and whether one is expected.
    probe: Cell<Option<NodeId>>,
    probing: Cell<bool>,
    probe_parent: Cell<Option<NodeId>>,
    /// Foster-parented elements and the table they were moved out of: for
    /// the end-tag search that table is their parent, as on the tree
    /// builder's stack.
    fostered: RefCell<FxHashMap<NodeId, NodeId>>,
    /// The source ranges of start tags fed so far, indexed by the value of
    /// their reserved attribute.
    src_ranges: RefCell<Vec<SrcRange>>,
    /// Attribute lists of start tags fed so far, indexed by the value of
    /// their [`STASH_ATTR`].
    stash: RefCell<Vec<Stashed>>,
    /// Slots of the stash whose element is made and which no later element
    /// copies (see [`DomSink::create_stashed_element`]): the next start tags
    /// take them, so the stash holds about as many entries as tags are
    /// open, not one per tag of the page (24,000 on the largest corpus page).
    free_stash: RefCell<Vec<u32>>,
    /// Emptied stand-in lists, back from html5ever, for the next start
    /// tags (see [`DomSink::stand_in_list`]).
    spare_lists: RefCell<Vec<Vec<html5ever::Attribute>>>,
    /// The page text the characters being fed came from, if known: the
    /// text node they land in takes it.
    text_src: Cell<Option<(u32, u32)>>,
}

impl DomSink {
    #[must_use]
    pub fn new() -> DomSink {
        DomSink::with_capacity(0)
    }

    /// A sink whose arena has room for `nodes` nodes.
    #[must_use]
    pub fn with_capacity(nodes: usize) -> DomSink {
        DomSink { dom: RefCell::new(Dom::with_capacity(nodes)), ..DomSink::default() }
    }

    /// Say which page text the characters fed next came from (`None`: not known).
    pub fn set_text_src(&self, src: Option<&SrcRange>) {
        self.text_src.set(src.map(|r| (r.start, r.end)));
    }

    /// How many parse errors html5ever reported.
    #[must_use]
    pub fn parse_errors(&self) -> usize {
        self.errors.get()
    }

    /// The built tree.
    #[must_use]
    pub fn into_dom(self) -> Dom {
        self.dom.into_inner()
    }

    fn with<R>(&self, f: impl FnOnce(&mut Dom) -> R) -> R {
        f(&mut self.dom.borrow_mut())
    }

    /// The next comment html5ever creates is a probe; see the type docs.
    pub fn start_probe(&self) {
        self.probing.set(true);
        self.probe_parent.set(None);
    }

    /// Where the probe went: the tree builder's current node.
    pub fn finish_probe(&self) -> Option<NodeId> {
        self.probing.set(false);
        self.probe_parent.take()
    }

    /// How many nodes exist; nodes created later have higher ids.
    #[must_use]
    pub fn node_count(&self) -> usize {
        self.dom.borrow().len()
    }

    /// The last element created since the node count was `created`.
    #[must_use]
    pub fn last_element_since(&self, created: usize) -> Option<NodeId> {
        let dom = self.dom.borrow();
        (created..dom.len()).rev().map(NodeId::from_index).find(|&id| dom.is_element(id))
    }

    /// The parent as the tree builder's stack sees it.
    fn logical_parent(&self, dom: &Dom, id: NodeId) -> Option<NodeId> {
        self.fostered.borrow().get(&id).copied().or_else(|| dom.parent(id))
    }

    /// How many ancestors `id` has (bounded by the caller's nesting cap).
    #[must_use]
    pub fn depth(&self, id: NodeId) -> usize {
        let dom = self.dom.borrow();
        let mut n = self.logical_parent(&dom, id);
        let mut depth = 0;
        while let Some(p) = n {
            depth += 1;
            n = self.logical_parent(&dom, p);
        }
        depth
    }

    /// Whether `current` is in a list item (`li`, `dt`, `dd`) with nothing
    /// between where a `<meta>` would act otherwise than as a void element
    /// in body: foreign content (which it would break out of), table
    /// structure (which would foster it), `select`, `template`.
    #[must_use]
    pub fn in_list_item(&self, current: NodeId) -> bool {
        let dom = self.dom.borrow();
        let mut n = Some(current);
        while let Some(id) = n {
            if let Some(e) = dom.element(id) {
                if e.name.ns != ns!(html) {
                    return false;
                }
                match &*e.name.local {
                    "li" | "dt" | "dd" => return true,
                    "table" | "tbody" | "thead" | "tfoot" | "tr" | "select" | "template" | "frameset" => return false,
                    _ => {}
                }
            }
            n = self.logical_parent(&dom, id);
        }
        false
    }

    /// The nearest element named `name` from `current` up (the element an
    /// end tag `name` would close).
    #[must_use]
    pub fn open_element_named(&self, current: NodeId, name: &LocalName) -> Option<NodeId> {
        let dom = self.dom.borrow();
        let mut n = Some(current);
        while let Some(id) = n {
            if dom.element(id).is_some_and(|e| e.name.ns == ns!(html) && e.name.local == *name) {
                return Some(id);
            }
            n = self.logical_parent(&dom, id);
        }
        None
    }

    /// Give the range of end tag `name` to the element it closed, given
    /// `before`, the open element of that name it was expected to close;
    /// `created`, the node count before the tag was processed; and
    /// `current`, the current node afterwards.
    ///
    /// An element is closed when it no longer contains the current node. If
    /// the tag made and closed an element of its name (the adoption agency
    /// moving `<b>` into a block, a stray `</p>`), that one owns the tag;
    /// otherwise `before` does, if it closed. An ignored end tag closes
    /// nothing and is recorded nowhere.
    pub fn close_end_tag(
        &self,
        name: &LocalName,
        range: SrcRange,
        before: Option<NodeId>,
        created: usize,
        current: Option<NodeId>,
    ) {
        let mut dom = self.dom.borrow_mut();
        let named =
            |dom: &Dom, id: NodeId| dom.element(id).is_some_and(|e| e.name.ns == ns!(html) && e.name.local == *name);
        let closed = |dom: &Dom, id: NodeId| {
            let Some(cur) = current else { return true };
            if id == cur {
                return false;
            }
            if self.logical_parent(dom, id) == Some(cur) {
                return true;
            }
            let mut n = self.logical_parent(dom, cur);
            while let Some(a) = n {
                if a == id {
                    return false;
                }
                n = self.logical_parent(dom, a);
            }
            true
        };
        let made = (created..dom.len()).rev().map(NodeId::from_index).find(|&id| named(&dom, id) && closed(&dom, id));
        let target = made.or_else(|| before.filter(|&b| closed(&dom, b)));
        if let Some(t) = target {
            dom.end_src.entry(t).or_insert(range);
        }
    }

    /// Is `n` the probe? Records where it was to go.
    fn caught_probe(&self, n: NodeId, parent: Option<NodeId>) -> bool {
        if self.probe.get() == Some(n) {
            self.probe_parent.set(parent);
            return true;
        }
        false
    }

    fn note_fostered(&self, child: &NodeOrText<NodeId>, table: NodeId) {
        if let NodeOrText::AppendNode(n) = child {
            self.fostered.borrow_mut().insert(*n, table);
        }
    }
}

/// An element's name as html5ever reads it: borrowed from the arena.
///
/// html5ever asks for names about 600,000 times on 30 corpus pages (scope
/// checks walk the stack of open elements), so a clone and drop of a
/// `QualName` each time cost about 3% of rendering. The borrow is shared:
/// html5ever reads a name within one expression or block and makes no sink
/// call that changes the tree while it holds one (markup5ever's own
/// `ElemName for Ref<QualName>` serves sinks built the same way), and the
/// sink's read-only calls take shared borrows too.
#[derive(Debug)]
pub enum BorrowedElemName<'a> {
    Element(std::cell::Ref<'a, ElementName>),
    /// A non-element (html5ever only asks about elements): a name that
    /// matches nothing, rather than a panic.
    NotAnElement(&'static ElementName),
}

static NO_ELEMENT_NAME: std::sync::LazyLock<ElementName> =
    std::sync::LazyLock::new(|| ElementName { ns: ns!(), local: local_name!("") });

impl ElemName for BorrowedElemName<'_> {
    fn ns(&self) -> &Namespace {
        match self {
            BorrowedElemName::Element(name) => &name.ns,
            BorrowedElemName::NotAnElement(name) => &name.ns,
        }
    }
    fn local_name(&self) -> &LocalName {
        match self {
            BorrowedElemName::Element(name) => &name.local,
            BorrowedElemName::NotAnElement(name) => &name.local,
        }
    }
}

/// Whether an attribute name is one of the renderer's reserved mark names
/// (`wt heading`, `wt transclusion` ...).
fn is_mark_name(name: &str) -> bool {
    name.starts_with("wt ") && name != SRC_ATTR && name != STASH_ATTR
}

/// A new element made by the tree builder, with its marks and source range.
/// The mark of an element tree building made again from a tag that made
/// one before (a formatting element reopened).
pub(crate) const REOPENED: &str = "wt reopened";

fn push_element(
    dom: &mut Dom,
    name: QualName,
    attrs: ThinVec<Attribute>,
    marks: Vec<(LocalName, String)>,
    src: Option<SrcRange>,
    flags: &ElementFlags,
) -> NodeId {
    let template_contents = flags.template.then(|| dom.push(NodeData::Fragment));
    let id = dom.push(NodeData::Element(Element {
        name: name.into(),
        attrs,
        mathml_annotation_xml_integration_point: flags.mathml_annotation_xml_integration_point,
    }));
    if let Some(contents) = template_contents {
        dom.template_contents.insert(id, contents);
    }
    if src.is_some() {
        dom.set_src_range(id, src);
    }
    if !marks.is_empty() {
        dom.marks.insert(id, marks);
    }
    id
}

/// Take the renderer's marks out of `attrs`: reserved names (with a space,
/// which no page attribute has) are marks, not attributes.
fn split_marks(attrs: &mut ThinVec<Attribute>) -> Vec<(LocalName, String)> {
    if !attrs.iter().any(|a| is_mark_name(&a.name)) {
        return Vec::new();
    }
    let mut marks = Vec::new();
    attrs.retain(|a| {
        let mark = is_mark_name(&a.name);
        if mark {
            marks.push((LocalName::from(&*a.name), a.value.to_string()));
        }
        !mark
    });
    marks
}

/// `n` in decimal, short enough for a tendril to hold inline (no allocation).
fn index_tendril(n: usize) -> StrTendril {
    // Up to eight digits stay inline in the tendril: no allocation.
    StrTendril::from_slice(itoa::Buffer::new().format(n))
}

/// Whether html5ever's active formatting list may make an element named
/// `name` again from its start tag (the HTML standard's formatting elements).
fn is_formatting_element(name: &QualName) -> bool {
    name.ns == ns!(html)
        && matches!(
            &*name.local,
            "a" | "b" | "big" | "code" | "em" | "font" | "i" | "nobr" | "s" | "small" | "strike" | "strong" | "tt" | "u"
        )
}

/// Move the reserved source attribute out of `attrs`.
impl DomSink {
    /// The value of the reserved attribute [`SRC_ATTR`] that carries `range`
    /// through the tree builder to the element it makes.
    #[must_use]
    pub fn src_attr_value(&self, range: SrcRange) -> StrTendril {
        let mut ranges = self.src_ranges.borrow_mut();
        let value = index_tendril(ranges.len());
        ranges.push(range);
        value
    }

    /// Keep a start tag's attributes (already lowercased, first of each name
    /// kept) and source range; the value of the [`STASH_ATTR`] that brings
    /// them to the element.
    pub fn stash_attrs(&self, attrs: ThinVec<Attribute>, marks_from: usize, src: Option<SrcRange>) -> StrTendril {
        let mut stash = self.stash.borrow_mut();
        let marks_from = u32::try_from(marks_from).unwrap_or(u32::MAX);
        let entry = Stashed { attrs, marks_from, src, made: None };
        if let Some(slot) = self.free_stash.borrow_mut().pop() {
            if let Some(free) = stash.get_mut(slot as usize) {
                *free = entry;
                return index_tendril(slot as usize);
            }
        }
        let value = index_tendril(stash.len());
        stash.push(entry);
        value
    }

    /// A list holding only `stand_in` to carry a stashed tag's index through
    /// html5ever, in a list an earlier stand-in came back in when there is
    /// one: a start tag then costs no allocation for it.
    pub fn stand_in_list(&self, stand_in: html5ever::Attribute) -> Vec<html5ever::Attribute> {
        let mut list = self.spare_lists.borrow_mut().pop().unwrap_or_default();
        list.push(stand_in);
        list
    }

    /// The stash index `attrs` stands for, if it is a stand-in.
    fn stash_index(attrs: &[html5ever::Attribute]) -> Option<usize> {
        match attrs {
            [a] if a.name.ns == ns!() && &*a.name.local == STASH_ATTR => a.value.parse::<usize>().ok(),
            _ => None,
        }
    }

    /// Make an element from a stashed tag (see [`STASH_ATTR`]).
    fn create_stashed_element(&self, name: QualName, index: usize, flags: ElementFlags) -> NodeId {
        if index >= self.stash.borrow().len() {
            return self.create_element(name, Vec::new(), flags);
        }
        let mut stash = self.stash.borrow_mut();
        let entry = &mut stash[index];
        let mut dom = self.dom.borrow_mut();
        let (attrs, marks) = match entry.made {
            Some(first) => (
                dom.element(first).map(|e| e.attrs.clone()).unwrap_or_default(),
                {
                    let mut marks = dom.marks.get(&first).cloned().unwrap_or_default();
                    marks.push((LocalName::from(REOPENED), String::new()));
                    marks
                },
            ),
            None => {
                let mut attrs = std::mem::take(&mut entry.attrs);
                // An empty tail collects into an empty list (no allocation).
                let from = (entry.marks_from as usize).min(attrs.len());
                let marks = attrs.drain(from..).map(|a| (LocalName::from(a.name), a.value.into_owned())).collect();
                (attrs, marks)
            }
        };
        // The active formatting list may make a formatting element again,
        // from this entry.
        let formatting = is_formatting_element(&name);
        let src = if formatting { entry.src.clone() } else { entry.src.take() };
        let id = push_element(&mut dom, name, attrs, marks, src, &flags);
        if formatting {
            entry.made.get_or_insert(id);
        } else if entry.made.is_none() {
            // Made once: html5ever copies only formatting elements, so the
            // slot is free for the next start tag.
            if let Ok(slot) = u32::try_from(index) {
                self.free_stash.borrow_mut().push(slot);
            }
        }
        id
    }

    /// Split the reserved attribute from the others and read its range.
    fn take_src(&self, attrs: Vec<html5ever::Attribute>) -> (ThinVec<Attribute>, Option<SrcRange>) {
        let mut src = None;
        let mut out = ThinVec::with_capacity(attrs.len());
        for a in attrs {
            if a.name.ns == ns!() && &*a.name.local == SRC_ATTR {
                if src.is_none() {
                    src = a.value.parse::<usize>().ok().and_then(|i| self.src_ranges.borrow().get(i).cloned());
                }
            } else {
                out.push(Attribute { name: attribute_name(&a.name), value: String::from(&*a.value).into() });
            }
        }
        (out, src)
    }
}

impl TreeSink for DomSink {
    type Handle = NodeId;
    type Output = Dom;
    type ElemName<'a> = BorrowedElemName<'a>;

    fn finish(self) -> Dom {
        self.into_dom()
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {
        // Wikitext makes misnested HTML all the time; Parsoid reports none
        // of it, so we only count.
        self.errors.set(self.errors.get().saturating_add(1));
    }

    fn get_document(&self) -> NodeId {
        NodeId::from_index(0)
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> BorrowedElemName<'a> {
        match std::cell::Ref::filter_map(self.dom.borrow(), |dom| dom.element(*target).map(|e| &e.name)) {
            Ok(name) => BorrowedElemName::Element(name),
            Err(_) => BorrowedElemName::NotAnElement(&NO_ELEMENT_NAME),
        }
    }

    fn create_element(&self, name: QualName, attrs: Vec<html5ever::Attribute>, flags: ElementFlags) -> NodeId {
        if let Some(index) = DomSink::stash_index(&attrs) {
            let mut list = attrs;
            list.clear();
            let mut spare = self.spare_lists.borrow_mut();
            // A few suffice: each comes back before the next start tag.
            if spare.len() < 4 {
                spare.push(list);
            }
            drop(spare);
            return self.create_stashed_element(name, index, flags);
        }
        let (mut attrs, src) = self.take_src(attrs);
        let marks = split_marks(&mut attrs);
        self.with(|dom| push_element(dom, name, attrs, marks, src, &flags))
    }

    fn create_comment(&self, text: StrTendril) -> NodeId {
        if self.probing.get() {
            let probe = self.probe.get().unwrap_or_else(|| self.with(|dom| dom.push(NodeData::Comment(String::new()))));
            self.probe.set(Some(probe));
            return probe;
        }
        self.with(|dom| dom.create_comment(String::from(&*text)))
    }

    fn create_pi(&self, _target: StrTendril, data: StrTendril) -> NodeId {
        // Processing instructions exist only in XML; the HTML tree builder
        // never makes one. Keep the data as a comment, as HTML parses `<?x?>`.
        self.with(|dom| dom.create_comment(String::from(&*data)))
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        if let NodeOrText::AppendNode(n) = child {
            if self.caught_probe(n, Some(*parent)) {
                return;
            }
            // Moved back into the tree proper (by the adoption agency).
            let mut fostered = self.fostered.borrow_mut();
            if !fostered.is_empty() && fostered.remove(&n).is_some() {
                self.with(|dom| dom.fostered.remove(&n));
            }
        }
        self.with(|dom| match child {
            NodeOrText::AppendNode(n) => dom.append_unchecked(*parent, n),
            NodeOrText::AppendText(t) => {
                dom.append_text(*parent, &t);
                if let (Some((a, b)), Some(text)) = (self.text_src.get(), dom.last_child(*parent)) {
                    dom.extend_src_range(text, a..b);
                }
            }
        });
    }

    fn append_based_on_parent_node(&self, element: &NodeId, prev_element: &NodeId, child: NodeOrText<NodeId>) {
        // Foster parenting: before the table, or into the element below it
        // on the stack when the table has left the tree.
        self.note_fostered(&child, *element);
        let has_parent = self.with(|dom| dom.parent(*element).is_some());
        if has_parent {
            let node = match &child {
                NodeOrText::AppendNode(n) => Some(*n),
                NodeOrText::AppendText(_) => None,
            };
            self.append_before_sibling(element, child);
            // The node now before the table is what moved (text may have
            // merged into a text node there).
            self.with(|dom| {
                let moved = node.or_else(|| dom.prev_sibling(*element).filter(|&p| dom.text(p).is_some()));
                if let Some(m) = moved.filter(|&m| dom.parent(m).is_some()) {
                    dom.fostered.insert(m, *element);
                }
            });
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, name: StrTendril, public_id: StrTendril, system_id: StrTendril) {
        self.with(|dom| {
            let d = dom.push(NodeData::Doctype(Box::new(Doctype {
                name: Box::from(&*name),
                public_id: Box::from(&*public_id),
                system_id: Box::from(&*system_id),
            })));
            let doc = dom.document();
            dom.append_unchecked(doc, d);
        });
    }

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        // Only asked of templates; anything else answers with itself.
        self.dom.borrow().template_contents(*target).unwrap_or(*target)
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.with(|dom| dom.quirks_mode = mode);
    }

    fn append_before_sibling(&self, sibling: &NodeId, child: NodeOrText<NodeId>) {
        if let NodeOrText::AppendNode(n) = child {
            if self.caught_probe(n, self.with(|dom| dom.parent(*sibling))) {
                return;
            }
        }
        self.with(|dom| match child {
            NodeOrText::AppendNode(n) => dom.insert_before_unchecked(*sibling, n),
            NodeOrText::AppendText(t) => {
                dom.insert_text_before(*sibling, &t);
                if let (Some((a, b)), Some(text)) = (self.text_src.get(), dom.prev_sibling(*sibling)) {
                    dom.extend_src_range(text, a..b);
                }
            }
        });
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<html5ever::Attribute>) {
        // A second `<body>` or `<html>` tag: its range is not the element's,
        // so the reserved attribute is dropped.
        let (attrs, _) = self.take_src(attrs);
        self.with(|dom| {
            if let Some(e) = dom.element_mut(*target) {
                for a in attrs {
                    if !e.attrs.iter().any(|b| b.name == a.name) {
                        e.attrs.push(a);
                    }
                }
            }
        });
    }

    fn remove_from_parent(&self, target: &NodeId) {
        self.with(|dom| dom.detach(*target));
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        self.with(|dom| dom.reparent_unchecked(*node, *new_parent));
    }

    fn is_mathml_annotation_xml_integration_point(&self, handle: &NodeId) -> bool {
        self.dom.borrow().element(*handle).is_some_and(|e| e.mathml_annotation_xml_integration_point)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nodes_and_attributes_stay_small() {
        // Every node of a page's arena is as large as the largest kind, and
        // the largest corpus page has 18,000 nodes and 27,000 attributes.
        assert_eq!(std::mem::size_of::<Node>(), 56);
        assert_eq!(std::mem::size_of::<Attribute>(), 48);
    }

    /// A start tag as the feeder gives it to html5ever: its attributes in
    /// the stash, one stand-in attribute in their place.
    fn stashed_element(sink: &DomSink, name: &str, class: &str) -> NodeId {
        let value = sink.stash_attrs(thin_vec::thin_vec![Attribute::new("class", class.to_string())], 1, Some(3..9));
        let stand_in = html5ever::Attribute { name: QualName::new(None, ns!(), LocalName::from(STASH_ATTR)), value };
        let name = QualName::new(None, ns!(html), LocalName::from(name));
        sink.create_element(name, sink.stand_in_list(stand_in), ElementFlags::default())
    }

    #[test]
    fn stash_slots_are_reused_once_their_element_is_made() {
        let sink = DomSink::new();
        let divs: Vec<NodeId> = (0..100).map(|i| stashed_element(&sink, "div", &i.to_string())).collect();
        // Each slot was free again for the next tag.
        assert_eq!(sink.stash.borrow().len(), 1);
        let b = stashed_element(&sink, "b", "bold");
        let after_b = stashed_element(&sink, "p", "after");
        // A formatting element keeps its slot: html5ever may make it again
        // (reconstructing the active formatting list) with the same stand-in.
        assert_eq!(sink.stash.borrow().len(), 2);
        let again = sink.create_element(
            QualName::new(None, ns!(html), local_name!("b")),
            vec![html5ever::Attribute {
                name: QualName::new(None, ns!(), LocalName::from(STASH_ATTR)),
                value: StrTendril::from_slice("0"),
            }],
            ElementFlags::default(),
        );
        let dom = sink.into_dom();
        for (i, div) in divs.iter().enumerate() {
            assert_eq!(dom.attr(*div, "class"), Some(i.to_string().as_str()));
            assert_eq!(dom.src_range(*div), Some(3..9));
        }
        assert_eq!(dom.attr(b, "class"), Some("bold"));
        assert_eq!(dom.attr(after_b, "class"), Some("after"));
        assert_eq!(dom.attr(again, "class"), Some("bold"));
        assert_eq!(dom.src_range(again), Some(3..9));
    }

    #[test]
    fn foreign_attributes_keep_their_prefix_in_the_name() {
        let qual = |prefix: Option<&str>, ns: Namespace, local: &str| {
            attribute_name(&QualName::new(prefix.map(html5ever::Prefix::from), ns, LocalName::from(local)))
        };
        assert_eq!(&*qual(None, ns!(), "class"), "class");
        assert_eq!(&*qual(Some("xlink"), ns!(xlink), "href"), "xlink:href");
        assert_eq!(&*qual(Some("xml"), ns!(xml), "lang"), "xml:lang");
        assert_eq!(&*qual(None, ns!(xmlns), "xmlns"), "xmlns");
        assert_eq!(&*qual(Some("xmlns"), ns!(xmlns), "xlink"), "xmlns:xlink");
    }
}
