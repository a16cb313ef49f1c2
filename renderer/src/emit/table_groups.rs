//! Tables split across transclusions and page text.
//!
//! Each transclusion's output is tokenized on its own, so a template whose
//! output opens a table (`{{tbl-start}}` = `{|`) leaves the page's tokenizer
//! unaware of it: the page's `|foo` lines and a later `{{tbl-end}}` (`|}`)
//! would be text. MediaWiki reads the expanded text as a whole, and Parsoid
//! wraps the whole table as one transclusion whose `parts` interleave the
//! templates and the page text between them.
//!
//! So a top-level transclusion at a line start whose output leaves a table
//! open starts a *group*: it and its following siblings, up to the one
//! after which the table depth is back to zero (or the page's end). The
//! group's wikitext (templates expanded, page text as written) is tokenized
//! once and rendered as one transclusion. Every sibling joins at most one
//! group and each template in it is expanded once, so the cost stays linear.

use wikitext_parser::{NodeId, SyntaxKind};

use super::Emitter;

/// Table depth of wikitext read in pieces (a piece may end inside a line,
/// `{` + `{{!}}` makes `{|`): `{|` at a line start opens a table, `|}`
/// closes one; spaces and tabs may come before either.
#[derive(Default)]
pub(super) struct TableDepth {
    pub(super) depth: u32,
    state: LineState,
}

#[derive(Default, Clone, Copy, PartialEq, Eq)]
enum LineState {
    /// At a line start, perhaps after spaces.
    #[default]
    Start,
    /// After `{` at a line start.
    Brace,
    /// After `|` at a line start.
    Pipe,
    /// Inside a line.
    Inside,
}

impl TableDepth {
    /// State after a piece that ends inside a line (the template's output
    /// at the page's line start begins a line).
    pub(super) fn feed(&mut self, text: &str) {
        use LineState::*;
        for b in text.bytes() {
            self.state = match (self.state, b) {
                (_, b'\n') => Start,
                (Start, b' ' | b'\t') => Start,
                (Start, b'{') => Brace,
                (Start, b'|') => Pipe,
                (Brace, b'|') => {
                    self.depth = self.depth.saturating_add(1);
                    Inside
                }
                (Pipe, b'}') => {
                    self.depth = self.depth.saturating_sub(1);
                    Inside
                }
                _ => Inside,
            };
        }
    }
}

/// A group being built: its wikitext and its `data-mw` parts.
pub(super) struct Group {
    pub(super) text: String,
    parts: Vec<String>,
    pub(super) templates: usize,
    /// Page text since the last template, the next string part.
    pending: String,
    pub(super) depth: TableDepth,
    /// Where the first template's output starts in `text`, and the page
    /// text before it (the first string part).
    first_output: Option<(usize, String)>,
}

impl Group {
    /// A group that starts with a template: its part (`data-mw`'s single
    /// part, `"i":0`) and its output.
    pub(super) fn new(part: String, output: &str) -> Group {
        let mut depth = TableDepth::default();
        depth.feed(output);
        Group { text: output.to_string(), parts: vec![part], templates: 1, pending: String::new(), depth, first_output: Some((0, String::new())) }
    }

    /// A group that starts with page text.
    pub(super) fn empty() -> Group {
        Group {
            text: String::new(),
            parts: Vec::new(),
            templates: 0,
            pending: String::new(),
            depth: TableDepth::default(),
            first_output: None,
        }
    }

    pub(super) fn page_text(&mut self, text: &str) {
        self.text.push_str(text);
        self.pending.push_str(text);
        self.depth.feed(text);
    }

    fn template(&mut self, part: &str, output: &str) {
        if self.first_output.is_none() {
            self.first_output = Some((self.text.len(), self.pending.clone()));
        }
        self.flush();
        self.parts.push(renumber(part, self.templates));
        self.templates += 1;
        self.text.push_str(output);
        self.depth.feed(output);
    }

    fn flush(&mut self) {
        if !self.pending.is_empty() {
            let mut s = String::with_capacity(self.pending.len() + 2);
            super::push_json_string(&mut s, &self.pending);
            self.parts.push(s);
            self.pending.clear();
        }
    }

    /// The group's `data-mw`.
    pub(super) fn data_mw(&mut self) -> String {
        self.flush();
        format!("{{\"parts\":[{}]}}", self.parts.join(","))
    }

    /// The group's `data-mw` without the first `skip` bytes of the page
    /// text before its first template (cells left out of it).
    fn data_mw_skipping(&mut self, skip: usize) -> String {
        self.flush();
        let lead = match &self.first_output {
            Some((_, lead)) if skip > 0 && !lead.is_empty() => lead.get(skip..),
            _ => None,
        };
        let Some(lead) = lead else { return self.data_mw() };
        let mut parts = Vec::with_capacity(self.parts.len());
        if !lead.is_empty() {
            let mut s = String::with_capacity(lead.len() + 2);
            super::push_json_string(&mut s, lead);
            parts.push(s);
        }
        parts.extend(self.parts[1..].iter().cloned());
        format!("{{\"parts\":[{}]}}", parts.join(","))
    }
}

/// A template part (as `data_mw` writes it, `"i":0`) with index `i`.
fn renumber(part: &str, i: usize) -> String {
    match part.strip_suffix(",\"i\":0}}") {
        Some(head) => format!("{head},\"i\":{i}}}}}"),
        None => part.to_string(),
    }
}

/// Whether the top-level node `id` starts a line of the page.
pub(super) fn at_top_line_start(em: &Emitter<'_>, id: NodeId) -> bool {
    let tree = em.tree;
    if tree.parent(id).map(|p| tree.kind(p)) != Some(SyntaxKind::DOCUMENT) {
        return false;
    }
    let start = tree.range(id).start;
    start == 0 || tree.src().as_bytes().get(start - 1) == Some(&b'\n')
}

/// Take the siblings after `first` into `group` until its table depth is
/// back to zero; returns the last sibling taken (`first` if none).
pub(super) fn take_siblings(em: &mut Emitter<'_>, first: NodeId, group: &mut Group) -> NodeId {
    let tree = em.tree;
    let mut last = first;
    while group.depth.depth > 0 {
        let Some(next) = tree.next_sibling(last) else { break };
        take_node(em, next, group);
        last = next;
    }
    last
}

/// Add a node's wikitext to the group: the templates in it (outside
/// extension tags and comments, which keep their text) expanded.
pub(super) fn take_node(em: &mut Emitter<'_>, id: NodeId, group: &mut Group) {
    let tree = em.tree;
    let mut stack = vec![id];
    while let Some(n) = stack.pop() {
        match tree.kind(n) {
            SyntaxKind::TEMPLATE => {
                let transclusion = em.take_expansion(n);
                match super::preprocessor::part(em, n, &transclusion.kind) {
                    // Braces that are no call stay as written.
                    None => group.page_text(tree.text(n)),
                    Some(part) if transclusion.page_property.is_some() => group.template(&part, ""),
                    Some(part) => group.template(&part, &transclusion.output),
                }
            }
            SyntaxKind::EXTENSION_TAG | SyntaxKind::COMMENT => group.page_text(tree.text(n)),
            _ if tree.first_child(n).is_none() => group.page_text(tree.text(n)),
            _ => {
                let at = stack.len();
                stack.extend(tree.children(n));
                stack[at..].reverse();
            }
        }
    }
}

/// Whether a template's output, in a table cell, would make more of the
/// cell than content: a `|` (attributes, unless the cell has them, or
/// another cell; `!!` in a header cell), or a table line. Pipes in links and `<nowiki>` do not count.
/// Output that starts with `|` (when `leading_pipe`: not `{{!}}`'s literal
/// pipe) starts a cell of its own, which Parsoid reads again with the cell
/// it is in (`|title='a'|` and `|y` make `|title='a'||y`, two cells).
pub(super) fn splits_cell(output: &str, header: bool, has_attributes: bool, leading_pipe: bool) -> bool {
    let b = output.as_bytes();
    let (mut links, mut i) = (0u32, 0);
    while i < b.len() {
        let rest = &b[i..];
        if rest.starts_with(b"[[") {
            links += 1;
            i += 2;
        } else if rest.starts_with(b"]]") {
            links = links.saturating_sub(1);
            i += 2;
        } else if rest.len() >= 7 && rest[..7].eq_ignore_ascii_case(b"<nowiki") {
            let close = memchr::memmem::find(rest, b"</nowiki>").or_else(|| memchr::memmem::find(rest, b"</NOWIKI>"));
            match close {
                Some(c) => i += c + 9,
                None => return false,
            }
        } else {
            match b[i] {
                // Once the cell has its attributes, only `||` starts more.
                b'|' if links == 0 && (!has_attributes || (i == 0 && leading_pipe) || rest.starts_with(b"||")) => return true,
                b'!' if header && rest.starts_with(b"!!") => return true,
                b'\n' => {
                    let line = output[i + 1..].trim_start_matches([' ', '\t']);
                    if line.starts_with(['|', '!']) {
                        return true;
                    }
                }
                _ => {}
            }
            i += 1;
        }
    }
    false
}

/// Read a page table's cell again with its templates expanded, when one of
/// them makes it more than content (`{{attrs}}` = `style=".." | x`, or
/// `a||b`): the cell and what its text now makes (attributes, more cells)
/// are one transclusion, whose parts start with the cell's page text
/// (`"|align=center "`). Returns false, with the expansions kept for the
/// normal rendering, when no template does.
pub(super) fn reread_cell(em: &mut Emitter<'_>, id: NodeId) -> bool {
    let tree = em.tree;
    let header = tree.kind(id) == SyntaxKind::TABLE_HEADER_CELL;
    let has_attributes = tree.child_of_kind(id, SyntaxKind::ATTRIBUTES).is_some();
    let mut splits = false;
    // Whether the cell's child is at a line start (after comments and spaces).
    let mut sol = false;
    for c in tree.children(id) {
        let kind = tree.kind(c);
        let mut stack = vec![c];
        while let Some(n) = stack.pop() {
            match tree.kind(n) {
                SyntaxKind::TEMPLATE => {
                    let t = em.peek_expansion(n);
                    let literal_pipe = matches!(
                        t.kind,
                        wikitext_expand::TransclusionKind::Variable { variable: wikitext_site::Variable::Pipe }
                    );
                    // Output at a line start that starts a cell starts one.
                    let starts_line = n == c && sol && t.output.trim_start_matches([' ', '\t']).starts_with(['|', '!']);
                    if starts_line || splits_cell(&t.output, header, has_attributes, !literal_pipe) {
                        splits = true;
                        break;
                    }
                }
                // Templates in attributes expand where the attributes are read.
                SyntaxKind::EXTENSION_TAG | SyntaxKind::COMMENT | SyntaxKind::ATTRIBUTES => {}
                _ => stack.extend(tree.children(n)),
            }
        }
        if splits {
            break;
        }
        sol = match kind {
            SyntaxKind::NEWLINE => true,
            SyntaxKind::COMMENT | SyntaxKind::WHITESPACE => sol,
            SyntaxKind::TEXT => sol && tree.text(c).trim_matches([' ', '\t']).is_empty(),
            _ => false,
        };
    }
    if !splits {
        return false;
    }
    let mut group = Group::empty();
    let mut first = true;
    // Bytes of the page text the read text leaves out (`||`'s first `|`).
    let mut dropped = 0;
    for c in tree.children(id) {
        if first && tree.kind(c) == SyntaxKind::MARKER {
            // `||` and `!!` start a cell of their own once read again.
            let marker = tree.text(c);
            group.text.push_str(&marker[..1]);
            group.pending.push_str(marker);
            dropped = marker.len() - 1;
        } else if tree.kind(c) == SyntaxKind::NEWLINE && tree.next_sibling(c).is_none() {
            // A cell of several lines ends with the line break before the
            // next table line: read, but no part of the transclusion.
            group.text.push('\n');
        } else {
            take_node(em, c, &mut group);
        }
        first = false;
    }
    let r = em.range(id);
    const OPEN: &str = "{|\n";
    let mut text = String::with_capacity(group.text.len() + 6);
    text.push_str(OPEN);
    text.push_str(&group.text);
    text.push_str("\n|}");
    let output_start = group.first_output.as_ref().map_or(0, |(at, _)| OPEN.len() + at);
    super::preprocessor::emit_cells(em, r, &text, output_start, |cells_start| match cells_start {
        // Cells of page text alone before the template's are not its:
        // its parts start where its first cell does.
        Some(at) if at > OPEN.len() => group.data_mw_skipping(at - OPEN.len() + dropped),
        _ => group.data_mw(),
    });
    true
}

/// A template at a line start in a table row (not in a cell) whose output
/// starts a cell (`| style=".." | ` or `!x`): its line, the page text after
/// it included, is read as the row's cells, one transclusion. Returns the
/// line's last node, or `None` (the expansion kept) when the output starts
/// no cell.
pub(super) fn template_cells(em: &mut Emitter<'_>, id: NodeId) -> Option<NodeId> {
    if em.foreign_range.is_some() {
        return None;
    }
    let tree = em.tree;
    if !em.peek_expansion(id).output.trim_start_matches([' ', '\t']).starts_with(['|', '!']) {
        return None;
    }
    let transclusion = em.take_expansion(id);
    let Some(part) = super::preprocessor::part(em, id, &transclusion.kind) else {
        em.expansions.insert(id, transclusion);
        return None;
    };
    let mut group = Group::new(part, &transclusion.output);
    let mut last = id;
    while let Some(next) = tree.next_sibling(last).filter(|&n| tree.kind(n) != SyntaxKind::NEWLINE) {
        take_node(em, next, &mut group);
        last = next;
    }
    let r = em.range(id).start..em.range(last).end;
    const OPEN: &str = "{|\n";
    let mut text = String::with_capacity(group.text.len() + 6);
    text.push_str(OPEN);
    text.push_str(&group.text);
    text.push_str("\n|}");
    super::preprocessor::emit_cells(em, r, &text, OPEN.len(), |_| group.data_mw());
    Some(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth(pieces: &[&str]) -> u32 {
        let mut d = TableDepth::default();
        for p in pieces {
            d.feed(p);
        }
        d.depth
    }

    #[test]
    fn table_depth_counts_line_starts_only() {
        assert_eq!(depth(&["{|\n|a\n"]), 1);
        assert_eq!(depth(&["{|\n|a\n|}"]), 0);
        assert_eq!(depth(&["x {|\n"]), 0);
        assert_eq!(depth(&["  {| class=x\n{|\n|}\n"]), 1);
        // `{` and `{{!}}`'s `|` meet across pieces.
        assert_eq!(depth(&["{", "|", " class=x\n"]), 1);
        // A close with nothing open stays at zero.
        assert_eq!(depth(&["|}\n{|"]), 1);
    }

    #[test]
    fn what_splits_a_cell() {
        assert!(splits_cell("style=\"x\" | a", false, false, true));
        assert!(!splits_cell("style=\"x\" | a", false, true, true));
        assert!(splits_cell("a||b", false, true, true));
        assert!(splits_cell("a\n|b", false, false, true));
        assert!(!splits_cell("[[a|b]] c", false, false, true));
        assert!(!splits_cell("<nowiki>|</nowiki>", false, false, true));
        assert!(!splits_cell("a!!b", false, false, true));
        assert!(splits_cell("a!!b", true, false, true));
        // A cell's own start, after the cell's attributes; not `{{!}}`'s pipe.
        assert!(splits_cell("|y", false, true, true));
        assert!(!splits_cell("|y", false, true, false));
    }

    #[test]
    fn renumber_sets_the_index() {
        assert_eq!(renumber(r#"{"template":{"target":{"wt":"a"},"params":{},"i":0}}"#, 2), r#"{"template":{"target":{"wt":"a"},"params":{},"i":2}}"#);
    }
}
