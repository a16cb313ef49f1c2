//! Editing a parsed page and writing it back with every untouched byte kept,
//! in the spirit of toml_edit.
//!
//! A [`Document`] holds the immutable [`Tree`] of the page and the edits made
//! to it, each a *splice*: a byte range of the original source and the text
//! that replaces it (an insertion is an empty range). Handles are the typed
//! views of [`crate::ast`] ([`Template`], [`WikiLink`], [`Heading`], [`Tag`],
//! [`Comment`]) or any [`NodeId`], so they stay valid across edits: they name
//! places in the original page. An edit costs a parse of the fragment and a
//! `BTreeMap` insertion (logarithmic in the number of edits), never a pass
//! over the page; [`Document::to_wikitext`] copies the untouched stretches and
//! the splices in one pass.
//!
//! A fragment is checked against the place it goes: text that would pair with
//! brackets around it (`|` or `}}` in a parameter's value, `]]` in a link's
//! text, an unclosed `{{` anywhere) is escaped or refused, as [`Escaping`]
//! says. Markup that means something at the start of a line (`*`, `==`, a
//! table's `|-`) is not checked: where a fragment starts a line is the
//! caller's to mind. Editing inside a node that an earlier edit replaced is refused with
//! [`EditError::Overlap`]; replacing a node drops the earlier edits inside it.
//!
//! ```
//! use wikitext_parser::edit::{Document, Escaping};
//! let mut doc = Document::parse("{{cite web |url=x |title=y}} see [[A|b]]<!-- c -->");
//! let cite = doc.templates().next().unwrap();
//! doc.set_param(cite, "date", "2024", Escaping::Escape).unwrap();
//! doc.set_template_name(cite, "Cite web", Escaping::Escape).unwrap();
//! doc.remove_param(cite, "title").unwrap();
//! let link = doc.links().next().unwrap();
//! doc.set_link_text(link, Some("B|C"), Escaping::Escape).unwrap();
//! let comment = doc.comments().next().unwrap();
//! doc.remove(comment.id()).unwrap();
//! assert_eq!(doc.to_wikitext(), "{{Cite web |url=x |date=2024}} see [[A|B|C]]");
//! ```

mod fragment;

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::ops::Range;

pub use fragment::{Escaping, Place};

use crate::ast::{Comment, Heading, Tag, Template, TemplateArgument, WikiLink};
use crate::{NodeId, SyntaxKind, Tree};

/// Why an edit was not made. The document is unchanged after an error.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum EditError {
    /// The fragment would change the structure around it, and the caller chose
    /// [`Escaping::Refuse`].
    WouldChangeStructure { place: Place, fragment: String },
    /// A template's name or a link's target would hold what no title can
    /// (`[]{}<>|`, a line break, a tag); escaping cannot help.
    NotATitle { fragment: String },
    /// The edit falls partly inside a range an earlier edit replaced.
    Overlap { range: Range<usize> },
    /// The template has no parameter of that name.
    NoSuchParam { key: String },
    /// The node has no such part (a heading without its markers, the root...).
    NoSuchPart { what: &'static str },
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::WouldChangeStructure { place, fragment } => {
                write!(f, "the fragment {fragment:?} would change the structure around it ({place:?})")
            }
            EditError::NotATitle { fragment } => write!(f, "{fragment:?} cannot be a title"),
            EditError::Overlap { range } => write!(f, "the edit at {range:?} overlaps an earlier edit"),
            EditError::NoSuchParam { key } => write!(f, "the template has no parameter {key:?}"),
            EditError::NoSuchPart { what } => write!(f, "the node has no {what}"),
        }
    }
}

impl std::error::Error for EditError {}

/// A replacement of `start..end` of the source (an insertion when empty).
#[derive(Clone, Debug)]
struct Splice {
    end: u32,
    text: String,
}

/// A parsed page and the edits made to it.
#[derive(Clone, Debug)]
pub struct Document {
    tree: Tree,
    /// Keyed by (start, end, order made), so insertions at one place keep their order
    /// and an insertion before a node sorts before the node's replacement.
    splices: BTreeMap<(u32, u32, u32), Splice>,
    made: u32,
    /// Parameters added by [`Document::set_param`], by template and key, so that
    /// setting one again replaces it.
    added: HashMap<(NodeId, String), (u32, u32, u32)>,
}

impl Document {
    /// Parses `src` with the default options.
    #[must_use]
    pub fn parse(src: &str) -> Document {
        Document::from_tree(crate::parse(src))
    }

    /// Edits an already parsed page.
    #[must_use]
    pub fn from_tree(tree: Tree) -> Document {
        Document { tree, splices: BTreeMap::new(), made: 0, added: HashMap::new() }
    }

    /// The tree of the original page; handles and ranges refer to it.
    #[must_use]
    pub fn tree(&self) -> &Tree {
        &self.tree
    }

    /// Whether any edit was made.
    #[must_use]
    pub fn is_edited(&self) -> bool {
        !self.splices.is_empty()
    }

    /// Every template of the page, nested ones included, in source order.
    pub fn templates(&self) -> impl Iterator<Item = Template> + '_ {
        self.tree.iter().filter_map(|id| Template::cast(&self.tree, id))
    }

    /// Every wiki link, in source order.
    pub fn links(&self) -> impl Iterator<Item = WikiLink> + '_ {
        self.tree.iter().filter_map(|id| WikiLink::cast(&self.tree, id))
    }

    /// Every heading, in source order.
    pub fn headings(&self) -> impl Iterator<Item = Heading> + '_ {
        self.tree.iter().filter_map(|id| Heading::cast(&self.tree, id))
    }

    /// Every tag, in source order.
    pub fn tags(&self) -> impl Iterator<Item = Tag> + '_ {
        self.tree.iter().filter_map(|id| Tag::cast(&self.tree, id))
    }

    /// Every comment, in source order.
    pub fn comments(&self) -> impl Iterator<Item = Comment> + '_ {
        self.tree.iter().filter_map(|id| Comment::cast(&self.tree, id))
    }

    /// Every run of plain text (`TEXT` tokens), in source order.
    pub fn texts(&self) -> impl Iterator<Item = NodeId> + '_ {
        self.tree.iter().filter(|&id| self.tree.kind(id) == SyntaxKind::TEXT)
    }

    /// Replaces a node with a wikitext fragment.
    ///
    /// # Errors
    /// The fragment would change the structure and `escaping` refuses it, or the
    /// node is inside a range an earlier edit replaced.
    pub fn replace(&mut self, node: NodeId, fragment: &str, escaping: Escaping) -> Result<(), EditError> {
        let place = Place::of_node(&self.tree, node);
        let text = self.fit(node, fragment, place, escaping)?;
        self.splice(self.tree.range(node), text)
    }

    /// Inserts a fragment just before a node.
    ///
    /// # Errors
    /// As [`Document::replace`].
    pub fn insert_before(&mut self, node: NodeId, fragment: &str, escaping: Escaping) -> Result<(), EditError> {
        let place = Place::of_node(&self.tree, node);
        let text = self.fit(node, fragment, place, escaping)?;
        let at = self.tree.range(node).start;
        self.splice(at..at, text)
    }

    /// Inserts a fragment just after a node.
    ///
    /// # Errors
    /// As [`Document::replace`].
    pub fn insert_after(&mut self, node: NodeId, fragment: &str, escaping: Escaping) -> Result<(), EditError> {
        let place = Place::of_node(&self.tree, node);
        let text = self.fit(node, fragment, place, escaping)?;
        let at = self.tree.range(node).end;
        self.splice(at..at, text)
    }

    /// Removes a node.
    ///
    /// # Errors
    /// The node is inside a range an earlier edit replaced.
    pub fn remove(&mut self, node: NodeId) -> Result<(), EditError> {
        self.splice(self.tree.range(node), String::new())
    }

    /// Sets a template's name, keeping the whitespace around the old one.
    ///
    /// # Errors
    /// As [`Document::replace`].
    pub fn set_template_name(&mut self, template: Template, name: &str, escaping: Escaping) -> Result<(), EditError> {
        let part = template.name(&self.tree).ok_or(EditError::NoSuchPart { what: "name" })?;
        let text = self.fit(template.id(), name, Place::TemplateName, escaping)?;
        self.splice(trimmed(&self.tree, self.tree.range(part)), text)
    }

    /// The current text of a parameter's value, as the source has it (edits not applied).
    #[must_use]
    pub fn param(&self, template: Template, key: &str) -> Option<TemplateArgument> {
        template.param(&self.tree, key)
    }

    /// Sets parameter `key` to `value`: an existing parameter keeps the whitespace
    /// around its value; a new one is added at the end with the spacing most of
    /// the template's named parameters use (`|key = value` or `|key=value`, one a
    /// line or all on one), as mwparserfromhell's `Template.add` does.
    ///
    /// # Errors
    /// As [`Document::replace`].
    pub fn set_param(&mut self, template: Template, key: &str, value: &str, escaping: Escaping) -> Result<(), EditError> {
        let positional = key.bytes().all(|b| b.is_ascii_digit()) && !key.is_empty();
        if let Some(param) = template.param(&self.tree, key) {
            let place = if param.name(&self.tree).is_some() { Place::ParamValue } else { Place::PositionalValue };
            let text = self.fit(template.id(), value, place, escaping)?;
            let range = param.value_range(&self.tree);
            return self.splice(trimmed(&self.tree, range), text);
        }
        let unnamed = template.params(&self.tree).filter(|p| p.name(&self.tree).is_none()).count();
        let spacing = Spacing::of(&self.tree, template);
        let text = if positional && key.parse::<usize>().ok() == Some(unnamed + 1) {
            // The next unnamed parameter in order needs no name.
            format!("|{}", self.fit(template.id(), value, Place::PositionalValue, escaping)?)
        } else {
            let name = self.fit(template.id(), key, Place::ParamName, escaping)?;
            let value = self.fit(template.id(), value, Place::ParamValue, escaping)?;
            let s = spacing.unwrap_or_default();
            format!("|{}{name}{}={}{value}{}", s.before_name, s.after_name, s.before_value, s.after_value)
        };
        let slot = (template.id(), key.to_owned());
        if let Some(splice) = self.added.get(&slot).and_then(|k| self.splices.get_mut(k)) {
            splice.text = text;
            return Ok(());
        }
        let close = self.tree.children(template.id()).last().filter(|&c| self.tree.text(c) == "}}");
        let at = close.map_or(self.tree.range(template.id()).end, |c| self.tree.range(c).start);
        self.splice(at..at, text)?;
        self.added.insert(slot, (to_u32(at), to_u32(at), self.made));
        Ok(())
    }

    /// Removes parameter `key` with its leading `|`.
    ///
    /// # Errors
    /// [`EditError::NoSuchParam`], or an overlap with an earlier edit.
    pub fn remove_param(&mut self, template: Template, key: &str) -> Result<(), EditError> {
        if let Some(splice) = self.added.remove(&(template.id(), key.to_owned())) {
            self.splices.remove(&splice);
            return Ok(());
        }
        let param = template.param(&self.tree, key).ok_or_else(|| EditError::NoSuchParam { key: key.to_owned() })?;
        self.splice(self.tree.range(param.id()), String::new())
    }

    /// Renames parameter `old` to `new`, keeping the whitespace around the name.
    /// An unnamed parameter gets a name.
    ///
    /// # Errors
    /// [`EditError::NoSuchParam`], or as [`Document::replace`].
    pub fn rename_param(&mut self, template: Template, old: &str, new: &str, escaping: Escaping) -> Result<(), EditError> {
        let param = template.param(&self.tree, old).ok_or_else(|| EditError::NoSuchParam { key: old.to_owned() })?;
        let text = self.fit(template.id(), new, Place::ParamName, escaping)?;
        match param.name(&self.tree) {
            Some(name) => self.splice(trimmed(&self.tree, self.tree.range(name)), text),
            None => {
                let at = param.text_range(&self.tree).start;
                self.splice(at..at, format!("{text}="))
            }
        }
    }

    /// Sets a link's target, keeping the whitespace around it.
    ///
    /// # Errors
    /// As [`Document::replace`].
    pub fn set_link_target(&mut self, link: WikiLink, target: &str, escaping: Escaping) -> Result<(), EditError> {
        let part = link.target(&self.tree).ok_or(EditError::NoSuchPart { what: "target" })?;
        let text = self.fit(link.id(), target, Place::LinkTarget, escaping)?;
        self.splice(trimmed(&self.tree, self.tree.range(part)), text)
    }

    /// Sets a link's text (`None` removes it with its `|`).
    ///
    /// # Errors
    /// As [`Document::replace`].
    pub fn set_link_text(&mut self, link: WikiLink, text: Option<&str>, escaping: Escaping) -> Result<(), EditError> {
        let target = link.target(&self.tree).ok_or(EditError::NoSuchPart { what: "target" })?;
        let after_target = self.tree.range(target).end;
        let close = self.tree.children(link.id()).last().filter(|&c| self.tree.text(c) == "]]");
        let end = close.map_or(self.tree.range(link.id()).end, |c| self.tree.range(c).start);
        let replacement = match text {
            Some(t) => format!("|{}", self.fit(link.id(), t, Place::LinkText, escaping)?),
            None => String::new(),
        };
        self.splice(after_target..end, replacement)
    }

    /// Sets a heading's title, keeping its level and the spaces inside the markers.
    ///
    /// # Errors
    /// As [`Document::replace`].
    pub fn set_heading_title(&mut self, heading: Heading, title: &str, escaping: Escaping) -> Result<(), EditError> {
        let text = self.fit(heading.id(), title, Place::Text, escaping)?;
        let range = heading.title_range(&self.tree);
        self.splice(trimmed(&self.tree, range), text)
    }

    /// The page with every edit applied.
    #[must_use]
    pub fn to_wikitext(&self) -> String {
        let src = self.tree.src();
        let mut out = String::with_capacity(src.len() + self.splices.values().map(|s| s.text.len()).sum::<usize>());
        let mut at = 0usize;
        for (&(start, _, _), splice) in &self.splices {
            out.push_str(&src[at..start as usize]);
            out.push_str(&splice.text);
            at = splice.end as usize;
        }
        out.push_str(&src[at..]);
        out
    }

    /// Records a splice. Earlier splices wholly inside `range` are dropped (the
    /// new text replaces them); one that straddles an end of it is an overlap.
    fn splice(&mut self, range: Range<usize>, text: String) -> Result<(), EditError> {
        let (start, end) = (to_u32(range.start), to_u32(range.end));
        // Splices never overlap, so walking back from `end` the first one that ends
        // before `start` ends the search.
        let mut inside = Vec::new();
        for (&key, splice) in self.splices.range(..=(end, u32::MAX, u32::MAX)).rev() {
            let (s, e) = (key.0, splice.end);
            if e < start || (e == start && s < start) {
                break;
            }
            let starts_at_our_end = s == end && (e > s || start < end);
            let inserts_at_our_start = s == e && s == start;
            if starts_at_our_end || inserts_at_our_start {
                continue;
            }
            if start < end && s >= start && e <= end {
                inside.push(key);
            } else {
                return Err(EditError::Overlap { range });
            }
        }
        for key in inside {
            self.splices.remove(&key);
        }
        self.made += 1;
        self.splices.insert((start, end, self.made), Splice { end, text });
        Ok(())
    }
}

impl Document {
    /// The fragment as it can be written at `place` inside node `at`.
    fn fit(&self, at: NodeId, fragment: &str, place: Place, escaping: Escaping) -> Result<String, EditError> {
        let misfit = |misfit| match misfit {
            fragment::Misfit::Structure => EditError::WouldChangeStructure { place, fragment: fragment.to_owned() },
            fragment::Misfit::Title => EditError::NotATitle { fragment: fragment.to_owned() },
        };
        // Escape first what would reach out of the node's tag, so that what it
        // leaves as plain text is then checked like any other.
        let tree = &self.tree;
        let ancestors = || std::iter::successors(Some(at), |&p| tree.parent(p));
        let mut text = fragment.to_owned();
        // Inside a tag's attributes a `>` or a quote would end the tag or the value.
        if ancestors().any(|id| tree.kind(id) == SyntaxKind::ATTRIBUTES) {
            text = fragment::escape_in_attribute(&text, escaping).map_err(misfit)?;
        }
        // A tag of the name of an extension tag the node is in would close it early.
        for tag in ancestors().filter_map(|id| Tag::cast(tree, id)) {
            if tag.is_extension(tree) {
                text = fragment::escape_tag_name(&text, tag.name(tree), escaping).map_err(misfit)?;
            }
        }
        let text = fragment::fit(&text, place, escaping).map_err(misfit)?;
        Ok(text)
    }
}

fn to_u32(n: usize) -> u32 {
    // Offsets come from the tree, whose source is capped at u32::MAX bytes.
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// `range` without the whitespace at its ends (an empty range at the first
/// non-space byte when it is all whitespace).
fn trimmed(tree: &Tree, range: Range<usize>) -> Range<usize> {
    let text = &tree.src()[range.clone()];
    let lead = text.len() - text.trim_start().len();
    let core = text.trim();
    range.start + lead..range.start + lead + core.len()
}

/// The whitespace a template's named parameters use around names and values.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Spacing {
    before_name: String,
    after_name: String,
    before_value: String,
    after_value: String,
}

impl Spacing {
    /// The most common spacing of each part among the named parameters (the
    /// later one on a tie); `None` when the template has none.
    fn of(tree: &Tree, template: Template) -> Option<Spacing> {
        let mut names = Vec::new();
        let mut values = Vec::new();
        for param in template.params(tree) {
            let Some(name) = param.name(tree) else { continue };
            names.push(edges(tree.text(name)));
            values.push(edges(&tree.src()[param.value_range(tree)]));
        }
        if names.is_empty() {
            return None;
        }
        let (before_name, after_name) = most_common(&names);
        let (before_value, after_value) = most_common(&values);
        Some(Spacing { before_name, after_name, before_value, after_value })
    }
}

/// The leading and trailing whitespace of a part (all of it leading when blank).
fn edges(text: &str) -> (&str, &str) {
    let core = text.trim();
    if core.is_empty() {
        return (text, "");
    }
    let lead = text.len() - text.trim_start().len();
    (&text[..lead], &text[lead + core.len()..])
}

fn most_common(parts: &[(&str, &str)]) -> (String, String) {
    let befores: Vec<&str> = parts.iter().map(|p| p.0).collect();
    let afters: Vec<&str> = parts.iter().map(|p| p.1).collect();
    (mode(&befores), mode(&afters))
}

/// The most frequent string, the later one on a tie.
fn mode(items: &[&str]) -> String {
    let mut best = "";
    let mut best_count = 0;
    for item in items {
        let count = items.iter().filter(|i| *i == item).count();
        if count >= best_count {
            best = item;
            best_count = count;
        }
    }
    best.to_owned()
}

#[cfg(test)]
mod tests;
