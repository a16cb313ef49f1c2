//! Wikitext tables → `<table>`, `<caption>`, `<tr>`, `<td>`, `<th>`.
//! html5ever supplies `<tbody>` and fosters stray content out of the table.

use crate::token::ThinVec;
use wikitext_parser::{NodeId, SyntaxKind};

use super::{html_tags, Emitter, Tok};
use crate::token::{Attr, Token};

pub(super) fn table(em: &mut Emitter<'_>, id: NodeId) {
    if !em.text_only || em.in_rendered_skippable {
        return render_table(em, id);
    }
    if hides_all_it_holds(em, id) {
        // Plain text leaves tables out whole: an empty one stands for it.
        em.start("table", ThinVec::new(), Some(em.range(id)));
        em.end("table");
        return;
    }
    em.in_rendered_skippable = true;
    render_table(em, id);
    em.in_rendered_skippable = false;
}

fn render_table(em: &mut Emitter<'_>, id: NodeId) {
    let tree = em.tree;
    let attrs = match tree.child_of_kind(id, SyntaxKind::ATTRIBUTES) {
        Some(a) => {
            let mut attrs = html_tags::attributes(em, a, "table");
            expanded_attributes(em, a, &mut attrs);
            attrs
        }
        None => ThinVec::new(),
    };
    em.start("table", attrs, Some(em.range(id)));
    attribute_comments(em, id);
    let mut closed = false;
    // A template starting a line before any row whose output starts a
    // cell (`{{1x|{{!}}a}}`): the implicit first row's cells.
    let mut cells = LineTemplateCells::default();
    for c in tree.children(id) {
        if cells.take(em, c) {
            continue;
        }
        match tree.kind(c) {
            // The closer, `|}` or `{{!}}}` (the magic word is a pipe in table syntax).
            SyntaxKind::MARKER if matches!(tree.text(c), "|}" | "{{!}}}") => {
                em.end("table");
                closed = true;
            }
            SyntaxKind::MARKER | SyntaxKind::ATTRIBUTES | SyntaxKind::WHITESPACE => {}
            _ => em.node(c),
        }
    }
    if !closed {
        em.end("table");
    }
}

/// Whether everything the table `id` holds stays inside its `<table>`
/// element and leaves no trace on the rest of the page, so that plain text,
/// which leaves tables out whole, reads the same without its contents.
/// Conservative: no content between rows and cells (fostered out of the
/// table), no HTML table or annotation tags and no unbalanced block or link
/// tags (an end tag's stray check counts them page-wide), no headings,
/// behavior switches or site extension tags, no media limit to count files
/// against, and templates only where the cell renders them, expanded now as
/// rendering would (so every limit counts the same) to missing ones' links
/// or to output without line or cell syntax or tags that could leave the
/// cell.
fn hides_all_it_holds(em: &mut Emitter<'_>, id: NodeId) -> bool {
    use SyntaxKind::*;
    let tree = em.tree;
    if em.site.info().media_limit.is_some() {
        return false;
    }
    let structural = |kind| matches!(kind, MARKER | ATTRIBUTES | NEWLINE | WHITESPACE | COMMENT);
    for c in tree.children(id) {
        match tree.kind(c) {
            TABLE_CAPTION | TABLE_CELL | TABLE_HEADER_CELL => {}
            TABLE_ROW => {
                let cells_only = tree.children(c).all(|r| {
                    let kind = tree.kind(r);
                    structural(kind) || matches!(kind, TABLE_CELL | TABLE_HEADER_CELL | TABLE_CAPTION)
                });
                if !cells_only {
                    return false;
                }
            }
            kind if structural(kind) => {}
            _ => return false,
        }
    }
    let mut open: rustc_hash::FxHashMap<String, u32> = rustc_hash::FxHashMap::default();
    let mut templates = Vec::new();
    let mut walk = tree.descendants(id).skip(1);
    while let Some(d) = walk.next() {
        match tree.kind(d) {
            HEADING | BEHAVIOR_SWITCH | REDIRECT => return false,
            HTML_START_TAG | HTML_END_TAG => {
                let Some(name) = tree.child_of_kind(d, NAME).map(|n| tree.text(n).to_ascii_lowercase()) else { continue };
                // Block ends may stand in balanced pairs; nothing else that
                // reaches out may.
                if !super::tag_reaches_out(em, &name) {
                    continue;
                }
                if name == "a" || is_table_tag(&name) || em.site.extension_tag(&name).is_some() {
                    return false;
                }
                if tree.kind(d) == HTML_START_TAG {
                    if tree.text(d).ends_with("/>") {
                        return false;
                    }
                    *open.entry(name).or_default() += 1;
                } else {
                    match open.get_mut(&name) {
                        Some(n) if *n > 0 => *n -= 1,
                        _ => return false,
                    }
                }
            }
            EXTENSION_TAG => {
                let Some(name) = tree.child_of_kind(d, NAME).map(|n| tree.text(n).to_ascii_lowercase()) else { continue };
                if em.site.extension_tag(&name).is_some() || !matches!(name.as_str(), "ref" | "nowiki" | "pre" | "math" | "chem" | "ce" | "noinclude" | "includeonly" | "onlyinclude") {
                    return false;
                }
                // A footnote's body is not rendered for plain text.
                if name == "ref" && !em.extensions.borrow().cite.skip_bodies_now() {
                    return false;
                }
                if name == "ref" {
                    skip_inside(tree, &mut walk, d);
                }
            }
            TEMPLATE if em.foreign_range.is_none() => {
                if !renders_in_its_cell(tree, d) {
                    return false;
                }
                templates.push(d);
                // Its arguments are expanded with it, if at all.
                skip_inside(tree, &mut walk, d);
            }
            _ => {}
        }
    }
    if open.values().any(|&n| n > 0) {
        return false;
    }
    for &t in &templates {
        let expansion = em.peek_expansion(t);
        let stays_in_cell = match &expansion.kind {
            wikitext_expand::TransclusionKind::MissingTemplate { .. } => true,
            wikitext_expand::TransclusionKind::Error => false,
            _ if expansion.page_property.is_some() || expansion.output.contains(MARKUP_CHARS) => false,
            // Tags (an expression's error message): only inline ones.
            _ if expansion.output.contains(['<', '>']) => {
                let output = expansion.output.clone();
                tags_stay_inline(em, &output)
            }
            _ => true,
        };
        if !stays_in_cell {
            return false;
        }
    }
    for t in templates {
        em.expansions.remove(&t);
    }
    true
}

/// Move a walk in document order past the nodes inside `node`.
fn skip_inside(tree: &wikitext_parser::Tree, walk: &mut (impl Iterator<Item = NodeId> + Clone), node: NodeId) {
    let end = tree.range(node).end;
    while walk.clone().next().is_some_and(|n| tree.range(n).start < end) {
        walk.next();
    }
}

/// Characters without which a template's output stays in its cell (tags
/// aside): no line, cell, template or behavior-switch syntax. Links and
/// bold or italic stay in the cell (the output is tokenized on its own,
/// and a cell ends a line for quotes).
const MARKUP_CHARS: &[char] = &['\n', '|', '!', '{', '}', '_'];

/// Whether the tags in a template's output, tokenized as rendering
/// tokenizes it, all stay where they are: no table, block, link or
/// annotation tags, and no extension tags.
fn tags_stay_inline(em: &mut Emitter<'_>, output: &str) -> bool {
    use SyntaxKind::*;
    let tree = wikitext_parser::parse_fragment_with(output, em.expander().parse_options());
    tree.descendants(tree.root()).all(|d| match tree.kind(d) {
        EXTENSION_TAG | HEADING | BEHAVIOR_SWITCH | TEMPLATE => false,
        HTML_START_TAG | HTML_END_TAG => {
            tree.child_of_kind(d, NAME).is_some_and(|n| !super::tag_reaches_out(em, &tree.text(n).to_ascii_lowercase()))
        }
        _ => true,
    })
}

/// Whether the `TEMPLATE` node `template` renders where it stands in its
/// cell, through the emitter's own expansion of it (not inside attributes,
/// link targets, file captions or extension tags, which expand their
/// templates their own ways).
fn renders_in_its_cell(tree: &wikitext_parser::Tree, template: NodeId) -> bool {
    use SyntaxKind::*;
    let mut node = template;
    while let Some(parent) = tree.parent(node) {
        match tree.kind(parent) {
            TABLE_CELL | TABLE_HEADER_CELL | TABLE_CAPTION => return true,
            LIST_ITEM | LINK_TEXT => {}
            // A plain link's text (no namespace: not a file's caption).
            WIKI_LINK => {
                let target = tree.child_of_kind(parent, LINK_TARGET).map_or("", |t| tree.text(t));
                if target.contains(':') {
                    return false;
                }
            }
            _ => return false,
        }
        node = parent;
    }
    false
}

/// The elements of an HTML table's structure.
pub(super) fn is_table_tag(name: &str) -> bool {
    matches!(name, "table" | "tbody" | "thead" | "tfoot" | "tr" | "td" | "th" | "caption" | "col" | "colgroup")
}

/// Cells that templates starting a line of a table or row make
/// ([`super::table_groups::template_cells`]), read while walking its
/// children: such a template's cells took the children up to the last one
/// it returned.
#[derive(Default)]
struct LineTemplateCells {
    /// The last child a template's cells took, while walking up to it.
    skip_to: Option<NodeId>,
    /// The previous child was a line break.
    line_start: bool,
}

impl LineTemplateCells {
    /// Whether child `c` is done: emitted as a line-starting template's
    /// cells, or taken by an earlier one's.
    fn take(&mut self, em: &mut Emitter<'_>, c: NodeId) -> bool {
        if let Some(last) = self.skip_to {
            if c == last {
                self.skip_to = None;
            }
            return true;
        }
        let kind = em.tree.kind(c);
        if kind == SyntaxKind::TEMPLATE && self.line_start {
            if let Some(last) = super::table_groups::template_cells(em, c) {
                if last != c {
                    self.skip_to = Some(last);
                }
                self.line_start = false;
                return true;
            }
        }
        self.line_start = kind == SyntaxKind::NEWLINE;
        false
    }
}

pub(super) fn table_part(em: &mut Emitter<'_>, id: NodeId) {
    let tree = em.tree;
    let kind = tree.kind(id);
    let tag = match kind {
        SyntaxKind::TABLE_CAPTION => "caption",
        SyntaxKind::TABLE_ROW => "tr",
        SyntaxKind::TABLE_HEADER_CELL => "th",
        _ => "td",
    };
    if kind == SyntaxKind::TABLE_ROW {
        let explicit = tree.children(id).any(|c| tree.kind(c) == SyntaxKind::MARKER);
        let attrs = tree.child_of_kind(id, SyntaxKind::ATTRIBUTES).map(|a| html_tags::attributes(em, a, "tr")).unwrap_or_default();
        // A row with no cells and no `|-` of its own makes no `<tr>`.
        let has_cells = tree.children(id).any(|c| matches!(tree.kind(c), SyntaxKind::TABLE_CELL | SyntaxKind::TABLE_HEADER_CELL));
        // Comments before the row's `|-` are the table's, before the row
        // (` <!--c-->|-`), as in Parsoid.
        let mut lead = 0;
        if explicit {
            for c in tree.children(id) {
                match tree.kind(c) {
                    SyntaxKind::COMMENT => em.node(c),
                    SyntaxKind::WHITESPACE => {}
                    _ => break,
                }
                lead += 1;
            }
        }
        let opened = explicit || has_cells;
        if opened {
            em.start("tr", attrs, Some(em.range(id)));
            attribute_comments(em, id);
        }
        let mut cells = LineTemplateCells::default();
        let mut line_start = false;
        for c in tree.children(id).skip(lead) {
            let after_newline = std::mem::replace(&mut line_start, tree.kind(c) == SyntaxKind::NEWLINE);
            if cells.take(em, c) {
                continue;
            }
            match tree.kind(c) {
                // A cell line's indentation stays, as text in the row (as in Parsoid).
                SyntaxKind::WHITESPACE if after_newline && opened => em.node(c),
                SyntaxKind::MARKER | SyntaxKind::ATTRIBUTES | SyntaxKind::WHITESPACE => {}
                _ => em.node(c),
            }
        }
        return;
    }
    if em.foreign_range.is_none() && kind != SyntaxKind::TABLE_CAPTION && super::table_groups::reread_cell(em, id) {
        return;
    }
    let attr_node = tree.child_of_kind(id, SyntaxKind::ATTRIBUTES);
    // Attributes that expand to a link are no attributes: MediaWiki then
    // reads the whole cell, `|` included, as content.
    let as_content = em.foreign_range.is_none() && attr_node.is_some_and(|a| super::preprocessor::template_makes_link(em, a));
    let mut attrs = match attr_node {
        Some(a) if !as_content => html_tags::attributes(em, a, tag),
        _ => ThinVec::new(),
    };
    // Whole attributes a template wrote (`| {{attrs}} | x`), in `data-mw`.
    let templated = match attr_node {
        Some(a) if !as_content && tag != "caption" => html_tags::templated_attributes(em, a, &mut attrs),
        _ => Vec::new(),
    };
    attrs.push(Attr::new(crate::passes::trim_whitespace::WIKITEXT_SYNTAX, ""));
    em.start(tag, attrs, Some(em.range(id)));
    html_tags::attrib_html_spans(em, &templated);
    let mut first_marker = true;
    for c in tree.children(id) {
        match tree.kind(c) {
            SyntaxKind::MARKER if first_marker => first_marker = false,
            // The `|` (or `{{!}}`) after a cell's attributes.
            SyntaxKind::MARKER if matches!(tree.text(c), "|" | "{{!}}") => {
                if as_content {
                    em.text("|");
                }
            }
            SyntaxKind::ATTRIBUTES if as_content => attributes_as_text(em, c),
            SyntaxKind::ATTRIBUTES => {}
            _ => em.node(c),
        }
    }
    // A cell's trailing newline belongs between cells, not inside the cell.
    let trailing_newline = matches!(em.out.last(), Some(Tok::Newline));
    if trailing_newline {
        em.out.pop();
    }
    em.end(tag);
    if trailing_newline {
        em.out.push(Tok::Newline);
    }
}

/// A table's attribute whose quoted value holds a template that makes a
/// link (a missing one renders as one): as in Parsoid (`mw:ExpandedAttrs`),
/// the value is the text the value renders to, and `data-mw.attribs`
/// holds its HTML.
fn expanded_attributes(em: &mut Emitter<'_>, attrs_node: NodeId, attrs: &mut ThinVec<Attr>) {
    let tree = em.tree;
    if em.foreign_range.is_some() {
        return;
    }
    let mut entries = String::new();
    for a in tree.children(attrs_node) {
        match tree.kind(a) {
            // A template in a name's place: its text is the (invalid, so
            // dropped) name, its HTML the entry's key, with an empty value.
            // So does a template argument on the page itself (`{| {{{b}}}`),
            // which renders as its source.
            SyntaxKind::PARAMETER => {
                let (text, html) = super::preprocessor::rendered_with_spans(em, &[a]);
                html_tags::push_attrib_entry(&mut entries, &text, Some(&html), "");
            }
            SyntaxKind::TEMPLATE if super::preprocessor::template_makes_link_at(em, a) => {
                let (text, html) = rendered(em, &[a]);
                html_tags::push_attrib_entry(&mut entries, &text, Some(&html), "");
            }
            SyntaxKind::ATTRIBUTE => {
                let Some(name) = tree.child_of_kind(a, SyntaxKind::NAME).map(|n| tree.text(n).to_ascii_lowercase()) else { continue };
                let value_parts: Vec<NodeId> =
                    tree.children(a).filter(|&c| matches!(tree.kind(c), SyntaxKind::VALUE | SyntaxKind::TEMPLATE)).collect();
                if !value_parts.iter().any(|&c| tree.kind(c) == SyntaxKind::TEMPLATE && super::preprocessor::template_makes_link_at(em, c)) {
                    continue;
                }
                let (text, html) = rendered(em, &value_parts);
                let Some(attr) = attrs.iter_mut().find(|x| x.name == name) else { continue };
                attr.value = text.into();
                html_tags::push_attrib_entry(&mut entries, &name, None, &html);
            }
            _ => {}
        }
    }
    if entries.is_empty() {
        return;
    }
    attrs.push(Attr::new("about", em.next_about()));
    attrs.push(Attr::new("typeof", "mw:ExpandedAttrs"));
    attrs.push(Attr::new("data-mw", format!("{{\"attribs\":[{entries}]}}")));
}

/// `parts` rendered on their own (into a buffer taken back out): their
/// text and their HTML.
fn rendered(em: &mut Emitter<'_>, parts: &[NodeId]) -> (String, String) {
    let start = em.out.len();
    for &part in parts {
        em.node(part);
    }
    let tokens = super::extension_tags::inline_tokens(em.out.split_off(start));
    let mut html = String::new();
    super::extension_tags::tokens_html(&tokens, &mut html);
    let text = tokens.iter().filter_map(|t| if let Token::Text(t, _) = t { Some(&**t) } else { None }).collect();
    (text, html)
}

/// Attributes read as cell content: as written, templates expanded.
fn attributes_as_text(em: &mut Emitter<'_>, attrs: NodeId) {
    let tree = em.tree;
    for c in tree.children(attrs) {
        if tree.kind(c) == SyntaxKind::ATTRIBUTE {
            // Its name, `=`, quotes and value: markers render as text here.
            for part in tree.children(c) {
                em.node(part);
            }
        } else {
            em.node(c);
        }
    }
}

/// Comments among a table's or row's attributes (`{|<!--c-->`) stay in the
/// DOM, inside the element, as in Parsoid.
fn attribute_comments(em: &mut Emitter<'_>, id: NodeId) {
    let tree = em.tree;
    if let Some(attrs) = tree.child_of_kind(id, SyntaxKind::ATTRIBUTES) {
        for c in tree.children(attrs) {
            if tree.kind(c) == SyntaxKind::COMMENT {
                em.node(c);
            }
        }
    }
}
