//! Read-only typed views over the untyped [`Tree`], rust-analyzer style.
//!
//! A view is a [`NodeId`] known to be of a given kind: `Template::cast(tree, id)`
//! returns `Some` only for a `TEMPLATE` node. Its getters take the tree and
//! return the parts a tool wants (a template's name and parameters, a link's
//! target and text, a heading's level and title, a tag's name and attributes),
//! as nodes or byte ranges into the source, so nothing is copied.
//! Getters return `Option` where the part can be missing from the source.
//!
//! Beside the views: [`sections`] splits a page at its headings, and
//! [`plain_text`] drops the markup and keeps the prose (mwparserfromhell's
//! `strip_code`).
//!
//! ```
//! use wikitext_parser::ast::{ArgumentKey, Template};
//! let tree = wikitext_parser::parse("{{Infobox|a|name = x}}");
//! let id = tree.iter().find(|&id| Template::cast(&tree, id).is_some()).unwrap();
//! let template = Template::cast(&tree, id).unwrap();
//! assert_eq!(template.name_text(&tree), "Infobox");
//! let keys: Vec<_> = template.params(&tree).map(|p| p.key(&tree)).collect();
//! assert_eq!(keys, [ArgumentKey::Positional(1), ArgumentKey::Named("name")]);
//! ```

use std::ops::Range;

use crate::{NodeId, SyntaxKind, Tree};

/// A typed view of one node kind.
pub trait AstNode: Copy {
    /// The view of `id` if the node is of this view's kind.
    fn cast(tree: &Tree, id: NodeId) -> Option<Self>;
    /// The node the view stands for.
    fn id(self) -> NodeId;
}

macro_rules! ast_node {
    ($(#[$doc:meta])* $name:ident, $($kind:ident)|+) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub struct $name(NodeId);

        impl AstNode for $name {
            fn cast(tree: &Tree, id: NodeId) -> Option<Self> {
                matches!(tree.kind(id), $(SyntaxKind::$kind)|+).then_some($name(id))
            }
            fn id(self) -> NodeId {
                self.0
            }
        }

        impl $name {
            /// The view of `id` if the node is of this view's kind.
            #[must_use]
            pub fn cast(tree: &Tree, id: NodeId) -> Option<Self> {
                <Self as AstNode>::cast(tree, id)
            }

            /// The node the view stands for.
            #[must_use]
            pub fn id(self) -> NodeId {
                self.0
            }
        }
    };
}

ast_node!(
    /// `{{name|arg|key=value}}`, parser functions (`{{#if:x|y}}`) and variables included.
    Template, TEMPLATE
);
ast_node!(
    /// `[[target|text]]`, file and category links included.
    WikiLink, WIKI_LINK
);
ast_node!(
    /// `[http://example.org text]`, or a bare URL standing alone in text.
    ExternalLink, EXTERNAL_LINK | BARE_URL
);
ast_node!(
    /// `== title ==` on its own line.
    Heading, HEADING
);
ast_node!(
    /// An HTML start tag (`<b class=x>`, `<br/>`), an HTML end tag (`</b>`), or a whole
    /// extension tag (`<ref name=x>body</ref>`, `<references/>`).
    ///
    /// The tree does not pair HTML start and end tags (the renderer does, with the
    /// HTML5 rules), so each is its own `Tag`; an extension tag is one node with its body.
    Tag, HTML_START_TAG | HTML_END_TAG | EXTENSION_TAG
);
ast_node!(
    /// `<!-- ... -->`, possibly unclosed at the end of the input.
    Comment, COMMENT
);

/// The key a template argument is known by: its name, or its position among
/// the unnamed arguments (from 1), as MediaWiki numbers them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ArgumentKey<'a> {
    /// `|name=value`: the name with surrounding whitespace trimmed.
    Named(&'a str),
    /// `|value`: the 1-based position among the unnamed arguments.
    Positional(usize),
}

impl ArgumentKey<'_> {
    /// Whether `key` names this argument: a named argument by its trimmed name,
    /// a positional one by its number (`"1"`).
    #[must_use]
    pub fn matches(self, key: &str) -> bool {
        let key = key.trim();
        match self {
            ArgumentKey::Named(name) => name == key,
            ArgumentKey::Positional(position) => key.parse::<usize>().is_ok_and(|k| k == position),
        }
    }
}

impl std::fmt::Display for ArgumentKey<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ArgumentKey::Named(name) => f.write_str(name),
            ArgumentKey::Positional(position) => write!(f, "{position}"),
        }
    }
}

/// One `|...` argument of a template, with the position it was given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TemplateArgument {
    id: NodeId,
    /// The 1-based position among the unnamed arguments; `None` for a named one.
    position: Option<usize>,
}

impl TemplateArgument {
    /// The `TEMPLATE_ARGUMENT` node.
    #[must_use]
    pub fn id(self) -> NodeId {
        self.id
    }

    /// The argument's key: its trimmed name, or its position.
    #[must_use]
    pub fn key(self, tree: &Tree) -> ArgumentKey<'_> {
        match (self.position, self.name(tree)) {
            (_, Some(name)) => ArgumentKey::Named(tree.text(name).trim()),
            (Some(position), None) => ArgumentKey::Positional(position),
            // A named argument always has its name node; be total anyway.
            (None, None) => ArgumentKey::Named(""),
        }
    }

    /// The `ARGUMENT_NAME` node of a named argument (untrimmed).
    #[must_use]
    pub fn name(self, tree: &Tree) -> Option<NodeId> {
        tree.child_of_kind(self.id, SyntaxKind::ARGUMENT_NAME)
    }

    /// The `ARGUMENT_VALUE` node (empty for `{{x|}}`); `None` if the parser left it out.
    #[must_use]
    pub fn value(self, tree: &Tree) -> Option<NodeId> {
        tree.child_of_kind(self.id, SyntaxKind::ARGUMENT_VALUE)
    }

    /// The byte range of the argument without its leading `|`: `name=value` or `value`.
    #[must_use]
    pub fn text_range(self, tree: &Tree) -> Range<usize> {
        let range = tree.range(self.id);
        let pipe = tree.children(self.id).next().filter(|&c| tree.kind(c) == SyntaxKind::MARKER && tree.text(c) == "|");
        pipe.map_or(range.start, |p| tree.range(p).end)..range.end
    }

    /// The byte range of the value, empty (at the argument's end) when there is none.
    #[must_use]
    pub fn value_range(self, tree: &Tree) -> Range<usize> {
        match self.value(tree) {
            Some(value) => tree.range(value),
            None => {
                let end = tree.range(self.id).end;
                end..end
            }
        }
    }
}

impl Template {
    /// The `TEMPLATE_NAME` node (for a parser function, the `#fn:first arg` head).
    #[must_use]
    pub fn name(self, tree: &Tree) -> Option<NodeId> {
        tree.child_of_kind(self.0, SyntaxKind::TEMPLATE_NAME)
    }

    /// The name as written, whitespace trimmed (`"Infobox person"`, `"#if:x"`).
    #[must_use]
    pub fn name_text(self, tree: &Tree) -> &str {
        self.name(tree).map_or("", |name| tree.text(name).trim())
    }

    /// The arguments in source order, unnamed ones numbered from 1.
    pub fn params(self, tree: &Tree) -> impl Iterator<Item = TemplateArgument> + '_ {
        let mut next_position = 0;
        tree.children(self.0).filter(|&c| tree.kind(c) == SyntaxKind::TEMPLATE_ARGUMENT).map(move |id| {
            let position = if tree.child_of_kind(id, SyntaxKind::ARGUMENT_NAME).is_some() {
                None
            } else {
                next_position += 1;
                Some(next_position)
            };
            TemplateArgument { id, position }
        })
    }

    /// The argument `key` names (`"name"`, or `"1"` for the first unnamed one).
    /// When several match, the last wins, as in MediaWiki.
    #[must_use]
    pub fn param(self, tree: &Tree, key: &str) -> Option<TemplateArgument> {
        self.params(tree).filter(|p| p.key(tree).matches(key)).last()
    }
}

impl WikiLink {
    /// The `LINK_TARGET` node (the page title, possibly with a namespace and fragment).
    #[must_use]
    pub fn target(self, tree: &Tree) -> Option<NodeId> {
        tree.child_of_kind(self.0, SyntaxKind::LINK_TARGET)
    }

    /// The `LINK_TEXT` parts after the target: the text of a plain link, the
    /// options and caption of a file link.
    pub fn text_parts(self, tree: &Tree) -> impl Iterator<Item = NodeId> + '_ {
        tree.children(self.0).filter(|&c| tree.kind(c) == SyntaxKind::LINK_TEXT)
    }

    /// Everything after the first `|`, up to `]]`: the link text (for a file
    /// link, its options and caption together). `None` when there is no `|`.
    #[must_use]
    pub fn text_range(self, tree: &Tree) -> Option<Range<usize>> {
        let mut parts = self.text_parts(tree);
        let first = parts.next()?;
        let last = parts.last().unwrap_or(first);
        Some(tree.range(first).start..tree.range(last).end)
    }
}

impl ExternalLink {
    /// The `URL` token.
    #[must_use]
    pub fn url(self, tree: &Tree) -> Option<NodeId> {
        tree.child_of_kind(self.0, SyntaxKind::URL)
    }

    /// The `EXTERNAL_LINK_TEXT` node after the URL; `None` for `[http://x]` and bare URLs.
    #[must_use]
    pub fn text(self, tree: &Tree) -> Option<NodeId> {
        tree.child_of_kind(self.0, SyntaxKind::EXTERNAL_LINK_TEXT)
    }

    /// Whether the link is in brackets (`[http://x]`) rather than a bare URL.
    #[must_use]
    pub fn has_brackets(self, tree: &Tree) -> bool {
        tree.kind(self.0) == SyntaxKind::EXTERNAL_LINK
    }
}

impl Heading {
    /// The level, 1 to 6: the number of `=` on each side.
    #[must_use]
    pub fn level(self, tree: &Tree) -> usize {
        tree.children(self.0).next().map_or(0, |first| tree.text(first).len())
    }

    /// The byte range of the title between the `=` markers, surrounding spaces included.
    #[must_use]
    pub fn title_range(self, tree: &Tree) -> Range<usize> {
        let mut markers =
            tree.children(self.0).filter(|&c| tree.kind(c) == SyntaxKind::MARKER && tree.text(c).starts_with('='));
        let open = markers.next().map_or(tree.range(self.0).start, |m| tree.range(m).end);
        let close = markers.last().map_or(tree.range(self.0).end, |m| tree.range(m).start);
        open..close.max(open)
    }

    /// The nodes of the title, between the `=` markers.
    pub fn title_nodes(self, tree: &Tree) -> impl Iterator<Item = NodeId> + '_ {
        let title = self.title_range(tree);
        tree.children(self.0).filter(move |&c| {
            let r = tree.range(c);
            r.start >= title.start && r.end <= title.end
        })
    }

    /// The title as plain text, trimmed (`== ''Early'' life ==` gives `"Early life"`).
    #[must_use]
    pub fn title_text(self, tree: &Tree) -> String {
        plain_text(tree, self.title_nodes(tree)).trim().to_string()
    }
}

/// One `name=value` attribute of a tag.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Attribute(NodeId);

impl Attribute {
    /// The `ATTRIBUTE` node.
    #[must_use]
    pub fn id(self) -> NodeId {
        self.0
    }

    /// The attribute name as written.
    #[must_use]
    pub fn name(self, tree: &Tree) -> &str {
        tree.child_of_kind(self.0, SyntaxKind::NAME).map_or("", |name| tree.text(name))
    }

    /// The value without its quotes; `None` for a bare attribute (`<td nowrap>`).
    #[must_use]
    pub fn value(self, tree: &Tree) -> Option<&str> {
        match tree.child_of_kind(self.0, SyntaxKind::VALUE) {
            Some(value) => Some(tree.text(value)),
            // `a=""` has an `=` but no value token.
            None => tree.children(self.0).any(|c| tree.text(c) == "=").then_some(""),
        }
    }
}

impl Tag {
    /// The tag name as written (`"ref"`, `"div"`, `"BR"`).
    #[must_use]
    pub fn name(self, tree: &Tree) -> &str {
        tree.child_of_kind(self.0, SyntaxKind::NAME).map_or("", |name| tree.text(name))
    }

    /// The attributes of the (start) tag, in source order.
    pub fn attributes(self, tree: &Tree) -> impl Iterator<Item = Attribute> + '_ {
        tree.child_of_kind(self.0, SyntaxKind::ATTRIBUTES)
            .into_iter()
            .flat_map(|attrs| tree.children(attrs))
            .filter(|&c| tree.kind(c) == SyntaxKind::ATTRIBUTE)
            .map(Attribute)
    }

    /// The value of the last attribute named `name` (ASCII case-insensitive), as HTML reads it.
    #[must_use]
    pub fn attribute<'t>(self, tree: &'t Tree, name: &str) -> Option<&'t str> {
        self.attributes(tree).filter(|a| a.name(tree).eq_ignore_ascii_case(name)).last().and_then(|a| a.value(tree))
    }

    /// The body of an extension tag (`hi` in `<ref>hi</ref>`): a `RAW`
    /// token, or for tags whose body is wikitext a `TAG_BODY` node whose
    /// children are the parsed body (its text is the body as written either
    /// way); `None` for HTML tags (their contents are the siblings that
    /// follow) and self-closing extension tags.
    #[must_use]
    pub fn contents(self, tree: &Tree) -> Option<NodeId> {
        tree.children(self.0).find(|&c| matches!(tree.kind(c), SyntaxKind::RAW | SyntaxKind::TAG_BODY))
    }

    /// Whether this is an extension tag (its body is raw text, kept in [`Tag::contents`]).
    #[must_use]
    pub fn is_extension(self, tree: &Tree) -> bool {
        tree.kind(self.0) == SyntaxKind::EXTENSION_TAG
    }

    /// Whether this is an end tag (`</b>`).
    #[must_use]
    pub fn is_closing(self, tree: &Tree) -> bool {
        tree.kind(self.0) == SyntaxKind::HTML_END_TAG
    }

    /// Whether the tag closes itself (`<br/>`, `<references />`).
    #[must_use]
    pub fn is_self_closing(self, tree: &Tree) -> bool {
        tree.kind(self.0) != SyntaxKind::HTML_END_TAG
            && tree.children(self.0).any(|c| tree.kind(c) == SyntaxKind::MARKER && tree.text(c) == "/>")
    }
}

impl Comment {
    /// The byte range between `<!--` and `-->` (to the end of the input when unclosed).
    #[must_use]
    pub fn contents_range(self, tree: &Tree) -> Range<usize> {
        let range = tree.range(self.0);
        let text = tree.text(self.0);
        let start = (range.start + "<!--".len()).min(range.end);
        let closed = text.len() >= "<!---->".len() && text.ends_with("-->");
        let end = if closed { range.end - "-->".len() } else { range.end };
        start..end.max(start)
    }

    /// The text between `<!--` and `-->`.
    #[must_use]
    pub fn contents(self, tree: &Tree) -> &str {
        &tree.src()[self.contents_range(tree)]
    }
}

/// A part of a page: the lead before the first heading, or a heading and
/// everything up to the next heading of the same or a higher level.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// The heading that starts the section; `None` for the lead.
    pub heading: Option<Heading>,
    /// The heading's level (1 to 6); 0 for the lead.
    pub level: usize,
    /// The section's byte range, its heading included.
    pub range: Range<usize>,
}

/// The sections of a page: the lead (possibly empty), then one per heading
/// at the top level of the page, in source order. Sections nest: a level-2
/// section contains the level-3 sections under it.
#[must_use]
pub fn sections(tree: &Tree) -> Vec<Section> {
    let root = tree.root();
    let end = tree.range(root).end;
    let headings: Vec<Heading> = tree.children(root).filter_map(|c| Heading::cast(tree, c)).collect();
    let mut out = Vec::with_capacity(headings.len() + 1);
    let lead_end = headings.first().map_or(end, |h| tree.range(h.id()).start);
    out.push(Section { heading: None, level: 0, range: 0..lead_end });
    // A stack of open sections finds each one's end in one pass.
    let mut open: Vec<usize> = Vec::new();
    for heading in headings {
        let level = heading.level(tree);
        let start = tree.range(heading.id()).start;
        while let Some(&top) = open.last() {
            if out[top].level < level {
                break;
            }
            out[top].range.end = start;
            open.pop();
        }
        open.push(out.len());
        out.push(Section { heading: Some(heading), level, range: start..end });
    }
    out
}

/// The prose of `nodes` without the markup, as mwparserfromhell's
/// `strip_code` gives it: link text stays (a link without text gives its
/// target), templates, parameters, comments, extension tags (except
/// `<nowiki>`'s body), HTML tag markup, tables' and lists' markup and quotes
/// go, entities are decoded, and runs of blank lines shrink to one.
pub fn plain_text(tree: &Tree, nodes: impl IntoIterator<Item = NodeId>) -> String {
    let mut out = String::new();
    for id in nodes {
        push_plain_text(tree, id, &mut out, 0);
    }
    collapse_blank_lines(&out)
}

/// Nesting is bounded by the parser's depth limit; this guard keeps the walk
/// total anyway.
const MAX_PLAIN_TEXT_DEPTH: usize = 512;

fn push_plain_text(tree: &Tree, id: NodeId, out: &mut String, depth: usize) {
    use SyntaxKind as K;
    if depth > MAX_PLAIN_TEXT_DEPTH {
        return;
    }
    let children = |out: &mut String| {
        for c in tree.children(id) {
            push_plain_text(tree, c, out, depth + 1);
        }
    };
    match tree.kind(id) {
        K::TEXT | K::NEWLINE | K::URL => out.push_str(tree.text(id)),
        // Whitespace the grammar marks is text, except the indent that makes a pre.
        K::WHITESPACE => {
            if tree.parent(id).is_none_or(|p| tree.kind(p) != K::INDENT_PRE) {
                out.push_str(tree.text(id));
            }
        }
        // Extension bodies are their extension's (a ref is not prose here).
        K::MARKER | K::QUOTE | K::NAME | K::RAW | K::VALUE | K::TAG_BODY => {}
        K::TEMPLATE
        | K::PARAMETER
        | K::COMMENT
        | K::HTML_START_TAG
        | K::HTML_END_TAG
        | K::ATTRIBUTES
        | K::BEHAVIOR_SWITCH
        | K::SIGNATURE
        | K::HORIZONTAL_RULE
        | K::REDIRECT
        | K::ERROR => {}
        K::EXTENSION_TAG => {
            let tag = Tag(id);
            if tag.name(tree).eq_ignore_ascii_case("nowiki") {
                if let Some(body) = tag.contents(tree) {
                    out.push_str(tree.text(body));
                }
            }
        }
        K::ENTITY => push_entity(tree.text(id), out),
        K::WIKI_LINK => {
            let link = WikiLink(id);
            let target = link.target(tree).map_or("", |t| tree.text(t));
            if is_file_or_category(target) {
                return;
            }
            match link.text_parts(tree).last() {
                Some(text) => push_plain_text(tree, text, out, depth + 1),
                None => {
                    if let Some(target) = link.target(tree) {
                        let start = out.len();
                        push_plain_text(tree, target, out, depth + 1);
                        // `[[:Category:X]]` shows without its colon.
                        if out[start..].starts_with(':') {
                            out.remove(start);
                        }
                    }
                }
            }
        }
        K::EXTERNAL_LINK => {
            if let Some(text) = ExternalLink(id).text(tree) {
                push_plain_text(tree, text, out, depth + 1);
            }
        }
        _ => children(out),
    }
}

/// Whether a link target is in the File or Category namespace (or their
/// aliases), whose links show no text in the prose.
fn is_file_or_category(target: &str) -> bool {
    let target = target.trim_start();
    if target.starts_with(':') {
        return false;
    }
    let Some((namespace, _)) = target.split_once(':') else {
        return false;
    };
    ["file", "image", "category", "media"].iter().any(|ns| namespace.trim().eq_ignore_ascii_case(ns))
}

fn push_entity(entity: &str, out: &mut String) {
    match crate::entities::decode_one_entity(entity).filter(|(len, _)| *len == entity.len()) {
        Some((_, text)) => out.push_str(&text),
        None => out.push_str(entity),
    }
}

/// The text of a subtree as it reads, markup dropped: its text, whitespace,
/// URL and line-break tokens, entities decoded, comments left out. For
/// titles, ids and alt text made of wikitext.
pub fn text_content(tree: &Tree, id: NodeId) -> String {
    use SyntaxKind as K;
    let mut s = String::new();
    for d in tree.descendants(id) {
        if !matches!(tree.kind(d), K::TEXT | K::WHITESPACE | K::URL | K::NEWLINE) {
            continue;
        }
        match tree.parent(d).map(|p| tree.kind(p)) {
            Some(K::COMMENT) => {}
            Some(K::ENTITY) => push_entity(tree.text(d), &mut s),
            _ => s.push_str(tree.text(d)),
        }
    }
    s
}

/// Runs of three or more newlines (lines left blank by dropped markup) become two.
fn collapse_blank_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut newlines = 0;
    for c in text.chars() {
        if c == '\n' {
            newlines += 1;
            if newlines > 2 {
                continue;
            }
        } else {
            newlines = 0;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first<T: AstNode>(tree: &Tree) -> T {
        tree.iter().find_map(|id| T::cast(tree, id)).expect("a node of the view's kind")
    }

    fn all<T: AstNode>(tree: &Tree) -> Vec<T> {
        tree.iter().filter_map(|id| T::cast(tree, id)).collect()
    }

    #[test]
    fn cast_checks_the_kind() {
        let tree = crate::parse("[[A]] {{B}}");
        let link = first::<WikiLink>(&tree);
        assert!(Template::cast(&tree, link.id()).is_none());
        assert!(WikiLink::cast(&tree, link.id()).is_some());
    }

    #[test]
    fn template_name_and_params() {
        let tree = crate::parse("{{ Infobox |a| name = x |b|{{inner}}|1=over}}");
        let templates = all::<Template>(&tree);
        assert_eq!(templates.len(), 2);
        let t = templates[0];
        assert_eq!(t.name_text(&tree), "Infobox");
        assert_eq!(tree.text(t.name(&tree).unwrap()), " Infobox ");
        let params: Vec<_> = t
            .params(&tree)
            .map(|p| (p.key(&tree).to_string(), tree.src()[p.value_range(&tree)].to_string()))
            .collect();
        assert_eq!(
            params,
            [
                ("1".to_string(), "a".to_string()),
                ("name".to_string(), " x ".to_string()),
                ("2".to_string(), "b".to_string()),
                ("3".to_string(), "{{inner}}".to_string()),
                ("1".to_string(), "over".to_string()),
            ]
        );
        // The last argument a key names wins.
        let one = t.param(&tree, "1").unwrap();
        assert_eq!(tree.text(one.value(&tree).unwrap()), "over");
        assert_eq!(t.param(&tree, " name ").map(|p| p.key(&tree)), Some(ArgumentKey::Named("name")));
        assert!(t.param(&tree, "missing").is_none());
        let second = t.params(&tree).nth(1).unwrap();
        assert_eq!(&tree.src()[second.text_range(&tree)], " name = x ");
        assert_eq!(templates[1].name_text(&tree), "inner");
    }

    #[test]
    fn empty_argument_value_is_an_empty_range() {
        let tree = crate::parse("{{x|}}");
        let p = first::<Template>(&tree).params(&tree).next().unwrap();
        assert_eq!(p.value_range(&tree), 4..4);
        assert_eq!(p.key(&tree), ArgumentKey::Positional(1));
    }

    #[test]
    fn wiki_link_target_and_text() {
        let tree = crate::parse("[[Target|the text]] [[Bare]] [[File:A.png|thumb|Cap]]");
        let links = all::<WikiLink>(&tree);
        assert_eq!(tree.text(links[0].target(&tree).unwrap()), "Target");
        assert_eq!(&tree.src()[links[0].text_range(&tree).unwrap()], "the text");
        assert_eq!(links[1].text_range(&tree), None);
        assert_eq!(&tree.src()[links[2].text_range(&tree).unwrap()], "thumb|Cap");
        assert_eq!(links[2].text_parts(&tree).count(), 2);
    }

    #[test]
    fn external_link_url_and_text() {
        let tree = crate::parse("[http://a.org the text] [http://b.org] see http://c.org");
        let links = all::<ExternalLink>(&tree);
        let urls: Vec<_> = links.iter().map(|l| tree.text(l.url(&tree).unwrap())).collect();
        assert_eq!(urls, ["http://a.org", "http://b.org", "http://c.org"]);
        assert_eq!(tree.text(links[0].text(&tree).unwrap()), "the text");
        assert_eq!(links[1].text(&tree), None);
        assert!(links[1].has_brackets(&tree));
        assert!(!links[2].has_brackets(&tree));
    }

    #[test]
    fn heading_level_and_title() {
        let tree = crate::parse("== ''Early'' life ==\n=== a ==\n====x==== <!-- c -->\n");
        let headings = all::<Heading>(&tree);
        assert_eq!(headings[0].level(&tree), 2);
        assert_eq!(&tree.src()[headings[0].title_range(&tree)], " ''Early'' life ");
        assert_eq!(headings[0].title_text(&tree), "Early life");
        // Unbalanced: the extra `=` belongs to the title.
        assert_eq!(headings[1].level(&tree), 2);
        assert_eq!(&tree.src()[headings[1].title_range(&tree)], "= a ");
        assert_eq!(headings[2].level(&tree), 4);
        assert_eq!(&tree.src()[headings[2].title_range(&tree)], "x");
    }

    #[test]
    fn tag_name_attributes_contents() {
        let tree = crate::parse("<ref name=\"n\" group=g>body</ref><b class='y' hidden>x</b><br/><references />");
        let tags = all::<Tag>(&tree);
        let names: Vec<_> = tags.iter().map(|t| t.name(&tree)).collect();
        assert_eq!(names, ["ref", "b", "b", "br", "references"]);
        let reference = tags[0];
        assert!(reference.is_extension(&tree));
        assert_eq!(tree.text(reference.contents(&tree).unwrap()), "body");
        let attrs: Vec<_> = reference.attributes(&tree).map(|a| (a.name(&tree), a.value(&tree))).collect();
        assert_eq!(attrs, [("name", Some("n")), ("group", Some("g"))]);
        assert_eq!(tags[1].attribute(&tree, "CLASS"), Some("y"));
        assert_eq!(tags[1].attributes(&tree).nth(1).map(|a| a.value(&tree)), Some(None));
        assert_eq!(tags[1].contents(&tree), None);
        assert!(tags[2].is_closing(&tree));
        assert!(tags[3].is_self_closing(&tree));
        assert!(tags[4].is_self_closing(&tree));
        assert!(!tags[0].is_self_closing(&tree));
    }

    #[test]
    fn comment_contents() {
        let tree = crate::parse("<!-- a --><!----><!-- open");
        let contents: Vec<_> = all::<Comment>(&tree).iter().map(|c| c.contents(&tree)).collect();
        assert_eq!(contents, [" a ", "", " open"]);
    }

    #[test]
    fn sections_nest_by_level() {
        let src = "lead\n== A ==\na\n=== A1 ===\na1\n== B ==\nb\n";
        let tree = crate::parse(src);
        let found: Vec<_> = sections(&tree).into_iter().map(|s| (s.level, &src[s.range])).collect();
        assert_eq!(
            found,
            [
                (0, "lead\n"),
                (2, "== A ==\na\n=== A1 ===\na1\n"),
                (3, "=== A1 ===\na1\n"),
                (2, "== B ==\nb\n"),
            ]
        );
        let empty = crate::parse("");
        assert_eq!(sections(&empty), [Section { heading: None, level: 0, range: 0..0 }]);
    }

    #[test]
    fn plain_text_drops_markup() {
        let tree = crate::parse(
            "== Title ==\n'''Bold''' [[Target|text]] and [[Page]] {{cite|x}}<!-- c -->[http://x.org ext] \
             <b>tag</b>&amp;<ref>note</ref>[[Category:C]]<nowiki>[[raw]]</nowiki>\n\n\n\n* item\n",
        );
        assert_eq!(plain_text(&tree, [tree.root()]), " Title \nBold text and Page ext tag&[[raw]]\n\n item\n");
    }
}
