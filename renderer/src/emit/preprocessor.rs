//! Templates, parameters and language converter markup.
//!
//! This is where template expansion splices in: a later stage expands a
//! `TEMPLATE` against the [`Site`](crate::Site), tokenizes the result on
//! its own and emits its tokens here, wrapped for `typeof="mw:Transclusion"`.
//! Until then a transclusion renders as Parsoid renders a missing template:
//! a red link to the template page, wrapped with its `data-mw`.

use crate::token::thin_vec;
use wikitext_expand::TransclusionKind;
use wikitext_parser::{NodeId, SyntaxKind};

use std::borrow::Cow;

use html5ever::tendril::StrTendril;
use rustc_hash::FxHashMap;

use super::{push_json_string, table_groups, Emitter, Tok};
use crate::token::{Attr, Token};
use wikitext_site::title::Title;

const NS_TEMPLATE: i32 = 10;

/// The reserved attributes of the markers around a transclusion's tokens.
/// Their names hold a space, so no page markup can write them; the
/// `transclusions` DOM pass reads and removes the markers.
pub(crate) const MARKER_START: &str = "wt transclusion";
pub(crate) const MARKER_END: &str = "wt transclusion-end";
/// On the start marker: the transclusion's `data-mw`.
pub(crate) const MARKER_DATA_MW: &str = "wt data-mw";
/// On the start marker: the page text since the previous transclusion
/// ended, which becomes a string part if the two share an encapsulation.
pub(crate) const MARKER_GAP: &str = "wt gap";

/// On markers put inside a table cell (they would be fostered out of a
/// row): the `transclusions` pass moves them out beside the cell.
pub(crate) const MARKER_IN_CELL: &str = "wt in-cell";

/// On the start marker: the encapsulation's `typeof` when it is not
/// `mw:Transclusion` (`mw:Param` for a parameter on the page itself).
pub(crate) const MARKER_TYPEOF: &str = "wt typeof";

/// On the end marker: tokens were emitted between the markers (output
/// that tree building may still drop whole, `<tr></tr>` outside a table).
pub(crate) const MARKER_HAD_OUTPUT: &str = "wt had-output";

/// Gaps longer than this never join two transclusions' parts.
const MAX_GAP: usize = 256;

pub(super) fn template(em: &mut Emitter<'_>, id: NodeId) {
    let tree = em.tree;
    if em.foreign_range.is_some() {
        // Braces left in expanded output are text (MediaWiki expands once).
        em.text(tree.text(id));
        return;
    }
    if super::ext_links::templated_url_link(em, id) {
        return;
    }
    let transclusion = em.take_expansion(id);
    if let TransclusionKind::MissingTemplate { title } = &transclusion.kind {
        // Parsed once (by the expander), for the part's `href` and the red link.
        let parsed = match transclusion.missing_title {
            Some(parsed) => Some(parsed),
            None => Title::parse(title, 0, em.site),
        };
        match parsed {
            Some(title) => {
                // Room for the red link's query, added after the part is made.
                let href = if em.text_only { String::new() } else { title.href_with_room(super::wiki_links::RED_LINK_QUERY.len()) };
                let part = missing_template_part(em, id, &href);
                missing_template(em, id, part, &title, href);
            }
            None => em.text(tree.text(id)),
        }
        return;
    }
    let part = part(em, id, &transclusion.kind);
    match (&transclusion.kind, part) {
        // Not a transclusion: the braces are text, the insides render.
        (TransclusionKind::Literal, _) => em.children(id),
        (_, None) => em.text(tree.text(id)),
        (_, Some(part)) => match &transclusion.page_property {
            Some((name, value)) => page_property(em, id, wrap_part(&part), name, value),
            None if table_groups::at_top_line_start(em, id) => {
                let mut group = table_groups::Group::new(part, &transclusion.output);
                if group.depth.depth == 0 {
                    let before = em.out.len();
                    wrap_output(em, id, group.data_mw(), &transclusion.output);
                    table_after(em, id, &transclusion.output);
                    line_start_after(em, id, &transclusion.output, before);
                } else {
                    // The output leaves a table open: the page text and
                    // templates up to its end are read with it.
                    let last = table_groups::take_siblings(em, id, &mut group);
                    let r = em.tree.range(id).start as u32..em.tree.range(last).end as u32;
                    let data_mw = group.data_mw();
                    let index = start_marker(em, r.clone(), data_mw);
                    emit_expanded(em, r, &group.text);
                    end_marker(em, index);
                    em.resume_after = Some(last);
                }
            }
            None => {
                let mut output = transclusion.output.as_str();
                if transclusion.line_break_added {
                    // MediaWiki's line break before the output (T2529) is
                    // no part of it: the transclusion starts on the new line.
                    if let Some(rest) = output.strip_prefix('\n') {
                        em.out.push(Tok::Newline);
                        output = rest;
                    }
                }
                let before = em.out.len();
                wrap_output(em, id, wrap_part(&part), output);
                line_start_after(em, id, output, before);
            }
        },
    }
}

/// Whether a template in `node` (not one inside another's arguments)
/// expands to a wiki link (a missing template renders as one). A link's
/// text or a cell's attributes holding one are then no link and no
/// attributes: MediaWiki reads them as text.
pub(super) fn template_makes_link(em: &mut Emitter<'_>, part: NodeId) -> bool {
    let tree = em.tree;
    let mut stack = vec![part];
    while let Some(node) = stack.pop() {
        for child in tree.children(node) {
            if tree.kind(child) != SyntaxKind::TEMPLATE {
                stack.push(child);
            } else if template_makes_link_at(em, child) {
                return true;
            }
        }
    }
    false
}

/// Whether the `TEMPLATE` node `template` expands to a wiki link.
pub(super) fn template_makes_link_at(em: &mut Emitter<'_>, template: NodeId) -> bool {
    let expansion = em.peek_expansion(template);
    let output = match &expansion.kind {
        TransclusionKind::MissingTemplate { .. } => return true,
        TransclusionKind::Template { .. } | TransclusionKind::ParserFunction { .. } | TransclusionKind::SiteFunction { .. }
            if expansion.output.contains("[[") =>
        {
            expansion.output.clone()
        }
        _ => return false,
    };
    let sub = wikitext_parser::parse_fragment_with(&output, em.expander().parse_options());
    sub.descendants(sub.root()).any(|d| sub.kind(d) == SyntaxKind::WIKI_LINK)
}

/// A transclusion's single part in its `data-mw` (`"i":0`); `None` when
/// the braces are no transclusion (MediaWiki leaves their text).
pub(super) fn part(em: &Emitter<'_>, id: NodeId, kind: &TransclusionKind) -> Option<String> {
    let tree = em.tree;
    let name_wt = tree.child_of_kind(id, SyntaxKind::TEMPLATE_NAME).map_or("", |n| tree.text(n));
    let (function, target) = match kind {
        TransclusionKind::Literal => return None,
        TransclusionKind::MissingTemplate { title } => {
            // `title` is a whole prefixed title (`Template:Foo`, or
            // `Page/Sub` for a relative transclusion): no default namespace.
            let title = Title::parse(title, 0, em.site)?;
            return Some(missing_template_part(em, id, &title.href()));
        }
        TransclusionKind::SiteFunction { function } => return Some(function_part(em, id, function.id())),
        TransclusionKind::ParserFunction { function } if em.site.info().parser_function_v3_output => {
            return Some(function_part(em, id, function.id()));
        }
        TransclusionKind::ParserFunction { function } => (Some(function.id()), None),
        TransclusionKind::Variable { variable } => (Some(variable.id()), None),
        TransclusionKind::Template { target, .. } => (None, Some(target.as_str())),
        _ => (None, None),
    };
    // The link goes to the template as resolved (comments dropped,
    // templated names expanded, entities decoded).
    let href = target
        .and_then(|t| Title::parse(&wikitext_site::entities::decode_entities(t), NS_TEMPLATE, em.site))
        .map(|t| t.href());
    Some(template_part(em, id, name_wt, function, href.as_deref()))
}

/// The part of a transclusion of the missing template `title`.
fn missing_template_part(em: &Emitter<'_>, id: NodeId, href: &str) -> String {
    let name_wt = em.tree.child_of_kind(id, SyntaxKind::TEMPLATE_NAME).map_or("", |n| em.tree.text(n));
    template_part(em, id, name_wt, None, Some(href))
}

/// `data-mw` of one part.
fn wrap_part(part: &str) -> String {
    super::concat(&[r#"{"parts":["#, part, "]}"])
}

/// A template page that does not exist renders as Parsoid renders it: the
/// red link to the page is itself the transclusion's element.
fn missing_template(em: &mut Emitter<'_>, id: NodeId, part: String, title: &Title, href: String) {
    let r = em.range(id);
    let about = em.next_about();
    let mut data_mw = wrap_part(&part);
    let link_title = title.prefixed_text();
    let mut text = link_title.clone();
    // The red link takes a link trail (`{{nbsp}}p`), which joins the
    // transclusion as a string part.
    let trail = em.tree.next_sibling(id).filter(|&n| em.tree.kind(n) == SyntaxKind::TEXT).map_or(0, |n| {
        let after = em.tree.text(n);
        em.site.link_trail_len(after)
    });
    if trail > 0 {
        let next = em.tree.next_sibling(id).map(|n| em.tree.text(n)).unwrap_or("");
        let trail_text = &next[..trail];
        text.push_str(trail_text);
        if let Some(stripped) = data_mw.strip_suffix("]}") {
            let mut part = String::new();
            push_json_string(&mut part, trail_text);
            data_mw = format!("{stripped},{part}]}}");
        }
        em.skip_text = trail;
    }
    let attrs = if em.text_only {
        // What the passes and the text walk read: a missing template's link.
        thin_vec![
            Attr::new("rel", "mw:WikiLink"),
            Attr::new("about", about),
            Attr::new("typeof", "mw:Transclusion mw:LocalizedAttrs"),
            Attr::new("class", "new"),
            Attr::new("data-mw", data_mw),
        ]
    } else {
        let mut i18n = String::with_capacity(64 + text.len());
        i18n.push_str(r#"{"title":{"lang":"x-page","key":"red-link-title","params":["#);
        push_json_string(&mut i18n, &link_title);
        i18n.push_str("]}}");
        thin_vec![
            Attr::new("rel", "mw:WikiLink"),
            Attr::new("href", href + super::wiki_links::RED_LINK_QUERY),
            Attr::new("title", link_title),
            Attr::new("about", about),
            Attr::new("typeof", "mw:Transclusion mw:LocalizedAttrs"),
            Attr::new("class", "new"),
            Attr::new("data-mw", data_mw),
            Attr::new("data-mw-i18n", i18n),
        ]
    };
    em.start("a", attrs, Some(r));
    em.text(&text);
    em.end("a");
}

/// `{{DEFAULTSORT:..}}` and `{{DISPLAYTITLE:..}}`: Parsoid's page-property
/// `<meta>` between the markers (the encapsulation pass gives it a span to
/// carry the transclusion). Like a category, it makes no paragraph.
fn page_property(em: &mut Emitter<'_>, id: NodeId, data_mw: String, name: &str, value: &str) {
    let r = em.range(id);
    let index = start_marker(em, r.clone(), data_mw);
    em.void(
        "meta",
        thin_vec![Attr::new("property", format!("mw:PageProp/{name}")), Attr::new("content", value.to_string())],
        Some(r),
    );
    end_marker(em, index);
}

/// Emit an expansion's tokens between two markers. The output is tokenized
/// on its own (Parsoid does not glue it into the page's text) and its
/// tokens join the page's stream, so quotes, lists and paragraphs work
/// across the boundary.
fn wrap_output(em: &mut Emitter<'_>, id: NodeId, data_mw: String, output: &str) {
    let r = em.range(id);
    let index = start_marker(em, r.clone(), data_mw);
    let first = em.out.len();
    if emit_expanded(em, r, output) {
        page_link_trail(em, id);
    }
    page_link_prefix(em, id, first);
    let had_output = em.out.len() > first;
    end_marker(em, index);
    if had_output {
        if let Some(Tok::Html(Token::StartTag { attrs, .. })) = em.out.last_mut() {
            attrs.push(Attr::new(MARKER_HAD_OUTPUT, ""));
        }
    }
}

/// On a wiki with a link prefix charset, output that starts with a wiki
/// link (its own prefix letters taken) takes the page's letters right
/// before the template as more of the link's prefix (`mótmæ{{1x|lenda[[a|b]]}}`),
/// as MediaWiki links the expanded text. The letters move inside the `<a>`,
/// whose start tag's range grows over them, so the transclusion covers them
/// as a string part. `first` is the output's first token, after the start marker.
fn page_link_prefix(em: &mut Emitter<'_>, id: NodeId, first: usize) {
    let starts_with_link = matches!(
        em.out.get(first),
        Some(Tok::Html(Token::StartTag { name, attrs, .. }))
            if name == "a" && attrs.iter().any(|a| a.name == "rel" && a.value == "mw:WikiLink")
    );
    let Some(before_marker) = first.checked_sub(2).filter(|_| starts_with_link) else { return };
    let Some(Tok::Html(Token::Text(before, _))) = em.out.get_mut(before_marker) else { return };
    let len = em.site.link_prefix_len(before);
    let start = em.tree.range(id).start as usize;
    // Only page text right before the template (not another output's end).
    let page_before = em.tree.src().get(..start).unwrap_or_default();
    if len == 0 || !page_before.ends_with(&before[before.len() - len..]) {
        return;
    }
    let prefix = StrTendril::from_slice(&before[before.len() - len..]);
    let mut first = first;
    if len == before.len() {
        em.out.remove(before_marker);
        first -= 1;
    } else {
        // `len` bytes of letters end the text: a character boundary.
        before.pop_back(len as u32);
    }
    if let Some(Tok::Html(Token::StartTag { src: Some(src), .. })) = em.out.get_mut(first) {
        src.start = (start - len) as u32;
    }
    match em.out.get_mut(first + 1) {
        Some(Tok::Html(Token::Text(text, _))) => {
            let mut joined = prefix;
            joined.push_tendril(text);
            *text = joined;
        }
        _ => em.out.insert(first + 1, Tok::Html(Token::text(prefix))),
    }
}

/// Output that ends with a wiki link takes the page's letters after the
/// template as the link's trail (`{{1x|[[Foo]]}}l` links "Fool"), as
/// MediaWiki links the expanded text. The trail goes inside the `<a>`,
/// whose end tag gets the trail's range, so the transclusion covers it
/// and its `data-mw` gains the trail as a string part.
fn page_link_trail(em: &mut Emitter<'_>, id: NodeId) {
    let tree = em.tree;
    let Some(next) = tree.next_sibling(id).filter(|&n| tree.kind(n) == SyntaxKind::TEXT) else { return };
    let text = tree.text(next);
    let len = em.site.link_trail_len(text);
    if len == 0 {
        return;
    }
    let Some(Tok::Html(Token::EndTag { name, .. })) = em.out.last() else { return };
    if name != "a" {
        return;
    }
    let Some(Tok::Html(Token::EndTag { name, .. })) = em.out.pop() else { return };
    em.text(&text[..len]);
    let start = tree.range(next).start as u32;
    em.html(Token::EndTag { name, src: Some(start..start + len as u32) });
    em.skip_text = len;
}

/// Tokenize expanded wikitext on its own and emit its tokens into the
/// page's stream, every node with the range `r` of what it came from.
/// Whether the output ends with a wiki link (and its own trail, if any).
/// Page text right after a template at a line start whose output is empty
/// or ends a line is read at a line start, as MediaWiki reads the expanded
/// page: a `{|` there opens a table, which the page's tokenizer, seeing it
/// mid-line, left as text. The siblings up to the table's end are read
/// again (templates among them are wrapped with that text as one
/// transclusion, as a table a template opens is).
fn table_after(em: &mut Emitter<'_>, id: NodeId, output: &str) {
    let tree = em.tree;
    if !(output.is_empty() || output.ends_with('\n')) {
        return;
    }
    let Some(next) = tree.next_sibling(id) else { return };
    if tree.kind(next) != SyntaxKind::TEXT || !tree.text(next).trim_start_matches([' ', '\t']).starts_with("{|") {
        return;
    }
    let mut group = table_groups::Group::empty();
    table_groups::take_node(em, next, &mut group);
    let last = table_groups::take_siblings(em, next, &mut group);
    let r = tree.range(next).start as u32..tree.range(last).end as u32;
    if group.templates == 0 {
        emit_expanded(em, r, &group.text);
    } else {
        let data_mw = group.data_mw();
        let index = start_marker(em, r.clone(), data_mw);
        emit_expanded(em, r, &group.text);
        end_marker(em, index);
    }
    em.resume_after = Some(last);
}

/// Page text right after a template whose output ends a line starts a
/// line, as MediaWiki reads the expanded page (and Parsoid's token stream
/// patcher reads it again): a list item, heading or rule there, which the
/// page's tokenizer saw mid-line as text, is read again at a line start
/// (`*a {{1x|b\n}}*c` is two items). Only the text node's first line is
/// read; the page's nodes after it follow on that line as they are.
/// `before` is where the template's tokens start.
fn line_start_after(em: &mut Emitter<'_>, id: NodeId, output: &str, before: usize) {
    let tree = em.tree;
    if !output.ends_with('\n') || em.skip_text > 0 {
        return;
    }
    let Some(next) = tree.next_sibling(id).filter(|&n| tree.kind(n) == SyntaxKind::TEXT) else { return };
    let text = tree.text(next);
    if !(text.starts_with(['*', '#', ':', ';', '=']) || text.starts_with("----")) {
        return;
    }
    let line = &text[..text.find('\n').unwrap_or(text.len())];
    let sub = wikitext_parser::parse_fragment_with(line, em.expander().parse_options());
    let starts_block = sub
        .first_child(sub.root())
        .is_some_and(|c| matches!(sub.kind(c), SyntaxKind::LIST_ITEM | SyntaxKind::HEADING | SyntaxKind::HORIZONTAL_RULE));
    if !starts_block {
        return;
    }
    let start = tree.range(next).start as u32;
    // The page's list item around the template ends at the output's line
    // break, not at the end of the page line its tokenizer saw. It starts
    // the line the template is on (the scan stops there: linear).
    let line_before = em.out[..before].iter_mut().rev().take_while(|t| !matches!(t, Tok::Newline));
    if let Some(Tok::ListItem { src, .. }) = line_before.filter(|t| matches!(t, Tok::ListItem { .. })).last() {
        src.end = src.end.min(start);
    }
    emit_expanded(em, start..start + line.len() as u32, line);
    em.skip_text = line.len();
}

fn emit_expanded(em: &mut Emitter<'_>, r: crate::token::SrcRange, output: &str) -> bool {
    em.expanded_bytes += output.len();
    let sub = wikitext_parser::parse_fragment_with(output, em.expander().parse_options());
    let mut nested = em.for_tree(&sub, r.clone());
    let src = em.tree.src().get(r.start as usize..r.end as usize).unwrap_or_default();
    nested.counted_headings = super::headings::heading_lines(src, &em.expander().parse_options().extension_tags);
    nested.out = std::mem::take(&mut em.out);
    nested.open_tags = std::mem::take(&mut em.open_tags);
    nested.children(sub.root());
    em.uncounted_headings += nested.counted_headings;
    em.out = nested.out;
    em.open_tags = nested.open_tags;
    em.about_count = nested.about_count;
    let (mut before_last, mut last) = (None, None);
    for c in sub.children(sub.root()) {
        (before_last, last) = (last, Some(c));
    }
    match last.map(|l| (sub.kind(l), l)) {
        Some((SyntaxKind::WIKI_LINK, _)) => true,
        Some((SyntaxKind::TEXT, l)) => {
            before_last.is_some_and(|b| sub.kind(b) == SyntaxKind::WIKI_LINK)
                && em.site.link_trail_len(sub.text(l)) == sub.text(l).len()
        }
        _ => false,
    }
}

/// Text holding the markers of extension tags an expansion set aside
/// (`wikitext_expand::strip_markers`: the inner ref of
/// `{{#tag:ref|a<ref>b</ref>c}}`, met in the outer ref's body): each
/// marker's tag renders in its place, once; a marker the page did not make,
/// or one met again, is text.
pub(super) fn text_with_set_aside_tags(em: &mut Emitter<'_>, id: NodeId, text: &str) {
    use wikitext_expand::strip_markers::{marker, split_marker};
    let mut rest = text;
    while let Some((before, index, after)) = split_marker(rest) {
        em.text(before);
        let wikitext = em.extensions.borrow().set_aside.borrow_mut().take_for_rendering(index);
        match wikitext {
            Some(wikitext) => {
                let r = em.range(id);
                emit_expanded(em, r, &wikitext);
            }
            None => em.text(&marker(index)),
        }
        rest = after;
    }
    em.text(rest);
}

/// A table cell read again (`table_groups::reread_cell`): `text` is a
/// table around its wikitext; its rows' content is emitted into the
/// current row between the transclusion's markers. Cells of the first row
/// that end by `output_start` (page text alone, before the templates'
/// output) are emitted before the start marker; `data_mw` gets where the
/// first cell inside the markers starts in `text`, when some were.
pub(super) fn emit_cells(
    em: &mut Emitter<'_>,
    r: crate::token::SrcRange,
    text: &str,
    output_start: usize,
    data_mw: impl FnOnce(Option<usize>) -> String,
) {
    em.expanded_bytes += text.len();
    let sub = wikitext_parser::parse_fragment_with(text, em.expander().parse_options());
    let table = sub.children(sub.root()).find(|&c| sub.kind(c) == SyntaxKind::TABLE);
    // The row that continues the page's: the table's first, without `|-`.
    let first_row = table.and_then(|t| {
        sub.children(t)
            .find(|&c| !matches!(sub.kind(c), SyntaxKind::MARKER | SyntaxKind::ATTRIBUTES | SyntaxKind::WHITESPACE | SyntaxKind::NEWLINE))
            .filter(|&c| sub.kind(c) == SyntaxKind::TABLE_ROW && sub.child_of_kind(c, SyntaxKind::MARKER).is_none())
    });
    let is_cell = |c: NodeId| matches!(sub.kind(c), SyntaxKind::TABLE_CELL | SyntaxKind::TABLE_HEADER_CELL);
    // The lead: the first row's children before its first cell that holds output.
    let (mut lead, mut cells_start) = (0, None);
    if let Some(row) = first_row {
        let first_own = sub.children(row).enumerate().find(|&(_, c)| is_cell(c) && sub.range(c).end > output_start);
        if let Some((k, c)) = first_own.filter(|&(k, _)| k > 0 && sub.children(row).take(k).any(is_cell)) {
            lead = k;
            cells_start = Some(sub.range(c).start);
        }
    }
    let mut nested = em.for_tree(&sub, r.clone());
    nested.out = std::mem::take(&mut em.out);
    nested.open_tags = std::mem::take(&mut em.open_tags);
    let emit_row_child = |nested: &mut Emitter<'_>, cell: NodeId| {
        if !matches!(sub.kind(cell), SyntaxKind::ATTRIBUTES | SyntaxKind::WHITESPACE) {
            nested.node(cell);
        }
    };
    if let Some(row) = first_row {
        for cell in sub.children(row).take(lead) {
            emit_row_child(&mut nested, cell);
        }
    }
    em.out = std::mem::take(&mut nested.out);
    em.open_tags = std::mem::take(&mut nested.open_tags);
    let index = start_marker(em, r, data_mw(cells_start));
    let Some(Tok::Html(mut start)) = em.out.pop() else { return };
    let from = em.out.len();
    nested.out = std::mem::take(&mut em.out);
    nested.open_tags = std::mem::take(&mut em.open_tags);
    if let Some(table) = table {
        let mut rows = false;
        for c in sub.children(table) {
            match sub.kind(c) {
                SyntaxKind::MARKER | SyntaxKind::ATTRIBUTES | SyntaxKind::WHITESPACE => {}
                // The lines around the cell's text are ours.
                SyntaxKind::NEWLINE if !rows || sub.next_sibling(c).is_some_and(|n| sub.kind(n) == SyntaxKind::MARKER) => {}
                // The first row continues the page's row.
                _ if Some(c) == first_row => {
                    rows = true;
                    for cell in sub.children(c).skip(lead) {
                        emit_row_child(&mut nested, cell);
                    }
                }
                _ => {
                    rows = true;
                    nested.node(c);
                }
            }
        }
    }
    em.out = nested.out;
    em.open_tags = nested.open_tags;
    em.about_count = nested.about_count;
    // The markers go inside the first and the last cell, where tree
    // building keeps them; the pass moves them out beside the cells.
    let is_cell = |t: &Tok, end: bool| match t {
        Tok::Html(Token::StartTag { name, .. }) if !end => matches!(name.as_ref(), "td" | "th"),
        Tok::Html(Token::EndTag { name, .. }) if end => matches!(name.as_ref(), "td" | "th"),
        _ => false,
    };
    let first = em.out[from..].iter().position(|t| is_cell(t, false)).map(|i| from + i);
    let last = em.out[from..].iter().rposition(|t| is_cell(t, true)).map(|i| from + i);
    match (first, last) {
        (Some(first), Some(last)) if first < last => {
            if let Token::StartTag { attrs, .. } = &mut start {
                attrs.push(Attr::new(MARKER_IN_CELL, "1"));
            }
            let end = Token::StartTag {
                name: "meta".into(),
                attrs: thin_vec![Attr::new(MARKER_END, index), Attr::new(MARKER_IN_CELL, "1")],
                self_closing: true,
                src: None,
            };
            em.out.insert(last, Tok::Html(end));
            em.out.insert(first + 1, Tok::Html(start));
        }
        _ => {
            em.out.insert(from, Tok::Html(start));
            end_marker(em, index);
        }
    }
}

/// A template a URL ran into that the URL holds only the start of
/// (`http://example.com/{{1x|<b>b</b>}}`), made one transclusion with
/// the link: Parsoid reads the URL with the template in it, so the link
/// is the transclusion's first element (its part starting at the link)
/// and the output's rest follows it (a bare URL) or is its text (in
/// brackets). Opened before the `<a>`.
pub(super) struct SpilledOutput {
    index: String,
    range: crate::token::SrcRange,
    /// The output after what the URL took.
    pub(super) rest: String,
}

/// Open [`SpilledOutput`] for the template `id` whose expansion is
/// `transclusion` (taken before it was rendered for the URL's HTML), the
/// URL having taken `taken` bytes of its output.
pub(super) fn open_spilled_output(em: &mut Emitter<'_>, id: NodeId, transclusion: &wikitext_expand::Transclusion, taken: usize) -> Option<SpilledOutput> {
    let part = part(em, id, &transclusion.kind)?;
    let range = em.range(id);
    let index = start_marker(em, range.clone(), wrap_part(&part));
    let rest = transclusion.output.get(taken..).unwrap_or_default().to_string();
    Some(SpilledOutput { index, range, rest })
}

/// The output's rest, tokenized on its own as any output is.
pub(super) fn emit_spilled_rest(em: &mut Emitter<'_>, spill: &SpilledOutput) {
    emit_expanded(em, spill.range.clone(), &spill.rest);
}

pub(super) fn close_spilled_output(em: &mut Emitter<'_>, spill: SpilledOutput) {
    end_marker(em, spill.index);
}

/// The marker before a transclusion's tokens; returns its pairing index.
fn start_marker(em: &mut Emitter<'_>, r: crate::token::SrcRange, data_mw: String) -> String {
    let index = em.transclusion_count.to_string();
    em.transclusion_count += 1;
    let mut attrs = thin_vec![Attr::new(MARKER_START, index.clone()), Attr::new(MARKER_DATA_MW, data_mw)];
    if let Some(prev) = em.last_transclusion_end.filter(|&p| p <= r.start && (r.start - p) as usize <= MAX_GAP) {
        if let Some(gap) = em.tree.src().get(prev as usize..r.start as usize) {
            attrs.push(Attr::new(MARKER_GAP, gap.to_owned()));
        }
    }
    em.last_transclusion_end = Some(r.end);
    em.html(Token::StartTag { name: "meta".into(), attrs, self_closing: true, src: Some(r) });
    index
}

fn end_marker(em: &mut Emitter<'_>, index: String) {
    em.html(Token::StartTag { name: "meta".into(), attrs: thin_vec![Attr::new(MARKER_END, index)], self_closing: true, src: None });
}

/// Parameter lists up to this long are searched for repeats by a scan.
const LINEAR_PARAMS: usize = 16;

/// The part every transclusion has when rendering for the text alone
/// ([`crate::RenderOptions::text_only`]).
const TEXT_ONLY_PART: &str = r#"{"template":{"target":{"wt":""},"params":{},"i":0}}"#;

/// Parsoid's `data-mw` part for a transclusion: target and parameters as wikitext.
///
/// Written directly rather than through `serde_json::Value` (this runs per
/// template, and the value tree cost more than the rest of the template's
/// rendering); the output is what `serde_json` would write for the object
/// `{"template":{"target":{"wt","href"},"params":{..},"i":0}}`.
fn template_part(em: &Emitter<'_>, id: NodeId, name_wt: &str, function: Option<&str>, href: Option<&str>) -> String {
    if em.text_only {
        // Only read for its text: a part with nothing in it.
        return TEXT_ONLY_PART.to_string();
    }
    let tree = em.tree;
    // Parameters in first-seen order; a repeated name keeps its first
    // place and takes the last value, as a JSON object built by insertion.
    // Each: key, value, and the key as written when comments made it differ.
    let mut params: Vec<(Cow<'_, str>, &str, Option<&str>)> = Vec::with_capacity(8);
    let mut index: FxHashMap<Cow<'_, str>, usize> = FxHashMap::default();
    let mut position = 0;
    for arg in tree.children(id).filter(|&c| tree.kind(c) == SyntaxKind::TEMPLATE_ARGUMENT) {
        // A parser function's arguments are positional, `=` and all, as
        // Parsoid records them (T410826): what they mean is the function's.
        if function.is_some() {
            position += 1;
            params.push((position_name(position), argument_text(tree, arg), None));
            continue;
        }
        let key_node = tree.child_of_kind(arg, SyntaxKind::ARGUMENT_NAME);
        let value = tree.child_of_kind(arg, SyntaxKind::ARGUMENT_VALUE).map(|v| tree.text(v)).unwrap_or("");
        // Named values are trimmed, as the preprocessor trims them; positional ones are not.
        let value = if key_node.is_some() { value.trim() } else { value };
        let mut written = None;
        let key: Cow<'_, str> = match key_node {
            // Comments in a name are not part of it (T69657); the name as
            // written is kept beside it.
            Some(k) if tree.children(k).any(|c| tree.kind(c) == SyntaxKind::COMMENT) => {
                written = Some(tree.text(k).trim());
                let bare: String = tree
                    .children(k)
                    .filter(|&c| tree.kind(c) != SyntaxKind::COMMENT)
                    .map(|c| tree.text(c))
                    .collect();
                Cow::Owned(bare.trim().to_string())
            }
            Some(k) => Cow::Borrowed(tree.text(k).trim()),
            None => {
                position += 1;
                position_name(position)
            }
        };
        // Most templates have a few parameters: a scan finds a repeat;
        // long lists get a map, so the cost stays linear.
        if params.len() == LINEAR_PARAMS {
            index = params.iter().enumerate().map(|(i, (k, _, _))| (k.clone(), i)).collect();
        }
        let found = if params.len() < LINEAR_PARAMS {
            params.iter().position(|(k, _, _)| *k == key)
        } else {
            index.get(&key).copied()
        };
        match found {
            Some(i) => {
                params[i].1 = value;
                params[i].2 = written;
            }
            None => {
                if params.len() >= LINEAR_PARAMS {
                    index.insert(key.clone(), params.len());
                }
                params.push((key, value, written));
            }
        }
    }
    // Parsoid's `wt` starts at the name: leading blanks and comments go.
    let name_wt = trim_leading_comments(name_wt);
    let mut out = String::with_capacity(64 + name_wt.len() + params.iter().map(|(k, v, _)| k.len() + v.len() + 12).sum::<usize>());
    out.push_str(r#"{"template":{"target":{"wt":"#);
    push_json_string(&mut out, name_wt);
    if let Some(href) = &href {
        out.push_str(r#","href":"#);
        push_json_string(&mut out, href);
    }
    if let Some(function) = function {
        out.push_str(r#","function":"#);
        push_json_string(&mut out, function);
    }
    out.push_str(r#"},"params":{"#);
    for (i, (key, value, written)) in params.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_json_string(&mut out, key);
        out.push_str(r#":{"wt":"#);
        push_json_string(&mut out, value);
        if let Some(written) = written {
            out.push_str(r#","key":{"wt":"#);
            push_json_string(&mut out, written);
            out.push('}');
        }
        out.push('}');
    }
    out.push_str(r#"},"i":0}}"#);
    out
}

/// A parser function's part as Parsoid writes its fragment handlers' (and,
/// with `$wgParsoidExperimentalParserFunctionOutput`, every function's):
/// `{"parserfunction":{"target":{"wt":NAME,"key":ID},"params":...}}`, the
/// text after the colon parameter `1`, the others numbered after it. A
/// named argument keeps its name (`"eq":true` when the name is a number,
/// which a position could be), a repeated name becomes `=INDEX=NAME`, and
/// a parameter whose name is not its position gets its `order`.
fn function_part(em: &Emitter<'_>, id: NodeId, key: &str) -> String {
    if em.text_only {
        return TEXT_ONLY_PART.to_string();
    }
    let tree = em.tree;
    let name_wt = tree.child_of_kind(id, SyntaxKind::TEMPLATE_NAME).map_or("", |n| tree.text(n));
    let (target_wt, first) = match colon_outside_comments(name_wt) {
        Some((at, len)) => (&name_wt[..at], Some(&name_wt[at + len..])),
        None => (name_wt, None),
    };
    // Each argument as written: its name, if it has one, and its text.
    let mut args: Vec<(Option<&str>, &str)> = Vec::new();
    if let Some(first) = first {
        args.push(match equals_outside_markup(first) {
            Some(at) => (Some(first[..at].trim()), first[at + 1..].trim()),
            None => (None, first),
        });
    }
    for arg in tree.children(id).filter(|&c| tree.kind(c) == SyntaxKind::TEMPLATE_ARGUMENT) {
        match tree.child_of_kind(arg, SyntaxKind::ARGUMENT_NAME) {
            Some(name) => {
                let value = tree.child_of_kind(arg, SyntaxKind::ARGUMENT_VALUE).map_or("", |v| tree.text(v));
                args.push((Some(tree.text(name).trim()), value.trim()));
            }
            None => {
                args.push((None, argument_text(tree, arg)));
            }
        }
    }
    let mut out = String::with_capacity(64 + name_wt.len() + args.iter().map(|(_, v)| v.len() + 16).sum::<usize>());
    out.push_str(r#"{"parserfunction":{"target":{"wt":"#);
    push_json_string(&mut out, trim_leading_comments(target_wt).trim_end());
    out.push_str(r#","key":"#);
    push_json_string(&mut out, key);
    out.push_str(r#"},"params":{"#);
    let mut seen: rustc_hash::FxHashSet<String> = rustc_hash::FxHashSet::default();
    let mut positional = 0;
    for (index, (name, value)) in args.into_iter().enumerate() {
        let mut param = match name {
            Some(name) => name.to_string(),
            None => {
                positional += 1;
                positional.to_string()
            }
        };
        if seen.contains(&param) {
            param = format!("={index}={param}");
        }
        if index > 0 {
            out.push(',');
        }
        push_json_string(&mut out, &param);
        out.push_str(r#":{"wt":"#);
        push_json_string(&mut out, value);
        if name.is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())) {
            out.push_str(r#","eq":true"#);
        }
        if param != (index + 1).to_string() {
            out.push_str(r#","order":"#);
            out.push_str(itoa::Buffer::new().format(index + 1));
        }
        out.push('}');
        seen.insert(param);
    }
    out.push_str(r#"},"i":0}}"#);
    out
}

/// A `TEMPLATE_ARGUMENT`'s source after its `|`, as written.
fn argument_text(tree: &wikitext_parser::Tree, arg: NodeId) -> &str {
    let end = tree.range(arg).end;
    let after_bar = tree.children(arg).find(|&c| tree.kind(c) != SyntaxKind::MARKER).map_or(end, |c| tree.range(c).start);
    &tree.src()[after_bar.min(end)..end]
}

/// The first `:` (or a full-width `：`, which Parsoid reads the same after
/// a function's name) in `name` outside `<!-- -->` comments: its byte
/// offset and length.
fn colon_outside_comments(name: &str) -> Option<(usize, usize)> {
    let mut at = 0;
    while at < name.len() {
        let rest = &name[at..];
        if rest.starts_with("<!--") {
            at += rest.find("-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        let c = rest.chars().next()?;
        if c == ':' || c == '：' {
            return Some((at, c.len_utf8()));
        }
        at += c.len_utf8();
    }
    None
}

/// The first `=` in `text` outside nested `{{ }}`, `[[ ]]` and comments,
/// where MediaWiki splits an argument into name and value.
fn equals_outside_markup(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let (mut depth, mut i) = (0usize, 0);
    while i < bytes.len() {
        if bytes[i..].starts_with(b"<!--") {
            i += text[i..].find("-->").map_or(bytes.len() - i, |e| e + 3);
            continue;
        }
        match (bytes[i], bytes.get(i + 1)) {
            (b'{', Some(b'{')) | (b'[', Some(b'[')) => {
                depth += 1;
                i += 2;
                continue;
            }
            (b'}', Some(b'}')) | (b']', Some(b']')) if depth > 0 => {
                depth -= 1;
                i += 2;
                continue;
            }
            (b'=', _) if depth == 0 => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

/// The `typeof` Parsoid gives a transclusion whose only part is `part`:
/// a parser function's part adds `mw:ParserFunction/KEY`.
pub(crate) fn lone_part_typeof(part: &str) -> Option<String> {
    let rest = part.strip_prefix(r#"{"parserfunction":{"target":{"wt":""#)?;
    // The name is a JSON string, in which `","key":"` cannot occur.
    let key_start = rest.find(r#"","key":""#)? + 9;
    let key_len = rest[key_start..].find('"')?;
    Some(format!("mw:Transclusion mw:ParserFunction/{}", &rest[key_start..key_start + key_len]))
}

/// [`lone_part_typeof`] of a whole `data-mw` (`{"parts":[...]}`), when it
/// has one part.
pub(crate) fn data_mw_typeof(data_mw: &str) -> Option<String> {
    let parts = data_mw.strip_prefix(r#"{"parts":["#)?.strip_suffix("]}")?;
    // One part: its index is 0 and it is the last.
    if !parts.ends_with(r#""i":0}}"#) {
        return None;
    }
    lone_part_typeof(parts)
}

/// The name of the `n`th positional parameter (`"1"`, `"2"` ...), borrowed
/// for the first hundred: most templates have a few.
fn position_name(n: usize) -> Cow<'static, str> {
    static NAMES: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| (0..100).map(|i| i.to_string()).collect());
    match NAMES.get(n) {
        Some(name) => Cow::Borrowed(name),
        None => Cow::Owned(itoa::Buffer::new().format(n).to_string()),
    }
}

/// `text` without its leading whitespace and `<!-- -->` comments.
fn trim_leading_comments(mut text: &str) -> &str {
    loop {
        let t = text.trim_start();
        match t.strip_prefix("<!--").and_then(|rest| rest.find("-->").map(|e| &rest[e + 3..])) {
            Some(rest) => text = rest,
            None => return t,
        }
    }
}

pub(super) fn parameter(em: &mut Emitter<'_>, id: NodeId) {
    // On the page itself no parameter is set: the default shows, else the source.
    let tree = em.tree;
    if em.foreign_range.is_some() {
        em.text(tree.text(id));
        return;
    }
    let values: Vec<NodeId> = tree.children(id).filter(|&c| tree.kind(c) == SyntaxKind::ARGUMENT_VALUE).collect();
    // Parsoid's `mw:Param`: the target and the default as written.
    let name_wt = tree.child_of_kind(id, SyntaxKind::ARGUMENT_NAME).map_or("", |n| tree.text(n));
    let mut data_mw = String::with_capacity(64 + tree.text(id).len());
    data_mw.push_str(r#"{"parts":[{"templatearg":{"target":{"wt":"#);
    push_json_string(&mut data_mw, name_wt);
    data_mw.push_str(r#"},"params":{"#);
    for (i, &v) in values.iter().enumerate() {
        if i > 0 {
            data_mw.push(',');
        }
        push_json_string(&mut data_mw, &(i + 1).to_string());
        data_mw.push_str(r#":{"wt":"#);
        push_json_string(&mut data_mw, tree.text(v));
        data_mw.push('}');
    }
    data_mw.push_str(r#"},"i":0}}]}"#);
    let r = em.range(id);
    let index = start_marker(em, r.clone(), data_mw);
    if let Some(Tok::Html(Token::StartTag { attrs, .. })) = em.out.last_mut() {
        attrs.push(Attr::new(MARKER_TYPEOF, "mw:Param"));
    }
    match values.first() {
        // The default is expanded as a whole: templates in it are part of
        // this parameter, not transclusions of their own.
        Some(&default) if tree.descendants(default).any(|d| matches!(tree.kind(d), SyntaxKind::TEMPLATE | SyntaxKind::PARAMETER)) => {
            let output = em.expander().expand_page(tree.text(default));
            emit_expanded(em, r, &output);
        }
        Some(&default) => em.children(default),
        None => {
            // The source as text, its line breaks still breaking lines
            // (`{{{a\n\nb}}}` is two paragraphs).
            for (i, line) in tree.text(id).split('\n').enumerate() {
                if i > 0 {
                    em.out.push(Tok::Newline);
                }
                em.text(line);
            }
        }
    }
    end_marker(em, index);
}

/// Whether `t` is a transclusion marker of the kind `marker` (its attribute).
fn is_marker(t: &Token, marker: &str) -> bool {
    matches!(t, Token::StartTag { name, attrs, .. } if name == "meta" && attrs.iter().any(|a| a.name == marker))
}

/// Where the end marker is when the tokens from `from` up to it are one
/// element (a start tag, its content, its end tag; or a void element).
fn one_element_until_end_marker(tokens: &[Token], from: usize) -> Option<usize> {
    let Some(Token::StartTag { name, self_closing, .. }) = tokens.get(from) else { return None };
    let is_end_marker = |t: &Token| is_marker(t, MARKER_END);
    if *self_closing || super::html_tags::is_void(name) {
        return tokens.get(from + 1).is_some_and(is_end_marker).then_some(from + 1);
    }
    let mut depth = 0usize;
    for (at, t) in tokens.iter().enumerate().skip(from) {
        match t {
            Token::StartTag { name: n, self_closing: false, .. } if n == name => depth += 1,
            Token::EndTag { name: n, .. } if n == name => {
                depth -= 1;
                if depth == 0 {
                    return tokens.get(at + 1).is_some_and(is_end_marker).then_some(at + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// The text and inline HTML of `parts`, rendered where no DOM pass will
/// see them (an attribute's value in `data-mw.attribs`): their
/// transclusion markers become the `<span>` Parsoid writes around inline
/// output (`about`, `typeof`, `data-mw`).
pub(super) fn rendered_with_spans(em: &mut Emitter<'_>, parts: &[NodeId]) -> (String, String) {
    rendered_with_wrappers(em, parts, false)
}

/// [`rendered_with_spans`], except that a transclusion whose output is one
/// element carries its attributes on that element, with no `<span>`
/// around it, as Parsoid encapsulates one element (a URL's HTML in
/// `data-mw.attribs`, where a template may render a link).
pub(super) fn rendered_with_elements(em: &mut Emitter<'_>, parts: &[NodeId]) -> (String, String) {
    rendered_with_wrappers(em, parts, true)
}

fn rendered_with_wrappers(em: &mut Emitter<'_>, parts: &[NodeId], onto_one_element: bool) -> (String, String) {
    let start = em.out.len();
    for &part in parts {
        em.node(part);
    }
    let mut tokens = super::extension_tags::inline_tokens(em.out.split_off(start));
    let mut i = 0;
    while i < tokens.len() {
        if is_marker(&tokens[i], MARKER_END) {
            tokens[i] = Token::end("span");
        } else if is_marker(&tokens[i], MARKER_START) {
            let Token::StartTag { attrs, .. } = &tokens[i] else { unreachable!("a marker is a start tag") };
            let attr = |n: &str| attrs.iter().find(|a| a.name == n).map(|a| a.value.to_string());
            let data_mw = attr(MARKER_DATA_MW).unwrap_or_default();
            let typeof_ = attr(MARKER_TYPEOF).or_else(|| data_mw_typeof(&data_mw)).unwrap_or_else(|| "mw:Transclusion".to_string());
            let about = em.next_about();
            match onto_one_element.then(|| one_element_until_end_marker(&tokens, i + 1)).flatten() {
                Some(end_marker) => {
                    tokens.remove(end_marker);
                    tokens.remove(i);
                    if let Token::StartTag { attrs, .. } = &mut tokens[i] {
                        // In Parsoid's order: the element's own attributes,
                        // `about` and `typeof`, the link classes it adds
                        // later, `data-mw` last.
                        let class = attrs.iter().position(|a| a.name == "class").map(|at| attrs.remove(at));
                        attrs.push(Attr::new("about", about));
                        attrs.push(Attr::new("typeof", typeof_));
                        attrs.extend(class);
                        attrs.push(Attr::new("data-mw", data_mw));
                    }
                }
                None => {
                    let wrapper = thin_vec![Attr::new("about", about), Attr::new("typeof", typeof_), Attr::new("data-mw", data_mw)];
                    tokens[i] = Token::start("span", wrapper);
                }
            }
        }
        i += 1;
    }
    let mut html = String::new();
    super::extension_tags::tokens_html(&tokens, &mut html);
    let text = tokens.iter().filter_map(|t| if let Token::Text(t, _) = t { Some(&**t) } else { None }).collect();
    (text, html)
}
